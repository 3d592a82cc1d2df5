"""Disagreements: figures of different outlets that give one quantity, with values that cannot both be true.

Two figures give one quantity (:func:`same_quantity`) when they are of one kind and unit (a count, an amount in
one currency, a percentage, a measure of one dimension, a date, a time of day in one zone, a duration, an age),
count the same thing ("inmates" and "prisoners"; synonyms of one role in WordNet, "protesters" and
"demonstrators"; or everyone and a role that outnumbers them, "200 people arrested" and "400 protesters
detained"; never a running total, "five rifles so far", and one event's count, "two rifles in the raid"), say the
same happened to it ("escaped" and "broke out"; never "killed" and "injured"), are of the same
holder (who has or makes a count or an amount, a pronoun standing for the one person the sentences around it name; a
duration's must be named in its own clause on both sides, or be a pronoun on both sides of sentences aligned as one
claim; an amount or count naming no holder is not set against one of a thing the story gives for several holders,
the Nationals' offer and the Red Sox's) and set among the same
places, participants and times as far as their sentences say, their values are not an order of magnitude apart
(but for one number under two scale words, "$2 million" and "$2 billion"; dates: a few days, or years alone one
digit apart in sentences stating one claim with one verb, "sold in 1957" and "sold in 1967"; times of day:
minutes, on the same day where both name it; a quake's magnitudes: one; ages: a year, of one full name, in
articles really published days apart), and their contexts are alike. Figures
are grouped so that every two of a group, from different outlets, give one quantity (complete linkage, the most
alike pairs first); a figure left alone joins a group it gives the same quantity as in half its outlets; disputed
groups whose shared outlets agree are merged; a disputed group then takes in the other outlets giving that
quantity.

A group is a disagreement when two outlets give values that no single value satisfies: "43" and "more than 50"
do, "at least 70" and "about 100" or "22 billion" and "22.4 billion" do not (:mod:`storyline.text.estimates`).
An outlet that also gives the other side's value for the same quantity (a toll it reports as revised, "three
dead, a figure since raised to four") is not counted as disputing it: when a text is ambiguous the brief says
nothing rather than a false conflict. Nor is a count lower than one given as revised up ("the toll rose to seven",
a toll of deaths in a report that says a victim died later): it may be the count before the revision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from rapidfuzz.distance import Levenshtein

from storyline.compare.figure_words import PERSON, UNNAMED, outcome
from storyline.compare.number_figures import PLAYED, WEIGHT
from storyline.compare.family_figures import KIN_COUNTS
from storyline.compare.figure import CALIBER, CONFIG, WEEKDAY, YEARLESS, Figure, FigureConfig, readable
from storyline.compare.place_figures import of_a_place
from storyline.text.estimates import Range, follows
from storyline.text.wordlists import words

# A day named with its year ("2008-12-13"), not a weekday alone.
KNOWN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Kinds whose noun names the quantity itself ("the damage"), not things every episode of a story involves.
AMOUNTS = frozenset({"MONEY", "PERCENT", "MEASURE"})
# Kinds of figure that are amounts of something, read from numbers.
QUANTITIES = AMOUNTS | {"COUNT"}
# Hedges that leave out the number they bound ("more than 3", "nearly 50").
EXCLUSIVE_HEDGES = words("exclusive_hedges")
# Nouns that name people by a role ("protesters", "students"): WordNet's noun.person lemmas.
PERSON_NOUNS = words("person_nouns")
# Places a disaster damages house by house ("villages", "towns"), and the outcomes of their houses.
SETTLEMENT_NOUNS = words("settlement_nouns")
DAMAGE_OUTCOMES = frozenset({"damage", "destruction"})


def _synonym_sets(lines: frozenset[str]) -> dict[str, frozenset[str]]:
    """The synonym sets (lines of tab-separated words) each word is in."""
    found: dict[str, set[str]] = {}
    for line in lines:
        for word in line.split("\t"):
            found.setdefault(word, set()).add(line)
    return {word: frozenset(sets) for word, sets in found.items()}


# The synonym sets of nouns naming people (WordNet's noun.person: "demonstrator", "protester"), by word.
SYNONYM_SETS = _synonym_sets(words("person_synonyms"))


@dataclass(frozen=True, slots=True)
class FigureDisagreement:
    """Figures of one quantity in several outlets, some of whose values cannot both be true."""

    figures: tuple[Figure, ...]

    @property
    def values(self) -> list[tuple[str, list[Figure]]]:
        """Each value once, as the brief shows it ("43", "more than 50", "2008-12-18"), with the figures giving it,
        smallest (or earliest) first. Figures of one number written with different hedges that keep the number ("3"
        and "at least 3"; one outlet's "about 50" and "50") agree, and are one value, shown in each wording, the most
        exact first ("3 / at least 3"): an editor is not shown rivals that agree. Different numbers that a rounding
        lets agree ("12,000", "12,200") stay apart, as which of them a third ("12,500") disputes is the editor's to
        see."""
        found: dict[tuple[float, str, str], list[Figure]] = {}
        for figure in sorted(self.figures, key=lambda f: (f.range.low, f.range.high)):
            # "more than 3" leaves 3 out, and may side with another outlet's "4": a value of its own
            apart = figure.hedge.lower() if figure.hedge.lower() in EXCLUSIVE_HEDGES else ""
            found.setdefault((figure.value, figure.unit, apart), []).append(figure)
        return [(" / ".join(dict.fromkeys(shown(f) for f in sorted(given, key=lambda f: f.range.high - f.range.low))),
                 given) for given in found.values()]

    @property
    def quantity(self) -> str:
        """What the figures are of, in the words most of them use: "workers killed", "date of attack began"."""
        counts = Counter(f.what for f in self.figures)
        # ties to the fullest words: "fire broke out" rather than "broke out" of "it broke out"
        what = max(counts, key=lambda words: (counts[words], len(words.split())))
        where = self.of_whom
        what = f"{what} ({where})" if where and where.lower() not in what.lower() else what
        return {"DATE": f"date of {what}", "CLOCK": f"time of {what}", "GAME_CLOCK": f"game clock when {what}"}.get(
            self.figures[0].kind, what)

    @property
    def of_whom(self) -> str:
        """The places and participants that every figure naming any names ("Egypt", "Middle East"), as the words
        around the figures write them (a name written further away is left out): where or whose the disputed
        quantity is, so that an editor tells apart two disputes over one kind of figure (services down in Egypt,
        services down in India). An age's or a phone number's quantity already names whose."""
        named = [f.names - {UNNAMED} for f in self.figures if f.names - {UNNAMED}]
        if not named or self.figures[0].kind in {"AGE", "PHONE"}:
            return ""
        shared = frozenset.intersection(*named)
        runs: list[list[str]] = []
        for figure in self.figures:
            previous = False
            for word in figure.context.split():
                if word.lower() in shared and not any(word.lower() == w.lower() for run in runs for w in run):
                    if not previous:
                        runs.append([])
                    runs[-1].append(word)
                previous = word.lower() in shared
        return ", ".join(" ".join(run) for run in runs)

    @property
    def description(self) -> str:
        """What the figures are of, and each value with the outlets giving it: "workers killed: 3 (Civic Post,
        Meridian Wire) vs 4 (The Northern Ledger)"."""
        values = " vs ".join(f"{value} ({', '.join(dict.fromkeys(f.outlet for f in figures))})"
                             for value, figures in self.values)
        return f"{self.quantity}: {values}"


