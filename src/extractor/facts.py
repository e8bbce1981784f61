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


def source_text(doc: Doc) -> str:
    """The text as the user gave it, line breaks read as "\\n" (same length as doc.text)."""
    return doc._.source_text if doc._.source_text is not None else doc.text


register_extensions()
