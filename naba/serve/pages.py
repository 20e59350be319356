"""The web pages: server-rendered Jinja2 (autoescaped), right-to-left Arabic, one JSON twin each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from naba.corpus import Store
from naba.ingest import MAX_INPUT_BYTES
from naba.serve.models import DAY_PATTERN, ISO_PATTERN, AnalyzeRequest
from naba.serve.service import PipelineHolder, analyse, entity_page, run_search
from naba.serve.views import entity_url, graph_payload, marked_snippet, report_view, timeline_chart

HERE = Path(__file__).resolve().parent


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    return Jinja2Templates(env=env)


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
        report = analyse(holder, AnalyzeRequest(text=text, published=published or None))
        return render(request, "report.html", twin=None, unsaved=True, **report_view(report, linked=False))

    @router.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg")

    return router
