"""Roles: the titles people are named with, and which named person a role noun ("the minister") stands for.

A title run before a name ("Norway's Minister of Fisheries Ola Berg") or set off by commas beside it ("Karin
Lund, the Swedish finance minister") is parsed off the name as its role, with the country or body it belongs to.
Who holds a role noun is decided here too, for two callers:

- the mentions stage (:func:`role_nominals`) links a definite role nominal ("the supreme leader", "the Iraqi
  president") to the nearest person whose parsed title has all of its title words, no rank it lacks ("the
  minister" is not the prime minister) and no other country; a role nominal no named person holds stays out,
  since it cannot be told apart from a generic use, and a wrong link would merge two entities, unless it is
  capitalised ("the Mayor"): then it stands alone, for the story's articles to say who holds it;
- speaker resolution (:func:`holders`), for a source the mentions stage left unlinked ("the farmer said"),
  takes the earlier mentions whose parsed role, or a title word the parse hangs on its name, is the noun: it
  picks one speaker and merges nothing, so it accepts any noun, not only offices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.model import Mention
from storyline.parse.clitics import POSSESSIVES as POSSESSIVE_MARKERS
from storyline.text import wordlists
from storyline.text.names import OFFICES, TITLE_LINKS, fold, is_title_head, is_title_part, title_word

QUALIFIER_TYPES = frozenset({"GPE", "NORP", "ORG", "LOC"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "any", "every", "each", "another", "no", "some", "one"})
DETERMINERS = frozenset({"the", "this", "that"})
GLUING_QUOTES = frozenset('"“”')
# Country adjectives and names share their first letters ("Iraqi"/"Iraq's", "Iranian"/"Iran"); these do not.
QUALIFIER_ALIASES = wordlists.pairs("country_aliases")
# Words that make another office of a title: "the minister" is not the prime minister, nor "the president" the
# vice president.
RANKS = wordlists.words("title_ranks")
# Office words a title may abbreviate before a name ("Sen." of "senator"): a role noun in full finds them.
OFFICE_ABBREVIATIONS = wordlists.pairs("office_abbreviations")


@dataclass(frozen=True)
class RoleConfig:
    # By hand: enough letters to join "Iraqi" and "Iraq's", "Iranian" and "Iran", but keep "Iraq" from "Iran".
    qualifier_stem: int = 4
    # By hand: "of the Gdansk port authority" is a title's complement; an "of" phrase longer than this is a clause.
    max_complement_tokens: int = 8
    # By hand: how many words before a name a speaker's title may stand ("the striker Jan Nowak").
    title_window: int = 4


CONFIG = RoleConfig()


@dataclass(slots=True)
class Named:
    """A named mention of one article with its title parsed off (token offsets); ``cluster`` is the mentions
    stage's."""

    text: str
    start: int  # token offsets of the name, titles excluded
    end: int
    label: str
    role: str | None
    role_range: tuple[int, int] | None
    role_words: frozenset[str]
    cluster: int = -1
    # Characters of the first token before the name: a text that lost the space after a quotation gives one token
    # 'now,"Heller' for the words 'now," Heller'.
    glued: int = 0


def named_mention(doc: Doc, ent: DocSpan, config: RoleConfig = CONFIG) -> Named | None:
    """A named entity of the parse with a person's title parsed off it, if it has one."""
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    if start == ent.end:
        return None
    glued = _glued_prefix(doc[start].text)
    role_range = _title_before(doc, start) if ent.label_ == "PERSON" else None
    role_range = role_range or (_title_in_apposition(doc, ent, config) if ent.label_ == "PERSON" else None)
    if role_range is None:
        return Named(doc[start:ent.end].text[glued:], start, ent.end, ent.label_, None, None, frozenset(),
                     glued=glued)
    role_tokens = doc[role_range[0]:role_range[1]]
    return Named(doc[start:ent.end].text[glued:], start, ent.end, ent.label_, role_tokens.text, role_range,
                 frozenset(title_word(t.text) for t in role_tokens if is_title_part(t.text)), glued=glued)


def _glued_prefix(token: str) -> int:
    """How many characters of a name's first token belong to the words before it: those up to a quotation mark
    that stands between punctuation or a letter and the name's capital ('now,"Heller', 'injustice"across')."""
    for i in range(len(token) - 2, 0, -1):
        if token[i] in GLUING_QUOTES and token[i + 1].isupper() and not token[i - 1].isspace():
            return i + 1
    return 0


def _title_before(doc: Doc, name_start: int) -> tuple[int, int] | None:
    """The title run right before a name, with the country or body it belongs to ("US", "Iran's")."""
    start = name_start
    while start > 0 and (is_title_part(doc[start - 1].text) or _links_titles(doc, start - 1)
                         or (doc[start - 1].ent_type_ in QUALIFIER_TYPES and start - 2 >= 0
                             and doc[start - 2].lower_ in ("of", "for"))):
        start -= 1
    while start < name_start and not is_title_part(doc[start].text):
        start += 1
    if not any(is_title_head(t.text) for t in doc[start:name_start]):
        return None
    return _with_qualifier(doc, _with_modifiers(doc, start, name_start)), name_start


