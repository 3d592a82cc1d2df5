"""The calendar behind TimeML values: names of weekdays, months, seasons, parts of day and holidays, and the
arithmetic of days, weeks, months and years that places a relative date against a reference day."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.easter import easter

from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.tense import FUTURE, PAST
from storyline.text.numbers import ORDINALS
from storyline.text.wordlists import pairs

# ISO day numbers: Monday is 1.
WEEKDAYS = {name: int(number) for name, number in pairs("weekdays").items()}
MONTHS = {name: int(number) for name, number in pairs("months").items()}
MONTH_ABBREVIATIONS = {name: int(number) for name, number in pairs("month_abbreviations").items()}
SEASONS = pairs("seasons")
PARTS_OF_DAY = pairs("parts_of_day")


def month_number(word: str) -> int | None:
    """'march' -> 3, 'sept.' -> 9; None for a word that names no month."""
    word = word.rstrip(".")
    return MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday_rule(rule: str) -> Callable[[int], date]:
    """The day a rule of data/holidays.txt gives in a year: 'december 25', 'last monday of may', 'day after first
    monday of november', 'easter'."""
    if rule == "easter":
        return easter
    if rule.startswith("day after "):
        before = holiday_rule(rule.removeprefix("day after "))
        return lambda year: before(year) + timedelta(days=1)
    nth = re.fullmatch(r"(\w+) (\w+) of (\w+)", rule)
    if nth:
        n = -1 if nth.group(1) == "last" else ORDINALS[nth.group(1)]
        weekday, month = WEEKDAYS[nth.group(2)] - 1, MONTHS[nth.group(3)]
        return lambda year: nth_weekday(year, month, weekday, n)
    month_name, day = rule.split()
    return lambda year: date(year, MONTHS[month_name], int(day))


HOLIDAYS = {name: holiday_rule(rule) for name, rule in pairs("holidays").items()}


def shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def resolve_weekday(weekday: int, reference: date, tense: str | None, deixis: str) -> date:
    """The day meant by '[last|this|next] <weekday>' (Monday 0): tense decides where the phrase alone does not."""
    back = (reference.weekday() - weekday) % 7
    forward = (weekday - reference.weekday()) % 7
    if deixis == "last":
        return reference - timedelta(days=back or 7)
    if deixis == "next":
        return reference + timedelta(days=forward or 7)
    if tense == PAST:
        return reference - timedelta(days=back)
    if tense == FUTURE:
        return reference + timedelta(days=forward)
    if deixis == "this":  # the same Monday-to-Sunday week
        return reference + timedelta(days=weekday - reference.weekday())
    # With no tense to go by, the nearer one; news mostly reports what has happened, so the past wins a tie.
    return reference - timedelta(days=back) if back <= forward else reference + timedelta(days=forward)


def nearest_year(month: int, day: int | None, reference: date, tense: str | None, step: int = 0,
                 config: TimexConfig = CONFIG) -> int:
    """The year of a month (and day) named without one: the nearest such date, the tense weighing the side.

    ``step`` -1 or 1 says "last" or "next": the latest one before or the earliest one after the reference.
    """
    def distance(year: int) -> float:
        named = date(year, month, day or 1)
        anchor = reference if day else reference.replace(day=1)
        days = (named - anchor).days
        if step:
            return abs(days) if days * step > 0 else float("inf")
        against_tense = (tense == PAST and days > 0) or (tense == FUTURE and days < 0)
        return abs(days) * (config.against_tense_weight if against_tense else 1)

    years = range(reference.year - 1, reference.year + 2)
    if (month, day) == (2, 29):  # only leap years have one
        years = [year for year in range(reference.year - 4, reference.year + 5) if calendar.isleap(year)]
    return min(years, key=distance)


@lru_cache(maxsize=1)
def calendar_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True,
                                                      "RELATIVE_BASE": datetime(2000, 1, 1)})


@lru_cache(maxsize=1 << 14)
def parse_calendar_date(text: str) -> tuple[date, str] | None:
    """The calendar date dateparser reads in a cleaned phrase, and its period (day, month or year); the parser's
    base is fixed, so the text alone decides."""
    data = calendar_parser().get_date_data(text)
    if data.date_obj is None or data.period not in {"day", "month", "year"}:
        return None
    return data.date_obj.date(), data.period
