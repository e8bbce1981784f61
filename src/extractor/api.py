"""The library API: ``extract`` for one text, ``extract_many`` for streams.

Both run the same spaCy pipeline (``pipeline.load_pipeline``) and the same
serialisation; the CLI is a thin layer over ``extract_many``.
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import sources
from .pipeline import load_pipeline
from .serialize import error_record, to_contract
from .sources import InputError, Source

# Characters spaCy's tokenizer and our rules should see as plain spaces. Each is
# replaced one-for-one, so offsets into doc.text are offsets into the input.
_AS_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": " ", "\r": " ", "\t": " "})

BATCH_SIZE = 16  # small enough that output starts at once; no throughput cost measured


def prepare_text(text: str) -> str:
    """Same-length normalisation: NBSP, BOM, CR and tabs become spaces."""
    return text.translate(_AS_SPACE)


def make_doc(nlp: Language, text: str, reference_date: dt.date | None) -> Doc:
    """Tokenise without running the pipeline, with our per-document settings attached."""
    doc = nlp.make_doc(prepare_text(text))
    doc._.source_text = text
    doc._.reference_date_option = reference_date
    return doc


def _parse_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def extract(
    text: str,
    reference_date: dt.date | str | None = None,
    *,
    model: str | None = None,
    path: str | None = None,
) -> dict[str, Any]:
    """Extract entities, dates, quotes and meetings from one article.

    Returns the contract's JSON object (an error record for empty text).
    ``reference_date`` resolves relative dates ("yesterday", "3 December");
    without it the article's dateline is used, else such dates stay null.
    """
    return next(extract_many([sources.from_text(text, path)], reference_date, model=model))


def extract_many(
    inputs: Iterable[Source | str],
    reference_date: dt.date | str | None = None,
    *,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[dict[str, Any]]:
    """Stream one result per input, in input order; a bad input yields an error record.

    Inputs are strings or ``sources.Source`` objects; they are consumed lazily
    and processed with ``nlp.pipe`` in batches, so output starts at once and
    memory stays flat however many inputs there are.
    """
    ref = _parse_date(reference_date)
    nlp = load_pipeline(model)
    failures: deque[str] = deque()

    def on_error(name: str, component: Any, docs: list[Doc], exc: Exception) -> None:
        failures.append(f"{name}: {type(exc).__name__}: {exc}")

    # Our rule components run through spaCy's per-doc loop, which reports a
    # crash to this handler and drops the doc; flush_until() turns it into an
    # error record. (nlp.set_error_handler would fail on the Cython parser.)
    nlp.default_error_handler = on_error
    pending: deque[Source] = deque()

    def docs() -> Iterator[tuple[Doc, Source]]:
        for item in inputs:
            source = sources.from_text(item) if isinstance(item, str) else item
            pending.append(source)
            if source.error is None:
                yield make_doc(nlp, source.text, ref), source

    def flush_until(source: Source | None) -> Iterator[dict[str, Any]]:
        """Emit records for inputs queued before ``source``: bad inputs, or dropped docs."""
        while pending and pending[0] is not source:
            skipped = pending.popleft()
            if skipped.error is not None:
                yield error_record(skipped, skipped.error)
            else:
                reason = failures.popleft() if failures else "processing failed"
                yield error_record(skipped, InputError("processing_failed", reason))

    for doc, source in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield from flush_until(source)
        pending.popleft()
        yield to_contract(doc, source)
    yield from flush_until(None)
