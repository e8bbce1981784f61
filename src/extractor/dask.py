"""Batches on a Dask cluster (``pip install 'extractor[dask]'``).

``extract_bag`` turns paths or texts into a ``dask.bag`` of contract records;
``extract_stream`` runs a batch on a ``distributed`` cluster and yields its
records in input order, as ``extract --scheduler`` does. Either way each
worker process loads the pipeline once, at its first task, and keeps it
(``pipeline.load_pipeline`` is cached per process), and every partition is
turned into records by ``api.extract_many``, so they are exactly those of a
local run. Workers should run with ``--nthreads 1``: the threads of one worker
process take turns on its one pipeline.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import dask.bag
from distributed import Client, KilledWorker

from . import api, jobs, sources

CONNECT_TIMEOUT = "20s"
_TURN = threading.Lock()  # one pipeline per process: the threads of a worker process use it in turn


def extract_bag(items: Iterable[Any], reference_date: dt.date | str | None = None, *, model: str | None = None,
                max_chars: int = sources.MAX_CHARS, partition_size: int = api.BATCH_SIZE) -> dask.bag.Bag:
    """A bag of one contract record per item, in order: texts (str, bytes) or paths (``os.PathLike``, read by the
    workers, so on a file system they share), as ``extract_many`` takes them."""
    portable = [jobs.portable(item, max_chars) for item in items]
    bag = dask.bag.from_sequence(portable, partition_size=partition_size)
    return bag.map_partitions(records, reference_date, model, max_chars)


def records(items: list[Any], reference_date: dt.date | str | None, model: str | None,
            max_chars: int) -> list[dict[str, Any]]:
    """On a worker: the records of one partition or chunk (the process's pipeline loaded at its first call)."""
    with _TURN:
        return list(api.extract_many(items, reference_date, model=model, max_chars=max_chars))


def connect(address: str) -> Client:
    """A client of the cluster whose scheduler listens at ``address`` (OSError when it cannot be reached)."""
    return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)


def extract_stream(client: Client, items: Iterable[Any], reference_date: dt.date | str | None = None, *,
                   model: str | None = None, max_chars: int = sources.MAX_CHARS,
                   chunk_size: int = api.BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """The records of ``items`` computed on the cluster, in input order, as soon as they are done.

    Inputs are consumed lazily, at most two chunks per worker thread ahead of
    the output. The cluster runs a dead worker's tasks again itself; a chunk it
    gives up on (``KilledWorker``) is done again input by input, and an input it
    gives up on alone gets a ``processing_failed`` record.
    """
    threads = max(1, sum(client.nthreads().values()))

    def submit(chunk: list[Any]) -> Any:
        return client.submit(records, chunk, reference_date, model, max_chars, pure=False)

    return jobs.in_order(jobs.chunks(items, chunk_size, max_chars), submit, threads * jobs.AHEAD, (KilledWorker,), 1)
