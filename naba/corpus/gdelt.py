"""GDELT-style event rows an analyst can load: one row per reported event, GDELT 1.0 column names.

Built from the stored Reports (every event field is there): Actor1Code/Actor2Code are the
CAMEO-style actor codes of the events layer (country alpha-3 + role: ``USAGOV``, ``IRQCOP``,
``UAF``), the country codes are ISO 3166 alpha-3 as GDELT's actor codes use them, EventCode/
BaseCode/RootCode come from the event's CAMEO code, QuadClass from its root, GoldsteinScale from
GDELT's published CAMEO table (``naba/resources/events/cameo_goldstein.tsv``, cited there),
ActionGeo from the event's place and the country the knowledge base gives it, SQLDATE from the
event's own time when it names a day, else the report's date.

Counts, per row: NumMentions is the number of trigger mentions of the event in its report;
NumSources and NumArticles are 1 (one report; a story's other reports carry their own rows).
Mentions (status ``referenced``: a bombing a statement condemns) and hypotheticals (``قد``، ``إذا``)
are no events of their own and are left out unless asked for; the statement that mentions them
is exported. Every other status (planned, denied ...) is kept and named in the Status column.

``GDELT_SCHEMA`` names each column's type, so a loader can read the file typed
(``pandas_dtypes()``, ``duckdb_columns()``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from naba.record import Report

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

GDELT_SCHEMA: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "VARCHAR"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"), ("Year", "INTEGER"),
    ("Actor1Code", "VARCHAR"), ("Actor1Name", "VARCHAR"), ("Actor1CountryCode", "VARCHAR"),
    ("Actor1Type1Code", "VARCHAR"), ("Actor1KB", "VARCHAR"), ("Actor1Span", "VARCHAR"),
    ("Actor2Code", "VARCHAR"), ("Actor2Name", "VARCHAR"), ("Actor2CountryCode", "VARCHAR"),
    ("Actor2Type1Code", "VARCHAR"), ("Actor2KB", "VARCHAR"), ("Actor2Span", "VARCHAR"),
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"), ("EventRootCode", "VARCHAR"),
    ("QuadClass", "INTEGER"), ("GoldsteinScale", "DOUBLE"), ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"), ("ActionGeo_Type", "INTEGER"), ("ActionGeo_FullName", "VARCHAR"),
    ("ActionGeo_CountryCode", "VARCHAR"), ("ActionGeo_KB", "VARCHAR"), ("PloverType", "VARCHAR"),
    ("PloverMode", "VARCHAR"), ("Status", "VARCHAR"), ("EventDate", "VARCHAR"), ("DATEADDED", "BIGINT"),
    ("SOURCEURL", "VARCHAR"), ("ReportId", "VARCHAR"), ("Trigger", "VARCHAR"),
]
GDELT_COLUMNS = [name for name, _ in GDELT_SCHEMA]
# mentions and what-ifs are no events of their own: left out unless asked for
NOT_EVENTS = frozenset({"referenced", "hypothetical"})
_PANDAS = {"VARCHAR": "string", "INTEGER": "Int64", "BIGINT": "Int64", "DOUBLE": "float64"}


def pandas_dtypes() -> dict[str, str]:
    """``pd.read_csv(path, sep="\\t", dtype=pandas_dtypes())`` reads the export typed (codes keep their zeros)."""
    return {name: _PANDAS[kind] for name, kind in GDELT_SCHEMA}


def duckdb_columns() -> dict[str, str]:
    """``read_csv(path, delim='\\t', header=true, columns=duckdb_columns())`` in DuckDB."""
    return dict(GDELT_SCHEMA)


def quad_class(root: str | None) -> int | None:
    """GDELT QuadClass of a CAMEO root code: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not root or not root.isdigit():
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 if n <= 20 else None


