import html
import json
import re
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from conftest import BACKENDS, new_store
from storyline.brief import render
from storyline.corpus import Corpus
from storyline.ingest import IngestError
from storyline.pipeline import IngestReport
from storyline.compare.timeline import calendar_start
from storyline.web import create_app
from storyline.web.api import MAX_BATCH_ARTICLES, MAX_BODY_BYTES
from storyline.web.marks import Mark, pieces, snippet_pieces

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
PORT_FIRES = [EXAMPLES / "port-fire-gdansk", EXAMPLES / "port-fire-genoa"]
HOSTILE_TEXT = ("Harbour fire <script>document.title = 'pwned'</script> spreads to the "
                "<img src=x onerror=alert(1)> Baltic Gate terminal, officials in Gdańsk said on Monday.")


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    """The app over the port fires, stored in a store of each backend in turn."""
    db = new_store(request, request.param, tmp_path_factory.mktemp("api"), "port-fires")
    corpus = Corpus.open(db)
    report = corpus.ingest([str(folder) for folder in PORT_FIRES])
    corpus.close()
    assert report.stored == 7 and not report.errors
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(store_at):
    with TestClient(create_app(store_at("empty"), allow_private=True)) as test_client:
        yield test_client


def assert_error(response, status: int, says: str = "") -> None:
    body = response.json()
    assert response.status_code == status and set(body) == {"error", "detail"}
    assert says in json.dumps(body["detail"])


def test_openapi_schema_documents_every_endpoint_and_the_ingest_formats(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/articles", "/api/articles/from-url", "/api/search", "/api/stories/{story_id}/brief",
            "/api/stories/{story_id}/timeline", "/api/entities", "/api/quotes"} <= set(schema["paths"])
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"text/plain", "application/json", "application/x-ndjson"} <= set(body)
    assert not any(path.startswith("/stories") for path in schema["paths"])


def test_articles_list_filters_by_outlet_and_date(client):
    everything = client.get("/api/articles").json()
    civic = client.get("/api/articles", params={"source": "civic post"}).json()
    recent = client.get("/api/articles", params={"since": "2026-03-12"}).json()
    assert len(everything) == 7
    assert len(civic) == 2 and {a["source"] for a in civic} == {"Civic Post"}
    assert recent and all(a["published"] >= "2026-03-12" for a in recent) and len(recent) < len(everything)
    assert_error(client.get("/api/articles", params={"since": "last tuesday"}), 422, "datetime")


def test_an_article_by_id_prefix_has_its_text_and_spans_pointing_into_it(client):
    first = client.get("/api/articles").json()[0]
    article = client.get(f"/api/articles/{first['id'][:6]}").json()
    spans = client.get(f"/api/articles/{first['id'][:6]}/spans").json()
    assert article["id"] == first["id"] and article["text"].startswith(first["title"] + "\n\nGDANSK")
    names = {article["text"][m["span"]["start"]:m["span"]["end"]] for m in spans["mentions"]}
    assert "Marek Zieliński" in names
    quoted = [article["text"][a["content"]["start"]:a["content"]["end"]] for a in spans["attributions"]]
    assert any("fire spread faster" in text for text in quoted)
    assert {t["type"] for t in spans["time_expressions"]} >= {"DATE"}


def test_unknown_ids_are_404_as_json(client):
    assert_error(client.get("/api/articles/ffffffffffff"), 404, "no article")
    assert_error(client.get("/api/stories/no-such-story/brief"), 404, "no story")
    assert_error(client.get("/api/entities", params={"story": "no-such-story"}), 404, "no story")
    page = client.get("/stories/no-such-story")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no story &#39;no-such-story&#39;" in page.text


