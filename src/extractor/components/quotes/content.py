"""What a cue reports, read from the parse: the words of its complement.

A pattern names the nodes whose subtree is the content (role ``content``: the clause of
"said (that) ...", the object of "reaffirmed ...", the infinitive of "agreed to ...", the
noun of "called for ...") or the clause the cue hangs in (role ``clause``: "According to X,
<clause>", "<clause>, X told reporters"; the cue's own phrase is left out, so the words
around an inserted "he added" are two pieces). The content is then cut at the clause the
cue governs: a second cue of the same speaker coordinated inside it ("stressed ... and
reaffirmed ...") is its own statement, and the edges lose punctuation and an opening
"that" or preposition.
"""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Doc, Token

from ...syntax import Syntax, clause_kind, markers
from ..dependency import Parse
from ..patterns import Match
from .words import QuoteWords

Range = tuple[int, int]  # token range [start, end)
KEEP_AT_END = ")%"
PREDICATE = frozenset({"VERB", "AUX"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
NON_FINITE = frozenset({"VB", "VBG"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM"})


class ContentReader:
    def __init__(self, syntax: Syntax, words: QuoteWords) -> None:
        self.syntax = syntax
        self.w = words
        self._dated: tuple[list | None, set[int]] = (None, set())  # the last Doc's dates and their words

    def read(self, match: Match, cue_triggers: set[int]) -> list[Range]:
        """The content's token ranges (one, or two around an inserted attribution); [] when
        the pattern names none or too little is left."""
        tokens = self._tokens(match)
        if not tokens:
            return []
        tokens -= self._own_statements(match.trigger, tokens, cue_triggers)
        tokens -= self._framing(match, tokens)
        doc = match.trigger.doc
        if match.pattern.info.get("predicate") and not any(doc[i].pos_ in PREDICATE for i in tokens):
            return []  # "said election chief Omar Haddad", parsed as a clause: no statement
        if match.pattern.info.get("finite") and not any(doc[i].tag_ in FINITE for i in tokens):
            return []
        ranges = self._trimmed(_ranges(sorted(tokens)), match)
        return ranges if _has_words(doc, ranges, self.w.min_words) else []

    def _tokens(self, match: Match) -> set[int]:
        found: set[int] = set()
        for name, roles in match.pattern.roles.items():
            token = match.nodes.get(name)
            if token is None:
                continue
            if "content" in roles:
                found |= self._from_marker(token, match.trigger)
            if "clause" in roles:
                found |= self._clause(token, match, "speaker" in roles)
        found |= self._coordinated_complements(match.trigger, found)
        if match.pattern.info.get("extend") and found:
            found |= self._rest_of_object(match.trigger, found)
        return found | self._leading_clauses(match.trigger, found) | self._trailing_clauses(match.trigger, found)

    def _trailing_clauses(self, trigger: Token, found: set[int]) -> set[int]:
        """"said the company had withdrawn because the union had leaked ...": a finite clause
        the parse hung on the cue right after its content (no comma between) belongs to it."""
        if not found or max(found) < trigger.i:
            return set()
        last = max(found)
        for child in (c for c in trigger.rights if c.i > last):  # not the content's own child: the largest to walk
            first = first_word(child, _is_space)  # its subtree walked only when taken
            if first is not None and first.i == last + 1 and not first.is_punct \
                    and clause_kind(self.syntax, child) == "adverbial" \
                    and markers(self.syntax, child) and any(self.syntax.is_subject(c) for c in child.children):
                return {t.i for t in child.subtree if not t.is_space}
        return set()

    def _coordinated_complements(self, trigger: Token, found: set[int]) -> set[int]:
        """"made it clear X and that Y": a clause coordinated to the cue by "that" is more of
        its content."""
        extra: set[int] = set()
        last = max(found) if found else len(trigger.doc)
        for child in trigger.rights:
            if child.i > last and clause_kind(self.syntax, child) == "conjunct" \
                    and any(m.lower_ in self.w.complementizers for m in markers(self.syntax, child)):
                extra |= _subtree(child) | _joiners_before(child)
        return extra

    def _rest_of_object(self, trigger: Token, found: set[int]) -> set[int]:
        """"highlighted efforts by X including: work by Y ...", "thanked X for A and the new
        approach ...": nominals the parse hung on the cue after its object are more of it."""
        dates = self._date_words(trigger.doc)
        extra: set[int] = set()
        last = max(found)
        for child in (c for c in trigger.rights if c.i > last and c.pos_ in NOMINAL_POS):
            kind = clause_kind(self.syntax, child)
            if kind is None and not _subtree(child) & dates or kind == "conjunct":
                extra |= _subtree(child) | _joiners_before(child)
        return extra

    def _date_words(self, doc: Doc) -> set[int]:
        """The words of the Doc's dates, read once per Doc (a long text asks at thousands of cues)."""
        dates = doc._.dates or []
        if self._dated[0] is not dates:
            self._dated = (dates, {i for d in dates for i in range(d.token_start, d.token_end)})
        return self._dated[1]

    def _leading_clauses(self, trigger: Token, found: set[int]) -> set[int]:
        """"She says because the WHO has agreed ..., Jakarta will begin ...": a finite clause
        of the cue's standing between it and the content belongs to what was said."""
        if not found or min(found) < trigger.i:
            return set()
        first = min(found)
        extra: set[int] = set()
        for child in trigger.rights:
            if child.i < first and clause_kind(self.syntax, child) == "adverbial" \
                    and markers(self.syntax, child) and any(self.syntax.is_subject(c) for c in child.children):
                extra |= _subtree(child)
        return extra | set(range(min(extra), first)) if extra else set()

    def _from_marker(self, head: Token, trigger: Token) -> set[int]:
        """The subtree of a content word, from its "that" (or "to") on: words the parse hangs
        before it belong to the cue ("told the paper last week that ..."); without a "that",
        from its subject on when only adjuncts stand between the cue and it ("said late
        Tuesday there would be ...", "said in Albany the city would sue")."""
        marks = markers(self.syntax, head)
        first = marks[0].i if marks else self._after_adjuncts(head, trigger)
        words = _subtree(head)  # a set of its own: returned as it is when nothing is cut
        return words if first <= head.left_edge.i else {i for i in words if i >= first}

    def _after_adjuncts(self, head: Token, trigger: Token) -> int:
        """The left edge of the clause's subject when the words before it are modifiers the
        parse hung on the clause right after the cue; else -1 (the whole subtree)."""
        lefts = [c for c in head.lefts if not c.is_punct and not c.is_space]
        subject = next((c for c in lefts if self.syntax.is_subject(c) or self.syntax.is_expletive(c)), None)
        if subject is None or head.left_edge.i != trigger.i + 1:
            return -1
        before = [c for c in lefts if c.i < subject.i]
        if not before or not all(self.syntax.is_adjunct(c) for c in before):
            return -1
        return subject.left_edge.i

    def _framing(self, match: Match, tokens: set[int]) -> set[int]:
        """What closes the content after a comma as the reporter's framing: a participle
        clause ("agreed to reopen the border, ending a dispute ..."), and after an
        infinitive any modifier ("agreed to study a venture, in their first meeting since ...")."""
        if not tokens:
            return set()
        last = max(tokens)
        for name, roles in match.pattern.roles.items():
            node = match.nodes.get(name)
            if node is None or "content" not in roles:
                continue
            infinitive = node.tag_ in NON_FINITE and node.pos_ in PREDICATE
            for child in node.rights:
                first = first_word(child, _is_punct)
                comma = (child.i if first is None else first.i) - 1
                if comma <= match.trigger.i or child.doc[comma].text != "," or comma not in tokens:
                    continue
                adverbial = clause_kind(self.syntax, child) == "adverbial"
                if adverbial and child.tag_ == "VBG" or infinitive and (adverbial or self._modifies(child, node)):
                    return set(range(comma, last + 1))
        return set()

    def _modifies(self, child: Token, head: Token) -> bool:
        """Whether ``child`` is the object of a preposition on ``head`` (asked only of a word
        after a comma, seldom: the prepositions are not read for every content word)."""
        return any(obj.i == child.i for _, obj in self.syntax.prepositional_objects(head))

    def _clause(self, head: Token, match: Match, speaker_inside: bool) -> set[int]:
        """The clause ``head`` heads, without the cue's own phrase (and without the subject
        when it is the speaker: "In a statement, the ministry welcomed ..."); for a cue that
        opens the clause ("the two said following their meeting ..., they are optimistic
        ..."), the words after it."""
        found = _subtree(head)
        if match.pattern.info.get("after_cue"):
            return {i for i in found if i > match.trigger.i}
        phrase = _child_towards(head, match.trigger)
        if phrase is not None:
            found -= _subtree(phrase)
        if speaker_inside:
            for subject in self.syntax.subjects(head):
                found -= _subtree(subject)
        return found

    def _own_statements(self, trigger: Token, tokens: set[int], cue_triggers: set[int]) -> set[int]:
        """Cues inside the content that share the speaker ("stressed X and reaffirmed Y",
        "..., adding that ..."): their words are their own statement."""
        removed: set[int] = set()
        for i in sorted(tokens & cue_triggers):
            other = trigger.doc[i]
            kind = clause_kind(self.syntax, other)
            own_subject = any(self.syntax.is_subject(c) for c in other.children)
            set_off = kind == "noun" and _after_comma(other)  # "the relationship, agreeing on ..."
            if i != trigger.i and (kind == "conjunct" or kind in ("adverbial", "noun") and not own_subject
                                   and (kind == "adverbial" or set_off)):
                removed |= _subtree(other)
                removed |= _joiners_before(other)
        return removed

    def _trimmed(self, ranges: list[Range], match: Match) -> list[Range]:
        doc = match.trigger.doc
        out = []
        for a, b in ranges:
            while a < b and (_edge(doc[a]) or self._opener(doc[a], match)):
                a += 1
            while b > a and _edge(doc[b - 1]) and doc[b - 1].text not in KEEP_AT_END:
                b -= 1
            if b > a:
                out.append((a, b))
        return out

    def _opener(self, token: Token, match: Match) -> bool:
        """"that" of "said that", "on" of "agreed on": the subordinator or preposition of a
        matched word (or, tagged otherwise, right after the cue and no subject), not a word of
        the content ("about 40 staff", "that plan")."""
        if token.lower_ not in self.w.openers:
            return False
        nodes = {t.i for t in match.nodes.values()}
        if token.i in nodes:
            return True
        if token.head.i in nodes and (token.pos_ in ("ADP", "SCONJ") or token in markers(self.syntax, token.head)):
            return True
        clause = any(t.pos_ in PREDICATE and t.left_edge.i == token.i for t in match.nodes.values())
        return token.i == match.trigger.i + 1 and clause and token.lower_ in self.w.complementizers \
            and not self.syntax.is_subject(token)


def _subtree(token: Token) -> set[int]:
    """The indices of the token's subtree (read from the parse's lists, not spaCy's walk)."""
    return Parse.of(token.doc).subtree(token.i)


def _has_words(doc: Doc, ranges: list[Range], n: int) -> bool:
    """Whether the ranges hold ``n`` words or numbers, counted no further and word by word
    (a slice costs a Span; a chain of generators costs more than the two words mostly asked)."""
    count = 0
    for a, b in ranges:
        for i in range(a, b):
            token = doc[i]
            if token.is_alpha or token.like_num:
                count += 1
                if count >= n:
                    return True
    return count >= n


def tokens_in(doc: Doc, a: int, b: int) -> Iterator[Token]:
    """The Doc's tokens [a, b) (0 <= a, b <= len(doc)) one by one: a slice ``doc[a:b]`` costs
    a Span and spaCy's checks (~0.9 us), most of a short walk's time."""
    return (doc[i] for i in range(a, b))


def first_word(token: Token, skipped: Callable[[Token], bool]) -> Token | None:
    """The first word of the token's subtree in spaCy's order that ``skipped`` does not
    skip. The subtree's first word is found by going down first left children (no
    generator a level, as ``Token.subtree``) and is mostly the one; else the walk."""
    first = token
    while first.n_lefts:
        first = next(first.lefts)
    if not skipped(first):
        return first
    return next((t for t in token.subtree if not skipped(t)), None)


def _is_punct(token: Token) -> bool:
    return token.is_punct


def _is_space(token: Token) -> bool:
    return token.is_space


def is_blank(token: Token) -> bool:
    return token.is_punct or token.is_space


def _after_comma(token: Token) -> bool:
    """A clause set off by a comma before it."""
    first = first_word(token, is_blank) or token
    return first.i > 0 and token.doc[first.i - 1].text == ","


def _edge(token: Token) -> bool:
    return token.is_punct or token.is_space or token.pos_ == "CCONJ"


def _ranges(indexes: list[int]) -> list[Range]:
    """Consecutive token indexes as ranges; a gap of punctuation alone is kept inside."""
    out: list[list[int]] = []
    for i in indexes:
        if out and i == out[-1][1]:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return [(a, b) for a, b in out]


def _child_towards(head: Token, target: Token) -> Token | None:
    """The child of ``head`` on the way down to ``target`` (``target`` itself if a child)."""
    token = target
    while token.head.i != token.i:
        if token.head.i == head.i:
            return token
        token = token.head
    return None


def _joiners_before(token: Token) -> set[int]:
    """The "and" and commas joining a coordinated clause to the one before."""
    found = set()
    i = token.left_edge.i - 1
    while i >= 0 and (token.doc[i].is_punct or token.doc[i].pos_ == "CCONJ" or token.doc[i].is_space):
        found.add(i)
        i -= 1
    return found
