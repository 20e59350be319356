"""The HTTP API and the web pages, one FastAPI app over one corpus store.

Every page has a JSON twin under ``/api`` and renders the same records: the report page the
Report, the entity page the corpus entity, its timeline and its graph, search the same hits.
Errors are JSON under ``/api`` and a page elsewhere; never a traceback.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode
from typing import Annotated

from fastapi import APIRouter, FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from naba.analysis import parse_published
from naba.corpus import CorpusEntity, GraphData, ReportSummary, SearchHit, Store, Story, TimelineItem
from naba.ingest import MAX_INPUT_BYTES, BadInput, document_from_string
from naba.record import Meta, Report, text_id
from naba.serve.limits import MAX_BODY_BYTES, BodySizeLimit
from naba.serve.views import entity_url, graph_payload, marked_snippet, report_view, timeline_chart

log = logging.getLogger("naba.serve")
HERE = Path(__file__).resolve().parent
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
ISO_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$"


# ---- request and response bodies -------------------------------------------------------------

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


ERRORS = {404: {"model": Problem}, 413: {"model": Problem}, 422: {"model": Problem}}


# ---- the app ---------------------------------------------------------------------------------

class PipelineHolder:
    """Builds the analysis pipeline on first use (its models take a second to load), once per app,
    and runs one analysis at a time: requests are served from a thread pool, and a stage's model
    (the CRF tagger) is not known to be safe to call from two threads at once."""

    def __init__(self, pipeline=None):
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def analyze(self, document) -> Report:
        with self._lock:
            if self._pipeline is None:
                from naba.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline.analyze(document)


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    return Jinja2Templates(env=env)


def create_app(store_url: str | None = None, pipeline=None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The web app over the store at ``store_url`` (see ``naba.corpus.resolve_url``); ``pipeline``
    is reused for analysis when given, else built on the first analysis request."""
    store = Store.open(store_url)

    @asynccontextmanager
    async def lifespan(_app):
        yield
        store.close()

    app = FastAPI(lifespan=lifespan, title="naba", version="0.1.0", description="Arabic news reports as structured, source-attributed records.")
    app.state.store = store
    app.state.pipeline = PipelineHolder(pipeline)
    app.state.templates = templates()
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router(store, app.state.pipeline))
    app.include_router(page_router(store, app.state.templates, app.state.pipeline))
    install_error_handlers(app)
    return app


def _analyse(holder: PipelineHolder, body: AnalyzeRequest, report_id: str | None = None) -> Report:
    if body.published and parse_published(body.published) is None:
        raise HTTPException(422, f"published: '{body.published}' is not an ISO 8601 date-time")
    try:
        document = document_from_string(body.text)
    except BadInput as error:
        raise HTTPException(422, f"text: {error}")
    updates = {k: v for k, v in (("published", body.published), ("title", body.title), ("url", body.url),
                                 ("outlet", body.outlet)) if v}
    if updates:
        document = document.model_copy(update={"meta": document.meta.model_copy(update=updates)})
    document = document.model_copy(update={"id": report_id or document.id or text_id(document.text)})
    return holder.analyze(document)


