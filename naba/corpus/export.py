"""Exports of a stored corpus: Reports as JSON lines, report tables as CSV or Parquet, and one
GDELT-style row per event (tab-separated, GDELT 1.0 column names where one fits)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from naba.corpus.records import ReportSummary
from naba.corpus.store import Store
from naba.record import Report

FORMATS = ("jsonl", "csv", "parquet", "gdelt")

REPORT_COLUMNS = [
    ("id", pa.string()), ("published", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
    ("url", pa.string()), ("author", pa.string()), ("canonical_id", pa.string()), ("story_id", pa.string()),
    ("entities", pa.int32()), ("times", pa.int32()), ("attributions", pa.int32()), ("events", pa.int32()),
    ("entity_names", pa.string()), ("event_types", pa.string()), ("unnamed_share", pa.float64()), ("text", pa.string()),
]

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Name", "Actor1CountryCode", "Actor1Type", "Actor1KB",
    "Actor2Name", "Actor2CountryCode", "Actor2Type", "Actor2KB", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "PloverType", "PloverMode", "Status", "EventDate", "DATEADDED", "SOURCEURL",
    "ReportId", "Trigger",
]
_COUNTRY_KB = re.compile(r"(?:^|[:/_-])([A-Za-z]{2})$")


def report_row(report: Report, summary: ReportSummary) -> dict:
    """The flat row of one report (CSV and Parquet)."""
    names = [e.name_en or e.name_ar or (e.mentions[0].text if e.mentions else e.id) for e in report.entities]
    return {
        "id": report.id, "published": report.meta.published, "outlet": report.meta.outlet, "title": report.meta.title,
        "url": report.meta.url, "author": report.meta.author, "canonical_id": summary.canonical_id,
        "story_id": summary.story_id, "entities": len(report.entities), "times": len(report.times),
        "attributions": len(report.attributions), "events": len(report.events),
        "entity_names": "; ".join(dict.fromkeys(names)), "event_types": "; ".join(e.type for e in report.events),
        "unnamed_share": report.sourcing.unnamed_share, "text": report.text,
    }


def quad_class(root: str | None) -> int | None:
    """GDELT QuadClass of a CAMEO root code: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not root or not root.isdigit():
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 if n <= 20 else None


def country_code(entity) -> str | None:
    """ISO 3166 alpha-2 code of a country entity whose KB id ends in one (GDELT uses CAMEO codes; we have ISO)."""
    if entity is None or entity.type != "GPE" or not entity.kb:
        return None
    match = _COUNTRY_KB.search(entity.kb)
    return match.group(1).upper() if match else None


def gdelt_rows(store: Store) -> Iterator[dict]:
    for row in store.event_rows():
        date = row["date"] if row["date"] and re.match(r"^\d{4}-\d{2}-\d{2}", row["date"]) else None
        day = (date or row["published_day"] or "").replace("-", "")
        cameo = row["cameo"] or ""
        actor, target = row["actor_entity"], row["target_entity"]
        added = row["ingested_at"]
        yield {
            "GLOBALEVENTID": f"{row['report_id']}-{row['idx']}", "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
            "Actor1Name": (actor.name_en or actor.name_ar) if actor else "", "Actor1CountryCode": country_code(actor) or "",
            "Actor1Type": actor.type if actor else "", "Actor1KB": (actor.kb or "") if actor else "",
            "Actor2Name": (target.name_en or target.name_ar) if target else "", "Actor2CountryCode": country_code(target) or "",
            "Actor2Type": target.type if target else "", "Actor2KB": (target.kb or "") if target else "",
            "IsRootEvent": 1 if row["idx"] == 0 else 0, "EventCode": cameo, "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2], "QuadClass": quad_class(cameo[:2]) or "", "PloverType": row["type"],
            "PloverMode": row["mode"] or "", "Status": row["status"], "EventDate": row["date"] or "",
            "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "", "SOURCEURL": row["url"] or "",
            "ReportId": row["report_id"], "Trigger": row["trigger"] or "",
        }


def _seekable(stream) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError):
        return False


def export(store: Store, fmt: str, out: BinaryIO) -> int:
    """Write the corpus to ``out`` (a binary stream) in ``fmt``; returns the number of rows written."""
    if fmt == "jsonl":
        n = 0
        for report, _ in store.iter_stored():
            out.write((report.to_json() + "\n").encode("utf-8"))
            n += 1
        return n
    if fmt in ("csv", "gdelt"):
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        columns = [name for name, _ in REPORT_COLUMNS] if fmt == "csv" else GDELT_COLUMNS
        writer = csv.DictWriter(text, fieldnames=columns, delimiter="," if fmt == "csv" else "\t",
                                quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writeheader()
        rows = (report_row(r, s) for r, s in store.iter_stored()) if fmt == "csv" else gdelt_rows(store)
        n = 0
        for row in rows:
            if fmt == "gdelt":  # one event a line: tabs and newlines inside a field would break the row
                row = {k: re.sub(r"[\t\r\n]+", " ", v) if isinstance(v, str) else v for k, v in row.items()}
            writer.writerow(row)
            n += 1
        text.flush()
        text.detach()
        return n
    if fmt == "parquet":
        schema = pa.schema(REPORT_COLUMNS)
        # a pipe cannot be written by ParquetWriter: build the file in memory then
        sink = out if _seekable(out) else io.BytesIO()
        n, chunk = 0, []
        with pq.ParquetWriter(sink, schema) as writer:
            for report, summary in store.iter_stored():
                chunk.append(report_row(report, summary))
                if len(chunk) >= 500:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    n, chunk = n + len(chunk), []
            if chunk or n == 0:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
        if sink is not out:
            out.write(sink.getvalue())
        return n
    raise ValueError(f"unknown export format '{fmt}'; choose from {', '.join(FORMATS)}")
