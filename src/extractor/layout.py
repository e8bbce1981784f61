"""Where an article's body starts: the header lines above it (headline, date line, byline,
the writer's title), the dateline that opens it ("WASHINGTON, Nov. 11, 2015 –",
"ADDIS-ABABA, Ethiopia –", "VIENNA, Oct 14 (Reuters) -") and its byline ("By Jim
Garamone DoD News, Defense Media Activity").

Components read these instead of keeping patterns of their own: names in a headline are
Title Case words, not one long name; a dateline names a place (and maybe an agency and
a date); a byline names the writer and the publication.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import wordlists
from .facts import source_text
from .text import paragraphs

SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*$")
MAX_HEADER_WORDS = 25
MAX_HEADER_LINES = 6
# "WASHINGTON, Nov. 11, 2015 –", "Dakar (AFP) -", "ADDIS-ABABA, Ethiopia –", "MOSCOW (Reuters).";
# a period ends a dateline only after a credit (not the one of "Jan. 10").
DATELINE = re.compile(
    r"(?P<place>[A-ZÀ-Þ][^()\n—–:]{0,80}?)\s*(?:\((?P<credit>[^()\n]{1,40})\)\s*)?(?P<sep>[—–]|--?(?=\s)|:(?=\s)|(?<=\))\.(?=\s))\s*"
)
DATE_IN_PLACE = re.compile(r",\s*(?=[A-Z][a-z]{2,}\.?\s+\d|\d{1,2}\s+[A-Z][a-z]{2,}|[A-Z][a-z]+day\b)")


@dataclass(frozen=True)
class Byline:
    start: int  # char range of the line
    end: int
    name: tuple[int, int]  # the writer's name
    publications: list[tuple[int, int]] = field(default_factory=list)  # "DoD News", "Defense Media Activity"


@dataclass(frozen=True)
class Layout:
    header: list[tuple[int, int]]  # lines above the body (headline, date, byline, writer's title)
    body_start: int  # first character of the body
    dateline: tuple[int, int] | None = None  # the dateline's place ("WASHINGTON", "ADDIS-ABABA, Ethiopia")
    dateline_end: int = 0  # where the dateline ends (its separator included)
    credit: tuple[int, int] | None = None  # "Reuters" of "(Reuters)"
    bylines: list[Byline] = field(default_factory=list)

    def in_header(self, char: int) -> bool:
        """Asked of every name and cue, most of them in the body (and a long text has many headers)."""
        starts, ends = self._header_runs
        i = bisect.bisect_right(starts, char) - 1
        return i >= 0 and char < ends[i]

    @functools.cached_property
    def _header_runs(self) -> tuple[list[int], list[int]]:
        """The header lines' character ranges, overlapping ones merged: their starts and ends."""
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted((a, b) for a, b in self.header if a < b):
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        return starts, ends


class LayoutReader:
    def __init__(self) -> None:
        self.by = frozenset(w.lower() for w in wordlists.lines("byline_words.txt"))

    def __call__(self, text: str) -> Layout:
        lines = paragraphs(text)
        header = self._header(text, lines)
        body_start = lines[len(header)][0] if len(header) < len(lines) else len(text)
        bylines = [b for a, e in header if (b := self._byline(text, a, e)) is not None]
        line_end = lines[len(header)][1] if len(header) < len(lines) else len(text)
        place, end, credit = self._dateline(text, body_start, line_end)
        return Layout(header, body_start, place, end, credit, bylines)

    @staticmethod
    def _header(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Leading short lines that end without a sentence's final mark, while a body follows."""
        header = []
        for a, b in lines[:MAX_HEADER_LINES]:
            line = text[a:b]
            if SENTENCE_END.search(line) or len(line.split()) > MAX_HEADER_WORDS:
                break
            header.append((a, b))
        return header if len(header) < len(lines) else []

    def _byline(self, text: str, a: int, b: int) -> Byline | None:
        """"By Jim Garamone DoD News, Defense Media Activity": the name is the first two or
        three capitalised words, the rest are publications."""
        words = list(re.finditer(r"\S+", text[a:b]))
        if len(words) < 3 or words[0].group().lower() not in self.by:
            return None
        names = [w for w in words[1:4] if w.group()[:1].isupper() and w.group().rstrip(",").isalpha()]
        if len(names) < 2:
            return None
        n = 3 if len(names) == 3 and not names[2].group().endswith(",") and len(words) == 4 else 2
        name_end = a + names[n - 1].end()
        rest = text[name_end:b]
        publications = []
        offset = name_end
        for part in rest.split(","):
            lo, hi = offset + len(part) - len(part.lstrip()), offset + len(part.rstrip())
            if hi > lo:
                publications.append((lo, hi))
            offset += len(part) + 1
        return Byline(a, b, (a + names[0].start(), name_end), publications)

    @staticmethod
    def _dateline(text: str, start: int, end: int) -> tuple[tuple[int, int] | None, int, tuple[int, int] | None]:
        """The opening dateline of the body: a capitalised place, maybe a date and an
        agency credit, then a dash; the place's range, where it ends, the credit's range."""
        match = DATELINE.match(text, start, end)
        if match is None or len(match.group("place").split()) > 8:
            return None, 0, None
        place, credit = match.group("place"), match.group("credit")
        if match.group("sep") in ":." and not credit:
            return None, 0, None  # "SECRETARY POMPEO: …" is a speaker's label
        town = place.split(",")[0].split()
        if not (town[0].isupper() or credit or "," in place and len(town) <= 3 and all(w[0].isupper() for w in town)):
            return None, 0, None
        cut = DATE_IN_PLACE.search(place)
        place_end = match.start("place") + (cut.start() if cut else len(place.rstrip(" ,")))
        credit_range = (match.start("credit"), match.end("credit")) if credit else None
        return (match.start("place"), place_end), match.end(), credit_range


@functools.lru_cache(maxsize=1)
def _reader() -> LayoutReader:
    return LayoutReader()


# The Doc asked last and its layout: components ask a thousand times per Doc, and a ``Doc._`` read costs ~2 µs.
_last: tuple[Doc | None, Layout | None] = (None, None)


def layout_of(doc: Doc) -> Layout:
    """The document's layout, read once and kept on the Doc (``Doc._.layout``)."""
    global _last
    if _last[0] is doc:
        return _last[1]
    layout = doc._.layout
    if layout is None:
        layout = doc._.layout = _reader()(source_text(doc))
    _last = (doc, layout)
    return layout
