"""Unnamed speakers across sentences, read from the mention layer's references.

- Named later: "A spokesman for the residents said ... A spokesman for the striking doctors,
  Simbarashe Ndhonda, said ..." - the Conventions resolve "a spokesman …" named later to
  the named person: a person named within the next sentences by the same role word ("a
  spokesman ..., X"), or with a title sharing a word of the body the role belongs to ("The
  president of the Nordic Rowing Federation ... Federation head Ingrid Solberg").
- A group named later: "Transport ministers from Finland, Estonia, Latvia and Lithuania
  agreed ..." followed by a sentence naming the four ministers: one party each.
- Mentioned again: "A senior EU official said ... the official said": the definite role
  keeps the label the article gave it first.
- The clause's own subject: "Norway's largest ferry operator will cut two routes, it said.
  ... a spokeswoman for Nordic Ferry Lines": "it" is the operator the clause is about, an
  organisation the mention layer could not name, named in the next sentence.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from ...facts import Entity, Party, Reference
from .. import mentions
from ..mentions.words import mention_words
from ...sentences import sentence_at, sentence_of

LOOK_AHEAD = 2  # sentences after the speaker where the person may be named


def named_later(token: Token, ref: Reference) -> list[Party]:
    doc = token.doc
    role = token.lemma_.lower()
    if role not in mention_words().person_roles or token.tag_ in ("NNS", "NNPS"):
        return []
    body = {w.lower() for p in ref.stands_for for w in p.name.split()}
    for later in _references_after(token, _sentences_from(token)[-1].end):
        if later.types != ["PERSON"] or later.how not in ("name", "alias"):
            continue
        titles = _title_words(mentions.entities_by_id(doc).get(later.parties[0].entity or ""))
        if doc[later.head].lemma_.lower() == role or role in titles or body & titles:
            return list(later.parties)
    return []


def group_named_later(token: Token, ref: Reference) -> list[Party]:
    """"Transport ministers from Finland, Estonia, Latvia and Lithuania agreed ... Finnish
    Transport Minister X met her counterparts Y, Z and W": a group of unnamed people of a
    role is the people the next sentence names, as many as the bodies it lists (or the
    number it gives, "ministers from five countries")."""
    words = mention_words()
    if token.lemma_.lower() not in words.person_roles or token.tag_ not in ("NNS", "NNPS"):
        return []
    size = len(ref.stands_for) if len(ref.stands_for) > 1 else _number_in(token)
    if size is None:
        return []
    read = _read(token.doc)
    for sentence in _sentences_from(token):
        people: list[Party] = []
        for later in read.headed_in(max(sentence.start, token.i + 1), sentence.end):
            if later.types == ["PERSON"] and later.how in ("name", "alias") and later.parties[0] not in people:
                people.append(later.parties[0])
        if len(people) == size:
            return people
    return []


def _number_in(token: Token) -> int | None:
    """"ministers from five central European countries": the number the phrase gives."""
    numbers = mention_words().numbers
    return next((numbers[t.lower_] for t in token.subtree if t.lower_ in numbers), None)


def earlier_label(token: Token, ref: Reference) -> list[Party]:
    """"the official" after "A senior European Union official": the first label."""
    words = mention_words()
    if not any(c.lower_ in words.definite for c in token.children if c.i < token.i):
        return []
    labelled = _read(token.doc).labelled_unnamed.get(token.lemma_.lower(), [])
    last = next((r for r in reversed(labelled) if r.head < token.i), None)
    return [Party(last.label)] if last is not None else []


def organisation_named_next(subject: Token) -> list[Party]:
    """An organisation description the mention layer left unresolved ("Norway's largest ferry
    operator"): the first organisation named after it within the next sentences."""
    ref = token_ref(subject)
    if ref is not None and ref.parties or subject.lemma_.lower() not in mention_words().organisations:
        return []
    for later in _references_after(subject, _sentences_from(subject)[-1].end):
        if later.types == ["ORG"] and later.how in ("name", "alias"):
            return list(later.parties)
    return []


class _DocReferences:
    """What the questions above read of a Doc's references, read once per Doc (a
    long text asks at thousands of speakers; each question scanned them all)."""

    def __init__(self, doc: Doc, refs: list[Reference]) -> None:
        self.doc = doc
        self.refs = refs
        self._position = {id(r): k for k, r in enumerate(refs)}
        # the unnamed references with a label, by the lemma of their head, in the references' order
        self.labelled_unnamed: dict[str, list[Reference]] = {}
        for r in refs:
            if r.how == "unnamed" and r.label:
                self.labelled_unnamed.setdefault(doc[r.head].lemma_.lower(), []).append(r)

    def headed_in(self, lo: int, hi: int) -> list[Reference]:
        """The references headed in [lo, hi), in the references' own order (by start: a phrase
        before a mention inside it)."""
        refs, heads = mentions.references_by_head(self.doc)
        found = refs[bisect.bisect_left(heads, lo):bisect.bisect_left(heads, max(lo, hi))]
        return sorted(found, key=lambda r: self._position[id(r)])


_last_read: _DocReferences | None = None


def _read(doc: Doc) -> _DocReferences:
    """The Doc's ``_DocReferences``, made again when its references are another list."""
    global _last_read
    refs = doc._.references or []
    if _last_read is None or _last_read.refs is not refs or _last_read.doc is not doc:
        _last_read = _DocReferences(doc, refs)
    return _last_read


def _references_after(token: Token, end: int) -> list[Reference]:
    """The references headed after the token and before ``end``, in text order."""
    refs, heads = mentions.references_by_head(token.doc)
    return refs[bisect.bisect_right(heads, token.i):bisect.bisect_left(heads, end)]


def token_ref(token: Token) -> Reference | None:
    ref = mentions.reference_at(token)
    return ref if ref is not None and ref.head == token.i else None


def _sentences_from(token: Token) -> list:
    """The token's sentence and the LOOK_AHEAD sentences after it."""
    doc = token.doc
    found = [sentence_of(token)]
    while len(found) <= LOOK_AHEAD and found[-1].end < len(doc):
        found.append(sentence_at(doc, found[-1].end))
    return found


def _title_words(entity: Entity | None) -> set[str]:
    if entity is None:
        return set()
    return {w.lower() for title in entity.titles for w in title.replace("-", " ").split()}
