"""--db: the records in SQLite, one transaction per article, resumable without duplicates."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractor
from extractor import db, sources
from extractor.cli import app

from conftest import ROOT

runner = CliRunner()
FILES = sorted(ROOT.glob("eval/extra/*.txt"))[:4]
TABLES = ("articles", "entities", "entity_aliases", "entity_titles", "mentions", "dates", "meetings",
          "meeting_participants", "quotes")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    for f in FILES:
        (tmp_path / "in" / f.name).write_bytes(f.read_bytes())
    return tmp_path / "in"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def expected_counts(records: list[dict]) -> dict[str, int]:
    ents = [e for r in records for e in r["entities"]]
    meetings = [m for r in records for m in r["meetings"]]
    return {"articles": len(records), "entities": len(ents), "entity_aliases": sum(len(e["aliases"]) for e in ents),
            "entity_titles": sum(len(e["titles"]) for e in ents), "mentions": sum(len(e["mentions"]) for e in ents),
            "dates": sum(len(r["dates"]) for r in records), "meetings": len(meetings),
            "meeting_participants": sum(len(m["participants"]) for m in meetings),
            "quotes": sum(len(r["quotes"]) for r in records)}


def test_the_database_holds_what_the_json_says(folder, tmp_path):
    path = tmp_path / "x.db"
    result = runner.invoke(app, ["--db", str(path), "--reference-date", "2025-12-08", str(folder)])
    assert result.exit_code == 0 and result.stdout == ""
    records = [json.loads(line) for line in runner.invoke(
        app, ["-f", "jsonl", "--reference-date", "2025-12-08", str(folder)]).stdout.splitlines()]
    assert counts(path) == expected_counts(records)
    with sqlite3.connect(path) as conn:
        assert [json.loads(r) for (r,) in conn.execute("SELECT record FROM articles ORDER BY id")] == records
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA user_version").fetchone() == (db.VERSION,)
        assert dict(conn.execute("SELECT key, value FROM meta")) == {"schema": db.SCHEMA_ID, "contract": "extractor/1"}
        quotes = records[0]["quotes"]
        quote = next(q for q in quotes if q["speaker"] and q["speaker"].get("entity"))
        speaker = conn.execute("SELECT e.name FROM quotes q JOIN entities e ON e.id = q.speaker_entity_id "
                               "WHERE q.start = ? AND q.article_id = 1", (quote["start"],)).fetchone()
        assert speaker == (quote["speaker"]["name"],)
        for quote in quotes:  # an unnamed source keeps its label, with no entity
            stored = conn.execute("SELECT speaker, speaker_entity_id IS NULL FROM quotes WHERE start = ? AND article_id = 1",
                                  (quote["start"],)).fetchone()
            speaker = quote["speaker"] or {}
            assert stored == (speaker.get("name"), int(not speaker.get("entity")))


def test_a_rerun_skips_stored_content_and_replaces_failures(folder, tmp_path):
    path = tmp_path / "x.db"
    missing = str(tmp_path / "missing.txt")
    assert runner.invoke(app, ["--db", str(path), missing, str(folder)]).exit_code == 1
    first = counts(path)
    result = runner.invoke(app, ["--db", str(path), missing, str(folder)])
    assert result.exit_code == 1 and f"{len(FILES)} input(s) skipped" in result.stderr
    assert counts(path) == first, "nothing stored twice, the failure's row replaced"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT path, error_code FROM articles WHERE error_code IS NOT NULL").fetchall() == [
            (missing, "not_found")]


def test_jobs_write_the_same_database(folder, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert runner.invoke(app, ["--db", str(one), str(folder)]).exit_code == 0
    assert runner.invoke(app, ["--db", str(two), "--jobs", "2", str(folder)]).exit_code == 0
    dump = [list(sqlite3.connect(p).iterdump()) for p in (one, two)]
    assert dump[0] == dump[1]


def test_an_interrupted_batch_resumes_without_duplicates(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = sorted(ROOT.glob("eval/*/*.txt"))[:24]
    for i, f in enumerate(files):
        (inputs / f"{i:02d}.txt").write_bytes(f.read_bytes())
    path = tmp_path / "x.db"
    cmd = [sys.executable, "-m", "extractor", "-q", "--db", str(path), str(inputs)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = _wait_for_articles(path, proc, 3)
    os.kill(proc.pid, signal.SIGKILL)  # mid-batch, maybe mid-transaction
    proc.wait()
    assert stored < len(files), "the batch was interrupted before its end"
    subprocess.run(cmd, check=True, timeout=600, capture_output=True)
    records = list(extractor.extract_many(sources.read(str(p)) for p in sorted(inputs.glob("*.txt"))))
    assert counts(path) == expected_counts(records)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(DISTINCT sha256), count(*) FROM articles").fetchone() == (24, 24)


def _wait_for_articles(path: Path, proc: subprocess.Popen, n: int) -> int:
    """Poll the database (as a reader, while the batch writes) until it holds ``n`` articles."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(path, timeout=5) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            stored = 0
        if stored >= n:
            return stored
        time.sleep(0.05)
    raise AssertionError(f"the batch ended or stalled before storing {n} articles: {proc.stderr.read()!r}")


@pytest.mark.parametrize("content", [b"not a database at all, just text" * 100, None])
def test_a_file_that_is_no_database_of_ours_is_a_usage_error(folder, tmp_path, content):
    path = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (x)")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = runner.invoke(app, ["--db", str(path), str(folder)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_another_schema_version_is_refused(folder, tmp_path):
    path = tmp_path / "x.db"
    db.Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 2")
    result = runner.invoke(app, ["--db", str(path), str(folder)])
    assert result.exit_code == 2 and "schema version 2" in result.stderr


def test_the_readme_queries_run(folder, tmp_path):
    path = tmp_path / "x.db"
    runner.invoke(app, ["--db", str(path), "--reference-date", "2025-12-08", str(folder)])
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    with sqlite3.connect(path) as conn:
        for sql in blocks:
            rows = conn.execute(sql, {"name": "Anna Lindqvist", "topic": "talks"}).fetchall()
            assert isinstance(rows, list)
        pairs = conn.execute(blocks[-1]).fetchall()
        assert pairs and all(a < b and n >= 1 for a, b, n in pairs)
