"""The one pipeline: read → deduplicate → parse once (batched) → per-article stages → store, batch by batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from storyline import nlp
from storyline.ingest import IngestError, read
from storyline.model import Article, Mention
from storyline.store import Store

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def named_mentions(article: Article, doc: Doc) -> list[Mention]:
    return [Mention(article.span(ent.start_char, ent.end_char, ent.label_)) for ent in doc.ents
            if ent.label_ in NAME_TYPES]


# Each per-article stage: the kind its spans are stored under, and a function of the article and its one parse.
ArticleStage = Callable[[Article, Doc], list[Any]]
STAGES: list[tuple[str, ArticleStage]] = [("mention", named_mentions)]


def span_row(record: Any) -> tuple[int, int, str, dict[str, Any]]:
    """The stored row of an extracted record: its main span's offsets and label, and the record as JSON."""
    span = getattr(record, "span", None) or record.content
    return span.start, span.end, span.label, record.to_json()


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    revisions: int = 0
    errors: list[IngestError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

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

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               on_article: Callable[[Article | IngestError], None] | None = None) -> IngestReport:
        """Ingest files, directories and URLs; bad inputs are reported and skipped, the rest is stored."""
        report = IngestReport()
        items = read(sources, fetch=fetch, allow_private=allow_private)
        for batch in batched(items, self.batch_size):
            fresh: list[Article] = []
            seen: set[str] = set()
            for item in batch:
                if on_article:
                    on_article(item)
                if isinstance(item, IngestError):
                    report.errors.append(item)
                    continue
                report.read += 1
                if item.id in seen or self.store.has_article(item.id):
                    report.duplicates += 1
                    continue
                seen.add(item.id)
                fresh.append(item)
            self.add(fresh, report)
        return report

    def add(self, articles: list[Article], report: IngestReport) -> None:
        """Parse a batch once, run the per-article stages, and store each article whole."""
        model = nlp.load().meta["name"] + "-" + nlp.load().meta["version"]
        for article, doc in zip(articles, nlp.parse([a.text for a in articles], self.batch_size)):
            with self.store.transaction():
                self.store.add_article(article, nlp.to_bytes(doc), model)
                for kind, stage in STAGES:
                    self.store.add_spans(article.id, kind, [span_row(record) for record in stage(article, doc)])
            report.stored += 1
            report.revisions += article.revision_of is not None
            report.stored_ids.append(article.id)

    def doc(self, article_id: str) -> Doc:
        """The stored parse of an article: later stages read it instead of parsing again."""
        return nlp.from_bytes(self.store.parse_bytes(article_id))
