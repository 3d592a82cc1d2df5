"""Where an article's temporal expressions are, found in its parse: spaCy's DATE and TIME entities (a clock time
joined to its day, ranges split in two, TimeML's extent trimmed or widened), plain dates the small model leaves
unlabelled, and deictic words such as "now" or "recently"."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span as DocSpan, Token
from spacy.vocab import Vocab

from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.dates import HOLIDAYS, MONTH_ABBREVIATIONS, MONTHS, PARTS_OF_DAY, WEEKDAYS
from storyline.extract.timex.stretches import UNITS
from storyline.extract.timex.tense import governing_tense
from storyline.extract.timex.values import normalise
from storyline.model import Article, Span, pickled_by_fields
from storyline.parse.labels import NAME_LABELS
from storyline.text.wordlists import words

# Leading and trailing words and marks TimeML leaves outside a TIMEX3 (its SIGNAL, or a focus or hedge word): "in
# March", "since 1990", "only 14 days", "about two weeks".
OUTSIDE_WORDS = words("time_outside_words") | {"'", "-", "—", "–", "(", ")", ",", ".", ";", ":", '"', "“", "”"}
VAGUE_WORDS = words("time_vague_words")
# "quarterly dividend", "annual meeting": a frequency word describing a noun is no temporal expression.
FREQUENCY_ADJECTIVES = words("frequency_adjectives")
TIME_ZONES = words("time_zones")
CLOCK_DAY_GLUE = words("clock_day_glue") | TIME_ZONES | {","}
SPLIT_WORDS = words("time_range_split_words")
# Words the model leaves outside a DATE entity that TimeML keeps inside: "this" Saturday, "each" July.
LEFT_OUT_WORDS = words("time_left_out_words")
DECADE_ENDINGS = {"'s", "’s"}
HOLIDAY_TIME_HEADS = words("holiday_time_heads") | set(UNITS) | set(PARTS_OF_DAY)
LOWER_MONTHS = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)  # "november", "nov"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class TimexMention:
    """What the parse tells about one temporal expression: where it is, its sentence's index and the tense of
    the verb it modifies."""

    span: Span
    tense: str | None
    sentence: int


# The mentions last found in this thread, with the Doc they were found in (held, so that no other Doc can take its
# id meanwhile): the pipeline's time stage and an undated article's publication-date evidence ask for the same
# article's, one after the other.
_last = threading.local()


def find(article: Article, doc: Doc, config: TimexConfig = CONFIG) -> list[TimexMention]:
    """Every temporal expression of the article, in text order, with its governing tense."""
    last = getattr(_last, "found", None)
    if last is not None and last[0] is doc and last[1:3] == (article.id, config):
        return list(last[3])
    mentions = _found(article, doc, config)
    _last.found = (doc, article.id, config, mentions)
    return list(mentions)


def _found(article: Article, doc: Doc, config: TimexConfig) -> list[TimexMention]:
    bounds = [named for start, end in entity_bounds(doc) if (named := names_time(doc, start, end))]
    taken = {i for start, end in bounds for i in range(start, end)}
    bounds += missed_bounds(doc, taken)
    taken = {i for start, end in bounds for i in range(start, end)}
    bounds += vague_bounds(doc, taken)
    sentence_of = {sentence.start: index for index, sentence in enumerate(doc.sents)}
    mentions = []
    for start, end in sorted(bounds):
        tokens = doc[start:end]
        mentions.append(TimexMention(article.span(tokens.start_char, tokens.end_char, "TIMEX"),
                                     governing_tense(tokens, config), sentence_of[tokens.sent.start]))
    return mentions


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without the signal words and punctuation TimeML keeps outside a TIMEX3."""
    while start < end and (doc[start].lower_ in OUTSIDE_WORDS or doc[start].is_space):
        start += 1
    if end - start > 1 and doc[start].lower_ == "the" and is_calendar_date(doc[start + 1:end]):
        start += 1  # "the Oct. 23 attack", "the 1996 election": the article belongs to the noun, not the date
    while end > start and (doc[end - 1].lower_ in OUTSIDE_WORDS | {"later"} or doc[end - 1].is_space
                           or doc[end - 1].is_punct):
        end -= 1
    return start, end


