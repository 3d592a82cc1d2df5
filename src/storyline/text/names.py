"""Name normalisation and comparison: when two written names can denote the same person, organisation or place.

News spells names from other scripts many ways ("Abdul"/"Abdel", "Qassim"/"Qasem", "al-Sudani"/"Sudani"),
with or without diacritics, hyphens, apostrophes and full stops ("U.S."/"US"). A name is folded to ASCII
lowercase content tokens; two tokens are the same word when they are equal, or when they share a consonant
skeleton (the transliteration-stable part) and as many vowel sounds, and are close in Jaro-Winkler similarity:
"Qassim" and "Qasem", "Abdul" and "Abdel", "Bettie" and "Betty" join, while "Hussein" and "Hassan" (too far),
"Bell" and "Bella", "Paul" and "Paula", "Angels" and "Angeles" (a vowel more is another name) stay apart. Whole
names are compatible when the shorter one's tokens appear in order in the longer one (a partial name) or when one
is the acronym of the other.

Sets of names (a mention's, an article's cluster, an entity built across articles) are compared with
:func:`same_entity`, the one rule the mentions stage and cross-article resolution share. The module also holds the
vocabulary of titles, offices and honorifics that are parsed off names as roles (word lists in ``data/``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from storyline.text import gazetteer, wordlists

PARTICLES = wordlists.words("name_particles")
NAME_SUFFIXES = wordlists.words("name_suffixes")
ABBREVIATIONS = wordlists.pairs("name_abbreviations")
PLACE_NOUNS = wordlists.words("place_designators")
PLACE_MODIFIERS = wordlists.words("place_modifiers")
PLACE_DESIGNATORS = PLACE_NOUNS | PLACE_MODIFIERS
COORDINATORS = frozenset({"and", "&"})
# The words between an institution's head and what it is of or for ("Ministry of the Interior").
INVERTING_LINKS = frozenset({"of", "for", "the"})
INSTITUTION_WORDS = wordlists.words("institution_words")
# The words that end a street's name ("Avenue", "Ave."), in full and abbreviated; not those that also end an
# institution's ("Court").
STREET_ENDS = frozenset(word for word, kind in wordlists.pairs("street_designators").items()
                        if kind.split()[0] == "end") - INSTITUTION_WORDS
COMPANY_WORDS = wordlists.words("company_words")
# The words that end an organisation's name ("Networks", "Department", "Party"), company suffixes among them.
ORGANISATION_ENDS = COMPANY_WORDS | wordlists.words("organisation_words")
WORK_OF_ART = "WORK_OF_ART"
GIVEN_NAME_FORMS = wordlists.pairs("given_name_forms")
# Nouns that name a person ("Republican", "hacker") and are no one's given name, from WordNet's person nouns less
# the given-name lists: a calling or an affiliation before a name ("Republican Bob Dole"), not its first word.
PERSON_NOUNS_NOT_GIVEN = wordlists.words("person_nouns") - frozenset(wordlists.pairs("given_name_genders")) \
    - frozenset(GIVEN_NAME_FORMS)
# Names of one place that share no letters to compare them by ("America", "United States", "U.S."; "Mo.",
# "Missouri"): country names, and the abbreviations of states that are also common words.
PLACE_ALIASES = wordlists.pairs("country_aliases") | wordlists.pairs("state_abbreviations")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# The model's labels for a given name it did not know as one, other than places.
MISTYPED_GIVEN_NAME_LABELS = frozenset({"ORG", "NORP", "PRODUCT", WORK_OF_ART})
# By hand: the Jaro-Winkler similarity from which two spellings with one consonant skeleton are one word
# ("Qassim"/"Qasem" join, "Hussein"/"Hassan" do not), and the shortest words compared that loosely.
SIMILAR_SPELLING = 0.8
SHORTEST_FUZZY_TOKEN = 4
# By hand: a lone given name shorter than this ("Al", "Jo") is as likely an abbreviation or an initial.
SHORTEST_GIVEN_NAME = 3
# By hand: a given name clipped to its start ("Stan" of "Stanley", "Chris" of "Christopher") leaves off at least
# this many letters; one letter makes another name ("Paul", "Paula"; "Eric", "Erica").
SHORTEST_CLIPPING = 2
# By hand: the shortest surname that one letter changed ("Kougias"/"Kouyias") still leaves the same person's
# under the same given name; shorter ones are more often other names.
SHORTEST_RESPELLED_SURNAME = 5
# Initial letters one sound is written with in transliterations of one name ("Gurbanguli", "Kurbanguly"; "Yulia",
# "Julia"), and by hand the shortest given names compared so: shorter ones differ as often as they are one name.
TRANSLITERATED_INITIALS = frozenset(map(frozenset, ("gk", "ck", "bp", "dt", "fv", "sz", "jy", "iy")))
SHORTEST_TRANSLITERATED_NAME = 5
# By hand: the fewest characters of a name compared with its spaces taken out ("IE6", "IE 6"); shorter ones are as
# often an initial and a letter.
SHORTEST_CLOSED_UP_NAME = 3
# By hand: the fewest words of a name whose first word alone is its maker ("Microsoft Security Response Center");
# a shorter one's first word is as often the name itself cut short ("Goldman" of "Goldman Sachs").
SHORTEST_UNIT_NAME = 3
# By hand: the fewest letters of an acronym matched against every name of an entity, not only its fullest.
SHORTEST_ACRONYM_OF_A_NAME = 3
# By hand: the shortest given name that a letter typed into it ("Jerymayne" for "Jermayne") still leaves the same
# under the same surname; shorter ones are more often other names ("Dan", "Dean").
SHORTEST_TYPED_NAME = 7
# By hand: the longest word run into the next as a surname's prefix ("Del Giudice" written "DelGiudice", "La Rue"
# "LaRue", "Van Dyke" "VanDyke"); longer words written apart are names of their own.
LONGEST_RUN_IN_PREFIX = 4
# Words ending many news outlets' names ("News", "Times"): a bare one is any outlet's, not a nickname.
OUTLET_WORDS = wordlists.words("outlet_words")
# By hand: the shortest word read as a plural by its final "s" ("Jets"); shorter ones are as often acronyms ("BS").
SHORTEST_PLURAL = 4
# By hand: the shortest word whose plural in an organisation's name is the same word ("Telecommunication
# Regulatory Authority", "Telecommunications …"); shorter ones are as often surnames ("Williams").
SHORTEST_PLURAL_FREE_WORD = 10
# "y" after the first letter is a vowel: "Betty" spells "Bettie".
_VOWELS = re.compile(r"[aeiouy]")
WEB_DOMAIN = re.compile(r"(?<=[a-z0-9])\.(?:com|net|org|co\.uk)\b")
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
# A nickname set between the words of a person's name: 'Vincent "The Chin" Gigante', "Kimani (Kiki) Gray".
_NICKNAME = re.compile(r"(?:^|\s)[\"“‘'(]([^\"“”‘’'()]+)[\"”’')]")
# What ``fold`` takes out of a name, compiled once: it folds every name of the city gazetteer (some 46,000) as
# that is built, and the module-level ``re`` functions look each pattern up again at every call.
_SPACED_INITIALS = re.compile(r"(?<![a-z])([a-z])\.\s*(?=[a-z]\.)")
_POSSESSIVE = re.compile(r"['`]s\b")
_JOINERS = re.compile(r"[-_/]")
_NOT_FOLDED = re.compile(r"[^a-z0-9& ]")
# A slash joining two names ("Daily Star/Harbor News"), not one in markup ("</tweet>").
_SLASH_BETWEEN_WORDS = re.compile(r"(?<=\w)/(?=\w)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII lowercase with hyphens and double quotes as spaces, a web address's domain ending and apostrophes,
    full stops and other punctuation removed."""
    # A double quotation mark never belongs to a name: one glued between words ('"The Chin"Gigante') parts them.
    ascii_text = anyascii(text).lower().replace('"', " ")
    # An outlet written as its web address is the outlet: "TMZ.com" is TMZ, "People.com" People.
    ascii_text = WEB_DOMAIN.sub("", ascii_text)
    ascii_text = _SPACED_INITIALS.sub(r"\1", ascii_text)  # "u. s." and "u.s." -> "us."
    ascii_text = _POSSESSIVE.sub("", ascii_text)
    ascii_text = _JOINERS.sub(" ", ascii_text)
    ascii_text = _NOT_FOLDED.sub("", ascii_text)
    return " ".join(ascii_text.split())


