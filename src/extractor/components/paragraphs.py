"""Sentence boundaries at paragraph breaks (factory ``extractor_paragraphs``, before the parser).

News text puts headlines, datelines, bylines and captions on lines of their own without a
full stop; left alone, the parser reads "Zimbabwean rivals sign power sharing deal" and
the paragraph after it as one sentence. A blank line always starts a sentence; a single
line break does after a line that ends a sentence or is a short header-like line
(hard-wrapped prose keeps its sentences). The body's opening dateline ("ADDIS-ABABA,
Ethiopia –") ends a sentence too: read with the sentence after it, its place becomes a
subject or a conjunct of the first names. The parser respects boundaries set before it.
"""
from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..layout import layout_of

SENTENCE_END = frozenset(".!?:;\"”’»)")
SHORT_LINE = 12  # words: a line this short without a final mark is a header


class ParagraphBreaks:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        line_start = 0
        spaces = doc.to_array([IS_SPACE]).ravel().nonzero()[0].tolist()
        for token in (doc[i] for i in spaces):  # a Token object only for the white space
            if "\n" in token.text:
                nxt = token.i + 1
                if nxt < len(doc) and self._breaks(doc, token, line_start):
                    doc[nxt].is_sent_start = True
                line_start = nxt
        self._break_after_dateline(doc)
        return doc

    @staticmethod
    def _break_after_dateline(doc: Doc) -> None:
        end = layout_of(doc).dateline_end
        if end:
            first = next((t for t in doc if t.idx >= end and not t.is_space), None)
            if first is not None and first.i > 0:
                first.is_sent_start = True

    @staticmethod
    def _breaks(doc: Doc, space: Token, line_start: int) -> bool:
        if space.text.count("\n") > 1 or space.i == 0:
            return True
        last = doc[space.i - 1]
        return last.text[-1:] in SENTENCE_END or space.i - line_start <= SHORT_LINE


@Language.factory("extractor_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(name)
