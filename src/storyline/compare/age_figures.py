"""A named person's age as a figure ("Orozco, 27,", "the 95-year-old Felt")."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_words import aged, context, name_of, sentence_of, times_named
from storyline.compare.number_figures import SCORE_AFTER, SCORE_BEFORE
from storyline.model import Article, TimeExpression
from storyline.text.estimates import Range
from storyline.text.numbers import FIGURE, read_number

# The ages a person may be given.
MIN_AGE, MAX_AGE = 1, 120


def age(article: Article, number: Token, times: list[TimeExpression], config: FigureConfig) -> Figure | None:
    """A named person's age as a figure (:func:`storyline.compare.figure_words.aged`): whole years, of the person
    its name words tell, at the times its clause names, on the day the article was really published (its ``day``;
    none for an undated article or a guessed date: a story's articles may be years apart, and its people's ages
    with them)."""
    if (person := aged(number)) is None or (value := read_number(number.text, FIGURE)) is None \
            or not MIN_AGE <= value <= MAX_AGE or value != int(value) \
            or SCORE_BEFORE.search(article.text, max(number.idx - 4, 0), number.idx) \
            or SCORE_AFTER.match(article.text, number.idx + len(number.text)):
        return None
    published = article.published.date().isoformat() if article.published and not article.published_inferred \
        else ""
    tokens = number.doc[number.i : number.i + 1]
    return Figure(article.span(number.idx, number.idx + len(number.text), "AGE"), sentence_of(article, tokens),
                  article.outlet, value, "AGE", "year", "age", "exact", Range(value, value), "age", "",
                  f"age of {person.text}", context(tokens, config.context_tokens), frozenset(name_of(person)),
                  times_named(tokens, number, times, article), day=published)
