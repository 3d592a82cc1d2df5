"""A story's timeline: what happened when, each entry pointing at the sentences (and so the sources) stating it.

Dated statements come from the articles' resolved time expressions, each dating what its sentence tells (not a
thing the sentence names: "a star of the musicals of the 1940s, has died" is no entry for the 1940s), outside
quotation marks (a date in someone's words is the speaker's, "we start today", given with the quote; a quoted title,
"Midnight Express", dates nothing). Statements of one date from several outlets merge into one entry when their
sentences tell the same event: their words overlap, or the date is of the same event verb or noun ("died Thursday at
88", "died early on Thursday in hospital"); a day given without its year ("the vote on December 15") joins the
same event's entry of a statement giving the year. A statement dated only against another event
("the harbour reopened three days after the explosion") becomes an entry placed right after that event's entry,
which is built from the sentences naming the event even when none gives it a date. A statement is one sentence:
a headline or caption run into the text without a full stop is cut off it (:mod:`storyline.text.run_on`), and a
caption without a verb ("The blaze at the mill on Tuesday.") tells no event.

A date counted from an inferred publication date ("Sunday" in a report whose date was inferred) is a guess: its
entry carries the inference's confidence and says so, unless another statement of the entry gives the date. A day
named relative to an undated report's unknown date ("Sunday", "yesterday", "29 April") keeps its words, marked
undated.
A date a stated publication day gave ("Tuesday", "this morning", "September" without its year) is only as right as
that day, which a feed may give late: where no statement of the entry gives the date in its own words, the entry
shows the words and the report's day. One moment told "late Thursday" by one outlet and "early Friday" by another,
whose clock is hours ahead, is one entry showing both days. In a story of a game, "the fourth quarter" is a period
of play, not of the calendar.
The picture of a timeline is drawn by :mod:`storyline.brief.svg`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.compare.figure_events import EVENT_NOUNS, dated_event, subject_of
from storyline.compare.game_clock_figures import INTO, LEFT, OF_PERIOD, is_game_clock
from storyline.extract.timex.anchoring import is_anaphoric
from storyline.extract.timex.dates import PARTS_OF_DAY
from storyline.extract.timex.tense import FUTURE, PAST, governing_verb
from storyline.extract.timex.values import normalise
from storyline.extract.timex.stretches import UNITS as TIME_UNITS
from storyline.model import Article, Span, TimeExpression
from storyline.text.paragraphs import statement_start
from storyline.text.quotemarks import quoted_spans
from storyline.text.run_on import sentence_of
from storyline.text.wordlists import words

CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q(\d)|-W(\d{2}))?|(\d{3})$")
# A decade, as TimeML writes it: "193" for "the 1930s".
DECADE_VALUE = re.compile(r"\d{3}")
# A day named relative to an unknown publication date: "Sunday" (XXXX-WXX-7), "yesterday" (XXXX-XX-XX), "29 April"
# (XXXX-04-29).
UNANCHORED_DAY = re.compile(r"XXXX-(?:WXX-\d|XX-XX|\d{2}-\d{2})")
# A weekday the text names without its date ("Friday night"): XXXX-WXX-5.
WEEKDAY_VALUE = re.compile(r"XXXX-WXX-(\d)")
# What stands between a day and its date given again: "yesterday (July 21st)", "today, 10 October".
RESTATING = re.compile(r"\s*[(,]\s*")
# A day of a calendar month, with or without its year, as valued without a reference: "2011-10-10", "XXXX-07-21".
CALENDAR_DAY = re.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}")
# A calendar quarter or half: "2012-Q4", "2012-H1".
QUARTER_OR_HALF = re.compile(r"\d{4}-[QH]\d")
HALF_TIME = re.compile(r"\bhalf-?\s?time\b", re.IGNORECASE)
# A day with its year: "2008-12-11".
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A day of a month the text gives without its year ("December 2"): a calendar day, not one relative to the report.
YEARLESS_DAY = re.compile(r"XXXX-\d{2}-\d{2}")
# "The day", "that night", "the same morning": a day the text spoke of before (the game's, the storm's). When no
# date of the text anchors it, its words say nothing: an entry "the day (undated)" tells the reader nothing.
ANAPHORIC_DAY = re.compile(r"(?:the|that)(?: same)? (?:day|" + "|".join(PARTS_OF_DAY) + ")", re.IGNORECASE)
# The hour of a clock time's value, and the words placing a day's time near its midnight ("late Thursday", "early
# Friday"; not "later", "earlier").
CLOCK_HOUR = re.compile(r"T(\d{2}):\d{2}")
EARLY = re.compile(r"\bearly\b", re.IGNORECASE)
LATE = re.compile(r"\blate\b", re.IGNORECASE)
# The prepositions that date a duration against an event: "three days after the explosion".
RELATIVE_SIGNALS = {"after", "before"}
# The prepositions that set what a sentence tells in time against another event: "quit after the attack on Saturday"
# dates the attack, not the quitting.
SEQUENCE_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "till"})
SPEECH_TAG_VERBS = words("speech_tag_verbs")
WEEKDAY_NAMES = frozenset(day.lower() for day in calendar.day_name)
# Nouns of time a date is part of: "a November release date", "the night of the attack".
TIME_NOUNS = frozenset(TIME_UNITS) | frozenset(PARTS_OF_DAY) | words("time_nouns")
# Dependencies of a subject: a sentence with one has a predicate though the tagger missed its verb ("the defense
# stunk today", "stunk" tagged a noun).
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# The parts of speech whose lemmas say what a sentence is about.
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """When statements of one date are one entry. Set by hand when the stage was written; the seed reports'
    meeting, reported by both, is one entry with it (tests/test_timeline.py)."""

    # Two sentences of one date tell the same event when they share at least this share of the content words of
    # the shorter one, leaving out the story's own words: those of more than story_word_share of its articles
    # (with at least story_word_articles of them) say which story, not which event ("police", "Athens", in all
    # 14 reports of riots in Athens, joined a firebombing to the shooting a week before; "teenager", in 10 of
    # them, is the event's).
    event_word_overlap: float = 0.3
    story_word_share: float = 0.8
    story_word_articles: int = 4
    # Two sentences sharing this share of all their content words restate one event, story words and all
    # ("Klitschko stopped Thompson in the sixth round to retain his titles Saturday night" in two outlets' words),
    # though what is left without the story's words differs ("retain", "keep a comfortable hold on").
    restated_overlap: float = 0.7


CONFIG = TimelineConfig()


@dataclass(slots=True)
class TimelineEntry:
    """One event on the timeline: its TimeML date (None when known only relative to another entry), the sentence
    spans stating it (one or more articles), the time expressions dating it, and its place in the order.

    ``confidence`` is None when a statement gives the date (or it is known only by its order); when every
    statement's date was counted from an inferred publication date, the best of those inferences' confidences.
    ``words`` are the words naming a day relative to an undated report ("Sunday"), whose value is then
    unanchored ("XXXX-WXX-7"), or those placing an entry after another ("days after the vote")."""

    value: str | None
    statements: list[Span]
    times: list[Span] = field(default_factory=list)
    after: int | None = None
    order: int = 0
    confidence: float | None = None
    words: str | None = None
    # The next day, when outlets date the event late on the entry's day and others early on the next.
    early_next_day: str | None = None
    # When no statement gives the date itself but one counted it from its publication day: the words and that day.
    counted: tuple[str, str] | None = None

    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(span.article_id for span in self.statements))

    @property
    def label(self) -> str:
        """When, as a reader sees it: the date ("~" before a guessed one; a decade as "1930s"; a moment outlets date
        late on one day and early on the next, "2008-12-13 (late) / 2008-12-14 (early)"; a date no statement gives
        but counted from a report's day with the words it was counted from, "2012-08-09 (“this morning” in a report
        dated 2012-08-09)", which are only as right as that day), else the text's own words
        for it: a day of a month the text gives no year ("December 2 (year not given)"), a day relative to an
        undated report ("Sunday (undated)"), or the entry's place after another ("days after the vote (undated)"),
        else "undated"."""
        if self.words is not None and self.value is not None and YEARLESS_DAY.fullmatch(self.value):
            return f"{self.words} (year not given)"
        if self.words is not None:
            return f"{self.words} (undated)"
        if self.value is not None:
            shown = f"{self.value}0s" if DECADE_VALUE.fullmatch(self.value) else self.value
            if self.early_next_day is not None:
                shown = f"{shown} (late) / {self.early_next_day} (early)"
            if self.confidence is not None:
                return f"~{shown}"
            if self.counted is not None:
                shown += f" (“{self.counted[0]}” in a report dated {self.counted[1]})"
            return shown
        return "undated"


@dataclass(slots=True)
class Statement:
    sentence: Span
    time: Span | None
    words: frozenset[str]
    # The confidence of the inferred publication date the statement's date was counted from (None: stated).
    confidence: float | None = None
    # The lemmas of the verb or noun the date is of ("die" in "died on Thursday") and of an event noun the verb is
    # said of ("fire" in "the fire gutted the hall on Friday"); empty for a verb of saying or being.
    events: frozenset[str] = frozenset()
    # 1 when the time is late in its day ("late Thursday", "Thursday night", "11:40 p.m."), -1 when early in it
    # ("early Friday", "1:30 a.m."), else 0: one moment may be late on one outlet's day and early on another's.
    midnight_side: int = 0
    # The words of a date counted from the report's publication day ("Tuesday", "this morning"), with that day.
    counted: tuple[str, str] | None = None
    # Whether its words give the date whatever the report's day ("Dec. 9, 2008").
    gives_date: bool = False


def week_order(weekdays: set[int]) -> dict[int, int]:
    """The rank of each weekday (1 Monday … 7 Sunday) an undated story names, read as one stretch of days: the
    week is cut at the longest gap between them, so that "Friday", "Saturday", "Sunday" run in that order and
    "Sunday", "Monday" put Monday last."""
    days = sorted(weekdays)
    if not days:
        return {}
    gaps = [(days[i] - days[i - 1]) % 7 or 7 for i in range(len(days))]  # the gap before each day
    first = max(range(len(days)), key=lambda i: (gaps[i], -i))
    return {day: rank for rank, day in enumerate(days[first:] + days[:first])}


def calendar_start(value: str) -> date | None:
    """The first day a calendar value covers ("2023-03" -> 1 March 2023, the decade "193" -> 1 January 1930),
    for ordering."""
    match = CALENDAR_VALUE.match(value)
    if not match:
        return None
    year, month, day, quarter, week, decade = match.groups()
    if decade:
        return date(int(decade) * 10, 1, 1)
    if week:
        return date.fromisocalendar(int(year), int(week), 1)
    if quarter:
        return date(int(year), 3 * int(quarter) - 2, 1)
    return date(int(year), int(month or 1), int(day or 1))


def calendar_end(value: str) -> date | None:
    """The last day a calendar value covers ("2023-03" -> 31 March 2023, the decade "193" -> 31 December 1939,
    "2008-W52" -> 28 December 2008): what a statement dated by it tells is over by then."""
    match = CALENDAR_VALUE.match(value)
    if not match:
        return None
    year, month, day, quarter, week, decade = match.groups()
    if decade:
        return date(int(decade) * 10 + 9, 12, 31)
    if week:
        return date.fromisocalendar(int(year), int(week), 7)
    if day:
        return date(int(year), int(month), int(day))
    last_month = int(month) if month else 3 * int(quarter) if quarter else 12
    return date(int(year), last_month, calendar.monthrange(int(year), last_month)[1])


def same_day(entry_value: str | None, value: str | None) -> bool:
    """Whether two values name one day: equal, or one a day of a month without its year ("December 15") and the
    other that day with its year ("December 15, 2013")."""
    if entry_value == value:
        return True
    full, yearless = sorted((entry_value or "", value or ""))  # "X" sorts after digits
    return YEARLESS_DAY.fullmatch(yearless) is not None and full[4:] == yearless[4:] and full[:4].isdigit()


def content_words(tokens: DocSpan) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens
                     if t.pos_ in CONTENT_POS and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"})


def same_event(a: frozenset[str], b: frozenset[str], config: TimelineConfig = CONFIG,
               story_words: frozenset[str] = frozenset()) -> bool:
    """Whether two sentences' content words tell one event: the overlap coefficient of the two sets, without the
    story's own words, or with them when the sentences restate each other."""
    if _overlap(a, b) >= config.restated_overlap:
        return True
    return _overlap(a - story_words, b - story_words) >= config.event_word_overlap


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def story_words(docs: list[Doc], config: TimelineConfig = CONFIG) -> frozenset[str]:
    """The content words of more than ``story_word_share`` of the story's articles."""
    if len(docs) < config.story_word_articles:
        return frozenset()
    counts = Counter(word for doc in docs for word in content_words(doc[:]))
    return frozenset(word for word, count in counts.items() if count > config.story_word_share * len(docs))


