"""The parse pass: attributions read off the parse, around verbs and nouns of saying, reporting and thinking.

A cue ("said", "warned", "called for", "her claim that") takes its complement as the content (and an infinitive
after an object: "challenged him to debate") and its subject as the source; "according to" gives its object as the
source of the rest of the clause; a verb of seeming ("appeared paralyzed") reports an impression with no source;
a cue set in the clause it reports ("The economy, he said, is weak") takes that clause. A quotation after a colon
or before its cue opens the content ("…: “A,” he said"); one that a verb of saying inside the reported clause
introduces is that verb's ("said the chief told him: “…”"), and so is one that a verb of saying sets right before it
when the cue is its tag ("Marchers chanted, “…,” witnesses reported").
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from storyline.extract.quotes.clauses import (
    SPEAKER_NOUNS, apposition_before, content_extent, issued_text, link_to, quoted_as_saying, subject_end,
    with_trailing_infinitive,
)
from storyline.extract.quotes.cues import (
    CLAUSE_CUES, NOUN_CUES, OBJECT_CUES, PREPOSITION_CUES, SEEMING_CUES, lemma,
)
from storyline.extract.quotes.drafts import SPEAKER_TYPES, Draft, Drafts, overlap
from storyline.extract.quotes.kinds import BELIEF, SPEECH, of_cue, tells_the_reader
from storyline.text import wordlists

# Prepositions after a noun cue that hold its content: "criticism of the plan", "her claim that …".
NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "about", "on", "for", "against", "that"})
# How the parse hangs what seems: "to be …", "confident", "a winner", "that …", and a participle as "advcl".
SEEMING_COMPLEMENTS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp", "advcl"})
# A cue whose open clause is what it does, not what it says, unless a said-clause comes with it: "continued to
# fight" (but "continued that …").
_NOT_SAYING_CLAUSES = frozenset({"continue"})
# Cues of a request about the speaker themselves when their complement is a passive infinitive: "who asked not to
# be named", "who declined to be identified", "who requested to be quoted only by his first name".
_REQUEST_CUES = frozenset({"ask", "decline", "refuse", "request"})
# Cues that, with a reflexive pronoun as their clause's subject, tell where the subject ended up, not what they
# found out: "found himself trapped", "found themselves on the floor" (but "found that …").
_ENDING_UP_CUES = frozenset({"find"})
_REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "oneself", "ourselves", "yourselves",
                         "themselves"})
# The lemmas :func:`_complement` finds a content for: a verb of none of them has none.
_COMPLEMENTED_CUES = CLAUSE_CUES | OBJECT_CUES | frozenset(PREPOSITION_CUES)
# What stands between a quotation and the cue after it: "…," said / "…?" asked.
_AFTER_A_QUOTATION = re.compile(r"[,?!][”\"'’]{1,2}[^\S\n]*$")
_WORD = re.compile(r"\w+")
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Verbs voicing the subject's own view, named as their object: "reiterated his belief that …".
OWN_VIEW_VERBS = wordlists.words("own_view_verbs")
# The subject pronoun a possessive before a noun of saying stands for when it is the subject's own.
_POSSESSIVE_SUBJECTS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def may_cue(doc: Doc) -> np.ndarray:
    """Which tokens :func:`find` may draft from, for every token at once: a noun, a verb or an auxiliary, or
    "according". The others, about two thirds of a text, need not be looked at one by one."""
    pos, lower = doc.to_array([POS, LOWER]).T
    return (pos == NOUN) | (pos == VERB) | (pos == AUX) | (lower == doc.vocab.strings["according"])


# Verbs of deciding and wanting: their open clause is an intention, not words said.
INTENTION_VERBS = wordlists.words("intention_verbs")


def _plural_noun_read_as_verb(token: Token) -> bool:
    """A word in "-s" the parse took for a verb, right after a noun of a phrase a determiner opens that is not its
    subject, and with neither a clause nor an object of its own ("who took to the talk shows to defend …"): the
    noun's plural, the head of that phrase, and the infinitive after it says what for. "The report shows that …",
    "the head of the firm says it …" keep their verbs, and so do verbs of wanting ("… the firm wants to sell").
    """
    if token.tag_ != "VBZ" or token.i == 0 or lemma(token) in INTENTION_VERBS:
        return False
    if any(child.dep_ in ("ccomp", "dobj") for child in token.children) or _subject_right_before(token):
        return False
    before = token.doc[token.i - 1]
    return before.tag_ == "NN" and before.head.i != token.i \
        and any(child.dep_ in ("det", "poss") for child in before.children)


def _subject_right_before(verb: Token) -> bool:
    """A subject with no other verb between it and the verb ("neither contest this year appears …"): the verb's
    own; one a relative clause parts from it ("Duarte, who took to the talk shows") may be the parse's guess."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.i < verb.i]
    return any(not any(word.pos_ in ("VERB", "AUX") for word in verb.doc[subject.i + 1 : verb.i])
               for subject in subjects)


