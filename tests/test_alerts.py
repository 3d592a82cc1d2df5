"""Alerts fired by what new articles change in stories, exactly once, and delivered at most once per target."""

import hashlib
import hmac
import json
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import BACKENDS, new_store
from feedserver import Answer, FeedServer
from storyline import clock
from storyline.alerts.deliver import Deliverer, DeliveryConfig, signature
from storyline.alerts.watches import names_entity
from storyline.corpus import Corpus
from storyline.ingest.fetch import Fetcher
from storyline.model import Entity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
GDANSK = ["civic-post", "harbor-daily", "meridian-wire", "northern-ledger"]


@pytest.fixture(scope="module", params=BACKENDS)
def gdansk(request, tmp_path_factory):
    """The four reports of the Gdańsk port fire ingested one at a time under several watches, the alerts each
    step fired, and what a second check right after each step fired (nothing, every time); in a store of each
    backend in turn."""
    folder = tmp_path_factory.mktemp("alerts")
    corpus = Corpus.open(new_store(request, request.param, folder, "alerts"))
    corpus.ingest([str(EXAMPLES / "hungary-blackout" / "civic-post.txt")])  # before any watch: never alerted
    jsonl = folder / "zielinski.jsonl"
    watches = {
        "name": corpus.add_watch("name", "Zielinski", jsonl=[str(jsonl)])["id"],  # written without its accent
        "query": corpus.add_watch("query", '"sprinklers"')["id"],
        "nowhere": corpus.add_watch("query", "Rotterdam")["id"],
        "elsewhere": corpus.add_watch("name", "Haddad")["id"],
    }
    steps, repeats = [], []
    for number, outlet in enumerate(GDANSK):
        corpus.ingest([str(EXAMPLES / "port-fire-gdansk" / f"{outlet}.txt")])
        fired = corpus.check_alerts()
        steps.append([alert for alert in corpus.alerts(limit=1000) if alert["alert"] in fired])
        repeats.append(corpus.check_alerts())
        if number == 0:
            story = corpus.story_of(corpus.articles(source="Civic Post")[-1].id)
            watches["story"] = corpus.add_watch("story", story)["id"]
            watches["late name"] = corpus.add_watch("name", "Kowalczyk")["id"]
    delivered = corpus.deliver_alerts(None, None)
    yield {"corpus": corpus, "watches": watches, "steps": steps, "repeats": repeats, "jsonl": jsonl,
           "delivered": delivered}
    corpus.close()


def fired(step, watch_id):
    return Counter(alert["kind"] for alert in step if alert["watch"]["id"] == watch_id)


def test_a_name_watch_fires_on_the_new_story_its_quotes_new_outlets_and_a_new_disagreement(gdansk):
    steps, name = gdansk["steps"], gdansk["watches"]["name"]
    assert fired(steps[0], name)["story"] == 1 and fired(steps[0], name)["outlet"] == 0
    [story_alert] = [a for a in steps[0] if a["watch"]["id"] == name and a["kind"] == "story"]
    assert story_alert["entity"]["name"] == "Marek Zieliński"
    assert [a["source"] for a in story_alert["articles"]] == ["Civic Post"]
    quotes = [a for step in steps for a in step if a["watch"]["id"] == name and a["kind"] == "quote"]
    assert quotes and all(a["quote"]["speaker"] == "Marek Zieliński" for a in quotes)
    assert any("moved faster than anything" in a["quote"]["wordings"][0]["as_written"] for a in quotes)
    outlets = [a["outlet"] for step in steps for a in step if a["watch"]["id"] == name and a["kind"] == "outlet"]
    assert outlets == ["Harbor Daily", "Meridian Wire", "The Northern Ledger"]
    # The Northern Ledger counts four dead workers where the others count three: a new disagreement.
    [disagreement] = [a for step in steps for a in step if a["watch"]["id"] == name and a["kind"] == "disagreement"]
    assert disagreement in steps[3]
    assert {f["value"] for f in disagreement["disagreement"]["figures"]} == {3, 4}


