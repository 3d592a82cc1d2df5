"""The same articles in the same order give the same stories, whatever the process: no story depends on hash
seeds, set order or a random seed left unset."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.corpus import Corpus

FULL_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-fulltext" / "articles.jsonl"
# Two topics of two near-miss stories each (two Oscar hosts, two coach firings of one team).
TOPICS = ("2_", "5_")


def stories(path: Path) -> tuple[list, list]:
    corpus = Corpus.open(path)
    try:
        found = sorted((sorted(a.source for a in corpus.story_articles(s["id"])), s["label"]) for s in corpus.stories())
        dates = sorted((a.source, a.published and a.published.isoformat(), a.published_inferred)
                       for a in corpus.articles())
    finally:
        corpus.close()
    return found, dates


@pytest.mark.slow
def test_the_same_articles_in_the_same_order_give_the_same_stories_in_every_process(tmp_path):
    if not FULL_TEXTS.is_file():
        pytest.skip("shared ECB+ full texts not available")
    lines = [line for line in FULL_TEXTS.read_text(encoding="utf-8").splitlines()
             if json.loads(line)["source"].startswith(TOPICS)]
    random.Random(7).shuffle(lines)
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    storyline = Path(sys.executable).with_name("storyline")
    runs = {seed: subprocess.Popen([str(storyline), "ingest", str(articles), "--db", str(tmp_path / f"{seed}.db")],
                                   env={**os.environ, "PYTHONHASHSEED": seed},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for seed in ("1", "2")}
    for run in runs.values():
        assert run.wait() == 0, run.stderr.read().decode()
    first, second = (stories(tmp_path / f"{seed}.db") for seed in runs)
    assert len(first[0]) >= 4 and len(first[1]) == len(lines)
    assert first == second
