"""Metadata fields (from JSON, front matter, sidecars, feeds, pages) to an Article, under their common aliases."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import dateparser

from storyline.ingest.decode import repair
from storyline.ingest.errors import BadInput
from storyline.model import Article, with_headline

TEXT_FIELDS = ("text", "body")
# The longest written date is well under this; a longer value is no date, and dateparser is slow on long text.
MAX_DATE_CHARS = 100
# JSON may spell half a UTF-16 pair ("\ud800"), which is no character: no database or page can hold it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SOURCE_FIELDS = ("source", "outlet", "site")
PUBLISHED_FIELDS = ("published", "date", "published_at")
# Absolute dates only: a relative "yesterday" would be resolved against today, not against the article.
DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
}


def article_from_record(record: Mapping[str, Any], origin: str, text: str | None = None) -> Article:
    """An Article from a record's fields; ``text`` overrides the record's own text or body."""
    body = text if text is not None else first_field(record, TEXT_FIELDS)
    if not isinstance(body, str) or not body.strip():
        raise BadInput("no article text (expected a non-empty 'text' or 'body')")
    url = optional_string(record, "url")
    for name, value in (("text", body), *((key, value) for key, value in record.items() if isinstance(value, str))):
        if LONE_SURROGATE.search(value):
            raise BadInput(f"'{name}' holds half a UTF-16 surrogate pair, which is not text")
    title = _title(record)
    return Article(
        text=with_headline(title, repair(body)),
        title=title,
        source=optional_string(record, *SOURCE_FIELDS) or "",
        url=url,
        published=parse_published(first_field(record, PUBLISHED_FIELDS)),
        language=_language(record),
        origin=origin,
    )


def first_field(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[name] for name in names if record.get(name) not in (None, "")), None)


def optional_string(record: Mapping[str, Any], *names: str) -> str | None:
    value = first_field(record, names)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"'{names[0]}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def parse_published(value: Any) -> datetime | None:
    """A timezone-aware publication time from ISO 8601, RFC 2822, a Unix timestamp or a written date.

    A time without a zone is taken as UTC.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadInput(f"published date not understood: {value!r}")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc)
        except (OverflowError, ValueError, OSError):
            raise BadInput(f"published timestamp out of range: {value!r}") from None
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if not isinstance(value, str) or len(value) > MAX_DATE_CHARS:
        raise BadInput(f"published date not understood: {value!r:.80}")
    parsed = _parse_date_string(value.strip())
    if parsed is None:
        raise BadInput(f"published date not understood: {value!r}")
    return _aware(parsed)


def host_name(url: str | None) -> str:
    """The site's host without "www.", the best name for an outlet that does not give one."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _title(record: Mapping[str, Any]) -> str | None:
    title = optional_string(record, "title", "headline")
    return " ".join(repair(title).split()) if title else None


def _language(record: Mapping[str, Any]) -> str:
    """The primary language subtag, lower case: "en-GB" is "en"."""
    language = optional_string(record, "language", "lang") or "en"
    return language.split("-")[0].split("_")[0].lower()


def _parse_date_string(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return dateparser.parse(value, settings=DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, OSError):  # a year or timestamp out of range: no date
        return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
