"""Dates: the reference date of an article and its temporal expressions.

Factory ``extractor_dates``. For each doc it sets

* ``Doc._.reference_date`` (``facts.ReferenceDate``): the ``--reference-date``
  option, else a full date in the dateline ("Tokyo, March 3, 2024 —"), else a
  full date on a publication line ("Published 3 December 2025"), else
  ``None`` with source ``"none"``. Never today's date: a wrong guess would
  silently shift every relative date.
* ``Doc._.dates`` (list of ``facts.DateMention``): every calendar date the text
  states or implies at day, month or year precision, with its ISO value.

How. Candidates come from a handful of regular expressions over ``doc.text``
(explicit dates in the usual news styles, month/year, lone months and years,
weekdays, "yesterday", "next month", "the 14th", ranges), each checked against
its neighbouring words (a lone "May" needs "in"/"by"/… before it, a lone
four-digit number must not be an amount). Offsets are then mapped to tokens.
Year-less and relative dates are resolved against the reference date, in the
direction of the tense of the governing verb read from the parse ("will meet
on Monday" → the next Monday, "met on Monday" → the last one); without a
reference date they keep ``value=None``.

Why not hand the text to ``dateparser``: on free text it is slow and
over-eager ("may", "We", "28-point"), and the styles news articles use are
regular enough to decode directly (a month name and one or two integers).
All-numeric dates ("03/12/2025") are decoded directly too, in the day/month
order the article's own style gives: they were once read by dateparser, whose
first use cost a process half a second; the direct reading gives the same
value on every day/month/year combination (checked on 138,720 of them).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import wordlists
from ..facts import DateMention, ReferenceDate, model_entity_range, tokenizer_text
from ..sentences import sentence_of

# Directions a clause can give a year-less date or a weekday.
PAST, FUTURE, PRESENT = "past", "future", "present"
# Days a year-less day may lie on the "wrong" side of the reference date before
# the tense picks another year ("had required delivery by February 13" written
# on February 10 is still this February).
DAY_TOLERANCE = 7
# Entity labels that make a capitalised weekday or month part of a name
# ("Sunday Times", "Theresa May") rather than a date.
NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"}


@dataclass(frozen=True)
class DateWords:
    """The word lists of ``data/date_words.json``."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_context_before: frozenset[str]
    month_needs_month_before: frozenset[str]
    weekdays: tuple[str, ...]
    weekday_modifiers: frozenset[str]
    modifier_directions: dict[str, str]
    auxiliary_directions: dict[str, str]
    weekday_blockers_before: frozenset[str]
    weekday_blockers_after: frozenset[str]
    ordinal_context_before: frozenset[str]
    period_prefixes: tuple[str, ...]
    premodifiers: tuple[str, ...]
    year_blockers_before: frozenset[str]
    year_blockers_after: frozenset[str]
    number_words: dict[str, int]
    relative_days: dict[str, int]
    future_aux: frozenset[str]
    conditional_aux: frozenset[str]
    present_modals: frozenset[str]
    past_aux: frozenset[str]
    perfect_aux: frozenset[str]
    future_heads: frozenset[str]
    condition_words: frozenset[str]
    rescheduling_heads: frozenset[str]
    rescheduling_cases: frozenset[str]


@functools.lru_cache(maxsize=1)
def date_words() -> DateWords:
    raw = wordlists.json_data("date_words.json")
    kwargs: dict[str, Any] = {}
    for name, kind in DateWords.__annotations__.items():
        value = raw[name]
        if "frozenset" in str(kind):
            value = frozenset(value)
        elif "tuple" in str(kind):
            value = tuple(value)
        kwargs[name] = value
    return DateWords(**kwargs)


@functools.lru_cache(maxsize=1)
def date_finder() -> DateFinder:
    """The finder of the process, shared by the components that read dates."""
    return DateFinder(date_words())


@dataclass
class Candidate:
    """A temporal expression found in the text, before resolution.

    ``kind`` says what is known: ``full`` (a date with its year), ``month_year``,
    ``year``, ``day_month`` (year-less day), ``month`` (lone month), ``ordinal``
    ("the 14th"), ``weekday``, ``relative`` (shift of ``amount`` ``unit``s
    from the reference date) or ``numeric`` (all-digit date).
    ``core_start``/``core_end`` cover the date words themselves (without "the
    end of"), used to find the governing verb.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None  # relative: "day" | "month" | "year"
    amount: int = 0
    modifier: str | None = None  # weekday, month: the direction its modifier gives, PAST or FUTURE
    order: str | None = None  # "DMY" ("3 December") or "MDY" ("December 3"): the article's style
    core_start: int = -1
    core_end: int = -1

    @property
    def granularity(self) -> str:
        if self.kind in ("full", "day_month", "ordinal", "weekday", "numeric"):
            return "day"
        if self.kind in ("month_year", "month"):
            return "month"
        if self.kind == "relative":
            return self.unit or "day"
        return "year"


def _cased(words: list[str], abbreviations: frozenset[str] = frozenset(), after: str | None = None) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first; abbreviations may take a dot;
    with ``after``, a form preceded by a character of that class is none (``_after``)."""
    forms = {f for w in words for f in (w.capitalize(), w.upper())}
    return "|".join(
        (_after(after, re.escape(f[0])) + re.escape(f[1:]) if after else re.escape(f))
        + (r"\b\.?" if f.lower() in abbreviations else r"\b")
        for f in sorted(forms, key=len, reverse=True)
    )


