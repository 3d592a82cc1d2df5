from datetime import datetime, timezone

from storyline.extract.timex import extract
from storyline.model import Article
from storyline.parse import nlp


def test_a_clock_abbreviation_written_apart_is_one_token_and_a_time():
    text = "The shots rang out shortly after 2 p. m. on Friday near the school, and the street reopened at 10:30 a. m."
    article = Article(text, published=datetime(2011, 10, 22, tzinfo=timezone.utc))
    [doc] = nlp.parse([text])
    assert "p. m." in [t.text for t in doc] and "a. m." in [t.text for t in doc]
    assert len(doc.text) == len(text) and doc.text == text  # offsets unchanged
    found = {e.span.text(article): e.value for e in extract(article, doc)}
    assert any(value.endswith("T14:00") for value in found.values()), found
    assert any(value.endswith("T10:30") for value in found.values()), found


def test_initials_are_not_taken_for_a_clock():
    [doc] = nlp.parse(["The bank was founded by J. P. Morgan, and A. M. Turing wrote the paper."])
    assert "P. M." not in [t.text for t in doc] and "A. M." not in [t.text for t in doc]
