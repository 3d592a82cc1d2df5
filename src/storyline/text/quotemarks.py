"""Pairing quotation marks: where each quotation of a text starts and ends, its marks included.

News writes quotations with curly marks (“ ”, ‘ ’), straight ones (" and '), typewriter pairs (``, '') and
guillemets (« »), loses a closing mark now and then, runs a quotation over several paragraphs, and uses the
single closing mark as an apostrophe ("don’t", "voters’"); :func:`quoted_spans` pairs them all the same way for
every stage that reads quotations (attributions, and the words of a quote matched across outlets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
DASHES = "—–-"
DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
# A single-quoted stretch: opened at a word's start, closed at a word's end, on one line and not too long to be a
# quotation rather than two apostrophes.
_SINGLE_QUOTED = re.compile(r"(?<![\w’'])[‘'](?=\w)([^\n]{1,300}?)(?<=[\w.,!?])[’'](?![\w’'])")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation, marks included.

    Double marks (curly, straight, ``''``) pair within a paragraph; a paragraph that ends inside a quotation
    continues it when the quotation opened a sentence and the next paragraph opens with a mark (the
    multi-paragraph convention), and otherwise the unclosed mark is dropped. Single marks are quotations only
    outside double ones and when they sit at word edges, so apostrophes ("don’t", "voters’") never open or close
    one. Marks inside markup tags (``<tweet author="…">``) quote nobody.
    """
    text = _MARKUP_TAG.sub(lambda tag: " " * len(tag.group()), text)
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    for index, (start, end) in enumerate(paragraphs):
        carried = open_at is not None
        for position, length, opening in _double_marks(text, start, end):
            if carried:
                carried = False
                if opening and not text[start:position].strip():
                    continue  # the mark that reopens a quotation carried over from the paragraph before
            if opening:
                open_at = position
            elif open_at is not None:
                spans.append((open_at, position + length))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            # Only a quotation that opens a sentence runs on; one opened mid-sentence lost its closing mark.
            opens_sentence = re.search(r"(^|[.!?:,;—–-])\s*$", text[start:open_at]) is not None
            if following is None or not opens_sentence or not _opens_with_mark(text, *following):
                open_at = None
    spans.extend(_single_quoted(text, spans))
    return sorted(spans)


def opens_with_double_mark(text: str, position: int) -> bool:
    """Whether a double quotation mark stands at ``position`` (a quotation of its own, not a single-quoted line)."""
    return DOUBLE_MARK.match(text, position) is not None


def _double_marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Double quote marks in ``text[start:end]`` as ``(position, length, opening)``; straight ones by neighbours."""
    inside = False
    for match in DOUBLE_MARK.finditer(text, start, end):
        mark = match.group()
        before = text[match.start() - 1] if match.start() > start else " "
        after = text[match.end()] if match.end() < end else " "
        if mark in OPENING_DOUBLE or mark == "``":
            opening = True
        elif mark in CLOSING_DOUBLE:
            opening = False
        elif before.isspace() or before in "([{" + DASHES:
            opening = True
        elif after.isspace() or not after.isalnum():
            opening = False
        else:
            opening = not inside
        inside = opening
        yield match.start(), len(mark), opening


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return stripped[:1] in OPENING_DOUBLE + '"' or stripped.startswith(("''", "``"))


def _single_quoted(text: str, double_spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    # Double quotations come in text order and never overlap: only the last to start at or before a position
    # can hold it.
    starts = [start for start, _ in double_spans]

    def inside_double(position: int) -> bool:
        at = bisect_right(starts, position) - 1
        return at >= 0 and position < double_spans[at][1]

    for match in _SINGLE_QUOTED.finditer(text):
        if not inside_double(match.start()):
            yield match.start(), match.end()
