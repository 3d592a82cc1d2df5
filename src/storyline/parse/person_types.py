"""People the small model typed as organisations, places or things ("Stephenie Meyer" ORG, "Lennox Lewis" ORG).

A name is judged over all its mentions in the document at once (the same words, case and accents folded, and its
last word written alone, "Meyer"), by evidence that does not depend on the particular name:
- its shape: two to four capitalised words, none a function word nor a word of organisations, companies,
  institutions, places, facilities or outlets (inside it or right after it: "Walt Disney Co."), the last no
  plural ("U.S. Marshals");
- a person's calling or title right before a mention ("author Stephenie Meyer", "boxer Lennox Lewis"), or in
  apposition with it ("Chris Weitz, the director"); not where the name only modifies a noun after it ("deputy
  White House counsel");
- for a name whose first word is a given name that, in the United States, one sex almost only bears (and no
  place's name: "France Telecom"), a pronoun of that sex standing for it: the first "he", "she", "his", "her"
  after a mention, in its sentence or the next ones, with no person named between outside a quotation
  ("Meyer penned a letter. “I'm sad that Catherine …,” she wrote");
- for any other name, being the subject of a verb of saying with "he" or "she" the first pronoun after it
  ("Lennox Lewis said … he would").
Evidence the other way vetoes: a mention written after an article ("the Philip Morris"; though "the Philip
Pullman novel" is fine, the article being the noun's), or before a spokesman's noun ("a France Telecom
spokeswoman"). A name of that shape with a piece of evidence and no veto becomes a PERSON, every mention of it.
Many given names are words too ("Golden Compass"), and many companies bear a founder's name ("Morgan Stanley"), so
the shape alone changes nothing.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from storyline.text import gazetteer, wordlists
from storyline.text.quotemarks import quoted_spans
from storyline.text.names import (COMPANY_WORDS, HONORIFICS, INSTITUTION_WORDS, OFFICES, PLACE_DESIGNATORS,
                                  fold, title_word)

Entity = tuple[int, int, str]  # token start, token end, label

# The model's labels a person's name is mistaken for; a work ("Harry Potter") and an event are left alone, since
# a work named after its hero is the work.
MISTYPED_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP"})
GIVEN_NAMES = wordlists.words("given_names")
GENDERS = wordlists.pairs("given_name_genders")
PERSON_WORDS = (wordlists.words("person_title_nouns") | OFFICES | HONORIFICS
                | frozenset(wordlists.pairs("gendered_nouns")) | wordlists.words("kinship_nouns"))
NON_PERSON_WORDS = (wordlists.words("organisation_words") | COMPANY_WORDS | INSTITUTION_WORDS | PLACE_DESIGNATORS
                    | wordlists.words("facility_nouns") | wordlists.words("media_nouns")
                    | wordlists.words("area_nouns"))
# "a France Telecom spokeswoman": the name before one speaks through someone, so it is a body.
VOICE_NOUNS = wordlists.words("voice_nouns")
SPEECH_VERBS = wordlists.words("cue_verbs_clause")
ARTICLES = frozenset({"the", "a", "an"})
PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female",
                   "it": "thing", "its": "thing", "itself": "thing"}


def relabel_named_people(doc: Doc, entities: list[Entity], max_words: int = 4, pronoun_sentences: int = 2,
                         ) -> list[Entity]:
    """Every mention of a name of a person's shape that a mention's context shows to be a person's, as PERSON."""
    entities = [_without_leading_calling(doc, *entity, max_words) for entity in entities]
    groups = _name_groups(doc, entities, max_words)
    if not groups:
        return entities
    context = _Context(doc, entities, pronoun_sentences)
    people: set[tuple[int, int]] = set()
    for name, mentions in groups.items():
        if any(_body_evidence(doc, start, end) for start, end in mentions):
            continue
        gender = _gender(name)
        if any(_described_as_person(doc, start, end) or context.referred_to_by_pronoun(start, end, gender)
               for start, end in mentions):
            people.update(mentions)
    return [(start, end, "PERSON" if (start, end) in people and label in MISTYPED_LABELS else label)
            for start, end, label in entities]


def _name_groups(doc: Doc, entities: list[Entity], max_words: int) -> dict[str, list[tuple[int, int]]]:
    """The mentions of each name of a person's shape the model typed otherwise at least once, with those of its
    last word alone typed otherwise ("Meyer penned a letter")."""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, label in entities:
        if label in MISTYPED_LABELS and _person_shaped(doc, start, end, max_words):
            groups[fold(doc[start:end].text)].append((start, end))
    # The mentions the model typed as a person's show evidence too ("author Stephenie Meyer" a PERSON, her other
    # mentions organisations).
    for start, end, label in entities:
        if label == "PERSON" and fold(doc[start:end].text) in groups:
            groups[fold(doc[start:end].text)].append((start, end))
    surnames = {name.split()[-1]: name for name in groups}
    for start, end, label in entities:
        if label in MISTYPED_LABELS and end - start == 1 and doc[start].is_title \
                and (name := surnames.get(fold(doc[start].text))):
            groups[name].append((start, end))
    return groups


def _gender(name: str) -> str | None:
    """The sex the name's given name says, unless that word is also a country's or a state's ("France Telecom",
    "Georgia Power")."""
    given = name.split()[0]
    return None if gazetteer.is_region(given) else GENDERS.get(given)


