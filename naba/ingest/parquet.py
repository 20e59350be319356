"""Parquet: the tables `naba spark` (or `naba export --format parquet`) wrote, and Parquet articles.

A file of the ``reports`` table (it has a ``report_json`` column) holds Reports already analysed:
they come back as Reports, so `naba ingest DIR` stores a Spark output without analysing it again.
Files of the other tables of such an output (entities, mentions, attributions, events, errors) are
derived from the reports and skipped. Any other Parquet file is read like JSON lines, one article
a row (the text and date fields as named).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
from pydantic import ValidationError

from naba.ingest.errors import IngestError
from naba.ingest.jsonl import JsonFields, document_from_record
from naba.record import Document, Report

REPORT_JSON = "report_json"  # the column naba.scale.tables gives the reports table
DERIVED_TABLES = ("entities", "mentions", "attributions", "events", "errors")
ROWS_PER_BATCH = 256


def is_derived_table(path: Path) -> bool:
    """True for a file of a table that sits beside a ``reports`` table (Spark folder or export file)."""
    if path.name.split(".")[0] in DERIVED_TABLES and (path.parent / "reports.parquet").is_file():
        return True
    return any(p.name in DERIVED_TABLES and (p.parent / "reports").is_dir() for p in path.parents)


def read_parquet(path: Path, source: str, fields: JsonFields = JsonFields()) -> Iterator[Document | Report | IngestError]:
    """Reports from a reports-table file; Documents from a file of articles; nothing from a derived table."""
    if is_derived_table(path):
        return
    try:
        parquet = pq.ParquetFile(path)
        has_reports = REPORT_JSON in parquet.schema_arrow.names
        number = 0
        for batch in parquet.iter_batches(batch_size=ROWS_PER_BATCH, columns=[REPORT_JSON] if has_reports else None):
            for record in batch.to_pylist():
                number += 1
                where = f"{source}#{number}"
                yield _report(record.get(REPORT_JSON), where) if has_reports else document_from_record(record, where, fields)
    except (OSError, ValueError) as error:  # not Parquet, truncated, unreadable
        yield IngestError(source, f"unreadable Parquet ({error})")


def _report(data: str | None, where: str) -> Report | IngestError:
    if not data:
        return IngestError(where, f"empty '{REPORT_JSON}'")
    try:
        return Report.from_json(data)
    except ValidationError as error:
        return IngestError(where, f"not a naba Report ({error.error_count()} problems, first: {error.errors()[0]['msg']})")