def test_search_marks_hits_and_rejects_bad_syntax(client):
    hits = client.get("/api/search", params={"q": "Zieliński"}).json()
    # The index folds diacritics, so the spelling without them is found too.
    assert hits and all(re.search(r"\[Zieli[nń]ski\]", hit["snippet"]) for hit in hits)
    assert {hit["article"]["source"] for hit in hits} >= {"Meridian Wire", "Civic Post", "The Northern Ledger"}
    assert_error(client.get("/api/search", params={"q": '"unclosed'}), 400, "bad search query")
    assert_error(client.get("/api/search", params={"q": ""}), 422, "at least 1 character")


def test_stories_separate_the_two_port_fires(client):
    stories = client.get("/api/stories").json()
    by_size = sorted(story["articles"] for story in stories)
    assert by_size == [3, 4]
    gdansk = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert {a["source"] for a in gdansk["articles"]} == {"Civic Post", "Harbor Daily", "Meridian Wire",
                                                          "The Northern Ledger"}


def test_brief_citations_are_the_text_at_their_offsets(client):
    story_id = client.get("/api/stories").json()[0]["id"]
    brief = client.get(f"/api/stories/{story_id}/brief").json()
    texts = {a["id"]: client.get(f"/api/articles/{a['id']}").json()["text"] for a in brief["story"]["articles"]}
    citations = brief["summary"] + brief["single_source"] + [s for g in brief["key_facts"] for s in g["spans"]]
    assert brief["schema"] == "storyline.brief/1" and brief["key_facts"]
    for citation in citations:
        assert texts[citation["article"]][citation["start"]:citation["end"]] == citation["text"]


def test_entities_quotes_and_timeline_of_a_story(client):
    story_id = client.get("/api/stories").json()[0]["id"]
    entities = client.get("/api/entities", params={"story": story_id}).json()
    quotes = client.get("/api/quotes", params={"story": story_id}).json()
    timeline = client.get(f"/api/stories/{story_id}/timeline").json()
    picture = client.get(f"/api/stories/{story_id}/timeline.svg")
    zielinski = next(e for e in entities if "Marek Zieliński" in e["variants"])
    assert "Zielinski" in " ".join(zielinski["variants"])
    assert any(wording["text"] for group in quotes for wording in group["wordings"])
    dates = [calendar_start(entry["value"]) for entry in timeline if entry["value"]]
    assert dates and [d for d in dates if d] == sorted(d for d in dates if d)
    assert picture.status_code == 200 and picture.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in picture.text and "<script" not in picture.text


def test_every_response_carries_the_security_headers(client):
    for path in ["/api/stories", "/", "/api/articles/ffffffffffff"]:
        headers = client.get(path).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"


def test_plain_text_ingest_takes_metadata_from_the_query_and_skips_duplicates(empty_client):
    params = {"source": "Gazeta Portowa", "title": "Fire at the grain quay", "published": "2026-03-10T08:00:00+01:00"}
    text = "A fire broke out at the grain quay in Gdynia on Monday, the port authority said."
    first = empty_client.post("/api/articles", params=params, content=text, headers={"content-type": "text/plain"})
    again = empty_client.post("/api/articles", params=params, content=text, headers={"content-type": "text/plain"})
    assert first.status_code == 201 and first.json()["stored"] == 1
    assert again.status_code == 200 and again.json()["duplicates"] == 1 and again.json()["stored"] == 0
    stored = empty_client.get(f"/api/articles/{first.json()['articles'][0]}").json()
    assert stored["text"][stored["body_start"]:] == text and stored["source"] == "Gazeta Portowa"
    assert stored["published"] == "2026-03-10T08:00:00+01:00"


def test_json_lines_batch_stores_good_lines_and_names_the_bad_one(empty_client):
    lines = [json.dumps({"text": "Dock workers in Genoa walked out on Tuesday.", "source": "A"}), "{not json",
             json.dumps({"body": "The strike in Genoa ended on Wednesday.", "outlet": "B", "date": "2026-03-11"})]
    response = empty_client.post("/api/articles", content="\n".join(lines),
                                 headers={"content-type": "application/x-ndjson"})
    report = response.json()
    assert response.status_code == 201 and report["stored"] == 2
    assert len(report["errors"]) == 1 and report["errors"][0].startswith("request:2")


