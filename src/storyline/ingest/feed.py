"""RSS and Atom through feedparser: entries as articles from their own content, or as links to fetch."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import feedparser

from storyline.ingest.errors import BadInput, IngestError
from storyline.ingest.html import fragment_to_text
from storyline.ingest.records import article_from_record
from storyline.model import Article

# The text is already decoded (and repaired); this tells feedparser so it ignores a stale XML declaration.
DECODED_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def parse_feed(text: str, *, allow_empty: bool = False) -> feedparser.FeedParserDict:
    """The feed in ``text``; BadInput when it has no entries (unless ``allow_empty``: a watched feed may be empty
    for a while) or when it is not well-formed and feedparser could recover none."""
    # A stream, never a string: feedparser would fetch a string that looks like a URL or open one naming a file.
    feed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=DECODED_HEADERS)
    if not feed.entries and (feed.bozo or not allow_empty):
        reason = f": {feed.bozo_exception}" if feed.bozo else ""
        raise BadInput(f"not a feed or a feed with no entries{reason}")
    return feed


def entry_metadata(feed: feedparser.FeedParserDict, entry: feedparser.FeedParserDict) -> dict[str, Any]:
    """The fields an entry gives about its article, in the names ``article_from_record`` reads."""
    return {
        "title": _plain(entry.get("title_detail")) or None,
        "source": feed.feed.get("title", ""),
        "url": entry.get("link"),
        "published": _published(entry),
        "language": feed.feed.get("language"),
    }


def entry_articles(feed: feedparser.FeedParserDict, origin: str) -> Iterator[Article | IngestError]:
    """Each entry as an Article from its content or summary, reported as ``origin#N``."""
    for number, entry in enumerate(feed.entries, 1):
        yield entry_article(feed, entry, f"{origin}#{number}")


def entry_article(feed: feedparser.FeedParserDict, entry: feedparser.FeedParserDict,
                  origin: str) -> Article | IngestError:
    """One entry as an Article from its content or summary."""
    text = entry_text(entry)
    if not text:
        return IngestError(origin, "feed entry has no content or summary")
    try:
        return article_from_record(entry_metadata(feed, entry), origin, text=text)
    except BadInput as error:
        return IngestError(origin, error.message)


def entry_text(entry: feedparser.FeedParserDict) -> str:
    """The entry's full content when it has one, else its summary, as plain text."""
    texts = (_plain(detail) for detail in [*entry.get("content", []), entry.get("summary_detail")])
    return next((text for text in texts if text.strip()), "")


def _plain(detail: feedparser.FeedParserDict | None) -> str:
    if not detail:
        return ""
    value = detail.get("value", "")
    return fragment_to_text(value) if "html" in detail.get("type", "text/html") else value.strip()


def _published(entry: feedparser.FeedParserDict) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*moment[:6], tzinfo=timezone.utc) if moment else None

