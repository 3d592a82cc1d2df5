"""Figures of other events than the story's own, and counts a report gives as revised since an earlier one.

A sports report's round-up ("Elsewhere, ...", "In other games, ...") and a clause naming another occasion of the
story's kind ("seized 40 rifles in a separate raid", "killed in an earlier attack") give figures of other events:
no outlet's figure of the story's own event disputes them (:func:`of_another_event`). A toll written as grown to
its value ("the death toll rose to seven"), or one of deaths in a report that says a victim died later, may be
higher than an outlet's that wrote earlier without either being wrong (:func:`revised`). A figure of a claim
someone denies ("the army denied it had killed 15 civilians") is the claim's, given by no one: no outlet's figure
disputes it (:func:`denied`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure import Figure
from storyline.compare.figure_events import EVENT_NOUNS
from storyline.compare.figure_words import outcome
from storyline.model import Article
from storyline.text.wordlists import words

OTHER_OCCASION_MODIFIERS = words("other_occasion_modifiers")
ELSEWHERE_OPENERS = re.compile(
    r"^\W*(?:" + "|".join(re.escape(p) for p in sorted(words("elsewhere_openers"), key=len, reverse=True)) + r")\b",
    re.I)
REVISION_VERBS = words("revision_verbs")
DENIAL_VERBS = words("denial_verbs")
# Verbs whose clause is what someone says: the nearest such verb above a figure decides whose word it is.
SAYING_VERBS = words("cue_verbs_clause") - DENIAL_VERBS
LATER_DEATHS = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(words("later_death_phrases"))) + r")\b",
                          re.I)
# The arguments of a verb or noun through which a clause names the event it tells of: "in a separate raid", "a
# separate raid netted 40 rifles".
EVENT_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# How a verb of denying takes what it denies: a clause ("denied it had killed 15"), or a noun of the claim with its
# clause ("rejected claims that 300 soldiers had died").
DENIED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pcomp"})
# How many heads up from a figure's number its clause's verb is looked for.
CLAUSE_HOPS = 4


def figure_tokens(doc: Doc, figure: Figure) -> SpacySpan | None:
    """The tokens of a figure's own words in the parse."""
    return doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand")


def of_another_event(doc: Doc, figure: Figure) -> bool:
    """Whether a figure is of another event than the one its report tells: its sentence turns to other events
    ("Elsewhere, the Lakers scored 95 points"), it is of a claim someone denies, or its clause names another
    occasion ("in a separate raid")."""
    tokens = figure_tokens(doc, figure)
    if tokens is None or not len(tokens):
        return False
    if ELSEWHERE_OPENERS.match(tokens.sent.text) or denied(tokens[0]):
        return True
    words = _up_to_clause(tokens[0])
    return any(_names_another_occasion(token, words) for token in words)


def denied(token: Token) -> bool:
    """Whether a figure's word is in a claim someone denies ("denied it had killed 15 civilians", "rejected claims
    that 300 soldiers had died"): the nearest verb of denying or saying above it is one of denying, and the figure
    is in a clause that verb takes as what is denied. Not in a clause timing the denial ("denied it until coming
    forward in 2005"), nor a figure of the verb's own object ("one juror was dismissed"): no clause between."""
    below, clause_between = token, False
    for head in token.ancestors:
        lemma = head.lemma_.lower()
        if lemma in DENIAL_VERBS and (head.pos_ == "VERB" or lemma == "denial"):
            return clause_between and below.dep_ in DENIED_DEPS
        if lemma in SAYING_VERBS:
            return False
        clause_between = clause_between or head.pos_ in {"VERB", "AUX"}
        below = head
    return False


def _up_to_clause(token: Token) -> list[Token]:
    """The token and its heads up to and including the first verb: the words its clause says it of."""
    found = [token]
    while len(found) <= CLAUSE_HOPS and found[-1].head is not found[-1] and found[-1].pos_ not in {"VERB", "AUX"}:
        found.append(found[-1].head)
    return found


def _names_another_occasion(token: Token, figure_words: list[Token]) -> bool:
    """Whether a word takes an event noun modified as another occasion: "in a separate raid", "an earlier attack";
    not the figure's own noun ("two separate demonstrations", "four prior arrests" count those occasions)."""
    for child in (c for c in token.children if c not in figure_words):
        nouns = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else \
            [child] if child.dep_ in EVENT_ARGUMENT_DEPS else []
        if any(_another_occasion(noun) for noun in nouns):
            return True
    return False


def _another_occasion(noun: Token) -> bool:
    return noun.lemma_.lower() in EVENT_NOUNS and any(
        m.dep_ in {"amod", "det"} and m.lower_ in OTHER_OCCASION_MODIFIERS for m in noun.children)


def revised(article: Article, doc: Doc, figure: Figure) -> bool:
    """Whether a count is given as revised up since an earlier one: grown to its value ("the toll rose to seven",
    "has climbed to 12 dead"), or a count of deaths in a report that says a victim died later ("a second man later
    died in hospital")."""
    if figure.kind != "COUNT":
        return False
    if outcome(figure.predicate) == "death" and LATER_DEATHS.search(article.text):
        return True
    tokens = figure_tokens(doc, figure)
    return tokens is not None and len(tokens) > 0 and any(_grown_to(token) for token in _up_to_clause(tokens[0]))


def _grown_to(token: Token) -> bool:
    """Whether a word is what a verb of growth grew to: "rose to seven", "reached 12"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to":
        return head.head.lemma_.lower() in REVISION_VERBS
    return token.dep_ == "dobj" and head.lemma_.lower() == "reach"
