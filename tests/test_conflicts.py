"""Disagreements over figures: only between figures of one quantity, and only where no value satisfies both."""

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storyline.compare import claims, conflicts, copies, figure, figures
from storyline.compare.story import copied_relation
from storyline.compare.figure_words import outcome
from storyline.extract import timex
from storyline.model import Article
from storyline.parse import nlp
from storyline.parse.embed import embed
from storyline.text.clock import clock_times
from storyline.text.estimates import allowed, hedge, precision
from storyline.text.numbers import FIGURE, read_number

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SHARES = figure.CONFIG.shares


def disputes(*reports: str | tuple[str, datetime | None, bool]) -> list[conflicts.FigureDisagreement]:
    """The disagreements among reports, each its own outlet: a text, or (text, publication date, whether that
    date was inferred)."""
    articles = []
    for i, report in enumerate(reports):
        text, published, inferred = report if isinstance(report, tuple) else (report, None, False)
        articles.append(Article(text, source=f"Outlet {i}", published=published, published_inferred=inferred))
    found = []
    for article, doc in zip(articles, nlp.parse([a.text for a in articles])):
        found += figures.extract(article, doc, timex.extract(article, doc))
    return conflicts.disagreements(found, embed)


def aligned_disputes(*texts: str) -> list[conflicts.FigureDisagreement]:
    """The disagreements among reports, each its own outlet, with their sentences aligned into claims across the
    outlets as a story's are."""
    articles = [Article(text, source=f"Outlet {i}") for i, text in enumerate(texts)]
    by_id = {article.id: article for article in articles}
    pairs = list(zip(articles, nlp.parse(texts)))
    units = [unit for article, doc in pairs for unit in claims.units(article, doc)]
    groups = claims.align(units, embed([u.span.text(by_id[u.span.article_id]) for u in units]),
                          copied_relation(copies.find(pairs)))
    found = [f for article, doc in pairs for f in figures.extract(article, doc, timex.extract(article, doc))]
    return conflicts.disagreements(found, embed, claim_of=claims.claim_of(groups))


def ecbplus_disagreements(*sources: str) -> list[conflicts.FigureDisagreement]:
    """The disagreements among real ECB+ reports (skipped where ../shared is not at hand)."""
    full_texts = SHARED / "ecbplus-fulltext" / "articles.jsonl"
    if not full_texts.is_file():
        pytest.skip("../shared/data/ecbplus-fulltext is not available")
    reports = [Article(row["text"], source=row["source"]) for row in map(json.loads, full_texts.open())
               if row["source"] in sources]
    found = []
    for article, doc in zip(reports, nlp.parse([a.text for a in reports])):
        found += figures.extract(article, doc, timex.extract(article, doc))
    return conflicts.disagreements(found, embed)


def values(found: list[conflicts.FigureDisagreement]) -> list[list[str]]:
    return [[value for value, _ in d.values] for d in found]


def test_a_hedge_bounds_a_figure_and_a_round_figure_stands_for_what_rounds_to_it():
    assert hedge("officials now say more than") == ("lower", "more than")
    assert hedge("police said", " or so people") == ("about", "or so")
    assert hedge("it killed") == ("exact", "")
    assert [precision(v) for v in (12000, 65, 20.6, 1.2e9)] == [1000, 1, 0.1, 1e8]
    assert not allowed(43, "exact", SHARES).meets(allowed(50, "lower", SHARES))
    assert allowed(70, "lower", SHARES).meets(allowed(100, "about", SHARES))
    assert allowed(98, "exact", SHARES).meets(allowed(100, "about", SHARES))
    assert allowed(22e9, "exact", SHARES, "22 billion").meets(allowed(22.4e9, "exact", SHARES, "22.4 billion"))
    assert allowed(12000, "exact", SHARES).meets(allowed(12200, "exact", SHARES))
    assert not allowed(12000, "exact", SHARES).meets(allowed(12600, "exact", SHARES))
    assert not allowed(12200, "exact", SHARES).meets(allowed(12500, "exact", SHARES))
    # a figure written to the ten stands for what is nearer it than the figure half-way to the next ten: 62 may be
    # written "60", but 64 would be written "65"
    assert allowed(60, "exact", SHARES, "60%").meets(allowed(62, "exact", SHARES, "62%"))
    assert not allowed(60, "exact", SHARES, "60%").meets(allowed(65, "exact", SHARES, "65%"))
    assert allowed(20, "exact", SHARES, "20 percent").meets(allowed(20.6, "exact", SHARES, "20.6 percent"))
    assert not allowed(40e6, "about", SHARES).meets(allowed(60e6, "about", SHARES))


def test_a_thousands_group_after_a_stray_space_is_read_but_a_list_is_not():
    assert read_number("roughly 30, 000", FIGURE) == 30000
    assert read_number("5-foot - 8, 135 pounds", FIGURE) == 135
    assert read_number("1, 500 kilometers", FIGURE) == 1500
    # The parse may hang the two groups on the noun as two counts: still one count, not parts side by side.
    article = Article("He finished with 2, 106 career points.", source="Outlet")
    doc = next(iter(nlp.parse([article.text])))
    assert [f.value for f in figures.extract(article, doc, timex.extract(article, doc))] == [2106]


def test_the_same_count_in_other_words_disagrees_and_its_evidence_is_the_sentence_carrying_each_value():
    found = disputes("Officials said 43 inmates escaped after the attack on the prison.",
                     "Officials now say more than 50 prisoners broke out of the prison after the attack.")
    assert values(found) == [["43", "more than 50"]]
    [(_, [low]), (_, [high])] = found[0].values
    assert low.outlet == "Outlet 0" and high.outlet == "Outlet 1"
    assert (low.sentence.start, low.span.start, high.span.start) == (0, 15, 18)


def test_different_outcomes_units_events_and_times_are_not_disagreements():
    assert not disputes("Three people were killed in the blast on Tuesday, police said.",
                        "Twelve people were injured in the blast on Tuesday, police said.")
    # one distance in two units, and a depth is no distance from a city
    assert not disputes("The quake struck 90 km north of Padang at a depth of 10 km.",
                        "The quake struck 55 miles north of Padang at a depth of 35 km below the sea bed.")
    assert values(disputes("The magnitude 7.6 quake was followed by a magnitude 6.2 aftershock.",
                           "The magnitude 7.9 quake destroyed much of the old town.")) \
        == [["7.6 magnitude", "7.9 magnitude"]]
    # a one-day jump in the share price is not the premium the buyer pays
    assert not disputes("Shares in the software maker jumped 30 percent on Monday.",
                        "The offer is a premium of 45 percent over the software maker's share price.")
    # a previous attack's toll
    assert not disputes("The bombing killed 12 people at the market.",
                        "In 2005, a bombing at the same market killed 40 people.")


def test_a_rounding_a_bound_or_an_approximation_is_no_disagreement():
    assert not disputes("At least 70 people were injured in the riots, police said.",
                        "About 100 people have been injured in the riots, police said.")
    assert not disputes("The storm damaged 98 homes in the town, the mayor said.",
                        "The storm damaged about 100 homes in the town, the mayor said.")


def test_only_dates_the_texts_write_or_real_publication_dates_resolve_can_disagree():
    monday = datetime(2026, 4, 20, 9, tzinfo=timezone.utc)
    saturday, sunday = "The attack on the prison began late on Saturday.", "The assault began early on Sunday."
    assert values(disputes((saturday, monday, False), (sunday, monday, False))) == [["2026-04-18", "2026-04-19"]]
    # weekdays resolved against a publication date Storyline guessed give no date to dispute
    assert not disputes((saturday, monday, True), (sunday, monday, False))
    assert not disputes((saturday, monday, False), ("The attack on the prison began on 18 April 2026.", None, False))
    # without a real publication date a weekday is that weekday alone, set only against other such weekdays: one
    # event falls on one weekday in every outlet's week
    assert values(disputes("The attack on the prison began on Saturday.",
                           ("The assault on the prison began on Sunday.", monday, True))) \
        == [["Saturday (date not given)", "Sunday (date not given)"]]
    assert not disputes(saturday, "The attack on the prison began late on Saturday night.")
    # a weekday at an edge of its day may be another outlet's next day; a recurring one ("Patch Tuesday") or one
    # whose event has a day of its own ("As it promised [Tuesday], Microsoft today issued") is no day of the news
    assert not disputes("The actress checked into the clinic late Thursday.",
                        "The actress checked into the clinic early Friday.")
    assert not [d for d in ecbplus_disagreements("27_17ecb", "27_11ecb", "27_13ecb", "27_3ecb", "27_9ecb")
                if d.figures[0].kind == "DATE"]
    assert values(disputes("The actress checked into the clinic on Thursday.",
                           "The actress checked into the clinic on Friday.")) \
        == [["Thursday (date not given)", "Friday (date not given)"]]
    assert values(disputes("In 1969, he was indicted in New Jersey on a charge of bribery.",
                           "In 1970, he was indicted for bribing the town's police force.")) == [["1969", "1970"]]


def test_a_date_of_a_question_or_a_supposition_is_no_day_of_an_event():
    tuesday = datetime(2026, 4, 21, 9, tzinfo=timezone.utc)
    killed = ("The teenager was shot and killed by police on Saturday night.", tuesday, False)
    chanted = ('Marchers chanted "how many kids did you kill today" as they walked to the precinct.', tuesday, False)
    assert not disputes(killed, chanted)
    assert values(disputes(killed, ("Police killed the teenager on Monday.", tuesday, False))) \
        == [["2026-04-18", "2026-04-20"]]


