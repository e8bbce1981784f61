"""Evaluate a pipeline: NER on UNER-PUD, tagging/parsing on UD PUD and GUM test, speed, size, load time.

Usage:
    python models/recipe/evaluate.py [--model models/en_extractor_news] [--corpora DIR]
        [--no-gazetteer] [--json out.json] [--skip-speed]

NER is scored as shipped: the base model plus the ``extractor_gazetteer``
component (the first of our components in ``extractor.pipeline``), unless
``--no-gazetteer``. Gold UNER labels PER/ORG/LOC; predicted PERSON -> PER,
ORG -> ORG, GPE/LOC/FAC -> LOC, everything else ignored. Exact character-span
match with the same type. Two settings:

* ``doc``: the sentences of one source document (same id prefix, ``n01001``)
  are joined into one text, as the product sees whole articles (primary);
* ``sent``: every sentence processed on its own.

Syntax (UD PUD, GUM test): spaCy scorer on raw text with our tokenizer
(``tok``: aligned, punctuation excluded, as ``spacy benchmark accuracy``) and
with gold tokens (``gold``: LAS over all words incl. punctuation, CoNLL 2018 style
on the full label).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
from convert import build_gum, build_pud, corpora_dir, read_uner_with_text  # noqa: E402

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def load(model: str, gazetteer: bool = True, config: dict | None = None):
    import extractor.components.gazetteer  # noqa: F401  (importable: convert.py made sure)

    nlp = spacy.load(model)
    if gazetteer and "extractor_gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("extractor_gazetteer", last=True, config=config or {})
    return nlp


def gold_char_spans(text: str, words: list[str], tags: list[str]):
    offs, pos = [], 0
    for w in words:
        i = text.find(w, pos)
        if i < 0:
            return None
        offs.append((i, i + len(w)))
        pos = i + len(w)
    spans, cur = [], None
    for (s, e), t in zip(offs, tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            if cur:
                spans.append(tuple(cur))
            cur = [s, e, t[2:]]
        elif t.startswith("I-"):
            cur[1] = e
        else:
            if cur:
                spans.append(tuple(cur))
            cur = None
    if cur:
        spans.append(tuple(cur))
    return [sp for sp in spans if sp[2] in ("PER", "ORG", "LOC")]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_gold": tp + fn}


def tally(counts, gold: set, pred: set) -> None:
    """Add true positives, false positives and false negatives per label."""
    for lab in ("PER", "ORG", "LOC"):
        g = {x for x in gold if x[2] == lab}
        p = {x for x in pred if x[2] == lab}
        counts[lab][0] += len(g & p)
        counts[lab][1] += len(p - g)
        counts[lab][2] += len(g - p)


def eval_ner(nlp, corpora: Path, mode: str = "doc", limit: int | None = None):
    sents = read_uner_with_text(corpora / "uner-english-pud" / "en_pud-ud-test.iob2")
    if limit:
        sents = sents[:limit]
    units = []  # (doc id, text, gold spans)
    if mode == "sent":
        for sid, text, words, tags in sents:
            units.append((sid, text, gold_char_spans(text, words, tags) or []))
    else:
        groups = defaultdict(list)
        order = []
        for sid, text, words, tags in sents:
            did = sid.split("-")[0]
            if did not in groups:
                order.append(did)
            groups[did].append((text, words, tags))
        for did in order:
            full, gold, off = "", [], 0
            for text, words, tags in groups[did]:
                if full:
                    full += " "
                    off = len(full)
                g = gold_char_spans(text, words, tags) or []
                gold += [(s + off, e + off, lab) for s, e, lab in g]
                full += text
            units.append((did, full, gold))
    counts = {k: defaultdict(lambda: [0, 0, 0]) for k in ("all", "news", "wiki")}
    docs = nlp.pipe([u[1] for u in units], batch_size=64)
    for (uid, _, gold), doc in zip(units, docs):
        pred = {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}
        gold = set(gold)
        half = "news" if uid.startswith("n") else "wiki"
        for part in ("all", half):
            tally(counts[part], gold, pred)
    res = {}
    for part, c in counts.items():
        tot = [sum(c[l][i] for l in c) for i in range(3)]
        res[part] = {"micro": prf(*tot), **{lab: prf(*c[lab]) for lab in ("PER", "ORG", "LOC")}}
    return res


def eval_ner_docbin(nlp, path: Path):
    """NER on a converted DocBin (e.g. models/work/corpus/dev.spacy), for development decisions."""
    gold_docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    c = defaultdict(lambda: [0, 0, 0])
    for gd, pd in zip(gold_docs, nlp.pipe([d.text for d in gold_docs], batch_size=64)):
        gold = {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in gd.ents if e.label_ in LABEL_MAP}
        pred = {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in pd.ents if e.label_ in LABEL_MAP}
        tally(c, gold, pred)
    tot = [sum(c[l][i] for l in c) for i in range(3)]
    return {"micro": prf(*tot), **{lab: prf(*c[lab]) for lab in ("PER", "ORG", "LOC")}}


def eval_syntax(nlp, docs: list[Doc]):
    """spaCy scorer on raw text (own tokenizer) + gold-token LAS incl. punctuation."""
    names = [n for n in nlp.pipe_names if n in ("tok2vec", "transformer", "tagger", "morphologizer", "trainable_lemmatizer", "parser")]
    with nlp.select_pipes(enable=names):
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
        scores = nlp.evaluate(examples)
        tok = {k: round(scores[k], 4) for k in ("token_acc", "tag_acc", "pos_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f") if scores.get(k) is not None}
        # gold tokenisation
        n = las = uas = upos = xpos = lem = 0
        preds = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs]
        for _, proc in nlp.pipeline:
            preds = list(proc.pipe(preds, batch_size=256))
        for gd, pd in zip(docs, preds):
            for g, p in zip(gd, pd):
                n += 1
                upos += g.pos_ == p.pos_
                xpos += g.tag_ == p.tag_
                lem += g.lemma_ == p.lemma_
                gh = g.head.i if g.dep_ != "ROOT" else -1
                ph = p.head.i if p.dep_ != "ROOT" else -1
                uas += gh == ph
                las += gh == ph and g.dep_.lower() == p.dep_.lower()
        gold = {"upos": round(upos / n, 4), "xpos": round(xpos / n, 4), "lemma": round(lem / n, 4),
                "uas": round(uas / n, 4), "las": round(las / n, 4), "words": n}
    return {"tok": tok, "gold": gold}


def speed(nlp, texts: list[str], repeat: int = 3) -> dict:
    """Words per second through nlp.pipe (one process). ``cpu``: per CPU-second of this process
    (robust when other jobs share the cores); ``wall``: per wall-clock second. Best of ``repeat``."""
    best_cpu = best_wall = 0.0
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        n_words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
        c1, t1 = time.process_time(), time.perf_counter()
        best_cpu = max(best_cpu, n_words / (c1 - c0))
        best_wall = max(best_wall, n_words / (t1 - t0))
    return {"cpu": round(best_cpu), "wall": round(best_wall)}


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(REPO / "models" / "en_extractor_news"))
    ap.add_argument("--corpora", default=None)
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-syntax", action="store_true")
    ap.add_argument("--json", default=None)
    ap.add_argument("--dev", default=None, help="only score NER on this DocBin (development set) and exit")
    ap.add_argument("--gazetteer-config", default=None, help="JSON dict of extractor_gazetteer settings (ablations)")
    args = ap.parse_args(argv)
    corpora = corpora_dir(args.corpora)
    gz_cfg = json.loads(args.gazetteer_config) if args.gazetteer_config else None
    if args.dev:
        nlp = load(args.model, gazetteer=not args.no_gazetteer, config=gz_cfg)
        res = eval_ner_docbin(nlp, Path(args.dev))
        print(json.dumps(res))
        return

    t0, c0 = time.perf_counter(), time.process_time()
    base = spacy.load(args.model)
    load_s = time.perf_counter() - t0
    load_cpu_s = time.process_time() - c0
    nlp = load(args.model, gazetteer=not args.no_gazetteer, config=gz_cfg)
    out = {"model": args.model, "gazetteer": not args.no_gazetteer, "gazetteer_config": gz_cfg, "load_s": round(load_s, 3), "load_cpu_s": round(load_cpu_s, 3),
           "size_mb": round(dir_size(Path(args.model)) / 1e6, 2)}
    out["ner_doc"] = eval_ner(nlp, corpora, "doc")
    out["ner_sent"] = eval_ner(nlp, corpora, "sent")
    if not args.skip_syntax:
        out["ud_pud"] = eval_syntax(base, build_pud(base, corpora, None))
        out["gum_test"] = eval_syntax(base, build_gum(base, corpora, "test", None))
    if not args.skip_speed:
        texts = [d.text for d in build_pud(base, corpora, None)] + [d.text for d in build_gum(base, corpora, "test", None)]
        out["wps_base"] = speed(base, texts)
        out["wps_with_gazetteer"] = speed(nlp, texts)
    js = json.dumps(out, indent=1)
    print(js)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(js)
    n = out["ner_doc"]
    print(f"NER doc-mode micro F1 all {n['all']['micro']['f']:.3f} news {n['news']['micro']['f']:.3f} "
          f"PER {n['all']['PER']['f']:.3f} ORG {n['all']['ORG']['f']:.3f} LOC {n['all']['LOC']['f']:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
