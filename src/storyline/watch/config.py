"""The watcher's schedule and politeness limits, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WatchConfig:
    # Seconds between two polls of a feed: Europe Media Monitor refreshes its feeds every ten minutes.
    every: float = 600.0
    # Each next poll is moved by up to this share of ``every`` either way, so feeds first polled together drift
    # apart instead of hitting their hosts in one burst every time.
    jitter: float = 0.1
    # Seconds between the starts of two requests to one host, and requests to one host at once: gentler than a
    # browser loading one page, quicker than a whole-site crawler (Apache Nutch waits 5 s), since a watcher asks a
    # host for a few feeds and the articles they link, not its whole site. A longer Crawl-delay in the host's
    # robots.txt wins.
    host_delay: float = 1.0
    host_concurrency: int = 2
    # Requests in flight across all hosts.
    concurrency: int = 16
    # Seconds before a request is given up.
    timeout: float = 15.0
    # After a failed poll, the next one waits this long, doubled with each further failure, up to the cap, each
    # wait drawn between half and all of it (jitter, so failing feeds of one host do not retry in step). A
    # Retry-After the server sends is honoured when longer.
    failure_backoff: float = 60.0
    max_backoff: float = 6 * 3600.0
    # A linked article that cannot be fetched is retried at the feed's next polls, this many times in all.
    item_attempts: int = 5
    # Items a feed no longer lists are forgotten this long after they were first seen.
    item_memory_days: int = 30
    # How long a host's robots.txt is kept; a robots.txt that could not be read (5xx, unreachable) counts as
    # "disallow all" for a shorter while, as RFC 9309 asks.
    robots_ttl: float = 24 * 3600.0
    robots_failure_ttl: float = 3600.0
    # Articles ingested per pipeline batch: a stop (SIGINT, SIGTERM) waits for the batch under way.
    batch_size: int = 16


CONFIG = WatchConfig()
