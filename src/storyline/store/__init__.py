"""The store: every article, its parse, what the stages found in it, and the stories. Open one here:

    from storyline.store import Store, StoreError
    with Store("storyline.db") as store:
        ...

SQLite is the backend (:mod:`storyline.store.sqlite`, schema in :mod:`storyline.store.schema`).
"""

from storyline.store.errors import StoreError
from storyline.store.sqlite import Store

__all__ = ["Store", "StoreError"]
