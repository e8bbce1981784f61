"""Lemmas (factory ``extractor_lemmas``): rule tables where they know a verb or noun,
the pipeline's trained edit trees elsewhere.

Our model's trainable lemmatizer guesses edit trees and cuts words it saw rarely:
"convened" → "conven", "chaired" → "chaire", "postponing" → "postpon". Every pattern
of ours matches lemmas, so such a cut hides a trigger. For verbs and nouns this
component puts spaCy's rule-based English lemma (suffix rules plus exception and word
tables) where the tables know the resulting word. The tables are those of spaCy's
``en_core_web_sm`` 3.8.0 lemmatizer (from ``spacy-lookups-data``, MIT licence; word
forms from WordNet), stored in ``data/lemma_lookups``. Pipelines with a rule
lemmatizer of their own do not need it.

Given the name of the pipeline's trained lemmatizer (``trained``), it also does that
component's job, which the pipeline then disables (``pipeline.load_pipeline``): the
trained edit trees are scored only for the words the tables left (three in four), from
the tok2vec output the lemmatizer's listener reads (``doc.tensor``), and each tree is
applied to a word form once. The lemmas are those the two components gave in turn:
the same scores, trees, ``top_k``, ``backoff`` and ``overwrite``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH
from spacy.attrs import POS as POS_ID
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.parts_of_speech import IDS
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc
from spacy.util import ensure_path

TABLES = Path(__file__).resolve().parent.parent / "data" / "lemma_lookups"
POS = ("VERB", "NOUN")
MAX_DECIDED = 200_000  # word forms (and trees applied to them) remembered before the memory is cleared
NOT_APPLICABLE = -1


class TrainedTrees:
    """A trained edit-tree lemmatizer's lemmas (spaCy's ``EditTreeLemmatizer``), for chosen words only."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.labels = list(lemmatizer.cfg["labels"])
        self.applied: dict[tuple[int, int], int] = {}  # (label, form) -> lemma's id, or NOT_APPLICABLE
        layers = lemmatizer.model.layers
        listening = len(layers) == 2 and isinstance(layers[0], Tok2VecListener)
        self.head = layers[1] if listening else None  # else the whole model scores every word
        self.width = layers[0].get_dim("nO") if listening else 0

    def fill(self, doc: Doc, lemmas: np.ndarray, rows: np.ndarray) -> None:
        """Write into ``lemmas`` the lemma of each word at ``rows``: the first applicable of its
        ``top_k`` best trees, else its ``backoff`` attribute (else it stays)."""
        if len(self.applied) > MAX_DECIDED:
            self.applied.clear()
        scores = self._scores(doc, rows)
        forms = doc.to_array([ORTH])[rows].tolist()
        backoff = self.lemmatizer.backoff
        fallback = doc.to_array([backoff.upper()])[rows].tolist() if backoff else None
        for i, (best, form) in enumerate(zip(scores.argmax(axis=1).tolist(), forms)):
            lemma = self._applied(best, form)
            if lemma == NOT_APPLICABLE and self.lemmatizer.top_k > 1:
                lemma = self._next_applicable(scores[i], form)
            if lemma != NOT_APPLICABLE:
                lemmas[rows[i]] = lemma
            elif fallback is not None:
                lemmas[rows[i]] = fallback[i]

    def _scores(self, doc: Doc, rows: np.ndarray) -> np.ndarray:
        if self.head is None:
            return self.lemmatizer.model.predict([doc])[0][rows]
        tensor = doc.tensor[rows] if doc.tensor.size else self.head.ops.alloc2f(len(rows), self.width)
        return self.head.predict(tensor)

    def _next_applicable(self, scores: np.ndarray, form: int) -> int:
        """The first applicable tree after the best, best first (ties: the lower label, as spaCy's argmax)."""
        for label in np.argsort(-scores, kind="stable")[1:self.lemmatizer.top_k].tolist():
            if (lemma := self._applied(label, form)) != NOT_APPLICABLE:
                return lemma
        return NOT_APPLICABLE

    def _applied(self, label: int, form: int) -> int:
        lemma = self.applied.get(key := (label, form))
        if lemma is None:
            strings = self.lemmatizer.vocab.strings
            text = self.lemmatizer.trees.apply(self.labels[label], strings[form])
            lemma = self.applied[key] = NOT_APPLICABLE if text is None else strings.add(text)
        return lemma


class RuleLemmas:
    """Corrects the lemmas of verbs and nouns the rule tables know; with ``trained``, lemmatises
    the other words with that trained lemmatizer."""

    def __init__(self, nlp: Language, name: str, trained: str | None = None) -> None:
        self.name = name
        self.nlp = nlp
        self.trained = trained
        self.rules = EnglishLemmatizer(nlp.vocab, None, name=name, mode="rule")
        self.known: dict[str, frozenset[str]] = {}
        self.pos_ids = frozenset(IDS[pos] for pos in POS)
        self.decided: dict[tuple[int, int, int], int] = {}  # (form, POS, morphology) -> lemma's id, 0 to keep
        self._trees: TrainedTrees | None = None

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
        lemmas = doc.to_array([LEMMA])
        ruled = self._rule_lemmas(doc, lemmas)
        trees = self.trees()
        if trees is not None:
            left = ~ruled if trees.lemmatizer.overwrite else ~ruled & (lemmas == 0)
            if left.any():
                trees.fill(doc, lemmas, np.flatnonzero(left))
        if ruled.any() or trees is not None:
            doc.from_array([LEMMA], lemmas)
        return doc

    def _rule_lemmas(self, doc: Doc, lemmas: np.ndarray) -> np.ndarray:
        """Write the rule tables' lemmas into ``lemmas``; which words got one."""
        decided, pos_ids = self.decided, self.pos_ids
        ruled = np.zeros(len(doc), dtype=bool)
        for i, key in enumerate(doc.to_array([ORTH, POS_ID, MORPH]).tolist()):
            if key[1] not in pos_ids:
                continue
            lemma = decided.get(key := tuple(key))
            if lemma is None:
                lemma = decided[key] = self._lemma(doc[i])
            if lemma:
                lemmas[i] = lemma
                ruled[i] = True
        return ruled

    def trees(self) -> TrainedTrees | None:
        """The trained lemmatizer this component stands in for (looked up once it runs)."""
        if self._trees is None and self.trained is not None:
            self._trees = TrainedTrees(self.nlp.get_pipe(self.trained))
        return self._trees

    def _lemma(self, token) -> int:
        """The rule lemma's id if the tables know it, else 0 (the model's stays)."""
        lemma = self.rules.rule_lemmatize(token)[0]
        return token.vocab.strings.add(lemma) if lemma in self.known[token.pos_] else 0

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.tables.to_disk(ensure_path(path))

    def from_disk(self, path, *, exclude=tuple()) -> "RuleLemmas":
        self.initialize(path=ensure_path(path))
        return self


@Language.factory("extractor_lemmas", default_config={"trained": None},
                  requires=["token.pos", "token.morph", "token.lemma", "doc.tensor"], assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str, trained: str | None) -> RuleLemmas:
    return RuleLemmas(nlp, name, trained)