def test_times_of_day_of_one_event_disagree_only_beyond_their_rounding_and_in_one_zone_and_day():
    assert [c.hhmm for c in clock_times("at 8.49pm, about 3: 10 p. m., at 20:49 GMT, at 2045 GMT; it ended 20:49")] \
        == [2049, 1510, 2049, 2045]
    found = disputes("The blaze broke out about 8.40pm, police said.",
                     "The fire broke out in the roof of the store at 8.49pm on Friday night.")
    assert [d.description for d in found] == ["time of blaze broke out: about 20:40 (Outlet 0) vs 20:49 (Outlet 1)"]
    assert not disputes("The fire broke out at about 8.45pm.", "The fire broke out at 8.49pm on Friday.")
    # times of day of different days: the days themselves are what two undated outlets dispute
    assert [d.figures[0].kind for d in disputes("The fire broke out at 8.40pm on Saturday.",
                                                "The fire broke out at 8.49pm on Friday.")] == ["DATE"]
    # near midnight, one outlet's night may be another's next day
    assert not disputes("The fire broke out at 11.40pm on Friday.", "The fire broke out at 12.10am on Saturday.")
    assert not disputes("The fire broke out at 2040 GMT.", "The fire broke out at 8.49pm.")
    assert not disputes("The fire broke out at 8.40pm.", "Police closed the road at 8.49pm.")


def test_a_state_after_a_copula_names_its_outcome():
    assert outcome("be down") == outcome("disrupt") == "damage" and outcome("be happy") is None
    found = disputes("Up to 70 percent of internet services in Egypt were disrupted.",
                     "Internet services in Egypt were down by 80 percent.")
    assert values(found) == [["up to 70%", "80%"]]


def test_figures_of_different_participants_or_of_ranked_rated_or_paired_numbers_are_not_set_against_each_other():
    # whose figure it is: the clause's subject, a relative clause's noun, the name a figure is in brackets after
    assert not disputes("Ty Lawson added 16 points for the Tar Heels.", "Danny Green had 14 points for the Tar Heels.")
    assert not disputes("Hansbrough, who also grabbed nine rebounds, scored.", "Mac Koshwal pulled down 13 rebounds.")
    assert not disputes("Danny Green (14 points) became the 61st player to score 1,000.", "Ty Lawson added 16 points.")
    assert not disputes("He grabbed nine rebounds.", "Mac Koshwal grabbed 13 rebounds.")
    # a rate is not a total, a ranked few are where each outlet draws its line, a score is a pair
    assert not disputes("Teixeira is seeking a contract for at least $20 million per season.",
                        "The Nationals offered Teixeira a $160 million contract.")
    assert not disputes("The four hardest-hit villages were Tonban and Gavarzin.",
                        "The 12 worst-hit villages were searched.")
    assert not disputes("The touchdown gave the Colts a 7-0 lead.", "The touchdown gave the Colts a 20-13 lead.")
    # buildings destroyed are some of those damaged
    assert not disputes("The governor said four villages had been destroyed.", "The quake damaged 7 villages.")
    assert values(disputes("The quake killed three people on the island, the governor said.",
                           "Ten people were killed when the earthquake razed villages on the island.")) == [["3", "10"]]


def test_a_holders_figures_that_all_differ_between_two_outlets_are_of_different_occasions():
    career_highs = "Earl Clark finished the win with 25 points and 16 rebounds, both career highs."
    # one outlet wrong on one figure has the others of its sentence right: rebounds 16 vs 12 in one game
    assert values(disputes(career_highs, "Earl Clark finished with 25 points and 12 rebounds.")) == [["12", "16"]]
    # every figure of the sentence differing is another game, not two disputes
    other_game = "Earl Clark finished with 22 points and nine rebounds as Louisville beat South Florida."
    assert disputes(career_highs, other_game) == []


def test_villages_damaged_or_destroyed_are_counted_to_each_outlets_line_but_shops_one_by_one():
    assert not disputes("The quake destroyed four villages, the governor said.",
                        "The quake flattened seven villages, officials said.")
    assert values(disputes("Rioters damaged 355 shops in the capital.", "Rioters damaged 565 shops in the capital.")) \
        == [["355", "565"]]


def test_a_count_over_a_stretch_of_time_is_a_running_total_compared_only_over_the_same_stretch():
    total = "Since the shooting, over 50 arrests have been made over four nights of protesting."
    assert not disputes(total, "After the protest on Wednesday night there were 46 arrests, the police said.")
    assert not disputes(total, "By the end of the night, 46 people had been arrested.")
    assert values(disputes(total, "Police said 30 arrests were made over four nights of protesting.")) \
        == [["30", "over 50"]]


def test_a_toll_given_as_revised_up_is_an_update_of_a_lower_count_not_a_dispute():
    assert values(disputes("Three people were killed in the blast at the market.",
                           "Five people were killed in the blast at the market.")) == [["3", "5"]]
    assert not disputes("Four people died in the explosion at the chemical plant.",
                        "The death toll from the explosion at the chemical plant has risen to seven.")
    assert not disputes("Authorities said the quake killed 4.", "The death toll from the quake rose to five.")
    assert not disputes("One man was killed when the gunman opened fire at the depot on Tuesday.",
                        "Two men were killed when the gunman opened fire at the depot on Tuesday; the second man "
                        "later died in hospital.")
    # a count higher than the one revised up is no earlier one: still a dispute
    assert values(disputes("The death toll from the blast at the market rose to four.",
                           "Seven people were killed in the blast at the market.")) == [["4", "7"]]


def test_figures_of_another_occasion_a_round_up_or_a_denied_claim_are_not_set_against_the_storys():
    raid = "Police said 12 rifles were seized in the raid."
    assert values(disputes(raid, "Police said 40 rifles were seized in the raid.")) == [["12", "40"]]
    assert not disputes(raid, "Police said 40 rifles were seized in a separate raid on a warehouse.")
    assert not disputes("Officers found 12 rifles during the search of the property.",
                        "Officers found 40 rifles during an earlier search of the property.")
    crowd = "A crowd of 18,000 fans watched the game."
    assert values(disputes(crowd, "A crowd of 30,000 fans watched the game.")) == [["18,000", "30,000"]]
    assert not disputes(crowd, "Elsewhere, 30,000 fans watched the game.")
    strike = "The strike killed 40 civilians, residents said."
    assert values(disputes(strike, "The army said it had killed 15 civilians in the strike.")) == [["15", "40"]]
    assert not disputes(strike, "The army denied it had killed 15 civilians in the strike.")
    # the occasions a figure counts, and a figure of what a verb of denying is done to, are read
    assert values(disputes("Officers staged two separate raids on the farm.",
                           "Officers staged three separate raids on the farm.")) == [["2", "3"]]
    assert values(disputes("One juror was dismissed from the trial on Monday.",
                           "Two jurors were dismissed from the trial on Monday.")) == [["1", "2"]]


def test_a_caliber_is_a_measure_of_the_firearm_in_inches_as_written_not_a_count():
    pointed = "Police said Gray pointed a .38-caliber revolver at the officers."
    assert values(disputes(pointed, "Police said Gray pointed a. 357 caliber revolver at the officers.")) \
        == [[".357 caliber", ".38 caliber"]]
    assert not disputes(pointed, "Police said Gray pointed a .38 caliber revolver at them.")
    # whoever the sentence says had it: the revolver's caliber
    assert values(disputes("A loaded .38-caliber revolver was recovered at the scene.",
                           "Officers said he pointed a .357 caliber revolver at them before they fired.")) \
        == [[".357 caliber", ".38 caliber"]]
    article = Article("Detectives found a .22 calibre rifle and 38 rounds in the car.", source="Outlet 0")
    doc = next(iter(nlp.parse([article.text])))
    assert [(f.kind, f.value, f.unit) for f in figures.extract(article, doc, timex.extract(article, doc))] \
        == [("MEASURE", 22, "caliber"), ("COUNT", 38, "")]


def test_a_figure_given_as_an_estimate_at_counts_the_object_estimated():
    assert values(disputes("Officials put the death toll from the landslide at 12.",
                           "Seven people were killed in the landslide.")) == [["7", "12"]]
    assert values(disputes("Police estimated the crowd in the square at 5,000.",
                           "Police estimated the crowd in the square at 20,000.")) == [["5,000", "20,000"]]


def test_millions_written_as_a_letter_after_an_amount_of_money_are_millions():
    letter = "The thieves took jewels worth $2.6m from the store."
    assert values(disputes(letter, "The thieves took jewels worth $3.1 million from the store.")) \
        == [["2.6 million dollar", "3.1 million dollar"]]
    assert not disputes(letter, "The thieves took jewels worth $2.6 million from the store.")
    # after a number that is no amount of money, "m" may be metres
    wall = Article("A 10m wall fell on the thieves' car.", source="Outlet 0")
    doc = next(iter(nlp.parse([wall.text])))
    assert [f.value for f in figures.extract(wall, doc, timex.extract(wall, doc))] == [10]


