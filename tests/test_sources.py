"""Reading inputs: encodings, binary files, folders, stdin names (no model needed)."""
from __future__ import annotations

from pathlib import Path

from extractor import sources


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
    found = sources.expand([str(tmp_path)])
    assert [Path(p.path).relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/c.txt", "b/z.txt"]
    assert [p.output_name.as_posix() for p in found] == ["a.json", "b/c.json", "b/z.json"]
    assert [Path(p.path).name for p in sources.expand([str(tmp_path)], "*.md")] == ["notes.md"]


def test_files_and_stdin_keep_command_line_order(tmp_path: Path):
    f = tmp_path / "one.txt"
    f.write_text("x", encoding="utf-8")
    found = sources.expand(["-", str(f), "missing.txt"])
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
