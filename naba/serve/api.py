"""The HTTP API and the web pages, one FastAPI app over one corpus store.

Every page has a JSON twin under ``/api`` and renders the same records: the report page the
Report, the entity page the corpus entity, its timeline and its graph, search the same hits.
Errors are JSON under ``/api`` and a page elsewhere; never a traceback.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query
from fastapi.staticfiles import StaticFiles

from naba.corpus import GraphData, Store, Story, TimelineItem
from naba.record import Report
from naba.serve.errors import install_error_handlers
from naba.serve.limits import MAX_BODY_BYTES, BodySizeLimit
from naba.serve.security import SecurityHeaders
from naba.serve.models import DAY_PATTERN, AnalyzeRequest, EntityPage, Problem, ReportList, Stored, StoreRequest
from naba.corpus.browse import reports_newest_first
from naba.corpus.facets import FacetIndex, SearchFilters, SearchPage
from naba.entities.kb import outlet_names
from naba.serve.browse_api import browse_api_router
from naba.serve.docs import install_docs
from naba.serve.labels import UiLabels
from naba.serve.pages import page_router, templates
from naba.serve.service import PipelineHolder, analyse, entity_page, faceted, graph_filtered

HERE = Path(__file__).resolve().parent
ERRORS = {404: {"model": Problem}, 413: {"model": Problem}, 422: {"model": Problem}}


def create_app(store_url: str | None = None, pipeline=None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The web app over the store at ``store_url`` (see ``naba.corpus.resolve_url``); ``pipeline``
    is reused for analysis when given, else built on the first analysis request."""
    store = Store.open(store_url)

    @asynccontextmanager
    async def lifespan(app_):
        # the search facets of a large store take seconds to load: start now, not on the first search
        threading.Thread(target=_warm, args=(app_.state.facets,), daemon=True).start()
        yield
        store.close()

    app = FastAPI(lifespan=lifespan, title="naba", version="0.1.0", description="Arabic news reports as structured, source-attributed records.",
                  docs_url=None, redoc_url=None)  # /docs is served from local files (naba.serve.docs)
    app.state.store = store
    app.state.pipeline = PipelineHolder(pipeline)
    app.state.labels = UiLabels.load()
    app.state.templates = templates(app.state.labels, outlet_names())
    app.state.facets = FacetIndex(store)
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)  # outermost: headers on every answer, cross-site posts refused first
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_docs(app)
    app.include_router(api_router(store, app.state.pipeline, app.state.facets))
    app.include_router(browse_api_router(store))
    app.include_router(page_router(store, app.state.templates, app.state.pipeline, app.state.facets))
    install_error_handlers(app)
    return app


def _warm(facets: FacetIndex) -> None:
    try:
        facets.refresh()
    except Exception:  # a store that cannot be read says so on the first search, with its reason
        pass


def api_router(store: Store, holder: PipelineHolder, facets: FacetIndex) -> APIRouter:
    """Every ``/api`` route of the core records, one sub-router per resource, in registration order."""
    router = APIRouter(prefix="/api", tags=["api"], responses={422: {"model": Problem}})
    router.include_router(_report_routes(store, holder))
    router.include_router(_analyze_routes(holder))
    router.include_router(_search_routes(store, facets))
    router.include_router(_entity_routes(store))
    router.include_router(_graph_routes(store))
    router.include_router(_story_routes(store))
    return router


