"""The feeds a watcher is given: URLs, and the subscription lists (OPML) feed readers export, read by listparser."""

from __future__ import annotations

from pathlib import Path

import listparser

from storyline.ingest.decode import MAX_BYTES, read_capped
from storyline.ingest.errors import BadInput

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def opml_feeds(path: str | Path) -> list[str]:
    """The http(s) feed URLs of an OPML file, in its order. Raises BadInput naming what is wrong."""
    # Bytes, never a string: listparser would fetch a string that looks like a URL.
    found = listparser.parse(read_capped(Path(path), MAX_BYTES))
    urls = [feed.url for feed in found.feeds if feed.get("url", "").startswith(("http://", "https://"))]
    if not urls:
        reason = f": {found.bozo_exception}" if found.bozo else ""
        raise BadInput(f"no feed URLs in this subscription list{reason}")
    return list(dict.fromkeys(urls))


def duration(text: str) -> float:
    """Seconds in a duration written as a number of seconds or with a unit: "90", "30s", "10m", "1h", "1d"."""
    value = text.strip().lower()
    unit = UNITS.get(value[-1:]) if value[-1:].isalpha() else 1
    number = value[:-1] if value[-1:].isalpha() else value
    try:
        seconds = float(number) * unit if unit else -1.0
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise ValueError(f"not a duration: {text!r} (write 90, 30s, 10m, 1h or 1d)")
    return seconds