def all_tokens(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """The content tokens of a name, abbreviations spelled out, without particles and suffixes (all tokens if it
    has nothing else). "St." ending a name is a street ("E. 52nd St."), elsewhere a saint ("St. Louis")."""
    words = tuple(part for word in all_tokens(name) for part in ABBREVIATIONS.get(word, word).split())
    if len(words) > 1 and all_tokens(name)[-1] == "st":
        words = words[:-1] + ("street",)
    content = tuple(word for word in words if word not in PARTICLES)
    while len(content) > 1 and content[-1] in NAME_SUFFIXES:
        content = content[:-1]
    return content or words


def name_key(name: str) -> str:
    """What two spellings of one name have in common: "U.S." and "US", "Mt Cook" and "Mount Cook"."""
    return " ".join(tokens(name))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """First letter plus consonants, doubled letters collapsed: "qassim" and "qasem" both give "qsm"."""
    if not token:
        return token
    return _REPEATS.sub(r"\1", token[0] + _VOWELS.sub("", token[1:]))


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    if a == b or GIVEN_NAME_FORMS.get(a, a) == GIVEN_NAME_FORMS.get(b, b):
        return True
    if len(a) == 1 or len(b) == 1:  # an initial: "J" for "John"; a number is no initial ("1" of "10")
        return a[0] == b[0] and a[0].isalpha()
    if min(len(a), len(b)) < SHORTEST_FUZZY_TOKEN:
        return False
    return (skeleton(a) == skeleton(b) and vowel_sounds(a) == vowel_sounds(b)
            and JaroWinkler.normalized_similarity(a, b) >= SIMILAR_SPELLING)


@lru_cache(maxsize=65536)
def vowel_sounds(token: str) -> int:
    """How many runs of vowels follow the first letter: transliterations change vowels, not their number."""
    return len(_VOWEL_RUNS.findall(token[1:]))


def acronyms(name: str) -> set[str]:
    """Initials of a multi-word name, with and without its particles: "United States" -> "us"."""
    words = all_tokens(name)
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words), "".join(w[0] for w in tokens(name))}


def is_acronym_of(short: str, long: str) -> bool:
    """The initials of the longer name, not one of its words: "U.S." is no acronym of the "U.S. Senate", whose
    initials it happens to be."""
    folded = fold(short).replace(" ", "")
    return len(folded) >= 2 and folded in acronyms(long) and folded not in all_tokens(long)


