"""The person a quote's source describes rather than names ("the fire chief", "the Alaska Governor"), where the story
names that person with that role ("Fire Chief Ann Lee", "Ann Lee, the fire chief,"). A holder the quote's own article
names is found before, when its sources are resolved (:mod:`storyline.extract.quotes.speakers`, through the role
nominals of :mod:`storyline.extract.roles`); this is for the description an article never ties to a name.

Newswire often gives a quote to a description the article, or a shorter outlet's copy of it, never ties to a name
where the quote stands, while the story says who holds the role. A description counts when it is definite ("the",
not "a company official": someone the text does not name) and singular, headed by an office or a noun of a person,
with no possessor or phrase after it that makes it someone else's role ("Nichols' mother", "the head of the union");
the words that narrow it ("fire" of "the fire chief", "Alaska" of "the Alaska Governor", "former", "deputy") must all
be among the words of a role the story gives the person, and that role may add no rank it lacks (the Prime Minister
is not "the minister"). Adjectives that only describe ("the local fire chief", "the young coach") narrow nothing.
When two people of the story hold such a role, no one is chosen: a wrong speaker costs an editor more than a missing
one. Nor is a holder one the tagger called a person without a person's name: a department or a branch taken out of a
job title ("Chief Press Officer (Navy)" makes no person of "Navy"). A holder is named as a person by a known given
name first, or by two or more capitalised words none of which makes an organisation, a place or a title.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.roles import INDEFINITE_DETERMINERS, RANKS
from storyline.model import Entity, Span
from storyline.parse.person_types import GIVEN_NAMES, NON_PERSON_WORDS
from storyline.text import wordlists
from storyline.text.names import OFFICES, fold, is_title_part, title_word

# Nouns that can name a person (WordNet's noun.person): "the witness", "the pastor", besides the offices.
PERSON_NOUNS = wordlists.words("person_nouns")
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
# The dependencies of the words before a description's noun that narrow which role it is.
NARROWING = frozenset({"compound", "amod", "nmod"})


def described_holder(doc: Doc, phrase: Span, found: list[Entity]) -> Entity | None:
    """The one person of the story's entities (``found``) holding the role a source's phrase describes; None when
    the phrase is no definite description or no one person fits."""
    words = role_described(doc, phrase)
    if words is None:
        return None
    holders = [entity for entity in found if entity.type == "PERSON" and named_as_person(entity) and any(
        _holds(words, fold(role).split()) for role in entity.roles)]
    return holders[0] if len(holders) == 1 else None


def named_as_person(entity: Entity) -> bool:
    """Whether one of an entity's names is a person's: it opens with a known given name, or it is two or more
    capitalised words none of which makes an organisation, a place or a title of it ("Public Relations", "Navy")."""
    return any(_person_name(name.split()) for name in [entity.name, *entity.variants])


def _person_name(words: list[str]) -> bool:
    if not words or any(title_word(word) in NON_PERSON_WORDS or is_title_part(word) for word in words):
        return False
    return fold(words[0]) in GIVEN_NAMES or len(words) >= 2 and all(word[:1].isupper() for word in words)


def role_described(doc: Doc, phrase: Span) -> frozenset[str] | None:
    """The words of the role a definite description names ("the local fire chief": fire, chief), or None for a
    phrase that is no such description: a name, a plural, an indefinite or possessed noun, or one qualified by a
    phrase after it."""
    words = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    head = words.root
    if head.pos_ not in ("NOUN", "PROPN") or head.tag_ not in ("NN", "NNP") or head.ent_type_ == "PERSON":
        return None
    if not (title_word(head.text) in OFFICES or head.lemma_.lower() in PERSON_NOUNS):
        return None
    if not _definite(head) or any(child.dep_ in ("poss", "prep", "appos") and child.i in range(words.start, words.end)
                                  for child in head.children):
        return None
    narrowing = {title_word(child.text) for child in head.lefts if child.dep_ in NARROWING
                 and (child.pos_ in ("NOUN", "PROPN") or is_title_part(child.text))}
    return frozenset(narrowing | {title_word(head.text)})


def _definite(head: Token) -> bool:
    determiners = {child.lower_ for child in head.children if child.dep_ in ("det", "predet", "nummod")}
    return bool(determiners & DEFINITE_DETERMINERS) and not determiners & INDEFINITE_DETERMINERS


def _holds(described: frozenset[str], role: list[str]) -> bool:
    """Whether a role, as its words, is the one described: it has every word the description narrows it by, and no
    rank the description lacks."""
    words = {title_word(word) for word in role}
    return described <= words and not (words & RANKS) - described
