"""Clitics written apart from their word, as detokenised scraped text has them ("the sheriff ’ s station", "it ’ s",
"we don ’ t"): each becomes one token ("’ s", "n ’ t") that the model sees as the clitic it is.

spaCy splits "sheriff ’ s" into three tokens, and the model takes the lone "’" for a closing quotation mark and
"s" for a noun, which breaks the parse of the whole sentence ("said sheriff ’ s Sgt. Vanette Cruz" loses its
speaker). A token cannot lose the space inside it without changing the text's offsets, so the apostrophe and the
clitic are merged into one token whose lexeme carries the features the model reads (norm, prefix, suffix,
shape) of the clitic written whole: the tagger and the parser then see "'s" and the text stays as it was.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "spaced_clitics"
APOSTROPHES = ("’", "'")
# English clitics written after an apostrophe, and the tags and lemmas spaCy's English pipeline gives each when
# written whole ("'s" is a verb or the possessive; "n't" is "not"): the rule lemmatizer looks the merged token's
# own spelling up, which it does not know.
CLITIC_LEMMAS = {
    "s": {"VBZ": "be", "POS": "'s"},
    "re": {"VBP": "be"},
    "m": {"VBP": "be"},
    "ve": {"VBP": "have", "VB": "have"},
    "ll": {"MD": "will"},
    "d": {"MD": "would", "VBD": "have"},
    "t": {"RB": "not"},
}


def written_apart(apostrophe: str, clitic: str) -> str:
    """The merged token's text: "’ s", or "n ’ t" for the negation, whose "n" the word before it gives up."""
    return ("n " if clitic == "t" else "") + apostrophe + " " + clitic


# A possessive ending as one token, written whole or apart ("Kelly ’ s office"): the edges of names drop it.
POSSESSIVES = frozenset({"'s", "’s", "'", "’"} | {written_apart(apostrophe, "s") for apostrophe in APOSTROPHES})


def whole(clitic: str) -> str:
    return "n't" if clitic == "t" else "'" + clitic


def teach(nlp: Language) -> None:
    """Give each clitic written apart the lexical features of the clitic written whole, and its lemmas."""
    ruler = nlp.get_pipe("attribute_ruler")
    for clitic, lemmas in CLITIC_LEMMAS.items():
        model = nlp.vocab[whole(clitic)]
        norm = nlp.make_doc("we" + whole(clitic))[-1].norm_  # "'ll" → "will", from the tokenizer's exceptions
        for apostrophe in APOSTROPHES:
            lexeme = nlp.vocab[written_apart(apostrophe, clitic)]
            lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = norm, model.prefix_, model.suffix_, \
                model.shape_
            lexeme.is_punct = lexeme.is_quote = False
            for tag, lemma in lemmas.items():
                ruler.add([[{"ORTH": lexeme.orth_, "TAG": tag}]], {"LEMMA": lemma})


@Language.component(COMPONENT)
def spaced_clitics(doc: Doc) -> Doc:
    """Merge every apostrophe set apart between a word and a clitic ("sheriff ’ s", "don ’ t") into one token."""
    splits, merges = [], []
    for token in doc[1:-1]:
        before, after = doc[token.i - 1], doc[token.i + 1]
        if token.text not in APOSTROPHES or after.lower_ not in CLITIC_LEMMAS \
                or not (token.whitespace_ and before.whitespace_ and before.is_alpha):
            continue
        if after.lower_ != "t":
            merges.append((token.i, token.i + 2))
        elif before.lower_.endswith("n") and len(before) > 2:  # "don ’ t" is "do" and "n ’ t", as "don't" is
            splits.append(before)
            merges.append((token.i - 1, token.i + 2))
    if not merges:
        return doc
    # The parse comes later: each split word is its own head, and its "n" hangs on it. Pointing the first part at
    # the second and the second at the word (which the split makes the first part) left a cycle the parser kept,
    # and any span's root then raised ("This isn ’ t just …").
    with doc.retokenize() as retokenizer:
        for word in splits:
            retokenizer.split(word, [word.text[:-1], word.text[-1]], heads=[(word, 0), (word, 0)])
    shift = {word.i: 1 for word in splits}
    with doc.retokenize() as retokenizer:
        for start, end in merges:
            moved = sum(1 for i in shift if i < start) + shift.get(start, 0)
            retokenizer.merge(doc[start + moved : end + moved])
    return doc
