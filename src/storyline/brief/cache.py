"""What a kept brief is valid for: the story as it was built from and the code that built it.

A brief depends on its story's label, articles and their publication dates (``Store.story_version``) and on
every stage that builds it, so the key is a digest of both: the story's version and the code's, which is
Storyline's own version and a digest of its source and word lists, computed once per process. A brief built before
the story changed, or by another Storyline, has another key and is never served; the pipeline drops a story's kept
brief in the transaction that changes the story, so the store keeps no dead briefs of stories that moved on.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# What a brief's content can depend on: the code and the word lists, not the templates of the web pages.
CODE_SUFFIXES = (".py", ".txt")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Storyline's version and a digest of the files its results depend on."""
    digest = hashlib.sha256(metadata.version("storyline").encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in CODE_SUFFIXES):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def brief_key(story_version: str) -> str:
    """The key of a brief of a story at ``story_version``, built by this code."""
    return hashlib.sha256(f"{code_version()}\0{story_version}".encode()).hexdigest()
