"""The one pipeline: read → deduplicate → parse once (batched) → per-article stages → store → stories and
publication dates, batch by batch.

The stages compute and return; the store writes what they return; this module alone opens the transactions, one
around each write: an article with what the per-article stages found in it, a batch's story update, the dates the
batch let infer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from storyline.extract import analyse
from storyline.ingest import IngestError, read
from storyline.model import Article, TimeExpression
from storyline.parse import nlp
from storyline.stories import persistence, pubdate, updates
from storyline.stories.index import StoryIndex
from storyline.store import Store


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    revisions: int = 0
    errors: list[IngestError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)
    # Every article read, stored now or before: what a caller asked about.
    read_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} read, {self.stored} stored ({self.revisions} revisions), "
                f"{self.duplicates} duplicates skipped, {len(self.errors)} errors")


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Pipeline:
    def __init__(self, store: Store, batch_size: int = nlp.BATCH_SIZE) -> None:
        self.store = store
        self.batch_size = batch_size
        self._index: StoryIndex | None = None

    @property
    def index(self) -> StoryIndex:
        """The story index, kept in memory between batches; loaded again when another process assigned articles
        since (a server and a command line ingesting into one store)."""
        if self._index is None or len(self._index) != self.store.index_size():
            self._index = persistence.load_index(self.store)
        return self._index

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               on_article: Callable[[Article | IngestError], None] | None = None) -> IngestReport:
        """Ingest files, directories and URLs; bad inputs are reported and skipped, the rest is stored."""
        return self.add(read(sources, fetch=fetch, allow_private=allow_private), on_article)

    def add(self, items: Iterable[Article | IngestError],
            on_article: Callable[[Article | IngestError], None] | None = None) -> IngestReport:
        """Store a stream of articles batch by batch, skipping those already stored and counting the errors."""
        self.index  # loaded first: a store whose story index cannot be loaded takes no articles
        report = IngestReport()
        for batch in batched(items, self.batch_size):
            fresh: dict[str, Article] = {}
            for item in batch:
                if on_article:
                    on_article(item)
                if isinstance(item, IngestError):
                    report.errors.append(item)
                    continue
                report.read += 1
                report.read_ids.append(item.id)
                if item.id in fresh or self.store.has_article(item.id):
                    report.duplicates += 1
                else:
                    fresh[item.id] = item
            self._store_batch(list(fresh.values()), report)
        return report

    def _store_batch(self, articles: list[Article], report: IngestReport) -> None:
        """Parse a batch once, run the per-article stages, store each article whole, then assign stories."""
        model = nlp.load().meta["name"] + "-" + nlp.load().meta["version"]
        docs: dict[str, Doc] = {}
        stored = []
        for article, doc in zip(articles, nlp.parse([a.text for a in articles], self.batch_size)):
            try:
                found = analyse(article, doc)
            except Exception as error:  # a stage's bug on one text must not cost the rest of the batch
                report.errors.append(IngestError(article.origin or article.id,
                                                 f"could not be analysed ({type(error).__name__}: {error})"))
                continue
            with self.store.transaction():
                self.store.add_article(article, nlp.to_bytes(doc), model)
                for kind, records in found.items():
                    self.store.add_spans(article.id, kind, records)
            docs[article.id] = doc
            stored.append((article, doc, found["time"]))
            report.stored += 1
            report.revisions += article.revision_of is not None
            report.stored_ids.append(article.id)
        touched = self._assign_stories(stored)
        self._date_undated(touched, set(docs), lambda article_id: docs.get(article_id) or self.doc(article_id))

    def _assign_stories(self, batch: list[tuple[Article, Doc, list[TimeExpression]]]) -> list[str]:
        """Assign a stored batch to stories and store what changed; returns the stories it touched."""
        if not batch:
            return []
        try:
            update = updates.assign(self.index, batch)
            with self.store.transaction():
                self.store.save_story_update(update)
        except BaseException:
            self._index = None  # it may hold part of the batch, the store holds none of it: load it again
            raise
        return update.touched

    def _date_undated(self, story_ids: list[str], new_ids: set[str], doc_of: Callable[[str], Doc]) -> None:
        """Store the publication dates the new articles let infer in their stories, with the time expressions
        valued against them."""
        stories = [self.store.articles(ids=self.store.story_article_ids(story_id)) for story_id in story_ids]
        redated = pubdate.date_undated(stories, new_ids, doc_of)
        if not redated:
            return
        with self.store.transaction():
            for item in redated:
                self.store.set_published(item.article.id, item.article.published, item.article.published_confidence)
                self.store.replace_spans(item.article.id, "time", item.times)

    def recluster(self) -> int:
        """Forget every story and assign all stored articles again, oldest first; returns the number of stories."""
        with self.store.transaction():
            self.store.clear_stories()
        self._index = StoryIndex()
        for batch in batched(self.store.articles(), self.batch_size):
            ids = [a.id for a in batch]
            times = self.store.records("time", TimeExpression, ids)
            self._assign_stories([(a, self.doc(a.id), times[a.id]) for a in batch])
        return len(self.store.stories())

    def doc(self, article_id: str) -> Doc:
        """The stored parse of an article: later stages read it instead of parsing again."""
        return nlp.from_bytes(self.store.parse_bytes(article_id))
