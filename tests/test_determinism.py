"""Output is byte-identical across runs, hash seeds and batch shapes (one process per seed, real CLI)."""
from __future__ import annotations

import os
import subprocess
import sys

import extractor
from extractor.render import to_json

from conftest import ROOT

FILES = sorted(str(p) for p in list(ROOT.glob("seeds/*.txt")) + list(ROOT.glob("eval/extra/*.txt")))


def cli(seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "extractor", "-f", "jsonl", "--reference-date", "2025-12-08", *FILES],
                          capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def in_process(batch_size: int) -> bytes:
    from extractor import sources

    records = extractor.extract_many((sources.read(f) for f in FILES), "2025-12-08", batch_size=batch_size)
    return b"".join(to_json(r, pretty=False).encode() + b"\n" for r in records)


def test_same_bytes_across_hash_seeds_runs_and_batch_shapes():
    assert len(FILES) >= 5
    first = cli("0")
    assert len(first.splitlines()) == len(FILES)
    assert cli("4242") == first
    for batch_size in (1, 3, 64):
        assert in_process(batch_size) == first, f"batch_size={batch_size}"
