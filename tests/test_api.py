"""The library API: contract shape, offsets, streaming and failure isolation."""
from __future__ import annotations

import itertools

import pytest
from spacy.language import Language

import extractor
from extractor import sources
from extractor.pipeline import load_pipeline

ARTICLE = (
    "GENEVA, March 3, 2024 (Reuters) - Foreign Minister Anna Lindqvist met "
    "Chancellor Rolf Baumann in Geneva on Tuesday.\n\n"
    "\u201cWe made progress,\u201d Lindqvist told reporters. Baumann said the two "
    "governments would meet again in Vienna next month.\n"
)


def test_extract_returns_a_valid_contract_object(validate):
    record = validate(extractor.extract(ARTICLE, "2024-03-05"))
    assert record["schema"] == "extractor/1"
    assert record["reference_date"] == {"value": "2024-03-05", "source": "option"}
    assert record["source"]["chars"] == len(ARTICLE)
    assert set(record) >= {"entities", "dates", "meetings", "quotes"}


def test_every_offset_indexes_the_input_text(validate):
    text = "\ufeff" + ARTICLE.replace(" ", "\u00a0", 3).replace("\n", "\r\n")
    record = validate(extractor.extract(text, "2024-03-05"))
    assert record["entities"], "the article names people and places"
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]].replace("\u00a0", " ").strip()
    for date in record["dates"]:
        assert text[date["start"]:date["end"]] == date["text"]
    for item in record["meetings"] + record["quotes"]:
        ev = item["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_reference_date_accepts_strings_and_dates():
    import datetime as dt

    a = extractor.extract(ARTICLE, "2024-03-05")
    b = extractor.extract(ARTICLE, dt.date(2024, 3, 5))
    assert a == b


def test_empty_text_gives_an_error_record(validate):
    record = validate(extractor.extract("   "))
    assert record["error"]["code"] == "empty"


def test_extract_many_keeps_input_order_with_failures_in_place(validate, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00binary")
    inputs = [
        sources.from_text("Anna Lindqvist spoke in Oslo.", "first"),
        sources.read(str(bad)),
        sources.read(str(tmp_path / "missing.txt")),
        "Rolf Baumann spoke in Berlin.",
    ]
    records = [validate(r) for r in extractor.extract_many(inputs)]
    assert [r["source"]["path"] for r in records] == ["first", str(bad), str(tmp_path / "missing.txt"), None]
    assert [r.get("error", {}).get("code") for r in records] == [None, "binary", "not_found", None]


def test_extract_many_streams_lazily():
    """Results come out before the input is exhausted (flat memory for big batches)."""
    endless = (f"Talks number {i} were held in Paris." for i in itertools.count())
    first = list(itertools.islice(extractor.extract_many(endless, batch_size=4), 3))
    assert len(first) == 3


@Language.component("explode_on_boom")
def _explode_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component failed")
    return doc


def test_a_document_that_crashes_a_component_does_not_stop_the_batch(validate):
    nlp = load_pipeline()
    nlp.add_pipe("explode_on_boom", first=True)
    try:
        records = list(extractor.extract_many(["Oslo is cold.", "BOOM in Oslo.", "Rome is warm."]))
    finally:
        nlp.remove_pipe("explode_on_boom")
    assert [validate(r).get("error", {}).get("code") for r in records] == [None, "processing_failed", None]
    assert "component failed" in records[1]["error"]["message"]


def test_unknown_model_is_a_clear_error():
    from extractor.pipeline import ModelNotFound

    with pytest.raises(ModelNotFound, match="no-such-pipeline"):
        extractor.extract("Oslo.", model="no-such-pipeline")
