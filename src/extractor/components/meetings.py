"""Meetings: who met whom, when, where, how (meeting, talks, call, summit) and
whether it happened, is planned or was called off (factory ``extractor_meetings``).

How it works, over a doc whose entities, dates and quotes are already found:

1. **Triggers.** Verbs ("met", "sat down with", "spoke by phone", "hosted") and
   nouns ("talks", "summit", "video call", "another round") from
   ``data/meeting_triggers.toml``; goals ("met the deadline"), reactions ("met
   with criticism") and figures of speech ("a meeting of minds") are dropped.
2. **Parties** are read from the trigger's clause as coordinated noun phrases:
   the one before the verb (its subject) and the ones after it (objects,
   "with …", "between … and …"). Reading noun phrases in order rather than
   trusting each dependency arc keeps long name lists ("X of Poland, Y of
   Hungary and Z of Romania") whole, and reads no dependency label, so UD and
   ClearNLP pipelines give the same meetings. Each phrase's head becomes a
   party: a named entity (or a capitalised name the NER missed), a delegation
   by nationality ("U.S. and Ukrainian delegations" → the countries), a
   description ("the airline", "its pilots" → the ORG the article names), a
   pronoun (the first person of the latest sentence naming one, gender
   permitting; "I" in a quote → its speaker) or a group ("the two ministers",
   "both sides") taken from the meeting before it or the people named right
   after it.
3. **When / where.** The nearest date in the sentence that no other trigger
   is nearer to (a range gives its first day; "flies to X on Thursday,
   *where* she will meet Y" takes the described clause's date); the place
   after in/at (a venue's city: "at X's office in Tokyo"), a travel
   destination ("will travel to Ottawa for talks"), "there" (the place just
   named), "here" or a venue without a city ("at the presidential palace":
   the dateline's city), or the summit's city for meetings "on the sidelines
   of" it; a place inside the topic ("talks on canals in the Fergana Valley")
   only as a last resort; calls have no place.
4. **Status** from the verb group and clause: "will", "is to", "plans to",
   "expected to", "next week" or a future date → planned; "called off",
   "cancelled", "postponed", "refused to" → cancelled; postponed *to a new
   date* ("until early March") or restaged ("They will now be held on the
   21st") → planned on the new date; else happened.
5. **Records.** A mention naming no party ("the talks", "a session planned
   for Quito") joins or continues the meeting before it; the same parties with
   compatible kind, date and place make one record; "met both sides
   separately" gives one record per side.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import wordlists
from ..facts import DateMention, Entity, Meeting, Party, source_text
from .gazetteer import country_of_demonym

PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
FIRST_PERSON = frozenset({"i", "me", "myself"})
THIRD_SINGULAR = frozenset({"he", "him", "she", "her", "his"})
MALE = frozenset({"he", "him", "his"})
NEGOTIATING_SIDES = frozenset({"sides", "parties", "delegations", "negotiators"})
MEET = frozenset({"meet", "meets", "met", "meeting"})  # forms whose goals are checked ("met the deadline")
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
SAID = frozenset({"said", "says", "told", "added"})
THIRD_PLURAL = frozenset({"they", "them", "their", "themselves"})
PERSONAL = FIRST_PERSON | THIRD_SINGULAR | THIRD_PLURAL | frozenset({"we", "us", "our", "you", "it", "its"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
APOSTROPHES = frozenset({"'", "’"})
CONNECTORS = frozenset({",", "and", "&"})
DASHES = frozenset({"-", "–", "—"})
TEMPORAL_NOUNS = frozenset({"week", "month", "year", "weekend", "spring", "summer", "autumn", "fall", "winter"})
VIRTUAL = frozenset({"virtual", "online", "remote"})
ATTENDED = frozenset({"attended", "chaired", "hosted", "joined"})
JOINERS = frozenset({"attended", "joined"})
WITHDREW = frozenset({"withdrew", "withdraw", "withdraws", "withdrawn", "withdrawing"})
SCHEDULED = frozenset({"due", "scheduled", "set", "planned", "expected", "slated", "going"})
SIDELINES = frozenset({"sideline", "sidelines", "margin", "margins", "fringes", "fringe"})
CALL_BLOCKING = frozenset({"off", "on", "for", "up", "out", "in"})
PHONE_PREPOSITIONS = frozenset({"by", "over", "via", "on"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near"})
PARTICIPATION = frozenset({"at", "in", "during"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
FAMILY = {"meeting": "meeting", "talks": "meeting", "call": "call", "summit": "summit"}
# "Tokyo, March 3, 2024 — ", and "BERLIN, Jan. 10 (Wire) — " whose capitals allow abbreviations
DATELINE = re.compile(
    r"[ \t\ufeff]*(?:[A-ZÀ-Þ][^\n.!?]{0,90}?|[A-ZÀ-Þ]{2,}(?:[ -][A-ZÀ-Þ]{2,})*,[^\n!?]{0,90}?)\s[-—–]+\s+(?=\S)"
)
WEEKDAY = re.compile(r"(?i)\b(mon|tues|wednes|thurs|fri|satur|sun)day\b")
MAX_GAP = 20  # tokens between a trigger and its date
AFTER_BONUS = 4  # tokens a date after the trigger may be farther than one before it


# ---------------------------------------------------------------------- data


@dataclass(frozen=True)
class VerbRule:
    kind: str
    parties: str  # "all" | "with" | "object"
    particle: str | None
    needs_phone: bool
    needs_setting: bool = False


@dataclass(frozen=True)
class Words:
    """The word lists of data/meeting_triggers.toml."""

    verbs: dict[str, VerbRule]
    noun_kind: dict[str, str]
    call_with_cue: frozenset[str]
    instalments: frozenset[str]
    own_parties_only: frozenset[str]
    phone_cues: frozenset[str]
    support_verbs: frozenset[str]
    containers: frozenset[str]
    meet_goals: frozenset[str]
    meet_with_reactions: frozenset[str]
    contests: frozenset[str]
    figurative_of: frozenset[str]
    audiences: frozenset[str]
    group_nouns: frozenset[str]
    delegation_nouns: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]
    workers: frozenset[str]
    union_words: tuple[str, ...]
    cancel_verbs: frozenset[str]
    cancel_particles: frozenset[tuple[str, str]]
    cancel_modifiers: frozenset[str]
    future_aux: frozenset[str]
    plan_heads: frozenset[str]
    plan_modifiers: frozenset[str]
    future_words: frozenset[str]
    postpone_words: frozenset[str]
    postpone_particles: frozenset[tuple[str, str]]
    new_date_prepositions: frozenset[str]
    pronoun_restaging: frozenset[tuple[str, ...]]
    travel_verbs: frozenset[str]
    destination_objects: frozenset[str]
    venues: frozenset[str]
    topic_words: frozenset[str]
    press_events: frozenset[tuple[str, ...]]
    press_names: frozenset[str]
    boundaries: frozenset[str]
    adverbs: frozenset[str]
    place_heads: frozenset[str]
    adverbial_prepositions: frozenset[str]
    title_words: frozenset[str]
    not_names: frozenset[str]


def load_words() -> Words:
    raw = wordlists.toml("meeting_triggers.toml")
    verbs: dict[str, VerbRule] = {}
    for entry in raw["verb"]:
        rule = VerbRule(entry["kind"], entry["parties"], entry.get("particle"), entry.get("needs_phone", False),
                        entry.get("needs_setting", False))
        for form in entry["forms"]:
            verbs[form] = rule
    nouns, cues, status, scan, places = raw["nouns"], raw["cues"], raw["status"], raw["scan"], raw["places"]
    negative, parties = raw["not_meetings"], raw["parties"]

    def low(table: dict, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in table[key])

    return Words(
        verbs=verbs,
        noun_kind={w: kind for kind in ("meeting", "talks", "call", "summit") for w in nouns[kind]},
        call_with_cue=low(nouns, "call_with_cue"),
        instalments=low(nouns, "instalments"),
        own_parties_only=low(raw["noun_rules"], "own_parties_only"),
        phone_cues=low(cues, "phone_cues"),
        support_verbs=low(cues, "support_verbs"),
        containers=low(cues, "containers"),
        meet_goals=low(negative, "meet_goals"),
        meet_with_reactions=low(negative, "meet_with_reactions"),
        contests=low(negative, "contests"),
        figurative_of=low(negative, "figurative_of"),
        audiences=low(negative, "audiences"),
        group_nouns=low(parties, "group_nouns"),
        delegation_nouns=low(parties, "delegation_nouns"),
        descriptions={k: tuple(v) for k, v in raw["descriptions"].items()},
        workers=low(raw["workers"], "nouns"),
        union_words=tuple(raw["workers"]["union_words"]),
        cancel_verbs=low(status, "cancel_verbs"),
        cancel_particles=frozenset(tuple(p.split()) for p in status["cancel_particles"]),
        cancel_modifiers=low(status, "cancel_modifiers"),
        future_aux=low(status, "future_aux"),
        plan_heads=low(status, "plan_heads"),
        plan_modifiers=low(status, "plan_modifiers"),
        future_words=low(status, "future_words"),
        postpone_words=low(status, "postpone_words"),
        postpone_particles=frozenset(tuple(p.split()) for p in status["postpone_particles"]),
        new_date_prepositions=low(status, "new_date_prepositions"),
        pronoun_restaging=frozenset(tuple(p.split()) for p in status["pronoun_restaging"]),
        travel_verbs=low(places, "travel_verbs"),
        destination_objects=low(places, "destination_objects"),
        venues=low(places, "venues"),
        topic_words=low(places, "topic_words"),
        press_events=frozenset(tuple(p.split()) for p in negative["press_events"]),
        press_names=low(negative, "press_names"),
        boundaries=low(scan, "boundaries"),
        adverbs=low(scan, "adverbs"),
        place_heads=low(scan, "place_heads"),
        adverbial_prepositions=low(scan, "adverbial_prepositions"),
        title_words=low(scan, "title_words"),
        not_names=low(scan, "not_names"),
    )


# ------------------------------------------------------------------ records


def norm(text: str) -> str:
    """Comparison key: no case, diacritics or punctuation."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", s)).strip()


@dataclass(frozen=True)
class Ref:
    """A party or place: a name, and its entity id when the article names it."""

    name: str
    entity: str | None = None
    country: bool = field(default=False, compare=False)  # a country as a party (a delegation), not a place

    @property
    def key(self) -> str:
        return self.entity or "name:" + norm(self.name)