def find(drafts: Drafts, token: Token) -> None:
    """Draft the attribution the token cues, if it is a cue and its content is not claimed yet."""
    doc = drafts.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        _according_to(drafts, token)
        return
    token_lemma = lemma(token)
    if token.pos_ == "NOUN" and token_lemma in NOUN_CUES:
        _noun_cue(drafts, token)
        return
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return
    if _plural_noun_read_as_verb(token):
        return
    if token_lemma in SEEMING_CUES:
        _seeming(drafts, token)
        return
    if token.dep_ == "parataxis" and token_lemma in CLAUSE_CUES:
        _parenthetical(drafts, token)
        return
    if token.dep_ == "acl" and token_lemma in CLAUSE_CUES and _ends_its_sentence(token) \
            and _speaker_after_comma(drafts, token):
        return
    if token.dep_ == "relcl" and token_lemma in _REQUEST_CUES and _asks_about_itself(token):
        return
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return  # "left without saying why", "It goes without saying that …": no one says it
    content, cue_end, aimed_at = _complement(token)
    if content is None:
        return
    source = drafts.subject(token) or _name_after_quotation_and_cue(drafts, token)
    if source is None and token.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "pcomp"):
        return
    if tells_the_reader(token):
        return
    content = drafts.snap_to_quotes(drafts.within_sentence(_clip(content, token), token.idx))
    if (lead_in := _lead_in_saying(drafts, content, token)) is not None:
        # "Marchers chanted, “…,” witnesses reported": the words are the marchers'; the witnesses report that
        # they were chanted.
        verb, quotation = lead_in
        drafts.add(Draft(quotation, (verb.idx, verb.idx + len(verb)), drafts.subject(verb), kind=SPEECH))
        return
    if (nested := _nested_saying(drafts, content, token)) is not None:
        # "Hale said the chief, Anna Berg, told him: “…”": the quoted words are the chief's, Hale only carries
        # them; what the chief said is the attribution.
        token, source, aimed_at, cue_end = nested, drafts.subject(nested), False, nested.idx + len(nested)
        said = _complement(nested)[0]
        # A text the verb put out is the quotation after its colon.
        content = drafts.snap_to_quotes(drafts.within_sentence(said, nested.idx)) if said is not None \
            else drafts.quotes_starting_within((content[0] - 1, content[1]))[0]
    content = _to_closing_quotation(drafts, _from_opening_quotation(drafts, content, token), token)
    # "According to doctors hired by the family, the bullet “…”, court sources said": the words are the doctors';
    # the court sources only carry them.
    source = _according_to_opening(drafts, content) or source
    drafts.add(Draft(content, (token.idx, cue_end), source, kind=of_cue(token, aimed_at),
                     intention=_intends(token, content)))


def _intends(verb: Token, content: tuple[int, int]) -> bool:
    """A verb of deciding or wanting whose content is its open clause ("decided not to recommend …"), not a
    quotation it opens with ("wants “a big, fat wall”")."""
    return lemma(verb) in INTENTION_VERBS and any(
        child.dep_ == "xcomp" and content[0] <= child.left_edge.idx <= content[0] + 1 for child in verb.children)


def _can_speak(drafts: Drafts, head: Token) -> bool:
    """A name of someone who can say something, or a noun for a person, a group or a body's voice."""
    mention = drafts.mention_at(head)
    if mention is not None:
        return mention.span.label in SPEAKER_TYPES
    return head.pos_ == "NOUN" and (lemma(head) in SPEAKER_NOUNS or head.lower_ in SPEAKER_NOUNS)


