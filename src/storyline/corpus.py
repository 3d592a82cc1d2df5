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
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from storyline.parse import nlp
from storyline.model import Article, Attribution, Entity, Mention, TimeExpression
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.pipeline import Pipeline


class Corpus:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.doc = lru_cache(maxsize=512)(self._load_doc)
        self._pipeline: Pipeline | None = None

    @classmethod
    def open(cls, path: str | Path) -> "Corpus":
        return cls(Store(path))

    def close(self) -> None:
        self.store.close()

    def _load_doc(self, article_id: str) -> Doc:
        return nlp.from_bytes(self.store.parse_bytes(article_id))

    # ingestion

    @property
    def pipeline(self) -> Pipeline:
        """One pipeline for the life of the Corpus, so that its story index is loaded once, not per call."""
        from storyline.pipeline import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline(self.store)
        return self._pipeline

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               on_article: Callable[[Any], None] | None = None):
        return self.pipeline.ingest(sources, fetch=fetch, allow_private=allow_private, on_article=on_article)

    def add(self, articles: list[Article]):
        """Store articles already in memory (from an HTTP request, say) through the same pipeline."""
        return self.pipeline.add(articles)

    # articles

    def article(self, id_or_prefix: str) -> Article:
        return self.store.article(id_or_prefix)

    def articles(self, **filters: Any) -> list[Article]:
        return self.store.articles(**filters)

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        return self.store.search(query, limit)

    def mentions(self, article_ids: list[str]) -> dict[str, list[Mention]]:
        return self.store.records("mention", Mention, article_ids)

    def attributions(self, article_ids: list[str]) -> dict[str, list[Attribution]]:
        return self.store.records("quote", Attribution, article_ids)

    def time_expressions(self, article_ids: list[str]) -> dict[str, list[TimeExpression]]:
        return self.store.records("time", TimeExpression, article_ids)

    # stories

    def stories(self) -> list[dict[str, Any]]:
        return self.store.stories()

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of(article_id)

    def count_articles(self) -> int:
        return self.store.count_articles()

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
        from storyline.compare import entities

        articles = self._scope(story_id, article_id)
        mentions = self.mentions([a.id for a in articles])
        return entities.resolve((a, mentions[a.id]) for a in articles)

    def _speakers(self, articles: list[Article]) -> tuple[dict[str, Entity], dict[str, str]]:
        """Entities of these articles by id, and the map from article-local mention clusters to them."""
        from storyline.compare import entities

        mentions = self.mentions([a.id for a in articles])
        found = entities.resolve((a, mentions[a.id]) for a in articles)
        entity_of_span = {(span.article_id, span.start, span.end): entity.id for entity in found for span in entity.mentions}
        local_to_entity = {}
        for article_mentions in mentions.values():
            for mention in article_mentions:
                key = (mention.span.article_id, mention.span.start, mention.span.end)
                if mention.entity_id and key in entity_of_span:
                    local_to_entity[mention.entity_id] = entity_of_span[key]
        return {entity.id: entity for entity in found}, local_to_entity

    def quotes(self, story_id: str | None = None, article_id: str | None = None,
               speaker: str | None = None) -> list[dict[str, Any]]:
        """Who said what: quote groups across the articles in scope, each wording with the outlets carrying it."""
        from storyline.text import names
        from storyline.compare.quotes import match

        articles = self._scope(story_id, article_id)
        by_id = {a.id: a for a in articles}
        entities, local_to_entity = self._speakers(articles)
        attributions = self.attributions(list(by_id))
        groups = match(((by_id[aid], q) for aid, found in attributions.items() for q in found),
                       lambda local: local_to_entity.get(local, local))

        def cite(article_id: str, span) -> dict[str, Any] | None:
            if span is None:
                return None
            article = by_id[article_id]
            return {"article": article_id, "source": article.outlet, "start": span.start, "end": span.end,
                    "text": span.text(article)}

        result = []
        for group in groups:
            speakers = [entities[s].name if s in entities else None for s in group.speakers]
            named = next((name for name in speakers if name), None)
            # A source no entity stands for ("security sources", "the army") still says who said it.
            written = [" ".join(a.source.text(by_id[aid]).split()) for aid, a in group.members if a.source]
            attributed_to = named or next(iter(written), "unattributed")
            if speaker and not any(names.fold(speaker) in names.fold(name)
                                   for name in {attributed_to, *filter(None, speakers)}):
                continue
            result.append({
                "speaker": named,
                "attributed_to": attributed_to,
                "speakers": speakers,
                "speaker_conflict": group.speaker_conflict,
                "direct": any(a.direct for _, a in group.members),
                "outlets": group.outlets,
                # ``as_written``: the first outlet's span, its own quotation marks kept (reported speech has none).
                "wordings": [{"text": w.text, "as_written": written_form(by_id, *w.members[0]), "sources": w.outlets,
                              "spans": [{**cite(aid, a.content), "cue": cite(aid, a.cue), "said_by": cite(aid, a.source)}
                                        for aid, a in w.members]} for w in group.wordings],
                "diff": [[{"op": c.op, "main": c.main, "other": c.other} for c in changes] for changes in group.diffs],
            })
        return result

    def _timeline_entries(self, story_id: str) -> tuple[list, list[Article]]:
        from storyline.compare.timeline import timeline

        articles = self.story_articles(story_id)
        times = self.time_expressions([a.id for a in articles])
        return timeline([(a, self.doc(a.id), times[a.id]) for a in articles]), articles

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """Dated statements of a story in time order, each with the sentence spans and outlets stating it."""
        entries, articles = self._timeline_entries(story_id)
        by_id = {a.id: a for a in articles}
        result = []
        for entry in entries:
            data = entry.to_json(by_id)
            data["statements"] = [{**s, "source": by_id[s["article"]].outlet,
                                   "text": by_id[s["article"]].text[s["start"]:s["end"]]} for s in data["statements"]]
            result.append(data)
        return result

    def timeline_svg(self, story_id: str) -> str:
        from storyline.compare.timeline import render_svg

        entries, articles = self._timeline_entries(story_id)
        return render_svg(entries, articles)

    def brief(self, story_id: str) -> dict[str, Any]:
        """The sourced brief of a story (schema storyline.brief/1, see docs/brief-schema.md)."""
        from storyline.brief.build import StoryMaterial, build

        articles = self.story_articles(story_id)
        story = next((s for s in self.stories() if s["id"] == story_id), {"label": story_id})
        quote_groups = self.quotes(story_id=story_id)
        speakers_by_article: dict[str, list[str]] = {}
        for group in quote_groups:
            for wording in group["wordings"]:
                for span in wording["spans"]:
                    speakers_by_article.setdefault(span["article"], []).append(group["speaker"])
        return build(StoryMaterial(
            story_id=story_id, label=story["label"], articles=articles, docs={a.id: self.doc(a.id) for a in articles},
            entities=sorted((self.entity_summary(e) for e in self.entities(story_id=story_id)), key=prominence),
            quotes=quote_groups, timeline=self.timeline(story_id),
            times=self.time_expressions([a.id for a in articles]), speakers_by_article=speakers_by_article))

    @staticmethod
    def entity_summary(entity: Entity) -> dict[str, Any]:
        return {"id": entity.id, "name": entity.name, "type": entity.type, "variants": entity.variants,
                "roles": entity.roles, "mentions": len(entity.mentions),
                "articles": len({span.article_id for span in entity.mentions})}


def prominence(entity: dict[str, Any]) -> tuple:
    """Who is involved, before where: people and organisations first, each group by how many articles and
    mentions name them."""
    return entity["type"] not in ("PERSON", "ORG"), -entity["articles"], -entity["mentions"], entity["name"]


def written_form(articles: dict[str, Article], article_id: str, attribution: Attribution) -> str:
    """A quote's content as its article writes it, on one line."""
    return " ".join(attribution.content.text(articles[article_id]).split())
