"""Lemmas of known English words from rule tables (factory ``extractor_lemmas``).

Our model's trainable lemmatizer guesses edit trees and cuts words it saw rarely:
"convened" → "conven", "chaired" → "chaire", "postponing" → "postpon". Every pattern
of ours matches lemmas, so such a cut hides a trigger. This component runs after it
and, for verbs and nouns, puts spaCy's rule-based English lemma (suffix rules plus
exception and word tables) where the tables know the resulting word; other lemmas
stay the model's. The tables are those of spaCy's ``en_core_web_sm`` 3.8.0 lemmatizer
(from ``spacy-lookups-data``, MIT licence; word forms from WordNet), stored in
``data/lemma_lookups``. Pipelines with a rule lemmatizer of their own do not need it.
"""
from __future__ import annotations

from pathlib import Path

from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.util import ensure_path

TABLES = Path(__file__).resolve().parent.parent / "data" / "lemma_lookups"
POS = ("VERB", "NOUN")


class RuleLemmas:
    """Corrects the lemmas of verbs and nouns the rule tables know."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.rules = EnglishLemmatizer(nlp.vocab, None, name=name, mode="rule")
        self.known: dict[str, frozenset[str]] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None, path: Path = TABLES) -> None:
        self.rules.initialize(lookups=Lookups().from_disk(path))
        index = self.rules.lookups.get_table("lemma_index")
        exceptions = self.rules.lookups.get_table("lemma_exc")
        for pos in POS:
            key = pos.lower()
            forms = {form for found in exceptions.get(key, {}).values() for form in found}
            self.known[pos] = frozenset(index.get(key, [])) | forms

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            known = self.known.get(token.pos_)
            if known is None:
                continue
            lemma = self.rules.rule_lemmatize(token)[0]
            if lemma in known:
                token.lemma_ = lemma
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.rules.lookups.to_disk(ensure_path(path))

    def from_disk(self, path, *, exclude=tuple()) -> "RuleLemmas":
        self.initialize(path=ensure_path(path))
        return self


@Language.factory("extractor_lemmas", requires=["token.pos", "token.morph", "token.lemma"], assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> RuleLemmas:
    return RuleLemmas(nlp, name)
