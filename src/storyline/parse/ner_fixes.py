"""Rules over spaCy's entities for the errors that matter in news.

The small English model makes a few errors that break entity merging downstream:
- it tags title words as organisations ("Supreme" out of "Supreme Leader", "Defense" out of "US Defense
  Secretary") and swallows them into names ("Defense Lloyd Austin's" as one ORG): title words are trimmed off
  a name (and an entity made only of title words is dropped) when they form a title run with a title head, and a
  name left after a person's title becomes a PERSON;
- it keeps possessive endings inside names ("Austin's"), and a role after a dash ("Jonathan Wright - director"):
  they are trimmed;
- it tags an unfamiliar given name as a place ("Sadiq" of "Sadiq Khan"): a one-word place or group right
  before a person's name joins that name;
- it tags organisations with Arabic or personal-sounding names as PERSON ("Kataib Sayyid al-Shuhada",
  "resistance faction Ashab al-Kahf"): a PERSON with an organisation word, after or in apposition to a group
  noun ("Ahrar al-Shamal, an armed group"), or followed by a parenthesised acronym becomes an ORG, and every
  other mention of the same name in the document follows;
- it tags people as organisations ("Gábor Varga, who runs the NGA", "Professor Lind"): a name that "who"
  refers back to, that a courtesy or academic title leads, or with an office or such a title in apposition,
  becomes a PERSON, and so does one that says something and is then "he" saying more ("Kyrtsos said … he said");
- it tags unfamiliar places as people: a PERSON followed by a facility noun becomes that facility ("Qasr
  al-Nour prison"), and one before an area noun ("the Sampierdarena district") or governed by a locative
  preposition ("in Debrecen") a place;
- it tags a surname or a given name seen alone as a place or nationality ("Sudani" after "Mohamed Shia al-Sudani",
  "Marta" after "Marta Olsen"), or misses a surname: a single word equal to the surname of a person named in the
  same document becomes a PERSON, as does an untagged capitalised run ending with it ("Gábor Varga" beside "Lena Varga"), and an untagged last word of a
  longer name takes that name's type ("Navy" after "Indian Navy").
An acronym in parentheses after a name ("(KSS)") becomes an entity of the name's type, and an untagged word in
capitals read as a noun an organisation's ("NYPD officers"), unless it is a common initialism for a thing ("TV"),
which is no name even where the model tags it ("90 RBI"). An untagged run of capitalised proper nouns inside a
body sentence is a name the model did not know ("the Bloods", "a squat in Exarcheia"), and a dateline in capitals
a place ("GENOA, Italy (AP) —"). A team named by a number ("76ers") and a name ending in a number ("Oregon 214",
"Windows 7") are tagged by :mod:`storyline.parse.numbered_names`. A person's name the model typed as an
organisation, a place or a thing, that a calling, an apposition or a pronoun shows to be a person's ("author
Stephenie Meyer" ORG), is retyped by :mod:`storyline.parse.person_types`. Titles run into the name
before them, two names run together across "the", a name broken at its nickname or before the country it ends
in, and a surname that names a family are fixed by :mod:`storyline.parse.name_edges`.

A document names one thing one way: the model's tags are made consistent within the document. In a headline
(a title-cased line) the model often takes in neighbouring words ("Hire Maurice Cheeks"): an entity there
takes the names the rest of the document tags ("Maurice Cheeks") in place of the model's guesses. A name tagged
with different types takes its most frequent one, and an untagged occurrence of a tagged name (a whole
capitalised run) is tagged too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.parse.clitics import POSSESSIVES
from storyline.parse.labels import NAME_LABELS, PLACE_LABELS
from storyline.parse.name_edges import (join_names_before_places, join_nicknamed_names, nicknamed,
                                        relabel_families, split_glued_names, trim_trailing_titles)
from storyline.parse.numbered_names import tag_names_ending_in_numbers, tag_numbered_names
from storyline.parse.person_types import relabel_named_people
from storyline.parse.streets import DESIGNATORS as STREET_DESIGNATORS, add_streets
from storyline.text.names import (COMPANY_WORDS, HONORIFICS, INSTITUTION_WORDS, OFFICES, PLACE_DESIGNATORS,
                                  TITLE_LINKS, fold, is_title_head, is_title_part, title_word, tokens)
from storyline.text import wordlists

COMPONENT = "storyline_ner_fixes"

DASHES = frozenset({"-", "–", "—"})
# Penn tags of a word opening a sentence that no person's name begins with: a gerund, a preposition, an adverb.
SENTENCE_OPENING_TAGS = frozenset({"VBG", "IN", "RB"})
ORGANISATION_WORDS = wordlists.words("organisation_words")
GROUP_NOUNS = wordlists.words("group_nouns")
FACILITY_NOUNS = wordlists.words("facility_nouns")
AREA_NOUNS = wordlists.words("area_nouns")
SETTLEMENT_NOUNS = wordlists.words("settlement_nouns")
MEDIA_NOUNS = wordlists.words("media_nouns")
COMMON_INITIALISMS = wordlists.words("common_initialisms")
# Function words inside names ("Bank of England", "Fish and Wildlife Service", "Strauss-Kahn").
NAME_LINKS = frozenset({"of", "and", "&", "de", "la", "le", "du", "van", "von", "der", "al", "el", "-"})
# Parts of speech no name is made of: a headline's verbs and adverbs ("Checks Out Two Minutes Later").
CLAUSE_POS = frozenset({"VERB", "AUX", "ADV", "PART", "SCONJ", "PRON"})
# The words inside an organisation's name that the capitalised runs stop at: "Defenders of Wildlife".
ORGANISATION_LINKS = frozenset({"of", "for"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "across", "throughout", "around"})
# Verbs of saying (lemmas): a name that says something and is then "he" or "she" is a person's.
SPEECH_VERBS = wordlists.words("cue_verbs_clause")
PERSONAL_PRONOUNS = frozenset({"he", "she"})
ARTICLES = frozenset({"the", "a", "an"})
# Days and months, and their abbreviations ("Tue", "Aug"): a weekday's are its first three letters.
WEEKDAYS = wordlists.pairs("weekdays")
CALENDAR_WORDS = frozenset(WEEKDAYS) | {day[:3] for day in WEEKDAYS} | frozenset(wordlists.pairs("months")) \
    | frozenset(wordlists.pairs("month_abbreviations"))
# Words that alone are a common noun capitalised, not a name ("the Street", "the Commission").
EPONYMS = wordlists.words("eponyms")
GENERIC_NAME_WORDS = PLACE_DESIGNATORS | INSTITUTION_WORDS | frozenset(STREET_DESIGNATORS) | EPONYMS
# Nouns that can name a person (WordNet's noun.person): capitalised only by opening a sentence, one is no name.
PERSON_NOUNS = wordlists.words("person_nouns")


@dataclass(frozen=True)
class NerFixConfig:
    # By hand: the most words a person's name has; a longer capitalised run after a title is an organisation's,
    # and an untagged name ending in a known surname reaches back at most this far.
    person_name_max_tokens: int = 4
    # By hand: a line of at least this many words, this share of them capitalised, is a title-cased headline.
    headline_min_words: int = 4
    headline_capitalised_share: float = 0.75
    # By hand: the longest tagged name copied onto its untagged occurrences elsewhere in the document.
    propagated_name_max_tokens: int = 6
    # By hand: how many sentences after a name's statement a "he" or "she" may stand for it (the next
    # statement of a quotation, "… Kyrtsos said. “…” … he said").
    speaker_pronoun_sentences: int = 2
    # By hand: the fewest letters of an untagged word in capitals taken for an acronym; two-letter ones are as
    # often a state, a unit or an initial ("NY", "KM", "JR").
    acronym_min_letters: int = 3
    # By hand: the most letters of one; a longer word in capitals is mostly a word shouted or set as a label
    # ("UPDATE", "COMPANY"), seen on the tuning articles.
    acronym_max_letters: int = 5
    # By hand: the most words of a dateline's place in capitals ("RIO DE JANEIRO" is three).
    dateline_max_words: int = 3
    # By hand: the most words of a name that ends in a number ("South East Asia-Middle East-Western Europe 4").
    numbered_name_max_words: int = 8


CONFIG = NerFixConfig()

Entity = tuple[int, int, str]  # token start, token end, label


@Language.component(COMPONENT)
def fix_entities(doc: Doc, config: NerFixConfig = CONFIG) -> Doc:
    entities = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    entities = join_nicknamed_names(doc, tag_numbered_names(doc, entities))
    entities = [fixed for entity in split_glued_names(doc, trim_trailing_titles(doc, entities))
                if (fixed := trim_titles(doc, *trim_possessive(doc, *entity), config=config))]
    entities = join_names_before_places(doc, join_given_names(doc, entities))
    # The headline's words, which the rules below read, depend on the words alone: found once.
    headline = headline_tokens(doc, config)
    entities = tag_names_ending_in_numbers(doc, entities, headline, config.numbered_name_max_words)
    entities = add_proper_nouns(doc, entities, config, headline)
    entities = relabel_plural_people(doc, relabel_organisations(doc, entities))
    entities = relabel_people(doc, entities)
    entities = relabel_speakers(doc, entities, config)
    entities = relabel_named_people(doc, entities, config.person_name_max_tokens, config.speaker_pronoun_sentences)
    entities = add_streets(doc, relabel_places(doc, entities))
    entities = add_parenthesised_acronyms(doc, entities)
    entities = retag_headlines(doc, entities, config, headline)
    entities = tag_datelines(doc, entities, config, headline)
    entities = add_acronyms(doc, drop_common_initialisms(doc, entities), config, headline)
    entities = split_modifying_surnames(doc, make_consistent(doc, entities, config))
    entities = relabel_families(doc, relabel_surnames(doc, entities, config))
    entities = drop_sentence_opening_nouns(doc, entities)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in sorted(entities)]
    return doc


def trim_possessive(doc: Doc, start: int, end: int, label: str) -> Entity:
    """Drop a possessive ending, a count in words ("Gray eleven times"), and what follows a comma or a dash before a
    word in lower case in a person's name ("Benjamin Banky, 40", "Jonathan Wright - director"), and a sentence's
    opening gerund, preposition or adverb the model ran into it ("Following Gigante's death")."""
    if label == "PERSON":
        end = next((token.i for token in doc[start + 1:end] if token.text == "," or (
            token.text in DASHES and token.i + 1 < end and doc[token.i + 1].is_lower)), end)
        if end - start > 1 and doc[start].is_sent_start and doc[start].tag_ in SENTENCE_OPENING_TAGS:
            start += 1
    while end > start and doc[end - 1].text in POSSESSIVES:
        end -= 1
    # A count written in words after a name is none of it: "hitting Gray eleven times".
    while label in NAME_LABELS and end - start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha \
            and doc[end - 1].like_num:
        end -= 1
    return start, end, label


def _title_run_has_head(doc: Doc, index: int, step: int) -> bool:
    """Whether the title words next to ``index`` (going left with step -1, right with +1) include a head."""
    while 0 <= index < len(doc) and (is_title_part(doc[index].text) or doc[index].lower_ in TITLE_LINKS):
        if is_title_head(doc[index].text):
            return True
        index += step
    return False


def trim_titles(doc: Doc, start: int, end: int, label: str, config: NerFixConfig = CONFIG) -> Entity | None:
    if start == end:
        return None
    name_start = start
    while name_start < end and (is_title_part(doc[name_start].text)
                                or (name_start > start and doc[name_start].lower_ in TITLE_LINKS)):
        name_start += 1
    while name_start > start and doc[name_start - 1].lower_ in TITLE_LINKS:
        name_start -= 1
    if name_start == start:
        return start, end, label
    title_has_head = any(is_title_head(token.text) for token in doc[start:name_start])
    titled_from_left = _title_run_has_head(doc, start - 1, -1)
    if name_start == end:
        alone_in_title = title_has_head or titled_from_left or _title_run_has_head(doc, end, 1)
        return None if alone_in_title else (start, end, label)
    # Titles lead organisation names too ("General Motors"): trim them off a non-person only inside a title run
    # or after a title abbreviated with a full stop ("Capt. Ames"), which leads no organisation's name.
    abbreviated_head = any(token.text.endswith(".") and is_title_head(token.text) for token in doc[start:name_start])
    if not (titled_from_left or abbreviated_head or (label == "PERSON" and title_has_head)):
        return start, end, label
    name = doc[name_start:end]
    looks_like_person = len(name) <= config.person_name_max_tokens and all(t.is_title or not t.is_alpha for t in name)
    return name_start, end, "PERSON" if looks_like_person else label


def join_given_names(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A capitalised word tagged as a place or group right before a person's name is a given name ("Sadiq" of
    "London mayor Sadiq Khan")."""
    ordered = sorted(entities)
    joined: list[Entity] = []
    for start, end, label in ordered:
        if joined and label == "PERSON":
            previous_start, previous_end, previous_label = joined[-1]
            given = doc[previous_start]
            if (previous_end == start and previous_end - previous_start == 1 and previous_label != "PERSON"
                    and given.is_title and given.pos_ == "PROPN"):
                joined[-1] = (previous_start, end, "PERSON")
                continue
        joined.append((start, end, label))
    return joined