def is_partial(short: tuple[str, ...], long: tuple[str, ...],
               match: Callable[[str, str], bool] | None = None) -> bool:
    """Every token of ``short`` matches a token of ``long`` (by ``match``, by default :func:`same_word`), in
    order."""
    match = match or same_word
    position = 0
    for word in short:
        while position < len(long) and not match(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def nicknames(name: str) -> set[str]:
    """Name keys of the nicknames a name carries between its words ("chin" of 'Vincent "The Chin"Gigante')."""
    return {name_key(match.group(1)) for match in _NICKNAME.finditer(name)
            if name[:match.start()].strip() and name[match.end():].strip()} - {""}


def closed_up(name: str, other: str) -> str:
    """``name`` with a short word and the next run together where ``other`` writes them as one ("Vincent Del
    Giudice" against "DelGiudice" gives "vincent delgiudice"); ``name`` unchanged when it has no such pair."""
    words, written_together = all_tokens(name), set(all_tokens(other))
    for i, (prefix, rest) in enumerate(zip(words, words[1:])):
        if len(prefix) <= LONGEST_RUN_IN_PREFIX and prefix + rest in written_together:
            return " ".join((*words[:i], prefix + rest, *words[i + 2:]))
    return name


def person_names_compatible(a: str, b: str) -> bool:
    """Person names: the shorter is a part of the longer that keeps the surname ("Varga" of "Gábor Varga"), a
    given name perhaps clipped ("Stan Perlo" of "Stanley Perlo"), a surname's prefix written apart or not ("Del
    Giudice", "DelGiudice")."""
    a, b = closed_up(a, b), closed_up(b, a)
    short, long = sorted((tokens(a), tokens(b)), key=len)
    if not short or len(short[-1]) == 1 or len(long[-1]) == 1:  # an initial is no surname: "Alicia M."
        return False
    if len(short) == len(long) == 2 and same_word(short[0], long[0]) and respelled(short[1], long[1]):
        return True
    return same_word(short[-1], long[-1]) and is_partial(short, long, same_given_name)


def respelled(a: str, b: str) -> bool:
    """One surname spelled with one letter changed after the first, as transliterations and typing do
    ("Kougias"/"Kouyias"): taken for the same under the same given name."""
    return (len(a) == len(b) >= SHORTEST_RESPELLED_SURNAME and a[0] == b[0]
            and sum(x != y for x, y in zip(a, b)) == 1)


def same_given_name(a: str, b: str) -> bool:
    """One given name, or one clipped to its start ("Stan", "Stanley"), transliterated with another first letter
    ("Gurbanguli", "Kurbanguly"), typed with a letter more inside it ("Jerymayne", "Jermayne") or spelled with a
    silent "h" or without it ("Jon", "John"; "Sara", "Sarah")."""
    clipped, full = sorted((a, b), key=len)
    return same_word(a, b) or (len(clipped) >= SHORTEST_GIVEN_NAME and full.startswith(clipped)
                               and len(full) - len(clipped) >= SHORTEST_CLIPPING) \
        or _transliterated_initial(a, b) or _letter_typed_in(clipped, full) or _silent_h(clipped, full)


def _silent_h(short: str, long: str) -> bool:
    """The longer name is the shorter with one "h" added after its first letter."""
    return len(short) >= SHORTEST_GIVEN_NAME and len(long) == len(short) + 1 and any(
        long[i] == "h" and long[:i] + long[i + 1:] == short for i in range(1, len(long)))


def _transliterated_initial(a: str, b: str) -> bool:
    return (min(len(a), len(b)) >= SHORTEST_TRANSLITERATED_NAME and frozenset((a[0], b[0])) in TRANSLITERATED_INITIALS
            and same_word(a[1:], b[1:]))


def _letter_typed_in(short: str, long: str) -> bool:
    """The longer name is the shorter with one letter added between its first and its last."""
    return len(short) >= SHORTEST_TYPED_NAME and len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1:] == short for i in range(1, len(long) - 1))


def names_compatible(a: str, b: str) -> bool:
    """Organisations and places: one name is part of the other ("Islamic Republic" of "Islamic Republic of
    Iran", "Daily News" of "New York Daily News"), unless the rest names another kind of place ("Mexico City" is
    not Mexico, nor "West Virginia" Virginia) or an institution of it ("Woodburn Police Department" is not
    Woodburn), or its acronym ("NGA", "U.S.")."""
    short, long = sorted((tokens(a), tokens(b)), key=len)
    if not short:
        return False
    if short == long:
        return True
    rest = {word for word in long if not any(_same_name_word(word, other) for other in short)}
    institution = INSTITUTION_WORDS.intersection(rest) and not INSTITUTION_WORDS.intersection(short) \
        or len(short) == 1 and _headed_by_another_institution(long, rest)
    short_name, long_name = sorted((a, b), key=lambda name: len(tokens(name)))
    if is_partial(short, long, _same_name_word) and not _another_place(short, long, rest) and not institution \
            and not _one_of_a_pair(short_name, long_name) and not _maker_of(short, long_name):
        return True
    return is_acronym_of(a, b) or is_acronym_of(b, a)


# By hand: the share of a line's words capitalised above which it is a headline's title case.
TITLE_CASE_SHARE = 0.6
# A word of a capitalised name right after a lone word of an organisation's or place's ("House Speaker", "House
# Republicans", "the House's Permanent Select Committee"): the lone word modifies it.
_BEFORE_A_NAME = re.compile(r"(?:['’]s)? [A-Z][a-z]")


class Modifiers(NamedTuple):
    """The words an article writes as organisations or places of their own before other capitalised words: alone
    before a name (``lone``: "House Speaker Paul Ryan", "House Republicans"), or opening a longer name
    (``opening``: "House Intelligence Committee"; not "Department of Justice", whose "Department" is its head)."""
    lone: frozenset[str] = frozenset()
    opening: frozenset[str] = frozenset()

    def __or__(self, other: "Modifiers") -> "Modifiers":  # type: ignore[override]
        return Modifiers(self.lone | other.lone, self.opening | other.opening)


def modifier_words(text: str, spans: Iterable[tuple[int, int, str]]) -> Modifiers:
    """The :class:`Modifiers` of an article's names of organisations and places (``spans``: start, end, label)."""
    lone, opening = set(), set()
    for start, end, label in spans:
        if label == "PERSON":
            continue
        written = text[start:end].split()
        if _in_title_case(text, start):  # a headline capitalises every word: "Demand To Fox Right Before Debate"
            continue
        if len(written) == 1 and _BEFORE_A_NAME.match(text, end):
            lone.add(fold(written[0]))
        elif len(written) > 1 and written[1][:1].isupper() and fold(written[0]) not in INVERTING_LINKS:
            opening.add(fold(written[0]))
    return Modifiers(frozenset(lone - {""}), frozenset(opening - {""}))


