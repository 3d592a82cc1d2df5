"""Request bodies to Articles: the formats the API accepts, by media type, read by the ingest readers
(:func:`storyline.ingest.sources.read_bytes`). Bad records come back as IngestErrors, like bad files do."""

from __future__ import annotations

from email.message import Message
from http import HTTPStatus
from typing import Any

from fastapi import HTTPException

from storyline.ingest import IngestError
from storyline.ingest.sources import read_bytes
from storyline.model import Article

ORIGIN = "request"
# Plain text or Markdown is one article; JSON one article object or a list of them; JSON Lines one a line.
FORMAT_BY_MEDIA_TYPE = {
    "text/plain": "text",
    "text/markdown": "text",
    "application/json": "json",
    "application/x-ndjson": "json lines",
    "application/ndjson": "json lines",
    "application/jsonl": "json lines",
    "application/x-jsonlines": "json lines",
}


def read_body(body: bytes, content_type: str, metadata: dict[str, Any]) -> list[Article | IngestError]:
    """The articles in a request body; ``metadata`` (title, source, url, published) applies to a plain-text body."""
    header = Message()
    header["content-type"] = content_type
    # get_content_type falls back to text/plain for a missing or malformed header: only a named type counts.
    kind = FORMAT_BY_MEDIA_TYPE.get(header.get_content_type()) if content_type.strip() else None
    if kind is None:
        accepted = ", ".join(FORMAT_BY_MEDIA_TYPE)
        raise HTTPException(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"Content-Type must be one of: {accepted}")
    return list(read_bytes(body, kind, ORIGIN, charset=header.get_content_charset(), metadata=metadata))
