"""Who said what: attributions (content, cue, source) from the one parse of an article, speakers resolved to entities.

Three passes over the same Doc, each drafting attributions (:mod:`~storyline.extract.quotes.drafts`) that the
later ones leave alone:

1. :mod:`~storyline.extract.quotes.transcripts`: the lines of a transcript ("SMITH: …"), then
   :mod:`~storyline.extract.quotes.headlines`: "Name: what they said" lines, and "Poll: …";
2. :mod:`~storyline.extract.quotes.reported`: cues of the parse (:mod:`~storyline.extract.quotes.cues`), outer
   clauses first, each taking its content and source from the parse
   (:mod:`~storyline.extract.quotes.clauses`); a second verb of saying coordinated with the first ("said X and
   said Y") starts its own content;
3. :mod:`~storyline.extract.quotes.direct`: every quotation (:mod:`storyline.text.quotemarks`) no content covers
   yet, given to the cue, dash, colon or quotation it belongs to.

Cues inside a content or a quotation are not attributions of their own: "I think" inside a quote belongs to the
quote; but a clause of saying set off by a comma at the end of a content ("…, whom she described as …") is cut off
it. Each attribution is marked with what it reports (:mod:`~storyline.extract.quotes.kinds`: speech, a belief, a
negated statement or a stance), and last :mod:`~storyline.extract.quotes.speakers` resolves each source to an
entity of the article's mentions, and marks a source that is a thing, not a speaker ("A sign said"): the text
gives the words to it, but a brief leaves them unattributed.
Thresholds and windows are in :class:`~storyline.extract.quotes.config.QuoteConfig`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.quotes import direct, headlines, reported, speakers, transcripts
from storyline.extract.quotes.clauses import outer_first
from storyline.extract.quotes.config import CONFIG, QuoteConfig
from storyline.extract.quotes.drafts import Drafts
from storyline.extract.quotes.ill_formed import ill_formed_quotations, keep_out
from storyline.model import Article, Attribution, Mention


def extract(article: Article, doc: Doc, mentions: list[Mention], config: QuoteConfig = CONFIG) -> list[Attribution]:
    """Every attribution of the article, in text order; ``doc`` is the one parse of ``article.text``."""
    if doc.text != article.text:
        raise ValueError(f"parse of another text handed to quotes.extract for article {article.id}")
    drafts = Drafts(article, doc, mentions, config)
    transcripts.find(drafts)
    for paragraph in article.paragraphs:
        headlines.find(drafts, paragraph)
    order = outer_first(doc)
    for token in (doc[i] for i in order[reported.may_cue(doc)[order]].tolist()):
        if not drafts.claimed(token.idx):
            reported.find(drafts, token)
    for quote in drafts.quotes:
        if not drafts.covered(quote):
            direct.attach(drafts, quote)
    ill_formed = ill_formed_quotations(drafts)
    for draft in drafts.found:
        keep_out(draft, ill_formed)
    drafts.found.sort(key=lambda draft: draft.content)
    for draft in drafts.found:
        if not draft.labelled:  # a transcript line's label is resolved already
            resolution = speakers.resolve(drafts, draft)
            draft.speaker, draft.antecedent = resolution.entity, resolution.antecedent
    # After every source is resolved, since a later pronoun may look back at any of them.
    for draft in drafts.found:
        draft.source_is_thing = speakers.names_a_thing(drafts, draft)
    return [drafts.attribution(draft) for draft in drafts.found]