def test_each_alert_fires_once(gdansk):
    assert gdansk["repeats"] == [[], [], [], []]
    alerts = gdansk["corpus"].alerts(limit=1000)
    keys = [(a["watch"]["id"], a["kind"], a["story"], json.dumps({k: a.get(k) for k in ("outlet", "quote",
                                                                                        "disagreement")}))
            for a in alerts]
    assert len(keys) == len(set(keys))


def test_query_and_story_watches_and_watches_that_match_nothing(gdansk):
    steps, watches = gdansk["steps"], gdansk["watches"]
    query = [fired(step, watches["query"]) for step in steps]
    assert query[0] == {"story": 1} and [q["outlet"] for q in query[1:]] == [1, 1, 1]
    # The story watch was added after the first report: it sees the outlets the story gained after that.
    story = [fired(step, watches["story"]) for step in steps]
    assert story[0] == {} and [s["outlet"] for s in story[1:]] == [1, 1, 1] and story[3]["disagreement"] == 1
    assert not any(fired(step, watches["nowhere"]) or fired(step, watches["elsewhere"]) for step in steps)


def test_a_watch_added_after_its_story_began_fires_on_changes_not_on_the_old_story(gdansk):
    late = [fired(step, gdansk["watches"]["late name"]) for step in gdansk["steps"]]
    assert late[0] == {} and not any(step["story"] for step in late) and late[1]["outlet"] == 1


def test_alerts_are_delivered_as_json_lines_once_each(gdansk):
    lines = [json.loads(line) for line in gdansk["jsonl"].read_text().splitlines()]
    mine = [a for a in gdansk["corpus"].alerts(limit=1000) if a["watch"]["id"] == gdansk["watches"]["name"]]
    assert sorted(line["alert"] for line in lines) == sorted(a["alert"] for a in mine)
    assert all(d["status"] == "delivered" for a in mine for d in a["deliveries"])
    # Standard-output targets wait for a process that has one to write to.
    others = [a for a in gdansk["corpus"].alerts(limit=1000) if a["watch"]["id"] != gdansk["watches"]["name"]]
    assert others and all(d["status"] == "pending" for a in others for d in a["deliveries"])
    assert gdansk["delivered"] == len(lines)


def test_watched_names_match_every_variant_but_not_a_longer_name():
    khamenei = Entity("e1", "Ali Khamenei", "PERSON", {"Ali Khamenei": 3, "Khamenei": 2, "Ayatollah Ali Khamenei": 1})
    assert names_entity("Khamenei", khamenei) and names_entity("ali khamenei", khamenei)
    assert not names_entity("Mojtaba Khamenei", khamenei) and not names_entity("Ali", khamenei)
    smith = Entity("e2", "Smith", "PERSON", {"Smith": 1})
    assert not names_entity("John Smith", smith)
    eu = Entity("e3", "European Union", "ORG", {"European Union": 2, "the EU": 1})
    assert names_entity("EU", eu) and names_entity("European Union", eu)


@pytest.fixture
def webhook(store_at):
    """A store with one watch sending to a webhook on a loopback server, and one alert waiting for it."""
    with FeedServer() as server:
        corpus = Corpus.open(store_at("hooks"))
        watch = corpus.add_watch("name", "Zieliński", webhooks=[server.url("/hook")], secret="s3cret")
        with corpus.store.writing():
            alert_id = corpus.store.add_alert(watch["id"], "outlet", "s1", "s1:outlet:Harbor Daily",
                                              {"watch": {"id": watch["id"]}, "outlet": "Harbor Daily"},
                                              [f"webhook:{server.url('/hook')}"], clock.stamp())
        with Fetcher(allow_private=True, retries=0, timeout=2) as fetcher:
            yield corpus, server, alert_id, fetcher
        corpus.close()


def deliveries(corpus, alert_id):
    [alert] = [a for a in corpus.alerts() if a["alert"] == alert_id]
    return alert["deliveries"]


