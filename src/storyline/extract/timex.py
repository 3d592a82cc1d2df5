"""Temporal expressions: found once in an article's parse, then anchored to a reference time as TimeML values.

Finding needs the parse (spaCy's DATE/TIME entities, words spaCy leaves out such as "now" or "recently", and the
tense of the governing verb); anchoring needs only the article text and a reference. Keeping the two apart lets
publication-date inference try many references without parsing again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as DocSpan, Token
from spacy.vocab import Vocab

from storyline.model import Article, Span, TimeExpression
from storyline.extract.timex_values import FUTURE, MONTH_PREFIXES, MONTHS, PAST, PRESENT, WEEKDAYS, normalise

DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEICTIC_DAY = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this|last|ago)\b|^next\b", re.I)
QUARTER_VALUE = re.compile(r"(\d{4})-Q(\d)")
PERIOD_VALUE = re.compile(r"(\d{4})(?:-(\d{2})\b)?")
STORY_PERIOD = re.compile(r"\b(?:that|the same|the following|the previous) (?:month|year)\b", re.I)
YEAR_BEFORE = re.compile(r"(?:a|one) year (?:ago|earlier|before)|(?:the )?year-(?:earlier|ago)(?: period)?", re.I)
# Leading words TimeML leaves outside a TIMEX3 (its SIGNAL, or a focus or hedge word): "in March", "since 1990",
# "only 14 days", "about two weeks".
OUTSIDE_WORDS = {"only", "just", "about", "in", "on", "at", "since", "for", "during", "until", "till", "by", "from",
                 "through", "throughout", "within", "after", "before", "of", "to", "into", "between", "and", "or", "as",
                 "than", "'s", "with", "per", "'", "-", "—", "–", "(", ")", ",", ".", ";", ":", '"', "“", "”"}
# Deictic words the English model rarely labels as DATE; "current" only before a noun.
VAGUE_WORDS = {"now", "currently", "recently", "nowadays", "lately", "current", "future", "past"}
# "quarterly dividend", "annual meeting": a frequency word describing a noun is no temporal expression.
FREQUENCY_ADJECTIVES = {"quarterly", "annual", "annually", "daily", "weekly", "monthly", "yearly", "hourly"}
CLOCK_DAY_GLUE = {",", "on", "at", "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "local", "time"}
SPLIT_WORDS = {"and", "ended", "ending", "through", "thru"}
# Words the model leaves outside a DATE entity that TimeML keeps inside: "this" Saturday, "each" July.
LEFT_OUT_WORDS = {"this", "last", "next", "past", "coming", "each", "every"}
# Words just before an expression that fix its side of the dateline: "since May" is past; a dividend "payable Dec. 1"
# or a rule "effective Jan. 1" lies ahead of the announcement.
LOOKING_BACK = {"since"}
LOOKING_AHEAD = {"payable", "effective"}
# Deadlines look ahead of a verb told in the present: "has extended the offer until Friday".
DEADLINE_WORDS = {"until", "till", "by", "through"}
PLANNING_VERBS = {"plan", "schedule", "expect", "intend", "propose", "prepare", "postpone", "delay", "set"}
FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "would"}


@dataclass(frozen=True, slots=True)
class TimexMention:
    """What the parse tells about one temporal expression: where it is, its sentence's index and the tense of
    the verb it modifies."""

    span: Span
    tense: str | None
    sentence: int


def governing_tense(tokens: DocSpan) -> str | None:
    """PAST, PRESENT or FUTURE from the word just before the expression or else the nearest verb above it; None
    when neither tells."""
    signal = tokens.doc[tokens.start - 1].lower_ if tokens.start else ""
    if signal in LOOKING_BACK:
        return PAST
    if signal in LOOKING_AHEAD:
        return FUTURE
    if tokens.root.dep_ == "poss":
        return None  # "would appeal Wednesday's ruling": the verb tells when the appeal is, not the ruling
    verb = governing_verb(tokens.root)
    if verb is None:
        return None
    if signal in DEADLINE_WORDS:
        # "has given them until Friday" looks ahead; "gave them until Friday" or "stayed until Friday" may lie either
        # side of the dateline, so nearness decides.
        return None if told_in_past(verb) else FUTURE
    return verb_tense(verb)


def governing_verb(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ != "aux":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> str | None:
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if verb.lemma_ in PLANNING_VERBS:
        # What is planned lies ahead of the planning: "plans a rally on Saturday" is future, while "planned a rally
        # on Saturday" or "a rally planned for Saturday was called off" may be either side of the dateline, so
        # nearness decides.
        bare_participle = verb.tag_ == "VBN" and not auxiliaries and verb.head.i != verb.i
        planned_in_past = outer_tense(verb) not in {PRESENT, FUTURE} if bare_participle else told_in_past(verb)
        return None if planned_in_past else FUTURE
    if any(aux.lower_ in FUTURE_AUXILIARIES for aux in auxiliaries):
        return FUTURE
    if any(aux.lower_ == "going" for aux in auxiliaries) or (verb.lower_ == "going" and any(
            child.tag_ == "VB" for child in verb.children)):
        return FUTURE
    if any(aux.tag_ == "TO" for aux in auxiliaries) and verb.head.i != verb.i:
        # An infinitive looks ahead of its governing verb: "is scheduled to close Monday" is future, while after a
        # past verb ("was due to expire Friday") it may lie either side of the dateline, so nearness decides.
        return FUTURE if outer_tense(verb) in {PRESENT, FUTURE} else None
    if not auxiliaries and verb.tag_ == "VBN":
        return PAST  # a bare past participle reports what was done: "the record reached on Aug. 6"
    if not auxiliaries and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return outer_tense(verb)  # "closing unchanged Friday" happens when its clause's verb does
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return PAST  # "has risen since March", "had closed Friday": a perfect reports what is done
    tenses = [t for word in [*auxiliaries, verb] for t in word.morph.get("Tense")]
    if "Past" in tenses:
        return PAST
    if "Pres" in tenses:
        return PRESENT
    return None


def told_in_past(verb: Token) -> bool:
    """Whether the finite part of the verb group is past: "extended" and "had extended", not "has extended"."""
    finite = next((child for child in verb.children if child.dep_ in {"aux", "auxpass"}), verb)
    return "Past" in finite.morph.get("Tense") and finite.tag_ != "VBN"


def outer_tense(verb: Token) -> str | None:
    """The tense of the verb that governs a non-finite one."""
    outer = governing_verb(verb.head)
    return verb_tense(outer) if outer is not None and outer.i != verb.i else None


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
        return word in MONTHS or word in MONTH_PREFIXES or word in WEEKDAYS or token.shape_ == "dddd"

    return names_day_month_or_year(tokens[0]) and (tokens[-1].like_num or names_day_month_or_year(tokens[-1]))


def is_age(doc: Doc, start: int, end: int) -> bool:
    """'45 years old', 'aged 45': spaCy labels ages DATE, TimeML does not."""
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 1].lower_ if start > 0 else ""
    return after in {"old", "-old", "older", "younger"} or doc[end - 1].lower_ == "old" or before in {"aged", "age"}


def merged_clock_and_day(doc: Doc) -> list[tuple[int, int]]:
    """DATE/TIME entities, a clock time joined to its day ("9 a.m. EST" + "Tuesday"; "Sunday" + "night")."""
    bounds: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        # Holidays are EVENT entities to the model ("Thanksgiving Day") and dates to TimeML.
        holiday = ent.label_ == "EVENT" and normalise(ent.text, None) is not None
        if ent.label_ not in {"DATE", "TIME"} and not holiday:
            continue
        if bounds:
            start, end, label = bounds[-1]
            gap = doc[end:ent.start]
            if label != ent.label_ and all(t.is_space or t.lower_ in CLOCK_DAY_GLUE for t in gap):
                bounds[-1] = (start, ent.end, "TIME")
                continue
        bounds.append((ent.start, ent.end, ent.label_))
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
            if start < end and not is_age(doc, start, end) and not describes_noun:
                bounds.append((start, end))
    return bounds


@lru_cache(maxsize=4)
def missed_pattern_matcher(vocab: Vocab) -> Matcher:
    """Plain dates the small English model often leaves unlabelled: 'Friday', 'today', 'every day', 'Oct. 23'."""
    weekdays = [day.title() for day in WEEKDAYS]
    months = [month.title() for month in MONTHS] + [f"{m.title()}." for m in MONTH_PREFIXES]
    parts_of_day = ["morning", "afternoon", "evening", "night"]
    matcher = Matcher(vocab)
    matcher.add("DAY", [[{"ORTH": {"IN": weekdays}}, {"LOWER": {"IN": parts_of_day}, "OP": "?"}],
                        [{"LOWER": {"IN": ["today", "yesterday", "tomorrow", "tonight", "overnight"]}}],
                        [{"LOWER": {"IN": ["the", "that"]}}, {"LOWER": {"IN": parts_of_day}}]])
    matcher.add("SET", [[{"LOWER": {"IN": ["every", "each"]}},
                         {"LOWER": {"IN": ["day", "week", "month", "year", "night", "morning", *WEEKDAYS]}}],
                        [{"LOWER": {"IN": ["daily", "weekly", "hourly", "nightly"]}, "DEP": {"NOT_IN": ["amod"]}}]])
    matcher.add("QUARTER", [[{"LOWER": {"IN": ["first", "second", "third", "fourth"]}}, {"ORTH": "-", "OP": "?"},
                             {"LOWER": {"IN": ["quarter", "half"]}}]])
    matcher.add("CALENDAR", [[{"ORTH": {"IN": months}}, {"SHAPE": {"IN": ["d", "dd"]}}, {"ORTH": ",", "OP": "?"},
                              {"SHAPE": "dddd", "OP": "?"}]])
    return matcher


def missed_bounds(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    matches = missed_pattern_matcher(doc.vocab)(doc, as_spans=True)
    return [(span.start, span.end) for span in spacy.util.filter_spans(matches)
            if not taken.intersection(range(span.start, span.end))]


def vague_bounds(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Deictic words outside spaCy's entities: "now", "currently", "the past", "the future", "current" + noun."""
    bounds = []
    for token in doc:
        if token.i in taken or token.lower_ not in VAGUE_WORDS:
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
    narrowed to the part that names a time ("a bill days" -> "days"); None when no part does."""
    if start > 0 and doc[start - 1].lower_ in LEFT_OUT_WORDS and normalise(doc[start - 1:end].text, None):
        return start - 1, end
    if end < len(doc) and doc[end].lower_ == "period" and normalise(doc[start:end + 1].text, None):
        # A report's "the 1988 period" or "the year-ago period" is the time it compares, not a year.
        return (start - 1 if start and doc[start - 1].lower_ == "the" else start), end + 1
    for first in range(start, end):
        if doc[first].lower_ not in OUTSIDE_WORDS and normalise(doc[first:end].text, None) is not None:
            return first, end
    return None


def find(article: Article, doc: Doc) -> list[TimexMention]:
    """Every temporal expression of the article, in text order, with its governing tense."""
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
                                     governing_tense(tokens), sentence_of[tokens.sent.start]))
    return mentions


def is_anaphoric(text: str) -> bool:
    """Whether a phrase names a day only through the story: a clock time or part of day with no day of its own."""
    unanchored = normalise(text, None)
    return bool(unanchored and unanchored[1].startswith("XXXX-XX-XX") and not DEICTIC_DAY.search(text))


def anchor(article: Article, mentions: list[TimexMention], reference: datetime | None) -> list[TimeExpression]:
    """TimeML values of the mentions against a reference time; phrases that name no time are left out."""
    expressions = []
    last_quarter: tuple[int, re.Match[str]] | None = None
    story_day: date | None = None
    story_period: date | None = None
    for mention in mentions:
        text = mention.span.text(article)
        found = normalise(text, counted_from(text, reference, story_day, story_period), mention.tense)
        if found:
            kind, value = found
            story_day = date.fromisoformat(value[:10]) if DAY_VALUE.match(value) else story_day
            story_period = period_of(value) or story_period
            quarter = QUARTER_VALUE.fullmatch(value)
            if quarter and not YEAR_BEFORE.search(text):
                last_quarter = (mention.sentence, quarter)
            elif last_quarter and YEAR_BEFORE.fullmatch(text) and mention.sentence - last_quarter[0] <= 2:
                # Results reported for a quarter are compared with "a year earlier": the same quarter a year before.
                year, index = last_quarter[1].groups()
                value = f"{int(year) - 1:04d}-Q{index}"
            expressions.append(TimeExpression(Span(mention.span.article_id, mention.span.start, mention.span.end,
                                                   kind), kind, value))
    return expressions


def counted_from(text: str, reference: datetime | None, story_day: date | None,
                 story_period: date | None) -> date | datetime | None:
    """The time a phrase counts from: the dateline, or the story's own time for phrases that follow the story.

    "at 10.40 p.m.", "that night" and "the next day" follow the last day the story named; "that year" and "the
    following month" the last month or year it named.
    """
    if reference is None:
        return None
    if story_period is not None and STORY_PERIOD.search(text):
        return story_period
    if story_day is not None and is_anaphoric(text):
        return story_day
    return reference


def period_of(value: str) -> date | None:
    """The first day of the month or year a TimeML value names: '1995-03-04' -> 1995-03-01, '1995-Q3' -> 1995-01-01."""
    match = PERIOD_VALUE.match(value)
    return date(int(match.group(1)), int(match.group(2) or 1), 1) if match else None


def extract(article: Article, doc: Doc, reference: datetime | None = None) -> list[TimeExpression]:
    """The article's temporal expressions, valued against ``reference`` or else its publication date."""
    return anchor(article, find(article, doc), reference or article.published)
