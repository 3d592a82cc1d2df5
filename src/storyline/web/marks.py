"""Article text cut at span offsets into pieces, each knowing which marks cover it.

The templates escape every piece and wrap the marked ones in ``<mark>``: text is never turned into HTML by string
joining, so nothing in an article can become markup. Overlapping marks are fine: a piece carries all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    css_class: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def css_class(self) -> str:
        return " ".join(dict.fromkeys(mark.css_class for mark in self.marks))

    @property
    def note(self) -> str:
        return " · ".join(dict.fromkeys(mark.note for mark in self.marks if mark.note))


# A snippet is not an article's text, so a hit's mark needs no offsets.
SEARCH_HIT = (Mark(0, 0, "hit"),)


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut wherever a mark starts or ends; consecutive pieces under the same marks are joined.

    Marks are trimmed of the white space at their ends, which would otherwise show as a marked line break.
    """
    marks = [trimmed for mark in marks if 0 <= mark.start < mark.end <= len(text)
             if (trimmed := _trimmed(mark, text)).start < trimmed.end]
    cuts = sorted({0, len(text), *(mark.start for mark in marks), *(mark.end for mark in marks)})
    result: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(mark for mark in marks if mark.start <= start and end <= mark.end)
        if result and result[-1].marks == covering:
            result[-1] = Piece(result[-1].text + text[start:end], covering)
        else:
            result.append(Piece(text[start:end], covering))
    return result


def _trimmed(mark: Mark, text: str) -> Mark:
    start, end = mark.start, mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mark(start, end, mark.css_class, mark.note)


def snippet_pieces(snippet: str, opening: str = "[", closing: str = "]") -> list[Piece]:
    """A search snippet whose hits sit between ``opening`` and ``closing`` as pieces, hits marked.

    A bracket the article itself contains cannot be told from a hit marker; pairing them strictly keeps the
    marks balanced whatever the text holds.
    """
    result: list[Piece] = []
    inside, current = False, []
    for character in snippet:
        if character == (closing if inside else opening):
            if current:
                result.append(Piece("".join(current), SEARCH_HIT if inside else ()))
            inside, current = not inside, []
        else:
            current.append(character)
    if current:
        result.append(Piece("".join(current), SEARCH_HIT if inside else ()))
    return result
