"""Block quotations: paragraphs without marks that a paragraph ending in a colon attributes.

"A Number 10 spokesperson said:" or "The below is attributable to Spokesperson Matthew
Miller:", followed by paragraphs without quotation marks: each paragraph is a ``direct``
quote of that speaker (the Conventions: "A block quotation without marks that is
attributed to a speaker is direct"), up to a paragraph with quotation marks, another
such attribution, a transcript turn, or the end.
"""
from __future__ import annotations

from .cues import Cue
from .marks import TOP_OPENERS, text_paragraphs
from .records import Draft, Positions
from .speakers import SpeakerReader

REACH = 8  # tokens before the colon where the attributing cue stands


def block_drafts(text: str, cues: dict[int, Cue], positions: Positions, speakers: SpeakerReader,
                 taken: list[tuple[int, int]]) -> tuple[list[Draft], set[int]]:
    """The block quotations, and the cues attributing them; ``taken``: character ranges
    already read as transcript turns."""
    paras = text_paragraphs(text)
    drafts: list[Draft] = []
    used: set[int] = set()
    for k, (a, b) in enumerate(paras):
        cue = _introducing(text, a, b, cues, positions)
        if cue is None or k + 1 == len(paras) or text[paras[k + 1][0]] in TOP_OPENERS:
            continue
        parties = speakers.parties(cue.speaker_words)
        if not parties:
            continue
        used.add(cue.trigger.i)
        for c, d in paras[k + 1:]:
            if _stops(text, c, d, cues, positions, taken):
                break
            drafts.append(Draft("direct", [(c, d)], cue, list(parties), (c, d)))
    return drafts, used


def _introducing(text: str, a: int, b: int, cues: dict[int, Cue], positions: Positions) -> Cue | None:
    if not text.endswith(":", a, b):  # a paragraph: no space at its end
        return None
    tokens = positions.tokens(a, b)[-REACH:]
    return next((cues[t.i] for t in reversed(tokens) if t.i in cues), None)


def _stops(text: str, c: int, d: int, cues: dict[int, Cue], positions: Positions,
           taken: list[tuple[int, int]]) -> bool:
    if any(x <= c < y for x, y in taken) or _introducing(text, c, d, cues, positions) is not None:
        return True
    return any(ch in TOP_OPENERS for ch in text[c:d])
