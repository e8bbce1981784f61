"""Meeting records: one per encounter, however often the article mentions it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from ...facts import DateMention, Meeting, Party
from ..mentions import party_key

SUMMIT, CALL = "summit", "call"
Place = tuple[str, str | None]  # a place's name and entity id


class Home(NamedTuple):
    """Where the article puts itself: a header line's town, the dateline's, the day filed."""

    header: Place | None = None
    dateline: Place | None = None
    day: str | None = None


@dataclass
class Draft:
    parties: list[Party]
    kind: str
    status: str
    date: DateMention | None
    place: Place | None
    trigger: str
    evidence: tuple[int, int]
    anaphoric: bool = False  # "the meeting", "their talks": an encounter already reported
    silent: bool = False  # no party named: kept only as context ("on the sidelines of the summit")
    timeless: bool = False  # a present-tense description ("this annual meeting is a key event"): any status
    neutral: bool = False  # a verb telling no medium ("they conferred"): repeats an encounter of any kind
    another: bool = False  # "will also meet with Y": not a repeat of an encounter with other parties

    def with_parties(self, parties: list[Party]) -> "Draft":
        return replace(self, parties=list(parties))

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(map(party_key, self.parties))

    def joins(self, other: "Draft") -> bool:
        """The same encounter: the same kind and status (or one sentence's two words for it:
        "hosted X at a summit"; a timeless description: "this annual meeting is a key event"),
        the same parties (or one of them, unless "also" makes it another encounter), no clash
        of dates or places."""
        same_sentence = self.evidence == other.evidence and self.keys == other.keys
        same_status = self.status == other.status or other.timeless
        loose_kind = same_sentence or self.neutral or other.neutral or other.timeless
        if not same_status or self.kind != other.kind and not loose_kind:
            return False
        smaller, larger = sorted((self.keys, other.keys), key=len)
        if not (smaller == larger or len(smaller) == 1 and smaller <= larger and not other.another):
            return False
        if self.date is not None and other.date is not None and self.date.value != other.date.value:
            return False
        return self.place is None or other.place is None or self.place == other.place

    def absorb(self, other: "Draft") -> None:
        if not other.neutral and (self.kind == "meeting" or self.neutral):
            self.kind = other.kind  # "hosted X at a summit": the summit
        self.neutral = self.neutral and other.neutral
        for party in other.parties:
            if party_key(party) not in self.keys:
                self.parties.append(party)
        self.date = self.date or other.date
        self.place = self.place or other.place


def merged(drafts: list[Draft], context: list[Draft] = (), home: Home = Home()) -> list[Draft]:
    """One record per encounter: a draft joins an earlier one it repeats; an anaphoric
    draft ("the talks") fills in the latest encounter of its kind, or is dropped. The
    context (gatherings without a named party) only lends its place, the article's
    ``home`` its own to the rest."""
    out: list[Draft] = []
    for draft in drafts:
        if draft.anaphoric:
            _continue(draft, out)
            continue
        same = next((d for d in out if d.joins(draft)), None)
        if same is not None:
            same.absorb(draft)
        else:
            _place_beside(draft, out)
            out.append(draft)
    _place_at_summits(out, list(context))
    _place_at_home(out, home)
    return out


def _place_at_home(records: list[Draft], home: Home) -> None:
    """An encounter with no place of its own (calls excepted) is where a header line puts
    the article ("Geneva, Switzerland" under a readout's title); one held on the day the
    article was filed, where its dateline is ("WASHINGTON - Today, X and Y held …")."""
    for record in records:
        if record.place is None and record.kind != CALL:
            filed = record.date is not None and record.date.value == home.day
            record.place = home.header or (home.dateline if filed else None)


def _place_beside(draft: Draft, out: list[Draft]) -> None:
    """"Vilsack will also meet with U.S. exporters": another encounter of the same visit,
    in the place of the one it stands beside (a party's latest, of the same status)."""
    if draft.another and draft.place is None and draft.kind != CALL:
        beside = next((d for d in reversed(out) if d.keys & draft.keys and d.status == draft.status), None)
        draft.place = beside.place if beside is not None and beside.kind != CALL else None


def _place_at_summits(records: list[Draft], context: list[Draft]) -> None:
    """A meeting with no place of its own, held on the day of a summit the article places,
    of another placed encounter of one of its parties, or of a placed gathering that names
    no party, is in that place: the summit's sidelines, one stop of a trip ("In Baghdad,
    Carter met X. The secretary received an update from Y"), the meeting just described
    ("A special expert meeting convened in Geneva Monday. The experts who met at the WHO
    ..."). Calls excepted."""
    placed = [d for d in records + context if d.place and d.date and d.kind != CALL]
    for record in records:
        if record.place is None and record.date is not None and record.kind not in (SUMMIT, CALL):
            record.place = next((d.place for d in placed if _same_day(d, record)
                                 and (d.kind == SUMMIT or d.keys & record.keys or not d.parties)), None)


def _same_day(one: Draft, other: Draft) -> bool:
    return one.date.value == other.date.value and one.status == other.status


def _continue(mention: Draft, out: list[Draft]) -> None:
    """"the talks" again: the latest encounter of its kind, filled in; with another status
    ("the talks would continue next week"), a new encounter of the same parties."""
    record = next((d for d in reversed(out) if d.kind == mention.kind), None)
    if record is None:
        return
    if record.status != mention.status:
        out.append(mention.with_parties(record.parties))
    elif _compatible(record, mention):
        record.absorb(mention)


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