def test_a_count_held_by_a_pronoun_is_of_the_one_person_the_sentences_around_it_name():
    found = disputes("Police said John Miller was shot 11 times by the officers.",
                     "An autopsy released Wednesday on John Miller showed he had been shot seven times.")
    assert values(found) == [["7", "11"]]
    # a term still needs its holder named in its own clause: one person may serve many
    assert not disputes("Tony Marino, who ran a bakery on Mott Street, was sentenced to seven years in prison.",
                        "Tony Marino was convicted of racketeering. He was sentenced to 12 years in prison.")


def test_a_count_in_a_relative_clause_is_no_figure_of_the_verb_above_and_one_named_holders_counts_compare():
    # as the tuning part's career points (31ecb): "stopped" is not what happened to the points, and the holder
    # named on both sides makes the two counts one quantity though their sentences read apart
    found = disputes("North Carolina's Tyler Hansbrough now has 2,301 career points.",
                     "Officials stopped the game when Hansbrough, who now has 2,302 points, made the record-setting "
                     "basket.")
    assert values(found) == [["2,301", "2,302"]]


def test_a_time_of_day_alone_names_no_day_of_a_figure_even_in_dated_articles():
    # resolved against each article's publication date, "at 4 p.m." would set the figures on two days apart
    one, two = datetime(2026, 4, 20, 9, tzinfo=timezone.utc), datetime(2026, 4, 21, 9, tzinfo=timezone.utc)
    assert values(disputes(("Two people were injured at 4 p.m. in the blast at the refinery.", one, False),
                           ("Five people were injured at 4 p.m. in the blast at the refinery.", two, False))) \
        == [["2", "5"]]
    # the tuning part's game clock (29ecbplus): "6:00" is read as a time of day too
    assert values(disputes(("The Chiefs tied the game with 6:00 remaining in the third quarter.", one, False),
                           ("Ryan Succop tied the game at 13-13 with a 47-yard field goal with 10:03 left in the "
                            "third quarter.", two, False))) \
        == [["6:00 left in the third quarter", "10:03 left in the third quarter"]]


def test_a_named_persons_age_disagrees_only_between_real_publication_days_and_full_names():
    day = datetime(2026, 4, 20, 9, tzinfo=timezone.utc)
    found = disputes(("Vincent Gigante, who died yesterday in federal prison at 77, was the boss.", day, False),
                     ("Vincent Gigante died on Monday at 78.", day, False))
    assert [d.description for d in found] == ["age of Gigante: 77 (Outlet 0) vs 78 (Outlet 1)"]
    # undated or guessed dates: the articles may be years apart, and the ages with them
    assert not disputes("Jose Luis Orozco, 27, was arrested.", "Jose Luis Orozco, 28, was charged with murder.")
    assert not disputes(("Jose Luis Orozco, 27, was arrested.", day, False),
                        ("Jose Luis Orozco, 28, was charged with murder.", day, True))
    # a surname alone may be a son's; an age decades apart is of another time; a record is no age
    assert not disputes(("The 17-year-old Jeremy Ortiz said.", day, False), ("Ortiz, 35, was shot.", day, False))
    assert not disputes(("A doorman identified the 29-year-old Vincent Gigante.", day, False),
                        ("Vincent Gigante, 77, died.", day, False))
    assert not disputes(("Klitschko (58-3, 51 KO) bombed Thompson.", day, False),
                        ("Wladimir Klitschko, 36, stopped Thompson.", day, False))


def test_counts_of_people_in_any_wording_are_one_quantity_on_one_day():
    one, four, five = ("The earthquake killed one person in the town.", "Authorities said the quake killed 4.",
                       "The death toll from the quake stands at five.")
    assert values(disputes(one, four)) == [["1", "4"]]
    assert values(disputes(four, five)) == [["4", "5"]]
    assert values(disputes("The quake left four people dead.", "Five deaths were reported after the quake.")) \
        == [["4", "5"]]
    # a woman killed is one of the people killed; a day's arrests are not the week's; a split "1, 400" is no 400
    assert not disputes("One woman was killed by falling debris.", "The quake killed 4 people.")
    assert not disputes("Police made 86 arrests over the course of Saturday's protests.",
                        "More than 200 people have been arrested in the unrest.")
    assert not disputes("About 50 people were hurt.", "It killed 612 people and injured more than 1, 400.")


def test_a_bare_number_said_to_be_dead_injured_or_missing_counts_people():
    # a toll written "4 dead", "Three dead after ...", "left 4 dead" or "Two were dead" is the toll "were killed" gives
    killed = "Five people were killed when the bus overturned on the highway."
    for toll in ("The bus overturned on the highway, leaving 4 dead.", "Three dead as bus overturns on highway.",
                 "Two were dead after the bus overturned on the highway."):
        assert len(disputes(toll, killed)) == 1, toll
    assert values(disputes("The bus crash on the highway left 4 dead and 12 injured.",
                           "Five people were killed and 12 injured in the bus crash on the highway.")) == [["4", "5"]]
    # a number said to be in a state that happens to no one ("left 40 homeless") counts no one
    assert not disputes("The flood on Monday left 40 homeless.", "The flood on Monday killed 45 people.")


def test_a_participle_after_the_object_of_left_is_the_state_it_leaves_its_people_in():
    # "left four people injured", which the parse may read as "left four people, injured": four people injured
    assert values(disputes("The blast left four people injured.", "Seven people were injured in the blast.")) \
        == [["4", "7"]]


def test_a_number_hyphened_to_its_noun_is_the_length_of_another_thing_not_a_count():
    # "a four-game losing streak" and "an 11-game stretch" are stretches each outlet draws where it likes
    assert not disputes("The Hawks ended a four-game losing streak on Friday.",
                        "The Hawks ended an 11-game stretch on Friday.")
    assert not disputes("Workers began a two-day strike at the port.", "Workers began a five-day strike at the port.")
    # a run counted to each outlet's day, or a window each outlet picks, is no one quantity
    assert not disputes("The Hawks have lost three straight games.", "The Hawks have lost 10 straight games.")
    assert not disputes("The Hawks lost eight of their last 10 games.", "The Hawks lost six of their last 12 games.")
    assert not disputes("The Hawks lost three games in a row.", "The Hawks lost five games in a row.")


def test_won_the_verb_is_no_currency():
    article = Article("The Hawks have won 12 games this season.", source="Outlet 0")
    doc = next(nlp.parse([article.text]))
    assert [(f.kind, f.what) for f in figures.extract(article, doc)] == [("COUNT", "games won")]


def test_a_figure_of_what_may_be_is_no_report_to_set_against_another():
    assert not disputes("Engineers said the repairs could cost 2 billion dollars.",
                        "The repairs cost 900 million dollars, the city said.")
    assert values(disputes("The repairs will cost 2 billion dollars, the city said.",
                           "The repairs will cost 900 million dollars, the mayor said.")) \
        == [["900 million dollar", "2 billion dollar"]]


def test_a_figure_written_to_the_ten_disagrees_with_one_half_way_to_the_next_unless_it_is_hedged():
    found = disputes("The operator said 60% of calls to Chile were lost after the storm cut the line.",
                     "The operator said 65% of calls to Chile were lost after the storm cut the line.")
    assert values(found) == [["60%", "65%"]]
    assert not disputes("The operator said about 60% of calls to Chile were lost after the storm cut the line.",
                        "The operator said 65% of calls to Chile were lost after the storm cut the line.")


def test_an_interval_between_two_events_disagrees_but_a_duration_running_to_each_outlets_day_is_not_read():
    found = disputes("Maria Lopez married the sergeant two weeks before he was killed in the ambush.",
                     "Maria Lopez married the sergeant three weeks before he was killed in the ambush.")
    assert values(found) == [["2 weeks", "3 weeks"]]
    assert all(f.sentence.start <= f.span.start and f.span.end <= f.sentence.end for f in found[0].figures)
    assert not disputes("Maria Lopez married the sergeant two weeks before he was killed in the ambush.",
                        "Maria Lopez married the sergeant 14 days before he was killed in the ambush.")
    assert not disputes("The rebels have held the valley for 30 years, officials said.",
                        "The rebels have held the valley for 25 years, officials said.")


def test_figures_listed_with_one_place_each_are_each_that_places_figure():
    found = disputes("Officials said phone services in Chile were down by 80 percent, in Peru by 65 percent.",
                     "Officials said up to 70 percent of phone services in Chile, and 60 percent in Peru, were down.")
    assert sorted(values(found)) == [["60%", "65%"], ["up to 70%", "80%"]]


def test_a_persons_figure_is_not_set_against_one_the_text_gives_no_one():
    assert not disputes("Jordan Miles scored 22 points in the win over Denver on Sunday night.",
                        "The visitors scored 98 points in the win over Denver on Sunday night.")
    found = disputes("Jordan Miles scored 22 points in the win over Denver on Sunday night.",
                     "Jordan Miles scored 28 points in the win over Denver on Sunday night.")
    assert values(found) == [["22", "28"]]


def test_counts_of_opposite_doings_are_not_one_quantity_though_their_verbs_read_alike():
    assert not disputes("The club bought 30,000 shares of the company on Monday, filings showed.",
                        "The club sold 25,000 shares of the company on Monday, filings showed.")
    assert not disputes("The Hawks have won 30 games this season.", "The Hawks have lost 25 games this season.")
    found = disputes("The Hawks have won 30 games this season.", "The Hawks have won 25 games this season.")
    assert values(found) == [["25", "30"]]


