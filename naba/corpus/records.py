"""Typed records the corpus hands out: what the CLI prints and the web API serialises.

Pydantic models, so FastAPI can use them as response models as they are.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, computed_field


class AddResult(BaseModel):
    """What one ``Store.add`` call did."""

    stored: int = 0  # new reports written
    duplicates: int = 0  # reports skipped because their id was already stored
    near_duplicates: int = 0  # new reports linked to an earlier canonical report (MinHash)
    stored_ids: list[str] = Field(default_factory=list)


class ReportSummary(BaseModel):
    """One line of a report list."""

    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    canonical_id: str | None = None  # set when this report is a near-duplicate of another
    story_id: str | None = None
    entities: int = 0
    times: int = 0
    attributions: int = 0
    events: int = 0


class SearchHit(BaseModel):
    """A ranked search result. ``snippet`` is a plain-text window of the report and ``marks`` the
    (start, end) of each match in it: how matches are shown (HTML, terminal) is up to serve and cli."""

    id: str
    score: float
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    snippet: str = ""
    marks: list[tuple[int, int]] = Field(default_factory=list)

    @computed_field
    @property
    def snippet_text(self) -> str:
        """The same plain text as ``snippet``: kept for API clients written when ``snippet`` held HTML."""
        return self.snippet


class CorpusEntity(BaseModel):
    """An entity joined across reports: one per KB id, or per type + normalised name without one."""

    id: str
    type: str
    name_en: str | None = None
    name_ar: str | None = None
    kb: str | None = None
    aliases: list[str] = Field(default_factory=list)
    report_ids: list[str] = Field(default_factory=list)
    mention_count: int = 0


class TimelineReport(BaseModel):
    """One report that tells a timeline event, with the trigger it used."""

    id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    evidence: str | None = None


class TimelineItem(BaseModel):
    """One event on an entity's timeline, merged across the reports that tell it."""

    date: str | None = None  # TIMEX3 value of the event's time; None when the reports give none
    sort_date: str | None = None  # the date it is ordered by (event date, else first publication date)
    type: str
    mode: str | None = None
    cameo: str | None = None
    actor: str | None = None  # corpus entity id
    actor_name: str | None = None
    target: str | None = None
    target_name: str | None = None
    place: str | None = None
    place_name: str | None = None
    status: str = "happened"
    statuses: list[str] = Field(default_factory=list)  # every status the reports gave, when they differ
    evidence: list[str] = Field(default_factory=list)  # trigger texts
    reports: list[str] = Field(default_factory=list)  # report ids
    sources: list[TimelineReport] = Field(default_factory=list)


class GraphNode(BaseModel):
    id: str
    type: str
    name_en: str | None = None
    name_ar: str | None = None
    label: str
    mention_count: int = 0


class GraphEdge(BaseModel):
    """Actor -> target, one edge per PLOVER type, with how many events and which reports."""

    source: str
    target: str
    type: str
    count: int
    reports: list[str] = Field(default_factory=list)


class GraphData(BaseModel):
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)


class Story(BaseModel):
    """Reports grouped as one story: near-duplicates plus reports sharing events/entities within days."""

    id: str
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    size: int = 0
    report_ids: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)  # names of the entities most shared
