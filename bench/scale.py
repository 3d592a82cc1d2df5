"""Beyond one machine: the ingest rate with 1 and 2 Dask workers, and the one assigner's cost per article in a
PostgreSQL store of 1k and 100k articles.

    python bench/scale.py [--db-server URL] [--files N] [--articles N] [--parts P] [--assigner-store S] [--json]

Workers: a Dask cluster started apart (as `dask scheduler` and `dask worker` on other machines would be), its
workers' models loaded before the clock starts, and `Pipeline.ingest(..., cluster=ADDRESS)` into a new PostgreSQL
database, as `storyline ingest --cluster ADDRESS --db postgresql://…` runs it: the articles per second of the whole
ingest (workers parsing and analysing, the writer storing and assigning), the first N PolNeAR train texts.

Assigner: what the one writer does per article once the workers have done theirs: take the store's write lock,
assign the batch to stories, write what changed, name the stories it touched (their key people and every name of
their entities, resolved over their newest articles' mentions), commit: ``Pipeline._assign``, as the writer runs
it. The articles are bench/stories.py's synthetic ones (real PolNeAR paragraphs recombined into StoryFeatures:
parsing 100k articles would take hours on two cores), each batch stored before its clock starts, as the writer
stores it: the text of their paragraphs, with the mentions the pipeline's parse and mention stage find in each
paragraph (parsed once, before the clock starts), a headline of their first words and one of 40 outlets. They are
assigned 32 at a time (the pipeline's batch) into a PostgreSQL store that grows to 100k; the cost per article is the median over the last
1000 articles' batches at each size. On a shared machine the wall-clock cost of a window measures the
other jobs as much as this one (the load average can double between the 1k and the 100k window), so each window
also reports the CPU time the assigner spent per article, its own process's and its database connection's (the
server process's, read from /proc when the server runs on this machine, in clock ticks: a mean over the window,
not a median of batches): what the work costs, whatever else runs.

``--assigner-store sqlite`` runs the assigner part in a SQLite store instead, the same articles and batches: what
the embedded default's writes add. Without ``--db-server`` a throwaway PostgreSQL server is started in a temporary
folder (tests/postgres_server.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from storyline.model import Article, Mention, Span, normalise_text
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.store.postgres import PostgresStore

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TRAIN = ROOT.parent / "shared/data/polnear/data/train/text"
BATCH = 32
SIZES = [1_000, 10_000, 100_000]
WINDOW = 1000
OUTLETS = 40  # the outlets the synthetic articles come from, one drawn for each
HEADLINE_WORDS = 10


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _warm() -> None:
    """Run on each worker: load spaCy and the embedding model before the clock starts."""
    from storyline.parse import nlp
    from storyline.parse.embed import embed

    nlp.load()
    embed(["warm"])


def worker_rate(files: list[Path], workers: int, url: str) -> dict[str, float]:
    """Articles per second of an ingest of ``files`` into the store at ``url`` by a running cluster of
    ``workers`` worker processes."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, open_store(url) as store:
        client.run(_warm)
        start = time.perf_counter()
        report = Pipeline(store, batch_size=BATCH).ingest(map(str, files), cluster=cluster.scheduler_address)
        seconds = time.perf_counter() - start
    if report.errors or report.stored != len(files):
        sys.exit(f"the ingest with {workers} workers had trouble: {report.summary()}")
    return {"workers": workers, "articles": report.stored, "seconds": round(seconds, 1),
            "articles_per_second": round(report.stored / seconds, 2)}


def assigner_costs(count: int, url: str) -> list[dict[str, float]]:
    """The writer's milliseconds per article (lock, assign, store, name, commit) at each size of SIZES below
    ``count``, and at ``count``."""
    from storyline.parse.embed import embed
    from storyline.stories.index import StoryIndex

    stories = _module("bench_stories", ROOT / "bench" / "stories.py")
    sources, openings = stories.read_sources(stories.DEFAULT_DIRS)
    centres = embed(openings)
    plans = stories.plan(count, sources, seed=7)
    found = paragraph_mentions(sources, {key for plan in plans for key in plan.paragraphs})
    index = StoryIndex()
    per_article: list[float] = []
    cpu_per_article: list[float] = []
    rows = []
    marks = [size for size in SIZES if size < count] + [count]
    with open_store(url) as store:
        server_cpu = _server_cpu(store)
        writer = Pipeline(store, batch_size=BATCH)
        for start in range(0, count, BATCH):
            numbers = range(start, min(count, start + BATCH))
            with store.writing():  # the batch's articles and mentions, as the writer stores them before assigning
                for number in numbers:
                    article, mentions = bench_article(number, plans[number], sources, found)
                    store.add_article(article, b"", "bench")
                    store.add_spans(article.id, "mention", mentions)
            features = [stories.features_of(number, plans[number], sources, centres) for number in numbers]
            began, cpu_began = time.perf_counter(), time.process_time() + server_cpu()
            with store.writing():
                writer._assign(index, features, set(), lambda _: None, {})
            per_article += [(time.perf_counter() - began) / len(features)] * len(features)
            cpu_per_article += [(time.process_time() + server_cpu() - cpu_began) / len(features)] * len(features)
            size = len(per_article)
            if any(start < mark <= size for mark in marks):
                window = np.array(per_article[-WINDOW:]) * 1000
                cpu_window = np.array(cpu_per_article[-WINDOW:]) * 1000
                rows.append({"articles": size, "median_ms": round(float(np.median(window)), 3),
                             "mean_ms": round(float(window.mean()), 3),
                             "cpu_mean_ms": round(float(cpu_window.mean()), 3),
                             "load_average": [round(load, 2) for load in os.getloadavg()]})
                print(f"{size} articles: {rows[-1]}", file=sys.stderr)
    return rows


