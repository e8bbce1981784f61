"""The mention layer (factory ``extractor_mentions``): one answer to "who is this?".

Runs once per Doc after the entities component. For every word that can refer
(a name, an alias, a title, a pronoun, a description, a group, an unnamed
person) it stores a ``facts.Reference`` saying whom it refers to and how
(``Doc._.references``, and ``Doc._.reference_of_token`` from every token of
the mention to it), and the speaker turns of a transcript (``Doc._.turns``).
Quotes and meetings ask it through the functions below; none of them keeps a
resolver of its own. How references are resolved: ``resolve.py``; the words it
reads: ``data/mentions.toml``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...facts import Entity, Party, Reference, source_text
from ...syntax import Syntax, scheme_for, with_conjuncts
from .resolve import Resolver, party_key  # noqa: F401  (the layer's key of a party, for its users)
from .turns import TurnFinder
from .words import mention_words

SPEAKER, PARTICIPANT = "speaker", "participant"
# The last Doc whose token -> reference index was read, and that index: ``reference_at`` is
# asked thousands of times per Doc, and a ``Doc._`` read costs ~2 µs (one pair, replaced whole).
_last_index: tuple[Doc | None, dict[int, Reference]] = (None, {})
# The last references list read in head order, that order and its heads (``references_by_head``).
_last_by_head: tuple[list[Reference] | None, list[Reference], list[int]] = (None, [], [])
# The last entity records read, by id (``entities_by_id``).
_last_entities: tuple[list[Entity] | None, dict[str, Entity]] = (None, {})


class MentionLayer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.syntax = Syntax(scheme_for(nlp))
        self.words = mention_words()
        self.turn_finder = TurnFinder(self.words)

    def __call__(self, doc: Doc) -> Doc:
        doc._.turns = self.turn_finder(source_text(doc), doc._.entities or [])
        refs = Resolver(doc, self.syntax, self.words, doc._.turns).run() if len(doc) else []
        doc._.references = refs
        doc._.reference_of_token = _index(refs)
        _remember_index(doc)
        return doc


def _index(refs: list[Reference]) -> dict[int, Reference]:
    """Token -> the reference it belongs to; a phrase's head wins over a mention inside it."""
    index: dict[int, Reference] = {}
    for ref in sorted(refs, key=lambda r: r.end - r.start, reverse=True):
        for i in range(ref.start, ref.end):
            index[i] = ref
    for ref in refs:
        index[ref.head] = ref
    return index


def _remember_index(doc: Doc) -> dict[int, Reference]:
    global _last_index
    index = doc._.reference_of_token or {}
    _last_index = (doc, index)
    return index


def reference_at(token: Token) -> Reference | None:
    """The reference a token heads or belongs to."""
    doc, index = _last_index
    if doc is not token.doc:
        index = _remember_index(token.doc)
    return index.get(token.i)


def references_by_head(doc: Doc) -> tuple[list[Reference], list[int]]:
    """The Doc's references in the order of their head words (stable), and those heads (for
    ``bisect``): read once per Doc, where a long text asks for the references after a word
    thousands of times."""
    global _last_by_head
    refs = doc._.references or []
    if _last_by_head[0] is not refs:
        ordered = sorted(refs, key=lambda r: r.head)
        _last_by_head = (refs, ordered, [r.head for r in ordered])
    return _last_by_head[1], _last_by_head[2]


def entities_by_id(doc: Doc) -> dict[str, Entity]:
    """The Doc's entity records by id, read once per Doc (and again when they are another list):
    the readers ask for the entity of each party they meet."""
    global _last_entities
    entities = doc._.entities or []
    if _last_entities[0] is not entities:
        _last_entities = (entities, {e.id: e for e in entities})
    return _last_entities[1]


def parties(token: Token, purpose: str = SPEAKER) -> list[Party]:
    """Whom the phrase headed by ``token`` refers to. An unnamed person ("a senior U.S.
    official") is its label as a speaker, and the body it belongs to as a participant."""
    ref = reference_at(token)
    if ref is None:
        return []
    if ref.parties:
        return list(ref.parties)
    if ref.how == "unnamed":
        return list(ref.stands_for) if purpose == PARTICIPANT else [Party(ref.label or token.text)]
    return []


def parties_with_conjuncts(tokens: list[Token], purpose: str = SPEAKER) -> list[Party]:
    """The parties of several phrases and everything coordinated with them, once each."""
    found: list[Party] = []
    for token in with_conjuncts(tokens):
        for party in parties(token, purpose):
            if party not in found:
                found.append(party)
    return found


def bind(doc: Doc, start: int, end: int, speakers: list[Party]) -> None:
    """First-person pronouns between tokens start and end (a quote) are its speakers."""
    last_doc, index = _last_index
    if last_doc is not doc:
        index = _remember_index(doc)
    words = mention_words()
    for i in range(start, end):
        ref = index.get(i)
        if ref is not None and ref.how == "pronoun" and not ref.parties and doc[i].lower_ in words.first_person:
            ref.parties = list(speakers)
            ref.types = ["PERSON"] * len(speakers)


@Language.factory("extractor_mentions", requires=["doc._.entities"], assigns=["doc._.references", "doc._.turns"])
def make_mentions(nlp: Language, name: str) -> MentionLayer:
    return MentionLayer(nlp, name)
