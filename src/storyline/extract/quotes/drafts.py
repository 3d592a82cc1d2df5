"""The attributions of one article while they are drafted, and what every pass asks of the article about them.

A draft holds token-level cue and source and a character-level content; the passes add drafts, widen or cut their
contents, and ask where sentences, quotations and mentions lie. Sentences are spaCy's, cut again at paragraph
breaks, since spaCy may run a sentence over one (a headline into the lead).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.extract.quotes.config import QuoteConfig
from storyline.extract.quotes.kinds import SPEECH, with_quotation
from storyline.model import Article, Attribution, Mention
from storyline.text.quotemarks import quoted_spans

# Mentions that can say something: people, organisations, places standing for their government, groups.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s*$")


@dataclass
class Draft:
    """An attribution being built: token-level cue and source, character-level content."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: DocSpan | None
    speaker: str | None = None
    # A pronoun source's antecedent when that names no entity ("A baker in Debrecen said … she said").
    antecedent: tuple[int, int] | None = None
    # What it reports (storyline.extract.quotes.kinds): speech, belief, negated or stance.
    kind: str = SPEECH

    @property
    def end(self) -> int:
        """Where the last of its content, cue and source ends."""
        ends = [self.content[1]] + ([self.cue[1]] if self.cue else []) + (
            [self.source.end_char] if self.source is not None else [])
        return max(ends)


class Drafts:
    """The drafts of one article, over its text, its one parse, its quotations and its mentions."""

    def __init__(self, article: Article, doc: Doc, mentions: list[Mention], config: QuoteConfig) -> None:
        self.article, self.doc, self.text, self.config = article, doc, article.text, config
        self.mentions = sorted((m for m in mentions if m.span.article_id == article.id), key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.quotes = quoted_spans(article.text)
        self.token_starts = [t.idx for t in doc]
        self.sentence_starts = sorted({s.start_char for s in doc.sents} | {start for start, _ in article.paragraphs})
        self.found: list[Draft] = []

    # --- the drafts -----------------------------------------------------------------------------------------

    def add(self, draft: Draft) -> None:
        """Keep a draft unless it is too short or overlaps one found before."""
        start, end = draft.content
        if end - start < 2 or any(overlap(draft.content, d.content) for d in self.found):
            return
        self.found.append(draft)

    def claimed(self, position: int) -> bool:
        """Inside a quotation or an attribution already found: not the start of another attribution."""
        return self.in_quote(position) or any(d.content[0] <= position < d.content[1] for d in self.found)

    def covered(self, quote: tuple[int, int]) -> bool:
        return any(d.content[0] <= quote[0] and quote[1] <= d.content[1] or
                   overlap(quote, d.content) * 2 > quote[1] - quote[0] for d in self.found)

    def attribution(self, draft: Draft) -> Attribution:
        article = self.article
        cue = article.span(*draft.cue, "CUE") if draft.cue else None
        source = article.span(draft.source.start_char, draft.source.end_char, "SOURCE") if draft.source else None
        content = article.span(*draft.content, "CONTENT")
        quoted = any(draft.content[0] <= start and end <= draft.content[1] for start, end in self.quotes)
        antecedent = article.span(*draft.antecedent, "ANTECEDENT") if draft.antecedent else None
        return Attribution(content, cue, source, draft.speaker, self.opens_with_quote(draft.content),
                           with_quotation(draft.kind) if quoted else draft.kind, antecedent)

    # --- quotations -----------------------------------------------------------------------------------------

    def in_quote(self, position: int) -> bool:
        return any(start < position < end - 1 for start, end in self.quotes)

    def opens_with_quote(self, content: tuple[int, int]) -> bool:
        """Direct speech: the content begins with a quotation (what follows may continue it)."""
        return any(start == content[0] for start, _ in self.quotes)

    def carries_on_clause(self, quote: tuple[int, int]) -> bool:
        """Whether a word stands right before the quotation's mark: "called the plan “a disgrace”"."""
        lead_in = self.text[:quote[0]].rstrip()
        return bool(lead_in) and lead_in[-1].isalnum()

    def snap_to_quotes(self, content: tuple[int, int]) -> tuple[int, int]:
        """Make a content that cuts a quotation take all of it, or none of it when it took only a sliver
        (a parse that ran a clause on into the quotation after it)."""
        start, end = content
        for q_start, q_end in self.quotes:
            shared = overlap((start, end), (q_start, q_end))
            if not shared or (start <= q_start and q_end <= end):
                continue
            if shared * 2 >= q_end - q_start or (q_start <= start and end <= q_end):
                start, end = min(start, q_start), max(end, q_end)
            elif q_start > start:
                end = q_start
            else:
                start = q_end
        text = self.text
        while end > start and text[end - 1] in " ,;:\n":
            end -= 1
        while start < end and text[start] in " ,;:\n":
            start += 1
        return start, end

    # --- sentences and tokens -------------------------------------------------------------------------------

    def sentence_index(self, position: int) -> int:
        return max(bisect_right(self.sentence_starts, position) - 1, 0)

    def sentence_range(self, position: int) -> tuple[int, int]:
        index = self.sentence_index(position)
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def sentences_around(self, span: tuple[int, int]) -> tuple[int, int]:
        """From the start of the sentence where ``span`` starts to the end of the one where it ends."""
        return self.sentence_range(span[0])[0], self.sentence_range(max(span[1] - 1, span[0]))[1]

    def within_sentence(self, content: tuple[int, int], anchor: int) -> tuple[int, int]:
        start, end = self.sentence_range(anchor)
        return max(content[0], start), min(content[1], end)

    def opens_sentence(self, quote: tuple[int, int]) -> bool:
        """Nothing but a finished sentence before the quotation in its paragraph."""
        before = self.text[self.text.rfind("\n", 0, quote[0]) + 1 : quote[0]]
        return not before.strip() or _SENTENCE_END.search(before) is not None

    def tokens(self, span: tuple[int, int]) -> list[Token]:
        first = bisect_right(self.token_starts, span[0] - 1)
        last = bisect_right(self.token_starts, span[1] - 1)
        return list(self.doc[first:last])

    def token_at(self, position: int) -> Token:
        return self.doc[max(bisect_right(self.token_starts, position) - 1, 0)]

    # --- mentions -------------------------------------------------------------------------------------------

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        low = bisect_right(self.mention_starts, start - 1)
        high = bisect_right(self.mention_starts, end)
        return [m for m in self.mentions[low:high] if m.span.end <= end]

    def speakers_between(self, start: int, end: int) -> list[Mention]:
        """The mentions inside ``[start, end)`` that can say something."""
        return [m for m in self.mentions_between(start, end) if m.span.label in SPEAKER_TYPES]

    def mention_at(self, token: Token) -> Mention | None:
        index = bisect_right(self.mention_starts, token.idx) - 1
        while index >= 0 and self.mentions[index].span.start > token.idx - self.config.longest_name:
            if token.idx < self.mentions[index].span.end:
                return self.mentions[index]
            index -= 1
        return None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)