def is_calendar_date(tokens: DocSpan) -> bool:
    """Whether the words are a bare calendar date: 'Oct. 23', 'Friday', '1996', but not '1996 quarter'."""
    def names_day_month_or_year(token: Token) -> bool:
        word = token.lower_.rstrip(".")
        return word in MONTHS or word in MONTH_ABBREVIATIONS or word in WEEKDAYS or token.shape_ == "dddd"

    return names_day_month_or_year(tokens[0]) and (tokens[-1].like_num or names_day_month_or_year(tokens[-1]))


def is_age(doc: Doc, start: int, end: int) -> bool:
    """'45 years old', 'aged 45': spaCy labels ages DATE, TimeML does not."""
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 1].lower_ if start > 0 else ""
    return after in {"old", "-old", "older", "younger"} or doc[end - 1].lower_ == "old" or before in {"aged", "age"}


# The words between a week and the day that names it: "the week beginning 17 October", "the week of March 6".
WEEK_DAY_GLUE = [["beginning"], ["starting"], ["commencing"], ["of"]]
# A clock time as one token: "6:41", "6:41pm", "6pm", "6.41p.m."; and a meridiem as a token of its own after one.
CLOCK_TOKEN = re.compile(r"\d{1,2}(?::\d{2}(?:[ap]\.?m\.?)?|(?:\.\d{2})?[ap]\.?m\.?)", re.I)
MERIDIEM_TOKEN = re.compile(r"[ap]\.?m\.?", re.I)
# Four figures before a zone, as wire services give the universal time: "0241 GMT".
ZONE_CLOCK_TOKEN = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# Words before a part of the day that keep it inside a clock time's expression: "this evening", "last night".
CLOCK_DAY_WORDS = {"this", "last", "that", "tomorrow", "yesterday", "today"}


def clock_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Clock times with a meridiem or a zone, which the model often leaves unlabelled or takes for money ("6:41pm
    PST", "02:41 GMT", "0241 GMT"), with the zone and a part of the day after them ("6:41pm PST this evening")."""
    bounds = []
    for token in (doc[i] for i in digit_led(doc)):
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        zone_next = after is not None and after.lower_ in TIME_ZONES
        meridiem_next = after is not None and MERIDIEM_TOKEN.fullmatch(after.text) is not None
        clock = CLOCK_TOKEN.fullmatch(token.text) and (zone_next or meridiem_next or not token.text[-1].isdigit())
        if not (clock or ZONE_CLOCK_TOKEN.fullmatch(token.text) and zone_next):
            continue
        end = token.i + 1 + meridiem_next
        while end < len(doc) and doc[end].lower_ in TIME_ZONES:
            end += 1
        bounds.append((token.i, end + part_of_day_after(doc, end)))
    return bounds


def digit_led(doc: Doc) -> list[int]:
    """The tokens that begin with a figure, found with numpy over the Doc's word shapes ("d:ddxx" for "6:41pm"):
    every clock time does; reading every token's text and the next with regexes was 8% of the per-article
    stages. A shape begins with "d" for every character ``str.isdigit`` takes, a superset of the regexes' ``\\d``."""
    shapes = doc.to_array(SHAPE)
    distinct, inverse = np.unique(shapes, return_inverse=True)
    strings = doc.vocab.strings
    led = np.fromiter((strings[int(shape)].startswith("d") for shape in distinct.tolist()), bool, len(distinct))
    return np.flatnonzero(led[inverse]).tolist()


def part_of_day_after(doc: Doc, start: int) -> int:
    """How many tokens from ``start`` name the part of the day a clock time falls in: "this evening", "tonight"."""
    if start < len(doc) and doc[start].lower_ in PARTS_OF_DAY:
        return 1
    if start + 1 < len(doc) and doc[start].lower_ in CLOCK_DAY_WORDS and doc[start + 1].lower_ in PARTS_OF_DAY:
        return 2
    return 0


def time_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """The model's DATE and TIME entities and holidays, and the clock times it missed or took for something else
    (money, a year): a clock time and the entities it overlaps are one TIME ("6:41pm PST" + "this evening")."""
    found = [(start, end, "CLOCK") for start, end in clock_bounds(doc)]
    for ent in doc.ents:
        # Holidays are EVENT entities to the model ("Thanksgiving Day") and dates to TimeML.
        holiday = ent.label_ == "EVENT" and normalise(ent.text, None) is not None
        if ent.label_ in {"DATE", "TIME"} or holiday:
            found.append((with_day_before(doc, ent.start), ent.end, ent.label_))
    joined: list[tuple[int, int, str]] = []
    for start, end, label in sorted(found):
        if joined and start < joined[-1][1] and "CLOCK" in (label, joined[-1][2]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]), "CLOCK")
        else:
            joined.append((start, end, label))
    return [(start, end, "TIME" if label == "CLOCK" else label) for start, end, label in joined]


