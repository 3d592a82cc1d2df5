"""Clock abbreviations written apart, as detokenised scraped text has them ("after 2 p. m.", "at 10:30 a. m."): each
becomes one token that the model sees as "a.m." or "p.m.".

spaCy reads "p." and "m." as two initials, so the model finds no time in "2 p. m." and runs the sentence on into
the next. As with clitics written apart (:mod:`storyline.parse.clitics`), the two tokens are merged into one whose
lexeme carries the features the model reads (norm, prefix, suffix, shape) of the abbreviation written whole; the
text and its offsets stay as they were.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "spaced_meridiems"
# The abbreviation written apart, in the cases news writes it, and as written whole.
MERIDIEMS = {f"{letter}. {m}.": f"{letter.lower()}.m." for letter, m in (("a", "m"), ("p", "m"), ("A", "M"),
                                                                             ("P", "M"))}
CLOCK = re.compile(r"\d{1,2}(?:[:.]\d{2})?")


def teach(nlp: Language) -> None:
    """Give each abbreviation written apart the lexical features of the abbreviation written whole."""
    for apart, whole in MERIDIEMS.items():
        model, lexeme = nlp.vocab[whole], nlp.vocab[apart]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = model.norm_, model.prefix_, model.suffix_, \
            model.shape_
        lexeme.is_punct = False


@Language.component(COMPONENT)
def spaced_meridiems(doc: Doc) -> Doc:
    """Merge "a." or "p." and "m." written apart after a clock time ("2 p. m.") into one token."""
    merges = [token.i for token in doc[1:-1]
              if token.text + token.whitespace_ + doc[token.i + 1].text in MERIDIEMS and token.whitespace_ == " "
              and CLOCK.fullmatch(doc[token.i - 1].text)]
    if merges:
        with doc.retokenize() as retokenizer:
            for start in merges:
                retokenizer.merge(doc[start:start + 2])
    return doc
