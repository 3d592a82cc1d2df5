from datetime import datetime, timezone

from storyline.compare import copies
from storyline.parse import nlp
from storyline.model import Article

WIRE = (
    "Ferry services across the strait were suspended on Monday after gale-force winds tore the roof off a terminal.\n"
    "The storm made landfall shortly after midnight near the fishing town of Kessel, according to the coast guard. "
    "Rescue crews from three districts worked through the night to clear fallen trees, and two people were taken "
    "to hospital with minor injuries.\n"
    "Forecasters expect the wind to ease by Wednesday."
)
COPY = (
    "Residents of Kessel were woken by the roar of the wind.\n"
    "The storm made landfall shortly after midnight near the fishing town of Kessel, according to the coast guard. "
    "Rescue teams from three districts worked through the night to clear fallen trees, and two people were taken "
    "to hospital with minor injuries.\n"
    "The mayor said the town would need weeks to recover."
)
UNRELATED = (
    "The city council approved a new budget for public libraries on Tuesday, with extra money for evening opening "
    "hours and for a mobile library that will visit villages in the north of the province twice a week."
)


def at(hour: int) -> datetime:
    return datetime(2026, 2, 9, hour, tzinfo=timezone.utc)


def parsed(*articles):
    return list(zip(articles, nlp.parse([a.text for a in articles])))


def test_copied_passage_is_found_with_its_origin_despite_an_edited_word():
    wire = Article(WIRE, source="Meridian Wire", published=at(6))
    copy = Article(COPY, source="Harbor Daily", published=at(9))
    other = Article(UNRELATED, source="Civic Post", published=at(7))
    [passage] = copies.find(parsed(copy, wire, other))
    assert passage.directed
    assert passage.origin.article_id == wire.id and passage.copy.article_id == copy.id
    assert passage.copy.text(copy).startswith("The storm made landfall")
    assert passage.copy.text(copy).endswith("minor injuries")
    assert passage.words >= 30 and 0.9 < passage.similarity < 1.0


def test_same_outlet_and_short_overlaps_are_not_copies():
    wire = Article(WIRE, source="Meridian Wire", published=at(6))
    same_outlet = Article(COPY, source="Meridian Wire", published=at(9))
    assert copies.find(parsed(wire, same_outlet)) == []
    brief = Article("Forecasters expect the wind to ease by Wednesday, officials said.", source="Civic Post")
    assert copies.find(parsed(wire, brief)) == []


def test_direction_unknown_without_publication_times():
    wire = Article(WIRE, source="Meridian Wire")
    copy = Article(COPY, source="Harbor Daily")
    [passage] = copies.find(parsed(wire, copy))
    assert not passage.directed


def test_a_truncated_copy_in_a_text_without_paragraph_breaks_is_found():
    wire_text = " ".join(line for line in WIRE.split("\n")) + " " + UNRELATED
    wire = Article(wire_text, source="Meridian Wire", published=at(6))
    # The copy runs its paragraphs together and stops short of the wire's end.
    copy = Article(" ".join(WIRE.split("\n")[:2]), source="Harbor Daily", published=at(9))
    assert len(wire.paragraphs) == len(copy.paragraphs) == 1
    [passage] = copies.find(parsed(wire, copy))
    assert passage.origin.article_id == wire.id and passage.copy.article_id == copy.id
    assert passage.copy.text(copy) == copy.text.removesuffix(".")  # all of it, but for the full stop
    assert passage.directed and passage.similarity == 1.0


def test_one_statement_quoted_in_full_by_two_outlets_is_no_copy():
    statement = ('"We are shocked by the damage to the old mill and grateful to the crews from three districts who '
                 'worked through the night to save the homes beside it," the mayor said in a statement.')
    first = Article("The mill in Kessel burned down on Monday night. " + statement, source="Meridian Wire",
                    published=at(6))
    second = Article("Firefighters lost the old Kessel mill to a blaze on Monday. " + statement, source="Harbor Daily",
                     published=at(9))
    assert copies.find(parsed(first, second)) == []
    # The same words without quotation marks are one outlet's copy of the other's.
    unquoted = statement.replace('"', "").replace(", the mayor said", ". The mayor said")
    copied = Article("Firefighters lost the old Kessel mill to a blaze. " + unquoted, source="Harbor Daily",
                     published=at(9))
    first_unquoted = Article("The mill burned down on Monday night. " + unquoted, source="Meridian Wire",
                             published=at(6))
    [passage] = copies.find(parsed(first_unquoted, copied))
    assert passage.origin.article_id == first_unquoted.id
