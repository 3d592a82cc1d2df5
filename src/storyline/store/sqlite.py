"""The SQLite store, the embedded default: one file, WAL, a versioned schema (:mod:`storyline.store.schema`), FTS5
over articles. The write lock is ``BEGIN IMMEDIATE``: one writer at a time, readers go on (WAL)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.model import Article
from storyline.store import schema
from storyline.store.base import WRITE_WAIT_SECONDS, Store, article_from_row
from storyline.store.errors import StoreError
from storyline.store.sql import placeholders


def _busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "locked" in str(error) or "busy" in str(error))


class SQLiteStore(Store):
    SOURCES_ARRAY = "json_group_array(DISTINCT a.source)"
    QUERY_ERRORS = (sqlite3.OperationalError,)  # FTS5 reads the query as the statement runs

    def __init__(self, path: str | Path = "storyline.db", wait: float | None = None) -> None:
        self.path = str(path)
        self.wait = WRITE_WAIT_SECONDS if wait is None else wait
        deadline = time.monotonic() + self.wait
        while True:
            try:
                self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=self.wait)
                self.db.row_factory = sqlite3.Row
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                schema.migrate(self.db, self.path)
                return
            except sqlite3.OperationalError as error:
                if getattr(self, "db", None) is not None:
                    self.db.close()
                # Switching a new file to WAL can be refused at once, without waiting, while another process is
                # creating the same store: try again until the wait is over.
                if _busy(error) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                if _busy(error):
                    raise self._busy_error() from error
                raise StoreError(f"{self.path}: cannot be opened ({error})") from error
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.path}: not a Storyline database ({error})") from error

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return schema.version(self.db)

    @contextmanager
    def writing(self) -> Iterator[None]:
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise self._busy_error() from error
            raise
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        try:
            rows = self.db.execute(
                "SELECT a.*, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet FROM articles_fts"
                " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"bad search query {query!r}: {error}") from error
        return [(article_from_row(row), row["snippet"]) for row in rows]

    def _matching(self, query: str) -> tuple[str, str, str]:
        return "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid", "articles_fts MATCH ?", query

    def matching_article_ids(self, query: str, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        if not ids:
            return set()
        rows = self.db.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND a.id IN ({placeholders(ids)})", [query, *ids])
        return {row["id"] for row in rows}
