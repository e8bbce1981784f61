"""Benchmark: meetings found in documents that are not news about meetings.

Prints figures; asserts nothing. Rebuilds plain-text documents from the treebanks in
``../shared/corpora`` (all of GUM, a seeded sample of EWT, PUD's news and wiki excerpts
packed into documents of about ten sentences), runs them through ``extract_many`` and
counts the meetings found, by corpus, kind, status and trigger word; ``--sample N``
writes N of them with their evidence sentence to a file, to be read by hand (issue 11
asks for a sample read by hand: a true encounter there is no false alarm).

    python bench/false_alarms.py [--corpora DIR] [--ewt 250] [--sample 40 --out sample.txt]
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_conllu(path: Path):
    """(doc id, paragraphs as lists of sentence texts) from ``# newdoc``/``# newpar``/``# text``."""
    doc_id, paras = None, [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            if doc_id is not None and any(paras):
                yield doc_id, [p for p in paras if p]
            doc_id, paras = line.partition("=")[2].strip() or "?", [[]]
        elif line.startswith("# newpar") and paras[-1]:
            paras.append([])
        elif line.startswith("# text ="):
            doc_id = doc_id or "?"
            paras[-1].append(line.partition("=")[2].strip())
    if doc_id is not None and any(paras):
        yield doc_id, [p for p in paras if p]


def render(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def documents(corpora: Path, ewt_count: int) -> list[dict]:
    docs = [{"corpus": "gum", "id": did, "text": render(paras)}
            for f in sorted((corpora / "gum" / "dep").glob("*.conllu")) for did, paras in read_conllu(f)]
    ewt = [{"corpus": "ewt", "id": f"{split}:{did}", "text": render(paras)}
           for split in ("train", "dev", "test")
           for did, paras in read_conllu(corpora / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu")]
    docs += [ewt[i] for i in sorted(random.Random(1).sample(range(len(ewt)), min(ewt_count, len(ewt))))]
    group: list[str] = []
    for did, paras in read_conllu(corpora / "ud-english-pud" / "en_pud-ud-test.conllu"):
        group += [" ".join(s for p in paras for s in p)]
        if sum(g.count(". ") + 1 for g in group) >= 9:
            docs.append({"corpus": "pud", "id": did, "text": "\n\n".join(group) + "\n"})
            group = []
    return docs


def report(docs: list[dict], records: list[dict]) -> list[tuple[dict, dict]]:
    found = [(d, m) for d, r in zip(docs, records) for m in r.get("meetings", [])]
    per_corpus = collections.Counter(d["corpus"] for d in docs)
    hits = collections.Counter(d["corpus"] for d, _ in found)
    print(f"documents: {len(docs)} ({dict(per_corpus)}), errors: {sum('error' in r for r in records)}")
    print(f"meetings: {len(found)} in {len({id(d) for d, _ in found})} documents, "
          f"{100 * len(found) / max(len(docs), 1):.1f} per 100 documents")
    for corpus, n in per_corpus.items():
        print(f"  {corpus}: {hits[corpus]} meetings, {100 * hits[corpus] / n:.1f} per 100 documents")
    for field in ("kind", "status"):
        print(f"by {field}:", dict(collections.Counter(m[field] for _, m in found)))
    print("by trigger:", collections.Counter(m["trigger"].lower() for _, m in found).most_common(15))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--ewt", type=int, default=250)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("false_alarm_sample.txt"))
    args = ap.parse_args()
    if not (args.corpora / "gum").is_dir():
        sys.exit(f"no corpora at {args.corpora} (--corpora DIR)")
    import extractor

    docs = documents(args.corpora, args.ewt)
    start = time.perf_counter()
    records = list(extractor.extract_many((d["text"] for d in docs), "2020-01-01"))
    print(f"{time.perf_counter() - start:.0f} s")
    found = report(docs, records)
    if args.sample:
        lines = [f"{d['corpus']} {d['id']} <{m['trigger']}> {[p['name'] for p in m['participants']]} "
                 f"{m['kind']} {m['status']}\n    {m['evidence']['text']}"
                 for d, m in random.Random(1).sample(found, min(args.sample, len(found)))]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"sample of {len(lines)} written to {args.out}")


if __name__ == "__main__":
    main()
