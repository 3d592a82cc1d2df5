"""What a figure's clause says happened and when: the event a date or a time of day is the day of ("died on
Thursday", "the shooting on 6 December"), the noun an event verb is said of, the day a figure's clause names. Shared
by the readers of :mod:`storyline.compare.figures`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from storyline.compare.figure_words import phrase, predicate_words, words_for
from storyline.model import TimeExpression
from storyline.stories.date_phrases import counted_from_writing, time_of_day_alone
from storyline.text.wordlists import words

# Verbs whose dates are no event's: the day of a statement ("said on Thursday"), or no event at all ("was").
EVENTLESS_VERBS = words("cue_verbs_clause") | {"be", "have", "do"}
EVENT_NOUNS = words("event_nouns")
# Nouns of people, which a date does not date ("voters in 2009"): WordNet's noun.person and noun.group lemmas.
PEOPLE_NOUNS = words("person_nouns") | words("collective_nouns")
# Dependencies by which a number or a date modifies the noun it belongs to ("three dock workers", "the June 24
# killing").
COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
# A day a time expression's value tells: a weekday, or a date with its year.
KNOWN_DAY = re.compile(r"XXXX-WXX-\d|\d{4}-\d{2}-\d{2}")


def dated_event(token: Token) -> Token | None:
    """The event a date is the day of: the verb it attaches to ("died on Thursday", "indicted in 1969", "the
    attack began late on Saturday"), directly or through a preposition, or the noun it modifies ("the June 24
    killing") or takes through "on" or "in" where the noun names an event ("the shooting on 6 December"), or the
    verb of a subject naming people it follows through "in" ("voters in 2009 approved"); None for
    verbs of saying, whose dates are those of a statement, not of the news, for "be",
    "have" and "do", which name no event, and for a verb asked about or supposed (:func:`inverted`)."""
    head = token.head
    for _ in range(3):  # "in the early hours of Sunday": through the time words around the day
        if head.dep_ == "prep" and head.head is not head:
            head = head.head
        if not (head.ent_type_ in {"DATE", "TIME"} and head.dep_ == "pobj"):
            break
        token, head = head, head.head
    if head.pos_ == "NOUN" and token.dep_ in COUNTING_DEPS:
        return head
    if head.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in {"on", "in"} \
            and head.lemma_.lower() in EVENT_NOUNS:
        return head  # "the shooting on 6 December", "his arrest in 2005"
    if head.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "in" and head.dep_ == "nsubj" \
            and head.lemma_.lower() in PEOPLE_NOUNS and head.i < token.i < head.head.i:
        head = head.head  # "Voters in 2009 approved a bond": the parse hangs the year on the voters, not the vote
    if head.pos_ == "VERB" and head.lemma_.lower() not in EVENTLESS_VERBS and not inverted(head):
        return head
    return None


def event_above_noun(token: Token, hops: int) -> Token | None:
    """The event a date written "in" a year or a month is of, where the parse hangs it on a noun that names no
    event: the event noun or the verb that noun is an argument of, up the prepositions and objects between
    ("sold one of their oil fields for $30 million in 1957": no year dates the "million", the sale is of 1957;
    "the murder of a judge in 2005"), climbing at most ``hops`` heads. None where the words above name no event (a
    verb of saying, "be")."""
    if token.dep_ != "pobj" or token.head.lower_ != "in" or token.head.head.pos_ not in {"NOUN", "PROPN", "NUM"}:
        return None
    node = token.head.head
    for _ in range(hops):
        if node.dep_ not in {"pobj", "prep", "dobj", "nsubjpass"} or node.head is node:
            return None
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in EVENT_NOUNS:
            return node
        if node.pos_ == "VERB":
            return node if node.lemma_.lower() not in EVENTLESS_VERBS and not inverted(node) else None
    return None


def inverted(verb: Token) -> bool:
    """Whether a verb's clause puts an auxiliary before its subject: a question ("how many kids did you kill
    today", chanted at a march) or a supposition ("had he known on Monday"), which reports no event on that day."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and any(c.dep_ in {"aux", "auxpass"} and c.i < subject.i for c in verb.children)


def subject_of(event: Token) -> Token | None:
    """The noun an event verb is said of: "attack" in "the attack began" and in "the attack, which began"."""
    if event.dep_ == "relcl" and event.head.pos_ == "NOUN" \
            and any(c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ == "WDT" for c in event.children):
        return event.head
    return next((c for c in event.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"), None)


def event_words(event: Token) -> tuple[str, str, str]:
    """What a date or time is of, as a figure's counted, predicate and what: ("attack begin", "begin", "attack
    began") for "the attack began late on Saturday"; ("killing", "killing", "killing") for "the June 24 killing"."""
    return (phrase(event) if event.pos_ == "NOUN" else verb_arguments(event), predicate_words(event),
            words_for(subject_of(event), event))


def day_named(tokens: SpacySpan, event: Token, times: list[TimeExpression]) -> str:
    """The day a figure's clause names, as its value without the time ("XXXX-WXX-5" for "at 8.49pm on Friday
    night", "86 arrests over the course of Saturday's protests"; "2008-12-19"): a date of the figure's sentence
    that hangs from the same verb. A time of day alone ("tied the game with 6:00 remaining", "at 3 p.m.") names no
    day: resolved against a publication date it would be that date, which a report of the same moment published
    the day after would not share."""
    time = _day_expression(tokens, event, times)
    if time is not None and time_of_day_alone(tokens.doc.text[time.span.start : time.span.end]):
        return ""
    day = time.value.partition("T")[0] if time is not None else ""
    return day if KNOWN_DAY.fullmatch(day) else ""


def day_by_distance(tokens: SpacySpan, event: Token, times: list[TimeExpression]) -> bool:
    """Whether the day a figure's clause names is named only by its distance from the day of writing ("injured
    yesterday", "arrested last night"): the news's own day, as a report naming no day means it too. Resolved
    against a publication date it is a date, which a report naming none must not be set apart from (undated, it
    stays unresolved and is no day at all)."""
    time = _day_expression(tokens, event, times)
    return time is not None and counted_from_writing(tokens.doc.text[time.span.start : time.span.end])


def _day_expression(tokens: SpacySpan, event: Token, times: list[TimeExpression]) -> TimeExpression | None:
    """The time expression of a figure's sentence that hangs from the same verb, if any."""
    doc = tokens.doc
    for time in times:
        if not (tokens.sent.start_char <= time.span.start < tokens.sent.end_char):
            continue
        written = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if written is not None and (written.root == event or event in written.root.ancestors) \
                and next((t for t in written.root.ancestors if t.pos_ in {"VERB", "AUX"}), event) == event:
            return time
    return None


def verb_arguments(verb: Token) -> str:
    """The verb's lemma with its subject's and object's: "attack begin", "Felt die"."""
    arguments = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.pos_ in {"NOUN", "PROPN"}]
    return " ".join([*(a.lemma_.lower() for a in arguments), verb.lemma_.lower()])
