"""The analyst's tables: five flat, typed tables built from Reports, one schema for every writer.

`naba export --format parquet|csv` (a store) and `naba spark` (a cluster) both build their rows
here, so a table read from either has the same columns and types. Every table carries
``report_id`` (to join) and ``published_date`` (the partition column of the Spark output).
Names are never joined into one string: one entity, mention, attribution or event is one row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import pyarrow as pa

from naba.record import Report, Span

TABLES = ("reports", "entities", "mentions", "attributions", "events")
PARTITION_COLUMN = "published_date"
# The full Report as JSON rides along in the reports table, so the output loads back into a store
# (`naba ingest DIR`) exactly as analysed.
REPORT_JSON_COLUMN = "report_json"

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _span(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_start", pa.int32()), pa.field(f"{prefix}_end", pa.int32()),
            pa.field(f"{prefix}_text", pa.string())]


_KEY = [pa.field("report_id", pa.string())]  # nullable: Spark writes a struct's fields so
_DATE = [pa.field(PARTITION_COLUMN, pa.date32())]

SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema(_KEY + [
        pa.field("published", pa.timestamp("us")),  # the outlet's local time as printed
        pa.field("published_utc_offset_minutes", pa.int32()),  # when the source states a zone
        pa.field("outlet", pa.string()), pa.field("title", pa.string()), pa.field("section", pa.string()),
        pa.field("author", pa.string()), pa.field("url", pa.string()), pa.field("language", pa.string()),
        pa.field("canonical_id", pa.string()),  # near-duplicate link (a store's; null from Spark)
        pa.field("story_id", pa.string()),  # story grouping (a store's; null from Spark)
        pa.field("sentences", pa.int32()), pa.field("tokens", pa.int32()), pa.field("entities", pa.int32()),
        pa.field("times", pa.int32()), pa.field("attributions", pa.int32()), pa.field("events", pa.int32()),
        pa.field("sources_named", pa.int32()), pa.field("sources_anonymous", pa.int32()),
        pa.field("sources_group", pa.int32()), pa.field("sources_outlet", pa.int32()),
        pa.field("sources_organization", pa.int32()), pa.field("unnamed_share", pa.float64()),
        pa.field("text", pa.string()), pa.field(REPORT_JSON_COLUMN, pa.string()),
    ] + _DATE),
    "entities": pa.schema(_KEY + [
        pa.field("entity_id", pa.string()), pa.field("type", pa.string()), pa.field("name_ar", pa.string()),
        pa.field("name_en", pa.string()), pa.field("kb", pa.string()), pa.field("mentions", pa.int32()),
    ] + _DATE),
    "mentions": pa.schema(_KEY + [
        pa.field("entity_id", pa.string()), pa.field("type", pa.string()),
        pa.field("start", pa.int32()), pa.field("end", pa.int32()), pa.field("text", pa.string()),
    ] + _DATE),
    "attributions": pa.schema(_KEY + [
        pa.field("attribution_index", pa.int32()), *_span("cue"), *_span("speaker"),
        pa.field("speaker_kind", pa.string()), pa.field("speaker_entity", pa.string()),
        pa.field("speaker_affiliation", pa.string()), *_span("via"), pa.field("via_entity", pa.string()),
        pa.field("direct", pa.bool_()), *_span("content"),
    ] + _DATE),
    "events": pa.schema(_KEY + [
        pa.field("event_index", pa.int32()), pa.field("type", pa.string()), pa.field("mode", pa.string()),
        pa.field("cameo", pa.string()), pa.field("status", pa.string()), *_span("trigger"),
        pa.field("actor", pa.string()), pa.field("target", pa.string()), pa.field("place", pa.string()),
        pa.field("time_text", pa.string()), pa.field("time_value", pa.string()),  # TIMEX3 as found
        pa.field("event_date", pa.date32()),  # the time's day, when it names one
        pa.field("attribution_index", pa.int32()), pa.field("evidence", pa.int32()),
    ] + _DATE),
}


def parse_timestamp(value: str | None) -> tuple[datetime | None, int | None]:
    """(wall-clock time as printed, UTC offset in minutes or None) of an ISO 8601 string."""
    if not value:
        return None, None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None, None
    offset = stamp.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else None
    return stamp.replace(tzinfo=None), minutes


def day_of(value: str | None) -> date | None:
    """The calendar day a TIMEX3 value names (YYYY-MM-DD...), else None (a month, a year, PRESENT_REF)."""
    if value and _DAY.match(value[:10]) and (len(value) == 10 or value[10] == "T"):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _spanned(prefix: str, span: Span | None) -> dict:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def report_tables(report: Report, canonical_id: str | None = None, story_id: str | None = None) -> dict[str, list[dict]]:
    """The rows one Report adds to each of the five tables."""
    published, offset = parse_timestamp(report.meta.published)
    day = published.date() if published else None
    key = {"report_id": report.id}
    meta, sourcing = report.meta, report.sourcing
    reports = [{
        **key, "published": published, "published_utc_offset_minutes": offset, "outlet": meta.outlet,
        "title": meta.title, "section": meta.section, "author": meta.author, "url": meta.url,
        "language": meta.language, "canonical_id": canonical_id, "story_id": story_id,
        "sentences": len(report.sentences), "tokens": len(report.tokens), "entities": len(report.entities),
        "times": len(report.times), "attributions": len(report.attributions), "events": len(report.events),
        "sources_named": sourcing.named, "sources_anonymous": sourcing.anonymous, "sources_group": sourcing.group,
        "sources_outlet": sourcing.outlet, "sources_organization": sourcing.organization,
        "unnamed_share": sourcing.unnamed_share, "text": report.text, REPORT_JSON_COLUMN: report.to_json(),
        PARTITION_COLUMN: day,
    }]
    entities, mentions = [], []
    for entity in report.entities:
        entities.append({**key, "entity_id": entity.id, "type": entity.type, "name_ar": entity.name_ar,
                         "name_en": entity.name_en, "kb": entity.kb, "mentions": len(entity.mentions),
                         PARTITION_COLUMN: day})
        for mention in entity.mentions:
            mentions.append({**key, "entity_id": entity.id, "type": entity.type, "start": mention.start,
                             "end": mention.end, "text": mention.text, PARTITION_COLUMN: day})
    attributions = [{
        **key, "attribution_index": index, **_spanned("cue", a.cue), **_spanned("speaker", a.speaker),
        "speaker_kind": a.speaker_kind, "speaker_entity": a.speaker_entity,
        "speaker_affiliation": a.speaker_affiliation, **_spanned("via", a.via), "via_entity": a.via_entity,
        "direct": a.direct, **_spanned("content", a.content), PARTITION_COLUMN: day,
    } for index, a in enumerate(report.attributions)]
    events = []
    for index, event in enumerate(report.events):
        time = report.times[event.time] if event.time is not None and 0 <= event.time < len(report.times) else None
        events.append({
            **key, "event_index": index, "type": event.type, "mode": event.mode, "cameo": event.cameo,
            "status": event.status, **_spanned("trigger", event.trigger), "actor": event.actor,
            "target": event.target, "place": event.place, "time_text": time.text if time else None,
            "time_value": time.value if time else None, "event_date": day_of(time.value if time else None),
            "attribution_index": event.attribution, "evidence": len(event.evidence), PARTITION_COLUMN: day,
        })
    return {"reports": reports, "entities": entities, "mentions": mentions,
            "attributions": attributions, "events": events}


@dataclass
class TableRows:
    """Rows gathered per table from many Reports, turned into Arrow tables of the one schema."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})

    def add(self, report: Report, canonical_id: str | None = None, story_id: str | None = None) -> None:
        for name, rows in report_tables(report, canonical_id, story_id).items():
            self.rows[name].extend(rows)

    def __len__(self) -> int:
        return len(self.rows["reports"])

    def arrow(self, name: str) -> pa.Table:
        return pa.Table.from_pylist(self.rows[name], schema=SCHEMAS[name])

    def clear(self) -> None:
        for rows in self.rows.values():
            rows.clear()


def tables_of(reports: Iterable[Report]) -> dict[str, pa.Table]:
    """The five tables of some Reports (tests, small exports)."""
    rows = TableRows()
    for report in reports:
        rows.add(report)
    return {name: rows.arrow(name) for name in TABLES}
