"""Clauses of the parse: how far a content runs, who the subject of a cue is, how a token hangs on a cue."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.extract.quotes.config import CONFIG, QuoteConfig
from storyline.extract.quotes.cues import CLAUSE_CUES, CUES, lemma
from storyline.extract.quotes.kinds import SPEECH, of_cue
from storyline.text import wordlists
from storyline.text.names import is_title_part

# Verbs whose object, with "as saying", is the one who said the words: "the paper quoted the minister as
# saying …", and in the passive their subject: "the minister was reported as saying …".
QUOTING_VERBS = frozenset({"quote", "cite", "report"})
# Texts that speak for whoever put them out (data/voice_texts.txt).
VOICE_TEXTS = wordlists.words("voice_texts")
# Nouns that can head the phrase of someone who says something: people (WordNet's noun.person), groups and bodies,
# and the texts and voices of a body; any other ("A sign", "the unrest") is a thing.
SPEAKER_NOUNS = wordlists.words("person_nouns") | wordlists.words("collective_nouns") \
    | wordlists.words("organisation_words") | wordlists.words("group_nouns") | wordlists.words("voice_nouns") \
    | VOICE_TEXTS
# Things with words on them that people carry (data/carried_texts.txt).
CARRIED_TEXTS = wordlists.words("carried_texts")
# Subjects that name no one: "it was too early", "there is no doubt".
EMPTY_SUBJECTS = frozenset({"it", "there"})
# Conjunctions that set a second clause beside the first rather than under it: "“…” while the chief said …".
CONTRASTING_MARKS = frozenset({"while", "whereas"})
# Marks a subject phrase may end on that belong to the sentence around it, not to whom it names.
TRAILING_MARKS = frozenset({",", ";", ":", "-", "—", "–"})
# The verb whose object is told what a verb of learning after it says ("let fans know that …", "let the public hear
# …"): the one who lets them know says it, not the one told. After a verb of saying its object is the one who speaks
# ("Let me say that …").
LETTING_VERBS = frozenset({"let"})
LEARNING_VERBS = frozenset({"know", "hear", "learn", "see", "understand"})
# Verbs of causing, whose object does what the infinitive after it says (data/causing_verbs.txt); objects that
# stand for no one ("left it", "led this").
CAUSING_VERBS = wordlists.words("causing_verbs")
EMPTY_OBJECTS = frozenset({"it", "this", "that"})
# How the parse may hang the speaker after a verb of saying that follows a quotation ("“…,” added a farmer"), and
# the verbs whose object after them is the one told, not the speaker ("told reporters").
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "oprd"})
TELLING_VERBS = frozenset({"tell"})
# The words a speaker's phrase in a speech tag is made of, read without the parse ("retired banker Otto Lind",
# "the baker"); participles only inside it ("ranking Democrat …"); and the parts of speech it may end on.
TAG_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
TAG_PHRASE_INNER_TAGS = frozenset({"VBN", "VBG"})
TAG_PHRASE_ENDS = frozenset({"NOUN", "PROPN"})
# The tags of a verb in the past or present tense, which a noun's describing clause does not open with.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Words of sending someone a written message, as verbs ("emailed supporters") and nouns ("an email to supporters"):
# data/messaging_words.txt.
MESSAGING_WORDS = wordlists.words("messaging_words")
# Dependents that, set off by a comma, end a content rather than continue it.
TAIL_DEPS = frozenset({"advcl", "appos", "parataxis", "npadvmod"})


def outer_first(doc: Doc) -> np.ndarray:
    """The tokens' indices, outer clauses first, so that "said" claims its clause before a "think" inside it can; a
    verb of saying set in the clause it reports ("Voters, he said, believe …") goes before that clause's own verb,
    which the parse makes its head. Text order within a level."""
    steps = head_steps(doc)
    ranks = 2 * steps + 1
    for i in np.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["parataxis"]).tolist():
        if lemma(doc[i]) in CLAUSE_CUES:
            ranks[i] = 2 * (steps[i] - 1)
    return np.lexsort((np.arange(len(doc)), ranks))


def head_steps(doc: Doc) -> np.ndarray:
    """How many steps each token is from the root of its sentence, for every token at once: each round adds the
    steps of the ancestor reached so far and jumps to that ancestor's, so a tree of depth d takes log2(d) rounds
    (walking up from every token in Python took 7% of the per-article stages)."""
    ancestors = np.arange(len(doc)) + doc.to_array(HEAD).astype(np.int64)
    steps = (ancestors != np.arange(len(doc))).astype(np.int64)
    for _ in range(len(doc).bit_length()):
        steps += steps[ancestors]
        ancestors = ancestors[ancestors]
    return steps


def extent(tokens: Iterable[Token]) -> tuple[int, int]:
    tokens = list(tokens)
    first = min(t.left_edge for t in tokens)
    last = max(t.right_edge for t in tokens)
    return first.idx, last.idx + len(last)


def content_extent(heads: list[Token]) -> tuple[int, int]:
    """Character extent of the heads' subtrees, up to a tail set off by a comma that says something else:
    "…, saying …", "…, citing …", "…, and added …", "…, a swipe at …"."""
    start, end = extent(heads)
    for head in heads:
        for child in head.children:
            if child.i <= head.i or child.left_edge.i == 0:
                continue
            before = head.doc[child.left_edge.i - 1]
            if before.is_quote and before.i > 0 and head.doc[before.i - 1].text == ",":
                before = head.doc[before.i - 1]  # “…,” adding …: the comma sits inside the closing mark
            comma_before = before.text in (",", ";", "—", "–") or (
                before.dep_ == "cc" and before.i > 0 and head.doc[before.i - 1].text == ",")
            is_cue = child.pos_ == "VERB" and lemma(child) in CLAUSE_CUES
            # A clause opened by a conjunction (", while …", ", because …") goes on saying what was said.
            subordinate = child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children)
            if comma_before and (child.dep_ in TAIL_DEPS and not subordinate or is_cue):
                cut = head.doc[before.i - 1] if before.dep_ == "cc" else before
                end = min(end, cut.idx)
    return start, min(end, _nested_saying_start(heads, start), _next_saying_start(heads, start))


def _nested_saying_start(heads: list[Token], start: int) -> int:
    """Where a clause set off by a comma at the end of the extent, or by a quotation's closing mark and a contrast,
    says who said something of its own ("the work of the envoy, whom she described as …", "his remarks, when he
    claimed …", "there was “no sign of it” while the chief said …"): PolNeAR makes it another attribution, not
    part of this content. A clause inside the content ("the plan, which some called a ploy, was …") stays in it."""
    doc = heads[0].doc
    end = doc[-1].idx + len(doc[-1].text_with_ws)  # the text's length: Doc.text would join every token again
    last = max(head.right_edge.i for head in heads)
    for head in heads:
        for token in head.subtree:
            if token == head or not (token.dep_ in ("relcl", "advcl") and token.pos_ == "VERB"
                                          and lemma(token) in CUES):
                continue
            before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
            closes_extent = all(t.is_punct for t in doc[token.right_edge.i + 1 : last + 1])
            set_off = before is not None and (before.text == "," or before.is_quote and before.tag_ == "''"
                                               and _contrasts(token))
            if set_off and before.idx > start and closes_extent and any(
                    child.dep_ == "nsubj" for child in token.children):
                end = min(end, before.idx)
    return end


def _contrasts(clause: Token) -> bool:
    """Whether the clause sets what its own named subject says beside what was said before it ("“…” while the
    chief said …"), not what qualifies it ("a “unifier” who wanted …", "“on the fence” until Haley said …")."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRASTING_MARKS for c in clause.children) and any(
        c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in clause.children) and of_cue(clause) == SPEECH


def _next_saying_start(heads: list[Token], start: int) -> int:
    """Where a coordinated verb of saying begins another attribution inside the extent: "said X and said Y",
    "said X, and three-quarters said Y", "said X but did not suggest Y". Its conjunction and comma go with it.
    The parse makes such a verb a conjunct of the content or a second complement of the first cue."""
    last = heads[0].doc[-1]
    end = last.idx + len(last.text_with_ws)  # the text's length: Doc.text would join every token again
    coordinated = [child for head in heads for child in head.children if child.dep_ == "conj"]
    for token in heads[1:] + coordinated:
        passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)
        if lemma(token) in CLAUSE_CUES and token.pos_ in ("VERB", "AUX") and not passive:
            first = token.left_edge
            while first.i > 0 and (first.nbor(-1).dep_ == "cc" or first.nbor(-1).text in (",", ";")):
                first = first.nbor(-1)
            if first.idx > start:
                end = min(end, first.idx)
    return end


