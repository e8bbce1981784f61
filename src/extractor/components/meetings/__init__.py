"""Meetings: who met whom, when and where (factory ``extractor_meetings``).

Orchestration over declarative patterns: **match** the triggers (meeting verbs, nouns and
support-verb constructions, gatherings named by an organisation) with spaCy's
``DependencyMatcher`` patterns in ``data/patterns/meetings.{ud,clear}.json``; read each
match's **arguments** from the parse (parties from the roles the pattern names, through
the mention layer; kind; the date and place attached to the trigger's words; status from
the verbs around it); **merge** repeated mentions of one encounter. A record needs a named
party; one named party suffices for a gathering named through an organisation or when
the other side is unnamed ("met with his counterparts").
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from ...facts import source_text
from ...syntax import Syntax, scheme_for
from .. import mentions
from ..patterns import Match, PatternComponent
from .arguments import ArgumentReader, Sides
from .records import Draft, merged, to_fact
from .status import StatusReader
from .words import meeting_words
from ...sentences import sentence_of

ORGANISATION = "ORG"


class MeetingFinder(PatternComponent):
    pattern_name = "meetings"

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.scheme = scheme_for(nlp)
        self.syntax = Syntax(self.scheme)
        self.words = meeting_words()
        self.arguments = ArgumentReader(self.syntax, self.words)
        self.status = StatusReader(self.syntax, self.words)

    # ------------------------------------------------------------------ the work

    def __call__(self, doc: Doc) -> Doc:
        text = source_text(doc)
        reference_date = doc._.reference_date  # read once: a Doc._ read costs ~2 µs
        reference = reference_date.value if reference_date else None
        drafts: list[Draft] = []
        for matches in self._patterns()(doc).values():
            drafts += self._drafts(doc, matches, reference, drafts)
        context = [d for d in drafts if d.silent and not d.parties]  # "a special meeting convened in Geneva Monday"
        records = merged([d for d in drafts if not d.silent], context, self.arguments.home(doc, text, reference))
        doc._.meetings = [to_fact(d, text) for d in records]
        return doc

    def _drafts(self, doc: Doc, matches: list[Match], reference: dt.date | None, earlier: list[Draft]) -> list[Draft]:
        """The encounter a trigger reports (one per party when they met "separately")."""
        match = max(matches, key=lambda m: len(m.nodes))  # the most specific pattern reads the rest
        sides = self._sides(doc, matches, match, earlier)
        anaphoric = not sides.parties and self._definite(match.trigger) or self.arguments.timing(match.trigger)
        if self.status.hypothetical(match) or self.arguments.vetoed(match, sides):
            return []  # "should open a dialogue" (a proposal), "an interview with the Gazette" (the press)
        draft = self._described(doc, match, sides, reference, earlier)
        draft.anaphoric = anaphoric
        draft.silent = not anaphoric and not self._enough(sides, match, doc)  # context only ("ended a summit in X")
        if draft.silent and not sides.parties:  # "will resume talks, after negotiations on Saturday ended"
            same = next((d for d in reversed(earlier) if d.evidence == draft.evidence and not d.silent and d.parties),
                        None)
            if same is not None:
                draft = draft.with_parties(same.parties)
                draft.silent = False
        if not self.arguments.separately(match) or len(sides.subjects) != 1:
            return [draft]
        return [draft.with_parties([*sides.subjects, p]) for p in draft.parties if p not in sides.subjects]

    def _sides(self, doc: Doc, matches: list[Match], match: Match, earlier: list[Draft]) -> Sides:
        sides = Sides()
        for m in matches:  # every pattern that matched the trigger adds its parties
            sides.merge(self.arguments.sides(m))
        if self.arguments.again(match) and len(sides.parties) < 2:  # "will meet again": the last partners
            subjects = set(map(mentions.party_key, sides.subjects))
            previous = next((d for d in reversed(earlier) if d.keys & subjects), None)
            for party in previous.parties if previous else []:
                sides.add(party)
        sides.parties = self._people_over_countries(sides, doc)
        return sides

    def _described(self, doc: Doc, match: Match, sides: Sides, reference: dt.date | None,
                   earlier: list[Draft]) -> Draft:
        kind = self.arguments.kind(match)
        moved_to = self.arguments.new_date(doc, match)
        date = moved_to or self.arguments.date(doc, match)
        status = "planned" if moved_to is not None else self.status.status(match, date, reference)
        if date is None and status == "planned":  # a schedule: "will join X for lunch after the talks"
            date = self.arguments.event_date(match, earlier)
        timeless = status == "happened" and date is None and self.status.timeless(match)
        if date is None and status == "happened" and not timeless and not self.arguments.earlier(match):
            date = self.arguments.lead_date(doc, reference, match.trigger)
        place = self.arguments.place(doc, match, kind, sides.tokens) if kind != "call" else None
        if place is None and kind != "call":
            place = self.arguments.event_place(match, earlier)
        sent = sentence_of(match.trigger)
        return Draft(sides.parties, kind, status, date, place, match.trigger.text, (sent.start_char, sent.end_char),
                     timeless=timeless, neutral=self.arguments.neutral(match), another=self.arguments.another(match))

    @staticmethod
    def _people_over_countries(sides: Sides, doc: Doc) -> list:
        """Where people meet, their countries are not parties too ("met with Iraqi Prime
        Minister X": X, not Iraq; "will meet with German officials as well as farmers"
        beside the named minister: the people only, as annotators of published news list them),
        nor an organisation named in one's title ("Director of the CCP Central Foreign Affairs
        Commission and Foreign Minister Wang Yi": the Commission is part of his title)."""
        entities = mentions.entities_by_id(doc)
        people = [entities[p.entity] for p in sides.parties if p.entity in entities
                  and entities[p.entity].type == "PERSON"]
        if not people:
            return sides.parties
        titles = [t for person in people for t in person.titles]
        return [p for p in sides.parties if p.entity not in entities
                or entities[p.entity].type not in ("GPE", "LOC", "FAC", "NORP")
                and not (entities[p.entity].type == ORGANISATION and any(_names_in(p.name, t) for t in titles))]

    def _definite(self, trigger) -> bool:
        """"the talks", "their meeting", "this summit": a meeting noun pointing back."""
        return trigger.pos_ in ("NOUN", "PROPN") and self.arguments.pointing_back(trigger)

    @staticmethod
    def _enough(sides: Sides, match: Match, doc: Doc) -> bool:
        """Two parties; or one and an unnamed other side ("met with his counterparts"); or
        one organisation ("the NATO summit", "the College of Commissioners met")."""
        if len(sides.parties) > 1:
            return True
        if len(sides.parties) != 1:
            return False
        entity = mentions.entities_by_id(doc).get(sides.parties[0].entity)
        organisation = entity is not None and entity.type == ORGANISATION
        return sides.unnamed or organisation


def _names_in(name: str, title: str) -> bool:
    """The title names this word for word ("UN" in "UN Envoy", not in "UNICEF Envoy")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title) is not None


@Language.factory("extractor_meetings", requires=["doc._.entities", "doc._.references", "doc._.dates"],
                  assigns=["doc._.meetings"])
def make_meetings(nlp: Language, name: str) -> MeetingFinder:
    return MeetingFinder(nlp, name)
