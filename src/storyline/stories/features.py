"""What the story index needs to know about one article, taken from what earlier stages computed.

Nothing here parses or embeds: the caller hands over the article's one spaCy parse and the embedding of its
title and lead (see :func:`lead_text`). Names are keyed by their written form (folded to ASCII lowercase, a person
also under the surname), so that the same name in two articles is the same key; the years come from the dates
written in the text and from the time stage's resolved values ("last year" against the publication date).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS, NUM, VERB
from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from storyline.model import Article
from storyline.parse.labels import NAME_LABELS
from storyline.text.names import TITLE_HEADS, tokens
from storyline.text.wordlists import words

# The parts of speech counted as an article's terms, and those of its event words.
TERM_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
EVENT_POS = frozenset({"NOUN", "VERB"})
TERM_POS_IDS = np.array(sorted(POS_IDS[name] for name in TERM_POS), dtype=np.uint64)
EVENT_POS_IDS = frozenset(POS_IDS[name] for name in EVENT_POS)
# What decides a token's term (:func:`term_frequencies`): the first three leave it out, the rest make it.
TERM_ATTRS = [IS_STOP, IS_PUNCT, IS_SPACE, POS, LIKE_NUM, LOWER, LEMMA]
# Verbs that name no event of their own, whatever the story: a label made of them says nothing.
LIGHT_VERBS = words("light_verbs")
# The lead, whose names are the article's lead names: the opening sentences, about this many words with the title.
LEAD_WORDS = 60
# The part of the lead embedded to compare articles. The embedding is the one per-article stage a one-process
# ingest runs on its second core, beside the parse, so on two workers it is what their pass pays on top: leads of
# 40 words are 63 word pieces long on average against 86 (PolNeAR train), and a third cheaper to embed.
EMBEDDED_LEAD_WORDS = 40
WRITTEN_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
TIMEX_YEAR = re.compile(r"^(\d{4})(?:-|$)")
# TIMEX values naming a month or a day of one ("2008-09-13", "XXXX-09-08", "XXXX-09"), and a weekday
# ("XXXX-WXX-6", "2008-W37-6").
TIMEX_MONTH_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?(?![\d-])")
TIMEX_WEEKDAY = re.compile(r"^(?:\d{4}|XXXX)-W(?:\d\d|XX)-(\d)")


@dataclass(slots=True)
class StoryFeatures:
    """One article as the story index sees it. ``terms`` are sublinear term frequencies: the index applies IDF."""

    article_id: str
    published: datetime | None
    vector: np.ndarray
    entity_keys: frozenset[str]
    lead_entity_keys: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    days: frozenset[str] = frozenset()
    terms: dict[str, float] = field(default_factory=dict)
    event_words: frozenset[str] = frozenset()
    # Display form of each entity key, for story labels.
    names: dict[str, str] = field(default_factory=dict)


def lead_sentences(article: Article, doc: Doc, max_words: int = LEAD_WORDS) -> list[DocSpan]:
    """The opening sentences, about ``max_words`` words with the title: where a report names what it is about."""
    words = len(article.title.split()) if article.title and not article.body_start else 0
    sentences = []
    for sentence in doc.sents:
        if words >= max_words:
            break
        sentences.append(sentence)
        words += len(sentence)
    return sentences


def lead_text(article: Article, doc: Doc) -> str:
    """Title and the lead's opening sentences (``EMBEDDED_LEAD_WORDS``): the text to embed for story matching (the
    lead holds the title when the text opens with it)."""
    parts = [article.title] if article.title and not article.body_start else []
    return "\n".join(parts + [sentence.text.strip() for sentence in lead_sentences(article, doc, EMBEDDED_LEAD_WORDS)])


def name_keys(name: str, label: str) -> list[str]:
    """Keys of a written name: its folded content words; a person also under the surname alone ("cheeks")."""
    words = list(tokens(name))
    while label == "PERSON" and len(words) > 1 and words[0] in TITLE_HEADS:
        words.pop(0)  # "Coach Maurice Cheeks" is Maurice Cheeks
    if not words:
        return []
    keys = [" ".join(words)]
    if label == "PERSON" and len(words) > 1:
        keys.append(words[-1])
    return keys


def display_name(ent: DocSpan) -> str:
    """The name as a label shows it: "the Baltic Gate Terminal" reads as "Baltic Gate Terminal"."""
    tokens = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
    return " ".join(tokens.text.split())


def better_display(current: str | None, candidate: str) -> str:
    """The display form to keep of a name seen again: the first one, unless it shouts ("GDANSK" in a dateline)
    and the new one does not, or the new one is the full name of it ("Mark Teixeira" for a headline's
    "Teixeira", the surname a person is also keyed under; "Coach Maurice Cheeks" adds only a title)."""
    if current is None or current.isupper() and not candidate.isupper():
        return candidate
    added = candidate[: -len(current)].split() if candidate.endswith(" " + current) else []
    return candidate if added and not any(word.lower().rstrip(".") in TITLE_HEADS for word in added) else current


def entities_of(doc: Doc, lead_end: int) -> tuple[dict[str, str], frozenset[str]]:
    """Keys of the names in ``doc.ents`` (people, organisations, places, ...) with a display form each, and the
    keys named in the lead."""
    names: dict[str, str] = {}
    lead: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for key in name_keys(ent.text, ent.label_):
            names[key] = better_display(names.get(key), display_name(ent))
            if ent.start_char < lead_end:
                lead.add(key)
    return names, frozenset(lead)


def years_of(doc: Doc, event_dates: Iterable[str], published: datetime | None) -> frozenset[int]:
    """Years the article is about: those written in its dates, those of its resolved time expressions (TIMEX
    values), and its year of publication. Both sources count: the time stage resolves relative dates, while
    years inside phrases it leaves unvalued ("the 2008 season", "1999-2003") are still written out."""
    found = {int(year) for ent in doc.ents if ent.label_ == "DATE" for year in WRITTEN_YEAR.findall(ent.text)}
    found |= {int(m.group(1)) for value in event_dates if (m := TIMEX_YEAR.match(value))}
    if published is not None:
        found.add(published.year)
    return frozenset(found)


def days_of(event_dates: Iterable[str]) -> frozenset[str]:
    """The calendar the article names, year aside: months ("m09"), days of a month ("d09-13") and weekdays ("w6")
    of its resolved time expressions. An undated report still says "on Saturday" or "on 8 September", and two
    reports of one event name the same days; an event of the same kind on another day names others."""
    found = set()
    for value in event_dates:
        if match := TIMEX_MONTH_DAY.match(value):
            year, month, day = match.groups()
            found.add(f"m{month}")
            if day:
                found.add(f"d{month}-{day}")
                if year != "XXXX" and (weekday := weekday_of(int(year), int(month), int(day))):
                    found.add(f"w{weekday}")
        elif match := TIMEX_WEEKDAY.match(value):
            found.add(f"w{match.group(1)}")
    return frozenset(found)


def weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).isoweekday()
    except ValueError:  # a day the calendar lacks ("2009-02-30")
        return None


def term_frequencies(doc: Doc) -> tuple[dict[str, float], frozenset[str]]:
    """Sublinear frequencies of content lemmas and numbers, and the nouns and verbs among them (event words), in
    the order the terms first occur. The tokens are sifted over the Doc's arrays and each distinct (part of speech,
    number-like, lower case, lemma) read once, not every token's attributes one by one."""
    rows = doc.to_array(TERM_ATTRS)
    if not len(rows):
        return {}, frozenset()
    content = ~rows[:, :3].any(axis=1) & (np.isin(rows[:, 3], TERM_POS_IDS) | rows[:, 4].astype(bool))
    uses: Counter[tuple[int, int, int, int]] = Counter(map(tuple, rows[content][:, 3:].tolist()))
    strings = doc.vocab.strings
    counts: Counter[str] = Counter()
    event_words: set[str] = set()
    for (part, numeric, lower, lemma), used in uses.items():  # in the order they first occur
        term = strings[lower] if numeric or part == NUM else strings[lemma].lower()
        if len(term) < 2 or not any(ch.isalnum() for ch in term):
            continue
        counts[term] += used
        if part in EVENT_POS_IDS and term.isalpha() and not (part == VERB and term in LIGHT_VERBS):
            event_words.add(term)
    return {term: 1.0 + math.log(count) for term, count in counts.items()}, frozenset(event_words)


def features(article: Article, doc: Doc, vector: np.ndarray, event_dates: Iterable[str] = ()) -> StoryFeatures:
    """Story features of an article from its parse, its lead embedding and its time expressions' TIMEX values.

    Mentions' entity ids are not used: they are local to one article until the story-level resolution runs,
    which needs the story first.
    """
    event_dates = tuple(event_dates)
    lead = lead_sentences(article, doc)
    lead_end = lead[-1].end_char if lead else 0
    names, lead_names = entities_of(doc, lead_end)
    terms, event_words = term_frequencies(doc)
    return StoryFeatures(
        article_id=article.id,
        published=article.published,
        vector=np.asarray(vector, dtype=np.float32),
        entity_keys=frozenset(names),
        lead_entity_keys=lead_names,
        years=years_of(doc, event_dates, article.published),
        days=days_of(event_dates),
        terms=terms,
        event_words=event_words,
        names=names,
    )