def api_router(store: Store, holder: PipelineHolder) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"], responses={422: {"model": Problem}})

    @router.get("/reports", response_model=ReportList)
    def list_reports(limit: Annotated[int, Query(ge=1, le=200)] = 20,
                     offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> ReportList:
        """Stored reports, newest first."""
        return ReportList(total=store.count_reports(), limit=limit, offset=offset,
                          reports=store.list_reports(limit=limit, offset=offset))

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
        report = _analyse(holder, body, body.id)
        result = store.add([report])
        return Stored(id=report.id, stored=bool(result.stored), near_duplicate=bool(result.near_duplicates),
                      page=f"/reports/{report.id}", api=f"/api/reports/{report.id}")

    @router.post("/analyze", response_model=Report, responses=ERRORS)
    def analyze(body: AnalyzeRequest) -> Report:
        """Analyse a report given as text or HTML; nothing is stored."""
        return _analyse(holder, body)

    @router.get("/search", response_model=SearchResults)
    def search(q: Annotated[str, Query(min_length=1, max_length=500, description="Words and \"quoted phrases\".")],
               limit: Annotated[int, Query(ge=1, le=100)] = 20,
               offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
               date_from: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
               date_to: Annotated[str | None, Query(pattern=DAY_PATTERN)] = None,
               entity: Annotated[str | None, Query(max_length=200)] = None) -> SearchResults:
        """Reports matching the query as Arabic readers spell it (clitics and spelling variants folded)."""
        return run_search(store, q, limit, offset, date_from, date_to, entity)

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

    @router.get("/graph", response_model=GraphData)
    def get_graph(entity: Annotated[str | None, Query(max_length=200)] = None) -> GraphData:
        """The actor -> target event graph (only the edges touching ``entity`` when given)."""
        return store.graph(entity or None)

    @router.get("/stories", response_model=list[Story])
    def get_stories(limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[Story]:
        """Reports grouped as stories, largest first."""
        return store.stories(limit=limit)

    return router


def run_search(store: Store, q: str, limit: int, offset: int, date_from=None, date_to=None, entity=None) -> SearchResults:
    q = q.strip()
    if not q:
        raise HTTPException(422, "q: the query is empty")
    try:
        hits = store.search(q, limit=limit, offset=offset, date_from=date_from, date_to=date_to, entity=entity)
        entities = store.find_entities(q, limit=10) if offset == 0 else []
    except ValueError as error:
        raise HTTPException(422, f"q: {error}")
    return SearchResults(query=q, limit=limit, offset=offset, entities=entities, hits=hits)


def entity_page(store: Store, entity_id: str) -> EntityPage:
    entity = store.entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity with id '{entity_id}'")
    return EntityPage(entity=entity, reports=store.reports_mentioning(entity_id, limit=100))


# ---- pages -----------------------------------------------------------------------------------

def page_router(store: Store, tpl: Jinja2Templates, holder: PipelineHolder) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        return tpl.TemplateResponse(request, name, context, status_code=status)

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0):
        return render(request, "home.html", reports=store.list_reports(limit=30, offset=offset), offset=offset,
                      total=store.count_reports(), stories=store.stories(limit=12), twin="/api/reports")

    @router.get("/reports/{report_id}", response_class=HTMLResponse)
    def report_page(request: Request, report_id: str):
        report = store.get(report_id)
        if report is None:
            raise HTTPException(404, f"no report with id '{report_id}'")
        return render(request, "report.html", twin=f"/api/reports/{report_id}", **report_view(report))

    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_view(request: Request, entity_id: str):
        data = entity_page(store, entity_id)
        timeline = store.timeline(entity_id)
        graph = store.graph(entity_id)
        return render(request, "entity.html", entity=data.entity, reports=data.reports, timeline=timeline,
                      chart=timeline_chart(timeline), graph=graph_payload(graph, entity_id), twin=f"/api/entities/{entity_id}")

    @router.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                    date_from: Annotated[str, Query(pattern=DAY_PATTERN + "|^$")] = "",
                    date_to: Annotated[str, Query(pattern=DAY_PATTERN + "|^$")] = "",
                    entity: Annotated[str, Query(max_length=200)] = ""):
        filters = {k: v for k, v in (("date_from", date_from), ("date_to", date_to), ("entity", entity.strip())) if v}
        if not q.strip():
            return render(request, "search.html", q="", results=None, snippets=[], filters=filters, twin=None)
        results = run_search(store, q, 20, offset, **filters)
        snippets = [marked_snippet(hit.snippet_text, hit.marks) for hit in results.hits]
        query = urlencode({"q": results.query, **filters})
        return render(request, "search.html", q=results.query, results=results, snippets=snippets, offset=offset,
                      filters=filters, query=query, entity_url=entity_url, twin="/api/search?" + query)

    @router.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request):
        return render(request, "analyze.html", twin=None)

    @router.post("/analyze", response_class=HTMLResponse)
    def analyze_page(request: Request, text: Annotated[str, Form(min_length=1, max_length=MAX_INPUT_BYTES)],
                     published: Annotated[str | None, Form(pattern=ISO_PATTERN)] = None):
        """The report page for a text that is analysed and shown, not stored (twin: POST /api/analyze)."""
        report = _analyse(holder, AnalyzeRequest(text=text, published=published or None))
        return render(request, "report.html", twin=None, unsaved=True, **report_view(report, linked=False))

    @router.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg")

    return router


# ---- errors ----------------------------------------------------------------------------------

TITLES = {400: "طلب غير صالح", 404: "غير موجود", 405: "طريقة غير مسموحة", 413: "الطلب أكبر من المسموح",
          422: "مدخلات غير صالحة", 500: "خطأ داخلي"}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def _reason(errors) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "title": TITLES.get(status, "خطأ"), "detail": detail, "twin": None},
            status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if _wants_json(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=getattr(error, "headers", None))
        return error_page(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        errors = error.errors()
        if _wants_json(request):
            detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
            return JSONResponse({"detail": detail}, status_code=422)
        return error_page(request, 400, _reason(errors))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception):
        log.exception("unhandled error on %s", request.url.path)
        if _wants_json(request):
            return JSONResponse({"detail": "internal error (logged on the server)"}, status_code=500)
        return error_page(request, 500, "internal error (logged on the server)")
