"""How exactly a figure is written, and the values it allows.

    hedge("police said more than", "")                      # ("lower", "more than")
    allowed(43, "exact", SHARES)                             # 42.7 up to 43.3: only 43
    allowed(12000, "exact", SHARES)                          # 11,500 up to (not including) 12,500: what rounds to it
    allowed(40e6, "about", SHARES)                           # 34-46 million
    allowed(50, "lower", SHARES)                             # 50-75

A writer rounds ("12,000" for 12,200; "22 billion" for 22.4 billion), approximates ("about 100" for 98) and gives
bounds ("at least 70", "up to 80 percent"). Two figures of one quantity contradict each other only when no value
is allowed by both: 43 and "more than 50" do, "at least 70" and "about 100" do not. An editor would rather miss a
conflict than be shown a false one, so every range is read generously (see :class:`Shares`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from storyline.text.wordlists import pairs

# phrase -> (bound, written after the number)
HEDGES = {phrase: (bound.split()[0], bound.endswith(" after")) for phrase, bound in pairs("figure_hedges").items()}


@dataclass(frozen=True, slots=True)
class Shares:
    """How far a written figure reaches, as shares of its value."""

    # A round figure stands for what rounds to it ("12,000" for 11,500 up to 12,500), but a figure of one
    # significant digit is not read as covering half its value either side: "100" stands for 90-110, not 50-150.
    rounding: float
    # "about 40 million" allows this share either side, "nearly 100" this share below.
    about: float
    # "more than 50" allows up to this share above 50 (a writer who knew of 100 would not write "more than 50"), and
    # "up to 80" as far below 80 as that.
    bound: float


@dataclass(frozen=True, slots=True)
class Range:
    """The values ``[low, high]`` a written figure allows."""

    low: float
    high: float

    def meets(self, other: "Range") -> bool:
        """Whether some value is allowed by both: if none is, the two figures cannot both be true."""
        return self.low <= other.high and other.low <= self.high


def hedge(before: str, after: str = "") -> tuple[str, str]:
    """How exactly the words around a number give it: its bound ("exact", "about", "nearly", "lower" or "upper")
    and the hedge as written ("more than", "or so"; "" for none). ``before`` is the text just before the number,
    ``after`` the text just after it."""
    before = " " + " ".join(re.findall(r"[a-z]+", before.lower()))
    after = " ".join(re.findall(r"[a-z]+", after.lower())) + " "
    found = [(len(phrase), phrase, bound) for phrase, (bound, follows) in HEDGES.items()
             if (after.startswith(phrase + " ") if follows else before.endswith(" " + phrase))]
    return max(found)[2:0:-1] if found else ("exact", "")


def follows(phrase: str) -> bool:
    """Whether a hedge is written after its number ("200 or so")."""
    return HEDGES.get(phrase, ("", False))[1]


def precision(value: float) -> float:
    """The place of the last significant digit a figure is written to: 12,000 -> 1000, 65 -> 1, 20.6 -> 0.1,
    1.2 billion -> 100 million."""
    digits = Decimal(repr(abs(value))).normalize()
    exponent = digits.as_tuple().exponent
    return float(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else 1.0


def allowed(value: float, bound: str, shares: Shares) -> Range:
    """The values a figure written as ``value`` with ``bound`` (see :func:`hedge`) allows."""
    size = abs(value)
    rounding = min(precision(value) / 2, shares.rounding * size)
    if bound == "about":
        half = max(rounding, shares.about * size)
        return Range(value - half, value + half)
    if bound == "nearly":
        return Range(value - max(rounding, shares.about * size), value)
    if bound == "lower":
        return Range(value, value + shares.bound * size)
    if bound == "upper":
        return Range(value - shares.bound / (1 + shares.bound) * size, value)
    # Rounded half up: "60" stands for 55 up to but not including 65, which rounds to 70.
    return Range(value - rounding, value + rounding * (1 - 1e-9))
