"""`--workers` and `--cluster`: the worker side of the pipeline on a real Dask LocalCluster of two worker processes
(started for the ingest, or running apart and given by its scheduler's address) makes the stories one process makes,
and a worker killed mid-batch loses nothing."""

import importlib.util
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storyline import parallel
from storyline.ingest import read
from storyline.model import Article, Span
from storyline.parse import nlp
from storyline.pipeline import KILL_AT_VARIABLE, KILL_ONCE_VARIABLE, Pipeline, _collecting_rarely, analyse_batch
from storyline.text import gazetteer
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
BATCH = 3  # the 14 examples in five batches, so several are in flight at once


def _reliability():
    spec = importlib.util.spec_from_file_location("bench_reliability", ROOT / "bench" / "reliability.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reliability = _reliability()


def ingest(db: Path, workers: int):
    with open_store(db) as store:
        return Pipeline(store, batch_size=BATCH).ingest([str(EXAMPLES)], workers=workers)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    db = tmp_path_factory.mktemp("one") / "one.db"
    ingest(db, workers=1)
    return reliability.state(db)


@pytest.fixture
def cluster_for_small_inputs(monkeypatch):
    """The examples are fewer articles than a cluster is started for: start it for them all the same."""
    monkeypatch.setattr(parallel, "MIN_ARTICLES_FOR_CLUSTER", 1)
    started = []
    local_client = parallel.local_client

    def counted(workers):
        started.append(workers)
        return local_client(workers)

    monkeypatch.setattr(parallel, "local_client", counted)
    return started


def test_the_local_clusters_workers_run_without_dasks_profiler():
    """Dask's profiler would take the interpreter lock from each worker's parse every 10 ms; the local cluster's
    worker processes are started with it off."""
    import dask

    with parallel.local_client(2) as client:
        enabled = client.run(dask.config.get, "distributed.worker.profile.enabled")
    assert len(enabled) == 2 and not any(enabled.values())


def test_the_local_clusters_servers_wake_their_event_loops_every_second_not_every_20_ms():
    """Each worker's and the scheduler's loop times itself (the tick) and reads the process's CPU and memory
    (the monitors) once a second or less often, where Dask's defaults woke them every 20, 100 and 500 ms."""
    def intervals(server):
        return {name: server.periodic_callbacks[name].callback_time for name in ("tick", "monitor", "memory_monitor")
                if name in server.periodic_callbacks}

    with parallel.local_client(2) as client:
        workers = client.run(lambda dask_worker: intervals(dask_worker))
        scheduler = client.run_on_scheduler(lambda dask_scheduler: intervals(dask_scheduler))
    assert list(workers.values()) == [{"tick": 1000, "monitor": 5000, "memory_monitor": 1000}] * 2
    assert scheduler == {"tick": 1000, "monitor": 5000}


def test_the_local_clusters_workers_start_with_the_model_this_process_loaded():
    """The workers are forked from the writer's process after it loaded spaCy: they share its model instead of
    importing Storyline and loading the model again at their first batch."""
    nlp.load()
    with parallel.local_client(2) as client:
        loaded = client.run(lambda: nlp.load.cache_info().currsize)
    assert list(loaded.values()) == [1, 1]


def test_the_workers_start_with_the_gazetteer_the_ingest_built_before_forking_them():
    """Each worker built the city gazetteer again at its first batch (0.7 CPU s); an ingest builds it before its
    cluster starts, and the forked workers share it."""
    gazetteer._gazetteer.cache_clear()
    with _collecting_rarely(), parallel.local_client(2) as client:
        built = client.run(lambda: gazetteer._gazetteer.cache_info().currsize)
    assert list(built.values()) == [1, 1]


def test_the_last_batch_of_each_worker_is_analysed_in_parts_and_handed_back_whole():
    """At the end of the input no worker analyses a whole batch while another has nothing left to do: the last
    batches, one a worker, go in parts of a quarter batch at most; the writer still stores the batches it was
    given."""
    parts = []

    def analyse(part, batch_size, **options):
        parts.append(part)
        return [f"analysed {item}" for item in part]

    batches = [list("abcdefgh"), list("ijklmnop"), list("qrstuvwx"), list("yz")]
    with ThreadPoolExecutor(max_workers=1) as one_at_a_time:
        handed_back = list(parallel.analysed_on(one_at_a_time, batches, 8, analyse, workers=2))
    assert parts == [list("abcdefgh"), list("ijklmnop"), list("qr"), list("st"), list("uv"), list("wx"), ["y"], ["z"]]
    assert handed_back == [[f"analysed {item}" for item in batch] for batch in batches]


def test_what_a_worker_hands_back_pickles_its_spans_and_date_phrases_as_calls_of_their_constructors():
    """Python pickles a frozen dataclass with slots field by field, in Python (some 3,900 spans, time mentions and
    date phrases in a batch of 32 news articles, each pickled by a worker and unpickled by the writer): these go as
    calls of their constructors, and come back equal, a date phrase an article's evidence holds twice still one
    object (inference tells phrases apart by identity)."""
    article = Article("Dockers walked out on Saturday at the port of Gdansk. The strike began on 29 April 2023, "
                      "a union official said on Sunday. Talks resume on Monday.", source="test")
    [item] = analyse_batch([article], keep_docs=False)
    again = pickle.loads(pickle.dumps(item))
    assert again.found == item.found and again.article == item.article
    evidence, returned = item.date_evidence, again.date_evidence
    assert returned.statements == evidence.statements and returned.day_readings == evidence.day_readings
    assert returned.day_statements and all(any(phrase is kept for kept in returned.statements)
                                           for phrase in returned.day_statements)
    span = item.found["time"][0].span
    assert span.__reduce__() == (Span, (span.article_id, span.start, span.end, span.label))
    for phrase in (evidence.found[0], evidence.statements[0], evidence.day_readings[0]):
        assert phrase.__reduce__()[0] is type(phrase)


def test_the_local_clusters_scheduler_gives_a_worker_its_next_batch_when_it_is_free():
    """A batch sent to a busy worker would wait there while another worker idles: the scheduler keeps the
    batches queued until a worker is free (one task a worker thread)."""
    with parallel.local_client(2) as client:
        saturation = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.WORKER_SATURATION)
    assert saturation == 1.0


