import re
from pathlib import Path

import numpy as np

from storyline.brief import build
from storyline.compare import claims
from storyline.compare import conflicts, figure, figures
from storyline.parse import nlp
from storyline.parse.embed import embed
from storyline.compare.framing import loaded_spans, wording_choices
from storyline.ingest import read
from storyline.model import Article, Span, with_headline
from storyline.text.estimates import allowed

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
HARBOR = (
    "A fire at the Genoa container terminal killed 23 people on Tuesday, the port authority said.\n"
    "Firefighters brought the blaze under control after nine hours of work through the night.\n"
    "The terminal's owner, Ligure Logistics, had been fined twice for safety breaches since 2021.\n"
    "Ligure Logistics said the damage would cost about 40 million euros to repair."
)
LEDGER = (
    "Firefighters brought the fire under control after nine hours of work through the night.\n"
    "The blaze at the Genoa container terminal killed 25 people on Tuesday, according to the port authority.\n"
    "The regime in Rome slammed local officials for ignoring repeated warnings about the warehouse.\n"
    "Insurers put the damage at 60 million euros, and two firefighters were treated for smoke inhalation."
)


def parsed():
    harbor, ledger = Article(HARBOR, source="Harbor Daily"), Article(LEDGER, source="Northern Ledger")
    return [(harbor, ledger)] + [list(zip((harbor, ledger), nlp.parse([harbor.text, ledger.text])))]


def grouped():
    (harbor, ledger), pairs = parsed()
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    articles = {harbor.id: harbor, ledger.id: ledger}
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    found = conflicts.disagreements([f for article, doc in pairs for f in figures.extract(article, doc)], embed)
    claims.mark_figure_conflicts(groups, found)
    return articles, groups, found


def texts(group, articles):
    return [u.span.text(articles[u.span.article_id]) for u in group.units]


def test_different_death_toll_and_damage_estimate_are_disagreements_and_other_counts_are_not():
    articles, groups, found = grouped()
    values = sorted(tuple(sorted(f.value for f in d.figures)) for d in found)
    assert values == [(23, 25), (40e6, 60e6)]
    assert all({f.outlet for f in d.figures} == {"Harbor Daily", "Northern Ledger"} for d in found)
    conflicting = [g for g in groups if g.kind == "conflicting"]
    assert any("killed 23" in t for g in conflicting for t in texts(g, articles))


def test_same_claim_in_two_outlets_is_shared_and_one_outlet_facts_are_single_source():
    articles, groups, _ = grouped()
    [shared] = [g for g in groups if g.kind == "shared"]
    assert shared.sources == ["Harbor Daily", "Northern Ledger"]
    assert all("nine hours" in text for text in texts(shared, articles))
    singles = [texts(g, articles)[0] for g in groups if g.kind == "single-source"]
    assert any("fined twice" in text for text in singles)
    assert any("slammed" in text for text in singles)


def claim_units(*articles: Article) -> list[claims.ClaimUnit]:
    docs = nlp.parse([a.text for a in articles])
    return [unit for article, doc in zip(articles, docs) for unit in claims.units(article, doc)]


def negations_and_the_first_twos_alignment(*texts: str) -> tuple[list[bool], list[str]]:
    """Whether each text's one sentence denies what it says, and the kinds of the groups the first two align in."""
    articles = [Article(text, source=chr(ord("A") + n)) for n, text in enumerate(texts)]
    units = claim_units(*articles)
    groups = claims.align(units[:2], embed(list(texts[:2])))
    return [u.negated for u in units], [g.kind for g in groups]


