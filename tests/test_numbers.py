"""Numbers in words and figures: the count a time phrase gives, the value of a figure, years said aloud."""

import json

import pytest

from storyline.text.numbers import COUNT, FIGURE, ORDINALS, read_number, spoken_year


@pytest.mark.parametrize("text, expected", [
    ("1.2 billion", 1.2e9),
    ("twenty-five", 25),
    ("1,200", 1200),
    ("two dozen", 24),
    ("nine hundred", 900),
    ("more than 50", 50),
    ("$40 million", 40e6),
    ("£1.2bn", 1.2e9),  # a scale abbreviation glued to the number
    ("$3mn", 3e6),
    ("zero", 0),
    ("several", None),
    ("a further 50", 50),  # an article is no number in running text: "a further 50" is 50, not 51 ...
    ("a million", 1e6),  # ... but one of a scale that follows it: "a million dollars", "a dozen", "half a dozen"
    ("half a dozen", 6),
    ("nearly two-thirds", None),  # a fraction is not two of anything
    ("three quarters", None),
])
def test_a_figure_is_the_number_its_words_give(text, expected):
    assert read_number(text, FIGURE) == expected


def test_a_figure_keeps_the_type_its_words_give_it():
    # The brief's JSON shows a figure's value as read: words and small scales give integers, numerals and the
    # large scales floats.
    assert json.dumps([read_number(t, FIGURE) for t in ("three", "two hundred", "two thousand", "23")]) == \
        "[3, 200, 2000.0, 23.0]"


@pytest.mark.parametrize("text, expected", [
    ("two", 2.0),
    ("twenty four", 24.0),
    ("twenty-four", 24.0),
    ("one hundred", 100.0),
    ("a", 1.0),
    ("an", 1.0),
    ("half an", 0.5),
    ("1,500", 1500.0),
    ("2.5", 2.5),
    ("seven a", None),  # "seven a year" is a rate
    ("2 hundred", None),  # a numeral stands alone in a count
    ("zero", None),
    ("few", None),
    ("twenty weeks", None),  # every word of a count is a number word
    ("a dozen", 12.0),  # an article before a number word says one of it, not one more
    ("two dozen", 24.0),
    ("a single", 1.0),
])
def test_a_count_is_a_phrase_of_number_words_and_nothing_else(text, expected):
    assert read_number(text, COUNT) == expected


@pytest.mark.parametrize("words, expected", [
    ("nineteen ninety-six", 1996),
    ("nineteen ninety six", 1996),
    ("eighteen twelve", 1812),
    ("two thousand and one", 2001),
    ("two thousand", 2000),
    ("twenty twenty-three", 2023),
    ("twenty four", None),  # a count: "twenty four hours"
    ("nineteen hundred", None),
    ("twenty dozen", None),  # a count of dozens, not a year
    ("two thousand three hundred", None),
])
def test_years_said_aloud(words, expected):
    assert spoken_year(words) == expected


def test_ordinals_count_quarters():
    assert [ORDINALS[w] for w in ("first", "second", "third", "fourth", "4th")] == [1, 2, 3, 4, 4]
