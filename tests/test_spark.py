"""`naba spark` on local[2]: the 200 dev articles (../shared) plus our own JSON lines (.gz), a Parquet
file and a web archive, in one Spark run shared by the module's tests (CI has 2 cores).

Its reports must equal `naba analyze --json` on the same input; its five tables must have the one
schema of naba.scale.tables and hold what a store's `naba export --format parquet` holds; bad
records must land in the errors table without failing the job; `naba ingest DIR` loads it back.
Java and pyspark are needed: a machine without them skips, CI (CI=true) fails instead.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from naba.cli import _register, app
from naba.record import Report
from naba.scale.tables import PARTITION_COLUMN, SCHEMAS, TABLES

from conftest import DEV_NEWS, EXAMPLES, require

_register()
TEXT, DATE = "content", "date_extracted"  # the dev articles' field names
BAD_LINES = ['{"id": "bad-empty", "content": "  "}', "not json at all", '["a", "list"]']


def missing_service(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (in CI every service must be there: scripts/system-deps.sh installs Java)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def spark():
    try:
        from naba.scale.spark import session
    except ImportError as error:
        missing_service(f"pyspark not installed ({error}); pip install -e '.[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        missing_service("Java not found; `make system-deps` installs a headless JRE")
    spark = session("local[2]", config=[("spark.ui.enabled", "false"), ("spark.sql.shuffle.partitions", "4")])
    yield spark
    spark.stop()


def warc_record(url: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html) + html
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode() + b"\r\n"
        b"WARC-Date: 2025-11-07T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    """The dev articles, and our own examples as .jsonl.gz (with bad lines), .parquet and .warc.gz."""
    dev = require(DEV_NEWS)
    folder = tmp_path_factory.mktemp("inputs")
    briefs = [json.loads(line) for line in (EXAMPLES / "briefs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    as_dev = [{"id": b["id"], TEXT: b["text"], DATE: b.get("published"), "title": b.get("title")} for b in briefs]
    lines = [json.dumps(record, ensure_ascii=False) for record in as_dev[:2]] + BAD_LINES
    (folder / "briefs.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    (folder / "briefs-plain.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # for naba analyze
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(as_dev[2:]), folder / "briefs.parquet")
    (folder / "briefs-parquet.jsonl").write_text(json.dumps(as_dev[2], ensure_ascii=False) + "\n", encoding="utf-8")
    html = (EXAMPLES / "gulf-power-grid.html").read_bytes()
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(warc_record("https://example.org/gulf-power-grid", html)))
    return {"dev": dev, "folder": folder, "briefs": as_dev}


@pytest.fixture(scope="module")
def spark_output(spark, inputs, tmp_path_factory):
    from naba.scale.spark import SparkJob, expand_inputs, run

    folder = inputs["folder"]
    paths = [str(inputs["dev"]), str(folder / "briefs.jsonl.gz"), str(folder / "briefs.parquet"), str(folder / "crawl.warc.gz")]
    by_kind, unknown = expand_inputs(paths)
    assert not unknown and [len(by_kind[k]) for k in ("jsonl", "parquet", "warc")] == [2, 1, 1]
    output = tmp_path_factory.mktemp("spark") / "out"
    summary = run(spark, SparkJob(inputs=tuple(paths), output=str(output), text_field=TEXT, date_field=DATE), by_kind)
    return output, summary


def analyze_json(*args: str) -> dict[str, Report]:
    """`naba analyze --json` in a process of its own with the hash seed PySpark gives its workers
    (PYTHONHASHSEED as set, else 0): a stage whose output hangs on set order would otherwise differ."""
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    result = subprocess.run([sys.executable, "-m", "naba.cli", "analyze", "--json", *args],
                            capture_output=True, text=True, env=env, timeout=1200)
    assert result.returncode == 0, result.stderr
    reports = [Report.from_json(line) for line in result.stdout.splitlines() if line.strip()]
    return {r.id: r for r in reports}


def spark_reports(output) -> dict[str, Report]:
    table = ds.dataset(str(output / "reports"), format="parquet", partitioning="hive").to_table(columns=["report_json"])
    reports = [Report.from_json(data) for data in table.column("report_json").to_pylist()]
    return {r.id: r for r in reports}


def test_reports_equal_naba_analyze_on_the_same_input(spark_output, inputs):
    output, summary = spark_output
    by_spark = spark_reports(output)
    assert summary.reports == len(by_spark) == 200 + 3 + 1
    folder = inputs["folder"]
    # the same inputs as plain files: the dev articles, what the .gz and the Parquet file hold, the archive
    same = [str(inputs["dev"]), str(folder / "briefs-plain.jsonl"), str(folder / "briefs-parquet.jsonl"), str(folder / "crawl.warc.gz")]
    expected = analyze_json("--text-field", TEXT, "--date-field", DATE, *same)
    assert len(expected) == len(by_spark)
    for report_id, report in expected.items():
        assert by_spark[report_id].to_dict() == report.to_dict(), report_id
    from_warc = [r for r in expected.values() if r.meta.url == "https://example.org/economy/gulf-power-grid"]
    assert len(from_warc) == 1 and from_warc[0].entities  # the page's canonical address


def test_bad_records_go_to_the_errors_table(spark_output):
    output, summary = spark_output
    errors = pq.read_table(output / "errors").to_pylist()
    assert summary.errors == len(errors) == len(BAD_LINES)
    assert all(e["source"].endswith("briefs.jsonl.gz") and e["stage"] == "ingest" for e in errors)
    by_excerpt = {e["excerpt"]: e for e in errors}
    assert by_excerpt[BAD_LINES[0]]["record_id"] == "bad-empty" and "empty" in by_excerpt[BAD_LINES[0]]["message"]
    assert "not valid JSON" in by_excerpt[BAD_LINES[1]]["message"]
    assert "object" in by_excerpt[BAD_LINES[2]]["message"]


def test_tables_are_partitioned_by_publication_date_with_the_one_schema(spark_output):
    output, summary = spark_output
    reports = spark_reports(output)
    for name in TABLES:
        folder = output / name
        days = sorted(p.name for p in folder.iterdir() if p.is_dir())
        assert days and all(d.startswith(f"{PARTITION_COLUMN}=") for d in days), name
        part = next(folder.rglob("*.parquet"))
        stored = pq.read_schema(part).remove_metadata()
        expected = SCHEMAS[name].remove(SCHEMAS[name].get_field_index(PARTITION_COLUMN))
        assert stored == expected, name  # column for column, type for type, nullability too
        table = read_spark_table(output, name)
        assert table.num_rows == summary.rows[name], name
    for row in read_spark_table(output, "reports").select(["report_id", "published", PARTITION_COLUMN]).to_pylist():
        published = reports[row["report_id"]].meta.published
        assert (row["published"].date() if row["published"] else None) == row[PARTITION_COLUMN]
        assert published is None or row[PARTITION_COLUMN] == date.fromisoformat(published[:10])


def read_spark_table(output, name):
    """A Spark table read with the one schema (the partition folders give published_date)."""
    return ds.dataset(str(output / name), format="parquet", partitioning="hive", schema=SCHEMAS[name]).to_table()


def test_naba_ingest_loads_the_output_and_its_export_has_the_same_tables(spark_output, tmp_path):
    output, summary = spark_output
    db = str(tmp_path / "naba.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--db", db, str(output)])
    assert result.exit_code == 0, result.output
    assert f"stored {summary.reports}, skipped as duplicate 0, failed 0" in result.output
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--output", str(tmp_path / "export")])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        local = pq.read_table(tmp_path / "export" / f"{name}.parquet")
        assert local.schema.remove_metadata() == SCHEMAS[name], name
        from_spark = read_spark_table(output, name)
        if name == "reports":  # near-duplicate links and stories are the store's: Spark leaves them empty
            local = local.drop_columns(["canonical_id", "story_id"])
            from_spark = from_spark.drop_columns(["canonical_id", "story_id"])
        assert sorted_rows(local) == sorted_rows(from_spark), name


def sorted_rows(table) -> list[tuple]:
    return sorted((tuple(row.values()) for row in table.to_pylist()), key=repr)


def test_naba_spark_names_inputs_it_cannot_read_before_starting_spark(tmp_path):
    (tmp_path / "notes.txt").write_text("نص", encoding="utf-8")
    result = CliRunner().invoke(app, ["spark", str(tmp_path / "missing.jsonl"), str(tmp_path / "notes.txt"),
                                      "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.jsonl: no such file or folder" in result.output
    assert "notes.txt: not a JSON-lines, Parquet or WARC input" in result.output
    assert "no inputs to analyse" in result.output and not (tmp_path / "out").exists()
