"""Dates: reference date, detection in every common style, resolution, and no false dates.

String-level behaviour runs on a blank English pipeline with only our dates
component (fast, no model); tense-dependent resolution uses the full pipeline
(fixture ``nlp``), whose parse gives the governing verb.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components import dates as dates_component  # noqa: F401  (registers the factory)

DEC_8_2025 = dt.date(2025, 12, 8)  # a Monday
SEED_ARTICLE = Path(__file__).resolve().parents[1] / "seeds" / "000_6b07ba3dde2957da.txt"


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_dates")
    return nlp


def run(nlp: Language, text: str, ref: dt.date | None = DEC_8_2025) -> Doc:
    """The pipeline up to and including the dates component (later components are not needed)."""
    doc = nlp.make_doc(text)
    doc._.reference_date_option = ref
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "extractor_dates":
            break
    return doc


def found(nlp: Language, text: str, ref: dt.date | None = DEC_8_2025) -> list[tuple[str, str | None, str | None]]:
    doc = run(nlp, text, ref)
    return [(text[d.start:d.end], d.value, d.granularity) for d in doc._.dates]


# ---- explicit styles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The bridge opened on 3 December.", ("3 December", "2025-12-03", "day")),
        ("The bridge opened on December 3.", ("December 3", "2025-12-03", "day")),
        ("The vote was held on Dec. 3 in the capital.", ("Dec. 3", "2025-12-03", "day")),
        ("The vote was held on Dec 3 in the capital.", ("Dec 3", "2025-12-03", "day")),
        ("Trading stopped on Sept 30.", ("Sept 30", "2025-09-30", "day")),
        ("The pact was signed on 14 March 2019.", ("14 March 2019", "2019-03-14", "day")),
        ("The pact was signed on March 14, 2019, in Oslo.", ("March 14, 2019", "2019-03-14", "day")),
        ("The filing is dated 2019-03-14.", ("2019-03-14", "2019-03-14", "day")),
        ("The fund closed in October 2019.", ("October 2019", "2019-10", "month")),
        ("Prices rose in 2019.", ("2019", "2019", "year")),
        ("The line should be finished by 2031.", ("2031", "2031", "year")),
        ("The firm was set up on the 4th of July 2001.", ("4th of July 2001", "2001-07-04", "day")),
        ("Work resumed yesterday.", ("yesterday", "2025-12-07", "day")),
        ("The court sits today.", ("today", "2025-12-08", "day")),
        ("The court sits tomorrow.", ("tomorrow", "2025-12-09", "day")),
        ("She spoke this morning.", ("this morning", "2025-12-08", "day")),  # Conventions: the publication day
        ("The vote is tonight.", ("tonight", "2025-12-08", "day")),
        ("Sales fell last year.", ("last year", "2024", "year")),
        ("Ahead of next year's vote, parties regrouped.", ("next year", "2026", "year")),
        ("The law takes effect next month.", ("next month", "2026-01", "month")),
        ("Parliament voted earlier this month.", ("earlier this month", "2025-12", "month")),
        ("The plant opened two years ago.", ("two years ago", "2023", "year")),
        ("The plant will close at the end of 2027.", ("the end of 2027", "2027", "year")),
        ("A decision is expected in the second half of 2026.", ("the second half of 2026", "2026", "year")),
        ("Construction starts in mid-2026.", ("mid-2026", "2026", "year")),
    ],
)
def test_explicit_and_relative_styles(blank, text, expected):
    assert found(blank, text) == [expected]


def test_ranges_give_both_endpoints_with_the_range_as_text(blank):
    text = "The fair runs on April 18-20 and the congress on 5–7 June 2026."
    assert found(blank, text) == [
        ("April 18-20", "2026-04-18", "day"),
        ("April 18-20", "2026-04-20", "day"),
        ("5–7 June 2026", "2026-06-05", "day"),
        ("5–7 June 2026", "2026-06-07", "day"),
    ]


def test_a_weekday_naming_an_explicit_date_adds_nothing(blank):
    assert found(blank, "The vote is set for Tuesday, Dec. 2.") == [("Dec. 2", "2025-12-02", "day")]


def test_capitalised_datelines_and_ordinals(blank):
    assert found(blank, "LIMA, MARCH 6TH, 2009 - Rain.") == [("MARCH 6TH, 2009", "2009-03-06", "day")]


def test_the_early_hours_of_a_date_give_the_date(blank):
    assert found(blank, "In the early hours of 3 December, the envoys met.") == [("3 December", "2025-12-03", "day")]


def test_ordinal_day_of_the_current_month(blank):
    assert found(blank, "Inspectors found cracks during tests on the 2nd.") == [("the 2nd", "2025-12-02", "day")]
    assert found(blank, "It marked the 14th anniversary of the deal.") == []


def test_lone_months_resolve_to_the_nearest_occurrence(blank):
    assert found(blank, "In November, the plan was unveiled.") == [("November", "2025-11", "month")]
    assert found(blank, "The work ends by the end of February.") == [("the end of February", "2026-02", "month")]


def test_last_and_next_fix_the_direction_of_a_lone_month(blank):
    feb = dt.date(2020, 2, 18)
    assert found(blank, "Sales fell last March.", feb) == [("last March", "2019-03", "month")]
    assert found(blank, "Sales will rise next October.", feb) == [("next October", "2020-10", "month")]


def test_29_february_without_a_leap_year_nearby_stays_unresolved(blank):
    assert found(blank, "The law dates from Feb. 29.", dt.date(2022, 6, 1)) == [("Feb. 29", None, "day")]


def test_numeric_dates_follow_the_article_style_or_stay_unresolved(blank):
    assert found(blank, "Filed 25/12/2024.") == [("25/12/2024", "2024-12-25", "day")]
    assert found(blank, "Filed 03/12/2024.") == [("03/12/2024", None, "day")]
    assert found(blank, "On 5 May it was filed, dated 03/12/2024.")[1] == ("03/12/2024", "2024-12-03", "day")


# ---- no false dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "She may come to the talks.",
        "Mr March said the plan was sound.",
        "March said the plan was sound.",
        "We want a deal.",
        "The mill buys 120,000 tonnes of ore a year.",
        "They met last week and will meet again next week.",
        "She spoke before the holidays, in the last season.",
        "The talks lasted three days after a four-month-old ban.",
        "Washington put forward a 28-point plan.",
        "The 17th-century painting was found.",
        "The suspects, aged 34 and 41, were arrested.",
        "About 2000 people and 1500 tonnes were moved.",
        "The 2400-tonne ship docked.",
        "Over the last year prices rose.",
        "Shops open on Mondays.",
        "It may fall on a Friday.",
        "Shops closed on Good Friday.",
        "The Sunday Times reported the deal.",
        "Call the desk on 650 723 1976.",
        "Flights leave at 2100 GMT.",
    ],
)
def test_no_false_dates(blank, text):
    assert found(blank, text) == []


# ---- resolution against the reference date ------------------------------------------------------


def test_without_reference_date_year_less_dates_stay_unresolved(blank):
    text = "LONDON (Reuters) - The talks, held on 3 December and on Tuesday, resume next month. Prices rose in 2019."
    doc = run(blank, text, ref=None)
    assert doc._.reference_date.value is None and doc._.reference_date.source == "none"
    assert [(text[d.start:d.end], d.value, d.granularity) for d in doc._.dates] == [
        ("3 December", None, "day"),
        ("Tuesday", None, "day"),
        ("next month", None, "month"),
        ("2019", "2019", "year"),
    ]


def test_year_rollover_both_ways(blank):
    assert found(blank, "Talks will resume on January 4.", dt.date(2022, 12, 20)) == [("January 4", "2023-01-04", "day")]
    assert found(blank, "A fire broke out on 11 October.", dt.date(2020, 2, 18)) == [("11 October", "2019-10-11", "day")]
    assert found(blank, "The museum was robbed on 28 December.", dt.date(2020, 1, 9)) == [
        ("28 December", "2019-12-28", "day")
    ]


def test_weekday_modifiers_and_publication_weekday(blank):
    wed = dt.date(2019, 5, 15)
    assert found(blank, "The offer arrived last Thursday.", wed) == [("last Thursday", "2019-05-09", "day")]
    assert found(blank, "The talks resume next Monday.", wed) == [("next Monday", "2019-05-20", "day")]
    assert found(blank, "The board met on Wednesday.", wed) == [("Wednesday", "2019-05-15", "day")]


def test_weekday_follows_the_tense_of_its_verb(nlp):
    fri = dt.date(2022, 11, 25)
    doc = run(nlp, "The dockers ended their strike on Monday, the union said.", fri)
    assert [d.value for d in doc._.dates] == ["2022-11-21"]
    doc = run(nlp, "The dockers will return to work on Monday, the union said.", fri)
    assert [d.value for d in doc._.dates] == ["2022-11-28"]


def test_lone_month_follows_the_tense_of_its_verb(nlp):
    feb = dt.date(2020, 2, 18)
    doc = run(nlp, "The minister said the register would be running by September.", feb)
    assert [d.value for d in doc._.dates] == ["2020-09"]
    doc = run(nlp, "The register was set up in September after a long debate.", feb)
    assert [d.value for d in doc._.dates] == ["2019-09"]


def test_an_if_clause_of_a_future_takes_the_future(nlp):
    doc = run(nlp, "The mayor said she would call in the army if there was no deal by January 9.", dt.date(2022, 12, 20))
    assert [d.value for d in doc._.dates] == ["2023-01-09"]


# ---- reference date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, source",
    [
        ("Tokyo, March 3, 2024 — Ministers met on Saturday.", dt.date(2024, 3, 3), "dateline"),
        ("LIMA, 4 May 2023 (Reuters) - Ministers met on Saturday.", dt.date(2023, 5, 4), "dateline"),
        ("VIENNA, Oct 14 (Reuters) - Ministers met on Saturday.", None, "none"),
        ("Published 3 December 2025\n\nMinisters met on Saturday.", dt.date(2025, 12, 3), "text"),
        ("Ministers met on Saturday.\n\nUpdated: 4 December 2025, 10:30 GMT", dt.date(2025, 12, 4), "text"),
        ("Ministers met on Saturday to prepare the 12 May 2026 summit.", None, "none"),
        ("Updated figures from 3 December 2025 show growth.", None, "none"),
        ("Talks stall - again\n\nMOSCOW, Dec. 8, 2025 (Reuters) - Talks stalled.", dt.date(2025, 12, 8), "dateline"),
    ],
)
def test_reference_date_from_the_article(blank, text, value, source):
    doc = run(blank, text, ref=None)
    assert (doc._.reference_date.value, doc._.reference_date.source) == (value, source)


def test_reference_date_option_wins_and_resolves_the_dateline_year(blank):
    text = "VIENNA, Oct 14 (Reuters) - Ministers met on Tuesday."
    doc = run(blank, text, ref=dt.date(2021, 10, 14))
    assert (doc._.reference_date.value, doc._.reference_date.source) == (dt.date(2021, 10, 14), "option")
    assert [d.value for d in doc._.dates] == ["2021-10-14", "2021-10-12"]


def test_dateline_reference_resolves_relative_dates(blank):
    doc = run(blank, "Tokyo, March 3, 2024 — The firm said yesterday it would invest.", ref=None)
    assert [d.value for d in doc._.dates] == ["2024-03-03", "2024-03-02"]


# ---- offsets -------------------------------------------------------------------------------------


def test_offsets_and_token_spans_match_the_text(blank):
    text = "SYDNEY, Sept 12 — “We meet on 2 May,” she said, a day after talks on Tuesday in 2019."
    doc = run(blank, text)
    assert [text[d.start:d.end] for d in doc._.dates] == ["Sept 12", "2 May", "Tuesday", "2019"]
    for d in doc._.dates:
        span = doc[d.token_start:d.token_end]
        assert span.start_char == d.start and span.end_char == d.end


def test_seed_article_dates(nlp):
    doc = run(nlp, SEED_ARTICLE.read_text(encoding="utf8"), DEC_8_2025)
    values = {d.value for d in doc._.dates}
    assert {"2025-11", "2025-11-23", "2025-11-30", "2025-12-03", "2025-12-06"} <= values
    assert all(v is not None for v in values)


def test_the_shared_finder_keeps_the_last_texts_candidates_for_the_next_reader():
    """The entities and dates components read the same text's candidates: found once, each reader gets its own list."""
    finder = dates_component.date_finder()
    first, other = "Talks began on 3 December 2025 and resumed last week.", "No date here, but Tuesday."
    kept = finder.find_all(first)
    assert [(c.start, c.end, c.kind) for c in kept] == [(c.start, c.end, c.kind) for c in finder.find(first)]
    kept.clear()
    assert finder.find_all(first) and finder.find_all(first)[0] is finder.find_all(first)[0]
    assert [c.kind for c in finder.find_all(other)] == [c.kind for c in finder.find(other)] == ["weekday"]


