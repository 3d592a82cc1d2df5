"""The brief against the bundled examples' gold and the shared seeds."""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from storyline.brief import build, render
from storyline.compare import claims
from storyline.compare.timeline import TimelineEntry, calendar_end
from storyline.corpus import Corpus
from storyline.model import Article, with_headline
from storyline.parse import nlp
from storyline.text.quotemarks import quoted_spans

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
GOLD = json.loads((ROOT / "examples" / "gold.json").read_text(encoding="utf-8"))
SEEDS = ROOT.parent / "shared" / "examples" / "seeds"


def stored_text(relative: str) -> tuple[str, int]:
    """An article's text as stored (its front matter's title as the headline, then its body), and where the body
    starts in it."""
    _, front, rest = ARTICLES.joinpath(relative).read_text(encoding="utf-8").split("---\n", 2)
    title = next(line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("title:"))
    text = with_headline(title, rest.strip())
    return text, len(text) - len(rest.strip())


def full(brief: dict) -> dict:
    """The brief as ``Corpus.brief(story, full=True)`` gives it: the same items, every one shown."""
    return {**brief, "full": True, "shown": None}


def located(relative: str, text: str | dict) -> tuple[int, int]:
    """Offsets of a gold substring (with its occurrence index when not unique) in an article's text."""
    substring, occurrence = (text["text"], text["occurrence"]) if isinstance(text, dict) else (text, 0)
    text, body_start = stored_text(relative)
    start = body_start - 1
    for _ in range(occurrence + 1):
        start = text.index(substring, start + 1)
    return start, start + len(substring)


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    corpus = Corpus.open(tmp_path_factory.mktemp("brief") / "examples.db")
    report = corpus.ingest([str(ARTICLES)])
    assert report.stored == 14 and not report.errors
    article_of = {a.origin.removeprefix(str(ARTICLES) + "/"): a for a in corpus.articles()}
    briefs = {gold["id"]: corpus.brief(corpus.story_of(article_of[gold["articles"][0]].id))
              for gold in GOLD["stories"]}
    return corpus, article_of, briefs


def test_each_gold_story_is_one_story(examples):
    corpus, article_of, _ = examples
    for gold in GOLD["stories"]:
        assert {corpus.story_of(article_of[path].id) for path in gold["articles"]} \
            == {corpus.story_of(article_of[gold["articles"][0]].id)}
    assert len(corpus.stories()) == len(GOLD["stories"])


def test_every_planted_disagreement_is_found_with_the_outlets_values(examples):
    _, article_of, briefs = examples
    for gold in GOLD["disagreements"]:
        found = briefs[gold["story"]]["disagreements"]
        planted = {article_of[path].id: located(path, text) for path, text in gold["values"].items()}
        headline_end = {article_of[path].id: article_of[path].body_start for path in gold["values"]}
        # Found when the disagreement cites the planted values of at least two of the outlets that differ (an
        # outlet's headline stating its value counts as citing it).
        matching = [d for d in found if sum(
            any(f["article"] == article_id and (start <= f["start"] < end or f["start"] < headline_end[article_id])
                for f in d["figures"])
            for article_id, (start, end) in planted.items()) >= 2]
        assert matching, f"{gold['what']} not found among {[d['conflict'] for d in found]}"


def test_the_copied_passage_is_found_with_its_direction(examples):
    _, article_of, briefs = examples
    for gold in GOLD["copied"]:
        story = next(s["id"] for s in GOLD["stories"] if gold["to"] in s["articles"])
        start, end = located(gold["to"], gold["passage"])
        copies = [c for c in briefs[story]["copied"] if c["directed"]
                  and c["origin"]["article"] == article_of[gold["from"]].id
                  and c["copy"]["article"] == article_of[gold["to"]].id]
        covered = sum(min(end, c["copy"]["end"]) - max(start, c["copy"]["start"]) for c in copies)
        assert covered >= 0.9 * (end - start)
        # A claim carried by several outlets is in the summary (the most central) or among the key facts.
        shared = [f for f in briefs[story]["summary"] + briefs[story]["key_facts"] if f["kind"] == "shared"
                  and any(s["article"] == article_of[gold["to"]].id and s["start"] < end and start < s["end"]
                         for s in f["spans"])]
        assert shared and all(len(f["independent_sources"]) < len(f["sources"]) for f in shared)


def test_every_single_source_fact_is_attributed_to_its_outlet_alone(examples):
    _, article_of, briefs = examples
    for gold in GOLD["single_source"]:
        article = article_of[gold["article"]]
        start, end = located(gold["article"], gold["fact"])
        singles = briefs[gold["story"]]["single_source"]
        assert any(s["article"] == article.id and s["start"] <= start and end <= s["end"] for s in singles), \
            gold["fact"]


def test_markdown_and_html_renderings_cite_their_spans(examples):
    corpus, _, briefs = examples
    brief = briefs["port-fire-gdansk"]
    markdown = render.markdown(brief)
    assert markdown.startswith(f"# {brief['title']}")
    first = brief["summary"][0]
    assert f"{first['start']}–{first['end']}" in markdown
    page = render.html(brief)
    assert "Content-Security-Policy" in page and "<svg" in page


