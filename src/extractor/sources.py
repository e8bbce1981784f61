"""Reading inputs: files, folders and stdin, with clear errors instead of tracebacks.

Inputs are read lazily, one at a time, so a batch of 10,000 files keeps
memory flat. A source that cannot be read carries an ``InputError`` and
becomes the contract's error record in its place in the output stream.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

STDIN = "-"
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class InputError:
    code: str  # not_found | is_directory | unreadable | binary | bad_encoding | empty
    message: str


@dataclass
class Source:
    """One input: where it came from, and its text or why it has none."""

    path: str | None
    text: str | None = None
    sha256: str | None = None
    error: InputError | None = None

    @property
    def chars(self) -> int | None:
        return None if self.text is None else len(self.text)



def decode(data: bytes) -> tuple[str | None, InputError | None]:
    """UTF-8 with or without BOM; binary and undecodable input become errors."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return None, InputError("binary", "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, InputError(
            "bad_encoding",
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "convert it with e.g. `iconv -f latin1 -t utf-8`",
        )
    if not text.strip():
        return None, InputError("empty", "no text (the input is empty or only whitespace)")
    return text, None


def from_bytes(path: str | None, data: bytes) -> Source:
    text, error = decode(data)
    return Source(path, text, hashlib.sha256(data).hexdigest(), error)


def from_text(text: str, path: str | None = None) -> Source:
    """A source for text already in memory (the library API)."""
    source = from_bytes(path, text.encode("utf-8"))
    if source.error is None:
        source.text = text  # keep the caller's string exactly (e.g. a leading BOM)
    return source


def read(path: str) -> Source:
    """Read one file (or stdin for '-') into a Source, never raising for bad input."""
    if path == STDIN:
        return from_bytes(STDIN, sys.stdin.buffer.read())
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        return Source(path, error=InputError("not_found", "no such file"))
    except IsADirectoryError:
        return Source(path, error=InputError("is_directory", "is a directory"))
    except OSError as exc:
        return Source(path, error=InputError("unreadable", exc.strerror or str(exc)))
    return from_bytes(path, data)


@dataclass(frozen=True)
class InputPath:
    """A path named on the command line or found in a folder, not yet read."""

    path: str
    root: Path | None = None

    @property
    def output_name(self) -> Path:
        """NAME.json for --output-dir: the path below its folder, or the file name."""
        if self.path == STDIN:
            return Path("stdin.json")
        path = Path(self.path)
        if self.root is not None:
            return path.relative_to(self.root).with_suffix(".json")
        return Path(path.name).with_suffix(".json")


def expand(inputs: Iterable[str], pattern: str = "*.txt") -> list[InputPath]:
    """Files as given, folders searched recursively for ``pattern`` (sorted)."""
    found: list[InputPath] = []
    for item in inputs:
        p = Path(item)
        if item != STDIN and p.is_dir():
            found.extend(InputPath(str(f), p) for f in sorted(p.rglob(pattern)) if f.is_file())
        else:
            found.append(InputPath(item))
    return found


def read_all(paths: Iterable[InputPath]) -> Iterator[Source]:
    for item in paths:
        yield read(item.path)
