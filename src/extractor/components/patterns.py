"""Declarative dependency patterns shared by the meetings and quotes components.

A pattern file (``data/patterns/NAME.SCHEME.json``, one per label scheme) holds a list
of patterns in spaCy's ``DependencyMatcher`` format, each with

- ``id``: a name; ``negative``: when true, a match removes the trigger instead;
- ``pattern``: the DependencyMatcher node list; the node named ``trigger`` is the word
  the fact hangs on, other nodes are named after their role ("support", "object", ...);
- ``roles``: for each named node, the argument roles read from it ("subject", "with",
  "possessor", ...), which the component's argument readers know;
- any further fields the component reads (a meeting's ``kind``, a cue's ``content``);
- ``examples`` and ``counterexamples``: sentences the tests run through the pipeline.

Patterns are loaded in ``initialize`` from the package data (or given there) and written
with ``to_disk``, as spaCy's own rulers do.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.vocab import Vocab

TRIGGER = "trigger"
# Node attributes a sentence's words must offer, and the column of each in a Doc array.
LEXICAL = {"LEMMA": 0, "LOWER": 1, "NORM": 2, "ORTH": 3, "TEXT": 3}
LEXICAL_ATTRS = ["LEMMA", "LOWER", "NORM", "ORTH"]
# What a sentence's own Doc copies from the whole one: all that patterns can read.
COPIED = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
IOB_COLUMN, IOB_INSIDE, IOB_BEGIN = COPIED.index(ENT_IOB), 1, 3


@dataclass(frozen=True)
class Pattern:
    id: str
    nodes: list[dict[str, Any]]
    roles: dict[str, list[str]] = field(default_factory=dict)
    negative: bool = False
    info: dict[str, Any] = field(default_factory=dict)  # the component's own fields
    examples: list[str] = field(default_factory=list)
    counterexamples: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Pattern":
        known = {"id", "pattern", "roles", "negative", "examples", "counterexamples"}
        return cls(
            id=data["id"], nodes=data["pattern"], roles=data.get("roles", {}), negative=data.get("negative", False),
            info={k: v for k, v in data.items() if k not in known},
            examples=data.get("examples", []), counterexamples=data.get("counterexamples", []),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "pattern": self.nodes}
        if self.roles:
            out["roles"] = self.roles
        if self.negative:
            out["negative"] = True
        out.update(self.info)
        out["examples"] = self.examples
        out["counterexamples"] = self.counterexamples
        return out


@dataclass
class Match:
    """One pattern matched: its words by node name."""

    pattern: Pattern
    nodes: dict[str, Token]

    @property
    def trigger(self) -> Token:
        return self.nodes[TRIGGER]


def load_patterns(name: str, scheme: str) -> list[Pattern]:
    """The package's pattern file ``data/patterns/{name}.{scheme}.json``."""
    path = resources.files("extractor.data").joinpath(f"patterns/{name}.{scheme}.json")
    return [Pattern.from_dict(p) for p in json.loads(path.read_text(encoding="utf-8"))["patterns"]]


def write_patterns(path: Path, scheme: str, patterns: list[Pattern]) -> None:
    path.write_text(json.dumps({"scheme": scheme, "patterns": [p.to_dict() for p in patterns]}, indent=1,
                               ensure_ascii=False), encoding="utf-8")


