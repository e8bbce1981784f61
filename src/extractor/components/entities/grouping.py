"""Mentions of one referent join into a group: equal names (ignoring case, dots and
diacritics), a bare surname with the most recent person of that surname (a bare name
after "in"/"to" stays the place: "Paris said" vs "a dealer in Paris"), acronyms defined
in the text or matching a name's initials, short company names ("Havbrise" for
"Havbrise Energi"), well-known abbreviations ("U.S." -> "United States") and second
names after "known as"."""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...syntax import Syntax
from .clean import Mention
from .common import PLACE_LABELS, family, initials, norm, opens_sentence
from .words import EntityWords


@dataclass(eq=False)  # a group is itself: found in lists by identity, not by comparing every mention
class Group:
    """The mentions of one referent while they are being collected."""

    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None  # full name from the abbreviations file
    _label: str | None = None  # caches, reset by add()
    _family: str | None = None
    _best: Mention | None = None

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self._label = self._family = self._best = None

    @property
    def family(self) -> str:
        if self._family is None:
            self._family = family(self.label)
        return self._family

    @property
    def label(self) -> str:
        if self._label is None:
            self._label = self._vote()
        return self._label

    def _vote(self) -> str:
        """The fullest form decides when it is a place by its form ("Quaraí River", whatever
        "the Cuareim" was typed); else a rule-set label; else the majority label of the fullest
        form's mentions; on a tie, of all mentions; on a tie again, the first."""
        first = self.mentions[0].label
        if all(m.label == first for m in self.mentions):  # most groups: every rule below would give this label
            return first
        best = self.best_mention()
        if best.by_form:
            return best.label
        forced = next((m.label for m in self.mentions if m.forced), None)
        if forced:
            return forced
        for voters in ([m for m in self.mentions if m.key == best.key], self.mentions):
            labels = [m.label for m in voters]
            if len(set(labels)) == 1:
                return labels[0]  # most groups agree: nothing to count
            votes = Counter(labels).most_common()
            if votes[0][1] > votes[1][1]:
                return votes[0][0]
        return self.mentions[0].label

    def best_mention(self) -> Mention:
        if self._best is None:
            self._best = max(
                self.mentions,
                key=lambda m: (not m.from_caps, not m.acronym, m.n_tokens, len(m.name)),
            )
        return self._best

    def last_before(self, token_i: int) -> int:
        """Start of this group's latest mention before a token (-1 if none)."""
        return max((m.start for m in self.mentions if m.start < token_i), default=-1)


People = tuple[dict[str, list[Group]], dict[str, list[Group]]]


