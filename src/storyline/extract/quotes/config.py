"""The thresholds and windows of attribution extraction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteConfig:
    # By hand: how far back (in characters, about three paragraphs) a pronoun or a role noun looks for the
    # mention it stands for.
    antecedent_window: int = 1500
    # By hand: a quotation with no cue carries on an attribution that ends at most this many sentences before it.
    continuation_sentences: int = 1
    # By hand: no name is longer than this many characters, so a token looks no further back for the mention
    # it lies in.
    longest_name: int = 200
    # By hand: "Name: what they said" needs at least this many words after the colon ("Sanders: No" is a label).
    headline_min_words: int = 2
    # By hand: an article is a transcript when at least this many paragraphs open with a label in capitals and a
    # colon ("SMITH: …"); one alone is a note ("UPDATE: …").
    transcript_min_lines: int = 2
    # By hand: a clause a parenthetical cue interrupts ("The economy, he said, is weak") has at least this many
    # words; fewer are an aside.
    parenthetical_min_words: int = 3
    # By hand: a cue after a quotation is its speech tag when at most this many words stand between them, the
    # speaker's phrase ("…,” Evansville coach Marty Simmons said").
    speech_tag_words: int = 6
    # By hand: a name with its titles and a party tag in brackets before an aside set off by commas ("House
    # Resources Committee Chairman Nick Lee II (D - W. Va.), who …, said") has at most this many words and marks.
    aside_name_words: int = 16
    # By hand: how many clauses up "adding …", "and added …" climb to find the subject of the verb they hang on.
    subject_hops: int = 4
    # By hand: how many times a pronoun follows the same pronoun back ("he said … he rode … he said") to the
    # subject it stands for.
    pronoun_chain: int = 3


CONFIG = QuoteConfig()
