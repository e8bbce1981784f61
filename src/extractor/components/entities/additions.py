"""Mentions the model left unlabelled, added to the referents the article names in
full: a company's first word ("Havbrise said" for "Havbrise Energi"), a bare surname
("Declercq told ..."), a well-known abbreviation ("U.S. President ...")."""
from __future__ import annotations

from spacy.tokens import Doc

from .clean import Mention
from .common import norm, opens_sentence
from .grouping import Group, people_by_name_word, surname_of
from .words import EntityWords


def _taken(groups: list[Group]) -> set[int]:
    return {i for g in groups for m in g.mentions for i in range(m.start, m.end)}


class Additions:
    def __init__(self, words: EntityWords) -> None:
        self.w = words

    def add_all(self, doc: Doc, words: list[str], groups: list[Group]) -> None:
        taken = _taken(groups)  # the tokens a mention covers, read once: each addition takes its own token
        self.short_company_names(words, groups, taken)
        self.bare_surnames(doc, words, groups, taken)
        self.abbreviations(words, groups, taken)

    def short_company_names(self, words: list[str], groups: list[Group], taken: set[int]) -> None:
        """Bare first words of company names ("Havbrise said" for "Havbrise Energi"), when
        only one organisation starts with that word and no other entity is called so."""
        starts = self._company_first_words(groups)
        free = [i for i, word in enumerate(words) if word in starts and i not in taken]  # listed in one pass
        if not free:
            return  # most articles: a company's first word stands only in its full name
        named: dict[str, set[int]] = {}  # one-word names -> ids of the groups using them
        for g in groups:
            for m in g.mentions:
                if m.n_tokens == 1:
                    named.setdefault(m.key, set()).add(id(g))
        for i in free:
            word, owners = words[i], starts[words[i]]
            if owners and len(owners) == 1 and named.get(norm(word), set()) <= {id(owners[0])} \
                    and not (i + 1 < len(words) and words[i + 1][:1].isupper()):
                owners[0].add(Mention(i, i + 1, i + 1, "ORG", word, norm(word)))
                taken.add(i)

    def _company_first_words(self, groups: list[Group]) -> dict[str, list[Group]]:
        starts: dict[str, list[Group]] = {}
        for g in (g for g in groups if g.family == "ORG"):  # the fullest form read for organisations only
            first = g.best_mention().name.split()
            if len(first) > 1 and len(first[0]) > 2 and first[0] not in self.w.org_generic_words \
                    and first[0].lower() not in self.w.title_modifiers and first[0].isalpha():
                starts.setdefault(first[0], []).append(g)
        return starts

    def abbreviations(self, words: list[str], groups: list[Group], taken: set[int]) -> None:
        """Unlabelled well-known abbreviations ("U.S. President ...") join the entity of
        their full name when the article has one."""
        forms = self.w.abbreviation_forms
        free = [i for i, word in enumerate(words) if word in forms and i not in taken]  # listed in one pass
        if not free:
            return  # the names are read only for an abbreviation no mention has taken
        by_name: dict[str, Group] = {}
        for g in groups:
            for m in g.mentions:
                by_name.setdefault(m.key, g)
            if g.canonical:
                by_name.setdefault(norm(g.canonical), g)
        for i in free:
            word, full = words[i], forms[words[i]]
            if full and norm(full) in by_name and not (i + 1 < len(words) and words[i + 1] == "$"):
                by_name[norm(full)].add(Mention(i, i + 1, i + 1, by_name[norm(full)].label, word, norm(word)))
                taken.add(i)

    def bare_surnames(self, doc: Doc, words: list[str], groups: list[Group], taken: set[int]) -> None:
        """Bare surnames the model left unlabelled ("Declercq told ..."): each joins the
        most recent person of that surname. A capitalised word opening a sentence
        counts only before a verb, "and" or 's ("Rice prices rose" is no Ms Rice)."""
        people = people_by_name_word(groups, self.w.particles)[0]
        surnames = {w: gs for w, gs in people.items() if len(w) > 2 and any(g.family == "PERSON" for g in gs)}
        if not surnames:
            return
        for i, word in enumerate(words):
            if not word[:1].isupper():
                continue  # most words: no name's key to make
            key = norm(word)  # "Krajčovič" is the key "krajcovic" of "Ľubomír Krajčovič"
            if key not in surnames or i in taken or doc[i].ent_type_ \
                    or i + 1 < len(words) and words[i + 1][:1].isupper() or not self._used_as_name(doc, i):
                continue
            mention = Mention(i, i + 1, i + 1, "PERSON", word, norm(word))
            target = surname_of(mention, (surnames, {}))
            if target is not None:
                target.add(mention)
                taken.add(i)

    def _used_as_name(self, doc: Doc, i: int) -> bool:
        if not opens_sentence(doc[i]):
            return True
        following = doc[i + 1] if i + 1 < len(doc) else None
        return following is not None and (
            following.pos_ in ("VERB", "AUX", "CCONJ") or following.text in self.w.possessive
            or following.lower_ in self.w.coordinators)
