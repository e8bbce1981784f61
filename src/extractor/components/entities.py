"""Entities: one record per real-world referent, built from the NER mentions.

Runs after the model's NER and the gazetteer. Three steps, all rules read from
word lists in ``extractor/data``:

1. Spans. The model's spans of our labels, grown to whole names where it cut them
   short ("Transboundary Water" + "Council", "Tomasz" + "Wrzosek", "da Silva"), and
   overridden by names found by their form where it missed or mislabelled them: the
   dateline credit "(Reuters)", a name after a title ("Water Secretary Andrés
   Quishpe"), "X Turbines", "Ministry of X", "Gulf of X", "the island of X",
   "X province", "the X and Y regions", "news agency X", "X, the company ...", a name
   in a list of people, a name that is the subject of a speech verb ("Karl Weber
   said"), and acronyms defined in parentheses ("... Council (TWC)") with their
   later uses. Names grow over "of"/"and"/"for the", hyphens and particles
   ("Rail and Signal Workers’ Association", "Santa Cruz de la Sierra", "al-Sisi").
2. Mentions. Each span is cleaned into a name: titles, "the", possessive 's and
   lower-case generic heads ("dam", "province") move out, all-caps dateline forms
   get normal case. Junk is dropped (pronouns, dates, lone titles, events,
   currencies, works of art in quotation marks, capitalised sentence openers). The
   type is corrected where the form or context is plain: "X Airlines" is ORG, "X River"
   LOC, a place in the dateline GPE, "the Kremlin" no person, "Ana Rojo"/ORG beside a
   person or with a title in apposition a person, a person-like ORG name that a
   following "he"/"she" refers to a person, "Roche" listed with an organisation
   an organisation, "North American" no place; roles after a name ("a Michigan
   Democrat") are cut.
3. Grouping. Mentions of one referent join: equal names (ignoring case, dots and
   diacritics), a bare surname with the most recent person of that surname (a bare
   name after "in"/"to" stays the place: "Paris said" vs "a dealer in Paris"),
   acronyms defined in the text or matching a name's initials, short company names
   ("Havbrise" for "Havbrise Energi"), well-known abbreviations ("U.S." -> "United
   States") and second names after "known as". The record's name is the fullest
   form, its type the majority label of that form's mentions; role words before or
   in apposition to a person become its ``titles``.

Token attributes are read once per document into ``Tokens`` (the rules scan the
tokens many times; a spaCy Token object per look-up is what costs).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import IDX, LEMMA, ORTH, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .. import wordlists
from ..facts import Entity, source_text
from ..syntax import Syntax, scheme_for
from .gazetteer import country_of_demonym, gazetteer_data

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Prepositions after which a bare name is a place, not a person ("in Kerala"; not "to Putin").
IN_PLACE = frozenset({"in", "near", "outside", "inside", "across", "throughout", "within"})
DETERMINERS = frozenset({"the", "a", "an"})
# Words inside names that are not initials ("Bank of England" -> BoE/BE).
INITIAL_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "&", "on", "in", "at"})
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")
STOP_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PART", "PUNCT"})
CURLY_QUOTED = re.compile(r"“([^“”\n]{1,80})”")
STRAIGHT_QUOTE = re.compile(r'"')
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "of", "in", "on", "at", "to", "for", "with", "or"})
NAME_PARTICLES = frozenset({
    "da", "de", "du", "des", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "ter", "bin", "ibn",
    "al", "el", "le", "la",
})
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "INTJ"})
NOT_NAME_POS = frozenset({"ADP", "ADV", "DET", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"})
# Pronouns only a person takes: an organisation is never "he".
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})
CUE_KNOWN_AS = (("known", "as"), ("also", "called"), ("called",), ("aka",))
# "VIENNA, Oct 14 (Reuters) -", "Dakar (AFP) -", "Tokyo, March 3, 2024 —", "MOSCOW (Realist English)."
DATELINE = re.compile(
    r"[\s\ufeff]*(?P<place>[^()\n—–]*?)\s*(?:\((?P<credit>[^()\n]{1,40})\)\s*)?(?P<sep>[—–:]|--?(?=\s)|\.(?=\s))"
)
# "R-Wyo.", "D-Calif.": a US politician's party and state, not a name.
PARTY_STATE = re.compile(r"^[RDI]-[A-Z][a-z]{1,5}\.?$")


NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")
SPACES = re.compile(r"\s+")
LEADING_THE = re.compile(r"^the ")
LEADING_THE_ANY_CASE = re.compile(r"^the ", re.I)


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Matching key: no diacritics, case, punctuation or leading "the" (like the scorer).
    Cached: the same names come back in every article."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    s = NOT_WORD_OR_SPACE.sub("", s)
    s = SPACES.sub(" ", s).strip()
    return LEADING_THE.sub("", s)


@functools.lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Case-insensitive identity used for "case variants are not aliases"."""
    return SPACES.sub(" ", text).casefold().replace("’", "'")


def _normal_case(text: str) -> str:
    """"NOVA SCOTIA" -> "Nova Scotia", "CLUJ-NAPOCA" -> "Cluj-Napoca"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), text.lower())


def _family(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


@dataclass
class Tokens:
    """Per-document token attributes read once from the doc's arrays: cheaper than a
    Token object for every look-up in the rules' many scans."""

    doc: Doc
    text: str  # the source text (same offsets as doc.text)
    words: list[str]
    lower: list[str]
    idx: list[int]
    spaced: list[int]  # 1 where whitespace follows the token

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens [start, end) as the article writes it."""
        if end <= start:
            return ""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.words[end - 1])]


@dataclass
class Mention:
    """One cleaned NER span."""

    start: int  # token range of the mention (titles and "the" excluded, generic head included)
    end: int
    name_end: int  # end of the name proper (before a lower-case generic head)
    label: str
    name: str  # the name as the article writes it (normal case for all-caps forms)
    key: str
    from_caps: bool = False  # name was re-cased from an all-caps form
    person_cue: bool = False  # preceded by a title or subject of a speech verb
    titles: list[str] = field(default_factory=list)
    country: str | None = None
    forced: bool = False  # label set by a sure rule (dateline credit or place, "the X"): it decides the type
    in_dateline: bool = False
    by_form: bool = False  # a place by its form ("Zarumilla River"): as a group's fullest form, it sets the type

    n_tokens: int = field(init=False)
    key_words: list[str] = field(init=False)  # the key's words, split once

    def __post_init__(self) -> None:
        self.n_tokens = len(self.name.split())
        self.key_words = self.key.split()


@dataclass
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
            self._family = _family(self.label)
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
        if len(self.mentions) == 1:  # most groups: no vote to hold
            return self.mentions[0].label
        best = self.best_mention()
        if best.by_form:
            return best.label
        forced = next((m.label for m in self.mentions if m.forced), None)
        if forced:
            return forced
        for voters in ([m for m in self.mentions if m.key == best.key], self.mentions):
            votes = Counter(m.label for m in voters).most_common()
            if len(votes) == 1 or votes[0][1] > votes[1][1]:
                return votes[0][0]
        return self.mentions[0].label

    def best_mention(self) -> Mention:
        if self._best is None:
            self._best = max(
                self.mentions,
                key=lambda m: (not m.from_caps, not ACRONYM.match(m.name), m.n_tokens, len(m.name)),
            )
        return self._best

    def last_before(self, token_i: int) -> int:
        """Start of this group's latest mention before a token (-1 if none)."""
        return max((m.start for m in self.mentions if m.start < token_i), default=-1)


