"""Every story-level stage over one story, each run once: :func:`compare_story`.

The stages read what the per-article stages stored (mentions, attributions, time expressions) and the articles'
parses, and return their results; nothing here writes. :class:`storyline.corpus.Corpus` answers its questions
about entities, quotes and timelines with the same functions, over a story, one article or the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.compare import claims, conflicts, copies, figures, framing
from storyline.compare.described import described_holder
from storyline.compare.figure import Figure
from storyline.compare.quotes import QuoteGroup, Speaker, match, source_label
from storyline.compare.timeline import TimelineEntry, timeline
from storyline.compare import entities
from storyline.extract.quotes.kinds import BELIEF, SPEECH
from storyline.model import Article, Attribution, Entity, Mention, Span, TimeExpression
from storyline.parse.embed import embed
from storyline.text.names import fold


# Relations by which a verb describes a noun or helps another verb, heading no clause of its own.
CLAUSELESS_VERB_DEPS = frozenset({"amod", "acl", "aux", "auxpass"})
# The tagger's plural nouns, common and proper ("Police", "the Angels").
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


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
    # What people believe, feel, want or decided, grouped as quotes are.
    beliefs: list[QuoteGroup]
    # Per article, the name of the speaker of each quote it carries (None when no entity stands for the speaker).
    quoted: dict[str, list[str | None]]
    timeline: list[TimelineEntry]
    copied: list[copies.CopiedPassage]
    claims: list[claims.ClaimGroup]
    figure_disagreements: list[conflicts.FigureDisagreement]
    # Figures inside a shared claim that only one outlet's version of it gives, with the unit holding each.
    lone_figures: list[tuple[claims.ClaimUnit, Figure]]
    wording: list[framing.WordingChoice]
    outlets: list[framing.OutletFraming]


@dataclass(frozen=True, slots=True)
class StoryClaims:
    """The claims of a story's articles aligned across outlets, with the figures they state and those in dispute,
    and the passages copied between articles (a copy is no independent source)."""

    copied: list[copies.CopiedPassage]
    claims: list[claims.ClaimGroup]
    figures: list[Figure]
    figure_disagreements: list[conflicts.FigureDisagreement]


def compare_story(material: StoryMaterial) -> StoryComparison:
    articles = material.articles
    by_id = {article.id: article for article in articles}
    found = resolve_entities(articles, material.mentions)
    speaker_of = speakers(found, material.mentions)
    quote_groups = match_quotes(articles, material.attributions, speaker_of, doc=material.doc)
    quoted = quoted_speakers(quote_groups, found)
    aligned = align_claims(material)
    groups, disagreements = aligned.claims, aligned.figure_disagreements
    return StoryComparison(
        entities=found, quotes=quote_groups, quoted=quoted,
        # A belief is someone's: "No one was believed to have been injured", "expected to remain closed" name no
        # holder, and say what the outlet reports, not what anyone believes.
        beliefs=[group for group in match_quotes(articles, material.attributions, speaker_of, BELIEF, material.doc)
                 if (group.speaker or group.label) and reads_as_a_clause(group, material.doc)],
        timeline=build_timeline(articles, material.times, material.doc),
        copied=aligned.copied, claims=groups, figure_disagreements=disagreements,
        lone_figures=lone_figures(groups, aligned.figures, disagreements),
        wording=framing.wording_choices(groups, by_id, material.doc, embed),
        outlets=framing.outlet_framing(articles, material.doc, quoted))


def reads_as_a_clause(group: QuoteGroup, doc: Callable[[str], Doc]) -> bool:
    """A belief a brief can list without its verb: its words hold a verb of their own, not only the object and
    predicate of a verb of judging left outside them ("consider him a phony": "him a phony"; "Expect Her To"),
    nor only a participle describing a noun ("want other aides swept up in the inquiry, like …")."""
    article_id, attribution = group.members[0]
    words = doc(article_id).char_span(attribution.content.start, attribution.content.end, alignment_mode="expand")
    return words is None or any(word.pos_ in ("VERB", "AUX") and word.dep_ not in CLAUSELESS_VERB_DEPS
                                for word in words)


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
    disagreements = conflicts.disagreements(all_figures, embed, claim_of=claims.claim_of(groups))
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
                 speaker_of: dict[str, Entity], kind: str = SPEECH,
                 doc: Callable[[str], Doc] | None = None) -> list[QuoteGroup]:
    """The attributions of one kind (by default what was said: not beliefs, denials or what a verb of judging was
    aimed at), grouped into statements across outlets and wordings, speakers as story-level entities. With the
    articles' parses (``doc``), a source no entity stands for says whether it is several people ("authorities"),
    and a definite description ("the fire chief") goes to the one person the story names in that role
    (:mod:`~storyline.compare.described`)."""
    by_id = {article.id: article for article in articles}
    by_name = names_of(speaker_of.values())
    people = list({entity.id: entity for entity in speaker_of.values()}.values())

    def speaker(article: Article, attribution: Attribution) -> Speaker:
        if attribution.source_is_thing:
            return Speaker(None)  # "A sign said": no one a brief could name
        entity = speaker_of.get(attribution.speaker) if attribution.speaker else None
        source = attribution.source
        written = source.text(article) if source else ""
        phrase = attribution.antecedent or source
        if entity is None and fold(written) in by_name:
            # A name the article's tagger missed ("“…,” Ilves said") that the story names one entity by.
            entity, named = by_name[fold(written)], True
        elif entity is None and phrase and doc is not None \
                and (holder := described_holder(doc(article.id), phrase, people)) is not None:
            # "the fire chief said", where the story names the one fire chief.
            entity, named = holder, False
        elif entity is None:
            # A pronoun standing for a phrase that names no entity: that phrase says who ("a police spokeswoman").
            label = source_label(phrase.text(article)) if phrase else None
            return Speaker(None, label=label, several=label is not None and doc is not None
                           and names_several(doc(article.id), phrase))
        else:
            named = source is not None and any(span.article_id == article.id and source.start <= span.start
                                               and span.end <= source.end for span in entity.mentions)
        return Speaker(entity.id, named, name=entity.name, type=entity.type)

    return match(((by_id[article_id], attribution) for article_id, found in attributions.items()
                  for attribution in found if attribution.kind == kind), speaker)


def names_several(doc: Doc, phrase: Span) -> bool:
    """Whether a source's phrase is headed by a plural ("Egyptian authorities", "dozens of marchers", "published
    reports"): several people or texts, not one person, whatever its words say of them."""
    words = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    return words is not None and len(words) > 0 and words.root.tag_ in PLURAL_TAGS