def shown(figure: Figure) -> str:
    """A figure's value as the brief shows it: a date in ISO form to the precision written, else the number with
    its hedge and unit as written ("more than 50", "about 40 million euro", "65%")."""
    if figure.kind == "DATE":
        day = date.fromordinal(int((figure.range.low + figure.range.high) / 2))
        if figure.dimension == YEARLESS:
            return f"{day:%B} {day.day} (year not given)"
        if figure.dimension == WEEKDAY:
            return f"{day:%A} (date not given)"
        low = date.fromordinal(int(figure.range.low))
        return {"day": day.isoformat(), "month": day.isoformat()[:7], "decade": f"{low.year}s"}.get(
            figure.unit, str(day.year))
    unit = {"MONEY": f" {figure.unit}", "PERCENT": "%", "MEASURE": f" {figure.unit}",
            "INTERVAL": f" {figure.unit}", "DURATION": f" {figure.unit}"}.get(figure.kind, "")
    number = f"{readable(figure.value)}{unit}"
    if figure.kind in {"ORDINAL", "OCCASION"}:  # "7th"
        value = int(figure.value)
        number = f"{value}{'th' if value % 100 in {11, 12, 13} else {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th')}"
    if figure.kind == "PHONE":
        return figure.unit
    if figure.dimension == CALIBER:  # ".38 caliber"
        number = f".{int(figure.value)} {CALIBER}"
    if figure.kind == "RECORD":  # "53 wins (53-3)"
        return f"{readable(figure.value)} {figure.dimension} ({figure.unit})"
    if figure.kind == "CLOCK":
        number = f"{int(figure.value) // 100:02d}:{int(figure.value) % 100:02d} {figure.unit}".rstrip()
    if figure.kind == "GAME_CLOCK":  # "7:41 left in the first half"
        number = f"{int(figure.value) // 60}:{int(figure.value) % 60:02d} {figure.unit}"
    if not figure.hedge:
        return number
    return f"{number} {figure.hedge}" if follows(figure.hedge) else f"{figure.hedge} {number}"


