"""The words the quotes component reads besides its patterns (``data/quotes.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import wordlists


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class QuoteWords:
    openers: frozenset[str]
    complementizers: frozenset[str]
    min_words: int
    purpose_markers: frozenset[str]
    reverse_markers: frozenset[str]
    documents: frozenset[str]
    owner_prepositions: frozenset[str]
    title_small_words: frozenset[str]
    scare_quote_words: int
    attribution_words: int


@functools.lru_cache(maxsize=1)
def quote_words() -> QuoteWords:
    data = wordlists.toml("quotes.toml")
    content, speakers, marks = data["content"], data["speakers"], data["marks"]
    return QuoteWords(
        openers=_set(content["openers"]), complementizers=_set(content["complementizers"]),
        min_words=int(content["min_words"]),
        purpose_markers=_set(content["purpose_markers"]),
        reverse_markers=_set(content["reverse_markers"]),
        documents=_set(speakers["documents"]), owner_prepositions=_set(speakers["owner_prepositions"]),
        title_small_words=_set(marks["title_small_words"]), scare_quote_words=int(marks["scare_quote_words"]),
        attribution_words=int(marks["attribution_words"]),
    )
