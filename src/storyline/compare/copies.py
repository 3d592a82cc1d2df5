"""Copied passages: verbatim or near-verbatim runs of words that two articles share.

Candidate paragraph pairs come from MinHash LSH over word shingles (datasketch), so the cost stays near-linear
in the number of paragraphs; each candidate pair is then aligned word by word (difflib) to find the exact runs.
Where publication times differ, the earlier article is taken as the origin, so a syndicated copy can be
discounted as corroboration.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from datasketch import MinHash, MinHashLSH
from spacy.tokens import Doc

from storyline.model import Article, Span


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """What counts as a copied passage, and how candidates are found.

    Set by hand when the stage was written; the bundled examples' planted copy (examples/gold.json) is found
    with its direction, and the copy tests' short overlaps are not.
    """

    # Paragraphs are sketched as sets of word n-grams of this length.
    shingle_words: int = 4
    minhash_permutations: int = 128
    # Estimated Jaccard of shingles at which two paragraphs become a candidate pair: low, since a copied passage
    # may be a small part of either paragraph; the word alignment decides.
    lsh_threshold: float = 0.3
    # A shared run shorter than this is a stock phrase, not a copy; shorter paragraphs are not sketched.
    min_words: int = 15
    # Runs separated by at most this many differing words are one passage: copy editors change a word or two.
    max_gap_words: int = 3


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
class _Paragraph:
    article: Article
    words: list[str]
    offsets: list[tuple[int, int]]


def _paragraphs(article: Article, doc: Doc, config: CopyConfig) -> list[_Paragraph]:
    tokens = [t for t in doc if not (t.is_punct or t.is_space)]
    result = []
    for start, end in article.paragraphs:
        inside = [t for t in tokens if start <= t.idx < end]
        if len(inside) >= config.min_words:
            result.append(_Paragraph(article, [t.lower_ for t in inside], [(t.idx, t.idx + len(t)) for t in inside]))
    return result


def _minhash(words: list[str], config: CopyConfig) -> MinHash:
    sketch = MinHash(num_perm=config.minhash_permutations)
    shingle = config.shingle_words
    sketch.update_batch([" ".join(words[i : i + shingle]).encode() for i in range(len(words) - shingle + 1)])
    return sketch


def _runs(a: _Paragraph, b: _Paragraph, config: CopyConfig) -> list[tuple[int, int, int, int, int]]:
    """Aligned runs ``(a_start, a_end, b_start, b_end, matched_words)`` in word indices, small gaps bridged."""
    blocks = [m for m in SequenceMatcher(None, a.words, b.words, autojunk=False).get_matching_blocks() if m.size]
    runs: list[list[int]] = []
    for block in blocks:
        if runs and block.a - runs[-1][1] <= config.max_gap_words and block.b - runs[-1][3] <= config.max_gap_words:
            runs[-1][1], runs[-1][3] = block.a + block.size, block.b + block.size
            runs[-1][4] += block.size
        else:
            runs.append([block.a, block.a + block.size, block.b, block.b + block.size, block.size])
    return [tuple(run) for run in runs if run[4] >= config.min_words]


def _oriented(a: Article, b: Article) -> tuple[bool, bool]:
    """(a is the origin, the direction is known)."""
    if a.published and b.published and a.published != b.published:
        return a.published < b.published, True
    return True, False


def find(articles: list[tuple[Article, Doc]], config: CopyConfig = CONFIG) -> list[CopiedPassage]:
    """Every passage of at least ``config.min_words`` words shared by two articles of different outlets."""
    paragraphs = [p for article, doc in articles for p in _paragraphs(article, doc, config)]
    index = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.minhash_permutations)
    sketches = [_minhash(p.words, config) for p in paragraphs]
    for number, sketch in enumerate(sketches):
        index.insert(number, sketch)
    passages = []
    for number, sketch in enumerate(sketches):
        for other in sorted(index.query(sketch)):
            a, b = paragraphs[number], paragraphs[other]
            if other <= number or a.article.id == b.article.id or a.article.outlet == b.article.outlet:
                continue
            a_first, directed = _oriented(a.article, b.article)
            for a_start, a_end, b_start, b_end, matched in _runs(a, b, config):
                span_a = a.article.span(a.offsets[a_start][0], a.offsets[a_end - 1][1], "copied")
                span_b = b.article.span(b.offsets[b_start][0], b.offsets[b_end - 1][1], "copied")
                similarity = 2 * matched / ((a_end - a_start) + (b_end - b_start))
                origin, copy = (span_a, span_b) if a_first else (span_b, span_a)
                passages.append(CopiedPassage(origin, copy, matched, similarity, directed))
    return passages
