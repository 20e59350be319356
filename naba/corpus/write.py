"""Writing to the corpus store: adding Reports (atomically, idempotent by report id) and regrouping stories.

Two writers may add the same reports at once (two ``naba ingest`` runs of one folder, the web server and
an ingest): each batch is one transaction that first takes the store's write lock (PostgreSQL: an
advisory transaction lock; SQLite: the database write lock, waited for under ``busy_timeout``), and each
report row is inserted with ``ON CONFLICT DO NOTHING``, so a report another writer stored first is
counted as a duplicate, never an error.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import bindparam, case, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from naba.corpus import schema as t
from naba.corpus.dedup import NearDuplicates, from_bytes, minhash_of, to_bytes
from naba.corpus.records import AddResult
from naba.corpus.search import index_text
from naba.corpus.stories import StoryInput, group_stories
from naba.ids import entity_id
from naba.record import Entity, Report

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WRITE_LOCK = 7477002  # PostgreSQL advisory lock key: one writing transaction at a time per database
STORIES_CLEAN = "0"


def corpus_entity_id(entity: Entity) -> str:
    """One id per KB entity, else per type + normalised, clitic-stripped name."""
    if entity.kb:
        return entity.kb
    name = entity.name_ar or entity.name_en or (entity.mentions[0].text if entity.mentions else entity.id)
    return entity_id(entity.type, name, entity.kb)  # the id analysis gave it (naba.ids)


@lru_cache(maxsize=65536)
def _alias_norm(alias: str) -> str:
    """How an alias is looked up: normalised and clitic-stripped like search terms (names repeat: cached)."""
    return index_text(alias)


def _day(published: str | None) -> str | None:
    return published[:10] if published and _DAY.match(published) else None


def _insert(conn: Connection, table):
    return (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(table)


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


class Writer:
    """The writing half of ``Store`` (needs ``engine``, ``dialect`` and ``index``)."""

    engine: object
    dialect: str
    _near: NearDuplicates | None = None
    _near_max_pk: int = 0

    def _init_writer(self) -> None:
        self._near = None
        self._near_max_pk = 0
        self._adding = threading.Lock()  # one add at a time per Store: the near-duplicate index is shared

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
            self._lock_for_writing(conn)  # before any read: what is read below is what this transaction writes over
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
                if not self._insert_report(conn, report, body, to_bytes(mh), canonical, rows):
                    result.duplicates += 1  # another writer stored it since the check
                    continue
                if canonical:
                    result.near_duplicates += 1
                else:
                    pending.append((report.id, mh))
                result.stored += 1
                result.stored_ids.append(report.id)
            if result.stored:
                self._write_rows(conn, rows)
                self._set_state(conn, "stories_dirty", uuid.uuid4().hex)  # a fresh token: see rebuild_stories
        for report_id, mh in pending:
            near.add(report_id, mh)
        return result

    def _lock_for_writing(self, conn: Connection) -> None:
        """Wait for this database's write lock, so concurrent writers take turns instead of failing."""
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
        else:  # the first write of an SQLite transaction takes the database lock, waiting under busy_timeout
            self._set_state(conn, "last_write", datetime.now(timezone.utc).isoformat())

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
                       rows: _Rows) -> int | None:
        """Write the report row now (its key is needed); collect its child rows for one write per batch.

        Returns the new row's key, or None when a report with this id is stored already."""
        meta = report.meta
        pk = conn.execute(_insert(conn, t.reports).on_conflict_do_nothing(index_elements=["id"]).returning(t.reports.c.pk).values(
            id=report.id, title=meta.title, outlet=meta.outlet, url=meta.url, published=meta.published,
            published_day=_day(meta.published), canonical_id=canonical,
            n_entities=len(report.entities), n_times=len(report.times),
            n_attributions=len(report.attributions), n_events=len(report.events),
            minhash=minhash, text=report.text, report_json=report.to_json(), ingested_at=datetime.now(timezone.utc).replace(tzinfo=None),
        )).scalar()
        if pk is None:
            return None

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
        return pk

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


    def _ensure_stories(self) -> None:
        if self.stories_dirty():
            self.rebuild_stories()

    def rebuild_stories(self) -> None:
        """Regroup every report into stories (run lazily after adds, when stories are next read).

        Safe while others write: rows added between the reads below are left for the next rebuild, and
        the store is marked clean only if no add changed its ``stories_dirty`` token meanwhile."""
        r, m, ev = t.reports.c, t.mentions.c, t.events.c
        with self.engine.connect() as conn:
            token = self._state(conn, "stories_dirty")
            items = {row.pk: StoryInput(row.pk, row.id, row.published_day, row.canonical_id)
                     for row in conn.execute(select(r.pk, r.id, r.published_day, r.canonical_id))}
            for pk, entity_id in conn.execute(select(m.report_pk, m.entity_id).distinct()):
                if pk in items:
                    items[pk].entities.add(entity_id)
            for pk, kind, actor, target in conn.execute(
                select(ev.report_pk, ev.type, ev.actor, ev.target).where(ev.actor.is_not(None), ev.target.is_not(None))
            ):
                if pk in items:
                    items[pk].events.add((kind, actor, target))
            current = dict(conn.execute(select(r.pk, r.story_id)).all())
        assigned = group_stories(list(items.values()))
        changes = [{"p": pk, "s": story} for pk, story in assigned.items() if current.get(pk) != story]
        with self.engine.begin() as conn:
            if changes:
                self._update_stories(conn, changes)
            conn.execute(update(t.corpus_state).where(t.corpus_state.c.key == "stories_dirty",
                                                      t.corpus_state.c.value == token).values(value=STORIES_CLEAN))

    def stories_dirty(self) -> bool:
        """Whether reports were added since stories were last grouped."""
        with self.engine.connect() as conn:
            return self._state(conn, "stories_dirty") not in (None, STORIES_CLEAN)

    @staticmethod
    def _update_stories(conn: Connection, changes: list[dict]) -> None:
        stmt = update(t.reports).where(t.reports.c.pk == bindparam("p")).values(story_id=bindparam("s"))
        conn.execute(stmt, changes)

