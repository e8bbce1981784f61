"""Reading the rule data under ``extractor/data/`` (word lists, TOML, JSON).

One reader for every component, through importlib.resources, so the files are
found the same way in a checkout and in an installed wheel.
"""
from __future__ import annotations

import json
import tomllib
from importlib import resources
from typing import Any


def text(filename: str) -> str:
    return resources.files("extractor.data").joinpath(filename).read_text(encoding="utf-8")


def lines(filename: str) -> list[str]:
    """Entries of a word list: one per line; # comments and blank lines ignored."""
    out = []
    for line in text(filename).splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def lowered(values: list[str]) -> frozenset[str]:
    """A word list's entries as one lower-case set."""
    return frozenset(v.lower() for v in values)


def by_mark(filename: str, marks: str) -> dict[str, list[str]]:
    """Entries of a word list grouped by their leading mark, one of ``marks`` ("" for none),
    the mark removed: ``by_mark("org_heads.txt", ">")[">"]`` are the words that open a name."""
    groups: dict[str, list[str]] = {mark: [] for mark in ("", *marks)}
    for line in lines(filename):
        mark = line[0] if line[0] in marks else ""
        groups[mark].append(line[len(mark):])
    return groups


def titles() -> dict[str, bool]:
    """data/titles.txt: role word or phrase, lower case -> whether it is an honorific (marked ~)."""
    return {line.lstrip("~").lower(): line.startswith("~") for line in lines("titles.txt")}


def toml(filename: str) -> dict[str, Any]:
    return tomllib.loads(text(filename))


def json_data(filename: str) -> Any:
    return json.loads(text(filename))
