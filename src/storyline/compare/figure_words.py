"""The words around a figure that say what it is a figure of, read off the parse: the noun it counts (people
however written: "four people", "killed 4", "five deaths"), the word saying what happened to it ("killed",
"escaped", "went down"), the person whose age it is, the names of the places and participants its clause sets it
among, and the dates other than the news's own days that its clause names. Used by
:mod:`storyline.compare.figures` for numbers, dates and times alike.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.extract.timex.values import normalise
from storyline.model import Article, Span, TimeExpression
from storyline.text.estimates import hedge
from storyline.text.numbers import ARTICLES, SCALES
from storyline.text.wordlists import pairs, words

OUTCOMES = pairs("figure_outcomes")
# Words that give the number a noun belongs to, not what happened to it ("another five people", "an estimated").
QUANTITY_WORDS = frozenset({"other", "more", "additional", "further", "many", "several", "few", "estimated", "total",
                            "least", "most", "only", "same", "last", "first", "next", "previous"})
# Words that say how sure the writer is of what a noun is ("alleged members"), not what happened to it.
HEDGING_MODIFIERS = words("hedging_modifiers")
# Verbs that say nothing of what happened to what a figure counts ("had", "said"): climbed past; "left" says it
# by its complement ("left three workers dead").
LIGHT_VERBS = words("light_verbs") | words("cue_verbs_clause") | {"leave"}
# Names of who or where a figure is about (not products, events, laws or works).
PARTICIPANT_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
# Names of places a list of figures may give one each ("80 percent in Egypt, 65 percent in India").
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Arguments of a predicate or counted noun whose names tell whose figure it is.
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss"})
# Arguments whose names say whose a figure is: who has, makes or does what it counts.
HOLDER_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# Names that can hold a figure: people, organisations and peoples (places are set apart by PLACE_LABELS lists).
HOLDER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
# Prepositions by which a clause names the place a figure belongs to ("marched in Thessaloniki") or a participant
# ("a $70 million contract for J.D. Drew", "a touchdown pass by the Jaguars").
NAMING_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "to", "from", "off",
                                 "with", "for", "by"})
# Pronouns by which a clause names a person without saying who ("he scored 16 points"): such a figure is someone's,
# and is not set against a named person's (another's "he" may be the same someone).
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
# The name word a figure gets for a participant its clause refers to by a personal pronoun whose person the text
# around it does not tell (pronoun_person).
UNNAMED = "?"
# Nouns that can name a person (WordNet's noun.person), and the places where one is a rival of the person a pronoun
# may stand for: a subject or an object.
PERSON_NOUNS = words("person_nouns")
# Verbs that give a figure as an estimate of their object, after "at": "put the toll at 12".
ESTIMATE_VERBS = words("estimate_verbs")
RIVAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})
# Values of dates that name the news's own days and weeks ("Friday", "yesterday", "the same day", "this week",
# "now"), not another time.
NEWS_DAYS = ("XXXX-XX-XX", "XXXX-WXX", "PRESENT_REF")
# Verbs that link a thing to its state: "traffic was down" says what "down" says.
COPULAS = frozenset({"be", "become", "remain", "stay"})
# How a verb's result is attached to it ("shot dead": an adjective complement or modifier, as the parse reads it).
RESULT_DEPS = frozenset({"oprd", "acomp", "advmod", "advcl", "xcomp", "ccomp", "dep"})
# Verbs of a court's decision, whose "to death" is the penalty it sets, not a death ("sentenced to death").
PENALTY_VERBS = frozenset({"sentence", "condemn"})
# Outcomes that happen to people: a count of them that names nothing counts people ("the quake killed 4").
HUMAN_OUTCOMES = frozenset({"death", "injury", "missing", "arrest", "charge", "conviction", "escape", "rescue",
                            "evacuation"})
# What a count of people counts, however written ("people", "person", "killed 4", "five deaths").
PERSON = "person"
# Marks that join a modifier to the word before it ("pro-death").
HYPHENS = frozenset({"-", "–"})
# Adverbs that make a phrasal verb when they follow it ("broke out", "went down").
PARTICLES = frozenset({"out", "down", "off", "up", "away"})
# Words that make a period another than the news's own ("last season", "the previous season", "the past year").
OTHER_PERIOD_WORDS = frozenset({"last", "previous", "past", "prior", "next", "following", "preceding"})
# Words of a date that do not tell it from another: "in January" is "January".
DATE_FILLERS = frozenset({"in", "on", "the", "of"})
# Prepositions by which a stretch of time is the window a figure is counted over ("over four nights of protests",
# "in the past eight days", "during three days of rioting").
WINDOW_PREPOSITIONS = frozenset({"over", "during", "in", "within", "throughout", "across"})
# Nouns naming the size of what they are of: "the cost of the programme" is the programme's size in money.
SIZE_NOUNS = frozenset({"cost", "price", "value", "worth", "size", "amount", "sum", "total", "bill", "figure"})


def words_for(counted: Token | None, predicate: Token | None) -> str:
    """What a figure is of in the text's words, the thing first: "workers killed", "cables went down", "people
    took to the streets"."""
    said = []
    if predicate is not None:
        said = [predicate] + [c for c in predicate.children if is_particle(c)]
        if len(predicate_words(predicate).split()) == 3:  # an idiom of a light verb: "took to the streets"
            idiom = next(c for c in predicate.children if c.dep_ == "prep")
            said += [idiom, *(t for t in idiom.children if t.dep_ == "pobj"),
                     *(t for o in idiom.children if o.dep_ == "pobj" for t in o.children if t.dep_ == "det")]
    thing = [counted] if counted is not None and counted is not predicate else []
    return " ".join(t.text for t in thing + sorted(said, key=lambda t: t.i))


