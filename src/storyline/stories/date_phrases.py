"""What an article's date phrases tell of its publication day, for :mod:`storyline.stories.pubdate`.

Each phrase that points at a day ("Saturday", "yesterday", "29 April", "June 24, 2005") becomes a
:class:`Statement`: what it is said of, its tense, and its :class:`Kind`, told by how its value moves when the
publication day does. :func:`evidences` says which agreements between two statements pin a publication day down.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from functools import lru_cache

from spacy.tokens import Doc, Span as DocSpan

from storyline.extract.timex import TimexMention, anchor, find
from storyline.extract.timex.anchoring import Reading, is_anaphoric, names_a_day, read, valued_readings
from storyline.extract.timex.values import normalise
from storyline.model import Article, pickled_by_fields
from storyline.text.wordlists import pairs, words

# TIMEX values (see :class:`storyline.model.TimeExpression`): a day, a written year.
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR_PREFIX = re.compile(r"\d{4}")
WEEKDAY_VALUE = re.compile(r"XXXX-WXX-\d")
# The parts of speech of the words that tell what a sentence reports.
CONTEXT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
FUTURE, PAST = "FUTURE", "PAST"
# Dependency labels by which a date (or the preposition before it) modifies a noun: "the June 20 shooting",
# "the killing on Saturday".
NOUN_MODIFIERS = {"compound", "nmod", "amod", "poss", "nummod", "npadvmod", "prep"}
# Two reference days far apart (another year, month and weekday): a phrase whose value moves between them
# depends on the publication day, and how it moves tells what it names.
PROBES = (datetime(2001, 3, 14, 12, tzinfo=timezone.utc), datetime(2002, 10, 26, 12, tzinfo=timezone.utc))


def _alternatives(entries: Iterable[str]) -> str:
    """A regular expression matching any of ``entries``, the longest first."""
    return "|".join(re.escape(entry) for entry in sorted(entries, key=lambda entry: (-len(entry), entry)))


WEEKDAY_PATTERN = _alternatives(pairs("weekdays"))
DEICTIC_DAY_PATTERN = _alternatives(words("deictic_days"))
# Only phrases that point at a day or name one are evidence; "the day" or "at noon" follow the story, not the clock.
POINTS_AT_A_DAY = re.compile(
    rf"\b(?:{DEICTIC_DAY_PATTERN}|this|last|next|ago|{WEEKDAY_PATTERN}|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}\b", re.I)


def counted_from_writing(text: str) -> bool:
    """Whether a phrase names its day only by its distance from the day of writing ("yesterday", "last night"):
    valued with no day to count from it stays relative ("XXXX-XX-XX…"), and its words point at a day, unlike a time
    of day alone ("at 3:10 p.m."), which is valued on the day of writing too but names no day."""
    return _valued_on_the_day_of_writing(text) and POINTS_AT_A_DAY.search(text) is not None


def time_of_day_alone(text: str) -> bool:
    """Whether a phrase is a time of day that names no day ("at 3:10 p.m.", "with 6:00 remaining"): valued against
    the day of writing, its day is that day, though the words leave it to the story."""
    return _valued_on_the_day_of_writing(text) and POINTS_AT_A_DAY.search(text) is None


def _valued_on_the_day_of_writing(text: str) -> bool:
    """Whether a phrase's value, with no day to count from, stays relative to the day of writing ("XXXX-XX-XX…")."""
    found = normalise(text, None)
    return found is not None and found[1].startswith("XXXX-XX-XX")


