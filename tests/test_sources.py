"""Reading inputs: encodings, binary files, folders, stdin names (no model needed)."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractor import sources, walk, webpage


def test_utf8_bom_is_dropped_and_text_kept_exactly():
    text, error = sources.decode("\ufeffMOSCOW —\r\nPeskov said.".encode("utf-8"))
    assert error is None
    assert text == "MOSCOW —\r\nPeskov said."


def test_binary_file_is_an_error_not_a_traceback(tmp_path: Path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    source = sources.read(str(f))
    assert source.text is None and source.error.code == "binary"
    assert source.sha256 and source.chars is None


def test_latin1_file_is_a_clear_encoding_error(tmp_path: Path):
    f = tmp_path / "old.txt"
    f.write_bytes("Caf\xe9 owners met the mayor.".encode("latin-1"))
    error = sources.read(str(f)).error
    assert error.code == "bad_encoding"
    assert "UTF-8" in error.message and "byte 3" in error.message


def test_empty_and_whitespace_only_inputs_are_errors(tmp_path: Path):
    for content in (b"", b"  \n\t\n"):
        f = tmp_path / "empty.txt"
        f.write_bytes(content)
        assert sources.read(str(f)).error.code == "empty"


def test_missing_file_and_directory(tmp_path: Path):
    assert sources.read(str(tmp_path / "nope.txt")).error.code == "not_found"
    assert sources.read(str(tmp_path)).error.code == "is_directory"


def test_folders_are_searched_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "a.txt", "b/c.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = walk.expand([str(tmp_path)])
    assert [Path(p.path).relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/c.txt", "b/z.txt"]
    assert [p.output_name.as_posix() for p in found] == ["a.json", "b/c.json", "b/z.json"]
    assert [Path(p.path).name for p in walk.expand([str(tmp_path)], "*.md")] == ["notes.md"]


def test_files_and_stdin_keep_command_line_order(tmp_path: Path):
    f = tmp_path / "one.txt"
    f.write_text("x", encoding="utf-8")
    found = walk.expand(["-", str(f), "missing.txt"])
    assert [p.path for p in found] == ["-", str(f), "missing.txt"]
    assert [p.output_name.as_posix() for p in found] == ["stdin.json", "one.json", "missing.json"]


def test_sha256_is_of_the_bytes_given(tmp_path: Path):
    import hashlib

    data = "\ufeffBerlin".encode("utf-8")
    f = tmp_path / "bom.txt"
    f.write_bytes(data)
    source = sources.read(str(f))
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.chars == len("Berlin")


TEXT = "MOSCOW —\nPeskov said “yes”."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_decoded(codec):
    marks = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    data = marks.get(codec, b"") + TEXT.encode(codec)  # utf-16, utf-32, utf-8-sig write their own mark
    assert sources.decode(data) == (TEXT, None)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_named_in_the_error(codec):
    text, error = sources.decode(TEXT.encode(codec))
    assert text is None and error.code == "bad_encoding"
    assert codec.upper() in error.message and "iconv" in error.message


def test_a_nul_byte_anywhere_makes_binary():
    data = ("An article. " * 2000).encode() + b"\x00" + b"more"
    assert len(data) > 16_000
    text, error = sources.decode(data)
    assert text is None and error.code == "binary" and str(len(data) - 5) in error.message


def test_input_over_the_limit_is_too_large_and_read_no_further(tmp_path: Path):
    f = tmp_path / "long.txt"
    f.write_text("word " * 1000, encoding="utf-8")
    assert sources.read(str(f), max_chars=5000).error is None
    source = sources.read(str(f), max_chars=4999)
    assert source.error.code == "too_large" and "4,999" in source.error.message
    assert sources.read(str(f), max_chars=1000).error.code == "too_large"  # more bytes than 1000 chars can take
    assert sources.from_text("x" * 11, max_chars=10).error.code == "too_large"


def test_an_endless_device_is_one_bounded_error():
    source = sources.read("/dev/zero", max_chars=1000)
    assert source.error.code == "too_large" and source.text is None


def test_unencodable_text_is_a_bad_encoding_record_not_an_exception():
    source = sources.from_text("Oslo \ud800 talks")
    assert source.error.code == "bad_encoding" and "character 5" in source.error.message
    assert source.sha256 is not None


@pytest.mark.parametrize("item, code", [
    (None, "not_text"), (42, "not_text"), (b"caf\xe9", "bad_encoding"), (b"\xff\xfe", "empty"), (b"Oslo talks.", None),
    (bytearray(b"Oslo talks."), None), ("Oslo talks.", None), ("", "empty"), ("\x00", "binary"),
    (sources.Source("x.txt", text=None), "not_text"), (sources.Source("x.txt", text="\udfff"), "bad_encoding"),
    (sources.Source("x.txt", error=sources.InputError("not_found", "no such file")), "not_found"),
])
def test_any_item_becomes_a_source(item, code):
    source = sources.as_source(item)
    assert (source.error.code if source.error else None) == code


def test_a_valid_source_is_kept_as_given():
    given = sources.Source("a.txt", text="Oslo talks.", sha256="0" * 64)
    assert sources.as_source(given) is given


@pytest.mark.parametrize("text, html", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("\n  <html lang='en'><p>x</p></html>", True),
    ("<!-- saved page --><HTML><p>x</p></HTML>", True),
    ("<p>Talks in Oslo.</p>", True),
    ("Talks in <b>Oslo</b> ended.", False),
    ("<Reuters> OSLO - Talks ended.", False),
    ("a < b and <p> later", False),
])
def test_html_pages_are_recognised(text, html):
    assert webpage.is_html(text) is html
