"""Value rules for days and times of day: weekdays ("this Saturday"), deictic days ("yesterday", "next week"),
days that follow the story ("the next day"), clock times, holidays and calendar dates read by dateparser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.extract.timex.dates import (HOLIDAYS, PARTS_OF_DAY, WEEKDAYS, iso_week, month_number, nearest_year,
                                          parse_calendar_date, resolve_weekday, shift_month)
from storyline.extract.timex.phrase import Phrase, Value
from storyline.extract.timex.tense import FUTURE, PAST
from storyline.text.wordlists import pairs, words

HISTORIC_DAYS = pairs("historic_days")
# The time zones a clock time may name ("0241 GMT"), as alternatives of a pattern.
ZONE_WORDS = "|".join(sorted(words("time_zones")))
# A day's value, with or without the part of the day: "2008-12-11", "XXXX-WXX-5TNI".
DAY_OF_VALUE = re.compile(r"([\dX]{4}-(?:[\dX]{2}-[\dX]{2}|WXX-\d))(T[A-Z]{2})?")
DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
               "the day after tomorrow": 2}


def story_day(phrase: Phrase) -> Value | None:
    """'the next day', 'that night', 'later that year': counted from the reference, which the caller sets to the
    story's own time."""
    # The modifiers are gone from the core: "the next morning" is "next morning" here, "the same day" "same day".
    match = re.fullmatch(r"(?:(next|following|previous)|that|same) (day|morning|afternoon|evening|night)|"
                         r"(?:(following|previous)|that|same) (month|year)", phrase.core)
    if not match:
        return None
    deixis, unit = match.group(1) or match.group(3), match.group(2) or match.group(4)
    step = {"previous": -1, None: 0}.get(deixis, 1)
    ref = phrase.reference
    if unit == "year":
        return "DATE", f"{ref.year + step:04d}" if ref else "XXXX"
    if unit == "month":
        return "DATE", "{:04d}-{:02d}".format(*shift_month(ref, step)) if ref else "XXXX-XX"
    part = PARTS_OF_DAY.get(unit, "")
    if ref is None:
        return "DATE", "XXXX-XX-XX" + part
    return "DATE" if unit == "day" else "TIME", (ref + timedelta(days=step)).isoformat() + part


CLOCK = re.compile(r"\b(\d{1,2})(?:[:.] ?(\d{2}))?\s*([ap]\.? ?m(?!\w)\.?|o'clock)|\b(\d{1,2}): ?(\d{2})\b|"
                   rf"\b(noon|midnight|midday)\b|\b([01]\d|2[0-3])([0-5]\d)(?= (?:{ZONE_WORDS})\b)")
# Parts of the day after noon: "6:41 last night" without a meridiem is 18:41.
AFTER_NOON = {"TAF", "TEV", "TNI"}


def clock(phrase: Phrase) -> Value | None:
    """'10:35 a.m.', 'noon', 'midnight Friday', '0241 GMT': the time on the day the rest of the phrase names, else
    on the reference day."""
    # "a. m." and "8: 00" as detokenised text writes them are "a.m." and "8:00".
    match = CLOCK.search(phrase.core)
    if not match:
        return None
    rest_text = re.sub(rf"\b(?:{ZONE_WORDS}|local time|on|at)\b", " ", phrase.core[:match.start()] +
                       phrase.core[match.end():])
    rest = Phrase.of(rest_text, phrase.reference, phrase.tense, phrase.config)
    zoned = re.search(rf"\b(?:{ZONE_WORDS})\b", phrase.core) is not None
    rest_value = (zoned and zone_day(rest)) or named_day(rest) or deictic(rest) or calendar_date(rest) \
        if rest.core.strip() else None
    # "6:41 p.m. this evening", "6:41 last night": the day the part of the day is in; the clock says the time.
    day = rest_value and DAY_OF_VALUE.fullmatch(rest_value[1])
    time_of_day = clock_time(match, day.group(2) if day else None)
    if time_of_day is None:
        return None
    if day:
        return "TIME", day.group(1) + time_of_day
    day = phrase.reference.isoformat() if phrase.reference else "XXXX-XX-XX"
    return "TIME", day + time_of_day


def clock_time(match: re.Match[str], part_of_day: str | None) -> str | None:
    """'T18:41' for a match of :data:`CLOCK`; a time without a meridiem in the evening's part of the day is after
    noon. None for no time of day ("25:70")."""
    if match.group(6):
        return PARTS_OF_DAY[match.group(6)]
    hour = int(match.group(1) or match.group(4) or match.group(7))
    minute = int(match.group(2) or match.group(5) or match.group(8) or 0)
    meridiem = (match.group(3) or "").replace(".", "").replace(" ", "")
    if (meridiem == "pm" or not meridiem and part_of_day in AFTER_NOON) and hour < 12:
        hour += 12
    if meridiem == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


