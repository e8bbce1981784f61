"""Who each mention refers to: one pass over a document in reading order.

Named mentions come from the entity records. Every other nominal phrase the
parse shows is read by its head word: a pronoun takes the most salient earlier
referent of its gender and number (the subject of the nearest sentence before
any other); a title ("the Secretary", "the President of X") the person holding
it; a description ("the ministry", "the Peruvian delegation") the organisation
or country it stands for; a group ("the two leaders", "both sides", "they")
the parties the article just named together; an unnamed person ("a senior U.S.
official") keeps the words as printed. First-person pronouns inside a
transcript turn are the turn's speaker; inside a quote the quotes component
binds them to the quote's speaker (``bind``).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import DEP, HEAD
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ...facts import Entity, Party, Reference, Turn, words_text
from ...syntax import Syntax, string_ids
from ..gazetteer import country_of_demonym
from .phrases import Phrase, phrase_of, referring_heads, worded_sentence_starts
from .words import MentionWords

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LOOK_BACK = 3  # sentences a pronoun looks back
CATAPHORA = 2  # sentences a group yet to be named looks ahead
GROUP_LOOK_BACK = 25  # sentences a group ("the two leaders", "the four ministers") looks back
LIST_LOOK_AHEAD = 25  # sentences a counted group named first ("six-nation talks") looks ahead for its list
CLAUSE_CLIMB = 4  # heads climbed from an object to the clause whose subject it cannot be


@dataclass
class Seen:
    """A resolved mention in the discourse history."""

    ref: Reference
    sent: int
    subject: bool

    @cached_property
    def key(self) -> tuple[str, ...]:
        """Read once: the pass asks each mention's key again for every later pronoun and group."""
        return tuple(party_key(p) for p in self.ref.parties)


def party_key(party: Party) -> str:
    return party.entity or party.name.lower()


def party_of(entity: Entity, entities: dict[str, Entity]) -> tuple[Party, str]:
    """The party an entity stands for: a demonym ("Peruvian") stands for its country."""
    if entity.type != "NORP":
        return Party(entity.name, entity.id), entity.type
    country = next((e for e in entities.values() if e.type in PLACE_TYPES
                    and entity.country and (e.name == entity.country or entity.country in e.aliases)), None)
    if country is not None:
        return Party(country.name, country.id), country.type
    return Party(entity.country or entity.name), "GPE" if entity.country else "NORP"


