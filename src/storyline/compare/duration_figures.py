"""Durations as figures: the interval between two events ("married three weeks before he was murdered") and the
length of an event ("sentenced to seven years", "a five-year sentence"), each in days whatever its unit.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_events import EVENTLESS_VERBS, subject_of
from storyline.compare.figure_words import (
    context, figure_bound, names, participants, predicate_words, sentence_of, times_named, words_for,
)
from storyline.model import Article, TimeExpression
from storyline.text.estimates import Range, allowed
from storyline.text.wordlists import pairs, words

INTERVAL_WORDS = pairs("interval_words")
# A TIMEX3 duration ("P3W", "PT9H", "P3DE"; "P4M15D" for "four and a half months"): its date part and time part,
# each of numbers with unit letters; and the days each unit letter stands for (after a "T", units below a day:
# hours, minutes, seconds).
DURATION_VALUE = re.compile(r"P((?:\d+(?:\.\d+)?(?:DE|CE|[YMWD]))*)(?:T((?:\d+(?:\.\d+)?[HMS])+))?")
DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(DE|CE|[YMWDHS])")
DAYS_IN = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1, "DE": 3652.5, "CE": 36525}
DAYS_IN_TIME = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
# The unit each letter stands for, after a "T" or not, as the brief names a duration's ("a century" is P100Y).
UNIT_NAMES = {("", "Y"): "year", ("", "M"): "month", ("", "W"): "week", ("", "D"): "day", ("", "DE"): "decade",
              ("", "CE"): "century", ("T", "H"): "hour", ("T", "M"): "minute", ("T", "S"): "second"}
PART_COUNT_WORDS = words("part_count_words")
POSSIBILITY_MODALS = words("possibility_modals")
ENDED_LENGTH_WORDS = words("ended_length_words")


def interval(article: Article, doc: Doc, time: TimeExpression, config: FigureConfig) -> Figure | None:
    """A duration that is the interval between two events, as a figure of the event it dates ("married three
    weeks before he was murdered": "marry", counted from "murder"): its value as written ("3" weeks), its range in
    days. A duration of no such interval, or of no one length (:func:`_written_length`), is no figure."""
    length = _written_length(article, time, config)
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if length is None or tokens is None:
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
    value, days, _ = length
    bound, hedged = figure_bound(tokens)
    written = _allowed_length(value, bound, tokens, config)
    since_words = [] if since is None else [t.lemma_.lower() for t in (
        *(c for c in since.children if c.dep_ == "compound"), since)]  # "break-in"
    # the two events, as the verb and the noun or verb the interval counts from ("marry murder"): whose they are
    # is in the figure's names, and one outlet's "married the deputy" is the other's "he had married"
    counted = " ".join([event.lemma_.lower(), *since_words])
    return Figure(time.span, sentence_of(article, tokens), article.outlet, value, "INTERVAL", tokens.root.lower_,
                  direction, bound, Range(written.low * days, written.high * days), counted, predicate_words(event),
                  f"{words_for(subject_of(event), event)} {direction} {' '.join(since_words) or 'that'}",
                  context(tokens, config.context_tokens),
                  names(event, event, None), hedge=hedged)


def duration(article: Article, doc: Doc, time: TimeExpression, times: list[TimeExpression],
              config: FigureConfig) -> Figure | None:
    """A duration of one unit as a figure of the event it is the length of: "sentenced to seven years" and "a
    seven-year sentence" (the sentence), "served for 30 years" (serving), "five days of riots" (the riots). Its
    value as written, its range in days. A duration that runs to the article's own day ("five days of riots", "has
    served for 30 years") is counted by each outlet to the day it writes: it is read only from an article really
    dated, with that day (``day``), so that it is compared only with one counted to the same day. A deadline
    ("within 10 days"), a part ("three more years"), a bound of what may be ("a possible maximum of 27 years") and
    a duration of no event are no figure."""
    length = _written_length(article, time, config)
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if length is None or tokens is None:
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
    value, days, unit = length
    bound, hedged = figure_bound(tokens)
    written = _allowed_length(value, bound, tokens, config)
    named, person, holders = participants(root, event, event)
    unit = unit if value == 1 else "centuries" if unit == "century" else f"{unit}s"
    # a length over before the clause's event is the event's up to it ("freed after 12 years of imprisonment"):
    # its predicate is that clause's event, as another ("fell ill after nine years of imprisonment") ends it
    # elsewhere; a length of the event alone is the event's
    before = _event_after(root)
    return Figure(time.span, sentence_of(article, tokens), article.outlet, value, "DURATION", unit, "time", bound,
                  Range(written.low * days, written.high * days), event.lemma_.lower(),
                  (before or event).lemma_.lower(),
                  f"length of {event.text}", context(tokens, config.context_tokens), named,
                  times_named(tokens, root, times, article), hedged, day, person, holders)


def _allowed_length(value: float, bound: str, tokens: SpacySpan, config: FigureConfig) -> Range:
    """The lengths, in the units written, a duration allows: a single unit written with "a" for its number ("a week
    after", "an hour later", "a year in prison") is a round figure of speech, which stands for a share of the unit
    either side ("nine days after" and "a week after" agree); a number stands for what rounds to it."""
    if bound == "exact" and value == 1 and tokens[0].lower_ in {"a", "an"}:
        return Range(1 - config.one_unit_share, 1 + config.one_unit_share)
    return allowed(value, bound, config.shares, tokens.text)


def _written_length(article: Article, time: TimeExpression, config: FigureConfig) -> tuple[float, float, str] | None:
    """A duration's length as written: its number in its largest unit, the days that unit stands for, and the
    unit's name ((4.5, 30.44, "month") for "four and a half months", P4M15D). None for what is no duration, for a
    length of several units that is no part of its largest ("two years, three months and ten days"), and for one
    written after a slash, a fraction whose whole number the text lost ("served 41 / 2 months" is four and a half,
    not the "2 months" the slash leaves)."""
    match = DURATION_VALUE.fullmatch(time.value) if time.type == "DURATION" else None
    if match is None or article.text[:time.span.start].rstrip().endswith("/"):
        return None
    parts = [("", float(n), u) for n, u in DURATION_PART.findall(match.group(1))] + [
        ("T", float(n), u) for n, u in DURATION_PART.findall(match.group(2) or "")]
    if not parts:
        return None
    tee, value, letter = parts[0]
    days = (DAYS_IN_TIME if tee else DAYS_IN)[letter]
    if len(parts) > 1:
        value = sum(n * (DAYS_IN_TIME if t else DAYS_IN)[u] for t, n, u in parts) * config.length_parts / days
        if abs(value - round(value)) > config.max_length_part_slip:
            return None
        value = round(value) / config.length_parts
    return value, days, UNIT_NAMES[(tee, letter)]


def _measures_verb(root: Token) -> bool:
    """Whether a duration the parse hangs from a verb as an adverbial noun measures that verb's doing ("He served
    five months in federal prison"), as an object does: not when it counts from another event ("three weeks
    before he was murdered", "five years ago"), which makes it an interval or no figure."""
    head = root.head
    return root.dep_ == "npadvmod" and head.pos_ == "VERB" \
        and not any(c.dep_ == "mark" and c.lower_ in INTERVAL_WORDS for c in head.children) \
        and not any(c.lower_ in INTERVAL_WORDS or c.lower_ == "ago" for c in root.children)


def _over_before(root: Token) -> bool:
    """Whether a length of an event is the object of a preposition that puts it before the clause's own event
    ("deadlocked after 30 hours of deliberation", "after four days and more than 30 hours of deliberations"): the
    event has run up to the clause's, its length set by that event, whatever day each outlet writes on."""
    return _event_after(root) is not None


def _event_after(root: Token) -> Token | None:
    """The event of the clause a length is put before by its preposition ("deadlocked" of "the jury deadlocked
    after 30 hours of deliberation"), None for a length no such preposition takes."""
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in ENDED_LENGTH_WORDS:
        return None
    return root.head.head


def _lasting(root: Token) -> tuple[Token, bool] | None:
    """The event a duration is the length of, and whether the duration runs to the writer's day: the riots of
    "five days of riots" (running, unless over before the clause's event: "after 30 hours of deliberation"); the
    noun of "a five-year sentence" and "a sentence of five years" (a length set once); the verb of "sentenced to
    five years", "feigned illness for 30 years" and "served five years", running unless the verb is in the simple
    past ("has served for 30 years" runs)."""
    of = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj" and g.pos_ in {"NOUN", "VERB"}), None)
    head = root.head
    if of is not None:
        return of, not _over_before(root)
    if root.dep_ in {"compound", "amod", "nummod", "npadvmod"} and head.pos_ == "NOUN":
        return head, False
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head, False
    if (root.dep_ == "pobj" and head.lower_ in {"for", "to"}) or root.dep_ == "dobj" or _measures_verb(root):
        verb = head.head if root.dep_ == "pobj" else head
        if verb.pos_ != "VERB":
            return None
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD"
                                                                  for c in verb.children))
        return verb, perfect or not past
    return None
