"""TimeML values for temporal phrases: ``normalise("last month", reference, "PAST") -> ("DATE", "2023-03")``.

dateparser reads calendar dates ("Oct. 15, 1999", "15 March"); it knows nothing of TimeML granularity, durations,
sets, vague references, quarters, seasons or weekday deixis, so those are small rules (:mod:`.stretches`,
:mod:`.days`, :mod:`.periods`), tried in order. Without a reference the relative parts stay unknown ("XXXX-03",
"XXXX-WXX-6"), as TIMEX3 writes them.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from storyline.extract.timex import days, periods, stretches
from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.phrase import Phrase, Value

# Order matters: "every Friday" is a set before a day, "the past two weeks" a stretch before a date.
RULES = (periods.vague, stretches.recurring, days.story_day, stretches.duration, stretches.counted_back_or_ahead,
         days.clock, days.named_day, days.deictic, periods.quarter_or_half, periods.season, periods.decade_or_century,
         periods.named_year, days.holiday, days.week_of, days.calendar_date)


def normalise(text: str, reference: date | datetime | None, tense: str | None = None,
              config: TimexConfig = CONFIG) -> Value | None:
    """(TimeML type, value) of a temporal phrase, or None when it names no time."""
    if isinstance(reference, datetime):
        reference = reference.date()
    return _normalise(text, reference, tense, config)


# Publication-date inference values the same phrases against many candidate days, and news repeats phrases:
# the value depends on nothing but these arguments.
@lru_cache(maxsize=1 << 16)
def _normalise(text: str, reference: date | None, tense: str | None, config: TimexConfig) -> Value | None:
    phrase = Phrase.of(text, reference, tense, config)
    for rule in RULES:
        found = rule(phrase)
        if found:
            return found
    return None
