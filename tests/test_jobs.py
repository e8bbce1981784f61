"""--jobs: worker processes give the records of one process, in order, whatever happens to a worker."""
from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import signal

import pytest
from typer.testing import CliRunner

import extractor
from extractor import jobs, sources
from extractor.cli import app

from conftest import ROOT

runner = CliRunner()
TEXTS = [f"Foreign Minister Anna Lindqvist{i} met Rolf Baumann in Oslo on Monday. \"We agreed,\" she said."
         for i in range(10)]


class Deadly(os.PathLike):
    """A path whose reading kills the worker process that reads it (in the parent it is a name)."""

    def __fspath__(self) -> str:
        if multiprocessing.parent_process() is not None:
            os._exit(3)
        return "deadly.txt"


def test_records_are_those_of_one_process_in_order(tmp_path, validate):
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[0], encoding="utf-8")
    items = [TEXTS[1], b"\x00\x01", None, good, sources.read_bytes(str(good)), "", TEXTS[2], "\udc80",
             tmp_path / "missing.txt", *TEXTS[3:6]]
    one = list(extractor.extract_many(items, "2024-03-05", batch_size=2))
    two = list(extractor.extract_many(items, "2024-03-05", batch_size=2, jobs=2))
    assert two == one
    assert [validate(r).get("error", {}).get("code") for r in two][:9] == [
        None, "binary", "not_text", None, None, "empty", None, "bad_encoding", "not_found"]


def test_cli_jobs_output_is_byte_identical_with_the_same_errors_and_exit_code(tmp_path):
    files = sorted(str(p) for p in ROOT.glob("eval/extra/*.txt"))[:5]
    args = ["-f", "jsonl", "--reference-date", "2025-12-08", str(tmp_path / "missing.txt"), *files]
    one = runner.invoke(app, args)
    two = runner.invoke(app, ["--jobs", "2", *args])
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and len(two.stdout.splitlines()) == 6
    assert two.stderr == one.stderr and "missing.txt: no such file" in two.stderr


def test_a_worker_killed_mid_batch_loses_nothing_and_a_deadly_input_is_an_error_record():
    settings = jobs.Settings("2024-03-05", None, 2, sources.MAX_CHARS)
    items = TEXTS[:4] + [Deadly()] + TEXTS[4:8]
    with jobs.Pool(2, settings) as pool:
        out = jobs.in_order(jobs.chunks(items, 2, sources.MAX_CHARS), pool.submit, 4, (jobs.WorkerDied,), jobs.REDO)
        first = next(out)
        os.kill(pool.pids[0], signal.SIGKILL)  # a worker busy with a later chunk
        records = [first, *out]
    expected = list(extractor.extract_many(TEXTS[:8], "2024-03-05"))
    assert [r for r in records if "error" not in r] == expected
    died = records[4]
    assert died["error"]["code"] == "processing_failed" and died["source"]["path"] == "deadly.txt"
    assert "died" in died["error"]["message"]


def test_a_worker_killed_while_loading_is_started_again(monkeypatch):
    """A worker killed before it is ready (the OOM killer, an impatient signal) is started
    again; only workers that die at every start stop the batch."""
    ready = jobs._Worker.ready
    killed: list[int] = []

    def dies_once(worker):
        if not killed:
            killed.append(worker.process.pid)
            os.kill(worker.process.pid, signal.SIGKILL)
        return ready(worker)

    monkeypatch.setattr(jobs._Worker, "ready", dies_once)
    assert list(extractor.extract_many(TEXTS[:2], "2024-03-05", jobs=2)) == list(
        extractor.extract_many(TEXTS[:2], "2024-03-05"))
    assert killed

    def always_dies(worker):
        os.kill(worker.process.pid, signal.SIGKILL)
        return ready(worker)

    monkeypatch.setattr(jobs._Worker, "ready", always_dies)
    with pytest.raises(jobs.WorkerError, match="could not start"):
        list(extractor.extract_many(TEXTS[:2], "2024-03-05", jobs=2))


def test_output_streams_and_stopping_early_stops_the_workers():
    endless = (f"Talks number {i} were held in Paris." for i in itertools.count())
    records = extractor.extract_many(endless, jobs=2, batch_size=2)
    assert len(list(itertools.islice(records, 5))) == 5
    records.close()
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_an_unknown_model_is_the_same_error_as_with_one_job():
    from extractor.locate import ModelNotFound

    with pytest.raises(ModelNotFound, match="no-such-pipeline"):
        list(extractor.extract_many(["Oslo."], model="no-such-pipeline", jobs=2))


def test_jobs_0_is_every_core_this_process_may_use():
    assert jobs.workers(0) == len(os.sched_getaffinity(0))
    assert jobs.workers(3) == 3
    with pytest.raises(ValueError):
        jobs.workers(-1)


def test_cli_help_and_usage_errors_answer_without_importing_spacy(tmp_path):
    import subprocess
    import sys

    probe = ("import sys\nfrom extractor.cli import main\nsys.argv = ['extract', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit as e:\n    print(json.dumps([e.code, 'spacy' in sys.modules]))")
    for args, code in ((["--help"], 0), (["--model", str(tmp_path), "x.txt"], 2), (["--jobs", "-1", "x.txt"], 2),
                       (["--reference-date", "2024-13-01", "x.txt"], 2), (["--model", "no_such_pkg", "x.txt"], 2)):
        proc = subprocess.run([sys.executable, "-c", "import json\n" + probe, *args], capture_output=True, text=True)
        assert json.loads(proc.stdout.splitlines()[-1]) == [code, False], (args, proc.stderr)


@pytest.mark.parametrize("jobs_option", ["1", "2"])
def test_a_pipeline_that_cannot_load_is_a_one_line_usage_error(tmp_path, jobs_option):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.cfg").write_text("[nlp]\nlang = \"xx-none\"\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    result = runner.invoke(app, ["--jobs", jobs_option, "--model", str(model), str(text)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "not a pipeline spaCy can load" in result.stderr and len(result.stderr.splitlines()) == 1
