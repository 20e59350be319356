"""Sourcing profiles over time: how much of the attributed text of an outlet, or of the reports
mentioning an entity, rests on anonymous or group sources ("informed sources", "reports"), by
period, with the volume of reports.

Like a report's own profile (``naba.quotes.sourcing``) the share counts characters of attributed
content, not attributions: a paragraph from "sources" weighs more than a one-line quote. Across a
corpus the content spans of one report are summed (a nested report may count twice).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy import func, select

from naba.corpus import schema as t

UNNAMED = ("anonymous", "group")
KINDS = ("named", "anonymous", "group", "outlet", "organization")
BUCKETS = ("auto", "month", "week", "day")
MONTHS_FROM_DAYS = 92  # "auto": by month when the reports span more days than this, else by week


class SourcingPeriod(BaseModel):
    period: str = Field(description="YYYY-MM, YYYY-Www (ISO week) or YYYY-MM-DD.")
    reports: int = 0
    attributions: int = 0
    attributed_chars: int = 0
    unnamed_chars: int = 0
    unnamed_share: float | None = Field(None, description="unnamed_chars / attributed_chars; null when nothing is attributed.")
    kinds: dict[str, int] = Field(default_factory=dict, description="Attributions by speaker kind.")


class SourcingProfile(BaseModel):
    subject: str = Field(description="'outlet' or 'entity'.")
    name: str
    bucket: str
    reports: int = 0
    attributions: int = 0
    unnamed_share: float | None = None
    periods: list[SourcingPeriod] = Field(default_factory=list)


def _period(day: str, bucket: str) -> str:
    if bucket == "month":
        return day[:7]
    if bucket == "day":
        return day
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _choose(days: list[str], bucket: str) -> str:
    if bucket != "auto":
        return bucket
    if not days:
        return "month"
    span = (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days
    return "month" if span > MONTHS_FROM_DAYS else "week"


def sourcing_profile(store, outlet: str | None = None, entity_id: str | None = None, bucket: str = "auto") -> SourcingProfile:
    """The profile of one outlet (reports it published) or one entity (reports mentioning it)."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket: choose from {', '.join(BUCKETS)}")
    if (outlet is None) == (entity_id is None):
        raise ValueError("give an outlet or an entity")
    r, a = t.reports.c, t.attributions.c
    chosen = select(r.pk).where(r.outlet == outlet) if outlet is not None else \
        select(t.mentions.c.report_pk).where(t.mentions.c.entity_id == entity_id)
    with store.engine.connect() as conn:
        report_days = {pk: day for pk, day in conn.execute(select(r.pk, r.published_day).where(r.pk.in_(chosen)))}
        rows = conn.execute(select(a.report_pk, a.speaker_kind, func.length(a.content)).where(a.report_pk.in_(chosen))).all()
    days = [d for d in report_days.values() if d]
    bucket = _choose(days, bucket)
    periods: dict[str, SourcingPeriod] = {}

    def at(pk: int) -> SourcingPeriod | None:
        day = report_days.get(pk)
        if not day:
            return None
        key = _period(day, bucket)
        return periods.setdefault(key, SourcingPeriod(period=key, kinds=dict.fromkeys(KINDS, 0)))

    for pk in report_days:
        period = at(pk)
        if period:
            period.reports += 1
    totals = defaultdict(int)
    for pk, kind, length in rows:
        period = at(pk)
        length = length or 0
        totals["attributions"] += 1
        totals["chars"] += length
        if kind in UNNAMED:
            totals["unnamed"] += length
        if period is None:
            continue
        period.attributions += 1
        period.attributed_chars += length
        if kind in period.kinds:
            period.kinds[kind] += 1
        if kind in UNNAMED:
            period.unnamed_chars += length
    for period in periods.values():
        period.unnamed_share = round(period.unnamed_chars / period.attributed_chars, 3) if period.attributed_chars else None
    return SourcingProfile(
        subject="outlet" if outlet is not None else "entity", name=outlet if outlet is not None else entity_id,
        bucket=bucket, reports=len(report_days), attributions=totals["attributions"],
        unnamed_share=round(totals["unnamed"] / totals["chars"], 3) if totals["chars"] else None,
        periods=[periods[k] for k in sorted(periods)],
    )
