"""Benchmark: resident memory stays flat over a batch of many files, in one process and per --jobs worker.

Writes N small article files to a temporary folder (two paragraphs of the
repository's and ../shared's real articles each, numbered, so no two files
are alike and caches cannot hide growth), streams them through the batch
exactly as the CLI does (files read lazily, ``extract_many`` in one process,
or the ``--jobs`` pool), and prints the resident memory of the process doing
the work at checkpoints: this process with ``--jobs 1``, each worker process
otherwise. Prints figures; asserts nothing.

    python bench/batch_memory.py [--files 10000] [--jobs 1]
"""
from __future__ import annotations

import argparse
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: str | int = "self") -> float:
    """Current resident set size of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def paragraphs() -> list[str]:
    files = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("eval/*/*.txt"))
    files += sorted((ROOT.parent / "shared" / "eval").glob("*/*.txt"))
    found = [p.strip() for f in files for p in f.read_text(encoding="utf-8-sig").split("\n") if len(p.split()) > 12]
    return list(dict.fromkeys(found))


def records(folder: Path, jobs: int, stack: ExitStack):
    """The batch's records, and a function giving the memory of the processes doing the work."""
    from extractor import extract_many, sources, walk

    items = sources.read_all(walk.expand([str(folder)]))
    if jobs == 1:
        return extract_many(items), lambda: {"this process": rss_mb()}
    from extractor import jobs as pool_jobs

    pool = stack.enter_context(pool_jobs.Pool(jobs, pool_jobs.Settings(None, None, 16, sources.MAX_CHARS)))
    stream = pool_jobs.in_order(pool_jobs.chunks(items, 16, sources.MAX_CHARS), pool.submit,
                                jobs * pool_jobs.AHEAD, (pool_jobs.WorkerDied,), pool_jobs.REDO)
    return stream, lambda: {f"worker {pid}": rss_mb(pid) for pid in pool.pids}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    paras = paragraphs()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        for i in range(args.files):
            text = f"Report {i}. " + paras[i % len(paras)] + "\n\n" + paras[(i * 7 + 3) % len(paras)]
            Path(tmp, f"{i:06d}.txt").write_text(text, encoding="utf-8")
        print(f"files: {args.files} ({len(paras)} different paragraphs)  jobs: {args.jobs}")
        stream, memory = records(Path(tmp), args.jobs, stack)
        step, seen = max(args.files // 10, 1), {}
        for n, _record in enumerate(stream, 1):
            if n % step == 0 or n in (1, min(1000, args.files)):
                seen[n] = memory()
                print(f"after {n:6d} files: " + "  ".join(f"{k} {v:6.0f} MB" for k, v in seen[n].items()), flush=True)
        first, last = seen.get(min(1000, args.files)), seen[max(seen)]
        for name in first or {}:
            if name in last:
                change = 100 * (last[name] - first[name]) / first[name]
                print(f"{name}: {first[name]:.0f} MB at file {min(1000, args.files):,} -> {last[name]:.0f} MB at file "
                      f"{max(seen):,} ({change:+.1f} %, target within +-5 %)")


if __name__ == "__main__":
    main()
