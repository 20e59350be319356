"""The Spark batch: the same ingest and pipeline as `naba analyze`, run over a cluster's cores.

Inputs become rows (kind, source, payload): a JSON line (plain or .gz text files), a Parquet row
(turned into a JSON object, so the JSON-lines reader makes its Document), or a WARC file path (read
on the executor by naba.ingest.warc, one task per file, as cc-pyspark reads CC-NEWS). ``mapInArrow``
analyses each partition with one Pipeline per Python worker and emits, per report, its rows of the
five tables of naba.scale.tables (nested), or an error row; the driver then writes each table as
Parquet partitioned by ``published_date``, and the errors as their own table. A bad record never
fails the job: it is counted and written to ``errors``.
"""

from __future__ import annotations

import functools
import json
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from naba.ingest.errors import IngestError
from naba.ingest.jsonl import JsonFields, parse_jsonl
from naba.record import Document
from naba.scale.tables import PARTITION_COLUMN, SCHEMAS, TABLES, report_tables

KINDS = ("jsonl", "parquet", "warc")
INPUT_SCHEMA = pa.schema([("kind", pa.string()), ("source", pa.string()), ("payload", pa.string())])
ERROR_SCHEMA = pa.schema([
    pa.field("source", pa.string()),  # file (and, for a WARC record, its URL)
    pa.field("record_id", pa.string()),  # the record's own id, when it has one
    pa.field("stage", pa.string()),  # ingest or analysis
    pa.field("message", pa.string()),
    pa.field("excerpt", pa.string()),  # the record's first characters, to find it again
])
# One output row per input report: its row of `reports`, its rows of the other tables, or an error.
OUTPUT_SCHEMA = pa.schema(
    [pa.field("reports", pa.struct(list(SCHEMAS["reports"])))]
    + [pa.field(name, pa.list_(pa.struct(list(SCHEMAS[name])))) for name in TABLES[1:]]
    + [pa.field("error", pa.struct(list(ERROR_SCHEMA)))]
)
OUTPUT_ROWS_PER_BATCH = 64
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class SparkJob:
    """What one `naba spark` run reads and how: everything an executor needs is in here (picklable)."""

    inputs: tuple[str, ...]
    output: str
    text_field: str = "text"
    date_field: str = "published"
    layers: tuple[str, ...] | None = None
    partitions: int | None = None  # default: 4 per core, so a slow report does not idle the rest


@dataclass(frozen=True)
class SparkSummary:
    reports: int
    errors: int
    rows: dict[str, int]
    output: str


def input_kind(path: str) -> str | None:
    name = path.lower().rstrip("/")
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")):
        return "jsonl"
    return None