def _same_outcome(a: str, b: str, similarity: float, config: FigureConfig, alike: bool = True) -> bool:
    """Whether two predicates can say the same happened: equal (or both unsaid), of one outcome in the list
    ("killed", "died"), or, outside it and where ``alike`` allows, alike in meaning. A figure whose sentence says
    what happened to what it counts and one whose sentence does not are not taken for one quantity."""
    if a == b:
        return True
    if not a or not b:
        return False
    if outcome(a) is not None and outcome(b) is not None:
        return outcome(a) == outcome(b)
    return alike and similarity >= config.same_predicate


def same_quantity(a: Figure, b: Figure, counted: float, predicate: float, context: float,
                  config: FigureConfig = CONFIG, one_claim: bool = False) -> bool:
    """Whether figures ``a`` and ``b`` of different outlets give one quantity, given the similarities of what
    they count, of their predicates and of their contexts, and whether their sentences state one claim (aligned
    across the outlets, :func:`storyline.compare.claims.align`)."""
    return difference(a, b, counted, predicate, context, config, one_claim) is None


def difference(a: Figure, b: Figure, counted: float, predicate: float, context: float,
               config: FigureConfig = CONFIG, one_claim: bool = False) -> str | None:
    """The first question on which figures ``a`` and ``b`` are not of one quantity, or None when they are: "unit"
    (of other outlets, kinds or units), "setting" (other times, places or participants), "value" (too far apart
    to be one quantity misreported, but for a year's slip of one digit in one claim), "update" (the higher count
    given as revised since an earlier one), "day" (of other days),
    "event" (something else happened to it), "counted" (another thing counted), "holder" (someone else's) or
    "context" (sentences too unlike). Each kind of figure
    asks its own questions: a date's or a time's are of its event, a duration's of its holder."""
    if not _same_unit(a, b):
        return "unit"
    if not _same_setting(a, b):
        return "setting"
    if a.kind == "PHONE":
        # one party's number, miswritten by an outlet: digits a slip apart, not numbers orders of magnitude apart
        return None if _digit_edits(a.unit, b.unit) <= config.max_phone_digit_edits else "value"
    if not _close_values(a, b, config) and not (one_claim and _year_slip(a, b, config)):
        return "value"
    if _revised_since(a, b):
        return "update"  # "the toll rose to seven": another outlet's four may be the count it rose from
    if a.kind not in {"DATE", "CLOCK", "AGE"} and a.day != b.day and not _news_day_unnamed(a, b):
        return "day"  # "86 arrests over Saturday's protests" is not the week's "more than 200"
    if a.kind in {"DATE", "CLOCK", "INTERVAL", "GAME_CLOCK"}:
        return None if _same_dated_event(a, b, counted, predicate, context, config) else "event"
    if a.kind == "ORDINAL":
        return None if _same_day_of_series(a, b, counted, context, config) else "event"
    if a.kind == "RECORD":
        return None if _same_standing(a, b, config) else "holder"
    if a.kind == "OCCASION":
        return None if _same_doer(a, b, config) else "holder"
    if a.kind == "DURATION":
        return None if _same_term(a, b, one_claim) else "holder"
    if any(of_a_place(f.counted) or f.counted in KIN_COUNTS for f in (a, b)):
        # a place's distance from one other place, its population, or a parent's children: one quantity of the
        # place or the person whatever the verbs ("is home to", "has"), never of another or another thing of it
        return None if a.counted == b.counted and bool(a.holders & b.holders - {UNNAMED}) else "holder"
    if not _same_thing_counted(a, b, counted, config) or a.total != b.total:
        return "counted"  # a running total ("five rifles so far") is not one event's count ("two in the raid")
    if not _same_holder(a, b):
        return "holder"
    if PLAYED == a.predicate == b.predicate and not _same_window(a, b):
        return "setting"
    if a.kind == "AGE":
        return None if _same_persons_age(a, b, config) else "holder"
    if a.kind == "LABEL":
        # which block or flight: the same one only where the sentences name the same place for it
        return None if a.names & b.names else "setting"
    # Amounts and counts are done things ("won 30 games", "lost 25 games"; "bought" and "sold" shares), whose
    # verbs of opposite meaning read alike to the embeddings: outside the outcome list, only the same verb says
    # the same happened. A quake's magnitude is what the quake is, whatever the verb ("struck", "measured").
    if a.dimension != "magnitude" and not _same_outcome(a.predicate, b.predicate, predicate, config, alike=False):
        return "event"
    return None if _alike_contexts(a, b, context, config) else "context"


def _same_unit(a: Figure, b: Figure) -> bool:
    """Whether two figures are of different outlets (an outlet does not dispute itself) and of one kind and unit
    (a count, an amount in one currency, a measure of one dimension)."""
    return a.outlet != b.outlet and (a.kind, a.dimension) == (b.kind, b.dimension) and a.kind != "UNCOMPARED"


