"""Claims: the sentences of a story's articles, aligned across outlets and labelled shared, single-source or
conflicting.

A claim unit is a sentence (long sentences stay whole: splitting clauses loses the subject a figure belongs to).
Units of different outlets are aligned when their embeddings and content words agree, and groups written in other
words are joined when what they say shares a phrase ("was a total loss" / "would likely be a total loss"); a group is
*conflicting* when its members state and deny the same thing, or when it holds a figure outlets disagree on (see
:mod:`storyline.compare.figures`), *shared* when at least two independent outlets carry it (a copied passage is
not independent), and a unit no other outlet matches is *single-source*.

Each group also says how central it is to the story, for the brief to put the news ("HP buys EDS for $13.9bn")
before background (plate tectonics): every independent outlet carrying it counts, the more the nearer it stands
to that outlet's headline and lead, where news writers put the news. A single-source group says how close the
nearest sentence of another outlet comes: one said elsewhere in other words is no news.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.compare.conflicts import FigureDisagreement
from storyline.compare.figure import Figure
from storyline.model import Article, Span
from storyline.text import wordlists
from storyline.text.numbers import figures_in
from storyline.text.paragraphs import statement_start
from storyline.text.quotemarks import quoted_spans
from storyline.text.run_on import opens_sentence


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """How sentences become claim units and when units of two outlets are one claim.

    Every value was set by hand when the stage was written; the bundled examples' planted shared facts,
    single-source facts and disagreements (examples/gold.json, tests/test_brief.py) are all found with them.
    """

    # Shorter sentences (datelines, "He declined to comment.") state too little to align on.
    min_words: int = 6
    # Similarity (below) at which two units of different articles state the same claim.
    align_threshold: float = 0.62
    # Below this two aligned sentences only share a topic, so opposite polarity is not a disagreement.
    conflict_threshold: float = 0.70
    # Similarity = cosine_weight * embedding cosine + overlap_weight * sqrt(content-lemma Jaccard).
    cosine_weight: float = 0.75
    overlap_weight: float = 0.25
    # A group's first unit is the one most like the others (mean similarity), plus this much for giving names and
    # figures, counted up to ``most_details``: of two ways of saying it, the one with the details.
    detail_weight: float = 0.2
    most_details: int = 4
    # Centrality (set on the tuning stories of eval/briefs/tune, whose gold headline facts should come first):
    # the lead is the headline and this many sentences after it; a sentence's lead weight is 1 there and falls
    # as 1 / (1 + (sentence - lead_sentences) / lead_decay) after it. (Adding how much a claim uses the words
    # the outlets' leads share put fewer of those facts first: it favours background told with the story's
    # names.)
    lead_sentences: int = 2
    lead_decay: float = 3.0
    # One claim written in other words by other outlets ("was a total loss", "will likely be a total loss"): two
    # groups whose units all say the same phrase, one their articles say nowhere else, and give no figures the
    # other does not, are one claim from this similarity of their units on average. (On the tuning stories the
    # eight groups it joins at 0.5 read as one claim but one; at 0.45 one in three did not.)
    restatement_threshold: float = 0.5


CONFIG = ClaimConfig()
# Words that time a negated verb from a point on ("did not leave until Monday"): no denial.
UNTIL_WORDS = frozenset({"until", "till"})
# Words after a "not" that make it no denial: "not until", "not only".
NOT_DENIALS = UNTIL_WORDS | {"only"}
NEG_RAISING = wordlists.words("neg_raising_verbs")
NEGATIVE_PRONOUNS = wordlists.words("negative_pronouns")
# The verb's subject and object: "no one came", "we have no leads" deny their verb as "not" does.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A verb's complements and the clauses it reports: what a sentence says of its subject.
PREDICATE_DEPS = frozenset({"attr", "acomp", "dobj", "oprd", "ccomp", "xcomp"})
# The complements by which a verb reports a clause ("working to develop a fix", "says the building is a loss").
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
# Verbs whose complement clause is what someone said or thinks: a sentence of one tells what its clause tells.
SAYING_VERBS = wordlists.words("cue_verbs_clause")
# And verbs that say something of their object: "called the move a clarification" judges; "named him chief" did.
JUDGING_VERBS = SAYING_VERBS | wordlists.words("cue_verbs_object")
# Pronouns that stand for someone the text named before.
PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})
# Subjects that stand for something the sentences before said: "This marks …", "The latter helped …".
BACK_REFERRING_SUBJECTS = frozenset({"this", "that", "these", "those", "latter", "former"})
# Pronouns by which a writer speaks for themselves.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
# A text's closing lines: calls to follow its writer, and its credits and rights (:func:`sign_off`).
SIGN_OFF_WORDS = wordlists.words("sign_off_words")
CREDIT_LINES = re.compile("|".join(
    r"^\W*" + re.escape(phrase[1:]) if phrase.startswith("^") else r"\b" + re.escape(phrase) + r"\b"
    for phrase in sorted(wordlists.words("credit_lines"))))


@dataclass(slots=True)
class ClaimUnit:
    span: Span
    source: str
    # The main verb and whether it is negated: "did not resign" contradicts "resigned", but a "not" in
    # another clause of the sentence does not.
    main_verb: str
    negated: bool
    lemmas: frozenset[str]
    # The sentence's index in its article (0: the headline, or the first sentence of an article without one).
    position: int = 0
    # Named things and numbers it gives: what makes a claim specific.
    specifics: int = 0
    # False when its subject is a pronoun ("Within minutes, he called …") or refers back ("The latter helped …",
    # "This was the first …"), it begins inside a quotation ('I'm
    # done," said Lee' after a sentence of the same quotation) or it is all quotation ('"I'm done."'): read alone,
    # it does not say who, or whose words; and when it speaks to the reader ("apply the patch now"): no news.
    reads_alone: bool = True
    # Two content words side by side in what it says, as lemmas ("total loss", "progress rapidly"), and the figures
    # it gives: what one claim keeps when outlets write it in other words.
    phrases: frozenset[tuple[str, str]] = frozenset()
    figures: frozenset[float] = frozenset()
    # The main verb's subject, as the lemma of its head word: a denial contradicts only what is stated of the same
    # subject ("Unlike its stars, Ross is not signed" does not deny "the three leads are signed").
    subject: str | None = None
    # Whether it tells a development as fact: something that happened or was done ("was charged", "have sued"), not
    # a reaction ("called it a clarification"), an explanation ("the rule requires"), a plan or what led up to it
    # (:func:`tells_development`).
    development: bool = False
    # Whether it is someone's words, not the outlet's: it begins inside a quotation or is all quotation ('"You know
    # what I want to do?"'), whether or not the quote stage found who said them.
    quoted: bool = False
    # Whether it asks rather than states ("Do you support the senator?", "Is the deal dead?"): no fact of the news.
    asks: bool = False


@dataclass(slots=True)
class ClaimGroup:
    """Aligned units, one per article at most, the one most like the others first; ``kind`` is shared,
    single-source or conflicting. ``centrality``
    says how central the claim is to the story (see the module), ``elsewhere`` how close the nearest unit of an
    outlet not in the group comes (the similarity of :func:`align`), ``vector`` what it says."""

    units: list[ClaimUnit]
    kind: str
    sources: list[str] = field(default_factory=list)
    independent_sources: list[str] = field(default_factory=list)
    conflict: str | None = None
    centrality: float = 0.0
    elsewhere: float = 0.0
    # The embedding of its first unit, the one that says best what the outlets say: what it says, for telling
    # claims that say much the same (the mean of a large group's units drifts to the story's centre, and seems to
    # say every claim of the story again).
    vector: np.ndarray | None = None


def units(article: Article, doc: Doc, config: ClaimConfig = CONFIG) -> list[ClaimUnit]:
    """The article's claim units: its sentences of at least ``config.min_words`` words (a parse sentence that runs
    two together is two)."""
    result = []
    quotations = quoted_spans(article.text)
    sentences = (piece for parsed in doc.sents for piece in one_sentence_each(parsed, quotations))
    for position, sentence in enumerate(sentences):
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        if len(words) < config.min_words or sign_off(sentence, quotations):
            continue
        lemmas = frozenset(t.lemma_.lower() for t in words if not t.is_stop and t.is_alpha)
        text = sentence.text
        end = sentence.start_char + len(text.rstrip())
        start = statement_start(article.text, sentence.start_char, end)
        root = sentence.root
        specifics = len([e for e in sentence.ents]) + sum(t.like_num and not t.ent_type_ for t in words)
        quoted = any(opening < start < closing - 1 or (opening == start and end <= closing)
                     for opening, closing in quotations)
        asks = is_question(article.text[start:end])
        reads_alone = not (any(t.dep_ in SUBJECT_DEPS and t.lower_ in PERSONAL_PRONOUNS for t in root.children)
                           or refers_back(root) or addresses_reader(root) or writer_speaks(sentence, quotations)
                           or quoted or asks)
        result.append(ClaimUnit(article.span(start, end, "claim"), article.outlet, root.lemma_.lower(),
                                is_negated(root), lemmas, position, specifics, reads_alone, phrases(sentence),
                                frozenset(figures_in(article.text[start:end])),
                                next((t.lemma_.lower() for t in root.children if t.dep_ in SUBJECT_DEPS), None),
                                tells_development(sentence, headline=start < article.body_start), quoted, asks))
    return result


def is_question(sentence: str) -> bool:
    """A sentence ending in a question mark, before any closing quotation mark or bracket."""
    return sentence.rstrip().rstrip("\"'”’)]").endswith("?")


def tells_development(sentence: SpacySpan, headline: bool = False) -> bool:
    """Whether a sentence tells, as fact, something that happened or was done: its main verb (or, for a verb of
    saying, the clause said: "police said two men were arrested") finite in the past ("sued", "was charged") or the
    present perfect ("has promised", "have been arrested"), or the past perfect of a clause said in the past ("said
    he had instructed officials": "I have instructed"). Not a reaction or judgement ("called the move a
    clarification", "says the rule is a mistake"), an explanation in the generic present ("the rule requires",
    "is designed to"), a plan or possibility ("would eliminate", "will take effect"), what is going on ("is
    changing") nor what had happened before the telling ("had been held earlier"). A headline tells what happened in
    the present or a bare participle ("Police charged over boy's death")."""
    clause = saying = sentence.root
    if clause.lemma_.lower() in SAYING_VERBS:
        clause = next((child for child in clause.children if child.dep_ == "ccomp"), clause)
    # Said in the past, a clause moves a tense back: "said he had instructed" tells "I have instructed".
    backshifted = clause is not saying and saying.tag_ == "VBD"
    if clause.lemma_.lower() in JUDGING_VERBS and any(child.dep_ == "oprd" for child in clause.children):
        return False
    auxiliaries = [child for child in clause.children if child.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    first = auxiliaries[0] if auxiliaries else clause
    if first.tag_ == "VBD":
        # "was charged", "sued"; "had been held" happened before the news the report tells
        return backshifted or not (first.lemma_.lower() == "have" and clause.tag_ == "VBN")
    if first.tag_ in ("VBZ", "VBP"):
        return (first.lemma_.lower() == "have" and first is not clause) or (headline and first is clause)
    return headline and clause.tag_ == "VBN" and not auxiliaries


def one_sentence_each(sentence: SpacySpan, quotations: list[tuple[int, int]]) -> list[SpacySpan]:
    """A parse sentence cut where another sentence opens without a full stop (:func:`run_on.opens_sentence`:
    a headline or caption run into the lead, "… the Matanuska Colony The warehouse, one of …"), outside quotation
    marks: a claim of two sentences aligns with neither outlet's, and a summary line should read as one."""
    cuts = [token.i for token in sentence if opens_sentence(token, sentence)
            and not any(opening <= token.idx < closing for opening, closing in quotations)]
    bounds = [sentence.start, *cuts, sentence.end]
    return [sentence.doc[start:end] for start, end in zip(bounds, bounds[1:])]


def phrases(sentence: SpacySpan) -> frozenset[tuple[str, str]]:
    """Every two content words side by side in what a sentence says of its subject (:func:`predicate`), as lemmas:
    "was a total loss". Not with a name ("Matanuska Valley", "Kelly said"): a name says whom or where a claim is
    about, which the story's other claims share; nor words beside what it says ("the wide receiver"); nor a verb
    that reports a clause, which says what the sentence says ("are actively working to develop a fix" and "are
    actively working with partners to monitor threats" say two things)."""
    said = {t for t in predicate(sentence.root) if not any(c.dep_ in CLAUSE_DEPS for c in t.children)}
    return frozenset((a.lemma_.lower(), b.lemma_.lower()) for a, b in zip(sentence, sentence[1:])
                     if a.is_alpha and b.is_alpha and not (a.is_stop or b.is_stop)
                     and "PROPN" not in (a.pos_, b.pos_) and (a in said or b in said))


def predicate(root: Token) -> set[Token]:
    """The main verb and its complements, down through the clauses it reports ("says the building will be a
    total loss"): what the sentence says."""
    found, frontier = {root}, [root]
    while frontier:
        for child in frontier.pop().children:
            if child.dep_ in PREDICATE_DEPS and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def writer_speaks(sentence: SpacySpan, quotations: list[tuple[int, int]]) -> bool:
    """Whether a sentence is its writer's own voice: "I" or "we" outside quotation marks ("I scored it a 10-8
    round", "we've already had one close game", "I think …") in a sentence that reports no one else's words ("We
    will rebuild, the mayor said" reports the mayor's). A column's view or aside: no news a summary can state as
    the story's."""
    if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SAYING_VERBS and not any(
            child.dep_ in SUBJECT_DEPS and child.lower_ in FIRST_PERSON for child in t.children) for t in sentence):
        return False
    return any(t.pos_ == "PRON" and t.lower_ in FIRST_PERSON and t.text != "US"
               and not any(opening <= t.idx < closing for opening, closing in quotations) for t in sentence)


