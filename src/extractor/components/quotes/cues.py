"""Cues: the reporting words the patterns matched, with their speaker phrase and content.

Each trigger word gets one ``Cue``, from the most specific of its patterns that yields
content; a cue whose patterns name no content (``marks_only``: "said" standing alone,
"called ... "a first step"") only attributes quoted words beside it. A cue in the purpose
clause of an event yet to happen ("will travel to Tokyo to underscore ...") reports
nothing; the purpose of a call or meeting that took place does ("spoke with X to stress").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...syntax import Syntax, agents, clause_kind, is_passive, markers
from ..patterns import Match, Pattern
from .content import ContentReader, Range, first_word, is_blank
from .fallbacks import Fallbacks
from .speakers import SpeakerReader
from .words import QuoteWords

PAST = frozenset({"VBD"})
WH_TAGS = frozenset({"WRB"})
ATTACHING_PUNCT = frozenset({",", "—", "–", "-", ";"})
REPORTING_ROLES = frozenset({"content", "clause"})  # a pattern naming one of them reads what was said


@dataclass
class Cue:
    trigger: Token
    text: str  # the cue as printed ("said", "according to")
    speaker_words: list[Token]
    content: list[Range] = field(default_factory=list)  # token ranges; empty: attributes quoted words only
    fallback: bool = False  # the content was read by a fallback, not from the parse

    @property
    def start(self) -> int:
        return min([self.trigger.i] + [a for a, _ in self.content])

    @property
    def end(self) -> int:
        return max([self.trigger.i + 1] + [b for _, b in self.content])


class CueReader:
    def __init__(self, syntax: Syntax, words: QuoteWords) -> None:
        self.syntax = syntax
        self.w = words
        self.content = ContentReader(syntax, words)
        self.speakers = SpeakerReader(syntax, words)
        self.fallbacks = Fallbacks(syntax, words)
        self._ranks: dict[int, tuple[Pattern, tuple[bool, int, int]]] = {}  # id(pattern) -> it, its rank

    def read(self, doc: Doc, matches: dict[int, list[Match]]) -> dict[int, Cue]:
        ranked = {i: sorted(found, key=self._rank) for i, found in matches.items()}
        reporting = {i for i, ordered in ranked.items() if _reports(ordered[0])}  # reporting patterns rank first
        cues = {}
        for i, ordered in ranked.items():
            cue = self._cue(ordered, reporting)
            if cue is not None:
                cues[i] = cue
        return cues

    def _rank(self, match: Match) -> tuple[bool, int, int]:
        """A match's place among its trigger's (reporting patterns first, then by priority, then
        more nodes first): worked out once per pattern (it sorts every trigger's matches)."""
        known = self._ranks.get(id(match.pattern))
        if known is None or known[0] is not match.pattern:
            rank = (not _reports(match), -match.pattern.info.get("priority", 0), -len(match.nodes))
            known = self._ranks[id(match.pattern)] = (match.pattern, rank)
        return known[1]

    def _cue(self, ordered: list[Match], reporting: set[int]) -> Cue | None:
        """``ordered``: the trigger's matches by ``_rank``."""
        trigger = ordered[0].trigger
        future = self._future_purpose(trigger)
        unreported = is_passive(self.syntax, trigger) and not agents(self.syntax, trigger)  # asked of each match
        for match in ordered:
            if not self._fits(match, reporting, unreported):
                continue
            content = [] if future or not _reports(match) else self.content.read(match, reporting)
            if content:
                words = self.speakers.clause_subject(match, self.speakers.words_of(match))
                return Cue(trigger, _cue_text(match), words, content)
        fallback = None if future else self._fallback(ordered)
        if fallback is not None:
            return fallback
        if any(m.pattern.info.get("marks_only") for m in ordered):
            return Cue(trigger, trigger.text, self.speakers.words_of(ordered[0]))
        return None

    def _fallback(self, found: list[Match]) -> Cue | None:
        """A named fallback for a parse that missed the cue's content (``fallbacks.py``)."""
        for match in found:
            name = match.pattern.info.get("fallback")
            if name == "after_clause":
                read = self.fallbacks.after_clause(match.trigger)
                if read is not None:
                    return Cue(match.trigger, _cue_text(match), read[1], read[0], fallback=True)
            elif name in ("clause_after", "set_off"):
                content = getattr(self.fallbacks, name)(match.trigger)
                if content is not None:
                    return Cue(match.trigger, _cue_text(match), self.speakers.words_of(match), content, fallback=True)
        return None

    def _fits(self, match: Match, reporting: set[int], unreported: bool) -> bool:
        """Conditions a pattern states beside its nodes: a speaker, an active verb, a clause
        not reported by a cue of its own ("said in a statement that ..."), and for an
        attribution after its clause, a subject and a comma or dash before the cue's phrase.
        ``unreported``: the trigger is a passive without an agent."""
        info = match.pattern.info
        trigger = match.trigger
        if info.get("not_on_cue") and (any(t.i in reporting and t.i != trigger.i for t in _speaking_nodes(match))
                                       or _right_after_cue(trigger, reporting)):
            return False
        if info.get("needs_subject") and not self.speakers.words_of(match):
            return False
        if info.get("active") and any(is_passive(self.syntax, t) for t in _speaking_nodes(match)):
            return False
        if not info.get("passive") and unreported:
            return False  # "are fully committed to ...", "no statement was agreed": no one reports
        if info.get("lead") and (self._subordinate(trigger) or not self.speakers.has_subject(trigger)):
            return False  # "When the minister said it, ...": a clause of its own
        if info.get("reverse"):
            if not self.speakers.has_subject(trigger):
                return False
            if any(m.lower_ not in self.w.reverse_markers for m in markers(self.syntax, trigger)):
                return False  # "after he said", but "as X reports, ..."
            first = first_word(trigger, is_blank)
            return first.i > 0 and trigger.doc[first.i - 1].text in ATTACHING_PUNCT
        return True

    def _subordinate(self, verb: Token) -> bool:
        """A clause opened by a subordinator or a wh-adverb ("after he said", "when he said")."""
        return bool(markers(self.syntax, verb)) or any(c.tag_ in WH_TAGS for c in verb.lefts)

    def _future_purpose(self, trigger: Token) -> bool:
        """"will travel ... to meet X and underscore Y", "a town hall with students to
        underscore ...": the purpose of an event not yet held."""
        token = self._first_conjunct(trigger)
        if token is not trigger and self._purposive(trigger) and not self._purposive(token):
            event = token  # "will meet X and to underscore Y"
        elif clause_kind(self.syntax, token) in ("adverbial", "noun") and self._purposive(token):
            event = token.head
            while event.pos_ not in ("VERB", "AUX") and event.head.i != event.i:
                event = event.head
        else:
            return False
        return not any(self._past(v) for v in (event, self._first_conjunct(event)))

    def _purposive(self, verb: Token) -> bool:
        return any(m.lower_ in self.w.purpose_markers for m in markers(self.syntax, verb))

    def _first_conjunct(self, token: Token) -> Token:
        while clause_kind(self.syntax, token) == "conjunct" and token.head.i != token.i:
            token = token.head
        return token

    def _past(self, verb: Token) -> bool:
        return verb.tag_ in PAST or any(a.tag_ in PAST for a in self.syntax.auxiliaries(verb))


def _right_after_cue(trigger: Token, reporting: set[int]) -> bool:
    """"said in a statement it would ...": the phrase right after a reporting word is that
    word's, wherever the parse hung it."""
    before = trigger.left_edge.i - 1
    while before >= 0 and trigger.doc[before].is_space:
        before -= 1
    return before in reporting


def _speaking_nodes(match: Match) -> list[Token]:
    return [match.nodes[n] for n, roles in match.pattern.roles.items() if "speaker" in roles and n in match.nodes]


def _reports(match: Match) -> bool:
    return not match.pattern.role_names.isdisjoint(REPORTING_ROLES)


def _cue_text(match: Match) -> str:
    return match.pattern.info.get("cue") or match.trigger.text
