"""Growing the model's spans to whole names: "Tomasz" + "Wrzosek", "Transboundary
Water" + "Council", "Cluj" + "-Napoca", "Santa Cruz" + "de la Sierra", "Lula" + "da Silva",
"Union" + "of Port Workers". Each way a name continues is one small rule; a span grows
by the first rule that applies, again and again."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .common import Tokens, hyphen_joins, opens_sentence, title_at
from .words import EntityWords

MAX_ORG_WORDS = 8
MAX_PERSON_WORDS = 5
MAX_PERSON_LEFT = 4


class NameGrowth:
    def __init__(self, words: EntityWords) -> None:
        self.w = words
        # the ways a place or organisation name continues, tried in this order (bound once, not per step);
        # each tests its first word in the word arrays before it reads a Token
        self._rules = (self._name_word_follows, self._hyphenated, self._particle_name, self._particle_hyphen,
                       self._particle_article, self._org_for_the, self._org_and, self._opener_of_place,
                       self._org_of_or_apostrophe)

    # ------------------------------------------------------------------ words

    def loose_name_word(self, token: Token) -> bool:
        """An unlabelled capitalised proper noun that is no title, date or function word."""
        return (
            not token.ent_type_ and token.pos_ in ("PROPN", "NOUN", "") and token.is_alpha and token.text[0].isupper()
            and token.lower_ not in self.w.title_words and token.lower_ not in self.w.title_modifiers
            and token.lower_ not in self.w.junk and not opens_sentence(token)
        )

    def org_name_word(self, token: Token) -> bool:
        """A word continuing an organisation's name after "of" or "Workers'": a loose
        name word, an organisation head ("Union") or a capitalised adjective ("Tropical")."""
        return self.loose_name_word(token) or (
            not token.ent_type_ and token.is_alpha and token.text[0].isupper() and not opens_sentence(token)
            and (token.text in self.w.org_heads or token.pos_ == "ADJ" and token.i + 1 < len(token.doc)
                 and token.nbor(1).is_alpha and token.nbor(1).text[0].isupper())
        )

    def _followed_by_title(self, t: Tokens, i: int) -> bool:
        return i < len(t.words) and title_at(t.lower, i, self.w) is not None

    # ------------------------------------------------------------------ organisations and places

    def whole_name(self, t: Tokens, span: Span, title_ends: frozenset[int] = frozenset()) -> Span:
        """The span grown to the whole name; a person's name never grows back over the end
        of a title ("Minister of Health, Labour and Welfare" + "Yasuhisa Shiozaka")."""
        if span.label_ == "NORP":
            return span
        if span.label_ == "PERSON":
            return self._whole_person(t, span, title_ends)
        end = span.end
        while end < len(t.words) and end - span.start < MAX_ORG_WORDS:
            grown = self._grow_once(t, span, end)
            if grown is None:
                break
            end = grown
        return span if end == span.end else Span(t.doc, span.start, end, label=span.label_)

    def _grow_once(self, t: Tokens, span: Span, end: int) -> int | None:
        for rule in self._rules:
            grown = rule(t, span, end)
            if grown is not None:
                return grown
        return None

    def _name_word_follows(self, t: Tokens, span: Span, end: int) -> int | None:
        # a name word is capitalised, a head word listed; either follows a space (a token's is one space at most)
        if not t.spaced[end - 1] or not (t.capitalised(end) or t.words[end] in self.w.org_heads):
            return None
        token = t.doc[end]
        word = self.loose_name_word(token) or t.words[end] in self.w.org_heads and not token.ent_type_ \
            and not opens_sentence(token)
        if word and not self._followed_by_title(t, end + 1):
            return end + 1  # not "U.S." + "Transportation" Secretary
        return None

    @staticmethod
    def _hyphenated(t: Tokens, span: Span, end: int) -> int | None:
        if t.words[end] != "-" and t.words[end - 1] != "-":
            return None
        doc = t.doc
        if hyphen_joins(doc, end):
            return end + 2  # "Cluj" + "-Napoca"
        prev, token = doc[end - 1], doc[end]
        if prev.text == "-" and end - 1 > span.start and not prev.whitespace_ and not doc[end - 2].whitespace_ \
                and token.is_alpha and token.text[0].isupper():
            return end + 1  # the model's "Timor-" + "Leste"
        return None

    def _particle_name(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Terminaux Atlantiques" + "du Sénégal", "Santa Cruz" + "do Sul"."""
        words, doc = t.words, t.doc
        if words[end] in self.w.particles and words[end] not in self.w.not_org_particles and end + 1 < len(words) \
                and doc[end + 1].is_alpha and t.capitalised(end + 1) and doc[end + 1].ent_type_ in ("", "GPE") \
                and (end + 2 == len(words) or doc[end + 2].ent_iob_ != "I"):
            return end + 2
        return None

    def _particle_hyphen(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Sharm" + "el-Sheikh"."""
        words, spaced = t.words, t.spaced
        if words[end] in self.w.particles and end + 2 < len(words) and words[end + 1] == "-" and not spaced[end] \
                and not spaced[end + 1] and t.doc[end + 2].is_alpha and t.capitalised(end + 2) and spaced[end - 1]:
            return end + 3
        return None

    def _particle_article(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Santa Cruz" + "de la Sierra"."""
        words = t.words
        if words[end] in self.w.particles and end + 2 < len(words) and words[end + 1] in self.w.article_particles \
                and t.doc[end + 2].is_alpha and t.capitalised(end + 2) and not t.doc[end + 2].ent_type_:
            return end + 3
        return None

    def _org_for_the(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Royal Society" + "for the Protection" (+ "of Birds")."""
        if t.lower[end] in self.w.org_for and span.label_ == "ORG" and end + 2 < len(t.words) \
                and t.lower[end + 1] in self.w.determiners and self.org_name_word(t.doc[end + 2]):
            return end + 3
        return None

    def _org_and(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Senate Energy" + "and Natural Resources Committee" (not "Zenith Holdings" + "and Dangote Cement")."""
        if t.words[end] in self.w.org_joiners and span.label_ == "ORG" \
                and t.words[end - 1] not in self.w.org_heads:
            return self._org_continues(t.doc, end + 1) or None
        return None

    def _org_continues(self, doc: Doc, i: int) -> int:
        """End of a run of name words from token i that ends in an organisation head, else 0."""
        end = i
        while end < len(doc) and end - i < 5 and self.org_name_word(doc[end]):
            end += 1
        return end if end > i and doc[end - 1].text in self.w.org_heads else 0

    def _opener_of_place(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Serum Institute" + "of India", "Central Bank" + "of Nigeria"."""
        doc = t.doc
        if t.lower[end] in self.w.of and span.label_ == "ORG" and t.words[end - 1] in self.w.org_openers \
                and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "B" and doc[end + 1].ent_type_ == "GPE":
            end += 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return end
        return None

    def _org_of_or_apostrophe(self, t: Tokens, span: Span, end: int) -> int | None:
        """"Atlantic Marine Workers' Guild", "Union of Port Workers", "Institute of Tropical Medicine"."""
        words = t.words
        if end + 1 >= len(words) or not (span.label_ == "ORG" or words[end + 1] in self.w.org_heads):
            return None
        joins = words[end] in self.w.possessive and len(words[end]) == 1 and not t.spaced[end - 1] \
            or t.lower[end] in self.w.of
        return end + 2 if joins and self.org_name_word(t.doc[end + 1]) else None

    # ------------------------------------------------------------------ people

    def _whole_person(self, t: Tokens, span: Span, title_ends: frozenset[int]) -> Span:
        doc, words, spaced = t.doc, t.words, t.spaced
        start, end = span.start, span.end
        while start > 0 and span.end - start < MAX_PERSON_LEFT and start not in title_ends:
            if start > 1 and words[start - 1] == "-" and not spaced[start - 1] and not spaced[start - 2] \
                    and doc[start - 2].is_alpha and t.capitalised(start - 2):
                start -= 2  # "Nancy-" + "Amelia Collins"
            elif spaced[start - 1] and self.loose_name_word(doc[start - 1]):
                start -= 1
            else:
                break
        while end < len(words) and end - start < MAX_PERSON_WORDS:
            grown = self._grow_person_once(t, end)
            if grown is None:
                break
            end = grown
        if end + 1 < len(words) and words[end] in self.w.ampersand and t.capitalised(end + 1):
            return Span(doc, start, end + 2, label="ORG")  # "JPMorgan Chase" + "& Co.": no person's name has "&"
        return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label="PERSON")

    def _grow_person_once(self, t: Tokens, end: int) -> int | None:
        if t.words[end] == "-" and hyphen_joins(t.doc, end):  # "Kofi Asante" + "-Mensah"
            return end + 2
        if not t.spaced[end - 1]:  # a token's white space is one space at most: never a line break
            return None
        if t.capitalised(end) and self.loose_name_word(t.doc[end]):
            return end + 1
        if t.words[end] not in self.w.particles or end + 1 >= len(t.words):
            return None
        return self._person_particles(t.doc, end)

    def _person_particles(self, doc: Doc, end: int) -> int | None:
        """"Ursula" + "von der Leyen", "Lula" + "da Silva", "Lula"/PERSON "da" "Silva"/PERSON."""
        nxt = doc[end + 1]
        if end + 2 < len(doc) and nxt.text in self.w.particles \
                and (self.loose_name_word(doc[end + 2]) or doc[end + 2].ent_type_ == "PERSON"):
            end += 3
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return end
        place_alone = nxt.ent_type_ == "GPE" and (end + 2 == len(doc) or doc[end + 2].ent_iob_ != "I")
        if self.loose_name_word(nxt) or place_alone:
            return end + 2
        if nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B":
            return next(e.end for e in doc.ents if e.start == end + 1)
        return None
