"""The web UI in a real browser: Playwright driving Debian's Chromium against `naba serve`'s app.

The app runs in a uvicorn thread on a free 127.0.0.1 port over a store holding the sample report
(read from ../shared; its test skips when absent), a report of our own with every layer filled by
hand, and a report full of markup. Screenshots land in bench/screenshots/ (not committed).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from naba.corpus import Store
from naba.serve import create_app
from serve_reports import XSS_TEXT, accords_report, xss_report

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "kazakhstan-abraham-accords.txt"
SCREENSHOTS = REPO / "bench" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sample_report_web(pipeline):
    if not SAMPLE.exists():
        return None
    from naba.ingest import read_inputs

    (document,) = list(read_inputs([str(SAMPLE)]))
    return pipeline.analyze(document)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, pipeline, sample_report_web):
    import uvicorn

    db = str(tmp_path_factory.mktemp("web") / "naba.db")
    with Store.open(db) as store:
        store.add([r for r in (sample_report_web, accords_report(), xss_report()) if r is not None])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, pipeline=pipeline), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: `make system-deps` installs it (apt-get install chromium fonts-noto-core)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="ar")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_sample_report_from_home_to_entity_timeline(page, base_url, sample_report_web):
    if sample_report_web is None:
        pytest.skip(f"sample report not found: {SAMPLE}")
    report = sample_report_web
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click(f'a[href="/reports/{report.id}"]')
    page.wait_for_url(f"**/reports/{report.id}")

    # every entity mention is highlighted in place, and the sourcing chart shows the profile
    mentions = sum(len(e.mentions) for e in report.entities)
    assert mentions > 0 and page.locator("#report-text .ent").count() >= mentions
    assert page.locator("svg.sourcing-chart rect").count() == 5
    assert page.locator('svg.sourcing-chart [data-kind="anonymous"]').get_attribute("data-count") == str(report.sourcing.anonymous)
    assert page.inner_text("#report-text") .replace("\n", "") == report.text.replace("\n", "")
    shoot(page, "report-sample.png")

    # hovering the first time expression shows its normalised value
    first_time = min(report.times, key=lambda t: t.start)
    page.hover("#report-text .time >> nth=0")
    page.wait_for_selector("#tip:not([hidden])")
    assert page.inner_text("#tip").startswith(first_time.value or "?")

    # a layer toggle takes the highlighting away, not the text
    page.uncheck('input[data-toggle="entities"]')
    assert "hide-entities" in page.get_attribute("#report-text", "class")
    page.check('input[data-toggle="entities"]')

    # clicking an entity with events opens its page with the timeline
    actor = next(e for e in report.entities if e.kb and any(ev.actor == e.id for ev in report.events))
    page.click(f'#report-text a.ent[href="/entities/{actor.kb}"] >> nth=0')
    page.wait_for_url(f"**/entities/{actor.kb}")
    assert page.locator(".timeline-item").count() >= 1
    shoot(page, "entity-sample.png")


def test_entity_page_timeline_and_network(page, base_url):
    page.goto(base_url + "/reports/web-accords")
    page.click('#report-text a.ent[href="/entities/per:donald-trump"] >> nth=0')
    page.wait_for_url("**/entities/per:donald-trump")
    assert "Donald Trump" in page.inner_text("h1")
    assert "CONSULT" in page.inner_text(".timeline-item")
    # the network view is drawn by the script from the same data as its JSON twin
    graph = page.request.get(base_url + "/api/graph?entity=per:donald-trump").json()
    assert ("per:donald-trump", "per:benjamin-netanyahu", "CONSULT") in {(e["source"], e["target"], e["type"]) for e in graph["edges"]}
    page.wait_for_selector("svg#graph g.node")
    assert page.locator("svg#graph g.node").count() == len(graph["nodes"])
    assert page.locator("svg#graph line.edge").count() == len(graph["edges"])
    shoot(page, "entity-trump.png")
    index = [n["id"] for n in graph["nodes"]].index("per:benjamin-netanyahu")
    page.click(f"svg#graph g.node >> nth={index}")
    page.wait_for_url("**/entities/per:benjamin-netanyahu")


def test_search_with_a_clitic(page, base_url, sample_report_web):
    page.goto(base_url + "/")
    page.fill('input[name="q"]', "لنتنياهو")
    page.press('input[name="q"]', "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator('ol.hits a[href="/reports/web-accords"]').count() == 1
    assert page.inner_text("ol.hits mark") == "نتنياهو"
    assert "Benjamin Netanyahu" in page.inner_text(".entity-hits")
    if sample_report_web is not None:
        page.goto(base_url + "/search?q=" + "لإسرائيل")
        assert page.locator(f'ol.hits a[href="/reports/{sample_report_web.id}"]').count() == 1
        shoot(page, "search.png")


def test_markup_in_a_report_renders_as_text(page, base_url):
    page.goto(base_url + "/reports/web-xss")
    assert page.title() != "pwned" and page.dialogs == []
    assert page.locator("#report-text script, #report-text img, #report-text b").count() == 0
    assert page.inner_text("#report-text") == XSS_TEXT
    page.hover("#report-text .time")
    assert page.inner_text("#tip") == "\"><script>alert(2)</script>"
