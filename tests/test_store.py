import sqlite3
from datetime import datetime, timezone

import pytest

from storyline.model import Article, Mention
from storyline.store import Store, StoreError
from storyline.store.schema import MIGRATIONS
from storyline.stories.updates import StoryUpdate


def make_article(text: str, url: str | None = None, source: str = "Harbor Daily", day: int = 14) -> Article:
    return Article(text=text, source=source, title="Port fire", url=url,
                   published=datetime(2026, 3, day, 8, 30, tzinfo=timezone.utc))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as opened:
        yield opened


def test_new_store_is_at_latest_schema_in_wal_mode(store):
    assert store.schema_version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_article_round_trips_with_its_parse(store):
    article = make_article("A fire broke out at the port of Rotterdam on Tuesday.")
    store.add_article(article, b"parse-bytes", "model-1")
    loaded = store.article(article.id[:6])
    assert loaded.text == article.text
    assert loaded.published == article.published
    assert store.parse_bytes(article.id) == b"parse-bytes"


def test_changed_text_at_same_url_is_stored_as_revision(store):
    first = make_article("Three ships burned.", url="https://harbor.example/fire")
    second = make_article("Four ships burned.", url="https://harbor.example/fire")
    store.add_article(first, b"", "m")
    store.add_article(second, b"", "m")
    assert second.revision_of == first.id
    assert [a.id for a in store.articles()] == [second.id]
    assert store.revisions(second.id) == [first.id, second.id]


def test_full_text_search_finds_words_and_phrases(store):
    store.add_article(make_article("Firefighters contained the blaze near the grain terminal."), b"", "m")
    store.add_article(make_article("The minister resigned after the audit.", day=15), b"", "m")
    assert [a.text[:12] for a, _ in store.search('"grain terminal"')] == ["Firefighters"]
    assert store.search("minister")[0][1].count("[minister]") == 1
    with pytest.raises(StoreError):
        store.search('"unbalanced')


def test_failed_batch_leaves_earlier_articles_intact(store):
    kept = make_article("The harbour reopened on Friday.")
    store.add_article(kept, b"", "m")
    with pytest.raises(sqlite3.IntegrityError):
        with store.writing():
            store.add_article(make_article("A new report."), b"", "m")
            store.add_article(kept, b"", "m")
    assert [a.id for a in store.articles()] == [kept.id]
    assert store.count_articles() == 1


def test_filters_by_source_and_date(store):
    store.add_article(make_article("Report one.", source="Harbor Daily", day=10), b"", "m")
    store.add_article(make_article("Report two.", source="Civic Post", day=20), b"", "m")
    since = datetime(2026, 3, 15, tzinfo=timezone.utc)
    assert [a.source for a in store.articles(since=since)] == ["Civic Post"]
    assert [a.source for a in store.articles(source="harbor daily")] == ["Harbor Daily"]


def test_spans_round_trip_as_records(store):
    article = make_article("Lena Varga spoke.")
    store.add_article(article, b"", "m")
    mention = Mention(article.span(0, 10, "PERSON"), entity_id="e1", role="mayor")
    store.add_spans(article.id, "mention", [mention])
    [span] = store.spans("mention", [article.id])
    assert (span.start, span.end, span.label, span.data["role"]) == (0, 10, "PERSON", "mayor")
    assert store.records("mention", Mention, [article.id]) == {article.id: [mention]}
    store.replace_spans(article.id, "mention", [])
    assert store.spans("mention", [article.id]) == []


def test_the_story_config_is_kept_until_the_stories_are_cleared(store):
    assert store.story_config() is None
    with store.writing():
        store.save_story_update(StoryUpdate({"join": 0.3}, [], {}, {}, [], [], {}))
    assert store.story_config() == {"join": 0.3}
    with store.writing():
        store.clear_stories()
    assert store.story_config() is None


def test_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a Storyline database"):
        Store(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
