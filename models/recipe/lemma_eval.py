"""Lemma accuracy on a UD .conllu with gold tokens: the model alone vs with extractor_lemmas.

Usage: python models/recipe/lemma_eval.py ../shared/corpora/ud-english-pud/en_pud-ud-test.conllu
"""
import sys
from spacy.tokens import Doc
from extractor.pipeline import load_pipeline
nlp = load_pipeline()
sents, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        if cur: sents.append(cur); cur = []
        continue
    if line.startswith("#"): continue
    f = line.rstrip("\n").split("\t")
    if "-" in f[0] or "." in f[0]: continue
    cur.append((f[1], f[2], f[3]))
names = ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer"]
fix = nlp.get_pipe("extractor_lemmas")
tot = {"all": [0, 0, 0], "VERB": [0, 0, 0], "NOUN": [0, 0, 0]}
for s in sents:
    d = Doc(nlp.vocab, words=[w for w, _, _ in s])
    for n in names: d = nlp.get_pipe(n)(d)
    before = [t.lemma_ for t in d]
    d = fix(d)
    for t, b, (w, gl, gp) in zip(d, before, s):
        for k in ("all", gp):
            if k in tot:
                tot[k][0] += 1; tot[k][1] += b == gl; tot[k][2] += t.lemma_ == gl
for k, (n, a, b) in tot.items(): print(f"{k:5} n={n:6} model {a/n:.4f}  with extractor_lemmas {b/n:.4f}")
