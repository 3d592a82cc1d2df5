"""Which day (night, week) of a series a clause names, as a figure of the series ("the seventh straight day").
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_events import EVENTLESS_VERBS, day_named, subject_of
from storyline.compare.figure_words import (
    context, names, of_object, predicate_words, sentence_of, times_named, verbs_above,
)
from storyline.model import Article, TimeExpression
from storyline.text.estimates import Range
from storyline.text.wordlists import pairs

# Units a series is counted in ("the seventh straight day"), and ordinals in words and figures ("8th").
SERIES_UNITS = frozenset({"day", "night", "week"})
ORDINAL_WORDS = {word: int(number) for word, number in pairs("ordinals").items() if word.isalpha()}
ORDINAL_FIGURE = re.compile(r"(\d+)(?:st|nd|rd|th)")


def series_ordinal(article: Article, entity: SpacySpan, times: list[TimeExpression],
                    config: FigureConfig) -> Figure | None:
    """Which day (night, week) of a series a clause names, as a figure of the series ("continued for the seventh
    straight day", "on the eighth day of protests"): its value the ordinal. Each outlet counts a series to the day
    it writes of, so the figure carries that day (``day``: the day its clause names, or the day the article was
    really published) and is read only where there is one."""
    root = entity.root
    if root.lemma_.lower() not in SERIES_UNITS:
        return None
    value = next((ORDINAL_WORDS.get(t.lower_) or (int(m.group(1)) if (m := ORDINAL_FIGURE.fullmatch(t.lower_))
                                                   else None) for t in entity
                  if t.lower_ in ORDINAL_WORDS or ORDINAL_FIGURE.fullmatch(t.lower_)), None)
    head = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    # the series is what the day is "of", else the subject of the verb it hangs from ("protests continued"), else
    # that verb ("overtaken")
    series = of_object(root) or (subject_of(head) or head if head.pos_ == "VERB" else None)
    if value is None or series is None or series.lemma_.lower() in EVENTLESS_VERBS:
        return None
    clause = next(iter(verbs_above(root)), None)
    day = day_named(entity, clause, times) if clause is not None else ""
    if not day and article.published is not None and not article.published_inferred:
        day = article.published.date().isoformat()
    if not day:
        return None
    return Figure(article.span(entity.start_char, entity.end_char, "ORDINAL"), sentence_of(article, entity),
                  article.outlet, float(value), "ORDINAL", root.lemma_.lower(), root.lemma_.lower(), "exact",
                  Range(value, value), series.lemma_.lower(), predicate_words(series),
                  f"{root.lemma_.lower()} of {series.text}", context(entity, config.context_tokens),
                  names(root, series, series), times_named(entity, root, times, article), day=day)
