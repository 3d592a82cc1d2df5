"""Cost of assigning one article to a story, and of storing what it changed, as the store grows from 1k to 100k.

    python bench/stories.py [DIR ...] [--articles N] [--json]

This measures the story index (candidate search, scoring, merging, splitting), not parsing or embedding: parsing
100k articles would take hours on two cores. The articles are synthesised as StoryFeatures straight from real
text, by recombining paragraphs of the shared corpora (DIR defaults to PolNeAR train and dev):

- a synthetic story draws its paragraphs from two real articles and has two names of its own besides the names
  in its paragraphs; each of its articles takes three to five of those paragraphs;
- terms are sublinear frequencies of lowercased words minus stop words, names are runs of capitalised words
  (those in the first paragraph count as lead names), years are four-digit years in the text;
- lead vectors: the real MiniLM embedding of each source article's opening, one mix per story, with per-article
  noise (cosine about 0.8 to the story's centre), so near and far neighbours are as in real news;
- stories start uniformly over two years and their articles follow within days; articles arrive in date order.

Each assignment is then stored on its own, in its own transaction, in a temporary SQLite store (the pipeline
stores a batch at a time: this is the dearest way). The store syncs to disk at checkpoints only (WAL with
``synchronous = NORMAL``): waiting for the disk costs the same per commit in a store of any size, and on a shared
machine it measures the other processes' writes more than this one's.

At each store size it prints the median, mean and 95th-percentile time of the last 1000 assignments, how many
candidate stories each was scored against (the work that must stay flat, unaffected by other processes), the
median and mean time of storing each and the rows it changed, and the process's peak resident memory; then the
ratio of the cost at the largest size to the cost at 1k (medians, which other processes on a shared machine
disturb less than means; the ratio of means is printed too), for assigning and for storing, and how long loading
the index from the store takes at the largest size.

Two figures tell whether the index still finds the right story as the store grows: the candidate recall, the share
of the last 1000 articles whose synthetic story had appeared before and was among the stories they were scored
against (the story holding the most of its earlier articles), and the B³ F1 of all stories found so far against
the synthetic ones. B³ also falls as the stream gets denser, since the synthetic stories draw on a fixed pool of
source articles: at 100k each of the 897 PolNeAR source articles feeds about 50 stories, and two stories of one
month often share half their paragraphs, which no index could tell apart.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.parse.embed import embed
from storyline.model import Article
from storyline.text.names import fold
from storyline.stories.index import StoryIndex
from storyline.stories.features import StoryFeatures
from storyline.stories.persistence import load_index
from storyline.stories.updates import update_of
from storyline.store import Store, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from coref_metrics import b_cubed  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/data"
DEFAULT_DIRS = [SHARED / "train/text", SHARED / "dev/text"]
SIZES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
WINDOW = 1000
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
ARTICLE_NOISE = 0.045  # per-dimension noise on unit vectors: cosine about 0.8 to the story's centre
STORY_NOISE = 0.03


@dataclass(frozen=True)
class Paragraph:
    text: str  # as read (bench/scale.py builds articles of it)
    terms: Counter
    names: frozenset[str]
    years: frozenset[int]


def paragraph(text: str) -> Paragraph:
    words = [w.lower() for w in WORD.findall(text)]
    return Paragraph(text, Counter(w for w in words if w not in ENGLISH_STOP_WORDS and len(w) > 2),
                     frozenset(fold(name) for name in NAME.findall(text)),
                     frozenset(int(year) for year in YEAR.findall(text)))


def read_sources(directories: list[Path]) -> tuple[list[list[Paragraph]], list[str]]:
    """Each source article's paragraphs, and its opening paragraph for embedding."""
    sources, openings = [], []
    for directory in directories:
        for path in sorted(directory.glob("*.txt")):
            texts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 12]
            if len(texts) >= 4:
                sources.append([paragraph(text) for text in texts])
                openings.append(texts[0])
    return sources, openings


