"""The web pages: server-rendered Jinja2 (autoescaped), right-to-left Arabic, one JSON twin each.

Every list page takes ``download=csv`` or ``download=json`` with the same query and gives exactly
the rows it shows as a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from naba.corpus import Store
from naba.corpus.browse import ENTITY_SORTS, list_outlets, reports_newest_first
from naba.corpus.facets import FACETS, SORTS, FacetIndex, SearchFilters
from naba.corpus.graph import QUADS
from naba.ingest import MAX_INPUT_BYTES
from naba.serve.downloads import download as download_rows
from naba.serve.labels import UiLabels
from naba.serve.models import DAY_PATTERN, ISO_PATTERN, AnalyzeRequest
from naba.serve.service import (
    PipelineHolder, analyse, entity_list, entity_page, entity_sourcing, faceted, graph_filtered, outlet_page, story_page,
)
from naba.serve.views import (
    bar_chart, entity_url, graph_payload, marked_snippet, report_view, timeline_chart,
)

HERE = Path(__file__).resolve().parent
GRAPH_EDGES = 80  # the heaviest edges drawn on /graph; the filters narrow it, the JSON twin gives more
Download = Annotated[str | None, Query(pattern="^(csv|json)$", description="csv or json: the rows shown, as a file.")]
Day = Annotated[str, Query(pattern=DAY_PATTERN + "|^$")]


def templates(labels: UiLabels, outlets: dict[str, str] | None = None) -> Jinja2Templates:
    """The page templates; ``labels`` (naba/lang/ar/ui_labels.tsv) are theirs as ``labels``, the
    entity types' labels as ``types_ar``, and ``outlet_name(code)`` names an outlet from ``outlets``
    (handle -> name; the code itself when the KB does not know it)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    names = outlets or {}
    env.globals.update(entity_url=entity_url, types_ar=labels.group("entity_type"), labels=labels, quote=quote,
                       outlet_name=lambda code: names.get((code or "").lower(), code), outlet_names=names)
    return Jinja2Templates(env=env)


def _links(request: Request) -> dict:
    """The page's own query with ``download=csv`` / ``download=json`` added."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "download"]
    return {fmt: request.url.path + "?" + urlencode(params + [("download", fmt)]) for fmt in ("csv", "json")}


def _twin(path: str, request: Request, drop=("download",)) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in drop and v != ""]
    return path + ("?" + urlencode(params) if params else "")


def _dump(items) -> list[dict]:
    return [item.model_dump() if hasattr(item, "model_dump") else dict(item) for item in items]


def page_router(store: Store, tpl: Jinja2Templates, holder: PipelineHolder, facets: FacetIndex) -> APIRouter:
    """Every web page, one sub-router per resource, registered in this order (fixed paths before ``{id}`` ones)."""
    router = APIRouter(include_in_schema=False)
    labels: UiLabels = tpl.env.globals["labels"]  # read once in templates(), shared by every page
    render = _renderer(tpl)
    router.include_router(_report_pages(store, render))
    router.include_router(_entity_pages(store, render, labels))
    router.include_router(_story_pages(store, render))
    router.include_router(_graph_pages(store, render, labels))
    router.include_router(_outlet_pages(store, render, labels))
    router.include_router(_search_pages(store, render, labels, facets))
    router.include_router(_analyze_pages(render, holder))
    router.include_router(_favicon_route())
    return router


def _renderer(tpl: Jinja2Templates):
    """The pages' one way to answer: a template with its context (``downloads`` None unless given)."""
    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("downloads", None)
        return tpl.TemplateResponse(request, name, context, status_code=status)
    return render


def _report_pages(store: Store, render) -> APIRouter:
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, download: Download = None):
        reports = reports_newest_first(store, limit=30, offset=offset)
        if download:
            return download_rows(_dump(reports), "reports", download)
        return render(request, "home.html", reports=reports, offset=offset, total=store.count_reports(),
                      stories=store.stories(limit=12), twin=_twin("/api/reports", request), downloads=_links(request))

    @router.get("/reports/{report_id}", response_class=HTMLResponse)
    def report_page(request: Request, report_id: str):
        report = store.get(report_id)
        if report is None:
            raise HTTPException(404, f"no report with id '{report_id}'")
        return render(request, "report.html", twin=f"/api/reports/{report_id}", **report_view(report, request.app.state.labels))

    return router


