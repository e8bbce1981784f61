"""Long texts in pieces: cut points for the statistical pipeline, and the pieces joined back.

spaCy's statistical components (tagger, parser, NER) cost time and memory in
proportion to the text they are given at once, and refuse texts over
``nlp.max_length``. A long text is therefore cut into pieces of at most
``PIECE_CHARS`` characters, after the last paragraph break that fits (else a
line break, a sentence end, a space; a hard cut only in a text with none), the
pieces are parsed separately and joined with ``Doc.from_docs`` into one Doc,
whose text is the whole text: our rule components still see one document and
its offsets. A text that fits in one piece is parsed exactly as before.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

PIECE_CHARS = 10_000  # a few articles' length: most articles are one piece
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraph
    re.compile(r"\n\s*"),  # line
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # sentence
    re.compile(r"\s+"),  # word
)


def bounds(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces covering ``text``, none longer than ``limit``."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


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
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
