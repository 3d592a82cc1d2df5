"""What the ECB+ evaluations share: the tuning and reporting topics, the full-text articles with their gold stories,
and the days a news feed would have dated them.

ECB+ topics 1-35 are split once for every script: the topics of ``../shared/data/ecbplus-val`` (2, 5, 12, 18, 21,
22, 23, 25, 32, 34, 35) are the reporting part, whose figures are the figures of record; the other topics are the
tuning part, the only ones rules may be tuned on.

The full texts (``../shared/data/ecbplus-fulltext/articles.jsonl``) are undated, as ECB+ ships them. A feed dates
an article when it is published, a little after the event it reports: ``feed_day`` gives each article its story's
event day (``data/ecbplus-event-dates.json``, derived by hand, with the evidence for each) plus 0-2 days, drawn
from a generator seeded by the article's document id, so every run and every script dates an article alike.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FULL_TEXTS = SHARED / "ecbplus-fulltext" / "articles.jsonl"
CONLL = SHARED / "ecbplus-val" / "dataset.conll"
EVENT_DATES = Path(__file__).resolve().parent / "data" / "ecbplus-event-dates.json"

REPORT_TOPICS = frozenset({2, 5, 12, 18, 21, 22, 23, 25, 32, 34, 35})
PARTS = ("tune", "report", "all")
PART_NAMES = {"tune": "tuning part", "report": "reporting part", "all": "tuning and reporting parts"}
FEED_DELAY_DAYS = 2


def in_part(topic: int, part: str) -> bool:
    if part == "all":
        return True
    return (topic in REPORT_TOPICS) == (part == "report")


@dataclass(frozen=True)
class FullText:
    """One article of the full texts, as ``storyline ingest`` reads it, with its gold story (ECB+ subtopic)."""

    record: dict
    doc: str
    topic: int
    subtopic: str


def read_full_texts(articles: Path, gold: Path, part: str) -> list[FullText]:
    """The articles of the part, in file order; every article must have a gold story."""
    stories = {}
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                stories[row["url"]] = row
    found = []
    with articles.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            row = stories.get(record.get("url"))
            if row is None:
                raise ValueError(f"{articles}:{number}: no gold story for {record.get('url')!r} in {gold}")
            if in_part(int(row["topic"]), part):
                found.append(FullText(record, row["doc"], int(row["topic"]), row["subtopic"]))
    return found


def event_dates(path: Path = EVENT_DATES) -> dict[str, date]:
    return {story: date.fromisoformat(entry["date"]) for story, entry in json.loads(path.read_text()).items()}


def feed_day(doc: str, event_day: date) -> date:
    return event_day + timedelta(days=random.Random(f"feed-day:{doc}").randint(0, FEED_DELAY_DAYS))


def dated(record: dict, day: date) -> dict:
    """The record as a feed would give it: published on that day."""
    return {**record, "published": day.isoformat()}
