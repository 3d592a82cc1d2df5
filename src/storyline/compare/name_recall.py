"""Names the model missed in one article, found by the names the other articles of the story use.

The small model tags a name in one sentence and misses it in the next ("NYPD officers shot" after "the NYPD's
statement"), and misses in one article what it tags in others. One sense per discourse: within the articles
resolved together (a story, a topic, the store), a name that one entity goes by (all or nearly all of its uses:
``NameRecallConfig.owner_share``) is that entity wherever it is written the same way. Only names that read as
names where found are taken: written with the same capitals, never written in lower case in those articles
("Post" is not taken where "post" is a word), not run into other capitalised words ("KKK" of "NYPD KKK" is left
alone; a sentence's stop or a day ends a run) and, for a one-word name not in capitals, not opening a sentence,
where a capital says nothing (a quotation mark in running text opens none: 'dubbed the "Oddfather"').

A headline's capitals say nothing of where a name ends. In a title-cased one every name the bodies use is taken
("Lindsay Lohan" of "Lindsay Lohan Checks Out Of Rehab", also over the part the model tagged, "Lindsay", where
that part is already the entity's); in another, a capitalised run made wholly of such names ("Waitrose
Wellington fire: Man denies arson"). A name only other headlines use is left out there: it is often their
misread ("Lindsay Lohan Checks").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from storyline.model import Article, Entity, Mention, Span
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.text import wordlists
from storyline.text.names import ABBREVIATIONS, NAME_SUFFIXES, is_title_head, is_title_part

WORD = re.compile(r"[\w][\w.'’&-]*")
SENTENCE_ENDS = frozenset('.!?"“”\n')
STOPS = (".", "!", "?")
QUOTATION_MARKS = frozenset('"“”‘’\'')
# Punctuation before an opening quotation mark that makes the quotation a sentence of its own ('he said, "Varn').
QUOTE_LEADS = frozenset(",:;.!?")
# Words that end with a full stop of their own and stand inside names ("Reliance Globalcom Ltd. Chairman").
ABBREVIATED_WORDS = frozenset(ABBREVIATIONS) | NAME_SUFFIXES
# Days and months follow a name without being part of it ("told the Daily News Tuesday").
CALENDAR_WORDS = frozenset(wordlists.pairs("weekdays")) | frozenset(wordlists.pairs("months"))


@dataclass(frozen=True)
class NameRecallConfig:
    # By hand: a name shorter than this that is not in capitals is too often a word or an initial ("Al", "Jo").
    shortest_name: int = 4
    # By hand: the most words of a name looked for; longer names are the model's own tags, seldom missed whole.
    longest_name_words: int = 5
    # By hand: the share of a name's uses in the story one entity must hold to take the places the model missed
    # ("Gray" of Kimani Gray 55 times, of a company once); a name two entities share ("Genovese" the family 19
    # times, Vito Genovese 16) is nobody's.
    owner_share: float = 0.9
    # By hand, as the parse's rules read a headline (``NerFixConfig``): a headline of at least this many words, this
    # share of them capitalised, is title-cased.
    headline_min_words: int = 4
    headline_capitalised_share: float = 0.75


CONFIG = NameRecallConfig()


@dataclass(frozen=True)
class _Headline:
    """An article's headline: where it ends, the names looked for in it (those the bodies use) and whether it
    capitalises its words."""
    end: int
    owners: dict[str, Entity]
    title_cased: bool


def recall_names(articles: list[Article], mentions: dict[str, list[Mention]], entities: list[Entity],
                 config: NameRecallConfig = CONFIG) -> None:
    """Add to ``entities`` the places their names are written in ``articles`` where no mention stands."""
    owners = _unambiguous_names(articles, entities, config)
    if not owners:
        return
    entity_at = {(span.article_id, span.start, span.end): id(entity) for entity in entities for span in entity.mentions}
    # A headline's misread ("Lindsay Lohan Checks") is no name to look for in other headlines.
    by_id = {article.id: article for article in articles}
    in_bodies = {by_id[span.article_id].text[span.start:span.end] for entity in entities for span in entity.mentions
                 if span.article_id in by_id and span.start >= by_id[span.article_id].body_start}
    headline_owners = {name: entity for name, entity in owners.items() if name in in_bodies}
    openings = {_first_word(name) for name in owners}
    for article in articles:
        taken = sorted((m.span.start, m.span.end) for m in mentions.get(article.id, []))
        headline = _Headline(article.body_start, headline_owners,
                             _title_cased(article.text[:article.body_start], config))
        for start, end, entity in _occurrences(article.text, owners, openings, headline, config):
            overlapping = [(s, e) for s, e in taken if s < end and start < e]
            # In a headline the model often tags part of a name ("Lindsay" of "Lindsay Lohan Checks Out Of
            # Rehab"): the whole name is taken where the part is already that entity's.
            if overlapping and not (end <= headline.end and all(
                    start <= s and e <= end and entity_at.get((article.id, s, e)) == id(entity)
                    for s, e in overlapping)):
                continue
            entity.mentions.append(Span(article.id, start, end, entity.type))
            entity.variants[article.text[start:end]] = entity.variants.get(article.text[start:end], 0) + 1
            taken.append((start, end))
    for entity in entities:
        entity.mentions.sort(key=lambda s: (s.article_id, s.start, s.end))


def _unambiguous_names(articles: list[Article], entities: list[Entity],
                       config: NameRecallConfig) -> dict[str, Entity]:
    """Each name one entity goes by in nearly all its uses, and that reads as a name: capitalised, long enough or
    in capitals, and a word the articles never write in lower case; no nationality."""
    by_name: dict[str, Counter[int]] = defaultdict(Counter)
    for number, entity in enumerate(entities):
        for name, uses in entity.variants.items():
            by_name[name][number] += uses
    # A nationality names a group only where it heads a noun phrase ("the Greeks"), not as the adjective it
    # mostly is ("Greek police"): the parse decides that, not the letters.
    spread = {number for number, entity in enumerate(entities) if entity.type != "NORP"}
    lower_words = set().union(*(_lower_words(article.text) for article in articles))
    owners = {}
    for name, uses in by_name.items():
        words = WORD.findall(name)
        owner, owned = uses.most_common(1)[0]
        if owned < config.owner_share * uses.total() or owner not in spread or not words or not name[:1].isupper() \
                or len(words) > config.longest_name_words:
            continue
        if not (name.isupper() or len(name) >= config.shortest_name) or name.lower() in lower_words:
            continue
        owners[name] = entities[owner]
    return owners


# A story's articles are read again each time it is named (as it grows, in the pipeline's writer): their words
# are found once.
@lru_cache(maxsize=256)
def _word_bounds(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


@lru_cache(maxsize=256)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(word for word in WORD.findall(text) if word[:1].islower())


def _title_cased(headline: str, config: NameRecallConfig) -> bool:
    """A headline that capitalises its words ("Lindsay Lohan Checks Out Of Rehab"), where capitals say nothing of
    where a name ends: most words capitalised, leaving aside the function words many styles keep in lower case."""
    words = [word for word in WORD.findall(headline)
             if word[:1].isalpha() and not (word.islower() and word in STOP_WORDS)]
    capitalised = sum(word[:1].isupper() for word in words)
    return len(words) >= config.headline_min_words and capitalised >= config.headline_capitalised_share * len(words)


def _occurrences(text: str, owners: dict[str, Entity], openings: set[str], headline: _Headline,
                 config: NameRecallConfig) -> list[tuple[int, int, Entity]]:
    """Where the names are written in the text as whole capitalised runs, and in the headline its own names
    (:func:`_headline_names`): (start, end, entity). ``openings``: the names' first words (:func:`_first_word`)."""
    words = _word_bounds(text)
    found = _headline_names(text, words, headline, config)
    in_headline = {start for start, _, _ in found}
    # A run written as a name opens with the name's first word as written (a one-word name may be that word
    # without a full stop or a possessive): the runs a capitalised word opens are read only when a name opens so.
    position = 0
    for i, (start, word_end) in enumerate(words):
        if start in in_headline:
            position = next(end for s, end, _ in found if s == start)
        if start < position or not text[start].isupper() \
                or not any(form in openings for form in _forms(text[start:word_end])):
            continue
        for j in range(min(len(words), i + config.longest_name_words), i, -1):
            name = next((n for n in _forms(text[start:words[j - 1][1]]) if n in owners), None)
            if name is not None and _stands_alone(text, words, i, j, name):
                found.append((start, start + len(name), owners[name]))
                position = start + len(name)
                break
    return found


