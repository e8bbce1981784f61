"""Quotes: what was said, and by whom (factory ``extractor_quotes``).

How it works, in four passes over a parsed doc:

1. **Marks.** A character scanner pairs quotation marks (straight, curly,
   guillemets, and single marks nested inside double ones) within each
   paragraph. A quote still open at a paragraph's end continues when the next
   paragraph opens with a mark; otherwise it ends there (unbalanced marks never
   raise, a stray closing mark is ignored).
2. **Direct and partial quotes.** A marked stretch that begins a sentence, or
   follows "said:" / "said,", is ``direct``; its attribution is the cue after
   it (``"…," X said``) or before it. A stretch directly after an attribution
   (``"…," X said. "…"`` or ``"…," X said, "…"``) joins that record. A stretch
   inside the reporter's sentence is ``partial`` when a speech cue governs it;
   work titles (Title Case) and one- or two-word scare quotes without a cue are
   dropped. A standalone quote with no cue belongs to the person the sentence
   before it opens with ("Ndiaye was defiant."), else to the previous speaker
   of the same or the previous paragraph. Quotes
   nested in a direct quote ("he said, 'Bring me …'") are also their own
   records. Transcript paragraphs led by a speaker label ("SECRETARY BLINKEN:")
   are direct quotes of that speaker; "A:" answers are the interviewee's (the
   person the introduction names); an unnamed questioner's turns ("Q:") are
   not quotes.
3. **Indirect speech**, read from the words around a reporting cue (tags
   guide it; the parse is used only through ``syntax.py``): the clause after
   ``said (that) …`` / ``told reporters (that) …`` / ``said in a statement …``,
   the clause before ``…, X told reporters`` (also ``…, the bank's governor,
   X, said``, ``…, X, who …, told``, ``…, X has said``), ``according to X, …``, and the
   to-infinitive of verbs and nouns that report an utterance (``agreed to``,
   ``urged X to``, ``a pledge to``), cut before the reporter's framing
   (", after …") and before another attribution. Negated or blocked cues
   ("declined to", "without agreeing"), questions ("agreed on who …"), noun
   phrases without a clause ("reported debts of …", "an estimated $2 million")
   and clauses that hold a partial quote give no indirect record. A reported
   clause ends before ", -ing …" framing and before ", but warned …".
   The speaker window skips fronted adverbials ("Speaking in Y, X said") and
   relative clauses ("X, who …, said"); "X met Y, but insisted …" is X's.
4. **Speakers** (``quote_speakers.py``) are resolved in reading order so that
   pronouns find the nearest earlier compatible speaker; a joint statement
   gives one record per named member.

Cue words live in ``data/speech_cues.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.attrs import IDX, LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .. import facts
from ..syntax import Syntax, is_marker, is_negated, scheme_for
from .quote_speakers import SpeakerResolver, SpeakerWords, load_cue_data

DOUBLE_OPENERS = {"“": "”\"", "«": "»", "„": "“”", '"': '"'}
SINGLE_OPENERS = {"‘": "’", "'": "'", "‹": "›"}
SENTENCE_END = re.compile(r"[.!?…]+[\"”’»]*(?=\s|$)")
QA_LABEL = re.compile(r"[ \t]*(?P<label>[QA])\.[ \t]+(?P<body>\S)")  # "Q. Why now?" / "A. Because …"
LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,4})[ \t]*:[ \t]*(?P<body>\S)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
TITLE_SMALL = frozenset("a an the and of in on for to with at by from or but nor as de la le du des del von van".split())
DATELINE = re.compile(r"[ \t]*[A-ZÀ-Þ][^\n.!?]{0,90}?\s[-—–]+\s+(?=[A-Z“\"])")
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split())
SUBORDINATORS = frozenset("after because when while since though although whereas before until once".split())
APPROXIMATORS = frozenset("about around over under nearly almost roughly some approximately up".split())
RELATIVES = frozenset("who which whose whom".split())
ARTICLES = frozenset("a an the".split())
BE_FORMS = frozenset("be is are was were been being am".split())
FRAMING = frozenset("after before ending following amid despite while which when as since but though although "
                    "whereas leaving deepening bringing raising".split())


# ---------------------------------------------------------------- cue words
@dataclass(frozen=True)
class Cues:
    """Speech cues from data/speech_cues.toml, with their inflected forms."""

    clause: frozenset[str]
    quoting: frozenset[str]
    np_statement: frozenset[str]
    infinitive: frozenset[str]
    addressee: frozenset[str]
    addressee_clause: frozenset[str]
    source_phrases: frozenset[str]
    passive_frames: frozenset[str]
    blockers: frozenset[str]
    wh_words: frozenset[str]
    negators: frozenset[str]
    noun_infinitive: frozenset[str]
    anonymous_labels: frozenset[str]
    answer_labels: frozenset[str]
    label_titles: frozenset[str]
    abbreviations: frozenset[str]
    time_modifiers: frozenset[str]
    time_nouns: frozenset[str]
    inner_participles: frozenset[str]
    forms: dict[str, str]
    past_forms: frozenset[str]

    @classmethod
    def load(cls, data: dict) -> "Cues":
        v, n, s = data["verbs"], data["nouns"], data["speakers"]
        low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
        lemmas = set(v["clause"]) | set(v["quoting"]) | set(v["np_statement"]) | set(v["infinitive"]) | set(
            v["addressee_infinitive"]) | set(v["blockers"])
        forms: dict[str, str] = {}
        irregular = {x for xs in v.get("irregular", {}).values() for x in xs}
        for lemma in lemmas:
            for form in inflections(lemma, v.get("irregular", {}).get(lemma, [])):
                forms.setdefault(form, lemma)
        return cls(
            clause=low(v["clause"]), quoting=low(v["quoting"]), np_statement=low(v["np_statement"]),
            infinitive=low(v["infinitive"]), addressee=low(v["addressee_infinitive"]),
            addressee_clause=low(v["addressee_clause"]), source_phrases=low(data["phrases"]["source"]),
            passive_frames=low(data["phrases"]["passive_frames"]),
            blockers=low(v["blockers"]), wh_words=low(v["wh_words"]), negators=low(v["negators"]),
            noun_infinitive=low(n["infinitive"]), anonymous_labels=low(s["anonymous_labels"]),
            answer_labels=low(s["answer_labels"]),
            label_titles=low(s["label_titles"]), abbreviations=low(data["abbreviations"]["words"]),
            time_modifiers=low(data["adjuncts"]["time_modifiers"]), time_nouns=low(data["adjuncts"]["time_nouns"]),
            inner_participles=low(data["adjuncts"]["inner_participles"]),
            forms=forms,
            past_forms=frozenset(f for f in forms if f.endswith("ed") or f in irregular),
        )

    def lemma(self, token: Token) -> str:
        return self.forms.get(token.lower_) or token.lemma_.lower()

    def is_verb(self, token: Token) -> bool:
        """A verb form of a cue; tolerant of tagging slips on unambiguous forms."""
        if token.lower_ not in self.forms:
            return False
        if token.i > 0 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 1].whitespace_:
            return False  # "so-called", "long-promised"
        if token.i > 0 and (token.doc[token.i - 1].lower_ in ARTICLES or token.doc[token.i - 1].tag_ == "PRP$"):
            return False  # "an estimated $200 million", "its stated aim"
        if token.pos_ in ("VERB", "AUX"):
            return True
        if token.lower_ not in self.past_forms or token.pos_ in ("NOUN", "PROPN"):
            return False
        if token.pos_ != "ADJ":
            return True
        # tagged as an adjective, but in a verb's place: "The association, which …, urged governments to …"
        doc = token.doc
        prev = doc[token.i - 1] if token.i > 0 else None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return prev is not None and nxt is not None and (prev.text == "," or prev.pos_ in ("NOUN", "PROPN", "PRON")) \
            and (nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM") or nxt.lower_ == "that")

    def is_attribution(self, token: Token) -> bool:
        """A cue that can attribute quoted words beside it."""
        return self.is_verb(token) and (self.lemma(token) in self.clause or self.lemma(token) in self.quoting)


def inflections(lemma: str, irregular: list[str]) -> set[str]:
    """Regular English verb forms of a lemma (over-generation is harmless)."""
    out = {lemma, *irregular}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", lemma):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif re.search(r"(s|sh|ch|x|z)$", lemma):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


# ---------------------------------------------------------------- marks
@dataclass
class Marked:
    """Words between quotation marks; several pieces when it runs over paragraphs."""

    pieces: list[tuple[int, int]]
    open_at: int
    close_at: int | None
    depth: int = 0

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    @property
    def last_mark(self) -> int:
        return self.close_at if self.close_at is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _opens(text: str, i: int, lo: int) -> bool:
    """Could the mark at i open a quote (not an inch mark or apostrophe)?"""
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > lo else " "
    if c in "«‹" and nxt in " \u00a0\u202f":
        return True  # French spacing: "« Nous sommes prêts »"
    if nxt.isspace():
        return False
    if c in "“«„‹‘":
        return not (c == "‘" and prev.isalnum())
    return prev.isspace() or prev in "([{—–-/:;" or i == lo


def _closes(text: str, i: int, closers: str) -> bool:
    c = text[i]
    if c not in closers:
        return False
    if c in "'’":  # not an apostrophe inside a word ("Norway's")
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return not nxt.isalnum() and i > 0 and not text[i - 1].isspace()
    return True


def find_marked(text: str) -> list[Marked]:
    """Top-level quotes (double marks, or curly single ones in British style)
    plus the quotes nested in them (depth 1), in text order."""
    paras = paragraphs(text)
    openers = {**DOUBLE_OPENERS, "‘": "’"}  # British style uses single marks at the top
    top: list[Marked] = []
    cur: Marked | None = None
    closers = ""
    piece_start = 0
    for k, (pa, pb) in enumerate(paras):
        i = pa
        while i < pb:
            c = text[i]
            if cur is None:
                if c in openers and _opens(text, i, pa):
                    cur, closers, piece_start = Marked([], i, None), openers[c], i + 1
            elif _closes(text, i, closers):
                cur.pieces.append(_trimmed(text, piece_start, i))
                cur.close_at = i
                top.append(cur)
                cur = None
            elif c in DOUBLE_OPENERS and c not in closers and closers != "’" and _opens(text, i, pa):
                _abandon(text, cur, piece_start, i, top)  # a new quote opens: the last one never closed
                cur, closers, piece_start = Marked([], i, None), openers[c], i + 1
            i += 1
        if cur is not None:  # open at the paragraph's end
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            first = _trimmed(text, *nxt)[0] if nxt else None
            if first is not None and text[first] in openers:
                cur.pieces.append(_trimmed(text, piece_start, pb))
                piece_start = first + 1
                # skip the reopening mark: resume scanning after it
                paras[k + 1] = (first + 1, nxt[1])
            else:
                _abandon(text, cur, piece_start, pb, top)
                cur = None
    if cur is not None:
        _abandon(text, cur, piece_start, len(text), top)
    top = [m for m in top if m.pieces and all(b > a for a, b in m.pieces)]
    nested = [n for m in top for n in _nested(text, m, text[m.open_at] != "‘")]
    return sorted(top + nested, key=lambda m: m.open_at)


def _abandon(text: str, cur: Marked, piece_start: int, end: int, out: list[Marked]) -> None:
    """An unclosed quote ends where its paragraph ends; kept when it has some length."""
    a, b = _trimmed(text, piece_start, end)
    if len(WORD.findall(text[a:b])) >= 3:
        cur.pieces.append((a, b))
        out.append(cur)


def _nested(text: str, outer: Marked, double_outside: bool) -> list[Marked]:
    openers = SINGLE_OPENERS if double_outside else {"“": "”\"", '"': '"'}
    found = []
    for pa, pb in outer.pieces:
        i = pa
        while i < pb:
            if text[i] in openers and _opens(text, i, pa):
                closers = openers[text[i]]
                j = i + 1
                while j < pb and not _closes(text, j, closers):
                    j += 1
                if j < pb:
                    a, b = _trimmed(text, i + 1, j)
                    if b > a:
                        found.append(Marked([(a, b)], i, j, depth=1))
                    i = j
            i += 1
    return found


# ---------------------------------------------------------------- drafts
@dataclass
class Draft:
    """A quote before its speaker is resolved."""

    type: str
    pieces: list[tuple[int, int]]
    cue: str | None
    anchor: int  # char position: reading order and pronoun resolution
    ev: tuple[int, int]  # chars the evidence must cover
    window: list[Token] = field(default_factory=list)  # where the speaker is named
    mode: str = "nearest"
    parties: list[facts.Party] | None = None  # already known (transcripts)
    same_as: "Draft | None" = None  # speaker of another record ("…, adding that")
    inherit: bool = False  # a quote without cue: the previous speaker
    within: tuple[int, int] | None = None  # pronouns resolve inside this range
    attr_end: int = -1  # end of its attribution (a continuation may follow)
    final_stop: bool = False  # a trailing comma becomes a full stop
    cue_tok: Token | None = None
    resolved: list[facts.Party] = field(default_factory=list)
    named_only: bool = False  # kept only when the speaker is a known entity


class QuoteExtractor:
    """Fills ``Doc._.quotes`` with ``facts.Quote`` records sorted by start."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.syntax = Syntax(scheme_for(nlp))
        data = load_cue_data()
        self.cues = Cues.load(data)
        wanted = self.cues.forms.keys() | self.cues.noun_infinitive | {p.split()[0] for p in self.cues.source_phrases}
        self._cue_hashes = frozenset(hash_string(w) for w in wanted)
        self.words = SpeakerWords.load(data)

    # ------------------------------------------------------------ driver
    def __call__(self, doc: Doc) -> Doc:
        self._doc = doc
        self._text = doc.text  # Doc.text is rebuilt on every access
        self._tok_starts = doc.to_array(IDX).tolist() if len(doc) else []
        marked = find_marked(self._text)
        self._top = [m for m in marked if m.depth == 0]
        self._quoted = [False] * len(doc)
        self._date_end = {d.token_start: d.token_end for d in doc._.dates or [] if d.token_end > d.token_start}
        for m in self._top:
            for i in self._token_range(m.open_at, m.last_mark + 1):
                self._quoted[i] = True
        self._sents = self._sentences(self._text)
        self._sent_starts = [a for a, _ in self._sents]
        self._para_starts = [a for a, _ in paragraphs(self._text)]
        drafts, transcript = self._transcripts(doc)
        in_transcript = lambda a: any(lo <= a < hi for lo, hi in transcript)  # noqa: E731
        drafts += self._direct_and_partial([m for m in marked if not in_transcript(m.open_at)])
        drafts += self._indirect(drafts, in_transcript)
        resolver = SpeakerResolver(doc, self.words, self._quoted, self._sents, self._text)
        doc._.quotes = self._finish(doc, drafts, resolver)
        return doc

    def _token_range(self, a: int, b: int) -> range:
        lo = max(bisect.bisect_right(self._tok_starts, a) - 1, 0)
        hi = bisect.bisect_left(self._tok_starts, b)
        return range(lo, hi)

    def _tokens(self, a: int, b: int) -> list[Token]:
        """Non-space tokens starting in [a, b)."""
        return [self._doc[i] for i in self._token_range(a, b) if a <= self._doc[i].idx < b and not self._doc[i].is_space]

    # ------------------------------------------------------------ sentences
    def _sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentences by punctuation, never ending inside quotation marks; the
        dateline ("VIENNA, Oct 14 (Reuters) -") is cut off the first one."""
        out = []
        for pa, pb in paragraphs(text):
            start = pa
            if not out:
                m = DATELINE.match(text, pa, pb)
                if m:
                    start = m.end()
            for m in SENTENCE_END.finditer(text, pa, pb):
                if m.end() <= start or self._abbreviation(m.start()) or self._inside_marks(m.end()):
                    continue
                if text[m.end() - 1] in "\"”’»" and self._attribution_follows(m.end(), pb):
                    continue  # '"… ?" Rojas asked.' is one sentence
                a, b = _trimmed(text, start, m.end())
                if b > a:
                    out.append((a, b))
                start = m.end()
            a, b = _trimmed(text, start, pb)
            if b > a:
                out.append((a, b))
        return out

    def _attribution_follows(self, pos: int, limit: int) -> bool:
        """Does a cue word come before the next sentence end after pos?"""
        m = SENTENCE_END.search(self._text, pos, limit)
        words = re.findall(r"[a-z]+", self._text[pos:m.start() if m else limit])
        return len(words) <= 12 and any(self.cues.forms.get(w) in self.cues.clause for w in words)

    def _inside_marks(self, pos: int) -> bool:
        return any(m.open_at < pos <= m.last_mark for m in self._top)

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        k = max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)
        return self._sents[k] if self._sents else (0, len(self._text))

    def _abbreviation(self, dot: int) -> bool:
        text = self._text
        if text[dot] != ".":
            return False
        j = dot
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        word = text[j:dot].lower()
        return word in self.cues.abbreviations or (len(word) == 1 and word.isalpha() and word.isupper()) \
            or (len(word) == 1 and text[j].isupper()) or "." in word

    def _para_of(self, pos: int) -> tuple[int, int]:
        text = self._text
        b = text.find("\n", pos)
        return text.rfind("\n", 0, pos) + 1, (len(text) if b < 0 else b)

    # ------------------------------------------------------------ transcripts
    def _transcripts(self, doc: Doc) -> tuple[list[Draft], list[tuple[int, int]]]:
        """Paragraphs led by a speaker label, and the unlabelled ones of the same turn."""
        text = self._text
        paras = paragraphs(text)
        labels = {}
        qa = {}
        for a, b in paras:
            m = LABEL.match(text, a, b)
            if m and any(ch.isalpha() for ch in m.group("label")):
                labels[a] = m
            elif (m := QA_LABEL.match(text, a, b)) is not None:
                qa[a] = m
        if {m.group("label") for m in qa.values()} == {"Q", "A"}:  # not "A. J. Smith said"
            labels.update(qa)
        if len(labels) < 2:
            return [], []
        drafts, spans = [], []
        first, last = min(labels), max(labels)
        parties: list[facts.Party] = []
        for a, b in paras:
            if a < first:
                continue
            m = labels.get(a)
            if m is None and a > last and (re.search(r"[\"“”«»]", text[a:b]) or self._reported(a, b)):
                break  # the article's prose resumes after the transcript
            if m is not None:
                parties = self._label_parties(doc, m.group("label"), first)
            s, e = _trimmed(text, m.start("body") if m else a, b)
            if e > s and parties:  # an unnamed questioner's turn ("Q:") attributes nothing
                drafts.append(Draft("direct", [(s, e)], None, s, (a, b), parties=parties))
            spans.append((a, b))
        return drafts, spans

    def _reported(self, a: int, b: int) -> bool:
        return any(self.cues.is_attribution(t) for t in self._tokens(a, b))

    def _label_parties(self, doc: Doc, label: str, transcript_start: int) -> list[facts.Party]:
        """The speaker a label names; "A:" answers are the interviewee's (the first
        person the introduction names); "Q:" and other unnamed labels name nobody."""
        words = [w.strip(".") for w in label.split()]
        low = " ".join(w.lower() for w in words)
        if low in self.cues.answer_labels:
            ents = doc._.entity_of_token or {}
            person = next((ents[t.i] for t in doc if t.idx < transcript_start and ents.get(t.i) is not None
                           and ents[t.i].type == "PERSON"), None)
            return [facts.Party(name=person.name, entity=person.id)] if person else []
        if low in self.cues.anonymous_labels:
            return []
        names = [w for w in words if w.lower() not in self.cues.label_titles] or words
        wanted = " ".join(names).lower()
        for ent in doc._.entities or []:
            if any(f.lower() == wanted or f.lower().endswith(" " + wanted) for f in [ent.name, *ent.aliases]):
                return [facts.Party(name=ent.name, entity=ent.id)]
        return [facts.Party(name=" ".join(n.capitalize() for n in names))]

    # ------------------------------------------------------------ direct / partial
    def _direct_and_partial(self, marked: list[Marked]) -> list[Draft]:
        text = self._text
        drafts: list[Draft] = []
        top = [m for m in marked if m.depth == 0]
        last: Draft | None = None
        for k, m in enumerate(top):
            s_start, s_end = self._sentence_of(m.open_at)
            prev_close = max([t.last_mark + 1 for t in top[:k] if t.last_mark < m.open_at] + [s_start])
            b_start = max(s_start, prev_close)
            before = text[b_start:m.open_at]
            nxt_open = min([t.open_at for t in top[k + 1:]] + [self._para_of(m.last_mark)[1]])
            a_end = min(nxt_open, max(self._sentence_of(m.last_mark + 1)[1], m.last_mark + 1))
            after_cue, after_window = self._attribution_after(m, a_end)

            # '"…," X said. "…"' or '"…," X said, "…"': the same record goes on
            gap = text[last.attr_end:m.open_at] if last is not None and last.attr_end >= 0 else "x"
            if after_cue is None and not gap.strip() and "\n" not in gap:
                said = last.cue_tok.i if last.cue_tok is not None else -1
                again = [t for t in self._tokens(prev_close, m.open_at)
                         if t.i != said and self.cues.is_attribution(t) and not self._quoted[t.i]]
                if again:  # '"…," X said, adding: "…"': a new record of the same speaker
                    d = Draft("direct", list(m.pieces), again[-1].text, again[-1].idx,
                              (again[-1].idx, m.last_mark + 1), same_as=last, final_stop=True, cue_tok=again[-1])
                    last.attr_end = -1
                    drafts.append(d)
                    drafts += self._inner(m, marked)
                    continue
                last.pieces.extend(m.pieces)
                last.attr_end = -1
                last.ev = (last.ev[0], max(last.ev[1], m.last_mark + 1))
                drafts += self._inner(m, marked)
                continue

            before_cue, before_window = self._attribution_before(b_start, m.open_at)
            if not before.strip() or before_cue is not None:
                d = Draft("direct", list(m.pieces), None, m.start, (m.open_at, m.last_mark + 1), final_stop=True)
                if after_cue is not None:
                    self._attach(d, after_cue, after_window, "after")
                    d.attr_end = a_end
                    d.ev = (d.ev[0], max(d.ev[1], a_end))
                elif before_cue is not None:
                    self._attach(d, before_cue, before_window, "nearest")
                else:
                    d.inherit = True
                    d.window = self._previous_sentence(m.open_at)
                drafts.append(d)
                last = d
                drafts += self._inner(m, marked)
                continue

            # inside the reporter's sentence: a partial quote, if someone says it
            last = None
            inner = text[m.start:m.end]
            cue = after_cue or self._partial_cue(m, s_start, s_end)
            if self._is_title(inner) or cue is None:
                continue
            d = Draft("partial", list(m.pieces), None, m.start, (m.open_at, m.last_mark + 1))
            if cue is after_cue:
                self._attach(d, cue, after_window, "after")
            else:
                window, shared = self._clause_window(cue)
                self._attach(d, cue, window, "first" if shared else "nearest")
            drafts.append(d)
        return drafts

    def _previous_sentence(self, pos: int) -> list[Token]:
        """Tokens of the sentence before pos when it is in the same paragraph."""
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k <= 0 or self._para_index(self._sents[k - 1][0]) != self._para_index(pos):
            return []
        return self._tokens(*self._sents[k - 1])

    def _attach(self, d: Draft, cue: Token, window: list[Token], mode: str) -> None:
        d.cue, d.cue_tok = ("according to" if self._according(cue) else cue.text), cue
        d.anchor = min(d.anchor, cue.idx) if d.type == "partial" else cue.idx
        d.window, d.mode = window, ("nearest" if mode != "first" else "first")
        d.ev = (min(d.ev[0], cue.idx), max(d.ev[1], cue.idx + len(cue)))
        if self._is_participle(cue):
            d.mode = "participle"

    def _attribution_after(self, m: Marked, a_end: int) -> tuple[Token | None, list[Token]]:
        """'"…," X said' / '"…," said X': the cue and the words naming the speaker."""
        start = m.last_mark + 1
        toks = self._tokens(start, a_end)
        words = [t for t in toks if not t.is_punct]
        if not words:
            return None, []
        if words[0].pos_ in ("CCONJ", "SCONJ", "ADP"):
            return None, []  # '"…" and urged …': the reporter's sentence goes on
        for n, t in enumerate(toks[:14]):
            if t.text in ".!?" or (t.is_punct and t.text in "“\"«"):
                break
            if self._according(t) and n <= 2:  # '"…," according to X'
                window = []
                for x in toks[n + 2:n + 12]:
                    if x.is_punct and x.text not in "’'()":
                        break
                    window.append(x)
                return t, window
            if self.cues.is_attribution(t) and not self._quoted[t.i]:
                window = [x for x in toks[:n] if not (x.is_punct and x.text in ",—–-")]
                if len([x for x in window if not x.is_punct]) > 9:
                    return None, []
                if window and not self._names_someone(window):
                    return None, []
                return t, window or self._words_after(t)  # inverted: "said Peskov"
        return None, []

    def _names_someone(self, window: list[Token]) -> bool:
        """A noun, name or pronoun, or an adjective used as a noun ("the former international")."""
        return any(t.pos_ in ("PROPN", "NOUN", "PRON") or t.ent_type_ for t in window) or (
            window[-1].pos_ == "ADJ" and any(t.pos_ == "DET" for t in window[:-1]))

    def _attribution_before(self, b_start: int, open_at: int) -> tuple[Token | None, list[Token]]:
        """'X said: "…"' / 'X said, "…"': a cue ending the words before the marks."""
        seg = self._text[b_start:open_at].rstrip()
        toks = self._tokens(b_start, open_at)
        if not seg or not toks:
            return None, []
        text = self._text
        bare_cue = self.cues.is_verb(toks[-1]) and self.cues.lemma(toks[-1]) in self.cues.clause
        if not (seg[-1] in ":,—–" or (bare_cue and text[open_at + 1:open_at + 2].isupper())):
            return None, []
        for n in range(len(toks) - 1, max(-1, len(toks) - 7), -1):
            t = toks[n]
            if self.cues.is_attribution(t) and not self._quoted[t.i]:
                return t, toks[:n]
        return None, []

    def _partial_cue(self, m: Marked, s_start: int, s_end: int) -> Token | None:
        toks = [t for t in self._tokens(s_start, s_end) if not self._quoted[t.i] and self._cue_for_partial(t)]
        if not toks:
            return None
        earlier = [t for t in toks if t.idx < m.open_at]
        return earlier[-1] if earlier else toks[0]

    def _cue_for_partial(self, t: Token) -> bool:
        if self._according(t):
            return True
        return self.cues.is_attribution(t) and not self._negated(t)

    @staticmethod
    def _is_title(inner: str) -> bool:
        """A work title: every content word capitalised, no sentence punctuation."""
        words = WORD.findall(inner)
        if len(words) < 2 or len(words) > 12 or re.search(r"[,.;:!?]$", inner.strip()):
            return False
        content = [w for k, w in enumerate(words) if k == 0 or w.lower() not in TITLE_SMALL]
        return all(w[0].isupper() or w[0].isdigit() for w in content)

    def _inner(self, outer: Marked, marked: list[Marked]) -> list[Draft]:
        """Quotes nested in a direct quote and introduced by a cue inside it."""
        out = []
        lo, hi = outer.start, outer.end
        for n in marked:
            if n.depth != 1 or not (lo <= n.open_at < hi):
                continue
            s_start = lo
            for m in SENTENCE_END.finditer(self._text, lo, n.open_at):
                s_start = m.end()
            toks = self._tokens(s_start, n.open_at)
            seg = self._text[s_start:n.open_at].rstrip()
            if not toks or not seg or seg[-1] not in ":,":
                continue
            cue = next((t for t in reversed(toks[-6:]) if self.cues.is_attribution(t)), None)
            if cue is None:
                continue
            d = Draft("direct", list(n.pieces), cue.text, cue.idx, (lo, hi), window=[t for t in toks if t.i < cue.i],
                      within=(lo, hi), final_stop=True, cue_tok=cue)
            out.append(d)
        return out

    # ------------------------------------------------------------ indirect
    def _indirect(self, drafts: list[Draft], in_transcript) -> list[Draft]:
        doc = self._doc
        used = {d.cue_tok.i for d in drafts if d.cue_tok is not None}
        quoted_pieces = [(a, b) for d in drafts for a, b in d.pieces]
        out: list[Draft] = []
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        for i in [i for i, h in enumerate(lowers) if h in self._cue_hashes]:  # token objects only for cue words
            if self._quoted[i] or i in used:
                continue
            t = doc[i]
            if in_transcript(t.idx):
                continue
            if any(a <= t.idx < b for d in out for a, b in d.pieces):
                continue  # a cue inside reported words is part of them
            d = self._indirect_at(t, drafts + out)
            if d is None:
                continue
            if any(a <= x < b or x <= a < y for a, b in d.pieces for x, y in quoted_pieces):
                continue  # holds quoted words: the direct/partial record stands for it
            out.append(d)
        return out

    def _indirect_at(self, t: Token, earlier: list[Draft]) -> Draft | None:
        s_start, s_end = self._sentence_of(t.idx)
        end_i = self._last_token_before(s_end)
        if self._according(t):
            return self._according_to(t, s_start, s_end)
        lemma = self.cues.lemma(t)
        if t.pos_ == "NOUN" and t.lower_ in self.cues.noun_infinitive:
            span = self._infinitive_after(t.i + 1, end_i)
            if span is None:
                return None
            d = Draft("indirect", [span], t.text, t.idx, (s_start, s_end), cue_tok=t)
            self._speaker_for(d, t, s_start, earlier)
            d.mode = "first"
            return d
        if not self.cues.is_verb(t) or self._negated(t):
            return None
        span = None
        window_mode = None
        if lemma in self.cues.infinitive or lemma in self.cues.addressee:
            j = t.i + 1
            if lemma == "call":
                if j > end_i or self._doc[j].lower_ != "on":
                    j = -1
                else:
                    j = self._skip_np(j + 1, end_i)
            elif lemma in self.cues.addressee:
                j = self._skip_np(j, end_i)
            if j >= 0:
                span = self._infinitive_after(self._skip_adjuncts(j, end_i), end_i)
        before_window: list[Token] = []
        if span is None and lemma in self.cues.clause:
            span = self._clause_after(t, lemma, end_i)
            if span is None:
                found = self._clause_before(t, s_start)
                if found is not None:
                    pieces, before_window = found
                    span, window_mode = pieces[0], "after"
        named_only = False
        if span is None and lemma in self.cues.np_statement:
            j = t.i + 1
            if j <= end_i and self._doc[j].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "PRON"):
                span, named_only = self._trim_span(j, end_i, framing=True), True
        if span is None:
            return None
        d = Draft("indirect", pieces if window_mode == "after" else [span], t.text, t.idx, (s_start, s_end),
                  cue_tok=t, named_only=named_only)
        if window_mode == "after":
            d.window = before_window
        else:
            self._speaker_for(d, t, s_start, earlier)
        return d

    def _speaker_for(self, d: Draft, cue: Token, s_start: int, earlier: list[Draft]) -> None:
        if self._is_participle(cue):
            prev = [x for x in earlier if x.cue_tok is not None and s_start <= x.cue_tok.idx < cue.idx]
            if prev:
                d.same_as = prev[-1]
                return
            d.mode = "participle"
        d.window, shared = self._clause_window(cue)
        if shared:
            d.mode = "first"

    def _is_participle(self, cue: Token) -> bool:
        prev = cue.doc[cue.i - 1] if cue.i > 0 else None
        return cue.lower_.endswith("ing") and prev is not None and prev.text in (",", "—", "–", "-")

    def _clause_window(self, cue: Token) -> tuple[list[Token], bool]:
        """Tokens from the start of the cue's clause (sentence, or after a quote) to
        the cue, and whether the cue shares the subject of an earlier verb
        ("X conceded …, but insisted that …": the speaker opens the sentence)."""
        s_start, _ = self._sentence_of(cue.idx)
        lo = s_start
        for m in self._top:
            if s_start <= m.last_mark < cue.idx:
                lo = max(lo, m.last_mark + 1)
        window = self._tokens(lo, cue.idx)
        lead = [t for t in window if not t.is_punct]
        if lead and lead[0].pos_ == "CCONJ":  # '… “frank” and said …': the shared subject
            return self._without_fronted(self._tokens(s_start, cue.idx)), True
        tail = len(window)
        while tail > 1 and window[tail - 1].pos_ in ("ADV", "AUX", "PART"):
            tail -= 1
        if tail > 1 and window[tail - 1].pos_ == "CCONJ":  # "X met Y on Monday, but (also) insisted …"
            return self._without_fronted(window[:tail - 1]), True
        inside = self._relative_clause(window)
        for k in range(len(window) - 2, 0, -1):  # '…, but officials said': a new clause, a new subject
            if inside[0] <= k <= inside[1]:
                continue  # "X, who grew up in Y, and drove …, said": still X's relative clause
            opens_clause = (window[k].pos_ == "CCONJ" and window[k - 1].text in (",", ";")) or \
                (window[k].lower_ in SUBORDINATORS and (window[k].pos_ == "SCONJ" or is_marker(self.syntax, window[k])))
            if not opens_clause:
                continue
            if any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in window[k + 1:]):
                return window[k + 1:], False
            if window[k].pos_ == "CCONJ" and all(t.pos_ in ("ADV", "AUX", "PART") for t in window[k + 1:]):
                return self._without_fronted(window[:k]), True
        return self._without_fronted(window), False

    @staticmethod
    def _relative_clause(window: list[Token]) -> tuple[int, int]:
        """Indexes of ", who … ," in a window: up to the comma before the cue when the
        window ends with one (the clause may hold commas of its own), else the next comma."""
        start = next((k for k in range(1, len(window)) if window[k].lower_ in RELATIVES
                      and window[k - 1].text == ","), None)
        if start is None:
            return len(window), -1
        if window[-1].text == ",":
            return start, len(window) - 1
        end = next((k for k in range(start, len(window)) if window[k].text == ","), len(window) - 1)
        return start, end

    @staticmethod
    def _without_fronted(window: list[Token]) -> list[Token]:
        """Drop a fronted adverbial ("Speaking to reporters in Geneva, …", "After the vote, …"):
        the names in it are not the speaker."""
        if not window or not (window[0].tag_ in ("VBG", "VBN") or window[0].pos_ in ("ADP", "SCONJ")):
            return window
        for k, t in enumerate(window[:-1]):
            if t.text != ",":
                continue
            rest = window[k + 1:]
            if rest[0].ent_type_ in ("GPE", "LOC") and any(x.text == "," for x in rest[1:]):
                continue  # "in Windsor, Ontario, the minister said"
            if any(x.pos_ in ("NOUN", "PROPN", "PRON") for x in rest):
                return rest
            break
        return window

    def _speaker_words_before(self, cue: Token) -> list[Token]:
        """', prosecutor X told reporters': the words between the comma and the cue."""
        out = []
        i = cue.i - 1
        s_start = self._sentence_of(cue.idx)[0]
        while i >= 0 and self._doc[i].idx >= s_start and not (self._doc[i].is_punct and self._doc[i].text in ",;—–"):
            out.insert(0, self._doc[i])
            i -= 1
        return [t for t in out if not t.is_space]

    def _words_after(self, cue: Token) -> list[Token]:
        """'…, said Peskov.': the words after an inverted cue, up to punctuation."""
        out = []
        doc = self._doc
        i, stop = cue.i + 1, min(cue.i + 9, len(doc))
        while i < stop:
            t = doc[i]
            if t.is_punct and t.text not in "’'":
                if t.text == "," and not any(x.pos_ == "PROPN" or x.ent_type_ for x in out) \
                        and i + 1 < len(doc) and (doc[i + 1].pos_ == "PROPN" or doc[i + 1].ent_type_):
                    out.append(t)  # "says its chief scientist, Dr Alice Trevithick."
                    i, stop = i + 1, min(i + 6, len(doc))
                    continue
                break
            if t.pos_ in ("ADP", "SCONJ", "VERB") and any(x.pos_ == "PROPN" or x.ent_type_ for x in out):
                break  # "said Peskov after a call with Witkoff": the speaker is named
            out.append(t)
            i += 1
        return out

    def _negated(self, t: Token) -> bool:
        """'did not say', 'without agreeing', 'declined to comment', 'failed to agree'."""
        doc = self._doc
        if is_negated(self.syntax, t):
            return True
        prev = [doc[i] for i in range(max(0, t.i - 3), t.i) if not doc[i].is_space]
        if prev and prev[-1].lower_ in self.cues.negators:
            return True
        if len(prev) >= 2 and prev[-2].lower_ in self.cues.negators and prev[-1].pos_ in ("AUX", "VERB"):
            return True
        if prev and prev[-1].lower_ == "to" and len(prev) >= 2 and self.cues.lemma(prev[-2]) in self.cues.blockers:
            return True
        return False

    def _according(self, t: Token) -> bool:
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        return nxt is not None and f"{t.lower_} {nxt.lower_}" in self.cues.source_phrases

    def _last_token_before(self, end: int) -> int:
        r = self._token_range(end - 1, end)
        return r.stop - 1 if r.stop > 0 else 0

    # ----- surface structure after a cue ------------------------------------
    def _skip_np(self, j: int, end_i: int) -> int:
        """Past an addressee: "told *reporters*", "asked *the bank (CEIB), which …,*"."""
        doc = self._doc
        if j > end_i:
            return j
        ents = doc._.entity_of_token or {}
        tok = doc[j]
        if tok.lower_ == "that":
            return j
        if tok.pos_ == "PRON":
            j += 1
        elif ents.get(j) is not None or tok.ent_type_:
            while j <= end_i and (ents.get(j) is not None or doc[j].ent_type_) and not doc[j].is_punct:
                j += 1
        else:
            n = 0
            while j <= end_i and doc[j].pos_ in ("DET", "ADJ", "NUM") and n < 3:
                j, n = j + 1, n + 1
            n = 0
            while j <= end_i and (doc[j].pos_ in ("NOUN", "PROPN") or doc[j].lower_ in ("’s", "'s")) and n < 6:
                j, n = j + 1, n + 1
        if j <= end_i and doc[j].text == "(":  # "(CEIB)"
            k = j
            while k <= end_i and doc[k].text != ")":
                k += 1
            j = k + 1
        if j + 1 <= end_i and doc[j].text == "," and doc[j + 1].lower_ in ("which", "who", "whose"):
            k = j + 1
            while k <= end_i and doc[k].text != ",":
                k += 1
            j = k + 1
        return j

    def _skip_adjuncts(self, j: int, end_i: int) -> int:
        """Past "in a statement", "on Thursday", "after the meeting", "also"."""
        doc = self._doc
        for _ in range(6):
            if j > end_i:
                break
            tok = doc[j]
            if tok.lower_ in APPROXIMATORS and j + 1 <= end_i and doc[j + 1].pos_ == "NUM":
                break  # "said about 380 jobs would go": the clause itself
            if tok.lower_ in self.cues.time_modifiers and j + 1 <= end_i and (
                    doc[j + 1].lower_ in self.cues.time_nouns or doc[j + 1].lower_ in WEEKDAYS):
                j += 2  # "told the paper last week that …", "said late Tuesday"
            elif tok.pos_ == "ADP" and tok.lower_ not in ("that", "to"):
                k, n = j + 1, 0
                while k <= end_i and n < 6 and doc[k].lower_ != "that" and (
                        doc[k].pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or (n == 0 and doc[k].pos_ == "PRON")):
                    if n > 0 and doc[k].pos_ == "DET" and doc[k - 1].pos_ in ("PROPN", "NOUN"):
                        break  # "said in Albany the city would sue": a new noun phrase, the clause's subject
                    k, n = k + 1, n + 1
                if n == 0:
                    break
                j = k
            elif tok.pos_ == "ADV" and tok.lower_ not in ("there", "how", "when", "where", "why"):
                j += 1
            elif j in self._date_end:  # "last month", "on Tuesday" (the dates component found it)
                j = self._date_end[j]
            elif tok.ent_type_ == "DATE" or tok.lower_ in WEEKDAYS:
                j += 1
            else:
                break
        return j

    def _clause_after(self, t: Token, lemma: str, end_i: int) -> tuple[int, int] | None:
        """"said (that) <clause>": the clause, if what follows the cue is one."""
        doc = self._doc
        j = t.i + 1
        if j <= end_i and doc[j].lower_ in ("out",):
            j += 1
        if lemma in self.cues.addressee_clause:
            j = self._skip_np(j, end_i)
        j = self._skip_adjuncts(j, end_i)
        return self._clause_at(j, end_i) or self._clause_at(self._distant_that(j, end_i), end_i)

    def _distant_that(self, j: int, end_i: int) -> int:
        """"wrote in a letter to shareholders that …", "told staff in a memo seen by
        Reuters that …": the "that" after a longer stretch with no finite verb."""
        doc = self._doc
        for k in range(j, min(end_i, j + 14) + 1):
            x = doc[k]
            if x.lower_ == "that" and k > j and (is_marker(self.syntax, x) or x.tag_ == "IN" or x.pos_ == "SCONJ"):
                return k
            if x.tag_ in ("VBD", "VBZ", "VBP", "MD") or self._quoted[k] or x.text in ";:" \
                    or x.lower_ in self.cues.wh_words:
                break
        return end_i + 1

    def _clause_at(self, j: int, end_i: int) -> tuple[int, int] | None:
        """The reported clause starting at j ("(that) the strike would end"), if it is one."""
        doc = self._doc
        if j <= end_i and doc[j].text == ",":
            return None
        marked = False
        if j <= end_i and doc[j].lower_ == "that":
            j, marked = j + 1, True
            if j <= end_i and doc[j].text == ",":
                j += 1  # "said that, if the weather allows, the ship would sail"
        if j > end_i:
            return None
        first = doc[j]
        if (first.lower_ in self.cues.wh_words and not marked) or first.lower_ == "to" or first.is_punct:
            return None  # "agreed on who …", but "said that if …, …" is a statement
        approx = first.lower_ in APPROXIMATORS and j + 1 <= end_i and doc[j + 1].pos_ == "NUM"  # "about 380 jobs"
        if not marked and first.pos_ in ("ADP", "VERB", "AUX", "CCONJ", "SCONJ", "PART") and not approx:
            return None
        span = self._trim_span(j, end_i)
        if span is None:
            return None
        for x in doc[j:self._last_token_before(span[1]) + 1]:  # a clause, not a noun phrase
            if self._finite(x):
                return span
            if x.lower_ in ("that", "which", "who", "whom", "whose") and x.i > j:
                return None
        return None

    def _clause_before(self, t: Token, s_start: int) -> tuple[list[tuple[int, int]], list[Token]] | None:
        """'The men had hoped …, prosecutor X told reporters': the words before the
        comma (with the rest of the sentence when the attribution stands inside it:
        'The company, he added, had refused …'), and the words naming the speaker."""
        doc = self._doc
        words = self._without_passive_frame(self._speaker_words_before(t))
        tense_aux = lambda x: x.pos_ == "AUX" and x.lower_ not in BE_FORMS  # noqa: E731  "has said", not "was admitted"
        if len(words) > 8 or any(self._finite(x) and not tense_aux(x) for x in words):
            return None
        comma = words[0].i - 1 if words else t.i - 1  # "…, said Peskov" when no words
        if comma < 0 or doc[comma].text not in ",;—–":
            return None
        if not words and not self._inverted(t):  # "…, the bank's governor, Anna Berg, said"
            comma, words = self._speaker_segments(comma, s_start)
        first = self._tokens(s_start, doc[comma].idx)
        if not first or self._quoted[first[0].i]:
            return None
        end_i = self._last_token_before(self._sentence_of(t.idx)[1])
        after: list[Token] = []
        for x in doc[t.i + 1:end_i + 1]:
            if x.text in ",;" or (x.lower_ in SUBORDINATORS and x.i > t.i + 1):
                break  # "…, X predicted, though it warned …", "…, officials said because they …": another clause
            after.append(x)
        if any(self._finite(x) for x in after):
            return None
        window = words or self._words_after(t)
        span = self._trim_span(first[0].i, comma - 1)
        if span is None:
            return None
        if any(self._finite(x) for x in first):
            return [span], window
        k = (after[-1].i if after else t.i) + 1  # "The company, he added, had refused to negotiate."
        if words and k < end_i and doc[k].text == "," and any(self._finite(x) for x in doc[k + 1:end_i + 1]):
            rest = self._trim_span(k + 1, end_i)
            return ([span, rest], window) if rest is not None else None
        return None

    def _without_passive_frame(self, words: list[Token]) -> list[Token]:
        """"X was quoted as (saying)": the speaker words without the frame."""
        for frame in self.cues.passive_frames:
            n = len(frame.split())
            if len(words) > n and " ".join(w.lower_ for w in words[-n:]) == frame:
                words = words[:-n]
                while words and words[-1].pos_ == "AUX":
                    words = words[:-1]
                return words
        return words

    def _inverted(self, t: Token) -> bool:
        """'…, said the minister': a subject after the cue (never after "told")."""
        if self.cues.lemma(t) in self.cues.addressee_clause:
            return False
        end_i = self._last_token_before(self._sentence_of(t.idx)[1])
        j = self._skip_adjuncts(t.i + 1, end_i)
        return j <= end_i and self._doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON")

    def _speaker_segments(self, comma: int, s_start: int) -> tuple[int, list[Token]]:
        """Comma-separated noun phrases and relative clauses just before a cue
        ("…, the bank's governor, Anna Berg, said", "…, Berg, who took office in
        2022, told parliament"): the comma that ends the reported clause, and them."""
        doc = self._doc
        end, found = comma, []
        while True:
            j = end - 1
            while j >= 0 and doc[j].idx >= s_start and doc[j].text not in ",;—–":
                j -= 1
            if j < 0 or doc[j].idx < s_start:
                break
            seg = [x for x in doc[j + 1:end] if not x.is_space]
            if not seg or len(seg) > 8 or self._quoted[seg[0].i]:
                break
            nominal = any(x.pos_ in ("NOUN", "PROPN") for x in seg) and not any(self._finite(x) for x in seg)
            if not (nominal or seg[0].lower_ in RELATIVES):
                break
            found = [*seg, doc[end], *found] if found else seg  # with the comma between
            end = j
        ents = self._doc._.entity_of_token or {}
        if found and any(ents.get(x.i) is not None or x.ent_type_ in ("PERSON", "ORG") for x in found):
            return end, found
        return comma, []

    def _infinitive_after(self, j: int, end_i: int) -> tuple[int, int] | None:
        doc = self._doc
        if j + 1 > end_i or doc[j].lower_ != "to":
            return None
        verb = doc[j + 1]
        if not self._verb_like(verb, doc[j + 2] if j + 2 <= end_i else None):
            return None
        return self._trim_span(j, end_i, framing=True)

    @staticmethod
    def _verb_like(tok: Token, nxt: Token | None) -> bool:
        """A base verb after "to" (tolerant of tagging slips: "to harmonise safety …")."""
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ == "VB":
            return True
        if not tok.is_alpha or not tok.is_lower or tok.pos_ in ("DET", "PRON", "NUM", "PROPN"):
            return False
        if tok.pos_ == "NOUN":
            return not tok.lower_.endswith("s") and nxt is not None and nxt.pos_ in ("DET", "NOUN", "ADJ", "NUM", "PRON")
        return True

    @staticmethod
    def _finite(t: Token) -> bool:
        """A finite verb; a past participle right after its subject counts ("leaders discussed")."""
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or "VerbForm=Fin" in str(t.morph):
            return True
        prev = t.doc[t.i - 1] if t.i > 0 else None
        return t.tag_ == "VBN" and prev is not None and prev.pos_ in ("NOUN", "PROPN", "PRON")

    def _according_to(self, t: Token, s_start: int, s_end: int) -> Draft | None:
        """'According to X, …' and '…, according to X' (when no verb of the sentence attributes it)."""
        doc = self._doc
        toks = self._tokens(s_start, s_end)
        src: list[Token] = []
        for x in toks:
            if x.i <= t.i + 1:
                continue
            if x.is_punct and x.text in ",;.:!?":
                break
            src.append(x)
        if not src:
            return None
        before = [x for x in toks if x.i < t.i and not x.is_punct]
        end_i = self._last_token_before(s_end)
        if not before:  # "According to X, <content>."
            j = src[-1].i + 1
            if j + 1 <= end_i and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an"):
                k = j + 1  # skip an apposition: ", an industry body that …,"
                while k <= end_i and doc[k].text != ",":
                    k += 1
                j = k if k < end_i else j
            span = self._trim_span(j, end_i)
        else:
            if any(self.cues.is_attribution(x) and not self._quoted[x.i] for x in toks if x.i < t.i):
                return None
            span = self._trim_span(toks[0].i, t.i - 1)
            j = src[-1].i + 1  # "The plant, according to X, will open in May": the sentence around it
            if span is not None and not any(self._finite(x) for x in before) and j < end_i and doc[j].text == "," \
                    and any(self._finite(x) for x in doc[j + 1:end_i + 1]):
                rest = self._trim_span(j + 1, end_i)
                if rest is not None:
                    return Draft("indirect", [span, rest], "according to", t.idx, (s_start, s_end), window=src,
                                 mode="first", cue_tok=t)
        if span is None:
            return None
        return Draft("indirect", [span], "according to", t.idx, (s_start, s_end), window=src, mode="first",
                     cue_tok=t)

    def _new_attribution(self, lo: int, hi: int) -> bool:
        """A subject and a cue verb opening the clause at lo (", but officials *said* …")."""
        for t in self._doc[lo:min(hi, lo + 6) + 1]:
            if self.cues.is_attribution(t):
                return t.i > lo
            if t.is_punct or t.lower_ == "that":
                return False
        return False

    def _trim_span(self, lo: int, hi: int, framing: bool = False) -> tuple[int, int] | None:
        """Chars of tokens lo..hi, cut before ", according to", ", adding …" and
        (for infinitives) before the reporter's framing (", after …")."""
        doc = self._doc
        for x in doc[lo:hi + 1]:
            if x.text == "," and x.i + 1 <= hi:
                nxt = doc[x.i + 1]
                if self._according(nxt) or (self.cues.is_verb(nxt) and nxt.lower_.endswith("ing")):
                    hi = x.i - 1
                    break
                if framing and (nxt.lower_ in FRAMING or nxt.pos_ in ("ADP", "SCONJ") or nxt.tag_ == "VBG"):
                    hi = x.i - 1
                    break
                if nxt.tag_ == "VBG" and nxt.lower_ not in self.cues.inner_participles \
                        and any(self._finite(y) for y in doc[lo:x.i]):
                    hi = x.i - 1  # "it would close the plant, blaming a slump …": the reporter's framing
                    break
                if nxt.pos_ == "CCONJ" and x.i + 2 <= hi and self.cues.is_attribution(doc[x.i + 2]) \
                        and self._finite(doc[x.i + 2]):
                    hi = x.i - 1  # ", but warned that …": the same subject's next statement
                    break
                if self._new_attribution(x.i + (2 if nxt.pos_ == "CCONJ" else 1), hi):
                    hi = x.i - 1  # ", but officials said …", ", the statement said": another attribution
                    break
        if lo <= hi and doc[lo].lower_ == "that" and is_marker(self.syntax, doc[lo]):
            lo += 1
        while lo <= hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in "($€£":
            lo += 1
        while hi >= lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in ")%":
            hi -= 1
        if hi < lo:
            return None
        a, b = doc[lo].idx, doc[hi].idx + len(doc[hi])
        if len(WORD.findall(self._text[a:b])) < 2:
            return None
        return a, b

    # ------------------------------------------------------------ speakers and records
    def _finish(self, doc: Doc, drafts: list[Draft], resolver: SpeakerResolver) -> list[facts.Quote]:
        drafts.sort(key=lambda d: (d.anchor, d.pieces[0][0]))
        src = facts.source_text(doc)
        out: list[facts.Quote] = []
        seen: set[tuple] = set()
        previous: list[facts.Party] = []
        prev_para = -10
        for d in drafts:
            para = self._para_index(d.pieces[0][0])
            if d.parties is not None:
                parties = d.parties
            elif d.same_as is not None:
                parties = d.same_as.resolved
            elif d.inherit:  # 'Ndiaye was defiant. "…"', else the previous speaker
                parties = resolver.person_opening(d.window) or (previous if para - prev_para <= 1 else [])
            elif d.mode == "participle":
                parties = resolver.from_window(d.window, "first", d.within)
            else:
                parties = resolver.from_window(d.window, d.mode, d.within)
            if d.named_only and not (parties and all(p.entity for p in parties)):
                continue
            d.resolved = parties
            if d.within is None:
                if parties:
                    resolver.note(d.anchor, parties)
                previous, prev_para = parties, para
            text = self._joined_text(src, d)
            ev = self._evidence(d.ev)
            start, end = d.pieces[0][0], d.pieces[-1][1]
            for p in parties or [None]:
                key = (start, end, p.name if p else None)
                if key not in seen:
                    seen.add(key)
                    out.append(facts.Quote(speaker=p, start=start, end=end, type=d.type, cue=d.cue,
                                           evidence_start=ev[0], evidence_end=ev[1], text=text))
        out.sort(key=lambda q: (q.start, q.end))
        return out

    def _para_index(self, pos: int) -> int:
        return bisect.bisect_right(self._para_starts, pos)

    @staticmethod
    def _joined_text(src: str, d: Draft) -> str | None:
        """Pieces joined by one space; a comma before the attribution becomes the
        punctuation the sentence needs. None when the words are one verbatim slice."""
        parts = [src[a:b] for a, b in d.pieces]
        for k in range(len(parts) - 1):
            nxt = parts[k + 1].lstrip("‘'\"“")
            # what ends the attribution between the pieces: '…," she said. "…' or '…," she said, "…'
            tail = src[d.pieces[k][1]:d.pieces[k + 1][0]].rstrip().rstrip("“\"«„‘'").rstrip()
            if "\n" not in tail and tail[-1:] in (".", "!", "?", ","):
                stop = tail[-1] != ","
            else:  # across paragraphs: the next piece tells
                stop = nxt[:1].isupper() and not nxt.startswith("I ")
            if parts[k].endswith(",") and stop:
                parts[k] = parts[k][:-1] + "."
        if d.final_stop and parts[-1].endswith(","):
            parts[-1] = parts[-1][:-1] + "."
        joined = " ".join(parts)
        a, b = d.pieces[0][0], d.pieces[-1][1]
        return None if joined == src[a:b] else joined

    def _evidence(self, rng: tuple[int, int]) -> tuple[int, int]:
        lo, hi = rng
        a = self._sentence_of(lo)[0]
        b = max(self._sentence_of(max(hi - 1, lo))[1], hi)
        return min(a, lo), min(b, len(self._text))


@Language.factory("extractor_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
