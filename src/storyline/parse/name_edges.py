"""Where one name ends and the next begins, and names that stand for a family: rules of the NER fixes.

The small model runs a title into the organisation before it ("Woodburn Police Department Capt. Tom Tennant"
gives "Woodburn Police Department Capt"), runs two names together across "the" ("In Parliament the Communist
Party of Greece" gives one organisation), breaks a name at the nickname inside it ("Vincent 'Chin' Gigante" gives
"Vincent" and "Gigante") and tags a surname before "family" as the person ("the Genovese crime family"). Each
would merge two entities downstream, or leave the surname to whoever else bears it: the title joins every captain
to the department, the glued name joins the parliament to the party, the lone "Gigante" goes to his brother
"Louis Gigante", the family joins the man it is named after. And it splits a company named with its country
("Telecom Egypt") into two places, one of them the country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from storyline.parse.clitics import POSSESSIVES
from storyline.text import wordlists
from storyline.text.names import OFFICES, PLACE_DESIGNATORS, is_title_head, is_title_part, title_word

Entity = tuple[int, int, str]  # token start, token end, label

FAMILY_NOUNS = wordlists.words("family_nouns")
# Words that may join a name and "the" inside one name ("Tomb of the Unknown Soldier", "Bank for the Poor").
LINKS_BEFORE_THE = frozenset({"of", "for", "and", "&", "on", "to", "in", "at", "-"})
# How far up the parse a name may sit below the family noun it modifies ("the Genovese organized crime family").
FAMILY_NOUN_DEPTH = 3
OPENING_MARKS = frozenset({"'", '"', "‘", "“", "("})
CLOSING_MARKS = frozenset({"'", '"', "’", "”", ")"})
# The most words a nickname set inside a name has ("Sammy the Bull").
NICKNAME_MAX_TOKENS = 4
TRAILING_LINKS = frozenset({"and", "of", "&", "-"})
# Callings and offices: a title run's words that lead no place nor body ("Surgeon" of "Surgeon General").
CALLINGS = wordlists.words("person_title_nouns") | OFFICES


def trim_trailing_titles(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A name loses a linking word it ends in ('Anthony "Fat Tony"Salerno and') and words glued to it by a lost
    space ('injustice"across Greece'), and a name that ends in a title run right before a capitalised name the
    title: the title belongs to the person named next ("Brooklyn Councilman" of "Brooklyn Councilman Ann Lowe" is
    the borough, even where the model took it for a person)."""
    trimmed = []
    for start, end, label in entities:
        while end - start > 1 and _glued_words(doc[start].text):
            start += 1
        while end - start > 1 and doc[end - 1].lower_ in TRAILING_LINKS:
            end -= 1
        cut = end
        while cut > start + 1 and is_title_part(doc[cut - 1].text):
            cut -= 1
        following = end + 1 if end < len(doc) and doc[end].text == "." else end
        if (cut < end and any(is_title_head(t.text) for t in doc[cut:end]) and following < len(doc)
                and doc[following].is_title and doc[following].is_alpha):
            # No person's name ends in a title: what leads it is the place or body the office belongs to, unless
            # it is a calling too, and the whole is the next person's title ("Surgeon General Ann Lowe").
            if all(title_word(token.text) in CALLINGS for token in doc[start:cut]):
                continue
            end, label = cut, "ORG" if label == "PERSON" else label
        trimmed.append((start, end, label))
    return trimmed


def _glued_words(token: str) -> bool:
    """Two lower-case words a quotation mark joins where a space was lost ('injustice"across'): no part of a name."""
    mark = next((k for k, c in enumerate(token) if c in CLOSING_MARKS | OPENING_MARKS), None)
    return mark is not None and token[:1].islower() and token[mark + 1:mark + 2].islower()


