"""TimeML values for temporal phrases: ``normalise("last month", reference, "PAST") -> ("DATE", "2023-03")``.

dateparser reads calendar dates ("Oct. 15, 1999", "15 March"); it knows nothing of TimeML granularity, durations,
sets, vague references, quarters, seasons or weekday deixis, so those are small rules (:mod:`.stretches`,
:mod:`.days`, :mod:`.periods`), tried in order. Without a reference the relative parts stay unknown ("XXXX-03",
"XXXX-WXX-6"), as TIMEX3 writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache

from storyline.extract.timex import days, periods, stretches
from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.phrase import Phrase, Value

# Order matters: "every Friday" is a set before a day, "the past two weeks" a stretch before a date.
RULES = (periods.vague, stretches.recurring, days.story_day, stretches.duration, stretches.counted_back_or_ahead,
         days.clock, days.named_day, days.deictic, periods.quarter_or_half, periods.season, periods.decade_or_century,
         periods.named_year, days.holiday, days.week_of, days.historic_day, days.calendar_date)


Rule = Callable[[Phrase], Value | None]
# Any day: only the words decide which rule values a phrase against a reference (see ``_rule_of``).
PLACEHOLDER_REFERENCE = date(2000, 6, 15)


def normalise(text: str, reference: date | datetime | None, tense: str | None = None,
              config: TimexConfig = CONFIG) -> Value | None:
    """(TimeML type, value) of a temporal phrase, or None when it names no time."""
    if isinstance(reference, datetime):
        reference = reference.date()
    return valuer(config)(text, reference, tense)


Valuer = Callable[[str, date | None, str | None], Value | None]


@lru_cache(maxsize=16)
def valuer(config: TimexConfig = CONFIG) -> Valuer:
    """:func:`normalise` under one config, of a reference day (not a time): publication-date inference values the
    same phrases against many candidate days, and news repeats phrases, so the value is cached; the key leaves the
    config out (a dataclass's hash is a Python call at every lookup), as each config has its own cache. Inference
    takes it once per article and day tried."""

    @lru_cache(maxsize=1 << 16)
    def valued(text: str, reference: date | None, tense: str | None) -> Value | None:
        return _valued(text, reference, tense, config)

    return valued


def _valued(text: str, reference: date | None, tense: str | None, config: TimexConfig) -> Value | None:
    if reference is None:
        return first_value(Phrase.of(text, None, tense, config))
    prepared, rule = _rule_of(text, tense, config)
    return rule(Phrase(prepared.text, prepared.core, reference, tense, config)) if rule else None


def first_value(phrase: Phrase) -> Value | None:
    """The value the first rule that gives one gives."""
    return next((found for rule in RULES if (found := rule(phrase))), None)


@lru_cache(maxsize=1 << 14)
def _rule_of(text: str, tense: str | None, config: TimexConfig) -> tuple[Phrase, Rule | None]:
    """The phrase made ready (at a placeholder reference) and the first rule that values it. Once there is a
    reference, whether a rule gives a value depends on the words alone (what it gives depends on the reference):
    so inference, valuing a phrase against hundreds of candidate days, reads the words and tries the rules once
    (tests/test_timex.py holds the rules to this on real text)."""
    phrase = Phrase.of(text, PLACEHOLDER_REFERENCE, tense, config)
    return phrase, next((rule for rule in RULES if rule(phrase)), None)