def test_people_of_one_role_counted_above_everyone_counted_dispute_the_count_but_a_smaller_part_does_not():
    assert values(disputes("More than 200 people were arrested during the riots in the capital.",
                           "More than 400 protesters were detained during the riots in the capital.")) \
        == [["more than 200", "more than 400"]]
    assert not disputes("More than 200 people were arrested during the riots in the capital.",
                        "Fifty students were arrested during the riots in the capital.")


def test_a_disputes_heading_names_the_place_its_figures_are_of():
    found = disputes("Officials said phone services in Chile were down by 80 percent, in Peru by 65 percent.",
                     "Officials said up to 70 percent of phone services in Chile, and 60 percent in Peru, were down.")
    assert sorted(d.quantity for d in found) == ["services were down (Chile)", "services were down (Peru)"]


def test_figures_held_by_different_people_or_by_pronouns_only_are_not_one_quantity():
    # whose figure it is: the subject that has or makes it
    assert not disputes("Carlos Ruiz had 15 points for the Hornets in the loss on Sunday.",
                        "Tomas Berg added 16 points for the Hornets in the loss on Sunday.")
    # a "he" in each outlet may be anyone
    assert not disputes("He has 53 catches for 605 yards and five touchdowns this season.",
                        "His late-season run leaves him with 3,907 yards and 26 touchdowns this season.")
    # the subject of the verb a clause completes holds its figure
    assert not disputes("Lowe is believed to be seeking a five-year deal in the $75 million range.",
                        "The Boston Red Sox offer was expected to be in the range of $145 million to $175 million.")


def test_a_part_counted_from_a_total_or_the_whole_it_is_taken_out_of_is_no_total():
    assert not disputes("The Jaguars had one final chance to win the game.",
                        "The Jaguars had two chances to tie the score.")
    assert not disputes("Five more people died in the quake on Sunday.", "Ten people died in the quake on Sunday.")
    assert not disputes("Garrard completed 28 passes for 329 yards.",
                        "Garrard completed 28 of 41 passes for 329 yards and a touchdown.")
    # "another" counts another group, whose place tells it apart, not an addition to this one
    assert values(disputes("In the northern city of Salonica, where another 20,000 people marched, youths smashed "
                           "store windows.",
                           "In the northern city of Salonica approximately 50,000 people marched.")) \
        == [["20,000", "approximately 50,000"]]
    # Counts side by side on one noun are its parts, not two rival totals: whatever the total, no part disputes it.
    assert not disputes("The navy arrested 23 pirates on Saturday off the coast of Yemen, the ministry said.",
                        "The navy detained 12 Somali and 11 Yemeni pirates on Saturday after a chase, officials said.")
    assert disputes("The navy arrested 23 pirates on Saturday off the coast of Yemen, the ministry said.",
                    "The navy arrested 21 pirates on Saturday off the coast of Yemen, officials said.")


def test_the_ends_of_a_range_and_a_time_something_was_done_by_are_no_point_figures():
    def amounts(text: str) -> list[float]:
        article = Article(text, source="Outlet")
        doc = next(iter(nlp.parse([text])))
        return [f.value for f in figures.extract(article, doc, timex.extract(article, doc)) if f.kind == "MONEY"]

    assert amounts("The Owls bid between $70 million and $80 million over five years.") == []
    assert amounts("The Owls' offer was expected to be $70 million to $80 million.") == []
    assert amounts("The Owls offered $70- $80 million over five years.") == []
    assert amounts("The Owls offered $80 million over five years.") == [80e6]
    assert not disputes("The blaze was put out by 7 a.m., after crews attacked it from all sides.",
                        "More than 30 fire engines arrived, and the blaze was put out by 6:40 a.m.")
    assert values(disputes("The blaze was put out at 7 a.m., after crews attacked it from all sides.",
                           "More than 30 fire engines arrived, and the blaze was put out at 6:20 a.m.")) \
        == [["06:20", "07:00"]]
    # a day something was done by is a limit, not the day it was done
    wednesday = datetime(2011, 10, 12, 12, tzinfo=timezone.utc)
    restored = "The operator restored the ferry services to the islands on 11 October 2011, the harbour office said."
    assert values(disputes(("The operator restored the ferry services to the islands on Saturday, the harbour "
                            "office said.", wednesday, False), (restored, wednesday, False))) \
        == [["2011-10-08", "2011-10-11"]]
    assert not disputes(("The operator restored the ferry services to the islands by Saturday, the harbour office "
                         "said.", wednesday, False), (restored, wednesday, False))


def test_counts_of_one_outcome_in_differently_worded_sentences_are_one_quantity_but_a_hyphened_modifier_is_no_outcome():
    assert values(disputes("Hundreds of stores have been looted and more than 200 people arrested.",
                           "Police detained more than 400 protesters over the unrest, while two officers were "
                           "jailed pending trial.")) == [["more than 200", "more than 400"]]
    assert not disputes("The man who killed four people in a courthouse escape was sentenced on Saturday.",
                        "The nine pro-death jurors asked the holdouts how many people he would have to kill.")


def test_a_writers_hedge_on_a_noun_says_nothing_of_what_happened_to_it():
    # "alleged" is how sure the outlet is of who they are; what happened to them is the arrest
    assert values(disputes("Police said 99 alleged gang members were arrested in raids across the city.",
                           "Police said 89 gang members were arrested in raids across the city.")) == [["89", "99"]]


def test_the_verbs_of_arrest_said_of_people_are_one_outcome():
    assert outcome("apprehend") == outcome("round up") == outcome("take into custody") == outcome("arrest")
    assert values(disputes("Police apprehended 40 protesters after the clashes in the main square.",
                           "Police arrested 60 protesters after clashes in the main square.")) == [["40", "60"]]


def test_a_result_a_verb_names_is_what_happened_to_whom_it_befalls():
    # "shot dead", "burnt to death": the people counted died, as another outlet's "killed" says
    assert values(disputes("Six people were shot dead in the attack on the market, police said.",
                           "Nine people were killed in the attack on the market, police said.")) == [["6", "9"]]
    assert values(disputes("Three bank employees were burnt to death when protesters set the branch alight.",
                           "Four bank employees were killed when protesters set the branch alight.")) == [["3", "4"]]
    # not to the doer, and a court's "to death" is a penalty, not a death
    assert not disputes("The gunman was shot dead by two officers outside the market, police said.",
                        "Three officers were killed outside the market, police said.")
    assert not disputes("The court sentenced two men to death for the attack on the market.",
                        "Three men were killed in the attack on the market.")


def test_one_of_a_scale_written_in_words_is_a_figure_said_loosely():
    assert [read_number(text, FIGURE) for text in ("a dozen", "more than a dozen", "half-a-dozen", "a hundred",
                                                    "a further 50")] == [12, 12, 6, 100, 50]
    dozen = "Police arrested a dozen protesters after the clashes in the main square."
    assert values(disputes(dozen, "Police arrested 30 protesters after the clashes in the main square.")) == [
        ["12", "30"]]
    # "a dozen" is said of 11 or 13 too, and "more than half a dozen" keeps its bound
    assert not disputes(dozen, "Police arrested 13 protesters after the clashes in the main square.")
    assert not disputes("Police arrested more than half a dozen protesters after the clashes in the main square.",
                        "Police arrested nine protesters after the clashes in the main square.")


def test_a_hyphened_compound_counts_its_last_noun_however_the_text_spaces_the_hyphen():
    # "co" alone would be a singular noun, a number naming which one: "two co" and "three co" at one plant would
    # be set against each other, though one outlet counts the dead and the other the shot
    killed, shot = ("The gunman killed two co - workers at the Kenton plant on Tuesday.",
                    "The gunman shot three co - workers at the Kenton plant on Tuesday.")
    assert disputes(killed, shot) == []
    [dispute] = disputes(killed, "The gunman killed three co-workers at the Kenton plant on Tuesday.")
    assert dispute.quantity == "workers killed (Kenton)"
    # a dash between words of their own joins no compound
    text = "The five young men - sons of farmers and teachers - marched to the square."
    article = Article(text, source="Outlet 0")
    [doc] = nlp.parse([text])
    assert [f.counted for f in figures.extract(article, doc)] == ["man"]


def test_a_running_total_is_not_set_against_one_events_count():
    raid = "Police seized two rifles in a raid on a farm near Lyon, officials said."
    assert disputes(raid, "Police have seized five rifles near Lyon so far, officials said.") == []
    assert disputes(raid, "Police have seized a total of five rifles near Lyon, officials said.") == []
    [dispute] = disputes(raid, "Police seized five rifles in a raid on a farm near Lyon, officials said.")
    assert dispute.quantity == "rifles seized (Lyon)"


def test_a_length_of_one_unit_written_with_a_is_said_loosely():
    week = "Page died at a Los Angeles hospital on Thursday, a week after suffering a heart attack."
    assert disputes(week, "Page died at a Los Angeles hospital on Thursday, nine days after suffering a heart "
                          "attack.") == []
    [dispute] = disputes(week, "Page died at a Los Angeles hospital on Thursday, three weeks after suffering a "
                               "heart attack.")
    assert values([dispute]) == [["1 week", "3 weeks"]]


def test_a_distance_from_another_event_is_no_day_of_its_own():
    # "18 hours earlier" counts from the game the sentence tells of, not from the day the article was published
    thursday = ("Drake beat Bradley in the opening round on Thursday night in St. Louis.",
                datetime(2013, 3, 8, tzinfo=timezone.utc), False)
    assert disputes(thursday, ("Drake, which beat Bradley in the opening round just 18 hours earlier, lost to "
                               "Creighton in St. Louis.", datetime(2013, 3, 12, tzinfo=timezone.utc), False)) == []
    [dispute] = disputes(thursday, ("Drake beat Bradley in the opening round on Sunday night in St. Louis.",
                                    datetime(2013, 3, 12, tzinfo=timezone.utc), False))
    assert values([dispute]) == [["2013-03-07", "2013-03-10"]]


