"""Meetings: triggers, parties, date, place, kind, status, merging.

Sentences are written for these tests; the reference date 2024-01-10 is a
Wednesday, so "on Monday" in a past-tense sentence is 2024-01-08.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from extractor.api import make_doc
from extractor.facts import Meeting

from tests.conftest import SEED_ARTICLE

REFERENCE = dt.date(2024, 1, 10)


def meetings(nlp, text: str, reference: dt.date = REFERENCE) -> list[Meeting]:
    doc = nlp(make_doc(nlp, text, reference))
    return doc._.meetings


def names(m: Meeting) -> set[str]:
    return {p.name for p in m.participants}


def only(nlp, text: str) -> Meeting:
    found = meetings(nlp, text)
    assert len(found) == 1, [(names(m), m.date) for m in found]
    return found[0]


# ------------------------------------------------------------------ triggers


def test_verb_meeting_with_titles_date_and_place(nlp):
    m = only(nlp, "Foreign Minister Anna Berg met her Danish counterpart Lars Holm in Oslo on Monday.")
    assert names(m) == {"Anna Berg", "Lars Holm"}
    assert (m.kind, m.status, m.date, m.location) == ("meeting", "happened", "2024-01-08", "Oslo")
    assert m.location_entity is not None


@pytest.mark.parametrize("text", [
    "The company met the deadline set by its lenders.",
    "To meet demand from carmakers, Acme Steel will build a second furnace.",
    "The plan by Acme Steel met with criticism from Nordbank.",
    "Anna Berg said there was no meeting of minds with Lars Holm.",
    "Anna Berg told reporters in Oslo that the deal was fair.",
    "The weld defects made the timetable of Acme Steel impossible to meet.",
    "Anna Berg called the agreement with Lars Holm a first step.",
    "Anna Berg called on Lars Holm to resign.",
    "Anna Berg visited Paris on Monday.",
    "The union criticised the ministry's negotiating position.",
    "Anna Berg spoke to reporters after signing the deal with Lars Holm.",
])
def test_non_meetings(nlp, text):
    assert meetings(nlp, text) == []


def test_possessive_noun_trigger(nlp):
    m = only(nlp, "Vladimir Putin's meeting with Steve Witkoff in Moscow on Tuesday lasted five hours.")
    assert names(m) == {"Vladimir Putin", "Steve Witkoff"}
    assert (m.date, m.location) == ("2024-01-09", "Moscow")


def test_delegations_named_by_nationality_are_countries(nlp):
    m = only(nlp, "Brazil said on Monday that Peruvian and Ecuadorean delegations held talks in "
                  "Geneva on Sunday about Peru and Ecuador's shared river.")
    assert names(m) == {"Peru", "Ecuador"}
    assert all(p.entity for p in m.participants)  # linked to the countries the article names
    assert (m.kind, m.date, m.location) == ("talks", "2024-01-07", "Geneva")


def test_phone_call_has_no_place(nlp):
    m = only(nlp, "Chancellor Maria Vogt spoke by phone with President Jean Dupont in Berlin on Friday.")
    assert names(m) == {"Maria Vogt", "Jean Dupont"}
    assert (m.kind, m.date, m.location) == ("call", "2024-01-05", None)


def test_video_call_noun(nlp):
    m = only(nlp, "Maria Vogt and Jean Dupont held a video call on Thursday.")
    assert (m.kind, m.date, m.location) == ("call", "2024-01-04", None)


def test_talks_by_video_link_are_a_call(nlp):
    m = only(nlp, "Joe Smith and Ana Lopez held talks by video link on Monday.")
    assert (m.kind, m.date, m.location) == ("call", "2024-01-08", None)


def test_place_named_after_its_description(nlp):
    m = only(nlp, "Joe Smith met Ana Lopez in the Kenyan capital, Nairobi, on Monday.")
    assert m.location == "Nairobi"


def test_phone_conversation_opening_the_sentence(nlp):
    m = only(nlp, "In a telephone conversation on Monday, Joe Smith and Ana Lopez discussed the crisis.")
    assert names(m) == {"Joe Smith", "Ana Lopez"}
    assert (m.kind, m.date) == ("call", "2024-01-08")


def test_meeting_attended_by(nlp):
    m = only(nlp, "The meeting in Paris on Monday, attended by Joe Smith, Ana Lopez and Pedro Ruiz, "
                  "ended without a deal.")
    assert names(m) == {"Joe Smith", "Ana Lopez", "Pedro Ruiz"}
    assert (m.date, m.location, m.status) == ("2024-01-08", "Paris", "happened")


def test_talks_before_a_deal_are_the_signatories(nlp):
    m = only(nlp, "Acme Corp and Beta Group signed a merger agreement on Friday after talks in Geneva on Thursday.")
    assert names(m) == {"Acme Corp", "Beta Group"}
    assert (m.kind, m.date, m.location) == ("talks", "2024-01-04", "Geneva")


def test_summit_and_meeting_on_its_sidelines(nlp):
    found = meetings(nlp, "Maria Vogt hosted Jean Dupont and Anna Berg at a summit in Rome on Monday. "
                          "On the sidelines of the summit, Dupont met Berg on Tuesday.")
    by_kind = {m.kind: m for m in found}
    assert set(by_kind) == {"summit", "meeting"}
    assert names(by_kind["summit"]) == {"Maria Vogt", "Jean Dupont", "Anna Berg"}
    side = by_kind["meeting"]
    assert names(side) == {"Jean Dupont", "Anna Berg"}
    assert (side.date, side.location) == ("2024-01-09", "Rome")  # the summit's city


# ------------------------------------------------------------------ parties


def test_passive_meeting(nlp):
    m = only(nlp, "Jean Dupont was received by Maria Vogt in Berlin on Monday.")
    assert names(m) == {"Jean Dupont", "Maria Vogt"}


def test_separately_gives_one_meeting_per_party(nlp):
    found = meetings(nlp, "Maria Vogt met Jean Dupont and Anna Berg separately in Paris on Monday.")
    assert sorted(sorted(names(m)) for m in found) == [["Anna Berg", "Maria Vogt"], ["Jean Dupont", "Maria Vogt"]]


def test_pronoun_resolves_to_named_person(nlp):
    m = only(nlp, "Maria Vogt arrived in Rome on Monday. She met Prime Minister Carlo Bianchi on Tuesday.")
    assert names(m) == {"Maria Vogt", "Carlo Bianchi"}


def test_pronoun_in_the_next_sentence_is_the_previous_subject(nlp):
    found = meetings(nlp, "Labour Minister Sarah Kim, who had met union president Jan Novak on Friday, said "
                          "the strike must end. She also spoke with Doug Ettinger by phone on Sunday.")
    call = next(m for m in found if m.kind == "call")
    assert names(call) == {"Sarah Kim", "Doug Ettinger"}


def test_group_takes_the_parties_of_the_meeting_before(nlp):
    first, second = meetings(nlp, "Maria Vogt and Jean Dupont met in Brussels on Monday. "
                                  "The two leaders will meet again in Paris in June.")
    assert names(second) == {"Maria Vogt", "Jean Dupont"}
    assert (second.status, second.date, second.location) == ("planned", "2024-06", "Paris")


def test_meet_again_takes_the_partners_of_the_first_meeting(nlp):
    first, second = meetings(nlp, "Ana Lopez met Joe Smith in Washington on Monday and agreed to meet "
                                  "again in Madrid next month.")
    assert names(first) == names(second) == {"Ana Lopez", "Joe Smith"}
    assert (second.status, second.date, second.location) == ("planned", "2024-02", "Madrid")


def test_bare_group_names_no_one(nlp):
    assert meetings(nlp, "Joe Smith met with officials in Kyiv on Monday. "
                         "Volodymyr Zelenskyy and Denys Shmyhal said the visit was useful.") == []


def test_relative_clause_date_and_place_are_not_the_meetings(nlp):
    m = only(nlp, "Joe Smith, who arrived in Tokyo on Monday, met Prime Minister Taro Sato on Tuesday.")
    assert (m.date, m.location) == ("2024-01-09", None)


def test_description_resolves_to_the_named_organisation(nlp):
    found = meetings(nlp, "The Regional Pilots Union said talks with Skyways Airlines had failed. "
                          "Transport Minister Maria Vogt met the airline and the union separately in December.")
    assert sorted(sorted(names(m)) for m in found) == [
        ["Maria Vogt", "Regional Pilots Union"], ["Maria Vogt", "Skyways Airlines"]]
    assert {m.date for m in found} == {"2023-12"}


def test_first_person_in_a_quote_is_the_speaker(nlp):
    m = only(nlp, "\u201cI sat down with Carlo Bianchi in Milan on Tuesday,\u201d Maria Vogt told reporters.")
    assert names(m) == {"Maria Vogt", "Carlo Bianchi"}
    assert (m.date, m.location) == ("2024-01-09", "Milan")


# ------------------------------------------------------------------ status


@pytest.mark.parametrize("text, status, date", [
    ("Anna Berg and Lars Holm will meet again in Copenhagen next week.", "planned", None),
    ("Maria Vogt is expected to meet Jean Dupont in Berlin on March 3.", "planned", "2024-03-03"),
    ("Maria Vogt plans to meet Jean Dupont in Madrid.", "planned", None),
    ("Talks between Nordbank and Acme Steel were called off on Monday.", "cancelled", "2024-01-08"),
    ("Maria Vogt said that Jean Dupont had refused to meet her.", "cancelled", None),
    ("The meeting between Maria Vogt and Jean Dupont was postponed.", "cancelled", None),
    ("A first meeting between Maria Vogt and Jean Dupont on Monday broke up after an hour.", "happened", "2024-01-08"),
])
def test_status(nlp, text, status, date):
    m = only(nlp, text)
    assert (m.status, m.date) == (status, date)


# ------------------------------------------------------------------ records


def test_same_meeting_mentioned_twice_is_one_record(nlp):
    m = only(nlp, "Maria Vogt met Jean Dupont on Monday. The meeting in Brussels lasted two hours, Vogt said.")
    assert (m.date, m.location) == ("2024-01-08", "Brussels")


def test_meetings_on_different_days_stay_apart(nlp):
    found = meetings(nlp, "Maria Vogt met Jean Dupont in Brussels on Monday. "
                          "A first meeting between the two on Friday had broken up after an hour.")
    assert sorted(m.date for m in found) == ["2024-01-05", "2024-01-08"]


def test_talks_mentioned_again_continue_the_parties(nlp):
    found = meetings(nlp, "Nordbank and Acme Steel ended two days of talks in Oslo on Tuesday and agreed "
                          "to hold another round in Bergen next month. A session planned for Paris "
                          "was called off.")
    assert [(m.status, m.date, m.location) for m in found] == [
        ("happened", "2024-01-09", "Oslo"), ("planned", "2024-02", "Bergen"), ("cancelled", None, "Paris")]
    assert all(names(m) == {"Nordbank", "Acme Steel"} for m in found)


def test_evidence_is_the_sentence(nlp):
    text = "Nordbank cut rates. Maria Vogt met Jean Dupont in Brussels on Monday. Shares rose."
    m = only(nlp, text)
    assert text[m.evidence_start:m.evidence_end] == "Maria Vogt met Jean Dupont in Brussels on Monday."


def test_seed_article_meetings(nlp):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    found = meetings(nlp, text, dt.date(2025, 12, 8))
    putin = [m for m in found if "Vladimir Putin" in names(m)]
    assert len(putin) == 1
    assert names(putin[0]) == {"Vladimir Putin", "Steve Witkoff", "Jared Kushner"}
    assert (putin[0].date, putin[0].location, putin[0].kind) == ("2025-12-03", "Moscow", "meeting")
    calls = [m for m in found if m.kind == "call"]
    assert len(calls) == 1 and calls[0].location is None
    assert {"Steve Witkoff", "Jared Kushner", "Volodymyr Zelenskyy"} == names(calls[0])
    talks = sorted((m.date, m.location) for m in found if m.kind == "talks")
    assert talks == [("2025-11-23", "Geneva"), ("2025-11-30", "Florida"), ("2025-12-06", "Florida")]


def test_eval_meetings_scores(nlp, shared):
    """The dev and seed gold meetings: every gold meeting found with its parties."""
    hits = total = 0
    for gold_path in sorted((shared / "eval").glob("*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        found = meetings(nlp, text, dt.date.fromisoformat(gold["reference_date"]))
        for g in gold["meetings"]:
            total += 1
            want = {g2["name"] for g2 in g["participants"]}
            hits += any(len(want & names(m)) * 2 >= len(want) for m in found)
    assert hits / total >= 0.85


def test_no_dependency_labels_needed():
    """Parties, place and status come from tags and entities, so UD and ClearNLP
    parses (or none) give the same meetings."""
    import spacy
    from spacy.tokens import Doc

    from extractor.components.meetings import MeetingFinder
    from extractor.facts import Entity

    words = ["Anna", "Berg", "will", "meet", "Lars", "Holm", "in", "Oslo", "."]
    tags = ["NNP", "NNP", "MD", "VB", "NNP", "NNP", "IN", "NNP", "."]
    pos = ["PROPN", "PROPN", "AUX", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False], tags=tags, pos=pos)
    doc._.entities = [
        Entity("E1", "Anna Berg", "PERSON", token_spans=[(0, 2)]),
        Entity("E2", "Lars Holm", "PERSON", token_spans=[(4, 6)]),
        Entity("E3", "Oslo", "GPE", token_spans=[(7, 8)]),
    ]
    doc._.dates = []
    (m,) = MeetingFinder(nlp)(doc)._.meetings
    assert [(p.name, p.entity) for p in m.participants] == [("Anna Berg", "E1"), ("Lars Holm", "E2")]
    assert (m.kind, m.status, m.location, m.location_entity) == ("meeting", "planned", "Oslo", "E3")
