"""Compare HTML main-text extractors on news-like pages: kept paragraphs, leaked boilerplate, dates, speed.

Prints figures; asserts nothing. The pages are built here around real articles
of ../shared/eval/real in four layouts, each with navigation, a cookie banner,
ads, a related-stories box, a comment holding a quote, a script holding a
quote and a footer, and the publication date in the page's metadata.

    pip install readability-lxml justext   # the alternatives (trafilatura is a dependency)
    python bench/html_extractors.py
"""
from __future__ import annotations

import html
import json
import re
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "eval" / "real"
PICKS = [("voa01", "2004-02-28"), ("wn07", "2019-03-11"), ("us06", "2015-12-17"), ("intl03", "2020-05-02"),
         ("us08", "2018-06-14"), ("voa05", "2016-01-10")]
BOILERPLATE = ["Subscribe to our newsletter", "Accept all cookies", "Related stories", "Most read today",
               "All rights reserved", "Leave a comment", "window.dataLayer", "Share on Facebook", "Advertisement",
               "Sign in to reply", "never stop"]
FOOT = """<aside><h3>Related stories</h3><ul><li><a href="/a">Leaders meet in Paris, officials say</a></li>
<li><a href="/b">Talks end without deal</a></li></ul><h3>Most read today</h3><ol><li><a href="/c">Minister resigns</a>
</li></ol></aside><div class="share"><a href="#">Share on Facebook</a></div>
<section id="comments"><h3>Leave a comment</h3><div class="comment"><p>"This is a disgrace," said John, a reader.
Sign in to reply</p></div></section>
<footer><p>Subscribe to our newsletter</p><p>© 2024 World News. All rights reserved.</p></footer></body></html>"""


def head(title: str, date: str, layout: int) -> str:
    meta = f'<meta property="article:published_time" content="{date}T09:30:00Z">' if layout != 2 else (
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":{json.dumps(title)},'
        f'"datePublished":"{date}"}}</script>')
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | World News'
            f'</title>{meta}<script>window.dataLayer = []; var q = "We will never stop," she said;</script>'
            '</head><body><div class="cookie">Accept all cookies <button>OK</button></div><nav><ul><li><a href="/">'
            'Home</a></li><li><a href="/world">World</a></li></ul></nav><div class="ad">Advertisement</div>')


def page(layout: int, title: str, paras: list[str], date: str) -> str:
    esc = [html.escape(p, quote=False) for p in paras]
    body = "\n".join(f"<p>{p}</p>" for p in esc)
    h1 = f"<h1>{html.escape(title)}</h1>"
    main = [
        f'<main><article>{h1}<time datetime="{date}">{date}</time>\n{body}</article></main>',
        f'<div class="col-8">{h1}<div class="byline">By Staff | {date}</div><div class="story-body">'
        + "\n".join(f"<div class='para'>{p}</div>" if i % 3 == 1 else f"<p>{p}</p>" for i, p in enumerate(esc))
        + '<div class="ad">Advertisement</div></div></div>',
        f'<div class="content">{h1}<div class="entry">{body}</div></div>',
        f'<article class="post"><header>{h1}<span class="posted-on">Posted on {date}</span></header>'
        f'<div class="entry-content">{body}<div class="ad">Advertisement</div></div></article>',
    ][layout]
    return head(title, date, layout) + main + FOOT


def extractors() -> dict:
    import trafilatura

    def traf(page: str):
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
        return (doc.text or "", doc.date) if doc else ("", None)

    found = {"trafilatura": traf}
    try:
        import lxml.html
        from readability import Document

        found["readability-lxml"] = lambda p: (lxml.html.fromstring(Document(p).summary(html_partial=True))
                                               .text_content(), None)
    except ImportError:
        print("readability-lxml not installed: skipped")
    try:
        import justext

        found["jusText"] = lambda p: ("\n".join(x.text for x in justext.justext(p.encode(), justext.get_stoplist(
            "English")) if not x.is_boilerplate), None)
    except ImportError:
        print("justext not installed: skipped")
    return found


def main() -> None:
    warnings.filterwarnings("ignore")
    if not REAL.is_dir():
        raise SystemExit(f"needs {REAL}")
    pages = []
    for i, (name, date) in enumerate(PICKS):
        title, *paras = [p.strip() for p in (REAL / f"{name}.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
        pages.append((page(i % 4, title, paras, date), paras, date))
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    for name, extract in extractors().items():
        kept = total = leaks = dates = 0
        start = time.perf_counter()
        for source, paras, date in pages:
            text, found_date = extract(source)
            flat = norm(text)
            kept += sum(norm(p) in flat for p in paras)
            total += len(paras)
            leaks += sum(b in text for b in BOILERPLATE) + ("</" in text)
            dates += (found_date or "")[:10] == date
        ms = 1000 * (time.perf_counter() - start) / len(pages)
        print(f"{name:17} paragraphs kept {kept}/{total}  boilerplate leaks {leaks}  dates {dates}/{len(pages)}  "
              f"{ms:.0f} ms/page")


if __name__ == "__main__":
    main()
