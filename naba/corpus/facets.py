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

import numpy as np
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, Field
from sqlalchemy import func, select

from naba.corpus import schema as t
from naba.corpus.records import CorpusEntity, SearchHit
from naba.corpus.search import (
    BooleanQuery, QuerySyntaxError, best_reports, index_text, matching_reports, parse_boolean, snippet,
)

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
    codes: np.ndarray | None = None  # every facet value of the report as an int (FacetIndex.keys), counted with bincount


@dataclass(frozen=True)
class Snapshot:
    """The arrays one search reads: report x value matrix (rows and columns), pk -> row, day numbers,
    publication-time ranks."""

    matrix: object
    columns: object
    row_of: np.ndarray
    days: np.ndarray
    published_rank: np.ndarray


class FacetIndex:
    """Per-report facts of a store, loaded once and topped up with the reports stored since
    (reports are only ever added; a count that does not match triggers a full reload)."""

    def __init__(self, store):
        self.store = store
        self.facts: dict[int, ReportFacts] = {}
        self.keys: list[tuple[str, str]] = []  # (facet, value) of each code
        self._code: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self.snapshot: Snapshot | None = None  # built by _encode

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
                    self._encode()
                elif self.snapshot is None:
                    self._encode()
            return self.facts

    def _encode(self) -> None:
        """Every facet value as an int code; one sparse report x code matrix (rows in pk order), a
        column per value, so filters are column lookups and facet counts one sparse product."""
        from scipy import sparse

        pks = sorted(self.facts)
        codes_per_row = []
        for pk in pks:
            facts = self.facts[pk]
            if facts.codes is None:
                keys = [("outlet", facts.outlet)] if facts.outlet else []
                if facts.day:
                    keys += [("day", facts.day), ("month", facts.day[:7])]
                keys += [("event_type", v) for v in facts.event_types] + [("status", v) for v in facts.statuses]
                keys += [("speaker_kind", v) for v in facts.speaker_kinds] + [("entity", v) for v in facts.entities]
                codes = []
                for key in keys:
                    code = self._code.get(key)
                    if code is None:
                        code = self._code[key] = len(self.keys)
                        self.keys.append(key)
                    codes.append(code)
                facts.codes = np.asarray(codes, dtype=np.int32)
            codes_per_row.append(facts.codes)
        n = len(pks)
        lengths = np.fromiter((len(c) for c in codes_per_row), dtype=np.int64, count=n)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        indices = np.concatenate(codes_per_row) if n else np.zeros(0, dtype=np.int32)
        matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(n, len(self.keys)))
        row_of = np.full((pks[-1] + 1) if pks else 1, -1, dtype=np.int64)
        row_of[pks] = np.arange(n)
        stamps = [self.facts[pk].published for pk in pks]
        order = {stamp: rank for rank, stamp in enumerate(sorted(set(stamps)))}
        # one assignment: a search running meanwhile keeps reading the snapshot it started with
        self.snapshot = Snapshot(matrix, matrix.tocsc(), row_of,
                                 np.asarray([_day_number(self.facts[pk].day) for pk in pks], dtype=np.int64),
                                 np.asarray([order[stamp] if stamp else -1 for stamp in stamps], dtype=np.int64))

    def column(self, snap: Snapshot, facet: str, value: str) -> np.ndarray:
        """Which rows have ``value`` for ``facet`` (all False for a value no report has)."""
        out = np.zeros(snap.matrix.shape[0], dtype=bool)
        code = self._code.get((facet, value))
        if code is not None and code < snap.columns.shape[1]:
            out[snap.columns.indices[snap.columns.indptr[code]:snap.columns.indptr[code + 1]]] = True
        return out

    def count(self, snap: Snapshot, rows: np.ndarray) -> dict[str, Counter]:
        """For each facet, how many of ``rows`` (reports) have each value: one sparse product for all facets."""
        counters: dict[str, Counter] = {name: Counter() for name in ("outlet", "day", "month", "event_type", "status",
                                                                      "speaker_kind", "entity")}
        if len(rows) == 0:
            return counters
        chosen = np.zeros(snap.matrix.shape[0], dtype=np.int32)
        chosen[rows] = 1
        counts = snap.matrix.T.dot(chosen)
        for code in np.flatnonzero(counts).tolist():
            facet, value = self.keys[code]
            counters[facet][value] = int(counts[code])
        return counters

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
    label_en: str | None = None  # an entity's English name, shown apart from its Arabic one
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


