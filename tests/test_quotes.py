"""The quotes component: direct, partial and indirect speech, and who said it.

Sentences are written for these tests; the seed article is checked at the end.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import api
from extractor.components.quotes import find_marked

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "seeds" / "000_6b07ba3dde2957da.txt"


def run(nlp, text: str):
    doc = nlp(api.make_doc(nlp, text, None))
    return doc


def quotes(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """(type, speaker name, text) of every quote, in order."""
    doc = run(nlp, text)
    return [(q.type, q.speaker.name if q.speaker else None, q.text if q.text is not None else text[q.start:q.end])
            for q in doc._.quotes]


def speakers_of(found, fragment: str) -> set[str | None]:
    return {s for _, s, t in found if fragment in t}


# ---------------------------------------------------------------- marks (no model needed)
def test_marks_pair_curly_straight_and_guillemets():
    text = '“One two three,” he said. "Four five six," she said. «Seven eight nine,» they said.'
    inner = [text[m.start:m.end] for m in find_marked(text) if m.depth == 0]
    assert inner == ["One two three,", "Four five six,", "Seven eight nine,"]


def test_marks_run_over_paragraphs_when_the_next_one_reopens():
    text = "She said: “First part of it.\n\n“Second part of it.”\n\nThen prose."
    (m,) = [m for m in find_marked(text) if m.depth == 0]
    assert [text[a:b] for a, b in m.pieces] == ["First part of it.", "Second part of it."]


@pytest.mark.parametrize("text", [
    "“This never closes, the minister said.\n\nThe talks went on.",
    "He said \"yes and then",
    "Stray closing mark” in the middle ” of text.",
    "“",
    "",
    "‘Single unclosed",
    "“Nested ‘unclosed inner quote here,” she said.",
])
def test_unbalanced_marks_never_raise(text):
    find_marked(text)


def test_apostrophes_are_not_nested_quotes():
    text = "“Norway's grid and the members’ union are not our problem,” he said."
    assert [m for m in find_marked(text) if m.depth == 1] == []


# ---------------------------------------------------------------- direct
def test_direct_quote_with_speaker_after(nlp):
    found = quotes(nlp, "“We will not back down,” Mayor Elena Kross said on Tuesday.")
    assert found == [("direct", "Elena Kross", "We will not back down.")]


def test_direct_quote_inverted_with_apposition(nlp):
    found = quotes(nlp, "“The deal is done,” said Tomas Brenner, the union's chief negotiator.")
    assert [(t, s) for t, s, _ in found] == [("direct", "Tomas Brenner")]


def test_colon_introduced_direct_quote(nlp):
    found = quotes(nlp, "Finance Minister Paolo Reyes said: “The budget will balance by 2027.”")
    assert found == [("direct", "Paolo Reyes", "The budget will balance by 2027.")]


def test_quote_split_around_its_attribution_is_one_record(nlp):
    doc = run(nlp, "“We are open to talks,” Anna Lindqvist told reporters, “but our patience has limits.”")
    (q,) = doc._.quotes
    assert q.type == "direct" and q.speaker.name == "Anna Lindqvist" and q.cue == "told"
    assert q.text == "We are open to talks, but our patience has limits."
    assert doc.text[q.start:q.start + 2] == "We" and doc.text[q.end - 7:q.end] == "limits."


def test_quote_resumed_in_the_next_sentence_is_one_record(nlp):
    found = quotes(nlp, "“The port will reopen,” harbour master Jens Ohlsson said. “Ships can dock from Friday.”")
    assert found == [("direct", "Jens Ohlsson", "The port will reopen. Ships can dock from Friday.")]


def test_new_attribution_starts_a_new_record(nlp):
    text = ("“The port will reopen,” harbour master Jens Ohlsson said.\n\n"
            "“Ships can dock from Friday,” he added.")
    found = quotes(nlp, text)
    assert found == [("direct", "Jens Ohlsson", "The port will reopen."),
                     ("direct", "Jens Ohlsson", "Ships can dock from Friday.")]


def test_multi_paragraph_quote(nlp):
    text = ("Union leader Grace Okafor said: “We have waited long enough for this offer.\n\n"
            "“If the company keeps its word, work resumes on Monday.”")
    (found,) = quotes(nlp, text)
    assert found[0] == "direct" and found[1] == "Grace Okafor"
    assert "waited long enough" in found[2] and "work resumes on Monday" in found[2]


def test_guillemets_and_straight_marks(nlp):
    found = quotes(nlp, '«The talks were useful,» Karl Weber said. "It is a fair price," Weber added.')
    assert [(t, s) for t, s, _ in found] == [("direct", "Karl Weber"), ("direct", "Karl Weber")]


def test_following_quote_without_cue_keeps_the_speaker(nlp):
    found = quotes(nlp, "Defence Minister Anna Berg said the plan was ready. “It will work.”")
    assert ("direct", "Anna Berg", "It will work.") in found


def test_quote_in_the_next_paragraph_without_cue_is_a_new_record_of_the_speaker(nlp):
    text = "“The port will reopen,” harbour master Jens Ohlsson said.\n\n“Ships can dock from Friday.”"
    found = quotes(nlp, text)
    assert found == [("direct", "Jens Ohlsson", "The port will reopen."),
                     ("direct", "Jens Ohlsson", "Ships can dock from Friday.")]


def test_quote_after_a_sentence_about_a_person_is_theirs(nlp):
    text = ("“The port will reopen,” harbour master Jens Ohlsson said.\n\n"
            "Union leader Grace Okafor was defiant. “We will not give up.”")
    found = quotes(nlp, text)
    assert speakers_of(found, "We will not give up") == {"Grace Okafor"}


def test_pronoun_resolves_to_the_nearest_compatible_speaker(nlp):
    text = ("Maria Santos said her party had won the vote. Her rival, Peter Lang, said he would appeal.\n\n"
            "“The count was wrong,” he said.\n\n“We accept the result,” she said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "count was wrong") == {"Peter Lang"}
    assert speakers_of(found, "accept the result") == {"Maria Santos"}


def test_quote_inside_a_quote_is_also_a_record_of_its_speaker(nlp):
    text = ("“When I met Omar Haddad in Rabat, he said, ‘We will build it together.’ Nothing happened,” "
            "engineer Lucia Ferri said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "When I met Omar Haddad") == {"Lucia Ferri"}
    assert ("direct", "Omar Haddad", "We will build it together.") in found


# ---------------------------------------------------------------- partial and non-quotes
def test_partial_quote_in_prose(nlp):
    found = quotes(nlp, "Minister Karl Weber called the proposal \"a serious step forward\" for the region.")
    assert found == [("partial", "Karl Weber", "a serious step forward")]


def test_partial_quote_inside_reported_speech_is_the_only_record(nlp):
    found = quotes(nlp, "Karl Weber said the two sides had settled “most, but not all” of their disputes.")
    assert found == [("partial", "Karl Weber", "most, but not all")]


@pytest.mark.parametrize("text", [
    "The so-called “peace plan” was published on Monday.",
    "She spent the evening reading “The Quiet Harbour of Tallinn” in the library.",
    "BERLIN (Reuters) - Heavy rain flooded the city centre on Monday.",
    "Ines Moreau believes the plan will fail.",
    "Ines Moreau hopes the talks succeed and wants a deal by May.",
    "The ministers discussed trade and energy on Monday.",
    "Ines Moreau declined to give details.",
    "The two sides failed to agree on a timetable.",
    "The club reported debts of 35 million euros.",
])
def test_not_quotes(nlp, text):
    assert quotes(nlp, text) == []


# ---------------------------------------------------------------- indirect
def test_indirect_said_without_that(nlp):
    found = quotes(nlp, "Labour Minister Ines Moreau said the strike would end on Monday.")
    assert found == [("indirect", "Ines Moreau", "the strike would end on Monday")]


def test_indirect_told_reporters_that(nlp):
    found = quotes(nlp, "Labour Minister Ines Moreau told reporters in Lyon that negotiations would resume next week.")
    assert found == [("indirect", "Ines Moreau", "negotiations would resume next week")]


def test_indirect_speaker_after_the_clause(nlp):
    found = quotes(nlp, "The vote had been delayed by a week, election chief Omar Haddad told reporters.")
    assert found == [("indirect", "Omar Haddad", "The vote had been delayed by a week")]


@pytest.mark.parametrize("text", [
    "Omar Haddad spoke after the vote. The count had been fair, he said.",
    "The count had been fair, said election chief Omar Haddad.",
])
def test_indirect_with_trailing_or_inverted_attribution(nlp, text):
    found = quotes(nlp, text)
    assert found == [("indirect", "Omar Haddad", "The count had been fair")]


def test_according_to_an_organisation(nlp):
    found = quotes(nlp, "According to the Baltic Harbour Authority, three ships were damaged in the storm.")
    assert [(t, x) for t, _, x in found] == [("indirect", "three ships were damaged in the storm")]
    assert "Baltic Harbour Authority" in found[0][1]


def test_statement_of_an_organisation_and_its_description(nlp):
    text = ("Northwind Bank said in a statement that it had repaid the loan.\n\n"
            "The bank said it would cut its fees next year.")
    found = quotes(nlp, text)
    assert found == [("indirect", "Northwind Bank", "it had repaid the loan"),
                     ("indirect", "Northwind Bank", "it would cut its fees next year")]


def test_organisation_named_in_apposition_or_as_possessor(nlp):
    text = ("The utility, Northwind Power, said in a statement it would cut prices.\n\n"
            "Norway's energy ministry said the cut was welcome.")
    found = quotes(nlp, text)
    assert found[0] == ("indirect", "Northwind Power", "it would cut prices")
    assert found[1][1] is not None and "ministry" in found[1][1]


def test_description_resolves_to_the_person_named_next(nlp):
    text = ("The president of the Nordic Rowing Federation said the regatta would go ahead.\n\n"
            "Federation head Ingrid Solberg told reporters the course was safe.")
    found = quotes(nlp, text)
    assert speakers_of(found, "regatta would go ahead") == {"Ingrid Solberg"}


def test_unnamed_speaker_stays_unnamed(nlp):
    text = ("Maria Santos left the talks early.\n\n"
            "A Western diplomat said the gap remained wide. “Nobody expects a breakthrough,” the diplomat said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "gap remained wide") == {None}
    assert speakers_of(found, "Nobody expects") == {None}


def test_participle_cue_takes_the_sentence_subject(nlp):
    text = ("Finance Minister Paolo Reyes rejected the offer on Friday, saying the price was far too low.")
    found = quotes(nlp, text)
    assert found == [("indirect", "Paolo Reyes", "the price was far too low")]


def test_infinitive_complements(nlp):
    text = ("Finance Minister Paolo Reyes urged the central bank to publish the report by June.\n\n"
            "The dockers' union threatened to take the dispute to court, after talks collapsed.")
    found = quotes(nlp, text)
    assert ("indirect", "Paolo Reyes", "to publish the report by June") in found
    assert any(t == "to take the dispute to court" for _, _, t in found)


def test_joint_statement_gives_one_record_per_named_speaker(nlp):
    text = ("Chancellor Hans Berg and President Lea Novak agreed to reopen the border crossing, "
            "ending a dispute that began in May.")
    found = quotes(nlp, text)
    assert sorted(s for _, s, _ in found) == ["Hans Berg", "Lea Novak"]
    assert {t for _, _, t in found} == {"to reopen the border crossing"}


def test_group_resolved_to_the_people_the_article_names(nlp):
    text = ("Prime Minister Hans Berg met President Lea Novak in Vienna on Monday.\n\n"
            "Both leaders agreed that the border should stay open.")
    found = quotes(nlp, text)
    assert sorted(s for _, s, _ in found) == ["Hans Berg", "Lea Novak"]


def test_transcript_labels(nlp):
    text = ("SECRETARY HALVORSEN: Thank you all for coming today.\n\n"
            "Q: Will you meet the minister tomorrow?\n\n"
            "SECRETARY HALVORSEN: Yes, we will meet in the morning.")
    found = quotes(nlp, text)
    assert [t for t, _, _ in found] == ["direct"] * 3
    assert found[0][1] == found[2][1] and "Halvorsen" in found[0][1]
    assert found[1][1] is None
    assert found[2][2] == "Yes, we will meet in the morning."


def test_prose_after_a_transcript_is_not_a_turn(nlp):
    text = ("SECRETARY HALVORSEN: Thank you all for coming today.\n\n"
            "Q: Will you meet the minister tomorrow?\n\n"
            "The briefing ended after twenty minutes, a spokesman said.")
    found = quotes(nlp, text)
    assert [t for t, _, _ in found] == ["direct", "direct", "indirect"]


def test_fields_cue_offsets_and_evidence(nlp):
    text = "Rain fell all day. “We are ready,” Mayor Elena Kross said. Then she left."
    doc = run(nlp, text)
    (q,) = doc._.quotes
    assert q.cue == "said"
    assert text[q.start:q.end] == "We are ready,"
    assert text[q.evidence_start:q.evidence_end] == "“We are ready,” Mayor Elena Kross said."


# ---------------------------------------------------------------- seed article
def test_seed_article(nlp):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    found = quotes(nlp, text)
    assert speakers_of(found, "this will not work, obviously") == {"Dmitry Peskov"}
    assert speakers_of(found, "We want to work toward peace") == {"Dmitry Peskov"}
    assert speakers_of(found, "Russia’s position is focused") == {"Dmitry Peskov"}
    assert ("partial", "Yury Ushakov", "constructive and substantive,") in found
    assert speakers_of(found, "to maintain further contacts") >= {"Vladimir Putin", "Steve Witkoff", "Jared Kushner"}
