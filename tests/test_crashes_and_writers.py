"""Nothing lost, nothing doubled, nobody blocked: ingests killed at named points and at random moments, a server
killed while it ingests, several processes writing one store at once, a store locked by another program, two
processes creating one store. The procedures are bench/reliability.py's, run fewer times here."""

import importlib.util
import multiprocessing
import random
import sqlite3
import sys
from pathlib import Path

import pytest

from storyline.store import StoreBusy, open_store
from storyline.store.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parents[1]


def load_bench(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reliability = load_bench("reliability")
EXAMPLES = reliability.EXAMPLES


@pytest.fixture(scope="module")
def references(tmp_path_factory):
    """Uninterrupted runs: in batches of three (as the kill tests ingest), and in one batch (as a server does)."""
    folder = tmp_path_factory.mktemp("reference")
    reliability.ingest_once(EXAMPLES, folder / "three.db", batch_size=3)
    reliability.ingest_once(EXAMPLES, folder / "one.db", batch_size=32)
    found = reliability.state(folder / "three.db"), reliability.state(folder / "one.db")
    assert not found[0].problems and len(found[0].published) == 14
    return found


@pytest.mark.slow
@pytest.mark.parametrize("point", reliability.KILL_POINTS)
def test_an_ingest_killed_at_a_named_point_leaves_every_article_in_its_story_after_the_next(tmp_path, references,
                                                                                          point):
    assert reliability.kill_trial(EXAMPLES, tmp_path / "killed.db", references[0], point=point) == []


@pytest.mark.slow
def test_ingests_killed_at_random_moments_leave_every_article_in_its_story(tmp_path, references):
    rng = random.Random(15)
    for number in range(2):
        db = tmp_path / f"killed-{number}.db"
        assert reliability.kill_trial(EXAMPLES, db, references[0], delay=rng.uniform(2, 7)) == []


@pytest.mark.slow
def test_a_server_killed_while_it_ingests_leaves_every_article_in_its_story(tmp_path, references):
    problems = reliability.server_kill_trial(EXAMPLES, tmp_path / "server.db", list(references), 6.0,
                                             reliability.free_port())
    assert problems == []


@pytest.mark.slow
def test_several_writers_at_once_make_the_stories_one_writer_would(tmp_path):
    folders = sorted(EXAMPLES.iterdir())
    groups = [[folders[0], folders[1]], [folders[2], folders[1]], [folders[3], folders[0]]]
    for trial in range(10):
        server_folder = folders[2] if trial == 0 else None  # the server writes too, in one trial
        assert reliability.writers_trial(groups, tmp_path / f"trial-{trial}.db", server_folder) == [], trial


@pytest.mark.slow
def test_several_writers_on_several_connections_to_postgresql_make_the_stories_one_writer_would(tmp_path,
                                                                                                 postgres_server):
    folders = sorted(EXAMPLES.iterdir())
    groups = [[folders[0], folders[1]], [folders[2], folders[1]], [folders[3], folders[0]]]
    for trial in range(2):
        server_folder = folders[2] if trial == 0 else None
        assert reliability.writers_trial(groups, postgres_server.new_database(), server_folder,
                                         tmp_path / f"server-{trial}.log") == [], trial


def test_a_store_locked_by_another_program_is_waited_for_then_refused_with_a_message(tmp_path):
    path = tmp_path / "locked.db"
    open_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with open_store(path, wait=0.3) as store:
        assert store.count_articles() == 0  # readers go on
        with pytest.raises(StoreBusy, match="busy: another process kept it locked for more than 0.3 s"):
            with store.writing():
                pass
    other.execute("ROLLBACK")
    with open_store(path, wait=0.3) as store, store.writing():
        pass


def test_the_command_line_says_a_store_is_busy_in_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from storyline.cli import main
    from storyline.store import sqlite

    path = tmp_path / "locked.db"
    (tmp_path / "report.txt").write_text("The harbour of Kessel reopened on Friday, the port authority said.\n")
    open_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(sqlite, "WRITE_WAIT_SECONDS", 0.3)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "report.txt"), "--db", str(path)])
    other.execute("ROLLBACK")
    assert result.exit_code == 4 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "error: " in result.stderr and "busy" in result.stderr and "Traceback" not in result.stderr


def _open(path: str, start: multiprocessing.Barrier, results: multiprocessing.Queue) -> None:
    start.wait()
    try:
        with open_store(path) as store:
            results.put(store.schema_version)
    except Exception as error:  # noqa: BLE001 - reported to the test
        results.put(repr(error))


def test_processes_creating_one_store_at_once_run_its_migrations_once(store_at):
    context = multiprocessing.get_context("spawn")
    for trial in range(3):
        path = store_at(f"new-{trial}")
        start, results = context.Barrier(4), context.Queue()
        processes = [context.Process(target=_open, args=(path, start, results)) for _ in range(4)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
        assert [results.get(timeout=5) for _ in processes] == [len(MIGRATIONS)] * 4


def test_the_story_generation_moves_with_every_change_of_the_stories(store_at):
    from storyline.stories.updates import StoryUpdate

    with open_store(store_at("s")) as store:
        first = store.story_generation()
        with store.writing():
            store.save_story_update(StoryUpdate(None, [], {}, {}, [{"event": "created", "story": "s1"}], [], {}))
        second = store.story_generation()
        with store.writing():
            store.clear_stories()  # a recluster keeps the index's size at zero, and still moves it
        assert first < second < store.story_generation()


def test_articles_an_earlier_storyline_left_outside_a_story_are_assigned_first(store_at):
    from storyline.corpus import Corpus
    from storyline.extract import analyse
    from storyline.ingest import read
    from storyline.parse import nlp

    folder = EXAMPLES / "port-fire-gdansk"
    path = store_at("orphans")
    # Stored, then stopped before assignment, as Storyline once could be.
    with open_store(path) as store, store.writing():
        for article in list(read([str(folder)]))[:2]:
            doc = next(nlp.parse([article.text]))
            store.add_article(article, nlp.to_bytes(doc), "model")
            for kind, records in analyse(article, doc).found.items():
                store.add_spans(article.id, kind, records)
    corpus = Corpus.open(path)
    report = corpus.ingest([str(folder)])
    assert report.duplicates == 2 and report.stored == 2
    assert all(corpus.story_of(article.id) for article in corpus.articles())
    assert not corpus.store.unassigned_article_ids()
    corpus.close()


def test_a_pipeline_notices_a_recluster_by_another_process_though_the_index_keeps_its_size(store_at, monkeypatch):
    from storyline.ingest import read
    from storyline.pipeline import Pipeline
    from storyline.stories import persistence

    path = store_at("shared")
    gdansk, genoa = (list(read([str(EXAMPLES / name)])) for name in ("port-fire-gdansk", "port-fire-genoa"))
    with open_store(path) as mine, open_store(path) as theirs:
        pipeline = Pipeline(mine)
        pipeline.add(gdansk)
        loads = []
        real_load = persistence.load_index
        monkeypatch.setattr(persistence, "load_index", lambda store: loads.append(1) or real_load(store))
        size = len(pipeline.index)
        assert Pipeline(theirs).recluster() and len(real_load(theirs)) == size  # same size, new stories
        pipeline.add(genoa)
        assert loads == [1]  # loaded again before assigning
        assert len(real_load(mine)) == len(gdansk) + len(genoa) and not mine.unassigned_article_ids()