def split_glued_names(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """Two names the model ran together across "the" are two names: "Parliament" and "Communist Party of Greece"
    of "In Parliament the Communist Party of Greece has accused..."; so are two across a possessive, the first a
    person or place named elsewhere."""
    # The words of the people and places named, each name's counted: a word is another name's when it occurs more
    # often than in this name (the words were gathered once, not again for every name).
    people_and_places = Counter((start, end) for start, end, label in entities if label in ("PERSON", "GPE"))
    named_words = Counter(token.lower_ for (start, end), times in people_and_places.items()
                          for token in doc[start:end] for _ in range(times))
    split = []
    for start, end, label in entities:
        own = Counter(token.lower_ for token in doc[start:end] for _ in range(people_and_places[start, end]))

        def owners(word: str) -> bool:
            return named_words[word] > own[word]

        cut = None if nicknamed(doc, start, end) else next((i for i in range(start + 1, end - 1) if doc[i].text == "the"
                    and doc[i - 1].lower_ not in LINKS_BEFORE_THE and doc[i - 1].is_title
                    and doc[i + 1].is_title), None)
        if cut is None:
            cut = _possessive_inside(doc, start, end, owners)
        split += [(start, end, label)] if cut is None else [(start, cut, label), (cut + 1, end, label)]
    return split


def _possessive_inside(doc: Doc, start: int, end: int, owners: Callable[[str], bool]) -> int | None:
    """The possessive between a person or a place the document names elsewhere and a name of two words or more
    after it, which the model ran into one ("Karamanlis' New Democracy party" beside "Costas Karamanlis"); not a
    company named with its founder ("Moody's Investors Service"), a name of one word after it ("St. Mary's
    Hospital"), nor an apostrophe that opens a nickname."""
    for i in range(start + 1, end - 2):
        if not owners(doc[i - 1].lower_):
            continue
        mark = doc[i].text
        bare = mark in ("'", "’") and doc[i - 1].lower_.endswith("s") and not any(
            t.text in OPENING_MARKS | CLOSING_MARKS for t in doc[i + 1:end])
        if (bare or (mark in POSSESSIVES and mark not in ("'", "’"))) and doc[i - 1].pos_ == "PROPN" \
                and doc[i + 1].is_title and doc[i + 2].is_title:
            return i
    return None


def nicknamed(doc: Doc, start: int, end: int) -> bool:
    """Whether a name holds a nickname in quotation marks or brackets ("Salvatore "Sammy the Bull" Gravano"), whose
    function words belong to the name."""
    return any(t.text in OPENING_MARKS for t in doc[start:end])


def join_nicknamed_names(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A given name, a nickname in quotation marks or brackets and a surname, one of the names the model's person,
    are one person's name: "Vincent 'Chin' Gigante", 'Vincent "The Chin"Gigante' (the closing mark glued to the
    surname), "Kimani (Kiki) Gray"."""
    person_at = {i: (start, end) for start, end, label in entities if label == "PERSON" for i in range(start, end)}
    joined: list[tuple[int, int]] = []
    for i in range(len(doc) - 3):
        if not (doc[i].is_title and doc[i].is_alpha and doc[i + 1].text in OPENING_MARKS):
            continue
        surname = _surname_after_nickname(doc, i + 2)
        if surname is None or not (i in person_at or surname in person_at):
            continue
        joined.append((person_at.get(i, (i, i))[0], person_at.get(surname, (surname, surname + 1))[1]))
    if not joined:
        return entities
    covered = {i for start, end in joined for i in range(start, end)}
    kept = [e for e in entities if not covered.intersection(range(e[0], e[1]))]
    return kept + [(start, end, "PERSON") for start, end in joined]


def _surname_after_nickname(doc: Doc, first: int) -> int | None:
    """The token of the surname after a nickname opening at ``first``: the one after the closing mark, or the one
    the mark is glued into ('Chin"Gigante'); None when the nickname is no run of capitalised words before a name."""
    for i in range(first, min(first + NICKNAME_MAX_TOKENS + 1, len(doc) - 1)):
        token = doc[i].text
        if token in CLOSING_MARKS:
            following = doc[i + 1]
            return i + 1 if i > first and following.is_title and following.is_alpha else None
        mark = next((k for k, c in enumerate(token) if c in CLOSING_MARKS), None)
        if mark is not None:
            before, after = token[:mark], token[mark + 1:]
            return i if before[:1].isupper() and after[:1].isupper() and after.isalpha() else None
        if not (doc[i].is_title or doc[i].lower_ == "the"):
            return None
    return None


def join_names_before_places(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A name the model splits before a country or city it ends in is one organisation's: "Telecom Egypt", "Real
    Madrid" (not "Upper Egypt", whose first word makes another place, nor "In Egypt")."""
    by_end = {end: (start, end, label) for start, end, label in entities}
    joined, dropped = [], set()
    for start, end, label in entities:
        if label != "GPE" or end - start != 1 or start == 0:
            continue
        before = by_end.get(start)
        first = before[0] if before else start - 1
        words = doc[first:start]
        if not all(t.is_title and t.is_alpha and not is_title_part(t.text) and t.lower_ not in PLACE_DESIGNATORS
                   for t in words) or (before is None and (words[0].pos_ != "PROPN" or words[0].is_sent_start)):
            continue
        joined.append((first, end, "ORG"))
        dropped |= {(start, end, label)} | ({before} if before else set())
    if not joined:
        return entities
    return [entity for entity in entities if entity not in dropped and entity[0] not in {j[0] for j in joined}] \
        + joined


def relabel_families(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A name that modifies "family" or "clan" ("the Genovese crime family", "the Gray family") names the family,
    an organisation of its own, not the person of that name."""
    return [(start, end, "ORG" if _names_a_family(doc, start, end) else label) for start, end, label in entities]


def _names_a_family(doc: Doc, start: int, end: int) -> bool:
    token = doc[start:end].root
    for _ in range(FAMILY_NOUN_DEPTH):
        if token.dep_ not in ("compound", "amod", "nmod") or token.head.i < end:
            return False
        token = token.head
        if token.lower_ in FAMILY_NOUNS:
            return True
    return False
