"""Word lists kept as data: ``src/storyline/data/NAME.txt``, one entry a line, ``#`` lines saying what the list is
and where it came from.

    words("speech_verbs")           # frozenset of the entries
    pairs("loaded_words")           # {entry: value} for lines "entry<TAB>value"
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


def _entries(name: str) -> list[str]:
    text = (files("storyline") / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of a list, as written (case kept, surrounding blanks dropped)."""
    return frozenset(line.strip() for line in _entries(name))


@lru_cache(maxsize=None)
def pairs(name: str) -> dict[str, str]:
    """A list of ``entry<TAB>value`` lines as a mapping, in file order."""
    found = {}
    for line in _entries(name):
        key, _, value = line.partition("\t")
        found[key.strip()] = value.strip()
    return found
