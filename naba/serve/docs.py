"""/docs from Swagger UI files shipped in a Python package (fastapi-offline's copy of Swagger UI 5,
which reads the OpenAPI 3.1 FastAPI writes; swagger-ui-bundle's 4.x cannot): nothing from a CDN.

FastAPI's own /docs page loads Swagger UI from a CDN and its favicon from fastapi's site; offline
(the README's promise) that page is blank. Here the same page points at /swagger-ui/ (mounted apart from /static, which would shadow it).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles


def install_docs(app: FastAPI) -> None:
    """Serve /docs with locally shipped Swagger UI (call on an app made with ``docs_url=None``)."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).resolve().parent / "static"
    app.mount("/swagger-ui", StaticFiles(directory=assets), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="naba API",
            swagger_js_url="/swagger-ui/swagger-ui-bundle.js", swagger_css_url="/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},
        )