def with_day_before(doc: Doc, start: int) -> int:
    """Where a date the model begins at its month begins: at the day number before it where the model left that
    out or took for a count, as it does after a bracket ("(4 November 2011)", "[10 October 2011]")."""
    month, day = doc[start], doc[start - 1] if start else None
    if (day is not None and day.ent_type_ in {"", "CARDINAL"} and day.text.isdigit() and 1 <= int(day.text) <= 31
            and month.lower_.rstrip(".") in LOWER_MONTHS):
        return start - 1
    return start


def merged_clock_and_day(doc: Doc) -> list[tuple[int, int]]:
    """DATE/TIME entities, a clock time joined to its day ("9 a.m. EST" + "Tuesday"; "Sunday" + "night")."""
    bounds: list[tuple[int, int, str]] = []
    for ent_start, ent_end, ent_label in time_entities(doc):
        if bounds:
            start, end, label = bounds[-1]
            gap = doc[end:ent_start]
            if label != ent_label and all(t.is_space or t.lower_ in CLOCK_DAY_GLUE for t in gap):
                bounds[-1] = (start, ent_end, "TIME")
                continue
            if doc[end - 1].lower_ == "week" and [t.lower_ for t in gap] in WEEK_DAY_GLUE:
                bounds[-1] = (start, ent_end, "DATE")  # "the week beginning 17 October": that day's week
                continue
        bounds.append((ent_start, ent_end, ent_label))
    return [(start, end) for start, end, _ in bounds]


