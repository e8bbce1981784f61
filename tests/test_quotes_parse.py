"""Quotes read from the parse: where the reported words are cut, and who speaks.

Sentences are written for these tests (and checked against the shipped model's parses);
the behaviour they pin down is the Conventions' (../shared/eval/GOLD_FORMAT.md, Quotes).
"""
from __future__ import annotations

import pytest

from extractor import api


def quotes(nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(api.make_doc(nlp, text, None))
    return [(q.type, q.speaker.name if q.speaker else None, q.text if q.text is not None else text[q.start:q.end])
            for q in doc._.quotes]


def texts(found) -> set[str]:
    return {t for _, _, t in found}


# ---------------------------------------------------------------- content cutting
def test_two_cues_of_one_speaker_are_two_records(nlp):
    text = ("They reaffirmed that the agreement is the foundation of relations, and restated their joint "
            "commitment to its full implementation.")
    assert texts(quotes(nlp, text)) == {"the agreement is the foundation of relations",
                                        "their joint commitment to its full implementation"}


def test_participle_cue_inside_an_object_is_its_own_statement(nlp):
    text = ("The two leaders affirmed the intention to strengthen the relationship, agreeing on the vital "
            "importance of closer collaboration.")
    assert texts(quotes(nlp, text)) == {"the intention to strengthen the relationship",
                                        "the vital importance of closer collaboration"}


def test_that_and_the_preposition_of_the_cue_are_dropped(nlp):
    found = quotes(nlp, "Turning to Syria, Anna Berg agreed on the importance of a peaceful transition.")
    assert texts(found) == {"the importance of a peaceful transition"}
    found = quotes(nlp, "The ministry confirmed that three ships had been damaged in the storm.")
    assert texts(found) == {"three ships had been damaged in the storm"}


@pytest.mark.parametrize("text, content", [
    ("Chancellor Hans Berg and President Lea Novak agreed to reopen the border crossing, ending a dispute "
     "that began in May.", "to reopen the border crossing"),
    ("Anna Berg and Lars Holm agreed on Saturday to study a joint venture, in their first meeting since "
     "the election last year.", "to study a joint venture"),
])
def test_the_reporters_framing_after_the_content_is_cut(nlp, text, content):
    assert texts(quotes(nlp, text)) == {content}


def test_embedded_attribution_in_a_relative_clause(nlp):
    text = ("Nawaz Sharif and Asif Zardari shook hands in front of reporters to seal a pact they say will "
            "restore democracy to Pakistan.")
    found = quotes(nlp, text)
    assert texts(found) == {"will restore democracy to Pakistan"}
    assert sorted(s for _, s, _ in found) == ["Asif Zardari", "Nawaz Sharif"]


def test_a_statement_inside_another_is_part_of_it(nlp):
    text = ("Chinese Foreign Minister Li Zhaoxing closed the session. He says all sides agreed to set up a "
            "working group before the end of June.")
    assert quotes(nlp, text) == [("indirect", "Li Zhaoxing",
                                  "all sides agreed to set up a working group before the end of June")]


@pytest.mark.parametrize("text", [
    "Agriculture Secretary Tom Vilsack will travel to Tokyo next week to underscore the partnership between "
    "the two countries.",
    "Tom Vilsack will meet with German officials in Berlin and to underscore the importance of the trade "
    "partnership.",
])
def test_purpose_of_a_future_event_is_no_statement(nlp, text):
    assert quotes(nlp, text) == []


def test_purpose_of_a_call_that_took_place_is_a_statement(nlp):
    text = "Prime Minister Rishi Sunak spoke with President Volodymyr Zelenskyy on Monday to stress his support."
    assert quotes(nlp, text) == [("indirect", "Rishi Sunak", "his support")]


def test_quoted_fragment_in_reported_speech_leaves_the_clause_before_a_conjunct(nlp):
    text = ("Anna Berg said she had approached the government for help but “after working through "
            "it both parties concluded there was not the passenger numbers,” David Jackson said.")
    found = quotes(nlp, text)
    assert ("indirect", "Anna Berg", "she had approached the government for help") in found


# ---------------------------------------------------------------- speakers
def test_the_two_leaders_are_the_pair_just_named(nlp):
    text = ("Prime Minister Theresa May and President Jean-Claude Juncker met in Brussels today.\n\n"
            "The two leaders agreed that the talks had been constructive, and they urged their teams to "
            "continue the work.")
    found = quotes(nlp, text)
    assert sorted(s for _, s, t in found if "constructive" in t) == ["Jean-Claude Juncker", "Theresa May"]
    assert sorted(s for _, s, t in found if "continue the work" in t) == ["Jean-Claude Juncker", "Theresa May"]


def test_participle_and_relative_clause_speakers(nlp):
    found = quotes(nlp, "Finance Minister Paolo Reyes rejected the offer, saying the price was far too low.")
    assert found == [("indirect", "Paolo Reyes", "the price was far too low")]
    text = ("Makuvise was accompanied by chief executive Alois Gowo, who said the company was not involved "
            "in the talks.")
    assert quotes(nlp, text) == [("indirect", "Alois Gowo", "the company was not involved in the talks")]


def test_participle_hung_inside_the_object_speaks_for_the_main_subject(nlp):
    text = ("Under Secretary Marisa Lago reaffirmed the goal of a trade relationship that benefits workers, "
            "while underscoring that the United States will not negotiate on national security.")
    found = quotes(nlp, text)
    assert ("indirect", "Marisa Lago", "the United States will not negotiate on national security") in found


def test_unnamed_source_keeps_its_label(nlp):
    found = quotes(nlp, "A senior U.S. official said the meeting had been a success.")
    assert found == [("indirect", "A senior U.S. official", "the meeting had been a success")]


def test_according_to_and_quoted_as_saying(nlp):
    found = quotes(nlp, "Three ships were damaged in the storm, according to the Baltic Harbour Authority.")
    assert found == [("indirect", "Baltic Harbour Authority", "Three ships were damaged in the storm")]
    text = "Foreign Minister Kemal Yavuz was quoted as saying that the veto will stay in place."
    assert quotes(nlp, text) == [("indirect", "Kemal Yavuz", "the veto will stay in place")]


def test_a_document_speaks_for_its_owner(nlp):
    text = ("China, Russia and Japan met in Beijing on Monday.\n\n"
            "The Chinese statement says all parties agreed the talks would resume in June.")
    found = quotes(nlp, text)
    assert found == [("indirect", "China", "all parties agreed the talks would resume in June")]


def test_someone_else_reported_inside_a_direct_quote(nlp):
    """'Kim' is parsed as a second subject of 'had', not a conjunct of 'Trump': 'they' is
    the two people its own sentence names before it."""
    text = ("“I truly believe that President Trump and Chairman Kim had a wonderful meeting where they "
            "committed to working towards those ends,” Secretary Mike Pompeo said.")
    found = quotes(nlp, text)
    assert sorted(s for ty, s, _ in found if ty == "indirect") == ["Kim", "Trump"]
    assert [s for ty, s, _ in found if ty == "direct"] == ["Mike Pompeo"]


def test_a_spokesman_named_later_is_that_person(nlp):
    text = ("The strike entered its second day on Friday, a spokesman for the doctors said.\n\n"
            "A spokesman for the striking doctors, Simbarashe Ndhonda, said the minister would meet them.")
    found = quotes(nlp, text)
    assert {s for _, s, _ in found} == {"Simbarashe Ndhonda"}


def test_block_quotation_after_a_colon(nlp):
    text = ("Prime Minister David Cameron met senior MEPs in Brussels.\n\n"
            "A Number 10 spokesperson said:\n\n"
            "The Prime Minister held a series of useful meetings this morning.\n\n"
            "He will return to London tonight.")
    found = quotes(nlp, text)
    assert found == [("direct", "A Number 10 spokesperson", "The Prime Minister held a series of useful meetings "
                      "this morning."),
                     ("direct", "A Number 10 spokesperson", "He will return to London tonight.")]
