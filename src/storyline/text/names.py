"""Name normalisation and comparison: when two written names can denote the same person, organisation or place.

News spells names from other scripts many ways ("Abdul"/"Abdel", "Qassim"/"Qasem", "al-Sudani"/"Sudani"),
with or without diacritics, hyphens, apostrophes and full stops ("U.S."/"US"). A name is folded to ASCII
lowercase content tokens; two tokens are the same word when they are equal, or when they share a consonant
skeleton (the transliteration-stable part) and are close in Jaro-Winkler similarity, which keeps "Hussein" and
"Hassan" apart while joining "Qassim" and "Qasem". Whole names are compatible when the shorter one's tokens
appear in order in the longer one (a partial name) or when one is the acronym of the other.

The module also holds the vocabulary of titles, offices and honorifics that are parsed off names as roles (word
lists in ``data/``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from storyline.text import wordlists

PARTICLES = wordlists.words("name_particles")
NAME_SUFFIXES = wordlists.words("name_suffixes")
ABBREVIATIONS = wordlists.pairs("name_abbreviations")
PLACE_DESIGNATORS = wordlists.words("place_designators")
# By hand: the Jaro-Winkler similarity from which two spellings with one consonant skeleton are one word
# ("Qassim"/"Qasem" join, "Hussein"/"Hassan" do not), and the shortest words compared that loosely.
SIMILAR_SPELLING = 0.8
SHORTEST_FUZZY_TOKEN = 4
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII lowercase with hyphens as spaces and apostrophes, full stops and other punctuation removed."""
    ascii_text = anyascii(text).lower()
    ascii_text = re.sub(r"(?<![a-z])([a-z])\.\s*(?=[a-z]\.)", r"\1", ascii_text)  # "u. s." and "u.s." -> "us."
    ascii_text = re.sub(r"['`]s\b", "", ascii_text)
    ascii_text = re.sub(r"[-_/]", " ", ascii_text)
    ascii_text = re.sub(r"[^a-z0-9& ]", "", ascii_text)
    return " ".join(ascii_text.split())


def all_tokens(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """The content tokens of a name, abbreviations spelled out, without particles and suffixes (all tokens if it
    has nothing else)."""
    words = tuple(ABBREVIATIONS.get(word, word) for word in all_tokens(name))
    content = tuple(word for word in words if word not in PARTICLES)
    while len(content) > 1 and content[-1] in NAME_SUFFIXES:
        content = content[:-1]
    return content or words


def name_key(name: str) -> str:
    """What two spellings of one name have in common: "U.S." and "US", "Mt Cook" and "Mount Cook"."""
    return " ".join(tokens(name))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """First letter plus consonants, doubled letters collapsed: "qassim" and "qasem" both give "qsm"."""
    if not token:
        return token
    return _REPEATS.sub(r"\1", token[0] + _VOWELS.sub("", token[1:]))


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial: "J" for "John"
        return a[0] == b[0]
    if min(len(a), len(b)) < SHORTEST_FUZZY_TOKEN:
        return False
    return skeleton(a) == skeleton(b) and JaroWinkler.normalized_similarity(a, b) >= SIMILAR_SPELLING


def acronyms(name: str) -> set[str]:
    """Initials of a multi-word name, with and without its particles: "United States" -> "us"."""
    words = all_tokens(name)
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words), "".join(w[0] for w in tokens(name))}


def is_acronym_of(short: str, long: str) -> bool:
    folded = fold(short).replace(" ", "")
    return len(folded) >= 2 and folded in acronyms(long)


def is_partial(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of ``short`` matches a token of ``long``, in order."""
    position = 0
    for word in short:
        while position < len(long) and not same_word(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def person_names_compatible(a: str, b: str) -> bool:
    """Person names: the shorter is a part of the longer that keeps the surname ("Varga" of "Gábor Varga")."""
    short, long = sorted((tokens(a), tokens(b)), key=len)
    if not short or len(short[-1]) == 1 or len(long[-1]) == 1:  # an initial is no surname: "Alicia M."
        return False
    return same_word(short[-1], long[-1]) and is_partial(short, long)


def names_compatible(a: str, b: str) -> bool:
    """Organisations and places: one name is part of the other ("Islamic Republic" of "Islamic Republic of
    Iran"), unless the rest names another kind of place ("Mexico City" is not Mexico), or its acronym ("NGA",
    "U.S.")."""
    short, long = sorted((tokens(a), tokens(b)), key=len)
    if not short:
        return False
    if short == long:
        return True
    if is_partial(short, long) and not PLACE_DESIGNATORS.intersection(set(long) - set(short)):
        return True
    return is_acronym_of(a, b) or is_acronym_of(b, a)


def lookup_keys(name: str) -> set[str]:
    """Keys under which a name is indexed: one per content token skeleton, plus its acronyms.

    Two compatible names always share a key, so a key index finds every candidate without comparing all pairs.
    """
    keys = {f"w:{skeleton(word)}" for word in tokens(name)}
    keys |= {f"a:{acronym}" for acronym in acronyms(name)}
    folded = fold(name).replace(" ", "")
    if len(folded) >= 2 and len(tokens(name)) == 1:
        keys.add(f"a:{folded}")
    return keys


# Words that make up titles and offices rather than names. A title head alone makes a title ("President",
# "Ayatollah"); a domain word only inside a run that has a head ("Secretary of Defense", "Supreme Leader"), so
# "Supreme Court" and "Defense Department" stay names.
HONORIFICS = wordlists.words("honorifics")
OFFICES = wordlists.words("offices")
TITLE_HEADS = HONORIFICS | OFFICES
# Courtesy titles say nothing of a role, but they do say who is a man and who a woman ("Mr Varga", "Ms Varga").
COURTESY_GENDER = wordlists.pairs("courtesy_titles")
TITLE_DOMAINS = wordlists.words("title_domains")
# Function words that join the words of one title: "Minister of Fisheries and Coastal Affairs".
TITLE_LINKS = frozenset({"of", "and", "for", "the", "&"})


def role_gender(role: str | None) -> str | None:
    for word in (role or "").split():
        if title_word(word) in COURTESY_GENDER:
            return COURTESY_GENDER[title_word(word)]
    return None


def title_word(text: str) -> str:
    return text.lower().rstrip(".")


def is_title_head(text: str) -> bool:
    return title_word(text) in TITLE_HEADS


def is_title_part(text: str) -> bool:
    word = title_word(text)
    return word in TITLE_HEADS or word in TITLE_DOMAINS