def _nested_saying(drafts: Drafts, content: tuple[int, int], cue: Token) -> Token | None:
    """The verb of saying, inside the clause the cue reports, whose own complement is the content's first
    quotation ("said the chief told him: “…”"), with a subject of its own that names someone: not a pronoun, which
    in "said he told them “…”" most often stands for the cue's own speaker, whom the outer clause names surely
    (unless the clause names a person before it, :func:`_stands_for_one_named`), nor a thing ("said Felt's role
    showed that “…”"). Not a verb of thinking ("says if people think “…”"): its subject holds a view, the words
    stay the speaker's."""
    quotations = drafts.quotes_starting_within((content[0] - 1, content[1]))  # one opening the content too
    if not quotations or quotations[0][1] > content[1] or quotations[0][0] <= cue.idx:
        return None
    start, end = quotations[0]
    inside = [t for t in drafts.tokens((start, end)) if not start <= t.head.idx < end]
    # The innermost such verb, nearest the quotation: in "said Berg indicated he fired when the group began
    # shouting they “…”" the words are the group's, not Berg's.
    for verb in reversed(drafts.tokens((cue.idx + len(cue), start))):
        if _issues_before_colon(drafts, verb, start) or verb.pos_ == "VERB" and lemma(verb) in CLAUSE_CUES \
                and of_cue(verb) == SPEECH and link_to(verb, cue) is not None \
                and _complement(verb)[0] is not None and any(link_to(t, verb) is not None for t in inside):
            subject = drafts.subject(verb)
            return verb if subject is not None and (_can_speak(drafts, subject.root) or _stands_for_one_named(
                drafts, subject.root, cue)) else None
    return None


def _stands_for_one_named(drafts: Drafts, pronoun: Token, cue: Token) -> bool:
    """"A spokesman said that when King was asked …, she told them she could not see it “…”": a "he" or "she"
    after a person the reported clause names, in the narration between the cue and it, stands for that person as
    much as for the cue's speaker; the speakers stage tells which. With no one named there ("said he told them
    “…”") it most often stands for the cue's own speaker, whom the outer clause names surely."""
    if pronoun.lower_ not in _PERSONAL_PRONOUNS:
        return False
    return any(m.span.label == "PERSON" and not drafts.in_quote(m.span.start)
               for m in drafts.mentions_between(cue.idx + len(cue), pronoun.idx))


def _lead_in_saying(drafts: Drafts, content: tuple[int, int], cue: Token) -> tuple[Token, tuple[int, int]] | None:
    """For a cue after the content's quotation ("…,” witnesses reported"), the verb of saying right before that
    quotation's opening mark, with a comma or a colon at most between them, and the quotation: "March
    participants chanted, “…,” witnesses reported". The quotation is what that verb's subject said, when it names
    someone who can speak; the cue after it only reports it. The parse may set the two verbs in two sentences or
    make the lead-in part of the cue's clause; the words say it either way."""
    quotations = [q for q in drafts.quotes_starting_within((content[0] - 1, content[1]))
                  if q[1] <= cue.idx and q[0] < content[1]]
    if not quotations:
        return None
    quotation = quotations[-1]
    after = drafts.text[quotation[1] : cue.idx]
    if "\n" in after or re.search(r"[.!?;:]", after) or len(_WORD.findall(after)) > drafts.config.speech_tag_words:
        return None  # the cue is no speech tag of this quotation
    end = drafts.lead_in_end(quotation[0])
    if end > 0 and drafts.text[end - 1] in ",:":
        end = drafts.lead_in_end(end - 1)
    if end == 0 or not drafts.text[end - 1].isalpha():
        return None
    verb = drafts.token_at(end - 1)
    if verb.pos_ != "VERB" or lemma(verb) not in CLAUSE_CUES or of_cue(verb) != SPEECH or drafts.in_quote(verb.idx) \
            or drafts.claimed(verb.idx):
        return None
    subject = drafts.subject(verb)
    if subject is None or subject.root.pos_ == "PRON" or not _can_speak(drafts, subject.root) \
            or subject.end_char > verb.idx:
        return None
    return verb, quotation


def _issues_before_colon(drafts: Drafts, verb: Token, quotation_start: int) -> bool:
    """Whether the verb puts out a text that a colon right before the quotation introduces ("assume fans cheered
    when McDermott sent out the following message on Twitter: “…”"): the quotation is that text."""
    lead_in_end = drafts.lead_in_end(quotation_start)
    return lead_in_end > 0 and drafts.text[lead_in_end - 1] == ":" and verb.pos_ == "VERB" \
        and any(issued_text(child) for child in verb.children) \
        and not any(t.is_sent_start for t in drafts.tokens((verb.idx + 1, lead_in_end)))


