"""Publication dates of undated articles, inferred only from evidence in their story's texts, with a confidence.

An undated report still says "Saturday", "yesterday afternoon" or "on 29 April". Valued against a candidate
publication day, those phrases fall on calendar days; the day is evidenced when they fall on a day the story
*names* for the same event: a date written with its year ("June 24, 2005"), a day of a dated article, or a day of
the month written without a year ("29 April") when a weekday elsewhere agrees with it in just one year the story
writes (29 April was a Saturday only in some years). Two weekdays agreeing with each other, or a day of the month
with a "yesterday", say nothing of the year, so they are no evidence: with only weekdays and no year an article
stays undated, and a year is never guessed by recency. Two statements are of one event when their sentences share
content words (the same noun or verb the day is said of adds to that, never replaces it; inside one article it
is needed); a past statement is not matched with a future one, nor one of unknown tense with a future one. A
date right after a phrase restates it ("today (20 October 2011)"), and a weekday of a recurrence ("the second
Tuesday of every month") names no day.

Each undated article gets the candidate day with the most evidence (candidates are the days the story names and
the few days after them, never after ``today`` nor before a year the article itself speaks of as past); it stays
undated when that evidence is thin, when a day of another year fits as well, or when the confidence is low.

After each batch, :func:`date_undated` dates the undated articles of the stories the batch touched and values
their time expressions again against the dates found, marking the values that rest on the inferred date; it
returns them, for the pipeline to store.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from spacy.tokens import Doc

from storyline.extract.timex import TimexMention, anchor, find
from storyline.model import Article, TimeExpression
from storyline.stories.date_phrases import (MOVING_KINDS, NAMING_KINDS, PROBES, Kind, ResolvedDays, Statement,
                                            StoryArticle, Years, evidences, restates, stated_day, story_article,
                                            story_years)


@dataclass(frozen=True)
class PubdateConfig:
    """Weights and thresholds of publication-date inference. Set by hand on the tuning stories of the brief
    evaluation (eval/briefs/tune: publication dates wrong, right and left undated) and the bundled examples'
    inferred date (examples/gold.json, tests/test_timeline.py)."""

    # Candidates: a named day or a dated article, the day before it, and up to ``days_after`` days after it (a
    # report appears on the day of the latest event it tells of, or a few days later).
    days_before: int = 1
    days_after: int = 3
    # Per day between publication and the latest day the article speaks of up to then: of two days with the same
    # evidence, the nearer one.
    staleness_cost: float = 0.1
    # The likeness of two statements of one day is the share of content words their sentences have in common (0
    # to 1, Dice's coefficient), plus ``same_verb_likeness`` when the day modifies the same noun or verb in both
    # ("met on Saturday", "met on 29 April"); it counts for at most 1.
    same_verb_likeness: float = 0.5
    # Statements of one day in different articles tell one event from this likeness on; in two sentences of one
    # article (which share the story's words whatever they tell) from ``same_article_likeness``, about the same
    # noun or verb. A weekday falling on a day of the month written without its year is a coincidence one time in
    # seven, so that agreement needs ``coincidence_likeness``. Either way the sentences themselves share at least
    # ``evidence_likeness`` of their words: one verb of a story ("scored" in a season's games, "beat" in a round
    # of results) names many of its events, so the same verb alone ties no two sentences to one day.
    evidence_likeness: float = 0.2
    same_article_likeness: float = 0.5
    coincidence_likeness: float = 0.3
    # An article is dated only with at least this much evidence (one statement agreeing fully counts 1).
    least_evidence: float = 0.5
    # Of a day of another year that fits within this much of the best, the year is not known: left undated.
    year_tie: float = 0.25
    # The confidence grows with the evidence (1 - exp(-evidence / evidence_scale)) and with its lead over the
    # best rival: a day more than ``rival_days`` away (nearer days share the evidence and differ in staleness
    # only); below ``least_confidence`` the article stays undated.
    evidence_scale: float = 1.0
    rival_days: int = 7
    least_confidence: float = 0.3
    # Inference compares every pair of dates across the articles it sees: of a story it sees at most this many
    # undated articles and this many dated ones (the most recent), so its cost is bounded.
    context_articles: int = 12
    # And of each article the first this many phrases that point at a day: inference costs the candidate days (as
    # many as the days named) times the phrases, so a book-length text would hold the store's write lock for
    # minutes. News reports name far fewer: at most 31 time expressions in a TimeBank or AQUAINT document, and of
    # 204 PolNeAR reports (the first 120 of dev and of train) the most has 70 such phrases, the median 5.
    phrases_per_article: int = 100


CONFIG = PubdateConfig()

def candidate_days(story: list[StoryArticle], years: Years, today: date, config: PubdateConfig) -> list[date]:
    """Days the story's texts make possible: each day written with its year or of a dated article, each day of
    the month written without one in each year the story writes, and the days right around them."""
    anchors = {item.known for item in story if item.known}
    for item in story:
        for probe in (PROBES[0].date(), PROBES[1].date()):
            for value, said in item.days_at(item.known or probe).items():
                day = date.fromisoformat(value)
                for statement in said:
                    if statement.kind is Kind.FIXED:
                        anchors.add(day)
                    elif statement.kind is Kind.NAMED:
                        for year in years.written:
                            try:
                                anchors.add(day.replace(year=year))
                            except ValueError:
                                continue  # 29 February outside a leap year
    days = {day + timedelta(days=offset) for day in anchors
            for offset in range(-config.days_before, config.days_after + 1)}
    return sorted(day for day in days if day <= today)


def staleness(days: ResolvedDays, published: date) -> float:
    """Days between publication and the latest day the article speaks of up to then."""
    past = [date.fromisoformat(v) for v in days if date.fromisoformat(v) <= published]
    return (published - max(past)).days if past else 0.0


def may_pair(text: str, mine: Statement, theirs: Statement, same_article: bool) -> bool:
    """Whether a phrase naming a day may be evidence for one of the same story: in the same article only from
    another sentence, or right after it restating its day ("today (20 October 2011)")."""
    return not same_article or theirs.sentence != mine.sentence or restates(text, mine, theirs)


class StoryDates:
    """Scores candidate publication days for the undated articles of one story by the evidence they find."""

    def __init__(self, story: list[StoryArticle], years: Years, config: PubdateConfig) -> None:
        self.story = story
        self.years = years
        self.config = config
        self.known = {i: item.known for i, item in enumerate(story) if item.known}
        # Statements by identity: the story's statements live as long as this.
        self._alike: dict[tuple[int, int, bool], float] = {}
        # Of each article (by index) on each day tried: it depends on nothing else.
        self._staleness: dict[tuple[int, date], float] = {}
        self._partners_of: dict[int, dict[int, dict[int, dict[int, float]]]] = {}
        self._partner_articles_of: dict[int, list[int]] = {}
        # Evidence by article, day tried and the days of the articles its phrases have partners in.
        self._evidence_at: dict[tuple[int | date | None, ...], float] = {}
        self._moving_at: dict[tuple[int, date], list[tuple[str, date, Statement, dict[int, dict[int, float]]]]] = {}

    def evidence(self, index: int, published: date, others: dict[int, date]) -> float:
        """How firmly the days the article's phrases name, were it published on ``published``, fall on days the
        story names for the same events: per sentence its phrases' best such match, counting at most 1 (a sentence
        saying "today" twice tells its day once)."""
        return self._evidence(index, published, {**self.known, **others})

    def _evidence(self, index: int, published: date, days_of: dict[int, date]) -> float:
        """:meth:`evidence` with the other articles' days (``days_of``, the dated ones' too) given: the caller
        tries one such assignment against every candidate day. It reads only the days of the articles its phrases
        have partners in (:meth:`_partners`): with those the same, on the same day, it is what it was (the rounds
        of :meth:`best_days` try each article's days again with most of the others where they were)."""
        key = (index, published, *[days_of.get(j) for j in self._partner_articles(index)])
        if key not in self._evidence_at:
            self._evidence_at[key] = self._evidence_from_partners(index, published, days_of)
        return self._evidence_at[key]

    def _partner_articles(self, index: int) -> list[int]:
        """The other articles the article's phrases have partners in (:meth:`_partners`)."""
        if index not in self._partner_articles_of:
            self._partner_articles_of[index] = sorted({j for alike in self._partners(index).values() for j in alike
                                                       if j != index})
        return self._partner_articles_of[index]

    def _evidence_from_partners(self, index: int, published: date, days_of: dict[int, date]) -> float:
        mine = self.story[index].days_at(published)
        by_sentence: dict[int, float] = {}
        for value, day, statement, alike in self._moving(index, published):
            best = 0.0
            for other, theirs in alike.items():
                if other == index:
                    named = mine
                elif other in days_of:
                    named = self.story[other].days_at(days_of[other])
                else:
                    continue
                for said_there in named.get(value, ()):
                    likeness = theirs.get(id(said_there))
                    if likeness is not None and likeness > best and evidences(statement, said_there, day, self.years):
                        best = likeness
            by_sentence[statement.sentence] = max(best, by_sentence.get(statement.sentence, 0.0))
        return sum(by_sentence.values())

    def _moving(self, index: int, published: date) -> list[tuple[str, date, Statement, dict[int, dict[int, float]]]]:
        """The article's phrases that may find evidence were it published on ``published``, in the order it names
        them (the evidence sums per sentence in that order): each with the day it names and its partners
        (:meth:`_partners`). Only a phrase alike enough to one naming a day can match it, on any day: the others
        count nothing, and adding nothing leaves the sum as it was. The same on every assignment of the other
        articles' days, so kept per day tried."""
        key = (index, published)
        if key not in self._moving_at:
            partners = self._partners(index)
            self._moving_at[key] = [(value, date.fromisoformat(value), statement, alike)
                                    for value, said in self.story[index].days_at(published).items()
                                    for statement in said if (alike := partners.get(id(statement)))]
        return self._moving_at[key]

    def _partners(self, index: int) -> dict[int, dict[int, dict[int, float]]]:
        """For each phrase of the article that moves with the publication day, the phrases of the story naming a
        day that it may be evidence with, by article (all by identity), with how alike their sentences are: in
        sentences alike enough to tell one event, and in the same article only as :func:`may_pair` allows. Whether
        two sentences are alike does not depend on the day, and a match :meth:`evidence` counts is such a pair; so
        it looks only at these, not at every phrase the story's other articles name a day with (its cost was
        mostly that, for every day tried)."""
        if index not in self._partners_of:
            text = self.story[index].article.text
            found: dict[int, dict[int, dict[int, float]]] = {}
            for statement in self.story[index].day_statements:
                if statement.kind not in MOVING_KINDS:
                    continue
                for j, item in enumerate(self.story):
                    for other in item.day_statements:
                        if other.kind in NAMING_KINDS and may_pair(text, statement, other, j == index) \
                                and (likeness := self._alike_of(statement, other, j == index)) > 0:
                            found.setdefault(id(statement), {}).setdefault(j, {})[id(other)] = likeness
            self._partners_of[index] = found
        return self._partners_of[index]

    def may_find_evidence(self, unknown: list[int]) -> bool:
        """Whether some day could give one of the ``unknown`` articles evidence: a phrase of it that moves with the
        publication day and a phrase of the story naming a day, in sentences alike enough to tell one event.
        Whether two sentences are alike does not depend on the day, and every match :meth:`evidence` counts is
        such a pair, so without one every day's evidence is nil and no article is dated: the story's candidate
        days need not be valued, which is most of inference's cost."""
        naming = [(j, other) for j, item in enumerate(self.story) for other in item.statements
                  if other.kind in NAMING_KINDS]
        for i in unknown:
            text = self.story[i].article.text
            for statement in self.story[i].statements:
                if statement.kind not in MOVING_KINDS:
                    continue
                for j, other in naming:
                    if may_pair(text, statement, other, i == j) and self._alike_of(statement, other, i == j) > 0:
                        return True
        return False

    def _alike_of(self, mine: Statement, theirs: Statement, same_article: bool) -> float:
        # What the two sentences have in common is the same on every candidate day.
        key = (id(mine), id(theirs), same_article)
        if key not in self._alike:
            self._alike[key] = self._alike_as_evidence(mine, theirs, same_article)
        return self._alike[key]

    def _alike_as_evidence(self, mine: Statement, theirs: Statement, same_article: bool) -> float:
        config = self.config
        if not mine.compatible(theirs) or mine.shared(theirs) < config.evidence_likeness:
            return 0.0
        likeness = mine.likeness(theirs, config.same_verb_likeness)
        least = config.same_article_likeness if same_article else config.evidence_likeness
        if Kind.NAMED in (mine.kind, theirs.kind):
            least = max(least, config.coincidence_likeness)
        return likeness if likeness >= least else 0.0

    def score(self, index: int, published: date, days_of: dict[int, date]) -> float | None:
        """The evidence for a day less what speaks against it, the other articles on their ``days_of`` (the dated
        ones' too); None for a day before a year the article speaks of as past."""
        item = self.story[index]
        if published.year < item.earliest_year:
            return None
        if (index, published) not in self._staleness:
            self._staleness[index, published] = staleness(item.days_at(published), published)
        stale = self._staleness[index, published]
        return self._evidence(index, published, days_of) - self.config.staleness_cost * stale

    def best_days(self, unknown: list[int], candidates: list[date]) -> dict[int, list[tuple[float, date]]]:
        """Each undated article's candidate days, best first: first the day that fits all of them at once, then
        each article's own day with the others held at theirs (twice, so that they settle)."""
        shared = []
        for day in candidates:
            all_on_it = {**self.known, **{j: day for j in unknown}}
            shared.append((sum(s for i in unknown if (s := self.score(i, day, all_on_it)) is not None), day))
        start = max(shared)[1]
        chosen = {i: start for i in unknown}
        ranked: dict[int, list[tuple[float, date]]] = {}
        # The days of the articles each one's phrases have partners in, when it was last ranked: its scores read no
        # other (:meth:`_evidence`), so with these as they were its ranking is what it was.
        ranked_with: dict[int, list[date | None]] = {}
        for _ in range(2):
            for i in unknown:
                partner_days = [chosen.get(j) for j in self._partner_articles(i)]
                if ranked_with.get(i) == partner_days:
                    continue
                ranked_with[i] = partner_days
                # The others' days stay as they are while this article's are tried.
                days_of = {**self.known, **chosen}
                scored = [(round(s, 6), day) for day in candidates if (s := self.score(i, day, days_of)) is not None]
                ranked[i] = sorted(scored, reverse=True)
                if ranked[i]:
                    chosen[i] = ranked[i][0][1]
        return ranked


def confidence(evidence: float, lead: float, config: PubdateConfig) -> float:
    """Grows with the evidence found and with its lead over the best rival day."""
    strength = 1 - math.exp(-evidence / config.evidence_scale)
    return round(strength * (0.5 + 0.5 * min(1.0, max(lead, 0.0) / evidence)), 3)


def infer_published(articles: list[tuple[Article, Doc]], today: date | None = None,
                    config: PubdateConfig = CONFIG) -> dict[str, tuple[datetime, float]]:
    """For the articles of one story without a stated publication date (undated, or dated by an earlier
    inference): article id -> (inferred publication time, confidence 0-1).

    Articles without enough evidence are left out: they stay undated.
    """
    return _inferred([story_article(article, doc, config.phrases_per_article) for article, doc in articles],
                     today, config)


def _inferred(story: list[StoryArticle], today: date | None,
              config: PubdateConfig) -> dict[str, tuple[datetime, float]]:
    today = today or datetime.now(timezone.utc).date()
    unknown = [i for i, item in enumerate(story) if item.known is None]
    if not unknown:
        return {}
    years = story_years(story)
    dates = StoryDates(story, years, config)
    if not dates.may_find_evidence(unknown):
        return {}
    candidates = candidate_days(story, years, today, config)
    if not candidates:
        return {}
    ranked = dates.best_days(unknown, candidates)
    chosen = {i: scored[0][1] for i, scored in ranked.items() if scored}
    inferred = {}
    for i in unknown:
        if i not in chosen:
            continue
        best_score, day = ranked[i][0]
        evidence = dates.evidence(i, day, chosen)
        runner_up = max((s for s, other in ranked[i][1:] if abs((other - day).days) > config.rival_days),
                        default=0.0)
        other_year = max((s for s, other in ranked[i][1:] if other.year != day.year), default=-math.inf)
        if evidence < config.least_evidence or other_year >= best_score - config.year_tie:
            continue
        certainty = confidence(evidence, best_score - max(runner_up, 0.0), config)
        if certainty >= config.least_confidence:
            inferred[story[i].article.id] = (datetime.combine(day, time(0), tzinfo=timezone.utc), certainty)
    return inferred


# The phrases of articles inferred lately, with their values against each day tried: a story's articles are seen
# again at every batch that brings it an undated article, and what an article's phrases name against a given day
# never changes (its text does not; its stated date is part of the key). Bounded: the articles of a few stories.
_RECENT: OrderedDict[tuple[str, date | None, int], StoryArticle] = OrderedDict()
RECENT_ARTICLES = 256


def evidence_of(article: Article, doc: Doc, config: PubdateConfig = CONFIG) -> StoryArticle:
    """What inference reads of an article: its phrases that point at a day, what they are said of, and their
    values against the two probe days every inference asks first. Gathered where the article is parsed (the
    worker side of the pipeline), so that the one process that writes, which holds the store's lock while it
    infers, neither reads the parse again nor finds its time expressions a second time."""
    item = story_article(article, doc, config.phrases_per_article)
    for probe in PROBES:
        item.days_at(probe.date())
    return item


def _recent_story_article(article: Article, doc_of: Callable[[str], Doc], gathered: Mapping[str, StoryArticle],
                          config: PubdateConfig) -> StoryArticle:
    """``story_article`` of the article: the one ``gathered`` with its parse or kept from an earlier batch when
    there is one, else read from its parse."""
    key = (article.id, stated_day(article), config.phrases_per_article)
    if key in _RECENT:
        _RECENT.move_to_end(key)
    else:
        ready = gathered.get(article.id)
        if ready is None or ready.known != key[1] or ready.article.text != article.text:
            ready = story_article(article, doc_of(article.id), config.phrases_per_article)
        _RECENT[key] = ready
        if len(_RECENT) > RECENT_ARTICLES:
            _RECENT.popitem(last=False)
    return _RECENT[key]


@dataclass(frozen=True, slots=True)
class Redated:
    """An undated article with the publication date inferred for it, and its time expressions valued again
    against that date: those whose value rests on it carry its confidence."""

    article: Article
    times: list[TimeExpression]


def revalued(article: Article, doc: Doc) -> list[TimeExpression]:
    """The article's time expressions valued against its inferred publication date; a value that differs from
    what the words alone say ("Sunday", "four years ago") rests on that date and is marked with its confidence."""
    return _revalued(article, find(article, doc))


def _revalued(article: Article, mentions: list[TimexMention]) -> list[TimeExpression]:
    plain = {e.span.start: e.value for e in anchor(article, mentions, None)}
    return [replace(e, reference_confidence=article.published_confidence) if plain.get(e.span.start) != e.value
            else e for e in anchor(article, mentions, article.published)]


def date_undated(stories: Iterable[list[Article]], new_ids: set[str], doc_of: Callable[[str], Doc],
                 config: PubdateConfig = CONFIG, gathered: Mapping[str, StoryArticle] | None = None
                 ) -> list[Redated]:
    """The undated articles of the stories a batch touched (``stories``, each the articles of one story), dated
    from their own dates and their story's, with their time expressions valued again. A story is looked at only
    when the batch (``new_ids``) brought it an undated article.

    Articles dated by an earlier inference are inferred again with the new evidence (one whose evidence is now
    found wanting keeps its date); the story's articles of stated date (the most recent ``context_articles``)
    are the fixed evidence: inference compares every pair of dates across the articles it sees, so it sees a
    bounded number. ``gathered``: what :func:`evidence_of` gathered of the batch's undated articles where they
    were parsed; the others' parses are read through ``doc_of``.
    """
    gathered = gathered or {}
    found = []
    for articles in stories:
        undated = [a for a in articles if a.published is None or a.published_inferred]
        if not any(a.id in new_ids and a.published is None for a in undated):
            continue
        # New articles first, then earlier ones that could not be dated before this batch brought evidence.
        undated = sorted(undated, key=lambda a: a.id not in new_ids)[:config.context_articles]
        dated = sorted((a for a in articles if a.published is not None and not a.published_inferred),
                       key=lambda a: a.published)
        context = dated[-config.context_articles:]
        story = [_recent_story_article(a, doc_of, gathered, config) for a in undated + context]
        inferred = _inferred(story, None, config)
        for article, item in zip(undated, story):
            if article.id not in inferred:
                continue
            published, certainty = inferred[article.id]
            if (published, certainty) == (article.published, article.published_confidence):
                continue
            article = replace(article, published=published, published_inferred=True, published_confidence=certainty)
            found.append(Redated(article, _revalued(article, item.found)))
    return found
