"""``--jobs N``: a batch on N worker processes, its records in input order.

Each worker is a fresh process (forkserver where the platform has one, else
spawn: never a fork of a process that may hold a pipeline, never a pickled
pipeline) that loads the pipeline once and runs ``api.extract_many`` on chunks
of inputs, so its records are exactly those of one process, error records
included. The parent only reads files (``sources.FileBytes``) and hands them
out: it never imports spaCy. Inputs are consumed lazily and at most ``AHEAD``
chunks per worker are in flight, so output starts at once and memory stays
flat.

A worker that dies (killed, out of memory, a crash in native code) loses
nothing: its chunk is done again item by item by a fresh worker, and an input
that kills a worker ``REDO`` times gets a ``processing_failed`` record while
the batch goes on. ``extractor.dask`` runs the same ordering engine
(``in_order``) on a Dask cluster.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from . import sources
from .serialize import error_record
from .sources import FileBytes, InputError, Source

AHEAD = 2  # chunks in flight per worker: one running and one waiting, so that no worker idles between chunks
REDO = 2  # times a lone input is tried on a fresh worker after its worker died, before it is given up
START_ATTEMPTS = 3  # worker starts tried before the batch hears that workers cannot start


class WorkerDied(Exception):
    """A worker process ended while it held a chunk."""


class WorkerError(RuntimeError):
    """The worker processes could not start, so the batch cannot run."""


@dataclass(frozen=True)
class Settings:
    """What every worker runs ``extract_many`` with."""

    reference_date: dt.date | str | None
    model: str | None
    batch_size: int
    max_chars: int


def workers(jobs: int) -> int:
    """The number of worker processes ``jobs`` asks for: 0 is every core this process may run on."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (every core) or a number of processes, not {jobs}")
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return os.cpu_count() or 1


def extract_many(inputs: Iterable[Any], reference_date: dt.date | str | None = None, *, model: str | None,
                 batch_size: int, max_chars: int, jobs: int) -> Iterator[dict[str, Any]]:
    """``api.extract_many`` on ``jobs`` worker processes: the same records, in input order."""
    n = workers(jobs)
    if n == 1:
        from . import api

        yield from api.extract_many(inputs, reference_date, model=model, batch_size=batch_size, max_chars=max_chars)
        return
    with Pool(n, Settings(reference_date, model, batch_size, max_chars)) as pool:
        yield from in_order(chunks(inputs, batch_size, max_chars), pool.submit, n * AHEAD, (WorkerDied,), REDO)


def portable(item: Any, max_chars: int) -> Any:
    """An input as it travels to another process: stdin is read here, an item that is not text its error's Source."""
    if isinstance(item, (str, bytes, Source, FileBytes)):
        return item
    if isinstance(item, (bytearray, memoryview)):
        return bytes(item)
    if isinstance(item, os.PathLike):
        return sources.read_bytes(sources.STDIN, max_chars) if os.fsdecode(item) == sources.STDIN else item
    return sources.as_source(item, max_chars)  # not_text: made here, it needs no worker


