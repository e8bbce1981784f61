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
import itertools
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
    """The nodes of a list of patterns, each a conjunction of tests, answered for all words of a Doc at once.

    A word's answers are a row of bits, one per node, in 64-bit words (``_packed``; bool
    arrays eight times as large were slower to fill and to read than all the rest). Every
    value a test names is a row of one table, one more row stands for all other values, and
    for each attribute the table gives the bits of the nodes whose tests on it pass for the
    value: a word's values are looked up by a hash, the rows of all its attributes read in
    one ``take``, and a node passes where every attribute's row has its bit.
    """

    def __init__(self, patterns: list[list[dict[str, Any]]]) -> None:
        asked = [[node_tests(node) for node in nodes] for nodes in patterns]
        self.nodes = list({tests: None for pattern in asked for tests in pattern})  # distinct, in order
        self.attrs = sorted({attr for node in self.nodes for attr, _, _ in node})
        named = sorted({v for node in self.nodes for _, _, values in node for v in values})
        self.rows = _ValueRows(named)
        passes = [self._passes(attr, named) for attr in self.attrs] or [numpy.ones((0, len(self.nodes)), dtype=bool)]
        self.table = _packed(numpy.concatenate(passes))
        self.offsets = (numpy.arange(len(self.attrs), dtype=numpy.intp) * (len(named) + 1))[:, None]
        self.pattern_nodes = [[self.nodes.index(node) for node in pattern] for pattern in asked]
        # each pattern's nodes as bits
        chosen = numpy.zeros((len(patterns), len(self.nodes)), dtype=bool)
        for k, nodes in enumerate(self.pattern_nodes):
            chosen[k, nodes] = True
        self.pattern_bits = _packed(chosen)

    def _passes(self, attr: int, named: list[int]) -> numpy.ndarray:
        """Value row x node: whether the node's tests on ``attr`` pass for the value (the last row: any other)."""
        values = numpy.array(named, dtype=numpy.uint64)
        passes = numpy.ones((len(named) + 1, len(self.nodes)), dtype=bool)
        for n, node in enumerate(self.nodes):
            for _, inside, asked in (test for test in node if test[0] == attr):
                passes[:-1, n] &= numpy.isin(values, numpy.array(sorted(asked), dtype=numpy.uint64)) == inside
                passes[-1, n] &= not inside
        return passes

    def passing(self, doc: Doc) -> numpy.ndarray:
        """Word x 64-bit word: the bits of the nodes whose tests the word passes."""
        rows = self.rows(Parse.of(doc).columns(self.attrs)).reshape(len(self.attrs), len(doc)) + self.offsets
        return numpy.bitwise_and.reduce(self.table.take(rows, axis=0), axis=0)  # no attribute: every bit

    def possible(self, passing: numpy.ndarray, starts: list[int]) -> list[list[int]]:
        """For each span of the Doc (from each start to the next, the last to the end), the
        patterns whose every node passes on a word there."""
        if not passing.shape[0]:
            return [[] for _ in starts]
        present = numpy.bitwise_or.reduceat(passing, starts, axis=0)  # span x word of bits: nodes passing on some word
        complete = numpy.ones((len(starts), len(self.pattern_bits)), dtype=bool)  # span x pattern
        for bits, wanted in zip(present.T, self.pattern_bits.T):  # each 64-bit word of the rows
            complete &= bits[:, None] & wanted == wanted
        found: list[list[int]] = [[] for _ in starts]
        spans, patterns = complete.nonzero()  # span by span, patterns in order
        for span, k in zip(spans.tolist(), patterns.tolist()):
            found[span].append(k)
        return found

    def nodes_passing(self, passing: numpy.ndarray) -> numpy.ndarray:
        """Node x word: whether the word passes the node's tests."""
        as_bytes = passing.view(numpy.uint8).T
        return numpy.unpackbits(as_bytes, axis=0, count=len(self.nodes), bitorder="little").view(bool)


class _ValueRows:
    """The row of each value a test names, and one row for all other values, found by a
    hash: every named value has a slot of its own in a table (the top bits of ``value *
    multiplier``, with a multiplier tried until no two named values share a slot), and a
    word whose value is not the one of its slot has the last row. A binary search over
    the sorted values cost five times as much."""

    TRIES = 16  # multipliers tried before the table doubles

    def __init__(self, named: list[int]) -> None:
        self.values = numpy.array([*named, numpy.iinfo(numpy.uint64).max], dtype=numpy.uint64)  # the last: no value
        randoms = numpy.random.default_rng(0)
        for bits in itertools.count(len(named).bit_length() + 6):  # some 64 slots a value: few tries
            self.shift = numpy.uint64(64 - bits)
            for _ in range(self.TRIES):
                self.multiplier = randoms.integers(1 << 63, dtype=numpy.uint64) | numpy.uint64(1)
                slots = self._slots(self.values[:-1])
                if len(numpy.unique(slots)) == len(named):
                    self.table = numpy.full(1 << bits, len(named), dtype=numpy.int32)
                    self.table[slots] = numpy.arange(len(named))
                    return

    def _slots(self, words: numpy.ndarray) -> numpy.ndarray:
        return (words * self.multiplier) >> self.shift

    def __call__(self, words: numpy.ndarray) -> numpy.ndarray:
        """The row of each word's value."""
        rows = self.table.take(self._slots(words))
        rows[self.values.take(rows) != words] = len(self.values) - 1
        return rows


