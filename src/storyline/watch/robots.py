"""robots.txt for the articles a feed links to, read with Protego (Scrapy's parser: wildcards, Allow, Crawl-delay,
as RFC 9309 has them), fetched through the watcher's own fetcher, so the address checks and the size cap apply.

RFC 9309's rules for a robots.txt that cannot be had: a 4xx answer means no rules (everything allowed); a 5xx
answer or no answer means everything is disallowed until it can be read.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from protego import Protego

from storyline.ingest.errors import BadInput
from storyline.ingest.fetch import Fetcher, HttpError
from storyline.ingest.sources import decoded
from storyline.watch.hosts import HostGate

# The product token robots.txt groups are matched against.
AGENT_TOKEN = "Storyline"
DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


class Robots:
    def __init__(self, fetcher: Fetcher, gate: HostGate, ttl: float, failure_ttl: float) -> None:
        self.fetcher = fetcher
        self.gate = gate
        self.ttl = ttl
        self.failure_ttl = failure_ttl
        self._rules: dict[str, tuple[float, Protego | None]] = {}

    def allowed(self, url: str) -> bool:
        """Whether the robots.txt of the URL's site lets Storyline fetch it."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        expires, rules = self._rules.get(site, (0.0, None))
        if expires < time.monotonic():
            rules, lifetime = self._load(site)
            self._rules[site] = (time.monotonic() + lifetime, rules)
        return rules is None or rules.can_fetch(url, AGENT_TOKEN)

    def _load(self, site: str) -> tuple[Protego | None, float]:
        try:
            with self.gate.turn(site):
                download = self.fetcher.get(f"{site}/robots.txt")
        except HttpError as error:
            if 400 <= error.status < 500:
                return None, self.ttl
            return DISALLOW_ALL, self.failure_ttl
        except BadInput:
            return DISALLOW_ALL, self.failure_ttl
        rules = Protego.parse(decoded(download))
        delay = rules.crawl_delay(AGENT_TOKEN)
        if delay:
            self.gate.slow_down(site, float(delay))
        return rules, self.ttl