def refers_back(root: Token) -> bool:
    """Whether the sentence's subject stands for what the sentences before it said ("This marks the first …", "The
    latter helped …"): alone, it does not say what it is about. Not one a clause describes ("Those who knew him").
    The parser may hang the subject on an auxiliary ("The latter" under "helped" in "helped contribute")."""
    verbs = [root, *(t for t in root.children if t.dep_ in {"aux", "auxpass"})]
    return any(t.dep_ in SUBJECT_DEPS and t.lower_ in BACK_REFERRING_SUBJECTS
               and not any(c.dep_ in {"relcl", "acl"} for c in t.children) for verb in verbs for t in verb.children)


def sign_off(sentence: SpacySpan, quotations: list[tuple[int, int]]) -> bool:
    """Whether a sentence is a closing line of the text, no claim of the news: its credits or rights ("Additional
    reporting by ...", "All rights reserved"), or a call to follow or write to its writer or outlet, a command or
    said to "you" that names a network, a handle, an address or a newsletter ("Follow Jane Doe on Twitter
    @janedoe"), outside quotation marks."""
    text = " ".join(sentence.text.lower().split())
    if CREDIT_LINES.search(text):
        return True
    return _opens_with_command(sentence) and any(
        t.lower_ in SIGN_OFF_WORDS or t.like_email or t.like_url or (t.text.startswith("@") and len(t.text) > 1)
        for t in sentence if not any(opening <= t.idx < closing for opening, closing in quotations))


