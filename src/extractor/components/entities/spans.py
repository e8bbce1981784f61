"""Name spans: the model's spans of our labels grown to whole names, overridden by
names found by their form where the model missed or mislabelled them."""
from __future__ import annotations

import bisect

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from ...layout import Layout
from ...syntax import Syntax
from ..titles import Title, TitleScanner
from .common import ACRONYM, LABELS, STOP_POS, Tokens, initials, norm, opens_sentence
from .growth import NameGrowth
from .header import HeaderNames
from .places import PlaceForms
from .words import EntityWords

MAX_ACRONYM_NAME = 4  # words of a name before "(TWC)"


class SpanFinder:
    def __init__(self, words: EntityWords, syntax: Syntax, titles: TitleScanner, growth: NameGrowth) -> None:
        self.w = words
        self.syntax = syntax
        self.titles = titles
        self.growth = growth
        self.places = PlaceForms(words, growth)
        self.header = HeaderNames(words)
        self._org_words = words.org_heads | words.org_openers  # the only words an unlabelled organisation ends on

    def find(self, t: Tokens, layout: Layout) -> list[tuple[Span, bool]]:
        """NER spans of our labels (grown to whole names), overridden by names found by
        rule; the flag marks spans whose label is certain (the dateline credit, a byline)."""
        doc = t.doc
        spans: list[tuple[Span, bool]] = []
        ents = doc.ents  # built once: each doc.ents call creates new Span objects
        titles = self.titles(doc)
        title_ends = frozenset(title.end for title in titles)
        for ent in self._join_split_people(doc, ents, title_ends):
            if ent.label_ in LABELS and (not spans or ent.start >= spans[-1][0].end):
                spans.append((self.growth.whole_name(t, ent, title_ends), False))
        spans = self.header.names(t, spans, layout)
        by_rule = self._titled_names(t, titles)
        for rule in (self._speaking_names, self._unlabelled_orgs, self.places.unlabelled, self._described_orgs):
            by_rule += rule(t)
        by_rule += self._listed_people(t, ents)
        found = [(s, True) for s in self.header.credits(t, layout)]
        found += [(s, False) for s in self.header.before_dates(t, by_rule, layout)]  # "the province of Idlib Tuesday"
        spans = override(spans, found)
        acronyms = self._defined_acronyms(t, [s for s, _ in spans], layout.dateline_end)
        return override(spans, [(s, False) for s in acronyms])

    # ------------------------------------------------------------------ the model's spans

    def _join_split_people(self, doc: Doc, ents: tuple[Span, ...], title_ends: frozenset[int]) -> list[Span]:
        """Adjacent spans that are one name split by the model become one span:
        "Zsolt"/PERSON + "Bárány"/GPE, "National Union"/ORG + of + "Port Workers"/ORG;
        never across the end of a title ("the Prime Minister of the UK" + "Keir Starmer")."""
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if prev is not None and prev.label_ == "ORG" and ent.label_ in ("ORG", "PERSON") \
                    and prev.end + 1 == ent.start and doc[prev.end].lower_ in self.w.of:
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            elif prev is not None and prev.end == ent.start and prev.end not in title_ends \
                    and "PERSON" in (prev.label_, ent.label_) and "NORP" not in (prev.label_, ent.label_) \
                    and prev[-1].whitespace_ and ent[0].is_alpha \
                    and ent[0].text[0].isupper():
                out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            else:
                out.append(ent)
        return out

    # ------------------------------------------------------------------ people

    def _titled_names(self, t: Tokens, titles: list[Title]) -> list[Span]:
        """Names right after a title that the model missed or cut short: "Water Secretary
        Andrés Quishpe", "Minister of Agriculture, Forestry and Fisheries Hiroshi Moriyama"."""
        doc = t.doc
        found: list[Span] = []
        for title in titles:
            if doc[title.role_end - 1].pos_ in STOP_POS:
                continue  # "to head Indonesia's ministry" is no title
            bounds = self.titles.name_after(doc, title.end)
            if bounds is None:
                continue
            start, end = bounds
            while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
                end += 1  # "Sam" + "Whitely" (tagged ADV): the model's name runs on
            names = Span(doc, start, end)  # Span(): no slice to normalise
            labels = {x.ent_type_ for x in names}
            if labels == {"PERSON"} and names[0].ent_iob_ == "B" and (end == len(doc) or doc[end].ent_iob_ != "I"):
                continue  # the model already has exactly this name
            if "NORP" not in labels and not any(t.words[k] in self.w.org_heads for k in range(start, end)):
                found.append(Span(doc, start, end, label="PERSON"))  # a title overrules the model's label
        return found

    def _speaking_names(self, t: Tokens) -> list[Span]:
        """An unlabelled name of two to four words that is the subject of a speech verb:
        "«…,» Karl Weber said" (only a person speaks with a first name and a surname)."""
        doc = t.doc
        if not t.parsed:
            return []
        found: list[Span] = []
        lemmas = doc.to_array(LEMMA).tolist()
        cues = (doc[i] for i, h in enumerate(lemmas) if h in self.w.person_verb_ids)  # Token objects for cues only
        for verb in cues:
            if verb.pos_ == "VERB":
                found += [span for subj in self.syntax.subjects(verb) if (span := self._speaker_name(t, subj))]
        return found

    def _speaker_name(self, t: Tokens, subj: Token) -> Span | None:
        doc = t.doc
        if subj.pos_ != "PROPN" or subj.ent_type_:
            return None
        parts = sorted([subj, *(c for c in subj.children if self.syntax.is_name_part(c))], key=lambda x: x.i)
        start, end = parts[0].i, parts[-1].i + 1
        if not 2 <= end - start <= 4 or end - start != len(parts):
            return None
        names = Span(doc, start, end)
        if all(_name_word(x) and not x.ent_type_ and t.lower[x.i] not in self.w.title_words for x in names) \
                and names[-1].text not in self.w.org_heads and names[-1].text not in self.w.place_heads \
                and names.text not in self.w.known_places:
            return Span(doc, start, end, label="PERSON")
        return None

    def _listed_people(self, t: Tokens, ents: tuple[Span, ...]) -> list[Span]:
        """An unlabelled two- or three-word name in a list of people:
        "Kaspar Lill, Ilze Vītoliņa and Rokas Dapkevičius"."""
        found: list[Span] = []
        for ent in ents:
            if ent.label_ == "PERSON":
                found += self._listed_after(t, ent) + self._listed_before(t, ent)
        return sorted(set(found), key=lambda sp: sp.start)

    def _proper(self, token: Token) -> bool:
        return self.growth.loose_name_word(token) and token.pos_ in ("PROPN", "")

    def _listed_after(self, t: Tokens, ent: Span) -> list[Span]:
        """PERSON, Name Name"""
        doc = t.doc
        if ent.end + 3 > len(doc) or not (t.words[ent.end] == "," or t.lower[ent.end] in self.w.coordinators):
            return []
        end = ent.end + 1
        while end < len(doc) and end - ent.end <= 3 and self._proper(doc[end]):
            end += 1
        if end - ent.end - 1 in (2, 3) and (end == len(doc) or not self._proper(doc[end])):
            return [Span(doc, ent.end + 1, end, label="PERSON")]
        return []

    def _listed_before(self, t: Tokens, ent: Span) -> list[Span]:
        """Name Name, PERSON"""
        doc = t.doc
        if ent.start < 3 or not (t.words[ent.start - 1] == "," or t.lower[ent.start - 1] in self.w.coordinators):
            return []
        start = ent.start - 1
        while start > 0 and ent.start - 1 - start < 3 and self._proper(doc[start - 1]):
            start -= 1
        if ent.start - 1 - start in (2, 3) and (start == 0 or not self._proper(doc[start - 1])):
            return [Span(doc, start, ent.start - 1, label="PERSON")]
        return []

    # ------------------------------------------------------------------ organisations

    def _unlabelled_orgs(self, t: Tokens) -> list[Span]:
        """Capitalised names the model missed that are organisations by their form:
        "Vestholm Turbines", "Central European Infrastructure Bank", "Ministry of Climate"."""
        doc, words = t.doc, t.words
        found: list[Span] = []
        last_end = 0
        for h, word in enumerate(words):
            if word not in self._org_words or h < last_end or not self._org_word_at(doc, words, h):
                continue
            span = self._opener_name(t, h) or self._headed_name(t, h, found)
            if span is not None:
                found.append(span)
                last_end = span.end
        return found

    def _org_word_at(self, doc: Doc, words: list[str], h: int) -> bool:
        """An organisation word (head or opener) the model left unlabelled (or a lone "Chamber" it labelled)."""
        word = words[h]
        if not doc[h].ent_type_:
            return True
        alone = doc[h].ent_iob_ == "B" and (h + 1 == len(doc) or doc[h + 1].ent_iob_ != "I")
        return alone and word in self.w.org_heads and h > 0 and not doc[h - 1].ent_type_

    def _opener_name(self, t: Tokens, h: int) -> Span | None:
        """"Ministry of Climate", "Centre for Policy Studies"."""
        doc, words = t.doc, t.words
        if words[h] not in self.w.org_openers or h + 2 >= len(doc) or words[h + 1] not in self.w.opener_joiners:
            return None
        tail = self._opener_tail(doc, words, h + 2)
        return Span(doc, h, tail, label="ORG") if tail > h + 2 else None

    def _headed_name(self, t: Tokens, h: int, found: list[Span]) -> Span | None:
        """"Vestholm Turbines": capitalised words before an organisation head word."""
        doc, words = t.doc, t.words
        if words[h] not in self.w.org_heads or h + 1 < len(doc) and (
            self.growth.loose_name_word(doc[h + 1])
            # "Energy Minister"
            or doc[h + 1].lower_ in self.w.title_ends and words[h].lower() in self.w.title_modifiers
        ):
            return None
        start = self._org_start(doc, words, h)
        before = doc[start - 1] if start > 0 else None
        if start == h or before is not None and before.ent_type_ and before.whitespace_ and before.is_alpha:
            return None  # else the model's span grows over it
        if start > 1 and words[start - 1] in self.w.org_joiners and doc[start - 2].ent_type_ == "ORG":
            return None
        while found and found[-1].start >= start:
            found.pop()  # "Barge Owners" inside "Barge Owners’ Chamber"
        return Span(doc, start, h + 1, label="ORG")

    def _opener_tail(self, doc: Doc, words: list[str], first: int) -> int:
        """End of the name after "Ministry of": capitalised words, a demonym before
        another one, and "and"/"of" between them ("Federation of Indian Chambers of
        Commerce and Industry"); a place ends it ("Ministry of Health of Kenya")."""

        def word(i: int) -> bool:
            token = doc[i]
            return token.is_alpha and words[i][0].isupper() and (
                token.ent_type_ not in ("GPE", "NORP")
                or token.ent_type_ == "NORP" and i + 1 < len(doc) and doc[i + 1].is_alpha and words[i + 1][0].isupper()
            )

        tail = first
        while tail < len(doc):
            if word(tail):
                tail += 1
            elif tail > first and words[tail] in self.w.name_joiners - self.w.org_for and tail + 1 < len(doc) \
                    and word(tail + 1):
                tail += 2
            else:
                break
        return tail

    def _org_start(self, doc: Doc, words: list[str], h: int) -> int:
        """Where an organisation name ending in head word h starts. It runs over "and"
        ("Gem and Jewellery Export Council") and over "of" after a place or institution
        word ("Gulf of Guinea Grid Company"); where an acronym in parentheses follows, over
        what it spells ("Rail and Signal Workers’ Association (RSWA)")."""
        starts = self._org_starts(doc, words, h)
        acronym = words[h + 2] if h + 3 < len(words) and words[h + 1] == "(" and words[h + 3] == ")" else ""
        if ACRONYM.match(acronym):
            letters = norm(acronym).replace(" ", "")
            for candidate in starts:
                if initials(t_text(doc, candidate, h + 1), self.w.initial_skip) == letters:
                    return candidate
        chosen = starts[0]
        for candidate in starts[1:]:
            if words[chosen - 1] in self.w.of and words[chosen - 2] not in self.w.place_heads \
                    and words[chosen - 2] not in self.w.org_openers:
                break  # "Smith of Acme Energy"
            chosen = candidate
        return chosen

    def _org_starts(self, doc: Doc, words: list[str], h: int) -> list[int]:
        """Possible starts of the name, nearest first."""
        starts = []
        start = h
        while start > 0:
            if self._org_word_before(doc[start - 1]):
                start -= 1
            elif start > 1 and words[start - 1] in self.w.possessive and len(words[start - 1]) == 1 \
                    and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha and words[start - 2][0].isupper() \
                    and doc[start - 2].ent_type_ in ("", "NORP"):
                start -= 2  # "Regional Aviators’ Union"
            elif start > 1 and start < h and words[start - 1] in self.w.name_joiners - self.w.org_for \
                    and self._org_word_before(doc[start - 2]) \
                    and not (words[start - 1] not in self.w.of and words[start - 2] in self.w.org_heads):
                starts.append(start)  # not two companies
                start -= 2
            else:
                break
        starts.append(start)
        return starts

    def _org_word_before(self, token: Token) -> bool:
        return (
            token.is_alpha and token.text[0].isupper() and bool(token.whitespace_)
            and token.ent_type_ in ("", "NORP") and token.lower_ not in self.w.determiners
            and token.lower_ not in self.w.title_words and token.lower_ not in self.w.junk
            and (token.pos_ in ("PROPN", "NOUN", "ADJ", "") or token.ent_type_ == "NORP" or not opens_sentence(token))
        )

    def _described_orgs(self, t: Tokens) -> list[Span]:
        """Unlabelled names that a descriptor calls an organisation:
        "news agency TASS", "Flemnor Power, the company building the cable"."""
        doc, words = t.doc, t.words
        found: list[Span] = []
        for i, word in enumerate(words):
            if word in self.w.org_descriptors and i + 1 < len(doc):  # lower case: "agency", not "Agency"
                found += self._named_after_descriptor(doc, i) + self._named_in_descriptor(doc, i)
            elif word == "," and i > 1 and self.descriptor_after(t, i):
                found += self._named_before_descriptor(doc, i)
        return found

    def _named_after_descriptor(self, doc: Doc, i: int) -> list[Span]:
        end = i + 1
        while end < len(doc) and end - i <= 4 and self.growth.loose_name_word(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        if end > i + 1 and (end == len(doc) or not doc[end].ent_type_):
            return [Span(doc, i + 1, end, label="ORG")]
        return []

    def _named_in_descriptor(self, doc: Doc, i: int) -> list[Span]:
        """An unlabelled proper noun that is a name part of the descriptor: "the Herald newspaper"."""
        start = i
        while start > 0 and i - start < 4 and not doc[start - 1].ent_type_ and doc[start - 1].pos_ == "PROPN" \
                and self.growth.loose_name_word(doc[start - 1]) and self.syntax.is_name_part(doc[start - 1]) \
                and doc[start - 1].head.i in range(start, i + 1):
            start -= 1
        return [Span(doc, start, i, label="ORG")] if start < i else []

    def _named_before_descriptor(self, doc: Doc, i: int) -> list[Span]:
        start = i
        while start > 0 and i - start < 4 and self.growth.loose_name_word(doc[start - 1]):
            start -= 1
        if start < i and doc[start].pos_ in ("PROPN", "") and (i - start > 1 or not opens_sentence(doc[start])) \
                and not (start > 0 and doc[start - 1].ent_type_ and doc[start - 1].whitespace_):
            return [Span(doc, start, i, label="ORG")]
        return []

    def descriptor_after(self, t: Tokens, end: int) -> bool:
        """An apposition that calls the name an organisation: "X, the Norwegian state-owned utility that"."""
        doc, lower = t.doc, t.lower
        if end + 2 >= len(doc) or lower[end] != "," or lower[end + 1] not in self.w.determiners:
            return False
        for token in doc[end + 2 : end + 9]:
            hyphenated = token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_  # "state-owned"
            if token.is_punct and token.text != "-" or token.pos_ in ("VERB", "AUX", "ADP", "PRON") and not hyphenated:
                return False
            if token.lower_ in self.w.org_descriptors or hyphenated and \
                    token.nbor(-2).lower_ + "-" + token.lower_ in self.w.org_descriptors:
                nxt = token.nbor(1) if token.i + 1 < len(doc) else None
                return nxt is None or nxt.text not in self.w.possessive and (
                    nxt.pos_ not in ("NOUN", "PROPN") or nxt.lower_.endswith("ing"))  # "the company building ..."
        return False

    # ------------------------------------------------------------------ acronyms

    def _defined_acronyms(self, t: Tokens, spans: list[Span], dateline_end: int) -> list[Span]:
        """Acronyms in "(TWC)" right after a multi-word name, and every later bare use;
        after an organisation also a short name that is no acronym ("... Chamber (Canacero)")."""
        doc, words = t.doc, t.words
        labelled = {i for s in spans for i in range(s.start, s.end)}
        found: list[Span] = []
        places: dict[str, list[int]] | None = None  # a word -> where it stands, read at the first definition
        for span in spans:
            j = span.end
            if span.label_ in ("ORG", "FAC", "GPE", "LOC") and len(span) > 1 and j + 2 < len(doc) \
                    and words[j] == "(" and words[j + 2] == ")" and span.start_char >= dateline_end \
                    and (ACRONYM.match(words[j + 1]) or span.label_ == "ORG" and self.short_name(doc, j + 1)):
                places = places if places is not None else _places(words)
                for i in places[words[j + 1]][bisect.bisect_left(places[words[j + 1]], j + 1):]:
                    if i not in labelled:
                        found.append(Span(doc, i, i + 1, label=span.label_))
                        labelled.add(i)
        return found

    def short_name(self, doc: Doc, i: int) -> bool:
        """A capitalised word that can be an organisation's short name: no place, date or
        title ("(Canacero)", not "(Germany)" or "(Monday)")."""
        word = doc[i].text
        return word[:1].isupper() and word.isalpha() and word not in self.w.known_places \
            and word.lower() not in self.w.junk and word.lower() not in self.w.title_words


def _name_word(token: Token) -> bool:
    """A word that can continue a personal name ("Jean-Pierre" included)."""
    if token.text == "-" and not token.whitespace_ and token.i + 1 < len(token.doc):
        return token.nbor(1).text[:1].isupper() and not token.nbor(-1).whitespace_
    after_hyphen = token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_
    return token.is_alpha and token.text[0].isupper() and (
        after_hyphen  # "Yves" of "Pierre-Yves", whatever its tag
        or (token.pos_ in ("PROPN", "") or token.is_upper) and not opens_sentence(token)
    )


def t_text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc[start:end].text.split())


def override(spans: list[tuple[Span, bool]], found: list[tuple[Span, bool]]) -> list[tuple[Span, bool]]:
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


def _places(words: list[str]) -> dict[str, list[int]]:
    """Where each word stands, in text order."""
    places: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        places.setdefault(word, []).append(i)
    return places
