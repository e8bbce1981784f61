"""Whether an encounter happened, is planned or was called off, from the verbs around it."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from ...facts import DateMention
from ...syntax import Syntax
from ..patterns import Match
from .arguments import FINITE_TAGS, clause_verb
from .words import MeetingWords

NOUNS = ("NOUN", "PROPN")
PRESENT_TAGS = ("VBZ", "VBP")
PAST_TAGS = ("VBD", "VBN")
TENSED_TAGS = (*FINITE_TAGS, "MD")  # a verb with its own tense, or a modal giving it one
MAX_CHAIN = 4  # verbs above the trigger that can plan or cancel it ("is expected to travel to X to meet")


class StatusReader:
    def __init__(self, syntax: Syntax, words: MeetingWords) -> None:
        self.syntax = syntax
        self.w = words
        self._chained: tuple[Match, list[Token]] | None = None  # the last match's chain: status, timeless, hypothetical
        self._auxiliary_words: tuple[Doc, dict[int, frozenset[str]]] | None = None  # the last doc's, by verb

    def status(self, match: Match, date: DateMention | None, reference: dt.date | None) -> str:
        fixed = match.pattern.info.get("status")
        if fixed:
            return fixed
        chain = self._chain(match)
        noun_alone = match.trigger.pos_ != "VERB" and "support" not in match.nodes
        if match.pattern.info.get("status_from") == "tense" or noun_alone:
            chain = chain[:1]  # "agreed to study it in their first meeting": the meeting's own clause only
        plan = self._plan_noun(match.trigger)
        modifiers = self._modifiers(match.trigger)
        if any(self._negated(v) for v in chain[:2]) or any(self._cancelling(v) for v in chain) \
                or not modifiers.isdisjoint(self.w.cancel_modifiers) or plan is not None and self._denied(plan):
            return "cancelled"
        if any(self._future(v) for v in chain) or any(self._lemma(v) in self.w.plan_heads for v in chain[1:]) \
                or not modifiers.isdisjoint(self.w.plan_modifiers) or plan is not None:
            return "planned"
        if date is not None and reference is not None and _after(date, reference):
            return "planned"
        return "cancelled" if not modifiers.isdisjoint(self.w.postpone_modifiers) else "happened"

    def timeless(self, match: Match) -> bool:
        """A meeting noun described in the present tense ("This annual meeting ... is a key
        event", "This is my first meeting with both Ministers"): it tells no status of its
        own, and is the encounter the article reports with the same parties."""
        if match.trigger.pos_ not in NOUNS or "support" in match.nodes:
            return False
        trigger = match.trigger
        nominal = [trigger, trigger.head] if self.syntax.is_subject(trigger) else [trigger]  # "X is a key event"
        copulas = [c for word in nominal for c in self.syntax.auxiliaries(word)]
        predicate = self._chain(match)[0]
        verbs = copulas or [predicate, *self.syntax.auxiliaries(predicate)]
        perfect = any(v.lemma_.lower() in self.w.perfect for v in verbs[1:])  # "I've just come from the meeting"
        past = perfect or any(v.tag_ in PAST_TAGS for v in verbs)
        return any(v.tag_ in PRESENT_TAGS for v in verbs) and not past

    def hypothetical(self, match: Match) -> bool:
        """"should open a dialogue", "could meet": a proposal or a possibility."""
        return any(not self.w.hypothetical.isdisjoint(self._auxiliaries(v)) for v in self._chain(match)[:2])

    def _auxiliaries(self, verb: Token) -> frozenset[str]:
        """A verb's auxiliaries (lower case), read once per verb of the last document: the
        verbs of a match's chain are asked whether they are hypothetical and future, and the
        triggers of a sentence share them."""
        if self._auxiliary_words is None or self._auxiliary_words[0] is not verb.doc:
            self._auxiliary_words = (verb.doc, {})
        known = self._auxiliary_words[1]
        if verb.i not in known:
            known[verb.i] = frozenset(c.lower_ for c in self.syntax.auxiliaries(verb))
        return known[verb.i]

    def _chain(self, match: Match) -> list[Token]:
        """The trigger's predicate and the predicates it completes, nearest first (read once per match)."""
        if self._chained is None or self._chained[0] is not match:
            self._chained = (match, self._find_chain(match))
        return self._chained[1]

    def _find_chain(self, match: Match) -> list[Token]:
        token = clause_verb(match.nodes.get("support", match.trigger))  # a meeting noun: the verb of its clause
        chain = [token]
        while len(chain) < MAX_CHAIN and self.syntax.is_clausal(token) and token.head.i != token.i \
                and not self._finite(token):  # "will resume talks after negotiations ended": ended has its own tense
            token = token.head
            chain.append(token)
        return chain

    def _plan_noun(self, trigger: Token) -> Token | None:
        """"plans for talks between X and Y": the plan noun a meeting noun is the phrase of."""
        head = trigger.head
        planned = trigger.pos_ in NOUNS and head.pos_ in NOUNS and self._lemma(head) in self.w.plan_nouns
        return head if planned and trigger.dep_ in self.syntax.s.prepositional else None

    def _denied(self, noun: Token) -> bool:
        """"no plans", "there are not any plans": a negator on the noun or its verb."""
        return any(c.lower_ in self.w.negators for c in noun.children if c.i < noun.i) or self._negated(noun.head)

    def _finite(self, verb: Token) -> bool:
        return verb.tag_ in TENSED_TAGS or any(a.tag_ in TENSED_TAGS for a in self.syntax.auxiliaries(verb))

    def _cancelling(self, verb: Token) -> bool:
        """"cancelled", "refused to meet", "called off", "put off"."""
        lemma = self._lemma(verb)
        if lemma in self.w.cancel_heads:
            return True
        particle = self.w.cancel_particles.get(lemma)
        return particle is not None and any(c.lower_ == particle for c in verb.children)

    @staticmethod
    def _lemma(token: Token) -> str:
        return token.lemma_.lower()

    def _negated(self, verb: Token) -> bool:
        return any(c.lower_ in self.w.negators and c.dep_ in self.syntax.s.negation for c in verb.children)

    def _future(self, verb: Token) -> bool:
        """"will meet", "is to meet", "announced that she would hold"; a sentence whose main
        verb is an infinitive, as headlines announce ("Secretary Sebelius to Lead U.S.
        Delegation to ...")."""
        auxiliaries = self._auxiliaries(verb)
        reported = verb.dep_ in self.syntax.s.complement and self._lemma(verb.head) in self.w.reporting
        if auxiliaries & self.w.future or reported and auxiliaries & self.w.reported_future:
            return True
        infinitive = verb.head.i == verb.i and verb.tag_ == "VB"
        return infinitive and any(c.lower_ == "to" and c.i < verb.i for c in verb.children
                                  if c.dep_ in self.syntax.s.marker or c.dep_ in self.syntax.s.auxiliary)

    @staticmethod
    def _modifiers(noun: Token) -> frozenset[str]:
        """The words (lower case) hanging on a meeting noun ("postponed talks", "planned talks"),
        read once for the three lists of modifiers looked for; a verb's are none of them."""
        return frozenset(c.lower_ for c in noun.children) if noun.pos_ in NOUNS else frozenset()


def _after(date: DateMention, reference: dt.date) -> bool:
    """A date after the publication day (compared at the date's own precision)."""
    value = date.value or ""
    ref = reference.isoformat()[: len(value)]
    return bool(value) and value > ref