def people_counted(anchor: Token) -> Token | None:
    """The word saying what happened to the people a count counts without naming them: the verb of "the quake
    killed 4", "4 died"; the noun of "five deaths", "200 arrests"; the toll of "the death toll rose to five", "the
    toll is 5". None where the count names what it counts, or what happened is not done to people."""
    head = anchor.head
    done_to_people = OUTCOMES.get(head.lemma_.lower()) in HUMAN_OUTCOMES
    if anchor.dep_ in {"dobj", "nsubj", "nsubjpass"} and head.pos_ == "VERB" and done_to_people \
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children):  # not "three of them"
        return head
    if anchor.dep_ == "nummod" and head.pos_ == "NOUN" and done_to_people:
        return head
    if (state := _state_of_people(anchor)) is not None:
        return state
    verb = head.head if anchor.dep_ == "pobj" and head.lower_ in {"to", "at"} else head if anchor.dep_ == "attr" \
        else None
    if verb is not None:
        # "the toll stands at 5"; "officials put the toll at 5", the toll the object of a verb of estimating
        held = {"nsubj", "dobj"} if estimated_at(anchor) is not None else {"nsubj"}
        return next((c for c in verb.children if c.dep_ in held and c.lemma_.lower() == "toll"), None)
    return None


def _state_of_people(anchor: Token) -> Token | None:
    """The adjective of an outcome that happens to people ("dead", "injured", "missing") that a bare number is said
    to be in: "3 dead" (the number a modifier of the adjective the parse takes for a noun), "Three dead after ..."
    (the adjective a modifier of the number), "left 4 dead" (the complement of the verb the number is the object
    of), "3 were dead" (of the copula it is the subject of). News of any disaster, crime or riot writes its toll so
    as often as "four people were killed"; None for a number so written of no outcome ("left 40 homeless")."""
    def of_people(token: Token) -> bool:
        return token.pos_ == "ADJ" and OUTCOMES.get(token.lemma_.lower()) in HUMAN_OUTCOMES

    if anchor.dep_ == "nummod" and of_people(anchor.head):
        return anchor.head
    if (described := next((c for c in anchor.children if c.dep_ == "amod" and of_people(c)), None)) is not None:
        return described
    if anchor.dep_ in {"dobj", "nsubj"}:
        return next((c for c in anchor.head.children if c.dep_ in {"oprd", "acomp"} and c.i > anchor.i
                     and of_people(c)), None)
    return None


