"""The mention layer on its own, on hand-built parses (no statistical model involved).

Each document is written as ``word/POS/dep/head`` tokens (head: the index of the
head word, the word's own index for the root) with hand-made entity records, so
a test fails only when the layer's own reading of the parse is wrong.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from extractor.components.mentions import bind, parties, reference_at
from extractor.facts import Entity

VOCAB = spacy.blank("en").vocab
PLURAL_TAGS = {"NOUN": "NNS", "PROPN": "NNPS"}


@pytest.fixture(scope="module")
def layer():
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_mentions")
    return nlp.get_pipe("extractor_mentions")


def build(spec: str, entities: list[tuple[str, str, list[tuple[int, int]]]], titles=None, countries=None,
          joined: frozenset[int] = frozenset()) -> Doc:
    """Tokens ``word/POS/dep/head[/lemma]`` separated by spaces; "|" ends a sentence;
    a POS ending in "s" ("NOUNs") is plural. Entities: (name, type, token spans). Tokens
    in ``joined`` are written without a space after them ("six-nation")."""
    words, pos, tags, deps, heads, lemmas, starts = [], [], [], [], [], [], []
    for item in spec.split():
        if item == "|":
            starts.append(len(words))
            continue
        word, p, dep, head, *lemma = item.split("/")
        plural = p.endswith("s") and p != "AUX"
        p = p.rstrip("s") if plural else p
        words.append(word)
        pos.append(p)
        tags.append(PLURAL_TAGS.get(p, "") if plural else "")
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma[0] if lemma else word.lower())
    sent_starts = [i == 0 or i in starts for i in range(len(words))]
    spaces = [i not in joined for i in range(len(words))]
    doc = Doc(VOCAB, words=words, spaces=spaces, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas,
              sent_starts=sent_starts)
    records, index = [], {}
    for n, (name, etype, spans) in enumerate(entities, start=1):
        ent = Entity(f"E{n}", name, etype, titles=(titles or {}).get(name, []), country=(countries or {}).get(name),
                     mentions=[(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in spans], token_spans=spans)
        records.append(ent)
        index.update({i: ent for a, b in spans for i in range(a, b)})
    doc._.entities = records
    doc._.entity_of_token = index
    return doc


def names(token) -> list[str]:
    return [p.name for p in parties(token)]


def test_a_pronoun_takes_the_subject_of_the_sentence_before(layer):
    doc = layer(build(
        "Anna/PROPN/nsubj/2 Berg/PROPN/flat/0 met/VERB/ROOT/2/meet Lars/PROPN/obj/2 Holm/PROPN/flat/3 ./PUNCT/punct/2 | "
        "She/PRON/nsubj/7 said/VERB/ROOT/7/say ./PUNCT/punct/7",
        [("Anna Berg", "PERSON", [(0, 2)]), ("Lars Holm", "PERSON", [(3, 5)])]))
    assert names(doc[6]) == ["Anna Berg"]
    assert reference_at(doc[6]).how == "pronoun"


def test_a_title_refers_to_the_person_holding_it(layer):
    doc = layer(build(
        "Berg/PROPN/nsubj/1 met/VERB/ROOT/1/meet Holm/PROPN/obj/1 ./PUNCT/punct/1 | "
        "The/DET/det/5 Secretary/PROPN/nsubj/6 thanked/VERB/ROOT/6/thank him/PRON/obj/6 ./PUNCT/punct/6",
        [("Anna Berg", "PERSON", [(0, 1)]), ("Lars Holm", "PERSON", [(2, 3)])],
        titles={"Anna Berg": ["Secretary of State"]}))
    assert names(doc[5]) == ["Anna Berg"]
    assert reference_at(doc[5]).how == "title"
    assert names(doc[7]) == ["Lars Holm"]  # not the subject of its own clause


def test_a_title_with_its_modifiers_refers_to_the_holder_of_that_title(layer):
    """"the Foreign Secretary" is the Foreign Secretary named first, not the Secretary of
    State named since."""
    doc = layer(build(
        "Berg/PROPN/nsubj/1 met/VERB/ROOT/1/meet Holm/PROPN/obj/1 ./PUNCT/punct/1 | "
        "The/DET/det/6 Foreign/ADJ/amod/6 Secretary/PROPN/nsubj/7 left/VERB/ROOT/7/leave ./PUNCT/punct/7",
        [("Anna Berg", "PERSON", [(0, 1)]), ("Lars Holm", "PERSON", [(2, 3)])],
        titles={"Anna Berg": ["Foreign Secretary"], "Lars Holm": ["Secretary of State"]}))
    assert names(doc[6]) == ["Anna Berg"]


def test_a_title_in_a_phrase_under_the_clause_is_not_its_subject(layer):
    """"She had a meeting with the Minister": another Minister than her, even when she is
    the latest one named."""
    doc = layer(build(
        "Berg/PROPN/nsubj/1 met/VERB/ROOT/1/meet Holm/PROPN/obj/1 ./PUNCT/punct/1 | "
        "She/PRON/nsubj/5 had/VERB/ROOT/5/have a/DET/det/7 meeting/NOUN/obj/5 with/ADP/case/10 "
        "the/DET/det/10 Minister/PROPN/nmod/7 ./PUNCT/punct/5",
        [("Anna Berg", "PERSON", [(0, 1)]), ("Lars Holm", "PERSON", [(2, 3)])],
        titles={"Anna Berg": ["Minister"], "Lars Holm": ["Minister"]}))
    assert names(doc[4]) == ["Anna Berg"]
    assert names(doc[10]) == ["Lars Holm"]


def test_a_title_is_its_holder_named_latest_before_or_first_after(layer):
    """The holders' latest mention before the title wins, also when a later title asks again
    after more mentions (the look-up is an index kept as the pass goes); a title named before
    anyone holding it is the first holder named in the next sentences."""
    doc = layer(build(
        "Berg/PROPN/nsubj/1 met/VERB/ROOT/1/meet Holm/PROPN/obj/1 ./PUNCT/punct/1 | "
        "The/DET/det/5 Secretary/PROPN/nsubj/6 left/VERB/ROOT/6/leave ./PUNCT/punct/6 | "
        "Holm/PROPN/nsubj/9 thanked/VERB/ROOT/9/thank Berg/PROPN/obj/9 ./PUNCT/punct/9 | "
        "The/DET/det/13 Secretary/PROPN/nsubj/14 spoke/VERB/ROOT/14/speak",
        [("Anna Berg", "PERSON", [(0, 1), (10, 11)]), ("Lars Holm", "PERSON", [(2, 3), (8, 9)])],
        titles={"Anna Berg": ["Secretary"], "Lars Holm": ["Secretary"]}))
    assert names(doc[5]) == ["Lars Holm"]
    assert names(doc[13]) == ["Anna Berg"]
    doc = layer(build(
        "The/DET/det/1 Secretary/PROPN/nsubj/2 arrived/VERB/ROOT/2/arrive ./PUNCT/punct/2 | "
        "Holm/PROPN/nsubj/7 and/CCONJ/cc/6 Berg/PROPN/conj/4 spoke/VERB/ROOT/7/speak",
        [("Anna Berg", "PERSON", [(6, 7)]), ("Lars Holm", "PERSON", [(4, 5)])],
        titles={"Anna Berg": ["Secretary"], "Lars Holm": ["Secretary"]}))
    assert names(doc[1]) == ["Anna Berg"]  # the first holder among the entities, as listed


def test_the_two_leaders_are_the_pair_just_named(layer):
    doc = layer(build(
        "Berg/PROPN/nsubj/3 and/CCONJ/cc/2 Holm/PROPN/conj/0 met/VERB/ROOT/3/meet ./PUNCT/punct/3 | "
        "The/DET/det/7 two/NUM/nummod/7 leaders/NOUNs/nsubj/8/leader agreed/VERB/ROOT/8/agree ./PUNCT/punct/8 | "
        "They/PRON/nsubj/11 left/VERB/ROOT/11/leave",
        [("Anna Berg", "PERSON", [(0, 1)]), ("Lars Holm", "PERSON", [(2, 3)])]))
    assert names(doc[7]) == ["Anna Berg", "Lars Holm"]
    assert reference_at(doc[7]).how == "group"
    assert names(doc[10]) == ["Anna Berg", "Lars Holm"]


def test_they_are_the_two_people_their_own_sentence_named_before(layer):
    """"Clark, who had lunch with President Bush, said their talks had been constructive";
    but not a pair holding the subject of the pronoun's own clause ("X promised to meet
    with them")."""
    doc = layer(build(
        "Anna/PROPN/nsubj/2 Berg/PROPN/flat/0 had/VERB/ROOT/2/have lunch/NOUN/obj/2 with/ADP/case/5 "
        "Lars/PROPN/nmod/3 Holm/PROPN/flat/5 and/CCONJ/cc/8 said/VERB/conj/2/say their/PRON/nmod:poss/10 "
        "talks/NOUNs/nsubj/11/talk went/VERB/ccomp/8/go well/ADV/advmod/11 ./PUNCT/punct/2",
        [("Anna Berg", "PERSON", [(0, 2)]), ("Lars Holm", "PERSON", [(5, 7)])]))
    assert sorted(names(doc[9])) == ["Anna Berg", "Lars Holm"]
    doc = layer(build(
        "Paul/PROPN/nsubj/2 Stone/PROPN/flat/0 said/VERB/ROOT/2/say Anna/PROPN/nsubj/5 Berg/PROPN/flat/3 "
        "promised/VERB/ccomp/2/promise to/PART/mark/7 meet/VERB/xcomp/5/meet with/ADP/case/9 them/PRON/obl/7 "
        "./PUNCT/punct/2",
        [("Paul Stone", "PERSON", [(0, 2)]), ("Anna Berg", "PERSON", [(3, 5)])]))
    assert sorted(names(doc[9])) != ["Anna Berg", "Paul Stone"]


