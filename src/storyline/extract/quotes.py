"""Who said what: attributions (content, cue, source) from the one parse of an article, speakers resolved to entities.

Three passes over the same Doc. The headline pass reads "Name: what they said" lines (and "Poll: …"). The parse pass
finds verbs and nouns of saying, reporting and thinking ("said", "warned", "called for", "her claim that"),
"according to" and verbs of seeming ("appeared paralyzed"), and takes the content from their complement (and an
infinitive after an object: "challenged him to debate") and the source from their subject; a second verb of saying
coordinated with the first ("said X and said Y") starts its own content, and a quotation after a colon or before its
cue opens it ("…: “A,” he said"). The quote pass pairs the quote marks of the text and gives every quotation that no
content covers yet to the nearest cue of its sentence it belongs to (or any verb whose subject follows it at once,
"“…,” Bennett shot back", or that a comma alone sets off before it, "she boomed, “…”"), to an "— Name" dash after a
quotation that opens its sentence, to the subject of a clause that introduces it with a colon, or, when its sentence
has no cue, to the quotation just before it (a quote carried on from the previous sentence) or to the speaker named
in the sentence before (single marks with no cue are a headline's). A quotation that carries on a clause ("called
the plan “a disgrace”") takes the clause's words before it into its content; one that continues a quotation across
more narration than quoted words becomes an attribution of its own to the same source, so that a content stays
mostly what was said, and so does a paragraph that opens with a quotation after indirect speech. Cues inside a
content or a quotation are not attributions of their own: "I think" inside a quote belongs to the quote; but a
clause of saying set off by a comma at the end of a content ("…, whom she described as …") is cut off it. Speakers
are resolved through the article's mentions, pronouns and role nouns ("the supreme leader") to the nearest fitting
earlier mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.model import Article, Attribution, Mention

# Verbs whose complement clause is what someone said, wrote, found or thinks.
CLAUSE_CUES = frozenset("""
    say tell add write ask note report announce suggest argue explain declare claim insist warn stress underscore
    emphasize emphasise reiterate repeat acknowledge admit concede deny predict promise pledge vow urge recall
    respond reply answer tweet post state confirm reveal conclude contend assert maintain observe complain caution
    estimate testify indicate comment mention remark quip joke boast brag shout yell continue agree accuse charge
    allege imply assure remind threaten propose demand disclose counter retort lament hint signal believe think
    know feel expect fear hope worry doubt wonder show find read recount swear guarantee proclaim speculate
    forecast tout learn want refuse decline seek plan intend prefer confess exclaim interject scoff plead muse
    marvel chant decide consider remember recognize understand hear email publish deem envision persuade convince
    demonstrate prove determine articulate recite reason theorize surmise figure assume suspect
    imagine recommend instruct order
""".split())
# Verbs whose direct object is the content ("criticized the plan", "denied the report").
OBJECT_CUES = frozenset("""
    criticize criticise praise deny announce cite reveal confirm describe accuse blame question reject propose
    endorse denounce dismiss condemn defend mock attack slam blast decry applaud hail welcome dispute acknowledge
    recommend demand predict promise pledge vow disclose recount recall tout call support back oppose thank list
    discuss echo express estimate prefer want seek highlight challenge favor embrace promote reference invoke voice
    outline unveil disavow rip knock satirize quote mention portray characterize label brand lambaste chide scold
    rebuke
""".split())
CUES = CLAUSE_CUES | OBJECT_CUES
# Nouns of saying, with a possessive or "from"/"by" holder: "Trump's claim that …", "a call from X for …".
NOUN_CUES = frozenset("""
    statement claim comment remark announcement criticism suggestion accusation call warning promise pledge
    assertion argument insistence allegation prediction denial admission assessment view belief concern demand
    proposal endorsement support opposition praise condemnation description characterization vow threat hope plan
    attack message decision critique complaint opinion response idea position doubt fear worry contention hint
    stance advice answer request tweet report reference mention question
