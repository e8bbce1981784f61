"""The `extract` command: a thin Typer layer over ``extractor.api``.

stdout carries data only (JSON, JSON Lines or tables); progress and errors go
to stderr. Exit codes: 0 every input fine, 1 some input failed, 2 usage error.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__, api, render, sources
from .pipeline import ModelNotFound, load_pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

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
    help="Extract entities, dates, meetings and quotes from English news articles as JSON.",
    epilog="Examples:  extract article.txt  |  extract seeds/ | jq -c '.meetings[]'  |  cat a.txt | extract -",
)
def extract(
    inputs: Optional[List[str]] = typer.Argument(
        None, metavar="INPUT...", help="Text files, folders (searched recursively), or - for stdin."
    ),
    reference_date: Optional[str] = typer.Option(
        None, "--reference-date", metavar="YYYY-MM-DD",
        help="Publication date that relative dates resolve against (default: the dateline's date).",
    ),
    model: Optional[str] = typer.Option(
        None, "--model", help="spaCy pipeline: a directory or an installed package such as en_core_web_sm."
    ),
    fmt: Format = typer.Option(
        Format.json, "--format", "-f", case_sensitive=False,
        help="json (pretty on a terminal, one line per article when piped), jsonl, or table.",
    ),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", file_okay=False, help="Write one NAME.json per input here instead of stdout."
    ),
    skip_existing: bool = typer.Option(False, "--skip-existing", help="With --output-dir: skip inputs already done."),
    glob: str = typer.Option("*.txt", "--glob", help="Pattern for files inside folders."),
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
    try:
        load_pipeline(model)
    except ModelNotFound as exc:
        raise _usage_error(str(exc))

    err = Console(stderr=True)
    paths = sources.expand(inputs, glob)
    searched = {p.root for p in paths}
    for item in inputs:
        if item != sources.STDIN and Path(item).is_dir() and Path(item) not in searched:
            _warn(f"{item}: no files matching {glob}")
    if output_dir is not None and skip_existing:
        paths = [p for p in paths if not (output_dir / p.output_name).exists()]

    show_progress = len(paths) > 1 and not quiet and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )
    pretty = fmt is Format.json and sys.stdout.isatty()
    out_console = Console()
    failed = 0
    records = api.extract_many(sources.read_all(paths), ref, model=model)
    with progress if show_progress else nullcontext():
        task = progress.add_task("extracting", total=len(paths))
        for item, record in zip(paths, records):
            if "error" in record:
                failed += 1
                if not quiet:
                    _warn(f"{item.path}: {record['error']['message']}")
            if output_dir is not None:
                if "error" not in record:
                    render.write_atomic(output_dir / item.output_name, record)
            else:
                render.write_record(record, fmt.value, sys.stdout, pretty, out_console)
            progress.advance(task)
    if not paths and not (output_dir is not None and skip_existing):
        failed += 1
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


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