def read_patterns(path: Path) -> tuple[str, list[Pattern]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["scheme"], [Pattern.from_dict(p) for p in data["patterns"]]


class PatternSet:
    """A DependencyMatcher over a list of patterns, giving the matches per trigger word.

    Each pattern has a matcher of its own, run only on the sentences whose words could
    satisfy it: every node that names its words (a lemma, a lower-case form) needs one of
    them in the sentence. A pattern cannot reach across sentences (its nodes hang in one
    tree), so the matches are those of one matcher over the whole Doc, at a fraction of
    the cost, in the same order (by pattern, for each trigger)."""

    def __init__(self, vocab: Vocab, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.matchers = []
        for pattern in patterns:
            matcher = DependencyMatcher(vocab)
            matcher.add(pattern.id, [pattern.nodes])
            self.matchers.append(matcher)
        self.needs = [_lexical_needs(p, vocab) for p in patterns]

    def __call__(self, doc: Doc) -> dict[int, list[Match]]:
        """Matches by trigger token index, in text order; a negative pattern's trigger has none."""
        found: dict[int, list[Match]] = {}
        blocked: set[int] = set()
        candidates = self._candidates(doc)
        array = doc.to_array(COPIED) if candidates else None  # once per Doc: each sentence's copy slices it
        for sent, possible in candidates:
            part = doc if sent.start == 0 and sent.end == len(doc) else _sentence_doc(sent, array)
            for k in possible:
                pattern, names = self.patterns[k], [node["RIGHT_ID"] for node in self.patterns[k].nodes]
                for _, token_ids in self.matchers[k](part):
                    match = Match(pattern, {n: doc[sent.start + i] for n, i in zip(names, token_ids)})
                    if pattern.negative:
                        blocked.add(match.trigger.i)
                    else:
                        found.setdefault(match.trigger.i, []).append(match)
        return {i: found[i] for i in sorted(found) if i not in blocked}

    def _candidates(self, doc: Doc) -> list[tuple[Span, list[int]]]:
        """Each sentence with the patterns that could match it (the whole Doc when it has no
        sentences); sentences no pattern could match are left out."""
        sents = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
        words = doc.to_array(LEXICAL_ATTRS)
        found = [(sent, self._possible(words[sent.start:sent.end])) for sent in sents]
        return [(sent, possible) for sent, possible in found if possible]

    def _possible(self, words) -> list[int]:
        """The patterns whose every lexical node finds a word among these (rows of hashes)."""
        columns = [set(words[:, j].tolist()) for j in range(len(LEXICAL_ATTRS))]
        return [k for k, needs in enumerate(self.needs) if all(values & columns[j] for j, values in needs)]


def _sentence_doc(sent: Span, array) -> Doc:
    """A Doc of one sentence with what patterns read (tags, lemmas, parse, entity types),
    from the whole Doc's array (``Span.as_doc`` would rebuild it for every sentence)."""
    piece = Doc(sent.doc.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
    rows = array[sent.start:sent.end].copy()
    if len(rows) and rows[0][IOB_COLUMN] == IOB_INSIDE:
        rows[0][IOB_COLUMN] = IOB_BEGIN  # an entity cut at the sentence start begins there
    piece.from_array(COPIED, rows)
    return piece


def _lexical_needs(pattern: Pattern, vocab: Vocab) -> list[tuple[int, frozenset[int]]]:
    """For each node that names its words, the array column and the hashes of the words it allows."""
    needs = []
    for node in pattern.nodes:
        for attr, column in LEXICAL.items():
            value = node["RIGHT_ATTRS"].get(attr)
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and "IN" in value:
                words = value["IN"]
            else:
                continue
            needs.append((column, frozenset(vocab.strings.add(word) for word in words)))
    return needs


class PatternComponent:
    """spaCy's component protocol for a component driven by a pattern file: the patterns
    for the pipeline's label scheme are loaded in ``initialize`` (or given there), written
    with ``to_disk`` and read back with ``from_disk``, as spaCy's own rulers do. A
    subclass names its file (``pattern_name``) and sets ``vocab`` and ``scheme``."""

    pattern_name = ""
    PATTERN_FILE = "patterns.json"
    vocab: Vocab
    scheme: Any
    patterns: PatternSet | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, patterns: list[dict] | None = None) -> None:
        """Load the patterns: those given, else the package's for this pipeline's label scheme."""
        if patterns:
            loaded = [Pattern.from_dict(p) for p in patterns]
        else:
            loaded = load_patterns(self.pattern_name, self.scheme.name)
        self.patterns = PatternSet(self.vocab, loaded)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_patterns(path / self.PATTERN_FILE, self.scheme.name, self._patterns().patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PatternComponent":
        _, patterns = read_patterns(Path(path) / self.PATTERN_FILE)
        self.patterns = PatternSet(self.vocab, patterns)
        return self

    def _patterns(self) -> PatternSet:
        if self.patterns is None:
            self.initialize()
        return self.patterns
