"""Reading inputs: files, folders, stdin and in-memory items, with clear errors instead of tracebacks.

Inputs are read lazily, one at a time and never beyond a size limit, so a
batch of 10,000 files keeps memory flat and ``/dev/zero`` is one error record.
A source that cannot be used carries an ``InputError`` and becomes the
contract's error record in its place in the output stream.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from . import webpage

STDIN = "-"
# Generous: ~300,000 words, far beyond any article; long texts are processed in pieces.
MAX_CHARS = 2_000_000
# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Which byte lanes are zero in ASCII text of an encoding read without its byte-order mark.
_ZERO_LANES = (("UTF-32-LE", 4, (1, 2, 3)), ("UTF-32-BE", 4, (0, 1, 2)), ("UTF-16-LE", 2, (1,)), ("UTF-16-BE", 2, (0,)))


@dataclass(frozen=True)
class InputError:
    # not_found | is_directory | unreadable | binary | bad_encoding | empty | too_large | not_text | no_files
    # (and processing_failed, set by the api)
    code: str
    message: str


@dataclass
class Source:
    """One input: where it came from, and its text or why it has none.

    ``text`` is what offsets index: the decoded file, or the article text
    extracted from an HTML page (``format == "html"``), whose publication
    date is ``published``.
    """

    path: str | None
    text: str | None = None
    sha256: str | None = None
    error: InputError | None = None
    format: str = "text"
    published: dt.date | None = None

    @property
    def chars(self) -> int | None:
        return None if self.text is None else len(self.text)


@dataclass(frozen=True)
class FileBytes:
    """A file's bytes as read, not yet decoded: decoded (an HTML page's text extracted) where the batch runs.

    The CLI reads files in its own process and hands these to ``extract_many``,
    so with ``--jobs`` or ``--scheduler`` the workers decode and parse, and need
    no access to the files.
    """

    path: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def max_bytes(max_chars: int) -> int:
    """The most bytes ``max_chars`` characters can take (UTF-32 with its mark)."""
    return 4 * max_chars + 4


def too_large(max_chars: int, what: str) -> InputError:
    return InputError("too_large", f"{what} more than the limit of {max_chars:,} characters "
                                   "(raise it with --max-chars)")


def decode(data: bytes) -> tuple[str | None, InputError | None]:
    """UTF-8, or UTF-8/16/32 with a byte-order mark (dropped); anything else is an error."""
    codec, skip = next(((name, len(bom)) for bom, name in _BOMS if data.startswith(bom)), ("utf-8", 0))
    if codec == "utf-8" and b"\x00" in data:
        return None, _nul_error(data)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        hint = "; convert it with e.g. `iconv -f latin1 -t utf-8`" if codec == "utf-8" else ""
        return None, InputError("bad_encoding", f"not valid {codec.upper()} (byte {at}: {data[at:at + 1]!r}){hint}")
    return text, None


def _nul_error(data: bytes) -> InputError:
    """NUL bytes: UTF-16/32 text that lost its byte-order mark, else binary data."""
    sample = data[:4096]
    for name, width, zeros in _ZERO_LANES:
        lanes = [sample[i::width] for i in range(width)]
        if len(sample) >= 2 * width and all(
            lanes[i].count(0) >= 0.6 * len(lanes[i]) if i in zeros else lanes[i].count(0) <= 0.1 * len(lanes[i])
            for i in range(width)
        ):
            return InputError("bad_encoding", f"looks like {name} text without a byte-order mark; "
                                              f"convert it with e.g. `iconv -f {name} -t utf-8`")
    return InputError("binary", f"binary file (NUL byte at offset {data.index(0)}), not text")


def check_text(text: str, max_chars: int) -> InputError | None:
    """What makes decoded text unusable: NUL characters, nothing but spaces, or its size."""
    if "\x00" in text:
        return InputError("binary", f"binary data (NUL character at {text.index(chr(0))}), not text")
    if len(text) > max_chars:
        return too_large(max_chars, f"{len(text):,} characters,")
    if not text.strip():
        return InputError("empty", "no text (the input is empty or only whitespace)")
    return None


def _from_text(path: str | None, text: str, digest: str, max_chars: int) -> Source:
    """A source for decoded text: checked, and reduced to its article text when it is an HTML page."""
    error = check_text(text, max_chars)
    if error is None and webpage.is_html(text):
        try:
            page = webpage.extract(text)
        except Exception as exc:  # noqa: BLE001 - a page the extractor chokes on costs that page only
            return Source(path, sha256=digest, error=InputError(
                "processing_failed", f"HTML extraction failed: {type(exc).__name__}: {exc}"))
        if page.text is None:
            error = InputError("empty", "an HTML page without article text")
        else:
            return Source(path, page.text, digest, format="html", published=page.published)
    if error is not None:
        return Source(path, sha256=digest, error=error)
    return Source(path, text, digest)


def from_bytes(path: str | None, data: bytes, max_chars: int = MAX_CHARS) -> Source:
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > max_bytes(max_chars):
        return Source(path, sha256=digest, error=too_large(max_chars, f"{len(data):,} bytes,"))
    text, error = decode(data)
    if error is not None:
        return Source(path, sha256=digest, error=error)
    return _from_text(path, text, digest, max_chars)


def from_text(text: str, path: str | None = None, max_chars: int = MAX_CHARS) -> Source:
    """A source for text already in memory (the library API); the caller's string is kept exactly."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return Source(path, sha256=digest, error=InputError(
            "bad_encoding", f"not encodable text ({exc.reason}: {text[exc.start]!r} at character {exc.start})"))
    return _from_text(path, text, hashlib.sha256(data).hexdigest(), max_chars)


