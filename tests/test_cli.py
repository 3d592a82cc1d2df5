import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BACKENDS, new_store
from storyline.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "examples" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    """The seeds ingested by the command line, into a store of each backend in turn."""
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    db = new_store(request, request.param, tmp_path_factory.mktemp("cli"), "seeds")
    code, stdout, _ = run("ingest", str(SEEDS), "--db", db, "--json")
    assert code == 0
    return db, json.loads(stdout)


def test_ingest_stores_the_two_seeds_with_their_entities(seeded):
    db, report = seeded
    assert report["stored"] == 2 and report["errors"] == []
    for article_id in report["articles"]:
        code, stdout, _ = run("show", article_id, "--db", db, "--json")
        names = {m["span"]["label"] for m in json.loads(stdout)["mentions"]}
        assert code == 0 and {"PERSON", "GPE"} <= names


def test_ingesting_again_is_a_no_op(seeded):
    db, _ = seeded
    code, stdout, _ = run("ingest", str(SEEDS), "--db", db, "--json")
    report = json.loads(stdout)
    assert code == 0 and report["stored"] == 0 and report["duplicates"] == 2


def test_show_marks_entities_in_the_text(seeded):
    db, report = seeded
    _, stdout, _ = run("show", report["articles"][0][:6], "--db", db)
    assert "[Tehran]{GPE}" in stdout


def test_articles_and_search_list_as_table_and_json(seeded):
    db, _ = seeded
    code, stdout, _ = run("articles", "--db", db, "--json")
    assert code == 0 and len(json.loads(stdout)) == 2
    code, stdout, _ = run("search", "Mehrabad", "--db", db, "--json")
    [hit] = json.loads(stdout)
    assert code == 0 and "[Mehrabad]" in hit["snippet"]
    code, stdout, _ = run("search", "Mehrabad", "--db", db)
    assert code == 0 and stdout.splitlines()[0].split() == ["id", "source", "published", "snippet"]
    code, _, _ = run("search", "zeppelin", "--db", db)
    assert code == 1


def test_bad_inputs_are_reported_by_name_and_the_rest_is_stored(tmp_path):
    good = tmp_path / "inbox" / "good.txt"
    good.parent.mkdir()
    good.write_text("The harbour in Kessel reopened on Friday after the storm, the coast guard said.\n")
    (tmp_path / "inbox" / "empty.txt").write_text("")
    (tmp_path / "inbox" / "feed.jsonl").write_text('{"text": "A bridge over the Vistula was closed for repairs."}\n'
                                                   '{"text": "truncated\n')
    db = str(tmp_path / "bad.db")
    code, stdout, stderr = run("ingest", str(tmp_path / "inbox"), "--db", db, "--json")
    report = json.loads(stdout)
    assert code == 1
    assert report["stored"] == 2
    assert any("empty.txt" in error for error in report["errors"])
    assert any("feed.jsonl:2" in error for error in report["errors"])
    assert "empty.txt" in stderr