def test_a_quantifier_alone_is_the_group_and_a_noun_no_reader_takes_is_nothing(layer):
    doc = layer(build(
        "Berg/PROPN/nsubj/3 and/CCONJ/cc/2 Holm/PROPN/conj/0 met/VERB/ROOT/3/meet ./PUNCT/punct/3 | "
        "All/DET/nsubj/6 praised/VERB/ROOT/6/praise the/DET/det/8 talks/NOUNs/obj/6/talk",
        [("Anna Berg", "PERSON", [(0, 1)]), ("Lars Holm", "PERSON", [(2, 3)])]))
    assert names(doc[5]) == ["Anna Berg", "Lars Holm"]
    assert reference_at(doc[5]).how == "group"
    assert reference_at(doc[8]) is None


def test_an_unnamed_official_keeps_the_label_and_stands_for_the_country(layer):
    doc = layer(build(
        "A/DET/det/3 senior/ADJ/amod/3 U.S./PROPN/compound/3 official/NOUN/nsubj/4 said/VERB/ROOT/4/say",
        [("United States", "GPE", [(2, 3)])]))
    assert names(doc[3]) == ["A senior U.S. official"]
    assert [p.name for p in parties(doc[3], "participant")] == ["United States"]
    assert reference_at(doc[3]).how == "unnamed"


