"""End to end: `serve` in its own process, articles ingested through the HTTP API, pages driven in headless Chromium."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
PORT_FIRES = [EXAMPLES / "port-fire-gdansk", EXAMPLES / "port-fire-genoa"]
# Each trick would change the page title if any of it ran.
HOSTILE_TITLE = "<script>document.title = 'pwned'</script>Port fire"
HOSTILE_TEXT = ("Firefighters in Gdańsk fought a blaze at the Baltic Gate terminal on Monday. "
                "<script>document.title = 'pwned'</script> "
                "<img src=x onerror=\"document.title = 'pwned'\"> "
                "<a href=\"javascript:document.title = 'pwned'\">details</a>")
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base_url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"storyline serve exited: {log.read_text()}")
        try:
            httpx.get(f"{base_url}/api/stories").raise_for_status()
            return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"storyline serve did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The base URL of a running server holding the two port fires and one hostile article."""
    folder = tmp_path_factory.mktemp("web")
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-c", "import sys; from storyline.web import serve; serve(sys.argv[1], '127.0.0.1', "
                                   "int(sys.argv[2]))", str(folder / "web.db"), str(port)],
            stdout=log_file, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url, server, log)
        for file in sorted(path for folder in PORT_FIRES for path in folder.glob("*.txt")):
            response = httpx.post(f"{base_url}/api/articles", content=file.read_bytes(),
                                  headers={"content-type": "text/markdown; charset=utf-8"}, timeout=120)
            assert response.status_code == 201, response.text
        hostile = httpx.post(f"{base_url}/api/articles", content=HOSTILE_TEXT, timeout=120,
                             params={"title": HOSTILE_TITLE, "source": "<b>Evil</b> Outlet"},
                             headers={"content-type": "text/plain"})
        assert hostile.status_code == 201, hostile.text
        yield base_url
    finally:
        server.terminate()
        server.wait()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def test_each_story_is_listed_under_a_headline_with_its_key_people_before_any_brief_is_built(site, page):
    stories = httpx.get(f"{site}/api/stories").json()
    page.goto(site)
    for story in stories:
        titles = {article["title"] for article in httpx.get(f"{site}/api/stories/{story['id']}").json()["articles"]}
        row = page.locator(f'tr[data-story="{story["id"]}"]')
        assert row.locator("a.headline").inner_text() in titles
        assert row.locator(".people a").all_inner_texts() == story["people"]
    gdansk = next(s for s in stories if "Marek Zieliński" in s["people"])
    # The filter finds the man under his surname, without its accent; his name leads to his page.
    page.get_by_label("Person or organisation").fill("zielinski")
    page.get_by_role("button", name="Show stories").click()
    page.wait_for_url("**/?*entity=zielinski*")
    assert page.locator("table.stories tbody tr").evaluate_all("rows => rows.map(row => row.dataset.story)") == [
        gdansk["id"]]
    page.locator(".people a", has_text="Marek Zieliński").click()
    page.wait_for_url("**/entities?name=*")
    assert page.locator("h1").inner_text() == "Marek Zieliński"


def test_story_list_leads_to_a_story_with_claims_highlighted_by_kind(site, page, tmp_path):
    stories = httpx.get(f"{site}/api/stories").json()
    largest = stories[0]
    page.goto(site)
    assert page.locator("table.stories tbody tr").count() == len(stories)
    page.get_by_role("link", name=largest["headline"], exact=True).click()
    page.wait_for_url(f"{site}/stories/{largest['id']}")

    brief = httpx.get(f"{site}/api/stories/{largest['id']}/brief", timeout=120).json()
    assert page.locator("h1").inner_text() == brief["title"]
    columns = page.locator(".side-by-side .column")
    assert columns.count() == largest["articles"]
    shared_texts = {}
    for group in brief["key_facts"] + [item for item in brief["summary"] if item["kind"] == "shared"]:
        for span in group["spans"]:
            shared_texts.setdefault(span["article"], []).append(span["text"])
    for article in brief["story"]["articles"]:
        marks = page.locator(f"#source-{article['id']} mark.shared").all_inner_texts()
        assert all(any(mark in text for text in shared_texts[article["id"]]) for mark in marks)
    assert page.locator(".columns mark.shared").count() > 0
    assert page.locator(".columns mark.single").count() > 0
    assert (page.locator(".columns mark.conflicting").count() > 0) == bool(brief["disagreements"])

    timeline = page.locator("img.timeline")
    timeline.scroll_into_view_if_needed()
    assert timeline.evaluate("image => image.complete && image.naturalWidth > 0")
    screenshot = tmp_path / "story.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000


