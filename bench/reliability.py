"""Reliability of ingest under kills, concurrent writers and hostile input, and the server's latency while a big
article is ingested.

    python bench/reliability.py [--kills N] [--trials N] [--fuzz-profile bench] [--json]

- kills: `storyline ingest` killed (SIGKILL) at each named point of the pipeline (analysed, stored, assigned,
  committed), at random moments, and a server killed while it ingests; each followed by the next command (the
  same ingest again). A kill is survived when afterwards every stored article is in a story and in the story
  index, nothing is stored twice, the index loads, and the stories and publication dates are those of one run
  that was never interrupted.
- writers: several `storyline ingest` processes and a server write one store at once; a trial is without error
  when every writer exits cleanly, no article is outside a story, and the stories are those one writer makes when
  fed the articles in the order the store's lock let them in (the stored features replayed through a fresh index).
- fuzz: the Hypothesis tests of tests/test_fuzz.py under a profile (``bench``: thousands of inputs), the number of
  inputs tried.
- server: p50/p95 of cheap requests (story list, article list, one article, search) while a 1,000,000-character
  article (PolNeAR texts joined) is posted and ingested, against the same requests on an idle server.

The test suite runs the same procedures, fewer times (tests/test_crashes_and_writers.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
KILL_POINTS = ["analysed", "stored", "assigned", "committed"]
CHEAP_PATHS = ["/api/stories", "/api/articles", "/", "/api/search?q=harbour"]


def storyline(*args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).parent / "storyline"), *args], env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


@dataclass
class StoreState:
    """What a store holds, as the checks compare it."""

    stories: set[frozenset[str]]  # each story's current articles
    published: dict[str, str | None]
    problems: list[str] = field(default_factory=list)
    people: dict[frozenset[str], list[str]] = field(default_factory=dict)  # each story's key people


def state(db: Path) -> StoreState:
    """The store's stories and dates, and everything wrong with it: articles outside a story or the index,
    texts stored twice, an index that does not load."""
    from storyline.stories.persistence import load_index
    from storyline.store import open_store

    problems = []
    with open_store(db) as store:
        articles = store.articles()
        members = {article_id for _, article_id, _, _ in store.index_members()}
        outside = [a.id for a in articles if store.story_of(a.id) is None or a.id not in members]
        if outside:
            problems.append(f"{len(outside)} articles outside a story")
        doubled = store.db.execute("SELECT count(*) FROM (SELECT 1 FROM articles GROUP BY source, text"
                                   " HAVING count(*) > 1) AS doubled").fetchone()[0]
        if doubled:
            problems.append(f"{doubled} texts stored twice")
        try:
            load_index(store)
        except Exception as error:  # noqa: BLE001 - any failure is what is reported
            problems.append(f"the story index does not load: {error}")
        by_story: dict[str, set[str]] = {}
        for article in articles:
            by_story.setdefault(store.story_of(article.id) or "", set()).add(article.id)
        people = {frozenset(by_story.get(story["id"], ())): story["people"] for story in store.stories()}
        return StoreState({frozenset(ids) for ids in by_story.values()},
                          {a.id: a.published.isoformat() if a.published else None for a in articles}, problems,
                          people)


def replayed_stories(db: Path) -> set[frozenset[str]]:
    """The stories one writer makes of the stored articles fed in the order the store's lock let them in: the
    stored features of each, in that order, through a fresh index."""
    from storyline.stories.index import StoryIndex
    from storyline.stories.persistence import features_from_row
    from storyline.store import open_store

    index = StoryIndex()
    with open_store(db) as store:
        for _, article_id, data, vector in store.index_members():
            index.assign(features_from_row(article_id, data, vector))
    return {frozenset(story.article_ids) for story in index.stories()}


def differences(found: StoreState, reference: StoreState) -> list[str]:
    problems = list(found.problems)
    if found.stories != reference.stories:
        problems.append("the stories differ from those of an uninterrupted run")
    if found.published != reference.published:
        changed = [i for i in reference.published if found.published.get(i) != reference.published[i]]
        problems.append(f"{len(changed)} publication dates differ from those of an uninterrupted run")
    if found.stories == reference.stories and found.people != reference.people:
        problems.append("the stories' key people differ from those of an uninterrupted run")
    return problems


def ingest_once(folder: Path, db: Path, batch_size: int = 3) -> None:
    process = storyline("ingest", str(folder), "--db", str(db), "--batch-size", str(batch_size))
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"ingest failed ({process.returncode}): {stderr[-2000:]}")


def kill_trial(folder: Path, db: Path, reference: StoreState, *, point: str | None = None,
               delay: float | None = None, batch_size: int = 3) -> list[str]:
    """Kill an ingest at a named point or after ``delay`` seconds, run it again, and say what is wrong after."""
    process = storyline("ingest", str(folder), "--db", str(db), "--batch-size", str(batch_size),
                        env={"STORYLINE_KILL_AT": point} if point else None)
    if delay is not None:
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    process.communicate()
    ingest_once(folder, db, batch_size)
    return differences(state(db), reference)


def server_kill_trial(folder: Path, db: Path, references: list[StoreState], delay: float, port: int) -> list[str]:
    """Kill a server (and its worker processes) ``delay`` seconds into ingesting a folder's articles posted to it
    as JSON Lines, then ingest the folder from the command line. The server stores them as one batch, the command
    line in batches of three, and an inferred date may depend on what its batch brought: the store must match an
    uninterrupted run of one or the other (``references``)."""
    server = serve(db, port)
    try:
        body = "\n".join(json.dumps(record) for record in records(folder))
        poster = threading.Thread(target=lambda: _post(port, body), daemon=True)
        poster.start()
        time.sleep(delay)
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.communicate()
    ingest_once(folder, db)
    found = state(db)
    return min((differences(found, reference) for reference in references), key=len)


def records(folder: Path) -> list[dict[str, str]]:
    """The folder's articles as the API takes them, in the order a folder is read."""
    from storyline.ingest import read
    from storyline.model import Article

    return [{"text": a.text, "title": a.title, "source": a.source,
             "published": a.published.isoformat() if a.published else None}
            for a in read([str(folder)]) if isinstance(a, Article)]


