"""The words the meetings component reads besides its patterns (``data/meetings.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import wordlists
from ...wordlists import lowered


@dataclass(frozen=True)
class MeetingWords:
    kinds: dict[str, str]  # trigger lemma -> kind
    call_cues: frozenset[str]
    summit_cues: frozenset[str]
    future: frozenset[str]
    perfect: frozenset[str]
    plan_heads: frozenset[str]
    plan_modifiers: frozenset[str]
    plan_nouns: frozenset[str]
    reported_future: frozenset[str]
    past_modifiers: frozenset[str]
    cancel_heads: frozenset[str]
    cancel_modifiers: frozenset[str]
    postpone_modifiers: frozenset[str]
    cancel_particles: dict[str, str]
    postpone: frozenset[str]
    new_date_prepositions: frozenset[str]
    separately: frozenset[str]
    again: frozenset[str]
    another: frozenset[str]
    agent_prepositions: frozenset[str]
    negators: frozenset[str]
    hypothetical: frozenset[str]
    here: frozenset[str]
    place_prepositions: frozenset[str]
    travel: frozenset[str]
    departure: frozenset[str]
    ongoing_marks: frozenset[str]
    sidelines: frozenset[str]
    timed_by: frozenset[str]
    destination: frozenset[str]
    of: frozenset[str]
    gathering_heads: frozenset[str]
    vetoes: frozenset[str]
    awards: frozenset[str]
    public_events: tuple[str, ...]
    legislatures: tuple[str, ...]
    partner_roles: frozenset[str]
    press_names: frozenset[str]
    definite: frozenset[str]
    linear_roles: frozenset[str]
    plural_roles: frozenset[str]
    fallback_roles: dict[str, str]
    attendee_roles: frozenset[str]
    lone_roles: dict[str, str]
    reporting: frozenset[str]
    list_stops: frozenset[str]
    venues: frozenset[str]


@functools.lru_cache(maxsize=1)
def meeting_words() -> MeetingWords:
    data = wordlists.toml("meetings.toml")
    kinds, status, places = data["kinds"], data["status"], data["places"]
    by_lemma = {lemma: kind for kind in ("meeting", "talks", "call", "summit") for lemma in kinds[kind]}
    return MeetingWords(
        kinds=by_lemma, call_cues=lowered(kinds["call_cues"]), summit_cues=lowered(kinds["summit_cues"]),
        future=lowered(status["future"]), perfect=lowered(status["perfect"]),
        plan_heads=lowered(status["plan_heads"]),
        plan_modifiers=lowered(status["plan_modifiers"]), plan_nouns=lowered(status["plan_nouns"]),
        reported_future=lowered(status["reported_future"]),
        past_modifiers=lowered(status["past_modifiers"]),
        cancel_heads=lowered(status["cancel_heads"]),
        cancel_modifiers=lowered(status["cancel_modifiers"]), postpone_modifiers=lowered(status["postpone_modifiers"]),
        cancel_particles=dict(status["cancel_particles"]),
        postpone=lowered(status["postpone"]), new_date_prepositions=lowered(status["new_date_prepositions"]),
        separately=lowered(data["parties"]["separately"]), again=lowered(data["parties"]["again"]),
        another=lowered(data["parties"]["another"]),
        agent_prepositions=lowered(data["parties"]["agent_prepositions"]), negators=lowered(status["negators"]),
        hypothetical=lowered(status["hypothetical"]),
        vetoes=lowered(data["not_meetings"]["press"] + data["not_meetings"]["contests"]),
        awards=lowered(data["not_meetings"]["awards"]), public_events=tuple(data["not_meetings"]["public_events"]),
        legislatures=tuple(data["not_meetings"]["legislatures"]),
        partner_roles=lowered(data["parties"]["partner_roles"]),
        press_names=lowered(data["not_meetings"]["press_names"]),
        here=lowered(places["here"]), place_prepositions=lowered(places["prepositions"]),
        travel=lowered(places["travel"]),
        departure=lowered(places["departure"]), ongoing_marks=lowered(places["ongoing_marks"]),
        sidelines=lowered(places["sidelines"]), timed_by=lowered(places["timed_by"]),
        destination=lowered(places["destination"]), of=lowered(places["of"]),
        venues=lowered(places["venues"]), definite=lowered(data["parties"]["definite"]),
        linear_roles=lowered(data["parties"]["linear_roles"]), plural_roles=lowered(data["parties"]["plural_roles"]),
        fallback_roles=dict(data["parties"]["fallback_roles"]),
        attendee_roles=lowered(data["parties"]["attendee_roles"]),
        lone_roles=dict(data["parties"]["lone_roles"]), reporting=lowered(data["parties"]["reporting"]),
        list_stops=lowered(data["parties"]["list_stops"]),
        gathering_heads=lowered(data["parties"]["gathering_heads"]),
    )
