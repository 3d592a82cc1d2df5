"""`storyline watch` as a process, killed with SIGKILL mid-poll and restarted, and stopped with SIGTERM: no
article lost or stored twice, every alert fired and delivered once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from feedserver import Feed, FeedServer, example_items, page

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
STORYLINE = str(Path(sys.executable).parent / "storyline")
RUN_SECONDS = 300


@pytest.fixture
def feeds():
    """Two feeds of the bundled examples, seven linked articles each, and the server they are on."""
    with FeedServer() as server:
        items = example_items(EXAMPLES, server.base_url)
        server.state.feeds["/a.xml"] = Feed("Wire A", items[:7])
        server.state.feeds["/b.xml"] = Feed("Wire B", items[7:])
        for item in items:
            server.state.pages[f"/articles/{item.id}.html"] = page(item)
        yield server, items


def watch(db: Path, server, *options: str) -> subprocess.Popen:
    return subprocess.Popen([STORYLINE, "watch", server.url("/a.xml"), server.url("/b.xml"), "--fetch",
                             "--allow-private", "--host-delay", "0", "--every", "1h", "--db", str(db), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_at_page(server, process_of, number: int, signal_number: int = signal.SIGKILL) -> None:
    """Signal the watcher when it asks for its ``number``-th article page (counted from now)."""
    start = server.state.count("/articles/")

    def hook(path: str) -> None:
        if path.startswith("/articles/") and server.state.count("/articles/") - start == number:
            os.kill(process_of().pid, signal_number)

    server.state.on_request = hook


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_a_watcher_killed_mid_poll_resumes_with_nothing_lost_or_doubled(feeds, tmp_path):
    server, items = feeds
    db, alerts_file = tmp_path / "watch.db", tmp_path / "alerts.jsonl"
    subprocess.run([STORYLINE, "alerts", "add", "--name", "Zieliński", "--jsonl", str(alerts_file), "--db", str(db)],
                   check=True, capture_output=True)
    running = {}
    # First killed while fetching the second feed's articles (after the first feed was stored), then killed
    # again early in the next run, then polled to the end.
    for kill_at in (10, 3):
        kill_at_page(server, lambda: running["process"], kill_at)
        running["process"] = watch(db, server)
        assert running["process"].wait(RUN_SECONDS) == -signal.SIGKILL
        # The feed handled first was stored whole, with its stories; the other was caught mid-way both times.
        assert len(rows(db, "SELECT id FROM articles")) == 7
    server.state.on_request = None
    finished = watch(db, server, "--once")
    out, err = finished.communicate(timeout=RUN_SECONDS)
    assert finished.returncode == 0, err

    stored = rows(db, "SELECT id, url FROM articles")
    assert sorted(url for _, url in stored) == sorted(item.link for item in items)  # each once, none lost
    assert rows(db, "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)") == [(0,)]
    assert rows(db, "SELECT count(*), count(done_at), count(article_id) FROM feed_items") == [(14, 14, 14)]
    # Each page was asked for once, or again after a kill caught it before its item was recorded.
    asked = [server.state.count(f"/articles/{item.id}.html") for item in items]
    assert all(1 <= count <= 3 for count in asked) and sum(asked) < 14 + 10 + 3

    fired = rows(db, "SELECT id, kind FROM alerts")
    delivered = [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert fired and ("story" in {kind for _, kind in fired})
    assert sorted(line["alert"] for line in delivered) == sorted(alert_id for alert_id, _ in fired)
    assert rows(db, "SELECT DISTINCT status FROM alert_deliveries") == [("delivered",)]
    assert "1 changed, 1 unchanged, 0 failed; 7 articles stored, 0 already stored" in err


def test_sigterm_stops_after_the_batch_under_way(feeds, tmp_path):
    server, items = feeds
    db = tmp_path / "watch.db"
    running = {}
    kill_at_page(server, lambda: running["process"], 3, signal.SIGTERM)
    running["process"] = process = watch(db, server)
    _, err = process.communicate(timeout=RUN_SECONDS)
    assert process.returncode == 0 and "stopping after the batch under way" in err
    stored = rows(db, "SELECT url FROM articles")
    assert len(stored) == 3
    assert rows(db, "SELECT count(*) FROM feed_items WHERE done_at IS NOT NULL") == [(3,)]
    assert rows(db, "SELECT etag FROM feeds WHERE etag IS NOT NULL") == []  # read in full next time

    server.state.on_request = None
    finished = watch(db, server, "--once")
    _, err = finished.communicate(timeout=RUN_SECONDS)
    assert finished.returncode == 0, err
    assert len(rows(db, "SELECT url FROM articles")) == 14
    assert "11 articles stored, 0 already stored" in err  # the four left of the first feed, the other's seven
