"""Publication dates of undated articles, inferred from their own dates and the other reports of their story.

An undated report still says "this Saturday", "yesterday afternoon" or "on 29 April". Each candidate publication
day resolves those phrases to calendar days; the right day is the one under which they agree best with what the
other articles of the story say, as a reporter's "yesterday" is another outlet's "on Tuesday". Agreement counts
more when the two sentences share words, since then they likely report the same event; agreement inside the
article counts too ("this Saturday" and "29 April" meet only in one week), and a writer who says "yesterday" is
not expected to call yesterday "Tuesday". Candidates come from the story's own dates (a named day, a dated
article) and the few days after them, never after ``today``. Ties go to the later day: when only the weekday
fixes the year ("this Saturday" and "29 April"), the most recent such year wins, with a lower confidence.

After each batch, :func:`date_undated` dates the undated articles of the stories the batch touched and values their
time expressions again against the dates found; it returns them, for the pipeline to store.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from spacy.tokens import Doc

from storyline.extract import timex
from storyline.extract.timex import TimexMention, anchor, find
from storyline.model import Article, TimeExpression
from storyline.text.wordlists import pairs, words


@dataclass(frozen=True)
class PubdateConfig:
    """Weights and thresholds of publication-date inference. All were set by hand when the inference was written
    (no tuning run over a corpus is recorded); tests/test_timeline.py and the inferred dates of the bundled
    examples (examples/gold.json) check the dates they give."""

    # Candidates: a named day or a dated article, the day before it, and up to ``days_after`` days after it (a
    # report appears on the day of the latest event it tells of, or a few days later).
    days_before: int = 1
    days_after: int = 3
    # With no year anywhere in the story, every year this far back is a candidate.
    years_back_without_evidence: int = 30
    # Per day between publication and the latest day the article speaks of up to then.
    staleness_cost: float = 0.1
    # Per bare weekday ("on Tuesday") within a day of publication, in an article whose writer says "yesterday" or
    # "today" and so would not name those days by the weekday: as much as one full agreement.
    style_breach_cost: float = 1.0
    # The likeness of two statements of one date is the share of content words they have in common (0 to 1), plus
    # ``same_verb_likeness`` when the date modifies the same verb in both ("met on Saturday", "met on 29 April").
    same_verb_likeness: float = 1.0
    # Below this likeness two statements of one date are taken as unrelated events: no evidence either way.
    least_likeness: float = 0.2
    # A month agreed on counts this much of a day agreed on.
    month_weight: float = 0.5
    # Each article's own best day is looked for within this many days of the day that fits all of them at once.
    refine_within_days: int = 7
    # Confidence is multiplied by this when another year fits as well and only recency chose this one.
    tied_year_confidence: float = 0.7
    # Inference compares every pair of dates across the articles it sees: of a story it sees at most this many
    # undated articles and this many dated ones (the most recent), so its cost is bounded.
    context_articles: int = 12
    # And of each article the first this many phrases that point at a day: inference costs the candidate days (as
    # many as the days named) times the phrases, so a book-length text would hold the store's write lock for
    # minutes. News reports name far fewer: at most 31 time expressions in a TimeBank or AQUAINT document, and of
    # 204 PolNeAR reports (the first 120 of dev and of train) the most has 70 such phrases, the median 5.
    phrases_per_article: int = 100


CONFIG = PubdateConfig()

# TIMEX values (see :class:`storyline.model.TimeExpression`): a day, a month, a day of no known year, a year.
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_VALUE = re.compile(r"\d{4}-\d{2}")
YEARLESS_DAY_VALUE = re.compile(r"XXXX-(\d{2})-(\d{2})")
YEAR_VALUE = re.compile(r"(\d{4})")
# The parts of speech of the words that tell what a sentence reports.
CONTEXT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _alternatives(entries: Iterable[str]) -> str:
    """A regular expression matching any of ``entries``, the longest first."""
    return "|".join(re.escape(entry) for entry in sorted(entries, key=lambda entry: (-len(entry), entry)))


WEEKDAY_PATTERN = _alternatives(pairs("weekdays"))
DEICTIC_DAY_PATTERN = _alternatives(words("deictic_days"))
BARE_WEEKDAY = re.compile(rf"^(?:on )?(?:{WEEKDAY_PATTERN})\b", re.I)
# A writer who says "yesterday" does not call yesterday, today or tomorrow by its weekday name.
DEICTIC_STYLE = re.compile(rf"\b(?:{DEICTIC_DAY_PATTERN})\b", re.I)
# Only phrases that point at a day or name one are evidence; "the day" or "at noon" follow the story, not the clock.
POINTS_AT_A_DAY = re.compile(
    rf"\b(?:{DEICTIC_DAY_PATTERN}|this|last|next|ago|{WEEKDAY_PATTERN}|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}\b", re.I)


@dataclass(frozen=True, slots=True)
class Context:
    """What a date is said of: the lemma of the verb it modifies and the content words of its sentence; whether
    the phrase names a bare weekday ("on Tuesday")."""

    event: str
    words: frozenset[str]
    bare_weekday: bool = False

    def likeness(self, other: "Context", config: PubdateConfig) -> float:
        shared = len(self.words & other.words) / max(1, min(len(self.words), len(other.words)))
        return shared + (config.same_verb_likeness if self.event and self.event == other.event else 0.0)


ResolvedDates = dict[str, list[Context]]  # a day or month value -> the context of each statement of it


@dataclass
class StoryArticle:
    article: Article
    mentions: list[TimexMention]
    contexts: list[Context]
    deictic_style: bool
    resolved: dict[date, ResolvedDates] = field(default_factory=dict)

    def dates_at(self, published: date) -> ResolvedDates:
        """Day and month values of the article's expressions were it published on ``published``."""
        if published not in self.resolved:
            reference = datetime.combine(published, time(12), tzinfo=timezone.utc)
            found: ResolvedDates = defaultdict(list)
            for mention_index, expression in enumerate(self._anchored(reference)):
                value = granular_value(expression)
                if value:
                    found[value].append(self.contexts[mention_index])
            self.resolved[published] = found
        return self.resolved[published]

    def _anchored(self, reference: datetime) -> list[str]:
        values = {e.span.start: e.value for e in anchor(self.article, self.mentions, reference)}
        return [values.get(mention.span.start, "") for mention in self.mentions]