def test_bad_bodies_get_clear_errors(empty_client):
    json_headers = {"content-type": "application/json"}
    assert_error(empty_client.post("/api/articles", content="{", headers=json_headers), 400, "not valid JSON")
    assert_error(empty_client.post("/api/articles", content=" ", headers={"content-type": "text/plain"}), 400, "empty")
    assert_error(empty_client.post("/api/articles", content='[{"title": "no text"}]', headers=json_headers),
                 400, "no article text")
    assert_error(empty_client.post("/api/articles", content=b"%PDF", headers={"content-type": "application/pdf"}),
                 415, "text/plain")
    assert_error(empty_client.post("/api/articles/from-url", json={"url": "file:///etc/passwd"}), 422, "pattern")


def test_writes_from_another_site_are_refused(empty_client):
    response = empty_client.post("/api/articles", content="Planted story about a fire in Gdynia.",
                                 headers={"content-type": "text/plain", "origin": "https://evil.example"})
    assert_error(response, 403, "evil.example")
    assert empty_client.get("/api/articles").json() == []


def test_body_and_batch_limits_refuse_before_any_parsing(empty_client):
    too_big = b"x" * (MAX_BODY_BYTES + 1)
    declared = empty_client.post("/api/articles", content=too_big, headers={"content-type": "text/plain"})
    chunked = empty_client.post("/api/articles", content=iter([too_big[:MAX_BODY_BYTES], b"xx"]),
                                headers={"content-type": "text/plain"})
    batch = "\n".join(json.dumps({"text": f"Report number {n}."}) for n in range(MAX_BATCH_ARTICLES + 1))
    too_many = empty_client.post("/api/articles", content=batch, headers={"content-type": "application/x-ndjson"})
    assert_error(declared, 413, "byte limit")
    assert_error(chunked, 413, "byte limit")
    assert_error(too_many, 413, f"at most {MAX_BATCH_ARTICLES}")
    assert empty_client.get("/api/articles").json() == []


