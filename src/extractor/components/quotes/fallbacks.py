"""Fallbacks for parses that miss a reported clause, each named by a pattern's ``fallback``.

They run only for a cue whose patterns found no content in the parse, on the surface of
its sentence:

- ``after_clause``: the attribution after its clause, set off by commas ("The economy will
  grow 3% next year, the central bank's governor, Anna Berglund, said on Tuesday."), or
  inserted in it ("The company, he added, had refused to negotiate."). The speaker is the
  phrase between the comma and the cue (a name in apposition first), or after an inverted
  cue ("..., said X"); the content is the clause before the comma (and the rest of the
  sentence, for an inserted attribution).
- ``clause_after``: the clause after the cue, past the date or short phrase the parse
  glued it to ("said late Tuesday there would be no vote").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...syntax import Syntax, is_passive
from .. import mentions
from .content import Range, tokens_in
from .words import QuoteWords
from ...sentences import sentence_of

COMMAS = frozenset({",", "—", "–", ";"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
MAX_SEGMENTS = 4
MAX_SEGMENT_WORDS = 8
JOINING_POS = frozenset({"SCONJ", "ADP", "CCONJ", "ADV", "PART"})
CLAUSE_OPENERS = frozenset({"NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"})


def finite(token: Token) -> bool:
    return token.tag_ in FINITE_TAGS or "VerbForm=Fin" in str(token.morph)


class Fallbacks:
    def __init__(self, syntax: Syntax, words: QuoteWords) -> None:
        self.syntax = syntax
        self.w = words
        self._dated: tuple[list | None, dict[int, int]] = (None, {})  # the last Doc's dates: start -> end

    # ------------------------------------------------------------------ after its clause

    def after_clause(self, cue: Token) -> tuple[list[Range], list[Token]] | None:
        """(content ranges, speaker phrase heads) of an attribution set off by commas."""
        sent = sentence_of(cue)
        comma, segments = self._speaker_segments(cue)
        if comma is None or is_passive(self.syntax, cue) or not self._ends_here(cue):
            return None
        speaker = self._speaker_in(segments) or (self._after_cue(cue) if not segments[-1] else [])
        before = [t for t in tokens_in(cue.doc, sent.start, comma) if not t.is_space]
        if not speaker or not before:
            return None
        if any(finite(t) for t in before):
            return [(before[0].i, comma)], speaker
        rest = self._rest_after(cue)  # "The company, he added, had refused to negotiate."
        if rest is None:
            return None
        return [(before[0].i, comma), rest], speaker

    def _speaker_segments(self, cue: Token) -> tuple[int | None, list[list[Token]]]:
        """Comma-separated phrases between the reported clause and the cue: nominals (no
        finite verb but the cue's auxiliary) and relative clauses; the comma before them."""
        doc, start = cue.doc, sentence_of(cue).start
        end, segments, comma = cue.i, [], None
        for _ in range(MAX_SEGMENTS):
            j = end - 1
            while j >= start and doc[j].text not in COMMAS:
                j -= 1
            if j < start:
                break
            segment = [t for t in tokens_in(doc, j + 1, end) if not t.is_space]
            if len(segment) > MAX_SEGMENT_WORDS or not self._speaker_like(segment, end == cue.i):
                break
            segments.insert(0, segment)
            end = comma = j
        return comma, segments

    @staticmethod
    def _speaker_like(segment: list[Token], next_to_cue: bool) -> bool:
        if not segment:
            return next_to_cue  # "..., said X"
        if segment[0].tag_ in RELATIVE_TAGS:
            return True  # ", who took office in 2022,"
        if segment[0].pos_ in JOINING_POS:
            return False  # ", when the president declared ...": a clause of its own
        verbs = [t for t in segment if finite(t)]
        if next_to_cue and verbs and all(t.pos_ == "AUX" for t in verbs) and verbs[-1] == segment[-1]:
            verbs = []  # "X has said"
        return not verbs and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in segment)

    @staticmethod
    def _speaker_in(segments: list[list[Token]]) -> list[Token]:
        """The phrase naming the speaker: a person's name first, then any reference."""
        refs = [mentions.reference_at(t) for seg in segments for t in seg if t.tag_ not in RELATIVE_TAGS]
        refs = [r for r in refs if r is not None]
        named = [r for r in refs if r.how in ("name", "alias") and r.types == ["PERSON"]] or refs
        if named:
            doc = next(t for seg in segments for t in seg).doc
            return [doc[named[0].head]]
        nouns = [t for seg in segments[-1:] for t in seg if t.pos_ in ("NOUN", "PROPN")]
        return nouns[-1:]

    def _after_cue(self, cue: Token) -> list[Token]:
        """"..., said election chief Omar Haddad.": the phrase after an inverted cue."""
        for token in tokens_in(cue.doc, cue.i + 1, sentence_of(cue).end):
            if token.is_punct:
                break
            ref = mentions.reference_at(token)
            if ref is not None and ref.parties or token.pos_ in ("NOUN", "PROPN"):
                return [cue.doc[ref.head]] if ref is not None else [token]
        return []

    def _ends_here(self, cue: Token) -> bool:
        """After the cue, its sentence holds no clause of its own before a comma or a
        subordinator ("..., two officials said on condition of anonymity because ..."); a
        "that" opens the cue's own clause."""
        for token in tokens_in(cue.doc, cue.i + 1, sentence_of(cue).end):
            if token.lower_ in self.w.complementizers:
                return False
            if token.text in COMMAS or token.pos_ == "SCONJ":
                return True
            if finite(token):
                return False
        return True

    @staticmethod
    def _rest_after(cue: Token) -> Range | None:
        doc = cue.doc
        comma = next((t.i for t in tokens_in(doc, cue.i + 1, sentence_of(cue).end) if t.text in COMMAS), None)
        if comma is None:
            return None
        rest = [t for t in tokens_in(doc, comma + 1, sentence_of(cue).end) if not t.is_space]
        while rest and rest[-1].is_punct:
            rest.pop()
        if not rest or not any(finite(t) for t in rest):
            return None
        return rest[0].i, rest[-1].i + 1

    # ------------------------------------------------------------------ a phrase set off by commas

    @staticmethod
    def set_off(cue: Token) -> list[Range] | None:
        """"According to X, <clause>", "<clause>, according to X", "<A>, according to X, <B>":
        the sentence without the phrase, which runs from the cue to a comma or the end."""
        doc, sent = cue.doc, sentence_of(cue)
        end = next((t.i for t in tokens_in(doc, cue.i + 1, sent.end) if t.text in COMMAS), sent.end)
        start = cue.i
        while start > sent.start and doc[start - 1].text in COMMAS:
            start -= 1
        pieces = []
        for a, b in ((sent.start, start), (end + 1, sent.end)):
            words = [t for t in tokens_in(doc, a, b) if not t.is_space]
            while words and (words[-1].is_punct or words[0].is_punct):
                words = words[:-1] if words[-1].is_punct else words[1:]
            if words:
                pieces.append((words[0].i, words[-1].i + 1))
        if not any(finite(t) for a, b in pieces for t in tokens_in(doc, a, b)):
            return None
        return pieces

    # ------------------------------------------------------------------ the clause after the cue

    def clause_after(self, cue: Token) -> list[Range] | None:
        """"said late Tuesday there would be no vote": past a date or an adverb the parse hung
        the clause on, a clause that starts like one and has a finite verb."""
        doc = cue.doc
        dates = self._date_ends(doc)
        j, end = cue.i + 1, sentence_of(cue).end
        while j < end and (j in dates or doc[j].pos_ == "ADV" or doc[j].pos_ == "ADJ" and j + 1 in dates):
            j = dates.get(j, j + 1)
        if j == cue.i + 1:
            return None  # nothing skipped: the parse had its say (asked first: most cues)
        words = [t for t in tokens_in(doc, j, end) if not t.is_space]
        while words and words[-1].is_punct:
            words.pop()
        if not words or words[0].pos_ not in CLAUSE_OPENERS or not any(finite(t) for t in words):
            return None
        return [(words[0].i, words[-1].i + 1)]

    def _date_ends(self, doc: Doc) -> dict[int, int]:
        """Where each date of the Doc that has words starts and ends, read once per Doc (a long
        text asks at thousands of cues)."""
        dates = doc._.dates or []
        if self._dated[0] is not dates:
            self._dated = (dates, {d.token_start: d.token_end for d in dates if d.token_end > d.token_start})
        return self._dated[1]
