import itertools
import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from storyline import clock
from storyline.model import Article, Mention
from storyline.store import StoreBusy, StoreError, open_store
from storyline.store import postgres_schema
from storyline.store.schema import MIGRATIONS
from storyline.stories.summary import StoryNames
from storyline.stories.updates import StoryUpdate


def make_article(text: str, url: str | None = None, source: str = "Harbor Daily", day: int = 14) -> Article:
    return Article(text=text, source=source, title="Port fire", url=url,
                   published=datetime(2026, 3, day, 8, 30, tzinfo=timezone.utc))


# What a failed statement raises, in either backend: the database's own error, not a Storyline one.
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)


@pytest.fixture
def store(store_at):
    with open_store(store_at("test")) as opened:
        yield opened


def test_new_store_is_at_latest_schema(store):
    assert store.schema_version == len(MIGRATIONS)


def test_new_sqlite_store_is_in_wal_mode(tmp_path):
    with open_store(tmp_path / "test.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def columns(store) -> dict[str, set[str]]:
    """Each table of a store with its columns, less what one backend has for its own: SQLite's full-text tables
    (articles_fts…) and PostgreSQL's in their place (the articles' search column), PostgreSQL's rowid column
    (SQLite's is implicit) and schema_version table (SQLite's number is a PRAGMA)."""
    if store.path.startswith("postgresql://"):
        rows = store.db.execute("SELECT table_name, column_name FROM information_schema.columns"
                                " WHERE table_schema = 'public'").fetchall()
    else:
        rows = store.db.execute("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
                                " WHERE m.type = 'table'").fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        if not table.startswith("articles_fts") and table != "schema_version" and column not in ("rowid", "search"):
            found.setdefault(table, set()).add(column)
    return found


def test_both_backends_reach_the_same_version_with_the_same_tables_and_columns(tmp_path, postgres_server):
    assert len(postgres_schema.MIGRATIONS) == len(MIGRATIONS)
    with open_store(tmp_path / "test.db") as lite, open_store(postgres_server.new_database()) as postgres:
        assert lite.schema_version == postgres.schema_version == len(MIGRATIONS)
        assert columns(lite) == columns(postgres)
        assert len(columns(lite)) == 18


def test_processes_opening_a_new_postgresql_store_at_once_migrate_it_once(postgres_server):
    url = postgres_server.new_database()
    opened, failed = [], []

    def open_it() -> None:
        try:
            with open_store(url) as store:
                opened.append(store.schema_version)
        except Exception as error:  # noqa: BLE001 (a failure is what the test looks for)
            failed.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed and opened == [len(MIGRATIONS)] * 6


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


SEARCHED = ["Firefighters contained the blaze near the grain terminal in Genoa.",
            "The minister resigned after the audit of the grain board.",
            "Dock workers in Genoa went on strike over the terminal's night shifts.",
            "A strikingly calm session of parliament ended early."]


@pytest.mark.parametrize(("query", "found"), [
    ("grain", [0, 1]),
    ("GRAIN terminal", [0]),                      # words side by side: all of them
    ("grain AND terminal", [0]),
    ('"grain terminal"', [0]),                    # a phrase: in that order
    ('"terminal grain"', []),
    ("minister OR strike", [1, 2]),
    ("genoa NOT strike", [0]),
    ("strik*", [2, 3]),                           # a prefix
    ('"grain term"*', [0]),
    ("(minister OR strike) NOT genoa", [1]),
    ("grain OR genoa strike", [0, 1, 2]),         # AND binds tighter than OR
    ('"terminal\'s"', [2]),                      # a word with an apostrophe, as a phrase
    ('grain "-"', [0, 1]),                        # a phrase of no words, as a lenient search box sends
    ('"-"', []),
])
def test_search_reads_the_readme_query_syntax(store, query, found):
    articles = [make_article(text, day=10 + number) for number, text in enumerate(SEARCHED)]
    for article in articles:
        store.add_article(article, b"", "m")
    assert sorted(articles.index(article) for article, _ in store.search(query)) == found
    assert store.matching_article_ids(query, [a.id for a in articles]) == {articles[number].id for number in found}


@pytest.mark.parametrize("query", ['"unbalanced', "(grain", "grain)", "NOT grain", "grain OR", "grain AND NOT",
                                   "", "grain -terminal"])
def test_a_query_outside_the_syntax_is_a_store_error(store, query):
    store.add_article(make_article(SEARCHED[0]), b"", "m")
    with pytest.raises(StoreError, match="bad search query"):
        store.search(query)


def test_failed_batch_leaves_earlier_articles_intact(store):
    kept = make_article("The harbour reopened on Friday.")
    store.add_article(kept, b"", "m")
    with pytest.raises(INTEGRITY_ERRORS):
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
        open_store(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_newer_postgresql_schema_is_refused(postgres_server):
    url = postgres_server.new_database()
    open_store(url).close()
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("UPDATE schema_version SET version = %s", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="newer"):
        open_store(url)


def test_a_postgresql_server_that_cannot_be_reached_is_a_store_error(postgres_server):
    with pytest.raises(StoreError, match="cannot be opened"):
        open_store(postgres_server.url("no_such_database"))


def test_a_writer_waits_for_the_write_lock_then_gives_up(store_at):
    location = store_at("locked")
    with open_store(location) as mine, open_store(location, wait=0.3) as theirs:
        with mine.writing():
            mine.add_article(make_article("The harbour reopened on Friday."), b"", "m")
            with pytest.raises(StoreBusy):
                with theirs.writing():
                    theirs.add_article(make_article("A second report."), b"", "m")
        with theirs.writing():
            theirs.add_article(make_article("A second report."), b"", "m")
        assert mine.count_articles() == 2


def test_the_story_list_filters_orders_and_pages_alike_in_both_backends(store):
    articles = [make_article("Grain ships wait at Odesa.", source="Harbor_Daily", day=10),
                make_article("The grain corridor reopens.", source="Civic Post", day=20),
                make_article("A blackout in Tripoli.", source="Civic Post", day=25)]
    stories = {"grain": articles[:2], "blackout": articles[2:]}
    with store.writing():
        for article in articles:
            store.add_article(article, b"", "m")
        store.save_story_update(StoryUpdate(
            None, [], {a.id: story for story, members in stories.items() for a in members},
            {story: story for story in stories}, [], [], {}))

    def ids(**filters) -> list[str]:
        return [story["id"] for story in store.stories(**filters)]

    assert ids() == ["grain", "blackout"] and ids(order="newest") == ["blackout", "grain"]
    assert ids(order="newest", limit=1, after="blackout") == ["grain"] and ids(limit=1, after="grain") == ["blackout"]
    assert ids(source="harbor_daily") == ["grain"] and ids(source="Harbor%") == ids(source="harbor daily") == []
    assert ids(source="CIVIC POST", order="newest") == ["blackout", "grain"]
    assert ids(since=datetime(2026, 3, 21, tzinfo=timezone.utc)) == ["blackout"]
    assert ids(until=datetime(2026, 3, 15, tzinfo=timezone.utc)) == ["grain"]
    assert ids(query="grain NOT corridor") == ids(query='"grain corridor"') == ["grain"]
    assert ids(query="blackout", source="Harbor_Daily") == []
    with pytest.raises(StoreError):
        store.stories(query='"unbalanced')
    listed = store.story("grain")
    assert (listed["headline"], listed["people"]) == ("Port fire", [])
    assert listed["sources"] == ["Civic Post", "Harbor_Daily"]
    with store.writing():
        store.keep_brief("grain", "k", {"title": "Grain corridor reopens"}, ["Lena Varga"])
    assert {k: store.story("grain")[k] for k in ("headline", "people")} == {
        "headline": "Grain corridor reopens", "people": ["Lena Varga"]}


def test_a_story_that_only_grew_is_summarised_as_counting_all_its_articles_would(store_at, monkeypatch):
    def article(text: str, source: str, day: int | None = None, title: str | None = None,
                url: str | None = None) -> Article:
        return Article(text=text, source=source, title=title, url=url,
                       published=None if day is None else datetime(2026, 3, day, tzinfo=timezone.utc))

    # Batches of (new articles, the story each joins, whether the story is new): undated and untitled first, an
    # earlier date and a title later, an article revised by a later batch and one revised in its own batch.
    batches = [
        ([(article("A fire at the port.", "Harbor Daily"), "fire"),
          (article("Smoke over the docks.", "Civic Post", 10, url="https://civic.example/smoke"), "fire")], {"fire"}),
        ([(article("Firefighters reach the pier.", "Harbor Daily", 5), "fire"),
          (article("The port fire is out.", "Nile Wire", 20, "Port fire out"), "fire"),
          (article("A blackout in Tripoli.", "Civic Post", 12), "blackout")], {"blackout"}),
        ([(article("Smoke over the docks clears.", "Civic Post", 11, url="https://civic.example/smoke"), "fire"),
          (article("Cranes stand idle.", "Harbor Daily", 25, "Cranes idle", "https://harbor.example/c"), "fire"),
          (article("Cranes stand idle again.", "Harbor Daily", 26, url="https://harbor.example/c"), "fire"),
          (article("Power returns to Tripoli.", "Tripoli Times", title="Power returns"), "blackout")], set()),
    ]
    summaries = []
    for name, incremental in (("grown", True), ("counted", False)):
        moments = itertools.count()  # each store stores its articles at the same moments
        monkeypatch.setattr("storyline.store.base._now", lambda: clock.stamp(
            datetime(2026, 4, 1, tzinfo=timezone.utc) + timedelta(seconds=next(moments))))
        with open_store(store_at(name)) as store:
            for batch, created in batches:
                with store.writing():
                    for new, _ in batch:
                        store.add_article(new, b"", "m")
                    grown = {story: [new.id for new, joined in batch if joined == story]
                             for story in {joined for _, joined in batch} - created}
                    store.save_story_update(StoryUpdate(
                        None, [], {new.id: story for new, story in batch}, {story: story for _, story in batch},
                        [], [], {}, grown if incremental else {}))
            summaries.append([{key: value for key, value in story.items() if key != "updated_at"}
                              for story in store.stories()])
    assert summaries[0] == summaries[1]
    fire = summaries[0][0]
    # Seven articles, less the two revised; the earliest date and first title come from later batches.
    assert (fire["id"], fire["articles"], fire["headline"]) == ("fire", 5, "Port fire out")
    assert fire["first_published"].startswith("2026-03-05") and fire["last_published"].startswith("2026-03-26")
    assert fire["sources"] == ["Civic Post", "Harbor Daily", "Nile Wire"]
    assert summaries[0][1]["headline"] == "Power returns" and summaries[0][1]["articles"] == 2


def test_the_entity_filter_finds_a_person_under_any_name_a_story_groups_with_theirs(store):
    for story in ("grain", "blackout", "quake"):
        with store.writing():
            article = make_article(f"A report on the {story}.")
            store.add_article(article, b"", "m")
            store.save_story_update(StoryUpdate(None, [], {article.id: story}, {story: story}, [], [], {}))
    with store.writing():
        # One story writes both spellings of one man; another only the second; the third a different Rashid.
        store.set_story_names("grain", StoryNames(["Abdul Latif Rashid"], [
            ("person:abdul-latif-rashid", "abdul latif rashid"), ("person:abdul-latif-rashid", "abdel latif rashid"),
            ("person:abdul-latif-rashid", "rashid"), ("gpe:odesa", "odesa")]))
        store.set_story_names("blackout", StoryNames(["Abdel Latif Rashid"], [
            ("person:abdel-latif-rashid", "abdel latif rashid"), ("person:abdel-latif-rashid", "rashid")]))
        store.set_story_names("quake", StoryNames(["Omar Rashid"], [
            ("person:omar-rashid", "omar rashid"), ("person:omar-rashid", "rashid")]))

    def ids(name: str, **filters) -> set[str]:
        return {story["id"] for story in store.stories(entity=name, **filters)}

    assert store.story("grain")["people"] == ["Abdul Latif Rashid"]
    assert ids("abdul latif rashid") == ids("abdel latif rashid") == {"grain", "blackout"}
    # A bare surname is not an alias across stories (it may be anyone's), but asked for, it finds every Rashid.
    assert store.aliases("abdul latif rashid") == {"abdul latif rashid", "abdel latif rashid"}
    assert ids("rashid") == {"grain", "blackout", "quake"} and ids("omar rashid") == {"quake"}
    assert ids("odesa") == {"grain"} and ids("nobody") == set() and ids("abdul latif rashid", query="quake") == set()
    with store.writing():  # named again, a story goes by its new names only
        store.set_story_names("quake", StoryNames(["Omar Rashid"], [
            ("person:omar-rashid", "omar rashid"), ("person:omar-rashid", "omar al rashid")]))
    assert ids("rashid") == {"grain", "blackout"} and ids("omar al rashid") == ids("omar rashid") == {"quake"}
    with store.writing():  # a merge takes the merged story's names away with it
        store.save_story_update(StoryUpdate(None, [], {}, {"grain": "grain"}, [], ["blackout"], {}))
    assert ids("abdel latif rashid") == {"grain"}


def test_jobs_are_kept_until_newer_finished_ones_push_the_oldest_out(store, monkeypatch):
    monkeypatch.setattr("storyline.store.jobs.KEPT_JOBS", 2)
    for number in range(4):
        with store.writing():
            store.add_job(f"job-{number}", {"done": 0})
            store.save_job(f"job-{number}", {"done": 1}, finished=number != 1)
    with store.writing():
        store.add_job("job-4", {"done": 0})
    # job-1 never finished (its server stopped): it stays; of the finished, the newest two do.
    assert [store.job(f"job-{n}") is not None for n in range(5)] == [False, True, True, True, True]
    data, finished, _ = store.job("job-1")
    assert data == {"done": 1} and not finished and store.job("job-3")[1]
