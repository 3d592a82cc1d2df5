"""A fighter's or a team's win-loss record as figures of its holder: "Klitschko (52-3, 46 KOs)", "Riddick Bowe,
43-1, 33 KO's,", "Creighton improved to 25-7", "Indianapolis' record rose to 9-5".

Sports reports write a holder's record beside its name, in parentheses or between commas, or after a verb that
brings it to a new standing and "to": the wins, losses and (a third number) draws the holder has at the time of
writing, and tallies listed with them ("46 KOs"). Each part is a figure (kind RECORD, its dimension the part:
"wins", "losses", "draws", "knockouts"), held by the name, with the whole record as written for its unit: two
outlets' records of one holder are one standing misreported only when they count about as many games
(:func:`storyline.compare.conflicts.difference`), as a record of another day of the season, or a game's score
written beside a name, counts other games. A record followed by words that narrow it ("4-4 on the road", "9-1 in
one-possession games", "3-0 Big East") is of a part of the season, and is not read.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.figure import Figure, FigureConfig
from storyline.compare.figure_words import context, name_of, sentence_of
from storyline.model import Article
from storyline.text.estimates import Range
from storyline.text.wordlists import pairs, words

# Wins, losses and maybe draws, joined by dashes ("52-3", "45-7-2"), not a part of a longer run of numbers.
RECORD = re.compile(r"(?<![\d.,:/–-])(\d{1,3}) ?[-–] ?(\d{1,3})(?: ?[-–] ?(\d{1,3}))?(?![\d:]|\.\d| ?[-–] ?\d)")
PARTS = ("wins", "losses", "draws")
RECORD_VERBS = words("record_verbs")
TALLIES = pairs("record_tallies")
# A tally listed after the record ("52-3, 46 KOs", "52-3 with 46 knockouts", "12KOs" glued).
TALLY_AFTER = re.compile(r"\s*(?:,|\bwith\b)\s*(\d{1,3})\s*([A-Za-z]+)(?:['’]s)?\b")
# What may follow a whole record: the end of its parentheses, commas or sentence, or another clause.
RECORD_END = re.compile(r"\s*(?:[).,;:!?]|\band\b|\bwith\b|\Z)")
RECORD_NOUNS = words("record_nouns")
OBJECTS = frozenset({"dobj", "pobj"})


def record_figures(article: Article, doc: Doc, config: FigureConfig) -> list[Figure]:
    """The records the article writes beside or after the name of their holder, as figures of each part."""
    found = []
    for match in RECORD.finditer(article.text):
        tokens = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if tokens is None or not RECORD_END.match(article.text, match.end()):
            continue
        holder = _holder(article.text, doc, match, tokens)
        if holder is None or not (held := name_of(holder)):
            continue
        numbers = [int(n) for n in match.groups() if n is not None]
        written = "-".join(str(n) for n in numbers)
        parts = list(zip(PARTS, numbers))
        if (tally := TALLY_AFTER.match(article.text, match.end())) is not None \
                and (kind := TALLIES.get(tally.group(2).lower())) is not None:
            parts.append((kind, int(tally.group(1))))
        for part, value in parts:
            found.append(Figure(article.span(match.start(), match.end(), "RECORD"), sentence_of(article, tokens),
                                article.outlet, float(value), "RECORD", written, part, "exact", Range(value, value),
                                f"record {part}", "record", f"record, {part}", context(tokens, config.context_tokens),
                                frozenset(held), person=True, holders=frozenset(held)))
    return found


def _holder(text: str, doc: Doc, match: re.Match, tokens: SpacySpan) -> Token | None:
    """The name a record is of: the one it follows in parentheses ("Klitschko (52-3)") or between commas, where
    the name is no object ("Riddick Bowe, 43-1, 33 KO's," but not the score of "beat Drake, 65-53,"), or the
    holder a verb brings to it ("Creighton improved to 25-7", "Indianapolis' record rose to 9-5")."""
    before = text[:match.start()].rstrip()
    if before.endswith("(") or (before.endswith(",") and text[match.end():].lstrip()[:1] in {",", ")"}):
        mark = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if mark is None or mark.start == 0:
            return None
        name = doc[mark.start - 1]
        if name.pos_ != "PROPN" or (before.endswith(",") and name.dep_ in OBJECTS):
            return None
        return name
    if re.search(r"\bto\Z", before) is None:
        return None
    to = doc[tokens.start - 1] if tokens.start else None
    if to is None or to.lower_ != "to" or to.head.lemma_.lower() not in RECORD_VERBS:
        return None
    if any(c.dep_ in {"advmod", "prt"} and to.head.i < c.i < to.i for c in to.head.children):
        return None  # "moved ahead to 19-12", "climbed back to": a lead in a game, not a standing
    return _brought(to.head)


def _brought(verb: Token) -> Token | None:
    """Whose record a verb brings to a new standing: the owner of "record" ("Indianapolis' record rose", "took
    Klitschko's record"), the object named ("improved the Bluejays"), or the subject ("Creighton improved",
    "Klitschko improved his record")."""
    arguments = {c.dep_: c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}}
    before = verb.doc[verb.i - 1] if verb.i else verb
    # a "record" written just before the verb is its subject, wherever the parse hangs it
    for noun in [*arguments.values(), *([before] if before.lower_ in RECORD_NOUNS else [])]:
        if noun.lower_ in RECORD_NOUNS:
            owner = next((c for c in noun.children if c.dep_ in {"poss", "nmod"}), None)
            if owner is not None and owner.pos_ == "PROPN":
                return owner
    if (thing := arguments.get("dobj")) is not None and thing.lower_ not in RECORD_NOUNS:
        return thing if thing.pos_ == "PROPN" else None
    subject = arguments.get("nsubj") or arguments.get("nsubjpass")
    return subject if subject is not None and subject.pos_ == "PROPN" else None
