"""The quote pass: every quotation no attribution covers yet goes to the cue, dash, colon or quotation it belongs to.

A quotation goes to the nearest cue of its sentence that it is what the cue says (or any verb whose subject follows
it at once, "“…,” Bennett shot back", or that a comma alone sets off before it, "she boomed, “…”"), to an "— Name"
dash after a quotation that opens its sentence (or on the line below a quotation that is its paragraph, as a
list of signed remarks prints it), or to the subject of a clause that introduces it with a colon (to
the names after a dash ending such a lead-in: "Pollsters agree - Carl Bialik: “…”"; to no one when the clause only
says what the quotation is: "It was a three-word road map: “…”"). When its sentence has no cue, it continues the
quotation just before it (a quote carried on from the previous sentence) or goes to the speaker named in the
sentence before; single marks with no cue are a headline's. A quotation that carries on a clause ("called the plan
“a disgrace”") takes the clause's words before it into its content; one that continues a quotation across more
narration than quoted words becomes an attribution of its own to the same source, so that a content stays mostly
what was said, and so does a paragraph that opens with a quotation after indirect speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan, Token

from storyline.extract.quotes.clauses import issued_text, link_to, subject_end
from storyline.extract.quotes.cues import CLAUSE_CUES, CUES, PREPOSITION_CUES, lemma, names_its_noun
from storyline.extract.quotes.drafts import Draft, Drafts, gap
from storyline.extract.quotes.kinds import of_cue, tells_the_reader, with_quotation
from storyline.model import Mention
from storyline.text import wordlists
from storyline.text.names import is_title_part
from storyline.text.quotemarks import opens_with_double_mark

# How a quoted clause hangs in its sentence, and what may stand between it and its cue: the speaker, the hearer,
# when and where ("“…,” the mayor told the council on Monday").
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "conj", "advcl", "xcomp", "punct"})
FRAME_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent",
                        "dative", "dobj", "punct", "cc", "prt"})
_WORD = re.compile(r"\w+")
_LEAD_IN_VERB = re.compile(r"\w[^\S\n]*[,:][^\S\n]*$")
_DASH_SOURCE = re.compile(r"[ \t]*([—–―-]{1,2})[ \t]*")
_DASHES = frozenset({"-", "--", "—", "–", "―"})
# Subjects of the sentence before a cue-less quotation that stand for its speaker as a name does.
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Subjects of a clause that says what a quotation after its colon is: "It was …:", "This is …:".
_DESCRIBING_PRONOUNS = frozenset({"it", "this", "that"})
# Verbs whose object reacts ("That doesn't surprise pollster Daron Shaw: “…”"): data/reaction_verbs.txt.
REACTION_VERBS = wordlists.words("reaction_verbs")
# The parts of speech of a plain noun phrase ("pollster Daron Shaw", "the new governor", "him").
_NOUN_PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON"})


def attach(drafts: Drafts, quote: tuple[int, int]) -> None:
    """Give a quotation no attribution covers to the attribution it belongs to, or draft one for it."""
    if _attach_to_dashed_name(drafts, quote) or _attach_to_cue_in_sentence(drafts, quote) \
            or _attach_to_dash(drafts, quote) or _attach_to_colon(drafts, quote) \
            or _attach_to_dashed_line_after(drafts, quote):
        return
    if not _is_whole_sentence(drafts, quote):
        return  # a phrase in quote marks with no cue is a title, a term or scare quotes, not an attribution
    if not opens_with_double_mark(drafts.text, quote[0]):
        return  # single marks with no cue set off a headline or a slogan; a quote of its own takes double ones
    tag = _speech_tag_after(drafts, quote)
    if tag is not None:
        drafts.add(Draft(quote, (tag.idx, tag.idx + len(tag)), drafts.subject(tag), kind=with_quotation(of_cue(tag))))
        return
    previous = _previous_draft(drafts, quote[0])
    # Indirect speech runs on into a quotation of its own paragraph; a paragraph that opens with a quotation
    # starts a new attribution of the same speaker.
    if previous is not None and (drafts.opens_with_quote(previous.content) or
                                 "\n" not in drafts.text[previous.content[1] : quote[0]]):
        _carry_on(drafts, previous, quote)
        return
    source = previous.source if previous is not None else (
        _subject_of_sentence_before(drafts, quote[0]) or _source_of_next_quotation(drafts, quote))
    drafts.add(Draft(quote, None, source))


def _attach_to_cue_in_sentence(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """Give the quotation to the nearest cue of its sentence, or of the sentence before when that one ends in
    a colon ("Schumer tweeted:" and the tweet as the next paragraph)."""
    start, end = drafts.sentences_around(quote)
    text = drafts.text
    lead_in_end = drafts.lead_in_end(quote[0])
    if lead_in_end > 0 and text[lead_in_end - 1] == ":":
        start = drafts.sentence_range(lead_in_end - 1)[0]
    # The parse ends a sentence at a quoted "!" or "?", though its cue follows: "“Why now?” she asked."
    if drafts.closes_on(quote, "!?") and re.match(r"[^\S\n]+\S", text[quote[1]:]):
        end = drafts.sentence_range(end)[1]
    candidates = [t for t in drafts.tokens((start, end))
                  if lemma(t) in CUES and t.pos_ == "VERB" and not drafts.in_quote(t.idx)
                  and not _sentence_ends_between(drafts, t, quote) and not names_its_noun(t)
                  and not tells_the_reader(t)]
    # The nearest verb may be one the quotation is not about ("said Carson, who will address the convention").
    cue = next((t for t in sorted(candidates, key=lambda t: gap(quote, (t.idx, t.idx + len(t))))
                if _quote_of(drafts, t, quote)), None) or _verb_of_speaker_after(drafts, quote, end) or (
        _verb_before(drafts, quote))
    if cue is None:
        return False
    draft = drafts.with_cue_at(cue.idx)
    if draft is not None:
        # A phrase in the cue's frame is a title or a term ("said on the show “Meet the Press”"), and one
        # in the narration after a quotation does not continue it.
        if _in_prepositional_phrase(drafts, quote, cue) or (
                drafts.opens_with_quote(draft.content) and drafts.carries_on_clause(quote)):
            return True
        if gap(draft.content, quote) > 0 and not drafts.opens_with_quote(draft.content) and (
                min(draft.content[1], quote[1]) <= cue.idx < max(draft.content[0], quote[0])):
            # "“…,” said Ann Berg, who ran the clinic": the parse took the clause about the speaker for
            # what she said, when the quotation is the cue's clause; else the quotation is a title
            # ("On “Morning Report,” Berg said the plan failed").
            if _is_clause_of(drafts, quote, cue):
                drafts.set_content(draft, quote)
        else:
            drafts.set_content(draft, (min(draft.content[0], quote[0]), max(draft.content[1], quote[1])))
        return True
    if drafts.claimed(cue.idx):
        return False
    start = _clause_start(drafts, quote, cue)
    if start == quote[0] and _in_prepositional_phrase(drafts, quote, cue):
        return True  # "said on “Meet the Press,”": a title in the cue's frame, no one's words
    drafts.add(Draft((start, quote[1]), (cue.idx, cue.idx + len(cue)), drafts.subject(cue),
                     kind=with_quotation(of_cue(cue))))
    return True


def _clause_start(drafts: Drafts, quote: tuple[int, int], cue: Token) -> int:
    """Where the content of a quotation starts: at its mark, unless the quotation carries on a clause whose
    first words stand right before it ("called the plan “a disgrace”", "He wins “no matter what,” a voter
    said"). Those words are part of what was said; the cue's frame (its speaker, hearer, when) is not."""
    if not drafts.carries_on_clause(quote):
        return quote[0]
    # Not back into an attribution found before it in the sentence ("calling it “weak” and “slow”").
    start = max(drafts.sentence_range(quote[0])[0], drafts.last_end_up_to(quote[0]) or 0)
    words = [t for t in drafts.tokens((start, quote[0])) if not (t.is_punct or t.is_space)]
    if cue.idx < quote[0]:
        after_cue = [t for t in words if t.i > cue.i]
        links = {t.i: link_to(t, cue) for t in after_cue}
        # What the cue names its object "as" is what was said: "slammed it as “an insult”".
        words = [t for t in after_cue if links[t.i] is None or links[t.i].dep_ not in FRAME_DEPS - {"dobj"}
                 or links[t.i].lower_ == "as"]
        # A parse that hung the clause on the frame ("said after the vote that he had “doubts”") still
        # shows where it starts: at its "that".
        words = words or [t for t in after_cue if t.lower_ == "that" or t.dep_ == "mark"][-1:]
    while words and words[0].dep_ == "cc":
        words.pop(0)
    return words[0].idx if words else quote[0]


def _verb_of_speaker_after(drafts: Drafts, quote: tuple[int, int], sentence_end: int) -> Token | None:
    """"“…,” Bennett shot back": a quotation closed on a comma, "?" or "!" and followed at once by a subject and
    its verb, or by a verb and its subject, is what that verb says, whatever the verb."""
    if not drafts.closes_on(quote, ",?!"):
        return None
    after = [t for t in drafts.tokens((quote[1], sentence_end)) if not t.is_space]
    if not after:
        return None
    if after[0].pos_ == "VERB" and any(c.dep_ == "nsubj" and c.left_edge.i == after[0].i + 1
                                       for c in after[0].children):
        verb = after[0]  # "“…,” beamed Donald Hartley"
    else:
        speaker = next((t for t in after if t.dep_ == "nsubj"), None)
        # The verb follows the subject's whole phrase: "“…,” Karen Olson, president of the dairy, notified the panel".
        if speaker is None or speaker.left_edge != after[0] or speaker.head.i not in (speaker.i + 1,
                                                                                      speaker.right_edge.i + 1):
            return None
        verb = speaker.head
    return verb if verb.pos_ == "VERB" and not drafts.claimed(verb.idx) else None


def _verb_before(drafts: Drafts, quote: tuple[int, int]) -> Token | None:
    """"She then boomed, “…”": a verb with a subject, set off from the quotation by a comma or a colon alone,
    introduces it, whatever the verb."""
    # Within the quotation's line, where the pattern must lie: searching the whole text before it would cost its
    # length at every quotation.
    lead_in = _LEAD_IN_VERB.search(drafts.text, drafts.text.rfind("\n", 0, quote[0]) + 1, quote[0])
    if lead_in is None:
        return None
    verb = drafts.token_at(lead_in.start())
    if verb.pos_ != "VERB" or drafts.claimed(verb.idx) or drafts.subject(verb) is None:
        return None
    return verb


def _sentence_ends_between(drafts: Drafts, cue: Token, quote: tuple[int, int]) -> bool:
    """"…, Mahaney said. ''Google ranks first…'' he said": the first cue's sentence ended before the quote; and
    "“… the main store has little damage.” A spokeswoman explained that …", a quotation closed on a full stop,
    ends its sentence before a cue after it (the parse, in scraped text, may run the two together)."""
    if cue.idx > quote[0]:
        return drafts.closes_on(quote, ".")
    return bool(re.search(r"[.!?]", drafts.text[cue.idx + len(cue) : quote[0]]))


def _quote_of(drafts: Drafts, cue: Token, quote: tuple[int, int]) -> bool:
    """Whether the quotation is what the cue says: its complement, or a clause set next to it.

    A quoted phrase inside the cue's own complement ("says McCain is one of the “bad angels”") or inside a
    noun phrase (a title: "on “Sunday Morning Futures,” Issa said") is not.
    """
    inside = drafts.tokens(quote)
    attached = [t for t in inside if not quote[0] <= t.head.idx < quote[1]]
    if any(t.head == cue or (t.head.head == cue and t.head.lower_ == "as") for t in attached):
        return True  # the cue's complement, or what it was described "as"
    if any(t.dep_ not in CLAUSE_DEPS for t in attached):
        return False
    between = (quote[1], cue.idx) if quote[1] <= cue.idx else (cue.idx + len(cue), quote[0])
    for token in drafts.tokens(between):
        if token.is_punct or token.is_space:
            continue
        link = link_to(token, cue)
        if link is None or link.dep_ not in FRAME_DEPS:
            return False
    return True


def _is_clause_of(drafts: Drafts, quote: tuple[int, int], cue: Token) -> bool:
    links = (link_to(t, cue) for t in drafts.tokens(quote))
    return any(link is not None and link.dep_ in ("ccomp", "advcl", "parataxis", "xcomp") for link in links)


def _in_prepositional_phrase(drafts: Drafts, quote: tuple[int, int], cue: Token) -> bool:
    # Not the phrase that holds what was said: "slammed it as “…”", "warned of “…”".
    prepositions = {"as", *PREPOSITION_CUES.get(lemma(cue), ())}
    return drafts.carries_on_clause(quote) and any(
        link is not None and link.dep_ in ("prep", "agent") and link.lower_ not in prepositions
        for link in (link_to(t, cue) for t in drafts.tokens(quote)))


def _carry_on(drafts: Drafts, draft: Draft, quote: tuple[int, int]) -> None:
    """Extend the draft's content over a quotation that continues it, unless the narration between them would
    outweigh what was said ("“A,” said Ann Berg, who ran the clinic for a decade before …. “B”"): a content
    is one stretch of text, so such a quotation becomes an attribution of its own to the same source."""
    text = drafts.text
    narration = _WORD.findall(text[draft.content[1] : quote[0]]) if draft.content[1] <= quote[0] else []
    said = _WORD.findall(text[draft.content[0] : draft.content[1]]) + _WORD.findall(text[quote[0] : quote[1]])
    if len(narration) > len(said):
        drafts.add(Draft(quote, None, draft.source))
    else:
        drafts.set_content(draft, (min(draft.content[0], quote[0]), max(draft.content[1], quote[1])))


def _attach_to_dash(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """"“…” — Name": a dash and a name after the closing mark, to the end of the line."""
    text = drafts.text
    dash = _DASH_SOURCE.match(text, quote[1])
    if not dash or dash.end() == quote[1] or not drafts.opens_sentence(quote):
        return False  # a dash after a quoted phrase inside a sentence sets off an aside, not its speaker
    line_end = text.find("\n", dash.end())
    line_end = len(text) if line_end < 0 else line_end
    named = drafts.speakers_between(dash.end(), line_end)
    return bool(named) and _signed(drafts, quote, dash.span(1), named[0])


def _attach_to_dashed_line_after(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """A quotation that is its paragraph, and a next paragraph that opens with a dash and a name ("- Jane Roe,
    speaking in Ohio"): the layout of a list of quotes, each signed on the line below it, as a fact-check or a
    round-up of remarks prints them. The name must follow the dash at once, past titles ("-President Roe"), so
    that a list item that only mentions someone ("- The plan would help Roe") is no signature."""
    text = drafts.text
    line_start = text.rfind("\n", 0, quote[0]) + 1
    line_end = text.find("\n", quote[1])
    if line_end < 0 or text[line_start : quote[0]].strip() or re.search(r"[^\s.,;:!?]", text[quote[1] : line_end]):
        return False
    dash = re.compile(r"\s*([—–―-]{1,2})[ \t]*").match(text, line_end)
    if dash is None:
        return False
    next_end = text.find("\n", dash.end())
    named = drafts.speakers_between(dash.end(), len(text) if next_end < 0 else next_end)
    if not named or not all(is_title_part(word) for word in text[dash.end() : named[0].span.start].split()):
        return False
    return _signed(drafts, quote, dash.span(1), named[0])


def _signed(drafts: Drafts, quote: tuple[int, int], dash: tuple[int, int], name: Mention) -> bool:
    """Draft the quotation as said by the name its dash signs it with; False when the name is no span of the parse."""
    source = drafts.doc.char_span(name.span.start, name.span.end, alignment_mode="expand")
    if source is None:
        return False
    drafts.add(Draft(quote, dash, source))
    return True


def _attach_to_colon(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """"Trump went even further: “…”": a clause ending in a colon introduces the quotation, whatever its verb,
    and its subject said it."""
    lead_in_end = drafts.lead_in_end(quote[0])
    if lead_in_end == 0 or drafts.text[lead_in_end - 1] != ":":
        return False
    clause = drafts.tokens((drafts.sentence_range(lead_in_end - 1)[0], lead_in_end))
    if (reaction := _reaction(clause)) is not None:
        # "That doesn't surprise pollster Daron Shaw: “…”": who reacts is who says the quotation.
        verb, reacting = reaction
        if drafts.claimed(verb.idx):
            return False
        drafts.add(Draft(quote, (verb.idx, verb.idx + len(verb)), drafts.doc[reacting[0].i : reacting[-1].i + 1]))
        return True
    # "… when McDermott sent out the following message on Twitter: “…”": the quotation is the text the verb
    # puts out, whatever clause the verb stands in, and its subject said it.
    issuing = [t for t in clause if t.pos_ == "VERB" and any(issued_text(c) for c in t.children)
               and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)]
    if issuing:
        verb = issuing[-1]
        speaker = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
        drafts.add(Draft(quote, (verb.idx, verb.idx + len(verb)),
                         drafts.doc[speaker.left_edge.i : subject_end(speaker) + 1]))
        return True
    # The parse may hang that clause on the quotation's verb: its own head verb is the one outside it.
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")
             and (t.dep_ == "ROOT" or not clause[0].i <= t.head.i <= clause[-1].i)]
    subjects = [c for verb in verbs for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not subjects:
        return _attach_to_name_before_colon(drafts, quote, clause, lead_in_end)
    if drafts.claimed(verbs[0].idx):
        return False
    source = drafts.doc[subjects[0].left_edge.i : subject_end(subjects[0]) + 1]
    if subjects[0].lower_ in _DESCRIBING_PRONOUNS and lemma(verbs[0]) == "be" \
            or _ends_on_a_participle(clause, verbs[0]):
        # "It was a three-word road map: “Follow the money.”": the clause says what the quotation is, not who
        # said it, and "it" stands for no speaker.
        source = None
    drafts.add(Draft(quote, (verbs[0].idx, verbs[0].idx + len(verbs[0])), source))
    return True


def _ends_on_a_participle(clause: list[Token], verb: Token) -> bool:
    """"Dubai felt a tremor, resulting in the evacuation of the towers: “…”": a participle phrase after the clause's
    verb, not one of saying, ends the lead-in; the colon introduces what that phrase ends on, which the clause's
    subject did not say."""
    last = next((t for t in reversed(clause) if t.pos_ == "VERB"), None)
    return last is not None and last.i > verb.i and last.tag_ == "VBG" and last.dep_ in ("advcl", "acl") \
        and lemma(last) not in CUES


def _attach_to_name_before_colon(drafts: Drafts, quote: tuple[int, int], clause: list[Token],
                                 lead_in_end: int) -> bool:
    """"Expect experts in the papers, such as Dr Azm Al Homoud: “…”": a lead-in with no subject that ends on a
    person's name, the only person it names, gives the quotation to that person, as a name and a colon do at the
    head of a line. With two ("Trump Praises Reporter Matthew Boyle: ‘…’") it does not say which of them spoke."""
    named = [m for m in drafts.speakers_between(clause[0].idx, lead_in_end) if m.span.label == "PERSON"]
    if len({m.entity_id for m in named}) != 1 or drafts.text[named[-1].span.end : lead_in_end].strip() != ":":
        return False
    source = drafts.doc.char_span(named[-1].span.start, named[-1].span.end, alignment_mode="expand")
    if source is None:
        return False
    drafts.add(Draft(quote, (lead_in_end - 1, lead_in_end), source))
    return True


def _reaction(clause: list[Token]) -> tuple[Token, list[Token]] | None:
    """A verb of reaction ending a clause, and the noun phrase after it that runs up to the clause's colon: who
    reacted. Read from the words, not the parse, which takes "surprise pollster Daron Shaw" for one name."""
    words = [t for t in clause if not (t.is_punct or t.is_space)]
    verb = next((t for t in reversed(words) if t.pos_ == "VERB" and lemma(t) in REACTION_VERBS), None)
    if verb is None:
        return None
    reacting = words[words.index(verb) + 1 :]
    # Who reacts must be named: "The figures worried her: “…”" does not say the words are hers, and a pronoun
    # resolved wrongly would give them to whoever was named last.
    if not reacting or not all(t.pos_ in _NOUN_PHRASE for t in reacting) or reacting[-1].pos_ in ("DET", "PRON"):
        return None
    return verb, reacting


def _attach_to_dashed_name(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """"Pollsters agree - Carl Bialik: “…”": a lead-in ending in a colon whose last part, set off by a dash, is
    names alone gives the quotation to them, whatever verb the heading before the dash has."""
    lead_in_end = drafts.lead_in_end(quote[0])
    if lead_in_end == 0 or drafts.text[lead_in_end - 1] != ":":
        return False
    clause = drafts.tokens((drafts.sentence_range(lead_in_end - 1)[0], lead_in_end))
    dashes = [t for t in clause if t.text in _DASHES]
    if not dashes:
        return False
    words = [t for t in clause[clause.index(dashes[-1]) + 1 :] if not (t.is_punct or t.is_space)]
    if not words or not all(t.pos_ == "PROPN" or t.dep_ == "cc" for t in words) or not drafts.mention_at(words[0]):
        return False
    drafts.add(Draft(quote, (dashes[-1].idx, dashes[-1].idx + len(dashes[-1])),
                     drafts.doc[words[0].i : words[-1].i + 1]))
    return True


def _speech_tag_after(drafts: Drafts, quote: tuple[int, int]) -> Token | None:
    """"“… was already dead.” Roesler said.": a sentence right after the quotation, in its paragraph, that is only
    a speech tag (a subject and a verb of saying with no words of its own to report, and at most when and where)
    tags the quotation, whose writer ended it with a full stop; its verb. Not a sentence with words of its own
    ("“…” A spokeswoman explained that nobody was hurt.", "Inslee noted the maneuver."), nor, after a quotation
    closed on a full stop, a tag a quotation follows: "“…” Phelps agreed. “…”" introduces the one after it."""
    gap_after = re.match(r"[^\S\n]*", drafts.text[quote[1]:]).end()
    start = quote[1] + gap_after
    if start >= len(drafts.text) or (sentence := drafts.sentence_range(start))[0] != start:
        return None
    words = [t for t in drafts.tokens(sentence) if not t.is_space]
    verb = next((t for t in words if t.dep_ == "ROOT"), None)
    if verb is None or lemma(verb) not in CLAUSE_CUES or verb.pos_ != "VERB" or drafts.claimed(verb.idx) \
            or not any(c.dep_ == "nsubj" for c in verb.children) \
            or any(c.dep_ not in FRAME_DEPS - {"cc", "dobj"} for c in verb.children) \
            or {t.i for t in verb.subtree if not t.is_space} != {t.i for t in words} \
            or any(drafts.in_quote(t.idx) for t in words):
        return None
    end = words[-1].idx + len(words[-1])
    after = end + re.match(r"[^\S\n]*", drafts.text[end:]).end()
    if not drafts.closes_on(quote, ",") and after in drafts.quote_start_set:
        return None
    return verb


def _is_whole_sentence(drafts: Drafts, quote: tuple[int, int]) -> bool:
    """Whether the quotation stands as a sentence of its own: it opens a sentence, and no running text follows."""
    after = re.match(r"[^\S\n]*[.!?,;:]*[^\S\n]*(\S?)", drafts.text[quote[1]:]).group(1)
    return drafts.opens_sentence(quote) and not after.islower()


def _previous_draft(drafts: Drafts, position: int) -> Draft | None:
    """The attribution a cue-less quotation continues: one ending in the sentence just before it, and of those
    the last quotation, so that in "“A,” Smith said, claiming that X. “B”" the “B” continues “A”, not X."""
    earliest = drafts.sentence_index(position) - drafts.config.continuation_sentences
    # Ending at most that many sentences back: past the start of that sentence.
    recent = drafts.ending_between(drafts.sentence_starts[earliest] + 1 if earliest > 0 else 0, position)
    quotations = [d for d in recent if drafts.opens_with_quote(d.content)]
    return max(quotations or recent, key=lambda d: d.end, default=None)


def _subject_of_sentence_before(drafts: Drafts, position: int) -> DocSpan | None:
    index = drafts.sentence_index(position)
    # The headline is no narration the body's first quotation carries on ("P2P Control Helps Overcome Outage."
    # over a body opening with a quoted report): its subject did not say it.
    if index == 0 or drafts.sentence_starts[index - 1] < drafts.article.body_start <= position:
        return None
    sentence = drafts.tokens((drafts.sentence_starts[index - 1], drafts.sentence_starts[index]))
    subjects = [t for t in sentence if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
    # A name, or "he" or "she" going on about one ("Kroon said …. He would not say how many. “…”"): the speakers
    # resolve the pronoun as they do any other.
    if subjects and (drafts.mention_at(subjects[0]) is not None or subjects[0].lower_ in _PERSONAL_PRONOUNS):
        return drafts.doc[subjects[0].left_edge.i : subject_end(subjects[0]) + 1]
    return None


def _source_of_next_quotation(drafts: Drafts, quote: tuple[int, int]) -> DocSpan | None:
    """"“A.” “B,” said Ann Berg": the source of a quotation that follows at once and names its speaker after its
    closing mark, for one with no cue and nothing before it to carry on; scraped text lost the paragraph break
    between the two, and a paragraph of quotation the next one attributes is that speaker's."""
    following = drafts.quotes_starting_within((quote[1], len(drafts.text)))[:1]
    if not following or drafts.text[quote[1] : following[0][0]].strip():
        return None
    draft = next((d for d in drafts.ending_between(following[0][1], drafts.sentence_range(following[0][1])[1])
                  if d.content[0] == following[0][0]), None)
    if draft is None or draft.cue is None or draft.cue[0] < following[0][1]:
        return None
    return draft.source
