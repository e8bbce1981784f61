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

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.training import Example
from spacy.vocab import Vocab

from ..sentences import sentence_starts
from .dependency import DependencyPatterns

TRIGGER = "trigger"


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

    @functools.cached_property
    def role_names(self) -> frozenset[str]:
        """Every role a node of the pattern takes (components ask it of each match: joined once)."""
        return frozenset(role for roles in self.roles.values() for role in roles)


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
    """A list of patterns, giving the matches per trigger word: those of spaCy's
    DependencyMatcher over the Doc, in the same order (by pattern, for each trigger),
    found sentence by sentence (``dependency.DependencyPatterns``)."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.matcher = DependencyPatterns([p.nodes for p in patterns])
        self.names = [[node["RIGHT_ID"] for node in p.nodes] for p in patterns]

    def __call__(self, doc: Doc) -> dict[int, list[Match]]:
        """Matches by trigger token index, in text order; a negative pattern's trigger has none."""
        found: dict[int, list[Match]] = {}
        blocked: set[int] = set()
        for k, token_ids in self.matcher(doc, sentences(doc)):
            pattern, names = self.patterns[k], self.names[k]
            trigger = token_ids[names.index(TRIGGER)]
            if pattern.negative:
                blocked.add(trigger)
            else:
                found.setdefault(trigger, []).append(Match(pattern, dict(zip(names, [doc[i] for i in token_ids]))))
        return {i: found[i] for i in sorted(found) if i not in blocked}


def sentences(doc: Doc) -> list[int]:
    """Where the Doc's sentences start (the whole Doc is one when it has none)."""
    return sentence_starts(doc) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [0]


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
        self.patterns = PatternSet(loaded)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_patterns(path / self.PATTERN_FILE, self.scheme.name, self._patterns().patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PatternComponent":
        _, patterns = read_patterns(Path(path) / self.PATTERN_FILE)
        self.patterns = PatternSet(patterns)
        return self

    def _patterns(self) -> PatternSet:
        if self.patterns is None:
            self.initialize()
        return self.patterns