@dataclass
class Group:
    """Parties named only as a group ("the two ministers", "they"), resolved later."""

    token: Token
    count: int | None
    pronoun: bool
    definite: bool = True  # "the ministers" point back; bare "ministers" do not
    owned: bool = False  # "their foreign ministers": people of the parties before, named next


@dataclass
class When:
    value: str
    last: str  # last value of a range, else == value
    text: str


@dataclass
class Phrase:
    """One noun phrase of a coordinated list, with its "of"/"from" complement."""

    tokens: list[Token] = field(default_factory=list)
    of: list[Token] = field(default_factory=list)


@dataclass
class Mention:
    trigger: Token
    kind: str
    refs: list[Ref] = field(default_factory=list)  # the subject side
    others: list[Ref] = field(default_factory=list)  # the other side, split by "separately"
    groups: list[Group] = field(default_factory=list)
    chain: list[Token] = field(default_factory=list)  # auxiliaries and governing verbs
    soft: bool = False  # parties guessed from the sentences around
    separately: bool = False
    again: bool = False
    definite: bool = False
    instalment: bool = False
    strict_date: bool = False
    when: When | None = None
    where: Ref | None = None
    sideline: Token | None = None
    event: Token | None = None  # "hosted X at *the summit*": the noun the verb's meeting is
    verbal: bool = False  # triggered by a verb
    status: str = "happened"
    restaged: bool = False  # "They will now be held on the 21st": the meeting before, again

    @property
    def named(self) -> bool:
        return bool(self.refs or self.others or self.groups)


@dataclass
class Record:
    refs: list[Ref]
    kind: str
    status: str
    soft: bool
    when: When | None
    where: Ref | None
    sideline: Token | None
    evidence: tuple[int, int]
    trigger: str
    triggers: list[int]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(r.key for r in self.refs)


def compatible_dates(a: When | None, b: When | None) -> bool:
    if a is None or b is None or a.value == b.value:
        return True
    if a.value <= b.value <= a.last or b.value <= a.value <= b.last:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def merged_date(a: When | None, b: When | None) -> When | None:
    """The first day of a range wins, then the more precise value."""
    if a is None or b is None:
        return a or b
    if b.last != b.value and a.last == a.value:
        return b
    if a.last == a.value and len(b.value) > len(a.value):
        return b
    return a


# ------------------------------------------------------------------ document


def connector(t: Token) -> bool:
    """A word joining the phrases of a list: a comma, "and", a spaced dash (not "Co-founder")."""
    if t.text in DASHES:
        return bool(t.whitespace_) or (t.i > 0 and bool(t.doc[t.i - 1].whitespace_))
    return t.lower_ in CONNECTORS


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence token bounds from punctuation and line breaks.

    Read from the text rather than the parser's segmentation, which splits
    inside names and joins across paragraphs often enough to lose parties.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    for t in doc:
        if t.is_space and start == t.i:
            start = t.i + 1  # blank lines belong to no sentence
            continue
        end_here = "\n" in t.text and t.is_space
        if t.text in (".", "!", "?", "…") and t.i + 1 < n:
            j = t.i + 1
            while j < n and doc[j].text in ("”", '"', "’", "'", ")"):
                j += 1
            if j >= n or doc[j].is_space or doc[j].text[:1].isupper() or doc[j].text[:1] in "“\"‘'(" or doc[j].like_num:
                end_here = True
                if j > t.i + 1:
                    continue  # the sentence ends after the closing quote
        elif t.text in ("”", '"', "’", "'") and t.i > 0 and doc[t.i - 1].text in (".", "!", "?"):
            nxt = doc[t.i + 1] if t.i + 1 < n else None
            end_here = nxt is None or nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1] in "“\"‘"
        if end_here and t.i + 1 > start:
            bounds.append((start, t.i + 1))
            start = t.i + 1
    if start < n:
        bounds.append((start, n))
    return bounds or [(0, n)]


