"""`naba export --format parquet|csv`: five typed tables from a store, one schema (naba.scale.tables).

The examples (our own writing) go through the full pipeline into a SQLite store; the exported tables
are checked row by row against the Reports they came from.
"""

from __future__ import annotations

from datetime import date, datetime

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from naba.cli import _register, app
from naba.corpus import Store
from naba.corpus.export import EXPORTS, export
from naba.ingest import read_inputs
from naba.record import Document, Report
from naba.scale.tables import SCHEMAS, TABLES, day_of, parse_timestamp

from conftest import EXAMPLES

_register()


@pytest.fixture(scope="module")
def example_reports(pipeline) -> list[Report]:
    documents = [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, Document)]
    assert len(documents) >= 5  # html, txt, three JSON lines, the feed's items
    return [pipeline.analyze(d) for d in documents]


@pytest.fixture(scope="module")
def db(example_reports, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "naba.db")
    with Store.open(path) as store:
        store.add(example_reports)
    return path


@pytest.fixture(scope="module")
def parquet_tables(db, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("export") / "tables"
    with Store.open(db) as store:
        assert export(store, "parquet", folder) == store.count_reports()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.parquet" for name in TABLES)
    return {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}


def test_the_formats_come_from_one_registry():
    assert set(EXPORTS) == {"jsonl", "csv", "parquet", "gdelt"}
    assert [name for name, fmt in EXPORTS.items() if fmt.folder] == ["csv", "parquet"]


def test_parquet_tables_have_the_one_schema(parquet_tables):
    for name in TABLES:
        assert parquet_tables[name].schema.remove_metadata() == SCHEMAS[name], name


def test_tables_hold_every_layer_of_every_report(parquet_tables, example_reports):
    by_id = {r.id: r for r in example_reports}
    reports = parquet_tables["reports"].to_pylist()
    assert {row["report_id"] for row in reports} == set(by_id)
    for row in reports:
        report = by_id[row["report_id"]]
        assert Report.from_json(row["report_json"]) == report
        assert row["text"] == report.text and row["events"] == len(report.events)
        published, _ = parse_timestamp(report.meta.published)
        assert row["published"] == published and isinstance(row["published"], (datetime, type(None)))
        assert row["published_date"] == (published.date() if published else None)
    assert any(row["published"] for row in reports)

    entities = parquet_tables["entities"].to_pylist()
    expected = {(r.id, e.id, e.name_en, e.name_ar) for r in example_reports for e in r.entities}
    assert {(e["report_id"], e["entity_id"], e["name_en"], e["name_ar"]) for e in entities} == expected
    assert not any("; " in (e["name_en"] or "") for e in entities)  # one entity a row, never joined

    mentions = parquet_tables["mentions"].to_pylist()
    assert len(mentions) == sum(len(e.mentions) for r in example_reports for e in r.entities)
    for m in mentions:
        assert by_id[m["report_id"]].text[m["start"]:m["end"]] == m["text"]

    attributions = parquet_tables["attributions"].to_pylist()
    assert len(attributions) == sum(len(r.attributions) for r in example_reports) > 0
    for a in attributions:
        source = by_id[a["report_id"]].attributions[a["attribution_index"]]
        assert a["speaker_kind"] == source.speaker_kind and a["direct"] == source.direct
        if a["content_start"] is not None:
            assert by_id[a["report_id"]].text[a["content_start"]:a["content_end"]] == a["content_text"]

    events = parquet_tables["events"].to_pylist()
    assert len(events) == sum(len(r.events) for r in example_reports) > 0
    for e in events:
        source = by_id[e["report_id"]].events[e["event_index"]]
        assert (e["type"], e["cameo"], e["actor"], e["trigger_text"]) == (source.type, source.cameo, source.actor, source.trigger.text)
        assert e["event_date"] is None or isinstance(e["event_date"], date)


def test_day_of_a_timex_value():
    assert day_of("2025-09-01") == date(2025, 9, 1)
    assert day_of("2025-09-01T10:00") == date(2025, 9, 1)
    assert day_of("2025-09") is None and day_of("PRESENT_REF") is None and day_of("2025-02-30") is None


def test_csv_tables_read_back_to_the_parquet_tables(db, parquet_tables, tmp_path):
    folder = tmp_path / "csv"
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "csv", "--output", str(folder)])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        schema = SCHEMAS[name]
        table = pacsv.read_csv(folder / f"{name}.csv", convert_options=pacsv.ConvertOptions(
            column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False))
        assert table.cast(schema).equals(parquet_tables[name]), name


def test_a_table_format_needs_a_folder(db):
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2
    assert "name a folder" in result.output