def test_hostile_article_text_is_shown_escaped_and_nothing_runs(site, page):
    [found] = httpx.get(f"{site}/api/search", params={"q": "javascript"}).json()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site}/articles/{found['article']['id']}")
    assert page.title() == f"{HOSTILE_TITLE} · Storyline"
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    text = page.locator("article .text").inner_text()
    assert "<script>document.title = 'pwned'</script>" in text and "<img src=x onerror=" in text
    assert page.locator("script").count() == 0 and page.locator("main img").count() == 0
    assert page.locator("main a[href^='javascript']").count() == 0
    assert page.evaluate("() => document.title") == f"{HOSTILE_TITLE} · Storyline"
    assert dialogs == []
    assert "<b>Evil</b> Outlet" in page.locator("p.meta").inner_text()


def test_search_form_shows_results_with_hits_marked(site, page):
    page.goto(site)
    page.get_by_label("Search articles").fill("container terminal")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url("**/search?q=container+terminal")
    results = page.locator("ol.results li")
    assert results.count() > 0
    hits = {hit.lower() for hit in page.locator("ol.results mark.hit").all_inner_texts()}
    assert hits and hits <= {"container", "terminal"}
    results.first.locator("a").click()
    page.wait_for_url("**/articles/*")
    page.locator("article.single .text").wait_for()  # the URL changes before the page has loaded
    assert page.locator("article.single .text").count() == 1


def test_article_page_marks_names_by_type(site, page):
    [hit] = [h for h in httpx.get(f"{site}/api/search", params={"q": "Zieliński"}).json()
             if h["article"]["source"] == "Meridian Wire"]
    page.goto(f"{site}/articles/{hit['article']['id']}")
    people = page.locator("article .text mark.name.person").all_inner_texts()
    places = page.locator("article .text mark.name.gpe").all_inner_texts()
    assert "Marek Zieliński" in people and "Poland" in places
    assert page.locator("article .text mark.quote").count() > 0
    assert page.locator("article .text mark.time").count() > 0


def test_server_answers_only_to_local_host_names(site):
    # What a page on another site sees after pointing its own name at 127.0.0.1 (DNS rebinding).
    assert httpx.get(f"{site}/api/stories", headers={"host": "attacker.example"}).status_code == 400
    assert httpx.get(f"{site}/api/stories", headers={"host": "localhost"}).status_code == 200


def test_the_api_docs_render_from_local_assets_without_breaking_the_content_security_policy(site, page):
    violations, outside = [], []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(site)
            and not request.url.startswith("data:") else None)
    page.goto(f"{site}/docs")
    page.locator(".opblock-summary-path", has_text="/api/stories").first.wait_for(timeout=30_000)
    assert not violations and not outside


def test_story_list_shows_a_new_story_without_reloading(site, page):
    page.goto(site)
    rows = page.locator("table.stories tbody tr")
    before = rows.count()
    page.evaluate("() => { window.stillTheSamePage = true; }")
    report = EXAMPLES / "lebanon-interior-minister-resigns" / "civic-post.txt"
    response = httpx.post(f"{site}/api/articles", content=report.read_bytes(), timeout=120,
                          headers={"content-type": "text/markdown; charset=utf-8"})
    assert response.status_code == 201, response.text
    arrived = page.locator("table.stories tbody tr.new")
    arrived.wait_for(timeout=30_000)  # pushed by the server (server-sent events), not reloaded
    assert rows.count() == before + 1 and arrived.count() == 1
    assert arrived.locator(".badge").text_content() == "new"
    assert page.evaluate("() => window.stillTheSamePage") is True


def test_story_page_fits_the_window_at_desktop_and_phone_widths_and_folds_long_sections(site, page):
    story = next(s for s in httpx.get(f"{site}/api/stories").json() if len(s["sources"]) >= 4)
    for width in (1300, 360):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/", "/add", f"/stories/{story['id']}"):
            page.goto(f"{site}{path}")
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} runs {overflow} px past the window at {width} px"
        assert page.locator(".side-by-side .column").count() == story["articles"]
    folded = page.locator("details.more").first
    assert not folded.evaluate("details => details.open")
    folded.locator("summary").click()
    assert folded.evaluate("details => details.open")


def test_the_brief_downloads_from_its_page_in_each_format_the_cli_writes(site, page):
    story = httpx.get(f"{site}/api/stories").json()[0]
    page.goto(f"{site}/stories/{story['id']}")
    for name, extension in (("Markdown", "md"), ("HTML", "html"), ("JSON", "json")):
        with page.expect_download() as download:
            page.locator(".downloads").get_by_role("link", name=name, exact=True).click()
        saved = download.value.path().read_text()
        assert download.value.suggested_filename.endswith(f".{extension}")
        assert saved == httpx.get(f"{site}/stories/{story['id']}/brief.{extension}", timeout=120).text


def test_a_cited_item_leads_to_its_span_marked_in_the_article(site, page):
    story = httpx.get(f"{site}/api/stories").json()[0]
    brief = httpx.get(f"{site}/api/stories/{story['id']}/brief", timeout=120).json()
    page.goto(f"{site}/stories/{story['id']}")
    item = brief["summary"][0]
    page.locator(".summary a.ref").first.click()
    page.wait_for_url(f"**/articles/{item['article']}?start={item['start']}&end={item['end']}#cited")
    cited = page.locator("article .text mark.cited").all_inner_texts()
    assert "".join(cited).split() == item["text"].split()
    assert page.locator("#cited").evaluate("mark => mark.getBoundingClientRect().top < window.innerHeight")


