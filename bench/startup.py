"""Benchmark: a cold `extract FILE` against `python -c "import spacy; spacy.load(MODEL)"`, and `extract --help`.

Prints figures; asserts nothing. The commands run alternately, round after
round, so that load from other processes hits them alike; wall time and CPU
time (user + system of the child) are reported as the median and the best of
the rounds, and the ratios of the medians.

    python bench/startup.py [--rounds 15] [--file seeds/...]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (its output discarded)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--file", default=str(next(ROOT.glob("seeds/*.txt"))))
    args = ap.parse_args()
    from extractor.locate import default_model_path

    extract = str(Path(sys.executable).with_name("extract"))
    commands = {
        "spacy.load": [sys.executable, "-c", f"import spacy; spacy.load({str(default_model_path())!r})"],
        "extract FILE": [extract, args.file],
        "extract --help": [extract, "--help"],
    }
    for cmd in commands.values():
        run(cmd)  # warm the file cache (and the gazetteer caches)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            times[name].append(run(cmd))
    print(f"{args.rounds} alternating rounds; load average before the last round: {os.getloadavg()[0]:.2f}")
    for name, runs in times.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{name:>15}: wall median {statistics.median(walls):.3f} s (best {min(walls):.3f}), "
              f"CPU median {statistics.median(cpus):.3f} s (best {min(cpus):.3f})")
    base, ours = times["spacy.load"], times["extract FILE"]
    for what, k in (("wall", 0), ("CPU", 1)):
        ratio = statistics.median(r[k] for r in ours) / statistics.median(r[k] for r in base)
        print(f"extract FILE / spacy.load, {what} time (medians): {ratio:.2f}x (target <= 1.10x)")


if __name__ == "__main__":
    main()