_PIECES = ["3", "14", "2024", "1999", "2101", "1850", "December", "Dec.", "DECEMBER", "Dec", "May", "March", "of", "-",
           "/", ".", ",", "$", "€", "#", "a", "x1", " ", "\n", "th", "st", "to", "–", "1", "7", "12", "Sept"]
_GUARD_AFTER = re.compile(r"(\\d|\\?[^\\()|])\(\?<!(\[[^\]]*\]|\\w)\.\)")  # first(?<!before.) -> (?<!before)first


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.integers(0, 6), st.integers(0, 6))
def test_patterns_with_the_lookbehind_after_the_first_character_match_as_if_it_came_first(text, lo, cut):
    """A pattern's leading lookbehind is written after its first character (so the regex
    engine skips to the characters that can start a match): the matches stay those of the
    lookbehind written first, over the whole text and over a window of it."""
    finder = dates_component.date_finder()
    for name in ("iso", "numeric", "day_month", "month_day", "month_year", "year", "month_alone"):
        ours = getattr(finder, name)
        first = re.compile(_GUARD_AFTER.sub(r"(?<!\2)\1", ours.pattern))
        assert first.pattern != ours.pattern, name
        hi = max(lo, len(text) - cut)
        for window in ((0, len(text)), (lo, hi)):
            found = [(m.span(), m.groups()) for m in ours.finditer(text, *window)]
            assert found == [(m.span(), m.groups()) for m in first.finditer(text, *window)], (name, text, window)