def with_trailing_infinitive(verb: Token, heads: list[Token]) -> list[Token]:
    """The heads and an infinitive the cue itself takes after them, with no comma between: in "challenged the
    governor to debate her", what was said runs on from the object into it."""
    last = max(head.right_edge.i for head in heads)
    trailing = [child for child in verb.children if child.i > last and child.dep_ == "xcomp"
                and child.left_edge.i > 0 and not verb.doc[child.left_edge.i - 1].is_punct]
    return heads + trailing


def subject(verb: Token, in_quote: Callable[[int], bool], config: QuoteConfig = CONFIG) -> DocSpan | None:
    """The verb's subject, or for "adding", "and added", "to say", "by saying" the subject of the verb it hangs
    on; ``in_quote`` tells whether a character offset lies inside a quotation."""
    doc = verb.doc
    for hop in range(config.subject_hops):
        quoted = quoted_as_saying(verb)
        if quoted is not None:  # "Gravano quoted Gotti as saying …": Gotti said it
            return doc[quoted.left_edge.i : subject_end(quoted) + 1]
        if verb.dep_ in ("ccomp", "xcomp") and lemma(verb) in LEARNING_VERBS and lemma(verb.head) in LETTING_VERBS:
            verb = verb.head  # "went on to let fans know that …": whoever lets them know
            continue
        if (brought := brought_to_it(verb)) is not None:  # "The defeat led her to declare …": she declared it
            return doc[brought.left_edge.i : subject_end(brought) + 1]
        # Words of a quotation the verb stands outside of are what was said, never who said it: the parse makes
        # "“…, I hold in esteem Sen. John McCain,” Trump said" a verb of two subjects, McCain and Trump.
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "csubj")
                    and (in_quote(verb.idx) or not in_quote(child.idx))]
        if hop > 0 and _impersonal(verb, subjects):
            return None  # "It's safe to assume …", "it is fair to say …": the writer's words, "it" is no one
        if subjects:
            # "said Dist. Atty. Steve Cole": a title the parse makes a subject of its own leads the name
            named = [child for child in subjects if not all(is_title_part(t.text) for t in child.subtree)]
            # Of several, the nearest before the verb: the parse hangs a stray word of a long lead-in on the verb
            # as well ("in Berea, OH, after winning Ohio, Gov. John Kasich said"), and a word of what was said
            # after it ("Sanders said closed primaries deny …").
            named = _inverted_name(verb, named) or named or subjects
            child = min(named, key=lambda child: (child.i > verb.i, abs(child.i - verb.i)))
            apposed = apposition_before(verb)
            if apposed is not None and child in apposed.ancestors:
                child = apposed
            return doc[child.left_edge.i : subject_end(child) + 1]
        if (apposed := apposition_before(verb, comma=True)) is not None:
            return doc[apposed.left_edge.i : subject_end(apposed) + 1]
        if hop == 0 and (inverted := inverted_speaker(verb)) is not None:
            return doc[inverted.left_edge.i : subject_end(inverted) + 1]
        if hop == 0 and (tagged := speech_tag_speaker(verb, config)) is not None:
            return tagged
        if hop == 0 and (named := name_before_an_aside(verb, config)) is not None:
            return named
        # Only the verb's own agent: a verb the parse coordinated with a passive one is not said by its agent
        # ("De Blasio said the move was made by Bratton and said, “…”").
        for child in verb.children if hop == 0 else ():
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
        if verb.dep_ == "conj" and any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children):
            # "The party holds a majority and the bill is expected to pass": expected by no one named; "The agency
            # missed the deadline but was ordered to release the files": the subject it shares is who was told
            return None
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = _reporter_of(verb) or _past_a_nouns_clause(verb) or verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "responded by saying …"
            verb = verb.head.head
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and issued_text(verb.head):
            verb = verb.head.head  # "she released a statement saying …": who issued it says it
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and not may_speak(verb.head) \
                and any(child.dep_ == "ccomp" for child in verb.children) \
                and _one_speaking_subject(verb.head.head):
            # "An official downplayed the unrest saying that …": the parse hung the participle and its clause on an
            # object that cannot speak; it tells how the verb's subject, one who can speak, did what it did. Not
            # "carried signs reading “…”", whose words are a quotation, no clause (the branch below).
            verb = verb.head.head
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and _carried(verb.head):
            # "Communists stormed the hill, unfurling banners reading “…”": who carries the banner says its words.
            verb = verb.head.head
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and (sender := _sending_verb(verb.head)) is not None:
            # "emailed supporters saying …", "sent a text message to supporters saying …": the parse hung the
            # participle on the one the message went to; the message's words are its sender's.
            verb = sender
        elif hop == 0 and verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS and verb.head.i == verb.i - 1 \
                and may_speak(verb.head):
            # "a man yelled “…”": a verb of saying in the past or present tense right after a noun is that noun's
            # own verb, which the parse took for a clause describing it (a participle's, "a group set up to …",
            # the parse may tag as past, so only the cue itself)
            return doc[verb.head.left_edge.i : verb.head.i + 1]
        elif verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "the operator, which said …", "voters backing the mayor": the noun the clause hangs on
            return doc[verb.head.left_edge.i : verb.head.i + 1]
        else:
            return None
    return None


