"""Speakers: the entity each attribution's source stands for, through the article's mentions, pronouns and role
nouns ("the minister") to the nearest fitting earlier mention."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.quotes.cues import CLAUSE_CUES, lemma
from storyline.extract.quotes.drafts import Draft, Drafts
from storyline.extract.roles import nearest_holder
from storyline.text import wordlists

# The entity types each pronoun may stand for.
PRONOUNS = {pronoun: frozenset(types.split()) for pronoun, types in wordlists.pairs("speaker_pronouns").items()}


def resolve(drafts: Drafts, draft: Draft) -> str | None:
    """The article-level entity id of the draft's source, if it can be told."""
    if draft.source is None:
        return None
    head = draft.source.root
    if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
        head = head.head.head  # "Mark Zuckerberg, who said …": the noun the relative clause hangs on
    mention = drafts.mention_at(head) or next(
        iter(drafts.speakers_between(draft.source.start_char, draft.source.end_char)), None)
    if mention is None:
        # "the fire chief, Tomas Berg, said": the name in apposition, left out of the source span.
        mention = next((drafts.mention_at(child) for child in head.children
                        if child.dep_ == "appos" and drafts.mention_at(child) is not None), None)
    if mention is not None:
        return mention.entity_id
    if head.pos_ == "PRON":
        return _antecedent(drafts, head)
    if head.pos_ == "NOUN":
        return _role_holder(drafts, head)
    return None


def _antecedent(drafts: Drafts, pronoun: Token) -> str | None:
    """The entity of the nearest earlier subject that fits the pronoun, when that subject is named; else the
    nearest earlier speaker or subject of a fitting type, else the nearest fitting mention.

    A nearest subject that names nobody ("A baker in Debrecen said…") leaves the pronoun unresolved.
    """
    types = PRONOUNS.get(pronoun.lower_)
    if not types:
        return None
    window_start = drafts.sentence_starts[max(drafts.sentence_index(pronoun.idx) - 1, 0)]
    for token in reversed(drafts.tokens((window_start, pronoun.idx))):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
            continue
        if not _main_or_speech_verb(token.head):
            continue  # "Sroka said the city would pay": the subject of what was said is not the speaker
        mention = drafts.mention_at(token)
        if mention is not None and mention.span.label in types:
            return mention.entity_id
        if mention is None and token.pos_ == "NOUN" and "PERSON" in types:
            return _role_holder(drafts, token)
    earlier = [m for m in drafts.mentions_between(pronoun.idx - drafts.config.antecedent_window, pronoun.idx)
               if m.span.label in types]
    if not earlier:
        return None
    doc = drafts.doc
    for mention in reversed(earlier):
        token = drafts.token_at(mention.span.start)
        root = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        heads = {t.i for t in root} if root is not None else {token.i}
        if drafts.is_speaker_before(heads, pronoun.idx) or any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in heads):
            return mention.entity_id
    return earlier[-1].entity_id


def _role_holder(drafts: Drafts, noun: Token) -> str | None:
    """"The supreme leader" with no mention of its own: the nearest earlier mention holding that role."""
    return nearest_holder(noun, drafts.mentions_between(noun.idx - drafts.config.antecedent_window, noun.idx))


def _main_or_speech_verb(verb: Token) -> bool:
    return verb.dep_ == "ROOT" or lemma(verb) in CLAUSE_CUES
