"""Stories and articles a page at a time, from the summaries the store keeps with each story: the pages join into
the whole list, and every summary is what the story's current articles say after batches that grew, merged and
dated stories, and after a revision."""

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.corpus import Corpus
from storyline.model import Article, Mention
from storyline.store import StoreError
from storyline.stories import summary
from storyline.web import create_app
from storyline.web.pages import environment

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
ECBPLUS_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-fulltext" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("paging") / "examples.db"
    corpus = Corpus.open(path, batch_size=3)  # stories grow, merge and get dates over several batches
    report = corpus.ingest([str(EXAMPLES)])
    corpus.close()
    assert report.stored == 14
    return path


def summaries_counted_again(corpus: Corpus) -> dict[str, dict]:
    """Each story's summary computed from its articles, the slow way the list no longer takes."""
    counted = {}
    for story_id in {corpus.story_of(article.id) for article in corpus.articles()}:
        articles = corpus.story_articles(story_id)
        dates = sorted(a.published.isoformat() for a in articles if a.published)
        counted[story_id] = {"articles": len(articles), "sources": sorted({a.source for a in articles} - {""}),
                             "first_published": dates[0] if dates else None,
                             "last_published": dates[-1] if dates else None}
    return counted


def kept(story: dict) -> dict:
    return {key: story[key] for key in ("articles", "sources", "first_published", "last_published")}


def test_every_story_summary_is_what_its_articles_say(db):
    corpus = Corpus.open(db)
    stories = corpus.stories()
    assert {story["id"]: kept(story) for story in stories} == summaries_counted_again(corpus)
    assert any(story["articles"] > 1 for story in stories) and corpus.count_stories() == len(stories)
    sizes = [story["articles"] for story in stories]
    assert sizes == sorted(sizes, reverse=True)


def test_pages_of_stories_and_articles_join_into_the_whole_list(db):
    corpus = Corpus.open(db)
    for limit in (1, 2, 5):
        pages, after = [], None
        while page := corpus.stories(limit, after):
            assert len(page) <= limit
            pages += page
            after = page[-1]["id"]
        assert pages == corpus.stories()
        articles, after = [], None
        while page := corpus.articles(limit=limit, after=after):
            articles += page
            after = page[-1].id
        assert [a.id for a in articles] == [a.id for a in corpus.articles()]
    with pytest.raises(KeyError):
        corpus.stories(2, "no-such-story")


def test_a_revision_replaces_its_article_in_the_story_summary(tmp_path, db):
    copy = tmp_path / "revised.db"
    copy.write_bytes(db.read_bytes())
    corpus = Corpus.open(copy)
    original = next(a for a in corpus.articles() if a.url)
    revised = Article(original.text + "\n\nThis article was updated with a correction.", source="Revised Desk",
                      title=original.title, url=original.url, published=original.published)
    assert corpus.add([revised]).revisions == 1
    assert {story["id"]: kept(story) for story in corpus.stories()} == summaries_counted_again(corpus)
    assert sum(story["articles"] for story in corpus.stories()) == 14
    assert "Revised Desk" in corpus.store.story(corpus.story_of(revised.id))["sources"]


def test_the_api_and_the_pages_serve_lists_a_page_at_a_time(db):
    with TestClient(create_app(db)) as client:
        everything = client.get("/api/stories").json()
        response = client.get("/api/stories", params={"limit": 2})
        pages = response.json()
        while "next" in response.links:
            response = client.get(response.links["next"]["url"])
            pages += response.json()
        assert pages == everything and len(everything) > 2
        articles = client.get("/api/articles", params={"limit": 4})
        assert len(articles.json()) == 4 and "after=" in articles.links["next"]["url"]
        assert client.get("/api/stories", params={"after": "no-such-story"}).status_code == 404
        page = client.get("/").text
        assert f"{len(everything)} stories from 14 articles" in page and "More stories" not in page


def test_stories_filter_by_outlet_dates_words_and_name_newest_first(db):
    corpus = Corpus.open(db)
    everything = corpus.stories()
    by_id = {story["id"]: story for story in everything}

    def ids(**filters) -> set[str]:
        return {story["id"] for story in corpus.stories(**filters)}

    assert ids(source="harbor daily") == {s["id"] for s in everything if "Harbor Daily" in s["sources"]} != set()
    assert ids(source="%") == ids(source="Harbor") == set()  # an outlet is matched whole and literally
    september = datetime(2026, 9, 1, tzinfo=timezone.utc)
    assert ids(since=september) == {s["id"] for s in everything if (s["last_published"] or "") >= "2026-09"}
    assert ids(until=september) == {s["id"] for s in everything if s["first_published"] and
                                    s["first_published"] < "2026-09"}
    assert ids(since=september) and ids(until=september)
    blackout = ids(query="blackout")
    assert blackout and all(any("lackout" in a.text for a in corpus.story_articles(i)) for i in blackout)
    assert ids(entity="Budapest") <= blackout and not ids(entity="Budapest", source="no such outlet")
    with pytest.raises(StoreError):
        corpus.stories(query='"unbalanced')
    assert ids(query='"unbalanced', lenient=True) == set()
    newest = corpus.stories(order="newest")
    assert [s["last_published"] or "" for s in newest] == sorted((s["last_published"] or "" for s in newest),
                                                                   reverse=True)
    pages, after = [], None
    while page := corpus.stories(1, after, order="newest", since=september):
        pages += page
        after = page[-1]["id"]
    assert pages == corpus.stories(order="newest", since=september)
    assert all(by_id[story["id"]] == story for story in newest)


