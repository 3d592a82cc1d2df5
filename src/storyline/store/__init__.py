"""The store: every article, its parse, what the stages found in it, and the stories. Open one here, by a file's
path (SQLite, the embedded default) or a PostgreSQL URL (``postgresql://`` or ``postgres://``, for a corpus shared
by several machines):

    from storyline.store import open_store, StoreError
    with open_store("storyline.db") as store:
        with store.writing():    # the store-wide write lock and one transaction under it
            ...

:class:`Store` (:mod:`storyline.store.base`) is what every backend implements; the rest of Storyline uses only it.
"""

from __future__ import annotations

from pathlib import Path

from storyline.store.base import Store
from storyline.store.errors import StoreBusy, StoreError

__all__ = ["Store", "StoreBusy", "StoreError", "open_store"]


def open_store(location: str | Path, wait: float | None = None) -> Store:
    """The store at ``location``: a PostgreSQL URL, or else the path of a SQLite file (created when missing).
    ``wait``: how long a writer waits for another's write lock (seconds)."""
    location = str(location)
    if location.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import PostgresStore  # psycopg is loaded only for a PostgreSQL store

        return PostgresStore(location, wait)
    from storyline.store.sqlite import SQLiteStore

    return SQLiteStore(location, wait)
