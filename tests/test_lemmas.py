"""Rule-table lemmas for the verbs and nouns our model's trainable lemmatizer cuts."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, DocBin

from extractor.pipeline import LEMMAS


def lemmas(nlp, text: str) -> dict[str, str]:
    return {t.text: t.lemma_ for t in nlp(text)}


def test_inflected_trigger_verbs_get_their_dictionary_lemma(nlp):
    found = lemmas(nlp, "The Commission convened a meeting, she chaired the talks and he postponed the summit.")
    assert (found["convened"], found["chaired"], found["postponed"]) == ("convene", "chair", "postpone")


def test_names_and_unknown_words_keep_the_model_lemma(nlp):
    found = lemmas(nlp, "Kwabena Okyere blorfed the Commission.")
    assert found["Kwabena"] == "Kwabena"
    assert found["blorfed"] == nlp("Kwabena Okyere blorfed the Commission.")[2].lemma_  # no table entry: unchanged
    assert found["Commission"].lower() == "commission"


def test_a_lemma_fix_reveals_a_meeting_trigger(nlp):
    doc = nlp("The European Commission convened a meeting of experts in Brussels on Monday.")
    assert [[p.name for p in m.participants] for m in doc._.meetings] == [["European Commission"]]


def test_tables_round_trip_and_docs_stay_serialisable(nlp, tmp_path):
    pipe = nlp.get_pipe(LEMMAS)
    pipe.to_disk(tmp_path / "lemmas")
    fresh = nlp.get_pipe(LEMMAS).__class__(nlp, "copy").from_disk(tmp_path / "lemmas")
    assert fresh.known["VERB"] == pipe.known["VERB"]
    doc = nlp("She chaired the talks.")
    back = list(DocBin(docs=[doc]).get_docs(nlp.vocab))[0]
    assert isinstance(back, Doc) and back[1].lemma_ == "chair"


def test_pipelines_with_a_rule_lemmatizer_of_their_own_do_without_it(clear_nlp):
    assert LEMMAS not in clear_nlp.pipe_names
    assert "lemmatizer" in clear_nlp.pipe_names


def test_blank_pipeline_can_build_it():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe(LEMMAS)
    pipe.initialize()
    assert "convene" in pipe.known["VERB"]


def test_the_memory_of_decided_forms_is_bounded(nlp, monkeypatch):
    from extractor.components import lemmas as module

    pipe = nlp.get_pipe(LEMMAS)
    monkeypatch.setattr(module, "MAX_DECIDED", 3)
    nlp("She chaired the talks, convened meetings, postponed summits and phoned ministers.")
    assert len(pipe.decided) <= 3 + 20
    nlp("They met.")
    assert len(pipe.decided) < 5
    assert lemmas(nlp, "She chaired it.")["chaired"] == "chair"