def _in_title_case(text: str, position: int) -> bool:
    """The line around ``position`` has most of its words capitalised, as headlines have."""
    line = text[text.rfind("\n", 0, position) + 1:text.find("\n", position) % (len(text) + 1)]
    words = [word for word in line.split() if word[:1].isalpha()]
    return sum(word[0].isupper() for word in words) > TITLE_CASE_SHARE * len(words)


def institution_of_its_own(names: Iterable[str], modifiers: Modifiers, other_names: Iterable[str]) -> bool:
    """A lone word its article also writes as a modifier (:func:`modifier_words`) is the institution it
    names, not another one whose longer name ends in it: the "House" of "House Speaker" and "House Republicans"
    is the House of Representatives, not the "White House", where "the Navy" after "the Indian Navy" is that navy.
    A longer name whose other words name a place may still be it ("New York Mafia" of the "Mafia" that "Mafia
    Boss" names), and so may one that opens with the word and "of" ("House of Representatives"); where the word
    stands alone before a name, one that opens with it and another word is a thing of its institution ("House
    Rules", "House Intelligence Committee"), unless the other words are a company's ("Vodafone Group")."""
    words = {tokens(name) for name in names}
    if len(words) != 1 or len(lone := next(iter(words))) != 1:
        return False
    word = lone[0]
    if word in modifiers.lone | modifiers.opening and any(
            len(other) > 1 and other[-1] == word and other[0] != word and not _names_a_place(other[:-1])
            for other in map(tokens, other_names)):
        return True
    return word in modifiers.lone and any(
        len(other) > 1 and other[0] == word and other[1] not in INVERTING_LINKS
        and not COMPANY_WORDS.issuperset(tokens(" ".join(other[1:])))
        for other in map(all_tokens, other_names))


def _names_a_place(words: tuple[str, ...]) -> bool:
    name = " ".join(words)
    return gazetteer.is_place(name) or _place_alias(name) is not None


def _headed_by_another_institution(long: tuple[str, ...], rest: set[str]) -> bool:
    """The longer name's last institution word is not the lone word of the shorter: a body of the institution
    that word names (the "Senate Committee on Homeland Security" of the Senate), where a longer name with that
    head is it ("House Select Committee" of the "Committee")."""
    heads = [word for word in long if word in INSTITUTION_WORDS]
    return bool(heads) and heads[-1] in rest


def _maker_of(short: tuple[str, ...], long_name: str) -> bool:
    """A lone word opening a capitalised name of ``SHORTEST_UNIT_NAME`` words or more is the organisation whose
    unit, programme or product that name is ("Microsoft" of "Microsoft Security Response Center"), not the unit;
    a name that only adds company words is the company ("Vodafone Group Plc"), and one ending in a team's plural
    nickname the team ("Duke" of "Duke Blue Devils")."""
    long = tokens(long_name)
    return (len(short) == 1 and len(long) >= SHORTEST_UNIT_NAME and long[0] == short[0]
            and not COMPANY_WORDS.issuperset(long[1:]) and not _plural(long[-1])
            and all(word[0].isupper() for word in long_name.split() if fold(word) in long))


def _same_name_word(a: str, b: str) -> bool:
    """A word of an organisation's or place's name, in the singular or the plural ("Telecommunication")."""
    singular, plural = sorted((a, b), key=len)
    return same_word(a, b) or (len(singular) >= SHORTEST_PLURAL_FREE_WORD and plural == singular + "s")


def _one_of_a_pair(short: str, long: str) -> bool:
    """The shorter name is one side of an "and" or a slash in the longer one, which the model took as one name
    ("Middle East and South Asia", "EU & IMF", a joint poll's "Daily Star/Harbor News Poll"): a part, not the
    whole."""
    words = all_tokens(_SLASH_BETWEEN_WORDS.sub(" & ", long))
    cuts = [i for i, word in enumerate(words) if word in COORDINATORS]
    sides = [words[start + 1:end] for start, end in zip([-1, *cuts], [*cuts, len(words)])]
    return len(sides) > 1 and any(is_partial(all_tokens(short), side) for side in sides)


def _another_place(short: tuple[str, ...], long: tuple[str, ...], rest: set[str]) -> bool:
    """The longer name's other words make a place of its own: a place noun or a street's end anywhere ("Baghdad
    International Airport", "Pennsylvania Avenue", "Madison Aves."), a compass or position word right before a
    word of the shorter name ("North Korea"; the "New" of "New York Daily News" qualifies York, not the Daily News)
    or ending the longer one ("Telecom Egypt North", a cable of Telecom Egypt's)."""
    singulars = {word[:-1] for word in rest if word.endswith("s")}
    if not (PLACE_NOUNS | STREET_ENDS).isdisjoint(rest | singulars):
        return True
    return any(word in PLACE_MODIFIERS and word in rest and following not in rest
               for word, following in zip(long, long[1:])) or (long[-1] in PLACE_MODIFIERS and long[-1] in rest)


# A name's keys are asked for at each of its mentions and again each time a story naming it is named: kept.
@lru_cache(maxsize=65536)
def lookup_keys(name: str) -> frozenset[str]:
    """Keys under which a name is indexed: one per content token skeleton, plus its acronyms.

    Two compatible names always share a key, so a key index finds every candidate without comparing all pairs.
    """
    keys = {f"w:{skeleton(word)}" for word in tokens(name)}
    # A short word and the next run together: "DelGiudice" finds "Del Giudice".
    words = all_tokens(name)
    keys |= {f"w:{skeleton(prefix + rest)}" for prefix, rest in zip(words, words[1:])
             if len(prefix) <= LONGEST_RUN_IN_PREFIX}
    keys |= {f"a:{acronym}" for acronym in acronyms(name)}
    folded = fold(name).replace(" ", "")
    if len(folded) >= 2 and (len(tokens(name)) == 1 or _in_capitals(name)):  # "IE 7" finds "Internet Explorer 7"
        keys.add(f"a:{folded}")
    if len(folded) >= SHORTEST_CLOSED_UP_NAME:
        keys.add(f"j:{folded}")
    if place := _place_alias(name):
        keys.add(f"c:{place}")
    return frozenset(keys | gazetteer.city_keys(name))


