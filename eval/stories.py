"""Online story grouping against the ECB+ gold stories: full articles streamed through the product, and the
annotated sentences fed to the story index.

    python eval/stories.py [ARTICLES] [--gold FILE] [--part tune|report|all] [--batch N] [--orders N] [--seed N]
                           [--conll FILE] [--json] [--predictions FILE]

Full texts (the figure of record). ARTICLES is a JSON Lines file of full articles as ``storyline ingest`` reads
them (default ``../shared/data/ecbplus-fulltext/articles.jsonl``), GOLD gives each article's ``url`` its ``doc``,
``topic`` and ``subtopic`` (default ``gold.jsonl`` beside ARTICLES); the subtopic is the gold story. The articles
of the part arrive as a stream: in a seeded random order, ``--batch`` articles at a time (default 20), each batch
written as a JSON Lines file and given to ``Corpus.ingest`` on one fresh store, the code a user runs; the stories
are then read back from the store. Two runs: dated as a feed would date them (their story's event day from
``data/ecbplus-event-dates.json`` plus 0-2 days, seeded per article) and undated, as ECB+ ships them. Each run
is repeated over ``--orders`` random orders (default 5; seeds SEED, SEED+1, ...) and reported as the mean, with
the spread of B³ F1. Stories are scored against the gold subtopics and topics by pairwise and B³ precision,
recall and F1.

Annotated sentences (a second figure). ``--conll`` (default ``../shared/data/ecbplus-val/dataset.conll``) holds
only the annotated sentences of the reporting topics, one token a line: doc key ``topic/subtopic/doc``, sentence
number, token number, token, coreference. An article's text is its sentences in order, one a line; each is
parsed once and its story features (``story_updates.story_features``) are fed to a fresh story index one article
at a time, in the same random orders and in document order.

Parts: ``report`` (default) is the ``ecbplus-val`` topics, ``tune`` the other topics 1-35 (no annotated
sentences), ``all`` both. ``--predictions`` writes every run's stories as JSON Lines
``{"run", "order", "doc", "story"}``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics.cluster import contingency_matrix
from tqdm import tqdm

from storyline.extract import timex
from storyline.parse import nlp
from storyline.stories import updates as story_updates
from storyline.corpus import Corpus
from storyline.model import Article
from storyline.stories.index import StoryIndex
from storyline.stories.features import StoryFeatures

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coref_metrics import Score, b_cubed  # noqa: E402
from ecbplus import (CONLL, FULL_TEXTS, PART_NAMES, PARTS, dated, event_dates, feed_day, in_part,  # noqa: E402
                     read_full_texts)


# --- scoring ----------------------------------------------------------------------------------------------------

def pairwise(table: np.ndarray) -> Score:
    together = float((table * (table - 1)).sum() / 2)
    predicted = float((table.sum(axis=0) * (table.sum(axis=0) - 1)).sum() / 2)
    gold = float((table.sum(axis=1) * (table.sum(axis=1) - 1)).sum() / 2)
    return Score(together / predicted if predicted else 1.0, together / gold if gold else 1.0)


def rounded(score: Score) -> dict[str, float]:
    return {name: round(value, 4) for name, value in score.as_dict().items()}


def against(gold: list[str], predicted: list[str]) -> dict[str, dict[str, float]]:
    items = range(len(gold))
    return {"pairwise": rounded(pairwise(contingency_matrix(gold, predicted))),
            "b3": rounded(b_cubed(dict(zip(items, gold)), dict(zip(items, predicted))))}


def score(subtopics: list[str], topics: list[str], predicted: list[str]) -> dict:
    return {"stories": len(set(predicted)), "subtopics": against(subtopics, predicted),
            "topics": against(topics, predicted)}


def mean_over(runs: list[dict]) -> dict:
    """Each figure's mean over the runs, and the spread of B³ F1 against the gold stories."""
    f1 = [run["subtopics"]["b3"]["f1"] for run in runs]
    mean = {gold: {metric: {name: round(float(np.mean([run[gold][metric][name] for run in runs])), 4)
                            for name in ("precision", "recall", "f1")}
                   for metric in ("pairwise", "b3")}
            for gold in ("subtopics", "topics")}
    return {"runs": len(runs), "stories": round(float(np.mean([run["stories"] for run in runs])), 1), **mean,
            "subtopic_b3_f1_min": min(f1), "subtopic_b3_f1_max": max(f1)}