def split_ranges(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'the quarter ended Sept. 30', 'Friday and Saturday' and 'the first nine months of 1997' are two
    expressions each in TimeML ('the winter of 1994' is one: only a stretch of time splits off a year at 'of')."""
    parts = []
    for i in range(start, end):
        token = doc[i]
        if token.lower_ in SPLIT_WORDS and not (token.lower_ == "and" and doc[i + 1:i + 3].text.lower() == "a half"):
            parts.append((start, i))
            start = i + 1
        elif (token.lower_ == "of" and doc[i + 1:end].text.isdigit()
              and (normalise(doc[start:i].text, None) or ("", ""))[0] == "DURATION"):
            parts.append((start, i))
            start = i + 1
    return parts + [(start, end)]


def entity_bounds(doc: Doc) -> list[tuple[int, int]]:
    bounds = []
    for whole_start, whole_end in merged_clock_and_day(doc):
        for part_start, part_end in split_ranges(doc, whole_start, whole_end):
            sentence_end = doc[part_start].sent.end
            start, end = trimmed(doc, part_start, min(part_end, sentence_end))
            describes_noun = (end - start == 1 and doc[start].lower_ in FREQUENCY_ADJECTIVES
                              and doc[start].dep_ == "amod")
            if start < end and not (is_age(doc, start, end) or describes_noun or names_a_thing(doc, start, end)):
                bounds.append((start, end))
    return bounds


def names_a_thing(doc: Doc, start: int, end: int) -> bool:
    """A year numbering the name before it ("Windows Server 2003", "Office 2010") or a holiday naming a kind of thing
    ("Christmas stockings"): the model labels them DATE, but they say when nothing happened."""
    last = doc[end - 1]
    head = last.head
    if last.shape_ == "dddd" and last.dep_ in {"nummod", "conj"} and head.i < end - 1 \
            and all(doc[i].pos_ == "PROPN" for i in range(start, end - 1)):
        # the year alone, or with the name it numbers when the model took both ("Windows 2000")
        head_word = head.lower_.rstrip(".")
        return (head.pos_ == "PROPN" and head_word not in MONTHS and head_word not in MONTH_ABBREVIATIONS
                and head_word not in WEEKDAYS and head_word not in HOLIDAYS)
    if start <= head.i < end:
        return False
    return (doc[start:end].text.lower() in HOLIDAYS and last.dep_ == "compound" and head.pos_ == "NOUN"
            and head.lemma_.lower() not in HOLIDAY_TIME_HEADS and head.lower_ not in HOLIDAY_TIME_HEADS)


WEEKDAY_WORDS = [day.title() for day in WEEKDAYS]
MONTH_WORDS = [month.title() for month in MONTHS] + [f"{m.title()}." for m in MONTH_ABBREVIATIONS]
PARTS_OF_DAY_WORDS = ["morning", "afternoon", "evening", "night"]
DEICTIC_DAY_WORDS = ["today", "yesterday", "tomorrow", "tonight", "overnight"]
EVERY_WORDS = ["every", "each"]
FREQUENCY_WORDS = ["daily", "weekly", "hourly", "nightly"]
ORDINAL_WORDS = ["first", "second", "third", "fourth"]
# The most tokens a pattern of the matcher below spans ("Oct. 23, 1999").
LONGEST_MISSED_PATTERN = 4


@lru_cache(maxsize=4)
def missed_pattern_matcher(vocab: Vocab) -> Matcher:
    """Plain dates the small English model often leaves unlabelled: 'Friday', 'today', 'every day', 'Oct. 23'.
    Each pattern begins with a word of :func:`missed_date_starts`."""
    matcher = Matcher(vocab)
    matcher.add("DAY", [[{"ORTH": {"IN": WEEKDAY_WORDS}}, {"LOWER": {"IN": PARTS_OF_DAY_WORDS}, "OP": "?"}],
                        [{"LOWER": {"IN": DEICTIC_DAY_WORDS}}],
                        [{"LOWER": {"IN": ["the", "that"]}}, {"LOWER": {"IN": PARTS_OF_DAY_WORDS}}]])
    matcher.add("SET", [[{"LOWER": {"IN": EVERY_WORDS}},
                         {"LOWER": {"IN": ["day", "week", "month", "year", "night", "morning", *WEEKDAYS]}}],
                        [{"LOWER": {"IN": FREQUENCY_WORDS}, "DEP": {"NOT_IN": ["amod"]}}]])
    # A report's "latest period" is the quarter it reports on.
    matcher.add("QUARTER", [[{"LOWER": {"IN": ORDINAL_WORDS}}, {"ORTH": "-", "OP": "?"},
                             {"LOWER": {"IN": ["quarter", "half"]}}],
                            [{"LOWER": "the"}, {"LOWER": "latest"}, {"LOWER": "period"}]])
    matcher.add("CALENDAR", [[{"ORTH": {"IN": MONTH_WORDS}}, {"SHAPE": {"IN": ["d", "dd"]}}, {"ORTH": ",", "OP": "?"},
                              {"SHAPE": "dddd", "OP": "?"}]])
    return matcher


def missed_date_starts(doc: Doc) -> list[int]:
    """The tokens a pattern of :func:`missed_pattern_matcher` can begin at: a weekday or a month as written, a
    deictic day, "every", a frequency or an ordinal word, "the" or "that" before a part of the day, or "the latest"."""
    orth, lower = doc.to_array([ORTH, LOWER]).T.reshape(2, -1)
    written, lowered, determiners, after_determiner = _start_keys()
    begins = _among(orth, written) | _among(lower, lowered)
    begins[:-1] |= _among(lower[:-1], determiners) & _among(lower[1:], after_determiner)
    return np.flatnonzero(begins).tolist()


@lru_cache(maxsize=1)
def _start_keys() -> tuple[np.ndarray, ...]:
    """The string keys (hashes, the same in every vocabulary) of the words :func:`missed_date_starts` looks for,
    sorted: as written, in lower case, "the"/"that", and the words after those."""
    return tuple(np.array(sorted({hash_string(word) for word in group}), dtype=np.uint64) for group in (
        WEEKDAY_WORDS + MONTH_WORDS, DEICTIC_DAY_WORDS + EVERY_WORDS + FREQUENCY_WORDS + ORDINAL_WORDS,
        ["the", "that"], [*PARTS_OF_DAY_WORDS, "latest"]))


def _among(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Which of ``keys`` are in ``sorted_keys``: a binary search each, where ``np.isin`` sorted both together."""
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def missed_matches(doc: Doc) -> list[DocSpan]:
    """Every match of :func:`missed_pattern_matcher` in the text, overlapping ones included. The matcher tries
    each pattern at every token, checking its word sets in Python: two seconds over PolNeAR train's 839 texts, a
    seventh of the per-article stages. Run over a pattern's length from each token a date can begin at, it finds
    the same matches (one inside a stretch of the text is one in the whole) in a quarter of the time."""
    matcher = missed_pattern_matcher(doc.vocab)
    return [span for start in missed_date_starts(doc)
            for span in matcher(doc[start:start + LONGEST_MISSED_PATTERN], as_spans=True)]


def missed_bounds(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """The plain dates of :func:`missed_pattern_matcher`, but for the words of a longer name ("Entertainment
    Tonight", "The Sunday Times"): a programme or a paper is no time."""
    name_length = {i: len(ent) for ent in doc.ents if ent.label_ in NAME_LABELS for i in range(ent.start, ent.end)}
    return [(span.start, span.end) for span in spacy.util.filter_spans(missed_matches(doc))
            if not taken.intersection(range(span.start, span.end))
            and not all(name_length.get(i, 0) > len(span) for i in range(span.start, span.end))]


def vague_bounds(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Deictic words outside spaCy's entities: "now", "currently", "the past", "the future", "current" + noun."""
    bounds = []
    # The words looked for found with numpy over the Doc's array: a Python loop over every token was a sixtieth of
    # the per-article stages.
    vague = np.isin(doc.to_array(LOWER), [doc.vocab.strings[word] for word in VAGUE_WORDS])
    for token in (doc[i] for i in np.flatnonzero(vague).tolist()):
        if token.i in taken:
            continue
        if token.lower_ == "current" and not (token.dep_ == "amod" and token.head.pos_ == "NOUN"):
            continue
        if token.lower_ in {"future", "past"}:
            if token.pos_ != "NOUN" or token.i == 0 or doc[token.i - 1].lower_ != "the":
                continue
            bounds.append((token.i - 1, token.i + 1))
            continue
        bounds.append((token.i, token.i + 1))
    return bounds


def names_time(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The bounds widened over words the model left out ("this" + "Saturday", "the 1988" + "period"), or else
    narrowed to the part that names a time ("a budget days" -> "days"); None when no part does."""
    if (end < len(doc) and doc[end].lower_ in DECADE_ENDINGS and not doc[end - 1].whitespace_
            and doc[end - 1].shape_ == "dddd" and doc[end - 1].text.endswith("0")):
        end += 1  # "the mid 1930's": the tokenizer splits the decade's "'s" off as a possessive
    if start > 0 and doc[start - 1].lower_ in LEFT_OUT_WORDS and normalise(doc[start - 1:end].text, None):
        return start - 1, end
    if end < len(doc) and doc[end].lower_ == "period" and normalise(doc[start:end + 1].text, None):
        # A report's "the 1988 period" or "the year-ago period" is the time it compares, not a year.
        return (start - 1 if start and doc[start - 1].lower_ == "the" else start), end + 1
    for first in range(start, end):
        if doc[first].lower_ not in OUTSIDE_WORDS and normalise(doc[first:end].text, None) is not None:
            return first, end
    return None
