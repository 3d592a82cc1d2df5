"""The one error every store raises: the database cannot be opened, is not Storyline's, or cannot be used."""


class StoreError(Exception):
    pass
