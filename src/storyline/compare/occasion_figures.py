"""Which time a holder does a thing, as a figure of the holder's doings: "Klitschko's sixth defense of the belt",
"Klitschko retained his title for the fifth time" (both count his defences of it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_words import HOLDER_LABELS, context, name_of, sentence_of
from storyline.compare.series_figures import ORDINAL_FIGURE, ORDINAL_WORDS
from storyline.model import Article
from storyline.text.estimates import Range
from storyline.text.wordlists import pairs, words

OCCASION_WORDS = pairs("occasion_words")
RUN_WORDS = words("run_words")
STRETCH_PREPOSITIONS = words("stretch_prepositions")
# Entity labels of the dates a stretch is named by ("since 2005", "this year", "of the season").
WINDOW_LABELS = frozenset({"DATE", "TIME"})


def occasion_figures(article: Article, doc: Doc, config: FigureConfig) -> list[Figure]:
    """Each ordinal that counts a named holder's doings of one kind: before a noun of the doing ("Klitschko's
    sixth defense of the belt") or in "for the Nth time" after its verb ("Klitschko retained his title for the
    fifth time"). Its value the ordinal, its dimension the doing ("defence"), its holders the name words of the
    doer and its names those of what the doing is of ("the IBF belt", "the International Boxing Federation
    title", with the initials of a name of several words). Not a count of a run ("his 10th straight win") or over
    a stretch ("third this year", "for the first time since 2005"), nor one whose doer is a pronoun or no name."""
    found = []
    for token in doc:
        value = _ordinal(token)
        parts = _doing(token) if value is not None and token.dep_ == "amod" else None
        if parts is None:
            continue
        doing, doer, thing = parts
        kind = OCCASION_WORDS.get(doing.lemma_.lower())
        holders = _holder_names(doer)
        if kind is None or not holders or _over_a_stretch(token, token.head, doing):
            continue
        span = doc[min(token.i, token.head.i):max(token.i, token.head.i) + 1]
        found.append(Figure(article.span(span.start_char, span.end_char, "OCCASION"), sentence_of(article, span),
                            article.outlet, float(value), "OCCASION", "", kind, "exact", Range(value, value), kind,
                            kind, f"which {kind}", context(span, config.context_tokens),
                            _thing_names(thing), holders=holders, person=True))
    return found


def _doing(ordinal: Token) -> tuple[Token, Token | None, Token | None] | None:
    """The doing an ordinal counts, its doer and what it is of: the verb of "retained his title for the fifth time",
    its subject and object; the noun of "Klitschko's sixth defense of the belt", its owner and what it is "of"."""
    noun = ordinal.head
    if noun.lemma_.lower() == "time" and noun.dep_ == "pobj" and noun.head.lower_ == "for" \
            and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
        return verb, _subject(verb), next((c for c in verb.children if c.dep_ == "dobj"), None)
    if noun.pos_ != "NOUN":
        return None
    return noun, next((c for c in noun.children if c.dep_ == "poss"), None), next(
        (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
        None)


def _ordinal(token: Token) -> int | None:
    """The number an ordinal writes ("sixth", "6th"), None for other words."""
    if token.lower_ in ORDINAL_WORDS:
        return ORDINAL_WORDS[token.lower_]
    match = ORDINAL_FIGURE.fullmatch(token.lower_)
    return int(match.group(1)) if match else None


def _subject(verb: Token) -> Token | None:
    """The active subject of a verb, the doer of "Klitschko retained his title"."""
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _holder_names(doer: Token | None) -> frozenset[str]:
    """The name words of the doer, if it is named (a person, an organisation or a people)."""
    if doer is None or doer.ent_type_ not in HOLDER_LABELS:
        return frozenset()
    return frozenset(name_of(doer))


def _thing_names(thing: Token | None) -> frozenset[str]:
    """The name words of what the doing is of, and the initials of a name of several words: "the International
    Boxing Federation title" is also the "IBF" one."""
    if thing is None:
        return frozenset()
    named = [t for t in thing.subtree if t.i <= thing.i and t.ent_type_ and t.pos_ == "PROPN"]
    found = {t.lower_ for t in named}
    if len(named) > 1:
        found.add("".join(t.lower_[0] for t in named))
    return frozenset(found)


def _over_a_stretch(ordinal: Token, noun: Token, doing: Token) -> bool:
    """Whether the count is of a run or over a stretch the outlet picks: a run word beside the ordinal ("10th
    straight"), or a date hanging from the ordinal, its noun or its verb that is a span ("since 2005", "of the
    season", "this year"), not the day of the doing ("on Saturday", "Saturday")."""
    if any(c.lower_ in RUN_WORDS for c in (*ordinal.children, *noun.children)):
        return True
    return any(_stretch(c) for t in {ordinal, noun, doing} for c in t.children)


def _stretch(dependent: Token) -> bool:
    """Whether a dependent names a span of time: a date after a preposition of a span, or one with a determiner
    ("this year", "last season")."""
    dated = any(t.ent_type_ in WINDOW_LABELS for t in dependent.subtree)
    if dependent.dep_ == "prep":
        return dated and dependent.lower_ in STRETCH_PREPOSITIONS
    return dated and dependent.dep_ == "npadvmod" and any(c.dep_ == "det" for c in dependent.children)
