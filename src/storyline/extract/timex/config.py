"""The thresholds of time-expression finding and valuing, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class TimexConfig:
    # How many heads up the parse to look for the verb an expression modifies. By hand, on TBAQ (TimeBank +
    # AQUAINT): enough for a date inside a prepositional phrase inside a noun phrase, not so many that it reaches the
    # verb of another clause.
    verb_hops: int = 8
    # How much a date on the side the verb's tense denies weighs against nearness, when a month or day is named
    # without a year: past-tense "in May", said in April, is most likely last May. By hand, on TBAQ.
    against_tense_weight: int = 6
    # How many sentences after a quarter "a year earlier" still means that quarter a year before. By hand, on TBAQ's
    # earnings reports.
    year_before_sentences: int = 2
    # How many sentences after a month written with its year ("In November 1973") a day of that month written
    # without one ("on Nov. 17") still falls in that year: the next, as in ECB+ 19ecb's history of a revolt; further
    # on, the text may have come back to the report's own time.
    written_month_sentences: int = 1
    # The hash of the thresholds, kept: the config is part of the key of each cached valuation, looked up millions
    # of times in an ingest (publication-date inference values each phrase against each candidate day), and a
    # dataclass's own hash reads every field at each lookup.
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(tuple(getattr(self, f.name) for f in fields(self) if f.compare)))
        return self._hash  # type: ignore[return-value]


CONFIG = TimexConfig()
