"""Benchmark: time per 1,000 words and peak memory for long inputs, 1x to 256x an article, and 1,000,000 characters.

Prints figures; asserts nothing. Each size runs in a fresh process (peak
resident memory is per process): the model is loaded and warmed up, then the
one long text is extracted; the time of each of our rule components is shown
too, so a component whose cost grows faster than its input stands out.

    python bench/long_input.py [--sizes 1,2,4,...,256] [--chars 1000000]

Texts: the articles of seeds/ and eval/ (and ../shared/eval when present)
joined with blank lines, cycled to the length wanted.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles() -> list[str]:
    files = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("eval/*/*.txt"))
    files += sorted((ROOT.parent / "shared" / "eval").glob("*/*.txt"))
    return [f.read_text(encoding="utf-8").strip() for f in files]


def long_text(chars: int) -> str:
    parts, total, texts = [], 0, articles()
    while total < chars:
        parts.append(texts[len(parts) % len(texts)])
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def child(chars: int) -> None:
    """In a fresh process: extract one text of ``chars`` characters; print JSON figures."""
    import extractor
    from extractor.pipeline import COMPONENTS, load_pipeline

    nlp = load_pipeline()
    spent: dict[str, float] = {}
    for i, (name, proc) in enumerate(nlp._components):  # bench only: time our rule components
        if name in COMPONENTS:
            nlp._components[i] = (name, _timed(name, proc, spent))
    extractor.extract(articles()[0])
    spent.clear()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = long_text(chars)
    start = time.perf_counter()
    record = extractor.extract(text)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"chars": len(text), "words": len(text.split()), "seconds": took, "rules": spent,
                      "peak_mb": peak / 1024, "warm_mb": base / 1024, "error": record.get("error")}))


def _timed(name, proc, spent):
    def run(doc):
        start = time.perf_counter()
        try:
            return proc(doc)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return run


def batch_rate() -> float:
    """Seconds per 1,000 words for normal articles streamed through extract_many (after a warm-up)."""
    import extractor

    texts = articles()
    list(extractor.extract_many(texts[:2]))
    start = time.perf_counter()
    list(extractor.extract_many(texts))
    return (time.perf_counter() - start) / sum(len(t.split()) for t in texts) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8,16,32,64,128,256", help="multiples of the first article's length")
    ap.add_argument("--chars", type=int, default=1_000_000, help="one more input of this many characters (0: none)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child)
    unit = len(articles()[0])
    print(f"normal articles through extract_many: {batch_rate():.3f} s per 1,000 words")
    print(f"{'size':>8} {'chars':>9} {'words':>7} {'seconds':>8} {'s/1k words':>10} {'peak MB':>8}  "
          "rule components (s/1k words)")
    sizes = [(f"{k}x", k * unit) for k in map(int, args.sizes.split(","))]
    sizes += [("chars", args.chars)] if args.chars else []
    for label, chars in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(chars)], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{label:>8} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout)
        per_k = 1000 / r["words"]
        rules = " ".join(f"{n.removeprefix('extractor_')}={s * per_k:.3f}" for n, s in r["rules"].items())
        print(f"{label:>8} {r['chars']:>9} {r['words']:>7} {r['seconds']:>8.1f} {r['seconds'] * per_k:>10.3f} "
              f"{r['peak_mb']:>8.0f}  {rules}" + (f"  ERROR {r['error']}" if r["error"] else ""), flush=True)


if __name__ == "__main__":
    main()
