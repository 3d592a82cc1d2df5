"""JSON Lines (one article a line, streamed) and JSON (one article object or a list of them)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.decode import SNIFF_BYTES, decode, looks_binary
from storyline.ingest.errors import BadInput, IngestError
from storyline.ingest.records import article_from_record
from storyline.model import Article

JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}
SKIP_CHUNK = 1 << 16


def file_lines(path: Path, max_bytes: int) -> Iterator[str | BadInput]:
    """The decoded lines of a JSON Lines file, read one at a time: the size cap applies to each line, not the file.

    A line that cannot be read is given as the BadInput saying why, so the lines after it still count.
    """
    with path.open("rb") as stream:
        if looks_binary(stream.read(SNIFF_BYTES)):
            raise BadInput("binary file")
        stream.seek(0)
        while raw := stream.readline(max_bytes + 1):
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(stream)
                yield BadInput(f"line is over the {max_bytes:,}-byte limit")
            elif not raw.strip():
                yield ""
            else:
                try:
                    yield decode(raw)
                except BadInput as error:
                    yield error


def text_lines(text: str) -> list[str]:
    # Split on "\n" only: str.splitlines would also break at U+2028, which JSON allows inside strings.
    return text.split("\n")


def read_json_lines(lines: Iterable[str | BadInput], origin: str) -> Iterator[Article | IngestError]:
    """One Article per line, reported as ``origin:LINE``; a bad line is reported and the following lines go on."""
    blank = True
    for number, line in enumerate(lines, 1):
        if isinstance(line, BadInput):
            blank = False
            yield IngestError(origin, line.message, number)
            continue
        if not line.strip():
            continue
        blank = False
        try:
            yield article_from_record(_object(json.loads(line), "line"), f"{origin}:{number}")
        except json.JSONDecodeError as error:
            yield IngestError(origin, f"line is not valid JSON: {error.msg} (column {error.colno})", number)
        except BadInput as error:
            yield IngestError(origin, error.message, number)
    if blank:
        raise BadInput("empty")


def read_json(text: str, origin: str) -> Iterator[Article | IngestError]:
    """A JSON document holding one article object or a list of them (each reported as ``origin#N``)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield IngestError(origin, f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)
        return
    if not isinstance(document, list):
        yield article_from_record(_object(document, "document"), origin)
        return
    for number, item in enumerate(document, 1):
        item_origin = f"{origin}#{number}"
        try:
            yield article_from_record(_object(item, "item"), item_origin)
        except BadInput as error:
            yield IngestError(item_origin, error.message)


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"{what} is a JSON {JSON_TYPE_NAMES[type(value)]}, not an article object")
    return value


def _skip_rest_of_line(stream: Any) -> None:
    while (chunk := stream.readline(SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass
