"""The PostgreSQL store, for a corpus that several machines write and read: ``--db postgresql://user@host/db``.

Connections come from one pool per database and process (psycopg-pool), so the server's requests and a watcher's
polls reuse them; a store holds one while it is open. Reads run outside transactions (autocommit);
:meth:`PostgresStore.writing` opens one and takes the store-wide write lock in it: a transaction-scoped advisory
lock, so writers on every machine serialise story assignment as SQLite's ``BEGIN IMMEDIATE`` does on one. Under
READ COMMITTED each statement after the lock sees everything the writer before committed. A writer waits for the
lock up to ``wait`` seconds (``lock_timeout``), then gives up with :class:`StoreBusy`.

The schema and its migrations are in :mod:`storyline.store.postgres_schema`; full-text search reads the README's
query syntax through :mod:`storyline.store.tsquery`.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool, PoolTimeout

from storyline.model import Article
from storyline.store import postgres_schema
from storyline.store.base import WRITE_WAIT_SECONDS, Store, article_from_row
from storyline.store.errors import StoreError
from storyline.store.tsquery import to_tsquery

# The advisory lock every writer takes (the migrations take their own, postgres_schema.MIGRATION_LOCK).
WRITE_LOCK = 0x5704_0002
# Connections a process keeps to one database: a command line uses one; the server a few, for its threads.
POOL_SIZE = 8
CONNECT_SECONDS = 15.0
# ts_headline's options for a snippet like FTS5's: one fragment of about a dozen words, matches in [brackets].
SNIPPET = 'StartSel="[", StopSel="]", MaxWords=12, MinWords=5, ShortWord=0, MaxFragments=1, FragmentDelimiter="…"'

_pools: dict[tuple[int, str], ConnectionPool] = {}
_pools_lock = threading.Lock()


def shown(url: str) -> str:
    """The URL as messages show it: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=netloc[0].split(":", 1)[0] + ":***@" + netloc[1]))


@lru_cache(maxsize=512)
def _in_psycopg_style(sql: str) -> str:
    """The store's shared SQL (``?`` placeholders, see :mod:`storyline.store.base`) in psycopg's (``%s``, a
    literal % doubled). None of the store's statements has a ? inside a string."""
    return re.sub(r"\?", "%s", sql.replace("%", "%%"))


class _Row(tuple):
    """A row read by position or by column name, with ``keys()``, as SQLite's rows are."""

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> "_Row":
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self._index)


def _rows(cursor: psycopg.Cursor) -> Any:
    index = {column.name: number for number, column in enumerate(cursor.description or [])}
    return lambda values: _Row(values, index)


class _Connection:
    """A pooled psycopg connection that takes the store's shared SQL."""

    def __init__(self, connection: psycopg.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor:
        if not params:  # psycopg reads no placeholders, nor doubled percents, in a statement without parameters
            return self.connection.execute(sql)
        return self.connection.execute(_in_psycopg_style(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        cursor = self.connection.cursor()
        rows = [list(row) for row in rows]
        if rows:
            cursor.executemany(_in_psycopg_style(sql), rows)
        return cursor

    @property
    def in_transaction(self) -> bool:
        return self.connection.info.transaction_status != TransactionStatus.IDLE


def _configure(connection: psycopg.Connection) -> None:
    connection.autocommit = True
    connection.row_factory = _rows


def _pool(url: str) -> ConnectionPool:
    """This process's pool for the database (a new one after a fork: a pool's connections are not shared)."""
    key = (os.getpid(), url)
    with _pools_lock:
        if key not in _pools:
            # A first connection made directly: its error says what is wrong (refused, no such database,
            # password), where the pool would only time out.
            psycopg.connect(url, connect_timeout=int(CONNECT_SECONDS)).close()
            # Each connection is checked as it is handed out: one the server dropped (a restart, a failover) is
            # replaced instead of failing the command that gets it.
            pool = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, configure=_configure, open=False,
                                  check=ConnectionPool.check_connection, name="storyline",
                                  kwargs={"connect_timeout": int(CONNECT_SECONDS)})
            pool.open(wait=True, timeout=CONNECT_SECONDS)
            _pools[key] = pool
        return _pools[key]


def close_pool(url: str) -> None:
    """Close this process's connections to the database, for a process done with it (one that drops it)."""
    with _pools_lock:
        pool = _pools.pop((os.getpid(), url), None)
    if pool is not None:
        pool.close()


class PostgresStore(Store):
    SOURCES_ARRAY = "coalesce(json_agg(DISTINCT a.source)::text, '[]')"

    def __init__(self, url: str, wait: float | None = None) -> None:
        self.url = url
        self.path = shown(url)
        self.wait = WRITE_WAIT_SECONDS if wait is None else wait
        self._connection: psycopg.Connection | None = None
        try:
            pool = _pool(url)
            connection = pool.getconn(timeout=self.wait)
        except (psycopg.Error, PoolTimeout) as error:
            raise StoreError(f"{self.path}: cannot be opened ({str(error).strip()})") from error
        self._pool, self._connection = pool, connection
        self.db = _Connection(connection)
        try:
            postgres_schema.migrate(connection, self.path)
        except BaseException as error:
            self.close()
            if isinstance(error, psycopg.Error):
                raise StoreError(f"{self.path}: not a Storyline database ({str(error).strip()})") from error
            raise

    def close(self) -> None:
        if self._connection is not None:
            self._pool.putconn(self._connection)
            self._connection = None

    @property
    def schema_version(self) -> int:
        return postgres_schema.version(self._connection)

    @contextmanager
    def writing(self) -> Iterator[None]:
        if self.db.in_transaction:
            yield
            return
        with self._connection.transaction():
            try:
                self._connection.execute(f"SET LOCAL lock_timeout = '{int(self.wait * 1000)}ms'")
                self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                self._connection.execute("SET LOCAL lock_timeout = DEFAULT")
            except errors.LockNotAvailable as error:
                raise self._busy_error() from error
            yield

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        rows = self.db.execute(
            "SELECT a.*, ts_headline('storyline_words', a.text, q, ?) AS snippet"
            " FROM articles a, to_tsquery('storyline_words', ?) q WHERE a.search @@ q"
            " ORDER BY ts_rank(a.search, q) DESC, a.rowid LIMIT ?", (SNIPPET, to_tsquery(query), limit)).fetchall()
        return [(article_from_row(row), row["snippet"]) for row in rows]

    def _matching(self, query: str) -> tuple[str, str, str]:
        return "articles a", "a.search @@ to_tsquery('storyline_words', ?)", to_tsquery(query)

    def matching_article_ids(self, query: str, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        if not ids:
            return set()
        rows = self.db.execute(
            "SELECT id FROM articles WHERE search @@ to_tsquery('storyline_words', ?) AND id = ANY(?)",
            (to_tsquery(query), ids))
        return {row["id"] for row in rows}