class Context:
    """Per-document indexes: sentences, entity spans, dates, quotes, dateline."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents = sentences(doc)
        self.sent_starts = [s[0] for s in self.sents]
        self.span_of: dict[int, tuple[int, int, Entity]] = {}
        self.persons: list[tuple[int, Entity]] = []
        self.orgs: list[tuple[int, Entity]] = []
        self.countries: dict[str, Entity] = {}
        self.place_ids = {e.id for e in doc._.entities or [] if e.type in PLACE_TYPES}
        self.person_ids = {e.id for e in doc._.entities or [] if e.type == "PERSON"}
        self.names = {e.id: e.name for e in doc._.entities or []}
        self._genders: dict[str, str] | None = None
        for ent in doc._.entities or []:
            for start, end in ent.token_spans:
                for i in range(start, end):
                    self.span_of[i] = (start, end, ent)
                if ent.type == "PERSON":
                    self.persons.append((start, ent))
                elif ent.type == "ORG":
                    self.orgs.append((start, ent))
            if ent.type == "GPE":
                for form in [ent.name, *ent.aliases]:
                    self.countries.setdefault(norm(form), ent)
        self.persons.sort(key=lambda p: p[0])
        self.orgs.sort(key=lambda p: p[0])
        self.text = doc.text  # built from the tokens on every access: read once
        match = DATELINE.match(self.text)
        dateline_end = match.end() if match and "\n" not in match.group() else 0
        self.floor = next((t.i for t in doc if t.idx >= dateline_end), len(doc))
        self.dateline_place = next((Ref(e.name, e.id) for e in doc._.entities or [] if e.type in PLACE_TYPES
                                    and any(s < self.floor for s, _ in e.token_spans)), None)
        self.first_words = set(self.sent_starts) | {self.floor}
        self.dates = [d for d in doc._.dates or [] if d.value and d.token_start >= self.floor]
        self.date_tokens = {i for d in doc._.dates or [] for i in range(d.token_start, d.token_end)}
        self.quotes = [q for q in doc._.quotes or [] if q.speaker is not None]
        ref = doc._.reference_date
        self.reference = ref.value.isoformat() if ref is not None and ref.value else None

    def genders(self) -> dict[str, str]:
        """ "m"/"f" for people followed by he/she in a sentence naming no one else."""
        if self._genders is None:
            self._genders = {}
            for lo, hi in self.sents:
                people = {self.span_of[i][2].id for i in range(lo, hi)
                          if i in self.span_of and self.span_of[i][2].type == "PERSON"}
                if len(people) != 1:
                    continue
                person = people.pop()
                first = min(i for i in range(lo, hi) if i in self.span_of and self.span_of[i][2].id == person)
                for t in self.doc[first:hi]:
                    if t.lower_ in THIRD_SINGULAR:
                        self._genders.setdefault(person, "m" if t.lower_ in MALE else "f")
                        break
            for i, t in enumerate(self.doc[:-2]):  # "Kowalczyk said he ..."
                span = self.span_of.get(i)
                nxt = self.doc[i + 2]
                said_he = t.nbor(1).lower_ in SAID and nxt.lower_ in ("he", "she")
                if span and span[1] == i + 1 and span[2].type == "PERSON" and said_he:
                    self._genders.setdefault(span[2].id, "m" if nxt.lower_ == "he" else "f")
        return self._genders

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i, the dateline cut off."""
        start, end = self.sents[self.sent_index(i)]
        return max(start, self.floor if i >= self.floor else start), end

    def sent_index(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def speaker_at(self, char: int) -> Party | None:
        """Speaker of the innermost quote around a character offset."""
        inside = [q for q in self.quotes if q.start <= char < q.end]
        return min(inside, key=lambda q: q.end - q.start).speaker if inside else None

    def place_at(self, i: int) -> Ref | None:
        span = self.span_of.get(i)
        if span is not None and span[2].type in PLACE_TYPES and span[0] >= self.floor:
            return Ref(span[2].name, span[2].id)
        return None


# ---------------------------------------------------------------- component


class MeetingFinder:
    """spaCy component: fills ``Doc._.meetings`` with ``facts.Meeting`` records."""

    def __init__(self, nlp: Language) -> None:
        self.w = load_words()
        w = self.w
        self.of_heads = w.group_nouns | w.delegation_nouns | w.workers  # "executives *of X*"
        self.party_nouns = self.of_heads | w.audiences | frozenset(w.descriptions)
        self.restage_first = frozenset(p[0] for p in w.pronoun_restaging)

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context(doc)
        absorbed: set[int] = set()
        mentions = []
        for token in doc:
            if token.lower_ in self.w.verbs and self._is_verb(token) and not self._noun_in_context(token):
                m = self._verb_mention(token, ctx, absorbed)
                if m is not None:
                    mentions.append(m)
        for token in doc:
            if token.i not in absorbed and self._is_noun(token):
                m = self._noun_mention(token, ctx)
            elif token.lower_ in self.restage_first:
                m = self._restaged(token, mentions, ctx)  # the triggers before it are known
            else:
                continue
            if m is not None:
                mentions.append(m)
        mentions.sort(key=lambda m: m.trigger.i)
        for m in mentions:
            self._finish(m, mentions, ctx)
        lead = self._lead_date(ctx)
        records: list[Record] = []
        for m in mentions:
            if lead is not None and m.when is None and m.status == "happened" and m.named and self._follows_lead(m, ctx):
                m.when = lead
            self._resolve_groups(m, records, ctx)
            self._place(m, records, ctx)
        doc._.meetings = [self._fact(r, records, ctx) for r in records if len(r.refs) >= 2]
        return doc

    # ----------------------------------------------------------- token classes

    @staticmethod
    def _is_verb(t: Token) -> bool:
        """A verb, not a noun or a participle modifying one ("negotiating position")."""
        if t.pos_ not in ("VERB", "AUX") or t.tag_ in NOUN_TAGS:
            return False
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        prev = t.nbor(-1) if t.i > 0 else None
        if t.tag_ == "VBG" and nxt is not None and nxt.pos_ == "NOUN" and prev is not None and (
            prev.pos_ == "DET" or prev.lower_ in POSSESSIVE or prev.tag_ == "PRP$"
        ):
            return False
        return True

    def _is_noun(self, t: Token) -> bool:
        lower = t.lower_
        if not (lower in self.w.noun_kind or lower in self.w.call_with_cue or lower in self.w.instalments):
            return False
        return t.pos_ in ("NOUN", "PROPN") or t.tag_ in NOUN_TAGS or self._noun_in_context(t)

    def _noun_in_context(self, t: Token) -> bool:
        """ "talks", "meeting", "call" after a determiner, modifier or support verb are nouns
        whatever the tagger says ("resume contract *talks*", "*Talks* between ...")."""
        if t.lower_ not in self.w.noun_kind:
            return False
        prev = t.nbor(-1) if t.i > 0 else None
        if prev is None or prev.is_space or prev.is_punct:
            return t.text[:1].isupper() or t.lower_ not in self.w.verbs
        return (
            prev.pos_ in ("DET", "ADJ", "NUM", "NOUN", "PROPN", "ADP")
            or prev.tag_ in ("PRP$", "POS", "JJ", "CD") or prev.lower_ in POSSESSIVE
            or prev.lower_ in self.w.support_verbs
        )

    def _phone_cue(self, i: int, hi: int, ctx: Context) -> bool:
        """ "by phone", "over the telephone", "via video link" in the clause after token i."""
        doc = ctx.doc
        for j in range(i + 1, min(hi, i + 14)):
            if self._boundary(doc[j]) or self._purpose(doc[j]):
                return False
            if doc[j].lower_ in PHONE_PREPOSITIONS:
                if any(doc[k].lower_ in self.w.phone_cues for k in range(j + 1, min(j + 3, hi))):
                    return True
        return False

    def _noun_kind(self, t: Token) -> str | None:
        if not self._is_noun(t):
            return None
        if t.lower_ in self.w.noun_kind:
            return self.w.noun_kind[t.lower_]
        if t.lower_ in self.w.call_with_cue and t.i > 0 and t.doc[t.i - 1].lower_ in self.w.phone_cues:
            manner = t.i > 1 and t.doc[t.i - 2].lower_ in PHONE_PREPOSITIONS  # "talks *by video link*"
            return None if manner else "call"
        return None

    def _boundary(self, t: Token) -> bool:
        if t.text in APOSTROPHES and t.tag_ == "POS":
            return False  # "Workers’ Association": an apostrophe, not a closing quote
        return t.lower_ in self.w.boundaries or t.tag_ in ("WDT", "WP", "WRB", "WP$") or t.pos_ == "SCONJ"

    def _chainish(self, t: Token) -> bool:
        """Auxiliaries, adverbs and governing verbs between a subject and its verb."""
        lower = t.lower_
        return (
            t.pos_ in ("AUX", "PART", "ADV") or t.tag_ == "MD" or lower in self.w.adverbs
            or lower in self.w.plan_heads or lower in self.w.cancel_verbs or lower == "to"
        ) and lower not in CONNECTORS and not self._boundary(t)

    def _npish(self, t: Token, ctx: Context) -> bool:
        if self._boundary(t) and t.lower_ != "both":
            return False
        if t.i in ctx.span_of or t.lower_ in POSSESSIVE or t.lower_ == "both":
            return True
        if t.pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or t.tag_ in ("PRP$", "POS", "CD", "JJ") or t.tag_ in NOUN_TAGS:
            return t.pos_ not in ("VERB", "AUX") or t.tag_ in NOUN_TAGS
        if t.pos_ == "PRON" and t.lower_ in PERSONAL:
            return True
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if t.lower_ in self.w.support_verbs or t.lower_ in self.w.verbs:
            return False
        return t.tag_ in ("VBG", "VBN") and nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.i in ctx.span_of)

    # ----------------------------------------------------------- phrases

    def _phrases(self, i: int, limit: int, ctx: Context) -> tuple[list[Phrase], int]:
        """Coordinated noun phrases from token i: "X of Poland, Y and the union"."""
        doc = ctx.doc
        out: list[Phrase] = []
        cur = Phrase()
        j = i
        while j < limit:
            t = doc[j]
            if t.text == "(":  # "(TWC)": an acronym in brackets belongs to the phrase
                k = next((k for k in range(j + 1, min(j + 5, limit)) if doc[k].text == ")"), None)
                if k is None:
                    break
                j = k + 1
                continue
            if self._npish(t, ctx) or (t.text == "-" and cur.tokens and not t.whitespace_ and not doc[j - 1].whitespace_):
                cur.tokens.append(t)  # a word of the phrase, or the hyphen of "Sheffield-based"
                j += 1
                continue
            if t.lower_ in ("of", "from") and cur.tokens:
                k = j + 1
                while k < limit and self._npish(doc[k], ctx):
                    k += 1
                head = self._head(cur, ctx)
                if head is None:
                    cur.of.extend(doc[j:k])  # "the early hours of 3 December", "secretary general of X"
                elif head[0] == "name" or (head[0] == "ent" and head[2].type == "PERSON"):
                    pass  # "Wierzbicka of Poland": affiliation, not a party
                elif head[0] == "noun" and head[1].lower_ in self.of_heads:
                    cur.of = list(doc[j + 1:k])
                else:
                    break
                j = k
                continue
            nxt = doc[j + 1] if j + 1 < limit else None
            if connector(t) and nxt is not None and nxt.tag_ not in ("VBG", "VBN") and (self._npish(nxt, ctx) or connector(nxt)):
                if cur.tokens:
                    out.append(cur)
                cur = Phrase()
                j += 1
                continue
            break
        if cur.tokens:
            out.append(cur)
        return out, j

    def _head(self, phrase: Phrase, ctx: Context) -> tuple | None:
        """The last party-like word of a phrase: ("ent", token, entity), ("name", first, words)
        for a capitalised name the NER missed, ("pron", t) or ("noun", t)."""
        doc = ctx.doc
        found: list[tuple] = []
        seen: set[int] = set()
        name: list[Token] = []
        for t in phrase.tokens + [None]:
            if t is not None and self._name_word(t, ctx):
                name = [] if t.lower_ in self.w.title_words else name + [t]
                continue
            if name:
                found.append(("name", name[0], name))  # a name the NER missed
                name = []
            if t is None:
                break
            span = ctx.span_of.get(t.i)
            if span is not None:
                start, end, ent = span
                if start in seen:
                    continue
                seen.add(start)
                if end < len(doc) and doc[end].lower_ in POSSESSIVE:
                    continue  # "Trump's son-in-law", "Arakawa's office"
                if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based":
                    continue  # "a Sheffield-based investor"
                found.append(("ent", t, ent))
            elif t.pos_ == "PRON" and t.tag_ != "PRP$" and t.lower_ in PERSONAL:
                found.append(("pron", t))
            elif t.lower_ in self.party_nouns:
                if t.pos_ in ("NOUN", "PROPN", "NUM", "DET", "CCONJ", "PRON") or t.tag_ in NOUN_TAGS:
                    found.append(("noun", t))
        return found[-1] if found else None

    def _name_word(self, t: Token, ctx: Context) -> bool:
        """A capitalised word outside any entity, date or title that may be part of a name."""
        inside = t.i > 0 and self._name_word_core(t.nbor(-1), ctx)
        return self._name_word_core(t, ctx) and (
            t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS") or (inside and t.pos_ in ("NOUN", "ADJ"))
        )

    def _name_word_core(self, t: Token, ctx: Context) -> bool:
        return (
            t.i not in ctx.span_of and t.i not in ctx.date_tokens and t.text[:1].isupper()
            and t.lower_ not in self.w.not_names and t.is_alpha and t.i >= ctx.floor
            and (t.i not in ctx.first_words or self._named(t.text, ctx).entity is not None or (
                t.pos_ == "PROPN" and t.i + 1 < len(t.doc)
                and (connector(t.nbor(1)) or (t.nbor(1).pos_ == "PROPN" and t.nbor(1).text[:1].isupper()))
            ))
        )

    def _parties(self, phrases: list[Phrase], ctx: Context, exclude: set[str]) -> tuple[list[Ref], list[Group]]:
        """Parties of a list of phrases; nationality adjectives count only before a delegation noun."""
        refs: list[Ref] = []
        groups: list[Group] = []
        adjectives: list[Ref] = []
        delegation = False
        for n, ph in enumerate(phrases):
            head = self._head(ph, ctx)
            if head is None:
                continue
            if head[0] == "name":
                refs.append(self._named(" ".join(t.text for t in head[2]), ctx))
                continue
            if head[0] == "ent":
                ent = head[2]
                if ent.type == "ORG" and norm(ent.name).rsplit(" ", 1)[-1] in self.w.press_names:
                    continue  # "spoke to the Lagos Courier": an interview
                if ent.type in PARTY_TYPES:
                    refs.append(Ref(ent.name, ent.id))
                elif ent.type == "NORP":
                    country = ent.country or country_of_demonym(head[1].text)
                    if country:
                        target = refs if head[1].text.endswith("s") and not head[1].text.endswith("ss") else adjectives
                        target.append(self._country(country, ctx))
                continue
            t = head[1]
            lower = t.lower_
            if head[0] == "pron":
                r, g = self._pronoun(t, ctx, exclude | {x.key for x in refs})
                refs += r
                groups += g
            elif lower in self.w.audiences:
                continue
            elif lower in self.w.delegation_nouns and (countries := self._delegation(ph, ctx)):
                refs += countries
                delegation = True
            elif lower in self.w.group_nouns and (countries := self._delegation(Phrase(of=ph.of), ctx)):
                refs += countries  # "the presidents of Argentina, Bolivia and Chile"
                delegation = True
            elif (org := self._org_in(ph.of, ctx)) is not None:
                refs.append(org)
            elif lower in self.w.group_nouns and (name := [x for x in ph.of if self._name_word(x, ctx)]):
                refs.append(self._named(" ".join(x.text for x in name), ctx))  # "executives of Flemnor Power"
            elif lower in self.w.workers and t.tag_ != "NN":
                refs.append(self._described(t, self.w.union_words, ctx, exclude) or Ref(self._text(ph)))
            elif lower in self.w.descriptions:
                found = self._described(t, self.w.descriptions[lower], ctx, exclude | {x.key for x in refs})
                if found is not None:
                    refs.append(found)
            elif (lower in self.w.group_nouns or lower in self.w.delegation_nouns) and not any(
                x.lower_ in ("you", "we", "us", "our", "your") for x in ph.tokens
            ):
                if self._apposition(ph, phrases[n + 1:], ctx):
                    continue  # "the foreign ministers, X and Y": named right after
                count = self._count(ph)
                definite = count is not None or any(x.lower_ in DEFINITE | POSSESSIVE for x in ph.tokens)
                owned = any(x.tag_ == "PRP$" and x.lower_ in THIRD_PLURAL for x in ph.tokens)
                groups.append(Group(t, count, pronoun=False, definite=definite, owned=owned))
        if delegation:
            refs = adjectives + refs
        out: list[Ref] = []
        for r in refs:
            if r.key not in {x.key for x in out}:
                out.append(r)
        return out, groups

    def _apposition(self, ph: Phrase, rest: list[Phrase], ctx: Context) -> bool:
        """A group phrase followed by a comma and a named person: "the two ministers, X and Y"."""
        nxt = ph.tokens[-1].i + 1
        if not rest or nxt >= len(ctx.doc) or ctx.doc[nxt].text != ",":
            return False
        head = self._head(rest[0], ctx)
        return head is not None and (head[0] == "name" or (head[0] == "ent" and head[2].type == "PERSON"))

    def _delegation(self, ph: Phrase, ctx: Context) -> list[Ref]:
        """ "U.S. and Ukrainian delegations", "Peru's delegation", "officials from Kenya"."""
        found: list[Ref] = []
        seen: set[int] = set()
        for t in ph.tokens + ph.of:
            span = ctx.span_of.get(t.i)
            if span is None or span[0] in seen:
                continue
            seen.add(span[0])
            ent = span[2]
            people = span[1] < len(ctx.doc) and ctx.doc[span[1]].lower_ in self.of_heads | self.w.audiences
            if t in ph.of and not (ent.type == "GPE" or (ent.type == "NORP" and people)):
                continue  # "a delegation of Canadian lawmakers", not "ministers from five European countries"
            if ent.type == "GPE":
                found.append(Ref(ent.name, ent.id, country=True))
            elif ent.type == "NORP" and (country := ent.country or country_of_demonym(t.text)):
                found.append(self._country(country, ctx))
        return found

    @staticmethod
    def _org_in(tokens: list[Token], ctx: Context) -> Ref | None:
        for t in tokens:
            span = ctx.span_of.get(t.i)
            if span is not None and span[2].type == "ORG":
                return Ref(span[2].name, span[2].id)
        return None

    @staticmethod
    def _named(name: str, ctx: Context) -> Ref:
        """A name the NER missed, linked to the entity it is the end of ("Dvořáček")."""
        key = norm(name)
        first_names: dict[str, Entity] = {}
        for _, ent in ctx.persons + ctx.orgs:
            full = norm(ent.name)
            if full == key or full.endswith(" " + key) or (ent.type == "ORG" and full.startswith(key + " ")):
                return Ref(ent.name, ent.id)
            if ent.type == "PERSON" and full.startswith(key + " "):
                first_names[ent.id] = ent
        if len(first_names) == 1:  # "I called Luc" for Luc Moreau
            ent = next(iter(first_names.values()))
            return Ref(ent.name, ent.id)
        return Ref(name)

    def _country(self, name: str, ctx: Context) -> Ref:
        ent = ctx.countries.get(norm(name))
        return Ref(ent.name, ent.id, country=True) if ent is not None else Ref(name, country=True)

    @staticmethod
    def _described(t: Token, words: tuple[str, ...], ctx: Context, exclude: set[str]) -> Ref | None:
        """The ORG a description points to ("the airline" -> "Coral Coast Airlines"), nearest first."""
        best: tuple[int, Entity] | None = None
        for start, ent in ctx.orgs:
            if ent.id in exclude or ("*" in words and start > t.i):
                continue
            name_words = [w for form in [ent.name, *ent.aliases] for w in norm(form).split()]
            if "*" in words or any(n.startswith(w) for w in words for n in name_words):
                dist = abs(start - t.i) + (0 if start < t.i else 1)
                if best is None or dist < best[0]:
                    best = (dist, ent)
        return Ref(best[1].name, best[1].id) if best else None

    @staticmethod
    def _pronoun(t: Token, ctx: Context, exclude: set[str]) -> tuple[list[Ref], list[Group]]:
        lower = t.lower_
        if lower in FIRST_PERSON:
            speaker = ctx.speaker_at(t.idx)
            if speaker is None:
                return [], []
            return [Ref(ctx.names.get(speaker.entity or "", speaker.name), speaker.entity)], []
        if lower in THIRD_PLURAL:
            return [], [Group(t, None, pronoun=True)]
        if lower == "both":
            return [], [Group(t, 2, pronoun=True)]
        if lower in THIRD_SINGULAR:
            wanted = "m" if lower in MALE else "f"
            lo = ctx.sents[max(0, ctx.sent_index(t.i) - 3)][0]
            found: list[tuple[int, Ref]] = []
            for j in range(lo, t.i):
                span = ctx.span_of.get(j)
                if span is not None:
                    ref = Ref(span[2].name, span[2].id) if span[2].type == "PERSON" else None
                elif ctx.doc[j].text[:1].isupper() and ctx.doc[j].pos_ == "PROPN":
                    ref = MeetingFinder._named(ctx.doc[j].text, ctx)  # a surname the NER missed
                else:
                    ref = None
                if ref is not None and ref.entity in ctx.person_ids and ref.entity not in exclude:
                    if ctx.genders().get(ref.entity, wanted) == wanted:
                        found.append((j, ref))
            if found:
                # the first in the latest sentence naming someone: its subject, as a
                # rule ("X, who met Y, said ... . She also spoke with Z" -> X)
                last = ctx.sent_index(found[-1][0])
                return [next(ref for j, ref in found if ctx.sent_index(j) == last)], []
        return [], []

    @staticmethod
    def _count(ph: Phrase) -> int | None:
        for t in ph.tokens:
            if t.lower_ == "both":
                return 2
            if t.lower_ in NUMBERS:
                return NUMBERS[t.lower_]
            if t.text.isdigit():
                return int(t.text)
        return None

    @staticmethod
    def _text(ph: Phrase) -> str:
        words = [t.text for t in ph.tokens if t.pos_ not in ("DET", "PRON", "PUNCT")]
        return " ".join(words) or ph.tokens[-1].text

    # ----------------------------------------------------------- clause reading

    def _subject(self, verb_i: int, ctx: Context, depth: int = 0) -> tuple[list[Ref], list[Group], list[Token]]:
        """Parties of the phrase before a verb, and the auxiliaries/governors between."""
        doc = ctx.doc
        lo, _ = ctx.sentence(verb_i)
        j = verb_i - 1
        chain: list[Token] = []
        while j >= lo and self._chainish(doc[j]):
            chain.append(doc[j])
            j -= 1
        if j - 1 >= lo and doc[j].lower_ in ("who", "which") and doc[j - 1].text == ",":
            j -= 2  # "X, who met Y in Oslo, said ...": the phrase the clause describes
        if depth == 0 and chain and chain[0].lower_ == "to":
            k = j
            while k >= lo and self._npish(doc[k], ctx):
                k -= 1
            if k >= lo and doc[k].pos_ == "ADP" and doc[k].lower_ not in ("of",):
                # "He traveled to Florida to meet X": the subject of the first verb
                verb = next((p for p in range(k - 1, lo - 1, -1) if doc[p].pos_ == "VERB"), None)
                if verb is not None:  # "X agreed on Tuesday to meet": X, and "agreed" joins the chain
                    refs, groups, more = self._subject(verb, ctx, depth + 1)
                    return refs, groups, chain + [doc[verb]] + more
        end = j + 1
        k = j
        while k >= lo:
            t = doc[k]
            if t.text == "," and k - 1 >= lo:
                rel = next((c for c in range(k - 1, lo, -1)
                            if doc[c].text == "," and doc[c + 1].lower_ in ("who", "which", "whose")), None)
                if rel is not None and k == end - 1:
                    k = end = rel
                    k -= 1
                    continue
            if t.text in DASHES or (t.lower_ == "and" and (doc[k + 1].i in ctx.date_tokens or doc[k + 1].pos_ == "ADV")):
                break  # "... at the Fair — and tomorrow he plans to meet": a new clause
            if self._npish(t, ctx) or connector(t) or t.lower_ in ("of", "from") or t.text in "()":
                k -= 1
                continue
            break
        start = k + 1
        while start < end and (connector(doc[start]) or doc[start].lower_ in ("of", "from", ")")):
            start += 1
        phrases, _ = self._phrases(start, end, ctx)
        refs, groups = self._parties(phrases, ctx, set())
        if not refs and not groups and depth == 0 and end - 1 >= lo and doc[end - 1].lower_ in ("and", ","):
            # "X met Y on Wednesday and held talks": the subject of the first verb
            prev = next((p for p in range(end - 2, lo - 1, -1) if self._is_verb(doc[p]) and not self._chainish(doc[p])), None)
            if prev is not None:
                refs, groups, more = self._subject(prev, ctx, depth + 1)
                chain += more
        return refs, groups, chain

    def _region(self, lo: int, hi: int, ctx: Context) -> tuple[list[Ref], list[Group]]:
        """Every party named in tokens lo..hi, places and times left out."""
        doc = ctx.doc
        refs: list[Ref] = []
        groups: list[Group] = []
        j = lo
        while j < hi:
            prev = doc[j - 1].lower_ if j > lo else ""
            if not self._npish(doc[j], ctx):
                j += 1
            elif prev in self.w.adverbial_prepositions or prev in self.w.destination_objects:
                j = self._skip_adverbial(j - 1, hi, ctx)  # "travel to Los Angeles", "visit Jakarta"
            else:
                phrases, k = self._phrases(j, hi, ctx)
                r, g = self._parties(phrases, ctx, {x.key for x in refs})
                refs += [x for x in r if x.key not in {y.key for y in refs}]
                groups += g
                j = max(k, j + 1)
        return refs, groups

    def _after_comma(self, i: int, hi: int, ctx: Context) -> tuple[list[Ref], list[Group]]:
        """The subject after an opening phrase: "In a call on Monday, *X and Y* agreed"."""
        doc = ctx.doc
        comma = next((j for j in range(i + 1, hi) if doc[j].text == "," or self._boundary(doc[j])), None)
        if comma is None or doc[comma].text != ",":
            return [], []
        phrases, _ = self._phrases(comma + 1, hi, ctx)
        return self._parties(phrases, ctx, set())

    def _clause_start(self, i: int, ctx: Context) -> int:
        lo, _ = ctx.sentence(i)
        for j in range(i - 1, lo - 1, -1):
            if self._boundary(ctx.doc[j]):
                return j + 1
        return lo

    def _skip_adverbial(self, j: int, limit: int, ctx: Context) -> int:
        """Past "in Moscow", "on Monday", "for five hours" after a preposition at j."""
        k = j + 1
        while k < limit and (self._npish(ctx.doc[k], ctx) or ctx.doc[k].lower_ in ("of", "-")):
            k += 1
        return k

    # ----------------------------------------------------------- triggers

    def _verb_mention(self, verb: Token, ctx: Context, absorbed: set[int]) -> Mention | None:
        w = self.w
        rule = w.verbs[verb.lower_]
        doc = ctx.doc
        _, hi = ctx.sentence(verb.i)
        if verb.i > 0 and doc[verb.i - 1].lower_ in ("not", "n't", "never"):
            return None
        nxt = [t.lower_ for t in doc[verb.i + 1:min(verb.i + 4, hi)]]
        if rule.particle and rule.particle not in nxt[:2]:
            return None
        phone = self._phone_cue(verb.i, hi, ctx) or any(x in ("virtually", "online", "remotely") for x in nxt[:2])
        if rule.needs_phone and not phone:
            return None
        if rule.kind == "call" and not phone:
            if nxt and nxt[0] in CALL_BLOCKING:
                return None  # "called off", "called on X to", "called for"
            prev = doc[verb.i - 1] if verb.i > 0 else None
            perfect = prev is not None and prev.lower_ in ("has", "have", "had", "having")
            naming = (verb.tag_ == "VBN" and not perfect) or prev is None or prev.is_punct
            naming = naming or prev.lower_ in BE or prev.tag_ == "NNS"
            if naming and nxt[:1] != ["by"]:
                return None  # "a group called the Sea Org", "(called Shah Mosque)", "is called Legato"
        m = Mention(trigger=verb, kind="call" if phone else rule.kind, verbal=True)
        m.refs, m.groups, m.chain = self._subject(verb.i, ctx)
        passive = verb.tag_ == "VBN" and any(t.lower_ in ("was", "were", "is", "are", "been", "be") for t in m.chain)
        j = verb.i + 1
        took_objects = False
        while j < hi:
            t = doc[j]
            lower = t.lower_
            if j in ctx.date_tokens:  # "met Monday with X", "spoke Jan. 9 with Y"
                j += 1
            elif lower in w.adverbs or (t.pos_ == "ADP" and lower == rule.particle):
                m.separately = m.separately or lower in ("separately", "individually")
                m.again = m.again or lower == "again"
                j += 1
            elif lower in ("with", "between") or (lower == "to" and phone) or (lower == "by" and passive):
                phrases, j = self._phrases(j + 1, hi, ctx)
                if lower == "with" and any(w2.lower_ in w.meet_with_reactions for p in phrases for w2 in p.tokens):
                    return None
                if rule.parties in ("all", "with") or lower == "by":  # not "called the deal with X a step"
                    refs, groups = self._parties(phrases, ctx, {r.key for r in m.refs})
                    m.others += refs
                    m.groups += groups
            elif lower in w.adverbial_prepositions:
                k = self._skip_adverbial(j, hi, ctx)
                if verb.lower_ in MEET and any(doc[x].lower_ in w.contests for x in range(j + 1, k)):
                    return None  # "met X in the final": a match
                event = next((doc[x] for x in range(j + 1, k) if self._noun_kind(doc[x])), None)
                if event is not None and lower in PARTICIPATION:
                    kind = self._noun_kind(event)
                    if rule.parties == "object" or kind == "meeting":
                        absorbed.add(event.i)
                        m.event = event
                        if kind == "summit":
                            m.kind = "summit"
                    elif m.sideline is None:
                        m.sideline = event
                elif event is not None and lower == "for" and rule.parties in ("all", "object") and m.kind != "call" \
                        and self._noun_kind(event) in ("talks", "meeting"):
                    absorbed.add(event.i)  # "hosted X for two days of talks": one encounter, talks
                    m.event = event
                    m.kind = "talks" if self._noun_kind(event) == "talks" else m.kind
                j = k
            elif lower == "," and j + 1 < hi and doc[j + 1].lower_ in PLACE_PREPOSITIONS | {"on", "for"}:
                j += 1  # "hosted X, the minister, in Almaty on Monday"
            elif lower == "," and j + 2 < hi and doc[j + 1].lower_ in JOINERS and doc[j + 2].lower_ == "by":
                # "will meet in Darwin, joined by officials from X": more parties
                phrases, j = self._phrases(j + 3, hi, ctx)
                refs, _ = self._parties(phrases, ctx, {r.key for r in m.refs + m.others})
                m.others += refs
            elif self._npish(t, ctx) and not took_objects:
                phrases, k = self._phrases(j, hi, ctx)
                took_objects = True
                words = {x.lower_ for p in phrases for x in p.tokens}
                if any(self._noun_kind(x) for p in phrases for x in p.tokens):
                    return None  # "hosted talks", "called a meeting": the noun is the trigger
                if verb.lower_ in MEET and words & w.meet_goals:
                    return None
                if rule.parties in ("all", "object", "person"):
                    refs, groups = self._parties(phrases, ctx, {r.key for r in m.refs})
                    if rule.parties == "object":  # "hosted Paris", "received the Award": no party
                        refs = [r for r in refs if r.country or (r.entity is not None and r.entity not in ctx.place_ids)]
                    if m.kind == "call" and phrases and len(phrases[0].tokens) > 1 and phrases[0].tokens[0].pos_ == "PRON":
                        return None  # "call them Senator X": naming
                    if rule.parties == "person" or m.kind == "call":
                        refs, groups = [r for r in refs if r.entity in ctx.person_ids], []
                    m.others += refs
                    m.groups += groups
                j = max(k, j + 1)
            else:
                break
        if verb.lower_ in MEET and any(t.lower_ in w.meet_goals for t in doc[max(0, verb.i - 6):verb.i]):
            return None  # "the timetable impossible to meet"
        if passive and rule.parties in ("object", "person"):  # "the Games will be hosted by Krasnoyarsk"
            m.refs = [r for r in m.refs if r.entity is not None and r.entity not in ctx.place_ids]
            m.others = [r for r in m.others if r.entity not in ctx.place_ids]
        if m.kind == "call" and not phone:  # "X called Y": people; "a group called the Sea Org" is a name
            m.refs = [r for r in m.refs if r.entity in ctx.person_ids]
            m.others = [r for r in m.others if r.entity in ctx.person_ids]
        if not m.named or self._press_event(verb.i, hi, ctx):
            return None
        if rule.needs_setting and not (m.others and self._setting_after(j, hi, ctx)):
            return None
        m.status = self._status(m, ctx, right_from=None)
        return m

    def _setting_after(self, j: int, hi: int, ctx: Context) -> bool:
        """A place or date right where the verb's objects end ("seeing X *in Accra on June 3*")."""
        for k in range(max(0, j - 6), min(hi, j + 4)):
            placed = ctx.place_at(k) is not None and k > 0 and ctx.doc[k - 1].lower_ in PLACE_PREPOSITIONS
            if k in ctx.date_tokens or placed:
                return True
        return False

    def _press_event(self, i: int, hi: int, ctx: Context) -> bool:
        """ "sat down with X *for an interview*", "spoke *at a news conference*": the press."""
        doc = ctx.doc
        for j in range(i + 1, min(hi, i + 14)):
            if self._boundary(doc[j]):
                return False
            pair = (doc[j].lower_, doc[j + 1].lower_ if j + 1 < len(doc) else "")
            if pair[:1] in self.w.press_events or pair in self.w.press_events:
                return True
        return False

    def _noun_mention(self, noun: Token, ctx: Context) -> Mention | None:
        w = self.w
        doc = ctx.doc
        lo, hi = ctx.sentence(noun.i)
        kind = self._noun_kind(noun)
        instalment = False
        right = [t.lower_ for t in doc[noun.i + 1:min(noun.i + 3, hi)]]
        if kind is None:
            if noun.lower_ not in w.instalments or (right and right[0] == "of"):
                return None  # "a round of talks": the inner noun is the trigger
            kind, instalment = "talks", True
        if right[:1] == ["of"] and len(right) > 1 and right[1] in w.figurative_of:
            return None
        # the phrase before the noun: "Putin's", "their first", "U.S.-Ukraine", "three days of"
        start = noun.i
        while start - 1 >= lo:
            t = doc[start - 1]
            if t.text == ")":  # "the APEC (Asia-Pacific ...) leaders meeting"
                opening = next((k for k in range(start - 2, max(lo, start - 7) - 1, -1) if doc[k].text == "("), None)
                if opening is None:
                    break
                start = opening
            elif self._npish(t, ctx) and not self._boundary(t):
                start -= 1
            elif t.tag_ == "VBN" and start - 2 >= lo and (doc[start - 2].pos_ == "DET" or doc[start - 2].tag_ in ("PRP$", "POS")):
                start -= 1  # "a *planned* meeting", "the *postponed* talks": a modifier, not a verb
            else:
                break
        left = [t for t in doc[start:noun.i] if t.text not in "()"]
        if start - 2 >= lo and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in w.containers:
            start -= 2
            while start - 1 >= lo and self._npish(doc[start - 1], ctx):
                start -= 1
        m = Mention(trigger=noun, kind=kind, instalment=instalment)
        m.definite = any(t.lower_ in DEFINITE for t in left) or any(t.lower_ in POSSESSIVE for t in left)
        m.again = any(t.lower_ in ("another", "new", "next", "further", "second", "third") for t in left)
        if kind in ("meeting", "talks") and (self._phone_cue(noun.i, hi, ctx) or any(t.lower_ in VIRTUAL for t in left)):
            m.kind = "call"  # "talks by video link", "a virtual meeting"
        self._parties_after_noun(m, hi, ctx)
        cued = bool(left) and left[-1].lower_ in w.phone_cues
        if kind == "call" and noun.lower_ in ("call", "calls") and not cued and not (m.refs or m.others):
            return None  # "calls for a ceasefire"
        own, own_groups = self._own_modifiers(left, ctx)
        m.refs = own + m.refs
        m.groups = own_groups + m.groups
        role = self._noun_clause(m, doc[start - 1] if start - 1 >= lo else None, hi, ctx)
        m.strict_date = role == "adverbial" or (m.definite and not m.named)
        m.status = self._status(m, ctx, right_from=noun.i + 1 if role == "subject" else None)
        postponed_ahead = m.status == "planned" and any(t.lower_ in w.postpone_words for t in left)
        if m.status != "cancelled" and any(t.lower_ in w.cancel_modifiers for t in left) and not postponed_ahead:
            m.status = "cancelled"  # but "the postponed talks will take place in May" lie ahead
        elif m.status == "happened" and any(t.lower_ in w.plan_modifiers for t in left):
            m.status = "planned"
        return m

    def _restaged(self, verb: Token, mentions: list[Mention], ctx: Context) -> Mention | None:
        """ "They will now be held at the same hotel on the 21st": the meeting of the
        sentence before, named by a pronoun, with its new date and place."""
        doc = ctx.doc
        words = tuple(t.lower_ for t in doc[verb.i:verb.i + 2])
        if not any(words[: len(p)] == p for p in self.w.pronoun_restaging):
            return None
        lo, _ = ctx.sentence(verb.i)
        j = verb.i - 1
        chain = []
        while j >= lo and self._chainish(doc[j]):
            chain.append(doc[j])
            j -= 1
        if j < lo or doc[j].lower_ not in ("it", "they") or not (j == lo or doc[j - 1].text in (",", ";")):
            return None
        s = ctx.sent_index(verb.i)
        prev_lo = ctx.sents[max(0, s - 1)][0]
        if not any(prev_lo <= x.trigger.i < verb.i for x in mentions):
            return None  # "they" is something else
        m = Mention(trigger=verb, kind="meeting", definite=True, chain=chain, restaged=True)
        m.status = self._status(m, ctx, right_from=None)
        return m

    def _parties_after_noun(self, m: Mention, hi: int, ctx: Context) -> None:
        """ "talks *between X and Y*", "a call *with X*", "the meeting, *attended by X*"."""
        doc = ctx.doc
        j = m.trigger.i + 1
        while j < hi:
            lower = doc[j].lower_
            if j in ctx.date_tokens or (doc[j].pos_ == "ADV" and not self._boundary(doc[j])):
                j += 1  # "held a phone conversation Tuesday with X", "held talks there with X"
            elif lower in ("with", "between") or (lower in ATTENDED and j + 1 < hi and doc[j + 1].lower_ == "by") or (
                    m.kind == "call" and lower in ("from", "to")):  # "a phone call from X"
                phrases, j = self._phrases(j + (2 if lower in ATTENDED else 1), hi, ctx)
                refs, groups = self._parties(phrases, ctx, set())
                if lower == "between":
                    m.refs += refs
                else:
                    m.others += refs
                m.groups += groups
            elif lower == "of" and j == m.trigger.i + 1:
                # "a summit of the presidents of X, Y and Z": the members, by country or name
                phrases, k = self._phrases(j + 1, hi, ctx)
                head = self._head(phrases[0], ctx) if phrases else None
                if head is None or head[0] != "noun" or head[1].lower_ not in self.of_heads:
                    break
                refs, groups = self._parties(phrases, ctx, set())
                m.refs += refs
                m.groups += groups
                j = k
            elif lower in self.w.adverbial_prepositions and lower not in ("to", "from"):
                j = self._skip_adverbial(j, hi, ctx)
            elif lower == "," and j + 2 < hi and doc[j + 1].lower_ in ATTENDED and doc[j + 2].lower_ == "by":
                j += 1
            else:
                break

    def _noun_clause(self, m: Mention, prev: Token | None, hi: int, ctx: Context) -> str:
        """How a meeting noun sits in its clause, adding the parties and verbs the clause gives.

        "object" of a support verb ("X and Y *held* talks"), "participation"
        ("X met Y *at* a meeting", "*in* a phone call with Y"), "subject" (the
        noun opens its clause), "adverbial" ("on reports *of* the talks") or
        "own" (a visit: only the parties it names).
        """
        w = self.w
        doc = ctx.doc
        if m.trigger.lower_ in w.own_parties_only:
            return "own"
        if prev is not None and prev.lower_ in w.support_verbs:
            verb = prev if prev.lower_ not in ("off", "up") else doc[prev.i - 1]
            refs, groups, chain = self._subject(verb.i, ctx)
            m.chain = [verb, *chain] + ([prev] if prev.i != verb.i else [])
            if not m.refs or m.others:
                m.refs = refs + [r for r in m.refs if r.key not in {x.key for x in refs}]
                m.groups = groups + m.groups
            return "object"
        left_talks = prev is not None and prev.lower_ in ("of", "from") and prev.i > 0 and (
            doc[prev.i - 1].lower_ == "out" or doc[prev.i - 1].lower_ in WITHDREW)  # "walked out of talks with X"
        if prev is not None and (prev.lower_ in PARTICIPATION or (prev.lower_ == "for" and m.others) or left_talks):
            clause = self._clause_start(prev.i, ctx)
            if not (m.refs and not m.others):
                refs, groups = self._region(clause, prev.i, ctx)
                if not refs and not groups:  # "In a phone call on Monday, X and Y discussed ..."
                    refs, groups = self._after_comma(m.trigger.i, hi, ctx)
                m.refs = refs + [r for r in m.refs if r.key not in {x.key for x in refs}]
                m.groups = groups + m.groups
            purpose = prev.lower_ == "for"  # "is *to* visit X for talks", "*plans to* fly to X for talks"
            m.chain = [t for t in doc[clause:prev.i] if t.pos_ == "AUX" or t.tag_ == "MD"
                       or (purpose and (t.tag_ == "TO" or t.lower_ in w.plan_heads or t.lower_ in w.travel_verbs))]
            return "participation"
        if prev is not None and not (self._boundary(prev) or connector(prev)):
            return "adverbial"
        if not m.named and not m.definite and prev is not None and prev.lower_ in ("after", "following"):
            # "X and Y signed the deal after talks in Geneva": the clause's parties
            refs, _ = self._region(self._clause_start(prev.i, ctx), prev.i, ctx)
            if len(refs) >= 2:
                m.refs = refs
        return "subject"

    def _own_modifiers(self, left: list[Token], ctx: Context) -> tuple[list[Ref], list[Group]]:
        """Parties before a meeting noun: "Putin's meeting", "their talks", "U.S.-Ukraine talks"."""
        refs: list[Ref] = []
        groups: list[Group] = []
        doc = ctx.doc
        named: list[Ref] = []
        seen: set[int] = set()
        for t in left:
            span = ctx.span_of.get(t.i)
            if span is not None and span[0] not in seen:
                seen.add(span[0])
                ent = span[2]
                possessive = span[1] < len(doc) and doc[span[1]].lower_ in POSSESSIVE
                if ent.type in ("PERSON", "ORG") or (possessive and ent.type == "GPE"):
                    refs.append(Ref(ent.name, ent.id))
                elif ent.type == "GPE":
                    named.append(Ref(ent.name, ent.id))
                elif ent.type == "NORP" and (country := ent.country or country_of_demonym(t.text)):
                    named.append(self._country(country, ctx))
            elif t.tag_ == "PRP$" and t.lower_ in THIRD_PLURAL:
                groups.append(Group(t, None, pronoun=True))
        if len(named) >= 2:
            refs += named
        return refs, groups

    # ----------------------------------------------------------- status

    def _status(self, m: Mention, ctx: Context, right_from: int | None) -> str:
        w = self.w
        doc = ctx.doc
        words = [t.lower_ for t in m.chain]
        if any((a, b) in w.cancel_particles for a in words for b in words):
            return "cancelled"  # "called off talks"
        if any(x in w.cancel_verbs for x in words):
            return "cancelled"
        if right_from is not None:
            _, hi = ctx.sentence(m.trigger.i)
            clause = []
            for j in range(right_from, min(hi, right_from + 40)):
                t = doc[j]
                if t.lower_ == ";" or (self._boundary(t) and t.lower_ not in ("that", "which", "who")):
                    break
                clause.append(t)
            for t in clause:
                pair = (t.lower_, doc[t.i + 1].lower_ if t.i + 1 < len(doc) else "")
                if pair in w.cancel_particles or (self._is_verb(t) and t.lower_ in w.cancel_verbs):
                    return "cancelled"
            if not m.verbal and any(t.lower_ in w.future_aux or t.lower_ in SCHEDULED for t in clause):
                return "planned"
        if any(x in w.future_aux or x in w.plan_heads for x in words):
            return "planned"
        if any(t.lower_ in w.travel_verbs and (t.tag_ in ("VBZ", "VBP") or t.lower_.endswith("s")) for t in m.chain):
            return "planned"  # "X flies to Oslo on Monday for talks": the news present is ahead
        if any(t.lower_ in ("is", "are", "am") for t in m.chain) and "to" in words:
            return "planned"
        nxt = [t.lower_ for t in doc[m.trigger.i + 1:m.trigger.i + 8]]
        if "tomorrow" in nxt or any(a in w.future_words and b in TEMPORAL_NOUNS for a, b in zip(nxt, nxt[1:])):
            return "planned"
        return "happened"

    def _finish(self, m: Mention, mentions: list[Mention], ctx: Context) -> None:
        """Date, place, sidelines and a future date's status, once all triggers are known."""
        if m.sideline is None:
            m.sideline = self._sidelines(m, ctx)
        m.when = self._when(m, mentions, ctx)
        moved = self._new_date(m, mentions, ctx)
        if moved is not None:  # "postponed until early March": planned, on the new date
            m.status, m.when = "planned", moved
        m.where = None if m.kind == "call" else self._where(m, mentions, ctx)
        if m.status == "happened" and m.when is not None and ctx.reference is not None:
            if m.when.value > ctx.reference[: len(m.when.value)]:
                m.status = "planned"
        if m.status == "planned" and m.when is not None:
            m.when = self._ahead(m.when, ctx)

    @staticmethod
    def _ahead(when: When, ctx: Context) -> When:
        """A planned meeting's year-less date lies ahead: "postponed until early March"
        in a January article is this March, "put off to July 9" in June is this July."""
        ref = ctx.reference
        if ref is None or len(when.value) < 7 or when.value >= ref[: len(when.value)] or re.search(r"\d{4}", when.text):
            return when
        if len(when.value) == 10 and WEEKDAY.search(when.text):  # "flies to X on Thursday, where ...": the next one
            day, today = dt.date.fromisoformat(when.value), dt.date.fromisoformat(ref)
            try:
                day += dt.timedelta(days=7 * -(-(today - day).days // 7))
            except OverflowError:  # past 9999-12-31
                return when
            return When(day.isoformat(), day.isoformat(), when.text)
        year = int(when.value[:4]) + 1
        value, last = f"{year:04d}" + when.value[4:], f"{int(when.last[:4]) + 1:04d}" + when.last[4:]
        within_a_year = value >= ref[: len(value)] and value[:7] <= f"{int(ref[:4]) + 1:04d}{ref[4:7]}"
        return When(value, last, when.text) if within_a_year else when

    @staticmethod
    def _rival(x: Mention) -> bool:
        """A trigger that claims the dates and places near it: not a verb naming one
        party only ("is to *visit* Jakarta later this month for talks with X")."""
        return not (x.verbal and len(x.refs) + len(x.others) < 2 and not x.groups and not x.again)

    def _new_date(self, m: Mention, mentions: list[Mention], ctx: Context) -> When | None:
        """The date a meeting was moved to: "postponed until early March", "put off to
        July 9", "rescheduled for Friday", when no other trigger stands between."""
        doc = ctx.doc
        lo, hi = ctx.sentence(m.trigger.i)
        others = {x.trigger.i for x in mentions if x is not m and lo <= x.trigger.i < hi}
        starts = {d.token_start: d for d in ctx.dates}
        for j in range(lo, hi - 1):
            t = doc[j]
            pair = (t.lower_, doc[j + 1].lower_)
            if pair in self.w.postpone_particles:
                j += 1
            elif not (t.lower_ in self.w.postpone_words and t.pos_ in ("VERB", "AUX", "ADJ")):
                continue
            if any(min(j, m.trigger.i) < o < max(j, m.trigger.i) for o in others):
                continue
            for k in range(j + 1, min(hi, j + 6)):
                if doc[k].lower_ not in self.w.new_date_prepositions:
                    continue
                d = starts.get(k + 1) or (starts.get(k + 2) if doc[k + 1].lower_ in ("the", "early", "late", "mid") else None)
                if d is not None:
                    return When(d.value, d.value, source_text(doc)[d.start:d.end])
        return None

    def _when(self, m: Mention, mentions: list[Mention], ctx: Context) -> When | None:
        """The nearest date of the sentence that no other trigger is nearer to."""
        lo, hi = ctx.sentence(m.trigger.i)
        side = m.sideline.i if m.sideline is not None else -1
        rivals = [x.trigger.i for x in mentions
                  if lo <= x.trigger.i < hi and x is not m and x.trigger.i != side and self._rival(x)]

        def gap(d: DateMention, i: int) -> tuple[int, int]:
            """Distance, and 1 for a date before the trigger; a date after it
            ("met X *on Tuesday*") is preferred to one a few words before."""
            if d.token_end <= i:
                return i - d.token_end, 1
            return max(0, d.token_start - i - 1) - AFTER_BONUS, 0

        crossable = set() if m.verbal else {"that", "which"}

        def separated(d: DateMention) -> bool:
            before = d.token_end <= m.trigger.i
            own_to = m.trigger.i > 0 and ctx.doc[m.trigger.i - 1].tag_ == "TO"  # "flies there on Friday *to* meet X"
            a, b = (d.token_end, m.trigger.i - own_to) if before else (m.trigger.i + 1, d.token_start)
            if m.event is not None and d.token_start > m.event.i - 8:
                a, b = min(m.event.i, d.token_end), max(m.event.i, d.token_start)
            skip = set() if before else crossable  # "talks *that* were due on Monday"
            return any(self._boundary(t) and t.lower_ not in skip or self._purpose(t) for t in ctx.doc[a:b])

        relative = self._relative_before(m.trigger.i, ctx)
        found = []
        for d in ctx.dates:
            if not (lo <= d.token_start < hi) or separated(d) or relative <= d.token_start < m.trigger.i:
                continue
            g = min(gap(d, m.trigger.i), gap(d, m.event.i) if m.event is not None else (MAX_GAP + 1, 0))
            if g[0] > (2 if m.strict_date else MAX_GAP):
                continue
            if any(gap(d, r) < g for r in rivals):
                continue
            found.append((g, d))
        if not found:
            return self._antecedent_date(m, rivals, ctx)
        found.sort(key=lambda x: (x[0], x[1].start))
        first = found[0][1]
        group = [d for _, d in found if d.start == first.start or (
            d.granularity == first.granularity and abs(d.token_start - first.token_end) <= 1)]
        values = sorted(d.value for d in group)
        return When(values[0], values[-1], source_text(ctx.doc)[first.start:first.end])

    def _antecedent_date(self, m: Mention, rivals: list[int], ctx: Context) -> When | None:
        """ "flies to Brasília on Thursday, where she is to meet X": the date of the
        clause that "where"/"when" describes."""
        doc = ctx.doc
        lo, _ = ctx.sentence(m.trigger.i)
        j = next((k for k in range(m.trigger.i - 1, lo - 1, -1) if self._boundary(doc[k])), None)
        if j is None or doc[j].lower_ not in ("where", "when") or j - 1 < lo or doc[j - 1].text != ",":
            return None
        if any(r < m.trigger.i for r in rivals if r >= self._clause_start(j - 1, ctx)):
            return None
        start = self._clause_start(j - 1, ctx)
        near = [d for d in ctx.dates if start <= d.token_start and d.token_end <= j - 1]
        if not near:
            return None
        d = near[-1]
        return When(d.value, d.value, source_text(doc)[d.start:d.end])

    def _relative_before(self, i: int, ctx: Context) -> int:
        """Start of a relative clause closed just before token i ("X, *who arrived on
        Monday*, met Y"), else a position past i: its dates and places are not i's."""
        doc = ctx.doc
        lo, _ = ctx.sentence(i)
        for j in range(i - 1, lo - 1, -1):
            if self._boundary(doc[j]):
                closed = any(doc[k].text == "," for k in range(j, i))
                return j if doc[j].lower_ in ("who", "which", "whose") and closed else i + 1
        return i + 1

    @staticmethod
    def _purpose(t: Token) -> bool:
        """ "to" opening an infinitive ("met X *to discuss* the vote on March 3")."""
        doc = t.doc
        return (
            t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "VB"
            and not (t.i > 0 and doc[t.i - 1].lower_ in SCHEDULED)  # "due to take place in X"
        )

    def _where(self, m: Mention, mentions: list[Mention], ctx: Context) -> Ref | None:
        """The place of the trigger's clause: after in/at, a travel destination
        ("will travel to Ottawa for talks"), "there" (the place just named),
        "here" or a venue without a city ("at the presidential palace": the
        dateline's city). A place inside the topic ("talks on canals in the
        Fergana Valley") is taken only when nothing else is found."""
        doc = ctx.doc
        lo, hi = ctx.sentence(m.trigger.i)
        rivals = {x.trigger.i for x in mentions if x is not m and self._rival(x)}
        topic_place: Ref | None = None
        venue = topic = False
        j = m.trigger.i + 1
        while j < min(hi, m.trigger.i + 40):
            t = doc[j]
            crossable = t.lower_ in ("that", "which") or t.lower_ in self.w.topic_words  # "on" may be tagged SCONJ
            if j in rivals or t.lower_ == ";" or self._purpose(t) or (self._boundary(t) and not crossable):
                break
            if t.text == "," and j + 1 < hi and doc[j + 1].lower_ in ("and", "but"):
                break  # ", and the two signed ...": a new clause
            if t.lower_ in self.w.topic_words and not self._timely(j + 1, ctx):
                topic = True
            elif t.text == ",":
                topic = False  # "on sharing the waters, scheduled for Jan. 29 in Tashkent"
            place = self._place_here(j, ctx) or self._deictic(j, ctx)
            if place is not None and not topic:
                return place
            topic_place = topic_place or place
            venue = venue or self._venue(j, ctx)
            j += 1
        left_end = lo if self._relative_before(m.trigger.i, ctx) > m.trigger.i else m.trigger.i
        for j in range(m.trigger.i - 1, left_end - 1, -1):
            if j in rivals or self._boundary(doc[j]):
                if doc[j].lower_ == "where" and j - 1 >= lo and doc[j - 1].text == ",":
                    # "... in Tallinn, where X met Y": the place the clause describes
                    return next((p for k in range(j - 2, max(lo, j - 10) - 1, -1)
                                 if (p := self._place_here(k, ctx) or ctx.place_at(k))), None)
                break
            place = self._place_here(j, ctx) or self._deictic(j, ctx)
            if place is not None:
                return place
            venue = venue or self._venue(j, ctx)
        if venue:
            return self._travelled_to(m.trigger.i, ctx) or ctx.dateline_place or topic_place
        return topic_place

    def _travelled_to(self, i: int, ctx: Context) -> Ref | None:
        """The latest travel destination in this or the previous sentence ("flew to Paris on
        Monday. He met X at his hotel"): a venue's city away from the dateline."""
        doc = ctx.doc
        first = ctx.sents[max(0, ctx.sent_index(i) - 1)][0]
        for k in range(i - 1, max(first, ctx.floor) - 1, -1):
            span = ctx.span_of.get(k)
            if span is not None and span[0] == k and k > 1 and doc[k - 1].lower_ == "to" and self._travelling(k - 2, ctx):
                return ctx.place_at(k)
        return None

    def _timely(self, k: int, ctx: Context) -> bool:
        """Token k opens a time or the sidelines ("on Monday", "on the sidelines", "over the weekend"),
        not a topic."""
        doc = ctx.doc
        if k >= len(doc):
            return False
        if k in ctx.date_tokens:
            return True
        nxt = doc[k + 1].lower_ if k + 1 < len(doc) else ""
        determined = doc[k].lower_ in ("the", "its", "their") and (nxt in SIDELINES or nxt in TEMPORAL_NOUNS)
        return doc[k].lower_ in SIDELINES or determined

    def _deictic(self, j: int, ctx: Context) -> Ref | None:
        """ "here": the dateline's city; "there": the place named just before."""
        doc = ctx.doc
        t = doc[j]
        existential = j + 1 < len(doc) and doc[j + 1].lower_ in BE | {"has", "have", "had", "will", "would"}
        if t.pos_ not in ("ADV", "PRON") or existential:
            return None  # "there was", "there will be"
        if t.lower_ == "here":
            return ctx.dateline_place
        if t.lower_ != "there":
            return None
        first = ctx.sents[max(0, ctx.sent_index(j) - 1)][0]
        setting = next((p for k in range(j - 1, first - 1, -1) if (p := self._place_here(k, ctx))), None)
        return setting or next((p for k in range(j - 1, first - 1, -1) if (p := ctx.place_at(k))), None)

    def _venue(self, j: int, ctx: Context) -> bool:
        """ "at the presidential palace", "in her office": a venue named without its city."""
        doc = ctx.doc
        if doc[j].lower_ not in self.w.venues or j in ctx.span_of or doc[j].pos_ not in ("NOUN", "PROPN"):
            return False
        k = j - 1
        while k >= 0 and k > j - 5 and doc[k].lower_ not in PLACE_PREPOSITIONS:
            if not self._npish(doc[k], ctx) or ctx.place_at(k) is not None:
                return False  # "at Veridian's headquarters", not "at the Tokyo office"
            k -= 1
        return k >= 0 and doc[k].lower_ in PLACE_PREPOSITIONS

    def _place_here(self, j: int, ctx: Context) -> Ref | None:
        """The place whose name starts at token j, if the words before make it a
        setting: "in Oslo", "at the Kremlin", "in the border city of Artigas",
        "in the Kenyan capital, Nairobi", "planned for Quito"."""
        doc = ctx.doc
        span = ctx.span_of.get(j)
        if span is None or span[0] != j:
            return None
        place = ctx.place_at(j)
        if place is None:
            return None
        k = j - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 0:
            return None
        before = doc[k].lower_
        if before in PLACE_PREPOSITIONS:
            return place
        if before in ("of", ",") and k >= 1 and doc[k - 1].lower_ in self.w.place_heads:
            return place
        if before in self.w.place_heads and any(doc[x].lower_ in PLACE_PREPOSITIONS for x in range(max(0, k - 4), k)):
            return place  # "in the capital Nairobi"
        if before == "for" and k >= 1 and doc[k - 1].lower_ in ("planned", "scheduled", "set", "slated"):
            return place
        if before in self.w.destination_objects or (before == "to" and self._travelling(k - 1, ctx)):
            return place  # "will travel to Ottawa for talks", "is to visit Jakarta"
        return None

    def _travelling(self, k: int, ctx: Context) -> bool:
        """A verb of travel ends at token k, adverbs skipped ("flew back to", "travel later to")."""
        doc = ctx.doc
        while k >= 0 and doc[k].pos_ == "ADV" and doc[k].lower_ not in self.w.travel_verbs:
            k -= 1
        return k >= 0 and doc[k].lower_ in self.w.travel_verbs

    def _sidelines(self, m: Mention, ctx: Context) -> Token | None:
        """ "On the sidelines of the summit, X met Y": the summit noun."""
        doc = ctx.doc
        lo, hi = ctx.sentence(m.trigger.i)
        for j in range(lo, hi - 1):
            if doc[j].lower_ in SIDELINES and doc[j + 1].lower_ == "of":
                for k in range(j + 2, min(j + 7, hi)):
                    if self._noun_kind(doc[k]) and k != m.trigger.i:
                        return doc[k]
        return None

    # ----------------------------------------------------------- groups

    def _resolve_groups(self, m: Mention, records: list[Record], ctx: Context) -> None:
        parties = m.refs + m.others
        if m.again and len(parties) == 1 and not m.groups:
            # "X met Y ... and agreed to meet again": X's partners of the last meeting
            earlier = next((r for r in reversed(records) if parties[0].key in r.keys), None)
            if earlier is not None:
                m.refs += [r for r in earlier.refs if r.key != parties[0].key]
        for g in m.groups:
            have = {r.key for r in m.refs + m.others}
            if g.pronoun and len(have) >= 2:
                continue  # "X and Y ... in their first meeting"
            refs = self._look_ahead(g, m, ctx, have) if g.owned else []
            m.soft = m.soft or bool(refs)
            if not refs and g.definite:
                refs = self._previous_parties(g, records, have)
            if not refs and not g.pronoun and (g.definite or not have):  # not "X met with officials", "they met"
                refs = self._look_ahead(g, m, ctx, have)
                m.soft = m.soft or bool(refs)
            target = m.others if (m.refs and g.token.i > m.trigger.i) else m.refs
            target += [r for r in refs if r.key not in have]

    @staticmethod
    def _previous_parties(g: Group, records: list[Record], have: set[str]) -> list[Ref]:
        if g.pronoun and have:  # "she would sit down with *them* again": the others of her last meeting
            candidates = [r for r in reversed(records) if have & r.keys and len(r.keys - have) >= 1]
        else:
            candidates = [r for r in reversed(records) if len([x for x in r.refs if x.key not in have]) >= 2]
        if g.count:
            exact = [r for r in candidates if len(r.refs) == g.count]
            candidates = exact or candidates
        if g.token.lower_ in NEGOTIATING_SIDES:  # "both sides": the parties of the talks
            candidates = [r for r in candidates if r.kind == "talks"] or candidates
        return [x for x in candidates[0].refs if x.key not in have] if candidates else []

    @staticmethod
    def _look_ahead(g: Group, m: Mention, ctx: Context, have: set[str]) -> list[Ref]:
        """People named right after a group ("their chief executives" ... "X and Y")."""
        s = ctx.sent_index(m.trigger.i)
        end = ctx.sents[min(s + 1, len(ctx.sents) - 1)][1]
        refs: list[Ref] = []
        for start, ent in ctx.persons:
            if m.trigger.i < start < end and ent.id not in have and ent.id not in {r.entity for r in refs}:
                refs.append(Ref(ent.name, ent.id))
        return refs[: g.count or 2] if len(refs) >= 2 else []

    # ----------------------------------------------------------- records

    def _place(self, m: Mention, records: list[Record], ctx: Context) -> None:
        if not (m.refs or m.others):
            self._place_anaphoric(m, records, ctx)
        elif m.separately and m.others:
            for other in m.others:
                self._merge_or_add(replace(m, refs=m.refs + [other], others=[]), records, ctx)
        else:
            refs = m.refs + [r for r in m.others if r.key not in {x.key for x in m.refs}]
            self._merge_or_add(replace(m, refs=refs, others=[]), records, ctx)

    def _place_anaphoric(self, m: Mention, records: list[Record], ctx: Context) -> None:
        """ "the talks", "another round", "negotiations on Saturday": earlier parties."""
        if m.restaged:
            if records and records[-1].triggers[-1] >= ctx.sents[max(0, ctx.sent_index(m.trigger.i) - 1)][0]:
                r = records[-1]
                if m.status == "planned" and m.when is not None:
                    r.status, r.when = "planned", m.when  # the new date
                r.where = r.where or m.where
                r.triggers.append(m.trigger.i)
            return
        family = [r for r in records if (r.kind == "talks" if m.instalment else FAMILY[r.kind] == FAMILY[m.kind])]
        family = [r for r in family if r.kind == m.kind] or family
        if not family:
            return
        if m.when is not None:
            for r in reversed(family):
                if r.when is not None and compatible_dates(r.when, m.when):
                    self._absorb(r, m, anaphoric=True)
                    return
        if m.definite and not m.again and m.status == "planned" and family[-1].status == "happened":
            # "the talks would continue next week in Taipei": another session, ahead
            self._add(replace(m, refs=list(family[-1].refs)), records, ctx)
        elif m.definite and not m.again:  # "the talks": the ones already reported
            self._absorb(family[-1], m, anaphoric=True)
        elif m.when is not None or m.where is not None or m.status != "happened" or m.again:
            self._add(replace(m, refs=list(family[-1].refs)), records, ctx)
        elif m.instalment:
            self._absorb(family[-1], m, anaphoric=True)

    def _merge_or_add(self, m: Mention, records: list[Record], ctx: Context) -> None:
        keys = frozenset(r.key for r in m.refs)

        def anchored(r: Record) -> bool:
            """Guessed parties merge only with the same kind on a stated date or place."""
            dated = r.when is not None and m.when is not None
            placed = r.where is not None and m.where is not None
            return r.kind == m.kind and (dated or placed)

        for r in reversed(records):
            if (
                (r.keys == keys or ((r.soft or m.soft) and anchored(r)))
                and not m.again
                and FAMILY[r.kind] == FAMILY[m.kind]
                and r.status == m.status
                and compatible_dates(r.when, m.when)
                and (r.where is None or m.where is None or r.where.key == m.where.key)
            ):
                if r.soft and not m.soft:
                    r.refs, r.soft = list(m.refs), False
                self._absorb(r, m, anaphoric=False)
                return
        self._add(m, records, ctx)

    @staticmethod
    def _absorb(r: Record, m: Mention, anaphoric: bool) -> None:
        if not anaphoric or m.when is not None:
            r.when = merged_date(r.when, m.when)
        r.where = r.where or m.where
        r.sideline = r.sideline or m.sideline
        if m.status == "cancelled":
            r.status = "cancelled"
        if m.kind == "summit" or (r.kind == "meeting" and m.kind == "talks" and not anaphoric):
            r.kind = m.kind
        r.triggers.append(m.trigger.i)

    @staticmethod
    def _add(m: Mention, records: list[Record], ctx: Context) -> None:
        lo, hi = ctx.sentence(m.trigger.i)
        start = ctx.doc[lo].idx
        text = ctx.text[start:ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1].text)]
        start += len(text) - len(text.lstrip())
        records.append(Record(
            refs=list(m.refs), kind=m.kind, status=m.status, soft=m.soft, when=m.when, where=m.where,
            sideline=m.sideline, evidence=(start, start + len(text.strip())), trigger=m.trigger.text,
            triggers=[m.trigger.i],
        ))

    @staticmethod
    def _fact(r: Record, records: list[Record], ctx: Context) -> Meeting:
        where = r.where
        if where is None and r.sideline is not None:
            host = next((x for x in records if r.sideline.i in x.triggers), None)
            where = host.where if host is not None else None
        if r.kind == "call":
            where = None
        return Meeting(
            participants=[Party(x.name, x.entity) for x in r.refs],
            kind=r.kind,
            status=r.status,
            evidence_start=r.evidence[0],
            evidence_end=r.evidence[1],
            date=r.when.value if r.when else None,
            date_text=r.when.text if r.when else None,
            location=where.name if where else None,
            location_entity=where.entity if where else None,
            trigger=r.trigger,
        )

    # ----------------------------------------------------------- lead date

    @staticmethod
    def _paragraph_starts(text: str) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]

    def _lead_date(self, ctx: Context) -> When | None:
        """The last past day-date of the first paragraph, outside the dateline.

        A news lead gives the "when"; the next paragraph often describes the
        same meeting without repeating it ("X met Y for two hours in Z").
        """
        starts = self._paragraph_starts(ctx.text)
        first_end = starts[1] if len(starts) > 1 else len(ctx.text)
        best = None
        for d in ctx.dates:
            if d.start < first_end and d.granularity == "day" and (ctx.reference is None or d.value <= ctx.reference):
                best = d
        return When(best.value, best.value, source_text(ctx.doc)[best.start:best.end]) if best else None

    def _follows_lead(self, m: Mention, ctx: Context) -> bool:
        """The trigger is in the first sentence of the second paragraph."""
        starts = self._paragraph_starts(ctx.text)
        s = ctx.sent_index(m.trigger.i)
        if len(starts) < 2 or s == 0:
            return False
        char = [ctx.doc[ctx.sents[x][0]].idx for x in (s - 1, s)]
        nxt = starts[2] if len(starts) > 2 else len(ctx.text) + 1
        return char[0] < starts[1] <= char[1] < nxt


@Language.factory("extractor_meetings")
def make_meetings(nlp: Language, name: str) -> MeetingFinder:
    return MeetingFinder(nlp)
