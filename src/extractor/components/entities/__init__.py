"""Entities: one record per real-world referent, built from the NER mentions.

Runs after the model's NER and the gazetteer (factory ``extractor_entities``). Three
steps, all rules read from word lists in ``extractor/data``:

1. Spans (``spans.py``, ``growth.py``, ``places.py``). The model's spans of our labels,
   grown to whole names where it cut them short ("Transboundary Water" + "Council",
   "Tomasz" + "Wrzosek", "da Silva"), and overridden by names found by their form where
   it missed or mislabelled them: the dateline credit "(Reuters)", a name after a title
   ("Water Secretary Andrés Quishpe", "Minister of Health, Alex Larsen": ``titles.py``),
   "X Turbines", "Ministry of X", "Gulf of X", "the island of X", "X province", "the X and
   Y regions", "news agency X", "X, the company ...", a name in a list of people, a name
   that is the subject of a speech verb ("Karl Weber said"), and acronyms defined in
   parentheses ("... Council (TWC)") with their later uses.
2. Mentions (``clean.py``). Each span is cleaned into a name: titles, "the", possessive
   's and lower-case generic heads ("dam", "province") move out, all-caps dateline forms
   get normal case. Junk is dropped (pronouns, dates, lone titles, events, currencies,
   works of art in quotation marks, capitalised sentence openers). The type is corrected
   where the form or context is plain.
3. Grouping (``grouping.py``, ``additions.py``). Mentions of one referent join; bare
   surnames, company first words and abbreviations the model missed join them. The
   record's name is the fullest form, its type the majority label of that form's
   mentions; role words before or in apposition to a person become its ``titles``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...facts import Entity, source_text
from ...syntax import Syntax, scheme_for
from ..titles import title_scanner
from .additions import Additions
from .clean import Cleaner, Mention
from ...layout import layout_of
from .common import LEADING_THE_ANY_CASE, StringCache, Tokens, fold, norm, quoted_titles
from .growth import NameGrowth
from .grouping import Group, Grouper, doubtful_person
from .spans import SpanFinder
from .words import entity_words

__all__ = ["EntityLinker", "norm", "make_entities"]


class EntityLinker:
    """Builds facts.Entity records from doc.ents (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.w = entity_words(norm)
        self.syntax = Syntax(scheme_for(nlp))
        self.strings = StringCache()
        self._current: Tokens | None = None
        titles = title_scanner(nlp)
        growth = NameGrowth(self.w)
        self.spans = SpanFinder(self.w, self.syntax, titles, growth)
        self.cleaner = Cleaner(self.w, self.syntax, titles, self.spans.places, self.spans.descriptor_after)
        self.grouper = Grouper(self.w, self.cleaner.named_like_person, self.syntax, self._lower_of)
        self.additions = Additions(self.w)

    def __call__(self, doc: Doc) -> Doc:
        text = source_text(doc)  # same offsets as doc.text, without rebuilding the string
        t = self._current = self.strings.tokens(doc, text)
        mentions = self._mentions(t, text)
        groups = self.grouper.group(doc, mentions)
        self.additions.add_all(doc, t.words, groups)
        entities: list[Entity] = []
        index: dict[int, Entity] = {}
        for group in sorted(groups, key=lambda g: min(m.start for m in g.mentions)):
            if doubtful_person(doc, group):
                continue
            entity = self._record(t, group, f"E{len(entities) + 1}")
            entities.append(entity)
            index.update({i: entity for m in group.mentions for i in range(m.start, m.end)})
        doc._.entities = entities
        doc._.entity_of_token = index
        self._current = None  # keep no reference to a finished document
        return doc

    def _lower_of(self, doc: Doc) -> list[str]:
        t = self._current
        return t.lower if t is not None and t.doc is doc else [x.lower_ for x in doc]

    def _mentions(self, t: Tokens, text: str) -> list[Mention]:
        works = quoted_titles(text, self.w.title_small_words)
        layout = layout_of(t.doc)
        out: list[Mention] = []
        for span, forced in self.spans.find(t, layout):
            if span.label_ != "PERSON" and any(a <= span.start_char and span.end_char <= b for a, b in works):
                continue
            mention = self.cleaner.clean(t, span, forced, layout.dateline)
            if mention is not None:
                out.append(mention)
        return out

    # ------------------------------------------------------------------ records

    def _record(self, t: Tokens, group: Group, entity_id: str) -> Entity:
        group.mentions.sort(key=lambda m: m.start)
        group._best = None  # ties go to the first mention in text order
        name = group.canonical or group.best_mention().name
        label = group.label
        if name in self.w.abbreviation_names and group.family != "PERSON":
            label = "GPE" if name in self.w.known_places else "ORG"  # "U.N." is no place, "U.S." no organisation
        return Entity(
            id=entity_id,
            name=name,
            type=label,
            aliases=self._aliases(t, group, name),
            titles=self._titles(group) if group.family == "PERSON" else [],
            mentions=[(t.idx[m.start], t.idx[m.end - 1] + len(t.words[m.end - 1])) for m in group.mentions],
            token_spans=[(m.start, m.end) for m in group.mentions],
            country=next((m.country for m in group.mentions if m.country), None),
        )

    @staticmethod
    def _aliases(t: Tokens, group: Group, name: str) -> list[str]:
        forms: list[str] = []
        for m in group.mentions:
            forms.append(m.name)
            if m.name_end < m.end:
                forms.append(t.clean_text(m.start, m.end))
        seen = {fold(name)}
        aliases = []
        for form in forms:
            if fold(form) not in seen and fold(LEADING_THE_ANY_CASE.sub("", form)) not in seen:
                seen.add(fold(form))
                aliases.append(form)
        return aliases

    def _titles(self, group: Group) -> list[str]:
        titles: list[str] = []
        for m in group.mentions:
            for x in m.titles:
                if x not in titles:
                    titles.append(x)
        # "Transport Minister" adds nothing to "federal Transport Minister".
        return [x for x in titles if not any(o != x and o.endswith(" " + x) for o in titles)
                and x.lower() not in self.w.honorifics]


@Language.factory("extractor_entities", requires=["doc.ents"], assigns=["doc._.entities", "doc._.entity_of_token"])
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)
