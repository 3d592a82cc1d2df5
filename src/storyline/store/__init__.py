"""The store: SQLite, one file."""
