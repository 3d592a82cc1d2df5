"""Ingestion: every input format (text, Markdown, JSON Lines, JSON, HTML, RSS/Atom, URLs) to Articles.

``read`` yields an Article per good input and an IngestError per bad one, and never raises for bad input.
It neither stores nor parses: deduplication and revisions are the store's job.
"""

from storyline.ingest.decode import MAX_BYTES
from storyline.ingest.errors import IngestError
from storyline.ingest.sources import read

__all__ = ["MAX_BYTES", "IngestError", "read"]
