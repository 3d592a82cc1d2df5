"""Value rules for periods longer than a month and for vague times: quarters and halves ("the third quarter"),
seasons, decades and centuries, years ("1996", "the year-ago period"), and the vague present, past and future."""

from __future__ import annotations

import re
from datetime import date

from storyline.extract.timex.dates import SEASONS, quarter_of
from storyline.extract.timex.phrase import Phrase, Value
from storyline.extract.timex.tense import FUTURE, PAST
from storyline.text.numbers import COUNT, ORDINALS, read_number, spoken_year
from storyline.text.wordlists import words

VAGUE_VALUES = ((words("present_words"), "PRESENT_REF"), (words("past_words"), "PAST_REF"),
                (words("future_words"), "FUTURE_REF"))


def vague(phrase: Phrase) -> Value | None:
    """'now', 'recently', 'the near future', 'recent years'."""
    for vague_words, value in VAGUE_VALUES:
        if phrase.text in vague_words or phrase.core in vague_words:
            return "DATE", value
    # "recent years" is a vague past; "the past few weeks" and "coming weeks" are stretches (durations).
    if re.fullmatch(r"(?:in )?(?:recent|past|previous|earlier|future|later) "
                    r"(?:years|months|weeks|days|decades|times|quarters|sessions|periods)", phrase.core):
        return "DATE", "FUTURE_REF" if re.match(r"(?:coming|future|later|next)", phrase.core) else "PAST_REF"
    return None


def quarter_or_half(phrase: Phrase) -> Value | None:
    """'the third quarter', 'the year-ago quarter', 'the second half of 1997', 'the quarter'."""
    match = re.fullmatch(r"(?:(this|last|next|the latest|latest|the current|current|the year-earlier|"
                         r"the year-ago|year-earlier|year-ago|the same|the comparable|(?:the )?(\d{4})(?:'s)?|the|"
                         r"this year's|last year's|next year's)[\s-])?"
                         r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final|last(?= \w+ of \d))[\s-])?"
                         r"(?:fiscal[\s-])?(quarter|half)(?: of (\d{4}))?", reporting_period(phrase.text))
    if not match:
        return None
    deixis, explicit_year, ordinal, unit = match.group(1) or "", match.group(2) or match.group(5), \
        match.group(3), match.group(4)
    letter, per_year = ("Q", 4) if unit == "quarter" else ("H", 2)
    if phrase.reference is None and not explicit_year:
        return "DATE", f"XXXX-{letter}{ORDINALS[ordinal] if ordinal else 'X'}"
    ref = phrase.reference or date(int(explicit_year), 1, 1)
    current = quarter_of(ref) if per_year == 4 else (ref.month - 1) // 6 + 1
    year = int(explicit_year) if explicit_year else ref.year
    year += {"last year": -1, "next year": 1}.get(deixis.removesuffix("'s"), 0)
    if re.search(r"year-(?:ago|earlier)", deixis):
        year -= 1
    if ordinal:
        index = per_year if ordinal in {"final", "last"} else ORDINALS[ordinal]
        if not explicit_year and "year" not in deixis and index > current and phrase.tense != FUTURE:
            year -= 1 if phrase.tense == PAST or deixis == "the" else 0
    else:
        # A bare "the quarter" in a report is the one just reported on, before the reference's own.
        step = {"next": 1, "this": 0, "the current": 0, "current": 0}.get(deixis.strip(), -1)
        index = current + step
        if index < 1:
            index, year = per_year, year - 1
        elif index > per_year:
            index, year = 1, year + 1
    return "DATE", f"{year:04d}-{letter}{index}"


def reporting_period(text: str) -> str:
    """A report's "latest period" is the quarter it reports on, whatever the fiscal calendar."""
    return re.sub(r"^the latest period$", "the latest quarter", text.replace("fiscal ", ""))


def season(phrase: Phrase) -> Value | None:
    """'last fall', 'this summer', 'the winter of 1994'."""
    match = re.fullmatch(r"(?:(this past|this coming|this|last|next|the|past|coming) )?"
                         r"(spring|summer|fall|autumn|winter)(?:,? (?:of )?(\d{4}))?", phrase.core)
    if not match:
        return None
    code = SEASONS[match.group(2)]
    if match.group(3):
        return "DATE", f"{match.group(3)}-{code}"
    ref = phrase.reference
    if ref is None:
        return "DATE", f"XXXX-{code}"
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        match.group(1) or "", 0)
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if step == -1 and start_month + 3 <= ref.month:
        step = 0  # "last spring", said in October, is this year's
    elif step == 1 and start_month > ref.month:
        step = 0  # "next summer", said in March, is this year's
    elif step == 0 and match.group(1) != "this" and phrase.tense in {PAST, FUTURE}:
        if phrase.tense == PAST and start_month > ref.month:
            step = -1
        elif phrase.tense == FUTURE and start_month + 2 < ref.month:
            step = 1
    return "DATE", f"{ref.year + step:04d}-{code}"


def decade_or_century(phrase: Phrase) -> Value | None:
    """'the nineties', 'the 1990s', "the '80s", 'the 21st century'."""
    match = re.fullmatch(r"(?:the )?(twen|thir|for|fif|six|seven|eigh|nine)ties", phrase.core)
    if match:
        tens = read_number(match.group(1) + "ty", COUNT)
        return "DATE", f"19{tens // 10:.0f}"
    match = re.fullmatch(r"(?:the )?(?:(\d{3})0|'(\d)0)'?s", phrase.core)
    if match:
        if match.group(1):
            return "DATE", match.group(1)
        return "DATE", f"19{match.group(2)}" if phrase.reference is None or int(match.group(2)) > 2 else \
            f"{str(phrase.reference.year)[:2]}{match.group(2)}"
    match = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", phrase.core)
    if match:
        return "DATE", f"{int(match.group(1)) - 1:02d}"
    return None


def named_year(phrase: Phrase) -> Value | None:
    """'1996', 'fiscal 1997', 'nineteen ninety-six', 'the current year', 'the year-ago period', '1998-99'."""
    match = re.fullmatch(r"(?:the year |calendar |fiscal |year |fy ?)?(1[5-9]\d\d|20\d\d)(?:'s| period)?",
                         phrase.core)
    if match:
        return "DATE", match.group(1)
    spoken = spoken_year(re.sub(r"^(?:the )?(?:year )?", "", phrase.core))
    if spoken:
        return "DATE", str(spoken)
    ref = phrase.reference
    if re.fullmatch(r"(?:the )?(?:full|current|present) (?:fiscal |calendar )?year", phrase.text):
        return "DATE", f"{ref.year:04d}" if ref else "XXXX"
    match = re.fullmatch(r"(?:(this|last|next|the|the same) )?(?:year[- ]?(?:'s )?end|year-earlier|year-ago|"
                         r"year-earlier period|year-ago period)", phrase.core)
    if match:
        if ref is None:
            return "DATE", "XXXX"
        earlier = re.search(r"year-(?:earlier|ago)", phrase.core) or match.group(1) == "last"
        step = -1 if earlier else int(match.group(1) == "next")
        return "DATE", f"{ref.year + step:04d}"
    match = re.fullmatch(r"(\d{4})[-/](\d{2}|\d{4})", phrase.core)
    if match and 1500 <= int(match.group(1)) <= 2099:
        return "DURATION", "P2Y"
    return None