def _entity_pages(store: Store, render, labels: UiLabels) -> APIRouter:
    router = APIRouter()
    entity_sort_titles = labels.group("entity_sort")

    @router.get("/entities", response_class=HTMLResponse)
    def entities_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                      type: Annotated[str, Query(max_length=16)] = "",
                      sort: Annotated[str, Query(pattern="^(" + "|".join(ENTITY_SORTS) + ")$")] = "mentions",
                      offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, download: Download = None):
        data = entity_list(store, q or None, type or None, sort, 50, offset)
        if download:
            return download_rows(_dump(data.entities), "entities", download)
        base = {k: v for k, v in (("q", q), ("type", type), ("sort", sort)) if v}
        return render(request, "entities.html", data=data, q=q, query=urlencode(base), base=base, offset=offset,
                      sorts=entity_sort_titles, twin=_twin("/api/entities", request), downloads=_links(request))

    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_view(request: Request, entity_id: str):
        data = entity_page(store, entity_id)
        timeline = store.timeline(entity_id)
        _, graph = graph_filtered(store, entity_id, None, None, None, None, None)
        profile = entity_sourcing(store, entity_id)
        return render(request, "entity.html", entity=data.entity, reports=reports_newest_first(store, 100, entity_id=entity_id),
                      timeline=timeline, chart=timeline_chart(timeline), graph=graph_payload(graph, entity_id),
                      profile=profile, profile_chart=_profile_chart(profile, labels), twin=f"/api/entities/{quote(entity_id, safe=':')}")

    return router


def _story_pages(store: Store, render) -> APIRouter:
    router = APIRouter()

    @router.get("/stories", response_class=HTMLResponse)
    def stories_page(request: Request, download: Download = None):
        stories = store.stories(limit=100)
        if download:
            return download_rows(_dump(stories), "stories", download)
        return render(request, "stories.html", stories=stories, twin="/api/stories?limit=100", downloads=_links(request))

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_view(request: Request, story_id: str, download: Download = None):
        data = story_page(store, story_id)
        if download:
            return download_rows(_dump(data["reports"]), "story", download)
        return render(request, "story.html", story=data["story"], reports=data["reports"],
                      twin=f"/api/stories/{quote(story_id)}", downloads=_links(request))

    return router


def _graph_pages(store: Store, render, labels: UiLabels) -> APIRouter:
    router = APIRouter()
    quad_titles = labels.group("quad")

    @router.get("/graph", response_class=HTMLResponse)
    def graph_page(request: Request, entity: Annotated[str, Query(max_length=200)] = "",
                   type: Annotated[str, Query(max_length=16)] = "", date_from: Day = "", date_to: Day = "",
                   quad: Annotated[str, Query(pattern="^(" + "|".join(QUADS) + ")?$")] = "",
                   download: Download = None):
        entity_id, graph = graph_filtered(store, entity.strip(), type, date_from, date_to, quad, None, max_edges=GRAPH_EDGES)
        payload = graph_payload(graph, entity_id)
        names = {n.id: n for n in graph.nodes}
        edges = [dict(source=e.source, source_name=names[e.source].name_ar or names[e.source].label,
                      source_en=names[e.source].name_en, target=e.target,
                      target_name=names[e.target].name_ar or names[e.target].label, target_en=names[e.target].name_en,
                      type=e.type, count=e.count, reports=e.reports) for e in graph.edges]
        if download:
            return download_rows(edges, "graph-edges", download)
        filters = dict(entity=entity, type=type, date_from=date_from, date_to=date_to, quad=quad)
        return render(request, "graph.html", graph=payload, edges=edges, filters=filters, quads=quad_titles,
                      twin=_twin("/api/graph", request) + ("&" if request.query_params else "?") + f"max_edges={GRAPH_EDGES}",
                      downloads=_links(request), max_edges=GRAPH_EDGES)

    return router


def _outlet_pages(store: Store, render, labels: UiLabels) -> APIRouter:
    router = APIRouter()

    @router.get("/outlets", response_class=HTMLResponse)
    def outlets_page(request: Request, download: Download = None):
        outlets = list_outlets(store)
        if download:
            return download_rows(_dump(outlets), "outlets", download)
        return render(request, "outlets.html", outlets=outlets, twin="/api/outlets", downloads=_links(request))

    @router.get("/outlets/{name}", response_class=HTMLResponse)
    def outlet_view(request: Request, name: str, bucket: Annotated[str, Query(pattern="^(auto|month|week|day)$")] = "auto",
                    download: Download = None):
        data = outlet_page(store, name, bucket)
        if download:
            return download_rows(_dump(data["profile"].periods), f"outlet-{name}-sourcing", download)
        return render(request, "outlet.html", outlet=data["outlet"], profile=data["profile"], reports=data["reports"],
                      volume_chart=_volume_chart(data["profile"], labels), profile_chart=_profile_chart(data["profile"], labels),
                      twin=_twin(f"/api/outlets/{quote(name)}", request), downloads=_links(request))

    return router