def _revised_since(a: Figure, b: Figure) -> bool:
    """Whether, of two counts that do not meet, the higher is given as revised up since an earlier count ("the
    death toll rose to seven", "a second victim later died"): the lower may be that earlier count, reported before
    the revision, an update and not a dispute."""
    low, high = sorted((a, b), key=lambda f: f.range.low)
    return high.revised and high.range.low > low.range.high


def _news_day_unnamed(a: Figure, b: Figure) -> bool:
    """Whether one figure's day is the news's own, named by its distance from the day of writing ("60% of services
    were disrupted yesterday"), and the other's sentence names no day: a report of the news names its day or not,
    and "yesterday" resolved against a real publication date must not set apart what it leaves together unresolved
    (two outlets' "yesterday" of different days stay apart)."""
    return (a.news_day and not b.day) or (b.news_day and not a.day)


def _same_setting(a: Figure, b: Figure) -> bool:
    """Whether two figures are set at the same times and, where both sentences name places or participants, among
    some of the same."""
    return a.times == b.times and not (a.names and b.names and not a.names & b.names)


def _close_values(a: Figure, b: Figure, config: FigureConfig) -> bool:
    """Whether two figures' values are close enough to be one quantity given differently: dates a few days apart,
    times of day minutes apart (on the same day where both name it), game clocks a few minutes, magnitudes one
    apart, and amounts and counts within an order of magnitude (or one number under two scale words)."""
    low, high = sorted((a.range, b.range), key=lambda r: r.low)
    if a.kind == "DATE":
        return high.low - low.high <= config.max_days_apart
    if a.kind == "CLOCK":
        return high.low - low.high <= config.max_minutes_apart and not (a.day and b.day and a.day != b.day)
    if a.kind == "GAME_CLOCK":
        return high.low - low.high <= config.max_game_clock_seconds_apart
    if a.kind == "COUNT" and low.high == 0:
        return True  # "no one was hurt" and "two people were hurt": none against some, at any scale
    if high.low > config.max_ratio * max(low.high, 1e-9) and not _scale_slip(a, b):
        return False
    return a.dimension != "magnitude" or high.low - low.high <= config.max_magnitude_apart


def _same_dated_event(a: Figure, b: Figure, counted: float, predicate: float, context: float,
                      config: FigureConfig) -> bool:
    """Whether two dates, times or intervals are of one event: a date's or a time's event is its verb and the
    verb's subject or object ("the attack began", "the assault began"), an interval's also the event it counts
    from: alike enough, or in alike sentences."""
    return _same_outcome(a.predicate, b.predicate, predicate, config) and (
        a.counted == b.counted or counted >= config.same_dated_event or context >= config.same_context)


def _same_day_of_series(a: Figure, b: Figure, counted: float, context: float, config: FigureConfig) -> bool:
    """Whether two ordinals say which day of one series ("the seventh straight day" of the protests, "the eighth
    day of protests") on one day: a weekday alone (an undated article's "Saturday") may be a week later, with a
    count 7 higher."""
    return a.unit == b.unit and a.day == b.day and bool(KNOWN_DATE.match(a.day) or abs(a.value - b.value) < 7) \
        and (counted >= config.same_counted or context >= config.same_context)


def _same_standing(a: Figure, b: Figure, config: FigureConfig) -> bool:
    """Whether two records are one holder's standing at one time: a name both give it ("Klitschko", "Wladimir
    Klitschko"), and about as many games counted (wins, losses and draws: "52-3" and "53-3" are one standing,
    one of them misreported, where "10-0" and "14-1" are two days of a season, and a score written beside a name,
    "65-53", is no standing at all)."""
    return bool(a.holders & b.holders) and abs(_games(a) - _games(b)) <= config.max_record_games_apart


def _same_doer(a: Figure, b: Figure, config: FigureConfig) -> bool:
    """Whether two counts of a doing ("his sixth defense", "for the fifth time") are of one doer: a name word both
    give, or one spelt with the same letters in another order ("Klitchsko", "Klitschko"), a slip of the keys
    that no two people's names of that length make."""
    return bool({_spelling(w, config) for w in a.holders} & {_spelling(w, config) for w in b.holders})


def _spelling(word: str, config: FigureConfig) -> str:
    """A name word as its first letter and its letters in order, for a word long enough that two names do not
    share them by chance; shorter words as written."""
    return word[0] + "".join(sorted(word)) if len(word) >= config.min_transposed_name else word


def _games(record: Figure) -> int:
    """The games a record counts: its wins, losses and draws, as written ("45-7-2": 54)."""
    return sum(int(n) for n in record.unit.split("-"))


