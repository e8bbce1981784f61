"""Span repairs of the gazetteer layer, on hand-made model output (no statistical model)."""
from __future__ import annotations

import spacy
from spacy.tokens import Span

import extractor.components.gazetteer  # noqa: F401  (registers the factory)


def repaired(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    nlp = spacy.blank("en")
    gazetteer = nlp.add_pipe("extractor_gazetteer")
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return [(e.text, e.label_) for e in gazetteer(doc).ents]


def test_person_of_a_country_is_split():
    ents = repaired("Maria Nowak of Poland won.", [(0, 4, "PERSON")])
    assert ents == [("Maria Nowak", "PERSON"), ("Poland", "GPE")]


def test_two_known_places_joined_by_and_are_split():
    ents = repaired("Trucks queued at Busia and Malaba.", [(3, 6, "ORG")])
    assert ents == [("Busia", "GPE"), ("Malaba", "GPE")]


def test_two_organisations_joined_by_and_are_split():
    ents = repaired("Talks between Nordbank and Acme Steel failed.", [(2, 6, "ORG")])
    assert ents == [("Nordbank", "ORG"), ("Acme Steel", "ORG")]


def test_organisation_with_glue_words_keeps_its_and():
    ents = repaired("The Bank of Trade and Industry said so.", [(1, 6, "ORG")])
    assert ents == [("Bank of Trade and Industry", "ORG")]


def test_title_inside_a_non_person_span_makes_a_person():
    ents = repaired("Ukrainian President Volodymyr Zelenskyy spoke.", [(0, 3, "ORG")])
    assert ents == [("Ukrainian", "NORP"), ("Volodymyr Zelenskyy", "PERSON")]


def test_title_with_nothing_after_it_stays_an_organisation():
    ents = repaired("The Office of the President said so.", [(1, 5, "ORG")])
    assert ents == [("Office of the President", "ORG")]
