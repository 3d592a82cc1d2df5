"""The library's front door: a store plus every stage's view of it, one method per question.

``Corpus(store).entities(story_id)``, ``.quotes(...)``, ``.timeline(...)``, ``.brief(...)``: the CLI, the HTTP
API and the web pages are thin layers over these calls. Parses come from the store (never re-parsed) and are
cached for the life of the Corpus.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from storyline import nlp
from storyline.model import Article, Attribution, Mention, TimeExpression
from storyline.store import Store


class Corpus:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.doc = lru_cache(maxsize=256)(self._load_doc)

    def _load_doc(self, article_id: str) -> Doc:
        return nlp.from_bytes(self.store.parse_bytes(article_id))

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        return self.store.articles(ids=ids)

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
