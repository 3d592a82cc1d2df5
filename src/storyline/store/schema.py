"""The SQLite schema: numbered migrations, the number kept in ``PRAGMA user_version``. A store opened by an older
Storyline is brought up to date; one written by a newer Storyline is refused, so nothing this version does not
understand is ever written over. The migrations a store lacks run in one transaction under its write lock, the
version read again once the lock is held: two processes opening a new store at once run them once.
"""

from __future__ import annotations

import sqlite3

from storyline.store.errors import StoreError

MIGRATIONS: list[str] = [
    # 1: articles, their full-text index, their parses and every extracted span.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL DEFAULT '',
        title TEXT,
        url TEXT,
        published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0,
        published_confidence REAL,
        language TEXT NOT NULL DEFAULT 'en',
        origin TEXT NOT NULL DEFAULT '',
        revision_of TEXT REFERENCES articles(id),
        text TEXT NOT NULL,
        words INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_revision_of ON articles(revision_of);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE parses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        docbin BLOB NOT NULL
    );
    CREATE TABLE spans (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL
    );
    CREATE INDEX spans_article_kind ON spans(article_id, kind);
    CREATE INDEX spans_kind_label ON spans(kind, label);
    """,
    # 2: state of the stages that work across articles (the story index): a JSON document and its arrays.
    """
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        arrays BLOB,
        updated_at TEXT NOT NULL
    );
    """,
    # 3: stories: which story each article belongs to, each story's label and time span, and how stories formed.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_history (
        seq INTEGER PRIMARY KEY,
        event TEXT NOT NULL,
        story_id TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 4: the story index kept per article instead of as one state document rewritten per batch: the features each
    # article was assigned with (in order) and, per story, what the story history does not tell. Schema-3
    # databases keep their old document in ``state`` until ``storyline recluster`` rebuilds the index.
    """
    CREATE TABLE story_index_members (
        row INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE,
        features TEXT NOT NULL,
        vector BLOB NOT NULL
    );
    CREATE TABLE story_index_stories (
        id TEXT PRIMARY KEY,
        checked_at_size INTEGER NOT NULL,
        weighed_at INTEGER
    );
    """,
    # 5: watching feeds, and alerts. Each feed a watcher polls, with its HTTP validators, its health and when it
    # is next due; each item seen in a feed, and the article it gave once that article and its story were stored;
    # saved watches (a name, a search query or a story) with where their alerts go; every alert fired, once per
    # watch and change; each alert's delivery to each target; a digest of each watched story's state (what a
    # change is measured against); the ``state`` table keeps how far the alerts have looked (the last article).
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_status TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        articles_added INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX feeds_next_poll ON feeds(next_poll_at);
    CREATE TABLE feed_items (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        version TEXT NOT NULL,
        article_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        first_seen TEXT NOT NULL,
        done_at TEXT,
        PRIMARY KEY (feed_url, item_key)
    );
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        anchor_article TEXT,
        targets TEXT NOT NULL,
        since_article INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        story_id TEXT NOT NULL,
        change_key TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (watch_id, change_key)
    );
    CREATE TABLE alert_deliveries (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        delivered_at TEXT,
        PRIMARY KEY (alert_id, target)
    );
    CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt_at);
    CREATE TABLE story_digests (
        story_id TEXT PRIMARY KEY,
        articles TEXT NOT NULL,
        digest TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 6: each story's summary kept with it (its current articles' count, outlets, first and last publication and
    # storage), maintained whenever its articles or their dates change, so listing stories reads one row a story
    # instead of every article. The listing indexes serve pages: of the largest stories first, of the articles in
    # publication order (undated last; SQLite ends every index with the rowid, the last key of that order).
    """
    ALTER TABLE stories ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN first_published TEXT;
    ALTER TABLE stories ADD COLUMN last_published TEXT;
    ALTER TABLE stories ADD COLUMN first_stored TEXT;
    ALTER TABLE stories ADD COLUMN last_stored TEXT;
    UPDATE stories SET (articles, sources, first_published, last_published, first_stored, last_stored) = (
        SELECT count(a.id), json_group_array(DISTINCT a.source), min(a.published), max(a.published),
               min(a.ingested_at), max(a.ingested_at)
        FROM story_articles sa JOIN articles a ON a.id = sa.article_id
        WHERE sa.story_id = stories.id AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.revision_of = a.id));
    CREATE INDEX stories_listing ON stories(articles, coalesce(last_published, ''), id);
    CREATE INDEX articles_listing ON articles(published IS NULL, coalesce(published, ''));
    """,
    # 7: each story's brief, kept once built (JSON, storyline.brief/1) under the key of the story's version and the
    # code that built it (storyline.brief.cache); dropped in the transaction that changes the story.
    """
    CREATE TABLE briefs (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        brief TEXT NOT NULL,
        built_at TEXT NOT NULL
    );
    """,
    # 8: each story's headline and key people in its summary, so the story list shows them without building
    # briefs: a kept brief's title and people, until one is kept the title of its first titled article (see
    # Store._story_changed); the listing index of the newest stories first.
    """
    ALTER TABLE stories ADD COLUMN headline TEXT;
    ALTER TABLE stories ADD COLUMN people TEXT NOT NULL DEFAULT '[]';
    UPDATE stories SET headline = (
        SELECT a.title FROM story_articles sa JOIN articles a ON a.id = sa.article_id
        WHERE sa.story_id = stories.id AND a.title IS NOT NULL AND a.title <> ''
        ORDER BY a.ingested_at, a.id LIMIT 1);
    CREATE INDEX stories_newest ON stories(coalesce(last_published, ''), id);
    """,
    # 9: every name each story's entities go by (folded, see storyline.stories.summary), kept with the story
    # whenever it changes, so the story list's entity filter finds a person under any of their names. A story
    # stored before has none until it next changes or `storyline recluster` runs.
    """
    CREATE TABLE story_names (
        story_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (story_id, entity, name)
    );
    CREATE INDEX story_names_name ON story_names(name);
    """,
    # 10: the Add articles page's jobs (storyline.store.jobs), so their progress outlives the server that runs them
    # and every server on the store shows it.
    """
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        finished INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX jobs_finished ON jobs(finished, updated_at);
    """,
]


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Run the migrations ``db`` has not had yet."""
    if _checked(db, path) == len(MIGRATIONS):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for script in MIGRATIONS[_checked(db, path):]:
            for statement in statements(script):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _checked(db: sqlite3.Connection, path: str) -> int:
    current = version(db)
    if current > len(MIGRATIONS):
        raise StoreError(f"{path}: schema version {current} is newer than this Storyline ({len(MIGRATIONS)})")
    return current


def statements(script: str) -> list[str]:
    """The statements of a script, one by one: ``executescript`` would commit the transaction they must run in.
    SQLite's own ``complete_statement`` tells where one ends (a trigger's body holds semicolons of its own)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in a migration: {pending.strip()[:60]}")
    return found
