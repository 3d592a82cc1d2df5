"""The errors every store raises: the database cannot be opened, is not Storyline's, or cannot be used; or it
stayed busy with another writer for longer than the store waits."""


class StoreError(Exception):
    pass


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than this one waits; nothing was written."""