class Resolver:
    def __init__(self, doc: Doc, syntax: Syntax, words: MentionWords, turns: list[Turn]) -> None:
        self.doc = doc
        self.syntax = syntax
        self.w = words
        self.turns = turns
        # each transcript paragraph by its start, with its turn (the first turn holding it)
        first: dict[tuple[int, int], int] = {}
        for k, turn in enumerate(turns):
            for span in turn.paragraphs:
                first.setdefault(span, k)
        self.turn_spans = [(a, b, turns[k]) for (a, b), k in sorted(first.items())]
        self.turn_starts = [a for a, _, _ in self.turn_spans]
        self.entities = {e.id: e for e in doc._.entities or []}
        self._parties: dict[str, tuple[Party, str]] = {}  # entity id -> the party it stands for, and its type
        self.entity_index: dict[int, Entity] = doc._.entity_of_token or {}
        self.starts = worded_sentence_starts(doc)
        self.history: list[Seen] = []
        self.groups: list[Seen] = []  # the history's mentions of more than one party, in order
        self.group_mentions: Counter[frozenset[str]] = Counter()  # how often each group was mentioned
        self._people_by_title: dict[str, list[Entity]] = {}  # role word -> the people the article gives it
        self._people_by_title_words: dict[tuple[str, frozenset[str]], list[Entity]] = {}  # and those of these words
        self.organisations: list[Seen] = []  # and its mentions of one organisation
        # Indexes over the history, brought up to date when asked (a scan of the whole history per
        # question was quadratic on long texts): each organisation mention by its name's words, and
        # each entity's latest mention as the one party (its position in the history).
        self._organisations_by_word: dict[str, list[Seen]] = {}
        self._organisations_indexed = 0
        self._latest_mention: dict[str | None, int] = {}
        self._history_indexed = 0
        self.gender: dict[str, str] = {}  # party key -> the gender its pronouns told
        self._titled_gender: dict[str, str | None] = {}  # entity id -> the gender its titles tell, read when asked
        self.by_head: dict[int, Reference] = {}

    # ------------------------------------------------------------------ the pass

    def run(self) -> list[Reference]:
        refs = self._named()
        named_tokens = {i for r in refs for i in range(r.start, r.end)}
        heads = referring_heads(self.doc, self.syntax, self.w, named_tokens)
        pending = sorted(refs, key=lambda r: r.head)
        named_at, heads_at = [r.head for r in pending], [t.i for t in heads]
        for sent, (sent_start, sent_end) in enumerate(zip(self.starts, [*self.starts[1:], len(self.doc)])):
            named = pending[bisect.bisect_left(named_at, sent_start):bisect.bisect_left(named_at, sent_end)]
            phrases = heads[bisect.bisect_left(heads_at, sent_start):bisect.bisect_left(heads_at, sent_end)]
            for ref in self._in_order(named, phrases):
                self._note(ref, sent)
                self._note_coordination(ref)
        return sorted(self.by_head.values(), key=lambda r: r.start)

    def _in_order(self, named: list[Reference], heads: list[Token]):
        """A sentence's named references and resolved phrases, in reading order."""
        items = [(r.head, r) for r in named] + [(t.i, t) for t in heads]
        for _, item in sorted(items, key=lambda x: x[0]):
            ref = item if isinstance(item, Reference) else self._resolve(item)
            if ref is not None:
                yield ref

    def _note(self, ref: Reference, sent: int) -> None:
        """A reference read in sentence ``sent`` (its head's: the pass knows it, no look-up)."""
        self.by_head[ref.head] = ref
        if ref.parties:
            self._remember(Seen(ref, sent, self.syntax.is_subject(self.doc[ref.head])))

    def _remember(self, seen: Seen) -> None:
        self.history.append(seen)
        if len(seen.ref.parties) > 1:
            self.groups.append(seen)
            self.group_mentions[frozenset(seen.key)] += 1
        elif seen.ref.types[0] == "ORG":
            self.organisations.append(seen)

    def _note_coordination(self, ref: Reference) -> None:
        """"X and Y", "X, Y and Z": once a coordination's members are read, a group for
        "they", "their" and "the two leaders" later (also later in the same sentence)."""
        head = self.doc[ref.head]
        if head.dep_ != "conj":
            return
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = [m for t in [first, *first.conjuncts] if t.i <= head.i for m in self._members_at(t)]
        parties, types = _union(members)
        if len(parties) > 1:
            group = Reference(min(m.start for m in members), ref.end, first.i, "group", parties, types)
            self._remember(Seen(group, self.sent_of(first.i), self.syntax.is_subject(first)))

    # ------------------------------------------------------------------ named

    def _named(self) -> list[Reference]:
        refs = []
        for ent in self.entities.values():
            party, etype = self._party_of(ent)
            how_of: dict[str, str] = {}  # form -> whether it is the name: an entity's forms recur
            for start, end in ent.token_spans:
                form, root = self._form_and_root(start, end)
                if form not in how_of:
                    how_of[form] = "name" if _same_form(form, ent.name) else "alias"
                refs.append(Reference(start, end, root, how_of[form], [party], [etype]))
        return refs

    def _form_and_root(self, start: int, end: int) -> tuple[str, int]:
        """A name's text and root word; a one-word name's are its word's (no Span to build)."""
        if end - start == 1:
            return self.doc[start].text, start
        return words_text(self.doc, start, end), Span(self.doc, start, end).root.i  # Span(): no slice checks

    # ------------------------------------------------------------------ phrases

    def _resolve(self, head: Token) -> Reference | None:
        """A phrase ``referring_heads`` let through: a pronoun, or a phrase its readers read."""
        low = head.lower_
        if low in self.w.third_person:
            return self._pronoun(head)
        if low in self.w.first_person or low in self.w.second:
            return self._speaker_pronoun(head)
        phrase = phrase_of(head, self.syntax, self.w, self.entity_index)
        for reader in (self._delegation, self._titled, self._voiced, self._group, self._description, self._members):
            ref = reader(phrase)
            if ref is not None:
                return ref
        return None

    def _reference(self, phrase: Phrase, how: str, seen: list[Seen] | None = None, **kw) -> Reference:
        parties, types = _union([s.ref for s in seen or []])
        return Reference(phrase.start, phrase.end, phrase.head.i, how, parties, types, **kw)

    def _titled(self, phrase: Phrase) -> Reference | None:
        """"the Secretary", "the Prime Minister of the UK, Keir Starmer", "a senior official"."""
        if phrase.lemma not in self.w.person_roles or phrase.plural:
            return None
        named = self._person_named_with(phrase.head)
        if named is not None:
            return Reference(phrase.start, phrase.end, phrase.head.i, "name", list(named.parties), list(named.types))
        body = self._body_of(phrase)
        if phrase.determiner in self.w.indefinite or phrase.determiner is None and not phrase.head.text[0].isupper():
            return self._unnamed(phrase, body)
        holder = self._title_holder(phrase)
        if holder is not None:
            return self._reference(phrase, "title", [holder])
        return self._unnamed(phrase, body)

    def _voiced(self, phrase: Phrase) -> Reference | None:
        """"a spokesman for the ministry", "Markou's office": the body that speaks."""
        if phrase.lemma not in self.w.voice:
            return None
        body = self._body_of(phrase)
        return self._reference(phrase, "description", body) if body else None

    def _delegation(self, phrase: Phrase) -> Reference | None:
        """"the Peruvian delegation", "Chinese officials", "the U.S. side", "the EU leaders":
        the country or organisation they stand for."""
        members = phrase.plural and phrase.lemma in self.w.person_roles
        if phrase.lemma not in self.w.delegations and not members:
            return None
        found = phrase.modifier_entities + (self._bodies_of(phrase.head) if members else self._members_of(phrase))
        bodies = [e for e in found if e.type in (*PLACE_TYPES, "NORP", "ORG")]
        if not bodies:
            return None
        holders = self._role_holders(phrase.lemma, bodies) if members else []
        if holders:
            return self._reference(phrase, "title", holders)
        refs = [self._entity_seen(e) for e in bodies]
        if members and phrase.determiner not in self.w.definite:
            return self._unnamed(phrase, refs)  # "ministers from the G-8": unnamed, standing for it
        return self._reference(phrase, "description", refs)

    def _role_holders(self, role: str, bodies: list[Entity]) -> list[Seen]:
        """"the presidents of Sudan and South Sudan", "New Zealand and Australian Prime
        Ministers": the people the article titles so, when it names one per body."""
        count = len({e.id for e in bodies})
        people = self._people_titled(role)
        return [self._entity_seen(e) for e in people] if count > 1 and len(people) == count else []

    def _members_of(self, phrase: Phrase) -> list[Entity]:
        """"a delegation of Japanese lawmakers", "a team of EU negotiators": the body the
        members of an "of" phrase stand for (or that the phrase names)."""
        found: list[Entity] = []
        for prep, obj in self.syntax.prepositional_objects(phrase.head):
            if prep == "of":
                inner = phrase_of(obj, self.syntax, self.w, self.entity_index)
                own = self.entity_index.get(obj.i)
                found += inner.modifier_entities + ([own] if own is not None else [])
        return found

    def _group(self, phrase: Phrase) -> Reference | None:
        """"the two leaders", "both sides", "the participants: A, B and C", "both"."""
        kind = self.w.groups.get(phrase.lemma)
        pointing = phrase.determiner in self.w.definite or phrase.determiner in self.w.group_quantifiers \
            or phrase.determiner in self.w.cataphoric \
            or phrase.count is not None
        alone = phrase.head.lower_ in self.w.group_quantifiers or phrase.head.lower_ in self.w.numbers
        several = phrase.plural or (phrase.count or 0) > 1  # "the six nations", "six-nation talks"
        if not (kind and several and pointing or alone and phrase.count != 1):
            return None
        listed = self._listed(phrase.head)
        if listed:
            return self._reference(phrase, "group", listed)
        group = self._antecedent_group(kind or "any", phrase.count, phrase.head.i)
        if group is None and kind not in (None, "any"):  # a noun telling its members' kind: "six-nation"
            group = self._listed_later(kind, phrase.count, phrase.head.i)
        if group is None and kind == "PERSON" and phrase.determiner in self.w.cataphoric:
            group = self._named_next(phrase.count, phrase.head.i)  # "their ministers …. The ministers, X and Y"
        if group is not None:
            return self._reference(phrase, "group", [group])
        return self._unnamed(phrase, []) if kind else None

    def _description(self, phrase: Phrase) -> Reference | None:
        """"the ministry", "the airline", "its parent company": the organisation named before."""
        if phrase.lemma not in self.w.organisations or phrase.plural:
            return None
        if phrase.determiner not in self.w.definite:
            return None  # "its parent company" is another organisation
        org = self._organisation_called(phrase.lemma, phrase.head.i)
        return self._reference(phrase, "description", [org]) if org is not None else None

    def _members(self, phrase: Phrase) -> Reference | None:
        """"its pilots", "striking ferry workers": the union of a trade, as the article names it
        (an organisation whose name has the word, else the one union it names)."""
        if phrase.lemma not in self.w.trades or not phrase.plural:
            return None
        unions = self._labour_unions
        named = [e for e in unions if phrase.head.lower_ in e.name.lower()]
        chosen = named or (unions if len(unions) == 1 else [])
        return self._reference(phrase, "description", [self._entity_seen(chosen[0])]) if chosen else None

    @cached_property
    def _labour_unions(self) -> list[Entity]:
        """The organisations that are unions of a trade, in order (read once per article)."""
        return [e for e in self.entities.values() if e.type == "ORG" and self._labour_union(e.name)]

    def _labour_union(self, name: str) -> bool:
        """A union of a trade: a union word and a word naming its members ("Ferry Workers
        Union", "Coastal Pilots' Guild"); not a union of nations ("European Union")."""
        words = set(name.lower().replace("'", " ").split())
        function = self.w.definite | self.w.body_prepositions
        members = [w for w in words - self.w.union_words - function if country_of_demonym(w) is None]
        return bool(words & self.w.union_words) and bool(members)

    def _unnamed(self, phrase: Phrase, body: list[Seen]) -> Reference:
        parties, _ = _union([s.ref for s in body])
        label = self._label(phrase)
        return Reference(phrase.start, phrase.end, phrase.head.i, "unnamed", [], [], label=label, stands_for=parties)

    def _label(self, phrase: Phrase) -> str:
        """An unnamed referent's words as printed: the phrase's core, and an "of X" that
        follows it ("The group of experts")."""
        end = phrase.end
        for prep, obj in self.syntax.prepositional_objects(phrase.head):
            if prep in self.w.label_prepositions and obj.i > phrase.head.i:
                end = max(end, max(t.i for t in self.syntax.core(obj)) + 1, self._name_end(obj))
        return " ".join(words_text(self.doc, phrase.start, end).split())


    def _name_end(self, token: Token) -> int:
        """The end of the name a word belongs to ("the Office *of Rail Regulation*")."""
        ent = self.entity_index.get(token.i)
        spans = [b for a, b in ent.token_spans if a <= token.i < b] if ent is not None else []
        return max(spans, default=token.i + 1)

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, head: Token) -> Reference:
        gender = self.w.gender_of_pronoun(head.lower_)
        if gender == "p":
            seen = self._pair_before(head) or self._salient(head, lambda s: len(s.ref.parties) > 1, subject_first=True)
        elif gender == "n":
            seen = self._salient(head, lambda s: len(s.ref.parties) == 1 and s.ref.types[0] != "PERSON")
        else:
            seen = self._salient(head, lambda s: self._person_of_gender(s, gender))
        if seen is not None and gender in ("m", "f"):
            self._learn_gender(seen.key[0], gender)
        return Reference(head.i, head.i + 1, head.i, "pronoun", *(_union([seen.ref]) if seen else ([], [])))

    def _pair_before(self, head: Token) -> Seen | None:
        """"Clark, who had lunch with President Bush, said their talks had been constructive":
        the two people the plural pronoun's own sentence names before it, and no others."""
        here = self.sent_of(head.i)
        named: list[Seen] = []
        for seen in reversed(self.history):  # the history is in text order: only its end is this sentence
            if seen.sent < here:
                break
            if seen.ref.head < head.i and seen.ref.types == ["PERSON"]:
                named.append(seen)
        people: dict[tuple[str, ...], Seen] = {}
        for seen in reversed(named):
            people.setdefault(seen.key, seen)
        if len(people) != 2 or self._clause_subjects(head).intersection(k for key in people for k in key):
            return None  # "X promised to meet with them": not X
        parties, types = _union([s.ref for s in people.values()])
        return Seen(Reference(head.i, head.i + 1, head.i, "group", parties, types), here, False)

    def _speaker_pronoun(self, head: Token) -> Reference:
        """"I", "we" (and "you") in a transcript turn; elsewhere left for ``bind``."""
        turn = self._turn_at(head.idx)
        parties = list(turn.parties) if turn is not None and head.lower_ not in self.w.second else []
        types = ["PERSON" if p.entity is None else self.entities[p.entity].type for p in parties]
        return Reference(head.i, head.i + 1, head.i, "pronoun", parties, types)

    def _salient(self, head: Token, fits, subject_first: bool = False) -> Seen | None:
        """The best earlier referent that fits: nearest sentence first, then a subject, then
        the nearest (a group: a subject first); never one inside the pronoun's own phrase,
        nor the subject of the clause whose object it is ("the Secretary thanked him")."""
        here = self.sent_of(head.i)
        excluded: set[str] | None = None  # read once a referent could win
        best = None
        for seen in reversed(self.history):
            if here - seen.sent > LOOK_BACK:
                break
            rank = (not seen.subject, here - seen.sent) if subject_first else (here - seen.sent, not seen.subject)
            if best is not None and rank >= best[0] or seen.ref.head >= head.i or not fits(seen) \
                    or self.doc[seen.ref.head].head.i == head.i:
                continue  # no better than the best so far, inside the pronoun's phrase, or not fitting
            excluded = self._clause_subjects(head) if excluded is None else excluded
            if not excluded.intersection(seen.key):
                best = (rank, seen)
        return best[1] if best else None

    def _clause_subjects(self, pronoun: Token) -> set[str]:
        """Who the subject of an object's own clause refers to: the nearest head with a
        subject ("I was able to have a meeting with the Prime Minister": not me)."""
        if self.syntax.is_subject(pronoun) or pronoun.dep_ in self.syntax.s.possessive:
            return set()
        head, subjects = pronoun.head, []
        for _ in range(CLAUSE_CLIMB):
            subjects = self.syntax.subjects(head)
            if subjects or head.head.i == head.i:
                break
            head = head.head
        refs = [self.by_head.get(t.i) for t in subjects]
        return {party_key(p) for r in refs if r is not None for p in r.parties}

    def _person_of_gender(self, seen: Seen, gender: str | None) -> bool:
        if len(seen.ref.parties) != 1 or seen.ref.types[0] != "PERSON":
            return False
        known = self._gender_of(seen.key[0])
        return known is None or known == gender

    # ------------------------------------------------------------------ look-ups

    def _person_named_with(self, head: Token) -> Reference | None:
        """A person named in the title's own phrase: apposition ("the Prime Minister of the
        UK, Keir Starmer") or glued on by the parse ("the President of X Y")."""
        for token in [*self.syntax.appositions(head), *(obj for _, obj in self.syntax.prepositional_objects(head))]:
            ref = self._named_at(token)
            if ref is not None and ref.types == ["PERSON"]:
                return ref
        return None

    def _named_at(self, token: Token) -> Reference | None:
        """The name the token is in, as a reference (its span the first of its entity's that holds it)."""
        ent = self.entity_index.get(token.i)
        span = next(((a, b) for a, b in ent.token_spans if a <= token.i < b), None) if ent is not None else None
        if span is None:
            return None
        party, etype = self._party_of(ent)
        return Reference(*span, Span(self.doc, *span).root.i, "name", [party], [etype])

    def _body_of(self, phrase: Phrase) -> list[Seen]:
        """The organisation or country a role belongs to: "of X", "for X", "X's", "U.S."."""
        found = [self._entity_seen(e) for e in phrase.modifier_entities]
        for prep, obj in self.syntax.prepositional_objects(phrase.head):
            ent = self.entity_index.get(obj.i)
            if prep in self.w.body_prepositions and ent is not None:
                found.append(self._entity_seen(ent))
        return found

    def _bodies_of(self, head: Token) -> list[Entity]:
        """"the presidents of Sudan and South Sudan": the bodies after "of"/"from"; "New
        Zealand and Australian Prime Ministers": a country the role noun is coordinated
        with, its own role elided."""
        found = []
        for prep, obj in self.syntax.prepositional_objects(head):
            if prep in self.w.member_prepositions:
                found += [self.entity_index[t.i] for t in [obj, *obj.conjuncts] if t.i in self.entity_index]
        elided = self.entity_index.get(head.head.i) if head.dep_ in self.syntax.s.conjunct else None
        return found + ([elided] if elided is not None and elided.type in PLACE_TYPES else [])

    def _party_of(self, ent: Entity) -> tuple[Party, str]:
        """``party_of``, read once per entity: a demonym's is a search of all the entities."""
        if ent.id not in self._parties:
            self._parties[ent.id] = party_of(ent, self.entities)
        return self._parties[ent.id]

    def _entity_seen(self, ent: Entity) -> Seen:
        party, etype = self._party_of(ent)
        ref = Reference(0, 0, 0, "name", [party], [etype])
        return Seen(ref, 0, False)

    def _title_holder(self, phrase: Phrase) -> Seen | None:
        """The person whose titles hold this role word: the latest one named before, else
        the first one named within the next two sentences."""
        people = self._people_titled(phrase.lemma)
        if not people:
            return None
        words = frozenset(t.lower_ for t in phrase.core
                          if t.i <= phrase.head.i and t.is_alpha and t.lower_ != phrase.determiner)
        exact = self._people_titled_exactly(phrase.lemma, words)  # "the Foreign Secretary": not the Secretary of State
        excluded = self._clause_subjects(phrase.head)  # "I had a meeting with the Prime Minister": another one
        holders = [e for e in exact or people if e.id not in excluded]  # in the entities' order
        latest = self._latest_mentions()
        named_before = max((latest[e.id] for e in holders if e.id in latest), default=None)
        if named_before is not None:
            return self.history[named_before]
        here = self.sent_of(phrase.head.i)
        later = next((e for e in holders
                      if any(self.sent_of(a) - here <= 2 for a, _ in e.token_spans if a > phrase.head.i)), None)
        return self._entity_seen(later) if later is not None else None

    def _people_titled(self, role: str) -> list[Entity]:
        """The people whose titles hold this role word (read once per word and article)."""
        if role not in self._people_by_title:
            self._people_by_title[role] = [e for e in self.entities.values()
                                           if e.type == "PERSON" and _has_title(e, role)]
        return self._people_by_title[role]

    def _people_titled_exactly(self, role: str, words: frozenset[str]) -> list[Entity]:
        """Of the people titled with the role word, those one of whose titles holds all these
        words (read once per role, words and article)."""
        key = (role, words)
        if key not in self._people_by_title_words:
            self._people_by_title_words[key] = [e for e in self._people_titled(role) if _has_title_words(e, words)]
        return self._people_by_title_words[key]

    def _latest_mentions(self) -> dict[str | None, int]:
        """Entity id -> where in the history its latest mention as the one party is, with the
        mentions remembered since the last question added."""
        for k in range(self._history_indexed, len(self.history)):
            parties = self.history[k].ref.parties
            if len(parties) == 1:
                self._latest_mention[parties[0].entity] = k
        self._history_indexed = len(self.history)
        return self._latest_mention

    def _organisation_called(self, word: str, before: int) -> Seen | None:
        """The latest organisation with this word in its name, or for a generic word the
        latest organisation."""
        generic = word in self.w.generic_organisations
        for seen in reversed(self.organisations if generic else self._organisations_named(word)):
            if seen.ref.head < before:
                return seen
        return None

    def _organisations_named(self, word: str) -> list[Seen]:
        """The mentions of organisations with this word (lower case) in their names, in order,
        with those remembered since the last question added."""
        index = self._organisations_by_word
        for seen in self.organisations[self._organisations_indexed:]:
            for name_word in {w.lower() for w in seen.ref.parties[0].name.split()}:
                index.setdefault(name_word, []).append(seen)
        self._organisations_indexed = len(self.organisations)
        return index.get(word, [])

    def _listed(self, head: Token) -> list[Seen]:
        """Parties listed in apposition to a group noun ("the participants: A, B and C")."""
        found = []
        for app in self.syntax.appositions(head):
            for token in [app, *app.conjuncts]:
                found += [Seen(ref, 0, False) for ref in self._members_at(token)]
        return found if len(found) > 1 else []

    def _members_at(self, token: Token) -> list[Reference]:
        """The references a list member makes: its own, and a coordinated name part naming
        another entity ("North" of "North and South Korea", an elided "North Korea")."""
        own = self.entity_index.get(token.i)
        elided = [c for c in token.children if self.syntax.is_name_part(c)
                  and self.entity_index.get(c.i) not in (None, own) and c.conjuncts] if own else []
        refs = [*map(self._named_at, elided), self.by_head.get(token.i) or self._named_at(token)]
        return [r for r in refs if r is not None]

    def _antecedent_group(self, kind: str, count: int | None, at: int) -> Seen | None:
        """The group of the right kind (and size) the article has referred to most often,
        the latest on a tie: a coordination or group mention, else the parties one
        sentence named together ("The two leaders" of a readout are its main pair)."""
        here = self.sent_of(at)
        latest: dict[frozenset[str], Seen] = {}
        for seen in reversed(self.groups):  # in reading order: the look-back window is at the end
            if here - seen.sent > GROUP_LOOK_BACK:
                break
            if seen.ref.head < at and _fits(seen.ref, kind, count):
                latest.setdefault(frozenset(seen.key), seen)
        if not latest:
            return self._named_together(kind, count, at)
        chosen = latest[max(latest, key=lambda k: (self.group_mentions[k], latest[k].ref.head))]
        together = self._named_together(kind, count, at, since=chosen.sent)
        wider = together is not None and set(chosen.key) < set(together.key)
        return together if wider else chosen  # "X met Y and Z. The sides agreed": X, Y and Z

    def _listed_later(self, kind: str, count: int | None, at: int) -> Seen | None:
        """A counted group named before its members ("six-nation talks … the participants:
        North and South Korea, China, the United States, Russia and Japan"): the first list
        of that many parties of its kind in the sentences after it."""
        if count is None or count < 2:
            return None
        beyond = self.sent_of(at) + LIST_LOOK_AHEAD + 1  # the first sentence too far ahead
        end = self.starts[beyond] if beyond < len(self.starts) else len(self.doc)
        lists = self._coordination_heads
        for i in lists[bisect.bisect_right(lists, at):bisect.bisect_left(lists, end)]:
            token = self.doc[i]
            members = [m for t in [token, *token.conjuncts] for m in self._members_at(t)]
            parties, types = _union(members)
            ref = Reference(token.i, token.i + 1, token.i, "group", parties, types)
            if members and _fits(ref, kind, count):
                return Seen(ref, self.sent_of(token.i), False)
        return None

    def _named_next(self, count: int | None, at: int) -> Seen | None:
        """The people the next sentences name first, when the group has not been named yet
        ("after their chief executives spoke by phone. Havbrise's X and PTC's Y …")."""
        here = self.sent_of(at)
        people, firsts = self._people_by_first_mention
        ahead = []
        for first, e in people[bisect.bisect_right(firsts, at):]:
            if self.sent_of(first) - here > CATAPHORA:
                break  # in the order of their first words: the rest are further on
            ahead.append(e)
        size = count or 2
        if len(ahead) < size:
            return None
        refs = [Reference(0, 0, 0, "name", [Party(e.name, e.id)], ["PERSON"]) for e in ahead[:size]]
        parties, types = _union(refs)
        return Seen(Reference(0, 0, at, "group", parties, types), here, False)

    @cached_property
    def _people_by_first_mention(self) -> tuple[list[tuple[int, Entity]], list[int]]:
        """The people named, by their first word (read once per article), and those words."""
        people = sorted((min(a for a, _ in e.token_spans), e) for e in self.entities.values()
                        if e.type == "PERSON" and e.token_spans)
        return people, [first for first, _ in people]

    def _named_together(self, kind: str, count: int | None, at: int, since: int = 0) -> Seen | None:
        """People or organisations one sentence (from sentence ``since`` on) named ("X spoke
        to Y … the two leaders"); for a group of any kind ("the two", "both"), people first."""
        if kind == "any":
            return self._named_together("PERSON", count, at, since) or self._named_together("ORG", count, at, since)
        if kind not in ("PERSON", "ORG"):
            return None
        here = self.sent_of(at)
        by_sentence: dict[int, list[Seen]] = {}
        for seen in reversed(self.history):
            if seen.sent < since or here - seen.sent > GROUP_LOOK_BACK:
                break
            if seen.ref.head < at and len(seen.ref.parties) == 1 and _fits(seen.ref, kind, None) \
                    and self.doc[seen.ref.head].dep_ not in self.syntax.s.possessive:  # not "Trump's" son-in-law
                by_sentence.setdefault(seen.sent, []).append(seen)
        for sent in sorted(by_sentence, reverse=True):
            if here - sent > GROUP_LOOK_BACK:
                break
            parties, types = _union([s.ref for s in by_sentence[sent]])
            if len(parties) > 1 and (count is None or len(parties) == count):
                ref = by_sentence[sent][0].ref
                return Seen(Reference(ref.start, ref.end, ref.head, "group", parties, types), sent, False)
        return None

    @cached_property
    def _coordination_heads(self) -> list[int]:
        """The words that open a coordination ("X" of "X, Y and Z": no conjunct themselves,
        with conjuncts, which spaCy's Token.conjuncts finds among the right children labelled
        conj), in order: read from the Doc's arrays once, not by Token.conjuncts for every
        word a counted group looks ahead over."""
        array = self.doc.to_array([DEP, HEAD])
        deps, offsets = array[:, 0].tolist(), array[:, 1].astype("int64").tolist()
        conj, conjunct = get_string_id("conj"), string_ids(self.syntax.s.conjunct)
        heads = {i + offset for i, (dep, offset) in enumerate(zip(deps, offsets)) if dep == conj and offset < 0}
        return sorted(h for h in heads if deps[h] not in conjunct)

    # ------------------------------------------------------------------ state

    def sent_of(self, token_i: int) -> int:
        return max(bisect.bisect_right(self.starts, token_i) - 1, 0)

    def _turn_at(self, char: int) -> Turn | None:
        """The turn whose paragraph holds the character (paragraphs do not overlap)."""
        k = bisect.bisect_right(self.turn_starts, char) - 1
        if k < 0:
            return None
        a, b, turn = self.turn_spans[k]
        return turn if a <= char < b else None

    def _gender_of(self, key: str) -> str | None:
        """The gender told by the party's honorifics and titles, else by a pronoun before."""
        titled = self._gender_titled(key)
        return titled if titled is not None else self.gender.get(key)

    def _learn_gender(self, key: str, gender: str) -> None:
        """A pronoun's gender, for a party with none told yet."""
        if self._gender_titled(key) is None:
            self.gender.setdefault(key, gender)

    def _gender_titled(self, key: str) -> str | None:
        """The gender an entity's honorifics and titles tell, read once per entity a pronoun
        asks about (most entities none does)."""
        if key not in self._titled_gender:
            ent = self.entities.get(key)
            self._titled_gender[key] = self._gender_told(ent) if ent is not None else None
        return self._titled_gender[key]

    def _gender_told(self, ent: Entity) -> str | None:
        """Genders told by honorifics and titles ("Mr. Li", "Queen Elizabeth")."""
        words = {w.lower().rstrip(".") for t in ent.titles for w in t.split()}
        words |= {self.doc[a - 1].lower_.rstrip(".") for a, _ in ent.token_spans if a > 0}
        if words & self.w.male_titles:
            return "m"
        return "f" if words & self.w.female_titles else None


def _union(refs) -> tuple[list[Party], list[str]]:
    parties: list[Party] = []
    types: list[str] = []
    keys: set[str] = set()
    for ref in refs:
        for party, etype in zip(ref.parties, ref.types):
            if party_key(party) not in keys:
                keys.add(party_key(party))
                parties.append(party)
                types.append(etype)
    return parties, types


def _fits(ref: Reference, kind: str, count: int | None) -> bool:
    if count is not None and len(ref.parties) != count:
        return False
    if kind == "PERSON":
        return all(t == "PERSON" for t in ref.types)
    if kind == "PLACE":
        return all(t in PLACE_TYPES for t in ref.types)
    if kind == "ORG":
        return all(t == "ORG" for t in ref.types)
    return True


def _has_title(ent: Entity, word: str) -> bool:
    return _has_title_words(ent, {word})


def _has_title_words(ent: Entity, words: set[str]) -> bool:
    """One of the person's titles holds all these words ("Foreign Secretary": foreign, secretary)."""
    return any(words <= set(t.lower().replace("-", " ").split()) for t in ent.titles)


def _same_form(form: str, name: str) -> bool:
    return " ".join(form.split()).casefold() == name.casefold()


