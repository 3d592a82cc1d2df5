"""The store's records of alerts: saved watches, the alerts they fired, each alert's deliveries, the digests of
watched stories, and how far the alerts have looked.

A mixin of :class:`storyline.store.Store`: it writes through the store's one connection, inside the transaction its
caller opened. "How far" is an article cursor: articles are numbered in the order they were stored (their ``rowid``:
SQLite's own, a column filled from a sequence in PostgreSQL), so "what arrived since" is a range, whoever stored it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from storyline.store.sql import placeholders

ALERT_CURSOR_KEY = "alert_cursor"
# A delivery is waiting (pending), being tried (sending), done (delivered), or given up on (failed).
DELIVERY_STATES = ("pending", "sending", "delivered", "failed")


class AlertRecords:
    db: Any

    # watches

    def add_watch(self, kind: str, value: str, targets: list[dict[str, Any]], now: str,
                  anchor_article: str | None = None) -> int:
        """Save a watch; it sees only articles stored from now on."""
        cursor = self.db.execute(
            "INSERT INTO watches (kind, value, anchor_article, targets, since_article, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (kind, value, anchor_article, json.dumps(targets, ensure_ascii=False), self.article_cursor(), now))
        # Every row read, so that SQLite finishes the statement (and, outside a transaction, commits it).
        [(watch_id,)] = cursor.fetchall()
        return watch_id

    def watches(self) -> list[dict[str, Any]]:
        """Every watch, oldest first, with its targets and how many alerts it fired."""
        rows = self.db.execute(
            "SELECT w.*, (SELECT count(*) FROM alerts a WHERE a.watch_id = w.id) AS alerts,"
            " (SELECT max(a.created_at) FROM alerts a WHERE a.watch_id = w.id) AS last_alert_at"
            " FROM watches w ORDER BY w.id").fetchall()
        return [{**dict(row), "targets": json.loads(row["targets"])} for row in rows]

    def remove_watch(self, watch_id: int) -> bool:
        """Forget a watch with its alerts and their deliveries."""
        alert_ids = [row[0] for row in self.db.execute("SELECT id FROM alerts WHERE watch_id = ?", (watch_id,))]
        for start in range(0, len(alert_ids), 500):
            chunk = alert_ids[start:start + 500]
            self.db.execute(f"DELETE FROM alert_deliveries WHERE alert_id IN ({placeholders(chunk)})", chunk)
        self.db.execute("DELETE FROM alerts WHERE watch_id = ?", (watch_id,))
        return self.db.execute("DELETE FROM watches WHERE id = ?", (watch_id,)).rowcount > 0

    # what arrived, and what the stories were before it

    def article_cursor(self) -> int:
        """The number of the last article stored (0 in an empty store)."""
        return self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]

    def articles_after(self, cursor: int) -> list[tuple[int, str, str | None, str]]:
        """Articles stored after ``cursor``, in order: number, id, story (None until assigned), when stored."""
        rows = self.db.execute(
            "SELECT a.rowid AS number, a.id, sa.story_id, a.ingested_at FROM articles a"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE a.rowid > ? ORDER BY a.rowid", (cursor,))
        return [(row["number"], row["id"], row["story_id"], row["ingested_at"]) for row in rows]

    def story_members_until(self, story_id: str, cursor: int) -> list[str]:
        """The story's articles as they stood at ``cursor``: those stored by then and not yet revised then."""
        rows = self.db.execute(
            "SELECT a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? AND a.rowid <= ? AND NOT EXISTS"
            " (SELECT 1 FROM articles b WHERE b.revision_of = a.id AND b.rowid <= ?) ORDER BY a.rowid",
            (story_id, cursor, cursor))
        return [row["id"] for row in rows]

    def alert_cursor(self) -> int | None:
        """The last article the alerts have looked at; None before the first look."""
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (ALERT_CURSOR_KEY,)).fetchone()
        return json.loads(row["value"]) if row else None

    def set_alert_cursor(self, cursor: int, now: str) -> None:
        self.db.execute(
            "INSERT INTO state (key, value, arrays, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT(key) DO UPDATE"
            " SET value = excluded.value, updated_at = excluded.updated_at",
            (ALERT_CURSOR_KEY, json.dumps(cursor), now))

    def story_digest(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """A story's digest and the fingerprint of the articles it was taken over."""
        row = self.db.execute("SELECT articles, digest FROM story_digests WHERE story_id = ?", (story_id,)).fetchone()
        return (row["articles"], json.loads(row["digest"])) if row else None

    def save_story_digest(self, story_id: str, articles: str, digest: dict[str, Any], now: str) -> None:
        self.db.execute(
            "INSERT INTO story_digests (story_id, articles, digest, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(story_id) DO UPDATE SET articles = excluded.articles, digest = excluded.digest,"
            " updated_at = excluded.updated_at", (story_id, articles, json.dumps(digest, ensure_ascii=False), now))

    # alerts and their deliveries

    def add_alert(self, watch_id: int, kind: str, story_id: str, change_key: str, data: dict[str, Any],
                  targets: list[str], now: str) -> int | None:
        """Record an alert with a pending delivery to each target; None when this watch already fired for this
        change (an alert fires once)."""
        cursor = self.db.execute(
            "INSERT INTO alerts (watch_id, kind, story_id, change_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(watch_id, change_key) DO NOTHING RETURNING id",
            (watch_id, kind, story_id, change_key, json.dumps(data, ensure_ascii=False), now))
        inserted = cursor.fetchall()
        if not inserted:
            return None
        alert_id = inserted[0][0]
        self.db.executemany("INSERT INTO alert_deliveries (alert_id, target, status, next_attempt_at)"
                            " VALUES (?, ?, 'pending', ?)", [(alert_id, target, now) for target in targets])
        return alert_id

    def alerts(self, *, watch_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Alerts fired, newest first, each with its deliveries."""
        sql, params = "SELECT * FROM alerts", []
        if watch_id is not None:
            sql += " WHERE watch_id = ?"
            params.append(watch_id)
        rows = self.db.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
        deliveries: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
        ids = list(deliveries)
        if ids:
            for row in self.db.execute("SELECT alert_id, target, status, attempts, last_error, delivered_at FROM"
                                       f" alert_deliveries WHERE alert_id IN ({placeholders(ids)})"
                                       " ORDER BY target", ids):
                deliveries[row["alert_id"]].append({key: row[key] for key in row.keys() if key != "alert_id"})
        return [{"id": row["id"], "watch_id": row["watch_id"], "kind": row["kind"], "story": row["story_id"],
                 "created_at": row["created_at"], **json.loads(row["data"]), "deliveries": deliveries[row["id"]]}
                for row in rows]

    def alert(self, alert_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        if row is None:
            raise KeyError(f"no alert {alert_id}")
        return {"id": row["id"], "watch_id": row["watch_id"], "kind": row["kind"], "story": row["story_id"],
                "created_at": row["created_at"], **json.loads(row["data"])}

    def due_deliveries(self, now: str) -> list[tuple[int, str, int]]:
        """Deliveries to try now: alert id, target and the attempts made, oldest alert first."""
        rows = self.db.execute("SELECT alert_id, target, attempts FROM alert_deliveries WHERE status = 'pending'"
                               " AND next_attempt_at <= ? ORDER BY alert_id, target", (now,))
        return [(row["alert_id"], row["target"], row["attempts"]) for row in rows]

    def next_delivery_at(self) -> str | None:
        """When the next pending delivery is due."""
        return self.db.execute("SELECT min(next_attempt_at) FROM alert_deliveries WHERE status = 'pending'"
                               ).fetchone()[0]

    def claim_delivery(self, alert_id: int, target: str, lease_until: str) -> bool:
        """Mark a pending delivery as being sent (one attempt more) until ``lease_until`` at the latest; False if
        another process claimed it."""
        return self.db.execute("UPDATE alert_deliveries SET status = 'sending', attempts = attempts + 1,"
                               " next_attempt_at = ? WHERE alert_id = ? AND target = ? AND status = 'pending'",
                               (lease_until, alert_id, target)).rowcount > 0

    def finish_delivery(self, alert_id: int, target: str, status: str, now: str, *, error: str | None = None,
                        retry_at: str | None = None) -> None:
        """The outcome of an attempt: delivered, failed for good, or pending again until ``retry_at``."""
        if status not in DELIVERY_STATES:
            raise ValueError(f"not a delivery state: {status}")
        self.db.execute(
            "UPDATE alert_deliveries SET status = ?, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at),"
            " delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE alert_id = ? AND target = ?",
            (status, error, retry_at, status, now, alert_id, target))

    def abandon_interrupted_deliveries(self, now: str, reason: str) -> int:
        """Deliveries whose sender stopped while sending (their lease ran out): the target may have them, so they
        are not sent again (at most once) but marked failed with ``reason``; returns how many."""
        return self.db.execute("UPDATE alert_deliveries SET status = 'failed', last_error = ? WHERE status ="
                               " 'sending' AND next_attempt_at < ?", (reason, now)).rowcount
