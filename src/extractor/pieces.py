"""Long texts in pieces: cut points for the statistical pipeline, and the pieces joined back.

spaCy's statistical components (tagger, parser, NER) cost time and memory in
proportion to the text they are given at once, and refuse texts over
``nlp.max_length``. A long text is therefore cut into pieces of at most
``PIECE_CHARS`` characters, after the last paragraph break that fits (else a
line break, a sentence end, a space; a hard cut only in a text with none; a run
of more than ``RUN_CHARS`` characters without a space is cut too), the
pieces are parsed separately and joined with ``Doc.from_docs`` into one Doc,
whose text is the whole text: our rule components still see one document and
its offsets. A text that fits in one piece is parsed exactly as before.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

PIECE_CHARS = 10_000  # a few articles' length: most articles are one piece
# The tokenizer's cost grows with the square of a run of punctuation without whitespace (10,000 "(" take 18 s):
# a run longer than any word is cut into pieces of this many characters, so its cost stays linear.
RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraph
    re.compile(r"\n\s*"),  # line
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # sentence
    re.compile(r"\s+"),  # word
)


def bounds(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces covering ``text``, none longer than ``limit``, no word longer than RUN_CHARS."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.extend(_short_runs(text, start, end))
        start = end
    pieces.extend(_short_runs(text, start, len(text)))
    return pieces


def _short_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The piece ``text[start:end]``, cut around and inside its runs of more than RUN_CHARS non-spaces."""
    at = start
    for run in _LONG_RUN.finditer(text, start, end):
        if run.start() > at:
            yield at, run.start()
        for lo in range(run.start(), run.end(), RUN_CHARS):
            yield lo, min(lo + RUN_CHARS, run.end())
        at = run.end()
    if at < end:
        yield at, end


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end the piece that starts at ``lo``: after the best break before ``hi``."""
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, lo, hi):
            pass
        if last is not None and last.end() > lo:
            return last.end()
    return hi


def join(docs: list[Doc]) -> Doc:
    """One Doc from the parsed pieces (their texts concatenated exactly; tensors dropped)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
