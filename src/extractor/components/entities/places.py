"""Places the model missed, found by their form: "El Oro province", "Gulf of Riga", "the
island of Saaremaa", "the Osh and Jalal-Abad regions", "the Almada-based club"."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..gazetteer import place_label
from ..titles import inner_possessive
from .common import Tokens, capitalised, opens_sentence
from .growth import NameGrowth
from .words import EntityWords


class PlaceForms:
    def __init__(self, words: EntityWords, growth: NameGrowth) -> None:
        self.w = words
        self.growth = growth
        # the words each form below starts from: no other word can start one
        self.heads = words.plural_heads | words.place_heads | words.generic_first | words.place_nouns_of | {"-"}

    def unlabelled(self, t: Tokens) -> list[Span]:
        doc, words = t.doc, t.words
        found: list[Span] = []
        for i, word in ((i, word) for i, word in enumerate(words) if word in self.heads):
            if i > 0 and word in self.w.plural_heads:
                found += self._coordinated(doc, words, i)
            if i > 0:
                found += self._headed(doc, words, i) + self._generic_headed(doc, words, i) + self._based(doc, words, i)
            found += self._of_place(doc, words, i)
        return found

    def place_word(self, token: Token) -> bool:
        return token.is_alpha and token.text[0].isupper() and not opens_sentence(token) \
            or token.text in self.w.place_articles

    def _start_before(self, doc: Doc, i: int, stop_titles: bool = False) -> int:
        start = i
        while start > 0 and self.place_word(doc[start - 1]) and not doc[start - 1].ent_type_ \
                and not (stop_titles and doc[start - 1].lower_ in self.w.title_words):
            start -= 1
        return start

    def _headed(self, doc: Doc, words: list[str], i: int) -> list[Span]:
        """"Etihad" + "Stadium": capitalised words before a capitalised place head."""
        word = words[i]
        if word not in self.w.place_heads or word in self.w.leading_only_heads or doc[i].ent_type_ \
                or i + 1 < len(doc) and (words[i + 1] in self.w.of or words[i + 1][:1].isupper()):
            return []
        start = self._start_before(doc, i, stop_titles=True)
        return [Span(doc, start, i + 1, label="LOC")] if start < i else []

    def _generic_headed(self, doc: Doc, words: list[str], i: int) -> list[Span]:
        """"El Oro" + "province": capitalised words before a lower-case generic head."""
        if words[i] not in self.w.generic_first or not self.generic_head(words, i) or doc[i - 1].ent_type_:
            return []
        start = self._start_before(doc, i)
        if start < i and (words[start] not in self.w.place_articles or start + 1 < i):
            return [Span(doc, start, i, label="LOC")]
        return []

    def _based(self, doc: Doc, words: list[str], i: int) -> list[Span]:
        """"the Almada-based club"."""
        if words[i] != "-" or i >= len(doc) - 1 or words[i + 1] not in self.w.based or doc[i - 1].whitespace_ \
                or doc[i].whitespace_ or not words[i - 1][:1].isupper() or doc[i - 1].ent_type_:
            return []
        start = i - 1
        while start > 0 and self.place_word(doc[start - 1]) and not doc[start - 1].ent_type_:
            start -= 1
        return [Span(doc, start, i, label="GPE")]

    def _of_place(self, doc: Doc, words: list[str], i: int) -> list[Span]:
        """"Gulf of Riga", "Bay of Fundy"; "the island of Saaremaa", "of Sulawesi"."""
        word = words[i]
        if not (word in self.w.place_heads or word in self.w.place_nouns_of) or i + 2 >= len(doc) \
                or words[i + 1] not in self.w.of:
            return []
        tail = i + 2
        while tail < len(doc) and self.place_word(doc[tail]) and doc[tail].ent_type_ != "NORP":
            tail += 1
        if tail == i + 2 or tail < len(doc) and doc[tail].ent_iob_ == "I":
            return []
        if word in self.w.place_heads and capitalised(doc[i]) and doc[i].ent_type_ != "PERSON":
            start = i  # "Democratic" + "Republic of Congo"
            while start > 0 and self.place_word(doc[start - 1]) and doc[start - 1].ent_type_ != "NORP" \
                    and doc[start - 1].whitespace_ or start > 1 and inner_possessive(doc, start - 1) \
                    and self.place_word(doc[start - 2]):
                start -= 2 if inner_possessive(doc, start - 1) else 1  # "People's" + "Republic of China"
            label, _ = place_label(doc[start:tail].text)  # "Gulf of Riga" LOC, "Republic of China" GPE
            return [Span(doc, start, tail, label=label)]
        if word in self.w.place_nouns_of and word.islower() and doc[i + 2].ent_iob_ != "I":
            return [Span(doc, i + 2, tail, label="GPE")]
        return []

    def _coordinated(self, doc: Doc, words: list[str], head: int) -> list[Span]:
        """The names before a plural head: "the Osh and Jalal-Abad regions" (unlabelled ones)."""
        names: list[tuple[int, int]] = []
        end = head
        while end > 0:
            start = self._name_start(doc, words, end)
            if start == end or words[start] == "-":
                break
            names.append((start, end))
            if start > 1 and (words[start - 1] in self.w.coordinators or words[start - 1] == ","):
                end = start - 1
            else:
                break
        if len(names) < 2 and not (names and doc[names[0][0]].pos_ == "PROPN"):
            return []  # "the Alpine regions"
        return [Span(doc, a, b, label="LOC") for a, b in reversed(names)
                if not any(x.ent_type_ for x in doc[a:b]) and doc[a].ent_type_ != "NORP"]

    def _name_start(self, doc: Doc, words: list[str], end: int) -> int:
        def joined(i: int) -> bool:  # "-" inside "Jalal-Abad"
            return i > 0 and words[i] == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_

        start = end
        while start > 0 and (
            self.place_word(doc[start - 1]) or joined(start - 1) and start < end
            or doc[start - 1].is_alpha and words[start - 1][0].isupper() and joined(start - 2)
        ):
            start -= 1
        return start

    def generic_head(self, words: list[str], end: int) -> int:
        """Length of a lower-case generic place head right after a name (at word ``end``), else 0."""
        if end >= len(words):
            return 0
        for head in self.w.generic_heads.get(words[end], ()):
            n = len(head)
            if end + n <= len(words) and tuple(words[end : end + n]) == head:
                return n
        return 0
