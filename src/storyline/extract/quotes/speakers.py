"""Speakers: the entity each attribution's source stands for, through the article's mentions, pronouns and role
nouns ("the minister") to the nearest fitting earlier mention, or none when the source names no one the article
names ("diplomats in Beirut")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as DocSpan, Token

from storyline.extract.quotes.clauses import VOICE_TEXTS, apposition_before, may_speak, subject_end
from storyline.extract.quotes.cues import CLAUSE_CUES, CUES, lemma
from storyline.extract.quotes.drafts import SPEAKER_TYPES, Draft, Drafts
from storyline.extract.quotes.genders import GIVEN_NAMES, PRONOUN_GENDERS, clashes, noun_gender
from storyline.extract.quotes.kinds import SPEECH, of_cue
from storyline.extract.mentions import is_role_nominal
from storyline.extract.roles import INDEFINITE_DETERMINERS, holders
from storyline.model import Mention
from storyline.text import wordlists
from storyline.text.names import OFFICES, is_title_part, title_word, tokens

# A spokesperson or a statement speaks for the body named beside it ("a spokesman for the ministry").
VOICE_NOUNS = wordlists.words("voice_nouns") | VOICE_TEXTS
VOICE_PREPOSITIONS = frozenset({"for", "from", "of", "at", "with"})
# The entity types each pronoun may stand for.
PRONOUNS = {pronoun: frozenset(types.split()) for pronoun, types in wordlists.pairs("speaker_pronouns").items()}
PERSON_ONLY = frozenset({"PERSON"})
# The type the tagger gives a surname it does not know as a person's ("Nefzi said" as a place); a body that
# speaks ("the Post stated") is most often one.
MISTYPED_PERSONS = frozenset({"GPE"})
# "I" and "we" in the narration are the writer ("I say that …", "We strongly recommend …", "When I asked Ford"),
# whom the text does not name; never a person named before them.
WRITER_PRONOUNS = frozenset({"i", "we"})
# "They" stands for several: never for one person a name gives, though it may for the people several names give, or
# for a body or a group.
PLURAL_PRONOUNS = frozenset({"they"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
# Subjects that stand for one person the text does not name: "One of the officers said", "another said".
UNNAMED_ONES = frozenset({"one", "another", "someone", "somebody"})
# Where a name stands to be what a "he" or "she" after it may stand for: a clause's subject, an apposition, an
# object.
RIVAL_ROLES = frozenset({"nsubj", "nsubjpass", "appos", "dobj"})
# How a verb hangs on the verb whose subject it shares: "was eager to warn", "wanted to tell".
OWN_VERB_DEPS = frozenset({"xcomp", "acomp"})
# The object form of "he" and "she": "An official looked at her and said …" speaks of another woman than the
# official.
OBJECT_FORMS = {"he": "him", "she": "her"}
# Verbs of asking a question and of answering one: the one asked may be the one who answers.
ASKING_VERBS = frozenset({"ask", "question"})
ANSWERING_VERBS = frozenset({"answer", "reply", "respond"})
# Nouns of organisations and groups: "it" or "they" may stand for one ("the company said … it added").
BODY_NOUNS = wordlists.words("organisation_words") | wordlists.words("group_nouns")
# Nouns that after "the" stand for an organisation named before ("Microsoft …. The company said").
BODY_DESCRIPTIONS = wordlists.words("body_descriptions")
# The nouns of BODY_DESCRIPTIONS that describe a news outlet ("the paper"), and the verb of reporting news ("CNN
# reported"): most often an outlet's, which "the company" after it does not describe.
OUTLET_DESCRIPTIONS = wordlists.words("outlet_descriptions")
REPORTING_CUES = frozenset({"report"})
# Nouns of news outlets that follow an outlet's name ("the Ansa news agency"): the name is the outlet that speaks.
MEDIA_NOUNS = wordlists.words("media_nouns")
# Words by which a source's phrase says what it knows of or stands near ("a source with knowledge of the team's
# thinking", "a person close to the minister"): what is named after them is not whom the source speaks for.
INSIDER_WORDS = wordlists.words("insider_words")
# Nouns "he" or "she" never stands for: organisations, groups, buildings, and texts that speak for a body.
NOT_A_PERSON = BODY_NOUNS | wordlists.words("facility_nouns") | VOICE_TEXTS
# Nouns that can name a person (WordNet's noun.person): "he" or "she" stands for no other common noun.
PERSON_NOUNS = wordlists.words("person_nouns")
# Nouns naming a person only through another ("his mother", "the deputy's widow").
KINSHIP_NOUNS = wordlists.words("kinship_nouns")
# Nouns by which a text brings in someone it does not name ("the man shouted"): no epithet for a named person.
PLAIN_PERSON_NOUNS = wordlists.words("plain_person_nouns")


@dataclass(frozen=True)
class Resolution:
    """Who a source stands for: an article-level entity id, or for a pronoun standing for a phrase that names no
    entity ("A baker in Debrecen said … she said"), that phrase's character extent."""

    entity: str | None = None
    antecedent: tuple[int, int] | None = None


def resolve(drafts: Drafts, draft: Draft) -> Resolution:
    """Who the draft's source stands for, if it can be told: the name the source's head word is part of, a name
    in apposition to it, the body a spokesperson or a statement speaks for, the person a pronoun or a role noun
    stands for. A source that is a group or a role qualified by a place or a body ("diplomats in Beirut", "the
    head of the union") stays unresolved, as its words say it."""
    if draft.source is None:
        return Resolution()
    head = _source_head(draft.source)
    if (described := _described_by_a_clause(drafts, head)) is not None:
        if described.i < draft.source.start:
            # The parse cut the source down to the name: the noun the clause describes says who spoke.
            last = described.doc[_naming_end(described)]
            return Resolution(None, (described.left_edge.idx, last.idx + len(last)) if may_speak(described) else None)
        head = described
    if head.lower_ in WRITER_PRONOUNS:
        return Resolution()
    if head.pos_ == "PRON" and drafts.mention_at(head) is None:
        return _antecedent(drafts, head)
    if not draft.source.start <= head.i < draft.source.end:
        # "said an Egyptian blogger, who added that …": the relative pronoun stands for the phrase it hangs on,
        # which says who spoke even when it names no one, if its noun is a speaker's.
        first, last = head.head if head.dep_ == "conj" else head, head.doc[_naming_end(head)]
        phrase = (first.left_edge.idx, last.idx + len(last))
        entity = _named_by(drafts, head, draft.source.start_char, draft.source.end_char)
        return Resolution(entity, None if entity or not may_speak(head) else phrase)
    if _several_named(drafts, head, draft.source):
        return Resolution()
    return Resolution(_named_by(drafts, head, draft.source.start_char, draft.source.end_char))


