"""Quotes before and after their speakers are known: drafts, their text, the records."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ... import facts
from .cues import Cue
from ...sentences import sentence_at

SENTENCE_STOPS = ".!?"


class Positions:
    """Characters to tokens, for a Doc whose text is the user's."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist()

    def index(self, char: int) -> int:
        """The token holding ``char`` (or the last before it)."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def tokens(self, a: int, b: int) -> list[Token]:
        """Non-space tokens starting in [a, b)."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        if lo >= hi:
            return []  # an empty Span at the Doc's end would rebuild the Doc's whole text
        return [t for t in Span(self.doc, lo, hi) if not t.is_space]  # not doc[lo:hi]: its checks cost a Span

    def words_from(self, a: int, b: int) -> Iterator[Token]:
        """Non-space tokens starting in [a, b), one at a time (for a walk that stops early)."""
        doc = self.doc
        for i in range(bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)):
            token = doc[i]
            if not token.is_space:
                yield token

    def token_range(self, a: int, b: int) -> tuple[int, int]:
        """Tokens overlapping the characters [a, b)."""
        return self.index(a), max(bisect.bisect_left(self.starts, b), self.index(a) + 1)

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Characters of the tokens [a, b)."""
        last = self.doc[b - 1]
        return self.doc[a].idx, last.idx + len(last)


class Spans:
    """Items with character ranges, found by position without scanning them all (a long
    text has thousands of quotes): ``key`` gives an item's (start, end)."""

    def __init__(self, items: list, key) -> None:
        ranged = sorted(((*key(item), item) for item in items), key=lambda x: x[0])
        self.starts = [a for a, _, _ in ranged]
        self.ranged = ranged
        self.longest = max((b - a for a, b, _ in ranged), default=0)

    def overlapping(self, a: int, b: int) -> list:
        """Items whose range overlaps [a, b] (both ends included), in order."""
        hi = bisect.bisect_right(self.starts, b)
        lo = bisect.bisect_left(self.starts, a - self.longest)
        return [item for start, end, item in self.ranged[lo:hi] if end >= a]


@dataclass
class Draft:
    """A quote before its records are written."""

    type: str  # "direct" | "partial" | "indirect"
    pieces: list[tuple[int, int]]  # character ranges of the quoted words
    cue: Cue | None
    parties: list[facts.Party] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)  # characters the evidence covers
    final_stop: bool = False  # a direct quote's trailing comma becomes a full stop
    attribution_end: int = -1  # where its attribution after the marks ends (a continuation may follow)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def cover(self, a: int, b: int) -> None:
        self.evidence = (min(self.evidence[0], a), max(self.evidence[1], b))


def joined_text(text: str, draft: Draft) -> str | None:
    """Pieces joined by one space; a comma before the attribution becomes the full stop the
    sentence needs. None when the words are one verbatim slice."""
    parts = [text[a:b] for a, b in draft.pieces]
    for k in range(len(parts) - 1):
        if parts[k].endswith(",") and _stop_between(text, draft.pieces[k][1], draft.pieces[k + 1][0], parts[k + 1]):
            parts[k] = parts[k][:-1] + "."
    if draft.final_stop and parts[-1].endswith(","):
        parts[-1] = parts[-1][:-1] + "."
    joined = " ".join(parts)
    return None if joined == text[draft.start:draft.end] else joined


def _stop_between(text: str, a: int, b: int, following: str) -> bool:
    """Does the sentence end between two pieces ('"…," she said. "…"'), or go on ('"…,"
    she said, "but …"')? Across paragraphs, the next piece's capital tells."""
    tail = text[a:b].rstrip().rstrip("“\"«„‘'").rstrip()
    if "\n" not in tail and tail[-1:] in ".!?,":
        return tail[-1] != ","
    following = following.lstrip("‘'\"“")
    return following[:1].isupper() and not following.startswith("I ")


def evidence(doc: Doc, positions: Positions, a: int, b: int, n: int) -> tuple[int, int]:
    """The sentences holding the characters [a, b) of a text of n characters."""
    a, b = max(0, min(a, n)), max(0, min(b, n))
    if not len(doc):
        return a, b
    first = sentence_at(doc, positions.index(a))
    last = sentence_at(doc, positions.index(max(b - 1, a)))
    return min(first.start_char, a), min(max(last.end_char, b), n)


def to_records(doc: Doc, drafts: list[Draft], text: str, positions: Positions) -> list[facts.Quote]:
    """One record per draft and speaker, once each, sorted by position."""
    out: list[facts.Quote] = []
    seen: set[tuple] = set()
    for draft in sorted(drafts, key=lambda d: (d.start, d.end)):
        words = joined_text(text, draft)
        ev = evidence(doc, positions, *draft.evidence, len(text))
        cue = draft.cue.text if draft.cue is not None else None
        for party in draft.parties or [None]:
            key = (draft.start, draft.end, party.entity or party.name if party else None)
            if key in seen:
                continue
            seen.add(key)
            out.append(facts.Quote(party, draft.start, draft.end, draft.type, cue, ev[0], ev[1], words))
    out.sort(key=lambda q: (q.start, q.end))
    return out
