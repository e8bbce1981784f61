"""From a name span to a clean mention: titles, "the", possessive 's and lower-case
generic heads move out, all-caps dateline forms get normal case, junk is dropped, and
the type is corrected where the form or the context is plain."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...syntax import Syntax, string_ids
from ..gazetteer import country_of_demonym
from ..titles import TitleScanner
from .common import (ACRONYM, FUNCTION_POS, NOT_NAME_POS, PARTY_STATE, PLACE_LABELS, Tokens, all_caps,
                     norm, normal_case, opens_sentence, title_at)
from .places import PlaceForms
from .words import EntityWords

PRONOUN_LOOK_AHEAD = 60  # tokens in which a he/she makes a name a person's
MAX_JUNK_ANSWERS = 100_000  # names remembered before the memory is cleared


@dataclass(slots=True)  # slots: the grouping reads these fields for every pair of mention and group
class Mention:
    """One cleaned name span."""

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
    acronym: bool = field(init=False)  # the name is an acronym ("TWC", "U.N."), matched once

    def __post_init__(self) -> None:
        self.n_tokens = len(self.name.split())
        self.key_words = self.key.split()
        self.acronym = ACRONYM.match(self.name) is not None


@dataclass
class Draft:
    """A span on its way to a mention."""

    start: int
    end: int
    name_end: int
    label: str
    forced: bool
    titles: list[str] = field(default_factory=list)


class Cleaner:
    def __init__(self, words: EntityWords, syntax: Syntax, titles: TitleScanner, places: PlaceForms,
                 descriptor_after) -> None:
        self.w = words
        self.syntax = syntax
        self.titles = titles
        self.places = places
        self.descriptor_after = descriptor_after  # SpanFinder.descriptor_after
        self._titles_of: tuple[Doc, list, dict] | None = None  # the doc's titles, and the first ending at each token
        self._surnames_of: tuple[Doc, frozenset[str]] | None = None
        self._subject = string_ids(syntax.s.subject)  # the labels as Token.dep holds them
        self._junk_names: dict[str, bool] = {}  # name -> whether it is junk
        # the retyping rules, in order (bound once, not per mention)
        self._retype_rules = (self._article_person, self._listed_place, self._told_place, self._demonym_place,
                              self._listed_org, self._based_place, self._dateline_place)

    def clean(self, t: Tokens, span: Span, forced: bool, dateline: tuple[int, int] | None) -> Mention | None:
        """Strip titles, determiners, possessives and generic heads; drop junk; retype."""
        d = self._trimmed(t, span, forced)
        if d is None:
            return None
        text = self._event_owner(t, d, t.clean_text(d.start, d.name_end))
        in_dateline = dateline is not None and dateline[0] <= t.idx[d.start] < dateline[1]
        from_caps = all_caps(text) and len(text) > 3 and (d.label in ("PERSON", *PLACE_LABELS) or in_dateline) \
            and (in_dateline or not ACRONYM.match(text))  # "AMWG" stays an acronym whatever its label
        if from_caps:
            text = normal_case(text)
        if self._dropped(t, d, text):
            return None
        self._retype(t, d, text, in_dateline)
        mention = Mention(d.start, d.end, d.name_end, d.label, text, norm(text), from_caps=from_caps,
                          titles=d.titles, forced=d.forced, in_dateline=in_dateline)
        if d.label == "NORP" and Span.has_extension("country"):
            mention.country = getattr(span._, "country", None)
        if d.label != "NORP" and not d.forced:
            self._refine(t, mention)
        return mention

    # ------------------------------------------------------------------ bounds

    def _trimmed(self, t: Tokens, span: Span, forced: bool) -> Draft | None:
        doc, words, lower = t.doc, t.words, t.lower
        start, end = span.start, span.end
        # A span never runs over a line break (headline + next paragraph); spaces before one are tokens.
        if end - start > 1:
            end = next((i for i in range(start + 1, end) if "\n" in words[i]), end)
        start = self._after_possessor(t, start, end)
        while end > start and (words[end - 1] in self.w.possessive or doc[end - 1].is_punct):
            end -= 1
        while start < end and (lower[start] in self.w.determiners or doc[start].is_punct):
            start += 1
        d = Draft(start, end, end, span.label_, forced)
        if d.label == "PERSON":
            self._cut_title(t, d)
        while d.start < d.end and not t.capitalised(d.start):
            d.start += 1  # leading lower-case or numeric words ("1.1-gigawatt Rozewie Deep")
        d.name_end = d.end
        if d.label != "NORP":
            self._name_end(t, d)
        return d if d.name_end > d.start else None

    def _after_possessor(self, t: Tokens, start: int, end: int) -> int:
        """Where a span starting with a possessor that names a place or organisation of its
        own starts ("Poland's Ministry of Climate" -> "Ministry of Climate"); a possessive
        that is part of the name stays ("the National People's Congress", "King's College")."""
        first = start + 1 if t.lower[start] in self.w.determiners else start
        for i in range(end - 2, first, -1):
            if t.lower[i] not in self.w.possessive or len(t.lower[i]) <= 1:
                continue  # the owner's text is read only before a possessive
            owner = t.clean_text(first, i)
            if owner in self.w.known_places or owner in self.w.known_orgs or ACRONYM.match(owner):
                return i + 1
        return start

    def _cut_title(self, t: Tokens, d: Draft) -> None:
        """Inside a PERSON span, the title before the name ("Commander Paris")."""
        doc = t.doc
        cut = d.start
        for i in range(d.start, d.end - 1):
            if title_at(t.lower, i, self.w) and all(t.capitalised(k) for k in range(i + 1, d.end)):
                cut = i + 1
        if cut > d.start and all(x.is_alpha or "." in x.text or x.text == "-" for x in doc[d.start:cut]):
            d.titles.append(t.clean_text(d.start, cut))
            d.start = cut

    def _name_end(self, t: Tokens, d: Draft) -> None:
        """The name proper: no trailing lower-case words or roles ("a Michigan Democrat"),
        a lower-case generic head kept apart ("the La Palma dam", "El Oro province")."""
        while d.label != "PERSON" and d.name_end > d.start and not t.capitalised(d.name_end - 1):
            d.name_end -= 1
        while d.label != "PERSON" and d.name_end - d.start > 1 and not d.forced \
                and self._trailing_role(t, d.name_end - 1, d.label):
            d.name_end -= 1  # "Michigan" of "a Michigan Democrat", "European Commission" of "... President"
            d.end = d.name_end
            if d.label == "ORG" and t.clean_text(d.start, d.name_end) in self.w.known_places:
                d.label = "GPE"
        head = self.places.generic_head(t.words, d.name_end)
        if head:
            d.end = d.name_end + head
            d.label = "LOC"

    def _trailing_role(self, t: Tokens, i: int, label: str) -> bool:
        """A title word (token i) ending a place or organisation span, which the name does not
        include: "Democrat", "President" (but "General", "Partners" can end a name); for
        places also title modifiers ("U.S. Transportation")."""
        if t.words[i] in self.w.org_heads or t.words[i] in self.w.org_generic_words or not t.spaced[i - 1]:
            return False  # nor the "Sheikh" of "Sharm el-Sheikh"
        return t.lower[i] in self.w.title_words or label in PLACE_LABELS and t.lower[i] in self.w.title_modifiers

    def _event_owner(self, t: Tokens, d: Draft, text: str) -> str:
        """An event, agreement, award or flight named after an organisation names the
        organisation ("the APEC Summit", "Commonwealth Heads of Government Meeting", "Malaysia
        Airlines Flight"): the longest start of the name that is a well-known organisation or
        an acronym, else one that the model tagged alone and that ends in an organisation head
        word (the model stopped before the event word). Else the name as it was."""
        key_words = norm(text).split()
        if key_words and key_words[-1] not in self.w.non_entity_heads:
            return text
        ends = range(d.name_end - 1, d.start, -1)
        known = (e for e in ends if (owner := t.clean_text(d.start, e)) in self.w.known_orgs
                 or e == d.start + 1 and ACRONYM.match(owner))
        end = next(known, None) or next((e for e in ends if t.words[e - 1] in self.w.org_heads
                                         and t.doc[e - 1].ent_type_ and t.doc[e].ent_iob_ != "I"), None)
        if end is None:
            return text
        owner = t.clean_text(d.start, end)
        d.end = d.name_end = end
        d.label = "GPE" if owner not in self.w.known_orgs and owner in self.w.known_places else "ORG"
        return owner

    # ------------------------------------------------------------------ junk

    def _dropped(self, t: Tokens, d: Draft, text: str) -> bool:
        doc = t.doc
        common = self._common_word(t, d.start, d.name_end) and norm(text) not in self._surnames(doc)
        return (
            self.is_junk(text) or common
            or self._title_of_next(t, d.start, d.name_end)
            or d.end < len(doc) and t.lower[d.end] in self.w.currencies  # "CFA francs"
            or _hyphen_compound(t, d.name_end)
        )

    def is_junk(self, text: str) -> bool:
        """Whether the name is no name (``_junk``), answered once per name: names come back
        in every mention and article."""
        if len(self._junk_names) > MAX_JUNK_ANSWERS:
            self._junk_names.clear()
        junk = self._junk_names.get(text)
        if junk is None:
            junk = self._junk_names[text] = self._junk(text, norm(text))
        return junk

    def _junk(self, text: str, key: str) -> bool:
        """Pronouns, generic words, numbers, amounts ("NZ$100"), titles alone ("Labour Minister"),
        members named by their role in the plural ("House Republicans"; not "Council of
        Ministers"), events, currencies, time zones."""
        words = key.split()
        return (
            not key
            or not any(c.isalpha() for c in text)
            or _has_currency_sign(text)
            or words[-1].endswith("s") and words[-1][:-1] in self.w.title_words  # not "College of Commissioners"
            and (len(words) == 1 or words[-2] not in self.w.of)
            or PARTY_STATE.match(text) is not None
            or (text.lower().rstrip(".") in self.w.junk and not all_caps(text))  # "We", but "US" is a country
            or tuple(words) in self.w.title_phrases
            or all(w in self.w.title_words or w in self.w.title_modifiers for w in words)
            or words[-1] in self.w.non_entity_heads
            or words[-1] in self.w.currencies
            or key in self.w.time_zones
        )

    @staticmethod
    def _common_word(t: Tokens, start: int, end: int) -> bool:
        """A function word ("Against") or a capitalised common word opening a sentence
        ("Professionals do not ...") labelled as a name."""
        if end - start != 1 or not t.words[start][1:].islower():  # "COPENHAGEN" in a dateline is a name
            return False
        token = t.doc[start]
        if token.pos_ in FUNCTION_POS:
            return True
        common = token.tag_ in ("NN", "NNS") or token.pos_ in NOT_NAME_POS  # first: most names are proper nouns
        return common and (bool(token.is_sent_start) or opens_sentence(token))

    def _title_of_next(self, t: Tokens, start: int, end: int) -> bool:
        """Part of a title before a name: "Ukrainian President" Volodymyr ..., "Ugandan Trade" Minister ..."""
        doc = t.doc
        if end >= len(doc) or doc[start].ent_type_ == "NORP":
            return False
        if title_at(t.lower, end - 1, self.w) is not None and t.capitalised(end) and doc[end].is_alpha:
            return True
        if title_at(t.lower, end, self.w) is None:
            return False
        # "Chilean Fisheries" Minister, but not "European Commission" President
        return t.lower[end - 1] in self.w.title_modifiers or (
            t.capitalised(end) and country_of_demonym(t.words[start]) is not None
            and t.words[end - 1] not in self.w.org_heads
        )

    # ------------------------------------------------------------------ types

    def _retype(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """The type where the form or the context is plain; each rule may change it."""
        for rule in self._retype_rules:
            rule(t, d, text, in_dateline)

    def _article_person(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"the Kremlin": no person takes an article."""
        if d.label == "PERSON" and d.name_end - d.start == 1 and d.start > 0 \
                and t.lower[d.start - 1] in self.w.determiners:
            d.label, d.forced = "ORG", True

    def _listed_place(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"the Busia and Malaba crossings", "in Coahuila and Nuevo León"."""
        if d.label == "PERSON" and not d.titles and self._listed_with(t, d.start, d.end, PLACE_LABELS) and (
                d.name_end - d.start == 1 or self._coordination_after(t.doc, d.start)):
            d.label = "GPE"

    def _told_place(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"told Nordic Wire", "according to Axios": a place is not told."""
        if d.label in PLACE_LABELS and self.told_or_cited(t, d.start) and text not in self.w.known_places:
            d.label = "ORG"

    def _demonym_place(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"North American rights": a place name never ends in a demonym, and a demonym
        alone ("Iraqi" of "Iraqi Leaders") names no organisation."""
        if d.forced or text in self.w.known_places:
            return
        if d.label in PLACE_LABELS and country_of_demonym(text.split()[-1]) is not None \
                or d.label == "ORG" and " " not in text and country_of_demonym(text) is not None:
            d.label = "NORP"

    def _listed_org(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"officials from Timor-Leste and Papua New Guinea" (GPE); "competes with Novartis
        and Roche" (ORG)."""
        if d.label == "ORG" and not d.forced and not ACRONYM.match(text) and text.split()[-1] not in self.w.org_heads \
                and self._listed_with_known_place(t.doc, d.start, d.end):
            d.label = "GPE"
        elif d.label in PLACE_LABELS and not d.forced and text not in self.w.known_places \
                and self._listed_with_org(t.doc, d.start, d.end):
            d.label = "ORG"

    def _based_place(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"the Ottawa-based company"."""
        doc = t.doc
        if d.label != "GPE" and not d.forced and d.name_end + 1 < len(doc) and t.words[d.name_end] == "-" \
                and t.lower[d.name_end + 1] in self.w.based and not doc[d.name_end - 1].whitespace_:
            d.label = "GPE"

    def _dateline_place(self, t: Tokens, d: Draft, text: str, in_dateline: bool) -> None:
        """"HALIFAX, Nova Scotia —": a dateline names places only."""
        if not in_dateline or d.label in ("NORP", "GPE"):
            return
        doc = t.doc
        near_number = d.start > 0 and doc[d.start - 1].like_num or d.name_end < len(doc) and doc[d.name_end].like_num
        if not near_number:
            d.label, d.forced = "GPE", True

    # ------------------------------------------------------------------ refinement

    def _refine(self, t: Tokens, m: Mention) -> None:
        """Organisations by their form or description, places by their form, titles, and
        people by their company, a title or a following he/she."""
        words = m.name.split()
        before = self.word_before(t, m.start).rstrip(",")
        label = m.label
        if m.label != "ORG" and self._organisation_by_form(t, m, words, before):
            m.label = "ORG"  # "turbine maker Vestholm Turbines" labelled as a person
        elif self.place_by_form(m.name, words):
            m.by_form = True
            if m.label not in PLACE_LABELS:
                m.label = "LOC"  # "Zarumilla River", "Bay of Fundy" labelled as organisations
        self._person_evidence(t, m)
        self._person_by_context(t, m, before, label)

    def _organisation_by_form(self, t: Tokens, m: Mention, words: list[str], before: str) -> bool:
        if m.name in self.w.known_regions or m.name in self.w.known_places:
            return False  # "West Bank" is no bank
        return (
            len(words) > 1 and words[-1] in self.w.org_heads
            or before in self.w.org_descriptors  # "news agency X", "the operator, X"
            and not (m.label == "PERSON" and before in self.w.role_descriptors)  # "its producer, Thomas Kurian"
            or before.endswith("-based") and not m.titles  # "the Kochi-based Lotus Reel Pictures"
            or self.descriptor_after(t, m.end)
        )

    def _person_by_context(self, t: Tokens, m: Mention, before: str, label: str) -> None:
        doc = t.doc
        if m.titles and label != "PERSON" and self.named_like_person(m):
            m.label = "PERSON"  # "Commander Lucie Paris" labelled as a place
        elif m.label != "PERSON" and self.named_like_person(m) and (
            self._listed_with(t, m.start, m.end, frozenset({"PERSON"}))
            or m.label in PLACE_LABELS and self._of_country(doc, m.end)
        ):
            m.label = "PERSON"  # "Kaspar Lill, Ilze Ozola"/ORG, "Anna Nowak"/GPE "of Poland"
        elif m.label == "ORG" and before not in self.w.org_descriptors and self.named_like_person(m) \
                and not self.told_or_cited(t, m.start) and self._personal_pronoun_follows(t, m.start, m.end):
            m.label = "PERSON"  # "When I met Omar Haddad/ORG in Rabat, he said"
        elif m.label == "PERSON" and m.n_tokens == 1 and not m.person_cue and m.start > 0 \
                and t.lower[m.start - 1] in self.w.in_place \
                and not (m.end < len(doc) and doc[m.end].text in self.w.possessive):
            m.label = "GPE"  # "filmed in Kerala"/PERSON

    def place_by_form(self, text: str, words: list[str]) -> bool:
        """"Zarumilla River", "Bay of Fundy", "Gaza Strip": a place whatever the model said."""
        if len(words) < 2 or text in self.w.known_regions:
            return len(words) > 1
        if words[-1] in self.w.org_heads:
            return False
        return words[-1] in self.w.place_heads or len(words) > 2 and words[1] in self.w.of \
            and words[0] in self.w.place_heads or words[0] in self.w.leading_place_heads

    def named_like_person(self, mention: Mention) -> bool:
        """Two to four capitalised words with no organisation or place head and no
        place the gazetteer knows: a form a person's name can have."""
        words = mention.name.split()
        return 1 < len(words) <= 4 and mention.name not in self.w.known_places \
            and all((w[:1].isupper() or w in self.w.particles and i > 0) and w.replace("-", "").isalpha()
                    for i, w in enumerate(words)) and words[-1] not in self.w.particles \
            and words[-1] not in self.w.org_heads and words[-1] not in self.w.place_heads \
            and words[0] not in self.w.leading_place_heads

    # ------------------------------------------------------------------ context

    def _listed_with(self, t: Tokens, start: int, end: int, labels: frozenset[str]) -> bool:
        """Coordinated with a name of these types: "Busia and Malaba", "Malaba, Busia"."""
        doc = t.doc

        def joiner(i: int) -> bool:
            return t.lower[i] in self.w.coordinators or t.words[i] == ","

        before = start > 1 and joiner(start - 1) and doc[start - 2].ent_type_ in labels
        after = end + 1 < len(doc) and joiner(end) and doc[end + 1].ent_type_ in labels
        return before or after

    def _listed_with_known_place(self, doc: Doc, start: int, end: int) -> bool:
        """Coordinated with a country or city the gazetteer knows: "Timor-Leste and Papua New Guinea"."""
        if start > 1 and doc[start - 1].lower_ in self.w.coordinators:
            ent = doc[start - 2]
            if ent.ent_type_ in PLACE_LABELS and _ent_text(doc, ent.i) in self.w.known_places:
                return True
        if end + 1 < len(doc) and doc[end].lower_ in self.w.coordinators and doc[end + 1].ent_type_ in PLACE_LABELS:
            return _ent_text(doc, end + 1) in self.w.known_places
        return False

    def _coordination_after(self, doc: Doc, start: int) -> bool:
        """The list this name stands in ("X and Y", "X, Y and Z") follows "in", "near", ..."""
        first = start
        while first > 1 and (doc[first - 1].lower_ in self.w.coordinators or doc[first - 1].text == ","):
            first -= 2
            while first > 0 and doc[first].ent_iob_ == "I":
                first -= 1
        return first > 0 and doc[first - 1].lower_ in self.w.in_place

    def _listed_with_org(self, doc: Doc, start: int, end: int) -> bool:
        """Coordinated with a name the model calls an organisation: "competes with Novartis
        and Roche" (not "from Gujarat and Tamil Nadu")."""
        if start > 1 and doc[start - 1].lower_ in self.w.coordinators and doc[start - 2].ent_type_ == "ORG":
            first = start - 2
            while first > 0 and doc[first].ent_iob_ == "I":
                first -= 1
        elif end + 1 < len(doc) and doc[end].lower_ in self.w.coordinators and doc[end + 1].ent_type_ == "ORG":
            first = start
        else:
            return False
        while first > 0 and doc[first - 1].lower_ in self.w.determiners:
            first -= 1
        return first == 0 or doc[first - 1].lower_ not in self.w.place_prepositions

    def _of_country(self, doc: Doc, end: int) -> bool:
        """Followed by "of" and a known place: "Tomas Novak of the Czech Republic"."""
        if end + 1 >= len(doc) or doc[end].lower_ not in self.w.of:
            return False
        i = end + 1
        if doc[i].lower_ in self.w.determiners and i + 1 < len(doc):
            i += 1
        return doc[i].ent_type_ in PLACE_LABELS and _ent_text(doc, i) in self.w.known_places

    def _personal_pronoun_follows(self, t: Tokens, start: int, end: int) -> bool:
        """A he/she in this or the next sentence before any other person, title or "it",
        with no person earlier in the sentence to take it: the name is a person's."""
        doc, lower = t.doc, t.lower
        if end < len(doc) and doc[end].text in self.w.possessive:
            return False
        for i in range(start - 1, -1, -1):
            if lower[i] in (".", "!", "?") or "\n" in lower[i]:
                break
            if doc[i].ent_type_ == "PERSON":
                return False  # "Maria Lopez met X …, and she said": she is Maria Lopez
        stops = 0
        for i in range(end, min(len(doc), end + PRONOUN_LOOK_AHEAD)):
            word = lower[i]
            if word in self.w.personal_pronouns:
                return True
            if word in self.w.neuter_pronouns or doc[i].ent_type_ == "PERSON" or word in self.w.title_words:
                return False
            if word in (".", "!", "?"):
                stops += 1
                if stops == 2:
                    return False
        return False

    def told_or_cited(self, t: Tokens, start: int) -> bool:
        """Right after "told" or "according to"."""
        return self.w.told.ending_at(t.lower, start) is not None

    def word_before(self, t: Tokens, start: int) -> str:
        """The whitespace-delimited word before a token, lower case ("start-up")."""
        if start == 0:
            return ""
        i = start - 1
        while i > 0 and not t.spaced[i - 1]:
            i -= 1
        return t.span_text(i, start).lower()

    # ------------------------------------------------------------------ titles

    def _person_evidence(self, t: Tokens, m: Mention) -> None:
        """Titles of a person and whether a bare name is used as a person."""
        before = self.title_before(t, m.start)
        if before:
            m.titles.insert(0, before)
        if m.label == "PERSON":
            m.titles += self._appositive_titles(t, m)
        elif m.n_tokens > 1 and not before:
            if not self.named_like_person(m):
                return
            m.titles += self._appositive_titles(t, m)  # "its energy minister, Aru Bekov"/GPE
            if not m.titles:
                return
        if m.titles:
            m.person_cue = True
        elif m.n_tokens == 1 and t.parsed and self._speaks(Span(t.doc, m.start, m.end).root):  # Span(): no slice
            m.person_cue = True

    def _speaks(self, root: Token) -> bool:
        """The subject of a speech verb ("Rojo said")."""
        verb = root.head
        if verb.lemma_.lower() not in self.w.person_verbs:
            return False
        # a child of the verb with a subject label is one of its subjects: no need to list them all
        return root.dep in self._subject and verb.i != root.i or root in self.syntax.subjects(verb)

    def _surnames(self, doc: Doc) -> frozenset[str]:
        """Last words of the model's multi-word person names: "Krajčovič" opening a sentence
        is Ľubomír Krajčovič, however the tagger tagged it."""
        if self._surnames_of is None or self._surnames_of[0] is not doc:
            names = frozenset(norm(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1)
            self._surnames_of = (doc, names)
        return self._surnames_of[1]

    def _doc_titles(self, doc: Doc) -> list:
        if self._titles_of is None or self._titles_of[0] is not doc:
            titles = self.titles(doc)
            ending: dict[int, int] = {}
            for k, title in enumerate(titles):
                ending.setdefault(title.end, k)
            self._titles_of = (doc, titles, ending)
        return self._titles_of[1]

    def title_before(self, t: Tokens, start: int) -> str | None:
        """The title right before a name ("Deputy Foreign Minister", "Minister of Health, ")."""
        if start == 0:
            return None
        comma = t.words[start - 1] == ","
        titles = self._doc_titles(t.doc)
        ending = self._titles_of[2]
        found = [k for k in (ending.get(start), ending.get(start - 1) if comma else None) if k is not None]
        if not found:
            return None
        title = titles[min(found)]  # the first title in the doc's list that ends there
        return self._title_text(t, title.start, title.end)

    def _appositive_titles(self, t: Tokens, m: Mention) -> list[str]:
        """Titles standing in apposition: "X, the guild's president", "the TWC's director, X"."""
        doc = t.doc
        if not t.parsed:
            return []
        root = Span(doc, m.start, m.end).root
        nouns = list(self.syntax.appositions(root))
        if root.head.i != root.i and root.dep_ in self.syntax.s.apposition:  # itself an apposition of its head
            nouns.append(root.head)
        found = []
        for noun in nouns:
            if not _comma_between(doc, m, noun):
                continue  # an apposition without a comma is a parse of a glued name, not a title
            title = next((x for x in self._doc_titles(doc) if x.role_start <= noun.i < x.end), None)
            if title is not None:
                found.append(self._title_text(t, title.start, title.end))
        return found

    @staticmethod
    def _title_text(t: Tokens, start: int, end: int) -> str:
        while end > start and t.doc[end - 1].is_punct:
            end -= 1
        title = t.clean_text(start, end)
        return normal_case(title) if title.isupper() and len(title) > 3 else title  # "SECRETARY", not "CEO"


def _has_currency_sign(text: str) -> bool:
    """"NZ$100", "€5": a currency sign (in ASCII only "$" is one, found without a scan per character)."""
    if text.isascii():
        return "$" in text
    return any(unicodedata.category(c) == "Sc" for c in text)


def _hyphen_compound(t: Tokens, end: int) -> bool:
    """The first part of a capitalised compound ("Indo" of "Indo-Pacific"), not "U.S.-led"."""
    return (
        end + 1 < len(t.words) and t.words[end] == "-" and not t.spaced[end - 1]
        and not t.spaced[end] and t.capitalised(end + 1)
    )


def _comma_between(doc: Doc, m: Mention, noun: Token) -> bool:
    """"X, the guild's president" / "the TWC's director, X": a comma between the two."""
    lo, hi = (m.end, noun.i) if noun.i >= m.end else (noun.i, m.start)
    return any(t.text == "," for t in doc[lo:hi])


def _ent_text(doc: Doc, i: int) -> str:
    """The text of the model's entity covering token i."""
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text