def test_denial_of_the_same_statement_is_a_polarity_conflict():
    first = Article("The minister resigned on Friday after the audit was published.", source="A")
    second = Article("The minister did not resign on Friday after the audit was published.", source="B")
    pairs = list(zip((first, second), nlp.parse([first.text, second.text])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    [group] = claims.align(units, embed([first.text, second.text]))
    assert group.kind == "conflicting" and group.conflict == "polarity: B denies what A states"


def test_a_denial_of_another_subject_is_no_polarity_conflict():
    """Two sentences naming the same people, one denying of the director what the other states of the cast."""
    first = Article("Unlike the stars Anna Lind, Omar Haddad and Mia Sato, director Paul Berg is not signed for the "
                    "sequel to the film.", source="A")
    second = Article("The stars Anna Lind, Omar Haddad and Mia Sato are already signed for the sequel to the film.",
                     source="B")
    units = claim_units(first, second)
    assert [u.subject for u in units] == ["berg", "star"]
    groups = claims.align(units, embed([first.text, second.text]))
    assert not any(g.conflict for g in groups)


def test_a_not_placed_on_a_verb_of_opinion_or_on_its_clause_is_the_same_statement():
    first = Article("I didn't feel on the court we were playing the way we want to play.", source="A")
    second = Article("I feel on the court we weren't playing the way we want to play.", source="B")
    third = Article("I feel on the court we were playing the way we want to play.", source="C")
    units = claim_units(first, second, third)
    assert [u.negated for u in units] == [True, True, False]
    groups = claims.align(units[:2], embed([first.text, second.text]))
    assert [g.kind for g in groups] == ["shared"]


def test_no_or_nothing_before_the_noun_denies_as_not_does():
    assert negations_and_the_first_twos_alignment(
        "Investigators have no leads on the motive for the attack on the church.",
        "Investigators do not have any leads on the motive for the attack on the church.",
        "Nothing was stolen from the museum during the night.",
        "Investigators have leads on the motive for the attack on the church.") \
        == ([True, True, True, False], ["shared"])


def test_a_not_that_times_the_verb_with_until_denies_nothing():
    assert negations_and_the_first_twos_alignment(
        "The visitors took their first lead of the game when Ratliff returned an interception for a touchdown.",
        "The visitors didn't take their first lead of the game until Ratliff returned an interception for a "
        "touchdown.",
        "The police did not release the driver's name until Monday.",
        "The visitors did not take the lead in the game at any point on Sunday.") \
        == ([False, False, False, True], ["shared"])


def test_wording_choices_and_loaded_words():
    articles, groups, _ = grouped()
    docs = {article.id: doc for article, doc in parsed()[1]}
    choices = {(c.left.text(articles[c.left.article_id]), c.right.text(articles[c.right.article_id]))
               for c in wording_choices(groups, articles, docs.__getitem__, embed)}
    # "blaze" / "fire" is one thing in two plain words: no slant.
    assert not any({"blaze", "fire"} == set(choice) for choice in choices)
    ledger = next(a for a in articles.values() if a.source == "Northern Ledger")
    assert [s.text(ledger) for s in loaded_spans(ledger, docs[ledger.id])] == ["regime", "slammed"]


def test_a_figure_disagreement_names_each_value_once_with_the_outlets_giving_it():
    def reported(outlet: str, value: float, hedge: str = "") -> figure.Figure:
        bound = "lower" if hedge else "exact"
        return figure.Figure(Span(outlet, 0, 1), Span(outlet, 0, 9), outlet, value, "COUNT", "", "", bound,
                              allowed(value, bound, figure.CONFIG.shares), "worker", "kill", "workers killed",
                              "dock workers killed", hedge=hedge)

    disagreement = conflicts.FigureDisagreement((reported("Civic Post", 3), reported("Ledger", 4),
                                                 reported("Ledger", 3), reported("Wire", 3),
                                                 reported("Post", 3, "more than")))
    assert disagreement.description == \
        "workers killed: 3 (Civic Post, Ledger, Wire) vs more than 3 (Post) vs 4 (Ledger)"
    assert [figure.readable(v) for v in (43, 12500, 1.2e9, 6e7)] == ["43", "12,500", "1.2 billion", "60 million"]


def choices_between(first: str, second: str) -> set[tuple[str, str]]:
    """The wording choices between two outlets' one-sentence reports of a claim, as the texts of each side."""
    articles = {a.id: a for a in (Article(first, source="A"), Article(second, source="B"))}
    pairs = list(zip(articles.values(), nlp.parse([first, second])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    [group] = claims.align(units, embed([first, second]))
    docs = {article.id: doc for article, doc in pairs}
    return {(c.left.text(articles[c.left.article_id]), c.right.text(articles[c.right.article_id]))
            for c in wording_choices([group], articles, docs.__getitem__, embed)}


def test_function_words_spellings_and_inflections_are_no_wording_choice():
    assert choices_between("Police said the gunman drew his weapon and the shootings left the defense lawyer's "
                           "office in Calif. closed on Friday.",
                           "Police said the gunman drew a weapon and the shooting left the defence lawyer's "
                           "office in California closed on Friday.") == set()


def test_another_verb_of_saying_or_another_part_of_speech_is_no_wording_choice():
    assert choices_between("The neighbour said the gunman fired from the roof of the school at noon.",
                           "The neighbour testified the gunman fired from the roof of the school at noon.") == set()
    assert choices_between("The court heard that the driver admitted the crash on the bridge near the port.",
                           "The court heard that the driver was guilty of the crash on the bridge near the port.") \
        == set()
    # A loaded verb of saying is the outlet's choice.
    assert choices_between("The mayor said the bridge was safe for traffic before the storm arrived.",
                           "The mayor claimed the bridge was safe for traffic before the storm arrived.") \
        == {("said", "claimed")}


def test_words_lined_up_in_different_places_of_two_statements_are_no_wording_choice():
    # The alignment lines up "fire" and "church" by "the" before them; they belong to two statements.
    assert choices_between("The mayor issued a statement after the fire and offered help to the families of the "
                           "workers at the mill.",
                           "The mayor stopped by the church this morning and offered help to the families of the "
                           "workers at the mill.") == set()
    assert choices_between("Nobody was injured in the protest at the mill on the river, the chief said.",
                           "Nobody was injured in the riot at the mill on the river, the chief said.") \
        == {("protest", "riot")}


def test_a_detail_added_or_a_name_for_another_is_no_wording_choice():
    assert choices_between("The champion stopped the challenger in the sixth round to keep his title belts on "
                           "Saturday night.",
                           "The champion stopped the challenger in the sixth round to keep his titles on Saturday "
                           "night.") == set()
    assert choices_between("Microsoft released an emergency fix for Internet Explorer after attacks on users.",
                           "Microsoft released an emergency fix for the IE flaw after attacks on users.") == set()
    assert choices_between("Microsoft launches emergency patch for the browser after attacks on users.",
                           "Microsoft rushes out security patch for the browser after attacks on users.") == set()


def test_plain_synonyms_are_no_framing_and_words_that_judge_differently_are():
    assert choices_between("The blaze destroyed the old timber warehouse beside the harbour on Sunday.",
                           "The fire destroyed the old timber warehouse beside the harbour on Sunday.") == set()
    assert choices_between("Shares of the airline fell sharply in early trading in London on Monday.",
                           "Shares of the airline dropped sharply in early trading in London on Monday.") == set()
    assert choices_between("Nobody was injured in the fire at the mill on the river, the chief said.",
                           "Nobody was hurt in the fire at the mill on the river, the chief said.") == set()
    # A negated word's sentiment is not its own.
    assert choices_between("The actress did not allow anyone to take her photograph in her later years in Nashville.",
                           "The actress refused to let anyone take her photograph in her later years in Nashville.") \
        == set()
    # A loaded word against its neutral one, and words of clearly different sentiment, frame the claim.
    assert choices_between("The council approved the plan to close the hospital at its meeting on Monday evening.",
                           "The council approved the scheme to close the hospital at its meeting on Monday evening.") \
        == {("plan", "scheme")}
    assert choices_between("Police broke up the protest in the main square of the capital late on Sunday night.",
                           "Police broke up the riot in the main square of the capital late on Sunday night.") \
        == {("protest", "riot")}
    # A loaded noun naming a kind of another ("mob boss") is no crowd.
    assert choices_between("The mob boss was jailed for twelve years by the court in Brooklyn.",
                           "The Mafioso was jailed for twelve years by the court in Brooklyn.") == set()


def test_a_claim_is_stated_by_a_sentence_that_says_who_and_the_summary_skips_claims_none_does():
    first = Article("He called the senator a liar twice during the debate in Detroit. The debate drew a record "
                    "audience of twenty million viewers on cable television.", source="A")
    second = Article("Kessler called the senator a liar twice during the debate in Detroit. He later said he "
                     "regretted nothing about the exchange with the senator.", source="B")
    third = Article("He later said he regretted nothing about the exchange with the senator. The debate drew a "
                    "record audience of twenty million viewers on cable television.", source="C")
    articles = {a.id: a for a in (first, second, third)}
    pairs = list(zip(articles.values(), nlp.parse([a.text for a in articles.values()])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    [liar] = [g for g in groups if "liar" in g.units[0].span.text(articles[g.units[0].span.article_id])]
    assert liar.units[0].source == "B" and liar.units[0].reads_alone
    summary = [unit.span.text(articles[unit.span.article_id]) for _, unit in build._summary(groups, articles,
                                                                                             build.CONFIG)]
    assert not any("regretted" in text for text in summary) and any("record audience" in text for text in summary)
    quoted = Article('"The senator had no answer on taxes. We won the night easily," said Kessler after the '
                     'debate in Detroit. "Nobody in that hall will forget tonight for a very long time."',
                     source="D")
    # Only a sentence that names the speaker says whose words it gives: the quotation's first sentence does not,
    # nor one that is all quotation.
    assert [u.reads_alone for u in claims.units(quoted, next(nlp.parse([quoted.text])))] == [False, False, False]
    named = Article('"We won the night easily and the voters saw it," said Kessler after the debate in Detroit.',
                    source="E")
    assert [u.reads_alone for u in claims.units(named, next(nlp.parse([named.text])))] == [True]


def test_a_sentence_speaking_to_the_reader_does_not_read_alone():
    article = Article("Hackers are exploiting a flaw in the Lumen browser, its maker said on Monday. If you use "
                      "Lumen, install the patch now. You should also change your passwords this week. Read more "
                      "about the flaw in our guide.", source="A")
    assert [u.reads_alone for u in claims.units(article, next(nlp.parse([article.text])))] == \
        [True, False, False, False]


def test_a_sentence_in_the_writers_own_voice_does_not_read_alone():
    article = Article("The champion stopped the challenger in the seventh round on Saturday night. In the third round "
                      "the champion so dominated that I scored it a 10-8 round. We will rebuild the arena, the mayor "
                      "said after the fight. Our readers in the US watched the fight until late at night. I think the "
                      "challenger should retire now.", source="A")
    assert [u.reads_alone for u in claims.units(article, next(nlp.parse([article.text])))] == \
        [True, False, True, False, False]


def test_a_sentence_whose_subject_stands_for_what_came_before_does_not_read_alone():
    article = Article("The court fined the Harwick mill 40,000 euros on Tuesday for polluting the river. The mill and "
                      "its owner appealed at once. The latter said the fine would close the mill. This was the third "
                      "fine in two years. Those who live by the river welcomed the ruling.", source="A")
    assert [u.reads_alone for u in claims.units(article, next(nlp.parse([article.text])))] == \
        [True, True, False, False, True]


def test_the_news_in_the_outlets_leads_ranks_before_background_they_share():
    background = ("The region lies on a fault line where two tectonic plates meet, and geologists have long warned "
                  "of a large earthquake there.")
    news = "A strong earthquake struck the coastal city of Kessel on Sunday, killing at least twelve people."
    filler = ["Rescue teams searched collapsed buildings through the night.",
              "Schools in the province stayed closed on Monday as engineers checked their walls.",
              "Power was restored to most homes by the evening, the grid operator said."]
    first = Article(" ".join([news] + filler + [background]), source="A")
    second = Article(" ".join(["Officials said the death toll could rise as more bodies were found."] + filler[::-1]
                              + [background, news]), source="B")
    pairs = list(zip((first, second), nlp.parse([first.text, second.text])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    articles = {first.id: first, second.id: second}
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    centrality = {texts(g, articles)[0]: g.centrality for g in groups if g.kind == "shared"}
    assert centrality[news] > centrality[background]


def test_a_day_counted_from_a_guessed_publication_date_is_never_in_dispute():
    from datetime import datetime, timezone

    from storyline.extract import timex
    from storyline.stories.pubdate import revalued

    text = "The dam on the Vardar river burst on Sunday, flooding three villages, the regional governor said."
    monday = text.replace("Sunday", "Monday")
    published = datetime(2009, 1, 6, 9, tzinfo=timezone.utc)
    stated = Article(text, source="Harbor Daily", published=published)
    stated_other = Article(monday, source="Northern Ledger", published=published)
    guessed = Article(monday, source="Northern Ledger", published=published, published_inferred=True,
                      published_confidence=0.6)
    docs = list(nlp.parse([text, monday, monday]))

    def dispute(other: Article, times) -> list:
        found = (figures.extract(stated, docs[0], timex.extract(stated, docs[0]))
                 + figures.extract(other, docs[1], times))
        return [d for d in conflicts.disagreements(found, embed) if d.figures[0].kind == "DATE"]

    assert dispute(stated_other, timex.extract(stated_other, docs[1])), "a stated Sunday and Monday disagree"
    assert dispute(guessed, revalued(guessed, docs[2])) == [], "a Monday counted from a guessed date does not"


def test_days_and_names_are_no_wording_choice_and_a_name_holds_no_loaded_word():
    assert choices_between("Riot police fired tear gas at protesters outside parliament in Athens on Thursday, as "
                           "the strike shut schools across Europe.",
                           "Riot police fired tear gas at rioters outside parliament in Athens yesterday, as "
                           "the strike shut schools across Asia.") == {("protesters", "rioters")}
    party = Article("The Coalition of the Radical Left called the radical cuts a betrayal.", source="C")
    [doc] = nlp.parse([party.text])
    assert [(s.start, s.text(party)) for s in loaded_spans(party, doc)] == [(45, "radical")]


def test_a_claim_starts_past_a_datelines_dash_the_parse_left_on_its_sentence():
    [article] = read([str(EXAMPLES / "port-fire-genoa" / "meridian-wire.txt")])
    texts = [unit.span.text(article) for unit in claim_units(article)]
    assert any(text.startswith("A fire destroyed") for text in texts)
    assert not any(text[0] in "—–-" for text in texts)


def test_the_summary_states_a_claim_by_a_sentence_rather_than_a_headline():
    title = "Fire destroys old timber warehouse beside Kessel harbour"
    first = Article(with_headline(title, "Ferries ran late all morning as crews cooled the ruins of the warehouse on "
                                         "the quay."), title=title, source="A")
    second = Article("A fire destroyed the old timber warehouse beside the harbour in Kessel on Sunday. Crews cooled "
                     "the ruins all morning.", source="B")
    articles = {a.id: a for a in (first, second)}
    headline, _, sentence, _ = units = claim_units(first, second)
    vectors = embed([u.span.text(articles[u.span.article_id]) for u in units])
    fire = claims.ClaimGroup([headline, sentence], "shared", ["A", "B"], ["A", "B"], centrality=1.0,
                             vector=(vectors[0] + vectors[2]) / 2)
    [(group, stated)] = build._summary([fire], articles, build.CONFIG)
    assert stated is sentence


def test_a_headline_is_stated_by_a_lead_not_by_a_sentence_deep_in_a_report():
    def report(source: str, title: str, body: str) -> Article:
        return Article(with_headline(title, body), source=source, title=title)

    def unit(article: Article, sentence: str, position: int) -> claims.ClaimUnit:
        # its words as its lemmas: a lead states a headline only when it says the headline's words
        start = article.text.index(sentence)
        return claims.ClaimUnit(article.span(start, start + len(sentence)), article.source, "", False,
                                frozenset(re.findall(r"[a-z]+", sentence.lower())), position)

    headline = "Rovers beat United 3-1 to win the cup"
    live = report("Live", "Cup final as it happened",
                  "Kick-off at the national stadium. Rovers score first. The crowd sings. United reply before the "
                  "break. Rovers 2, United 1 and a new game.")
    wire = report("Wire", headline, "Rovers beat United 3-1 on Saturday to win the cup for the first time.")
    post = report("Post", "Rovers take the cup", "Fans filled the square after the final.")
    articles = {a.id: a for a in (live, wire, post)}
    vector = np.ones(4) / 2
    deep = claims.ClaimGroup([unit(wire, headline, 0), unit(live, "Rovers 2, United 1 and a new game.", 5),
                              unit(post, "Rovers take the cup", 0)], "shared", ["Live", "Post", "Wire"],
                             ["Live", "Post", "Wire"], centrality=3.0, vector=vector)
    [(_, stated)] = build._summary([deep], articles, build.CONFIG)
    assert stated.span.text(wire) == headline
    lead = "Rovers beat United 3-1 on Saturday to win the cup for the first time."
    deep.units.append(unit(wire, lead, 1))
    [(_, stated)] = build._summary([deep], articles, build.CONFIG)
    assert stated.span.text(wire) == lead


def test_a_claim_is_embedded_as_the_unit_that_says_it_best_not_as_the_mean_of_its_units():
    # A mean over a large group drifts to the story's centre and seems to say every other claim of it again.
    texts = ["The ferry operator suspended all sailings to the island after the storm damaged the main pier.",
             "All sailings to the island were suspended by the ferry operator once the storm damaged its pier."]
    articles = [Article(text, source=source) for text, source in zip(texts, ("A", "B"))]
    units = [u for article, doc in zip(articles, nlp.parse(texts)) for u in claims.units(article, doc)]
    vectors = embed(texts)
    [group] = claims.align(units, vectors)
    first = next(k for k, u in enumerate(units) if u is group.units[0])
    assert len(group.units) == 2 and np.allclose(group.vector, vectors[first])


def test_one_claim_written_in_other_words_by_each_outlet_is_one_claim():
    reports = {
        "A": "Flames tore through the old Harlow flour mill overnight. The mill was a total loss, the town's fire "
             "chief said on Wednesday. Crews kept the fire from the grain silos next door.",
        "B": "A fire destroyed a historic mill in Harlow early on Wednesday. Town officials said the mill would "
             "likely be a total loss. Nobody was inside when the fire started.",
        "C": "The Harlow mill burned down before dawn. As anyone could see from the road, it was a total loss, the "
             "owner told reporters.",
        # The same words beside what the sentence says: another claim.
        "D": "Insurers who covered the total loss of a warehouse in Harlow last year have raised their premiums for "
             "old buildings across the county.",
    }
    outlets = [Article(text, source=source) for source, text in reports.items()]
    articles = {article.id: article for article in outlets}
    pairs = list(zip(outlets, nlp.parse([article.text for article in outlets])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    [loss] = [g for g in groups if any("total loss" in text for text in texts(g, articles)) and len(g.sources) > 1]
    assert loss.sources == ["A", "B", "C"]
    assert any("As anyone could see" in text for text in texts(loss, articles))


def test_a_caption_run_into_a_sentence_without_a_full_stop_is_a_claim_of_its_own():
    captioned = Article("Smoke rises over the harbour after the blast at the old refinery A second explosion shook "
                        "the town an hour later, the fire brigade said on Monday.", source="A")
    plain = Article("A second explosion shook the town an hour later, the fire brigade said on Monday.", source="B")
    articles = {a.id: a for a in (captioned, plain)}
    pairs = list(zip(articles.values(), nlp.parse([a.text for a in articles.values()])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    assert [(u.source, u.position, u.span.text(articles[u.span.article_id])) for u in units] == [
        ("A", 0, "Smoke rises over the harbour after the blast at the old refinery"),
        ("A", 1, "A second explosion shook the town an hour later, the fire brigade said on Monday."),
        ("B", 0, "A second explosion shook the town an hour later, the fire brigade said on Monday.")]
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    assert sorted(g.kind for g in groups) == ["shared", "single-source"]
    # Capitals inside a quotation open no sentence of the claim: a chant's words stay in it.
    chanted = Article('Marchers outside the town hall chanted "Enough is enough When will they listen" for an hour '
                      'on Monday.', source="C")
    assert len(claims.units(chanted, next(nlp.parse([chanted.text])))) == 1


def test_a_verb_reporting_a_clause_is_no_phrase_two_claims_share():
    def said(text):
        [doc] = nlp.parse([text])
        return claims.phrases(next(doc.sents))

    fix = said('"We are actively working to develop a security update for the browser," the spokesman added.')
    watch = said('"We are actively working with partners to monitor the threat and block the malicious sites."')
    assert ("actively", "work") not in fix and not fix & watch
    # What the reported clause says is still a phrase of the sentence.
    assert ("total", "loss") in said("The town's fire chief said the old mill would likely be a total loss.")


def test_a_sentence_tells_a_development_not_a_reaction_an_explanation_or_a_plan():
    # Own text: what happened or was done, told as fact in the past or the present perfect (also through a verb of
    # saying, where a past "said" moves the clause's tense back: "had signed" tells "has signed"; and in a headline's
    # present or bare participle), against a judgement, the generic present of an explanation, a plan, what is going
    # on and what had happened before the telling.
    headline = "Mayor of Tarrow charged over harbour contract"
    body = {
        "Prosecutors charged the mayor of Tarrow with fraud on Monday.": True,
        "Three residents have sued the council in the district court.": True,
        "The council has promised to publish every contract it signed.": True,
        "Police said two officials were arrested at the town hall.": True,
        "A spokesman said the mayor had signed the contract without a vote.": True,
        "The contract was a loss for the town of about two million pounds.": True,
        "The council leader called the charge a political attack on the town.": False,
        "The law requires every contract above a million pounds to be published.": False,
        "The new rule would end the council's own checks of its tenders.": False,
        "The council is changing the way it awards harbour contracts.": False,
        "Earlier, two audits of the contract had been published by the council.": False,
        "Critics say the council leader is unfit for the office he holds.": False,
    }
    article = Article(with_headline(headline, " ".join(body)), title=headline, source="Tarrow Herald")
    units = claims.units(article, next(nlp.parse([article.text])))
    told = {unit.span.text(article): unit.development for unit in units}
    assert told == {headline: True, **body}


def test_a_texts_closing_lines_are_no_claims_but_news_of_a_post_is():
    text = ("The senator resigned on Monday after a week of protests in the capital.\n\n"
            "In a post on Twitter, @senatorX wrote that the vote would go ahead.\n\n"
            "Follow Ian Hanchett on Twitter @IanHanchett.\n\n"
            "Additional reporting by Jane Roe in Paris; editing by John Doe.\n\n"
            "Copyright 2016 The Associated Press. All rights reserved.")
    article = Article(text, source="Outlet")
    stated = [unit.span.text(article) for unit in claims.units(article, next(nlp.parse([text])))]
    assert stated == ["The senator resigned on Monday after a week of protests in the capital.",
                      "In a post on Twitter, @senatorX wrote that the vote would go ahead."]


def test_an_editors_note_is_no_claim_and_a_question_does_not_read_alone():
    text = ("The governor signed the budget on Friday after a month of talks.\n\n"
            "Will the new budget finally end the long dispute over school funding?\n\n"
            "Editor\u2019s note: The governor is a donor to this site and a friend of its founder.")
    article = Article(text, source="Outlet")
    units = claims.units(article, next(nlp.parse([text])))
    assert [(unit.span.text(article), unit.reads_alone, unit.asks) for unit in units] == [
        ("The governor signed the budget on Friday after a month of talks.", True, False),
        ("Will the new budget finally end the long dispute over school funding?", False, True)]