""".split())
NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "about", "on", "for", "against", "that"})
# Verbs of seeming: an impression reported without a holder ("the campaign appeared paralyzed").
SEEMING_CUES = frozenset({"seem", "appear"})
# How the parse hangs what seems: "to be …", "confident", "a winner", "that …", and a participle as "advcl".
SEEMING_COMPLEMENTS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp", "advcl"})
# Verbs with a particle or preposition whose object is the content ("called for", "pointed to", "warned of").
PREPOSITION_CUES = {
    "call": {"for", "on"}, "point": {"to", "out"}, "warn": {"of", "about", "against"}, "refer": {"to"},
    "complain": {"about", "of"}, "talk": {"about"}, "speak": {"about", "of"}, "ask": {"about", "for"},
    "argue": {"for", "against"}, "push": {"for"}, "advocate": {"for"}, "hint": {"at"}, "worry": {"about"},
    "boast": {"about", "of"}, "brag": {"about"}, "insist": {"on"}, "comment": {"on"}, "press": {"for"},
    "focus": {"on"}, "rail": {"against"}, "vote": {"for", "against"}, "campaign": {"for", "against", "on"},
    "apologize": {"for"}, "lay": {"out"}, "spell": {"out"}, "testify": {"about"}, "write": {"about", "of"},
    "agree": {"with", "on"}, "disagree": {"with"}, "respond": {"to"}, "react": {"to"}, "think": {"about", "of"},
    "care": {"about"}, "lobby": {"for", "against"}, "fight": {"for", "against"}, "rally": {"behind", "around"},
}
# A headline may quote these as it quotes a name: "Poll: …", "Report: …".
REPORTING_NOUNS = frozenset({"poll", "report", "survey", "study", "newspaper"})
# Lemmas en_core_web_sm gets wrong for verbs of saying and thinking.
MENDED_LEMMAS = {"hop": "hope", "lambast": "lambaste", "imago": "imagine"}
PRONOUNS = {
    "he": {"PERSON"}, "she": {"PERSON"}, "him": {"PERSON"}, "her": {"PERSON"}, "i": {"PERSON"},
    "they": {"ORG", "GPE", "NORP", "PERSON"}, "we": {"ORG", "GPE", "NORP", "PERSON"},
    "it": {"ORG", "GPE"},
}
# How a quoted clause hangs in its sentence, and what may stand between it and its cue: the speaker, the hearer,
# when and where ("“…,” Khamenei told Rashid on Saturday").
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "conj", "advcl", "xcomp", "punct"})
FRAME_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent",
                        "dative", "dobj", "punct", "cc", "prt"})
# Dependents that, set off by a comma, end a content rather than continue it.
TAIL_DEPS = frozenset({"advcl", "appos", "parataxis", "npadvmod"})
SPEAKER_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
# How far back a pronoun or role noun looks for its antecedent, and a quote for the speaker of the sentence before.
ANTECEDENT_WINDOW = 1500
CONTINUATION_SENTENCES = 1
LONGEST_NAME = 200

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
STRAIGHT_DOUBLE = ('"', "''", "``")
DASHES = "—–-"
_WORD = re.compile(r"\w+")
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s*$")
# A short name before a colon, then the rest of the line: "Clinton to Planned Parenthood: Trump will …".
_HEADLINE = re.compile(r"[ \t]*((?:[^\s:]+[ \t]+){0,5}[^\s:]+):[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_DASH_SOURCE = re.compile(r"[ \t]*([—–―-]{1,2})[ \t]*")


def extract(article: Article, doc: Doc, mentions: list[Mention]) -> list[Attribution]:
    """Every attribution of the article, in text order; ``doc`` is the one parse of ``article.text``."""
    if doc.text != article.text:
        raise ValueError(f"parse of another text handed to quotes.extract for article {article.id}")
    return _Extractor(article, doc, mentions).run()


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation, marks included.

    Double marks (curly, straight, ``''``) pair within a paragraph; a paragraph that ends inside a quotation
    continues it when the quotation opened a sentence and the next paragraph opens with a mark (the
    multi-paragraph convention), and otherwise the unclosed mark is dropped. Single marks are quotations only
    outside double ones and when they sit at word edges, so apostrophes ("don’t", "voters’") never open or close
    one. Marks inside markup tags (``<tweet author="…">``) quote nobody.
    """
    text = _MARKUP_TAG.sub(lambda tag: " " * len(tag.group()), text)
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    for index, (start, end) in enumerate(paragraphs):
        carried = open_at is not None
        for position, length, opening in _double_marks(text, start, end):
            if carried:
                carried = False
                if opening and not text[start:position].strip():
                    continue  # the mark that reopens a quotation carried over from the paragraph before
            if opening:
                open_at = position
            elif open_at is not None:
                spans.append((open_at, position + length))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            # Only a quotation that opens a sentence runs on; one opened mid-sentence lost its closing mark.
            opens_sentence = re.search(r"(^|[.!?:,;—–-])\s*$", text[start:open_at]) is not None
            if following is None or not opens_sentence or not _opens_with_mark(text, *following):
                open_at = None
    spans.extend(_single_quoted(text, spans))
    return sorted(spans)


def _double_marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Double quote marks in ``text[start:end]`` as ``(position, length, opening)``; straight ones by neighbours."""
    inside = False
    for match in _DOUBLE_MARK.finditer(text, start, end):
        mark = match.group()
        before = text[match.start() - 1] if match.start() > start else " "
        after = text[match.end()] if match.end() < end else " "
        if mark in OPENING_DOUBLE or mark == "``":
            opening = True
        elif mark in CLOSING_DOUBLE:
            opening = False
        elif before.isspace() or before in "([{" + DASHES:
            opening = True
        elif after.isspace() or not after.isalnum():
            opening = False
        else:
            opening = not inside
        inside = opening
        yield match.start(), len(mark), opening


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return stripped[:1] in OPENING_DOUBLE + '"' or stripped.startswith(("''", "``"))


def _single_quoted(text: str, double_spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    def inside_double(position: int) -> bool:
        return any(start <= position < end for start, end in double_spans)

    for match in re.finditer(r"(?<![\w’'])[‘'](?=\w)([^\n]{1,300}?)(?<=[\w.,!?])[’'](?![\w’'])", text):
        if not inside_double(match.start()):
            yield match.start(), match.end()


@dataclass
class _Draft:
    """An attribution being built: token-level cue and source, character-level content."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: DocSpan | None
    speaker: str | None = None


