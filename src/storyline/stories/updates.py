"""Keeping the store's stories in step with the online story index, and dating what the stories can date.

After each batch is stored, its articles are assigned to stories one by one (the index never re-clusters the
store). What the batch changed is written in one transaction, and only that: each new article's story features
(the index's input), the memberships that changed, the labels and history of the stories it touched, and the
bookkeeping of the stories it was compared with, so a batch costs the same in a store of any size. Loading
replays the history over the stored features (see :meth:`StoryIndex.replayed`) into the index that was kept in
memory. Then each new undated article gets its publication date inferred from its own text and its story's dated
articles, and its time expressions re-valued against the inferred date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime

from spacy.tokens import Doc

from storyline.stories import pubdate
from storyline.extract import timex
from storyline.parse.embed import embed
from storyline.model import Article, TimeExpression
from storyline.stories.index import Assignment, StoryIndex
from storyline.stories.features import StoryFeatures, features, lead_text
from storyline.stories.persistence import CONFIG_KEY, EARLIER_INDEX_KEY, features_to_row
from storyline.store import Store

CONTEXT_ARTICLES = 12


def story_features(batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> list[StoryFeatures]:
    """What the story index needs of each article: its parse, its time expressions and its lead, embedded in one
    call for the batch."""
    vectors = embed([lead_text(article, doc) for article, doc, _ in batch])
    return [features(article, doc, vector, [t.value for t in times])
            for (article, doc, times), vector in zip(batch, vectors)]


def clear_index(store: Store) -> None:
    """Forget every story and the index's state, to assign the stored articles again."""
    with store.transaction():
        store.clear_stories()
        store.delete_state(CONFIG_KEY)
        store.delete_state(EARLIER_INDEX_KEY)


def save_assignments(store: Store, index: StoryIndex, assigned: list[tuple[StoryFeatures, Assignment]]) -> set[str]:
    """Write what the latest assignments changed (``assigned`` in the order they were made, the last ones the
    index made); returns the ids of the stories they touched."""
    events = [event for _, assignment in assigned for event in assignment.events]
    # A split moves articles into the stories named in ``others``: their memberships change too.
    touched = {index.story(story_id).id for event in events
               for story_id in (event.story, *(event.others if event.kind == "split" else ()))}
    stories = [index.story(story_id) for story_id in touched]
    memberships = {article_id: story.id for story in stories for article_id in story.article_ids}
    compared = touched.union(*(assignment.candidates for _, assignment in assigned))
    first_row = len(index) - len(assigned)
    with store.transaction():
        if first_row == 0:
            store.put_state(CONFIG_KEY, asdict(index.config))
        store.add_index_members((first_row + number, item.article_id, *features_to_row(item))
                                for number, (item, _) in enumerate(assigned))
        store.assign_stories(memberships, [{"id": s.id, "label": s.label} for s in stories],
                             [{"event": e.kind, **e.to_json()} for e in events],
                             [other for event in events if event.kind == "merged" for other in event.others])
        store.put_index_stories({story_id: kept for story_id in compared
                                 if (kept := index.bookkeeping(story_id)) is not None})
    return touched


def assign(store: Store, index: StoryIndex, batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> set[str]:
    """Assign a stored batch to stories; returns the ids of the stories it touched."""
    if not batch:
        return set()
    items = story_features(batch)
    return save_assignments(store, index, [(item, index.assign(item)) for item in items])


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
