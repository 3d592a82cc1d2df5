"""Briefs kept in the store: built once, served until the story changes (a new article, a recluster, another
version of the code), dropped in the transaction that changes the story."""

from pathlib import Path

import pytest

from storyline.brief import cache
from storyline.compare import story as story_stage
from storyline.corpus import Corpus

BLACKOUT = Path(__file__).resolve().parents[1] / "examples" / "articles" / "hungary-blackout"


@pytest.fixture
def corpus(store_at):
    found = Corpus.open(store_at("briefs"))
    found.ingest([str(BLACKOUT / "civic-post.txt"), str(BLACKOUT / "meridian-wire.txt")])
    yield found
    found.close()


@pytest.fixture
def builds(monkeypatch):
    """Every story the story-level stages run for: a brief served from the store runs none."""
    made = []
    compare = story_stage.compare_story

    def counted(material):
        made.append([a.id for a in material.articles])
        return compare(material)

    monkeypatch.setattr(story_stage, "compare_story", counted)
    return made


def kept_rows(corpus: Corpus) -> list[str]:
    return [row[0] for row in corpus.store.db.execute("SELECT story_id FROM briefs")]


def the_story(corpus: Corpus) -> str:
    (story,) = corpus.stories()
    return story["id"]


def test_a_brief_is_built_once_and_served_from_the_store_after(corpus, builds):
    story_id = the_story(corpus)
    assert corpus.kept_brief(story_id) is None
    first = corpus.brief(story_id)
    assert kept_rows(corpus) == [story_id] and corpus.kept_brief(story_id) == first
    again = Corpus.open(corpus.store.path)  # another process's Corpus finds it too
    assert again.brief(story_id) == first and corpus.brief(story_id) == first
    assert len(builds) == 1


def test_a_new_article_drops_the_kept_brief_in_its_transaction_and_the_next_brief_has_it(corpus, builds):
    story_id = the_story(corpus)
    corpus.brief(story_id)
    report = corpus.ingest([str(BLACKOUT / "northern-ledger.txt")])
    assert report.stored == 1 and corpus.story_of(report.stored_ids[0]) == story_id
    assert kept_rows(corpus) == []
    brief = corpus.brief(story_id)
    assert len(brief["story"]["articles"]) == 3 and len(builds) == 2


def test_a_recluster_or_other_code_builds_the_brief_again(corpus, builds, monkeypatch):
    story_id = the_story(corpus)
    corpus.brief(story_id)
    monkeypatch.setattr(cache, "code_version", lambda: "another storyline")
    assert corpus.kept_brief(story_id) is None
    corpus.brief(story_id)
    assert len(builds) == 2
    corpus.recluster()
    assert kept_rows(corpus) == []


def test_the_code_version_changes_with_any_source_file(tmp_path, monkeypatch):
    (tmp_path / "stage.py").write_text("THRESHOLD = 0.5\n")
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)
    cache.code_version.cache_clear()
    before = cache.code_version()
    (tmp_path / "stage.py").write_text("THRESHOLD = 0.6\n")
    cache.code_version.cache_clear()
    assert cache.code_version() != before
    cache.code_version.cache_clear()