@dataclass(frozen=True)
class Plan:
    """One synthetic article, cheap to keep for 100k: its story, paragraphs and date; features are built on arrival."""

    story: int
    sources: tuple[int, int]
    paragraphs: tuple[tuple[int, int], ...]
    published: datetime
    seed: int


def plan(count: int, sources: list[list[Paragraph]], seed: int) -> list[Plan]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    plans: list[Plan] = []
    story = 0
    while len(plans) < count:
        story += 1
        pair = tuple(rng.sample(range(len(sources)), 2))
        pool = [(source, i) for source in pair for i in range(len(sources[source]))]
        began = start + timedelta(days=rng.uniform(0, 730))
        for _ in range(min(1 + int(rng.expovariate(1 / 4)), count - len(plans))):
            plans.append(Plan(story, pair, tuple(rng.sample(pool, min(len(pool), rng.randint(3, 5)))),
                              began + timedelta(days=rng.expovariate(1 / 2)), rng.getrandbits(32)))
    return sorted(plans, key=lambda p: p.published)


def features_of(number: int, article: Plan, sources: list[list[Paragraph]], centres: np.ndarray) -> StoryFeatures:
    noise = np.random.default_rng(article.seed)
    story_noise = np.random.default_rng(article.story)
    centre = centres[article.sources[0]] + centres[article.sources[1]]
    centre = centre / np.linalg.norm(centre) + story_noise.normal(0, STORY_NOISE, centre.shape[0])
    vector = centre / np.linalg.norm(centre) + noise.normal(0, ARTICLE_NOISE, centre.shape[0])
    chosen = [sources[source][i] for source, i in article.paragraphs]
    terms: Counter = Counter()
    for p in chosen:
        terms.update(p.terms)
    own_names = {f"story name {article.story} {i}" for i in range(2)}
    return StoryFeatures(
        article_id=f"a{number}", published=article.published,
        vector=(vector / np.linalg.norm(vector)).astype(np.float32),
        entity_keys=frozenset(own_names.union(*(p.names for p in chosen))),
        lead_entity_keys=frozenset(own_names | chosen[0].names),
        years=frozenset(y for p in chosen for y in p.years) | {article.published.year},
        terms={t: 1.0 + float(np.log(c)) for t, c in terms.items()},
        event_words=frozenset(t for t, _ in terms.most_common(10)),
    )


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directories", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--articles", type=int, default=SIZES[-1], help="largest store size (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    args = parser.parse_args()

    sources, openings = read_sources(args.directories)
    centres = embed(openings)
    plans = plan(args.articles, sources, args.seed)
    sizes = [size for size in SIZES if size <= args.articles]
    memory_before = peak_memory_mb()

    with tempfile.TemporaryDirectory() as directory, open_store(Path(directory) / "stories.db") as store:
        figures = measure(plans, sources, centres, sizes, store, args.json)
    figures["peak_memory_before_index_mb"] = round(memory_before, 1)
    figures["source_articles"] = len(sources)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"cost at {figures['sizes'][-1]['articles']} ÷ cost at {figures['sizes'][0]['articles']}: assigning "
          f"{figures['ratio_median_cost_largest_to_1k']} (medians), {figures['ratio_mean_cost_largest_to_1k']} "
          f"(means); storing {figures['ratio_median_store_largest_to_1k']} (medians), "
          f"{figures['ratio_mean_store_largest_to_1k']} (means); {figures['total_assign_seconds']} s assigning, "
          f"{figures['total_store_seconds']} s storing, {figures['load_seconds']} s loading the index of "
          f"{figures['sizes'][-1]['articles']} articles; peak memory before the index {memory_before:.0f} MB")


def summary(seconds: list[float]) -> tuple[float, float, float]:
    """Median, mean and 95th percentile of the last WINDOW timings, in milliseconds."""
    window = np.array(seconds[-WINDOW:]) * 1000
    return (round(float(np.median(window)), 3), round(float(window.mean()), 3),
            round(float(np.percentile(window, 95)), 3))


