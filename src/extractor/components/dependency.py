"""Dependency patterns (spaCy's ``DependencyMatcher`` format) matched on a parsed Doc.

The matches are those of spaCy's DependencyMatcher, in its order, without its costs: it
runs a token Matcher over every word for every node and needs a Doc of each sentence.
Here every node's attribute tests are answered for all words of a Doc at once from one
array (``NodeTests``), and the words that pass are joined along the parse
(``TreeSearch``): for each tree of a span, the assignments of words to nodes in the order
of the cartesian product the DependencyMatcher filters (first node slowest), keeping
those where every node stands in its relation to the node it names (``OPERATORS``).

A node may test any string attribute (``LEMMA``, ``LOWER``, ``POS``, ``DEP``,
``ENT_TYPE``...) against a value or a list (``IN``, ``NOT_IN``), and any lexical flag
(``IS_TITLE``...) against a boolean; a pattern asking anything else is refused when
loaded.
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Iterator

import numpy
from spacy.attrs import HEAD, IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Token attributes whose value is a string: spaCy's Matcher compares their hashes with the pattern's.
STRING_ATTRS = {name: IDS["ORTH" if name == "TEXT" else name]
                for name in ("LEMMA", "LOWER", "NORM", "ORTH", "TEXT", "POS", "TAG", "DEP", "ENT_TYPE")}
FLAG_ATTRS = {name: attr for name, attr in IDS.items() if name.startswith(("IS_", "LIKE_")) and name != "IS_SENT_START"}

Test = tuple[int, bool, frozenset]  # attribute, whether the word's value must be among the values or not, values


def node_tests(node: dict[str, Any]) -> tuple[Test, ...]:
    """A node's tests, one per attribute; a ValueError for an attribute or operator not supported here."""
    tests = []
    for name, value in node["RIGHT_ATTRS"].items():
        if name in FLAG_ATTRS and isinstance(value, bool):
            tests.append((FLAG_ATTRS[name], True, frozenset([int(value)])))
        elif name in STRING_ATTRS and isinstance(value, str):
            tests.append((STRING_ATTRS[name], True, frozenset([get_string_id(value)])))
        elif name in STRING_ATTRS and isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            (op, words), = value.items()
            tests.append((STRING_ATTRS[name], op == "IN", frozenset(get_string_id(w) for w in words)))
        else:
            raise ValueError(f"node {node['RIGHT_ID']!r}: {name}: {value!r} is not supported in dependency patterns")
    return tuple(tests)


class NodeTests:
    """The nodes of a list of patterns, each a conjunction of tests, answered for all words of a Doc at once."""

    def __init__(self, patterns: list[list[dict[str, Any]]]) -> None:
        asked = [[node_tests(node) for node in nodes] for nodes in patterns]
        self.nodes = list({tests: None for pattern in asked for tests in pattern})  # distinct, in order
        # distinct tests, those of one attribute together (in the order of the attributes): each column's block
        tests = sorted({test: None for node in self.nodes for test in node}, key=lambda test: test[0])
        self.attrs = sorted({attr for attr, _, _ in tests})
        self.columns = [_Column([t for t in tests if t[0] == attr], tests) for attr in self.attrs]
        self.tests = len(tests)
        # The k-th test of every node and the k-th node of every pattern, k = 0, 1, ...: a node
        # with fewer tests repeats the last test (one no word fails), a pattern with fewer nodes its first.
        self.node_tests = _rows([[tests.index(test) for test in node] for node in self.nodes], self.tests).T
        self.pattern_nodes = [[self.nodes.index(node) for node in pattern] for pattern in asked]
        self.pattern_rows = _rows(self.pattern_nodes, None).T

    def passing(self, doc: Doc) -> numpy.ndarray:
        """Node x word: whether the word passes all the node's tests."""
        width = len(self.attrs)
        array = doc.to_array(self.attrs).reshape(len(doc), width).T.copy() if width else numpy.zeros((0, len(doc)))
        failed = numpy.zeros((self.tests + 1, len(doc)), dtype=bool)  # test x word: where the word fails it
        for words, column in zip(array, self.columns):
            column.failed(words, failed[column.tests])
        fails_one = failed[self.node_tests[0]]
        for tests in self.node_tests[1:]:
            fails_one |= failed[tests]
        return ~fails_one

    def possible(self, passing: numpy.ndarray, starts: list[int]) -> list[list[int]]:
        """For each span of the Doc (from each start to the next, the last to the end), the
        patterns whose every node passes on a word there."""
        if not passing.shape[1]:
            return [[] for _ in starts]
        present = numpy.logical_or.reduceat(passing, starts, axis=1)  # node x span: some word there passes
        complete = present[self.pattern_rows[0]]  # pattern x span: every node passes on some word
        for nodes in self.pattern_rows[1:]:
            complete &= present[nodes]
        found: list[list[int]] = [[] for _ in starts]
        for span, k in zip(*numpy.nonzero(complete.T)):  # span by span, patterns in order
            found[span].append(int(k))
        return found


