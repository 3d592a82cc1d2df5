"""The JSON forms of what :class:`storyline.corpus.Corpus` answers, one function per kind of record, shared by
the command line, the HTTP API and the brief, so that each thing reads the same wherever it is printed.

A *citation* is a span with its outlet and text: ``{"article", "source", "start", "end", "text"}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.model import Article, Attribution, Entity, Span
from storyline.text.quotemarks import quoted_spans

if TYPE_CHECKING:
    from storyline.compare.quotes import QuoteGroup
    from storyline.compare.timeline import TimelineEntry


def article_summary(article: Article) -> dict[str, Any]:
    """An article as the command line lists it: its stored record, without its text."""
    return {
        "id": article.id, "source": article.source, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred, "published_confidence": article.published_confidence,
        "words": article.word_count, "origin": article.origin,
        "revision_of": article.revision_of,
    }


def article_entry(article: Article) -> dict[str, Any]:
    """An article as the brief and the API list it: ``source`` is its outlet, named even when no source was given."""
    return {"id": article.id, "source": article.outlet, "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "published_inferred": article.published_inferred, "published_confidence": article.published_confidence}


def ingest_report(report: Any) -> dict[str, Any]:
    """What an ingest did (a :class:`storyline.pipeline.IngestReport`)."""
    return {"read": report.read, "stored": report.stored, "revisions": report.revisions,
            "duplicates": report.duplicates, "errors": [str(e) for e in report.errors],
            "warnings": [str(w) for w in report.warnings], "articles": report.stored_ids}


def citation(span: Span, articles: dict[str, Article], **extra: Any) -> dict[str, Any]:
    article = articles[span.article_id]
    return {"article": span.article_id, "source": article.outlet, "start": span.start, "end": span.end,
            "text": span.text(article), **extra}


def entity_summary(entity: Entity) -> dict[str, Any]:
    """An entity with its mentions counted, not listed."""
    return {"id": entity.id, "name": entity.name, "type": entity.type, "variants": entity.variants,
            "roles": entity.roles, "mentions": len(entity.mentions),
            "articles": len({span.article_id for span in entity.mentions})}


def prominence(entity: dict[str, Any]) -> tuple:
    """Who is involved, before where: people and organisations first, each group by how many articles and
    mentions name them (a sort key of an :func:`entity_summary`)."""
    return entity["type"] not in ("PERSON", "ORG"), -entity["articles"], -entity["mentions"], entity["name"]


def quote_groups(groups: list[QuoteGroup], entities: list[Entity], articles: dict[str, Article]
                 ) -> list[dict[str, Any]]:
    """Who said what: each statement with its speaker, its wordings and the outlets carrying each; every span says
    whom its outlet gives the words to."""
    by_id = {entity.id: entity for entity in entities}

    def cite(span: Span | None) -> dict[str, Any] | None:
        return None if span is None else citation(span, articles)

    def name(entity_id: str | None) -> str | None:
        return by_id[entity_id].name if entity_id in by_id else None

    result = []
    for group in groups:
        named = name(group.speaker)
        # A source no entity stands for ("security sources", "diplomats in Beirut", or the phrase a "she" stands
        # for) still says who said it, as the outlet most giving it that source wrote it.
        written = [" ".join((a.antecedent or a.source).text(articles[aid]).split()) for (aid, a), speaker
                   in zip(group.members, group.member_speakers) if a.source and speaker.label == group.label]
        # Over the whole statement: a statement outlets give to different speakers is listed under each, with the
        # outlets naming that one, and each says who else the others give it to.
        given_to: dict[str, set[str]] = {}
        for aid, speaker in group.given_to:
            if speaker.entity in by_id:
                given_to.setdefault(by_id[speaker.entity].name, set()).add(articles[aid].outlet)
        others = sorted({by_id[s.entity].name for _, s in group.given_to if s.entity in by_id} - {named})
        result.append({
            "speaker": named,
            "speaker_id": group.speaker,
            "attributed_to": named or (written[0] if group.label and written else "unattributed"),
            "speakers": [name(s) for s in group.speakers],
            "speaker_conflict": group.speaker_conflict,
            # Whom the outlets give the words to, by name, the statement's speaker first: the conflict shown.
            "given_to": [{"speaker": speaker, "sources": sorted(given_to[speaker])}
                         for speaker in ([named] if named else []) + others if speaker in given_to],
            "direct": any(a.direct for _, a in group.members),
            "outlets": group.outlets,
            # ``as_written``: the first outlet's span, its own quotation marks kept (reported speech has none).
            "wordings": [{"text": w.text, "as_written": written_form(articles, *w.members[0]), "sources": w.outlets,
                          "spans": [{**cite(a.content), "cue": cite(a.cue), "said_by": cite(a.source),
                                     "speaker": name(speaker.entity)}
                                    for (_, a), speaker in zip(w.members, w.speakers)]} for w in group.wordings],
            "diff": [[{"op": c.op, "main": c.main, "other": c.other} for c in changes] for changes in group.diffs],
        })
    return result


def quotes_by_speaker(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote groups (:func:`quote_groups`) gathered by speaker: each speaker once, with their statements, speakers
    carried by most outlets first and the unattributed last; a statement whose outlets disagree on its speaker is
    listed under the one most of them name, and says so."""
    by_speaker: dict[tuple, dict[str, Any]] = {}
    for group in groups:
        key = (group["speaker_id"],) if group["speaker_id"] else ("", group["attributed_to"].casefold())
        entry = by_speaker.setdefault(key, {"speaker": group["speaker"], "speaker_id": group["speaker_id"],
                                            "attributed_to": group["attributed_to"], "outlets": [], "statements": []})
        entry["statements"].append(group)
        entry["outlets"] = sorted(set(entry["outlets"]) | set(group["outlets"]))
    return sorted(by_speaker.values(), key=lambda e: (e["attributed_to"] == "unattributed", e["speaker"] is None,
                                                      -len(e["outlets"]), -len(e["statements"]), e["attributed_to"]))


