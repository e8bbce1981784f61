"""Indirect quotes: the content of every cue that reports one.

A cue that attributes quoted words makes no indirect record of its own. A cue inside a
direct quote or a transcript turn makes one only for somebody else's words ("... where
they committed to ...", in Pompeo's remarks, is Trump's and Kim's); a cue inside another
cue's content is part of that statement ("He says all sides agreed to ..."). Reported
words holding a quoted fragment give the partial record only; a clause before the
fragment that ends where a conjunct opens with it ("they approached X for help, but
"after working through …"") is its own indirect record.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...facts import Party
from .. import mentions
from .cues import Cue
from .marks import Marked
from .records import Draft, Positions, Spans
from .speakers import SpeakerReader, body_and_role_words
from .words import QuoteWords

Range = tuple[int, int]


class IndirectQuotes:
    def __init__(self, doc: Doc, cues: dict[int, Cue], positions: Positions, speakers: SpeakerReader,
                 words: QuoteWords) -> None:
        self.doc, self.cues, self.pos, self.speakers, self.w = doc, cues, positions, speakers, words

    def drafts(self, marks: list[Marked], quoted: list[Draft], used: set[int]) -> list[Draft]:
        """``quoted``: the direct and partial drafts and transcript turns, speakers known;
        ``marks``: the top-level marks (those that made no quote, titles of works, stay in
        reported words)."""
        quoted_at = {a for d in quoted for a, _ in d.pieces}
        marks = Spans([m for m in marks if m.depth == 0 and m.start in quoted_at], lambda m: (m.open_at, m.last_mark))
        quotes = Spans(quoted, lambda q: (q.start, q.end - 1))
        found = []
        for i, cue in sorted(self.cues.items()):
            if not cue.content or i in used:
                continue
            draft = self._draft(cue, marks, quotes)
            if draft is not None:
                found.append(draft)
        spans = Spans(found, lambda d: (d.start, d.end - 1))
        return [d for d in found if not any(_nested(d, other) for other in spans.overlapping(*d.evidence)
                                            if other is not d)]

    def _draft(self, cue: Cue, marks: Spans, quotes: Spans) -> Draft | None:
        at = cue.trigger.idx
        around = next(iter(quotes.overlapping(at, at)), None)
        parties = self.speakers.parties(cue.speaker_words)
        if around is not None and (around.type == "partial" or not _someone_else(parties, around.parties)):
            return None
        if not parties and cue.speaker_words and all(_thing(t) for t in cue.speaker_words):
            return None  # "the backstop that underlines ...", "Moscow's rejection underscores ...": no one speaks
        pieces = [self.pos.chars(a, b) for a, b in cue.content]
        inside = [m for m in marks.overlapping(pieces[0][0], pieces[-1][1])
                  if not m.open_at <= at <= m.last_mark]  # not the quote the cue stands in
        pieces = self._outside_marks(pieces, inside, around)
        if not pieces:
            return None
        draft = Draft("indirect", pieces, cue, parties, (min(at, pieces[0][0]), max(at + 1, pieces[-1][1])))
        return draft

    def _outside_marks(self, pieces: list[Range], marks: list[Marked], around: Draft | None) -> list[Range]:
        """The pieces without quoted words: cut before a fragment that opens a conjunct, else
        nothing (the quoted words are the record)."""
        out = []
        for a, b in pieces:
            inner = [m for m in marks if m.open_at < b and m.last_mark >= a
                     and (around is None or not around.start <= m.open_at < around.end)]
            if not inner:
                out.append((a, b))
                continue
            cut = self._before_conjunct(a, inner[0].open_at)
            if cut is None:
                return []
            out.append(cut)
            break
        return out

    def _before_conjunct(self, a: int, mark: int) -> Range | None:
        tokens = [t for t in self.pos.tokens(a, mark) if not t.is_punct]
        if len(tokens) < 2 or tokens[-1].pos_ != "CCONJ":
            return None
        words = tokens[:-1]
        if not any(t.pos_ in ("VERB", "AUX") for t in words) or len(words) < self.w.min_words:
            return None
        return words[0].idx, words[-1].idx + len(words[-1])


def _thing(token: Token) -> bool:
    """A singular common noun that names no one: not a referring phrase the mention layer
    knows, nor a word of a body or a role ("the ministry", "the union") - a thing."""
    return token.tag_ == "NN" and mentions.reference_at(token) is None \
        and token.lemma_.lower() not in body_and_role_words()


def _nested(draft: Draft, other: Draft) -> bool:
    """A statement inside another's reported words ("He says all sides agreed to ..."), or the
    same words reported by a cue the other one governs ("quoted X as saying ...")."""
    if other.cue.fallback:
        return False
    if other.pieces == draft.pieces:
        return other.cue.trigger.is_ancestor(draft.cue.trigger)
    return _inside(draft.cue.trigger.idx, other.pieces)


def _inside(char: int, pieces: list[Range]) -> bool:
    return any(a <= char < b for a, b in pieces)


def _someone_else(parties: list[Party], quoting: list[Party]) -> bool:
    return bool(parties) and not any(p in quoting for p in parties)
