"""What a number says of a place: how far it lies from another named place ("Qeshm, located 1,150 kilometers
southeast of Tehran") or how many people live there ("Qeshm island, home to 120,000 people", "with a population of
120,000", "The island, which has about 200,000 residents").

Outlets copy such background from different gazetteers and disagree on it, and whatever their verbs, it is one
quantity of one place. The place a figure is of is the noun the words before it set it beside ("Wasilla, about 40
miles north of Anchorage") or the subject of its clause ("The island ... is about 940 miles south of Tehran"),
with the names and nouns that clause gives it ("Qeshm, a ... island": both "qeshm" and "island"); a distance is
also of the named place it is measured from, so that "25 miles east of Houston" and "25 miles northwest of where
he escaped" are not one quantity.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from storyline.compare.figure_words import PARTICIPANT_LABELS, UNNAMED, verbs_above

# What a distance from a named place counts ("distance from tehran") and what a place's population counts (not
# the noun "population" another figure may count: "the prison population has gone down 10 percent").
DISTANCE = "distance from"
POPULATION = "people living in a place"
# A point of the compass after a distance, with a parenthesised conversion before it ("58km (36 miles) south -
# west of"), up to the "of" before the place it is measured from.
DIRECTION_OF = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:north|south|east|west)[a-z]*(?:\s*-\s*(?:north|south|east|west)"
                          r"[a-z]*)?\s+(of)\b", re.IGNORECASE)
# Words between a place and a distance set beside it ("Wasilla, about 40 miles north", "Qeshm, located 1,150
# kilometers"), which say nothing of which place it is.
BESIDE_WORDS = frozenset({"about", "some", "around", "roughly", "nearly", "almost", "approximately", "located",
                          "situated", "lying", "just", "only", "more", "than", "less", "over", "under"})
# The words before a count of the people living in a place, up to its hedge ("home to about", "a population of
# more than"), and a count of residents after "has" or "with" ("which has about 200,000 residents").
HEDGE = r"(?:(?:about|some|around|roughly|nearly|almost|approximately|more|than|over|under|less|just)\s+)*"
LIVES_BEFORE = re.compile(r"\b(home)\s+to\s+" + HEDGE + r"\Z|\b(population)\s+of\s+" + HEDGE + r"\Z",
                          re.IGNORECASE)
# Characters before a figure that the words setting it ("a population of more than") fit in.
WORDS_BEFORE = 60
# The nouns a count of everyone living in a place is written with ("home to 120,000 people").
PEOPLE_NOUNS = frozenset({"people", "residents", "inhabitants", "souls"})
HAS_BEFORE = re.compile(r"\b(has|have|had|with)\s+" + HEDGE + r"\Z", re.IGNORECASE)
RESIDENTS_AFTER = re.compile(r"\s+(residents|inhabitants)\b", re.IGNORECASE)


def of_a_place(counted: str) -> bool:
    """Whether a figure's counted words are those of a place's distance or population."""
    return counted == POPULATION or counted.startswith(DISTANCE)


def distance_from(tokens: SpacySpan, text: str) -> tuple[str, str, frozenset[str], frozenset[str]] | None:
    """A length followed by a point of the compass and the named place it is measured from, as (counted, what,
    names, holders): the place it is from in ``counted`` and ``what``, the place it is of in ``holders``; None
    for any other length, and for one from no named place ("25 miles northwest of where he escaped")."""
    doc = tokens.doc
    direction = DIRECTION_OF.match(text, tokens.end_char)
    of = doc.char_span(*direction.span(1)) if direction else None
    origin = next((c for c in of[0].children if c.dep_ == "pobj"), None) if of is not None else None
    if origin is None:
        return None
    named = [t for t in origin.subtree if t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "LOC"}]
    located = _place_of(tokens[0])
    if not named or located is None:
        return None
    origin_words = sorted({t.lower_ for t in named})
    what = f"{DISTANCE} {' '.join(t.text for t in named)}"
    return f"{DISTANCE} {' '.join(origin_words)}", what, frozenset(origin_words) | located - {UNNAMED}, located


def population_of(tokens: SpacySpan, text: str) -> tuple[str, str, frozenset[str], frozenset[str]] | None:
    """A count of the people living in a place ("home to 120,000 people", "a population of more than 100,000",
    "which has about 200,000 residents"), as (counted, what, names, holders); None for any other count. Read from
    the words, which the parse of "with a population of 120, 000" does not hold together."""
    doc = tokens.doc
    before = LIVES_BEFORE.search(text, _window(tokens), tokens.start_char) \
        if _people_or_nothing_after(tokens) else None
    written = RESIDENTS_AFTER.match(text, tokens.end_char)
    residents = doc.char_span(*written.span(1)) if written else None
    if before is None and residents is not None and residents.root.dep_ in {"dobj", "pobj"} \
            and not any(c.dep_ in {"acl", "relcl"} for c in residents.root.children):
        # "has about 200,000 residents", but not "with 50 residents forced to flee": what happened to some
        before = HAS_BEFORE.search(text, _window(tokens), tokens.start_char)
    anchor = doc.char_span(*before.span(before.lastindex)) if before else None
    located = _place_of(anchor[0]) if anchor is not None else None
    if located is None:
        return None
    return POPULATION, "population", frozenset(located - {UNNAMED}), located


def _window(tokens: SpacySpan) -> int:
    """Where the words before a figure that can set it start (words and blanks only, so within its sentence)."""
    return max(0, tokens.start_char - WORDS_BEFORE)


def _people_or_nothing_after(tokens: SpacySpan) -> bool:
    """Whether a count is followed by the people themselves or by no noun ("home to 120,000, it", "a population of
    54,000 and"), not by a part of them ("home to 22 registered voters", "some 6,000 members")."""
    doc = tokens.doc
    after = doc[tokens.end] if tokens.end < len(doc) else None
    if after is not None and after.lower_ in PEOPLE_NOUNS:
        after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    return after is None or after.is_punct or after.is_stop


def _place_of(anchor: Token) -> frozenset[str] | None:
    """The words naming the place a figure is of, from the word that sets the figure beside it: the noun a "with"
    phrase hangs on ("the island, with a population of"), the noun just before the comma before it ("Wasilla,
    about 40 miles", "Qeshm island, home to"), else the subject of its clause ("Qeshm has a population of");
    :data:`UNNAMED` for a pronoun."""
    doc = anchor.doc
    i = anchor.i - 1
    while i >= anchor.sent.start and doc[i].lower_ in BESIDE_WORDS | {"a", "an"}:
        i -= 1
    before = doc[i] if i >= anchor.sent.start else None
    joined = anchor if anchor.lower_ == "with" else before if before is not None and before.lower_ == "with" else None
    if joined is not None and joined.head.pos_ in {"NOUN", "PROPN"}:
        place = joined.head
    elif before is not None and before.text == "," and i > anchor.sent.start and doc[i - 1].pos_ in {"NOUN", "PROPN"}:
        place = doc[i - 1]
        if place.lower_ in PEOPLE_NOUNS and place.dep_ == "pobj" and place.head.lower_ == "of":
            place = place.head.head  # "the city of about 13,000 residents, 18 miles east of Atlanta"
    else:
        verb = joined.head if joined is not None else anchor
        verbs = [verb] if verb.pos_ in {"VERB", "AUX"} else verbs_above(verb)[:1]
        place = next((s for v in verbs for s in _subjects(v)), None)
    if place is None:
        return None
    if place.tag_ == "WDT" and place.head.dep_ == "relcl":
        place = place.head.head  # "The island, which has about 200,000 residents"
    if place.pos_ == "PRON":
        return frozenset({UNNAMED})
    return frozenset(_place_words(place))


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, or of the verb it is coordinated with ("Qeshm is the biggest island ... and is a
    free-trade zone with a population of ...")."""
    while True:
        found = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if found or verb.dep_ != "conj" or verb.head is verb:
            return found
        verb = verb.head


def _place_words(place: Token) -> set[str]:
    """A place's words: its name and noun ("Qeshm island"), the nouns in apposition to it ("Qeshm, a ... island")
    or it to, and what a copula says it is ("Qeshm is Iran's largest island", "the island ... is home")."""
    nouns = [place, *(_subjects(place.head) if place.dep_ == "attr" else [])]
    for noun in list(nouns):
        nouns += [c for c in noun.children if c.dep_ == "appos"] + ([noun.head] if noun.dep_ == "appos" else [])
        if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_ == "be":
            nouns += [c for c in noun.head.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}]
    words = set()
    for noun in nouns:
        words.add(noun.lemma_.lower())
        words.update(c.lower_ for c in noun.children if c.dep_ in {"compound", "flat"}
                     and (c.pos_ == "PROPN" or c.ent_type_ in PARTICIPANT_LABELS))
    return words
