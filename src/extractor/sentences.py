"""A Doc's sentences, read once per Doc: the sentence of a word by a lookup.

spaCy's ``Token.sent`` slices the Doc, checks its annotation and walks the words
to both ends of the sentence on every call (some 2.7 µs); the components ask it
thousands of times per article. Here the sentences are read once (``Doc.sents``)
and each question is a binary search over their starts. The Doc must not be
retokenised between questions (no component of ours retokenises a parsed Doc).
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token


class _Sentences:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans = list(doc.sents)
        self.starts = [s.start for s in self.spans]

    def at(self, i: int) -> Span:
        return self.spans[bisect_right(self.starts, i) - 1]


_last: _Sentences | None = None  # the last Doc's: every component reads the same Doc in turn


def _sentences(doc: Doc) -> _Sentences:
    global _last
    if _last is None or _last.doc is not doc:
        _last = _Sentences(doc)
    return _last


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence holding word ``i`` (``doc[i].sent``)."""
    return _sentences(doc).at(i)


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences (``list(doc.sents)``); not to be changed."""
    return _sentences(doc).spans


def sentence_starts(doc: Doc) -> list[int]:
    """Where the Doc's sentences start (``[s.start for s in doc.sents]``); not to be changed."""
    return _sentences(doc).starts


def sentence_of(word: Token | Span) -> Span:
    """The sentence holding a word, or a span's first word (``word.sent``)."""
    return sentence_at(word.doc, word.i if isinstance(word, Token) else word.start)
