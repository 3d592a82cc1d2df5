"""How exactly a figure is written, and the values it allows.

    hedge("police said more than", "")                      # ("lower", "more than")
    allowed(43, "exact", SHARES)                             # 42.7 up to 43.3: only 43
    allowed(65, "exact", SHARES)                             # 64.5 up to (not including) 65.5: what rounds to it
    allowed(60, "exact", SHARES, "60")                       # 57.5 up to 62.5: 64 would be written 65
    allowed(40e6, "about", SHARES)                           # 34-46 million
    allowed(50, "lower", SHARES)                             # 50-75

A writer rounds ("12,000" for 12,200; "22 billion" for 22.4 billion), approximates ("about 100" for 98) and gives
bounds ("at least 70", "up to 80 percent"). Two figures of one quantity contradict each other only when no value
is allowed by both: 43 and "more than 50" do, "at least 70" and "about 100" do not. An editor would rather miss a
conflict than be shown a false one, so every range is read generously (see :class:`Shares`), but no further than
the precision the text shows: a figure written to the ten ("60", "12,000") has the figures half-way to the next ten
("65", "12,500") as its neighbours, which a writer rounding to a round figure would have written, so it stands for
a quarter of its place either side, not half: "60%" and "65%" are two figures, "22 billion" and "22.4 billion" one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from storyline.text.wordlists import pairs

# phrase -> (bound, written after the number)
# A number as written, its thousands separators taken out: "12000" of "12,000", "22" of "22 billion".
WRITTEN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
HEDGES = {phrase: (bound.split()[0], bound.endswith(" after")) for phrase, bound in pairs("figure_hedges").items()}


@dataclass(frozen=True, slots=True)
class Shares:
    """How far a written figure reaches, as shares of its value."""

    # A figure stands for what rounds to it ("43" for 42.5 up to 43.5, "12,000" for 11,750 up to 12,250: see the
    # module's docstring), but never for more than this share of its value either side: "100" stands for 90-110,
    # not 75-125.
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


def rounding(value: float, written: str = "") -> float:
    """How far either side of ``value`` a figure written as ``written`` ("60", "12,000", "22 billion"; by default
    the value in digits) stands for: half its last significant place, or a quarter of it where the number is
    written ending in a zero, as "65" lies half-way between "60" and "70"."""
    digits = (written or f"{value:f}".rstrip("0").rstrip(".")).replace(",", "").replace(" ", "")
    numbers = WRITTEN_NUMBER.findall(digits)
    ends_in_zero = bool(numbers) and "." not in numbers[-1] and numbers[-1].endswith("0")
    return precision(value) / (4 if ends_in_zero else 2)


def allowed(value: float, bound: str, shares: Shares, written: str = "") -> Range:
    """The values a figure written as ``written`` (see :func:`rounding`), read as ``value``, with ``bound`` (see
    :func:`hedge`) allows."""
    size = abs(value)
    rounding_reach = min(rounding(value, written), shares.rounding * size)
    if bound == "about":
        half = max(rounding_reach, shares.about * size)
        return Range(value - half, value + half)
    if bound == "nearly":
        return Range(value - max(rounding_reach, shares.about * size), value)
    if bound == "lower":
        return Range(value, value + shares.bound * size)
    if bound == "upper":
        return Range(value - shares.bound / (1 + shares.bound) * size, value)
    # Rounded half up: "65" stands for 64.5 up to but not including 65.5, which rounds to 66.
    return Range(value - rounding_reach, value + rounding_reach * (1 - 1e-9))