def _names_organisation(doc: Doc, start: int, end: int) -> bool:
    if any(word in ORGANISATION_WORDS for word in fold(doc[start:end].text).split()):
        return True
    if start > 0 and doc[start - 1].lower_ in GROUP_NOUNS:
        return True
    root = doc[start:end].root
    appositives = [child for child in root.children if child.dep_ == "appos"]
    appositives += [root.head] if root.dep_ == "appos" else []
    if any(token.lower_ in GROUP_NOUNS for token in appositives):  # "Ahrar al-Shamal, an armed group"
        return True
    return _parenthesised_acronym_at(doc, end) is not None


def _parenthesised_acronym_at(doc: Doc, index: int) -> int | None:
    if index + 2 < len(doc) and doc[index].text == "(" and doc[index + 2].text == ")":
        inner = doc[index + 1]
        if inner.is_upper and inner.is_alpha and len(inner) >= 2:
            return index + 1
    return None


def add_proper_nouns(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG,
                     headline: set[int] | None = None) -> list[Entity]:
    """A run of capitalised words the parse reads as proper nouns, untagged, inside a sentence of the body, is a
    name the model did not know ("members of the Bloods", "a red Adidas hoodie", "an anarchist squat in
    Exarcheia"): a group's if plural, a place's after a locative preposition, else an organisation's, which the
    rules after this one make a person's where the text says so. Not a sentence's first word, whose capital says
    nothing, a word in quotation marks (a quotation's first word, a nickname, a work's title), a headline's word, a function word, a
    title, a day or a month, a word next to a number, a lone common noun of places and institutions ("the
    Commission"), nor a word the document also writes in lower case."""
    covered = {i for start, end, _ in entities for i in range(start, end)}
    headline = headline_tokens(doc, config) if headline is None else headline
    lower_words = {token.lower_ for token in doc if token.is_lower}

    def fits(token: Token) -> bool:
        return (token.i not in covered and token.i not in headline and token.pos_ == "PROPN" and token.is_title
                and token.is_alpha and not token.is_stop and not is_title_part(token.text)
                and token.lower_ not in lower_words and token.lower_ not in CALENDAR_WORDS)

    found: list[Entity] = []
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and fits(token) and not (run and token.is_sent_start):
            run.append(token)
            continue
        if run and not run[0].is_sent_start and not run[0].nbor(-1).is_quote \
                and len(run) <= config.person_name_max_tokens and _is_name_run_edge(doc, run[-1].i + 1) \
                and _is_name_run_edge(doc, run[0].i - 1) and not _numbered(doc, run[0].i, run[-1].i + 1) \
                and not _before_capitals(doc, run[-1].i + 1) \
                and not (len(run) == 1 and run[0].lower_ in GENERIC_NAME_WORDS):
            head = doc[run[0].i:run[-1].i + 1].root
            if len(run) == 1 and head.tag_ == "NNPS":  # a plural word names a group ("the Bloods", "young Greeks")
                label = "NORP"
            elif head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS:
                label = "GPE"
            else:
                label = "ORG"
            found.append((run[0].i, run[-1].i + 1, label))
        run = [token] if token is not None and fits(token) else []
    return _join_across_links(doc, entities, found)


