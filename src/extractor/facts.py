"""The facts our components find, as plain dataclasses stored on the Doc.

Components write these to ``Doc._`` extensions; ``serialize.py`` is the one
place that turns them into the JSON contract. Offsets are character offsets
into the text the user gave. Components read it as ``Doc._.source_text``: the
same text with every line break a "\n" (a lone CR, say), of the same length as
the user's text and as ``Doc.text`` (see ``api.prepare_text``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .text import as_spaces


@dataclass
class ReferenceDate:
    """The date relative expressions are resolved against, and where it came from."""

    value: dt.date | None
    source: str  # "option" | "metadata" (an HTML page's) | "dateline" | "text" | "none"


@dataclass
class Entity:
    """One real-world referent with every mention of it."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char offsets
    token_spans: list[tuple[int, int]] = field(default_factory=list)  # token offsets
    country: str | None = None  # for NORP: the country the demonym belongs to


@dataclass
class DateMention:
    """A temporal expression and its ISO value (None when it cannot be resolved)."""

    start: int
    end: int
    value: str | None
    granularity: str | None  # "day" | "month" | "year" | None
    token_start: int = 0
    token_end: int = 0


@dataclass
class Party:
    """A speaker or meeting participant: a name, linked to an entity when known."""

    name: str
    entity: str | None = None


@dataclass
class Reference:
    """One mention of someone or something, and whom it refers to (the mention layer).

    ``how`` says how the words refer: ``name`` (the entity's name), ``alias`` (another
    form of it), ``title`` ("the Secretary"), ``pronoun`` ("he", "we" in a quote),
    ``description`` ("the ministry", "the Peruvian delegation"), ``group`` ("the two
    leaders", "they") or ``unnamed`` ("a senior U.S. official": nobody named).
    """

    start: int  # token range of the mention's core words
    end: int
    head: int  # token index of its head word
    how: str
    parties: list[Party] = field(default_factory=list)  # whom it refers to; empty when unresolved
    types: list[str] = field(default_factory=list)  # entity type of each party (PERSON, ORG, GPE, ...)
    label: str | None = None  # for ``unnamed``: the words as printed ("A senior U.S. official")
    stands_for: list[Party] = field(default_factory=list)  # the body an unnamed person belongs to


@dataclass
class Turn:
    """A speaker's turn in a transcript: the label ("SECRETARY POMPEO:") and the
    paragraphs that follow it up to the next label."""

    label_start: int  # char offsets of the label (without the colon)
    label_end: int
    paragraphs: list[tuple[int, int]]  # char ranges of the turn's words, the label excluded
    parties: list[Party] = field(default_factory=list)  # empty for an unnamed questioner ("Q:")

    @property
    def end(self) -> int:
        return self.paragraphs[-1][1] if self.paragraphs else self.label_end


@dataclass
class Quote:
    speaker: Party | None
    start: int
    end: int
    type: str  # "direct" | "partial" | "indirect"
    cue: str | None
    evidence_start: int
    evidence_end: int
    text: str | None = None  # set when the words are not one verbatim slice (split quotes)


@dataclass
class Meeting:
    participants: list[Party]
    kind: str  # "meeting" | "talks" | "call" | "summit"
    status: str  # "happened" | "planned" | "cancelled"
    evidence_start: int
    evidence_end: int
    date: str | None = None
    date_text: str | None = None
    location: str | None = None
    location_entity: str | None = None
    trigger: str | None = None


def register_extensions() -> None:
    """Declare the Doc extensions once; safe to call repeatedly."""
    defaults = {
        "source_text": None,
        "reference_date_option": None,
        "reference_date_origin": "option",  # where reference_date_option came from: "option" | "metadata"
        "reference_date": None,
        "entities": None,
        "entity_of_token": None,
        "layout": None,
        "references": None,
        "turns": None,
        "reference_of_token": None,
        "dates": None,
        "quotes": None,
        "meetings": None,
    }
    for name, default in defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def entity_of(token: Token) -> Entity | None:
    """The entity record a token belongs to, once the entities component ran."""
    index = token.doc._.entity_of_token or {}
    return index.get(token.i)


def model_entity_range(token: Token) -> tuple[int, int]:
    """Token range of the statistical model's entity a token is in (the token alone outside
    one), read from the entity tags around it: ``Doc.ents`` would build every entity."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def tokenizer_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it token by token: the source text with the
    characters the tokenizer reads as spaces made spaces (see ``api.prepare_text``)."""
    text = doc._.source_text
    return as_spaces(text) if text is not None else doc.text


_last_text: tuple[Doc, str] | None = None  # the last Doc's ``tokenizer_text``: the components read one Doc in turn


def words_text(doc: Doc, start: int, end: int) -> str:
    """``Span(doc, start, end).text`` cut from the text the tokenizer read (``tokenizer_text``,
    made once per Doc), not joined word by word (``Span.text``: some 1.4 µs)."""
    global _last_text
    if end <= start:
        return ""
    if _last_text is None or _last_text[0] is not doc:
        _last_text = (doc, tokenizer_text(doc))
    last = doc[end - 1]
    return _last_text[1][doc[start].idx:last.idx + len(last)]


def source_text(doc: Doc) -> str:
    """The text as the user gave it, line breaks read as "\\n" (same length as doc.text)."""
    text = doc._.source_text  # a Doc._ read costs ~2.5 µs: once
    return text if text is not None else doc.text


register_extensions()
