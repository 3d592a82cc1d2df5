"""What assigning a batch of stored articles to stories changes, for the store to write.

After each batch is stored, its articles are assigned to stories one by one (the index never re-clusters the
store). What the batch changed is a :class:`StoryUpdate`, and only that: each new article's story features (the
index's input), the memberships that changed, the labels and history of the stories it touched, and the
bookkeeping of the stories it was compared with, so a batch costs the same in a store of any size. The pipeline
writes it in one transaction; loading replays the history over the stored features (see
:mod:`storyline.stories.persistence`) into the index that was kept in memory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc

from storyline.model import Article, TimeExpression
from storyline.parse.embed import embed
from storyline.stories.features import StoryFeatures, features, lead_text
from storyline.stories.index import Assignment, StoryIndex
from storyline.stories.persistence import features_to_row


@dataclass(frozen=True)
class StoryUpdate:
    """What a batch of assignments changed, in the form the store keeps it."""

    config: dict[str, Any] | None  # the index's config, when the batch is the first the index takes in
    members: list[tuple[int, str, str, bytes]]  # the index's new rows: row, article id, features JSON, vector
    memberships: dict[str, str]  # article id -> story id, for every article the batch may have moved
    labels: dict[str, str]  # story id -> label, for every story the batch touched
    history: list[dict[str, Any]]  # the events of the batch's assignments, as stored
    merged_away: list[str]  # stories that merged into others
    bookkeeping: dict[str, tuple[int, int | None]]  # of every story compared that still exists
    # Of the stories touched, those that only took in new articles (neither created, merged nor split by the
    # batch), with those articles: their summaries are brought up to date from these articles alone.
    grown: dict[str, list[str]] = field(default_factory=dict)

    @property
    def touched(self) -> list[str]:
        """The stories the batch touched: those it created, joined, merged or split."""
        return list(self.labels)


def story_features(batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> list[StoryFeatures]:
    """What the story index needs of each article: its parse, its time expressions and its lead, embedded in one
    call for the batch."""
    vectors = embed([lead_text(article, doc) for article, doc, _ in batch])
    return [features(article, doc, vector, [t.value for t in times])
            for (article, doc, times), vector in zip(batch, vectors)]


def update_of(index: StoryIndex, assigned: list[tuple[StoryFeatures, Assignment]]) -> StoryUpdate:
    """What the latest assignments changed (``assigned`` in the order they were made, the last ones the index
    made)."""
    events = [event for _, assignment in assigned for event in assignment.events]
    # A split moves articles into the stories named in ``others``: their memberships change too.
    touched = {index.story(story_id).id for event in events
               for story_id in (event.story, *(event.others if event.kind == "split" else ()))}
    stories = [index.story(story_id) for story_id in touched]
    # Only what can have moved: the batch's articles, those a split moved, and the stories merged into others
    # (kept whole: a merge names the story absorbed, not its articles). Every article of every story touched
    # would grow with the stories, and most of them stay where they were.
    moved = {article_id for event in events if event.kind != "merged" for article_id in event.articles}
    moved.update(*(index.story(event.story).article_ids for event in events if event.kind == "merged"))
    compared = touched.union(*(assignment.candidates for _, assignment in assigned))
    reshaped = {story_id for event in events if event.kind != "joined" for story_id in (event.story, *event.others)}
    grown: dict[str, list[str]] = {}
    for event in events:
        if event.kind == "joined" and event.story not in reshaped:
            grown.setdefault(event.story, []).extend(event.articles)
    first_row = len(index) - len(assigned)
    return StoryUpdate(
        config=asdict(index.config) if first_row == 0 else None,
        members=[(first_row + number, item.article_id, *features_to_row(item))
                 for number, (item, _) in enumerate(assigned)],
        memberships={article_id: index.story_of(article_id) for article_id in sorted(moved)},
        labels={story.id: story.label for story in stories},
        history=[{"event": e.kind, **e.to_json()} for e in events],
        merged_away=[other for event in events if event.kind == "merged" for other in event.others],
        bookkeeping={story_id: kept for story_id in compared if (kept := index.bookkeeping(story_id)) is not None},
        grown=grown,
    )


def assign(index: StoryIndex, batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> StoryUpdate:
    """Assign a stored batch to stories, in order; returns what changed."""
    items = story_features(batch)
    return update_of(index, [(item, index.assign(item)) for item in items])