def test_a_delegation_named_by_its_demonym_is_the_country(layer):
    doc = layer(build(
        "Peru/PROPN/nsubj/1 spoke/VERB/ROOT/1/speak ./PUNCT/punct/1 | "
        "The/DET/det/5 Peruvian/ADJ/amod/5 delegation/NOUN/nsubj/6 left/VERB/ROOT/6/leave",
        [("Peru", "GPE", [(0, 1)]), ("Peruvian", "NORP", [(4, 5)])], countries={"Peruvian": "Peru"}))
    assert names(doc[5]) == ["Peru"]
    assert parties(doc[5])[0].entity == "E1"
    assert reference_at(doc[5]).how == "description"


def test_a_description_is_the_organisation_with_that_word(layer):
    doc = layer(build(
        "Acme/PROPN/compound/1 Airlines/PROPN/nsubj/2 cut/VERB/ROOT/2 fares/NOUNs/obj/2/fare ./PUNCT/punct/2 | "
        "The/DET/det/6 airline/NOUN/nsubj/7 said/VERB/ROOT/7/say",
        [("Acme Airlines", "ORG", [(0, 2)])]))
    assert names(doc[6]) == ["Acme Airlines"]
    assert reference_at(doc[6]).how == "description"


def test_a_description_is_the_latest_organisation_with_that_word_so_far(layer):
    """"the bank" is the latest bank named before it, also when organisations were named
    after an earlier "the bank" (the look-up is an index kept as the pass goes)."""
    doc = layer(build(
        "Nordic/PROPN/compound/1 Bank/PROPN/nsubj/2 cut/VERB/ROOT/2/cut rates/NOUNs/obj/2/rate ./PUNCT/punct/2 | "
        "The/DET/det/6 bank/NOUN/nsubj/7 said/VERB/ROOT/7/say ./PUNCT/punct/7 | "
        "Baltic/PROPN/compound/10 Bank/PROPN/nsubj/11 agreed/VERB/ROOT/11/agree ./PUNCT/punct/11 | "
        "Acme/PROPN/compound/14 Airlines/PROPN/nsubj/15 followed/VERB/ROOT/15/follow ./PUNCT/punct/15 | "
        "The/DET/det/18 bank/NOUN/nsubj/19 left/VERB/ROOT/19/leave",
        [("Nordic Bank", "ORG", [(0, 2)]), ("Baltic Bank", "ORG", [(9, 11)]), ("Acme Airlines", "ORG", [(13, 15)])]))
    assert names(doc[6]) == ["Nordic Bank"]
    assert names(doc[18]) == ["Baltic Bank"]


