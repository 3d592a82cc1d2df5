from datetime import datetime

import pytest

from storyline.model import Article, Attribution, Span


def test_same_text_and_source_give_the_same_id_whatever_the_line_ends():
    windows = Article("Ships burned.\r\nCrews fled. ", source="A")
    assert windows.id == Article("Ships burned.\nCrews fled.", source="A").id
    assert Article("Ships burned.", source="A").id != Article("Ships burned.", source="B").id


def test_paragraph_offsets_cover_each_line():
    article = Article("First paragraph.\n\nSecond one.\nThird.")
    assert [article.text[s:e] for s, e in article.paragraphs] == ["First paragraph.", "Second one.", "Third."]


def test_span_reads_its_text_only_from_its_own_article():
    article = Article("Lena Varga resigned.")
    span = article.span(0, 10, "PERSON")
    assert span.text(article) == "Lena Varga"
    with pytest.raises(ValueError):
        span.text(Article("Another text."))
    with pytest.raises(ValueError):
        article.span(5, 100)


def test_naive_publication_time_is_refused():
    with pytest.raises(ValueError):
        Article("Text.", published=datetime(2026, 3, 14))


def test_attribution_json_round_trip():
    article = Article("“We will rebuild,” she said.")
    quote = Attribution(article.span(1, 16), article.span(19, 23), article.span(18, 21), "e1", True)
    assert Attribution.from_json(quote.to_json()) == quote
    assert Span.from_json(quote.content.to_json()).text(article) == "We will rebuild"