def _place_alias(name: str) -> str | None:
    """The key of a place's name in ``PLACE_ALIASES`` ("America" and "U.S." give "us", "Mo." and "Missouri"
    "missouri"), if it is one."""
    folded = fold(name)
    return PLACE_ALIASES.get(folded) or (folded if folded in PLACE_ALIASES.values() else None)


class _Named(NamedTuple):
    """One side of a comparison: its names with how often each is used, and the model's label for them."""
    names: Counter[str]
    label: str


def same_entity(names: Counter[str], label: str, other_names: Counter[str], other_label: str,
                one_article: bool = False) -> bool:
    """Whether two sets of names (a mention's, a cluster's, an entity's) can denote one entity.

    A name of two words or more shared by both is enough whatever spaCy's labels ("Hugh Jackman" tagged GPE
    once). People otherwise need a compatible pair of names and no clash: two full names with one surname and
    different given names ("Imran Khan", "Sadiq Khan") are two people, whatever shorter forms they share.
    A nickname a person's name carries between its words is that person ("Chin" of 'Vincent "The Chin"
    Gigante'). Organisations and places compare their fullest names, so "Navy" of "Indian Navy" does not lead on to
    "Pakistan Navy". Within ``one_article`` a lone word stands for a longer name ("the Navy" after "the Indian
    Navy"); across articles it does so only when the entity already goes by that word, since "America" is no
    part of "RT America", nor "House" of "House Intelligence Committee", or when it is a plural nickname
    ("Jaguars" of "Jacksonville Jaguars") or a street without its "Avenue" ("Church" of "Church Ave."). Names of
    one country that share no letters are one place ("America", "United States"), and so are a state and its
    abbreviation that is also a common word ("Mo.", "Missouri"). An institution named with "of" or "for" is the one
    named with its head last ("Ministry of Finance", "Finance Ministry"). A name written with its words
    run together or apart is one name ("SAT3", "SAT - 3"), and an acronym written in capitals may stand for any of
    an organisation's or a thing's names, not only its fullest ("SMW4" of "SEA-ME-WE 4").

    The questions come in this order. First the forms of one name that hold whatever the labels
    (:func:`_one_name_whatever_the_labels`), since the small model labels one name differently from sentence to
    sentence. Then the labels choose the rules: one side a person and the other not
    (:func:`_same_across_the_person_line`), two people (:func:`_same_person`), or organisations and places
    (:func:`_same_place_or_organisation`).
    """
    side, other = _Named(names, label), _Named(other_names, other_label)
    shared = {name_key(n) for n in names} & {name_key(n) for n in other_names}
    if _one_name_whatever_the_labels(side, other, shared):
        return True
    if type_group(label) != type_group(other_label):
        return _same_across_the_person_line(side, other, shared)
    if label == "PERSON":
        return _same_person(names, other_names, shared)
    return _same_place_or_organisation(side, other, shared, one_article)


def _one_name_whatever_the_labels(side: _Named, other: _Named, shared: set[str]) -> bool:
    """A name of two words or more that both go by, or one name written the other side's way: a company's or a
    street's one word (:func:`_one_word_short_form`), a nickname the person's name carries (:func:`_goes_by`),
    its words run together (:func:`_written_apart`); for things, an institution or a street named two ways
    (:func:`_named_two_ways`)."""
    return (any(len(tokens(name)) > 1 for name in shared) or _one_word_short_form(side, other)
            or _goes_by(side.names, other.names, other.label) or _goes_by(other.names, side.names, side.label)
            or _written_apart(side.names, other.names) or _written_apart(other.names, side.names)
            or "PERSON" not in (side.label, other.label) and _named_two_ways(side.names, other.names))


def _one_word_short_form(side: _Named, other: _Named) -> bool:
    """One side is the word a company goes by ("Marfin" of "Marfin Bank") or a street without its "Avenue"
    ("Church" of "Church Ave.")."""
    return (_company_short_form(side.names, side.label, other.names, other.label)
            or _company_short_form(other.names, other.label, side.names, side.label)
            or _street_short_form(side.names, side.label, other.names)
            or _street_short_form(other.names, other.label, side.names))


def _named_two_ways(names: Counter[str], other_names: Counter[str]) -> bool:
    """An institution named with "of" and with its head last ("Ministry of Finance", "Finance Ministry"), or a
    street called an avenue and a street ("Stadiou Avenue", "Stadiou Street"); not "Nathan Lane", hence things
    only."""
    return bool(_inverted_keys(names) & {name_key(n) for n in other_names}
                or _inverted_keys(other_names) & {name_key(n) for n in names}
                or _street_names(names) & _street_names(other_names))


def _same_across_the_person_line(side: _Named, other: _Named, shared: set[str]) -> bool:
    """One side tagged a person, the other not: the small model calls unfamiliar places people, nicknames in
    quotation marks works, and people organisations; each asked in turn."""
    person, thing = (side, other) if side.label == "PERSON" else (other, side)
    return (_place_taken_for_a_person(person.names, thing, shared)
            or _nickname_taken_for_a_work(thing, shared)
            or _person_taken_for_a_thing(person.names, thing.names))


