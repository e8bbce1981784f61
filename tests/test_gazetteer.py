"""Span repairs of the gazetteer layer, on hand-made model output (no statistical model)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import extractor.components.gazetteer  # noqa: F401  (registers the factory)


def repaired(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    nlp = spacy.blank("en")
    gazetteer = nlp.add_pipe("extractor_gazetteer")
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return [(e.text, e.label_) for e in gazetteer(doc).ents]


@pytest.mark.parametrize("text, model_span, expected", [
    # a person "of" a known country: two names
    ("Maria Nowak of Poland won.", (0, 4, "PERSON"), [("Maria Nowak", "PERSON"), ("Poland", "GPE")]),
    ("Maria Nowak of the Czech Republic won.", (0, 6, "PERSON"),
     [("Maria Nowak", "PERSON"), ("Czech Republic", "GPE")]),
    # ... also when the model typed the whole an organisation or a place
    ("Maria Nowak of Poland won.", (0, 4, "ORG"), [("Maria Nowak", "PERSON"), ("Poland", "GPE")]),
    ("Maria Nowak of the Czech Republic won.", (0, 6, "GPE"),
     [("Maria Nowak", "PERSON"), ("Czech Republic", "GPE")]),
    # ... but an institution or a bare title "of" a country stays whole
    ("The Central Bank of Russia won.", (1, 5, "ORG"), [("Central Bank of Russia", "ORG")]),
    ("The Islamic Republic of Iran won.", (1, 5, "ORG"), [("Islamic Republic of Iran", "ORG")]),
    ("The United States of America won.", (1, 5, "GPE"), [("United States of America", "GPE")]),
    ("The Emperor of the United States won.", (1, 6, "PERSON"), [("Emperor of the United States", "PERSON")]),
    # two known places joined by "and"
    ("Trucks queued at Busia and Malaba.", (3, 6, "ORG"), [("Busia", "GPE"), ("Malaba", "GPE")]),
    # two organisations joined by "and"
    ("Talks between Nordbank and Acme Steel failed.", (2, 6, "ORG"),
     [("Nordbank", "ORG"), ("Acme Steel", "ORG")]),
    # an organisation's own name with glue words keeps its "and"
    ("The Bank of Trade and Industry said so.", (1, 6, "ORG"), [("Bank of Trade and Industry", "ORG")]),
    # a role word followed by a name inside a non-person span: a titled person
    ("Ukrainian President Volodymyr Zelenskyy spoke.", (0, 3, "ORG"),
     [("Ukrainian", "NORP"), ("Volodymyr Zelenskyy", "PERSON")]),
    # a role word with no name after it stays part of the organisation
    ("The Office of the President said so.", (1, 5, "ORG"), [("Office of the President", "ORG")]),
])
def test_span_repairs(text, model_span, expected):
    assert repaired(text, [model_span]) == expected


def tagged_repaired(nlp, text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """The same on a parsed doc (titles read the tags): hand-made spans, the real tagger and parser."""
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("extractor_") or p == "extractor_paragraphs"]):
        doc = nlp(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return [(e.text, e.label_) for e in nlp.get_pipe("extractor_gazetteer")(doc).ents]


@pytest.mark.parametrize("text, model_span, expected", [
    ("Ana Berg met the President of the Lakeland Parliament.", (4, 9, "PERSON"), [("Lakeland Parliament", "ORG")]),
    ("Ana Berg met the Chair of the Northern Liberal Party and Ivo Kral.", (4, 10, "PERSON"),
     [("Northern Liberal Party", "ORG")]),
])
def test_a_whole_title_with_no_name_after_it_names_only_its_organisation(nlp, text, model_span, expected):
    assert tagged_repaired(nlp, text, [model_span]) == expected
