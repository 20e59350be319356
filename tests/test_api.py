"""The HTTP API and server-rendered pages through FastAPI's client, plus schemathesis over the OpenAPI.

Reports are our own texts with every layer filled by hand (tests/serve_reports.py), so the pages
are checked against known entities, times, attributions and events whatever the models find.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import schemathesis
from schemathesis.checks import positive_data_acceptance
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naba.corpus import Store
from naba.serve import create_app
from naba.serve.highlight import Mark, highlight, report_marks
from serve_reports import ACCORDS_TEXT, XSS_TEXT, accords_report, xss_report


@pytest.fixture(scope="module")
def app(tmp_path_factory, pipeline):
    db = str(tmp_path_factory.mktemp("api") / "naba.db")
    with Store.open(db) as store:
        store.add([accords_report(), xss_report()])
    return create_app(db, pipeline=pipeline, max_body=64 * 1024)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# ---- highlighting --------------------------------------------------------------------------

class Checker(HTMLParser):
    """Collects the text and fails on any element closed out of order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Checker:
    checker = Checker()
    checker.feed(fragment)
    checker.close()
    return checker


def test_overlapping_spans_are_split_into_well_nested_html():
    text = "ألف باء جيم دال"
    marks = [Mark(0, 7, "entities", "a"), Mark(4, 11, "times", "b"), Mark(4, 15, "attributions", "c"), Mark(8, 11, "events", "d")]
    html = str(highlight(text, marks))
    checked = parse(html)
    assert checked.errors == [] and checked.stack == []
    assert "".join(checked.text) == text
    # "a" ends inside "c" and "b": they are closed with it and reopened as continuations
    assert html == (
        '<span class="a" data-layer="entities">ألف <span class="c" data-layer="attributions">'
        '<span class="b" data-layer="times">باء</span></span></span>'
        '<span class="c cont" data-layer="attributions"><span class="b cont" data-layer="times"> '
        '<span class="d" data-layer="events">جيم</span></span> دال</span>'
    )