def _place_taken_for_a_person(person_names: Counter[str], thing: _Named, shared: set[str]) -> bool:
    """The model calls unfamiliar places people ("Akkar"): a one-word name shared across the line, or another
    name of the city, is one entity when the person side has no fuller name ("Marseilles" PERSON, "Marseille"
    GPE)."""
    return all(len(tokens(name)) == 1 for name in person_names) \
        and (bool(shared) or thing.label in PLACE_LABELS and _same_city(person_names, thing.names))


def _nickname_taken_for_a_work(thing: _Named, shared: set[str]) -> bool:
    """The model calls a nickname in quotation marks a work ("the "Oddfather""): one the person goes by is the
    person."""
    return thing.label == WORK_OF_ART and {name_key(n) for n in thing.names} <= shared


def _person_taken_for_a_thing(person_names: Counter[str], thing_names: Counter[str]) -> bool:
    """The model calls people organisations ("Bettie Page" ORG): full names that are one person's by the person
    rules are one entity whatever the labels. Given name and surname against given name and surname decide a
    clash: a headline's "Notorious Bettie Page" is no other person than "Betty Mae Page"."""
    full, other_full = _multiword(person_names), _multiword(thing_names)
    given_and_surname = [(a, b) for a in full for b in other_full if len(tokens(a)) == len(tokens(b)) == 2]
    return (not any(_clash(a, b) for a, b in given_and_surname)
            and any(person_names_compatible(a, b) for a in full for b in other_full))


def _same_person(names: Counter[str], other_names: Counter[str], shared: set[str]) -> bool:
    """Two people: no clash between their full names (one surname, other given names), then a name in common or
    a compatible pair of full names."""
    full, other_full = _full_names(list(names)), _full_names(list(other_names))
    if any(_clash(a, b) for a in full for b in other_full):
        return False
    return bool(shared) or any(person_names_compatible(a, b) or _reordered(a, b) for a in full for b in other_full)


def _reordered(a: str, b: str) -> bool:
    """One person's name written in another order, as names whose surname comes first are ("Lazăr Lehel" of
    "Marcel Lehel Lazar"): the shorter's two words or more are all words of the longer, and the surname
    ending the longer is one of them."""
    short, long = sorted((tokens(a), tokens(b)), key=len)
    return (len(short) > 1 and not is_partial(short, long) and same_word(long[-1], short[0])
            and all(sum(same_word(word, other) for other in long) == 1 for word in short)
            and all(len(word) > 1 for word in short))


def _same_place_or_organisation(side: _Named, other: _Named, shared: set[str], one_article: bool) -> bool:
    """Organisations and places, by their fullest names. Names of one place by the word lists or the gazetteer
    join first, as they may share no word; a place ending the other's name ("Telecom Egypt") parts them before a
    shared word could join them; then a word in common, a nickname or an acronym, and last compatible names, a
    lone word standing for a longer name only within ``one_article``."""
    if _one_place(side, other):
        return True
    fullest, other_fullest = fullest_name(side.names), fullest_name(other.names)
    if _place_named_last(fullest, side.label, other_fullest) or _place_named_last(other_fullest, other.label, fullest):
        return False
    if _company_named_after(fullest, side.label, other_fullest) \
            or _company_named_after(other_fullest, other.label, fullest):
        return False
    single_word = min(len(tokens(fullest)), len(tokens(other_fullest))) == 1
    if shared:  # one word in common, as "House" of "White House" and of "House Intelligence Committee"
        return single_word or names_compatible(fullest, other_fullest)
    if _nickname_or_acronym(side, other):
        return True
    if _group_within_group(fullest, side.label, other_fullest, other.label):
        return False
    return _names_match(fullest, side.label, other_fullest, other.label) \
        and (one_article or not single_word or _acronym_match(fullest, other_fullest))


def _one_place(side: _Named, other: _Named) -> bool:
    """Two places under names that share no letters ("America" is the United States, "Mo." Missouri), or two
    names of one city ("Salonika" is Thessaloniki), also where the model took one for an organisation."""
    places = side.label in PLACE_LABELS and other.label in PLACE_LABELS
    if places and {_place_alias(n) for n in side.names} & {_place_alias(n) for n in other.names} - {None}:
        return True
    return bool(PLACE_LABELS & {side.label, other.label}) and _same_city(side.names, other.names)


def _nickname_or_acronym(side: _Named, other: _Named) -> bool:
    """One side is a plural nickname ending the other's fullest name (:func:`nickname_of`) or an acronym of any
    of its names (:func:`_acronym_of_a_name`)."""
    fullest, other_fullest = fullest_name(side.names), fullest_name(other.names)
    return (nickname_of(fullest, side.label, other_fullest, other.label)
            or nickname_of(other_fullest, other.label, fullest, side.label)
            or _acronym_of_a_name(side.names, other.names) or _acronym_of_a_name(other.names, side.names))


def _same_city(names: Iterable[str], other_names: Iterable[str]) -> bool:
    return any(gazetteer.same_city(name, other) for name in names for other in other_names)


def _written_apart(names: Iterable[str], other_names: Iterable[str]) -> bool:
    """A name of several words is one of the other names with its words run together ("SAT - 3", "SAT3"; "NY 1",
    "NY1"), of at least ``SHORTEST_CLOSED_UP_NAME`` letters."""
    apart = {fold(name).replace(" ", "") for name in names if len(all_tokens(name)) > 1}
    together = {fold(name).replace(" ", "") for name in other_names}
    return any(len(name) >= SHORTEST_CLOSED_UP_NAME for name in apart & together)


def _inverted_keys(names: Iterable[str]) -> set[str]:
    """The name keys of institutions named by "of" or "for" written with their head last, as news writes them
    both ways: "Ministry of Finance" is the "Finance Ministry", "Central Commission for Elections" the "Central
    Elections Commission", "Department of the Interior" the "Interior Department"."""
    keys = set()
    for name in names:
        words = all_tokens(name)
        head = next((i for i, word in enumerate(words[:-1]) if word in INSTITUTION_WORDS
                     and words[i + 1] in INVERTING_LINKS), None)
        if head is None:
            continue
        rest = head + 1
        while rest < len(words) and words[rest] in INVERTING_LINKS:
            rest += 1
        if rest < len(words):
            keys.add(name_key(" ".join((*words[:head], *words[rest:], words[head]))))
    return keys


