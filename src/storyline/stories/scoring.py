"""How alike an article and a story are: profiles, and the score that weighs them against each other.

A profile is what a story (or a single article) looks like to the scorer: the sum of its articles' lead
embeddings, bags of words, names and event words, the years and calendar days it is about and its publication
span. The score weighs lead cosine, TF-IDF cosines of words and names, agreement of years and of days and the
publication gap (see :mod:`storyline.stories.index` for what each signal tells).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from storyline.stories.config import StoryConfig
from storyline.stories.terms import Bag, Vocabulary, Weighted, cosine

IDF_REFRESH = 1.02  # re-weigh a cached profile once the store has grown by 2%


@dataclass(slots=True)
class Weighed:
    """A profile as the scorer compares it: unit lead direction and TF-IDF bags as of ``documents`` articles."""

    direction: np.ndarray
    terms: Weighted
    names: Weighted
    documents: int


@dataclass(slots=True)
class Profile:
    """What a story (or a single article) looks like to the scorer; profiles add up."""

    vector_sum: np.ndarray
    terms: Bag
    names: Bag
    event_words: Bag
    years: Counter[int]
    days: Counter[str]
    first: datetime | None
    last: datetime | None
    weighed: Weighed | None = None  # cached: IDF drifts slowly, so it is refreshed only as the store grows

    def plus(self, other: "Profile", profile_terms: int) -> "Profile":
        dated = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        return Profile(
            self.vector_sum + other.vector_sum,
            self.terms.plus(other.terms).top(profile_terms),
            self.names.plus(other.names),
            self.event_words.plus(other.event_words).top(profile_terms),
            self.years + other.years,
            self.days + other.days,
            min(dated, default=None),
            max(dated, default=None),
        )


def counter_cosine(a: Counter, b: Counter) -> float:
    dot = sum(count * b[key] for key, count in a.items() if key in b)
    return dot / math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))


def agreement(a: Counter, b: Counter) -> float:
    """From -1 (nothing in common) to 1 (the same keys in the same proportions); 0 when either says nothing."""
    return 2 * counter_cosine(a, b) - 1 if a and b else 0.0


@dataclass(frozen=True, slots=True)
class Match:
    """The score of an article (or story) against a story, and what it is made of."""

    score: float
    lead: float
    words: float
    names: float
    years: float
    days: float
    gap_days: float | None
    shared_names: tuple[str, ...] = ()

    def reason(self) -> str:
        parts = [f"score {self.score:.2f}: lead {self.lead:.2f}, words {self.words:.2f}, names {self.names:.2f}"]
        if self.shared_names:
            parts.append("shared " + ", ".join(self.shared_names))
        for name in ("years", "days"):
            if value := getattr(self, name):
                parts.append(f"{name} {value:+.2f}")
        if self.gap_days is not None:
            parts.append(f"{self.gap_days:.0f} days apart")
        return "; ".join(parts)


class Scorer:
    """Scores profiles with the IDF of the index's vocabularies as they grow; names shared are shown as the
    index displays them."""

    def __init__(self, config: StoryConfig, terms: Vocabulary, names: Vocabulary,
                 display_names: dict[str, str]) -> None:
        self.config = config
        self.terms = terms
        self.names = names
        self.display_names = display_names

    def weighed(self, profile: Profile) -> Weighed:
        """The profile weighed by the IDF of now, or as cached while the store has grown by less than
        ``IDF_REFRESH``."""
        documents = self.terms.documents
        cached = profile.weighed
        if cached is None or documents > cached.documents * IDF_REFRESH:
            norm = float(np.sqrt(profile.vector_sum @ profile.vector_sum))
            cached = profile.weighed = Weighed(profile.vector_sum / max(norm, 1e-12), self.terms.weigh(profile.terms),
                                               self.names.weigh(profile.names), documents)
        return cached

    def score(self, a: Profile, b: Profile, explain: bool = False) -> Match:
        """The match of two profiles; with ``explain``, also the rarest names they share (for the history)."""
        config = self.config
        weighed_a, weighed_b = self.weighed(a), self.weighed(b)
        lead = float(weighed_a.direction @ weighed_b.direction)
        words = cosine(weighed_a.terms, weighed_b.terms)
        names = cosine(weighed_a.names, weighed_b.names)
        years, days = agreement(a.years, b.years), agreement(a.days, b.days)
        gap_days = None
        if a.first and b.first:
            gap = max(a.first - b.last, b.first - a.last, timedelta(0))
            gap_days = gap.total_seconds() / 86400
        score = (config.lead_weight * lead + config.words_weight * words + config.names_weight * names
                 + config.years_weight * years + config.days_weight * days)
        if gap_days is not None:
            score -= config.time_weight * (1 - math.exp(-gap_days / config.time_scale_days))
        if not explain:
            return Match(score, lead, words, names, years, days, gap_days)
        shared = np.intersect1d(a.names.ids, b.names.ids)
        rarest = shared[np.argsort(self.names.frequencies[shared], kind="stable")][:3]
        return Match(score, lead, words, names, years, days, gap_days,
                     tuple(dict.fromkeys(self.display_names[self.names.words[i]] for i in rarest)))