def _same_term(a: Figure, b: Figure, one_claim: bool) -> bool:
    """Whether two durations are the length of one event ("sentenced to seven years", "a five-year sentence")
    held by someone both name: a story's sentences, offers and contracts are many, and one whose clause names no
    holder may be any of them; or held by a pronoun on both sides in sentences that state one claim ("He served
    four months in federal prison for conspiracy", "He served five months in federal prison"): one outlet
    restating another's sentence tells of the same person's same term, where a pronoun alone may stand for
    anyone's. A length up to another event ("freed after 12 years of imprisonment") is compared only with one up
    to the same event: "fell ill after nine years of imprisonment" counts to another day."""
    return a.counted == b.counted and a.predicate == b.predicate and (
        bool(_named_in_clause(a) & _named_in_clause(b))
        or (one_claim and UNNAMED in a.holders and UNNAMED in b.holders))


def _named_in_clause(figure: Figure) -> frozenset[str]:
    """The holder a figure's own clause names, none where it is a pronoun (whose person only the sentences
    around tell)."""
    return frozenset() if UNNAMED in figure.holders else figure.holders


def _same_thing_counted(a: Figure, b: Figure, counted: float, config: FigureConfig) -> bool:
    """Whether two figures count the same thing: the same words, alike words, synonyms of one role ("protesters",
    "demonstrators"), or everyone and a role that outnumbers them. Never the villages or towns a disaster damaged,
    which are damaged house by house: how many of its houses make one count as damaged, destroyed or hit is each
    outlet's (or official's) line to draw."""
    if a.kind == "COUNT" and SETTLEMENT_NOUNS & {a.counted, b.counted} \
            and DAMAGE_OUTCOMES & {outcome(a.predicate), outcome(b.predicate)}:
        return False
    return a.counted == b.counted or counted >= config.same_counted or _part_outnumbers_whole(a, b) \
        or bool(SYNONYM_SETS.get(a.counted, frozenset()) & SYNONYM_SETS.get(b.counted, frozenset()))


def _same_holder(a: Figure, b: Figure) -> bool:
    """Whether two amounts or counts are of one holder, as far as their texts tell."""
    if a.counted == b.counted == WEIGHT:
        # one person's, told by the words of the name (a surname alone may be a brother's): "Orozco" and "Jose
        # Luis Orozco", not "Carl Dunmore" and "Ray Dunmore"
        shorter, longer = sorted((a.holders, b.holders), key=len)
        if UNNAMED in shorter or not shorter <= longer:
            return False
    if a.kind not in QUANTITIES or a.dimension == CALIBER:
        # a firearm's caliber is the firearm's, whoever has or points it: what it is of is the weapon counted
        return True
    if a.holders and b.holders and not a.holders & b.holders - {UNNAMED}:
        # held by different people or bodies ("Deon Thompson had 15 points", "Ty Lawson added 16 points"; the
        # Nationals' offer and the Red Sox'), or by a pronoun whose person the sentences around it do not tell
        return False
    if UNNAMED in a.names & b.names and not a.names & b.names - {UNNAMED}:
        # both of someone named by a pronoun only ("He has five touchdowns", "leaves him with 26 touchdowns"):
        # whom each outlet's "he" stands for, its figure does not say
        return False
    # a person's figure ("Ty Lawson scored 16 points") and one of no one named ("scored 25 points"), which may
    # be the team's or a total: which subject the second is of the text does not say
    return a.person == b.person


def _same_window(a: Figure, b: Figure) -> bool:
    """Whether two counts of the games a tally is counted over ("in 106 games") are of one window: of a holder
    both clauses name, among the same teams and people ("in 54 games with the Angels" is a part of "a combined
    157 games with the Angels and Braves"), as each outlet picks the stretch it counts a player's tally over."""
    return bool(_named_in_clause(a) & _named_in_clause(b)) and a.names - {UNNAMED} == b.names - {UNNAMED}


def _same_persons_age(a: Figure, b: Figure, config: FigureConfig) -> bool:
    """Whether two ages are one person's, told by a given name and a surname ("Jerry Ortiz" and "Deputy Jerry
    Ortiz"; a surname alone may be a son's), in articles published days apart, and a year or two apart ("the
    29-year-old Gigante" in a sentence about 1957 is no disagreement with "Gigante, 77")."""
    shorter, longer = sorted((a.names, b.names), key=len)
    return len(shorter) > 1 and shorter <= longer and abs(a.value - b.value) <= config.max_age_years_apart \
        and bool(a.day and b.day) and abs(
        date.fromisoformat(a.day).toordinal() - date.fromisoformat(b.day).toordinal()) <= config.max_days_apart


