"""The brief of a story: what the sources agree on, what only one reports, where they disagree, who said what,
when, who is involved, what was copied and how each outlet frames it — each item with the spans it rests on.

``build`` gathers the stages' results into one JSON-able dict (schema ``storyline.brief/1``, documented in
docs/brief-schema.md); every text in it is read from its span at build time, and the span travels with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from storyline.compare import claims
from storyline.compare import copies
from storyline.compare import figures
from storyline.compare import framing
from storyline.parse.embed import embed
from storyline.model import Article, Span, TimeExpression

SCHEMA = "storyline.brief/1"
# Conflicts found within an aligned group; figure disagreements are listed on their own.
GROUP_CONFLICTS = ("polarity",)
SUMMARY_SENTENCES = (3, 5)


@dataclass
class StoryMaterial:
    """Everything the stages found in a story's articles, handed to ``build``."""

    story_id: str
    label: str
    articles: list[Article]
    docs: dict[str, Doc]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    times: dict[str, list[TimeExpression]]
    speakers_by_article: dict[str, list[str]]


def cite(span: Span, articles: dict[str, Article], **extra: Any) -> dict[str, Any]:
    article = articles[span.article_id]
    return {"article": span.article_id, "source": article.outlet, "start": span.start, "end": span.end,
            "text": span.text(article), **extra}


def article_entry(article: Article) -> dict[str, Any]:
    return {"id": article.id, "source": article.outlet, "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "published_inferred": article.published_inferred}


def _copied_relation(passages: list[copies.CopiedPassage]):
    def copied(origin: Span, copy: Span) -> bool:
        return any(p.origin.article_id == origin.article_id and p.copy.article_id == copy.article_id
                   and p.copy.start <= copy.end and copy.start <= p.copy.end for p in passages)
    return copied


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
        items.append(cite(representative.span, articles, sources=group.sources,
                          independent_sources=group.independent_sources, kind=group.kind))
    return items


def _details_only_one_outlet_gives(groups: list[claims.ClaimGroup], all_figures: list[figures.Figure],
                                   disagreeing: list[figures.FigureDisagreement]
                                   ) -> list[tuple[claims.ClaimUnit, figures.Figure]]:
    """Figures inside a shared claim that the other outlets' versions of it leave out ("eleven hospitals" where
    the others say "hospitals"): a detail only one outlet reports, though the claim is shared."""
    in_dispute = {f.span for d in disagreeing for f in d.figures}
    details = []
    for group in groups:
        if len(group.sources) < 2:
            continue
        inside = {id(u): [f for f in all_figures if f.span.article_id == u.span.article_id
                          and u.span.start <= f.span.start < u.span.end and f.kind != "DAY"] for u in group.units}
        for unit in group.units:
            others = {f.value for other in group.units if other is not unit for f in inside[id(other)]}
            details += [(unit, f) for f in inside[id(unit)] if f.value not in others and f.span not in in_dispute]
    return details


def build(material: StoryMaterial) -> dict[str, Any]:
    articles = {a.id: a for a in material.articles}
    pairs = [(a, material.docs[a.id]) for a in material.articles]
    passages = copies.find(pairs)
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    vectors = embed([u.span.text(articles[u.span.article_id]) for u in units])
    groups = claims.align(units, vectors, _copied_relation(passages))
    all_figures = [f for article, doc in pairs for f in figures.extract(article, doc, material.times.get(article.id, []))]
    figure_disagreements = figures.disagreements(all_figures, embed)
    claims.mark_figure_conflicts(groups, figure_disagreements)
    single_source = [cite(g.units[0].span, articles) for g in groups if g.kind == "single-source"]
    single_source += [cite(unit.span, articles, detail=cite(figure.span, articles))
                      for unit, figure in _details_only_one_outlet_gives(groups, all_figures, figure_disagreements)]

    def group_entry(group: claims.ClaimGroup) -> dict[str, Any]:
        return {"kind": group.kind, "sources": group.sources, "independent_sources": group.independent_sources,
                "conflict": group.conflict,
                "spans": [cite(u.span, articles) for u in group.units]}

    shared = sorted((g for g in groups if g.kind == "shared"), key=lambda g: -len(g.independent_sources))
    outlets = framing.outlet_framing(material.articles, material.speakers_by_article)
    per_source = Counter(a.outlet for a in material.articles)
    coverage = []
    for source in sorted(per_source):
        mine = [g for g in groups if source in g.sources]
        coverage.append({
            "source": source, "articles": per_source[source], "claims": len(mine),
            "shared": sum(g.kind == "shared" for g in mine), "conflicting": sum(g.kind == "conflicting" for g in mine),
            "single_source": sum(g.kind == "single-source" for g in mine),
            "quotes": sum(len(material.speakers_by_article.get(a.id, [])) for a in material.articles
                          if a.outlet == source),
            "copied_from_others": sum(articles[p.copy.article_id].outlet == source for p in passages),
        })
    titled = [a for a in material.articles if a.title]
    title = max(titled, key=lambda a: sum(a.id in {u.span.article_id for u in g.units} for g in shared)).title \
        if titled else material.label
    return {
        "schema": SCHEMA,
        "story": {"id": material.story_id, "label": material.label,
                  "articles": [article_entry(a) for a in material.articles]},
        "title": title,
        "summary": _summary(groups, articles),
        "key_facts": [group_entry(g) for g in shared],
        "disagreements": [{"conflict": d.description,
                           "figures": [cite(f.span, articles, value=f.value, counts=f.counted) for f in d.figures],
                           "spans": [cite(u.span, articles) for g in groups if g.kind == "conflicting"
                                     and g.conflict == d.description for u in g.units]}
                          for d in figure_disagreements]
                         + [group_entry(g) for g in groups if g.kind == "conflicting" and g.conflict
                            and g.conflict.startswith(GROUP_CONFLICTS)],
        "single_source": single_source,
        "quotes": material.quotes,
        "timeline": material.timeline,
        "entities": material.entities,
        "copied": [{"origin": cite(p.origin, articles), "copy": cite(p.copy, articles), "words": p.words,
                    "similarity": round(p.similarity, 3), "directed": p.directed} for p in passages],
        "framing": {
            "wording": [{"choices": [cite(c.left, articles), cite(c.right, articles)]}
                        for c in framing.wording_choices(groups, articles)],
            "outlets": [{"source": o.source, "loaded": [cite(s, articles, neutral=framing.loaded_words()[
                s.text(articles[s.article_id]).lower()]) for s in o.loaded],
                         "most_quoted": o.most_quoted} for o in outlets],
        },
        "coverage": coverage,
    }
