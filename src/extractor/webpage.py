"""HTML input: detect a web page and keep only its article text and publication date.

The extraction is trafilatura's (see pyproject.toml for why): boilerplate,
navigation, comments, scripts and styles are dropped, so no tag or script
reaches a fact. The publication date comes from the page's structured
metadata only (meta tags, JSON-LD, ``<time>``, the URL): htmldate's
"extensive search" would turn a "© 2024" footer into 2024-01-01, and a
wrong reference date silently shifts every relative date.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

# A page starts with a doctype, an XML declaration, comments, or one of the tags a page or fragment opens with.
_PAGE_START = re.compile(
    r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|article|section|main|header|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
SNIFF_CHARS = 4096


@dataclass(frozen=True)
class Page:
    text: str | None  # the article text (title first), None when the page has none
    published: dt.date | None


def is_html(text: str) -> bool:
    """Whether the text is an HTML page (or fragment) rather than plain text."""
    return _PAGE_START.match(text[:SNIFF_CHARS].lstrip("\ufeff")) is not None


def extract(html: str) -> Page:
    """The page's title and main text, one paragraph a line, and its publication date."""
    import trafilatura  # lazy: plain-text batches never pay for it

    for name in ("trafilatura", "htmldate"):  # their per-page notes are no business of stderr
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (doc.text or "").strip() if doc is not None else ""
    if not body:
        return Page(None, None)
    title = (doc.title or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Page(text, _date(doc.date))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
