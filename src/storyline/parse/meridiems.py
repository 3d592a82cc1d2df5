"""Clock times written apart, as detokenised scraped text has them: the abbreviation ("after 2 p. m.", "at 10:30
a. m.") becomes one token that the model sees as "a.m." or "p.m.", and a clock with a space after its colon ("at 8:
00 am", "stopped at 2: 56") one token that it sees as "8:00".

spaCy reads "p." and "m." as two initials, so the model finds no time in "2 p. m." and runs the sentence on into
the next; "8: 00" is three tokens, and the parser starts a new sentence after them ("am local time (0300 GMT) on
Sunday ..." as a sentence of its own). As with clitics written apart (:mod:`storyline.parse.clitics`), the tokens
are merged into one whose lexeme carries the features the model reads (norm, prefix, suffix, shape) of the time
written whole; the text and its offsets stay as they were.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "spaced_meridiems"
# The abbreviation written apart, in the cases news writes it, and as written whole.
MERIDIEMS = {f"{letter}. {m}.": f"{letter.lower()}.m." for letter, m in (("a", "m"), ("p", "m"), ("A", "M"),
                                                                             ("P", "M"))}
CLOCK = re.compile(r"\d{1,2}(?:[:.] ?\d{2})?")
HOUR = re.compile(r"[01]?\d|2[0-4]")
MINUTE = re.compile(r"[0-5]\d")


def teach(nlp: Language) -> None:
    """Give each abbreviation written apart the lexical features of the abbreviation written whole."""
    for apart, whole in MERIDIEMS.items():
        model, lexeme = nlp.vocab[whole], nlp.vocab[apart]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = model.norm_, model.prefix_, model.suffix_, \
            model.shape_
        lexeme.is_punct = False


@Language.component(COMPONENT)
def spaced_meridiems(doc: Doc) -> Doc:
    """Merge a clock written with a space after its colon ("8: 00") into one token, then "a." or "p." and "m."
    written apart after a clock time ("2 p. m.")."""
    clocks = [token for token in doc[:-2] if _spaced_clock(token)]
    for hour in clocks:
        _teach_clock(hour)
    _merge(doc, [hour.i for hour in clocks], 3)
    _merge(doc, [token.i for token in doc[1:-1]
                 if token.text + token.whitespace_ + doc[token.i + 1].text in MERIDIEMS and token.whitespace_ == " "
                 and CLOCK.fullmatch(doc[token.i - 1].text)], 2)
    return doc


def _spaced_clock(hour: Token) -> bool:
    """Whether ``hour`` opens a clock written "8: 00": an hour, a colon straight after it, one space, two digits
    of minutes."""
    colon, minute = hour.nbor(1), hour.nbor(2)
    return bool(HOUR.fullmatch(hour.text) and not hour.whitespace_ and colon.text == ":"
                and colon.whitespace_ == " " and MINUTE.fullmatch(minute.text))


def _teach_clock(hour: Token) -> None:
    """Give the lexeme of the clock written apart ("8: 00") the features of the clock written whole ("8:00")."""
    minute = hour.nbor(2).text
    whole, apart = hour.vocab[f"{hour.text}:{minute}"], hour.vocab[f"{hour.text}: {minute}"]
    apart.norm_, apart.prefix_, apart.suffix_, apart.shape_ = whole.norm_, whole.prefix_, whole.suffix_, whole.shape_
    apart.is_punct = False


def _merge(doc: Doc, starts: list[int], length: int) -> None:
    if starts:
        with doc.retokenize() as retokenizer:
            for start in starts:
                retokenizer.merge(doc[start:start + length])
