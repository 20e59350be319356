"""The corpus store, the same suite against SQLite and a real PostgreSQL server.

Hand-written reports (texts written for these tests) check search, near-duplicates, stories,
timelines, the graph and exports exactly; the 200 dev articles (read from ../shared) check ingest
through the CLI, killed half-way and resumed, and search against a brute-force scan.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from naba.cli import _register, app
from naba.corpus import Store
from naba.corpus.export import export
from naba.corpus.gdelt import NOT_EVENTS
from naba.corpus.schema import SCHEMA_VERSION, SchemaTooNew, schema_version
from naba.record import Attribution, Document, Entity, Event, Meta, Report, Span, TimeValue
from naba.text.normalise import normalise_text

REPO = Path(__file__).resolve().parents[1]
NABA = [sys.executable, "-m", "naba"]  # the interpreter running the tests, whatever its environment
_register()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "naba.db")
    return request.getfixturevalue("postgres_database")()


# ---- hand-written reports -----------------------------------------------------------------

def spans(text: str, surface: str) -> list[Span]:
    return [Span.of(text, m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]


def entity(text, local, kind, surfaces, name_ar=None, name_en=None, kb=None) -> Entity:
    mentions = [s for surface in surfaces for s in spans(text, surface)]
    assert mentions, surfaces
    return Entity(id=local, type=kind, name_ar=name_ar, name_en=name_en, kb=kb, mentions=mentions)


def report(rid, text, published, title, entities=(), times=(), events=(), outlet="test-outlet", attributions=()) -> Report:
    return Report(id=rid, meta=Meta(title=title, published=published, outlet=outlet, url=f"https://example.org/{rid}"),
                  text=text, entities=list(entities), times=list(times), events=list(events), attributions=list(attributions))


def event(text, trigger, kind, cameo, actor=None, target=None, time=None, status="happened") -> Event:
    (span,) = spans(text, trigger)[:1]
    return Event(trigger=span, type=kind, cameo=cameo, actor=actor, target=target, time=time, status=status, evidence=[span])


def time_value(text, surface, value) -> TimeValue:
    span = spans(text, surface)[0]
    return TimeValue(start=span.start, end=span.end, text=span.text, value=value)


A = ("قال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الاتفاق النووي مع إيران خطأ تاريخي. "
     "وأضاف أن حكومته ستعمل على إفشاله في الكونغرس خلال الأسابيع المقبلة.")
B = ("التقى وزير الدفاع الأمريكي أشتون كارتر ونتنياهو في القدس يوم الثلاثاء، "
     "وبحثا بالاتفاق النوويّ الذي وقعته القوى الكبرى مع طهران.")
C = ("وجّهت الصحف انتقادات لنتنياهو في ١٤ تموز بسبب موقفه من الاتفاق مع القوى الكبرى "
     "ومن الملف النووي عموما.")
D = "أعلنت المملكة العربية السعوديه افتتاح مستشفي جديد في عام ٢٠١٥ بتكلفة ٣٠٠ مليون ريال."
E = "افتتحت السعودية مستشفى للأطفال في الرياض عام 2015 بعد سنوات من العمل."
F = "الرياض - وكالات: " + A  # the same wire story re-posted with a dateline
G = "اجتمع كارتر مع نتنياهو الثلاثاء لبحث أمن المنطقة."


def handmade() -> list[Report]:
    net = lambda text, surfaces: entity(text, "e1", "PERSON", surfaces, "بنيامين نتنياهو", "Benjamin Netanyahu", "Q43723")
    carter = lambda text, surfaces: entity(text, "e2", "PERSON", surfaces, "أشتون كارتر", "Ashton Carter")
    iran = lambda text, surfaces: entity(text, "e3", "GPE", surfaces, "إيران", "Iran", "IR")
    return [
        report("r-a", A, "2015-07-15T09:00:00", "نتنياهو يهاجم الاتفاق",
               [net(A, ["بنيامين نتنياهو"]), iran(A, ["إيران"])],
               events=[event(A, "إفشاله", "REJECT", "120", "e1", "e3", status="planned")],
               attributions=[Attribution(cue=spans(A, "قال")[0], speaker=spans(A, "بنيامين نتنياهو")[0], speaker_kind="named",
                                         speaker_entity="e1", content=spans(A, "الاتفاق النووي مع إيران خطأ تاريخي")[0])]),
        report("r-b", B, "2015-07-21T18:00:00", "كارتر يلتقي نتنياهو",
               [carter(B, ["أشتون كارتر"]), net(B, ["ونتنياهو"])], [time_value(B, "يوم الثلاثاء", "2015-07-21")],
               [event(B, "التقى", "CONSULT", "040", "e2", "e1", time=0)]),
        report("r-c", C, "2015-08-02T08:00:00", "انتقادات في الصحف", [],
               [time_value(C, "١٤ تموز", "2015-07-14")],
               [event(C, "انتقادات", "ACCUSE", "111", None, None, time=0)]),
        report("r-d", D, "2015-08-05T10:00:00", "مستشفى جديد"),
        report("r-e", E, "2015-08-06T10:00:00", "مستشفى الأطفال"),
        report("r-f", F, "2015-07-15T11:00:00", "نتنياهو: الاتفاق خطأ",
               [net(F, ["بنيامين نتنياهو"]), iran(F, ["إيران"])],
               events=[event(F, "إفشاله", "REJECT", "120", "e1", "e3", status="planned")], outlet="other-outlet"),
        report("r-g", G, "2015-07-22T07:00:00", "اجتماع",
               [carter(G, ["كارتر"]), net(G, ["نتنياهو"])], [time_value(G, "الثلاثاء", "2015-07-21")],
               [event(G, "اجتمع", "CONSULT", "040", "e2", "e1", time=0)]),
    ]


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as opened:
        result = opened.add(handmade())
        assert result.stored == 7
        yield opened


def ids(hits) -> set[str]:
    return {hit.id for hit in hits}


# ---- storing ------------------------------------------------------------------------------

def test_add_is_idempotent_and_keeps_reports_whole(store):
    again = store.add(handmade())
    assert (again.stored, again.duplicates) == (0, 7)
    assert store.count_reports() == 7
    original = {r.id: r for r in handmade()}
    assert store.get("r-b") == original["r-b"]
    assert store.get("no-such-report") is None
    with store.engine.connect() as conn:  # the attribution table joins the speaker to the corpus entity
        from naba.corpus.schema import attributions

        assert conn.execute(attributions.select().with_only_columns(attributions.c.speaker, attributions.c.speaker_entity,
                                                                      attributions.c.content)).all() == [
            ("بنيامين نتنياهو", "Q43723", "الاتفاق النووي مع إيران خطأ تاريخي")]
    assert store.list_reports(limit=50)[-1].attributions == 1
    listed = store.list_reports(limit=3)
    assert [s.id for s in listed] == ["r-e", "r-d", "r-c"]  # newest first
    assert listed[2].events == 1 and listed[2].times == 1
    assert [s.id for s in store.list_reports(limit=2, offset=5)] == ["r-f", "r-a"]  # same day: later stored first


def test_schema_is_versioned(db_url):
    Store.open(db_url).close()
    store = Store.open(db_url)  # reopening migrates nothing and keeps the version
    with store.engine.begin() as conn:
        assert conn.execute(schema_version.select()).scalar_one() == SCHEMA_VERSION
        conn.execute(schema_version.update().values(version=99))
    store.close()
    with pytest.raises(SchemaTooNew):
        Store.open(db_url)


def test_a_version_1_database_is_upgraded_in_place(db_url):
    from sqlalchemy import create_engine, inspect, text

    from naba.corpus.schema import MIGRATIONS
    from naba.corpus.store import resolve_url

    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:  # a database as v1 left it: no affiliation columns
        MIGRATIONS[0](conn)
        for name in ("speaker_affiliation", "via_entity"):
            conn.execute(text(f"ALTER TABLE attributions DROP COLUMN {name}"))
        schema_version.create(conn, checkfirst=True)
        conn.execute(schema_version.insert().values(version=1))
        assert "speaker_affiliation" not in {c["name"] for c in inspect(conn).get_columns("attributions")}
    engine.dispose()
    with Store.open(db_url) as store:
        assert store.add(handmade()).stored == 7
        with store.engine.connect() as conn:
            assert conn.execute(schema_version.select()).scalar_one() == SCHEMA_VERSION
            columns = {c["name"] for c in inspect(conn).get_columns("attributions")}
            assert {"speaker_affiliation", "via_entity"} <= columns
            assert conn.execute(text("SELECT count(*) FROM reports")).scalar_one() == 7


# ---- search -------------------------------------------------------------------------------

def test_search_matches_clitics_and_spelling_variants(store):
    for query in ("نتنياهو", "لنتنياهو", "نَتَنْيَاهُو", "ونتنـياهو"):
        assert ids(store.search(query)) == {"r-a", "r-b", "r-c", "r-f", "r-g"}, query
    for query in ("السعودية", "السعوديه", "مستشفى", "مستشفي", "٢٠١٥", "2015"):
        assert ids(store.search(query)) == {"r-d", "r-e"}, query
    assert ids(store.search("ايران")) == {"r-a", "r-f"}
    assert ids(store.search("طهران")) == {"r-b"}


def test_phrase_search_keeps_words_together(store):
    assert ids(store.search('"الاتفاق النووي"')) == {"r-a", "r-b", "r-f"}  # بالاتفاق النوويّ in r-b
    assert ids(store.search("الاتفاق النووي")) == {"r-a", "r-b", "r-c", "r-f"}  # words anywhere
    assert store.search("") == [] and store.search("؟!") == []


def test_search_ranks_and_highlights(store):
    hits = store.search("لنتنياهو")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hit = next(h for h in hits if h.id == "r-c")
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["لنتنياهو"]
    assert "<" not in hit.snippet  # plain text: the markup is serve's and the CLI's business
    assert hit.title == "انتقادات في الصحف" and hit.published.startswith("2015-08-02")


def test_search_filters_by_date_and_entity(store):
    assert ids(store.search("نتنياهو", date_from="2015-07-20")) == {"r-b", "r-c", "r-g"}
    assert ids(store.search("نتنياهو", date_to="2015-07-20")) == {"r-a", "r-f"}
    assert ids(store.search("نتنياهو", entity="Ashton Carter")) == {"r-b", "r-g"}
    assert ids(store.search("نتنياهو", entity="Q43723")) == {"r-a", "r-b", "r-f", "r-g"}  # r-c has no entity layer
    assert store.search("نتنياهو", entity="no such entity") == []
    assert len(store.search("نتنياهو", limit=2)) == 2
    assert len(store.search("نتنياهو", limit=2, offset=4)) == 1


# ---- entities, near-duplicates, stories ------------------------------------------------------

def test_entities_are_joined_and_found_by_any_alias(store):
    (netanyahu,) = [e for e in store.find_entities("لنتنياهو") if e.id == "Q43723"]
    assert netanyahu.report_ids == ["r-a", "r-b", "r-f", "r-g"]
    assert netanyahu.mention_count == 4
    assert netanyahu.aliases == ["Benjamin Netanyahu", "بنيامين نتنياهو", "نتنياهو"]  # ونتنياهو shown without its clitic
    assert [e.id for e in store.find_entities("benjamin netanyahu")] == ["Q43723"]
    carter = store.find_entities("كارتر")[0]
    assert carter.name_en == "Ashton Carter" and carter.report_ids == ["r-b", "r-g"]  # joined by name: no KB id
    assert store.entity(carter.id) == carter
    assert store.entity("nothing") is None
    assert [s.id for s in store.reports_mentioning("IR")] == ["r-f", "r-a"]


def test_near_duplicates_link_to_the_first_report_and_form_a_story(store):
    summaries = {s.id: s for s in store.list_reports(limit=50)}
    assert summaries["r-f"].canonical_id == "r-a"
    assert all(summaries[i].canonical_id is None for i in summaries if i != "r-f")
    stories = store.stories()
    together = [s for s in stories if "r-a" in s.report_ids]
    assert len(together) == 1 and set(together[0].report_ids) >= {"r-a", "r-f"}
    assert "r-d" not in together[0].report_ids
    meeting = [s for s in stories if "r-b" in s.report_ids]  # the same CONSULT, Carter -> Netanyahu, a day apart
    assert len(meeting) == 1 and set(meeting[0].report_ids) == {"r-b", "r-g"}
    assert meeting[0].first_published.startswith("2015-07-21") and meeting[0].title == "كارتر يلتقي نتنياهو"
    assert all(s.size == len(s.report_ids) >= 2 for s in stories)


# ---- timeline and graph ----------------------------------------------------------------------

def test_timeline_orders_by_event_date_and_merges_retellings(store):
    items = store.timeline("Q43723")
    assert [(i.type, i.reports) for i in items] == [
        ("REJECT", ["r-a", "r-f"]),  # undated: placed at its first publication day, 2015-07-15
        ("CONSULT", ["r-b", "r-g"]),  # both reports date the meeting 2015-07-21
    ]
    reject, consult = items
    assert reject.date is None and reject.sort_date == "2015-07-15" and reject.status == "planned"
    assert consult.date == "2015-07-21" and consult.actor_name == "Ashton Carter"
    assert consult.target == "Q43723" and set(consult.evidence) == {"التقى", "اجتمع"}


def test_graph_counts_edges_by_plover_type(store):
    graph = store.graph()
    edges = {(e.source, e.target, e.type): e.count for e in graph.edges}
    carter = store.find_entities("كارتر")[0].id
    assert edges == {(carter, "Q43723", "CONSULT"): 2, ("Q43723", "IR", "REJECT"): 1}  # r-f is a near-duplicate
    assert {n.id for n in graph.nodes} == {carter, "Q43723", "IR"}
    only_iran = store.graph("IR")
    assert [(e.source, e.type) for e in only_iran.edges] == [("Q43723", "REJECT")]


# ---- exports ------------------------------------------------------------------------------

def _export(store, fmt) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


def test_exports(store, tmp_path):
    lines = _export(store, "jsonl").decode("utf-8").splitlines()
    assert [Report.from_json(line) for line in lines] == handmade()
    export(store, "csv", tmp_path / "csv")  # the five tables: tests/test_export.py checks them in full
    rows = list(csv.DictReader((tmp_path / "csv" / "reports.csv").open(encoding="utf-8", newline="")))
    assert [r["report_id"] for r in rows] == [r.id for r in handmade()]
    assert rows[5]["canonical_id"] == "r-a" and rows[0]["text"] == A
    export(store, "parquet", tmp_path / "parquet")
    table = pq.read_table(tmp_path / "parquet" / "reports.parquet")
    assert table.num_rows == 7 and table.column("title").to_pylist()[3] == "مستشفى جديد"
    events = list(csv.DictReader(io.StringIO(_export(store, "gdelt").decode("utf-8")), delimiter="\t"))
    assert len(events) == 5
    reject = events[0]
    assert (reject["Actor1Name"], reject["Actor2Name"], reject["Actor2CountryCode"]) == ("Benjamin Netanyahu", "Iran", "IRN")
    assert (reject["EventCode"], reject["EventRootCode"], reject["QuadClass"]) == ("120", "12", "3")
    assert reject["SQLDATE"] == "20150715" and reject["SOURCEURL"] == "https://example.org/r-a"
    accuse = next(e for e in events if e["ReportId"] == "r-c")
    assert accuse["SQLDATE"] == "20150714" and accuse["QuadClass"] == "3"


def test_cli_commands(store, db_url, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["search", "لنتنياهو", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]  # one JSON object: total, facets and hits
    assert {h["id"] for h in hits} == {"r-a", "r-b", "r-c", "r-f", "r-g"}
    assert all({"id", "score", "title", "snippet"} <= h.keys() for h in hits)
    result = runner.invoke(app, ["timeline", "نتنياهو", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["type"], e["date"], e["status"], e["reports"]) for e in events] == [
        ("REJECT", None, "planned", ["r-a", "r-f"]), ("CONSULT", "2015-07-21", "happened", ["r-b", "r-g"])]
    assert events[0]["actor"] == "Q43723" and events[0]["target"] == "IR"
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"graph.{fmt}"
        result = runner.invoke(app, ["graph", "--format", fmt, "--output", str(out), "--db", db_url])
        assert result.exit_code == 0, result.output
        g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    result = runner.invoke(app, ["graph", "--entity", "إيران", "--db", db_url])
    assert json.loads(result.stdout)["edges"][0]["type"] == "REJECT"
    result = runner.invoke(app, ["stories", "--json", "--db", db_url])
    assert any({"r-a", "r-f"} <= set(json.loads(line)["report_ids"]) for line in result.stdout.splitlines())
    result = runner.invoke(app, ["timeline", "لا أحد", "--db", db_url])
    assert result.exit_code == 1 and "no entity" in result.stderr


# ---- the 200 dev articles -----------------------------------------------------------------

def _ingest(url: str, path: Path) -> subprocess.Popen:
    command = [*NABA, "ingest", str(path), "--text-field", "content", "--layers", "text", "--batch-size", "5", "--db", url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def test_dev_ingest_killed_half_way_then_resumed_stores_each_article_once(db_url, dev_news_path, dev_articles):
    watcher = Store.open(db_url)  # creates the schema, then only counts
    process = _ingest(db_url, dev_news_path)
    deadline = time.monotonic() + 300
    while watcher.count_reports() < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    at_kill = watcher.count_reports()
    watcher.close()
    assert 0 < at_kill < len(dev_articles), "the ingest was not interrupted half-way"

    resumed = _ingest(db_url, dev_news_path)
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    assert f"stored {len(dev_articles) - at_kill}, skipped as duplicate {at_kill}, failed 0" in err

    with Store.open(db_url) as store:
        assert store.count_reports() == len(dev_articles)
        stored = {s.id for s in store.list_reports(limit=1000)}
        assert stored == {a["id"] for a in dev_articles}
        for article in dev_articles[:: 20]:
            assert store.get(article["id"]).text == article["content"]
        # search against a brute-force scan of the normalised texts, clitics included
        for word in ("نتنياهو", "ايران"):
            pattern = re.compile(rf"(?<!\w)[وف]?[بلك]?(?:ال)?{word}(?!\w)")
            expected = {a["id"] for a in dev_articles if pattern.search(normalise_text(a["content"]))
                        or pattern.search(normalise_text(a.get("title") or ""))}
            assert expected, word
            assert ids(store.search(word, limit=1000)) == expected, word
        for fmt in ("jsonl", "gdelt"):
            assert _export(store, fmt)

    again = _ingest(db_url, dev_news_path)
    _, err = again.communicate(timeout=600)
    assert f"stored 0, skipped as duplicate {len(dev_articles)}, failed 0" in err


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", normalise_text(text))
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


@pytest.fixture(scope="session")
def dev_reports(pipeline, dev_news_path) -> list[Report]:
    """The dev articles through the full pipeline, analysed once per test session."""
    from naba.ingest import read_inputs

    return [pipeline.analyze(d) for d in read_inputs([str(dev_news_path)], text_field="content") if isinstance(d, Document)]


def test_dev_reports_with_all_layers_round_trip_and_join(db_url, dev_reports):
    from naba.corpus import corpus_entity_id

    with Store.open(db_url) as store:
        for i in range(0, len(dev_reports), 50):
            store.add(dev_reports[i:i + 50])
        for report in dev_reports[::10]:
            assert store.get(report.id) == report  # every layer comes back exactly as analysed
        gdelt = list(csv.DictReader(io.StringIO(_export(store, "gdelt").decode("utf-8")), delimiter="\t"))
        assert len(gdelt) == sum(e.status not in NOT_EVENTS for r in dev_reports for e in r.events)  # mentions left out
        assert all(row["EventRootCode"] == row["EventCode"][:2] for row in gdelt)

        by_id = {r.id: r for r in dev_reports}
        summaries = store.list_reports(limit=1000)
        linked = [(s.id, s.canonical_id) for s in summaries if s.canonical_id]
        assert linked, "the dev articles include wire stories re-posted by several outlets"
        for duplicate, canonical in linked:  # MinHash's verdict against the exact 3-word-shingle Jaccard
            a, b = (shingles(by_id[x].text) for x in (duplicate, canonical))
            assert len(a & b) / len(a | b) > 0.6, (duplicate, canonical)
        stories = store.stories()
        members = [i for story in stories for i in story.report_ids]
        assert len(members) == len(set(members))  # a report is in one story at most
        assert all(any(d in s.report_ids and c in s.report_ids for s in stories) for d, c in linked)

        involved: dict[str, set[str]] = {}
        for report in dev_reports:
            local = {e.id: corpus_entity_id(e) for e in report.entities}
            for e in report.events:
                for role in (e.actor, e.target, e.place):
                    if role in local:
                        involved.setdefault(local[role], set()).add(report.id)
        if not involved:
            pytest.skip("the pipeline gives no event an actor, target or place yet: nothing to follow through time")
        busiest = max(involved, key=lambda k: (len(involved[k]), k))
        items = store.timeline(busiest)
        assert items and {i for item in items for i in item.reports} == involved[busiest]
        keys = [(item.sort_date is None, item.sort_date or "") for item in items]
        assert keys == sorted(keys)
        graph = store.graph()
        canonical = {s.id for s in store.list_reports(limit=1000) if s.canonical_id is None}
        expected_edges = 0
        for report in dev_reports:
            local = {e.id: corpus_entity_id(e) for e in report.entities}
            if report.id in canonical:
                expected_edges += sum(1 for e in report.events if e.actor in local and e.target in local)
        assert sum(edge.count for edge in graph.edges) == expected_edges


def test_entity_lookup_prefers_exact_aliases(store):
    assert [e.id for e in store.find_entities("ايران", partial=False)] == ["IR"]
    assert [e.id for e in store.find_entities("كارت")] == [store.find_entities("كارتر")[0].id]  # partial: inside an alias
    assert store.find_entities("كارت", partial=False) == []
    assert store.find_entities("%") == [] and store.find_entities("_") == []


def test_ingest_names_bad_inputs_and_summarises(db_url, tmp_path):
    good = tmp_path / "inputs" / "good.txt"
    good.parent.mkdir()
    good.write_text("الرياض - 3 آب 2015: التقى وزير الخارجية نظيره الأردني في الرياض أمس.\n", encoding="utf-8")
    (tmp_path / "inputs" / "broken.txt").write_bytes(b"\xff\xfe\x00 not utf-8 \x81")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path / "inputs"), str(tmp_path / "missing.txt"), "--layers", "text", "--db", db_url])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr and "missing.txt" in result.stderr
    assert "stored 1, skipped as duplicate 0, failed 2" in result.stderr
    result = runner.invoke(app, ["ingest", "-", "--layers", "text", "--db", db_url], input=good.read_text(encoding="utf-8"))
    assert result.exit_code == 0 and "stored 0, skipped as duplicate 1, failed 0" in result.stderr
    with Store.open(db_url) as store:
        assert store.count_reports() == 1 and len(store.search("الاردني")[0].marks) == 1


def test_stories_limit_keeps_the_largest(store):
    everything = store.stories()
    assert store.stories(limit=1) == everything[:1]
    assert store.stories(min_size=3) == [s for s in everything if s.size >= 3]
