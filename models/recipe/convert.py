"""Convert the open corpora in ../shared/corpora into spaCy DocBins.

Usage:
    python models/recipe/convert.py [--corpora DIR] [--out models/work/corpus] [--limit N]

The corpora directory defaults to ``$EXTRACTOR_CORPORA`` or ``<repo>/../shared/corpora``.
Writes (into --out):

* ``train/``  the training data, two files that ``spacy train`` reads together
  (``--paths.train .../train``):
* ``train/corpora.spacy``  tagger/morph/lemma/parser/NER training data, news up-weighted
  (the static vectors' vocabulary is counted on this file alone):
  - UD EWT train (full syntax) + UNER-EWT prelim train NER (OTH / stray B-O -> O)
  - GUM permissive train (full syntax) + NER spans derived from its typed mentions
    (GUM_news_* / GUM_interview_* repeated ``--news-weight`` times)
  - wikigold (IOB1 -> IOB2, MISC -> O), NER only
  - BTC sections a,b,e,f,h once, section g (news outlets) ``--news-weight`` times, NER only
  - re3d (5 permissive sources) Person/Organisation/Location only, NER only (``--re3d``)
* ``train/augment.spacy``  ``--augment N`` synthetic NER-only examples of news title and
  name shapes built from the training split's own sentences and names (``augment.py``);
  default 2500, the shipped 0.4.0 (0: empty file, as 0.3.0; see models/README.md)
* ``dev.spacy``    EWT dev + UNER-EWT dev, GUM dev (+ derived NER); also apart as
  ``dev_ewt.spacy`` (true UNER NER: use it for NER decisions) and ``dev_gum.spacy``
* ``test_pud.spacy``  UD PUD (syntax only; TEST ONLY, never trained on)
* ``test_gum.spacy``  GUM test (syntax + derived NER)

Every corpus's PERSON spans lose their leading titles, multi-word ones too, as UNER
annotates ("Prime Minister Rishi Sunak", "U.S. President Donald Trump" -> "U.S." GPE +
"Donald Trump"; ``TitleCut``, titles from ``titles.txt`` / ``title_modifiers.txt``);
``--no-cut-titles`` gives the 0.3.0 conversion (GUM one-word titles cut only).

Label scheme of the statistical NER: PERSON, ORG, GPE (GPE = any place; the
``extractor_gazetteer`` component later splits it into GPE and LOC).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

REPO = Path(__file__).resolve().parents[2]
try:
    from extractor import wordlists
except ImportError:  # run from a checkout where the package is not installed
    sys.path.insert(0, str(REPO / "src"))
    from extractor import wordlists
from augment import augment

NER_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "GPE",
    "person": "PERSON", "organization": "ORG", "place": "GPE",
    "Person": "PERSON", "Organisation": "ORG", "Location": "GPE",
}
SENTS_PER_DOC = 10


def corpora_dir(arg: str | None = None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("EXTRACTOR_CORPORA")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "corpora"


# --------------------------------------------------------------------------- CoNLL-U

def read_conllu(path: Path):
    """Yield sentences: dict(meta, words, spaces, rows) with syntactic words only."""
    meta: dict[str, str] = {}
    rows: list[list[str]] = []
    mwt_end = -1
    mwt_space = True
    spaces: list[bool] = []
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield {"meta": meta, "rows": rows, "spaces": spaces}
                meta, rows, spaces, mwt_end = {}, [], [], -1
                continue
            if line.startswith("#"):
                if " = " in line:
                    k, v = line[1:].split(" = ", 1)
                    meta[k.strip()] = v
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                mwt_end = int(b)
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(cols[0])
            rows.append(cols)
            if idx < mwt_end:
                spaces.append(False)
            elif idx == mwt_end:
                spaces.append(mwt_space)
            else:
                spaces.append("SpaceAfter=No" not in cols[9])
    if rows:
        yield {"meta": meta, "rows": rows, "spaces": spaces}


def sents_to_doc(vocab, sents, ner_per_sent=None, with_syntax=True) -> Doc:
    """Join sentences into one Doc. ner_per_sent: list of (list of IOB2 tags | None)."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = [], [], [], [], [], [], [], [], []
    ents_iob: list[str] = []
    any_ner = ner_per_sent is not None and any(n is not None for n in ner_per_sent)
    for i, s in enumerate(sents):
        off = len(words)
        for j, cols in enumerate(s["rows"]):
            words.append(cols[1])
            spaces.append(s["spaces"][j])
            tags.append(cols[4])
            pos.append(cols[3])
            morphs.append(cols[5] if cols[5] != "_" else "")
            lemmas.append(cols[2])
            h = int(cols[6])
            heads.append(off + h - 1 if h > 0 else off + j)
            deps.append(cols[7] if h > 0 else "ROOT")
            starts.append(j == 0)
        if spaces:
            spaces[-1] = True
        if any_ner:
            n = ner_per_sent[i]
            if n is None:
                ents_iob.extend([""] * len(s["rows"]))
            else:
                ents_iob.extend(n)
    kw = {}
    if with_syntax:
        kw = dict(tags=tags, pos=pos, morphs=morphs, lemmas=lemmas, heads=heads, deps=deps,
                  sent_starts=starts)
    if any_ner:
        kw["ents"] = [t if t in ("O", "") else t[:2] + NER_MAP[t[2:]] for t in ents_iob]
    return Doc(vocab, words=words, spaces=spaces, **kw)


