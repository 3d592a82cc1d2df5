"""Value rules for how long and how often: durations ("two weeks" -> P2W), sets ("every Friday" -> XXXX-WXX-5)
and dates counted back or ahead ("three years ago" -> 2020)."""

from __future__ import annotations

import re
from datetime import timedelta

from storyline.extract.timex.dates import PARTS_OF_DAY, SEASONS, WEEKDAYS, iso_week, month_number, shift_month
from storyline.extract.timex.phrase import Phrase, Value
from storyline.text.numbers import COUNT, read_number
from storyline.text.wordlists import pairs

# TIMEX3 duration letters; units below a day are written "T" + letter (data/time_units.txt).
UNITS = pairs("time_units")
IRREGULAR_PLURALS = {"centuries": "century"}
SET_WORDS = pairs("set_words")
# Units with no half of their own, as so many of a smaller one.
IN_SMALLER_UNIT = {"Q": (3, "M"), "WE": (2, "D")}
# Quantities that say some but not how many.
SOME = {"a few", "several", "many", "some", "few"}


def duration_value(amount: float | None, unit: str) -> str:
    """P2W, PT3H, PXY (unknown amount), P20Y for two decades, P18M for 'a year and a half'."""
    size, code = re.fullmatch(r"(\d*)(\D+)", UNITS[unit]).groups()
    if size and amount is not None:
        amount *= int(size)  # a fortnight is two weeks
    below_a_day, letter = code.startswith("T"), code.removeprefix("T")
    if letter in {"DE", "CE"}:
        amount, letter = (None if amount is None else amount * (10 if letter == "DE" else 100)), "Y"
    if amount is not None and amount != int(amount) and letter in IN_SMALLER_UNIT:
        # TIMEX3 has no half quarter or half weekend: a quarter and a half is four and a half months.
        count, letter = IN_SMALLER_UNIT[letter]
        amount *= count
    if amount is not None and amount != int(amount):
        # A half more is written in the next smaller unit: P2Y6M, P1DT12H, PT1H30M, PT1M30S.
        half = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "M_time": "30S", "S": ""}
        whole = f"{int(amount)}{letter}" if int(amount) else ""
        extra = half["M_time" if below_a_day and letter == "M" else letter]
        if below_a_day:
            return f"PT{whole}{extra}"
        return f"P{whole}{extra}" if not extra.startswith("T") or whole else f"P{extra}"
    count = "X" if amount is None else str(int(amount))
    return f"PT{count}{letter}" if below_a_day else f"P{count}{letter}"


def recurring(phrase: Phrase) -> Value | None:
    """'daily', 'every Friday', 'each July', 'every other week', 'the second Tuesday of each month'."""
    if phrase.core in SET_WORDS:
        return "SET", SET_WORDS[phrase.core]
    nth_weekday = re.fullmatch(r"(?:first|second|third|fourth|fifth|last) (\w+) of (?:every|each) month", phrase.core)
    if nth_weekday and nth_weekday.group(1) in WEEKDAYS:
        # "the second Tuesday of each month": a weekday that recurs, one day of any month, not a day of its own
        return "SET", f"XXXX-WXX-{WEEKDAYS[nth_weekday.group(1)]}"
    match = re.fullmatch(r"(?:every|each|per) (other )?(\w+)s?( (?:morning|afternoon|evening|night)s?)?",
                         phrase.core)
    if not match:
        return None
    word = match.group(2)
    if word in WEEKDAYS:
        part = PARTS_OF_DAY.get((match.group(3) or "").strip().rstrip("s"), "")
        return "SET", f"XXXX-WXX-{WEEKDAYS[word]}{part}"
    if month_number(word):
        return "SET", f"XXXX-{month_number(word):02d}"
    if word in SEASONS:
        return "SET", f"XXXX-{SEASONS[word]}"
    if word in UNITS:
        return "SET", duration_value(2 if match.group(1) else 1, word)
    return None


