"""Lists to browse the corpus: entities (filtered, searched by Arabic or English name), outlets,
stories with their members. Read-only queries over a Store's engine."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import func, or_, select

from naba.corpus import schema as t
from naba.corpus.records import ReportSummary
from naba.corpus.search import index_text

ENTITY_SORTS = ("mentions", "reports", "name")


class EntityRow(BaseModel):
    id: str
    type: str
    name_ar: str | None = None
    name_en: str | None = None
    kb: str | None = None
    mention_count: int = 0
    report_count: int = 0


class EntityList(BaseModel):
    total: int
    limit: int
    offset: int
    q: str | None = None
    type: str | None = None
    sort: str = "mentions"
    types: dict[str, int] = Field(default_factory=dict, description="How many entities of each type match (before the type filter).")
    entities: list[EntityRow] = Field(default_factory=list)


def list_entities(store, q: str | None = None, type_: str | None = None, sort: str = "mentions", limit: int = 50,
                  offset: int = 0, min_reports: int = 1) -> EntityList:
    """Entities with their type, mention and report counts; ``q`` matches any alias after Arabic
    normalisation and clitic stripping (لإيران finds إيران), or the English name (case ignored)."""
    if sort not in ENTITY_SORTS:
        raise ValueError(f"sort: choose from {', '.join(ENTITY_SORTS)}")
    e, a = t.entities.c, t.entity_aliases.c
    where = [e.report_count >= min_reports]
    q = (q or "").strip()
    if q:
        norm = index_text(q)
        name_match = [func.lower(e.name_en).contains(q.lower(), autoescape=True), e.id == q]
        if norm:
            name_match.append(e.id.in_(select(a.entity_id).where(a.alias_norm.contains(norm, autoescape=True))))
        where.append(or_(*name_match))
    order = {"mentions": (e.mention_count.desc(), e.id), "reports": (e.report_count.desc(), e.mention_count.desc(), e.id),
             "name": (func.coalesce(e.name_ar, e.name_en, e.id), e.id)}[sort]
    with store.engine.connect() as conn:
        types = dict(conn.execute(select(e.type, func.count()).where(*where).group_by(e.type)).all())
        if type_:
            where.append(e.type == type_)
        total = conn.scalar(select(func.count()).select_from(t.entities).where(*where)) or 0
        rows = conn.execute(select(e.id, e.type, e.name_ar, e.name_en, e.kb, e.mention_count, e.report_count)
                            .where(*where).order_by(*order).limit(limit).offset(offset))
        entities = [EntityRow(**row._mapping) for row in rows]
    return EntityList(total=total, limit=limit, offset=offset, q=q or None, type=type_ or None, sort=sort,
                      types=dict(sorted(types.items(), key=lambda kv: -kv[1])), entities=entities)


class OutletRow(BaseModel):
    name: str
    reports: int
    first_published: str | None = None
    last_published: str | None = None


def list_outlets(store) -> list[OutletRow]:
    """Every outlet with its report count, largest first."""
    r = t.reports.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(r.outlet, func.count(), func.min(r.published), func.max(r.published))
                            .where(r.outlet.is_not(None)).group_by(r.outlet).order_by(func.count().desc(), r.outlet))
        return [OutletRow(name=o, reports=n, first_published=first, last_published=last) for o, n, first, last in rows]


def _summary(row) -> ReportSummary:
    return ReportSummary(id=row.id, title=row.title, published=row.published, outlet=row.outlet, url=row.url,
                         canonical_id=row.canonical_id, story_id=row.story_id, entities=row.n_entities, times=row.n_times,
                         attributions=row.n_attributions, events=row.n_events)


def _summary_select():
    r = t.reports.c
    return select(r.id, r.title, r.published, r.outlet, r.url, r.canonical_id, r.story_id,
                  r.n_entities, r.n_times, r.n_attributions, r.n_events)


def reports_newest_first(store, limit: int = 30, offset: int = 0, outlet: str | None = None,
                         entity_id: str | None = None) -> list[ReportSummary]:
    """Reports ordered by full publication timestamp (to the second), newest first; undated last."""
    r = t.reports.c
    query = _summary_select()
    if outlet:
        query = query.where(r.outlet == outlet)
    if entity_id:
        query = query.where(r.pk.in_(select(t.mentions.c.report_pk).where(t.mentions.c.entity_id == entity_id)))
    query = query.order_by(r.published.is_(None), r.published.desc(), r.pk.desc()).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [_summary(row) for row in conn.execute(query)]


def story_members(store, story_id: str) -> list[ReportSummary]:
    """The reports of one story, oldest first (by full timestamp)."""
    store.stories(limit=1)  # groups stories first when reports were added since
    r = t.reports.c
    query = _summary_select().where(r.story_id == story_id).order_by(r.published.is_(None), r.published, r.pk)
    with store.engine.connect() as conn:
        return [_summary(row) for row in conn.execute(query)]


def story_detail(store, story_id: str):
    """One story (a Story record) and its reports oldest first, or None when no report carries the id.
    Built from the story's own rows: listing every story to find one would read the whole corpus."""
    from collections import Counter

    from naba.corpus.records import Story

    members = story_members(store, story_id)
    if not members:
        return None
    r, m, e = t.reports.c, t.mentions.c, t.entities.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(m.entity_id, func.count(func.distinct(m.report_pk)))
                            .where(m.report_pk.in_(select(r.pk).where(r.story_id == story_id)))
                            .group_by(m.entity_id)).all()
        shared = Counter({entity: n for entity, n in rows if n > 1})
        top = [entity for entity, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        names = {row.id: row.name_en or row.name_ar or row.id
                 for row in conn.execute(select(e.id, e.name_en, e.name_ar).where(e.id.in_(top)))} if top else {}
    dates = sorted(x.published for x in members if x.published)
    title = next((x.title for x in members if x.title and not x.canonical_id), None) or next((x.title for x in members if x.title), None)
    story = Story(id=story_id, title=title, first_published=dates[0] if dates else None,
                  last_published=dates[-1] if dates else None, size=len(members), report_ids=[x.id for x in members],
                  entities=[names.get(x, x) for x in top])
    return story, members
