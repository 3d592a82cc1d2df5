"""The watcher: polls its feeds when they are due, ingests what is new through the pipeline, keeps each feed's and
each item's state in the store, and checks and delivers alerts as articles land.

Downloads run on a pool of threads, each waiting for its host's turn (:mod:`storyline.watch.hosts`); answers are
handled on the watcher's own thread as they arrive (reading the feed, fetching linked articles, ingesting,
recording), since the store's connection and the parser stay on one thread.

Nothing is lost or stored twice across a crash. An item is recorded as done only after the pipeline committed its
article and story; an item not recorded is read again at the next poll and its article deduplicated by id. A
feed's validators (ETag, Last-Modified) are saved only once every item it listed was handled, and a feed with
items to retry is asked for in full, so an interrupted or failing item is never hidden behind a 304.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import zip_longest
from typing import TYPE_CHECKING, TextIO

from storyline import clock
from storyline.ingest.errors import BadInput, IngestError
from storyline.ingest.fetch import Download, Fetcher, HttpError, user_agent
from storyline.ingest.sources import linked_article
from storyline.model import Article
from storyline.pipeline import batched
from storyline.store.feeds import FeedState, ItemState
from storyline.watch import items
from storyline.watch.config import CONFIG, WatchConfig
from storyline.watch.hosts import HostGate, Stopped, host_of
from storyline.watch.robots import Robots

if TYPE_CHECKING:
    from storyline.corpus import Corpus


@dataclass
class CycleReport:
    """What one round of polls did."""

    polled: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    stored: int = 0
    duplicates: int = 0
    alerts: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.polled} polled: {self.changed} changed, {self.unchanged} unchanged, {self.failed} failed; "
                f"{self.stored} articles stored, {self.duplicates} already stored; {self.alerts} alerts")


@dataclass(frozen=True)
class _Answer:
    feed: FeedState
    download: Download | None = None
    error: BadInput | None = None


@dataclass(frozen=True)
class _GivenUp:
    """An item that gives no article and is not to be retried until it changes: an entry without text or link,
    a link robots.txt disallows."""

    reason: str


def backoff(failures: int, config: WatchConfig, retry_after: float | None = None) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: exponential, capped, with jitter; at least
    what the server asked for."""
    ceiling = min(config.max_backoff, config.failure_backoff * 2 ** (failures - 1))
    return max(random.uniform(ceiling / 2, ceiling), min(retry_after or 0.0, config.max_backoff))


def interleaved(feeds: list[FeedState]) -> list[FeedState]:
    """Feeds in an order that visits hosts in turn, so that the download threads are not all kept waiting for one
    busy host."""
    by_host: dict[str, list[FeedState]] = {}
    for feed in feeds:
        by_host.setdefault(host_of(feed.url), []).append(feed)
    return [feed for round_ in zip_longest(*by_host.values()) for feed in round_ if feed is not None]