class Kind(Enum):
    """What a phrase tells of the day it names, by how its value depends on the publication day."""

    FIXED = "fixed"          # a date with its year ("June 24, 2005"), or any day of a dated article
    NAMED = "named"          # a day of the month without its year ("29 April"): the year follows publication
    WEEKDAY = "weekday"      # "Saturday", "last Friday night"
    RELATIVE = "relative"    # "yesterday", "two days ago", "this morning"
    STORY = "story"          # "the next day", "that night": counted from a day the story names, not from writing


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Statement:
    """One phrase naming a day: what it is said of (the lemma of the noun or verb it modifies, the content words
    of its sentence, the sentence's index), its kind, its tense and where it stands in the article."""

    event: str
    words: frozenset[str]
    sentence: int
    kind: Kind
    tense: str | None
    start: int
    end: int

    def shared(self, other: "Statement") -> float:
        """The share of content words the two sentences have in common (Dice's coefficient: a long sentence
        holds many short ones' words)."""
        return 2 * len(self.words & other.words) / max(1, len(self.words) + len(other.words))

    def likeness(self, other: "Statement", same_event: float) -> float:
        """The words the two sentences share, plus ``same_event`` when the day is said of the same noun or verb;
        at most 1."""
        return min(1.0, self.shared(other) + (same_event if self.event and self.event == other.event else 0.0))

    def compatible(self, other: "Statement") -> bool:
        """A past event is not a future one, and a future one ("due Oct. 15") is matched only with one whose
        tense is known."""
        return {self.tense, other.tense} not in ({PAST, FUTURE}, {None, FUTURE})


# What may stand between a phrase and the date that restates it: "today (20 October 2011)", "Saturday, July 24".
RESTATING_GAP = re.compile(r"[\s,(\[–—-]*")


def restates(text: str, first: Statement, second: Statement) -> bool:
    """Whether two phrases of one sentence name one day, the second right after the first ("today (20 October
    2011)"): then one sentence is its own evidence."""
    first, second = sorted((first, second), key=lambda statement: statement.start)
    return first.sentence == second.sentence and first.end <= second.start \
        and RESTATING_GAP.fullmatch(text[first.end:second.start]) is not None


# The kinds that move with the publication day, and those that name a day whatever it is: only a phrase of the
# first falling on one of the second is evidence (see :func:`evidences`). Tuples, not sets: inference asks millions
# of times, and a tuple compares members by identity where a set hashes them (an Enum hashes in Python).
MOVING_KINDS = (Kind.WEEKDAY, Kind.RELATIVE)
NAMING_KINDS = (Kind.FIXED, Kind.NAMED)


def evidences(mine: Statement, theirs: Statement, day: date, years: "Years") -> bool:
    """Whether ``mine`` (valued against the candidate publication day) falling on ``day``, which ``theirs``
    names, pins the publication day down.

    Only a weekday or a phrase counting from publication ("yesterday") moves with the publication day; it pins it
    down on a day written with its year or of a dated article, or, for a weekday, on a day of the month written
    without a year when just one year the story writes puts that day on that weekday (29 April was a Saturday in
    2023, 2017, 2006 ...: a story writing 1952, 2003 and 2006 may fit a weekday in two of them, and then the year
    is not known). A day of the month without a year agreeing with "yesterday" says nothing of the year."""
    if mine.kind not in MOVING_KINDS or theirs.kind not in NAMING_KINDS:
        return False
    if theirs.kind is Kind.FIXED:
        return True
    if mine.kind is Kind.RELATIVE:
        return day.year in years.dated
    return day.year in years.written and _one_year_fits(day, years.written)


@lru_cache(maxsize=1 << 12)
def _one_year_fits(day: date, written: frozenset[int]) -> bool:
    """Whether the day of the month of ``day`` falls on its weekday in just one of the ``written`` years."""
    return sum(_same_weekday(day, year) for year in written) == 1


def _same_weekday(day: date, year: int) -> bool:
    """Whether the day of the month of ``day`` falls on its weekday in ``year``."""
    try:
        return day.replace(year=year).weekday() == day.weekday()
    except ValueError:  # 29 February outside a leap year
        return False


@dataclass(frozen=True, slots=True)
class Years:
    """The years a story writes (in dates, months or alone, or as the date of a dated article), and those of its
    days written with their year and its dated articles."""

    written: frozenset[int]
    dated: frozenset[int]


