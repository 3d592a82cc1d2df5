"""The same statement across the articles of a story, in its wordings, with who each outlet gives it to.

Two attributions are one statement when their speakers are the same (story-level entity, or the same source as
written when no entity stands for it) and their content words (stop words aside) mostly agree in order ("Not one
more family will lose its home to this river" ~ "Not a single family more will lose its home to this river"), or
when their words are nearly identical whoever they are given to. Statements gather around their fullest wording:
each attribution, longest first, joins the statement whose first wording it matches best, so a short fragment
("Deep Throat") joins one statement and never links two. The words of a direct quote are those inside its quote
marks ("“A,” he said in a statement. “B”" reads "A B"); those of indirect speech are its content without its own
cue and source.

A statement's speaker is the one its outlets give it most, a name counting over a pronoun or role noun resolved to
it; outlets disagree about who said it when they name different speakers. Then the statement is given to each of
them, with the outlets that name that speaker ("the spokesman said" in one, "the governor said in a statement" in
another): one speaker for all would give every other outlet's words to someone it never named, and a wrong speaker
costs an editor more than a missing one. An outlet that names no one (a pronoun, a role noun, a source left
unresolved) takes the speaker of the named ones it was resolved to, else the statement's speaker. Words an outlet
gives to several people it does not name ("authorities", "published reports", "producers") are never one statement
with the same words another gives to one person: they are another source, not that person described another way,
and the person would otherwise be named as their speaker.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.compare.grouping import groups
from storyline.model import Article, Attribution
from storyline.text import wordlists
from storyline.text.names import is_partial, tokens
from storyline.text.quotemarks import quoted_spans


@dataclass(frozen=True)
class QuoteMatchConfig:
    # By hand: the share of the shorter wording's content words that two wordings must share, in order, to be
    # one quote when they have the same speaker ...
    same_speaker_agreement: float = 0.6
    # ... and when their speakers differ or are unknown (then only near-identical wordings are one quote).
    any_speaker_agreement: float = 0.85
    # By hand: two wordings sharing fewer content words than this are never one quote ("will not", "the plan") ...
    min_shared_content_words: int = 2
    # ... nor, when they are given to different speakers or to none, fewer than this ("that Felt was the source"
    # is in many statements).
    any_speaker_min_shared_content_words: int = 4
    # By hand: in the vote for a statement's speaker, an outlet naming the speaker counts this many times one
    # whose pronoun or role noun was resolved to them.
    named_speaker_weight: int = 2


CONFIG = QuoteMatchConfig()
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Sources that say nothing of who spoke by themselves ("he", "who"): no label stands for them.
_PRONOUNS = frozenset(wordlists.pairs("speaker_pronouns")) | {"who", "which", "that", "whom", "his", "her", "its",
                                                              "their", "our", "my", "you"}
_DETERMINERS = frozenset({"the", "a", "an"})
# Quotation marks and brackets a source's words may stand in: '"The Daily Courier" reported'.
_ENCLOSING = "\"'“”‘’()[] "
# Quantifiers standing alone for people ("Some said …", "Many believe …"): they say how many, not who.
_QUANTIFIERS = frozenset({"some", "many", "most", "few", "several", "others", "all", "both", "none", "one", "each",
                          "any", "more", "fewer"})


@dataclass(frozen=True)
class Speaker:
    """Whom an outlet gives a quote to: the story-level entity, its name and type (None when no entity stands for
    its source); whether its source names that entity (rather than a pronoun or a role noun resolved to it); and,
    when no entity stands for it, the source as written, folded ("police", "diplomats in beirut"), and whether
    that source is several people or things (its head a plural: "authorities", "published reports")."""

    entity: str | None
    named: bool = False
    label: str | None = None
    name: str | None = None
    type: str | None = None
    several: bool = False


def source_label(text: str) -> str | None:
    """A source as written, folded to compare across outlets: lower case, one space, no quotation marks or brackets
    around it (an outlet's name in quotation marks is the same outlet), no leading article; None for a pronoun or a
    quantifier alone ("Some"), which say nothing of who spoke by themselves."""
    words = text.strip(_ENCLOSING).lower().split()
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    if not words or len(words) == 1 and words[0] in _PRONOUNS | _QUANTIFIERS:
        return None
    return " ".join(words)


@dataclass
class Wording:
    """One way the quote was worded, with the outlets (``Article.outlet``) that carried it; ``speakers[i]`` is
    whom ``members[i]``'s outlet gives it to."""

    text: str
    outlets: list[str]
    members: list[tuple[str, Attribution]]
    speakers: list[Speaker]


@dataclass
class WordChange:
    """A difference between the group's main wording and another: "replace", "delete" or "insert"."""

    op: str
    main: str
    other: str


@dataclass
class QuoteGroup:
    """One statement across articles: its members as ``(article_id, Attribution)``, wordings and their differences.

    ``wordings[0]`` is the wording most outlets carried; ``diffs[i]`` lists how ``wordings[i + 1]`` differs from
    it. ``speaker`` is the story-level entity most outlets give it to (None when none does), ``label`` the source
    as written most give it to when no entity stands for it; ``speakers`` are every entity given it, the speaker
    first; ``member_speakers[i]`` is whom ``members[i]``'s outlet gives it to. ``speaker_conflict`` says that
    outlets name different speakers for it.
    """

    members: list[tuple[str, Attribution]]
    member_speakers: list[Speaker]
    speaker: str | None
    label: str | None
    wordings: list[Wording]
    diffs: list[list[WordChange]] = field(default_factory=list)
    # When outlets name different speakers for the statement, it is given to each (one group per speaker): these
    # are the members and speakers of the whole statement, every outlet's, which the conflict is shown from.
    statement_members: list[tuple[str, Attribution]] = field(default_factory=list)
    statement_speakers: list[Speaker] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        others = sorted({s.entity for s in self.member_speakers if s.entity and s.entity != self.speaker})
        return ([self.speaker] if self.speaker else []) + others

    @property
    def speaker_conflict(self) -> bool:
        """Two outlets name different speakers: not a pronoun or role noun resolved to someone else, nor two names
        of which one is part of the other ("Kyriakides", "Paris Kyriakides"), which may be one person."""
        speakers = self.statement_speakers or self.member_speakers
        named = {s.entity: tokens(s.name or "") for s in speakers if s.entity and s.named}
        return any(not (is_partial(a, b) or is_partial(b, a)) for a, b in combinations(named.values(), 2))

    @property
    def given_to(self) -> list[tuple[str, Speaker]]:
        """Every outlet's member of the whole statement (article id) with whom that outlet gives it to."""
        if self.statement_members:
            return [(aid, s) for (aid, _), s in zip(self.statement_members, self.statement_speakers)]
        return [(aid, s) for (aid, _), s in zip(self.members, self.member_speakers)]

    @property
    def outlets(self) -> list[str]:
        return sorted({outlet for wording in self.wordings for outlet in wording.outlets})


def named_speakers(speakers: list[Speaker]) -> list[set[str]]:
    """The people outlets name for a statement, each as the entities that may be them: entities named by names of
    which one is part of the other ("Kyriakides", "Paris Kyriakides") may be one person. A pronoun or a role noun
    resolved to someone names no one."""
    named = {s.entity: tokens(s.name or "") for s in speakers if s.entity and s.named}
    entities = sorted(named)
    return [{entities[i] for i in group} for group in groups(len(entities), lambda i, j: is_partial(
        named[entities[i]], named[entities[j]]) or is_partial(named[entities[j]], named[entities[i]]))]


@dataclass
class _Quote:
    article: Article
    attribution: Attribution
    speaker: Speaker
    words: list[str]
    key: tuple[str, ...]
    content_words: list[str]


def quote_words(article: Article, attribution: Attribution, quotations: list[tuple[int, int]]) -> list[str]:
    """The words of a quote: for direct speech, what stands inside its quotations (``quotations``: the article's
    :func:`~storyline.text.quotemarks.quoted_spans`); else its content without the cue and source set inside it, nor the
    "that" of indirect speech."""
    content = attribution.content
    quoted = [(start, end) for start, end in quotations if content.start <= start and end <= content.end]
    if attribution.direct and quoted:
        return [_word(match) for start, end in quoted for match in _WORD.finditer(article.text, start, end)]
    cut = [s for s in (attribution.cue, attribution.source) if s is not None and content.start <= s.start < content.end]
    words = [_word(match) for match in _WORD.finditer(article.text, content.start, content.end)
             if not any(s.start <= match.start() < s.end for s in cut)]
    if words and not attribution.direct and words[0].lower() == "that":
        return words[1:]
    return words


def _word(match: re.Match) -> str:
    return match.group().replace("’", "'")


def match(quotes: Iterable[tuple[Article, Attribution]], speaker_of: Callable[[Article, Attribution], Speaker],
          config: QuoteMatchConfig = CONFIG) -> list[QuoteGroup]:
    """Group the attributions of a story into statements; ``speaker_of`` says whom each outlet gives one to.

    Every attribution with words lands in exactly one group; groups carried by more outlets come first.
    """
    quotations: dict[str, list[tuple[int, int]]] = {}
    items = []
    for article, attribution in quotes:
        if article.id not in quotations:
            quotations[article.id] = quoted_spans(article.text)
        words = quote_words(article, attribution, quotations[article.id])
        if words:
            key = tuple(word.lower() for word in words)
            items.append(_Quote(article, attribution, speaker_of(article, attribution), words, key,
                                [word for word in key if word not in STOP_WORDS]))
    statements: list[list[_Quote]] = []
    for item in sorted(items, key=lambda q: -len(q.content_words)):
        scores = [(_match_score(item, statement[0], config), index) for index, statement in enumerate(statements)
                  if not any(_other_sources(item.speaker, member.speaker) for member in statement)]
        best = max((score for score in scores if score[0] is not None), default=None)
        if best is None:
            statements.append([item])
        else:
            statements[best[1]].append(item)
    found = [group for members in statements for group in _by_named_speaker(members, config)]
    return sorted(found, key=lambda g: (-len(g.outlets), -len(g.members)))


def _agreement(a: list[str], b: list[str]) -> tuple[float, int]:
    """How many content words two wordings share in order, and their share of the shorter wording's words.

    Against the shorter wording, so that a partial quote ("lose its home") joins the fuller one it was cut from.
    """
    if not a or not b:
        return 0.0, 0
    shared = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return shared / min(len(a), len(b)), shared


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    return a.entity is not None and a.entity == b.entity or (
        a.entity is None and b.entity is None and a.label is not None and a.label == b.label)


def _other_sources(a: Speaker, b: Speaker) -> bool:
    """Whether two speakers cannot be one source described two ways: several people no entity stands for
    ("authorities", "producers") and one person. Their words are two outlets' two attributions, and one statement
    would give the several's words to that person."""
    return a.several and b.type == "PERSON" or b.several and a.type == "PERSON"


def _match_score(item: _Quote, main: _Quote, config: QuoteMatchConfig) -> tuple | None:
    """How well an attribution matches a statement's first wording (higher is better), None when it is not that
    statement: the same words, or enough of them for the speakers they are given to."""
    same_speaker = _same_speaker(item.speaker, main.speaker)
    if item.key == main.key:
        return 2, same_speaker, 1.0
    agreement, shared = _agreement(item.content_words, main.content_words)
    if shared < (config.min_shared_content_words if same_speaker else config.any_speaker_min_shared_content_words):
        return None
    if agreement < (config.same_speaker_agreement if same_speaker else config.any_speaker_agreement):
        return None
    return 1, same_speaker, agreement


def _by_named_speaker(members: list[_Quote], config: QuoteMatchConfig) -> list[QuoteGroup]:
    """A statement as groups, one per speaker its outlets name, each with the outlets naming that speaker; an outlet
    naming no one joins the speaker its source was resolved to when another names them, else the statement's
    speaker (most voted): its weak attribution never overrides the named ones."""
    people = named_speakers([member.speaker for member in members])
    if len(people) < 2:
        return [_group(members, config)]
    person_of = {entity: index for index, person in enumerate(people) for entity in person}
    votes = _votes(members, config)
    default = max(range(len(people)), key=lambda i: (sum(votes[e] for e in people[i]), -i))
    shares: list[list[_Quote]] = [[] for _ in people]
    for member in members:
        shares[person_of.get(member.speaker.entity or "", default)].append(member)
    found = [_group(share, config) for share in shares]
    for group in found:
        group.statement_members = [(m.article.id, m.attribution) for m in members]
        group.statement_speakers = [m.speaker for m in members]
    return found


def _votes(members: list[_Quote], config: QuoteMatchConfig) -> Counter:
    """Each entity's votes as a statement's speaker: an outlet naming it counts over one resolving a pronoun to it."""
    votes: Counter = Counter()
    for member in members:
        if member.speaker.entity:
            votes[member.speaker.entity] += config.named_speaker_weight if member.speaker.named else 1
    return votes


def _group(members: list[_Quote], config: QuoteMatchConfig) -> QuoteGroup:
    by_key: dict[tuple[str, ...], list[_Quote]] = {}
    for member in members:
        by_key.setdefault(member.key, []).append(member)
    wordings = [Wording(" ".join(same[0].words), sorted({m.article.outlet for m in same}),
                        [(m.article.id, m.attribution) for m in same], [m.speaker for m in same])
                for same in by_key.values()]
    # The main wording: carried by most outlets, and the speaker's own words before a paraphrase.
    wordings.sort(key=lambda w: (-len(w.outlets), not any(a.direct for _, a in w.members), -len(w.members)))
    speaker = _most_common(_votes(members, config))
    labels = Counter(m.speaker.label for m in members if m.speaker.label)
    return QuoteGroup(
        members=[(m.article.id, m.attribution) for m in members],
        member_speakers=[m.speaker for m in members],
        speaker=speaker,
        label=None if speaker else _most_common(labels),
        wordings=wordings,
        diffs=[word_changes(wordings[0].text, other.text) for other in wordings[1:]],
    )


def _most_common(votes: Counter) -> str | None:
    """The most voted, the first in name order among equals (so the result does not depend on article order)."""
    return min(votes, key=lambda key: (-votes[key], key)) if votes else None


def word_changes(main: str, other: str) -> list[WordChange]:
    """Word-level differences from ``main`` to ``other``, case and punctuation aside."""
    a, b = main.split(), other.split()
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    return [WordChange(op, " ".join(a[i0:i1]), " ".join(b[j0:j1]))
            for op, i0, i1, j0, j1 in matcher.get_opcodes() if op != "equal"]
