"""Dates and times of day as figures of the event their clause tells: a date where the text writes its year or its
month and day ("died on 18 December", placed in the year the story gives that month, if one), or where a relative
date ("Thursday") is resolved against a publication date the article really has (a date resolved against a guessed
publication date is no figure, and a weekday written in an article without a real one is that weekday alone); a
time of day with the time zone it names and the day its clause names, if any
(:mod:`storyline.text.clock`).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from storyline.compare.figure import WEEKDAY, WEEKDAY_MONDAY, YEARLESS, Figure, FigureConfig
from storyline.compare.figure_events import dated_event, day_named, event_above_noun, event_words
from storyline.compare.figure_words import context, figure_bound, names, sentence_of, times_named
from storyline.compare.timeline import midnight_side
from storyline.extract.timex.values import normalise
from storyline.model import Article, TimeExpression
from storyline.stories.date_phrases import time_of_day_alone
from storyline.text.clock import ClockTime
from storyline.text.estimates import Range
from storyline.text.wordlists import pairs, words

# Prepositions that make a time of day the latest it happened at ("put out by 7 a.m.", "until", "before"), and a
# date a limit, no day of its event.
DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before"})
# Adverbs that say how soon after a time of day something happened ("shortly after 3:30 a.m."), kept in its hedge.
SOON_WORDS = frozenset({"shortly", "just", "soon", "right", "immediately"})
WRITTEN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
WEEKDAY_NUMBERS = {day.lower(): int(number) for day, number in pairs("weekdays").items()}
WEEKDAYS = frozenset(WEEKDAY_NUMBERS)
WEEKDAY_VALUE = re.compile(r"XXXX-WXX-(\d)")
# The value of a time of day written with its day: "XXXX-WXX-6T20:40", "2026-04-18T20:40".
DAY_OF_A_TIME = re.compile(r"(?:\d{4}|XXXX)-(?:\d{2}|WXX)-\d{1,2}T")
DAY_EDGE_WORDS = words("day_edge_words")
# A weekday that recurs ("every Friday", "the second Tuesday of each month") or is named by the word before it
# ("Patch Tuesday", "Super Tuesday": a capitalised word that does not open a sentence).
RECURRING_BEFORE = re.compile(r"\b(?:every|each|first|second|third|fourth)\s+(?:on\s+)?\Z",
                              re.IGNORECASE)
RECURRING_AFTER = re.compile(r"\s+of\s+(?:each|every)\b", re.IGNORECASE)
NAMED_BEFORE = re.compile(r"[a-z,;]\s+[A-Z][a-z]+\s+\Z")
DECADE_ENDING = re.compile(r"\s?'?s\b")
# A day the text names without its year: a weekday, a month's day, or a day counted from the publication date.
DAY_OF_WEEK_OR_MONTH = re.compile(r"XXXX-(?:WXX-\d?|\d{2}-\d{2}|XX-XX)")
# A distance from another event the text tells ("18 hours earlier", "two days later", "the day before"), not from the
# day of writing as "ago" and "from now" are.
FROM_ANOTHER_EVENT = re.compile(r"\b(?:earlier|later|before|after)\s*\Z", re.IGNORECASE)
# A month's day written without its year ("died on 18 December", "convicted March 20").
DAY_OF_MONTH = re.compile(r"XXXX-(\d{2})-(\d{2})")
# The year a day written without its year is placed in until the story gives it one (a leap year, so that 29
# February is a day): its figures are compared only with each other (dimension YEARLESS).
YEARLESS_YEAR = 2000


def date_figure(article: Article, doc: Doc, time: TimeExpression, times: list[TimeExpression],
                 config: FigureConfig) -> Figure | None:
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if tokens is None:
        return None
    if time.type != "DATE" and not (time.type == "TIME" and DAY_OF_A_TIME.match(time.value)):
        return None  # a time of day is a date figure only with its day ("8.40pm on Saturday")
    if tokens.start > 0 and doc[tokens.start - 1].lower_ in DEADLINE_PREPOSITIONS:
        # "able to restore some services by Saturday afternoon": the day it was done within, not the day it was
        # done, whose later day in another outlet ("service was restored on 11 October") disputes nothing
        return None
    written = _written_date(article, time, config)
    if written is None:
        return None
    low, high, precision = written
    event = dated_event(tokens.root)
    if event is None and precision in {"year", "month"}:
        # a year or a month hung on a noun that names no event dates the event above it: a day so written ("on
        # 6 December") may be the noun's own ("the meeting of the board on Monday")
        event = event_above_noun(tokens.root, config.governing_hops)
    if event is None:
        return None
    if precision == WEEKDAY and any(child.ent_type_ == "DATE" and not tokens.start <= child.i < tokens.end
                                    for child in event.children):
        return None  # "As it promised Tuesday, Microsoft today issued a patch": the event has its own day
    dimension = ""
    if precision in {YEARLESS, WEEKDAY}:
        precision, dimension = "day", precision
    # shown as the day's ordinal, or the year when no day is written (as the brief's gold writes values)
    shown = (low + high) / 2 if precision == "day" else date.fromordinal(int(low)).year
    return Figure(time.span, sentence_of(article, tokens), article.outlet, shown, "DATE", precision, dimension,
                  "exact",
                  Range(low, high), *event_words(event), context(tokens, config.context_tokens),
                  names(event, event, None))


def _written_date(article: Article, time: TimeExpression, config: FigureConfig) -> tuple[float, float, str] | None:
    """The days a date allows (ordinals) and its precision ("day", "month", "year", "decade"), or None for a date the
    text does not give: only a date whose year is written, a day named relative to a publication date the
    article really has ("Thursday", "December 18", "yesterday"), or a month's day written in full without its
    year ("died on 18 December": precision YEARLESS, the day in YEARLESS_YEAR) is a figure. A weekday is resolved
    only against a real publication date, never against none or a guessed one; without a real one it is read as the
    weekday alone ("checked in on Tuesday": precision WEEKDAY, the day in the week of WEEKDAY_MONDAY). A day named
    only by its distance from the publication day ("today", "yesterday") allows ``config.deictic_days`` either side:
    a feed may date an article a day or two after it was written."""
    text = time.span.text(article)
    if FROM_ANOTHER_EVENT.search(text):
        # counted from an event whose day the figure does not carry: resolved against the publication day, it would
        # be a day of the writer's, not of the event ("Drake, which beat Bradley 18 hours earlier")
        return None
    found = normalise(text, None)
    written = found[1] if found else ""
    if not written and WEEKDAYS & set(text.lower().split()):
        written = "XXXX-WXX-"  # "the early hours of Sunday": a weekday the values leave unread
    slack = 0
    if not WRITTEN_DATE.match(written):
        real_date = article.published is not None and not article.published_inferred
        if not real_date and (month_day := DAY_OF_MONTH.fullmatch(written)):
            try:
                ordinal = date(YEARLESS_YEAR, int(month_day.group(1)), int(month_day.group(2))).toordinal()
            except ValueError:
                return None
            return ordinal, ordinal, YEARLESS
        if not real_date and (weekday := _weekday(written, text, article.text, time.span.start)) is not None:
            # a weekday at an edge of its day ("late Thursday", "early Friday", "11.40pm on Friday": a time the
            # timeline too reads as near midnight) may be another outlet's next or previous day
            edge = 1 if DAY_EDGE_WORDS & set(re.findall(r"[a-z]+", _around(article.text, time).lower())) \
                or midnight_side("", time.value) else 0
            day = WEEKDAY_MONDAY + weekday - 1
            return day - edge, day + edge, WEEKDAY
        if not (real_date and DAY_OF_WEEK_OR_MONTH.match(written)):
            return None
        if time_of_day_alone(text):
            # a time of day alone ("arrested shortly before midnight", "at 3 p.m."): the day is the story's, which
            # the words do not name, not the publication day the time expression was resolved against
            return None
        slack = config.deictic_days if written.startswith("XXXX-XX-XX") else 0
        written = time.value
    match = WRITTEN_DATE.match(written)
    if match is None or not (match.end() == len(written) or written[match.end()] == "T"):
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            ordinal = date(year, month, day).toordinal()
            return ordinal - slack, ordinal + slack, "day"
        if month:
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1).toordinal(), following.toordinal() - 1, "month"
        if DECADE_ENDING.match(article.text, time.span.end):
            # "the 1930's", which the time expressions may value as its first year: any year of the decade
            return date(year, 1, 1).toordinal(), date(year + 9, 12, 31).toordinal(), "decade"
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), "year"
    except ValueError:
        return None


def clock_figure(article: Article, doc: Doc, clock: ClockTime, times: list[TimeExpression],
                  config: FigureConfig) -> Figure | None:
    """A time of day as a figure of the event its clause tells ("broke out at 8.49pm"), its value the 24-hour
    time as a number (2049), its range the minutes after midnight its rounding and hedge allow."""
    tokens = doc.char_span(clock.start, clock.end, alignment_mode="expand")
    if tokens is None or (event := dated_event(tokens.root)) is None:
        return None
    bound, hedged = figure_bound(tokens)
    if bound == "exact" and tokens.start > 0 and doc[tokens.start - 1].lower_ in DEADLINE_PREPOSITIONS:
        bound, hedged = "upper", doc[tokens.start - 1].lower_  # "extinguished by 7 a.m.": at the latest
    elif bound == "exact" and tokens.start > 0 and doc[tokens.start - 1].lower_ == "after":
        # "a call shortly after 3:30 a.m.": at the earliest, so the 3:33 another outlet gives is no dispute
        hedged = " ".join(t.lower_ for t in doc[max(tokens.start - 2, 0) : tokens.start]
                          if t.lower_ == "after" or t.lower_ in SOON_WORDS)
        bound = "lower"
    rounding = config.clock_hour_minutes if clock.to_the_hour else \
        config.clock_quarter_minutes if clock.minutes % 15 == 0 else 0.5
    about, reach = max(rounding, config.clock_about_minutes), config.clock_bound_minutes
    below, above = {"about": (about, about), "nearly": (config.clock_about_minutes, 0), "lower": (0, reach),
                    "upper": (reach, 0)}.get(bound, (rounding, rounding))
    return Figure(article.span(clock.start, clock.end, "TIME"), sentence_of(article, tokens), article.outlet,
                  clock.hhmm, "CLOCK", clock.zone, clock.zone, bound,
                  Range(clock.minutes - below, clock.minutes + above), *event_words(event),
                  context(tokens, config.context_tokens), names(event, event, None),
                  times_named(tokens, event, times, article), hedged, day_named(tokens, event, times))


def _weekday(written: str, text: str, article_text: str, start: int) -> int | None:
    """The weekday (1 for Monday) a date names and nothing more ("on Tuesday", "Friday night", "the early hours of
    Sunday"), else None; None too for a weekday that recurs or names a day by a name ("the second Tuesday of each
    month", "every Friday", "Patch Tuesday"), which is no day of the news."""
    before = article_text[max(start - 30, 0) : start]
    if RECURRING_BEFORE.search(before) or RECURRING_AFTER.match(article_text, start + len(text)) \
            or NAMED_BEFORE.search(before):
        return None
    if (found := WEEKDAY_VALUE.match(written)) is not None:
        return int(found.group(1))
    named = {WEEKDAY_NUMBERS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in WEEKDAYS}
    return next(iter(named)) if written == "XXXX-WXX-" and len(named) == 1 else None


def _around(article_text: str, time: TimeExpression) -> str:
    """A time expression with the words just before it ("late" in "late Thursday", "02:41 GMT" before "Friday")."""
    return article_text[max(time.span.start - 15, 0) : time.span.end]
