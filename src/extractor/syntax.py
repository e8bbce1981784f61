"""The one place that knows dependency-label schemes.

Our shipped pipeline is trained on Universal Dependencies (``nsubj:pass``,
``flat``, ``appos``); spaCy's official English pipelines use ClearNLP labels
(``nsubjpass``, ``compound``, ``neg``). Components ask questions through this
module and never compare dependency labels themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Token


@dataclass(frozen=True)
class LabelScheme:
    name: str
    subject: frozenset[str]
    name_parts: frozenset[str]  # labels joining the words of one name
    apposition: frozenset[str]
    core: frozenset[str]  # labels of the words inside a nominal's core ("the senior U.S. official")
    possessive: frozenset[str]  # "China's" of "China's state councilor"
    prepositional: frozenset[str]  # labels of a prepositional phrase on a nominal or a verb
    preposition_object: frozenset[str]  # ClearNLP's pobj under its preposition; UD marks the noun instead


UD = LabelScheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"}),
    name_parts=frozenset({"flat", "flat:name", "compound", "fixed"}),
    apposition=frozenset({"appos"}),
    core=frozenset({"det", "det:predet", "amod", "compound", "flat", "flat:name", "fixed", "nummod", "nmod:desc",
                    "nmod:poss", "nmod:unmarked", "case"}),
    possessive=frozenset({"nmod:poss"}),
    prepositional=frozenset({"nmod", "obl", "obl:agent", "acl"}),
    preposition_object=frozenset(),
)

CLEAR = LabelScheme(
    name="clear",
    subject=frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}),
    name_parts=frozenset({"compound", "flat"}),
    apposition=frozenset({"appos"}),
    core=frozenset({"det", "predet", "amod", "compound", "nummod", "nmod", "poss", "case", "quantmod"}),
    possessive=frozenset({"poss"}),
    prepositional=frozenset({"prep", "agent"}),
    preposition_object=frozenset({"pobj"}),
)


def scheme_for(nlp: Language) -> LabelScheme:
    """Pick the scheme from the parser's labels (UD unless it has ClearNLP's)."""
    if "parser" in nlp.pipe_names:
        labels = set(nlp.get_pipe("parser").labels)
        if "dobj" in labels or "pobj" in labels:
            return CLEAR
    return UD


class Syntax:
    """Scheme-neutral questions about a parse."""

    def __init__(self, scheme: LabelScheme) -> None:
        self.s = scheme

    def subjects(self, verb: Token) -> list[Token]:
        """Subjects of a verb, through conjunctions ("X and Y met")."""
        found = [c for c in verb.children if c.dep_ in self.s.subject]
        if not found and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            found = [c for c in verb.head.children if c.dep_ in self.s.subject]
        if not found and verb.dep_ in ("xcomp",) and verb.head.pos_ in ("VERB", "AUX"):
            # "is expected to meet" / "plans to meet": subject of the governing verb
            found = [c for c in verb.head.children if c.dep_ in self.s.subject]
        return with_conjuncts(found)

    def appositions(self, noun: Token) -> list[Token]:
        return [c for c in noun.children if c.dep_ in self.s.apposition]

    def is_name_part(self, token: Token) -> bool:
        return token.dep_ in self.s.name_parts

    def is_subject(self, token: Token) -> bool:
        """A subject, or a conjunct of one ("X and Y met")."""
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        return token.dep_ in self.s.subject

    def core(self, head: Token) -> list[Token]:
        """The words of a nominal's core, in order: determiners, modifiers, compounds and
        possessors ("the senior U.S. official", "China's state councilor"), without its
        prepositional phrases, clauses, appositions or conjuncts."""
        found = [head]
        stack = [head]
        while stack:
            for child in stack.pop().children:
                if child.dep_ in self.s.core and not (child.dep_ == "case" and child.head.i == head.i):
                    found.append(child)  # the head's own case word is its preposition ("in")
                    stack.append(child)
        return sorted(found, key=lambda t: t.i)

    def possessors(self, head: Token) -> list[Token]:
        return [c for c in head.children if c.dep_ in self.s.possessive]

    def prepositional_objects(self, head: Token) -> list[tuple[str, Token]]:
        """(preposition, its object) for every prepositional phrase on a word: "of the
        European Council", "with Zelenskyy" (lower-case preposition)."""
        found = []
        for child in head.children:
            if child.dep_ not in self.s.prepositional:
                continue
            if self.s.preposition_object:  # ClearNLP: prep -> pobj
                found += [(child.lower_, obj) for obj in child.children if obj.dep_ in self.s.preposition_object]
            else:  # UD: the noun, marked by its case word
                marks = [c.lower_ for c in child.children if c.dep_ == "case" and c.i < child.i]
                if marks:
                    found.append((" ".join(marks), child))
        return found


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and everything coordinated with them, in order, once each."""
    seen: dict[int, Token] = {}
    for t in tokens:
        seen.setdefault(t.i, t)
        for c in t.conjuncts:
            seen.setdefault(c.i, c)
    return [seen[i] for i in sorted(seen)]


# --- Reported speech (used by the quotes component) -------------------------

_NEGATORS = frozenset({"not", "n't", "never"})


def is_negated(syntax: Syntax, verb: Token) -> bool:
    """"did *not* say": a negator attached before the verb (UD ``advmod``, ClearNLP ``neg``)."""
    return any(c.lower_ in _NEGATORS and c.dep_ in ("neg", "advmod") and c.i < verb.i for c in verb.children)


def is_marker(syntax: Syntax, token: Token) -> bool:
    """A subordinator such as the "that" of "said that …" (``mark`` in both schemes)."""
    return token.dep_ == "mark"
