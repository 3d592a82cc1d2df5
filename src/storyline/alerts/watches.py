"""What a watch is: a name (an entity with every variant), a full-text query (FTS5 syntax) or a story, and where
its alerts go (targets)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from storyline.model import Entity
from storyline.text import names

KINDS = ("name", "query", "story")
STANDARD_OUTPUT = "-"


def targets(jsonl: Iterable[str] = (), webhooks: Iterable[str] = (), secret: str | None = None
            ) -> list[dict[str, Any]]:
    """A watch's targets: JSON Lines files (``-`` for the watcher's standard output) and webhook URLs, all signed
    with one secret (made up when none is given: the receiver needs it to check the signatures)."""
    found: list[dict[str, Any]] = [{"type": "jsonl", "path": path} for path in jsonl]
    hooks = list(webhooks)
    for url in hooks:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"a webhook must be an http or https URL: {url!r}")
    if hooks:
        key = secret or secrets.token_hex(32)
        found += [{"type": "webhook", "url": url, "secret": key} for url in hooks]
    return found or [{"type": "jsonl", "path": STANDARD_OUTPUT}]


def target_key(target: dict[str, Any]) -> str:
    """How a delivery names its target."""
    return f"webhook:{target['url']}" if target["type"] == "webhook" else f"jsonl:{target['path']}"


def public(watch: dict[str, Any]) -> dict[str, Any]:
    """A watch as it is listed: webhook secrets left out."""
    return {**watch, "targets": [{key: value for key, value in target.items() if key != "secret"}
                                 for target in watch["targets"]]}


def names_entity(name: str, entity: Entity) -> bool:
    """Whether a watched name is one of the entity's names: the same name in another spelling, or a part of one
    that keeps a person's surname ("Khamenei" of "Ali Khamenei"), or an organisation's or place's part or acronym.
    A watched name longer than every name of the entity does not match: "John Smith" is not any "Smith"."""
    wanted = names.tokens(name)
    if not wanted:
        return False
    compatible = names.person_names_compatible if entity.type == "PERSON" else names.names_compatible
    return any(len(names.tokens(variant)) >= len(wanted) and compatible(name, variant)
               for variant in {entity.name, *entity.variants})
