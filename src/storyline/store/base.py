"""What every store implements: the one interface the pipeline, the Corpus, the watcher and the server use, whichever
database holds the corpus (:func:`storyline.store.open_store` chooses it by its location).

The interface is narrow on purpose: articles, parses, spans, stories, the story index's rows, briefs, and the records
of watched feeds, alerts and Add articles jobs (:mod:`storyline.store.feeds`, :mod:`storyline.store.alerts`,
:mod:`storyline.store.jobs`). The store writes what the
stages return and decides nothing; its methods never open a transaction of their own: the pipeline runs each write
in :meth:`Store.writing`, so a batch lands whole or not at all and nothing stored before it can be lost.

Several processes, on one machine or several, may write one store (command lines, the server, feed watchers).
:meth:`Store.writing` takes the store-wide write lock before anything is read for the write, so a writer deciding
from the story index always sees the last writer's stories. A writer waits for the lock up to ``wait`` seconds,
then gives up with :class:`StoreBusy`. Each backend takes the lock its own way: SQLite with ``BEGIN IMMEDIATE``
(:mod:`storyline.store.sqlite`), PostgreSQL with an advisory lock held for the transaction
(:mod:`storyline.store.postgres`).

The SQL here is what both databases read alike (``?`` placeholders, which the PostgreSQL store turns into its own;
articles numbered in the order they were stored by a ``rowid``: SQLite's own, a column in PostgreSQL). What differs
is a backend's: connecting and migrating, the write lock, full-text search, and building a JSON array
(:attr:`Store.SOURCES_ARRAY`). A backend's ``db`` is a connection with ``execute`` and ``executemany`` that return
cursors (``fetchone``, ``fetchall``, iteration, ``rowcount``) of rows read by column name or position.

The module is long because it is every SQL statement of the store's core in one place.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from storyline import clock
from storyline.model import Article
from storyline.store.alerts import AlertRecords
from storyline.store.errors import StoreBusy, StoreError
from storyline.store.feeds import FeedRecords
from storyline.store.jobs import JobRecords
from storyline.store.sql import placeholders

if TYPE_CHECKING:
    from storyline.stories.summary import StoryNames
    from storyline.stories.updates import StoryUpdate

# Keys of the ``state`` table: the config the story index was started with, and the whole index as one document,
# as Storyline kept it before schema 4 (such a store keeps its stories readable until ``storyline recluster``).
STORY_CONFIG_KEY = "story_config"
# The stories changed since they were last named (see Store.stories_to_name).
STORIES_TO_NAME_KEY = "stories_to_name"
EARLIER_STORY_INDEX_KEY = "story_index"
# How long a writer waits for another to finish before giving up: a batch holds the lock for seconds, a
# recluster of a large store for minutes.
WRITE_WAIT_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class StoredSpan:
    """A span row: which article, what kind of extraction, and the extraction's own JSON."""

    article_id: str
    kind: str
    start: int
    end: int
    label: str
    data: dict[str, Any]


def _now() -> str:
    # Milliseconds: "new since your last visit" compares a visit's moment with when its articles were stored.
    return clock.stamp()


def _span_row(record: Any) -> tuple[int, int, str, str]:
    """The stored row of an extracted record (a model record with ``to_json``): its main span's offsets and
    label, and the record as JSON."""
    span = getattr(record, "span", None) or record.content
    return span.start, span.end, span.label, json.dumps(record.to_json(), ensure_ascii=False)


# A story as it is listed: the summary kept with it (``_story_changed``).
STORY_SUMMARY = ("id, label, headline, people, first_published, last_published, articles, first_stored, last_stored,"
                 " sources, updated_at")
# The orders a page of stories can come in, each with the keyset its pages continue after and the listing index
# that serves it (schema 6 and 8).
STORY_ORDERS = {
    "largest": ("articles, coalesce(last_published, ''), id", "articles DESC, coalesce(last_published, '') DESC,"
                " id DESC"),
    "newest": ("coalesce(last_published, ''), id", "coalesce(last_published, '') DESC, id DESC"),
}


