"""The words of the mention layer, read once from ``data/mentions.toml``."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import wordlists
from ...wordlists import lowered


@dataclass(frozen=True)
class MentionWords:
    first_singular: frozenset[str]
    first_plural: frozenset[str]
    second: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    neuter: frozenset[str]
    plural: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    definite: frozenset[str]
    indefinite: frozenset[str]
    cataphoric: frozenset[str]
    body_prepositions: frozenset[str]
    label_prepositions: frozenset[str]
    member_prepositions: frozenset[str]
    person_roles: frozenset[str]
    voice: frozenset[str]
    organisations: frozenset[str]
    generic_organisations: frozenset[str]
    delegations: frozenset[str]
    trades: frozenset[str]
    union_words: frozenset[str]
    groups: dict[str, str]  # group noun -> member kind (PERSON, PLACE, ORG, any)
    numbers: dict[str, int]
    group_quantifiers: frozenset[str]
    anonymous_labels: frozenset[str]
    answer_labels: frozenset[str]

    @functools.cached_property  # asked for word after word: the union is made once
    def first_person(self) -> frozenset[str]:
        return self.first_singular | self.first_plural

    @functools.cached_property  # asked for word after word: the union is made once
    def third_person(self) -> frozenset[str]:
        return self.male | self.female | self.neuter | self.plural

    @functools.cached_property  # asked for word after word: the union is made once
    def phrase_heads(self) -> frozenset[str]:
        """The head lemmas some phrase reader takes: roles, voices, organisations,
        delegations, trades and group nouns."""
        return self.person_roles | self.voice | self.organisations | self.delegations | self.trades \
            | frozenset(self.groups)

    @functools.cached_property  # asked for every nominal head of every article
    def referring_forms(self) -> frozenset[str]:
        """The words (lower case) that refer whatever their lemma: pronouns, group
        quantifiers ("both") and numbers ("the two")."""
        return self.third_person | self.first_person | self.second | self.group_quantifiers | frozenset(self.numbers)

    @functools.cached_property
    def phrase_head_lemmas(self) -> dict[int, bool]:
        """Lemma ids known to be (or not to be) ``phrase_heads`` once lower-cased, filled as
        the articles bring them: each is tested once, not once per word."""
        return {}

    def gender_of_pronoun(self, word: str) -> str | None:
        """"m", "f", "n" (it) or "p" (they) for a third-person pronoun."""
        for gender, words in (("m", self.male), ("f", self.female), ("n", self.neuter), ("p", self.plural)):
            if word in words:
                return gender
        return None


@functools.lru_cache(maxsize=1)
def mention_words() -> MentionWords:
    data = wordlists.toml("mentions.toml")
    pronouns, nouns, turns = data["pronouns"], data["nouns"], data["turns"]
    return MentionWords(
        first_singular=lowered(pronouns["first_singular"]), first_plural=lowered(pronouns["first_plural"]),
        second=lowered(pronouns["second"]), male=lowered(pronouns["male"]), female=lowered(pronouns["female"]),
        neuter=lowered(pronouns["neuter"]), plural=lowered(pronouns["plural"]),
        male_titles=lowered(data["gender"]["male"]), female_titles=lowered(data["gender"]["female"]),
        definite=lowered(data["determiners"]["definite"]), indefinite=lowered(data["determiners"]["indefinite"]),
        cataphoric=lowered(data["determiners"]["cataphoric"]),
        body_prepositions=lowered(data["prepositions"]["body"]),
        label_prepositions=lowered(data["prepositions"]["label"]),
        member_prepositions=lowered(data["prepositions"]["members"]),
        person_roles=lowered(nouns["person_roles"]), voice=lowered(nouns["voice"]),
        organisations=lowered(nouns["organisations"]), generic_organisations=lowered(nouns["generic_organisations"]),
        delegations=lowered(nouns["delegations"]), trades=lowered(nouns["trades"]),
        union_words=lowered(nouns["union_words"]),
        groups={k.lower(): v for k, v in data["groups"].items()},
        numbers={k.lower(): int(v) for k, v in data["numbers"].items()},
        group_quantifiers=lowered(data["quantifiers"]["group"]),
        anonymous_labels=lowered(turns["anonymous"]), answer_labels=lowered(turns["answers"]),
    )
