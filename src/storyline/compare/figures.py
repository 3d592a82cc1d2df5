"""Figures and the outlets that disagree on them: "killed three workers" against "killed four workers", "began
late on Saturday" against "began in the early hours of Sunday".

A figure is a number the text gives for something (CARDINAL, MONEY, QUANTITY, PERCENT entities), with what it
counts read off the parse: the counted word and the words that govern it ("killed … workers", "put … damage …
euros"). Two figures of different outlets disagree when they are of the same kind, their values differ, and
what they count is the same thing: their governing phrases embed close together. Days that time expressions
give to events are figures too, counted by the event's verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.model import Article, Span, TimeExpression
from storyline.text.numbers import FIGURE, read_number
from storyline.text.wordlists import pairs


@dataclass(frozen=True, slots=True)
class FigureConfig:
    """How figures are read and when two of them are the same figure. Similarities are cosines of MiniLM
    embeddings. Set by hand on the bundled examples' gold (examples/gold.json) and the tests that use it
    (tests/test_brief.py, tests/test_claims.py), which ask for the disagreements the examples carry and for none
    between figures that count different things."""

    # Heads climbed from a figure to its clause's verb when collecting the words that govern it.
    governing_hops: int = 6
    # Words either side of a figure, within its sentence, that make its context.
    context_tokens: int = 8
    # Two figures count the same thing only when their counted words ("workers", "euros") are this similar ...
    same_counted: float = 0.7
    # ... and their contexts are this similar ...
    same_context: float = 0.4
    # ... or, for amounts, their governing phrases ("fire kill worker") are this similar ...
    same_governing: float = 0.8
    # ... or, for days, the phrases of the verbs that date them are this similar: a verb names its event ("the
    # attack began", "the assault began"), so less likeness is needed than for amounts.
    same_dated_event: float = 0.6
    # Outlets that date one event differently are a day or two apart, not weeks.
    max_days_apart: int = 3
    # Reports of one event round and revise, but they do not give figures an order of magnitude apart for one thing.
    max_ratio: float = 3.0


CONFIG = FigureConfig()

NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
# Words that give a value are not what the value is about: "hours" in "the early hours of Sunday".
VALUE_LABELS = NUMBER_LABELS | {"DATE", "TIME", "ORDINAL"}
# Money is often tagged CARDINAL ("1.4 billion euros"): counts and amounts compare with each other.
COMPARABLE = {"MONEY": "AMOUNT", "CARDINAL": "AMOUNT", "QUANTITY": "AMOUNT"}
CURRENCIES = pairs("currencies")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number and what it counts: ``counted`` is the counted word ("workers", "euros"), ``context`` the words
    around the number in its sentence, the number itself left out so that only the thing counted is compared."""

    span: Span
    outlet: str
    value: float
    kind: str
    counted: str
    context: str
    governing: str


@dataclass(frozen=True, slots=True)
class FigureDisagreement:
    figures: tuple[Figure, ...]

    @property
    def description(self) -> str:
        """Each value once, with the outlets giving it: "workers: 3 (Civic Post, Meridian Wire) vs 4 (Ledger)"."""
        first = self.figures[0]
        outlets_of: dict[float, list[str]] = {}
        for figure in self.figures:
            outlets = outlets_of.setdefault(figure.value, [])
            if figure.outlet not in outlets:
                outlets.append(figure.outlet)
        shown = (lambda value: str(date.fromordinal(int(value)))) if first.kind == "DAY" else readable
        values = " vs ".join(f"{shown(value)} ({', '.join(outlets)})" for value, outlets in outlets_of.items())
        return f"date of {first.governing}: {values}" if first.kind == "DAY" else f"{first.counted}: {values}"