def _opens_with_command(sentence: SpacySpan) -> bool:
    """Whether a sentence speaks to its reader from its first words: "you" or a command first ("Follow ...", "Sign
    up ...", "Just click ..."), not a sentence whose parse lost its subject."""
    words = [t for t in sentence if t.is_alpha]
    return bool(words) and addresses_reader(sentence.root) and (
        words[0].lower_ == "you" or sentence.root in words[:2])


def addresses_reader(root: Token) -> bool:
    """Whether a sentence speaks to its reader, not of the news: "you" as its subject, or a command ("If you use
    the browser, install the patch now")."""
    subjects = [t for t in root.children if t.dep_ in SUBJECT_DEPS | {"expl"}]
    if any(t.lower_ == "you" for t in subjects):
        return True
    return root.tag_ in {"VB", "VBP"} and not subjects and not any(t.dep_ in {"aux", "auxpass"} for t in root.children)


def _denies(verb: Token) -> bool:
    # "It wasn't until 2005 that ...", "not only ... but", "did not take the lead until Ratliff scored": a "not"
    # that times or widens a claim denies nothing
    if any(_is_until(child) for child in verb.children):
        return False
    return any((child.dep_ == "neg" and child.i + 1 < len(verb.doc) and child.nbor(1).lower_ not in NOT_DENIALS)
               or (child.dep_ in ARGUMENT_DEPS and _is_negative(child)) for child in verb.children)


