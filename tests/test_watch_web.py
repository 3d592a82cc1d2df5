"""Feeds, watches and alerts in the API and the pages; the story list's new/updated marks and its change stream."""

import time
from http import HTTPStatus
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline import clock
from storyline.corpus import Corpus
from storyline.web import create_app
from storyline.web.visits import SEEN_COOKIE, SINCE_COOKIE

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture
def client(tmp_path):
    db = tmp_path / "web.db"
    corpus = Corpus.open(db)
    corpus.ingest([str(EXAMPLES / "hungary-blackout" / "civic-post.txt")])
    corpus.add_feeds(["https://news.example/feed.xml"])
    corpus.close()
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_watches_are_added_listed_and_removed_through_the_api(client):
    made = client.post("/api/watches", json={"kind": "name", "value": "Zieliński",
                                              "webhooks": ["https://hooks.example/in"]})
    assert made.status_code == HTTPStatus.CREATED
    secret = made.json()["targets"][0]["secret"]
    listed = client.get("/api/watches").json()
    assert [(w["kind"], w["value"]) for w in listed] == [("name", "Zieliński")]
    assert secret not in str(listed)
    assert client.post("/api/watches", json={"kind": "query", "value": '"unclosed'}).status_code == 400
    assert client.post("/api/watches", json={"kind": "story", "value": "s404"}).status_code == 404
    # Another site's page may not add watches.
    assert client.post("/api/watches", json={"kind": "name", "value": "X"},
                       headers={"origin": "https://evil.example"}).status_code == 403
    assert client.delete(f"/api/watches/{made.json()['id']}").status_code == HTTPStatus.NO_CONTENT
    assert client.delete(f"/api/watches/{made.json()['id']}").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/api/alerts").json() == []
    [feed] = client.get("/api/feeds").json()
    assert feed["url"] == "https://news.example/feed.xml" and feed["last_status"] is None


def test_the_pages_list_feeds_and_watches_and_the_form_adds_and_removes_one(client):
    assert "https://news.example/feed.xml" in client.get("/feeds").text
    added = client.post("/watches", data={"kind": "query", "value": "blackout", "webhook": ""})
    assert added.status_code == 200 and "blackout" in added.text  # after the redirect
    with_hook = client.post("/watches", data={"kind": "name", "value": "Haddad",
                                              "webhook": "https://hooks.example/in"})
    secret = client.get("/api/watches").json()  # listings never show it; the page after adding does, once
    assert "shown only now" in with_hook.text and "secret" not in str(secret)
    watch_id = client.get("/api/watches").json()[0]["id"]
    assert client.post(f"/watches/{watch_id}/remove").status_code == 200
    assert [w["value"] for w in client.get("/api/watches").json()] == ["Haddad"]
    assert "No alerts yet" in client.get("/alerts").text


def ingest(tmp_path, *files):
    corpus = Corpus.open(tmp_path / "web.db")
    corpus.ingest([str(EXAMPLES / file) for file in files])
    corpus.close()


def set_cookie(client, name, value):
    """Replace a cookie the server set (a second one of the same name would go along with it)."""
    client.cookies.delete(name)
    client.cookies.set(name, value, domain="testserver.local")


def test_the_story_list_marks_what_arrived_since_the_last_visit(client, tmp_path):
    first = client.get("/")
    assert first.cookies.get(SEEN_COOKIE) and "badge" not in first.text  # a first visit marks nothing
    ingest(tmp_path, "port-fire-gdansk/civic-post.txt")
    during = client.get("/").text
    assert during.count('class="badge new"') == 1 and "1 new or updated since your last visit" in during

    set_cookie(client, SINCE_COOKIE, clock.stamp())  # a visit that began after the Gdańsk story did
    time.sleep(1.0)  # articles are stamped to the second
    ingest(tmp_path, "port-fire-gdansk/harbor-daily.txt")
    updated = client.get("/").text
    assert updated.count('class="badge updated"') == 1 and 'class="badge new"' not in updated

    # A visit after an hour away compares against when the list was last seen: both stories arrived since.
    set_cookie(client, SEEN_COOKIE, clock.later(-3600))
    later = client.get("/").text
    assert later.count('class="badge new"') == 2
    set_cookie(client, SEEN_COOKIE, "not a date")
    assert "badge" not in client.get("/").text  # taken for a first visit


def test_the_change_stream_says_when_the_stories_change(client):
    with client.stream("GET", "/api/events", params={"since": 0}) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next(lines) == "retry: 1000"
        seen = [next(lines) for _ in range(4)]
    assert "event: stories" in seen and any(line.startswith("id: ") for line in seen)
