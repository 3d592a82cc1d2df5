import json
import re
from pathlib import Path

import pytest

from conftest import load_eval_script
from storyline.compare.entities import EntityIndex, entities, resolve
from storyline.extract.mentions import extract as mentions, is_role_nominal
from storyline.model import Article, Entity
from storyline.parse import nlp
from storyline.text.names import HONORIFICS, tokens

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "examples" / "seeds"
EXAMPLES = ROOT / "examples"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def parsed(articles: list[Article]):
    return list(zip(articles, nlp.parse([article.text for article in articles]), strict=True))


def entity_with(found: list[Entity], variant: str) -> Entity:
    matches = [entity for entity in found if variant in entity.variants]
    assert len(matches) == 1, f"{variant!r} is in {len(matches)} entities"
    return matches[0]


def texts(entity: Entity, articles: list[Article]) -> set[str]:
    by_id = {article.id: article for article in articles}
    return {span.text(by_id[span.article_id]) for span in entity.mentions}


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    articles = [Article(text=path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    pairs = parsed(articles)
    return articles, pairs, entities(pairs)


def test_rashid_spellings_are_one_person_across_the_seeds(seeds):
    articles, _, found = seeds
    rashid = entity_with(found, "Abdul Latif Rashid")
    assert {"Abdel Latif Rashid", "Rashid"} <= set(rashid.variants)
    assert rashid.type == "PERSON"
    assert len({span.article_id for span in rashid.mentions}) == 2
    assert "Iraqi President" in texts(rashid, articles)


def test_khamenei_names_titles_and_role_nominals_are_one_person(seeds):
    articles, _, found = seeds
    khamenei = entity_with(found, "Ali Khamenei")
    assert khamenei.name == "Ali Khamenei"
    assert "Khamenei" in khamenei.variants
    assert {"the supreme leader", "Iran’s Leader", "Iran’s leader", "the Leader"} <= texts(khamenei, articles)
    assert any("Supreme Leader" in role for role in khamenei.roles)
    assert any("Ayatollah" in role for role in khamenei.roles)


def test_raisi_and_rashid_are_kept_apart(seeds):
    _, _, found = seeds
    assert entity_with(found, "Ebrahim Raisi") != entity_with(found, "Abdul Latif Rashid")


def test_austins_title_is_parsed_off_as_a_role(seeds):
    articles, pairs, found = seeds
    austin = entity_with(found, "Lloyd Austin")
    assert set(austin.variants) == {"Lloyd Austin", "Austin"}
    assert "US Secretary of Defense" in austin.roles
    article, doc = pairs[0]
    titled = [m for m in mentions(article, doc) if m.span.text(article) == "Lloyd Austin"]
    assert titled and titled[0].role == "US Secretary of Defense"


def test_militia_and_its_acronym_are_one_organisation(seeds):
    _, _, found = seeds
    militia = entity_with(found, "Kataib Sayyid al-Shuhada")
    assert militia.type == "ORG" and militia.variants["KSS"] == 2


def test_local_cluster_keys_belong_to_the_article_and_group_coreferent_mentions(seeds):
    articles, pairs, _ = seeds
    article, doc = pairs[1]
    found = mentions(article, doc)
    assert all(m.entity_id.startswith(f"{article.id}:") for m in found)
    by_text = {m.span.text(article): m.entity_id for m in found}
    assert by_text["Khamenei"] == by_text["Ali Khamenei"] == by_text["the supreme leader"]
    assert by_text["KSS"] == by_text["Kataib Sayyid al-Shuhada"]
    assert by_text["Rashid"] != by_text["Ebrahim Raisi"]
    nominal = next(m for m in found if m.span.text(article) == "the supreme leader")
    assert is_role_nominal(nominal, article)


def test_resolution_is_deterministic_and_ids_come_from_names(seeds):
    articles, pairs, found = seeds
    local = [(article, mentions(article, doc)) for article, doc in pairs]
    reversed_order = resolve(list(reversed(local)))
    assert [e.to_json() for e in reversed_order] == [e.to_json() for e in found]
    assert entity_with(found, "Ali Khamenei").id == "person:ali-khamenei"


def test_entity_index_adds_articles_one_at_a_time(seeds):
    _, pairs, found = seeds
    index = EntityIndex()
    for article, doc in pairs:
        index.add_article(article, mentions(article, doc))
    incremental = index.entities()
    assert entity_with(incremental, "Abdul Latif Rashid").id == entity_with(found, "Abdul Latif Rashid").id
    assert len(entity_with(incremental, "Ali Khamenei").mentions) == len(entity_with(found, "Ali Khamenei").mentions)


def test_acronyms_and_spellings_merge_but_people_sharing_a_surname_do_not():
    articles = [
        Article(text="The United States and Pakistan held talks. Prime Minister Imran Khan met U.S. envoys in "
                     "Islamabad, and Khan said the talks went well.", source="one"),
        Article(text="London mayor Sadiq Khan criticised the US decision. Mr Khan spoke to reporters on "
                     "Monday about Qasem Soleimani.", source="two"),
        Article(text="On Tuesday former prime minister Imran Khan told the BBC that Qassim Soleimani had visited "
                     "the US embassy.", source="three"),
    ]
    found = entities(parsed(articles))
    us = entity_with(found, "United States")
    assert {"U.S.", "US"} <= set(us.variants)
    assert entity_with(found, "Imran Khan") != entity_with(found, "Sadiq Khan")
    assert entity_with(found, "Qasem Soleimani") == entity_with(found, "Qassim Soleimani")
    assert "Mr Khan" not in entity_with(found, "Imran Khan").variants


def story_articles(story: dict) -> list[Article]:
    articles = []
    for name in story["articles"]:
        text = (EXAMPLES / "articles" / name).read_text(encoding="utf-8")
        articles.append(Article(text=FRONT_MATTER.sub("", text), source=name))
    return articles


def full_names(variants: list[str]) -> list[str]:
    """Gold variants that are names of two words or more once courtesy titles are set aside."""
    names = []
    for variant in variants:
        words = [w for w in variant.split() if w.lower().rstrip(".") not in HONORIFICS]
        if len(tokens(" ".join(words))) > 1 and not variant[0].islower() and not variant.lower().startswith("the "):
            names.append(" ".join(words))
    return names


@pytest.fixture(scope="module")
def examples():
    gold_path = EXAMPLES / "gold.json"
    if not gold_path.is_file():
        pytest.skip("bundled examples not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    resolved = {}
    for story in gold["stories"]:
        articles = story_articles(story)
        resolved[story["id"]] = (articles, entities(parsed(articles)))
    return gold, resolved


def test_examples_gold_people_have_all_their_full_names_in_one_entity(examples):
    gold, resolved = examples
    checked = 0
    for expected in gold["entities"]:
        if expected["type"] != "PERSON":
            continue
        story = expected["articles"][0].split("/")[0]
        articles, found = resolved[story]
        holders = {entity.id for entity in found for name in full_names(expected["variants"])
                   if name in texts(entity, articles)}
        assert len(holders) == 1, f"{expected['name']}: {holders}"
        checked += 1
    assert checked >= 10


def test_examples_gold_distinct_pairs_stay_apart(examples):
    gold, resolved = examples
    for first, second in gold["distinct"]:
        for articles, found in resolved.values():
            holders_of = [{e.id for e in found if name in texts(e, articles)} for name in (first, second)]
            assert not (holders_of[0] & holders_of[1]), (first, second)


def test_courtesy_titles_tell_two_people_with_one_surname_apart(examples):
    _, resolved = examples
    articles, found = resolved["hungary-blackout"]
    by_id = {article.id: article for article in articles}
    lena, gabor = entity_with(found, "Lena Varga"), entity_with(found, "Gábor Varga")
    for entity, title, other_title in ((lena, "Ms", "Mr"), (gabor, "Mr", "Ms")):
        preceded_by = {by_id[s.article_id].text[max(0, s.start - 3):s.start].strip() for s in entity.mentions}
        assert title in preceded_by and other_title not in preceded_by
    assert "Defence Minister" in lena.roles


def test_role_nominals_join_the_named_holder_of_that_office():
    article = Article(text="Prime Minister Nabil Saadeh accepted the resignation of Interior Minister Abdul Karim "
                           "Haddad on Monday. The minister had offered to quit on Sunday. The prime minister "
                           "thanked him, and Mr Haddad left. A minister from another party said nothing.")
    found = {m.span.text(article): m for m in mentions(article, next(nlp.parse([article.text])))}
    assert found["The minister"].entity_id == found["Abdul Karim Haddad"].entity_id
    assert found["The prime minister"].entity_id == found["Nabil Saadeh"].entity_id
    assert found["Haddad"].entity_id == found["Abdul Karim Haddad"].entity_id
    assert found["Abdul Karim Haddad"].role == "Interior Minister"
    assert not [text for text in found if text.startswith("A minister")]


CONLL = """#begin document (1/1ecb/1); part 0
1/1ecb/1\t0\t0\tPresident\t-
1/1ecb/1\t0\t1\tBarack\t(HUM1
1/1ecb/1\t0\t2\tObama\tHUM1)
1/1ecb/1\t0\t3\tvisited\t(ACT7)
1/1ecb/1\t0\t4\tthe\t(LOC2
1/1ecb/1\t0\t5\tUnited\t-
1/1ecb/1\t0\t6\tStates\tLOC2)
1/1ecb/1\t0\t7\t.\t-
1/1ecb/1\t0\t0\tPresident\t-
1/1ecb/1\t0\t1\tBarack\t(HUM1
1/1ecb/1\t0\t2\tObama\tHUM1)
1/1ecb/1\t0\t3\tvisited\t(ACT7)
1/1ecb/1\t0\t4\tthe\t(LOC2
1/1ecb/1\t0\t5\tUnited\t-
1/1ecb/1\t0\t6\tStates\tLOC2)
1/1ecb/1\t0\t7\t.\t-
1/1ecb/1\t1\t0\tObama\t\t(HUM1)
1/1ecb/1\t1\t1\tspoke\t-
1/1ecb/1\t1\t2\tto\t-
1/1ecb/1\t1\t3\tthe\t-
1/1ecb/1\t1\t4\tpress\t(HUM3)|(NON4)
1/1ecb/1\t1\t5\tin\t-
1/1ecb/1\t1\t6\tthe\t-
1/1ecb/1\t1\t7\tU.S.\t(LOC2)
1/1ecb/1\t1\t8\t.\t-
#end document
#begin document (1/1ecbplus/2); part 0
1/1ecbplus/2\t0\t0\tObama\t(HUM1)
1/1ecbplus/2\t0\t1\tleft\t-
1/1ecbplus/2\t0\t2\tWashington\t(LOC5)
1/1ecbplus/2\t0\t3\t.\t-
#end document
"""


def load_eval():
    return load_eval_script("entities")


def test_evaluation_reads_conll_mentions_and_scores_the_named_ones(tmp_path):
    evaluation = load_eval()
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    documents = evaluation.read_conll(path)
    first = documents["1/1ecb/1"]
    assert [s.number for s in first] == [0, 1]  # the repeated sentence 0 is read once
    text, offsets = evaluation.detokenise(first)
    assert text == "President Barack Obama visited the United States.\nObama spoke to the press in the U.S.."
    gold = [(m.key, m.chain) for m in evaluation.gold_mentions("1/1ecb/1", first, offsets)]
    assert (("1/1ecb/1", 0, 1, 2), "HUM1") in gold and (("1/1ecb/1", 1, 0, 0), "HUM1") in gold
    assert [chain for key, chain in gold if key == ("1/1ecb/1", 1, 4, 4)] == ["HUM3", "NON4"]
    assert all(chain != "ACT7" for _, chain in gold)
    figures, predictions = evaluation.evaluate(path)
    scored = {(p["doc"], p["sent"], p["start"], p["end"]): p["entity"] for p in predictions}
    assert ("1/1ecb/1", 1, 4, 4) not in scored  # "the press" is no name
    obama = {scored[key] for key in (("1/1ecb/1", 0, 1, 2), ("1/1ecb/1", 1, 0, 0), ("1/1ecbplus/2", 0, 0, 0))}
    assert len(obama) == 1
    assert scored[("1/1ecb/1", 0, 4, 6)] == scored[("1/1ecb/1", 1, 7, 7)]  # the United States, the U.S.
    assert figures["named_mentions_scored"] == len(predictions)
    assert figures["system"]["b_cubed"]["f1"] > figures["exact_string_baseline"]["b_cubed"]["f1"]


@pytest.mark.slow
def test_ecbplus_dev_set_cross_document_coreference_beats_exact_strings():
    data = ROOT.parent / "shared" / "data" / "ecbplus-val" / "dataset.conll"
    if not data.is_file():
        pytest.skip("shared ECB+ data not available")
    figures, predictions = load_eval().evaluate(data)
    assert len(predictions) == figures["named_mentions_scored"] > 500
    assert figures["system"]["b_cubed"]["f1"] >= 0.9
    assert figures["system"]["conll_f1"] > figures["exact_string_baseline"]["conll_f1"] + 0.05
