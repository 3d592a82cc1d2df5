"""People the model typed as organisations or places, retyped from evidence that does not depend on the name."""

import pytest

from storyline.parse import nlp
from storyline.parse.person_types import relabel_named_people


def labels_of(text: str, name: str) -> list[str]:
    return [ent.label_ for ent in next(nlp.parse([text])).ents if ent.text == name]


@pytest.mark.parametrize("text, name", [
    # A calling right before the name; the model reads the possessive name as an organisation.
    ("The second film is based on novelist Wilma Stroud's trilogy.", "Wilma Stroud"),
    # A calling in apposition.
    ("The festival honoured Agnes Thornbury, the novelist, on Friday.", "Agnes Thornbury"),
    # A calling the model ran into the name at a sentence's start is cut off.
    ("Boxer Lennox Lewis won the fight on Saturday.", "Lennox Lewis"),
    # A title of two words, both cut off.
    ("Surgeon General Agnes Thornbury said on Monday that she would stay.", "Agnes Thornbury"),
    # Capitalised inside a sentence too, before a given name of the census lists.
    ("The gala on Friday honoured Novelist Agnes Thornbury and her publisher.", "Agnes Thornbury"),
    # A name that says something, with "he" the first pronoun after it; its given name says no sex.
    ("Lennox Lewis said on Monday that he would retire.", "Lennox Lewis"),
])
def test_a_name_described_as_a_person_is_a_person(text, name):
    assert labels_of(text, name) == ["PERSON"]


def test_a_pronoun_of_the_given_names_sex_makes_a_person_past_a_person_named_in_a_quotation():
    # "Oliver Grant" is named inside the quotation, so "she" after it still stands for the author.
    text = ("The studio bought the rights to Agnes Thornbury's fantasy series. \"I met Oliver Grant in Paris,\" "
            "she said on Monday.")
    assert labels_of(text, "Agnes Thornbury") == ["PERSON"]


def test_the_surname_alone_gives_evidence_for_the_full_name():
    # "Oliver Grant" stands between the full name and "she"; the surname alone is nearer.
    text = ("The studio bought the rights to Agnes Thornbury's series after talks with Oliver Grant stalled. "
            "Thornbury's letter was warm, and she thanked the fans.")
    found = [(ent.text, ent.label_) for ent in next(nlp.parse([text])).ents]
    assert ("Agnes Thornbury", "PERSON") in found and ("Thornbury", "PERSON") in found


def test_every_mention_of_the_name_and_its_surname_alone_follow():
    text = ("The studio bought the rights to Gloria Hendricks's fantasy series. She wrote it in a year. "
            "Fans wrote to Gloria Hendricks's publisher, and Hendricks's agent answered.")
    found = [(ent.text, ent.label_) for ent in next(nlp.parse([text])).ents]
    assert {label for name, label in found if "Hendricks" in name} == {"PERSON"}


@pytest.mark.parametrize("text, name", [
    # A given name first is not enough: many companies bear a founder's name.
    ("Shares of Morgan Stanley fell 3 percent on Monday. The bank said its profit dropped.", "Morgan Stanley"),
    # Its first word is a place's name, so it says no sex: "she" stands for someone else.
    ("Service was cut, according to Georgia Mercantile. Georgia Mercantile isn't sure what caused the cut, she "
     "said.", "Georgia Mercantile"),
    # Someone speaks for it.
    ("A Lydia Crestwood spokeswoman said the line was fixed. Lydia Crestwood isn't sure what caused the cut, she "
     "said.", "Lydia Crestwood"),
    # A title alone is an office, not a name, whatever "he" after it stands for.
    ("Surgeon General said on Monday that he would not step down.", "Surgeon General"),
    # The title is the noun's the name modifies.
    ("He met deputy White House counsel Fred Fielding on Monday.", "White House"),
])
def test_a_name_with_no_evidence_or_a_bodys_keeps_its_type(text, name):
    assert "PERSON" not in labels_of(text, name)


def test_a_mention_the_model_typed_as_a_person_gives_evidence_for_the_others():
    # As the model types one name in one article: a PERSON after "author", an organisation elsewhere, where a
    # majority vote would make every mention an organisation's.
    text = ("The sequel is based on author Agnes Thornbury's series. The studio admires Agnes Thornbury's saga "
            "and is working with Agnes Thornbury on the script.")
    doc = next(nlp.parse([text]))
    starts = [token.i for token in doc if token.text == "Agnes"]
    entities = [(starts[0], starts[0] + 2, "PERSON")] + [(start, start + 2, "ORG") for start in starts[1:]]
    assert [label for _, _, label in relabel_named_people(doc, entities)] == ["PERSON"] * 3


@pytest.mark.parametrize("text, words", [
    # A plural is a team or a group, whatever "he" after it stands for.
    ("Hallam Rovers said on Monday that he would leave.", 2),
    # A function word in it ("The" the model ran into the name) makes no person's name.
    ("The Hallam Rover said on Monday that he would leave.", 3),
    # A word of organisations in it, or right after it.
    ("Edna Marchetti Foundation said on Monday that she would leave.", 3),
    ("Gloria Kessler Co. said on Monday that she would leave.", 2),
])
def test_a_name_not_of_a_persons_shape_keeps_its_type(text, words):
    doc = next(nlp.parse([text]))
    assert relabel_named_people(doc, [(0, words, "ORG")]) == [(0, words, "ORG")]


def test_a_name_written_after_an_article_keeps_its_type():
    # A ship is "she", but "the" leads its name, as it leads no person's.
    doc = next(nlp.parse(["Salvors reached the Edna Fairweather on Monday. She had drifted for a month."]))
    start = next(token.i for token in doc if token.text == "Edna")
    assert relabel_named_people(doc, [(start, start + 2, "PRODUCT")]) == [(start, start + 2, "PRODUCT")]
