"""Watched feeds, watches and alerts in the API (``/api/feeds``, ``/api/watches``, ``/api/alerts``), the live
change stream (``/api/events``), and their pages (Feeds, Watches, Alerts)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any

import anyio
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from storyline.alerts.watches import STANDARD_OUTPUT
from storyline.corpus import Corpus
from storyline.web.library import Library, library, same_site
from storyline.web.pages import page

api = APIRouter(prefix="/api", tags=["watching"])
pages = APIRouter(include_in_schema=False)
ERRORS = {status: {"description": HTTPStatus(status).phrase} for status in (400, 403, 404)}
# How often the change stream looks at the store, and how long one stream lasts before the browser reconnects
# (EventSource does so by itself): a server shutting down never waits long for an open stream.
EVENTS_POLL_SECONDS = 1.0
EVENTS_LIFETIME_SECONDS = 60.0
EVENTS_RETRY_MILLISECONDS = 1000
ALERTS_LIMIT = 200


class WatchRequest(BaseModel):
    kind: str = Field(description="name (an entity, every variant), query (FTS5 syntax) or story (a story id)")
    value: str = Field(min_length=1, max_length=500)
    webhooks: list[str] = Field(default_factory=list, description="URLs each alert is POSTed to, signed")
    secret: str | None = Field(None, description="the webhooks' HMAC-SHA256 secret; made up when not given")
    stdout: bool = Field(False, description="also print alerts as JSON Lines on the watcher's standard output")


def add_watch(corpus: Corpus, request: WatchRequest) -> dict[str, Any]:
    # No file targets through HTTP: a request must not make the watcher write where it says.
    try:
        return corpus.add_watch(request.kind, request.value, jsonl=[STANDARD_OUTPUT] if request.stdout else [],
                                webhooks=request.webhooks, secret=request.secret)
    except ValueError as error:
        raise HTTPException(HTTPStatus.BAD_REQUEST, str(error)) from None
    except KeyError as error:
        raise HTTPException(HTTPStatus.NOT_FOUND, error.args[0]) from None


@api.get("/feeds", summary="The watched feeds with their state")
async def list_feeds(shared: Library = Depends(library)) -> list[dict[str, Any]]:
    return [feed.to_json() for feed in await shared.run(lambda corpus: corpus.feeds())]


@api.get("/watches", summary="Every watch, with its targets (secrets left out) and the alerts it fired")
async def list_watches(shared: Library = Depends(library)) -> list[dict[str, Any]]:
    return await shared.run(lambda corpus: corpus.watches())


@api.post("/watches", status_code=HTTPStatus.CREATED, responses=ERRORS, dependencies=[Depends(same_site)],
          summary="Watch a name, a query or a story",
          description="Returns the watch with its webhook secret, which no listing shows again.")
async def create_watch(request: WatchRequest, shared: Library = Depends(library)) -> dict[str, Any]:
    return await shared.run(lambda corpus: add_watch(corpus, request))


@api.delete("/watches/{watch_id}", status_code=HTTPStatus.NO_CONTENT, responses=ERRORS,
            dependencies=[Depends(same_site)], summary="Remove a watch and the alerts it fired")
async def delete_watch(watch_id: int, shared: Library = Depends(library)) -> Response:
    if not await shared.run(lambda corpus: corpus.remove_watch(watch_id)):
        raise HTTPException(HTTPStatus.NOT_FOUND, f"no watch {watch_id}")
    return Response(status_code=HTTPStatus.NO_CONTENT)


@api.get("/alerts", summary="Alerts fired, newest first, with their deliveries")
async def list_alerts(watch: int | None = None, limit: int = 100,
                      shared: Library = Depends(library)) -> list[dict[str, Any]]:
    return await shared.run(lambda corpus: corpus.alerts(watch_id=watch, limit=max(1, min(limit, 1000))))


@api.get("/events", summary="Server-sent events: `stories` whenever the stories change",
         response_class=StreamingResponse)
async def events(request: Request, since: int | None = None, shared: Library = Depends(library)) -> Response:
    """Each event's id and data are the store's change number; a client passes the number its page was made at
    (``since``), and EventSource sends the last one it saw when it reconnects."""
    last_seen = request.headers.get("last-event-id", "")
    start = int(last_seen) if last_seen.isdigit() else since

    async def stream() -> AsyncIterator[str]:
        yield f"retry: {EVENTS_RETRY_MILLISECONDS}\n\n"
        last = start
        ends = time.monotonic() + EVENTS_LIFETIME_SECONDS
        # A client that went away ends the stream: the server cancels it, or the next write fails.
        while time.monotonic() < ends:
            current = await shared.run(lambda corpus: corpus.changes())
            if last is not None and current != last:
                yield f"event: stories\nid: {current}\ndata: {json.dumps({'changes': current})}\n\n"
            else:
                yield ": waiting\n\n"  # a comment: lets a proxy or the server notice a client that went away
            last = current
            await anyio.sleep(EVENTS_POLL_SECONDS)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"cache-control": "no-cache", "x-accel-buffering": "no"})


@pages.get("/feeds", response_class=HTMLResponse)
async def feeds_page(shared: Library = Depends(library)) -> HTMLResponse:
    return page("feeds.html", feeds=await shared.run(lambda corpus: corpus.feeds()))


@pages.get("/watches", response_class=HTMLResponse)
async def watches_page(shared: Library = Depends(library)) -> HTMLResponse:
    return page("watches.html", watches=await shared.run(lambda corpus: corpus.watches()))


@pages.post("/watches", dependencies=[Depends(same_site)])
async def watches_form(kind: str = Form(...), value: str = Form(..., max_length=500), webhook: str = Form(""),
                       shared: Library = Depends(library)) -> Response:
    """The Watches page's form; a webhook's secret is shown once, on the page it leads to."""
    request = WatchRequest(kind=kind, value=value, webhooks=[webhook.strip()] if webhook.strip() else [],
                           stdout=not webhook.strip())
    added = await shared.run(lambda corpus: add_watch(corpus, request))
    secret = next((target["secret"] for target in added["targets"] if "secret" in target), None)
    if secret:
        watches = await shared.run(lambda corpus: corpus.watches())
        return page("watches.html", watches=watches, added=added, secret=secret)
    return RedirectResponse("/watches", status_code=HTTPStatus.SEE_OTHER)


@pages.post("/watches/{watch_id}/remove", dependencies=[Depends(same_site)])
async def watches_remove(watch_id: int, shared: Library = Depends(library)) -> Response:
    if not await shared.run(lambda corpus: corpus.remove_watch(watch_id)):
        raise HTTPException(HTTPStatus.NOT_FOUND, f"no watch {watch_id}")
    return RedirectResponse("/watches", status_code=HTTPStatus.SEE_OTHER)


@pages.get("/alerts", response_class=HTMLResponse)
async def alerts_page(shared: Library = Depends(library)) -> HTMLResponse:
    return page("alerts.html", alerts=await shared.run(lambda corpus: corpus.alerts(limit=ALERTS_LIMIT)))
