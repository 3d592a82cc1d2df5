"""The library's front door: a store plus every stage's view of it, one method per question.

    corpus = Corpus.open("storyline.db")
    corpus.ingest(["examples/"])
    corpus.stories()                 # every story, largest first
    corpus.entities(story_id=...)    # who is involved, every variant merged
    corpus.quotes(story_id=...)      # who said what, in which wording, carried by which outlets
    corpus.timeline(story_id)        # dated statements in order
    corpus.brief(story_id)           # the sourced brief (schema storyline.brief/1)

The CLI, the HTTP API and the web pages are thin layers over these calls. Parses come from the store (never
re-parsed) and are cached for the life of the Corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline import nlp
from storyline.model import Article, Attribution, Entity, Mention, TimeExpression
from storyline.store import Store


class Corpus:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.doc = lru_cache(maxsize=512)(self._load_doc)

    @classmethod
    def open(cls, path: str | Path) -> "Corpus":
        return cls(Store(path))

    def close(self) -> None:
        self.store.close()

    def _load_doc(self, article_id: str) -> Doc:
        return nlp.from_bytes(self.store.parse_bytes(article_id))

    # ingestion

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               on_article: Callable[[Any], None] | None = None):
        from storyline.pipeline import Pipeline

        return Pipeline(self.store).ingest(sources, fetch=fetch, allow_private=allow_private, on_article=on_article)

    def add(self, articles: list[Article]):
        """Store articles already in memory (from an HTTP request, say) through the same pipeline."""
        from storyline.pipeline import IngestReport, Pipeline

        report = IngestReport()
        fresh = []
        for article in articles:
            report.read += 1
            if self.store.has_article(article.id) or article.id in {a.id for a in fresh}:
                report.duplicates += 1
            else:
                fresh.append(article)
        Pipeline(self.store).add(fresh, report)
        return report

    # articles

    def article(self, id_or_prefix: str) -> Article:
        return self.store.article(id_or_prefix)

    def articles(self, **filters: Any) -> list[Article]:
        return self.store.articles(**filters)

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        return self.store.search(query, limit)

    def mentions(self, article_ids: list[str]) -> dict[str, list[Mention]]:
        return self._records("mention", Mention, article_ids)

    def attributions(self, article_ids: list[str]) -> dict[str, list[Attribution]]:
        return self._records("quote", Attribution, article_ids)

    def time_expressions(self, article_ids: list[str]) -> dict[str, list[TimeExpression]]:
        return self._records("time", TimeExpression, article_ids)

    def _records(self, kind: str, record_type: type, article_ids: list[str]) -> dict[str, list]:
        found: dict[str, list] = {article_id: [] for article_id in article_ids}
        for row in self.store.spans(kind, article_ids):
            found[row.article_id].append(record_type.from_json(row.data))
        return found

    # stories

    def stories(self) -> list[dict[str, Any]]:
        return self.store.stories()

    def story_articles(self, story_id: str) -> list[Article]:
        return self.store.articles(ids=self.store.story_article_ids(story_id))

    def _scope(self, story_id: str | None, article_id: str | None) -> list[Article]:
        if story_id is not None:
            return self.story_articles(story_id)
        if article_id is not None:
            return [self.article(article_id)]
        return self.store.articles()

    # what the stages found, per article, story or store

    def entities(self, story_id: str | None = None, article_id: str | None = None) -> list[Entity]:
        from storyline import entities

        articles = self._scope(story_id, article_id)
        mentions = self.mentions([a.id for a in articles])
        return entities.resolve((a, mentions[a.id]) for a in articles)
