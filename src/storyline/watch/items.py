"""What a polled source holds: its items, each with a key that stays the same while the item is listed and a
version that changes when the item does, read by the ingest readers (feeds through feedparser, pages through
trafilatura, JSON and JSON Lines as ``ingest`` reads them)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from storyline.ingest import feed
from storyline.ingest.errors import IngestError
from storyline.ingest.fetch import Download
from storyline.ingest.sources import decoded, download_format, read_text
from storyline.model import Article


@dataclass(frozen=True)
class Item:
    """One item of a source: an article ready to store, or a link to fetch it from (a feed watched with
    ``--fetch``), or why the item gives no article."""

    key: str
    version: str
    origin: str
    article: Article | None = None
    link: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None


@dataclass(frozen=True)
class Contents:
    title: str | None
    items: list[Item]
    # Records of a JSON source that could not be read: reported, not retried (the source would have to change).
    errors: list[IngestError]


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:16]


def contents(download: Download, url: str, *, fetch: bool) -> Contents:
    """The items of a downloaded feed or page. Raises BadInput when it is neither a readable feed nor a page with
    an article."""
    text = decoded(download)
    kind = download_format(download, text)
    if kind == "feed":
        return _feed_contents(feed.parse_feed(text, allow_empty=True), url, fetch)
    items, errors = [], []
    for found in read_text(kind, text, url, url=url):
        if isinstance(found, IngestError):
            errors.append(found)
        else:
            # A page is one item whatever its text becomes; each record of a JSON source is one by its URL or id.
            key = url if kind == "html" else found.url or found.id
            items.append(Item(key, found.id, found.origin, article=found))
    return Contents(items[0].article.title if kind == "html" and items else None, _unique(items), errors)


def _feed_contents(parsed: Any, url: str, fetch: bool) -> Contents:
    items = []
    for number, entry in enumerate(parsed.entries, 1):
        origin = f"{url}#{number}"
        metadata = feed.entry_metadata(parsed, entry)
        # Read as plain dict keys: feedparser's own lookup of a missing "updated" warns and answers "published".
        changed = dict.get(entry, "updated") or dict.get(entry, "published")
        if fetch:
            link = metadata["url"]
            key = entry.get("id") or link or _digest(metadata["title"], feed.entry_text(entry))
            version = _digest(changed, metadata["title"], link)
            items.append(Item(key, version, origin, link=link, metadata=metadata,
                              problem=None if link else "feed entry has no link to fetch"))
            continue
        made = feed.entry_article(parsed, entry, origin)
        text = feed.entry_text(entry)
        key = entry.get("id") or metadata["url"] or _digest(metadata["title"], text)
        version = _digest(changed, metadata["title"], metadata["url"], text)
        if isinstance(made, IngestError):
            items.append(Item(key, version, origin, problem=made.message))
        else:
            items.append(Item(key, version, origin, article=made))
    return Contents(parsed.feed.get("title") or None, _unique(items), [])


def _unique(items: list[Item]) -> list[Item]:
    """The first item of each key: a feed that lists one id twice has one item."""
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.key, item)
    return list(seen.values())
