"""Keeping the store's stories in step with the online story index, and dating what the stories can date.

After each batch is stored, its articles are assigned to stories one by one (the index never re-clusters the
store); the memberships, labels and history of every story the batch touched are written with the index's state
in one transaction. Then each new undated article gets its publication date inferred from its own text and its
story's dated articles, and its time expressions re-valued against the inferred date.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import datetime

import numpy as np
from spacy.tokens import Doc

from storyline import pubdate, timex
from storyline.embed import embed
from storyline.model import Article, TimeExpression
from storyline.stories import StoryIndex
from storyline.story_features import StoryFeatures, features, lead_text
from storyline.store import Store

INDEX_KEY = "story_index"
CONTEXT_ARTICLES = 12


def load_index(store: Store) -> StoryIndex:
    saved = store.get_state(INDEX_KEY)
    if saved is None:
        return StoryIndex()
    data, arrays = saved
    return StoryIndex.from_state(data, np.load(io.BytesIO(arrays)))


def save_index(store: Store, index: StoryIndex) -> None:
    data, vectors = index.to_state()
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    store.put_state(INDEX_KEY, data, buffer.getvalue())


def story_features(batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> list[StoryFeatures]:
    """What the story index needs of each article: its parse, its time expressions and its lead, embedded in one
    call for the batch."""
    vectors = embed([lead_text(article, doc) for article, doc, _ in batch])
    return [features(article, doc, vector, [t.value for t in times])
            for (article, doc, times), vector in zip(batch, vectors)]


def assign(store: Store, index: StoryIndex, batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> set[str]:
    """Assign a stored batch to stories; returns the ids of the stories it touched."""
    if not batch:
        return set()
    events = [event for item in story_features(batch) for event in index.assign(item).events]
    # A split moves articles into the stories named in ``others``: their memberships change too.
    touched = {index.story(story_id).id for event in events
               for story_id in (event.story, *(event.others if event.kind == "split" else ()))}
    stories = [index.story(story_id) for story_id in touched]
    memberships = {article_id: story.id for story in stories for article_id in story.article_ids}
    with store.transaction():
        store.assign_stories(memberships, [{"id": s.id, "label": s.label} for s in stories],
                             [{"event": e.kind, **e.to_json()} for e in events])
        save_index(store, index)
    return touched


def infer_dates(store: Store, story_ids: Iterable[str], new_ids: set[str],
                doc_of: Callable[[str], Doc]) -> dict[str, tuple[datetime, float]]:
    """Infer the publication dates of undated articles in the stories a batch touched; returns what was inferred.

    The story's dated articles (the most recent ``CONTEXT_ARTICLES``, dated or dated by inference) are the
    evidence: inference compares every pair of dates across the articles it sees, so it sees a bounded number.
    """
    inferred_all = {}
    for story_id in story_ids:
        articles = store.articles(ids=store.story_article_ids(story_id))
        undated = [a for a in articles if a.published is None]
        if not any(a.id in new_ids for a in undated):
            continue
        # New articles first, then earlier ones that could not be dated before this batch brought evidence.
        undated = sorted(undated, key=lambda a: a.id not in new_ids)[:CONTEXT_ARTICLES]
        dated = sorted((a for a in articles if a.published is not None), key=lambda a: a.published)
        context = dated[-CONTEXT_ARTICLES:]
        inferred = pubdate.infer_published([(a, doc_of(a.id)) for a in undated + context])
        for article in undated:
            if article.id not in inferred:
                continue
            article.published, confidence = inferred[article.id]
            article.published_inferred = True
            with store.transaction():
                store.set_published(article.id, article.published, confidence)
                store.replace_spans(article.id, "time", [
                    (t.span.start, t.span.end, t.span.label, t.to_json()) for t in timex.extract(article, doc_of(article.id))])
            inferred_all[article.id] = inferred[article.id]
    return inferred_all