class EntityLinker:
    """Builds facts.Entity records from doc.ents (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.syntax = Syntax(scheme_for(nlp))
        self._strings: dict[int, str] = {}  # string id -> token text (see _read_tokens)
        self._tokens: Tokens | None = None  # the current document's (see __call__)
        self._head_appositions: dict[int, list[Token]] = {}  # per document: token index -> its appositions
        titles = wordlists.titles()
        self.honorifics = frozenset(t for t, honorific in titles.items() if honorific)
        self.title_words = frozenset(t for t in titles if " " not in t)
        self.title_phrases = frozenset(tuple(t.split()) for t in titles if " " in t)
        self.title_ends = self.title_words | frozenset(p[-1] for p in self.title_phrases)
        self.phrases_ending: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.title_phrases, key=len, reverse=True):
            self.phrases_ending.setdefault(phrase[-1], []).append(phrase)
        self.title_modifiers = frozenset(t.lower() for t in wordlists.lines("title_modifiers.txt"))
        self.junk = frozenset(t.lower() for t in wordlists.lines("entity_junk.txt"))
        self.non_entity_heads = frozenset(t.lower() for t in wordlists.lines("non_entity_heads.txt"))
        self.currencies = frozenset(t.lower() for t in wordlists.lines("currencies.txt"))
        self.person_verbs = frozenset(t.lower() for t in wordlists.lines("person_verbs.txt"))
        self.person_verb_ids = frozenset(hash_string(v) for v in self.person_verbs)  # lemma ids, for a quick scan
        org_words = wordlists.by_mark("org_heads.txt", ">")
        self.org_heads = frozenset(org_words[""])
        places = gazetteer_data()  # loaded here, not on the first document
        self.known_places = places.gpe
        self.known_regions = frozenset(n for n in places.features | places.loc if " " in n)  # "Gaza Strip"
        self.org_openers = frozenset(org_words[">"])
        marked = wordlists.by_mark("place_heads.txt", "<+^")
        heads = marked[""]
        self.place_heads = frozenset(h for h in heads if h[0].isupper())
        self.place_nouns_of = frozenset(marked["<"])
        self.plural_heads = frozenset(marked["+"])
        self.leading_place_heads = frozenset(marked["^"])  # "River Thames"
        self.generic_first = frozenset(h.split()[0] for h in heads if h[0].islower())
        self.generic_heads: dict[str, list[tuple[str, ...]]] = {}
        for head in sorted((tuple(h.split()) for h in heads if h[0].islower()), key=len, reverse=True):
            self.generic_heads.setdefault(head[0], []).append(head)
        descriptors = [t.lower() for t in wordlists.lines("org_descriptors.txt")]
        self.org_descriptors = frozenset(t.lstrip("~") for t in descriptors)
        self.role_descriptors = frozenset(t[1:] for t in descriptors if t.startswith("~"))  # "producer"
        self.org_generic_words = frozenset(wordlists.lines("org_generic_words.txt"))
        self.place_prepositions = frozenset(t.lower() for t in wordlists.lines("place_prepositions.txt"))
        self.abbreviation_names = frozenset(line.partition("=")[2].strip() for line in wordlists.lines("abbreviations.txt"))
        self.abbreviations: dict[str, str] = {}  # matching key -> full name
        self.abbreviation_forms: dict[str, str] = {}  # the abbreviation as written -> full name
        for line in wordlists.lines("abbreviations.txt"):
            short, _, full = line.partition("=")
            self.abbreviations[norm(short)] = full.strip()
            self.abbreviation_forms[short.strip()] = full.strip()

    # ------------------------------------------------------------------ pipeline

    def __call__(self, doc: Doc) -> Doc:
        text = source_text(doc)  # same offsets as doc.text, without rebuilding the string
        self._tokens = self._read_tokens(doc, text)
        words = self._tokens.words
        self._head_appositions = {}
        dateline = _dateline(text)
        mentions = self._mentions(doc, text, words, dateline)
        groups = self._group(doc, mentions)
        self._add_short_company_names(words, groups)
        self._add_bare_surnames(doc, words, groups)
        self._add_abbreviations(words, groups)
        entities: list[Entity] = []
        index: dict[int, Entity] = {}
        for group in sorted(groups, key=lambda g: min(m.start for m in g.mentions)):
            if self._doubtful_person(doc, group):
                continue
            entity = self._record(doc, group, f"E{len(entities) + 1}")
            entities.append(entity)
            for m in group.mentions:
                for i in range(m.start, m.end):
                    index[i] = entity
        doc._.entities = entities
        doc._.entity_of_token = index
        self._tokens = None  # keep no reference to a finished document
        return doc

    def _tokens_of(self, doc: Doc) -> Tokens:
        """The current document's token attributes (read afresh for any other doc)."""
        tokens = self._tokens
        return tokens if tokens is not None and tokens.doc is doc else self._read_tokens(doc, source_text(doc))

    def _read_tokens(self, doc: Doc, text: str) -> Tokens:
        """The doc's token attributes from its arrays; string ids resolved through a cache."""
        cache = self._strings
        if len(cache) > 200_000:
            cache.clear()
        strings = doc.vocab.strings

        def resolve(ids: list[int]) -> list[str]:
            out = []
            for h in ids:
                word = cache.get(h)
                if word is None:
                    word = cache[h] = strings[h]
                out.append(word)
            return out

        orth, idx, spaced = doc.to_array([ORTH, IDX, SPACY]).T.tolist() if len(doc) else ([], [], [])
        words = resolve(orth)
        return Tokens(doc, text, words, [w.lower() for w in words], idx, spaced)  # spaCy's LOWER is str.lower

    # ------------------------------------------------------------------ mentions

    def _spans(self, doc: Doc, words: list[str], dateline: re.Match[str] | None) -> list[tuple[Span, bool]]:
        """NER spans of our labels (grown to whole names), overridden by names found by
        rule where the model missed or mislabelled them: a dateline credit "(Reuters)",
        names after titles, organisations and places known by their form, people in
        lists, and acronyms defined in parentheses ("... Council (TWC)") with their uses.
        The flag marks spans whose label is certain (the dateline credit)."""
        spans: list[tuple[Span, bool]] = []
        ents = doc.ents  # built once: each doc.ents call creates new Span objects
        for ent in _join_split_people(doc, ents):
            if ent.label_ in LABELS and (not spans or ent.start >= spans[-1][0].end):
                spans.append((self._whole_name(doc, ent), False))
        tokens = self._tokens
        lower = tokens.lower if tokens is not None and tokens.doc is doc else [w.lower() for w in words]
        found = [(s, True) for s in self._dateline_credit(doc, dateline)]
        found += [(s, False) for s in self._titled_names(doc, lower)]
        found += [(s, False) for s in self._speaking_names(doc, lower)]
        found += [(s, False) for s in self._unlabelled_orgs(doc, words)]
        found += [(s, False) for s in self._unlabelled_places(doc, words)]
        found += [(s, False) for s in self._described_orgs(doc, words)]
        found += [(s, False) for s in self._listed_people(doc, ents)]
        spans = _override(spans, found)
        acronyms = self._defined_acronyms(doc, [s for s, _ in spans], _place_end(dateline))
        return _override(spans, [(s, False) for s in acronyms])

    @staticmethod
    def _dateline_credit(doc: Doc, match: re.Match[str] | None) -> list[Span]:
        """The agency credit of a dateline, "(Reuters)", as an ORG span."""
        if match is None or not match.group("credit") or any(c.isdigit() for c in match.group("credit")):
            return []
        span = doc.char_span(match.start("credit"), match.end("credit"), label="ORG")
        return [span] if span is not None else []

    def _unlabelled_orgs(self, doc: Doc, words: list[str]) -> list[Span]:
        """Capitalised names the model missed that are organisations by their form:
        "Vestholm Turbines", "Central European Infrastructure Bank", "Ministry of Climate"."""
        found: list[Span] = []
        last_end = 0
        for h, word in enumerate(words):
            if h < last_end or (word not in self.org_heads and word not in self.org_openers) or doc[h].ent_type_ and not (
                doc[h].ent_iob_ == "B" and (h + 1 == len(doc) or doc[h + 1].ent_iob_ != "I")  # "Chamber" alone
                and word in self.org_heads and h > 0 and not doc[h - 1].ent_type_
            ):
                continue
            if word in self.org_openers and h + 2 < len(doc) and words[h + 1] in ("of", "for"):
                tail = self._opener_tail(doc, words, h + 2)
                if tail > h + 2:
                    found.append(Span(doc, h, tail, label="ORG"))
                    last_end = tail
                    continue
            if word not in self.org_heads or h + 1 < len(doc) and (
                self._loose_name_word(doc[h + 1])
                or doc[h + 1].lower_ in self.title_ends and word.lower() in self.title_modifiers  # "Energy Minister"
            ):
                continue
            start = self._org_start(doc, words, h)
            before = doc[start - 1] if start > 0 else None
            if start < h and not (before is not None and before.ent_type_ and before.whitespace_ and before.is_alpha) \
                    and not (start > 1 and words[start - 1] in ("and", "&") and doc[start - 2].ent_type_ == "ORG"):
                while found and found[-1].start >= start:
                    found.pop()  # "Barge Owners" inside "Barge Owners’ Chamber"
                found.append(Span(doc, start, h + 1, label="ORG"))  # else the model's span grows over it
                last_end = h + 1
        return found

    @staticmethod
    def _opener_tail(doc: Doc, words: list[str], first: int) -> int:
        """End of the name after "Ministry of": capitalised words, a demonym before
        another one, and "and"/"of" between them ("Federation of Indian Chambers of
        Commerce and Industry"); a place ends it ("Ministry of Health of Kenya")."""

        def word(i: int) -> bool:
            t = doc[i]
            return t.is_alpha and words[i][0].isupper() and (
                t.ent_type_ not in ("GPE", "NORP")
                or t.ent_type_ == "NORP" and i + 1 < len(doc) and doc[i + 1].is_alpha and words[i + 1][0].isupper()
            )

        tail = first
        while tail < len(doc):
            if word(tail):
                tail += 1
            elif tail > first and words[tail] in ("and", "&", "of") and tail + 1 < len(doc) and word(tail + 1):
                tail += 2
            else:
                break
        return tail

    def _org_start(self, doc: Doc, words: list[str], h: int) -> int:
        """Where an organisation name ending in head word h starts. It runs over "and"
        ("Gem and Jewellery Export Council") and over "of" after a place or institution
        word ("Gulf of Guinea Grid Company"); where an acronym in parentheses follows, over
        what it spells ("Rail and Signal Workers’ Association (RSWA)")."""
        starts = []
        start = h
        while start > 0:
            if self._org_word_before(doc[start - 1]):
                start -= 1
            elif start > 1 and words[start - 1] in ("'", "’") and not doc[start - 2].whitespace_ \
                    and doc[start - 2].is_alpha and words[start - 2][0].isupper() \
                    and doc[start - 2].ent_type_ in ("", "NORP"):
                start -= 2  # "Regional Aviators’ Union"
            elif start > 1 and start < h and words[start - 1] in ("of", "and", "&") \
                    and self._org_word_before(doc[start - 2]) \
                    and not (words[start - 1] != "of" and words[start - 2] in self.org_heads):  # two companies
                starts.append(start)
                start -= 2
            else:
                break
        starts.append(start)
        acronym = words[h + 2] if h + 3 < len(words) and words[h + 1] == "(" and words[h + 3] == ")" else ""
        if ACRONYM.match(acronym):
            letters = norm(acronym).replace(" ", "")
            for candidate in starts:
                if _initials(self._text(doc, candidate, h + 1)) == letters:
                    return candidate
        chosen = starts[0]
        for candidate in starts[1:]:
            if words[chosen - 1] == "of" and words[chosen - 2] not in self.place_heads \
                    and words[chosen - 2] not in self.org_openers:
                break  # "Smith of Acme Energy"
            chosen = candidate
        return chosen

    def _unlabelled_places(self, doc: Doc, words: list[str]) -> list[Span]:
        """Places by their form: "El Oro province", "Gulf of Riga", "the island of Saaremaa"."""
        found: list[Span] = []
        for i, word in enumerate(words):
            if word in self.plural_heads and i > 0:
                found += self._coordinated_places(doc, words, i)
            if word in self.place_heads and word != "Mount" and i > 0 and not doc[i].ent_type_ \
                    and not (i + 1 < len(doc) and (words[i + 1] == "of" or words[i + 1][:1].isupper())):
                start = i  # "Etihad" + "Stadium"
                while start > 0 and self._place_word(doc[start - 1]) and not doc[start - 1].ent_type_ \
                        and doc[start - 1].lower_ not in self.title_words:
                    start -= 1
                if start < i:
                    found.append(Span(doc, start, i + 1, label="LOC"))
            if word in self.generic_first and i > 0 and self._generic_head(doc, i) and not doc[i - 1].ent_type_:
                start = i  # "El Oro" + "province"
                while start > 0 and self._place_word(doc[start - 1]) and not doc[start - 1].ent_type_:
                    start -= 1
                if start < i and (words[start] not in ("El", "La", "Le", "Al") or start + 1 < i):
                    found.append(Span(doc, start, i, label="LOC"))
            if word == "-" and 0 < i < len(doc) - 1 and words[i + 1] == "based" and not doc[i - 1].whitespace_ \
                    and not doc[i].whitespace_ and words[i - 1][:1].isupper() and not doc[i - 1].ent_type_:
                start = i - 1  # "the Almada-based club"
                while start > 0 and self._place_word(doc[start - 1]) and not doc[start - 1].ent_type_:
                    start -= 1
                found.append(Span(doc, start, i, label="GPE"))
            if (word in self.place_heads or word in self.place_nouns_of) and i + 2 < len(doc) and words[i + 1] == "of":
                tail = i + 2
                while tail < len(doc) and self._place_word(doc[tail]) and doc[tail].ent_type_ != "NORP":
                    tail += 1
                if tail == i + 2 or tail < len(doc) and doc[tail].ent_iob_ == "I":
                    continue
                if word in self.place_heads and _capitalised(doc[i]) and doc[i].ent_type_ != "PERSON":
                    start = i  # "Democratic" + "Republic of Congo"
                    while start > 0 and self._place_word(doc[start - 1]) and doc[start - 1].ent_type_ != "NORP" \
                            and doc[start - 1].whitespace_:
                        start -= 1
                    found.append(Span(doc, start, tail, label="LOC"))  # "Gulf of Riga", "Bay of Fundy"/PERSON
                elif word in self.place_nouns_of and word.islower() and doc[i + 2].ent_iob_ != "I":
                    found.append(Span(doc, i + 2, tail, label="GPE"))  # "the island of Saaremaa", "of Sulawesi"/PERSON
        return found

    def _coordinated_places(self, doc: Doc, words: list[str], head: int) -> list[Span]:
        """The names before a plural head: "the Osh and Jalal-Abad regions" (unlabelled ones)."""
        def joined(i: int) -> bool:  # "-" inside "Jalal-Abad"
            return i > 0 and words[i] == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_

        names: list[tuple[int, int]] = []
        end = head
        while end > 0:
            start = end
            while start > 0 and (
                self._place_word(doc[start - 1]) or joined(start - 1) and start < end
                or doc[start - 1].is_alpha and words[start - 1][0].isupper() and joined(start - 2)
            ):
                start -= 1
            if start == end or words[start] == "-":
                break
            names.append((start, end))
            if start > 1 and words[start - 1] in ("and", "or", ","):
                end = start - 1
            else:
                break
        if len(names) < 2 and not (names and doc[names[0][0]].pos_ == "PROPN"):
            return []  # "the Alpine regions"
        return [Span(doc, a, b, label="LOC") for a, b in reversed(names)
                if not any(t.ent_type_ for t in doc[a:b]) and doc[a].ent_type_ != "NORP"]

    @staticmethod
    def _place_word(token: Token) -> bool:
        return token.is_alpha and token.text[0].isupper() and not _opens_sentence(token) \
            or token.text in ("El", "La", "Le", "Al", "Los", "Las")

    def _described_orgs(self, doc: Doc, words: list[str]) -> list[Span]:
        """Unlabelled names that a descriptor calls an organisation:
        "news agency TASS", "Flemnor Power, the company building the cable"."""
        found: list[Span] = []
        for i, word in enumerate(words):
            if word in self.org_descriptors and i + 1 < len(doc):  # lower case: "agency", not "Agency"
                end = i + 1
                while end < len(doc) and end - i <= 4 and self._loose_name_word(doc[end]) and doc[end].pos_ == "PROPN":
                    end += 1
                if end > i + 1 and (end == len(doc) or not doc[end].ent_type_):
                    found.append(Span(doc, i + 1, end, label="ORG"))
            elif word == "," and i > 1 and self._descriptor_after(doc, i):
                start = i
                while start > 0 and i - start < 4 and self._loose_name_word(doc[start - 1]):
                    start -= 1
                if start < i and doc[start].pos_ in ("PROPN", "") and (
                        i - start > 1 or not _opens_sentence(doc[start])) and not (
                        start > 0 and doc[start - 1].ent_type_ and doc[start - 1].whitespace_):
                    found.append(Span(doc, start, i, label="ORG"))
        return found

    def _listed_people(self, doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
        """An unlabelled two- or three-word name in a list of people:
        "Kaspar Lill, Ilze Vītoliņa and Rokas Dapkevičius"."""
        found: list[Span] = []

        def proper(t: Token) -> bool:
            return self._loose_name_word(t) and t.pos_ in ("PROPN", "")

        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            if ent.end + 3 <= len(doc) and doc[ent.end].text in (",", "and"):  # PERSON, Name Name
                end = ent.end + 1
                while end < len(doc) and end - ent.end <= 3 and proper(doc[end]):
                    end += 1
                if end - ent.end - 1 in (2, 3) and (end == len(doc) or not proper(doc[end])):
                    found.append(Span(doc, ent.end + 1, end, label="PERSON"))
            if ent.start >= 3 and doc[ent.start - 1].text in (",", "and"):  # Name Name, PERSON
                start = ent.start - 1
                while start > 0 and ent.start - 1 - start < 3 and proper(doc[start - 1]):
                    start -= 1
                if ent.start - 1 - start in (2, 3) and (start == 0 or not proper(doc[start - 1])):
                    found.append(Span(doc, start, ent.start - 1, label="PERSON"))
        return sorted(set(found), key=lambda sp: sp.start)

    def _org_word_before(self, token: Token) -> bool:
        return (
            token.is_alpha and token.text[0].isupper() and bool(token.whitespace_) and "\n" not in token.whitespace_
            and token.ent_type_ in ("", "NORP") and token.lower_ not in DETERMINERS
            and token.lower_ not in self.title_words and token.lower_ not in self.junk
            and (token.pos_ in ("PROPN", "NOUN", "ADJ", "") or token.ent_type_ == "NORP" or not _opens_sentence(token))
        )

    def _whole_name(self, doc: Doc, span: Span) -> Span:
        """A span grown over name words the model left out: "Tomasz" + "Wrzosek",
        "Transboundary Water" + "Council", "United" + "States"."""
        if span.label_ == "NORP":
            return span
        if span.label_ != "PERSON":
            end = span.end
            while end < len(doc) and end - span.start < 8:
                t = doc[end]
                if (self._loose_name_word(t) or t.text in self.org_heads and not t.ent_type_ and not _opens_sentence(t)) \
                        and "\n" not in doc[end - 1].whitespace_ and doc[end - 1].whitespace_ \
                        and not (end + 1 < len(doc) and self._title_at(doc, end + 1)):  # not "U.S." + "Transportation" Secretary
                    end += 1
                elif _hyphen_joins(doc, end):  # "Cluj" + "-Napoca"
                    end += 2
                elif doc[end - 1].text == "-" and end - 1 > span.start and not doc[end - 1].whitespace_ \
                        and not doc[end - 2].whitespace_ and t.is_alpha and t.text[0].isupper():
                    end += 1  # the model's "Timor-" + "Leste"
                elif (  # "Terminaux Atlantiques" + "du Sénégal", "Santa Cruz" + "do Sul"
                    span.label_ != "NORP" and t.text in NAME_PARTICLES and t.text not in ("al", "el", "la", "le")
                    and end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end + 1].text[0].isupper()
                    and doc[end + 1].ent_type_ in ("", "GPE") and (end + 2 == len(doc) or doc[end + 2].ent_iob_ != "I")
                ):
                    end += 2
                elif (  # "Sharm" + "el-Sheikh"
                    t.text in NAME_PARTICLES and end + 2 < len(doc) and doc[end + 1].text == "-"
                    and not t.whitespace_ and not doc[end + 1].whitespace_ and doc[end + 2].is_alpha
                    and doc[end + 2].text[0].isupper() and doc[end - 1].whitespace_
                ):
                    end += 3
                elif (  # "Santa Cruz" + "de la Sierra"
                    t.text in NAME_PARTICLES and end + 2 < len(doc) and doc[end + 1].text in ("la", "las", "los", "el")
                    and doc[end + 2].is_alpha and doc[end + 2].text[0].isupper() and not doc[end + 2].ent_type_
                ):
                    end += 3
                elif t.lower_ == "for" and span.label_ == "ORG" and end + 2 < len(doc) and doc[end + 1].lower_ == "the" \
                        and self._org_name_word(doc[end + 2]):
                    end += 3  # "Royal Society" + "for the Protection" (+ "of Birds")
                elif t.text in ("and", "&") and span.label_ == "ORG" and doc[end - 1].text not in self.org_heads \
                        and self._org_continues(doc, end + 1):  # not "Zenith Holdings" + "and Dangote Cement"
                    end = self._org_continues(doc, end + 1)  # "Senate Energy" + "and Natural Resources Committee"
                elif (  # "Serum Institute" + "of India", "Central Bank" + "of Nigeria"
                    span.label_ == "ORG" and t.lower_ == "of" and doc[end - 1].text in self.org_openers
                    and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "B" and doc[end + 1].ent_type_ == "GPE"
                ):
                    end += 2
                    while end < len(doc) and doc[end].ent_iob_ == "I":
                        end += 1
                elif (  # "Atlantic Marine Workers' Guild", "Union of Port Workers", "Institute of Tropical Medicine"
                    end + 1 < len(doc) and (span.label_ == "ORG" or doc[end + 1].text in self.org_heads)  # LOC + "' Guild"
                    and self._org_name_word(doc[end + 1])
                    and (t.text in ("'", "’") and not doc[end - 1].whitespace_ or t.lower_ == "of")
                ):
                    end += 2
                else:
                    break
            return span if end == span.end else Span(doc, span.start, end, label=span.label_)
        start, end = span.start, span.end
        while start > 0 and span.end - start < 4 and self._loose_name_word(doc[start - 1]) \
                and "\n" not in doc[start - 1].whitespace_ and doc[start - 1].whitespace_:
            start -= 1
        while end < len(doc) and end - start < 5:
            if _hyphen_joins(doc, end):  # "Kofi Asante" + "-Mensah"
                end += 2
                continue
            if "\n" in doc[end - 1].whitespace_ or not doc[end - 1].whitespace_:
                break
            if self._loose_name_word(doc[end]):
                end += 1
            elif doc[end].text in NAME_PARTICLES and end + 2 < len(doc) and doc[end + 1].text in NAME_PARTICLES \
                    and (self._loose_name_word(doc[end + 2]) or doc[end + 2].ent_type_ == "PERSON"):
                end += 3  # "Ursula" + "von der Leyen"
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
            elif doc[end].text in NAME_PARTICLES and end + 1 < len(doc) and (
                self._loose_name_word(doc[end + 1])
                or doc[end + 1].ent_type_ == "GPE" and (end + 2 == len(doc) or doc[end + 2].ent_iob_ != "I")
            ):
                end += 2  # "Lula" + "da Silva", "Terminaux Atlantiques" + "du Sénégal"
            elif doc[end].text in NAME_PARTICLES and end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" \
                    and doc[end + 1].ent_iob_ == "B":
                end = next(e.end for e in doc.ents if e.start == end + 1)  # "Lula"/PERSON da "Silva"/PERSON
            else:
                break
        if end + 1 < len(doc) and doc[end].text == "&" and doc[end + 1].text[:1].isupper():
            return Span(doc, start, end + 2, label="ORG")  # "JPMorgan Chase" + "& Co.": no person's name has "&"
        return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label="PERSON")

    def _org_continues(self, doc: Doc, i: int) -> int:
        """End of a run of name words from token i that ends in an organisation head, else 0."""
        end = i
        while end < len(doc) and end - i < 5 and self._org_name_word(doc[end]):
            end += 1
        return end if end > i and doc[end - 1].text in self.org_heads else 0

    def _org_name_word(self, token: Token) -> bool:
        """A word continuing an organisation's name after "of" or "Workers'": a loose
        name word, an organisation head ("Union") or a capitalised adjective ("Tropical")."""
        return self._loose_name_word(token) or (
            not token.ent_type_ and token.is_alpha and token.text[0].isupper() and not _opens_sentence(token)
            and (token.text in self.org_heads or token.pos_ == "ADJ" and token.i + 1 < len(token.doc)
                 and token.nbor(1).is_alpha and token.nbor(1).text[0].isupper())
        )

    def _loose_name_word(self, token: Token) -> bool:
        """An unlabelled capitalised proper noun that is no title, date or function word."""
        return (
            not token.ent_type_ and token.pos_ in ("PROPN", "NOUN", "") and token.is_alpha and token.text[0].isupper()
            and token.lower_ not in self.title_words and token.lower_ not in self.title_modifiers
            and token.lower_ not in self.junk and not _opens_sentence(token)
        )

    def _titled_names(self, doc: Doc, lower: list[str]) -> list[Span]:
        """Names right after a title word that the model missed or cut short:
        "Water Secretary Andrés Quishpe", "chief executive Mette" + "Vindeløv"/PERSON."""
        found: list[Span] = []
        for i, word in enumerate(lower):
            if word not in self.title_ends or doc[i].pos_ in STOP_POS or self._title_at(doc, i) is None:
                continue  # "to head Indonesia's ministry" is no title
            end = i + 1
            while end < len(doc) and end - i <= 5 and lower[end] not in self.title_words \
                    and lower[end] not in self.title_modifiers \
                    and (self._name_word(doc[end]) or end > i + 1 and _name_particle(doc, end)
                         or doc[end].pos_ == "NOUN" and self._loose_name_word(doc[end])):  # "aide Yury"/NOUN
                end += 1
            while end > i + 1 and (doc[end - 1].text in NAME_PARTICLES or doc[end - 1].text == "-"):
                end -= 1
            while i + 1 < end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
                end += 1  # "Sam" + "Whitely" (tagged ADV): the model's name runs on
            if end == i + 1:
                continue
            names = doc[i + 1 : end]
            labels = {x.ent_type_ for x in names}
            if labels == {"PERSON"} and names[0].ent_iob_ == "B" and (end == len(doc) or doc[end].ent_iob_ != "I"):
                continue  # the model already has exactly this name
            if "NORP" not in labels and not any(x.text in self.org_heads for x in names):
                found.append(Span(doc, i + 1, end, label="PERSON"))  # a title overrules the model's label
        return found

    def _speaking_names(self, doc: Doc, lower: list[str]) -> list[Span]:
        """An unlabelled name of two to four words that is the subject of a speech verb:
        "«…,» Karl Weber said" (only a person speaks with a first name and a surname)."""
        if not doc.has_annotation("DEP"):
            return []
        found: list[Span] = []
        lemmas = doc.to_array(LEMMA).tolist()
        for verb in (doc[i] for i, h in enumerate(lemmas) if h in self.person_verb_ids):  # Token objects for cues only
            if verb.pos_ != "VERB":
                continue
            for subj in self.syntax.subjects(verb):
                if subj.pos_ != "PROPN" or subj.ent_type_:
                    continue
                parts = sorted([subj, *(c for c in subj.children if self.syntax.is_name_part(c))], key=lambda t: t.i)
                start, end = parts[0].i, parts[-1].i + 1
                if not 2 <= end - start <= 4 or end - start != len(parts):
                    continue
                names = doc[start:end]
                if all(self._name_word(t) and not t.ent_type_ and lower[t.i] not in self.title_words for t in names) \
                        and names[-1].text not in self.org_heads and names[-1].text not in self.place_heads \
                        and names.text not in self.known_places:
                    found.append(Span(doc, start, end, label="PERSON"))
        return found

    @staticmethod
    def _name_word(token: Token) -> bool:
        """A word that can continue a personal name after a title ("Jean-Pierre" included)."""
        if token.text == "-" and not token.whitespace_ and token.i + 1 < len(token.doc):
            return token.nbor(1).text[:1].isupper() and not token.nbor(-1).whitespace_
        after_hyphen = token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_
        return token.is_alpha and token.text[0].isupper() and (
            after_hyphen  # "Yves" of "Pierre-Yves", whatever its tag
            or (token.pos_ in ("PROPN", "") or token.is_upper) and not _opens_sentence(token)
        )

    def _defined_acronyms(self, doc: Doc, spans: list[Span], dateline_end: int) -> list[Span]:
        """Acronyms in "(TWC)" right after a multi-word name, and every later bare use;
        after an organisation also a short name that is no acronym ("... Chamber (Canacero)")."""
        words = self._tokens_of(doc).words
        labelled = {i for s in spans for i in range(s.start, s.end)}
        found: list[Span] = []
        for span in spans:
            j = span.end
            if (
                span.label_ in ("ORG", "FAC", "GPE", "LOC") and len(span) > 1 and j + 2 < len(doc)
                and words[j] == "(" and words[j + 2] == ")" and span.start_char >= dateline_end
                and (ACRONYM.match(words[j + 1]) or span.label_ == "ORG" and self._short_name(doc, j + 1))
            ):
                acronym = words[j + 1]
                for i in range(j + 1, len(words)):
                    if words[i] == acronym and i not in labelled:
                        found.append(Span(doc, i, i + 1, label=span.label_))
                        labelled.add(i)
        return found

    def _mentions(self, doc: Doc, text: str, words: list[str], dateline: re.Match[str] | None) -> list[Mention]:
        out: list[Mention] = []
        titles = _quoted_titles(text)
        dateline_end = _place_end(dateline)
        for span, forced in self._spans(doc, words, dateline):
            if span.label_ != "PERSON" and any(a <= span.start_char and span.end_char <= b for a, b in titles):
                continue
            mention = self._clean(doc, span, forced, dateline_end)
            if mention is not None:
                out.append(mention)
        return out

    def _clean(self, doc: Doc, span: Span, forced: bool, dateline_end: int) -> Mention | None:
        """Strip titles, determiners, possessives and generic heads; drop junk."""
        label = span.label_
        start, end = span.start, span.end
        tokens = self._tokens_of(doc)
        words, lower = tokens.words, tokens.lower
        titles: list[str] = []
        # A span never runs over a line break (headline + next paragraph); spaces before one are tokens.
        end = next((i for i in range(start + 1, end) if "\n" in words[i]), end)
        # Possessor inside the span ("Poland's Ministry of Climate"): keep the possessed part.
        for i in range(end - 2, start - 1, -1):
            if lower[i] in ("'s", "’s") and i > start:
                start = i + 1
                break
        while end > start and (words[end - 1] in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        while start < end and (lower[start] in DETERMINERS or doc[start].is_punct):
            start += 1
        if label == "PERSON":
            cut = self._title_end(doc, start, end)
            if cut > start:
                titles.append(self._text(doc, start, cut))
                start = cut
        # Leading lower-case or numeric words ("1.1-gigawatt Rozewie Deep").
        while start < end and not _capitalised(doc[start]):
            start += 1
        name_end = end
        if label != "NORP":
            while label != "PERSON" and name_end > start and not _capitalised(doc[name_end - 1]):
                name_end -= 1
            while label != "PERSON" and name_end - start > 1 and not forced and self._trailing_role(doc[name_end - 1], label):
                name_end -= 1  # "Michigan" of "a Michigan Democrat", "European Commission" of "... President"
                end = name_end
                if label == "ORG" and self._text(doc, start, name_end) in self.known_places:
                    label = "GPE"
            head = self._generic_head(doc, name_end)
            if head:
                end = name_end + head
                label = "LOC"  # "the La Palma dam", "El Oro province"
        if name_end <= start:
            return None
        text = self._text(doc, start, name_end)
        from_caps = False
        in_dateline = doc[start].idx < dateline_end
        if self._all_caps(text) and len(text) > 3 and (label in ("PERSON", *PLACE_LABELS) or in_dateline) \
                and (in_dateline or not ACRONYM.match(text)):  # "AMWG" stays an acronym whatever its label
            text, from_caps = _normal_case(text), True
        key = norm(text)
        if (
            self._is_junk(text, key) or self._common_word(doc, start, name_end)
            or self._title_of_next(doc, start, name_end)
            or end < len(doc) and doc[end].lower_ in self.currencies  # "CFA francs"
            or self._hyphen_compound(doc, name_end)
        ):
            return None
        if label == "PERSON" and name_end - start == 1 and start > 0 and doc[start - 1].lower_ in DETERMINERS:
            label, forced = "ORG", True  # "the Kremlin": no person takes an article
        if label == "PERSON" and not titles and self._listed_with_place(doc, start, end) and (
            name_end - start == 1 or self._coordination_after(doc, start, IN_PLACE)
        ):
            label = "GPE"  # "the Busia and Malaba crossings", "in Coahuila and Nuevo León"
        if label in PLACE_LABELS and self._told_or_cited(doc, start) and text not in self.known_places:
            label = "ORG"  # "told Nordic Wire", "according to Axios": a place is not told
        if label in PLACE_LABELS and not forced and text not in self.known_places \
                and country_of_demonym(text.split()[-1]) is not None:
            label = "NORP"  # "North American rights": a place name never ends in a demonym
        if label == "ORG" and not forced and not ACRONYM.match(text) and text.split()[-1] not in self.org_heads \
                and self._listed_with_known_place(doc, start, end):
            label = "GPE"  # "officials from Timor-Leste and Papua New Guinea"
        elif label in PLACE_LABELS and not forced and text not in self.known_places \
                and self._listed_with_org(doc, start, end):
            label = "ORG"  # "competes with Novartis and Roche"
        if label != "GPE" and not forced and name_end + 1 < len(doc) and words[name_end] == "-" \
                and lower[name_end + 1] == "based" and not doc[name_end - 1].whitespace_:
            label = "GPE"  # "the Ottawa-based company"
        if in_dateline and label not in ("NORP", "GPE") and not self._next_to_number(doc, start, name_end):
            label, forced = "GPE", True  # "HALIFAX, Nova Scotia —": a dateline names places only
        mention = Mention(start, end, name_end, label, text, key, from_caps=from_caps, titles=titles, forced=forced,
                          in_dateline=in_dateline)
        if label == "NORP" and Span.has_extension("country"):
            mention.country = getattr(span._, "country", None)
        if label != "NORP" and not forced:
            words = text.split()
            before = self._word_before(doc, start).rstrip(",")
            if label != "ORG" and (
                len(words) > 1 and words[-1] in self.org_heads
                or before in self.org_descriptors  # "news agency X", "the operator, X"
                and not (label == "PERSON" and before in self.role_descriptors)  # "its producer, Thomas Kurian"
                or before.endswith("-based") and not titles  # "the Kochi-based Lotus Reel Pictures"
                or self._descriptor_after(doc, end)
            ):
                mention.label = "ORG"  # "turbine maker Vestholm Turbines" labelled as a person
            elif self._place_by_form(text, words):
                mention.by_form = True
                if label not in PLACE_LABELS:
                    mention.label = "LOC"  # "Zarumilla River", "Bay of Fundy" labelled as organisations
            self._person_evidence(doc, mention)
            if mention.titles and label != "PERSON" and mention.n_tokens > 1:
                mention.label = "PERSON"  # "Commander Lucie Paris" labelled as a place
            elif mention.label != "PERSON" and self._named_like_person(mention) and (
                self._listed_with_person(doc, start, end) or mention.label in PLACE_LABELS and self._of_country(doc, end)
            ):
                mention.label = "PERSON"  # "Kaspar Lill, Ilze Ozola"/ORG, "Anna Nowak"/GPE "of Poland"
            elif mention.label == "ORG" and before not in self.org_descriptors and self._named_like_person(mention) \
                    and not self._told_or_cited(doc, start) and self._personal_pronoun_follows(doc, start, end):
                mention.label = "PERSON"  # "When I met Omar Haddad/ORG in Rabat, he said"
            elif mention.label == "PERSON" and mention.n_tokens == 1 and not mention.person_cue \
                    and start > 0 and doc[start - 1].lower_ in IN_PLACE and not (end < len(doc) and doc[end].text in POSSESSIVE):
                mention.label = "GPE"  # "filmed in Kerala"/PERSON
        return mention

    def _place_by_form(self, text: str, words: list[str]) -> bool:
        """"Zarumilla River", "Bay of Fundy", "Gaza Strip": a place whatever the model said."""
        if len(words) < 2 or text in self.known_regions:
            return len(words) > 1
        if words[-1] in self.org_heads:
            return False
        return words[-1] in self.place_heads or len(words) > 2 and words[1] == "of" and words[0] in self.place_heads \
            or words[0] in self.leading_place_heads

    def _is_junk(self, text: str, key: str) -> bool:
        """Pronouns, generic words, numbers, titles alone ("Labour Minister"), events, currencies."""
        words = key.split()
        return (
            not key
            or not any(c.isalpha() for c in text)
            or PARTY_STATE.match(text) is not None
            or (text.lower().rstrip(".") in self.junk and not self._all_caps(text))  # "We", but "US" is a country
            or tuple(words) in self.title_phrases
            or all(w in self.title_words or w in self.title_modifiers for w in words)
            or words[-1] in self.non_entity_heads
            or words[-1] in self.currencies
        )

    @staticmethod
    def _common_word(doc: Doc, start: int, end: int) -> bool:
        """A function word ("Against") or a capitalised common word opening a sentence
        ("Professionals do not ...") labelled as a name."""
        token = doc[start]
        if end - start != 1 or not token.text[1:].islower():  # "COPENHAGEN" in a dateline is a name
            return False
        if token.pos_ in FUNCTION_POS:
            return True
        opening = bool(token.is_sent_start) or _opens_sentence(token)
        return opening and (token.tag_ in ("NN", "NNS") or token.pos_ in NOT_NAME_POS)

    def _descriptor_after(self, doc: Doc, end: int) -> bool:
        """An apposition that calls the name an organisation: "X, the Norwegian state-owned utility that"."""
        lower = self._tokens_of(doc).lower
        if end + 2 >= len(doc) or lower[end] != "," or lower[end + 1] not in DETERMINERS:
            return False
        for t in doc[end + 2 : end + 9]:
            hyphenated = t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_  # "state-owned"
            if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX", "ADP", "PRON") and not hyphenated:
                return False
            if t.lower_ in self.org_descriptors or hyphenated and t.nbor(-2).lower_ + "-" + t.lower_ in self.org_descriptors:
                nxt = t.nbor(1) if t.i + 1 < len(doc) else None
                return nxt is None or nxt.text not in POSSESSIVE and (
                    nxt.pos_ not in ("NOUN", "PROPN") or nxt.lower_.endswith("ing"))  # "the company building ..."
        return False

    def _generic_head(self, doc: Doc, end: int) -> int:
        """Length of a lower-case generic place head right after a name, else 0."""
        if end >= len(doc):
            return 0
        for head in self.generic_heads.get(doc[end].text, ()):
            n = len(head)
            if end + n <= len(doc) and tuple(t.text for t in doc[end : end + n]) == head:
                return n
        return 0

    @staticmethod
    def _listed_with_place(doc: Doc, start: int, end: int) -> bool:
        """A one-word name coordinated with a place: "Busia and Malaba", "Malaba, Busia"."""
        before = start > 1 and doc[start - 1].lower_ in ("and", "or", ",") and doc[start - 2].ent_type_ in PLACE_LABELS
        after = end + 1 < len(doc) and doc[end].lower_ in ("and", "or", ",") and doc[end + 1].ent_type_ in PLACE_LABELS
        return before or after

    def _listed_with_known_place(self, doc: Doc, start: int, end: int) -> bool:
        """Coordinated with a country or city the gazetteer knows: "Timor-Leste and Papua New Guinea"."""
        if start > 1 and doc[start - 1].lower_ in ("and", "or"):
            ent = doc[start - 2]
            if ent.ent_type_ in PLACE_LABELS and self._ent_text(doc, ent.i) in self.known_places:
                return True
        if end + 1 < len(doc) and doc[end].lower_ in ("and", "or") and doc[end + 1].ent_type_ in PLACE_LABELS:
            return self._ent_text(doc, end + 1) in self.known_places
        return False

    @staticmethod
    def _coordination_after(doc: Doc, start: int, words: frozenset[str]) -> bool:
        """The list this name stands in ("X and Y", "X, Y and Z") follows one of these words."""
        first = start
        while first > 1 and doc[first - 1].lower_ in ("and", "or", ","):
            first -= 2
            while first > 0 and doc[first].ent_iob_ == "I":
                first -= 1
        return first > 0 and doc[first - 1].lower_ in words

    def _listed_with_org(self, doc: Doc, start: int, end: int) -> bool:
        """Coordinated with a name the model calls an organisation: "competes with Novartis
        and Roche" (not "from Gujarat and Tamil Nadu")."""
        if start > 1 and doc[start - 1].lower_ in ("and", "or") and doc[start - 2].ent_type_ == "ORG":
            first = start - 2
            while first > 0 and doc[first].ent_iob_ == "I":
                first -= 1
        elif end + 1 < len(doc) and doc[end].lower_ in ("and", "or") and doc[end + 1].ent_type_ == "ORG":
            first = start
        else:
            return False
        while first > 0 and doc[first - 1].lower_ in DETERMINERS:
            first -= 1
        return first == 0 or doc[first - 1].lower_ not in self.place_prepositions

    @staticmethod
    def _listed_with_person(doc: Doc, start: int, end: int) -> bool:
        """Next to a name the model calls a person, across "," or "and"."""
        return start > 1 and doc[start - 1].lower_ in (",", "and") and doc[start - 2].ent_type_ == "PERSON" or \
            end + 1 < len(doc) and doc[end].lower_ in (",", "and") and doc[end + 1].ent_type_ == "PERSON"

    def _of_country(self, doc: Doc, end: int) -> bool:
        """Followed by "of" and a known place: "Tomas Novak of the Czech Republic"."""
        if end + 1 >= len(doc) or doc[end].lower_ != "of":
            return False
        i = end + 1
        if doc[i].lower_ == "the" and i + 1 < len(doc):
            i += 1
        return doc[i].ent_type_ in PLACE_LABELS and self._ent_text(doc, i) in self.known_places

    @staticmethod
    def _ent_text(doc: Doc, i: int) -> str:
        """The text of the model's entity covering token i."""
        start, end = i, i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text

    def _personal_pronoun_follows(self, doc: Doc, start: int, end: int) -> bool:
        """A he/she in this or the next sentence before any other person, title or "it",
        with no person earlier in the sentence to take it: the name is a person's."""
        if end < len(doc) and doc[end].text in POSSESSIVE:
            return False
        lower = self._tokens_of(doc).lower
        for i in range(start - 1, -1, -1):
            if lower[i] in (".", "!", "?") or "\n" in lower[i]:
                break
            if doc[i].ent_type_ == "PERSON":
                return False  # "Maria Lopez met X …, and she said": she is Maria Lopez
        stops = 0
        for i in range(end, min(len(doc), end + 60)):
            word = lower[i]
            if word in PERSONAL_PRONOUNS:
                return True
            if word in ("it", "its") or doc[i].ent_type_ == "PERSON" or word in self.title_words:
                return False
            if word in (".", "!", "?"):
                stops += 1
                if stops == 2:
                    return False
        return False

    @staticmethod
    def _told_or_cited(doc: Doc, start: int) -> bool:
        """Right after "told" or "according to"."""
        return start > 0 and doc[start - 1].lower_ == "told" or \
            start > 1 and doc[start - 2].lower_ == "according" and doc[start - 1].lower_ == "to"

    @staticmethod
    def _next_to_number(doc: Doc, start: int, end: int) -> bool:
        """"March 3", "14 March": a month in a dateline, not a place."""
        return start > 0 and doc[start - 1].like_num or end < len(doc) and doc[end].like_num

    @staticmethod
    def _hyphen_compound(doc: Doc, end: int) -> bool:
        """The first part of a capitalised compound ("Indo" of "Indo-Pacific"), not "U.S.-led"."""
        return (
            end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()
        )

    def _title_of_next(self, doc: Doc, start: int, end: int) -> bool:
        """Part of a title before a name: "Ukrainian President" Volodymyr ..., "Ugandan Trade" Minister ..."""
        if end >= len(doc) or doc[start].ent_type_ == "NORP":
            return False
        if self._title_at(doc, end - 1) is not None and _capitalised(doc[end]) and doc[end].is_alpha:
            return True
        if self._title_at(doc, end) is None:
            return False
        last, first = doc[end - 1], doc[start]
        # "Chilean Fisheries" Minister, but not "European Commission" President
        return last.lower_ in self.title_modifiers or (
            _capitalised(doc[end]) and country_of_demonym(first.text) is not None and last.text not in self.org_heads
        )

    @staticmethod
    def _all_caps(text: str) -> bool:
        return text.isupper() and sum(c.isalpha() for c in text) > 1

    def _text(self, doc: Doc, start: int, end: int) -> str:
        tokens = self._tokens
        raw = tokens.span_text(start, end) if tokens is not None and tokens.doc is doc else doc[start:end].text
        return SPACES.sub(" ", raw).strip()

    # ------------------------------------------------------------------ titles

    def _title_at(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """Token range of a title word or phrase ending at token i, if any."""
        tokens = self._tokens
        lower = tokens.lower if tokens is not None and tokens.doc is doc else [t.lower_ for t in doc]
        word = lower[i]
        for phrase in self.phrases_ending.get(word, ()):
            n = len(phrase)
            if i - n + 1 >= 0 and tuple(lower[i - n + 1 : i + 1]) == phrase:
                return i - n + 1, i + 1
        if word in self.title_words:
            return i, i + 1
        return None

    def _title_end(self, doc: Doc, start: int, end: int) -> int:
        """Inside a PERSON span, the token after its last title word ("Commander Paris")."""
        cut = start
        for i in range(start, end - 1):
            if self._title_at(doc, i) and all(_capitalised(t) for t in doc[i + 1 : end]):
                cut = i + 1
        if all(t.is_alpha or "." in t.text or t.text == "-" for t in doc[start:cut]):
            return cut
        return start

    def _title_before(self, doc: Doc, start: int) -> str | None:
        """The role phrase right before a name: "Deputy Foreign Minister", "Kremlin spokesman"."""
        if start == 0:
            return None
        head = self._title_at(doc, start - 1)
        return self._extend_title(doc, head[0], head[1]) if head else None

    def _extend_title(self, doc: Doc, first: int, end: int) -> str:
        """Grow a title leftwards over its modifiers (capitalised words, listed adjectives)."""
        limit = max(0, first - 4)
        while first > limit:
            t = doc[first - 1]
            if t.text == "-" and not t.whitespace_ and first >= 2 and not doc[first - 2].whitespace_:
                first -= 2  # "Director-General"
                continue
            if t.is_punct or t.is_space or t.text in POSSESSIVE or t.lower_ in DETERMINERS or t.pos_ in STOP_POS \
                    or "." in t.text and t.text.islower():  # "7:10 a.m."
                break
            tagged = bool(t.pos_)
            if not (t.lower_ in self.title_modifiers or t.pos_ in ("NOUN", "ADJ", "PROPN")
                    or not tagged and _capitalised(t)):
                break
            first -= 1
        # "secretary general of ...": a following word completing a multi-word title.
        following = self._title_at(doc, end) if end < len(doc) else None
        if following is not None and following[0] < end:
            end += 1
        title = self._text(doc, first, end)
        return _normal_case(title) if title.isupper() and len(title) > 3 else title  # "SECRETARY", not "CEO"

    def _appositive_titles(self, doc: Doc, mention: Mention) -> list[str]:
        """Titles standing in apposition: "X, the guild's president", "the TWC's director, X"."""
        if not doc.has_annotation("DEP"):
            return []
        root = doc[mention.start : mention.end].root
        nouns = list(self.syntax.appositions(root))
        head_appositions = self._head_appositions.get(root.head.i)
        if head_appositions is None:  # the head is often the sentence's root: its children span the sentence
            head_appositions = self._head_appositions[root.head.i] = self.syntax.appositions(root.head)
        if root in head_appositions:
            nouns.append(root.head)
        found = []
        for noun in nouns:
            head = self._title_at(doc, noun.i)
            if head is not None:
                found.append(self._extend_title(doc, head[0], head[1]))
        return found

    def _person_evidence(self, doc: Doc, mention: Mention) -> None:
        """Titles of a person and whether a bare name is used as a person."""
        before = self._title_before(doc, mention.start)
        if before:
            mention.titles.insert(0, before)
        if mention.label == "PERSON":
            mention.titles += self._appositive_titles(doc, mention)
        elif mention.n_tokens > 1 and not before:
            if not self._named_like_person(mention):
                return
            mention.titles += self._appositive_titles(doc, mention)  # "its energy minister, Aru Bekov"/GPE
            if not mention.titles:
                return
        if mention.titles:
            mention.person_cue = True
        elif mention.n_tokens == 1 and doc.has_annotation("DEP"):
            root = doc[mention.start : mention.end].root
            verb = root.head
            if verb.lemma_.lower() in self.person_verbs and root in self.syntax.subjects(verb):
                mention.person_cue = True

    def _word_before(self, doc: Doc, start: int) -> str:
        """The whitespace-delimited word before a token, lower case ("start-up")."""
        if start == 0:
            return ""
        tokens = self._tokens
        if tokens is None or tokens.doc is not doc:
            tokens = self._read_tokens(doc, doc.text)
        i = start - 1
        while i > 0 and not tokens.spaced[i - 1]:
            i -= 1
        return tokens.span_text(i, start).lower()

    def _short_name(self, doc: Doc, i: int) -> bool:
        """A capitalised word that can be an organisation's short name: no place, date or
        title ("(Canacero)", not "(Germany)" or "(Monday)")."""
        word = doc[i].text
        return word[:1].isupper() and word.isalpha() and word not in self.known_places \
            and word.lower() not in self.junk and word.lower() not in self.title_words

    def _trailing_role(self, token: Token, label: str) -> bool:
        """A title word ending a place or organisation span, which the name does not
        include: "Democrat", "President" (but "General", "Partners" can end a name); for
        places also title modifiers ("U.S. Transportation")."""
        if token.text in self.org_heads or token.text in self.org_generic_words or not token.nbor(-1).whitespace_:
            return False  # nor the "Sheikh" of "Sharm el-Sheikh"
        return token.lower_ in self.title_words or label in PLACE_LABELS and token.lower_ in self.title_modifiers

    def _named_like_person(self, mention: Mention) -> bool:
        """Two to four capitalised words with no organisation or place head and no
        place the gazetteer knows: a form a person's name can have."""
        words = mention.name.split()
        return 1 < len(words) <= 4 and mention.name not in self.known_places \
            and all((w[:1].isupper() or w in NAME_PARTICLES and i > 0) and w.replace("-", "").isalpha()
                    for i, w in enumerate(words)) and words[-1] not in NAME_PARTICLES \
            and words[-1] not in self.org_heads and words[-1] not in self.place_heads \
            and words[0] not in self.leading_place_heads

    # ------------------------------------------------------------------ grouping

    def _group(self, doc: Doc, mentions: list[Mention]) -> list[Group]:
        groups: list[Group] = []
        by_key: dict[str, list[Group]] = {}

        def new_group(m: Mention, key: str, canonical: str | None = None) -> Group:
            g = Group([m], canonical)
            groups.append(g)
            by_key.setdefault(key, []).append(g)
            return g

        def add(g: Group, m: Mention) -> None:
            g.add(m)
            if g not in by_key.setdefault(m.key, []):
                by_key[m.key].append(g)

        bare_people = {m.key for m in mentions if m.n_tokens == 1 and m.label == "PERSON"}
        short_people = [" " + m.key for m in mentions if m.n_tokens > 1 and m.label == "PERSON"]
        for m in mentions:  # "Ana Rojo"/ORG ... "Rojo said"/PERSON: the full name is a person's too
            if m.n_tokens > 1 and m.label != "PERSON" and m.label != "NORP" and not m.forced \
                    and (m.key_words[-1] in bare_people or any(m.key.endswith(p) for p in short_people)) \
                    and self._named_like_person(m):
                m.label = "PERSON"  # also "Niels de Boer"/ORG ... "De Boer"/PERSON
        surnames = {m.key_words[-1] for m in mentions if m.label == "PERSON" and m.n_tokens > 1}
        # 1. Full forms (two or more words) by key; "known as" second names.
        short: list[Mention] = []
        for m in mentions:
            if m.n_tokens == 1:
                short.append(m)
                continue
            target = self._same_key(by_key.get(m.key, []), m, surnames) or self._known_as(doc, m, mentions, groups) \
                or self._longer_name_of(m, groups)
            if target is not None:
                add(target, m)
            else:
                new_group(m, m.key)
        # 2. Multi-word short company names: "Coral Coast" for "Coral Coast Airlines".
        for g in list(groups):
            longer = self._company_of(g.mentions[0], groups, exclude=g)
            if longer is not None and all(m.label != "PERSON" for m in g.mentions):
                for m in g.mentions:
                    add(longer, m)
                groups.remove(g)
        # 3. One-word mentions: abbreviations, surnames, acronyms, exact names, short forms.
        people = _people_by_name_word(groups)
        for m in short:
            target = self._single_target(doc, m, mentions, groups, by_key, surnames, people)
            if target is not None:
                add(target, m)
            elif m.key in self.abbreviations:
                full = self.abbreviations[m.key]
                new_group(m, m.key, canonical=full)
                by_key.setdefault(norm(full), []).append(groups[-1])
            else:
                new_group(m, m.key)
        return groups

    def _add_short_company_names(self, words: list[str], groups: list[Group]) -> None:
        """Bare first words of company names the model left unlabelled ("Havbrise said"
        for "Havbrise Energi"), when only one organisation starts with that word and no
        other entity is called so."""
        starts: dict[str, list[Group]] = {}
        for g in groups:
            first = g.best_mention().name.split()
            if g.family == "ORG" and len(first) > 1 and len(first[0]) > 2 and first[0] not in self.org_generic_words \
                    and first[0].lower() not in self.title_modifiers and first[0].isalpha():
                starts.setdefault(first[0], []).append(g)
        if not starts:
            return
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        named: dict[str, set[int]] = {}  # one-word names -> ids of the groups using them
        for g in groups:
            for m in g.mentions:
                if m.n_tokens == 1:
                    named.setdefault(m.key, set()).add(id(g))
        for i, word in enumerate(words):
            owners = starts.get(word)
            if owners and len(owners) == 1 and i not in taken and named.get(norm(word), set()) <= {id(owners[0])} \
                    and not (i + 1 < len(words) and words[i + 1][:1].isupper()):
                owners[0].add(Mention(i, i + 1, i + 1, "ORG", word, norm(word)))

    def _add_abbreviations(self, words: list[str], groups: list[Group]) -> None:
        """Unlabelled well-known abbreviations ("U.S. President ...") join the entity of
        their full name when the article has one."""
        by_name: dict[str, Group] = {}
        for g in groups:
            for m in g.mentions:
                by_name.setdefault(m.key, g)
            if g.canonical:
                by_name.setdefault(norm(g.canonical), g)
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        for i, word in enumerate(words):
            full = self.abbreviation_forms.get(word)
            if full and i not in taken and norm(full) in by_name and not (i + 1 < len(words) and words[i + 1] == "$"):
                by_name[norm(full)].add(Mention(i, i + 1, i + 1, by_name[norm(full)].label, word, norm(word)))

    def _add_bare_surnames(self, doc: Doc, words: list[str], groups: list[Group]) -> None:
        """Bare surnames the model left unlabelled ("Declercq told ..."): each joins the
        most recent person of that surname. A capitalised word opening a sentence
        counts only before a verb, "and" or 's ("Rice prices rose" is no Ms Rice)."""
        people = _people_by_name_word(groups)[0]
        surnames = {w: gs for w, gs in people.items() if len(w) > 2 and any(g.family == "PERSON" for g in gs)}
        if not surnames:
            return
        taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
        for i, word in enumerate(words):
            key = word.lower()
            if key not in surnames or i in taken or not word[0].isupper() or doc[i].ent_type_ \
                    or i + 1 < len(words) and words[i + 1][:1].isupper():
                continue
            following = doc[i + 1] if i + 1 < len(doc) else None
            if _opens_sentence(doc[i]) and not (
                following is not None
                and (following.pos_ in ("VERB", "AUX", "CCONJ") or following.text in (*POSSESSIVE, "and"))
            ):
                continue
            mention = Mention(i, i + 1, i + 1, "PERSON", word, norm(word))
            target = self._surname_of(mention, (surnames, {}))
            if target is not None:
                target.add(mention)

    @staticmethod
    def _longer_name_of(m: Mention, groups: list[Group]) -> Group | None:
        """The latest person whose full name ends in this multi-word one: "De Boer" of
        "Niels de Boer", "Lula da Silva" of "Luiz Inácio Lula da Silva"."""
        if m.label != "PERSON":
            return None
        tail = " " + m.key
        found = [g for g in groups if g.family == "PERSON" and any(x.key.endswith(tail) for x in g.mentions)]
        return found[-1] if found else None

    @staticmethod
    def _same_key(candidates: list[Group], m: Mention, surnames: set[str]) -> Group | None:
        """A group with this name. Labels may differ ("Kosice" PERSON, "Košice" GPE),
        except a person's surname and a place of that name ("Paris"), which stay apart."""
        if m.label == "NORP":
            return next((g for g in candidates if g.family == "NORP"), None)
        ok = [g for g in candidates if g.family != "NORP"]
        same = [g for g in ok if g.family == _family(m.label)]
        if same:
            return same[-1]
        if m.key in surnames:
            ok = [g for g in ok if {g.family, _family(m.label)} != {"PERSON", "PLACE"}]
        return ok[-1] if ok else None

    def _single_target(
        self, doc: Doc, m: Mention, mentions: list[Mention], groups: list[Group], by_key: dict[str, list[Group]],
        surnames: set[str], people: tuple[dict[str, list[Group]], dict[str, list[Group]]],
    ) -> Group | None:
        """The group a one-word mention belongs to, if any (see ``_group``)."""
        if m.key in self.abbreviations:
            found = by_key.get(norm(self.abbreviations[m.key]))
            if found:
                return found[-1]
        if m.label == "NORP":
            return self._same_key(by_key.get(m.key, []), m, surnames)
        is_person = m.label == "PERSON" or m.person_cue
        known_place = m.label in PLACE_LABELS and m.name in self.known_places and not m.person_cue \
            and m.start > 0 and doc[m.start - 1].lower_ in ("of", "at") \
            and not (m.end < len(doc) and doc[m.end].text in POSSESSIVE)  # "Trust of Warsaw", not "at Arakawa's office"
        # "(Bloomberg)" is the agency; "Warsaw" the city, not "Legia Warsaw"
        person = self._surname_of(m, people) if not m.forced and not known_place else None
        if person is not None and (
            is_person or m.label not in PLACE_LABELS or not self._after_place_preposition(doc, m)
        ):
            m.label = "PERSON"  # the surname of a person, whatever the model said
            return person
        acronym = self._acronym_target(doc, m, mentions, groups)
        if acronym is not None:
            return acronym
        if m.label == "PERSON" and not m.person_cue:
            place_only = [g for g in by_key.get(m.key, []) if g.family == "PLACE"]
            if place_only and not any(g.family == "PERSON" for g in by_key.get(m.key, [])):
                m.label = "GPE" if place_only[-1].label == "GPE" else place_only[-1].label
        exact = self._same_key(by_key.get(m.key, []), m, surnames)
        if exact is not None:
            return exact
        return self._known_as(doc, m, mentions, groups) or self._company_of(m, groups)

    def _after_place_preposition(self, doc: Doc, m: Mention) -> bool:
        """ "in Paris", "to the Hague" — but not "at Arakawa's office"."""
        i = m.start - 1
        while i >= 0 and doc[i].lower_ in DETERMINERS:
            i -= 1
        followed_by_possessive = m.end < len(doc) and doc[m.end].text in POSSESSIVE
        return i >= 0 and doc[i].lower_ in self.place_prepositions and not followed_by_possessive

    @staticmethod
    def _doubtful_person(doc: Doc, group: Group) -> bool:
        """A one-word "person" seen only as the first word of sentences, never with a
        title or a speech verb nor before a verb: a capitalised common word
        ("Supply chain problems ...", "Milk should flow"; but "Putin met ...")."""
        return group.family == "PERSON" and all(
            m.n_tokens == 1 and not m.person_cue and _opens_sentence(doc[m.start])
            and not (m.end < len(doc) and doc[m.end].pos_ == "VERB")
            for m in group.mentions
        )

    @staticmethod
    def _surname_of(m: Mention, people: tuple[dict[str, list[Group]], dict[str, list[Group]]]) -> Group | None:
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

    def _acronym_target(self, doc: Doc, m: Mention, mentions: list[Mention], groups: list[Group]) -> Group | None:
        """"Transboundary Water Council (TWC)" defines TWC; else a name with these initials."""
        if m.start >= 2 and doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")":
            prev = next((x for x in reversed(mentions) if x.end == m.start - 1 and x is not m), None)
            if prev is not None and prev.n_tokens > 1 and not prev.in_dateline and (
                ACRONYM.match(m.name) or prev.label == "ORG" and m.name not in self.known_places  # "(Canacero)"
            ):
                return next((g for g in groups if prev in g.mentions), None)
        if not ACRONYM.match(m.name):
            return None
        letters = m.key.replace(" ", "")
        matches = [
            g for g in groups
            if g.family in ("ORG", "PLACE") and any(_initials(x.name) == letters for x in g.mentions if x.n_tokens > 1)
        ]
        return matches[0] if len(matches) == 1 else None

    def _company_of(self, m: Mention, groups: list[Group], exclude: Group | None = None) -> Group | None:
        """An organisation whose name starts with this mention's words ("Havbrise" -> "Havbrise Energi")."""
        if m.label == "NORP" or m.label == "GPE" and not m.forced and m.name in self.known_places:
            return None  # "Kenya" is no short form of "Kenya Airways"
        words = m.key_words
        n = len(words)
        found = [
            g for g in groups
            if g is not exclude and g.family == "ORG" and any(
                len(x.key_words) > n and x.key_words[:n] == words for x in g.mentions
            )
        ]
        return found[0] if len(found) == 1 else None

    def _known_as(self, doc: Doc, m: Mention, mentions: list[Mention], groups: list[Group]) -> Group | None:
        """"the Quaraí River — known as the Cuareim": a second name of the preceding place/org."""
        i = m.start
        while i > 0 and doc[i - 1].lower_ in DETERMINERS:
            i -= 1
        if i == 0 or doc[i - 1].lower_ not in ("as", "called", "aka"):
            return None
        for cue in CUE_KNOWN_AS:
            n = len(cue)
            if i - n >= 0 and tuple(t.lower_ for t in doc[i - n : i]) == cue:
                j = i - n
                prev = next((x for x in reversed(mentions) if x.end <= j), None)
                if prev is None or prev.label in ("PERSON", "NORP"):
                    return None
                between = doc[prev.end : j]
                if all(t.is_punct or t.is_space for t in between) and not any("\n" in t.text for t in between):
                    return next((g for g in groups if prev in g.mentions), None)
        return None

    # ------------------------------------------------------------------ records

    def _record(self, doc: Doc, group: Group, entity_id: str) -> Entity:
        group.mentions.sort(key=lambda m: m.start)
        group._best = None  # ties go to the first mention in text order
        best = group.best_mention()
        name = group.canonical or best.name
        forms: list[str] = []
        for m in group.mentions:
            forms.append(m.name)
            if m.name_end < m.end:
                forms.append(self._text(doc, m.start, m.end))
        seen = {_fold(name)}
        aliases = []
        for form in forms:
            if _fold(form) not in seen and _fold(LEADING_THE_ANY_CASE.sub("", form)) not in seen:
                seen.add(_fold(form))
                aliases.append(form)
        titles: list[str] = []
        for m in group.mentions:
            for t in m.titles:
                if t not in titles:
                    titles.append(t)
        # "Transport Minister" adds nothing to "federal Transport Minister".
        titles = [t for t in titles if not any(o != t and o.endswith(" " + t) for o in titles)
                  and t.lower() not in self.honorifics]
        tokens = self._tokens_of(doc)
        idx, words = tokens.idx, tokens.words
        label = group.label
        if name in self.abbreviation_names and group.family != "PERSON":
            label = "GPE" if name in self.known_places else "ORG"  # "U.N." is no place, "U.S." no organisation
        entity = Entity(
            id=entity_id,
            name=name,
            type=label,
            aliases=aliases,
            titles=titles if group.family == "PERSON" else [],
            mentions=[(idx[m.start], idx[m.end - 1] + len(words[m.end - 1])) for m in group.mentions],
            token_spans=[(m.start, m.end) for m in group.mentions],
            country=next((m.country for m in group.mentions if m.country), None),
        )
        return entity


def _capitalised(token: Token) -> bool:
    """Starts with an upper-case letter or digit-free capital ("U.S.", "Košice", "de" is not)."""
    text = token.text
    return bool(text) and text[0].isupper()


def _name_particle(doc: Doc, i: int) -> bool:
    """A name particle inside a name: "von" and "der" of "Ursula von der Leyen"."""
    return doc[i].text in NAME_PARTICLES and i + 1 < len(doc) and (
        doc[i + 1].text in NAME_PARTICLES or doc[i + 1].text[:1].isupper()
        or doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_  # "al-Sisi"
        and i + 2 < len(doc) and doc[i + 2].text[:1].isupper())


def _people_by_name_word(groups: list[Group]) -> tuple[dict[str, list[Group]], dict[str, list[Group]]]:
    """Groups with a multi-word PERSON name, by its last word and by its other words."""
    by_last: dict[str, list[Group]] = {}
    by_inner: dict[str, list[Group]] = {}
    for g in groups:
        for x in g.mentions:
            if x.n_tokens > 1 and x.label == "PERSON":
                words = x.key_words
                if g not in by_last.setdefault(words[-1], []):
                    by_last[words[-1]].append(g)
                particle, _, rest = x.name.split()[-1].partition("-")
                if rest and particle.lower() in NAME_PARTICLES and g not in by_last.setdefault(norm(rest), []):
                    by_last[norm(rest)].append(g)  # "Sisi" of "Abdel Fattah al-Sisi"
                for w in words[:-1]:
                    if g not in by_inner.setdefault(w, []):
                        by_inner[w].append(g)
    return by_last, by_inner


def _override(spans: list[tuple[Span, bool]], found: list[tuple[Span, bool]]) -> list[tuple[Span, bool]]:
    """Rule spans replace the spans they overlap; among rule spans the first listed wins."""
    if not found:
        return spans
    taken: set[int] = set()
    chosen = []
    for span, flag in found:
        if not taken.intersection(range(span.start, span.end)):
            chosen.append((span, flag))
            taken.update(range(span.start, span.end))
    kept = [(s, f) for s, f in spans if not taken.intersection(range(s.start, s.end))]
    return sorted(kept + chosen, key=lambda p: p[0].start)


def _hyphen_joins(doc: Doc, end: int) -> bool:
    """A hyphen right after token end-1 joining a capitalised word: "Cluj-Napoca"."""
    return (
        end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
        and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].text[0].isupper()
    )


def _opens_sentence(token: Token) -> bool:
    """First word of a sentence or line, by punctuation (the parser's guess is not trusted)."""
    if token.i == 0:
        return True
    prev = token.nbor(-1)
    return "\n" in prev.whitespace_ or prev.is_space or prev.text in (".", "!", "?", ":", ";", "—", "–", "-") or \
        prev.text in ("“", '"', "‘") and (prev.i == 0 or _opens_sentence(prev))


def _join_split_people(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """Adjacent spans that are one name split by the model become one span:
    "Zsolt"/PERSON + "Bárány"/GPE, "National Union"/ORG + of + "Port Workers"/ORG."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.label_ == "ORG" and ent.label_ in ("ORG", "PERSON") and prev.end + 1 == ent.start
            and doc[prev.end].lower_ == "of"
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
        elif (
            prev is not None and prev.end == ent.start and "PERSON" in (prev.label_, ent.label_)
            and "NORP" not in (prev.label_, ent.label_) and "\n" not in prev[-1].whitespace_
            and prev[-1].whitespace_ and ent[0].is_alpha and ent[0].text[0].isupper()
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """Character ranges of short Title-Case phrases in quotation marks: works of art,
    not names ("Lemons and a Pewter Jug")."""
    pairs = [(m.start(1), m.end(1)) for m in CURLY_QUOTED.finditer(text)]
    offset = 0
    for line in text.split("\n"):  # straight quotes pair up in order within a paragraph
        marks = [m.start() for m in STRAIGHT_QUOTE.finditer(line)]
        pairs += [(offset + a + 1, offset + b) for a, b in zip(marks[::2], marks[1::2])]
        offset += len(line) + 1
    out = []
    for a, b in pairs:
        words = text[a:b].split()
        if 1 < len(words) <= 8 and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
            out.append((a, b))
    return out


def _place_end(match: re.Match[str] | None) -> int:
    """Offset where the place part of a dateline ends (0 without a dateline)."""
    return match.end("place") if match is not None else 0


def _dateline(text: str) -> re.Match[str] | None:
    """The opening dateline, if the article has one: short, capitalised, ending in a dash
    or an agency credit; a first sentence ("The Northern Rail Alliance (NRA) met ...") is not one."""
    match = DATELINE.match(text[:160])
    if match is None or not match.group("place"):
        return None
    place, credit = match.group("place"), match.group("credit")
    words = place.replace(",", " ").split()
    if len(words) > 8 or words[0] in ("The", "A", "An") or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    if match.group("sep") in (".", ":") and not credit:
        return None
    if not (credit or "," in place or words[0].isupper() and len(words[0]) > 1):
        return None
    return match


@functools.lru_cache(maxsize=8192)
def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in INITIAL_SKIP]
    return "".join(norm(w)[:1] for w in words if norm(w))


@Language.factory("extractor_entities")
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)
