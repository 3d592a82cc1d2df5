"""Property-based tests (Hypothesis) over every input format and the API's request bodies: whatever the bytes, a
reader gives Articles and IngestErrors and never raises, and the API answers with a status under 500 and leaves
what the store held before untouched.

The default profile (tests/conftest.py) tries a few hundred inputs per format; ``--hypothesis-profile=bench``
(bench/reliability.py) several thousand.
"""

import json
import string

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings, strategies as st

from storyline.ingest import IngestError
from storyline.ingest.sources import read_bytes
from storyline.model import Article
from storyline.web import create_app

WORDS = st.text(alphabet=string.ascii_letters + " .,'\"“”’—-:\n\t" + "éüñ€\u2028\x00\x1b", max_size=300)
ANY_TEXT = st.one_of(WORDS, st.text(max_size=300))
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ANY_TEXT)
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "body", "title", "source", "url",
                                                                   "published", "date", "language", "x"]) | ANY_TEXT,
                                                  inner, max_size=6)), max_leaves=20)
RECORDS = st.fixed_dictionaries({"text": ANY_TEXT}, optional={
    "title": JSON_SCALARS, "source": JSON_SCALARS, "url": JSON_SCALARS, "language": JSON_SCALARS,
    "published": st.one_of(JSON_SCALARS, st.sampled_from(["1e400", "2026-02-30", "yesterday", "Tue, 10 Mar 2026"]),
                           st.floats(), st.integers(min_value=-(10**30), max_value=10**30))})


def assert_read(items: list) -> None:
    assert items and all(isinstance(item, Article | IngestError) for item in items)
    for item in items:
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable and printable
            json.dumps([item.title, item.source, item.url, item.origin], ensure_ascii=False).encode("utf-8")
        else:
            str(item).encode("utf-8")


def encodings(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(["utf-8", "cp1252", "utf-16"]).map(lambda name: text.encode(name, "replace"))


@given(st.builds(lambda front, body: front + body,
                 st.one_of(st.just(""), st.builds(lambda lines: "---\n" + lines + "\n---\n", ANY_TEXT),
                           st.builds(lambda d: "---\n" + "\n".join(f"{k}: {v}" for k, v in d.items()) + "\n---\n",
                                     st.dictionaries(st.sampled_from(["title", "published", "source", "url"]),
                                                     ANY_TEXT, max_size=4))),
                 ANY_TEXT).flatmap(encodings) | st.binary(max_size=400))
def test_text_and_markdown_with_front_matter(data):
    assert_read(list(read_bytes(data, "text", "fuzz.md")))


@given(st.lists(st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps), ANY_TEXT), max_size=5)
       .map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")) | st.binary(max_size=400))
def test_json_lines(data):
    assert_read(list(read_bytes(data, "json lines", "fuzz.jsonl")))


@given(st.one_of(RECORDS, st.lists(RECORDS, max_size=3), JSON_VALUES).map(
    lambda value: json.dumps(value).encode()) | st.binary(max_size=400))
def test_json_documents(data):
    assert_read(list(read_bytes(data, "json", "fuzz.json")))


TAGS = st.sampled_from(["p", "div", "article", "h1", "script", "style", "title", "meta", "br", "a", "li", "img"])
HTML = st.recursive(ANY_TEXT.map(lambda text: text.replace("<", "&lt;")), lambda inner: st.builds(
    lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>", TAGS, st.lists(inner, max_size=4)), max_leaves=15)


@given(st.builds(lambda head, body: f"<!doctype html><html><head>{head}</head><body>{body}</body></html>",
                 HTML, HTML).map(str.encode) | st.binary(max_size=400))
def test_html_pages(data):
    assert_read(list(read_bytes(data, "html", "fuzz.html")))


ENTRY = st.builds(lambda title, text, date: f"<item><title>{title}</title><description>{text}</description>"
                  f"<pubDate>{date}</pubDate><link>https://news.example/{len(text)}</link></item>",
                  ANY_TEXT.map(lambda t: t.replace("<", "").replace("&", "")), HTML.map(
                      lambda h: h.replace("&", "&amp;").replace("<", "&lt;")), ANY_TEXT.map(
                      lambda t: t.replace("<", "").replace("&", "")))


@given(data=st.lists(ENTRY, max_size=4).map(
    lambda items: f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fuzz</title>{"".join(items)}'
                  "</channel></rss>").map(str.encode) | st.binary(max_size=400))
def test_rss_and_atom_feeds(data, tmp_path_factory):
    from storyline.ingest import read

    path = tmp_path_factory.mktemp("feed") / "feed.xml"
    path.write_bytes(data)
    assert_read(list(read([str(path)])))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A server on a store holding one article and its story."""
    with TestClient(create_app(tmp_path_factory.mktemp("fuzz") / "store.db")) as test_client:
        answer = test_client.post("/api/articles", json={
            "text": "The harbour of Kessel reopened on Friday after the storm, the port authority said.",
            "source": "Harbor Daily", "published": "2026-03-13"})
        assert answer.status_code == 201
        yield test_client


def snapshot(client) -> dict[str, str]:
    """Each stored article as the API gives it, but for its story (which articles arriving later may merge)."""
    articles = (client.get(f"/api/articles/{a['id']}").json() for a in client.get("/api/articles").json())
    return {article["id"]: json.dumps({**article, "story": None}, sort_keys=True) for article in articles}


@settings(max_examples=100)  # each body that holds an article is parsed and stored
@given(body=st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps), st.lists(RECORDS).map(json.dumps),
                      ANY_TEXT, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))),
       media_type=st.sampled_from(["application/json", "application/x-ndjson", "text/plain", "text/markdown",
                                   "application/xml", ""]))
def test_api_bodies_get_an_answer_under_500_and_leave_what_was_stored(client, body, media_type):
    before = snapshot(client)
    answer = client.post("/api/articles", content=body.encode("utf-8", "surrogatepass"),
                         headers={"content-type": media_type})
    assert answer.status_code < 500, answer.text
    after = snapshot(client)
    # A body may repeat a stored article's URL with another text: that is a revision, listed in its place.
    revised_urls = {json.loads(text).get("url") for text in after.values()} - {None}
    kept = {article_id: text for article_id, text in before.items()
            if article_id in after or json.loads(text).get("url") not in revised_urls}
    assert {article_id: after.get(article_id) for article_id in kept} == kept
