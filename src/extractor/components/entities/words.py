"""The word lists the entities component reads, loaded once from ``extractor/data``."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.strings import hash_string

from ... import wordlists
from ..gazetteer import gazetteer_data


def _lower(filename: str) -> frozenset[str]:
    return frozenset(t.lower() for t in wordlists.lines(filename))


@dataclass(frozen=True)
class Cues:
    """Cues of one or more lower-case words ("told", "according to", "known as") and the words
    they end on: most words end none, which one look-up says."""

    cues: tuple[tuple[str, ...], ...]
    ends: frozenset[str]

    @classmethod
    def of(cls, cues: list[list[str]]) -> Cues:
        listed = tuple(tuple(cue) for cue in cues)
        return cls(listed, frozenset(cue[-1] for cue in listed))

    def ending_at(self, lower: list[str], i: int) -> tuple[str, ...] | None:
        """The first cue whose words stand right before word ``i`` (``lower``: the words in lower case)."""
        if i == 0 or lower[i - 1] not in self.ends:
            return None
        return next((cue for cue in self.cues if len(cue) <= i and tuple(lower[i - len(cue):i]) == cue), None)


@dataclass(frozen=True)
class EntityWords:
    # function words (data/entity_words.toml)
    determiners: frozenset[str]
    coordinators: frozenset[str]
    name_joiners: frozenset[str]
    opener_joiners: frozenset[str]
    possessive: frozenset[str]
    in_place: frozenset[str]
    of_place: frozenset[str]
    told: Cues
    known_as: Cues
    based: frozenset[str]
    place_articles: frozenset[str]
    not_org_particles: frozenset[str]
    initial_skip: frozenset[str]
    title_small_words: frozenset[str]
    leading_only_heads: frozenset[str]
    personal_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    particles: frozenset[str]
    article_particles: frozenset[str]
    org_for: frozenset[str]
    ampersand: frozenset[str]
    org_joiners: frozenset[str]
    of: frozenset[str]
    time_zones: frozenset[str]
    # titles
    honorifics: frozenset[str]
    title_words: frozenset[str]
    title_phrases: frozenset[tuple[str, ...]]
    phrases_ending: dict[str, list[tuple[str, ...]]]
    title_modifiers: frozenset[str]
    # names and heads
    junk: frozenset[str]
    non_entity_heads: frozenset[str]
    currencies: frozenset[str]
    person_verbs: frozenset[str]
    person_verb_ids: frozenset[int]
    org_heads: frozenset[str]
    org_openers: frozenset[str]
    place_heads: frozenset[str]
    place_nouns_of: frozenset[str]
    plural_heads: frozenset[str]
    leading_place_heads: frozenset[str]
    generic_first: frozenset[str]
    generic_heads: dict[str, list[tuple[str, ...]]]
    org_descriptors: frozenset[str]
    role_descriptors: frozenset[str]
    org_generic_words: frozenset[str]
    place_prepositions: frozenset[str]
    # places and abbreviations
    known_places: dict[str, str | None]
    known_regions: frozenset[str]
    known_orgs: frozenset[str]
    abbreviation_names: frozenset[str]
    abbreviations: dict[str, str]  # matching key -> full name (keys made by the caller's norm)
    abbreviation_forms: dict[str, str]  # the abbreviation as written -> full name

    @functools.cached_property  # asked for word after word: the union is made once
    def title_ends(self) -> frozenset[str]:
        return self.title_words | frozenset(p[-1] for p in self.title_phrases)


def _title_words() -> dict:
    titles = wordlists.titles()
    phrases = frozenset(tuple(t.split()) for t in titles if " " in t)
    ending: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        ending.setdefault(phrase[-1], []).append(phrase)
    return dict(
        honorifics=frozenset(t for t, honorific in titles.items() if honorific),
        title_words=frozenset(t for t in titles if " " not in t),
        title_phrases=phrases, phrases_ending=ending, title_modifiers=_lower("title_modifiers.txt"),
    )


def _head_words() -> dict:
    org_words = wordlists.by_mark("org_heads.txt", ">")
    marked = wordlists.by_mark("place_heads.txt", "<+^")
    heads = marked[""]
    generic: dict[str, list[tuple[str, ...]]] = {}
    for head in sorted((tuple(h.split()) for h in heads if h[0].islower()), key=len, reverse=True):
        generic.setdefault(head[0], []).append(head)
    descriptors = [t.lower() for t in wordlists.lines("org_descriptors.txt")]
    return dict(
        org_heads=frozenset(org_words[""]), org_openers=frozenset(org_words[">"]),
        place_heads=frozenset(h for h in heads if h[0].isupper()), place_nouns_of=frozenset(marked["<"]),
        plural_heads=frozenset(marked["+"]), leading_place_heads=frozenset(marked["^"]),
        generic_first=frozenset(h.split()[0] for h in heads if h[0].islower()), generic_heads=generic,
        org_descriptors=frozenset(t.lstrip("~") for t in descriptors),
        role_descriptors=frozenset(t[1:] for t in descriptors if t.startswith("~")),
        org_generic_words=frozenset(wordlists.lines("org_generic_words.txt")),
        place_prepositions=_lower("place_prepositions.txt"),
    )


def _function_words() -> dict:
    data = wordlists.toml("entity_words.toml")
    sets = ("determiners", "coordinators", "name_joiners", "opener_joiners", "possessive", "of_place", "based",
            "place_articles", "not_org_particles", "initial_skip", "title_small_words", "leading_only_heads",
            "personal_pronouns", "neuter_pronouns", "article_particles", "org_for", "ampersand",
            "org_joiners", "of", "time_zones")
    words = {name: frozenset(data[name]) for name in sets}
    words["in_place"] = frozenset(data["place_prepositions"])
    words["told"] = Cues.of(data["told"])
    words["known_as"] = Cues.of(data["known_as"])
    words["particles"] = frozenset(wordlists.lines("name_particles.txt"))
    return words


def _abbreviation_words(norm) -> dict:
    pairs = [(short.strip(), full.strip()) for short, _, full in
             (line.partition("=") for line in wordlists.lines("abbreviations.txt"))]
    return dict(
        abbreviation_names=frozenset(full for _, full in pairs),
        abbreviations={norm(short): full for short, full in pairs},
        abbreviation_forms=dict(pairs),
    )


@functools.lru_cache(maxsize=1)
def entity_words(norm) -> EntityWords:
    places = gazetteer_data()
    person_verbs = _lower("person_verbs.txt")
    return EntityWords(
        **_function_words(), **_title_words(), **_head_words(), **_abbreviation_words(norm),
        junk=_lower("entity_junk.txt"), non_entity_heads=_lower("non_entity_heads.txt"),
        currencies=_lower("currencies.txt"), person_verbs=person_verbs,
        person_verb_ids=frozenset(hash_string(v) for v in person_verbs),
        known_places=places.gpe, known_regions=frozenset(n for n in places.features | places.loc if " " in n),
        known_orgs=frozenset(wordlists.lines("organisations.txt")),
    )