def _headline_names(text: str, words: list[tuple[int, int]], headline: _Headline,
                    config: NameRecallConfig) -> list[tuple[int, int, Entity]]:
    """The names of a headline, where capitals do not end a name: in a title-cased one every name of its owners
    found ("Lindsay Lohan" of "Lindsay Lohan Checks Out Of Rehab"), in another a run of capitalised words made
    wholly of such names ("Waitrose" and "Wellington" of "Waitrose Wellington fire: Man denies arson")."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(words) and words[i][1] <= headline.end:
        run_end = i
        while run_end < len(words) and words[run_end][1] <= headline.end and text[words[run_end][0]].isupper() \
                and (run_end == i or text[words[run_end - 1][1]:words[run_end][0]] == " "):
            run_end += 1
        names, named_words, k = [], 0, i
        while k < run_end:
            j = next((j for j in range(min(run_end, k + config.longest_name_words), k, -1)
                      if text[words[k][0]:words[j - 1][1]] in headline.owners), None)
            if j is None:
                k += 1
                continue
            names.append((words[k][0], words[j - 1][1], headline.owners[text[words[k][0]:words[j - 1][1]]]))
            named_words += j - k
            k = j
        if headline.title_cased or named_words == run_end - i:
            found += names
        i = max(run_end, i + 1)
    return found


def _first_word(name: str) -> str:
    """The first word of a name, as :data:`WORD` reads the text's words (a name the bodies use opens with one)."""
    match = WORD.match(name)
    return match.group() if match else ""


