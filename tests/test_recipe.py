"""Smoke test: the model recipe (convert -> train -> assemble) runs end to end on a few sentences.

Skipped when the corpora (../shared/corpora or $EXTRACTOR_CORPORA) are absent.
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

pytestmark = pytest.mark.skipif(
    not (CORPORA / "ud-english-ewt").is_dir(),
    reason=f"training corpora not found at {CORPORA} (set EXTRACTOR_CORPORA to run the recipe smoke test)",
)


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"recipe_{name}", RECIPE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(RECIPE))
    spec.loader.exec_module(mod)
    return mod


def test_convert_train_assemble(tmp_path):
    convert = _module("convert")
    corpus = tmp_path / "corpus"
    convert.main(["--corpora", str(CORPORA), "--out", str(corpus), "--limit", "12", "--re3d"])
    for name in ("train", "dev", "test_gum", "test_pud"):
        assert (corpus / f"{name}.spacy").is_file()
    nlp = spacy.blank("en")
    train = list(DocBin().from_disk(corpus / "train.spacy").get_docs(nlp.vocab))
    labels = {e.label_ for d in train for e in d.ents}
    assert labels <= {"PERSON", "ORG", "GPE"} and labels, labels
    assert any(d.has_annotation("DEP") for d in train)

    from spacy.cli.train import train as spacy_train

    out = tmp_path / "training"
    spacy_train(
        RECIPE / "config.cfg",
        out,
        overrides={
            "paths.train": str(corpus / "train.spacy"),
            "paths.dev": str(corpus / "dev.spacy"),
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
