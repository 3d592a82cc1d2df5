"""The watcher against a real feed server on loopback whose feeds change between polls: new items, 304s, 500s,
timeouts, malformed XML, a redirect to a refused address, robots.txt; a stop mid-poll loses nothing."""

import json
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from feedserver import Answer, Feed, FeedServer, Item, example_items, page
from storyline import clock
from storyline.cli import main
from storyline.corpus import Corpus
from storyline.ingest import fetch as fetch_module
from storyline.watch.config import WatchConfig
from storyline.watch.subscriptions import duration, opml_feeds
from storyline.watch.watcher import backoff, interleaved
from storyline.store.feeds import FeedState

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
FAST = WatchConfig(every=600.0, host_delay=0.0, timeout=1.0, failure_backoff=0.2, max_backoff=0.4, item_attempts=3)


def leads(base_url: str) -> list[Item]:
    """The bundled examples cut to their headline and first paragraph: real news text that parses quickly."""
    return [replace(item, text=item.text.split("\n\n")[0]) for item in example_items(EXAMPLES, base_url)]


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def corpus(store_at):
    opened = Corpus.open(store_at("watch"))
    yield opened
    opened.close()


def poll(corpus, urls=None, config=FAST, **options):
    watcher = corpus.watcher(urls, allow_private=True, config=config, **options)
    try:
        return watcher.poll(every_feed=True)
    finally:
        watcher.close()


def serve_feed(server, path, items, title="Wire"):
    server.state.feeds[path] = feed = Feed(title, list(items))
    for item in items:
        server.state.pages[item.link.removeprefix(server.base_url)] = page(item)
    return feed


def only_feed(corpus) -> FeedState:
    [feed] = corpus.feeds()
    return feed


def test_new_items_are_stored_once_and_an_unchanged_feed_is_asked_for_conditionally(server, corpus):
    items = leads(server.base_url)
    feed = serve_feed(server, "/wire.xml", items[:2])
    corpus.add_feeds([server.url("/wire.xml")])

    first = poll(corpus)
    assert (first.changed, first.stored) == (1, 2)
    assert {a.title for a in corpus.articles()} == {items[0].title, items[1].title}
    assert all(corpus.story_of(a.id) for a in corpus.articles())

    second = poll(corpus)
    assert (second.unchanged, second.stored) == (1, 0)
    _, _, headers, _ = server.state.requests[-1]
    assert headers["If-None-Match"] and headers["If-Modified-Since"]
    assert only_feed(corpus).last_status == "unchanged"

    feed.add(items[2])
    third = poll(corpus)
    assert (third.changed, third.stored, third.duplicates) == (1, 1, 0)
    state = only_feed(corpus)
    assert state.articles_added == 3 and state.requests == 3 and state.failures == 0
    assert corpus.count_articles() == 3
    assert "Storyline/" in server.state.requests[0][2]["User-Agent"]


def test_a_failing_feed_backs_off_and_recovers(server, corpus, monkeypatch):
    # The watcher's clock is moved by hand, not slept through: a loaded machine cannot make the feed due early.
    moment = [clock.now()]
    monkeypatch.setattr(clock, "now", lambda: moment[0])

    def wait(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    backing_off = replace(FAST, failure_backoff=60.0, max_backoff=120.0)
    items = leads(server.base_url)
    serve_feed(server, "/wire.xml", items[:1])
    server.state.answers["/wire.xml"] = Answer(500, b"down for maintenance")
    corpus.add_feeds([server.url("/wire.xml")])

    assert poll(corpus, config=backing_off).failed == 1
    state = only_feed(corpus)
    assert state.failures == 1 and state.last_status == "failed"
    assert state.last_error == "HTTP 500 Internal Server Error"
    assert 30 <= clock.seconds_until(state.next_poll_at) <= 60
    watcher = corpus.watcher(None, allow_private=True, config=backing_off)
    wait(29)
    assert watcher.poll().polled == 0  # not due: it is backing off
    wait(backing_off.max_backoff)
    assert watcher.poll().failed == 1 and only_feed(corpus).failures == 2
    watcher.close()

    del server.state.answers["/wire.xml"]
    wait(backing_off.max_backoff)
    recovered = corpus.watcher(None, allow_private=True, config=backing_off).poll()
    assert (recovered.changed, recovered.stored) == (1, 1)
    state = only_feed(corpus)
    assert state.failures == 0 and state.last_error is None and state.last_success_at


def test_retry_after_is_honoured_and_backoff_grows_with_jitter(server, corpus):
    server.state.answers["/busy.xml"] = Answer(429, b"slow down", {"Retry-After": "120"})
    corpus.add_feeds([server.url("/busy.xml")])
    poll(corpus, config=WatchConfig(host_delay=0.0, failure_backoff=1.0, max_backoff=3600.0))
    assert clock.seconds_until(only_feed(corpus).next_poll_at) > 110

    config = WatchConfig(failure_backoff=60.0, max_backoff=3600.0)
    waits = [backoff(failures, config) for failures in (1, 2, 3, 4, 12) for _ in range(20)]
    assert all(30 <= wait <= 60 for wait in waits[:20]) and all(240 <= wait <= 480 for wait in waits[60:80])
    assert all(1800 <= wait <= 3600 for wait in waits[80:]) and len(set(waits[:20])) > 1


def test_timeouts_and_unreadable_feeds_are_failures_and_others_go_on(server, corpus):
    items = leads(server.base_url)
    serve_feed(server, "/good.xml", items[:1])
    server.state.answers["/slow.xml"] = Answer(200, b"<rss/>", delay=3.0)
    server.state.answers["/garbage.xml"] = Answer(200, b"this is not xml at all <<<>>>",
                                                  {"Content-Type": "application/rss+xml"})
    corpus.add_feeds([server.url(path) for path in ("/slow.xml", "/garbage.xml", "/good.xml")])

    report = poll(corpus, config=replace(FAST, timeout=0.5))
    assert (report.polled, report.failed, report.changed, report.stored) == (3, 2, 1, 1)
    errors = {feed.url.rsplit("/", 1)[1]: feed.last_error for feed in corpus.feeds()}
    assert errors["slow.xml"] == "timed out after 0.5 s"
    assert errors["garbage.xml"].startswith("not a feed")
    assert errors["good.xml"] is None


def test_malformed_but_recoverable_xml_gives_its_readable_entries(server, corpus):
    [item] = leads(server.base_url)[:1]
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Sloppy Wire</title><item><guid>a</guid>'
            f"<title>{item.title}</title><description>{item.text}</description></item>"
            "<item><guid>b</guid><title>Broken & unescaped</title></item></channel></rss>").encode()
    server.state.answers["/sloppy.xml"] = Answer(200, body, {"Content-Type": "application/rss+xml"})
    corpus.add_feeds([server.url("/sloppy.xml")])
    report = poll(corpus)
    assert (report.changed, report.stored) == (1, 1)
    assert report.errors == [f"{server.url('/sloppy.xml')}#2: feed entry has no content or summary"]
    assert only_feed(corpus).title == "Sloppy Wire"


