"""Counts of none written in words: "no one was hurt", "nobody was killed", "no injuries were reported", "the fire
caused no deaths". Such a sentence gives a figure, zero people injured or killed, that another outlet's "two people
were injured" disputes. Only what happens to people is read (an outcome of ``HUMAN_OUTCOMES``), and only a plain
none: "no one else", "no serious injuries" or "no one was seriously hurt" leave some people out, and agree with
a count of them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_events import day_by_distance, day_named
from storyline.compare.figure_words import (
    HUMAN_OUTCOMES, OUTCOMES, PERSON, context, participants, predicate_words, sentence_of, times_named, verbs_above,
    words_for,
)
from storyline.compare.number_figures import DEMONSTRATIVES, POSSIBILITY_MODALS
from storyline.model import Article, TimeExpression
from storyline.text.estimates import Range

# Pronouns that say no person ("Nobody was killed").
NOBODY = frozenset({"nobody", "noone"})
# Nouns that, after "no", say no person ("No one was hurt").
NO_PERSON_NOUNS = frozenset({"one", "body"})


def zero_figures(article: Article, doc: Doc, times: list[TimeExpression], config: FigureConfig) -> list[Figure]:
    """The counts of no people hurt, killed, arrested ... that the article writes in words."""
    found = []
    for token in doc:
        happened = _none_of_people(token)
        if happened is None:
            continue
        start = token.i - 1 if token.lower_ not in NOBODY else token.i
        tokens = SpacySpan(doc, start, token.i + 1, label="CARDINAL")
        clause = next(iter(verbs_above(token)), None) if happened is not token else happened.head
        if clause is not None and any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in clause.children):
            continue  # "no one could have survived": a guess, not a report
        if _of_an_event_pointed_back(happened):
            continue
        named, person, holders = participants(token, happened, happened)
        found.append(Figure(
            article.span(tokens.start_char, tokens.end_char, "CARDINAL"), sentence_of(article, tokens),
            article.outlet, 0.0, "COUNT", "", "", "exact", Range(0.0, 0.0), PERSON, predicate_words(happened),
            f"people {words_for(happened, happened)}", context(tokens, config.context_tokens), named,
            times_named(tokens, token, times, article), "",
            day_named(tokens, clause, times) if clause is not None else "", person, holders,
            news_day=clause is not None and day_by_distance(tokens, clause, times)))
    return found


def _none_of_people(token: Token) -> Token | None:
    """The word saying what happened to no one, where ``token`` says no one it happened to: the verb of "no one
    was hurt" and "nobody died", the noun of "no injuries were reported" and "caused no deaths"."""
    if _human_outcome(token) and token.pos_ == "NOUN" and _after_no(token) \
            and not any(c.dep_ in {"amod", "compound", "nummod"} for c in token.children):
        return token
    says_no_one = token.lower_ in NOBODY or (token.lower_ in NO_PERSON_NOUNS and _after_no(token))
    verb = token.head
    if not says_no_one or token.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ != "VERB" \
            or not _human_outcome(verb) or any(c.dep_ in {"advmod", "neg"} for c in (*verb.children, *token.children)):
        return None  # "no one was seriously hurt", "no one else was hurt": some may have been
    return verb


def _of_an_event_pointed_back(happened: Token) -> bool:
    """Whether what happened to no one is said of an event the text named before ("No one was hurt in that fire",
    "No arrests were made in that fire"), which may be an earlier one than the news."""
    return any(child.dep_ == "prep" and any(t.dep_ == "det" and t.lower_ in DEMONSTRATIVES
                                            for o in child.children if o.dep_ == "pobj" for t in o.children)
               for word in {happened, happened.head} for child in word.children)


def _after_no(token: Token) -> bool:
    """Whether "no" determines the token ("no one", "no injuries")."""
    return any(c.dep_ == "det" and c.lower_ == "no" and c.i == token.i - 1 for c in token.children)


def _human_outcome(token: Token) -> bool:
    """Whether the word names something that happens to people (killed, hurt, arrested: ``HUMAN_OUTCOMES``)."""
    return OUTCOMES.get(token.lemma_.lower()) in HUMAN_OUTCOMES
