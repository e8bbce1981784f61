"""Benchmark: extract_many against bare spaCy on the same texts, and cold start.

Prints figures; asserts nothing (speed is measured here, never in unit tests).

    python bench/throughput.py [--docs 300] [--model PATH]

Texts: the seed articles plus ../shared/eval articles when present, repeated
to --docs documents.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "eval").glob("*/*.txt"))
    texts = [f.read_text(encoding="utf-8-sig") for f in files]
    return [texts[i % len(texts)] for i in range(n)]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import spacy

    from extractor import extract_many
    from extractor.api import BATCH_SIZE
    from extractor.pipeline import _load_base, load_pipeline

    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    bare = _load_base(args.model)
    full = load_pipeline(args.model)
    list(bare.pipe(texts[:20])), list(extract_many(texts[:20], model=args.model))  # warm up

    # alternate the two so that load from other processes hits both alike
    bare_times, full_times = [], []
    for _ in range(args.repeat):
        bare_times.append(timed(lambda: list(bare.pipe(texts))))
        full_times.append(timed(lambda: list(extract_many(texts, model=args.model))))
    t_bare, t_full = min(bare_times), min(full_times)
    print(f"docs: {len(texts)}  words: {words}  spaCy {spacy.__version__}  pipeline: {full.pipe_names}")
    print(f"bare nlp.pipe:  {t_bare:6.2f} s  {words / t_bare:8.0f} words/s  (spaCy's default batch size {bare.batch_size})")
    print(f"extract_many:   {t_full:6.2f} s  {words / t_full:8.0f} words/s  (batch size {BATCH_SIZE}, all our components)")
    print(f"ratio extract_many / bare nlp.pipe throughput: {t_bare / t_full:.2f}x (target >= 0.85x)")

    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    extract_bin = Path(sys.executable).with_name("extract")
    cmd = [str(extract_bin)] if extract_bin.exists() else [sys.executable, "-m", "extractor"]
    colds = [timed(lambda: subprocess.run(cmd + [str(seed)], capture_output=True, check=True)) for _ in range(3)]
    print(f"cold `extract {seed.relative_to(ROOT)}`: best {min(colds):.2f} s, worst {max(colds):.2f} s (target <= 1.5 s)")


if __name__ == "__main__":
    main()