def sentence_span(article: Article, tokens: DocSpan, quotations: list[tuple[int, int]]) -> Span:
    """The one sentence of the tokens, cut at paragraph ends and where another sentence opens without a full stop
    (a headline or caption run into the text is no part of the sentence; see :mod:`storyline.text.run_on`)."""
    start, end = sentence_of(tokens, quotations)
    for paragraph_start, paragraph_end in article.paragraphs:
        if paragraph_start <= tokens.start_char < paragraph_end:
            start, end = max(start, paragraph_start), min(end, paragraph_end)
    return article.span(statement_start(article.text, start, end), end, "SENTENCE")


def dates_its_sentence(tokens: DocSpan) -> bool:
    """Whether a time expression dates what its sentence tells, not a thing or person it names: the date hangs
    (through prepositions and time words) from a verb or a noun naming an event, not from any other noun
    ("Williams, a star of musicals of the 1940s, has died"); and that verb is not in a clause describing a thing
    or person ("Williams, who swam to stardom in the 1940s, dies") unless the thing is an event ("the quake that
    struck on Monday killed 70"); the event it dates is not one the sentence's own is set after or before ("the
    minister quit after the attack on Saturday"), nor the start of what it tells ("the first vote since it adopted a
    constitution this year"), nor the far end of a comparison ("the first title since 2000", "more than the whole
    haul in March 2014", "faster than in 2010"), nor every such day ("Friday prayers"). A timeline entry "1940s"
    would misdate the death the sentence tells."""
    if _follows_another_event(tokens) or _compared_since(tokens) or _compared_than(tokens) or _recurring_day(tokens):
        return False
    token = tokens.root
    while not _is_root(token) and (token.head.pos_ == "ADP" or token.head.dep_ == "prep"  # "since", tagged SCONJ
                                   or token.head.ent_type_ in {"DATE", "TIME"}
                                   or token.head.lemma_.lower() in TIME_NOUNS):
        token = token.head
    # "Last Friday, 1,300 biologists sent letters": a date leading the sentence, hung on its subject by the parse.
    if token.dep_ != "npadvmod" and not _is_root(token) and _is_thing(token.head):
        return False
    while not _is_root(token):
        if token.dep_ in {"relcl", "acl"} and _is_thing(token.head):
            return False
        token = token.head
        if token.dep_ == "prep" and token.lower_ in SEQUENCE_PREPOSITIONS:
            return False  # the date is of an event the sentence's own is set after or before
        if token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "since" for child in token.children):
            # the start of what the sentence tells, told by a clause: "the first since the country adopted it earlier
            # this year" (a clause after "until", "before" or "after" often dates the story's own end or next step:
            # "ran the business until pressures forced it to close in December 2007")
            return False
    return True


