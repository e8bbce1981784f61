"""Scheme-neutral parse questions give the same answers on UD and ClearNLP parses.

The ClearNLP parses are built by hand (spaCy's official pipelines cannot be
downloaded here), with the labels en_core_web_sm assigns to this sentence. It
is passive on purpose: the subject labels differ (``nsubj:pass`` vs
``nsubjpass``), so rules written for one scheme find nothing on the other.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from extractor.syntax import CLEAR, UD, Syntax, scheme_for

WORDS = ["Anna", "Berg", ",", "the", "minister", ",", "and", "Rolf", "Lie", "were", "received"]
SPACES = [True, False, True, True, False, True, True, True, True, True, False]

UD_DOC = Doc(
    spacy.blank("en").vocab, words=WORDS, spaces=SPACES,
    heads=[10, 0, 4, 4, 0, 4, 7, 0, 7, 10, 10],
    deps=["nsubj:pass", "flat", "punct", "det", "appos", "punct", "cc", "conj", "flat", "aux:pass", "ROOT"],
)
CLEAR_DOC = Doc(
    spacy.blank("en").vocab, words=WORDS, spaces=SPACES,
    heads=[1, 10, 1, 4, 1, 1, 1, 8, 1, 10, 10],
    deps=["compound", "nsubjpass", "punct", "det", "appos", "punct", "cc", "compound", "conj", "auxpass", "ROOT"],
)


@pytest.mark.parametrize("label, scheme", [("dobj", CLEAR), ("pobj", CLEAR), ("obj", UD), ("obl", UD)])
def test_scheme_is_read_from_the_parser_labels(label, scheme):
    nlp = spacy.blank("en")
    nlp.add_pipe("parser").add_label(label)
    assert scheme_for(nlp) is scheme


def test_a_pipeline_without_parser_is_treated_as_ud():
    assert scheme_for(spacy.blank("en")) is UD


def _name(syntax: Syntax, head: Token) -> str:
    words = [head] + [c for c in head.children if syntax.is_name_part(c)]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


@pytest.mark.parametrize("doc, scheme", [(UD_DOC, UD), (CLEAR_DOC, CLEAR)], ids=["ud", "clear"])
def test_subjects_names_and_appositions_agree_across_schemes(doc, scheme):
    syntax = Syntax(scheme)
    subjects = syntax.subjects(doc[10])
    assert [_name(syntax, t) for t in subjects] == ["Anna Berg", "Rolf Lie"]
    assert [t.text for t in syntax.appositions(subjects[0])] == ["minister"]


@pytest.mark.parametrize("doc, wrong", [(UD_DOC, CLEAR), (CLEAR_DOC, UD)], ids=["ud", "clear"])
def test_the_other_scheme_finds_no_passive_subject(doc, wrong):
    assert Syntax(wrong).subjects(doc[10]) == []


STRAY = Doc(  # "They met in Norway's capital, Oslo City.", "Oslo" parsed as a parataxis of "met"
    spacy.blank("en").vocab, words=["They", "met", "in", "Norway", "'s", "capital", ",", "Oslo", "City", "."],
    heads=[1, 1, 5, 5, 3, 1, 7, 1, 7, 1],
    deps=["nsubj", "ROOT", "case", "nmod:poss", "case", "obl", "punct", "parataxis", "flat", "punct"],
    pos=["PRON", "VERB", "ADP", "PROPN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT"],
)


def test_a_name_after_a_comma_hung_elsewhere_is_a_stray_apposition():
    syntax = Syntax(UD)
    assert syntax.stray_apposition(STRAY[5]).text == "Oslo"
    assert syntax.stray_apposition(STRAY[3]) is None  # no comma right after "Norway"
    assert syntax.stray_apposition(STRAY[7]) is None  # nothing follows the name


def test_a_true_apposition_is_no_stray_one():
    doc = Doc(spacy.blank("en").vocab, words=["in", "the", "capital", ",", "Oslo"], heads=[2, 2, 2, 4, 2],
              deps=["case", "det", "ROOT", "punct", "appos"], pos=["ADP", "DET", "NOUN", "PUNCT", "PROPN"])
    assert Syntax(UD).stray_apposition(doc[2]) is None


def _met(words, heads, deps):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


def test_prepositional_objects_are_read_again_for_another_document():
    """The answers are kept for the last document only: another doc gets its own."""
    syntax = Syntax(UD)
    first = _met(["Lie", "met", "with", "Berg"], [1, 1, 3, 1], ["nsubj", "ROOT", "case", "obl"])
    second = _met(["Lie", "met", "in", "Oslo"], [1, 1, 3, 1], ["nsubj", "ROOT", "case", "obl"])
    assert [(p, o.text) for p, o in syntax.prepositional_objects(first[1])] == [("with", "Berg")]
    assert [(p, o.text) for p, o in syntax.prepositional_objects(first[1])] == [("with", "Berg")]
    assert [(p, o.text) for p, o in syntax.prepositional_objects(second[1])] == [("in", "Oslo")]
    assert syntax.prepositional_objects(second[3]) == ()


def test_a_conjoined_verb_takes_the_subject_its_first_verb_inherits():
    """"All sides agreed to set up a group and to hold talks": those who agreed hold them
    (the second verb is a conjunct of an infinitive whose subject is the one who agreed)."""
    words = ["All", "sides", "agreed", "to", "set", "up", "a", "group", "and", "to", "hold", "talks"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 2, 2, 4, 2, 4, 7, 4, 10, 10, 4, 10],
              deps=["det", "nsubj", "ROOT", "mark", "xcomp", "compound:prt", "det", "obj", "cc", "mark", "conj",
                    "obj"],
              pos=["DET", "NOUN", "VERB", "PART", "VERB", "ADP", "DET", "NOUN", "CCONJ", "PART", "VERB", "NOUN"])
    assert [t.text for t in Syntax(UD).subjects(doc[10])] == ["sides"]
