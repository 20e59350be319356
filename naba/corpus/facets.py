"""Faceted search: total hits, counts by outlet, date, event type, status, speaker kind and entity,
boolean queries, sorting by relevance or by full publication timestamp.

The full-text engine finds the matching reports (all of them, with their relevance); filters,
facet counts, sorting and paging then run in Python over a per-report summary held in memory
(``FacetIndex``: a few sets per report, topped up with what was stored since). Counting in
Python over that summary costs a few milliseconds for thousands of hits, where one GROUP BY per
facet over the child tables would cost tens.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, Field
from sqlalchemy import func, select

from naba.corpus import schema as t
from naba.corpus.records import CorpusEntity, SearchHit
from naba.corpus.search import BooleanQuery, QuerySyntaxError, mark_html, matching_reports, parse_boolean, snippet

SORTS = ("relevance", "newest", "oldest")
FACETS = ("outlet", "date", "event_type", "status", "speaker_kind", "entity")
FACET_SIZE = 12
DAY_BUCKETS_UP_TO = 62  # a histogram over a span up to this many days is by day, else by month


@dataclass
class ReportFacts:
    """What filters and facets need of one report."""

    pk: int
    id: str
    published: str  # full timestamp as stored ('' when none): sorts newest first to the second
    day: str
    outlet: str
    canonical: bool
    event_types: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    speaker_kinds: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)


class FacetIndex:
    """Per-report facts of a store, loaded once and topped up with the reports stored since
    (reports are only ever added; a count that does not match triggers a full reload)."""

    def __init__(self, store):
        self.store = store
        self.facts: dict[int, ReportFacts] = {}
        self._lock = threading.Lock()

    def refresh(self) -> dict[int, ReportFacts]:
        with self._lock:
            with self.store.engine.connect() as conn:
                total = conn.scalar(select(func.count()).select_from(t.reports)) or 0
                if total != len(self.facts):
                    known = max(self.facts, default=0)
                    if total < len(self.facts):
                        self.facts, known = {}, 0
                    self._load(conn, known)
                    if total != len(self.facts):  # a report committed out of pk order: load everything
                        self.facts = {}
                        self._load(conn, 0)
            return self.facts

    def _load(self, conn, after: int) -> None:
        r = t.reports.c
        for pk, report_id, published, day, outlet, canonical in conn.execute(
            select(r.pk, r.id, r.published, r.published_day, r.outlet, r.canonical_id).where(r.pk > after)
        ):
            self.facts[pk] = ReportFacts(pk, report_id, published or "", day or "", outlet or "", canonical is None)
        ev, a, m = t.events.c, t.attributions.c, t.mentions.c
        for pk, kind, status in conn.execute(select(ev.report_pk, ev.type, ev.status).where(ev.report_pk > after)):
            if pk in self.facts:
                self.facts[pk].event_types.add(kind)
                self.facts[pk].statuses.add(status)
        for pk, kind in conn.execute(select(a.report_pk, a.speaker_kind).where(a.report_pk > after, a.speaker_kind.is_not(None))):
            if pk in self.facts:
                self.facts[pk].speaker_kinds.add(kind)
        for pk, entity_id in conn.execute(select(m.report_pk, m.entity_id).where(m.report_pk > after).distinct()):
            if pk in self.facts:
                self.facts[pk].entities.add(entity_id)


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class SearchFilters(BaseModel):
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    event_type: str | None = None
    status: str | None = None
    speaker_kind: str | None = None
    entity: str | None = None


class SearchPage(BaseModel):
    """One page of results with the total and the facet counts over every hit (not just this page)."""

    query: str
    total: int
    limit: int
    offset: int
    sort: str
    filters: SearchFilters
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)
    date_bucket: str = Field("day", description="'day' or 'month': what the date facet counts by.")
    entities: list[CorpusEntity] = Field(default_factory=list, description="Entities known by the query under any of their names.")
    hits: list[SearchHit] = Field(default_factory=list)


def _keep(facts: ReportFacts, filters: SearchFilters, entity_ids: set[str] | None) -> bool:
    if filters.date_from and not (facts.day and facts.day >= filters.date_from[:10]):
        return False
    if filters.date_to and not (facts.day and facts.day <= filters.date_to[:10]):
        return False
    if filters.outlet and facts.outlet != filters.outlet:
        return False
    if filters.event_type and filters.event_type not in facts.event_types:
        return False
    if filters.status and filters.status not in facts.statuses:
        return False
    if filters.speaker_kind and filters.speaker_kind not in facts.speaker_kinds:
        return False
    if entity_ids is not None and not (facts.entities & entity_ids):
        return False
    return True


def _entity_filter_ids(store, name: str) -> set[str]:
    found = store.entity(name)
    if found:
        return {found.id}
    exact = store.find_entities(name, partial=False)
    return {e.id for e in (exact or store.find_entities(name))}


def _top(counter: Counter, size: int = FACET_SIZE) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:size]


def faceted_search(store, index: FacetIndex, q: str, filters: SearchFilters | None = None, sort: str = "relevance",
                   limit: int = 20, offset: int = 0, with_entities: bool = True) -> SearchPage:
    """Every report matching ``q`` (see ``parse_boolean``), filtered, counted by facet, sorted, one page
    of it with snippets. Raises QuerySyntaxError for a query it cannot read or an unknown sort."""
    if sort not in SORTS:
        raise QuerySyntaxError(f"sort: choose from {', '.join(SORTS)}")
    filters = filters or SearchFilters()
    parsed: BooleanQuery = parse_boolean(q)
    facts = index.refresh()
    with store.engine.connect() as conn:
        try:
            matched = matching_reports(conn, parsed)
        except Exception as error:  # the engine refused the expression: say so, never a 500
            if type(error).__name__ in ("OperationalError", "ProgrammingError", "DataError", "SyntaxError"):
                raise QuerySyntaxError(f"the search engine cannot read this query ({str(error).splitlines()[0][:160]})")
            raise
    entity_ids = _entity_filter_ids(store, filters.entity) if filters.entity else None
    kept = [(pk, score) for pk, score in matched if pk in facts and _keep(facts[pk], filters, entity_ids)]

    days = [facts[pk].day for pk, _ in kept if facts[pk].day]
    by_month = bool(days) and _span_days(min(days), max(days)) > DAY_BUCKETS_UP_TO
    counters = {name: Counter() for name in FACETS}
    for pk, _ in kept:
        f = facts[pk]
        if f.outlet:
            counters["outlet"][f.outlet] += 1
        if f.day:
            counters["date"][f.day[:7] if by_month else f.day] += 1
        counters["event_type"].update(f.event_types)
        counters["status"].update(f.statuses)
        counters["speaker_kind"].update(f.speaker_kinds)
        counters["entity"].update(f.entities)
    facets = {name: [FacetValue(value=v, label=v, count=n) for v, n in _top(counters[name])]
              for name in ("outlet", "event_type", "status", "speaker_kind")}
    facets["date"] = [FacetValue(value=v, label=v, count=n) for v, n in sorted(counters["date"].items())]
    top_entities = _top(counters["entity"])
    with store.engine.connect() as conn:
        names = _entity_labels(conn, [e for e, _ in top_entities])
    facets["entity"] = [FacetValue(value=e, label=names.get(e, e), count=n) for e, n in top_entities]

    if sort == "newest":
        kept.sort(key=lambda h: (facts[h[0]].published, h[0]), reverse=True)  # undated ('') last
    elif sort == "oldest":
        kept.sort(key=lambda h: (facts[h[0]].published == "", facts[h[0]].published, h[0]))
    page = kept[offset:offset + limit]
    hits = _hits(store, parsed, page)
    entities = store.find_entities(q, limit=10) if with_entities and offset == 0 and _plain(parsed) else []
    return SearchPage(query=q, total=len(kept), limit=limit, offset=offset, sort=sort, filters=filters, facets=facets,
                      date_bucket="month" if by_month else "day", entities=entities, hits=hits)


def _plain(parsed: BooleanQuery) -> bool:
    """A query without operators, whose words may name an entity."""
    from naba.corpus.search import Term

    root = parsed.root
    return isinstance(root, Term) or (root.op == "and" and all(isinstance(c, Term) for c in root.children))


def _span_days(first: str, last: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return 0


def _entity_labels(conn, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    e = t.entities.c
    return {row.id: (f"{row.name_ar} · {row.name_en}" if row.name_ar and row.name_en else row.name_ar or row.name_en or row.id)
            for row in conn.execute(select(e.id, e.name_ar, e.name_en).where(e.id.in_(ids)))}


def _hits(store, parsed: BooleanQuery, page: list[tuple[int, float]]) -> list[SearchHit]:
    if not page:
        return []
    r = t.reports.c
    with store.engine.connect() as conn:
        rows = {row.pk: row for row in conn.execute(
            select(r.pk, r.id, r.title, r.published, r.outlet, r.url, r.text).where(r.pk.in_([pk for pk, _ in page])))}
    hits = []
    for pk, score in page:
        row = rows[pk]
        window, marks = snippet(row.text, parsed)
        hits.append(SearchHit(id=row.id, score=round(score, 6), title=row.title, published=row.published, outlet=row.outlet,
                              url=row.url, snippet=mark_html(window, marks), snippet_text=window, marks=marks))
    return hits
