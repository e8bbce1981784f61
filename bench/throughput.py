"""Benchmark: extract_many, the CLI over a folder and --jobs against bare nlp.pipe, on many different articles.

Prints figures; asserts nothing (speed is measured here, never in unit tests).

    python bench/throughput.py [--docs 200] [--rounds 3] [--skip in-process,cli,jobs]

Texts: every article of seeds/, eval/*/ and ../shared/eval/*/ (some 90 real and
invented news articles, all different), cycled to --docs. Each comparison runs
its contenders alternately, round after round, so that load from other
processes hits them alike; the best round of each is compared, in CPU time and
in wall time.

- in-process: ``extract_many(texts)`` against ``nlp.pipe(texts, batch_size=16)``
  of the same model (spaCy's components only), both warm, at our batch size.
  The bare pipeline runs twice: as spaCy runs it (thinc's BLIS matrix products)
  and with the matrix products our pipeline uses (numpy's BLAS on one thread,
  ``extractor.blas``). The first is what a user of bare spaCy gets; the second
  compares like with like, so its ratio is what our own components cost.
- cli: ``extract -q -f jsonl FOLDER`` against a process that imports spaCy,
  loads the same model and pipes the folder's texts at the same batch size
  (again with BLIS, and with numpy's BLAS): cold processes, start-up included
  on every side.
- jobs: ``extract --jobs 2`` against ``extract --jobs 1`` on the folder, wall
  time end to end and from the first record printed to the last (start-up,
  which does not divide among workers, left out); output compared byte for
  byte. A process's CPU time would miss the workers, children of the fork
  server.
- jobs-cpu: the same batch on a pool of 1 and of 2 workers in this process,
  CPU time of this process and its workers added up (read from /proc): whether
  the parallel run does more work, which decides its speed-up where a second
  core is free.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def articles() -> list[Path]:
    files = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("eval/*/*.txt"))
    return files + sorted(SHARED.glob("eval/*/*.txt"))


def corpus(n: int) -> list[str]:
    texts = list(dict.fromkeys(f.read_text(encoding="utf-8-sig") for f in articles()))  # distinct articles
    return [texts[i % len(texts)] for i in range(n)]


def timed(fn) -> tuple[float, float]:
    """CPU and wall seconds of ``fn()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def timed_child(cmd: list[str], out: Path | None = None) -> tuple[float, float]:
    """CPU (user + system of the child and the children it waited for) and wall seconds of a command."""
    before, wall = os.times(), time.perf_counter()
    with open(out or os.devnull, "wb") as fh:
        subprocess.run(cmd, stdout=fh, stderr=subprocess.DEVNULL, check=True)
    after = os.times()
    cpu = after.children_user - before.children_user + after.children_system - before.children_system
    return cpu, time.perf_counter() - wall