def _rows(lists: list[list[int]], filler: int | None) -> numpy.ndarray:
    """Lists of indices as the rows of an array, each padded to the longest with ``filler`` (None: its own first)."""
    width = max(map(len, lists), default=0) or 1
    padded = [row + [row[0] if filler is None else filler] * (width - len(row)) if row else [filler] * width
              for row in lists]
    return numpy.array(padded, dtype=numpy.intp).reshape(len(lists), width)


class _Column:
    """The tests on one attribute, answered for every word by a table lookup: each value the
    tests name has a row of answers, and one more row answers for all other values."""

    def __init__(self, own: list[Test], tests: list[Test]) -> None:
        first = tests.index(own[0])
        self.tests = slice(first, first + len(own))  # their block among all tests
        named = sorted({v for _, _, values in own for v in values})
        # the values the tests name, and a last one that ends the search (any value there reads as unnamed)
        self.values = numpy.array([*named, numpy.iinfo(numpy.uint64).max], dtype=numpy.uint64)
        answers = [[(v in values) != inside for _, inside, values in own] for v in named]
        self.fails = numpy.array(answers + [[inside for _, inside, _ in own]], dtype=bool).T.copy()  # test x value

    def failed(self, words: numpy.ndarray, out: numpy.ndarray) -> None:
        """Test x word into ``out``: True where the word's value fails the test."""
        rows = self.values.searchsorted(words)
        rows[self.values[rows] != words] = len(self.values) - 1  # a value no test names
        self.fails.take(rows, axis=1, out=out, mode="clip")  # rows are in range: no check, no buffer


class Parse:
    """A Doc's dependency trees as lists: each word's head, and the root of its tree."""

    _last: Parse | None = None  # the last Doc's: the quotes' and the meetings' patterns both read it

    @classmethod
    def of(cls, doc: Doc) -> Parse:
        """The Doc's parse, read once per Doc."""
        if cls._last is None or cls._last.doc is not doc:
            cls._last = cls(doc)
        return cls._last

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        offsets = doc.to_array([HEAD]).reshape(len(doc)).view(numpy.int64)  # relative, stored unsigned
        heads = offsets + numpy.arange(len(doc))
        roots = heads
        for _ in range(len(doc).bit_length()):  # each step climbs twice as far: enough for any tree
            higher = roots[roots]
            if numpy.array_equal(higher, roots):
                break
            roots = higher
        self.heads, self.roots = heads.tolist(), roots.tolist()

    def child(self, i: int, of: int) -> bool:
        return self.heads[i] == of and i != of

    def above(self, a: int, b: int) -> bool:
        """Whether ``a`` is an ancestor of ``b`` (not ``b`` itself)."""
        while self.heads[b] != b:
            b = self.heads[b]
            if b == a:
                return True
        return False

    def tree_span(self, i: int) -> range:
        """The words from the first to the last of ``i``'s tree (what the DependencyMatcher takes for its sentence)."""
        root = self.doc[self.roots[i]]
        return range(root.left_edge.i, root.right_edge.i + 1)