def _report_routes(store: Store, holder: PipelineHolder) -> APIRouter:
    router = APIRouter()

    @router.get("/reports", response_model=ReportList)
    def list_reports(limit: Annotated[int, Query(ge=1, le=200)] = 20,
                     offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> ReportList:
        """Stored reports, newest first (by full publication timestamp; undated last)."""
        return ReportList(total=store.count_reports(), limit=limit, offset=offset,
                          reports=reports_newest_first(store, limit=limit, offset=offset))

    @router.get("/reports/{report_id}", response_model=Report, responses=ERRORS)
    def get_report(report_id: str) -> Report:
        """One stored Report (schema naba.report/1): the report page's data."""
        report = store.get(report_id)
        if report is None:
            raise HTTPException(404, f"no report with id '{report_id}'")
        return report

    @router.post("/reports", response_model=Stored, status_code=201, responses=ERRORS)
    def store_report(body: StoreRequest) -> Stored:
        """Analyse a report and store it (idempotent by id)."""
        report = analyse(holder, body, body.id)
        result = store.add([report])
        return Stored(id=report.id, stored=bool(result.stored), near_duplicate=bool(result.near_duplicates),
                      page=f"/reports/{report.id}", api=f"/api/reports/{report.id}")

    return router


def _analyze_routes(holder: PipelineHolder) -> APIRouter:
    router = APIRouter()

    @router.post("/analyze", response_model=Report, responses=ERRORS)
    def analyze(body: AnalyzeRequest) -> Report:
        """Analyse a report given as text or HTML; nothing is stored."""
        return analyse(holder, body)

    return router


def _search_routes(store: Store, facets: FacetIndex) -> APIRouter:
    router = APIRouter()

    @router.get("/search", response_model=SearchPage, responses={400: {"model": Problem}})
    def search(q: Annotated[str, Query(min_length=1, max_length=500, description='Words (all must occur), "quoted phrases", OR, NOT or -word, brackets.')],
               limit: Annotated[int, Query(ge=1, le=100)] = 20,
               offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
               sort: Literal["relevance", "newest", "oldest"] = "relevance",
               date_from: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
               date_to: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
               entity: Annotated[str | None, Query(max_length=200)] = None,
               outlet: Annotated[str | None, Query(max_length=200)] = None,
               event_type: Annotated[str | None, Query(max_length=32)] = None,
               status: Annotated[str | None, Query(max_length=32)] = None,
               speaker_kind: Annotated[str | None, Query(max_length=32)] = None) -> SearchPage:
        """Reports matching the query as Arabic readers spell it (clitics and spelling variants folded):
        the total, facet counts over every hit (outlet, date, event type, status, speaker kind, entity) and one page."""
        filters = SearchFilters(date_from=date_from, date_to=date_to, entity=entity, outlet=outlet, event_type=event_type,
                                status=status, speaker_kind=speaker_kind)
        return faceted(store, facets, q, filters, sort, limit, offset)

    return router


def _entity_routes(store: Store) -> APIRouter:
    router = APIRouter()

    @router.get("/entities/{entity_id}", response_model=EntityPage, responses=ERRORS)
    def get_entity(entity_id: str) -> EntityPage:
        """A corpus entity with its names and the reports that mention it."""
        return entity_page(store, entity_id)

    @router.get("/entities/{entity_id}/timeline", response_model=list[TimelineItem], responses=ERRORS)
    def get_timeline(entity_id: str) -> list[TimelineItem]:
        """The entity's events across reports, in date order."""
        if store.entity(entity_id) is None:
            raise HTTPException(404, f"no entity with id '{entity_id}'")
        return store.timeline(entity_id)

    return router


def _graph_routes(store: Store) -> APIRouter:
    router = APIRouter()

    @router.get("/graph", response_model=GraphData, responses=ERRORS)
    def get_graph(entity: Annotated[str | None, Query(max_length=200, description="Corpus id or any name.")] = None,
                  type: Annotated[str | None, Query(max_length=16, description="Entity type at either end of an edge.")] = None,
                  date_from: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
                  date_to: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
                  quad: Literal["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"] | None = None,
                  event_type: Annotated[str | None, Query(max_length=16)] = None,
                  max_edges: Annotated[int, Query(ge=1, le=5000)] = 300) -> GraphData:
        """The actor -> target event graph over canonical reports, one edge per PLOVER type, the heaviest
        ``max_edges``; filtered by entity, entity type, publication dates, quad class or type (the /graph page)."""
        return graph_filtered(store, entity, type, date_from, date_to, quad, event_type, max_edges)[1]

    return router


def _story_routes(store: Store) -> APIRouter:
    router = APIRouter()

    @router.get("/stories", response_model=list[Story])
    def get_stories(limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[Story]:
        """Reports grouped as stories, largest first."""
        return store.stories(limit=limit)

    return router
