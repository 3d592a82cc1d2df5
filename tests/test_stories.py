import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from storyline.parse import nlp
from storyline.stories import updates as story_updates
from storyline.extract import timex
from storyline.parse.embed import DIMENSIONS, embed
from storyline.model import Article
from storyline.stories.index import StoryConfig, StoryIndex
from storyline.stories.candidates import MonthlyVectorIndex
from storyline.stories.features import StoryFeatures, features, lead_sentences, lead_text
from storyline.stories.terms import Bag, Vocabulary, cosine


# Two earthquakes a decade apart (the near miss ECB+ is built on), each reported three times, and one unrelated story.
REPORTS = {
    "quake-chile": [
        "A magnitude 8.8 earthquake struck central Chile early on Saturday, February 27, 2010, killing at least 300 "
        "people in Concepcion and Talca. President Michelle Bachelet declared a state of catastrophe.\n"
        "Buildings collapsed across the Maule region and a tsunami hit the port of Talcahuano.",
        "Chile's President Michelle Bachelet said on Sunday the death toll from the 8.8 quake had risen above 700. "
        "Rescuers in Concepcion searched collapsed apartment blocks.\n"
        "The February 2010 earthquake was the strongest to hit Chile in fifty years.",
        "Looting broke out in Concepcion as survivors of the 8.8 magnitude earthquake waited for food and water. "
        "Michelle Bachelet sent troops to the Maule and Biobio regions.\n"
        "Officials in Talcahuano said the tsunami destroyed the fishing fleet.",
    ],
    "quake-turkey": [
        "A magnitude 7.8 earthquake struck southern Turkey and northern Syria on Monday, February 6, 2023, "
        "flattening thousands of buildings in Gaziantep and Kahramanmaras. President Recep Tayyip Erdogan declared "
        "three months of emergency.\nRescuers in Hatay pulled survivors from the rubble.",
        "The death toll from the 7.8 quake in Turkey and Syria passed 20,000 on Thursday as rescuers in "
        "Kahramanmaras and Antakya searched the ruins. Erdogan visited Hatay.\n"
        "Aid convoys reached Gaziantep in February 2023.",
        "Survivors of the February 2023 earthquake in Kahramanmaras slept in cars in freezing weather. "
        "Recep Tayyip Erdogan promised to rebuild Hatay within a year.\n"
        "In Syria, the White Helmets said entire villages near Idlib were destroyed by the 7.8 quake.",
    ],
    "rate-rise": [
        "The European Central Bank raised its main interest rate by half a point on Thursday, its first increase "
        "in eleven years, as inflation in the euro zone hit a record. Christine Lagarde said more rises would "
        "follow.\nAnalysts had expected a smaller step of a quarter point, but the bank said the war in Ukraine and "
        "the weak euro had pushed the prices of energy and food far higher than it had forecast in the spring.\n"
        "Bond yields in Italy jumped after the decision in Frankfurt.",
    ],
}


@pytest.fixture(scope="module")
def reports() -> list[tuple[str, StoryFeatures]]:
    items = [(story, Article(text, source=f"outlet {i}")) for story, texts in REPORTS.items()
             for i, text in enumerate(texts)]
    docs = list(nlp.parse(article.text for _, article in items))
    vectors = embed([lead_text(article, doc) for (_, article), doc in zip(items, docs)])
    return [(story, features(article, doc, vector)) for (story, article), doc, vector in zip(items, docs, vectors)]


def test_features_read_names_lead_names_years_and_lemmas(reports):
    _, chile = reports[0]
    assert {"michelle bachelet", "bachelet", "chile", "concepcion"} <= chile.entity_keys
    assert {"chile", "michelle bachelet"} <= chile.lead_entity_keys <= chile.entity_keys
    assert 2010 in chile.years
    assert {"earthquake", "strike", "kill", "8.8"} <= chile.terms.keys()
    assert chile.vector.shape == (DIMENSIONS,)


