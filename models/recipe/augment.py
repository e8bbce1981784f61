"""Synthetic NER examples for the news shapes the training corpora lack (issue 10).

Real news puts long titles before names ("Minister of Agriculture, Forestry and
Fisheries <name>", "The Prime Minister of the United Kingdom <name>", "Air Force
Maj. Gen. <name>"), short ones after a place or nationality ("U.S. President <name>",
"Kenyan Agriculture Minister <name>") and a country after the name ("President
<name> of Indonesia"), writes hyphenated and particle names ("Ban Ki-moon", "Haider
al-Abadi"), bylines ("By <name> <outlet>"), datelines ("GENEVA, May 12 -", "in
<place> Tuesday"), all-caps transcript labels ("SECRETARY <SURNAME>:") and
title-case headlines. Each example here is one training sentence (UD EWT / GUM
train with full NER) rewritten into one of those shapes, with names drawn from the
PERSON / ORG / GPE spans of the training split itself and title words from
``title_shapes.txt`` and the project's ``titles.txt`` / ``title_modifiers.txt``.

Inserted title words are always ``O``; a place or organisation named inside a title
keeps its label. Examples are NER-only Docs (no tags, heads or sentence starts, as
wikigold), tokenised by spaCy's English tokenizer as at run time, and the same
seed gives the same examples.
"""
from __future__ import annotations

import calendar
import random
import re
from pathlib import Path

from spacy.tokens import Doc

from extractor import wordlists

SHAPES_FILE = Path(__file__).with_name("title_shapes.txt")
SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "at", "in", "on", "for", "to", "with", "by", "as", "from"}
ARTICLES = {"the", "a", "an", "The", "A", "An"}
MAX_BASE_TOKENS = 40
MAX_HEADLINE_TOKENS = 16
MAX_TRIES = 20

# A piece of an example: its text and its entity label (None = O). Pieces are
# joined as they are, so spaces are pieces (or parts of O pieces) too.
Piece = tuple[str, "str | None"]


# --------------------------------------------------------------------------- word lists

def read_sections(path: Path = SHAPES_FILE) -> dict[str, list[str]]:
    """title_shapes.txt: '## name' headers, one entry a line, '#' comments."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif line.strip() and not line.startswith("#") and current is not None:
            current.append(line.strip())
    return sections


def title_case(phrase: str) -> str:
    """'vice-president' -> 'Vice-President'; 'attorney general' -> 'Attorney General'."""
    return re.sub(r"[a-z][a-z']*", lambda m: m.group().capitalize(), phrase)


def preposed_titles() -> list[str]:
    """Role words of titles.txt that are whole words (no honorifics, no abbreviations), title-cased."""
    return sorted(title_case(t) for t, honorific in wordlists.titles().items()
                  if not honorific and "." not in t and len(t) > 3)


def title_words(sections: dict[str, list[str]]) -> set[str]:
    """Lower-cased words of every title and portfolio the examples insert (all O)."""
    entries = [e for name in ("portfolios", "of_heads", "for_heads", "place_heads", "ranks",
                              "honorifics", "speaker_titles", "short_titles") for e in sections[name]]
    entries += preposed_titles() + wordlists.lines("title_modifiers.txt")
    words = {w.lower() for e in entries for w in re.findall(r"[A-Za-z][A-Za-z'.]*", e)}
    return words - SMALL_WORDS


# --------------------------------------------------------------------------- training material

def sentence_pieces(sent) -> list[Piece]:
    """A sentence Span as pieces: O stretches and labelled entity texts."""
    doc, pieces, i = sent.doc, [], sent.start
    for ent in sent.ents:
        pieces += [(doc[i:ent.start].text_with_ws, None), (ent.text, ent.label_),
                   (ent[-1].whitespace_, None)]
        i = ent.end
    pieces.append((doc[i:sent.end].text, None))
    return [p for p in pieces if p[0]]


def base_sentences(docs) -> list[list[Piece]]:
    """Sentences with complete NER annotation from the docs that have sentences, once each."""
    seen, out = set(), []
    for doc in docs:
        if not doc.has_annotation("SENT_START"):
            continue
        for sent in doc.sents:
            if (len(sent) > MAX_BASE_TOKENS or "\n" in sent.text or sent.text in seen
                    or any(t.ent_iob == 0 for t in sent)):
                continue
            seen.add(sent.text)
            out.append(sentence_pieces(sent))
    return out


def name_pools(docs, title_vocab: set[str]) -> dict[str, list[str]]:
    """PERSON / ORG / GPE texts of the training docs in a clean capitalised form, sorted;
    no personal name with a title word in it ('Special Envoy', 'Bishop')."""
    pools: dict[str, set[str]] = {"PERSON": set(), "ORG": set(), "GPE": set()}
    for doc in docs:
        for ent in doc.ents:
            words = ent.text.split()
            if not words or any(not w[:1].isupper() or w[0] in "@#" for w in words):
                continue
            if (ent.label_ == "PERSON" and len(words) in (2, 3) and all(w.isalpha() for w in words)
                    and not any(w.lower() in title_vocab for w in words)):
                pools["PERSON"].add(ent.text)
            elif ent.label_ in ("ORG", "GPE") and len(ent) <= 6 and words[0] != "The":
                pools[ent.label_].add(ent.text)
    return {label: sorted(names) for label, names in pools.items()}


def country_names() -> list[str]:
    """Countries as news names them: the gazetteer's country names and their aliases ("U.S.", "UK")."""
    from extractor.components.gazetteer import gazetteer_data
    gpe = gazetteer_data().gpe
    aliases = [line.split("\t")[0] for line in wordlists.lines("country_aliases.tsv")]
    return sorted({name for name, country in gpe.items() if name == country} | set(aliases))


