"""The one place that knows dependency-label schemes.

Our shipped pipeline is trained on Universal Dependencies (``obj``, ``obl`` +
``case``, ``nsubj:pass``, ``flat``, ``nmod:poss``); spaCy's official English
pipelines use ClearNLP labels (``dobj``, ``prep`` + ``pobj``, ``nsubjpass``,
``compound``, ``poss``). Components ask questions through this module and never
compare dependency labels themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class LabelScheme:
    name: str
    subject: frozenset[str]
    passive_subject: frozenset[str]
    obj: frozenset[str]
    clausal: frozenset[str]  # clausal complements of a verb (said *that ...*)
    name_parts: frozenset[str]  # labels joining the words of one name
    modifier: frozenset[str]  # nominal modifiers (compound, amod, ...)
    apposition: frozenset[str]
    possessor: frozenset[str]
    passive_aux: frozenset[str]
    agent: frozenset[str]
    adverbial_clause: frozenset[str]


UD = LabelScheme(
    name="ud",
    subject=frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"}),
    passive_subject=frozenset({"nsubj:pass", "csubj:pass"}),
    obj=frozenset({"obj", "iobj"}),
    clausal=frozenset({"ccomp", "xcomp", "parataxis"}),
    name_parts=frozenset({"flat", "flat:name", "compound", "fixed"}),
    modifier=frozenset({"compound", "amod", "nmod", "nmod:poss", "nummod", "det"}),
    apposition=frozenset({"appos"}),
    possessor=frozenset({"nmod:poss"}),
    passive_aux=frozenset({"aux:pass"}),
    agent=frozenset({"obl:agent"}),
    adverbial_clause=frozenset({"advcl"}),
)

CLEAR = LabelScheme(
    name="clear",
    subject=frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}),
    passive_subject=frozenset({"nsubjpass", "csubjpass"}),
    obj=frozenset({"dobj", "dative", "obj", "iobj"}),
    clausal=frozenset({"ccomp", "xcomp", "parataxis"}),
    name_parts=frozenset({"compound", "flat"}),
    modifier=frozenset({"compound", "amod", "nmod", "poss", "nummod", "det"}),
    apposition=frozenset({"appos"}),
    possessor=frozenset({"poss"}),
    passive_aux=frozenset({"auxpass"}),
    agent=frozenset({"agent"}),
    adverbial_clause=frozenset({"advcl"}),
)


def scheme_for(nlp: Language) -> LabelScheme:
    """Pick the scheme from the parser's labels (UD unless it has ClearNLP's)."""
    if "parser" in nlp.pipe_names:
        labels = set(nlp.get_pipe("parser").labels)
        if "dobj" in labels or "pobj" in labels:
            return CLEAR
    return UD


def scheme_of_doc(doc: Doc) -> LabelScheme:
    """Pick the scheme from the labels a parsed Doc carries."""
    for token in doc:
        if token.dep_ in ("pobj", "dobj", "nsubjpass", "prep"):
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

    def objects(self, verb: Token) -> list[Token]:
        return with_conjuncts([c for c in verb.children if c.dep_ in self.s.obj])

    def is_passive(self, verb: Token) -> bool:
        return any(c.dep_ in self.s.passive_aux or c.dep_ in self.s.passive_subject for c in verb.children)

    def clausal_complements(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ in self.s.clausal]

    def prepositional(self, head: Token) -> Iterator[tuple[str, Token]]:
        """(preposition, object) pairs attached to a head: "met *with* X", "*in* Geneva".

        UD hangs the noun on the head (obl/nmod) with the preposition as its
        ``case`` child; ClearNLP hangs the preposition (prep) with a ``pobj``.
        """
        if self.s is CLEAR:
            for prep in head.children:
                if prep.dep_ == "prep":
                    for pobj in prep.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            yield prep.lower_, pobj
        else:
            for child in head.children:
                cases = [c for c in child.children if c.dep_ == "case" and c.i < child.i]
                if cases and child.dep_ not in ("case",):
                    yield " ".join(c.lower_ for c in cases), child

    def possessor(self, noun: Token) -> Token | None:
        for c in noun.children:
            if c.dep_ in self.s.possessor:
                return c
        return None

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