def estimated_at(anchor: Token) -> Token | None:
    """The thing a figure is given as someone's estimate of: "crowd" in "police estimated the crowd at 70", "toll" in
    "officials put the death toll at 12"; None for a figure not so written."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "at" or anchor.head.head.lemma_.lower() not in ESTIMATE_VERBS:
        return None
    return next((c for c in anchor.head.head.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)


def of_object(token: Token) -> Token | None:
    """The noun a token is "of": "traffic" in "75 percent of traffic"."""
    return next((grand for child in token.children if child.dep_ == "prep" and child.lower_ == "of"
                 for grand in child.children if grand.dep_ == "pobj" and grand.pos_ in {"NOUN", "PROPN"}), None)


def what_happened(start: Token | None, counted: Token, hops: int) -> Token | None:
    """The word saying what happened to what a figure counts: a participle or adjective of the noun ("70 people
    injured", "damaged shops", "shops suffering damage"), the complement of a light verb or a copula ("left three
    workers dead", "had to be ushered", "traffic was down"), else the first verb above it that is not a light verb
    or a verb of saying ("killed", "died", "escaped"; a light verb with a particle is a verb of its own, "went
    down")."""
    if (word := described(counted)) is not None or start is None:
        return word
    token = start
    for _ in range(hops):
        if token.head is token:
            break
        below, token = token, token.head
        if token.pos_ not in {"VERB", "ADJ", "AUX"}:
            continue
        if token.lemma_.lower() not in LIGHT_VERBS or any(is_particle(c) for c in token.children):
            return carried(token, result=suffers(below))
        complement = next((c for c in token.children if c.lemma_.lower() not in LIGHT_VERBS and (
            (c.dep_ in {"oprd", "xcomp", "acomp", "ccomp"} and c.pos_ in {"VERB", "ADJ"})
            or _participle_after_object(c, below)
            or (c.dep_ in {"advmod", "prep", "acomp"} and c.lower_ in OUTCOMES))), None)
        if complement is not None:
            return complement
        if token.pos_ == "VERB" and predicate_words(token) in OUTCOMES:
            return token  # an idiom of a light verb: "took to the streets"
        if token.dep_ == "relcl":
            # "stopped the game when Hansbrough, who now has 2,302 points, made the basket": a relative clause
            # says what it says of its noun, and the verb it hangs from is not what happened to the figure
            return None
    return None


def _participle_after_object(child: Token, below: Token) -> bool:
    """Whether a light verb's child is a past participle right after the object a figure's count hangs from, which
    the parse may take for an adverbial clause ("left four people injured" read as "left four people, injured"):
    the state the verb leaves its object in, as "left three people dead" is."""
    return child.dep_ == "advcl" and child.tag_ == "VBN" and below.dep_ == "dobj" and child.i == below.right_edge.i + 1


def described(noun: Token) -> Token | None:
    """The participle or outcome word describing a noun: "damaged" in "damaged shops", "damage" in "shops
    suffering serious damage", "injured" in "70 people injured", "seized" in "99 alleged members seized" (a hedge
    of the writer's, "alleged", "suspected", says nothing of what happened to them). A word hyphened to the one
    before it says what the noun is for or against, not what happened to it ("the nine pro-death jurors")."""
    for child in noun.children:
        if child.dep_ in {"amod", "acl", "relcl"} and child.lower_ not in QUANTITY_WORDS | HEDGING_MODIFIERS \
                and not (child.i > 0 and child.doc[child.i - 1].text in HYPHENS):
            outcome = carried(child)
            if child.tag_ == "VBN" or outcome.lemma_.lower() in OUTCOMES:
                return outcome
    return None


def carried(verb: Token, result: bool = True) -> Token:
    """The outcome a verb carries as its object ("suffered severe damage", "made 86 arrests") or as the result it
    names ("six people were shot dead", "three employees were burnt to death": what happened to them is their
    death, however it came), else the verb. A penalty is no result: "sentenced to death" says what a court
    decided, not that anyone died. ``result`` False: the figure's noun is not the one the result befalls
    (:func:`suffers`)."""
    for child in verb.children:
        if child.dep_ == "dobj" and OUTCOMES.get(child.lemma_.lower(), "-") != "-":
            return child
    for child in verb.children if result else ():
        if child.dep_ in RESULT_DEPS and child.pos_ == "ADJ" and OUTCOMES.get(child.lower_, "-") != "-":
            return child
        if child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_.lower() not in PENALTY_VERBS:
            death = next((o for o in child.children if o.dep_ == "pobj" and o.lower_ == "death"), None)
            if death is not None:
                return death
    return verb


def suffers(argument: Token) -> bool:
    """Whether the argument of a verb is the one its result befalls: the object of a verb that has one ("shot six
    people dead"), else its subject ("were shot dead", "suffocated to death"); never the doer ("shot dead by two
    officers", "two gunmen shot six people dead")."""
    if argument.dep_ in {"nsubjpass", "dobj"}:
        return True
    return argument.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in argument.head.children)


def predicate_words(predicate: Token | None) -> str:
    """A predicate's lemma with its particle ("break out"), or a light verb's with its preposition and object
    ("take to street"); "" for none, or for a verb that only states an amount ("cost", "total")."""
    if predicate is None:
        return ""
    lemma = predicate.lemma_.lower()
    particle = next((c.lower_ for c in predicate.children if is_particle(c)), None)
    if particle:
        lemma = f"{lemma} {particle}"
    elif lemma in LIGHT_VERBS:
        lemma = next((f"{lemma} {c.lower_} {o.lemma_.lower()}" for c in predicate.children if c.dep_ == "prep"
                      for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"}), lemma)
    return "" if OUTCOMES.get(lemma) == "-" else lemma


def outcome(predicate: str) -> str | None:
    """The outcome a predicate names in the outcome list ("death" for "killed"), its state's for a copula with a
    state ("damage" for "be down", "remain offline"), or None for a predicate the list does not name."""
    if predicate in OUTCOMES:
        return OUTCOMES[predicate]
    verb, _, state = predicate.partition(" ")
    return OUTCOMES.get(state) if verb in COPULAS else None


def is_particle(token: Token) -> bool:
    """Whether a word is the particle of its verb: "out" in "broke out" and in "broke out of the prison", which the
    parse may take for a preposition."""
    return token.dep_ == "prt" or (token.lower_ in PARTICLES and token.i == token.head.i + 1
                                   and token.dep_ in {"prep", "advmod"})


def phrase(noun: Token, figure: Token | None = None) -> str:
    """A counted noun's lemma, with what it is of ("block street" for "the 12000 block of 223rd Street"), unless
    that is the ``figure`` itself ("a depth of 10 km"); the size of a thing is the thing ("programme" for "the cost
    of the programme", as for "a 1.2 billion euro programme")."""
    of = of_object(noun)
    if of is None or of == figure:
        return PERSON if noun.lemma_.lower() == "people" else noun.lemma_.lower()
    return of.lemma_.lower() if noun.lemma_.lower() in SIZE_NOUNS else f"{noun.lemma_.lower()} {of.lemma_.lower()}"


def sentence_of(article: Article, tokens: SpacySpan) -> Span:
    """The sentence a figure is in, blanks trimmed: the evidence a disagreement cites."""
    sentence = tokens.sent
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return article.span(start, max(start, sentence.start_char + len(text.rstrip())), "sentence")


def context(tokens: SpacySpan, width: int) -> str:
    """The words around a figure in its sentence, numbers left out."""
    sentence = tokens.sent
    window = sentence[max(tokens.start - width, sentence.start) - sentence.start:
                      min(tokens.end + width, sentence.end) - sentence.start]
    return " ".join(t.text for t in window if not (tokens.start <= t.i < tokens.end or t.like_num or t.is_punct))


def names(anchor: Token, counted: Token, predicate: Token | None) -> frozenset[str]:
    """The words of the names of the places and participants the clause sets the figure in (see
    :func:`participants`)."""
    return participants(anchor, counted, predicate)[0]


def participants(anchor: Token, counted: Token, predicate: Token | None) -> tuple[frozenset[str], bool, frozenset[str]]:
    """The words of the names of the places and participants the clause sets the figure in: objects of "in",
    "at", "for" ... of the figure, the counted noun, the predicate or the verb of the figure's clause ("20,000
    people marched in Thessaloniki"), the place a "where" clause hangs from ("the city of Thessaloniki, where 20,000
    people marched"), and the named subject, object or owner of those ("Gotti died", "Orange's figures", "Ty Lawson
    added 16 points"; "Hansbrough, who grabbed nine rebounds"). A participant named by a personal pronoun gives the
    name of the one person the sentences around it name (:func:`pronoun_person`), or :data:`UNNAMED` ("he had 14
    points"). And whether one of them is a person (a person's name, or a personal pronoun): a person's figure ("Ty
    Lawson added 16 points"). And the figure's holders: the words of the people,
    organisations and peoples named as the subject or owner ("the Nationals made Teixeira a $160 million offer",
    "Deon Thompson had 15 points for the Tar Heels"), :data:`UNNAMED` for a personal pronoun, with the name words
    of the one person the sentences around it name, if they name one: whose figure it is, where the other names
    may be of anyone it involves."""
    people: list[Token] = []
    holding: dict[Token, set[str]] = {}

    def named(tokens: list[Token]) -> set[str]:
        # a person named in a relative clause inside a participant ("in the election for candidates all of whom
        # are loyal to President X") is that clause's, not one the figure is of
        people.extend(t for t in tokens if t.ent_type_ == "PERSON" and not _in_relative_clause(t, tokens))
        return {t.lower_ for t in tokens if t.ent_type_ in PARTICIPANT_LABELS and not t.is_stop and not t.is_punct}

    def named_noun(noun: Token) -> set[str]:
        people.extend(t for t in (noun, *noun.children) if t.ent_type_ == "PERSON")
        return name_of(noun)

    def participant(token: Token, child: Token) -> set[str]:
        if child.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":  # "Hansbrough, who grabbed nine rebounds"
            return named_noun(token.head)
        if child.lower_ in PERSONAL_PRONOUNS:
            people.append(child)
            return pronoun_person(child) or {UNNAMED}
        return named(list(child.subtree))

    def holder(token: Token, child: Token) -> set[str]:
        if child.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
            return {t.lower_ for t in (token.head, *token.head.children) if t.ent_type_ in HOLDER_LABELS
                    and t.dep_ in {"compound", "flat"} | {token.head.dep_}}
        if child.lower_ in PERSONAL_PRONOUNS:
            # whose a count or an amount is, a pronoun leaves to the sentences around it: the one person they name
            # ("Gray's autopsy showed he had been shot seven times"), kept beside the mark of a pronoun, as one
            # person may hold many figures of a kind ("he was sentenced to 12 years" in 1997, "to seven years" in
            # 1959) and a term needs its holder named in its own clause (conflicts._same_term)
            return {UNNAMED} | pronoun_person(child)
        return {t.lower_ for t in child.subtree if t.ent_type_ in HOLDER_LABELS and not t.is_stop and not t.is_punct}

    found = named_noun(counted.head) if counted.dep_ == "appos" else set()  # "Danny Green (14 points)"
    # a date's figure is read from its event, the clause's own verb: the verb above it ("..., Bower said") is not
    # where or among whom it happened
    clause = anchor if anchor.pos_ == "VERB" else next(iter(verbs_above(anchor)), None)
    # "She put the damage at about 40 million euros": who puts a figure at a value gives it, and is not whom it is of
    estimated = clause is not None and anchor.head.dep_ == "prep" and anchor.head.lower_ == "at" \
        and anchor.head.head == clause and any(c.dep_ == "dobj" for c in clause.children)
    for token in {anchor, counted, predicate, clause} - {None}:
        for child in token.children:
            if child.dep_ == "prep" and (child.lower_ in NAMING_PREPOSITIONS
                                         or (token is counted and child.lower_ == "of")):
                found |= named(list(child.subtree))
            elif child.dep_ in PARTICIPANT_DEPS and child is not counted and child is not anchor \
                    and not child.is_ancestor(anchor):
                known = len(people)
                found |= participant(token, child)
                if estimated and token is clause and child.dep_ == "nsubj":
                    del people[known:]
                elif child.dep_ in HOLDER_DEPS and not _first_object(token, child):
                    holding.setdefault(token, set()).update(holder(token, child))
        if token is clause and token.dep_ == "xcomp" and not estimated:
            # "Lowe is believed to be seeking a deal in the $75 million range": the subject of the verb the clause
            # completes holds its figure
            holding.setdefault(token, set()).update(name for child in token.head.children
                                                    if child.dep_ in HOLDER_DEPS for name in holder(token.head, child))
        if token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
            found |= named([t for t in token.head.subtree if t.i < token.i
                            and (t == token.head or not t.is_ancestor(token))])
    # the holder of the nearest word with a subject or owner: a verb the parse climbed to past the figure's own
    # clause ("Artino scored 14 points and Echenique had 11") names another's
    holders = next((holding[t] for t in (anchor, counted, clause, predicate) if t in holding), set())
    return frozenset(found), bool(people), frozenset(holders)


def _in_relative_clause(token: Token, phrase: list[Token]) -> bool:
    """Whether a token of a phrase is inside a relative clause of the phrase, below the phrase's own words."""
    while token in phrase and token.head in phrase and token.head is not token:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def _first_object(token: Token, child: Token) -> bool:
    """Whether the parse made the first object of a double-object verb the "subject" of the second ("the Nationals
    made Teixeira a $160 million offer": Teixeira as subject of "offer"): the one given the thing does not hold it;
    the verb's subject does."""
    return child.dep_ == "nsubj" and token.pos_ == "NOUN" and token.dep_ in {"dobj", "ccomp", "xcomp", "attr", "oprd"}


def pronoun_person(pronoun: Token) -> set[str]:
    """The name words of the one person a personal pronoun can stand for, or none: the person named before it in
    its sentence and the sentence before, where the two name just one ("Orozco, 27, is armed. He weighs 130
    pounds"; "sent Gigante to prison in 1959, when he received a five-year sentence"). Another person named there,
    or a noun that can name one person as a subject or an object ("The deputy chased Orozco. He fired"), leaves
    whom it stands for untold."""
    sentence = pronoun.sent
    start = pronoun.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    window = pronoun.doc[start : pronoun.i]
    people = [e for e in window.ents if e.label_ == "PERSON"]
    rivals = [t for t in window if t.tag_ == "NN" and t.lemma_.lower() in PERSON_NOUNS and t.dep_ in RIVAL_DEPS
              and not t.ent_type_ and not _beside_a_name(t)]
    if rivals or len({e[-1].lower_ for e in people}) != 1:
        return set()
    return {t.lower_ for e in people for t in e if not t.is_stop and not t.is_punct}


def _beside_a_name(noun: Token) -> bool:
    """Whether a noun is set beside a person's name by a comma, as a title is ("A department veteran, Ortiz",
    "Ortiz, a deputy"), which the parse may take for a subject of its own."""
    doc = noun.doc
    return any(0 <= i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[(i + noun.i) // 2].text == ","
               for i in (noun.i + 2, noun.i - 2))


def aged(number: Token) -> Token | None:
    """The person whose age a number gives, or None: "Orozco, 27,", "Ortiz, aged 35", "the 95-year-old Felt",
    "Gigante, who died at 77". Only a person the text names: an age of "the actress" tells nobody's."""
    head = number.head
    if of_object(number) is not None or any(c.dep_ == "prep" and c.lower_ == "of" for c in number.children):
        return None  # "Stanley Perlo, one of the jurors": one of a group, not an age
    if number.dep_ == "appos" or (head.lower_ in {"aged", "age"} and number.dep_ in {"npadvmod", "dobj", "nummod"}):
        person = head if number.dep_ == "appos" else head.head
    elif head.lower_ == "year" and head.head.lower_ == "old" and head.head.dep_ == "amod":
        person = head.head.head  # "the 95-year-old Felt"
    elif number.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_ == "die":
        died = head.head  # "Gigante died at 77", "Gigante, who died at 77"
        person = died.head if died.dep_ == "relcl" else next(
            (c for c in died.children if c.dep_ == "nsubj"), died)
    else:
        return None
    return person if person.pos_ == "PROPN" else None


def listed_places(doc: Doc, figures: list[tuple[int, int]]) -> list[frozenset[str]] | None:
    """The place each of one sentence's figures (token start and end, in order) is given for, where the sentence
    lists them with one place each, in turn: Egypt's 80 and India's 65 in "services in Egypt were down by 80
    percent, in India by 65 percent", and in "70 per cent in Egypt, and 60 per cent in India". The parse hangs
    every such place from the one verb, so the clause alone gives each figure every place. None where the
    sentence's places and figures do not alternate one for one."""
    sentence = doc[figures[0][0]].sent
    places = [(e.start, e.end) for e in sentence.ents if e.label_ in PLACE_LABELS]
    marks = sorted([(start, "figure") for start, _ in figures] + [(start, "place") for start, _ in places])
    kinds = [kind for _, kind in marks]
    if len(places) != len(figures) or any(a == b for a, b in zip(kinds, kinds[1:])):
        return None
    return [frozenset(t.lower_ for t in doc[start:end] if not t.is_stop and not t.is_punct)
            for start, end in places]


def name_of(noun: Token) -> set[str]:
    """The words of the name a noun is, tagged as one or not ("Hansbrough", "Jerry Ortiz")."""
    words = [noun, *(c for c in noun.children if c.dep_ in {"compound", "flat"})]
    return {t.lower_ for t in words if (t.ent_type_ in PARTICIPANT_LABELS or t.pos_ == "PROPN") and not t.is_stop}


def times_named(tokens: SpacySpan, anchor: Token, times: list[TimeExpression], article: Article) -> frozenset[str]:
    """The dates the figure's clause names other than the news's own days and weeks: "january", "2005", "last
    year" (a weekday, "yesterday" or "the day of the fire" sets no other time), and the stretch of time it is
    counted over ("over four nights of protests", "in the past eight days"): a running total, which each outlet
    counts to its own day and over its own window, as it does a run. A date of the figure's clause is one that
    hangs from the figure's verb or a verb above it ("In January, cables were damaged, disrupting 70 percent"),
    not one of another clause of its sentence ("to be completed next year")."""
    doc = tokens.doc
    clause = verbs_above(anchor)
    found = set()
    for time in times:
        if time.type not in {"DATE", "DURATION"} \
                or not (tokens.sent.start_char <= time.span.start < tokens.sent.end_char):
            continue
        if time.span.start < tokens.end_char and tokens.start_char < time.span.end:
            continue
        written = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        verbs = verbs_above(written.root) if written is not None else []
        if verbs and (verbs[0] not in clause or _of_an_earlier_conjunct(written.root, verbs[0], clause)):
            continue
        if _past_a_semicolon(doc, tokens.start_char, time.span.start):
            continue
        text = time.span.text(article)
        if time.type == "DURATION":
            if written is not None and written.root.dep_ == "pobj" and written.root.head.lower_ in WINDOW_PREPOSITIONS:
                found.add(" ".join(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in DATE_FILLERS))
            continue
        value = normalise(text, None)
        if value and not value[1].startswith(NEWS_DAYS):
            found.add(" ".join(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in DATE_FILLERS))
    # a period the time expressions give no value ("won two games last season", "the previous season"): another
    # period than the news's where a word says so
    for entity in tokens.sent.ents:
        if entity.label_ != "DATE" or not OTHER_PERIOD_WORDS & {t.lower_ for t in entity} \
                or entity.start < tokens.end and tokens.start < entity.end \
                or any(t.span.start < entity.end_char and entity.start_char < t.span.end for t in times):
            continue
        verbs = verbs_above(entity.root)
        if not verbs or verbs[0] in clause:
            found.add(" ".join(t.lower_ for t in entity if t.lower_ not in DATE_FILLERS))
    return frozenset(found)


def _past_a_semicolon(doc: Doc, figure: int, date: int) -> bool:
    """Whether a semicolon stands between a figure and a date of its sentence ("Page married twice; the first
    marriage lasted from 1943 to 1947"): it closes a clause of its own, whatever verb the parse hangs the next one
    from, and its dates are not the figure's."""
    low, high = sorted((figure, date))
    return ";" in doc.text[low:high]


def _of_an_earlier_conjunct(date: Token, verb: Token, clause: list[Token]) -> bool:
    """Whether a date after its verb dates that verb's conjunct only, not the figure's clause conjoined to it ("proposed
    the rules in May and since has received nearly 300,000 comments": the comments were not received in May). A date
    written before the first verb ("In May, police arrested five and charged three") dates both."""
    below = clause[clause.index(verb) - 1] if clause.index(verb) > 0 else None
    return below is not None and below.dep_ == "conj" and below.head == verb and verb.i < date.i < below.i


def verbs_above(token: Token) -> list[Token]:
    """The verbs above a token, nearest first."""
    return [t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}]


def figure_bound(tokens: SpacySpan) -> tuple[str, str]:
    """How exactly the figure is written, from the words before its first number word and after it: its bound
    and its hedge as written (storyline.text.estimates.hedge). One of a scale ("a dozen", "a hundred") is said
    loosely, as "about" one."""
    doc = tokens.doc
    first = next((t for t in tokens if t.like_num or one_of_a_scale(t)), tokens[0])
    bound, hedged = hedge(doc.text[max(tokens.sent.start_char, first.idx - 40) : first.idx],
                          doc.text[tokens.end_char : tokens.end_char + 20])
    return ("about", hedged) if bound == "exact" and one_of_a_scale(first) else (bound, hedged)


def one_of_a_scale(token: Token) -> bool:
    """Whether a word begins one of a scale, or half of one: "a" of "a dozen", "a hundred", "half" of "half a
    dozen" (hyphened or not)."""
    following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 5] if t.text not in HYPHENS]
    if token.lower_ == "half":
        return following[:1] == ["a"] and following[1:2] != [] and following[1] in SCALES
    return token.lower_ in ARTICLES and following[:1] != [] and following[0] in SCALES