def expand_inputs(paths: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Input files by kind (local folders walked); and the paths that name no input, for messages.

    A path with a scheme (s3a://, hdfs://) is passed to Spark as it is, by its suffix.
    """
    by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
    unknown: list[str] = []
    for raw in paths:
        local = Path(raw)
        if "://" not in raw and local.is_dir() and input_kind(raw) is None:
            found = [str(p) for p in sorted(local.rglob("*")) if p.is_file() and input_kind(str(p))]
            if not found:
                unknown.append(f"{raw}: no .jsonl[.gz], .parquet or .warc[.gz] files in the folder")
            for child in found:
                by_kind[input_kind(child)].append(child)
        elif "://" not in raw and not local.exists():
            unknown.append(f"{raw}: no such file or folder")
        elif (kind := input_kind(raw)) is None:
            unknown.append(f"{raw}: not a JSON-lines, Parquet or WARC input (by its name)")
        else:
            by_kind[kind].append(str(local.resolve()) if "://" not in raw else raw)
    return by_kind, unknown


@functools.cache
def _pipeline(layers: tuple[str, ...] | None):
    """One Pipeline per Python worker process: Spark reuses its workers across tasks, so the models
    load once per executor core rather than once per partition (the one deliberate process cache)."""
    from naba.pipeline import Pipeline

    return Pipeline(list(layers) if layers else None)


def _documents(kind: str, source: str, payload: str, fields: JsonFields) -> Iterator[Document | IngestError]:
    if kind == "warc":
        from naba.ingest.warc import parse_warc

        yield from parse_warc(Path(payload))
        return
    for item in parse_jsonl([payload], source, fields):
        if isinstance(item, IngestError):  # parse_jsonl numbers lines from 1: here there is one line
            yield IngestError(source, item.reason)
        else:
            yield item.model_copy(update={"source": source})


def _error(source: str, stage: str, message: str, payload: str | None, record_id: str | None = None) -> dict:
    excerpt = payload[:EXCERPT_CHARS] if payload else None
    return {"error": {"source": source, "record_id": record_id, "stage": stage, "message": message, "excerpt": excerpt}}


def _record_id(payload: str) -> str | None:
    try:
        value = json.loads(payload).get("id")
    except (ValueError, AttributeError):
        return None
    return str(value) if value is not None else None


def analyse_rows(job: SparkJob, rows: Iterable[tuple[str, str, str]]) -> Iterator[dict]:
    """Output rows (OUTPUT_SCHEMA) for input rows (kind, source, payload); never raises for bad data."""
    fields = JsonFields(text=job.text_field, published=job.date_field)
    pipeline = _pipeline(job.layers)
    for kind, source, payload in rows:
        try:
            for item in _documents(kind, source, payload, fields):
                if isinstance(item, IngestError):
                    is_warc = kind == "warc"
                    yield _error(item.source if is_warc else source, "ingest", item.reason,
                                 None if is_warc else payload, None if is_warc else _record_id(payload))
                    continue
                try:
                    report = pipeline.analyze(item)
                    tables = report_tables(report)
                except Exception as error:  # a bug in one stage must not cost the rest of the batch
                    yield _error(item.source, "analysis", f"{type(error).__name__}: {error}", item.text, item.id)
                    continue
                yield {"reports": tables["reports"][0], **{name: tables[name] for name in TABLES[1:]}}
        except Exception as error:  # an unreadable input as a whole (fastwarc, encoding)
            yield _error(source, "ingest", f"{type(error).__name__}: {error}", payload if kind != "warc" else None)


def analyse_batches(job: SparkJob, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The mapInArrow function: Arrow batches of input rows in, Arrow batches of OUTPUT_SCHEMA out."""

    def rows() -> Iterator[tuple[str, str, str]]:
        for batch in batches:
            columns = batch.to_pydict()
            yield from zip(columns["kind"], columns["source"], columns["payload"])

    out: list[dict] = []
    for row in analyse_rows(job, rows()):
        out.append(row)
        if len(out) >= OUTPUT_ROWS_PER_BATCH:
            yield pa.RecordBatch.from_pylist(out, schema=OUTPUT_SCHEMA)
            out = []
    if out:
        yield pa.RecordBatch.from_pylist(out, schema=OUTPUT_SCHEMA)


def spark_schema(schema: pa.Schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema, prefer_timestamp_ntz=True)


def input_frame(spark, by_kind: dict[str, list[str]], partitions: int):
    """One DataFrame of (kind, source, payload) rows for every input, spread over ``partitions``."""
    from pyspark.sql import functions as F

    frames = []
    if by_kind["jsonl"]:  # Spark reads .gz transparently; a .gz is one split, hence the repartition
        lines = spark.read.text(by_kind["jsonl"]).where(F.trim("value") != "")
        frames.append(lines.select(F.lit("jsonl").alias("kind"), F.input_file_name().alias("source"),
                                   F.col("value").alias("payload")))
    if by_kind["parquet"]:
        table = spark.read.parquet(*by_kind["parquet"])
        frames.append(table.select(F.lit("parquet").alias("kind"), F.input_file_name().alias("source"),
                                   F.to_json(F.struct(*table.columns)).alias("payload")))
    if by_kind["warc"]:  # one row, so one task, per archive
        frames.append(spark.createDataFrame([("warc", p, p) for p in by_kind["warc"]], "kind string, source string, payload string"))
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    if by_kind["warc"] and not (by_kind["jsonl"] or by_kind["parquet"]):
        return frame.repartition(len(by_kind["warc"]))
    return frame.repartition(partitions)


def run(spark, job: SparkJob, by_kind: dict[str, list[str]]) -> SparkSummary:
    """Analyse every input on ``spark`` and write the five tables and the errors under ``job.output``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    partitions = job.partitions or max(1, spark.sparkContext.defaultParallelism * 4)
    frame = input_frame(spark, by_kind, partitions)
    with warnings.catch_warnings():  # pyspark warns of pandas 3 even where, as here, pandas is not used
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        analysed = frame.mapInArrow(functools.partial(analyse_batches, job), spark_schema(OUTPUT_SCHEMA))
    analysed = analysed.persist(StorageLevel.MEMORY_AND_DISK)
    output = job.output.rstrip("/")
    rows: dict[str, int] = {}
    try:
        reports = analysed.where(F.col("reports").isNotNull()).select("reports.*")
        reports.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(f"{output}/reports")
        rows["reports"] = analysed.where(F.col("reports").isNotNull()).count()
        for name in TABLES[1:]:
            table = analysed.select(F.explode(name).alias("row")).select("row.*")
            table.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(f"{output}/{name}")
            rows[name] = analysed.select(F.size(name).alias("n")).where("n > 0").agg(F.sum("n")).first()[0] or 0
        errors = analysed.where(F.col("error").isNotNull()).select("error.*")
        errors.coalesce(1).write.mode("overwrite").parquet(f"{output}/errors")
        rows["errors"] = errors.count()
    finally:
        analysed.unpersist()
    return SparkSummary(reports=rows["reports"], errors=rows["errors"], rows=rows, output=output)


def session(master: str | None = None, app_name: str = "naba", config: Sequence[tuple[str, str]] = ()):
    """A SparkSession; ``master`` None keeps what spark-submit (or the cluster) set."""
    import os
    import sys

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):  # local workers run in naba's own environment
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    defaults = {
        "spark.sql.execution.arrow.maxRecordsPerBatch": "64",  # input rows per Arrow batch to a worker
        "spark.sql.session.timeZone": "UTC",
        "spark.python.worker.reuse": "true",  # one Pipeline per worker, kept across tasks
        "spark.ui.showConsoleProgress": "true" if sys.stderr.isatty() else "false",  # stage progress bars
    }
    for key, value in [*defaults.items(), *config]:
        builder = builder.config(key, value)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        return builder.getOrCreate()