def test_a_link_redirecting_to_a_refused_address_is_retried_then_given_up(server, corpus, monkeypatch):
    # The test server counts as public; the redirect's target (another loopback address) must still be refused.
    check = fetch_module.refused_address
    monkeypatch.setattr(fetch_module, "refused_address",
                        lambda addresses: check([a for a in addresses if a != "127.0.0.1"]))
    items = leads(server.base_url)[:2]
    serve_feed(server, "/wire.xml", items)
    server.state.answers[items[1].link.removeprefix(server.base_url)] = Answer(
        302, headers={"Location": "http://127.0.0.2:9/internal"})
    corpus.add_feeds([server.url("/wire.xml")])

    def fetching_poll():
        watcher = corpus.watcher(None, fetch=True, config=FAST)
        try:
            return watcher.poll(every_feed=True)
        finally:
            watcher.close()

    first = fetching_poll()
    assert first.stored == 1
    assert first.errors == [f"{items[1].link}: redirected to http://127.0.0.2:9/internal: "
                            "refused: 127.0.0.2 is a loopback address"]
    assert only_feed(corpus).retrying == 1
    fetching_poll()
    # A feed with an item to retry is asked for in full, not conditionally.
    assert "If-None-Match" not in [r for r in server.state.requests if r[1].endswith("/wire.xml")][-1][2]
    third = fetching_poll()
    assert third.stored == 0 and only_feed(corpus).retrying == 0  # given up after FAST.item_attempts
    assert server.state.count(items[1].link.removeprefix(server.base_url)) == FAST.item_attempts
    assert corpus.count_articles() == 1


def test_robots_txt_is_respected_for_linked_articles(server, corpus):
    items = leads(server.base_url)[:2]
    blocked = replace(items[1], link=server.url("/private/embargoed.html"))
    serve_feed(server, "/wire.xml", [items[0], blocked])
    server.state.answers["/robots.txt"] = Answer(200, b"User-agent: *\nDisallow: /private/\n",
                                                 {"Content-Type": "text/plain"})
    corpus.add_feeds([server.url("/wire.xml")])
    report = poll(corpus, fetch=True)
    assert report.stored == 1
    assert server.state.count("/private/") == 0 and server.state.count("/robots.txt") == 1
    assert report.errors == [f"{server.url('/wire.xml')}#2: robots.txt disallows fetching it"]
    assert only_feed(corpus).retrying == 0  # not retried until the entry changes


def test_a_stop_mid_poll_finishes_the_batch_and_the_next_poll_loses_nothing(server, corpus):
    items = leads(server.base_url)[:6]
    serve_feed(server, "/wire.xml", items)
    corpus.add_feeds([server.url("/wire.xml")])
    watcher = corpus.watcher(None, fetch=True, allow_private=True, config=FAST)
    # Stopped (as SIGTERM does) while the third linked article is being fetched.
    server.state.on_request = lambda path: watcher.stop() if path == items[2].link.removeprefix(
        server.base_url) else None
    watcher.run()
    assert corpus.count_articles() == 3
    assert only_feed(corpus).etag is None  # not every item was handled: the next poll reads the feed in full
    server.state.on_request = None

    report = poll(corpus, fetch=True)
    assert (report.stored, report.duplicates) == (3, 0)
    assert sorted(a.title for a in corpus.articles()) == sorted(item.title for item in items)
    assert only_feed(corpus).etag


