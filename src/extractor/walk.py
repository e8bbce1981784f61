"""Inputs named on the command line, folders searched recursively, and what cannot be searched.

Nothing is dropped silently: a folder that cannot be read, a dangling symbolic
link, a link loop, a special file that matches the pattern, or a folder with no
matching file at all becomes an ``InputPath`` carrying an ``InputError``, which
the batch turns into an error record in its place. Symbolic links to folders
are followed, once per folder on the way down (a link back to an ancestor is
reported as a loop).
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Iterator

from .sources import STDIN, InputError


@dataclass(frozen=True)
class InputPath:
    """A path named on the command line or found in a folder, not yet read (or the error found instead)."""

    path: str
    root: Path | None = None
    error: InputError | None = None

    @property
    def output_name(self) -> Path:
        """NAME.json for --output-dir: the path below its folder, or the file name."""
        if self.path == STDIN:
            return Path("stdin.json")
        path = Path(self.path)
        if self.root is not None and path != self.root:
            return path.relative_to(self.root).with_suffix(".json")
        return Path(path.name or "input").with_suffix(".json")


def expand(inputs: Iterable[str], pattern: str = "*.txt") -> list[InputPath]:
    """Files as given, folders searched recursively for ``pattern`` (sorted), problems in place."""
    found: list[InputPath] = []
    for item in inputs:
        p = Path(item)
        if item != STDIN and p.is_dir():
            inside = list(_walk(p, p, pattern, frozenset()))
            found.extend(inside or [InputPath(item, error=InputError("no_files", f"no files matching {pattern}"))])
        else:
            found.append(InputPath(item))
    return found


def _walk(folder: Path, root: Path, pattern: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[InputPath]:
    """Matching files below ``folder`` in sorted path order, with errors where something cannot be read."""
    try:
        here = os.stat(folder)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputPath(str(folder), root, InputError("unreadable", f"folder cannot be read: {_reason(exc)}"))
        return
    ancestors = ancestors | {(here.st_dev, here.st_ino)}
    for entry in entries:
        yield from _entry(Path(entry.path), root, pattern, ancestors)


def _entry(path: Path, root: Path, pattern: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[InputPath]:
    matches = PurePath(path.relative_to(root)).match(pattern)
    try:
        st = os.stat(path)
    except OSError as exc:  # a dangling link, a link loop, or a name we may not look up
        if matches or exc.errno == errno.ELOOP:
            yield InputPath(str(path), root, _stat_error(path, exc))
        return
    if stat.S_ISDIR(st.st_mode):
        if (st.st_dev, st.st_ino) in ancestors:
            yield InputPath(str(path), root, InputError(
                "unreadable", f"symbolic link loop: leads back to {os.path.realpath(path)}"))
        else:
            yield from _walk(path, root, pattern, ancestors)
    elif matches and stat.S_ISREG(st.st_mode):
        yield InputPath(str(path), root)
    elif matches:
        yield InputPath(str(path), root, InputError("unreadable", "not a regular file (a device, pipe or socket)"))


def _stat_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError("unreadable", "symbolic link loop")
    if exc.errno == errno.ENOENT and path.is_symlink():
        return InputError("not_found", f"dangling symbolic link to {os.readlink(path)}")
    return InputError("unreadable", _reason(exc))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def output_collision(paths: Iterable[InputPath]) -> str | None:
    """For --output-dir: the first two inputs that would write the same NAME.json, described; None if none."""
    seen: dict[Path, InputPath] = {}
    for item in paths:
        if item.error is not None:
            continue
        first = seen.setdefault(item.output_name, item)
        if first is not item:
            return f"{first.path} and {item.path} would both be written to {item.output_name}"
    return None
