"""What an attribution reports, marked when it is drafted: words someone said (``speech``), what someone believes,
feels, wants or decided (``belief``), a statement said not to have been made or denied (``negated``: "declined
to comment", "could not say when …", "X denied that …"), or only what a verb of judging was aimed at
(``stance``: "criticised the government", "called for calm", with no words of the holder's).

Every kind stays an attribution (PolNeAR annotates them all); a brief's quotes are the speech alone. Quoted words
are what someone said whatever the cue ("called the plan “a disgrace”", "she thinks it is “a trap”"), unless the
cue is negated.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.quotes.cues import lemma
from storyline.text import wordlists

SPEECH, BELIEF, NEGATED, STANCE = "speech", "belief", "negated", "stance"
KINDS = (SPEECH, BELIEF, NEGATED, STANCE)
# Verbs and nouns of believing, feeling, wanting and deciding.
ATTITUDE_CUES = wordlists.words("attitude_cues")
# "declined to comment", "refused to say", "denied that …".
NEGATING_CUES = wordlists.words("negating_cues")
# Verbs of saying that also judge a thing to be so, with an object and a predicate of it ("found him guilty").
JUDGING_VERBS = frozenset({"find"})
# How many open clauses up a cue looks for the verb that negates it: "did not want to comment" is two.
_NEGATION_HOPS = 3


def of_cue(cue: Token, aimed_at: bool = False) -> str:
    """The kind of what the cue introduces; ``aimed_at`` when that is its object (or the object of its
    preposition: "called for …", "asked about …") rather than a clause."""
    if negated(cue):
        return NEGATED
    if lemma(cue) in ATTITUDE_CUES or _judges(cue):
        return BELIEF
    return STANCE if aimed_at else SPEECH


def _judges(cue: Token) -> bool:
    """A verb that judges something to be so ("finds the trip difficult", "found him guilty"): what it gives is a
    view or a verdict, not words said, unlike a finding in a clause ("found that the brakes had failed")."""
    return lemma(cue) in JUDGING_VERBS and any(child.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                                               and child.pos_ in ("ADJ", "NOUN") for child in cue.children)


def negated(cue: Token) -> bool:
    """A cue with a negation ("did not say", "never said"), a denial, or the open clause of a verb that refuses
    ("declined to comment", "did not want to say")."""
    node = cue
    for _ in range(_NEGATION_HOPS):
        if lemma(node) in NEGATING_CUES or any(child.dep_ == "neg" for child in node.children):
            return True
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
    return False


def with_quotation(kind: str) -> str:
    """The kind of an attribution whose content holds a quotation: the holder's own words, unless negated."""
    return SPEECH if kind in (BELIEF, STANCE) else kind


def tells_the_reader(verb: Token) -> bool:
    """An imperative of thinking ("Expect experts such as Dr Al Homoud: “…”", "Think about this"): the writer
    addresses the reader, and the clause holds no one's view. Not one of saying ("Why not just say: “…”"), which
    quotes words as said, nor a verb whose subject the parse lost ("“…,” read one")."""
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and of_cue(verb) == BELIEF \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
