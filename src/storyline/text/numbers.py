"""Numbers written in words or figures, and years said aloud.

    read_number("1.2 billion euros", FIGURE)    # 1200000000.0
    read_number("twenty four", COUNT)           # 24.0
    spoken_year("nineteen ninety-six")          # 1996

One reader, two readings, because two kinds of text carry numbers. A *count* is a phrase that is nothing but a
number, as time phrases give it ("a" week, "twenty four" hours, "half" an hour): every word must be a number word,
and an article counts one. A *figure* is the number somewhere in an entity's words ("more than 50 prisoners",
"$1.2 billion"): other words are skipped, an article is no number ("a further 50" is 50), and scale words multiply
what came before them ("two dozen" is 24).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from storyline.text.wordlists import pairs, words as word_list


def _values(name: str) -> dict[str, int | float]:
    """A list of ``word<TAB>number`` lines; a number is an int when written as one ("100"), else a float ("1e6")."""
    return {word: int(value) if value.isdigit() else float(value) for word, value in pairs(name).items()}


CARDINALS = _values("number_words")
SCALES = _values("number_scales")
ORDINALS = {word: int(value) for word, value in pairs("ordinals").items()}
FRACTION_WORDS = word_list("fraction_words")


@dataclass(frozen=True)
class NumberReading:
    """How one kind of text is read as a number."""

    # True: the text is a number and nothing else, or it is no number ("twenty four", "1,500"); False: the number
    # words are picked out of the text and the other words skipped ("more than 50 prisoners").
    whole_phrase: bool
    # Words worth a value, added up: "twenty four" is 24.
    words: Mapping[str, int | float]
    # Words that multiply what was read before them ("1.2 billion", "two hundred"); with nothing before, a scale
    # word counts only if ``words`` gives it a value of its own.
    scales: Mapping[str, int | float]


# The amount of a time phrase: "zero" is no count of time, "a", "single" and "half" are; "dozen" and "hundred" are
# amounts of their own (see data/count_words.txt) and multiply a number before them ("two dozen" is 24).
COUNT = NumberReading(whole_phrase=True,
                      words={**{word: value for word, value in CARDINALS.items() if value}, **_values("count_words")},
                      scales={word: SCALES[word] for word in ("hundred", "dozen")})
ARTICLES = frozenset({"a", "an"})
# The value of a figure, as a CARDINAL, MONEY, QUANTITY or PERCENT entity writes it.
FIGURE = NumberReading(whole_phrase=False, words=CARDINALS, scales=SCALES)

HALF = re.compile(r"(?:a )?half(?: an?)?")
NUMERAL = re.compile(r"\d+(?:\.\d+)?")
# A thousands group after a comma and a stray space ("30, 000", "1, 500 kilometers"), as some wire copy is written; a
# lone digit after a dash before it is a list ("5-foot-8, 135 pounds") unless the group is "000".
SPACED_THOUSANDS = re.compile(r"\b(\d{2,3}|(?<![-–])(?<![-–] )\d|\d(?=, 000)), (\d{3})\b")
WORD_OR_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")


def read_number(text: str, reading: NumberReading) -> int | float | None:
    """The number the text gives, read as ``reading`` says; None when it gives none.

    COUNT: 'two' -> 2.0, 'twenty four' -> 24.0, '1,500' -> 1500.0, 'a' -> 1.0, 'half an' -> 0.5, 'several' -> None.
    FIGURE: '23' -> 23.0, '1,200' -> 1200.0, '30, 000' -> 30000.0, '1.2 billion' -> 1.2e9, 'two dozen' -> 24,
    'more than a dozen' -> 12, 'half a dozen' -> 6, 'twenty-five' -> 25, 'nearly two-thirds' -> None (a fraction).
    """
    if reading.whole_phrase:
        text = text.strip().replace(",", "")
        if HALF.fullmatch(text):
            return 0.5
        if NUMERAL.fullmatch(text):
            return float(text)
        words = re.split(r"[\s-]+", text)
        if len(words) > 1 and ARTICLES & set(words[1:]):
            return None  # "seven a (year)" is a rate, not a number
        if len(words) > 1 and words[0] in ARTICLES:
            words = words[1:]  # "a dozen", "a single": the article says one of what follows, not one more
    else:
        words = WORD_OR_NUMERAL.findall(SPACED_THOUSANDS.sub(r"\1,\2", text.lower()).replace("-", " "))
    value: int | float | None = None
    seen = False
    for i, word in enumerate(words):
        if seen and word in FRACTION_WORDS:
            return None  # "two-thirds", "three quarters": a fraction of something, not two or three of it
        if word[:1].isdigit() and not reading.whole_phrase:
            value, seen = float(word.replace(",", "")), True
        elif word in reading.scales and seen:
            value = (value or 1) * reading.scales[word]
        elif word in reading.scales and not reading.whole_phrase and i and words[i - 1] in ARTICLES:
            # "a dozen", "a hundred": one of the scale, "half a dozen" half of it
            value, seen = reading.scales[word] * (0.5 if words[i - 2 : i - 1] == ["half"] else 1), True
        elif word in reading.words:
            value, seen = (value or 0) + reading.words[word], True
        elif reading.whole_phrase and word != "and":
            return None
    if reading.whole_phrase:
        return float(value) if value else None
    return value if seen else None


SPOKEN_YEAR = re.compile(r"\b(?:nineteen|eighteen|twenty) [a-z]+(?:-[a-z]+)?\b|"
                         r"\btwo thousand(?: and)?(?: [a-z]+(?:-[a-z]+)?)?")


def spoken_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001; None when the words are no year."""
    match = re.fullmatch(r"(nineteen|eighteen|twenty) ([a-z]+(?:[- ][a-z]+)?)", words)
    if match and match.group(2) not in ("hundred", "dozen"):
        rest = read_number(match.group(2), COUNT)
        # "twenty four" is a count ("twenty four hours"); a spoken year names two digits after its century
        return int(read_number(match.group(1), COUNT) * 100 + rest) if rest and 10 <= rest < 100 else None
    match = re.fullmatch(r"two thousand(?: and)?(?: ([a-z]+(?:[- ][a-z]+)?))?", words)
    if match:
        rest = read_number(match.group(1), COUNT) if match.group(1) else 0
        return None if rest is None or rest >= 100 else 2000 + int(rest)
    return None


def figures_in(text: str) -> set[float]:
    """The figures a sentence gives, in digits or in words ("8 days", "eight days")."""
    values = (CARDINALS.get(token) if token.isalpha() else token.replace(",", "")
              for token in WORD_OR_NUMERAL.findall(text.lower()))
    return {float(value) for value in values if value is not None}