def _acronym_of_a_name(short_names: Iterable[str], names: Iterable[str]) -> bool:
    """Names written in capitals, one the acronym of any of the other's names, not only its fullest ("SMW4" of
    "SEA-ME-WE 4" where the cable is also spelled out in words that give other initials, "IE 7" of "Internet
    Explorer 7"); of at least ``SHORTEST_ACRONYM_OF_A_NAME`` letters, as two are anyone's initials."""
    short_names = list(short_names)
    return all(_in_capitals(name) for name in short_names) and any(
        len(fold(short)) >= SHORTEST_ACRONYM_OF_A_NAME and is_acronym_of(short, name)
        for short in short_names for name in names if len(tokens(name)) > 1)


def _in_capitals(name: str) -> bool:
    return not any(character.islower() for character in name)


def _company_short_form(names: Counter[str], label: str, other_names: Counter[str], other_label: str) -> bool:
    """An organisation written as the one word a company or party goes by, one of the other's names adding only
    company words to it ("Marfin" of "Marfin Bank", tagged GPE once; "Vodafone" of "Vodafone Group Plc")."""
    if label != "ORG" or other_label == "PERSON" or any(len(tokens(name)) != 1 for name in names):
        return False
    words = {tokens(name)[0] for name in names}
    return any(len(full) > 1 and full[0] in words and COMPANY_WORDS.issuperset(full[1:])
               for full in map(tokens, other_names))


def nickname_of(short: str, label: str, long: str, long_label: str) -> bool:
    """A lone plural word ending an organisation's longer name is the name it goes by, across articles too and
    whatever the model's labels ("Jaguars" NORP of "Jacksonville Jaguars" FAC, "Padres" of "San Diego Padres"):
    not a place ("America" of "RT America" is no plural), nor a people ("Americans" of "Native Americans", both
    NORP), nor a surname ("Jones" of "Dow Jones"), nor one side of an "and" ("Crips" of "Bloods and Crips"), nor
    a word many news outlets' names end in ("News" of "E! News" is not the "Daily News")."""
    words, long_words = tokens(short), tokens(long)
    return (len(words) == 1 and len(long_words) > 1 and long_words[-1] == words[0] and _plural(words[0])
            and label not in PLACE_LABELS | {"PERSON"} and long_label not in PLACE_LABELS | {"NORP", "PERSON"}
            and not _one_of_a_pair(short, long))


def _plural(word: str) -> bool:
    return len(word) >= SHORTEST_PLURAL and word.endswith("s") and not word.endswith(("ss", "us", "is")) \
        and word not in OUTLET_WORDS


def _street_short_form(names: Counter[str], label: str, other_names: Counter[str]) -> bool:
    """A street written without its "Avenue" or "Street", as intersections are ("at Church and Snyder" after
    "Church Avenue"), whatever the model calls the word; not a town, which streets are named after ("Athens"
    is no "Athens Street")."""
    if label in PLACE_LABELS or any(len(tokens(name)) != 1 for name in names):
        return False
    words = {tokens(name)[0] for name in names}
    return any(len(street) > 1 and street[0] in words and STREET_ENDS.issuperset(street[1:])
               for street in map(tokens, other_names))


def _street_names(names: Iterable[str]) -> set[tuple[str, ...]]:
    """The names of streets without the word that makes them one ("Stadiou" of "Stadiou Street" and of "Stadiou
    Avenue"): outlets call one street by either, and a story rarely passes two of one name."""
    return {words[:-1] for words in map(tokens, names) if len(words) > 1 and words[-1] in STREET_ENDS}


def _place_named_last(place: str, label: str, name: str) -> bool:
    """A place that ends a longer name after other names is where that one is, not the same: "Telecom Egypt",
    "Vodafone Egypt" are companies, not Egypt ("Islamic Republic of Iran" keeps Iran, by its "of")."""
    place_tokens, name_tokens = tokens(place), tokens(name)
    return (label in ("GPE", "LOC") and len(name_tokens) > len(place_tokens)
            and name_tokens[-len(place_tokens):] == place_tokens and "of" not in all_tokens(name))


def _group_within_group(name: str, label: str, other: str, other_label: str) -> bool:
    """Two peoples or groups, one named within the other's name ("Americans" of "African Americans", "Muslim" of
    "Muslim Americans"): the longer names a part of the shorter's, or of another group, never the same people."""
    if label != "NORP" or other_label != "NORP":
        return False
    short, long = sorted((tokens(name), tokens(other)), key=len)
    # A plural last: a group's name, not a person's the model took for a people ("Smbatyan" of "Roman Smbatyan").
    return len(short) < len(long) and _plural(long[-1]) and (long[:len(short)] == short or long[-len(short):] == short)


def _company_named_after(place: str, label: str, name: str) -> bool:
    """A place opening a longer name that ends in a word of companies or organisations is where that one is from,
    not it ("Las Vegas" of "Las Vegas Sands Corp", whatever the model calls the company; or of "Las
    Vegas Sands Networks"); the place must be one by the gazetteer too, since a company's own word may be tagged a
    place ("Marfin" of "Marfin Bank")."""
    place_tokens, name_tokens = tokens(place), tokens(name)
    return (label in PLACE_LABELS and len(name_tokens) > len(place_tokens) + 1
            and name_tokens[:len(place_tokens)] == place_tokens and name_tokens[-1] in ORGANISATION_ENDS
            and gazetteer.is_place(place))