def test_a_square_unit_of_length_measures_an_area():
    assert not disputes("The company's offices fill a building of 170,000 square feet in the city centre.",
                        "The company's offices fill a building of 15,800 square metres in the city centre.")
    assert not disputes("The company's offices fill a 170,000-square-foot building in the city centre.",
                        "The company's offices fill a 15, 800-square - metre building in the city centre.")
    assert values(disputes("The company's offices fill a building of 170,000 square feet in the city centre.",
                           "The company's offices fill a building of 25,000 square metres in the city centre.")) \
        == [["170,000 square feet", "25,000 square metres"]]


def test_a_months_day_written_without_its_year_disputes_another_and_takes_the_year_the_story_gives_that_month():
    died_18, died_19 = "The retired judge died on 18 December at his home in Denver.", \
        "The retired judge died on December 19 at his home in Denver."
    assert values(disputes(died_18, died_19)) == [["December 18 (year not given)", "December 19 (year not given)"]]
    # a third outlet writes the month with its year: the story says which December it is
    found = disputes(died_18, died_19, "The judge, who retired in December 2019, was buried on Monday.")
    assert values(found) == [["2019-12-18", "2019-12-19"]]
    # a year written by one side only is not lent to the other where the story gives the month two years
    assert not disputes(died_18, "The retired judge died on December 19, 2019 at his home in Denver.",
                        "He had first been elected in December 1990.")


def test_the_length_of_one_persons_sentence_disputes_but_other_holders_and_running_durations_do_not():
    found = disputes("Carlos Mendez was sentenced to seven years in prison for the fraud.",
                     "Carlos Mendez was sentenced to five years in prison for the fraud.")
    assert values(found) == [["5 years", "7 years"]]
    assert all(f.sentence.start <= f.span.start and f.span.end <= f.sentence.end for f in found[0].figures)
    # another holder's sentence, a sentence of no one named, and days of riots each outlet counts to its own day
    assert not disputes("Carlos Mendez was sentenced to seven years in prison for the fraud.",
                        "His partner Ana Ruiz was sentenced to five years in prison for the fraud.")
    assert not disputes("Carlos Mendez was sentenced to seven years in prison for the fraud.",
                        "A five-year sentence was handed down for the fraud.")
    assert not disputes("The shooting sparked five days of riots across the country.",
                        "The shooting sparked eight days of riots across the country.")


def test_one_quakes_magnitude_in_any_writing_disputes_but_not_an_aftershocks_or_a_general_one():
    found = disputes("An earthquake measuring 5.9 on the Richter scale shook the island on Sunday.",
                     "The seismological centre said the quake measured magnitude - 6.4.")
    assert values(found) == [["5.9 magnitude", "6.4 magnitude"]]
    assert not disputes("An earthquake measuring 5.9 on the Richter scale shook the island on Sunday.",
                        "A quake measuring 3.8 on the Richter scale shook the island on Sunday.")
    assert not disputes("An earthquake measuring 5.9 on the Richter scale shook the island on Sunday.",
                        "A magnitude 6.4 quake can cause severe damage.")


def test_a_date_an_event_noun_takes_is_its_day_and_one_of_a_group_is_no_age():
    assert values(disputes("The shooting on December 6, 2008 sparked riots across Greece.",
                           "The shooting on December 7, 2008 sparked riots across Greece.")) == [
        ["2008-12-06", "2008-12-07"]]
    assert not disputes("The man on December 6, 2008 was seen near the station.",
                        "The man on December 7, 2008 was seen near the station.")
    text = "Juror Stanley Perlo, one of the twelve, spoke to reporters."
    article = Article(text, source="Outlet", published=datetime(2026, 4, 20, 9, tzinfo=timezone.utc))
    assert not [f for f in figures.extract(article, next(nlp.parse([text]))) if f.kind == "AGE"]


def test_one_amount_under_two_scale_words_disputes_though_an_order_of_magnitude_apart():
    assert values(disputes("The riots caused an estimated $2 million in damage to shops in Athens.",
                           "The riots caused an estimated $2 billion in damage to shops in Athens.")) == [
        ["an estimated 2 million dollar", "an estimated 2 billion dollar"]]
    assert not disputes("The riots caused an estimated $2 million in damage to shops in Athens.",
                        "The riots caused an estimated $300 million in damage to shops in Athens.")


def test_counts_of_people_named_by_synonyms_of_one_role_are_one_quantity():
    assert values(disputes("Police said 120 protesters were arrested in the capital.",
                           "Police said 300 demonstrators were arrested in the capital.")) == [["120", "300"]]
    assert not disputes("Police said 120 protesters were arrested in the capital.",
                        "Police said 300 students were arrested in the capital.")


def test_which_day_of_one_series_disputes_only_between_reports_of_one_day():
    saturday, sunday = (datetime(2026, 4, d, 20, tzinfo=timezone.utc) for d in (18, 19))
    seventh = "Violent protests against the police killing continued for the seventh straight day."
    eighth = "Rioters attacked shops and banks on the eighth day of protests against the police killing."
    assert values(disputes((seventh, saturday, False), (eighth, saturday, False))) == [["7th", "8th"]]
    # counted to different days, or with no day at all
    assert not disputes((seventh, saturday, False), (eighth, sunday, False))
    assert not disputes(seventh, eighth)


def test_a_phone_number_an_outlet_miswrites_disputes_but_another_partys_number_does_not():
    harbour = ("Anyone who saw the collision is asked to call the coastguard on 0161 496 0732 or the harbour office "
               "on 0161 496 0999.")
    dropped = "Witnesses should contact the coastguard on 0161 496 073, the agency said."
    assert values(disputes(harbour, dropped)) == [["0161 496 073", "0161 496 0732"]]
    assert disputes(harbour, dropped)[0].quantity == "phone number of coastguard"
    # the same digits in other groups agree; a number digits apart from the coastguard's is another one, and the
    # same digits given for another party are that party's
    assert not disputes(harbour, "Witnesses should contact the coastguard on 01614960732.")
    assert not disputes(harbour, "Witnesses should contact the coastguard on 0161 496 1199.")
    assert not disputes(harbour, "Witnesses should contact the harbour office on 0161 496 073.")
    # numbers that are no phone numbers: no word of calling before them, or a span of years
    assert not disputes("The port handled 0161 496 0732 tonnes.", "The port handled 0161 496 073 tonnes.")
    assert not disputes("Call the archive about the 1999-2003 records.",
                        "Call the archive about the 1999-2004 records.")


def test_an_interval_of_one_person_disputes_when_a_he_can_stand_for_that_person_only():
    widow = "Nadia Haddad, who married the deputy six weeks before he was murdered, told the gunman he had failed."
    named_before = ("Deputy Malik Haddad had served with the harbour patrol for a decade. He had married four weeks "
                    "before the shooting.")
    # one interval, between the wedding and the killing, however each outlet names the two events and the groom
    assert values(disputes(widow, named_before)) == [["4 weeks", "6 weeks"]]
    # two people named before the "He": whose wedding it was the text does not say
    two_before = ("Deputy Malik Haddad and Officer Tom Reyes had served with the harbour patrol for a decade. He had "
                  "married four weeks before the shooting.")
    assert not disputes(widow, two_before)


def test_a_persons_weight_disputes_whatever_the_verb_but_not_a_namesakes_or_an_unclear_hes():
    wanted = ("Police are searching for Ray Dunmore, 41, who fled after the robbery. He is six feet tall, weighing "
              "190 pounds, and has a scar on his chin.")
    described = "Officers said Dunmore is six feet tall, 210 pounds, with a tattoo on his neck."
    found = disputes(wanted, described)
    assert values(found) == [["190 pounds", "210 pounds"]] and found[0].quantity == "weight (Dunmore)"
    # another Dunmore, and a "He" that may be the clerk the sentence before names
    assert not disputes(wanted, "Officers said Carl Dunmore weighs 210 pounds and has a tattoo on his neck.")
    assert not disputes("The robber, Ray Dunmore, fled on foot. Officers said the clerk chased him. He is six feet "
                        "tall, weighing 190 pounds.", described)


def test_a_time_of_day_written_after_after_is_the_earliest_it_happened():
    first_call = "The first emergency call came at 3:33 a.m., the fire chief said."
    assert not disputes("The first emergency call came shortly after 3:30 a.m. on Tuesday.", first_call)
    found = disputes("The first emergency call came shortly after 3:40 a.m. on Tuesday.", first_call)
    assert values(found) == [["03:33", "shortly after 03:40"]]


def test_a_time_of_day_to_the_quarter_hour_may_round_another_outlets_but_not_one_further_off():
    first_call = "The first emergency call came at 3:33 a.m., the fire chief said."
    assert not disputes("The first emergency call came at 3:30 a.m. on Tuesday.", first_call)
    assert not disputes("The first emergency call came at 3: 30 a. m. on Tuesday.", first_call)  # detokenised
    found = disputes("The first emergency call came at 3:41 a.m. on Tuesday.", first_call)
    assert values(found) == [["03:33", "03:41"]]
    assert values(disputes("The first emergency call came at 3:45 a.m. on Tuesday.", first_call)) == [
        ["03:33", "03:45"]]


