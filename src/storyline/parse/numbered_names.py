"""Names that start with a number, which the model reads as numbers: a number with the plural ending of people
who do something ("76ers", "49ers") names a team, not a count. Each becomes an organisation (ORG), taking in the
place name written right before it ("Philadelphia 76ers": a place the model tagged, or capitalised proper nouns).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.parse.labels import PLACE_LABELS

Entity = tuple[int, int, str]

NUMBERED_NAME = re.compile(r"\d+ers")


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