def events_dated(tokens: DocSpan) -> frozenset[str]:
    """The lemmas of what a date is of: its verb or noun ("Friday night's fire"), and an event noun the verb is
    said of."""
    root = tokens.root
    event = root.head if root.dep_ == "poss" and root.head.pos_ == "NOUN" else dated_event(root)
    if event is None:
        return frozenset()
    subject = subject_of(event) if event.pos_ == "VERB" else None
    named = [event] + ([subject] if subject is not None and subject.lemma_.lower() in EVENT_NOUNS else [])
    return frozenset(token.lemma_.lower() for token in named)


def names_a_day(expression: TimeExpression, tokens: DocSpan) -> bool:
    """Whether a date or time makes an entry of its own: a calendar value, or a day named relative to the
    report ("Sunday", "yesterday", "29 April") but for one the text spoke of before ("that day")."""
    return expression.type in {"DATE", "TIME"} and (
        calendar_start(expression.value) is not None
        or (UNANCHORED_DAY.match(expression.value) is not None and not ANAPHORIC_DAY.fullmatch(tokens.text)))


def said_on(tokens: DocSpan) -> bool:
    """Whether a date is the day of a statement: the verb it hangs from tags one ("said Saturday")."""
    verb = next((t for t in [tokens.root, *tokens.root.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.lower_ in SPEECH_TAG_VERBS


def is_habitual(tokens: DocSpan) -> bool:
    """Whether the date's verb tells what used to happen or was to happen, "would" without "have" ("Most days, in
    the early evening, he would emerge", "he would leave by the back alley that night"): the story's day, which a
    time of day with no day of its own ("that night") follows, is not that of such a verb."""
    verb = governing_verb(tokens.root)
    if verb is None:
        return False
    auxiliaries = [child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    return "would" in auxiliaries and "have" not in auxiliaries


def first_day_named(article: Article, expressions: list[TimeExpression]) -> int:
    """Where the text first names a day in words of its own ("on Friday", "yesterday"; not "that day"), or its
    end: "the day", "that night" before it are days the text has in mind, not the report's."""
    return next((expression.span.start for expression in expressions if DAY_VALUE.match(expression.value)
                 and not ANAPHORIC_DAY.fullmatch(expression.span.text(article))), len(article.text))


def restated_days(article: Article, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """The days named relative to the report that the text gives by their date right after, in brackets or after a
    comma ("caught fire yesterday (July 21st)", "said today (10 October 2011)"): the date says which day it is,
    whatever day the report was published."""
    restated = []
    for expression, following in zip(expressions, expressions[1:]):
        between = article.text[expression.span.end:following.span.start]
        if RESTATING.fullmatch(between) and not gives_its_date(expression.span.text(article)) \
                and CALENDAR_DAY.fullmatch((normalise(following.span.text(article), None) or ("", ""))[1]):
            restated.append(expression)
    return restated


def tells_of_play(text: str) -> bool:
    """Whether a text reports a game: it writes a game clock ("with 4:08 to play in the fourth quarter") or a half
    time."""
    return HALF_TIME.search(text) is not None or any(pattern.search(text) for pattern in (LEFT, INTO, OF_PERIOD))


def is_period_of_play(expression: TimeExpression, tokens: DocSpan) -> bool:
    """Whether a date is a quarter or a half without its year ("the fourth quarter"), which a game's report means
    as a period of play."""
    return QUARTER_OR_HALF.fullmatch(expression.value) is not None and not gives_its_date(tokens.text)


def gives_its_date(text: str) -> bool:
    """Whether the words of a date give it whatever the report's day: "Dec. 9, 2008", "1973", not "Tuesday"."""
    unanchored = normalise(text, None)
    return unanchored is not None and "X" not in unanchored[1]


def counted_from_day(article: Article, expression: TimeExpression, text: str) -> tuple[str, str] | None:
    """The words and the publication day a date was counted from ("Tuesday", "this morning", "Nov. 17" without its
    year, "10:23 GMT" in a text that names no day), or None when the words give the date ("Dec. 9, 2008"), the date
    follows a day or year the story named ("the next day") or comes from an inferred publication day (a guess,
    marked as such)."""
    if article.published is None or expression.reference_confidence is not None or gives_its_date(text):
        return None
    day = article.published.date()
    # valued against the day, whichever way its verb pointed: else the text gave it (a year it wrote before)
    if all((found or ("", ""))[1] != expression.value for found in (normalise(text, day, tense)
                                                                 for tense in (None, PAST, FUTURE))):
        return None
    return " ".join(text.split()), day.isoformat()


def midnight_side(text: str, value: str) -> int:
    """1 for a time late in its day ("late Thursday", "Thursday night", "11:40 p.m."), -1 for one early in it
    ("early Friday", "1:30 a.m."), else 0."""
    hour = CLOCK_HOUR.search(value)
    if EARLY.search(text) or (hour and int(hour.group(1)) < 5):
        return -1
    if LATE.search(text) or value.endswith(PARTS_OF_DAY["night"]) or (hour and int(hour.group(1)) >= 21):
        return 1
    return 0


def _follows_another_event(tokens: DocSpan) -> bool:
    """Whether the date comes right after the event a sequence preposition names, with no verb between: "arrested
    after the blaze on Saturday" may date the arrests or the blaze, and the parse cannot tell which."""
    doc = tokens.doc
    for token in reversed(doc[tokens.sent.start:tokens.start]):
        if token.pos_ in {"VERB", "AUX"}:
            return False
        if token.dep_ == "prep" and token.lower_ in SEQUENCE_PREPOSITIONS:
            return any(child.dep_ == "pobj" and not _is_time(child) for child in token.children)
    return False


def _recurring_day(tokens: DocSpan) -> bool:
    """Whether a weekday names every such day, not one: "its Sunday congregations", "Friday prayers"."""
    return len(tokens) == 1 and tokens.root.lower_ in WEEKDAY_NAMES and tokens.root.dep_ == "compound" \
        and tokens.root.head.tag_ == "NNS"


def _compared_since(tokens: DocSpan) -> bool:
    """Whether the date is the far end of a comparison: "the worst riots since 1974", "their first title since
    2000" tell of no event in 1974 or 2000."""
    doc = tokens.doc
    if tokens.start == 0 or doc[tokens.start - 1].lower_ != "since":
        return False
    return any(token.tag_ in {"JJS", "RBS"} or token.lower_ == "first"
               for token in doc[tokens.sent.start:tokens.start - 1])


def _compared_than(tokens: DocSpan) -> bool:
    """Whether the date is of the far end of a comparison, under a "than" ("raised more than its whole haul in March
    2014", "faster than in 2010", "more this year than it did in 2012"): the sentence tells of no event then."""
    return any(token.lower_ == "than" or (token.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ == "than" for child in token.children))
        for token in tokens.root.ancestors)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME"} or token.lemma_.lower() in TIME_NOUNS


def _is_root(token: Token) -> bool:
    return token.head.i == token.i


def _is_thing(token: Token) -> bool:
    """A noun or name that names no event."""
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() not in EVENT_NOUNS


def relative_anchor(doc: Doc, tokens: DocSpan) -> DocSpan | None:
    """For "days after the explosion at X": the phrase "the explosion at X". Its head must name an event ("the
    explosion") or be a name ("Katrina"): "a month after a masked bandit made off with …" names no event other
    sentences can be found by, only a clause the parse hung on "bandit"."""
    if tokens.end >= len(doc) or doc[tokens.end].lower_ not in RELATIVE_SIGNALS:
        return None
    objects = [child for child in doc[tokens.end].children if child.dep_ == "pobj"
               and (child.lemma_.lower() in EVENT_NOUNS or child.pos_ == "PROPN")]
    if not objects:
        return None
    # The phrase ends before a comma or a relative clause: "three weeks before the film's release, at which point it
    # was obvious …" is placed after "the film's release", and the entry's words are no paragraph.
    event = objects[0]
    subtree = list(event.subtree)
    end = next((t.i for t in subtree if t.i > event.i and (t.is_punct or t.dep_ == "relcl")), subtree[-1].i + 1)
    return doc[subtree[0].i:end]


def anchor_keys(anchor: DocSpan) -> frozenset[str]:
    """Names in the anchor phrase identify its event best; failing those, its content words."""
    names = frozenset(t.lemma_.lower() for t in anchor if t.pos_ == "PROPN")
    return names or content_words(anchor)


@dataclass(slots=True)
class EntryEvidence:
    """What the statements of an entry tell beyond it: their content words, the events their dates are of, the days
    and sides of midnight their times name (see ``Statement.midnight_side``), and whether one gives the date in its
    own words."""

    words: frozenset[str]
    events: set[str] = field(default_factory=set)
    night_sides: set[tuple[str | None, int]] = field(default_factory=set)
    stated: bool = False


class TimelineBuilder:
    def __init__(self, articles: list[tuple[Article, Doc, list[TimeExpression]]], config: TimelineConfig) -> None:
        self.articles = articles
        self.config = config
        self.entries: list[TimelineEntry] = []
        self.evidence: list[EntryEvidence] = []  # one per entry
        self.story_words = story_words([doc for _, doc, _ in articles], config)
        # A story of a game: "the fourth quarter" is a period of play, not of the calendar.
        self.of_play = any(tells_of_play(article.text) for article, _, _ in articles)
        self.quoted: dict[str, list[tuple[int, int]]] = {}

    def quotations(self, article: Article) -> list[tuple[int, int]]:
        if article.id not in self.quoted:
            self.quoted[article.id] = quoted_spans(article.text)
        return self.quoted[article.id]

    def add(self, value: str | None, statement: Statement, words: str | None = None) -> int:
        """Merge into the entry of the same date and event, or open a new one; returns its index. An entry one of
        whose statements gives the date is no guess."""
        for index, entry in enumerate(self.entries):
            if not (statement.events & self.evidence[index].events or same_event(
                    self.evidence[index].words, statement.words, self.config, self.story_words)):
                continue
            if same_day(entry.value, value) or value == entry.early_next_day:
                self.join(index, value, statement, words)
                return index
            night = self.night_across(index, value, statement.midnight_side)
            if night is not None:
                entry.value, entry.early_next_day = night
                self.join(index, value, statement, words)
                return index
        self.entries.append(TimelineEntry(value, [statement.sentence], [statement.time] if statement.time else [],
                                          confidence=statement.confidence, words=words,
                                          counted=None if statement.gives_date else statement.counted))
        self.evidence.append(EntryEvidence(statement.words, set(statement.events),
                                           {(value, statement.midnight_side)} if statement.midnight_side else set(),
                                           statement.gives_date))
        return len(self.entries) - 1

    def join(self, index: int, value: str | None, statement: Statement, words: str | None) -> None:
        entry = self.entries[index]
        if entry.value != value and YEARLESS_DAY.fullmatch(entry.value or ""):
            # "December 15" told with its year by another statement of the event ("December 15, 2013")
            entry.value, entry.words, entry.confidence = value, words, statement.confidence
        if statement.sentence not in entry.statements:
            entry.statements.append(statement.sentence)
        if statement.time:
            entry.times.append(statement.time)
        evidence = self.evidence[index]
        evidence.words |= statement.words
        evidence.events |= statement.events
        if statement.midnight_side:
            evidence.night_sides.add((value, statement.midnight_side))
        evidence.stated |= statement.gives_date
        entry.counted = None if evidence.stated else entry.counted or statement.counted
        if entry.confidence is not None:
            entry.confidence = (None if statement.confidence is None
                                else max(entry.confidence, statement.confidence))

    def night_across(self, index: int, value: str | None, side: int) -> tuple[str, str] | None:
        """The two days (late, early) when a statement late on one day and one of the entry early on the next, or
        the other way round, may tell one moment: "died late Thursday" in one outlet, "early Friday" in another
        whose clock is hours ahead."""
        if not side or value is None or not DAY_VALUE.fullmatch(value):
            return None
        other = (date.fromisoformat(value) + timedelta(days=side)).isoformat()
        if (other, -side) not in self.evidence[index].night_sides:
            return None
        return (value, other) if side > 0 else (other, value)

    def anchor_entry(self, keys: frozenset[str], relative: Statement) -> int | None:
        """The entry of the event an anchor phrase names: a dated one that mentions it, else one built before for
        it, else one built from every sentence of the story that does, except those dating something relative to
        it (the one, and its copies in other reports)."""
        for index, words in enumerate(evidence.words for evidence in self.evidence):
            if keys and keys <= words and self.entries[index].value:
                return index
        for index, words in enumerate(evidence.words for evidence in self.evidence):
            if keys and keys <= words and self.entries[index].value is None and self.entries[index].after is None:
                return index
        index = None
        for article, doc, _ in self.articles:
            for sentence in doc.sents:
                words = content_words(sentence)
                span = sentence_span(article, sentence, self.quotations(article))
                if keys and keys <= words and not span.overlaps(relative.sentence) \
                        and _overlap(words, relative.words) < self.config.restated_overlap:
                    statement = Statement(span, None, words)
                    if index is None:
                        self.entries.append(TimelineEntry(None, [statement.sentence]))
                        self.evidence.append(EntryEvidence(words))
                        index = len(self.entries) - 1
                    elif statement.sentence not in self.entries[index].statements:
                        self.entries[index].statements.append(statement.sentence)
        return index

    def dated_statements(self, article: Article, doc: Doc, expressions: list[TimeExpression]
                         ) -> list[tuple[TimeExpression, DocSpan, Statement]]:
        """The article's time expressions that date what their sentences tell, each with its statement. The day a
        sentence's source spoke ("officials said Saturday") is left out where the sentence dates its news too
        ("the fire broke out Friday evening, officials said Saturday"): the entry belongs to the news; so is a day
        the text gives again by its date right after ("yesterday (July 21st)")."""
        quotations = self.quotations(article)
        restated = restated_days(article, expressions)
        first_day = first_day_named(article, expressions)
        found = []
        for expression in expressions:
            if any(start <= expression.span.start < end for start, end in quotations) or expression in restated:
                continue
            if is_game_clock(article.text, expression.span.start):
                continue  # "with 7:41 left in the first half" is a moment of play, not a time of day
            tokens = doc.char_span(expression.span.start, expression.span.end, alignment_mode="expand")
            if tokens is None:
                continue
            sentence = sentence_span(article, tokens, quotations)
            sentence_tokens = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if not any(token.pos_ in {"VERB", "AUX"} or token.dep_ in SUBJECTS for token in sentence_tokens):
                continue  # a caption without a verb or a subject ("Firefighters at the scene Tuesday") tells no event
            statement = Statement(sentence, expression.span, content_words(sentence_tokens),
                                  expression.reference_confidence, events_dated(tokens),
                                  midnight_side(tokens.text, expression.value),
                                  counted_from_day(article, expression, tokens.text), gives_its_date(tokens.text))
            if not statement.words or not dates_its_sentence(tokens):
                continue  # a live report's time stamp ("11:20 p.m.") dates no event by itself
            if is_anaphoric(tokens.text) and is_habitual(tokens):
                continue  # "Most days, in the early evening, he would emerge": no day of the story's
            if ANAPHORIC_DAY.fullmatch(tokens.text) and expression.span.start < first_day:
                continue  # "his only mistake of the day" before the text names a day: not the report's day
            found.append((expression, tokens, statement, said_on(tokens)))
        with_news = {statement.sentence.start for expression, tokens, statement, said in found
                     if not said and names_a_day(expression, tokens)}
        return [(expression, tokens, statement) for expression, tokens, statement, said in found
                if not (said and statement.sentence.start in with_news)]

    def build(self) -> list[TimelineEntry]:
        relative: list[tuple[Statement, frozenset[str], str]] = []
        for article, doc, expressions in self.articles:
            for expression, tokens, statement in self.dated_statements(article, doc, expressions):
                anchor = relative_anchor(doc, tokens)
                if anchor is not None and expression.type == "DURATION":
                    relative.append((statement, anchor_keys(anchor), doc[tokens.start:anchor.end].text))
                elif names_a_day(expression, tokens) and not (self.of_play and is_period_of_play(expression, tokens)):
                    written = None if calendar_start(expression.value) else expression.span.text(article)
                    self.add(expression.value.split("T")[0], statement, written)
        for statement, keys, words in relative:
            anchor_index = self.anchor_entry(keys, statement)
            if anchor_index is None:
                continue
            words = " ".join(words.split())
            restated = next((index for index, entry in enumerate(self.entries)
                             if entry.after == anchor_index and entry.words == words
                             and _overlap(self.evidence[index].words, statement.words) >= self.config.restated_overlap),
                            None)
            if restated is not None:  # a copy, or another outlet's words for it
                self.entries[restated].statements.append(statement.sentence)
                if statement.time:
                    self.entries[restated].times.append(statement.time)
                continue
            self.entries.append(TimelineEntry(None, [statement.sentence], [statement.time] if statement.time else [],
                                              after=anchor_index, words=words))
            self.evidence.append(EntryEvidence(statement.words))
        return self.ordered()

    def repeated(self) -> set[int]:
        """Entries told by one sentence alone that another entry shows for the same event: "In 2009 and 2010, he
        was sued three times" is one statement, read once, under its first date ("closed in the 1990s, and a builder
        bought it in 2004" tells two events, each kept). A calendar date is kept before a day relative to the report
        ("its September 2013 Patch Tuesday updates"); an entry another is placed after stays."""
        anchors = {entry.after for entry in self.entries if entry.after is not None}
        telling: dict[tuple[str, int], list[int]] = {}
        for index, entry in enumerate(self.entries):
            for span in entry.statements:
                telling.setdefault((span.article_id, span.start), []).append(index)
        preferred = sorted(range(len(self.entries)),
                           key=lambda index: (calendar_start(self.entries[index].value or "") is None, index))
        found: set[int] = set()
        for index in reversed(preferred):
            entry = self.entries[index]
            if len(entry.statements) != 1 or entry.after is not None or index in anchors:
                continue
            events = self.evidence[index].events
            others = [other for other in telling[(entry.statements[0].article_id, entry.statements[0].start)]
                      if other != index and other not in found]
            if any(not (events and self.evidence[other].events) or events & self.evidence[other].events
                   for other in others):
                found.add(index)
        return found

    def ordered(self) -> list[TimelineEntry]:
        """Dated entries by date; undated ones first (background to what the story dates), those of a weekday in
        the order of one week (see :func:`week_order`), each entry placed "after" another right behind it."""
        followers: dict[int, list[int]] = {}
        roots = []
        repeated = self.repeated()
        for index, entry in enumerate(self.entries):
            if entry.after is not None:
                followers.setdefault(entry.after, []).append(index)
            elif index not in repeated:
                roots.append(index)

        weekday_rank = week_order({int(match.group(1)) for entry in self.entries
                                   if (match := WEEKDAY_VALUE.fullmatch(entry.value or ""))})

        def key(index: int) -> tuple[int, date, int, int]:
            value = self.entries[index].value or ""
            start = calendar_start(value)
            if start:
                return (1, start, 0, index)
            weekday = WEEKDAY_VALUE.fullmatch(value)
            return (0, date.min, weekday_rank[int(weekday.group(1))] if weekday else len(weekday_rank), index)

        order: list[int] = []

        def place(index: int) -> None:
            order.append(index)
            for follower in followers.get(index, []):
                place(follower)

        for index in sorted(roots, key=key):
            place(index)
        position = {old: new for new, old in enumerate(order)}
        result = []
        for new, old in enumerate(order):
            entry = self.entries[old]
            entry.order = new
            entry.after = position[entry.after] if entry.after is not None else None
            result.append(entry)
        return result


def timeline(articles: list[tuple[Article, Doc, list[TimeExpression]]],
             config: TimelineConfig = CONFIG) -> list[TimelineEntry]:
    """The story's timeline from its articles, each with its one parse and its resolved time expressions."""
    return TimelineBuilder(articles, config).build()