ResolvedDays = dict[str, list[Statement]]  # a day value -> each statement of it


@dataclass
class StoryArticle:
    article: Article
    # Every time expression the article's parse holds (to value them again once a date is inferred), and of them
    # the phrases that point at a day (the evidence).
    found: list[TimexMention]
    mentions: list[TimexMention]
    statements: list[Statement]
    # Each mention's value when the article's date is unknown to it and whether it names its year.
    written_years: list[int | None]
    # No publication day before this year: the latest year the article speaks of, not as future.
    earliest_year: int
    known: date | None = None
    resolved: dict[date, ResolvedDays] = field(default_factory=dict)
    # The mentions that may name a day, and their statements: only these are valued against each day tried.
    day_mentions: list[TimexMention] = field(default_factory=list)
    day_statements: list[Statement] = field(default_factory=list)
    day_readings: list[Reading] = field(default_factory=list)

    def days_at(self, published: date) -> ResolvedDays:
        """The days the article's phrases name were it published on ``published``."""
        if published not in self.resolved:
            found: ResolvedDays = defaultdict(list)
            for statement, value in zip(self.day_statements, self._anchored(published)):
                if DAY_VALUE.match(value):
                    found[value[:10]].append(statement)
            self.resolved[published] = found
        return self.resolved[published]

    def _anchored(self, published: date) -> list[str]:
        return values_of(self.article.id, self.day_readings, published)


def values_at(article: Article, mentions: list[TimexMention], reference: datetime | None) -> list[str]:
    """Each mention's value against ``reference`` ("" where it names no time)."""
    return values_of(article.id, read(article, mentions), reference)


def values_of(article_id: str, readings: list[Reading], reference: datetime | date | None) -> list[str]:
    """:func:`values_at` of mentions already read; ``reference`` a time or its day (valued against the day)."""
    values = {mention.span.start: value for mention, _, value in valued_readings(article_id, readings, reference)}
    return [values.get(reading.mention.span.start, "") for reading in readings]


def kinds(article: Article, mentions: list[TimexMention], known: bool,
          probed: tuple[list[str], list[str]]) -> list[Kind | None]:
    """Each mention's kind, by how its value moves between two far-apart publication days (None: names no day);
    ``probed``: the mentions' values against the two (:func:`probed_values`).

    A phrase counted from a day the story names ("the next day", "that night") moves with the publication day only
    through that day, or, when the text names none before it, because it is then counted from the day of writing
    as a stand-in: either way it tells nothing of when the text was written ("killed an officer the next day",
    after a shooting in a past year, is not the day after publication)."""
    first, second = probed
    unanchored = values_at(article, mentions, None)
    found: list[Kind | None] = []
    for mention, a, b, plain in zip(mentions, first, second, unanchored):
        if not (DAY_VALUE.match(a) and DAY_VALUE.match(b)):
            found.append(None)
        elif known or a[:10] == b[:10]:
            found.append(Kind.FIXED)
        elif a[4:10] == b[4:10]:
            found.append(Kind.NAMED)
        elif is_anaphoric(mention.span.text(article)):
            found.append(Kind.STORY)
        else:
            found.append(Kind.WEEKDAY if WEEKDAY_VALUE.match(plain) else Kind.RELATIVE)
    return found


