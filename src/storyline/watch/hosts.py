"""Per-host turns for a poller's threads: at most so many requests to one host at once, their starts spaced."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit


class Stopped(Exception):
    """The watcher was asked to stop while waiting for a host's turn."""


@dataclass
class _Host:
    slots: threading.Semaphore
    delay: float
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HostGate:
    """Turns per host name (ports and schemes of one host share them: they are one machine)."""

    def __init__(self, delay: float, concurrency: int, stopping: threading.Event) -> None:
        self.delay = delay
        self.concurrency = concurrency
        self.stopping = stopping
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, name: str) -> _Host:
        with self._lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(threading.Semaphore(self.concurrency), self.delay)
            return self._hosts[name]

    def slow_down(self, url: str, delay: float) -> None:
        """Space this host's requests by ``delay`` seconds, when that is longer than the default (a Crawl-delay)."""
        host = self._host(host_of(url))
        host.delay = max(self.delay, delay)

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        """Wait for a free slot at the URL's host and for its next start time; raises Stopped if the watcher
        is stopped meanwhile."""
        host = self._host(host_of(url))
        while not host.slots.acquire(timeout=0.2):
            if self.stopping.is_set():
                raise Stopped
        try:
            with host.lock:
                start = max(time.monotonic(), host.next_start)
                host.next_start = start + host.delay
            wait = start - time.monotonic()
            if wait > 0 and self.stopping.wait(wait):
                raise Stopped
            yield
        finally:
            host.slots.release()
