"""Request and response bodies of the JSON API (pydantic, so they document themselves in the OpenAPI)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from naba.corpus import CorpusEntity, ReportSummary, SearchHit, Story
from naba.corpus.browse import OutletRow
from naba.corpus.sourcing import SourcingProfile
from naba.ingest import MAX_INPUT_BYTES

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
ISO_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$"


class Problem(BaseModel):
    detail: str | list = Field(description="Why the request failed.")


class AnalyzeRequest(BaseModel):
    """A report to analyse: plain text (the dateline layout is read) or an HTML page."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_INPUT_BYTES, description="Report text or HTML page.")
    published: str | None = Field(None, pattern=ISO_PATTERN, description="Publication date-time, ISO 8601.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)


class StoreRequest(AnalyzeRequest):
    id: str | None = Field(None, pattern=ID_PATTERN, description="The report's own id (default: a hash of its text).")


class Stored(BaseModel):
    id: str
    stored: bool = Field(description="False when a report with this id was stored already.")
    near_duplicate: bool = False
    page: str
    api: str


class ReportList(BaseModel):
    total: int
    limit: int
    offset: int
    reports: list[ReportSummary]


class SearchResults(BaseModel):
    query: str
    limit: int
    offset: int
    entities: list[CorpusEntity] = Field(description="Entities known by the query under any of their names.")
    hits: list[SearchHit]


class EntityPage(BaseModel):
    entity: CorpusEntity
    reports: list[ReportSummary]


class StoryPage(BaseModel):
    story: Story | None = None
    reports: list[ReportSummary]


class OutletPage(BaseModel):
    outlet: OutletRow
    profile: SourcingProfile
    reports: list[ReportSummary]
