"""Times of day as news writes them, read off the text: "8.49pm", "3:10 p.m.", "3 p. m.", "20:49 GMT", "2045 GMT".

    clock_times("The fire broke out at 8.49pm on Friday.")   # [ClockTime(start=30, end=36, minutes=1249, ...)]

The parse often takes such times for cardinals or names ("8.40pm" as an organisation), and a text whose punctuation
was spaced out ("3: 10 p. m.") for several numbers, so they are read from the characters. A time written with the
24-hour clock is read only with its time zone ("20:49 GMT"): "20:49" alone may be a score or a ratio. The zone, as
written, is part of what the time means: "20:45 GMT" and "8.45pm" are compared only where both name none or the
same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Time-zone abbreviations of English-language news (UK, US, central Europe), and "local time".
ZONES = r"GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|local time"
CLOCK = re.compile(
    rf"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.] ?(?P<minute>[0-5]\d))? ?(?P<meridiem>[ap])(?:\. ?m\.|m\b)"
    rf"(?: (?P<zone>{ZONES})\b)?"
    rf"|\b(?P<hour24>[01]\d|2[0-3]):?(?P<minute24>[0-5]\d) ?(?:hours? |hrs )?(?P<zone24>{ZONES})\b")


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A time of day at characters ``[start, end)`` of a text: ``minutes`` after midnight, ``to_the_hour`` when
    no minute is written ("3 p.m."), ``zone`` as written ("GMT"; "" for none)."""

    start: int
    end: int
    minutes: int
    to_the_hour: bool
    zone: str

    @property
    def hhmm(self) -> int:
        """The time as a reader writes it on the 24-hour clock, as a number: 2049 for 8.49pm."""
        return self.minutes // 60 * 100 + self.minutes % 60


def clock_times(text: str) -> list[ClockTime]:
    """The times of day the text writes, in order."""
    found = []
    for match in CLOCK.finditer(text):
        if match["hour24"]:
            hour, minute, zone = int(match["hour24"]), int(match["minute24"]), match["zone24"]
        else:
            hour, minute, zone = int(match["hour"]) % 12, int(match["minute"] or 0), match["zone"] or ""
            hour += 12 if match["meridiem"] == "p" else 0
        found.append(ClockTime(match.start(), match.end(), hour * 60 + minute,
                               not (match["minute"] or match["minute24"]), zone.upper()))
    return found