def _join_across_links(doc: Doc, tagged: list[Entity], found: list[Entity]) -> list[Entity]:
    """Two runs found here on either side of one "of" or "for" are one organisation's name ("Defenders of
    Wildlife", "Center for Biological Diversity"), unless the second holds a word of a person's name the model tagged
    ("the modern-day Mafia of Gotti" beside "John Gotti")."""
    new = set(found)
    people_words = {token.lower_ for start, end, label in tagged if label == "PERSON" for token in doc[start:end]}
    merged: list[Entity] = []
    for entity in sorted([*tagged, *found]):
        if merged:
            start, end, label = merged[-1]
            joinable = {label, entity[2]} <= NAME_LABELS - {"PERSON"} \
                and not any(token.lower_ in people_words for token in doc[entity[0]:entity[1]])
            if joinable and entity[0] == end + 1 and doc[end].lower_ in ORGANISATION_LINKS \
                    and (start, end, label) in new and entity in new:
                merged[-1] = (start, entity[1], "ORG")
                new.add(merged[-1])
                continue
        merged.append(entity)
    return merged


def _before_capitals(doc: Doc, index: int) -> bool:
    """A word in capitals follows: the run is part of a longer name ("the Kestrel KRAM campaign")."""
    return index < len(doc) and doc[index].is_upper and doc[index].is_alpha