@pytest.mark.slow
def test_two_worker_processes_make_the_stories_and_dates_of_one_process(tmp_path, one_process,
                                                                        cluster_for_small_inputs):
    report = ingest(tmp_path / "two.db", workers=2)
    assert cluster_for_small_inputs == [2]
    assert report.stored == 14 and not report.errors
    found = reliability.state(tmp_path / "two.db")
    assert found.problems == []
    assert found.stories == one_process.stories
    assert found.published == one_process.published


@pytest.mark.slow
def test_a_worker_killed_mid_batch_loses_nothing_and_stores_each_article_once(tmp_path, one_process, monkeypatch,
                                                                              cluster_for_small_inputs):
    once = tmp_path / "killed-once"
    monkeypatch.setenv(KILL_AT_VARIABLE, "analysed")  # in the worker, after its batch is analysed
    monkeypatch.setenv(KILL_ONCE_VARIABLE, str(once))
    report = ingest(tmp_path / "killed.db", workers=2)
    assert once.exists()  # a worker was killed
    assert report.stored == 14 and report.duplicates == 0 and not report.errors
    found = reliability.state(tmp_path / "killed.db")
    assert found.problems == []  # nothing stored twice, nothing outside a story
    assert found.stories == one_process.stories and found.published == one_process.published


