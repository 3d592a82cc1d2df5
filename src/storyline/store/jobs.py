"""The store's records of Add articles jobs (:mod:`storyline.web.adding`): each job's progress and report, so that
any server on the store shows it, and it outlives the server that ran it.

A mixin of :class:`storyline.store.Store` (it writes through the store's one connection, inside the transaction its
caller opened). A job is one JSON document, as :meth:`storyline.web.adding.Job.to_json` writes it.
"""

from __future__ import annotations

import json
from typing import Any

from storyline import clock

# Finished jobs the store keeps: the oldest are forgotten first.
KEPT_JOBS = 100


class JobRecords:
    db: Any

    def add_job(self, job_id: str, job: dict[str, Any]) -> None:
        """Record a new job, forgetting the finished ones past the newest ``KEPT_JOBS``."""
        now = clock.stamp()
        self.db.execute("INSERT INTO jobs (id, data, finished, started_at, updated_at) VALUES (?, ?, 0, ?, ?)",
                        (job_id, json.dumps(job, ensure_ascii=False), now, now))
        self.db.execute("DELETE FROM jobs WHERE finished = 1 AND id NOT IN (SELECT id FROM jobs WHERE finished = 1"
                        " ORDER BY updated_at DESC, id DESC LIMIT ?)", (KEPT_JOBS,))

    def save_job(self, job_id: str, job: dict[str, Any], finished: bool) -> None:
        self.db.execute("UPDATE jobs SET data = ?, finished = ?, updated_at = ? WHERE id = ?",
                        (json.dumps(job, ensure_ascii=False), int(finished), clock.stamp(), job_id))

    def job(self, job_id: str) -> tuple[dict[str, Any], bool, str] | None:
        """A job as last saved, whether it had finished, and when; None for one the store does not have (never
        started, or forgotten)."""
        row = self.db.execute("SELECT data, finished, updated_at FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else (json.loads(row["data"]), bool(row["finished"]), row["updated_at"])
