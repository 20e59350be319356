"""The web UI in a real browser: Playwright driving Debian's Chromium against `naba serve`'s app.

The app runs in a uvicorn thread on a free 127.0.0.1 port over a store holding the sample report
(read from ../shared; its test skips when absent), a report of our own with every layer filled by
hand, and a report full of markup. Screenshots land in bench/screenshots/ (not committed).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
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
DEV_NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-political-dev.jsonl"
# Screenshots for people to look at, never committed: the team's folder when there is one.
SCREENSHOTS = Path(os.environ.get("NABA_SCREENSHOTS") or (REPO.parent / "team" / "screens" if (REPO.parent / "team").is_dir()
                                                        else REPO / "bench" / "screenshots"))
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


def serve(db: str, pipeline):
    """The app over ``db`` in a uvicorn thread on a free port; yields its base URL."""
    import uvicorn

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
def base_url(tmp_path_factory, pipeline, sample_report_web):
    db = str(tmp_path_factory.mktemp("web") / "naba.db")
    with Store.open(db) as store:
        store.add([r for r in (sample_report_web, accords_report(), xss_report()) if r is not None])
    yield from serve(db, pipeline)


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory, pipeline):
    """The app over a store of the 200 dev articles (analysed once for this module)."""
    if not DEV_NEWS.exists():
        pytest.skip(f"dev articles not found: {DEV_NEWS} (the corpus pages are tested on them)")
    from naba.ingest import read_inputs

    db = str(tmp_path_factory.mktemp("web-dev") / "naba.db")
    documents = list(read_inputs([str(DEV_NEWS)], text_field="content", date_field="date_extracted"))
    with Store.open(db) as store:
        for i in range(0, len(documents), 50):
            store.add([pipeline.analyze(d) for d in documents[i:i + 50]])
    yield from serve(db, pipeline)


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


# ---- the corpus pages on the 200 dev articles ------------------------------------------------

@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar", device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def api(page, url: str):
    response = page.request.get(url)
    assert response.status == 200, f"{url}: {response.status} {response.text()[:200]}"
    return response.json()


def downloads_of(page, base: str):
    """The CSV and JSON downloads linked from the page, parsed."""
    csv_url = page.get_attribute("a.download-csv", "href")
    json_url = page.get_attribute("a.download-json", "href")
    csv_response = page.request.get(base + csv_url)
    json_response = page.request.get(base + json_url)
    assert "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.body().decode("utf-8-sig"))))
    return rows, json_response.json()


def latin_outside_isolation(page) -> list[str]:
    """Text with Latin letters in the page chrome (not report text or snippets) that no <bdi> or
    dir="ltr"/"auto" element isolates from the right-to-left paragraph around it."""
    return page.evaluate("""() => {
      const bad = [];
      const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/[A-Za-z]/.test(node.textContent)) continue;
        const el = node.parentElement;
        if (el.closest("#report-text, .snippet, script, svg, code, kbd, bdi, [dir=ltr], [dir=auto]")) continue;
        bad.push(node.textContent.trim().slice(0, 60));
      }
      return bad;
    }""")


def test_every_corpus_page_loads_only_from_the_server(page, dev_url):
    stories = api(page, dev_url + "/api/stories")
    report = api(page, dev_url + "/api/reports?limit=1")["reports"][0]
    outlet = api(page, dev_url + "/api/outlets")[0]["name"]
    pages = ["/", "/entities", "/stories", f"/stories/{stories[0]['id']}", "/graph", "/outlets", f"/outlets/{outlet}",
             "/entities/gpe:ye", f"/reports/{report['id']}", "/search?q=اليمن", "/analyze", "/docs"]
    elsewhere = []
    page.on("request", lambda r: None if r.url.startswith((dev_url, "data:", "blob:")) else elsewhere.append(r.url))
    for path in pages:
        response = page.goto(dev_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        # every script, style sheet, image and icon named by the page is the server's own
        refs = page.evaluate("""() => Array.from(document.querySelectorAll("[src], link[href]"))
                                      .map(e => e.getAttribute("src") || e.getAttribute("href"))""")
        assert all(not re.match(r"^([a-z]+:)?//", ref) for ref in refs), (path, refs)
    assert elsewhere == []
    assert page.locator(".swagger-ui .opblock").count() > 10  # /docs was drawn from the local files
    for asset in ("naba.js", "graph.js", "style.css"):
        text = page.request.get(f"{dev_url}/static/{asset}").text()
        hosts = set(re.findall(r"https?://([^/\"' )]+)", text)) - {"www.w3.org"}  # the SVG namespace, not a host
        assert hosts == set(), (asset, hosts)


def test_home_is_newest_first_to_the_second(page, dev_url):
    page.goto(dev_url + "/")
    twin = api(page, dev_url + "/api/reports?limit=30")["reports"]
    stamps = [r["published"] for r in twin]
    assert stamps == sorted(stamps, reverse=True) and len(set(s[:10] for s in stamps)) < len(stamps)  # same days, ordered by time
    shown = page.locator("section.primary ul.reports > li > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert shown == [f"/reports/{r['id']}" for r in twin]
    assert latin_outside_isolation(page) == []  # "Islamic ,United States" is gone
    rows, data = downloads_of(page, dev_url)
    assert [r["id"] for r in rows] == [r["id"] for r in twin] == [r["id"] for r in data]


def test_entities_list_filters_search_and_downloads(page, dev_url):
    page.goto(dev_url + "/entities")
    twin = api(page, dev_url + "/api/entities")
    assert int(page.inner_text("#entity-total")) == twin["total"] > 500
    ids = page.locator("tr.entity-row").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert ids == [e["id"] for e in twin["entities"]]
    counts = [e["mention_count"] for e in twin["entities"]]
    assert counts == sorted(counts, reverse=True)
    assert latin_outside_isolation(page) == []
    shoot(page, "entities.png")
    rows, data = downloads_of(page, dev_url)
    assert [r["id"] for r in rows] == ids and data == twin["entities"]
    assert {"type", "mention_count", "report_count", "name_ar", "name_en"} <= set(rows[0])

    # by Arabic name with a clitic, and by English name; filtered by type
    page.fill('form.filters input[name="q"]', "لإيران")
    page.select_option('form.filters select[name="type"]', "GPE")
    page.click("form.filters button")
    page.wait_for_url("**/entities?q=*")
    assert page.locator("tr.entity-row").first.get_attribute("data-id") == "gpe:ir"
    assert set(page.locator("tr.entity-row .key").all_inner_texts()) == {"دول ومدن"}
    page.goto(dev_url + "/entities?q=yemen")
    assert "gpe:ye" in page.locator("tr.entity-row").evaluate_all("rows => rows.map(r => r.dataset.id)")


def test_stories_list_and_story_page(page, dev_url):
    page.goto(dev_url + "/stories")
    twin = api(page, dev_url + "/api/stories?limit=100")
    assert page.locator("li.story").count() == len(twin) > 3
    assert max(s["size"] for s in twin) <= 8  # no chained 22-report "story"
    assert latin_outside_isolation(page) == []
    shoot(page, "stories.png")
    rows, data = downloads_of(page, dev_url)
    assert [r["id"] for r in rows] == [s["id"] for s in twin] == [s["id"] for s in data]
    page.click("li.story >> nth=0 >> a")
    page.wait_for_url("**/stories/*")
    story = api(page, dev_url + "/api/stories/" + page.url.rsplit("/", 1)[1])
    shown = page.locator("ul.reports > li > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert shown == [f"/reports/{r['id']}" for r in story["reports"]] and len(shown) == twin[0]["size"]
    rows, _ = downloads_of(page, dev_url)
    assert [r["id"] for r in rows] == [r["id"] for r in story["reports"]]
    shoot(page, "story.png")


def test_graph_with_filters(page, dev_url):
    page.goto(dev_url + "/graph")
    twin = api(page, dev_url + "/api/graph?max_edges=80")
    page.wait_for_selector("svg#graph g.node")
    assert page.locator("svg#graph g.node").count() == len(twin["nodes"])
    assert page.locator("tr.edge-row").count() == len(twin["edges"])
    shoot(page, "graph.png")
    page.select_option('select[name="quad"]', "material-conflict")
    page.click("form.filters button")
    page.wait_for_url("**quad=material-conflict**")
    conflict = api(page, dev_url + "/api/graph?quad=material-conflict&max_edges=80")
    assert {e["type"] for e in conflict["edges"]} <= {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert page.locator("tr.edge-row").count() == len(conflict["edges"]) > 0
    rows, data = downloads_of(page, dev_url)
    assert [(r["source"], r["target"], r["type"]) for r in rows] == [(e["source"], e["target"], e["type"]) for e in conflict["edges"]]
    page.goto(dev_url + "/graph?entity=اليمن&type=ORG")
    yemen = api(page, dev_url + "/api/graph?entity=gpe:ye&type=ORG&max_edges=80")
    assert yemen["edges"] and all("gpe:ye" in (e["source"], e["target"]) for e in yemen["edges"])
    assert page.locator("tr.edge-row").count() == len(yemen["edges"])


def test_outlet_page_volume_and_sourcing_over_time(page, dev_url):
    page.goto(dev_url + "/outlets")
    outlets = api(page, dev_url + "/api/outlets")
    assert page.locator("tr.outlet-row").count() == len(outlets) > 5
    page.click("tr.outlet-row >> nth=0 >> a")
    page.wait_for_url("**/outlets/*")
    twin = api(page, dev_url + f"/api/outlets/{outlets[0]['name']}")
    profile = twin["profile"]
    assert profile["reports"] == outlets[0]["reports"]
    assert sum(p["reports"] for p in profile["periods"]) == profile["reports"]
    assert page.locator("tr.period").evaluate_all("rows => rows.map(r => r.dataset.period)") == [p["period"] for p in profile["periods"]]
    assert page.locator("svg.volume g.bar").count() == len(profile["periods"])
    for p in profile["periods"]:
        if p["attributed_chars"]:
            assert p["unnamed_share"] == round(p["unnamed_chars"] / p["attributed_chars"], 3)
    rows, data = downloads_of(page, dev_url)
    assert [r["period"] for r in rows] == [p["period"] for p in profile["periods"]] and data == profile["periods"]
    shoot(page, "outlet.png")


def test_entity_page_has_its_sourcing_profile(page, dev_url):
    page.goto(dev_url + "/entities/gpe:ye")
    profile = api(page, dev_url + "/api/entities/gpe:ye/sourcing")
    assert profile["reports"] == len(api(page, dev_url + "/api/entities/gpe:ye")["entity"]["report_ids"])
    assert page.locator("#entity-sourcing tr.period").count() == len(profile["periods"]) > 1
    assert page.locator(".timeline-item").count() > 3
    assert latin_outside_isolation(page) == []
    shoot(page, "entity-yemen.png")


def test_search_total_facets_boolean_sort_and_errors(page, dev_url):
    page.goto(dev_url + "/search?q=اليمن")
    twin = api(page, dev_url + "/api/search?q=اليمن")
    assert int(page.inner_text("#hit-total")) == twin["total"] > 20
    assert {"outlet", "date", "event_type", "status", "speaker_kind", "entity"} <= set(twin["facets"])
    assert sum(v["count"] for v in twin["facets"]["outlet"]) <= twin["total"]
    shoot(page, "search-facets.png")
    # a facet value narrows the hits to exactly its count
    outlet = twin["facets"]["outlet"][0]
    page.click(f'#facet-outlet a[data-value="{outlet["value"]}"]')
    page.wait_for_url("**outlet=**")
    assert int(page.inner_text("#hit-total")) == outlet["count"]
    assert all(h["outlet"] == outlet["value"] for h in api(page, dev_url + f"/api/search?q=اليمن&outlet={outlet['value']}&limit=100")["hits"])
    # OR widens, NOT narrows, a phrase keeps its words together
    yemen, syria = twin["total"], api(page, dev_url + "/api/search?q=سوريا")["total"]
    either = api(page, dev_url + "/api/search?q=اليمن OR سوريا")["total"]
    both = api(page, dev_url + "/api/search?q=اليمن سوريا")["total"]
    without = api(page, dev_url + "/api/search?q=اليمن -سوريا")["total"]
    assert either == yemen + syria - both and without == yemen - both and both > 0
    phrase = api(page, dev_url + '/api/search?q="الملك سلمان"')["total"]
    assert 0 < phrase <= api(page, dev_url + "/api/search?q=الملك سلمان")["total"]
    # newest first by the full timestamp
    newest = api(page, dev_url + "/api/search?q=اليمن&sort=newest&limit=50")["hits"]
    stamps = [h["published"] for h in newest]
    assert stamps == sorted(stamps, reverse=True)
    page.goto(dev_url + "/search?q=اليمن&sort=newest")
    shown = page.locator("ol.hits li.hit > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert shown == [f"/reports/{h['id']}" for h in newest[:20]]
    rows, data = downloads_of(page, dev_url)
    assert [r["id"] for r in rows] == [h["id"] for h in newest[:20]] == [h["id"] for h in data]
    # syntax the parser cannot read is a 400 that says why, on the page and in the API
    response = page.goto(dev_url + '/search?q="اليمن')
    assert response.status == 400 and "quotation mark" in page.inner_text("main")
    for bad in ("(اليمن", "اليمن OR", "NOT اليمن", "-اليمن"):
        answer = page.request.get(dev_url + "/api/search", params={"q": bad})
        assert answer.status == 400 and answer.json()["detail"].startswith("q: "), bad


def test_phone_width_has_no_sideways_scroll(phone, dev_url):
    report = api(phone, dev_url + "/api/reports?limit=1")["reports"][0]
    for path in ("/", "/entities", "/stories", "/graph", "/outlets", "/outlets/alriyadh", "/entities/gpe:ye",
                 f"/reports/{report['id']}", "/search?q=اليمن"):
        phone.goto(dev_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide at 390"
        name = "phone-" + (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home") + ".png"
        if path in ("/", "/entities", f"/reports/{report['id']}", "/search?q=اليمن", "/outlets/alriyadh"):
            shoot(phone, name.replace(report["id"], "report"))


def test_keyboard_walks_the_highlights_with_visible_focus(page, dev_url):
    report = max(api(page, dev_url + "/api/reports?limit=50")["reports"], key=lambda r: r["attributions"])
    page.goto(dev_url + f"/reports/{report['id']}")
    assert latin_outside_isolation(page) == []
    page.locator("body").click(position={"x": 5, "y": 5})
    visited = []
    for _ in range(4):
        page.keyboard.press("n")
        visited.append(page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return [e.matches('#report-text .hl'), s.outlineStyle, parseFloat(s.outlineWidth), e.getBoundingClientRect().top, e.textContent]; }"""))
    assert all(v[0] for v in visited), visited
    assert all(v[1] != "none" and v[2] >= 2 for v in visited)  # the focus ring is visible
    assert len({(v[3], v[4]) for v in visited}) == 4  # four different highlights, in reading order
    assert page.is_visible("#tip")  # the focused highlight shows its tooltip
    assert page.inner_text("#tip") == page.evaluate("document.activeElement.dataset.tip")
    # every highlight the keyboard can reach (quotations too) has something to say
    assert page.locator("#report-text .hl:not([data-tip]), #report-text .hl[data-tip='']").count() == 0
    shoot(page, "keyboard-focus.png")
    page.keyboard.press("p")
    back = page.evaluate("document.activeElement.textContent")
    assert back == visited[2][4]
    # a hidden layer is skipped
    page.uncheck('input[data-toggle="entities"]')
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(6):
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.dataset.layer") != "entities"
