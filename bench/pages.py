"""Page latencies of the web app, measured in-process through its ASGI interface (no network, as a reverse proxy
on the same machine would add little): the cheap pages, the story page and the brief API the first time a story's
brief is built and once it is kept, and the story and article lists of a store of 100,000 articles (the story list
also newest first, and filtered by outlet and by date).

    python bench/pages.py [--requests N] [--articles N] [--json]
    (bench/throughput.py --parts pages reports the same, with a store of 100,000 articles)

The small store is the bundled examples (14 articles), ingested for the run. The large one is built from it without
parsing anything again: its articles copied under new ids until there are ``--articles`` of them, each copy of a
story a story of its own, the summaries counted as the store keeps them; its texts stay out of the full-text index
(search is not measured there).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.corpus import Corpus
from storyline.store import open_store
from storyline.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def timed(client: TestClient, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"GET {url}: {response.status_code}")
    return seconds


def latencies(client: TestClient, url: str, requests: int) -> dict[str, float]:
    found = sorted(timed(client, url) for _ in range(requests))
    return {"p50_ms": round(1000 * statistics.median(found), 1),
            "p95_ms": round(1000 * found[max(0, int(0.95 * len(found)) - 1)], 1), "requests": requests}


def small_store(db: Path) -> None:
    corpus = Corpus.open(db)
    corpus.ingest([str(EXAMPLES)])
    corpus.close()


def large_store(small: Path, db: Path, articles: int) -> dict[str, int]:
    """A copy of ``small`` grown to ``articles`` articles by copying its articles and stories under new ids."""
    db.write_bytes(small.read_bytes())
    with open_store(db) as store, store.writing():
        sql = store.db.execute
        count = sql("SELECT count(*) FROM articles").fetchone()[0]
        sql("DROP TRIGGER articles_fts_insert")
        for copy in range(1, -(-articles // count)):
            sql("INSERT INTO articles (id, source, title, url, published, published_inferred, published_confidence,"
                " language, origin, revision_of, text, words, ingested_at) SELECT id || ?1, source, title,"
                " url || ?1, published, published_inferred, published_confidence, language, origin, NULL, text,"
                " words, ingested_at FROM articles WHERE rowid <= ?2", (f"-{copy}", count))
            sql("INSERT INTO stories (id, label, updated_at) SELECT id || ?1, label, updated_at FROM stories"
                " WHERE id NOT LIKE '%-%'", (f"-{copy}",))
            sql("INSERT INTO story_articles (article_id, story_id) SELECT article_id || ?1, story_id || ?1"
                " FROM story_articles WHERE article_id NOT LIKE '%-%'", (f"-{copy}",))
        store._story_changed(row[0] for row in sql("SELECT id FROM stories").fetchall())
        return {"articles": sql("SELECT count(*) FROM articles").fetchone()[0],
                "stories": sql("SELECT count(*) FROM stories").fetchone()[0]}


def measure(requests: int, articles: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.db", Path(tmp) / "large.db"
        small_store(small)
        figures: dict[str, object] = {}
        with TestClient(create_app(small)) as client:
            stories = client.get("/api/stories").json()
            article_id = client.get("/api/articles").json()[0]["id"]
            for name, url in {"story_list": "/", "article_list": "/articles", "article": f"/articles/{article_id}",
                              "api_stories": "/api/stories", "search": "/search?q=fire"}.items():
                figures[name] = latencies(client, url, requests)
            # The first brief also starts the builder process and loads the model: timed apart from the others.
            figures["first_brief_with_start_s"] = round(timed(client, f"/api/stories/{stories[0]['id']}/brief"), 2)
            builds = [timed(client, f"/stories/{story['id']}") for story in stories[1:]]
            figures["story_page_first_build_s"] = {"median": round(statistics.median(builds), 2),
                                                   "max": round(max(builds), 2), "stories": len(builds)}
            figures["story_page_kept"] = latencies(client, f"/stories/{stories[0]['id']}", requests)
            figures["brief_api_kept"] = latencies(client, f"/api/stories/{stories[1]['id']}/brief", requests)
        figures["large_store"] = large_store(small, large, articles)
        with TestClient(create_app(large)) as client:
            deep = client.get("/api/stories", params={"limit": 1000}).json()[-1]["id"]
            last = client.get("/api/articles", params={"limit": 1000}).json()[-1]["id"]
            for name, url in {"story_list": "/", "story_list_deep_page": f"/?after={deep}",
                              "story_list_newest": "/?order=newest", "story_list_by_outlet": "/?outlet=Harbor+Daily",
                              "story_list_since": "/?since=2026-09-01&order=newest",
                              "story_list_rare_outlet": "/?outlet=No+Such+Outlet",
                              "api_stories_page": "/api/stories?limit=100",
                              "article_list": "/articles", "article_list_deep_page": f"/articles?after={last}"}.items():
                figures[f"large_{name}"] = latencies(client, url, requests)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100, help="requests per measured page")
    parser.add_argument("--articles", type=int, default=100_000, help="articles of the large store")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(args.requests, args.articles)
    print(json.dumps(figures, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