def test_a_letter_matched_case_blind_reads_as_its_word(blank):
    """Python's case-blind patterns match "ſ" (long s) as "s" and the Kelvin sign as "k":
    "ſeven days ago" is seven days ago (it made the whole article fail before)."""
    assert found(blank, "The plant opened ſeven days ago.") == [("ſeven days ago", "2025-12-01", "day")]
    assert found(blank, "The plant opened two wee\u212as ago.") == found(blank, "The plant opened two weeks ago.")


def test_needles_let_through_every_case_blind_form(blank):
    """The case-blind patterns run only where their words stand in the lower-cased text (and
    the numeric ones where their punctuation does): a text that holds a word only in a form
    the pattern reads as it ("yeſterday", "İ", upper case) is still searched."""
    finder = dates_component.date_finder()
    for text in ("We met yeſterday.", "They leave TONİGHT.", "It opened two days AGO.", "Due NEXT MONTH.",
                 "Filed 2024-03-05.", "Filed 12/03/2025.", "Filed 3.12.2025."):
        kinds = [c.kind for c in finder.find(text)]
        assert kinds and set(kinds) <= {"relative", "full", "numeric"}, text
        assert [c.kind for c in finder.find("x " + text, 2, len(text) + 2)] == kinds, text
    assert dates_component._lowered("a ſ\u212aİı B", 1, 9) == " skii b"


