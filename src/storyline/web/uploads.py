"""Request bodies to Articles through the ingest readers: plain text or Markdown (with front matter), JSON (one
article object or a list of them) and JSON Lines. Bad records come back as IngestErrors, like bad files do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email.message import Message
from http import HTTPStatus
from typing import Any

from fastapi import HTTPException

from storyline.ingest import IngestError
from storyline.ingest.decode import decode
from storyline.ingest.errors import BadInput
from storyline.ingest.jsonl import read_json, read_json_lines, text_lines
from storyline.ingest.text import article_from_text
from storyline.model import Article

ORIGIN = "request"
FORMAT_BY_MEDIA_TYPE = {
    "text/plain": "text",
    "text/markdown": "text",
    "application/json": "json",
    "application/x-ndjson": "json lines",
    "application/ndjson": "json lines",
    "application/jsonl": "json lines",
    "application/x-jsonlines": "json lines",
}

Item = Article | IngestError


def read_body(body: bytes, content_type: str, metadata: dict[str, Any]) -> list[Item]:
    """The articles in a request body; ``metadata`` (title, source, url, published) applies to a plain-text body."""
    header = Message()
    header["content-type"] = content_type
    # get_content_type falls back to text/plain for a missing or malformed header: only a named type counts.
    kind = FORMAT_BY_MEDIA_TYPE.get(header.get_content_type()) if content_type.strip() else None
    if kind is None:
        accepted = ", ".join(FORMAT_BY_MEDIA_TYPE)
        raise HTTPException(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"Content-Type must be one of: {accepted}")
    charset = header.get_content_charset()
    if kind == "text":
        return list(_guarded(lambda: iter([article_from_text(decode(body, charset), ORIGIN, metadata)])))
    if kind == "json lines":
        return list(_guarded(lambda: read_json_lines(text_lines(decode(body, charset)), ORIGIN)))
    return list(_guarded(lambda: read_json(decode(body, charset), ORIGIN)))


def _guarded(produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    try:
        yield from produce()
    except BadInput as error:
        yield IngestError(ORIGIN, error.message, error.line)

