"""Load a spaCy pipeline and add our components to it.

The default is the English news pipeline we ship (``models/en_extractor_news``
in a checkout, ``extractor/_model`` inside an installed wheel). ``--model``
takes a path to any spaCy pipeline directory or the name of an installed one
such as ``en_core_web_sm``.
"""
from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

from . import facts  # noqa: F401  (declares the Doc extensions)
from .components import dates, entities, gazetteer, meetings, mentions, quotes  # noqa: F401  (register factories)

DEFAULT_MODEL_NAME = "en_extractor_news"

# Our components in the order they run; each reads what the earlier ones stored.
COMPONENTS = (
    "extractor_gazetteer",
    "extractor_entities",
    "extractor_mentions",
    "extractor_dates",
    "extractor_quotes",
    "extractor_meetings",
)


class ModelNotFound(Exception):
    """The requested pipeline is neither a directory nor an installed package."""


def default_model_path() -> Path:
    """Where the shipped pipeline lives: inside the wheel, else in the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_model", here.parents[1] / "models" / DEFAULT_MODEL_NAME):
        if (candidate / "config.cfg").is_file():
            return candidate
    raise ModelNotFound(
        f"the shipped pipeline {DEFAULT_MODEL_NAME!r} is missing from this installation; "
        "reinstall extractor or pass --model"
    )


def _load_base(model: str | None) -> Language:
    if model is None:
        return spacy.load(default_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.cfg").is_file():
            raise ModelNotFound(f"{model}: not a spaCy pipeline directory (no config.cfg)")
        return spacy.load(path)
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"{model}: no such pipeline directory or installed spaCy package"
        ) from exc


def load_pipeline(model: str | None = None) -> Language:
    """The base pipeline with our components appended (loaded once per model)."""
    return _load_pipeline(model)


@functools.lru_cache(maxsize=4)
def _load_pipeline(model: str | None) -> Language:
    nlp = _load_base(model)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
