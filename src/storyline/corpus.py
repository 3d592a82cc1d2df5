"""The library's front door: a store plus every stage's view of it, one method per question.

    corpus = Corpus.open("storyline.db")
    corpus.ingest(["examples/"])
    corpus.stories()                 # every story, largest first
    corpus.story(story_id)           # one story: its articles and how it formed
    corpus.article_view(article_id)  # one article with what the stages found in it
    corpus.entities(story_id=...)    # who is involved, every variant merged
    corpus.quotes(story_id=...)      # who said what, in which wording, carried by which outlets
    corpus.timeline(story_id)        # dated statements in order
    corpus.brief(story_id)           # the sourced brief (schema storyline.brief/1); full=True shows every item
    corpus.add_feeds(urls); corpus.watcher().run()   # poll feeds, ingest what is new (storyline watch)
    corpus.add_watch("name", "Khamenei")             # alerts on what new articles change in stories

The CLI, the HTTP API and the web pages are thin layers over these calls; :mod:`storyline.serialize` gives the
JSON forms they share. The stages run through :mod:`storyline.compare.story` and the pipeline, and spaCy loads
parses; each is imported when first needed, so that commands which only list stay quick to start. Parses come
from the store (never re-parsed) and are cached for the life of the Corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from storyline import serialize
from storyline.model import Article, Attribution, Entity, Mention, TimeExpression
from storyline.store import Store, StoreBusy, StoreError, open_store

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.compare.story import StoryMaterial
    from storyline.ingest.fetch import Fetcher
    from storyline.pipeline import IngestReport, Pipeline
    from storyline.store.feeds import FeedState
    from storyline.watch.watcher import Watcher


def literal(query: str) -> str:
    """A search box's words as a full-text query that matches them as typed ("port-fire", an odd quote)."""
    return " ".join(phrase(word) for word in query.split())


def phrase(words: str) -> str:
    """Words as one full-text phrase, whatever they hold."""
    return '"' + words.replace('"', '""') + '"'



def key_people(brief: dict[str, Any]) -> list[str]:
    """The people a story list names under a story's headline, once its brief is built: the brief's most
    prominent."""
    from storyline.stories.summary import KEY_PEOPLE

    return [entity["name"] for entity in brief["entities"] if entity["type"] == "PERSON"][:KEY_PEOPLE]


def load_article_views() -> None:
    """Load now what the first article view would (the comparison stages' modules and the city gazetteer: 1.3 CPU
    s in a fresh process, 8 s of wall time on a loaded machine): a server does so at start-up, so that no request
    waits for it."""
    from storyline.compare import story  # noqa: F401 - imported for its import cost, paid here
    from storyline.text import gazetteer

    gazetteer.load()


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story: ``summary`` as :meth:`Corpus.stories` lists it, its current articles, and the history of how it
    formed (created, joined, merged, split)."""

    summary: dict[str, Any]
    articles: list[Article]
    history: list[dict[str, Any]]


@dataclass(frozen=True)
class ArticleView:
    """One article with what the per-article stages found in it. Its names resolved to entities, its quotes to
    speakers and its quote groups are worked out on first use (from the records here, without the store)."""

    article: Article
    story: str | None
    # Ids of every stored version of the article's URL, oldest first.
    revisions: list[str]
    mentions: list[Mention]
    attributions: list[Attribution]
    times: list[TimeExpression]

    @cached_property
    def entities(self) -> list[Entity]:
        from storyline.compare.story import resolve_entities

        return resolve_entities([self.article], {self.article.id: self.mentions})

    @cached_property
    def names(self) -> list[tuple[Mention, Entity | None]]:
        """Each mention with the entity it resolves to (None for a role noun no name stands beside)."""
        from storyline.compare.story import entity_at

        at = entity_at(self.entities)
        return [(mention, at.get((mention.span.article_id, mention.span.start, mention.span.end)))
                for mention in self.mentions]

    @cached_property
    def speech(self) -> list[tuple[Attribution, str | None]]:
        """Each attribution with who said it: its speaker's entity's name, else its source as written, else None."""
        speaker_of = self._speakers
        return [(attribution, speaker_of[attribution.speaker].name if attribution.speaker in speaker_of
                 else attribution.source.text(self.article) if attribution.source else None)
                for attribution in self.attributions]

    @cached_property
    def quotes(self) -> list[dict[str, Any]]:
        """The article's quote groups, as :meth:`Corpus.quotes` gives them."""
        from storyline.compare.story import match_quotes

        groups = match_quotes([self.article], {self.article.id: self.attributions}, self._speakers)
        return serialize.quote_groups(groups, self.entities, {self.article.id: self.article})

    @cached_property
    def _speakers(self) -> dict[str, Entity]:
        from storyline.compare.story import speakers

        return speakers(self.entities, {self.article.id: self.mentions})


