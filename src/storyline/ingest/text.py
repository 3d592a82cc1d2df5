"""Plain text and Markdown: metadata from a front-matter block or a sidecar, a title from a headline first line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from storyline.ingest.errors import BadInput
from storyline.ingest.records import article_from_record
from storyline.model import Article

FRONT_MATTER_FENCE = "---"
FRONT_MATTER_END = ("---", "...")
MAX_HEADLINE_WORDS = 20
MAX_HEADLINE_CHARS = 160
# A short line is a headline even in sentence case; a longer one must be mostly capitalised ("Title Case").
SHORT_HEADLINE_WORDS = 12
MIN_CAPITALISED_SHARE = 0.6
SENTENCE_END = re.compile(r"[.,;:][\"'”’)\]]*$")
BYLINE = re.compile(r"^by\s", re.IGNORECASE)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def article_from_text(text: str, origin: str, sidecar: Mapping[str, Any] | None = None) -> Article:
    """An Article from a text file's content; sidecar fields override front-matter ones."""
    metadata, body = split_front_matter(text)
    metadata.update(sidecar or {})
    if not metadata.get("title"):
        headline, body = split_headline(body)
        if headline:
            metadata["title"] = headline
    return article_from_record(metadata, origin, text=body)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``key: value`` lines between two ``---`` lines at the very top, and the text after them."""
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in FRONT_MATTER_END), None)
    if end is None:
        raise BadInput("front matter opened with '---' is never closed")
    try:
        # BaseLoader keeps every value a string: "title: 1984" stays a title, "published" is parsed by us.
        metadata = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        raise BadInput(f"front matter is not valid YAML: {getattr(error, 'problem', None) or error}") from None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise BadInput("front matter is not a block of 'key: value' lines")
    return metadata, "\n".join(lines[end + 1 :])


def split_headline(text: str) -> tuple[str | None, str]:
    """The first line as a title when it reads as a headline and text follows it."""
    first, _, rest = text.strip().partition("\n")
    if not rest.strip():
        return None, text
    first = first.strip()
    heading = MARKDOWN_HEADING.match(first)
    if heading:
        return heading.group(1), rest
    return (first, rest) if looks_like_headline(first) else (None, text)


def looks_like_headline(line: str) -> bool:
    words = line.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or len(line) > MAX_HEADLINE_CHARS:
        return False
    if SENTENCE_END.search(line) or BYLINE.match(line):
        return False
    if len(words) <= SHORT_HEADLINE_WORDS:
        return True
    # Short function words ("of", "the", "in") stay lower case in title case; judge the longer ones.
    content_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in content_words)
    return bool(content_words) and capitalised >= MIN_CAPITALISED_SHARE * len(content_words)