@cache
def goldstein_table() -> dict[str, float]:
    table = {}
    for line in (RESOURCES / "cameo_goldstein.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("cameo"):
            code, value = line.split("\t")
            table[code] = float(value)
    return table


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein value of a CAMEO code, or of its nearest listed parent (1822 -> 182 -> 18)."""
    table = goldstein_table()
    code = cameo or ""
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


@dataclass(frozen=True)
class Places:
    """What the knowledge base says of places and countries: alpha-3 and kind, by KB id."""

    alpha3: dict[str, str]  # KB id -> alpha-3 of the country it is or lies in
    kind: dict[str, str]
    by_alpha2: dict[str, str]  # ISO alpha-2 -> alpha-3

    @classmethod
    @cache
    def load(cls) -> Places:
        from naba.entities.kb import KB_DIR, read_records

        codes = {}
        for line in (RESOURCES / "country_codes.tsv").read_text("utf-8").splitlines():
            if line and not line.startswith(("#", "alpha2")):
                a2, a3 = line.split("\t")
                codes[a2] = a3
        records = read_records(KB_DIR)
        country_of = {r["id"]: codes.get((r.get("iso") or "").upper()) for r in records if r.get("kind") == "country"}
        alpha3, kind = {}, {}
        for r in records:
            a3 = country_of.get(r["id"]) or country_of.get(r.get("country") or "")
            if a3:
                alpha3[r["id"]] = a3
            if r.get("kind"):
                kind[r["id"]] = r["kind"]
        return cls(alpha3, kind, codes)

    def country(self, entity) -> str:
        """Alpha-3 of the country an entity is or lies in: by KB id, or a country KB id ending in
        its ISO alpha-2 code (``gpe:ir``, ``IR``)."""
        kb = entity.kb or ""
        if kb in self.alpha3:
            return self.alpha3[kb]
        match = _COUNTRY_KB.search(kb) if entity.type == "GPE" else None
        return self.by_alpha2.get(match.group(1).upper(), "") if match else ""


_COUNTRY_KB = re.compile(r"(?:^|[:/_-])([A-Za-z]{2})$")


def _day(value: str | None) -> str:
    return value[:10].replace("-", "") if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else ""


def _int(text: str) -> int | None:
    return int(text) if text else None


def event_rows(report: Report, url: str | None = None, added=None, include_referenced: bool = False) -> Iterator[dict]:
    """The GDELT-style rows of one report's events."""
    places = Places.load()
    entities = {e.id: e for e in report.entities}
    published = _day(report.meta.published)
    for idx, event in enumerate(report.events):
        if event.status in NOT_EVENTS and not include_referenced:
            continue
        time = report.times[event.time] if event.time is not None and event.time < len(report.times) else None
        day = _day(time.value if time else None) or published
        cameo = event.cameo or ""
        place = entities.get(event.place) if event.place else None
        row = {
            "GLOBALEVENTID": f"{report.id}-{idx}", "SQLDATE": _int(day), "MonthYear": _int(day[:6]),
            "Year": _int(day[:4]), "IsRootEvent": 1 if idx == 0 else 0, "EventCode": cameo,
            "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2], "QuadClass": quad_class(cameo[:2]),
            "GoldsteinScale": goldstein(cameo), "NumMentions": max(1, len(event.evidence)), "NumSources": 1,
            "NumArticles": 1, "ActionGeo_Type": None, "ActionGeo_FullName": "", "ActionGeo_CountryCode": "",
            "ActionGeo_KB": "", "PloverType": event.type, "PloverMode": event.mode or "", "Status": event.status,
            "EventDate": time.value if time and time.value else "",
            "DATEADDED": int(added.strftime("%Y%m%d%H%M%S")) if added else None,
            "SOURCEURL": url or report.meta.url or "", "ReportId": report.id, "Trigger": event.trigger.text,
        }
        if place is not None:
            kind = places.kind.get(place.kb or "")
            row.update({"ActionGeo_Type": 1 if kind == "country" else 5 if kind in ("region", "state") else 4,
                        "ActionGeo_FullName": place.name_en or place.name_ar or "",
                        "ActionGeo_CountryCode": places.country(place), "ActionGeo_KB": place.kb or ""})
        for n, eid, code, span in ((1, event.actor, event.actor_code, event.actor_span),
                                   (2, event.target, event.target_code, event.target_span)):
            entity = entities.get(eid) if eid else None
            country = code[:3] if code and len(code) >= 3 and code[:3] in places.alpha3.values() else ""
            if not country and entity is not None:
                country = places.country(entity)
            role = code[len(country):] if code else ""
            name = (entity.name_en or entity.name_ar) if entity else (span.text if span else "")
            row.update({f"Actor{n}Code": code or country, f"Actor{n}Name": name or "",
                        f"Actor{n}CountryCode": country, f"Actor{n}Type1Code": role[:3],
                        f"Actor{n}KB": (entity.kb or "") if entity else "", f"Actor{n}Span": span.text if span else ""})
        yield {name: row.get(name) for name in GDELT_COLUMNS}


def gdelt_rows(stored: Iterable[tuple[Report, object]], include_referenced: bool = False) -> Iterator[dict]:
    """Rows for ``(report, summary)`` pairs as ``Store.iter_stored()`` yields them."""
    for report, summary in stored:
        yield from event_rows(report, getattr(summary, "url", None), getattr(summary, "ingested_at", None),
                              include_referenced)
