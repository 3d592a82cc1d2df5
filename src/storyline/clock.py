"""Moments as the store keeps them: ISO 8601 in UTC to the millisecond, one format everywhere, so that they sort
and compare as text (in SQL too)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as stored."""
    return (moment or now()).astimezone(timezone.utc).isoformat(timespec="milliseconds")


def later(seconds: float, moment: datetime | None = None) -> str:
    """The stored form of ``seconds`` after ``moment`` (default: now)."""
    return stamp((moment or now()) + timedelta(seconds=seconds))


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def seconds_until(text: str) -> float:
    """Seconds from now until a stored moment (negative once it has passed)."""
    return (moment(text) - now()).total_seconds()