def test_case_blind_patterns_tried_where_their_words_stand():
    """"ago", "next month" and "yesterday" are tried only at the places their words allow
    (found in the lower-cased text, stepping back over the whitespace before them): the same
    matches as the pattern's own scan, whatever whitespace stands between the words (``\\s``
    is ``str.isspace``, checked over every character)."""
    import sys

    assert all(bool(re.match(r"\s", chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1))
    finder = dates_component.date_finder()
    text = ("Two\u2003days \n AGO, earlier\tthis\n\nmonth and this evening, an   year ago, the 12 months ago; "
            "x3 days ago, Late Next Year, yeſterday-today")
    for lo, hi in ((0, len(text)), (5, len(text) - 7), (40, 90)):
        for pattern, read in ((finder.ago, finder._ago), (finder.rel_day, finder._rel_day),
                              (finder.relative, finder._relative)):
            scanned = [m.span() for m in pattern.finditer(text, lo, hi)]
            found = [(c.start if c.core_start < 0 else c.core_start, c.end) for c in read(text, lo, hi)]
            assert set(found) <= set(scanned) and (scanned or lo), (pattern.pattern, lo, hi)
            assert found == scanned or pattern is finder.relative, (pattern.pattern, lo, hi)  # it drops "the year"
    kinds = [(text[c.start:c.end], c.amount, c.unit) for c in finder.find(text) if c.kind == "relative"]
    assert ("Two\u2003days \n AGO", -2, "day") in kinds and ("yeſterday", -1, "day") in kinds
    assert ("earlier\tthis\n\nmonth", 0, "month") in kinds and ("this evening", 0, "day") in kinds
    week = "Talks resume next\u00a0Monday and end coming  FRIDAY; they met Sundays, last Tuesday and ThursdayX."
    for lo, hi in ((0, len(week)), (14, 60), (30, len(week))):
        assert [(c.start, c.end) for c in finder._weekday(week, lo, hi)] \
            == [m.span() for m in finder.weekday.finditer(week, lo, hi)], (lo, hi)
    assert len(list(finder._weekday(week, 0, len(week)))) == 3


def test_month_patterns_tried_at_the_places_of_the_months_forms():
    """The patterns opening with a month are tried where one of its exact forms stands: the
    same matches as their scan of the whole text, and of a window."""
    finder = dates_component.date_finder()
    text = ("MAY 3 and Jan. 14-16, 2025, in March of 2024; the Mayor, marchers, DEC. 2023 and May, "
            "Sept 9,2025 and December, the 3rd of JANUARY, 2024.")
    for pattern in (finder.month_day, finder.month_year, finder.month_alone):
        for lo, hi in ((0, len(text)), (5, len(text) - 9), (30, 80)):
            places = dates_component._places(text, lo, hi, finder.month_forms)
            assert [m.span() for m in dates_component._tried_at(pattern, text, places, lo, hi)] \
                == [m.span() for m in pattern.finditer(text, lo, hi)], (pattern.pattern, lo, hi)
        assert list(pattern.finditer(text)), pattern.pattern


def test_word_before_is_the_last_run_of_non_whitespace():
    """``_word_before`` reads the last word by ``rsplit``: as the pattern ``(\\S+)\\s*$`` found it."""
    last = re.compile(r"(\S+)\s*$")
    for before in ("", "  ", "in", "in May ", "said (on\n", "the “early\u2028", "x\u00a0ſeven\n", "a,\x1c", "b\u200b"):
        m = last.search(before)
        assert dates_component._word_before(before) == (dates_component._key(m.group(1)).strip("(\"'“‘,") if m else "")


def test_prefix_patterns_asked_only_after_their_last_word():
    """A month or year takes "the end of", "early", "mid-" before it: the patterns are searched
    only when the last word before it ends as one of theirs (a match always does)."""
    import random

    finder = dates_component.date_finder()
    pieces = ["the", "End", "OF", "of", "very", "first half", "mid", "MİD", "Early", "late", "-", " ", "\n", "\u2003", "x", ","]
    rnd = random.Random(0)
    for _ in range(20000):
        before = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        last = before.rsplit(None, 1)[-1:]
        if finder.prefix.search(before) or finder.premodifier.search(before):
            assert last and dates_component._key(last[0]).rstrip("-").endswith(finder.prefix_ends), repr(before)
    spans = {text: [(c.start, c.core_start) for c in finder.find(text)]
             for text in ("By the end of May 2024.", "In mid-2024.", "Early\u20032025.", "At the very END OF\n2023.")}
    assert spans == {"By the end of May 2024.": [(3, 14)], "In mid-2024.": [(3, 7)], "Early\u20032025.": [(0, 6)],
                     "At the very END OF\n2023.": [(3, 19)]}