def chunk(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def group_by_doc(sents, key="newdoc id"):
    docs, cur = [], []
    for s in sents:
        if key in s["meta"] and cur:
            docs.append(cur)
            cur = []
        cur.append(s)
    if cur:
        docs.append(cur)
    return docs


# --------------------------------------------------------------------------- IOB files

def clean_iob(tags: list[str], iob1: bool = False, drop=("OTH", "O", "MISC")) -> list[str]:
    """Map to clean IOB2 over PER/ORG/LOC; dropped types -> O; IOB1 -> IOB2."""
    out = []
    prev = "O"
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            prev = "O"
            continue
        b, lab = t.split("-", 1)
        if lab in drop or lab not in NER_MAP:
            out.append("O")
            prev = "O"
            continue
        if b == "I" and (prev == "O" or prev[2:] != lab):
            b = "B"  # IOB1 start, or stray I-
        out.append(f"{b}-{lab}")
        prev = out[-1]
    return out


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """sent_id -> (words, tags) from a UNER iob2 file."""
    return {sid: (words, tags) for sid, _text, words, tags in read_uner_with_text(path)}


def read_uner_with_text(path: Path):
    """[(sent_id, text, words, tags)] in file order."""
    res, sid, text, words, tags = [], None, None, [], []
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sid = line.split(" = ", 1)[1]
            elif line.startswith("# text"):
                text = line.split(" = ", 1)[1]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if words:
                    res.append((sid, text, words, tags))
                words, tags = [], []
            else:
                cols = line.split("\t")
                words.append(cols[1])
                tags.append(cols[2] if len(cols) > 2 else "O")
    if words:
        res.append((sid, text, words, tags))
    return res


def read_conll_iob(path: Path, sep=None):
    """Blank-line separated token<sep>tag files. Yields (words, tags, docstart_before)."""
    words, tags, docstart = [], [], False
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield words, tags, docstart
                    docstart = False
                words, tags = [], []
                continue
            if line.startswith("-DOCSTART-"):
                docstart = True
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) < 2 or not parts[0].strip():
                continue
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        yield words, tags, docstart


def ner_only_doc(vocab, sents: list[tuple[list[str], list[str]]]) -> Doc:
    words, ents, starts = [], [], []
    for w, t in sents:
        words.extend(w)
        ents.extend(t)
        starts.extend([True] + [False] * (len(w) - 1))
    ents = [t if t == "O" else t[:2] + NER_MAP[t[2:]] for t in ents]
    # sentence starts left unset: parser/senter see missing annotation
    return Doc(vocab, words=words, spaces=[True] * len(words), ents=ents)


# --------------------------------------------------------------------------- GUM entities

ENT_RE = re.compile(r"\((\d+)-([a-z]+)-([^()]*)(\))?|(\d+)\)")
GLUE = {"of", "and", "the", "-", ".", "&", "'s", "for", "de", "du", "von", "van", "al", "la", "le", "del", "da", "y", "'", "on", "upon", "at", "in"}
PROPN_TAGS = {"NNP", "NNPS"}
# One-word role words and honorifics ("President", "Mr."): UNER keeps them out of
# PERSON spans, GUM's mentions include them.
TITLES = {t for t in wordlists.titles() if " " not in t}


