"""Where an ingest's time goes: the pipeline's stages timed from outside, for bench/throughput.py.

The product carries no timers; this wraps the module functions the pipeline looks up at call time (the parse, the
per-article stages, the lead embeddings, the writer's store, assignment and date inference, the cluster's start)
for the length of one pass, and sums their wall time and the CPU time of the threads that ran them. On a cluster only the writer's side runs here; the workers'
side is read from Dask's task stream: how long the workers computed (wall time), against the time they were up,
and from the workers themselves: the CPU seconds they spent.
"""

from __future__ import annotations

import inspect
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from storyline import parallel, pipeline
from storyline.parse import nlp
from storyline.stories import pubdate, updates

# (owner, attribute, stage name): the functions a pass is timed through. Nested ones (the parse inside the
# analysis) are counted in both: the figures say each stage's own time and the whole's.
TIMED = [
    (parallel, "analysed_in_order", "writer waits for analysed batches"),
    (nlp, "parse", "parse (spaCy)"),
    (pipeline, "analyse", "per-article stages (mentions, quotes, time)"),
    (updates, "embed", "lead embeddings"),
    (updates, "features", "story features but embeddings"),
    (nlp, "to_bytes", "DocBin serialisation"),
    (pipeline.Pipeline, "_store_batch", "writer: store + assign + date (one transaction)"),
    (pipeline.Pipeline, "_assign", "writer: story assignment + dates"),
    (pipeline.Pipeline, "_name_stories", "writer: story names"),
    (pipeline.Pipeline, "_date_undated", "writer: publication-date inference"),
    (pipeline, "read", "reading inputs"),
    (pubdate, "evidence_of", "publication-date evidence (parse side)"),
    (nlp, "from_bytes", "DocBin reading (writer)"),
]


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        # The CPU time of the thread that ran each stage: on a shared machine wall time measures the other jobs as
        # much as the stage, and in one process the threads (parse, embedding, writer) contend for the GIL.
        self.cpu_seconds: dict[str, float] = defaultdict(float)
        self.cluster: dict[str, float] = {}

    def _add(self, name: str, start: float, cpu_start: float) -> None:
        self.seconds[name] += time.perf_counter() - start
        self.cpu_seconds[name] += time.thread_time() - cpu_start

    def _timed(self, function: Any, name: str) -> Any:
        add = self._add

        if inspect.isgeneratorfunction(function):
            def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
                iterator = function(*args, **kwargs)
                while True:
                    start, cpu_start = time.perf_counter(), time.thread_time()
                    try:
                        item = next(iterator)
                    except StopIteration:
                        add(name, start, cpu_start)
                        return
                    add(name, start, cpu_start)
                    yield item
            return generator

        def timed(*args: Any, **kwargs: Any) -> Any:
            start, cpu_start = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                add(name, start, cpu_start)
        return timed

    def _watched_cluster(self, analysed_on: Any) -> Any:
        """``parallel.analysed_on`` recording the workers' compute time from the task stream."""
        cluster = self.cluster

        def watched(client: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            from distributed import get_task_stream

            up = time.perf_counter()
            cpu_before = client.run(time.process_time)
            with get_task_stream(client) as stream:
                yield from analysed_on(client, *args, **kwargs)
            # The task stream's compute time is wall time: a task waiting for a core counts in it. The workers'
            # own CPU seconds (with their models' loading) say what the analysis cost.
            cpu_after = client.run(time.process_time)
            cluster["workers_cpu_seconds"] = sum(cpu_after[worker] - cpu_before.get(worker, 0.0)
                                                 for worker in cpu_after)
            cluster["workers"] = len(client.scheduler_info()["workers"])
            cluster["seconds_up"] = time.perf_counter() - up
            cluster["compute_seconds"] = sum(part["stop"] - part["start"] for task in stream.data
                                             for part in task["startstops"] if part["action"] == "compute")
            cluster["transfer_seconds"] = sum(part["stop"] - part["start"] for task in stream.data
                                              for part in task["startstops"] if part["action"] == "transfer")
        return watched

    @contextmanager
    def running(self) -> Iterator["Stopwatch"]:
        originals = [(owner, attribute, getattr(owner, attribute)) for owner, attribute, _ in TIMED]
        cluster_functions = [(parallel, "analysed_on", parallel.analysed_on),
                             (parallel, "local_client", parallel.local_client)]
        try:
            for (owner, attribute, function), (_, _, name) in zip(originals, TIMED):
                setattr(owner, attribute, self._timed(function, name))
            parallel.analysed_on = self._watched_cluster(parallel.analysed_on)
            parallel.local_client = self._timed_client(parallel.local_client)
            yield self
        finally:
            for owner, attribute, function in originals + cluster_functions:
                setattr(owner, attribute, function)

    def _timed_client(self, local_client: Any) -> Any:
        cluster = self.cluster

        @contextmanager
        def timed(workers: int) -> Iterator[Any]:
            start = time.perf_counter()
            with local_client(workers) as client:
                cluster["start_seconds"] = time.perf_counter() - start
                yield client
        return timed

    def figures(self, total: float) -> dict[str, Any]:
        found: dict[str, Any] = {name: round(seconds, 2) for name, seconds in self.seconds.items()}
        found["total"] = round(total, 2)
        found["cpu"] = {name: round(seconds, 2) for name, seconds in self.cpu_seconds.items()}
        if self.cluster:
            busy = self.cluster["compute_seconds"] / (self.cluster["workers"] * self.cluster["seconds_up"])
            found["cluster"] = {key: round(value, 2) for key, value in self.cluster.items()}
            found["cluster"]["worker_busy_share"] = round(busy, 3)
        return found