def test_an_article_added_through_the_form_appears_in_its_story(site, page, tmp_path):
    source = EXAMPLES / "hungary-blackout" / "meridian-wire.txt"
    body = source.read_text().split("---\n", 2)[2]
    page.goto(site)
    page.get_by_role("link", name="Add articles").click()
    page.get_by_label("Title").fill("Blackout hits Budapest")
    page.get_by_label("Outlet").fill("Form Wire")
    page.get_by_label("Published").fill("2026-09-09")
    page.get_by_label("Text").fill(body)
    page.get_by_label("Addresses of articles").fill("not a url")
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "no text"')
    page.get_by_label("Files (").set_input_files([EXAMPLES / "lebanon-interior-minister-resigns" / "harbor-daily.txt",
                                                broken])
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/add/jobs/*")
    stories = page.locator("ul.job-stories a")
    stories.first.wait_for(timeout=120_000)  # polled by static/job.js, not reloaded
    rejected = page.locator("ul.rejected").inner_text()
    assert "not a url: not an http or https URL" in rejected and "broken.json" in rejected
    assert "2 articles stored" in page.locator("#job").inner_text() and stories.count() == 2
    stories.first.click()
    page.wait_for_url("**/stories/*")
    assert "Form Wire" in page.locator(".side-by-side h3").all_inner_texts()
    page.goto(f"{site}/?outlet=Form+Wire")
    assert page.locator("table.stories tbody tr").count() == 1


def test_a_name_leads_to_the_person_across_stories_with_their_quotes(site, page):
    [hit] = [h for h in httpx.get(f"{site}/api/search", params={"q": "Zieliński"}).json()
             if h["article"]["source"] == "Meridian Wire"]
    page.goto(f"{site}/articles/{hit['article']['id']}")
    page.locator("a.entity", has_text="Marek Zieliński").first.click()
    page.wait_for_url("**/entities?name=*")
    assert page.locator("h1").inner_text() == "Marek Zieliński"
    assert page.locator(".entity-story").count() >= 1
    assert page.locator(".entity-story .wording").count() > 0
    page.locator(".entity-story h3 a").first.click()
    page.wait_for_url("**/stories/*")


AXE = Path(__file__).resolve().parents[1] / ".axe" / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page, each rule with the first elements it fails on."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
            for v in found if v["impact"] in ("serious", "critical")]


def test_every_page_passes_axe_with_no_serious_violation(site, browser):
    if not AXE.exists():
        pytest.skip(f"{AXE} is not installed (make axe)")
    # Axe is injected as a script of its own, which the pages' CSP would refuse.
    context = browser.new_context(viewport={"width": 1300, "height": 900}, bypass_csp=True)
    page = context.new_page()
    story = httpx.get(f"{site}/api/stories").json()[0]
    article = httpx.get(f"{site}/api/articles").json()[0]
    pages = ["/", "/?q=fire&order=newest", f"/stories/{story['id']}", f"/articles/{article['id']}", "/articles",
             "/search?q=terminal", "/add", "/entities?name=Marek+Zieli%C5%84ski", "/feeds", "/watches", "/alerts"]
    found = {}
    for width in (1300, 360):  # at a phone's width, tables scroll sideways in boxes a keyboard must reach
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(f"{site}{path}")
            if violations := serious_violations(page):
                found[f"{path} at {width} px"] = violations
    page.goto(f"{site}/add")
    page.get_by_label("Addresses of articles").fill("not a url")
    page.get_by_role("button", name="Add").click()
    page.locator("ul.job-stories").wait_for(timeout=60_000)
    if violations := serious_violations(page):
        found["a job's page"] = violations
    context.close()
    assert not found


def test_the_keyboard_skips_the_header_to_the_content_and_opens_folded_items(site, page):
    story = httpx.get(f"{site}/api/stories").json()[0]
    page.goto(f"{site}/stories/{story['id']}")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")
    folded = page.locator("details.more summary").first
    folded.focus()
    page.keyboard.press("Enter")
    assert folded.evaluate("summary => summary.parentElement.open")


def test_a_printed_brief_leaves_out_the_page_furniture_and_opens_folded_items(site, page):
    story = httpx.get(f"{site}/api/stories").json()[0]
    page.goto(f"{site}/stories/{story['id']}")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what a browser sends before printing
    page.emulate_media(media="print")
    assert page.locator(".summary").is_visible() and not page.locator("header.site").is_visible()
    assert not page.locator(".side-by-side").is_visible() and not page.locator(".downloads").is_visible()
    assert page.locator("details.more:not([open])").count() == 0
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.more[open]").count() == 0
