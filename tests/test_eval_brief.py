import json
import shutil
from datetime import date

import pytest

from conftest import ROOT, load_eval_script

BRIEF_GOLD = ROOT / "eval" / "briefs" / "tune"  # a tuning story: tests never run the reporting part


@pytest.fixture(scope="module")
def evaluation():
    return load_eval_script("brief")


def span(source, text):
    return {"article": f"id-{source}", "source": source, "start": 0, "end": len(text), "text": text}


def group(speaker, attributed_to, *wordings):
    return {"speaker": speaker, "attributed_to": attributed_to, "speaker_conflict": False, "direct": True,
            "outlets": sorted({s["source"] for w in wordings for s in w["spans"]}), "wordings": list(wordings)}


def wording(*spans):
    return {"text": " ".join(spans[0]["text"].strip('"“”').split()), "as_written": spans[0]["text"],
            "sources": [s["source"] for s in spans], "spans": list(spans)}


def figure(source, value):
    return {**span(source, str(value)), "value": value, "counts": "people"}


GOLD = {
    "story": "9ecb",
    "event_date": "2008-12-12",
    "quotes": [
        # Found, in its own article, though the brief has other quote marks, spacing and case.
        {"doc": "a", "text": "the fire was started deliberately,", "speaker": "Insp Dave Gaskin",
         "speaker_kind": "person"},
        # Found only in another outlet's wording; the group's speaker is another person.
        {"doc": "c", "text": "We will rebuild the store", "speaker": "Mark Price", "speaker_kind": "person"},
        # Nobody is named: right when the group is unattributed.
        {"doc": "b", "text": "It was like a bomb going off", "speaker": "", "speaker_kind": "unknown"},
        # Not in any wording.
        {"doc": "b", "text": "Nobody was hurt, thank God", "speaker": "Jane Doe", "speaker_kind": "person"},
        # The system cut this quote short, keeping more than half of it.
        {"doc": "a", "text": "Residents may return home by Sunday evening", "speaker": "Surrey Police",
         "speaker_kind": "group"},
    ],
    "disagreements": [
        {"what": "firefighters", "values": {"a": "50", "b": "60", "c": "50"}},
        {"what": "day of the fire", "values": {"a": "2008-12-12", "b": "2008-12-13"}},
    ],
    "not_disagreements": [{"what": "8 injured vs 4 dead", "docs": ["a", "b"]}],
    "headline_facts": [
        {"fact": "a Waitrose store burned down", "all_of": ["Waitrose", "fire"], "docs": ["a", "b"]},
        {"fact": "sixty residents were evacuated", "all_of": ["sixty"], "docs": ["a"]},
        {"fact": "the roof collapsed", "all_of": ["roof"], "docs": ["b"]},
    ],
}

BRIEF = {
    "summary": [span("a", "A fire destroyed the Waitrose store in Banstead on Friday.")],
    "key_facts": [{"spans": [span("a", f"Fact number {i}."), span("b", "The roof collapsed.")]} for i in range(5)]
    + [{"spans": [span("b", "Sixty residents were evacuated.")]}],
    "disagreements": [
        {"conflict": "firefighters: 50 vs 60", "figures": [figure("a", 50), figure("b", 60)]},
        # Agrees with the gold's values but sets one value against itself: no disagreement.
        {"conflict": "firefighters: 50 vs 50", "figures": [figure("a", 50), figure("c", 50)]},
        {"conflict": "people: 8 vs 4", "figures": [figure("a", 8), figure("b", 4)]},
        {"conflict": "polarity: b denies what a states", "spans": [span("a", "x"), span("b", "y")]},
    ],
    "quotes": [
        {"attributed_to": group["attributed_to"], "statements": [group]} for group in [
            group("Dave Gaskin", "Dave Gaskin", wording(span("a", "\u201cThe  fire was STARTED deliberately\u201d"))),
            group("Surrey Police", "Surrey Police",
                  wording(span("a", "\u201cresidents may return home by Sunday\u201d"))),
            group("Nick Grant", "Nick Grant", wording(span("a", '"We will rebuild the store, and soon"'))),
            group(None, "unattributed", wording(span("b", '"It was like a bomb going off."'))),
        ]
    ],
}


