""""New or updated since your last visit", from two cookies: when the story list was last seen, and the moment the
current visit compares against. A visit ends after half an hour without a look at the list; the next one compares
against when the list was last seen, and keeps comparing against it while it lasts, so marks do not vanish on a
reload or a live update."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import Request, Response

from storyline import clock

SEEN_COOKIE = "storyline_seen"
SINCE_COOKIE = "storyline_since"
VISIT_GAP = timedelta(minutes=30)
COOKIE_SECONDS = 365 * 24 * 3600


def _cookie_moment(request: Request, name: str) -> datetime | None:
    try:
        moment = clock.moment(request.cookies[name])
    except (KeyError, ValueError):
        return None
    return moment if moment.tzinfo else None


def visit_since(request: Request) -> datetime:
    """What this visit compares against: now on a first visit (only what arrives from now on is new)."""
    now = clock.now()
    seen, since = _cookie_moment(request, SEEN_COOKIE), _cookie_moment(request, SINCE_COOKIE)
    if seen is None:
        return now
    if now - seen > VISIT_GAP or since is None:
        return seen
    return since


def remember_visit(response: Response, since: datetime) -> None:
    for name, moment in ((SEEN_COOKIE, clock.now()), (SINCE_COOKIE, since)):
        response.set_cookie(name, clock.stamp(moment), max_age=COOKIE_SECONDS, httponly=True, samesite="lax")


def mark(story: dict[str, Any], since: datetime) -> str | None:
    """"new" for a story all of whose articles arrived since, "updated" for one that gained an article since."""
    if story.get("first_stored") and clock.moment(story["first_stored"]) > since:
        return "new"
    if story.get("last_stored") and clock.moment(story["last_stored"]) > since:
        return "updated"
    return None
