"""Exports of a stored corpus, by a registry of formats: Reports as JSON lines, the five analyst
tables of naba.scale.tables (reports, entities, mentions, attributions, events) as a folder of CSV or
Parquet files (the same schema `naba spark` writes), and one GDELT-style row per event
(tab-separated, GDELT 1.0 column names where one fits)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from naba.corpus.gdelt import GDELT_COLUMNS, quad_class  # noqa: F401  (the GDELT rows live in naba.corpus.gdelt)
from naba.corpus.gdelt import gdelt_rows as _gdelt_rows
from naba.corpus.store import Store
from naba.scale.tables import SCHEMAS, TABLES, TableRows


def gdelt_rows(store: Store) -> Iterator[dict]:
    """One GDELT-style row per reported event of the stored reports (see naba.corpus.gdelt)."""
    return _gdelt_rows(store.iter_stored())


class ExportFormat(NamedTuple):
    """One export format: ``write(store, destination)`` returns the rows written; a folder format
    writes the five tables of naba.scale.tables as one file each into ``destination`` (a folder)."""

    name: str
    help: str
    folder: bool
    write: Callable[[Store, object], int]


EXPORTS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> ExportFormat:
    EXPORTS[fmt.name] = fmt
    return fmt


def export(store: Store, fmt: str, destination) -> int:
    """Write the corpus in ``fmt`` to ``destination``: a binary stream, or a folder (a Path) for the
    table formats; returns the number of rows (reports, or events for gdelt) written."""
    exporter = EXPORTS.get(fmt)
    if exporter is None:
        raise ValueError(f"unknown export format '{fmt}'; choose from {', '.join(EXPORTS)}")
    if exporter.folder and not isinstance(destination, (str, Path)):
        raise ValueError(f"the {fmt} export writes a folder of {len(TABLES)} tables: give a folder, not a stream")
    return exporter.write(store, Path(destination) if exporter.folder else destination)


def _write_jsonl(store: Store, out: BinaryIO) -> int:
    n = 0
    for report, _ in store.iter_stored():
        out.write((report.to_json() + "\n").encode("utf-8"))
        n += 1
    return n


def _write_gdelt(store: Store, out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=GDELT_COLUMNS, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in gdelt_rows(store):
        # one event a line: tabs and newlines inside a field would break the row
        writer.writerow({k: re.sub(r"[\t\r\n]+", " ", v) if isinstance(v, str) else v for k, v in row.items()})
        n += 1
    text.flush()
    text.detach()
    return n


def _table_writer(open_writer: Callable[[Path, pa.Schema], object], suffix: str) -> Callable[[Store, Path], int]:
    """A folder writer: one ``NAME.suffix`` per table, written in chunks of reports."""

    def write(store: Store, folder: Path) -> int:
        folder.mkdir(parents=True, exist_ok=True)
        writers = {name: open_writer(folder / f"{name}.{suffix}", SCHEMAS[name]) for name in TABLES}
        rows, n = TableRows(), 0
        try:
            for report, summary in store.iter_stored():
                rows.add(report, summary.canonical_id, summary.story_id)
                if len(rows) >= 500:
                    n += _flush(rows, writers)
            n += _flush(rows, writers)
        finally:
            for writer in writers.values():
                writer.close()
        return n

    return write


def _flush(rows: TableRows, writers: dict) -> int:
    n = len(rows)
    for name, writer in writers.items():
        writer.write_table(rows.arrow(name))
    rows.clear()
    return n


register(ExportFormat("jsonl", "Reports as JSON lines", False, _write_jsonl))
register(ExportFormat("csv", "a folder of five CSV tables", True, _table_writer(pacsv.CSVWriter, "csv")))
register(ExportFormat("parquet", "a folder of five Parquet tables", True, _table_writer(pq.ParquetWriter, "parquet")))
register(ExportFormat("gdelt", "GDELT-style event rows (tab-separated)", False, _write_gdelt))
FORMATS = tuple(EXPORTS)