def _is_until(child: Token) -> bool:
    """Whether the verb's dependent times it from a point on: "until Monday", "until the storm had passed"."""
    return (child.dep_ == "prep" and child.lower_ in UNTIL_WORDS) or (
        child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in UNTIL_WORDS for g in child.children))


def _is_negative(argument: Token) -> bool:
    return argument.lower_ in NEGATIVE_PRONOUNS or any(d.dep_ == "det" and d.lower_ == "no" for d in argument.children)


def is_negated(root: Token) -> bool:
    """Whether a sentence, by its main verb, denies what it says. A "not" on a neg-raising verb negates the clause
    it takes ("I didn't feel we were executing" says what "I feel we weren't executing" says), so the two count
    together: two negations make none."""
    negated = _denies(root)
    if root.lemma_.lower() in NEG_RAISING:
        for clause in (child for child in root.children if child.dep_ in ("ccomp", "xcomp")):
            negated ^= _denies(clause)
    return negated


def _similarity(vectors: np.ndarray, claim_units: list[ClaimUnit], config: ClaimConfig) -> np.ndarray:
    """Embedding cosine blended with content-word overlap, which keeps names and figures from being ignored."""
    cosine = vectors @ vectors.T
    overlap = np.array([[len(a.lemmas & b.lemmas) / (len(a.lemmas | b.lemmas) or 1) for b in claim_units]
                        for a in claim_units])
    return config.cosine_weight * cosine + config.overlap_weight * np.sqrt(overlap)


