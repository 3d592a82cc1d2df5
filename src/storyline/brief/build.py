"""The brief of a story: what the sources agree on, what only one reports, where they disagree, who said what,
when, who is involved, what was copied and how each outlet frames it — each item with the spans it rests on.

``assemble`` turns what the story-level stages found (:func:`storyline.compare.story.compare_story`) into one
JSON-able dict (schema ``storyline.brief/1``, documented in docs/brief-schema.md); every text in it is read from
its span, and the span travels with it. :mod:`storyline.brief.render` writes it as Markdown or HTML.

The JSON keeps every item, the long sections ranked (``rank``, 1 the best); the default brief reads in two
minutes, so ``shown`` says how many of each long section's best items Markdown and HTML show (a full brief,
``full``, shows them all). The best single-source facts are new (not said elsewhere in other words, nor a quote
the Quotes list carries), specific (names, figures) and about what the story is about; a figure only one
outlet's version of a shared claim gives is a detail, shown only in the full brief.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline.brief import render
from storyline.compare import claims, conflicts, framing
from storyline.compare.figure import Figure
from storyline.compare.story import StoryComparison
from storyline.compare.timeline import TimelineEntry, calendar_end
from storyline.model import Article, Span
from storyline.serialize import (
    article_entry, citation, entity_summary, prominence, quote_groups, quotes_by_speaker, timeline,
)

SCHEMA = "storyline.brief/1"
# Conflicts found within an aligned group; figure disagreements are listed on their own.
GROUP_CONFLICTS = ("polarity",)


@dataclass(frozen=True, slots=True)
class BriefConfig:
    """What the default brief shows. Set on the tuning stories of eval/briefs/tune (Markdown words over the
    articles' words at most 0.5, the gold headline facts among the summary and the first five key facts) and
    checked on the bundled examples (tests/test_brief.py)."""

    # The summary holds at most ``summary_most`` corroborated claims, the most central, and is filled up to
    # ``summary_least`` from the reports' leads when fewer are corroborated.
    summary_least: int = 3
    summary_most: int = 5
    # A claim this like one the summary holds already, or a key fact before it (cosine of the embeddings of the
    # claims' first units), says the same again: it is left out of the summary, and comes after the other key facts.
    summary_redundancy: float = 0.7
    # A headline's claim is stated by the lead under it, or by a lead sentence of its group, when the lead has at
    # least this share of the headline's content words (on the tuning stories a restating lead has half or more, a
    # lead of other news a fifth or less).
    lead_restates: float = 0.5
    # The best items shown of each long section (quotes and disagreements in the order their sections give), and
    # for a short story fewer: one item a section per this many words of its articles, two at least, unless the
    # Markdown brief would then have more than ``length_budget`` of its articles' words: then fewer, one at least,
    # in every section but the key facts (the summary, the key facts, the sources and the sections' headings are a
    # brief's fixed cost, which a story of a few short articles can fill alone).
    words_per_item: int = 400
    least_shown: int = 2
    length_budget: float = 0.5
    # The words a cut leaves under ``fill_budget`` of its articles' words go to one more item at a time, a round
    # over the sections in this order: where outlets differ, who said what, who is involved (a line of a few
    # words), when, then the rest. Below the budget, so that a story whose briefs include one over it (a lone
    # article's brief is mostly headings and its sources) stays within it.
    fill_budget: float = 0.45
    fill_order: tuple[str, ...] = ("disagreements", "quotes", "entities", "timeline", "single_source", "beliefs",
                                   "copied", "wording", "loaded")
    key_facts_shown: int = 6
    single_source_shown: int = 6
    # Quotes and beliefs are counted in statements (a speaker's statement in its wordings), not in speakers.
    quotes_shown: int = 8
    beliefs_shown: int = 3
    disagreements_shown: int = 6
    timeline_shown: int = 8
    entities_shown: int = 8
    copied_shown: int = 3
    wording_shown: int = 5
    loaded_shown: int = 5
    # A single-source claim whose nearest sentence in another outlet is this similar (the similarity claims are
    # aligned by, which aligns them from 0.62) may be said elsewhere in other words: calling it news only one
    # outlet has would mislead, so a short brief leaves it out. (On the tuning stories pairs from 0.55 up are
    # mostly one claim or one event told twice; about a third of the single-source claims.)
    said_elsewhere: float = 0.55
    # A claim at least this much inside a quote is in the Quotes list already: no single-source news, and a
    # key fact only after the others.
    quoted_share: float = 0.5
    # Names and numbers count towards a single-source claim's rank up to this many.
    most_specifics: int = 4
    # A loaded word at least this share of the story's outlets use (two at least) is the story's word ("mob" in
    # a Mafia story), not one outlet's slant: marked ``story_word``, shown only in the full brief.
    story_word_share: float = 0.5
    # A key fact the timeline dates to a time that ended this many days or more before the story's first dated report
    # is background (an earlier case, a career), and comes after the news: a month, so that what led up to the news
    # in the days before it stays news.
    background_days: int = 30
    # A report's lead sentence no other outlet's sentence joined (the aligner keeps one sentence an article and
    # averages over a group) whose nearest sentence in another outlet is this alike (the similarity claims are aligned
    # by, from 0.62) is that outlet's news told by another in other words: a key fact. (On the tuning stories the
    # leads from 0.65 up read as the news, most of them the death in an obituary or the news of a follow-up report;
    # at 0.6-0.62 also scene and colour: "Police responded with barrages of tear gas".)
    lead_restated: float = 0.65


CONFIG = BriefConfig()


def assemble(story_id: str, label: str, articles: list[Article], found: StoryComparison,
             config: BriefConfig = CONFIG) -> dict[str, Any]:
    """The brief of a story (its id, label and articles) from what the story-level stages ``found`` in it, showing
    the best of each long section (:func:`shown_in_full` makes it show every item)."""
    by_id = {a.id: a for a in articles}
    groups = found.claims
    summary = _summary(groups, by_id, config)
    in_summary = [group for group, _ in summary]
    single_source, single_source_best = _single_source(found, by_id, in_summary, config)
    words = sum(a.word_count for a in articles)
    most = key_facts_most = max(config.least_shown, words // config.words_per_item)

    shared = sorted((g for g in groups if g.kind == "shared"), key=lambda g: -g.centrality)
    # A claim several outlets carry whose figures they dispute is still news they agree on ("killed in the blast",
    # 3 or 4): a key fact, marked as disputed; a claim one outlet denies is a disagreement only.
    # And a report's lead that another outlet tells in other words: news they agree on, though no sentence of the
    # other outlet's joined it.
    restated = restated_leads(groups, config)
    told_elsewhere = {id(g) for g in restated}
    agreed = sorted([g for g in groups if g.kind == "shared" or (len(g.sources) > 1 and disputed_figures(g))]
                    + restated, key=lambda g: -g.centrality)
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

    def word_of(span: Span) -> str:
        return span.text(by_id[span.article_id]).lower()

    using = Counter(word for o in found.outlets for word in {word_of(s) for s in o.loaded})
    story_words = {word for word, outlets in using.items()
                   if outlets >= max(2, config.story_word_share * len(found.outlets))}
    # Facts first; what several outlets quote word for word comes after them (the Quotes section gives it with its
    # speaker). A sentence of someone's words alone, all in quotation marks or inside a quotation begun before it
    # ('"You know what I want to do?'), is no fact: it reads as the outlets' own. What they report someone said
    # ("police said the party was inexperienced") is the news. Nor is a question the outlets ask ("Do you support
    # …?"): it states nothing.
    quoted = quoted_contents(found, direct_only=True)
    # And news before background: a claim the timeline dates before the story's own news comes after the rest.
    earlier = told_before_story(found.timeline, by_id, config)
    key_facts = sorted(distinct_first([g for g in agreed if g not in in_summary
                                       and not all(u.quoted or u.asks for u in g.units)],
                                      in_summary, config, summary_shows(summary), lambda g: id(g) in told_elsewhere),
                       key=lambda g: (inside_quote(g.units[0], quoted, config), any(map(earlier, g.units))))
    timeline_entries = timeline(found.timeline, by_id)
    for rank, index in enumerate(sorted(range(len(timeline_entries)),
                                        key=lambda i: timeline_rank(timeline_entries[i])), start=1):
        timeline_entries[index]["rank"] = rank

    def shown(most: int) -> dict[str, int]:
        # The key facts are the news the outlets agree on: a brief over its budget cuts the other sections.
        return {"key_facts": min(config.key_facts_shown, key_facts_most)} | {
            section: min(count, most) for section, count in {"single_source": single_source_best,
            "quotes": config.quotes_shown, "beliefs": config.beliefs_shown, "disagreements": config.disagreements_shown,
            "timeline": config.timeline_shown, "entities": config.entities_shown, "copied": config.copied_shown,
            "wording": config.wording_shown, "loaded": config.loaded_shown}.items()}

    brief = {
        "schema": SCHEMA,
        "story": {"id": story_id, "label": label, "articles": [article_entry(a) for a in articles]},
        "title": title,
        "full": False,
        "shown": shown(most),
        "summary": [{**citation(representative.span, by_id, sources=group.sources,
                                independent_sources=group.independent_sources, kind=group.kind),
                     "spans": [citation(u.span, by_id) for u in stated_by(group, representative)],
                     "centrality": round(group.centrality, 3)}
                    for group, representative in summary],
        "key_facts": [{**claim_group_entry(g, by_id), "rank": rank, "centrality": round(g.centrality, 3),
                       **({"said_elsewhere": round(g.elsewhere, 3)} if id(g) in told_elsewhere else {})}
                      for rank, g in enumerate(key_facts, start=1)],
        "disagreements": disagreements(groups, found.figure_disagreements, by_id),
        "single_source": single_source,
        "quotes": quotes_by_speaker(quote_groups(found.quotes, found.entities, by_id)),
        "beliefs": quotes_by_speaker(quote_groups(found.beliefs, found.entities, by_id)),
        "timeline": timeline_entries,
        "entities": sorted((entity_summary(e) for e in found.entities), key=prominence),
        "copied": [{"origin": citation(p.origin, by_id), "copy": citation(p.copy, by_id), "words": p.words,
                    "similarity": round(p.similarity, 3), "directed": p.directed}
                   for p in sorted(found.copied, key=lambda p: -p.words)],
        "framing": {
            "wording": [{"choices": [citation(c.left, by_id), citation(c.right, by_id)]} for c in found.wording],
            "outlets": [{"source": o.source,
                         "loaded": [citation(s, by_id, neutral=loaded_words[word_of(s)],
                                             story_word=word_of(s) in story_words) for s in o.loaded],
                         "most_quoted": o.most_quoted} for o in found.outlets],
        },
        "coverage": coverage,
    }
    brief["shown"] = cut_to_length(brief, most, (config.length_budget * words, config.fill_budget * words), shown,
                                   config.fill_order)
    return brief


def cut_to_length(brief: dict[str, Any], most: int, budgets: tuple[float, float],
                  shown: Callable[[int], dict[str, int]], fill_order: tuple[str, ...]) -> dict[str, int]:
    """How many of each long section's best items the brief shows (``shown(most)`` says per section): ``most``, or
    fewer, one at least, till its Markdown is within the first of ``budgets`` (in words); then, if the brief was
    cut, the words left under the second go to one more item at a time, in rounds over the sections in
    ``fill_order``, each up to what ``shown(most)`` gives it. The Markdown is written once; each section's words at
    each limit are counted once (:func:`render.section_words`), and a smaller limit takes its items' words away."""
    counts = render.section_words(brief)

    def limited_words(limits: dict[str, int]) -> int:
        return sum(counts[section][min(limit, len(counts[section]) - 1)]
                   for section, limit in limits.items() if section in counts)

    budget, fill_budget = budgets
    ceiling = brief["shown"]
    fixed = len(render.markdown(brief).split()) - limited_words(ceiling)
    if fixed + limited_words(ceiling) <= budget:
        return ceiling
    while most > 1 and fixed + limited_words(shown(most)) > budget:
        most -= 1
    limits = shown(most)
    growing = [section for section in fill_order if section in counts]
    while growing:
        for section in list(growing):
            fuller = limits | {section: limits[section] + 1}
            if limits[section] >= min(ceiling[section], len(counts[section]) - 1) \
                    or fixed + limited_words(fuller) > fill_budget:
                growing.remove(section)
            else:
                limits = fuller
    return limits


def shown_in_full(brief: dict[str, Any]) -> dict[str, Any]:
    """The same brief saying to show every item (its JSON holds every item either way)."""
    return {**brief, "full": True, "shown": None}


def disputed_figures(group: claims.ClaimGroup) -> bool:
    """Whether a claim is in conflict over a figure its outlets give, not over whether it happened."""
    return group.kind == "conflicting" and bool(group.conflict) and not group.conflict.startswith(GROUP_CONFLICTS)


def claim_group_entry(group: claims.ClaimGroup, by_id: dict[str, Article]) -> dict[str, Any]:
    return {"kind": group.kind, "sources": group.sources, "independent_sources": group.independent_sources,
            "conflict": group.conflict, "spans": [citation(u.span, by_id) for u in group.units]}


def disagreements(groups: list[claims.ClaimGroup], figure_disagreements: list[conflicts.FigureDisagreement],
                  by_id: dict[str, Article]) -> list[dict[str, Any]]:
    """Where the outlets disagree, as the brief lists it: figures in dispute (each value with the sentences that
    give it), then claims one outlet denies."""
    return ([_figure_disagreement(d, by_id) for d in figure_disagreements]
            + [claim_group_entry(g, by_id) for g in groups if g.kind == "conflicting" and g.conflict
               and g.conflict.startswith(GROUP_CONFLICTS)])


def _figure_disagreement(disagreement: conflicts.FigureDisagreement, articles: dict[str, Article]) -> dict[str, Any]:
    """A disagreement over figures: each value with the outlets giving it and the sentences that carry it."""
    def figure_entry(figure: Figure, shown: str) -> dict[str, Any]:
        return citation(figure.span, articles, value=figure.value, shown=shown, bound=figure.bound,
                        counts=figure.counted, sentence=citation(figure.sentence, articles))

    values, figures = [], []
    for value, given in disagreement.values:
        entries = [figure_entry(f, conflicts.shown(f)) for f in given]
        figures += entries
        values.append({"value": value, "sources": list(dict.fromkeys(f.outlet for f in given)), "figures": entries})
    sentences = list(dict.fromkeys(f.sentence for f in disagreement.figures))
    return {"kind": "conflicting", "conflict": disagreement.description, "quantity": disagreement.quantity,
            "sources": sorted({f.outlet for f in disagreement.figures}), "values": values, "figures": figures,
            "spans": [citation(s, articles) for s in sentences]}


def _summary(groups: list[claims.ClaimGroup], articles: dict[str, Article],
             config: BriefConfig) -> list[tuple[claims.ClaimGroup, claims.ClaimUnit]]:
    """The most central corroborated claims that read alone, none saying much the same as another, in report order,
    each with the unit that states it (:func:`stating_unit`). A summary reads in sentences, and two outlets'
    headlines read as the same news twice. A claim whose figures outlets dispute is still the news: it stays,
    marked."""
    leads = lead_units(groups, articles)
    stating = {id(group): unit for group in groups
               if (unit := stating_unit(group, leads, articles, config)).reads_alone}
    group_of = {id(unit): group for group in groups for unit in group.units}
    readable = [g for g in groups if id(g) in stating]
    chosen: list[claims.ClaimGroup] = []
    # Of two claims as central, one stated in a sentence first: the other, saying much the same in headlines
    # only, is then left out as redundant.
    for group in sorted((g for g in readable if len(g.independent_sources) > 1),
                        key=lambda g: (-g.centrality, not in_body(stating[id(g)], articles))):
        if len(chosen) < config.summary_most and not redundant(group, chosen, config) \
                and not told(group, chosen, stating, group_of):
            chosen.append(group)
    for group in sorted((g for g in readable if g not in chosen), key=lambda g: report_position(g, articles)):
        if len(chosen) < config.summary_least and not told(group, chosen, stating, group_of):
            chosen.append(group)
    return [(group, stating[id(group)]) for group in sorted(chosen, key=lambda g: report_position(g, articles))]


def report_position(group: claims.ClaimGroup, articles: dict[str, Article]) -> float:
    """How far into its reports a claim first comes, as a share of the report's length."""
    return min(u.span.start / max(len(articles[u.span.article_id].text), 1) for u in group.units)


def in_body(unit: claims.ClaimUnit, articles: dict[str, Article]) -> bool:
    """Whether a unit is a sentence of its article's body, not its headline."""
    return unit.span.start >= articles[unit.span.article_id].body_start


def lead_units(groups: list[claims.ClaimGroup], articles: dict[str, Article]) -> dict[str, claims.ClaimUnit]:
    """Each article's first sentence under its headline."""
    leads: dict[str, claims.ClaimUnit] = {}
    for unit in (u for group in groups for u in group.units if in_body(u, articles)):
        if unit.span.article_id not in leads or unit.span.start < leads[unit.span.article_id].span.start:
            leads[unit.span.article_id] = unit
    return leads


def stating_unit(group: claims.ClaimGroup, leads: dict[str, claims.ClaimUnit], articles: dict[str, Article],
                 config: BriefConfig) -> claims.ClaimUnit:
    """The unit a summary line states a claim by: the group's first (the one most like the others), or for a
    headline ("Paris Store Hit by Jewelry Heist", shorthand for what the lead under it says in full) a lead
    sentence of the group that says what the headline says (:func:`restates`: a lead the aligner put beside it may
    say only part, "will have a new director" beside a headline naming him and the film he directed), else a lead
    that restates it. A sentence deep in a report the aligner put beside headlines may say something else ("Colts
    13, Chiefs 10 and a new ballgame" in a live blog, beside "Colts beat Chiefs 20-13")."""
    first = group.units[0]
    if in_body(first, articles):
        return first
    return next((u for u in group.units if in_body(u, articles) and claims.in_lead(u)
                 and restates(u, first, config)), None) or restating_lead(first, leads, config) or first


def restating_lead(headline: claims.ClaimUnit, leads: dict[str, claims.ClaimUnit],
                   config: BriefConfig) -> claims.ClaimUnit | None:
    """The first sentence under a headline, when it says what the headline says (most of its content words, and
    its figures: "dies at 95" over a lead that gives the age in the next sentence is the better line): a lead of
    other news (a scene, a question, a byline) does not stand for it."""
    lead = leads.get(headline.span.article_id)
    if lead and lead.reads_alone and claims.in_lead(lead) and restates(lead, headline, config):
        return lead
    return None


def restates(lead: claims.ClaimUnit, headline: claims.ClaimUnit, config: BriefConfig) -> bool:
    """Whether a lead sentence says what a headline says: most of its content words, and its figures."""
    return bool(headline.lemmas) and len(lead.lemmas & headline.lemmas) >= config.lead_restates * len(headline.lemmas) \
        and headline.figures <= lead.figures


def told(group: claims.ClaimGroup, chosen: list[claims.ClaimGroup], stating: dict[int, claims.ClaimUnit],
         group_of: dict[int, claims.ClaimGroup]) -> bool:
    """Whether a chosen claim tells this one already: a headline stated by its lead says what the lead's own
    claim says."""
    return any(group_of[id(stating[id(other)])] is group or group_of[id(stating[id(group)])] is other
               for other in chosen)


def stated_by(group: claims.ClaimGroup, unit: claims.ClaimUnit) -> list[claims.ClaimUnit]:
    """The units a summary line rests on: the group's, after the lead that states a claim of headlines."""
    return group.units if any(u is unit for u in group.units) else [unit, *group.units]


def redundant(group: claims.ClaimGroup, others: list[claims.ClaimGroup], config: BriefConfig) -> bool:
    """Whether a claim says much the same as one of ``others`` (cosine of the claims' embeddings)."""
    return any(float(group.vector @ other.vector) >= config.summary_redundancy for other in others)


def distinct_first(ranked: list[claims.ClaimGroup], seen: list[claims.ClaimGroup], config: BriefConfig,
                   told_already: Callable[[claims.ClaimGroup], bool],
                   told_elsewhere: Callable[[claims.ClaimGroup], bool] = lambda group: False
                   ) -> list[claims.ClaimGroup]:
    """``ranked`` in its order, except that a claim saying much the same as one already seen (``seen`` or placed
    before it), or one the summary shows already (``told_already``), waits till after the others, and a claim that
    only one outlet states, the others copying it, after those two outlets or more state in their own words (or
    another outlet tells in other words, ``told_elsewhere``), and a claim not told as a development after the
    developments more outlets carry (:func:`developments_first`): the first facts an editor reads each say something
    new that the outlets agree on."""
    fresh: list[claims.ClaimGroup] = []
    repeated = []
    for group in ranked:
        (repeated if told_already(group) or redundant(group, seen + fresh, config) else fresh).append(group)
    return developments_first(sorted(fresh, key=lambda group: len(group.independent_sources) < 2
                                     and not told_elsewhere(group))) + repeated


def developments_first(ranked: list[claims.ClaimGroup]) -> list[claims.ClaimGroup]:
    """``ranked`` in its order, except that a claim its outlets do not tell as a development (a reaction, an
    explanation, a plan: :func:`tells_development`) waits behind the developments that more outlets carry:
    a lawsuit or an arrest that three outlets report deep in their articles is the news before a judgement two
    outlets give in their leads. (Where they stand in their reports, which ranks the claims, says how central a
    claim is to a report, not whether it is news.)"""
    def outlets(group: claims.ClaimGroup) -> int:
        return len(group.independent_sources)

    developments = [tells_development(group) for group in ranked]

    def place(index: int) -> float:
        if developments[index]:
            return index
        behind = [later for later in range(index + 1, len(ranked))
                  if developments[later] and outlets(ranked[later]) > outlets(ranked[index])]
        return behind[-1] + 0.5 if behind else index
    return [ranked[index] for index in sorted(range(len(ranked)), key=place)]


def tells_development(group: claims.ClaimGroup) -> bool:
    """Whether half or more of the outlets stating a claim tell it as a development, something that happened or was
    done (:func:`claims.tells_development`), not as a reaction to it, an explanation of it or what led up to it: one
    outlet's "has promised" among three "says he intends" is one way of telling a promise. (Half: of two outlets'
    sentences of a death, one parsed wrong, "Page, the … pin-up-queen-turned born again Christian, died Thursday",
    should not make the death wait.)"""
    return 2 * sum(unit.development for unit in group.units) >= len(group.units)


def restated_leads(groups: list[claims.ClaimGroup], config: BriefConfig) -> list[claims.ClaimGroup]:
    """The claims of one outlet that are its report's headline or lead, read alone, and that another outlet tells in
    other words (its nearest sentence ``config.lead_restated`` alike or more): an outlet's lead is where it puts the
    news, and the other outlet's words corroborate it ("Reagins backed that up with an eight-year offer" beside "the
    Angels made an eight-year offer"), though the aligner, which keeps one sentence an article, joined neither."""
    return [g for g in groups if g.kind == "single-source" and claims.in_lead(g.units[0]) and g.units[0].reads_alone
            and g.elsewhere >= config.lead_restated]


def summary_shows(summary: list[tuple[claims.ClaimGroup, claims.ClaimUnit]]) -> Callable[[claims.ClaimGroup], bool]:
    """Whether a claim holds a sentence a summary line shows: a summary line states a headline's claim by a lead
    sentence, which is a claim of its own too, and the cosine of :func:`redundant` (of each group's medoid, here a
    headline's shorthand) does not see that the two say the same."""
    shown = {id(unit) for _, unit in summary}
    return lambda group: any(id(unit) in shown for unit in group.units)


def _single_source(found: StoryComparison, articles: dict[str, Article], in_summary: list[claims.ClaimGroup],
                   config: BriefConfig) -> tuple[list[dict[str, Any]], int]:
    """Every claim only one outlet reports, then every figure only one outlet's version of a shared claim gives,
    ranked; and how many of them are the best, shown by default: not in the summary, not said elsewhere in other
    words, not a quote nor a question, from an outlet that did not copy it, ranked by how specific and how central
    they are."""
    quoted = quoted_contents(found)

    def worth(group: claims.ClaimGroup) -> float:
        unit = group.units[0]
        return group.centrality + min(unit.specifics, config.most_specifics) / config.most_specifics

    singles = [g for g in found.claims if g.kind == "single-source"]
    best = sorted((g for g in singles if g.independent_sources and g.elsewhere < config.said_elsewhere
                   and g not in in_summary
                   and not inside_quote(g.units[0], quoted, config)
                   and not g.units[0].span.text(articles[g.units[0].span.article_id])
                   .endswith("?")), key=worth, reverse=True)
    rest = sorted((g for g in singles if g not in best), key=worth, reverse=True)
    ranked = [citation(g.units[0].span, articles) for g in best + rest]
    ranked += [citation(unit.span, articles, detail=citation(figure.span, articles))
               for unit, figure in found.lone_figures]
    for rank, item in enumerate(ranked, start=1):
        item["rank"] = rank
    return ranked, min(len(best), config.single_source_shown)


def quoted_contents(found: StoryComparison, direct_only: bool = False) -> list[Span]:
    """What the story's quotations say (or only its direct ones), as spans."""
    return [attribution.content for group in found.quotes for _, attribution in group.members
            if attribution.direct or not direct_only]


def inside_quote(unit: claims.ClaimUnit, quoted: list[Span], config: BriefConfig) -> bool:
    """Whether a claim is mostly someone's quoted words: the Quotes section gives it, with its speaker."""
    inside = sum(max(0, min(unit.span.end, q.end) - max(unit.span.start, q.start)) for q in quoted
                 if q.article_id == unit.span.article_id)
    return inside >= config.quoted_share * (unit.span.end - unit.span.start)


def story_start(entries: list[TimelineEntry], articles: dict[str, Article], config: BriefConfig) -> date | None:
    """From when the story's own news runs: ``config.background_days`` before its first report that gives its
    publication day; for undated reports, as long before the first day of the latest year that two outlets or more
    date statements to (a year one report names is as often a birth or an old case as the story's; and what led up
    to the news in the last days of December is the story's too when its reports name the new year)."""
    published = [a.published.date() for a in articles.values() if a.published and not a.published_inferred]
    if published:
        return min(published) - timedelta(days=config.background_days)
    years = [day.year for entry in entries if entry.value and (day := calendar_end(entry.value)) is not None
             and len({articles[s.article_id].outlet for s in entry.statements}) > 1]
    return date(max(years), 1, 1) - timedelta(days=config.background_days) if years else None


def told_before_story(entries: list[TimelineEntry], articles: dict[str, Article],
                      config: BriefConfig) -> Callable[[claims.ClaimUnit], bool]:
    """Whether a claim unit states something the timeline dates before the story's own news (:func:`story_start`):
    a career, an earlier case, the history of a place, told as background to the news."""
    start = story_start(entries, articles, config)
    if start is None:
        return lambda unit: False
    before = [s for entry in entries if entry.value and (last := calendar_end(entry.value)) is not None
              and last < start for s in entry.statements]

    def told_before(unit: claims.ClaimUnit) -> bool:
        span = unit.span
        return any(s.article_id == span.article_id and s.start < span.end and span.start < s.end for s in before)
    return told_before


def timeline_rank(entry: dict[str, Any]) -> tuple:
    """Which timeline entries a short brief shows: those several outlets state, with a stated day, first."""
    day = entry["value"] is not None and len(entry["value"]) >= 10 and entry["value"][0].isdigit()
    return (-len({statement["source"] for statement in entry["statements"]}),
            entry["confidence"] is not None or entry["words"] is not None, not day, entry["order"])