def as_source(item: Any, max_chars: int = MAX_CHARS) -> Source:
    """Any item given to ``extract_many`` as a Source; never raises."""
    if isinstance(item, str):
        return from_text(item, max_chars=max_chars)
    if isinstance(item, (bytes, bytearray, memoryview)):
        return from_bytes(None, bytes(item), max_chars)
    if isinstance(item, FileBytes):
        return from_bytes(item.path, item.data, max_chars)
    if isinstance(item, os.PathLike):
        return read(os.fsdecode(item), max_chars)
    if not isinstance(item, Source):
        return Source(None, error=InputError("not_text", f"a {type(item).__name__}, not text (str, bytes or Source)"))
    if item.error is not None:
        return item
    if not isinstance(item.text, str):
        return Source(item.path, error=InputError("not_text", f"a Source whose text is a {type(item.text).__name__}"))
    checked = from_text(item.text, item.path, max_chars)
    return item if checked.error is None and checked.text is item.text else checked


def _read_bytes(path: str, limit: int) -> bytes | InputError:
    """At most ``limit + 1`` bytes of a file or stdin: enough to tell it is too large."""
    if path == STDIN:
        return sys.stdin.buffer.read(limit + 1)
    try:
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        return InputError("not_found", "no such file")
    except IsADirectoryError:
        return InputError("is_directory", "is a directory")
    except OSError as exc:
        return InputError("unreadable", exc.strerror or str(exc))


def read_bytes(path: str, max_chars: int = MAX_CHARS) -> FileBytes | Source:
    """A file's (or stdin's) bytes, never past the limit; a Source carrying the error when they cannot be had."""
    limit = max_bytes(max_chars)
    data = _read_bytes(path, limit)
    if isinstance(data, InputError):
        return Source(path, error=data)
    if len(data) > limit:
        return Source(path, error=too_large(max_chars, f"over {limit:,} bytes,"))
    return FileBytes(path, data)


def read(path: str, max_chars: int = MAX_CHARS) -> Source:
    """Read one file (or stdin for '-') into a Source, never raising for bad input, never past the limit."""
    item = read_bytes(path, max_chars)
    return item if isinstance(item, Source) else from_bytes(item.path, item.data, max_chars)


def read_input(item: Any, max_chars: int = MAX_CHARS) -> FileBytes | Source:
    """A ``walk.InputPath``'s bytes, or the error found walking or reading it."""
    return Source(item.path, error=item.error) if item.error is not None else read_bytes(item.path, max_chars)


def read_all(paths: Iterable[Any], max_chars: int = MAX_CHARS) -> Iterator[FileBytes | Source]:
    """``read_input`` for each ``walk.InputPath``, in order and lazily."""
    for item in paths:
        yield read_input(item, max_chars)