def _forms(written: str) -> list[str]:
    """The name a written run may be: as written, without a sentence's full stop, without a possessive."""
    forms = [written, written.rstrip(".")]
    for ending in ("'s", "’s", "'", "’"):
        if written.endswith(ending):
            forms.append(written[:-len(ending)])
    return forms


def _opens_sentence_as_function_word(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """The word opens its sentence and is a function word ("But", "The"), so its capital is the sentence's."""
    start, end = words[index]
    gap = text[words[index - 1][1]:start] if index else "\n"
    before = text[words[index - 1][0]:words[index - 1][1]] if index else ""
    return text[start:end].lower() in STOP_WORDS and (not index or bool(SENTENCE_ENDS & set(gap))
                                                      or before.endswith(STOPS))


def _ends_sentence(word: str) -> bool:
    """The word carries its sentence's stop ("Gray."), so no name runs on past it: not an initial ("W."), an
    abbreviation written with stops ("U.S."), an abbreviated title ("Sgt.") or name word ("Ltd.", "Jr.")."""
    bare = word.rstrip(".!?")
    return word.endswith(STOPS) and len(bare) > 1 and "." not in bare and not is_title_part(word) \
        and bare.lower() not in ABBREVIATED_WORDS


def _opens_sentence(before: str, gap_before: str, first: int) -> bool:
    """Whether the word after ``before`` opens a sentence or a quotation that reads as one: a quotation mark
    after a word in running text ('dubbed the "Oddfather"') opens none."""
    if not first or "\n" in gap_before or before.endswith(STOPS) or any(c in STOPS for c in gap_before):
        return True
    return bool(QUOTATION_MARKS & set(gap_before)) and (before[-1:] in QUOTE_LEADS
                                                        or bool(QUOTE_LEADS & set(gap_before)))


def _stands_alone(text: str, words: list[tuple[int, int]], first: int, last: int, name: str) -> bool:
    """The name is not part of a longer capitalised run (a title may follow it, "Athens Mayor", and a sentence's
    capitalised function word precede it, "But Kline"; a sentence's stop ends a run, "Gray. NYPD officers", and a
    day or a month is no part of a name), and a one-word name not in capitals does not open a sentence unless a
    title stands before or after it ("Mr. Kline", "Athens Mayor")."""
    before = text[words[first - 1][0]:words[first - 1][1]] if first else ""
    after = text[words[last][0]:words[last][1]] if last < len(words) else ""
    last_word = text[words[last - 1][0]:words[last - 1][1]]
    gap_before = text[words[first - 1][1]:words[first][0]] if first else "\n"
    gap_after = text[words[last - 1][1]:words[last][0]] if last < len(words) else "\n"
    before_title = after[:1].isupper() and gap_after.strip() == "" and not _ends_sentence(last_word) \
        and after.rstrip(".").lower() not in CALENDAR_WORDS
    if before_title and not is_title_head(after):
        return False
    if before[:1].isupper() and gap_before.strip() == "" and not is_title_part(before) \
            and not _ends_sentence(before) and not _opens_sentence_as_function_word(text, words, first - 1):
        return False
    opens_sentence = _opens_sentence(before, gap_before, first)
    return not opens_sentence or " " in name or name.isupper() or is_title_part(before) or before_title