def _post(port: int, body: str, timeout: float = 600) -> httpx.Response | None:
    try:
        return httpx.post(f"http://127.0.0.1:{port}/api/articles", content=body.encode(), timeout=timeout,
                          headers={"content-type": "application/x-ndjson"})
    except httpx.HTTPError:
        return None


def serve(db: Path | str, port: int, log_path: Path | None = None) -> subprocess.Popen:
    """A server on ``db`` answering on ``port``, in a session of its own (so its workers can be killed with it).
    Its log goes to a file, beside the store unless ``log_path`` is given (a PostgreSQL store's URL has no
    folder): a pipe nobody reads would fill and stall it."""
    log_path = log_path or Path(db).with_suffix(".log")
    log = log_path.open("w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "storyline"), "serve", "--db", str(db), "--port",
                               str(port)], stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1)
            return server
        except httpx.HTTPError:
            if server.poll() is not None:
                raise RuntimeError(f"serve exited: {log_path.read_text()[-2000:]}")
            time.sleep(0.1)
    raise RuntimeError("serve did not answer within 60 s")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def writers_trial(folders: list[list[Path]], db: Path | str, server_folder: Path | None = None,
                  log_path: Path | None = None) -> list[str]:
    """Several ingests into one new store at once (one per list of folders), and a server ingesting
    ``server_folder`` posted to it (its log in ``log_path``, as :func:`serve`); what went wrong."""
    problems = []
    server = serve(db, port := free_port(), log_path) if server_folder is not None else None
    try:
        processes = [storyline("ingest", *map(str, group), "--db", str(db), "--batch-size", "2") for group in folders]
        if server is not None:
            answer = _post(port, "\n".join(json.dumps(record) for record in records(server_folder)))
            if answer is None or answer.status_code >= 400:
                problems.append(f"the server answered {answer and answer.status_code}: {answer and answer.text}")
        for process in processes:
            _, stderr = process.communicate()
            if process.returncode != 0:
                problems.append(f"a writer failed ({process.returncode}): {stderr.strip()[-500:]}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.communicate()
    found = state(db)
    problems += found.problems
    if found.stories != replayed_stories(db):
        problems.append("the stories differ from one writer's fed in the same order")
    return problems


def big_article(characters: int = 1_000_000) -> str:
    """Real news sentences, PolNeAR's texts joined, cut at ``characters``."""
    chunks, total = [], 0
    for path in sorted(POLNEAR.glob("*.txt")):
        chunks.append(path.read_text(encoding="utf-8").strip())
        total += len(chunks[-1]) + 2
        if total > characters:
            break
    return "\n\n".join(chunks)[:characters]


def cheap_latencies(port: int, stop: threading.Event, seconds: list[float]) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        article = client.get("/api/articles").json()[0]["id"]
        paths = CHEAP_PATHS + [f"/api/articles/{article}"]
        while not stop.is_set():
            for path in paths:
                start = time.perf_counter()
                try:
                    client.get(path).raise_for_status()
                except httpx.HTTPError:  # counted as the time it took to fail
                    pass
                seconds.append(time.perf_counter() - start)


def percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {"requests": len(ordered), "p50_ms": round(1000 * statistics.median(ordered), 1),
            "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1)}


def server_latency(folder: Path, workdir: Path) -> dict[str, object]:
    """Cheap requests on an idle server, then while a 1 MB article is posted and ingested."""
    db = workdir / "latency.db"
    ingest_once(folder, db, batch_size=32)
    server = serve(db, port := free_port())
    try:
        idle: list[float] = []
        stop = threading.Event()
        poller = threading.Thread(target=cheap_latencies, args=(port, stop, idle))
        poller.start()
        time.sleep(10)
        stop.set()
        poller.join()
        busy: list[float] = []
        stop = threading.Event()
        poller = threading.Thread(target=cheap_latencies, args=(port, stop, busy))
        text = big_article()
        poller.start()
        start = time.perf_counter()
        answer = _post(port, json.dumps({"text": text, "source": "bench", "title": "One long report"}))
        ingest_seconds = time.perf_counter() - start
        stop.set()
        poller.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate()
    return {"article_characters": len(text), "ingest_status": answer.status_code if answer else None,
            "ingest_seconds": round(ingest_seconds, 1), "idle": percentiles(idle), "during_ingest": percentiles(busy)}


def fuzz_inputs(profile: str) -> int:
    """Run the fuzz tests under a Hypothesis profile; the number of inputs they tried."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" /
                             "test_fuzz.py"), f"--hypothesis-profile={profile}", "--hypothesis-show-statistics"],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"fuzz tests failed:\n{result.stdout[-3000:]}")
    return sum(int(count) for count in re.findall(r"(\d+) passing", result.stdout))


def kills(workdir: Path, random_kills: int, rng: random.Random) -> dict[str, object]:
    reference_db = workdir / "reference.db"
    ingest_once(EXAMPLES, reference_db)
    reference = state(reference_db)
    ingest_once(EXAMPLES, workdir / "one-batch.db", batch_size=32)
    one_batch = state(workdir / "one-batch.db")
    tried = [("point", point) for point in KILL_POINTS] + [("after", rng.uniform(2, 12)) for _ in range(random_kills)]
    tried += [("server", rng.uniform(4, 12)) for _ in range(2)]
    failed = []
    for number, (kind, when) in enumerate(tried):
        db = workdir / f"kill-{number}.db"
        if kind == "server":
            problems = server_kill_trial(EXAMPLES, db, [reference, one_batch], when, free_port())
        else:
            problems = kill_trial(EXAMPLES, db, reference, point=when if kind == "point" else None,
                                  delay=when if kind == "after" else None)
        if problems:
            failed.append({"kill": kind, "at": when, "problems": problems})
    return {"tried": len(tried), "survived": len(tried) - len(failed), "failures": failed}


def writers(workdir: Path, trials: int) -> dict[str, object]:
    folders = sorted(EXAMPLES.iterdir())
    failed = []
    for trial in range(trials):
        groups = [[folders[0], folders[1]], [folders[2], folders[1]], [folders[3], folders[0]]]
        problems = writers_trial(groups, workdir / f"writers-{trial}.db", server_folder=folders[trial % len(folders)])
        if problems:
            failed.append({"trial": trial, "problems": problems})
    return {"trials": trials, "without_error": trials - len(failed), "writers_per_trial": "3 command lines + 1 server",
            "failures": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=8, help="random-time kills of a command-line ingest")
    parser.add_argument("--trials", type=int, default=10, help="concurrent-writer trials")
    parser.add_argument("--fuzz-profile", default="bench")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--parts", default="kills,writers,fuzz,server",
                        help="which measures to take, comma-separated (each is printed to stderr when done)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    parts = set(args.parts.split(","))
    results: dict[str, object] = {}

    def done(part: str, value: object) -> None:
        results[part] = value
        print(json.dumps({part: value}), file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        if "kills" in parts:
            done("kills", kills(workdir, args.kills, rng))
        if "writers" in parts:
            done("writers", writers(workdir, args.trials))
        if "fuzz" in parts:
            done("fuzz_inputs_tried", fuzz_inputs(args.fuzz_profile))
        if "server" in parts:
            done("server", server_latency(EXAMPLES, workdir))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    if "kills" in results:
        print(f"kills survived: {results['kills']['survived']} of {results['kills']['tried']}")
    if "writers" in results:
        print(f"writer trials without error: {results['writers']['without_error']} of {results['writers']['trials']}")
    if "fuzz_inputs_tried" in results:
        print(f"fuzz inputs tried: {results['fuzz_inputs_tried']}")
    if "server" not in results:
        return
    server = results["server"]
    print(f"cheap pages p95: {server['idle']['p95_ms']} ms idle, {server['during_ingest']['p95_ms']} ms while a "
          f"{server['article_characters']:,}-character article was ingested ({server['ingest_seconds']} s)")


if __name__ == "__main__":
    main()