def _polarity_conflict(group: list[ClaimUnit], similarity: Callable[[ClaimUnit, ClaimUnit], float],
                       config: ClaimConfig) -> str | None:
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if similarity(a, b) >= config.conflict_threshold and a.negated != b.negated \
                    and (a.main_verb, a.subject) == (b.main_verb, b.subject):
                denier, stater = (a, b) if a.negated else (b, a)
                return f"polarity: {denier.source} denies what {stater.source} states"
    return None


def claim_of(groups: list[ClaimGroup]) -> Callable[[Figure], int | None]:
    """The claim a figure's sentence states, as the index of its group among ``groups`` when the group holds
    units of several outlets (a claim one outlet states alone is no restatement of another's), else None."""
    by_article: dict[str, list[tuple[int, int, int]]] = {}
    for i, group in enumerate(groups):
        if len(group.sources) > 1:
            for unit in group.units:
                by_article.setdefault(unit.span.article_id, []).append((unit.span.start, unit.span.end, i))
    for spans in by_article.values():
        spans.sort()

    def claim(figure: Figure) -> int | None:
        spans = by_article.get(figure.span.article_id, [])
        k = bisect.bisect_right(spans, (figure.span.start, math.inf, math.inf)) - 1
        return spans[k][2] if k >= 0 and spans[k][0] <= figure.span.start < spans[k][1] else None
    return claim


def mark_figure_conflicts(groups: list[ClaimGroup], found: list[FigureDisagreement]) -> None:
    """Label conflicting every group holding a figure that outlets disagree on, with what the figures are."""
    for disagreement in found:
        for group in groups:
            if any(f.span.article_id == u.span.article_id and u.span.start <= f.span.start < u.span.end
                   for f in disagreement.figures for u in group.units):
                group.kind = "conflicting"
                group.conflict = group.conflict or disagreement.description