def _links_titles(doc: Doc, i: int) -> bool:
    """Whether a word links the words of a title: "of", "for", "the", and an "and" between two title words
    ("Minister of Trade and Industry"), not one that ends a clause before a title ("won his home state of Florida
    and Gov. Lee won …")."""
    if doc[i].lower_ not in TITLE_LINKS:
        return False
    return doc[i].lower_ not in ("and", "&") or (i > 0 and is_title_part(doc[i - 1].text))


def _with_modifiers(doc: Doc, start: int, end: int) -> int:
    """Extend a title leftwards over the words that modify it: "fire service" of "fire service commander"."""
    while (start > 0 and doc[start - 1].dep_ in ("compound", "amod") and start <= doc[start - 1].head.i < end
           and doc[start - 1].is_alpha and not doc[start - 1].ent_type_):
        start -= 1
    return start


def _with_qualifier(doc: Doc, start: int) -> int:
    if start >= 2 and doc[start - 1].text in POSSESSIVE_MARKERS and doc[start - 2].ent_type_ in QUALIFIER_TYPES:
        start -= 2
    elif start >= 1 and doc[start - 1].ent_type_ in QUALIFIER_TYPES:
        start -= 1
    else:
        return start
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
        start -= 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _title_in_apposition(doc: Doc, ent: DocSpan, config: RoleConfig) -> tuple[int, int] | None:
    """A title set off by commas: "Sweden's Minister of Finance, Karin Lund" / "Lena Varga, the Hungarian
    transport minister"."""
    root = ent.root
    heads = [root.head] if root.dep_ == "appos" else []
    heads += [child for child in root.children if child.dep_ == "appos"]
    for head in heads:
        if title_word(head.text) in OFFICES and not ent.start <= head.i < ent.end:
            start, end = _title_phrase(doc, head, config)
            if start >= ent.end:  # after the name, the title keeps its possessor: "the union's chairman"
                start = max(ent.end, min(start, head.left_edge.i))
                while start < head.i and (doc[start].is_punct or doc[start].lower_ in DETERMINERS):
                    start += 1
            gap = doc[end:ent.start] if end <= ent.start else doc[ent.end:start]
            if (end <= ent.start or start >= ent.end) and all(t.is_punct or t.lower_ in DETERMINERS for t in gap):
                return start, end
    return None


def _title_phrase(doc: Doc, head: Token, config: RoleConfig) -> tuple[int, int]:
    """Token range of a title around its head word: the words of the title before it with their country or
    body ("Norway's Deputy"), and an "of" complement after it ("of Fisheries and Coastal Affairs")."""
    start = head.i
    while start > 0 and is_title_part(doc[start - 1].text):
        start -= 1
    start = _with_qualifier(doc, _with_modifiers(doc, start, head.i + 1))
    end = head.i + 1
    if end < len(doc) and doc[end].lower_ in ("of", "for") and doc[end].head.i == head.i:
        complement_end = doc[end].right_edge.i + 1
        if (complement_end - end <= config.max_complement_tokens
                and not any(t.is_punct for t in doc[end:complement_end])):
            return start, complement_end
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end + 1].is_title:
        end += 2
        while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in TITLE_LINKS and end + 1 < len(doc)
                                                        and doc[end + 1].is_title)):
            end += 1
    return start, end


def _office_words(doc: Doc) -> list[Token]:
    """The tokens whose word is an office, found once per distinct word of the text rather than token by token."""
    distinct, inverse = np.unique(doc.to_array(LOWER), return_inverse=True)
    strings = doc.vocab.strings
    office = np.fromiter((title_word(strings[key]) in OFFICES for key in distinct.tolist()), bool, len(distinct))
    # Each token's word read through its index among the distinct ones: ``np.isin`` sorted the text's words again.
    return [doc[i] for i in np.flatnonzero(office[inverse]).tolist()]


def role_nominals(doc: Doc, named: list[Named], taken: set[int],
                  config: RoleConfig = CONFIG) -> list[tuple[tuple[int, int], Named | None]]:
    """Definite singular title phrases not attached to a name, each with the named person holding that title, or
    None for a capitalised one ("the Mayor", "the Surgeon General") no named person in the article holds: a
    capital marks one office holder, whom the story's other articles may name.

    ``taken`` holds the tokens of people's names and of the titles already parsed off them.
    """
    holders = [m for m in named if m.label == "PERSON" and m.role_words]
    # A capitalised office word that is a word of a name here is that name ("King" after "Tishana King").
    name_words = {token.lower_ for m in named for token in doc[m.start:m.end]}
    found = []
    for token in _office_words(doc):
        word = title_word(token.text)
        # A rank that is an office of its own ("Deputy Ortiz") is too often another office's ("the deputy" of a
        # minister, of a sheriff) to stand for the one person holding it.
        if word not in OFFICES or word in RANKS or token.i in taken or token.ent_type_ \
                or token.tag_ not in ("NN", "NNP"):
            continue
        if token.dep_ == "compound" or not _is_definite(token):
            continue
        start, end = _title_phrase(doc, token, config)
        if any(i in taken for i in range(start, end)):
            start, end = token.i, token.i + 1
        qualifier = _qualifier(doc, start, token.i, config)
        words = {title_word(t.text) for t in doc[start:token.i + 1] if is_title_part(t.text)}
        candidates = [h for h in holders if words <= h.role_words and not (h.role_words & RANKS) - words
                      and _qualifiers_agree(doc, h, qualifier, config)]
        if candidates:
            found.append(((start, end), _nearest_named(candidates, token.i)))
        elif token.is_title and not token.is_sent_start and token.lower_ not in name_words:
            found.append(((start, end), None))
    return found


