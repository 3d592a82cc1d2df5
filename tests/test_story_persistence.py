"""The story index kept in the store per article: a loaded index decides exactly as one kept in memory."""

import dataclasses
import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from storyline.parse.embed import DIMENSIONS
from storyline.ingest import read
from storyline.model import Article
from storyline.stories import persistence
from storyline.corpus import Corpus
from storyline.pipeline import Pipeline
from storyline.stories.index import StoryConfig, StoryIndex
from storyline.stories.features import StoryFeatures
from storyline.stories.persistence import features_from_row, features_to_row, load_index
from storyline.stories.updates import StoryUpdate, update_of
from storyline.store import Store, StoreError, open_store
from storyline.store.schema import MIGRATIONS
from test_stories import LEAD_ONLY, basis, by_lead, reports  # noqa: F401 (reports is a fixture)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def synthetic_stream(count: int, seed: int) -> list[StoryFeatures]:
    """Stories with a centre, names and words of their own, some pairs of them alike (the same kind of event in
    the same places), articles arriving in date order over months: every signal and decision of the index."""
    rng = np.random.default_rng(seed)
    common = [f"common{i}" for i in range(300)]
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    stories = []
    for number in range(count // 4 + 1):
        twin = stories[-1] if stories and rng.random() < 0.3 else None
        centre = rng.normal(0, 1, DIMENSIONS)
        if twin:
            centre = twin["centre"] + 0.3 * centre / np.linalg.norm(centre) * np.linalg.norm(twin["centre"])
        stories.append({
            "centre": centre,
            "names": [f"person {number}", f"place {number}"] + (twin["names"] if twin else []),
            "words": [f"word{number}-{i}" for i in range(12)] + (twin["words"][:6] if twin else []),
            "began": start + timedelta(days=float(rng.uniform(0, 180))),
            "year": int(rng.choice([2019, 2023, 2024])),
        })
    articles = []
    for number in range(count):
        story = stories[int(rng.integers(len(stories)))]
        vector = story["centre"] / np.linalg.norm(story["centre"]) + rng.normal(0, 0.04, DIMENSIONS)
        words = [str(word) for pool, size in ((story["words"], 8), (common, 10))
                 for word in rng.choice(pool, size, replace=False)]
        names = sorted({str(name) for name in rng.choice(story["names"], 2, replace=False)})
        articles.append(StoryFeatures(
            article_id=f"a{number}",
            published=story["began"] + timedelta(days=float(rng.exponential(3))),
            vector=(vector / np.linalg.norm(vector)).astype(np.float32),
            entity_keys=frozenset(names),
            lead_entity_keys=frozenset(names[:1]),
            years=frozenset({story["year"]}),
            terms={word: 1.0 + float(np.log(1 + rng.integers(3))) for word in words},
            event_words=frozenset(words[:3]),
            names={name: name.title() for name in names},
        ))
    return sorted(articles, key=lambda item: item.published)


def add_placeholder_articles(store: Store, items: list[StoryFeatures]) -> None:
    for item in items:
        store.add_article(Article(f"text of {item.article_id}", id=item.article_id), b"", "test")


def save(store: Store, update: StoryUpdate) -> None:
    with store.writing():
        store.save_story_update(update)


def in_memory(items: list[StoryFeatures], config: StoryConfig) -> tuple[list, StoryIndex]:
    index = StoryIndex(config)
    return [index.assign(item) for item in items], index


def through_store(path: Path, items: list[StoryFeatures], config: StoryConfig, batch: int) -> tuple[list, StoryIndex]:
    """Assign ``batch`` articles at a time, each time in a newly opened store with the index loaded from it."""
    assignments = []
    for start in range(0, len(items), batch):
        with open_store(path) as store:
            index = load_index(store) if start else StoryIndex(config)
            add_placeholder_articles(store, items[start:start + batch])
            assigned = [(item, index.assign(item)) for item in items[start:start + batch]]
            save(store, update_of(index, assigned))
            assignments.extend(assignment for _, assignment in assigned)
    with open_store(path) as store:
        return assignments, load_index(store)


def assert_same_index(loaded: StoryIndex, kept: StoryIndex) -> None:
    assert loaded.stories() == kept.stories()
    assert loaded.history == kept.history
    for story in kept.stories():
        assert loaded.bookkeeping(story.id) == kept.bookkeeping(story.id)


def scenarios() -> dict[str, tuple[list[StoryFeatures], StoryConfig]]:
    rng = np.random.default_rng(0)
    a, b = basis(0), 0.7 * basis(0) + np.sqrt(1 - 0.49) * basis(1)
    merging = [by_lead(article_id, vector) for article_id, vector in
               [("a1", a), ("b1", b), ("a2", a), ("b2", b), ("bridge", a + b), ("a3", a), ("b3", b)]]
    near = 0.3 * basis(0) + np.sqrt(1 - 0.3**2) * basis(1)
    splitting = [by_lead(f"{name}{n}", centre + rng.normal(0, 0.005, DIMENSIONS), day=n)
                 for n in range(7) for name, centre in (("a", basis(0)), ("b", near))]
    return {
        "merge": (merging, StoryConfig(**LEAD_ONLY, join=0.8, merge=0.6)),
        "split": (splitting, StoryConfig(**LEAD_ONLY, join=0.25, merge=2.0)),
        "stream": (synthetic_stream(240, seed=3), StoryConfig()),
    }


DECISIONS = {"merge": {"merged"}, "split": {"split"}, "stream": {"created", "joined", "merged", "split"}}


@pytest.mark.parametrize("name", ["merge", "split", "stream"])
@pytest.mark.parametrize("batch", [1, 5])
def test_an_index_loaded_after_every_batch_decides_as_one_kept_in_memory(store_at, name, batch):
    items, config = scenarios()[name]
    expected, kept = in_memory(items, config)
    assert DECISIONS[name] <= {event.kind for event in kept.history}
    assignments, loaded = through_store(store_at("stories"), items, config, batch)
    assert assignments == expected
    assert_same_index(loaded, kept)
    # What the store lists (memberships, written only for the articles a batch moved) is what the index holds.
    with open_store(store_at("stories")) as store:
        assert {item.article_id: store.story_of(item.article_id) for item in items} == \
            {item.article_id: kept.story_of(item.article_id) for item in items}


def test_the_stream_leaves_stories_weighed_with_an_earlier_idf():
    items, config = scenarios()["stream"]
    _, kept = in_memory(items, config)
    # The index caches a story's IDF weighing until the store has grown by 2%: a replay must weigh as of then.
    stale = [story.id for story in kept.stories() if (kept.bookkeeping(story.id)[1] or len(kept)) < len(kept) - 10]
    assert stale


@pytest.mark.parametrize("order", [0, 1])
def test_real_reports_loaded_after_every_article(store_at, reports, order):  # noqa: F811
    items = [item for _, item in reports]
    random.Random(order).shuffle(items)
    expected, kept = in_memory(items, StoryConfig())
    assignments, loaded = through_store(store_at("reports"), items, StoryConfig(), batch=1)
    assert assignments == expected
    assert_same_index(loaded, kept)


def test_features_round_trip_through_their_row(reports):  # noqa: F811
    for _, item in reports:
        restored = features_from_row(item.article_id, *features_to_row(item))
        for field in dataclasses.fields(StoryFeatures):
            assert np.array_equal(getattr(restored, field.name), getattr(item, field.name)), field.name


def wal_bytes_of_each_save(path: Path, items: list[StoryFeatures]) -> list[int]:
    """What saving each assignment appends to the write-ahead log: the pages it changed, whatever they hold."""
    written = []
    with open_store(path) as store:
        store.db.execute("PRAGMA wal_autocheckpoint = 0")  # the log only grows: its growth is what a save wrote
        store.db.execute("PRAGMA synchronous = OFF")
        add_placeholder_articles(store, items)
        index = StoryIndex()
        wal = Path(f"{path}-wal")
        for item in items:
            assignment = index.assign(item)
            before = wal.stat().st_size
            save(store, update_of(index, [(item, assignment)]))
            written.append(wal.stat().st_size - before)
    return written


def test_what_an_assignment_writes_does_not_grow_with_the_store(tmp_path):
    items = synthetic_stream(500, seed=3)
    written = wal_bytes_of_each_save(tmp_path / "growing.db", items)
    early, late = np.mean(written[40:60]), np.mean(written[480:500])
    assert late <= 1.5 * early
    index_bytes = sum(len(row) + len(vector) for row, vector in map(features_to_row, items))
    assert late < index_bytes / 10  # a whole state document would be the index itself


def ingest(path: Path, files: list[Path]) -> StoryIndex:
    """Ingest in a process of its own, as it were: a new connection and pipeline; returns its story index."""
    with open_store(path) as store:
        pipeline = Pipeline(store, batch_size=4)
        report = pipeline.add(read_files(files))
        assert report.stored == len(files)
        return pipeline.index


def read_files(files: list[Path]) -> list[Article]:
    return list(read([str(path) for path in files]))


def memberships(path: Path) -> dict[str, str | None]:
    with open_store(path) as store:
        return {article.id: store.story_of(article.id) for article in store.articles()}


@pytest.fixture(scope="module")
def example_files() -> tuple[list[Path], list[Path]]:
    """The bundled examples: the first two reports of each story, then the others."""
    first, then = [], []
    for story in sorted(EXAMPLES.iterdir()):
        reports_of_story = sorted(story.glob("*.txt"))
        first += reports_of_story[:2]
        then += reports_of_story[2:]
    return first, then


def test_a_second_run_on_the_same_store_goes_on_with_the_stories_of_the_first(store_at, example_files):
    first, then = example_files
    one_run = ingest(store_at("one-run"), first + then)
    ingest(store_at("two-runs"), first)
    stories_after_first_run = set(memberships(store_at("two-runs")).values())
    second_run = ingest(store_at("two-runs"), then)
    assert memberships(store_at("two-runs")) == memberships(store_at("one-run"))
    assert second_run.history == one_run.history
    joined = [event for event in second_run.history[len(first):] if event.kind == "joined"]
    assert {event.story for event in joined} & stories_after_first_run

    with open_store(store_at("two-runs")) as store:
        pipeline = Pipeline(store, batch_size=4)
        assert pipeline.recluster() == len(set(memberships(store_at("one-run")).values()))
        loaded = load_index(store)
        assert len(loaded) == store.count_articles()
        assert_same_index(loaded, pipeline.index)


def test_a_batch_that_fails_while_stored_leaves_nothing_of_it_behind(store_at, example_files, monkeypatch):
    first, then = example_files
    path = store_at("failing")
    with open_store(path) as store:
        pipeline = Pipeline(store, batch_size=4)
        pipeline.add(read_files(first))
        before = memberships(path)

        def disk_full(*_):
            raise sqlite3.OperationalError("database or disk is full")

        with monkeypatch.context() as patch:
            patch.setattr(Store, "_save_bookkeeping", disk_full)
            with pytest.raises(sqlite3.OperationalError):
                pipeline.add(read_files(then[:2]))
        failed = {article.id for article in read_files(then[:2])}
        assert {article_id: story for article_id, story in memberships(path).items()
                if article_id not in failed} == before
        assert failed.isdisjoint(memberships(path))  # not stored without a story: not stored at all
        assert len(load_index(store)) == len(first)

        pipeline.add(read_files(then[2:]))  # the same pipeline goes on from what the store holds
        loaded = load_index(store)
        assert_same_index(loaded, pipeline.index)
        assert {article_id for article_id, story in memberships(path).items() if story} == \
            set(before) | {article.id for article in read_files(then[2:])}


def schema_3_database(path: Path, files: list[Path]) -> None:
    """A store as Storyline left it before schema 4: the whole story index in one state document."""
    ingest(path, files)
    raw = sqlite3.connect(path)
    raw.executescript("""
        DROP TABLE story_index_members; DROP TABLE story_index_stories; DELETE FROM state;
        DROP TABLE feed_items; DROP TABLE feeds; DROP TABLE alert_deliveries; DROP TABLE alerts;
        DROP TABLE watches; DROP TABLE story_digests;
        DROP TABLE jobs; DROP TABLE story_names;
        DROP TABLE briefs; DROP INDEX articles_listing; DROP INDEX stories_newest;
        ALTER TABLE stories DROP COLUMN headline; ALTER TABLE stories DROP COLUMN people;
        DROP INDEX stories_listing; ALTER TABLE stories DROP COLUMN articles; ALTER TABLE stories DROP COLUMN sources;
        ALTER TABLE stories DROP COLUMN first_published; ALTER TABLE stories DROP COLUMN last_published;
        ALTER TABLE stories DROP COLUMN first_stored; ALTER TABLE stories DROP COLUMN last_stored;
        INSERT INTO state (key, value, arrays, updated_at) VALUES ('story_index', '{"members": []}', x'00', '');
        PRAGMA user_version = 3;
    """)
    raw.close()


def test_a_schema_3_store_opens_and_asks_for_a_recluster_before_taking_articles(tmp_path, example_files):
    first, then = example_files
    path = tmp_path / "schema-3.db"
    schema_3_database(path, first)
    before = memberships(path)
    with open_store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        with pytest.raises(StoreError, match="recluster"):
            Pipeline(store).add(read_files(then))
        assert store.count_articles() == len(first)
        assert set(memberships(path).values()) == set(before.values())  # its stories can still be read
        assert Pipeline(store).recluster() == len(set(before.values()))
        pipeline = Pipeline(store, batch_size=4)
        pipeline.add(read_files(then))
        assert_same_index(load_index(store), pipeline.index)


def test_stories_built_with_settings_this_version_does_not_know_ask_for_a_recluster(tmp_path, example_files):
    first, then = example_files
    path = tmp_path / "other-version.db"
    ingest(path, first)
    before = memberships(path)
    with sqlite3.connect(path) as db:
        [(saved,)] = db.execute("SELECT value FROM state WHERE key = 'story_config'").fetchall()
        db.execute("UPDATE state SET value = ? WHERE key = 'story_config'",
                   (json.dumps({**json.loads(saved), "a_rule_of_another_version": 0.5}),))
    with open_store(path) as store:
        with pytest.raises(StoreError, match="a_rule_of_another_version.*recluster"):
            Pipeline(store).add(read_files(then))
        assert store.count_articles() == len(first) and memberships(path) == before
        assert Pipeline(store).recluster() == len(set(before.values()))
        pipeline = Pipeline(store, batch_size=4)
        pipeline.add(read_files(then))
        assert_same_index(load_index(store), pipeline.index)


def test_the_command_line_says_to_recluster_a_schema_3_store(tmp_path, example_files):
    from click.testing import CliRunner

    from storyline.cli import EXIT_BAD_DB, main

    first, then = example_files
    path = tmp_path / "schema-3.db"
    schema_3_database(path, first)
    result = CliRunner().invoke(main, ["ingest", *map(str, then), "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == EXIT_BAD_DB and "run `storyline recluster`" in result.stderr
    result = CliRunner().invoke(main, ["recluster", "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    result = CliRunner().invoke(main, ["ingest", *map(str, then), "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and len(memberships(path)) == len(first) + len(then)
    assert all(memberships(path).values())


@pytest.mark.slow
def test_ecbplus_in_random_order_loaded_after_every_batch(tmp_path, ecbplus_stories):
    _, _, items = ecbplus_stories
    items = list(items)
    # An order whose assignments merge and split stories, so that loading replays both (with the 40-word leads'
    # vectors the order of seed 1 merges none).
    random.Random(3).shuffle(items)
    expected, kept = in_memory(items, StoryConfig())
    assert {"merged", "split"} <= {event.kind for event in kept.history}
    assignments, loaded = through_store(tmp_path / "ecbplus.db", items, StoryConfig(), batch=16)
    assert assignments == expected
    assert_same_index(loaded, kept)


def test_a_corpus_loads_its_story_index_once_and_again_after_another_process_wrote(store_at, example_files,
                                                                                   monkeypatch):
    first, then = example_files
    ingest(store_at("one-run"), first + then)
    loads = []
    real_load = persistence.load_index
    monkeypatch.setattr(persistence, "load_index", lambda store: loads.append(1) or real_load(store))
    path = store_at("shared")
    server = Corpus.open(path)
    server.add(read_files(first[:4]))
    server.add(read_files(first[4:]))
    assert len(loads) == 1  # kept in memory between calls
    ingest(path, then[:2])  # another process, with its own connection and index
    server.add(read_files(then[2:]))
    assert len(loads) == 3  # the other process's load, then the server's reload of what it wrote
    server.close()
    assert memberships(path) == memberships(store_at("one-run"))


def test_the_http_api_answers_409_with_what_to_do_for_a_schema_3_store(tmp_path, example_files):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    first, then = example_files
    path = tmp_path / "schema-3.db"
    schema_3_database(path, first)
    with TestClient(create_app(path)) as client:
        response = client.post("/api/articles", content=then[0].read_bytes(), headers={"content-type": "text/plain"})
        assert response.status_code == 409
        assert "recluster" in response.json()["detail"]
        assert client.get("/api/stories").status_code == 200  # its stories can still be read
