"""`--workers` and `--cluster`: the worker side of the pipeline on a real Dask LocalCluster of two worker processes
(started for the ingest, or running apart and given by its scheduler's address) makes the stories one process makes,
and a worker killed mid-batch loses nothing."""

import importlib.util
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storyline import parallel
from storyline.parse import nlp
from storyline.pipeline import KILL_AT_VARIABLE, KILL_ONCE_VARIABLE, Pipeline
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


def test_the_local_clusters_workers_start_with_the_model_this_process_loaded():
    """The workers are forked from the writer's process after it loaded spaCy: they share its model instead of
    importing Storyline and loading the model again at their first batch."""
    nlp.load()
    with parallel.local_client(2) as client:
        loaded = client.run(lambda: nlp.load.cache_info().currsize)
    assert list(loaded.values()) == [1, 1]


def test_the_last_batch_is_analysed_in_one_part_per_worker_and_handed_back_whole():
    """At the end of the input no worker waits while another analyses the last batch alone; the writer still
    stores the batches it was given."""
    parts = []

    def analyse(part, batch_size, **options):
        parts.append(part)
        return [f"analysed {item}" for item in part]

    batches = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i", "j", "k"]]
    with ThreadPoolExecutor(max_workers=1) as one_at_a_time:
        handed_back = list(parallel.analysed_on(one_at_a_time, batches, 3, analyse, workers=2))
    assert parts == [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"], ["j", "k"]]
    assert handed_back == [[f"analysed {item}" for item in batch] for batch in batches]


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