def readable(value: float) -> str:
    """A figure as a reader writes it: "43", "1.2 billion", "60 million", "12,500"."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,g}"


def _counted_word(entity: SpacySpan) -> str | None:
    """What a figure counts: its currency ("1.2 billion euro programme" counts euros), else the noun it
    attaches to ("workers" in "three dock workers", "prisoners" in "more than 50 prisoners")."""
    doc = entity.doc
    for token in list(entity) + list(doc[entity.end : min(entity.end + 2, len(doc))]):
        if token.lemma_.lower() in CURRENCIES or token.text in CURRENCIES:
            return CURRENCIES.get(token.text) or token.lemma_.lower()
    for token in (entity.root, entity.root.head):
        if token.pos_ == "NOUN" and not token.like_num:
            return token.lower_
    return None


def _governing_words(root: Token, config: FigureConfig = CONFIG) -> str:
    """The lemmas of the words above a figure up to its clause's verb, and that verb's subject or object:
    "fire kill worker" for "the fire killed three workers"."""
    words, token = [], root
    for _ in range(config.governing_hops):
        if token.pos_ in {"NOUN", "VERB", "ADJ"} and token.ent_type_ not in VALUE_LABELS:
            words.append(token)
        if token.pos_ == "VERB" or token.head is token:
            break
        token = token.head
    if token.pos_ == "VERB":
        words += [child for child in token.children if child.dep_ in {"nsubj", "nsubjpass", "dobj"}
                  and child.pos_ == "NOUN" and child not in words and child.ent_type_ not in VALUE_LABELS]
    return " ".join(t.lemma_.lower() for t in sorted(words, key=lambda t: t.i))


def _context(tokens: SpacySpan, config: FigureConfig = CONFIG) -> str:
    """The words around a figure in its sentence, the figure itself left out."""
    sentence = tokens.sent
    window = sentence[max(tokens.start - config.context_tokens, sentence.start) - sentence.start:
                      min(tokens.end + config.context_tokens, sentence.end) - sentence.start]
    return " ".join(t.text for t in window if not (tokens.start <= t.i < tokens.end or t.like_num or t.is_punct))


def _figure(article: Article, entity: SpacySpan, config: FigureConfig = CONFIG) -> Figure | None:
    value = read_number(entity.text, FIGURE)
    counted = _counted_word(entity)
    if value is None or counted is None:
        return None
    return Figure(article.span(entity.start_char, entity.end_char, entity.label_), article.outlet, value,
                  COMPARABLE.get(entity.label_, entity.label_), counted, _context(entity, config),
                  _governing_words(entity.root, config))


def _day_figure(article: Article, doc: Doc, time: TimeExpression, config: FigureConfig = CONFIG) -> Figure | None:
    """A dated event as a figure: its value is the day, and what it "counts" is the event its verb names. A day
    counted from an inferred publication date is the tool's guess, not the outlet's: never a figure in dispute."""
    if time.type != "DATE" or not DAY.fullmatch(time.value[:10]) or time.reference_confidence is not None:
        return None
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if tokens is None:
        return None
    governing = _governing_words(tokens.root, config)
    if not governing:
        return None
    day = date.fromisoformat(time.value[:10]).toordinal()
    return Figure(time.span, article.outlet, day, "DAY", governing.split()[-1], _context(tokens, config), governing)


def extract(article: Article, doc: Doc, times: list[TimeExpression] = (),
            config: FigureConfig = CONFIG) -> list[Figure]:
    """The article's figures: numbers from the parse, and the days its time expressions give to events."""
    numbers = [f for entity in doc.ents if entity.label_ in NUMBER_LABELS and (f := _figure(article, entity, config))]
    return numbers + [f for time in times if (f := _day_figure(article, doc, time, config))]


def _same_thing(a: Figure, b: Figure, counted: float, context: float, governing: float,
                config: FigureConfig = CONFIG) -> bool:
    if a.outlet == b.outlet or a.kind != b.kind or counted < config.same_counted:
        return False
    if a.kind == "DAY":
        # The same verb dates the same event: "the attack began" and "the assault began" name one beginning.
        return (abs(a.value - b.value) <= config.max_days_apart
                and (context >= config.same_context or governing >= config.same_dated_event))
    close = max(a.value, b.value) / max(min(a.value, b.value), 1e-9) <= config.max_ratio
    return close and (context >= config.same_context or governing >= config.same_governing)


def disagreements(figures: list[Figure], embed: Callable[[list[str]], np.ndarray],
                  config: FigureConfig = CONFIG) -> list[FigureDisagreement]:
    """Groups of figures that count the same thing with different values in different outlets.

    ``embed`` gives unit-length vectors of texts; the counted words, contexts and governing phrases are embedded.
    """
    def similarity(texts: list[str]) -> np.ndarray:
        vectors = embed(texts)
        return vectors @ vectors.T

    if not figures:
        return []
    counted = similarity([f.counted for f in figures])
    context = similarity([f.context for f in figures])
    governing = similarity([f.governing or f.counted for f in figures])
    closeness = context + governing
    # Figures are linked only to their mutually closest match in another outlet: an outlet also gives other
    # counts of similar things ("two other workers were hurt") that are not the same figure.
    best: list[dict[str, int]] = []
    for i, a in enumerate(figures):
        closest: dict[str, int] = {}
        for j, b in enumerate(figures):
            if j != i and _same_thing(a, b, counted[i, j], context[i, j], governing[i, j], config):
                if b.outlet not in closest or closeness[i, j] > closeness[i, closest[b.outlet]]:
                    closest[b.outlet] = j
        best.append(closest)
    linked: dict[int, set[int]] = {i: {i} for i in range(len(figures))}
    for i, closest in enumerate(best):
        for j in closest.values():
            if best[j].get(figures[i].outlet) == i:
                linked[i].add(j)
                linked[j].add(i)
    seen: set[int] = set()
    found = []
    for start in range(len(figures)):
        if start in seen or len(linked[start]) == 1:
            continue
        component, frontier = set(), [start]
        while frontier:
            k = frontier.pop()
            if k not in component:
                component.add(k)
                frontier.extend(linked[k] - component)
        seen |= component
        members = sorted((figures[k] for k in component), key=lambda f: (f.outlet, f.span.start))
        if len({f.value for f in members}) > 1:
            found.append(FigureDisagreement(tuple(members)))
    return found
