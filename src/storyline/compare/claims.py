"""Claims: the sentences of a story's articles, aligned across outlets and labelled shared, single-source or conflicting.

A claim unit is a sentence (long sentences stay whole: splitting clauses loses the subject a figure belongs to).
Units of different outlets are aligned when their embeddings and content words agree; an aligned group is
*conflicting* when its members state and deny the same thing, or when it holds a figure outlets disagree on (see
:mod:`storyline.compare.figures`), *shared* when at least two independent outlets carry it (a copied passage is
not independent), and a unit no other outlet matches is *single-source*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc

from storyline.compare.conflicts import FigureDisagreement
from storyline.model import Article, Span


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """How sentences become claim units and when units of two outlets are one claim.

    Every value was set by hand when the stage was written; the bundled examples' planted shared facts,
    single-source facts and disagreements (examples/gold.json, tests/test_brief.py) are all found with them.
    """

    # Shorter sentences (datelines, "He declined to comment.") state too little to align on.
    min_words: int = 6
    # Similarity (below) at which two units of different articles state the same claim.
    align_threshold: float = 0.62
    # Below this two aligned sentences only share a topic, so opposite polarity is not a disagreement.
    conflict_threshold: float = 0.70
    # Similarity = cosine_weight * embedding cosine + overlap_weight * sqrt(content-lemma Jaccard).
    cosine_weight: float = 0.75
    overlap_weight: float = 0.25


CONFIG = ClaimConfig()
# Words after a "not" that make it no denial: "not until", "not only".
NOT_DENIALS = frozenset({"until", "till", "only"})


@dataclass(slots=True)
class ClaimUnit:
    span: Span
    source: str
    # The main verb and whether it is negated: "did not resign" contradicts "resigned", but a "not" in
    # another clause of the sentence does not.
    main_verb: str
    negated: bool
    lemmas: frozenset[str]


@dataclass(slots=True)
class ClaimGroup:
    """Aligned units, one per article at most; ``kind`` is shared, single-source or conflicting."""

    units: list[ClaimUnit]
    kind: str
    sources: list[str] = field(default_factory=list)
    independent_sources: list[str] = field(default_factory=list)
    conflict: str | None = None


def units(article: Article, doc: Doc, config: ClaimConfig = CONFIG) -> list[ClaimUnit]:
    """The article's claim units: its sentences of at least ``config.min_words`` words."""
    result = []
    for sentence in doc.sents:
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        if len(words) < config.min_words:
            continue
        lemmas = frozenset(t.lemma_.lower() for t in words if not t.is_stop and t.is_alpha)
        text = sentence.text
        start = sentence.start_char + len(text) - len(text.lstrip())
        end = sentence.start_char + len(text.rstrip())
        root = sentence.root
        # "It wasn't until 2005 that ...", "not only ... but": a "not" that times or widens a claim denies nothing
        negated = any(child.dep_ == "neg" and child.nbor(1).lower_ not in NOT_DENIALS
                      for child in root.children if child.i + 1 < len(doc))
        result.append(ClaimUnit(article.span(start, end, "claim"), article.outlet, root.lemma_.lower(), negated,
                                lemmas))
    return result


def _similarity(vectors: np.ndarray, claim_units: list[ClaimUnit], config: ClaimConfig) -> np.ndarray:
    """Embedding cosine blended with content-word overlap, which keeps names and figures from being ignored."""
    cosine = vectors @ vectors.T
    overlap = np.array([[len(a.lemmas & b.lemmas) / (len(a.lemmas | b.lemmas) or 1) for b in claim_units]
                        for a in claim_units])
    return config.cosine_weight * cosine + config.overlap_weight * np.sqrt(overlap)


def _polarity_conflict(group: list[ClaimUnit], similarity: Callable[[ClaimUnit, ClaimUnit], float],
                       config: ClaimConfig) -> str | None:
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if similarity(a, b) >= config.conflict_threshold and a.main_verb == b.main_verb and a.negated != b.negated:
                denier, stater = (a, b) if a.negated else (b, a)
                return f"polarity: {denier.source} denies what {stater.source} states"
    return None


def mark_figure_conflicts(groups: list[ClaimGroup], found: list[FigureDisagreement]) -> None:
    """Label conflicting every group holding a figure that outlets disagree on, with what the figures are."""
    for disagreement in found:
        for group in groups:
            if any(f.span.article_id == u.span.article_id and u.span.start <= f.span.start < u.span.end
                   for f in disagreement.figures for u in group.units):
                group.kind = "conflicting"
                group.conflict = group.conflict or disagreement.description


def align(claim_units: list[ClaimUnit], vectors: np.ndarray,
          copied: Callable[[Span, Span], bool] = lambda a, b: False, config: ClaimConfig = CONFIG) -> list[ClaimGroup]:
    """Group units across articles: greedy over pairs, best first, at most one unit per article in a group.

    ``vectors`` are the units' unit-length embeddings, row for row; ``copied(a, b)`` tells whether one span lies in
    a passage copied from the other (origin first), so the copy does not count as an independent source.
    """
    n = len(claim_units)
    similarity = _similarity(vectors, claim_units, config) if n else np.zeros((0, 0))
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = [(similarity[i, j], i, j) for i in range(n) for j in range(i + 1, n)
             if claim_units[i].span.article_id != claim_units[j].span.article_id
             and similarity[i, j] >= config.align_threshold]
    for _, i, j in sorted(pairs, reverse=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        articles_i = {claim_units[k].span.article_id for k in members[gi]}
        if articles_i & {claim_units[k].span.article_id for k in members[gj]}:
            continue
        members[gi].extend(members.pop(gj))
        for k in members[gi]:
            group_of[k] = gi
    index = {id(u): k for k, u in enumerate(claim_units)}
    groups = []
    for member_ids in members.values():
        group = sorted((claim_units[k] for k in member_ids), key=lambda u: (u.source, u.span.start))
        sources = sorted({u.source for u in group})
        independent = sorted({u.source for u in group
                              if not any(copied(v.span, u.span) for v in group if v.source != u.source)})
        conflict = (_polarity_conflict(group, lambda a, b: similarity[index[id(a)], index[id(b)]], config)
                    if len(sources) > 1 else None)
        kind = "conflicting" if conflict else "shared" if len(sources) > 1 else "single-source"
        groups.append(ClaimGroup(group, kind, sources, independent, conflict))
    return groups