def random_order(size: int, seed: int) -> list[int]:
    order = list(range(size))
    random.Random(seed).shuffle(order)
    return order


# --- full articles through the product --------------------------------------------------------------------------

def stream(records: list[dict], order: list[int], batch: int, progress: str) -> list[str]:
    """Ingest the records in ``order``, ``batch`` at a time, into a fresh store; the story of each record (in the
    records' order) as the store holds it afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Corpus.open(Path(scratch) / "storyline.db")
        try:
            batches = range(0, len(order), batch)
            for number, start in enumerate(tqdm(batches, desc=progress, unit="batch", leave=False, file=sys.stderr)):
                path = Path(scratch) / f"batch-{number}.jsonl"
                path.write_text("".join(json.dumps(records[i]) + "\n" for i in order[start:start + batch]),
                                encoding="utf-8")
                for error in corpus.ingest([str(path)]).errors:
                    print(f"batch {number}: {error}", file=sys.stderr)
            story_of = {article.source: corpus.story_of(article.id) for article in corpus.articles()}
        finally:
            corpus.close()
    return [story_of.get(record["source"]) or f"missing/{record['source']}" for record in records]


def full_text_runs(articles: Path, gold: Path, part: str, batch: int, orders: int, seed: int,
                   predictions: list[dict]) -> dict:
    texts = read_full_texts(articles, gold, part)
    if not texts:
        raise SystemExit(f"{articles}: no articles of the {PART_NAMES[part]}")
    days = event_dates()
    undated = [text.record for text in texts]
    feed = [dated(text.record, feed_day(text.doc, days[text.subtopic])) for text in texts]
    subtopics, topics = [t.subtopic for t in texts], [str(t.topic) for t in texts]
    result = {"articles": len(texts), "gold_stories": len(set(subtopics)), "gold_topics": len(set(topics))}
    for run, records in (("dated", feed), ("undated", undated)):
        runs = []
        for offset in range(orders):
            start = time.perf_counter()
            predicted = stream(records, random_order(len(records), seed + offset), batch, f"{run}, order {offset + 1}")
            runs.append({"seed": seed + offset, **score(subtopics, topics, predicted),
                         "seconds": round(time.perf_counter() - start, 1)})
            predictions += [{"run": f"full text, {run}", "order": seed + offset, "doc": text.doc, "story": story}
                            for text, story in zip(texts, predicted)]
        result[run] = {**mean_over(runs), "seconds_per_run": round(float(np.mean([r["seconds"] for r in runs])), 1),
                       "each": runs}
    return result


# --- annotated sentences through the story index ----------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    key: str
    text: str

    @property
    def subtopic(self) -> str:
        return self.key.rsplit("/", 1)[0]

    @property
    def topic(self) -> str:
        return self.key.split("/", 1)[0]


def read_conll(path: Path) -> list[Document]:
    """Documents in file order; each sentence on its own line, tokens separated by spaces."""
    sentences: dict[str, dict[str, list[str]]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.rstrip("\n").split("\t")
            if len(columns) < 5:
                sys.exit(f"{path}:{number}: expected 5 tab-separated columns, found {len(columns)}")
            key, sentence, _, token = columns[:4]
            sentences.setdefault(key, {}).setdefault(sentence, []).append(token)
    return [Document(key, "\n".join(" ".join(tokens) for tokens in by_sentence.values()))
            for key, by_sentence in sentences.items()]


def story_features(documents: list[Document]) -> list[StoryFeatures]:
    articles = [Article(document.text, source=document.key) for document in documents]
    parsed = [(article, doc, timex.extract(article, doc))
              for article, doc in zip(articles, nlp.parse(article.text for article in articles))]
    return story_updates.story_features(parsed)


def cluster_online(items: list[StoryFeatures], order: list[int]) -> tuple[list[str], StoryIndex]:
    """The story of each item (in the input's order) after feeding them to a fresh index in ``order``."""
    index = StoryIndex()
    for i in order:
        index.assign(items[i])
    return [index.story_of(item.article_id) for item in items], index


def evaluate(documents: list[Document], predicted: list[str]) -> dict:
    return score([d.subtopic for d in documents], [d.topic for d in documents], predicted)


def annotated_sentence_runs(path: Path, part: str, orders: int, seed: int, predictions: list[dict]) -> dict | None:
    documents = [d for d in read_conll(path) if in_part(int(d.topic), part)]
    if not documents:
        return None
    start = time.perf_counter()
    items = story_features(documents)
    seconds = time.perf_counter() - start
    runs = []
    for offset in range(orders):
        predicted, _ = cluster_online(items, random_order(len(items), seed + offset))
        runs.append({"seed": seed + offset, **evaluate(documents, predicted)})
        predictions += [{"run": "annotated sentences", "order": seed + offset, "doc": d.key, "story": story}
                        for d, story in zip(documents, predicted)]
    in_document_order, _ = cluster_online(items, list(range(len(items))))
    return {"file": str(path), "articles": len(documents), "gold_stories": len({d.subtopic for d in documents}),
            "random_orders": mean_over(runs), "document_order": evaluate(documents, in_document_order),
            "seconds_parse_and_embed": round(seconds, 1)}


# --- report -----------------------------------------------------------------------------------------------------

def rows(name: str, result: dict) -> list[str]:
    lines = []
    for gold in ("subtopics", "topics"):
        cells = "  ".join(f"{metric} P {result[gold][metric]['precision']:.3f} R {result[gold][metric]['recall']:.3f} "
                          f"F1 {result[gold][metric]['f1']:.3f}" for metric in ("pairwise", "b3"))
        lines.append(f"  {name:22} vs {gold:9}  {cells}")
    return lines


def report(figures: dict) -> str:
    full = figures["full_text"]
    lines = [f"ECB+ {PART_NAMES[figures['part']]}: {full['articles']} full articles, {full['gold_stories']} gold "
             f"stories in {full['gold_topics']} topics; batches of {figures['batch']}, "
             f"mean over {figures['orders']} random orders"]
    for run in ("dated", "undated"):
        result = full[run]
        lines += rows(f"full text, {run}", result)
        lines.append(f"  {'':22}    {result['stories']} stories on average; subtopic B³ F1 min "
                     f"{result['subtopic_b3_f1_min']:.3f}, max {result['subtopic_b3_f1_max']:.3f}; "
                     f"{result['seconds_per_run']:.0f} s a run")
    sentences = figures["annotated_sentences"]
    if sentences is None:
        lines.append("annotated sentences: none in this part (the CoNLL file holds the reporting topics only)")
    else:
        lines.append(f"annotated sentences of the same part ({sentences['articles']} articles, "
                     f"{sentences['gold_stories']} gold stories), through the story index:")
        lines += rows("random orders (mean)", sentences["random_orders"])
        lines += rows("document order", sentences["document_order"])
    lines.append(f"total {figures['seconds']:.0f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, default=FULL_TEXTS, help="full articles, JSON Lines")
    parser.add_argument("--gold", type=Path, help="the gold story of each article (default: gold.jsonl beside)")
    parser.add_argument("--part", choices=PARTS, default="report", help="ECB+ topics to run (default report)")
    parser.add_argument("--batch", type=int, default=20, help="articles per ingest call (default 20)")
    parser.add_argument("--orders", type=int, default=5, help="random orders per run (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first random order (default 1)")
    parser.add_argument("--conll", type=Path, default=CONLL, help="annotated sentences, ECB+ CoNLL")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write every run's stories as JSON Lines")
    args = parser.parse_args(argv)
    gold = args.gold or args.articles.parent / "gold.jsonl"
    for path in (args.articles, gold, args.conll):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    start = time.perf_counter()
    predictions: list[dict] = []
    figures = {"part": args.part, "batch": args.batch, "orders": args.orders, "seed": args.seed,
               "full_text": full_text_runs(args.articles, gold, args.part, args.batch, args.orders, args.seed,
                                           predictions),
               "annotated_sentences": annotated_sentence_runs(args.conll, args.part, args.orders, args.seed,
                                                              predictions)}
    figures["seconds"] = round(time.perf_counter() - start, 1)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for row in predictions:
                out.write(json.dumps(row) + "\n")
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
