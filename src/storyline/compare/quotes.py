"""The same quote across the articles of a story: grouped by speaker and wording, with word-level differences.

Two attributions are one quote when their speakers are the same story-level entity and their content words
(stop words aside) mostly agree in order ("Not one more family will lose its home to this river" ~ "Not a
single family more will lose its home to this river"), or when their words are nearly identical whoever they
are given to; a group whose members name different speakers is flagged, since outlets then disagree about who said
it. The words of a direct quote are those inside its quote marks ("“A,” he said in a statement. “B”" reads
"A B"); those of indirect speech are its content without its own cue and source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.compare.grouping import groups
from storyline.model import Article, Attribution
from storyline.text.quotemarks import quoted_spans


@dataclass(frozen=True)
class QuoteMatchConfig:
    # By hand: the share of the shorter wording's content words that two wordings must share, in order, to be
    # one quote when they have the same speaker ...
    same_speaker_agreement: float = 0.6
    # ... and when their speakers differ or are unknown (then only near-identical wordings are one quote).
    any_speaker_agreement: float = 0.85
    # By hand: two wordings sharing fewer content words than this are never one quote ("will not", "the plan").
    min_shared_content_words: int = 2


CONFIG = QuoteMatchConfig()
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass
class Wording:
    """One way the quote was worded, with the outlets (``Article.outlet``) that carried it."""

    text: str
    outlets: list[str]
    members: list[tuple[str, Attribution]]


@dataclass
class WordChange:
    """A difference between the group's main wording and another: "replace", "delete" or "insert"."""

    op: str
    main: str
    other: str


@dataclass
class QuoteGroup:
    """One quote across articles: its members as ``(article_id, Attribution)``, wordings and their differences.

    ``wordings[0]`` is the wording most outlets carried; ``diffs[i]`` lists how ``wordings[i + 1]`` differs from
    it. ``speakers`` are the story-level entity ids given to the quote (``None`` when unresolved);
    ``speaker_conflict`` says that outlets give the same words to different speakers.
    """

    members: list[tuple[str, Attribution]]
    speakers: list[str | None]
    wordings: list[Wording]
    diffs: list[list[WordChange]] = field(default_factory=list)

    @property
    def speaker_conflict(self) -> bool:
        return len({s for s in self.speakers if s is not None}) > 1

    @property
    def outlets(self) -> list[str]:
        return sorted({outlet for wording in self.wordings for outlet in wording.outlets})


@dataclass
class _Quote:
    article: Article
    attribution: Attribution
    speaker: str | None
    words: list[str]
    key: tuple[str, ...]
    content_words: list[str]


def quote_words(article: Article, attribution: Attribution, quotations: list[tuple[int, int]]) -> list[str]:
    """The words of a quote: for direct speech, what stands inside its quotations (``quotations``: the article's
    :func:`~storyline.text.quotemarks.quoted_spans`); else its content without the cue and source set inside it, nor the
    "that" of indirect speech."""
    content = attribution.content
    quoted = [(start, end) for start, end in quotations if content.start <= start and end <= content.end]
    if attribution.direct and quoted:
        return [_word(match) for start, end in quoted for match in _WORD.finditer(article.text, start, end)]
    cut = [s for s in (attribution.cue, attribution.source) if s is not None and content.start <= s.start < content.end]
    words = [_word(match) for match in _WORD.finditer(article.text, content.start, content.end)
             if not any(s.start <= match.start() < s.end for s in cut)]
    if words and not attribution.direct and words[0].lower() == "that":
        return words[1:]
    return words


def _word(match: re.Match) -> str:
    return match.group().replace("’", "'")


def match(quotes: Iterable[tuple[Article, Attribution]], speaker_of: Callable[[str], str],
          config: QuoteMatchConfig = CONFIG) -> list[QuoteGroup]:
    """Group the attributions of a story into quotes; ``speaker_of`` maps article-level to story-level entity ids.

    Every attribution lands in exactly one group; groups carried by more outlets come first.
    """
    quotations: dict[str, list[tuple[int, int]]] = {}
    items = []
    for article, attribution in quotes:
        if article.id not in quotations:
            quotations[article.id] = quoted_spans(article.text)
        items.append(_prepare(article, attribution, quotations[article.id], speaker_of))
    items = [item for item in items if item.words]
    found = [_group([items[i] for i in members])
             for members in groups(len(items), lambda i, j: _same_quote(items[i], items[j], config))]
    return sorted(found, key=lambda g: (-len(g.outlets), -len(g.members)))


def _prepare(article: Article, attribution: Attribution, quotations: list[tuple[int, int]],
             speaker_of: Callable[[str], str]) -> _Quote:
    words = quote_words(article, attribution, quotations)
    key = tuple(word.lower() for word in words)
    return _Quote(article, attribution, speaker_of(attribution.speaker) if attribution.speaker else None, words,
                  key, [word for word in key if word not in STOP_WORDS])


def _agreement(a: list[str], b: list[str]) -> tuple[float, int]:
    """How many content words two wordings share in order, and their share of the shorter wording's words.

    Against the shorter wording, so that a partial quote ("lose its home") joins the fuller one it was cut from.
    """
    if not a or not b:
        return 0.0, 0
    shared = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return shared / min(len(a), len(b)), shared


def _same_quote(a: _Quote, b: _Quote, config: QuoteMatchConfig) -> bool:
    if a.key == b.key:
        return True
    agreement, shared = _agreement(a.content_words, b.content_words)
    if shared < config.min_shared_content_words:
        return False
    same_speaker = a.speaker is not None and a.speaker == b.speaker
    return agreement >= (config.same_speaker_agreement if same_speaker else config.any_speaker_agreement)


def _group(members: list[_Quote]) -> QuoteGroup:
    by_key: dict[tuple[str, ...], list[_Quote]] = {}
    for member in members:
        by_key.setdefault(member.key, []).append(member)
    wordings = [Wording(" ".join(same[0].words), sorted({m.article.outlet for m in same}),
                        [(m.article.id, m.attribution) for m in same]) for same in by_key.values()]
    # The main wording: carried by most outlets, and the speaker's own words before a paraphrase.
    wordings.sort(key=lambda w: (-len(w.outlets), not any(a.direct for _, a in w.members), -len(w.members)))
    return QuoteGroup(
        members=[(m.article.id, m.attribution) for m in members],
        speakers=sorted({m.speaker for m in members}, key=lambda s: (s is None, s or "")),
        wordings=wordings,
        diffs=[word_changes(wordings[0].text, other.text) for other in wordings[1:]],
    )


def word_changes(main: str, other: str) -> list[WordChange]:
    """Word-level differences from ``main`` to ``other``, case and punctuation aside."""
    a, b = main.split(), other.split()
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    return [WordChange(op, " ".join(a[i0:i1]), " ".join(b[j0:j1]))
            for op, i0, i1, j0, j1 in matcher.get_opcodes() if op != "equal"]