class Watcher:
    def __init__(self, corpus: Corpus, urls: list[str] | None = None, *, fetch: bool = False,
                 allow_private: bool = False, contact: str | None = None, config: WatchConfig = CONFIG,
                 log: Callable[[str], None] | None = None, alert_output: TextIO | None = None) -> None:
        """Watch ``urls`` (all the store's feeds when None) in ``corpus``'s store; ``fetch`` downloads the article
        each feed entry links to. ``log`` gets a line per poll that failed and per round; alerts for the
        standard-output target are written to ``alert_output``."""
        self.corpus = corpus
        self.store = corpus.store
        self.urls = urls
        self.fetch = fetch
        self.allow_private = allow_private
        self.config = config
        self.log = log or (lambda line: None)
        self.alert_output = alert_output
        self.stopping = threading.Event()
        self.fetcher = Fetcher(allow_private=allow_private, timeout=config.timeout, retries=0,
                               agent=user_agent(contact))
        self.gate = HostGate(config.host_delay, config.host_concurrency, self.stopping)
        self.robots = Robots(self.fetcher, self.gate, config.robots_ttl, config.robots_failure_ttl)

    def stop(self) -> None:
        """Stop after the batch of articles under way (safe to call from a signal handler or another thread)."""
        self.stopping.set()

    def close(self) -> None:
        self.fetcher.__exit__(None, None, None)

    def run(self, *, once: bool = False) -> list[CycleReport]:
        """Poll until stopped (or one round, ``once``: every feed not backing off after failures); returns the
        report of each round."""
        reports = []
        try:
            while not self.stopping.is_set():
                report = self.poll(every_feed=once)
                self.log(report.summary())
                reports.append(report)
                if once:
                    break
                self.stopping.wait(self._seconds_to_next())
        finally:
            self.close()
        return reports

    def _seconds_to_next(self) -> float:
        """Until the next feed is due or the next alert delivery is to be retried."""
        due = [feed.next_poll_at for feed in self.store.feeds(self.urls)]
        due += filter(None, [self.store.next_delivery_at()])
        return max(0.05, min((clock.seconds_until(moment) for moment in due), default=self.config.every))

    def poll(self, *, every_feed: bool = False) -> CycleReport:
        """One round: every feed that is due (with ``every_feed``, every feed not backing off), downloaded in
        parallel and handled as the answers come."""
        report = CycleReport()
        self._alerts(report)  # what arrived while the watcher was not running, and deliveries left to retry
        now = clock.stamp()
        feeds = [feed for feed in self.store.feeds(self.urls)
                 if feed.next_poll_at <= now or (every_feed and not feed.failures)]
        with ThreadPoolExecutor(self.config.concurrency, thread_name_prefix="poll") as pool:
            futures = [pool.submit(self._download, feed) for feed in interleaved(feeds)]
            try:
                for future in as_completed(futures):
                    answer = future.result()
                    if answer is None or self.stopping.is_set():
                        break
                    self._handle(answer, report)
                    self._alerts(report)
            finally:
                for future in futures:
                    future.cancel()
        return report

    def _download(self, feed: FeedState) -> _Answer | None:
        """The feed's answer (None when the watcher was stopped before it could be asked). A feed with items to
        retry is asked for in full."""
        if self.stopping.is_set():
            return None
        conditional = not feed.retrying
        try:
            with self.gate.turn(feed.url):
                return _Answer(feed, self.fetcher.get(feed.url, etag=feed.etag if conditional else None,
                                                      last_modified=feed.last_modified if conditional else None))
        except Stopped:
            return None
        except BadInput as error:
            return _Answer(feed, error=error)
        except Exception as error:  # noqa: BLE001 - one feed's odd failure must not end the round
            return _Answer(feed, error=BadInput(f"{type(error).__name__}: {error}"))

    def _handle(self, answer: _Answer, report: CycleReport) -> None:
        feed, now = answer.feed, clock.now()
        report.polled += 1
        polled = {"last_polled_at": clock.stamp(now)}
        try:
            if answer.error is not None:
                raise answer.error
            download = answer.download
            found = None if download.not_modified else items.contents(download, feed.url, fetch=self.fetch)
        except BadInput as error:
            self._failed(feed, error, now, report)
            return
        except Exception as error:  # noqa: BLE001 - a parser choking on one feed must not stop the watcher
            self._failed(feed, BadInput(f"could not be read: {type(error).__name__}: {error}"), now, report)
            return
        if found is None:
            report.unchanged += 1
            self._record(feed.url, last_status="unchanged", last_success_at=clock.stamp(now), last_error=None,
                         failures=0, next_poll_at=self._next_poll(now), **polled)
            return
        report.changed += 1
        complete, stored, problems = self._ingest_items(feed.url, found.items, report)
        problems += [str(error) for error in found.errors]
        report.errors += problems
        validators = {"etag": download.etag, "last_modified": download.last_modified} if complete else {}
        with self.store.writing():
            self.store.record_poll(feed.url, add_requests=1, add_articles=stored,
                                   title=found.title or feed.title, last_status="changed",
                                   last_success_at=clock.stamp(now), last_error="; ".join(problems[:3]) or None,
                                   failures=0, next_poll_at=self._next_poll(now), **validators, **polled)
            self.store.forget_items(feed.url, [item.key for item in found.items],
                                    clock.stamp(now - timedelta(days=self.config.item_memory_days)))

    def _failed(self, feed: FeedState, error: BadInput, now: datetime, report: CycleReport) -> None:
        """A poll that failed: the feed waits longer each time, as long as the server asked at least."""
        report.failed += 1
        failures = feed.failures + 1
        wait = backoff(failures, self.config, error.retry_after if isinstance(error, HttpError) else None)
        self.log(f"{feed.url}: {error.message} (failure {failures}; next try in {wait:.0f} s)")
        self._record(feed.url, last_status="failed", last_error=error.message, failures=failures,
                     next_poll_at=clock.later(wait, now), last_polled_at=clock.stamp(now))

    def _record(self, url: str, **fields: str | int | None) -> None:
        with self.store.writing():
            self.store.record_poll(url, add_requests=1, **fields)

    def _next_poll(self, now: datetime) -> str:
        spread = self.config.every * self.config.jitter
        return clock.later(self.config.every + random.uniform(-spread, spread), now)

    def _ingest_items(self, url: str, listed: list[items.Item],
                      report: CycleReport) -> tuple[bool, int, list[str]]:
        """Ingest the items not handled yet, a batch at a time, recording each batch's items once the pipeline
        has committed their articles; returns whether every item was handled, how many articles were stored and
        the problems met."""
        known = self.store.feed_items(url, [item.key for item in listed])
        todo = [item for item in listed if item.key not in known or not known[item.key].done
                or known[item.key].version != item.version]
        complete, stored, problems = True, 0, []
        for batch in batched(todo, self.config.batch_size):
            if self.stopping.is_set():
                return False, stored, problems
            made: dict[str, Article | IngestError | _GivenUp] = {}
            ingest = self.corpus.add(self._articles(batch, made))
            stored += ingest.stored
            report.stored += ingest.stored
            report.duplicates += ingest.duplicates
            problems += [str(error) for error in ingest.errors]  # articles that could not be analysed
            with self.store.writing():
                for item in batch:
                    if item.key not in made:
                        complete = False  # stopped before it was read: the next poll reads it
                        continue
                    complete &= self._record_item(url, item, made[item.key], known.get(item.key), problems)
        return complete, stored, problems

    def _articles(self, batch: list[items.Item],
                  made: dict[str, Article | IngestError | _GivenUp]) -> Iterator[Article]:
        """The batch's articles for the pipeline, each item's outcome noted in ``made``; ends early when the
        watcher is stopped."""
        for item in batch:
            if self.stopping.is_set():
                return
            try:
                made[item.key] = outcome = self._article(item)
            except Stopped:
                return
            if isinstance(outcome, Article):
                yield outcome

    def _article(self, item: items.Item) -> Article | IngestError | _GivenUp:
        if item.problem:
            return _GivenUp(item.problem)
        if item.article is not None:
            return item.article
        if not self.robots.allowed(item.link):
            return _GivenUp("robots.txt disallows fetching it")
        try:
            with self.gate.turn(item.link):
                return linked_article(self.fetcher, item.link, item.metadata)
        except BadInput as error:
            return IngestError(item.link, error.message)
        except Stopped:
            raise
        except Exception as error:  # noqa: BLE001 - as a bad feed, one odd page must not stop the watcher
            return IngestError(item.link, f"could not be read: {type(error).__name__}: {error}")

    def _record_item(self, url: str, item: items.Item, outcome: Article | IngestError | _GivenUp,
                     before: ItemState | None, problems: list[str]) -> bool:
        """Record how an item went; True when it needs nothing more (stored, or given up on)."""
        now = clock.stamp()
        if isinstance(outcome, Article) and self.store.has_article(outcome.id):
            self.store.record_item(url, item.key, item.version, now, article_id=outcome.id, done=True)
            return True
        if isinstance(outcome, _GivenUp):
            problems.append(f"{item.origin}: {outcome.reason}")
            self.store.record_item(url, item.key, item.version, now, error=outcome.reason, done=True)
            return True
        # Fetching or analysing it failed: retried at the next polls, until it has failed item_attempts times.
        attempts = 1 + (before.attempts if before and before.version == item.version and not before.done else 0)
        error = outcome.message if isinstance(outcome, IngestError) else "its article could not be stored"
        if isinstance(outcome, IngestError):
            problems.append(str(outcome))
        gave_up = attempts >= self.config.item_attempts
        self.store.record_item(url, item.key, item.version, now, attempts=attempts, error=error, done=gave_up)
        return gave_up

    def _alerts(self, report: CycleReport) -> None:
        """Check what the articles stored since the last check changed, and deliver what is due."""
        report.alerts += len(self.corpus.check_alerts())
        self.corpus.deliver_alerts(self.fetcher, self.alert_output)
