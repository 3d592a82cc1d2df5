"""The game clock as a figure: when in a period of play something happened, as sports reports time it ("with 7:41
left in the first half", "with 10:03 to play in the third quarter", "44 seconds into the seventh round").

A clock is written to the second it shows, so "7:41" and "7:42" left cannot both be true. Outlets time one play from
one clock and still write it differently (a second apart, or minutes apart when one of them has it wrong), so the
clock of one play in one period is one quantity. It is read only with its period, written after it or named alone in
its sentence ("tied Ford with 14:05 left in the first half, then set the record with 7:41 to go"): a clock without
its period may be of any half or round. Time left and time elapsed are read apart, as a period's length is not
written.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_events import EVENTLESS_VERBS, day_named, event_words
from storyline.compare.figure_words import context, names, sentence_of, times_named, verbs_above
from storyline.model import Article, TimeExpression
from storyline.text.estimates import Range
from storyline.text.wordlists import pairs, words

ORDINALS = pairs("ordinals")
PERIOD_NOUNS = "|".join(sorted(words("play_periods")))
ORDINAL = r"[a-z]+|\d{1,2}(?:st|nd|rd|th)"
PERIOD_WORDS = re.compile(rf"\b(?:{PERIOD_NOUNS}|overtime)\b", re.IGNORECASE)
# A period of play: "the first half", "the 3rd quarter", "the seventh round"; or overtime.
PERIOD = re.compile(rf"\bthe\s+(?P<ordinal>{ORDINAL})\s+(?P<noun>{PERIOD_NOUNS})\b|\b(?P<overtime>overtime)\b",
                    re.IGNORECASE)
# A clock as written: "7:41", the corpus's detokenised "10: 03", or "7 minutes 41 seconds"; "44 seconds".
CLOCK = (r"(?:(?P<minutes>\d{1,2})\s?:\s?(?P<seconds>\d{2})(?:\s+minutes)?"
         r"|(?P<spelled_minutes>\d{1,2})\s+minutes?,?\s+(?P<spelled_seconds>\d{1,2})\s+seconds?"
         r"|(?P<only_seconds>\d{1,2})\s+seconds)")
IN_PERIOD = rf"(?:\s+(?:in|of)\s+(?P<period>the\s+(?:{ORDINAL})\s+(?:{PERIOD_NOUNS})|overtime))?"
# The time left ("with 7:41 left in the first half") or elapsed ("44 seconds into the seventh round").
LEFT = re.compile(rf"\b{CLOCK}\s+(?P<direction>left|remaining|to\s+go|to\s+play)\b{IN_PERIOD}", re.IGNORECASE)
INTO = re.compile(rf"\b{CLOCK}\s+(?P<direction>into)\s+(?P<period>the\s+(?:{ORDINAL})\s+(?:{PERIOD_NOUNS})|overtime)",
                  re.IGNORECASE)

# A moment of play told by how long its period had run ("stopped the fight at 2:56 of the sixth round"): no time
# of day, though not read as a figure (whether it counts up or down is the sport's).
OF_PERIOD = re.compile(rf"\b{CLOCK}\s+(?:of|in)\s+(?:the\s+(?:{ORDINAL})\s+(?:{PERIOD_NOUNS})|overtime)\b",
                       re.IGNORECASE)


def is_game_clock(text: str, start: int) -> bool:
    """Whether a clock written at ``start`` is a game clock ("7:41 left", "44 seconds into the seventh round",
    "2:56 of the sixth round")."""
    return any(pattern.match(text, start) is not None for pattern in (LEFT, INTO, OF_PERIOD))


def game_clock_figures(article: Article, doc: Doc, times: list[TimeExpression], config: FigureConfig) -> list[Figure]:
    """The game-clock times the article writes, each of the event its clause tells, in the period it names."""
    found = []
    for match in [*LEFT.finditer(article.text), *INTO.finditer(article.text)]:
        tokens = doc.char_span(match.start(), match.end("direction"), alignment_mode="expand")
        if tokens is None:
            continue
        period = _period(match.group("period")) if match.group("period") else _sentence_period(tokens.sent.text)
        if period is None or (event := _play(tokens)) is None:
            continue
        direction = "into" if match.group("direction").lower() == "into" else "left in"
        seconds = _seconds(match)
        ordinal, noun = period
        written = f"{direction} {noun}" if ordinal == 0 else f"{direction} the {_ordinal_word(ordinal)} {noun}"
        found.append(Figure(article.span(match.start(), match.end(), "TIME"), sentence_of(article, tokens),
                            article.outlet, seconds, "GAME_CLOCK", written, f"{ordinal} {noun} {direction}", "exact",
                            Range(seconds, seconds), *event_words(event),
                            context(tokens, config.context_tokens), names(event, event, None),
                            _other_times(times_named(tokens, event, times, article)), "",
                            day_named(tokens, event, times)))
    return found


def _play(tokens: SpacySpan) -> Token | None:
    """The verb of the play a clock times: the nearest above the clock's words but their own "left", "to play" or
    "remaining" ("tied the game with a field goal with 10:03 to play"), unless it names no event ("was")."""
    return next((verb for verb in verbs_above(tokens.root) if not tokens.start <= verb.i < tokens.end
                 and verb.lemma_.lower() not in EVENTLESS_VERBS), None)


def _other_times(times: frozenset[str]) -> frozenset[str]:
    """The times a clock's clause names other than periods of play ("the second half" of "came out in the second
    half and tied the game with 6:00 remaining in the third quarter"): the period is the clock's own."""
    return frozenset(t for t in times if not PERIOD_WORDS.search(t))


def _seconds(match: re.Match) -> int:
    minutes = match.group("minutes") or match.group("spelled_minutes") or 0
    seconds = match.group("seconds") or match.group("spelled_seconds") or match.group("only_seconds")
    return int(minutes) * 60 + int(seconds)


def _period(written: str) -> tuple[int, str] | None:
    """A period as (its number, its noun): (1, "half") for "the first half", (0, "overtime")."""
    found = PERIOD.search(written)
    if found is None:
        return None
    if found.group("overtime"):
        return 0, "overtime"
    ordinal = found.group("ordinal").lower()
    number = ORDINALS.get(ordinal) or (ordinal[:-2] if ordinal[:-2].isdigit() else None)
    return (int(number), found.group("noun").lower()) if number else None


def _sentence_period(sentence: str) -> tuple[int, str] | None:
    """The one period a sentence names, if it names just one."""
    periods = {p for found in PERIOD.finditer(sentence) if (p := _period(found.group()))}
    return next(iter(periods)) if len(periods) == 1 else None


def _ordinal_word(number: int) -> str:
    return next((word for word, n in ORDINALS.items() if n == str(number) and word.isalpha()), f"{number}th")
