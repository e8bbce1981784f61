"""Writing results: JSON, JSON Lines, and Rich tables for people."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("json", "jsonl", "table")


def to_json(record: dict[str, Any], pretty: bool) -> str:
    if pretty:
        return json.dumps(record, ensure_ascii=False, indent=2)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_record(record: dict[str, Any], fmt: str, out: TextIO, pretty: bool, console: Console) -> None:
    """One record to stdout: pretty JSON on a terminal, one compact line when piped."""
    if fmt == "table":
        render_tables(record, console)
    else:
        out.write(to_json(record, pretty and fmt == "json") + "\n")
        out.flush()


def write_atomic(path: Path, record: dict[str, Any]) -> None:
    """Write NAME.json via a temporary file and rename, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(to_json(record, pretty=True) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _party(p: dict[str, Any] | None) -> str:
    return "—" if not p else p["name"]


def render_tables(record: dict[str, Any], console: Console) -> None:
    """Human-readable tables of one article: entities, dates, meetings, quotes."""
    title = record["source"].get("path") or "<text>"
    if "error" in record:
        console.print(f"[bold red]{title}[/]: {record['error']['message']}")
        return
    ref = record["reference_date"]
    console.rule(f"[bold]{title}[/]  reference date: {ref['value'] or 'unknown'} ({ref['source']})")

    entities = Table(title="Entities", title_justify="left", expand=False)
    for col in ("id", "type", "name", "aliases", "titles", "mentions"):
        entities.add_column(col)
    for e in record["entities"]:
        entities.add_row(e["id"], e["type"], e["name"], ", ".join(e["aliases"]),
                         ", ".join(e["titles"]), str(len(e["mentions"])))
    console.print(entities)

    dates = Table(title="Dates", title_justify="left")
    for col in ("text", "value", "granularity"):
        dates.add_column(col)
    for d in record["dates"]:
        dates.add_row(d["text"], d["value"] or "—", d["granularity"] or "—")
    console.print(dates)

    meetings = Table(title="Meetings", title_justify="left")
    for col in ("participants", "kind", "status", "date", "location"):
        meetings.add_column(col)
    for m in record["meetings"]:
        meetings.add_row(", ".join(_party(p) for p in m["participants"]), m["kind"],
                         m["status"], m["date"] or "—", m["location"] or "—")
    console.print(meetings)

    quotes = Table(title="Quotes", title_justify="left")
    for col in ("speaker", "type", "cue", "text"):
        quotes.add_column(col)
    for q in record["quotes"]:
        quotes.add_row(_party(q["speaker"]), q["type"], q["cue"] or "—", q["text"])
    console.print(quotes)
