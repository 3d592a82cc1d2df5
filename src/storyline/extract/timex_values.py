"""TimeML values for temporal phrases: ``normalise("last month", reference, "PAST") -> ("DATE", "2023-03")``.

dateparser reads calendar dates ("Oct. 15, 1999", "29 April"); it knows nothing of TimeML granularity, durations,
sets, vague references, quarters, seasons or weekday deixis, so those are small rules here. Without a reference
the relative parts stay unknown ("XXXX-03", "XXXX-WXX-6"), as TIMEX3 writes them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.easter import easter

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "single": 1, "half": 0.5,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# TIMEX3 duration letters; units below a day go after a "T".
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}
PLURAL_UNITS = {"centuries": "century"}
TIME_UNITS = {"second", "minute", "hour"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_PREFIXES = [m[:3] for m in MONTHS] + ["sept"]
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI",
                "noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W", "annual": "P1Y"}
PRESENT_WORDS = {"now", "currently", "current", "nowadays", "presently", "present", "at present", "these days",
                 "at the moment", "right now", "today's", "the present", "this time", "the moment"}
PAST_WORDS = {"recently", "recent", "the past", "past", "earlier", "formerly", "once", "previously", "lately",
              "in the past", "former", "years ago", "the old days", "long ago", "a while ago", "before"}
FUTURE_WORDS = {"the future", "future", "soon", "later", "a later date", "shortly", "eventually",
                "in the future", "the coming years", "someday", "the near future", "coming", "upcoming",
                "the near term", "the short term", "the long term", "the longer term", "the long run"}
# Words kept inside a TIMEX3 extent that do not change its value (they become its "mod").
MODIFIERS = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|more than|less than|fewer than|over|under|"
    r"at least|at most|only|just|up to|as many as|as much as|as long as|as early as|as late as|"
    r"early|earlier|late|later|mid|middle of|the middle of|the end of|end of|the beginning of|beginning of|"
    r"the start of|start of|the rest of|rest of|the first half of|the second half of|much of|all of|"
    r"the early|the late|the mid|the|fiscal)[\s-]+)+"
)


def number(words: str) -> float | None:
    """'two' -> 2, 'twenty four' -> 24, '1,500' -> 1500, 'a' -> 1; None when it is not a number."""
    words = words.strip().replace(",", "")
    if re.fullmatch(r"(?:a )?half(?: an?)?", words):
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    total = 0.0
    parts = re.split(r"[\s-]+", words)
    if len(parts) > 1 and {"a", "an"} & set(parts[1:]):
        return None  # "seven a (year)" is a rate, not a number
    for word in parts:
        if word == "and":
            continue
        if word not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[word]
        total = total * value if value == 100 and total else total + value
    return total or None


def duration_value(amount: float | None, unit: str) -> str:
    """P2W, PT3H, PXY (unknown amount), P20Y for two decades, P18M for 'a year and a half'."""
    letter = UNITS[unit]
    if letter in {"DE", "CE"}:
        amount, letter = (None if amount is None else amount * (10 if letter == "DE" else 100)), "Y"
    if amount is not None and amount != int(amount):
        # A half more is written in the next smaller unit: P2Y6M, P1DT12H, PT1H30M, PT1M30S.
        half = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "M_time": "30S", "S": ""}
        whole = f"{int(amount)}{letter}" if int(amount) else ""
        extra = half["M_time" if unit == "minute" else letter]
        if unit in TIME_UNITS:
            return f"PT{whole}{extra}"
        return f"P{whole}{extra}" if not extra.startswith("T") or whole else f"P{extra}"
    count = "X" if amount is None else str(int(amount))
    return f"PT{count}{letter}" if unit in TIME_UNITS else f"P{count}{letter}"


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "independence day": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31), "valentine's day": lambda y: date(y, 2, 14),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1), "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": easter, "easter sunday": easter,
}


SPOKEN_YEAR = re.compile(r"\b(?:nineteen|eighteen|twenty) [a-z]+(?:-[a-z]+)?\b|"
                         r"\btwo thousand(?: and)?(?: [a-z]+(?:-[a-z]+)?)?")


def spoken_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    match = re.fullmatch(r"(nineteen|eighteen|twenty) ([a-z]+(?:[- ][a-z]+)?)", words)
    if match and match.group(2) != "hundred":
        rest = number(match.group(2))
        # "twenty four" is a count ("twenty four hours"); a spoken year names two digits after its century
        return int(number(match.group(1)) * 100 + rest) if rest and 10 <= rest < 100 else None
    match = re.fullmatch(r"two thousand(?: and)?(?: ([a-z]+(?:[- ][a-z]+)?))?", words)
    if match:
        rest = number(match.group(1)) if match.group(1) else 0
        return None if rest is None or rest >= 100 else 2000 + int(rest)
    return None


def month_number(word: str) -> int | None:
    word = word.rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    if word in MONTH_PREFIXES:
        return MONTH_PREFIXES.index(word) % 12 + 1 if word != "sept" else 9
    return None


def shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def resolve_weekday(weekday: int, reference: date, tense: str | None, deixis: str) -> date:
    """The day meant by '[last|this|next] <weekday>': tense decides where the phrase alone does not."""
    back = (reference.weekday() - weekday) % 7
    forward = (weekday - reference.weekday()) % 7
    if deixis == "last":
        return reference - timedelta(days=back or 7)
    if deixis == "next":
        return reference + timedelta(days=forward or 7)
    if tense == PAST:
        return reference - timedelta(days=back)
    if tense == FUTURE:
        return reference + timedelta(days=forward)
    if deixis == "this":  # the same Monday-to-Sunday week
        return reference + timedelta(days=weekday - reference.weekday())
    # With no tense to go by, the nearer one; news mostly reports what has happened, so the past wins a tie.
    return reference - timedelta(days=back) if back <= forward else reference + timedelta(days=forward)


def nearest_year(month: int, day: int | None, reference: date, tense: str | None, step: int = 0) -> int:
    """The year of a month (and day) named without one: the nearest such date, the tense weighing the side.

    ``step`` -1 or 1 says "last" or "next": the latest one before or the earliest one after the reference.
    """
    def distance(year: int) -> float:
        named = date(year, month, day or 1)
        anchor = reference if day else reference.replace(day=1)
        days = (named - anchor).days
        if step:
            return abs(days) if days * step > 0 else float("inf")
        # The tense outweighs nearness six to one: past-tense "in May", said in April, is most likely last May.
        against_tense = (tense == PAST and days > 0) or (tense == FUTURE and days < 0)
        return abs(days) * (6 if against_tense else 1)

    years = range(reference.year - 1, reference.year + 2)
    if (month, day) == (2, 29):  # only leap years have one
        years = [year for year in range(reference.year - 4, reference.year + 5) if calendar.isleap(year)]
    return min(years, key=distance)


@lru_cache(maxsize=1)
def calendar_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True,
                                                      "RELATIVE_BASE": datetime(2000, 1, 1)})


@lru_cache(maxsize=1 << 14)
def parse_calendar_date(text: str) -> tuple[date, str] | None:
    """The calendar date dateparser reads in a cleaned phrase, and its period (day, month or year); the parser's
    base is fixed, so the text alone decides."""
    data = calendar_parser().get_date_data(text)
    if data.date_obj is None or data.period not in {"day", "month", "year"}:
        return None
    return data.date_obj.date(), data.period


class Normaliser:
    """One phrase, its reference day (or None) and the tense of its governing verb."""

    def __init__(self, text: str, reference: date | None, tense: str | None) -> None:
        self.text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" ,.;:")
        # "the next year or so", "a week or so ago", "two more weeks": hedges and increments keep the value of what
        # they hedge.
        self.text = re.sub(r"\s+or so\b|(?<=\w) (?:more|additional|further|trading|business|working|straight|"
                           r"consecutive)(?= \w)", "", self.text)
        self.text = re.sub(r"(\d+) 1/2\b", r"\1 and a half", self.text)
        self.text = SPOKEN_YEAR.sub(lambda m: str(spoken_year(m.group()) or m.group()), self.text)
        self.core = MODIFIERS.sub("", self.text).strip()
        self.reference = reference
        self.tense = tense

    def value(self) -> tuple[str, str] | None:
        # Order matters: "every Friday" is a set before a day, "the past two weeks" a stretch before a date.
        rules = (self.vague, self.set, self.story_day, self.duration, self.ago, self.clock, self.named_day,
                 self.deictic, self.quarter, self.season, self.decade, self.year, self.holiday, self.week_of,
                 self.calendar)
        for rule in rules:
            found = rule()
            if found:
                return found
        return None

    # Each rule returns (type, value) or None.

    def vague(self) -> tuple[str, str] | None:
        for words, value in ((PRESENT_WORDS, "PRESENT_REF"), (PAST_WORDS, "PAST_REF"), (FUTURE_WORDS, "FUTURE_REF")):
            if self.text in words or self.core in words:
                return "DATE", value
        # "recent years" is a vague past; "the past few weeks" and "coming weeks" are stretches (durations).
        if re.fullmatch(r"(?:in )?(?:recent|past|previous|earlier|future|later) "
                        r"(?:years|months|weeks|days|decades|times|quarters|sessions|periods)", self.core):
            return "DATE", "FUTURE_REF" if re.match(r"(?:coming|future|later|next)", self.core) else "PAST_REF"
        return None

    def set(self) -> tuple[str, str] | None:
        if self.core in SET_WORDS:
            return "SET", SET_WORDS[self.core]
        match = re.fullmatch(r"(?:every|each|per) (other )?(\w+)s?( (?:morning|afternoon|evening|night)s?)?",
                             self.core)
        if not match:
            return None
        word = match.group(2)
        if word in WEEKDAYS:
            part = PARTS_OF_DAY.get((match.group(3) or "").strip().rstrip("s"), "")
            return "SET", f"XXXX-WXX-{WEEKDAYS.index(word) + 1}{part}"
        if month_number(word):
            return "SET", f"XXXX-{month_number(word):02d}"
        if word in SEASONS:
            return "SET", f"XXXX-{SEASONS[word]}"
        if word in UNITS:
            return "SET", duration_value(2 if match.group(1) else 1, word)
        return None

    def story_day(self) -> tuple[str, str] | None:
        """'the next day', 'that night', 'later that year': counted from the reference, which the caller sets to the
        story's own time."""
        # The modifiers are gone from the core: "the next morning" is "next morning" here, "the same day" "same day".
        match = re.fullmatch(r"(?:(next|following|previous)|that|same) (day|morning|afternoon|evening|night)|"
                             r"(?:(following|previous)|that|same) (month|year)", self.core)
        if not match:
            return None
        deixis, unit = match.group(1) or match.group(3), match.group(2) or match.group(4)
        step = {"previous": -1, None: 0}.get(deixis, 1)
        if unit == "year":
            return "DATE", f"{self.reference.year + step:04d}" if self.reference else "XXXX"
        if unit == "month":
            return "DATE", "{:04d}-{:02d}".format(*shift_month(self.reference, step)) if self.reference else "XXXX-XX"
        part = PARTS_OF_DAY.get(unit, "")
        if self.reference is None:
            return "DATE", "XXXX-XX-XX" + part
        return "DATE" if unit == "day" else "TIME", (self.reference + timedelta(days=step)).isoformat() + part

    def duration(self) -> tuple[str, str] | None:
        text = self.core
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
        quantity, unit = match.group(1), PLURAL_UNITS.get(match.group(2), match.group(2))
        plural = match.group(2) in PLURAL_UNITS or re.search(rf"{unit}s\b", text)
        if not quantity and (unit in {"weekend", "night"} or
                             (not plural and re.match(r"(?:last|next|past|coming|this)\b", self.text))):
            return None  # "last month" is a date; "the last month", "coming weeks" are stretches
        if quantity and re.match(r"\w+ (?:to|or) \w+", quantity):
            quantity = re.split(r" (?:to|or) ", quantity)[0]
        amount = number(quantity) if quantity else None
        if quantity and quantity.strip() == "a couple of":
            amount = 2
        elif quantity and amount is None and quantity.strip() not in {"a few", "several", "many", "some", "few"}:
            return None
        if amount is not None and amount >= 1000:
            return None  # "the 1988 quarter" names a year, not 1988 quarters
        if amount is None and not quantity and not plural:
            stretch = r"(?:the )?(?:past|last|next|coming|previous|following|entire|whole)\b|the (?:fiscal )?year$"
            if not re.match(stretch, self.text) and not re.search(r"[\s-](?:long|old)$", text):
                return None  # a bare "year" is a date; "years" and "the past year" are stretches of time
            amount = 1
        if "and a half" in text and amount is not None:
            amount += 0.5
        return "DURATION", duration_value(amount, unit)

    def ago(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(.+?)[\s-](year|month|week|day|decade|quarter|hour|minute)s? "
                             r"(ago|earlier|before|later|after|from now|hence)", self.core)
        if not match:
            return None
        quantity = match.group(1).split(" to ")[0].split(" or ")[0]
        amount = number(quantity)
        unit, direction = match.group(2), -1 if match.group(3) in {"ago", "earlier", "before"} else 1
        if amount is None:
            if quantity not in {"a few", "several", "many", "some", "a couple of", "few"}:
                return None
            return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
        if self.reference is None:
            return "DATE", {"year": "XXXX", "decade": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                            "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        steps = int(amount) * direction
        ref = self.reference
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

    def clock(self) -> tuple[str, str] | None:
        match = re.search(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock)|\b(\d{1,2}):(\d{2})\b|"
                          r"\b(noon|midnight|midday)\b", self.core)
        if not match:
            return None
        if match.group(6):
            clock = PARTS_OF_DAY[match.group(6)]
        else:
            hour = int(match.group(1) or match.group(4))
            minute = int(match.group(2) or match.group(5) or 0)
            meridiem = (match.group(3) or "").replace(".", "")
            if meridiem == "pm" and hour < 12:
                hour += 12
            if meridiem == "am" and hour == 12:
                hour = 0
            if hour > 24 or minute > 59:
                return None
            clock = f"T{hour:02d}:{minute:02d}"
        rest_text = re.sub(r"\b(?:[ecmp][sd]t|et|gmt|utc|local time|on|at)\b", " ", self.core[:match.start()] +
                           self.core[match.end():])
        rest = Normaliser(rest_text, self.reference, self.tense)
        rest_value = rest.named_day() or rest.deictic() or rest.calendar() if rest.core.strip() else None
        if rest_value and re.fullmatch(r"[\dX]{4}-(?:[\dX]{2}-[\dX]{2}|WXX-\d)", rest_value[1]):
            return "TIME", rest_value[1] + clock
        day = self.reference.isoformat() if self.reference else "XXXX-XX-XX"
        return "TIME", day + clock

    def named_day(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:(last|this|next|past|coming|on|previous|following) )?(\w+?)'?s?(?:,)?"
                             r"(?: (morning|afternoon|evening|night|overnight))?", self.core)
        if not match or match.group(2) not in WEEKDAYS:
            return None
        weekday = WEEKDAYS.index(match.group(2))
        part = PARTS_OF_DAY.get(match.group(3) or "", "")
        if self.reference is None:
            return "DATE", f"XXXX-WXX-{weekday + 1}{part}"
        deixis = {"past": "last", "coming": "next", "previous": "last", "following": "next"}.get(
            match.group(1) or "", match.group(1) or "")
        return "DATE", resolve_weekday(weekday, self.reference, self.tense, deixis).isoformat() + part

    def deictic(self) -> tuple[str, str] | None:
        core = self.core
        offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
                   "the day after tomorrow": 2}
        match = re.fullmatch(r"(the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)"
                             r"(?:'s)?(?: (morning|afternoon|evening|night))?", core)
        if match:
            part = PARTS_OF_DAY.get(match.group(2) or ("tonight" if match.group(1) == "tonight" else ""), "")
            if self.reference is None:
                return "DATE", "XXXX-XX-XX" + part
            return "DATE", (self.reference + timedelta(days=offsets[match.group(1)])).isoformat() + part
        match = re.fullmatch(r"(?:(this|last|next|the past|past|the coming|coming|the previous|previous|"
                             r"the following|following|the current|current|the same|same|the)\s)?"
                             r"(year|month|week|weekend|morning|afternoon|evening|night|day)", core)
        bare_unit = match and match.group(1) is None and match.group(2) not in {"morning", "afternoon", "evening"}
        if not match or (bare_unit and not self.text.startswith("the ")):
            return None
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(
            (match.group(1) or "this").replace("the ", ""), 0)
        unit = match.group(2)
        ref = self.reference
        if ref is None:
            return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                            "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX-XX-XX" + PARTS_OF_DAY.get(unit, ""))
        if unit == "year":
            return "DATE", f"{ref.year + step:04d}"
        if unit == "month":
            return "DATE", "{:04d}-{:02d}".format(*shift_month(ref, step))
        if unit == "weekend":
            saturday = resolve_weekday(5, ref, self.tense, {-1: "last", 1: "next"}.get(step, ""))
            return "DATE", iso_week(saturday) + "-WE"
        if unit == "week":
            return "DATE", iso_week(ref + timedelta(weeks=step))
        if unit == "day":
            return "DATE", (ref + timedelta(days=step)).isoformat()
        return "TIME" if step == 0 else "DATE", (ref + timedelta(days=step)).isoformat() + PARTS_OF_DAY[unit]

    def quarter(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:(this|last|next|the latest|latest|the current|current|the year-earlier|"
                             r"the year-ago|year-earlier|year-ago|the same|the comparable|(?:the )?(\d{4})(?:'s)?|the|"
                             r"this year's|last year's|next year's)[\s-])?"
                             r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final|last(?= \w+ of \d))[\s-])?"
                             r"(?:fiscal[\s-])?(quarter|half)(?: of (\d{4}))?", self.text.replace("fiscal ", ""))
        if not match:
            return None
        deixis, explicit_year, ordinal, unit = match.group(1) or "", match.group(2) or match.group(5), \
            match.group(3), match.group(4)
        letter, per_year = ("Q", 4) if unit == "quarter" else ("H", 2)
        if self.reference is None and not explicit_year:
            return "DATE", f"XXXX-{letter}{ORDINALS[ordinal] if ordinal else 'X'}"
        ref = self.reference or date(int(explicit_year), 1, 1)
        current = quarter_of(ref) if per_year == 4 else (ref.month - 1) // 6 + 1
        year = int(explicit_year) if explicit_year else ref.year
        year += {"last year": -1, "next year": 1}.get(deixis.removesuffix("'s"), 0)
        if re.search(r"year-(?:ago|earlier)", deixis):
            year -= 1
        if ordinal:
            index = per_year if ordinal in {"final", "last"} else ORDINALS[ordinal]
            if not explicit_year and "year" not in deixis and index > current and self.tense != FUTURE:
                year -= 1 if self.tense == PAST or deixis == "the" else 0
        else:
            # A bare "the quarter" in a report is the one just reported on, before the reference's own.
            step = {"next": 1, "this": 0, "the current": 0, "current": 0}.get(deixis.strip(), -1)
            index = current + step
            if index < 1:
                index, year = per_year, year - 1
            elif index > per_year:
                index, year = 1, year + 1
        return "DATE", f"{year:04d}-{letter}{index}"

    def season(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:(this past|this coming|this|last|next|the|past|coming) )?"
                             r"(spring|summer|fall|autumn|winter)(?:,? (?:of )?(\d{4}))?", self.core)
        if not match:
            return None
        season = SEASONS[match.group(2)]
        if match.group(3):
            return "DATE", f"{match.group(3)}-{season}"
        if self.reference is None:
            return "DATE", f"XXXX-{season}"
        step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
            match.group(1) or "", 0)
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
        if step == -1 and start_month + 3 <= self.reference.month:
            step = 0  # "last spring", said in October, is this year's
        elif step == 1 and start_month > self.reference.month:
            step = 0  # "next summer", said in March, is this year's
        elif step == 0 and match.group(1) != "this" and self.tense in {PAST, FUTURE}:
            if self.tense == PAST and start_month > self.reference.month:
                step = -1
            elif self.tense == FUTURE and start_month + 2 < self.reference.month:
                step = 1
        return "DATE", f"{self.reference.year + step:04d}-{season}"

    def decade(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:the )?(twen|thir|for|fif|six|seven|eigh|nine)ties", self.core)
        if match:
            return "DATE", f"19{number(match.group(1) + ('ty' if match.group(1) != 'eigh' else 'ty')) // 10:.0f}"
        match = re.fullmatch(r"(?:the )?(?:(\d{3})0|'(\d)0)'?s", self.core)
        if match:
            if match.group(1):
                return "DATE", match.group(1)
            return "DATE", f"19{match.group(2)}" if self.reference is None or int(match.group(2)) > 2 else \
                f"{str(self.reference.year)[:2]}{match.group(2)}"
        match = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", self.core)
        if match:
            return "DATE", f"{int(match.group(1)) - 1:02d}"
        return None

    def year(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:the year |calendar |fiscal |year |fy ?)?(1[5-9]\d\d|20\d\d)(?:'s| period)?",
                             self.core)
        if match:
            return "DATE", match.group(1)
        spoken = spoken_year(re.sub(r"^(?:the )?(?:year )?", "", self.core))
        if spoken:
            return "DATE", str(spoken)
        if re.fullmatch(r"(?:the )?(?:full|current|present) (?:fiscal |calendar )?year", self.text):
            return "DATE", f"{self.reference.year:04d}" if self.reference else "XXXX"
        match = re.fullmatch(r"(?:(this|last|next|the|the same) )?(?:year[- ]?(?:'s )?end|year-earlier|year-ago|"
                             r"year-earlier period|year-ago period)", self.core)
        if match:
            if self.reference is None:
                return "DATE", "XXXX"
            earlier = re.search(r"year-(?:earlier|ago)", self.core) or match.group(1) == "last"
            step = -1 if earlier else int(match.group(1) == "next")
            return "DATE", f"{self.reference.year + step:04d}"
        match = re.fullmatch(r"(\d{4})[-/](\d{2}|\d{4})", self.core)
        if match and 1500 <= int(match.group(1)) <= 2099:
            return "DURATION", "P2Y"
        return None

    def holiday(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?:,? (\d{4}))?", self.core)
        if not match or match.group(2) not in HOLIDAYS:
            return None
        day_in = HOLIDAYS[match.group(2)]
        if match.group(3):
            return "DATE", day_in(int(match.group(3))).isoformat()
        if self.reference is None:
            fixed = day_in(2001).strftime("%m-%d") == day_in(2002).strftime("%m-%d")
            return "DATE", day_in(2001).strftime("XXXX-%m-%d" if fixed else "XXXX-%m-XX")
        step = {"last": -1, "next": 1}.get(match.group(1) or "", 0)
        candidates = [day_in(year) for year in range(self.reference.year - 1, self.reference.year + 2)]
        if step or self.tense in {PAST, FUTURE}:
            forward = step == 1 or (not step and self.tense == FUTURE)
            options = [d for d in candidates if (d > self.reference if forward else d <= self.reference)]
            return "DATE", (min(options) if forward else max(options)).isoformat()
        return "DATE", min(candidates, key=lambda d: abs((d - self.reference).days)).isoformat()

    def week_of(self) -> tuple[str, str] | None:
        """'the week of March 6': the ISO week holding that day."""
        match = re.fullmatch(r"(?:the )?week of (.+)", self.core)
        day = match and Normaliser(match.group(1), self.reference, self.tense).calendar()
        if not day or not re.fullmatch(r"[\dX]{4}-\d{2}-\d{2}", day[1]):
            return None
        if day[1].startswith("XXXX"):
            return "DATE", "XXXX-WXX"
        return "DATE", iso_week(date.fromisoformat(day[1]))

    def calendar(self) -> tuple[str, str] | None:
        words = re.findall(r"[a-z]+\.?", self.core)
        named_month = any(month_number(w) for w in words)
        numeric = re.search(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b", self.core)
        if not (named_month or numeric):
            return None
        deixis = re.match(r"(last|this|next|past|coming|this past|this coming) ", self.core)
        step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
            deixis.group(1) if deixis else "", 0)
        cleaned = re.sub(r"\b(?:on|in|of|the|early|late|mid|middle|end|beginning|start|last|this|next|past|coming)\b|"
                         r"(?<=\d)(?:st|nd|rd|th)\b", " ", self.core)
        found = parse_calendar_date(cleaned)
        if found is None:
            return None
        parsed, period = found
        year_word = re.search(r"\b(last|this|next) year\b", self.core)
        if year_word and self.reference is not None:
            offset = {"last": -1, "this": 0, "next": 1}[year_word.group(1)]
            day = parsed.day if period == "day" else None
            return "DATE", f"{self.reference.year + offset:04d}-{parsed.month:02d}" + (f"-{day:02d}" if day else "")
        has_year = re.search(r"\b(?:1[5-9]\d\d|20\d\d)\b|'\d\d\b|\d[/.-]\d{1,2}[/.-]\d{2,4}", self.core)
        if period == "year":
            return "DATE", f"{parsed.year:04d}"
        day = parsed.day if period == "day" else None
        if has_year:
            year = f"{parsed.year:04d}"
        elif self.reference is None:
            year = "XXXX"
        else:
            this_year = deixis and not step
            number_of_year = (self.reference.year if this_year
                              else nearest_year(parsed.month, day, self.reference, self.tense, step))
            year = f"{number_of_year:04d}"
        value = f"{year}-{parsed.month:02d}" + (f"-{day:02d}" if day else "")
        part = next((PARTS_OF_DAY[w] for w in words if w in PARTS_OF_DAY and w not in {"noon", "midnight"}), "")
        return "DATE", value + (part if day else "")


def normalise(text: str, reference: date | datetime | None, tense: str | None = None) -> tuple[str, str] | None:
    """(TimeML type, value) of a temporal phrase, or None when it names no time."""
    if isinstance(reference, datetime):
        reference = reference.date()
    return _normalise(text, reference, tense)


# Publication-date inference values the same phrases against many candidate days, and news repeats phrases:
# the value depends on nothing but these three arguments.
@lru_cache(maxsize=1 << 16)
def _normalise(text: str, reference: date | None, tense: str | None) -> tuple[str, str] | None:
    return Normaliser(text, reference, tense).value()
