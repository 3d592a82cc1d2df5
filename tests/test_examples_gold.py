"""The bundled example corpus and its gold file agree with each other."""

import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
GOLD = json.loads((EXAMPLES.parent / "gold.json").read_text(encoding="utf-8"))
ARTICLE_PATHS = sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.glob("*/*.txt"))
STORY_OF = {path: story["id"] for story in GOLD["stories"] for path in story["articles"]}
ENTITY = {entity["name"]: entity for entity in GOLD["entities"]}
OPENING_MARKS = "“\"‘'"
CLOSING_MARKS = "”\"’'"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIMEML_VALUE = {
    "DATE": re.compile(r"^(\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-(SP|SU|FA|WI))?|PAST_REF|PRESENT_REF|FUTURE_REF)$"),
    "TIME": re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}|MO|AF|EV|NI)$"),
    "DURATION": re.compile(r"^P(T?(\d+|X)(Y|M|W|D|H|S|DE))+$"),
    "SET": re.compile(r"^(P(T?(\d+|X)(Y|M|W|D|H))|XXXX-(SP|SU|FA|WI)|XXXX-WXX-\d)$"),
}


def read_article(relative_path):
    """Front matter (a `key: value` block between two `---` lines) and the body that follows it."""
    text = (EXAMPLES / relative_path).read_text(encoding="utf-8")
    before, header, body = re.split(r"^---\n", text, maxsplit=2, flags=re.MULTILINE)
    assert before == "", f"{relative_path}: the file must open with a --- line"
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    return meta, body


ARTICLES = {path: read_article(path) for path in ARTICLE_PATHS}


def body(path):
    return ARTICLES[path][1]


def locate(path, reference):
    """Start and end of a gold substring reference: a unique string, or {text, occurrence}."""
    text, occurrence = (reference, None) if isinstance(reference, str) else (reference["text"], reference["occurrence"])
    starts = [m.start() for m in re.finditer(re.escape(text), body(path))]
    assert starts, f"{path}: {text!r} not found"
    if occurrence is None:
        assert len(starts) == 1, f"{path}: {text!r} occurs {len(starts)} times; give an occurrence"
        occurrence = 0
    else:
        assert len(starts) > 1, f"{path}: {text!r} is unique; drop the occurrence"
    assert occurrence < len(starts), f"{path}: {text!r} has no occurrence {occurrence}"
    return starts[occurrence], starts[occurrence] + len(text)


def references(wording):
    """A quote's wording in one article: one substring reference, or several when the outlet splits the quote."""
    return wording if isinstance(wording, list) else [wording]


def reference_text(reference):
    return reference if isinstance(reference, str) else reference["text"]


def publication_day(path):
    meta = ARTICLES[path][0]
    if "published" in meta:
        return datetime.fromisoformat(meta["published"]).date()
    return date.fromisoformat(GOLD["inferred_published"][path])


def test_every_article_has_front_matter_and_a_news_length_body():
    assert len(ARTICLE_PATHS) == 14
    for path, (meta, text) in ARTICLES.items():
        assert meta["title"] and meta["source"], path
        assert re.match(r"^https://[a-z0-9-]+\.example/", meta["url"]), path
        if "published" in meta:
            published = datetime.fromisoformat(meta["published"])
            assert published.tzinfo is not None and published.year == 2026, path
        assert 250 <= len(text.split()) <= 550, f"{path}: {len(text.split())} words"
    assert len({meta["url"] for meta, _ in ARTICLES.values()}) == len(ARTICLES)


def test_every_article_belongs_to_exactly_one_story_told_by_different_outlets():
    listed = Counter(path for story in GOLD["stories"] for path in story["articles"])
    assert sorted(listed) == ARTICLE_PATHS
    assert set(listed.values()) == {1}
    for story in GOLD["stories"]:
        assert 3 <= len(story["articles"]) <= 4, story["id"]
        assert all(path.split("/")[0] == story["id"] for path in story["articles"])
        outlets = [ARTICLES[path][0]["source"] for path in story["articles"]]
        assert len(set(outlets)) == len(outlets), story["id"]
    story_ids = {story["id"] for story in GOLD["stories"]}
    for pair in GOLD["distinct_stories"]:
        assert set(pair) <= story_ids and pair[0] != pair[1]


def test_entity_variants_occur_as_words_in_the_articles_that_name_them():
    for entity in GOLD["entities"]:
        assert entity["type"] in {"PERSON", "ORG", "GPE", "LOC"}, entity["name"]
        assert set(entity["articles"]) <= set(ARTICLE_PATHS), entity["name"]
        patterns = [re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)") for variant in entity["variants"]]
        for pattern in patterns:
            assert any(pattern.search(body(path)) for path in entity["articles"]), (entity["name"], pattern.pattern)
        for path in entity["articles"]:
            assert any(pattern.search(body(path)) for pattern in patterns), (entity["name"], path)
    assert len(ENTITY) == len(GOLD["entities"])


def test_entities_that_must_stay_apart_exist_and_one_pair_shares_a_surname():
    for first, second in GOLD["distinct"]:
        assert first in ENTITY and second in ENTITY and first != second
    people = [(a, b) for a, b in GOLD["distinct"] if ENTITY[a]["type"] == ENTITY[b]["type"] == "PERSON"]
    assert any(a.split()[-1] == b.split()[-1] for a, b in people)


