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
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # (FF FE 00 00 would be a UTF-32 byte-order mark)
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


def test_bad_text_never_raises(validate):
    record = validate(extractor.extract("Oslo \ud800 talks."))
    assert record["error"]["code"] == "bad_encoding"


def test_extract_many_gives_one_record_per_item_in_order_whatever_the_items(validate):
    items = ["Anna Lindqvist spoke in Oslo.", "\udc80", None, b"Rolf Baumann spoke in Berlin.", 7, b"\x00\x01",
             sources.Source("s", text=None), "", "Talks were held in Rome."]
    records = [validate(r) for r in extractor.extract_many(items, batch_size=2)]
    assert [r.get("error", {}).get("code") for r in records] == [
        None, "bad_encoding", "not_text", None, "not_text", "binary", "not_text", "empty", None]
    assert "Berlin" in [e["name"] for e in records[3]["entities"]]


def check_offsets(record: dict, text: str) -> None:
    """Every offset lies in the text, and every span the contract prints is that slice."""
    for e in record["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
    for d in record["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for q in record["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
    for item in record["meetings"] + record["quotes"]:
        ev = item["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_a_long_text_is_parsed_in_pieces_with_offsets_into_the_whole(validate, monkeypatch):
    from extractor import pieces

    text = "\n\n".join(ARTICLE.replace("Lindqvist", f"Lindqvist{chr(65 + i)}") for i in range(6))
    whole = validate(extractor.extract(text, "2024-03-05"))
    monkeypatch.setattr(pieces, "PIECE_CHARS", 300)  # every article (and more) a piece of its own
    cut = validate(extractor.extract(text, "2024-03-05"))
    check_offsets(cut, text)
    assert len(cut["quotes"]) == len(whole["quotes"]) == 12  # a direct and an indirect quote per article
    assert [d["text"] for d in cut["dates"]] == [d["text"] for d in whole["dates"]]
    assert {e["name"] for e in cut["entities"] if e["type"] == "PERSON"} >= {"Anna LindqvistA", "Anna LindqvistF"}


def test_a_text_over_spacy_max_length_is_processed(validate, monkeypatch):
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 500)
    text = "\n\n".join([ARTICLE] * 4)
    record = validate(extractor.extract(text, "2024-03-05"))
    check_offsets(record, text)
    assert len(record["quotes"]) == 8


def test_max_chars_is_a_too_large_record(validate):
    assert validate(extractor.extract(ARTICLE, max_chars=50))["error"]["code"] == "too_large"


def test_lone_carriage_returns_are_line_breaks_and_offsets_index_the_input(validate):
    lf = validate(extractor.extract(ARTICLE))
    cr_text = ARTICLE.replace("\n", "\r")
    cr = validate(extractor.extract(cr_text))
    assert cr["reference_date"] == lf["reference_date"] == {"value": "2024-03-03", "source": "dateline"}
    assert [(q["text"], q["start"]) for q in cr["quotes"]] == [(q["text"], q["start"]) for q in lf["quotes"]]
    assert [(d["text"], d["value"]) for d in cr["dates"]] == [(d["text"], d["value"]) for d in lf["dates"]]
    check_offsets(cr, cr_text)


PAGE = """<!DOCTYPE html><html><head><title>Talks in Geneva</title>
<meta property="article:published_time" content="2024-03-03T09:00:00Z">
<script>var quote = "We will never stop," she said; document.write("</p>");</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks in Geneva</h1>
<p>Foreign Minister Anna Lindqvist met Chancellor Rolf Baumann in Geneva on Tuesday.</p>
<p>\u201cWe made progress,\u201d Lindqvist told reporters. Baumann said the two governments would meet again in Vienna next month.</p>
</article><footer><p>Subscribe to our newsletter. \u201cBest site ever,\u201d said a reader.</p></footer></body></html>"""


def test_an_html_page_gives_its_article_text_and_date(validate):
    record = validate(extractor.extract(PAGE))
    text = record["source"]["text"]
    assert record["source"]["format"] == "html" and record["source"]["chars"] == len(text)
    assert record["reference_date"] == {"value": "2024-03-03", "source": "metadata"}
    assert "<" not in text and "var quote" not in text and "newsletter" not in text
    assert [q["text"] for q in record["quotes"]][:1] == ["We made progress."]
    assert all("<" not in q["text"] and q["speaker"]["name"] != "a reader" for q in record["quotes"] if q["speaker"])
    check_offsets(record, text)
    assert {d["value"] for d in record["dates"]} >= {"2024-02-27"}  # "Tuesday" before 3 March 2024
    assert validate(extractor.extract(PAGE, "2024-05-01"))["reference_date"]["source"] == "option"


def test_the_tokenizer_text_is_doc_text_without_rebuilding_it():
    """Components read ``facts.tokenizer_text`` instead of ``doc.text`` (rebuilt token by
    token): both must be the same string for every kind of white space a text may hold."""
    from extractor.api import make_doc
    from extractor.facts import tokenizer_text
    from extractor.text import AS_SPACE
    nlp = load_pipeline()
    text = "\ufeffOSLO\r\nTalks\u00a0began\ton Monday.\rThe\u2028minister\u202fsaid\x0c\"yes\".  \n\n End"
    doc = make_doc(nlp, text, None)
    assert tokenizer_text(doc) == doc.text and len(doc.text) == len(text)
    bare = nlp.make_doc("A text made without our settings.")
    assert tokenizer_text(bare) == bare.text
    for text in ["Plain text, no space of another kind.\n", *(f"One{c}kind{c}only" for c in map(chr, AS_SPACE))]:
        doc = make_doc(nlp, text, None)  # a text is translated only when it holds such a character
        assert tokenizer_text(doc) == doc.text and len(doc.text) == len(text)
        assert not set(doc.text) & set(map(chr, AS_SPACE))
