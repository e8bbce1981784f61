"""Quotation marks: which words of a text stand inside them.

A character scanner pairs the marks of each paragraph: straight and curly double marks,
guillemets (also with French spacing), low-9 marks, and curly single marks at the top
level (British style). A quote still open at a paragraph's end runs on when the next
paragraph opens with a mark (one quote over several paragraphs, in pieces); otherwise it
ends there, kept when it has some words. A stray closing mark is ignored, a new opening
mark abandons an unclosed quote, and nothing ever raises. Quotes nested in a top-level
quote (single marks inside double ones, and the reverse) are listed too, at depth 1.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...text import paragraphs, trimmed

DOUBLE_OPENERS = {"“": "”\"", "«": "»", "„": "“”", '"': '"”'}
SINGLE_OPENERS = {"‘": "’", "'": "'", "‹": "›"}
TOP_OPENERS = {**DOUBLE_OPENERS, "‘": "’"}  # British style uses single marks at the top
TOP_MARKS = re.compile("[" + re.escape("".join(sorted({*TOP_OPENERS, *"".join(TOP_OPENERS.values())}))) + "]")
NESTED_DOUBLE = {"“": "”\"", '"': '"'}
WORD = re.compile(r"\w+(?:['’]\w+)*")
MIN_UNCLOSED_WORDS = 3  # an unclosed quote shorter than this is a stray mark
SPACED_OPENERS = "«‹"  # French spacing: "« Nous sommes prêts »"
NARROW_SPACES = " \u00a0\u202f"
OPENING_CONTEXT = "([{—–-/:;"


_last_paragraphs: tuple[str | None, list[tuple[int, int]]] = (None, [])


def text_paragraphs(text: str) -> list[tuple[int, int]]:
    """``text.paragraphs(text)``, kept for the last text: the scan for marks, the block
    quotations, the marked quotes and the settling of speakers each read them (not to be
    changed)."""
    global _last_paragraphs
    if _last_paragraphs[0] is not text:
        _last_paragraphs = (text, paragraphs(text))
    return _last_paragraphs[1]


@dataclass
class Marked:
    """Words between quotation marks; several pieces when it runs over paragraphs."""

    pieces: list[tuple[int, int]]
    open_at: int
    close_at: int | None
    depth: int = 0

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    @property
    def last_mark(self) -> int:
        return self.close_at if self.close_at is not None else self.end


def opens(text: str, i: int, lo: int) -> bool:
    """Could the mark at i open a quote (not an inch mark or an apostrophe)?"""
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > lo else " "
    if c in SPACED_OPENERS and nxt in NARROW_SPACES:
        return True
    if nxt.isspace():
        return False
    if c in "“«„‹‘":
        return not (c == "‘" and prev.isalnum())
    return prev.isspace() or prev in OPENING_CONTEXT or i == lo


def closes(text: str, i: int, closers: str) -> bool:
    c = text[i]
    if c not in closers:
        return False
    if c in "'’":  # not an apostrophe inside a word ("Norway's")
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return not nxt.isalnum() and i > 0 and not text[i - 1].isspace()
    return True


class _Scanner:
    """One pass over the paragraphs, pairing top-level marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Marked] = []
        self.cur: Marked | None = None
        self.closers = ""
        self.piece_start = 0

    def run(self) -> list[Marked]:
        paras = list(text_paragraphs(self.text))  # a copy: a reopening mark moves the next one's start
        for k, (pa, pb) in enumerate(paras):
            for mark in TOP_MARKS.finditer(self.text, pa, pb):  # the scanner acts on no other character
                self._step(mark.start(), pa)
            if self.cur is not None:
                self._paragraph_end(paras, k)
        if self.cur is not None:
            self._abandon(len(self.text))
        return [m for m in self.found if m.pieces and all(b > a for a, b in m.pieces)]

    def _step(self, i: int, pa: int) -> None:
        c = self.text[i]
        if self.cur is None:
            if c in TOP_OPENERS and opens(self.text, i, pa):
                self._open(i)
        elif closes(self.text, i, self.closers):
            self.cur.pieces.append(trimmed(self.text, self.piece_start, i))
            self.cur.close_at = i
            self.found.append(self.cur)
            self.cur = None
        elif c in DOUBLE_OPENERS and c not in self.closers and self.closers != "’" and opens(self.text, i, pa):
            self._abandon(i)  # a new quote opens: the last one never closed
            self._open(i)

    def _open(self, i: int) -> None:
        self.cur, self.closers, self.piece_start = Marked([], i, None), TOP_OPENERS[self.text[i]], i + 1

    def _paragraph_end(self, paras: list[tuple[int, int]], k: int) -> None:
        """Open at the paragraph's end: go on when the next paragraph reopens, else end here."""
        pb = paras[k][1]
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is not None and self.text[nxt[0]] in TOP_OPENERS:
            self.cur.pieces.append(trimmed(self.text, self.piece_start, pb))
            self.piece_start = nxt[0] + 1
            paras[k + 1] = (nxt[0] + 1, nxt[1])  # resume scanning after the reopening mark
        else:
            self._abandon(pb)

    def _abandon(self, end: int) -> None:
        """An unclosed quote ends where its paragraph ends; kept when it has some words."""
        a, b = trimmed(self.text, self.piece_start, end)
        if len(WORD.findall(self.text[a:b])) >= MIN_UNCLOSED_WORDS:
            self.cur.pieces.append((a, b))
            self.found.append(self.cur)
        self.cur = None


def find_marked(text: str) -> list[Marked]:
    """Top-level quotes plus the quotes nested in them (depth 1), in text order."""
    top = _Scanner(text).run()
    nested = [n for m in top for n in _nested(text, m, text[m.open_at] != "‘")]
    return sorted(top + nested, key=lambda m: m.open_at)


def _nested(text: str, outer: Marked, double_outside: bool) -> list[Marked]:
    """The quotes inside a quote's pieces, found from opening mark to opening mark (the only
    characters that can start one), not character by character."""
    openers = SINGLE_OPENERS if double_outside else NESTED_DOUBLE
    marks = _any_of("".join(openers))
    found = []
    for pa, pb in outer.pieces:
        i = pa
        while (mark := marks.search(text, i, pb)) is not None:
            i = mark.start()
            if opens(text, i, pa):
                j = _closing(text, i + 1, pb, openers[text[i]])
                if j < pb:
                    a, b = trimmed(text, i + 1, j)
                    if b > a:
                        found.append(Marked([(a, b)], i, j, depth=1))
                    i = j
            i += 1
    return found


def _closing(text: str, i: int, end: int, closers: str) -> int:
    """Where the first mark from ``i`` on closes the quote (``end`` or past it: none does)."""
    marks = _any_of(closers)
    while (mark := marks.search(text, i, end)) is not None:
        if closes(text, mark.start(), closers):
            return mark.start()
        i = mark.start() + 1
    return max(i, end)


@functools.lru_cache(maxsize=None)
def _any_of(characters: str) -> re.Pattern:
    """A search for any of the characters (a few sets of quotation marks)."""
    return re.compile("[" + re.escape(characters) + "]")