def test_the_lead_is_the_opening_sentences_up_to_a_word_budget():
    article = Article(REPORTS["quake-chile"][0], source="outlet", title="Quake hits Chile")
    doc = next(nlp.parse([article.text]))
    assert [s.text for s in lead_sentences(article, doc, max_words=10)] == [next(doc.sents).text]
    assert lead_text(article, doc).startswith("Quake hits Chile\nA magnitude 8.8 earthquake")


def test_only_the_opening_of_the_lead_is_embedded_but_the_whole_lead_gives_the_lead_names():
    text = ("A fire broke out on Monday night in a warehouse near the old harbour, and firefighters from three "
            "districts fought it until the early hours of Tuesday morning. "
            "Nobody was hurt, the city said, but the warehouse and the goods stored in it were lost. "
            "Mayor Anna Kowalska visited the site on Tuesday.\n"
            "The cause of the fire is not known yet.")
    article = Article(text, source="outlet", title="Warehouse fire")
    doc = next(nlp.parse([article.text]))
    embedded = lead_text(article, doc)
    assert embedded.startswith("Warehouse fire\nA fire broke out") and "were lost." in embedded
    assert "Kowalska" not in embedded
    item = features(article, doc, np.zeros(DIMENSIONS, dtype=np.float32), [])
    assert "anna kowalska" in item.lead_entity_keys


def test_names_are_keyed_by_their_written_form_and_years_come_from_text_and_time_stage():
    article = Article("Christine Lagarde spoke in Frankfurt about the 2021 rise. Lagarde said prices would fall.",
                      source="outlet")
    doc = next(nlp.parse([article.text]))
    given = features(article, doc, np.zeros(DIMENSIONS, dtype=np.float32),
                     event_dates=["2022-07-21", "XXXX-WXX-4", "PAST_REF"])
    # The same keys as any other article naming her, whatever ids the entities stage gave its mentions.
    assert {"christine lagarde", "lagarde", "frankfurt"} <= given.entity_keys
    assert given.names["christine lagarde"] == "Christine Lagarde"
    # Resolved time expressions and years written in dates both count; unresolved values carry no year.
    assert given.years == {2021, 2022}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_earthquakes_stay_apart_in_any_arrival_order(reports, seed):
    order = list(reports)
    random.Random(seed).shuffle(order)
    index = StoryIndex()
    for _, item in order:
        index.assign(item)
    predicted = {story: {index.story_of(item.article_id) for s, item in reports if s == story} for story in REPORTS}
    assert all(len(ids) == 1 for ids in predicted.values()), predicted
    assert len(set.union(*predicted.values())) == len(REPORTS)


def test_story_has_label_time_span_and_articles(reports):
    index = StoryIndex()
    for _, item in reports:
        index.assign(item)
    chile = index.story(index.story_of(reports[0][1].article_id))
    assert set(chile.article_ids) == {item.article_id for story, item in reports if story == "quake-chile"}
    assert any(name in chile.label for name in ("Michelle Bachelet", "Concepcion", "Talcahuano", "Chile"))
    assert chile.years == (2010,)
    assert [event.kind for event in index.history].count("created") == len(REPORTS)


def unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def by_lead(article_id: str, vector: np.ndarray, day: int = 0) -> StoryFeatures:
    """An article that only has a lead vector: isolates the clustering mechanics from the text signals."""
    return StoryFeatures(article_id, datetime(2024, 5, 1, tzinfo=timezone.utc) + timedelta(days=day), unit(vector),
                         frozenset())


LEAD_ONLY = dict(lead_weight=1.0, words_weight=0.0, names_weight=0.0, years_weight=0.0, time_weight=0.0)


def basis(i: int) -> np.ndarray:
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    vector[i] = 1.0
    return vector