def _according_to_opening(drafts: Drafts, content: tuple[int, int]) -> Span | None:
    """The source an "according to X," opening the content gives what follows it, X's phrase."""
    words = [t for t in drafts.tokens(content) if not (t.is_punct or t.is_space)]
    if words and words[0].lower_ == "that":
        words = words[1:]
    if len(words) < 3 or words[0].lower_ != "according" or words[1].lower_ != "to":
        return None
    objects = [c for c in words[1].children if c.dep_ == "pobj"] or [
        c for c in words[0].children if c.dep_ == "pobj"]
    if not objects:
        return None
    doc, end = drafts.doc, subject_end(objects[0])
    if end + 1 >= len(doc) or doc[end + 1].text != "," or doc[end + 1].idx >= content[1]:
        return None
    return doc[objects[0].left_edge.i : end + 1]


def _speaker_after_comma(drafts: Drafts, verb: Token) -> bool:
    """In "The port stays shut, an official who asked not to be named said", the parse hangs the verb of saying on
    the speaker as a clause of its own and the speaker on the sentence's verb, so the verb has neither subject nor
    complement. The words before the comma are what was said, the noun phrase between the comma and the verb who
    said it. Whether it drafted one."""
    doc = drafts.doc
    speaker = verb.head
    start = speaker.left_edge.i
    sentence = verb.sent
    if (speaker.i > verb.i or speaker.pos_ not in ("NOUN", "PROPN") or start - 1 <= sentence.start
            or doc[start - 1].text != "," or any(child.dep_ in ("ccomp", "xcomp") for child in verb.children)):
        return False
    said = doc[sentence.start : start - 1]
    if not any(token.pos_ in ("VERB", "AUX") for token in said):
        return False
    content = drafts.within_sentence((said.start_char, said.end_char), verb.idx)
    content = _from_opening_quotation(drafts, drafts.snap_to_quotes(content), verb)
    drafts.add(Draft(content, (verb.idx, verb.idx + len(verb)), doc[start : verb.i], kind=of_cue(verb, False)))
    return True


def _ends_its_sentence(verb: Token) -> bool:
    """A verb of saying hung on a noun as its clause that closes the sentence with no object or agent of its own
    ("…, an official said on Monday."), as against "the plan announced by the minister" or "voters backing him"."""
    last = verb.sent[-1]
    end = last.i - 1 if last.is_punct else last.i
    return (verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") and verb.right_edge.i >= end
            and not any(child.dep_ in ("agent", "dobj") for child in verb.children))


def _asks_about_itself(verb: Token) -> bool:
    """A relative clause asking or declining to be named, identified or quoted ("an aide who asked not to be
    named", "who declined to be identified") says nothing: its only complement is a passive infinitive."""
    complements = [child for child in verb.children if child.dep_ in ("ccomp", "xcomp", "dobj")]
    return bool(complements) and all(child.dep_ == "xcomp" and any(grandchild.dep_ == "auxpass"
                                                                    for grandchild in child.children)
                                     for child in complements)