# Each relation a node can stand in to the node it names (spaCy's REL_OP), as a test of (left, right).
OPERATORS: dict[str, Callable[[Parse, int, int], bool]] = {
    "<": lambda p, left, right: p.child(left, right),
    ">": lambda p, left, right: p.child(right, left),
    "<<": lambda p, left, right: p.above(right, left),
    ">>": lambda p, left, right: p.above(left, right),
    ".": lambda p, left, right: right == left + 1 and right in p.tree_span(left),
    ".*": lambda p, left, right: left < right < p.tree_span(left).stop,
    ";": lambda p, left, right: right == left - 1 and right in p.tree_span(left),
    ";*": lambda p, left, right: p.tree_span(left).start <= right < left,
    "$+": lambda p, left, right: right == left + 1 and p.child(right, p.heads[left]),
    "$-": lambda p, left, right: right == left - 1 and p.child(right, p.heads[left]),
    "$++": lambda p, left, right: right > left and p.child(right, p.heads[left]),
    "$--": lambda p, left, right: right < left and p.child(right, p.heads[left]),
    ">+": lambda p, left, right: right == left + 1 and p.child(right, left),
    ">-": lambda p, left, right: right == left - 1 and p.child(right, left),
    ">++": lambda p, left, right: right > left and p.child(right, left),
    ">--": lambda p, left, right: right < left and p.child(right, left),
    "<+": lambda p, left, right: right == left + 1 and p.child(left, right),
    "<-": lambda p, left, right: right == left - 1 and p.child(left, right),
    "<++": lambda p, left, right: right > left and p.child(left, right),
    "<--": lambda p, left, right: right < left and p.child(left, right),
}


class TreeSearch:
    """One pattern's nodes as links: each node after the first names an earlier node and its relation to it."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        index: dict[str, int] = {}
        self.links: list[tuple[int, Callable[[Parse, int, int], bool]]] = []
        for j, node in enumerate(nodes):
            left, op = node.get("LEFT_ID"), node.get("REL_OP")
            if j and (left not in index or op not in OPERATORS) or not j and (left or op):
                raise ValueError(f"node {node['RIGHT_ID']!r}: {left!r} {op!r} does not link it to an earlier node")
            if j:
                self.links.append((index[left], OPERATORS[op]))
            index[node["RIGHT_ID"]] = j

    def matches(self, words: list[list[int]], parse: Parse) -> Iterator[list[int]]:
        """Words for the nodes, given each node's candidate words in ascending order: tree by
        tree (in the order of their first candidate), in the order of the cartesian product."""
        if not all(words):
            return
        roots = parse.roots
        if len({roots[i] for w in words for i in w}) == 1:  # the usual sentence: one tree
            yield from self._extend([], words, parse)
            return
        for root in dict.fromkeys(roots[i] for i in sorted({i for w in words for i in w})):
            yield from self._extend([], [[i for i in w if roots[i] == root] for w in words], parse)

    def _extend(self, chosen: list[int], words: list[list[int]], parse: Parse) -> Iterator[list[int]]:
        j = len(chosen)
        if j == len(words):
            yield list(chosen)
            return
        for i in words[j]:
            if j == 0 or self.links[j - 1][1](parse, chosen[self.links[j - 1][0]], i):
                chosen.append(i)
                yield from self._extend(chosen, words, parse)
                chosen.pop()


class DependencyPatterns:
    """A list of patterns, matched in spans of a Doc (its sentences: no pattern reaches across one)."""

    def __init__(self, patterns: list[list[dict[str, Any]]]) -> None:
        self.tests = NodeTests(patterns)
        self.searches = [TreeSearch(nodes) for nodes in patterns]

    def __call__(self, doc: Doc, starts: list[int]) -> Iterator[tuple[int, list[int]]]:
        """(pattern index, a word for each node) of every match in the spans of the Doc that
        begin at ``starts`` (each runs to the next start), span by span, pattern by pattern."""
        passing = self.tests.passing(doc)
        parse = Parse.of(doc)
        hits: dict[int, list[int]] = {}  # node -> the words of the Doc that pass its tests (found when first asked)
        for start, end, possible in zip(starts, [*starts[1:], len(doc)], self.tests.possible(passing, starts)):
            words: dict[int, list[int]] = {}  # node -> those in the span
            for k in possible:
                for n in self.tests.pattern_nodes[k]:
                    if n not in words:
                        if n not in hits:
                            hits[n] = numpy.flatnonzero(passing[n]).tolist()
                        found = hits[n]
                        words[n] = found[bisect.bisect_left(found, start):bisect.bisect_left(found, end)]
                for ids in self.searches[k].matches([words[n] for n in self.tests.pattern_nodes[k]], parse):
                    yield k, ids
