"""Street and road names the model misses or splits: "E. 52nd St." (no entity), "West 4th Street" (a place and an
organisation), "Highway 214", "Ave. H", "67th Precinct", "Rue de Castiglione". A capitalised street word after one
to three capitalised words or an ordinal makes a street's name, one that starts names in French, Italian, Spanish
or Portuguese before one or two (after their particles) a street's or a square's, a capitalised road word before a
number a road's, an ordinal before "Precinct" or "Ward" a precinct's; each is tagged a facility (FAC, as the
model's training data tags streets), replacing the pieces it covers, unless the model's own name runs past it
("Church Avenue Baptist Church")."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import filter_spans

from storyline.parse.labels import NAME_LABELS
from storyline.text import wordlists

Entity = tuple[int, int, str]

DESIGNATORS = wordlists.pairs("street_designators")
DIRECTIONS = ["E.", "W.", "N.", "S.", "East", "West", "North", "South"]
CAPITALISED = {"REGEX": r"^[A-Z]"}
ORDINAL = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}
NAME_WORD = {"IS_TITLE": True, "IS_ALPHA": True, "IS_STOP": False}
FULL_STOP = {"ORTH": ".", "OP": "?"}


ABBREVIATIONS = {word for word, where in DESIGNATORS.items() if where.endswith(" abbreviation")}


def _written(kind: str) -> list[str]:
    """The words of a kind as the tokenizer may leave them: abbreviations with or without their full stop."""
    found = [word for word, where in DESIGNATORS.items() if kind in where.split()]
    return found + [word + "." for word in found if word in ABBREVIATIONS]


@lru_cache(maxsize=4)
def _matcher(vocab) -> Matcher:
    ends = {"LOWER": {"IN": _written("end")}, "TEXT": CAPITALISED}
    direction = {"TEXT": {"IN": DIRECTIONS}, "OP": "?"}
    matcher = Matcher(vocab)
    matcher.add("STREET", [
        [direction, {**NAME_WORD, "LOWER": {"NOT_IN": _written("end")}, "OP": "{1,3}"}, ends, FULL_STOP],
        [direction, ORDINAL, ends, FULL_STOP],
        [{"LOWER": {"IN": ["avenue", "ave", "ave."]}, "TEXT": CAPITALISED}, FULL_STOP, {"TEXT": {"REGEX": r"^[A-Z]$"}}],
        [{"LOWER": {"IN": _written("number")}, "TEXT": CAPITALISED}, FULL_STOP, {"TEXT": {"REGEX": r"^\d+[A-Z]?$"}}],
        [ORDINAL, {**NAME_WORD, "OP": "?"}, {"LOWER": {"IN": _written("ordinal")}, "TEXT": CAPITALISED}],
        [{"LOWER": {"IN": _written("start")}, "TEXT": CAPITALISED},
         {"LOWER": {"IN": _written("particle")}, "OP": "{0,2}"}, {**NAME_WORD, "OP": "{1,2}"}],
    ], greedy="LONGEST")
    return matcher


@lru_cache(maxsize=1)
def _designator_keys() -> frozenset[int]:
    """The string keys (hashes) of the words one of which every pattern of :func:`_matcher` needs, in lower case."""
    return frozenset(hash_string(word) for word in [*_written("end"), *_written("number"), *_written("ordinal"),
                                                     *_written("start"), "avenue", "ave", "ave."])


def add_streets(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` with the street and road names of ``doc`` tagged FAC."""
    if _designator_keys().isdisjoint(doc.to_array(LOWER).tolist()):
        # No street, road or precinct word: the matcher, which tries its patterns at every token, would find
        # nothing (most news texts; 126 of PolNeAR train's first 200).
        return entities
    found = []
    for span in filter_spans(_matcher(doc.vocab)(doc, as_spans=True)):
        start, end = span.start, span.end
        # A full stop belongs to the name after an abbreviation written against it ("Ave."), else to the sentence.
        if doc[end - 1].text == "." and (doc[end - 2].whitespace_ or doc[end - 2].lower_ not in ABBREVIATIONS):
            end -= 1
        if _saint(doc, end, entities):
            continue
        found.append((start, end))
    for start, end in found:
        overlapping = [e for e in entities if e[0] < end and start < e[1]]
        if any((e[0] < start or e[1] > end) and e[2] in NAME_LABELS for e in overlapping):
            continue
        entities = [e for e in entities if e not in overlapping] + [(start, end, "FAC")]
    return entities


def _saint(doc: Doc, end: int, entities: list[Entity]) -> bool:
    """"St." before a name the model tagged is a saint's ("Mount St. Helens"), not a street's end."""
    if doc[end - 1].lower_ != "st." or end >= len(doc):
        return False
    return any(e[0] == end and e[2] in NAME_LABELS for e in entities)