def _complement(verb: Token) -> tuple[tuple[int, int] | None, int, bool]:
    """Character extent of the verb's content, the end of its cue (the verb with its particle), and whether the
    content is what the cue is aimed at (its object: "criticised the plan", "called for calm") rather than a
    clause it says."""
    verb_lemma = lemma(verb)
    cue_end = verb.idx + len(verb)
    if verb_lemma not in _COMPLEMENTED_CUES:
        # Every content below needs one of these lemmas: most verbs of a text are no cue, and reading their
        # children was a fifth of the quote stage.
        return None, cue_end, False
    if quoted_as_saying(verb) is not None:
        return None, cue_end, False  # "quoted X as saying …": "saying" is the cue, X its speaker
    clauses = [child for child in verb.children if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i
               and not _relative_after_comma(child)]
    # A said-clause may also come first, when its speaker follows it: "The plan “exposes him,” Smith said."
    said_clauses = [child for child in clauses if child.dep_ == "ccomp"] or [
        child for child in verb.children if child.dep_ == "ccomp" and (any(
            dependent.dep_ == "nsubj" and dependent.i > child.i for dependent in verb.children)
            or apposition_before(verb) is not None)]  # "The damage hit two lines, a spokeswoman said."
    if verb_lemma in _ENDING_UP_CUES and any(subject.dep_ == "nsubj" and subject.lower_ in _REFLEXIVES
                                             for clause in said_clauses for subject in clause.children):
        return None, cue_end, False
    if verb_lemma in CLAUSE_CUES and said_clauses:
        start, end = content_extent(with_trailing_infinitive(verb, said_clauses))
        apposed = apposition_before(verb)
        if apposed is not None and start < apposed.left_edge.idx < end:
            # the speaker the parse hung inside the clause is not what was said
            last = verb.doc[apposed.left_edge.i - 1]
            while last.is_punct and last.i > 0:
                last = verb.doc[last.i - 1]
            end = last.idx + len(last)
        return (start, end), cue_end, False
    for child in verb.children:
        if (child.i > verb.i and child.dep_ in ("prep", "prt")
                and child.lower_ in PREPOSITION_CUES.get(verb_lemma, ())):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")] or (
                [c for c in verb.children if c.dep_ == "dobj"] if child.dep_ == "prt" else [])
            if objects:
                return content_extent(with_trailing_infinitive(verb, objects)), child.idx + len(child), True
        # "called for the cabinet to resign": "for" opens a clause, and like "that" belongs to the content.
        marks = [c for c in child.children if c.dep_ == "mark" and c.i == child.left_edge.i]
        if child.dep_ == "advcl" and marks and marks[0].lower_ in PREPOSITION_CUES.get(verb_lemma, ()):
            return content_extent([child]), cue_end, True
    if verb_lemma in CLAUSE_CUES and clauses and verb_lemma not in _NOT_SAYING_CLAUSES:
        return content_extent(with_trailing_infinitive(verb, clauses)), cue_end, False
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if verb_lemma in OBJECT_CUES and objects:
        attached = [c for c in verb.children if c.i > objects[0].i and (
            c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))]
        return content_extent(with_trailing_infinitive(verb, objects + attached)), cue_end, True
    return None, cue_end, False


def _relative_after_comma(clause: Token) -> bool:
    """A clause the parse hung on the verb that opens with a relative pronoun after a comma ("added 12 points for
    the Cardinals, who have won two in a row"): it says more of the noun before the comma, not what was said."""
    first = clause.left_edge
    return first.tag_ in ("WP", "WDT", "WP$") and first.i > 0 and first.doc[first.i - 1].text == ","


def _clip(content: tuple[int, int], cue: Token) -> tuple[int, int]:
    """The content without the cue, should the parse have hung the cue inside its own complement."""
    start, end = content
    if start <= cue.idx < end:
        return (cue.idx + len(cue), end) if cue.idx - start < end - cue.idx else (start, cue.idx)
    return content


def _from_opening_quotation(drafts: Drafts, content: tuple[int, int], cue: Token) -> tuple[int, int]:
    """A quotation after a colon, or one its cue follows ("…, “A,” he said"), opens the content: the words
    before its mark are the narration it was quoted in, unless they run on into it ("had “serious doubts”")."""
    for start, end in drafts.quotes_starting_within(content):
        if content[0] < start and end <= content[1]:
            lead_in = drafts.text[content[0] : start].rstrip()
            if lead_in.endswith(":") or cue.idx >= end and not drafts.carries_on_clause((start, end)):
                return start, content[1]
    return content


def _to_closing_quotation(drafts: Drafts, content: tuple[int, int], cue: Token) -> tuple[int, int]:
    """A quotation that opens the content and closes on a comma before its cue ends it: the words after its mark
    ("“A,” Colts defensive back Ann Berg said") frame the quote, whatever clause the parse made of them."""
    quotations = drafts.quotes_starting_within((content[0] - 1, content[1]))
    if (len(quotations) == 1 and quotations[0][0] == content[0] and quotations[0][1] < content[1] <= cue.idx
            and drafts.closes_on(quotations[0], ",")):
        return quotations[0]
    return content


def _noun_cue(drafts: Drafts, noun: Token) -> None:
    """"Trump's claim that the vote was rigged", "criticism of the plan from the unions"."""
    holders = [c for c in noun.children if c.dep_ == "poss"] + [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
        for p in c.children if p.dep_ == "pobj"]
    contents = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i] or [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPOSITIONS and c.i > noun.i
        for p in c.children if p.dep_ in ("pobj", "pcomp")]
    if not holders or not contents:
        return
    aimed_at = contents[0].dep_ not in ("acl", "ccomp")
    holder = holders[0]
    source = _voicer(drafts, noun, holder) or drafts.doc[holder.left_edge.i : holder.i + 1]
    content = drafts.within_sentence(content_extent(contents), noun.idx)
    drafts.add(Draft(drafts.snap_to_quotes(content), (noun.idx, noun.idx + len(noun)), source,
                     kind=of_cue(noun, aimed_at)))