def test_scoring_a_hand_made_story(evaluation):
    published = {"a": date(2008, 12, 11), "b": date(2008, 12, 10), "c": date(2008, 12, 19), "d": date(2008, 12, 20),
                 "e": None}
    records = [{"source": s, "title": "Fire", "text": "one two three four five six seven eight nine"}
               for s in published]
    markdown = "# Fire\n\none two three four five"
    output = evaluation.StoryOutput(records, [BRIEF], [markdown], published)
    result = evaluation.score_story("9ecb", GOLD, output)
    figures = evaluation.figures(result.counts, [result.stories])

    assert figures["quote_recall"] == 0.8
    assert figures["quote_recall_in_same_article"] == 0.6
    assert figures["speaker_accuracy"] == 0.75  # Gaskin (title dropped), police, unattributed; not Nick Grant
    quotes = {p["text"]: p for p in result.predictions if p["kind"] == "quote"}
    assert not quotes["We will rebuild the store"]["in_same_article"]
    assert not quotes["We will rebuild the store"]["speaker_right"]

    assert figures["disagreement_precision"] == 0.25
    assert figures["disagreement_recall"] == 0.5
    judged = [p for p in result.predictions if p["kind"] == "disagreement"]
    assert [p["real"] for p in judged] == [True, False, False, False]
    assert judged[2]["tempting_false_alarm"] == ["8 injured vs 4 dead"]
    assert result.counts["disagreements_without_figures"] == 1

    # One day before to seven after the event is right; two before or eight after is wrong.
    assert result.counts["dates_right"] == 2 and result.counts["dates_wrong"] == 2
    assert result.counts["dates_undated"] == 1

    # Only the summary and the sentence shown for each of the first five key facts count.
    assert figures["headline_facts"] == pytest.approx(0.3333, abs=1e-4)
    assert figures["length_ratio"] == pytest.approx(7 / (5 * 10))


@pytest.mark.parametrize("gold, predicted, same", [
    ("José Álvarez", "Jose Alvarez", True),
    ("Thomas Coleman", "Coleman", True),
    ("Mr. Coleman", "Thomas Coleman", True),
    ("Wally Oppal", "James Oler", False),
    ("police", "Beirut", False),
    ("Philadelphia 76ers", "the 76ers", True),
])
def test_speaker_names_match_by_their_words(evaluation, gold, predicted, same):
    assert evaluation.same_speaker(gold, predicted) is same


def test_a_speaker_names_the_gold_person_by_a_variant_its_brief_lists(evaluation):
    gold = {"speaker": "Yiannis Panagopoulos", "speaker_kind": "person"}
    resolved = {"speaker": "Giannis Panagopoulos", "speaker_id": "person:giannis-panagopoulos",
                "attributed_to": "Giannis Panagopoulos"}
    variants = evaluation.speaker_variants({"entities": [
        {"id": "person:giannis-panagopoulos", "variants": {"Giannis Panagopoulos": 2, "Yiannis Panagopoulos": 1}},
        {"id": "person:ilias-vrettakos", "variants": {"Ilias Vrettakos": 1}}]})
    assert evaluation.speaker_right(gold, resolved, variants)
    # Without the brief listing that spelling for the speaker's entity, the words must match.
    assert not evaluation.speaker_right(gold, resolved, {})
    other = {**resolved, "speaker_id": "person:ilias-vrettakos"}
    assert not evaluation.speaker_right(gold, other, variants)
    # An unresolved group has no entity: only its own words count.
    assert not evaluation.speaker_right(gold, {"speaker": None, "speaker_id": None, "attributed_to": "Giannis"},
                                        variants)


