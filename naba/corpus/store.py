"""The corpus store: every Report kept whole, plus the tables that are queried.

SQLAlchemy 2 over SQLite (default: ``naba.db`` in the working directory, or ``NABA_DB``) or
PostgreSQL (``postgresql://...``, driven by psycopg 3). Storage never runs a model: it takes
finished Reports. Writes are idempotent by report id, so a killed ingest can simply be rerun.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, bindparam, case, create_engine, event, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from naba.corpus import schema as t
from naba.corpus.dedup import NearDuplicates, from_bytes, minhash_of, to_bytes
from naba.corpus.graph import build_graph
from naba.corpus.records import (
    AddResult, CorpusEntity, GraphData, ReportSummary, SearchHit, Story, TimelineItem,
)
from naba.corpus.search import SearchIndex, index_text, mark_html, parse_query, snippet
from naba.corpus.stories import StoryInput, group_stories
from naba.corpus.timeline import EventRow, build_timeline
from naba.record import Entity, Report

DEFAULT_DB = "naba.db"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def resolve_url(url: str | None = None) -> str:
    """``--db`` value, else ``NABA_DB``, else ``naba.db`` in the working directory, as an SQLAlchemy URL.

    A bare path means an SQLite file; ``postgresql://`` URLs are sent to the psycopg 3 driver.
    """
    url = url or os.environ.get("NABA_DB") or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def corpus_entity_id(entity: Entity) -> str:
    """One id per KB entity, else per type + normalised, clitic-stripped name."""
    if entity.kb:
        return entity.kb
    name = entity.name_ar or entity.name_en or (entity.mentions[0].text if entity.mentions else entity.id)
    key = f"{entity.type}|{index_text(name) or name}"
    return f"{entity.type.lower()}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


@lru_cache(maxsize=65536)
def _alias_norm(alias: str) -> str:
    """How an alias is looked up: normalised and clitic-stripped like search terms (names repeat: cached)."""
    return index_text(alias)


def _day(published: str | None) -> str | None:
    return published[:10] if published and _DAY.match(published) else None


def _date_bound(value: str | None) -> str | None:
    return value[:10] if value else None


def _insert(conn: Connection, table):
    return (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(table)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the ingest, and a kill loses only the open batch
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@dataclass
class _Rows:
    """Child rows of a batch of reports, written with one statement per table."""

    entities: dict[str, dict] = field(default_factory=dict)
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    mentions: list[dict] = field(default_factory=list)
    times: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    search: list[tuple[int, str, str]] = field(default_factory=list)  # (report pk, indexed title, indexed body)


class Store:
    """A corpus of Reports in one database. Open with ``Store.open(url)``; close when done."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self.index = SearchIndex(self.dialect)
        self._near: NearDuplicates | None = None
        self._near_max_pk = 0
        self._adding = threading.Lock()  # one add at a time per Store: the near-duplicate index is shared

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating or upgrading the schema) the store at ``url``; see ``resolve_url`` for defaults."""
        resolved = resolve_url(url)
        if resolved.startswith("sqlite"):
            engine = create_engine(resolved)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(resolved, pool_pre_ping=True)
        t.migrate(engine)
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already (ingest skips their analysis)."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                found.update(conn.scalars(select(t.reports.c.id).where(t.reports.c.id.in_(chunk))))
        return found

    def add(self, reports: Iterable[Report]) -> AddResult:
        """Store reports in one transaction; ids already stored are skipped, near-duplicates linked.

        Idempotent: adding the same reports again stores nothing and counts them as duplicates.
        """
        with self._adding:
            return self._add(list(reports))

    def _add(self, batch: list[Report]) -> AddResult:
        result = AddResult()
        pending: list[tuple[str, object]] = []  # (id, minhash) of new canonical reports, indexed after commit
        with self.engine.begin() as conn:
            seen = self._existing(conn, [r.id for r in batch])
            rows = _Rows()
            near = self._near_index(conn)
            for report in batch:
                if report.id in seen:
                    result.duplicates += 1
                    continue
                seen.add(report.id)
                body = index_text(report.text)
                mh = minhash_of(report.text, body)
                canonical = near.canonical_for(mh) or self._canonical_in(pending, mh, near.threshold)
                self._insert_report(conn, report, body, to_bytes(mh), canonical, rows)
                if canonical:
                    result.near_duplicates += 1
                else:
                    pending.append((report.id, mh))
                result.stored += 1
                result.stored_ids.append(report.id)
            if result.stored:
                self._write_rows(conn, rows)
                self._set_state(conn, "stories_dirty", "1")
        for report_id, mh in pending:
            near.add(report_id, mh)
        return result

    @staticmethod
    def _canonical_in(pending: list, mh, threshold: float) -> str | None:
        for report_id, other in pending:
            if mh.jaccard(other) >= threshold:
                return report_id
        return None

    def _existing(self, conn: Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            found.update(conn.scalars(select(t.reports.c.id).where(t.reports.c.id.in_(ids[i:i + 500]))))
        return found

    def _near_index(self, conn: Connection) -> NearDuplicates:
        """The LSH index of canonical reports, loaded once and topped up with what others stored since."""
        if self._near is None:
            self._near = NearDuplicates()
        rows = conn.execute(
            select(t.reports.c.pk, t.reports.c.id, t.reports.c.minhash)
            .where(t.reports.c.pk > self._near_max_pk, t.reports.c.canonical_id.is_(None), t.reports.c.minhash.is_not(None))
            .order_by(t.reports.c.pk)
        )
        for pk, report_id, data in rows:
            self._near.add(report_id, from_bytes(data))
            self._near_max_pk = max(self._near_max_pk, pk)
        return self._near

    def _insert_report(self, conn: Connection, report: Report, body: str, minhash: bytes, canonical: str | None,
                       rows: _Rows) -> None:
        """Write the report row now (its key is needed); collect its child rows for one write per batch."""
        meta = report.meta
        pk = conn.execute(t.reports.insert().values(
            id=report.id, title=meta.title, outlet=meta.outlet, url=meta.url, published=meta.published,
            published_day=_day(meta.published), canonical_id=canonical,
            n_entities=len(report.entities), n_times=len(report.times),
            n_attributions=len(report.attributions), n_events=len(report.events),
            minhash=minhash, text=report.text, report_json=report.to_json(), ingested_at=datetime.now(timezone.utc).replace(tzinfo=None),
        )).inserted_primary_key[0]

        local = {entity.id: corpus_entity_id(entity) for entity in report.entities}
        in_report: set[str] = set()
        for entity in report.entities:
            cid = local[entity.id]
            row = rows.entities.setdefault(cid, dict(id=cid, type=entity.type, name_ar=entity.name_ar, name_en=entity.name_en,
                                                     kb=entity.kb, mention_count=0, report_count=0))
            row["mention_count"] += len(entity.mentions)
            if cid not in in_report:
                in_report.add(cid)
                row["report_count"] += 1
            row["name_ar"] = row["name_ar"] or entity.name_ar
            row["name_en"] = row["name_en"] or entity.name_en
            for alias in [entity.name_ar, entity.name_en, *(m.text for m in entity.mentions)]:
                norm = _alias_norm(alias) if alias else ""
                key = (cid, norm[:400])
                if norm and (key not in rows.aliases or len(alias) < len(rows.aliases[key])):
                    rows.aliases[key] = alias  # the shortest spelling is shown: نتنياهو rather than ونتنياهو
            rows.mentions += [dict(report_pk=pk, entity_id=cid, local_id=entity.id, start_char=m.start, end_char=m.end,
                                   text=m.text) for m in entity.mentions]
        rows.times += [
            dict(report_pk=pk, idx=i, start_char=x.start, end_char=x.end, text=x.text, value=x.value, mod=x.mod)
            for i, x in enumerate(report.times)
        ]
        rows.attributions += [
            dict(report_pk=pk, idx=i, speaker=a.speaker.text if a.speaker else None, speaker_kind=a.speaker_kind,
                 speaker_entity=local.get(a.speaker_entity or ""),
                 speaker_affiliation=local.get(getattr(a, "speaker_affiliation", None) or ""),
                 via_entity=local.get(a.via_entity or ""), cue=a.cue.text if a.cue else None, direct=a.direct,
                 content=a.content.text if a.content else None)
            for i, a in enumerate(report.attributions)
        ]
        for i, e in enumerate(report.events):
            time = report.times[e.time] if e.time is not None and 0 <= e.time < len(report.times) else None
            rows.events.append(dict(
                report_pk=pk, idx=i, type=e.type, mode=e.mode, cameo=e.cameo, actor=local.get(e.actor or ""),
                target=local.get(e.target or ""), place=local.get(e.place or ""), date=time.value if time else None,
                status=e.status, trigger=e.trigger.text, trigger_start=e.trigger.start, trigger_end=e.trigger.end,
                attribution=e.attribution,
            ))
        rows.search.append((pk, index_text(meta.title), body))

    def _write_rows(self, conn: Connection, rows: _Rows) -> None:
        if rows.entities:  # sorted, so concurrent writers lock entity rows in one order
            stmt = _insert(conn, t.entities)
            stmt = stmt.on_conflict_do_update(index_elements=[t.entities.c.id], set_={
                "mention_count": t.entities.c.mention_count + stmt.excluded.mention_count,
                "report_count": t.entities.c.report_count + stmt.excluded.report_count,
                "name_ar": func.coalesce(t.entities.c.name_ar, stmt.excluded.name_ar),
                "name_en": func.coalesce(t.entities.c.name_en, stmt.excluded.name_en),
            })
            conn.execute(stmt, sorted(rows.entities.values(), key=lambda r: r["id"]))
        if rows.aliases:
            alias_stmt = _insert(conn, t.entity_aliases)
            alias_stmt = alias_stmt.on_conflict_do_update(index_elements=["entity_id", "alias_norm"], set_={
                "alias": case((func.length(alias_stmt.excluded.alias) < func.length(t.entity_aliases.c.alias),
                               alias_stmt.excluded.alias), else_=t.entity_aliases.c.alias)})
            conn.execute(alias_stmt, [dict(entity_id=c, alias_norm=n, alias=a) for (c, n), a in sorted(rows.aliases.items())])
        for table, batch in ((t.mentions, rows.mentions), (t.times, rows.times), (t.attributions, rows.attributions),
                             (t.events, rows.events)):
            if batch:
                conn.execute(table.insert(), batch)
        self.index.add_many(conn, rows.search)

    def _set_state(self, conn: Connection, key: str, value: str) -> None:
        stmt = _insert(conn, t.corpus_state)
        conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
                     {"key": key, "value": value})

    def _state(self, conn: Connection, key: str) -> str | None:
        return conn.scalar(select(t.corpus_state.c.value).where(t.corpus_state.c.key == key))

    # ---- reading -------------------------------------------------------------------------

    def get(self, report_id: str) -> Report | None:
        """The stored Report with this id, exactly as it was added."""
        with self.engine.connect() as conn:
            data = conn.scalar(select(t.reports.c.report_json).where(t.reports.c.id == report_id))
        return Report.from_json(data) if data else None

    def count_reports(self) -> int:
        """How many reports are stored (near-duplicates included)."""
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(t.reports)) or 0

    def list_reports(self, limit: int = 50, offset: int = 0) -> list[ReportSummary]:
        """Reports newest first (by publication day; undated last), a page at a time."""
        query = (self._summary_select()
                 .order_by(t.reports.c.published_day.desc().nulls_last(), t.reports.c.pk.desc())
                 .limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [self._summary(row) for row in conn.execute(query)]

    def iter_reports(self, batch: int = 200) -> Iterator[Report]:
        """Every stored Report in storage order, streamed (for exports)."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(t.reports.c.pk, t.reports.c.report_json)
                                    .where(t.reports.c.pk > last).order_by(t.reports.c.pk).limit(batch)).all()
            if not rows:
                return
            for pk, data in rows:
                last = pk
                yield Report.from_json(data)

    def iter_stored(self, batch: int = 200) -> Iterator[tuple[Report, ReportSummary]]:
        """Every stored Report with its summary row (near-duplicate link, story), in storage order."""
        self._ensure_stories()
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(self._summary_select().add_columns(t.reports.c.pk, t.reports.c.report_json)
                                    .where(t.reports.c.pk > last).order_by(t.reports.c.pk).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                last = row.pk
                yield Report.from_json(row.report_json), self._summary(row)

    @staticmethod
    def _summary_select():
        r = t.reports.c
        return select(r.id, r.title, r.published, r.outlet, r.url, r.canonical_id, r.story_id,
                      r.n_entities, r.n_times, r.n_attributions, r.n_events)

    @staticmethod
    def _summary(row) -> ReportSummary:
        return ReportSummary(
            id=row.id, title=row.title, published=row.published, outlet=row.outlet, url=row.url,
            canonical_id=row.canonical_id, story_id=row.story_id, entities=row.n_entities, times=row.n_times,
            attributions=row.n_attributions, events=row.n_events,
        )

    def search(
        self, query: str, limit: int = 20, offset: int = 0, date_from: str | None = None, date_to: str | None = None,
        entity: str | None = None,
    ) -> list[SearchHit]:
        """Ranked full-text hits for ``query`` (words ANDed, "quoted phrases" kept together), matched on
        normalised, clitic-stripped Arabic; optional publication-day bounds (inclusive, YYYY-MM-DD) and an
        entity (corpus id or any alias) the report must mention."""
        parsed = parse_query(query)
        clauses, params = [], {}
        if date_from:
            clauses.append("r.published_day >= :date_from")
            params["date_from"] = _date_bound(date_from)
        if date_to:
            clauses.append("r.published_day <= :date_to")
            params["date_to"] = _date_bound(date_to)
        if entity:
            ids = self._entity_ids(entity)
            if not ids:
                return []
            names = [f":e{i}" for i in range(len(ids))]
            params.update({f"e{i}": v for i, v in enumerate(ids)})
            clauses.append(f"r.pk IN (SELECT report_pk FROM mentions WHERE entity_id IN ({', '.join(names)}))")
        with self.engine.connect() as conn:
            raw = self.index.search(conn, parsed, limit, offset, " AND ".join(clauses), params)
            if not raw:
                return []
            r = t.reports.c
            rows = {row.pk: row for row in conn.execute(
                select(r.pk, r.id, r.title, r.published, r.outlet, r.url, r.text).where(r.pk.in_([h.report_pk for h in raw]))
            )}
        hits = []
        for h in raw:
            row = rows[h.report_pk]
            window, marks = snippet(row.text, parsed)
            hits.append(SearchHit(id=row.id, score=round(h.score, 6), title=row.title, published=row.published,
                                  outlet=row.outlet, url=row.url, snippet=mark_html(window, marks),
                                  snippet_text=window, marks=marks))
        return hits

    # ---- entities ------------------------------------------------------------------------

    def _entity_ids(self, name_or_id: str) -> list[str]:
        found = self.entity(name_or_id)
        if found:
            return [found.id]
        exact = self.find_entities(name_or_id, partial=False)  # "ايران" must not widen to every "ايراني" alias
        return [e.id for e in (exact or self.find_entities(name_or_id))]

    def entity(self, entity_id: str) -> CorpusEntity | None:
        """One corpus entity with its aliases and the reports that mention it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
            if row is None:
                return None
            return self._corpus_entity(conn, row)

    def _corpus_entity(self, conn: Connection, row) -> CorpusEntity:
        aliases = list(conn.scalars(select(t.entity_aliases.c.alias).where(t.entity_aliases.c.entity_id == row.id)
                                    .order_by(t.entity_aliases.c.alias)))
        report_ids = list(conn.scalars(
            select(t.reports.c.id).where(t.reports.c.pk.in_(
                select(t.mentions.c.report_pk).where(t.mentions.c.entity_id == row.id))).order_by(t.reports.c.pk)))
        return CorpusEntity(id=row.id, type=row.type, name_en=row.name_en, name_ar=row.name_ar, kb=row.kb,
                            aliases=aliases, report_ids=report_ids, mention_count=row.mention_count)

    def find_entities(self, name: str, limit: int = 20, partial: bool = True) -> list[CorpusEntity]:
        """Entities known by ``name`` under any alias, compared after Arabic normalisation and clitic
        stripping (لنتنياهو finds نتنياهو); exact alias matches first, then (``partial``) aliases containing it."""
        norm = index_text(name)
        if not norm:
            return []
        a, e = t.entity_aliases.c, t.entities.c
        with self.engine.connect() as conn:
            exact = list(conn.scalars(select(a.entity_id).where(a.alias_norm == norm).distinct()))
            within = list(conn.scalars(
                select(a.entity_id).where(a.alias_norm.contains(norm, autoescape=True), a.alias_norm != norm)
                .distinct().limit(limit * 5))) if partial else []
            ids = list(dict.fromkeys(exact + within))
            if not ids:
                return []
            rows = {row.id: row for row in conn.execute(select(t.entities).where(e.id.in_(ids)))}
            ordered = sorted(ids, key=lambda i: (i not in exact, -rows[i].mention_count, i))[:limit]
            return [self._corpus_entity(conn, rows[i]) for i in ordered]

    def reports_mentioning(self, entity_id: str, limit: int = 50) -> list[ReportSummary]:
        """Reports that mention the entity, newest first."""
        query = (self._summary_select()
                 .where(t.reports.c.pk.in_(select(t.mentions.c.report_pk).where(t.mentions.c.entity_id == entity_id)))
                 .order_by(t.reports.c.published_day.desc().nulls_last(), t.reports.c.pk.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [self._summary(row) for row in conn.execute(query)]

    def _names(self, conn: Connection, ids: Iterable[str]) -> dict[str, str]:
        ids = [i for i in set(ids) if i]
        if not ids:
            return {}
        rows = conn.execute(select(t.entities.c.id, t.entities.c.name_en, t.entities.c.name_ar).where(t.entities.c.id.in_(ids)))
        return {row.id: row.name_en or row.name_ar or row.id for row in rows}

    # ---- timelines, graph, stories --------------------------------------------------------

    def timeline(self, entity_id: str) -> list[TimelineItem]:
        """Events involving the entity (as actor, target or place) across reports, one item per event
        (reports telling the same event are merged), ordered by event date."""
        self._ensure_stories()
        ev, r = t.events.c, t.reports.c
        query = (select(ev.type, ev.mode, ev.cameo, ev.actor, ev.target, ev.place, ev.date, ev.status, ev.trigger,
                        r.id, r.published, r.published_day, r.title, r.url, r.story_id)
                 .join_from(t.events, t.reports, ev.report_pk == r.pk)
                 .where(or_(ev.actor == entity_id, ev.target == entity_id, ev.place == entity_id))
                 .order_by(r.pk, ev.idx))
        with self.engine.connect() as conn:
            rows = [EventRow(*row) for row in conn.execute(query)]
            names = self._names(conn, [x for row in rows for x in (row.actor, row.target, row.place)])
        return build_timeline(rows, names)

    def graph(self, entity_id: str | None = None) -> GraphData:
        """Actor -> target graph over canonical reports, one edge per PLOVER type with its event count;
        with ``entity_id``, only the edges touching that entity."""
        ev, r = t.events.c, t.reports.c
        query = (select(ev.actor, ev.target, ev.type, r.id).join_from(t.events, t.reports, ev.report_pk == r.pk)
                 .where(ev.actor.is_not(None), ev.target.is_not(None), r.canonical_id.is_(None)))
        if entity_id:
            query = query.where(or_(ev.actor == entity_id, ev.target == entity_id))
        with self.engine.connect() as conn:
            rows = [tuple(row) for row in conn.execute(query)]
            ids = {x for row in rows for x in row[:2]}
            entities = {row.id: dict(row._mapping) for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(ids)))} if ids else {}
        return build_graph(rows, entities)

    def stories(self, min_size: int = 2, limit: int | None = None) -> list[Story]:
        """Groups of at least ``min_size`` reports telling one story, largest first (the ``limit`` largest)."""
        self._ensure_stories()
        r = t.reports.c
        size = func.count().label("size")
        chosen = (select(r.story_id, size).where(r.story_id.is_not(None)).group_by(r.story_id)
                  .having(func.count() >= min_size).order_by(size.desc(), func.min(r.published).nulls_last(), r.story_id))
        if limit is not None:
            chosen = chosen.limit(limit)
        with self.engine.connect() as conn:
            story_ids = list(conn.scalars(chosen))
            rows = []
            for i in range(0, len(story_ids), 500):
                rows += conn.execute(select(r.pk, r.id, r.title, r.published, r.story_id, r.canonical_id)
                                     .where(r.story_id.in_(story_ids[i:i + 500]))
                                     .order_by(r.published_day.nulls_last(), r.pk)).all()
            rows.sort(key=lambda row: (row.published is None, row.published or "", row.pk))
            groups: dict[str, list] = {}
            for row in rows:
                groups.setdefault(row.story_id, []).append(row)
            groups = {k: v for k, v in groups.items() if len(v) >= min_size}
            shared = self._shared_entities(conn, groups)
        stories = []
        for story_id, members in groups.items():
            dates = sorted(m.published for m in members if m.published)
            title = next((m.title for m in members if m.title and not m.canonical_id), None) or next(
                (m.title for m in members if m.title), None)
            stories.append(Story(id=story_id, title=title, first_published=dates[0] if dates else None,
                                 last_published=dates[-1] if dates else None, size=len(members),
                                 report_ids=[m.id for m in members], entities=shared.get(story_id, [])))
        order = {story_id: i for i, story_id in enumerate(story_ids)}  # the database's order: largest first
        stories.sort(key=lambda story: order[story.id])
        return stories

    def _shared_entities(self, conn: Connection, groups: dict[str, list], top: int = 5) -> dict[str, list[str]]:
        pk_story = {m.pk: story_id for story_id, members in groups.items() for m in members}
        if not pk_story:
            return {}
        counts: dict[str, dict[str, int]] = {}
        rows = conn.execute(select(t.mentions.c.report_pk, t.mentions.c.entity_id).distinct()
                            .where(t.mentions.c.report_pk.in_(list(pk_story))))
        for pk, entity_id in rows:
            story_counts = counts.setdefault(pk_story[pk], {})
            story_counts[entity_id] = story_counts.get(entity_id, 0) + 1
        names = self._names(conn, {e for c in counts.values() for e in c})
        return {s: [names.get(e, e) for e, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))[:top] if n > 1]
                for s, c in counts.items()}

    def _ensure_stories(self) -> None:
        with self.engine.connect() as conn:
            if self._state(conn, "stories_dirty") != "1":
                return
        self.rebuild_stories()

    def rebuild_stories(self) -> None:
        """Regroup every report into stories (run lazily after adds, when stories are next read)."""
        r, m, ev = t.reports.c, t.mentions.c, t.events.c
        with self.engine.begin() as conn:
            items = {row.pk: StoryInput(row.pk, row.id, row.published_day, row.canonical_id)
                     for row in conn.execute(select(r.pk, r.id, r.published_day, r.canonical_id))}
            for pk, entity_id in conn.execute(select(m.report_pk, m.entity_id).distinct()):
                items[pk].entities.add(entity_id)
            for pk, kind, actor, target in conn.execute(
                select(ev.report_pk, ev.type, ev.actor, ev.target).where(ev.actor.is_not(None), ev.target.is_not(None))
            ):
                items[pk].events.add((kind, actor, target))
            assigned = group_stories(list(items.values()))
            current = dict(conn.execute(select(r.pk, r.story_id)).all())
            changes = [{"p": pk, "s": story} for pk, story in assigned.items() if current.get(pk) != story]
            if changes:
                self._update_stories(conn, changes)
            self._set_state(conn, "stories_dirty", "0")

    @staticmethod
    def _update_stories(conn: Connection, changes: list[dict]) -> None:
        stmt = update(t.reports).where(t.reports.c.pk == bindparam("p")).values(story_id=bindparam("s"))
        conn.execute(stmt, changes)

    # ---- exports --------------------------------------------------------------------------

    def event_rows(self) -> Iterator[dict]:
        """Every stored event with its report and actor/target entities joined (for the GDELT-style export)."""
        ev, r = t.events.c, t.reports.c
        with self.engine.connect() as conn:
            entities = {row.id: row for row in conn.execute(select(t.entities))}
            query = (select(ev, r.id.label("report_id"), r.url, r.published, r.published_day, r.canonical_id, r.ingested_at)
                     .join_from(t.events, t.reports, ev.report_pk == r.pk).order_by(r.pk, ev.idx))
            for row in conn.execute(query):
                data = dict(row._mapping)
                data["actor_entity"] = entities.get(row.actor)
                data["target_entity"] = entities.get(row.target)
                yield data
