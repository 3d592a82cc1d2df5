"""Delivering alerts, each at most once to each target: JSON Lines to standard output or a file, and webhook POSTs
signed with HMAC-SHA256.

A delivery is claimed in the store (one transaction) before it is attempted and its outcome recorded after (a
second one). A failure the target may recover from (a 5xx or 429 answer, a timeout, a refused connection) puts it
back in line after an exponential backoff with jitter, until its attempts run out; any other failure gives it up.
A delivery a process was making when it was killed stays claimed: once its lease has run out it is marked failed,
never sent again, since the target may have it already. Each alert carries its id, so a receiver can also tell a
repeat it never gets.

A webhook POST carries the alert as JSON, with::

    X-Storyline-Alert: 42
    X-Storyline-Timestamp: 1767225600
    X-Storyline-Signature: sha256=HEX      (HMAC-SHA256 of "TIMESTAMP.BODY" under the watch's secret)

The timestamp inside the signed text lets the receiver refuse old replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from storyline import clock
from storyline.alerts.watches import STANDARD_OUTPUT, target_key
from storyline.ingest.errors import BadInput
from storyline.ingest.fetch import Fetcher, HttpError
from storyline.store import Store

INTERRUPTED = "interrupted while being sent; not sent again, as the target may have it"
# Statuses worth trying again: the receiver is overloaded, restarting, or asks to be left alone for a while.
RETRIED_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class DeliveryConfig:
    # Attempts per delivery in all, and the wait before the second, doubled each time up to the cap and drawn
    # between half and all of it: eight attempts span about an hour, a receiver's usual restart or outage.
    attempts: int = 8
    first_retry: float = 30.0
    max_retry: float = 1800.0
    # How long a claimed delivery may take before another process takes it for interrupted: longer than a
    # request's timeout.
    lease: float = 120.0


CONFIG = DeliveryConfig()


class _Retry(Exception):
    """A failure worth trying again."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def alert_json(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert as it is delivered (and listed): its id, what fired it, and the change."""
    return {"alert": alert["id"], "created_at": alert["created_at"], "kind": alert["kind"], "story": alert["story"],
            **{key: value for key, value in alert.items()
               if key not in ("id", "watch_id", "created_at", "kind", "story", "deliveries")}}


class Deliverer:
    def __init__(self, store: Store, fetcher: Fetcher | None, output: TextIO | None,
                 config: DeliveryConfig = CONFIG) -> None:
        """Deliver through ``fetcher`` (webhooks) and to ``output`` (the standard-output target); the deliveries
        this process has no way to make are left for one that has."""
        self.store = store
        self.fetcher = fetcher
        self.output = output
        self.config = config

    def deliver_due(self) -> int:
        """Make every delivery that is due; returns how many arrived."""
        now = clock.stamp()
        with self.store.writing():
            self.store.abandon_interrupted_deliveries(now, INTERRUPTED)
        watches = {watch["id"]: watch for watch in self.store.watches()}
        delivered = 0
        for alert_id, key, attempts in self.store.due_deliveries(now):
            alert = self.store.alert(alert_id)
            target = next((t for t in watches[alert["watch_id"]]["targets"] if target_key(t) == key), None)
            if target is None or not self._can_reach(target):
                continue
            with self.store.writing():
                if not self.store.claim_delivery(alert_id, key, clock.later(self.config.lease)):
                    continue
            delivered += self._attempt(alert, key, target, attempts + 1)
        return delivered

    def _can_reach(self, target: dict[str, Any]) -> bool:
        if target["type"] == "webhook":
            return self.fetcher is not None
        return target["path"] != STANDARD_OUTPUT or self.output is not None

    def _attempt(self, alert: dict[str, Any], key: str, target: dict[str, Any], attempt: int) -> bool:
        body = json.dumps(alert_json(alert), ensure_ascii=False).encode("utf-8")
        status, error, retry_at = "delivered", None, None
        try:
            if target["type"] == "webhook":
                self._post(target, alert["id"], body)
            else:
                self._append(target["path"], body)
        except _Retry as failure:
            error = str(failure)
            if attempt < self.config.attempts:
                status = "pending"
                ceiling = min(self.config.max_retry, self.config.first_retry * 2 ** (attempt - 1))
                retry_at = clock.later(random.uniform(ceiling / 2, ceiling))
            else:
                status = "failed"
        except (BadInput, OSError) as failure:
            status, error = "failed", getattr(failure, "message", None) or str(failure)
        with self.store.writing():
            self.store.finish_delivery(alert["id"], key, status, clock.stamp(), error=error, retry_at=retry_at)
        return status == "delivered"

    def _post(self, target: dict[str, Any], alert_id: int, body: bytes) -> None:
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Storyline-Alert": str(alert_id),
                   "X-Storyline-Timestamp": timestamp,
                   "X-Storyline-Signature": signature(target["secret"], timestamp, body)}
        try:
            self.fetcher.post(target["url"], body, headers)
        except HttpError as error:
            if error.status in RETRIED_STATUSES:
                raise _Retry(error.message) from None
            raise
        except BadInput as error:
            if error.message.startswith(("timed out", "could not be sent", "cannot resolve")):
                raise _Retry(error.message) from None
            raise

    def _append(self, path: str, body: bytes) -> None:
        """One line, flushed (and, to a file, synced) before the delivery counts as made."""
        line = body.decode("utf-8") + "\n"
        if path == STANDARD_OUTPUT:
            self.output.write(line)
            self.output.flush()
            return
        with Path(path).open("a", encoding="utf-8") as file:
            file.write(line)
            file.flush()
            os.fsync(file.fileno())