def gum_mentions(rows) -> list[tuple[int, int, str]]:
    """(start, end_exclusive, etype) for all Entity mentions of one sentence."""
    open_: dict[str, list[tuple[int, str]]] = {}
    out = []
    for i, cols in enumerate(rows):
        misc = cols[9]
        m = re.search(r"(?:^|\|)Entity=([^|]*)", misc)
        if not m:
            continue
        for mm in ENT_RE.finditer(m.group(1)):
            if mm.group(1):
                eid, etype = mm.group(1), mm.group(2)
                if mm.group(4):
                    out.append((i, i + 1, etype))
                else:
                    open_.setdefault(eid, []).append((i, etype))
            else:
                eid = mm.group(5)
                if open_.get(eid):
                    s, etype = open_[eid].pop()
                    out.append((s, i + 1, etype))
    return out


def gum_ner_tags(rows) -> list[str]:
    """Derived NER (PER/ORG/LOC) IOB2 tags for one GUM sentence (see gum/SOURCE.md)."""
    n = len(rows)
    cands = []
    for s, e, etype in gum_mentions(rows):
        if etype not in ("person", "organization", "place"):
            continue
        # head = token whose head is outside the span
        head = None
        for i in range(s, e):
            h = int(rows[i][6]) - 1
            if h < s or h >= e:
                head = i
                break
        if head is None or rows[head][4] not in PROPN_TAGS:
            continue
        if etype == "person" and rows[head][4] == "NNPS":
            continue  # groups ("Hebrews", "Democrats"): not PERSON in UNER
        a = b = head
        while a - 1 >= s and (rows[a - 1][4] in PROPN_TAGS or rows[a - 1][1].lower() in GLUE):
            a -= 1
        while b + 1 < e and (rows[b + 1][4] in PROPN_TAGS or rows[b + 1][1].lower() in GLUE):
            b += 1
        while a < head and rows[a][4] not in PROPN_TAGS:
            a += 1
        while b > head and rows[b][4] not in PROPN_TAGS:
            b -= 1
        while etype == "person" and a < head and rows[a][1].lower() in TITLES:
            a += 1
        lab = {"person": "PER", "organization": "ORG", "place": "LOC"}[etype]
        cands.append((a, b + 1, lab))
    cands.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    tags = ["O"] * n
    for a, b, lab in cands:
        if all(t == "O" for t in tags[a:b]):
            tags[a] = "B-" + lab
            for k in range(a + 1, b):
                tags[k] = "I-" + lab
    return tags


def gum_split(corpora: Path) -> dict[str, str]:
    split, cur = {}, None
    for line in (corpora / "gum" / "splits.md").read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            cur = line[3:].strip()
        elif line.strip().startswith("* ") and cur:
            split[line.strip()[2:].strip()] = cur
    return split


# --------------------------------------------------------------------------- titles

class TitleCut:
    """Cuts leading titles out of PERSON spans, as UNER annotates: "Prime Minister Rishi
    Sunak" -> "Rishi Sunak", "U.S. President Donald Trump" -> "U.S." (GPE) + "Donald
    Trump", "Lt. Gen. Jubal Early", "Mr . Schooley", "Chinese Foreign Minister X".

    A title is an optional place or demonym, then modifiers (``title_modifiers.txt``) and
    role words or phrases (``titles.txt``, honorifics included), ending in a role word
    (and its abbreviation dot when the tokenizer split it off). The title words become
    O; a known place before them becomes GPE, a demonym O. The span is kept whole when
    nothing capitalised is left, or when what is left is a well-known place ("Captain
    America", "Senator Georgia").
    """

    def __init__(self) -> None:
        from extractor.components.gazetteer import gazetteer_data
        self.roles = {tuple(t.split()) for t in wordlists.titles()}
        self.longest_role = max(len(r) for r in self.roles)
        self.modifiers = {w.lower() for w in wordlists.lines("title_modifiers.txt")}
        data = gazetteer_data()
        self.places = {k.lower() for k in data.gpe} | {k.lower() for k in data.loc}
        self.demonyms = {k.lower() for k in data.demonyms}
        # what may not be left as a name: countries, states, capitals, large cities, continents
        # (not every town: "Obama", "Francis" are towns too)
        self.well_known = {k.lower() for k in data.addable} | {k.lower() for k in data.loc}
        self.changed: dict[str, tuple[int, int]] = {}  # corpus -> (distinct spans, spans as trained)

    def title_end(self, words: list[str]) -> tuple[int, int, bool]:
        """(end of the title, end of a leading place/demonym, whether that is a place); end 0: no title."""
        low = [w.lower() for w in words]
        i = lead = 0
        for n in (3, 2, 1):
            phrase = " ".join(low[:n])
            if n < len(low) and (phrase in self.places or phrase in self.demonyms):
                i = lead = n
                break
        end = 0
        while i < len(low):
            n = next((n for n in range(self.longest_role, 0, -1) if tuple(low[i:i + n]) in self.roles), 0)
            if n:
                i = end = i + n
                if i < len(low) and low[i] == ".":  # "Lt ." as the tokenizer of BTC splits it
                    i = end = i + 1
            elif low[i] in self.modifiers:
                i += 1
            else:
                break
        rest = low[end:]
        if not end or end >= len(words) or not words[end][:1].isupper() or " ".join(rest) in self.well_known:
            return 0, 0, False
        return end, lead, bool(lead) and " ".join(low[:lead]) in self.places

    def __call__(self, docs: list[Doc], corpus: str) -> list[Doc]:
        """Cut the titles in place (each Doc once, however often it is repeated); count the spans per corpus."""
        cut: dict[int, int] = {}  # Doc id -> spans changed
        for doc in docs:
            if id(doc) not in cut:
                cut[id(doc)] = self.cut_doc(doc)
        trained = sum(cut[id(doc)] for doc in docs)  # news repeats counted
        self.changed[corpus] = (sum(cut.values()), trained)
        return docs

    def cut_doc(self, doc: Doc) -> int:
        keep, outside = [], []
        for ent in doc.ents:
            end, lead, place = self.title_end([t.text for t in ent]) if ent.label_ == "PERSON" else (0, 0, False)
            if not end:
                keep.append(ent)
                continue
            if place:
                keep.append(Span(doc, ent.start, ent.start + lead, label="GPE"))
                outside.append(doc[ent.start + lead:ent.start + end])
            else:
                outside.append(doc[ent.start:ent.start + end])
            keep.append(Span(doc, ent.start + end, ent.end, label="PERSON"))
        if outside:
            doc.set_ents(keep, outside=outside, default="unmodified")
        return len(outside)


