"""The app's one Corpus, and how a request gets at it."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
from fastapi import HTTPException, Request

from storyline.corpus import Corpus

Result = TypeVar("Result")


class Library:
    """The app's one Corpus. Its SQLite connection and parse cache are not safe to share between threads, so calls
    take turns on a worker thread; the event loop stays free to accept requests meanwhile."""

    def __init__(self, corpus: Corpus, allow_private: bool) -> None:
        self.corpus = corpus
        self.allow_private = allow_private
        self._one_at_a_time = anyio.CapacityLimiter(1)

    async def run(self, work: Callable[[Corpus], Result]) -> Result:
        return await anyio.to_thread.run_sync(work, self.corpus, limiter=self._one_at_a_time)


def library(request: Request) -> Library:
    """The dependency every endpoint takes."""
    return request.app.state.library


def same_site(request: Request) -> None:
    """Refuses a write sent by another site's page: a plain-text POST needs no CORS preflight, so without this any
    web page could post articles into the user's store. Browsers name the sending page in Origin."""
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(HTTPStatus.FORBIDDEN, f"requests from {origin} may not change this store")


def found(lookup: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """``lookup(*args, **kwargs)``, with the store's KeyError for an unknown id turned into a 404."""
    try:
        return lookup(*args, **kwargs)
    except KeyError as error:
        raise HTTPException(HTTPStatus.NOT_FOUND, error.args[0]) from None