class Coverage(HTMLParser):
    """For each element carrying data-i, the text inside it (all of its pieces joined)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.covered = [], {}

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get("data-i"))

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        for key in set(self.stack) - {None}:
            self.covered[key] = self.covered.get(key, "") + data


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(["entities", "times", "attributions", "events"])),
                max_size=12))
@settings(max_examples=60, deadline=None)
def test_any_overlap_nests_and_every_span_covers_exactly_its_text(spans):
    text = "قال <المسؤول> إن الاتفاق & الزيارة «ستتم» يوم الخميس"
    marks = [Mark(start, min(start + length, len(text)), layer, "hl", (("data-i", str(i)),))
             for i, (start, length, layer) in enumerate(spans) if start < len(text)]
    html = str(highlight(text, marks))
    checked = parse(html)
    assert checked.errors == [] and checked.stack == [] and "".join(checked.text) == text
    coverage = Coverage()
    coverage.feed(html)
    for mark in marks:
        assert coverage.covered.get(mark.attrs[0][1]) == text[mark.start:mark.end]


def test_every_layer_of_a_report_is_highlighted_and_the_text_is_unchanged():
    report = accords_report()
    html = str(highlight(report.text, report_marks(report, lambda e: f"/entities/{e.kb}")))
    checked = parse(html)
    assert checked.errors == [] and "".join(checked.text) == ACCORDS_TEXT
    for needle in ('class="hl ent ent-PERSON"', 'class="hl time"', 'data-tip="2025-11-06"', "speaker-anonymous",
                   'data-badge="مجهول"', 'class="hl trigger"', 'href="/entities/gpe:kz"'):
        assert needle in html
    # the speaker span holds an entity link: nested, not crossed
    assert re.search(r'<span class="hl speaker speaker-named"[^>]*>الرئيس الأمريكي <a [^>]*>دونالد ترامب</a></span>', html)


def test_report_text_with_markup_is_escaped():
    report = xss_report()
    html = str(highlight(report.text, report_marks(report, lambda e: "/entities/x")))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "".join(parse(html).text) == XSS_TEXT


# ---- JSON API ------------------------------------------------------------------------------

def test_report_list_and_report(client):
    listing = client.get("/api/reports", params={"limit": 10}).json()
    assert listing["total"] == 2 and {r["id"] for r in listing["reports"]} == {"web-accords", "web-xss"}
    report = client.get("/api/reports/web-accords").json()
    assert report["schema"] == "naba.report/1" and report["text"] == ACCORDS_TEXT
    assert [e["type"] for e in report["events"]] == ["AGREE", "CONSULT"]


def test_unknown_ids_are_404_with_a_reason(client):
    response = client.get("/api/reports/nope")
    assert response.status_code == 404 and "nope" in response.json()["detail"]
    assert client.get("/api/entities/per:nobody").status_code == 404
    assert client.get("/api/entities/per:nobody/timeline").status_code == 404


def test_bad_query_parameters_get_a_422_with_the_reason(client):
    response = client.get("/api/reports", params={"limit": 0})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "limit"]
    assert client.get("/api/search", params={"q": "x", "date_from": "yesterday"}).status_code == 422
    assert client.get("/api/search", params={"q": "   "}).status_code == 422


def test_search_folds_clitics_and_finds_the_entity(client):
    results = client.get("/api/search", params={"q": "لنتنياهو"}).json()
    assert [hit["id"] for hit in results["hits"]] == ["web-accords"]
    hit = results["hits"][0]
    assert [hit["snippet"][start:end] for start, end in hit["marks"]] == ["نتنياهو"]  # plain text and match offsets
    assert "<mark>" not in hit["snippet"] and hit["snippet_text"] == hit["snippet"]  # snippet_text: the old plain field
    assert results["entities"][0]["id"] == "per:benjamin-netanyahu"


def test_snippets_are_marked_on_the_page_and_their_markup_escaped(client):
    # the API hands out the report's text as it is (JSON, not HTML) with the offsets of the matches
    hit = client.get("/api/search", params={"q": "شيء"}).json()["hits"][0]
    assert hit["id"] == "web-xss" and "<b>كل شيء</b>" in hit["snippet"] and 'onerror="document.title' in hit["snippet"]
    assert [hit["snippet"][start:end] for start, end in hit["marks"]] == ["شيء"]
    # the page wraps the match in <mark> and escapes everything else, tags that look like ours included
    page = client.get("/search", params={"q": "شيء"}).text
    assert "&lt;b&gt;كل <mark>شيء</mark>&lt;/b&gt;" in page
    assert "<b>كل" not in page and 'onerror="document.title' not in page and "onerror=&#34;document.title" in page
    assert "<mark>نتنياهو</mark>" in client.get("/search", params={"q": "لنتنياهو"}).text


def test_entity_timeline_and_graph(client):
    entity = client.get("/api/entities/gpe:kz").json()
    assert entity["entity"]["name_en"] == "Kazakhstan" and [r["id"] for r in entity["reports"]] == ["web-accords"]
    timeline = client.get("/api/entities/gpe:kz/timeline").json()
    assert [(i["type"], i["date"], i["target"]) for i in timeline] == [("AGREE", "2025-11-06", "agr:abraham-accords")]
    graph = client.get("/api/graph", params={"entity": "per:donald-trump"}).json()
    assert [(e["source"], e["target"], e["type"]) for e in graph["edges"]] == [
        ("per:donald-trump", "per:benjamin-netanyahu", "CONSULT")]


def test_analyze_returns_a_report_without_storing_it(client):
    text = "قال وزير الخارجية السعودي إن المملكة ستستضيف القمة يوم الأحد المقبل."
    response = client.post("/api/analyze", json={"text": text, "published": "2025-11-07T10:00:00"})
    assert response.status_code == 200
    report = response.json()
    assert report["text"] == text and report["meta"]["published"] == "2025-11-07T10:00:00"
    assert client.get(f"/api/reports/{report['id']}").status_code == 404


def test_store_report_is_idempotent(client):
    text = "أعلنت الحكومة الأردنية اليوم عن خطة جديدة للطاقة الشمسية في مدينة العقبة."
    first = client.post("/api/reports", json={"text": text, "id": "jo-solar", "title": "خطة الطاقة"})
    assert first.status_code == 201 and first.json()["stored"] is True
    assert client.get("/api/reports/jo-solar").json()["meta"]["title"] == "خطة الطاقة"
    again = client.post("/api/reports", json={"text": text, "id": "jo-solar"})
    assert again.json()["stored"] is False
    assert client.get("/reports/jo-solar").status_code == 200


def test_bad_bodies_are_4xx_with_a_reason(client):
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    response = client.post("/api/analyze", json={"text": "نص", "published": "next tuesday"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "published"]
    response = client.post("/api/analyze", json={"text": "نص", "published": "2025-02-30"})
    assert response.status_code == 422 and "published" in response.json()["detail"]
    response = client.post("/api/analyze", json={"text": " \n\t "})
    assert response.status_code == 422 and response.json()["detail"].startswith("text:")
    assert client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    assert client.post("/api/analyze", json={"text": "نص", "surprise": 1}).status_code == 422
    assert client.post("/api/reports", json={"text": "نص", "id": "../../etc/passwd"}).status_code == 422


def test_oversized_bodies_get_413(client):
    big = json.dumps({"text": "ا" * 70_000})
    response = client.post("/api/analyze", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "limit" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced on the bytes received
        for _ in range(40):
            yield b"x" * 4096

    response = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


# ---- pages ---------------------------------------------------------------------------------

def test_pages_render_the_same_data_as_their_twins(client):
    home = client.get("/")
    assert home.status_code == 200 and 'dir="rtl"' in home.text and "/reports/web-accords" in home.text
    page = client.get("/reports/web-accords").text
    assert 'href="/api/reports/web-accords"' in page
    twin = client.get("/api/reports/web-accords").json()
    for entity in twin["entities"]:  # every entity of the twin in the panel, every mention in the text
        assert f'<li class="entity-item" data-entity="{entity["id"]}">' in page
        assert page.count(f'data-entity="{entity["id"]}" href=') == len(entity["mentions"])
    for time in twin["times"]:
        assert f'data-value="{time["value"]}"' in page
    assert 'title="Kazakhstan -AGREE/join-&gt; Abraham Accords · announced"' in page
    assert "<bdi>Kazakhstan</bdi> -AGREE/join-&gt; <bdi>Abraham Accords</bdi> · announced" in page
    assert 'class="sourcing-chart"' in page and 'data-kind="anonymous" data-count="1"' in page
    entity = client.get("/entities/gpe:kz").text
    assert "Kazakhstan" in entity and "timeline-item" in entity and "2025-11-06" in entity
    search = client.get("/search", params={"q": "لإسرائيل ونتنياهو"}).text
    assert 'href="/reports/web-accords"' not in search  # every word must match: إسرائيل is not in the report
    search = client.get("/search", params={"q": "ونتنياهو"}).text
    assert 'href="/reports/web-accords"' in search and "<mark>نتنياهو</mark>" in search
    search = client.get("/search", params={"q": "ونتنياهو", "date_from": "2025-11-08"}).text
    assert 'href="/reports/web-accords"' not in search  # published on the 7th
    search = client.get("/search", params={"q": "ونتنياهو", "entity": "كازاخستان", "date_to": ""}).text
    assert 'href="/reports/web-accords"' in search


def test_analyze_page_shows_a_text_without_storing_it(client):
    text = "قال الرئيس الأمريكي دونالد ترامب للصحفيين في واشنطن إن المحادثات كانت مثمرة."
    before = client.get("/api/reports").json()["total"]
    response = client.post("/analyze", data={"text": text, "published": "2025-11-07T10:00"})
    assert response.status_code == 200 and 'id="report-text"' in response.text
    assert 'data-tip="Donald Trump · per:donald-trump · PERSON"' in response.text
    assert client.get("/api/reports").json()["total"] == before
    assert client.post("/analyze", data={"text": ""}).status_code == 400


def test_serve_command_reports_an_unreachable_store_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from naba.cli import _register, app as cli

    _register()
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing" / "dir" / "naba.db")])
    assert result.exit_code == 2 and "cannot open the corpus store" in result.output and "Traceback" not in result.output


def test_pages_escape_report_markup(client):
    page = client.get("/reports/web-xss").text
    assert "<script>document" not in page and "<img src=x" not in page and "<b>" not in page
    assert "&lt;script&gt;document.title" in page


def test_error_pages_are_html_without_tracebacks(client):
    response = client.get("/reports/does-not-exist")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "does-not-exist" in response.text and "Traceback" not in response.text
    response = client.get("/", params={"offset": -1})
    assert response.status_code == 400 and "offset" in response.text


# ---- schemathesis over the OpenAPI ---------------------------------------------------------

def test_api_conforms_to_its_openapi(app):
    """Every operation, a few generated requests each (the machine is small): no 5xx, responses as documented."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            # Schema-valid input may still be refused with a reason (text with no words in it, a
            # published date like 2025-02-30), so "positive data acceptance" is not asked for.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
    assert "POST /api/analyze" in labels and "GET /api/entities/{entity_id}/timeline" in labels


