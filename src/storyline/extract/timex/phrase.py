"""A temporal phrase made ready for the value rules: lower case, hedges dropped, spoken years in figures, and its
core without the modifiers TimeML keeps inside an expression but leaves out of its value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.text.numbers import SPOKEN_YEAR, spoken_year

# Words kept inside a TIMEX3 extent that do not change its value (they become its "mod").
MODIFIERS = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|more than|less than|fewer than|over|under|"
    r"at least|at most|only|just|up to|as many as|as much as|as long as|as early as|as late as|"
    r"early|earlier|late|later|mid|middle of|the middle of|the end of|end of|the beginning of|beginning of|"
    r"the start of|start of|the rest of|rest of|the first half of|the second half of|much of|all of|"
    r"the early|the late|the mid|the|fiscal)[\s-]+)+"
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase, its reference day (or None) and the tense of its governing verb."""

    text: str
    core: str
    reference: date | None
    tense: str | None
    config: TimexConfig = CONFIG

    @classmethod
    def of(cls, text: str, reference: date | None, tense: str | None, config: TimexConfig = CONFIG) -> Phrase:
        text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" ,.;:")
        # "the next year or so", "a week or so ago", "two more weeks": hedges and increments keep the value of what
        # they hedge.
        text = re.sub(r"\s+or so\b|(?<=\w) (?:more|additional|further|trading|business|working|straight|"
                      r"consecutive)(?= \w)", "", text)
        text = re.sub(r"(\d+) 1/2\b", r"\1 and a half", text)
        text = SPOKEN_YEAR.sub(lambda m: str(spoken_year(m.group()) or m.group()), text)
        return cls(text, MODIFIERS.sub("", text).strip(), reference, tense, config)


# What a value rule gives: (TimeML type, value), e.g. ("DATE", "2023-03"), ("DURATION", "P2W").
Value = tuple[str, str]