def test_a_small_input_is_analysed_without_starting_a_cluster(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(parallel, "local_client", lambda workers: started.append(workers))
    report = ingest(tmp_path / "small.db", workers=2)
    assert report.stored == 14 and started == []


@pytest.mark.slow
def test_a_running_cluster_given_by_its_address_makes_the_stories_of_one_process_in_postgresql(
        tmp_path, one_process, monkeypatch, postgres_server):
    """`storyline ingest --cluster ADDRESS --db postgresql://…`: the workers of a cluster started apart (as on other
    machines), one killed mid-batch; the one writer stores and assigns into a PostgreSQL store."""
    from click.testing import CliRunner
    from distributed import LocalCluster

    from storyline.cli import main

    once = tmp_path / "killed-once"
    monkeypatch.setenv(KILL_AT_VARIABLE, "analysed")  # the workers, started below, inherit it
    monkeypatch.setenv(KILL_ONCE_VARIABLE, str(once))
    url = postgres_server.new_database()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", url, "--cluster", cluster.scheduler_address,
                                           "--batch-size", str(BATCH), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert once.exists()  # a worker was killed
    found = reliability.state(url)
    assert found.problems == []  # nothing stored twice, nothing outside a story
    assert found.stories == one_process.stories and found.published == one_process.published


def _stored_by_the_writer(db: Path, batches: list[list], analysed_elsewhere: bool) -> tuple[set[str], dict]:
    """The batches' articles analysed (as a worker does, Docs left behind, or as one process does) and stored one
    batch after another; returns the stories still waiting to be named and each story's people."""
    with open_store(db) as store:
        pipeline = Pipeline(store)
        for batch in batches:
            pipeline._store_batch(analyse_batch(batch, keep_docs=not analysed_elsewhere))
        return store.stories_to_name(), {story["id"]: story["people"] for story in store.stories()}


def test_a_writer_fed_by_workers_names_the_stories_a_batch_left_alone_and_ends_with_the_names_of_one_process(
        tmp_path):
    """With the workers analysing, the writer names a story as soon as a batch leaves it alone, not in a tail at
    the end with the workers idle; a story a later batch changes is named again, so the names come out the same."""
    blackout, resignation = ([a for a in read([str(EXAMPLES / story)]) if isinstance(a, Article)]
                             for story in ("hungary-blackout", "lebanon-interior-minister-resigns"))
    waiting, people = _stored_by_the_writer(tmp_path / "workers.db", [blackout, resignation], True)
    one_waiting, one_people = _stored_by_the_writer(tmp_path / "one.db", [blackout, resignation], False)
    assert len(people) == 2 and len(waiting) == 1  # the resignation's story waits for the next batches
    assert one_waiting == set(people) and not any(one_people.values())  # one process names them all at the end
    named = next(story for story in people if story not in waiting)
    assert people[named] and not people[next(iter(waiting))]
    with open_store(tmp_path / "workers.db") as store:
        Pipeline(store)._name_changed_stories()
        at_the_end = {story["id"]: story["people"] for story in store.stories()}
    with open_store(tmp_path / "one.db") as store:
        Pipeline(store)._name_changed_stories()
        assert at_the_end == {story["id"]: story["people"] for story in store.stories()}


def test_a_revision_leaves_the_story_of_the_text_it_revises_to_be_named_again(tmp_path):
    """A story named while the workers analyse is named again when a later batch changes it: a revision changes
    the story of the text it revises (that text leaves it), whichever story the revision joins."""
    blackout, resignation = ([a for a in read([str(EXAMPLES / story)]) if isinstance(a, Article)]
                             for story in ("hungary-blackout", "lebanon-interior-minister-resigns"))
    blackout[0].url = "https://example.org/power-cut"
    revision = Article(resignation[0].text + "\nThis report was updated.", source=blackout[0].source,
                       url=blackout[0].url)
    with open_store(tmp_path / "revised.db") as store:
        pipeline = Pipeline(store)
        pipeline._store_batch(analyse_batch(blackout))
        pipeline._name_changed_stories()
        revised_story = store.story_of(blackout[0].id)
        pipeline._store_batch(analyse_batch([*resignation, revision]))
        assert store.article(revision.id).revision_of == blackout[0].id
        assert store.story_of(revision.id) != revised_story
        assert revised_story in store.stories_to_name()