def _several_named(drafts: Drafts, head: Token, source: DocSpan) -> bool:
    """Whether the source joins the one its head names to others named ("Interior Secretary Ken Salazar and Commerce
    Secretary Gary Locke", "both Microsoft and numerous security firms"): the words are all of theirs, which no one
    of them stands for; the source's own words say who spoke."""
    own = drafts.mention_at(head)
    return any(conjunct.i > head.i and source.start <= conjunct.i < source.end
               and (own is None or drafts.mention_at(conjunct) is not own)
               # another name, several ("and his aides"), or anyone beside a name; not two titles of one person
               # ("a former governor and two-term mayor", "president and CEO of …")
               and (drafts.mention_at(conjunct) is not None or conjunct.tag_ in ("NNS", "NNPS")
                    or own is not None and conjunct.pos_ in ("PROPN", "NOUN"))
               # joined by "and", not an apposition the parse took for a conjunct ("Jack Ketsoyan, Reid's rep")
               and any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in head.doc[head.i + 1:conjunct.i])
               for conjunct in head.conjuncts)


def names_a_thing(drafts: Drafts, draft: Draft) -> bool:
    """Whether the draft's source, resolved to no one, is a thing that "says" rather than someone who spoke: a
    common noun with no sense of a person, a group or a body's text ("A sign at his headquarters", "banners",
    "the unrest" a parse took for the subject). Such a quote is better left unattributed than given to it."""
    if draft.source is None or draft.speaker is not None or draft.antecedent is not None:
        return False
    head = _source_head(draft.source)
    return drafts.mention_at(head) is None and not may_speak(head)


def _source_head(source: DocSpan) -> Token:
    head = source.root
    if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
        head = head.head.head  # "Mark Zuckerberg, who said …": the noun the relative clause hangs on
    return head


def _described_by_a_clause(drafts: Drafts, head: Token) -> Token | None:
    """The noun a clause describes, where the parse took for the source's head a name ending that clause ("A woman
    who saw the shooting of Ann Lee says", "Lee" the subject of "says" and the noun hung on it or cut off): a name
    that starts inside a clause describing a noun before it is whom the clause speaks of, and the noun the one who
    spoke. None when the head is no such name."""
    mention = drafts.mention_at(head)
    if mention is None:
        return None
    first = drafts.token_at(mention.span.start)
    for token in first.ancestors:
        if token == head:
            break
        if token.dep_ in ("relcl", "acl") and token.head.i < first.i and token.head.pos_ in ("NOUN", "PROPN") \
                and drafts.mention_at(token.head) is not mention and not token.is_ancestor(head):
            return token.head
    return None


def _named_by(drafts: Drafts, head: Token, start: int, end: int) -> str | None:
    """The entity of the noun phrase ``[start, end)`` headed by ``head``, as :func:`resolve` tells it."""
    mention = drafts.mention_at(head)
    if mention is None or is_role_nominal(mention, drafts.article):
        mention = _name_in_phrase(drafts, head, start, end, mention) or mention
    if mention is not None and is_role_nominal(mention, drafts.article):
        # "The judge", which the mentions stage gave the nearest person holding that title.
        return _role_holder(drafts, head, mention)
    if mention is not None and mention is drafts.mention_at(head) and mention.span.label == "NORP" \
            and _indefinite(head):
        return None  # "Another Muslim who worshiped there", "a Democrat": one person the text does not name
    if mention is not None:
        return _person_named(drafts, mention) if mention.span.label in SPEAKER_TYPES \
            or _after_an_office(drafts, mention) or _an_outlet_tagged_a_work(drafts, mention, head) else None
    if mention is None and (surnamed := _surname_named_before(drafts, head)) is not None:
        return surnamed
    if head.dep_ == "appos" and (named := drafts.mention_at(head.head)) is not None \
            and named.span.label == "PERSON":
        return _person_named(drafts, named)  # "Robert Lane, an assistant attorney general said": Lane
    if lemma(head) in VOICE_TEXTS and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
            and not _owners(head):
        return _issuer(drafts, head)  # "Ann Lee wrote a letter …. “…,” the letter read": Lee
    if lemma(head) in KINSHIP_NOUNS:
        # "his mother", "the young widow": someone's kin, not a title a name before holds; but the article may
        # name that kin of that person ("Lee's mother, Ann Lee, …. Lee's mother said").
        return _kin_named(drafts, head)
    if head.tag_ == "NN" and lemma(head) in BODY_DESCRIPTIONS and _definite(head):
        return _organisation_before(drafts, head)
    if lemma(head) in VOICE_NOUNS and (body := _body_spoken_for(head)) is not None:
        return _organisation_before(drafts, body)  # "a company official", "a statement from the firm"
    # "the farmer", "the District Attorney": a role a person holds, which "the campaign" or "56 percent" is not,
    # nor a plural ("Two jurors", "Microsoft security researchers"): several people, none of them named; nor an
    # indefinite one ("a Democratic senator", "a 2008 campaign veteran"), someone the text does not name.
    if head.tag_ in ("NNS", "NNPS") or _indefinite(head):
        return None
    if head.pos_ == "NOUN" and lemma(head) in PERSON_NOUNS or title_word(head.text) in OFFICES:
        return _role_holder(drafts, head) or _same_voice_before(drafts, head) or _described_speaker(drafts, head)
    return None


def _described_speaker(drafts: Drafts, noun: Token) -> str | None:
    """"The star said", "the billionaire businessman told the crowd": a definite description standing for the one
    person the text is about just before it, named as the subject or the speaker of the sentence before or of its
    own, as writers vary a name with an epithet. Only where that person is the one person named there (no one else
    named, no other speaker, no one asked: "Borger asked. “…,” the senator said" is the one who answers), the
    noun's gender does not clash and the article gives the role to no one else; an office ("the senator") only to
    one who holds it. The description is the noun alone with "the": not one that says more of whom it means ("the
    man who …"), not a voice ("the spokesman", "the source") or a plain noun ("the man", "the witness"), nor a
    noun the text brought in before without a name ("a star …. the star said")."""
    if lemma(noun) in VOICE_NOUNS | PLAIN_PERSON_NOUNS | KINSHIP_NOUNS or not _may_be_a_person(noun) \
            or not _bare_definite(noun) or _brought_in_unnamed(drafts, noun):
        return None
    start = _narration_before(drafts, noun.idx)
    named = {_person_named(drafts, m) for m in drafts.mentions_between(start, noun.idx)
             if m.span.label == "PERSON" and not drafts.in_quote(m.span.start)}
    spoke = [draft for draft in drafts.found if draft.source is not None and start <= draft.source.start_char
             and draft.source.end_char <= noun.idx]
    people = named | {draft.speaker for draft in spoke}
    if len(people) != 1 or _an_exchange(drafts, start, noun):
        return None  # no one, several, a speaker the text does not name, or one who asks or is asked
    entity = people.pop()
    if entity is None or not _a_person(drafts, entity) or _clashes_with_noun(drafts, noun, entity):
        return None
    if any(clashes(token, drafts.genders.get(entity)) and not drafts.in_quote(token.idx)
           for token in drafts.tokens((start, noun.idx))):
        return None  # "Nina Berg sold it to him": someone else is there, whom the text does not name
    if not spoke and not any(_subject_named(drafts, m) for m in drafts.mentions_between(start, noun.idx)
                             if m.entity_id == entity):
        return None  # named only as an object ("Kasich offered the man a job"): not whom the text is about
    others = holders(noun, drafts.mentions_between(0, noun.idx))
    if title_word(noun.text) in OFFICES:
        return entity if entity in others else None
    return entity if not others or entity in others else None


