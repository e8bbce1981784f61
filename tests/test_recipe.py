"""The model recipe: convert -> train -> assemble runs end to end on a few sentences (skipped
when the corpora, ../shared/corpora or $EXTRACTOR_CORPORA, are absent); the synthetic NER
examples of augment.py keep title words out of names.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "models" / "recipe"
CORPORA = Path(os.environ.get("EXTRACTOR_CORPORA", ROOT.parent / "shared" / "corpora"))

needs_corpora = pytest.mark.skipif(
    not (CORPORA / "ud-english-ewt").is_dir(),
    reason=f"training corpora not found at {CORPORA} (set EXTRACTOR_CORPORA to run the recipe smoke test)",
)


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"recipe_{name}", RECIPE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(RECIPE))
    spec.loader.exec_module(mod)
    return mod


@needs_corpora
def test_convert_train_assemble(tmp_path):
    convert = _module("convert")
    corpus = tmp_path / "corpus"
    convert.main(["--corpora", str(CORPORA), "--out", str(corpus), "--limit", "12", "--re3d"])
    for name in ("train/corpora", "train/augment", "dev", "test_gum", "test_pud"):
        assert (corpus / f"{name}.spacy").is_file()
    nlp = spacy.blank("en")
    train = list(DocBin().from_disk(corpus / "train" / "corpora.spacy").get_docs(nlp.vocab))
    labels = {e.label_ for d in train for e in d.ents}
    assert labels <= {"PERSON", "ORG", "GPE"} and labels, labels
    assert any(d.has_annotation("DEP") for d in train)

    vectors = tmp_path / "vectors"
    _module("vectors").main(["--model", str(_tiny_minilm(tmp_path)), "--train", str(corpus / "train" / "corpora.spacy"),
                             "--out", str(vectors), "--dims", "4"])

    from spacy.cli.train import train as spacy_train

    out = tmp_path / "training"
    spacy_train(
        RECIPE / "config.cfg",
        out,
        overrides={
            "paths.train": str(corpus / "train"),
            "paths.dev": str(corpus / "dev.spacy"),
            "paths.vectors": str(vectors),
            "training.max_steps": 6,
            "training.eval_frequency": 3,
        },
    )
    assemble = _module("assemble")
    dest = tmp_path / "en_extractor_news"
    assemble.main([str(out / "model-last"), str(dest)])
    loaded = spacy.load(dest)
    assert loaded.pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"]
    doc = loaded("Donald Trump met Vladimir Putin in Moscow.")
    assert len(doc) == 8 and doc.has_annotation("DEP")
    assert loaded.vocab.vectors.shape[1] == 4
    assert loaded.vocab.has_vector("Trump") and loaded.vocab.has_vector("trump")  # one row, every casing


def _tiny_minilm(tmp_path: Path) -> Path:
    """A stand-in for the MiniLM package files: its vocab and a random embedding table."""
    import numpy as np
    from safetensors.numpy import save_file

    pieces = ["[PAD]", "[UNK]", "trump", "putin", "moscow", "met", "in", ".", "donald", "vladimir", "the", "##s"]
    model = tmp_path / "minilm"
    model.mkdir()
    (model / "vocab.txt").write_text("\n".join(pieces) + "\n", encoding="utf8")
    table = np.random.default_rng(0).normal(size=(len(pieces), 16)).astype(np.float32)
    save_file({"embeddings.word_embeddings.weight": table}, str(model / "model.safetensors"))
    return model


@needs_corpora
def test_wordpiece_splits_like_bert():
    wordpiece = _module("vectors").WordPiece(["[UNK]", "un", "##aff", "##able", "u", ".", "s", "cafe"])
    assert wordpiece.pieces("Unaffable") == [1, 2, 3]
    assert wordpiece.pieces("U.S.") == [4, 5, 6, 5]
    assert wordpiece.pieces("Café") == [7]
    assert wordpiece.pieces("xyz") == [0]


TRAIN_SENTENCES = [  # (text, [(entity text, label)]): names free of title words
    ("Anna Berg said the talks in Oslo went well .", [("Anna Berg", "PERSON"), ("Oslo", "GPE")]),
    ("Yesterday Tomas Lind met Maria Costa in Lisbon .",
     [("Tomas Lind", "PERSON"), ("Maria Costa", "PERSON"), ("Lisbon", "GPE")]),
    ("Jon Holt works for Nordic Bank in Sweden .",
     [("Jon Holt", "PERSON"), ("Nordic Bank", "ORG"), ("Sweden", "GPE")]),
    ("Leila Haddad told Red Crescent that New Zealand would help .",
     [("Leila Haddad", "PERSON"), ("Red Crescent", "ORG"), ("New Zealand", "GPE")]),
    ("Prices rose in Kenya , Acme Steel said .", [("Kenya", "GPE"), ("Acme Steel", "ORG")]),
]


def _train_docs(nlp):
    docs = []
    for text, ents in TRAIN_SENTENCES:
        doc = nlp.make_doc(text)
        for token in doc:
            token.is_sent_start = token.i == 0
        doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label=label)
                    for name, label in ents]
        docs.append(doc)
    return docs


def test_augment_keeps_title_words_out_of_names():
    augment = _module("augment")
    nlp = spacy.blank("en")
    train = _train_docs(nlp)
    docs = augment.augment(nlp, train, 300, seed=3)
    assert len(docs) > 250
    assert [d.text for d in docs] == [d.text for d in augment.augment(nlp, train, 300, seed=3)]
    title_vocab = augment.title_words(augment.read_sections())
    in_names = {t.text for d in docs for e in d.ents if e.label_ == "PERSON" for t in e
                if t.lower_ in title_vocab}
    assert not in_names, in_names
    titled = [e for d in docs for e in d.ents
              if e.label_ == "PERSON" and e.start > 0 and d[e.start - 1].lower_ in title_vocab]
    assert len(titled) > 30  # titles do stand right before names, outside them
    services = set(augment.read_sections()["services"])  # "Air Force Maj. Gen. <name>"
    assert {e.label_ for d in docs for e in d.ents if e.text in services} == {"ORG"}


def test_convert_cuts_leading_titles_from_person_spans():
    convert = _module("convert")
    nlp = spacy.blank("en")
    cut = convert.TitleCut()
    cases = {  # span text -> what stays PERSON, and the place kept before the title
        "Prime Minister Rishi Sunak": ("Rishi Sunak", None),
        "U.S. President Donald Trump": ("Donald Trump", "U.S."),
        "Kenyan Agriculture Minister Peter Munya": ("Peter Munya", None),
        "Chinese Foreign Minister Wang Yi": ("Wang Yi", None),
        "Mr. Schooley": ("Schooley", None),
        "Lt. Gen. Jubal Early": ("Jubal Early", None),
        "President Obama": ("Obama", None),
        "Captain America": ("Captain America", None),  # a well-known place would be left: kept whole
        "Prince": ("Prince", None),
        "Vladimir Putin": ("Vladimir Putin", None),
    }
    docs = []
    for text in cases:
        doc = nlp.make_doc(f"Yesterday {text} spoke .")
        doc.ents = [doc.char_span(10, 10 + len(text), label="PERSON")]
        docs.append(doc)
    cut(docs + docs[:1], "test")  # a repeated Doc is cut once and counted twice
    for doc, (person, place) in zip(docs, cases.values()):
        assert [e.text for e in doc.ents if e.label_ == "PERSON"] == [person]
        assert [e.text for e in doc.ents if e.label_ == "GPE"] == ([place] if place else [])
        assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # the title words are O, nothing missing
    assert cut.changed["test"] == (7, 8)


def test_augment_short_titles_after_a_country_or_nationality():
    """'U.S. President <name>', 'Kenyan Agriculture Minister <name>', 'President <name> of Indonesia':
    the country is GPE, the nationality and the title O, the name alone PERSON."""
    augment = _module("augment")
    nlp = spacy.blank("en")
    docs = augment.augment(nlp, _train_docs(nlp), 400, seed=5)
    short = {w.lower() for t in augment.read_sections()["short_titles"] for w in t.split()}
    demonyms = set(augment.demonym_words())
    after_country = after_demonym = of_country = 0
    for d in docs:
        for e in d.ents:
            if e.label_ != "PERSON" or e.start < 2 or d[e.start - 1].lower_ not in short:
                continue
            assert not any(t.lower_ in short for t in e), e.text
            j = e.start - 1
            while j > 0 and d[j - 1].lower_ in short:
                j -= 1
            before = d[j - 1]
            after_country += before.ent_type_ == "GPE"
            after_demonym += before.text in demonyms and not before.ent_type_
            nxt = d[e.end:e.end + 2]
            of_country += len(nxt) == 2 and nxt[0].text == "of" and nxt[1].ent_type_ == "GPE"
    assert after_country >= 5 and after_demonym >= 5 and of_country >= 5, (after_country, after_demonym, of_country)
