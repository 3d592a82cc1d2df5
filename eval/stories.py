"""Online story clustering against ECB+ gold: documents arrive one at a time and join or start stories.

    python eval/stories.py [DATA] [--seed N] [--orders N] [--json] [--predictions FILE]

DATA is a CoNLL file in the ECB+ layout of ../shared/data/ecbplus-val/dataset.conll (default): one token a
line, tab-separated doc key ``topic/subtopic/doc``, sentence number, token number, token, coreference. The file
holds only the annotated sentences of each article (no titles, no dates), so an article's text is its sentences
in order, one a line, and its lead is its opening sentences (``storyline.stories.features.lead_text``). Nothing
in the scoring knows the layout: the index gets what the pipeline gives it, the features of the article's one
parse, its time expressions and its embedded lead (``storyline.stories.updates.story_features``).

Every document is parsed once (spaCy, batched) and its lead embedded once; the story index is then fed the
documents one at a time in a seeded random order (the run written with ``--predictions`` as JSON Lines
``{"doc": key, "story": id}``) and in document order. Predicted stories are scored against the gold subtopics
(``12/12ecb`` and ``12/12ecbplus`` are different stories of one topic) and against the gold topics, by pairwise
and B³ precision, recall and F1. ``--orders N`` adds N more random orders and reports the spread of B³ F1.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics.cluster import contingency_matrix

from storyline.parse import nlp
from storyline.stories import updates
from storyline.extract import timex
from storyline.model import Article
from storyline.stories.index import StoryIndex
from storyline.stories.features import StoryFeatures

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coref_metrics import Score, b_cubed  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/ecbplus-val/dataset.conll"


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
    return updates.story_features(parsed)


def cluster_online(items: list[StoryFeatures], order: list[int]) -> tuple[list[str], StoryIndex]:
    """The story of each item (in the input's order) after feeding them to a fresh index in ``order``."""
    index = StoryIndex()
    for i in order:
        index.assign(items[i])
    return [index.story_of(item.article_id) for item in items], index


def pairwise(table: np.ndarray) -> Score:
    together = float((table * (table - 1)).sum() / 2)
    predicted = float((table.sum(axis=0) * (table.sum(axis=0) - 1)).sum() / 2)
    gold = float((table.sum(axis=1) * (table.sum(axis=1) - 1)).sum() / 2)
    return Score(together / predicted if predicted else 1.0, together / gold if gold else 1.0)


def rounded(score: Score) -> dict[str, float]:
    return {name: round(value, 4) for name, value in score.as_dict().items()}


def against(gold: list[str], predicted: list[str]) -> dict[str, dict[str, float]]:
    documents = range(len(gold))
    return {"pairwise": rounded(pairwise(contingency_matrix(gold, predicted))),
            "b3": rounded(b_cubed(dict(zip(documents, gold)), dict(zip(documents, predicted))))}


def evaluate(documents: list[Document], predicted: list[str]) -> dict:
    return {
        "stories": len(set(predicted)),
        "subtopics": against([d.subtopic for d in documents], predicted),
        "topics": against([d.topic for d in documents], predicted),
    }


def event_counts(index: StoryIndex) -> dict[str, int]:
    counts: dict[str, int] = {}
    for event in index.history:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=1, help="seed of the random arrival order (default 1)")
    parser.add_argument("--orders", type=int, default=10, help="further random orders for the spread of B³ F1")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write the seeded random run as JSON Lines")
    args = parser.parse_args()

    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file")
    documents = read_conll(args.data)
    if not documents:
        sys.exit(f"{args.data}: no documents")
    start = time.perf_counter()
    items = story_features(documents)
    prepare_seconds = time.perf_counter() - start

    random_order = list(range(len(items)))
    random.Random(args.seed).shuffle(random_order)
    start = time.perf_counter()
    predicted, index = cluster_online(items, random_order)
    assign_ms = 1000 * (time.perf_counter() - start) / len(items)
    in_document_order, _ = cluster_online(items, list(range(len(items))))

    spread = []
    for offset in range(1, args.orders + 1):
        order = list(range(len(items)))
        random.Random(args.seed + offset).shuffle(order)
        spread.append(evaluate(documents, cluster_online(items, order)[0])["subtopics"]["b3"]["f1"])

    figures = {
        "data": str(args.data),
        "documents": len(documents),
        "gold_subtopics": len({d.subtopic for d in documents}),
        "gold_topics": len({d.topic for d in documents}),
        "random_order": {"seed": args.seed, **evaluate(documents, predicted), "events": event_counts(index)},
        "document_order": evaluate(documents, in_document_order),
        "more_random_orders": {
            "orders": len(spread),
            "subtopic_b3_f1_mean": round(float(np.mean(spread)), 4) if spread else None,
            "subtopic_b3_f1_min": min(spread, default=None),
            "subtopic_b3_f1_max": max(spread, default=None),
        },
        "seconds_parse_and_embed": round(prepare_seconds, 1),
        "ms_per_assignment": round(assign_ms, 2),
    }
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for document, story in zip(documents, predicted):
                out.write(json.dumps({"doc": document.key, "story": story}) + "\n")
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{len(documents)} documents, {figures['gold_subtopics']} gold subtopics, "
          f"{figures['gold_topics']} gold topics ({args.data})")
    for run in ("random_order", "document_order"):
        result = figures[run]
        print(f"\n{run.replace('_', ' ')}: {result['stories']} stories")
        for gold in ("subtopics", "topics"):
            for metric in ("pairwise", "b3"):
                s = result[gold][metric]
                print(f"  vs {gold:9} {metric:8}  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    more = figures["more_random_orders"]
    if spread:
        print(f"\nsubtopic B³ F1 over {len(spread)} more random orders: mean {more['subtopic_b3_f1_mean']:.3f}, "
              f"min {more['subtopic_b3_f1_min']:.3f}, max {more['subtopic_b3_f1_max']:.3f}")
    print(f"events in the random run: {figures['random_order']['events']}")
    print(f"parse + embed {prepare_seconds:.1f} s; {assign_ms:.2f} ms per assignment")


if __name__ == "__main__":
    main()
