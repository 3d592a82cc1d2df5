"""Quotations inside reported speech: the words in quotation marks are those of whoever the report says spoke them.

"A police spokesman said that she told detectives she could not see “from where I stood”" reports the spokesman,
but quotes her; "Witnesses said the crowd chanted “…”" quotes the crowd. A quotation that ends the content of an
indirect attribution and hangs, within that content, on a verb of saying with a subject of its own becomes an
attribution of that verb and subject; the report keeps the words before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.quotes.cues import CLAUSE_CUES, lemma
from storyline.extract.quotes.drafts import SPEAKER_TYPES, Draft, Drafts
from storyline.extract.quotes.kinds import SPEECH, of_cue, with_quotation
from storyline.extract.quotes.speakers import PERSON_NOUNS

PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})


def split_off(drafts: Drafts) -> None:
    """Give each quotation ending an indirect attribution's content to the verb of saying it hangs on inside it."""
    for draft in list(drafts.found):
        if draft.cue is None or drafts.opens_with_quote(draft.content):
            continue
        quotes = drafts.quotes_starting_within(draft.content)
        if not quotes or drafts.text[quotes[-1][1] : draft.content[1]].strip(" .,;"):
            continue
        quote = quotes[-1]
        cue = _speaking_verb(drafts, draft, quote)
        source = cue and drafts.subject(cue)
        # The subject is the report's own words, not a word of the quotation or the reporter's, and a person or a
        # body: not "said the figures showed that “…”", nor a relative "that" or "anything".
        if source is None or source.start_char < draft.content[0] or drafts.in_quote(source.start_char) \
                or not _someone(drafts, source.root):
            continue
        drafts.set_content(draft, (draft.content[0], drafts.lead_in_end(quote[0])))
        drafts.add(Draft(quote, (cue.idx, cue.idx + len(cue)), source, kind=with_quotation(of_cue(cue))))


def _speaking_verb(drafts: Drafts, draft: Draft, quote: tuple[int, int]) -> Token | None:
    """The nearest verb of saying above the quotation within the content, before it, outside it, reached through
    verbs alone: a quotation in a noun's phrase ("agreed to help only on a term meaning that “…”") is not what the
    verb above that noun says."""
    inside = drafts.tokens(quote)
    hanging = [t.head for t in inside if not quote[0] <= t.head.idx < quote[1]]
    if not hanging:
        return None
    for verb in [hanging[0], *hanging[0].ancestors]:
        # Within the content, not the report's own cue set inside it ("In short, she said, “…”").
        if not draft.content[0] <= verb.idx < quote[0] or verb.idx == draft.cue[0]:
            return None
        if verb.pos_ == "VERB" and lemma(verb) in CLAUSE_CUES and of_cue(verb) == SPEECH:
            return verb
        if verb.pos_ not in ("VERB", "AUX"):
            return None
    return None


def _someone(drafts: Drafts, head: Token) -> bool:
    """A name of a person or a body, "he", "she" or "they", or a noun for a person ("the marchers")."""
    mention = drafts.mention_at(head)
    if mention is not None:
        return mention.span.label in SPEAKER_TYPES
    return head.lower_ in PERSONAL_PRONOUNS or head.pos_ == "NOUN" and lemma(head) in PERSON_NOUNS
