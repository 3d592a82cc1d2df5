"""The brief of a story: what the sources agree on, what only one reports, where they disagree, who said what,
when, who is involved, what was copied and how each outlet frames it — each item with the spans it rests on.

``assemble`` turns what the story-level stages found (:func:`storyline.compare.story.compare_story`) into one
JSON-able dict (schema ``storyline.brief/1``, documented in docs/brief-schema.md); every text in it is read from
its span, and the span travels with it. :mod:`storyline.brief.render` writes it as Markdown or HTML.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from storyline.compare import claims, figures, framing
from storyline.compare.story import StoryComparison
from storyline.model import Article
from storyline.serialize import article_entry, citation, entity_summary, prominence, quote_groups, timeline

SCHEMA = "storyline.brief/1"
# Conflicts found within an aligned group; figure disagreements are listed on their own.
GROUP_CONFLICTS = ("polarity",)
# The summary holds at most the second number of corroborated claims, and is filled up to the first from the
# reports' leads when fewer are corroborated.
SUMMARY_SENTENCES = (3, 5)


def assemble(story_id: str, label: str, articles: list[Article], found: StoryComparison) -> dict[str, Any]:
    """The brief of a story (its id, label and articles) from what the story-level stages ``found`` in it."""
    by_id = {a.id: a for a in articles}
    groups = found.claims
    single_source = [citation(g.units[0].span, by_id) for g in groups if g.kind == "single-source"]
    single_source += [citation(unit.span, by_id, detail=citation(figure.span, by_id))
                      for unit, figure in found.lone_figures]

    shared = sorted((g for g in groups if g.kind == "shared"), key=lambda g: -len(g.independent_sources))
    per_source = Counter(a.outlet for a in articles)
    coverage = []
    for source in sorted(per_source):
        mine = [g for g in groups if source in g.sources]
        coverage.append({
            "source": source, "articles": per_source[source], "claims": len(mine),
            "shared": sum(g.kind == "shared" for g in mine), "conflicting": sum(g.kind == "conflicting" for g in mine),
            "single_source": sum(g.kind == "single-source" for g in mine),
            "quotes": sum(len(found.quoted.get(a.id, [])) for a in articles if a.outlet == source),
            "copied_from_others": sum(by_id[p.copy.article_id].outlet == source for p in found.copied),
        })
    titled = [a for a in articles if a.title]
    title = max(titled, key=lambda a: sum(a.id in {u.span.article_id for u in g.units} for g in shared)).title \
        if titled else label
    loaded_words = framing.loaded_words()
    return {
        "schema": SCHEMA,
        "story": {"id": story_id, "label": label, "articles": [article_entry(a) for a in articles]},
        "title": title,
        "summary": _summary(groups, by_id),
        "key_facts": [claim_group_entry(g, by_id) for g in shared],
        "disagreements": disagreements(groups, found.figure_disagreements, by_id),
        "single_source": single_source,
        "quotes": quote_groups(found.quotes, found.entities, by_id),
        "timeline": timeline(found.timeline, by_id),
        "entities": sorted((entity_summary(e) for e in found.entities), key=prominence),
        "copied": [{"origin": citation(p.origin, by_id), "copy": citation(p.copy, by_id), "words": p.words,
                    "similarity": round(p.similarity, 3), "directed": p.directed} for p in found.copied],
        "framing": {
            "wording": [{"choices": [citation(c.left, by_id), citation(c.right, by_id)]} for c in found.wording],
            "outlets": [{"source": o.source,
                         "loaded": [citation(s, by_id, neutral=loaded_words[s.text(by_id[s.article_id]).lower()])
                                    for s in o.loaded],
                         "most_quoted": o.most_quoted} for o in found.outlets],
        },
        "coverage": coverage,
    }


def claim_group_entry(group: claims.ClaimGroup, by_id: dict[str, Article]) -> dict[str, Any]:
    return {"kind": group.kind, "sources": group.sources, "independent_sources": group.independent_sources,
            "conflict": group.conflict, "spans": [citation(u.span, by_id) for u in group.units]}


def disagreements(groups: list[claims.ClaimGroup], figure_disagreements: list[figures.FigureDisagreement],
                  by_id: dict[str, Article]) -> list[dict[str, Any]]:
    """Where the outlets disagree, as the brief lists it: figures in dispute (with the claims stating them), then
    claims one outlet denies."""
    return ([{"conflict": d.description,
              "figures": [citation(f.span, by_id, value=f.value, counts=f.counted) for f in d.figures],
              "spans": [citation(u.span, by_id) for g in groups if g.kind == "conflicting"
                        and g.conflict == d.description for u in g.units]}
             for d in figure_disagreements]
            + [claim_group_entry(g, by_id) for g in groups if g.kind == "conflicting" and g.conflict
               and g.conflict.startswith(GROUP_CONFLICTS)])


def _summary(groups: list[claims.ClaimGroup], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """The best-corroborated claims, most independent sources first, earlier in the reports first."""
    def position(group: claims.ClaimGroup) -> float:
        return min(u.span.start / max(len(articles[u.span.article_id].text), 1) for u in group.units)

    corroborated = sorted((g for g in groups if len(g.independent_sources) > 1),
                          key=lambda g: (-len(g.independent_sources), g.kind == "conflicting", position(g)))
    chosen = corroborated[: SUMMARY_SENTENCES[1]]
    if len(chosen) < SUMMARY_SENTENCES[0]:
        leads = sorted((g for g in groups if g not in chosen), key=position)
        chosen += leads[: SUMMARY_SENTENCES[0] - len(chosen)]
    items = []
    for group in sorted(chosen, key=position):
        representative = min(group.units, key=lambda u: (articles[u.span.article_id].published is None,
                                                           articles[u.span.article_id].published, u.span.start))
        items.append(citation(representative.span, articles, sources=group.sources,
                              independent_sources=group.independent_sources, kind=group.kind))
    return items
