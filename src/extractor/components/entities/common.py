"""Helpers shared by the entities modules: name keys, token attributes, datelines."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc, Token

from ...facts import words_text

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")
STOP_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PART", "PUNCT"})
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "INTJ"})
NOT_NAME_POS = frozenset({"ADP", "ADV", "DET", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"})
SENTENCE_MARKS = frozenset({".", "!", "?", ":", ";", "—", "–", "-"})
OPENING_QUOTES = frozenset({"“", '"', "‘"})
CURLY_QUOTED = re.compile(r"“([^“”\n]{1,80})”")
STRAIGHT_QUOTE = re.compile(r'"')
# "VIENNA, Oct 14 (Reuters) -", "Dakar (AFP) -", "Tokyo, March 3, 2024 —", "MOSCOW (Realist English)."
DATELINE = re.compile(
    r"[\s\ufeff]*(?P<place>[^()\n—–]*?)\s*(?:\((?P<credit>[^()\n]{1,40})\)\s*)?(?P<sep>[—–:]|--?(?=\s)|\.(?=\s))"
)
# "R-Wyo.", "D-Calif.": a US politician's party and state, not a name.
PARTY_STATE = re.compile(r"^[RDI]-[A-Z][a-z]{1,5}\.?$")
NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")
SPACES = re.compile(r"\s+")
LEADING_THE = re.compile(r"^the ")
LEADING_THE_ANY_CASE = re.compile(r"^the ", re.I)


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Matching key: no diacritics, case, punctuation or leading "the" (like the scorer).
    Cached: the same names come back in every article."""
    s = text if text.isascii() else "".join(  # ASCII has nothing to decompose
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    s = NOT_WORD_OR_SPACE.sub("", s)
    s = SPACES.sub(" ", s).strip()
    return LEADING_THE.sub("", s)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case-insensitive identity used for "case variants are not aliases"."""
    return SPACES.sub(" ", text).casefold().replace("’", "'")


def normal_case(text: str) -> str:
    """"NOVA SCOTIA" -> "Nova Scotia", "CLUJ-NAPOCA" -> "Cluj-Napoca"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), text.lower())


def family(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def all_caps(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) > 1


@dataclass
class Tokens:
    """Per-document token attributes read once from the doc's arrays: cheaper than a
    Token object for every look-up in the rules' many scans."""

    doc: Doc
    text: str  # the source text (same offsets as doc.text)
    words: list[str]
    lower: list[str]
    idx: list[int]
    spaced: list[int]  # 1 where whitespace follows the token
    parsed: bool  # the doc has a dependency parse (asked of many mentions; spaCy scans for it at each ask)

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens [start, end) as the article writes it."""
        if end <= start:
            return ""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.words[end - 1])]

    def model_text(self, start: int, end: int) -> str:
        """``Span(doc, start, end).text``: the text the tokenizer read (``facts.words_text``)."""
        return words_text(self.doc, start, end)

    def capitalised(self, i: int) -> bool:
        """Token i starts with an upper-case letter (``capitalised`` without a Token object)."""
        return self.words[i][:1].isupper()

    def clean_text(self, start: int, end: int) -> str:
        """The same with runs of white space made one space."""
        text = self.span_text(start, end)
        if "  " not in text and text.isprintable():  # most names: no white space but single spaces to replace
            return text.strip()
        return SPACES.sub(" ", text).strip()


class StringCache:
    """String ids resolved once per process (the same words come back in every article)."""

    def __init__(self) -> None:
        self._strings: dict[int, str] = {}

    def tokens(self, doc: Doc, text: str) -> Tokens:
        cache = self._strings
        if len(cache) > 200_000:
            cache.clear()
        strings = doc.vocab.strings
        orth, idx, spaced = doc.to_array([ORTH, IDX, SPACY]).T.tolist() if len(doc) else ([], [], [])
        try:
            words = list(map(cache.__getitem__, orth))  # most articles' words are all known: no Python loop
        except KeyError:
            cache.update((h, strings[h]) for h in orth if h not in cache)
            words = list(map(cache.__getitem__, orth))
        lower = list(map(str.lower, words))  # spaCy's LOWER is str.lower
        return Tokens(doc, text, words, lower, idx, spaced, doc.has_annotation("DEP"))


def capitalised(token: Token) -> bool:
    """Starts with an upper-case letter ("U.S.", "Košice"; "de" is not)."""
    text = token.text
    return bool(text) and text[0].isupper()


def opens_sentence(token: Token) -> bool:
    """First word of a sentence or line, by punctuation (the parser's guess is not trusted)."""
    if token.i == 0:
        return True
    prev = token.nbor(-1)  # a line break is a space token of its own (whitespace_ is one space or nothing)
    return prev.is_space or prev.text in SENTENCE_MARKS or \
        prev.text in OPENING_QUOTES and (prev.i == 0 or opens_sentence(prev))


def hyphen_joins(doc: Doc, end: int) -> bool:
    """A hyphen right after token end-1 joining a capitalised word: "Cluj-Napoca"."""
    return (
        end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
        and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].text[0].isupper()
    )


def quoted_titles(text: str, small_words: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of short Title-Case phrases in quotation marks: works of art,
    not names ("Lemons and a Pewter Jug")."""
    pairs = [(m.start(1), m.end(1)) for m in CURLY_QUOTED.finditer(text)] + _straight_quoted(text)
    out = []
    for a, b in pairs:
        words = text[a:b].split()
        if 1 < len(words) <= 8 and all(w[0].isupper() or w.lower() in small_words for w in words):
            out.append((a, b))
    return out


def _straight_quoted(text: str) -> list[tuple[int, int]]:
    """Ranges between straight quotes, which pair up in order within a paragraph (the text
    scanned once, not line by line)."""
    pairs: list[tuple[int, int]] = []
    line: list[int] = []  # the quotes of the current paragraph
    for i in (m.start() for m in STRAIGHT_QUOTE.finditer(text)):
        if line and text.find("\n", line[-1], i) != -1:
            pairs += zip([a + 1 for a in line[::2]], line[1::2])
            line = []
        line.append(i)
    return pairs + list(zip([a + 1 for a in line[::2]], line[1::2]))


def place_end(match: re.Match[str] | None) -> int:
    """Offset where the place part of a dateline ends (0 without a dateline)."""
    return match.end("place") if match is not None else 0


def dateline(text: str, determiners: frozenset[str]) -> re.Match[str] | None:
    """The opening dateline, if the article has one: short, capitalised, ending in a dash
    or an agency credit; a first sentence ("The Northern Rail Alliance (NRA) met ...") is not one."""
    match = DATELINE.match(text[:160])
    if match is None or not match.group("place"):
        return None
    place, credit = match.group("place"), match.group("credit")
    words = place.replace(",", " ").split()
    if len(words) > 8 or words[0].lower() in determiners or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    if match.group("sep") in (".", ":") and not credit:
        return None
    if not (credit or "," in place or words[0].isupper() and len(words[0]) > 1):
        return None
    return match


@functools.lru_cache(maxsize=8192)
def initials(name: str, skip: frozenset[str]) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    return "".join(norm(w)[:1] for w in words if norm(w))


def title_at(lower: list[str], i: int, words) -> tuple[int, int] | None:
    """Token range of a title word or phrase ending at token i, if any (``words``: EntityWords)."""
    word = lower[i]
    for phrase in words.phrases_ending.get(word, ()):
        n = len(phrase)
        if i - n + 1 >= 0 and tuple(lower[i - n + 1 : i + 1]) == phrase:
            return i - n + 1, i + 1
    if word in words.title_words:
        return i, i + 1
    return None
