"""Writing results: JSON, JSON Lines, and Rich tables for people."""
from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

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


@functools.cache
def _file_mode() -> int:
    """The permissions a new file gets under the process's umask (read once, then restored)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, record: dict[str, Any]) -> None:
    """Write NAME.json via a temporary file and rename, so no reader sees half a file (umask honoured)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())  # mkstemp makes 0600 files
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(to_json(record, pretty=True) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OutputDir:
    """``--output-dir``: one NAME.json per result, and every failure of the run as a line of errors.jsonl."""

    ERRORS = "errors.jsonl"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._errors: TextIO | None = None

    def open(self) -> None:
        """Create the folder, prove it writable, and start this run's errors.jsonl (raises OSError)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._errors = (self.root / self.ERRORS).open("w", encoding="utf-8")

    def close(self) -> None:
        if self._errors is not None:
            self._errors.close()

    def write(self, name: Path, record: dict[str, Any]) -> None:
        """A result to NAME.json, a failure to errors.jsonl (flushed at once, so an interrupted batch keeps it)."""
        if "error" in record and self._errors is not None:
            self._errors.write(to_json(record, pretty=False) + "\n")
            self._errors.flush()
        elif "error" not in record:
            write_atomic(self.root / name, record)


def _party(p: dict[str, Any] | None) -> str:
    return "—" if not p else p["name"]


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """A table whose cells are shown literally: article text is never read as Rich markup."""
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def render_tables(record: dict[str, Any], console: Console) -> None:
    """Human-readable tables of one article: entities, dates, meetings, quotes."""
    title = Text(record["source"].get("path") or "<text>", style="bold")
    if "error" in record:
        console.print(Text.assemble(title, ": ", record["error"]["message"]), style="red")
        return
    ref = record["reference_date"]
    console.rule(Text.assemble(title, f"  reference date: {ref['value'] or 'unknown'} ({ref['source']})"))
    console.print(_table("Entities", ("id", "type", "name", "aliases", "titles", "mentions"), [
        (e["id"], e["type"], e["name"], ", ".join(e["aliases"]), ", ".join(e["titles"]), str(len(e["mentions"])))
        for e in record["entities"]]))
    console.print(_table("Dates", ("text", "value", "granularity"), [
        (d["text"], d["value"] or "—", d["granularity"] or "—") for d in record["dates"]]))
    console.print(_table("Meetings", ("participants", "kind", "status", "date", "location"), [
        (", ".join(_party(p) for p in m["participants"]), m["kind"], m["status"], m["date"] or "—",
         m["location"] or "—") for m in record["meetings"]]))
    console.print(_table("Quotes", ("speaker", "type", "cue", "text"), [
        (_party(q["speaker"]), q["type"], q["cue"] or "—", q["text"]) for q in record["quotes"]]))