def test_html_brief_escapes_article_text(tmp_path):
    corpus = Corpus.open(tmp_path / "hostile.db")
    hostile = "Officials said <script>document.title='owned'</script> the harbour of Kessel reopened on Friday."
    corpus.add([Article(hostile, source="Harbor Daily", title="<b>Kessel</b> reopens")])
    [story] = corpus.stories()
    page = render.html(corpus.brief(story["id"]))
    assert "<script>document" not in page and "&lt;script&gt;" in page
    assert "<b>Kessel</b>" not in page


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    corpus = Corpus.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    corpus.ingest([str(SEEDS)])
    [story] = corpus.stories()
    return corpus.brief(story["id"])


def test_seeds_shared_facts_are_carried_by_both_reports(seeds_brief):
    facts = [f for f in seeds_brief["summary"] + seeds_brief["key_facts"] if len(f["independent_sources"]) == 2]
    assert any("meeting" in s["text"] for f in facts for s in f["spans"])
    assert any("one American" in s["text"] for f in facts for s in f["spans"])
    friends = [q for speaker in seeds_brief["quotes"] for q in speaker["statements"]
               if any("not friends with anyone" in w["text"] for w in q["wordings"])]
    assert friends and len({s["article"] for q in friends for w in q["wordings"] for s in w["spans"]}) == 2


def test_seeds_single_source_facts_belong_to_their_outlet(seeds_brief):
    singles = seeds_brief["single_source"]

    def outlet_of(words: str) -> set[str]:
        return {s["source"] for s in singles if words in s["text"]}

    assert outlet_of("Kataib Sayyid al-Shuhada") == {"002_effefcd0e64793b7"}
    assert outlet_of("Mehrabad") == {"000_2c7d8aecb8a0b2a3"}
    # The one statement dated only against another event ("days after ..."), which only one report makes.
    [relative] = [entry for entry in seeds_brief["timeline"] if entry["after"] is not None]
    assert [outlet_of(statement["text"]) for statement in relative["statements"]] == [{"000_2c7d8aecb8a0b2a3"}]


def test_every_planted_loaded_word_is_flagged_for_its_outlet(examples):
    _, article_of, briefs = examples
    for gold in GOLD["framing"]:
        flagged = {(loaded["article"], loaded["start"]) for outlet in briefs[gold["story"]]["framing"]["outlets"]
                   for loaded in outlet["loaded"]}
        for path, word in gold["loaded"].items():
            assert (article_of[path].id, located(path, word)[0]) in flagged, f"{gold['what']}: {word}"


def test_seeds_timeline_reads_undated_events_by_their_order(seeds_brief):
    markdown = render.markdown(full(seeds_brief))
    timeline = markdown.split("## Timeline", 1)[1].split("## ", 1)[0]
    assert "None" not in timeline
    # Neither report is dated and no year is written: the meeting keeps each report's words, marked undated.
    assert "**this Saturday (undated)**" in timeline and "**29 April (year not given)**" in timeline
    # An event placed after another reads as the text places it, not as a number of an entry the reader may not see.
    assert "**undated**" in timeline and "**days after the assassination of" in timeline and "2023" not in timeline
    assert "#" not in timeline
    assert "<strong>days after the assassination of" in render.html(full(seeds_brief))


def test_seeds_brief_lists_who_is_involved_most_prominent_first(seeds_brief):
    names = [entity["name"] for entity in seeds_brief["entities"]]
    assert names[:2] == ["Ali Khamenei", "Abdel Latif Rashid"]  # the two leaders at the meeting, in both reports
    people_and_organisations = [e["type"] in ("PERSON", "ORG") for e in seeds_brief["entities"]]
    assert people_and_organisations == sorted(people_and_organisations, reverse=True)


def test_a_quote_of_an_unnamed_source_says_who_said_it(examples):
    corpus, article_of, briefs = examples
    prison_story = corpus.story_of(article_of["lebanon-interior-minister-resigns/meridian-wire.txt"].id)
    groups = {group["attributed_to"]: group for group in corpus.quotes(story_id=prison_story)}
    sources = groups["Security sources"]
    assert sources["speaker"] is None  # no entity stands for them
    assert "the attackers belonged to" in sources["wordings"][0]["text"]
    assert [g["attributed_to"] for g in corpus.quotes(story_id=prison_story, speaker="army")] == ["The army"]
    named = [g for g in groups.values() if g["speaker"]]
    assert named and all(g["attributed_to"] == g["speaker"] for g in named)
    assert "**Security sources**" in render.markdown(full(briefs["lebanon-interior-minister-resigns"]))


def test_quotes_read_as_written_direct_speech_in_its_marks_reported_speech_without(examples):
    _, _, briefs = examples
    brief = briefs["port-fire-gdansk"]
    markdown = render.markdown(full(brief))
    statements = [g for speaker in brief["quotes"] for g in speaker["statements"]]
    reported = [w for g in statements if not g["direct"] for w in g["wordings"]]
    direct = [w for g in statements if all(s["text"].startswith(("“", '"')) for w in g["wordings"]
                                          for s in w["spans"]) for w in g["wordings"]]
    assert reported and direct
    assert not any(w["as_written"].startswith(("“", '"')) for w in reported)
    assert all(w["as_written"].startswith(("“", '"')) for w in direct)
    assert all(f" {w['as_written']} — " in markdown for w in reported + direct)
    assert any("10.40 p.m." in w["as_written"] for w in reported)  # as written, punctuation kept


