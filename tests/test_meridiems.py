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


def test_a_clock_written_with_a_space_after_its_colon_is_one_token_in_one_sentence_and_a_time():
    text = ("Polling stations in the capital opened at 7: 30 am local time on Sunday, officials said. "
            "The referee waved the bout off at 1: 47 of the ninth round.")
    article = Article(text, published=datetime(2011, 10, 23, tzinfo=timezone.utc))
    [doc] = nlp.parse([text])
    assert "7: 30" in [t.text for t in doc] and "1: 47" in [t.text for t in doc]
    assert doc.text == text  # offsets unchanged
    assert [s.text for s in doc.sents] == [text[:text.index(" The")], text[text.index("The"):]]
    found = {e.span.text(article): e.value for e in extract(article, doc)}
    assert any(value == "2011-10-23T07:30" for value in found.values()), found


def test_a_ratio_or_a_score_is_no_clock():
    [doc] = nlp.parse(["The vote went 3: 1 in favour, and the ratio stood at 12: 75 by noon."])
    assert "3: 1" not in [t.text for t in doc] and "12: 75" not in [t.text for t in doc]
