"""Per-article stages: each reads one article and its one parse, and returns spans into its text.

Each stage declares what it needs and what it gives, as a spaCy component does: the kind its records are stored
under, the kinds it reads from the stages before it, and the function, called ``run(article, doc, *needed)``.
:func:`analyse` runs them in order over one article, each within its time budget (:mod:`.budget`): a stage that
fails or runs out of time on one text gives that text no records of its kind, with a warning, and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from storyline.extract import mentions, quotes, timex
from storyline.extract.budget import OverBudget, limited
from storyline.model import Article


@dataclass(frozen=True)
class ExtractConfig:
    """The time each per-article stage may take on one article: ``stage_seconds`` plus ``seconds_per_million_chars``
    for each million characters of its text. Every stage is linear in the text's length and takes under 10 s on
    a 1,000,000-character article on this project's machine (bench/reliability.py); the budget is a few times
    that, so only a text that trips a stage into a slow corner loses its records of that kind."""

    stage_seconds: float = 20.0
    seconds_per_million_chars: float = 40.0


CONFIG = ExtractConfig()


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


@dataclass(frozen=True)
class Analysis:
    """Every stage's records for one article, by the kind they are stored under, and why a stage gave none."""

    found: dict[str, list[Any]]
    warnings: list[str]


def analyse(article: Article, doc: Doc, config: ExtractConfig = CONFIG) -> Analysis:
    """Every stage's records for one article; a stage that fails or runs out of time gives none, with a warning,
    and a stage that needs its records gets none of them."""
    seconds = config.stage_seconds + config.seconds_per_million_chars * len(article.text) / 1_000_000
    found: dict[str, list[Any]] = {}
    warnings = []
    for stage in STAGES:
        try:
            with limited(seconds):
                found[stage.kind] = stage.run(article, doc, *(found[kind] for kind in stage.needs))
        except OverBudget:
            found[stage.kind] = []
            warnings.append(f"{stage.kind} stage skipped: it took over its {seconds:.0f} s budget")
        except Exception as error:  # a stage's bug on one text must not cost the text its other records
            found[stage.kind] = []
            warnings.append(f"{stage.kind} stage skipped: it failed ({type(error).__name__}: {error})")
    return Analysis(found, warnings)