def dated_event(tokens: DocSpan) -> str:
    """The lemma of what a date is said of: the noun it modifies ("the June 20 shooting", "the killing on
    Saturday"), else the verb it belongs to ("was killed on Saturday"); "" when neither is found."""
    token = tokens.root
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    head = token.head
    if head is not token and head.pos_ == "NOUN" and token.dep_ in NOUN_MODIFIERS:
        return head.lemma_.lower()
    verb = next((t for t in [tokens.root, *tokens.root.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    return verb.lemma_.lower() if verb is not None else ""


def written_years(probed: tuple[list[str], list[str]]) -> list[int | None]:
    """The year each mention writes ("2008", "June 2005", "June 24, 2005"), whatever the publication day, from
    the mentions' values against the two probe days (:func:`probed_values`)."""
    first, second = probed
    return [int(a[:4]) if YEAR_PREFIX.match(a) and a[:4] == b[:4] else None for a, b in zip(first, second)]


def days_named(article: Article, mentions: list[TimexMention]) -> list[TimexMention]:
    """The mentions but those of a recurrence: "Tuesday" in "the second Tuesday of every month" is found apart
    from the set ("every month") it belongs to, and names no one day."""
    recurring = [e.span.start for e in anchor(article, mentions, None) if e.type == "SET"]
    return [m for m in mentions
            if not any(start >= m.span.end and article.text[m.span.end:start].strip().lower() == "of"
                       for start in recurring)]


def probed_values(article: Article, mentions: list[TimexMention]) -> tuple[list[str], list[str]]:
    """The mentions' values against each of the two probe days: how they move tells their kinds and the years they
    write."""
    readings = read(article, mentions)
    first, second = (values_of(article.id, readings, probe) for probe in PROBES)
    return first, second


def stated_day(article: Article) -> date | None:
    """The article's publication day as stated with it (not inferred), if any."""
    return article.published.date() if article.published and not article.published_inferred else None


def story_article(article: Article, doc: Doc, most: int) -> StoryArticle:
    """An article's first ``most`` phrases that point at a day, each with what it is said of; its publication day
    if stated."""
    found = find(article, doc)
    mentions = [m for m in days_named(article, found) if POINTS_AT_A_DAY.search(m.span.text(article))]
    mentions = mentions[:most]
    known = stated_day(article)
    sentences = list(doc.sents)
    statements = []
    probed = probed_values(article, mentions)
    for mention, kind in zip(mentions, kinds(article, mentions, known is not None, probed)):
        tokens = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        content = frozenset(t.lemma_.lower() for t in sentences[mention.sentence]
                            if t.pos_ in CONTEXT_POS and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"})
        # A phrase naming no day ("last month") never falls on one: its kind is never asked.
        statements.append(Statement(dated_event(tokens), content, mention.sentence, kind or Kind.RELATIVE,
                                    mention.tense, mention.span.start, mention.span.end))
    years = written_years(probed)
    past_years = [year for year, mention in zip(years, mentions) if year and mention.tense != FUTURE]
    may_name = may_name_a_day(article, mentions)
    day_mentions = [mentions[i] for i in may_name]
    return StoryArticle(article, found, mentions, statements, years, max(past_years, default=date.min.year), known,
                        day_mentions=day_mentions, day_statements=[statements[i] for i in may_name],
                        day_readings=read(article, day_mentions))


def may_name_a_day(article: Article, mentions: list[TimexMention]) -> list[int]:
    """The indices of the mentions that name a day, against any publication day: inference values an undated
    article's phrases against each candidate day (hundreds of them in a long story) and keeps only the days they
    name, so a year, a month or a duration ("2016", "last month", "two years"), which names none, is left out of
    that. The days the others name are the same without them: a phrase is counted from the day an earlier one
    names ("that night"), never from a period, but for one counted from the story's month or year ("later that
    month"), which names no day itself (tests/test_timex.py)."""
    return [i for i, mention in enumerate(mentions) if names_a_day(mention.span.text(article), mention.tense)]


def story_years(story: list[StoryArticle]) -> Years:
    dated = {item.known.year for item in story if item.known}
    dated |= {int(value[:4]) for item in story if not item.known
              for value, said in item.days_at(PROBES[0].date()).items()
              if any(statement.kind is Kind.FIXED for statement in said)}
    written = {year for item in story for year in item.written_years if year}
    return Years(frozenset(written | dated), frozenset(dated))