def test_first_person_in_a_transcript_turn_is_the_speaker(layer):
    doc = layer(build(
        "SECRETARY/PROPN/compound/1 BERG/PROPN/ROOT/1 :/PUNCT/punct/1 I/PRON/nsubj/4 thank/VERB/ROOT/4 "
        "you/PRON/obj/4 ./PUNCT/punct/4",
        [("Anna Berg", "PERSON", [(1, 2)])]))
    assert [p.name for p in doc._.turns[0].parties] == ["Anna Berg"]
    assert names(doc[3]) == ["Anna Berg"]
    assert names(doc[5]) == []  # "you" is not the speaker


def test_turn_labels_name_the_first_person_with_that_name_or_title():
    """A label's name words are a person's name or alias, or their end after a space (the
    first such person in the entities' order); a label of title words only is the one person
    holding that title."""
    from extractor.components.mentions.turns import TurnFinder
    from extractor.components.mentions.words import mention_words

    people = [Entity("E1", "Vessel Co", "ORG", aliases=["Berg"]),
              Entity("E2", "Anna  Maria Berg", "PERSON", mentions=[(900, 904)]),
              Entity("E3", "Lars Berg", "PERSON", aliases=["Lars Maria Holm"], titles=["Prime Minister"],
                     mentions=[(950, 954)])]
    text = ("BERG: One.\n\nMARIA HOLM: Two.\n\nMARIA BERG: Three.\n\nPRIME MINISTER: Four.\n\n"
            "LARS BERG: Five.")
    turns = TurnFinder(mention_words())(text, people)
    assert [[p.entity for p in t.parties] for t in turns] == [["E2"], ["E3"], ["E2"], ["E3"], ["E3"]]


def test_bind_gives_a_quote_its_speaker(layer):
    doc = layer(build(
        "We/PRON/nsubj/1 agree/VERB/ROOT/1 ,/PUNCT/punct/4 Berg/PROPN/nsubj/4 said/VERB/parataxis/1/say",
        [("Anna Berg", "PERSON", [(3, 4)])]))
    assert names(doc[0]) == []
    bind(doc, 0, 2, parties(doc[3]))
    assert names(doc[0]) == ["Anna Berg"]


