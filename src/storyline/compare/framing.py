"""Framing: the words each outlet chose for the same claim, its loaded words, and whom it quotes most.

Word choices come from aligned claims (see :mod:`storyline.compare.claims`): where two outlets' sentences line up
word for word except for a short run, that run is a wording choice ("killed" / "assassinated") when each side holds
content words the other lacks ("title belts" / "titles" adds a detail, it chooses no other word), they are not one
word in another spelling, inflection or abbreviation ("offense" / "offence", "shootings" / "shooting", "Calif" /
"California"), they mean much the same (their embeddings are close) and yet judge differently (a loaded word
against a neutral one, or words of clearly different sentiment: "riot" / "protest"): plain synonyms ("fell" /
"dropped", "blaze" / "fire") vary the words, not the slant; function words ("his" / "the") are
grammar, a different statement is not a different word, a day named two ways ("Thursday" / "yesterday") follows
when each outlet wrote, names ("Asia" / "Europe", "Internet Explorer" / "IE flaw") name different things, and
pieces of two phrases ("Launches Emergency" / "rushes out security") are no words for one thing, nor are words the
alignment lined up by the letters around them that fill different places in their sentences ("after the fire" /
"by the church").
Nor is a verb of saying for another ("said" / "testified": which verb of saying an outlet chose is framing only when
one is loaded, as the lexicon below says), or a word for one of another part of speech ("Confesses" / "guilty": two
statements the alignment lined up, not two words for one). The same choice made by several pairs of outlets is one
choice, the most frequent first. Loaded words come from a small lexicon (``data/loaded_words.txt``) that also names
a neutral alternative; a word of the lexicon inside a name ("the Coalition of the Radical Left") is the name's, not
the outlet's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from spacy.tokens import Doc, Token

from storyline.compare.claims import ClaimGroup
from storyline.extract.quotes.cues import CLAUSE_CUES
from storyline.parse.labels import NAME_LABELS
from storyline.model import Article, Span
from storyline.text import wordlists
from storyline.text.valence import valence

WORD = re.compile(r"\w[\w'’-]*")
LOADED_WORDS = "loaded_words"
# Parts of speech one word may stand for another in: a name in a title-case headline is tagged as a proper noun.
WORD_CLASSES = {"NOUN": "noun", "PROPN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "adjective", "ADV": "adverb"}
# Entity labels of times: which day an outlet writes depends on when it wrote, not on how it frames the story.
TIME_LABELS = {"DATE", "TIME"}


@dataclass(frozen=True, slots=True)
class FramingConfig:
    """When two aligned sentences differ by a wording choice. Set by hand when the stage was written."""

    # Longer differing runs are different statements, not different words for one thing.
    max_choice_words: int = 3
    # Share of the two sentences' words that difflib must match in order before a differing run is a choice.
    min_sentence_match: float = 0.5
    # Two words whose letters match this much (difflib's ratio) are one word spelt two ways ("offense" /
    # "offence" 0.86, "honor" / "honour" 0.91; "honor" / "valor" 0.4).
    same_spelling: float = 0.8
    # A word is another's abbreviation when it starts it and has at least this many letters ("Calif", "Dec").
    abbreviation_letters: int = 3
    # Two wordings say the same thing only when their embeddings are this close (MiniLM cosine, set on the tuning
    # stories of eval/briefs/tune: "blaze" / "fire" 0.61, "Mafioso" / "mob boss" 0.39, "hired" / "acting" 0.35;
    # "shooting" / "seventh straight day" 0.18 is another statement, not another word).
    same_meaning: float = 0.33
    # Two wordings judge differently when the valences of their words (VADER's lexicon, -4 to +4) differ by at
    # least this much: "riot" -2.6 / "protest" -1.0 do; "severely" -2.0 / "seriously" -0.7, "killed" -3.5 / "die"
    # -2.9 and "hurt" -2.4 / "injured" -1.7 tell the same thing as badly.
    min_valence_gap: float = 1.5


CONFIG = FramingConfig()


def loaded_words() -> dict[str, str]:
    """The lexicon of loaded words (lower case), each with its neutral alternative ("" when it has none)."""
    return wordlists.pairs(LOADED_WORDS)


@dataclass(frozen=True, slots=True)
class WordingChoice:
    """Two outlets saying the same thing with different words; each side is a span of its own article."""

    left: Span
    right: Span


@dataclass(slots=True)
class OutletFraming:
    source: str
    loaded: list[Span] = field(default_factory=list)
    most_quoted: list[tuple[str, int]] = field(default_factory=list)


def _words(span: Span, article: Article) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), span.start + m.start(), span.start + m.end())
            for m in WORD.finditer(span.text(article))]


def content_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The content words of ``[start, end)``: no function words, punctuation, numbers or times."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if t.is_alpha and not t.is_stop and t.ent_type_ not in TIME_LABELS] \
        if span is not None else []


def is_name(tokens: list[Token]) -> bool:
    """Whether a run of words is a name: proper nouns, or words of a named entity."""
    return all(t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS for t in tokens)


def is_phrase(tokens: list[Token]) -> bool:
    """Whether a run of words hangs together: one of them has its head outside the run, the others depend on it."""
    inside = {t.i for t in tokens}
    return sum(t.head.i not in inside or t.head.i == t.i for t in tokens) == 1


def names_on_both_sides(left: list[Token], right: list[Token]) -> bool:
    """Whether one run is a name and the other holds one: "Asia" / "Europe" and "Internet Explorer" / "IE flaw"
    name things; which things an outlet names is what it says, not how it words it."""
    return ((is_name(left) and any(is_name([t]) for t in right))
            or (is_name(right) and any(is_name([t]) for t in left)))


def letters(tokens: list[Token]) -> str:
    return "".join(t.lower_ for t in tokens)


def head(tokens: list[Token]) -> Token:
    """The run's word the others depend on: the one whose head lies outside the run (the last on a tie)."""
    inside = {t.i for t in tokens}
    return next((t for t in reversed(tokens) if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def different_statements(left: list[Token], right: list[Token]) -> bool:
    """Whether two differing runs are not two words for one thing: verbs of saying neither of which is loaded
    (the lexicon says which choice of them frames), or heads of different parts of speech."""
    lexicon = loaded_words()
    if all(t.lemma_.lower() in CLAUSE_CUES and t.lower_ not in lexicon for t in left + right):
        return True
    classes = {WORD_CLASSES.get(head(tokens).pos_) for tokens in (left, right)}
    return len(classes) > 1


def same_place(left: list[Token], right: list[Token]) -> bool:
    """Whether two runs fill the same place in their sentences: their heads hang from the same word ("was
    [injured] in" / "was [hurt] in", "[suspicious] fire" / "[arson] fire"), or both head their sentences. The
    alignment lines up words by their letters alone: "after the [fire]" / "by the [church]" are two statements."""
    parent_left, parent_right = head(left).head, head(right).head
    if parent_left.i == head(left).i or parent_right.i == head(right).i:
        return parent_left.i == head(left).i and parent_right.i == head(right).i
    return parent_left.lemma_.lower() == parent_right.lemma_.lower()


def same_word(left: list[Token], right: list[Token], config: FramingConfig) -> bool:
    """Whether two runs of content words are one wording in another spelling, inflection or abbreviation, or one
    is the other with a detail added."""
    lemmas_left, lemmas_right = {t.lemma_.lower() for t in left}, {t.lemma_.lower() for t in right}
    if lemmas_left <= lemmas_right or lemmas_right <= lemmas_left:
        return True
    a, b = letters(left), letters(right)
    shorter, longer = sorted((a, b), key=len)
    return (SequenceMatcher(None, a, b).ratio() >= config.same_spelling
            or (len(shorter) >= config.abbreviation_letters and longer.startswith(shorter)))


def loaded_in(tokens: list[Token]) -> set[str]:
    """The run's words of the loaded lexicon, but for a noun naming a kind of another ("mob boss", not a crowd)."""
    lexicon = loaded_words()
    return {t.lower_ for t in tokens if t.lower_ in lexicon and t.dep_ != "compound"}


def mean_valence(tokens: list[Token]) -> float | None:
    """The mean valence of the run's words the lexicon knows; None when it knows none, or a word is negated: "didn't
    allow" / "refused" is one thing, however far apart "allow" and "refused" are."""
    if any(child.dep_ == "neg" for token in tokens for child in token.children):
        return None
    known = [v for v in map(valence, tokens) if v is not None]
    return sum(known) / len(known) if known else None


def judge_differently(left: list[Token], right: list[Token], config: FramingConfig) -> bool:
    """Whether two wordings of one thing differ in evaluation, which is what makes a choice of words framing: one
    holds a loaded word the other lacks ("scheme" / "plan", "claimed" / "said"), or both sound good or bad and
    not alike ("riot" / "protest"). Plain synonyms ("fell" / "dropped", "blaze" / "fire", "win" / "victory")
    are how a writer varies words, not a slant."""
    if loaded_in(left) != loaded_in(right):
        return True
    a, b = mean_valence(left), mean_valence(right)
    return a is not None and b is not None and abs(a - b) >= config.min_valence_gap


def wording_choices(groups: list[ClaimGroup], articles: dict[str, Article], doc: Callable[[str], Doc],
                    embed: Callable[[list[str]], np.ndarray], config: FramingConfig = CONFIG) -> list[WordingChoice]:
    """Where outlets chose different content words for the same claim that judge it differently, each choice once
    (as first found), the choices most pairs of outlets made first; ``embed`` gives unit-length embeddings of
    texts."""
    found: dict[tuple[str, str], WordingChoice] = {}
    made: Counter = Counter()
    for group in groups:
        for i, a in enumerate(group.units):
            for b in group.units[i + 1 :]:
                if a.source == b.source:
                    continue
                art_a, art_b = articles[a.span.article_id], articles[b.span.article_id]
                for left, right in _replaced_phrases(a.span, art_a, b.span, art_b, doc, config):
                    key = tuple(sorted((letters(left), letters(right))))
                    made[key] += 1
                    found.setdefault(key, WordingChoice(
                        art_a.span(left[0].idx, left[-1].idx + len(left[-1]), "wording"),
                        art_b.span(right[0].idx, right[-1].idx + len(right[-1]), "wording")))
    keys = list(found)
    if not keys:
        return []
    left = embed([found[key].left.text(articles[found[key].left.article_id]) for key in keys])
    right = embed([found[key].right.text(articles[found[key].right.article_id]) for key in keys])
    alike = {key for key, a, b in zip(keys, left, right) if float(a @ b) >= config.same_meaning}
    return [found[key] for key in sorted(alike, key=lambda key: (-made[key], keys.index(key)))]


def _replaced_phrases(span_a: Span, art_a: Article, span_b: Span, art_b: Article, doc: Callable[[str], Doc],
                      config: FramingConfig) -> Iterator[tuple[list[Token], list[Token]]]:
    """The content words one sentence puts where the other, much alike, puts others that judge differently."""
    words_a, words_b = _words(span_a, art_a), _words(span_b, art_b)
    matcher = SequenceMatcher(None, [w for w, _, _ in words_a], [w for w, _, _ in words_b], autojunk=False)
    if matcher.ratio() < config.min_sentence_match:
        return
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "replace" or a1 - a0 > config.max_choice_words or b1 - b0 > config.max_choice_words:
            continue
        if any(w.isdigit() for w, _, _ in words_a[a0:a1] + words_b[b0:b1]):
            continue  # a different figure is a disagreement, not a wording choice
        left = content_tokens(doc(art_a.id), words_a[a0][1], words_a[a1 - 1][2])
        right = content_tokens(doc(art_b.id), words_b[b0][1], words_b[b1 - 1][2])
        if _is_choice(left, right, config):
            yield left, right


def _is_choice(left: list[Token], right: list[Token], config: FramingConfig) -> bool:
    """Whether two replaced runs of content words are one choice of wording: whole phrases in the same place of the
    sentence, different words that name no one on both sides, say the same thing and judge it differently."""
    if not left or not right or same_word(left, right, config):
        return False
    if not (is_phrase(left) and is_phrase(right)):
        return False  # "Launches Emergency" / "rushes out security": pieces of two phrases
    return (same_place(left, right) and not names_on_both_sides(left, right)
            and not different_statements(left, right) and judge_differently(left, right, config))


def loaded_spans(article: Article, doc: Doc) -> list[Span]:
    """The article's words of the loaded lexicon, but for those inside a name."""
    lexicon = loaded_words()
    in_names = {token.idx for token in doc if is_name([token])}
    return [article.span(m.start(), m.end(), "loaded") for m in WORD.finditer(article.text)
            if m.group().lower() in lexicon and m.start() not in in_names]


def outlet_framing(articles: list[Article], doc: Callable[[str], Doc],
                   speakers_by_article: dict[str, list[str]]) -> list[OutletFraming]:
    """Per outlet: its loaded words and the speakers it quotes most (``speakers_by_article``: names per quote)."""
    by_source: dict[str, OutletFraming] = {}
    quoted: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        framing = by_source.setdefault(article.outlet, OutletFraming(article.outlet))
        framing.loaded.extend(loaded_spans(article, doc(article.id)))
        quoted[article.outlet].update(name for name in speakers_by_article.get(article.id, []) if name)
    for source, framing in by_source.items():
        framing.most_quoted = quoted[source].most_common(5)
    return sorted(by_source.values(), key=lambda f: f.source)