# --------------------------------------------------------------------------- builders

def build_ewt(nlp, corpora: Path, part: str, limit: int | None):
    sents = list(read_conllu(corpora / "ud-english-ewt" / f"en_ewt-ud-{part}.conllu"))
    uner_file = {
        "train": "en_ewt-ud-train.PRELIM-0c7ce0d.iob2",
        "dev": "en_ewt-ud-dev.iob2", "test": "en_ewt-ud-test.iob2",
    }[part]
    uner = read_uner(corpora / "uner-english-ewt" / uner_file)
    if limit:
        sents = sents[:limit]
    docs = []
    for group in group_by_doc(sents):
        for ch in chunk(group, SENTS_PER_DOC):
            ner = []
            for s in ch:
                u = uner.get(s["meta"].get("sent_id"))
                words = [r[1] for r in s["rows"]]
                if u is None or u[0] != words:
                    ner.append(None)
                else:
                    ner.append(clean_iob(u[1]))
            docs.append(sents_to_doc(nlp.vocab, ch, ner))
    return docs


def build_gum(nlp, corpora: Path, part: str, limit: int | None, news_weight: int = 1):
    split = gum_split(corpora)
    docs = []
    files = sorted((corpora / "gum" / "dep").glob("*.conllu"))
    for f in files:
        name = f.stem
        if split.get(name, "train") != part:
            continue
        sents = list(read_conllu(f))
        if limit:
            sents = sents[:limit]
        reps = news_weight if (part == "train" and name.startswith(("GUM_news", "GUM_interview"))) else 1
        for ch in chunk(sents, SENTS_PER_DOC):
            ner = [gum_ner_tags(s["rows"]) for s in ch]
            d = sents_to_doc(nlp.vocab, ch, ner)
            docs.extend([d] * reps)
        if limit and len(docs) >= limit:
            break
    return docs


def build_wikigold(nlp, corpora: Path, limit: int | None):
    docs, cur = [], []
    for words, tags, docstart in read_conll_iob(corpora / "wikigold" / "wikigold.conll.txt"):
        if (docstart or len(cur) >= SENTS_PER_DOC) and cur:
            docs.append(ner_only_doc(nlp.vocab, cur))
            cur = []
        cur.append((words, clean_iob(tags, iob1=True)))
        if limit and len(docs) >= limit:
            break
    if cur:
        docs.append(ner_only_doc(nlp.vocab, cur))
    return docs


def merge_at_mentions(words: list[str], tags: list[str]):
    """BTC splits @-mentions into "@" + handle, each tagged B-X; spaCy keeps "@handle" as one token."""
    w2, t2 = [], []
    i = 0
    while i < len(words):
        if words[i] == "@" and i + 1 < len(words) and words[i + 1][:1].isalnum():
            w2.append("@" + words[i + 1])
            t2.append(tags[i + 1] if tags[i + 1] != "O" else tags[i])
            i += 2
        else:
            w2.append(words[i])
            t2.append(tags[i])
            i += 1
    return w2, t2


