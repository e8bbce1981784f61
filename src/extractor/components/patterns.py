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

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.vocab import Vocab

TRIGGER = "trigger"
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

    Each pattern has a matcher of its own, run only on the sentences where it could
    match: every node needs a word of the sentence that passes its attribute tests
    (``NodeTests``, read from one array of the Doc). A pattern cannot reach across
    sentences (its nodes hang in one tree), so the matches are those of one matcher over
    the whole Doc, at a fraction of the cost, in the same order (by pattern, for each
    trigger)."""

    def __init__(self, vocab: Vocab, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.matchers = []
        for pattern in patterns:
            matcher = DependencyMatcher(vocab)
            matcher.add(pattern.id, [pattern.nodes])
            self.matchers.append(matcher)
        self.tests = NodeTests(patterns)

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
        possible = self.tests.possible(doc, [(sent.start, sent.end) for sent in sents])
        return [(sent, ks.tolist()) for sent, ks in zip(sents, possible) if len(ks)]


def _sentence_doc(sent: Span, array) -> Doc:
    """A Doc of one sentence with what patterns read (tags, lemmas, parse, entity types),
    from the whole Doc's array (``Span.as_doc`` would rebuild it for every sentence)."""
    piece = Doc(sent.doc.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
    rows = array[sent.start:sent.end].copy()
    if len(rows) and rows[0][IOB_COLUMN] == IOB_INSIDE:
        rows[0][IOB_COLUMN] = IOB_BEGIN  # an entity cut at the sentence start begins there
    piece.from_array(COPIED, rows)
    return piece


class NodeTests:
    """What every node of a set of patterns asks of its word, tested on all words of a Doc
    at once: the attributes spaCy's Matcher compares with a value or a list (``IN``,
    ``NOT_IN``). Other attributes are not tested here (the matcher still tests them), so a
    pattern said possible may not match; one said impossible cannot."""

    def __init__(self, patterns: list[Pattern]) -> None:
        asked = [[_tests(node) for node in p.nodes] for p in patterns]
        nodes = list({tests: None for pattern in asked for tests in pattern})  # distinct, in order
        tests = list({test: None for node in nodes for test in node})
        self.attrs = sorted({attr for attr, _, _ in tests})
        self.columns = [_Column([t for t in tests if t[0] == attr], tests) for attr in self.attrs]
        self.tests = len(tests)
        # Each node's tests and each pattern's nodes, as rows of indices; a node with fewer
        # tests repeats the last column (one no word fails), a pattern with fewer nodes its first.
        self.node_tests = _rows([[tests.index(test) for test in node] for node in nodes], self.tests)
        self.pattern_nodes = _rows([[nodes.index(node) for node in pattern] for pattern in asked], None)

    def possible(self, doc: Doc, bounds: list[tuple[int, int]]) -> list[numpy.ndarray]:
        """For each (start, end) in ``doc``, the indices of the patterns whose every node passes on a word there."""
        width = len(self.attrs)
        array = doc.to_array(self.attrs).reshape(len(doc), width) if width else numpy.zeros((len(doc), 0))
        failed = numpy.zeros((len(doc), self.tests + 1), dtype=bool)  # word x test: where the word fails it
        for j, column in enumerate(self.columns):
            failed[:, column.tests] = column.failed(array[:, j])
        passing = ~failed[:, self.node_tests].any(axis=2)  # word x node
        counts = numpy.vstack([numpy.zeros((1, passing.shape[1]), dtype=numpy.int64), passing.cumsum(axis=0)])
        starts, ends = numpy.array(bounds, dtype=numpy.int64).reshape(-1, 2).T
        absent = counts[ends] == counts[starts]  # span x node: no word there passes
        return [numpy.flatnonzero(row) for row in ~absent[:, self.pattern_nodes].any(axis=2)]


def _rows(lists: list[list[int]], filler: int | None) -> numpy.ndarray:
    """Lists of indices as the rows of an array, each padded to the longest with ``filler`` (None: its own first)."""
    width = max(map(len, lists), default=0) or 1
    padded = [row + [row[0] if filler is None else filler] * (width - len(row)) if row else [filler] * width
              for row in lists]
    return numpy.array(padded, dtype=numpy.intp).reshape(len(lists), width)


class _Column:
    """The tests on one attribute, answered for every word by a table lookup: each value the
    tests name has a row of answers, and one more row answers for all other values."""

    def __init__(self, own: list[tuple[int, bool, frozenset[int]]], tests: list) -> None:
        self.tests = [tests.index(test) for test in own]  # their columns among all tests
        self.values = numpy.array(sorted({v for _, _, values in own for v in values}), dtype=numpy.uint64)
        named = [[(v in values) != inside for _, inside, values in own] for v in self.values.tolist()]
        self.fails = numpy.array(named + [[inside for _, inside, _ in own]], dtype=bool)

    def failed(self, words: numpy.ndarray) -> numpy.ndarray:
        """Word x test: True where the word's value fails the test."""
        rows = numpy.searchsorted(self.values, words).clip(max=len(self.values) - 1)
        rows[self.values[rows] != words] = len(self.values)  # a value no test names
        return self.fails[rows]


# Token attributes whose value is a string: the Matcher compares their hashes with the pattern's.
STRING_ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER, "NORM": NORM, "ORTH": ORTH, "TEXT": ORTH, "POS": POS, "TAG": TAG,
                "DEP": DEP, "ENT_TYPE": ENT_TYPE}


def _tests(node: dict[str, Any]) -> tuple[tuple[int, bool, frozenset[int]], ...]:
    """A node's tests: (attribute, whether the word's value must be among the values or not, the value hashes)."""
    tests = []
    for name, value in node["RIGHT_ATTRS"].items():
        if name not in STRING_ATTRS:
            continue
        if isinstance(value, str):
            inside, words = True, [value]
        elif isinstance(value, dict) and len(value) == 1 and ("IN" in value or "NOT_IN" in value):
            inside, words = "IN" in value, value.get("IN", value.get("NOT_IN"))
        else:
            continue
        tests.append((STRING_ATTRS[name], inside, frozenset(get_string_id(w) for w in words)))
    return tuple(tests)


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