def names_of(found: Iterable[Entity]) -> dict[str, Entity]:
    """The entity each folded name stands for, when only one does: every variant of an entity, and a person's
    surname."""
    names: dict[str, dict[str, Entity]] = {}
    for entity in found:
        for variant in entity.variants:
            words = fold(variant).split()
            for name in {" ".join(words)} | ({words[-1]} if entity.type == "PERSON" and len(words) > 1 else set()):
                names.setdefault(name, {})[entity.id] = entity
    return {name: next(iter(entities.values())) for name, entities in names.items() if len(entities) == 1}


def quoted_speakers(groups: list[QuoteGroup], found: list[Entity]) -> dict[str, list[str | None]]:
    """Per article, the speaker's name of each quote it carries, as the brief names the group's speaker."""
    names = {entity.id: entity.name for entity in found}
    quoted: dict[str, list[str | None]] = {}
    for group in groups:
        speaker = names.get(group.speaker) if group.speaker else None
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


def lone_figures(groups: list[claims.ClaimGroup], all_figures: list[Figure],
                 disagreeing: list[conflicts.FigureDisagreement]) -> list[tuple[claims.ClaimUnit, Figure]]:
    """Figures inside a shared claim that the other outlets' versions of it leave out ("eleven hospitals" where
    the others say "hospitals"): a detail only one outlet reports, though the claim is shared."""
    in_dispute = {f.span for d in disagreeing for f in d.figures}
    details = []
    for group in groups:
        if len(group.sources) < 2:
            continue
        inside = {id(u): [f for f in all_figures if f.span.article_id == u.span.article_id
                          and u.span.start <= f.span.start < u.span.end and f.kind not in {"DATE", "CLOCK"}]
                  for u in group.units}
        for unit in group.units:
            others = {f.value for other in group.units if other is not unit for f in inside[id(other)]}
            details += [(unit, f) for f in inside[id(unit)] if f.value not in others and f.span not in in_dispute]
    return details