def _goes_by(names: Counter[str], person_names: Counter[str], person_label: str) -> bool:
    """A name that is the nickname a person's full name carries is that person ("Chin" after 'Vincent "The
    Chin" Gigante', whatever the model calls "Chin")."""
    if person_label != "PERSON":
        return False
    carried = {key for name in person_names for key in nicknames(name)}
    return bool(carried) and any(name_key(name) in carried for name in names)


def given_name_holder(name: str, label: str, people: dict[int, Counter[str]]) -> int | None:
    """The one person a lone given name stands for ("Tara" of "Tara Reid", the usage of celebrity and sports
    news): the only one of ``people`` (clusters or entities by id, their names) whose full name starts with that
    word, another form of it ("Alexis" of "Alexandros Grigoropoulos") or another spelling ("Mahnefeh" of "Mahnefah
    Gray"; not an initial, "J." is no "Joan"), and none if two do ("Tony" of "Tony
    Thompson" and of "Tony Weeks"). A given name that is a surname of one of them is left to the surname rules.
    One the model took for an organisation, a group, a product or a work goes too when it is a known form of a
    given name ("Alex" tagged as a work, "Vincenzo" as an organisation); one taken for a place does not, as
    places are named after people ("Louis" of St. Louis, "Georgia"). A calling the model took into a full name is
    not its given name ("Republican" of "Republican Bob Dole": :func:`_calling_before_a_name`)."""
    words = tokens(name)
    if len(words) != 1 or len(words[0]) < SHORTEST_GIVEN_NAME:
        return None
    if label != "PERSON" and not (label in MISTYPED_GIVEN_NAME_LABELS and words[0] in GIVEN_NAME_FORMS):
        return None
    full_names = {i: [tokens(n) for n in names if len(tokens(n)) > 1 and not versioned(n)]
                  for i, names in people.items()}
    if any(full[-1] == words[0] for names in full_names.values() for full in names):
        return None
    holders = [i for i, names in full_names.items()
               if any(len(full[0]) > 1 and same_word(words[0], full[0]) and not _calling_before_a_name(full)
                      for full in names)]
    return holders[0] if len(holders) == 1 else None


def _calling_before_a_name(words: tuple[str, ...]) -> bool:
    """A name of three words or more opening with a noun that names a person and is no one's given name: the
    calling or affiliation the model took into the name ("Republican Bob Dole"), not its given name."""
    return len(words) > 2 and words[0] in PERSON_NOUNS_NOT_GIVEN


def versioned(name: str) -> bool:
    """A name ending in a number ("Guccifer 2.0", a hacker named after "Guccifer"; "Windows 10") is its base name
    with a version, not a given name and a surname: the base name alone is the first one's, not this one's."""
    words = all_tokens(name)
    return len(words) > 1 and words[-1].isdigit()


def type_group(label: str) -> str:
    """People against everything else: spaCy's ORG, GPE, LOC and FAC of one name are often one thing."""
    return "PERSON" if label == "PERSON" else "NONPERSON"


def fullest_name(names: Counter[str]) -> str:
    """The name with most words; among those the most used, then the first in alphabetical order."""
    return min(names.items(), key=lambda item: (-len(tokens(item[0])), -item[1], item[0]))[0]


def _multiword(names: Iterable[str]) -> list[str]:
    return [name for name in names if len(tokens(name)) > 1]


def _full_names(names: list[str]) -> list[str]:
    return [name for name in names if len(tokens(name)) > 1] or names


def _clash(a: str, b: str) -> bool:
    a_tokens, b_tokens = tokens(a), tokens(b)
    return (len(a_tokens) > 1 and len(b_tokens) > 1 and same_word(a_tokens[-1], b_tokens[-1])
            and not person_names_compatible(a, b))


def _names_match(name: str, label: str, fuller: str, fuller_label: str) -> bool:
    if name_key(name) == name_key(fuller):
        return True
    # "Bank of Iraq" is no part of Iraq, nor "New York" of the "New York Times"; acronyms cross spaCy's ORG/GPE
    # confusion, and so do names of two words or more ending in the same word ("Acme Bank" tagged GPE, "Acme
    # Investment Bank" ORG).
    if label != fuller_label and not _same_head(name, fuller):
        return _acronym_match(name, fuller)
    return names_compatible(name, fuller)


def _same_head(a: str, b: str) -> bool:
    a_tokens, b_tokens = tokens(a), tokens(b)
    return min(len(a_tokens), len(b_tokens)) > 1 and a_tokens[-1] == b_tokens[-1]


def _acronym_match(a: str, b: str) -> bool:
    return is_acronym_of(a, b) or is_acronym_of(b, a)

# Words that make up titles and offices rather than names. A title head alone makes a title ("President",
# "Ayatollah"); a domain word only inside a run that has a head ("Secretary of Defense", "Supreme Leader"), so
# "Supreme Court" and "Defense Department" stay names.
HONORIFICS = wordlists.words("honorifics")
OFFICES = wordlists.words("offices")
TITLE_HEADS = HONORIFICS | OFFICES
# Courtesy titles say nothing of a role, but they do say who is a man and who a woman ("Mr Varga", "Ms Varga").
COURTESY_GENDER = wordlists.pairs("courtesy_titles")
TITLE_DOMAINS = wordlists.words("title_domains")
# Function words that join the words of one title: "Minister of Fisheries and Coastal Affairs".
TITLE_LINKS = frozenset({"of", "and", "for", "the", "&"})


def role_gender(role: str | None) -> str | None:
    for word in (role or "").split():
        if title_word(word) in COURTESY_GENDER:
            return COURTESY_GENDER[title_word(word)]
    return None


def title_word(text: str) -> str:
    return text.lower().rstrip(".")


def is_title_head(text: str) -> bool:
    return title_word(text) in TITLE_HEADS


def is_title_part(text: str) -> bool:
    word = title_word(text)
    return word in TITLE_HEADS or word in TITLE_DOMAINS
