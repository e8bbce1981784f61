"""The quotes component: direct, partial and indirect speech, and who said it.

Sentences are written for these tests; the seed article is checked at the end.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import api
from extractor.components.quotes.marks import find_marked

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


def test_guillemets_with_french_spacing():
    text = "« We are ready to sign », the minister said. He added: « Today, not tomorrow. »"
    inner = [text[m.start:m.end] for m in find_marked(text) if m.depth == 0]
    assert inner == ["We are ready to sign", "Today, not tomorrow."]


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
    # Conventions (Quotes, speaker): a description resolves to the named entity behind it;
    # no ministry is named, so "Norway's energy ministry" speaks for Norway.
    assert found[1][1] == "Norway"


def test_description_resolves_to_the_person_named_next(nlp):
    text = ("The president of the Nordic Rowing Federation said the regatta would go ahead.\n\n"
            "Federation head Ingrid Solberg told reporters the course was safe.")
    found = quotes(nlp, text)
    assert speakers_of(found, "regatta would go ahead") == {"Ingrid Solberg"}


def test_unnamed_speaker_stays_unnamed(nlp):
    # Conventions (Quotes, speaker): an unnamed speaker keeps the article's label as its name
    # (the old expectation was no speaker at all); "the diplomat" is the one labelled before.
    text = ("Maria Santos left the talks early.\n\n"
            "A Western diplomat said the gap remained wide. “Nobody expects a breakthrough,” the diplomat said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "gap remained wide") == {"A Western diplomat"}
    assert speakers_of(found, "Nobody expects") == {"A Western diplomat"}


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
    assert [t for t, _, _ in found] == ["direct"] * 2
    assert found[0][1] == found[1][1] and "Halvorsen" in found[0][1]
    assert found[1][2] == "Yes, we will meet in the morning."


def test_unnamed_questioner_turns_are_not_quotes(nlp):
    text = ("QUESTION: Why close the plant now?\n\n"
            "HARTIKAINEN: Because the orders stopped in the spring.\n\n"
            "QUESTION: And the workers?\n\n"
            "HARTIKAINEN: Most of them will move to Oulu.\n\n"
            "We will pay for the move.")
    found = quotes(nlp, text)
    assert [s for _, s, _ in found] == ["Hartikainen"] * 3
    assert not any("Why close" in t or "the workers?" in t for _, _, t in found)


def test_prose_after_a_transcript_is_not_a_turn(nlp):
    text = ("SECRETARY HALVORSEN: Thank you all for coming today.\n\n"
            "Q: Will you meet the minister tomorrow?\n\n"
            "The briefing ended after twenty minutes, a spokesman said.")
    found = quotes(nlp, text)
    assert [t for t, _, _ in found] == ["direct", "indirect"]


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


@pytest.mark.xfail(strict=True, reason="'The sides' resolves to the pair the article mentions most (United States, "
                   "Ukraine), not the people of the meeting two sentences back; preferring the latest-named group "
                   "costs real quotes e2e 0.851 -> 0.820 and speaker accuracy 0.941 -> 0.907")
def test_seed_article_the_sides_of_the_last_meeting(nlp):
    found = quotes(nlp, SEED_ARTICLE.read_text(encoding="utf-8"))
    assert speakers_of(found, "to maintain further contacts") >= {"Vladimir Putin", "Steve Witkoff", "Jared Kushner"}


@pytest.mark.xfail(reason="'Kremlin aide Yury Ushakov said': the parser ends a sentence after 'Yury' and NER "
                          "tags only 'Yury' (PERSON), so the speaker is the bare 'Ushakov'", strict=True)
def test_seed_article_speaker_split_by_the_sentence_segmenter(nlp):
    found = quotes(nlp, SEED_ARTICLE.read_text(encoding="utf-8"))
    assert ("partial", "Yury Ushakov", "constructive and substantive,") in found


# ---------------------------------------------------------------- generalisation: attributions
def test_trailing_attribution_with_an_auxiliary(nlp):
    text = "Ferry traffic fell by a fifth in the winter, Nordic Ferry Lines has said."
    found = quotes(nlp, text)
    assert found == [("indirect", "Nordic Ferry Lines", "Ferry traffic fell by a fifth in the winter")]


def test_passive_cue_verb_is_no_attribution(nlp):
    text = ("The talks were postponed after the union leader, Mikael Strand, was admitted to hospital, "
            "leaving the strike unresolved.")
    assert quotes(nlp, text) == []


def test_time_phrase_between_addressee_and_clause(nlp):
    text = "Ole Brekke told the Bergen Herald last week that the shipyard would hire 200 welders."
    found = quotes(nlp, text)
    assert found == [("indirect", "Ole Brekke", "the shipyard would hire 200 welders")]


def test_clause_opening_with_an_approximate_number(nlp):
    found = quotes(nlp, "Plant manager Sofia Lind said about 40 staff would move to the new site.")
    assert found == [("indirect", "Sofia Lind", "about 40 staff would move to the new site")]


def test_cue_form_after_an_article_is_no_cue(nlp):
    text = "Low rainfall has cut hydropower output across the region, costing utilities an estimated $80 million."
    assert quotes(nlp, text) == []


def test_cue_verb_with_a_noun_phrase_object_is_no_cue(nlp):
    text = "Nordic Ferry Lines will add two night trains between Oslo and Bergen from May, a spokesman said."
    doc = run(nlp, text)
    assert [q.cue for q in doc._.quotes] == ["said"]


def test_relative_clause_with_its_own_commas_before_the_cue(nlp):
    text = ("Anders Holm, who grew up in Tromsø, Norway, and studied in Bergen, said the quota "
            "would hurt small fishing boats.")
    found = quotes(nlp, text)
    assert found == [("indirect", "Anders Holm", "the quota would hurt small fishing boats")]


def test_participial_apposition_is_not_the_speaker(nlp):
    text = ("Researchers at the Tallinn Institute of Ecology published the survey on Monday.\n\n"
            "The survey, funded by the Baltic Sea Trust, warned that eel numbers had halved.")
    found = quotes(nlp, text)
    assert speakers_of(found, "eel numbers had halved") != {"Baltic Sea Trust"}


def test_second_verb_of_the_same_subject_is_its_own_statement(nlp):
    text = ("Transport Minister Eva Lund met union leader Karl Moe on Monday, but insisted that "
            "the timetable could not change.")
    found = quotes(nlp, text)
    assert found == [("indirect", "Eva Lund", "the timetable could not change")]


def test_shared_subject_after_a_partial_quote(nlp):
    text = ("Health Minister Ana Costa conceded that the wait had been “far too long”, "
            "but insisted that hospitals had no money for overtime.")
    found = quotes(nlp, text)
    assert speakers_of(found, "hospitals had no money") == {"Ana Costa"}


def test_clause_ends_where_the_same_subject_reports_again(nlp):
    text = "Nordic Ferry Lines said congestion had eased since May, but warned that road access remained a problem."
    found = quotes(nlp, text)
    assert found == [("indirect", "Nordic Ferry Lines", "congestion had eased since May"),
                     ("indirect", "Nordic Ferry Lines", "road access remained a problem")]


def test_fronted_adverbial_names_are_not_the_speaker(nlp):
    text = ("Northwind Bank cut its main rate on Monday.\n\n"
            "Speaking in Oslo after the decision, the bank said mortgage rates would follow.")
    found = quotes(nlp, text)
    assert speakers_of(found, "mortgage rates would follow") == {"Northwind Bank"}


# ---------------------------------------------------------------- generalisation: speakers
def test_the_two_resolve_to_the_two_people_named(nlp):
    text = ("Prime Minister Hans Berg received President Lea Novak in Vienna on Monday, "
            "and the two agreed to reopen the border crossing.")
    found = quotes(nlp, text)
    assert sorted(s for _, s, _ in found) == ["Hans Berg", "Lea Novak"]


def test_coordination_with_a_described_second_speaker(nlp):
    text = "Marine biologist Kadri Saar and her colleague Jonas Lepp said the reef was recovering."
    found = quotes(nlp, text)
    assert sorted(s for _, s, _ in found) == ["Jonas Lepp", "Kadri Saar"]


def test_company_spokeswoman_keeps_her_label_and_she_follows(nlp):
    # Conventions (Quotes, speaker): an unnamed speaker keeps the article's label ("a senior
    # U.S. official"); the old expectation gave the company. "she" is the same spokeswoman.
    text = ("Danish shipping group Kestrel Lines will open a route to Dakar in March, a company spokeswoman said.\n\n"
            "The firm expects to carry 40,000 containers a year, she added.")
    found = quotes(nlp, text)
    assert speakers_of(found, "open a route to Dakar") == {"a company spokeswoman"}
    assert speakers_of(found, "40,000 containers") == {"a company spokeswoman"}


def test_spokesman_of_an_unrecognised_body_is_named_as_written(nlp):
    # Conventions (Quotes, speaker): the unnamed spokesman keeps the label as printed.
    found = quotes(nlp, "A Ministry of Fisheries spokesman said the quota would be reviewed in May.")
    assert speakers_of(found, "quota would be reviewed") == {"A Ministry of Fisheries spokesman"}


def test_unknown_description_is_not_the_last_organisation(nlp):
    text = ("Coach Rita Sousa left Porto Athletic in June.\n\n"
            "“He is not for sale,” the former international said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "not for sale") == {"Rita Sousa"}


def test_age_description_is_a_person(nlp):
    text = "Veteran coach Rita Sousa praised the squad. The 58-year-old said the club would not sell anyone."
    found = quotes(nlp, text)
    assert speakers_of(found, "would not sell anyone") == {"Rita Sousa"}


def test_split_quote_keeps_the_full_stop_after_the_attribution(nlp):
    found = quotes(nlp, "“I gave everything,” coach Rita Sousa said. “I leave with my head high.”")
    assert found == [("direct", "Rita Sousa", "I gave everything. I leave with my head high.")]


def test_named_spokesman_speaks_rather_than_the_body_in_his_apposition(nlp):
    text = ("Central bank governor Anna Berg spoke first. Peter Holm, a spokesman for the Bank of Norway, "
            "said the cuts would affect about 40,000 jobs.")
    found = quotes(nlp, text)
    assert speakers_of(found, "the cuts would affect") == {"Peter Holm"}


def test_inverted_attribution_names_the_speaker_after_a_comma(nlp):
    text = ("‘We have fished here for five generations,’ says skipper Tom Penrose.\n\n"
            "‘Stocks are at a tipping point,’ says the agency’s chief scientist, Dr Alice Trevithick.")
    found = quotes(nlp, text)
    assert speakers_of(found, "tipping point") == {"Alice Trevithick"}


def test_spokesman_for_a_body_named_after_the_role(nlp):
    # Conventions (Quotes, speaker): the unnamed spokeswoman keeps the label as printed, the
    # body she speaks for included (as in the real sets' gold: "a spokesperson for ...").
    text = "Ministers will decide by the autumn, a spokeswoman for the Office of Rail Regulation said."
    found = quotes(nlp, text)
    assert speakers_of(found, "Ministers will decide") == {"a spokeswoman for the Office of Rail Regulation"}


def test_inverted_attribution_ignores_names_after_the_speaker(nlp):
    text = ("Kremlin spokesman Dmitry Peskov spoke to US envoy Steve Witkoff on Monday.\n\n"
            "“We will wait,” said Peskov after a call with Witkoff.")
    found = quotes(nlp, text)
    (speaker,) = speakers_of(found, "We will wait")
    assert "Peskov" in speaker


@pytest.mark.parametrize("text", [
    "The economy will grow 3% next year, the central bank's governor, Anna Berglund, said on Tuesday.",
    "Central banker Anna Berglund spoke.\n\nThe economy will grow 3% next year, Berglund, who took office in 2022, "
    "told parliament.",
])
def test_speaker_in_appositions_after_the_reported_clause(nlp, text):
    found = quotes(nlp, text)
    assert found == [("indirect", "Anna Berglund", "The economy will grow 3% next year")]


def test_trailing_attribution_followed_by_another_clause(nlp):
    text = ("Unemployment will stay low, Nordic Ferry Lines predicted in its forecast, "
            "though it warned that fares could rise.")
    found = quotes(nlp, text)
    assert ("indirect", "Nordic Ferry Lines", "Unemployment will stay low") in found
    assert ("indirect", "Nordic Ferry Lines", "fares could rise") in found


def test_sentence_initial_plural_is_not_a_name(nlp):
    # Conventions (Quotes, speaker): unnamed speakers keep the article's label (the old
    # expectation had no speaker); the label is no entity.
    doc = run(nlp, "Fishermen in Cornwall say a new marine park will ruin them.")
    (q,) = doc._.quotes
    assert (q.type, q.speaker.name, q.speaker.entity) == ("indirect", "Fishermen", None)
    assert not [e for e in doc._.entities if e.name == "Fishermen"]


@pytest.mark.parametrize("text", [
    "The veto will stay until Greece withdraws its objections, Foreign Minister Kemal Yavuz was quoted as "
    "saying by the Anadolu agency.",
    "Foreign Minister Kemal Yavuz was quoted as saying that the veto will stay until Greece withdraws its objections.",
])
def test_quoted_as_saying(nlp, text):
    found = quotes(nlp, text)
    assert found == [("indirect", "Kemal Yavuz", "the veto will stay until Greece withdraws its objections")] or \
        found == [("indirect", "Kemal Yavuz", "The veto will stay until Greece withdraws its objections")]


def test_office_speaks_for_its_named_owner(nlp):
    text = ("Prime Minister Eleni Markou met the unions on Monday.\n\n"
            "Markou's office said the pension reform would be delayed.")
    found = quotes(nlp, text)
    assert speakers_of(found, "pension reform") == {"Eleni Markou"}


def test_a_described_speaker_keeps_its_label_when_mentioned_again(nlp):
    # Conventions (Quotes, speaker): "a senior U.S. official" keeps the article's label (the
    # old expectation gave the body); "the official" is the one labelled before.
    text = ("A senior European Union official said Brussels hoped for a deal by June.\n\n"
            "“It is in everyone's interest,” the official said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "hoped for a deal") == {"A senior European Union official"}
    assert speakers_of(found, "everyone's interest") == {"A senior European Union official"}


def test_companies_as_a_group_are_the_companies_named_together(nlp):
    text = ("Nordic Ferry Lines agreed to buy Baltic Shipping Group for 2 billion euros.\n\n"
            "The two companies said no jobs would be cut.")
    found = quotes(nlp, text)
    assert speakers_of(found, "no jobs would be cut") == {"Nordic Ferry Lines", "Baltic Shipping Group"}


def test_answer_labels_belong_to_the_person_the_introduction_names(nlp):
    text = ("Finance Minister Paolo Reyes spoke to the Manila Courier on Friday.\n\n"
            "Q: Will taxes rise?\n\n"
            "A: Not this year. We have other options.\n\n"
            "Q: Which ones?\n\n"
            "A: Spending cuts, mostly.")
    found = quotes(nlp, text)
    assert [(t, s) for t, s, _ in found] == [("direct", "Paolo Reyes")] * 2


def test_the_company_is_the_organisation_that_spoke_not_one_in_a_relative_clause(nlp):
    text = ("Nordic Ferry Lines said on Monday it would close two routes.\n\n"
            "Chief executive Anna Holm, who joined from Baltic Shipping Group in 2021, called the move painful.\n\n"
            "Bookings for the summer were strong, the company said.")
    found = quotes(nlp, text)
    assert speakers_of(found, "Bookings for the summer") == {"Nordic Ferry Lines"}


def test_partial_quote_after_dismissed_as(nlp):
    found = quotes(nlp, "Finance Minister Paolo Reyes dismissed the proposal as “a gimmick” on Monday.")
    assert found == [("partial", "Paolo Reyes", "a gimmick")]


@pytest.mark.parametrize("text", [
    "Chief executive Laura Brandt wrote in a letter to shareholders that the bank would return to profit.",
    "Chief executive Laura Brandt told staff in an internal memo seen by the Frankfurter Bote that "
    "the bank would return to profit.",
])
def test_that_clause_after_a_longer_stretch(nlp, text):
    found = quotes(nlp, text)
    assert found == [("indirect", "Laura Brandt", "the bank would return to profit")]


def test_relative_that_after_a_noun_is_no_reported_clause(nlp):
    text = "Finance Minister Paolo Reyes stressed the need for a budget that would protect pensions."
    assert all(t != "would protect pensions" for _, _, t in quotes(nlp, text))


def test_gender_from_honorifics_not_from_a_possessive(nlp):
    text = ("Campaigner Ms Rachel Penhale met chairman Mr Geoffrey Alton on Monday.\n\n"
            "Mr Alton did not respond to her remarks. He said the board would meet in May.")
    found = quotes(nlp, text)
    assert speakers_of(found, "the board would meet") == {"Geoffrey Alton"}


def test_cue_verb_after_a_relative_clause(nlp):
    text = ("The International Air Transport Association, which represents 300 airlines, urged governments "
            "in the region to harmonise safety rules.")
    found = quotes(nlp, text)
    assert [(t, x) for t, _, x in found] == [("indirect", "to harmonise safety rules")]


def test_it_with_no_antecedent_is_the_organisation_named_next(nlp):
    text = ("Norway's largest ferry operator will cut two routes next month, it said on Monday.\n\n"
            "Anna Holm, a spokeswoman for Nordic Ferry Lines, said fuel costs had doubled.")
    found = quotes(nlp, text)
    assert speakers_of(found, "cut two routes") == {"Nordic Ferry Lines"}


def test_trailing_attribution_followed_by_a_subordinate_clause(nlp):
    text = ("The finance minister will resign next week, two officials said on condition of anonymity "
            "because they were not authorised to speak publicly.")
    found = quotes(nlp, text)
    assert [(t, x) for t, _, x in found] == [("indirect", "The finance minister will resign next week")]


def test_according_to_inside_the_sentence(nlp):
    found = quotes(nlp, "The new terminal, according to Nordic Ferry Lines, will open in May and employ 300 people.")
    assert found == [("indirect", "Nordic Ferry Lines", "The new terminal will open in May and employ 300 people")]


@pytest.mark.xfail(reason="'The company' parsed as a second subject (nsubj) of 'added', not as the subject of "
                          "'refused'", strict=True)
def test_attribution_inside_the_reported_sentence(nlp):
    text = "Union leader Erik Dahl met the owners on Monday.\n\nThe company, he added, had refused to negotiate."
    found = quotes(nlp, text)
    assert ("indirect", "Erik Dahl", "The company had refused to negotiate") in found


def test_that_followed_by_a_conditional(nlp):
    found = quotes(nlp, "Chief executive Anna Holm said that, if the weather allows, the first ship would sail on May 3.")
    assert found == [("indirect", "Anna Holm", "if the weather allows, the first ship would sail on May 3")]


@pytest.mark.parametrize("text, clause", [
    ("Senator John Reyes said late Tuesday there would be no vote this week.", "there would be no vote this week"),
    ("Mayor Tom Burke said in Albany the city would sue.", "the city would sue"),
])
def test_adjuncts_between_the_cue_and_its_clause(nlp, text, clause):
    found = quotes(nlp, text)
    assert [(t, x) for t, _, x in found] == [("indirect", clause)]


def test_second_cue_between_quotes_starts_a_new_record(nlp):
    text = "“The deal is dead,” Transport Minister Lena Vogt said, adding: “We will start again in the autumn.”"
    found = quotes(nlp, text)
    assert found == [("direct", "Lena Vogt", "The deal is dead."),
                     ("direct", "Lena Vogt", "We will start again in the autumn.")]


def test_q_dot_a_dot_interview(nlp):
    text = ("Energy Minister Sara Lindqvist spoke to the Nordic Courier on Monday.\n\n"
            "Q. Why nuclear, and why now?\n\n"
            "A. Because wind alone cannot keep the lights on in January.\n\n"
            "Q. What will it cost?\n\n"
            "A. About 12 billion euros over ten years.")
    found = quotes(nlp, text)
    assert [(t, s) for t, s, _ in found] == [("direct", "Sara Lindqvist")] * 2
    assert found[1][2] == "About 12 billion euros over ten years."


def test_an_initial_is_not_an_answer_label(nlp):
    text = "A. J. Brennan chaired the session.\n\nA. K. Osei said the budget would be approved."
    found = quotes(nlp, text)
    assert [(t, x) for t, _, x in found] == [("indirect", "the budget would be approved")]


def test_content_cut_to_nothing_leaves_the_article_whole(nlp):
    # The parse left this infinitive's content empty once its framing was cut; the
    # component raised and the whole record became processing_failed (found on EWT).
    text = ("Joseph Manogue at Tiger called me last night to say he had finally reviewed the draft ISDA doc "
            "with all agreed changes put in and lined from original.")
    doc = nlp(api.make_doc(nlp, text, None))
    assert all(q.text or q.end > q.start for q in doc._.quotes)
    assert [m.kind for m in doc._.meetings] == ["call"]


def test_references_headed_in_a_window_keep_their_own_order(nlp):
    """The unnamed-speaker questions read the references headed in a window from an index
    made once per Doc: the same references, in the order of ``Doc._.references``."""
    from extractor.components.quotes import unnamed

    doc = run(nlp, "A senior EU official said the talks, led by Ida Berg of the Nordic Council, would go on. "
                   "Transport minister Jonas Lie and his deputy met them. The official said they agreed.")
    refs = doc._.references
    read = unnamed._read(doc)
    for lo in range(len(doc) + 1):
        for hi in (lo, lo + 3, lo + 12, len(doc)):
            assert read.headed_in(lo, hi) == [r for r in refs if lo <= r.head < hi]
    assert unnamed._read(doc) is read and unnamed._read(run(nlp, "Ida Berg spoke.")) is not read


def test_people_by_form_answer_as_the_scan_of_every_entity(nlp):
    """A capitalised word the entity layer did not link is a person known by that name, alias
    or surname: read from an index made once per Doc, the same people as a scan of them all."""
    from extractor.components.quotes import speakers

    doc = run(nlp, "Ana Villacorta, known as Anita, met Luis Villacorta and Maria Lopez in Lima. Lopez said so.")
    people = [e for e in doc._.entities if e.type == "PERSON"]
    index = speakers._people_by_form(doc)
    forms = {f.casefold() for e in people for f in (e.name, *e.aliases)} | {"villacorta", "lopez", "lima", ""}
    for form in forms:
        scanned = [e for e in people
                   if any(f.casefold() == form or f.casefold().split()[-1:] == [form] for f in (e.name, *e.aliases))]
        assert index.get(form, []) == scanned, form
    assert len(index["villacorta"]) == 2 and speakers._people_by_form(doc) is index
