"""Time expressions anchored to a reference: each mention valued against the dateline, or against the story's own
day or period for phrases that follow the story ("that night", "the following year"), with results compared to
"a year earlier" put in the quarter a year before. Needs only the article text and the mentions, so a reference
can be tried again without parsing."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.finding import TimexMention
from storyline.extract.timex.tense import FUTURE, PRESENT
from storyline.extract.timex.phrase import Value
from storyline.extract.timex.values import PLACEHOLDER_REFERENCE, normalise, valuer
from storyline.model import Article, Span, TimeExpression, pickled_by_fields

LOG = logging.getLogger(__name__)
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEICTIC_DAY = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this|last|ago)\b|^next\b", re.I)
QUARTER_VALUE = re.compile(r"(\d{4})-Q(\d)")
PERIOD_VALUE = re.compile(r"(\d{4})(?:-(\d{2})\b)?")
STORY_PERIOD = re.compile(r"\b(?:that|the same|the following|the previous) (?:month|year)\b", re.I)
# A month or a day of it without its year, as valued without a reference: "XXXX-11", "XXXX-11-17".
YEARLESS_MONTH = re.compile(r"XXXX-(\d{2})(?:-\d{2})?")
# A month with its year: "1973-11", "1973-11-17".
MONTH_WITH_YEAR = re.compile(r"(\d{4})-(\d{2})\b")
# The preposition before a date that sets the time of what a sentence tells: "In November 1973, ...".
NARRATIVE_TIME = re.compile(r"\b(?:in|on|during|by|until)\s+$", re.I)
# A report's own quarter, named without its number: "the quarter", "the latest period".
REPORTED_QUARTER = re.compile(r"the (?:latest |most recent )?(?:quarter|period)", re.I)
YEAR_BEFORE = re.compile(r"(?:a|one) year (?:ago|earlier|before)|(?:the )?year-(?:earlier|ago)(?: period)?", re.I)


def anchor(article: Article, mentions: list[TimexMention], reference: datetime | None,
           config: TimexConfig = CONFIG) -> list[TimeExpression]:
    """TimeML values of the mentions against a reference time; phrases that name no time are left out."""
    return [TimeExpression(Span(mention.span.article_id, mention.span.start, mention.span.end, kind), kind, value)
            for mention, kind, value in valued(article, mentions, reference, config)]


def valued(article: Article, mentions: list[TimexMention], reference: datetime | None,
           config: TimexConfig = CONFIG) -> Iterator[tuple[TimexMention, str, str]]:
    """Each mention that names a time, with its TimeML type and value against a reference time: what
    :func:`anchor` gives, without making records of them (publication-date inference values an article's phrases
    against every candidate day, through :func:`valued_readings`)."""
    return valued_readings(article.id, read(article, mentions), reference, config)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Reading:
    """What valuing a mention reads of its words and of the text before it, the same against any reference:
    publication-date inference values an undated article's mentions against each candidate day, reading them once."""

    mention: TimexMention
    text: str
    # its value without a reference ("XXXX-11-17"), when the rules could read it (a phrase they fail on is read again
    # where it is valued, and fails there as it did)
    readable: bool
    unanchored: Value | None
    # "that month", "the following year": counted from the month or year the story named last
    follows_story_period: bool
    # after a preposition setting the time of what its sentence tells ("In November 1973, ...")
    sets_the_time: bool
    # the report's own quarter named without its number ("the quarter"), or "a year earlier" alone, or in it
    names_reported_quarter: bool
    is_year_before: bool
    has_year_before: bool


def read(article: Article, mentions: list[TimexMention]) -> list[Reading]:
    readings = []
    for mention in mentions:
        text = mention.span.text(article)
        try:
            readable, unanchored = True, normalise(text, None)
        except Exception:  # noqa: BLE001 - read again where it is valued
            readable, unanchored = False, None
        readings.append(Reading(mention, text, readable, unanchored, STORY_PERIOD.search(text) is not None,
                                sets_the_time(article.text, mention.span.start),
                                REPORTED_QUARTER.fullmatch(text) is not None, YEAR_BEFORE.fullmatch(text) is not None,
                                YEAR_BEFORE.search(text) is not None))
    return readings


