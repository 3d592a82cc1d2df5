"""Paragraphs of an article's text: in news text a single line break ends a paragraph."""

from __future__ import annotations

import re

LINE = re.compile(r"[^\n]+")


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line that is not blank."""
    return [(m.start(), m.end()) for m in LINE.finditer(text) if m.group().strip()]


# What may open a sentence of the parse without being part of what it says: space, and a dateline's dash
# ("GENOA — A fire destroyed …" parses as "GENOA" and "— A fire destroyed …").
DATELINE_DASHES = " \t\n—–-"


def statement_start(text: str, start: int, end: int) -> int:
    """Where the words of the sentence at ``start`` begin, past a dateline's dash."""
    while start < end and text[start] in DATELINE_DASHES:
        start += 1
    return start
