"""What each page shows, computed from the same records the JSON API returns.

Pages and their API twins share these functions' inputs (a Report, a CorpusEntity, timeline items,
graph data); the functions only arrange them for display (labels, chart geometry).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from markupsafe import Markup, escape

from naba.corpus import GraphData, TimelineItem, corpus_entity_id
from naba.record import Entity, Report
from naba.serve.highlight import highlight, report_marks
from naba.serve.labels import UiLabels

SOURCING_KINDS = ("named", "anonymous", "group", "outlet", "organization")
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def entity_url(corpus_id: str) -> str:
    from urllib.parse import quote

    return "/entities/" + quote(corpus_id, safe=":")


def entity_label(entity: Entity | None) -> str:
    if entity is None:
        return "?"
    return entity.name_en or entity.name_ar or (entity.mentions[0].text if entity.mentions else entity.id)


def event_parts(report: Report, index: int) -> dict:
    """Actor, kind, target and status of one event, for ``Kazakhstan -AGREE/join-> Abraham Accords · announced``
    (kept apart so a page can isolate Arabic names from the left-to-right arrow)."""
    event = report.events[index]
    by_id = {e.id: e for e in report.entities}
    parts = dict(actor=entity_label(by_id.get(event.actor)) if event.actor else "?",
                 kind=event.type + (f"/{event.mode}" if event.mode else ""),
                 target=entity_label(by_id.get(event.target)) if event.target else "?", status=event.status)
    parts["label"] = f"{parts['actor']} -{parts['kind']}-> {parts['target']} · {parts['status']}"
    return parts


def report_view(report: Report, labels: UiLabels, linked: bool = True) -> dict:
    """Everything the report page shows, labelled from ``labels``; ``linked`` makes entities link
    to their corpus pages."""
    badges, types_ar = labels.group("speaker_kind"), labels.group("entity_type")
    href = (lambda e: entity_url(corpus_entity_id(e))) if linked else None
    entities = []
    for entity in sorted(report.entities, key=lambda e: (-len(e.mentions), e.id)):
        entities.append(dict(
            id=entity.id, corpus_id=corpus_entity_id(entity), href=href(entity) if href else None, type=entity.type,
            name_ar=entity.name_ar or (entity.mentions[0].text if entity.mentions else ""), name_en=entity.name_en,
            kb=entity.kb, count=len(entity.mentions),
        ))
    groups: dict[str, list] = {}
    for item in entities:
        groups.setdefault(item["type"], []).append(item)
    events = []
    for index, event in enumerate(report.events):
        time = report.times[event.time] if event.time is not None and 0 <= event.time < len(report.times) else None
        events.append(dict(index=index, **event_parts(report, index), trigger=event.trigger.text,
                           cameo=event.cameo, time=time.value if time else None))
    attributions = []
    for attribution in report.attributions:
        content = attribution.content.text if attribution.content else ""
        attributions.append(dict(
            speaker=attribution.speaker.text if attribution.speaker else "", kind=attribution.speaker_kind or "unknown",
            badge=badges.get(attribution.speaker_kind or "", "?"), cue=attribution.cue.text if attribution.cue else "",
            content=content if len(content) <= 160 else content[:157] + "…", direct=attribution.direct,
        ))
    return dict(
        report=report, meta=report.meta, html=highlight(report.text, report_marks(report, href, badges)),
        entity_groups=[(kind, types_ar.get(kind, kind), groups[kind]) for kind in types_ar if kind in groups],
        entity_count=len(entities), times=report.times, events=events, attributions=attributions,
        sourcing=sourcing_chart(report, badges),
    )


def sourcing_chart(report: Report, badges: dict[str, str]) -> dict:
    """Bar geometry for the sourcing profile: one bar per speaker kind (labelled by ``badges``),
    widths relative to the largest."""
    sourcing = report.sourcing
    counts = {kind: getattr(sourcing, kind) for kind in SOURCING_KINDS}
    top = max(counts.values()) or 1
    bars = [dict(kind=kind, label=badges[kind], count=n, width=round(100 * n / top, 1), y=i * 22)
            for i, (kind, n) in enumerate(counts.items())]
    return dict(bars=bars, total=sum(counts.values()), unnamed_share=round(100 * sourcing.unnamed_share),
                outlets=sourcing.outlets, height=len(bars) * 22)


def parse_day(value: str | None) -> date | None:
    """The day a TIMEX3 value (or ISO timestamp) starts on: 2025-11 is read as 2025-11-01."""
    week = _WEEK.match(value or "")
    if week:  # 2015-W29: the Monday of that ISO week
        try:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
    match = _DAY.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _fences(ordinals: list[int]) -> tuple[int, int]:
    """The range holding the bulk of the dates: quartiles widened by 3 IQR (at least 60 days either
    side), so one event years away does not squash the rest into a dot."""
    ordered = sorted(ordinals)
    q1, q3 = ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]
    reach = 3 * max(q3 - q1, 20)
    return q1 - reach, q3 + reach


def timeline_chart(items: list[TimelineItem], width: int = 640) -> dict:
    """Points on a horizontal time axis for the dated items (stacked when they share a day); the axis
    spans the bulk of the dates and items outside it are listed as outliers, drawn at the edge."""
    dated = [(parse_day(item.sort_date or item.date), index) for index, item in enumerate(items)]
    dated = [(d, i) for d, i in dated if d is not None]
    if not dated:
        return dict(points=[], outliers=[], width=width, height=0, first=None, last=None)
    low, high = _fences([d.toordinal() for d, _ in dated])
    inside = [(d, i) for d, i in dated if low <= d.toordinal() <= high]
    outliers = [(d, i) for d, i in dated if not low <= d.toordinal() <= high]
    first, last = min(d for d, _ in inside), max(d for d, _ in inside)
    span = max((last - first).days, 1)
    levels = Counter(d for d, _ in inside)
    height = 50 + 14 * min(max(levels.values()), 12)
    axis = height - 22
    stacked: Counter = Counter()
    points = []
    pad = 24
    for day, index in sorted(inside):
        level = min(stacked[day], 11)
        stacked[day] += 1
        x = pad + (width - 2 * pad) * ((day - first).days / span if last != first else 0.5)
        item = items[index]
        points.append(dict(x=round(x, 1), y=axis - 12 - 14 * level, day=day.isoformat(), type=item.type,
                           label=f"{day.isoformat()} · {item.actor_name or '?'} -{item.type}-> {item.target_name or '?'}"))
    notes = []
    for day, index in sorted(outliers):
        item = items[index]
        before = day < first
        notes.append(dict(day=item.date or day.isoformat(), before=before, x=8 if before else width - 8, y=axis - 12,
                          label=f"{item.date or day.isoformat()} · {item.actor_name or '?'} -{item.type}-> {item.target_name or '?'}"))
    return dict(points=points, outliers=notes, width=width, height=height, axis=axis, first=first.isoformat(),
                last=last.isoformat())


def bar_chart(rows: list[tuple], width: int = 640, height: int = 120, percent: bool = False) -> dict:
    """Vertical bars for (label, value, tooltip) rows: a histogram or a share by period (SVG attributes
    only, no inline style: the pages' content security policy forbids it)."""
    if not rows:
        return dict(bars=[], width=width, height=height)
    # shares: scaled to the largest (at least 25%) so that low shares stay visible; the labels give the values
    top = max(0.25, max(row[1] for row in rows)) if percent else max(row[1] for row in rows) or 1
    slot = (width - 10) / len(rows)
    base = height - 18
    bars = []
    for k, (label, value, tip, *href) in enumerate(rows):
        h = round((base - 20) * (value / top), 1)
        shown = f"{round(100 * value)}%" if percent else f"{value:g}"
        bars.append(dict(x=round(5 + k * slot + slot * 0.1, 1), w=round(max(slot * 0.8, 1), 1), y=round(base - h, 1), h=max(h, 0),
                         label=label, value=value, shown=shown, tip=tip, tx=round(5 + k * slot + slot / 2, 1),
                         href=href[0] if href else None))
    every = max(1, len(rows) // 8)
    return dict(bars=bars, width=width, height=height, base=base, every=every, values=len(rows) <= 16)


def marked_snippet(window: str, marks: list[tuple[int, int]]) -> Markup:
    """A search snippet with its matches in <mark>, every other character escaped."""
    out, last = [], 0
    for start, end in sorted(marks):
        if start < last or end > len(window):
            continue
        out.append(str(escape(window[last:start])))
        out.append(f"<mark>{escape(window[start:end])}</mark>")
        last = end
    out.append(str(escape(window[last:])))
    return Markup("".join(out))


def graph_payload(graph: GraphData, centre: str | None) -> dict:
    """Graph data for the network view's script, with each node's page link."""
    return dict(
        centre=centre,
        nodes=[dict(id=n.id, label=n.label, name_ar=n.name_ar, type=n.type, href=entity_url(n.id)) for n in graph.nodes],
        edges=[dict(source=e.source, target=e.target, type=e.type, count=e.count) for e in graph.edges],
    )
