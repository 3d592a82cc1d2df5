"""Sentences the parser ran together: where no full stop ends one, the parse makes one sentence of two, as when a
headline or a photo caption runs into the text ("… remaining from the Matanuska Colony The warehouse, one of …")
or a full stop was read as an abbreviation's ("… at about 3:30 p.m. What he didn't know …").
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan, Token

from storyline.parse.labels import NAME_LABELS

# Parts of speech of a capitalised word that opens a sentence: "The", "When", "He", "Four", "On July 1", "Numerous".
# A noun or name is left out: inside a sentence it is capitalised for itself ("an SUV", "Internet routes").
OPENING_POS = frozenset({"DET", "PRON", "SCONJ", "NUM", "ADV", "ADP", "ADJ", "AUX"})
# Parts of speech of a word that wants what follows it, so that no sentence ends after it: "the", "at", "and",
# "when", "was", "to", "told [The News]".
CONTINUED_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "VERB"})
# Tags of such words among pronouns: a possessive ("its") and a relative pronoun ("which [The News] has not shown").
WANTING_TAGS = frozenset({"PRP$", "WDT", "WP", "WP$"})
# Words more than 60% of which are capitalised are a headline's ("Colts Clinch Playoff Berth With Win").
TITLE_CASE_SHARE = 0.6


def title_case(words_on: DocSpan) -> bool:
    """Whether most words of a run are capitalised, as in a headline: there capitals open no sentence."""
    words = [t for t in words_on if t.is_alpha]
    return sum(t.text[0].isupper() for t in words) > TITLE_CASE_SHARE * len(words)


def opens_sentence(token: Token, sentence: DocSpan) -> bool:
    """Whether a sentence starts at this word though nothing ends the one before it: a capitalised word of a kind
    that opens sentences, not part of a name, right after a word that does not want it ("the Waitrose store",
    "Greek Media" and "the television series The FBI" go on)."""
    if token.i == sentence.start or not could_open(token):
        return False
    before = token.doc[token.i - 1]
    if before.is_punct or before.is_space or (token.pos_ == "PRON" and before.text[0].isupper()):
        return False  # after a stop, or a pronoun in a name: "the Fix It tool"
    if title_case(token.doc[token.i:sentence.end]):
        return False  # inside a headline ("… Wins in Six"); a sentence may open right after one
    if token.pos_ == "NUM":
        # A number in words is capitalised inside a sentence only in a name ("the Big Four", "the Four Seasons"):
        # "… before setting the car ablaze Four men rammed …" opens a sentence whatever the word before.
        return before.pos_ not in {"DET", "PROPN"}
    names_next = token.pos_ == "DET" and token.head.pos_ == "PROPN" and before.pos_ == "NOUN"  # "series The FBI"
    return not wants_next(before) and not names_next


def could_open(token: Token) -> bool:
    """Whether a word may open a sentence by its own form: capitalised, of an opening part of speech, in no name,
    and not in capitals for emphasis or an acronym ("this awful season LAST YEAR")."""
    if not (token.is_alpha and token.text[0].isupper()) or token.text == "I" or (token.is_upper and len(token) > 1):
        return False
    return token.pos_ in OPENING_POS and token.ent_type_ not in NAME_LABELS


def wants_next(before: Token) -> bool:
    """Whether a word wants what follows it, so that no sentence ends after it ("the", "at", "its", "told")."""
    attributive = before.pos_ == "ADJ" and before.dep_ == "amod"
    return before.pos_ in CONTINUED_POS or before.tag_ in WANTING_TAGS or attributive


def sentence_of(tokens: DocSpan, quotations: list[tuple[int, int]]) -> tuple[int, int]:
    """``(start, end)`` of the one sentence holding ``tokens``: their parse sentence, cut where another sentence
    opens without a full stop (outside quotation marks: a quoted slogan's "Rise Up" is no sentence start)."""
    sentence = tokens.sent
    start, end = sentence.start_char, sentence.end_char
    for token in sentence:
        if tokens.start_char < token.idx < tokens.end_char or not opens_sentence(token, sentence) \
                or any(a <= token.idx < b for a, b in quotations):
            continue
        if token.idx <= tokens.start_char:
            start = token.idx
        elif token.idx >= tokens.end_char:
            end = token.doc[token.i - 1].idx + len(token.doc[token.i - 1])
            break
    return start, end