class _Extractor:
    def __init__(self, article: Article, doc: Doc, mentions: list[Mention]) -> None:
        self.article, self.doc = article, doc
        self.mentions = sorted((m for m in mentions if m.span.article_id == article.id), key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.quotes = quoted_spans(article.text)
        self.token_starts = [t.idx for t in doc]
        # spaCy may run a sentence over a paragraph break (a headline into the lead): paragraphs bound sentences.
        self.sentence_starts = sorted({s.start_char for s in doc.sents} | {start for start, _ in article.paragraphs})
        self.drafts: list[_Draft] = []

    def run(self) -> list[Attribution]:
        for paragraph in self.article.paragraphs:
            self._from_headline(paragraph)
        for token in sorted(self.doc, key=_depth):
            if not self._claimed(token.idx):
                self._from_parse(token)
        for quote in self.quotes:
            if not self._covered(quote):
                self._from_quote(quote)
        self.drafts.sort(key=lambda draft: draft.content)
        for draft in self.drafts:
            draft.speaker = self._resolve(draft)
        return [self._attribution(draft) for draft in self.drafts]

    # --- the headline pass ----------------------------------------------------------------------------------

    def _from_headline(self, paragraph: tuple[int, int]) -> None:
        """"Sanders: Brexit could help Trump": a line that opens with a speaker's name and a colon quotes them."""
        match = _HEADLINE.match(self.article.text, *paragraph)
        if match is None or len(match.group(2).split()) < 2:
            return
        named = self._tokens(match.span(1))
        if any(t.pos_ in ("VERB", "AUX") for t in named):
            return  # "Schumer tweeted:" introduces a quotation the other passes attribute
        speakers = [m for m in self._mentions_between(*match.span(1)) if m.span.label in SPEAKER_TYPES]
        if speakers:
            source = self.doc.char_span(speakers[0].span.start, speakers[0].span.end, alignment_mode="expand")
        elif len(named) == 1 and _lemma(named[0]) in REPORTING_NOUNS:
            source = self.doc[named[0].i : named[0].i + 1]  # "Poll: Trump leads in Ohio"
        else:
            return
        colon = match.end(1)
        self._add(_Draft(self._snap_to_quotes(match.span(2)), (colon, colon + 1), source))

    # --- the parse pass -------------------------------------------------------------------------------------

    def _from_parse(self, token: Token) -> None:
        if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            self._according_to(token)
            return
        if token.pos_ == "NOUN" and _lemma(token) in NOUN_CUES:
            self._noun_cue(token)
            return
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
            return
        if _lemma(token) in SEEMING_CUES:
            self._seeming(token)
            return
        if token.dep_ == "parataxis" and _lemma(token) in CLAUSE_CUES:
            self._parenthetical(token)
            return
        content, cue_end = self._complement(token)
        if content is None:
            return
        source = self._subject(token)
        if source is None and token.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "pcomp"):
            return
        content = self._within_sentence(self._clip(content, token), token.idx)
        content = self._from_opening_quotation(self._snap_to_quotes(content), token)
        self._add(_Draft(content, (token.idx, cue_end), source))

    def _complement(self, verb: Token) -> tuple[tuple[int, int] | None, int]:
        """Character extent of the verb's content and the end of its cue (the verb with its particle)."""
        lemma = _lemma(verb)
        cue_end = verb.idx + len(verb)
        clauses = [child for child in verb.children if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i]
        # A said-clause may also come first, when its speaker follows it: "The plan “exposes him,” Smith said."
        said_clauses = [child for child in verb.children if child.dep_ == "ccomp" and child.i > verb.i] or [
            child for child in verb.children if child.dep_ == "ccomp" and any(
                subject.dep_ == "nsubj" and subject.i > child.i for subject in verb.children)]
        if lemma in CLAUSE_CUES and said_clauses:
            return _content_extent(_with_trailing_infinitive(verb, said_clauses)), cue_end
        for child in verb.children:
            if child.i > verb.i and child.dep_ in ("prep", "prt") and child.lower_ in PREPOSITION_CUES.get(lemma, ()):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")] or (
                    [c for c in verb.children if c.dep_ == "dobj"] if child.dep_ == "prt" else [])
                if objects:
                    return _content_extent(_with_trailing_infinitive(verb, objects)), child.idx + len(child)
            # "called for the cabinet to resign": "for" opens a clause, and like "that" belongs to the content.
            marks = [c for c in child.children if c.dep_ == "mark" and c.i == child.left_edge.i]
            if child.dep_ == "advcl" and marks and marks[0].lower_ in PREPOSITION_CUES.get(lemma, ()):
                return _content_extent([child]), cue_end
        if lemma in CLAUSE_CUES and clauses and lemma not in ("continue", "hold"):
            return _content_extent(_with_trailing_infinitive(verb, clauses)), cue_end
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        if lemma in OBJECT_CUES and objects:
            attached = [c for c in verb.children if c.i > objects[0].i and (
                c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))]
            return _content_extent(_with_trailing_infinitive(verb, objects + attached)), cue_end
        return None, cue_end

    def _from_opening_quotation(self, content: tuple[int, int], cue: Token) -> tuple[int, int]:
        """A quotation after a colon, or one its cue follows ("…, “A,” he said"), opens the content: the words
        before its mark are the narration it was quoted in, unless they run on into it ("had “serious doubts”")."""
        for start, end in self.quotes:
            if content[0] < start and end <= content[1]:
                lead_in = self.article.text[content[0] : start].rstrip()
                if lead_in.endswith(":") or cue.idx >= end and not self._carries_on_clause((start, end)):
                    return start, content[1]
        return content

    def _noun_cue(self, noun: Token) -> None:
        """"Trump's claim that the vote was rigged", "criticism of the plan from the unions"."""
        holders = [c for c in noun.children if c.dep_ == "poss"] + [
            p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for p in c.children if p.dep_ == "pobj"]
        contents = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i] or [
            p for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPOSITIONS and c.i > noun.i
            for p in c.children if p.dep_ in ("pobj", "pcomp")]
        if not holders or not contents:
            return
        holder = holders[0]
        source = self.doc[holder.left_edge.i : holder.i + 1]
        content = self._within_sentence(_content_extent(contents), noun.idx)
        self._add(_Draft(self._snap_to_quotes(content), (noun.idx, noun.idx + len(noun)), source))

    def _seeming(self, verb: Token) -> None:
        """"The team appeared paralyzed", "it seems that …": an impression with no one to hold it. The content is
        the whole clause, the verb inside it, or only the that-clause after an empty "it"."""
        complements = [c for c in verb.children if c.dep_ in SEEMING_COMPLEMENTS and c.i > verb.i and not (
            c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children))]  # not "appeared when …"
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and c.i < verb.i]
        if not complements or not subjects:
            return
        empty_subject = subjects[0].lower_ == "it" and complements[0].dep_ == "ccomp"
        content = _content_extent(complements if empty_subject else subjects + complements)
        content = self._within_sentence(content, verb.idx)
        self._add(_Draft(self._snap_to_quotes(content), (verb.idx, verb.idx + len(verb)), None))

    def _parenthetical(self, cue: Token) -> None:
        """"The economy, he said, is weak": the content is the clause the cue interrupts."""
        clause = cue.head
        tokens = [t for t in clause.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        if len(words) < 3:
            return
        content = self._within_sentence((words[0].idx, words[-1].idx + len(words[-1])), cue.idx)
        interrupted = any(t.i < cue.left_edge.i and not self._in_quote(t.idx) for t in words)
        if any(_overlap(content, quote) for quote in self.quotes) and not interrupted:
            return  # "Trump said, “If we…”": the quote pass gives the quotation to this cue
        self._add(_Draft(self._snap_to_quotes(content), (cue.idx, cue.idx + len(cue)), self._subject(cue)))

    def _according_to(self, according: Token) -> None:
        """"According to X, Y": X is the source and Y the rest of the clause the phrase modifies."""
        to = self.doc[according.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
        if not objects:
            return
        sentence_end = self._sentence_range(according.idx)[1]
        source_end = min(_subject_end(objects[0]), self._token_at(sentence_end - 1).i)
        source = self.doc[objects[0].left_edge.i : source_end + 1]
        phrase_start, phrase_end = according.i, max(to.i, objects[0].right_edge.i)
        sentence = self._tokens(self._sentence_range(according.idx))
        before = [t for t in sentence if t.i < phrase_start and not (t.is_punct or t.is_space)]
        after = [t for t in sentence if t.i > phrase_end and not (t.is_punct or t.is_space)]
        side = after if len(after) >= len(before) else before
        if len(side) < 2:
            return
        content = (side[0].idx, side[-1].idx + len(side[-1]))
        self._add(_Draft(self._snap_to_quotes(content), (according.idx, to.idx + len(to)), source))

    def _subject(self, verb: Token) -> DocSpan | None:
        """The verb's subject, or for "adding", "and added", "to say", "by saying" the subject of the verb it hangs
        on."""
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in ("nsubj", "csubj"):
                    return self.doc[child.left_edge.i : _subject_end(child) + 1]
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return self.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
            if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
                verb = verb.head
            elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "responded by saying …"
                verb = verb.head.head
            elif verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
                # "the operator, which said …", "voters backing the mayor": the noun the clause hangs on
                return self.doc[verb.head.left_edge.i : verb.head.i + 1]
            else:
                return None
        return None

    # --- the quote pass -------------------------------------------------------------------------------------

    def _from_quote(self, quote: tuple[int, int]) -> None:
        if self._attach_to_cue_in_sentence(quote) or self._attach_to_dash(quote) or self._attach_to_colon(quote):
            return
        if not self._is_whole_sentence(quote):
            return  # a phrase in quote marks with no cue is a title, a term or scare quotes, not an attribution
        if _DOUBLE_MARK.match(self.article.text, quote[0]) is None:
            return  # single marks with no cue set off a headline or a slogan; a quote of its own takes double ones
        previous = self._previous_draft(quote[0])
        # Indirect speech runs on into a quotation of its own paragraph; a paragraph that opens with a quotation
        # starts a new attribution of the same speaker.
        if previous is not None and (self._opens_with_quote(previous.content) or
                                     "\n" not in self.article.text[previous.content[1] : quote[0]]):
            self._carry_on(previous, quote)
            return
        source = previous.source if previous is not None else self._subject_of_sentence_before(quote[0])
        self._add(_Draft(quote, None, source))

    def _attach_to_cue_in_sentence(self, quote: tuple[int, int]) -> bool:
        """Give the quotation to the nearest cue of its sentence, or of the sentence before when that one ends in
        a colon ("Schumer tweeted:" and the tweet as the next paragraph)."""
        start, end = self._sentences_around(quote)
        text = self.article.text
        lead_in = text[:quote[0]].rstrip()
        if lead_in.endswith(":"):
            start = self._sentence_range(len(lead_in) - 1)[0]
        # The parse ends a sentence at a quoted "!" or "?", though its cue follows: "“Why now?” she asked."
        if self._closes_on(quote, "!?") and re.match(r"[^\S\n]+\S", text[quote[1]:]):
            end = self._sentence_range(end)[1]
        candidates = [t for t in self._tokens((start, end))
                      if _lemma(t) in CUES and t.pos_ == "VERB" and not self._in_quote(t.idx)
                      and not self._sentence_ends_between(t, quote) and not _names_its_noun(t)]
        # The nearest verb may be one the quotation is not about ("said Carson, who will address the convention").
        cue = next((t for t in sorted(candidates, key=lambda t: _gap(quote, (t.idx, t.idx + len(t))))
                    if self._quote_of(t, quote)), None) or self._verb_of_speaker_after(quote, end) or (
            self._verb_before(quote))
        if cue is None:
            return False
        for draft in self.drafts:
            if draft.cue and draft.cue[0] == cue.idx:
                # A phrase in the cue's frame is a title or a term ("said on the show “Meet the Press”"), and one
                # in the narration after a quotation does not continue it.
                if self._in_prepositional_phrase(quote, cue) or (
                        self._opens_with_quote(draft.content) and self._carries_on_clause(quote)):
                    return True
                if _gap(draft.content, quote) > 0 and not self._opens_with_quote(draft.content) and (
                        min(draft.content[1], quote[1]) <= cue.idx < max(draft.content[0], quote[0])):
                    # "“…,” said Ann Berg, who ran the clinic": the parse took the clause about the speaker for
                    # what she said, when the quotation is the cue's clause; else the quotation is a title
                    # ("On “Morning Report,” Berg said the plan failed").
                    if self._is_clause_of(quote, cue):
                        draft.content = quote
                else:
                    draft.content = (min(draft.content[0], quote[0]), max(draft.content[1], quote[1]))
                return True
        if self._claimed(cue.idx):
            return False
        start = self._clause_start(quote, cue)
        if start == quote[0] and self._in_prepositional_phrase(quote, cue):
            return True  # "said on “Meet the Press,”": a title in the cue's frame, no one's words
        self._add(_Draft((start, quote[1]), (cue.idx, cue.idx + len(cue)), self._subject(cue)))
        return True

    def _clause_start(self, quote: tuple[int, int], cue: Token) -> int:
        """Where the content of a quotation starts: at its mark, unless the quotation carries on a clause whose
        first words stand right before it ("called the plan “a disgrace”", "He wins “no matter what,” a voter
        said"). Those words are part of what was said; the cue's frame (its speaker, hearer, when) is not."""
        if not self._carries_on_clause(quote):
            return quote[0]
        # Not back into an attribution found before it in the sentence ("calling it “weak” and “slow”").
        start = max([self._sentence_range(quote[0])[0]] + [
            _draft_end(d) for d in self.drafts if _draft_end(d) <= quote[0]])
        words = [t for t in self._tokens((start, quote[0])) if not (t.is_punct or t.is_space)]
        if cue.idx < quote[0]:
            after_cue = [t for t in words if t.i > cue.i]
            links = {t.i: self._link_to(t, cue) for t in after_cue}
            # What the cue names its object "as" is what was said: "slammed it as “an insult”".
            words = [t for t in after_cue if links[t.i] is None or links[t.i].dep_ not in FRAME_DEPS - {"dobj"}
                     or links[t.i].lower_ == "as"]
            # A parse that hung the clause on the frame ("said after the vote that he had “doubts”") still
            # shows where it starts: at its "that".
            words = words or [t for t in after_cue if t.lower_ == "that" or t.dep_ == "mark"][-1:]
        while words and words[0].dep_ == "cc":
            words.pop(0)
        return words[0].idx if words else quote[0]

    def _verb_of_speaker_after(self, quote: tuple[int, int], sentence_end: int) -> Token | None:
        """"“…,” Bennett shot back": a quotation closed on a comma, "?" or "!" and followed at once by a subject and
        its verb, or by a verb and its subject, is what that verb says, whatever the verb."""
        text = self.article.text
        if not self._closes_on(quote, ",?!"):
            return None
        after = [t for t in self._tokens((quote[1], sentence_end)) if not t.is_space]
        if not after:
            return None
        if after[0].pos_ == "VERB" and any(c.dep_ == "nsubj" and c.left_edge.i == after[0].i + 1
                                           for c in after[0].children):
            verb = after[0]  # "“…,” beamed Donald Hartley"
        else:
            subject = next((t for t in after if t.dep_ == "nsubj"), None)
            if subject is None or subject.left_edge != after[0] or subject.head.i != subject.i + 1:
                return None
            verb = subject.head
        return verb if verb.pos_ == "VERB" and not self._claimed(verb.idx) else None

    def _verb_before(self, quote: tuple[int, int]) -> Token | None:
        """"She then boomed, “…”": a verb with a subject, set off from the quotation by a comma or a colon alone,
        introduces it, whatever the verb."""
        lead_in = re.search(r"\w[^\S\n]*[,:][^\S\n]*$", self.article.text[:quote[0]])
        if lead_in is None:
            return None
        verb = self._token_at(lead_in.start())
        if verb.pos_ != "VERB" or self._claimed(verb.idx) or self._subject(verb) is None:
            return None
        return verb

    def _closes_on(self, quote: tuple[int, int], punctuation: str) -> bool:
        """Whether the quotation's last character before its closing mark is one of ``punctuation``."""
        inside = self.article.text[quote[0] : quote[1]]
        inside = inside[:-2] if inside.endswith(("''", "``")) else inside[:-1]
        return inside.rstrip()[-1:] in tuple(punctuation)

    def _sentence_ends_between(self, cue: Token, quote: tuple[int, int]) -> bool:
        """"…, Mahaney said. ''Google ranks first…'' he said": the first cue's sentence ended before the quote."""
        between = self.article.text[cue.idx + len(cue) : quote[0]] if cue.idx < quote[0] else ""
        return bool(re.search(r"[.!?]", between))

    def _quote_of(self, cue: Token, quote: tuple[int, int]) -> bool:
        """Whether the quotation is what the cue says: its complement, or a clause set next to it.

        A quoted phrase inside the cue's own complement ("says McCain is one of the “bad angels”") or inside a
        noun phrase (a title: "on “Sunday Morning Futures,” Issa said") is not.
        """
        inside = self._tokens(quote)
        attached = [t for t in inside if not quote[0] <= t.head.idx < quote[1]]
        if any(t.head == cue or (t.head.head == cue and t.head.lower_ == "as") for t in attached):
            return True  # the cue's complement, or what it was described "as"
        if any(t.dep_ not in CLAUSE_DEPS for t in attached):
            return False
        between = (quote[1], cue.idx) if quote[1] <= cue.idx else (cue.idx + len(cue), quote[0])
        for token in self._tokens(between):
            if token.is_punct or token.is_space:
                continue
            link = self._link_to(token, cue)
            if link is None or link.dep_ not in FRAME_DEPS:
                return False
        return True

    def _carries_on_clause(self, quote: tuple[int, int]) -> bool:
        lead_in = self.article.text[:quote[0]].rstrip()
        return bool(lead_in) and lead_in[-1].isalnum()

    def _is_clause_of(self, quote: tuple[int, int], cue: Token) -> bool:
        links = (self._link_to(t, cue) for t in self._tokens(quote))
        return any(link is not None and link.dep_ in ("ccomp", "advcl", "parataxis", "xcomp") for link in links)

    def _in_prepositional_phrase(self, quote: tuple[int, int], cue: Token) -> bool:
        # Not the phrase that holds what was said: "slammed it as “…”", "warned of “…”".
        prepositions = {"as", *PREPOSITION_CUES.get(_lemma(cue), ())}
        return self._carries_on_clause(quote) and any(
            link is not None and link.dep_ in ("prep", "agent") and link.lower_ not in prepositions
            for link in (self._link_to(t, cue) for t in self._tokens(quote)))

    def _carry_on(self, draft: _Draft, quote: tuple[int, int]) -> None:
        """Extend the draft's content over a quotation that continues it, unless the narration between them would
        outweigh what was said ("“A,” said Ann Berg, who ran the clinic for a decade before …. “B”"): a content
        is one stretch of text, so such a quotation becomes an attribution of its own to the same source."""
        text = self.article.text
        narration = _WORD.findall(text[draft.content[1] : quote[0]]) if draft.content[1] <= quote[0] else []
        said = _WORD.findall(text[draft.content[0] : draft.content[1]]) + _WORD.findall(text[quote[0] : quote[1]])
        if len(narration) > len(said):
            self._add(_Draft(quote, None, draft.source))
        else:
            draft.content = (min(draft.content[0], quote[0]), max(draft.content[1], quote[1]))

    @staticmethod
    def _link_to(token: Token, cue: Token) -> Token | None:
        """The child of the cue whose subtree holds the token, if any."""
        while token.head != cue and token.head != token:
            token = token.head
        return token if token.head == cue and token != cue else None

    def _attach_to_dash(self, quote: tuple[int, int]) -> bool:
        """"“…” — Name": a dash and a name after the closing mark, to the end of the line."""
        text = self.article.text
        dash = _DASH_SOURCE.match(text, quote[1])
        if not dash or dash.end() == quote[1] or not self._opens_sentence(quote):
            return False  # a dash after a quoted phrase inside a sentence sets off an aside, not its speaker
        line_end = text.find("\n", dash.end())
        line_end = len(text) if line_end < 0 else line_end
        named = [m for m in self._mentions_between(dash.end(), line_end) if m.span.label in SPEAKER_TYPES]
        if not named:
            return False
        source = self.doc.char_span(named[0].span.start, named[0].span.end, alignment_mode="expand")
        if source is None:
            return False
        self._add(_Draft(quote, dash.span(1), source))
        return True

    def _attach_to_colon(self, quote: tuple[int, int]) -> bool:
        """"Trump went even further: “…”": a clause ending in a colon introduces the quotation, whatever its verb,
        and its subject said it."""
        lead_in = self.article.text[:quote[0]].rstrip()
        if not lead_in.endswith(":"):
            return False
        clause = self._tokens((self._sentence_range(len(lead_in) - 1)[0], len(lead_in)))
        # The parse may hang that clause on the quotation's verb: its own head verb is the one outside it.
        verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")
                 and (t.dep_ == "ROOT" or not clause[0].i <= t.head.i <= clause[-1].i)]
        subjects = [c for verb in verbs for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
        if not subjects or self._claimed(verbs[0].idx):
            return False
        source = self.doc[subjects[0].left_edge.i : _subject_end(subjects[0]) + 1]
        self._add(_Draft(quote, (verbs[0].idx, verbs[0].idx + len(verbs[0])), source))
        return True

    def _previous_draft(self, position: int) -> _Draft | None:
        """The attribution a cue-less quotation continues: one ending in the sentence just before it, and of those
        the last quotation, so that in "“A,” Smith said, claiming that X. “B”" the “B” continues “A”, not X."""
        sentence = self._sentence_index(position)
        recent = [d for d in self.drafts if _draft_end(d) <= position
                  and sentence - self._sentence_index(_draft_end(d) - 1) <= CONTINUATION_SENTENCES]
        quotations = [d for d in recent if self._opens_with_quote(d.content)]
        return max(quotations or recent, key=_draft_end, default=None)

    def _subject_of_sentence_before(self, position: int) -> DocSpan | None:
        index = self._sentence_index(position)
        if index == 0:
            return None
        sentence = self._tokens((self.sentence_starts[index - 1], self.sentence_starts[index]))
        subjects = [t for t in sentence if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
        if subjects and self._mention_at(subjects[0]) is not None:
            return self.doc[subjects[0].left_edge.i : _subject_end(subjects[0]) + 1]
        return None

    # --- speakers -------------------------------------------------------------------------------------------

    def _resolve(self, draft: _Draft) -> str | None:
        if draft.source is None:
            return None
        head = draft.source.root
        if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
            head = head.head.head  # "Mark Zuckerberg, who said …": the noun the relative clause hangs on
        mention = self._mention_at(head) or next(
            (m for m in self._mentions_between(draft.source.start_char, draft.source.end_char)
             if m.span.label in SPEAKER_TYPES), None)
        if mention is None:
            # "the fire chief, Tomas Berg, said": the name in apposition, left out of the source span.
            mention = next((self._mention_at(child) for child in head.children
                            if child.dep_ == "appos" and self._mention_at(child) is not None), None)
        if mention is not None:
            return mention.entity_id
        if head.pos_ == "PRON":
            return self._antecedent(head)
        if head.pos_ == "NOUN":
            return self._role_holder(head)
        return None

    def _antecedent(self, pronoun: Token) -> str | None:
        """The entity of the nearest earlier subject that fits the pronoun, when that subject is named; else the
        nearest earlier speaker or subject of a fitting type, else the nearest fitting mention.

        A nearest subject that names nobody ("A baker in Debrecen said…") leaves the pronoun unresolved.
        """
        types = PRONOUNS.get(pronoun.lower_)
        if not types:
            return None
        window_start = self.sentence_starts[max(self._sentence_index(pronoun.idx) - 1, 0)]
        for token in reversed(self._tokens((window_start, pronoun.idx))):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            if not _main_or_speech_verb(token.head):
                continue  # "Sroka said the city would pay": the subject of what was said is not the speaker
            mention = self._mention_at(token)
            if mention is not None and mention.span.label in types:
                return mention.entity_id
            if mention is None and token.pos_ == "NOUN" and "PERSON" in types:
                return self._role_holder(token)
        earlier = [m for m in self._mentions_between(pronoun.idx - ANTECEDENT_WINDOW, pronoun.idx)
                   if m.span.label in types]
        if not earlier:
            return None
        speakers = {d.source.root.i for d in self.drafts if d.source is not None and d.source.end_char <= pronoun.idx}
        for mention in reversed(earlier):
            token = self._token_at(mention.span.start)
            root = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            heads = {t.i for t in root} if root is not None else {token.i}
            if heads & speakers or any(self.doc[i].dep_ in ("nsubj", "nsubjpass") for i in heads):
                return mention.entity_id
        return earlier[-1].entity_id

    def _role_holder(self, noun: Token) -> str | None:
        """"The supreme leader": the nearest earlier mention that carries the same role word."""
        role = noun.lemma_.lower()
        for mention in reversed(self._mentions_between(noun.idx - ANTECEDENT_WINDOW, noun.idx)):
            if mention.span.label != "PERSON" and mention.role is None:
                continue
            if mention.role and role in mention.role.lower().split():
                return mention.entity_id
            name = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if name is None:
                continue
            titles = [t for t in self.doc[max(name.start - 4, name.sent.start) : name.start]]
            titles += [t for t in name.root.children if t.dep_ in ("appos", "compound", "amod")]
            titles += [t for a in name.root.children if a.dep_ == "appos" for t in a.subtree]
            if any(t.lemma_.lower() == role for t in titles):
                return mention.entity_id
        return None

    # --- helpers --------------------------------------------------------------------------------------------

    def _add(self, draft: _Draft) -> None:
        start, end = draft.content
        if end - start < 2 or any(_overlap(draft.content, d.content) for d in self.drafts):
            return
        self.drafts.append(draft)

    def _claimed(self, position: int) -> bool:
        """Inside a quotation or an attribution already found: not the start of another attribution."""
        return self._in_quote(position) or any(
            d.content[0] <= position < d.content[1] for d in self.drafts)

    def _covered(self, quote: tuple[int, int]) -> bool:
        return any(d.content[0] <= quote[0] and quote[1] <= d.content[1] or
                   _overlap(quote, d.content) * 2 > quote[1] - quote[0] for d in self.drafts)

    def _in_quote(self, position: int) -> bool:
        return any(start < position < end - 1 for start, end in self.quotes)

    def _clip(self, content: tuple[int, int], cue: Token) -> tuple[int, int]:
        """The content without the cue, should the parse have hung the cue inside its own complement."""
        start, end = content
        if start <= cue.idx < end:
            return (cue.idx + len(cue), end) if cue.idx - start < end - cue.idx else (start, cue.idx)
        return content

    def _snap_to_quotes(self, content: tuple[int, int]) -> tuple[int, int]:
        """Make a content that cuts a quotation take all of it, or none of it when it took only a sliver
        (a parse that ran a clause on into the quotation after it)."""
        start, end = content
        for q_start, q_end in self.quotes:
            shared = _overlap((start, end), (q_start, q_end))
            if not shared or (start <= q_start and q_end <= end):
                continue
            if shared * 2 >= q_end - q_start or (q_start <= start and end <= q_end):
                start, end = min(start, q_start), max(end, q_end)
            elif q_start > start:
                end = q_start
            else:
                start = q_end
        text = self.article.text
        while end > start and text[end - 1] in " ,;:\n":
            end -= 1
        while start < end and text[start] in " ,;:\n":
            start += 1
        return start, end

    def _sentence_index(self, position: int) -> int:
        return max(bisect_right(self.sentence_starts, position) - 1, 0)

    def _sentence_range(self, position: int) -> tuple[int, int]:
        index = self._sentence_index(position)
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.article.text)
        return self.sentence_starts[index], end

    def _sentences_around(self, span: tuple[int, int]) -> tuple[int, int]:
        """From the start of the sentence where ``span`` starts to the end of the one where it ends."""
        return self._sentence_range(span[0])[0], self._sentence_range(max(span[1] - 1, span[0]))[1]

    def _tokens(self, span: tuple[int, int]) -> list[Token]:
        first = bisect_right(self.token_starts, span[0] - 1)
        last = bisect_right(self.token_starts, span[1] - 1)
        return list(self.doc[first:last])

    def _within_sentence(self, content: tuple[int, int], anchor: int) -> tuple[int, int]:
        start, end = self._sentence_range(anchor)
        return max(content[0], start), min(content[1], end)

    def _is_whole_sentence(self, quote: tuple[int, int]) -> bool:
        """Whether the quotation stands as a sentence of its own: it opens a sentence, and no running text follows."""
        after = re.match(r"[^\S\n]*[.!?,;:]*[^\S\n]*(\S?)", self.article.text[quote[1]:]).group(1)
        return self._opens_sentence(quote) and not after.islower()

    def _opens_sentence(self, quote: tuple[int, int]) -> bool:
        """Nothing but a finished sentence before the quotation in its paragraph."""
        text = self.article.text
        before = text[text.rfind("\n", 0, quote[0]) + 1 : quote[0]]
        return not before.strip() or _SENTENCE_END.search(before) is not None

    def _token_at(self, position: int) -> Token:
        return self.doc[max(bisect_right(self.token_starts, position) - 1, 0)]

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        low = bisect_right(self.mention_starts, start - 1)
        high = bisect_right(self.mention_starts, end)
        return [m for m in self.mentions[low:high] if m.span.end <= end]

    def _mention_at(self, token: Token) -> Mention | None:
        index = bisect_right(self.mention_starts, token.idx) - 1
        while index >= 0 and self.mentions[index].span.start > token.idx - LONGEST_NAME:
            if token.idx < self.mentions[index].span.end:
                return self.mentions[index]
            index -= 1
        return None

    def _attribution(self, draft: _Draft) -> Attribution:
        article = self.article
        cue = article.span(*draft.cue, "CUE") if draft.cue else None
        source = article.span(draft.source.start_char, draft.source.end_char, "SOURCE") if draft.source else None
        content = article.span(*draft.content, "CONTENT")
        return Attribution(content, cue, source, draft.speaker, self._opens_with_quote(draft.content))

    def _opens_with_quote(self, content: tuple[int, int]) -> bool:
        """Direct speech: the content begins with a quotation (what follows may continue it)."""
        return any(start == content[0] for start, _ in self.quotes)


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the model's lemmatizer clips a verb of saying ("hoped" → "hop")."""
    lemma = token.lemma_.lower()
    return MENDED_LEMMAS.get(lemma, lemma) if token.pos_ in ("VERB", "AUX") else lemma


def _names_its_noun(verb: Token) -> bool:
    """A participle naming the noun it modifies ("a unit known as “Red Team”", "a show called “Blue Hour”")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _main_or_speech_verb(verb: Token) -> bool:
    return verb.dep_ == "ROOT" or _lemma(verb) in CLAUSE_CUES


def _depth(token: Token) -> tuple[int, int]:
    """Outer clauses first, so that "said" claims its clause before a "think" inside it can."""
    depth, node = 0, token
    while node.head.i != node.i:
        node, depth = node.head, depth + 1
    return depth, token.i


def _extent(tokens: Iterable[Token]) -> tuple[int, int]:
    tokens = list(tokens)
    first = min(t.left_edge for t in tokens)
    last = max(t.right_edge for t in tokens)
    return first.idx, last.idx + len(last)


def _content_extent(heads: list[Token]) -> tuple[int, int]:
    """Character extent of the heads' subtrees, up to a tail set off by a comma that says something else:
    "…, saying …", "…, citing …", "…, and added …", "…, a swipe at …"."""
    start, end = _extent(heads)
    for head in heads:
        for child in head.children:
            if child.i <= head.i or child.left_edge.i == 0:
                continue
            before = head.doc[child.left_edge.i - 1]
            if before.is_quote and before.i > 0 and head.doc[before.i - 1].text == ",":
                before = head.doc[before.i - 1]  # “…,” adding …: the comma sits inside the closing mark
            comma_before = before.text in (",", ";", "—", "–") or (
                before.dep_ == "cc" and before.i > 0 and head.doc[before.i - 1].text == ",")
            is_cue = child.pos_ == "VERB" and _lemma(child) in CLAUSE_CUES
            # A clause opened by a conjunction (", while …", ", because …") goes on saying what was said.
            subordinate = child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children)
            if comma_before and (child.dep_ in TAIL_DEPS and not subordinate or is_cue):
                cut = head.doc[before.i - 1] if before.dep_ == "cc" else before
                end = min(end, cut.idx)
    return start, min(end, _nested_saying_start(heads, start), _next_saying_start(heads, start))


def _nested_saying_start(heads: list[Token], start: int) -> int:
    """Where a clause set off by a comma at the end of the extent says who said something of its own ("the work of
    the envoy, whom she described as …", "his remarks, when he claimed …"): PolNeAR makes it another attribution,
    not part of this content. A clause inside the content ("the plan, which some called a ploy, was …") stays in it."""
    doc = heads[0].doc
    end = len(doc.text)
    last = max(head.right_edge.i for head in heads)
    for head in heads:
        for token in head.subtree:
            if token == head or not (token.dep_ in ("relcl", "advcl") and token.pos_ == "VERB"
                                          and _lemma(token) in CUES):
                continue
            before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
            closes_extent = all(t.is_punct for t in doc[token.right_edge.i + 1 : last + 1])
            if before is not None and before.text == "," and before.idx > start and closes_extent and any(
                    child.dep_ == "nsubj" for child in token.children):
                end = min(end, before.idx)
    return end


def _with_trailing_infinitive(verb: Token, heads: list[Token]) -> list[Token]:
    """The heads and an infinitive the cue itself takes after them, with no comma between: in "challenged the
    governor to debate her", what was said runs on from the object into it."""
    last = max(head.right_edge.i for head in heads)
    trailing = [child for child in verb.children if child.i > last and child.dep_ == "xcomp"
                and child.left_edge.i > 0 and not verb.doc[child.left_edge.i - 1].is_punct]
    return heads + trailing


def _next_saying_start(heads: list[Token], start: int) -> int:
    """Where a coordinated verb of saying begins another attribution inside the extent: "said X and said Y",
    "said X, and three-quarters said Y", "said X but did not suggest Y". Its conjunction and comma go with it.
    The parse makes such a verb a conjunct of the content or a second complement of the first cue."""
    last = heads[0].doc[-1]
    end = last.idx + len(last.text_with_ws)  # the text's length: Doc.text would join every token again
    coordinated = [child for head in heads for child in head.children if child.dep_ == "conj"]
    for token in heads[1:] + coordinated:
        passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)
        if _lemma(token) in CLAUSE_CUES and token.pos_ in ("VERB", "AUX") and not passive:
            first = token.left_edge
            while first.i > 0 and (first.nbor(-1).dep_ == "cc" or first.nbor(-1).text in (",", ";")):
                first = first.nbor(-1)
            if first.idx > start:
                end = min(end, first.idx)
    return end


def _subject_end(subject: Token) -> int:
    """Last token of a subject without a trailing relative clause or apposition set off by a comma."""
    end = subject.right_edge.i
    for child in subject.children:
        if child.i > subject.i and child.dep_ in ("relcl", "appos", "acl") and child.left_edge.i - 1 > subject.i:
            if subject.doc[child.left_edge.i - 1].text == ",":
                end = min(end, child.left_edge.i - 2)
    return max(end, subject.i)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _draft_end(draft: _Draft) -> int:
    ends = [draft.content[1]] + ([draft.cue[1]] if draft.cue else []) + (
        [draft.source.end_char] if draft.source is not None else [])
    return max(ends)
