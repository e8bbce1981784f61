"""The words the quotes component reads besides its patterns (``data/quotes.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import wordlists
from ...wordlists import lowered


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
        openers=lowered(content["openers"]), complementizers=lowered(content["complementizers"]),
        min_words=int(content["min_words"]),
        purpose_markers=lowered(content["purpose_markers"]),
        reverse_markers=lowered(content["reverse_markers"]),
        documents=lowered(speakers["documents"]), owner_prepositions=lowered(speakers["owner_prepositions"]),
        title_small_words=lowered(marks["title_small_words"]), scare_quote_words=int(marks["scare_quote_words"]),
        attribution_words=int(marks["attribution_words"]),
    )
