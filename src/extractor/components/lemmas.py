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

from spacy.attrs import LEMMA, MORPH, ORTH
from spacy.attrs import POS as POS_ID
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc
from spacy.util import ensure_path

TABLES = Path(__file__).resolve().parent.parent / "data" / "lemma_lookups"
POS = ("VERB", "NOUN")
MAX_DECIDED = 200_000  # word forms remembered before the memory is cleared


class RuleLemmas:
    """Corrects the lemmas of verbs and nouns the rule tables know."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.rules = EnglishLemmatizer(nlp.vocab, None, name=name, mode="rule")
        self.known: dict[str, frozenset[str]] = {}
        self.pos_ids = frozenset(IDS[pos] for pos in POS)
        self.decided: dict[tuple[int, int, int], int] = {}  # (form, POS, morphology) -> lemma's id, 0 to keep

    def initialize(self, get_examples=None, *, nlp: Language | None = None, path: Path = TABLES) -> None:
        self.tables = Lookups().from_disk(path)
        fast = Lookups()  # the same tables, word lists as sets: spaCy tests "form in index" on each rule
        for name in self.tables.tables:
            table, copy = self.tables.get_table(name), fast.add_table(name)
            for key in (pos.lower() for pos in POS):
                if key in table:
                    copy[key] = frozenset(table[key]) if name == "lemma_index" else table[key]
        self.rules.initialize(lookups=fast)
        self.decided.clear()
        index, exceptions = fast.get_table("lemma_index"), fast.get_table("lemma_exc")
        for pos in POS:
            key = pos.lower()
            forms = {form for found in exceptions.get(key, {}).values() for form in found}
            self.known[pos] = frozenset(index.get(key, ())) | forms

    def __call__(self, doc: Doc) -> Doc:
        """Read from the Doc's arrays and written back as one column: a Token object only
        for a form not seen before."""
        if len(self.decided) > MAX_DECIDED:  # a long batch's memory stays flat
            self.decided.clear()
            self.rules.cache.clear()
        decided, pos_ids = self.decided, self.pos_ids
        lemmas = doc.to_array([LEMMA])
        changed = False
        for i, key in enumerate(doc.to_array([ORTH, POS_ID, MORPH]).tolist()):
            if key[1] not in pos_ids:
                continue
            lemma = decided.get(key := tuple(key))
            if lemma is None:
                lemma = decided[key] = self._lemma(doc[i])
            if lemma:
                lemmas[i] = lemma
                changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, token) -> int:
        """The rule lemma's id if the tables know it, else 0 (the model's stays)."""
        lemma = self.rules.rule_lemmatize(token)[0]
        return token.vocab.strings.add(lemma) if lemma in self.known[token.pos_] else 0

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.tables.to_disk(ensure_path(path))

    def from_disk(self, path, *, exclude=tuple()) -> "RuleLemmas":
        self.initialize(path=ensure_path(path))
        return self


@Language.factory("extractor_lemmas", requires=["token.pos", "token.morph", "token.lemma"], assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> RuleLemmas:
    return RuleLemmas(nlp, name)
