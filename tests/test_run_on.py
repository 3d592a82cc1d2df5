"""Sentences the parser ran together: where a sentence opens without a full stop before it."""

from storyline.parse import nlp
from storyline.text.run_on import opens_sentence


def openers(text: str) -> list[str]:
    [doc] = nlp.parse([text])
    return [token.text for sentence in doc.sents for token in sentence if opens_sentence(token, sentence)]


def test_a_sentence_opens_after_a_caption_or_a_headline_run_into_the_text():
    assert openers("Smoke rises over the harbour after the blast at the refinery A second explosion shook the town "
                   "an hour later, the fire brigade said.") == ["A"]
    assert openers("Crews reached the mill at about 3:30 a.m. What they found was a shell.") == ["What"]


def test_capitals_inside_a_sentence_or_a_headline_open_none():
    # Names, a product's name, capitals for emphasis and a newspaper's name after a verb go on.
    assert openers("Crews were called to the Waitrose store after the Internet outage, and the Fix It tool failed in "
                   "the cold season LAST YEAR, she said at the depot, and she told The News as much on Friday.") == []
    # In a headline every word is capitalised.
    assert openers("Champion Keeps His Belts, Wins In Six Rounds Over Challenger") == []
