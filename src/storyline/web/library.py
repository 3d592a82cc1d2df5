"""The app's Corpus, the worker process that does its heavy work, and how a request gets at them.

Cheap questions (lists, an article, a search) are answered on a thread from the app's own Corpus. Heavy work,
ingesting (parse and stages) and building a brief, runs in a worker process with a Corpus of its own on the same
store: a thread would hold the GIL and a big article would stall every page. Writes from the worker, another
server or a command line all take the store's write lock, so the app sees them as soon as they commit. A built
brief is kept in the store until its story changes (:meth:`Corpus.brief`): a kept one is read on a thread, only a
missing one is built in the worker.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
from fastapi import HTTPException, Request

from storyline.corpus import Corpus
from storyline.model import Article
from storyline.pipeline import IngestReport

Result = TypeVar("Result")
DEFAULT_PORTS = {"http": 80, "https": 443}


class Library:
    """The app's one Corpus. Its SQLite connection and parse cache are not safe to share between threads, so calls
    take turns on a worker thread; the event loop stays free to accept requests meanwhile."""

    def __init__(self, db_path: str | Path, corpus: Corpus, allow_private: bool) -> None:
        self.corpus = corpus
        self.allow_private = allow_private
        self._one_at_a_time = anyio.CapacityLimiter(1)
        # Spawned, not forked: a fork of a process running threads (the server's) may inherit a held lock.
        context = multiprocessing.get_context("spawn")
        # One process writes and one builds briefs, so a long ingest does not hold up a brief.
        self._writer = ProcessPoolExecutor(1, context, initializer=_open_worker, initargs=(str(db_path),))
        self._builder = ProcessPoolExecutor(1, context, initializer=_open_worker, initargs=(str(db_path),))

    async def run(self, work: Callable[[Corpus], Result]) -> Result:
        return await anyio.to_thread.run_sync(work, self.corpus, limiter=self._one_at_a_time)

    async def add(self, articles: list[Article]) -> IngestReport:
        return await asyncio.get_running_loop().run_in_executor(self._writer, _add, articles)

    async def ingest_url(self, url: str, fetch: bool) -> IngestReport:
        return await asyncio.get_running_loop().run_in_executor(self._writer, _ingest_url, url, fetch,
                                                                self.allow_private)

    async def brief(self, story_id: str, full: bool = False) -> dict[str, Any]:
        """The story's brief (``full``: saying to show every item): the one kept in the store while the story has
        not changed since, else built now (and kept)."""
        kept = await self.run(lambda corpus: found(corpus.kept_brief, story_id, full))
        if kept is not None:
            return kept
        try:
            return await asyncio.get_running_loop().run_in_executor(self._builder, _brief, story_id, full)
        except KeyError as error:  # the story went away meanwhile (merged into another)
            raise HTTPException(HTTPStatus.NOT_FOUND, error.args[0]) from None

    def close(self) -> None:
        for pool in (self._writer, self._builder):
            pool.shutdown(wait=True, cancel_futures=True)
        self.corpus.close()


# The worker processes' own Corpus, opened once per process.
_worker_corpus: Corpus | None = None


def _open_worker(db_path: str) -> None:
    global _worker_corpus
    _worker_corpus = Corpus.open(db_path)


def _add(articles: list[Article]) -> IngestReport:
    assert _worker_corpus is not None
    return _worker_corpus.add(articles)


def _ingest_url(url: str, fetch: bool, allow_private: bool) -> IngestReport:
    assert _worker_corpus is not None
    return _worker_corpus.ingest([url], fetch=fetch, allow_private=allow_private)


def _brief(story_id: str, full: bool) -> dict[str, Any]:
    assert _worker_corpus is not None
    return _worker_corpus.brief(story_id, full)


def library(request: Request) -> Library:
    """The dependency every endpoint takes."""
    return request.app.state.library


def same_site(request: Request) -> None:
    """Refuses a write sent by another site's page: a plain-text POST needs no CORS preflight, so without this any
    web page could post articles into the user's store. Browsers name the sending page in Origin, which must be
    this server: the same scheme, host and port."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    theirs, ours = _origin(origin), _origin(f"{request.url.scheme}://{request.headers.get('host', '')}")
    if theirs is None or theirs != ours:
        raise HTTPException(HTTPStatus.FORBIDDEN, f"requests from {origin} may not change this store")


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of an origin, the port filled in from the scheme; None for one that is not a web
    origin ("null", a malformed one)."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port


def found(lookup: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """``lookup(*args, **kwargs)``, with the store's KeyError for an unknown id turned into a 404."""
    try:
        return lookup(*args, **kwargs)
    except KeyError as error:
        raise HTTPException(HTTPStatus.NOT_FOUND, error.args[0]) from None