def demonym_words() -> list[str]:
    """Nationality adjectives of demonyms.tsv ("Ukrainian", "South Korean"): O in the examples."""
    return sorted({line.split("\t")[0] for line in wordlists.lines("demonyms.tsv")})


# --------------------------------------------------------------------------- the generator

class Generator:
    """Rewrites training sentences into the news shapes; one seeded random stream."""

    def __init__(self, bases: list[list[Piece]], pools: dict[str, list[str]],
                 sections: dict[str, list[str]], seed: int = 0):
        self.rng = random.Random(seed)
        self.bases = bases
        self.person_bases = [b for b in bases if any(label == "PERSON" for _, label in b)]
        self.pools = pools
        self.s = sections
        self.preposed = preposed_titles()
        self.modifiers = [title_case(m) for m in wordlists.lines("title_modifiers.txt")]
        self.countries = country_names()
        self.demonyms = demonym_words()
        self.shapes = [  # (shape, weight)
            (self.titled_name, 40), (self.apposition, 10), (self.name_variant, 7),
            (self.byline, 8), (self.dateline, 10), (self.place_weekday, 5),
            (self.transcript, 7), (self.headline, 13),
            (self.country_titled_name, 14), (self.name_of_country, 6),
        ]

    def pick(self, items):
        return self.rng.choice(items)

    def examples(self, n: int) -> list[list[Piece]]:
        """n examples (fewer if the shapes keep failing on the material)."""
        out = []
        shapes, weights = zip(*self.shapes)
        for _ in range(n * MAX_TRIES):
            if len(out) >= n:
                break
            shape = self.rng.choices(shapes, weights)[0]
            pieces = shape()
            if pieces:
                out.append(pieces)
        return out

    # ----- names

    def person(self) -> str:
        return self.pick(self.pools["PERSON"])

    def varied_name(self, name: str) -> str:
        """'Nancy Collins' -> 'Nancy-Amelia Collins' / 'Nancy al-Collins' / 'Collins Nancy-moon'."""
        words = name.split()
        kind = self.rng.randrange(3)
        if kind == 0:
            second = self.person().split()[0]
            return " ".join([f"{words[0]}-{second}"] + words[1:])
        if kind == 1:
            particle = self.pick(self.s["particles"])
            joined = particle + words[-1] if particle.endswith("-") else f"{particle} {words[-1]}"
            return " ".join(words[:-1] + [joined])
        return f"{words[-1]} {words[0]}-{self.pick(self.s['syllables'])}"

    def person_index(self, pieces: list[Piece]) -> int:
        """A PERSON piece that starts with a capital (not '@handle', not 'mike'); None if none."""
        spots = [i for i, (text, label) in enumerate(pieces) if label == "PERSON" and text[:1].isupper()]
        return self.pick(spots) if spots else None

    # ----- titles before a name

    def place_or_org(self) -> Piece:
        label = self.pick(["GPE", "GPE", "ORG"])
        return self.pick(self.pools[label]), label

    def titled_name(self) -> list[Piece] | None:
        """'<title> <name>' in a training sentence, at a PERSON span with no title before it."""
        spot = self.person_spot()
        if spot is None:
            return None
        pieces, i = spot
        title, name = self.title(), pieces[i][0]
        if self.rng.random() < 0.5:
            name = self.person()
        if self.rng.random() < 0.15:
            name = self.varied_name(name)
        if title[-1][0] in self.s["honorifics"] and self.rng.random() < 0.5:
            name = name.split()[-1]
        if i == 0:
            title[0] = (title[0][0][:1].upper() + title[0][0][1:], title[0][1])
        long_title = title[-1][1] is None and len(title[-1][0].split()) >= 3
        sep = ", " if long_title and self.rng.random() < 0.25 else " "
        return pieces[:i] + title + [(sep, None), (name, "PERSON")] + pieces[i + 1:]

    def title(self) -> list[Piece]:
        kind = self.rng.choices(range(6), [25, 15, 25, 15, 10, 10])[0]
        return [self.portfolio_title, self.for_title, self.place_title, self.rank_title,
                self.honorific_title, self.preposed_title][kind]()

    def portfolio_title(self) -> list[Piece]:
        """'Minister of Agriculture, Forestry and Fisheries', 'Haiti Minister of Health'."""
        title = [(f"{self.pick(self.s['of_heads'])} of {self.pick(self.s['portfolios'])}", None)]
        if self.rng.random() < 0.3:
            title = [(self.pick(self.pools["GPE"]), "GPE"), (" ", None)] + title
        return title

    def for_title(self) -> list[Piece]:
        """'Director-General for Communicable Disease', 'Secretary of State for Defence'."""
        return [(f"{self.pick(self.s['for_heads'])} for {self.pick(self.s['portfolios'])}", None)]

    def place_title(self) -> list[Piece]:
        """'the Prime Minister of the United Kingdom', 'President of the European Council'."""
        name, label = self.place_or_org()
        the = "the " if label == "ORG" or " " in name else ""
        lead = self.pick(["the ", "The ", ""])
        return [(f"{lead}{self.pick(self.s['place_heads'])} of {the}", None), (name, label)]

    def rank_title(self) -> list[Piece]:
        """'Air Force Maj. Gen.', 'Col.'."""
        rank = [(self.pick(self.s["ranks"]), None)]
        if self.rng.random() < 0.5:
            return [(self.pick(self.s["services"]), "ORG"), (" ", None)] + rank
        return rank

    def honorific_title(self) -> list[Piece]:
        return [(self.pick(self.s["honorifics"]), None)]

    def preposed_title(self) -> list[Piece]:
        """'Deputy Foreign Minister', 'Kenya Interior Minister'."""
        title = [(f"{self.pick(self.modifiers)} {self.pick(self.preposed)}", None)]
        if self.rng.random() < 0.4:
            name, label = self.place_or_org()
            return [(name, label), (" ", None)] + title
        return title

    # ----- short titles after a place or nationality, a country after the name

    def person_spot(self) -> tuple[list[Piece], int] | None:
        """A training sentence and a PERSON span in it with no title or name right before it."""
        pieces = list(self.pick(self.person_bases))
        i = self.person_index(pieces)
        if i is None:
            return None
        before = pieces[i - 1][0].split() if i else []
        if before and (before[-1] in ARTICLES or before[-1][:1].isupper()):
            return None
        return pieces, i

    def titled_person(self, name: str) -> str:
        """The name as news writes it after a title: whole, varied, or the surname alone."""
        if self.rng.random() < 0.5:
            name = self.person()
        if self.rng.random() < 0.1:
            name = self.varied_name(name)
        if self.rng.random() < 0.25:
            name = name.split()[-1]
        return name

    def country_titled_name(self) -> list[Piece] | None:
        """'U.S. President <name>', 'Ukrainian President <name>', 'Kenyan Agriculture Minister
        <name>', 'Prime Minister <name>': a country (GPE) or nationality (O) or nothing, then a
        short title (O), then the name."""
        spot = self.person_spot()
        if spot is None:
            return None
        pieces, i = spot
        title = self.pick(self.s["short_titles"])
        if self.rng.random() < 0.2:
            modifier = self.pick(self.s["short_modifiers"])
            title = f"{modifier}{title}" if modifier.endswith("-") else f"{modifier} {title}"
        kind = self.rng.random()
        if kind < 0.4:
            lead = [(self.pick(self.countries), "GPE"), (f" {title} ", None)]
        elif kind < 0.8:
            lead = [(f"{self.pick(self.demonyms)} {title} ", None)]
        else:
            lead = [(f"{title} ", None)]
        return pieces[:i] + lead + [(self.titled_person(pieces[i][0]), "PERSON")] + pieces[i + 1:]

    def name_of_country(self) -> list[Piece] | None:
        """'President <name> of Indonesia', 'Foreign Minister <name> of Japan'."""
        spot = self.person_spot()
        if spot is None:
            return None
        pieces, i = spot
        after = pieces[i + 1][0] if i + 1 < len(pieces) else ""
        if after[:1].isalnum():
            return None
        title = self.pick(self.s["short_titles"])
        country = self.pick(self.countries)
        the = "the " if (country.startswith(("United ", "Republic", "Democratic", "Central", "Czech"))
                         or country.endswith("s") or country.isupper() or "." in country) else ""
        return pieces[:i] + [(f"{title} ", None), (self.titled_person(pieces[i][0]), "PERSON"),
                             (f" of {the}", None), (country, "GPE")] + pieces[i + 1:]

    # ----- other shapes

    def apposition(self) -> list[Piece] | None:
        """'<name>, the <title> of <place>, said ...' at a PERSON span followed by a lower-case word."""
        pieces = list(self.pick(self.person_bases))
        i = self.person_index(pieces)
        if i is None:
            return None
        after = pieces[i + 1][0] if i + 1 < len(pieces) else ""
        if not re.match(r" [a-z]", after):
            return None
        name, label = self.place_or_org()
        the = "the " if label == "ORG" or " " in name else ""
        head = self.pick(self.s["place_heads"])
        return pieces[:i + 1] + [(f", the {head} of {the}", None), (name, label), (",", None)] + pieces[i + 1:]

    def name_variant(self) -> list[Piece] | None:
        pieces = list(self.pick(self.person_bases))
        i = self.person_index(pieces)
        if i is None:
            return None
        return pieces[:i] + [(self.varied_name(self.person()), "PERSON")] + pieces[i + 1:]

    def byline(self) -> list[Piece]:
        """'By <name> <outlet>' ('By Jim Garamone DoD News'), then a sentence."""
        sep = self.pick([" ", "\n", ", ", " | "])
        head = [("By ", None), (self.person(), "PERSON"), (sep, None),
                (self.pick(self.pools["ORG"]), "ORG"), ("\n\n", None)]
        return head + self.pick(self.bases)

    def dateline(self) -> list[Piece]:
        """'GENEVA, May 12 (<org>) - <sentence>'."""
        place = self.pick(self.pools["GPE"])
        if self.rng.random() < 0.6:
            place = place.upper()
        pieces = [(place, "GPE")]
        if self.rng.random() < 0.7:
            pieces.append((f", {self.pick(calendar.month_name[1:])} {self.rng.randint(1, 28)}", None))
        if self.rng.random() < 0.3:
            pieces += [(" (", None), (self.pick(self.pools["ORG"]), "ORG"), (")", None)]
        dash = self.pick(["-", "–", "—", "--"])
        return pieces + [(f" {dash} ", None)] + self.pick(self.bases)

    def place_weekday(self) -> list[Piece] | None:
        """'... in Idlib Tuesday.': a weekday right after a GPE span before punctuation."""
        pieces = list(self.pick(self.bases))
        spots = [i for i, (_, label) in enumerate(pieces[:-1])
                 if label == "GPE" and pieces[i + 1][0][:1] in ".,"]
        if not spots:
            return None
        i = self.pick(spots)
        return pieces[:i + 1] + [(" " + self.pick(calendar.day_name[:]), None)] + pieces[i + 1:]

    def transcript(self) -> list[Piece]:
        """'SECRETARY POMPEO: <sentence>'."""
        surname = self.person().split()[-1].upper()
        return [(self.pick(self.s["speaker_titles"]) + " ", None), (surname, "PERSON"), (": ", None)] + \
            self.pick(self.bases)

    def headline(self) -> list[Piece] | None:
        """A short sentence with entities as a title-case or all-caps headline, no final stop."""
        pieces = self.pick(self.bases)
        n_words = sum(len(text.split()) for text, _ in pieces)
        if n_words > MAX_HEADLINE_TOKENS or all(label is None for _, label in pieces):
            return None
        case = str.upper if self.rng.random() < 0.3 else headline_case
        out = [(case(text), label) for text, label in pieces]
        last, label = out[-1]
        if label is None:
            out[-1] = (last.rstrip(" ."), None)
        return [p for p in out if p[0]]