def _without_leading_calling(doc: Doc, start: int, end: int, label: str, max_words: int) -> Entity:
    """A calling the model ran into the name ("Boxer Lennox Lewis" opening a sentence, "Author Stephenie Meyer",
    a title of two words "Surgeon General Regina Benjamin") is cut off, and the name left is a person's:
    capitalised, the calling is one only at a sentence's start or before a given name ("Star Tribune" and "Model
    Railroad Club" stay as they are)."""
    name_start = start
    while label in MISTYPED_LABELS and end - name_start >= 3 and _person_word(doc[name_start]):
        name_start += 1
    if name_start == start or not _person_shaped(doc, name_start, end, max_words):
        return start, end, label
    if doc[start].is_sent_start or doc[name_start].lower_ in GIVEN_NAMES:
        return name_start, end, "PERSON"
    return start, end, label


def _person_shaped(doc: Doc, start: int, end: int, max_words: int) -> bool:
    """Two to ``max_words`` capitalised words (an initial counts: "Michael J. Fox"), not all of them a title or a
    calling ("Surgeon General" is an office, whoever holds it), none a function word nor a word that makes an
    organisation, a place or an outlet of a name, nor one after it ("Walt Disney Co."), the last no plural ("U.S.
    Marshals")."""
    words = doc[start:end]
    if not 2 <= len(words) <= max_words or not words[0].is_alpha or words[-1].tag_ == "NNPS":
        return False
    if all(_person_word(token) for token in words):
        return False
    if not all((token.is_title and not token.is_stop) or _initial(token) for token in words):
        return False
    following = [doc[end]] if end < len(doc) else []
    return not any(title_word(token.text) in NON_PERSON_WORDS for token in [*words, *following])


def _initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _body_evidence(doc: Doc, start: int, end: int) -> bool:
    """"the Philip Morris": an article leads the name itself, not a noun it modifies ("the Philip Pullman
    novel"); "a France Telecom spokeswoman": someone speaks for it."""
    after_article = start > 0 and doc[start - 1].lower_ in ARTICLES and not _modifies_noun(doc, start, end)
    return after_article or (end < len(doc) and doc[end].lower_ in VOICE_NOUNS)


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    return doc[start:end].root.dep_ == "compound"


def _described_as_person(doc: Doc, start: int, end: int) -> bool:
    """A person's calling or title right before ("author Stephenie Meyer"), or in apposition ("Chris Weitz, the
    director", "the director, Chris Weitz"); not a title of the noun the name modifies ("deputy White House
    counsel")."""
    if start > 0 and _person_word(doc[start - 1]) and not _modifies_noun(doc, start, end):
        return True
    root = doc[start:end].root
    appositives = [child for child in root.children if child.dep_ == "appos" and child.i not in range(start, end)]
    appositives += [root.head] if root.dep_ == "appos" else []
    return any(_person_word(token) for token in appositives)


def _person_word(token: Token) -> bool:
    return title_word(token.text) in PERSON_WORDS and token.pos_ in ("NOUN", "PROPN")


class _Context:
    """What the pronoun evidence reads of the document, found once: people named, sentences, quotations."""

    def __init__(self, doc: Doc, entities: list[Entity], pronoun_sentences: int) -> None:
        self.doc = doc
        self.sentences = list(doc.sents)
        self.position = {sentence.start: n for n, sentence in enumerate(self.sentences)}
        self.pronoun_sentences = pronoun_sentences
        quoted = _quoted_tokens(doc)
        # A person named inside a quotation is not who the pronoun after it stands for ("“… Catherine …,” she
        # wrote").
        self.people = sorted(start for start, _, label in entities if label == "PERSON" and start not in quoted)

    def referred_to_by_pronoun(self, start: int, end: int, gender: str | None) -> bool:
        """The first pronoun after a mention is a person's: of the given name's sex, or, for a name whose given
        name says no sex, "he" or "she" after the name said something ("Lennox Lewis said … he would")."""
        pronoun = self.pronoun_after(end)
        if gender:
            return pronoun is not None and PRONOUN_GENDERS[pronoun.lower_] == gender
        return pronoun is not None and PRONOUN_GENDERS[pronoun.lower_] != "thing" and _says(self.doc[start:end].root)

    def pronoun_after(self, end: int) -> Token | None:
        """The first third-person singular pronoun after ``end``, within its sentence and the next
        ``pronoun_sentences``; None when there is none or a person is named before it."""
        first = self.position[self.doc[end - 1].sent.start]
        limit = self.sentences[min(first + self.pronoun_sentences, len(self.sentences) - 1)].end
        for token in self.doc[end:limit]:
            if token.lower_ in PRONOUN_GENDERS:
                named_between = any(end <= person < token.i for person in self.people)
                return None if named_between else token
        return None


def _says(token: Token) -> bool:
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


def _quoted_tokens(doc: Doc) -> set[int]:
    """Tokens inside quotations, paired as every stage that reads quotations pairs them."""
    quoted: set[int] = set()
    for start, end in quoted_spans(doc.text):
        if (words := doc.char_span(start + 1, end - 1, alignment_mode="expand")) is not None:
            quoted.update(range(words.start, words.end))
    return quoted
