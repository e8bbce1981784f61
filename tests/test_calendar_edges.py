"""Dates at the edges of the calendar the contract allows (years 1-9999): no crash, schema-valid values."""
from __future__ import annotations

import datetime as dt

import pytest

import extractor
from extractor.components import dates

RELATIVE = (
    "Ministers met yesterday and will meet again on Tuesday, next month and next year. Talks last month, "
    "last year, on January 4, on the 14th and in December failed. They meet tomorrow; two days ago they spoke."
)
MEETINGS = (
    "French President Emmanuel Macron said on Monday he would meet German Chancellor Olaf Scholz in Berlin. "
    "Talks between Macron and Scholz were postponed until early March, officials said. "
    "Macron and Scholz put off their meeting to July 9."
)


@pytest.mark.parametrize("ref", ["0001-01-01", "0001-12-31", "0998-12-31", "9999-01-01", "9999-12-31"])
@pytest.mark.parametrize("text", [RELATIVE, MEETINGS])
def test_reference_dates_at_the_edges_give_valid_records(validate, ref, text):
    record = validate(extractor.extract(text, ref))
    assert "error" not in record, record.get("error")
    values = [d["value"] for d in record["dates"]] + [m["date"] for m in record["meetings"]]
    assert all(v is None or (len(v.split("-")[0]) == 4 and v[:4] != "0000") for v in values), values


@pytest.mark.parametrize("dateline", ["PARIS, Jan. 1, 0001", "PARIS, Dec. 31, 9999"])
def test_dateline_years_at_the_edges(validate, dateline):
    record = validate(extractor.extract(f"{dateline} — {MEETINGS} {RELATIVE}"))
    assert record["reference_date"]["source"] == "dateline"
    assert record["meetings"], "the meetings are still found"


def test_values_beyond_the_calendar_are_null_not_wrong():
    finder = dates.DateFinder(dates.date_words())
    by_text = {c.start: c for c in finder.find("They meet tomorrow, next year and next month.")}
    end = dt.date(9999, 12, 31)
    assert {dates.resolve(c, end, dates.FUTURE) for c in by_text.values()} == {None}
    start = dt.date(1, 1, 1)
    assert dates.resolve(finder.find("They met yesterday.")[0], start, dates.PAST) is None
    assert dates.resolve(finder.find("They met last year.")[0], start, dates.PAST) is None
    assert dates.resolve(finder.find("They met last year.")[0], dt.date(2, 5, 1), dates.PAST) == "0001"
