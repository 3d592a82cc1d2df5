"""Genders: whether a person the article names, or a noun for a person, is a man or a woman, where the words say
so, so that "he" or "she" need not stand for whoever was named last. The evidence is a courtesy title ("Mrs
Varga"), a noun whose gender is part of the word ("Queen Rania", "the spokeswoman") and a given name borne almost
only by one sex ("Nancy Pelosi"); evidence that disagrees, or none, leaves the gender unknown."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.quotes.cues import lemma
from storyline.model import Article, Mention
from storyline.text import wordlists
from storyline.text.names import COURTESY_GENDER, TITLE_HEADS, all_tokens, title_word

GIVEN_NAMES = wordlists.pairs("given_name_genders")
GENDERED_NOUNS = wordlists.pairs("gendered_nouns")
# Words after which a role may name another person than its holder: "a spokesman for Mrs. Clinton".
LINKING_PREPOSITIONS = frozenset({"for", "of", "to", "with", "at"})
# The third-person pronouns that say a gender.
PRONOUN_GENDERS = {"he": "male", "him": "male", "she": "female", "her": "female"}


def person_genders(article: Article, mentions: list[Mention]) -> dict[str, str]:
    """The gender of each person entity among the mentions whose every piece of evidence agrees."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.span.label == "PERSON" and mention.entity_id is not None:
            found.setdefault(mention.entity_id, set()).update(_mention_genders(mention, article))
    return {entity: genders.pop() for entity, genders in found.items() if len(genders) == 1}


def noun_gender(noun: Token) -> str | None:
    """The gender a noun for a person says ("spokeswoman", "king"), if it says one."""
    return GENDERED_NOUNS.get(lemma(noun)) or GENDERED_NOUNS.get(noun.lower_)


def clashes(pronoun: Token, gender: str | None) -> bool:
    """Whether "he" or "she" cannot stand for someone of this gender."""
    said = PRONOUN_GENDERS.get(pronoun.lower_)
    return said is not None and gender is not None and gender != said


def _mention_genders(mention: Mention, article: Article) -> set[str]:
    genders = set()
    for word in _own_title_words(mention.role):
        if gender := COURTESY_GENDER.get(word) or GENDERED_NOUNS.get(word):
            genders.add(gender)
    words = [word for word in all_tokens(mention.span.text(article)) if title_word(word) not in TITLE_HEADS]
    for word in words[:-1]:  # a given name precedes the surname: a name of one word may be either
        if len(word) > 1:  # an initial ("J. Edgar Hoover") says nothing
            if gender := GIVEN_NAMES.get(word.lower()):
                genders.add(gender)
            break
    return genders


def _own_title_words(role: str | None) -> list[str]:
    """The words of a role that title the name itself: a courtesy title right before the name, else the words
    before a preposition, after which another person may be named ("a spokesman for Mrs. Clinton" of Brian
    Fallon; "spokesman for Mrs." of Clinton, where the parse ran the title on into the next name)."""
    words = [title_word(word) for word in (role or "").split()]
    if words and words[-1] in COURTESY_GENDER:
        return words[-1:]
    return words[:next((i for i, word in enumerate(words) if word in LINKING_PREPOSITIONS), len(words))]