class Grouper:
    def __init__(self, words: EntityWords, named_like_person, syntax: Syntax, lower_of) -> None:
        self.w = words
        self.named_like_person = named_like_person
        self.syntax = syntax
        self.lower_of = lower_of  # doc -> its lower-case words
        self.groups: list[Group] = []
        self.by_key: dict[str, list[Group]] = {}
        self.group_of: dict[int, Group] = {}  # id of a mention -> its group
        self.first_at: dict[int, Mention] = {}  # token -> the first mention that starts there
        self.prefixes: set[str] = set()  # the first words (not all) of every mention's key
        self.initials: dict[str, str] = {}  # a name -> its initials
        self.by_initials: dict[str, list[Group]] = {}  # initials -> the groups with a longer name of them
        self.rank: dict[int, int] = {}  # id of a group in self.groups -> when it was made
        self.made = itertools.count()

    def group(self, doc: Doc, mentions: list[Mention]) -> list[Group]:
        """The mentions' groups; read by word, start and name once (not per mention: a long
        text has thousands)."""
        self.groups, self.by_key, self.group_of, self.initials = [], {}, {}, {}
        self.first_at, self.by_initials, self.rank, self.made = {}, {}, {}, itertools.count()
        for m in mentions:
            self.first_at.setdefault(m.start, m)
        self.prefixes = {" ".join(m.key_words[:k]) for m in mentions for k in range(1, len(m.key_words))}
        self._people_by_surname(mentions)
        surnames = {m.key_words[-1] for m in mentions if m.label == "PERSON" and m.n_tokens > 1}
        short = [m for m in mentions if m.n_tokens == 1]
        for m in mentions:  # 1. Full forms (two or more words) by key; "known as" second names.
            if m.n_tokens > 1:
                target = self._same_key(self.by_key.get(m.key, []), m, surnames) \
                    or self._known_as(doc, m, mentions) or self._longer_name_of(m)
                self._add(target, m) if target is not None else self._new(m, m.key)
        self._merge_short_company_names()  # 2. "Coral Coast" for "Coral Coast Airlines"
        people = people_by_name_word(self.groups, self.w.particles)
        for m in short:  # 3. abbreviations, surnames, acronyms, exact names, short forms
            target = self._single_target(doc, m, mentions, surnames, people)
            full = self.w.abbreviations.get(m.key) or self._elided_place(doc, m, mentions)
            if target is not None:
                self._add(target, m)
            elif full is not None:
                self._new(m, m.key, canonical=full)
                self.by_key.setdefault(norm(full), []).append(self.groups[-1])
            else:
                self._new(m, m.key)
        self._join_appositions(doc)  # 4. "The 14th Dalai Lama, Tenzin Gyatso"
        return self.groups

    def _new(self, m: Mention, key: str, canonical: str | None = None) -> Group:
        g = Group([m], canonical)
        self.rank[id(g)] = next(self.made)
        self.groups.append(g)
        self._note(g, m)
        self.by_key.setdefault(key, []).append(g)
        return g

    def _add(self, g: Group, m: Mention) -> None:
        g.add(m)
        self._note(g, m)
        if g not in self.by_key.setdefault(m.key, []):
            self.by_key[m.key].append(g)

    def _note(self, g: Group, m: Mention) -> None:
        """The mention's group, and the group under the initials of a longer name."""
        self.group_of[id(m)] = g
        if m.n_tokens > 1:
            groups = self.by_initials.setdefault(self._initials(m.name), [])
            if g not in groups:
                groups.append(g)

    def _remove(self, g: Group) -> None:
        self.groups.remove(g)
        del self.rank[id(g)]

    def _people_by_surname(self, mentions: list[Mention]) -> None:
        """"Ana Rojo"/ORG ... "Rojo said"/PERSON: the full name is a person's too (also
        "Niels de Boer"/ORG ... "De Boer"/PERSON)."""
        bare_people = {m.key for m in mentions if m.n_tokens == 1 and m.label == "PERSON"}
        short_people = {m.key for m in mentions if m.n_tokens > 1 and m.label == "PERSON"}
        for m in mentions:
            if m.n_tokens > 1 and m.label not in ("PERSON", "NORP") and not m.forced \
                    and (m.key_words[-1] in bare_people or _ends_with_one_of(m.key, short_people)) \
                    and self.named_like_person(m):
                m.label = "PERSON"

    def _merge_short_company_names(self) -> None:
        for g in list(self.groups):
            longer = self._company_of(g.mentions[0], exclude=g)
            if longer is not None and all(m.label != "PERSON" for m in g.mentions):
                for m in g.mentions:
                    self._add(longer, m)
                self._remove(g)

    def _join_appositions(self, doc: Doc) -> None:
        """A person's name in apposition to another person's name, a comma between them and
        no list around them, names the same person: "The 14th Dalai Lama, Tenzin Gyatso, ..."."""
        if not doc.has_annotation("DEP"):
            return
        people = sorted(((m, g) for g in self.groups if g.family == "PERSON" for m in g.mentions),
                        key=lambda p: p[0].start)
        for (a, first), (b, second) in zip(people, people[1:]):
            if first is second or second not in self.groups or b.start != a.end + 1 or doc[a.end].text != "," \
                    or self._in_list(doc, a.start, b.end) or not self._apposed(doc, a, b):
                continue
            for m in second.mentions:
                self._add(first, m)
            self._remove(second)
            for groups in self.by_key.values():
                if second in groups:
                    groups.remove(second)

    def _apposed(self, doc: Doc, a: Mention, b: Mention) -> bool:
        """The parse makes one name an apposition of the other."""
        for x, y in ((a, b), (b, a)):
            if any(t.dep_ in self.syntax.s.apposition and x.start <= t.head.i < x.end for t in doc[y.start:y.end]):
                return True
        return False

    def _in_list(self, doc: Doc, start: int, end: int) -> bool:
        """"A, B and C": a comma or "and" before the first name, "and" or a comma and a
        capitalised word after the second."""
        before = doc[start - 1] if start > 0 else None
        if before is not None and (before.text == "," or before.lower_ in self.w.coordinators):
            return True
        if end >= len(doc):
            return False
        after = doc[end]
        return after.lower_ in self.w.coordinators or after.text == "," and end + 1 < len(doc) \
            and doc[end + 1].text[:1].isupper()

    # ------------------------------------------------------------------ targets

    def _longer_name_of(self, m: Mention) -> Group | None:
        """The latest person whose full name ends in this multi-word one: "De Boer" of
        "Niels de Boer", "Lula da Silva" of "Luiz Inácio Lula da Silva"; the one organisation
        named before whose full name ends in it: "the Working Group" of "the Commercial
        Issues Working Group"."""
        if m.label not in ("PERSON", "ORG"):
            return None
        tail = " " + m.key
        found = [g for g in self.groups if g.family == m.label and any(x.key.endswith(tail) for x in g.mentions)]
        if m.label == "ORG" and len(found) > 1:
            return None  # "the Foreign Ministry" after two countries' ones
        return found[-1] if found else None

    @staticmethod
    def _same_key(candidates: list[Group], m: Mention, surnames: set[str]) -> Group | None:
        """A group with this name. Labels may differ ("Kosice" PERSON, "Košice" GPE),
        except a person's surname and a place of that name ("Paris"), which stay apart."""
        if m.label == "NORP":
            return next((g for g in candidates if g.family == "NORP"), None)
        ok = [g for g in candidates if g.family != "NORP"]
        same = [g for g in ok if g.family == family(m.label)]
        if same:
            return same[-1]
        if m.key in surnames:
            ok = [g for g in ok if {g.family, family(m.label)} != {"PERSON", "PLACE"}]
        return ok[-1] if ok else None

    def _single_target(self, doc: Doc, m: Mention, mentions: list[Mention], surnames: set[str],
                       people: People) -> Group | None:
        """The group a one-word mention belongs to, if any."""
        if m.key in self.w.abbreviations:
            found = self.by_key.get(norm(self.w.abbreviations[m.key]))
            if found:
                return found[-1]
        if m.label == "NORP":
            return self._same_key(self.by_key.get(m.key, []), m, surnames)
        person = self._as_surname(doc, m, people)
        if person is not None:
            return person
        acronym = self._acronym_target(doc, m, mentions)
        if acronym is not None:
            return acronym
        self._place_not_person(m)
        elided = self._elided(doc, m, mentions)
        if elided is not None:
            return elided
        exact = self._same_key(self.by_key.get(m.key, []), m, surnames)
        if exact is not None:
            return exact
        return self._known_as(doc, m, mentions) or self._company_of(m)

    def _elided(self, doc: Doc, m: Mention, mentions: list[Mention]) -> Group | None:
        """"North and South Korea": a word coordinated with a longer name of its kind is
        that name with its first word replaced, when the article names it ("North Korea")."""
        completed = self._completed(doc, m, mentions)
        if completed is None:
            return None
        same = [g for g in self.by_key.get(norm(completed), []) if g.family == family(m.label)]
        return same[-1] if same else None

    def _elided_place(self, doc: Doc, m: Mention, mentions: list[Mention]) -> str | None:
        """The place an elided word stands for when only the gazetteer knows it."""
        completed = self._completed(doc, m, mentions) if m.label in PLACE_LABELS else None
        return completed if completed in self.w.known_places else None

    def _completed(self, doc: Doc, m: Mention, mentions: list[Mention]) -> str | None:
        """The name a one-word mention before "and"/"or" and a longer name of its family
        completes with that name's last words ("North" of "North and South Korea")."""
        if m.end + 1 >= len(doc) or doc[m.end].lower_ not in self.w.coordinators:
            return None
        after = self.first_at.get(m.end + 1)
        if after is None or after.n_tokens < 2 or family(after.label) != family(m.label):
            return None
        return " ".join([m.name, *after.name.split()[1:]])

    def _as_surname(self, doc: Doc, m: Mention, people: People) -> Group | None:
        """The person whose surname this is, whatever the model said ("Trust of Warsaw"
        stays the city, "(Bloomberg)" the agency; "Warsaw" is not "Legia Warsaw")."""
        known_place = m.label in PLACE_LABELS and m.name in self.w.known_places and not m.person_cue \
            and m.start > 0 and doc[m.start - 1].lower_ in self.w.of_place \
            and not (m.end < len(doc) and doc[m.end].text in self.w.possessive)
        person = surname_of(m, people) if not m.forced and not known_place else None
        if person is not None and (m.label == "PERSON" or m.person_cue or m.label not in PLACE_LABELS
                                   or not self._after_place_preposition(doc, m)):
            m.label = "PERSON"
            return person
        return None

    def _place_not_person(self, m: Mention) -> None:
        """A bare "person" named like a place the article names, and no person: the place."""
        if m.label != "PERSON" or m.person_cue:
            return
        same = self.by_key.get(m.key, [])
        place_only = [g for g in same if g.family == "PLACE"]
        if place_only and not any(g.family == "PERSON" for g in same):
            m.label = "GPE" if place_only[-1].label == "GPE" else place_only[-1].label

    def _after_place_preposition(self, doc: Doc, m: Mention) -> bool:
        """ "in Paris", "to the Hague" — but not "at Arakawa's office"."""
        i = m.start - 1
        while i >= 0 and doc[i].lower_ in self.w.determiners:
            i -= 1
        followed_by_possessive = m.end < len(doc) and doc[m.end].text in self.w.possessive
        return i >= 0 and doc[i].lower_ in self.w.place_prepositions and not followed_by_possessive

    def _acronym_target(self, doc: Doc, m: Mention, mentions: list[Mention]) -> Group | None:
        """"Transboundary Water Council (TWC)" defines TWC (a person's "(ALDE)" is a party); else a
        name with these initials."""
        if m.start >= 2 and doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")":
            prev = next((x for x in reversed(mentions) if x.end == m.start - 1 and x is not m), None)
            if prev is not None and prev.n_tokens > 1 and not prev.in_dateline and prev.label != "PERSON" and (
                m.acronym or prev.label == "ORG" and m.name not in self.w.known_places  # "(Canacero)"
            ):
                return self.group_of.get(id(prev))
        if not m.acronym:
            return None
        candidates = [g for g in self.by_initials.get(m.key.replace(" ", ""), ()) if id(g) in self.rank]
        matches = [g for g in sorted(candidates, key=lambda g: self.rank[id(g)]) if g.family in ("ORG", "PLACE")]
        return matches[0] if len(matches) == 1 else None

    def _initials(self, name: str) -> str:
        found = self.initials.get(name)
        if found is None:
            found = self.initials[name] = initials(name, self.w.initial_skip)
        return found

    def _company_of(self, m: Mention, exclude: Group | None = None) -> Group | None:
        """An organisation whose name starts with this mention's words ("Havbrise" -> "Havbrise Energi")."""
        if m.label == "NORP" or m.label == "GPE" and m.name in self.w.known_places:
            return None  # "Kenya" is no short form of "Kenya Airways", nor the dateline's "DETROIT" of "Detroit Ledger"
        if m.key not in self.prefixes:
            return None  # no mention's name starts with these words
        prefix = m.key + " "  # keys are single-spaced words (never empty): a longer name of these words starts so
        found = [
            g for g in self.groups
            if g is not exclude and g.family == "ORG" and any(x.key.startswith(prefix) for x in g.mentions)
        ]
        return found[0] if len(found) == 1 else None

    def _known_as(self, doc: Doc, m: Mention, mentions: list[Mention]) -> Group | None:
        """"the Quaraí River — known as the Cuareim": a second name of the preceding place/org."""
        lower = self.lower_of(doc)
        i = m.start
        while i > 0 and lower[i - 1] in self.w.determiners:
            i -= 1
        cue = self.w.known_as.ending_at(lower, i)
        return None if cue is None else self._named_before(doc, i - len(cue), mentions)

    def _named_before(self, doc: Doc, j: int, mentions: list[Mention]) -> Group | None:
        prev = next((x for x in reversed(mentions) if x.end <= j), None)
        if prev is None or prev.label in ("PERSON", "NORP"):
            return None
        between = doc[prev.end : j]
        if all(t.is_punct or t.is_space for t in between) and not any("\n" in t.text for t in between):
            return self.group_of.get(id(prev))
        return None


