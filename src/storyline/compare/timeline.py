"""A story's timeline: what happened when, each entry pointing at the sentences (and so the sources) stating it.

Dated statements come from the articles' resolved time expressions; statements of one date from several outlets
merge into one entry when their sentences tell the same event. A statement dated only against another event
("the parliament passed a bill days after the assassination") becomes an entry placed right after that event's
entry, which is built from the sentences naming the event even when none gives it a date.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span as DocSpan

from storyline.model import Article, Span, TimeExpression

CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q(\d)|-W(\d{2}))?")
RELATIVE_SIGNALS = {"after", "before"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
# Sentences sharing this share of content words tell the same event.
SAME_EVENT = 0.3


@dataclass(slots=True)
class TimelineEntry:
    """One event on the timeline: its TimeML date (None when known only relative to another entry), the sentence
    spans stating it (one or more articles), the time expressions dating it, and its place in the order."""

    value: str | None
    statements: list[Span]
    times: list[Span] = field(default_factory=list)
    after: int | None = None
    order: int = 0

    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(span.article_id for span in self.statements))

    @property
    def label(self) -> str:
        """When, as a reader sees it: the date, else the entry it follows ("after #3"), else "undated"."""
        if self.value is not None:
            return self.value
        return f"after #{self.after + 1}" if self.after is not None else "undated"

    def to_json(self, articles: dict[str, Article] | None = None) -> dict[str, object]:
        data: dict[str, object] = {
            "order": self.order, "value": self.value, "after": self.after, "label": self.label,
            "statements": [span.to_json() for span in self.statements],
            "times": [span.to_json() for span in self.times],
        }
        if articles:
            data["sources"] = [articles[a].source for a in self.article_ids() if a in articles]
            data["text"] = self.statements[0].text(articles[self.statements[0].article_id])
        return data


@dataclass(slots=True)
class Statement:
    sentence: Span
    time: Span | None
    words: frozenset[str]


def calendar_start(value: str) -> date | None:
    """The first day a calendar value covers ("2023-03" -> 1 March 2023), for ordering."""
    match = CALENDAR_VALUE.match(value)
    if not match:
        return None
    year, month, day, quarter, week = match.groups()
    if week:
        return date.fromisocalendar(int(year), int(week), 1)
    if quarter:
        return date(int(year), 3 * int(quarter) - 2, 1)
    return date(int(year), int(month or 1), int(day or 1))


def content_words(tokens: DocSpan) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens
                     if t.pos_ in CONTENT_POS and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"})


def same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) / max(1, min(len(a), len(b))) >= SAME_EVENT


def sentence_span(article: Article, tokens: DocSpan) -> Span:
    """The sentence of the tokens, cut at paragraph ends (a headline without a full stop is no sentence's start)."""
    start, end = tokens.sent.start_char, tokens.sent.end_char
    for paragraph_start, paragraph_end in article.paragraphs:
        if paragraph_start <= tokens.start_char < paragraph_end:
            start, end = max(start, paragraph_start), min(end, paragraph_end)
    return article.span(start, end, "SENTENCE")


def relative_anchor(doc: Doc, tokens: DocSpan) -> DocSpan | None:
    """For "days after the assassination of X": the phrase "the assassination of X"."""
    if tokens.end >= len(doc) or doc[tokens.end].lower_ not in RELATIVE_SIGNALS:
        return None
    objects = [child for child in doc[tokens.end].children if child.dep_ == "pobj"]
    if not objects:
        return None
    subtree = list(objects[0].subtree)
    return doc[subtree[0].i:subtree[-1].i + 1]


def anchor_keys(anchor: DocSpan) -> frozenset[str]:
    """Names in the anchor phrase identify its event best; failing those, its content words."""
    names = frozenset(t.lemma_.lower() for t in anchor if t.pos_ == "PROPN")
    return names or content_words(anchor)


class TimelineBuilder:
    def __init__(self, articles: list[tuple[Article, Doc, list[TimeExpression]]]) -> None:
        self.articles = articles
        self.entries: list[TimelineEntry] = []
        self.entry_words: list[frozenset[str]] = []

    def add(self, value: str | None, statement: Statement) -> int:
        """Merge into the entry of the same date and event, or open a new one; returns its index."""
        for index, entry in enumerate(self.entries):
            if entry.value == value and same_event(self.entry_words[index], statement.words):
                if statement.sentence not in entry.statements:
                    entry.statements.append(statement.sentence)
                if statement.time:
                    entry.times.append(statement.time)
                self.entry_words[index] |= statement.words
                return index
        self.entries.append(TimelineEntry(value, [statement.sentence], [statement.time] if statement.time else []))
        self.entry_words.append(statement.words)
        return len(self.entries) - 1

    def anchor_entry(self, keys: frozenset[str], relative: Span) -> int | None:
        """The entry of the event an anchor phrase names: a dated one that mentions it, else one built from every
        sentence of the story that does, except the one dating something relative to it."""
        for index, words in enumerate(self.entry_words):
            if keys and keys <= words and self.entries[index].value:
                return index
        index = None
        for article, doc, _ in self.articles:
            for sentence in doc.sents:
                words = content_words(sentence)
                span = sentence_span(article, sentence)
                if keys and keys <= words and not span.overlaps(relative):
                    statement = Statement(span, None, words)
                    if index is None:
                        self.entries.append(TimelineEntry(None, [statement.sentence]))
                        self.entry_words.append(words)
                        index = len(self.entries) - 1
                    elif statement.sentence not in self.entries[index].statements:
                        self.entries[index].statements.append(statement.sentence)
        return index

    def build(self) -> list[TimelineEntry]:
        relative: list[tuple[Statement, frozenset[str]]] = []
        for article, doc, expressions in self.articles:
            for expression in expressions:
                tokens = doc.char_span(expression.span.start, expression.span.end, alignment_mode="expand")
                if tokens is None:
                    continue
                sentence = sentence_span(article, tokens)
                sentence_tokens = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
                statement = Statement(sentence, expression.span, content_words(sentence_tokens))
                anchor = relative_anchor(doc, tokens)
                if anchor is not None and expression.type == "DURATION":
                    relative.append((statement, anchor_keys(anchor)))
                elif expression.type in {"DATE", "TIME"} and calendar_start(expression.value):
                    self.add(expression.value.split("T")[0], statement)
        for statement, keys in relative:
            anchor_index = self.anchor_entry(keys, statement.sentence)
            if anchor_index is None:
                continue
            self.entries.append(TimelineEntry(None, [statement.sentence], [statement.time] if statement.time else [],
                                              after=anchor_index))
            self.entry_words.append(statement.words)
        return self.ordered()

    def ordered(self) -> list[TimelineEntry]:
        """Dated entries by date; an undated event first (it is background to what the story dates), each entry
        placed "after" another right behind it."""
        followers: dict[int, list[int]] = {}
        roots = []
        for index, entry in enumerate(self.entries):
            if entry.after is not None:
                followers.setdefault(entry.after, []).append(index)
            else:
                roots.append(index)

        def key(index: int) -> tuple[int, date, int]:
            start = calendar_start(self.entries[index].value or "")
            return (1, start, index) if start else (0, date.min, index)

        order: list[int] = []

        def place(index: int) -> None:
            order.append(index)
            for follower in followers.get(index, []):
                place(follower)

        for index in sorted(roots, key=key):
            place(index)
        position = {old: new for new, old in enumerate(order)}
        result = []
        for new, old in enumerate(order):
            entry = self.entries[old]
            entry.order = new
            entry.after = position[entry.after] if entry.after is not None else None
            result.append(entry)
        return result


def timeline(articles: list[tuple[Article, Doc, list[TimeExpression]]]) -> list[TimelineEntry]:
    """The story's timeline from its articles, each with its one parse and its resolved time expressions."""
    return TimelineBuilder(articles).build()


def render_svg(entries: list[TimelineEntry], articles: list[Article]) -> str:
    """A vertical timeline: one row per entry with its date, its first statement and the outlets stating it."""
    by_id = {article.id: article for article in articles}
    width, left, line_height = 900, 150, 16
    rows = []
    y = 40
    for entry in entries:
        statement = entry.statements[0]
        lines = textwrap.wrap(statement.text(by_id[statement.article_id]), 95)[:3]
        sources = ", ".join(by_id[a].source or a for a in entry.article_ids() if a in by_id)
        height = line_height * (len(lines) + 1) + 14
        rows.append((entry, y, lines, sources))
        y += height
    svg = ElementTree.Element("svg", xmlns="http://www.w3.org/2000/svg", width=str(width), height=str(y + 20),
                              viewBox=f"0 0 {width} {y + 20}", attrib={"font-family": "sans-serif", "font-size": "12"})
    ElementTree.SubElement(svg, "rect", width="100%", height="100%", fill="white")
    ElementTree.SubElement(svg, "text", x="20", y="24", attrib={"font-size": "15", "font-weight": "bold"}).text = \
        "Timeline"
    ElementTree.SubElement(svg, "line", x1=str(left), y1="34", x2=str(left), y2=str(y), stroke="#888",
                           attrib={"stroke-width": "2"})
    for entry, top, lines, sources in rows:
        dated = entry.value is not None
        ElementTree.SubElement(svg, "circle", cx=str(left), cy=str(top + 8), r="6",
                               fill="#1f6feb" if dated else "white", stroke="#1f6feb", attrib={"stroke-width": "2"})
        ElementTree.SubElement(svg, "text", x=str(left - 14), y=str(top + 12), attrib={
            "text-anchor": "end", "font-weight": "bold", "fill": "#1f6feb" if dated else "#666"}).text = \
            f"#{entry.order + 1}  {entry.label}"
        for number, line in enumerate(lines):
            ElementTree.SubElement(svg, "text", x=str(left + 16), y=str(top + 12 + number * line_height)).text = line
        ElementTree.SubElement(svg, "text", x=str(left + 16), y=str(top + 12 + len(lines) * line_height),
                               fill="#666", attrib={"font-style": "italic"}).text = sources
    return ElementTree.tostring(svg, encoding="unicode")