def _an_exchange(drafts: Drafts, start: int, noun: Token) -> bool:
    """Whether the words before the description ask someone a question ("Borger asked", "Trump was asked"): the
    one who answers is the other of the two, whom the description may stand for."""
    return any(lemma(token) in ASKING_VERBS and token.pos_ in ("VERB", "AUX") and not drafts.in_quote(token.idx)
               for token in drafts.tokens((start, noun.idx)))


def _bare_definite(noun: Token) -> bool:
    """Whether the noun's phrase is "the" and the noun, with at most words that modify it ("the former
    president"): no possessor, number, clause, phrase or name in apposition."""
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and all(
        c.dep_ in ("det", "amod", "compound", "punct") and c.pos_ != "PROPN" for c in children)


def _brought_in_unnamed(drafts: Drafts, noun: Token) -> bool:
    """Whether the text wrote the noun before with "a", "one" or another indefinite word ("a witness told the
    News"): the description takes up that one, whom the text does not name."""
    return any(lemma(token) == lemma(noun) and _indefinite(token) and not drafts.in_quote(token.idx)
               for token in drafts.tokens((0, noun.idx)))


def _subject_named(drafts: Drafts, mention: Mention) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in _heads(drafts, mention))


def _clashes_with_noun(drafts: Drafts, noun: Token, entity: str) -> bool:
    said, known = noun_gender(noun), drafts.genders.get(entity)
    return said is not None and known is not None and said != known


def _kin_named(drafts: Drafts, kin: Token) -> str | None:
    """The one person the article names as the same kin of the same person as a source's kin noun with a named
    possessor ("Lee's mother" where it writes "Lee's mother, Ann Lee," or "Ann Lee, Lee's mother,", before or after
    the quote): the noun in apposition to that name. None for a possessor that is a pronoun ("his mother": whose is
    a guess) or a phrase without one, or when the article names two such people."""
    possessor = _named_possessor(drafts, kin)
    if possessor is None:
        return None
    named = set()
    for token in drafts.doc:
        if token.lemma_ != kin.lemma_ or drafts.in_quote(token.idx) or _named_possessor(drafts, token) != possessor:
            continue
        names = [child for child in token.children if child.dep_ == "appos"]
        names += [token.head] if token.dep_ == "appos" else []
        named |= {entity for name in names if (mention := drafts.mention_at(name)) is not None
                  and mention.span.label == "PERSON" and (entity := _person_named(drafts, mention)) is not None}
    return named.pop() if len(named) == 1 else None


def _named_possessor(drafts: Drafts, noun: Token) -> str | None:
    """The entity that owns the noun by a name ("Lee's" of "Lee's mother"), or None."""
    owner = next((child for child in noun.children if child.dep_ == "poss"), None)
    mention = drafts.mention_at(owner) if owner is not None and owner.pos_ == "PROPN" else None
    return None if mention is None or mention.span.label != "PERSON" else mention.entity_id


def _body_spoken_for(voice: Token) -> Token | None:
    """The common noun of the body a spokesperson or a text speaks for, where the phrase describes that body
    rather than naming it: "a company official", "a studio representative", "the company's spokeswoman", "a
    statement from the firm". Not an indefinite one ("a spokesman for a company"): a body the text does not name."""
    for child in voice.children:
        if child.dep_ == "compound" and _describes_a_body(child) \
                and all(c.dep_ in ("compound", "amod") and c.pos_ != "PROPN" for c in child.children):
            return child
        if child.dep_ == "poss" and _describes_a_body(child) and _definite(child):
            return child
        if child.dep_ == "prep" and child.lower_ in VOICE_PREPOSITIONS:
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            if body is not None and _describes_a_body(body) and _definite(body) and not _known_of(voice, body):
                return body
    return None


def _known_of(voice: Token, named: Token) -> bool:
    """Whether a word between the source's noun and a body or person named after it says the source only knows
    of it or stands near it ("a source with knowledge of the team's thinking", "a person familiar with the
    company's plans", "an official close to the minister"): an anonymous insider, not that body's or person's voice,
    however the parse hangs the words."""
    return any(lemma(token) in INSIDER_WORDS or token.lower_ in INSIDER_WORDS
               for token in voice.doc[voice.i + 1:named.i])


def _describes_a_body(noun: Token) -> bool:
    return noun.tag_ == "NN" and lemma(noun) in BODY_DESCRIPTIONS


def _same_voice_before(drafts: Drafts, voice: Token) -> str | None:
    """Whom "the spokeswoman" (the noun alone) speaks for, where no person named before holds that role: whom the
    nearest earlier source headed by the same noun was resolved to ("a France Telecom spokeswoman said …. …, the
    spokeswoman said"); no one when that source was not resolved."""
    if lemma(voice) not in VOICE_NOUNS or [c.lower_ for c in voice.children] != ["the"]:
        return None  # "the police spokeswoman" after "a Waitrose spokeswoman" is another one
    earlier = [draft for draft in drafts.found if draft.source is not None
               and voice.idx - drafts.config.antecedent_window <= draft.source.start_char
               and draft.source.end_char <= voice.idx and not drafts.in_quote(draft.source.start_char)
               and lemma(_source_head(draft.source)) == lemma(voice)]
    return max(earlier, key=lambda draft: draft.source.start_char).speaker if earlier else None


def _surname_named_before(drafts: Drafts, head: Token) -> str | None:
    """"“…,” Storms added" after "said Andrew Storms": a capitalised word the tagger took for no name, standing
    alone, that is the surname of one person the article has named in full before it (of two, the text does not
    say which)."""
    surname = tokens(head.text)
    if not head.text[:1].isupper() or len(surname) != 1 \
            or any(child.dep_ in ("det", "poss", "amod", "compound") for child in head.children):
        return None
    people = {m.entity_id for m in drafts.mentions_between(0, head.idx)
              if m.span.label == "PERSON" and not drafts.in_quote(m.span.start)
              and len(named := tokens(m.span.text(drafts.article))) > 1 and named[-1] == surname[0]}
    return people.pop() if len(people) == 1 else None


def _after_an_office(drafts: Drafts, mention: Mention) -> bool:
    """Whether an office's title stands right before the name ("island governor Heydar Alishbandi told"): a person,
    whatever type the tagger gave a name it did not know (a facility, a product)."""
    token = drafts.token_at(mention.span.start)
    return token.i > 0 and title_word(token.nbor(-1).text) in OFFICES


def _an_outlet_tagged_a_work(drafts: Drafts, mention: Mention, head: Token) -> bool:
    """Whether a name the tagger took for a work's title is a news outlet: it reports ("USA Today reported
    Monday"), or the words are according to it ("according to USA Today"), as its name alone."""
    if mention.span.label != "WORK_OF_ART" or mention is not drafts.mention_at(head):
        return False
    governor = head.head
    return head.dep_ == "nsubj" and lemma(governor) in REPORTING_CUES \
        or head.dep_ == "pobj" and governor.lower_ == "to" and governor.head.lower_ == "according"