def zone_day(phrase: Phrase) -> Value | None:
    """A weekday named with a zone's clock ("0241 GMT Friday"): the zone's date runs up to a day ahead of or behind
    the publication day's, so the day next to the reference is meant, whatever the tense; else None."""
    reading = weekday_reading(phrase.core)
    if reading is None or phrase.reference is None:
        return None
    for offset in (0, 1, -1):
        day = phrase.reference + timedelta(days=offset)
        if day.weekday() == reading[0]:
            return "DATE", day.isoformat() + reading[1]
    return None


def named_day(phrase: Phrase) -> Value | None:
    """'Friday', 'last Tuesday', 'Sunday night': the tense decides which one where the words do not."""
    reading = weekday_reading(phrase.core)
    if reading is None:
        return None
    weekday, part, deixis = reading
    if phrase.reference is None:
        return "DATE", f"XXXX-WXX-{weekday + 1}{part}"
    return "DATE", resolve_weekday(weekday, phrase.reference, phrase.tense, deixis).isoformat() + part


# Publication-date inference values one phrase against hundreds of candidate days: its words are read once.
@lru_cache(maxsize=1 << 12)
def weekday_reading(core: str) -> tuple[int, str, str] | None:
    """What the words of a weekday say whatever the reference: the weekday (Monday 0), the part of the day and
    the deixis ("last", "this", "next", "on" or "")."""
    match = re.fullmatch(r"(?:(last|this|next|past|coming|on|previous|following) )?(\w+?)'?s?(?:,)?"
                         r"(?: (morning|afternoon|evening|night|overnight))?", core)
    if not match or match.group(2) not in WEEKDAYS:
        return None
    deixis = {"past": "last", "coming": "next", "previous": "last", "following": "next"}.get(
        match.group(1) or "", match.group(1) or "")
    return WEEKDAYS[match.group(2)] - 1, PARTS_OF_DAY.get(match.group(3) or "", ""), deixis


def deictic(phrase: Phrase) -> Value | None:
    """'yesterday', 'tonight', 'this week', 'next month', 'the weekend'."""
    core = phrase.core
    match = re.fullmatch(r"(the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)"
                         r"(?:'s)?(?: (morning|afternoon|evening|night))?", core)
    if match:
        part = PARTS_OF_DAY.get(match.group(2) or ("tonight" if match.group(1) == "tonight" else ""), "")
        if phrase.reference is None:
            return "DATE", "XXXX-XX-XX" + part
        return "DATE", (phrase.reference + timedelta(days=DAY_OFFSETS[match.group(1)])).isoformat() + part
    match = re.fullmatch(r"(?:(this|last|next|the past|past|the coming|coming|the previous|previous|"
                         r"the following|following|the current|current|the same|same|the)\s)?"
                         r"(year|month|week|weekend|morning|afternoon|evening|night|day)", core)
    bare_unit = match and match.group(1) is None and match.group(2) not in {"morning", "afternoon", "evening"}
    if not match or (bare_unit and not phrase.text.startswith("the ")):
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(
        (match.group(1) or "this").replace("the ", ""), 0)
    unit = match.group(2)
    ref = phrase.reference
    if ref is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                        "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX-XX-XX" + PARTS_OF_DAY.get(unit, ""))
    if unit == "year":
        return "DATE", f"{ref.year + step:04d}"
    if unit == "month":
        return "DATE", "{:04d}-{:02d}".format(*shift_month(ref, step))
    if unit == "weekend":
        saturday = resolve_weekday(5, ref, phrase.tense, {-1: "last", 1: "next"}.get(step, ""))
        return "DATE", iso_week(saturday) + "-WE"
    if unit == "week":
        return "DATE", iso_week(ref + timedelta(weeks=step))
    if unit == "day":
        return "DATE", (ref + timedelta(days=step)).isoformat()
    return "TIME" if step == 0 else "DATE", (ref + timedelta(days=step)).isoformat() + PARTS_OF_DAY[unit]


def holiday(phrase: Phrase) -> Value | None:
    """'Christmas', 'last Thanksgiving', 'Labor Day 1996'."""
    match = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?:,? (\d{4}))?", phrase.core)
    if not match or match.group(2) not in HOLIDAYS:
        return None
    day_in = HOLIDAYS[match.group(2)]
    if match.group(3):
        return "DATE", day_in(int(match.group(3))).isoformat()
    ref = phrase.reference
    if ref is None:
        fixed = day_in(2001).strftime("%m-%d") == day_in(2002).strftime("%m-%d")
        return "DATE", day_in(2001).strftime("XXXX-%m-%d" if fixed else "XXXX-%m-XX")
    step = {"last": -1, "next": 1}.get(match.group(1) or "", 0)
    candidates = [day_in(year) for year in range(ref.year - 1, ref.year + 2)]
    if step or phrase.tense in {PAST, FUTURE}:
        forward = step == 1 or (not step and phrase.tense == FUTURE)
        options = [d for d in candidates if (d > ref if forward else d <= ref)]
        return "DATE", (min(options) if forward else max(options)).isoformat()
    return "DATE", min(candidates, key=lambda d: abs((d - ref).days)).isoformat()


