"""Who said it: turn the words next to a speech cue into speaker parties.

The speaker is looked for in a window of tokens (the clause before the cue, or
the attribution after a quote). A named mention wins ("Kremlin spokesman Dmitry
Peskov", "The TWC's director, Helga Brunnmayr": the mention nearest the cue,
possessors such as "PTC's" skipped, coordinations "X and Y" / "X and her
colleague Y" kept together, "X, a spokesman for Y," is X, "X's office" is X).
Otherwise a pronoun resolves to the nearest earlier speaker or clause-initial
mention of compatible gender ("he added"), and a description to the entity it
stands for ("the ministry": the organisation whose name has that word; "The
president of X": a person with that title, else the next person the article
names), and a group ("both leaders", "the ministers", "Peruvian and
Ecuadorean delegations", "the two", "the companies") to one party per member
the article names. An unnamed person speaking for a body ("a spokeswoman for
X", "a company spokeswoman", "a senior EU official") is that body, also when
"she" or "the spokeswoman" speaks again. Gender
comes from honorifics, from a lone person's later he/she in a sentence, and
from earlier resolutions. Linked speakers name the entity's canonical name.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .. import wordlists
from .. import facts

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
GAP_WORDS = frozenset({"and", "&", ",", "’s", "'s", "former", "federal", "state", "deputy", "foreign", "chief",
                       "executive", "his", "her", "their", "counterpart"})


@dataclass(frozen=True)
class SpeakerWords:
    """Word lists from data/speech_cues.toml that concern speakers."""

    male: frozenset[str]
    female: frozenset[str]
    neuter: frozenset[str]
    plural: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    person_roles: frozenset[str]
    group_nouns: frozenset[str]
    numbers: dict[str, int]
    document_nouns: frozenset[str]
    org_nouns: frozenset[str]
    org_back_nouns: frozenset[str]
    voice_nouns: frozenset[str]

    @classmethod
    def load(cls, data: dict) -> "SpeakerWords":
        p, s = data["pronouns"], data["speakers"]
        low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
        return cls(
            male=low(p["male"]), female=low(p["female"]), neuter=low(p["neuter"]),
            plural=low(p["plural"]),
            male_titles=low(t.rstrip(".") for t in p["male_titles"]),
            female_titles=low(t.rstrip(".") for t in p["female_titles"]),
            person_roles=low(s["person_roles"]), group_nouns=low(s["group_nouns"]),
            numbers={k.lower(): int(v) for k, v in s["numbers"].items()},
            document_nouns=low(data["nouns"]["document"]),
            org_nouns=low(s["org_nouns"]),
            org_back_nouns=low(s["org_back_nouns"]),
            voice_nouns=low(s["voice_nouns"]),
        )

    @property
    def pronouns(self) -> frozenset[str]:
        return self.male | self.female | self.neuter | self.plural


def load_cue_data() -> dict:
    """The parsed speech_cues.toml."""
    return wordlists.toml("speech_cues.toml")


def singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


@dataclass
class Mention:
    """One mention of a named referent, with the party it stands for."""

    start: int  # char offsets
    end: int
    tok_start: int
    tok_end: int
    party: facts.Party
    type: str
    key: str  # entity id or lower-cased name
    possessor: bool


class SpeakerResolver:
    """Resolves speakers of one document, in reading order."""

    def __init__(self, doc: Doc, words: SpeakerWords, quoted: list[bool],
                 sentences: list[tuple[int, int]], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on every access
        self.w = words
        self.quoted = quoted  # per token: inside top-level quotation marks
        self.sentences = sentences
        self.sent_starts = [a for a, _ in sentences]
        self.entities = {e.id: e for e in (doc._.entities or [])}
        self.mentions = self._collect_mentions()
        self.starts = [m.start for m in self.mentions]
        self.by_token = {i: m for m in self.mentions for i in range(m.tok_start, m.tok_end)}
        self.gender: dict[str, str] = {}
        self.history: list[tuple[int, facts.Party, str]] = []  # (char, party, type)
        self.group_cache: dict[str, list[facts.Party]] = {}
        self.voiced: list[facts.Party] = []  # organisations that spoke through a person ("a spokeswoman for X")
        self.described: dict[str, list[facts.Party]] = {}  # "a spokeswoman" -> X, for "the spokeswoman" later
        self._learn_gender()

    # ----- inventory -------------------------------------------------------
    def _collect_mentions(self) -> list[Mention]:
        doc = self.doc
        spans: list[tuple[int, int, facts.Party, str, str]] = []
        index = doc._.entity_of_token or {}
        if self.entities and index:
            run_start, run_ent = 0, None
            for i in range(len(doc) + 1):
                ent = index.get(i) if i < len(doc) else None
                if ent is not run_ent:
                    if run_ent is not None:
                        party, etype = self.party_of_entity(run_ent)
                        spans.append((run_start, i, party, etype, party.entity or party.name.lower()))
                    run_start, run_ent = i, ent
        else:  # no entity records: the model's spans, linked by name only
            for span in doc.ents:
                if span.label_ in SPEAKER_TYPES:
                    party = facts.Party(name=span.text)
                    spans.append((span.start, span.end, party, span.label_, span.text.lower()))
        spans += self._bare_names(spans)
        out = []
        for ts, te, party, etype, key in spans:
            nxt = doc[te] if te < len(doc) else None
            possessor = nxt is not None and nxt.lower_ in ("’s", "'s", "’", "'")
            out.append(Mention(doc[ts].idx, doc[te - 1].idx + len(doc[te - 1]), ts, te, party, etype, key, possessor))
        body = self.sentences[0][0] if self.sentences else 0
        out = [m for m in out if m.start >= body]  # a dateline's agency or city says nothing
        out.sort(key=lambda m: m.start)
        return out

    def _bare_names(self, spans: list[tuple[int, int, facts.Party, str, str]]) -> list[tuple]:
        """Mentions the entity index missed: a capitalised token spelled like a
        known person's or organisation's name, alias or surname."""
        covered = {i for ts, te, *_ in spans for i in range(ts, te)}
        forms: dict[str, tuple[facts.Party, str, str]] = {}
        for ts, te, party, etype, key in spans:
            if etype not in ("PERSON", "ORG"):
                continue
            ent = self.entities.get(party.entity or "")
            names = [party.name, *(ent.aliases if ent else [])]
            if etype == "PERSON":
                names.append(party.name.split()[-1])
            for n in names:
                if " " not in n and n[:1].isupper():
                    forms.setdefault(n, (party, etype, key))
        extra = []
        hashes = {hash_string(f) for f in forms}
        orths = self.doc.to_array(ORTH).tolist() if len(self.doc) else []
        for tok in [self.doc[i] for i, h in enumerate(orths) if h in hashes]:  # tokens only for name forms
            if tok.i not in covered and tok.text in forms and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
                party, etype, key = forms[tok.text]
                extra.append((tok.i, tok.i + 1, party, etype, key))
        return extra

    def party_of_entity(self, ent: facts.Entity) -> tuple[facts.Party, str]:
        """A NORP ("Peruvian") speaks for its country's entity when there is one."""
        if ent.type == "NORP":
            if not ent.country:
                return facts.Party(name=ent.name), "NORP"
            for other in self.entities.values():
                if other.type in ("GPE", "LOC") and (other.name == ent.country or ent.country in other.aliases):
                    return facts.Party(name=other.name, entity=other.id), "GPE"
            return facts.Party(name=ent.country), "GPE"
        return facts.Party(name=ent.name, entity=ent.id), ent.type

    # ----- gender ----------------------------------------------------------
    def _learn_gender(self) -> None:
        """From honorifics ("Mr Alton", "Ms Penhale"), titles, and a lone person's
        later "he"/"she" in a sentence ("X said he would"; not "her remarks")."""
        for m in self.mentions:
            ent = self.entities.get(m.party.entity or "")
            if m.type != "PERSON":
                continue
            before = self.doc[m.tok_start - 1].lower_.rstrip(".") if m.tok_start > 0 else ""
            words = {w.lower().rstrip(".") for t in (ent.titles if ent else []) for w in t.split()} | {before}
            if words & self.w.male_titles:
                self.gender.setdefault(m.key, "m")
            elif words & self.w.female_titles:
                self.gender.setdefault(m.key, "f")
        for a, b in self.sentences:
            persons = [m for m in self._mentions_between(a, b) if m.type == "PERSON" and not self.quoted[m.tok_start]]
            if len({m.key for m in persons}) != 1:
                continue
            for i in range(persons[0].tok_end, len(self.doc)):
                tok = self.doc[i]
                if tok.idx >= b:
                    break
                g = self._pronoun_gender(tok.lower_)
                if g in ("m", "f") and not self.quoted[i]:
                    if tok.lower_ in ("he", "she"):
                        self.gender.setdefault(persons[0].key, g)
                    break

    def _pronoun_gender(self, word: str) -> str | None:
        for g, words in (("m", self.w.male), ("f", self.w.female), ("n", self.w.neuter), ("p", self.w.plural)):
            if word in words:
                return g
        return None

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        k = max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)
        return self.sentences[k] if self.sentences else (0, len(self.text))

    # ----- public ----------------------------------------------------------
    def note(self, at: int, parties: list[facts.Party]) -> None:
        """Remember resolved speakers (for later pronouns)."""
        for p in parties:
            etype = next((m.type for m in self.mentions if m.party == p), "UNKNOWN")
            if p in self.voiced:
                etype = "UNKNOWN"  # "a spokeswoman for X said … She added": "she" is X's voice
            self.history.append((at, p, etype))

    def from_window(self, window: list[Token], mode: str = "nearest",
                    within: tuple[int, int] | None = None) -> list[facts.Party]:
        """The speaker named in a window of tokens next to a cue.

        ``nearest``: the clause before a cue (the mention closest to the cue);
        ``first``: a sentence-initial subject or a phrase after "according to".
        """
        window = [t for t in window if not t.is_space and (within is not None or not self.quoted[t.i])]
        window = self._without_relative_clauses(window)
        if not window:
            return []
        lo, hi = window[0].i, window[-1].i + 1
        kept = {t.i for t in window}
        cands = [m for m in self.mentions if lo <= m.tok_start and m.tok_end <= hi and not m.possessor
                 and m.tok_start in kept
                 and m.type in ("PERSON", "ORG", "GPE", "FAC", "NORP", "LOC")]
        if mode == "first":
            cands = [m for m in cands if self._before_first_verb(m, window)]
        named = [m for m in cands if m.type in ("PERSON", "ORG")]
        head = self._first_noun(window)
        pronouns = [t for t in window if t.lower_ in self.w.pronouns and t.lower_ not in ("his", "her", "its", "their",
                                                                                          "him", "them")]
        if named and mode != "first" and pronouns and pronouns[-1].i > named[-1].tok_start:
            named = []  # "…, though they agreed": the pronoun is the subject
        if named and not self._role_of(head, named[0]):
            pick = named[0] if mode == "first" else self._apposition_owner(named)
            parties = self._unique([m.party for m in self._coordinated(pick, named)])
            if pick.type != "PERSON" and head is not None and singular(head.lower_) in self.w.person_roles \
                    and any(t.lower_ in ("a", "an") for t in window if t.i < head.i):
                self.voiced.extend(parties)  # "A senior EU official said … the official added"
                self.described[singular(head.lower_)] = parties
            return parties
        if mode == "first":
            if pronouns and (head is None or pronouns[0].i < head.i):
                return self._pronoun(pronouns[0], within)
        elif pronouns:
            return self._pronoun(pronouns[-1], within)
        if head is None and any(t.lower_ in self.w.numbers for t in window):
            count = next(self.w.numbers[t.lower_] for t in window if t.lower_ in self.w.numbers)
            members = self._members_nearby(window[-1].idx, count)  # "the two agreed …"
            if members:
                return members
        owner = self._voice_owner(head)
        if owner is not None:  # "Prime Minister Eleni Markou's office said"
            return [owner.party]
        if head is not None and head.ent_type_ == "NORP" \
                and head.i > 0 and self.doc[head.i - 1].lower_ == "the" and not head.lower_.endswith("s"):
            return self._nearest({"PERSON"}, head.idx, None, within)  # "The Spaniard, who …, said"
        places = [m for m in cands if m.type not in ("PERSON", "ORG")]
        if head is not None and not (places and places[0].tok_start <= head.i < places[0].tok_end):
            appositive = [m for m in cands if m.tok_start == head.i + 2 and self.doc[head.i + 1].text == ","]
            if appositive:  # "The company, Deccan Chemicals, said"
                return [appositive[0].party]
            return self._description(head, window)
        if places:
            pick = places[0]
            return self._unique([m.party for m in self._coordinated(pick, places)])
        return []

    def _voice_owner(self, head: Token | None) -> Mention | None:
        """The named possessor of a head that only voices it: "X's office", "X's spokesman"."""
        if head is None or singular(head.lower_) not in self.w.voice_nouns:
            return None
        i = head.i - 1
        while i > 0 and self.doc[i].pos_ in ("ADJ", "NOUN") and self.doc[i].lower_ not in ("’s", "'s"):
            i -= 1  # "X's press office"
        if i <= 0 or self.doc[i].lower_ not in ("’s", "'s"):
            return None
        m = self.by_token.get(i - 1)
        return m if m is not None and m.type in ("PERSON", "ORG", "GPE") else None

    def _apposition_owner(self, named: list[Mention]) -> Mention:
        """The mention nearest the cue, unless it only qualifies the role of a person
        named before it ("Hiroshi Tanaka, a spokesman for the Bank of Japan, said")."""
        pick = named[-1]
        persons = [m for m in named[:-1] if m.type == "PERSON"]
        if pick.type == "PERSON" or not persons:
            return pick
        gap = [t for t in self.doc[persons[-1].tok_end:pick.tok_start] if not t.is_space]
        if gap and gap[0].text == "," and len(gap) <= 8 and \
                any(singular(t.lower_) in self.w.person_roles for t in gap) and \
                not any(t.pos_ in ("VERB", "AUX") or t.text in ",;" for t in gap[1:]):
            return persons[-1]
        return pick

    def _role_of(self, head: Token | None, named: Mention) -> bool:
        """"The president of *X*": a role noun whose named complement is not the speaker."""
        if head is None or head.i >= named.tok_start or head.pos_ != "NOUN":
            return False
        if singular(head.lower_) not in self.w.person_roles and not self._is_group(head):
            return False
        between = [t.lower_ for t in self.doc[head.i + 1:named.tok_start]]
        return bool(between) and between[0] in ("of", "at", "for", "from")

    def person_opening(self, window: list[Token]) -> list[facts.Party]:
        """The person a sentence opens with ("Ndiaye was defiant."), if any."""
        if not window:
            return []
        parties = self.from_window(window, "first")
        persons = {m.party.name for m in self.mentions if m.type == "PERSON"}
        persons |= {p.name for _, p, etype in self.history if etype in ("PERSON", "UNKNOWN")}
        return parties if parties and all(p.name in persons for p in parties) else []

    # ----- helpers ---------------------------------------------------------
    @staticmethod
    def _without_relative_clauses(window: list[Token]) -> list[Token]:
        """Drop ", who joined Harwick in 2021," and ", funded by the X Fund," so their
        names are not taken for the speaker. When the window ends with the comma
        that closes such a clause ("X, who grew up in Y, Z, and …, said"), the
        clause runs to that comma."""
        out: list[Token] = []
        skipping = False
        closing = len(window) - 1 if window and window[-1].text == "," else None
        for k, t in enumerate(window):
            if not skipping and t.text == "," and k + 1 < len(window) and k + 1 != closing and (
                    window[k + 1].lower_ in ("who", "which", "whose", "where", "whom")
                    or (window[k + 1].tag_ in ("VBN", "VBG") and window[k + 1].pos_ == "VERB"
                        and any(x.text == "," for x in window[k + 2:]))):
                skipping = True
                out.append(t)
                continue
            if skipping:
                if t.text == "," and (closing is None or k == closing):
                    skipping = False
                    out.append(t)
                continue
            out.append(t)
        return out

    @staticmethod
    def _unique(parties: list[facts.Party]) -> list[facts.Party]:
        out: list[facts.Party] = []
        for p in parties:
            if p not in out:
                out.append(p)
        return out

    def _before_first_verb(self, m: Mention, window: list[Token]) -> bool:
        for t in window:
            if t.i >= m.tok_start:
                return True
            if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN":
                return False
        return True

    def _coordinated(self, pick: Mention, cands: list[Mention]) -> list[Mention]:
        """"X and Y said": extend the chosen mention over mentions joined to it by "and"."""
        group = [pick]
        text = self.text
        k = cands.index(pick)
        joined = False
        for other in reversed(cands[:k]):
            if other.key == group[0].key:  # "Pomeranian Transmission Company (PTC)"
                group[0] = other
                continue
            gap = text[other.end:group[0].start]
            words = re.findall(r"[\w’'&]+|,", gap)
            if self._described_conjunct(other, group[0]):
                joined = True  # "Tamm and her colleague Jonas Berg", "X and the club's director, Y,"
                group.insert(0, other)
                continue
            if not words or not all(w in GAP_WORDS or w[0].isupper() or w.lower() in self.w.person_roles
                                    for w in words):
                break
            if "and" in words or "&" in words or joined:
                joined = joined or "and" in words or "&" in words
                group.insert(0, other)
            elif "," in words:
                group.insert(0, other)  # "A, B and C"
            else:
                break
        if len(group) > 1 and not joined:
            return [pick]
        # "X and Y" after the pick when the pick opens the window ("first" mode)
        for other in cands[k + 1:]:
            gap = text[group[-1].end:other.start]
            words = re.findall(r"[\w’'&]+|,", gap)
            if words and all(w in GAP_WORDS or w[0].isupper() for w in words) and ("and" in words or "&" in words):
                group.append(other)
            else:
                break
        return group

    def _role_after_name(self, rest: list[Token]) -> bool:
        """Capitalised words, then a person role: "… of Health spokesman"."""
        k = 0
        while k < len(rest) and rest[k].text[:1].isupper() and rest[k].pos_ in ("PROPN", "NOUN"):
            k += 1
        return 0 < k < len(rest) and rest[k].pos_ == "NOUN" and singular(rest[k].lower_) in self.w.person_roles

    def _described_conjunct(self, left: Mention, right: Mention) -> bool:
        """"A and <description> B": "and" followed by a short noun phrase naming B."""
        gap = [t for t in self.doc[left.tok_end:right.tok_start] if not t.is_space]
        if not gap or gap[0].lower_ not in ("and", "&") or len(gap) > 8:
            return False
        return all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PART") or t.tag_ == "PRP$" or t.text == ","
                   for t in gap[1:])

    def _first_noun(self, window: list[Token]) -> Token | None:
        """Head of the first noun phrase: the last noun of the first run of nouns."""
        run: list[Token] = []
        if window and window[0].pos_ in ("ADP", "SCONJ", "ADV"):
            commas = [k for k, t in enumerate(window) if t.text == ","]
            if commas:
                window = window[commas[0] + 1:]
        for k, t in enumerate(window):
            if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in self.w.pronouns:
                run.append(t)
            elif t.lower_ in ("’s", "'s"):
                run = []  # "India's foreign ministry": the possessor is not the head
            elif run and t.lower_ == "of" and self._role_after_name(window[k + 1:]):
                run.append(t)  # "a Ministry of Defence spokesman": one name before the role
            elif run and t.text == "-" and not self.doc[t.i - 1].whitespace_:
                continue  # "58-year-old": one word
            elif run and t.pos_ == "ADJ" and self.doc[t.i - 1].text == "-" and not self.doc[t.i - 1].whitespace_:
                run.append(t)  # the "old" of "58-year-old" heads the word, whatever its tag
            elif run:
                break
            elif self._nominal_adjective(t):
                return t  # "the former international said": an adjective used as a noun
            elif t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN":
                break
        return run[-1] if run else None

    @staticmethod
    def _nominal_adjective(t: Token) -> bool:
        """An adjective after a determiner, right before the verb: it is the noun
        phrase's head ("the former international said", "the injured were")."""
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.pos_ != "ADJ" or nxt is None or not (nxt.pos_ in ("VERB", "AUX") and nxt.tag_ != "VBN"):
            return False
        i = t.i - 1
        while i >= 0 and t.doc[i].pos_ == "ADJ":
            i -= 1
        return i >= 0 and t.doc[i].pos_ == "DET"

    def _pronoun(self, tok: Token, within) -> list[facts.Party]:
        g = self._pronoun_gender(tok.lower_)
        if g == "p":
            return self._plural_antecedent(tok)
        if g == "n":
            return self._nearest({"ORG"}, tok.idx, None, within) or (
                [] if within else self._named_next(tok.idx, "ORG"))
        if g in ("m", "f"):
            return self._nearest({"PERSON"}, tok.idx, g, within)
        return []

    def _named_next(self, at: int, etype: str) -> list[facts.Party]:
        """"Japan's largest carmaker will cut output, it said. … a spokesman for
        Nakamura Motor": with no antecedent, the first one named in the next two sentences."""
        k = bisect.bisect_right(self.sent_starts, at) - 1
        for a, b in self.sentences[k + 1:k + 3]:
            found = [m for m in self._mentions_between(a, b) if m.type == etype and not self.quoted[m.tok_start]]
            if found:
                return [found[0].party]
        return []

    def _nearest(self, types: set[str], at: int, gender: str | None, within) -> list[facts.Party]:
        """Nearest earlier speaker or clause-initial mention of the types, gender-compatible."""
        lo = within[0] if within else 0
        best: tuple[int, facts.Party, str] | None = None
        for pos, party, etype in reversed(self.history):
            if lo <= pos < at and (etype in types or etype == "UNKNOWN") and self._compatible(party, gender):
                best = (pos, party, party.entity or party.name.lower())
                break
        fallback = None
        i = bisect.bisect_left(self.starts, at) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            if m.start < lo:
                break
            if m.type not in types or m.possessor or m.end > at:
                continue
            if within is None and self.quoted[m.tok_start]:
                continue
            if not self._compatible(m.party, gender):
                continue
            if self._subjectish(m):
                if best is None or m.start > best[0]:
                    best = (m.start, m.party, m.key)
                break
            if fallback is None:
                fallback = (m.start, m.party, m.key)
        chosen = best or fallback
        if chosen is None and "PERSON" in types:
            chosen = self._unlisted_name(lo, at, within)
        if chosen is None:
            return []
        if gender in ("m", "f"):
            self.gender.setdefault(chosen[2], gender)
        return [chosen[1]]

    def _unlisted_name(self, lo: int, at: int, within) -> tuple[int, facts.Party, str] | None:
        """A proper name of two or more words the recogniser missed ("met Omar Haddad")."""
        lo = max(lo, self._sentence_of(at)[0] if within is None else lo)
        run: list[Token] = []
        best = None
        for tok in self.doc:
            if tok.idx < lo:
                continue
            if tok.idx >= at:
                break
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.i not in self.by_token:
                run.append(tok)
                continue
            if len(run) >= 2:
                best = run
            run = []
        if best is None:
            return None
        name = " ".join(t.text for t in best)
        return best[0].idx, facts.Party(name=name), name.lower()

    def _subjectish(self, m: Mention) -> bool:
        """Does the mention open a clause (after titles)? "…, *Kremlin aide X* said"."""
        i = m.tok_start - 1
        while i >= 0:
            t = self.doc[i]
            if t.is_space:
                i -= 1
                continue
            if t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") or t.lower_ in self.w.person_roles \
                    or t.pos_ == "DET" or t.lower_ in ("’s", "'s"):
                i -= 1
                continue
            return t.is_punct or t.pos_ in ("CCONJ", "SCONJ") or t.is_sent_start
        return True

    def _compatible(self, party: facts.Party, gender: str | None) -> bool:
        if gender not in ("m", "f"):
            return True
        known = self.gender.get(party.entity or party.name.lower())
        return known is None or known == gender

    def _plural_antecedent(self, tok: Token) -> list[facts.Party]:
        """"they": the group or coordination that opens this or the previous sentence."""
        a, _ = self._sentence_of(tok.idx)
        for s_start in (a, self._sentence_of(max(a - 1, 0))[0] if a > 0 else None):
            if s_start is None:
                continue
            window = [t for t in self.doc if s_start <= t.idx < tok.idx and not self.quoted[t.i]]
            window = [t for t in window if t.lower_ not in self.w.plural]
            if not window:
                continue
            parties = self.from_window(window, mode="first")
            if len(parties) > 1:
                return parties
        return []

    @staticmethod
    def _is_age(tok: Token) -> bool:
        """"58-year-old": a person described by age."""
        return tok.lower_ == "old" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" \
            and tok.doc[tok.i - 2].lower_ in ("year", "years")

    def _is_group(self, tok: Token) -> bool:
        low = tok.lower_
        return low.endswith("s") and not low.endswith("ss") and singular(low) in self.w.group_nouns

    def _description(self, head: Token, window: list[Token]) -> list[facts.Party]:
        """"the ministry", "the ministers", "The president of X": the named referent(s)."""
        lemma = singular(head.lower_)
        phrase = []  # the noun phrase of the head: up to the next verb
        for t in window:
            if t.i > head.i and (t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN"):
                break
            phrase.append(t)
        window = phrase
        if self._is_group(head) or any(t.lower_ in self.w.numbers and t.i < head.i for t in window):
            return self._group(head, window)
        at = head.idx
        if lemma in self.w.document_nouns:  # "the ministry's statement said", "the statement said"
            owner = [t for t in window if t.i < head.i and t.pos_ in ("NOUN", "PROPN")]
            if owner:
                return self._description(owner[-1], window[:owner[-1].i - window[0].i + 1])
            return self._nearest({"ORG"}, at, None, None)
        if lemma in self.w.person_roles or self._is_age(head) or (
                head.pos_ in ("NOUN", "ADJ") and any(t.lower_ in ("former", "retired") for t in window if t.i < head.i)):
            # "the minister", "The 58-year-old", "the former international"
            return self._person_description(head, lemma, window)
        orgs = [m for m in self.mentions if m.type == "ORG" and m.start < at
                and lemma in {singular(w) for w in re.findall(r"\w+", m.party.name)}]
        if orgs:
            return [orgs[-1].party]
        opening = window[0].is_sent_start or window[0].i == 0 or self.doc[window[0].i - 1].is_punct
        if opening and head.i == window[0].i and head.i not in self.by_token and (
                head.tag_ == "NNPS" or head.lower_.endswith(("s", "men"))):
            return []  # "Fishermen in Cornwall say": a plural capitalised only by its position
        if head.pos_ == "PROPN" or any(
                t.text[:1].isupper() and t.pos_ not in ("DET", "PRON") and t.i <= head.i
                and (t.pos_ == "PROPN" or not (opening and t.i == window[0].i)) for t in window):  # "the GMB union", "Kremlin"
            start = next(t.i for t in window if t.pos_ not in ("DET", "ADP", "PUNCT", "ADV", "SCONJ", "CCONJ"))
            name = re.sub(r"^(the|The)\s+", "", self.doc[start:head.i + 1].text)
            return [facts.Party(name=name)]
        if lemma in self.w.org_nouns and any(t.lower_ in ("the", "its", "their") for t in window[:2]):
            # "the company said": the organisation last speaking or acting (not "joined from rival X"),
            # not "the former international"
            return self._nearest({"ORG"}, at, None, None)
        return []

    def _person_description(self, head: Token, lemma: str, window: list[Token]) -> list[facts.Party]:
        """"the minister", "Turkey's president", "a spokesman for X", "officials"."""
        at = head.idx
        titled = [m for m in self.mentions if m.type == "PERSON" and self._has_title(m, lemma)]
        if titled:
            return [min(titled, key=lambda m: abs(m.start - at)).party]
        qualifiers = [self.by_token[t.i] for t in window if t.i in self.by_token
                      and self.by_token[t.i].type in ("ORG", "GPE", "NORP")]
        if head.lower_ != lemma or any(t.lower_ in ("a", "an") for t in window if t.i < head.i):
            # "a spokesman for the ministry", "Turkish officials": the body they speak for
            body = [qualifiers[0].party] if qualifiers else (
                self._organisation_noun(head, window) or self._capitalised_modifier(head, window))
            if body and lemma in self.w.person_roles:
                self.voiced.extend(body)
                self.described[lemma] = body
            return body
        if lemma in self.described and not qualifiers:  # "a spokeswoman for X said … the spokeswoman added"
            return self.described[lemma]
        if re.search(rf"\b(a|an)\s+(\w+\s+){{0,2}}{re.escape(head.lower_)}\b",
                     self.text[max(0, at - 600):at].lower()):
            return []  # "A Western diplomat said … the diplomat said": nobody named
        k = bisect.bisect_right(self.sent_starts, at) - 1
        later = [m for a, b in self.sentences[k + 1:k + 3] for m in self._mentions_between(a, b)
                 if m.type == "PERSON" and not self.quoted[m.tok_start]]
        if qualifiers:  # "The president of X …" named in what follows, or left as written
            if later:
                return [later[0].party]
            first = next(t for t in window if t.pos_ not in ("DET", "ADP", "PUNCT", "ADV", "SCONJ", "CCONJ"))
            return [facts.Party(name=self.doc[first.i:window[-1].i + 1].text)]
        return self._nearest({"PERSON"}, at, None, None) or ([later[0].party] if later else [])

    def _organisation_noun(self, head: Token, window: list[Token]) -> list[facts.Party]:
        """"a company spokeswoman", "a spokesman for the club": the organisation the
        article named before, by a word of its name or, for a generic noun, the nearest one."""
        orgs = [m for m in self.mentions if m.type == "ORG" and m.start < head.idx and not self.quoted[m.tok_start]]
        for t in window:
            if t.i == head.i or t.pos_ != "NOUN" or singular(t.lower_) in self.w.person_roles:
                continue
            word = singular(t.lower_)
            named = [m for m in orgs if word in {singular(w) for w in re.findall(r"\w+", m.party.name)}]
            if named:
                return [named[-1].party]
            if word in self.w.org_back_nouns and orgs:
                return self._nearest({"ORG"}, head.idx, None, None)
        return []

    def _capitalised_modifier(self, head: Token, window: list[Token]) -> list[facts.Party]:
        """"A Department of Health spokesman", "a spokesman for the Department for
        Environment" (a name the recogniser missed): the name as written."""
        words = [t for t in window if t.i < head.i and (t.text[:1].isupper() or t.lower_ in ("of", "and", "for"))
                 and t.pos_ not in ("DET", "PRON")]
        while words and not words[0].text[:1].isupper():
            words.pop(0)
        if not words or words[-1].i != head.i - 1:
            words = self._name_after(head, window)
        if not words or not any(t.pos_ == "PROPN" for t in words):
            return []
        name = self.doc[words[0].i:words[-1].i + 1].text
        known = [m.party for m in self.mentions if m.party.name == name]
        return known[:1] or [facts.Party(name=name)]

    @staticmethod
    def _name_after(head: Token, window: list[Token]) -> list[Token]:
        """Capitalised words after "<role> for/of/at (the)"."""
        after = [t for t in window if t.i > head.i]
        if not after or after[0].lower_ not in ("for", "of", "at"):
            return []
        k = 2 if len(after) > 1 and after[1].lower_ == "the" else 1
        words: list[Token] = []
        for n, t in enumerate(after[k:], start=k):
            nxt = after[n + 1] if n + 1 < len(after) else None
            if t.text[:1].isupper() or (words and t.lower_ in ("of", "for", "and") and nxt is not None
                                        and nxt.text[:1].isupper()):
                words.append(t)
            else:
                break
        return words

    def _has_title(self, m: Mention, lemma: str) -> bool:
        ent = self.entities.get(m.party.entity or "")
        return bool(ent) and any(singular(w) == lemma for t in ent.titles for w in t.lower().split())

    def _group(self, head: Token, window: list[Token]) -> list[facts.Party]:
        """Members of "both leaders", "the ministers", "Peruvian and Ecuadorean delegations"."""
        lemma = singular(head.lower_)
        person_group = lemma in self.w.person_roles
        count = None
        places: list[facts.Party] = []
        named: list[facts.Party] = []
        for t in window:
            if t.lower_ in self.w.numbers:
                count = self.w.numbers[t.lower_]
            m = self.by_token.get(t.i)
            if m is not None and m.tok_start == t.i:
                (places if m.type in ("GPE", "LOC", "NORP") else named).append(m.party)
        if not person_group and (named or places):
            return self._unique(named + places)
        if person_group and count is None and len(places) >= 2:
            count = len(places)
        if count is None and lemma in self.group_cache:
            return self.group_cache[lemma]
        kind = "ORG" if lemma in self.w.org_back_nouns else "GPE" if lemma in ("country", "nation") else "PERSON"
        members = self._members_nearby(head.idx, count, kind)
        if members:
            self.group_cache[lemma] = members
        return members or self._unique(places)

    def _members_nearby(self, at: int, count: int | None, kind: str = "PERSON") -> list[facts.Party]:
        """The people (companies, countries) one sentence of the article names together
        (of the given number)."""
        here = bisect.bisect_right(self.sent_starts, at) - 1
        groups: list[tuple[int, list[facts.Party]]] = []
        for k, (a, b) in enumerate(self.sentences):
            people: list[facts.Party] = []
            found = self._mentions_between(a, b)
            for n, m in enumerate(found):
                if m.type != kind or m.possessor or self.quoted[m.tok_start] or m.party in people:
                    continue
                nxt = found[n + 1] if n + 1 < len(found) else None
                if nxt is not None and nxt.tok_start - m.tok_end <= 3 and all(
                        t.pos_ in ("NOUN", "PROPN", "ADJ") for t in self.doc[m.tok_end:nxt.tok_start]):
                    continue  # "Kremlin aide Yury Ushakov": a modifier of the next name
                people.append(m.party)
            if len(people) >= 2:
                groups.append((k, people))
        if not groups:
            return []
        if count is not None:
            exact = [g for g in groups if len(g[1]) == count]
            if exact:
                return min(exact, key=lambda g: abs(g[0] - here))[1]
        before = [g for g in groups if g[0] < here]
        return before[-1][1] if before else groups[0][1]
