"""The attributions of one article while they are drafted, and what every pass asks of the article about them.

A draft holds token-level cue and source and a character-level content; the passes add drafts, widen or cut their
contents, and ask where sentences, quotations and mentions lie. Sentences are spaCy's, cut again at paragraph
breaks, since spaCy may run a sentence over one (a headline into the lead).

Every question is answered without a pass over all drafts or all quotations, so a long text costs in proportion
to its length: quotations never overlap one another, and drafts never do until the last pass widens one over a
quotation (:meth:`Drafts.set_content`), so of the drafts that overlap no other, the one before a position is the
only one that can hold it; drafts are also kept by where they end, quotations by where they start, with the
furthest end of those before.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from itertools import accumulate
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.extract.quotes import clauses
from storyline.extract.quotes.config import QuoteConfig
from storyline.extract.quotes.genders import person_genders
from storyline.extract.mentions import is_role_nominal
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
    # Its source is a thing, not someone ("A sign said"): no speaker.
    source_is_thing: bool = False
    # What someone decided or wants to do ("decided not to …"): a belief, whatever words inside it are quoted.
    intention: bool = False
    # A transcript line ("SMITH: …"), whose speaker is its label's, found with it.
    labelled: bool = False

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
        # An office no one named in the article holds ("the District Attorney", a cluster of its own) is left to
        # the speaker rules, which look for its holder among the names more loosely than the mentions stage.
        named = {m.entity_id for m in mentions if not is_role_nominal(m, article)}
        self.mentions = sorted((m for m in mentions if m.span.article_id == article.id and m.entity_id in named),
                               key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        # The entities the article names in more than one word somewhere ("Ruth Albers"): one person each.
        self.named_in_full = {m.entity_id for m in self.mentions if " " in m.span.text(article).strip()}
        self.quotes = quoted_spans(article.text)
        self.quote_starts = [start for start, _ in self.quotes]
        self.quote_start_set = set(self.quote_starts)
        self.quote_ends_so_far = list(accumulate((end for _, end in self.quotes), max))
        self.token_starts = [t.idx for t in doc]
        self.sentence_starts = sorted({s.start_char for s in doc.sents} | {start for start, _ in article.paragraphs})
        self.found: list[Draft] = []
        # The drafts by where their contents start, no two of them overlapping; and the few a widened content made
        # overlap another, always looked at.
        self._starts: list[int] = []
        self._by_start: list[Draft] = []
        self._overlapping: list[Draft] = []
        # (where each draft ends, its number in ``found``), in order.
        self._ends: list[tuple[int, int]] = []
        self._number: dict[int, int] = {}
        self._by_cue: dict[int, Draft] = {}
        # How many drafts there were, and where the sources each token heads end first (sources never change).
        self._source_ends: tuple[int, dict[int, int]] = (0, {})

    # --- the drafts -----------------------------------------------------------------------------------------

    def add(self, draft: Draft) -> None:
        """Keep a draft unless it is too short or overlaps one found before."""
        start, end = draft.content
        if end - start < 2 or any(overlap(draft.content, d.content) for d in self._ending_after(start, end)):
            return
        self._number[id(draft)] = len(self.found)
        self.found.append(draft)
        if draft.cue:
            self._by_cue.setdefault(draft.cue[0], draft)
        self._file(draft)
        insort(self._ends, (draft.end, self._number[id(draft)]))

    def set_content(self, draft: Draft, content: tuple[int, int]) -> None:
        """Widen or cut a draft's content."""
        if any(other is draft for other in self._overlapping):
            self._overlapping = [other for other in self._overlapping if other is not draft]
        else:
            at = bisect_right(self._starts, draft.content[0]) - 1
            while self._by_start[at] is not draft:
                at -= 1
            del self._starts[at], self._by_start[at]
        self._ends.remove((draft.end, self._number[id(draft)]))
        draft.content = content
        if any(overlap(content, d.content) for d in self._ending_after(*content)):
            self._overlapping.append(draft)
        else:
            self._file(draft)
        insort(self._ends, (draft.end, self._number[id(draft)]))

    def _file(self, draft: Draft) -> None:
        at = bisect_right(self._starts, draft.content[0])
        self._starts.insert(at, draft.content[0])
        self._by_start.insert(at, draft)

    def with_cue_at(self, position: int) -> Draft | None:
        """The first draft found whose cue starts at ``position``."""
        return self._by_cue.get(position)

    def ending_between(self, start: int, end: int) -> list[Draft]:
        """The drafts whose :attr:`Draft.end` lies in ``[start, end]``, in the order they were found."""
        low = bisect_right(self._ends, (start, -1))
        high = bisect_right(self._ends, (end, len(self.found)))
        return [self.found[number] for _, number in sorted(self._ends[low:high], key=lambda pair: pair[1])]

    def last_end_up_to(self, position: int) -> int | None:
        """The furthest :attr:`Draft.end` at or before ``position``, if any."""
        at = bisect_right(self._ends, (position, len(self.found))) - 1
        return self._ends[at][0] if at >= 0 else None

    def is_speaker_before(self, token_indices: set[int], position: int) -> bool:
        """Whether one of the tokens heads the source of a draft, that source ending at or before ``position``."""
        if self._source_ends[0] != len(self.found):
            ends: dict[int, int] = {}
            for draft in self.found:
                if draft.source is not None:
                    root = draft.source.root.i
                    ends[root] = min(ends.get(root, draft.source.end_char), draft.source.end_char)
            self._source_ends = (len(self.found), ends)
        ends = self._source_ends[1]
        return any(i in ends and ends[i] <= position for i in token_indices)

    def claimed(self, position: int) -> bool:
        """Inside a quotation or an attribution already found: not the start of another attribution."""
        return self.in_quote(position) or any(d.content[0] <= position < d.content[1]
                                              for d in self._ending_after(position, position + 1))

    def covered(self, quote: tuple[int, int]) -> bool:
        return any(d.content[0] <= quote[0] and quote[1] <= d.content[1] or
                   overlap(quote, d.content) * 2 > quote[1] - quote[0] for d in self._ending_after(*quote))

    def _ending_after(self, start: int, end: int) -> list[Draft]:
        """Every draft whose content may overlap ``[start, end)``: of the drafts that overlap none, those starting
        before ``end`` and ending after ``start`` (found from the last of them back), and the others."""
        found = list(self._overlapping)
        at = bisect_right(self._starts, end - 1) - 1
        while at >= 0 and self._by_start[at].content[1] > start:
            found.append(self._by_start[at])
            at -= 1
        return found

    def attribution(self, draft: Draft) -> Attribution:
        article = self.article
        cue = article.span(*draft.cue, "CUE") if draft.cue else None
        source = article.span(draft.source.start_char, draft.source.end_char, "SOURCE") if draft.source else None
        content = article.span(*draft.content, "CONTENT")
        quoted = not draft.intention and any(draft.content[0] <= start and end <= draft.content[1]
                                             for start, end in self.quotes)
        antecedent = article.span(*draft.antecedent, "ANTECEDENT") if draft.antecedent else None
        return Attribution(content, cue, source, draft.speaker, self.opens_with_quote(draft.content),
                           with_quotation(draft.kind) if quoted else draft.kind, antecedent, draft.source_is_thing)

    def subject(self, verb: Token) -> DocSpan | None:
        """Who the verb's clause says spoke (:func:`~storyline.extract.quotes.clauses.subject`)."""
        return clauses.subject(verb, self.in_quote, self.config)

    # --- quotations -----------------------------------------------------------------------------------------

    def in_quote(self, position: int) -> bool:
        """Inside a quotation, past its opening mark and before its closing one."""
        at = bisect_right(self.quote_starts, position - 1) - 1
        return at >= 0 and position < self.quote_ends_so_far[at] - 1

    def quotes_starting_within(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The quotations starting inside ``span``, in text order."""
        return self.quotes[bisect_right(self.quote_starts, span[0]) : bisect_right(self.quote_starts, span[1] - 1)]

    def opens_with_quote(self, content: tuple[int, int]) -> bool:
        """Direct speech: the content begins with a quotation (what follows may continue it)."""
        return content[0] in self.quote_start_set

    def closes_on(self, quote: tuple[int, int], punctuation: str) -> bool:
        """Whether the quotation's last character before its closing mark is one of ``punctuation``."""
        inside = self.text[quote[0] : quote[1]]
        inside = inside[:-2] if inside.endswith(("''", "``")) else inside[:-1]
        return inside.rstrip()[-1:] in tuple(punctuation)

    def carries_on_clause(self, quote: tuple[int, int]) -> bool:
        """Whether a word stands right before the quotation's mark: "called the plan “a disgrace”"."""
        end = self.lead_in_end(quote[0])
        return end > 0 and self.text[end - 1].isalnum()

    def lead_in_end(self, position: int) -> int:
        """Where the text before ``position`` ends, white space left out: ``len(text[:position].rstrip())``
        without copying the text before it, which in a long article would cost its length at every quotation."""
        while position > 0 and self.text[position - 1].isspace():
            position -= 1
        return position

    def snap_to_quotes(self, content: tuple[int, int]) -> tuple[int, int]:
        """Make a content that cuts a quotation take all of it, or none of it when it took only a sliver
        (a parse that ran a clause on into the quotation after it)."""
        start, end = content
        # Quotations that all end before the content leave it as it is; from the first that starts at or after
        # its end on, none can reach it.
        for q_start, q_end in self.quotes[bisect_right(self.quote_ends_so_far, start):]:
            if q_start >= end:
                break
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

    @cached_property
    def genders(self) -> dict[str, str]:
        """The gender of each person the article names, where its words say it (:mod:`.genders`)."""
        return person_genders(self.article, self.mentions)

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