def granular_value(value: str) -> str | None:
    """The day ("2023-04-29") or month ("2023-03") a value names, or None for durations, years and vague ones."""
    if DAY_VALUE.match(value):
        return value[:10]
    if MONTH_VALUE.fullmatch(value):
        return value
    return None


def contexts(doc: Doc, mentions: list[TimexMention]) -> list[Context]:
    """The context of each mention, for telling whether two statements of a date tell one event."""
    sentences = list(doc.sents)
    found = []
    for mention in mentions:
        tokens = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        verb = next((t for t in [tokens.root, *tokens.root.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
        words = frozenset(t.lemma_.lower() for t in sentences[mention.sentence]
                          if t.pos_ in CONTEXT_POS and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"})
        bare_weekday = bool(BARE_WEEKDAY.search(tokens.text))
        found.append(Context(verb.lemma_.lower() if verb is not None else "", words, bare_weekday))
    return found


def weight_of(value: str, config: PubdateConfig) -> float:
    """What agreeing on a value counts: a day fully, a month ``month_weight``."""
    return 1.0 if len(value) == 10 else config.month_weight


def agreement(these: ResolvedDates, those: ResolvedDates, config: PubdateConfig) -> float:
    """How well one article's dates agree with another's: each statement of a day counts by its best match there,
    as much as the two sentences look like telling the same event."""
    total = 0.0
    for value, sentences in these.items():
        others = those.get(value)
        if not others:
            continue
        weight = weight_of(value, config)
        for context in sentences:
            likeness = max(context.likeness(other, config) for other in others)
            if likeness >= config.least_likeness:
                total += weight * likeness
    return total


def self_agreement(dates: ResolvedDates, config: PubdateConfig) -> float:
    """Agreement inside one article: "this Saturday" and "29 April" name one day only if published that week.
    A phrase repeated agrees whatever the day, which shifts every candidate alike."""
    return sum(weight_of(value, config) * (len(statements) - 1) / 2 for value, statements in dates.items())


def style_breaches(dates: ResolvedDates, published: date) -> int:
    """Bare weekdays ("on Tuesday") that would fall within a day of publication."""
    return sum(context.bare_weekday for value, statements in dates.items() if len(value) == 10
               and abs((date.fromisoformat(value) - published).days) <= 1 for context in statements)


def staleness(dates: ResolvedDates, published: date) -> float:
    """Days between publication and the latest day the article speaks of up to then."""
    past = [date.fromisoformat(v) for v in dates if len(v) == 10 and date.fromisoformat(v) <= published]
    return (published - max(past)).days if past else 0.0


def candidate_days(story: list[StoryArticle], known: dict[int, date], today: date,
                   config: PubdateConfig) -> list[date]:
    """Days the story's dates make possible: each named day or dated article, and the days right around it."""
    unanchored = [v for item in story for v in (e.value for e in anchor(item.article, item.mentions, None))]
    years = {int(v[:4]) for v in unanchored if YEAR_VALUE.fullmatch(v) and int(v[:4]) <= today.year}
    years |= {day.year for day in known.values()}
    if not years:
        years = set(range(today.year - config.years_back_without_evidence, today.year + 1))
    anchors = set(known.values())
    for value in unanchored:
        if DAY_VALUE.fullmatch(value[:10]) and not value.startswith("X"):
            anchors.add(date.fromisoformat(value[:10]))
        partial = YEARLESS_DAY_VALUE.match(value)
        if partial:
            for year in years:
                try:
                    anchors.add(date(year, int(partial.group(1)), int(partial.group(2))))
                except ValueError:
                    continue  # 29 February outside a leap year
    days = {day + timedelta(days=offset) for day in anchors
            for offset in range(-config.days_before, config.days_after + 1)}
    return sorted(day for day in days if day <= today)


class StoryDates:
    """Scores candidate publication days for the undated articles of one story."""

    def __init__(self, story: list[StoryArticle], known: dict[int, date], config: PubdateConfig) -> None:
        self.story = story
        self.known = known
        self.config = config

    def score(self, index: int, published: date, others: dict[int, date]) -> float:
        config = self.config
        dates = self.story[index].dates_at(published)
        total = sum(agreement(dates, self.story[other].dates_at(day), config)
                    for other, day in {**self.known, **others}.items() if other != index)
        breaches = style_breaches(dates, published) if self.story[index].deictic_style else 0
        return (total + self_agreement(dates, config) - config.staleness_cost * staleness(dates, published)
                - config.style_breach_cost * breaches)

    def shared_day(self, unknown: list[int], candidates: list[date]) -> tuple[date, float, bool] | None:
        """The single day that best fits all undated articles at once; whether another year fits as well."""
        scored = [(sum(self.score(i, day, {j: day for j in unknown}) for i in unknown), day) for day in candidates]
        scored = [(round(total, 6), day) for total, day in scored if total > 0]
        if not scored:
            return None
        best_score, best_day = max(scored)
        tied_year = any(total == best_score and day.year != best_day.year for total, day in scored)
        return best_day, best_score, tied_year

    def refine(self, unknown: list[int], start: date, candidates: list[date]) -> dict[int, tuple[date, float]]:
        """Each article's own best day near the shared one, the others held fixed; with its margin of victory."""
        chosen = {i: start for i in unknown}
        nearby = [day for day in candidates if abs((day - start).days) <= self.config.refine_within_days]
        margins: dict[int, float] = {}
        for _ in range(2):
            for i in unknown:
                scored = sorted(((round(self.score(i, day, chosen), 6), day) for day in nearby), reverse=True)
                chosen[i] = scored[0][1]
                runner_up = next((s for s, day in scored[1:] if abs((day - chosen[i]).days) > 1), 0.0)
                margins[i] = scored[0][0] - max(runner_up, 0.0)
        return {i: (chosen[i], margins[i]) for i in unknown}


def confidence(support: float, margin: float, tied_year: bool, config: PubdateConfig) -> float:
    """Grows with the agreement found and the lead over other days; lower when only recency chose the year."""
    strength = 1 - math.exp(-support / 2)
    lead = margin / support if support > 0 else 0.0
    return round(strength * (0.5 + 0.5 * min(1.0, lead)) * (config.tied_year_confidence if tied_year else 1.0), 3)


def infer_published(articles: list[tuple[Article, Doc]], today: date | None = None,
                    config: PubdateConfig = CONFIG) -> dict[str, tuple[datetime, float]]:
    """For the undated articles of one story: article id -> (inferred publication time, confidence 0-1).

    Articles whose dates agree with nothing in the story are left out: there is nothing to infer from.
    """
    today = today or datetime.now(timezone.utc).date()
    story = []
    for article, doc in articles:
        mentions = [m for m in find(article, doc)
                    if POINTS_AT_A_DAY.search(m.span.text(article))][:config.phrases_per_article]
        deictic_style = any(DEICTIC_STYLE.search(m.span.text(article)) for m in mentions)
        story.append(StoryArticle(article, mentions, contexts(doc, mentions), deictic_style))
    known = {i: item.article.published.date() for i, item in enumerate(story) if item.article.published}
    unknown = [i for i, item in enumerate(story) if item.article.published is None]
    if not unknown:
        return {}
    dates = StoryDates(story, known, config)
    candidates = candidate_days(story, known, today, config)
    shared = dates.shared_day(unknown, candidates)
    if shared is None:
        return {}
    start, _, tied_year = shared
    inferred = {}
    refined = dates.refine(unknown, start, candidates)
    chosen = {i: day for i, (day, _) in refined.items()}
    for i, (day, margin) in refined.items():
        support = dates.score(i, day, chosen)
        if support <= 0:
            continue
        published = datetime.combine(day, time(0), tzinfo=timezone.utc)
        inferred[story[i].article.id] = (published, confidence(support, margin, tied_year, config))
    return inferred


@dataclass(frozen=True, slots=True)
class Redated:
    """An undated article with the publication date inferred for it, and its time expressions valued again
    against that date."""

    article: Article
    times: list[TimeExpression]


def date_undated(stories: Iterable[list[Article]], new_ids: set[str], doc_of: Callable[[str], Doc],
                 config: PubdateConfig = CONFIG) -> list[Redated]:
    """The undated articles of the stories a batch touched (``stories``, each the articles of one story), dated
    from their own dates and their story's, with their time expressions valued again. A story is looked at only
    when the batch (``new_ids``) brought it an undated article.

    The story's dated articles (the most recent ``context_articles``, dated or dated by inference) are the
    evidence: inference compares every pair of dates across the articles it sees, so it sees a bounded number.
    """
    found = []
    for articles in stories:
        undated = [a for a in articles if a.published is None]
        if not any(a.id in new_ids for a in undated):
            continue
        # New articles first, then earlier ones that could not be dated before this batch brought evidence.
        undated = sorted(undated, key=lambda a: a.id not in new_ids)[:config.context_articles]
        dated = sorted((a for a in articles if a.published is not None), key=lambda a: a.published)
        context = dated[-config.context_articles:]
        inferred = infer_published([(a, doc_of(a.id)) for a in undated + context], config=config)
        for article in undated:
            if article.id not in inferred:
                continue
            published, certainty = inferred[article.id]
            article = replace(article, published=published, published_inferred=True, published_confidence=certainty)
            found.append(Redated(article, timex.extract(article, doc_of(article.id))))
    return found