def _issuer(drafts: Drafts, text: Token) -> str | None:
    """Who put out the text "the statement" or "the letter" refers back to: at the nearest earlier mention of
    that text, the one it is from ("Lee's letter", "a letter from Lee") or the subject of the verb it is the object
    of ("Ann Lee, the principal, wrote a letter"); no one when that mention does not say."""
    for token in reversed(drafts.tokens((max(text.idx - drafts.config.antecedent_window, 0), text.idx))):
        if lemma(token) != lemma(text) or token.pos_ != "NOUN" or drafts.in_quote(token.idx):
            continue
        if owners := _owners(token):
            return _named_by(drafts, owners[0], owners[0].left_edge.idx, owners[0].idx + len(owners[0]))
        subject = drafts.subject(token.head) if token.dep_ == "dobj" else None
        return None if subject is None else _named_by(drafts, subject.root, subject.start_char, subject.end_char)
    return None


def _definite(head: Token) -> bool:
    """Whether the noun's phrase is "the" and common words alone: "the software maker", "the US software giant" (a
    place says where it is from), not "the Egyptian MENA news agency" (a name of its own) or "the company's
    spokesman"."""
    return any(child.dep_ == "det" and child.lower_ == "the" for child in head.children) \
        and not any(child.dep_ == "poss" or child.dep_ == "prep" and not _how_it_spoke(child)
                    or child.pos_ == "PROPN" and child.ent_type_ != "GPE" for child in head.children)


def _how_it_spoke(preposition: Token) -> bool:
    """Whether a preposition's phrase says through which text a body spoke ("said the company in a statement"),
    which the parse may hang on the body's noun: it does not make the noun another body."""
    return preposition.lower_ == "in" and any(c.dep_ == "pobj" and lemma(c) in VOICE_TEXTS
                                              for c in preposition.children)


def _organisation_before(drafts: Drafts, noun: Token) -> str | None:
    """The organisation "the company" or "the paper" stands for: the nearest one named before it, within a few
    paragraphs, as the subject of a main clause or a speaker. A name tagged otherwise counts when its own words call
    it such a body ("daily Eleftherotypia warned …, the paper said"). No one when another organisation, place or
    group is subject or speaker after it, or another organisation in its sentence or the one before: the noun may as
    well stand for that one. No one either when the nearest is a part of a name the tagger cut, or, for a noun that
    describes no outlet, an organisation that reported news while another is named before it."""
    named = [m for m in drafts.mentions_between(noun.idx - drafts.config.antecedent_window, noun.idx)
             if m.span.label in SPEAKER_TYPES and not drafts.in_quote(m.span.start)
             and _speaks_for_itself(drafts, m, noun)]
    for index in range(len(named) - 1, -1, -1):
        mention = named[index]
        if mention.span.label != "ORG" and not _described_as_a_body(drafts, mention):
            continue
        near = drafts.sentence_starts[max(drafts.sentence_index(mention.span.start) - 1, 0)]
        others = {m.entity_id for m in named[index + 1:] if m.span.label != "PERSON"} | {
            m.entity_id for m in named[:index]
            if m.span.start >= near and (m.span.label == "ORG" or _described_as_a_body(drafts, m))}
        if not _named_whole(drafts, mention):
            return None  # a part of a name is no clear antecedent, nor is anyone named before it
        if lemma(noun) not in OUTLET_DESCRIPTIONS and _reported(drafts, mention, noun) and any(
                m.entity_id != mention.entity_id and m.span.label == "ORG" and not drafts.in_quote(m.span.start)
                for m in drafts.mentions_between(noun.idx - drafts.config.antecedent_window, noun.idx)):
            return None  # "Acme raised its prices, CNN reported. A statement from the firm said": CNN or Acme
        return mention.entity_id if others <= {mention.entity_id} else None
    return None


def _reported(drafts: Drafts, mention: Mention, before: Token) -> bool:
    """Whether the organisation is the source of a report before ``before`` ("CNN reported"): most often a news
    outlet, which "the company" does not describe though "the paper" does, but a company reports too ("France
    Telecom reported that …")."""
    heads = {t.i for t in _heads(drafts, mention)}
    return any(draft.source is not None and draft.source.end_char <= before.idx and draft.cue is not None
               and any(t.i in heads for t in draft.source)
               and lemma(drafts.token_at(draft.cue[0])) in REPORTING_CUES for draft in drafts.found)


def _heads(drafts: Drafts, mention: Mention) -> list[Token]:
    return drafts.tokens((mention.span.start, mention.span.end)) or [drafts.token_at(mention.span.start)]


def _speaks_for_itself(drafts: Drafts, mention: Mention, before: Token) -> bool:
    """Whether the name is a speaker, or the subject of a main clause or of a verb of saying, before ``before``, or
    the body an earlier source spoke for, or the subject of what ``before``'s own verb of saying reports ("Acme
    has cut …, said a company official"): not whom another's report names ("… reported that the Red Sox have
    extended an offer")."""
    heads = _heads(drafts, mention)
    return drafts.is_speaker_before({t.i for t in heads}, before.idx) or any(_speaks(t) for t in heads) \
        or any(_subject_of_what_it_says(t, before) for t in heads) or _spoke_through(drafts, mention, before)


def _spoke_through(drafts: Drafts, mention: Mention, before: Token) -> bool:
    """Whether the name is in the source of an earlier attribution that was resolved to it: the body a
    spokesperson or a text spoke for ("A Waitrose spokeswoman said …. The company said", "A CNN report said ….
    According to the network")."""
    return any(draft.speaker == mention.entity_id and draft.source is not None
               and draft.source.start_char <= mention.span.start < draft.source.end_char <= before.idx
               for draft in drafts.found)


def _named_whole(drafts: Drafts, mention: Mention) -> bool:
    """Whether the mention holds every word of the name it is part of ("Portugal Telecom SGPS SA", which the tagger
    may cut into two names, one of them shared with another company): a part of a name is no clear antecedent."""
    heads = _heads(drafts, mention)
    root = next((t for t in heads if not mention.span.start <= t.head.idx < mention.span.end), heads[-1])
    if root.dep_ in ("compound", "flat") and root.head.pos_ == "PROPN":
        return False
    return all(mention.span.start <= t.idx < mention.span.end for t in root.subtree
               if t.i < root.i and t.dep_ in ("compound", "flat") and t.pos_ == "PROPN")


def _subject_of_what_it_says(token: Token, noun: Token) -> bool:
    """Whether the token is the subject of the clause the verb of saying ``noun`` hangs on reports, before it: the
    body a company's words are about, which is that company ("Nordvik Telecom has moved its traffic …, said a
    company official")."""
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and token.dep_ in ("nsubj", "nsubjpass") and token.i < noun.i \
        and token.head.dep_ in ("ccomp", "parataxis") and token.head.head == verb and lemma(verb) in CLAUSE_CUES


