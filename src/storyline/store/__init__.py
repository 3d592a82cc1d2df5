"""The store: every article, its parse, what the stages found in it, and the stories. Open one here:

    from storyline.store import Store, StoreError
    with Store("storyline.db") as store:
        with store.writing():    # the store-wide write lock and one transaction under it
            ...

SQLite is the backend (:mod:`storyline.store.sqlite`, schema in :mod:`storyline.store.schema`).
"""

from storyline.store.errors import StoreBusy, StoreError
from storyline.store.sqlite import Store

__all__ = ["Store", "StoreBusy", "StoreError"]
