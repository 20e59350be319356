"""Errors as JSON under /api and as a page elsewhere; never a traceback (those go to the log)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("naba.serve")



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
    """Error pages titled from ``app.state.labels`` (naba.serve.labels.UiLabels: error.STATUS)."""

    def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
        labels = app.state.labels
        title = labels.get(f"error.{status}") or labels["error.default"]
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "title": title, "detail": detail, "twin": None},
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
