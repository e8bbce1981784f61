"""Meeting records: one per encounter, however often the article mentions it."""
from __future__ import annotations

from dataclasses import dataclass

from ...facts import DateMention, Meeting, Party


@dataclass
class Draft:
    parties: list[Party]
    kind: str
    status: str
    date: DateMention | None
    place: tuple[str, str | None] | None
    trigger: str
    evidence: tuple[int, int]
    anaphoric: bool = False  # "the meeting", "their talks": an encounter already reported

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(p.entity or p.name.lower() for p in self.parties)

    def joins(self, other: "Draft") -> bool:
        """The same encounter: the same kind and status, one's parties within the other's,
        and no clash of dates or places."""
        if (self.kind, self.status) != (other.kind, other.status):
            return False
        smaller, larger = sorted((self.keys, other.keys), key=len)
        if not (smaller == larger or len(smaller) == 1 and smaller <= larger):
            return False
        if self.date is not None and other.date is not None and self.date.value != other.date.value:
            return False
        return self.place is None or other.place is None or self.place == other.place

    def absorb(self, other: "Draft") -> None:
        for party in other.parties:
            if (party.entity or party.name.lower()) not in self.keys:
                self.parties.append(party)
        self.date = self.date or other.date
        self.place = self.place or other.place


def merged(drafts: list[Draft]) -> list[Draft]:
    """One record per encounter: a draft joins an earlier one it repeats; an anaphoric
    draft ("the talks") fills in the latest encounter of its kind, or is dropped."""
    out: list[Draft] = []
    for draft in drafts:
        if draft.anaphoric:
            same = next((d for d in reversed(out) if d.kind == draft.kind and _compatible(d, draft)), None)
        else:
            same = next((d for d in out if d.joins(draft)), None)
        if same is not None:
            same.absorb(draft)
        elif not draft.anaphoric:
            out.append(draft)
    return out


def _compatible(record: Draft, mention: Draft) -> bool:
    if record.date is not None and mention.date is not None and record.date.value != mention.date.value:
        return False
    return record.place is None or mention.place is None or record.place == mention.place


def to_fact(draft: Draft, text: str) -> Meeting:
    date = draft.date
    return Meeting(
        participants=list(draft.parties), kind=draft.kind, status=draft.status,
        evidence_start=draft.evidence[0], evidence_end=draft.evidence[1],
        date=date.value if date else None, date_text=text[date.start:date.end] if date else None,
        location=draft.place[0] if draft.place else None, location_entity=draft.place[1] if draft.place else None,
        trigger=draft.trigger,
    )