def headline_case(text: str) -> str:
    """Capitalise every word but the small ones ('Tackle Key Disputes at Summit')."""
    return re.sub(r"[A-Za-z][\w']*",
                  lambda m: m.group() if m.group() in SMALL_WORDS else m.group()[0].upper() + m.group()[1:],
                  text)


def to_doc(nlp, pieces: list[Piece]) -> Doc | None:
    """Tokenise the joined text; None when an entity does not fall on token boundaries."""
    text, spans = "", []
    for piece, label in pieces:
        if label:
            spans.append((len(text), len(text) + len(piece), label))
        text += piece
    doc = nlp.make_doc(text)
    ents = [doc.char_span(a, b, label=label) for a, b, label in spans]
    if any(e is None for e in ents):
        return None
    doc.ents = ents  # every other token O: complete annotation
    return doc


def augment(nlp, train_docs, n: int, seed: int = 0) -> list[Doc]:
    """n NER-only example Docs built from the training docs (see the module docstring)."""
    if n <= 0:
        return []
    sections = read_sections()
    pools = name_pools(train_docs, title_words(sections))
    gen = Generator(base_sentences(train_docs), pools, sections, seed)
    docs = [to_doc(nlp, pieces) for pieces in gen.examples(n)]
    return [d for d in docs if d is not None]