def _search_pages(store: Store, render, labels: UiLabels, facets: FacetIndex) -> APIRouter:
    router = APIRouter()
    facet_titles, sort_titles = labels.group("facet"), labels.group("sort")
    value_titles = {"speaker_kind": labels.group("speaker_kind"), "status": labels.group("status")}

    @router.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "relevance",
                    date_from: Day = "", date_to: Day = "",
                    entity: Annotated[str, Query(max_length=200)] = "",
                    outlet: Annotated[str, Query(max_length=200)] = "",
                    event_type: Annotated[str, Query(max_length=32)] = "",
                    status: Annotated[str, Query(max_length=32)] = "",
                    speaker_kind: Annotated[str, Query(max_length=32)] = "",
                    download: Download = None):
        values = dict(date_from=date_from, date_to=date_to, entity=entity.strip(), outlet=outlet, event_type=event_type,
                      status=status, speaker_kind=speaker_kind)
        filters = {k: v for k, v in values.items() if v}
        if not q.strip():
            return render(request, "search.html", q="", results=None, snippets=[], filters=filters, twin=None, sort=sort)
        results = faceted(store, facets, q, SearchFilters(**filters), sort, 20, offset)
        if download:
            return download_rows([h.model_dump(exclude={"snippet_text", "marks"}) for h in results.hits], "search", download)
        snippets = [marked_snippet(hit.snippet, hit.marks) for hit in results.hits]
        query = urlencode({"q": results.query, **filters, **({"sort": sort} if sort != "relevance" else {})})
        facet_links = {name: [(v, _toggle(results.query, filters, sort, name, v.value)) for v in results.facets.get(name, [])]
                       for name in FACETS}
        undated = {k: v for k, v in filters.items() if k not in ("date_from", "date_to")}
        clear_dates = "/search?" + urlencode({"q": results.query, **undated, **({"sort": sort} if sort != "relevance" else {})})
        date_chart = bar_chart([(v.value, v.count, f"{v.value}: {v.count}", href) for v, href in facet_links["date"]], height=110)
        return render(request, "search.html", q=results.query, results=results, snippets=snippets, offset=offset,
                      filters=filters, query=query, sort=sort, sorts=sort_titles, facet_links=facet_links,
                      facet_titles=facet_titles, value_titles=value_titles, date_chart=date_chart, clear_dates=clear_dates,
                      twin="/api/search?" + query, downloads=_links(request))

    return router


def _analyze_pages(render, holder: PipelineHolder) -> APIRouter:
    router = APIRouter()

    @router.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request):
        return render(request, "analyze.html", twin=None)

    @router.post("/analyze", response_class=HTMLResponse)
    def analyze_page(request: Request, text: Annotated[str, Form(min_length=1, max_length=MAX_INPUT_BYTES)],
                     published: Annotated[str | None, Form(pattern=ISO_PATTERN)] = None):
        """The report page for a text that is analysed and shown, not stored (twin: POST /api/analyze)."""
        report = analyse(holder, AnalyzeRequest(text=text, published=published or None))
        return render(request, "report.html", twin=None, unsaved=True, **report_view(report, request.app.state.labels, linked=False))

    return router


def _favicon_route() -> APIRouter:
    router = APIRouter()

    @router.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg")

    return router


_FACET_PARAM = {"outlet": "outlet", "event_type": "event_type", "status": "status", "speaker_kind": "speaker_kind",
                "entity": "entity", "date": None}


def _toggle(q: str, filters: dict, sort: str, facet: str, value: str) -> str:
    """The search URL with this facet value as a filter (or without it, when it is the active one)."""
    params = dict(filters)
    if facet == "date":
        start, end = (value + "-01", value + "-31") if len(value) == 7 else (value, value)
        if params.get("date_from") == start and params.get("date_to") == end:
            params.pop("date_from", None)
            params.pop("date_to", None)
        else:
            params["date_from"], params["date_to"] = start, end
    else:
        key = _FACET_PARAM[facet]
        if params.get(key) == value:
            params.pop(key)
        else:
            params[key] = value
    if sort != "relevance":
        params["sort"] = sort
    return "/search?" + urlencode({"q": q, **params})


def _profile_chart(profile, labels: UiLabels) -> dict:
    rows = [(p.period, p.unnamed_share or 0.0,
             f"{p.period}: {round(100 * (p.unnamed_share or 0))}% · {p.attributions} {labels['chart.attributions']}"
             if p.unnamed_share is not None else f"{p.period}: {labels['chart.no_attributions']}") for p in profile.periods]
    return bar_chart(rows, height=110, percent=True)


def _volume_chart(profile, labels: UiLabels) -> dict:
    return bar_chart([(p.period, p.reports, f"{p.period}: {p.reports} {labels['chart.reports']}") for p in profile.periods],
                     height=100)
