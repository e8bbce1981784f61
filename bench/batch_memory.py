"""Benchmark: memory stays flat over a batch of many files.

Writes N small article files to a temporary folder, streams them through
``extract_many`` exactly as the CLI does (lazy reading, ``nlp.pipe``), and
prints resident memory as the batch goes on. Prints figures; asserts nothing.

    python bench/batch_memory.py [--files 10000]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    args = ap.parse_args()

    from extractor import extract_many, sources

    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if len(p.split()) > 8]
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.files):
            # vary the text so caches cannot hide growth
            text = f"Report {i}. " + paragraphs[i % len(paragraphs)] + "\n" + paragraphs[(i * 7) % len(paragraphs)]
            Path(tmp, f"{i:06d}.txt").write_text(text, encoding="utf-8")
        paths = sources.expand([tmp])
        print(f"files: {len(paths)}  rss at start: {rss_mb():.0f} MB")
        step = max(args.files // 10, 1)
        for n, _record in enumerate(extract_many(sources.read_all(paths)), 1):
            if n % step == 0 or n == 1:
                print(f"after {n:6d} files: rss {rss_mb():6.0f} MB")


if __name__ == "__main__":
    main()
