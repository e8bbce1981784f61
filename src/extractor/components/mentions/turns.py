"""Transcript turns: a speaker label opening a paragraph ("SECRETARY POMPEO:", "MR
TONER:", "ANTHONY ALBANESE, PRIME MINISTER:", "QUESTION:", "Q."), and whom it names."""
from __future__ import annotations

import re
from functools import cached_property

from ... import wordlists
from ...facts import Entity, Party, Turn
from ...text import paragraphs
from .words import MentionWords

# A label: up to six capitalised words (commas allowed between them) and a colon,
# or a bare "Q." / "A." before the words.
LABEL = re.compile(r"(?P<label>[A-Z][\w.'’\-]*(?:[ \t]*,?[ \t]+[A-Z][\w.'’\-]*){0,5})[ \t]*:[ \t]+(?=\S)")
QA_LABEL = re.compile(r"(?P<label>[QA])\.[ \t]+(?=\S)")
QUOTE_MARKS = re.compile(r"[\"“”«»]")


class TurnFinder:
    def __init__(self, words: MentionWords) -> None:
        self.words = words
        modifiers = frozenset(w.lower() for w in wordlists.lines("title_modifiers.txt"))
        self.titles = frozenset(wordlists.titles()) | modifiers

    def __call__(self, text: str, entities: list[Entity]) -> list[Turn]:
        paras = paragraphs(text)
        labels = self._labels(text, paras, entities)
        if not labels:
            return []
        turns: list[Turn] = []
        last = max(labels)
        for a, b in paras:
            if a in labels:
                match, parties = labels[a]
                turns.append(Turn(a, a + len(match.group("label")), [], parties))
                a = match.end()
            elif not turns or a > last and QUOTE_MARKS.search(text, a, b):
                if turns:
                    break  # the article's prose resumes after the transcript
                continue
            turns[-1].paragraphs.append((a, b))
        return [t for t in turns if t.paragraphs]

    def _labels(self, text: str, paras: list[tuple[int, int]], entities: list[Entity]) -> dict:
        """Paragraph start -> (label match, parties), for the labels that name a speaker."""
        people = _People(entities)
        found = {}
        capitals = {}  # all-caps labels naming nobody known ("HARTIKAINEN:"): speakers beside other labels
        for a, b in paras:
            match = LABEL.match(text, a, b) or QA_LABEL.match(text, a, b)
            if match is None:
                continue
            parties = self._parties(match.group("label"), people, text, a)
            if parties is not None:
                found[a] = (match, parties)
            elif match.re is LABEL and match.group("label").isupper():
                capitals[a] = (match, [Party(match.group("label").title())])
        if found:
            found.update(capitals)
        qa = {m.group("label") for m, _ in found.values() if m.re is QA_LABEL}
        if qa and qa != {"Q", "A"}:  # "A. J. Smith said" is no answer
            found = {a: v for a, v in found.items() if v[0].re is not QA_LABEL}
        if len(found) == 1 and not next(iter(found.values()))[1]:
            return {}  # a lone "Note:" or "Q:" makes no transcript
        return found

    def _parties(self, label: str, people: _People, text: str, at: int) -> list[Party] | None:
        """Whom a label names; [] for an unnamed questioner; None when it is no speaker label."""
        words = [w.strip(".,") for w in label.replace(",", " ").split()]
        words = [w for w in words if w.lower() not in self.words.definite] or words  # "THE PRESIDENT:"
        low = " ".join(w.lower() for w in words)
        if low in self.words.anonymous_labels:
            return []
        if low in self.words.answer_labels:
            person = next((e for e in people.entities if e.type == "PERSON" and min(e.mentions)[0] < at), None)
            return [Party(person.name, person.id)] if person else []
        names = [w for w in words if w.lower() not in self.titles]
        titled = len(names) < len(words)
        person = people.named(" ".join(names).lower()) if names else people.titled(low)
        if person is not None:
            return [Party(person.name, person.id)]
        if names and titled and label.isupper():
            return [Party(" ".join(n.capitalize() for n in names))]
        return None


class _People:
    """The article's people as labels name them, read when a label first asks (a transcript
    asks at every turn: a scan of all the entities per label grew with the square of a long
    text)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_title: dict[str, Entity | None] = {}

    @cached_property
    def _by_form(self) -> dict[str, Entity]:
        """A person's name or alias (lower case), and each end of it after a space ("berg" of
        "anna berg") -> the first person, in the entities' order, with that form."""
        found: dict[str, Entity] = {}
        for ent in self.entities:
            if ent.type != "PERSON":
                continue
            for form in (ent.name, *ent.aliases):
                low = form.lower()
                found.setdefault(low, ent)
                for k, char in enumerate(low):
                    if char == " ":
                        found.setdefault(low[k + 1:], ent)
        return found

    def named(self, wanted: str) -> Entity | None:
        """The person whose name or alias is, or ends in, the label's name words."""
        return self._by_form.get(wanted)

    def titled(self, title: str) -> Entity | None:
        """The one person holding the label's title ("PRIME MINISTER:")."""
        if title not in self._by_title:
            holders = [e for e in self.entities if e.type == "PERSON" and any(title in t.lower() for t in e.titles)]
            self._by_title[title] = holders[0] if len(holders) == 1 else None
        return self._by_title[title]
