"""Paragraphs of an article's text: in news text a single line break ends a paragraph."""

from __future__ import annotations

import re

LINE = re.compile(r"[^\n]+")


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line that is not blank."""
    return [(m.start(), m.end()) for m in LINE.finditer(text) if m.group().strip()]