def _alike_contexts(a: Figure, b: Figure, context: float, config: FigureConfig) -> bool:
    """Whether two figures' sentences read alike: amounts, whose noun names the quantity itself, need less, as do
    counts of one holder both clauses name ("Hansbrough now has 2,301 career points"); counts whose verbs name one
    outcome in the list ("injured", "hurt") least, as their sentences say the rest in other words."""
    if a.kind in AMOUNTS:
        return context >= config.same_amount_context
    if _named_in_clause(a) & _named_in_clause(b):
        return context >= config.same_held_context
    if 0 in {a.value, b.value}:
        # "no one was killed in the aftershock": a sentence of none says of which event mostly in its other words,
        # which must read alike, whatever the outcome
        return context >= config.same_context
    if outcome(a.predicate) == outcome(b.predicate) not in {None, "-"}:
        return context >= config.same_outcome_context
    return context >= config.same_context


def _digit_edits(a: str, b: str) -> int:
    """How many digits must be dropped, added or changed to make one number's digits the other's."""
    return Levenshtein.distance(re.sub(r"\D", "", a), re.sub(r"\D", "", b))


def _year_slip(a: Figure, b: Figure, config: FigureConfig) -> bool:
    """Whether two dates are years written alone, of one verb, that one digit tells apart ("sold in 1957", "sold in
    1967"): an outlet's slip of a digit, which lands a decade off, not the day or two of outlets dating one event
    differently. Asked only of sentences stating one claim: a story's people do one thing in many years."""
    return a.unit == b.unit == "year" and a.predicate == b.predicate \
        and _digit_edits(str(int(a.value)), str(int(b.value))) <= config.max_year_digit_slips


def _scale_slip(a: Figure, b: Figure) -> bool:
    """Whether two amounts or counts are one number under different scale words ("$2 million", "$2 billion"): the
    slip of one outlet, not figures of two things an order of magnitude apart."""
    low, high = sorted((a.value, b.value))
    return a.kind in {"MONEY", "COUNT"} and low >= 1000 and any(
        math.isclose(high, low * scale) for scale in (1e3, 1e6))


def _part_outnumbers_whole(a: Figure, b: Figure) -> bool:
    """Whether, of two counts of people, one counts everyone ("more than 200 people arrested") and the other the
    people of one role ("more than 400 protesters detained") at more than everyone's count allows: a part cannot
    outnumber its whole, so the two dispute one quantity. A role counted at no more than the whole is a part of
    it ("50 students arrested" of "200 people"), no dispute, and stays another quantity."""
    if a.kind != "COUNT" or PERSON not in (a.counted, b.counted):
        return False
    whole, part = (a, b) if a.counted == PERSON else (b, a)
    # "no one was hurt" is not set against "two firefighters were hurt": an outlet's no one may be the residents
    return part.counted in PERSON_NOUNS and part.range.low > whole.range.high > 0


def disagreements(figures: list[Figure], embed: Callable[[list[str]], np.ndarray],
                  config: FigureConfig = CONFIG,
                  claim_of: Callable[[Figure], int | None] = lambda figure: None) -> list[FigureDisagreement]:
    """The groups of figures that give one quantity in different outlets and disagree on it.

    ``embed`` gives unit-length vectors of texts; what the figures count, their predicates and their contexts are
    embedded. ``claim_of`` gives the claim (aligned across outlets) a figure's sentence states, if any.
    """
    if not figures:
        return []
    claims = [claim_of(figure) for figure in figures]
    figures = in_story_years(figures)

    def similarity(texts: list[str]) -> np.ndarray:
        vectors = embed(texts)
        return vectors @ vectors.T

    counted = similarity([f.counted for f in figures])
    predicate = similarity([f.predicate or f.counted for f in figures])
    context = similarity([f.context for f in figures])
    listed = _listed_with(figures)
    contested = _held_by_several(figures, counted, config)

    def same(i: int, j: int) -> bool:
        return same_quantity(figures[i], figures[j], counted[i, j], predicate[i, j], context[i, j], config,
                             claims[i] is not None and claims[i] == claims[j]) \
            and not _other_occasion(i, j, figures, listed) and not _holder_unsaid_among_several(i, j, figures,
                                                                                                contested)

    alike = counted + predicate + context
    members = _grouped(figures, same, lambda i, j: alike[i, j])
    _join_lone_figures(members, figures, same)
    disputed = _merged([group for group in members.values() if _in_dispute(group, figures, same)], figures, same)
    taken = {k for group in disputed for k in group}
    found = []
    for group in disputed:
        if _days_of_several_occasions(group, figures, config):
            continue
        _add_supporters(group, taken, figures, same)
        found.append(FigureDisagreement(tuple(sorted((figures[k] for k in group),
                                                     key=lambda f: (f.outlet, f.span.start)))))
    return found


