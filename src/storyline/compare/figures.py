"""Figures: the numbers and dates a story's articles give, each read with what it is a figure of.

A figure is a count ("three dock workers"), an amount of money ("1.2 billion euros"), a percentage, a measure ("90
km", "a magnitude 6.8 aftershock"), a number naming which one ("the 12000 block"), a date ("died on 18 December
2008") or a time of day ("broke out at 8.49pm"). Each is read off the parse (:mod:`storyline.compare.figure_words`)
with:

- its unit: the currency, the unit of measure (converted to its dimension's base unit, so that "55 miles" and
  "90 km" are one distance), "percent", or none for a count;
- what it counts or measures (``counted``): the noun the number belongs to, "workers", "damage" in "200 million
  euros of damage", "premium" in "a premium of 33%", the event a date is the day of;
- what happened to it (``predicate``): "killed", "injured", "escaped", "jumped";
- the values it allows (:mod:`storyline.text.estimates`): "more than 50" allows 50-75, "12,000" what rounds to it;
- the names of the places and participants its clause sets it among ("marched in Thessaloniki", "Gotti died"),
  and the dates its clause names other than the news's own days ("in January", "in 1985"), so that this attack's
  toll is not set against a previous one's.

A duration is read as the length of the event it measures ("sentenced to seven years", "a five-year sentence",
:func:`_duration`), in days whatever its unit, and compared only between figures of one named holder (a story's
sentences, offers and contracts are many); one that runs to each outlet's own day ("five days of riots", "has served
for 30 years") only from an article really dated, with its day; one a preposition puts before its clause's event
("deadlocked after 30 hours of deliberation") is the length up to that event, compared only with one up to the same.
A duration between two events ("married three weeks before he was murdered", "found him three hours later") is an
interval, with the event it dates and the one it counts from. The lengths of runs and windows ("a three-game losing
streak", "10 straight games", "eight of their last 10 games") are not read: each outlet counts a run to its own day
and picks its own window. A figure in a clause of what may be ("could cost $2 billion") is a guess, not a report,
and is not read either.

Which time a named holder does a thing it repeats ("Klitschko's sixth defense", "retained his title for the fifth
time") is a figure of that holder's doings of the kind (:mod:`storyline.compare.occasion_figures`).

A game's clock is a figure of the play it times, in the period it names ("with 7:41 left in the first half",
:mod:`storyline.compare.game_clock_figures`).

A date is a figure only where the text writes its year or its month and day ("died on 18 December", placed in the
year the story gives that month, if one), or where a relative date ("Thursday") is resolved against a publication
date the article really has: a date resolved against a guessed publication date is no figure. A time
of day is read with the time zone it names and the day its clause names, if any (:mod:`storyline.text.clock`). A
phone number is read with whom its sentence says it reaches.
:mod:`storyline.compare.conflicts` decides which figures of different outlets give one quantity and which disagree.

The readers are modules of their own: :mod:`storyline.compare.number_figures` (with a place's distance and population,
:mod:`~storyline.compare.place_figures`, and a parent's children, :mod:`~storyline.compare.family_figures`),
:mod:`~storyline.compare.date_figures` (dates and times of day), :mod:`~storyline.compare.duration_figures`,
:mod:`~storyline.compare.zero_figures` (none written in words, "no one was hurt"),
:mod:`~storyline.compare.age_figures` and :mod:`~storyline.compare.series_figures`; the parse reading they share is
in :mod:`~storyline.compare.figure_words` and :mod:`~storyline.compare.figure_events`, the Figure and its config in
:mod:`~storyline.compare.figure`. Figures of other events than the report's own (a round-up's, "in a separate raid")
or of a claim someone denies are left out, and counts given as revised up since an earlier one are marked
(:mod:`~storyline.compare.other_events`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from storyline.compare.age_figures import age
from storyline.compare.date_figures import clock_figure, date_figure
from storyline.compare.duration_figures import duration, interval
from storyline.compare.figure import CONFIG, Figure, FigureConfig
from storyline.compare.game_clock_figures import game_clock_figures
from storyline.compare.number_figures import number_figures
from storyline.compare.occasion_figures import occasion_figures
from storyline.compare.other_events import of_another_event, revised
from storyline.compare.phone_figures import phone_figures
from storyline.compare.record_figures import record_figures
from storyline.compare.series_figures import series_ordinal
from storyline.compare.zero_figures import zero_figures
from storyline.model import Article, TimeExpression
from storyline.text.clock import clock_times


def extract(article: Article, doc: Doc, times: list[TimeExpression] = (),
            config: FigureConfig = CONFIG) -> list[Figure]:
    """The article's figures: numbers from the parse, the dates its time expressions give, the times of day and
    phone numbers it writes, and the counts of no people it writes in words."""
    clocks = clock_times(article.text)
    found = number_figures(article, doc, times, clocks, config) + [
        f for time in times if (f := date_figure(article, doc, time, times, config))] + [
        f for time in times if (f := interval(article, doc, time, config) or duration(article, doc, time, times,
                                                                                        config))] + [
        f for clock in clocks if (f := clock_figure(article, doc, clock, times, config))] + [
        f for token in doc if token.like_num and (f := age(article, token, times, config))] + [
        f for entity in doc.ents if (f := series_ordinal(article, entity, times, config))] + phone_figures(
        article, doc, config) + game_clock_figures(article, doc, times, config) + zero_figures(
        article, doc, times, config) + record_figures(article, doc, config) + occasion_figures(
        article, doc, config)
    # a round-up's or another occasion's figures are no report of this story's event; a toll revised up is marked
    return [replace(f, revised=revised(article, doc, f)) for f in found if not of_another_event(doc, f)]