def surname_of(m: Mention, people: People) -> Group | None:
    """The person whose last name this is; with several, the most recent one.
    Else the one person with this other name: "Lula" of "Luiz Inácio Lula da Silva",
    "Wang" of "Wang Yi" (family name first)."""
    by_last, by_inner = people
    candidates = [g for g in by_last.get(m.key, ()) if g.family == "PERSON"]
    if not candidates:
        candidates = [g for g in by_inner.get(m.key, ()) if g.family == "PERSON"]
        if len(candidates) != 1:
            return None
    before = [g for g in candidates if g.last_before(m.start) >= 0]
    if before:
        return max(before, key=lambda g: g.last_before(m.start))
    return min(candidates, key=lambda g: min(x.start for x in g.mentions))


def people_by_name_word(groups: list[Group], particles: frozenset[str]) -> People:
    """Groups with a multi-word PERSON name, by its last word and by its other words."""
    by_last: dict[str, list[Group]] = {}
    by_inner: dict[str, list[Group]] = {}
    for g in groups:
        for x in g.mentions:
            if x.n_tokens > 1 and x.label == "PERSON":
                _index_person(g, x, particles, by_last, by_inner)
    return by_last, by_inner


def _index_person(g: Group, x: Mention, particles, by_last, by_inner) -> None:
    words = x.key_words
    if g not in by_last.setdefault(words[-1], []):
        by_last[words[-1]].append(g)
    particle, _, rest = x.name.split()[-1].partition("-")
    if rest and particle.lower() in particles and g not in by_last.setdefault(norm(rest), []):
        by_last[norm(rest)].append(g)  # "Sisi" of "Abdel Fattah al-Sisi"
    for w in words[:-1]:
        if g not in by_inner.setdefault(w, []):
            by_inner[w].append(g)


def doubtful_person(doc: Doc, group: Group) -> bool:
    """A one-word "person" seen only as the first word of sentences, never with a
    title or a speech verb nor before a verb: a capitalised common word
    ("Supply chain problems ...", "Milk should flow"; but "Putin met ...")."""
    return group.family == "PERSON" and all(
        m.n_tokens == 1 and not m.person_cue and opens_sentence(doc[m.start])
        and not (m.end < len(doc) and doc[m.end].pos_ == "VERB")
        for m in group.mentions
    )


def _ends_with_one_of(key: str, keys: set[str]) -> bool:
    """The key ends with a space and one of the keys ("de boer" of "niels de boer")."""
    return any(key[i + 1:] in keys for i, c in enumerate(key) if c == " ")