def written_form(articles: dict[str, Article], article_id: str, attribution: Attribution) -> str:
    """A quote's content as its article writes it, on one line; a direct quote that the attribution interrupts
    ("“A,” she said. “B.”") reads as its quotations alone, joined by an ellipsis where words were left out: the
    speaker is named beside it, and the spans keep where every word stands."""
    content = attribution.content.text(articles[article_id])
    cue = attribution.cue
    if attribution.direct and cue is not None and attribution.content.start <= cue.start < attribution.content.end:
        content = _quotations_alone(content)
    return " ".join(content.split())


def _quotations_alone(content: str) -> str:
    """The quotations of a content that opens and closes with one, what stands between them (the attribution)
    left out; the content as it is otherwise."""
    quotations = quoted_spans(content)
    text_start, text_end = len(content) - len(content.lstrip()), len(content.rstrip())
    if len(quotations) < 2 or quotations[0][0] != text_start or quotations[-1][1] != text_end:
        return content
    pieces = [content[start:end] for start, end in quotations]
    gaps = [content[left[1]:right[0]] for left, right in zip(quotations, quotations[1:])]
    joined = pieces[0]
    for gap, piece in zip(gaps, pieces[1:]):
        joined += (" … " if gap.strip() else " ") + piece
    return joined


def timeline(entries: list[TimelineEntry], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """Timeline entries in order, each with its statements cited and the outlets stating it."""
    result = []
    for entry in entries:
        result.append({
            "order": entry.order, "value": entry.value, "after": entry.after, "label": entry.label,
            # Not None when the date is a guess, counted from an inferred publication date.
            "confidence": entry.confidence, "words": entry.words,
            # Not None when no statement gives the date but one counted it from its report's publication day.
            "counted": None if entry.counted is None else {"words": entry.counted[0], "published": entry.counted[1]},
            "statements": [{**span.to_json(), "source": articles[span.article_id].outlet,
                            "text": span.text(articles[span.article_id])} for span in entry.statements],
            "times": [span.to_json() for span in entry.times],
            # ``source`` as stored ("" when none was given), one per article, in the order of the statements.
            "sources": [articles[a].source for a in entry.article_ids() if a in articles],
            "text": entry.statements[0].text(articles[entry.statements[0].article_id]),
        })
    return result
