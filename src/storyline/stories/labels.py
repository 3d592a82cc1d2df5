"""A story as readers see it: a label of its key names and event words, its publication span and years."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from storyline.stories.scoring import Profile
from storyline.stories.terms import Vocabulary

LABEL_NAMES = 3
LABEL_WORDS = 3


@dataclass(frozen=True, slots=True)
class Story:
    """A story as readers see it: label (key names — event words), publication span, years, articles."""

    id: str
    label: str
    names: tuple[str, ...]
    event_words: tuple[str, ...]
    first: datetime | None
    last: datetime | None
    years: tuple[int, ...]
    article_ids: tuple[str, ...]


def describe(story_id: str, profile: Profile, article_ids: tuple[str, ...], terms: Vocabulary, names: Vocabulary,
             display_names: dict[str, str]) -> Story:
    """The story of ``profile``: its rarest names and event words by today's IDF, the years most of it is about."""
    name_weights = names.weigh(profile.names).weights
    # A person is keyed under the full name and the surname: both display as the full name, shown once.
    ranked = dict.fromkeys(display_names[names.words[i]]
                           for i in profile.names.ids[np.argsort(-name_weights, kind="stable")])
    key_names = tuple(ranked)[:LABEL_NAMES]
    word_weights = terms.weigh(profile.event_words).weights
    words = tuple(terms.words[i]
                  for i in profile.event_words.ids[np.argsort(-word_weights, kind="stable")[:LABEL_WORDS]])
    years = tuple(sorted(year for year, count in profile.years.items() if 2 * count >= max(profile.years.values())))
    label = ", ".join(key_names) + (" — " + ", ".join(words) if words else "")
    return Story(story_id, label, key_names, words, profile.first, profile.last, years, article_ids)
