"""Load a spaCy pipeline and add our components to it.

The default is the English news pipeline we ship (``models/en_extractor_news``
in a checkout, ``extractor/_model`` inside an installed wheel). ``--model``
takes a path to any spaCy pipeline directory or the name of an installed one
such as ``en_core_web_sm`` (found by ``locate``, without spaCy).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import load_config, registry

from . import blas, facts  # noqa: F401  (facts declares the Doc extensions)
from .components import dates, entities, gazetteer, lemmas, meetings, mentions, paragraphs, quotes  # noqa: F401
from .locate import DEFAULT_MODEL_NAME, ModelNotFound, default_model_path, locate  # noqa: F401  (re-exported)

PARAGRAPHS = "extractor_paragraphs"
LEMMAS = "extractor_lemmas"
TRAINABLE_LEMMATIZER = "trainable_lemmatizer"  # ours; official pipelines have a rule "lemmatizer"

# Our components in the order they run; each reads what the earlier ones stored.
COMPONENTS = (
    "extractor_gazetteer",
    "extractor_entities",
    "extractor_mentions",
    "extractor_dates",
    "extractor_quotes",
    "extractor_meetings",
)


SPACY_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
SAVED_TOKENIZER = "extractor.saved_tokenizer.v1"


@registry.tokenizers(SAVED_TOKENIZER)
def saved_tokenizer() -> Callable[[Language], Tokenizer]:
    """An empty spaCy tokenizer, for a pipeline whose saved tokenizer is loaded onto it (``Tokenizer.from_disk``)."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _tokenizer_config(where: Path | str) -> dict:
    """The config override that spares building a tokenizer only to replace it.

    ``spacy.load`` builds spaCy's tokenizer from the language's defaults (some
    2,700 special cases and the affix rules), then ``from_disk`` resets every
    part of it and loads the pipeline's saved one: 0.06 s of a cold start. A
    pipeline directory that asks for spaCy's tokenizer and holds it saved gets
    an empty one to load it onto: the same tokenizer, built once. Anything else
    (an installed package's name, another tokenizer) loads as spaCy does.
    """
    if isinstance(where, str) or not (where / "tokenizer").is_file():
        return {}
    try:
        tokenizer = load_config(where / "config.cfg", interpolate=False)["nlp"]["tokenizer"]
    except Exception:  # noqa: BLE001 - a broken config is for spacy.load to report
        return {}
    return {"nlp": {"tokenizer": {"@tokenizers": SAVED_TOKENIZER}}} if tokenizer == SPACY_TOKENIZER else {}


def _load_base(model: str | None) -> Language:
    where = locate(model)
    try:
        return spacy.load(where, config=_tokenizer_config(where))
    except OSError as exc:
        if isinstance(where, str):
            raise ModelNotFound(f"{model}: no such pipeline directory or installed spaCy package") from exc
        raise ModelNotFound(f"{where}: not a pipeline spaCy can load ({exc})") from exc
    except Exception as exc:  # a broken config.cfg: a clear one-line error, not a traceback
        raise ModelNotFound(f"{where}: not a pipeline spaCy can load ({type(exc).__name__}: {exc})") from exc


def load_pipeline(model: str | None = None) -> Language:
    """The base pipeline with our components appended (loaded once per model)."""
    return _load_pipeline(model)


@functools.lru_cache(maxsize=4)
def _load_pipeline(model: str | None) -> Language:
    nlp = _load_base(model)
    blas.use_numpy_blas(nlp)  # thinc's BLIS takes a generic kernel on many CPUs: see extractor.blas
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")  # sentence boundaries at paragraph breaks
    if TRAINABLE_LEMMATIZER in nlp.pipe_names and LEMMAS not in nlp.pipe_names:
        # known words' lemmas from rule tables, the others from the trained lemmatizer, which ours stands in for
        nlp.add_pipe(LEMMAS, after=TRAINABLE_LEMMATIZER, config={"trained": TRAINABLE_LEMMATIZER}).initialize()
        nlp.disable_pipe(TRAINABLE_LEMMATIZER)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            pipe = nlp.add_pipe(name, last=True)
            if hasattr(pipe, "initialize"):
                pipe.initialize(nlp=nlp)  # loads the component's patterns for this label scheme
    return nlp
