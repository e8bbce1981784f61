"""Long fuzzing run: the strategies of tests/fuzzing.py for many texts, counted instead of asserted.

Prints figures (exceptions, schema violations, offset mismatches, time) and
the first few problems; the target is 0 / 0 / 0.

    python bench/fuzz.py [--texts 10000] [--seed 1] [--max-links 200]
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-links", type=int, default=200, help="longest chained sentence, in clauses")
    args = ap.parse_args()

    from hypothesis import HealthCheck, Phase, given, seed, settings

    import extractor
    import fuzzing

    extractor.extract("Warm-up.")
    counts: Counter[str] = Counter()
    shown: list[str] = []
    slowest = (0.0, "")

    @seed(args.seed)
    @settings(max_examples=args.texts, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(fuzzing.texts(args.max_links), fuzzing.reference_dates())
    def run(text: str, ref) -> None:
        nonlocal slowest
        counts["texts"] += 1
        start = time.perf_counter()
        try:
            record = extractor.extract(text, ref)
        except Exception:  # noqa: BLE001 - counted and shown, never raised
            counts["exceptions"] += 1
            shown.append(f"exception on {text[:200]!r}:\n{traceback.format_exc(limit=3)}")
            return
        took = time.perf_counter() - start
        slowest = max(slowest, (took, f"{len(text)} chars: {text[:80]!r}"))
        counts["errors:" + record["error"]["code"] if "error" in record else "results"] += 1
        for problem in fuzzing.problems(record, text):
            counts["schema violations" if problem.startswith("schema") else "offset mismatches"] += 1
            shown.append(f"{problem} in {text[:200]!r}")

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    print(f"texts: {counts['texts']}  in {elapsed:.0f} s ({1000 * elapsed / max(1, counts['texts']):.1f} ms/text)")
    for key in ("exceptions", "schema violations", "offset mismatches"):
        print(f"{key}: {counts[key]}")
    print("records:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k.startswith(("errors", "results"))))
    print(f"slowest text: {slowest[0]:.2f} s ({slowest[1]})")
    for line in shown[:10]:
        print("--", line)


if __name__ == "__main__":
    main()
