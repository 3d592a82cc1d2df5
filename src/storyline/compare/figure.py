"""A figure a story's articles give, with what it is a figure of (:class:`Figure`), the config of how figures are
read and compared (:class:`FigureConfig`), and how the brief writes a value. The readers that make figures are
gathered by :func:`storyline.compare.figures.extract`.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Span
from storyline.text.estimates import Range, Shares


@dataclass(frozen=True, slots=True)
class FigureConfig:
    """How figures are read and when two of them are the same quantity. Similarities are cosines of MiniLM
    embeddings. Set by hand on the bundled examples' gold (examples/gold.json, tests/test_brief.py) and on the
    tuning part of the brief gold (eval/briefs/tune: its disagreements and tempting false alarms)."""

    # Heads climbed from a figure to the verb saying what happened to what it counts (and from a noun a year was
    # hung on to the verb or event noun that noun is an argument of: "for $30 million in 1957", "million", "for",
    # "sold").
    governing_hops: int = 4
    # Words either side of a figure, within its sentence, that make its context.
    context_tokens: int = 10
    # How generously a written figure is read (see storyline.text.estimates.Shares): a round figure stands for at
    # most 10% either side, "about" for 15% (so "about 40 million" and "around 60 million" still differ), "more
    # than N" for up to half again N.
    shares: Shares = Shares(rounding=0.1, about=0.15, bound=0.5)
    # Two figures count the same thing only when what they count ("inmates", "prisoners") is this similar ...
    same_counted: float = 0.7
    # ... the events of dates, times and intervals ("began", "started"), when both say and no outcome list tells,
    # this similar (counts and amounts need the same verb there: "won" and "lost" read alike) ...
    same_predicate: float = 0.55
    # Two dates are of one event when their verbs are one and the verbs with their subjects and objects ("attack
    # begin", "assault begin") are this similar, or their contexts are alike (below).
    same_dated_event: float = 0.65
    # ... and the words around them this similar: for counts and dates, whose nouns and verbs ("banks",
    # "attacked") recur in every episode of a story ...
    same_context: float = 0.5
    # ... and for amounts, percentages and measures, whose noun names the quantity itself ("the damage", "the
    # cost of the programme") ...
    same_amount_context: float = 0.4
    # ... and for counts of one holder both clauses name ("Hansbrough now has 2,301 career points", "Hansbrough,
    # who now has 2,302 points"), whose name pins the quantity as an amount's noun does (the tuning part's career
    # points at 0.44; no false alarm there at this threshold) ...
    same_held_context: float = 0.4
    # ... and for counts whose words name one outcome in the outcome list ("escaped", "broke out", "injured",
    # "detained"), whose sentences say the rest in other words ("Ten people are killed and about 50 hurt", "As many
    # as 80 people were also wounded"): set on the tuning part (0.4 missed its 200 arrested vs 400 detained, at
    # 0.33, and other tuning topics' 50 vs 70 vs 80 injured; 0.25 adds no false alarm there).
    same_outcome_context: float = 0.25
    # A length of one unit written with "a" ("a week after", "an hour later") stands for this share of the unit
    # either side, as speakers round to it: "nine days after" is "a week after" said loosely, not a dispute.
    one_unit_share: float = 0.5
    # Outlets that date one event differently are days apart, not weeks ("1969" and "1970" are a day apart at
    # their closest): dates further apart are other events.
    max_days_apart: int = 3
    # ... but for a year written alone and miswritten by one digit ("sold in 1957", "sold in 1967" in sentences
    # aligned as one claim), a slip of the keys or of a source, as a phone number's is: years this many digits
    # apart are still one event's (the tuning part's oil-field sale, 1957 and 1967).
    max_year_digit_slips: int = 1
    # "today", "yesterday": days either side such a day allows, resolved against a feed's publication date.
    deictic_days: int = 2
    # Reports of one event round, revise and dispute (police and organisers count a march differently), but they
    # do not give figures of one quantity an order of magnitude apart: "at least two people injured" in an
    # attack on a TV crew is not the riots' "about 100". Measured between the closest values the two allow.
    max_ratio: float = 5.0
    # Agencies measure one quake's magnitude differently, by tenths ("5.9", "6.1"): magnitudes further apart than
    # this are of other quakes (an aftershock's 3.8), as a magnitude counts tenfold steps.
    max_magnitude_apart: float = 1.0
    # Outlets give one person's age a year apart (a birthday between their sources): ages further apart are the
    # person's at another time of the story (the tuning gold's "27" at the shooting and "29" at the verdict).
    max_age_years_apart: int = 1
    # A time of day written to the hour ("3 p.m.") stands for this many minutes either side ...
    clock_hour_minutes: int = 15
    # ... one written to the quarter hour ("3:30 a.m.", which another outlet may give as the 3:33 it rounds) this many
    clock_quarter_minutes: int = 5
    # ... "about 8.40pm" for at least this many, and "after 3 p.m." or "before" reach this far.
    clock_about_minutes: int = 5
    clock_bound_minutes: int = 30
    # Outlets that time one event differently are minutes apart: times an hour apart are of other events, or the
    # same time in another zone that one of them does not name.
    max_minutes_apart: int = 40
    # A game clock's plays follow each other within seconds, so its times of one event are compared only this close:
    # "7:41" and "7:42" left of one basket, "10:03" and "6:00" to play of one tying field goal (seconds).
    max_game_clock_seconds_apart: int = 300
    # A game clock shows whole seconds, and outlets read it at the play or a tick later, when it was stopped for the
    # play: a clock stands for this many seconds either side, so that "7:41" and "7:42" left of one basket agree
    # (the tuning gold's look-alike) and clocks two seconds apart do not, as "20:49" and "20:50" agree for a time of
    # day written to the minute.
    game_clock_rounding_seconds: float = 0.5
    # A length of several units is written in parts of its largest ("two and a half years" is P2Y6M to the time
    # expressions, "three and a quarter hours" PT3H15M): quarters, and a total this far from one, in quarters (a
    # month's half is 15 days, 0.49 of 30.44), or further is of units the text lists, no one length.
    length_parts: int = 4
    max_length_part_slip: float = 0.2
    # Two outlets' win-loss records of one holder are one standing when they count this many games more or less at
    # most: a slip of one number ("52-3", "53-3"; a report of a game gives the standing after it, and one giving the
    # standing before it, "rose to 9-5" for 10-5, misreports it); records further apart are other days of a season
    # ("10-0", "14-1"), or a score written beside a name ("65-53").
    max_record_games_apart: int = 1
    # Name words this long or longer are one name when spelt with the same letters in another order ("Klitchsko",
    # "Klitschko"): a typing slip, where shorter names may share their letters by chance ("Mary", "Myra").
    min_transposed_name: int = 6
    # Phone numbers of one party written differently by a slip ("0845 125 2222", "0845 125 222") are this many
    # digits dropped, added or changed apart; numbers further apart are other numbers (the police's, a charity's).
    max_phone_digit_edits: int = 1
    # One event has one day: outlets that disagree on it give two (each tuning gold's disputed day has two values);
    # days given three or more ways are the days of as many occasions of one kind ("released on Monday", "on
    # Tuesday", "on Thursday": three batches of documents), not one day in dispute.
    max_disputed_days: int = 2


CONFIG = FigureConfig()

# The year a day written without its year is placed in until the story gives it one (a leap year, so that 29
# February is a day): its figures are compared only with each other (dimension YEARLESS).
YEARLESS_YEAR = 2000
YEARLESS = "yearless"
# The dimension and unit of a firearm's caliber (".38-caliber"), in inches, shown with its point as written.
CALIBER = "caliber"
# A weekday an article without a real publication date writes ("checked in on Tuesday"), placed in the week of
# WEEKDAY_MONDAY (a Monday) to be compared only with other such weekdays (dimension WEEKDAY): one event has one
# weekday, whatever week each outlet wrote in.
WEEKDAY_MONDAY = 730122  # 2000-01-03
WEEKDAY = "weekday"


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure and what it is a figure of. ``value`` is as written, in its unit (a date's day as an ordinal, or its
    year when no day is written); ``range`` the values it allows, in its dimension's base unit (days as ordinals)."""

    span: Span
    sentence: Span
    outlet: str
    value: float
    kind: str  # COUNT, LABEL (a number naming which one), MONEY, PERCENT, MEASURE, DATE, CLOCK (a time of day),
    # INTERVAL (the time between two events), DURATION (how long an event lasts), ORDINAL (which day of a series),
    # AGE (a named person's), PHONE (a phone number), GAME_CLOCK (seconds left in or into a period of play) or
    # RECORD (a part of a named holder's win-loss record: "52" wins of "52-3") or OCCASION (which time a named holder
    # does a thing: "his sixth defense")
    unit: str  # the currency or unit of measure ("km"); a date's precision ("day" ... "decade"); a time's zone;
    # an interval's unit of time as written ("weeks"); a phone number as written; a record as written ("52-3");
    # "" for counts
    dimension: str  # what figures must share to be compared: the currency, "percent", "length"; "dollar/season"
    # for an amount per season; "before" or "after" for an interval
    bound: str  # how exactly it is written: exact, about, nearly, lower or upper (storyline.text.estimates)
    range: Range
    counted: str
    predicate: str
    what: str  # what it is a figure of, in the text's words: "workers killed", "damage"
    context: str
    names: frozenset[str] = frozenset()  # with figure_words.UNNAMED for a person named by a pronoun only
    times: frozenset[str] = frozenset()
    hedge: str = ""  # the words that bound it, as written: "more than", "about", "or so"
    day: str = ""  # the day its clause names ("XXXX-WXX-5" for Friday), if any; for an age, the day the article
    # was published, if it really has a date
    person: bool = False  # whether its clause names a person it is of, or by a pronoun ("he scored 16 points")
    holders: frozenset[str] = frozenset()  # the name words of whose it is, its clause's subject or owner ("Deon
    # Thompson had 15 points"), with figure_words.UNNAMED for a personal pronoun (and the name words of the one
    # person the sentences around it name, if any)
    total: bool = False  # whether it is written as a running total ("a total of 12", "five so far", "in all")
    news_day: bool = False  # whether its day is named only by its distance from the day of writing ("yesterday")
    revised: bool = False  # whether it is given as revised up since an earlier count ("the toll rose to seven", a
    # toll of deaths in a report that says a victim died later): a lower count may be that earlier one


def readable(value: float) -> str:
    """A figure as a reader writes it: "43", "1.2 billion", "60 million", "12,500"."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,g}"
