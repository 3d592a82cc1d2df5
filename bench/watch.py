"""One polling cycle over 1,000 local feeds, half of them unchanged (answering 304), and the delay from an item
appearing in a feed to its story updating, at the default schedule.

    python bench/watch.py [--feeds 1000] [--hosts 200] [--delay-feeds 20] [--every 10m] [--json]

The feeds are served from another process, on loopback addresses 127.0.0.1 to 127.0.0.N (one host name each, as
feeds of many outlets are; each host serves feeds/hosts feeds), by the feed server of the tests: real HTTP, ETags
and 304s. The watcher runs here with its defaults (one second between two requests to a host, two at once,
sixteen in flight). New items are the openings (headline and first three paragraphs) of PolNeAR train articles,
one a feed, with their outlet and date.

1. A first cycle over the feeds, all new and still empty: what polling alone costs.
2. Half the feeds get one new item each, the other half stay as they were: one cycle (the figure asked for):
   wall time, requests made and how many were 304s, articles stored, CPU time, and the peak resident memory of the
   process (spaCy and the MiniLM model loaded, which most of it is) with how much the cycle added.
3. A cycle with nothing new: every answer a 304.
4. The delay: the watcher runs on its own (``Watcher.run``) at the schedule given (default: its own ten minutes)
   over the first ``--delay-feeds`` feeds, and one new item appears in each at a random moment of one schedule
   period; the delay of each is measured from its appearance to its article being in a story in the store, and
   split into the wait for the next poll and the time from that poll's request to the story.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from statistics import mean, median

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from feedserver import Feed, FeedServer, Item, ServerState  # noqa: E402

from storyline.corpus import Corpus  # noqa: E402
from storyline.parse import nlp  # noqa: E402
from storyline.parse.embed import embed  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.watch.config import CONFIG  # noqa: E402
from storyline.watch.subscriptions import duration  # noqa: E402

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/data/train/text"
LEAD_PARAGRAPHS = 3


def polnear_items(count: int) -> list[dict]:
    """Openings of PolNeAR train articles as feed items (outlet and date from the file name)."""
    items = []
    for path in sorted(POLNEAR.glob("*.txt"))[:count]:
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        outlet, day = path.stem.split("_")[:2]
        items.append({"id": path.stem, "title": paragraphs[0], "text": "\n\n".join(paragraphs[1:1 + LEAD_PARAGRAPHS]),
                      "published": day, "source": outlet})
    if len(items) < count:
        raise SystemExit(f"{POLNEAR} holds {len(items)} articles; {count} are needed")
    return items


def serve(connection, hosts: int, feeds_per_host: int) -> None:
    """The feed servers' process: one server per loopback address sharing one state, each host's feeds under a
    path of its own; commands come over ``connection``."""
    state = ServerState()
    servers = [FeedServer(f"127.0.0.{number + 1}", state) for number in range(hosts)]
    urls = []
    for number, server in enumerate(servers):
        server.__enter__()
        for feed in range(feeds_per_host):
            path = f"/host{number}/feed{feed}.xml"
            state.feeds[path] = Feed(f"Feed {feed} of host {number}")
            urls.append(server.url(path))
    connection.send(urls)
    while True:
        command, argument = connection.recv()
        if command == "add":
            for url, item in argument:
                path = "/" + url.split("/", 3)[3]
                published = datetime.fromisoformat(item["published"]).replace(tzinfo=timezone.utc)
                with state.lock:
                    state.feeds[path].add(Item(item["id"], item["title"], article_url(url, item), item["text"],
                                               published, item["source"]))
            connection.send(len(argument))
        elif command == "count":
            with state.lock:
                connection.send(len(state.requests))
        elif command == "stop":
            for server in servers:
                server.__exit__(None, None, None)
            connection.send(None)
            return


def article_url(feed_url: str, item: dict) -> str:
    return f"{feed_url.rsplit('/', 1)[0]}/articles/{item['id']}.html"


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cycle(corpus: Corpus, control, urls: list[str], config) -> dict:
    before_requests = request_count(control)
    cpu, started = time.process_time(), time.perf_counter()
    watcher = corpus.watcher(urls, config=config, allow_private=True)
    report = watcher.poll(every_feed=True)
    watcher.close()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "cpu_seconds": round(time.process_time() - cpu, 2),
            "requests": request_count(control) - before_requests, "changed": report.changed,
            "not_modified": report.unchanged, "failed": report.failed, "articles_stored": report.stored,
            "peak_memory_mb": round(peak_memory_mb())}


def request_count(control) -> int:
    control.send(("count", None))
    return control.recv()


def delay_run(db: Path, control, urls: list[str], items: list[dict], config) -> dict:
    """Items appear at random moments of one schedule period; the watcher runs at the schedule; each delay is
    measured until the item's article is in a story."""
    corpus = Corpus.open(db)
    watcher = corpus.watcher(urls, config=config, allow_private=True)
    runner = threading.Thread(target=watcher.run, daemon=True)
    runner.start()
    monitor = open_store(db)
    rng = random.Random(7)
    plan = sorted((rng.uniform(0, config.every), url, item) for url, item in zip(urls, items))
    started = time.monotonic()
    appeared: dict[str, float] = {}
    landed: dict[str, float] = {}
    polled: dict[str, float] = {}
    appeared_at: dict[str, datetime] = {}
    landed_at: dict[str, datetime] = {}
    pending = list(plan)
    deadline = started + 2 * config.every * (1 + config.jitter) + 300
    while len(polled) < len(plan) and time.monotonic() < deadline:
        now = time.monotonic() - started
        while pending and pending[0][0] <= now:
            _, url, item = pending.pop(0)
            control.send(("add", [(url, item)]))
            control.recv()
            appeared[article_url(url, item)] = time.monotonic()
            appeared_at[article_url(url, item)] = datetime.now(timezone.utc)
        for link in list(appeared):
            if link not in landed:
                row = monitor.db.execute("SELECT a.id FROM articles a JOIN story_articles s ON s.article_id = a.id"
                                         " WHERE a.url = ?", (link,)).fetchone()
                if row:
                    landed[link] = time.monotonic()
                    landed_at[link] = datetime.now(timezone.utc)
            elif link not in polled:
                # The poll that brought it is recorded just after its articles: read once it is there.
                feed = next(url for _, url, item in plan if article_url(url, item) == link)
                last_poll = datetime.fromisoformat(monitor.db.execute(
                    "SELECT last_polled_at FROM feeds WHERE url = ?", (feed,)).fetchone()[0])
                if last_poll >= appeared_at[link]:
                    polled[link] = (landed_at[link] - last_poll).total_seconds()
        time.sleep(0.5)
    watcher.stop()
    runner.join()
    corpus.close()
    delays = sorted(landed[link] - appeared[link] for link in landed)
    after_poll = sorted(polled.values())
    if not delays:
        raise SystemExit(f"no item reached a story within {deadline - started:.0f} s")
    return {"items": len(plan), "landed": len(landed), "schedule_seconds": config.every,
            "delay_seconds": {"mean": round(mean(delays), 1), "median": round(median(delays), 1),
                              "p90": round(delays[int(0.9 * (len(delays) - 1))], 1), "max": round(delays[-1], 1)},
            "poll_to_story_seconds": {"median": round(median(after_poll), 1), "max": round(after_poll[-1], 1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--delay-feeds", type=int, default=20)
    parser.add_argument("--every", default=f"{CONFIG.every:g}", help="the schedule of the delay run (90, 10m …)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.feeds % args.hosts:
        parser.error("--feeds must be a multiple of --hosts")
    items = polnear_items(args.feeds // 2 + args.delay_feeds)

    control, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(child, args.hosts,
                                                                              args.feeds // args.hosts))
    server.start()
    urls = control.recv()
    results: dict = {"feeds": args.feeds, "hosts": args.hosts}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "watch.db"
        corpus = Corpus.open(db)
        corpus.add_feeds(urls)
        # The parser, the embedding model and the story index, loaded before anything is measured.
        corpus.pipeline.index
        nlp.load()
        embed(["warming up"])
        results["memory_before_mb"] = round(peak_memory_mb())
        config = replace(CONFIG, every=duration(args.every))  # the cycles set each feed's next poll by it
        results["first_cycle"] = cycle(corpus, control, urls, config)
        changed = urls[::2]
        control.send(("add", [(url, item) for url, item in zip(changed, items)]))
        control.recv()
        results["half_changed_cycle"] = cycle(corpus, control, urls, config)
        results["unchanged_cycle"] = cycle(corpus, control, urls, config)
        corpus.close()
        if args.delay_feeds:
            results["delay"] = delay_run(db, control, urls[1::2][:args.delay_feeds], items[args.feeds // 2:],
                                         config)
    control.send(("stop", None))
    control.recv()
    server.join()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name in ("first_cycle", "half_changed_cycle", "unchanged_cycle"):
        print(f"{name:20} {results[name]}")
    print(f"memory before polling: {results['memory_before_mb']} MB")
    if "delay" in results:
        print(f"delay: {results['delay']}")


if __name__ == "__main__":
    main()