def test_a_story_keeps_its_first_headline_and_people_until_its_brief_gives_its_own(tmp_path, db):
    copy = tmp_path / "briefed.db"
    copy.write_bytes(db.read_bytes())
    corpus = Corpus.open(copy)
    story = max(corpus.stories(), key=lambda s: s["articles"])
    titles = {a.title for a in corpus.story_articles(story["id"])}
    assert story["headline"] in titles and story["people"] != []
    brief = corpus.brief(story["id"])
    listed = corpus.store.story(story["id"])
    assert listed["headline"] == brief["title"]
    assert listed["people"] == [e["name"] for e in brief["entities"] if e["type"] == "PERSON"][:3] != []


def test_after_an_ingest_every_story_is_listed_under_a_headline_with_its_key_people_before_any_brief(store_at):
    corpus = Corpus.open(store_at("examples"), batch_size=3)  # stories grow and merge over several batches
    corpus.ingest([str(EXAMPLES)])
    stories = corpus.stories()
    assert len(stories) == 4 and corpus.store.db.execute("SELECT count(*) FROM briefs").fetchone()[0] == 0
    for story in stories:
        found = corpus.entities(story["id"])
        people = {e.name: len({span.article_id for span in e.mentions}) for e in found if e.type == "PERSON"}
        assert story["headline"] in {a.title for a in corpus.story_articles(story["id"])}
        assert len(story["people"]) == 3 and set(story["people"]) <= set(people)
        # Each is named in as many articles as anyone left out.
        assert min(people[name] for name in story["people"]) >= max(
            [count for name, count in people.items() if name not in story["people"]], default=0)
    # The entity filter finds a person under the other spelling their story writes too, and under a bare surname.
    [haddad] = corpus.stories(entity="Abdul Karim Haddad")
    assert corpus.stories(entity="abdel karim haddad") == corpus.stories(entity="Haddad") == [haddad]
    assert "Abdel Karim Haddad" in haddad["people"]
    corpus.close()


def test_the_story_list_page_filters_and_keeps_its_filters_in_the_next_page_link(db, monkeypatch):
    monkeypatch.setattr("storyline.web.pages.PAGE_SIZE", 1)
    with TestClient(create_app(db)) as client:
        page = client.get("/", params={"order": "newest", "outlet": "Harbor Daily"}).text
        assert 'rel="next" href="/?outlet=Harbor+Daily&amp;order=newest&amp;after=' in page
        assert "1+ matching stories" in page
        assert "No story matches" in client.get("/", params={"q": "zzzunheardof"}).text
        assert client.get("/", params={"order": "sideways"}).status_code == 422
        monkeypatch.setitem(environment.globals, "OUTLETS_SHOWN", 2)  # a row names a few outlets, counts the rest
        widest = max(Corpus.open(db).stories(), key=lambda story: len(story["sources"]))
        assert f"and {len(widest['sources']) - 2} more</span>" in client.get("/").text
        # The form sends its empty fields too: an empty date is no date, a wrong one an error.
        assert client.get("/", params={"q": "", "entity": "", "since": "", "until": ""}).status_code == 200
        assert client.get("/", params={"since": "September"}).status_code == 422
        assert client.get("/api/stories", params={"q": '"unbalanced'}).status_code == 400
        response = client.get("/api/stories", params={"limit": 1, "source": "Harbor Daily", "order": "newest"})
        assert "source=Harbor+Daily" in response.links["next"]["url"]


def test_an_entity_across_stories_has_its_names_roles_and_every_quote_by_story(db):
    corpus = Corpus.open(db)
    found = corpus.entity("Marek Zielinski")  # written without its accent
    [story] = found["stories"]
    [entity] = story["entities"]
    assert entity["type"] == "PERSON" and {"Marek Zieliński", "Zieliński"} <= set(found["variants"])
    everything = corpus.quotes(story_id=story["story"]["id"])
    theirs = [group for group in everything if group["speaker_id"] == entity["id"]]
    assert story["quotes"] == theirs != [] and not found["more"]
    assert all(group["outlets"] and group["wordings"] for group in story["quotes"])
    assert corpus.entity("Nobody Innamed")["stories"] == []


def test_a_story_growing_an_article_a_batch_is_named_from_all_its_articles_at_the_end(tmp_path):
    """One ECB+ topic of the tuning part (an actress's stay in rehab, 18 reports) ingested an article a batch: its
    story takes an article at nearly every batch and is named once, when the ingest ends, from all of them."""
    if not ECBPLUS_TEXTS.exists():
        pytest.skip("shared ECB+ full texts not present")
    lines = [json.loads(line) for line in ECBPLUS_TEXTS.read_text().splitlines()]
    folder = tmp_path / "topic"
    folder.mkdir()
    (folder / "topic.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines
                                                if re.fullmatch(r"1_\d+ecb", line["source"])))
    corpus = Corpus.open(tmp_path / "topic.db", batch_size=1)
    assert corpus.ingest([str(folder)]).stored == 18
    store = corpus.store
    assert max(story["articles"] for story in store.stories()) >= 8
    for story in store.stories():
        articles = summary.newest(store.articles(ids=store.story_article_ids(story["id"])))
        expected = summary.story_names(articles, store.records("mention", Mention, [a.id for a in articles]))
        kept = {(row["entity"], row["name"]) for row in store.db.execute(
            "SELECT entity, name FROM story_names WHERE story_id = ?", (story["id"],))}
        assert kept == set(expected.names) and story["people"] == expected.people