def test_a_file_that_is_not_a_database_is_refused_with_exit_code_3(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("not a database " * 200)
    code, _, stderr = run("articles", "--db", str(db))
    assert code == 3 and "not a Storyline database" in stderr


def story_of_seeds(db: str) -> dict:
    code, stdout, _ = run("stories", "--db", db, "--json")
    [story] = json.loads(stdout)
    assert code == 0
    return story


def test_the_two_seeds_form_one_story_with_its_history(seeded):
    db, report = seeded
    story = story_of_seeds(db)
    assert story["articles"] == 2
    code, stdout, _ = run("story", story["id"], "--db", db, "--json")
    detail = json.loads(stdout)
    assert {a["id"] for a in detail["articles"]} == set(report["articles"])
    assert [e["event"] for e in detail["history"]] == ["created", "joined"]
    code, _, stderr = run("story", "s999", "--db", db)
    assert code == 1 and "no story" in stderr


def test_entities_quotes_and_timeline_of_a_story(seeded, tmp_path):
    db, _ = seeded
    story = story_of_seeds(db)["id"]
    _, stdout, _ = run("entities", "--story", story, "--db", db, "--json")
    khamenei = [e for e in json.loads(stdout) if "Khamenei" in e["name"]]
    assert len(khamenei) == 1 and khamenei[0]["articles"] == 2
    _, stdout, _ = run("quotes", "--story", story, "--speaker", "khamenei", "--db", db, "--json")
    groups = json.loads(stdout)
    assert groups and all("Khamenei" in g["speaker"] for g in groups)
    svg = tmp_path / "timeline.svg"
    code, stdout, _ = run("timeline", "--story", story, "--svg", str(svg), "--db", db, "--json")
    # The seeds are undated: the meeting's day keeps its words, its year unknown.
    assert code == 0 and any(entry["label"] == "29 April (year not given)" for entry in json.loads(stdout))
    assert svg.read_text().startswith("<svg")


def test_brief_by_story_id_and_recluster_keep_the_story(seeded):
    db, _ = seeded
    story = story_of_seeds(db)
    code, stdout, _ = run("brief", story["id"], "--db", db, "--format", "md")
    assert code == 0 and stdout.startswith("# ") and "## Key facts" in stdout
    code, _, stderr = run("recluster", "--db", db)
    assert code == 0 and "1 stories" in stderr
    assert story_of_seeds(db)["articles"] == 2


def test_a_revised_article_replaces_its_earlier_version_in_its_story(tmp_path):
    page = tmp_path / "fire.jsonl"
    record = {"url": "https://harbor.example/fire", "source": "Harbor Daily", "title": "Port fire",
              "published": "2026-03-10T08:00:00+00:00",
              "text": "A fire at the container terminal in Gdansk killed three dock workers on Monday night, "
                      "the city's fire service said. Crews fought the blaze for nine hours."}
    page.write_text(json.dumps(record) + "\n")
    db = str(tmp_path / "revisions.db")
    run("ingest", str(page), "--db", db)
    record["text"] = record["text"].replace("three", "four")
    page.write_text(json.dumps(record) + "\n")
    code, stdout, _ = run("ingest", str(page), "--db", db, "--json")
    assert code == 0 and json.loads(stdout)["revisions"] == 1
    _, stdout, _ = run("articles", "--db", db, "--json")
    [current] = json.loads(stdout)
    assert current["revision_of"]
    _, stdout, _ = run("stories", "--db", db, "--json")
    assert sum(story["articles"] for story in json.loads(stdout)) == 1


def test_a_stage_that_fails_on_one_article_costs_it_only_that_stage_with_a_warning(tmp_path, monkeypatch):
    from storyline import extract

    def fragile(article, doc):
        if "Kessel" in article.text:
            raise ValueError("day is out of range for month")
        return real_time(article, doc)

    real_time = next(stage.run for stage in extract.STAGES if stage.kind == "time")
    monkeypatch.setattr(extract, "STAGES", tuple(extract.Stage(s.kind, s.needs, fragile if s.kind == "time" else s.run)
                                                 for s in extract.STAGES))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kessel.txt").write_text("The harbour of Kessel reopened on Friday after the storm, officials said.\n")
    (inbox / "vistula.txt").write_text("A bridge over the Vistula was closed for repairs on Monday, the city said.\n")
    db = str(tmp_path / "fragile.db")
    code, stdout, _ = run("ingest", str(inbox), "--db", db, "--json")
    report = json.loads(stdout)
    assert code == 0 and report["stored"] == 2 and not report["errors"]
    [warning] = report["warnings"]
    assert "kessel.txt" in warning and "time stage skipped" in warning and "day is out of range" in warning
    _, stdout, _ = run("stories", "--db", db, "--json")
    assert sum(story["articles"] for story in json.loads(stdout)) == 2


def test_brief_json_is_one_document_and_jsonl_one_brief_a_line(tmp_path):
    db = str(tmp_path / "fires.db")
    fires = [str(EXAMPLES / "articles" / "port-fire-gdansk"), str(EXAMPLES / "articles" / "port-fire-genoa")]
    code, stdout, _ = run("brief", *fires, "--db", db, "--format", "json")
    briefs = json.loads(stdout)
    assert code == 0 and isinstance(briefs, list) and len(briefs) == 2
    assert all(brief["schema"] == "storyline.brief/1" for brief in briefs)
    story_ids = [brief["story"]["id"] for brief in briefs]
    code, stdout, _ = run("brief", *story_ids, "--db", db, "--format", "jsonl")
    assert code == 0 and [json.loads(line) for line in stdout.splitlines()] == briefs
    code, stdout, _ = run("brief", story_ids[0], "--db", db, "--format", "json")
    assert code == 0 and json.loads(stdout) == briefs[0]  # one brief: the object itself
