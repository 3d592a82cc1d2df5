"""The per-article stages as declared: each gets what the stages before it found."""

import pytest

from storyline.extract import STAGES, Stage, analyse, in_order
from storyline.model import Article
from storyline.parse import nlp


def test_analyse_gives_every_declared_kind_and_hands_mentions_to_the_quote_stage():
    article = Article("Mayor Lena Varga said on Friday that the harbour would reopen next week.", source="outlet")
    found = analyse(article, next(nlp.parse([article.text]))).found
    assert list(found) == [stage.kind for stage in STAGES] == ["mention", "quote", "time"]
    [quote] = found["quote"]
    speaker = {mention.entity_id for mention in found["mention"] if "Varga" in mention.span.text(article)}
    assert quote.speaker in speaker
    assert {expression.span.text(article) for expression in found["time"]} >= {"Friday", "next week"}


def test_a_stage_that_needs_a_kind_no_earlier_stage_gives_is_refused():
    def nothing(article, doc, *needed):
        return []

    with pytest.raises(ValueError, match="'quote' needs \\['mention'\\]"):
        in_order([Stage("quote", ("mention",), nothing), Stage("mention", (), nothing)])
