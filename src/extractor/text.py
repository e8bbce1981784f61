"""Plain-text helpers shared by the components (offsets always index the user's text)."""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
# Characters spaCy's tokenizer and our rules should see as plain spaces. Each is
# replaced one-for-one, so offsets into doc.text are offsets into the input.
AS_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": " ", "\r": " ", "\t": " "})
_SPACE_LIKE = re.compile("[" + "".join(map(chr, AS_SPACE)) + "]")


def as_spaces(text: str) -> str:
    """The text with the characters of ``AS_SPACE`` made plain spaces; most texts have none,
    and a search costs a tenth of the translation that copies the text (a printable text, such
    as most names, has none: none of them is printable)."""
    return text if text.isprintable() or not _SPACE_LIKE.search(text) else text.translate(AS_SPACE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, surrounding spaces trimmed."""
    out = []
    for m in _LINE.finditer(text):
        a, b = trimmed(text, m.start(), m.end())
        if b > a:
            out.append((a, b))
    return out


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """The range without the white space at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
