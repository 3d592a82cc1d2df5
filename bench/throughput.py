"""Throughput of ingest + parse + store against bare spaCy, measured in one run.

    python bench/throughput.py [DIR] [--limit N] [--workers N] [--parts ingest,pages] [--json]

DIR defaults to ../shared/data/polnear/data/train/text. Six passes over the same texts:
  pipeline  — Storyline's ingest (read, deduplicate, parse once, per-article stages, store) into a fresh database;
  workers   — the same ingest with --workers N (default: the machine's cores) on a local Dask cluster, its start
              included; it must make the same stories;
  bare      — `nlp.pipe` with exactly the spaCy components the pipeline runs;
  bare_model_components — `nlp.pipe` with the model's own components alone, Storyline's (its NER fixes, paragraph
              sentences, clitics and meridiems) left out: what the pipeline costs on top of spaCy itself;
  ner_only  — `nlp.pipe` with the NER component alone, for reference;
  bare_processes — the bare `nlp.pipe` in --workers processes (spaCy's `n_process`), for reference.
The ratio pipeline ÷ bare tells what Storyline's own work costs on top of the parse (pipeline ÷
bare_model_components, what it costs with the project's spaCy components counted as its work); workers ÷ pipeline
what the other cores add, and bare_processes ÷ bare what they give spaCy alone: the ceiling of the workers'
speed-up.
Each ingest pass also reports where its time went (bench/stages.py: the writer's stages, and on the cluster its
start, the workers' busy share and their CPU seconds), the CPU seconds of this process and the load average before
and after it, since the machine is shared: a figure measured beside other work says little without them. Each pass
starts with this process's date caches empty, as a fresh process would. The pages part is bench/pages.py: the web
app's page latencies, kept briefs, a 100k-article store.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.parse import nlp
from storyline.ingest import read
from storyline.model import Article
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.extract.timex import anchoring, dates, days, values
from storyline.stories import pubdate

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402 - bench/pages.py, beside this script
from stages import Stopwatch  # noqa: E402 - bench/stages.py

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/data/train/text"


def rate(count: int, words: int, seconds: float) -> dict[str, float]:
    return {"articles": count, "words": words, "seconds": round(seconds, 2),
            "articles_per_s": round(count / seconds, 2), "words_per_s": round(words / seconds, 1)}


def load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


def timed_pipe(texts: list[str], disable: list[str], processes: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of a bare ``nlp.pipe`` over ``texts`` in ``processes`` processes (spaCy's own
    ``n_process``; the CPU seconds are this process's and its children's)."""
    language = nlp.load()
    start, cpu_start, children_start = time.perf_counter(), time.process_time(), children_cpu_seconds()
    with language.select_pipes(disable=disable):
        for _ in language.pipe(texts, batch_size=nlp.BATCH_SIZE, n_process=processes):
            pass
    cpu = time.process_time() - cpu_start + children_cpu_seconds() - children_start
    return time.perf_counter() - start, cpu


def own_components() -> list[str]:
    """The pipeline's components that are Storyline's (function components defined in its modules), not the
    model's."""
    return [name for name, component in nlp.load().pipeline
            if getattr(component, "__module__", "").startswith("storyline.")]


def children_cpu_seconds() -> float:
    """The CPU seconds of this process's children that have ended (spaCy's ``n_process`` workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_caches() -> None:
    """Empty what this process kept of an earlier pass (the date phrases of the articles it inferred, the values of
    phrases): each pass starts as a fresh process would, not from the first pass's work on the same texts."""
    pubdate._RECENT.clear()
    values.valuer.cache_clear()
    values._rule_of.cache_clear()
    anchoring.is_anaphoric.cache_clear()
    anchoring.period_of.cache_clear()
    dates.parse_calendar_date.cache_clear()
    days.calendar_reading.cache_clear()
    days.weekday_reading.cache_clear()


