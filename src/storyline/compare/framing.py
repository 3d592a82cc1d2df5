"""Framing: the words each outlet chose for the same claim, its loaded words, and whom it quotes most.

Word choices come from aligned claims (see :mod:`storyline.compare.claims`): where two outlets' sentences line
up word for word except for a short run, that run is a wording choice ("killed" / "assassinated"). Loaded words
come from a small lexicon (``data/loaded_words.txt``) that also names a neutral alternative.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storyline.compare.claims import ClaimGroup
from storyline.model import Article, Span
from storyline.text import wordlists

WORD = re.compile(r"\w[\w'’-]*")
LOADED_WORDS = "loaded_words"


@dataclass(frozen=True, slots=True)
class FramingConfig:
    """When two aligned sentences differ by a wording choice. Set by hand when the stage was written."""

    # Longer differing runs are different statements, not different words for one thing.
    max_choice_words: int = 3
    # Share of the two sentences' words that difflib must match in order before a differing run is a choice.
    min_sentence_match: float = 0.5


CONFIG = FramingConfig()


def loaded_words() -> dict[str, str]:
    """The lexicon of loaded words (lower case), each with its neutral alternative ("" when it has none)."""
    return wordlists.pairs(LOADED_WORDS)


@dataclass(frozen=True, slots=True)
class WordingChoice:
    """Two outlets saying the same thing with different words; each side is a span of its own article."""

    left: Span
    left_source: str
    right: Span
    right_source: str


@dataclass(slots=True)
class OutletFraming:
    source: str
    loaded: list[Span] = field(default_factory=list)
    most_quoted: list[tuple[str, int]] = field(default_factory=list)


def _words(span: Span, article: Article) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), span.start + m.start(), span.start + m.end()) for m in WORD.finditer(span.text(article))]


def wording_choices(groups: list[ClaimGroup], articles: dict[str, Article],
                    config: FramingConfig = CONFIG) -> list[WordingChoice]:
    choices = []
    for group in groups:
        for i, a in enumerate(group.units):
            for b in group.units[i + 1 :]:
                if a.source == b.source:
                    continue
                art_a, art_b = articles[a.span.article_id], articles[b.span.article_id]
                words_a, words_b = _words(a.span, art_a), _words(b.span, art_b)
                matcher = SequenceMatcher(None, [w for w, _, _ in words_a], [w for w, _, _ in words_b], autojunk=False)
                if matcher.ratio() < config.min_sentence_match:
                    continue
                for op, a0, a1, b0, b1 in matcher.get_opcodes():
                    if op != "replace" or a1 - a0 > config.max_choice_words or b1 - b0 > config.max_choice_words:
                        continue
                    if any(w.isdigit() for w, _, _ in words_a[a0:a1] + words_b[b0:b1]):
                        continue  # a different figure is a disagreement, not a wording choice
                    choices.append(WordingChoice(
                        art_a.span(words_a[a0][1], words_a[a1 - 1][2], "wording"), a.source,
                        art_b.span(words_b[b0][1], words_b[b1 - 1][2], "wording"), b.source))
    return choices


def loaded_spans(article: Article) -> list[Span]:
    lexicon = loaded_words()
    return [article.span(m.start(), m.end(), "loaded") for m in WORD.finditer(article.text)
            if m.group().lower() in lexicon]


def outlet_framing(articles: list[Article], speakers_by_article: dict[str, list[str]]) -> list[OutletFraming]:
    """Per outlet: its loaded words and the speakers it quotes most (``speakers_by_article``: names per quote)."""
    by_source: dict[str, OutletFraming] = {}
    quoted: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        framing = by_source.setdefault(article.outlet, OutletFraming(article.outlet))
        framing.loaded.extend(loaded_spans(article))
        quoted[article.outlet].update(name for name in speakers_by_article.get(article.id, []) if name)
    for source, framing in by_source.items():
        framing.most_quoted = quoted[source].most_common(5)
    return sorted(by_source.values(), key=lambda f: f.source)
