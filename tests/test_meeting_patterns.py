"""Every meeting pattern's examples and counterexamples, run through the whole pipeline.

The patterns live in ``data/patterns/meetings.{ud,clear}.json`` with the sentences that
show what each one is for: an example must give a meeting whose trigger is the pattern's
trigger word, a counterexample (or a negative pattern's sentence) must give none there.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.api import make_doc
from extractor.components.patterns import load_patterns

PATTERNS = load_patterns("meetings", "ud")
EXAMPLES = [(p.id, text) for p in PATTERNS for text in p.examples]
COUNTER = [(p.id, text) for p in PATTERNS for text in p.counterexamples]
REFERENCE = dt.date(2024, 1, 10)


def meetings(nlp, text):
    return nlp(make_doc(nlp, text, REFERENCE))._.meetings


def test_both_label_schemes_have_the_same_patterns():
    assert [p.id for p in load_patterns("meetings", "clear")] == [p.id for p in PATTERNS]


@pytest.mark.parametrize("pattern, text", EXAMPLES, ids=[f"{p}:{t[:30]}" for p, t in EXAMPLES])
def test_examples_give_a_meeting(nlp, pattern, text):
    found = meetings(nlp, text)
    assert found, f"{pattern}: no meeting in {text!r}"
    assert all(m.participants for m in found)


@pytest.mark.parametrize("pattern, text", COUNTER, ids=[f"{p}:{t[:30]}" for p, t in COUNTER])
def test_counterexamples_give_none(nlp, pattern, text):
    assert meetings(nlp, text) == [], f"{pattern}: a meeting in {text!r}"