def _described_as_a_body(drafts: Drafts, mention: Mention) -> bool:
    return any(lemma(child) in BODY_DESCRIPTIONS for t in _heads(drafts, mention) for child in t.children
               if child.dep_ in ("compound", "appos", "amod"))


def _owners(text: Token) -> list[Token]:
    """Whom the text noun's own phrase says it is from: "Lee's letter", "a statement from the ministry"."""
    return [c for c in text.children if c.dep_ == "poss"] + [
        p for c in text.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children
        if p.dep_ == "pobj"]


def _indefinite(head: Token) -> bool:
    return any(child.dep_ in ("det", "nummod") and child.lower_ in INDEFINITE_DETERMINERS for child in head.children)


def _name_in_phrase(drafts: Drafts, head: Token, start: int, end: int, linked: Mention | None) -> Mention | None:
    """A name the source phrase gives, rather than whom the mentions stage took its role noun for (``linked``):
    "the fire chief, Tomas Berg, said", the name in apposition, in the source span or left out of it. The body a
    spokesperson speaks for gives way to the spokesperson the mentions stage found ("Grayson's spokeswoman" is Ann
    Lee), so bodies count only when no mention was linked."""
    in_span = next((m for m in drafts.speakers_between(start, end)
                    if m is not linked and _names_the_source(drafts, m, head, voices=linked is None)), None)
    if in_span is not None:
        return in_span
    return next((drafts.mention_at(child) for child in head.children
                 if child.dep_ == "appos" and drafts.mention_at(child) is not None), None)


def _names_the_source(drafts: Drafts, mention: Mention, head: Token, voices: bool = True) -> bool:
    """Whether a name inside the source phrase says who spoke: in apposition to its head ("the fire chief, Tomas
    Berg"), or with ``voices`` the body a spokesperson or statement speaks for ("a police spokeswoman", "a
    statement from Waitrose"); not a place or group that qualifies a speaker ("diplomats in Beirut", "an Israeli
    witness")."""
    token = drafts.token_at(mention.span.start)
    if _known_of(head, token):
        return False
    name = drafts.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    token = name.root if name is not None else token
    if token.dep_ == "appos" and mention.span.label == "PERSON" and title_word(head.text) in OFFICES \
            and head.i < token.head.i and head.is_ancestor(token) and token.doc[token.left_edge.i - 1].text == ",":
        return True  # "the head of Qeshm's free-trade zone, Ali Rezapour": the parse hangs him on the last noun
    through_preposition = through_compound = False
    while token.head != head and token.head != token and token.head.i != head.i:
        through_preposition |= token.dep_ == "pobj"
        through_compound |= token.dep_ == "compound"
        token = token.head
    if token.head.i != head.i or token.i == head.i:
        return False
    if token.dep_ == "appos":
        # Not a place or body in a preposition's phrase inside the apposition: "the governor-general of Hormouzgan
        # province, Abdolreza Sheikholeslami" (the parse sets "general" beside "governor") is no province.
        return not through_preposition or mention.span.label == "PERSON"
    if voices and lemma(head) in MEDIA_NOUNS and head.tag_ == "NN" and token.dep_ == "compound" \
            and mention.span.label == "ORG" and not through_compound:
        # "the Ansa news agency reported": the outlet by its whole name, not a place or group qualifying it, nor a
        # piece of a name the tagger split ("the Press Democrat newspaper" tagged "Press" and "Democrat"); nor
        # several outlets a company owns ("Six Gannett newspapers said").
        return True
    if not voices or lemma(head) not in VOICE_NOUNS:
        return False
    if token.dep_ in ("compound", "poss", "nmod"):
        return True
    # "a report in the Los Angeles Times": a text speaks for the body it was published in, not a place it was
    # issued in ("a statement in Washington").
    return token.dep_ == "prep" and (token.lower_ in VOICE_PREPOSITIONS or token.lower_ == "in"
                                     and lemma(head) in VOICE_TEXTS and mention.span.label == "ORG")


def _antecedent(drafts: Drafts, pronoun: Token, hops: int = 0) -> Resolution:
    """The entity of the nearest earlier subject (of a main clause or a verb of saying) that can be what the
    pronoun stands for: a name of a fitting type, a noun phrase resolved as a source is ("A France Telecom
    spokeswoman said … she said"), or the same pronoun, which goes on naming whom it named ("Yanis Varoufakis stayed
    home. But he rode into the city. “…,” he said"); else the nearest earlier speaker or subject named with a fitting type.

    A nearest subject that can stand for the pronoun but names nobody ("A baker in Debrecen said … she said")
    leaves the pronoun unresolved, with that subject as its antecedent; a text with no fitting subject before it
    leaves it unresolved: the quote is then unattributed rather than given to whatever was named last.
    """
    types = PRONOUNS.get(pronoun.lower_)
    if not types:
        return Resolution()
    found, at, settled = _nearest_antecedent(drafts, pronoun, types, hops)
    if types == PERSON_ONLY and (found.entity or found.antecedent) and _names_another_of_its_gender(
            drafts, pronoun, drafts.token_at(at), found.entity):
        return Resolution()
    if types == PERSON_ONLY and not settled and (found.entity or found.antecedent) and _rivals(
            drafts, pronoun, found.entity, max(_narration_before(drafts, pronoun.idx), drafts.sentence_range(at)[0]),
            at, drafts.token_at(at)):
        return Resolution()
    return found


