"""The library API: ``extract`` for one text, ``extract_many`` for streams.

Both run the same spaCy pipeline (``pipeline.load_pipeline``) and the same
serialisation; the CLI is a thin layer over ``extract_many``, the one path
that turns inputs into records. It never raises for a bad input: every item
gives exactly one record, a result or an error, in input order.

How a batch runs: the statistical components (tagger, parser, NER, and any
component placed before ours) parse each text in pieces of at most
``pieces.PIECE_CHARS`` characters, in batches bounded in count and size; the
pieces of a text are joined into one Doc, which our rule components then
read whole. A component that fails on a text costs that text only.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import pieces, sources
from .serialize import error_record, to_contract
from .sources import InputError, Source
from .text import as_spaces

if TYPE_CHECKING:  # spaCy is imported where a pipeline is loaded: `extract --help` and --jobs' parent never need it
    from spacy.language import Language
    from spacy.tokens import Doc

# Line breaks other than LF (a lone CR, form feed, Unicode line and paragraph separators): read as "\n".
_LINE_BREAKS = re.compile(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

BATCH_SIZE = 16  # texts or pieces parsed together: output starts at once; no throughput cost measured
BATCH_CHARS = 50_000  # and at most this many characters, so peak memory stays flat for long texts


def component_text(text: str) -> str:
    """The text our components read: every line break is a "\\n" (same length as ``text``)."""
    return _LINE_BREAKS.sub("\n", text)


def prepare_text(text: str) -> str:
    """What the tokenizer reads: line breaks as "\\n"; NBSP, BOM, the CR of CRLF and tabs as spaces."""
    return as_spaces(component_text(text))


def _attach(doc: Doc, text: str, reference_date: dt.date | None, origin: str) -> Doc:
    """Our per-document settings: the text components read, the reference date and where it came from."""
    doc._.source_text = component_text(text)
    doc._.reference_date_option = reference_date
    doc._.reference_date_origin = origin
    return doc


def make_doc(nlp: Language, text: str, reference_date: dt.date | None) -> Doc:
    """Tokenise without running the pipeline, with our per-document settings attached."""
    return _attach(nlp.make_doc(prepare_text(text)), text, reference_date, "option")


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
    max_chars: int = sources.MAX_CHARS,
) -> dict[str, Any]:
    """Extract entities, dates, quotes and meetings from one article.

    Returns the contract's JSON object (an error record for empty, oversized or
    unencodable text; never an exception). ``reference_date`` resolves relative
    dates ("yesterday", "3 December"); without it the article's dateline (or an
    HTML page's publication date) is used, else such dates stay null.
    """
    source = sources.from_text(text, path, max_chars) if isinstance(text, str) else sources.as_source(text, max_chars)
    return next(extract_many([source], reference_date, model=model, max_chars=max_chars))


@dataclass
class _Job:
    """One input on its way through a batch: its pieces, then its parsed Doc or what failed."""

    source: Source
    spans: list[tuple[int, int]] = field(default_factory=list)
    parsed: list[Doc | InputError] = field(default_factory=list)


@dataclass(frozen=True)
class _Stages:
    """The pipeline in two parts: statistical components run on pieces, then ours (and any after them) on the whole."""

    statistical: list[tuple[str, Callable]]
    rules: list[tuple[str, Callable]]

    @classmethod
    def of(cls, nlp: Language) -> _Stages:
        from .pipeline import COMPONENTS

        names = nlp.pipe_names
        split = next((i for i, name in enumerate(names) if name in COMPONENTS), len(names))
        return cls(nlp.pipeline[:split], nlp.pipeline[split:])


def extract_many(
    inputs: Iterable[Any],
    reference_date: dt.date | str | None = None,
    *,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    max_chars: int = sources.MAX_CHARS,
    jobs: int = 1,
) -> Iterator[dict[str, Any]]:
    """Stream one record per input, in input order; a bad input yields an error record.

    Inputs are strings, bytes (decoded like a file), paths (``os.PathLike``:
    the file is read), ``sources.Source`` or ``sources.FileBytes`` objects;
    anything else yields a ``not_text`` error record. They are consumed lazily
    and parsed in batches, so output starts at once and memory stays flat
    however many inputs there are. ``jobs`` other than 1 runs the batch on that
    many worker processes (0: every core this process may use), each loading
    the pipeline once: see ``extractor.jobs``.
    """
    if jobs != 1:
        from . import jobs as pool

        yield from pool.extract_many(inputs, reference_date, model=model, batch_size=batch_size,
                                     max_chars=max_chars, jobs=jobs)
        return
    from . import blas
    from .pipeline import load_pipeline

    ref = _parse_date(reference_date)
    nlp = load_pipeline(model)
    stages = _Stages.of(nlp)
    limit = min(pieces.PIECE_CHARS, nlp.max_length)
    jobs = (_job(sources.as_source(item, max_chars), limit) for item in inputs)
    for batch in _batches(jobs, batch_size):
        with blas.one_thread():
            _parse(nlp, stages, batch, batch_size)
        for job in batch:
            yield _record(job, stages, ref)


def _job(source: Source, limit: int) -> _Job:
    text = source.text if source.error is None else None
    return _Job(source, pieces.bounds(prepare_text(text), limit) if text else [])


def _batches(jobs: Iterable[_Job], batch_size: int) -> Iterator[list[_Job]]:
    """Consecutive jobs, at most ``batch_size`` pieces and ``BATCH_CHARS`` characters at a time (one job at least)."""
    batch: list[_Job] = []
    count = chars = 0
    for job in jobs:
        batch.append(job)
        count += max(1, len(job.spans))
        chars += (job.source.chars or 0) if job.spans else 0
        if count >= batch_size or chars >= BATCH_CHARS:
            yield batch
            batch, count, chars = [], 0, 0
    if batch:
        yield batch


def _parse(nlp: Language, stages: _Stages, batch: list[_Job], batch_size: int) -> None:
    """Tokenise and parse every piece of the batch; each job gets its parsed pieces (or their errors) in order."""
    todo = [(job, _tokenize(nlp, job.source.text[s:e])) for job in batch for s, e in job.spans]
    parsed = iter(_parse_docs(nlp, stages, [doc for _, doc in todo if not isinstance(doc, InputError)], batch_size))
    for job, doc in todo:
        job.parsed.append(doc if isinstance(doc, InputError) else next(parsed))


def _tokenize(nlp: Language, text: str) -> Doc | InputError:
    try:
        return nlp.make_doc(prepare_text(text))
    except Exception as exc:  # noqa: BLE001 - a text the tokenizer chokes on costs that text only
        return InputError("processing_failed", f"tokenizer: {type(exc).__name__}: {exc}")


def _parse_docs(nlp: Language, stages: _Stages, docs: list[Doc], batch_size: int) -> Iterator[Doc | InputError]:
    """The statistical components on groups of at most ``batch_size`` docs and ``BATCH_CHARS`` characters."""
    group: list[Doc] = []
    chars = 0
    for doc in docs:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if group and (len(group) >= batch_size or chars + size > BATCH_CHARS):
            yield from _run_statistical(nlp, stages, group)
            group, chars = [], 0
        group.append(doc)
        chars += size
    if group:
        yield from _run_statistical(nlp, stages, group)


def _run_statistical(nlp: Language, stages: _Stages, docs: list[Doc]) -> list[Doc | InputError]:
    """Parse docs together; when one fails, parse them one by one so that it costs only its own text."""
    try:
        return list(nlp.pipe(docs, batch_size=len(docs), disable=[name for name, _ in stages.rules]))
    except Exception:  # noqa: BLE001 - a component's failure on one text becomes that text's error record
        return [_run_each(stages.statistical, doc) for doc in docs]


def _run_each(components: list[tuple[str, Callable]], doc: Doc) -> Doc | InputError:
    """Run components on one doc in order; a crash becomes a ``processing_failed`` error naming the component."""
    for name, proc in components:
        try:
            doc = proc(doc)
        except Exception as exc:  # noqa: BLE001
            return InputError("processing_failed", f"{name}: {type(exc).__name__}: {exc}")
    return doc


def _record(job: _Job, stages: _Stages, ref: dt.date | None) -> dict[str, Any]:
    """The contract's record for one job: its error, or the rule components run on its joined Doc."""
    source = job.source
    failed = next((p for p in job.parsed if isinstance(p, InputError)), source.error)
    if failed is not None:
        return error_record(source, failed)
    doc = pieces.join(job.parsed)
    job.parsed = []  # the pieces are in the joined Doc now: keep no second copy
    published = ref is None and source.published is not None
    _attach(doc, source.text, source.published if published else ref, "metadata" if published else "option")
    doc = _run_each(stages.rules, doc)
    return error_record(source, doc) if isinstance(doc, InputError) else to_contract(doc, source)