def week_of(phrase: Phrase) -> Value | None:
    """'the week of March 6', 'the week beginning 17 October': the ISO week holding that day."""
    match = re.fullmatch(r"(?:the )?week (?:of|beginning|starting|commencing) (.+)", phrase.core)
    day = match and calendar_date(Phrase.of(match.group(1), phrase.reference, phrase.tense, phrase.config))
    if not day or not re.fullmatch(r"[\dX]{4}-\d{2}-\d{2}", day[1]):
        return None
    if day[1].startswith("XXXX"):
        return "DATE", "XXXX-WXX"
    return "DATE", iso_week(date.fromisoformat(day[1]))


def historic_day(phrase: Phrase) -> Value | None:
    """'9/11': a day history names by its numbers."""
    day = HISTORIC_DAYS.get(phrase.core)
    return ("DATE", day) if day else None


@dataclass(frozen=True, slots=True)
class CalendarReading:
    """What the words of a calendar date say whatever the reference: the date dateparser reads and its period,
    the deixis ("next May 3": ``step`` 1; "this May": ``this_year``), a year counted from the reference ("March of
    last year": ``year_offset``), whether a year is written, and a part of the day ("May 3 evening")."""

    parsed: date
    period: str
    step: int
    this_year: bool
    year_offset: int | None
    has_year: bool
    part: str


# Publication-date inference values one phrase against hundreds of candidate days: its words are read once.
@lru_cache(maxsize=1 << 14)
def calendar_reading(core: str) -> CalendarReading | None:
    words = re.findall(r"[a-z]+\.?", core)
    named_month = any(month_number(w) for w in words)
    # Numbers joined by a hyphen or a point are a score, a record or a decimal ("won 35-30", "58-3", "3.5"), not a
    # day: a numeric date has three parts, or two after a slash that can be a month and a day ("9/11").
    numeric = re.search(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])\b", core)
    if not (named_month or numeric):
        return None
    deixis = re.match(r"(last|this|next|past|coming|this past|this coming) ", core)
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        deixis.group(1) if deixis else "", 0)
    cleaned = re.sub(r"\b(?:on|in|of|the|early|late|mid|middle|end|beginning|start|last|this|next|past|coming)\b|"
                     r"(?<=\d)(?:st|nd|rd|th)\b", " ", core)
    found = parse_calendar_date(cleaned)
    if found is None:
        return None
    year_word = re.search(r"\b(last|this|next) year\b", core)
    has_year = re.search(r"\b(?:1[5-9]\d\d|20\d\d)\b|'\d\d\b|\d[/.-]\d{1,2}[/.-]\d{2,4}", core)
    part = next((PARTS_OF_DAY[w] for w in words if w in PARTS_OF_DAY and w not in {"noon", "midnight"}), "")
    return CalendarReading(found[0], found[1], step, bool(deixis and not step),
                           {"last": -1, "this": 0, "next": 1}[year_word.group(1)] if year_word else None,
                           has_year is not None, part)


def calendar_date(phrase: Phrase) -> Value | None:
    """'Oct. 15, 1999', '29 April', 'March', 'next May 3', '3/15/99', read by dateparser; a year left out is the
    nearest such date's."""
    reading = calendar_reading(phrase.core)
    if reading is None:
        return None
    parsed, period = reading.parsed, reading.period
    ref = phrase.reference
    if reading.year_offset is not None and ref is not None:
        day = parsed.day if period == "day" else None
        return "DATE", f"{ref.year + reading.year_offset:04d}-{parsed.month:02d}" + (f"-{day:02d}" if day else "")
    if period == "year":
        return "DATE", f"{parsed.year:04d}"
    day = parsed.day if period == "day" else None
    if reading.has_year:
        year = f"{parsed.year:04d}"
    elif ref is None:
        year = "XXXX"
    else:
        number_of_year = (ref.year if reading.this_year
                          else nearest_year(parsed.month, day, ref, phrase.tense, reading.step, phrase.config))
        year = f"{number_of_year:04d}"
    value = f"{year}-{parsed.month:02d}" + (f"-{day:02d}" if day else "")
    return "DATE", value + (reading.part if day else "")
