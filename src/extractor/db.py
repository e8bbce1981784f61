"""``--db PATH``: the records of a batch in an embedded SQLite database.

Why the standard library's ``sqlite3`` and not sqlite-utils: the schema is
fixed, versioned and written out below, and every article is one explicit
transaction; sqlite-utils' strengths (tables inferred from dicts, upserts,
its CLI) would hide exactly what must stay explicit here, for one more
dependency.

The schema is ``extractor-db/1`` (``SCHEMA_ID``), versioned like the JSON
contract: it is stored in the ``meta`` table and as ``PRAGMA user_version``,
and a database of another version (or some other program's database) is
refused, never altered. Each article is one transaction, so an interrupted
batch never leaves half an article; the database is in WAL mode, so it can be
read while a batch writes. A result whose content (the input's sha256) is
stored already is not stored again, and the CLI skips such inputs before
reading them further: rerunning a folder resumes it. An input that failed is
one row of ``articles`` with its error; it is tried again by the next run,
whose row replaces it.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA_ID = "extractor-db/1"
VERSION = 1

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT,
    sha256 TEXT,
    chars INTEGER,
    format TEXT,
    reference_date TEXT,
    reference_date_source TEXT,
    error_code TEXT,
    error_message TEXT,
    record TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_sha256 ON articles (sha256) WHERE error_code IS NULL;
CREATE INDEX articles_path ON articles (path);
CREATE INDEX articles_reference_date ON articles (reference_date);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    UNIQUE (article_id, key)
);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias TEXT NOT NULL
);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);
CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id);
CREATE TABLE entity_titles (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    title TEXT NOT NULL
);
CREATE INDEX entity_titles_title ON entity_titles (title);
CREATE INDEX entity_titles_entity ON entity_titles (entity_id);
CREATE TABLE mentions (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX dates_value ON dates (value);
CREATE INDEX dates_article ON dates (article_id);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    date TEXT,
    date_text TEXT,
    location TEXT,
    location_entity_id INTEGER REFERENCES entities (id),
    trigger TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX meetings_date ON meetings (date);
CREATE INDEX meetings_article ON meetings (article_id);
CREATE INDEX meetings_location_entity ON meetings (location_entity_id);
CREATE TABLE meeting_participants (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities (id)
);
CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id);
CREATE INDEX meeting_participants_name ON meeting_participants (name);
CREATE INDEX meeting_participants_entity ON meeting_participants (entity_id);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker TEXT,
    speaker_entity_id INTEGER REFERENCES entities (id),
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    cue TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity_id);
CREATE INDEX quotes_article ON quotes (article_id);
"""


class StoreError(Exception):
    """The database cannot be opened, or is not one of ours of this schema version."""


class Store:
    """An extractor database, opened (and created when new) for one batch."""

    Error = sqlite3.Error  # what ``write`` raises when the database cannot be written (a full disk, say)

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._prepare()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _prepare(self) -> None:
        """Create our tables in a new database, or check an existing one is ours and of this version."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables == 0:
            with self._transaction() as db:
                for statement in TABLES.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA_ID), ("contract", "extractor/1")])
                db.execute(f"PRAGMA user_version = {VERSION}")
        elif version != VERSION:
            found = f"schema version {version}" if version else "tables of some other program"
            raise StoreError(f"{self.path} holds {found}; this extract writes {SCHEMA_ID}")
        self._db.execute("PRAGMA journal_mode = WAL")  # readers see the batch grow while it writes
        # with WAL: a crash loses at most the last commits, never half of one
        self._db.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def has(self, sha256: str | None) -> bool:
        """Whether a result for this content is stored."""
        row = self._db.execute("SELECT 1 FROM articles WHERE sha256 = ? AND error_code IS NULL", (sha256,))
        return row.fetchone() is not None

    def write(self, record: dict[str, Any]) -> bool:
        """Store one record in one transaction; False when a result for its content was stored already."""
        source = record["source"]
        with self._transaction() as db:
            if source["path"] is not None:  # this input's earlier failure, replaced by what it gives now
                db.execute("DELETE FROM articles WHERE path = ? AND error_code IS NOT NULL", (source["path"],))
            if "error" in record:
                _insert_article(db, record)
                return True
            if self.has(source["sha256"]):
                return False
            _insert_facts(db, _insert_article(db, record), record)
        return True


def _insert_article(db: sqlite3.Connection, record: dict[str, Any]) -> int:
    source, error = record["source"], record.get("error") or {}
    ref = record.get("reference_date") or {}
    return db.execute(
        "INSERT INTO articles (path, sha256, chars, format, reference_date, reference_date_source, error_code,"
        " error_message, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (source["path"], source["sha256"], source["chars"], source.get("format"), ref.get("value"),
         ref.get("source"), error.get("code"), error.get("message"),
         json.dumps(record, ensure_ascii=False, separators=(",", ":"))),
    ).lastrowid


def _insert_facts(db: sqlite3.Connection, article: int, record: dict[str, Any]) -> None:
    """Entities first (the other facts point at their rows), then dates, meetings and quotes."""
    ids = {e["id"]: _insert_entity(db, article, e) for e in record["entities"]}
    db.executemany("INSERT INTO dates (article_id, text, value, granularity, start, end) VALUES (?, ?, ?, ?, ?, ?)",
                   [(article, d["text"], d["value"], d["granularity"], d["start"], d["end"]) for d in record["dates"]])
    for meeting in record["meetings"]:
        _insert_meeting(db, article, meeting, ids)
    db.executemany(
        "INSERT INTO quotes (article_id, speaker, speaker_entity_id, text, type, cue, start, end, evidence,"
        " evidence_start, evidence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article, *_party(q["speaker"], ids), q["text"], q["type"], q["cue"], q["start"], q["end"],
          *_evidence(q)) for q in record["quotes"]])


def _insert_entity(db: sqlite3.Connection, article: int, entity: dict[str, Any]) -> int:
    row = db.execute("INSERT INTO entities (article_id, key, name, type, country) VALUES (?, ?, ?, ?, ?)",
                     (article, entity["id"], entity["name"], entity["type"], entity.get("country"))).lastrowid
    db.executemany("INSERT INTO entity_aliases VALUES (?, ?)", [(row, a) for a in entity["aliases"]])
    db.executemany("INSERT INTO entity_titles VALUES (?, ?)", [(row, t) for t in entity["titles"]])
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?)", [(row, m["start"], m["end"]) for m in entity["mentions"]])
    return row


def _insert_meeting(db: sqlite3.Connection, article: int, meeting: dict[str, Any], ids: dict[str, int]) -> None:
    row = db.execute(
        "INSERT INTO meetings (article_id, kind, status, date, date_text, location, location_entity_id, trigger,"
        " evidence, evidence_start, evidence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article, meeting["kind"], meeting["status"], meeting["date"], meeting["date_text"], meeting["location"],
         ids.get(meeting["location_entity"]), meeting.get("trigger"), *_evidence(meeting)),
    ).lastrowid
    db.executemany("INSERT INTO meeting_participants VALUES (?, ?, ?, ?)",
                   [(row, i, *_party(p, ids)) for i, p in enumerate(meeting["participants"])])


def _party(party: dict[str, Any] | None, ids: dict[str, int]) -> tuple[str | None, int | None]:
    return (None, None) if party is None else (party["name"], ids.get(party["entity"]))


def _evidence(item: dict[str, Any]) -> tuple[str, int, int]:
    evidence = item["evidence"]
    return evidence["text"], evidence["start"], evidence["end"]
