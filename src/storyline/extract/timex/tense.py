"""Which way a time expression points from the dateline, as its sentence tells: the word just before it or the
tense of the verb it modifies. Relative dates ("Friday", "in May") are valued on that side of the reference."""

from __future__ import annotations

from spacy.tokens import Span as DocSpan, Token

from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.text.wordlists import pairs, words

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

# Words just before an expression that fix its side whatever the verb: "since May", "payable Dec. 1".
TENSE_SIGNALS = pairs("tense_signals")
DEADLINE_WORDS = words("deadline_words")
PLANNING_VERBS = words("planning_verbs")
FUTURE_AUXILIARIES = words("future_auxiliaries")
FORWARD_MODALS = words("forward_modals")


def governing_tense(tokens: DocSpan, config: TimexConfig = CONFIG) -> str | None:
    """PAST, PRESENT or FUTURE from the word just before the expression or else the nearest verb above it; None
    when neither tells."""
    signal = tokens.doc[tokens.start - 1].lower_ if tokens.start else ""
    if signal in TENSE_SIGNALS:
        return TENSE_SIGNALS[signal]
    if tokens.root.dep_ == "poss":
        return None  # "would appeal Wednesday's ruling": the verb tells when the appeal is, not the ruling
    verb = governing_verb(tokens.root, config)
    if verb is None:
        return None
    if signal in DEADLINE_WORDS:
        # "has given them until Friday" looks ahead; "gave them until Friday" or "stayed until Friday" may lie either
        # side of the dateline, so nearness decides.
        return None if told_in_past(verb) else FUTURE
    return verb_tense(verb, config)


def governing_verb(token: Token, config: TimexConfig = CONFIG) -> Token | None:
    for _ in range(config.verb_hops):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ != "aux":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, config: TimexConfig = CONFIG) -> str | None:
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if verb.lemma_ in PLANNING_VERBS:
        # What is planned lies ahead of the planning: "plans a rally on Saturday" is future, while "planned a rally
        # on Saturday" or "a rally planned for Saturday was called off" may be either side of the dateline, so
        # nearness decides.
        bare_participle = verb.tag_ == "VBN" and not auxiliaries and verb.head.i != verb.i
        planned_in_past = (outer_tense(verb, config) not in {PRESENT, FUTURE} if bare_participle
                           else told_in_past(verb))
        return None if planned_in_past else FUTURE
    if any(aux.lower_ in FUTURE_AUXILIARIES for aux in auxiliaries):
        return FUTURE
    if any(aux.lower_ in FORWARD_MODALS for aux in auxiliaries) and all(aux.lemma_ != "have" for aux in auxiliaries):
        return FUTURE
    if any(aux.lower_ == "going" for aux in auxiliaries) or (verb.lower_ == "going" and any(
            child.tag_ == "VB" for child in verb.children)):
        return FUTURE
    if any(aux.tag_ == "TO" for aux in auxiliaries) and verb.head.i != verb.i:
        # An infinitive looks ahead of its governing verb: "is scheduled to close Monday" is future, while after a
        # past verb ("was due to expire Friday") it may lie either side of the dateline, so nearness decides.
        return FUTURE if outer_tense(verb, config) in {PRESENT, FUTURE} else None
    if not auxiliaries and verb.tag_ == "VBN":
        return PAST  # a bare past participle reports what was done: "the record reached on Aug. 6"
    if not auxiliaries and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return outer_tense(verb, config)  # "closing unchanged Friday" happens when its clause's verb does
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return PAST  # "has risen since March", "had closed Friday": a perfect reports what is done
    tenses = [t for word in [*auxiliaries, verb] for t in word.morph.get("Tense")]
    if "Past" in tenses:
        return PAST
    if "Pres" in tenses:
        return PRESENT
    return None


def told_in_past(verb: Token) -> bool:
    """Whether the finite part of the verb group is past: "extended" and "had extended", not "has extended"."""
    finite = next((child for child in verb.children if child.dep_ in {"aux", "auxpass"}), verb)
    return "Past" in finite.morph.get("Tense") and finite.tag_ != "VBN"


def outer_tense(verb: Token, config: TimexConfig = CONFIG) -> str | None:
    """The tense of the verb that governs a non-finite one."""
    outer = governing_verb(verb.head, config)
    return verb_tense(outer, config) if outer is not None and outer.i != verb.i else None
