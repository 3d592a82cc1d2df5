"""How many children a named parent has ("Zurana Horton, 34, a mother of 12", "Horton was the mother of 12
children", "Mother of 13 Zurana Horton"): one quantity of that person whatever the verb, which outlets copy from
different sources and disagree on. Only a parent the words name is read: "a mother of 12" alone may be anyone's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from storyline.compare.figure_words import name_of
from storyline.text.wordlists import words

# What a parent's count of children counts, and a grandparent's ("a grandmother of 12" is no mother of 12).
CHILDREN = "children of a parent"
GRANDCHILDREN = "grandchildren of a grandparent"
KIN_COUNTS = frozenset({CHILDREN, GRANDCHILDREN})
PARENT_NOUNS = words("parent_nouns")
# Nouns of a parent's children ("the father of two boys").
CHILD_NOUNS = frozenset({"child", "kid", "son", "daughter", "boy", "girl", "grandchild", "grandson", "granddaughter"})
PARENT_OF = re.compile(r"\b([a-z]+)\s+of\s+\Z", re.IGNORECASE)


def children_of(tokens: SpacySpan, text: str) -> tuple[str, frozenset[str]] | None:
    """What a number after "mother of", "father of", "grandmother of" ... counts (:data:`CHILDREN` or
    :data:`GRANDCHILDREN`) and the name words of the parent; None for any other number and for a parent the words
    do not name."""
    doc = tokens.doc
    written = PARENT_OF.search(text, max(0, tokens.start_char - 30), tokens.start_char)
    parent = doc.char_span(*written.span(1)) if written else None
    if parent is None or parent[0].lemma_.lower() not in PARENT_NOUNS or not _children_or_nothing_after(tokens):
        return None
    named = _named_parent(parent[0], tokens)
    counted = GRANDCHILDREN if parent[0].lemma_.lower().startswith("grand") else CHILDREN
    return (counted, frozenset(named)) if named else None


def _children_or_nothing_after(number: SpacySpan) -> bool:
    """Whether a number is followed by children, by no noun or by the parent's name ("a mother of 12,", "the father
    of two boys", "Mother of 13 Zurana Horton"), not by other people ("the parents of two Americans killed")."""
    doc = number.doc
    after = doc[number.end] if number.end < len(doc) else None
    return after is None or after.is_punct or after.is_stop or after.lemma_.lower() in CHILD_NOUNS \
        or after.ent_type_ == "PERSON"


def _named_parent(parent: Token, number: SpacySpan) -> set[str]:
    """The name of the person a parent noun is: the name it stands in apposition to ("Horton, a mother of 12"),
    the subject a copula says it of ("Horton was the mother of 12 children"), or the name written right after the
    number ("Mother of 13 Zurana Horton")."""
    while parent.dep_ == "conj" and parent.head is not parent:
        parent = parent.head  # "an Army veteran and the father of two boys"
    if parent.dep_ == "appos":
        return name_of(parent.head)
    if parent.dep_ == "attr":
        subject = next((c for c in parent.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return name_of(subject) if subject is not None else set()
    after = number.doc[number.end] if number.end < len(number.doc) else None
    return name_of(after.head if after.dep_ == "compound" else after) \
        if after is not None and after.ent_type_ == "PERSON" else set()
