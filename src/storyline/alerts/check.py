"""Alerts from what the articles stored since the last check changed.

The store numbers articles in the order they were stored, and keeps the number the alerts last checked up to.
A check takes the articles stored since (once each is in a story), groups them by story, and compares each
story as it stood at the last check with the story now, for the watches that care:

- a name or query watch fires ``story`` when a story matches it now and did not before (a new story, or one an
  article brought the name or words into), and ``quote`` for each new quote by a watched name;
- a story watch, and a name or query watch on a story that matched before, fire ``outlet`` for each outlet the
  story gained and ``disagreement`` for each new disagreement (none of its statements was in dispute before).

Which outlets, names and quotes a story holds is cheap to work out again; its disagreements are not (claims
aligned across outlets, a brief's dearest part), so each watched story keeps a small digest in the store, taken
over its articles at the last check, and a story is compared afresh only when the digest is missing or was taken
over other articles (a merge, a recluster). The alerts, the digests and the new checked-up-to number are stored in
one transaction; each alert is unique per watch and change. So an alert fires once whatever stops the process,
and whichever process ingested the articles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from storyline import clock
from storyline.alerts.watches import names_entity, target_key
from storyline.brief.build import disagreements
from storyline.compare.story import align_claims, match_quotes, resolve_entities, speakers
from storyline.model import Article, Attribution, Entity, Mention, TimeExpression
from storyline.serialize import article_entry, quote_groups
from storyline.text import names

if TYPE_CHECKING:
    from storyline.corpus import Corpus

# An article stored this long ago that is still in no story was left so by a crash between storing it and
# assigning it (until ``storyline recluster``); the check goes past it instead of waiting for it for ever.
UNASSIGNED_GRACE = timedelta(minutes=10)


def _key(text: str) -> str:
    """A statement's or quote's key: the same words, however spaced, accented or cased."""
    return hashlib.sha256(names.fold(text).encode("utf-8")).hexdigest()[:16]


def _fingerprint(article_ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:32]


class StoryState:
    """A story's articles at one moment, and what alerts compare of them, each worked out on first use (or read
    from a digest taken over the same articles)."""

    def __init__(self, corpus: Corpus, articles: list[Article], digest: dict[str, Any] | None = None) -> None:
        self.corpus = corpus
        self.articles = articles
        self.by_id = {article.id: article for article in articles}
        self.ids = [article.id for article in articles]
        self.digest = digest

    @cached_property
    def outlets(self) -> set[str]:
        return {article.outlet for article in self.articles}

    @cached_property
    def mentions(self) -> dict[str, list[Mention]]:
        return self.corpus.store.records("mention", Mention, self.ids)

    @cached_property
    def attributions(self) -> dict[str, list[Attribution]]:
        return self.corpus.store.records("quote", Attribution, self.ids)

    @cached_property
    def entities(self) -> list[Entity]:
        if self.digest is not None:
            return [Entity("", name, kind, {variant: 1 for variant in variants})
                    for name, kind, variants in self.digest["names"]]
        return resolve_entities(self.articles, self.mentions)

    @cached_property
    def quote_keys(self) -> set[str]:
        if self.digest is not None:
            return set(self.digest["quotes"])
        return {_key(a.content.text(self.by_id[article_id])) for article_id, found in self.attributions.items()
                for a in found}

    @cached_property
    def disagreements(self) -> list[dict[str, Any]]:
        """The story's disagreements as the brief lists them."""
        from storyline.compare.story import StoryMaterial

        material = StoryMaterial(self.articles, self.mentions, self.attributions,
                                 self.corpus.store.records("time", TimeExpression, self.ids), self.corpus.doc)
        aligned = align_claims(material)
        return disagreements(aligned.claims, aligned.figure_disagreements, self.by_id)

    @cached_property
    def disagreement_keys(self) -> list[set[str]]:
        if self.digest is not None:
            return [set(keys) for keys in self.digest["disagreements"]]
        return [_statement_keys(entry) for entry in self.disagreements]

    def names(self, name: str) -> Entity | None:
        """The story's entity a watched name names, if any."""
        return next((entity for entity in self.entities if names_entity(name, entity)), None)

    def to_digest(self) -> dict[str, Any]:
        return {"names": [[e.name, e.type, sorted(e.variants)] for e in self.entities],
                "quotes": sorted(self.quote_keys), "disagreements": [sorted(keys) for keys in self.disagreement_keys]}