# A mention found in a paragraph: its offsets, label, cluster in the paragraph and role.
ParagraphMention = tuple[int, int, str, str, str | None]


def paragraph_mentions(sources: list, used: set[tuple[int, int]]) -> dict[tuple[int, int], list[ParagraphMention]]:
    """The mentions of each paragraph ``used`` (source, paragraph), found by the pipeline's parse and mention
    stage: once a paragraph, before the clock starts (parsing 100k articles would take hours on two cores)."""
    from storyline.extract import mentions
    from storyline.parse import nlp

    keys = sorted(used)
    texts = [normalise_text(sources[source][number].text) for source, number in keys]
    found = {}
    for key, text, doc in zip(keys, texts, nlp.parse(texts)):
        found[key] = [(m.span.start, m.span.end, m.span.label, m.entity_id.rsplit(":", 1)[1], m.role)
                      for m in mentions.extract(Article(text, id="p"), doc)]
    return found


def bench_article(number: int, plan, sources: list,
                  found: dict[tuple[int, int], list[ParagraphMention]]) -> tuple[Article, list[Mention]]:
    """A synthetic article as the writer stores it: its paragraphs' text with their mentions (so naming its story
    resolves real names), a headline of its first words, an outlet of OUTLETS and its date."""
    article_id, texts, found_here = f"a{number}", [], []
    for position, key in enumerate(plan.paragraphs):
        offset = sum(len(text) + 2 for text in texts)
        found_here += [Mention(Span(article_id, offset + start, offset + end, label),
                               f"{article_id}:{position}.{cluster}", role)
                       for start, end, label, cluster, role in found[key]]
        texts.append(normalise_text(sources[key[0]][key[1]].text))
    title = " ".join(texts[0].split()[:HEADLINE_WORDS])
    article = Article("\n\n".join(texts), id=article_id, title=title, source=f"Outlet {plan.seed % OUTLETS}",
                      published=plan.published)
    return article, found_here


def _server_cpu(store) -> Callable[[], float]:
    """A clock of the CPU seconds the store's server process has spent (its user and system time in /proc), or of
    none when the server is on another machine or there is no server."""
    if not isinstance(store, PostgresStore):  # SQLite works in this process: its time is the process's
        return lambda: 0.0
    host = store._connection.info.host
    if not (host.startswith("/") or host in ("localhost", "127.0.0.1", "::1")):
        return lambda: 0.0
    stat = Path(f"/proc/{store.db.execute('SELECT pg_backend_pid()').fetchone()[0]}/stat")
    ticks = os.sysconf("SC_CLK_TCK")

    def seconds() -> float:
        # The fields after the process name (which may hold spaces): utime and stime are the 12th and 13th.
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-server", help="a PostgreSQL server's URL whose user may create databases")
    parser.add_argument("--files", type=int, default=96, help="PolNeAR train texts ingested per worker count")
    parser.add_argument("--articles", type=int, default=SIZES[-1], help="largest store of the assigner part")
    parser.add_argument("--parts", default="workers,assigner", help="workers, assigner or both (comma-separated)")
    parser.add_argument("--assigner-store", choices=["postgresql", "sqlite"], default="postgresql",
                        help="the store the assigner part writes (sqlite: a file in a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    args = parser.parse_args()
    server = _module("postgres_server", ROOT / "tests" / "postgres_server.py")
    throwaway = None
    if args.db_server is None and (args.parts != "assigner" or args.assigner_store == "postgresql"):
        throwaway = server.PostgresServer(server.binaries())
        throwaway.start()
    new_database = throwaway.new_database if throwaway else lambda: _new_database(args.db_server)
    figures: dict[str, object] = {}
    try:
        if "workers" in args.parts:
            files = sorted(POLNEAR_TRAIN.glob("*.txt"))[:args.files]
            rates = [worker_rate(files, workers, new_database()) for workers in (1, 2)]
            figures["workers"] = rates
            figures["speedup_2_to_1"] = round(rates[1]["articles_per_second"] / rates[0]["articles_per_second"], 2)
        if "assigner" in args.parts:
            with tempfile.TemporaryDirectory() as folder:
                where = str(Path(folder) / "assigner.db") if args.assigner_store == "sqlite" else new_database()
                costs = assigner_costs(args.articles, where)
            figures["assigner_store"] = args.assigner_store
            figures["assigner"] = costs
            figures["assigner_ratio_largest_to_1k"] = round(costs[-1]["median_ms"] / costs[0]["median_ms"], 2)
            figures["assigner_cpu_ratio_largest_to_1k"] = round(costs[-1]["cpu_mean_ms"] / costs[0]["cpu_mean_ms"], 2)
    finally:
        if throwaway is not None:
            throwaway.stop()
    print(json.dumps(figures, indent=2) if args.json else figures)


def _new_database(server_url: str) -> str:
    import psycopg

    name = f"storyline_bench_{int(time.time())}_{np.random.randint(1_000_000)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, query = server_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


if __name__ == "__main__":
    main()
