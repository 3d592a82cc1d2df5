"""Copied passages: verbatim or near-verbatim runs of words that two articles share.

Candidate article pairs come from MinHash LSH over word shingles (datasketch) of short windows of consecutive
sentences, so the cost stays near-linear in the length of the texts and copies are found whatever the
paragraphing (a text may have none, or an editor may re-break a copy's paragraphs); each candidate pair is then
aligned word by word (difflib) to find the exact runs. Where publication times differ, the earlier article is
taken as the origin, so a syndicated copy can be discounted as corroboration. Words both articles give inside
quotation marks are a statement both quote, not a copy: a passage needs ``min_words`` outside them on one side at
least (scraped text that lost its marks' places may read narration as quoted on one side).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from datasketch import MinHash, MinHashLSH
from spacy.tokens import Doc

from storyline.model import Article, Span
from storyline.text.quotemarks import quoted_spans


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """What counts as a copied passage, and how candidates are found.

    Set by hand when the stage was written; the bundled examples' planted copy (examples/gold.json) is found
    with its direction, and the copy tests' short overlaps are not.
    """

    # Texts are sketched by windows of this many consecutive sentences (a window of fewer than ``min_words``
    # words takes in the next sentences), each as the set of its word n-grams of ``shingle_words``.
    window_sentences: int = 3
    shingle_words: int = 4
    minhash_permutations: int = 128
    # Estimated Jaccard of shingles at which two windows make their articles a candidate pair: low, since the
    # windows of a copy and of its origin need not start at the same sentence; the word alignment decides.
    lsh_threshold: float = 0.3
    # A shared run shorter than this is a stock phrase, not a copy.
    min_words: int = 15
    # Runs separated by at most this many differing words are one passage: copy editors change a word or two.
    max_gap_words: int = 3
    # A passage starts and ends with a run of at least this many words: a lone "the" after a gap is no copy.
    least_edge_words: int = 3


CONFIG = CopyConfig()


@dataclass(frozen=True, slots=True)
class CopiedPassage:
    """The same passage in two articles; ``origin`` is the earlier one when publication times tell."""

    origin: Span
    copy: Span
    words: int
    similarity: float
    directed: bool


@dataclass(frozen=True, slots=True)
class _Words:
    """An article's words (lower case, no punctuation) with their character offsets."""

    article: Article
    words: list[str]
    offsets: list[tuple[int, int]]


def _words(article: Article, doc: Doc) -> _Words:
    tokens = [t for t in doc if not (t.is_punct or t.is_space)]
    return _Words(article, [t.lower_ for t in tokens], [(t.idx, t.idx + len(t)) for t in tokens])


def _windows(text: _Words, doc: Doc, config: CopyConfig) -> list[list[str]]:
    """The words of each window of ``window_sentences`` consecutive sentences, one starting at every sentence."""
    starts = [sum(1 for start, _ in text.offsets if start < sentence.start_char) for sentence in doc.sents]
    ends = starts[1:] + [len(text.words)]
    windows = []
    for first in range(len(starts)):
        last = min(first + config.window_sentences, len(ends)) - 1
        while last + 1 < len(ends) and ends[last] - starts[first] < config.min_words:
            last += 1
        if ends[last] - starts[first] >= config.min_words:
            windows.append(text.words[starts[first]:ends[last]])
    return windows


def _minhash(words: list[str], config: CopyConfig) -> MinHash:
    sketch = MinHash(num_perm=config.minhash_permutations)
    shingle = config.shingle_words
    sketch.update_batch([" ".join(words[i : i + shingle]).encode() for i in range(len(words) - shingle + 1)])
    return sketch


def _runs(a: _Words, b: _Words, config: CopyConfig) -> list[tuple[int, int, int, int, int]]:
    """Aligned runs ``(a_start, a_end, b_start, b_end, matched_words)`` in word indices, small gaps bridged; a run
    neither starts nor ends with a stray word or two matched across a gap ("the")."""
    blocks = [m for m in SequenceMatcher(None, a.words, b.words, autojunk=False).get_matching_blocks() if m.size]
    runs: list[list] = []
    for block in blocks:
        last = runs[-1][-1] if runs else None
        if last and block.a - (last.a + last.size) <= config.max_gap_words \
                and block.b - (last.b + last.size) <= config.max_gap_words:
            runs[-1].append(block)
        else:
            runs.append([block])
    found = []
    for run in runs:
        while len(run) > 1 and run[-1].size < config.least_edge_words:
            run.pop()
        while len(run) > 1 and run[0].size < config.least_edge_words:
            run.pop(0)
        matched = sum(block.size for block in run)
        if matched >= config.min_words:
            first, last = run[0], run[-1]
            found.append((first.a, last.a + last.size, first.b, last.b + last.size, matched))
    return found


def _unquoted_words(text: _Words, start: int, end: int, quotations: list[tuple[int, int]]) -> int:
    """How many of the words ``[start, end)`` stand outside quotation marks."""
    return sum(not any(q_start <= offset < q_end for q_start, q_end in quotations)
               for offset, _ in text.offsets[start:end])


def _oriented(a: Article, b: Article) -> tuple[bool, bool]:
    """(a is the origin, the direction is known)."""
    if a.published and b.published and a.published != b.published:
        return a.published < b.published, True
    return True, False


def find(articles: list[tuple[Article, Doc]], config: CopyConfig = CONFIG) -> list[CopiedPassage]:
    """Every passage of at least ``config.min_words`` words shared by two articles of different outlets."""
    texts = [_words(article, doc) for article, doc in articles]
    index = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.minhash_permutations)
    sketches = []
    for number, (text, (_, doc)) in enumerate(zip(texts, articles)):
        for window in _windows(text, doc, config):
            sketch = _minhash(window, config)
            index.insert(len(sketches), sketch)
            sketches.append((number, sketch))
    candidates = {tuple(sorted((number, sketches[other][0]))) for number, sketch in sketches
                  for other in index.query(sketch)}
    quotations = [quoted_spans(text.article.text) for text in texts]
    passages = []
    for first, second in sorted(candidates):
        a, b = texts[first], texts[second]
        if a.article.id == b.article.id or a.article.outlet == b.article.outlet:
            continue
        a_first, directed = _oriented(a.article, b.article)
        for a_start, a_end, b_start, b_end, matched in _runs(a, b, config):
            if max(_unquoted_words(a, a_start, a_end, quotations[first]),
                   _unquoted_words(b, b_start, b_end, quotations[second])) < config.min_words:
                continue  # two outlets quoting one statement in full, not one copying the other
            span_a = a.article.span(a.offsets[a_start][0], a.offsets[a_end - 1][1], "copied")
            span_b = b.article.span(b.offsets[b_start][0], b.offsets[b_end - 1][1], "copied")
            similarity = 2 * matched / ((a_end - a_start) + (b_end - b_start))
            origin, copy = (span_a, span_b) if a_first else (span_b, span_a)
            passages.append(CopiedPassage(origin, copy, matched, similarity, directed))
    return passages
