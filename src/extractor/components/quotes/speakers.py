"""Who said it, read from the parse and resolved through the mention layer.

The speaker phrase is the cue's subject; for a cue without one, the passive agent ("was
announced by the ministry"), or the subject of the verb it depends on ("..., saying ...",
"X rejected the offer and insisted ...", "X was quoted as saying"), or the noun a
participle describes ("a U.S. official declaring ..."); a relative pronoun stands for its
noun ("X, who said ..."), and a document for its owner ("The Chinese statement says"). A
pattern may name the phrase itself (role ``source``: "according to X", "X's call for").
The mention layer says whom each phrase refers to: names, pronouns, titles, groups ("the
two leaders": one party each), descriptions, and unnamed people by their printed label.
"""
from __future__ import annotations

import bisect
import functools

import numpy
from spacy.attrs import DEP
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ...facts import Entity, Party
from ...layout import layout_of
from ...syntax import Syntax, agents, clause_kind, with_conjuncts
from .. import mentions
from ..mentions.words import mention_words
from ..dependency import Parse
from ..patterns import Match
from .content import tokens_in
from .unnamed import earlier_label, group_named_later, named_later, organisation_named_next
from .words import QuoteWords
from ...sentences import sentence_of

MAX_CLIMB = 3  # verbs climbed for the subject of a participle or a coordinated cue
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
CLIMBED = frozenset({"adverbial", "conjunct", "complement"})
NOMINAL = frozenset({"NOUN", "PROPN"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


class SpeakerReader:
    def __init__(self, syntax: Syntax, words: QuoteWords) -> None:
        self.syntax = syntax
        self.w = words
        self._conjunct_labels = numpy.array([get_string_id(label) for label in syntax.s.conjunct], dtype=numpy.uint64)
        self._conjuncts: tuple[Doc | None, list[int]] = (None, [])  # the last Doc's words labelled as conjuncts

    # ------------------------------------------------------------------ the phrase

    def words_of(self, match: Match) -> list[Token]:
        """The heads of the phrases naming the speaker of a matched cue."""
        for name, roles in match.pattern.roles.items():
            token = match.nodes.get(name)
            if token is None:
                continue
            if "source" in roles:
                return self._owners([token])
            if "speaker" in roles:
                return self._owners(self.subjects(token))
        return []

    def clause_subject(self, match: Match, words: list[Token]) -> list[Token]:
        """"<clause>, it said": a pronoun attributing the clause before it stands for the
        clause's subject when that is an organisation the mention layer could not name."""
        clause = next((match.nodes[n] for n, roles in match.pattern.roles.items() if "clause" in roles), None)
        if clause is None or len(words) != 1 or words[0].pos_ != "PRON" or clause.i > match.trigger.i:
            return words
        subjects = self.syntax.subjects(clause)
        return subjects[:1] if subjects and organisation_named_next(subjects[0]) else words

    def subjects(self, verb: Token) -> list[Token]:
        """The cue's own subject, else that of the clause it depends on: a participle or a
        coordinated verb shares it, also where the parse hangs the participle inside an
        object ("reaffirmed the goal of a relationship that benefits X, while underscoring")."""
        found = self._own(verb)
        if found:
            return found
        kind = clause_kind(self.syntax, verb)
        if kind == "noun" and verb.head.pos_ in NOMINAL and self._may_speak(verb.head):
            return [verb.head]  # "a U.S. official declaring the meeting a success"
        token = verb
        for _ in range(MAX_CLIMB):
            if clause_kind(self.syntax, token) not in CLIMBED | {"noun"} or token.head.i == token.i:
                break
            token = self._clause_above(token.head)
            found = self._own(token)
            if found:
                return found
        return self.beside(verb) or (self.beside(token) if token is not verb else [])

    def _clause_above(self, token: Token) -> Token:
        """The verb whose clause holds ``token``, out of the noun phrases it sits in."""
        for _ in range(MAX_CLIMB * 2):
            if token.pos_ in ("VERB", "AUX") and clause_kind(self.syntax, token) not in ("relative", "noun"):
                return token
            if token.head.i == token.i:
                return token
            token = token.head
        return token

    def _may_speak(self, noun: Token) -> bool:
        """A noun that can be a speaker: a name, someone the mention layer knows, a body or a
        role; not a thing ("the relationship, agreeing on ...", where the parse hangs the
        participle on the object)."""
        if noun.pos_ == "PROPN" or mentions.reference_at(noun) is not None:
            return True
        return noun.lemma_.lower() in body_and_role_words()

    @staticmethod
    def beside(verb: Token) -> list[Token]:
        """A cue the parse left without a subject: the named phrase right after it ("...,
        said election chief Omar Haddad", "said Senator Dianne Feinstein, who ...") or right
        before it ("... coach Rita Sousa said")."""
        doc = verb.doc
        following = [c for c in verb.rights if c.left_edge.i == verb.i + 1 and c.pos_ in NOMINAL
                     and c.left_edge.pos_ not in ("ADP", "SCONJ")]
        if following and _speaking(mentions.reference_at(following[0])):
            return following[:1]
        after = next((t for t in tokens_in(doc, verb.i + 1, sentence_of(verb).end) if not t.is_space), None)
        ref = mentions.reference_at(after) if after is not None and after.pos_ not in ("ADP", "SCONJ") else None
        if _speaking(ref) and ref.start == after.i:
            return [doc[ref.head]]
        before = verb.i - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        ref = mentions.reference_at(doc[before]) if before >= 0 else None
        return [doc[ref.head]] if _speaking(ref) and ref.end == before + 1 else []

    def has_subject(self, verb: Token) -> bool:
        return any(self.syntax.is_subject(c) for c in verb.children)

    def _own(self, verb: Token) -> list[Token]:
        found = [self._antecedent(_worded(t)) for t in self.syntax.subjects(verb)]
        return [t for t in found if not t.is_space] or agents(self.syntax, verb)

    def _antecedent(self, token: Token) -> Token:
        """"X, who said ...": the noun a relative pronoun stands for."""
        if token.tag_ not in RELATIVE_TAGS:
            return token
        clause = token.head
        while clause_kind(self.syntax, clause) == "conjunct" and clause.head.i != clause.i:
            clause = clause.head
        return clause.head if clause_kind(self.syntax, clause) == "relative" else _named_before(token)

    def _owners(self, tokens: list[Token]) -> list[Token]:
        """A document speaks for its owner: "the ministry's statement", "The Chinese
        statement", "a report by the WHO"."""
        out = []
        for token in tokens:
            if token.lemma_.lower() not in self.w.documents and token.lower_ not in self.w.documents:
                out.append(token)
                continue
            out += self._owner(token) or [token]
        return out

    def _owner(self, document: Token) -> list[Token]:
        found = self.syntax.possessors(document)
        found += [t for t in self.syntax.core(document) if t.i != document.i and _named(t)]
        found += [obj for prep, obj in self.syntax.prepositional_objects(document)
                  if prep in self.w.owner_prepositions and _named(obj)]
        return found[:1]

    # ------------------------------------------------------------------ whom it means

    def parties(self, tokens: list[Token]) -> list[Party]:
        """Whom the phrases refer to, once each; a phrase the mention layer does not know
        is taken as printed (a name the model missed, an unnamed group: "Fishermen")."""
        found: list[Party] = []
        dateline_end = layout_of(tokens[0].doc).dateline_end if tokens else 0
        for token in with_conjuncts(tokens):
            if token.idx < dateline_end:
                continue  # "Tokyo, March 3 — X and Y agreed", parsed with the dateline as a subject
            token = self._named_apposition(token)
            for party in self._unnamed(token) or mentions.parties(token, mentions.SPEAKER) or self._printed(token) \
                    or _described(token):
                if party not in found:
                    found.append(party)
            found += [p for p in self._coordinated_inside(token) if p not in found]
        named = [p for p in found if p.entity]
        return named if named and len(named) < len(found) and len(tokens) > 1 else found

    @staticmethod
    def _unnamed(token: Token) -> list[Party]:
        """An unnamed person named later, or mentioned again by a definite role."""
        ref = mentions.reference_at(token)
        if ref is None or ref.head != token.i:
            return organisation_named_next(token) if ref is None else []
        if ref.how != "unnamed":
            return []
        return named_later(token, ref) or group_named_later(token, ref) or earlier_label(token, ref)

    def _coordinated_inside(self, token: Token) -> list[Party]:
        """People coordinated inside the phrase, for a parse that hangs one name on another
        ("Kenyan Agriculture Minister X and Ugandan Trade Minister Y agreed", parsed with Y as
        the subject and X among its modifiers); prepositional phrases, clauses, appositions
        and possessors are not entered."""
        found: list[Party] = []
        if not self._conjunct_inside(token):
            return found  # nothing to walk for (most phrases)
        stack = self._inside_phrase(token)
        while stack:
            child = stack.pop()
            ref = mentions.reference_at(child)
            if clause_kind(self.syntax, child) == "conjunct" and ref is not None and ref.how in ("name", "alias") \
                    and ref.types == ["PERSON"]:
                found += [p for p in ref.parties if p not in found]
            stack += self._inside_phrase(child)
        return found

    def _conjunct_inside(self, head: Token) -> bool:
        """Whether a word labelled as a conjunct stands between the edges of ``head``'s
        phrase (``head`` aside): the words the parse labels so are found once per Doc."""
        doc = head.doc
        if self._conjuncts[0] is not doc:
            labels = Parse.of(doc).columns([DEP])  # a label or two: compared one by one (numpy.isin costs 30 us)
            self._conjuncts = (doc, sorted(i for label in self._conjunct_labels
                                           for i in numpy.flatnonzero(labels == label).tolist()))
        conjuncts = self._conjuncts[1]
        lo, hi = bisect.bisect_left(conjuncts, head.left_edge.i), bisect.bisect_right(conjuncts, head.right_edge.i)
        return any(i != head.i for i in conjuncts[lo:hi])

    def _inside_phrase(self, head: Token) -> list[Token]:
        """The children of a word of a phrase but the prepositional phrases, clauses,
        appositions and possessors hanging on it (those read once for all its children)."""
        children = list(head.children)
        if not children:
            return []
        apart = {obj.i for _, obj in self.syntax.prepositional_objects(head)}
        apart.update(t.i for t in self.syntax.appositions(head) + self.syntax.possessors(head))
        return [c for c in children if c.i not in apart and clause_kind(self.syntax, c) in (None, "conjunct")]

    def _named_apposition(self, token: Token) -> Token:
        """"The utility, Northwind Power, said": the name in apposition to a description."""
        if _named(token):
            return token
        return next((a for a in self.syntax.appositions(token) if _named(a)), token)

    def _printed(self, token: Token) -> list[Party]:
        """A name the mention layer does not know, or a bare plural ("Fishermen", "Analysts"),
        as printed; other words ("the goal") name no speaker."""
        if mentions.reference_at(token) is not None or token.lemma_.lower() in self.w.documents:
            return []
        known = _entity_called(token)
        if known:
            return known
        core = [t for t in self.syntax.core(token) if not t.is_punct]
        if not core:
            return []
        bare_plural = token.tag_ in PLURAL_TAGS and core[0] is token and token.pos_ == "NOUN"
        if token.pos_ != "PROPN" and not bare_plural:
            return []
        return [Party(" ".join(t.text for t in core))]


@functools.lru_cache(maxsize=1)
def body_and_role_words() -> frozenset[str]:
    """The words of bodies and roles, which can speak (joined once: the union of the lists
    cost more than the rest of a question)."""
    words = mention_words()
    return frozenset(words.organisations | words.person_roles | words.delegations | words.groups.keys())


def _described(token: Token) -> list[Party]:
    """"the former international", "The 58-year-old": an adjective standing for a person the
    mention layer leaves open is the person the text named last."""
    if token.pos_ != "ADJ" or mentions.reference_at(token) is not None:
        return []
    if not any(c.lower_ in mention_words().definite for c in token.children if c.i < token.i):
        return []
    people = [r for r in token.doc._.references or [] if r.head < token.i and r.types == ["PERSON"]]
    return people[-1].parties[:1] if people else []


def _named_before(pronoun: Token) -> Token:
    """"X, who said ...", parsed without the relative clause on X: the named phrase the
    pronoun follows (past its comma) is what it stands for; else the pronoun itself."""
    before = pronoun.i - 1
    while before >= 0 and (pronoun.doc[before].is_punct or pronoun.doc[before].is_space):
        before -= 1
    ref = mentions.reference_at(pronoun.doc[before]) if 0 <= before < pronoun.i - 1 else None
    return pronoun.doc[ref.head] if _named(pronoun.doc[before]) and ref.end == before + 1 else pronoun


def _worded(token: Token) -> Token:
    """A run of spaces the parse took for a word ("," Zardari said"): the word hung on it."""
    if not token.is_space:
        return token
    return next((c for c in token.children if not c.is_space), token)


def _entity_called(token: Token) -> list[Party]:
    """A capitalised word the entity layer did not link here but knows as one person's name,
    alias or surname ("Villacorta told reporters", tagged as a common noun)."""
    if not token.text[:1].isupper():
        return []
    people = _people_by_form(token.doc).get(token.text.casefold(), [])
    return [Party(people[0].name, people[0].id)] if len(people) == 1 else []


# The last Doc's entities and its people by form (``_people_by_form``).
_last_people: tuple[list[Entity] | None, dict[str, list[Entity]]] = (None, {})


def _people_by_form(doc: Doc) -> dict[str, list[Entity]]:
    """The Doc's people by each form of a name or alias, case-folded, and by its last word: read
    once per Doc (a long text asks at thousands of speakers), in the entities' order."""
    global _last_people
    entities = doc._.entities or []
    if _last_people[0] is not entities:
        index: dict[str, list[Entity]] = {}
        for entity in entities:
            if entity.type != "PERSON":
                continue
            forms = set()
            for name in (entity.name, *entity.aliases):
                folded = name.casefold()
                forms.add(folded)
                forms.update(folded.split()[-1:])
            for form in forms:
                index.setdefault(form, []).append(entity)
        _last_people = (entities, index)
    return _last_people[1]


def _speaking(ref) -> bool:
    """A reference that can speak: someone resolved, or an unnamed person."""
    return ref is not None and (bool(ref.parties) or ref.how == "unnamed")


def _named(token: Token) -> bool:
    ref = mentions.reference_at(token)
    return ref is not None and ref.how in ("name", "alias") and bool(ref.parties)
