"""Quotes: what was said, and by whom (factory ``extractor_quotes``).

Orchestration over declarative patterns and the mention layer:

1. **Cues** (``cues.py``): spaCy ``DependencyMatcher`` patterns in
   ``data/patterns/quotes.{ud,clear}.json`` find the reporting verbs, nouns and phrases
   with the roles they take; for each, the **content** is read from the parse
   (``content.py``) and the **speaker** phrase too (``speakers.py``), resolved through
   the mention layer (pronouns, titles, groups, descriptions, unnamed people as printed).
2. **Transcripts**: each paragraph of a speaker's turn (``Doc._.turns``) is a direct quote;
   so is each paragraph of a block quotation a colon introduces ("X said:", ``blocks.py``).
3. **Marks** (``marks.py`` finds them, ``marked.py`` attributes them): direct and partial
   quotes, their speaker from the cue beside them.
4. **Indirect** quotes (``indirect.py``): the content of every other cue.

A joint statement gives one record per speaker; first-person pronouns inside a quote are
bound to its speakers (``mentions.bind``), which the meetings component reads later.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...facts import source_text
from ...layout import layout_of
from ...syntax import Syntax, scheme_for
from .. import mentions
from ..patterns import PatternComponent
from .blocks import block_drafts
from .cues import CueReader
from .discourse import settle
from .indirect import IndirectQuotes
from .marked import MarkedQuotes
from .marks import Marked, find_marked
from .records import Draft, Positions, Spans, to_records
from .words import quote_words


__all__ = ["QuoteFinder", "find_marked", "Marked"]


class QuoteFinder(PatternComponent):
    pattern_name = "quotes"

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.scheme = scheme_for(nlp)
        self.syntax = Syntax(self.scheme)
        self.words = quote_words()
        self.cue_reader = CueReader(self.syntax, self.words)

    # ------------------------------------------------------------------ the work

    def __call__(self, doc: Doc) -> Doc:
        text = source_text(doc)
        positions = Positions(doc)
        layout = layout_of(doc)
        every_cue = self.cue_reader.read(doc, self._patterns()(doc))
        cues = {i: c for i, c in every_cue.items() if not layout.in_header(doc[i].idx)}
        bind = _binder(doc, positions)
        turns = _turn_drafts(doc, layout)
        for draft in turns:
            bind(draft)
        # a block quotation's attribution may stand among the header lines ("The below is
        # attributable to Spokesperson X:")
        blocks, used = block_drafts(text, every_cue, positions, self.cue_reader.speakers,
                                    [(t.start, t.end) for t in turns])
        for draft in blocks:
            bind(draft)
        quoted = Spans(turns + blocks, lambda d: (d.start, d.end - 1))
        marks = [m for m in find_marked(text) if not layout.in_header(m.open_at)
                 and not quoted.overlapping(m.open_at, m.open_at)]
        marked = MarkedQuotes(doc, text, marks, cues, positions, self.cue_reader.speakers, self.words)
        drafts = blocks + marked.run(bind)
        indirect = IndirectQuotes(doc, cues, positions, self.cue_reader.speakers, self.words)
        reported = indirect.drafts(marks, turns + drafts, marked.used | used)
        settle(doc, text, drafts + reported)
        for draft in reported:
            bind(draft)
        drafts += reported
        doc._.quotes = to_records(doc, turns + drafts, text, positions)
        return doc


def _turn_drafts(doc: Doc, layout) -> list[Draft]:
    """Each paragraph of a named speaker's turn is a direct quote; header lines are none."""
    drafts = []
    for turn in doc._.turns or []:
        if not turn.parties:
            continue  # an unnamed questioner ("Q:")
        for a, b in turn.paragraphs:
            if not layout.in_header(a):
                drafts.append(Draft("direct", [(a, b)], None, list(turn.parties), (a, b)))
    return drafts


def _binder(doc: Doc, positions: Positions):
    def bind(draft: Draft) -> None:
        if draft.parties and len(doc):
            start, end = positions.token_range(draft.start, draft.end)
            mentions.bind(doc, start, end, draft.parties)
    return bind


@Language.factory("extractor_quotes", requires=["doc._.entities", "doc._.references", "doc._.turns"],
                  assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
