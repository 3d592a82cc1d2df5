"""Names with a number in them, which the model reads as numbers.

A number with the plural ending of people who do something ("76ers", "49ers") names a team, not a count: it
becomes an organisation (ORG), taking in the place name written right before it ("Philadelphia 76ers": a place the
model tagged, or capitalised proper nouns).

A number in digits right after a name ends that name: roads ("Oregon 214"), cables ("SEA-ME-WE 4", "SAT - 3"),
products ("Windows 7"), schools ("P.S. 3"). The model tags the words and leaves the number out, so each writing of
the name is cut to the same few words as the state or the company it starts with. Not a count ("the Jaguars 24
to 17", "Brooklyn 2 officers"), a person's age, a date, a yard line ("the Kansas City 7"), nor a headline's
words.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.parse.labels import NAME_LABELS, PLACE_LABELS

Entity = tuple[int, int, str]

NUMBERED_NAME = re.compile(r"\d+ers")
HYPHENS = frozenset({"-", "–"})
# Labels of names that take no number after them: a person's is an age or a score, a people's a count.
UNNUMBERED_LABELS = frozenset({"PERSON", "NORP"})
# What follows a number that counts or scores rather than ends a name ("24 to 17", "52 percent").
COUNT_FOLLOWERS = frozenset({"to", "-", "–", "%", "percent", "per", ":", "/", "of", "out"})
# By hand: the most digits of a number ending a name ("Oregon 214", "Boeing 747"); longer ones are years and
# amounts.
NAME_NUMBER_MAX_DIGITS = 4


def tag_numbered_names(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` with each numbered team name of ``doc`` tagged ORG, replacing what overlaps it."""
    for token in doc:
        if not NUMBERED_NAME.fullmatch(token.text):
            continue
        places = [e[0] for e in entities if e[1] == token.i and e[2] in PLACE_LABELS]
        start = places[0] if places else token.i
        while start > token.sent.start and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                and not doc[start - 1].is_stop:
            start -= 1
        entities = [e for e in entities if e[1] <= start or e[0] > token.i] + [(start, token.i + 1, "ORG")]
    return sorted(entities)


def tag_names_ending_in_numbers(doc: Doc, entities: list[Entity], headline: set[int],
                                max_words: int) -> list[Entity]:
    """``entities`` with each name followed by a number in digits extended over it: the model's label where it
    tagged an organisation, a product or a facility, a facility where it tagged a place ("Oregon 214", a road),
    a product where it tagged none of the words (then at least two words, or one in capitals: "Game 7" is no
    name). Of ``max_words`` words at most, none in ``headline``."""
    label_at = {i: (start, end, label) for start, end, label in entities for i in range(start, end)}
    for number in doc:
        if not _name_number(doc, number, label_at):
            continue
        start, end = _words_before(doc, number, label_at, max_words)
        if start == end or start in headline or doc[end - 1].tag_ == "NNPS":  # "the Colts 14": a score
            continue
        label = _numbered_label(doc, start, end, label_at)
        if label is None:
            continue
        entities = [e for e in entities if e[1] <= start or e[0] > number.i] + [(start, number.i + 1, label)]
        label_at.update({i: (start, number.i + 1, label) for i in range(start, number.i + 1)})
    return sorted(entities)


def _words_before(doc: Doc, number: Token, label_at: dict[int, Entity], max_words: int) -> tuple[int, int]:
    """The run of name words the number follows, in its sentence, without a hyphen at either edge ("SAT - 3")."""
    end = number.i
    if doc[end - 1].text in HYPHENS and doc[end - 2].is_upper:
        end -= 1
    start = end
    while start > number.sent.start and end - start < 2 * max_words and _name_part(doc, start - 1, label_at):
        start -= 1
    while start < end and doc[start].text in HYPHENS:
        start += 1
    return start, end


def _numbered_label(doc: Doc, start: int, end: int, label_at: dict[int, Entity]) -> str | None:
    """The label of the name the words from ``start`` to ``end`` make with the number after them, None when they
    make none: a tagged person's or date's, a name reaching back before them, one untagged short word, a side of
    a field."""
    tagged = [label_at[i] for i in range(start, end) if i in label_at]
    if any(entity[2] in UNNUMBERED_LABELS or entity[0] < start for entity in tagged):
        return None
    words = [token for token in doc[start:end] if token.text not in HYPHENS]
    if not tagged and len(words) < 2 and not words[0].is_upper:
        return None
    label = tagged[-1][2] if tagged else "PRODUCT"
    if label in PLACE_LABELS and start > 0 and doc[start - 1].lower_ == "the":
        return None  # a side of a field ("from the Indianapolis 27"); no road is "the Oregon 214"
    return "FAC" if label in PLACE_LABELS else label


def _name_number(doc: Doc, number: Token, label_at: dict[int, Entity]) -> bool:
    """A number in digits, untagged or a bare count, after a word and not before a plural noun or a score's
    "to" (what it would count)."""
    if not (number.text.isdigit() and len(number.text) <= NAME_NUMBER_MAX_DIGITS) or number.i == number.sent.start:
        return False
    if number.i in label_at and label_at[number.i][2] != "CARDINAL":
        return False
    following = doc[number.i + 1] if number.i + 1 < len(doc) else None
    return following is None or (following.tag_ not in ("NNS", "CD") and following.lower_ not in COUNT_FOLLOWERS)


def _name_part(doc: Doc, index: int, label_at: dict[int, Entity]) -> bool:
    """A word of a name: one the model tagged as a name, a proper noun or a word in capitals, a capitalised
    pronoun inside a sentence ("Sea Me We 4"), or a hyphen between such words."""
    token = doc[index]
    if token.text in HYPHENS:
        return index > token.sent.start and _name_part(doc, index - 1, label_at)
    if index in label_at:
        return label_at[index][2] in NAME_LABELS
    if not token.is_alpha or not (token.is_title or token.is_upper) or token.is_sent_start:
        return False
    return token.pos_ == "PROPN" or token.is_upper or (token.pos_ == "PRON" and token.text != "I")