def test_quotes_point_at_their_wording_in_each_article_of_their_story():
    for quote in GOLD["quotes"]:
        if quote["speaker"] is None:
            for path, reference in quote["speaker_text"].items():
                assert path in quote["wordings"]
                locate(path, reference)
        else:
            assert quote["speaker"] in ENTITY, quote["speaker"]
        spans_paragraphs = False
        for path, wording in quote["wordings"].items():
            assert STORY_OF[path] == quote["story"], path
            for reference in references(wording):
                start, end = locate(path, reference)
                text = body(path)
                spans_paragraphs |= "\n" in text[start:end]
                if quote["direct"]:
                    assert text[start - 1] in OPENING_MARKS, (path, reference)
                    assert any(mark in text[end : end + 2] for mark in CLOSING_MARKS), (path, reference)
                else:
                    assert text[start - 1] not in OPENING_MARKS, (path, reference)
        assert spans_paragraphs == quote["multi_paragraph"], quote["wordings"]


def test_a_quote_runs_over_two_paragraphs_and_only_the_second_closes_it():
    multi = [q for q in GOLD["quotes"] if q["multi_paragraph"]]
    assert multi
    for quote in multi:
        for path, wording in quote["wordings"].items():
            for start, end in (locate(path, reference) for reference in references(wording)):
                paragraphs = body(path)[start:end].split("\n")
                if len(paragraphs) > 1:
                    assert not any(mark in paragraphs[0] for mark in "”\"")
                    assert paragraphs[-1].startswith("“")
                    assert "”" in body(path)[end : end + 2]


def test_every_quoted_passage_in_the_corpus_is_a_gold_direct_quote():
    covered = {path: [] for path in ARTICLE_PATHS}
    for quote in GOLD["quotes"]:
        for path, wording in quote["wordings"].items():
            if quote["direct"]:
                covered[path] += [locate(path, reference) for reference in references(wording)]
    for path in ARTICLE_PATHS:
        for match in re.finditer(r'[“"]([^”"\n]+)[”"]', body(path)):
            assert any(start <= match.start(1) < end for start, end in covered[path]), (path, match.group())


def test_the_corpus_uses_both_straight_and_curly_quote_marks():
    marks = {
        body(path)[locate(path, reference)[0] - 1]
        for quote in GOLD["quotes"] if quote["direct"]
        for path, wording in quote["wordings"].items()
        for reference in references(wording)
    }
    assert {'"', "“"} <= marks


def test_time_values_are_timeml_and_agree_with_the_calendar():
    for item in GOLD["times"]:
        path, value = item["article"], item["value"]
        locate(path, item["text"])
        text = reference_text(item["text"]).lower()
        assert TIMEML_VALUE[item["type"]].match(value), (path, text, value)
        day_match = re.match(r"^(\d{4}-\d{2}-\d{2})", value)
        if not day_match:
            continue
        day = date.fromisoformat(day_match.group(1))
        for index, weekday in enumerate(WEEKDAYS):
            if weekday.lower() in text:
                assert day.weekday() == index, (path, text, value)
        offsets = {"today": 0, "this morning": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
                   "two days ago": -2, "two weeks ago": -14}
        for phrase, offset in offsets.items():
            if phrase in text:
                assert day == publication_day(path) + timedelta(days=offset), (path, text, value)


def test_undated_articles_are_exactly_those_with_an_inferred_publication_date():
    undated = {path for path, (meta, _) in ARTICLES.items() if "published" not in meta}
    assert undated and undated == set(GOLD["inferred_published"])
    for path, day in GOLD["inferred_published"].items():
        siblings = [p for p in ARTICLE_PATHS if STORY_OF[p] == STORY_OF[path] and p != path]
        resolved_here = {t["value"][:10] for t in GOLD["times"] if t["article"] == path}
        resolved_elsewhere = {t["value"][:10] for p in siblings for t in GOLD["times"] if t["article"] == p}
        assert resolved_here & resolved_elsewhere, path
        for item in GOLD["times"]:
            if item["article"] == path and any(w.lower() in reference_text(item["text"]).lower() for w in WEEKDAYS):
                distance = date.fromisoformat(item["value"][:10]) - date.fromisoformat(day)
                assert abs(distance.days) < 7, (path, item["text"])


def test_disagreements_set_different_articles_of_one_story_against_each_other():
    for item in GOLD["disagreements"]:
        assert len(item["values"]) >= 2
        for path, reference in item["values"].items():
            assert STORY_OF[path] == item["story"]
            locate(path, reference)
        assert len({reference_text(r) for r in item["values"].values()}) > 1


def test_copied_passages_appear_sentence_by_sentence_in_an_earlier_source():
    for item in GOLD["copied"]:
        assert STORY_OF[item["from"]] == STORY_OF[item["to"]]
        assert publication_day(item["from"]) < publication_day(item["to"])
        start, end = locate(item["to"], item["passage"])
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", body(item["to"])[start:end])
        assert len(sentences) >= 2
        for sentence in sentences:
            assert sentence in body(item["from"]), sentence


def test_single_source_facts_are_in_their_article_only():
    stories_with_one = set()
    for item in GOLD["single_source"]:
        assert STORY_OF[item["article"]] == item["story"]
        locate(item["article"], item["fact"])
        others = [p for p in ARTICLE_PATHS if STORY_OF[p] == item["story"] and p != item["article"]]
        assert not any(reference_text(item["fact"]) in body(p) for p in others)
        stories_with_one.add(item["story"])
    assert stories_with_one == {story["id"] for story in GOLD["stories"]}


def test_framing_pairs_loaded_and_neutral_words_from_different_outlets():
    for item in GOLD["framing"]:
        for side in ("neutral", "loaded"):
            for path, reference in item[side].items():
                assert STORY_OF[path] == item["story"]
                locate(path, reference)
        assert not set(item["neutral"]) & set(item["loaded"])


@pytest.mark.parametrize("section", ["quotes", "times", "disagreements", "copied", "single_source", "framing"])
def test_no_gold_section_is_empty(section):
    assert GOLD[section]
