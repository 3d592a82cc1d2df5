"""Time expressions: TimeML values against a reference, extraction from parsed text, and the TimeML evaluation."""

import html
import importlib.util
import json
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from storyline import nlp
from storyline.ingest import read
from storyline.model import Article
from storyline.timex import anchor, extract, find
from storyline.timex_values import FUTURE, PAST, normalise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "examples" / "seeds"
TBAQ = SHARED / "data" / "tempeval3" / "tbaq-cleaned"
EXAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT / "examples" / "gold.json"
SUNDAY_30_APRIL_2023 = date(2023, 4, 30)


def load_eval():
    spec = importlib.util.spec_from_file_location("eval_timex", ROOT / "eval" / "timex.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_timex"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("phrase, tense, expected", [
    ("this Saturday", PAST, ("DATE", "2023-04-29")),
    ("last month", PAST, ("DATE", "2023-03")),
    ("in March", PAST, ("DATE", "2023-03")),
    ("on 23 April", PAST, ("DATE", "2023-04-23")),
    ("recent years", PAST, ("DATE", "PAST_REF")),
    ("two weeks", None, ("DURATION", "P2W")),
    ("the past 24 hours", None, ("DURATION", "PT24H")),
    ("every Friday", None, ("SET", "XXXX-WXX-5")),
    ("daily", None, ("SET", "P1D")),
    ("this year", None, ("DATE", "2023")),
    ("the third quarter", PAST, ("DATE", "2022-Q3")),
    ("last fall", PAST, ("DATE", "2022-FA")),
    ("the 1990s", None, ("DATE", "199")),
    ("a year ago", PAST, ("DATE", "2022")),
    ("Oct. 15, 1999", PAST, ("DATE", "1999-10-15")),
    ("10:35 a.m.", PAST, ("TIME", "2023-04-30T10:35")),
    ("now", None, ("DATE", "PRESENT_REF")),
])
def test_phrases_get_timeml_values_against_the_publication_day(phrase, tense, expected):
    assert normalise(phrase, SUNDAY_30_APRIL_2023, tense) == expected


def test_the_tense_of_the_verb_decides_which_weekday_is_meant():
    wednesday = date(2023, 4, 26)
    assert normalise("Friday", wednesday, PAST) == ("DATE", "2023-04-21")
    assert normalise("Friday", wednesday, FUTURE) == ("DATE", "2023-04-28")
    assert normalise("December", date(2023, 10, 30), FUTURE) == ("DATE", "2023-12")
    assert normalise("December", date(2023, 2, 10), PAST) == ("DATE", "2022-12")


def test_without_a_reference_relative_parts_stay_unknown():
    assert normalise("this Saturday", None, PAST) == ("DATE", "XXXX-WXX-6")
    assert normalise("29 April", None, PAST) == ("DATE", "XXXX-04-29")
    assert normalise("last month", None, PAST) == ("DATE", "XXXX-XX")
    assert normalise("Oct. 15, 1999", None, PAST) == ("DATE", "1999-10-15")


def test_ages_and_non_temporal_phrases_are_not_times():
    text = "The 45-year-old mayor, who is 45 years old, met the Friday Club, which meets every week."
    article = Article(text, published=datetime(2023, 4, 30, tzinfo=timezone.utc))
    [doc] = nlp.parse([article.text])
    found = {e.span.text(article): e.value for e in extract(article, doc)}
    assert "45 years old" not in found and "45 years" not in found
    assert found.get("every week") == "P1W"


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/examples/seeds is not available")
    articles = [Article(text=path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    return list(zip(articles, nlp.parse(a.text for a in articles)))


def values_by_text(article, expressions):
    return {e.span.text(article): e.value for e in expressions}


def test_seed_dates_resolve_against_a_publication_day(seeds):
    (first, first_doc), (second, second_doc) = seeds
    published = datetime(2023, 4, 30, tzinfo=timezone.utc)
    first_values = values_by_text(first, extract(first, first_doc, published))
    second_values = values_by_text(second, extract(second, second_doc, published))
    assert first_values["this Saturday"] == "2023-04-29"
    assert first_values["last month"] == "2023-03"
    assert first_values["March"] == "2023-03"
    assert first_values["recent years"] == "PAST_REF"
    assert second_values["29 April"] == "2023-04-29"
    assert second_values["23 April"] == "2023-04-23"


def test_undated_expressions_are_reanchored_without_parsing_again(seeds):
    article, doc = seeds[1]
    mentions = find(article, doc)
    undated = values_by_text(article, anchor(article, mentions, None))
    assert undated["29 April"] == "XXXX-04-29"
    assert undated["Last month"] == "XXXX-XX"
    in_2024 = values_by_text(article, anchor(article, mentions, datetime(2024, 5, 2, tzinfo=timezone.utc)))
    assert in_2024["29 April"] == "2024-04-29" and in_2024["Last month"] == "2024-04"


def read_examples():
    if not GOLD.is_file():
        pytest.skip("examples/gold.json is not available")
    articles = {}
    for item in read([str(EXAMPLES)]):
        if isinstance(item, Article):
            articles[Path(item.origin).resolve().relative_to(EXAMPLES.resolve()).as_posix()] = item
    return articles


def gold_offsets(text, reference):
    phrase, occurrence = (reference, 0) if isinstance(reference, str) else (reference["text"], reference["occurrence"])
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][occurrence]
    return start, start + len(phrase)


def test_bundled_examples_time_values_match_their_gold():
    articles = read_examples()
    gold = [g for g in json.loads(GOLD.read_text(encoding="utf-8"))["times"] if articles[g["article"]].published]
    paths = sorted({g["article"] for g in gold})
    expressions = {path: extract(articles[path], doc)
                   for path, doc in zip(paths, nlp.parse(articles[p].text for p in paths))}
    correct = 0
    for item in gold:
        start, end = gold_offsets(articles[item["article"]].text, item["text"])
        found = [e for e in expressions[item["article"]] if e.span.start < end and start < e.span.end]
        correct += bool(found) and found[0].value == item["value"]
    assert correct / len(gold) >= 0.8, f"{correct} of {len(gold)} gold values"


def test_timeml_reader_offsets_point_at_the_gold_expressions():
    if not TBAQ.is_dir():
        pytest.skip("../shared/data/tempeval3 is not available")
    evaluation = load_eval()
    for path in sorted(TBAQ.rglob("*.tml"))[:5]:
        document = evaluation.read_timeml(path)
        inner = [m.group(1) for m in re.finditer(r"<TIMEX3[^>]*>([^<]*)</TIMEX3>", path.read_text(encoding="utf-8"))
                 if "CREATION_TIME" not in m.group(0)]
        assert [document.text[g.start:g.end] for g in document.gold] == [html.unescape(t) for t in inner]


def test_scorer_counts_strict_relaxed_and_value_matches():
    evaluation = load_eval()
    gold = [evaluation.Timex(0, 6, "DATE", "2023-03"), evaluation.Timex(10, 15, "DATE", "2023-04-29")]
    document = evaluation.TimeMLDocument("d", "x" * 20, datetime(2023, 4, 30, tzinfo=timezone.utc), gold)
    predicted = [evaluation.Timex(0, 6, "DATE", "2023-03"), evaluation.Timex(12, 15, "DATE", "2023-04-22"),
                 evaluation.Timex(17, 19, "DURATION", "P1D")]
    figures = evaluation.score([document], {"d": predicted})
    assert figures["strict"]["precision"] == pytest.approx(1 / 3) and figures["strict"]["recall"] == 0.5
    assert figures["relaxed"]["precision"] == pytest.approx(2 / 3) and figures["relaxed"]["recall"] == 1.0
    assert figures["value"]["precision"] == pytest.approx(1 / 3) and figures["value"]["recall"] == 0.5
    assert figures["value_accuracy"] == 0.5


@pytest.mark.slow
def test_timebank_value_f1_is_at_least_heideltime_level(tmp_path):
    if not TBAQ.is_dir():
        pytest.skip("../shared/data/tempeval3 is not available")
    evaluation = load_eval()
    documents = [evaluation.read_timeml(path) for path in sorted(TBAQ.rglob("*.tml"))]
    figures = evaluation.score(documents, evaluation.predict(documents))
    assert figures["relaxed"]["f1"] >= 0.9
    assert figures["value"]["f1"] >= 0.776