def _packed(rows: numpy.ndarray) -> numpy.ndarray:
    """Rows of bool as rows of bits (``packbits``, little bit order), read as 64-bit words for
    the bitwise operations: a row of up to 64 nodes is one number."""
    width = -(-rows.shape[1] // 64) * 64 or 64
    padded = numpy.zeros((rows.shape[0], width), dtype=bool)
    padded[:, :rows.shape[1]] = rows
    return numpy.packbits(padded, axis=1, bitorder="little").view(numpy.uint64)


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
        self._columns: dict[int, numpy.ndarray] = {}
        offsets = doc.to_array([HEAD]).reshape(len(doc)).view(numpy.int64)  # relative, stored unsigned
        heads = offsets + numpy.arange(len(doc))
        roots = heads
        for _ in range(len(doc).bit_length()):  # each step climbs twice as far: enough for any tree
            higher = roots[roots]
            if (higher == roots).all():
                break
            roots = higher
        self.heads, self.roots = heads.tolist(), roots.tolist()

    def columns(self, attrs: list[int]) -> numpy.ndarray:
        """The words' values of the attributes, one attribute after the other; each attribute
        read once per Doc (the quotes' and the meetings' patterns ask mostly the same)."""
        missing = [attr for attr in attrs if attr not in self._columns]
        if missing:
            array = self.doc.to_array(missing).reshape(len(self.doc), len(missing)).T
            self._columns.update(zip(missing, array))
        return numpy.concatenate([self._columns[attr] for attr in attrs] or [numpy.zeros(0, dtype=numpy.uint64)])

    def column(self, attr: int) -> numpy.ndarray:
        """The words' values of one attribute (``doc.to_array(attr)``), read once per Doc: the
        rules scan the words' lower case and entity types, which the patterns read too."""
        if attr not in self._columns:
            self.columns([attr])
        return self._columns[attr]

    def subtree(self, i: int) -> set[int]:
        """The words of ``i``'s subtree (``Token.subtree``'s indices). Most are the words between
        its edges, which they are when every other word there hangs on one there (and is no
        root): then no walk down the tree (spaCy's yields each word through a generator a
        level, some 25 us for a long clause)."""
        token = self.doc[i]
        left, right = token.left_edge.i, token.right_edge.i
        heads = self.heads
        if all(heads[w] != w and left <= heads[w] <= right for w in range(left, right + 1) if w != i):
            return set(range(left, right + 1))
        return {t.i for t in token.subtree}

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

    def matches(self, words: list[list[int]], parse: Parse, one_tree: bool) -> list[list[int]]:
        """Words for the nodes, given each node's candidate words in ascending order: tree by
        tree (in the order of their first candidate), in the order of the cartesian product;
        ``one_tree``: the candidates are words of one tree (the usual sentence)."""
        found: list[list[int]] = []
        if not all(words):
            return found
        if one_tree:
            self._extend([], words, parse, found)
            return found
        roots = parse.roots
        for root in dict.fromkeys(roots[i] for i in sorted({i for w in words for i in w})):
            self._extend([], [[i for i in w if roots[i] == root] for w in words], parse, found)
        return found

    def _extend(self, chosen: list[int], words: list[list[int]], parse: Parse, found: list[list[int]]) -> None:
        j = len(chosen)
        if j == len(words):
            found.append(list(chosen))
            return
        for i in words[j]:
            if j == 0 or self.links[j - 1][1](parse, chosen[self.links[j - 1][0]], i):
                chosen.append(i)
                self._extend(chosen, words, parse, found)
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
        unpacked = self.tests.nodes_passing(passing)
        hits: dict[int, list[int]] = {}  # node -> the words of the Doc that pass its tests (found when first asked)
        for start, end, possible in zip(starts, [*starts[1:], len(doc)], self.tests.possible(passing, starts)):
            if not possible:
                continue
            words: dict[int, list[int]] = {}  # node -> those in the span
            one_tree = len(set(parse.roots[start:end])) == 1
            for k in possible:
                for n in self.tests.pattern_nodes[k]:
                    if n not in words:
                        if n not in hits:
                            hits[n] = unpacked[n].nonzero()[0].tolist()
                        found = hits[n]
                        words[n] = found[bisect.bisect_left(found, start):bisect.bisect_left(found, end)]
                for ids in self.searches[k].matches([words[n] for n in self.tests.pattern_nodes[k]], parse, one_tree):
                    yield k, ids
