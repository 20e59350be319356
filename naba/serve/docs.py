"""/docs from Swagger UI files shipped in a Python package (swagger-ui-bundle): nothing from a CDN.

FastAPI's own /docs page loads Swagger UI from a CDN and its favicon from fastapi's site; offline
(the README's promise) that page is blank. Here the same page points at /static/swagger/.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles


def install_docs(app: FastAPI) -> None:
    """Serve /docs with locally shipped Swagger UI (call on an app made with ``docs_url=None``)."""
    import swagger_ui_bundle

    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="naba API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js", swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},
        )
