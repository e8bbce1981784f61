"""The shipped pipeline (models/en_extractor_news) loads and finds people, organisations and
places in sentences of the seed article, with the gazetteer layer on top."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "en_extractor_news"
SEED = ROOT / "seeds" / "000_6b07ba3dde2957da.txt"


@pytest.fixture(scope="module")
def base():
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def nlp():
    import extractor.components.gazetteer  # noqa: F401  (registers the factory)

    nlp = spacy.load(MODEL)
    nlp.add_pipe("extractor_gazetteer", last=True)
    return nlp


def test_model_loads_with_builtin_components_only():
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    assert time.perf_counter() - t0 < 10  # benchmark target is 1 s; this only catches pathologies
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "GPE"}
    assert {"obj", "obl", "case", "nsubj:pass", "flat", "nmod:poss", "appos", "ccomp", "xcomp", "conj"} <= set(
        nlp.get_pipe("parser").labels
    )
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size <= 25 * 1024 * 1024
    assert not (MODEL / "model-best").exists() and not (MODEL / "model-last").exists()


def test_static_vectors_serve_every_casing(base):
    """The tok2vec reads MiniLM-derived vectors by ORTH; names must find them however printed."""
    vectors = base.vocab.vectors
    assert vectors.shape[0] > 20000 and vectors.shape[1] > 0
    rows = {vectors.find(key=form) for form in ("Kyiv", "kyiv", "KYIV")}
    assert len(rows) == 1 and rows.pop() >= 0
    assert vectors.find(key="Putin") >= 0 and vectors.find(key="negotiations") >= 0


def test_syntax_layers(base):
    doc = base("Russian President Vladimir Putin met U.S. special envoy Steve Witkoff in Moscow on Tuesday. "
               "The talks were described as constructive.")
    assert len(list(doc.sents)) == 2
    vladimir, putin = [t for t in doc if t.text in ("Vladimir", "Putin")]
    assert putin.tag_ == "NNP" and putin.pos_ == "PROPN"
    met = [t for t in doc if t.text == "met"][0]
    assert met.lemma_ == "meet" and met.pos_ == "VERB"
    # UD: the first word of a name heads it, the rest hangs on it as `flat`
    assert vladimir.head == met and vladimir.dep_ == "nsubj"
    assert putin.head == vladimir and putin.dep_ == "flat"
    # UD: an oblique with its preposition as `case` (where "in Moscow" hangs is a real
    # ambiguity, envoy or meeting: models 0.2.0 and 0.3.0 differ on it)
    tuesday = [t for t in doc if t.text == "Tuesday"][0]
    assert tuesday.dep_ == "obl" and tuesday.head == met and doc[tuesday.i - 1].dep_ == "case"
    talks = [t for t in doc if t.text == "described"][0]
    assert any(c.dep_ == "nsubj:pass" for c in talks.children)


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


# Sentences of the seed article with the people, organisations and places a reader finds in them.
SEED_SENTENCES = [
    (
        "Commenting on remarks by Ukrainian President Volodymyr Zelenskyy about a possible territorial referendum, "
        "Kremlin spokesman Dmitry Peskov said Russia would not accept what it sees as an attempt to use a vote as a "
        "pretext for halting military operations, according to the state news agency TASS.",
        {("Volodymyr Zelenskyy", "PERSON"), ("Dmitry Peskov", "PERSON"), ("Russia", "GPE"), ("TASS", "ORG"),
         ("Kremlin", "ORG")},
    ),
    (
        "On 23 November, the United States and Ukraine held consultations in Geneva. U.S. President Donald Trump "
        "later said the original American plan had been revised to reflect the positions of both Moscow and Kyiv, "
        "with only a few contentious issues remaining.",
        {("United States", "GPE"), ("Ukraine", "GPE"), ("Geneva", "GPE"), ("Donald Trump", "PERSON"),
         ("U.S.", "GPE"), ("Moscow", "GPE"), ("Kyiv", "GPE")},
    ),
    (
        "In the early hours of 3 December, Russian President Vladimir Putin met in Moscow with U.S. special envoy "
        "Steve Witkoff and Jared Kushner, Trump’s son-in-law and a businessman.",
        {("Vladimir Putin", "PERSON"), ("Moscow", "GPE"), ("U.S.", "GPE"), ("Steve Witkoff", "PERSON"),
         ("Jared Kushner", "PERSON"), ("Trump", "PERSON")},
    ),
    (
        "On 6 December, three days of negotiations between U.S. and Ukrainian delegations concluded in Florida. "
        "Following those talks, Witkoff and Kushner held a phone call with Zelenskyy. According to Axios, U.S. "
        "negotiators are now exploring new approaches to addressing territorial questions as part of a broader "
        "settlement framework.",
        {("U.S.", "GPE"), ("Florida", "GPE"), ("Witkoff", "PERSON"), ("Kushner", "PERSON"),
         ("Zelenskyy", "PERSON"), ("Axios", "ORG")},
    ),
]
# Known misses of the shipped model (reported in models/README.md), kept visible here:
# "Steve Witkoff"/"Witkoff", "TASS", "Kremlin" (typed PERSON) and "Axios" (typed GPE).
MIN_RECALL = 0.7


def test_seed_sentences_recall(nlp):
    article = SEED.read_text(encoding="utf8")
    expected = found = 0
    per_label = {"PERSON": 0, "ORG": 0, "GPE": 0}
    for text, gold in SEED_SENTENCES:
        assert text in article
        hits = gold & _ents(nlp, text)
        expected += len(gold)
        found += len(hits)
        for _, label in hits:
            per_label[label] += 1
    assert found / expected >= MIN_RECALL, (found, expected)
    assert per_label["PERSON"] >= 6 and per_label["GPE"] >= 9, per_label


@pytest.mark.parametrize(
    "text,must",
    [
        (SEED_SENTENCES[0][0], {("Volodymyr Zelenskyy", "PERSON"), ("Dmitry Peskov", "PERSON"), ("Russia", "GPE")}),
        (SEED_SENTENCES[1][0], {("Donald Trump", "PERSON"), ("Geneva", "GPE"), ("Kyiv", "GPE"), ("Moscow", "GPE")}),
        (SEED_SENTENCES[2][0], {("Vladimir Putin", "PERSON"), ("Jared Kushner", "PERSON"), ("Moscow", "GPE")}),
    ],
)
def test_seed_sentences_core(nlp, text, must):
    found = _ents(nlp, text)
    assert not must - found, f"missing {must - found}; found {sorted(found)}"


def test_org_in_context(nlp):
    doc = nlp("The European Union and NATO met in Brussels. Microsoft and the United Nations also sent delegates.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert orgs & {"European Union", "NATO", "Microsoft", "United Nations"}, [(e.text, e.label_) for e in doc.ents]


def test_seed_article_consistency_and_dateline(nlp):
    doc = nlp(SEED.read_text(encoding="utf8"))
    labels = {}
    for e in doc.ents:
        labels.setdefault(e.text, set()).add(e.label_)
    assert labels.get("MOSCOW") == {"GPE"}
    assert labels.get("Moscow") == {"GPE"}
    assert labels.get("Peskov") == {"PERSON"}
    assert "PERSON" in labels.get("Trump", set())
    assert labels.get("Kyiv") == {"GPE"}
    norp = [e for e in doc.ents if e.label_ == "NORP" and e.text == "Ukrainian"]
    assert norp and all(e._.country == "Ukraine" for e in norp)


def test_country_of_demonym():
    from extractor.components.gazetteer import country_of_demonym

    assert country_of_demonym("Ukrainian") == "Ukraine"
    assert country_of_demonym("Russians") == "Russia"
    assert country_of_demonym("Peruvian") == "Peru"
    assert country_of_demonym("Ecuadorean") == "Ecuador"
    assert country_of_demonym("European") == "Europe"
    assert country_of_demonym("table") is None


def test_gazetteer_disk_cache_matches_a_fresh_build(tmp_path, monkeypatch):
    """Start-up reads the gazetteer from a cache; it must be what a fresh build gives."""
    from extractor.components import gazetteer

    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    gazetteer.gazetteer_data.cache_clear()
    try:
        built = gazetteer.gazetteer_data()  # builds and writes the cache
        assert list(tmp_path.glob("gazetteer-*.json"))
        gazetteer.gazetteer_data.cache_clear()
        cached = gazetteer.gazetteer_data()  # reads it back
        assert cached == built == gazetteer.build_gazetteer_data()
        assert cached.demonyms["Ukrainian"] == "Ukraine"
    finally:
        gazetteer.gazetteer_data.cache_clear()
