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


UD = LabelScheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"}),
    name_parts=frozenset({"flat", "flat:name", "compound", "fixed"}),
    apposition=frozenset({"appos"}),
)

CLEAR = LabelScheme(
    name="clear",
    subject=frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}),
    name_parts=frozenset({"compound", "flat"}),
    apposition=frozenset({"appos"}),
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