def test_a_webhook_gets_each_alert_signed_and_retried_after_a_failure_until_it_arrives(webhook):
    corpus, server, alert_id, fetcher = webhook
    server.state.answers["/hook"] = [Answer(503, b"busy"), Answer(200, b"ok")]
    deliverer = Deliverer(corpus.store, fetcher, None, DeliveryConfig(first_retry=0.05, max_retry=0.1))
    assert deliverer.deliver_due() == 0
    [pending] = deliveries(corpus, alert_id)
    assert (pending["status"], pending["attempts"], pending["last_error"]) == \
        ("pending", 1, "HTTP 503 Service Unavailable")
    time.sleep(0.2)  # past the retry's time
    assert deliverer.deliver_due() == 1
    assert deliverer.deliver_due() == 0  # delivered: never again
    [done] = deliveries(corpus, alert_id)
    assert (done["status"], done["attempts"]) == ("delivered", 2) and done["delivered_at"]

    posts = [(headers, body) for method, path, headers, body in server.state.requests if method == "POST"]
    assert len(posts) == 2
    headers, body = posts[-1]
    expected = hmac.new(b"s3cret", headers["X-Storyline-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-Storyline-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Storyline-Signature"] == signature("s3cret", headers["X-Storyline-Timestamp"], body)
    assert json.loads(body)["alert"] == alert_id and headers["X-Storyline-Alert"] == str(alert_id)


def test_a_webhook_refusing_an_alert_or_out_of_attempts_gets_it_no_more(webhook):
    corpus, server, alert_id, fetcher = webhook
    server.state.answers["/hook"] = Answer(400, b"bad request")
    assert Deliverer(corpus.store, fetcher, None).deliver_due() == 0
    [failed] = deliveries(corpus, alert_id)
    assert (failed["status"], failed["last_error"]) == ("failed", "HTTP 400 Bad Request")
    Deliverer(corpus.store, fetcher, None).deliver_due()
    assert server.state.count("/hook", method="POST") == 1


def test_a_delivery_interrupted_mid_send_is_never_sent_again(webhook):
    corpus, server, alert_id, fetcher = webhook
    with corpus.store.writing():  # claimed by a process killed while sending, its lease run out
        assert corpus.store.claim_delivery(alert_id, f"webhook:{server.url('/hook')}", clock.later(-1))
    Deliverer(corpus.store, fetcher, None).deliver_due()
    [interrupted] = deliveries(corpus, alert_id)
    assert interrupted["status"] == "failed" and "not sent again" in interrupted["last_error"]
    assert server.state.count("/hook", method="POST") == 0


def test_webhooks_to_refused_addresses_are_not_sent(webhook):
    corpus, server, alert_id, _ = webhook
    with Fetcher(allow_private=False, retries=0) as strict:
        Deliverer(corpus.store, strict, None).deliver_due()
    [refused] = deliveries(corpus, alert_id)
    assert refused["status"] == "failed" and refused["last_error"] == "refused: 127.0.0.1 is a loopback address"
    assert server.state.count("/hook", method="POST") == 0


def test_bad_watches_are_refused(tmp_path):
    corpus = Corpus.open(tmp_path / "bad.db")
    with pytest.raises(ValueError, match="one of: name, query, story"):
        corpus.add_watch("person", "Haddad")
    with pytest.raises(ValueError, match="bad search query"):
        corpus.add_watch("query", '"unclosed')
    with pytest.raises(KeyError):
        corpus.add_watch("story", "s404")
    with pytest.raises(ValueError, match="http or https"):
        corpus.add_watch("name", "Haddad", webhooks=["file:///etc/passwd"])
    made_up = corpus.add_watch("name", "Haddad", webhooks=["https://hooks.example/in"])
    assert len(made_up["targets"][0]["secret"]) == 64
    assert "secret" not in corpus.watches()[0]["targets"][0]
    assert corpus.remove_watch(made_up["id"]) and not corpus.remove_watch(made_up["id"])
    corpus.close()