def test_the_same_pages_over_postgresql(postgres_database, pipeline):
    """A team's PostgreSQL store serves the same pages and twins as the default SQLite file."""
    url = postgres_database()
    with Store.open(url) as store:
        store.add([accords_report(), xss_report()])
    with TestClient(create_app(url, pipeline=pipeline), raise_server_exceptions=False) as client:
        assert client.get("/api/reports").json()["total"] == 2
        page = client.get("/reports/web-accords").text
        assert 'class="sourcing-chart"' in page and 'data-tip="2025-11-06"' in page
        assert [h["id"] for h in client.get("/api/search", params={"q": "لنتنياهو"}).json()["hits"]] == ["web-accords"]
        assert "timeline-item" in client.get("/entities/gpe:kz").text
        assert client.post("/api/reports", json={"text": "افتتحت الحكومة الأردنية اليوم مشروعا جديدا في العقبة.", "id": "pg-1"}).status_code == 201
        assert client.get("/api/reports/pg-1").status_code == 200
        # the browsing pages and their twins over PostgreSQL too
        found = client.get("/api/search", params={"q": "(ترامب OR كازاخستان) -نتنياهو"}).json()
        assert found["total"] == 0 and client.get("/api/search", params={"q": "ترامب OR كازاخستان"}).json()["total"] == 1
        assert client.get("/api/search", params={"q": '"(ترامب'}).status_code == 400
        assert [e["id"] for e in client.get("/api/entities", params={"q": "trump"}).json()["entities"]] == ["per:donald-trump"]
        assert client.get("/api/entities/per:donald-trump/sourcing").json()["attributions"] == 2
        assert client.get("/api/graph", params={"quad": "verbal-cooperation"}).json()["edges"]
        for path in ("/entities", "/stories", "/graph", "/outlets", "/outlets/naba-tests", "/search?q=ترامب"):
            assert client.get(path).status_code == 200, path


