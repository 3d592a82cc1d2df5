"""The data model: an Article holds its text; everything extracted from it is a span into that text.

Spans carry the id of their article and character offsets ``[start, end)`` into ``Article.text``.
Nothing downstream (entities, quotes, stories, briefs) copies article text: it keeps spans and
reads the words through :meth:`Span.text`.
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import PurePath
from urllib.parse import urlsplit
from typing import Any

from storyline.text.paragraphs import paragraph_offsets


def pickled_by_fields(cls: type) -> type:
    """A frozen dataclass with slots pickled as a call of its constructor with its fields' values. Python pickles
    one field by field through ``dataclasses``' own functions, in Python: a batch of 32 articles a worker process
    analysed (about 3,900 spans, time mentions and date phrases in it) took 23 ms to pickle and 23 to unpickle,
    15 and 16 this way. Every field must be one the constructor takes."""
    if not all(item.init for item in fields(cls)):
        raise TypeError(f"{cls.__name__} has a field its constructor does not take")
    names = [item.name for item in fields(cls)]
    values = operator.attrgetter(*names) if len(names) > 1 else lambda self: (getattr(self, names[0]),)

    def __reduce__(self: object) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of one article's text, with a label saying what they are."""

    article_id: str
    start: int
    end: int
    label: str = ""

    def text(self, article: "Article") -> str:
        if article.id != self.article_id:
            raise ValueError(f"span of article {self.article_id} read against article {article.id}")
        return article.text[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.article_id == other.article_id and self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article_id, "start": self.start, "end": self.end, "label": self.label}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Span":
        return cls(data["article"], data["start"], data["end"], data.get("label", ""))


def normalise_text(text: str) -> str:
    """NFC, unified line ends, no trailing blanks: the form whose hash identifies an article."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def with_headline(title: str | None, body: str) -> str:
    """The text an article is analysed as: its headline, a blank line, its body. Headlines carry the story's key
    names and claims, so every stage reads them; a body that already opens with its headline is kept as it is."""
    if not title or normalise_text(body).startswith(title):
        return body
    return f"{title}\n\n{body}"


def article_id(text: str, source: str) -> str:
    digest = hashlib.sha256(f"{source.strip().lower()}\x00{normalise_text(text)}".encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news report. ``text`` is normalised on creation so offsets never shift afterwards."""

    text: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    published_inferred: bool = False
    published_confidence: float | None = None
    language: str = "en"
    origin: str = ""
    id: str = ""
    revision_of: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = normalise_text(self.text)
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError("Article.published must be timezone-aware")
        if not self.id:
            self.id = article_id(self.text, self.source)
        if not self.paragraphs:
            self.paragraphs = paragraph_offsets(self.text)

    def span(self, start: int, end: int, label: str = "") -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside article {self.id} of {len(self.text)} characters")
        return Span(self.id, start, end, label)

    @property
    def body_start(self) -> int:
        """Where the body begins: after the headline when the text opens with it (as ingestion writes it, so that
        every stage reads the headline too), else 0."""
        if self.title and self.text.startswith(self.title + "\n"):
            return len(self.text) - len(self.text[len(self.title):].lstrip("\n"))
        return 0

    @property
    def body(self) -> str:
        """The text without its headline."""
        return self.text[self.body_start:]

    @property
    def outlet(self) -> str:
        """Who published it: the source, else the URL's host, else the file it came from, so that articles of
        unknown source are still told apart when outlets are compared."""
        if self.source:
            return self.source
        if self.url and (host := urlsplit(self.url).hostname):
            return host.removeprefix("www.")
        return PurePath(self.origin.split(":", 1)[0]).stem if self.origin else self.id

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Mention:
    """A name in the text (``span.label`` is its type: PERSON, ORG, GPE, ...), linked to an entity when resolved.

    ``role`` holds a title or office parsed off the name ("President", "Secretary of Defense").
    """

    span: Span
    entity_id: str | None = None
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"span": self.span.to_json(), "entity": self.entity_id, "role": self.role}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Mention":
        return cls(Span.from_json(data["span"]), data.get("entity"), data.get("role"))


@dataclass(slots=True)
class Entity:
    """One person, organisation or place, across every name it goes by."""

    id: str
    name: str
    type: str
    variants: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": self.variants,
            "roles": self.roles,
            "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Entity":
        return cls(
            data["id"], data["name"], data["type"], dict(data.get("variants", {})), list(data.get("roles", [])),
            [Span.from_json(m) for m in data.get("mentions", [])],
        )


@dataclass(slots=True)
class Attribution:
    """Who said what: content, cue ("said", "according to") and source spans; ``speaker`` is an entity id;
    ``kind`` what it reports: "speech" (words said), "belief" (what someone thinks, feels or wants), "negated"
    (not said, or denied), "stance" (what a verb of judging was aimed at: "criticised the plan") or "hypothetical"
    (said or thought only under a condition: "if he said so");
    ``antecedent``, for a pronoun source that stands for a phrase naming no entity ("A police spokeswoman said …
    she added"), that phrase; ``source_is_thing``, for a source that is a thing rather than someone ("A sign
    said", "banners read"): the text gives the words to it, but it says nothing of who spoke them."""

    content: Span
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None
    direct: bool = False
    kind: str = "speech"
    antecedent: Span | None = None
    source_is_thing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
            "source": self.source.to_json() if self.source else None,
            "speaker": self.speaker,
            "direct": self.direct,
            "kind": self.kind,
            "antecedent": self.antecedent.to_json() if self.antecedent else None,
            "source_is_thing": self.source_is_thing,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Attribution":
        def optional(key: str) -> Span | None:
            return Span.from_json(data[key]) if data.get(key) else None

        return cls(Span.from_json(data["content"]), optional("cue"), optional("source"), data.get("speaker"),
                   bool(data.get("direct")), data.get("kind", "speech"), optional("antecedent"),
                   bool(data.get("source_is_thing")))


@dataclass(slots=True)
class TimeExpression:
    """A temporal expression with its TimeML type (DATE, TIME, DURATION, SET) and normalised value.

    ``value`` follows TIMEX3: "2023-04-29", "2023-03", "P2W", "PAST_REF", "XXXX-WXX-5" ...
    ``reference_confidence`` is None when the value is what the words say or was counted from a stated
    publication date; when it was counted from an inferred one ("Sunday" in an undated report), it is that
    inference's confidence (0-1): the value is then a guess, never a fact to set against another source's.
    """

    span: Span
    type: str
    value: str
    reference_confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        found = {"span": self.span.to_json(), "type": self.type, "value": self.value}
        if self.reference_confidence is not None:
            found["reference_confidence"] = self.reference_confidence
        return found

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TimeExpression":
        return cls(Span.from_json(data["span"]), data["type"], data["value"], data.get("reference_confidence"))