def test_counts_listed_with_a_players_count_are_that_players():
    text = "Tom Reyes posted a game-high 27 points to go with eight rebounds and five assists."
    article = Article(text, source="Outlet 0")
    holders = {f.counted: f.holders for f in figures.extract(article, next(nlp.parse([text])))}
    assert holders["assist"] == holders["rebound"] == holders["point"] == frozenset({"tom", "reyes"})


def test_a_count_of_another_period_is_not_set_against_the_news():
    last = "The franchise won four games last season, the coach said."
    assert not disputes(last, "The franchise has won nine games, the coach said.")
    assert values(disputes(last, "The franchise won nine games last season, the coach said.")) == [["4", "9"]]


def test_a_count_pointing_back_at_an_earlier_one_is_not_set_against_another():
    text = ("Ann Reyes scored 23 points for the Hawks. Those 10 points in the second half tied Ann Reyes with the "
            "school's scoring leader.")
    article = Article(text, source="Outlet 0")
    assert [f.value for f in figures.extract(article, next(nlp.parse([text])))] == [23]
    # Real ECB+ reports: one outlet's "Those 10 points tied McDermott with Rodney Buford" was set against the
    # "five points during a pivotal 15-2 run" two others gave.
    found = ecbplus_disagreements("31_2ecbplus", "31_4ecbplus", "31_9ecbplus")
    assert not any(value == "10" for d in found for value, _ in d.values)


def test_the_one_made_an_offer_does_not_hold_it_the_one_making_it_does():
    text = "The Harbor City Hawks have made first baseman Tom Reyes an eight-year, $200 million offer."
    article = Article(text, source="Outlet 0")
    [offer] = figures.extract(article, next(nlp.parse([text])))
    assert offer.holders == frozenset({"harbor", "city", "hawks"})
    # Real ECB+ reports: the Nationals' $160 million offer to Teixeira and the Red Sox's $200 million one were set
    # against each other as one offer of Teixeira's.
    assert not ecbplus_disagreements("10_1ecbplus", "10_13ecbplus")


def test_a_place_has_one_distance_from_another_named_place_whatever_its_verbs():
    assert values(disputes("Varno, located 1, 150 kilometers southeast of Ostrava, has a busy fishing port.",
                           "Varno island lies about 1,500 kilometers south of Ostrava, the capital.")) \
        == [["1,150 kilometers", "about 1,500 kilometers"]]
    # the place of "a city of 13,000 residents, 18 miles east of" is the city, not its residents
    assert values(disputes("Refugees settle in Decatur, a city of about 13,000 residents, 18 miles east of Atlanta.",
                           "Decatur lies 40 miles east of Atlanta.")) == [["18 miles", "40 miles"]]
    # one distance in two units; distances from other places; another thing's distance from the same place
    assert not disputes("Tolmin is 64 kilometres north of Brela.", "Tolmin, about 40 miles north of Brela, voted.")
    assert not disputes("Varno lies 300 kilometers north of Brela.", "Varno lies 900 kilometers south of Ostrava.")
    assert not disputes("The epicentre was 40 kilometers west of Brela.", "Varno lies 90 kilometers west of Brela.")


def test_a_place_has_one_population_however_outlets_word_it():
    assert values(disputes("The quake struck Varno island, home to 120, 000 people, on Sunday.",
                           "Varno, with a population of 200,000, depends on fishing.")) == [["120,000", "200,000"]]
    assert values(disputes("The island, which has about 200, 000 residents, lost power.",
                           "Varno is the largest island in the gulf, with a population of 120, 000.")) \
        == [["120,000", "about 200,000"]]
    # a bound the other allows; the population of another place
    assert not disputes("Varno has a population of more than 100,000.", "Varno island, home to 120,000 people, shook.")
    assert not disputes("The port of Brela, home to 500,000 people, shook too.",
                        "Varno island, home to 120,000 people, shook.")
    # a part of the people living there
    assert not disputes("The town of Dixfield, home to 90 registered voters, cast its ballots at midnight.",
                        "The town of Dixfield, home to 130 people, cast its ballots at midnight.")


def test_a_named_parent_has_one_count_of_children():
    assert values(disputes("The victim, Dana Pruitt, 34, a mother of five, was shot outside a school.",
                           "Pruitt was the mother of six children, her sister said.")) == [["5", "6"]]
    # "a mother of five" the words do not name may be anyone
    assert not disputes("A mother of five was shot outside a school.", "Pruitt was the mother of six children.")
    # other people counted after a parent noun are not the parent's children
    assert not disputes("Ann Cole, the mother of two soldiers killed in the raid, sued the army.",
                        "Ann Cole, a mother of five, spoke first.")
    # a grandmother's grandchildren are not her children
    assert not disputes("Dana Pruitt, 64, a grandmother of eight, was shot.", "Pruitt was the mother of six children.")


def test_a_year_after_a_subject_of_people_dates_its_verb_and_the_speaker_is_no_participant():
    assert values(disputes("Voters in 2009 approved a $3 million bond to buy the site, clerk Ann Bower said.",
                           "Voters in 2010 approved a $3 million bond for the site, Mayor Tom Reyes said.")) \
        == [["2009", "2010"]]


def test_a_year_the_parse_hangs_on_an_amount_dates_the_verb_above_it():
    # the parse hangs "in 1948" on "million": no year dates an amount, the sale is of that year
    text = "The brothers sold their Texas cattle ranch for a reported $12 million in 1948."
    article = Article(text, source="Outlet 0")
    doc = next(iter(nlp.parse([text])))
    dates = [f for f in figures.extract(article, doc, timex.extract(article, doc)) if f.kind == "DATE"]
    assert [(f.value, f.predicate) for f in dates] == [(1948, "sell")]


def test_years_one_digit_apart_disagree_only_in_one_claim_of_one_verb():
    first = "In 1948 the brothers sold their Texas cattle ranch for a reported $12 million."
    second = "In 1958 the Texas cattle ranch of the brothers was sold for a reported $12 million."
    # one claim, one verb, a digit apart: one outlet's slip of a digit, a decade off
    assert values(aligned_disputes(first, second)) == [["1948", "1958"]]
    # years a decade apart in unaligned sentences are other events ("bought" one year, "sold" another)
    assert not aligned_disputes(first, "The brothers bought a casino in Reno in 1958, long before the crash.")
    # years two digits apart ("1948", "1984") are no slip of one digit
    assert not aligned_disputes(first, second.replace("1958", "1984"))


def test_a_disagreement_shows_only_values_that_cannot_both_be_true():
    found = disputes("The quake killed three people on the island, the governor said.",
                     "The quake killed at least three people on the island.",
                     "Ten people were killed when the earthquake razed villages on the island.")
    # "3" and "at least 3" agree: one value, in each wording, the most exact first, against the "10"
    assert values(found) == [["3 / at least 3", "10"]]
    [(_, three), (_, ten)] = found[0].values
    assert sorted(conflicts.shown(f) for f in three) == ["3", "at least 3"] and len(ten) == 1


def test_a_game_clock_is_one_quantity_of_one_play_in_one_period():
    tied_early = "The Chiefs tied the game at 13 with a field goal with 10:03 to play in the third quarter."
    tied_late = "The Chiefs tied the game on a touchdown run with 6: 00 minutes remaining in the third quarter."
    found = disputes(tied_early, tied_late)
    assert values(found) == [["6:00 left in the third quarter", "10:03 left in the third quarter"]]
    assert found[0].quantity.startswith("game clock when")
    # a clock is written to the second it shows, read at the play or a tick later: a second apart is one reading
    assert values(disputes("Hansen banked in a shot with 7:41 left in the first half.",
                           "Hansen banked in a shot with 7:43 left in the first half.")) \
        == [["7:41 left in the first half", "7:43 left in the first half"]]
    stopped = "Weeks stopped the fight 44 seconds into the seventh round."
    agreeing_or_apart = [
        # another period, a clock whose period is not written, another play, plays minutes apart
        (tied_early, "The Chiefs tied the game with 6:00 remaining in the second quarter."),
        (tied_early, "The Chiefs came out and tied the game with 6:00 remaining."),
        (tied_early, "Jones intercepted a pass with 8:15 left in the third quarter."),
        ("Jones scored on a layup with 14:05 left in the first half.",
         "Jones scored on a layup with 7:41 left in the first half."),
        # two outlets' same clock agree, a tick apart too, and time elapsed is read apart from time left
        ("Hansen banked in a shot with 7:41 left in the first half.",
         "Hansen banked in a shot with 7:42 left in the first half."),
        (stopped, "The referee stopped the fight 44 seconds into the seventh round."),
        (stopped, "The referee stopped the fight with 2:15 left in the seventh round."),
    ]
    assert [pair for pair in agreeing_or_apart if disputes(*pair)] == []

def test_real_reports_timing_one_play_by_the_game_clock_differently_disagree():
    found = [d for d in ecbplus_disagreements("29_10ecbplus", "29_8ecbplus") if d.figures[0].kind == "GAME_CLOCK"]
    assert values(found) == [["6:00 left in the third quarter", "10:03 left in the third quarter"]]