# The names a person or organisation goes by, from one of them (folded): every name of each story's entity going by
# it that is the name itself or fuller than one word. A bare surname ("Smith") is left out: across stories it may
# be anyone's.
ALIASES = ("SELECT n.name FROM story_names q JOIN story_names n ON n.story_id = q.story_id AND n.entity = q.entity"
           " WHERE q.name = ? AND (n.name = q.name OR n.name LIKE '% %')")


def _like_escaped(text: str) -> str:
    """Text matched literally by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _summary(row: Any) -> dict[str, Any]:
    return {**dict(row), "sources": sorted(filter(None, json.loads(row["sources"]))),
            "people": json.loads(row["people"])}


def article_from_row(row: Any) -> Article:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Article(
        text=row["text"], source=row["source"], title=row["title"], url=row["url"], published=published,
        published_inferred=bool(row["published_inferred"]), published_confidence=row["published_confidence"],
        language=row["language"], origin=row["origin"],
        id=row["id"], revision_of=row["revision_of"],
    )


class Store(ABC, FeedRecords, AlertRecords, JobRecords):
    """A store, whichever its database. A backend implements the abstract methods below; the rest is shared."""

    # The JSON array of the distinct sources of the articles ``a`` of a story, in the backend's SQL.
    SOURCES_ARRAY: str
    db: Any
    path: str  # where the store is, as said in messages (a PostgreSQL URL without its password)
    wait: float

    @abstractmethod
    def close(self) -> None:
        """Give the connection back; the store is not used after."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The number of migrations the database has had (the same numbers in every backend)."""

    @abstractmethod
    def writing(self) -> AbstractContextManager[None]:
        """The store-wide write lock, and one transaction under it: everything written inside lands together or
        not at all. Inside an open one, it is part of that one. :class:`StoreBusy` when another writer held the
        lock for longer than ``wait``."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search in the syntax the README gives (words, "phrases", AND, OR, NOT, prefix*), best
        first, each with a snippet whose matches are in [brackets]; :class:`StoreError` for a query that is not
        in that syntax."""

    @abstractmethod
    def matching_article_ids(self, query: str, article_ids: Iterable[str]) -> set[str]:
        """Those of the articles that a full-text query (as :meth:`search` takes it) matches."""

    @abstractmethod
    def _matching(self, query: str) -> tuple[str, str, str]:
        """The articles ``a`` a full-text query (as :meth:`search` takes it) matches, as the backend's SQL: the
        tables to select from, the condition (one ``?``) and the parameter; :class:`StoreError` for a query that
        is not in the syntax, when the backend reads it before the database does."""

    # What the database raises for a full-text query it cannot read (a StoreError to the caller).
    QUERY_ERRORS: tuple[type[Exception], ...] = ()

    def _busy_error(self) -> StoreBusy:
        return StoreBusy(f"{self.path}: busy: another process kept it locked for more than {self.wait:g} s; "
                         "nothing was written, try again when it has finished")

    # articles

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _latest_revision(self, url: str) -> str | None:
        """The current article stored for a URL: the one no later revision points to."""
        row = self.db.execute(
            "SELECT id FROM articles a WHERE url = ?"
            " AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id)",
            (url,),
        ).fetchone()
        return row["id"] if row else None

    def add_article(self, article: Article, docbin: bytes, model: str) -> None:
        """Store an article with its parse; a new text for a stored URL becomes a revision of it."""
        if article.url and article.revision_of is None:
            article.revision_of = self._latest_revision(article.url)
        self.db.execute(
            "INSERT INTO articles (id, source, title, url, published, published_inferred, language, origin,"
            " revision_of, text, words, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.title, article.url,
             article.published.isoformat() if article.published else None, int(article.published_inferred),
             article.language, article.origin, article.revision_of, article.text, article.word_count, _now()),
        )
        self.db.execute("INSERT INTO parses (article_id, model, docbin) VALUES (?, ?, ?)",
                        (article.id, model, docbin))
        if article.revision_of:  # the revised text leaves its story's summary
            self._story_changed(filter(None, [self.story_of(article.revision_of)]))

    def set_published(self, article_id: str, published: datetime, confidence: float) -> None:
        """Record a publication date inferred from the text and the story, with its confidence (0–1)."""
        self.db.execute("UPDATE articles SET published = ?, published_inferred = 1, published_confidence = ?"
                        " WHERE id = ?", (published.isoformat(), confidence, article_id))
        self._story_changed(filter(None, [self.story_of(article_id)]))

    def article(self, id_or_prefix: str) -> Article:
        # Ids are lower-case hexadecimal: a prefix is matched as such in every backend (LIKE folds case only in SQLite).
        rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? LIMIT 2",
                               (id_or_prefix.lower() + "%",)).fetchall()
        if not rows:
            raise KeyError(f"no article {id_or_prefix!r}")
        if len(rows) > 1:
            raise KeyError(f"article id prefix {id_or_prefix!r} is ambiguous")
        return article_from_row(rows[0])

    def articles(self, *, source: str | None = None, since: datetime | None = None, until: datetime | None = None,
                 ids: Iterable[str] | None = None, include_revised: bool = False, limit: int | None = None,
                 after: str | None = None) -> list[Article]:
        """Articles in publication order (undated last); revised versions are left out unless asked for. A page:
        at most ``limit`` of them, those after the article ``after`` (the last of the page before)."""
        where, params = [], []
        if after is not None:
            row = self.db.execute("SELECT published IS NULL, coalesce(published, ''), rowid FROM articles"
                                  " WHERE id = ?", (after,)).fetchone()
            if row is None:
                raise KeyError(f"no article {after!r}")
            where.append("(published IS NULL, coalesce(published, ''), rowid) > (?, ?, ?)")
            params.extend(row)
        if source is not None:
            where.append("lower(source) = lower(?)")
            params.append(source)
        if since is not None:
            where.append("published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("published < ?")
            params.append(until.isoformat())
        if ids is not None:
            id_list = list(ids)
            where.append(f"id IN ({placeholders(id_list)})")
            params.extend(id_list)
        if not include_revised:
            where.append("NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = articles.id)")
        sql = "SELECT * FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY published IS NULL, coalesce(published, ''), rowid"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [article_from_row(row) for row in self.db.execute(sql, params)]

    def revisions(self, article_id: str) -> list[str]:
        """Ids of every version of an article's URL, oldest first."""
        row = self.db.execute("SELECT url FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None or not row["url"]:
            return [article_id]
        return [r["id"] for r in self.db.execute("SELECT id FROM articles WHERE url = ? ORDER BY rowid", (row["url"],))]

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # parses

    def parse_bytes(self, article_id: str) -> bytes:
        row = self.db.execute("SELECT docbin FROM parses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no parse stored for article {article_id}")
        return row["docbin"]

    # spans

    def add_spans(self, article_id: str, kind: str, records: Iterable[Any]) -> None:
        """Store an article's extractions of one kind: model records (mentions, attributions, time expressions)."""
        self.db.executemany('INSERT INTO spans (article_id, kind, start, "end", label, data)'
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            [(article_id, kind, *_span_row(record)) for record in records])

    def replace_spans(self, article_id: str, kind: str, records: Iterable[Any]) -> None:
        self.db.execute("DELETE FROM spans WHERE article_id = ? AND kind = ?", (article_id, kind))
        self.add_spans(article_id, kind, records)

    def spans(self, kind: str, article_ids: Iterable[str] | None = None) -> list[StoredSpan]:
        sql, params = "SELECT * FROM spans WHERE kind = ?", [kind]
        if article_ids is not None:
            id_list = list(article_ids)
            sql += f" AND article_id IN ({placeholders(id_list)})"
            params.extend(id_list)
        sql += ' ORDER BY article_id, start, "end"'
        return [StoredSpan(r["article_id"], r["kind"], r["start"], r["end"], r["label"], json.loads(r["data"]))
                for r in self.db.execute(sql, params)]

    def records(self, kind: str, record_type: type, article_ids: list[str]) -> dict[str, list]:
        """The stored extractions of one kind, rebuilt as model records (``record_type.from_json``), per article."""
        found: dict[str, list] = {article_id: [] for article_id in article_ids}
        for row in self.spans(kind, article_ids):
            found[row.article_id].append(record_type.from_json(row.data))
        return found

    # stories and the story index that assigns them (see storyline.stories.persistence)

    def save_story_update(self, update: StoryUpdate) -> None:
        """Write what a batch of story assignments changed: the config of an index's first batch, the story index's
        new rows, memberships (only those that changed), the labels of the stories touched, the stories merged
        away, the history, and the bookkeeping of the stories compared."""
        if update.config is not None:
            self.db.execute(
                "INSERT INTO state (key, value, arrays, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT(key) DO UPDATE"
                " SET value = excluded.value, arrays = excluded.arrays, updated_at = excluded.updated_at",
                (STORY_CONFIG_KEY, json.dumps(update.config, ensure_ascii=False), _now()))
        self.db.executemany("INSERT INTO story_index_members (row, article_id, features, vector) VALUES (?, ?, ?, ?)",
                            update.members)
        self.db.executemany(
            "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?) ON CONFLICT(article_id)"
            " DO UPDATE SET story_id = excluded.story_id WHERE story_articles.story_id <> excluded.story_id",
            update.memberships.items())
        self.db.executemany(
            "INSERT INTO stories (id, label, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at",
            [(story_id, label, _now()) for story_id, label in update.labels.items()])
        self.db.executemany("DELETE FROM stories WHERE id = ?", [(story_id,) for story_id in update.merged_away])
        self.db.executemany("DELETE FROM story_names WHERE story_id = ?",
                            [(story_id,) for story_id in update.merged_away])
        self._story_changed([*(set(update.labels) - set(update.grown)), *update.merged_away])
        self._story_grew(update.grown)
        self.db.executemany("DELETE FROM story_index_stories WHERE id = ?",
                            [(story_id,) for story_id in update.merged_away])
        self.db.executemany("INSERT INTO story_history (event, story_id, data) VALUES (?, ?, ?)",
                            [(e["event"], e["story"], json.dumps(e, ensure_ascii=False)) for e in update.history])
        self._save_bookkeeping(update.bookkeeping)

    def _save_bookkeeping(self, stories: dict[str, tuple[int, int | None]]) -> None:
        """Per story id: the size it was last re-cut at, and when (in articles seen) its profile was last weighed."""
        self.db.executemany(
            "INSERT INTO story_index_stories (id, checked_at_size, weighed_at) VALUES (?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET checked_at_size = excluded.checked_at_size,"
            " weighed_at = excluded.weighed_at", [(story_id, *row) for story_id, row in stories.items()])

    def clear_stories(self) -> None:
        """Forget every story and the story index; the history goes on, after a ``recluster`` mark."""
        self.db.execute("DELETE FROM story_articles")
        self.db.execute("DELETE FROM stories")
        self.db.execute("DELETE FROM story_names")
        self.db.execute("DELETE FROM briefs")
        self.db.execute("DELETE FROM story_index_members")
        self.db.execute("DELETE FROM story_index_stories")
        self.db.execute("INSERT INTO story_history (event, story_id, data) VALUES ('recluster', '', '{}')")
        self.db.execute("DELETE FROM state WHERE key IN (?, ?)", (STORY_CONFIG_KEY, EARLIER_STORY_INDEX_KEY))

    def story_config(self) -> dict[str, Any] | None:
        """The config the story index was started with, or None before its first article."""
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (STORY_CONFIG_KEY,)).fetchone()
        return json.loads(row["value"]) if row else None

    def has_earlier_story_index(self) -> bool:
        """Whether the story index is still the one document an earlier Storyline kept (before schema 4)."""
        return self.db.execute("SELECT 1 FROM state WHERE key = ?", (EARLIER_STORY_INDEX_KEY,)).fetchone() is not None

    def story_generation(self) -> int:
        """A number that changes whenever the stories do (any assignment, merge, split or recluster, by any
        process): the last number of the story history. A story index kept in memory is current while it holds."""
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM story_history").fetchone()[0]

    def unassigned_article_ids(self) -> list[str]:
        """Current articles the story index has not taken in, in the order they were stored: none, unless a
        Storyline before assignment and storage shared one transaction was stopped between the two."""
        return [row["id"] for row in self.db.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_index_members m"
            " WHERE m.article_id = a.id) AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id)"
            " ORDER BY rowid")]

    def index_members(self) -> Iterator[tuple[int, str, str, bytes]]:
        """The story index's articles in the order they were assigned."""
        for row in self.db.execute("SELECT row, article_id, features, vector FROM story_index_members ORDER BY row"):
            yield row["row"], row["article_id"], row["features"], row["vector"]

    def index_stories(self) -> dict[str, tuple[int, int | None]]:
        return {row["id"]: (row["checked_at_size"], row["weighed_at"])
                for row in self.db.execute("SELECT id, checked_at_size, weighed_at FROM story_index_stories")}

    def stories(self, limit: int | None = None, after: str | None = None, *, order: str = "largest",
                since: datetime | None = None, until: datetime | None = None, source: str | None = None,
                query: str | None = None, entity: str | None = None) -> list[dict[str, Any]]:
        """Stories with their headline, label, people, time span, article count and outlets, read from the
        summaries kept with them: all, or a page of ``limit`` after the story ``after`` (the last of the page
        before). ``order``: "largest" first (then the latest published, undated last) or "newest" (latest
        published first). Filters: stories with an article published in [``since``, ``until``), one from the
        outlet ``source`` (any case), one matching the full-text ``query`` (as :meth:`search` takes it;
        StoreError if bad), one with a person or organisation going by the name ``entity`` (folded, as
        :func:`storyline.text.names.fold` writes it) under any of its names (:data:`ALIASES`)."""
        if order not in STORY_ORDERS:
            raise ValueError(f"stories are listed in one of these orders: {', '.join(STORY_ORDERS)}")
        keyset, ordering = STORY_ORDERS[order]
        where, params = ["articles > 0"], []  # not a story whose every article was revised into another
        if after is not None:
            row = self.db.execute(f"SELECT {keyset} FROM stories WHERE id = ?", (after,)).fetchone()
            if row is None:
                raise KeyError(f"no story {after!r}")
            where.append(f"({keyset}) < ({', '.join('?' * len(row))})")
            params += list(row)
        if since is not None:
            where.append("last_published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("first_published < ?")
            params.append(until.isoformat())
        if source is not None:  # read from the summary's outlets: a scan of the stories, not of their articles
            where.append("lower(sources) LIKE lower(?) ESCAPE '\\'")
            params.append(f"%{_like_escaped(json.dumps(source, ensure_ascii=False))}%")
        if entity is not None:
            where.append(f"id IN (SELECT story_id FROM story_names WHERE name IN ({ALIASES}))")
            params.append(entity)
        if query is not None:
            tables, condition, searched = self._matching(query)
            where.append(f"id IN (SELECT sa.story_id FROM {tables} JOIN story_articles sa ON sa.article_id = a.id"
                         f" WHERE {condition} AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id))")
            params.append(searched)
        sql = f"SELECT {STORY_SUMMARY} FROM stories WHERE {' AND '.join(where)} ORDER BY {ordering}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            return [_summary(row) for row in self.db.execute(sql, params)]
        except self.QUERY_ERRORS as error:
            if query is None:
                raise
            raise StoreError(f"bad search query {query!r}: {error}") from error

    def aliases(self, entity: str) -> set[str]:
        """The names (folded) the story list's entity filter takes for the name ``entity`` (folded)."""
        return {row["name"] for row in self.db.execute(ALIASES, (entity,))}

    def stories_to_name(self) -> set[str]:
        """The stories assigned articles since they were last named: kept with the assignment, in its transaction, so
        that an ingest stopped before naming them leaves them for the next to name."""
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (STORIES_TO_NAME_KEY,)).fetchone()
        return set(json.loads(row["value"])) if row else set()

    def set_stories_to_name(self, story_ids: set[str]) -> None:
        self.db.execute(
            "INSERT INTO state (key, value, arrays, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT(key) DO UPDATE"
            " SET value = excluded.value, updated_at = excluded.updated_at",
            (STORIES_TO_NAME_KEY, json.dumps(sorted(story_ids)), _now()))

    def set_story_names(self, story_id: str, names: StoryNames) -> None:
        """Keep who a story names (its key people and every name of its entities) in its summary, in place of
        what was kept before."""
        self.db.execute("UPDATE stories SET people = ? WHERE id = ?",
                        (json.dumps(names.people, ensure_ascii=False), story_id))
        # Only the names that changed are written: a story named again mostly goes by the names it went by, and
        # rewriting them all would cost each naming the whole story's names.
        kept = {(row["entity"], row["name"]) for row in self.db.execute(
            "SELECT entity, name FROM story_names WHERE story_id = ?", (story_id,))}
        now = set(names.names)
        self.db.executemany("DELETE FROM story_names WHERE story_id = ? AND entity = ? AND name = ?",
                            [(story_id, entity, name) for entity, name in sorted(kept - now)])
        self.db.executemany("INSERT INTO story_names (story_id, entity, name) VALUES (?, ?, ?)",
                            [(story_id, entity, name) for entity, name in sorted(now - kept)])

    def count_stories(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories WHERE articles > 0").fetchone()[0]

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row["story_id"] if row else None

    def story_version(self, story_id: str) -> str:
        """The story's label and its current articles with their publication dates, as one string."""
        rows = self.db.execute(
            "SELECT s.label, a.id, a.published, a.published_confidence FROM stories s"
            " JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id"
            " WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id)"
            " ORDER BY a.id", (story_id,)).fetchall()
        if not rows:
            raise KeyError(f"no story {story_id!r}")
        return json.dumps([list(row) for row in rows], ensure_ascii=False)

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.db.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)).fetchall()
        if not rows:
            raise KeyError(f"no story {story_id!r}")
        return [row["article_id"] for row in rows]

    def story_history(self, story_id: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT data FROM story_history", []
        if story_id is not None:
            sql += " WHERE story_id = ?"
            params.append(story_id)
        return [json.loads(row["data"]) for row in self.db.execute(sql + " ORDER BY seq", params)]

    def story_history_since_recluster(self) -> list[dict[str, Any]]:
        """The history of the stories as they are: every event after the last ``recluster``."""
        rows = self.db.execute(
            "SELECT data FROM story_history WHERE seq > coalesce((SELECT max(seq) FROM story_history"
            " WHERE event = 'recluster'), 0) ORDER BY seq")
        return [json.loads(row["data"]) for row in rows]

    def story(self, story_id: str) -> dict[str, Any]:
        """One story as :meth:`stories` lists it."""
        row = self.db.execute(f"SELECT {STORY_SUMMARY} FROM stories WHERE id = ? AND articles > 0",
                              (story_id,)).fetchone()
        if row is None:
            raise KeyError(f"no story {story_id!r}")
        return _summary(row)

    def _story_changed(self, story_ids: Iterable[str]) -> None:
        """Drop the stories' kept briefs and count again what each summary holds, from the story's current articles
        (a revision replaces the article it revises); in the transaction that changed them."""
        story_ids = set(story_ids)
        self.db.executemany("DELETE FROM briefs WHERE story_id = ?", [(story_id,) for story_id in story_ids])
        self.db.executemany(
            "UPDATE stories SET (articles, sources, first_published, last_published, first_stored, last_stored) = ("
            f" SELECT count(a.id), {self.SOURCES_ARRAY}, min(a.published), max(a.published),"
            " min(a.ingested_at), max(a.ingested_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = stories.id AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id))"
            " WHERE id = ?", [(story_id,) for story_id in story_ids])
        # The headline a story got first stays until a brief is kept (keep_brief): a list should not reword it
        # with every article.
        self.db.executemany(
            "UPDATE stories SET headline = (SELECT a.title FROM story_articles sa JOIN articles a ON a.id ="
            " sa.article_id WHERE sa.story_id = stories.id AND a.title IS NOT NULL AND a.title <> ''"
            " ORDER BY a.ingested_at, a.id LIMIT 1) WHERE id = ? AND headline IS NULL",
            [(story_id,) for story_id in story_ids])

    def _story_grew(self, grown: dict[str, list[str]]) -> None:
        """What :meth:`_story_changed` does, for stories that only took in the new articles ``grown`` names: each
        summary brought up to date from its new articles alone, so a batch costs the same however large its stories.
        The result is the same: a story's summary was counted when it last changed, an article revising one of the
        story's was counted when stored (:meth:`add_article`), and a story without a headline has no titled
        article (a kept brief always gives it one)."""
        if not grown:
            return
        self.db.executemany("DELETE FROM briefs WHERE story_id = ?", [(story_id,) for story_id in grown])
        new_ids = [article_id for ids in grown.values() for article_id in ids]
        current = (f"a.id IN ({placeholders(new_ids)})"
                   " AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id)")
        added = self.db.execute(
            "SELECT sa.story_id, count(a.id), min(a.published), max(a.published), min(a.ingested_at),"
            f" max(a.ingested_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE {current}"
            " GROUP BY sa.story_id", new_ids).fetchall()
        new_sources: dict[str, set[str]] = {}
        for row in self.db.execute(f"SELECT DISTINCT sa.story_id, a.source FROM story_articles sa JOIN articles a"
                                   f" ON a.id = sa.article_id WHERE {current}", new_ids):
            new_sources.setdefault(row[0], set()).add(row[1])
        kept = {row["id"]: row for row in self.db.execute(
            f"SELECT id, sources, headline FROM stories WHERE id IN ({placeholders(grown)})", list(grown))}
        # The earlier and later of the kept and the new bounds, compared by the database as min() and max() compare.
        self.db.executemany(
            "UPDATE stories SET articles = articles + ?, sources = ?,"
            " first_published = CASE WHEN first_published IS NULL OR ? < first_published THEN ?"
            " ELSE first_published END,"
            " last_published = CASE WHEN last_published IS NULL OR ? > last_published THEN ? ELSE last_published END,"
            " first_stored = CASE WHEN first_stored IS NULL OR ? < first_stored THEN ? ELSE first_stored END,"
            " last_stored = CASE WHEN last_stored IS NULL OR ? > last_stored THEN ? ELSE last_stored END WHERE id = ?",
            [(count, json.dumps(sorted(set(json.loads(kept[story_id]["sources"])) | new_sources[story_id]),
                                ensure_ascii=False),
              first, first, last, last, stored_first, stored_first, stored_last, stored_last, story_id)
             for story_id, count, first, last, stored_first, stored_last in added])
        for story_id, ids in grown.items():
            if kept[story_id]["headline"] is None:
                self.db.execute(
                    "UPDATE stories SET headline = (SELECT title FROM articles WHERE id IN"
                    f" ({placeholders(ids)}) AND title IS NOT NULL AND title <> '' ORDER BY ingested_at, id LIMIT 1)"
                    " WHERE id = ?", [*ids, story_id])

    # briefs kept once built (see storyline.brief.cache)

    def kept_brief(self, story_id: str, key: str) -> dict[str, Any] | None:
        """The story's brief kept under ``key``, or None."""
        row = self.db.execute("SELECT brief FROM briefs WHERE story_id = ? AND key = ?", (story_id, key)).fetchone()
        return json.loads(row["brief"]) if row else None

    def keep_brief(self, story_id: str, key: str, brief: dict[str, Any], people: list[str]) -> None:
        """Keep a story's brief under ``key``, in place of the one kept before; its title and ``people`` become the
        story's headline and key people in its summary."""
        self.db.execute("INSERT INTO briefs (story_id, key, brief, built_at) VALUES (?, ?, ?, ?) ON CONFLICT(story_id)"
                        " DO UPDATE SET key = excluded.key, brief = excluded.brief, built_at = excluded.built_at",
                        (story_id, key, json.dumps(brief, ensure_ascii=False), _now()))
        self.db.execute("UPDATE stories SET headline = ?, people = ? WHERE id = ?",
                        (brief["title"], json.dumps(people, ensure_ascii=False), story_id))
