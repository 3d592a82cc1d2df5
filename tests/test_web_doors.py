"""The server's doors: API docs from local assets under a strict CSP, Host names that follow the bind address, Origin
compared by scheme, host and port."""

import socket

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.hosts import allowed_hosts


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("doors") / "store.db",
                               hosts=allowed_hosts("127.0.0.1", ["news.example.org"])),
                    base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def test_docs_are_served_from_local_assets_with_no_inline_script(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "<script>" not in page.text.replace("<script src", "")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/static/swagger-init.js"):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("bind, names, not_names", [
    ("127.0.0.1", {"localhost", "127.0.0.1", "::1"}, {"evil.example"}),
    ("localhost", {"localhost", "127.0.0.1", "::1"}, {"evil.example"}),
    ("::1", {"localhost", "::1"}, {"evil.example"}),
    ("[::1]", {"localhost", "::1"}, {"evil.example"}),
    ("127.0.1.1", {"127.0.1.1", "localhost"}, {"evil.example"}),
    ("0.0.0.0", {"localhost", "127.0.0.1", socket.gethostname().lower()}, {"evil.example"}),
    ("192.0.2.7", {"192.0.2.7"}, {"localhost", "evil.example"}),
])
def test_allowed_hosts_follow_the_bind_address_whatever_its_spelling(bind, names, not_names):
    allowed = allowed_hosts(bind)
    assert names <= allowed and not (not_names & allowed)


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("LOCALHOST", 200),
    ("news.example.org", 200), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400), ("", 400),
])
def test_requests_naming_another_host_are_refused(client, host, status):
    assert client.get("/api/stories", headers={"host": host}).status_code == status


@pytest.mark.parametrize("origin, allowed", [
    ("http://127.0.0.1:8000", True), ("https://127.0.0.1:8000", False), ("http://127.0.0.1:9000", False),
    ("http://127.0.0.1", False), ("null", False), ("http://evil.example", False),
])
def test_writes_are_taken_only_from_this_servers_own_origin(client, origin, allowed):
    answer = client.post("/api/articles", content=b"{", headers={"origin": origin, "content-type": "application/json"})
    assert (answer.status_code != 403) == allowed  # a bad body, once the origin passes
