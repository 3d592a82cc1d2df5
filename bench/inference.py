"""Cost of publication-date inference as an undated text grows: four times the text should cost at most about
four times as much (a book-length undated text once held the store's write lock for half a minute, its cost
growing with the square of its length).

    python bench/inference.py [--paragraphs N] [--json]

An undated report of N paragraphs (default 40) and one of 4N, each paragraph telling one meeting on a weekday and
again on a date with its year (so that inference weighs every candidate day), are parsed once; then what the
pipeline does under the store's write lock for a new undated article is timed on each (infer its date, value its
time expressions again), as processor seconds, the best of three runs from cold caches against the noise of a shared
machine. Prints both costs, the time expressions found in each and the ratio of the costs (about 4 is linear, about
16 quadratic).
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timezone
from time import process_time

from storyline.extract.timex import find
from storyline.model import Article
from storyline.parse import nlp
from storyline.extract.timex import values
from storyline.stories import pubdate
from storyline.stories.pubdate import infer_published, revalued

TODAY = date(2026, 1, 1)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "July", "October"]


def harbour_report(paragraphs: int) -> str:
    """Each paragraph tells one meeting twice: on a weekday (which moves with the publication day) and on a date
    with its year, in sentences alike enough to be evidence for each other, as a report and its background do."""
    return "".join(
        f"The harbour board of district {n} met on {WEEKDAYS[n % 7]} and approved the repairs of pier {n}, "
        f"dockers said yesterday. The harbour board of district {n} approved the repairs of pier {n} at a meeting "
        f"on {MONTHS[n % 5]} {1 + n % 28}, {1990 + n % 31}.\n\n" for n in range(paragraphs))


def inference_seconds(article: Article, doc) -> float:
    runs = []
    for _ in range(3):
        # Each run from cold caches, as for an article seen the first time.
        pubdate._RECENT.clear()
        values.valuer.cache_clear()
        values._rule_of.cache_clear()
        start = process_time()
        infer_published([(article, doc)], today=TODAY)
        revalued(Article(article.text, published=datetime(2020, 5, 1, tzinfo=timezone.utc)), doc)
        runs.append(process_time() - start)
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    short, long = Article(harbour_report(args.paragraphs)), Article(harbour_report(4 * args.paragraphs))
    docs = list(nlp.parse([short.text, long.text]))
    result = {"paragraphs": [args.paragraphs, 4 * args.paragraphs],
              "expressions": [len(find(article, doc)) for article, doc in zip((short, long), docs)],
              "cpu_seconds": [round(inference_seconds(article, doc), 4) for article, doc in zip((short, long), docs)]}
    result["ratio"] = round(result["cpu_seconds"][1] / result["cpu_seconds"][0], 2)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['paragraphs'][0]} paragraphs: {result['cpu_seconds'][0]} CPU s, "
              f"{result['paragraphs'][1]}: {result['cpu_seconds'][1]} CPU s; four times the text costs "
              f"{result['ratio']}× as much (4 linear, 16 quadratic)")


if __name__ == "__main__":
    main()
