"""Growing the model's spans to whole names: "Tomasz" + "Wrzosek", "Transboundary
Water" + "Council", "Cluj" + "-Napoca", "Santa Cruz" + "de la Sierra", "Lula" + "da Silva",
"Union" + "of Port Workers". Each way a name continues is one small rule; a span grows
by the first rule that applies, again and again."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .common import hyphen_joins, opens_sentence, title_at
from .words import EntityWords

MAX_ORG_WORDS = 8
MAX_PERSON_WORDS = 5
MAX_PERSON_LEFT = 4


class NameGrowth:
    def __init__(self, words: EntityWords, lower_of) -> None:
        self.w = words
        self.lower_of = lower_of  # doc -> its lower-case words
        # the ways a place or organisation name continues, tried in this order (bound once, not per step)
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

    def _followed_by_title(self, doc: Doc, i: int) -> bool:
        return i < len(doc) and title_at(self.lower_of(doc), i, self.w) is not None

    # ------------------------------------------------------------------ organisations and places

    def whole_name(self, doc: Doc, span: Span, title_ends: frozenset[int] = frozenset()) -> Span:
        """The span grown to the whole name; a person's name never grows back over the end
        of a title ("Minister of Health, Labour and Welfare" + "Yasuhisa Shiozaka")."""
        if span.label_ == "NORP":
            return span
        if span.label_ == "PERSON":
            return self._whole_person(doc, span, title_ends)
        end = span.end
        while end < len(doc) and end - span.start < MAX_ORG_WORDS:
            grown = self._grow_once(doc, span, end)
            if grown is None:
                break
            end = grown
        return span if end == span.end else Span(doc, span.start, end, label=span.label_)

    def _grow_once(self, doc: Doc, span: Span, end: int) -> int | None:
        for rule in self._rules:
            grown = rule(doc, span, end)
            if grown is not None:
                return grown
        return None

    def _name_word_follows(self, doc: Doc, span: Span, end: int) -> int | None:
        t, prev = doc[end], doc[end - 1]
        word = self.loose_name_word(t) or t.text in self.w.org_heads and not t.ent_type_ and not opens_sentence(t)
        if word and "\n" not in prev.whitespace_ and prev.whitespace_ and not self._followed_by_title(doc, end + 1):
            return end + 1  # not "U.S." + "Transportation" Secretary
        return None

    @staticmethod
    def _hyphenated(doc: Doc, span: Span, end: int) -> int | None:
        if hyphen_joins(doc, end):
            return end + 2  # "Cluj" + "-Napoca"
        prev, t = doc[end - 1], doc[end]
        if prev.text == "-" and end - 1 > span.start and not prev.whitespace_ and not doc[end - 2].whitespace_ \
                and t.is_alpha and t.text[0].isupper():
            return end + 1  # the model's "Timor-" + "Leste"
        return None

    def _particle_name(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Terminaux Atlantiques" + "du Sénégal", "Santa Cruz" + "do Sul"."""
        t = doc[end]
        if t.text in self.w.particles and t.text not in self.w.not_org_particles and end + 1 < len(doc) \
                and doc[end + 1].is_alpha and doc[end + 1].text[0].isupper() and doc[end + 1].ent_type_ in ("", "GPE") \
                and (end + 2 == len(doc) or doc[end + 2].ent_iob_ != "I"):
            return end + 2
        return None

    def _particle_hyphen(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Sharm" + "el-Sheikh"."""
        t = doc[end]
        if t.text in self.w.particles and end + 2 < len(doc) and doc[end + 1].text == "-" and not t.whitespace_ \
                and not doc[end + 1].whitespace_ and doc[end + 2].is_alpha and doc[end + 2].text[0].isupper() \
                and doc[end - 1].whitespace_:
            return end + 3
        return None

    def _particle_article(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Santa Cruz" + "de la Sierra"."""
        t = doc[end]
        if t.text in self.w.particles and end + 2 < len(doc) and doc[end + 1].text in self.w.article_particles \
                and doc[end + 2].is_alpha and doc[end + 2].text[0].isupper() and not doc[end + 2].ent_type_:
            return end + 3
        return None

    def _org_for_the(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Royal Society" + "for the Protection" (+ "of Birds")."""
        t = doc[end]
        if t.lower_ in self.w.org_for and span.label_ == "ORG" and end + 2 < len(doc) \
                and doc[end + 1].lower_ in self.w.determiners and self.org_name_word(doc[end + 2]):
            return end + 3
        return None

    def _org_and(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Senate Energy" + "and Natural Resources Committee" (not "Zenith Holdings" + "and Dangote Cement")."""
        t = doc[end]
        if t.text in self.w.org_joiners and span.label_ == "ORG" \
                and doc[end - 1].text not in self.w.org_heads:
            return self._org_continues(doc, end + 1) or None
        return None

    def _org_continues(self, doc: Doc, i: int) -> int:
        """End of a run of name words from token i that ends in an organisation head, else 0."""
        end = i
        while end < len(doc) and end - i < 5 and self.org_name_word(doc[end]):
            end += 1
        return end if end > i and doc[end - 1].text in self.w.org_heads else 0

    def _opener_of_place(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Serum Institute" + "of India", "Central Bank" + "of Nigeria"."""
        t = doc[end]
        if span.label_ == "ORG" and t.lower_ in self.w.of and doc[end - 1].text in self.w.org_openers \
                and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "B" and doc[end + 1].ent_type_ == "GPE":
            end += 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return end
        return None

    def _org_of_or_apostrophe(self, doc: Doc, span: Span, end: int) -> int | None:
        """"Atlantic Marine Workers' Guild", "Union of Port Workers", "Institute of Tropical Medicine"."""
        t = doc[end]
        if end + 1 >= len(doc) or not (span.label_ == "ORG" or doc[end + 1].text in self.w.org_heads):
            return None
        joins = t.text in self.w.possessive and len(t.text) == 1 and not doc[end - 1].whitespace_ \
            or t.lower_ in self.w.of
        return end + 2 if joins and self.org_name_word(doc[end + 1]) else None

    # ------------------------------------------------------------------ people

    def _whole_person(self, doc: Doc, span: Span, title_ends: frozenset[int]) -> Span:
        start, end = span.start, span.end
        while start > 0 and span.end - start < MAX_PERSON_LEFT and start not in title_ends:
            if start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                    and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha and doc[start - 2].text[0].isupper():
                start -= 2  # "Nancy-" + "Amelia Collins"
            elif self.loose_name_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_ \
                    and doc[start - 1].whitespace_:
                start -= 1
            else:
                break
        while end < len(doc) and end - start < MAX_PERSON_WORDS:
            grown = self._grow_person_once(doc, end)
            if grown is None:
                break
            end = grown
        if end + 1 < len(doc) and doc[end].text in self.w.ampersand and doc[end + 1].text[:1].isupper():
            return Span(doc, start, end + 2, label="ORG")  # "JPMorgan Chase" + "& Co.": no person's name has "&"
        return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label="PERSON")

    def _grow_person_once(self, doc: Doc, end: int) -> int | None:
        if hyphen_joins(doc, end):  # "Kofi Asante" + "-Mensah"
            return end + 2
        if "\n" in doc[end - 1].whitespace_ or not doc[end - 1].whitespace_:
            return None
        if self.loose_name_word(doc[end]):
            return end + 1
        if doc[end].text not in self.w.particles or end + 1 >= len(doc):
            return None
        return self._person_particles(doc, end)

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