def test_an_article_fitting_two_agreeing_stories_merges_them_with_history():
    index = StoryIndex(StoryConfig(**LEAD_ONLY, join=0.8, merge=0.6))
    a, b = basis(0), 0.7 * basis(0) + np.sqrt(1 - 0.49) * basis(1)  # cosine 0.7: apart at join 0.8
    for article_id, vector in [("a1", a), ("b1", b), ("a2", a), ("b2", b)]:
        index.assign(by_lead(article_id, vector))
    assert index.story_of("a1") != index.story_of("b1")
    assignment = index.assign(by_lead("bridge", a + b))
    assert {index.story_of(i) for i in ("a1", "a2", "b1", "b2", "bridge")} == {assignment.story}
    merged = [event for event in index.history if event.kind == "merged"]
    assert len(merged) == 1 and merged[0].articles == ("bridge",)
    absorbed = merged[0].others[0]
    assert index.story(absorbed).id == assignment.story  # an old id still leads to the story it joined


def test_two_stories_whose_articles_are_apart_do_not_merge_though_their_profiles_agree():
    index = StoryIndex(StoryConfig(**LEAD_ONLY, join=0.8, merge=0.6, join_members=0.8, members_from=2))
    a, b = basis(0), 0.7 * basis(0) + np.sqrt(1 - 0.49) * basis(1)  # cosine 0.7 across, below join_members
    for article_id, vector in [("a1", a), ("b1", b), ("a2", a), ("b2", b)]:
        index.assign(by_lead(article_id, vector))
    assignment = index.assign(by_lead("bridge", a + b))
    assert index.story_of("a1") != index.story_of("b1")
    assert assignment.story in {index.story_of("a1"), index.story_of("b1")}
    assert not [event for event in index.history if event.kind == "merged"]


def test_a_story_that_turns_out_to_be_two_splits_with_history():
    index = StoryIndex(StoryConfig(**LEAD_ONLY, join=0.25, merge=2.0))
    rng = np.random.default_rng(0)
    a, b = basis(0), 0.3 * basis(0) + np.sqrt(1 - 0.3**2) * basis(1)  # close enough to join at first
    groups = {"a": a, "b": b}
    for n in range(6):
        for name, centre in groups.items():
            index.assign(by_lead(f"{name}{n}", centre + rng.normal(0, 0.005, DIMENSIONS), day=n))
    splits = [event for event in index.history if event.kind == "split"]
    assert splits, "the mixed story was never split"
    assert "between them" in splits[0].reason
    for name in groups:
        assert len({index.story_of(f"{name}{n}") for n in range(6)}) == 1
    assert index.story_of("a0") != index.story_of("b0")


def chained_events(config: StoryConfig) -> tuple[dict[str, set[str]], StoryIndex]:
    """Five events on one beat, three reports each (cosine 0.4 across events), each followed by a roundup of it
    and the next: the stories each event's reports end up in, and the index."""
    index = StoryIndex(config)
    beat = basis(0)
    for event in range(1, 6):
        for n in range(3):
            index.assign(by_lead(f"e{event}.{n}", np.sqrt(0.4) * beat + np.sqrt(0.6) * basis(event)
                                 + 0.01 * basis(10 + 3 * event + n)))
        index.assign(by_lead(f"roundup{event}", np.sqrt(0.4) * beat
                             + np.sqrt(0.3) * (basis(event) + basis(event + 1))))
    return {f"e{event}": {index.story_of(f"e{event}.{n}") for n in range(3)} for event in range(1, 6)}, index


def test_roundups_do_not_chain_the_events_of_a_beat_into_one_story():
    # Each roundup joins its event's story and pulls the summed profile towards the beat, until the next
    # event's reports score the join against it though they are far from most of its articles.
    chained, _ = chained_events(StoryConfig(**LEAD_ONLY, join=0.5, merge=2.0, join_members=-1.0))
    assert len(set.union(*chained.values())) == 1
    apart, index = chained_events(StoryConfig(**LEAD_ONLY, join=0.5, merge=2.0, join_members=0.6, members_from=4))
    assert all(len(stories) == 1 for stories in apart.values())
    assert len(set.union(*apart.values())) == 5
    assert any("far from the articles" in event.reason for event in index.history if event.kind == "created")