def _day_number(day: str) -> int:
    """2015-07-21 -> 20150721 (0 when undated): days compared as integers."""
    digits = day.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _iso(day: int) -> str:
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def _filter_mask(store, index: FacetIndex, snap: Snapshot, filters: SearchFilters) -> np.ndarray:
    """Which rows of the index pass the filters (each a column of the report x value matrix)."""
    mask = np.ones(snap.matrix.shape[0], dtype=bool)
    for facet in ("outlet", "event_type", "status", "speaker_kind"):
        value = getattr(filters, facet)
        if value:
            mask &= index.column(snap, facet, value)
    if filters.entity:
        either = np.zeros_like(mask)
        for entity_id in _entity_filter_ids(store, filters.entity):
            either |= index.column(snap, "entity", entity_id)
        mask &= either
    if filters.date_from:
        mask &= snap.days >= int(filters.date_from[:10].replace("-", ""))
    if filters.date_to:
        mask &= (snap.days > 0) & (snap.days <= int(filters.date_to[:10].replace("-", "")))
    return mask


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
    index.refresh()
    snap = index.snapshot
    filtered = any(getattr(filters, name) for name in ("date_from", "date_to", "outlet", "event_type", "status", "speaker_kind", "entity"))
    # Unfiltered and ranked: every hit unscored (for the total and the facets) plus the page's best few
    # scored, which is cheaper than handing back a score for each of thousands of hits.
    top_only = sort == "relevance" and not filtered and offset + limit <= 200
    best = None
    with store.engine.connect() as conn:
        try:
            matched = matching_reports(conn, parsed, scored=sort == "relevance" and not top_only)
            if top_only:
                best = best_reports(conn, parsed, offset + limit)
        except Exception as error:  # the engine refused the expression: say so, never a 500
            if type(error).__name__ in ("OperationalError", "ProgrammingError", "DataError", "SyntaxError"):
                raise QuerySyntaxError(f"the search engine cannot read this query ({str(error).splitlines()[0][:160]})")
            raise
    table = np.array(matched, dtype=np.float64).reshape(-1, 2)  # one C-level conversion of (pk, score) rows
    pks, scores = table[:, 0].astype(np.int64), table[:, 1]
    known = pks < len(snap.row_of)
    pks, scores = pks[known], scores[known]
    rows = snap.row_of[pks]
    keep = rows >= 0
    if filtered:
        keep &= _filter_mask(store, index, snap, filters)[np.where(rows >= 0, rows, 0)]
    pks, scores, rows = pks[keep], scores[keep], rows[keep]

    days = snap.days[rows]
    dated = days[days > 0]
    by_month = bool(len(dated)) and _span_days(_iso(int(dated.min())), _iso(int(dated.max()))) > DAY_BUCKETS_UP_TO
    counters = index.count(snap, rows)
    counters["date"] = counters["month" if by_month else "day"]
    facets = {name: [FacetValue(value=v, label=v, count=n) for v, n in _top(counters[name])]
              for name in ("outlet", "event_type", "status", "speaker_kind")}
    facets["date"] = [FacetValue(value=v, label=v, count=n) for v, n in sorted(counters["date"].items())]
    top_entities = _top(counters["entity"])
    with store.engine.connect() as conn:
        names = _entity_labels(conn, [e for e, _ in top_entities])
    facets["entity"] = [FacetValue(value=e, label=names.get(e, (e, None))[0], label_en=names.get(e, (e, None))[1], count=n)
                        for e, n in top_entities]

    ranks = snap.published_rank[rows]
    if sort == "newest":  # by full timestamp, undated last, ties newest stored first
        order = np.lexsort((-pks, -ranks))
    elif sort == "oldest":
        order = np.lexsort((pks, ranks, ranks < 0))
    else:  # relevance: the engine's order
        order = np.arange(len(pks))
    chosen = order[offset:offset + limit]
    page = [(int(pks[i]), float(scores[i])) for i in chosen]
    if best is not None:
        page = [(int(pk), float(score)) for pk, score in best[offset:offset + limit] if 0 <= pk < len(snap.row_of) and snap.row_of[pk] >= 0]
    hits = _hits(store, parsed, page)
    entities = named_by(store, q) if with_entities and offset == 0 and _plain(parsed) else []
    return SearchPage(query=q, total=len(pks), limit=limit, offset=offset, sort=sort, filters=filters, facets=facets,
                      date_bucket="month" if by_month else "day", entities=entities, hits=hits)


def named_by(store, q: str, limit: int = 10) -> list[CorpusEntity]:
    """Entities one of whose names is exactly the query (after normalisation and clitic stripping),
    most mentioned first; names and counts only (the entity page lists the reports)."""
    norm = index_text(q)
    if not norm:
        return []
    a, e = t.entity_aliases.c, t.entities.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.id, e.type, e.name_en, e.name_ar, e.kb, e.mention_count)
                            .where(e.id.in_(select(a.entity_id).where(a.alias_norm == norm)))
                            .order_by(e.mention_count.desc(), e.id).limit(limit)).all()
    return [CorpusEntity(**row._mapping) for row in rows]


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


def _entity_labels(conn, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """(Arabic name, English name or None) by entity id; the English name alone when there is no Arabic one."""
    if not ids:
        return {}
    e = t.entities.c
    return {row.id: (row.name_ar, row.name_en) if row.name_ar else (row.name_en or row.id, None)
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
                              url=row.url, snippet=window, marks=marks))
    return hits
