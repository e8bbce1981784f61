"""Property-based fuzzing of the whole pipeline: no exception, schema-valid records, offsets that index the text.

Bounded for CI: derandomized (the same examples on every run) and a fixed number
of examples; bench/fuzz.py runs the same strategies for 10,000 texts.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
import fuzzing

BOUNDED = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_batch(texts: list[str], ref) -> None:
    records = list(extractor.extract_many(texts, ref, batch_size=3))
    assert len(records) == len(texts)
    for text, record in zip(texts, records):
        assert fuzzing.problems(record, text) == [], text[:300]


@BOUNDED
@given(st.lists(fuzzing.unicode_texts() | fuzzing.quote_mixes(), min_size=1, max_size=6), fuzzing.reference_dates())
def test_random_unicode_and_quote_marks(texts, ref):
    check_batch(texts, ref)


@BOUNDED
@given(st.lists(fuzzing.long_sentences(25) | fuzzing.edge_dates(), min_size=1, max_size=4), fuzzing.reference_dates())
def test_long_sentences_and_calendar_edges(texts, ref):
    check_batch(texts, ref)


@BOUNDED
@given(st.lists(fuzzing.mutated_articles() | fuzzing.html_pages(), min_size=1, max_size=3), fuzzing.reference_dates())
def test_mutated_articles_and_html_pages(texts, ref):
    check_batch(texts, ref)


def test_problems_finds_what_is_wrong():
    """The checker itself can fail: a shifted offset and a schema violation are reported."""
    text = "Anna Lindqvist met Rolf Baumann in Oslo on 3 March 2024."
    record = extractor.extract(text)
    assert fuzzing.problems(record, text) == []
    record["dates"][0]["start"] += 1
    assert fuzzing.problems(record, text)[0].startswith("offset:")
    record["dates"][0]["value"] = "10000-01"
    assert fuzzing.problems(record, text)[0].startswith("schema:")