def test_assigning_an_article_twice_is_refused(reports):
    index = StoryIndex()
    index.assign(reports[0][1])
    with pytest.raises(ValueError, match="already assigned"):
        index.assign(reports[0][1])


def test_vector_search_only_looks_at_months_near_the_article():
    index = MonthlyVectorIndex(DIMENSIONS, timedelta(days=30))
    index.add(0, unit(basis(0)), datetime(2024, 1, 10, tzinfo=timezone.utc))
    index.add(1, unit(basis(0) + 0.1 * basis(1)), datetime(2024, 6, 10, tzinfo=timezone.utc))
    index.add(2, unit(basis(0) + 0.2 * basis(1)), None)
    found = index.nearest(unit(basis(0)), datetime(2024, 6, 20, tzinfo=timezone.utc), count=5)
    assert [row for row, _ in found] == [1, 2]
    assert {row for row, _ in index.nearest(unit(basis(0)), None, count=5)} == {0, 1, 2}


def test_idf_is_kept_online_and_rare_words_weigh_more():
    vocabulary = Vocabulary()
    for words in (["quake", "chile"], ["quake", "turkey"], ["quake", "chile", "tsunami"]):
        vocabulary.add_document(words)
    ids = {word: vocabulary.ids[word] for word in ("quake", "chile", "turkey")}
    assert vocabulary.idf(np.array([ids["quake"]]))[0] < vocabulary.idf(np.array([ids["turkey"]]))[0]
    chile = Bag.of([ids["quake"], ids["chile"]], [1.0, 1.0])
    turkey = Bag.of([ids["quake"], ids["turkey"]], [1.0, 1.0])
    assert cosine(vocabulary.weigh(chile), vocabulary.weigh(chile)) == pytest.approx(1.0)
    assert 0 < cosine(vocabulary.weigh(chile), vocabulary.weigh(turkey)) < 0.5


@pytest.mark.slow
def test_ecbplus_subtopics_are_found_online(ecbplus_stories):
    evaluation, documents, items = ecbplus_stories
    order = list(range(len(items)))
    random.Random(5).shuffle(order)
    predicted, _ = evaluation.cluster_online(items, order)
    figures = evaluation.evaluate(documents, predicted)
    assert figures["topics"]["b3"]["precision"] >= 0.98  # a story never mixes two kinds of event
    assert figures["subtopics"]["b3"]["f1"] >= 0.95
    # In document order each near miss arrives right after the story it resembles, which must split it off.
    in_document_order, _ = evaluation.cluster_online(items, list(range(len(items))))
    assert evaluation.evaluate(documents, in_document_order)["subtopics"]["b3"]["precision"] >= 0.97


def test_two_articles_naming_one_person_share_her_keys_through_the_pipelines_features():
    texts = ["Christine Lagarde raised rates in Frankfurt on Thursday.",
             "Investors cheered as Lagarde promised more rises, the ECB president said."]
    articles = [Article(text, source=f"outlet {i}") for i, text in enumerate(texts)]
    batch = [(article, doc, timex.extract(article, doc))
             for article, doc in zip(articles, nlp.parse(a.text for a in articles))]
    first, second = story_updates.story_features(batch)
    assert "lagarde" in first.entity_keys & second.entity_keys


def test_a_label_names_a_person_once_though_keyed_under_full_name_and_surname():
    names = {"marek zielinski": "Marek Zieliński", "zielinski": "Marek Zieliński", "gdansk": "Gdańsk"}
    index = StoryIndex()
    for article_id in ("a", "b"):
        index.assign(StoryFeatures(article_id, None, unit(basis(0)), frozenset(names), names=names))
    story = index.story(index.story_of("a"))
    assert sorted(story.names) == ["Gdańsk", "Marek Zieliński"]
    assert story.label == ", ".join(story.names)


def test_a_label_shows_the_full_name_of_a_person_a_headline_named_by_surname_first():
    article = Article("Reyes picks Boston.\n\nThe free agent Tom Reyes agreed to a deal with Boston on Monday, and "
                      "Coach Ann Berg welcomed him. Berg said the team had chased him for a year.", source="outlet")
    names = features(article, next(nlp.parse([article.text])), unit(basis(0))).names
    assert names["reyes"] == "Tom Reyes" and names["berg"] == "Ann Berg"


