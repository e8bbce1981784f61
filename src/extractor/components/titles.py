"""Title sequences before names, as real news prints them.

"The Prime Minister of the United Kingdom Keir Starmer", "Minister of Agriculture,
Forestry and Fisheries Hiroshi Moriyama", "Haiti Minister of Health, Alex Larsen",
"U.S. Army Lt. Gen. Sean McFarland", "Chinese State Councilor and Foreign Minister
Wang Yi", "Minister of State for Foreign Affairs, Dr Anwar ...". A title is a role
word or phrase (``data/titles.txt``) with

- modifiers before it: listed words ("deputy", "former"), capitalised words, a
  place or an organisation ("Haiti Minister", "Hospital Doctors Association President");
- after it, "of"/"for" phrases whose object is a portfolio (``data/portfolios.txt``),
  a known place, a demonym, an organisation name ending in an organisation head word
  ("the European Council") or a lower-case noun ("the South Sudanese delegation");
- further roles joined by "and" ("State Councilor and Foreign Minister") or after a
  comma ("..., Dr").

The name starts at the first capitalised word that is none of these. Used by the
gazetteer (to cut titles out of the model's spans) and by the entities (to record a
person's titles), so both read titles the same way.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import wordlists
from .gazetteer import gazetteer_data

MAX_MODIFIERS = 5  # words before a role word
NOT_MODIFIER_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "ADV", "INTJ", "NUM"})
MAX_NAME_WORDS = 8  # "Sabah al - Ahmed al - Sabbah"
INITIAL = re.compile(r"^[A-Z]\.$")  # "W." of "George W. Bush"
MAX_NAME_RUN = 5  # words of an organisation name inside a title ("Hospital Doctors Association")


class Title(NamedTuple):  # a named tuple: a frozen dataclass took 1 us to make, three times as long
    start: int  # token range of the whole title
    end: int
    role_start: int  # the first role word's range
    role_end: int


class TitleScanner:
    def __init__(self, nlp: Language) -> None:
        titles = wordlists.titles()
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles.add("ROLE", list(nlp.tokenizer.pipe(sorted(titles))))
        self.roles.add("ROLE", [Doc(nlp.vocab, words=t.split()) for t in sorted(titles)])  # "Rep." kept whole
        self.modifiers = frozenset(w.lower() for w in wordlists.lines("title_modifiers.txt"))
        self.portfolios = frozenset(w.lower() for w in wordlists.lines("portfolios.txt"))
        self.prepositions = frozenset(wordlists.lines("title_prepositions.txt"))
        self.org_heads = frozenset(wordlists.by_mark("org_heads.txt", ">")[""]) | frozenset(
            wordlists.by_mark("org_heads.txt", ">")[">"])
        data = gazetteer_data()
        self.places = frozenset(data.gpe) | frozenset(data.loc)
        self.demonyms = data.demonyms
        self.longest_place = data.place_words  # built with the gazetteer's cached data, not at every start
        self.longest_demonym = _longest_by_first_word(self.demonyms)
        self.particles = frozenset(wordlists.lines("name_particles.txt"))
        self.institution_words = frozenset(data.institution_words)
        self._last: tuple[Doc, list[Title]] | None = None  # the last Doc read, and its titles

    def __call__(self, doc: Doc) -> list[Title]:
        """The Doc's titles, in order (read once per Doc: the gazetteer and the entities both ask)."""
        if self._last is None or self._last[0] is not doc:
            self._last = (doc, self._scan(doc))
        return list(self._last[1])

    def _scan(self, doc: Doc) -> list[Title]:
        found: list[Title] = []
        roles = _longest_first(self.roles(doc))
        role_starts = dict(roles)  # once per doc: per title it made long documents cost the square of their roles
        for start, role_end in roles:
            if found and start < found[-1].end:
                continue
            begin = self._left(doc, start, found[-1].end if found else 0)
            definite = begin > 0 and doc[begin - 1].pos_ == "DET"  # "The Secretary and Director Wang": two people
            end = self._right(doc, role_end, role_starts, chain=not definite)
            found.append(Title(begin, end, start, role_end))
        return found

    # ------------------------------------------------------------------ left

    def _left(self, doc: Doc, start: int, floor: int) -> int:
        """Over modifiers: listed words, nouns and adjectives ("police commander"),
        capitalised words, places and organisations ("Kremlin aide", "U.S. Army Lt. Gen.")."""
        begin = start
        while begin > floor and start - begin < MAX_MODIFIERS:
            if begin - 2 >= floor and doc[begin - 1].text == "-" and _joined(doc[begin - 1]) \
                    and doc[begin - 2].is_alpha:
                begin -= 2  # "Director-General", "co-leader", "U-S"
            elif self._modifier(doc[begin - 1]):
                begin -= 1
            else:
                break
        return begin

    def _modifier(self, token: Token) -> bool:
        if token.is_space or token.is_punct or token.like_num:  # a line break is a space token
            return False
        if token.lower_ in self.modifiers:
            return True
        if token.text[:1].isupper():
            return token.pos_ not in NOT_MODIFIER_POS or "." in token.text  # "U.S."
        return token.pos_ in ("NOUN", "ADJ", "PROPN") and "." not in token.text  # not "a.m."

    # ------------------------------------------------------------------ right

    def _right(self, doc: Doc, end: int, role_starts: dict[int, int], chain: bool) -> int:
        """Over "of"/"for" phrases and further roles: next to it ("Deputy Foreign Minister",
        "Chief Negotiator"), after "and" or a comma ("State Councilor and Foreign Minister")."""
        while end < len(doc):
            token = doc[end]
            if token.lower_ in self.prepositions and end + 1 < len(doc):
                grown = self._object(doc, end + 1)
                grown = grown if grown > end + 1 else None
            elif chain and (token.pos_ == "CCONJ" or token.text == ","):
                grown = self._next_role(doc, end + 1, role_starts)
            else:
                grown = self._next_role(doc, end, role_starts)
            if grown is None:
                break
            end = grown
        return end

    def _next_role(self, doc: Doc, i: int, role_starts: dict[int, int]) -> int | None:
        """The end of a role that starts within a few modifiers of token i ("and Foreign Minister")."""
        j = i
        while j < len(doc) and j - i <= MAX_MODIFIERS:
            if j in role_starts:
                return role_starts[j]
            if not self._modifier(doc[j]):
                return None
            j += 1
        return None

    def _object(self, doc: Doc, j: int) -> int:
        """End of the object of a title's "of"/"for": a portfolio ("Agriculture, Forestry
        and Fisheries"), a place, an organisation name, a demonym or a lower-case noun
        ("the South Sudanese delegation"); ``j`` itself when there is none."""
        first = j + 1 if j < len(doc) and doc[j].pos_ == "DET" else j
        end = self._first_unit(doc, first)
        if end == first:
            return self._short_name(doc, first) if first == j else j
        while end < len(doc):
            if doc[end].lower_ in self.portfolios or doc[end].pos_ == "NOUN" and doc[end].text.islower():
                end += 1
                continue
            after = self._joined_portfolio(doc, end)
            if after is None:
                break
            end = after
        return end

    def _joined_portfolio(self, doc: Doc, end: int) -> int | None:
        """", Forestry", "and Welfare", ", and Welfare": the position of the next portfolio word."""
        after = end
        while after < len(doc) and after - end < 2 and (doc[after].text == "," or doc[after].pos_ == "CCONJ"):
            after += 1
        if after > end and after < len(doc) and doc[after].lower_ in self.portfolios:
            return after
        return None

    def _first_unit(self, doc: Doc, i: int) -> int:
        """End of the first piece of a title's object (i when there is none)."""
        if i >= len(doc):
            return i
        organisation = self._organisation_at(doc, i)
        if organisation > i:
            return organisation
        if doc[i].lower_ in self.portfolios or doc[i].pos_ == "NOUN" and doc[i].text.islower():
            return i + 1
        n = _known_at(doc, i, self.places, self.longest_place)
        if n:
            return i + n
        n = _known_at(doc, i, self.demonyms, self.longest_demonym)
        if n and i + n < len(doc) and not doc[i + n].text[:1].isupper():
            return i + n  # "the South Sudanese delegation", not "the European Conservatives"
        return i

    def _organisation_at(self, doc: Doc, i: int) -> int:
        """A capitalised run ending in an organisation head word ("European Council"), a
        possessive inside it ("the European People's Party")."""
        end = i
        while end < len(doc) and end - i < MAX_NAME_RUN and doc[end].is_alpha and doc[end].text[0].isupper():
            end += 1
            if doc[end - 1].text in self.org_heads:
                return end
            if end > i and inner_possessive(doc, end):
                end += 1
        return i

    def demonym_at(self, doc: Doc, i: int) -> int:
        """Number of words of a demonym starting at token i ("South Sudanese"), else 0."""
        return _known_at(doc, i, self.demonyms, self.longest_demonym)

    # ------------------------------------------------------------------ the name

    def name_after(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """Token range of the personal name right after a title at token i (a comma
        between): capitalised words, initials, particles and hyphenated parts; None where
        the words are an organisation or a place ("General Motors")."""
        if i < len(doc) and doc[i].text == ",":
            i += 1
        words: list[str] = []  # the name's words, each read once
        while i + len(words) < len(doc) and len(words) < MAX_NAME_WORDS:
            token = doc[i + len(words)]  # (a line break is a space token, which ends the name)
            if not self._name_word(token, i):
                break
            words.append(token.text)
        while words and (words[-1] == "-" or words[-1].lower() in self.particles):  # LOWER is str.lower
            words.pop()
        if not words or not words[0][:1].isupper() or any(w in self.institution_words for w in words):
            return None
        return i, i + len(words)

    def _name_word(self, token: Token, first: int) -> bool:
        """A word of a personal name: capitalised, a particle ("bin", "al") or joined by a hyphen."""
        k = token.i
        if token.is_alpha and token.text[0].isupper() or k > first and INITIAL.match(token.text):
            return not token.is_sent_start or k == first
        return k > first and (token.lower_ in self.particles or _joined(token))

    @staticmethod
    def _short_name(doc: Doc, j: int) -> int:
        """"Co-leader of Greens, X": a capitalised run closed by a comma is the object."""
        end = j
        while end < len(doc) and end - j < MAX_NAME_RUN and doc[end].is_alpha and doc[end].text[0].isupper():
            end += 1
        return end if end > j and end < len(doc) and doc[end].text == "," else j


def _joined(token: Token) -> bool:
    """A hyphen inside a word ("Ki-moon"), or the word after such a hyphen."""
    doc = token.doc
    if token.text == "-":
        return not token.whitespace_ and token.i > 0 and not doc[token.i - 1].whitespace_ and token.i + 1 < len(doc)
    return token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ and token.is_alpha


def inner_possessive(doc: Doc, k: int) -> bool:
    """Token k is a possessive ending joined to the word before and followed by a capitalised
    word of the same name ("People's" of "the National People's Congress")."""
    return k + 1 < len(doc) and doc[k].tag_ == "POS" and not doc[k - 1].whitespace_ \
        and doc[k + 1].is_alpha and doc[k + 1].text[0].isupper()


def _longest_first(matches) -> list[tuple[int, int]]:
    """Role matches as ranges, the longest at each start, none inside another."""
    spans = sorted(((s, e) for _, s, e in matches), key=lambda x: (x[0], -x[1]))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def _longest_by_first_word(names: Iterable[str]) -> dict[str, int]:
    """First word -> the most words of a name starting with it, to find known names in token order."""
    out: dict[str, int] = {}
    for words in (name.split() for name in names):
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _known_at(doc: Doc, i: int, names: Collection[str], longest: dict[str, int]) -> int:
    """Number of words of the longest known name starting at token i (0 if none)."""
    for n in range(min(longest.get(doc[i].text, 0), len(doc) - i), 0, -1):
        if " ".join(t.text for t in Span(doc, i, i + n)) in names:  # Span(): no slice to normalise
            return n
    return 0


@functools.lru_cache(maxsize=4)
def title_scanner(nlp: Language) -> TitleScanner:
    return TitleScanner(nlp)