class Corpus:
    def __init__(self, store: Store, batch_size: int | None = None) -> None:
        self.store = store
        self.batch_size = batch_size
        self.doc: Callable[[str], Doc] = lru_cache(maxsize=512)(self._load_doc)
        self._pipeline: Pipeline | None = None

    @classmethod
    def open(cls, path: str | Path, batch_size: int | None = None) -> "Corpus":
        """The corpus stored at ``path``, a SQLite file, or a PostgreSQL URL (``postgresql://…``) (created when
        missing); StoreError when it is no Storyline database.
        ``batch_size``: how many articles are parsed and stored together (the pipeline's default if None)."""
        return cls(open_store(path), batch_size)

    def close(self) -> None:
        self.store.close()

    def _load_doc(self, article_id: str) -> Doc:
        from storyline.parse import nlp

        return nlp.from_bytes(self.store.parse_bytes(article_id))

    # ingestion

    @property
    def pipeline(self) -> Pipeline:
        """One pipeline for the life of the Corpus, so that its story index is loaded once, not per call."""
        from storyline.pipeline import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline(self.store, **({"batch_size": self.batch_size} if self.batch_size else {}))
        return self._pipeline

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               follow_symlinks: bool = False, on_article: Callable[[Any], None] | None = None,
               workers: int = 1, cluster: str | None = None) -> IngestReport:
        """Read files, folders and URLs, store each new article with what its stages found, assign stories.
        ``follow_symlinks``: read what symbolic links inside a folder point at outside it. ``workers``: processes
        parsing and analysing at once (a local Dask cluster when more than one and the input is not small);
        ``cluster``: the address of a running Dask scheduler (tcp://HOST:8786) whose workers do instead."""
        return self.pipeline.ingest(sources, fetch=fetch, allow_private=allow_private,
                                    follow_symlinks=follow_symlinks, on_article=on_article, workers=workers,
                                    cluster=cluster)

    def add(self, articles: list[Article]) -> IngestReport:
        """Store articles already in memory (from an HTTP request, say) through the same pipeline."""
        return self.pipeline.add(articles)

    def recluster(self) -> int:
        """Forget every story and assign all stored articles again, oldest first; returns the number of stories."""
        return self.pipeline.recluster()

    # watching feeds (storyline.watch) and alerts (storyline.alerts)

    def add_feeds(self, urls: Iterable[str]) -> list[str]:
        """Start watching feeds and pages (http or https URLs); returns those not watched before."""
        from storyline import clock

        added = []
        with self.store.writing():
            for url in urls:
                if not url.startswith(("http://", "https://")):
                    raise ValueError(f"not an http or https URL: {url!r}")
                if self.store.add_feed(url, clock.stamp()):
                    added.append(url)
        return added

    def feeds(self) -> list[FeedState]:
        """Every watched feed with its state: validators, last poll and success, failures, next poll, articles."""
        return self.store.feeds()

    def remove_feed(self, url: str) -> bool:
        with self.store.writing():
            return self.store.remove_feed(url)

    def watcher(self, urls: list[str] | None = None, **options: Any) -> Watcher:
        """A watcher polling ``urls`` (every watched feed when None) into this corpus; options as
        :class:`storyline.watch.watcher.Watcher` takes them. Run it with ``.run()``, stop it with ``.stop()``."""
        from storyline.watch.watcher import Watcher

        return Watcher(self, urls, **options)

    def add_job(self, job_id: str, job: dict[str, Any]) -> None:
        """Record an Add articles job (:mod:`storyline.web.adding`) as it starts."""
        with self.store.writing():
            self.store.add_job(job_id, job)

    def save_job(self, job_id: str, job: dict[str, Any], finished: bool) -> None:
        """Record a job's progress: every server on the store shows it, after a restart too."""
        with self.store.writing():
            self.store.save_job(job_id, job, finished)

    def job(self, job_id: str) -> tuple[dict[str, Any], bool, str] | None:
        """A job as last recorded, whether it had finished, and when; None for one the store does not have."""
        return self.store.job(job_id)

    def add_watch(self, kind: str, value: str, *, jsonl: Iterable[str] = (), webhooks: Iterable[str] = (),
                  secret: str | None = None) -> dict[str, Any]:
        """Save a watch on a ``name`` (an entity, every variant), a ``query`` (FTS5 syntax) or a ``story`` (by
        id; followed through merges); its alerts go to the JSON Lines files (``-``: the watcher's standard
        output) and webhooks given. Returns it with its webhook secret, which no listing shows again.

        Raises ValueError for a bad kind, query or target, KeyError for an unknown story."""
        from storyline import clock
        from storyline.alerts import watches

        if kind not in watches.KINDS:
            raise ValueError(f"a watch is on one of: {', '.join(watches.KINDS)}")
        value = value.strip()
        if not value:
            raise ValueError("a watch needs a name, a query or a story")
        anchor = None
        if kind == "story":
            anchor = self.store.story_article_ids(value)[0]
        elif kind == "query":
            try:
                self.store.search(value, 1)
            except StoreError as error:
                raise ValueError(str(error)) from None
        targets = watches.targets(jsonl, webhooks, secret)
        with self.store.writing():
            watch_id = self.store.add_watch(kind, value, targets, clock.stamp(), anchor)
        return next(watch for watch in self.store.watches() if watch["id"] == watch_id)

    def watches(self) -> list[dict[str, Any]]:
        """Every watch, with its targets (secrets left out), the story it follows and the alerts it fired."""
        from storyline.alerts.watches import public

        return [{**public(watch), "story": self.story_of(watch["anchor_article"]) if watch["anchor_article"]
                 else None} for watch in self.store.watches()]

    def remove_watch(self, watch_id: int) -> bool:
        """Forget a watch, with the alerts it fired."""
        with self.store.writing():
            return self.store.remove_watch(watch_id)

    def alerts(self, watch_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Alerts fired, newest first, each with its deliveries (target, status, attempts)."""
        from storyline.alerts.deliver import alert_json

        return [{**alert_json(alert), "deliveries": alert["deliveries"]}
                for alert in self.store.alerts(watch_id=watch_id, limit=limit)]

    def check_alerts(self) -> list[int]:
        """Fire the alerts the articles stored since the last check call for; returns their ids."""
        from storyline.alerts.check import Check

        return Check(self).run()

    def deliver_alerts(self, fetcher: Fetcher | None = None, output: TextIO | None = None) -> int:
        """Deliver the alerts due: webhooks through ``fetcher``, the standard-output target to ``output``; returns
        how many arrived. Deliveries this call has no way to make wait for one that has."""
        from storyline.alerts.deliver import Deliverer

        return Deliverer(self.store, fetcher, output).deliver_due()

    def changes(self) -> int:
        """A number that changes whenever the stories do, in any process (what a live page polls)."""
        return self.store.story_generation()

    # articles

    def article(self, id_or_prefix: str) -> Article:
        return self.store.article(id_or_prefix)

    def article_view(self, id_or_prefix: str) -> ArticleView:
        article = self.article(id_or_prefix)
        ids = [article.id]
        return ArticleView(article, self.story_of(article.id), self.store.revisions(article.id),
                           self._records("mention", Mention, ids)[article.id],
                           self._records("quote", Attribution, ids)[article.id],
                           self._records("time", TimeExpression, ids)[article.id])

    def articles(self, **filters: Any) -> list[Article]:
        """Articles in publication order; filters: ``source``, ``since``, ``until``, ``ids``; a page: ``limit``
        articles ``after`` an article id (the last of the page before)."""
        return self.store.articles(**filters)

    def search(self, query: str, limit: int = 20, *, lenient: bool = False) -> list[tuple[Article, str]]:
        """Full-text search (SQLite FTS5 syntax), best first, each with a snippet marking the hits in ``[…]``.

        A query that is not valid FTS5 raises StoreError, unless ``lenient``: then its words are searched for as
        typed ("port-fire", an odd quote), as a search box would.
        """
        try:
            return self.store.search(query, limit)
        except StoreError:
            if not lenient:
                raise
        return self.store.search(literal(query), limit)

    def count_articles(self) -> int:
        return self.store.count_articles()

    def _records(self, kind: str, record_type: type, article_ids: list[str]) -> dict[str, list]:
        return self.store.records(kind, record_type, article_ids)

    # stories

    def stories(self, limit: int | None = None, after: str | None = None, *, query: str | None = None,
                entity: str | None = None, lenient: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Stories with their headline, label, key people, time span, article count and outlets, largest first:
        all, or a page of ``limit`` stories after the story ``after`` (the last of the page before). Read from the
        summaries the store keeps, whatever the number of articles. ``order``: "largest" or "newest"; filters:
        ``since`` and ``until`` (publication), ``source`` (an outlet), ``entity`` (a person or organisation
        going by this name in some story, under any of its names there: accents, case and punctuation aside),
        ``query`` (full text, FTS5 syntax: a bad one raises StoreError, unless ``lenient``: then its
        words are searched for as typed)."""
        from storyline.text.names import fold

        if entity is not None:
            filters["entity"] = fold(entity)
        try:
            return self.store.stories(limit, after, query=query, **filters)
        except StoreError:
            if not lenient or query is None:
                raise
        return self.store.stories(limit, after, query=literal(query), **filters)

    def count_stories(self) -> int:
        return self.store.count_stories()

    def story(self, story_id: str) -> StoryView:
        return StoryView(self.store.story(story_id), self.story_articles(story_id),
                         self.store.story_history(story_id))

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of(article_id)

    def story_version(self, story_id: str) -> str:
        """What a story's brief depends on that can change (its label, articles and their publication dates), as
        one string: a brief built from a story stays right while its version is the same."""
        return self.store.story_version(story_id)

    def story_articles(self, story_id: str) -> list[Article]:
        return self.store.articles(ids=self.store.story_article_ids(story_id))

    def stories_of(self, targets: Iterable[str], *,
                   follow_symlinks: bool = False) -> tuple[list[str], IngestReport | None]:
        """The stories the targets name: story ids as given, then the stories of the articles in the other targets
        (files, folders, URLs), ingested first, with the report of that ingest (None when there was none).

        Raises KeyError naming the targets that are neither a story nor something to read.
        """
        targets = list(targets)
        known = {story["id"] for story in self.stories()}
        story_ids = [target for target in targets if target in known]
        paths = [target for target in targets if target not in known]
        if not paths:
            return story_ids, None
        missing = [path for path in paths if not Path(path).exists() and "://" not in path]
        if missing:
            raise KeyError(f"no story or file {', '.join(missing)}")
        report = self.ingest(paths, follow_symlinks=follow_symlinks)
        wanted = {self.story_of(article_id) for article_id in report.read_ids}
        story_ids += [story["id"] for story in self.stories() if story["id"] in wanted and story["id"] not in story_ids]
        return story_ids, report

    def _scope(self, story_id: str | None, article_id: str | None) -> list[Article]:
        if story_id is not None:
            return self.story_articles(story_id)
        if article_id is not None:
            return [self.article(article_id)]
        return self.store.articles()

    # what the story-level stages find, in a story, one article or the whole store

    def entities(self, story_id: str | None = None, article_id: str | None = None) -> list[Entity]:
        from storyline.compare.story import resolve_entities

        articles = self._scope(story_id, article_id)
        return resolve_entities(articles, self._records("mention", Mention, [a.id for a in articles]))

    def quotes(self, story_id: str | None = None, article_id: str | None = None,
               speaker: str | None = None) -> list[dict[str, Any]]:
        """Who said what: quote groups across the articles in scope, each wording with the outlets carrying it;
        ``speaker`` keeps the groups whose speaker's name contains it (accents and case aside)."""
        from storyline.compare.story import match_quotes, resolve_entities, speakers
        from storyline.text import names

        articles = self._scope(story_id, article_id)
        ids = [a.id for a in articles]
        mentions = self._records("mention", Mention, ids)
        found = resolve_entities(articles, mentions)
        groups = match_quotes(articles, self._records("quote", Attribution, ids), speakers(found, mentions),
                              doc=self.doc)
        result = serialize.quote_groups(groups, found, {a.id: a for a in articles})
        if speaker:
            result = [group for group in result if any(names.fold(speaker) in names.fold(name) for name in
                                                       {group["attributed_to"], *filter(None, group["speakers"])})]
        return result

    def entity(self, name: str, limit: int = 20) -> dict[str, Any]:
        """One person, organisation or place across stories: in each of the ``limit`` newest stories with an entity
        going by ``name`` under any of its names (accents and case aside; see :meth:`stories`), that entity with
        its names and roles there, and every statement it is quoted making, with its wordings and outlets; and all
        its names and roles merged. ``more``: whether further stories name it."""
        from storyline.compare.story import match_quotes, resolve_entities, speakers
        from storyline.text import names

        wanted = self.store.aliases(names.fold(name))
        found_stories = self.stories(limit + 1, order="newest", entity=name)
        result: dict[str, Any] = {"name": name, "variants": {}, "roles": [], "types": [], "stories": [],
                                  "more": len(found_stories) > limit}
        for story in found_stories[:limit]:
            articles = self.story_articles(story["id"])
            ids = [a.id for a in articles]
            mentions = self._records("mention", Mention, ids)
            resolved = resolve_entities(articles, mentions)
            matched = [e for e in resolved if wanted & {names.fold(written) for written in [e.name, *e.variants]}]
            if not matched:
                continue
            groups = match_quotes(articles, self._records("quote", Attribution, ids), speakers(resolved, mentions),
                                  doc=self.doc)
            theirs = {e.id for e in matched}
            quoted = [group for group in serialize.quote_groups(groups, resolved, {a.id: a for a in articles})
                      if group["speaker_id"] in theirs]
            result["stories"].append({"story": story, "entities": [serialize.entity_summary(e) for e in matched],
                                      "quotes": quoted})
            for entity in matched:
                for variant, count in entity.variants.items():
                    result["variants"][variant] = result["variants"].get(variant, 0) + count
                result["roles"] += [role for role in entity.roles if role not in result["roles"]]
                result["types"] += [entity.type] if entity.type not in result["types"] else []
        return result

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """Dated statements of a story in time order, each with the sentence spans and outlets stating it."""
        from storyline.compare.story import build_timeline

        articles = self.story_articles(story_id)
        times = self._records("time", TimeExpression, [a.id for a in articles])
        return serialize.timeline(build_timeline(articles, times, self.doc), {a.id: a for a in articles})

    def brief(self, story_id: str, full: bool = False) -> dict[str, Any]:
        """The sourced brief of a story (schema storyline.brief/1, see docs/brief-schema.md): every item in its
        JSON, the best of each long section shown by its Markdown and HTML unless ``full``. The one kept in the
        store while the story and the code are those it was built from, else built now and kept."""
        from storyline.brief.build import assemble, shown_in_full
        from storyline.brief.cache import brief_key
        from storyline.compare.story import compare_story

        key = brief_key(self.story_version(story_id))
        if (kept := self.store.kept_brief(story_id, key)) is not None:
            return shown_in_full(kept) if full else kept
        label = self.store.story(story_id)["label"]
        articles = self.story_articles(story_id)
        # In its JSON form (lists, not tuples): a kept brief is read back from JSON, and must read the same.
        brief = json.loads(json.dumps(assemble(story_id, label, articles, compare_story(self._material(articles)))))
        try:
            with self.store.writing():
                # Kept only if the story is still the one it was built from: a writer may have changed it since.
                if brief_key(self.story_version(story_id)) == key:
                    self.store.keep_brief(story_id, key, brief, key_people(brief))
        except (StoreBusy, KeyError):  # a long write holds the store, or the story merged away: serve it unkept
            pass
        return shown_in_full(brief) if full else brief

    def kept_brief(self, story_id: str, full: bool = False) -> dict[str, Any] | None:
        """The story's brief if one is kept for the story as it is now, without building it (KeyError for an
        unknown story)."""
        from storyline.brief.build import shown_in_full
        from storyline.brief.cache import brief_key

        kept = self.store.kept_brief(story_id, brief_key(self.story_version(story_id)))
        return shown_in_full(kept) if full and kept is not None else kept

    def _material(self, articles: list[Article]) -> StoryMaterial:
        from storyline.compare.story import StoryMaterial

        ids = [a.id for a in articles]
        return StoryMaterial(articles, self._records("mention", Mention, ids),
                             self._records("quote", Attribution, ids), self._records("time", TimeExpression, ids),
                             self.doc)
