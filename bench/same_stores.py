"""Whether two SQLite stores hold the same things, table by table: for checking that a change meant only to make an
ingest cheaper leaves what it stores as it was.

    python bench/same_stores.py FIRST.db SECOND.db

Every row of every table is compared, in any order, but for the moments rows were written (the columns ending in
``_at``, and a story's ``first_stored`` and ``last_stored``); blobs (parses, story vectors) are compared by their
SHA-256. The full-text index's shadow tables are left out (its articles are compared). Prints each table
and its rows, and two rows of each side for a table that differs; exits with 1 when one does.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from typing import Any

WRITTEN_AT = ("first_stored", "last_stored")


def rows_of(path: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows (columns but the moments they were written), sorted."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '%fts_%' ORDER BY name")]
        found = {}
        for table in tables:
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")
                       if not row[1].endswith("_at") and row[1] not in WRITTEN_AT]
            quoted = ", ".join(f'"{column}"' for column in columns)
            found[table] = sorted((tuple(hashlib.sha256(value).hexdigest() if isinstance(value, bytes) else value
                                         for value in row) for row in db.execute(f"SELECT {quoted} FROM {table}")),
                                  key=repr)
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first")
    parser.add_argument("second")
    args = parser.parse_args()
    first, second = rows_of(args.first), rows_of(args.second)
    differ = False
    for table in sorted(set(first) | set(second)):
        mine, theirs = first.get(table, []), second.get(table, [])
        if mine == theirs:
            print(f"same     {table}: {len(mine)} rows")
            continue
        differ = True
        only_first, only_second = set(mine) - set(theirs), set(theirs) - set(mine)
        print(f"DIFFERS  {table}: {len(mine)} and {len(theirs)} rows, {len(only_first)} only in the first,"
              f" {len(only_second)} only in the second")
        for side, rows in (("first", only_first), ("second", only_second)):
            for row in sorted(rows, key=repr)[:2]:
                print(f"    {side}: {repr(row)[:300]}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
