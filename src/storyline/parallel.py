"""The worker side of the pipeline on a Dask cluster: batches of articles parsed and analysed in other processes,
handed back in the order they were read, for the one process that writes to store them and assign their stories.

Story assignment is online and depends on order, so only the parse, the per-article stages and the lead
embeddings (everything before the store's write lock) go to the workers. A local cluster's workers are forked
from this process, spaCy loaded; a running cluster's workers load it at their first batch, and each worker loads the
embedding model then; all keep them. A few batches per worker are kept in flight so that the workers parse while
the writer stores. A worker that dies mid-batch loses nothing: Dask runs the batch again on
another worker (its nanny starts a new one), and the writer stores each article once whatever it is handed.

A local cluster costs its start (a second or two, then the embedding model loading in each worker), so an input
of fewer than ``MIN_ARTICLES_FOR_CLUSTER`` new articles is analysed in this process. A running cluster (the address
of its scheduler: machines that started ``dask scheduler`` and ``dask worker``) costs nothing to start, and takes
every input: the writer connects a client to it, and ``analysed_on`` serves it as the local one. Its workers must have
Storyline installed (the same version: they run ``pipeline.analyse_batch``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

# Below this many articles the cluster's start costs more than the other cores gain: two batches of 32 news
# articles take about 10 s on one core here, starting two workers and loading their models about as long.
MIN_ARTICLES_FOR_CLUSTER = 65
# Batches queued per worker: one being analysed, one waiting, so no worker idles while the writer stores.
IN_FLIGHT_PER_WORKER = 2
# The last batches of the input (one a worker) are sent in parts of this share of a batch at most (8 of 32
# articles): whole, the last batch a worker took kept it busy up to a batch's time (6 s here) after the other had
# nothing left; in parts, the first worker free takes the next part, so they end within a part's time.
TAIL_PARTS_PER_BATCH = 4
# Dask's statistical profiler samples each worker's threads every 10 ms for a dashboard a local cluster does not
# have: each sample takes the interpreter lock from the parse and walks its stack.
# The worker processes are forked from this one, which has loaded spaCy before the cluster starts (Dask spawns
# them by default): a spawned worker imported Storyline and loaded the models again at its first batch, and kept
# its own copy of the model's weights, where forked ones share this process's pages (and the cores' caches). On
# the first 200 PolNeAR train texts the two workers spent 40.9-42.7 CPU s forked against 48.5-50.4 spawned; on the
# first 400, 99.0 against 122.1.
# What cannot cross a fork is made again in the child (the embedding's session, the stage budgets' watchdog, the
# garbage collector's lock).
# Every Dask server (the scheduler and the nannies in this process, each worker) wakes its event loop every tick
# (20 ms by default) to time it, for a warning when a loop stalls past 3 s (``distributed.admin.tick.limit``): a
# second's tick still warns of that. Each also reads its process's CPU and memory for a dashboard every 500 ms (the
# system monitor), and each worker and its nanny its memory every 100 ms, to pause or stop a worker near its memory
# limit: a second is soon enough for a worker whose memory grows by a batch of articles at a time. An idle local
# cluster of two workers cost 1.88 CPU s in 30 s with Dask's defaults; 0.76-0.95 with the tick alone changed, 0.59
# and 0.51 with the tick and either monitor, 0.32-0.33 with all three.
# The scheduler hands a worker its next batch when it is free (a worker saturation of 1: one task a thread), not as
# soon as it is sent: a batch queued at a busy worker waits there while another worker idles (Dask's default, 1.1,
# gives each worker of one thread two tasks at once).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.worker.multiprocessing-method": "fork",
                 "distributed.admin.tick.interval": "1s", "distributed.admin.system-monitor.interval": "5s",
                 "distributed.worker.memory.monitor-interval": "1s", "distributed.scheduler.worker-saturation": 1.0}
# How long the writer tries to reach a running cluster's scheduler before it gives up.
CONNECT_SECONDS = 30

Analyse = Callable[..., list[Any]]
AnalyseHere = Callable[[Iterable[list[Any]], int], Iterator[list[Any]]]


def analysed_in_order(batches: Iterable[list[Any]], workers: int, batch_size: int,
                      analyse: Analyse, cluster: str | None = None,
                      analyse_here: AnalyseHere | None = None) -> Iterator[list[Any]]:
    """``analyse(batch, batch_size)`` of each batch, in order: on the running cluster whose scheduler is at
    ``cluster`` if given; else in this process for one worker or a small input (``analyse_here(batches,
    batch_size)`` when given: the same results, computed as suits one process), else on a local Dask cluster of
    ``workers`` processes started for the input and stopped after it."""
    if cluster is not None:
        with remote_client(cluster) as client:
            workers = max(1, len(client.scheduler_info()["workers"]))
            yield from analysed_on(client, batches, batch_size, analyse, workers)
        return
    batches = iter(batches)
    first: list[list[Any]] = []
    while workers > 1 and sum(map(len, first)) < MIN_ARTICLES_FOR_CLUSTER and (batch := next(batches, None)):
        first.append(batch)
    if sum(map(len, first)) < MIN_ARTICLES_FOR_CLUSTER:
        if analyse_here is not None:
            yield from analyse_here(chain(first, batches), batch_size)
        else:
            yield from (analyse(batch, batch_size) for batch in chain(first, batches))
        return
    with local_client(workers) as client:
        yield from analysed_on(client, chain(first, batches), batch_size, analyse, workers)


def analysed_on(client: Any, batches: Iterable[list[Any]], batch_size: int, analyse: Analyse,
                workers: int) -> Iterator[list[Any]]:
    """The batches analysed on a Dask cluster of ``workers`` workers through ``client``, handed back in the order
    they came in, with at most ``IN_FLIGHT_PER_WORKER`` a worker sent ahead. ``analyse`` must be importable by the
    workers (a module's function); the Docs stay on the workers (``keep_docs=False``): their DocBin bytes travel
    instead. The last ``workers`` batches are sent in parts (``TAIL_PARTS_PER_BATCH``), so the workers end the
    input together instead of one analysing a whole batch while the others have nothing left to do. Each batch is
    handed back whole, so the writer stores the same batches (an article's analysis does not depend on the others
    analysed with it)."""
    pending: deque[list[Any]] = deque()
    ahead: deque[list[Any]] = deque()  # read, not sent yet: the last ``workers`` are known only at the input's end

    def send(parts: list[list[Any]]) -> Iterator[list[Any]]:
        pending.append([client.submit(analyse, part, batch_size, keep_docs=False, pure=False) for part in parts])
        if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            yield _joined(pending.popleft())

    for batch in batches:
        ahead.append(batch)
        if len(ahead) > workers:
            yield from send([ahead.popleft()])
    while ahead:
        yield from send(_cut(ahead.popleft(), TAIL_PARTS_PER_BATCH))
    while pending:
        yield _joined(pending.popleft())


def _cut(batch: list[Any], parts: int) -> list[list[Any]]:
    """The batch in at most ``parts`` parts of about one size, in order."""
    size = -(-len(batch) // parts)
    return [batch[start : start + size] for start in range(0, len(batch), size)]


def _joined(futures: list[Any]) -> list[Any]:
    return [item for future in futures for item in future.result()]


@contextmanager
def remote_client(address: str) -> Iterator[Any]:
    """A Dask client of the running cluster whose scheduler is at ``address``."""
    from distributed import Client

    with Client(address, timeout=CONNECT_SECONDS) as client:
        yield client


@contextmanager
def local_client(workers: int) -> Iterator[Any]:
    """A Dask client of a local cluster of ``workers`` processes, one thread each, without a dashboard."""
    import dask  # imported here: a one-process ingest never starts Dask
    from distributed import Client, LocalCluster

    # The workers' nannies hand the configuration on to the worker processes they start.
    with dask.config.set(WORKER_CONFIG), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client
