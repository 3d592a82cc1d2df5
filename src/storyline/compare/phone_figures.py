"""Phone numbers as figures: the number a text gives to reach someone ("asked to call police on 0845 125 2222"). An
outlet that drops or changes a digit gives its readers a number that reaches no one, a disagreement an editor wants
to see; which numbers are one is told by their digits (:func:`storyline.compare.conflicts.same_quantity`) and by
whom the text says they reach.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_words import context, sentence_of
from storyline.model import Article
from storyline.text.estimates import Range
from storyline.text.wordlists import words

# Digits in groups, as phone numbers are written ("0845 125 2222", "800-800-3855", "+44 (0)20 7946 0000"), not
# joined to a word, or to other digits by a comma ("1,000") or a point.
PHONE_NUMBER = re.compile(r"(?<![\w.+-])(?<!\d,)\+?\(?\d[\d ().-]{5,}\d(?!\w|[.,]\d)")
# How many digits a phone number has, with or without its country and area codes (ITU-T E.164 allows 15).
MIN_DIGITS, MAX_DIGITS = 7, 15
CONTACT_WORDS = words("contact_words")
# How many words before the number the word of contacting may stand ("asked to call Palmer Police Sergeant Shayne
# La Croix at"): the first of them within this reach opens the words naming whom it reaches.
CONTACT_REACH = 10
# Two years written as a span ("1999-2003"), not a number to call.
YEARS = re.compile(r"(?:1[89]|20)\d\d ?[-–] ?(?:1[89]|20)\d\d")
# The words between the word of contacting and the number that name whom it reaches ("Surrey Police", not
# "anonymously" or "on").
PARTY_POS = frozenset({"NOUN", "PROPN"})


def phone_figures(article: Article, doc: Doc, config: FigureConfig) -> list[Figure]:
    """The phone numbers the article gives, each a figure of whom its sentence says it reaches."""
    found = []
    previous = None  # the number before, whose word of contacting a number listed after it shares
    for match in PHONE_NUMBER.finditer(article.text):
        digits = re.sub(r"\D", "", match.group())
        tokens = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or tokens is None or YEARS.fullmatch(match.group()):
            continue
        listed = previous is not None and previous.sent == tokens.sent  # "call police on …, or Crimestoppers on …"
        near = doc[max(tokens.sent.start, tokens.start - CONTACT_REACH) : tokens.start]
        contact = next((t for t in near if t.lower_ in CONTACT_WORDS), None)
        if contact is None and not listed:
            continue
        between = doc[previous.end if listed else contact.i + 1 : tokens.start]
        previous = tokens
        # "contact them on": whom a pronoun stands for the sentence does not say, and the number is of no one named
        party = [] if any(t.pos_ == "PRON" for t in between) else \
            [t for t in between if t.pos_ in PARTY_POS and not t.is_stop]
        named = frozenset(t.lower_.rstrip(".") for t in party)
        written = " ".join(match.group().split())
        what = f"phone number of {' '.join(t.text for t in party)}" if party else "phone number"
        found.append(Figure(article.span(match.start(), match.end(), "PHONE"), sentence_of(article, tokens),
                            article.outlet, float(digits), "PHONE", written, "phone", "exact",
                            Range(float(digits), float(digits)), " ".join(sorted(named)) or "phone", "", what,
                            context(tokens, config.context_tokens), named))
    return found
