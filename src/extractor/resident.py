"""The pipeline of a process that keeps it until it exits: the CLI's, a ``--jobs`` worker's.

Importing spaCy and loading the pipeline allocate some 100,000 objects that
all live to the end. Left to itself, the cyclic garbage collector walks them
again and again while they pile up (some 0.1 s of a cold start), then once
more at exit (some 0.2 s). So the collector is paused while they load, and
they are frozen out of its way (``gc.freeze``) once loaded; the few cycles
that loading leaves behind stay (they free no memory when collected).
Only for processes we own: freezing takes every object alive at that moment,
so the library's ``pipeline.load_pipeline`` does neither.
"""
from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def load_resident(model: str | None = None) -> Language:
    """The loaded pipeline (spaCy imported here), its objects frozen; the collector's thresholds as they were."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)  # a zero threshold, not gc.disable(): srsly's msgpack reader enables the collector again
    try:
        from .pipeline import load_pipeline

        nlp = load_pipeline(model)
        gc.freeze()
        return nlp
    finally:
        gc.set_threshold(*thresholds)
