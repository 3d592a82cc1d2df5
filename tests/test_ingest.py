import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from storyline.ingest import IngestError, read
from storyline.ingest import fetch as fetch_module
from storyline.ingest.errors import BadInput
from storyline.ingest.fetch import USER_AGENT, Fetcher, refused_address
from storyline.model import Article, normalise_text

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "seeds"

CRANES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour cranes stopped after warehouse fire | Baltic Courier</title>
<meta property="og:site_name" content="Baltic Courier">
<meta property="og:title" content="Harbour cranes stopped after warehouse fire">
<meta property="article:published_time" content="2026-03-14T09:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour cranes stopped after warehouse fire</h1>
<p>Work at the container terminal stopped on Friday after a fire broke out in a warehouse
near the quay, the port authority said.</p>
<p>Firefighters brought the blaze under control within two hours. Nobody was hurt, according to a
spokeswoman for the city fire brigade.</p>
<p>“We expect the cranes to be running again by Monday,” said Anna Kowal, the terminal’s operations manager.</p>
</article>
<footer>© 2026 Baltic Courier. All rights reserved.</footer>
</body></html>"""

FERRY_PAGE = """<html><body><div class="story">
<p>The island ferry will sail only twice a day from November, the operator told passengers on Sunday.</p>
<p>Residents of the island said the winter timetable would leave them stranded on the mainland after dark.</p>
<p>The operator blamed the cost of fuel and a shortage of crew, and promised to review the decision in spring.</p>
</div></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Baltic Courier</title><link>https://balticcourier.example/</link><language>en-gb</language>
<item><title>Harbour cranes stopped after warehouse fire</title><link>{base}/cranes</link>
<pubDate>Sat, 14 Mar 2026 09:30:00 +0100</pubDate>
<description>&lt;p&gt;Work at the container terminal stopped on Friday.&lt;/p&gt;&lt;p&gt;Nobody was hurt, the fire brigade said.&lt;/p&gt;</description></item>
<item><title>Ferry timetable cut for the winter</title><link>{base}/ferry</link>
<pubDate>Sun, 15 Mar 2026 07:00:00 GMT</pubDate>
<description>The island ferry will sail twice a day from November, the operator said.</description></item>
<item><title>Bridge closed for repairs</title><link>{base}/gone</link>
<pubDate>Mon, 16 Mar 2026 06:00:00 GMT</pubDate>
<description>The old swing bridge will be closed to traffic for three weeks of repairs.</description></item>
</channel></rss>"""

NEWS_TEXT = (
    "The city council approved a new budget for the harbour on Tuesday, after a debate that lasted until midnight.\n"
    "The mayor said the money would pay for two new cranes and a wider quay."
)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class LocalServer:
    """An http.server on 127.0.0.1 in a thread, answering each path from ``routes`` and logging every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                route = server.routes.get(self.path, Route(404, b"not here", "text/plain"))
                time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as the timeout test means it to

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def local_http_server():
    server = LocalServer()
    thread = threading.Thread(target=server.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def read_all(*sources: str, **options) -> list[Article | IngestError]:
    return list(read(list(sources), **options))


def only_article(items: list[Article | IngestError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_error(items: list[Article | IngestError]) -> IngestError:
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


# Plain text, Markdown, front matter and sidecars

def test_seed_reports_read_as_two_untitled_articles_with_their_whole_text():
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    items = read_all(str(SEEDS))
    files = sorted(SEEDS.glob("*.txt"))
    assert [item.origin for item in items] == [str(path) for path in files]
    for item, path in zip(items, files):
        assert isinstance(item, Article)
        assert item.title is None and item.source == "" and item.published is None
        assert item.text == normalise_text(path.read_text(encoding="utf-8"))


def test_headline_first_line_becomes_the_title_and_leaves_the_text(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text("Council approves harbour budget after all-night debate\n" + NEWS_TEXT, encoding="utf-8")
    article = only_article(read_all(str(path)))
    assert article.title == "Council approves harbour budget after all-night debate"
    assert article.body == NEWS_TEXT


def test_markdown_heading_becomes_the_title(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text("# Harbour budget approved\n\n" + NEWS_TEXT, encoding="utf-8")
    article = only_article(read_all(str(path)))
    assert article.title == "Harbour budget approved"
    assert article.body == NEWS_TEXT


def test_front_matter_gives_metadata_and_a_zoneless_time_is_taken_as_utc(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(
        "---\ntitle: 1984 budget rules scrapped\nsource: Harbour Gazette\nurl: https://gazette.example/budget\n"
        "published: 2026-03-10 18:45\n---\n" + NEWS_TEXT, encoding="utf-8")
    article = only_article(read_all(str(path)))
    assert article.title == "1984 budget rules scrapped"
    assert (article.source, article.url) == ("Harbour Gazette", "https://gazette.example/budget")
    assert article.published == datetime(2026, 3, 10, 18, 45, tzinfo=timezone.utc)
    assert article.body == NEWS_TEXT


def test_sidecar_json_gives_metadata_and_is_not_read_as_an_article(tmp_path):
    (tmp_path / "budget.txt").write_text(NEWS_TEXT, encoding="utf-8")
    (tmp_path / "budget.json").write_text(json.dumps({
        "title": "Harbour budget approved", "outlet": "Harbour Gazette", "published": "2026-03-10T18:45:00+02:00",
        "language": "en"}), encoding="utf-8")
    article = only_article(read_all(str(tmp_path)))
    assert (article.title, article.source) == ("Harbour budget approved", "Harbour Gazette")
    assert article.published == datetime(2026, 3, 10, 16, 45, tzinfo=timezone.utc)
    assert article.published.utcoffset() == timedelta(hours=2)


def test_unclosed_front_matter_and_bad_date_are_reported(tmp_path):
    unclosed = tmp_path / "a.txt"
    unclosed.write_text("---\ntitle: Harbour budget approved\n" + NEWS_TEXT, encoding="utf-8")
    bad_date = tmp_path / "b.txt"
    bad_date.write_text("---\npublished: last Tuesday\n---\n" + NEWS_TEXT, encoding="utf-8")
    first, second = read_all(str(tmp_path))
    assert str(first) == f"{unclosed}: front matter opened with '---' is never closed"
    assert isinstance(second, IngestError) and "last Tuesday" in second.message


# JSON Lines and JSON

def test_json_lines_report_bad_lines_by_number_and_go_on(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"text": NEWS_TEXT, "title": "Budget approved", "source": "Harbour Gazette",
                    "url": "https://gazette.example/budget", "published": "2026-03-10T18:45:00Z"}),
        '{"text": "The ferry will sail twice a day.",, "title": "Ferry"}',
        "",
        json.dumps({"body": "The bridge will close for three weeks.", "outlet": "Island Post", "date": "2026-03-16"}),
        json.dumps({"title": "A headline and nothing else"}),
        '["not", "an", "object"]',
        '{"text": "The line was cut off in the mid',
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_all(str(path))
    assert [(type(item).__name__, getattr(item, "line", None)) for item in items] == [
        ("Article", None), ("IngestError", 2), ("Article", None), ("IngestError", 5), ("IngestError", 6),
        ("IngestError", 7)]
    budget, bad_json, bridge, no_text, array, truncated = items
    assert budget.origin == f"{path}:1" and budget.source == "Harbour Gazette"
    assert budget.published == datetime(2026, 3, 10, 18, 45, tzinfo=timezone.utc)
    assert bridge.origin == f"{path}:4" and bridge.source == "Island Post"
    assert bridge.body == "The bridge will close for three weeks."
    assert bridge.published == datetime(2026, 3, 16, tzinfo=timezone.utc)
    assert str(bad_json).startswith(f"{path}:2: line is not valid JSON: Expecting property name")
    assert "no article text" in no_text.message
    assert array.message == "line is a JSON array, not an article object"
    assert truncated.message.startswith("line is not valid JSON: Unterminated string")


def test_json_lines_cap_each_line_not_the_whole_file(tmp_path):
    path = tmp_path / "archive.ndjson"
    record = json.dumps({"text": NEWS_TEXT, "source": "Harbour Gazette"})
    huge = json.dumps({"text": NEWS_TEXT * 20})
    path.write_text("\n".join([record, huge] + [record] * 10) + "\n", encoding="utf-8")
    max_bytes = 2 * len(record)
    assert path.stat().st_size > max_bytes
    items = read_all(str(path), max_bytes=max_bytes)
    assert [item.line for item in items if isinstance(item, IngestError)] == [2]
    assert items[1].message == f"line is over the {max_bytes:,}-byte limit"
    assert [item.origin for item in items if isinstance(item, Article)] == [f"{path}:{n}" for n in [1, *range(3, 13)]]


def test_json_file_holds_one_article_or_a_list(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": NEWS_TEXT, "site": "Harbour Gazette"}), encoding="utf-8")
    listing = tmp_path / "many.json"
    listing.write_text(json.dumps([{"text": "The bridge will close for three weeks."}, {"text": "  "}]),
                       encoding="utf-8")
    many_first, many_second, one = read_all(str(tmp_path))
    assert isinstance(many_first, Article) and many_first.origin == f"{listing}#1"
    assert isinstance(many_second, IngestError) and many_second.origin == f"{listing}#2"
    assert isinstance(one, Article) and one.source == "Harbour Gazette" and one.body == NEWS_TEXT


# HTML and feeds

def test_html_page_gives_main_text_title_date_and_site(tmp_path):
    path = tmp_path / "cranes.html"
    path.write_text(CRANES_PAGE, encoding="utf-8")
    article = only_article(read_all(str(path)))
    assert article.title == "Harbour cranes stopped after warehouse fire"
    assert article.source == "Baltic Courier"
    assert article.published == datetime(2026, 3, 14, 8, 30, tzinfo=timezone.utc)
    paragraphs = article.body.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Work at the container terminal stopped on Friday after a fire broke out")
    assert paragraphs[2].endswith("said Anna Kowal, the terminal’s operations manager.")
    assert "Sport" not in article.text and "rights reserved" not in article.text


def test_html_page_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>Baltic Courier</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
        "</nav><div class='login'><a href='/in'>Sign in to read this story</a></div>"
        "<footer>© 2026 Baltic Courier. All rights reserved.</footer></body></html>", encoding="utf-8")
    assert only_error(read_all(str(path))).message == "no article text found in the page"


def test_feed_entries_become_articles_from_their_own_text(tmp_path):
    path = tmp_path / "courier.rss"
    path.write_text(FEED.format(base="https://balticcourier.example"), encoding="utf-8")
    cranes, ferry, bridge = read_all(str(path))
    assert cranes.title == "Harbour cranes stopped after warehouse fire"
    assert cranes.body == "Work at the container terminal stopped on Friday.\nNobody was hurt, the fire brigade said."
    assert cranes.source == "Baltic Courier" and cranes.url == "https://balticcourier.example/cranes"
    assert cranes.published == datetime(2026, 3, 14, 8, 30, tzinfo=timezone.utc)
    assert ferry.body == "The island ferry will sail twice a day from November, the operator said."
    assert [item.origin for item in (cranes, ferry, bridge)] == [f"{path}#{n}" for n in (1, 2, 3)]


def test_feed_with_fetch_reads_each_linked_page_and_fills_gaps_from_the_entry(tmp_path, local_http_server):
    local_http_server.routes["/cranes"] = Route(body=CRANES_PAGE.encode())
    local_http_server.routes["/ferry"] = Route(body=FERRY_PAGE.encode())
    path = tmp_path / "courier.xml"
    path.write_text(FEED.format(base=local_http_server.base), encoding="utf-8")
    cranes, ferry, gone = read_all(str(path), fetch=True, allow_private=True)
    assert cranes.origin == cranes.url == local_http_server.url("/cranes")
    assert cranes.body.startswith("Work at the container terminal stopped on Friday after a fire broke out")
    assert ferry.body.startswith("The island ferry will sail only twice a day from November")
    assert ferry.title == "Ferry timetable cut for the winter"
    assert ferry.published == datetime(2026, 3, 15, 7, 0, tzinfo=timezone.utc)
    assert ferry.source == "Baltic Courier"
    assert str(gone) == f"{local_http_server.url('/gone')}: HTTP 404 Not Found"
    assert {agent for _, agent in local_http_server.requests} == {USER_AGENT}


def test_atom_feed_with_html_content_and_an_empty_entry(tmp_path):
    path = tmp_path / "island.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Island Post</title>'
        '<entry><title type="html">Ferry &lt;em&gt;cut&lt;/em&gt; for winter</title>'
        '<link href="https://islandpost.example/ferry"/><updated>2026-03-15T07:00:00+01:00</updated>'
        '<content type="html">&lt;p&gt;The ferry will sail twice a day.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;From November'
        '&lt;/li&gt;&lt;/ul&gt;</content></entry><entry><title>Nothing here</title></entry></feed>', encoding="utf-8")
    ferry, empty = read_all(str(path))
    assert (ferry.title, ferry.source) == ("Ferry cut for winter", "Island Post")
    assert ferry.body == "The ferry will sail twice a day.\nFrom November"
    assert ferry.published == datetime(2026, 3, 15, 6, 0, tzinfo=timezone.utc)
    assert str(empty) == f"{path}#2: feed entry has no content or summary"


def test_feed_that_does_not_parse_is_an_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<rss><channel><title>Half a feed", encoding="utf-8")
    assert only_error(read_all(str(path))).message.startswith("not a feed or a feed with no entries")


# URLs

def test_url_is_read_by_its_content_type(local_http_server):
    local_http_server.routes["/cranes"] = Route(body=CRANES_PAGE.encode())
    local_http_server.routes["/wire.txt"] = Route(body=NEWS_TEXT.encode("cp1252"),
                                                  content_type="text/plain; charset=windows-1252")
    page, text = read_all(local_http_server.url("/cranes"), local_http_server.url("/wire.txt"), allow_private=True)
    assert page.title == "Harbour cranes stopped after warehouse fire" and page.url == local_http_server.url("/cranes")
    assert text.body == NEWS_TEXT and text.origin == local_http_server.url("/wire.txt")


def test_url_answering_404_or_500_is_an_error_naming_the_url(local_http_server):
    local_http_server.routes["/broken"] = Route(500, b"oops", "text/plain")
    missing = only_error(read_all(local_http_server.url("/missing"), allow_private=True))
    assert str(missing) == f"{local_http_server.url('/missing')}: HTTP 404 Not Found"
    with Fetcher(allow_private=True, retries=2, backoff=0) as fetcher, pytest.raises(BadInput) as failure:
        fetcher.get(local_http_server.url("/broken"))
    assert failure.value.message == "HTTP 500 Internal Server Error"
    assert local_http_server.paths_requested().count("/broken") == 3  # the first try and two retries


def test_url_that_answers_too_slowly_times_out(local_http_server):
    local_http_server.routes["/slow"] = Route(body=CRANES_PAGE.encode(), delay=1.0)
    with Fetcher(allow_private=True, timeout=0.2, retries=0) as fetcher, pytest.raises(BadInput) as failure:
        fetcher.get(local_http_server.url("/slow"))
    assert failure.value.message == "timed out after 0.2 s"


def test_response_over_the_size_cap_is_refused(local_http_server):
    local_http_server.routes["/big"] = Route(body=CRANES_PAGE.encode())
    error = only_error(read_all(local_http_server.url("/big"), allow_private=True, max_bytes=500))
    assert "over the 500-byte limit" in error.message


def test_redirects_are_followed(local_http_server):
    local_http_server.routes["/old"] = Route(301, headers={"Location": "/cranes"})
    local_http_server.routes["/cranes"] = Route(body=CRANES_PAGE.encode())
    article = only_article(read_all(local_http_server.url("/old"), allow_private=True))
    assert article.source == "Baltic Courier"
    assert local_http_server.paths_requested() == ["/old", "/cranes"]


def test_loopback_is_refused_without_allow_private(local_http_server):
    local_http_server.routes["/cranes"] = Route(body=CRANES_PAGE.encode())
    error = only_error(read_all(local_http_server.url("/cranes")))
    assert error.message == "refused: 127.0.0.1 is a loopback address"
    assert local_http_server.requests == []


def test_redirect_to_a_refused_address_is_not_followed(local_http_server, monkeypatch):
    # Let the first hop through as if the test server were public; the redirect target must still be checked.
    check = fetch_module.refused_address
    monkeypatch.setattr(fetch_module, "refused_address",
                        lambda addresses: check([a for a in addresses if a != "127.0.0.1"]))
    local_http_server.routes["/hop"] = Route(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    error = only_error(read_all(local_http_server.url("/hop")))
    assert error.origin == local_http_server.url("/hop")
    assert error.message == ("redirected to http://169.254.169.254/latest/meta-data/: "
                             "refused: 169.254.169.254 is a link-local address")


def test_connection_to_a_refused_address_is_dropped_even_if_dns_first_answered_a_public_one(
        local_http_server, monkeypatch):
    # DNS rebinding: the name resolves to a public address when checked, then to loopback when connected.
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: ["93.184.215.14"])
    local_http_server.routes["/cranes"] = Route(body=CRANES_PAGE.encode())
    error = only_error(read_all(local_http_server.url("/cranes")))
    assert error.message == "refused: 127.0.0.1 is a loopback address"


@pytest.mark.parametrize("addresses, reason", [
    (["93.184.215.14"], None),
    (["2606:2800:21f:cb07:6820:80da:af6b:8b2c"], None),
    (["93.184.215.14", "10.1.2.3"], "10.1.2.3 is a private address"),
    (["127.0.0.1"], "127.0.0.1 is a loopback address"),
    (["::1"], "::1 is a loopback address"),
    (["::ffff:192.168.0.7"], "::ffff:192.168.0.7 is a private address"),
    (["fe80::1%eth0"], "fe80::1%eth0 is a link-local address"),
    (["224.0.0.251"], "224.0.0.251 is a multicast address"),
    (["240.0.0.1"], "240.0.0.1 is a reserved address"),
    (["0.0.0.0"], "0.0.0.0 is a unspecified address"),
    (["100.64.0.1"], "100.64.0.1 is a non-public address"),
])
def test_address_check_on_resolved_addresses(addresses, reason):
    assert refused_address(addresses) == reason


# Bytes: size, emptiness, binary content, encodings

def test_empty_and_whitespace_only_files_are_errors(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"  \r\n\t\n")
    assert [str(item) for item in read_all(str(tmp_path))] == [
        f"{tmp_path / 'a.txt'}: empty", f"{tmp_path / 'b.txt'}: empty"]


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert only_error(read_all(str(path))).message == "binary file"


def test_cp1252_file_is_detected_and_decoded(tmp_path):
    text = ("Le maire de Genève a déclaré mardi que la fête du port aura lieu à l’hôtel de ville.\n"
            "Les élus ont approuvé le budget après un débat très animé sur les dépenses de l’été.")
    path = tmp_path / "geneve.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_article(read_all(str(path))).text == text


def test_mojibake_is_repaired_and_curly_quotes_are_kept(tmp_path):
    text = "Iran’s foreign minister called the talks “constructive” after the meeting in Genève."
    path = tmp_path / "talks.txt"
    # UTF-8 bytes read as Windows-1252 by a system that passes undefined bytes through, as ftfy's codec does.
    path.write_text(text.encode("utf-8").decode("sloppy-windows-1252"), encoding="utf-8")
    assert "â€" in path.read_text(encoding="utf-8")
    assert only_article(read_all(str(path))).text == text


def test_utf8_with_bom_is_read_without_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + NEWS_TEXT.encode("utf-8"))
    assert only_article(read_all(str(path))).text == NEWS_TEXT


def test_file_over_the_size_cap_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(NEWS_TEXT * 20, encoding="utf-8")
    error = only_error(read_all(str(path), max_bytes=1000))
    assert error.message == f"file is {path.stat().st_size:,} bytes, over the 1,000-byte limit"


def test_missing_path_is_an_error():
    assert str(only_error(read_all("/no/such/news.txt"))) == "/no/such/news.txt: no such file or directory"


# A directory of everything

def test_directory_yields_good_articles_and_one_error_per_bad_input_in_order(tmp_path):
    (tmp_path / "a_budget.txt").write_text(NEWS_TEXT, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "d_wire.jsonl").write_text(
        json.dumps({"text": "The bridge will close for three weeks."}) + "\n{bad json\n", encoding="utf-8")
    (tmp_path / "e_cranes.html").write_text(CRANES_PAGE, encoding="utf-8")
    (tmp_path / "f_feed.xml").write_text(FEED.format(base="https://balticcourier.example"), encoding="utf-8")
    (tmp_path / "g_noted.txt").write_text(NEWS_TEXT.replace("harbour", "port"), encoding="utf-8")
    (tmp_path / "g_noted.json").write_text('{"title": "Port budget"}', encoding="utf-8")
    (tmp_path / "h_huge.txt").write_text(NEWS_TEXT * 100, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text(NEWS_TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    latin = "Le débat sur le budget de l’été a duré trois heures."
    (tmp_path / "sub" / "latin.txt").write_bytes(latin.encode("cp1252"))

    items = read_all(str(tmp_path), max_bytes=5000)
    summary = [(type(item).__name__, Path(item.origin.split(":")[0].split("#")[0]).name) for item in items]
    assert summary == [
        ("Article", "a_budget.txt"),
        ("IngestError", "b_empty.txt"),
        ("IngestError", "c_binary.txt"),
        ("Article", "d_wire.jsonl"),
        ("IngestError", "d_wire.jsonl"),
        ("Article", "e_cranes.html"),
        ("Article", "f_feed.xml"), ("Article", "f_feed.xml"), ("Article", "f_feed.xml"),
        ("Article", "g_noted.txt"),
        ("IngestError", "h_huge.txt"),
        ("Article", "latin.txt"),
    ]
    assert items[9].title == "Port budget"
    assert items[11].text == "Le débat sur le budget de l’été a duré trois heures."


GDANSK_WIRE = Path(__file__).resolve().parents[1] / "examples" / "articles" / "port-fire-gdansk" / "meridian-wire.txt"


def test_a_file_held_in_memory_is_read_as_ingest_reads_it_by_its_name_or_its_content():
    from storyline.ingest.sources import read_named

    text = (GDANSK_WIRE).read_bytes()
    [from_text] = read_named(text, "upload.md")
    [from_file] = read([str(GDANSK_WIRE)])
    assert (from_text.title, from_text.source, from_text.text) == (from_file.title, from_file.source, from_file.text)
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>Port reopens</title>'
            b'<link>https://w.example/a</link><description>The port of Gdansk reopened on Tuesday after the fire, '
            b'officials said, and ships docked again at the terminal.</description></item></channel></rss>')
    [entry] = read_named(feed, "wire")  # no suffix: told by its opening
    assert entry.title == "Port reopens" and entry.url == "https://w.example/a"
    [bad] = read_named(b'{"title": "no text"', "broken.json")
    assert isinstance(bad, IngestError) and bad.origin == "broken.json"
