"""Finding the few stories an arriving article could belong to, at a cost that hardly grows with the store.

Two searches, each bounded: the nearest lead embeddings among articles published within a window of the new
one (an HNSW graph per calendar month, so old months are never searched), and the stories that most recently
took in an article naming the same people, organisations and places (a short list per name; the caller ranks
them by the rarity of the names shared). The name lists reach back past the window, to follow-ups months later.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import datetime, timedelta

import hnswlib
import numpy as np

UNDATED = -1
# HNSW graph degree and build/search breadth: hnswlib's recommended middle ground of recall against speed.
CONNECTIONS = 16
BUILD_BREADTH = 100
SEARCH_BREADTH = 64
FIRST_CAPACITY = 1024


def month_of(when: datetime | None) -> int:
    return UNDATED if when is None else when.year * 12 + when.month - 1


class MonthlyVectorIndex:
    """Article vectors (unit length) in one HNSW index per month of publication, searched within a time window."""

    def __init__(self, dimensions: int, window: timedelta) -> None:
        self.dimensions = dimensions
        self.window = window
        self.shards: dict[int, hnswlib.Index] = {}

    def add(self, row: int, vector: np.ndarray, published: datetime | None) -> None:
        month = month_of(published)
        shard = self.shards.get(month)
        if shard is None:
            shard = self.shards[month] = hnswlib.Index(space="ip", dim=self.dimensions)
            shard.init_index(max_elements=FIRST_CAPACITY, ef_construction=BUILD_BREADTH, M=CONNECTIONS)
            shard.set_ef(SEARCH_BREADTH)
        if shard.get_current_count() == shard.get_max_elements():
            shard.resize_index(2 * shard.get_max_elements())
        shard.add_items(vector[None, :], np.array([row]), num_threads=1)

    def months_near(self, published: datetime | None) -> list[int]:
        """The months to search: those the window around ``published`` touches, and the undated articles.

        An undated article is searched against every month: without a date there is no window to apply.
        """
        if published is None:
            return list(self.shards)
        first, last = month_of(published - self.window), month_of(published + self.window)
        return [month for month in (*range(first, last + 1), UNDATED) if month in self.shards]

    def nearest(self, vector: np.ndarray, published: datetime | None, count: int) -> list[tuple[int, float]]:
        """Up to ``count`` (row, cosine similarity) pairs, most similar first."""
        found: list[tuple[int, float]] = []
        for month in self.months_near(published):
            shard = self.shards[month]
            k = min(count, shard.get_current_count())
            labels, distances = shard.knn_query(vector[None, :], k=k, num_threads=1)
            found.extend(zip(labels[0].tolist(), (1.0 - distances[0]).tolist()))
        return sorted(found, key=lambda pair: -pair[1])[:count]


class RecentStoriesByName:
    """For each entity key id, the few stories that most recently took in an article naming it."""

    def __init__(self, per_key: int) -> None:
        self.per_key = per_key
        self.stories: dict[int, deque[str]] = {}

    def add(self, key_ids: Iterable[int], story_id: str) -> None:
        for key in key_ids:
            recent = self.stories.get(key)
            if recent is None:
                recent = self.stories[key] = deque(maxlen=self.per_key)
            elif story_id in recent:
                recent.remove(story_id)
            recent.append(story_id)

    def find(self, key_ids: Iterable[int]) -> dict[str, list[int]]:
        """Each story found, with the keys it shares with the query."""
        shared: dict[str, list[int]] = {}
        for key in key_ids:
            for story_id in self.stories.get(key, ()):
                shared.setdefault(story_id, []).append(key)
        return shared
