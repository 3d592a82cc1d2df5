"""The headline pass: a line that opens with a speaker's name and a colon quotes them ("Lopez: Tax cuts will not
pass"), and so does one that opens with a poll or a report ("Poll: …"); a place there is where the story is
("Paris: Jewels stolen in raid"), not who speaks, a heading of a contest ("Smith vs Jones Results: …") is about
its sides, and words that speak of the name ("Jan Novak: Fugitive Banker Caught", "Lopez: The One Thing He
Fears") describe that person rather than quote them."""

from __future__ import annotations

import re

from storyline.extract.quotes.cues import REPORTING_NOUNS, lemma
from storyline.extract.quotes.drafts import Draft, Drafts
from storyline.extract.quotes.speakers import PERSON_NOUNS
from storyline.parse.labels import PLACE_LABELS
from storyline.text.wordlists import words

VERSUS_WORDS = words("versus_words")
# Pronouns by which a headline's words speak of the person named before its colon, and those by which the person
# speaks.
THIRD_PERSON = frozenset({"he", "she", "him", "his", "her"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# A headline's epithet opens its words: at most this many of them, and no determiner before its noun.
EPITHET_WORDS = 3
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "no", "his", "her", "its", "their", "some"})
# The endings of a headline's verb in the present or the past ("Dies", "Escaped", "Is").
VERB_ENDINGS = ("s", "ed")

# A short name before a colon, then the rest of the line: "Clinton to Planned Parenthood: Trump will …".
_HEADLINE = re.compile(r"[ \t]*((?:[^\s:]+[ \t]+){0,5}[^\s:]+):[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)


def find(drafts: Drafts, paragraph: tuple[int, int]) -> None:
    """Draft the attribution of a paragraph that is such a line."""
    match = _HEADLINE.match(drafts.text, *paragraph)
    if match is None or len(match.group(2).split()) < drafts.config.headline_min_words:
        return
    named = drafts.tokens(match.span(1))
    if any(t.pos_ in ("VERB", "AUX") for t in named):
        return  # "Schumer tweeted:" introduces a quotation the other passes attribute
    if any(t.lower_ in VERSUS_WORDS for t in named):
        return  # "Smith vs Jones: …" heads a report of a contest
    if match.group(1).count("(") > match.group(1).count(")"):
        return  # "Microsoft (NSDQ: MSFT) issued …": a colon inside brackets ends no heading
    speakers = [m for m in drafts.speakers_between(*match.span(1)) if m.span.label not in PLACE_LABELS]
    if speakers and _describes(drafts, match.span(2)):
        return
    if speakers:
        source = drafts.doc.char_span(speakers[0].span.start, speakers[0].span.end, alignment_mode="expand")
    elif len(named) == 1 and lemma(named[0]) in REPORTING_NOUNS:
        source = drafts.doc[named[0].i : named[0].i + 1]  # "Poll: Trump leads in Ohio"
    else:
        return
    colon = match.end(1)
    drafts.add(Draft(drafts.snap_to_quotes(match.span(2)), (colon, colon + 1), source))


def _describes(drafts: Drafts, words: tuple[int, int]) -> bool:
    """Whether the words after a name's colon speak of that person rather than for them: with no quotation mark
    and no "I" or "we" (which would make them speech), a "he" or "she" before anyone else is named ("The One
    Thing He Fears"), or a bare noun for a person opening them as the subject of a verb, an epithet of the name
    ("Fugitive Banker Caught", "Technicolor Star Dies"). Read from the words: the parse of a headline's capitalised
    words is too poor to tell nouns from verbs."""
    tokens = [t for t in drafts.tokens(words) if not t.is_space]
    if any(t.is_quote for t in tokens) or any(t.lower_ in FIRST_PERSON for t in tokens):
        return False
    for token in tokens:
        if (mention := drafts.mention_at(token)) is not None and mention.span.label == "PERSON":
            break  # someone else is named first: a pronoun after it may stand for them
        if token.lower_ in THIRD_PERSON:
            return True
    lead = tokens[:EPITHET_WORDS + 1]
    for token, after in zip(lead, lead[1:]):
        if token.lower_ in DETERMINERS or token.is_punct:
            return False
        if token.lower_ in PERSON_NOUNS and after.lower_.endswith(VERB_ENDINGS):
            return True
    return False
