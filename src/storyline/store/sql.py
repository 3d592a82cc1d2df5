"""What the store's SQL shares between its modules and backends."""

from __future__ import annotations

from collections.abc import Sized


def placeholders(values: Sized) -> str:
    """The ``?, ?, …`` of an ``IN (…)`` list of ``values``; for none, ``NULL``, which matches nothing (an empty
    ``IN ()`` is SQLite's only: PostgreSQL refuses it)."""
    return ",".join("?" * len(values)) or "NULL"