def align(claim_units: list[ClaimUnit], vectors: np.ndarray,
          copied: Callable[[Span, Span], bool] = lambda a, b: False, config: ClaimConfig = CONFIG) -> list[ClaimGroup]:
    """Group units across articles: greedy over pairs, best first, at most one unit per article in a group, and
    two groups joined only when their units are alike on average (average linkage: no chains of claims).

    ``vectors`` are the units' unit-length embeddings, row for row; ``copied(a, b)`` tells whether one span lies in
    a passage copied from the other (origin first), so the copy does not count as an independent source.
    """
    n = len(claim_units)
    similarity = _similarity(vectors, claim_units, config) if n else np.zeros((0, 0))
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = sorted(((similarity[i, j], i, j) for i in range(n) for j in range(i + 1, n)
                    if claim_units[i].span.article_id != claim_units[j].span.article_id
                    and similarity[i, j] >= config.align_threshold), reverse=True)
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        articles_i = {claim_units[k].span.article_id for k in members[gi]}
        if articles_i & {claim_units[k].span.article_id for k in members[gj]}:
            continue
        if similarity[np.ix_(members[gi], members[gj])].mean() < config.align_threshold:
            continue  # one pair alike, the rest not: a chain of claims, not one claim
        members[gi].extend(members.pop(gj))
        for k in members[gi]:
            group_of[k] = gi
    join_restatements(members, claim_units, similarity, config)
    index = {id(u): k for k, u in enumerate(claim_units)}
    groups = []
    for member_ids in members.values():
        # First the unit that says best what the outlets say: one that says who without the sentences before it,
        # the most like the others, and the more specific.
        medoid = max(member_ids, key=lambda k: (
            claim_units[k].reads_alone,
            sum(similarity[k, other] for other in member_ids if other != k) / max(1, len(member_ids) - 1)
            + config.detail_weight * min(claim_units[k].specifics, config.most_details) / config.most_details, -k))
        group = sorted((claim_units[k] for k in member_ids),
                       key=lambda u: (u is not claim_units[medoid], u.source, u.span.start))
        sources = sorted({u.source for u in group})
        independent = sorted({u.source for u in group
                              if not any(copied(v.span, u.span) for v in group if v.source != u.source)})
        conflict = (_polarity_conflict(group, lambda a, b: similarity[index[id(a)], index[id(b)]], config)
                    if len(sources) > 1 else None)
        kind = "conflicting" if conflict else "shared" if len(sources) > 1 else "single-source"
        outside = [k for k in range(n) if claim_units[k].source not in sources]
        elsewhere = float(similarity[np.ix_(member_ids, outside)].max()) if outside else 0.0
        groups.append(ClaimGroup(group, kind, sources, independent, conflict, elsewhere=elsewhere,
                                 vector=vectors[medoid]))
    rank(groups, config)
    return groups


def join_restatements(members: dict[int, list[int]], claim_units: list[ClaimUnit], similarity: np.ndarray,
                       config: ClaimConfig) -> None:
    """Join groups (``members``: unit indices by group) that state one claim in other words: every unit of both
    says a phrase its article says in no other unit, none gives a figure another does not give or leave out
    (one figure set holds the other), no article is in both, and their units are alike on average from
    ``config.restatement_threshold``; the most alike first, until no two groups are."""
    per_article = Counter((u.span.article_id, p) for u in claim_units for p in u.phrases)
    repeated = {p for (_, p), count in per_article.items() if count > 1}
    own = [u.phrases - repeated for u in claim_units]
    while True:
        holding: dict[tuple[str, str], list[int]] = {}
        for group, ids in members.items():
            for phrase in frozenset.intersection(*(own[k] for k in ids)):
                holding.setdefault(phrase, []).append(group)
        candidates = {(a, b) for groups in holding.values() for i, a in enumerate(groups) for b in groups[i + 1:]}
        best = max(((float(similarity[np.ix_(members[a], members[b])].mean()), a, b) for a, b in sorted(candidates)
                    if restates(members[a], members[b], claim_units)), default=None)
        if best is None or best[0] < config.restatement_threshold:
            return
        _, a, b = best
        members[a].extend(members.pop(b))


def restates(left: list[int], right: list[int], claim_units: list[ClaimUnit]) -> bool:
    """Whether two groups' units can be one claim: no article in both, and any two give nested figures."""
    if {claim_units[k].span.article_id for k in left} & {claim_units[k].span.article_id for k in right}:
        return False
    return all(claim_units[i].figures <= claim_units[j].figures or claim_units[j].figures <= claim_units[i].figures
               for i in left for j in right)


def in_lead(unit: ClaimUnit, config: ClaimConfig = CONFIG) -> bool:
    """Whether a unit is the headline or a sentence of the lead."""
    return unit.position <= config.lead_sentences


def lead_weight(unit: ClaimUnit, config: ClaimConfig = CONFIG) -> float:
    """1 in the headline and lead, falling with every sentence after them."""
    beyond = max(0, unit.position - config.lead_sentences)
    return 1 / (1 + beyond / config.lead_decay)


def rank(groups: list[ClaimGroup], config: ClaimConfig = CONFIG) -> None:
    """Set each group's centrality: per independent outlet carrying it (every outlet, for a group no outlet
    carries independently), the lead weight of its unit."""
    for group in groups:
        counted = group.independent_sources or group.sources
        group.centrality = sum(max(lead_weight(u, config) for u in group.units if u.source == source)
                               for source in counted)