def measure(plans: list[Plan], sources: list[list[Paragraph]], centres: np.ndarray, sizes: list[int], store: Store,
            quiet: bool) -> dict:
    index = StoryIndex()
    seconds: list[float] = []
    store_seconds: list[float] = []
    compared: list[int] = []
    changed_rows: list[int] = []
    found_candidates: list[bool] = []
    articles_of_story: dict[int, list[str]] = {}
    rows = []
    store.db.execute("PRAGMA synchronous = NORMAL")
    with store.writing():  # the articles the memberships refer to
        for number in range(len(plans)):
            store.add_article(Article(f"article {number}", id=f"a{number}"), b"", "bench")
    for number, article in enumerate(plans):
        features = features_of(number, article, sources, centres)
        earlier = Counter(index.story_of(article_id) for article_id in articles_of_story.get(article.story, ()))
        start = time.perf_counter()
        assignment = index.assign(features)
        seconds.append(time.perf_counter() - start)
        compared.append(assignment.compared)
        if earlier:
            found_candidates.append(index.story(earlier.most_common(1)[0][0]).id in assignment.candidates)
        articles_of_story.setdefault(article.story, []).append(features.article_id)
        changes = store.db.total_changes
        start = time.perf_counter()
        with store.writing():
            store.save_story_update(update_of(index, [(features, assignment)]))
        store_seconds.append(time.perf_counter() - start)
        changed_rows.append(store.db.total_changes - changes)
        if len(seconds) in sizes:
            median, mean, p95 = summary(seconds)
            store_median, store_mean, _ = summary(store_seconds)
            found = b_cubed({number: plan.story for number, plan in enumerate(plans[:len(seconds)])},
                            {number: index.story_of(f"a{number}") for number in range(len(seconds))})
            rows.append({"articles": len(seconds), "stories": len(index.stories()), "b3_f1": round(found.f1, 4),
                         "candidate_recall": round(float(np.mean(found_candidates[-WINDOW:])), 4),
                         "median_ms": median, "mean_ms": mean, "p95_ms": p95,
                         "stories_compared": round(float(np.mean(compared[-WINDOW:])), 1),
                         "store_median_ms": store_median, "store_mean_ms": store_mean,
                         "rows_changed": round(float(np.mean(changed_rows[-WINDOW:])), 1),
                         "peak_memory_mb": round(peak_memory_mb(), 1)})
            if not quiet:
                row = rows[-1]
                print(f"{row['articles']:>7} articles {row['stories']:>6} stories: {row['median_ms']:.2f} ms median, "
                      f"{row['mean_ms']:.2f} ms mean, {row['p95_ms']:.2f} ms p95 per article, "
                      f"{row['stories_compared']:.1f} stories compared; storing {row['store_median_ms']:.2f} ms "
                      f"median, {row['store_mean_ms']:.2f} ms mean, {row['rows_changed']:.1f} rows changed; "
                      f"candidate recall {row['candidate_recall']:.3f}, B³ F1 {row['b3_f1']:.3f}; "
                      f"peak memory {row['peak_memory_mb']:.0f} MB", flush=True)
    start = time.perf_counter()
    loaded = load_index(store)
    load_seconds = time.perf_counter() - start
    assert loaded.stories() == index.stories(), "the loaded index differs from the one kept in memory"
    return {
        "sizes": rows,
        "ratio_median_cost_largest_to_1k": round(rows[-1]["median_ms"] / rows[0]["median_ms"], 3),
        "ratio_mean_cost_largest_to_1k": round(rows[-1]["mean_ms"] / rows[0]["mean_ms"], 3),
        "ratio_median_store_largest_to_1k": round(rows[-1]["store_median_ms"] / rows[0]["store_median_ms"], 3),
        "ratio_mean_store_largest_to_1k": round(rows[-1]["store_mean_ms"] / rows[0]["store_mean_ms"], 3),
        "total_assign_seconds": round(sum(seconds), 1),
        "total_store_seconds": round(sum(store_seconds), 1),
        "load_seconds": round(load_seconds, 1),
        "history_events": len(index.history),
    }


if __name__ == "__main__":
    main()