def valued_readings(article_id: str, readings: list[Reading], reference: datetime | date | None,
                    config: TimexConfig = CONFIG) -> Iterator[tuple[TimexMention, str, str]]:
    """:func:`valued` of mentions already :func:`read`."""
    if isinstance(reference, datetime):
        reference = reference.date()  # values name days at the finest, as ``normalise`` takes them
    last_quarter: tuple[int, re.Match[str]] | None = None
    reported_quarter: str | None = None
    story_day: date | None = None
    story_period: date | None = None
    months_written: dict[str, tuple[int, str]] = {}
    # ``normalise`` without its wrapper: the day counted from is a day (``counted_from``), not a time.
    value_of = valuer(config)
    for reading in readings:
        mention, text = reading.mention, reading.text
        try:
            found = value_of(text, counted_from(reading, reference, story_day, story_period), mention.tense)
        except Exception as error:  # noqa: BLE001 - one phrase no rule foresaw must not cost the article the rest
            LOG.warning("time expression %r of article %s left unvalued: %s: %s", text, article_id,
                        type(error).__name__, error)
            continue
        if found:
            kind, value = found
            unanchored = reading.unanchored if reading.readable else normalise(text, None)
            value = with_written_year(unanchored, mention.sentence, value, months_written, config,
                                      reading.sets_the_time)
            story_day = date.fromisoformat(value[:10]) if DAY_VALUE.match(value) else story_day
            story_period = period_of(value) or story_period
            quarter = QUARTER_VALUE.fullmatch(value)
            if quarter and reported_quarter and reading.names_reported_quarter:
                # "the quarter", "the latest period": the one the report told results of, which a fiscal year may
                # put elsewhere than the calendar's quarter before the dateline's
                value = reported_quarter
                last_quarter = (mention.sentence, QUARTER_VALUE.fullmatch(value))
            elif quarter and not reading.has_year_before:
                last_quarter = (mention.sentence, quarter)
                # a quarter looked ahead to ("expects a fourth-quarter charge") is no quarter reported on
                reported_quarter = value if mention.tense not in {PRESENT, FUTURE} else reported_quarter
            elif (last_quarter and reading.is_year_before
                  and mention.sentence - last_quarter[0] <= config.year_before_sentences):
                # Results reported for a quarter are compared with "a year earlier": the same quarter a year before.
                year, index = last_quarter[1].groups()
                value = f"{int(year) - 1:04d}-Q{index}"
            yield mention, kind, value


def with_written_year(unanchored: Value | None, sentence: int, value: str, months_written: dict[str, tuple[int, str]],
                      config: TimexConfig = CONFIG, sets_the_time: bool = True) -> str:
    """A day or month written without its year ("on Nov. 17") in the year the text gave that month shortly before
    ("In November 1973, students barricaded themselves in"), not the year nearest the dateline; a month written
    with its year where it sets the time of what is told (after "in", "on", "during", not "the August 1988
    cease-fire") is noted in ``months_written`` (month: sentence, year). ``unanchored``: the phrase's value
    without a reference."""
    yearless = unanchored and YEARLESS_MONTH.fullmatch(unanchored[1])
    if yearless:
        written = months_written.get(yearless.group(1))
        if written and sentence - written[0] <= config.written_month_sentences and value[5:7] == yearless.group(1):
            return written[1] + value[4:]
    elif sets_the_time and unanchored and (with_year := MONTH_WITH_YEAR.match(unanchored[1])):
        months_written[with_year.group(2)] = (sentence, with_year.group(1))
    return value


def sets_the_time(text: str, start: int) -> bool:
    """Whether the date at ``start`` follows a preposition setting the time of what its sentence tells."""
    return NARRATIVE_TIME.search(text[max(0, start - 12):start]) is not None


def counted_from(reading: Reading, reference: date | None, story_day: date | None,
                 story_period: date | None) -> date | None:
    """The day a phrase counts from: the dateline's, or the story's own time for phrases that follow the story.

    "at 10.40 p.m.", "that night" and "the next day" follow the last day the story named; "that year" and "the
    following month" the last month or year it named.
    """
    if reference is None:
        return None
    if story_period is not None and reading.follows_story_period:
        return story_period
    if story_day is not None and is_anaphoric(reading.text):
        return story_day
    return reference


# Both read the words or value alone; publication-date inference anchors each phrase against many days.
@lru_cache(maxsize=1 << 14)
def is_anaphoric(text: str) -> bool:
    """Whether a phrase names a day only through the story: a clock time or part of day with no day of its own."""
    unanchored = normalise(text, None)
    return bool(unanchored and unanchored[1].startswith("XXXX-XX-XX") and not DEICTIC_DAY.search(text))


@lru_cache(maxsize=1 << 14)
def period_of(value: str) -> date | None:
    """The first day of the month or year a TimeML value names: '1995-03-04' -> 1995-03-01, '1995-Q3' -> 1995-01-01."""
    match = PERIOD_VALUE.match(value)
    return date(int(match.group(1)), int(match.group(2) or 1), 1) if match else None


def names_a_day(text: str, tense: str | None = None, config: TimexConfig = CONFIG) -> bool:
    """Whether the phrase, valued against a reference, names a day ("Saturday", "June 24", "yesterday"), not a
    month, a year, a duration or a set ("last month", "2016", "two years"). That depends on its words alone, not on
    the reference, as which rule values it does (tests/test_timex.py holds the rules to both): publication-date
    inference, which keeps only the days an article's phrases name against each candidate day, leaves the others
    out. A phrase whose rules fail may name one."""
    try:
        found = normalise(text, PLACEHOLDER_REFERENCE, tense, config)
    except Exception:  # noqa: BLE001 - valued where it is read, with the same guard, which reports the failure
        return True
    return found is not None and DAY_VALUE.match(found[1]) is not None