def _after(before: str, first: str) -> str:
    """``first`` (one character, never a line break) where no character of the class ``before``
    precedes it: ``(?<!before)first`` with the lookbehind written after the character, so that
    the regex engine skips ahead to the characters ``first`` allows (a pattern opening with a
    lookbehind is tried at every position of the text, three times slower)."""
    return f"{first}(?<!{before}.)"


# Characters Python's re matches case-blind to an ASCII letter besides its two cases ("(?i)s" matches "ſ").
_FOLDED = {"i": "ıİ", "k": "\u212a", "s": "ſ"}
_UNFOLDED = str.maketrans({form: letter for letter, forms in _FOLDED.items() for form in forms})
_WORD_BEFORE = r"[\w-]"  # what may not stand before a relative date
_SHIFTS, _WHICH = ("earlier", "later", "early", "late"), ("this", "next", "last", "the")  # "earlier this month"
_UNITS = ("month", "year")  # of a relative date ("next month")
_AGO = "ago"
_AGO_UNITS = ("day", "month", "year")  # "two days ago"
# the lengths of the words before a relative date's unit, and of an "ago" date's unit (singular or plural)
_WHICH_LENGTHS, _SHIFT_LENGTHS = frozenset(map(len, _WHICH)), frozenset(map(len, _SHIFTS))
_AGO_UNIT_LENGTHS = frozenset(len(unit) + plural for unit in _AGO_UNITS for plural in (0, 1))
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def _key(matched: str) -> str:
    """A matched word as the word lists spell it: lower case, the other forms a case-blind
    pattern matches read as their ASCII letter ("ſeven" is "seven")."""
    return matched.translate(_UNFOLDED).lower()


@functools.lru_cache(maxsize=1)
def _lowered(text: str, lo: int, hi: int) -> str:
    """``text[lo:hi]`` as a case-blind pattern reads it: each character it takes for an ASCII letter
    is that letter in lower case ("ſ" is "s"; checked over every character). A case-blind pattern's
    word is looked for there (``in``: a fast scan), not by a pattern of a class per letter (tried at
    every character, some 20 times slower); made once per text for the patterns that ask."""
    part = text[lo:hi]
    if any(form in part for forms in _FOLDED.values() for form in forms):
        part = part.translate(_UNFOLDED)
    return part.lower()


def _forms(char: str) -> str:
    """What ``(?i)`` + ``char`` matches, as the characters of a class."""
    return "".join(sorted({char.lower(), char.upper(), *_FOLDED.get(char.lower(), "")}))


def _caseless(word: str) -> str:
    """A pattern matching what ``(?i)`` + ``word`` matches, each letter a class of its forms
    (a class the regex engine skips ahead to, where a case-blind word is tried at every character)."""
    return "".join(f"[{re.escape(_forms(c))}]" if c.isalpha() else re.escape(c) for c in word)


def _tried_at(pattern: re.Pattern, text: str, starts: list[int], lo: int, hi: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, lo, hi)``, the pattern tried only at ``starts`` (in any order, repeats
    allowed): the same matches when every place in [lo, hi) where a match may begin is among them."""
    pos = lo
    for at in sorted(set(starts)):
        if at < pos:
            continue
        m = pattern.match(text, at, hi)
        if m is not None:
            yield m
            pos = max(m.end(), at + 1)


def _occurrences(text: str, words: Iterable[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Where each word stands in ``text[lo:hi]``, as offsets in ``text``, word by word (a search
    for a word runs fast, where a pattern is tried at every character that may start it)."""
    hi = len(text) if hi is None else hi
    found = []
    for word in words:
        at = text.find(word, lo, hi)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1, hi)
    return found


def _words_at(lowered: str, lo: int, words: Iterable[str]) -> list[int]:
    """Where each word stands in ``lowered`` (``_lowered(text, lo, hi)``: of the text's length), as
    offsets in the text."""
    return [lo + at for at in _occurrences(lowered, words)]


@functools.lru_cache(maxsize=1)
def _places(text: str, lo: int, hi: int, forms: tuple[str, ...]) -> list[int]:
    """Where each of the forms (exact: a case-sensitive pattern's) stands in ``text[lo:hi]``,
    found once per text for the patterns that ask (a pattern opening with a class of capitals
    would be tried at every capital)."""
    return _occurrences(text, forms, lo, hi)


def _words_before(text: str, at: int, lengths: Iterable[int]) -> list[int]:
    r"""Where a word of one of ``lengths`` starts if it ends where the whitespace before ``at``
    begins (a pattern's ``word\s+`` before ``at``); none without whitespace there."""
    j = at
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return [j - n for n in lengths] if j < at else []


_ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"
_RANGE_SEP = r"(?:\s?[-–]\s?|\s+(?:to|and|through)\s+)"
# What may follow "the 14th" when it is a day ("on the 14th."), not an ordinal adjective ("the 14th round")
_ORDINAL_END = re.compile(r"\s*(?:$|[.,;:)!?—–]|\s(?:and|or|when|after|before|at|in|to|but|as|with|while)\b)")
_NEXT_WORD = re.compile(r"^\s*([^\s]+)")


