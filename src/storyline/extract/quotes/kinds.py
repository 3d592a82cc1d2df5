"""What an attribution reports, marked when it is drafted: words someone said (``speech``), what someone believes,
feels, wants or decided (``belief``), a statement said not to have been made or denied (``negated``: "declined
to comment", "could not say when …", "X denied that …"), only what a verb of judging was aimed at
(``stance``: "criticised the government", "called for calm", with no words of the holder's), or what someone
would say, think or want under a condition (``hypothetical``: "if the minister said so", "unless he wants to
stay"), which reports no one's statement.

Every kind stays an attribution (PolNeAR annotates them all); a brief's quotes are the speech alone. Quoted words
are what someone said whatever the cue ("called the plan “a disgrace”", "she thinks it is “a trap”"), unless the
cue is negated.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from storyline.extract.quotes.cues import lemma
from storyline.text import wordlists

SPEECH, BELIEF, NEGATED, STANCE, HYPOTHETICAL = "speech", "belief", "negated", "stance", "hypothetical"
KINDS = (SPEECH, BELIEF, NEGATED, STANCE, HYPOTHETICAL)
# Verbs and nouns of believing, feeling, wanting and deciding.
ATTITUDE_CUES = wordlists.words("attitude_cues")
# "declined to comment", "refused to say", "denied that …".
NEGATING_CUES = wordlists.words("negating_cues")
# Verbs of saying that also judge a thing to be so, with an object and a predicate of it ("found him guilty").
JUDGING_VERBS = frozenset({"find"})
# How many open clauses up a cue looks for the verb that negates it, or for the mark of a condition: "did not want
# to comment" is two.
_NEGATION_HOPS = 3
# The subordinators that make a clause a condition ("if", "even if", "as if", "unless").
CONDITION_MARKS = frozenset({"if", "unless"})
# Subjects that say no one, or hardly anyone, holds what the cue reports ("Nobody expects …", "No official would say
# …"), and the words before a noun that do ("few analysts think …"; not "a few", "quite a few").
NEGATIVE_PRONOUNS = wordlists.words("negative_pronouns")
DENYING_QUANTIFIERS = frozenset({"no", "few"})


def of_cue(cue: Token, aimed_at: bool = False) -> str:
    """The kind of what the cue introduces; ``aimed_at`` when that is its object (or the object of its
    preposition: "called for …", "asked about …") rather than a clause."""
    if conditional(cue):
        return HYPOTHETICAL
    if negated(cue):
        return NEGATED
    if _judges(cue):
        return BELIEF
    if lemma(cue) in ATTITUDE_CUES:
        # "preferred the life of a criminal", "thinking about the celebration": a feeling aimed at a thing, with no
        # view or intention in words.
        return STANCE if aimed_at else BELIEF
    return STANCE if aimed_at else SPEECH


def _judges(cue: Token) -> bool:
    """A verb that judges something to be so ("finds the trip difficult", "found him guilty"): what it gives is a
    view or a verdict, not words said, unlike a finding in a clause ("found that the brakes had failed")."""
    return lemma(cue) in JUDGING_VERBS and any(child.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                                               and child.pos_ in ("ADJ", "NOUN") for child in cue.children)


def negated(cue: Token) -> bool:
    """A cue with a negation ("did not say", "never said"), a denial, or the open clause of a verb that refuses
    ("declined to comment", "did not want to say")."""
    return any(lemma(node) in NEGATING_CUES or _has_negation(node) or _shares_negation(node)
               or _denied_by_subject(node) for node in _open_clause_heads(cue))


def _open_clause_heads(cue: Token) -> Iterator[Token]:
    """The cue, then the verbs whose open clause it is ("did not want to comment": "comment", "want"), up to
    ``_NEGATION_HOPS`` of them."""
    node = cue
    for _ in range(_NEGATION_HOPS):
        yield node
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return
        node = node.head


def _denied_by_subject(verb: Token) -> bool:
    """A verb whose subject holds no one or few ("Nobody said …", "No one expects …", "Few here believe …", "not
    many people think …"): reported as a view, the words would say the opposite of what the sentence does."""
    for subject in (child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in NEGATIVE_PRONOUNS or _denying_quantifier(subject):
            return True
        if any(child.dep_ in ("det", "amod") and (_denying_quantifier(child) or _has_negation(child))
               for child in subject.children):
            return True
    return False


def _denying_quantifier(word: Token) -> bool:
    """"no", or "few" with no "a" before it ("a few", "quite a few" say some)."""
    return word.lower_ in DENYING_QUANTIFIERS and not any(child.lower_ == "a" for child in word.children)


def _has_negation(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _shares_negation(verb: Token) -> bool:
    """A verb joined by "or" or "nor" to a negated one, with no subject of its own ("didn't anticipate or
    understand how …"): the negation holds for both; after "but" or "and" it need not ("did not name him but said
    …")."""
    head = verb.head
    return verb.dep_ == "conj" and _has_negation(head) \
        and any(child.dep_ == "cc" and child.lower_ in ("or", "nor") for child in head.children) \
        and not any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)


def conditional(cue: Token) -> bool:
    """A cue in a clause of condition ("If he wanted to see him, …", "unless she says otherwise"), itself or the
    verb whose open clause it is: what it reports was not said or thought, only supposed."""
    return any(child.dep_ == "mark" and child.lower_ in CONDITION_MARKS
               for node in _open_clause_heads(cue) for child in node.children)


def with_quotation(kind: str) -> str:
    """The kind of an attribution whose content holds a quotation: the holder's own words, unless negated or only
    supposed."""
    return SPEECH if kind in (BELIEF, STANCE) else kind


def tells_the_reader(verb: Token) -> bool:
    """An imperative of thinking ("Expect experts such as Dr Al Homoud: “…”", "Think about this"): the writer
    addresses the reader, and the clause holds no one's view. Not one of saying ("Why not just say: “…”"), which
    quotes words as said, nor a verb whose subject the parse lost ("“…,” read one")."""
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and of_cue(verb) == BELIEF \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