def test_a_quote_the_attribution_interrupts_reads_as_its_quotations_alone(examples):
    _, _, briefs = examples
    wordings = [w for brief in briefs.values() for speaker in full(brief)["quotes"]
                for g in speaker["statements"] for w in g["wordings"]]
    interrupted = [w for w in wordings if any(s["cue"] and s["start"] < s["cue"]["start"] < s["end"]
                                              and s["text"].startswith(("“", '"')) for s in w["spans"][:1])]
    minister = next(w for w in interrupted if "No hospital" in w["spans"][0]["text"])
    assert " she said" in minister["spans"][0]["text"]  # the span keeps the words as the article has them
    assert " said" not in minister["as_written"] and " … " in minister["as_written"]
    for wording in interrupted:
        cue = wording["spans"][0]["cue"]["text"]
        quotations = wording["as_written"].split(" … ")
        assert len(quotations) >= 2 and all(q[0] in "“\"" and q[-1] in "”\"" for q in quotations)
        assert all(q in " ".join(wording["spans"][0]["text"].split()) for q in quotations)
        assert f" {cue} " not in wording["as_written"]


def test_a_short_brief_names_its_sources_by_the_start_of_long_titles_the_full_one_whole(examples):
    _, _, briefs = examples
    brief = briefs["port-fire-gdansk"]
    article = brief["story"]["articles"][0]
    # A wire headline of the kind many short reports carry, as long as a sentence.
    long_title = ("Fire at the container terminal of a Baltic port kills four dockers and injures eleven more as "
                  "cranes collapse onto the quay, union says")
    brief = {**brief, "story": {**brief["story"], "articles": [{**article, "title": long_title}]
                                + brief["story"]["articles"][1:]}}

    def sources(markdown: str) -> str:
        return markdown.split("## Sources", 1)[1]

    short, everything = sources(render.markdown(brief)), sources(render.markdown(full(brief)))
    assert f"{article['source']}: {' '.join(long_title.split()[:render.TITLE_WORDS])} …" in short
    assert long_title in everything and long_title not in short
    # Titles within the limit read whole in either.
    assert all(a["title"] in short for a in brief["story"]["articles"][1:] if a["title"])


def test_the_default_brief_shows_the_best_items_and_a_full_one_everything(examples):
    corpus, _, briefs = examples
    brief = briefs["port-fire-gdansk"]
    short, everything = render.markdown(brief), render.markdown(full(brief))
    assert len(short.split()) < len(everything.split())
    shown = brief["shown"]["single_source"]
    singles = short.split("## Reported by one outlet only", 1)[1].split("## ", 1)[0]
    assert singles.count("\n- ") - ("more claims" in singles) == shown
    assert all(s["text"] in singles for s in brief["single_source"] if s["rank"] <= shown)
    assert "only here" not in singles  # a figure one version of a shared claim leaves out is a full brief's detail
    assert corpus.brief(brief["story"]["id"], full=True)["shown"] is None


def test_a_short_brief_backs_each_value_of_a_disagreement_with_one_sentence_giving_it(examples):
    # Every outlet giving a value is named beside it; a short brief reads out one sentence per value and counts the
    # rest, a full brief reads out every one.
    _, _, briefs = examples
    disputed = [(brief, d) for brief in briefs.values()
                for d in render.shown(brief, "disagreements", brief["disagreements"])[0] if d["figures"]]
    assert disputed
    assert any(len(value["figures"]) > 1 for _, d in disputed for value in d["values"])
    for brief, disagreement in disputed:
        short = render.markdown(brief)
        block = short.split(f"- **{disagreement['quantity']}**", 1)[1].split("\n- ", 1)[0]
        shown = {line.rsplit(" [", 1)[1] for line in block.splitlines() if line.startswith("  - ") and " [" in line}
        assert shown == {render.ref(value["figures"][0]["sentence"])[1:] for value in disagreement["values"]}
        hidden = sum(len(value["figures"]) - 1 for value in disagreement["values"])
        assert (f"… {hidden} more sentence" in block) == bool(hidden)
        assert all(render.ref(span) in render.markdown(full(brief)) for span in disagreement["spans"])


def test_a_short_brief_shows_its_statements_a_round_of_speakers_at_a_time_in_few_wordings():
    wordings = [{"as_written": f"wording {n}", "sources": [f"Outlet {n}"]} for n in range(4)]

    def speaker(name: str, statements: int, disputed: int | None = None) -> dict:
        return {"attributed_to": name, "outlets": ["Outlet 0"],
                "statements": [{"wordings": wordings if n == 0 else [{**wordings[0], "as_written": f"{name} {n}"}],
                                "speaker_conflict": n == disputed, "given_to": []} for n in range(statements)]}

    brief = {"full": False, "shown": {"quotes": 4},
             "quotes": [speaker("Mayor Ilse Vark", 5), speaker("Jon Aas", 2), speaker("Ole Brun", 1, disputed=0)]}
    seen, hidden = render.statements_shown(brief, "quotes")
    assert [(entry["attributed_to"], len(statements)) for entry, statements in seen] == [
        ("Mayor Ilse Vark", 2), ("Jon Aas", 1), ("Ole Brun", 1)]  # the disputed one first, then rounds
    assert hidden == 8 - 4
    lines = render._said(seen, brief)
    assert [line.strip() for line in lines if "wording " in line][:2] == ["- wording 0 — Outlet 0",
                                                                         "- also: wording 1 — Outlet 1"]
    assert "    - … 2 more wordings in the full brief" in lines
    everything, none_hidden = render.statements_shown(full(brief), "quotes")
    assert none_hidden == 0 and sum(len(statements) for _, statements in everything) == 8
    assert sum("wording " in line for line in render._said(everything, full(brief))) == 3 * 4  # every wording


