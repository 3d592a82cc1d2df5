"""Online story assignment: each arriving article joins the story it belongs to or starts a new one.

An article is compared with a handful of candidate stories (see :mod:`storyline.stories.candidates`), never with
the whole store. A story is a profile summed over its articles: the sum of their lead embeddings, TF-IDF of their
words, the names they mention and the years and days of the calendar they are about. The score of an article against a story weighs

- how close the leads are (MiniLM cosine to the story's centroid),
- how many rare words they share (TF-IDF cosine, IDF kept online),
- how many rare names they share (IDF-weighted cosine over entity keys),
- whether they are about the same years (agreement counts for, disjoint years against),
- whether they name the same days of the calendar (months, days of a month, weekdays),
- how far apart in time they were published.

Words and lead embeddings say "the same kind of event"; names and dates tell two earthquakes, two firings of the
same coach or two hosts of the same ceremony apart. When an article also fits a second story and the two stories
agree with each other as wholes, they merge. Each time a story has grown by half it tries cutting itself in two,
and splits when the halves are much closer to themselves than to each other: a near miss that slipped in early
(the second quake's first report joining the first quake) is taken out again once its own story has built up.
Every decision is kept in :attr:`StoryIndex.history` with its reason. The score is in
:mod:`storyline.stories.scoring`, labels in :mod:`storyline.stories.labels`; :mod:`storyline.stories.persistence`
rebuilds a stored index.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import linkage, to_tree
from scipy.spatial.distance import squareform

from storyline.parse.embed import DIMENSIONS
from storyline.stories.candidates import MonthlyVectorIndex, RecentStoriesByName
from storyline.stories.config import CONFIG, StoryConfig
from storyline.stories.features import StoryFeatures, better_display
from storyline.stories.labels import Story, describe
from storyline.stories.scoring import Match, Profile, Scorer
from storyline.stories.terms import Bag, Vocabulary


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One decision: ``created``, ``joined``, ``merged`` (``others`` merged into ``story``) or ``split``
    (``others`` split off ``story``). ``sequence`` counts assigned articles."""

    kind: str
    story: str
    sequence: int
    articles: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    score: float | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "story": self.story, "sequence": self.sequence, "articles": list(self.articles),
                "others": list(self.others), "score": self.score, "reason": self.reason}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StoryEvent":
        return cls(data["kind"], data["story"], data["sequence"], tuple(data["articles"]), tuple(data["others"]),
                   data["score"], data["reason"])


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: ``match`` is its score against the story it joined (None if it started one);
    ``candidates`` are the stories it was scored against."""

    article_id: str
    story: str
    created: bool
    match: Match | None
    events: tuple[StoryEvent, ...]
    candidates: tuple[str, ...]

    @property
    def compared(self) -> int:
        return len(self.candidates)


@dataclass(slots=True)
class _Member:
    article_id: str
    published: datetime | None
    terms: Bag
    names: Bag
    event_words: np.ndarray
    years: tuple[int, ...]
    days: tuple[str, ...]


@dataclass(slots=True)
class _Story:
    id: str
    rows: list[int]
    profile: Profile
    checked_at_size: int = 1


def spread_over(rows: list[int], most: int) -> list[int]:
    """At most ``most`` of the rows, evenly spread from the story's first articles to its latest."""
    if len(rows) <= most:
        return rows
    return [rows[i] for i in np.linspace(0, len(rows) - 1, most).round().astype(int)]


