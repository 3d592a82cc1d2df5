"""The headline pass: a line that opens with a speaker's name and a colon quotes them ("Lopez: Tax cuts will not
pass"), and so does one that opens with a poll or a report ("Poll: …"); a place there is where the story is
("Paris: Jewels stolen in raid"), not who speaks, and a heading of a contest ("Smith vs Jones Results: …") is about
its sides."""

from __future__ import annotations

import re

from storyline.extract.quotes.cues import REPORTING_NOUNS, lemma
from storyline.extract.quotes.drafts import Draft, Drafts
from storyline.parse.labels import PLACE_LABELS
from storyline.text.wordlists import words

VERSUS_WORDS = words("versus_words")

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
    speakers = [m for m in drafts.speakers_between(*match.span(1)) if m.span.label not in PLACE_LABELS]
    if speakers:
        source = drafts.doc.char_span(speakers[0].span.start, speakers[0].span.end, alignment_mode="expand")
    elif len(named) == 1 and lemma(named[0]) in REPORTING_NOUNS:
        source = drafts.doc[named[0].i : named[0].i + 1]  # "Poll: Trump leads in Ohio"
    else:
        return
    colon = match.end(1)
    drafts.add(Draft(drafts.snap_to_quotes(match.span(2)), (colon, colon + 1), source))
