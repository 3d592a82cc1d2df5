"""A feed server on loopback for the watcher's tests and benchmark: RSS feeds whose items change between polls,
article pages, robots.txt, and answers gone wrong on demand (500, a hang, malformed XML, a redirect elsewhere).

It answers conditional requests as a careful server does: a feed's ETag is a hash of its body and its
Last-Modified the time it last changed; a request whose If-None-Match names the current ETag gets 304.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml


@dataclass
class Item:
    id: str
    title: str
    link: str
    text: str
    published: datetime | None = None
    source: str = ""


@dataclass
class Feed:
    title: str
    items: list[Item] = field(default_factory=list)
    changed_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def add(self, item: Item) -> None:
        self.items.insert(0, item)
        self.changed_at = datetime.now(timezone.utc)

    def body(self) -> bytes:
        entries = []
        for item in self.items:
            published = (f"<pubDate>{email.utils.format_datetime(item.published)}</pubDate>"
                         if item.published else "")
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.text.split("\n\n"))
            entries.append(f"<item><guid>{html.escape(item.id)}</guid><title>{html.escape(item.title)}</title>"
                           f"<link>{html.escape(item.link)}</link>{published}"
                           f"<description>{html.escape(paragraphs)}</description></item>")
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>{html.escape(self.title)}</title><link>http://example.invalid/</link>"
                f"<description>{html.escape(self.title)}</description>{''.join(entries)}</channel></rss>").encode()


@dataclass
class Answer:
    """A canned answer for a path: a status, headers, a body, and seconds to wait before answering."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def page(item: Item) -> bytes:
    """An article page as a news site serves it, for the watcher to fetch from a feed's link."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.text.split("\n\n"))
    return (f"<!doctype html><html><head><title>{html.escape(item.title)}</title>"
            f'<meta property="og:site_name" content="{html.escape(item.source)}"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(item.title)}</h1>{paragraphs}</article>"
            "</body></html>").encode()


def example_items(folder: Path, base_url: str) -> list[Item]:
    """The bundled example articles (text files with front matter) as feed items linking to pages here."""
    found = []
    for path in sorted(folder.rglob("*.txt")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        slug = f"{path.parent.name}-{path.stem}"
        published = meta.get("published")
        if isinstance(published, str):
            published = datetime.fromisoformat(published)
        found.append(Item(slug, meta["title"], f"{base_url}/articles/{slug}.html", body.strip(), published,
                          meta.get("source", "")))
    return found


class FeedServer:
    """A threading HTTP server on one loopback address; several may share one ``state`` (one per host name)."""

    def __init__(self, host: str = "127.0.0.1", state: "ServerState | None" = None) -> None:
        self.state = state or ServerState()
        state_ = self.state

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                state_.answer(self, f"{self.server.server_address[0]}:{self.server.server_address[1]}")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                state_.answer(self, f"{self.server.server_address[0]}:{self.server.server_address[1]}",
                              self.rfile.read(length))

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base_url + path

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class ServerState:
    """What the servers serve and what they were asked."""

    def __init__(self) -> None:
        self.feeds: dict[str, Feed] = {}
        self.pages: dict[str, bytes] = {}
        self.answers: dict[str, Answer | list[Answer]] = {}
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        # Called with each request's path before it is answered (a test kills a process from here).
        self.on_request: Callable[[str], None] | None = None

    def count(self, path_part: str = "", method: str = "GET") -> int:
        with self.lock:
            return sum(1 for m, path, _, _ in self.requests if m == method and path_part in path)

    def answer(self, handler: http.server.BaseHTTPRequestHandler, host: str, body: bytes = b"") -> None:
        path = handler.path
        with self.lock:
            self.requests.append((handler.command, f"{host}{path}", dict(handler.headers), body))
        if self.on_request:
            self.on_request(path)
        status, headers, content, delay = self._response(handler, path)
        if delay:
            time.sleep(delay)
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(content)))
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _response(self, handler: http.server.BaseHTTPRequestHandler,
                  path: str) -> tuple[int, dict[str, str], bytes, float]:
        if path in self.answers:
            canned = self.answers[path]
            if isinstance(canned, list):  # answers in turn, the last one for ever after
                canned = canned.pop(0) if len(canned) > 1 else canned[0]
            return canned.status, canned.headers, canned.body, canned.delay
        if path in self.feeds:
            feed = self.feeds[path]
            body = feed.body()
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            headers = {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag,
                       "Last-Modified": email.utils.format_datetime(feed.changed_at, usegmt=True)}
            if handler.headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b"", 0.0
            return 200, headers, body, 0.0
        if path in self.pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[path], 0.0
        return 404, {"Content-Type": "text/plain"}, b"not found", 0.0
