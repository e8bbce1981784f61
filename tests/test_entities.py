"""The entities component: names, aliases, titles, grouping and mentions.

Most tests give the component hand-made NER spans on a blank English pipeline,
so they check our rules and not the model's recall; a few run the full
pipeline on sentences written for these tests and on the seed article.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor import facts
from extractor.components import entities  # noqa: F401  (registers the factory)
from extractor.facts import Entity

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT / "seeds" / "000_6b07ba3dde2957da.txt"
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_entities")
    return nlp


def run(nlp: Language, text: str, spans: list[tuple[str, str]]) -> Doc:
    """Label each (surface, label), searched as a whole word after the previous one,
    then run the component."""
    doc = nlp.make_doc(text)
    ents, pos = [], 0
    for surface, label in spans:
        match = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)").search(text, pos)
        assert match is not None, surface
        pos = match.end()
        span = doc.char_span(match.start(), match.end(), label=label)
        assert span is not None, surface
        ents.append(span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    return nlp.get_pipe("extractor_entities")(doc)


def by_name(doc: Doc) -> dict[str, Entity]:
    return {e.name: e for e in doc._.entities}


def test_title_surname_and_offsets(blank):
    text = "Foreign Minister Anna Berg met farmers in Oslo. Berg said the talks went well."
    doc = run(blank, text, [("Foreign Minister Anna Berg", "PERSON"), ("Oslo", "GPE"), ("Berg", "PERSON")])
    berg = by_name(doc)["Anna Berg"]
    assert berg.type == "PERSON"
    assert berg.aliases == ["Berg"]
    assert "Foreign Minister" in berg.titles
    assert [text[s:e] for s, e in berg.mentions] == ["Anna Berg", "Berg"]
    assert [e.id for e in doc._.entities] == ["E1", "E2"]
    # Every token of every mention points at its entity.
    for start, end in berg.token_spans:
        for token in doc[start:end]:
            assert facts.entity_of(token) is berg
    assert facts.entity_of(doc[0]) is None  # "Foreign" is a title, not the name


def test_title_before_the_span_is_collected(blank):
    text = "Deputy Trade Minister Jonas Lind arrived. Later, prosecutor Ida Holm spoke."
    doc = run(blank, text, [("Jonas Lind", "PERSON"), ("Ida Holm", "PERSON")])
    names = by_name(doc)
    assert names["Jonas Lind"].titles == ["Deputy Trade Minister"]
    assert names["Ida Holm"].titles == ["prosecutor"]


def test_lone_titles_pronouns_and_dates_are_dropped(blank):
    text = "The Minister met them on Tuesday. They said 2024 was hard."
    doc = run(blank, text, [("Minister", "PERSON"), ("Tuesday", "ORG"), ("They", "PERSON"), ("2024", "ORG")])
    assert doc._.entities == []


def test_acronym_defined_in_parentheses(blank):
    text = "The Northern Rail Alliance (NRA) met in Turku. The NRA said fares would rise."
    doc = run(blank, text, [("Northern Rail Alliance", "ORG"), ("Turku", "GPE")])
    nra = by_name(doc)["Northern Rail Alliance"]
    assert nra.aliases == ["NRA"]
    assert len(nra.mentions) == 3  # the full name, "(NRA)" and the later "NRA"
    assert all(text[s:e] in ("Northern Rail Alliance", "NRA") for s, e in nra.mentions)


def test_acronym_matching_initials(blank):
    text = "The Baltic Grain Council warned buyers. BGC members voted later."
    doc = run(blank, text, [("Baltic Grain Council", "ORG"), ("BGC", "ORG")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [("Baltic Grain Council", ["BGC"])]


def test_us_abbreviations_join_the_country(blank):
    text = "The United States sent envoys. U.S. officials and US diplomats agreed."
    doc = run(blank, text, [("United States", "GPE"), ("U.S.", "GPE"), ("US", "GPE")])
    assert len(doc._.entities) == 1
    us = doc._.entities[0]
    assert us.name == "United States"
    assert us.aliases == ["U.S.", "US"]


def test_unlabelled_abbreviation_joins_its_country(blank):
    text = "The United States sent U.S. envoy Ann Hale. Prices in US$ rose."
    doc = run(blank, text, [("United States", "GPE"), ("Ann Hale", "PERSON")])
    us = by_name(doc)["United States"]
    assert [text[s:e] for s, e in us.mentions] == ["United States", "U.S."]
    assert facts.entity_of(doc[4]) is us  # "U.S."


def test_abbreviation_alone_is_named_by_its_full_form(blank):
    text = "UK ministers flew home."
    doc = run(blank, text, [("UK", "GPE")])
    assert (doc._.entities[0].name, doc._.entities[0].aliases) == ("United Kingdom", ["UK"])


def test_all_caps_dateline_and_diacritics_variant(blank):
    text = "ZILINA, Slovakia (Reuters) - Officials in Žilina said the plant would reopen."
    doc = run(blank, text, [("ZILINA", "GPE"), ("Slovakia", "GPE"), ("Žilina", "GPE")])
    names = by_name(doc)
    assert names["Žilina"].aliases == ["Zilina"]
    assert names["Reuters"].type == "ORG"  # the agency credit, even unlabelled by the model
    assert "ZILINA" not in names and "Zilina" not in names


def test_all_caps_dateline_alone_gets_normal_case(blank):
    text = "BERGEN (AP) - Fishermen protested."
    doc = run(blank, text, [("BERGEN", "GPE")])
    assert [e.name for e in doc._.entities] == ["Bergen", "AP"]


def test_two_people_sharing_a_surname(blank):
    text = ("Union leader Tom Varga spoke first. Mayor Eva Varga, his cousin, replied. "
            "Varga then left the hall.")
    doc = run(blank, text, [("Tom Varga", "PERSON"), ("Eva Varga", "PERSON"), ("Varga", "PERSON")])
    names = by_name(doc)
    assert set(names) == {"Tom Varga", "Eva Varga"}
    assert names["Eva Varga"].aliases == ["Varga"]  # the most recent Varga
    assert names["Tom Varga"].aliases == []


def test_possessive_the_and_generic_heads(blank):
    text = "Chile's Ministry of Mining praised the Rio Claro dam. The Rio Claro dam opens in 2027."
    doc = run(blank, text, [("Chile", "GPE"), ("Ministry of Mining", "ORG"),
                            ("the Rio Claro dam", "FAC"), ("Rio Claro dam", "FAC")])
    names = by_name(doc)
    assert names["Rio Claro"].aliases == ["Rio Claro dam"]
    assert set(names) == {"Chile", "Ministry of Mining", "Rio Claro"}


def test_possessive_s_is_not_part_of_a_name(blank):
    text = "Vestra Mining's shares fell. Vestra Mining said costs rose."
    doc = run(blank, text, [("Vestra Mining's", "ORG"), ("Vestra Mining", "ORG")])
    assert [(e.name, e.aliases, len(e.mentions)) for e in doc._.entities] == [("Vestra Mining", [], 2)]


def test_short_company_name(blank):
    text = "Solvik Energi will build the line. Solvik expects profits."
    doc = run(blank, text, [("Solvik Energi", "ORG"), ("Solvik", "ORG")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [("Solvik Energi", ["Solvik"])]


def test_second_name_known_as(blank):
    text = "The bridge crosses the Tana River, known as the Deatnu in Norway."
    doc = run(blank, text, [("Tana River", "LOC"), ("Deatnu", "LOC"), ("Norway", "GPE")])
    assert by_name(doc)["Tana River"].aliases == ["Deatnu"]


def test_second_name_after_a_one_word_cue(blank):
    text = "The bridge crosses the Tana River, called Deatnu in Norway."
    doc = run(blank, text, [("Tana River", "LOC"), ("Deatnu", "LOC"), ("Norway", "GPE")])
    assert by_name(doc)["Tana River"].aliases == ["Deatnu"]


def test_place_by_form_keeps_its_type_over_its_alias(blank):
    # "the Deatnu" typed PERSON becomes ORG by the "the X" rule; the river's own form decides
    text = "The bridge crosses the Tana River, known as the Deatnu in Norway."
    doc = run(blank, text, [("Tana River", "LOC"), ("Deatnu", "PERSON"), ("Norway", "GPE")])
    tana = by_name(doc)["Tana River"]
    assert (tana.type, tana.aliases) == ("LOC", ["Deatnu"])


def test_demonym_is_not_an_alias_of_the_place(blank):
    text = "Norwegian officials said Norway would pay."
    doc = run(blank, text, [("Norwegian", "NORP"), ("Norway", "GPE")])
    assert sorted((e.name, e.type, tuple(e.aliases)) for e in doc._.entities) == [
        ("Norway", "GPE", ()), ("Norwegian", "NORP", ())]


def test_person_named_like_a_place_stays_apart(blank):
    text = "Police chief Lena Oslo met a buyer in Oslo. Chief Oslo said the case was closed."
    doc = run(blank, text, [("Lena Oslo", "PERSON"), ("Oslo", "GPE"), ("Oslo", "GPE")])
    names = by_name(doc)
    assert names["Lena Oslo"].type == "PERSON" and names["Oslo"].type == "GPE"
    assert names["Lena Oslo"].aliases == ["Oslo"]  # "Chief Oslo": a title makes it the person
    assert len(names["Oslo"].mentions) == 1


def test_mislabelled_variants_of_one_name_are_one_entity(blank):
    text = "Varnhem Steel grew. Varnhem Steel hired staff. Varnhem Steel paid."
    doc = run(blank, text, [("Varnhem Steel", "ORG"), ("Varnhem Steel", "PERSON"), ("Varnhem Steel", "ORG")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Varnhem Steel", "ORG")]


def test_nbsp_and_names_with_ordinary_spaces(blank):
    text = "Minister Rui\u00a0Sousa spoke."
    doc = blank.make_doc(text.replace("\u00a0", " "))  # the api hands the pipeline same-length text
    doc.ents = [doc.char_span(9, 18, label="PERSON")]
    doc = blank.get_pipe("extractor_entities")(doc)
    assert doc._.entities[0].name == "Rui Sousa"
    assert doc._.entities[0].mentions == [(9, 18)]


def test_events_currencies_and_quoted_titles_are_not_entities(blank):
    text = ('Ministers met at the Nordic Energy Summit and paid 5 million Danish crowns. '
            'She said the painting, "Boats at Dawn", was found.')
    doc = run(blank, text, [("Nordic Energy Summit", "ORG"), ("Danish crowns", "NORP"), ("Boats at Dawn", "ORG")])
    assert doc._.entities == []


def test_spans_grown_to_the_whole_name(blank):
    # the model cut a name short; the component takes the rest of the capitalised words
    text = "The minister met the Northern Grain Council on Monday."
    doc = run(blank, text, [("Northern Grain", "ORG")])
    assert [e.name for e in doc._.entities] == ["Northern Grain Council"]


def test_unlabelled_names_that_are_organisations_by_their_form(blank):
    text = "The order went to turbine maker Skarvik Turbines and the Ministry of Fisheries."
    doc = run(blank, text, [])
    assert [(e.name, e.type) for e in doc._.entities] == [
        ("Skarvik Turbines", "ORG"), ("Ministry of Fisheries", "ORG")]


def test_type_from_the_name_and_its_descriptor(blank):
    text = ("Orvik Trucks hired staff near the Tana River. Later, broadcaster Halvard agreed. "
            "Lindqvist Kraft, the state-owned utility that runs the grid, denied it.")
    doc = run(blank, text, [("Orvik Trucks", "PERSON"), ("Tana River", "ORG"), ("Halvard", "PERSON"),
                            ("Lindqvist Kraft", "PERSON")])
    assert {e.name: e.type for e in doc._.entities} == {
        "Orvik Trucks": "ORG", "Tana River": "LOC", "Halvard": "ORG", "Lindqvist Kraft": "ORG"}


def test_title_before_an_unlabelled_name_makes_a_person(blank):
    text = "Ecuador sent Mining Secretary Paula Andrade to the talks."
    doc = run(blank, text, [("Ecuador", "GPE")])
    person = by_name(doc)["Paula Andrade"]
    assert (person.type, person.titles) == ("PERSON", ["Mining Secretary"])


def test_title_words_alone_before_a_name_are_dropped(blank):
    text = "Chilean Fisheries Minister Paula Andrade spoke."
    doc = run(blank, text, [("Chilean Fisheries", "ORG"), ("Paula Andrade", "PERSON")])
    assert [e.name for e in doc._.entities] == ["Paula Andrade"]


def test_name_split_by_the_model_is_joined(blank):
    text = "Talks with Zoltan Herczeg ended. Herczeg left."
    doc = run(blank, text, [("Zoltan", "PERSON"), ("Herczeg", "GPE"), ("Herczeg", "GPE")])
    assert [(e.name, e.type, e.aliases) for e in doc._.entities] == [("Zoltan Herczeg", "PERSON", ["Herczeg"])]


def test_surname_labelled_as_a_place_outside_place_phrases(blank):
    text = "Inspector Vera Lund found the car. Lund's team met in Lund. Lund said it was over."
    doc = run(blank, text, [("Vera Lund", "PERSON"), ("Lund", "GPE"), ("Lund", "GPE"), ("Lund", "GPE")])
    names = by_name(doc)
    assert len(names["Vera Lund"].mentions) == 3  # "Lund's team" and "Lund said"
    assert len(names["Lund"].mentions) == 1  # "in Lund"
    assert names["Lund"].type == "GPE"


def test_places_by_their_form(blank):
    text = ("Ferries cross the Gulf of Botnia to the island of Holmo, near farms in "
            "Vasa province and the Kvarken region.")
    doc = run(blank, text, [("Botnia", "PERSON")])
    names = by_name(doc)
    assert set(names) == {"Gulf of Botnia", "Holmo", "Vasa", "Kvarken"}
    assert all(names[n].type in ("GPE", "LOC") for n in names)
    assert names["Vasa"].aliases == ["Vasa province"]
    assert names["Kvarken"].aliases == ["Kvarken region"]


def test_organisation_named_in_apposition(blank):
    text = "Shares of Brenvik Kraft, the company building the cable, fell."
    doc = run(blank, text, [])
    assert [(e.name, e.type) for e in doc._.entities] == [("Brenvik Kraft", "ORG")]


def test_acronym_of_an_organisation_the_model_missed(blank):
    text = "The Arctic Fisheries Council (AFC) met. The AFC said quotas would fall."
    doc = run(blank, text, [])
    assert [(e.name, e.aliases, len(e.mentions)) for e in doc._.entities] == [
        ("Arctic Fisheries Council", ["AFC"], 3)]


def test_institution_with_an_article_is_not_a_person(blank):
    text = "The Elysee rejected the plan. Elysee spokesman Jean Morel said so."
    doc = run(blank, text, [("Elysee", "PERSON"), ("Elysee", "PERSON"), ("Jean Morel", "PERSON")])
    names = by_name(doc)
    assert names["Elysee"].type == "ORG"
    assert names["Jean Morel"].titles == ["Elysee spokesman"]


def test_capitalised_sentence_openers_are_no_people(blank):
    text = "Fishermen protested. \"Timber prices rose,\" he said. Against this backdrop, talks began."
    doc = run(blank, text, [("Fishermen", "PERSON"), ("Timber", "PERSON"), ("Against", "PERSON")])
    assert doc._.entities == []


def test_people_listed_with_others(blank):
    text = "She met Ivo Sander, Lene Holt and Pia Berg in Tartu. Holt said little."
    doc = run(blank, text, [("Ivo Sander", "PERSON"), ("Pia Berg", "PERSON"), ("Tartu", "GPE"), ("Holt", "PERSON")])
    names = by_name(doc)
    assert names["Lene Holt"].type == "PERSON" and names["Lene Holt"].aliases == ["Holt"]


def test_name_particles_and_hyphenated_places(blank):
    text = "Maria Costa da Silva flew to Cluj-Napoca. Silva said it went well."
    doc = run(blank, text, [("Maria Costa", "PERSON"), ("Cluj", "GPE"), ("Silva", "PERSON")])
    names = by_name(doc)
    assert names["Maria Costa da Silva"].aliases == ["Silva"]
    assert "Cluj-Napoca" in names


def test_dateline_names_places_only(blank):
    text = "TROMSO, Norway, May 3 (AP) - Fishermen protested."
    doc = run(blank, text, [("TROMSO", "ORG"), ("Norway", "PERSON")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Tromso", "GPE"), ("Norway", "GPE"), ("AP", "ORG")]


def test_unlabelled_short_company_name(blank):
    text = "Solvik Energi will build the line. Solvik expects profits; Solvik Energi pays."
    doc = run(blank, text, [("Solvik Energi", "ORG"), ("Solvik Energi", "ORG")])
    company = doc._.entities[0]
    assert (company.name, company.aliases, len(company.mentions)) == ("Solvik Energi", ["Solvik"], 3)
    assert facts.entity_of(doc[[t.i for t in doc if t.text == "Solvik"][1]]) is company


def test_family_name_first(blank):
    text = "Chinese Foreign Minister Li Wen met envoys. Mr Li said talks would go on."
    doc = run(blank, text, [("Li Wen", "PERSON"), ("Li", "PERSON")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [("Li Wen", ["Li"])]


def test_title_with_an_organisation_and_a_particle_name(blank):
    text = "Nordic Council President Anna von der Berg met Holm Group chief executive Per Lind."
    doc = run(blank, text, [("Berg", "PERSON")])
    names = by_name(doc)
    assert names["Anna von der Berg"].titles == ["Nordic Council President"]
    assert names["Per Lind"].titles == ["Holm Group chief executive"]
    assert names["Nordic Council"].type == "ORG" and names["Holm Group"].type == "ORG"


def test_unlabelled_bare_surnames_join_their_person(blank):
    text = ("Energy Minister Eva Lund met Rice Farmers Union leaders. Rice prices rose. "
            "\"We agree,\" Lund told them. Lund and the leaders left.")
    doc = run(blank, text, [("Eva Lund", "PERSON")])
    lund = by_name(doc)["Eva Lund"]
    assert [text[s:e] for s, e in lund.mentions] == ["Eva Lund", "Lund", "Lund"]


def test_place_clues_in_the_sentence(blank):
    text = ("The Vantaa-based firm checked the Oulu and Kemi crossings, she told "
            "Baltic Herald, according to Norrlys.")
    doc = run(blank, text, [("Oulu", "GPE"), ("Kemi", "PERSON"), ("Baltic Herald", "GPE"), ("Norrlys", "GPE")])
    assert {e.name: e.type for e in doc._.entities} == {
        "Vantaa": "GPE", "Oulu": "GPE", "Kemi": "GPE", "Baltic Herald": "ORG", "Norrlys": "ORG"}


# ---------------------------------------------------------------- full pipeline


def test_pipeline_titles_and_surname(nlp):
    text = ("Foreign Minister Anna Berg met her Danish counterpart in Copenhagen on Monday. "
            "\"We have a deal,\" Berg told reporters.")
    doc = nlp(text)
    people = [e for e in doc._.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Anna Berg"]
    assert "Berg" in people[0].aliases
    assert any("Minister" in t for t in people[0].titles)
    for e in doc._.entities:
        assert "Minister" not in e.name
        for start, end in e.mentions:
            assert text[start:end].strip() == text[start:end] and text[start:end]


def test_pipeline_person_named_like_a_city(nlp):
    text = ("Inspector Marie Paris, who led the inquiry, flew to Paris on Friday. "
            "\"The case is closed,\" Paris said.")
    doc = nlp(text)
    person = next(e for e in doc._.entities if e.name == "Marie Paris")
    assert person.type == "PERSON"
    said = doc[[t.i for t in doc if t.text == "Paris"][-1]]
    assert facts.entity_of(said) is person


def test_seed_article(nlp):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    doc = nlp(text)
    names = by_name(doc)
    assert names["Dmitry Peskov"].type == "PERSON"
    assert "Peskov" in names["Dmitry Peskov"].aliases
    assert any("spokesman" in t for t in names["Dmitry Peskov"].titles)
    assert "U.S." in names["United States"].aliases
    assert not any(re.search(r"(?i)\b(spokesman|president|envoy)\b", n) for n in names)
    for e in doc._.entities:
        forms = {f.casefold() for f in [e.name, *e.aliases]}
        for start, end in e.mentions:
            assert text[start:end].casefold() in forms, (e, text[start:end])


def test_scored_articles_no_title_in_names(nlp):
    gold_dir = SHARED / "eval" / "dev"
    if not gold_dir.is_dir():
        pytest.skip("../shared/eval is not available")
    for path in sorted(gold_dir.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        assert "entities" in gold
        for e in doc._.entities:
            assert not re.search(r"(?i)\b(minister|secretary|commander|spokesman|prosecutor)\b", e.name), e
            assert e.name == e.name.strip() and "\u00a0" not in e.name and "  " not in e.name


# ---------------------------------------------------------------- generality rules


def test_place_span_does_not_swallow_a_title_or_a_party_label(blank):
    text = "U.S. Aviation Secretary Jane Roe met a Texas Republican in Ohio."
    doc = run(blank, text, [("U.S.", "GPE"), ("Jane Roe", "PERSON"), ("Texas Republican", "GPE"), ("Ohio", "GPE")])
    names = by_name(doc)
    assert names["United States"].aliases == ["U.S."]  # not "U.S. Aviation"
    assert "Texas" in names and names["Texas"].type == "GPE"
    assert not any("Aviation" in n or "Republican" in n for n in names)


def test_organisation_names_grown_over_heads_adjectives_and_particles(blank):
    text = ("The Lakeland Dockers' Union met the Riverside Institute of Marine Science "
            "near Santa Rosa de la Vega.")
    doc = run(blank, text, [("Lakeland Dockers", "ORG"), ("Riverside Institute", "ORG"), ("Santa Rosa", "GPE")])
    names = by_name(doc)
    assert names["Lakeland Dockers' Union"].type == "ORG"
    assert names["Riverside Institute of Marine Science"].type == "ORG"
    assert names["Santa Rosa de la Vega"].type == "GPE"


def test_hyphenated_names_cut_by_the_model(blank):
    text = "Envoy Ama Boateng-Owusu met officials from Bosnia-Herzegovina and Serbia."
    doc = blank.make_doc(text)
    b = text.index("Bosnia")
    doc.ents = [doc.char_span(6, 17, label="PERSON"), doc.char_span(b, b + 7, label="ORG"),  # "Bosnia-"
                doc.char_span(text.index("Serbia"), len(text) - 1, label="GPE")]
    doc = blank.get_pipe("extractor_entities")(doc)
    names = by_name(doc)
    assert names["Ama Boateng-Owusu"].type == "PERSON"
    assert names["Bosnia-Herzegovina"].type == "GPE"  # coordinated with a known country


def test_unlabelled_organisations_with_and_of_and_acronyms(blank):
    text = ("The Dock and Harbour Pilots’ Guild (DHPG) blamed the Bay of Biscay Ferry Company. "
            "The Upland Farmers’ Federation and the Ministry of Indian Affairs and Trade disagreed.")
    doc = run(blank, text, [("Indian", "NORP")])
    names = by_name(doc)
    assert names["Dock and Harbour Pilots’ Guild"].aliases == ["DHPG"]
    assert {"Bay of Biscay Ferry Company", "Upland Farmers’ Federation",
            "Ministry of Indian Affairs and Trade"} <= set(names)
    assert all(names[n].type == "ORG" for n in names if n != "Indian")


def test_descriptors_that_are_also_roles_keep_the_person(blank):
    text = ("Its producer, Ravi Menon, said the Oslo-based Fjordlys and the streaming service Reelbox "
            "would bid. Ticketbox, a Leeds-based start-up, agreed.")
    doc = run(blank, text, [("Ravi Menon", "PERSON"), ("Fjordlys", "PERSON"), ("Reelbox", "PERSON"),
                            ("Ticketbox", "GPE")])
    names = by_name(doc)
    assert names["Ravi Menon"].type == "PERSON"
    assert [names[n].type for n in ("Fjordlys", "Reelbox", "Ticketbox")] == ["ORG"] * 3


def test_demonym_ending_span_is_no_place(blank):
    text = "South American buyers returned."
    doc = run(blank, text, [("South American", "GPE")])
    assert [e.type for e in doc._.entities] == ["NORP"]


def test_names_before_a_plural_place_head(blank):
    text = "Floods hit the Tavush and Syunik provinces and the Lori-Berd districts on Monday."
    doc = run(blank, text, [])
    names = by_name(doc)
    assert {"Tavush", "Syunik"} <= set(names) and names["Tavush"].type == "LOC"
    assert names["Syunik"].aliases == []


def test_coordination_decides_between_place_and_organisation(blank):
    text = "Vornex competes with Sanlo and Kallisto. Exporters from Kallisto and Sanlo complained."
    doc = run(blank, text, [("Vornex", "ORG"), ("Sanlo", "ORG"), ("Kallisto", "GPE"), ("Kallisto", "GPE"),
                            ("Sanlo", "ORG")])
    kinds = {(e.name, e.type) for e in doc._.entities}
    assert ("Kallisto", "ORG") in kinds  # listed with an organisation, not after "from"


def test_unlabelled_name_with_a_capitalised_place_head(blank):
    text = "Fans waited outside the Kingsmead Stadium for hours."
    doc = run(blank, text, [])
    assert [(e.name, e.type) for e in doc._.entities] == [("Kingsmead Stadium", "LOC")]


def test_title_does_not_cut_the_models_name_short(blank):
    text = "Chief Inspector Ola Brightly of the county police said so."
    doc = blank.make_doc(text)
    doc[3].pos_ = "ADV"  # a surname the tagger took for an adverb
    doc.ents = [doc.char_span(16, 28, label="PERSON")]
    doc = blank.get_pipe("extractor_entities")(doc)
    assert [(e.name, e.titles) for e in doc._.entities] == [("Ola Brightly", ["Chief Inspector"])]


def test_honorifics_abbreviated_titles_and_hyphenated_first_names(blank):
    text = "Dame Ada Frost thanked Rep. Lina Park and Crown Princess Anne-Lise in Bergen."
    doc = run(blank, text, [("Dame Ada Frost", "PERSON"), ("Lina Park", "PERSON"), ("Bergen", "GPE")])
    names = by_name(doc)
    assert names["Ada Frost"].titles == []
    assert names["Lina Park"].titles == ["Rep."]
    assert names["Anne-Lise"].type == "PERSON" and names["Anne-Lise"].titles == ["Crown Princess"]


def test_us_party_state_tags_and_department_heads(blank):
    text = "Sen. Ruth Vale, D-Ore., said the Water Department and the Met Office disagreed."
    doc = run(blank, text, [("Ruth Vale", "PERSON"), ("D-Ore.", "PERSON"), ("Water Department", "PERSON"),
                            ("Met Office", "PERSON")])
    names = by_name(doc)
    assert not any(n.startswith("D-") for n in names)
    assert names["Water Department"].type == "ORG" and names["Met Office"].type == "ORG"


def test_organisation_names_with_and_or_ampersand(blank):
    text = "The House Farm and Rural Affairs Committee questioned Fenwick Hale & Co. on Monday."
    doc = run(blank, text, [("House Farm", "ORG"), ("Fenwick Hale", "PERSON")])
    names = by_name(doc)
    assert names["House Farm and Rural Affairs Committee"].type == "ORG"
    assert names["Fenwick Hale & Co."].type == "ORG"


def test_double_hyphen_dateline_credit_stays_the_agency(blank):
    text = "OSLO, May 2 (Fjordpost) -- Fjordpost Analytics said prices rose."
    doc = run(blank, text, [("OSLO", "GPE"), ("Fjordpost Analytics", "PERSON")])
    names = by_name(doc)
    assert names["Fjordpost"].type == "ORG"


def test_hyphenated_particle_surname(blank):
    text = "President Omar Khalid al-Masri met envoys. Masri said talks would go on."
    doc = blank.make_doc(text)
    second = text.rindex("Masri")
    doc.ents = [doc.char_span(second, second + 5, label="PERSON")]
    doc = blank.get_pipe("extractor_entities")(doc)
    names = by_name(doc)
    assert names["Omar Khalid al-Masri"].aliases == ["Masri"]


def test_leading_place_heads_and_councillors(blank):
    text = "Councillor Ian Reeve said the River Tamar rose near Lake Ossian."
    doc = run(blank, text, [("Councillor Ian Reeve", "PERSON"), ("River Tamar", "ORG"), ("Lake Ossian", "PERSON")])
    names = by_name(doc)
    assert names["Ian Reeve"].titles == ["Councillor"]
    assert names["River Tamar"].type == "LOC" and names["Lake Ossian"].type == "LOC"


def test_particle_surname_with_capital_joins_the_full_name(blank):
    text = "Union leader Pieter van Dam spoke. Van Dam said the port would close."
    doc = run(blank, text, [("Pieter van Dam", "PERSON"), ("Van Dam", "PERSON")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [("Pieter van Dam", ["Van Dam"])]


def test_organisation_name_with_for_the(blank):
    text = "The National Trust for the Preservation of Lighthouses objected."
    doc = run(blank, text, [("National Trust", "ORG")])
    assert [e.name for e in doc._.entities] == ["National Trust for the Preservation of Lighthouses"]


def test_split_abbreviated_rank_is_no_person(blank):
    text = "Army spokesman Maj. Gen. Tomas Ruiz said so."
    doc = run(blank, text, [("Tomas Ruiz", "PERSON")])
    assert [e.name for e in doc._.entities] == ["Tomas Ruiz"]


def test_abbreviated_organisations_are_not_places(blank):
    text = "U.N. envoys met E.U. officials in the United States."
    doc = run(blank, text, [("U.N.", "GPE"), ("E.U.", "GPE"), ("United States", "ORG")])
    assert {(e.name, e.type) for e in doc._.entities} == {
        ("United Nations", "ORG"), ("European Union", "ORG"), ("United States", "GPE")}


def test_roles_after_an_organisation_or_place_are_cut(blank):
    text = "The Danube Council President met a Texas Democrat."
    doc = run(blank, text, [("Danube Council President", "ORG"), ("Texas Democrat", "ORG")])
    names = by_name(doc)
    assert names["Danube Council"].type == "ORG"
    assert names["Texas"].type == "GPE"


def test_person_names_the_model_typed_as_organisations_or_places(blank):
    text = ("Ministers Ivo Kask, Liga Ozola and Tomas Vaitkus met Anna Nowak of Poland. "
            "Later Ozola said Ana Rojo had left. Rojo agreed.")
    doc = run(blank, text, [("Ivo Kask", "PERSON"), ("Liga Ozola", "ORG"), ("Tomas Vaitkus", "PERSON"),
                            ("Anna Nowak", "GPE"), ("Poland", "GPE"), ("Ozola", "ORG"), ("Ana Rojo", "ORG"),
                            ("Rojo", "PERSON")])
    names = by_name(doc)
    assert names["Liga Ozola"].type == "PERSON" and names["Liga Ozola"].aliases == ["Ozola"]
    assert names["Anna Nowak"].type == "PERSON"
    assert names["Ana Rojo"].type == "PERSON" and names["Ana Rojo"].aliases == ["Rojo"]


def test_bare_name_after_in_is_a_place(blank):
    text = "The film was shot in Morvane over a month."
    doc = run(blank, text, [("Morvane", "PERSON")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Morvane", "GPE")]


def test_organisation_heads_continue_the_models_span(blank):
    text = "The Coastal Pilots' Guild and the Vistula Grid Company and the Harbour Owners' Chamber objected."
    doc = run(blank, text, [("Coastal Pilots", "LOC"), ("Vistula Grid", "ORG"), ("Chamber", "GPE")])
    names = by_name(doc)
    assert {"Coastal Pilots' Guild", "Vistula Grid Company", "Harbour Owners' Chamber"} <= set(names)
    assert all(e.type == "ORG" for e in doc._.entities)


def test_rival_before_a_person_keeps_the_person(blank):
    text = "Her rival, Peter Lang, said he would appeal. The firm lost to rival Quorvia."
    doc = run(blank, text, [("Peter Lang", "PERSON"), ("Quorvia", "PERSON")])
    names = by_name(doc)
    assert names["Peter Lang"].type == "PERSON"


def test_two_companies_joined_by_and_stay_apart(blank):
    text = "Shares of Ardent Holdings and Kelso Cement fell."
    doc = run(blank, text, [])
    assert [e.name for e in doc._.entities] == ["Ardent Holdings", "Kelso Cement"]


def test_known_city_after_of_is_not_a_surname(blank):
    text = "Fans of Rapid Vienna met the Supporters Club of Vienna. Later Rapid Vienna won."
    doc = run(blank, text, [("Rapid Vienna", "PERSON"), ("Vienna", "GPE"), ("Rapid Vienna", "PERSON")])
    names = by_name(doc)
    assert "Vienna" not in names["Rapid Vienna"].aliases


def test_acronym_of_a_name_typed_as_a_place_stays_upper_case(blank):
    text = "The Coastal Pilots' Guild (CPG) struck. The CPG said pay was too low."
    doc = run(blank, text, [("Coastal Pilots", "LOC")])
    names = by_name(doc)
    assert names["Coastal Pilots' Guild"].aliases == ["CPG"]


def test_full_name_typed_as_organisation_with_a_particle_surname(blank):
    text = "Union chief Joost van Leer said so. Van Leer added that talks had failed."
    doc = run(blank, text, [("Joost van Leer", "ORG"), ("Van Leer", "PERSON")])
    assert [(e.name, e.type, e.aliases) for e in doc._.entities] == [("Joost van Leer", "PERSON", ["Van Leer"])]


def test_name_before_based_is_a_place_and_particle_place_names(blank):
    text = "The Halden-based firm flew staff to Sharm el-Sheikh."
    doc = run(blank, text, [("Halden", "ORG"), ("Sharm", "GPE")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Halden", "GPE"), ("Sharm el-Sheikh", "GPE")]


def test_institutions_named_with_for_and_a_country(blank):
    text = ("The Centre for Coastal Flood Studies (CCFS) and the Vaccine Research and Training Center "
            "worked with the Plasma Institute of Ghana. The CCFS said so.")
    doc = run(blank, text, [("Vaccine Research", "ORG"), ("Plasma Institute", "ORG"), ("Ghana", "GPE")])
    names = by_name(doc)
    assert names["Centre for Coastal Flood Studies"].aliases == ["CCFS"]
    assert {"Vaccine Research and Training Center", "Plasma Institute of Ghana"} <= set(names)


def test_hyphenated_first_name_after_a_title_whatever_its_tag(blank):
    text = "Economy Minister Jean-Luc Marchal urged calm."
    doc = blank.make_doc(text)
    doc[4].pos_ = "NOUN"  # "Luc" mistagged
    doc.ents = [doc.char_span(text.index("Marchal"), text.index("Marchal") + 7, label="PERSON")]
    doc = blank.get_pipe("extractor_entities")(doc)
    assert [(e.name, e.titles) for e in doc._.entities] == [("Jean-Luc Marchal", ["Economy Minister"])]


def test_short_name_in_parentheses_and_lower_case_state(blank):
    text = ("The Andean Copper Producers Chamber (Cobrandina) met the governor of Tarapaca state. "
            "Cobrandina said exports fell.")
    doc = run(blank, text, [("Andean Copper Producers Chamber", "ORG"), ("Cobrandina", "GPE")])
    names = by_name(doc)
    assert names["Andean Copper Producers Chamber"].aliases == ["Cobrandina"]
    assert names["Tarapaca"].aliases == ["Tarapaca state"]


def test_multiword_person_listed_with_a_place_after_in(blank):
    text = "Plants in Sonora and Baja Verde closed."
    doc = run(blank, text, [("Sonora", "GPE"), ("Baja Verde", "PERSON")])
    assert by_name(doc)["Baja Verde"].type == "GPE"


def test_names_the_tagger_called_common_nouns(blank):
    # a small model may tag a rare first name, or a company's sentence-initial first word, as a
    # common noun: the title before the name and the organisation word after it still decide
    text = "Vantor Corp signed the deal. Kremlin aide Pavel Orlin said the talks went well."
    pos = {"Vantor": "NOUN", "Corp": "PROPN", "signed": "VERB", "the": "DET", "deal": "NOUN",
           "Kremlin": "PROPN", "aide": "NOUN", "Pavel": "NOUN", "Orlin": "PROPN", "said": "VERB",
           "talks": "NOUN", "went": "VERB", "well": "ADV", ".": "PUNCT"}
    doc = blank.make_doc(text)
    for token in doc:
        token.pos_ = pos[token.text]
    doc.ents = [Span(doc, 6, 7, label="ORG")]  # "Kremlin"
    names = {(e.name, e.type) for e in blank.get_pipe("extractor_entities")(doc)._.entities}
    assert {("Vantor Corp", "ORG"), ("Pavel Orlin", "PERSON")} <= names


def test_person_name_does_not_grow_back_over_a_title(blank):
    # the title's portfolios are capitalised words like a name's: the name starts after the title
    doc = blank.make_doc("Minister of Health, Labour and Welfare Karin Holt met farmers.")
    doc[5].pos_ = "CCONJ"  # "and"
    doc.ents = [Span(doc, 7, 9, label="PERSON")]
    doc = blank.get_pipe("extractor_entities")(doc)
    person = by_name(doc)["Karin Holt"]
    assert person.type == "PERSON"
    assert person.titles == ["Minister of Health, Labour and Welfare"]


def parsed(nlp: Language, words: list[str], heads: list[int], deps: list[str], ents: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents)
    return nlp.get_pipe("extractor_entities")(doc)


def test_person_in_apposition_to_a_person_is_one_person(blank):
    words = ["The", "9th", "Grand", "Lama", ",", "Sonam", "Norbu", ",", "will", "arrive", "today", "."]
    heads = [2, 2, 9, 2, 5, 2, 5, 5, 9, 9, 9, 9]
    deps = ["det", "amod", "nsubj", "flat", "punct", "appos", "flat", "punct", "aux", "ROOT", "obl", "punct"]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    people = [e for e in parsed(blank, words, heads, deps, ents)._.entities if e.type == "PERSON"]
    assert len(people) == 1
    assert {people[0].name, *people[0].aliases} == {"Grand Lama", "Sonam Norbu"}


def test_people_listed_with_commas_stay_apart_whatever_the_parse(blank):
    words = ["She", "met", "Anna", "Berg", ",", "Karl", "Weber", "and", "Tom", "Hale", "."]
    heads = [1, 1, 1, 2, 5, 2, 5, 8, 5, 8, 1]
    deps = ["nsubj", "ROOT", "obj", "flat", "punct", "appos", "flat", "cc", "conj", "flat", "punct"]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O"]
    people = [e.name for e in parsed(blank, words, heads, deps, ents)._.entities]
    assert people == ["Anna Berg", "Karl Weber", "Tom Hale"]


def test_agreements_awards_and_meetings_are_no_entities(blank):
    text = "Ministers backed the Tarvos Framework, the Lindgren Gold Medal and the Annual General Meeting."
    doc = run(blank, text, [("Tarvos Framework", "ORG"), ("Lindgren Gold Medal", "ORG"), ("Meeting", "PERSON")])
    assert doc._.entities == []


def test_an_event_named_after_an_organisation_names_the_organisation(blank):
    text = "Leaders met at the SAARC Summit before the Commonwealth Heads of Government Meeting."
    doc = run(blank, text, [("SAARC Summit", "ORG"), ("Commonwealth Heads of Government Meeting", "ORG")])
    assert {e.name: e.type for e in doc._.entities} == {"SAARC": "ORG", "Commonwealth": "ORG"}


def test_a_demonym_alone_names_no_organisation(blank):
    doc = run(blank, "Carter meets Iraqi leaders.", [("Carter", "PERSON"), ("Iraqi", "ORG")])
    assert {e.name: e.type for e in doc._.entities}.get("Iraqi") == "NORP"


def test_tribunals_forces_and_governments_are_organisations(blank):
    text = "The Lakeshore War Crimes Tribunal asked the Norland Government and the Vesta Task Force to act."
    doc = run(blank, text, [("Lakeshore War Crimes Tribunal", "GPE"), ("Norland Government", "GPE"),
                            ("Vesta Task Force", "PERSON")])
    assert {e.name: e.type for e in doc._.entities} == {
        "Lakeshore War Crimes Tribunal": "ORG", "Norland Government": "ORG", "Vesta Task Force": "ORG"}


def test_a_name_found_by_rule_stops_at_a_date(blank):
    doc = run(blank, "A convoy was hit in the province of Karvosa Tuesday.", [])
    assert [e.name for e in doc._.entities] == ["Karvosa"]


def test_an_organisation_called_by_the_end_of_its_name(blank):
    text = "The Lakeside Trade Working Group met in Oslo. The Working Group will meet again."
    doc = run(blank, text, [("Lakeside Trade Working Group", "ORG"), ("Oslo", "GPE"), ("Working Group", "ORG")])
    assert by_name(doc)["Lakeside Trade Working Group"].aliases == ["Working Group"]
    text = "The Danish Foreign Ministry and the Swedish Foreign Ministry disagreed. The Foreign Ministry said no."
    doc = run(blank, text, [("Danish Foreign Ministry", "ORG"), ("Swedish Foreign Ministry", "ORG"),
                            ("Foreign Ministry", "ORG")])
    assert "Foreign Ministry" in by_name(doc)


def test_amounts_and_members_named_by_their_role_are_no_entities(blank):
    text = "Senate Democrats blocked the bill, and the Council of Ministers raised fares by NZ$100-$282."
    doc = run(blank, text, [("Senate Democrats", "ORG"), ("Council of Ministers", "ORG"), ("NZ$100-$282", "ORG")])
    assert [e.name for e in doc._.entities] == ["Council of Ministers"]


def test_a_possessive_inside_a_name_stays_unless_its_owner_is_a_known_name(blank):
    text = "Ivo Kral studied at King's College Lakeland. Poland's Ministry of Climate agreed."
    doc = run(blank, text, [("Ivo Kral", "PERSON"), ("King's College Lakeland", "ORG"),
                            ("Poland's Ministry of Climate", "ORG")])
    assert [e.name for e in doc._.entities] == ["Ivo Kral", "King's College Lakeland", "Ministry of Climate"]


def tagged_run(nlp: Language, text: str, spans: list[tuple[str, str]]) -> Doc:
    """``run`` on a tagged and parsed doc, through the gazetteer and the entities."""
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names
                                  if not p.startswith("extractor_") or p == "extractor_paragraphs"]):
        doc = nlp(text)
    ents, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        ents.append(doc.char_span(start, pos, label=label))
    doc.ents = ents
    return nlp.get_pipe("extractor_entities")(nlp.get_pipe("extractor_gazetteer")(doc))


def test_a_possessive_of_a_title_or_a_place_name_is_part_of_the_name(nlp):
    text = ("Ivo Kral, chairman of the Standing Committee of the National People's Congress, met Ana Berg. "
            "The People's Republic of Veltria said the talks went well.")
    doc = tagged_run(nlp, text, [("Ivo Kral", "PERSON"), ("National People's Congress", "ORG"),
                                 ("Ana Berg", "PERSON"), ("People's Republic of Veltria", "ORG")])
    names = {e.name: e.type for e in doc._.entities}
    assert names.get("National People's Congress") == "ORG"
    assert names.get("People's Republic of Veltria") == "GPE"  # a republic is a country, not a region
    assert "People" not in names


def test_a_headline_word_the_body_writes_in_lower_case_is_no_name(blank):
    text = ("Varga Says No Grain Deal Agreed\n\nIvo Varga said on Monday that no deal was agreed with "
            "Lakeland. Varga will meet buyers again.")
    doc = run(blank, text, [("Varga", "PERSON"), ("Agreed", "ORG"), ("Ivo Varga", "PERSON"),
                            ("Lakeland", "GPE"), ("Varga", "PERSON")])
    assert [e.name for e in doc._.entities] == ["Ivo Varga", "Lakeland"]


def test_a_flight_named_after_an_organisation_names_the_organisation(blank):
    text = "Lakeland Airways Flight 12 landed in Oslo for the Nordic Energy Summit."
    doc = run(blank, text, [("Lakeland Airways", "ORG"), ("Oslo", "GPE"), ("Nordic Energy Summit", "ORG")])
    assert {e.name: e.type for e in doc._.entities} == {"Lakeland Airways": "ORG", "Oslo": "GPE"}


def test_a_community_of_states_is_one_organisation(nlp):
    text = "The secretary of the Economic Community of East African States, Ivo Kral, spoke."
    doc = tagged_run(nlp, text, [("East African States", "GPE"), ("Ivo Kral", "PERSON")])
    assert {e.name: e.type for e in doc._.entities} == {"Ivo Kral": "PERSON",
                                                        "Economic Community of East African States": "ORG"}


def test_america_alone_is_the_united_states(blank):
    text = "The United States and Lakeland met. America will help, officials in Latin America said."
    doc = run(blank, text, [("United States", "GPE"), ("Lakeland", "GPE"), ("America", "GPE"), ("Latin America", "LOC")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [
        ("United States", ["America"]), ("Lakeland", []), ("Latin America", [])]


def test_a_time_zone_is_no_name(blank):
    doc = run(blank, "The talks in Oslo ended at 11:52 PM EDT on Monday.", [("Oslo", "GPE"), ("EDT", "ORG")])
    assert [e.name for e in doc._.entities] == ["Oslo"]


def test_a_named_room_is_a_place(blank):
    doc = run(blank, "The ministers spoke in the Lakeland Room of the palace.", [("Lakeland Room", "ORG")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Lakeland Room", "LOC")]


def test_a_headline_verb_after_a_title_is_no_name(nlp):
    text = ("Prime Minister Meets With Farmers\n\nPrime Minister Ivo Kral met farmers in Lakeland today. "
            "He was pleased to meet them.")
    doc = tagged_run(nlp, text, [("Ivo Kral", "PERSON"), ("Lakeland", "GPE")])
    assert [e.name for e in doc._.entities] == ["Ivo Kral", "Lakeland"]


def test_an_acronym_in_parentheses_after_a_person_is_no_alias(blank):
    text = "The talks included Ivo Kral (DLP) and the Northern Liberal Party (NLP)."
    doc = run(blank, text, [("Ivo Kral", "PERSON"), ("DLP", "ORG"), ("Northern Liberal Party", "ORG"), ("NLP", "ORG")])
    assert [(e.name, e.aliases) for e in doc._.entities] == [
        ("Ivo Kral", []), ("DLP", []), ("Northern Liberal Party", ["NLP"])]


def test_a_proper_noun_before_an_organisation_descriptor_is_an_organisation(nlp):
    text = "The state-owned Clarion newspaper said Ivo Kral had left. The Clarion quoted his aide."
    doc = tagged_run(nlp, text, [("Ivo Kral", "PERSON")])
    assert {e.name: e.type for e in doc._.entities} == {"Clarion": "ORG", "Ivo Kral": "PERSON"}


def test_a_word_coordinated_with_a_longer_name_is_that_name_elided(blank):
    """"North and South Korea": "North" is North Korea, named before or known to the
    gazetteer ("North and South Carolina"); two whole names joined by "and" stay apart."""
    text = "North Korea's talks ended. The participants, North and South Korea, agreed."
    doc = run(blank, text, [("North Korea", "GPE"), ("North", "GPE"), ("South Korea", "GPE")])
    names = by_name(doc)
    assert "North" in names["North Korea"].aliases and "North" not in names
    doc = run(blank, "Storms hit North and South Carolina.", [("North", "GPE"), ("South Carolina", "GPE")])
    assert [e.name for e in doc._.entities] == ["North Carolina", "South Carolina"]
    doc = run(blank, "Flights between Paris and New York resumed.", [("Paris", "GPE"), ("New York", "GPE")])
    assert [e.name for e in doc._.entities] == ["Paris", "New York"]
