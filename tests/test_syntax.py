"""Scheme-neutral parse questions give the same answers on UD and ClearNLP parses.

The ClearNLP parses are built by hand (spaCy's official pipelines cannot be
downloaded here), with the labels en_core_web_sm assigns to these sentences.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extractor.syntax import CLEAR, UD, Syntax, scheme_of_doc

WORDS = ["Berg", "and", "Lie", "met", "with", "Putin", "in", "Geneva", "on", "Monday"]
SPACES = [True] * 9 + [False]


def parse(heads: list[int], deps: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=WORDS, spaces=SPACES, heads=heads, deps=deps)


UD_DOC = parse(
    heads=[3, 2, 0, 3, 5, 3, 7, 3, 9, 3],
    deps=["nsubj", "cc", "conj", "ROOT", "case", "obl", "case", "obl", "case", "obl"],
)
CLEAR_DOC = parse(
    heads=[3, 0, 0, 3, 3, 4, 3, 6, 3, 8],
    deps=["nsubj", "cc", "conj", "ROOT", "prep", "pobj", "prep", "pobj", "prep", "pobj"],
)


def test_scheme_is_recognised_from_the_labels():
    assert scheme_of_doc(UD_DOC) is UD
    assert scheme_of_doc(CLEAR_DOC) is CLEAR


def test_subjects_and_prepositional_objects_agree_across_schemes():
    for doc, scheme in ((UD_DOC, UD), (CLEAR_DOC, CLEAR)):
        syntax = Syntax(scheme)
        verb = doc[3]
        assert [t.text for t in syntax.subjects(verb)] == ["Berg", "Lie"], scheme.name
        assert [(p, t.text) for p, t in syntax.prepositional(verb)] == [
            ("with", "Putin"), ("in", "Geneva"), ("on", "Monday")
        ], scheme.name
