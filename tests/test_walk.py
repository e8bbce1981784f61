"""Folder walking: nothing is dropped silently; output names never collide unnoticed (no model needed)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor import walk


def found(items: list[walk.InputPath], root: Path) -> list[tuple[str, str | None]]:
    return [(Path(i.path).relative_to(root).as_posix() if i.path != str(root) else ".",
             i.error.code if i.error else None) for i in items]


def test_dangling_links_and_link_loops_are_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder link back to an ancestor
    (tmp_path / "notes").symlink_to(tmp_path / "nowhere")  # dangling, but could never match *.txt
    items = walk.expand([str(tmp_path)])
    assert found(items, tmp_path) == [("a.txt", None), ("gone.txt", "not_found"), ("self.txt", "unreadable"),
                                      ("sub/up", "unreadable")]
    messages = [i.error.message for i in items if i.error]
    assert "dangling symbolic link" in messages[0] and "loop" in messages[1] and "loop" in messages[2]


def test_links_to_other_folders_are_followed(tmp_path: Path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "link").symlink_to(tmp_path / "real")
    assert found(walk.expand([str(tmp_path / "in")]), tmp_path / "in") == [("link/b.txt", None)]


def test_unreadable_folders_are_reported(tmp_path: Path, monkeypatch):
    """(Simulated: the tests run as root, whom permissions do not stop.)"""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name in ("locked", "top"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    items = walk.expand([str(tmp_path)])
    assert found(items, tmp_path) == [("locked", "unreadable"), ("ok/a.txt", None)]
    assert items[0].error.message == "folder cannot be read: Permission denied"
    (tmp_path / "top").mkdir()
    [top] = walk.expand([str(tmp_path / "top")])
    assert top.error.code == "unreadable" and top.path == str(tmp_path / "top")


def test_a_folder_without_matching_files_is_an_error_in_its_place(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    items = walk.expand([str(tmp_path / "empty"), str(tmp_path / "a.txt")])
    assert [(i.path, i.error.code if i.error else None) for i in items] == [
        (str(tmp_path / "empty"), "no_files"), (str(tmp_path / "a.txt"), None)]
    assert "no files matching *.txt" in items[0].error.message


def test_special_files_that_match_are_reported_not_read(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert found(walk.expand([str(tmp_path)]), tmp_path) == [("pipe.txt", "unreadable")]


def test_colliding_output_names_are_found(tmp_path: Path):
    for name in ("A/x.txt", "B/x.txt", "A/sub/y.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert walk.output_collision(walk.expand([str(tmp_path)])) is None
    clash = walk.output_collision(walk.expand([str(tmp_path / "A"), str(tmp_path / "B")]))
    assert clash == f"{tmp_path / 'A' / 'x.txt'} and {tmp_path / 'B' / 'x.txt'} would both be written to x.json"
    assert walk.output_collision(walk.expand([str(tmp_path / "A" / "x.txt"), str(tmp_path / "B" / "x.txt")]))
    assert walk.output_collision(walk.expand(["-", str(tmp_path / "A" / "x.txt")])) is None


@pytest.mark.parametrize("pattern, names", [
    ("*.txt", ["a.txt", "d/b.txt"]), ("d/*.txt", ["d/b.txt"]), ("*", ["a.txt", "c.md", "d/b.txt"])])
def test_patterns_match_like_rglob(tmp_path: Path, pattern, names):
    for name in ("a.txt", "c.md", "d/b.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p for p, _ in found(walk.expand([str(tmp_path)], pattern), tmp_path)] == names