def _inverted_name(verb: Token, subjects: list[Token]) -> list[Token]:
    """"One big difference between them, said Kovacs: “…”": a name right after the verb of saying that closes its
    clause is who spoke, inverted, when the subject before the verb is a thing that cannot speak, which the parse
    made a second subject of the verb though it is the head of what was said."""
    after = [child for child in subjects if child.left_edge.i == verb.i + 1 and child.text[:1].isupper()
             and subject_end(child) + 1 < len(verb.doc) and verb.doc[subject_end(child) + 1].is_punct]
    before = [child for child in subjects if child.i < verb.i]
    return after if after and before and not any(may_speak(child) for child in before) else []


def brought_to_it(verb: Token) -> Token | None:
    """The object of a verb of causing that the infinitive ``verb`` hangs on ("The defeat led her to declare …",
    "left many wondering"), when it can speak: who does what the infinitive says. The parse gives the infinitive no
    subject of its own, and the causing verb's subject is most often an event or a text."""
    if verb.dep_ != "xcomp" or lemma(verb.head) not in CAUSING_VERBS:
        return None
    return next((child for child in verb.head.children if child.dep_ == "dobj" and child.i < verb.i
                 and child.lower_ not in EMPTY_OBJECTS and may_speak(child)), None)


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker after a verb of saying that follows a quotation at once ("“…,” added a local farmer", "“…?”
    asked the boy"), which the parse may make the verb's object: a verb of saying right after a quotation's closing
    mark takes no object of its own, so the noun phrase right after it is who spoke. Not a verb of telling ("told
    reporters"), whose object is the one told, nor a participle ("…,” recalling summer visits …"), whose clause's
    subject said it."""
    if lemma(verb) not in CLAUSE_CUES or lemma(verb) in TELLING_VERBS or verb.tag_ == "VBG" or verb.i < 2:
        return None  # "told “Fox News,” reminding the hosts …": a participle goes on with its clause's subject
    before = verb.doc[verb.i - 1]
    if before.text == ",":
        before = verb.doc[verb.i - 2]  # “…”, said …: the comma outside the closing mark
    if not (before.is_quote and before.tag_ == "''" or before.text in ("''", "”")):
        return None
    return next((child for child in verb.children if child.i > verb.i and child.dep_ in INVERTED_DEPS
                 and child.pos_ in ("NOUN", "PROPN") and child.left_edge.i == verb.i + 1), None)


def speech_tag_speaker(verb: Token, config: QuoteConfig = CONFIG) -> DocSpan | None:
    """The speaker's phrase of a speech tag right after a quotation, read from the words where the parse hung it
    elsewhere and left the verb of saying no subject: "“…,” said the baker, who …" (the baker made the subject of
    the relative clause), "“…,” Brandt notes" (the name made a compound of "notes"). A verb of saying right after a
    quotation's closing mark is followed by who spoke, and one after a closing mark and a short noun phrase is
    preceded by who spoke. Not a verb of telling after the mark ("told reporters": the one told), nor a participle,
    whose clause's subject said it."""
    if lemma(verb) not in CLAUSE_CUES or verb.tag_ == "VBG" or verb.pos_ != "VERB":
        return None
    doc = verb.doc
    if _closes_quotation_before(doc, verb.i) and lemma(verb) not in TELLING_VERBS:
        end = verb.i + 1
        while end < len(doc) and end - verb.i <= config.speech_tag_words and _in_tag_phrase(doc[end]):
            end += 1
        if end < len(doc) and not _in_tag_phrase(doc[end]) and not _ends_speech_tag(doc[end]):
            return None  # a word the parse took for a verb cut the phrase short: who spoke may stand after it
        return _tag_phrase(doc, verb.i + 1, end)
    start = verb.i
    while start > 0 and verb.i - start < config.speech_tag_words and _in_tag_phrase(doc[start - 1]):
        start -= 1
    if start < verb.i and _closes_quotation_before(doc, start):
        return _tag_phrase(doc, start, verb.i)
    return _phrase_before_an_aside(doc, verb, config)


def _phrase_before_an_aside(doc: Doc, verb: Token, config: QuoteConfig) -> DocSpan | None:
    """"“…,” a police source, who was not allowed to speak, told …", "“…,” farmer Otto Lind, wearing a straw hat,
    said …": the speaker's phrase right after the closing mark, then an aside set off by
    commas up to the verb, in the verb's sentence and with no quotation in it."""
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    mark = next((t for t in reversed(doc[verb.sent.start : verb.i - 1]) if t.is_quote or t.text in ("''", "”")),
                None)
    if mark is None or not _closes_quotation_before(doc, mark.i + 1 + (doc[mark.i + 1].text == ",")):
        return None
    start = end = mark.i + 1 + (doc[mark.i + 1].text == ",")
    while end < verb.i and end - start < config.speech_tag_words and _in_tag_phrase(doc[end]):
        end += 1
    return _tag_phrase(doc, start, end) if end < verb.i - 1 and doc[end].text == "," else None


def name_before_an_aside(verb: Token, config: QuoteConfig = CONFIG) -> DocSpan | None:
    """"Sen. Ann Lee (D-Ill.), noting the size of the crowd, said …", "Chairman Bo Ray, who had sought a vote,
    called it …": a name that opens its clause, an aside set off by commas (a participle's or a relative clause's)
    and the verb of saying right after the aside's comma. Read from the words: the parse makes the aside's verb the
    sentence's, the name its subject, and leaves the verb of saying none."""
    doc = verb.doc
    # A finite verb: a participle ("…, FIFA, who is under investigation, saying …") goes on with its clause's subject.
    if lemma(verb) not in CUES or verb.tag_ not in FINITE_TAGS or verb.i < 3 or doc[verb.i - 1].text != "," \
            or any(child.dep_ in ("nsubj", "nsubjpass", "csubj") for child in verb.children):
        return None
    opening = next((t for t in reversed(doc[verb.sent.start : verb.i - 1]) if t.text == ","), None)
    if opening is None or not _opens_an_aside(doc[opening.i + 1]) \
            or any(t.is_quote or t.text in ("''", "``") for t in doc[opening.i + 1 : verb.i]):
        return None
    start = opening.i
    while start > verb.sent.start and opening.i - start <= config.aside_name_words \
            and _in_name_phrase(doc[start - 1]):
        start -= 1
    # The name opens its clause: the sentence's start, or after a conjunction or a comma ("But Sen. …").
    if start == opening.i or opening.i - start > config.aside_name_words or not (
            start == verb.sent.start or doc[start - 1].text == "," or doc[start - 1].dep_ == "cc"):
        return None
    words = doc[start : opening.i]
    if words[0].pos_ != "PROPN" and not is_title_part(words[0].text) or words[-1].pos_ not in ("PROPN", "PUNCT") \
            or not any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in words):
        return None
    return words


def _opens_an_aside(token: Token) -> bool:
    """A relative pronoun or a participle: the first word of an aside about the name before it ("who had sought",
    "noting the crowd", "speaking on the radio")."""
    return token.tag_ in ("WP", "WDT") or token.tag_ in ("VBG", "VBN") and token.dep_ != "aux"


def _in_name_phrase(token: Token) -> bool:
    """A word of a name with its titles and a party tag in brackets ("Rep. Ann Lee (D-Ill.)")."""
    return token.pos_ == "PROPN" or is_title_part(token.text) or token.text in ("(", ")", "-", "–") \
        or token.pos_ == "PUNCT" and token.text == "." or token.pos_ == "NUM"


def _closes_quotation_before(doc: Doc, i: int) -> bool:
    """Whether a quotation's closing mark (with a comma after it or before it) stands right before token ``i``,
    past the space tokens of scraped text ("…,”  added Lind", two spaces)."""
    before = _past_spaces(doc, i - 1)
    if before >= 1 and doc[before].text == ",":
        before = _past_spaces(doc, before - 1)  # “…”, said …: the comma outside the closing mark
    if before < 0:
        return False
    mark = doc[before]
    return mark.is_quote and mark.tag_ == "''" or mark.text in ("''", "”")


def _past_spaces(doc: Doc, i: int) -> int:
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _ends_speech_tag(token: Token) -> bool:
    """Whether a speech tag's speaker may end before the token: at a mark, a preposition, a conjunction, an adverb
    or a relative word ("said the baker, who …", "said Lind in a statement", "said Lind and added"); not before a
    word read as a verb ("said Acme Group prexy Ann Lee", the slang title taken for a verb, the speaker after it)."""
    return token.is_punct or token.is_space or token.pos_ in {"ADP", "SCONJ", "CCONJ", "ADV", "PART"} \
        or token.tag_ in {"WP", "WDT", "WRB"}


def _in_tag_phrase(token: Token) -> bool:
    # A name the tagger took for a mark is still a name ("Sarukhán" mangled by a scrape), if it is a person's.
    return token.pos_ in TAG_PHRASE_POS or token.tag_ in TAG_PHRASE_INNER_TAGS or token.ent_type_ == "PERSON"


def _tag_phrase(doc: Doc, start: int, end: int) -> DocSpan | None:
    """The phrase ``[start, end)`` cut back to its last noun, or None when it has none: a speaker is named."""
    while end > start and doc[end - 1].pos_ not in TAG_PHRASE_ENDS and doc[end - 1].ent_type_ != "PERSON":
        end -= 1
    return doc[start:end] if end > start else None


def _sending_verb(noun: Token) -> Token | None:
    """The verb that sent a message to the noun: a verb of messaging whose object it is ("emailed supporters"), or
    one that put out a text to it ("sent a letter to members"), or the verb of the text it went to ("blasted out an
    email to supporters"). None for a noun no message was sent to."""
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and lemma(noun.head) in MESSAGING_WORDS:
        return noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return None
    holder = noun.head.head
    if holder.pos_ == "VERB" and any(_a_message(child) for child in holder.children):
        return holder
    return holder.head if _a_message(holder) and holder.head.pos_ == "VERB" else None


def _a_message(noun: Token) -> bool:
    """Whether the noun is a message its verb's subject sent: a text put out, or a word of messaging."""
    return issued_text(noun) or noun.dep_ == "dobj" and lemma(noun) in MESSAGING_WORDS


def _carried(noun: Token) -> bool:
    """Whether the noun is a thing with words on it that its verb's subject carries ("unfurled banners", "holding
    signs"): the object of a verb, not a subject ("Banners in the square read …")."""
    return noun.dep_ == "dobj" and lemma(noun) in CARRIED_TEXTS and noun.head.pos_ == "VERB"


def _past_a_nouns_clause(verb: Token) -> Token | None:
    """"Officials tried to calm fears that the crisis was spreading, insisting it was “…”": a participle set off
    by a comma after a noun's that-clause, which the parse hangs on that clause's verb, tells how the clause the noun
    stands in was done, not how the crisis spread: the verb that noun hangs on."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or head.dep_ != "acl" or verb.i == 0 \
            or verb.doc[verb.left_edge.i - 1].text != "," or not any(c.dep_ == "mark" for c in head.children):
        return None
    return head.head.head if head.head.head.pos_ in ("VERB", "AUX") else None


def _one_speaking_subject(verb: Token) -> bool:
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    return len(subjects) == 1 and may_speak(subjects[0])


def may_speak(noun: Token) -> bool:
    """Whether the noun can be someone who says something: a name, or a noun of :data:`SPEAKER_NOUNS`."""
    return noun.pos_ != "NOUN" or lemma(noun) in SPEAKER_NOUNS or noun.lower_ in SPEAKER_NOUNS


def _impersonal(verb: Token, subjects: list[Token]) -> bool:
    """Whether the verb is "it is" with an adjective ("It's safe to assume", "It is important to note"): the
    infinitive of saying after it has no one as its subject."""
    return any(s.lower_ == "it" for s in subjects) and any(child.dep_ == "acomp" for child in verb.children)


def issued_text(noun: Token) -> bool:
    """Whether the noun is a text its verb's subject put out ("issued a statement", "wrote a letter"), which
    speaks for them, as a statement speaks for the body named in it."""
    return noun.dep_ == "dobj" and noun.lemma_.lower() in VOICE_TEXTS and not any(
        child.dep_ == "prep" and child.lower_ in ("from", "by") for child in noun.children)


def _reporter_of(verb: Token) -> Token | None:
    """"Trump told Newsmax that Romney “had a crazy policy,” adding, “…”": a participle of saying the parse hangs
    on a reported clause goes on with its reporter's words, not with the reported clause's subject; so does a
    verb coordinated with a reported clause whose subject is no one ("said it was too early but added, “…”")."""
    head = verb.head
    if head.dep_ != "ccomp" or lemma(head.head) not in CLAUSE_CUES:
        return None
    if verb.dep_ == "conj":
        subjects = [child for child in head.children if child.dep_ in ("nsubj", "nsubjpass", "expl")]
        return head.head if subjects and all(s.lower_ in EMPTY_SUBJECTS for s in subjects) else None
    return head.head if verb.tag_ == "VBG" else None


def quoted_as_saying(verb: Token) -> Token | None:
    """The object of "quoted X as saying …", "cited X as saying …", or the subject of "X was quoted as saying
    …": the one who said the words, which "saying" introduces as its own cue."""
    if lemma(verb) not in QUOTING_VERBS:
        return None
    saying = any(child.dep_ == "prep" and child.lower_ == "as" and any(
        grandchild.dep_ == "pcomp" and lemma(grandchild) in CLAUSE_CUES for grandchild in child.children)
        for child in verb.children)
    objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    return objects[0] if saying and objects else None


def apposition_before(verb: Token, comma: bool = False) -> Token | None:
    """Who says it when the parse hangs the speaker on a noun before it: "the lines, …, a France Telecom
    spokeswoman who asked not to be named said", read as the lines said (or as nobody) with the spokeswoman in
    apposition to them or to an object; an apposition whose words run up to the verb is who said it, or, for a
    verb the parse gives no subject, up to a comma before it ("In an interview with the AP, the mayor, Tom Reese,
    said")."""
    doc = verb.doc
    return next((t for t in doc[verb.sent.start : verb.i] if t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN") and (
        t.right_edge.i + 1 == verb.i or comma and t.right_edge.i + 2 == verb.i and doc[verb.i - 1].text == ",")),
        None)


def subject_end(subject_head: Token) -> int:
    """Last token of a subject without a trailing relative clause or apposition set off by a comma."""
    end = subject_head.right_edge.i
    for child in subject_head.children:
        if (child.i > subject_head.i and child.dep_ in ("relcl", "appos", "acl")
                and child.left_edge.i - 1 > subject_head.i):
            if subject_head.doc[child.left_edge.i - 1].text == ",":
                end = min(end, child.left_edge.i - 2)
    while end > subject_head.i and subject_head.doc[end].text in TRAILING_MARKS:
        end -= 1  # "A reporter of the agency, IRNA, said": the comma closes the apposition, not the name
    return max(end, subject_head.i)


def link_to(token: Token, cue: Token) -> Token | None:
    """The child of the cue whose subtree holds the token, if any."""
    while token.head != cue and token.head != token:
        token = token.head
    return token if token.head == cue and token != cue else None