def test_a_length_written_with_a_fraction_is_read_whole_and_one_after_a_slash_is_not_read():
    # "four and a half months" is P4M15D to the time expressions: 4.5 months, set against another outlet's four
    assert values(disputes("Harlan Voss served four and a half months in prison for fraud.",
                           "Harlan Voss served four months in prison for fraud.")) == [["4 months", "4.5 months"]]
    assert not disputes("Harlan Voss served an hour and a half in the cell before his release.",
                        "Harlan Voss served 90 minutes in the cell before his release.")
    # the corpus's "41 / 2 months" lost the space of 4 1/2: its "2 months" is no figure to set against anything
    assert not disputes("Harlan Voss served 41 / 2 months in prison for fraud.",
                        "Harlan Voss served four months in prison for fraud.")


def test_lengths_held_by_a_pronoun_disagree_only_in_sentences_that_state_one_claim():
    first = "Harlan Voss, the campaign treasurer, was found dead on Tuesday. He served four months in federal " \
            "prison for conspiracy to obstruct justice."
    second = "Harlan Voss, the campaign treasurer, was found dead on Tuesday. He served five months in federal " \
             "prison for conspiracy to obstruct justice."
    assert values(aligned_disputes(first, second)) == [["4 months", "5 months"]]
    # unaligned, each outlet's "he" may be anyone's, and its term any of his
    assert not disputes(first, second)
    assert not aligned_disputes(first, "Harlan Voss, the campaign treasurer, was found dead on Tuesday. Years "
                                       "later he spent five months in a clinic on the coast after a fall.")



def test_none_written_in_words_disputes_a_count_of_some():
    found = disputes("The fire in the warehouse on Elm Road was put out by dawn. No one was injured in the blaze.",
                     "Three people were injured in the blaze at the Elm Road warehouse, firefighters said.")
    assert values(found) == [["0", "3"]]
    # no one hurt and no one seriously hurt: some may have been hurt a little, and no one else leaves some out
    assert disputes("No one was seriously injured in the blaze at the Elm Road warehouse.",
                    "Three people were injured in the blaze at the Elm Road warehouse, firefighters said.") == []
    assert disputes("No one else was injured in the blaze at the Elm Road warehouse.",
                    "Three people were injured in the blaze at the Elm Road warehouse, firefighters said.") == []
    # none of what happened to people is read of things, nor a none that is only a guess
    assert disputes("The storm caused no damage to the harbour.", "The storm damaged three boats in the harbour.") == []
    assert counts_read("No one could be rescued from the flooded mine, the mayor said.") == []
    assert counts_read("A shed burned on the same pier in 2019. No one was hurt in that fire.") == []
    assert counts_read("A shed burned on the same pier in 2019. No arrests were made in that fire.") == []
    # a none of another event said in other words than the count's ("in the aftershock", "the earthquake")
    assert disputes("A strong aftershock hit the island on Monday. No one was killed in the aftershock.",
                    "The earthquake killed 10 people on the island, officials said.") == []
    # an outlet's no one may be the residents, and firefighters hurt are not counted against it
    assert disputes("No one was injured in the blaze at the Elm Road warehouse.",
                    "Two firefighters were injured in the blaze at the Elm Road warehouse.") == []


def test_none_written_in_words_is_a_figure_of_no_people_hurt_killed_or_arrested():
    doc_text = ("No injuries were reported. Nobody was killed. The fire caused no deaths. No arrests were made. "
                "No one was believed to be inside. There were no serious injuries.")
    article = Article(doc_text, source="Outlet 0")
    read = figures.extract(article, next(nlp.parse([doc_text])))
    assert [(f.span.text(article), f.value, f.counted) for f in read] == [
        ("No injuries", 0.0, "person"), ("Nobody", 0.0, "person"), ("no deaths", 0.0, "person"),
        ("No arrests", 0.0, "person")]


def counts_read(text: str) -> list[figure.Figure]:
    """The counts one report's text gives, read with its time expressions."""
    article = Article(text, source="Outlet 0")
    doc = next(nlp.parse([text]))
    return [f for f in figures.extract(article, doc, timex.extract(article, doc)) if f.kind == "COUNT"]


def test_a_date_after_the_verb_of_an_earlier_conjunct_does_not_date_the_figure():
    text = "The agency proposed the rules in May and since has received nearly 300,000 comments."
    read = counts_read(text)
    assert [(f.value, set(f.times)) for f in read] == [(300000.0, set())]
    # a date before the first verb dates every verb conjoined to it
    text = "In May, police arrested five protesters and charged three students."
    read = counts_read(text)
    assert [set(f.times) for f in read] == [{"may"}, {"may"}]


def test_a_count_of_the_news_day_named_yesterday_disputes_one_naming_no_day_when_the_articles_are_dated():
    # dated, "yesterday" resolves to a day; undated it stays unresolved: either way it is the news's own day, which
    # a report naming no day means too, so the dispute the undated brief shows is not lost by dating the articles
    wednesday = datetime(2026, 3, 11, 8, tzinfo=timezone.utc)
    yesterday = ("Up to 70 per cent of internet services in Egypt were disrupted yesterday after the cables broke.",
                 wednesday, False)
    no_day = ("Internet services in Egypt were cut by 80 per cent after the undersea cables broke.",
              wednesday, False)
    assert values(disputes(yesterday, no_day)) == [["up to 70%", "80%"]]
    # two outlets' "yesterday" of different days are of different days still
    assert not disputes(yesterday, ("Some 80 per cent of internet services in Egypt were disrupted yesterday after "
                                    "the cables broke.", datetime(2026, 3, 14, 8, tzinfo=timezone.utc), False))
    # a time of day alone is valued on the day of writing too, but names no day of the news
    for text, news_day in [(yesterday[0], True), ("Up to 70 per cent of internet services in Egypt were disrupted at "
                                                  "3 p.m. after the cables broke.", False)]:
        article = Article(text, source="Outlet 0", published=wednesday)
        doc = next(iter(nlp.parse([text])))
        assert [f.news_day for f in figures.extract(article, doc, timex.extract(article, doc))
                if f.kind == "PERCENT"] == [news_day]
    # a weekday named on one side still sets the figures apart, as undated
    assert not disputes(("Up to 70 per cent of internet services in Egypt were disrupted on Tuesday after the "
                         "cables broke.", wednesday, False), no_day)


def test_a_time_of_day_alone_names_no_day_to_date_its_event_by():
    # "shortly before midnight" names no day: resolved against the publication day it would date the arrest to the
    # day the article came out, and set it against another outlet's "Friday"
    monday = datetime(2026, 6, 29, 9, tzinfo=timezone.utc)
    assert not disputes(("The gunman was arrested five buildings away shortly before midnight, police said.",
                         monday, False),
                        ("The gunman was arrested around midnight Friday by a SWAT team, the sheriff said.",
                         monday, False))
    # a time of day with its day still dates the event
    assert values(disputes(("The gunman was arrested at 3 p.m. on Saturday, police said.", monday, False),
                           ("The gunman was arrested on Friday, the sheriff said.", monday, False))) \
        == [["2026-06-26", "2026-06-27"]]


def test_a_win_loss_record_beside_its_holder_is_one_standing_of_that_holder():
    # a record in parentheses, between commas, or after a verb that brings its holder to it: the wins, losses and
    # a tally listed with them are the holder's
    found = disputes("Marisol Ortega (31-2, 24 KOs) stopped her challenger in the ninth round on Friday.",
                     "Champion Marisol Ortega, 32-2, 25 KOs, stopped her challenger in the ninth round.")
    assert sorted(values(found)) == [["24 knockouts (31-2)", "25 knockouts (32-2)"], ["31 wins (31-2)",
                                                                                    "32 wins (32-2)"]]
    assert values(disputes("With the win, Baltimore improved to 18-6 and clinched a playoff spot.",
                           "Baltimore's record rose to 17-6 and they clinched a playoff spot.")) \
        == [["17 wins (17-6)", "18 wins (18-6)"]]
    agreeing_or_apart = [
        # other holders; the same record; a record of another day of the season (many games apart)
        ("Marisol Ortega (31-2) stopped Kim Ladd in the ninth.", "Kim Ladd (30-4) was stopped in the ninth."),
        ("Baltimore (18-6) beat Denver.", "Baltimore, 18-6, beat Denver on Friday."),
        ("Lopez scored 20 points for Baltimore (18-6), who won again.",
         "Lopez had 12 points for Baltimore (12-2) in their home win."),
        # a score beside an object is no standing; a record narrowed to a part of the season is not read
        ("Baltimore beat Denver, 71-64, on Friday.", "Denver (17-6) lost to Baltimore."),
        ("Baltimore beat Denver, 71-64, on Friday.", "Denver, 70-64, lost again."),
        ("Baltimore (18-6, 9-3 away) won again.", "Baltimore moved to 17-6 in conference play."),
        # a verb that brings its subject ahead or back to a score tells of a lead in a game
        ("Baltimore (18-6) won again.", "Baltimore moved ahead to 17-6 with a jumper."),
    ]
    assert [pair for pair in agreeing_or_apart if disputes(*pair)] == []