def timed_ingest(files: list[Path], db: Path, workers: int) -> tuple[float, set[frozenset[str]], dict[str, Any]]:
    """Seconds an ingest of ``files`` into a new store takes, the stories it makes and where its time went."""
    cold_caches()
    load_before = load_average()
    with open_store(db) as store, Stopwatch().running() as stopwatch:
        start, cpu_start = time.perf_counter(), time.process_time()
        report = Pipeline(store).ingest(map(str, files), workers=workers)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        if report.errors or report.warnings:
            sys.exit(f"the ingest with {workers} workers had trouble: {report.summary()}")
        stories = {frozenset(store.story_article_ids(story["id"])) for story in store.stories()}
    # The CPU time of this process (every thread): above the wall time when the embedding ran beside the parse;
    # with workers, the writer's own share of the cores.
    stages = {"load_average_before": load_before, "load_average_after": load_average(),
              "cpu_seconds_this_process": round(cpu_seconds, 2), "stage_seconds": stopwatch.figures(seconds)}
    return seconds, stories, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, help="use only the first N files")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes of the workers pass")
    parser.add_argument("--parts", default="ingest,pages", help="ingest, pages or both (comma-separated)")
    parser.add_argument("--requests", type=int, default=100, help="requests per measured page")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    figures = ingest_figures(args) if "ingest" in parts else {}
    if "pages" in parts:
        figures["pages"] = pages.measure(args.requests, 100_000)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    if "ingest" in parts:
        print(f"{figures['pipeline']['articles']} articles, {figures['pipeline']['words']} words "
              f"from {args.directory}")
        for name in ("pipeline", "workers", "bare_same_components", "bare_model_components", "bare_ner_only",
                     "bare_processes"):
            f = figures[name]
            print(f"{name:22} {f['articles_per_s']:8.2f} articles/s {f['words_per_s']:10.1f} words/s "
                  f"({f['seconds']} s, CPU {f.get('cpu_seconds_this_process', f.get('cpu_seconds_with_children', '-'))}"
                  f" s; load average "
                  f"{f.get('load_average_before') or f.get('load_average_after')})")
            for stage, value in f.get("stage_seconds", {}).items():
                print(f"    {stage}: {value}")
        print(f"pipeline throughput ÷ bare throughput (same components): {figures['ratio_pipeline_to_bare']}")
        print(f"pipeline throughput ÷ bare throughput (the model's components alone): "
              f"{figures['ratio_pipeline_to_bare_model_components']}")
        print(f"{args.workers} workers ÷ one process: {figures['speedup_workers_to_one_process']} "
              f"(same stories: {figures['workers']['same_stories_as_one_process']})")
        print(f"bare nlp.pipe in {args.workers} processes ÷ in one (the ceiling of the workers' speed-up): "
              f"{figures['speedup_bare_processes_to_bare']}")
    for name, value in figures.get("pages", {}).items():
        print(f"{name}: {value}")


def ingest_figures(args: argparse.Namespace) -> dict[str, object]:
    files = sorted(args.directory.glob("*.txt"))[: args.limit]
    # The same text twice is one article (the pipeline stores it once), so every pass sees each text once.
    articles = list({item.id: item for item in read(map(str, files)) if isinstance(item, Article)}.values())
    texts = [a.text for a in articles]
    words = sum(a.word_count for a in articles)
    nlp.load()  # loading the model is start-up cost, not throughput

    with tempfile.TemporaryDirectory() as tmp:
        pipeline_seconds, stories, pipeline_stages = timed_ingest(files, Path(tmp) / "one.db", workers=1)
        workers_seconds, workers_stories, workers_stages = timed_ingest(files, Path(tmp) / "workers.db",
                                                                        workers=args.workers)
    if sum(map(len, stories)) != len(articles):
        sys.exit(f"pipeline stored {sum(map(len, stories))} of {len(articles)} articles")

    all_components = nlp.load().pipe_names
    bare_load = load_average()
    bare_seconds, bare_cpu = timed_pipe(texts, disable=[])
    model_load = load_average()
    model_seconds, model_cpu = timed_pipe(texts, disable=own_components())
    ner_seconds, _ = timed_pipe(texts, disable=[name for name in all_components if name != "ner"])
    # The ceiling of the workers pass: what the same cores give spaCy alone, with nothing else to do.
    processes_load = load_average()
    processes_seconds, processes_cpu = timed_pipe(texts, disable=[], processes=args.workers)
    return {
        "directory": str(args.directory),
        "components": all_components,
        "cpus": os.cpu_count(),
        "pipeline": {**rate(len(articles), words, pipeline_seconds), **pipeline_stages},
        "workers": {"processes": args.workers, **rate(len(articles), words, workers_seconds),
                    "same_stories_as_one_process": workers_stories == stories, **workers_stages},
        "bare_same_components": {**rate(len(articles), words, bare_seconds), "load_average_before": bare_load,
                                 "cpu_seconds_this_process": round(bare_cpu, 2)},
        "bare_model_components": {**rate(len(articles), words, model_seconds), "load_average_before": model_load,
                                  "cpu_seconds_this_process": round(model_cpu, 2)},
        "bare_ner_only": {**rate(len(articles), words, ner_seconds), "load_average_after": load_average()},
        "bare_processes": {"processes": args.workers, **rate(len(articles), words, processes_seconds),
                           "load_average_before": processes_load, "load_average_after": load_average(),
                           "cpu_seconds_with_children": round(processes_cpu, 2)},
        "ratio_pipeline_to_bare": round(bare_seconds / pipeline_seconds, 3),
        "ratio_pipeline_to_bare_model_components": round(model_seconds / pipeline_seconds, 3),
        "speedup_workers_to_one_process": round(pipeline_seconds / workers_seconds, 3),
        "speedup_bare_processes_to_bare": round(bare_seconds / processes_seconds, 3),
    }


if __name__ == "__main__":
    main()
