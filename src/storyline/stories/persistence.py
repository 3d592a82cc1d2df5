"""The story index as the store keeps it, and rebuilt from it.

What is stored is what the index was given (each article's features, in order) and what it decided (its
history); the rest is derived again by replaying the decisions, without scoring: vocabularies and document
frequencies, profiles summed in the order they were, merges, splits, the candidate searches. Two things the
decisions do not tell are kept per story (:meth:`StoryIndex.bookkeeping`), so a replayed index is the one that was
kept in memory and goes on deciding exactly as it would have. What a batch of assignments writes is
:mod:`storyline.stories.updates`'s to say: the bookkeeping of the stories an assignment may have weighed (its
candidates and the stories its events name), and the features of each new article as :func:`features_to_row`
makes them a row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from datetime import datetime

import numpy as np

from storyline.stories.config import StoryConfig
from storyline.stories.features import StoryFeatures
from storyline.stories.index import StoryEvent, StoryIndex
from storyline.store import Store, StoreError

def features_to_row(item: StoryFeatures) -> tuple[str, bytes]:
    """Story features as stored: JSON, and the lead vector as float32 bytes. ``terms`` keeps its order: the index
    numbers new words in that order."""
    return json.dumps({
        "published": item.published.isoformat() if item.published else None,
        "entity_keys": sorted(item.entity_keys),
        "lead_entity_keys": sorted(item.lead_entity_keys),
        "years": sorted(item.years),
        "days": sorted(item.days),
        "terms": item.terms,
        "event_words": sorted(item.event_words),
        "names": item.names,
    }, ensure_ascii=False), np.asarray(item.vector, dtype=np.float32).tobytes()


def features_from_row(article_id: str, data: str, vector: bytes) -> StoryFeatures:
    stored = json.loads(data)
    return StoryFeatures(
        article_id=article_id,
        published=datetime.fromisoformat(stored["published"]) if stored["published"] else None,
        vector=np.frombuffer(vector, dtype=np.float32).copy(),
        entity_keys=frozenset(stored["entity_keys"]),
        lead_entity_keys=frozenset(stored["lead_entity_keys"]),
        # Stored before days were collected: none.
        years=frozenset(stored["years"]),
        days=frozenset(stored.get("days", ())),
        terms=stored["terms"],
        event_words=frozenset(stored["event_words"]),
        names=stored["names"],
    )


def replayed(config: StoryConfig, articles: Iterable[StoryFeatures], history: list[StoryEvent],
             bookkeeping: dict[str, tuple[int, int | None]]) -> StoryIndex:
    """The index that assigned ``articles`` in this order, deciding as ``history`` says; ``bookkeeping`` is
    :meth:`StoryIndex.bookkeeping` of each of its stories."""
    index = StoryIndex(config)
    decided: dict[int, list[StoryEvent]] = {}
    for event in history:
        decided.setdefault(event.sequence, []).append(event)
    weighed_at: dict[int, list[str]] = {}
    for story_id, (_, documents) in bookkeeping.items():
        if documents is not None:
            weighed_at.setdefault(documents, []).append(story_id)
    for features in articles:
        index.redo(features, decided.pop(len(index) + 1, []))
        for story_id in weighed_at.get(len(index), ()):
            index.weigh(story_id)  # with the IDF of that moment, as the cache was
    if decided:
        raise ValueError("the story history does not match the articles of the story index")
    index.restore(bookkeeping, history)
    return index


def load_index(store: Store) -> StoryIndex:
    """The story index the store holds, as it was kept in memory when it was stored."""
    if store.has_earlier_story_index():
        raise StoreError(f"{store.path}: its stories were saved by an earlier Storyline; "
                         "run `storyline recluster` to rebuild them")
    config = _saved_config(store)
    members = ((row, features_from_row(article_id, data, vector))
               for row, article_id, data, vector in store.index_members())
    try:
        return replayed(config, in_order(members),
                        [StoryEvent.from_json(event) for event in store.story_history_since_recluster()],
                        store.index_stories())
    except (KeyError, ValueError) as error:
        raise StoreError(f"{store.path}: the story index is inconsistent ({error}); "
                         "run `storyline recluster` to rebuild it") from error


def _saved_config(store: Store) -> StoryConfig:
    """The story settings the stored index was built with. A setting this Storyline does not know means another
    version built it, deciding by rules this one does not have: rebuilding is the honest answer, not ignoring it.
    A setting it does not find keeps its default (a setting added since, which that version did not use)."""
    saved = store.story_config()
    if not saved:
        return StoryConfig()
    unknown = sorted(set(saved) - {field.name for field in fields(StoryConfig)})
    if unknown:
        raise StoreError(f"{store.path}: its stories were built with settings this Storyline does not know "
                         f"({', '.join(unknown)}); run `storyline recluster` to rebuild them")
    return StoryConfig(**saved)


def in_order(members: Iterable[tuple[int, StoryFeatures]]) -> Iterable[StoryFeatures]:
    for expected, (row, item) in enumerate(members):
        if row != expected:
            raise ValueError(f"story index row {expected} is missing")
        yield item