def test_referring_heads_are_the_words_that_head_a_phrase_able_to_refer(nlp):
    """Read from the Doc's arrays: the same words as the check on every word (a nominal word
    that is no modifier inside another nominal, possessors excepted, whose form or lemma
    some reader takes)."""
    from extractor.components.mentions.phrases import NOMINAL_POS, lemma, referring_heads
    from extractor.components.mentions.words import mention_words
    from extractor.syntax import Syntax, scheme_for

    words = mention_words()

    def heads_a_phrase(token):
        return token.pos_ in NOMINAL_POS and (token.dep_ in syntax.s.possessive or token.dep_ not in syntax.s.core
                                              or token.head is token)

    def may_refer(token):
        return token.lower_ in words.referring_forms or lemma(token) in words.phrase_heads

    doc = nlp("The two leaders met in Oslo. China's state councilor said they would meet again, and he agreed "
              "with the Foreign Ministry, Ministers and both delegations.")
    syntax = Syntax(scheme_for(nlp))
    assert [t.i for t in referring_heads(doc, syntax, words, {0, 1})] == \
        [t.i for t in doc if t.i not in {0, 1} and heads_a_phrase(t) and may_refer(t)]
    assert {t.lower_ for t in referring_heads(doc, syntax, words, set())} >= \
        {"leaders", "councilor", "they", "he", "ministry", "ministers", "delegations"}
    assert "talks" not in {t.lower_ for t in referring_heads(nlp("The talks ended."), syntax, words, set())}


def test_reference_at_answers_for_each_document_asked_in_turn(layer):
    spec = "Berg/PROPN/nsubj/1 spoke/VERB/ROOT/1/speak ./PUNCT/punct/1 | He/PRON/nsubj/4 left/VERB/ROOT/4/leave"
    first = build(spec, [("Anna Berg", "PERSON", [(0, 1)])])
    assert reference_at(first[3]) is None  # not read by the layer yet
    layer(first)
    second = layer(build(spec, [("Lars Berg", "PERSON", [(0, 1)])]))
    assert names(first[3]) == ["Anna Berg"]
    assert names(second[3]) == ["Lars Berg"]
    assert names(first[0]) == ["Anna Berg"]


def test_an_elided_name_in_a_list_is_a_member_of_its_group(layer):
    """"the participants: North and South Korea, China": "North" (a name part of "Korea",
    coordinated with "South") is a member of its own, North Korea; a name part that is no
    coordination ("ZiscoSteel heads") is none."""
    doc = layer(build(
        "The/DET/det/1 participants/NOUNs/nsubj/9/participant :/PUNCT/punct/6 North/PROPN/compound/6 "
        "and/CCONJ/cc/5 South/PROPN/conj/3 Korea/PROPN/appos/1 and/CCONJ/cc/8 China/PROPN/conj/6 "
        "agreed/VERB/ROOT/9/agree ./PUNCT/punct/9",
        [("North Korea", "GPE", [(3, 4)]), ("South Korea", "GPE", [(5, 7)]), ("China", "GPE", [(8, 9)])]))
    assert sorted(names(doc[1])) == ["China", "North Korea", "South Korea"]
    doc = layer(build(
        "Gowo/PROPN/nsubj/5 and/CCONJ/cc/4 other/ADJ/amod/4 Zisco/PROPN/compound/4 heads/NOUNs/conj/0/head "
        "agreed/VERB/ROOT/5/agree ./PUNCT/punct/5 | They/PRON/nsubj/8 left/VERB/ROOT/8/leave",
        [("Alois Gowo", "PERSON", [(0, 1)]), ("Zisco", "ORG", [(3, 4)])]))
    assert "Zisco" not in names(doc[7])


