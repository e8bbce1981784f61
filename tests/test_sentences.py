"""The sentence of a word read from the Doc's sentences once (extractor.sentences) is spaCy's ``Token.sent``."""
from extractor.sentences import sentence_at, sentence_of, sentence_starts, sentences

TEXTS = [
    "The ministers met in Paris on Tuesday. They said the talks went well! Did they agree? Yes.",
    "WASHINGTON (AP) -\n\nA short line\n\n\"We will meet again,\" she said. Then she left.",
    "One sentence only",
]


def test_every_word_gets_spacys_sentence(nlp):
    for text in TEXTS:
        doc = nlp(text)
        for token in doc:
            expected = token.sent
            for got in (sentence_of(token), sentence_at(doc, token.i)):
                assert (got.start, got.end) == (expected.start, expected.end), (text, token.i)


def test_a_span_gets_its_first_words_sentence(nlp):
    doc = nlp(TEXTS[0])
    span = doc[5:11]  # from the first sentence into the second
    assert (sentence_of(span).start, sentence_of(span).end) == (span.sent.start, span.sent.end)


def test_each_doc_gets_its_own_sentences(nlp):
    first, second = nlp(TEXTS[0]), nlp(TEXTS[2])
    assert sentence_of(first[-1]).doc is first
    assert sentence_of(second[0]).doc is second
    assert sentence_of(first[0]).end == first[0].sent.end  # back to the first Doc: read again, not kept from the second


def test_the_starts_are_spacys(nlp):
    for text in TEXTS:
        doc = nlp(text)
        assert sentence_starts(doc) == [s.start for s in doc.sents]
        assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