def _name_after_quotation_and_cue(drafts: Drafts, cue: Token) -> Span | None:
    """"“…,” said Christina Greenway, daughter of the reporter Nichols murdered": a name right after a cue that
    follows a quotation's closing mark is its speaker, though the parse hung it on a verb further on."""
    if cue.i + 1 >= len(cue.doc) or not _AFTER_A_QUOTATION.search(drafts.text, max(cue.idx - 8, 0), cue.idx):
        return None
    mention = drafts.mention_at(cue.doc[cue.i + 1])
    if mention is None or mention.span.label not in SPEAKER_TYPES or mention.span.start != cue.doc[cue.i + 1].idx:
        return None
    return drafts.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")


def _voicer(drafts: Drafts, noun: Token, holder: Token) -> Span | None:
    """"He reiterated his belief that …": the subject of a verb voicing its own view, whom the possessive before
    the noun of saying stands for (the same person: "he" and "his", or a name and "his" or "her")."""
    if holder.lower_ not in _POSSESSIVE_SUBJECTS or noun.dep_ != "dobj" or lemma(noun.head) not in OWN_VIEW_VERBS:
        return None
    subject = drafts.subject(noun.head)
    if subject is None:
        return None
    matching = _POSSESSIVE_SUBJECTS[holder.lower_]
    return subject if subject.root.lower_ == matching or subject.root.pos_ == "PROPN" and matching in ("he", "she") \
        else None


def _seeming(drafts: Drafts, verb: Token) -> None:
    """"The team appeared paralyzed", "it seems that …": an impression with no one to hold it. The content is
    the whole clause, the verb inside it, or only the that-clause after an empty "it"."""
    complements = [c for c in verb.children if c.dep_ in SEEMING_COMPLEMENTS and c.i > verb.i and not (
        c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children))]  # not "appeared when …"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and c.i < verb.i]
    if not complements or not subjects:
        return
    empty_subject = subjects[0].lower_ == "it" and complements[0].dep_ == "ccomp"
    content = content_extent(complements if empty_subject else subjects + complements)
    content = drafts.within_sentence(content, verb.idx)
    drafts.add(Draft(drafts.snap_to_quotes(content), (verb.idx, verb.idx + len(verb)), None, kind=BELIEF))


def _parenthetical(drafts: Drafts, cue: Token) -> None:
    """"The economy, he said, is weak": the content is the clause the cue interrupts."""
    clause = cue.head
    tokens = [t for t in clause.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if len(words) < drafts.config.parenthetical_min_words:
        return
    content = drafts.within_sentence((words[0].idx, words[-1].idx + len(words[-1])), cue.idx)
    interrupted = any(t.i < cue.left_edge.i and not drafts.in_quote(t.idx) for t in words)
    if any(overlap(content, quote) for quote in drafts.quotes) and not interrupted:
        return  # "Trump said, “If we…”": the quote pass gives the quotation to this cue
    drafts.add(Draft(drafts.snap_to_quotes(content), (cue.idx, cue.idx + len(cue)), drafts.subject(cue),
                     kind=of_cue(cue)))


def _according_to(drafts: Drafts, according: Token) -> None:
    """"According to X, Y": X is the source and Y the rest of the clause the phrase modifies."""
    doc = drafts.doc
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
    if not objects:
        return
    sentence_end = drafts.sentence_range(according.idx)[1]
    source_end = min(subject_end(objects[0]), drafts.token_at(sentence_end - 1).i)
    source = doc[objects[0].left_edge.i : source_end + 1]
    phrase_start, phrase_end = according.i, max(to.i, objects[0].right_edge.i)
    sentence = drafts.tokens(drafts.sentence_range(according.idx))
    before = [t for t in sentence if t.i < phrase_start and not (t.is_punct or t.is_space)]
    after = [t for t in sentence if t.i > phrase_end and not (t.is_punct or t.is_space)]
    side = after if len(after) >= len(before) else before
    if len(side) < 2:
        return
    content = (side[0].idx, side[-1].idx + len(side[-1]))
    drafts.add(Draft(drafts.snap_to_quotes(content), (according.idx, to.idx + len(to)), source))
