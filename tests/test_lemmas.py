"""Rule-table lemmas for the verbs and nouns our model's trainable lemmatizer cuts, and the
trained lemmatizer's lemmas for the other words."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from extractor.components.lemmas import RuleLemmas
from extractor.pipeline import LEMMAS, TRAINABLE_LEMMATIZER

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
BEFORE_LEMMAS = ["tok2vec", "tagger", "morphologizer"]


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
    assert len(pipe.decided) < 5 and len(pipe.trees().applied) < 5
    assert lemmas(nlp, "She chaired it.")["chaired"] == "chair"


def tagged(nlp, text: str, preset: bool) -> Doc:
    """The text through the components before the lemmas; with ``preset``, every other word has a lemma already."""
    with nlp.select_pipes(enable=BEFORE_LEMMAS):
        doc = nlp(text)
    for token in list(doc)[::2] if preset else ():
        token.lemma_ = "PRESET"
    return doc


def two_components(nlp, doc: Doc) -> list[str]:
    """Lemmas as the trained lemmatizer (on every word) and then the rule tables give them."""
    rules = RuleLemmas(nlp, "rules_only")
    rules.initialize()
    return [t.lemma_ for t in rules(nlp.get_pipe(TRAINABLE_LEMMATIZER)(doc))]


def one_component(nlp, doc: Doc) -> list[str]:
    return [t.lemma_ for t in nlp.get_pipe(LEMMAS)(doc)]


def test_it_stands_in_for_the_trained_lemmatizer(nlp):
    assert TRAINABLE_LEMMATIZER not in nlp.pipe_names and TRAINABLE_LEMMATIZER in nlp.component_names
    assert nlp.get_pipe(LEMMAS).trained == TRAINABLE_LEMMATIZER


@pytest.mark.parametrize("setting", [{}, {"top_k": 3, "backoff": None}, {"backoff": "lower"}, {"overwrite": True}])
@pytest.mark.parametrize("preset", [False, True])
def test_lemmas_equal_those_of_the_trained_lemmatizer_then_the_rules(nlp, monkeypatch, setting, preset):
    assert ARTICLES, "the seed articles are part of the repository"
    trained = nlp.get_pipe(TRAINABLE_LEMMATIZER)
    for name, value in setting.items():
        monkeypatch.setattr(trained, name, value)
    monkeypatch.setattr(nlp.get_pipe(LEMMAS).trees(), "applied", {})  # trees applied under other settings
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES[:6]] + ["Blorfing zwanks quibbled.", ""]
    for text in texts:
        assert one_component(nlp, tagged(nlp, text, preset)) == two_components(nlp, tagged(nlp, text, preset))


def test_a_model_that_does_not_read_the_tok2vec_output_is_run_whole(nlp, monkeypatch):
    monkeypatch.setattr(nlp.get_pipe(LEMMAS).trees(), "head", None)
    text = ARTICLES[0].read_text(encoding="utf-8")
    assert one_component(nlp, tagged(nlp, text, False)) == two_components(nlp, tagged(nlp, text, False))


def test_words_the_rules_leave_get_the_trained_lemma_not_their_form(nlp):
    doc = tagged(nlp, "The ministers were quietly happier.", preset=False)
    lemma = dict(zip([t.text for t in doc], one_component(nlp, doc)))
    assert (lemma["were"], lemma["happier"]) == ("be", "happy")
