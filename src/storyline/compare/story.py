"""Every story-level stage over one story, each run once: :func:`compare_story`.

The stages read what the per-article stages stored (mentions, attributions, time expressions) and the articles'
parses, and return their results; nothing here writes. :class:`storyline.corpus.Corpus` answers its questions
about entities, quotes and timelines with the same functions, over a story, one article or the whole store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.compare import claims, copies, figures, framing
from storyline.compare.quotes import QuoteGroup, match
from storyline.compare.timeline import TimelineEntry, timeline
from storyline.compare import entities
from storyline.model import Article, Attribution, Entity, Mention, Span, TimeExpression
from storyline.parse.embed import embed


@dataclass(frozen=True, slots=True)
class StoryMaterial:
    """A story's articles with what the per-article stages found in each, by article id, and their parses."""

    articles: list[Article]
    mentions: dict[str, list[Mention]]
    attributions: dict[str, list[Attribution]]
    times: dict[str, list[TimeExpression]]
    doc: Callable[[str], Doc]


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """What the story-level stages found in one story."""

    entities: list[Entity]
    quotes: list[QuoteGroup]
    # Per article, the name of the speaker of each quote it carries (None when no entity stands for the speaker).
    quoted: dict[str, list[str | None]]
    timeline: list[TimelineEntry]
    copied: list[copies.CopiedPassage]
    claims: list[claims.ClaimGroup]
    figure_disagreements: list[figures.FigureDisagreement]
    # Figures inside a shared claim that only one outlet's version of it gives, with the unit holding each.
    lone_figures: list[tuple[claims.ClaimUnit, figures.Figure]]
    wording: list[framing.WordingChoice]
    outlets: list[framing.OutletFraming]


@dataclass(frozen=True, slots=True)
class StoryClaims:
    """The claims of a story's articles aligned across outlets, with the figures they state and those in dispute,
    and the passages copied between articles (a copy is no independent source)."""

    copied: list[copies.CopiedPassage]
    claims: list[claims.ClaimGroup]
    figures: list[figures.Figure]
    figure_disagreements: list[figures.FigureDisagreement]


def compare_story(material: StoryMaterial) -> StoryComparison:
    articles = material.articles
    by_id = {article.id: article for article in articles}
    found = resolve_entities(articles, material.mentions)
    quote_groups = match_quotes(articles, material.attributions, speakers(found, material.mentions))
    quoted = quoted_speakers(quote_groups, found)
    aligned = align_claims(material)
    groups, disagreements = aligned.claims, aligned.figure_disagreements
    return StoryComparison(
        entities=found, quotes=quote_groups, quoted=quoted,
        timeline=build_timeline(articles, material.times, material.doc),
        copied=aligned.copied, claims=groups, figure_disagreements=disagreements,
        lone_figures=lone_figures(groups, aligned.figures, disagreements),
        wording=framing.wording_choices(groups, by_id), outlets=framing.outlet_framing(articles, quoted))


def align_claims(material: StoryMaterial) -> StoryClaims:
    """What the story's outlets claim, shared, single-source or in conflict (alerts need only this of a brief)."""
    by_id = {article.id: article for article in material.articles}
    pairs = [(article, material.doc(article.id)) for article in material.articles]
    passages = copies.find(pairs)
    units = [unit for article, doc in pairs for unit in claims.units(article, doc)]
    vectors = embed([unit.span.text(by_id[unit.span.article_id]) for unit in units])
    groups = claims.align(units, vectors, copied_relation(passages))
    all_figures = [figure for article, doc in pairs
                   for figure in figures.extract(article, doc, material.times.get(article.id, []))]
    disagreements = figures.disagreements(all_figures, embed)
    claims.mark_figure_conflicts(groups, disagreements)
    return StoryClaims(passages, groups, all_figures, disagreements)


def resolve_entities(articles: list[Article], mentions: dict[str, list[Mention]]) -> list[Entity]:
    """The entities the articles' names stand for, every variant and role merged across articles."""
    return entities.resolve((article, mentions[article.id]) for article in articles)


def entity_at(found: list[Entity]) -> dict[tuple[str, int, int], Entity]:
    """The entity of each mention, by the mention's place (article id, start, end)."""
    return {(span.article_id, span.start, span.end): entity for entity in found for span in entity.mentions}


def speakers(found: list[Entity], mentions: dict[str, list[Mention]]) -> dict[str, Entity]:
    """The entity each article-local mention cluster resolved to: quotes name their speaker by such a cluster."""
    at = entity_at(found)
    resolved = {}
    for article_mentions in mentions.values():
        for mention in article_mentions:
            entity = at.get((mention.span.article_id, mention.span.start, mention.span.end))
            if mention.entity_id and entity:
                resolved[mention.entity_id] = entity
    return resolved


def match_quotes(articles: list[Article], attributions: dict[str, list[Attribution]],
                 speaker_of: dict[str, Entity]) -> list[QuoteGroup]:
    """The articles' attributions grouped into quotes across outlets and wordings, speakers as entity ids."""
    by_id = {article.id: article for article in articles}
    return match(((by_id[article_id], attribution) for article_id, found in attributions.items()
                  for attribution in found),
                 lambda local: speaker_of[local].id if local in speaker_of else local)


def quoted_speakers(groups: list[QuoteGroup], found: list[Entity]) -> dict[str, list[str | None]]:
    """Per article, the speaker's name of each quote it carries, as the brief names the group's speaker."""
    names = {entity.id: entity.name for entity in found}
    quoted: dict[str, list[str | None]] = {}
    for group in groups:
        speaker = next((name for name in (names.get(s) for s in group.speakers) if name), None)
        for wording in group.wordings:
            for article_id, _ in wording.members:
                quoted.setdefault(article_id, []).append(speaker)
    return quoted


def build_timeline(articles: list[Article], times: dict[str, list[TimeExpression]],
                   doc: Callable[[str], Doc]) -> list[TimelineEntry]:
    return timeline([(article, doc(article.id), times[article.id]) for article in articles])


def copied_relation(passages: list[copies.CopiedPassage]) -> Callable[[Span, Span], bool]:
    """Whether a span lies in a passage copied from another article (origin first): a copy is no independent
    source."""
    def copied(origin: Span, copy: Span) -> bool:
        return any(p.origin.article_id == origin.article_id and p.copy.article_id == copy.article_id
                   and p.copy.start <= copy.end and copy.start <= p.copy.end for p in passages)
    return copied


def lone_figures(groups: list[claims.ClaimGroup], all_figures: list[figures.Figure],
                 disagreeing: list[figures.FigureDisagreement]) -> list[tuple[claims.ClaimUnit, figures.Figure]]:
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