def _days_of_several_occasions(group: list[int], figures: list[Figure], config: FigureConfig) -> bool:
    """Whether a group of days gives more days that cannot all be one than outlets give one event in dispute
    (:attr:`FigureConfig.max_disputed_days`): "December" and "18 December" are one day written two ways."""
    if figures[group[0]].kind != "DATE":
        return False
    # The most ranges no two of which meet, earliest ending first (the greedy choice is the largest such set).
    apart: list[Range] = []
    for figure in sorted((figures[k] for k in group), key=lambda f: f.range.high):
        if not apart or not figure.range.meets(apart[-1]):
            apart.append(figure.range)
    return len(apart) > config.max_disputed_days


def _grouped(figures: list[Figure], same: Callable[[int, int], bool],
             alike: Callable[[int, int], float]) -> dict[int, list[int]]:
    """The figures grouped so that every two of a group, from different outlets, give one quantity (complete
    linkage), the most alike pairs joined first; as groups by the index of their first member."""
    n = len(figures)
    linked = sorted(((alike(i, j), i, j) for i in range(n) for j in range(i + 1, n) if same(i, j)), reverse=True)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in linked:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not all(same(x, y) for x in members[gi] for y in members[gj]
                               if figures[x].outlet != figures[y].outlet):
            continue
        members[gi].extend(members.pop(gj))
        for k in members[gi]:
            group_of[k] = gi
    return members


def _in_dispute(group: list[int], figures: list[Figure], same: Callable[[int, int], bool]) -> bool:
    """Whether a group of several outlets holds two figures, of outlets that do not also give the other side's
    value, whose values cannot both be true and which themselves read as one quantity: a figure that joined the
    group for agreeing with half its outlets is not set against one it does not read like."""
    if len({figures[k].outlet for k in group}) < 2:
        return False
    disputing = [k for k in group if not _also_gives_the_other_side(k, group, figures, same)]
    return any(not figures[x].range.meets(figures[y].range) and same(x, y) for x in disputing for y in disputing
               if figures[x].outlet != figures[y].outlet)


def _listed_with(figures: list[Figure]) -> list[list[int]]:
    """For each amount or count of a named holder, the other amounts and counts its sentence gives of that holder
    ("22 points and nine rebounds")."""
    def held(figure: Figure) -> frozenset[str]:
        return figure.holders - {UNNAMED} if figure.kind in QUANTITIES else frozenset()

    by_sentence: dict[tuple[str, int], list[int]] = {}
    for k, figure in enumerate(figures):
        if held(figure):
            by_sentence.setdefault((figure.outlet, figure.sentence.start), []).append(k)
    return [[m for m in by_sentence.get((figure.outlet, figure.sentence.start), [])
             if m != k and held(figures[m]) & held(figure)] for k, figure in enumerate(figures)]


def _other_occasion(i: int, j: int, figures: list[Figure], listed: list[list[int]]) -> bool:
    """Whether two outlets' differing figures of one holder are of different occasions: each outlet's sentence
    lists another figure of that holder, of one thing, and those differ too ("Clark finished with 22 points and
    nine rebounds", "Clark finished with 25 points and 16 rebounds": two games). An outlet that has one figure
    wrong has the others of the same sentence right; every figure differing is another game, year or case."""
    a, b = figures[i], figures[j]
    return not a.range.meets(b.range) and any(
        figures[x].counted == figures[y].counted != a.counted and not figures[x].range.meets(figures[y].range)
        for x in listed[i] for y in listed[j])


def _named_holders(figure: Figure) -> frozenset[str]:
    """The name words of whose an amount or a count is, as its own clause or a pronoun's person names them."""
    return figure.holders - {UNNAMED} if figure.kind in QUANTITIES else frozenset()


def _held_by_several(figures: list[Figure], counted: np.ndarray, config: FigureConfig) -> list[bool]:
    """For each amount or count of a named holder, whether the story gives the same thing in the same unit of
    another holder too, named apart ("the Nationals' $160 million offer", "the Red Sox's $200 million offer")."""
    def rivals(j: int, k: int) -> bool:
        a, b = figures[j], figures[k]
        return (a.kind, a.dimension) == (b.kind, b.dimension) and bool(_named_holders(b)) \
            and not _named_holders(a) & _named_holders(b) and _same_thing_counted(a, b, counted[j, k], config)
    return [bool(_named_holders(figures[j])) and any(rivals(j, k) for k in range(len(figures)))
            for j in range(len(figures))]


def _holder_unsaid_among_several(i: int, j: int, figures: list[Figure], contested: list[bool]) -> bool:
    """Whether, of two amounts or counts, one names no holder and the other's thing is one the story gives for
    several holders: "an eight-year deal worth $184 million" may be any of the bidders' offers, and is not set
    against the one bidder's "$160 million offer" (nor its sentence's other words, which name the bidder further
    away than its clause). The text does not say whose it is, so the brief abstains."""
    a, b = figures[i], figures[j]
    return a.kind in QUANTITIES and ((not _named_holders(a) and contested[j])
                                     or (not _named_holders(b) and contested[i]))


