"""An entity's events across reports, one line per event, ordered by when the event happened.

Several reports telling one event are merged: the same PLOVER type, actor and target, and the same
event date (TIMEX3 value); an undated event merges with its twins in the same story. Events with a
date are ordered by it; undated ones by the first publication date of a report telling them (the
best available estimate), which is why each item carries both ``date`` and ``sort_date``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from naba.corpus.records import TimelineItem, TimelineReport

_DATED = re.compile(r"^\d{4}")


@dataclass(frozen=True)
class EventRow:
    type: str
    mode: str | None
    cameo: str | None
    actor: str | None
    target: str | None
    place: str | None
    date: str | None
    status: str
    trigger: str | None
    report_id: str
    published: str | None
    published_day: str | None
    title: str | None
    url: str | None
    story_id: str | None


def merge_key(row: EventRow) -> tuple:
    when = ("date", row.date) if row.date else ("story", row.story_id or row.published_day or row.report_id)
    return (row.type, row.actor, row.target, when)


def build_timeline(rows: list[EventRow], names: dict[str, str]) -> list[TimelineItem]:
    groups: dict[tuple, list[EventRow]] = {}
    for row in rows:
        groups.setdefault(merge_key(row), []).append(row)
    items = []
    for group in groups.values():
        group.sort(key=lambda r: (r.published or "", r.report_id))
        first = group[0]
        statuses = Counter(r.status for r in group)
        published_days = sorted(r.published_day for r in group if r.published_day)
        dated = first.date if first.date and _DATED.match(first.date) else None
        sources, seen = [], set()
        for r in group:
            if r.report_id not in seen:
                seen.add(r.report_id)
                sources.append(TimelineReport(id=r.report_id, published=r.published, title=r.title, url=r.url, evidence=r.trigger))
        items.append(TimelineItem(
            date=first.date,
            sort_date=dated or (published_days[0] if published_days else None),
            type=first.type,
            mode=next((r.mode for r in group if r.mode), None),
            cameo=next((r.cameo for r in group if r.cameo), None),
            actor=first.actor, actor_name=names.get(first.actor or ""),
            target=first.target, target_name=names.get(first.target or ""),
            place=first.place, place_name=names.get(first.place or ""),
            status=statuses.most_common(1)[0][0],
            statuses=sorted(statuses) if len(statuses) > 1 else [],
            evidence=list(dict.fromkeys(r.trigger for r in group if r.trigger)),
            reports=[s.id for s in sources],
            sources=sources,
        ))
    items.sort(key=lambda item: (item.sort_date is None, item.sort_date or "", item.type, item.reports[0]))
    return items