def _numbered(doc: Doc, start: int, end: int) -> bool:
    """A number stands next to the words: part of an address or a numbered name ("Highway 214", "East 52nd",
    "67th Presinct"), which the street rules and the model know better."""
    return any(0 <= i < len(doc) and any(c.isdigit() for c in doc[i].text) for i in (start - 1, end))


def relabel_organisations(doc: Doc, entities: list[Entity]) -> list[Entity]:
    organisations = {fold(doc[start:end].text) for start, end, label in entities
                     if label == "PERSON" and _names_organisation(doc, start, end)}
    return [(start, end, "ORG" if label == "PERSON" and fold(doc[start:end].text) in organisations else label)
            for start, end, label in entities]


def relabel_plural_people(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A "person" of one plural proper noun is a group ("the Jaguars", "Greeks"), as an untagged one is, unless a
    person the document names in full has it for a surname ("Esther Williams")."""
    surnames = {fold(doc[end - 1].text) for start, end, label in entities if label == "PERSON" and end - start > 1}
    return [(start, end, "NORP" if label == "PERSON" and end - start == 1 and doc[start].tag_ == "NNPS"
             and fold(doc[start].text) not in surnames else label) for start, end, label in entities]


def relabel_people(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A name that "who" refers back to, that a courtesy or academic title leads ("Professor Lind"), or that has
    an office or such a title in apposition ("Gábor Varga, the NGA's director-general", "a professor of
    economics, Yanis Lind"), is a person's, whatever the model guessed."""
    fixed = []
    for start, end, label in entities:
        if label in ("ORG", "GPE", "NORP", "LOC", "FAC") and all(t.is_title for t in doc[start:end]):
            followed_by_who = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("who", "whose")
            titled = end - start > 1 and title_word(doc[start].text) in HONORIFICS
            root = doc[start:end].root
            appositives = [child for child in root.children if child.dep_ == "appos"]
            appositives += [root.head] if root.dep_ == "appos" else []
            if followed_by_who or titled or any(title_word(t.text) in OFFICES | HONORIFICS for t in appositives):
                start, label = start + titled, "PERSON"  # the title is the role, not part of the name
        fixed.append((start, end, label))
    return fixed


def relabel_speakers(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG) -> list[Entity]:
    """A name tagged as an organisation that is the subject of a verb of saying ("Kyrtsos said"), has no
    organisation word and no article before it, and is then "he" or "she" saying something soon after one of its
    mentions, with no person named between ("… Kyrtsos said. … “…,” he said"), is a person's, and so is every
    mention of the same name in the document. Places are left alone: "Iraq said" is its government speaking."""
    people = sorted(start for start, _, label in entities if label == "PERSON")
    sentences = list(doc.sents)
    position = {sentence.start: n for n, sentence in enumerate(sentences)}
    candidates = [(start, end, fold(doc[start:end].text)) for start, end, label in entities
                  if label == "ORG" and all(t.is_title for t in doc[start:end])
                  and not _names_organisation(doc, start, end)]
    speaking = {name for start, end, name in candidates if doc[start:end].root.dep_ == "nsubj"
                and doc[start:end].root.head.lemma_.lower() in SPEECH_VERBS}

    def followed_by_pronoun(start: int, end: int) -> bool:
        first = position[doc[start].sent.start]
        following = sentences[first : first + config.speaker_pronoun_sentences + 1]
        pronoun = next((t for sentence in following for t in sentence
                        if t.i >= end and t.lower_ in PERSONAL_PRONOUNS and t.dep_ == "nsubj"
                        and t.head.lemma_.lower() in SPEECH_VERBS), None)
        return pronoun is not None and not any(end <= person < pronoun.i for person in people)

    # "the Post stated", "The Associated Press said": a name written after an article is no person's.
    with_article = {name for start, end, name in candidates
                    if start > 0 and doc[start - 1].lower_ in ARTICLES}
    speakers = {name for start, end, name in candidates
                if name in speaking - with_article and followed_by_pronoun(start, end)}
    return [(start, end, "PERSON" if fold(doc[start:end].text) in speakers else label)
            for start, end, label in entities]


def relabel_places(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A "person" followed by a facility noun is that facility ("Qasr al-Nour prison"), one followed by a news
    outlet's noun that outlet ("the Vjesnik daily"); one followed by an area noun ("the Sampierdarena district"),
    or governed by a locative preposition ("in Debrecen", "in Brod and Debrecen") is a place, and so is a
    "person" or an "organisation" an area or a settlement is "of" ("the district of Exarcheia", "the city of
    Brod")."""
    covered = {i for start, end, _ in entities for i in range(start, end)}
    places = {doc[start:end].root.i for start, end, label in entities if label in PLACE_LABELS}
    fixed = []
    for start, end, label in entities:
        root = doc[start:end].root
        if label == "PERSON" and end < len(doc) and doc[end].lower_ in FACILITY_NOUNS and end not in covered:
            start, end, label = start, end + 1, "FAC"
        elif label == "PERSON" and end < len(doc) and doc[end].lower_ in MEDIA_NOUNS and end not in covered:
            label = "ORG"
        elif label == "PERSON" and end < len(doc) and doc[end].lower_ in AREA_NOUNS:
            label = "LOC"
        elif label in ("PERSON", "ORG") and _named_area_of(root):
            label = "GPE"
        elif label == "PERSON" and _located(root, places):
            label = "GPE"
        fixed.append((start, end, label))
    return fixed


def _named_area_of(root: Token) -> bool:
    """"the city of Brod": the name is the object of an "of" completing an area or settlement noun."""
    return (root.dep_ == "pobj" and root.head.lower_ == "of"
            and root.head.head.lower_ in AREA_NOUNS | SETTLEMENT_NOUNS)


def _located(root: Token, places: set[int]) -> bool:
    """"in Debrecen", or a later conjunct of a place there ("in Brod and Debrecen"; not "a gun at Sgt. Lind and
    Officer Kovacs", where the first is no place)."""
    if root.dep_ == "conj" and root.head.i < root.i:
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        if root.i not in places:
            return False
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS


def add_parenthesised_acronyms(doc: Doc, entities: list[Entity]) -> list[Entity]:
    by_start = {start: (start, end, label) for start, end, label in entities}
    covered = {i for start, end, _ in entities for i in range(start, end)}
    for _, end, label in entities:
        acronym = _parenthesised_acronym_at(doc, end)
        if acronym is None or label not in ("ORG", "GPE", "LOC", "FAC"):
            continue
        tagged_alone = acronym in by_start and by_start[acronym][1] == acronym + 1
        if tagged_alone or acronym not in covered:
            by_start[acronym] = (acronym, acronym + 1, label)
    return list(by_start.values())


def drop_common_initialisms(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A common initialism for a thing that the model tagged alone as a name is none ("90 RBI", "a SWAT team",
    "arrested for DUI" tagged as organisations), nor is an eponym before the noun it names ("Molotov cocktails",
    "Alzheimer's disease")."""
    return [(start, end, label) for start, end, label in entities
            if not (end - start == 1 and label in NAME_LABELS and (
                (doc[start].is_upper and doc[start].lower_ in COMMON_INITIALISMS)
                or (doc[start].lower_ in EPONYMS and _before_common_noun(doc, end))))]


def drop_sentence_opening_nouns(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A noun for a person that the model tagged as a person's name only because it opens a sentence is none
    ("Filmmaker and aviator Howard Hughes also pursued her"): a one-word PERSON whose lower-case form names a
    person, every time it is tagged alone at a sentence's start, and never a word of a longer name of the
    document ("Baker" of "James Baker", "Page" of "Bettie Page" stay names)."""
    alone = [(start, end, label) for start, end, label in entities if end - start == 1 and label == "PERSON"
             and doc[start].lower_ in PERSON_NOUNS]
    if not alone:
        return entities
    in_names = {token.lower_ for start, end, label in entities if end - start > 1 for token in doc[start:end]}
    opening: dict[str, bool] = {}
    for start, _, _ in alone:
        word = doc[start].lower_
        opening[word] = opening.get(word, True) and doc[start].is_sent_start
    dropped = {entity for entity in alone if opening[doc[entity[0]].lower_] and doc[entity[0]].lower_ not in in_names}
    return [entity for entity in entities if entity not in dropped]


def _before_common_noun(doc: Doc, index: int) -> bool:
    """A noun in lower case follows, after a possessive if there is one ("cocktails", "'s disease")."""
    if index < len(doc) and doc[index].text in POSSESSIVES:
        index += 1
    return index < len(doc) and doc[index].is_lower and doc[index].pos_ == "NOUN"


def add_acronyms(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG,
                 headline: set[int] | None = None) -> list[Entity]:
    """An untagged word in capitals that the parse reads as a noun, outside a headline, is an organisation's
    acronym ("NYPD officers shot", "the PAME march", "OHSU"): the model tags such words in one sentence and misses
    them in the next, or never knew them. Not a word run into other untagged capitalised words, a function word
    ("WE"), a title ("CEO"), a common initialism for a thing ("TV", "ADSL"), a word the document also writes in
    lower case, which is emphasis ("a FLAG"), nor a long one ("UPDATE")."""
    covered = {i for start, end, _ in entities for i in range(start, end)}
    headline = headline_tokens(doc, config) if headline is None else headline
    lower_words = {token.lower_ for token in doc if token.is_lower}
    found = list(entities)
    for token in doc:
        letters = sum(c.isalpha() for c in token.text)
        sized = config.acronym_min_letters <= letters <= config.acronym_max_letters
        if (token.i in covered or token.i in headline or not token.is_upper or not token.text[0].isalpha()
                or not token.text.isalnum() or not sized
                or token.pos_ not in ("PROPN", "NOUN") or token.is_stop or is_title_part(token.text)
                or token.lower_ in COMMON_INITIALISMS or token.lower_ in lower_words):
            continue
        # Run into other untagged capitalised words, it is part of a longer name ("FLAG FEA" cable), which the
        # story's other articles may know whole.
        if any(0 <= i < len(doc) and i not in covered and not doc[i].is_stop and not _is_name_run_edge(doc, i)
               for i in (token.i - 1, token.i + 1)):
            continue
        found.append((token.i, token.i + 1, "ORG"))
    return found


def relabel_surnames(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG) -> list[Entity]:
    """A surname or a given name alone is the person's ("Sudani" after "Mohamed Shia al-Sudani", "Marta" after
    "Marta Olsen"), and the last word of a longer name alone is that name's ("Sukanya" after "INS Sukanya", "Navy"
    after "Indian Navy") when left untagged. A place the document writes after "in" stays a place: the "person"
    ending in it is an organisation of that place the model took for one ("services in Egypt" beside "Etisalat
    Egypt" tagged PERSON). Only "in": one aims "at", or lives "near", a person too ("directed at Palin"). A given
    name and a surname the model typed as no one's are the person whose surname it tags alone, and so is that given
    name alone ("protester Paris Kyriakides" tagged ORG before "Kyriakides said")."""
    people_alone = {fold(doc[start].text) for start, end, label in entities if label == "PERSON" and end - start == 1}
    entities = [(start, end, "PERSON" if label in NAME_LABELS and _named_by_lone_surname(doc[start:end], people_alone)
                 else label) for start, end, label in entities]
    last_words, given_names = _name_ends(doc, entities)
    # A surname the document tags only alone still ends the untagged full name the model missed, often where it
    # opens a sentence ("Giorgos Kyrtsos, publisher of …" before "Kyrtsos said").
    lone_surnames = people_alone - set(last_words)
    if not last_words and not lone_surnames:
        return entities
    fixed = _relabel_single_words(doc, entities, last_words, given_names)
    return fixed + _untagged_names(doc, entities, last_words, lone_surnames, config)


def _name_ends(doc: Doc, entities: list[Entity]) -> tuple[dict[str, str], set[str]]:
    """The last word of each name of several words, with the name's label (a person's first), and the first words
    of people's names."""
    last_words: dict[str, str] = {}
    given_names: set[str] = set()
    for start, end, label in sorted(entities, key=lambda e: e[2] != "PERSON"):
        words = tokens(doc[start:end].text)
        if label in NAME_LABELS and len(words) > 1:
            last_words.setdefault(words[-1], label)
            if label == "PERSON":
                given_names.add(words[0])
    return last_words, given_names


def _relabel_single_words(doc: Doc, entities: list[Entity], last_words: dict[str, str],
                          given_names: set[str]) -> list[Entity]:
    """One-word entities that end a person's name, or are a person's given name ending no other name, as
    people's; a place the document writes after "in" stays a place."""
    located = {fold(doc[start].text) for start, end, label in entities
               if label in PLACE_LABELS and end - start == 1 and doc[start].dep_ == "pobj"
               and doc[start].head.lower_ == "in"}
    fixed = []
    for start, end, label in entities:
        word = fold(doc[start].text)
        if label != "PERSON" and end - start == 1 and not (label in PLACE_LABELS and word in located) \
                and (last_words.get(word) == "PERSON" or (word in given_names and word not in last_words)):
            label = "PERSON"
        fixed.append((start, end, label))
    return fixed


def _untagged_names(doc: Doc, entities: list[Entity], last_words: dict[str, str], lone_surnames: set[str],
                    config: NerFixConfig) -> list[Entity]:
    """Untagged runs of capitalised words ending in a tagged name's last word (with that name's label) or in a
    surname the document tags alone (a person's, only with a given name before it)."""
    found = []
    covered = {i for start, end, _ in entities for i in range(start, end)}
    for token in doc:
        word = fold(token.text)
        label = last_words.get(word, "PERSON" if word in lone_surnames else None)
        if (token.i in covered or token.pos_ != "PROPN" or not token.is_title or label is None
                or not _is_name_run_edge(doc, token.i + 1)):
            continue
        start = token.i
        if label == "PERSON":  # "Gábor Varga" untagged where "Lena Varga" is tagged
            while (start > 0 and start - 1 not in covered and doc[start - 1].pos_ == "PROPN"
                   and doc[start - 1].is_title and not is_title_part(doc[start - 1].text)
                   and token.i - start < config.person_name_max_tokens - 1):  # "Professor" is no given name
                start -= 1
        if word not in last_words and start == token.i:
            continue  # a lone surname's untagged uses are the consistency rule's
        titled = label == "PERSON" and start > 0 and is_title_part(doc[start - 1].text)
        if titled or _is_name_run_edge(doc, start - 1):
            found.append((start, token.i + 1, label))
            covered.update(range(start, token.i + 1))
    return found


def _named_by_lone_surname(name: Span, people_alone: set[str]) -> bool:
    """Two capitalised words ending in a surname the document tags alone as a person's; not a name with a word of
    places, institutions or companies ("Smith Center"), nor two names a comma parts ("People, Reid")."""
    return (len(name) == 2 and all(token.is_title for token in name) and fold(name[-1].text) in people_alone
            and not any(token.lower_ in GENERIC_NAME_WORDS | COMPANY_WORDS for token in name))


def split_modifying_surnames(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """A person's name the document writes alone, leading a "person" of two more capitalised words that are no
    one's name there, modifies the name after it: "Obama White House" is Obama and the White House, not a person
    whom every later "White House" would join. The rest becomes an organisation's name, for the later rules to
    type."""
    people = [(start, end) for start, end, label in entities if label == "PERSON"]
    alone = {fold(doc[start].text) for start, end in people if end - start == 1}
    fixed: list[Entity] = []
    for start, end, label in entities:
        rest = doc[start + 1:end]
        if (label == "PERSON" and fold(doc[start].text) in alone and len(rest) >= 2
                and all(token.is_title for token in rest)):
            others = {word for s, e in people if (s, e) != (start, end) for word in tokens(doc[s:e].text)}
            if others.isdisjoint(tokens(rest.text)):
                fixed += [(start, start + 1, "PERSON"), (start + 1, end, "ORG")]
                continue
        fixed.append((start, end, label))
    return fixed


def lines(doc: Doc) -> list[Span]:
    """The document's lines: a headline is a line, whatever the sentence splitter makes of it."""
    found, start = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if start < token.i:
                found.append(doc[start:token.i])
            start = token.i + 1
    if start < len(doc):
        found.append(doc[start:])
    return found


def is_headline(line: Span, config: NerFixConfig = CONFIG) -> bool:
    """A title-cased line: most of its words capitalised, leaving aside the function words many styles keep in
    lower case there ("Anger in East Flatbush Persists Over the Killing")."""
    words = [token for token in line if token.is_alpha and not (token.is_lower and token.is_stop)]
    if len(words) < config.headline_min_words:
        return False
    capitalised = sum(token.is_title or token.is_upper for token in words)
    return capitalised >= config.headline_capitalised_share * len(words)


def headline_tokens(doc: Doc, config: NerFixConfig = CONFIG) -> set[int]:
    return {token.i for line in lines(doc) if is_headline(line, config) for token in line}


def retag_headlines(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG,
                    headline: set[int] | None = None) -> list[Entity]:
    """In a headline, the names the body tags replace the model's guesses: "Sixers Hire Maurice Cheeks as Head
    Coach" gets "Maurice Cheeks", "Obama to Nominate Regina Benjamin" gets "Obama" and "Regina Benjamin", a line in
    capitals "RED SOX MAKE OFFER" gets "Red Sox", and a surname the body gives in full is the person's ("Hansbrough
    Sets Record" after "Tyler Hansbrough"). The model's other entities there lose the words the body writes in
    lower case and the function words ("Lindsay Lohan Checks Into Rehab" becomes "Lindsay Lohan"), since a
    headline capitalises every word and the model takes capitals for names."""
    headline = headline_tokens(doc, config) if headline is None else headline
    if not headline:
        return entities
    body_labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    surnames: set[str] = set()
    for start, end, label in entities:
        if start not in headline and label in NAME_LABELS:
            body_labels[_folded(doc[start:end])][label] += 1
            if label == "PERSON" and len(tokens(doc[start:end].text)) > 1:
                surnames.add(tokens(doc[start:end].text)[-1])
    for surname in surnames:
        body_labels.setdefault((surname,), Counter({"PERSON": 1}))
    found: list[Entity] = []
    taken: set[int] = set()
    for length in range(max(map(len, body_labels), default=0), 0, -1):
        for i in sorted(headline):
            span = range(i, i + length)
            if (doc[i].is_title or doc[i].is_upper) and all(j in headline for j in span) \
                    and not taken.intersection(span) and _folded(doc[i:i + length]) in body_labels:
                found.append((i, i + length, body_labels[_folded(doc[i:i + length])].most_common(1)[0][0]))
                taken.update(span)
    plain = _plain_words(doc, headline)
    kept = []
    for start, end, label in entities:
        if taken.intersection(range(start, end)):
            continue
        if start in headline and label in NAME_LABELS and not nicknamed(doc, start, end):
            kept += [(run_start, run_end, label) for run_start, run_end in _name_runs(doc, start, end, plain)]
        else:
            kept.append((start, end, label))
    return kept + found


def tag_datelines(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG,
                  headline: set[int] | None = None) -> list[Entity]:
    """A line opening with a word or a few in capitals before a comma, a bracket or a dash opens with its
    dateline, the place the story was filed from ("GENOA, Italy (AP) —", "SAN DIEGO --"): that is a place,
    whatever the model made of it ("GENOA" an organisation, "SAN" and "DIEGO" two, "GENOA - Police" one)."""
    found = list(entities)
    headline = headline_tokens(doc, config) if headline is None else headline
    for line in lines(doc):
        words = 0
        while words < len(line) and line[words].is_upper and line[words].is_alpha and not line[words].is_stop:
            words += 1
        separators = words
        while separators < len(line) and (line[separators].text == "," or not line[separators].text.strip("-–—")):
            separators += 1
        # What follows is the agency in brackets or running text ("Italy", "Police said"), not more capitals
        # ("A FIRE - BOMB attack", "BREAKING NEWS - 3 DEAD", a headline).
        bracket = separators == words < len(line) and line[words].text == "("
        if not 0 < words <= config.dateline_max_words or line.start in headline or separators == len(line) \
                or not (bracket or (separators > words and line[separators].is_title)):
            continue
        start, end = line.start, line.start + words
        found = [(s, e, label) for s, e, label in found if e <= start or s >= end] + [(start, end, "GPE")]
    return found


def _folded(span: Span) -> tuple[str, ...]:
    return tuple(fold(token.text) or token.text for token in span)


def _plain_words(doc: Doc, headline: set[int]) -> set[str]:
    """Words the body writes in lower case more often than capitalised mid-sentence, and their lemmas: in a
    headline they are capitalised only by its style ("Checks", "Rehab")."""
    lower, capitalised = Counter(), Counter()
    for token in doc:
        if token.i in headline or not token.is_alpha:
            continue
        if token.is_lower:
            lower[token.lower_] += 1
            lower[token.lemma_.lower()] += 1
        elif not token.is_sent_start:
            capitalised[token.lower_] += 1
    return {word for word, count in lower.items() if count > capitalised[word]}


def _plain(token: Token, plain: set[str]) -> bool:
    """A headline's word the body writes in lower case; the model does not lemmatise a capitalised headline word,
    so a plural or third-person "-s" is taken off by hand ("Checks" after "checked")."""
    word = token.lower_
    return word in plain or token.lemma_.lower() in plain or (word.endswith("s") and word[:-1] in plain)


def _name_runs(doc: Doc, start: int, end: int, plain: set[str]) -> list[tuple[int, int]]:
    """The parts of a headline entity between its plain words, function words, verbs and adverbs, without the
    linking words at their edges ("of", "and")."""
    runs, run_start = [], start
    for i in range(start, end + 1):
        token = doc[i] if i < end else None
        if token is None or (token.is_alpha and token.lower_ not in NAME_LINKS
                             and (token.is_stop or token.pos_ in CLAUSE_POS or _plain(token, plain))):
            first, last = run_start, i
            while first < last and (doc[first].lower_ in NAME_LINKS or not doc[first].is_alpha):
                first += 1
            while last > first and (doc[last - 1].lower_ in NAME_LINKS or not doc[last - 1].is_alpha):
                last -= 1
            if first < last:
                runs.append((first, last))
            run_start = i + 1
    return runs


def _is_name_run_edge(doc: Doc, index: int) -> bool:
    """Whether ``index`` lies outside a capitalised run, so a name ending or starting next to it is whole; a
    function word opening a sentence is capitalised for that alone ("The Colts, trailing …")."""
    if not 0 <= index < len(doc):
        return True
    token = doc[index]
    return not (token.is_title and token.is_alpha) or (token.is_sent_start and token.is_stop)


def make_consistent(doc: Doc, entities: list[Entity], config: NerFixConfig = CONFIG) -> list[Entity]:
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for start, end, label in entities:
        if label in NAME_LABELS:
            labels[doc[start:end].text][label] += 1
    majority = {text: counts.most_common(1)[0][0] for text, counts in labels.items()}
    consistent = [(start, end, majority.get(doc[start:end].text, label)) for start, end, label in entities]
    covered = {i for start, end, _ in consistent for i in range(start, end)}
    names = {tuple(t.text for t in doc[start:end]): label for start, end, label in consistent
             if label in NAME_LABELS and end - start <= config.propagated_name_max_tokens and doc[start].is_title}
    positions: dict[str, list[int]] = defaultdict(list)
    for token in doc:
        positions[token.text].append(token.i)
    for name, label in names.items():
        for start in positions[name[0]]:
            end = start + len(name)
            if end > len(doc) or tuple(t.text for t in doc[start:end]) != name:
                continue
            if any(i in covered for i in range(start, end)):
                continue
            if _is_name_run_edge(doc, start - 1) and _is_name_run_edge(doc, end):
                consistent.append((start, end, label))
                covered.update(range(start, end))
    return consistent