def _nearest_antecedent(drafts: Drafts, pronoun: Token, types: frozenset[str],
                        hops: int) -> tuple[Resolution, int, bool]:
    """:func:`_antecedent`'s nearest fitting subject, where it stands, and whether it is settled, rivals or not:
    the source of an earlier attribution (“…,” said Orpe. “…,” he said) or the same pronoun before."""
    window_start = _narration_before(drafts, pronoun.idx)
    skipped_speaker: str | None = None
    reporting_body: Token | None = None
    # What "he" or "she" is said to have said: "he said [an officer said …]" is not the officer speaking. Not for
    # "they", which a parse that cut the content wrongly may leave standing for the people named in it.
    own_contents = [draft.content for draft in drafts.found
                    if draft.source is not None and draft.source.start <= pronoun.i < draft.source.end]
    for token in reversed(drafts.tokens((window_start, pronoun.idx))):
        if not (_speaks(token) or _reported_by(token, reporting_body)
                or types == PERSON_ONLY and _clause_holds(drafts, token, pronoun)):
            continue  # "Sroka said the city would pay": the subject of what was said is not the speaker
        # A person named speaking inside it is the parse's mistake more often than not ("Cruz spokesman Rick Tyler
        # said that … “…,” he said"): the words are theirs.
        if types == PERSON_ONLY and any(start <= token.idx < end for start, end in own_contents) and not (
                (named := drafts.mention_at(token)) is not None and named.span.label == "PERSON"):
            continue
        if drafts.in_quote(token.idx):
            continue  # "“… when Hoover died,” he wrote": whom a quotation names did not say it
        if types == PERSON_ONLY and token.lower_ in UNNAMED_ONES and drafts.mention_at(token) is None \
                and _spoke(drafts, token, pronoun) \
                and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in token.head.children):
            # "One of the officers on board said …. “…,” he said": one the text does not name spoke last, not the
            # admiral named before ("One died" or "No one was hurt" never spoke); not in a clause that only sets
            # the scene ("When someone shouted “…”, Beck joked").
            last = token.doc[_naming_end(token)]
            return Resolution(None, (token.idx, last.idx + len(last))), token.idx, True
        if token.pos_ == "PRON":
            if token.lower_ == pronoun.lower_ and hops < drafts.config.pronoun_chain:
                return _antecedent(drafts, token, hops + 1), token.idx, True
            continue
        if types == PERSON_ONLY and _untagged_name(token) and drafts.mention_at(token) is None \
                and _spoke(drafts, token, pronoun):
            # "D’Souza said …. “…,” he said", a name the tagger did not tag: the pronoun is that speaker's, whom a
            # person named in full before may give by surname, and not a person named further back.
            return Resolution(_surname_named_before(drafts, token)), token.idx, True
        if (reporter := _reporting_pronoun(drafts, token, pronoun)) is not None and hops < drafts.config.pronoun_chain:
            # "After a face-off, he testified, Timmons pulled the trigger. “…,” he said": the sentence is what the
            # one who testified reported; he goes on speaking, not the one his words were about.
            return _antecedent(drafts, reporter, hops + 1), reporter.idx, True
        mention = drafts.mention_at(token)
        if mention is not None and mention.span.label == "PERSON" and pronoun.lower_ in PLURAL_PRONOUNS:
            # "the commerce secretary, Gary Locke, and the interior secretary, Ken Salazar, agreed. … they said":
            # people named speak last, whom no one name gives; not the first of them, nor a body named before.
            return Resolution(), token.idx, True
        if mention is not None:
            if _fits(drafts, mention, token, types) and not _other_gender(drafts, pronoun, mention):
                person = _person_named(drafts, mention)
                # A surname several people named in full share ("Felt" after "Mark Felt" and "Joan Felt"): the
                # pronoun stands for that name as written, which says as much as the text does.
                written = (mention.span.start, mention.span.end)
                if clashes(pronoun, drafts.genders.get(person or "")):
                    # "Clinton herself signaled that she …", the bare surname taken for Bill Clinton named just
                    # before: the pronoun's subject is this name, but not that person.
                    return Resolution(None, written), token.idx, True
                return Resolution(person, None if person else written), token.idx, _spoke(drafts, token, pronoun)
            if "PERSON" not in types and _spoke(drafts, token, pronoun) and _a_body_typed_as_a_person(drafts, mention):
                # "“…,” said Mozilla. It is also reissuing calls … and said it …": the tagger typed the speaker as a
                # person, but nothing in the text makes it one; "it" stands for the one that spoke last.
                return Resolution(mention.entity_id), token.idx, True
            if types == PERSON_ONLY and mention.span.label in SPEAKER_TYPES and _spoke(drafts, token, pronoun) \
                    and of_cue(token.head) == SPEECH and lemma(token.head) not in ASKING_VERBS:
                if _named_as_one_of_its_gender(drafts, mention, pronoun):
                    # "Interior Ken Salazar said …. “…,” he said": the tagger took the name for a body's; its given
                    # name says it is a man's, and he spoke last.
                    return Resolution(mention.entity_id), token.idx, True
                # A named speaker "he" or "she" cannot stand for: "Nefzi said …. He said", a surname the tagger
                # took for a place, or "Clinton said …. “…,” he wrote". Not one who asked ("Hannity asked Trump
                # …. “…,” he told Hannity"), nor a body that wants or believes ("the GOP doesn't want …").
                skipped_speaker = "type" if mention.span.label in MISTYPED_PERSONS else skipped_speaker or "gender"
                if mention.span.label != "PERSON":
                    reporting_body = token.head
        elif token.pos_ == "NOUN" and ("PERSON" in types and (types != PERSON_ONLY or _may_be_a_person(token))
                                       or lemma(token) in VOICE_TEXTS | BODY_NOUNS) \
                and not clashes(pronoun, noun_gender(token)):
            # "A police spokeswoman said … she added", "A statement from Waitrose said … it added"
            last = token.doc[_naming_end(token)]
            phrase = (token.left_edge.idx, last.idx + len(last))
            entity = _named_by(drafts, token, token.left_edge.idx, token.idx + len(token))
            if entity is not None and clashes(pronoun, drafts.genders.get(entity)):
                continue  # "Filmmaker and aviator Howard Hughes pursued her … she said": the noun names a man
            if pronoun.lower_ in PLURAL_PRONOUNS and entity is not None and _a_person(drafts, entity):
                return Resolution(), token.idx, True  # "the commerce secretary, Gary Locke, and …": people
            return Resolution(entity, None if entity else phrase), token.idx, _spoke(drafts, token, pronoun)
    if skipped_speaker == "type":
        # Someone else spoke just before: a person named further back is a guess, however well they fit.
        return Resolution(), pronoun.idx, True
    earlier = [m for m in drafts.mentions_between(pronoun.idx - drafts.config.antecedent_window, pronoun.idx)
               if m.span.label in types and not drafts.in_quote(m.span.start)]
    if skipped_speaker == "gender":
        # Past a speaker of the other gender, only someone the words give the pronoun's gender ("Senator Nancy
        # Walsh met Governor Pruitt. Pruitt said …. “…,” she said"), not anyone named before.
        earlier = [m for m in earlier if drafts.genders.get(m.entity_id or "") == PRONOUN_GENDERS.get(pronoun.lower_)]
    doc = drafts.doc
    for mention in reversed(earlier):
        token = drafts.token_at(mention.span.start)
        root = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        heads = [t for t in root] if root is not None else [token]
        if not _fits(drafts, mention, heads[-1], types) or _other_gender(drafts, pronoun, mention):
            continue
        # A speaker, one an earlier source spoke for ("according to a post from Arianna Huffington"), a subject,
        # or a name in apposition to a subject ("A professor, Yanis Varoufakis, stayed").
        speaker = drafts.is_speaker_before({t.i for t in heads}, pronoun.idx) \
            or _spoke_through(drafts, mention, drafts.token_at(pronoun.idx))
        if speaker or any(t.dep_ in ("nsubj", "nsubjpass")
                          or t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass") for t in heads):
            if mention.span.label == "PERSON" and pronoun.lower_ in PLURAL_PRONOUNS:
                return Resolution(), mention.span.start, True
            return Resolution(mention.entity_id), mention.span.start, speaker
    return Resolution(), pronoun.idx, True


def _clause_holds(drafts: Drafts, subject: Token, pronoun: Token) -> bool:
    """Whether the pronoun stands inside the clause the subject is the subject of, in its sentence ("The paper said
    Palin released a statement in which she said …"): the clause is about its subject, whom a "he" or "she" within
    it stands for before anyone named earlier; not a subject of what the pronoun's own clause reports, nor of a
    clause a person reports ("Perlo said his client stands little chance in the court, which he described as …"),
    whose "he" may as well be the one reporting."""
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.sent != pronoun.sent or subject.i > pronoun.i:
        return False
    verb = subject.head
    if verb.dep_ == "ccomp" and any(child.dep_ == "nsubj" and _a_person_reports(drafts, child)
                                    for child in verb.head.children):
        return False
    return verb.left_edge.i <= pronoun.i <= verb.right_edge.i and pronoun in verb.subtree \
        and subject not in pronoun.head.subtree


def _a_person_reports(drafts: Drafts, reporter: Token) -> bool:
    named = drafts.mention_at(reporter)
    return reporter.pos_ == "PRON" or named is not None and named.span.label == "PERSON" or _may_be_a_person(reporter)


def _reporting_pronoun(drafts: Drafts, subject: Token, pronoun: Token) -> Token | None:
    """The same "he" or "she" as the pronoun, the source of a verb of saying set off in the subject's own sentence
    ("…, he testified, Timmons pulled the trigger", "Timmons pulled the trigger, she said"), when the subject itself
    has not spoken: the sentence reports that speaker's words, so the subject is who the words are about."""
    if pronoun.lower_ not in OBJECT_FORMS or subject.pos_ == "PRON" or _spoke(drafts, subject, pronoun):
        return None
    start, end = drafts.sentence_range(subject.idx)
    return next((token for token in drafts.tokens((start, min(end, pronoun.idx)))
                 if token.lower_ == pronoun.lower_ and token.dep_ == "nsubj" and token.head != subject.head
                 and not drafts.in_quote(token.idx) and of_cue(token.head) == SPEECH
                 and _spoke(drafts, token, pronoun)), None)


def _untagged_name(token: Token) -> bool:
    """Whether the token reads as one person's name standing alone, by its capital where no sentence starts
    ("D’Souza", which the tagger may take for a common noun), or as the tagger's proper noun; singular ("ISPs" is no
    one), and not a title with words of its own ("The Podesta Group's CEO, Kimberley Fritts")."""
    return token.text[:1].isupper() and token.tag_ in ("NNP", "NN") \
        and (token.pos_ == "PROPN" or token.pos_ == "NOUN" and not token.is_sent_start) \
        and not any(child.dep_ in ("det", "poss", "amod", "compound", "appos", "prep") for child in token.children)


def _a_person(drafts: Drafts, entity: str) -> bool:
    return any(m.entity_id == entity and m.span.label == "PERSON" for m in drafts.mentions)


def _reported_by(token: Token, verb: Token | None) -> bool:
    """Whether the token is the subject of the clause a body's verb of saying reports ("Zareh dismissed the
    concerns, IRNA reported. “…,” he was quoted as saying"): the person the report is about, whom "he" or "she"
    after it stands for, as the body cannot."""
    return verb is not None and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" \
        and token.head.head == verb


def _names_another_of_its_gender(drafts: Drafts, pronoun: Token, subject: Token, found: str | None) -> bool:
    """Whether the clause of the subject found for "he" or "she" has as an object "him" or "her" ("An official
    looked at her and said: “…” To which she replied"), or, for a pronoun that answers, names the one it asks
    ("Lynch asked Coleman, “…” “Yes,” he responded"): someone else the pronoun may as well stand for, so the
    text does not say which of them spoke. Only the clause's own objects: in a clause it reports, "him" may be
    its subject ("Smith said police arrested him"); and one asked to do something does not answer ("asked Nixon
    in a telegram to replace Gray. “…,” he said")."""
    object_form = OBJECT_FORMS.get(pronoun.lower_)
    if object_form is None or subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verbs = {subject.head.i, *(verb.i for verb in subject.head.conjuncts)}
    for verb in verbs:
        for token in subject.doc[verb].subtree:
            if token.idx > pronoun.idx or drafts.in_quote(token.idx) or token.dep_ not in ("dobj", "dative", "pobj"):
                continue
            governor = token.head.head if token.dep_ == "pobj" else token.head
            if governor.i not in verbs:
                continue
            # Not "her" before a noun, the parse's possessive read as an object ("tweeted her thanks").
            if token.lower_ == object_form and token.tag_ == "PRP" and (
                    token.i + 1 == len(token.doc) or token.nbor().pos_ not in ("NOUN", "ADJ", "PROPN")):
                return True
            mention = drafts.mention_at(token)
            if lemma(governor) in ASKING_VERBS and lemma(pronoun.head) in ANSWERING_VERBS \
                    and mention is not None and mention.span.label == "PERSON" \
                    and _person_named(drafts, mention) not in (None, found) \
                    and _fits(drafts, mention, token, PERSON_ONLY) and not _other_gender(drafts, pronoun, mention):
                return True
    return False


def _spoke(drafts: Drafts, token: Token, pronoun: Token) -> bool:
    return drafts.is_speaker_before({token.i}, pronoun.idx)


def _rivals(drafts: Drafts, pronoun: Token, entity: str | None, start: int, found_at: int,
            found: Token | None = None) -> bool:
    """Whether another person than the one found is named between ``start`` (the sentence of the one found, or
    the sentence before the pronoun) and the pronoun, where "he" or "she" may as well stand for them: the subject
    of any clause ("his daughter, Joan, persuaded him …; Woodward was sure to profit … “…,” she told her father"),
    a name in apposition, or the object of a verb ("The choice infuriated Felt. He later wrote"), unless the words
    say they are of the other gender. Without world knowledge the text does not tell which of them spoke, and a
    wrong speaker costs an editor more than an unattributed quote."""
    for mention in drafts.mentions_between(start, pronoun.idx):
        if mention.span.label != "PERSON" or drafts.in_quote(mention.span.start):
            continue
        person = _person_named(drafts, mention)
        if person is None or person == entity:
            continue
        name = drafts.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        head = name.root if name is not None else drafts.token_at(mention.span.start)
        if head.dep_ in RIVAL_ROLES and _fits(drafts, mention, head, PERSON_ONLY) \
                and not _other_gender(drafts, pronoun, mention) and not _object_of_its_verb(head, found):
            return True
    # A noun of the pronoun's gender after the one found (at ``found_at``) is someone it may stand for as well
    # ("Orozco's mother was to take the stand … But she became nervous"), wherever its clause stands.
    return any(token.pos_ == "NOUN" and token.dep_ in RIVAL_ROLES and not drafts.in_quote(token.idx)
               and noun_gender(token) == PRONOUN_GENDERS.get(pronoun.lower_)
               for token in drafts.tokens((max(start, found_at + 1), pronoun.idx)))


def _object_of_its_verb(head: Token, found: Token | None) -> bool:
    """Whether the name is the one told by a verb of saying whose subject the pronoun was found to stand for
    ("Josh Moore had reminded the judge that … “…,” he said", "was eager to warn the judge"): the one saying goes on
    as "he" or "she", as a speaker named just before does, though the parse gave the verb no content. Not the
    object of any other verb ("Walsh met Mayor Linda Pruitt. “…,” she said"), which leaves either of them."""
    if found is None or found.dep_ not in ("nsubj", "nsubjpass") or head.dep_ != "dobj":
        return False
    verb = head.head
    if lemma(verb) not in CUES or lemma(verb) in ASKING_VERBS or of_cue(verb) != SPEECH:
        return False
    while verb != found.head and verb.dep_ in OWN_VERB_DEPS and verb.head != verb:
        verb = verb.head
    return verb == found.head


def _a_body_typed_as_a_person(drafts: Drafts, mention: Mention) -> bool:
    """Whether the tagger's person is written only as one word, with no given name, title or full name anywhere in
    the text that says a person ("Mozilla", "Microsoft" typed as people): a body may be it as well as a person."""
    entity = mention.entity_id
    if mention.span.label != "PERSON" or entity is None or entity in drafts.named_in_full or entity in drafts.genders:
        return False
    return all(m.role is None and len(m.span.text(drafts.article).split()) == 1
               for m in drafts.mentions if m.entity_id == entity)


def _named_as_one_of_its_gender(drafts: Drafts, mention: Mention, pronoun: Token) -> bool:
    """Whether a mention the tagger did not type as a person is a person's name all the same, of the pronoun's
    gender: the entity is written somewhere as a given name of that gender and a surname ("Interior Ken Salazar",
    "Pictures' Matthew O'Connor"), the given name right before the last word."""
    gender = PRONOUN_GENDERS.get(pronoun.lower_)
    if gender is None or mention.span.label == "PERSON" or mention.entity_id is None:
        return False
    for other in drafts.mentions:
        if other.entity_id == mention.entity_id:
            words = other.span.text(drafts.article).split()
            if len(words) > 1 and words[-1][:1].isupper() and GIVEN_NAMES.get(words[-2].lower()) == gender:
                return True
    return False


def _other_gender(drafts: Drafts, pronoun: Token, mention: Mention) -> bool:
    """Whether "he" or "she" cannot stand for the person the mention names: a title, a gendered noun or a given
    name says the other gender ("Nancy Pelosi said … he said" is not Pelosi)."""
    return clashes(pronoun, drafts.genders.get(mention.entity_id or ""))


def _person_named(drafts: Drafts, mention: Mention) -> str | None:
    """The entity a mention names; for a bare surname that several people the article has named in full before it
    share ("Felt" after "Mark Felt" and "Joan Felt", a father and a son), the one named in full nearest before it,
    in its sentence or the one before, and no one when none is: the context must tell which of them spoke."""
    name = tokens(mention.span.text(drafts.article))
    if mention.span.label != "PERSON" or len(name) != 1:
        return mention.entity_id
    people = {m.entity_id for m in drafts.mentions if m.span.label == "PERSON"}  # and their names tagged otherwise
    full = [m for m in drafts.mentions_between(0, mention.span.start) if m.entity_id in people
            and not is_role_nominal(m, drafts.article)
            and len(named := tokens(m.span.text(drafts.article))) > 1 and named[-1] == name[0]]
    if len({m.entity_id for m in full}) < 2:
        return mention.entity_id
    near = [m for m in full if _narration_before(drafts, mention.span.start) <= m.span.start]
    return near[-1].entity_id if near else None


def _narration_before(drafts: Drafts, position: int) -> int:
    """Where the sentence before the one at ``position`` starts, past a quotation between them ("“We have two
    assumptions. The first is …,” she said": the sentence before the quotation)."""
    before = max(drafts.sentence_index(position) - 1, 0)
    while before > 0 and drafts.in_quote(drafts.sentence_starts[before] + 1):
        before -= 1
    return drafts.sentence_starts[before]


def _naming_end(noun: Token) -> int:
    """The last token of the words that say who the noun is: its subject phrase without a clause after it ("A
    passer-by who found the deputy …" says "A passer-by")."""
    end = subject_end(noun)
    for child in noun.children:
        if child.i > noun.i and child.dep_ in ("relcl", "acl"):
            end = min(end, child.left_edge.i - 1)
    while end > noun.i and noun.doc[end].is_punct:
        end -= 1
    return max(end, noun.i)


def _fits(drafts: Drafts, mention: Mention, head: Token, types: frozenset[str]) -> bool:
    """Whether a pronoun of these types can stand for the mention: of a fitting type, and for "he" or "she" one
    person, not a plural ("Greeks must understand … ,” he said" is not the Greeks speaking). The tagger takes
    many surnames for plurals ("Albers"): a name the article also writes in full is one person's."""
    if mention.span.label not in types and not ("PERSON" in types and _after_an_office(drafts, mention)):
        return False
    return types != PERSON_ONLY or head.tag_ not in ("NNS", "NNPS") or mention.entity_id in drafts.named_in_full


def _may_be_a_person(noun: Token) -> bool:
    """Whether "he" or "she" can stand for a common noun: a singular one that can name a person and names no
    organisation, group, building or text ("the spokeswoman", not "the company", "the sensors", "the statement"
    or "The choice")."""
    return noun.tag_ == "NN" and lemma(noun) in PERSON_NOUNS and lemma(noun) not in NOT_A_PERSON


def _role_holder(drafts: Drafts, noun: Token, linked: Mention | None = None) -> str | None:
    """"The supreme leader": the nearest earlier person named holding that role, or for a role nominal the
    mentions stage ``linked`` to a person, that person. Where several people the article names before it hold the
    role ("the judge" after a judge who sentences and a judge who was killed), the one of them who has spoken
    before, and no one when that does not tell."""
    if linked is not None:
        words = frozenset((linked.role or "").lower().split()) - DETERMINERS
        nearest = linked.entity_id
    else:
        # "the former president", "the vice president": title words before the noun narrow whom it names.
        words = frozenset(title_word(t.text) for t in noun.lefts if t.dep_ in ("amod", "compound")
                          and is_title_part(t.text))
        near = holders(noun, drafts.mentions_between(noun.idx - drafts.config.antecedent_window, noun.idx), words)
        nearest = near[0] if near else None
    candidates = [nearest] + [e for e in holders(noun, drafts.mentions_between(0, noun.idx), words) if e != nearest]
    if nearest is None or len(candidates) < 2:
        return nearest
    spoke = [entity for entity in candidates if any(
        draft.speaker == entity and draft.source is not None and draft.source.end_char <= noun.idx
        for draft in drafts.found)]
    return spoke[0] if len(spoke) == 1 else None


def _speaks(token: Token) -> bool:
    """Whether the token is the subject of a main clause or of a verb of saying, or an apposition the speaker of
    the verb of saying it runs up to ("…, a France Telecom spokeswoman who asked not to be named said")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return _main_or_speech_verb(token.head)
    after = token.right_edge.i + 1
    return token.dep_ == "appos" and after < len(token.doc) and lemma(token.doc[after]) in CLAUSE_CUES \
        and apposition_before(token.doc[after]) == token


def _main_or_speech_verb(verb: Token) -> bool:
    return verb.dep_ == "ROOT" or lemma(verb) in CLAUSE_CUES
