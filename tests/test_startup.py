"""What a cold start does once instead of twice (issue 13's start-up); behaviour only, never timing."""
from __future__ import annotations

import spacy

from extractor import pipeline
from extractor.locate import default_model_path


def test_the_shipped_tokenizer_is_built_once_and_is_the_one_spacy_load_gives():
    ours, theirs = pipeline._load_base(None), spacy.load(default_model_path())
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": pipeline.SAVED_TOKENIZER}
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    text = "Mr. O'Neil can't fly to the U.S. on 3/4 at 5pm (see https://example.org/a?b=1) :-)"
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]


def test_other_pipelines_load_their_tokenizer_as_spacy_does(tmp_path):
    """A pipeline directory with spaCy's tokenizer saved gets it the same way; anything else as spaCy loads it."""
    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "own")
    loaded = pipeline._load_base(str(tmp_path / "own"))  # any pipeline directory holding spaCy's tokenizer
    assert loaded.config["nlp"]["tokenizer"] == {"@tokenizers": pipeline.SAVED_TOKENIZER}
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == blank.tokenizer.to_bytes(exclude=["vocab"])
    config = (tmp_path / "own" / "config.cfg").read_text(encoding="utf-8")
    blank.to_disk(tmp_path / "other")
    (tmp_path / "other" / "config.cfg").write_text(
        config.replace('"spacy.Tokenizer.v1"', '"spacy.zh.ChineseTokenizer"'), encoding="utf-8")
    blank.to_disk(tmp_path / "unsaved", exclude=["tokenizer"])
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "tokenizer").write_bytes(b"")
    (tmp_path / "broken" / "config.cfg").write_text("[nlp\n", encoding="utf-8")
    for where in (tmp_path / "other", tmp_path / "unsaved", tmp_path / "broken", "en_core_web_sm"):
        assert pipeline._tokenizer_config(where) == {}, where


def _probe(code: str) -> str:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_resident_pipeline_loads_with_the_collector_paused_then_is_frozen():
    """No collection walks the objects of spaCy's import and of the load; once loaded they are frozen; the
    collector's thresholds are restored (also when loading fails)."""
    code = """
import gc
from extractor.locate import ModelNotFound
from extractor.resident import load_resident
before = gc.get_threshold()
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(info["generation"]))
load_resident()  # spaCy is imported here too
gc.callbacks.clear()
frozen, restored = gc.get_freeze_count() > 100_000, gc.get_threshold() == before
try:
    load_resident("no-such-pipeline")
except ModelNotFound:
    print(seen, frozen, restored, gc.get_threshold() == before)
"""
    assert _probe(code) == "[] True True True"
