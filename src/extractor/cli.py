"""The `extract` command: a thin Typer layer over ``extractor.api``.

stdout carries data only (JSON, JSON Lines or tables); progress and errors go
to stderr. Exit codes: 0 every input fine, 1 some input failed, 2 usage error.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__, api, render, sources, walk
from .pipeline import ModelNotFound, load_pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Write errors after which no later write can succeed: the batch stops instead of failing file by file.
_FATAL_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}

app = typer.Typer(add_completion=False, rich_markup_mode="rich")


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


def _reference_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def _warn(message: str) -> None:
    """One unwrapped line on stderr, easy to grep in batch logs."""
    typer.echo(f"extract: {message}", err=True)


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"extract: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


@app.command(
    help="Extract entities, dates, meetings and quotes from English news articles (plain text or HTML) as JSON.",
    epilog="Examples:  extract article.txt  |  extract seeds/ | jq -c '.meetings[]'  |  cat a.txt | extract -",
)
def extract(
    inputs: Optional[List[str]] = typer.Argument(
        None, metavar="INPUT...", help="Text or HTML files, folders (searched recursively), or - for stdin."
    ),
    reference_date: Optional[str] = typer.Option(
        None, "--reference-date", metavar="YYYY-MM-DD",
        help="Publication date that relative dates resolve against (default: an HTML page's date, the dateline's).",
    ),
    model: Optional[str] = typer.Option(
        None, "--model", help="spaCy pipeline: a directory or an installed package such as en_core_web_sm."
    ),
    fmt: Format = typer.Option(
        Format.json, "--format", "-f", case_sensitive=False,
        help="json (pretty on a terminal, one line per article when piped), jsonl, or table.",
    ),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", file_okay=False,
        help="Write one NAME.json per input here (failures to errors.jsonl) instead of stdout.",
    ),
    skip_existing: bool = typer.Option(False, "--skip-existing", help="With --output-dir: skip inputs already done."),
    glob: str = typer.Option("*.txt", "--glob", help="Pattern for files inside folders."),
    max_chars: int = typer.Option(
        sources.MAX_CHARS, "--max-chars", min=1, metavar="N",
        help="Longest input processed, in characters; a longer one is a too_large error record.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no per-file error lines."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    ref = _reference_date(reference_date)
    if not inputs:
        if sys.stdin.isatty():
            raise _usage_error("no input given (name files or folders, or pipe text with -)")
        inputs = [sources.STDIN]
    if skip_existing and output_dir is None:
        raise _usage_error("--skip-existing needs --output-dir")
    paths = walk.expand(inputs, glob)
    out = _open_output_dir(output_dir, paths) if output_dir is not None else None
    try:
        load_pipeline(model)
    except ModelNotFound as exc:
        raise _usage_error(str(exc))
    if out is not None and skip_existing:
        paths = [p for p in paths if p.error is not None or not (out.root / p.output_name).exists()]
    try:
        failed = _run(paths, api.extract_many(sources.read_all(paths, max_chars), ref, model=model,
                                              max_chars=max_chars), fmt, out, quiet)
    finally:
        if out is not None:
            out.close()
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _open_output_dir(output_dir: Path, paths: list[walk.InputPath]) -> render.OutputDir:
    """--output-dir checked before the model loads: no two inputs may share a NAME.json, the folder must be writable."""
    collision = walk.output_collision(paths)
    if collision:
        raise _usage_error(f"{collision}; name their common folder instead, or use one --output-dir each")
    out = render.OutputDir(output_dir)
    try:
        out.open()
    except OSError as exc:
        raise _usage_error(f"cannot write to {output_dir}: {exc.strerror or exc}")
    return out


def _run(paths: list[walk.InputPath], records: Iterator[dict], fmt: Format, out: render.OutputDir | None,
         quiet: bool) -> int:
    """Write each record where it belongs; the number of inputs that failed."""
    err = Console(stderr=True)
    show_progress = len(paths) > 1 and not quiet and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )
    pretty = fmt is Format.json and sys.stdout.isatty()
    out_console = Console(emoji=False, highlight=False)
    failed = 0
    with progress if show_progress else nullcontext():
        task = progress.add_task("extracting", total=len(paths))
        for item, record in zip(paths, records):
            if "error" in record:
                failed += 1
                if not quiet:
                    _warn(f"{item.path}: {record['error']['message']}")
            if out is not None:
                failed += _write_file(out, item, record)
            else:
                _write_stdout(record, fmt, pretty, out_console)
            progress.advance(task)
    return failed


def _write_file(out: render.OutputDir, item: walk.InputPath, record: dict) -> int:
    """Write one record under --output-dir; 1 when that failed (the batch stops if the disk is full or read-only)."""
    try:
        out.write(item.output_name, record)
    except OSError as exc:
        target = out.root / (out.ERRORS if "error" in record else item.output_name)
        message = f"cannot write {target}: {exc.strerror or exc}"
        if exc.errno in _FATAL_WRITE_ERRORS:
            typer.echo(f"extract: error: {message}; stopping (resume with --skip-existing)", err=True)
            raise typer.Exit(EXIT_FAILED)
        _warn(f"{item.path}: {message}")
        return 0 if "error" in record else 1
    return 0


def _write_stdout(record: dict, fmt: Format, pretty: bool, console: Console) -> None:
    """One record to stdout; a failing stdout (a full disk, not a closed pipe) ends the run with one line."""
    try:
        render.write_record(record, fmt.value, sys.stdout, pretty, console)
    except BrokenPipeError:
        raise
    except OSError as exc:
        typer.echo(f"extract: error: cannot write to standard output: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_FAILED)


def main() -> None:
    """Console-script entry point; a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        sys.exit(130)