def _qualifier(doc: Doc, start: int, head: int, config: RoleConfig) -> str | None:
    """The country or body a title belongs to ("Swedish", "Sweden's", "US"), folded to a comparable key."""
    words = [doc[i].text for i in range(start, head) if doc[i].ent_type_ in QUALIFIER_TYPES]
    if not words:
        return None
    folded = fold(" ".join(words))
    return QUALIFIER_ALIASES.get(folded, folded.replace(" ", "")[:config.qualifier_stem])


def _is_definite(token: Token) -> bool:
    determiners = [child.lower_ for child in token.children if child.dep_ in ("det", "predet")]
    if any(d in INDEFINITE_DETERMINERS for d in determiners):
        return False
    has_possessor = any(child.dep_ == "poss" for child in token.children)
    return bool(determiners) or has_possessor or token.is_title


def _qualifiers_agree(doc: Doc, holder: Named, qualifier: str | None, config: RoleConfig) -> bool:
    if qualifier is None or holder.role_range is None:
        return True
    holder_qualifier = _qualifier(doc, *holder.role_range, config)
    return holder_qualifier is None or holder_qualifier == qualifier


def _nearest_named(candidates: list[Named], position: int) -> Named:
    before = [c for c in candidates if c.start < position]
    if before:
        return max(before, key=lambda c: c.start)
    return min(candidates, key=lambda c: c.start)


def holders(noun: Token, earlier: Sequence[Mention], words: frozenset[str] = frozenset(),
            config: RoleConfig = CONFIG) -> list[str]:
    """The entities of the ``earlier`` mentions (in text order) that carry the noun's role word and the other
    title ``words`` with it ("interior" of "the interior secretary"), nearest first: in its parsed role, or among
    the words the parse sets before or beside its name ("the striker Jan Nowak", "Jan Nowak, a striker"). Not a
    word whose role is another's: the owner in "the star's rep Jack Ketsoyan", a word of a clause in apposition
    ("Barry Fleming, a Republican who led a bid … if two jurors voted against")."""
    doc = noun.doc
    wanted = words | {noun.lemma_.lower()}
    found: list[str] = []
    for mention in reversed(earlier):
        if mention.span.label != "PERSON" and mention.role is None or mention.entity_id in found:
            continue
        if mention.role and wanted <= {_in_full(title_word(word)) for word in mention.role.split()}:
            found.append(mention.entity_id)
            continue
        name = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if name is None:
            continue
        before = range(max(name.start - config.title_window, name.sent.start), name.start)
        # Words before the name that hang on it ("the striker Jan Nowak"), not the end of another phrase
        # ("major-league sources said Teixeira would …").
        titles = [doc[i] for i in before if _hangs_on(doc[i], before, name)]
        titles += [t for t in name.root.children if t.dep_ in ("appos", "compound", "amod")]
        titles += [t for a in name.root.children if a.dep_ == "appos" for t in _phrase(a)]
        titles = [t for t in titles if not _owns(t, name)]
        if wanted <= {t.lemma_.lower() for t in titles} | {_in_full(title_word(t.text)) for t in titles}:
            found.append(mention.entity_id)
    return found


def _in_full(word: str) -> str:
    """The office word an abbreviation stands for ("sen" is "senator"); any other word as it is."""
    return OFFICE_ABBREVIATIONS.get(word, word)


def _phrase(head: Token) -> list[Token]:
    """The words of the noun phrase the head heads, without the clauses in it."""
    words, stack = [], [head]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "xcomp"))
    return words


def _owns(token: Token, name: DocSpan) -> bool:
    """Whether the token hangs on the name as the owner of another word ("star" in "the star's rep Jack
    Ketsoyan"), whose role is not the name's."""
    while not name.start <= token.i < name.end and token.head.i != token.i:
        if token.dep_ == "poss":
            return True
        token = token.head
    return False


def _hangs_on(token: Token, before: range, name: DocSpan) -> bool:
    """Whether the token's heads run through the words ``before`` the name into the name."""
    while token.i in before and token.head.i != token.i:
        token = token.head
    return name.start <= token.i < name.end
