"""JSON Lines (one article a line, streamed) and JSON (one article object or a list of them)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.decode import SNIFF_BYTES, decode, looks_binary, open_regular
from storyline.ingest.errors import BadInput, IngestError
from storyline.ingest.records import article_from_record
from storyline.model import Article

JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}
SKIP_CHUNK = 1 << 16


def file_lines(path: Path, max_bytes: int) -> Iterator[str | BadInput]:
    """The decoded lines of a JSON Lines file, read one at a time: the size cap applies to each line, not the file.

    A line that cannot be read is given as the BadInput saying why, so the lines after it still count.
    """
    with open_regular(path) as stream:
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
            yield article_from_record(_object(loads(line, "line"), "line"), f"{origin}:{number}")
        except BadInput as error:
            yield IngestError(origin, error.message, number)
        except Exception as error:  # noqa: BLE001 - whatever one line does, the lines after it still count
            yield IngestError(origin, f"line could not be read: {type(error).__name__}: {error}", number)
    if blank:
        raise BadInput("empty")


def read_json(text: str, origin: str) -> Iterator[Article | IngestError]:
    """A JSON document holding one article object or a list of them (each reported as ``origin#N``)."""
    try:
        document = loads(text, "document")
    except BadInput as error:
        yield IngestError(origin, error.message, error.line)
        return
    if not isinstance(document, list):
        yield article_from_record(_object(document, "document"), origin)
        return
    if not document:
        yield IngestError(origin, "an empty JSON array: no article in it")
    for number, item in enumerate(document, 1):
        item_origin = f"{origin}#{number}"
        try:
            yield article_from_record(_object(item, "item"), item_origin)
        except BadInput as error:
            yield IngestError(item_origin, error.message)
        except Exception as error:  # noqa: BLE001 - one odd item must not cost the items after it
            yield IngestError(item_origin, f"could not be read: {type(error).__name__}: {error}")


def loads(text: str, what: str) -> Any:
    """The JSON value of ``text``; BadInput saying why not, for every way it can fail."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        line = error.lineno if what == "document" else None
        raise BadInput(f"{what} is not valid JSON: {error.msg} (column {error.colno})", line) from None
    except RecursionError:
        raise BadInput(f"{what} is JSON nested too deeply to read") from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise BadInput(f"{what} is not valid JSON: {error}") from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"{what} is a JSON {JSON_TYPE_NAMES[type(value)]}, not an article object")
    return value


def _skip_rest_of_line(stream: Any) -> None:
    while (chunk := stream.readline(SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass
