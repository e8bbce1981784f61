"""Doc → the output contract (../shared/SCHEMA.md), in one place.

Components store dataclasses on the Doc; this module alone decides field
names and shapes. Text fields that must be "as printed" are sliced from the
source's text (the user's text, or the article text of an HTML page), so
``text[start:end]`` always holds.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .sources import InputError, Source

if TYPE_CHECKING:  # error records are made without spaCy (by --jobs' parent process, say)
    from spacy.tokens import Doc

    from .facts import Party

SCHEMA_ID = "extractor/1"


def json_schema() -> dict[str, Any]:
    """The contract as a JSON Schema (shipped in the package)."""
    return json.loads(resources.files("extractor").joinpath("schema/extractor-1.schema.json").read_text("utf-8"))


def source_record(source: Source) -> dict[str, Any]:
    """Where the text came from; an HTML page's record carries the extracted text its offsets index."""
    record = {"path": source.path, "chars": source.chars, "sha256": source.sha256}
    if source.error is None:
        record["format"] = source.format
        if source.format == "html":
            record["text"] = source.text
    return record


def error_record(source: Source, error: InputError) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "source": source_record(source),
        "error": {"code": error.code, "message": error.message},
    }


def _party(party: Party | None) -> dict[str, Any] | None:
    return None if party is None else {"name": party.name, "entity": party.entity}


def _evidence(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def to_contract(doc: Doc, source: Source) -> dict[str, Any]:
    """The contract's JSON object for one processed article."""
    text = source.text
    ref = doc._.reference_date
    return {
        "schema": SCHEMA_ID,
        "source": source_record(source),
        "reference_date": {
            "value": ref.value.isoformat() if ref and ref.value else None,
            "source": ref.source if ref else "none",
        },
        "entities": [_entity(e) for e in doc._.entities or []],
        "dates": [_date(d, text) for d in doc._.dates or []],
        "meetings": [_meeting(m, text) for m in doc._.meetings or []],
        "quotes": [_quote(q, text) for q in doc._.quotes or []],
    }


def _entity(e) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "titles": list(e.titles),
        "mentions": [{"start": s, "end": t} for s, t in e.mentions],
        **({"country": e.country} if e.country else {}),
    }


def _date(d, text: str) -> dict[str, Any]:
    return {"text": text[d.start:d.end], "value": d.value, "granularity": d.granularity, "start": d.start, "end": d.end}


def _meeting(m, text: str) -> dict[str, Any]:
    return {
        "participants": [_party(p) for p in m.participants],
        "kind": m.kind,
        "status": m.status,
        "date": m.date,
        "date_text": m.date_text,
        "location": m.location,
        "location_entity": m.location_entity,
        "trigger": m.trigger,
        "evidence": _evidence(text, m.evidence_start, m.evidence_end),
    }


def _quote(q, text: str) -> dict[str, Any]:
    return {
        "speaker": _party(q.speaker),
        "text": q.text if q.text is not None else text[q.start:q.end],
        "type": q.type,
        "cue": q.cue,
        "start": q.start,
        "end": q.end,
        "evidence": _evidence(text, q.evidence_start, q.evidence_end),
    }