def test_a_short_brief_lists_an_outlets_loaded_words_once_each_and_not_the_storys_own_words():
    def loaded(word: str, story_word: bool = False) -> dict:
        return {"text": word, "neutral": "crowd" if word.lower() == "mob" else "said", "story_word": story_word}

    outlet = {"source": "Civic Post", "most_quoted": [],
              "loaded": [loaded("Mob", True), loaded("claimed"), loaded("mob", True), loaded("Claimed")]}
    brief = {"full": False, "shown": {"loaded": 5}}
    assert render.loaded_words(outlet, brief) == [("claimed", "said", 2)]
    assert render.loaded_words(outlet, full(brief)) == [("mob", "crowd", 2), ("claimed", "said", 2)]


def test_a_briefs_length_at_any_limits_is_its_sections_words_counted_once(examples):
    # The length budget takes items away from counts made once, not from the Markdown written again: the counts
    # must give the words the Markdown has at every limit, "more" lines, speakers' lines and loaded words included.
    _, _, briefs = examples
    for cut in briefs.values():
        brief = {**cut, "shown": {section: limit if section == "key_facts" else 8
                                  for section, limit in cut["shown"].items()}}
        counts = render.section_words(brief)

        def counted(limits: dict) -> int:
            return sum(counts[section][min(limit, len(counts[section]) - 1)]
                       for section, limit in limits.items() if section in counts)

        fixed = len(render.markdown(brief).split()) - counted(brief["shown"])
        for most in range(1, 9):
            limits = {section: limit if section == "key_facts" else most for section, limit in brief["shown"].items()}
            assert fixed + counted(limits) == len(render.markdown({**brief, "shown": limits}).split())


FERRY_STRIKE = [
    ("Harbor Daily", "Ferry strike halts crossings to Elsby island",
     "Ferry crews in Port Elsby walked out on Monday, halting every crossing to Elsby island. \u201cNo ferry "
     "will sail until the company restores the night shift pay,\u201d union leader Maria Lindqvist told reporters at "
     "the harbour. \u201cWe have waited two years for an answer,\u201d Lindqvist said. Harbour master Tomas Berg "
     "believes the crossings will resume by Friday. The company denied that it had cut the night shift pay."),
    ("Civic Post", "Elsby ferry crews strike over night pay",
     "Crossings to Elsby island stopped on Monday as ferry crews in Port Elsby went on strike. \u201cNo ferry "
     "will sail until the company restores the night shift pay,\u201d union leader Maria Lindqvist said. "
     "Lindqvist said the crews had waited two years for an answer from the ferry company."),
    ("Meridian Wire", "Strike stops Elsby ferries",
     "Ferry crews in Port Elsby stopped work on Monday and no crossing to Elsby island ran. \u201cNo ferry will "
     "sail until the company restores the night shift pay,\u201d harbour master Tomas Berg said on Monday "
     "evening. Berg said the harbour would stay open for fishing boats."),
]