def test_gold_values_compare_with_brief_figures(evaluation):
    assert evaluation.same_value(evaluation.gold_number("80000000"), 8e7)
    assert evaluation.same_value(evaluation.gold_number("2008-12-12"), float(date(2008, 12, 12).toordinal()))
    assert evaluation.gold_number("2007-04") is None
    # a weekday an undated article writes gives a gold day on that weekday (18 December 2008 was a Thursday)
    assert evaluation.gives("2008-12-18", 730125.0, "Thursday (date not given)")
    assert not evaluation.gives("2008-12-19", 730125.0, "Thursday (date not given)")
    # a day of a month written without its year gives a gold day of that month and day, whatever the year
    assert evaluation.gives("2008-11-18", 730442.0, "November 18 (year not given)")
    assert not evaluation.gives("2008-11-19", 730442.0, "November 18 (year not given)")
    # a gold month of a year is given by a date the brief shows to that month (value: its year), not another month,
    # nor a day of it (an article that gives the day gives more than the gold says), nor a year alone
    assert evaluation.gives("2008-12", 2008.0, "2008-12")
    assert evaluation.gives("December 2008", 2008.0, "2008-12")
    assert not evaluation.gives("2008-12", 2008.0, "2008-09")
    assert not evaluation.gives("2008-12", float(date(2008, 12, 16).toordinal()), "2008-12-16")
    assert not evaluation.gives("2008-12", 2008.0, "2008")
    assert evaluation.numbers_in("22.4 bn vs 22 bn euros ($28 bn)") == pytest.approx([22.4e9, 22e9, 28e9])


@pytest.mark.slow
def test_brief_evaluation_runs_one_real_story_end_to_end(tmp_path, capsys, evaluation):
    stories = sorted(BRIEF_GOLD.glob("*.gold.json"), key=lambda p: p.with_name(p.name.replace(".gold.json", ".jsonl"))
                     .stat().st_size) if BRIEF_GOLD.is_dir() else []
    if not stories:
        pytest.skip("eval/briefs/tune holds no gold")
    name = stories[0].name.removesuffix(".gold.json")
    data = tmp_path / "data"
    data.mkdir()
    for suffix in (".gold.json", ".jsonl"):
        shutil.copy(BRIEF_GOLD / f"{name}{suffix}", data)
    predictions, kept = tmp_path / "predictions.jsonl", tmp_path / "briefs"
    assert evaluation.main([str(data), "--json", "--predictions", str(predictions), "--briefs", str(kept)]) == 0
    figures = json.loads(capsys.readouterr().out)["overall"]

    gold = json.loads((data / f"{name}.gold.json").read_text())
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    quotes = [r for r in rows if r["kind"] == "quote"]
    dates = [r for r in rows if r["kind"] == "article_date"]
    articles = (data / f"{name}.jsonl").read_text().strip().count("\n") + 1
    assert len(quotes) == len(gold["quotes"]) and len(dates) == articles
    assert figures["quote_recall"] == round(sum(q["found"] for q in quotes) / len(quotes), 4)
    assert figures["dates_wrong"] == round(sum(d["verdict"] == "wrong" for d in dates) / articles, 4)
    assert {r["kind"] for r in rows} >= {"quote", "article_date", "headline_fact"}
    briefs = sorted(kept.joinpath(name).glob("*.json"))
    assert briefs and all(b.with_suffix(".md").read_text().startswith("# ") for b in briefs)
    assert all(json.loads(b.read_text())["schema"] == "storyline.brief/1" for b in briefs)


@pytest.mark.parametrize("part", ["tune", "check", "report"])
def test_every_gold_file_points_into_its_own_articles(part):
    """Hand-written gold is checked against its story's texts (read, never run): each quotation is an exact excerpt
    of the article it names (its title or text), each value and headline fact names articles of the story, each
    event day is a day."""
    folder = ROOT / "eval" / "briefs" / part
    golds = sorted(folder.glob("*.gold.json"))
    assert golds, f"{folder} holds no gold"
    for path in golds:
        gold = json.loads(path.read_text())
        records = map(json.loads, path.with_name(path.name.replace(".gold.json", ".jsonl")).read_text().splitlines())
        texts = {record["source"]: f"{record.get('title') or ''}\n{record['text']}" for record in records}
        date.fromisoformat(gold["event_date"])
        for quote in gold["quotes"]:
            assert quote["text"] in texts[quote["doc"]], (path.name, quote["text"])
            assert quote["speaker_kind"] in ("person", "group", "document", "unknown"), (path.name, quote)
        for item in gold["disagreements"]:
            assert set(item["values"]) <= set(texts) and len(set(item["values"].values())) > 1, (path.name, item)
        for fact in gold["headline_facts"]:
            assert fact["all_of"] and set(fact["docs"]) <= set(texts), (path.name, fact)
