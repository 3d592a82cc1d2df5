"""Per-article stages: each reads one article and its one parse, and returns spans into its text.

Each stage declares what it needs and what it gives, as a spaCy component does: the kind its records are stored
under, the kinds it reads from the stages before it, and the function, called ``run(article, doc, *needed)``.
:func:`analyse` runs them in order over one article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from storyline.extract import mentions, quotes, timex
from storyline.model import Article


@dataclass(frozen=True, slots=True)
class Stage:
    kind: str
    needs: tuple[str, ...]
    run: Callable[..., list[Any]]


def in_order(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """The stages as declared, once each need is known to be given by a stage before it."""
    given: set[str] = set()
    for stage in stages:
        missing = set(stage.needs) - given
        if missing:
            raise ValueError(f"stage {stage.kind!r} needs {sorted(missing)} before it")
        given.add(stage.kind)
    return tuple(stages)


STAGES = in_order([
    Stage("mention", (), mentions.extract),
    Stage("quote", ("mention",), quotes.extract),
    Stage("time", (), timex.extract),
])


def analyse(article: Article, doc: Doc) -> dict[str, list[Any]]:
    """Every stage's records for one article, by the kind they are stored under."""
    found: dict[str, list[Any]] = {}
    for stage in STAGES:
        found[stage.kind] = stage.run(article, doc, *(found[kind] for kind in stage.needs))
    return found
