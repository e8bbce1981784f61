"""extractor.dask and extract --scheduler on a local Dask cluster of 2 worker processes."""
from __future__ import annotations

import os
import signal

import pytest
from typer.testing import CliRunner

import extractor
from extractor.cli import app

from conftest import ROOT

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install '.[dask]'")
from extractor import dask as on_dask  # noqa: E402  (needs distributed)

runner = CliRunner()
TEXTS = [f"Foreign Minister Anna Lindqvist{i} met Rolf Baumann in Oslo on Monday. \"We agreed,\" she said."
         for i in range(12)]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_records_are_those_of_a_local_run_and_a_bad_input_is_its_error_record(client, tmp_path, validate):
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    items = [TEXTS[1], b"\x00\x01", None, path, "", TEXTS[2]]
    local = list(extractor.extract_many(items, "2024-03-05"))
    assert list(on_dask.extract_stream(client, items, "2024-03-05", chunk_size=2)) == local
    assert on_dask.extract_bag(items, "2024-03-05", partition_size=2).compute() == local
    codes = [validate(r).get("error", {}).get("code") for r in local]
    assert codes == [None, "binary", "not_text", None, "empty", None]


def test_the_cli_streams_the_records_of_a_local_run_in_order(client, tmp_path):
    files = [str(tmp_path / "missing.txt"), *sorted(str(p) for p in ROOT.glob("eval/extra/*.txt"))[:4]]
    args = ["-f", "jsonl", "--reference-date", "2025-12-08", *files]
    local = runner.invoke(app, args)
    remote = runner.invoke(app, ["--scheduler", client.scheduler.address, *args])
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == 5


def test_a_worker_killed_mid_batch_loses_nothing(client):
    texts = TEXTS * 10  # enough tasks that some are still held when the first record is back, however fast
    records = on_dask.extract_stream(client, texts, "2024-03-05", chunk_size=2)
    first = next(records)
    busy = client.processing()  # worker address -> tasks it holds
    victim = next((address for address, tasks in busy.items() if tasks), next(iter(busy)))
    assert busy[victim], "the victim holds work"
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    assert [first, *records] == list(extractor.extract_many(texts, "2024-03-05"))
    assert pid not in client.run(os.getpid).values(), "the killed worker was replaced"


def test_scheduler_and_jobs_together_are_a_usage_error(client):
    result = runner.invoke(app, ["--scheduler", client.scheduler.address, "--jobs", "2", "x.txt"])
    assert result.exit_code == 2 and "--jobs and --scheduler" in result.stderr
