"""Names in the article's furniture and at the edges of dates: the dateline's places and
agency credit, a byline's writer and publications, names in a Title Case headline, and
a date glued to a name by the model ("Geneva May 16-24", "Idlib Tuesday")."""
from __future__ import annotations

import bisect

from spacy.attrs import LEMMA, SENT_START
from spacy.tokens import Doc, Span

from ...layout import Layout
from ..dates import date_finder
from .common import Tokens, norm
from .words import EntityWords

MAX_UNKNOWN_HEADER_WORDS = 2  # a header span of more words must match a name the body uses


class Ranges:
    """Character ranges in text order, and those that may overlap a given range (found by
    bisection, not by a scan of all)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [a for a, _ in ranges]
        self.longest = max((b - a for a, b in ranges), default=0)
        self.ordered = self.starts == sorted(self.starts)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        if not self.ordered:
            return self.ranges
        return self.ranges[bisect.bisect_left(self.starts, start - self.longest):bisect.bisect_left(self.starts, end)]

class HeaderNames:
    def __init__(self, words: EntityWords) -> None:
        self.w = words
        self._dates_of: tuple[Doc, Ranges] | None = None
        self._headline_of: tuple[Doc, set[str]] | None = None
        self._common_of: tuple[Doc, frozenset[str]] | None = None

    # ------------------------------------------------------------------ sure spans

    def credits(self, t: Tokens, layout: Layout) -> list[Span]:
        """The dateline's places (GPE) and agency (ORG), a byline's writer (PERSON) and
        publications (ORG): their labels are sure."""
        doc = t.doc
        found = []
        if layout.dateline is not None:
            a, b = layout.dateline
            found += [s for lo, hi in _pieces(t.text, a, b) if (s := _span(doc, lo, hi, "GPE")) is not None]
        if layout.credit is not None and not any(c.isdigit() for c in t.text[slice(*layout.credit)]):
            found += [s for s in [_span(doc, *layout.credit, "ORG")] if s is not None]
        for byline in layout.bylines:
            found += [s for s in [_span(doc, *byline.name, "PERSON")] if s is not None]
            found += [s for lo, hi in byline.publications if (s := _span(doc, lo, hi, "ORG")) is not None]
        return found

    # ------------------------------------------------------------------ doubtful spans

    def names(self, t: Tokens, spans: list[tuple[Span, bool]], layout: Layout) -> list[tuple[Span, bool]]:
        """Spans cut where a date starts inside them, and in a headline cut to the longest
        start the body or the gazetteer knows as a name ("South Sudan" of "South Sudan Tackle
        Key Disputes"); a longer unknown headline span is dropped."""
        doc = t.doc
        dates = self._dates(t)
        # the body's names, read only for spans in a header
        known = {norm(t.model_text(s.start, s.end)) for s, _ in spans if not layout.in_header(s.start_char)} \
            if layout.header else set()
        self._headline_of = (doc, known)  # for the spans found by rule (before_dates)
        out = []
        for span, flag in spans:
            span = self._before_date(doc, span, dates)
            if span is not None and layout.in_header(span.start_char) and not _in_byline(span, layout):
                span = self._known_start(t, span, known)
                span = None if span is not None and self._common(t, span, known, layout) else span
            if span is not None:
                out.append((span, flag))
        return out

    def before_dates(self, t: Tokens, spans: list[Span], layout: Layout) -> list[Span]:
        """Spans found by rule, cut where a date starts inside them ("the province of Idlib
        Tuesday"); in a headline none with a common word ("Prime Minister *Meets* With ...")."""
        dates = self._dates(t)
        cuts = [cut for span in spans if (cut := self._before_date(t.doc, span, dates)) is not None]
        if self._headline_of is None or self._headline_of[0] is not t.doc:
            return cuts
        _, known = self._headline_of
        return [s for s in cuts if not (layout.in_header(s.start_char) and self._common(t, s, known, layout))]

    def _dates(self, t: Tokens) -> "Ranges":
        """The dates of the text as character ranges (found once per document)."""
        if self._dates_of is None or self._dates_of[0] is not t.doc:
            self._dates_of = (t.doc, Ranges([(c.start, c.end) for c in date_finder().find_all(t.text)]))
        return self._dates_of[1]

    @staticmethod
    def _before_date(doc: Doc, span: Span, dates: "Ranges") -> Span | None:
        for a, b in dates.near(span.start_char, span.end_char):
            if span.start_char < a < span.end_char:
                cut = next((t.i for t in span if t.idx >= a), span.end)
                return Span(doc, span.start, cut, label=span.label_) if cut > span.start else None
            if a <= span.start_char and span.end_char <= b:
                return None
        return span

    def _common(self, t: Tokens, span: Span, known: set[str], layout: Layout) -> bool:
        """A headline span that is no name the body or the gazetteer knows, with a word the
        body writes only in lower case."""
        text = t.model_text(span.start, span.end)
        if norm(text) in known or text in self.w.known_places:
            return False
        common = self._common_words(t, layout)
        return any(t.capitalised(i) and (t.lower[i] in common or t.doc[i].lemma_.lower() in common)
                   for i in range(span.start, span.end))  # not the "of" of "Republic of China"

    def _common_words(self, t: Tokens, layout: Layout) -> frozenset[str]:
        """The body's common words (read once per document, and only when a headline span asks)."""
        if self._common_of is None or self._common_of[0] is not t.doc:
            self._common_of = (t.doc, _common_words(t, layout))
        return self._common_of[1]

    def _known_start(self, t: Tokens, span: Span, known: set[str]) -> Span | None:
        for end in range(span.end, span.start, -1):
            text = t.model_text(span.start, end)
            if norm(text) in known or text in self.w.known_places:
                return span if end == span.end else Span(t.doc, span.start, end, label=span.label_)
        return span if len(span) <= MAX_UNKNOWN_HEADER_WORDS else None


def _common_words(t: Tokens, layout: Layout) -> frozenset[str]:
    """Words the body writes in lower case and never capitalised inside a sentence: in a Title
    Case headline they are no names ("Talks Agreed", "Mideast Tour")."""
    doc = t.doc
    lemmas, sent_starts = doc.to_array([LEMMA, SENT_START]).T.tolist() if len(doc) else ([], [])
    strings = doc.vocab.strings
    lower, lower_lemmas, capital = set(), set(), set()
    body = bisect.bisect_left(t.idx, layout.body_start)
    for word, low, lemma, sent_start in zip(t.words[body:], t.lower[body:], lemmas[body:], sent_starts[body:]):
        if word.isalpha():
            if word.islower():
                lower.add(low)
                lower_lemmas.add(lemma)  # "meet" for the headline's "Meets"
            elif sent_start != 1:  # not a sentence's first word
                capital.add(low)
    lower.update(strings[h] for h in lower_lemmas)  # each lemma's string looked up once
    return frozenset(lower - capital)


def _in_byline(span: Span, layout: Layout) -> bool:
    return any(b.start <= span.start_char < b.end for b in layout.bylines)


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"ADDIS-ABABA, Ethiopia" -> the two places."""
    out = []
    pos = a
    for part in text[a:b].split(","):
        lo, hi = pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())
        if hi > lo:
            out.append((lo, hi))
        pos += len(part) + 1
    return out


def _span(doc: Doc, a: int, b: int, label: str) -> Span | None:
    return doc.char_span(a, b, label=label, alignment_mode="expand")