def alternate(contenders: dict, rounds: int) -> dict[str, tuple[float, float]]:
    """Run the contenders in turn, ``rounds`` times; the best CPU and the best wall time of each."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            runs[name].append(fn())
    return {name: (min(c for c, _ in r), min(w for _, w in r)) for name, r in runs.items()}


def report(title: str, results: dict[str, tuple[float, float]], base: str, words: int, target: str,
           cpu: bool = True) -> None:
    print(f"\n{title}  (load average now {os.getloadavg()[0]:.2f})")
    for name, (c, wall) in results.items():
        shown = f"{c:7.2f} s" if cpu else "    n/a  "
        print(f"  {name:<28} CPU {shown}   wall {wall:7.2f} s   {words / wall:7.0f} words/s")
    b_cpu, b_wall = results[base]
    for name, (c, wall) in results.items():
        if name != base:
            by_cpu = f"{b_cpu / c:.2f}x by CPU time, " if cpu else ""
            print(f"  {name} / {base}: throughput {by_cpu}{b_wall / wall:.2f}x by wall time ({target})")


def in_process(texts: list[str], rounds: int, words: int) -> None:
    from extractor import extract_many
    from extractor.api import BATCH_SIZE
    from extractor.pipeline import _load_base, load_pipeline

    from extractor import blas

    bare, same, full = _load_base(None), _load_base(None), load_pipeline(None)
    blas.use_numpy_blas(same)

    def same_pipe() -> None:
        with blas.one_thread():
            list(same.pipe(texts, batch_size=BATCH_SIZE))

    list(bare.pipe(texts[:20], batch_size=BATCH_SIZE)), list(same.pipe(texts[:20])), list(extract_many(texts[:20]))
    results = alternate({
        BARE_BLIS: lambda: timed(lambda: list(bare.pipe(texts, batch_size=BATCH_SIZE))),
        BARE_NUMPY: lambda: timed(same_pipe),
        "extract_many": lambda: timed(lambda: list(extract_many(texts))),
    }, rounds)
    print(f"pipeline: {full.pipe_names}; batch size {BATCH_SIZE}")
    for base in (BARE_BLIS, BARE_NUMPY):
        report("in-process, warm", {k: v for k, v in results.items() if k in (base, "extract_many")}, base, words,
               "target >= 0.90x")


BARE_BLIS = "bare nlp.pipe, BLIS (as spaCy runs it)"
BARE_NUMPY = "bare nlp.pipe, numpy's BLAS (as ours)"

BARE = """import contextlib, sys, pathlib, spacy
from extractor import blas
from extractor.api import BATCH_SIZE, prepare_text
from extractor.locate import default_model_path
nlp = spacy.load(default_model_path())
texts = (prepare_text(p.read_text(encoding="utf-8-sig")) for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")))
if sys.argv[2] == "numpy":
    blas.use_numpy_blas(nlp)
with blas.one_thread() if sys.argv[2] == "numpy" else contextlib.nullcontext():
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
"""


def cli(folder: Path, rounds: int, words: int) -> None:
    extract = str(Path(sys.executable).with_name("extract"))
    bases = {"bare process, BLIS (load + pipe)": "blis", "bare process, numpy's BLAS (load + pipe)": "numpy"}
    results = alternate({
        **{name: (lambda m=matmul: timed_child([sys.executable, "-c", BARE, str(folder), m]))
           for name, matmul in bases.items()},
        "extract FOLDER": lambda: timed_child([extract, "-q", "-f", "jsonl", str(folder)]),
    }, rounds)
    for base in bases:
        report("cold processes, start-up included", {k: v for k, v in results.items() if k in (base, "extract FOLDER")},
               base, words, "target >= 0.85x")


def timed_stream(cmd: list[str], out: Path) -> tuple[float, float]:
    """Wall seconds of a command from start to end, and from its first output line to its last (after start-up)."""
    start = time.perf_counter()
    first = None
    with open(out, "wb") as fh, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        for line in proc.stdout:
            first = first or time.perf_counter()
            fh.write(line)
    end = time.perf_counter()
    return end - start, end - (first or end)


def jobs(folder: Path, rounds: int, words: int) -> None:
    extract = str(Path(sys.executable).with_name("extract"))
    outs = {n: folder.parent / f"jobs{n}.jsonl" for n in (1, 2)}
    runs = alternate({
        f"extract --jobs {n}": (lambda n=n: timed_stream([extract, "-q", "-f", "jsonl", "-j", str(n), str(folder)],
                                                         outs[n]))
        for n in (1, 2)
    }, rounds)
    report("--jobs, end to end (wall time: the workers' CPU time is not the process's)",
           {name: (0.0, whole) for name, (whole, _) in runs.items()}, "extract --jobs 1", words, "target >= 1.80x",
           cpu=False)
    report("--jobs, from the first record to the last (start-up left out)",
           {name: (0.0, after) for name, (_, after) in runs.items()}, "extract --jobs 1", words, "target >= 1.80x",
           cpu=False)
    same = outs[1].read_bytes() == outs[2].read_bytes()
    print(f"  output of --jobs 2 byte-identical to --jobs 1: {same} ({len(outs[1].read_bytes()):,} bytes)")


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pool_cpu(texts: list[str], n: int) -> tuple[float, float]:
    """CPU of the whole batch on an ``n``-worker pool (this process and its workers, start-up included), and wall."""
    from extractor import jobs as pool_jobs, sources

    cpu, wall = time.process_time(), time.perf_counter()
    with pool_jobs.Pool(n, pool_jobs.Settings(None, None, 16, sources.MAX_CHARS)) as pool:
        chunks = pool_jobs.chunks(texts, 16, sources.MAX_CHARS)
        for _ in pool_jobs.in_order(chunks, pool.submit, n * pool_jobs.AHEAD, (pool_jobs.WorkerDied,), 1):
            pass
        workers = sum(proc_cpu(pid) for pid in pool.pids)
    return time.process_time() - cpu + workers, time.perf_counter() - wall


def jobs_cpu(texts: list[str], rounds: int, words: int) -> None:
    results = alternate({f"pool of {n} worker(s)": (lambda n=n: pool_cpu(texts, n)) for n in (1, 2)}, rounds)
    report("--jobs pools in-process: CPU of parent and workers together (what a second free core would share)",
           results, "pool of 1 worker(s)", words, "CPU ratio near 1.00x: the parallel run does no more work")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma-separated: in-process, cli, jobs, jobs-cpu")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts ({len(set(texts))} different articles), {words:,} words; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")
    if "in-process" not in skip:
        in_process(texts, args.rounds, words)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        if "cli" not in skip:
            cli(folder, args.rounds, words)
        if "jobs" not in skip:
            jobs(folder, args.rounds, words)
    if "jobs-cpu" not in skip:
        jobs_cpu(texts, args.rounds, words)


if __name__ == "__main__":
    main()
