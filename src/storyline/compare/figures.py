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
for 30 years") only from an article really dated, with its day. A duration between two events ("married three weeks
before he was murdered", "found him three hours later") is an interval, with the event it dates and the one it
counts from. The lengths of runs and windows ("a three-game losing streak", "10 straight games", "eight of their
last 10 games") are not read: each outlet counts a run to its own day and picks its own window. A figure in a clause
of what may be ("could cost $2 billion") is a guess, not a report, and is not read either.

A date is a figure only where the text writes its year or its month and day ("died on 18 December", placed in the
year the story gives that month, if one), or where a relative date ("Thursday") is resolved against a publication
date the article really has: a date resolved against a guessed publication date is no figure. A time
of day is read with the time zone it names and the day its clause names, if any (:mod:`storyline.text.clock`).
:mod:`storyline.compare.conflicts` decides which figures of different outlets give one quantity and which disagree.

The module is over 400 lines and not split: its readers of numbers, dates, times, durations and ages build the one
Figure and share its config and its extract; the parse reading they share is in :mod:`storyline.compare.figure_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure_words import (
    PERSON, aged, context, listed_places, name_of, names, of_object, participants, people_counted, phrase,
    predicate_words, sentence_of, times_named, verbs_above, what_happened, words_for,
)
from storyline.extract.timex.values import normalise
from storyline.model import Article, Span, TimeExpression
from storyline.text.clock import ClockTime, clock_times
from storyline.text.estimates import Range, Shares, allowed, hedge
from storyline.text.numbers import FIGURE, SPACED_THOUSANDS, read_number
from storyline.text.wordlists import pairs, words


@dataclass(frozen=True, slots=True)
class FigureConfig:
    """How figures are read and when two of them are the same quantity. Similarities are cosines of MiniLM
    embeddings. Set by hand on the bundled examples' gold (examples/gold.json, tests/test_brief.py) and on the
    tuning part of the brief gold (eval/briefs/tune: its disagreements and tempting false alarms)."""

    # Heads climbed from a figure to the verb saying what happened to what it counts.
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
    # ... and for counts whose words name one outcome in the outcome list ("escaped", "broke out", "injured",
    # "detained"), whose sentences say the rest in other words ("Ten people are killed and about 50 hurt", "As many
    # as 80 people were also wounded"): set on the tuning part (0.4 missed its 200 arrested vs 400 detained, at
    # 0.33, and other tuning topics' 50 vs 70 vs 80 injured; 0.25 adds no false alarm there).
    same_outcome_context: float = 0.25
    # Outlets that date one event differently are days apart, not weeks ("1969" and "1970" are a day apart at
    # their closest): dates further apart are other events.
    max_days_apart: int = 3
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
    # ... "about 8.40pm" for at least this many, and "after 3 p.m." or "before" reach this far.
    clock_about_minutes: int = 5
    clock_bound_minutes: int = 30
    # Outlets that time one event differently are minutes apart: times an hour apart are of other events, or the
    # same time in another zone that one of them does not name.
    max_minutes_apart: int = 40


CONFIG = FigureConfig()

NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
CURRENCIES = pairs("currencies")
UNITS = {unit: (dimension, float(size)) for unit, (dimension, _, size) in
         ((unit, spec.partition("\t")) for unit, spec in pairs("measure_units").items())}
PERCENT_WORDS = {"%", "percent", "pct", "cent"}
# Words before a unit of length that make it a unit of area or volume, with the dimension and the power.
POWERS = {"square": ("area", 2), "sq": ("area", 2), "cubic": ("volume", 3)}
TIME_UNITS = pairs("time_units")
INTERVAL_WORDS = pairs("interval_words")
# A TIMEX3 duration of one unit ("P3W", "PT9H", "P3DE"), and the days each unit letter stands for (after a "T",
# units below a day: hours, minutes, seconds).
DURATION_VALUE = re.compile(r"P(T?)(\d+(?:\.\d+)?)(DE|CE|[YMWDHS])")
DAYS_IN = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1, "DE": 3652.5, "CE": 36525}
DAYS_IN_TIME = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
# The unit each letter stands for, after a "T" or not, as the brief names a duration's ("a century" is P100Y).
UNIT_NAMES = {("", "Y"): "year", ("", "M"): "month", ("", "W"): "week", ("", "D"): "day", ("", "DE"): "decade",
              ("", "CE"): "century", ("T", "H"): "hour", ("T", "M"): "minute", ("T", "S"): "second"}
# Verbs whose dates are no event's: the day of a statement ("said on Thursday"), or no event at all ("was").
EVENTLESS_VERBS = words("cue_verbs_clause") | {"be", "have", "do"}
EVENT_NOUNS = words("event_nouns")
# The ages a person may be given.
MIN_AGE, MAX_AGE = 1, 120
# A thousands group the parse split from its number, and the number it was split from ("more than 1, 400"): neither
# is read, as either may be an item of a list.
SPLIT_GROUP = re.compile(r"\d, \Z")
SPLIT_NUMBER = re.compile(r", \d{3}\b")
# A number paired with another by a dash, as scores and records are written ("a 20-13 lead", "fell to 36-3"): a
# side of a pair, not a quantity of its own.
SCORE = re.compile(r"\d ?[-–] ?\d")
SCORE_BEFORE = re.compile(r"\d ?[-–] ?\Z")
SCORE_AFTER = re.compile(r" ?[-–] ?\d")
# Adverbs that make an amount a rate ("$20 million annually"), with the unit of time it is per.
RATE_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}
DASHES = frozenset({"-", "–"})
# A quake's magnitude written before its number, and the scale written after it.
MAGNITUDE_BEFORE = re.compile(r"\bmagnitude\s*[-–]?\s*\Z", re.IGNORECASE)
RICHTER_AFTER = re.compile(r"\s+on\s+the\s+Richter\b", re.IGNORECASE)
RUN_WORDS = words("run_words")
# Prepositions that make a time of day the latest it happened at ("put out by 7 a.m.", "until", "before").
DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before"})
PART_COUNT_WORDS = words("part_count_words")
# Units a series is counted in ("the seventh straight day"), and ordinals in words and figures ("8th").
SERIES_UNITS = frozenset({"day", "night", "week"})
ORDINAL_WORDS = {word: int(number) for word, number in pairs("ordinals").items() if word.isalpha()}
ORDINAL_FIGURE = re.compile(r"(\d+)(?:st|nd|rd|th)")
# A number written as the whole a part is taken out of ("28 of 41 passes", "21 out of 25 fights"): the verb's
# count is the part; the whole is another quantity, often not named ("passes" thrown, not completed).
OUT_OF = re.compile(r"\d\s+(?:out\s+)?of\s+\Z")
# An end of a range ("$140-$150 million", "$145 million to $175 million", "between $140 million and $150 million"):
# the range is the figure, and neither end is one outlets agree or disagree on. "From 3 to 5" is a change, whose
# ends are read.
RANGE = re.compile(r"\bbetween\b|\d(?:\s+(?:million|billion|thousand))?\s*(?:[-–]|to)\s*[$€£]?\s*\d")
RANGE_BEFORE = re.compile(r"(?:\bbetween\s+[$€£]?|(?<!from )\b[$€£]?[\d.,]+(?:\s+(?:million|billion|thousand))?"
                          r"\s*(?:[-–]|to)\s*[$€£]?|\bbetween\s+[$€£]?[\d.,]+(?:\s+(?:million|billion|thousand))?"
                          r"\s+and\s+[$€£]?)\Z")
RANGE_AFTER = re.compile(r"\s*(?:[-–]|to)\s*[$€£]?\s*\d")
POSSIBILITY_MODALS = words("possibility_modals")
HYPHENED_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
WRITTEN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
WEEKDAYS = frozenset(day.lower() for day in pairs("weekdays"))
DECADE_ENDING = re.compile(r"\s?'?s\b")
# A day a time expression's value tells: a weekday, or a date with its year.
KNOWN_DAY = re.compile(r"XXXX-WXX-\d|\d{4}-\d{2}-\d{2}")
# A day the text names without its year: a weekday, a month's day, or a day counted from the publication date.
DAY_OF_WEEK_OR_MONTH = re.compile(r"XXXX-(?:WXX-\d?|\d{2}-\d{2}|XX-XX)")
# A month's day written without its year ("died on 18 December", "convicted March 20").
DAY_OF_MONTH = re.compile(r"XXXX-(\d{2})-(\d{2})")
# The year a day written without its year is placed in until the story gives it one (a leap year, so that 29
# February is a day): its figures are compared only with each other (dimension YEARLESS).
YEARLESS_YEAR = 2000
YEARLESS = "yearless"


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure and what it is a figure of. ``value`` is as written, in its unit (a date's day as an ordinal, or its
    year when no day is written); ``range`` the values it allows, in its dimension's base unit (days as ordinals)."""

    span: Span
    sentence: Span
    outlet: str
    value: float
    kind: str  # COUNT, LABEL (a number naming which one), MONEY, PERCENT, MEASURE, DATE, CLOCK (a time of day),
    # INTERVAL (the time between two events), DURATION (how long an event lasts), ORDINAL (which day of a series)
    # or AGE (a named person's)
    unit: str  # the currency or unit of measure ("km"); a date's precision ("day" ... "decade"); a time's zone;
    # an interval's unit of time as written ("weeks"); "" for counts
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
    # Thompson had 15 points"), with figure_words.UNNAMED for a personal pronoun


def extract(article: Article, doc: Doc, times: list[TimeExpression] = (),
            config: FigureConfig = CONFIG) -> list[Figure]:
    """The article's figures: numbers from the parse, the dates its time expressions give, and the times of day it
    writes."""
    clocks = clock_times(article.text)
    numbers = _placed([f for tokens in _number_spans(doc, times, clocks)
                       if (f := _number(article, tokens, times, config))], doc)
    return numbers + [f for time in times if (f := _time_figure(article, doc, time, times, config))] + [
        f for time in times if (f := _interval(article, doc, time, config) or _duration(article, doc, time, times,
                                                                                          config))] + [
        f for clock in clocks if (f := _clock_figure(article, doc, clock, times, config))] + [
        f for token in doc if token.like_num and (f := _age(article, token, times, config))] + [
        f for entity in doc.ents if (f := _series_ordinal(article, entity, times, config))]


# --- numbers ----------------------------------------------------------------------------------------------------

def _placed(numbers: list[Figure], doc: Doc) -> list[Figure]:
    """The figures, each of a sentence's figures of one unit that it lists with one place each ("80 percent in
    Egypt, 65 percent in India") named by its own place only (figure_words.listed_places)."""
    listed: dict[tuple, list[int]] = {}
    for i, figure in enumerate(numbers):
        listed.setdefault((figure.sentence, figure.kind, figure.dimension), []).append(i)
    numbers = list(numbers)
    for members in (m for m in listed.values() if len(m) > 1):
        tokens = [doc.char_span(numbers[i].span.start, numbers[i].span.end, alignment_mode="expand")
                  for i in members]
        places = listed_places(doc, [(t.start, t.end) for t in tokens]) if None not in tokens else None
        if places is not None:
            every = frozenset().union(*places)
            for i, own in zip(members, places):
                numbers[i] = replace(numbers[i], names=numbers[i].names - every | own)
    return numbers


def _number_spans(doc: Doc, times: list[TimeExpression], clocks: list[ClockTime]) -> list[SpacySpan]:
    """The number entities, a thousands group written after a comma and a space ("30, 000") joined to the number
    before it, and numbers inside time expressions and times of day ("3:10 p.m.") left to those."""
    spans: list[SpacySpan] = []
    for entity in doc.ents:
        if entity.label_ not in NUMBER_LABELS:
            continue
        start = entity.start
        if start >= 2 and SPACED_THOUSANDS.fullmatch(doc[start - 2 : start + 1].text):
            start -= 2
            if spans and spans[-1].end > start:
                start = spans.pop().start
        if SPLIT_GROUP.search(doc.text, max(doc[start].idx - 4, 0), doc[start].idx) \
                or SPLIT_NUMBER.match(doc.text, doc[entity.end - 1].idx + len(doc[entity.end - 1].text)):
            continue
        tokens = SpacySpan(doc, start, entity.end, label=entity.label_)
        if not any(t.span.start < tokens.end_char and tokens.start_char < t.span.end for t in times) \
                and not any(c.start < tokens.end_char and tokens.start_char < c.end for c in clocks):
            spans.append(tokens)
    # a magnitude written before its number, which the tagger leaves untagged ("measured magnitude - 5.9")
    spans += [SpacySpan(doc, t.i, t.i + 1, label="QUANTITY") for t in doc
              if t.like_num and not t.ent_type_ and MAGNITUDE_BEFORE.search(doc.text, 0, t.idx)]
    return sorted(spans, key=lambda span: span.start)


def _number(article: Article, tokens: SpacySpan, times: list[TimeExpression], config: FigureConfig) -> Figure | None:
    value = read_number(tokens.text, FIGURE)
    if value is None or SCORE_BEFORE.search(article.text, max(tokens.start_char - 4, 0), tokens.start_char) \
            or OUT_OF.search(article.text, max(tokens.start_char - 12, 0), tokens.start_char) \
            or SCORE_AFTER.match(article.text, tokens.end_char) or SCORE.search(tokens.text) \
            or _range_end(article.text, tokens):
        return None
    doc = tokens.doc
    kind, unit, dimension, size, unit_token = _unit(tokens)
    anchor = _anchor(tokens, unit_token)
    if anchor.dep_ == "appos" and anchor.head.ent_type_ == "MONEY":
        # "200 million euros ($265.3 million)": a conversion, worth what the figure it converts is worth
        return None
    implied = people_counted(anchor) if kind == "COUNT" else None
    counted = implied or (_counted(anchor) if kind == "COUNT" else _measured(anchor))
    if counted is None or not counted.is_alpha or _ranked(counted, tokens) or _hyphenated_modifier(counted, tokens) \
            or _part(counted, tokens) \
            or _run(counted) \
            or (kind == "COUNT" and (counted.lemma_.lower() in TIME_UNITS or counted.lower_ in UNITS)):
        # a count of hours or of yards ("a seven-yard touchdown") is a measure the parse did not tag as one
        return None
    if (rate := _rate(tokens)) is not None:
        dimension, unit = f"{dimension}/{rate}", f"{unit} per {rate}".strip()
    if implied is not None:
        predicate = implied
    elif kind == "COUNT" and counted.tag_ in {"NN", "NNP"} and value != 1:
        # "the 12000 block", "Flight 447": a number that names which one, not how many; what happened there
        # says nothing of which it is
        kind, predicate = "LABEL", None
    elif kind == "COUNT":
        predicate = what_happened(counted, counted, config.governing_hops)
    else:
        # "a 1.2 billion euro programme": an amount that modifies its noun is that noun's size, whatever is done
        # with it ("bring forward a programme")
        modifies = anchor.head == counted and anchor.dep_ in COUNTING_DEPS
        predicate = what_happened(None if modifies else anchor, counted, config.governing_hops)
    clause = next(iter(verbs_above(anchor)), None)
    if clause is not None and any(child.dep_ == "aux" and child.lower_ in POSSIBILITY_MODALS
                                  for child in clause.children):
        return None  # "the repairs could cost $2 billion": a guess of what may be, not a report
    bound, hedged = _bound(tokens)
    written = allowed(value, bound, config.shares, tokens.text)
    what = words_for(counted, predicate)
    named, person, holders = participants(anchor, counted, predicate)
    if implied is not None and implied.pos_ == "VERB":
        what = f"people {what}"  # "people killed" for "the quake killed 4"
    return Figure(article.span(tokens.start_char, tokens.end_char, tokens.label_), sentence_of(article, tokens),
                  article.outlet, value, kind, unit, dimension, bound, Range(written.low * size, written.high * size),
                  PERSON if implied is not None else phrase(counted, anchor), predicate_words(predicate), what,
                  context(tokens, config.context_tokens),
                  named, times_named(tokens, anchor, times, article), hedged,
                  _day(tokens, clause, times) if clause is not None else "", person, holders)


def _age(article: Article, number: Token, times: list[TimeExpression], config: FigureConfig) -> Figure | None:
    """A named person's age as a figure (:func:`storyline.compare.figure_words.aged`): whole years, of the person
    its name words tell, at the times its clause names, on the day the article was really published (its ``day``;
    none for an undated article or a guessed date: a story's articles may be years apart, and its people's ages
    with them)."""
    if (person := aged(number)) is None or (value := read_number(number.text, FIGURE)) is None \
            or not MIN_AGE <= value <= MAX_AGE or value != int(value) \
            or SCORE_BEFORE.search(article.text, max(number.idx - 4, 0), number.idx) \
            or SCORE_AFTER.match(article.text, number.idx + len(number.text)):
        return None
    published = article.published.date().isoformat() if article.published and not article.published_inferred \
        else ""
    tokens = number.doc[number.i : number.i + 1]
    return Figure(article.span(number.idx, number.idx + len(number.text), "AGE"), sentence_of(article, tokens),
                  article.outlet, value, "AGE", "year", "age", "exact", Range(value, value), "age", "",
                  f"age of {person.text}", context(tokens, config.context_tokens), frozenset(name_of(person)),
                  times_named(tokens, number, times, article), day=published)


def _series_ordinal(article: Article, entity: SpacySpan, times: list[TimeExpression],
                    config: FigureConfig) -> Figure | None:
    """Which day (night, week) of a series a clause names, as a figure of the series ("continued for the seventh
    straight day", "on the eighth day of protests"): its value the ordinal. Each outlet counts a series to the day
    it writes of, so the figure carries that day (``day``: the day its clause names, or the day the article was
    really published) and is read only where there is one."""
    root = entity.root
    if root.lemma_.lower() not in SERIES_UNITS:
        return None
    value = next((ORDINAL_WORDS.get(t.lower_) or (int(m.group(1)) if (m := ORDINAL_FIGURE.fullmatch(t.lower_))
                                                   else None) for t in entity
                  if t.lower_ in ORDINAL_WORDS or ORDINAL_FIGURE.fullmatch(t.lower_)), None)
    head = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    # the series is what the day is "of", else the subject of the verb it hangs from ("protests continued"), else
    # that verb ("overtaken")
    series = of_object(root) or (_subject(head) or head if head.pos_ == "VERB" else None)
    if value is None or series is None or series.lemma_.lower() in EVENTLESS_VERBS:
        return None
    clause = next(iter(verbs_above(root)), None)
    day = _day(entity, clause, times) if clause is not None else ""
    if not day and article.published is not None and not article.published_inferred:
        day = article.published.date().isoformat()
    if not day:
        return None
    return Figure(article.span(entity.start_char, entity.end_char, "ORDINAL"), sentence_of(article, entity),
                  article.outlet, float(value), "ORDINAL", root.lemma_.lower(), root.lemma_.lower(), "exact",
                  Range(value, value), series.lemma_.lower(), predicate_words(series),
                  f"{root.lemma_.lower()} of {series.text}", context(entity, config.context_tokens),
                  names(root, series, series), times_named(entity, root, times, article), day=day)


def _ranked(counted: Token, tokens: SpacySpan) -> bool:
    """Whether a counted noun is ranked by a superlative ("the 12 worst-hit villages", "the four hardest-hit"):
    each outlet draws such a line where it likes, so the count is of no one quantity."""
    return any(t.tag_ in {"JJS", "RBS"} and not tokens.start <= t.i < tokens.end
               for child in counted.lefts if child.dep_ in {"amod", "advmod", "compound"} for t in child.subtree)


def _range_end(text: str, tokens: SpacySpan) -> bool:
    """Whether a number is an end of a range its text writes (``RANGE``), not a figure of its own."""
    before = text[max(tokens.sent.start_char, tokens.start_char - 40) : tokens.start_char]
    from_before = re.search(r"\bfrom\s+\Z", before) is not None
    return bool(RANGE.search(tokens.text) and not from_before) or RANGE_BEFORE.search(before) is not None \
        or (RANGE_AFTER.match(text, tokens.end_char) is not None and not from_before) \
        or re.search(r"\bbetween\s+\Z", before) is not None


def _part(counted: Token, tokens: SpacySpan) -> bool:
    """Whether a counted noun is counted as a part of a total or an addition to one ("one final chance", "the
    remaining 12 hostages", "five more people"): each outlet draws such a part at its own
    point."""
    doc = tokens.doc
    return any(child.dep_ in {"amod", "advmod", "det", "compound"} and child.lower_ in PART_COUNT_WORDS
               and not tokens.start <= child.i < tokens.end
               and not (child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "than")  # "more than 50" bounds
               for head in (counted, *tokens) for child in head.children)


def _hyphenated_modifier(counted: Token, tokens: SpacySpan) -> bool:
    """Whether the number and its noun are hyphened into a modifier of another noun ("a three-game losing
    streak", "a 10-game stretch", "a two-day strike"): the figure is the length of the streak or the strike, of
    which outlets choose different stretches, not a count of games or days, nor a number naming one."""
    return counted.i == tokens.end + 1 and tokens.doc[tokens.end].text in DASHES \
        and counted.dep_ in HYPHENED_MODIFIER_DEPS and counted.head.pos_ in {"NOUN", "PROPN"}


def _run(counted: Token) -> bool:
    """Whether a count is the length of a run or of a window of recent ones ("10 straight games", "eight of
    their last 10 games", "three games in a row"): each outlet counts the run to its own day, and picks its own
    window."""
    doc = counted.doc
    return any(child.dep_ in ("amod", "advmod", "compound") and child.lower_ in RUN_WORDS
               for child in counted.children) or doc[counted.i + 1 : counted.i + 4].text.lower() == "in a row"


def _rate(tokens: SpacySpan) -> str | None:
    """What an amount is given per, written after it: "season" in "$20 million per season", "year" in "a year",
    "annually"; None for a total."""
    doc = tokens.doc
    following = [t for t in doc[tokens.end : tokens.end + 2]]
    if following and following[0].lower_ in RATE_ADVERBS:
        return RATE_ADVERBS[following[0].lower_]
    if len(following) == 2 and following[1].pos_ == "NOUN" and following[1].lower_ not in PERCENT_WORDS and (
            following[0].lower_ == "per" or (following[0].lower_ in {"a", "an", "each", "every"}
                                             and following[1].lemma_.lower() in TIME_UNITS)):
        return following[1].lemma_.lower()
    return None


def _anchor(tokens: SpacySpan, unit: Token | None) -> Token:
    """The token by which the figure hangs in its sentence: its number (or unit) word whose head lies outside it
    ("000" in "An estimated 100, 000 people", "euros" in "200 million euros")."""
    outside = [t for t in tokens if (t.like_num or t == unit) and not tokens.start <= t.head.i < tokens.end]
    anchor = outside[-1] if outside else tokens.root
    return unit if unit is not None and anchor.head == unit else anchor


def _bound(tokens: SpacySpan) -> tuple[str, str]:
    """How exactly the figure is written, from the words before its first number word and after it: its bound
    and its hedge as written (storyline.text.estimates.hedge)."""
    doc = tokens.doc
    first = next((t for t in tokens if t.like_num), tokens[0])
    return hedge(doc.text[max(tokens.sent.start_char, first.idx - 40) : first.idx],
                 doc.text[tokens.end_char : tokens.end_char + 20])


def _unit(tokens: SpacySpan) -> tuple[str, str, str, float, Token | None]:
    """The kind of a number and its unit: (kind, unit, dimension, size of the unit in the dimension's base unit,
    the unit's token). The unit is a word of the figure, one of the two after it ("40 million euros") or the word
    before it ("$", "magnitude 6.8"); a figure the parse calls a quantity is read as a measure first ("135 pounds"
    weighs)."""
    doc = tokens.doc
    last = max((t.i for t in tokens if t.like_num), default=tokens.start)
    # the words after the last number first: "5-foot-8, 135 pounds" weighs
    near = list(doc[last + 1 : tokens.end]) + [doc[i] for i in range(tokens.end, min(tokens.end + 2, len(doc)))
                                              if not doc[tokens.end].is_punct] + list(doc[tokens.start : last + 1])
    if tokens.start > 0:  # "$" or "magnitude" written before the number, or before a dash before it
        near.append(doc[tokens.start - 1])
        if tokens.start > 1 and doc[tokens.start - 1].text in DASHES:
            near.append(doc[tokens.start - 2])

    def money() -> tuple | None:
        # a verb is no currency: "won 12 games"
        token = next((t for t in near if (t.text in CURRENCIES or t.lemma_.lower() in CURRENCIES)
                      and t.pos_ not in ("VERB", "AUX")), None)
        if token is None:
            return None
        currency = CURRENCIES.get(token.text) or CURRENCIES[token.lemma_.lower()]
        return "MONEY", currency, currency, 1.0, token

    def percent() -> tuple | None:
        token = next((t for t in near if t.lower_ in PERCENT_WORDS), None)
        return ("PERCENT", "percent", "percent", 1.0, token) if token is not None else None

    def measure() -> tuple | None:
        if RICHTER_AFTER.match(doc.text, tokens.end_char):  # "measuring 5.9 on the Richter scale"
            return "MEASURE", "magnitude", *UNITS["magnitude"], doc[tokens.end + 2]
        token = next((t for t in near if t.lower_ in UNITS), None)
        if token is None:
            return None
        dimension, size = UNITS[token.lower_]
        # "170,000 square feet" is an area, "a 15,800-square-metre building" the same one; "cubic" metres a volume
        before = next((word for word in [*(c.lower_.rstrip(".") for c in token.children if c.dep_ == "amod"),
                                         doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""]
                       if word in POWERS), "")
        if dimension == "length" and before:
            dimension, power = POWERS[before]
            size = size ** power * (1000 if dimension == "volume" else 1)  # litres in a cubic metre
            return "MEASURE", f"{before} {token.lower_}", dimension, size, token
        return ("MEASURE", token.lower_, dimension, size, token) if dimension != "-" else \
            ("UNCOMPARED", token.lower_, "", 1.0, token)

    readings = (measure, money, percent) if tokens.label_ == "QUANTITY" else (money, percent, measure)
    return next((found for reading in readings if (found := reading())), ("COUNT", "", "", 1.0, None))


def _counted(anchor: Token) -> Token | None:
    """The noun a count counts: "workers" in "three dock workers". A part of a group ("three of the workers",
    "three people, one of them a woman") counts a part, not the group, and is left out."""
    if anchor.dep_ in COUNTING_DEPS - {"appos"} and anchor.head.pos_ in {"NOUN", "PROPN"} \
            and not anchor.head.like_num and of_object(anchor) is None:
        return anchor.head
    return None


def _measured(anchor: Token) -> Token | None:
    """What an amount, percentage or measure is of: "damage" in "200 million euros of damage", "deal" in "a $13.9
    billion deal", "premium" in "a premium of 33%", "damage" in "the damage is $2 million", "shares" in "shares
    jumped 30 percent"; for a figure listed after another of its unit, what that one is of ("55 percent of voice
    traffic in Saudi Arabia, 52 percent in Egypt")."""
    if anchor.dep_ in {"conj", "appos"} and anchor.head.lower_ == anchor.lower_:
        return _measured(anchor.head)
    if (found := of_object(anchor)) is not None:
        return found
    if anchor.dep_ in COUNTING_DEPS and anchor.head.pos_ in {"NOUN", "PROPN"}:
        return anchor.head
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ == "NOUN":
        return anchor.head.head
    head = anchor.head
    if anchor.dep_ == "dobj" and head.dep_ == "acl" and head.head.pos_ == "NOUN":
        return head.head  # "an earthquake measuring 5.9"
    for _ in range(2):
        arguments = [c for dep in ("nsubjpass", "dobj", "nsubj") for c in head.children
                     if c.dep_ == dep and c.pos_ in {"NOUN", "PROPN"} and c != anchor and anchor not in c.subtree
                     and c.lower_ not in UNITS]  # "the quake measured magnitude - 5.9" measures the quake
        if arguments:
            return arguments[0]
        if head.pos_ in {"VERB", "AUX"} or head.head is head:
            break
        head = head.head
    return None


# --- dates ----------------------------------------------------------------------------------------------------

def _time_figure(article: Article, doc: Doc, time: TimeExpression, times: list[TimeExpression],
                 config: FigureConfig) -> Figure | None:
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if tokens is None:
        return None
    if time.type != "DATE":
        return None
    written = _written_date(article, time, config)
    event = _event(tokens.root, config)
    if written is None or event is None:
        return None
    low, high, precision = written
    dimension = ""
    if precision == YEARLESS:
        precision, dimension = "day", YEARLESS
    # shown as the day's ordinal, or the year when no day is written (as the brief's gold writes values)
    shown = (low + high) / 2 if precision == "day" else date.fromordinal(int(low)).year
    return Figure(time.span, sentence_of(article, tokens), article.outlet, shown, "DATE", precision, dimension,
                  "exact",
                  Range(low, high), *_event_words(event), context(tokens, config.context_tokens),
                  names(event, event, None))


def _written_date(article: Article, time: TimeExpression, config: FigureConfig) -> tuple[float, float, str] | None:
    """The days a date allows (ordinals) and its precision ("day", "month", "year", "decade"), or None for a date the
    text does not give: only a date whose year is written, a day named relative to a publication date the
    article really has ("Thursday", "December 18", "yesterday"), or a month's day written in full without its
    year ("died on 18 December": precision YEARLESS, the day in YEARLESS_YEAR) is a figure. A weekday is read only
    from a real publication date, never from none or a guessed one. A day named only by its distance from the
    publication day ("today", "yesterday") allows ``config.deictic_days`` either side: a feed may date an article
    a day or two after it was written."""
    text = time.span.text(article)
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
        if not (real_date and DAY_OF_WEEK_OR_MONTH.match(written)):
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


def _event(token: Token, config: FigureConfig) -> Token | None:
    """The event a date is the day of: the verb it attaches to ("died on Thursday", "indicted in 1969", "the
    attack began late on Saturday"), directly or through a preposition, or the noun it modifies ("the June 24
    killing") or takes through "on" or "in" where the noun names an event ("the shooting on 6 December"); None for
    verbs of saying, whose dates are those of a statement, not of the news, and for "be",
    "have" and "do", which name no event."""
    head = token.head
    for _ in range(3):  # "in the early hours of Sunday": through the time words around the day
        if head.dep_ == "prep" and head.head is not head:
            head = head.head
        if not (head.ent_type_ in {"DATE", "TIME"} and head.dep_ == "pobj"):
            break
        token, head = head, head.head
    if head.pos_ == "NOUN" and token.dep_ in COUNTING_DEPS:
        return head
    if head.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in {"on", "in"} \
            and head.lemma_.lower() in EVENT_NOUNS:
        return head  # "the shooting on 6 December", "his arrest in 2005"
    if head.pos_ == "VERB" and head.lemma_.lower() not in EVENTLESS_VERBS:
        return head
    return None


def _subject(event: Token) -> Token | None:
    """The noun an event verb is said of: "attack" in "the attack began" and in "the attack, which began"."""
    if event.dep_ == "relcl" and event.head.pos_ == "NOUN" \
            and any(c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ == "WDT" for c in event.children):
        return event.head
    return next((c for c in event.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"), None)


def _event_words(event: Token) -> tuple[str, str, str]:
    """What a date or time is of, as a figure's counted, predicate and what: ("attack begin", "begin", "attack
    began") for "the attack began late on Saturday"; ("killing", "killing", "killing") for "the June 24 killing"."""
    return (phrase(event) if event.pos_ == "NOUN" else _arguments(event), predicate_words(event),
            words_for(_subject(event), event))


def _interval(article: Article, doc: Doc, time: TimeExpression, config: FigureConfig) -> Figure | None:
    """A duration that is the interval between two events, as a figure of the event it dates ("married three
    weeks before he was murdered": "marry", counted from "murder"): its value as written ("3" weeks), its range in
    days. A duration of no such interval, or of more than one unit ("two years and six months"), is no figure."""
    match = DURATION_VALUE.fullmatch(time.value) if time.type == "DURATION" else None
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if match is None or tokens is None:
        return None
    if tokens.root.dep_ != "npadvmod":
        return None
    head = tokens.root.head
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in INTERVAL_WORDS), None)
    if mark is not None and head.dep_ == "advcl":
        # "married three weeks before he was murdered": the clause "before" opens is the other event
        direction, since, event = INTERVAL_WORDS[mark.lower_], head, head.head
    elif head.lower_ in INTERVAL_WORDS:
        # "two days after the break-in", "three hours later"
        direction, event = INTERVAL_WORDS[head.lower_], head.head
        since = next((c for c in head.children if c.dep_ == "pobj"), None)
    else:
        return None
    if event.pos_ != "VERB" or event.lemma_.lower() in EVENTLESS_VERBS:
        return None
    days = (DAYS_IN_TIME if match.group(1) else DAYS_IN)[match.group(3)]
    value = float(match.group(2))
    bound, hedged = _bound(tokens)
    written = allowed(value, bound, config.shares, tokens.text)
    since_words = [] if since is None else [t.lemma_.lower() for t in (
        *(c for c in since.children if c.dep_ == "compound"), since)]  # "break-in"
    counted = " ".join([_arguments(event), *since_words])
    return Figure(time.span, sentence_of(article, tokens), article.outlet, value, "INTERVAL", tokens.root.lower_,
                  direction, bound, Range(written.low * days, written.high * days), counted, predicate_words(event),
                  f"{words_for(_subject(event), event)} {direction} {' '.join(since_words) or 'that'}",
                  context(tokens, config.context_tokens),
                  names(event, event, None), hedge=hedged)


def _duration(article: Article, doc: Doc, time: TimeExpression, times: list[TimeExpression],
              config: FigureConfig) -> Figure | None:
    """A duration of one unit as a figure of the event it is the length of: "sentenced to seven years" and "a
    seven-year sentence" (the sentence), "served for 30 years" (serving), "five days of riots" (the riots). Its
    value as written, its range in days. A duration that runs to the article's own day ("five days of riots", "has
    served for 30 years") is counted by each outlet to the day it writes: it is read only from an article really
    dated, with that day (``day``), so that it is compared only with one counted to the same day. A deadline
    ("within 10 days"), a part ("three more years"), a bound of what may be ("a possible maximum of 27 years") and
    a duration of no event are no figure."""
    match = DURATION_VALUE.fullmatch(time.value) if time.type == "DURATION" else None
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if match is None or tokens is None:
        return None
    root = tokens.root
    found = _lasting(root)
    if found is None or any(t.lower_ in PART_COUNT_WORDS for t in (*tokens, *root.children)):
        return None
    event, runs = found
    if event.lemma_.lower() in EVENTLESS_VERBS or (event.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in event.children)):
        return None
    day = ""
    if runs:
        if article.published is None or article.published_inferred:
            return None
        day = article.published.date().isoformat()
    days = (DAYS_IN_TIME if match.group(1) else DAYS_IN)[match.group(3)]
    value = float(match.group(2))
    bound, hedged = _bound(tokens)
    written = allowed(value, bound, config.shares, tokens.text)
    named, person, holders = participants(root, event, event)
    unit = UNIT_NAMES[(match.group(1), match.group(3))]
    unit = unit if value == 1 else "centuries" if unit == "century" else f"{unit}s"
    return Figure(time.span, sentence_of(article, tokens), article.outlet, value, "DURATION", unit, "time", bound,
                  Range(written.low * days, written.high * days), event.lemma_.lower(), event.lemma_.lower(),
                  f"length of {event.text}", context(tokens, config.context_tokens), named,
                  times_named(tokens, root, times, article), hedged, day, person, holders)


def _lasting(root: Token) -> tuple[Token, bool] | None:
    """The event a duration is the length of, and whether the duration runs to the writer's day: the riots of
    "five days of riots" (running); the noun of "a five-year sentence" and "a sentence of five years" (a length
    set once); the verb of "sentenced to five years", "feigned illness for 30 years" and "served five years",
    running unless the verb is in the simple past ("has served for 30 years" runs)."""
    of = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj" and g.pos_ in {"NOUN", "VERB"}), None)
    head = root.head
    if of is not None:
        return of, True
    if root.dep_ in {"compound", "amod", "nummod", "npadvmod"} and head.pos_ == "NOUN":
        return head, False
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head, False
    if (root.dep_ == "pobj" and head.lower_ in {"for", "to"}) or root.dep_ == "dobj":
        verb = head.head if root.dep_ == "pobj" else head
        if verb.pos_ != "VERB":
            return None
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD"
                                                                  for c in verb.children))
        return verb, perfect or not past
    return None


def _clock_figure(article: Article, doc: Doc, clock: ClockTime, times: list[TimeExpression],
                  config: FigureConfig) -> Figure | None:
    """A time of day as a figure of the event its clause tells ("broke out at 8.49pm"), its value the 24-hour
    time as a number (2049), its range the minutes after midnight its rounding and hedge allow."""
    tokens = doc.char_span(clock.start, clock.end, alignment_mode="expand")
    if tokens is None or (event := _event(tokens.root, config)) is None:
        return None
    bound, hedged = _bound(tokens)
    if bound == "exact" and tokens.start > 0 and doc[tokens.start - 1].lower_ in DEADLINE_PREPOSITIONS:
        bound, hedged = "upper", doc[tokens.start - 1].lower_  # "extinguished by 7 a.m.": at the latest
    rounding = config.clock_hour_minutes if clock.to_the_hour else 0.5
    about, reach = max(rounding, config.clock_about_minutes), config.clock_bound_minutes
    below, above = {"about": (about, about), "nearly": (config.clock_about_minutes, 0), "lower": (0, reach),
                    "upper": (reach, 0)}.get(bound, (rounding, rounding))
    return Figure(article.span(clock.start, clock.end, "TIME"), sentence_of(article, tokens), article.outlet,
                  clock.hhmm, "CLOCK", clock.zone, clock.zone, bound,
                  Range(clock.minutes - below, clock.minutes + above), *_event_words(event),
                  context(tokens, config.context_tokens), names(event, event, None),
                  times_named(tokens, event, times, article), hedged, _day(tokens, event, times))


def _day(tokens: SpacySpan, event: Token, times: list[TimeExpression]) -> str:
    """The day a figure's clause names, as its value without the time ("XXXX-WXX-5" for "at 8.49pm on Friday
    night", "86 arrests over the course of Saturday's protests"; "2008-12-19"): a date of the figure's sentence
    that hangs from the same verb."""
    doc = tokens.doc
    for time in times:
        if not (tokens.sent.start_char <= time.span.start < tokens.sent.end_char):
            continue
        written = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if written is not None and (written.root == event or event in written.root.ancestors) \
                and next((t for t in written.root.ancestors if t.pos_ in {"VERB", "AUX"}), event) == event:
            day = time.value.partition("T")[0]
            return day if KNOWN_DAY.fullmatch(day) else ""
    return ""


def _arguments(verb: Token) -> str:
    """The verb's lemma with its subject's and object's: "attack begin", "Felt die"."""
    arguments = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.pos_ in {"NOUN", "PROPN"}]
    return " ".join([*(a.lemma_.lower() for a in arguments), verb.lemma_.lower()])


def readable(value: float) -> str:
    """A figure as a reader writes it: "43", "1.2 billion", "60 million", "12,500"."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,g}"
