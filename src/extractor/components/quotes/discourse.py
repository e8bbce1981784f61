"""Speakers the mention layer leaves open, settled by the quotes around them.

In reading order: "she added" that the mention layer could not resolve (its antecedent is
an unnamed speaker, "a company spokeswoman said ... she added") is the speaker of the
quote before, in the same or the previous paragraph; "the company said" is the
organisation that spoke before when the company the mention layer picked never did
("Nordic Ferry Lines said ... the company said").
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ...facts import Party
from .. import mentions
from ..mentions.words import mention_words
from .marks import text_paragraphs
from .records import Draft

ORGANISATION = "ORG"


def settle(doc: Doc, text: str, drafts: list[Draft]) -> None:
    starts = [a for a, _ in text_paragraphs(text)]
    types = {e.id: e.type for e in doc._.entities or []}
    spoken: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        ref = _speaker_reference(draft)
        if ref is not None and ref.how == "pronoun" and not draft.parties and spoken:
            last = spoken[-1]
            if bisect.bisect_right(starts, draft.start) - bisect.bisect_right(starts, last.start) <= 1:
                draft.parties = list(last.parties)
        elif ref is not None and ref.how == "description" and _generic(doc, ref):
            draft.parties = _organisation_that_spoke(draft.parties, spoken, types) or draft.parties
        if draft.parties:
            spoken.append(draft)


def _speaker_reference(draft: Draft):
    if draft.cue is None or len(draft.cue.speaker_words) != 1:
        return None
    token = draft.cue.speaker_words[0]
    ref = mentions.reference_at(token)
    return ref if ref is not None and ref.head == token.i else None


def _generic(doc: Doc, ref) -> bool:
    return doc[ref.head].lemma_.lower() in mention_words().generic_organisations


def _organisation_that_spoke(parties: list[Party], spoken: list[Draft], types: dict[str, str]) -> list[Party]:
    if len(parties) != 1 or any(parties[0] in d.parties for d in spoken):
        return []
    for draft in reversed(spoken):
        orgs = [p for p in draft.parties if types.get(p.entity or "") == ORGANISATION]
        if orgs:
            return orgs[:1]
    return []
