"""Direct and partial quotes: words in quotation marks, attributed through the cues.

A marked stretch that opens its sentence, or follows an attribution ("X said: "…"", "X
said, "…""), is ``direct``; its cue is the one right after the marks (""…," X said",
""…," said X", ""…," according to X") or the one before. A stretch right after the
attribution of the one before (""…," X said. "…"", ""…," X said, "…"") continues that
record; with a cue of its own between them (""…," X said, adding: "…"") it is a new record
of the same speaker. A stretch inside the reporter's sentence is ``partial`` when a cue
governs it in the parse or stands in its sentence; a title of a work is none. A direct
quote without a cue belongs to the subject of the sentence before it in its paragraph
("Ndiaye was defiant. "…""), else to the speaker of the quote before (same or previous
paragraph). A quote nested in a direct one and introduced by a cue inside it ("he said,
'…'") is also its own record.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from .cues import Cue
from .marks import WORD, Marked, text_paragraphs
from .records import Draft, Positions
from .speakers import SpeakerReader
from .words import QuoteWords
from ...sentences import sentence_at, sentence_of

INTRODUCERS = frozenset({":", ",", "—", "–"})
STOPS = frozenset({".", "!", "?"})
BEFORE_REACH = 7  # tokens before the marks where the introducing cue may stand
MAX_GOVERNING_CLIMB = 6
CONTINUING_POS = frozenset({"CCONJ", "SCONJ", "ADP"})
SPEAKER_POS = frozenset({"NOUN", "PROPN", "PRON"})
TITLE_END = re.compile(r"[,.;:!?]$")
MAX_TITLE_WORDS = 12


class MarkedQuotes:
    """One document's marked quotes."""

    def __init__(self, doc: Doc, text: str, marks: list[Marked], cues: dict[int, Cue], positions: Positions,
                 speakers: SpeakerReader, words: QuoteWords) -> None:
        self.doc, self.text, self.cues, self.pos = doc, text, cues, positions
        self.speakers, self.w = speakers, words
        self.top = [m for m in marks if m.depth == 0]
        self.nested = [m for m in marks if m.depth == 1]
        self.quoted = {i for m in self.top for i in range(*positions.token_range(m.open_at, m.last_mark + 1))}
        self.para_starts = [a for a, _ in text_paragraphs(text)]
        self.drafts: list[Draft] = []
        self.used: set[int] = set()  # cue triggers that attribute marked words

    # ------------------------------------------------------------------ the pass

    def run(self, bind) -> list[Draft]:
        """Drafts in text order, each with its speakers; ``bind(draft)`` is called as soon as
        a direct quote's speakers are known (its "I" and "we" are theirs)."""
        last: Draft | None = None
        for k, m in enumerate(self.top):
            limit = min(self.top[k + 1].open_at if k + 1 < len(self.top) else len(self.text), self._para_end(m.open_at))
            previous_close = self.top[k - 1].last_mark + 1 if k else 0
            after = self._after(m, limit)
            if after[0] is None and self._continues(last, m):
                bind(self.drafts[-1] if self.drafts[-1].start == m.pieces[0][0] else last)  # its "I" is theirs too
                continue
            draft = self._draft(m, previous_close, limit, last, after)
            if draft is None:
                last = None
                continue
            self.drafts.append(draft)
            if draft.type == "direct":
                bind(draft)
                self._nested_in(draft, m, bind)
            last = draft if draft.type == "direct" else None
        return self.drafts

    def _draft(self, m: Marked, previous_close: int, limit: int, last: Draft | None,
               attribution: tuple[Cue | None, int]) -> Draft | None:
        """``attribution``: the cue after the marks and where it ends (``_after``)."""
        start = max(self._sentence_start(m), previous_close, self._para_start(m.open_at))
        before = self.pos.tokens(start, m.open_at)
        after, attribution_end = attribution
        introduced = self._before(before, m)
        if not any(not t.is_punct for t in before) or introduced is not None:
            cue = after or introduced
            if cue is None and not self._standalone(m, limit):
                return None
            draft = Draft("direct", list(m.pieces), cue, evidence=(m.open_at, m.last_mark + 1), final_stop=True,
                          attribution_end=attribution_end if after is not None else -1)
        else:
            cue = after or self._governing(m)
            if cue is None or self._is_title(m):
                return None
            draft = Draft("partial", list(m.pieces), cue, evidence=(m.open_at, m.last_mark + 1))
        if cue is not None:
            self.used.add(cue.trigger.i)
            draft.cover(cue.trigger.idx, cue.trigger.idx + len(cue.trigger))
            draft.parties = self.speakers.parties(self._speaker_words(cue))
        else:
            draft.parties = self._inherited(m, last)
        return draft

    # ------------------------------------------------------------------ attributions

    def _after(self, m: Marked, limit: int) -> tuple[Cue | None, int]:
        """'"…," X said' / '"…," said X': the cue after the marks, and where the attribution ends."""
        words: list[Token] = []
        end = limit
        for token in self.pos.words_from(m.last_mark + 1, limit):
            if token.text in STOPS:
                end = token.idx + len(token)
                break
            cue = self.cues.get(token.i)
            if cue is not None and token.i not in self.quoted and self._names_speaker(words):
                return cue, self._attribution_end(token, limit)
            if not token.is_punct:
                words.append(token)
            if len(words) > self.w.attribution_words or words and words[0].pos_ in CONTINUING_POS:
                break
        return None, end

    def _attribution_end(self, cue: Token, limit: int) -> int:
        for token in self.pos.words_from(cue.idx, limit):
            if token.text in STOPS:
                return token.idx + len(token)
        return limit

    @staticmethod
    def _names_speaker(words: list[Token]) -> bool:
        """Nothing (the speaker follows the cue), or a noun, name or pronoun, or an adjective
        used as a noun ("the former international")."""
        if not words:
            return True
        return any(t.pos_ in SPEAKER_POS or t.ent_type_ for t in words) or (
            words[-1].pos_ == "ADJ" and any(t.pos_ == "DET" for t in words[:-1]))

    def _before(self, before: list[Token], m: Marked) -> Cue | None:
        """'X said: "…"' / 'X said, "…"': a cue ending the words before the marks."""
        if not before:
            return None
        last = before[-1]
        capital = self.text[m.start:m.start + 1].isupper()
        if last.text not in INTRODUCERS and not (last.i in self.cues and capital):
            return None
        for token in reversed(before[-BEFORE_REACH:]):
            if token.i in self.cues and token.i not in self.quoted:
                return self.cues[token.i]
        return None

    def _governing(self, m: Marked) -> Cue | None:
        """The cue of a quoted fragment: one the fragment hangs on in the parse, else the
        nearest one before it in its sentence, else the first after it."""
        inside = self.pos.tokens(m.start, m.end)
        for token in inside[:1] + [t for t in inside if t.head.i not in self.quoted]:
            head = token
            for _ in range(MAX_GOVERNING_CLIMB):
                head = head.head
                if head.i in self.cues and head.i not in self.quoted:
                    return self.cues[head.i]
                if head.head.i == head.i:
                    break
        sentence = sentence_of(inside[0]) if inside else None
        if sentence is None:
            return None
        around = [t for t in sentence if t.i in self.cues and t.i not in self.quoted]
        earlier = [t for t in around if t.idx < m.open_at]
        chosen = earlier[-1] if earlier else (around[0] if around else None)
        return self.cues[chosen.i] if chosen is not None else None

    def _speaker_words(self, cue: Cue) -> list[Token]:
        """The cue's speaker phrase; one the parse found inside the quoted words is none
        (""There are some issues ...," said Abdalla"): the name beside the cue then."""
        words = [t for t in cue.speaker_words if t.i not in self.quoted]
        if words or not cue.speaker_words:
            return words
        return self.speakers.beside(cue.trigger)

    # ------------------------------------------------------------------ continuations and inheritance

    def _continues(self, last: Draft | None, m: Marked) -> bool:
        """Right after the attribution of the quote before: the same record goes on, or a new
        record of the same speaker when a cue of its own stands between."""
        if last is None or last.attribution_end < 0:
            return False
        gap = self.text[last.attribution_end:m.open_at]
        if gap.strip() or "\n" in gap:
            return False
        between = [t for t in self.pos.tokens(last.evidence[1], m.open_at)
                   if t.i in self.cues and t.i != (last.cue.trigger.i if last.cue else -1)]
        if between:
            cue = self.cues[between[-1].i]
            self.used.add(cue.trigger.i)
            draft = Draft("direct", list(m.pieces), cue, list(last.parties), (cue.trigger.idx, m.last_mark + 1),
                          final_stop=True)
            self.drafts.append(draft)
        else:
            last.pieces.extend(m.pieces)
            last.cover(m.open_at, m.last_mark + 1)
        last.attribution_end = -1
        return True

    def _standalone(self, m: Marked, limit: int) -> bool:
        """A quote with no cue stands as a direct quote when it ends its sentence and is no
        title or scare quote."""
        rest = [t for t in self.pos.tokens(m.last_mark + 1, limit) if not t.is_punct]
        if rest and sentence_of(rest[0]).start <= self.pos.index(m.last_mark):
            return False
        return len(WORD.findall(self.text[m.start:m.end])) >= self.w.scare_quote_words and not self._is_title(m)

    def _inherited(self, m: Marked, last: Draft | None) -> list:
        """The subject of the sentence before, in the same paragraph; else the speaker of the
        quote before, in the same or the previous paragraph."""
        here = self.pos.index(m.start)
        sentence = sentence_at(self.doc, here)
        if sentence.start > 0 and self._para(self.doc[sentence.start - 1].idx) == self._para(m.open_at):
            before = sentence_at(self.doc, sentence.start - 1)
            parties = self.speakers.parties(self.speakers.subjects(before.root))
            if parties:
                return parties
        previous = self.drafts[-1] if self.drafts else last
        if previous is not None and self._para(m.open_at) - self._para(previous.start) <= 1:
            return list(previous.parties)
        return []

    def _nested_in(self, outer: Draft, m: Marked, bind) -> None:
        """'"When I met X, he said, 'We will build it.' …"': the inner quote is X's too."""
        for inner in self.nested:
            if not m.open_at < inner.open_at < m.last_mark:
                continue
            stops = [t for t in self.pos.tokens(outer.start, inner.open_at) if t.text in STOPS]
            segment_start = max([outer.start] + [t.idx + len(t) for t in stops])
            tokens = self.pos.tokens(segment_start, inner.open_at)
            if not tokens or tokens[-1].text not in INTRODUCERS:
                continue
            cue = next((self.cues[t.i] for t in reversed(tokens) if t.i in self.cues), None)
            if cue is None:
                continue
            draft = Draft("direct", list(inner.pieces), cue, self.speakers.parties(cue.speaker_words),
                          (outer.start, outer.end), final_stop=True)
            self.drafts.append(draft)
            self.used.add(cue.trigger.i)
            bind(draft)

    # ------------------------------------------------------------------ places

    def _is_title(self, m: Marked) -> bool:
        """A work title: every content word capitalised, no sentence punctuation."""
        inner = self.text[m.start:m.end]
        words = WORD.findall(inner)
        if len(words) < 2 or len(words) > MAX_TITLE_WORDS or TITLE_END.search(inner.strip()):
            return False
        content = [w for k, w in enumerate(words) if k == 0 or w.lower() not in self.w.title_small_words]
        return all(w[0].isupper() or w[0].isdigit() for w in content)

    def _sentence_start(self, m: Marked) -> int:
        return sentence_at(self.doc, self.pos.index(m.start)).start_char if len(self.doc) else 0

    def _para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char)

    def _para_start(self, char: int) -> int:
        k = self._para(char)
        return self.para_starts[k - 1] if k else 0

    def _para_end(self, char: int) -> int:
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end
