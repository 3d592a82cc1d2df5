"""HTML: a page's main text and metadata through trafilatura; fragments (feed summaries) to plain text via lxml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from storyline.ingest.errors import BadInput
from storyline.ingest.records import article_from_record, host_name
from storyline.model import Article

# htmldate keeps the time of day and zone when the page gives them (article:published_time and the like).
DATE_EXTRACTION = {"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul",
})
# trafilatura falls back to any text it finds (menus, "Sign in"); an article has at least one line of prose.
MIN_PROSE_LINE_WORDS = 8
BLANK_LINES = re.compile(r"\n\s*\n+")
SPACES = re.compile(r"\s+")


def article_from_html(page: str, origin: str, url: str | None = None,
                      fallback: Mapping[str, Any] | None = None) -> Article:
    """The page's article; ``url`` is where it was fetched from, ``fallback`` fills metadata the page lacks."""
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, date_extraction_params=DATE_EXTRACTION)
    text = document.text if document is not None else ""
    if not any(len(line.split()) >= MIN_PROSE_LINE_WORDS for line in (text or "").split("\n")):
        raise BadInput("no article text found in the page")
    fallback = fallback or {}
    url = url or document.url or fallback.get("url")
    record = {
        "title": document.title or fallback.get("title"),
        "source": _site_name(document.sitename, url) or fallback.get("source") or host_name(url),
        "url": url,
        "published": document.date or fallback.get("published"),
    }
    return article_from_record(record, origin, text=_without_title(text, document.title))


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph, list item or line break."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter(etree.Element):
        # Source line breaks inside a paragraph are just spaces; paragraph ends become newlines.
        element.text = SPACES.sub(" ", element.text) if element.text else element.text
        element.tail = SPACES.sub(" ", element.tail) if element.tail else element.tail
        if element.tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return _single_breaks(root.text_content())


def _site_name(sitename: str | None, url: str | None) -> str | None:
    """The page's own name for its site; trafilatura falls back to the URL's host, which names no outlet."""
    if not sitename or (url and sitename == urlsplit(url).netloc):
        return None
    return sitename


def _without_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is kept apart, not in the text."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and first.strip() == title.strip():
        text = rest
    return _single_breaks(text)


def _single_breaks(text: str) -> str:
    lines = (line.strip() for line in BLANK_LINES.sub("\n", text).split("\n"))
    return "\n".join(line for line in lines if line)