def _statement_keys(entry: dict[str, Any]) -> set[str]:
    return {_key(citation["text"]) for citation in [*entry.get("spans", []), *entry.get("figures", [])]}


class Check:
    """One check over the articles stored since the last one."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.store = corpus.store
        self.now = clock.now()

    def run(self) -> list[int]:
        """Check, store the alerts with their deliveries, and return their ids."""
        stored_cursor = cursor = self.store.alert_cursor()
        watches = self.store.watches()
        if not watches:
            return self._advance(cursor, self.store.article_cursor(), [], {})
        if cursor is None:  # the first check: from where the oldest watch began
            cursor = min(watch["since_article"] for watch in watches)
        arrived, end = self._arrived(cursor)
        if end == cursor:
            return []
        drafts, digests = [], {}
        for story_id, new in arrived.items():
            found, digest = self._story(story_id, new, cursor, watches)
            drafts += found
            if digest is not None:
                digests[story_id] = digest
        return self._advance(stored_cursor, end, drafts, digests)

    def _arrived(self, cursor: int) -> tuple[dict[str, list[tuple[int, str]]], int]:
        """The articles stored since ``cursor`` by story, and how far they go: up to the first one not in a story
        yet (its story is being assigned: it is looked at next time), past those left unassigned by a crash."""
        by_story: dict[str, list[tuple[int, str]]] = {}
        end = cursor
        for number, article_id, story_id, stored_at in self.store.articles_after(cursor):
            if story_id is None and clock.moment(stored_at) > self.now - UNASSIGNED_GRACE:
                break
            if story_id is not None:
                by_story.setdefault(story_id, []).append((number, article_id))
            end = number
        return by_story, end

    def _advance(self, cursor: int | None, end: int, drafts: list[dict[str, Any]],
                 digests: dict[str, tuple[str, dict[str, Any]]]) -> list[int]:
        """Store the alerts, the digests and the new cursor together, unless another process checked meanwhile."""
        if cursor == end:
            return []
        now = clock.stamp(self.now)
        fired = []
        with self.store.writing():
            if self.store.alert_cursor() != cursor:
                return []
            for draft in drafts:
                alert_id = self.store.add_alert(now=now, **draft)
                if alert_id is not None:
                    fired.append(alert_id)
            for story_id, (fingerprint, digest) in digests.items():
                self.store.save_story_digest(story_id, fingerprint, digest, now)
            self.store.set_alert_cursor(end, now)
        return fired

    def _story(self, story_id: str, new: list[tuple[int, str]], cursor: int, watches: list[dict[str, Any]]
               ) -> tuple[list[dict[str, Any]], tuple[str, dict[str, Any]] | None]:
        """The alerts one story's new articles fire, and the story's digest to keep (None when no watch cares)."""
        caring = []
        for watch in watches:
            fresh = [article_id for number, article_id in new if number > watch["since_article"]]
            if fresh and (watch["kind"] != "story" or self.corpus.story_of(watch["anchor_article"]) == story_id):
                caring.append((watch, fresh))
        if not caring:
            return [], None
        after = StoryState(self.corpus, self.corpus.story_articles(story_id))
        before_ids = self.store.story_members_until(story_id, cursor)
        kept = self.store.story_digest(story_id)
        before = StoryState(self.corpus, self.store.articles(ids=before_ids, include_revised=True),
                            kept[1] if kept and kept[0] == _fingerprint(before_ids) else None)
        drafts: list[dict[str, Any]] = []
        watched = False
        for watch, fresh in caring:
            found, watching = _Comparison(self.corpus, story_id, watch, before, after, fresh).alerts()
            drafts += found
            watched |= watching
        return drafts, (_fingerprint(after.ids), after.to_digest()) if watched else None


class _Comparison:
    """One watch over one story, before and after its new articles."""

    def __init__(self, corpus: Corpus, story_id: str, watch: dict[str, Any], before: StoryState,
                 after: StoryState, fresh: list[str]) -> None:
        self.corpus = corpus
        self.story_id = story_id
        self.watch = watch
        self.before = before
        self.after = after
        self.fresh = fresh

    def alerts(self) -> tuple[list[dict[str, Any]], bool]:
        """The alerts, and whether the story is watched by this watch now."""
        kind, value = self.watch["kind"], self.watch["value"]
        if kind == "story":
            return self._changes(), True
        if kind == "name":
            matched_before, entity = self.before.names(value) is not None, self.after.names(value)
            found = self._quotes(value) if entity is not None else []
            matched = entity is not None
        else:
            store = self.corpus.store
            matched_before = bool(self.before.ids and store.matching_article_ids(value, self.before.ids))
            matched = matched_before or bool(store.matching_article_ids(value, self.fresh))
            found, entity = [], None
        if not matched:
            return [], False
        if not matched_before:
            detail = {"entity": {"name": entity.name, "variants": sorted(entity.variants)}} if entity else {}
            return [self._draft("story", "story", detail), *found], True
        return self._changes() + found, True

    def _changes(self) -> list[dict[str, Any]]:
        """Outlets gained and new disagreements of a story this watch was already watching."""
        found = [self._draft("outlet", f"outlet:{outlet}", {"outlet": outlet})
                 for outlet in sorted(self.after.outlets - self.before.outlets)]
        disputed_before = set().union(*self.before.disagreement_keys)
        for entry in self.after.disagreements:
            keys = _statement_keys(entry)
            if keys and not keys & disputed_before:
                found.append(self._draft("disagreement", "disagreement:" + ",".join(sorted(keys)),
                                         {"disagreement": entry}))
        return found

    def _quotes(self, name: str) -> list[dict[str, Any]]:
        """Quote groups of the watched name none of whose wordings the story carried before."""
        after = self.after
        groups = match_quotes(after.articles, after.attributions, speakers(after.entities, after.mentions),
                              doc=self.corpus.doc)
        by_entity = {entity.id: entity for entity in after.entities}
        found = []
        for group in groups:
            if not any(s in by_entity and names_entity(name, by_entity[s]) for s in group.speakers):
                continue
            keys = {_key(attribution.content.text(after.by_id[article_id]))
                    for article_id, attribution in group.members}
            if keys & self.before.quote_keys:
                continue
            [entry] = quote_groups([group], after.entities, after.by_id)
            found.append(self._draft("quote", "quote:" + ",".join(sorted(keys)), {"quote": entry}))
        return found

    def _draft(self, kind: str, change: str, detail: dict[str, Any]) -> dict[str, Any]:
        summary = self.corpus.store.story(self.story_id)
        first_titled = next((a.title for a in self.after.articles if a.title), None)
        data = {"watch": {"id": self.watch["id"], "kind": self.watch["kind"], "value": self.watch["value"]},
                "story_label": summary["label"], "story_title": first_titled, "story_articles": summary["articles"],
                "story_sources": summary["sources"],
                "articles": [article_entry(self.after.by_id[i]) for i in self.fresh if i in self.after.by_id],
                **detail}
        return {"watch_id": self.watch["id"], "kind": kind, "story_id": self.story_id,
                "change_key": f"{self.story_id}:{change}", "data": data,
                "targets": [target_key(target) for target in self.watch["targets"]]}