class StoryIndex:
    """The online clusterer, in memory. :func:`storyline.stories.persistence.replayed` rebuilds it from what it
    was given and decided."""

    def __init__(self, config: StoryConfig = CONFIG) -> None:
        self.config = config
        self.terms = Vocabulary()
        self.names = Vocabulary()
        self.display_names: dict[str, str] = {}
        self.scorer = Scorer(config, self.terms, self.names, self.display_names)
        self.history: list[StoryEvent] = []
        self._members: list[_Member] = []
        self._vectors = np.zeros((1024, DIMENSIONS), dtype=np.float32)
        self._story_of_row: list[str] = []
        self._row_of_article: dict[str, int] = {}
        self._stories: dict[str, _Story] = {}
        self._merged_into: dict[str, str] = {}
        # Pairs of stories a split set apart: evidence already weighed, so they never merge back on their own.
        self._split_apart: set[frozenset[str]] = set()
        self._story_numbers = 0
        self._nearby = MonthlyVectorIndex(DIMENSIONS, timedelta(days=self.config.window_days))
        self._by_name = RecentStoriesByName(self.config.stories_per_name)

    # --- assigning -----------------------------------------------------------------------------------------

    def assign(self, features: StoryFeatures) -> Assignment:
        """Put one article into a story: the best candidate that scores at least ``join``, or a new story."""
        if features.article_id in self._row_of_article:
            raise ValueError(f"article {features.article_id} is already assigned to a story")
        row = self._register(features)
        article = self._profile_of(row)
        ranked = sorted(((self.scorer.score(article, self._stories[sid].profile), sid)
                         for sid in self._candidates(row)), key=lambda pair: -pair[0].score)
        fitting = [(match, sid) for match, sid in ranked
                   if match.score >= self.config.join and self._close_to_members(article, self._stories[sid])]
        if fitting:
            match, events = self._join(row, article, fitting)
        else:
            match, events = None, self._start(row, article, ranked)
        story_id = self._story_of_row[row]
        self._make_findable(row)
        events.extend(self._recheck(story_id))
        return Assignment(features.article_id, self._story_of_row[row], match is None, match, tuple(events),
                          tuple(sid for _, sid in ranked))

    def _close_to_members(self, article: Profile, story: _Story) -> bool:
        """Whether the article is, on average, close enough to the story's articles themselves.

        A story's summed profile grows broad as it takes in articles: its lead centroid and its bags of words and
        names cover the whole of a beat, so an article of another event on the same beat scores well against it
        though it is far from most of its articles. Their mean score does not broaden with the story.
        """
        rows = story.rows
        if len(rows) < self.config.members_from:
            return True
        sample = spread_over(rows, self.config.members_compared)
        mean = float(np.mean([self.scorer.score(article, self._profile_of(r)).score for r in sample]))
        return mean >= self.config.join_members

    def _members_agree(self, story: _Story, other: _Story) -> bool:
        """Whether two stories' articles are, on average, as close across as an article joining must be."""
        if len(story.rows) + len(other.rows) < self.config.members_from + 1:
            return True
        first = [self._profile_of(row) for row in spread_over(story.rows, self.config.members_across)]
        second = [self._profile_of(row) for row in spread_over(other.rows, self.config.members_across)]
        mean = float(np.mean([self.scorer.score(a, b).score for a in first for b in second]))
        return mean >= self.config.join_members

    def _make_findable(self, row: int) -> None:
        """Let later articles find this one's story: by its lead, and by its names."""
        member = self._members[row]
        self._nearby.add(row, self._vectors[row], member.published)
        self._by_name.add(member.names.ids.tolist(), self._story_of_row[row])

    def _join(self, row: int, article: Profile, ranked: list[tuple[Match, str]]) -> tuple[Match, list[StoryEvent]]:
        """Join the best story; merge into it each other story the article also fits, if the two agree."""
        story = self._stories[ranked[0][1]]
        match = self.scorer.score(article, story.profile, explain=True)
        self._add_row(story, row, article)
        article_id = self._members[row].article_id
        events = [self._record("joined", story.id, (article_id,), score=match.score, reason=match.reason())]
        for other, other_id in ranked[1:]:
            if other.score >= self.config.join:
                events.extend(self._merge_if_agreeing(self._current(story.id), other_id, article_id))
        return match, events

    def _add_row(self, story: _Story, row: int, article: Profile) -> None:
        story.rows.append(row)
        story.profile = story.profile.plus(article, self.config.profile_terms)
        self._story_of_row.append(story.id)

    def _start(self, row: int, article: Profile, ranked: list[tuple[Match, str]]) -> list[StoryEvent]:
        story_id = self._new_story([row], article)
        self._story_of_row.append(story_id)
        best = ""
        if ranked:
            best = f" (best {self.scorer.score(article, self._stories[ranked[0][1]].profile, explain=True).reason()})"
        return [self._record("created", story_id, (self._members[row].article_id,),
                             reason=f"{self._why_none(ranked)}{best}")]

    def _why_none(self, ranked: list[tuple[Match, str]]) -> str:
        if ranked and ranked[0][0].score >= self.config.join:
            return f"far from the articles of each story scoring {self.config.join:.2f} (mean below " \
                   f"{self.config.join_members:.2f})"
        return f"no story scored {self.config.join:.2f}"

    def _register(self, features: StoryFeatures) -> int:
        row = len(self._members)
        term_ids = self.terms.add_document(features.terms)
        keys = sorted(features.entity_keys)
        name_ids = self.names.add_document(keys)
        name_weights = [1.0 + self.config.lead_name_boost * (key in features.lead_entity_keys) for key in keys]
        for key in features.entity_keys:
            self.display_names[key] = better_display(self.display_names.get(key), features.names.get(key, key))
        event_ids = [self.terms.id(word) for word in sorted(features.event_words)]  # ids alike in every process
        self._members.append(_Member(
            features.article_id, features.published, Bag.of(term_ids, features.terms.values()),
            Bag.of(name_ids, name_weights), np.sort(np.array(event_ids, dtype=np.int32)),
            tuple(sorted(features.years)), tuple(sorted(features.days)),
        ))
        if row == len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
        self._vectors[row] = features.vector
        self._row_of_article[features.article_id] = row
        return row

    def _profile_of(self, row: int) -> Profile:
        member = self._members[row]
        return Profile(
            self._vectors[row].astype(np.float32), member.terms,
            member.names,
            Bag(member.event_words, np.ones(len(member.event_words), dtype=np.float32)),
            Counter(member.years), Counter(member.days), member.published, member.published,
        )

    def _profile_of_rows(self, rows: list[int]) -> Profile:
        profile = self._profile_of(rows[0])
        for row in rows[1:]:
            profile = profile.plus(self._profile_of(row), self.config.profile_terms)
        return profile

    def _candidates(self, row: int) -> set[str]:
        """Stories of the nearest leads published nearby, and the stories sharing the rarest names."""
        member = self._members[row]
        found = {self._story_of_row[r] for r, _ in
                 self._nearby.nearest(self._vectors[row], member.published, self.config.neighbours)}
        idf = dict(zip(member.names.ids.tolist(), self.names.idf(member.names.ids).tolist()))
        weight: dict[str, float] = {}
        for story_id, keys in self._by_name.find(idf).items():
            current = self._current(story_id)
            weight[current] = weight.get(current, 0.0) + sum(idf[key] for key in keys)
        found.update(sorted(weight, key=lambda sid: -weight[sid])[: self.config.name_candidates])
        return found

    def _current(self, story_id: str) -> str:
        while story_id in self._merged_into:
            story_id = self._merged_into[story_id]
        return story_id

    # --- merging and splitting ----------------------------------------------------------------------------

    def _merge_if_agreeing(self, story_id: str, other_id: str, article_id: str) -> list[StoryEvent]:
        """Merge ``other_id`` into ``story_id`` when an article fits both and the two stories agree as wholes."""
        story, other = self._stories[story_id], self._stories.get(other_id)
        if other is None or frozenset((story_id, other_id)) in self._split_apart:
            return []
        match = self.scorer.score(story.profile, other.profile, explain=True)
        if match.score < self.config.merge or not self._members_agree(story, other):
            return []
        if len(other.rows) > len(story.rows):  # the larger story keeps its id
            story, other = other, story
        self._absorb(story, other)
        return [self._record("merged", story.id, (article_id,), (other.id,), match.score,
                             f"article {article_id} fits both; stories agree, {match.reason()}")]

    def _absorb(self, story: _Story, other: _Story) -> None:
        story.rows.extend(other.rows)
        story.profile = story.profile.plus(other.profile, self.config.profile_terms)
        for r in other.rows:
            self._story_of_row[r] = story.id
        del self._stories[other.id]
        self._merged_into[other.id] = story.id

    def _recheck(self, story_id: str) -> list[StoryEvent]:
        """Each time a story has grown by half, try splitting it in two; split when the halves stand apart."""
        story = self._stories[story_id]
        size = len(story.rows)
        if size < max(2 * self.config.smallest_split, self.config.recheck_growth * story.checked_at_size) \
                or size > self.config.largest_recheck:
            return []
        story.checked_at_size = size
        halves = self._bisect(story.rows)
        if halves is None:
            return []
        kept, apart, cross, within = halves
        new_id = self._split(story, kept, apart)
        return [self._record("split", story.id, tuple(self._members[r].article_id for r in apart), (new_id,),
                             round(cross, 4), f"two groups of {len(kept)} and {len(apart)} articles: "
                             f"{cross:.2f} between them, {within:.2f} within")]

    def _split(self, story: _Story, kept: list[int], apart: list[int]) -> str:
        """Keep ``kept`` in the story and move ``apart`` to a new one; returns the new story's id."""
        story.rows = kept
        story.profile = self._profile_of_rows(kept)
        new_id = self._new_story(apart, self._profile_of_rows(apart))
        self._split_apart.add(frozenset((story.id, new_id)))
        for r in apart:
            self._story_of_row[r] = new_id
            self._by_name.add(self._members[r].names.ids.tolist(), new_id)
        return new_id

    def _bisect(self, rows: list[int]) -> tuple[list[int], list[int], float, float] | None:
        """The story's best cut in two, if the two sides stand apart.

        The cut is the highest one in the average-linkage tree of the articles' pairwise scores whose both sides
        hold at least ``smallest_split`` articles: the very top of the tree often only peels off one odd article,
        which says nothing about two stories being mixed. Articles peeled off above the cut go with the side they
        score higher with. The test is relative, cross-group against within-group similarity, because what
        separates two stories of one kind (two quakes) is how much closer each is to itself than to the other,
        not a fixed score.
        """
        profiles = [self._profile_of(row) for row in rows]
        scores = np.zeros((len(rows), len(rows)))
        for i, j in zip(*np.triu_indices(len(rows), k=1)):
            scores[i, j] = scores[j, i] = self.scorer.score(profiles[i], profiles[j]).score
        distances = scores.max() - scores
        np.fill_diagonal(distances, 0.0)
        node = to_tree(linkage(squareform(distances, checks=False), "average"))
        smallest = self.config.smallest_split
        while not node.is_leaf() and min(node.left.count, node.right.count) < smallest:
            node = max(node.left, node.right, key=lambda child: child.count)
        if node.is_leaf():
            return None
        first, second = node.left.pre_order(), node.right.pre_order()
        cross = float(scores[np.ix_(first, second)].mean())
        within = float(np.mean([scores[np.ix_(side, side)].sum() / (len(side) * (len(side) - 1))
                                for side in (first, second)]))
        if cross >= self.config.split_ratio * within or cross >= self.config.split_below:
            return None
        peeled = sorted(set(range(len(rows))) - set(first) - set(second))
        closer_to_first = scores[np.ix_(peeled, first)].mean(axis=1) >= scores[np.ix_(peeled, second)].mean(axis=1)
        first += [i for i, closer in zip(peeled, closer_to_first) if closer]
        second += [i for i, closer in zip(peeled, closer_to_first) if not closer]
        # Each side in the story's order, the order a replay of the split sums its profile in.
        kept, apart = sorted((sorted(first), sorted(second)), key=len, reverse=True)
        return [rows[i] for i in kept], [rows[i] for i in apart], cross, within

    def _new_story(self, rows: list[int], profile: Profile) -> str:
        self._story_numbers += 1
        story_id = f"s{self._story_numbers}"
        self._stories[story_id] = _Story(story_id, list(rows), profile, checked_at_size=len(rows))
        return story_id

    def _record(self, kind: str, story: str, articles: tuple[str, ...], others: tuple[str, ...] = (),
                score: float | None = None, reason: str = "") -> StoryEvent:
        event = StoryEvent(kind, story, len(self._members), articles, others,
                           None if score is None else round(score, 4), reason)
        self.history.append(event)
        return event

    # --- reading ------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._members)

    def story_of(self, article_id: str) -> str:
        return self._story_of_row[self._row_of_article[article_id]]

    def story(self, story_id: str) -> Story:
        """A story by id; the id of a story merged into another leads to the one it is now part of."""
        story = self._stories.get(self._current(story_id))
        if story is None:
            raise KeyError(f"no story {story_id}")
        return self._describe(story)

    def stories(self) -> list[Story]:
        """Every story, most recently active first."""
        return [self._describe(story) for story in
                sorted(self._stories.values(), key=lambda story: -max(story.rows))]

    def _describe(self, story: _Story) -> Story:
        return describe(story.id, story.profile, tuple(self._members[r].article_id for r in story.rows), self.terms,
                        self.names, self.display_names)

    # --- replaying -----------------------------------------------------------------------------------------
    # A stored index is rebuilt by replaying its decisions (see :mod:`storyline.stories.persistence`): each article
    # is taken in as its recorded events say, without scoring, and what the events do not tell is given back.

    def bookkeeping(self, story_id: str) -> tuple[int, int | None] | None:
        """For a story that exists: the size it was last re-cut at, and the number of articles the index had seen
        when its profile was weighed (IDF is cached, and refreshed only as the store grows), if it was."""
        story = self._stories.get(story_id)
        if story is None:
            return None
        weighed = story.profile.weighed
        return story.checked_at_size, weighed.documents if weighed else None

    def redo(self, features: StoryFeatures, events: list[StoryEvent]) -> None:
        """Take in an article as :meth:`assign` did, applying the decisions it recorded (``events``, in order)."""
        row = self._register(features)
        for event in events:
            if event.kind == "created":
                story_id = self._new_story([row], self._profile_of(row))
                self._story_of_row.append(story_id)
                self._expect(event.story, story_id)
            elif event.kind == "joined":
                self._add_row(self._stories[event.story], row, self._profile_of(row))
            elif event.kind == "merged":
                self._absorb(self._stories[event.story], self._stories[event.others[0]])
        self._make_findable(row)  # where assign does: after joining and merging, before re-cutting
        for event in events:
            if event.kind == "split":
                apart = [self._row_of_article[article_id] for article_id in event.articles]
                story = self._stories[event.story]
                self._expect(event.others[0], self._split(story, [r for r in story.rows if r not in apart], apart))

    @staticmethod
    def _expect(recorded: str, replayed: str) -> None:
        if recorded != replayed:
            raise ValueError(f"the story history names {recorded} where replaying it makes {replayed}")

    def weigh(self, story_id: str) -> None:
        """Weigh a story's profile with the IDF of this moment, as scoring it does (the weighing is cached)."""
        self.scorer.weighed(self._stories[story_id].profile)

    def restore(self, bookkeeping: dict[str, tuple[int, int | None]], history: list[StoryEvent]) -> None:
        """Give a replayed index what its decisions do not tell: :meth:`bookkeeping` of each of its stories, and
        the history it was replayed from."""
        if set(self._stories) != set(bookkeeping):
            raise ValueError("the story history does not match the articles of the story index")
        for story_id, (checked_at_size, _) in bookkeeping.items():
            self._stories[story_id].checked_at_size = checked_at_size
        self.history = list(history)