# ---- browsing: entity list, search facets and syntax, sourcing, downloads, docs ----------------

def test_search_has_a_total_facets_and_boolean_operators(client):
    data = client.get("/api/search", params={"q": "ترامب"}).json()
    assert data["total"] == 1 and [h["id"] for h in data["hits"]] == ["web-accords"]
    assert {"outlet", "date", "event_type", "status", "speaker_kind", "entity"} <= set(data["facets"])
    assert {(v["value"], v["count"]) for v in data["facets"]["speaker_kind"]} == {("named", 1), ("anonymous", 1)}
    assert ("CONSULT", 1) in {(v["value"], v["count"]) for v in data["facets"]["event_type"]}
    assert client.get("/api/search", params={"q": "ترامب -نتنياهو"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "ترامب OR تجريبي"}).json()["total"] == 2
    assert client.get("/api/search", params={"q": '"ترامب سيلتقي"'}).json()["total"] == 1
    assert client.get("/api/search", params={"q": '"سيلتقي ترامب"'}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "ترامب", "speaker_kind": "group"}).json()["total"] == 0
    newest = client.get("/api/search", params={"q": "تجريبي OR ترامب", "sort": "newest"}).json()["hits"]
    assert [h["id"] for h in newest] == ["web-xss", "web-accords"]  # 2025-11-08T10:00 after 2025-11-07T01:34


@pytest.mark.parametrize("query, reason", [
    ('"ترامب', "quotation mark"), ("(ترامب", "bracket"), ("ترامب)", "bracket"), ("ترامب OR", "OR"),
    ("NOT ترامب", "only NOT"), ("-ترامب", "only NOT"), ("()", "bracket"), ("OR ترامب", "OR"),
])
def test_search_syntax_it_cannot_read_is_a_400_that_says_why(client, query, reason):
    for path in ("/api/search", "/search"):
        response = client.get(path, params={"q": query})
        assert response.status_code == 400, (path, query)
        assert reason in (response.json()["detail"] if path.startswith("/api") else response.text), (path, query)


def test_entity_list_by_arabic_or_english_name_with_counts(client):
    data = client.get("/api/entities").json()
    assert data["total"] >= 7 and data["types"]["PERSON"] >= 2  # other tests of this module store reports too
    trump = next(e for e in data["entities"] if e["id"] == "per:donald-trump")
    assert (trump["mention_count"], trump["report_count"], trump["type"]) == (2, 1, "PERSON")
    for q in ("لترامب", "trump", "TRUMP", "Donald"):
        assert [e["id"] for e in client.get("/api/entities", params={"q": q}).json()["entities"]] == ["per:donald-trump"], q
    assert {e["type"] for e in client.get("/api/entities", params={"type": "GPE"}).json()["entities"]} == {"GPE"}
    page = client.get("/entities", params={"q": "trump"}).text
    assert 'data-id="per:donald-trump"' in page and 'data-id="gpe:kz"' not in page


