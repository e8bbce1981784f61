"""Quality gate: the annotated articles in ../shared/eval score at the issues' targets.

Predictions are made in-process (one model load) and scored by the project's
own scorer (`score.py --pred DIR --min ...`), so a rule change that drops a
figure below its target turns the suite red.
"""
from __future__ import annotations

import json
import subprocess
import sys

import extractor
from extractor import sources

TARGETS = {
    "entities_f1": 0.85,
    "dates_f1": 0.90,
    "quotes_f1": 0.88,
    "quote_speaker_acc": 0.92,
    "meetings_f1": 0.85,
    "meetings_full_f1": 0.70,  # issue 11's target (0.711 measured with model 0.4.0 and rule-table lemmas)
    "meeting_status_acc": 0.90,
}


# Issue 10's targets on the published texts, met since the third session: kept as a floor.
REAL_TARGETS = {
    "entities_f1": 0.90,
    "quote_speaker_acc": 0.85,
    "meeting_participants_acc": 0.80,
    "meeting_status_acc": 0.90,
}


def test_eval_set_meets_the_targets(shared, tmp_path, validate):
    _assert_scores(shared, tmp_path, validate, [shared / "eval" / "dev", shared / "eval" / "seed"], TARGETS)


def test_published_texts_keep_issue_10s_targets(shared, tmp_path, validate):
    _assert_scores(shared, tmp_path, validate, [shared / "eval" / "real"], REAL_TARGETS)


def _assert_scores(shared, tmp_path, validate, dirs, targets):
    """Predict every article of the folders in-process and score them with ``score.py --min``."""
    for txt in sorted(t for folder in dirs for t in folder.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        record = next(extractor.extract_many([sources.read(str(txt))], gold.get("reference_date")))
        (tmp_path / f"{txt.stem}.json").write_text(json.dumps(validate(record)), encoding="utf-8")
    mins = [arg for key, value in targets.items() for arg in ("--min", f"{key}={value}")]
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), *map(str, dirs), "--pred", str(tmp_path), *mins],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-1500:]
    assert "failed=0/" in proc.stdout
