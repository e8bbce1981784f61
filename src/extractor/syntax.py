"""The one place that knows dependency-label schemes.

Our shipped pipeline is trained on Universal Dependencies (``nsubj:pass``,
``flat``, ``appos``); spaCy's official English pipelines use ClearNLP labels
(``nsubjpass``, ``compound``, ``neg``). Components ask questions through this
module and never compare dependency labels themselves.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

PrepositionalObjects = tuple[tuple[str, Token], ...]
CASE = get_string_id("case")  # UD's label of a preposition on its noun, as Token.dep holds it


@functools.lru_cache(maxsize=64)
def string_ids(strings: frozenset[str]) -> frozenset[int]:
    """Labels or words as the ids a Doc's arrays hold (``doc.to_array(DEP)``, ``LOWER``...)."""
    return frozenset(get_string_id(s) for s in strings)


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
    object: frozenset[str]  # direct (and indirect) objects
    clausal: frozenset[str]  # clauses hanging on a word: complements, adverbial and relative clauses
    negation: frozenset[str]  # labels a negator may carry ("not": UD advmod, ClearNLP neg)
    auxiliary: frozenset[str]
    agent: frozenset[str] = frozenset()  # a passive's agent ("by the ministry"): UD obl:agent, ClearNLP agent
    relative: frozenset[str] = frozenset()  # a relative clause on a noun ("X, who said ...")
    adverbial: frozenset[str] = frozenset()  # an adverbial clause ("..., saying ...", "to stress ...")
    noun_clause: frozenset[str] = frozenset()  # a clause modifying a noun ("an official declaring ...")
    marker: frozenset[str] = frozenset()  # a clause's subordinator ("that", "to", "after")
    conjunct: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()  # a passive's subject or auxiliary ("was agreed")
    adjunct: frozenset[str] = frozenset()  # a verb's non-clausal modifier ("in Albany", "late Tuesday")
    expletive: frozenset[str] = frozenset()  # "there" of "there would be"
    complement: frozenset[str] = frozenset()  # a clause a verb reports ("said talks had failed")
    compound: frozenset[str] = frozenset()  # a noun modifying a noun ("nation" of "six-nation talks")
    count: frozenset[str] = frozenset()  # a number on a noun ("six" of "six-nation")


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
    object=frozenset({"obj", "iobj"}),
    clausal=frozenset({"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "advcl:relcl", "parataxis", "csubj"}),
    negation=frozenset({"advmod"}),
    auxiliary=frozenset({"aux", "aux:pass", "cop"}),
    agent=frozenset({"obl:agent"}),
    relative=frozenset({"acl:relcl", "advcl:relcl"}),
    adverbial=frozenset({"advcl"}),
    noun_clause=frozenset({"acl"}),
    marker=frozenset({"mark"}),
    conjunct=frozenset({"conj"}),
    passive=frozenset({"nsubj:pass", "csubj:pass", "aux:pass"}),
    adjunct=frozenset({"obl", "obl:tmod", "obl:npmod", "obl:unmarked", "advmod"}),
    expletive=frozenset({"expl"}),
    complement=frozenset({"ccomp"}),
    compound=frozenset({"compound"}),
    count=frozenset({"nummod"}),
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
    object=frozenset({"dobj", "dative"}),
    clausal=frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "parataxis", "csubj", "pcomp"}),
    negation=frozenset({"neg", "advmod"}),
    auxiliary=frozenset({"aux", "auxpass", "cop"}),
    agent=frozenset({"agent"}),
    relative=frozenset({"relcl"}),
    adverbial=frozenset({"advcl"}),
    noun_clause=frozenset({"acl"}),
    marker=frozenset({"mark", "aux"}),  # ClearNLP: "to" of an infinitive is aux
    conjunct=frozenset({"conj"}),
    passive=frozenset({"nsubjpass", "csubjpass", "auxpass"}),
    adjunct=frozenset({"prep", "npadvmod", "advmod"}),
    expletive=frozenset({"expl"}),
    complement=frozenset({"ccomp"}),
    compound=frozenset({"compound"}),
    count=frozenset({"nummod"}),
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
        self._prepositional_of: tuple[Doc, dict[int, PrepositionalObjects]] | None = None  # the last doc's
        # the labels the walks over a word's children test, as the ids Token.dep holds (half Token.dep_'s cost)
        self._subject, self._apposition = string_ids(scheme.subject), string_ids(scheme.apposition)
        self._core, self._object = string_ids(scheme.core), string_ids(scheme.object)
        self._auxiliary, self._possessive = string_ids(scheme.auxiliary), string_ids(scheme.possessive)
        self._prepositional, self._clausal = string_ids(scheme.prepositional), string_ids(scheme.clausal)
        self._passive = string_ids(scheme.passive)

    def subjects(self, verb: Token) -> list[Token]:
        """Subjects of a verb, through conjunctions ("X and Y met")."""
        found = [c for c in verb.children if c.dep in self._subject]
        if found:
            return with_conjuncts(found)
        dep = verb.dep_  # read once: the two fallbacks below test it
        if dep in self.s.conjunct and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            return self.subjects(verb.head)  # "agreed to set up a group and to hold talks": those who agreed
        if dep == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
            # "is expected to meet" / "plans to meet": subject of the governing verb;
            # "invited the Prime Minister to attend": its object
            found = self.objects(verb.head) or [c for c in verb.head.children if c.dep in self._subject]
        return with_conjuncts(found)

    def appositions(self, noun: Token) -> list[Token]:
        return [c for c in noun.children if c.dep in self._apposition]

    def stray_apposition(self, noun: Token) -> Token | None:
        """A name set off by a comma right after the noun's phrase that the parser hung
        elsewhere: "in Ethiopia's capital, Addis Ababa", parsed with "Addis" a parataxis
        of the verb."""
        doc, end = noun.doc, noun.right_edge.i
        if end + 2 >= len(doc) or doc[end + 1].text != "," or doc[end + 2].pos_ != "PROPN":
            return None
        name = doc[end + 2]
        while self.is_name_part(name) and name.head.i > name.i:
            name = name.head
        return name if name.head.i != noun.i and noun.i not in {a.i for a in name.ancestors} else None

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
            parent = stack.pop()
            for child in parent.children:
                dep = child.dep
                if dep in self._core and not (dep == CASE and parent.i == head.i):
                    found.append(child)  # the head's own case word is its preposition ("in")
                    stack.append(child)
        return sorted(found, key=lambda t: t.i)

    @staticmethod
    def _case_of(noun: Token) -> str | None:
        """"with" of "with newly sworn-in X", "to" of "to Ukrainian President Volodymyr
        Zelenskyy" (where the parse hangs "to" on a word inside the name)."""
        mark = next((c.lower_ for c in noun.lefts if c.dep == CASE), None)  # its first child before it
        if mark is not None:
            return mark
        edge = noun.left_edge
        return edge.lower_ if edge.dep == CASE and edge.i < noun.i else None

    def objects(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep in self._object]

    def auxiliaries(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep in self._auxiliary]

    def is_adjunct(self, token: Token) -> bool:
        return token.dep_ in self.s.adjunct

    def is_expletive(self, token: Token) -> bool:
        return token.dep_ in self.s.expletive

    def is_clausal(self, token: Token) -> bool:
        return token.dep in self._clausal

    def possessors(self, head: Token) -> list[Token]:
        return [c for c in head.children if c.dep in self._possessive]

    def prepositional_objects(self, head: Token) -> PrepositionalObjects:
        """(preposition, its object) for every prepositional phrase on a word: "of the
        European Council", "with Zelenskyy" (lower-case preposition). Found once per word of
        the last document asked about: the rules ask about the same words again and again."""
        if self._prepositional_of is None or self._prepositional_of[0] is not head.doc:
            self._prepositional_of = (head.doc, {})
        known = self._prepositional_of[1]
        found = known.get(head.i)
        if found is None:
            found = known[head.i] = self._find_prepositional_objects(head)
        return found

    def _find_prepositional_objects(self, head: Token) -> PrepositionalObjects:
        found = []
        for child in head.children:
            if child.dep not in self._prepositional:
                continue
            if self.s.preposition_object:  # ClearNLP: prep -> pobj
                found += [(child.lower_, obj) for obj in child.children if obj.dep_ in self.s.preposition_object]
            else:  # UD: the noun, marked by its case word (or the one opening its phrase)
                mark = self._case_of(child)
                if mark is not None:
                    found.append((mark, child))
        return tuple(found)


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and everything coordinated with them, in order, once each."""
    seen: dict[int, Token] = {}
    for t in tokens:
        seen.setdefault(t.i, t)
        for c in t.conjuncts:
            seen.setdefault(c.i, c)
    return [seen[i] for i in sorted(seen)]


# --- Reported speech (used by the quotes component) -------------------------

def agents(syntax: Syntax, verb: Token) -> list[Token]:
    """A passive's agents ("was announced *by the ministry*"): the nouns."""
    found = [c for c in verb.children if c.dep_ in syntax.s.agent]
    if syntax.s.preposition_object:  # ClearNLP: agent -> pobj
        found = [o for a in found for o in a.children if o.dep_ in syntax.s.preposition_object]
    return with_conjuncts(found)


def clause_kind(syntax: Syntax, token: Token) -> str | None:
    """How a clause hangs on its head: "relative", "adverbial", "noun" (a clause modifying a
    noun), "conjunct", "complement" (the other clausal relations), or None."""
    dep = token.dep_
    for kind, labels in (("relative", syntax.s.relative), ("adverbial", syntax.s.adverbial),
                         ("noun", syntax.s.noun_clause), ("conjunct", syntax.s.conjunct)):
        if dep in labels:
            return kind
    return "complement" if dep in syntax.s.clausal else None


def is_passive(syntax: Syntax, verb: Token) -> bool:
    """"was agreed", "were damaged": a passive subject or auxiliary on the verb."""
    return any(c.dep in syntax._passive for c in verb.children)


def markers(syntax: Syntax, token: Token) -> list[Token]:
    """The subordinators of a clause ("*that* the talks ...", "*to* stress", "*after* he said")."""
    return [c for c in token.children if c.dep_ in syntax.s.marker and c.i < token.i]
