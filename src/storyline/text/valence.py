"""How good or bad a word sounds: its valence in VADER's sentiment lexicon (Hutto & Gilbert 2014, MIT, shipped in
the ``vaderSentiment`` package on PyPI). Each of its 7,500 entries is the mean of ten people's ratings from -4
(most negative: "murder" -3.7) to +4 ("freedom" +3.2); a word it lacks ("police", "said") was rated neutral or
left out, so its valence is unknown rather than zero.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Token


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    return {entry: float(mean) for entry, mean, *_ in (line.split("\t") for line in text.splitlines() if line)}


def valence(token: Token) -> float | None:
    """The word's valence as written ("riots"), else its lemma's ("riot"); None when the lexicon lacks both."""
    lexicon = _lexicon()
    found = lexicon.get(token.lower_)
    return found if found is not None else lexicon.get(token.lemma_.lower())
