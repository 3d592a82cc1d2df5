"""Pairing quotation marks: where each quotation of a text starts and ends, its marks included.

News writes quotations with curly marks (“ ”, ‘ ’), straight ones (" and '), typewriter pairs (``, '') and
guillemets (« »), loses a closing mark now and then, runs a quotation over several paragraphs, and uses the
single closing mark as an apostrophe ("don’t", "voters’"); :func:`quoted_spans` pairs them all the same way for
every stage that reads quotations (attributions, and the words of a quote matched across outlets).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from storyline.text import wordlists

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
DASHES = "—–-"
DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
# A speech tag after a quotation: "…," she said / "…," Smith told / "…," the New York Daily News quoted / "…,"
# added Smith.
_SPEECH_TAG = re.compile(r"[ \t]*,?[ \t]*(?:(?:he|she|they|it|we|i)[ \t]+|(?:the[ \t]+)?[A-Z][\w.'’-]*"
                         r"(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]+)?(?:"
                         + "|".join(sorted(wordlists.words("speech_tag_verbs"))) + r")\b")
# By hand, on the tuning part's scraped news: what reading a straight mark against its spacing (`word" ` as
# opening, ` "Word` as closing), against a speech tag or colon, as either when it is glued on both sides
# (`."Word`), and as pairing with nothing costs.
_AGAINST_SPACING = 2.0
_AGAINST_TAG = 3.0
_GLUED = 1.0
_GLUED_BETWEEN_SENTENCES = 0.5
# By hand, on the same news: a spaced mark between two sentences (`destroyed. "People`) read as closing one quoted
# sentence and opening the next, where scraping lost a mark and moved a space; and a paragraph left inside a
# quotation that no quoted paragraph carries on, whose last opening mark then pairs with nothing.
_SPACED_BETWEEN_SENTENCES = 1.0
_SENTENCE_END_SPACED = re.compile(r"[.!?]\s$")
_STRAY = 2.5
_UNCLOSED = _STRAY
# By hand: a text whose closing marks, where a speech tag shows them closing, stand against their spacing at least
# this many times, and more than this many times as often as with it, had its spaces moved to the wrong side of
# every mark when it was scraped (`… at stake, "she said."The next …`): its spacing is read the other way round.
_INVERTED_AT_LEAST = 2
_INVERTED_RATIO = 2
# By hand, on the tuning part's scraped news: a text may have its spaces moved in one stretch and not in another
# (`pressure," said Hansbrough` early on, `that, "Frasor said."But …` later): the reading may switch between the
# two spacings at a mark, at this cost, and a speech tag whose mark is spaced as an opening one under the spacing
# read there (`, "Frasor said`) costs this, so that a run of them switches to the other spacing. Only a paragraph
# with such a mark right after the quoted words' comma, "?" or "!" and a space may switch.
_SWITCH_SPACING = 1.0
_TAG_AGAINST_SPACING = 1.25
_CLOSED_WORDS_SPACED = re.compile(r"[,?!'’][ \t]$")
# How a double mark reads (:func:`_readings`).
OPENS, CLOSES, CLOSES_AND_OPENS, STRAY = "opens", "closes", "closes and opens", "stray"
# A single-quoted stretch: opened at a word's start, closed at a word's end, on one line and not too long to be a
# quotation rather than two apostrophes.
_SINGLE_QUOTED = re.compile(r"(?<![\w’'])[‘'](?=\w)([^\n]{1,300}?)(?<=[\w.,!?])[’'](?![\w’'])")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation, marks included.

    Double marks (curly, straight, ``''``) pair within a paragraph; a paragraph that ends inside a quotation
    continues it when the quotation opened a sentence and the next paragraph opens with a mark (the
    multi-paragraph convention), and otherwise the unclosed mark is dropped. Single marks are quotations only
    outside double ones and when they sit at word edges, so apostrophes ("don’t", "voters’") never open or close
    one. Marks inside markup tags (``<tweet author="…">``) quote nobody.
    """
    spans = list(_double_quoted(text)[0])
    spans.extend(_single_quoted(text, spans))
    return sorted(spans)


def stray_marks(text: str) -> list[int]:
    """Where the straight double marks that pair with nothing stand: a paragraph whose marks lost their place in
    scraping (`void."What is at stake … peace. "Greek Prime Minister … said … a"raw murderous act".`), whose
    quotations around them may hold narration or miss words. A curly mark says which way it faces, so one that
    pairs with nothing opens or closes a quotation inside another ("“@user: “It is better …”"), not a mark out
    of place."""
    return list(_double_quoted(text)[1])


