"""The `extract` command: a thin Typer layer over ``extractor.api``.

stdout carries data only (JSON, JSON Lines or tables); progress and errors go
to stderr. Exit codes: 0 every input fine, 1 some input failed, 2 usage error.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from collections import deque
from collections.abc import Callable
from typing import Any, Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__, api, blas, render, sources, walk
from .jobs import WorkerError
from .locate import ModelNotFound, locate

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


# The options, one per line of the command's signature below.
_INPUTS = typer.Argument(None, metavar="INPUT...",
                         help="Text or HTML files, folders (searched recursively), or - for stdin.")
_REFERENCE_DATE = typer.Option(
    None, "--reference-date", metavar="YYYY-MM-DD",
    help="Publication date that relative dates resolve against (default: an HTML page's date, the dateline's).")
_MODEL = typer.Option(None, "--model",
                      help="spaCy pipeline: a directory or an installed package such as en_core_web_sm.")
_FORMAT = typer.Option(Format.json, "--format", "-f", case_sensitive=False,
                       help="json (pretty on a terminal, one line per article when piped), jsonl, or table.")
_OUTPUT_DIR = typer.Option(None, "--output-dir", "-o", file_okay=False,
                           help="Write one NAME.json per input here (failures to errors.jsonl) instead of stdout.")
_SKIP_EXISTING = typer.Option(False, "--skip-existing", help="With --output-dir: skip inputs already done.")
_DB = typer.Option(None, "--db", metavar="PATH", dir_okay=False,
                   help="Store records in this SQLite database instead of stdout; inputs already stored are skipped.")
_JOBS = typer.Option(1, "--jobs", "-j", min=0, metavar="N",
                     help="Worker processes, each loading the pipeline once (0: every core available).")
_SCHEDULER = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                          help="Run on this Dask distributed cluster (install extractor[dask]).")
_GLOB = typer.Option("*.txt", "--glob", help="Pattern for files inside folders.")
_MAX_CHARS = typer.Option(sources.MAX_CHARS, "--max-chars", min=1, metavar="N",
                          help="Longest input processed, in characters; a longer one is a too_large error record.")
_QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar and no per-file error lines.")
_VERSION = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version.")


@app.command(
    help="Extract entities, dates, meetings and quotes from English news articles (plain text or HTML) as JSON.",
    epilog="Examples:  extract article.txt  |  extract seeds/ | jq -c '.meetings[]'  |  cat a.txt | extract -",
)
def extract(
    inputs: Optional[List[str]] = _INPUTS, reference_date: Optional[str] = _REFERENCE_DATE,
    model: Optional[str] = _MODEL, fmt: Format = _FORMAT, output_dir: Optional[Path] = _OUTPUT_DIR,
    skip_existing: bool = _SKIP_EXISTING, db: Optional[Path] = _DB, jobs: int = _JOBS,
    scheduler: Optional[str] = _SCHEDULER, glob: str = _GLOB, max_chars: int = _MAX_CHARS,
    quiet: bool = _QUIET, version: bool = _VERSION,
) -> None:
    ref = _reference_date(reference_date)
    inputs = inputs or _stdin_or_usage_error()
    _check_combination(skip_existing, output_dir, db, jobs, scheduler)
    _check_matmul()
    paths = walk.expand(inputs, glob)
    out = _open_output_dir(output_dir, paths) if output_dir is not None else None
    store = _open_db(db) if db is not None else None
    cluster = None
    try:
        _check_model(model)
        cluster = _connect(scheduler) if scheduler else None
        if cluster is None and jobs == 1:
            _load_here(model)
        if out is not None and skip_existing:
            paths = [p for p in paths if p.error is not None or not (out.root / p.output_name).exists()]
        feed = _Feed(paths, max_chars, store)
        records = _records(feed, ref, model, max_chars, jobs, cluster)
        failed = _run(feed, records, fmt, out or store, quiet)
    finally:
        for resource in (out, store, cluster):
            if resource is not None:
                resource.close()
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _stdin_or_usage_error() -> list[str]:
    if sys.stdin.isatty():
        raise _usage_error("no input given (name files or folders, or pipe text with -)")
    return [sources.STDIN]


def _check_combination(skip_existing: bool, output_dir: Optional[Path], db: Optional[Path], jobs: int,
                       scheduler: Optional[str]) -> None:
    if skip_existing and output_dir is None:
        raise _usage_error("--skip-existing needs --output-dir")
    if db is not None and output_dir is not None:
        raise _usage_error("--db and --output-dir each take the records: give one of them")
    if scheduler and jobs != 1:
        raise _usage_error("--jobs and --scheduler both say where to run: give one of them")


def _check_matmul() -> None:
    """A wrong ``EXTRACTOR_MATMUL`` is a usage error before any input is read."""
    try:
        blas.chosen()
    except ValueError as exc:
        raise _usage_error(str(exc))


def _check_model(model: Optional[str]) -> None:
    """A model that does not exist is a usage error, found without loading (or importing) spaCy."""
    try:
        locate(model)
    except ModelNotFound as exc:
        raise _usage_error(str(exc))


def _load_here(model: Optional[str]) -> None:
    """The pipeline for this process, loaded before the batch and kept until exit (``resident.load_resident``)."""
    from .resident import load_resident

    try:
        load_resident(model)
    except ModelNotFound as exc:
        raise _usage_error(str(exc))


class _Feed:
    """The inputs, read lazily for the batch; ``paths`` holds the InputPath of each record still to come, in order.

    With a database, an input whose content (sha256) is stored already is skipped and counted.
    """

    def __init__(self, paths: list[walk.InputPath], max_chars: int, store: Any = None) -> None:
        self.total = len(paths)
        self.skipped = 0
        self.paths: deque[walk.InputPath] = deque()
        self._todo = iter(paths)
        self._max_chars = max_chars
        self._store = store

    def __iter__(self) -> Iterator[sources.FileBytes | sources.Source]:
        for path in self._todo:
            item = sources.read_input(path, self._max_chars)
            if self._store is not None and isinstance(item, sources.FileBytes) and self._store.has(item.sha256):
                self.skipped += 1
                continue
            self.paths.append(path)
            yield item


def _records(feed: _Feed, ref: Optional[dt.date], model: Optional[str], max_chars: int, jobs: int,
             cluster: Any) -> Iterator[dict]:
    if cluster is not None:
        from . import dask as on_dask

        return on_dask.extract_stream(cluster, feed, ref, model=model, max_chars=max_chars)
    return api.extract_many(feed, ref, model=model, max_chars=max_chars, jobs=jobs)


def _open_db(path: Path) -> Any:
    """--db opened (created, or checked to hold our schema) before the model loads."""
    from . import db

    try:
        return db.Store(path)
    except db.StoreError as exc:
        raise _usage_error(str(exc))


def _connect(address: str) -> Any:
    """A client of the Dask cluster at ``address``; a usage error when dask is missing or the cluster unreachable."""
    try:
        from . import dask as on_dask
    except ImportError:
        raise _usage_error("--scheduler needs Dask: pip install 'extractor[dask]'")
    try:
        return on_dask.connect(address)
    except (OSError, ValueError) as exc:
        raise _usage_error(f"cannot reach the Dask scheduler at {address}: {exc}")


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


def _run(feed: _Feed, records: Iterator[dict], fmt: Format, sink: Any, quiet: bool) -> int:
    """Write each record where it belongs (stdout, --output-dir or --db); the number of inputs that failed."""
    err = Console(stderr=True)
    show_progress = feed.total > 1 and not quiet and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )
    write = _writer(sink, fmt)
    failed = done = 0
    with progress if show_progress else nullcontext(), _closing(records):
        task = progress.add_task("extracting", total=feed.total)
        for record in records:
            item = feed.paths.popleft()
            if "error" in record:
                failed += 1
                if not quiet:
                    _warn(f"{item.path}: {record['error']['message']}")
            failed += write(item, record)
            done += 1
            progress.update(task, completed=done + feed.skipped)
    if feed.skipped and not quiet:
        _warn(f"{feed.skipped} input(s) skipped: their content is in the database already")
    return failed


@contextmanager
def _closing(records: Iterator[dict]) -> Iterator[None]:
    """Stop the batch's workers however the loop ends; their start-up failures are one-line errors."""
    try:
        yield
    except ModelNotFound as exc:
        raise _usage_error(str(exc))
    except WorkerError as exc:
        typer.echo(f"extract: error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED)
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()


def _writer(sink: Any, fmt: Format) -> Callable[[walk.InputPath, dict], int]:
    """The function that writes one record, returning 1 when writing it failed."""
    if isinstance(sink, render.OutputDir):
        return lambda item, record: _write_file(sink, item, record)
    if sink is not None:
        return lambda item, record: _write_db(sink, record)
    pretty = fmt is Format.json and sys.stdout.isatty()
    console = Console(emoji=False, highlight=False)
    return lambda item, record: _write_stdout(record, fmt, pretty, console)


def _write_db(store: Any, record: dict) -> int:
    """One record into --db, in one transaction; a database that cannot be written stops the batch."""
    try:
        store.write(record)
    except store.Error as exc:
        typer.echo(f"extract: error: cannot write to {store.path}: {exc}; stopping (run again to resume)", err=True)
        raise typer.Exit(EXIT_FAILED)
    return 0


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


def _write_stdout(record: dict, fmt: Format, pretty: bool, console: Console) -> int:
    """One record to stdout; a failing stdout (a full disk, not a closed pipe) ends the run with one line."""
    try:
        render.write_record(record, fmt.value, sys.stdout, pretty, console)
    except BrokenPipeError:
        raise
    except OSError as exc:
        typer.echo(f"extract: error: cannot write to standard output: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_FAILED)
    return 0


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