@pytest.fixture
def local_site(tmp_path):
    paragraphs = (EXAMPLES / "port-fire-genoa" / "civic-post.txt").read_text().split("---", 2)[2].strip().split("\n\n")
    page = "<html><head><title>Genoa fire</title></head><body><article><h1>Fire in Genoa</h1>" + "".join(
        f"<p>{paragraph}</p>" for paragraph in paragraphs) + "</article></body></html>"
    (tmp_path / "fire.html").write_text(page, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_ingest_by_url_fetches_the_page(empty_client, local_site):
    response = empty_client.post("/api/articles/from-url", json={"url": f"{local_site}/fire.html"})
    missing = empty_client.post("/api/articles/from-url", json={"url": f"{local_site}/missing.html"})
    assert response.status_code == 201 and response.json()["stored"] == 1
    [article] = empty_client.get("/api/articles").json()
    assert article["url"] == f"{local_site}/fire.html" and article["title"] == "Fire in Genoa"
    assert_error(missing, 400, "404")


def test_ingest_by_url_refuses_private_addresses_unless_allowed(client, local_site):
    assert_error(client.post("/api/articles/from-url", json={"url": f"{local_site}/fire.html"}), 400, "refused")


def test_article_page_shows_hostile_text_escaped(empty_client):
    stored = empty_client.post("/api/articles", params={"title": "<b>Bold</b> claims", "source": "<i>Outlet</i>"},
                               content=HOSTILE_TEXT, headers={"content-type": "text/plain"}).json()
    page = empty_client.get(f"/articles/{stored['articles'][0]}").text
    assert "<script>" not in page and "<img src=x" not in page and "<b>Bold" not in page
    assert "&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt;" in page
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in page
    search = empty_client.get("/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>" not in search and 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in search


def test_pieces_cut_text_at_overlapping_marks_and_trim_white_space():
    text = "Three killed.\nUnion says four."
    marks = [Mark(0, 14, "shared", "2 outlets"), Mark(6, 12, "name"), Mark(14, 30, "conflicting")]
    cut = pieces(text, marks)
    assert "".join(piece.text for piece in cut) == text
    assert [(piece.text, piece.css_class) for piece in cut] == [
        ("Three ", "shared"), ("killed", "shared name"), (".", "shared"), ("\n", ""),
        ("Union says four.", "conflicting")]
    assert cut[1].note == "2 outlets"


def test_snippet_hits_stay_balanced_whatever_brackets_the_text_holds():
    cut = snippet_pieces("the [fire] at [Gdańsk] port] [open")
    assert [(piece.text, bool(piece.marks)) for piece in cut] == [
        ("the ", False), ("fire", True), (" at ", False), ("Gdańsk", True), (" port] ", False), ("open", True)]


def test_story_page_shows_how_each_wording_of_a_quote_differs(client):
    for story in client.get("/api/stories").json():
        varied = [g for g in client.get("/api/quotes", params={"story": story["id"]}).json()
                  if len(g["wordings"]) > 1 and g["diff"][0]]
        if varied:
            break
    assert varied, "the port fires hold a quote in several wordings"
    page = client.get(f"/stories/{story['id']}").text
    first_change = varied[0]["diff"][0][0]
    shown = (f"<ins>{escape(first_change['other'])}</ins>" if first_change["other"]
             else f"<del>{escape(first_change['main'])}</del>")
    assert "against the first wording:" in page and shown in page


def test_story_page_follows_the_brief_folds_long_sections_and_offers_its_downloads(client):
    story = client.get("/api/stories").json()[0]
    brief = client.get(f"/api/stories/{story['id']}/brief").json()
    page = client.get(f"/stories/{story['id']}").text
    headings = re.findall(r"<h2 id=\"h-[a-z-]+\">([^<]+)</h2>", page)
    assert headings[:4] == ["Summary", "Key facts", "Where the sources disagree", "Reported by one outlet only"]
    assert headings.index("Who said what") < headings.index("Timeline") < headings.index("Who is involved")
    hidden = len(brief["single_source"]) - brief["shown"]["single_source"]
    assert hidden > 0 and f"{hidden} more claims and details only one outlet gives</summary>" in page
    for extension, made in (("md", render.markdown(brief)), ("html", render.html(brief)),
                            ("json", json.dumps(brief, ensure_ascii=False, indent=2))):
        assert f'href="/stories/{story["id"]}/brief.{extension}" download' in page
        download = client.get(f"/stories/{story['id']}/brief.{extension}")
        assert download.text == made and "attachment" in download.headers["content-disposition"]
    assert "unsafe-inline" in client.get(f"/stories/{story['id']}/brief.html").headers["content-security-policy"]
    assert client.get(f"/stories/{story['id']}/brief.txt").status_code in (404, 422)


def test_every_cited_item_links_to_its_span_marked_in_the_article_page(client):
    story = client.get("/api/stories").json()[0]
    brief = client.get(f"/api/stories/{story['id']}/brief").json()
    page = client.get(f"/stories/{story['id']}").text
    item = brief["single_source"][0]
    link = f'/articles/{item["article"]}?start={item["start"]}&amp;end={item["end"]}#cited'
    assert link in page
    article = client.get(link.replace("&amp;", "&").split("#")[0]).text
    cited = re.search(r'<mark class="[^"]*\bcited\b[^"]*"[^>]* id="cited"[^>]*>(.*?)</mark>', article, re.S)
    assert cited and item["text"].startswith(html.unescape(cited.group(1)))


def finished_job(client, response):
    assert response.status_code == 303 and response.headers["location"].startswith("/add/jobs/")
    for _ in range(600):
        page = client.get(response.headers["location"]).text
        if "data-running" not in page:
            return page
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_the_add_form_stores_pasted_text_and_files_and_names_each_rejected_input(empty_client, store_at):
    form = empty_client.get("/add").text
    assert 'enctype="multipart/form-data"' in form and 'accept=".txt,.md' in form
    pasted = (EXAMPLES / "port-fire-gdansk" / "meridian-wire.txt").read_text().split("---\n", 2)[2]
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Harbour reopens</title>'
            '<link>https://wire.example/harbour</link><pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate>'
            '<description>The harbour at Gdańsk reopened on Tuesday after the fire, the port authority said, '
            'and the first ships docked at the Baltic Gate terminal in the afternoon.</description></item>'
            '</channel></rss>')
    response = empty_client.post("/add", follow_redirects=False, data={
        "text": pasted, "title": "Fire at Gdańsk port", "outlet": "Pasted Wire", "published": "2026-03-09",
        "urls": "ftp://old.example/file\n"}, files=[
        ("files", ("harbour.rss", feed.encode(), "application/rss+xml")),
        ("files", ("broken.json", b'{"title": "no text"', "application/json"))])
    page = finished_job(empty_client, response)
    assert "ftp://old.example/file: not an http or https URL" in page and "broken.json" in page
    assert "2 articles stored" in page
    stored = {article["source"]: article for article in empty_client.get("/api/articles").json()}
    assert stored["Pasted Wire"]["title"] == "Fire at Gdańsk port"
    assert stored["Pasted Wire"]["published"].startswith("2026-03-09")
    for story in empty_client.get("/api/stories").json():
        assert f'href="/stories/{story["id"]}"' in page
    # The job is kept in the store: another server on it (or this one restarted) shows the same page.
    with TestClient(create_app(store_at("empty"))) as other_server:
        assert other_server.get(response.headers["location"]).text == page


def test_a_job_cut_short_by_its_server_stopping_shows_what_it_had_done(empty_client, store_at):
    corpus = Corpus.open(store_at("empty"))
    report = IngestReport(read=2, stored=1, errors=[IngestError("b.json", "not JSON", 3)])
    corpus.add_job("cut-short", {"inputs": 3, "done": 2, "report": report.to_json()})
    corpus.close()
    page = empty_client.get("/add/jobs/cut-short").text
    assert "2 of 3 inputs read" in page and "1 articles stored" in page and "b.json:3: not JSON" in page
    assert "cut short when its server stopped" in page and "data-running" in page


def test_the_add_form_asks_for_something_and_refuses_other_sites(empty_client):
    assert empty_client.post("/add", data={"text": "  "}).status_code == 400
    refused = empty_client.post("/add", data={"text": "A fire broke out."}, headers={"origin": "https://evil.example"})
    assert refused.status_code == 403
    assert empty_client.get("/add/jobs/nonesuch").status_code == 404


def test_entity_names_link_to_their_page_with_every_quote_by_story(client):
    story = client.get("/api/stories").json()[0]
    page = client.get(f"/stories/{story['id']}").text
    link = re.search(r'href="(/entities\?name=Marek%20Zieli%C5%84ski)"', page)
    assert link
    person = client.get(link.group(1).replace("%20", " ")).text
    assert "<h1>Marek Zieliński</h1>" in person and "fire service commander" in person
    quotes = [group for group in client.get("/api/quotes", params={"story": story["id"]}).json()
              if group["speaker"] == "Marek Zieliński"]
    assert quotes and all(escape(group["wordings"][0]["as_written"]) in person for group in quotes)
    assert "No story names" in client.get("/entities", params={"name": "Nobody Innamed"}).text


def test_the_server_builds_the_gazetteer_at_start_up_not_at_the_first_article_page(store_at):
    from storyline.text import gazetteer

    gazetteer._gazetteer.cache_clear()  # as in a fresh server process
    with TestClient(create_app(store_at("empty"))):
        assert gazetteer._gazetteer.cache_info().currsize == 1  # before any request