# The quote stage reads a text's quotations and then its stray marks, and the brief's stages its quotations again:
# the double marks of a text are paired once.
@lru_cache(maxsize=64)
def _double_quoted(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    spans, strays = _pair_double_marks(text)
    return tuple(spans), tuple(strays)


def _pair_double_marks(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The quotations of double marks, and where the marks that pair with nothing stand."""
    text = _MARKUP_TAG.sub(lambda tag: " " * len(tag.group()), text)
    spans: list[tuple[int, int]] = []
    strays: list[int] = []
    open_at: int | None = None
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    inverted = _spacing_inverted(text, paragraphs)
    for index, (start, end) in enumerate(paragraphs):
        marks = list(DOUBLE_MARK.finditer(text, start, end))
        if open_at is not None and marks and not text[start:marks[0].start()].strip() \
                and _costs(text, marks[0], start, end, inverted)[0] < _AGAINST_SPACING:
            marks = marks[1:]  # the mark that reopens a quotation carried over from the paragraph before
        carried_on = index + 1 < len(paragraphs) and _opens_with_mark(text, *paragraphs[index + 1])
        # Only a paragraph whose speech tags show its spacing moved may switch the spacing read.
        may_switch = any(_tag_against_spacing(text, mark, start, end, inverted) for mark in marks)
        readings = _readings(text, marks, start, end, open_at is not None, inverted, carried_on, may_switch)
        for mark, reading in zip(marks, readings):
            if reading in (CLOSES, CLOSES_AND_OPENS) and open_at is not None:
                spans.append((open_at, mark.end()))
                open_at = None
            if reading in (OPENS, CLOSES_AND_OPENS):
                open_at = mark.start()
            if reading == STRAY and mark.group() == '"' and not _reopens(text, mark, start, end, inverted):
                strays.append(mark.start())
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            # Only a quotation that opens a sentence runs on; one opened mid-sentence lost its closing mark.
            opens_sentence = re.search(r"(^|[.!?:,;—–-])\s*$", text[start:open_at]) is not None
            if following is None or not opens_sentence or not _opens_with_mark(text, *following):
                if text[open_at] == '"':
                    strays.append(open_at)
                open_at = None
    return spans, strays


def _tag_against_spacing(text: str, mark: re.Match, start: int, end: int, inverted: bool) -> bool:
    """Whether a straight mark a speech tag follows, and so closes, is spaced as an opening one under the
    spacing read, right after the quoted words' last comma, "?" or "!" (`like that, "Frasor said`): not a mark
    opening a paragraph or a sentence that a subject and a verb of saying begin (`"That adds up to …`)."""
    return mark.group() == '"' and _CLOSED_WORDS_SPACED.search(text, start, mark.start()) is not None \
        and _costs(text, mark, start, end, inverted, True)[1] > 0.0 \
        and _SPEECH_TAG.match(text, mark.end(), end) is not None


def _reopens(text: str, mark: re.Match, start: int, end: int, inverted: bool) -> bool:
    """Whether a mark read inside a quotation opens a sentence as an opening mark does (`hide. “ Law …`): a
    quotation running on into a new paragraph whose break scraping lost, not a mark out of place."""
    return _costs(text, mark, start, end, inverted)[0] == 0.0 \
        and re.search(r"[.!?,]\s+$", text[start:mark.start()]) is not None


def opens_with_double_mark(text: str, position: int) -> bool:
    """Whether a double quotation mark stands at ``position`` (a quotation of its own, not a single-quoted line)."""
    return DOUBLE_MARK.match(text, position) is not None


def _readings(text: str, marks: list[re.Match], start: int, end: int, inside: bool, inverted: bool,
              carried_on: bool, may_switch: bool = False) -> list[str]:
    """How each double mark of a paragraph reads: it opens a quotation, closes one, closes one and opens the
    next (a mark glued between two quoted sentences, "destroyed."People are …", where scraping lost a mark and
    a space), or pairs with nothing. The reading taken alternates opening and closing and goes least against
    what each mark's neighbours say (Viterbi over "outside" and "inside" a quotation, each under the text's
    spacing or the other way round, switching at :data:`_SWITCH_SPACING`): well-spaced text has one reading that
    goes against nothing; in scraped text that lost or misplaced the spaces beside its marks, the marks around one
    read wrongly set it right, and where a stretch of it had its spaces moved against the spacing the whole text
    is read with (``inverted``), its speech tags show it. Unless the next paragraph opens with a mark
    (``carried_on``), ending the paragraph inside a quotation costs what a mark that pairs with nothing does.
    Without ``may_switch`` the spacing stays ``inverted`` throughout."""
    switch = _SWITCH_SPACING if may_switch else math.inf
    best: dict[tuple[bool, bool], tuple[float, list[str]]] = {
        # A quotation carried over from the paragraph before may as well have ended with it (the reading its
        # marks give decides).
        (within, flipped): ((0.0 if inside or not within else math.inf) + (0.0 if flipped == inverted else switch), [])
        for within in (False, True) for flipped in (False, True)}
    for mark in marks:
        costs = {flipped: _costs(text, mark, start, end, flipped, may_switch) for flipped in (False, True)}
        # Switching the spacing read before this mark: the cheapest way into each state from either spacing.
        entering = {(within, flipped): min(best[(within, flipped)], (best[(within, not flipped)][0] + switch,
                                                                    best[(within, not flipped)][1]),
                                           key=lambda option: option[0])
                    for within in (False, True) for flipped in (False, True)}
        best = {}
        for flipped in (False, True):
            open_cost, close_cost, both_cost = costs[flipped]
            (outside_cost, outside_path), (inside_cost, inside_path) = entering[(False, flipped)], \
                entering[(True, flipped)]
            best[(False, flipped)] = min((outside_cost + _STRAY, outside_path + [STRAY]),
                                         (inside_cost + close_cost, inside_path + [CLOSES]),
                                         key=lambda option: option[0])
            best[(True, flipped)] = min((inside_cost + _STRAY, inside_path + [STRAY]),
                                        (outside_cost + open_cost, outside_path + [OPENS]),
                                        (inside_cost + both_cost, inside_path + [CLOSES_AND_OPENS]),
                                        key=lambda option: option[0])
    if not carried_on:
        best = {(within, flipped): (cost + _UNCLOSED, path) if within else (cost, path)
                for (within, flipped), (cost, path) in best.items()}
    return min(best.values(), key=lambda option: option[0])[1]


def _costs(text: str, mark: re.Match, start: int, end: int, inverted: bool = False,
           spaced_tags: bool = False) -> tuple[float, float, float]:
    """What reading the mark as opening, as closing, and as closing and opening goes against: its own shape
    (curly marks say which they are), the spacing beside it (the other way round in a text whose spaces were
    moved, ``inverted``), and a speech tag right after it ("…," she said) or a colon before it; with
    ``spaced_tags``, also the spacing of a mark a speech tag follows (:data:`_TAG_AGAINST_SPACING`)."""
    if mark.group() in OPENING_DOUBLE or mark.group() == "``":
        return 0.0, math.inf, math.inf
    if mark.group() in CLOSING_DOUBLE:
        return math.inf, 0.0, math.inf
    before = text[mark.start() - 1] if mark.start() > start else " "
    after = text[mark.end()] if mark.end() < end else " "
    if _SPEECH_TAG.match(text, mark.end(), end):
        opens, closes = _spacing(before, after)
        if inverted:
            opens, closes = closes, opens
        return _AGAINST_TAG, _TAG_AGAINST_SPACING if spaced_tags and opens and not closes else 0.0, math.inf
    if before == ":":
        # One ending its paragraph ("He added:\"" before the quoted paragraph, "\"Related:\"") closes nothing.
        return 0.0, _AGAINST_TAG if text[mark.end():end].strip() else math.inf, math.inf
    opens, closes = _spacing(before, after)
    if inverted:
        opens, closes = closes, opens
    if opens and not closes:
        spaced_between = _SENTENCE_END_SPACED.search(text, max(start, mark.start() - 2), mark.start()) \
            and after.isupper()
        return 0.0, _AGAINST_SPACING, _SPACED_BETWEEN_SENTENCES if spaced_between else math.inf
    if closes and not opens:
        return _AGAINST_SPACING, 0.0, math.inf
    between_sentences = before in ".!?" and after.isupper()
    return _GLUED, _GLUED, _GLUED_BETWEEN_SENTENCES if between_sentences else math.inf


def _spacing(before: str, after: str) -> tuple[bool, bool]:
    """Whether the characters beside a straight mark say it opens (a space or bracket before it) and closes (a
    space or punctuation after it)."""
    return before.isspace() or before in "([{" + DASHES, after.isspace() or not after.isalnum()


def _spacing_inverted(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether the straight marks a speech tag shows closing ("…, "he said") mostly stand against their spacing:
    scraping moved the text's spaces to the other side of its marks."""
    against = along = 0
    for start, end in paragraphs:
        for mark in re.finditer('"', text[start:end]):
            at, after_at = start + mark.start(), start + mark.end()
            if not _SPEECH_TAG.match(text, after_at, end):
                continue
            opens, closes = _spacing(text[at - 1] if at > start else " ", text[after_at] if after_at < end else " ")
            against += opens and not closes
            along += closes and not opens
    return against >= _INVERTED_AT_LEAST and against > _INVERTED_RATIO * along


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return stripped[:1] in OPENING_DOUBLE + '"' or stripped.startswith(("''", "``"))


def _single_quoted(text: str, double_spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    # Double quotations come in text order and never overlap: only the last to start at or before a position
    # can hold it.
    starts = [start for start, _ in double_spans]

    def inside_double(position: int) -> bool:
        at = bisect_right(starts, position) - 1
        return at >= 0 and position < double_spans[at][1]

    for match in _SINGLE_QUOTED.finditer(text):
        if not inside_double(match.start()):
            yield match.start(), match.end()
