"""Nominal phrases read from the parse: which words can refer, and what they are made of."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.tokens import Doc, Token

from ...facts import Entity
from ...sentences import sentences
from ...syntax import Syntax, string_ids
from .words import MentionWords

MAX_KNOWN_LEMMAS = 50_000  # lemmas whose answer is remembered before the memory is cleared
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"})
NOMINAL_POS_TABLE = numpy.isin(numpy.arange(max(UNIVERSAL_POS.values()) + 1),  # POS id -> nominal or not
                                [UNIVERSAL_POS[pos] for pos in NOMINAL_POS])


@dataclass
class Phrase:
    """A nominal's core and what the resolver asks of it."""

    head: Token
    core: list[Token]
    lemma: str  # the head's lemma, lower case
    determiner: str | None  # the first determiner or possessive word, lower case
    count: int | None  # "the two leaders", "both sides"
    plural: bool
    modifier_entities: list[Entity] = field(default_factory=list)  # "Chinese" of "Chinese officials"

    @property
    def start(self) -> int:
        return self.core[0].i

    @property
    def end(self) -> int:
        return self.core[-1].i + 1

    @property
    def text(self) -> str:
        doc = self.head.doc
        return doc[self.start:self.end].text


def referring_heads(doc: Doc, syntax: Syntax, words: MentionWords, skipped: set[int]) -> list[Token]:
    """The Doc's words that head a phrase able to refer, outside the skipped tokens, in order:
    a nominal word whose form refers whatever its lemma (a pronoun, "both", "two") or whose
    lemma some phrase reader takes (most nominal heads are neither: "the talks", "Tuesday"),
    and that is no modifier inside another nominal (possessors excepted: "China's" refers,
    and so does a counted compound: "six-nation talks"). Read from the Doc's arrays, the
    nominal words picked by one table look-up: a Token object only for the heads."""
    array = doc.to_array([POS, DEP, HEAD, LOWER, LEMMA])
    nominal = numpy.flatnonzero(NOMINAL_POS_TABLE[array[:, 0]])
    lowers, lemmas = array[nominal, 3:].T.tolist()
    refer, head_forms, head_lemmas = string_ids(words.referring_forms), string_ids(words.phrase_heads), \
        _phrase_head_lemmas(doc, words, lemmas)
    candidates = [i for i, low, lem in zip(nominal.tolist(), lowers, lemmas)
                  if low in refer or head_lemmas[lem] or not lem and low in head_forms]  # no lemma: its form
    deps = array[candidates, 1].tolist()  # the candidates' only
    offsets = array[candidates, 2].astype("int64").tolist()  # the head's offset from the word, signed
    possessive, core = string_ids(syntax.s.possessive), string_ids(syntax.s.core)
    compound, count = string_ids(syntax.s.compound), string_ids(syntax.s.count)
    return [doc[i] for i, dep, offset in zip(candidates, deps, offsets)
            if i not in skipped and (dep in possessive or dep not in core or offset == 0
                                     or dep in compound and _counted(doc[i], count))]


def _counted(word: Token, count: frozenset[int]) -> bool:
    """A number hangs on the word ("nation" of "six-nation"): asked of the few compounds
    among the heads, not read for every word of the Doc."""
    return any(c.dep in count for c in word.children)


def _phrase_head_lemmas(doc: Doc, words: MentionWords, lemmas: list[int]) -> dict[int, bool]:
    """``words.phrase_head_lemmas``, with the lemmas given tested (each once for all articles)."""
    known = words.phrase_head_lemmas
    if len(known) > MAX_KNOWN_LEMMAS:  # a long batch's memory stays flat
        known.clear()
    for lemma_id in set(lemmas).difference(known):
        known[lemma_id] = lemma_id != 0 and doc.vocab.strings[lemma_id].lower() in words.phrase_heads
    return known


def lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _joins_words(punct: Token) -> bool:
    """A hyphen written between two words ("six-nation"), not a dash set off by spaces."""
    return punct.i > 0 and not punct.whitespace_ and not punct.doc[punct.i - 1].whitespace_


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or "Number=Plur" in str(token.morph)


def phrase_of(head: Token, syntax: Syntax, words: MentionWords, entity_index: dict[int, Entity]) -> Phrase:
    core = _cut(syntax.core(head), head)
    at, own = head.i, entity_index.get(head.i)
    determiner, count = None, None
    modifiers: list[Entity] = []
    for t in core:  # each word read once: its form, then what it is to the phrase
        i, low = t.i, t.lower_
        if determiner is None and i < at and _is_determiner(t, syntax):
            determiner = low
        if count is None and low in words.numbers:
            count = words.numbers[low]
        ent = entity_index.get(i)
        if i != at and ent is not None and ent is not own and ent not in modifiers:
            modifiers.append(ent)
            modifiers += [entity_index[c.i] for c in t.conjuncts if c.i in entity_index
                          and entity_index[c.i] not in modifiers]  # "Peruvian and Ecuadorean delegations"
    if count is None and head.lower_ in words.numbers:
        count = words.numbers[head.lower_]
    return Phrase(head, core, lemma(head), determiner, count, is_plural(head), modifiers)


def _cut(core: list[Token], head: Token) -> list[Token]:
    """The core without spaces, and without the words up to a punctuation mark before the head
    ("(Reuters) - Economy ministers": no credit inside); most heads have no word before them."""
    doc, first = head.doc, core[0].i
    cut = max((i for i in range(first, head.i) if doc[i].is_punct and not _joins_words(doc[i])), default=-1) \
        if first < head.i else -1
    return [t for t in core if t.i > cut and not t.is_space]


def _is_determiner(token: Token, syntax: Syntax) -> bool:
    if token.dep_ in syntax.s.possessive:
        return True
    return token.pos_ in ("DET", "PRON") and token.dep_ not in syntax.s.prepositional


def worded_sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence of words starts (a "sentence" of blank lines between
    paragraphs is none: pronouns look back over sentences of words)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [s.start for s in sentences(doc)  # a sentence's first word tells for all but a few
            if not doc[s.start].is_space or not all(t.is_space for t in s)] or [0]