class DateFinder:
    """Regex stage: candidate temporal expressions in a string, with offsets.

    Pure string work (no tokens), so the same finder serves the reference-date
    search on the dateline and tests with a blank pipeline.
    """

    def __init__(self, words: DateWords) -> None:
        self.w = words
        self._last: tuple[str, list[Candidate]] | None = None  # the last whole text and its candidates
        longest = {n: max((m for m in words.months if words.months[m] == n), key=len) for n in range(1, 13)}
        full_names = set(longest.values())
        mon = _cased(list(words.months), frozenset(words.months) - full_names)
        mon_word = _cased(list(words.months), frozenset(words.months) - full_names, after=r"\w")  # not in a word
        full_word = _cased(sorted(full_names), after=r"\w")
        wd = _cased(list(words.weekdays))
        # a number's first digit: no word character (nor . / - and the like) before it
        iso, numeric, day = (_after(before, r"\d") for before in (r"[\w/.-]", r"[\w/.,-]", r"[\w.,/$€£-]"))
        # ISO dates, also inside timestamps ("2025-12-03T10:00")
        self.iso = re.compile(rf"({iso}\d{{3}})-(\d{{1,2}})-(\d{{1,2}})(?![\d/]|-\d)")
        self.numeric = re.compile(rf"({numeric}\d?)([/.])(\d{{1,2}})\2(\d{{4}})(?![\w/]|[.,]\d)")
        # what a match must hold, each opening with its one punctuation mark: the regex engine runs to
        # that character fast, where it tries a pattern opening with a digit at every character
        self.iso_needle = re.compile(r"-\d\d?-\d")
        self.numeric_needles = [re.compile(rf"{re.escape(mark)}\d\d?{re.escape(mark)}\d{{4}}") for mark in "/."]
        self.day_month = re.compile(
            rf"({day}\d?){_ORD}(?:{_RANGE_SEP}(\d{{1,2}}){_ORD})?\s+(?:of\s+)?"
            rf"({mon})(?:,?\s+(\d{{4}})(?![\w]|,\d))?"
        )
        self.month_day = re.compile(
            rf"({mon_word})\s+(\d{{1,2}}){_ORD}(?:{_RANGE_SEP}(\d{{1,2}}){_ORD})?"
            rf"(?![\w]|,\d{{3}}|[.:]\d)(?:,?\s+(\d{{4}})(?![\w]|,\d))?"
        )
        self.month_year = re.compile(rf"({mon_word}),?\s+(?:of\s+)?(\d{{4}})(?![\w]|,\d)")
        # where those opening with a month may match: its forms' places (a few; ``_places``)
        self.month_forms = tuple(sorted({f for m in words.months for f in (m.capitalize(), m.upper())}))
        self._relative_patterns(words)
        one, two = (_after(r"[\w$€£.,/#]", digit) for digit in "12")
        self.year = re.compile(rf"({one}[89]\d\d|{two}0\d\d|{two}1\d\d)(?![\w%]|[.,/]\d|-[A-Za-z]|-\d\d?-)")
        self.month_alone = re.compile(rf"({full_word})(?!\.\w|-\d)")
        modifiers = [f for m in sorted(words.weekday_modifiers) for f in (m, m.capitalize())]
        self.weekday = re.compile(rf"(?<![\w])(?:({'|'.join(modifiers)})\s+)?({wd})(?!s\b)")
        self.weekday_modifiers = {len(m) for m in words.weekday_modifiers}
        prefixes = "|".join(p.replace(" ", r"\s+") for p in words.period_prefixes)
        self.prefix = re.compile(rf"(?i)(?:\bthe\s+)?\b(?:very\s+)?(?:{prefixes})\s+of\s+$")
        self.premodifier = re.compile(rf"(?i)\b(?:{'|'.join(words.premodifiers)})(?:\s+|-)$")
        self.prefix_ends = ("of", *(p.split()[-1] for p in words.premodifiers))  # the last word of a match

    def _relative_patterns(self, words: DateWords) -> None:
        """The case-blind patterns ("next month", "two days ago", "yesterday", "the 14th"). Each
        is tried only where its words allow (their places in ``_lowered``: ``_tried_at``), or
        where a needle stands (``*_needle``: most texts have none), not at every character."""
        self.relative = re.compile(
            rf"(?i)(?<!{_WORD_BEFORE})(?:(?:{'|'.join(_SHIFTS)})\s+)?({'|'.join(_WHICH)})\s+({'|'.join(_UNITS)})\b"
        )
        numbers = "|".join(sorted(words.number_words, key=len, reverse=True))
        self.ago = re.compile(rf"(?i)(?<!{_WORD_BEFORE})({numbers}|\d{{1,2}})\s+({'|'.join(_AGO_UNITS)})s?\s+{_AGO}\b")
        self.ago_numbers = {len(n) for n in words.number_words} | {1, 2}  # a number word's or digits' lengths
        self.rel_day = re.compile(rf"(?i)(?<!{_WORD_BEFORE})({'|'.join(words.relative_days)})\b")
        self.ordinal = re.compile(rf"(?i)(?<![\w])the\s+(\d{{1,2}})({'|'.join(_ORDINAL_SUFFIXES)})\b")
        self.ordinal_needle = re.compile(rf"\d(?:{'|'.join(map(_caseless, _ORDINAL_SUFFIXES))})")

    # ---- public -------------------------------------------------------------------

    def find_all(self, text: str) -> list[Candidate]:
        """Candidates in the whole text; the last text's are kept (the entities and the dates
        components both read them)."""
        if self._last is None or self._last[0] != text:
            self._last = (text, self.find(text))
        return list(self._last[1])

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
        """Candidates in ``text[lo:hi]``, earlier (more specific) patterns winning overlaps."""
        hi = len(text) if hi is None else hi
        found: list[Candidate] = []
        taken = _Taken()
        for finder in (
            self._iso, self._numeric, self._day_month, self._month_day, self._month_year,
            self._relative, self._ago, self._rel_day, self._year, self._month_alone,
            self._weekday, self._ordinal,
        ):
            kept: list[Candidate] = []
            for cand in finder(text, lo, hi):
                if cand.core_start < 0:
                    cand.core_start, cand.core_end = cand.start, cand.end
                if not taken.overlaps(cand.core_start, cand.core_end):
                    kept.append(cand)
            found += kept  # both endpoints of a range share one span
            taken.add((c.core_start, c.core_end) for c in kept)
        found.sort(key=lambda c: (c.start, c.day or 0))
        return [c for i, c in enumerate(found) if not self._names_weekday_of(c, found[i + 1:i + 2], text)]

    @staticmethod
    def _names_weekday_of(cand: Candidate, following: list[Candidate], text: str) -> bool:
        """A weekday right before an explicit date ("Tuesday, Dec. 3") adds nothing and may mislead."""
        return (
            cand.kind == "weekday"
            and bool(following)
            and following[0].kind in ("full", "day_month")
            and re.fullmatch(r",?\s*", text[cand.end:following[0].start]) is not None
        )

    # ---- one method per pattern ---------------------------------------------------------

    def _iso(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        if self.iso_needle.search(text, lo, hi) is None:
            return
        for m in self.iso.finditer(text, lo, hi):
            y, mo, d = (int(g) for g in m.groups())
            if _valid(y, mo, d):
                yield Candidate(m.start(), m.end(), "full", y, mo, d)

    def _numeric(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        if all(needle.search(text, lo, hi) is None for needle in self.numeric_needles):
            return
        for m in self.numeric.finditer(text, lo, hi):
            yield Candidate(m.start(), m.end(), "numeric")

    def _day_month(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in self.day_month.finditer(text, lo, hi):
            d1, d2, mon, y = m.groups()
            yield from self._days(m, int(d1), d2, self._month(mon), y, "DMY")

    def _month_day(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in _tried_at(self.month_day, text, _places(text, lo, hi, self.month_forms), lo, hi):
            mon, d1, d2, y = m.groups()
            yield from self._days(m, int(d1), d2, self._month(mon), y, "MDY")

    def _days(
        self, m: re.Match, d1: int, d2: str | None, month: int, y: str | None, order: str
    ) -> Iterator[Candidate]:
        """One candidate per endpoint of "March 18-20" (both spanning the whole range)."""
        year = int(y) if y else None
        days = [d1] + ([int(d2)] if d2 and int(d2) > d1 else [])
        if d2 and len(days) == 1:  # "5-3 March" is no range; keep the plain date
            return
        for day in days:
            if _valid(year or 2000, month, day):
                kind = "full" if year else "day_month"
                yield Candidate(m.start(), m.end(), kind, year, month, day, order=order)

    def _month_year(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in _tried_at(self.month_year, text, _places(text, lo, hi, self.month_forms), lo, hi):
            year = int(m.group(2))
            if 1800 <= year <= 2199:
                cand = Candidate(m.start(), m.end(), "month_year", year, self._month(m.group(1)))
                yield self._with_prefix(text, cand)

    def _relative(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        starts = []  # before each "month"/"year": its "next" and a "later" before that
        for unit in _words_at(_lowered(text, lo, hi), lo, _UNITS):
            for which in _words_before(text, unit, _WHICH_LENGTHS):
                starts += [which, *_words_before(text, which, _SHIFT_LENGTHS)]
        for m in _tried_at(self.relative, text, starts, lo, hi):
            if re.search(r"(?i)\b(?:the|a|over|past)\s+$", text[max(0, m.start() - 6):m.start()]):
                continue  # "the last year", "over the next month": durations
            which, unit = _key(m.group(1)), _key(m.group(2))
            amount = {"this": 0, "the": 0, "next": 1, "last": -1}[which]
            cand = Candidate(m.start(), m.end(), "relative", unit=unit, amount=amount)
            cand = self._with_prefix(text, cand)
            if which != "the" or cand.start < cand.core_start:  # "the year" only in "the end of the year"
                yield cand

    def _ago(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        starts = []  # before each "ago": its "days", and the number before that
        for ago in _words_at(_lowered(text, lo, hi), lo, [_AGO]):
            for unit in _words_before(text, ago, _AGO_UNIT_LENGTHS):
                starts += _words_before(text, unit, self.ago_numbers)
        for m in _tried_at(self.ago, text, starts, lo, hi):
            n = _key(m.group(1))
            amount = int(n) if n.isdigit() else self.w.number_words[n]
            yield Candidate(m.start(), m.end(), "relative", unit=_key(m.group(2)), amount=-amount)

    def _rel_day(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in _tried_at(self.rel_day, text, _words_at(_lowered(text, lo, hi), lo, self.w.relative_days), lo, hi):
            amount = self.w.relative_days[_key(m.group(1))]
            yield Candidate(m.start(), m.end(), "relative", unit="day", amount=amount)

    def _year(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in self.year.finditer(text, lo, hi):
            before = text[max(0, m.start() - 30):m.start()]
            if before.endswith("-") and not re.search(r"(?:[A-Za-z]|(?<!\d)(?:1[89]|2[01])\d\d)-$", before):
                continue  # "mid-2026", "2019-2020"; not "94720-1900"
            prev = _word_before(before)
            if prev.isdigit():
                continue  # a phone number or a code: "650 723 1976"
            nxt = _word_after(text[m.end():m.end() + 20])
            if prev in self.w.year_blockers_before or nxt in self.w.year_blockers_after:
                continue
            cand = Candidate(m.start(), m.end(), "year", int(m.group(1)))
            yield self._with_prefix(text, cand)

    def _month_alone(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        for m in _tried_at(self.month_alone, text, _places(text, lo, hi, self.month_forms), lo, hi):
            name = _key(m.group(1))
            before = text[max(0, m.start() - 40):m.start()]
            prev = _word_before(before)
            if name in self.w.ambiguous_months and not self._month_licensed(prev, before):
                continue
            cand = Candidate(m.start(), m.end(), "month", month=self.w.months[name])
            if prev in self.w.modifier_directions:  # "last October": the direction is given
                cand.modifier = self.w.modifier_directions[prev]
                cand.core_start, cand.core_end = cand.start, cand.end
                cand.start -= len(before) - before.lower().rfind(prev)
                yield cand
            else:
                yield self._with_prefix(text, cand)

    def _month_licensed(self, prev: str, before: str) -> bool:
        """A lone ambiguous month needs a temporal word before it ("in May", "from April to May")."""
        if prev in self.w.months:  # "in April, May and June"
            return True
        if prev not in self.w.month_context_before:
            return False
        if prev in self.w.month_needs_month_before:
            rest = before[: before.lower().rfind(prev)]
            return _word_before(rest) in self.w.months
        return True

    def _weekday(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        starts = []  # each weekday (its lower-case form: more places than its cased ones) and its modifier
        for day in _words_at(_lowered(text, lo, hi), lo, self.w.weekdays):
            starts += [day, *_words_before(text, day, self.weekday_modifiers)]
        for m in _tried_at(self.weekday, text, starts, lo, hi):
            prev = _word_before(text[max(0, m.start() - 20):m.start()])
            nxt = re.match(r"\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)", text[m.end():m.end() + 30])
            following = {_key(nxt.group(1)), _key(nxt.group(1).split()[0])} if nxt else set()
            if prev in self.w.weekday_blockers_before or following & self.w.weekday_blockers_after:
                continue
            modifier = self.w.modifier_directions.get(_key(m.group(1))) if m.group(1) else None
            index = self.w.weekdays.index(_key(m.group(2)))
            yield Candidate(m.start(), m.end(), "weekday", weekday=index, modifier=modifier,
                            core_start=m.start(2), core_end=m.end())

    def _ordinal(self, text: str, lo: int, hi: int) -> Iterator[Candidate]:
        if self.ordinal_needle.search(text, lo, hi) is None:
            return
        for m in self.ordinal.finditer(text, lo, hi):
            day = int(m.group(1))
            prev = _word_before(text[max(0, m.start() - 20):m.start()])
            after = text[m.end():m.end() + 12]
            ends_phrase = _ORDINAL_END.match(after)
            if 1 <= day <= 31 and prev in self.w.ordinal_context_before and ends_phrase:
                yield Candidate(m.start(), m.end(), "ordinal", day=day)

    # ---- helpers ---------------------------------------------------------------------------

    def _month(self, name: str) -> int:
        return self.w.months[_key(name).rstrip(".")]

    def _with_prefix(self, text: str, cand: Candidate) -> Candidate:
        """Extend a month/year span over "the end of", "the second half of", "early", "mid-"."""
        cand.core_start, cand.core_end = cand.start, cand.end
        before = text[max(0, cand.start - 40):cand.start]
        last = before.rsplit(None, 1)[-1:]  # the patterns are searched from every character: asked first
        m = (self.prefix.search(before) or self.premodifier.search(before)) \
            if last and _key(last[0]).rstrip("-").endswith(self.prefix_ends) else None
        if m:
            cand.start -= len(before) - m.start()
        return cand


class _Taken:
    """Ranges taken by earlier patterns (they may overlap one another), asked whether a range overlaps any.

    Sorted by start, with the greatest end so far: a question is a bisection,
    where a scan of every range made a long text cost the square of its dates.
    """

    def __init__(self) -> None:
        self._ranges: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._max_end: list[int] = []

    def add(self, ranges: Iterable[tuple[int, int]]) -> None:
        new = list(ranges)
        if not new:
            return  # most patterns find nothing: no need to sort the others again
        self._ranges = sorted([*self._ranges, *new])
        self._starts = [s for s, _ in self._ranges]
        self._max_end = list(itertools.accumulate((e for _, e in self._ranges), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # the ranges that start before ``end``
        return k > 0 and self._max_end[k - 1] > start


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _word_before(before: str) -> str:
    """The last word of ``before`` (its last run of non-whitespace; ``rsplit``, where a pattern
    searched for it from every character), as the word lists spell it."""
    words = before.rsplit(None, 1)
    return _key(words[-1]).strip("(\"'“‘,") if words else ""


def _word_after(after: str) -> str:
    m = _NEXT_WORD.match(after)
    return _key(m.group(1)).rstrip(".,;:)\"'”’") if m else ""


# ---- resolution -----------------------------------------------------------------------------


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _pick(options: list[Any], distance: Any, direction: str | None, tolerance: int) -> Any:
    """The nearest option; the tense moves it to its side when it is beyond ``tolerance``."""
    nearest = min(options, key=lambda o: (abs(distance(o)), distance(o)))  # ties → the past one
    d = distance(nearest)
    if direction == PAST and d > tolerance:
        return max((o for o in options if distance(o) <= 0), key=distance, default=nearest)
    if direction == FUTURE and d < -tolerance:
        return min((o for o in options if distance(o) >= 0), key=distance, default=nearest)
    return nearest


# An ISO value within the years 1-9999 that the contract allows.
_ISO_VALUE = re.compile(r"(?!0000)\d{4}(?:-\d\d){0,2}")


def resolve(cand: Candidate, ref: dt.date | None, direction: str | None) -> str | None:
    """ISO value of a candidate: None when it needs a reference date and there is none, or when it
    would leave the years 1-9999 ("next year" written on 31 December 9999)."""
    try:
        value = _resolve(cand, ref, direction)
    except OverflowError:  # date arithmetic past year 1 or 9999
        return None
    return value if value is None or _ISO_VALUE.fullmatch(value) else None


def _resolve(cand: Candidate, ref: dt.date | None, direction: str | None) -> str | None:
    kind = cand.kind
    if kind == "full":
        return dt.date(cand.year, cand.month, cand.day).isoformat()
    if kind == "month_year":
        return f"{cand.year:04d}-{cand.month:02d}"
    if kind == "year":
        return f"{cand.year:04d}"
    if ref is None:
        return None
    if kind == "relative":
        if cand.unit == "day":
            return (ref + dt.timedelta(days=cand.amount)).isoformat()
        if cand.unit == "month":
            y, m = _shift_month(ref.year, ref.month, cand.amount)
            return f"{y:04d}-{m:02d}"
        return f"{ref.year + cand.amount:04d}"
    if kind == "day_month":
        options = [dt.date(y, cand.month, cand.day) for y in (ref.year - 1, ref.year, ref.year + 1)
                   if _valid(y, cand.month, cand.day)]
        if not options:  # 29 February with no leap year around
            return None
        return _pick(options, lambda d: (d - ref).days, direction, DAY_TOLERANCE).isoformat()
    if kind == "ordinal":
        return _ordinal(cand, ref, direction)
    if kind == "month":
        direction = cand.modifier or direction
        options = [(y, cand.month) for y in (ref.year - 1, ref.year, ref.year + 1)]
        y, m = _pick(options, lambda o: (o[0] - ref.year) * 12 + o[1] - ref.month, direction, 0)
        return f"{y:04d}-{m:02d}"
    if kind == "weekday":
        return _weekday(cand, ref, direction).isoformat()
    return None


def _ordinal(cand: Candidate, ref: dt.date, direction: str | None) -> str | None:
    """"The 14th": that day of the month before, this month or the next, nearest in the direction of the tense."""
    options = []
    for delta in (-1, 0, 1):
        y, m = _shift_month(ref.year, ref.month, delta)
        if _valid(y, m, cand.day):
            options.append(dt.date(y, m, cand.day))
    if not options:  # the months around year 1 or 9999
        return None
    return _pick(options, lambda d: (d - ref).days, direction, DAY_TOLERANCE).isoformat()


def _weekday(cand: Candidate, ref: dt.date, direction: str | None) -> dt.date:
    """Nearest such weekday in the direction of the tense; the publication weekday is the reference date."""
    back = (ref.weekday() - cand.weekday) % 7 or 7
    ahead = (cand.weekday - ref.weekday()) % 7 or 7
    if cand.modifier == PAST:
        return ref - dt.timedelta(days=back)
    if cand.modifier == FUTURE:
        return ref + dt.timedelta(days=ahead)
    if cand.weekday == ref.weekday():
        return ref
    if direction in (FUTURE, PRESENT):  # "votes on Thursday": news present for a scheduled event
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


# ---- tense of the clause a date belongs to --------------------------------------------------


class TenseReader:
    """Which way the clause of a date points: PAST, FUTURE, PRESENT or None (unknown).

    First the words around the date: the nearest finite verb or modal before it
    in its clause (commas, dashes and quotation marks end a clause), else the
    first one after it ("negotiations on Saturday ended"). Part-of-speech tags
    suffice for that, and they are more reliable than the attachments of a
    long news sentence. An infinitive takes its direction from the verb that
    governs it: "is due to be presented" → future, "had been due to take place"
    → past, "asked the bank to present … by December" → future (future in the
    past). When the clause has no finite verb, the governing verb in the parse
    decides (found by walking up heads, no dependency labels needed).
    """

    BOUNDARIES = frozenset({",", ";", ":", "—", "–", "-", "(", ")", '"', "“", "”", "‘", "’"})

    def __init__(self, words: DateWords) -> None:
        self.w = words

    def direction(self, span: Span, parsed: bool) -> str | None:
        """``parsed``: the doc has sentences and heads (checked once per doc by the caller)."""
        if parsed and self._rescheduled_to(span):
            return FUTURE
        tense = self._surface(span, sentence_of(span) if parsed else span.doc[:])
        if tense is None and parsed:
            tense = self._parse(span)
        if tense in ("past", "pluperfect"):
            return PAST
        if tense in ("future", "conditional"):
            return FUTURE
        return PRESENT if tense == "present" else None

    def _rescheduled_to(self, span: Span) -> bool:
        """The new date of a postponed event ("postponed until March 14")."""
        root = span.root
        cases = {c.lower_ for c in root.children if c.i < span.start or c.dep_ == "case"}
        if span.start > 0 and span.doc[span.start - 1].pos_ == "ADP":
            cases.add(span.doc[span.start - 1].lower_)
        return bool(cases & self.w.rescheduling_cases) and root.head.lemma_.lower() in self.w.rescheduling_heads

    def _finite(self, token: Token) -> str | None:
        """Tense a finite verb or modal sets, or None for any other word.

        "has"/"have" come back as "has": perfect (past) or a main verb
        (present) depends on whether a participle follows, which the caller sees.
        """
        return self._tense_of(token.lower_, token.tag_)

    def _tense_of(self, word: str, tag: str) -> str | None:
        """``_finite`` of a word read as its lower form and tag (each read of a string attribute costs a lookup)."""
        if word in self.w.future_aux or word in self.w.present_modals:
            return "future"
        if word in self.w.conditional_aux:
            return "conditional"
        if word in self.w.perfect_aux and tag in ("VBD", ""):
            return "pluperfect"
        if tag == "VBD" or (not tag and word in self.w.past_aux):
            return "past"
        if tag in ("VBZ", "VBP"):
            return "has" if word in ("has", "have") else "present"
        return None

    def _surface(self, span: Span, sent: Span) -> str | None:
        doc = span.doc
        infinitive = future_word = False
        first_verb: Token | None = None
        for i in range(span.start - 1, sent.start - 1, -1):
            token = doc[i]
            if self._boundary(token) and not infinitive:
                break
            word = token.lower_
            tense = self._tense_of(word, token.tag_)
            if tense == "has":  # present perfect ("has met … on Monday") or a main verb ("has talks on Monday")
                tense = "past" if any(t.tag_ == "VBN" for t in doc[i + 1:span.start]) else "present"
            if tense in ("past", "present") and self._in_condition_of_future(doc, i, span, sent):
                return "future"
            if tense:
                return self._combine(tense, infinitive, future_word)
            pos = token.pos_
            if first_verb is None and pos in ("VERB", "AUX"):
                first_verb = token
            if word == "to" and pos == "PART":
                infinitive = True
            elif word in self.w.future_heads or token.lemma_.lower() in self.w.future_heads:
                future_word = True
        if infinitive:
            return "future"
        if first_verb is not None and first_verb.tag_ == "VBN":
            return "past"  # a participle with no auxiliary: "the deal, signed on Monday, …"
        for token in map(doc.__getitem__, range(span.end, sent.end)):  # word by word: it stops early
            if self._boundary(token) and token.i > span.end:
                break
            tense = self._finite(token)
            if tense == "has":
                tense = "past" if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in ("VBN", "RB") else "present"
            if tense:
                return self._combine(tense, False, future_word)
        return None

    def _in_condition_of_future(self, doc: Doc, verb: int, span: Span, sent: Span) -> bool:
        """The verb heads an "if"/"unless" clause of a future or conditional main clause.

        Its tense then says nothing about the date: "would appoint a mediator if
        there was no progress by January 13" is a future January 13.
        """
        for i in range(verb - 1, sent.start - 1, -1):
            token = doc[i]
            if token.lower_ in self.w.condition_words:
                # the main clause's nearest finite verb before "if", or after a fronted "If …, "
                main = [self._finite(doc[j]) for j in range(i - 1, sent.start - 1, -1)]
                if not any(main):
                    main = [self._finite(t) for t in doc[span.end:sent.end]]
                return next((t for t in main if t), None) in ("future", "conditional")
            if self._boundary(token) or self._finite(token):
                return False
        return False

    def _boundary(self, token: Token) -> bool:
        """Punctuation that ends a clause; a hyphen only when spaced as a dash ("cross-border" is a word)."""
        text = token.text
        if text not in self.BOUNDARIES:
            return False
        if text in ("-", "–"):
            return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
        return True

    @staticmethod
    def _combine(tense: str, infinitive: bool, future_word: bool) -> str | None:
        if infinitive:  # the infinitive's event comes after its governor's
            return "past" if tense == "pluperfect" else "future"
        if tense == "present" and future_word:
            return "future"
        return tense

    def _parse(self, span: Span) -> str | None:
        token = span.root
        for _ in range(12):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        aux = {c.lower_ for c in token.children if c.i < token.i and c.pos_ in ("AUX", "PART")}
        for word, tense in self.w.auxiliary_directions.items():
            if word in aux:
                return tense
        if token.tag_ == "VBD":
            return "past"
        return None


# ---- numeric dates -----------------------------------------------------------------------------


def numeric_value(text: str, order: str | None) -> str | None:
    """ISO value of an all-digit date; None when its day/month order is unknown and matters."""
    first, second, year = (int(x) for x in re.split(r"[/.]", text)[:3])
    if first > 12:
        order = "DMY"
    elif second > 12:
        order = "MDY"
    elif first == second:
        order = order or "DMY"
    elif "." in text:
        order = "DMY"  # dotted dates are European
    if order is None:
        return None
    day, month = (first, second) if order == "DMY" else (second, first)
    return dt.date(year, month, day).isoformat() if _valid(year, month, day) else None


# ---- reference date ----------------------------------------------------------------------------

_DATELINE_SEP = re.compile(r"(?:\s|^)(?:—|–|--?)(?=\s)|\s[—–]")
_PUBLICATION = re.compile(
    r"(?im)^[ \t]*(?:first\s+|last\s+)?(?:published|updated|posted|dated?)\b(?:\s+on)?[ \t]*:?"
)
# Between "Published" and its date: "Published on Tuesday, 3 December 2025", not "Updated figures from …"
_PUBLICATION_GAP = re.compile(r"(?i)[\s:,]*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$")
_DATE_LINE_REST = re.compile(
    r"(?i)^[\s,.:|·•/()\-–—]*"
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day|\.)?)?[\s,.:|·•/()\-–—]*"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})?[\s,.:|·•/()\-–—]*$"
)
MAX_DATELINE = 80  # characters before the dash
DATELINE_LINES = 3  # first non-empty lines searched for a dateline


def find_reference(text: str, finder: DateFinder) -> tuple[dt.date | None, str]:
    """A full date in the dateline, else on a publication line, else none."""
    lines = list(_lines(text))
    for lo, hi in lines[:DATELINE_LINES]:  # a headline may stand above the dateline
        sep = _DATELINE_SEP.search(text, lo, min(hi, lo + MAX_DATELINE))
        if sep:
            for cand in finder.find(text, lo, sep.start()):
                if cand.kind == "full":
                    return dt.date(cand.year, cand.month, cand.day), "dateline"
    for m in _PUBLICATION.finditer(text):
        end = text.find("\n", m.end())
        first = next(iter(finder.find(text, m.end(), len(text) if end < 0 else end)), None)
        if first is not None and first.kind == "full" and _PUBLICATION_GAP.match(text, m.end(), first.start):
            return dt.date(first.year, first.month, first.day), "text"
    for lo, hi in lines[:5] + lines[-3:]:
        if hi - lo > 60:
            continue
        for cand in finder.find(text, lo, hi):
            rest = text[lo:cand.start] + " " + text[cand.end:hi]
            if cand.kind == "full" and _DATE_LINE_REST.match(rest):
                return dt.date(cand.year, cand.month, cand.day), "text"
    return None, "none"


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, leading spaces (a BOM turned space) skipped."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos + len(line) - len(line.lstrip()), pos + len(line)
        pos += len(line) + 1


# ---- the component ------------------------------------------------------------------------------


class DateExtractor:
    """Sets ``Doc._.reference_date`` and ``Doc._.dates``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.words = date_words()
        self.finder = date_finder()
        self.tense = TenseReader(self.words)

    def __call__(self, doc: Doc) -> Doc:
        text = tokenizer_text(doc)
        option = doc._.reference_date_option
        if option is not None:
            doc._.reference_date = ReferenceDate(option, doc._.reference_date_origin)
        else:
            doc._.reference_date = ReferenceDate(*find_reference(text, self.finder))
        ref = doc._.reference_date.value
        candidates = self.finder.find_all(text)
        order = self._numeric_order(candidates)
        parsed = doc.has_annotation("DEP")
        mentions: list[DateMention] = []
        for cand in candidates:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            core = doc.char_span(cand.core_start, cand.core_end, alignment_mode="expand") or span
            if span is None or not self._plausible(cand, core):
                continue
            if cand.kind == "numeric":
                value = numeric_value(text[cand.start:cand.end], order)
            else:
                needs_tense = ref is not None and cand.kind in ("day_month", "month", "ordinal", "weekday")
                value = resolve(cand, ref, self.tense.direction(core, parsed) if needs_tense else None)
            mentions.append(DateMention(cand.start, cand.end, value, cand.granularity, span.start, span.end))
        doc._.dates = mentions
        return doc

    @staticmethod
    def _plausible(cand: Candidate, core: Span) -> bool:
        """Token checks the regex stage cannot make: a weekday, lone month or "today" inside a name."""
        if cand.kind not in ("weekday", "month", "relative"):
            return True
        for token in core:
            if token.ent_type_ in NAME_LABELS:
                start, end = model_entity_range(token)
                if end - start > 1 and not (core.start <= start and end <= core.end):
                    return False
        return True

    @staticmethod
    def _numeric_order(candidates: list[Candidate]) -> str | None:
        """The article's own style decides "03/12/2025": "3 December" → DMY, "December 3" → MDY."""
        dmy = sum(1 for c in candidates if c.order == "DMY")
        mdy = sum(1 for c in candidates if c.order == "MDY")
        return "DMY" if dmy > mdy else "MDY" if mdy > dmy else None


@Language.factory("extractor_dates")
def make_dates(nlp: Language, name: str) -> DateExtractor:
    return DateExtractor(nlp, name)