def test_the_games_a_tally_is_counted_over_are_one_count_whatever_verb_states_the_tally():
    found = disputes("Jason Miller now has 1,870 points in 98 games for Oregon.",
                     "Jason Miller has notched his 1,870 points in 97 games for Oregon.")
    assert values(found) == [["97", "98"]]
    assert found[0].figures[0].predicate == "play"
    apart = [
        # another holder's games; games that are no span of a tally ("won 98 games", a run of them)
        ("Jason Miller now has 1,870 points in 98 games.", "Andre Diaz has notched 1,500 points in 97 games."),
        ("Jason Miller now has 1,870 points in 98 games.", "Oregon won 97 games with Jason Miller."),
        ("Jason Miller has scored in 8 straight games.", "Jason Miller has now scored in 9 straight games."),
        # a window of the tally each outlet picks: with one team, or with two
        ("Jason Miller batted .358 in 54 games with the Angels.",
         "Jason Miller batted .308 in 57 games with the Angels and Braves."),
    ]
    assert [pair for pair in apart if disputes(*pair)] == []


def test_a_record_of_a_number_is_the_size_of_its_owners_record():
    # "record of 2,106" (no noun) and "record of 2,116 points": the record's size, the owner's, whoever breaks it
    found = disputes("Devin McCoy needed 11 points to break Dave Ruiz's school scoring record of 2,106.",
                     "Devin McCoy broke Dave Ruiz's school scoring record of 2,116 points with a free throw.")
    assert values(found) == [["2,106", "2,116"]]
    assert {f.holders for f in found[0].figures} == {frozenset({"dave", "ruiz"})}
    # a text without its original spacing splits the thousands, and the parse hangs the parts apart
    assert values(disputes("Devin McCoy needed 11 points to break Dave Ruiz's scoring record of 2, 106.",
                           "Devin McCoy broke Dave Ruiz's school scoring record of 2,116 points.")) \
        == [["2,106", "2,116"]]
    apart = [
        # another owner's record; the breaker's own total is not the record
        ("McCoy broke Dave Ruiz's school scoring record of 2,116 points.",
         "McCoy also broke Al Tate's school assists record of 2,090."),
        ("McCoy broke Dave Ruiz's school scoring record of 2,116 points.", "McCoy now has 2,129 points."),
    ]
    assert [pair for pair in apart if disputes(*pair)] == []


def test_a_length_over_before_the_clauses_event_is_set_once_and_read_undated():
    # "after N years of" puts the length before the freeing: over, not counted to each outlet's day of writing
    found = disputes("Carlos Mendez was freed after 12 years of imprisonment in the fortress.",
                     "Carlos Mendez was freed after nine years of imprisonment in the fortress.")
    assert values(found) == [["9 years", "12 years"]]
    # a length up to another event is counted to another day
    assert not disputes("Carlos Mendez was freed after 12 years of imprisonment in the fortress.",
                        "Carlos Mendez fell ill after nine years of imprisonment in the fortress.")
    assert not disputes("The shooting sparked five days of riots across the country.",
                        "The shooting sparked eight days of riots across the country.")


def test_which_time_a_named_holder_does_a_thing_disputes_as_a_noun_or_a_verb_but_not_over_a_stretch():
    found = disputes("The win was Maria Kowalski's fourth defense of the WBA title.",
                     "Maria Kowalski retained her World Boxing Association title for the third time on Saturday.")
    assert values(found) == [["3rd", "4th"]]
    # a name with two letters swapped is the same holder's; another holder, a pronoun and a stretch are not
    assert values(disputes("The win was Kowalksi's fourth defense of the WBA title.",
                           "Maria Kowalski retained her WBA title for the third time.")) == [["3rd", "4th"]]
    assert not disputes("The win was Maria Kowalski's fourth defense of the WBA title.",
                        "Dominika Nowak retained her WBA title for the third time.")
    assert not disputes("The win was Maria Kowalski's fourth defense of the WBA title.",
                        "She retained her WBA title for the third time.")
    assert not disputes("The win was Maria Kowalski's fourth defense of the WBA title.",
                        "It was Maria Kowalski's second defense of the WBA title this year.")
    assert not disputes("Maria Kowalski fought for the first time since 2019.",
                        "Maria Kowalski fought for the third time since 2015.")


def test_a_count_of_times_written_as_one_adverb_disputes_one_written_as_a_number_of_times():
    # "twice" is read as "two times" is: a count of times of what the verb says happened, held by its subject
    found = disputes("The singer Lena Marsh married twice and had no children, her agent said.",
                     "The singer Lena Marsh was married three times and had no children, her agent said.")
    assert values(found) == [["2", "3"]]
    # another verb is another count, and a multiplier, a rate or an addition is no count of times
    assert not disputes("The singer Lena Marsh divorced twice and had no children, her agent said.",
                        "The singer Lena Marsh was married three times and had no children, her agent said.")
    for text in ("Lena Marsh sold twice as many records as her sister.", "Lena Marsh toured twice a year.",
                 "Lena Marsh married twice more after the war."):
        article = Article(text, source="Outlet 0")
        doc = next(iter(nlp.parse([text])))
        assert not [f for f in figures.extract(article, doc, timex.extract(article, doc)) if f.counted == "time"]


def test_a_date_past_a_semicolon_does_not_set_the_figure_apart():
    # the parse hangs "married" from the verb of the clause after the semicolon, whose years are that clause's
    found = disputes("The singer Lena Marsh married twice; her first marriage lasted from 1961 to 1965.",
                     "The singer Lena Marsh was married three times and had no children.")
    assert values(found) == [["2", "3"]]
    # a date of the figure's own clause still sets it apart
    assert not disputes("Lena Marsh married twice in 1961 and 1965.", "Lena Marsh was married three times.")


def test_three_outlets_giving_three_weekdays_report_three_occasions_not_one_disputed_day():
    # Each undated report's batch of documents came out on its own day: one event has one day, and outlets that
    # disagree on it give two.
    three = disputes("The ministry released a new batch of the documents on Monday, officials said.",
                     "The ministry released a new batch of the documents on Tuesday, officials said.",
                     "The ministry released a new batch of the documents on Thursday, officials said.")
    assert not [d for d in three if d.figures[0].kind == "DATE"]
    two = disputes("The ministry released a new batch of the documents on Monday, officials said.",
                   "The ministry released a new batch of the documents on Tuesday, officials said.")
    assert [d for d in two if d.figures[0].kind == "DATE"]


def test_an_amount_written_as_what_a_noun_is_worth_is_that_nouns_size_whatever_is_done_with_it():
    # "a contract worth $90 million" is the contract's size, as "a $60 million contract" is: the parse hangs the
    # amount on "worth", which qualifies the noun, and the verb done to the contract says nothing of its size
    found = disputes("The club offered the pitcher a five-year contract worth $90 million, his agent said.",
                     "The club offered the pitcher a five-year, $60 million contract, his agent said.",
                     "Officials said the club offered the pitcher a five-year contract worth $90 million.")
    assert values(found) == [["60 million dollar", "90 million dollar"]]
    assert {f.counted for f in found[0].figures} >= {"contract"}
    # "worth of" makes "worth" the noun, whose object is what is counted; it is read as before
    assert not disputes("Thieves stole £910,000 worth of jewellery from a hotel in May.",
                        "Thieves stole £900,000 worth of jewellery from a hotel in May.")


def test_a_conversion_in_brackets_after_a_currency_word_the_tagger_left_out_is_no_figure_of_its_own():
    # the parse hangs "($6.5 million)" on "euro", outside the money entity: read alone it would be an amount of
    # euros counted in dollars, set against other outlets' dollars of another thing
    text = "Burglars made off with a 5 million euro ($6.5 million) booty, police said."
    article = Article(text, source="Outlet 0")
    found = figures.extract(article, next(iter(nlp.parse([text]))), [])
    assert [(f.kind, f.unit, f.value, f.counted) for f in found] == [("MONEY", "euro", 5e6, "booty")]


def test_a_that_opening_the_clause_of_a_verb_of_saying_does_not_point_the_figure_back():
    # "said that turnout was ...": the parse makes the conjunction a determiner of "turnout", which read as a
    # demonstrative would leave the percentage out as pointing back at one given before
    found = disputes("The election commission said that turnout was almost 80 percent in the parliamentary vote.",
                     "Officials said turnout reached 93.5 percent in the parliamentary vote.")
    assert values(found) == [["almost 80%", "93.5%"]]
    # a demonstrative still points back ("those 12 points"), whatever verb it follows
    assert not disputes("Coach Reed said those 12 points sealed the game.",
                        "Coach Reed said 14 points sealed the game.")


def test_an_amount_of_no_holder_is_not_set_against_one_of_a_thing_the_story_gives_for_several_holders():
    # two bidders' offers are named apart; an offer whose clause names no bidder may be either's, so the brief
    # says nothing of it rather than set it against one bidder's
    reports = ("The Nationals made the slugger an eight-year, $160 million offer on Monday.",
               "The Red Sox made the slugger an eight-year, $200 million offer on Monday.",
               "Sources said the slugger had received an eight-year offer worth $120 million on Monday.")
    assert not disputes(*reports)
    # with one bidder named, an offer of no one named is still set against its figure
    assert values(disputes(reports[0], reports[2])) == [["120 million dollar", "160 million dollar"]]


def test_a_person_named_in_a_relative_clause_of_a_participant_is_not_one_the_figure_is_of():
    # "for candidates all of whom are loyal to President X": the percentage is the vote's, not a person's, and is
    # set against another outlet's turnout that names no one
    found = disputes("Officials said turnout reached 93.5 percent in the vote for candidates all of whom are loyal "
                     "to President Anna Morrow.",
                     "The election commission said that turnout was almost 80 percent in the vote.")
    assert values(found) == [["almost 80%", "93.5%"]]
