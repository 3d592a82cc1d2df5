"""The store's records of watched feeds: each feed's validators, health and schedule, and the items seen in it.

A mixin of :class:`storyline.store.Store` (it writes through the store's one connection, inside the transaction its
caller opened). Times are ISO 8601 strings in UTC, as everywhere in the store, so they compare as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.store.sql import placeholders

# The columns a poll may set, besides the counters it adds to.
POLL_FIELDS = frozenset({"title", "etag", "last_modified", "last_polled_at", "last_success_at", "last_status",
                         "last_error", "failures", "next_poll_at"})


@dataclass(frozen=True, slots=True)
class FeedState:
    """A watched feed (or page) as the store keeps it between polls."""

    url: str
    title: str | None
    added_at: str
    etag: str | None
    last_modified: str | None
    last_polled_at: str | None
    last_success_at: str | None
    last_status: str | None
    last_error: str | None
    failures: int
    next_poll_at: str
    requests: int
    articles_added: int
    # Items seen whose article could not be stored yet (their link failed): the next poll asks for the whole
    # feed again, not only what changed, so that they are retried.
    retrying: int = 0

    def to_json(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in self.__slots__}


@dataclass(frozen=True, slots=True)
class ItemState:
    """An item seen in a feed: the version last handled, the article it gave, and how its attempts went."""

    version: str
    article_id: str | None
    attempts: int
    error: str | None
    done: bool


class FeedRecords:
    db: Any

    def add_feed(self, url: str, now: str, title: str | None = None) -> bool:
        """Start watching a feed, due at once; False when it was watched already (its state is kept)."""
        cursor = self.db.execute("INSERT INTO feeds (url, title, added_at, next_poll_at) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT(url) DO NOTHING", (url, title, now, now))
        return cursor.rowcount > 0

    def remove_feed(self, url: str) -> bool:
        """Stop watching a feed and forget its items; the articles it brought stay."""
        self.db.execute("DELETE FROM feed_items WHERE feed_url = ?", (url,))
        return self.db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feeds(self, urls: Iterable[str] | None = None) -> list[FeedState]:
        """The watched feeds (all, or those of ``urls``), soonest due first."""
        sql = ("SELECT f.*, (SELECT count(*) FROM feed_items i WHERE i.feed_url = f.url AND i.done_at IS NULL)"
               " AS retrying FROM feeds f")
        params: list[str] = []
        if urls is not None:
            params = list(urls)
            sql += f" WHERE f.url IN ({placeholders(params)})"
        rows = self.db.execute(sql + " ORDER BY f.next_poll_at, f.url", params).fetchall()
        return [FeedState(**{key: row[key] for key in row.keys()}) for row in rows]

    def record_poll(self, url: str, *, add_requests: int = 0, add_articles: int = 0, **fields: Any) -> None:
        """What one poll of a feed found: the columns of POLL_FIELDS it sets, and the requests it made and
        articles it stored added to the feed's counts."""
        unknown = set(fields) - POLL_FIELDS
        if unknown:
            raise ValueError(f"not a feed field: {', '.join(sorted(unknown))}")
        assignments = [f"{name} = ?" for name in fields] + ["requests = requests + ?",
                                                            "articles_added = articles_added + ?"]
        self.db.execute(f"UPDATE feeds SET {', '.join(assignments)} WHERE url = ?",
                        [*fields.values(), add_requests, add_articles, url])

    def feed_items(self, url: str, keys: Iterable[str]) -> dict[str, ItemState]:
        """The stored state of the given items of a feed (those never seen are absent)."""
        key_list = list(keys)
        found: dict[str, ItemState] = {}
        # Bounded batches: databases limit the parameters of one statement.
        for start in range(0, len(key_list), 500):
            chunk = key_list[start:start + 500]
            rows = self.db.execute(
                "SELECT item_key, version, article_id, attempts, error, done_at FROM feed_items"
                f" WHERE feed_url = ? AND item_key IN ({placeholders(chunk)})", [url, *chunk])
            found.update({row["item_key"]: ItemState(row["version"], row["article_id"], row["attempts"],
                                                     row["error"], row["done_at"] is not None) for row in rows})
        return found

    def record_item(self, url: str, key: str, version: str, now: str, *, article_id: str | None = None,
                    attempts: int = 0, error: str | None = None, done: bool) -> None:
        """An item handled (``done``: its article and story are stored, or it was given up on) or to retry."""
        self.db.execute(
            "INSERT INTO feed_items (feed_url, item_key, version, article_id, attempts, error, first_seen, done_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(feed_url, item_key) DO UPDATE SET"
            " version = excluded.version, article_id = excluded.article_id, attempts = excluded.attempts,"
            " error = excluded.error, done_at = excluded.done_at",
            (url, key, version, article_id, attempts, error, now, now if done else None))

    def forget_items(self, url: str, listed: Iterable[str], seen_before: str) -> int:
        """Forget the items a feed no longer lists that were first seen before ``seen_before``; returns how many.
        A feed lists only its latest items, so without this its rows would grow for as long as it is watched."""
        keep = list(listed)
        sql = "DELETE FROM feed_items WHERE feed_url = ? AND first_seen < ?"
        if keep:
            sql += f" AND item_key NOT IN ({placeholders(keep)})"
        return self.db.execute(sql, [url, seen_before, *keep]).rowcount