def in_story_years(figures: list[Figure]) -> list[Figure]:
    """The figures, each month's day written without its year ("died on 19 December") placed in the year the
    story's dates give that month ("December 18, 2008", "in December 2008"), where they give it just one; else
    left without a year, compared only with other days written without one (which outlets of one story write of
    one year)."""
    years: dict[int, set[int]] = {}
    for figure in figures:
        if figure.kind == "DATE" and not figure.dimension and figure.unit in {"day", "month"}:
            day = date.fromordinal(int(figure.range.low))
            years.setdefault(day.month, set()).add(day.year)
    placed = []
    for figure in figures:
        day = date.fromordinal(int(figure.range.low)) if figure.dimension == YEARLESS else None
        if day is not None and len(years.get(day.month, ())) == 1:
            try:
                ordinal = day.replace(year=next(iter(years[day.month]))).toordinal()
            except ValueError:  # 29 February of a year without one
                ordinal = None
            if ordinal is not None:
                figure = replace(figure, value=float(ordinal), dimension="", range=Range(ordinal, ordinal))
        placed.append(figure)
    return placed


def _merged(groups: list[list[int]], figures: list[Figure], same: Callable[[int, int], bool]) -> list[list[int]]:
    """Disputed groups joined where a figure of one gives the same quantity as a figure of another and the outlets
    in both give the same value in both: one disagreement over the cables cut, not one for "damaged" and one for
    "went down"; but an outlet's 20,000 marchers in one city and 100,000 in another keep two disagreements apart."""
    def joinable(one: list[int], other: list[int]) -> bool:
        shared = {figures[k].outlet for k in one} & {figures[k].outlet for k in other}
        return bool(shared) and all(figures[x].range.meets(figures[y].range) for x in one for y in other
                                    if figures[x].outlet == figures[y].outlet) \
            and any(same(x, y) for x in one for y in other)

    merged: list[list[int]] = []
    for group in groups:
        linked = [other for other in merged if joinable(group, other)]
        for other in linked:
            merged.remove(other)
            group = other + group
        merged.append(group)
    return merged


def _join_lone_figures(members: dict[int, list[int]], figures: list[Figure], same: Callable[[int, int], bool]) -> None:
    """Put each figure left alone by the grouping into the group of figures it gives the same quantity as in at
    least half of the group's outlets (the most such outlets first), as :func:`_add_supporters` does: "about
    8.40pm" stays out of a group of "9pm" and "8.49pm" when it reads too unlike "9pm", though it gives what
    "8.49pm" gives."""
    for k in [k for k, group in members.items() if len(group) == 1]:
        best, best_count = None, 0
        for key, group in members.items():
            outlets = {figures[m].outlet for m in group}
            agreeing = {figures[m].outlet for m in group if same(k, m)}
            if len(group) > 1 and figures[k].outlet not in outlets and 2 * len(agreeing) >= len(outlets) \
                    and len(agreeing) > best_count:
                best, best_count = key, len(agreeing)
        if best is not None:
            members[best].append(members.pop(k)[0])


def _add_supporters(group: list[int], taken: set[int], figures: list[Figure], same: Callable[[int, int], bool]) -> None:
    """Add to a disputed group the figures that give the same quantity as figures of at least half of its outlets,
    whatever their value: a third outlet's "three workers" whose sentence reads too unlike one outlet's to have
    been grouped with all of them. Then add, as often as that adds any, the figures that give the same quantity as
    a member with a value it allows: an outlet siding with one of the values."""
    outlets = {figures[m].outlet for m in group}
    core = list(group)
    for k in range(len(figures)):
        if k not in taken and 2 * len({figures[m].outlet for m in core if same(k, m)}) >= len(outlets):
            group.append(k)
            taken.add(k)
    added = True
    while added:
        added = False
        for k in range(len(figures)):
            if k not in taken and any(same(k, m) and figures[k].range.meets(figures[m].range) for m in group):
                group.append(k)
                taken.add(k)
                added = True


def _also_gives_the_other_side(k: int, group: list[int], figures: list[Figure],
                               same: Callable[[int, int], bool]) -> bool:
    """Whether the outlet of figure ``k`` also gives, for what reads as the same quantity of another outlet's
    figure in the group, a value that agrees with that figure where ``k`` does not."""
    mine = figures[k]
    others = [j for j in group if figures[j].outlet != mine.outlet and not figures[j].range.meets(mine.range)]
    return any(figures[m].outlet == mine.outlet and m != k and figures[m].range.meets(figures[j].range)
               and same(m, j) for j in others for m in range(len(figures)))
