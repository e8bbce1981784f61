"""Fuzzing material shared by tests/test_fuzz.py (a bounded run in the suite) and bench/fuzz.py (a long run).

Strategies draw texts a user or a broken feed might hand us: random unicode
(surrogates and control characters included), mixes of quotation marks and
speech cues, long chained sentences, dates at the calendar's edges, HTML
pages, and real articles (seeds/, eval/) mutated. ``problems`` lists what
is wrong with a record: a schema violation or an offset that does not index
the text the way the contract says.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
from hypothesis import strategies as st

from extractor.serialize import json_schema

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("eval/*/*.txt"))]
VALIDATOR = jsonschema.Draft202012Validator(json_schema())

QUOTE_BITS = ["“", "”", '"', "‘", "’", "'", "«", "»", "„", "‹", "›", "``", "''", " said", " told reporters", " added",
              " according to", " Anna Lindqvist", " Rolf Baumann", " the ministry", " he", " she", ":", ",", ".", " ",
              "\n", "\n\n", "\r", "\r\n", " We will meet", " talks", " — ", "Q:", "SECRETARY BLINKEN:", " (", ")"]
NAMES = ["Anna Lindqvist", "Rolf Baumann", "Ida Berg", "Jonas Lie", "the French minister", "Xi Jinping", "NATO",
         "the union", "Ukraine", "he", "they", "U.S. President Joe Biden"]
MONTHS = ["Jan.", "January", "February", "Feb. 29", "March", "Dec.", "December", "May", "Sept."]
EDGE_YEARS = ["0", "0000", "0001", "1", "0999", "999", "1000", "1799", "1800", "2024", "2199", "2200", "9998", "9999",
              "10000", "99999"]
NOISE = st.characters(exclude_categories=())  # every code point, lone surrogates and controls included


def unicode_texts() -> st.SearchStrategy[str]:
    return st.text(NOISE, min_size=1, max_size=300)


def quote_mixes() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(QUOTE_BITS) | st.text(NOISE, max_size=3), min_size=1, max_size=80).map("".join)


def long_sentences(max_links: int) -> st.SearchStrategy[str]:
    """"X met Y and Z met W and …": one long sentence of meetings, calls and quotes."""
    link = st.tuples(st.sampled_from(NAMES), st.sampled_from([" met ", " held talks with ", " called ", " said ",
                                                               " will meet ", " spoke to "]), st.sampled_from(NAMES))
    return st.lists(link, min_size=1, max_size=max_links).map(
        lambda links: " and ".join(a + verb + b for a, verb, b in links) + ".")


def edge_dates() -> st.SearchStrategy[str]:
    """Datelines and sentences with dates at the calendar's edges (and beyond)."""
    day = st.sampled_from(["1", "01", "29", "30", "31", "32", "0"])
    date = st.tuples(st.sampled_from(MONTHS), day, st.sampled_from(EDGE_YEARS)).map(lambda t: f"{t[0]} {t[1]}, {t[2]}")
    numeric = st.tuples(day, st.sampled_from(["01", "02", "12", "13"]), st.sampled_from(EDGE_YEARS)).map("/".join)
    iso = st.tuples(st.sampled_from(EDGE_YEARS), st.sampled_from(["01", "02", "12"]), day).map("-".join)
    when = date | numeric | iso | st.sampled_from(["yesterday", "tomorrow", "next year", "last month", "Tuesday",
                                                   "the 31st", "29 February", "next December", "two years ago"])
    sentence = st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), when).map(
        lambda t: f"{t[0]} met {t[1]} on {t[2]}.")
    return st.tuples(st.sampled_from(["PARIS", "GENEVA (Reuters)", "Tokyo"]), date, st.lists(sentence, max_size=4)).map(
        lambda t: f"{t[0]}, {t[1]} — " + " ".join(t[2]))


def html_pages() -> st.SearchStrategy[str]:
    body = st.lists(quote_mixes() | long_sentences(4) | edge_dates(), min_size=1, max_size=4)
    return body.map(lambda ps: "<!DOCTYPE html><html><head><title>T</title><script>var q = \"We won,\" he said;"
                               "</script></head><body><article>" + "".join(f"<p>{p}</p>" for p in ps)
                               + "</article><footer>\u201cNice,\u201d said a reader.</footer></body></html>")


@st.composite
def mutated_articles(draw: st.DrawFn) -> str:
    """A real article with slices deleted, repeated, replaced by noise, given other line ends or odd characters."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(1, 4))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 400)))
        how = draw(st.sampled_from(["delete", "repeat", "noise", "quotes", "cr", "upper", "odd"]))
        middle = {"delete": "", "repeat": text[a:b] * 2, "noise": draw(st.text(NOISE, max_size=20)),
                  "quotes": draw(quote_mixes()), "cr": text[a:b].replace("\n", "\r"), "upper": text[a:b].upper(),
                  "odd": text[a:b] + draw(st.sampled_from(["\ud83d", "\x00", "\ufeff", "\u2028", "\x0c", "<p>"]))}[how]
        text = text[:a] + middle + text[b:]
    return text


def texts(max_links: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(unicode_texts(), quote_mixes(), long_sentences(max_links), edge_dates(), html_pages(),
                     mutated_articles())


def reference_dates() -> st.SearchStrategy[dt.date | None]:
    return st.none() | st.dates() | st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)])


def problems(record: dict, text: str) -> list[str]:
    """Schema violations, and offsets that do not index the text as the contract says."""
    found = [f"schema: {list(e.path)}: {e.message[:120]}" for e in VALIDATOR.iter_errors(record)]
    if "error" in record or found:
        return found
    if record["source"].get("format") == "html":
        text = record["source"]["text"]
    n = len(text)
    spans = [(m["start"], m["end"], None) for e in record["entities"] for m in e["mentions"]]
    spans += [(d["start"], d["end"], d["text"]) for d in record["dates"]]
    spans += [(q["start"], q["end"], None) for q in record["quotes"]]
    spans += [(x["evidence"]["start"], x["evidence"]["end"], x["evidence"]["text"])
              for x in record["meetings"] + record["quotes"]]
    for start, end, printed in spans:
        if not 0 <= start <= end <= n:
            found.append(f"offset: {start}-{end} outside 0-{n}")
        elif printed is not None and text[start:end] != printed:
            found.append(f"offset: text[{start}:{end}] is {text[start:end]!r}, record says {printed!r}")
    return found