def test_a_country_coordinated_with_a_plural_title_is_one_of_its_bodies(layer):
    """"New Zealand and Australian Prime Ministers meet": "New Zealand [Prime Minister]" is
    elided, so the title names the two prime ministers the article names."""
    doc = layer(build(
        "Clark/PROPN/nsubj/1 spoke/VERB/ROOT/1/speak ./PUNCT/punct/1 | Howard/PROPN/nsubj/4 "
        "agreed/VERB/ROOT/4/agree ./PUNCT/punct/4 | New/PROPN/nsubj/12 Zealand/PROPN/flat/6 and/CCONJ/cc/11 "
        "Australian/ADJ/amod/11 Prime/ADJ/amod/11 Ministers/NOUNs/conj/6/minister meet/VERB/ROOT/12/meet",
        [("Helen Clark", "PERSON", [(0, 1)]), ("John Howard", "PERSON", [(3, 4)]),
         ("New Zealand", "GPE", [(6, 8)]), ("Australia", "GPE", [(9, 10)])],
        titles={"Helen Clark": ["Prime Minister"], "John Howard": ["Australian Prime Minister"]}))
    assert sorted(names(doc[11])) == ["Helen Clark", "John Howard"]


def test_a_counted_group_named_before_its_members_is_the_list_of_that_many(layer):
    """"six-nation talks … the participants: A, B, C, D, E and F": a counted compound
    ("six-nation", its hyphen inside the phrase) is the first later list of six places;
    a group noun that does not tell its members' kind ("two rival parties") looks only back."""
    places = ["Aland", "Bria", "Cora", "Dova", "Esta", "Fenn"]
    names_spec = " ".join(f"{p}/PROPN/{'appos' if i == 0 else 'conj'}/{6 if i == 0 else 9}" for i, p in enumerate(places))
    doc = layer(build(
        "Six/NUM/nummod/2 -/PUNCT/punct/0 nation/NOUN/compound/3 talks/NOUNs/nsubj/4/talk ended/VERB/ROOT/4/end | "
        "The/DET/det/6 participants/NOUNs/nsubj/15/participant were/AUX/cop/6 :/PUNCT/punct/9 " + names_spec
        + " agreed/VERB/ROOT/15/agree",
        [(p, "GPE", [(9 + i, 10 + i)]) for i, p in enumerate(places)], joined=frozenset({0, 1})))
    assert names(doc[2]) == places
    doc = layer(build(
        "Two/NUM/nummod/2 rival/ADJ/amod/2 parties/NOUNs/nsubj/3/party agreed/VERB/ROOT/3/agree | "
        "Berg/PROPN/nsubj/7 and/CCONJ/cc/6 Holm/PROPN/conj/4 met/VERB/ROOT/7/meet",
        [("Anna Berg", "PERSON", [(4, 5)]), ("Lars Holm", "PERSON", [(6, 7)])]))
    assert "Anna Berg" not in names(doc[2])


def test_members_of_a_trade_are_its_union_not_a_union_of_nations(layer):
    """"striking farmers" act through the farmers' union the article names; the European
    Union, named alone, is no trade's union."""
    spec = "Berg/PROPN/nsubj/1 met/VERB/ROOT/1/meet farmers/NOUNs/obj/1/farmer ./PUNCT/punct/1 | " \
           "The/DET/det/5 Union/PROPN/nsubj/6 agreed/VERB/ROOT/6/agree"
    union = [("Anna Berg", "PERSON", [(0, 1)]), ("Danish Farmers Union", "ORG", [(5, 6)])]
    assert names(layer(build(spec, union))[2]) == ["Danish Farmers Union"]
    nations = [("Anna Berg", "PERSON", [(0, 1)]), ("European Union", "ORG", [(5, 6)])]
    assert names(layer(build(spec, nations))[2]) == []


def test_the_memory_of_tested_head_lemmas_is_bounded(nlp, monkeypatch):
    """The lemmas a phrase reader may take are tested once and remembered, but a long batch's
    memory stays flat: past the bound the memory is cleared."""
    from extractor.components.mentions import phrases
    from extractor.components.mentions.words import mention_words

    monkeypatch.setattr(phrases, "MAX_KNOWN_LEMMAS", 3)
    known = mention_words().phrase_head_lemmas
    nlp("The ministers, delegates, envoys, farmers, workers, unions, banks, firms, courts, "
        "judges, soldiers and teachers met the president, the mayor and the governor in Geneva.")
    assert len(known) > 12
    nlp("They met.")
    assert len(known) < 6
    assert known  # the Doc's own lemmas are tested again after the clearing