def duration(phrase: Phrase) -> Value | None:
    """'two weeks', 'the past 24 hours', 'a year and a half', 'years'."""
    text = phrase.core
    if re.search(r"\b(?:ago|earlier|later|before|after|from now|hence|old)$", text):
        return None
    unit_pattern = "|".join(UNITS)
    # "the past two weeks", "the next three years", "the first nine months": a stretch of time.
    match = re.fullmatch(rf"(?:(?:the )?(?:past|last|next|coming|first|final|previous|following|latest|"
                         rf"preceding|other|additional|remaining|same|entire|whole|full|better part of)\s)*"
                         rf"(?:(a|an|[\w,.]+(?:[\s-]\w+)?|a few|a couple of|several|many|some|few|"
                         rf"[\w]+ to [\w]+|[\w]+ or [\w]+)[\s-])?(?:and a half[\s-])?"
                         rf"({unit_pattern}|centuries)s?(?:[\s-](?:long|old|and a half))?", text)
    if not match:
        return None
    quantity, unit = match.group(1), IRREGULAR_PLURALS.get(match.group(2), match.group(2))
    plural = match.group(2) in IRREGULAR_PLURALS or re.search(rf"{unit}s\b", text)
    if not quantity and (unit in {"weekend", "night"} or
                         (not plural and re.match(r"(?:last|next|past|coming|this)\b", phrase.text))):
        return None  # "last month" is a date; "the last month", "coming weeks" are stretches
    if quantity and re.match(r"\w+ (?:to|or) \w+", quantity):
        quantity = re.split(r" (?:to|or) ", quantity)[0]
    amount = read_number(quantity, COUNT) if quantity else None
    if quantity and quantity.strip() == "a couple of":
        amount = 2
    elif quantity and amount is None and quantity.strip() not in SOME:
        return None
    if amount is not None and amount >= 1000:
        return None  # "the 1988 quarter" names a year, not 1988 quarters
    if amount is None and not quantity and not plural:
        stretch = r"(?:the )?(?:past|last|next|coming|previous|following|entire|whole)\b|the (?:fiscal )?year$"
        if not re.match(stretch, phrase.text) and not re.search(r"[\s-](?:long|old)$", text):
            return None  # a bare "year" is a date; "years" and "the past year" are stretches of time
        amount = 1
    if "and a half" in text and amount is not None:
        amount += 0.5
    return "DURATION", duration_value(amount, unit)


def counted_back_or_ahead(phrase: Phrase) -> Value | None:
    """'three years ago', 'two weeks later', 'a few days earlier'."""
    match = re.fullmatch(r"(.+?)[\s-](year|month|week|day|decade|quarter|hour|minute)s? "
                         r"(ago|earlier|before|later|after|from now|hence)", phrase.core)
    if not match:
        return None
    quantity = match.group(1).split(" to ")[0].split(" or ")[0]
    amount = read_number(quantity, COUNT)
    unit, direction = match.group(2), -1 if match.group(3) in {"ago", "earlier", "before"} else 1
    if amount is None:
        if quantity not in SOME | {"a couple of"}:
            return None
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    if phrase.reference is None:
        return "DATE", {"year": "XXXX", "decade": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                        "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
    steps = int(amount) * direction
    ref = phrase.reference
    if unit == "year":
        return "DATE", f"{ref.year + steps:04d}"
    if unit == "decade":
        return "DATE", f"{ref.year + 10 * steps:04d}"
    if unit == "month":
        return "DATE", "{:04d}-{:02d}".format(*shift_month(ref, steps))
    if unit == "quarter":
        year, month = shift_month(ref, 3 * steps)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "week":
        return "DATE", iso_week(ref + timedelta(weeks=steps))
    if unit == "day":
        return "DATE", (ref + timedelta(days=steps)).isoformat()
    return "DATE", ref.isoformat()  # hours or minutes ago: the same day, as precise as a report allows