@pytest.fixture(scope="module")
def ferry_brief(tmp_path_factory):
    directory = tmp_path_factory.mktemp("ferry")
    lines = [json.dumps({"source": source, "title": title, "text": text}) for source, title, text in FERRY_STRIKE]
    (directory / "ferry.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = Corpus.open(directory / "ferry.db")
    corpus.ingest([str(directory / "ferry.jsonl")])
    [story] = corpus.stories()
    return corpus.brief(story["id"])


def test_quotes_list_each_speaker_once_with_their_statements(ferry_brief):
    speakers = [entry["attributed_to"] for entry in ferry_brief["quotes"]]
    assert len(speakers) == len(set(speakers))
    [lindqvist] = [entry for entry in ferry_brief["quotes"] if entry["attributed_to"] == "Maria Lindqvist"]
    # Meridian Wire gives her words to the harbour master: it is not among the outlets quoting her.
    assert len(lindqvist["statements"]) == 2 and lindqvist["outlets"] == ["Civic Post", "Harbor Daily"]
    assert all(statement["speaker"] == "Maria Lindqvist" for statement in lindqvist["statements"])
    # "We have waited two years …" and its paraphrase in another outlet are one statement.
    assert any(len(statement["wordings"]) == 2 for statement in lindqvist["statements"])


def test_a_statement_outlets_give_to_different_speakers_is_under_each_with_the_conflict_in_every_format(ferry_brief):
    # Two outlets name the union leader, one the harbour master: each speaker has the statement with the outlets
    # naming them, and both say who else it is given to.
    statements = [(entry["attributed_to"], s) for entry in ferry_brief["quotes"] for s in entry["statements"]
                  if any("No ferry will sail" in w["text"] for w in s["wordings"])]
    assert sorted((speaker, s["speaker"], s["outlets"]) for speaker, s in statements) == [
        ("Maria Lindqvist", "Maria Lindqvist", ["Civic Post", "Harbor Daily"]),
        ("Tomas Berg", "Tomas Berg", ["Meridian Wire"])]
    conflict = "Maria Lindqvist (Civic Post, Harbor Daily); Tomas Berg (Meridian Wire)"
    [lindqvist] = [s for speaker, s in statements if speaker == "Maria Lindqvist"]
    assert lindqvist["speaker_conflict"] and lindqvist["given_to"] == [
        {"speaker": "Maria Lindqvist", "sources": ["Civic Post", "Harbor Daily"]},
        {"speaker": "Tomas Berg", "sources": ["Meridian Wire"]}]
    [berg] = [s for speaker, s in statements if speaker == "Tomas Berg"]
    assert berg["speaker_conflict"] and [given["speaker"] for given in berg["given_to"]] == ["Tomas Berg",
                                                                                              "Maria Lindqvist"]
    markdown = render.markdown(ferry_brief)
    assert f"attributed differently by different outlets: {conflict}" in markdown
    assert "- **Tomas Berg**" in markdown
    assert f"Attributed differently by different outlets: {conflict}" in render.html(ferry_brief)


def test_a_belief_that_names_no_holder_is_left_out(tmp_path):
    articles = tmp_path / "beliefs.jsonl"
    articles.write_text(json.dumps({"source": "Harbor Daily", "title": "Ferry strike", "text": (
        "The harbour ferry is expected to resume sailing on Friday. Union leader Tomas Berg hopes the strike ends "
        "soon.")}) + "\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path / "beliefs.db")
    corpus.ingest([str(articles)])
    [story] = corpus.stories()
    beliefs = corpus.brief(story["id"])["beliefs"]
    assert [entry["attributed_to"] for entry in beliefs] == ["Tomas Berg"]


def test_every_section_of_the_markdown_says_when_it_found_nothing(tmp_path):
    articles = tmp_path / "one.jsonl"
    articles.write_text(json.dumps({"source": "Harbor Daily", "title": "Ferry timetable", "text": (
        "The harbour ferry will keep its winter timetable until March. The first boat leaves at six.")}) + "\n",
        encoding="utf-8")
    corpus = Corpus.open(tmp_path / "one.db")
    corpus.ingest([str(articles)])
    [story] = corpus.stories()
    markdown = render.markdown(corpus.brief(story["id"]))
    sections = markdown.split("\n## ")[1:]
    assert any(section.startswith("Framing\n\n- none found") for section in sections)
    html = render.html(corpus.brief(story["id"]))
    assert "· 1 article from 1 outlet\n" in markdown and "1 article from\n1 outlet<" in html
    assert "<li>No wording choices found.</li>" in html and "<li>no dated events</li>" in html
    # What the summary says is not said again as news only one outlet has.
    assert "Reported by one outlet only\n\n- … 2 more claims" in markdown
    assert all(section.rstrip().count("\n") >= 2 for section in sections), sections


def test_beliefs_and_denials_are_not_quotes(ferry_brief):
    said = [w["text"] for entry in ferry_brief["quotes"] for s in entry["statements"] for w in s["wordings"]]
    assert not any("resume by Friday" in text or "cut the night shift" in text for text in said)
    [berg] = [entry for entry in ferry_brief["beliefs"] if entry["attributed_to"] == "Tomas Berg"]
    assert any("resume by Friday" in w["text"] for s in berg["statements"] for w in s["wordings"])
    quotes = render.markdown(ferry_brief).split("## Quotes", 1)[1].split("## Beliefs and intentions", 1)
    assert "resume by Friday" not in quotes[0] and "resume by Friday" in quotes[1].split("## ", 1)[0]


def test_key_facts_put_what_outlets_quote_word_for_word_after_what_they_state(tmp_path):
    # A real story of the tuning part: ten reports of a fire, whose outlets share several quotations.
    corpus = Corpus.open(tmp_path / "fire.db")
    corpus.ingest([str(ROOT / "eval" / "briefs" / "tune" / "14ecb.jsonl")])
    [story] = corpus.stories()
    brief = corpus.brief(story["id"])
    quoted = [(s["article"], s["start"], s["end"]) for entry in brief["quotes"] for statement in entry["statements"]
              if statement["direct"] for wording in statement["wordings"] for s in wording["spans"]]

    def mostly_quoted(fact):
        span = fact["spans"][0]
        inside = sum(max(0, min(span["end"], end) - max(span["start"], start))
                     for article, start, end in quoted if article == span["article"])
        return inside >= 0.5 * (span["end"] - span["start"])

    order = [mostly_quoted(fact) for fact in brief["key_facts"]]
    assert True in order and False in order
    assert order == sorted(order)


def test_no_key_fact_is_someones_words_alone(examples):
    # "I will not hide …" runs on inside one report's quotation of several paragraphs and is a quotation of its own
    # in another: the Quotes section gives it with its speaker, and a key fact would read as the outlets' own.
    corpus, _, briefs = examples
    texts = {article.id: article.text for article in corpus.articles()}

    def in_quotation(span: dict) -> bool:
        return any(start <= span["start"] and span["end"] <= end + 1
                   for start, end in quoted_spans(texts[span["article"]]))

    facts = [fact for brief in briefs.values() for fact in brief["key_facts"]]
    assert facts and not [fact for fact in facts if all(map(in_quotation, fact["spans"]))]


def real_story(tmp_path: Path, documents: str) -> tuple[dict, dict[str, Article]]:
    """The brief of the one story that the ECB+ full texts whose names match ``documents`` form, and its articles."""
    full_texts = ROOT.parent / "shared" / "data" / "ecbplus-fulltext" / "articles.jsonl"
    if not full_texts.is_file():
        pytest.skip("../shared/data/ecbplus-fulltext is not available")
    reports = tmp_path / "reports.jsonl"
    rows = [json.loads(line) for line in full_texts.open(encoding="utf-8")]
    reports.write_text("".join(json.dumps(row) + "\n" for row in rows if re.fullmatch(documents, row["source"])),
                       encoding="utf-8")
    corpus = Corpus.open(tmp_path / "reports.db")
    corpus.ingest([str(reports)])
    story = max(corpus.stories(), key=lambda s: len(corpus.story_articles(s["id"])))
    return corpus.brief(story["id"]), {article.id: article for article in corpus.story_articles(story["id"])}


def test_the_summary_states_the_news_in_a_sentence_not_in_a_headline(tmp_path):
    # Five real reports of a coming election (ECB+ topic 11, tuning part): the news is in every headline and in a
    # lead sentence of the same weight; the summary gives the sentence.
    brief, articles = real_story(tmp_path, r"11_\d+ecbplus")
    starts = [(articles[item["spans"][0]["article"]], item["spans"][0]["start"]) for item in brief["summary"]]
    assert starts and all(start >= article.body_start for article, start in starts)


def test_a_headline_claim_is_stated_by_the_lead_under_it(tmp_path):
    # Real reports of Microsoft's emergency fix (ECB+ topic 27, tuning part): two outlets' headlines ("Microsoft
    # releases fix for 'zero-day' IE browser bug") are one claim, and the leads under them restate it in full; the
    # summary says it once, in a sentence.
    brief, articles = real_story(tmp_path, r"27_\d+ecbplus")
    lines = brief["summary"]
    assert lines and all(line["start"] >= articles[line["article"]].body_start for line in lines)
    assert len({line["text"] for line in lines}) == len(lines)


def test_a_headline_whose_lead_leaves_out_its_figure_is_kept(tmp_path):
    # Real reports of Mark Felt's death (ECB+ topic 28, tuning part): "… dies at 95" heads a lead that says he has
    # died and gives his age only in the next sentence; the summary keeps the headline, with the age.
    brief, articles = real_story(tmp_path, r"28_\d+ecb")
    assert any("95" in line["text"] and line["start"] < articles[line["article"]].body_start
               for line in brief["summary"])


def test_a_brief_of_short_reports_shows_fewer_items_but_keeps_its_key_facts(tmp_path):
    # Ten short real reports of a supermarket fire (ECB+ topic 14, tuning part), 1,700 words: four items a section
    # and every sentence behind a disputed figure came to 0.86 of their words. Over half their words, every section
    # but the key facts shows one item; the summary stays whole.
    brief, articles = real_story(tmp_path, r"14_\d+ecb")
    words = sum(article.word_count for article in articles.values())
    config = build.CONFIG
    shown = brief["shown"]
    assert shown["key_facts"] == min(config.key_facts_shown, words // config.words_per_item) > 1
    assert all(count <= 1 for section, count in shown.items() if section != "key_facts")
    fuller = {**brief, "shown": {section: max(count, config.least_shown) for section, count in shown.items()}}
    assert len(render.markdown(fuller).split()) > config.length_budget * words
    assert len(render.markdown(brief).split()) < len(render.markdown(fuller).split())
    assert brief["summary"] == full(brief)["summary"] and len(brief["summary"]) == config.summary_most


def test_a_cut_brief_spends_the_words_the_cut_left_on_more_names_and_statements(tmp_path):
    # Eleven real reports of a prison escape (ECB+ topic 3, tuning part): over half their words at two items a
    # section, every long section was cut to one, leaving a tenth of the budget unspent and one name in "Who is
    # involved". The words left go to one more item at a time, to the fill budget and no further.
    brief, articles = real_story(tmp_path, r"3_\d+ecbplus")
    words = sum(article.word_count for article in articles.values())
    config, shown = build.CONFIG, brief["shown"]
    assert shown["single_source"] == 1 and shown["entities"] > 1 and len(brief["entities"]) > shown["entities"]
    assert len(render.markdown(brief).split()) <= config.fill_budget * words
    for section in ("quotes", "entities", "timeline", "single_source"):
        fuller = {**brief, "shown": shown | {section: shown[section] + 1}}
        assert len(render.markdown(fuller).split()) > config.fill_budget * words, section


def tuning_story(tmp_path: Path, name: str) -> dict:
    """The brief of the largest story a tuning story's articles (eval/briefs/tune) form."""
    corpus = Corpus.open(tmp_path / f"{name}.db")
    corpus.ingest([str(ROOT / "eval" / "briefs" / "tune" / f"{name}.jsonl")])
    story = max(corpus.stories(), key=lambda s: len(corpus.story_articles(s["id"])))
    return corpus.brief(story["id"])


def test_no_key_fact_shows_a_sentence_the_summary_shows(tmp_path):
    # Real reports of a jewellery heist in Paris (ECB+ topic 24, tuning part): a summary line states the claim of
    # two headlines by the lead under one of them, and that lead is a claim of its own, carried by another outlet.
    brief = tuning_story(tmp_path, "24ecbplus")
    summary = {(line["article"], line["start"]) for line in brief["summary"]}
    first = brief["key_facts"][:brief["shown"]["key_facts"]]
    assert summary and first
    assert not any((span["article"], span["start"]) in summary for fact in first for span in fact["spans"])


def test_a_key_fact_shows_an_outlets_sentence_that_reads_alone_before_one_that_refers_back(tmp_path):
    # Real reports of a pin-up model's death (ECB+ topic 4, tuning part): three outlets carry one claim, one of them
    # in a sentence whose subject ("The latter") stands for what came before it.
    brief = tuning_story(tmp_path, "4ecb")
    [fact] = [fact for fact in brief["key_facts"] if any(s["text"].startswith("The latter") for s in fact["spans"])]
    first = nlp.load()(fact["spans"][0]["text"])
    assert not fact["spans"][0]["text"].startswith("The latter") and not claims.refers_back(next(first.sents).root)


def test_a_claim_whose_figure_outlets_dispute_is_a_key_fact_marked_as_disputed(tmp_path):
    # Real reports of a deadly firebombing during a Greek general strike (ECB+ topic 8, tuning part): two outlets
    # say tens of thousands took to the streets in the strike, and give different numbers of marchers elsewhere;
    # the strike is still news they agree on.
    brief = tuning_story(tmp_path, "8ecbplus")
    first = brief["key_facts"][:5]
    disputed = [fact for fact in first if fact["kind"] == "conflicting"]
    assert any("took to the streets" in fact["spans"][0]["text"] for fact in disputed)
    assert all(fact["conflict"] and not fact["conflict"].startswith("polarity") for fact in disputed)
    markdown = render.markdown(brief).split("## Key facts", 1)[1].split("## Disagreements", 1)[0]
    line = next(line for line in markdown.splitlines() if "took to the streets" in line)
    assert line.endswith("outlets disagree, see Disagreements")


def test_key_facts_that_one_outlet_states_and_others_copy_come_after_those_outlets_state_alike(tmp_path):
    # Real reports of a football game (ECB+ topic 29, tuning part): an outlet's colour on the rookie quarterback,
    # copied word for word by another, stood among the first key facts, before the standings and the tying field
    # goal that two and four outlets state in their own words (or one outlet's lead that another tells in its own).
    brief = tuning_story(tmp_path, "29ecbplus")
    independent = [len(fact["independent_sources"]) > 1 or "said_elsewhere" in fact for fact in brief["key_facts"]]
    assert False in independent
    assert all(independent[:5])


def test_key_facts_the_timeline_dates_years_before_the_story_come_after_the_news(tmp_path):
    # Real reports of a Watergate figure found dead (ECB+ topic 28, tuning part): the outlets tell his career in the
    # Nixon years at length, and those lines stood among the first key facts, before what was found and said now.
    brief = tuning_story(tmp_path, "28ecbplus")
    dated = [(calendar_end(entry["value"] or ""), {s["source"] for s in entry["statements"]},
              [(s["article"], s["start"], s["end"]) for s in entry["statements"]]) for entry in brief["timeline"]]
    # Undated reports: the story's own news runs from a month before the latest year two outlets date statements to.
    start = date(max(end.year for end, sources, _ in dated if end and len(sources) > 1), 1, 1) \
        - timedelta(days=build.CONFIG.background_days)
    before = [span for end, _, spans in dated if end and end < start for span in spans]

    def told_before(fact):
        return any(article == s["article"] and first < s["end"] and s["start"] < last
                   for s in fact["spans"] for article, first, last in before)

    order = [told_before(fact) for fact in brief["key_facts"]]
    assert True in order[5:] and True not in order[:5]



def test_what_led_up_to_the_news_in_late_december_is_no_background_when_the_reports_name_the_new_year():
    # Undated reports of a bridge closed in the new year (own text): the cracks found in the last days of December
    # are what led up to the news, not background like the bridge's opening decades before.
    texts = {"Valley Post": "The Harlow bridge was opened in March 1961. Inspectors found cracks in the Harlow bridge "
                            "on 29 December 2010. The council closed the Harlow bridge on 4 January 2011.",
             "Ridge Herald": "Cracks were found in the Harlow bridge on 29 December 2010, inspectors said. The Harlow "
                             "bridge, opened in March 1961, was closed by the council on 4 January 2011."}
    articles = {a.id: a for a in (Article(text, source=outlet) for outlet, text in texts.items())}

    def said(words: str) -> list:
        spans = []
        for article in articles.values():
            sentence = next(s for s in re.split(r"(?<=\.) ", article.text) if words in s)
            start = article.text.index(sentence)
            spans.append(article.span(start, start + len(sentence)))
        return spans

    entries = [TimelineEntry("1961-03", said("opened")), TimelineEntry("2010-12-29", said("found")),
               TimelineEntry("2011-01-04", said("closed"))]

    def unit(span):
        return claims.ClaimUnit(span, articles[span.article_id].outlet, "find", False, frozenset())

    before = build.told_before_story(entries, articles, build.CONFIG)
    assert [before(unit(entry.statements[0])) for entry in entries] == [True, False, False]


BRIDGE_REPORTS = [
    ("Valley Post", "Harbour Bridge shut after cracks found",
     "The council of Dunmore closed the old Harbour Bridge to all traffic on Tuesday after inspectors found deep "
     "cracks in two of its piers. Drivers now face a detour of twelve miles through Kelby. The bridge was built in "
     "1931 and carries about nine thousand cars a day. Engineers will examine the piers next week, the council "
     "said. Repairs could take until the spring, according to the council's roads officer."),
    ("Ridge Herald", "Dunmore drivers face long detour",
     "Drivers in Dunmore face a twelve-mile detour through Kelby after the Harbour Bridge was closed on Tuesday. "
     "Inspectors found deep cracks in two piers of the bridge, which was built in 1931. The council shut the old "
     "Harbour Bridge to all traffic on Tuesday once the cracks were reported. About nine thousand cars cross the "
     "bridge each day. Engineers will examine the piers next week."),
    ("Coast Courier", "Cracked bridge closed in Dunmore",
     "Dunmore's old Harbour Bridge has been shut to traffic after deep cracks were found in two of its piers on "
     "Tuesday. The council said engineers will examine the piers next week. The 1931 bridge carries about nine "
     "thousand cars a day, and drivers face a twelve-mile detour through Kelby. Shop owners in Kelby said the extra "
     "traffic was welcome."),
]


def test_a_reports_lead_another_outlet_tells_in_other_words_is_a_key_fact(tmp_path):
    # Three reports of a bridge closed (own text): one outlet's headline joins no other outlet's sentence (the
    # aligner keeps one sentence an article), though the others tell it in their own words; it is news they agree on.
    # A lead sentence whose nearest sentence elsewhere is less alike stays one outlet's.
    path = tmp_path / "bridge.jsonl"
    path.write_text("".join(json.dumps({"source": source, "title": title, "text": text}) + "\n"
                            for source, title, text in BRIDGE_REPORTS), encoding="utf-8")
    corpus = Corpus.open(tmp_path / "bridge.db")
    corpus.ingest([str(path)])
    brief = corpus.brief(corpus.stories()[0]["id"])
    told = [fact for fact in brief["key_facts"] if "said_elsewhere" in fact]
    assert [fact["spans"][0]["text"] for fact in told] == ["Harbour Bridge shut after cracks found"]
    assert told[0]["sources"] == ["Valley Post"] and told[0]["said_elsewhere"] >= build.CONFIG.lead_restated
    assert not any(fact["spans"][0]["text"].startswith("Inspectors found") for fact in brief["key_facts"])
    assert "- Harbour Bridge shut after cracks found — Valley Post, told by another outlet in other words" \
        in render.markdown(brief).split("## Key facts", 1)[1].split("## Disagreements", 1)[0]
    assert "told by another outlet in other words" in render.html(brief)


def test_a_reaction_or_an_explanation_waits_behind_a_development_more_outlets_carry():
    # Own text, five claims in the order of how central they are to their reports: a judgement, an explanation and a
    # promise most outlets tell as what someone says came before the lawsuit four outlets report deep in theirs. A
    # development waits for nothing, and the others wait only for a development more outlets carry. One outlet's "has
    # promised" among three does not make the promise a development: most of its outlets tell it as what the leader
    # says.
    told = [
        [("Coast Post", "The mayor called the harbour contract a gift to his friends on the council."),
         ("Valley Times", "The council leader says the contract is a gift to the shipping firm.")],
        [("Coast Post", "The contract gives Brandt Shipping the use of the harbour for twenty years."),
         ("Harbour Gazette", "The deal lets the company run every ferry from the harbour until 2045.")],
        [("Coast Post", "The new council leader says she intends to cancel the contract."),
         ("Valley Times", "The council leader has promised to cancel the contract with Brandt."),
         ("Harbour Gazette", "The council leader says the contract will be cancelled within a month.")],
        [("Valley Times", "Police arrested two council officials at the town hall on Monday."),
         ("Harbour Gazette", "Two officials of the council were arrested by police at the town hall.")],
        [("Coast Post", "Three residents sued the council in the district court on Tuesday."),
         ("Valley Times", "The council has been sued by three residents over the contract."),
         ("Harbour Gazette", "Three residents filed a lawsuit against the council in the district court."),
         ("Bay Courier", "A lawsuit against the council was filed by three residents of the town.")],
    ]
    articles = [Article(text, source=outlet) for group in told for outlet, text in group]
    units = iter(unit for article, doc in zip(articles, nlp.parse([a.text for a in articles]))
                 for unit in claims.units(article, doc))
    ranked = []
    for index, group in enumerate(told):
        outlets = [outlet for outlet, _ in group]
        ranked.append(claims.ClaimGroup([next(units) for _ in group], "shared", outlets, outlets,
                                         centrality=5.0 - index, vector=np.eye(len(told))[index]))
    assert [build.tells_development(group) for group in ranked] == [False, False, False, True, True]
    ordered = build.distinct_first(ranked, [], build.CONFIG, lambda group: False)
    assert [ranked.index(group) for group in ordered] == [3, 4, 0, 1, 2]


def test_a_headline_claim_is_stated_by_a_lead_of_its_group_only_when_the_lead_says_what_the_headline_says():
    # Own text: the claim's best unit is a headline; another outlet's lead in the same claim says only part of it
    # (no name, no old post). A summary line states the headline, not that lead; a lead of the claim that says what
    # the headline says states it.
    title = "Harbour museum director Ana Ruiz named to run the national gallery"
    reports = [("Coast Post", title, "The board met for three hours before the vote on Monday."),
               ("Valley Times", "Gallery appoints a new head for next spring",
                "The national gallery will have a new director next spring, the board said."),
               ("Bay Courier", "Gallery board makes its choice after a long search",
                "Ana Ruiz, director of the harbour museum, has been named to run the national gallery.")]
    articles = [Article(with_headline(headline, body), source=outlet, title=headline)
                for outlet, headline, body in reports]
    by_id = {article.id: article for article in articles}
    found = {article.source: claims.units(article, doc)
             for article, doc in zip(articles, nlp.parse([a.text for a in articles]))}
    headline = found["Coast Post"][0]
    partial, restating = found["Valley Times"][1], found["Bay Courier"][1]
    assert headline.span.start < articles[0].body_start and claims.in_lead(partial) and claims.in_lead(restating)

    def stated(group_units: list[claims.ClaimUnit]) -> str:
        group = claims.ClaimGroup(group_units, "shared", [u.source for u in group_units])
        unit = build.stating_unit(group, build.lead_units([group], by_id), by_id, build.CONFIG)
        return unit.span.text(by_id[unit.span.article_id])

    assert stated([headline, partial]) == title
    assert stated([headline, partial, restating]).startswith("Ana Ruiz, director of the harbour museum")