def chunks(inputs: Iterable[Any], size: int, max_chars: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` portable inputs, read lazily."""
    chunk: list[Any] = []
    for item in inputs:
        chunk.append(portable(item, max_chars))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Submit = Callable[[list[Any]], Any]  # a chunk -> a future whose result() is the chunk's records


def in_order(chunks: Iterable[list[Any]], submit: Submit, window: int, died: tuple[type[BaseException], ...],
             redo: int) -> Iterator[dict[str, Any]]:
    """Every chunk's records in input order, at most ``window`` chunks submitted ahead of the output.

    ``died`` are the exceptions by which a future says its worker died: such a
    chunk is submitted again one input at a time, and an input whose worker
    died ``redo`` times gets a ``processing_failed`` record.
    """
    pending: deque[tuple[list[Any], Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield from _settled(*pending.popleft(), submit, died, redo)
    while pending:
        yield from _settled(*pending.popleft(), submit, died, redo)


def _settled(chunk: list[Any], future: Any, submit: Submit, died: tuple[type[BaseException], ...],
             redo: int) -> list[dict[str, Any]]:
    """A chunk's records; when its worker died, each input again on its own (in parallel), up to ``redo`` times."""
    try:
        return future.result()
    except died as exc:
        if len(chunk) > 1:
            again = [([item], submit([item])) for item in chunk]
            return [record for one, fut in again for record in _settled(one, fut, submit, died, redo)]
        if redo > 1:
            return _settled(chunk, submit(chunk), submit, died, redo - 1)
        return [died_record(chunk[0], exc)]


def died_record(item: Any, exc: BaseException) -> dict[str, Any]:
    """The error record of an input whose worker process died every time it was given it."""
    if isinstance(item, (Source, FileBytes)):
        source = Source(item.path, sha256=item.sha256)
    else:
        source = Source(os.fsdecode(item) if isinstance(item, os.PathLike) else None)
    return error_record(source, InputError("processing_failed", f"its worker process died every time ({exc})"))


def _context() -> multiprocessing.context.BaseContext:
    """Fresh processes: a fork server that has imported spaCy and our components once, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.pipeline"])
    return context


class Pool:
    """``jobs`` worker processes, each fed one chunk at a time by a thread of its own here.

    A thread starts its worker with its first chunk, and a fresh one after a
    worker died; ``close`` ends them all, busy or not.
    """

    def __init__(self, jobs: int, settings: Settings) -> None:
        self._settings = settings
        self._context = _context()
        self._tasks: queue.SimpleQueue[tuple[list[Any], Future] | None] = queue.SimpleQueue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._drive, daemon=True) for _ in range(jobs)]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """The process ids of the live workers (to watch their memory, say)."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._live)

    def submit(self, chunk: list[Any]) -> Future:
        future: Future = Future()
        self._tasks.put((chunk, future))
        return future

    def close(self) -> None:
        """Cancel what is not started, stop every worker, and wait for the threads."""
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                break
            if task is not None:
                task[1].cancel()
        for _ in self._threads:
            self._tasks.put(None)
        with self._lock:
            live = list(self._live)
        for worker in live:  # a busy worker's thread then hears it died, and finds the None
            worker.kill()
        for thread in self._threads:
            thread.join()

    def _drive(self) -> None:
        """One worker's thread: run chunks on it, starting it (again) when needed."""
        worker: _Worker | None = None
        failure: BaseException | None = None
        while (task := self._tasks.get()) is not None:
            chunk, future = task
            if not future.set_running_or_notify_cancel():
                continue
            if worker is None and failure is None:
                worker, failure = self._start()
            if worker is None:
                future.set_exception(failure)
                continue
            try:
                future.set_result(worker.run(chunk))
            except WorkerDied as exc:
                worker = self._forget(worker)
                future.set_exception(exc)
            except Exception as exc:  # noqa: BLE001 - extract_many itself failed in the worker: the caller hears it
                future.set_exception(exc)
        if worker is not None:
            self._forget(worker)

    def _start(self) -> tuple[_Worker | None, BaseException | None]:
        """A ready worker; one killed while loading (by the OOM killer, say) is started
        again, up to START_ATTEMPTS times, before the batch hears it cannot start."""
        for _ in range(START_ATTEMPTS):
            worker = _Worker(self._context, self._settings)
            with self._lock:
                self._live.add(worker)
            try:
                worker.ready()
            except WorkerDied as exc:
                died = exc
                self._forget(worker)
                continue
            except Exception as exc:  # noqa: BLE001 - the pipeline would not load (ModelNotFound, say)
                return self._forget(worker), exc
            return worker, None
        return None, WorkerError(f"a worker process could not start: {died}")

    def _forget(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._live.discard(worker)
        return None


class _Worker:
    """The parent's end of one worker process."""

    def __init__(self, context: multiprocessing.context.BaseContext, settings: Settings) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, settings), daemon=True)
        self.process.start()
        child.close()

    def ready(self) -> None:
        """Wait until the worker has loaded the pipeline; raise what it could not load."""
        self._reply()

    def run(self, chunk: list[Any]) -> list[dict[str, Any]]:
        try:
            self.conn.send(chunk)
        except OSError:  # the worker is gone: its end of the pipe is closed
            pass
        return self._reply()

    def _reply(self) -> Any:
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join()
            raise WorkerDied(_ending(self.process.exitcode)) from None
        if status == "error":
            raise value
        return value

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.terminate()

    def stop(self) -> None:
        """End the worker (by its own thread only: it alone uses the connection)."""
        self.kill()
        self.process.join()
        self.conn.close()


def _ending(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _serve(conn: Any, settings: Settings) -> None:
    """A worker process: load the pipeline once, then turn each chunk received into its records."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which then stops its workers
    from . import api
    from .resident import load_resident

    try:
        load_resident(settings.model)
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        try:
            records = list(api.extract_many(chunk, settings.reference_date, model=settings.model,
                                            batch_size=settings.batch_size, max_chars=settings.max_chars))
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            conn.send(("error", exc))
            continue
        conn.send(("done", records))
