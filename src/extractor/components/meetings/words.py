"""The words the meetings component reads besides its patterns (``data/meetings.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import wordlists


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class MeetingWords:
    kinds: dict[str, str]  # trigger lemma -> kind
    call_cues: frozenset[str]
    summit_cues: frozenset[str]
    future: frozenset[str]
    plan_heads: frozenset[str]
    plan_modifiers: frozenset[str]
    cancel_heads: frozenset[str]
    cancel_modifiers: frozenset[str]
    postpone_modifiers: frozenset[str]
    cancel_particles: dict[str, str]
    postpone: frozenset[str]
    new_date_prepositions: frozenset[str]
    separately: frozenset[str]
    again: frozenset[str]
    agent_prepositions: frozenset[str]
    negators: frozenset[str]
    hypothetical: frozenset[str]
    here: frozenset[str]
    place_prepositions: frozenset[str]
    travel: frozenset[str]
    departure: frozenset[str]
    sidelines: frozenset[str]
    destination: frozenset[str]
    of: frozenset[str]
    gathering_heads: frozenset[str]
    vetoes: frozenset[str]
    awards: frozenset[str]
    public_events: tuple[str, ...]
    partner_roles: frozenset[str]
    press_names: frozenset[str]
    definite: frozenset[str]
    linear_roles: frozenset[str]
    plural_roles: frozenset[str]
    fallback_roles: dict[str, str]
    attendee_roles: frozenset[str]
    list_stops: frozenset[str]
    venues: frozenset[str]


@functools.lru_cache(maxsize=1)
def meeting_words() -> MeetingWords:
    data = wordlists.toml("meetings.toml")
    kinds, status, places = data["kinds"], data["status"], data["places"]
    by_lemma = {lemma: kind for kind in ("meeting", "talks", "call", "summit") for lemma in kinds[kind]}
    return MeetingWords(
        kinds=by_lemma, call_cues=_set(kinds["call_cues"]), summit_cues=_set(kinds["summit_cues"]),
        future=_set(status["future"]), plan_heads=_set(status["plan_heads"]),
        plan_modifiers=_set(status["plan_modifiers"]), cancel_heads=_set(status["cancel_heads"]),
        cancel_modifiers=_set(status["cancel_modifiers"]), postpone_modifiers=_set(status["postpone_modifiers"]),
        cancel_particles=dict(status["cancel_particles"]),
        postpone=_set(status["postpone"]), new_date_prepositions=_set(status["new_date_prepositions"]),
        separately=_set(data["parties"]["separately"]), again=_set(data["parties"]["again"]),
        agent_prepositions=_set(data["parties"]["agent_prepositions"]), negators=_set(status["negators"]),
        hypothetical=_set(status["hypothetical"]),
        vetoes=_set(data["not_meetings"]["press"] + data["not_meetings"]["contests"]),
        awards=_set(data["not_meetings"]["awards"]), public_events=tuple(data["not_meetings"]["public_events"]),
        partner_roles=_set(data["parties"]["partner_roles"]),
        press_names=_set(data["not_meetings"]["press_names"]),
        here=_set(places["here"]), place_prepositions=_set(places["prepositions"]), travel=_set(places["travel"]),
        departure=_set(places["departure"]),
        sidelines=_set(places["sidelines"]), destination=_set(places["destination"]), of=_set(places["of"]),
        venues=_set(places["venues"]), definite=_set(data["parties"]["definite"]),
        linear_roles=_set(data["parties"]["linear_roles"]), plural_roles=_set(data["parties"]["plural_roles"]),
        fallback_roles=dict(data["parties"]["fallback_roles"]),
        attendee_roles=_set(data["parties"]["attendee_roles"]), list_stops=_set(data["parties"]["list_stops"]),
        gathering_heads=_set(data["parties"]["gathering_heads"]),
    )