def test_a_label_drops_the_article_before_a_name():
    article = Article("The Baltic Gate Terminal closed after the crane fell.", source="outlet")
    doc = next(nlp.parse([article.text]))
    item = features(article, doc, unit(basis(0)))
    assert "Baltic Gate Terminal" in item.names.values()


def test_a_label_shows_a_name_as_written_in_running_text_not_as_a_shouted_dateline():
    article = Article("GDANSK — A fire at the port of Gdansk killed three workers on Monday.", source="outlet")
    doc = next(nlp.parse([article.text]))
    assert features(article, doc, unit(basis(0))).names["gdansk"] == "Gdansk"
    index = StoryIndex()
    for article_id, shown in (("a", "GDANSK"), ("b", "Gdańsk"), ("c", "GDANSK")):
        index.assign(StoryFeatures(article_id, None, unit(basis(0)), frozenset({"gdansk"}), names={"gdansk": shown}))
    assert index.story(index.story_of("a")).names == ("Gdańsk",)


def test_event_words_name_what_happened_not_that_someone_said_or_saw_it():
    article = Article("Rescuers said they saw the dam collapse after the flood, and officials said more rain would "
                      "come.", source="outlet")
    doc = next(nlp.parse([article.text]))
    item = features(article, doc, unit(basis(0)))
    assert {"collapse", "flood"} <= item.event_words
    assert not {"say", "see", "come"} & item.event_words
    assert {"say", "see"} <= item.terms.keys()  # still words the story is compared by


def test_undated_reports_name_the_days_of_their_event_and_are_scored_by_them():
    # Three undated reports alike in all but the day, and one dated: the weekday of a full date is the one named.
    texts = ["A storm flooded the harbour of Port Elsby on Tuesday, 3 March, and the mayor closed the schools.",
             "Schools in Port Elsby stayed shut after Tuesday's storm; the flood of 3 March reached the town hall.",
             "A storm flooded the harbour of Port Elsby on Friday, 9 October, and the mayor closed the schools."]
    articles = [Article(text, source=f"outlet {i}") for i, text in enumerate(texts)]
    articles.append(Article("The storm that flooded Port Elsby on 3 March 2026 closed the schools.", source="dated",
                            published=datetime(2026, 3, 4, tzinfo=timezone.utc)))
    batch = [(article, doc, timex.extract(article, doc))
             for article, doc in zip(articles, nlp.parse(a.text for a in articles))]
    first, second, other, dated = story_updates.story_features(batch)
    assert first.days == second.days == dated.days == {"m03", "d03-03", "w2"}
    assert "w5" in other.days and not other.days & first.days
    same_day, other_day = StoryIndex(), StoryIndex()
    same_day.assign(first)
    other_day.assign(first)
    agreeing, disagreeing = same_day.assign(second).match, other_day.assign(other).match
    assert agreeing is not None and agreeing.days == pytest.approx(1.0)
    # Alike in every word but the day, the other storm still joins: the days are one signal among several.
    assert disagreeing is not None and disagreeing.days == pytest.approx(-1.0)
    assert "days -1.00" in disagreeing.reason()


def test_a_large_story_is_summarised_from_its_newest_articles_the_undated_only_if_there_is_room():
    from storyline.stories.summary import SummaryConfig, newest

    day = datetime(2026, 3, 1, tzinfo=timezone.utc)
    dated = [Article(text=f"Report {n}.", published=day + timedelta(days=n)) for n in range(3)]
    undated = [Article(text=f"Undated report {n}.") for n in range(2)]
    assert newest(dated + undated, SummaryConfig(newest_articles=2)) == dated[1:]
    assert newest(dated + undated, SummaryConfig(newest_articles=4)) == dated + undated[:1]
    assert newest(dated + undated) == dated + undated
