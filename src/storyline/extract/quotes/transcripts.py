"""The transcript pass: lines of an interview or a debate as transcripts print them, each paragraph opening with its
speaker's label in capitals and a colon ("SMITH: Why not debate?", "JANE DOE: Because …"), often inside one
quotation running over the paragraphs. Each such line is its speaker's words, as far as the paragraph goes: the
quotation holding several lines is not the words of the last one's speaker, and a line of questions ("Do you think
…?") is its asker's, not a statement of the one it is put to. The label is resolved to the person of that
surname the article names ("SMITH" to "Anna Smith").

An article is read as a transcript only when it has at least two such lines and one of their labels is the
surname of a person it names: a lone "UPDATE:" or "CORRECTION:" heads a note, not a speaker's line.
"""

from __future__ import annotations

import re

from storyline.extract.quotes.drafts import Draft, Drafts

# A label of one to three words in capitals (and the marks within names), after an opening quotation mark at most,
# then a colon and the rest of the paragraph, without the closing mark of a quotation run over the lines.
_LINE = re.compile(r"[ \t]*[\"“]?((?:[A-Z][A-Z.'’-]*[ \t]+){0,2}[A-Z][A-Z.'’-]+):\s+(\S[^\n]*?)[\"”\s]*$",
                   re.MULTILINE)


def find(drafts: Drafts) -> None:
    """Draft each transcript line of the article, if it is a transcript."""
    lines = [match for start, end in drafts.article.paragraphs
             if (match := _LINE.match(drafts.text, start, end)) is not None]
    surnames = _surnames(drafts)
    if len(lines) < drafts.config.transcript_min_lines or not any(_surname(m) in surnames for m in lines):
        return
    labelled = {m.span.text(drafts.article): m.entity_id for m in drafts.mentions if m.entity_id}
    # A label is the surname alone once the line before named the speaker in full ("JANE DOE: …", then "DOE: …").
    said_before: dict[str, str] = {}
    for match in lines:
        label = drafts.doc.char_span(*match.span(1), alignment_mode="expand")
        colon = match.end(1)
        speaker = _speaker(drafts, match, surnames, labelled) or said_before.get(_surname(match))
        if speaker is not None:
            said_before.setdefault(_surname(match), speaker)
        drafts.add(Draft(match.span(2), (colon, colon + 1), label, speaker=speaker, labelled=True))


def _speaker(drafts: Drafts, line: re.Match, surnames: dict[str, str], labelled: dict[str, str]) -> str | None:
    """Who the label stands for: the one person of that surname, else a name inside the label ("JANE" of "JANE
    DOE"), else the entity the same label is elsewhere. Never someone its line names after it ("SMITH: Senator
    Jones, did you …?"), whom a source's usual resolution might take by apposition."""
    if (entity := surnames.get(_surname(line))) is not None:
        return entity
    inside = drafts.speakers_between(*line.span(1))
    return inside[0].entity_id if inside else labelled.get(line.group(1))


def _surname(line: re.Match) -> str:
    return line.group(1).split()[-1].lower()


def _surnames(drafts: Drafts) -> dict[str, str]:
    """The entity of each surname the article's people go by, where one person alone goes by it: the last word of
    every name of two words or more."""
    found: dict[str, set[str]] = {}
    for mention in drafts.mentions:
        words = mention.span.text(drafts.article).split()
        if mention.span.label == "PERSON" and len(words) > 1 and mention.entity_id:
            found.setdefault(words[-1].lower(), set()).add(mention.entity_id)
    return {surname: next(iter(entities)) for surname, entities in found.items() if len(entities) == 1}
