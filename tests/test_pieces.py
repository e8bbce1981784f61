"""Cutting long texts into pieces for the statistical pipeline (no model needed for the cuts)."""
from __future__ import annotations

import pytest

from extractor import pieces


def cut(text: str, limit: int) -> list[str]:
    spans = pieces.bounds(text, limit)
    assert [s for s, _ in spans[1:]] == [e for _, e in spans[:-1]] and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(0 < e - s <= limit for s, e in spans)
    return [text[s:e] for s, e in spans]


def test_a_short_text_is_one_piece():
    assert cut("One paragraph.\n\nTwo.", 100) == ["One paragraph.\n\nTwo."]


def test_pieces_end_after_the_last_paragraph_break_that_fits():
    text = "First para. Still first.\n\nSecond para.\nSame para, new line.\n\nThird."
    assert cut(text, 40) == ["First para. Still first.\n\n", "Second para.\nSame para, new line.\n\n", "Third."]


@pytest.mark.parametrize("text, limit, first", [
    ("Line one is here.\nLine two is here. And more words", 30, "Line one is here.\n"),
    ("Sentence one. Sentence two has more words in it", 30, "Sentence one. "),
    ("words without any sentence end at all here", 20, "words without any "),
    ("x" * 50, 20, "x" * 20),
])
def test_without_paragraphs_a_line_sentence_word_or_hard_cut(text, limit, first):
    assert cut(text, limit)[0] == first


def test_join_gives_the_whole_text_back(nlp):
    text = "Anna met Rolf in Oslo.\n\nThey spoke.  Then\tleft. " * 20
    docs = list(nlp.pipe([text[s:e] for s, e in pieces.bounds(text, 120)]))
    joined = pieces.join(docs)
    assert len(docs) > 5 and joined.text == text
    assert [t.text for t in joined] == [t.text for d in docs for t in d]
    assert all(joined[d_start].is_sent_start for d_start in _starts(docs))


def _starts(docs):
    at = 0
    for doc in docs:
        yield at
        at += len(doc)


def test_a_run_without_spaces_longer_than_any_word_is_cut_short():
    run = "(" * (2 * pieces.RUN_CHARS + 5)
    got = cut(f"Talks ended. {run} Then more.", 10_000)
    assert got == ["Talks ended. ", "(" * pieces.RUN_CHARS, "(" * pieces.RUN_CHARS, "(((((", " Then more."]
    url = "https://example.org/" + "a" * 150  # a long word of real text stays whole
    assert cut(f"See {url} now.", 10_000) == [f"See {url} now."]