def test_a_watched_page_is_stored_again_as_a_revision_when_it_changes(server, corpus):
    story = example_items(EXAMPLES, server.base_url)[0]
    first, second = story.text.split("\n\n")[:2]
    server.state.pages["/live.html"] = page(replace(story, text=first))
    corpus.add_feeds([server.url("/live.html")])
    assert poll(corpus).stored == 1
    assert (poll(corpus).stored, corpus.count_articles()) == (0, 1)  # the same text: nothing to store
    server.state.pages["/live.html"] = page(replace(story, text=f"{first}\n\n{second}"))
    assert poll(corpus).stored == 1
    [current] = corpus.articles()
    assert current.revision_of and second in current.text and corpus.story_of(current.id)


def test_contact_url_goes_in_the_user_agent_and_hosts_are_visited_in_turn(server, corpus):
    serve_feed(server, "/wire.xml", [])
    corpus.add_feeds([server.url("/wire.xml")])
    poll(corpus, contact="https://newsroom.example/bot")
    assert server.state.requests[-1][2]["User-Agent"] == "Storyline/0.1 (+https://newsroom.example/bot)"
    feeds = [FeedState(f"http://{host}/{n}", None, "", None, None, None, None, None, None, 0, "", 0, 0)
             for host, n in [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1), ("b", 2)]]
    assert [f.url for f in interleaved(feeds)] == ["http://a/1", "http://b/1", "http://c/1", "http://a/2",
                                                   "http://b/2", "http://a/3"]


def test_host_delay_spaces_requests_to_one_host(server, corpus):
    for n in range(3):
        serve_feed(server, f"/feed{n}.xml", [])
    corpus.add_feeds([server.url(f"/feed{n}.xml") for n in range(3)])
    started = time.monotonic()
    report = poll(corpus, config=replace(FAST, host_delay=0.3))
    # Three requests to one host, their starts at least 0.3 s apart: at least 0.6 s from the first to the last.
    assert report.changed == 3 and time.monotonic() - started >= 0.6


def test_opml_lists_and_durations(tmp_path):
    opml = tmp_path / "subscriptions.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>News</title></head><body>'
                    '<outline text="World"><outline type="rss" text="A" xmlUrl="https://a.example/feed.xml"/>'
                    '<outline type="rss" text="B" xmlUrl="https://b.example/rss"/></outline>'
                    '<outline type="rss" text="A again" xmlUrl="https://a.example/feed.xml"/></body></opml>')
    assert opml_feeds(opml) == ["https://a.example/feed.xml", "https://b.example/rss"]
    empty = tmp_path / "empty.opml"
    empty.write_text("<opml><body></body></opml>")
    with pytest.raises(Exception, match="no feed URLs"):
        opml_feeds(empty)
    assert [duration(text) for text in ("90", "30s", "10m", "1h", "1.5d")] == [90, 30, 600, 3600, 129600]
    for bad in ("", "ten", "-5m", "0"):
        with pytest.raises(ValueError):
            duration(bad)


def test_the_command_line_adds_lists_and_removes_watches_and_feeds(tmp_path, server):
    def run(*arguments):
        return CliRunner().invoke(main, [*arguments, "--db", str(tmp_path / "cli.db")])

    added = run("alerts", "add", "--name", "Haddad", "--webhook", "https://hooks.example/in")
    assert added.exit_code == 0 and "webhook secret (shown once): " in added.output
    assert run("alerts", "add", "--query", '"unclosed').exit_code == 2
    assert run("alerts", "add", "--name", "Haddad", "--query", "prison").exit_code == 2
    assert run("alerts", "add", "--story", "s9").exit_code == 1
    [watch] = json.loads(run("alerts", "list", "--json").output)
    webhook = {"type": "webhook", "url": "https://hooks.example/in"}
    assert (watch["kind"], watch["value"], watch["targets"]) == ("name", "Haddad", [webhook])
    assert run("alerts", "fired", "--json").output.strip() == "[]"
    assert run("alerts", "remove", str(watch["id"])).exit_code == 0
    assert run("alerts", "remove", str(watch["id"])).exit_code == 1

    serve_feed(server, "/wire.xml", leads(server.base_url)[:1])
    watched = run("watch", server.url("/wire.xml"), "--once", "--allow-private", "--host-delay", "0")
    assert watched.exit_code == 0 and "1 articles stored" in watched.output
    assert run("watch", "notes.txt", "--once").exit_code == 2
    assert run("watch", "--every", "soon", "--once").exit_code == 2
    [feed] = json.loads(run("feeds", "list", "--json").output)
    assert feed["url"] == server.url("/wire.xml") and feed["articles_added"] == 1
    assert run("feeds", "remove", server.url("/wire.xml")).exit_code == 0
    assert run("feeds", "remove", server.url("/wire.xml")).exit_code == 1