def test_downloads_are_exactly_the_rows_shown(client):
    import csv as csv_module
    import io

    response = client.get("/entities", params={"type": "PERSON", "download": "csv"})
    assert response.headers["content-disposition"] == 'attachment; filename="entities.csv"'
    rows = list(csv_module.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [e["id"] for e in client.get("/api/entities", params={"type": "PERSON"}).json()["entities"]]
    assert rows[0]["name_ar"] and rows[0]["mention_count"].isdigit()
    hits = client.get("/search", params={"q": "ترامب OR تجريبي", "download": "json"}).json()
    assert sorted(h["id"] for h in hits) == ["web-accords", "web-xss"] and "<mark>" not in hits[0]["snippet"]
    assert client.get("/", params={"download": "xml"}).status_code == 400


def test_sourcing_profile_counts_characters_of_unnamed_sources(client):
    report = accords_report()
    named, anonymous = report.attributions
    profile = client.get("/api/outlets/naba-tests").json()["profile"]
    (period,) = profile["periods"]
    assert period["attributed_chars"] == len(named.content.text) + len(anonymous.content.text)
    assert period["unnamed_chars"] == len(anonymous.content.text)
    assert period["kinds"]["named"] == 1 and period["kinds"]["anonymous"] == 1
    assert profile["unnamed_share"] == round(len(anonymous.content.text) / period["attributed_chars"], 3)
    entity = client.get("/api/entities/per:donald-trump/sourcing", params={"bucket": "day"}).json()
    assert entity["periods"][0]["period"] == "2025-11-07" and entity["unnamed_share"] == profile["unnamed_share"]
    assert client.get("/api/outlets/nowhere").status_code == 404


def test_pages_name_no_other_host(client):
    """No page names a script, style sheet, image or icon on another host, and /docs is drawn from
    files the server ships (Swagger UI from a Python package), not a CDN."""
    import re

    pages = ["/", "/entities", "/stories", "/graph", "/outlets", "/outlets/naba-tests", "/entities/per:donald-trump",
             "/reports/web-accords", "/search?q=ترامب", "/analyze", "/docs"]
    for path in pages:
        html = client.get(path).text
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html) + re.findall(r"""(?:Url|url)\s*:\s*["']([^"']+)""", html)
        outside = [r for r in refs if re.match(r"^([a-z]+:)?//", r) and 'rel="nofollow' not in html.split(r, 1)[0][-200:]]
        assert outside == [], (path, outside)
    docs = client.get("/docs").text
    for asset in re.findall(r"""["'](/swagger-ui/[^"']+)""", docs):
        assert client.get(asset).status_code == 200, asset


def test_timeline_chart_keeps_the_bulk_on_the_axis_and_notes_outliers():
    from naba.corpus import TimelineItem
    from naba.serve.views import timeline_chart

    items = [TimelineItem(date=f"2025-11-{d:02d}", sort_date=f"2025-11-{d:02d}", type="CONSULT") for d in range(1, 21)]
    items.append(TimelineItem(date="2030", sort_date="2030", type="AGREE"))
    chart = timeline_chart(items)
    assert (chart["first"], chart["last"]) == ("2025-11-01", "2025-11-20")
    assert [o["day"] for o in chart["outliers"]] == ["2030"]
    xs = [p["x"] for p in chart["points"]]
    assert len(xs) == 20 and max(xs) - min(xs) > 0.8 * chart["width"]  # the 20 November events spread over the axis


def test_pages_name_an_outlet_the_kb_knows_and_keep_its_code(tmp_path, pipeline):
    report = accords_report()
    report = report.model_copy(update={"id": "web-okaz", "meta": report.meta.model_copy(update={"outlet": "okaz"})})
    db = str(tmp_path / "naba.db")
    with Store.open(db) as store:
        store.add([report, accords_report()])
    with TestClient(create_app(db, pipeline=pipeline)) as client:
        listing, outlets = client.get("/").text, client.get("/outlets").text
        page, unknown = client.get("/outlets/okaz").text, client.get("/outlets/naba-tests").text
    assert '<bdi title="okaz">عكاظ</bdi>' in listing and '<bdi title="okaz">عكاظ</bdi>' in outlets
    assert "<bdi>عكاظ</bdi>" in page and ">okaz</code>" in page
    assert "<bdi>naba-tests</bdi>" in unknown  # an outlet the KB does not know keeps its code
