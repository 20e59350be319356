"""Reading the corpus store: reports, full-text search, entities, timelines, the graph, stories, export rows.

Read-only apart from regrouping stories when reports were added since (``Writer.rebuild_stories``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from naba.corpus import schema as t
from naba.corpus.graph import build_graph
from naba.corpus.records import CorpusEntity, GraphData, ReportSummary, SearchHit, Story, TimelineItem
from naba.corpus.search import index_text, parse_query, snippet
from naba.corpus.timeline import EventRow, build_timeline
from naba.record import Report


def _date_bound(value: str | None) -> str | None:
    return value[:10] if value else None


class Queries:
    """The reading half of ``Store`` (needs ``engine`` and ``index``; stories need ``Writer``)."""

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
                                  outlet=row.outlet, url=row.url, snippet=window, marks=marks))
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