def build_btc(nlp, corpora: Path, limit: int | None, news_weight: int, sections: str):
    docs = []
    for sec in sections:
        reps = news_weight if sec == "g" else 1
        n = 0
        for words, tags, _ in read_conll_iob(corpora / "btc" / f"{sec}.conll", sep="\t"):
            words, tags = merge_at_mentions(words, tags)
            d = ner_only_doc(nlp.vocab, [(words, clean_iob(tags))])
            docs.extend([d] * reps)
            n += 1
            if limit and n >= limit:
                break
    return docs


def build_re3d(nlp, corpora: Path, limit: int | None):
    docs = []
    for f in sorted((corpora / "re3d" / "conll").glob("*/*.conll")):
        sents = [(w, clean_iob(t)) for w, t, _ in read_conll_iob(f, sep="\t")]
        for ch in chunk(sents, SENTS_PER_DOC):
            docs.append(ner_only_doc(nlp.vocab, ch))
        if limit and len(docs) >= limit:
            break
    return docs


def build_pud(nlp, corpora: Path, limit: int | None):
    sents = list(read_conllu(corpora / "ud-english-pud" / "en_pud-ud-test.conllu"))
    if limit:
        sents = sents[:limit]
    return [sents_to_doc(nlp.vocab, [s]) for s in sents]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=None)
    ap.add_argument("--out", default=str(REPO / "models" / "work" / "corpus"))
    ap.add_argument("--limit", type=int, default=None, help="max sentences/docs per source (smoke tests)")
    ap.add_argument("--news-weight", type=int, default=2)
    ap.add_argument("--btc-sections", default="abefgh")
    ap.add_argument("--no-wikigold", action="store_true")
    ap.add_argument("--re3d", action="store_true", help="include re3d (P/O/L only)")
    ap.add_argument("--augment", type=int, default=2500,
                    help="synthetic NER examples of news title/name shapes (augment.py); 0: none")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cut-titles", dest="cut_titles", action="store_false",
                    help="keep leading titles in PERSON spans (the 0.3.0 conversion: GUM one-word titles cut only)")
    args = ap.parse_args(argv)

    corpora = corpora_dir(args.corpora)
    if not (corpora / "ud-english-ewt").is_dir():
        sys.exit(f"corpora not found at {corpora} (set EXTRACTOR_CORPORA or --corpora)")
    out = Path(args.out)
    (out / "train").mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")

    cut = TitleCut() if args.cut_titles else (lambda docs, corpus: docs)
    train = []
    train += cut(build_ewt(nlp, corpora, "train", args.limit), "ewt")
    train += cut(build_gum(nlp, corpora, "train", args.limit, args.news_weight), "gum")
    if not args.no_wikigold:
        train += cut(build_wikigold(nlp, corpora, args.limit), "wikigold")
    if args.btc_sections:
        train += cut(build_btc(nlp, corpora, args.limit, args.news_weight, args.btc_sections), "btc")
    if args.re3d:
        train += cut(build_re3d(nlp, corpora, args.limit), "re3d")
    synthetic = augment(nlp, train, args.augment, args.seed)
    random.Random(args.seed).shuffle(train)
    dev_ewt = cut(build_ewt(nlp, corpora, "dev", args.limit), "ewt dev")
    dev_gum = cut(build_gum(nlp, corpora, "dev", args.limit), "gum dev")
    dev = dev_ewt + dev_gum
    test_gum = cut(build_gum(nlp, corpora, "test", args.limit), "gum test")
    if args.cut_titles:
        print("titles cut from PERSON spans (distinct / with news repeats): "
              + ", ".join(f"{k} {a}/{b}" for k, (a, b) in cut.changed.items()), file=sys.stderr)
    test_pud = build_pud(nlp, corpora, args.limit)

    for name, docs in (("train/corpora", train), ("train/augment", synthetic), ("dev", dev), ("dev_ewt", dev_ewt), ("dev_gum", dev_gum),
                       ("test_gum", test_gum), ("test_pud", test_pud)):
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
        n_tok = sum(len(d) for d in docs)
        n_ent = sum(len(d.ents) for d in docs)
        print(f"{name}: {len(docs)} docs, {n_tok} tokens, {n_ent} entities", file=sys.stderr)


if __name__ == "__main__":
    main()
