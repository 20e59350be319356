"""Browser-facing protections as one ASGI middleware: security headers on every response, and
cross-site form posts refused before they reach the app.

The pages load scripts and styles only from ``/static`` and build no inline script or style
attribute, so the Content-Security-Policy can be strict; only FastAPI's ``/docs`` and ``/redoc``
pages (which load Swagger UI / ReDoc from a CDN with an inline bootstrap script) get a looser one.
A write request (POST, PUT, PATCH, DELETE) is refused with 403 when the browser says it comes from
another site (``Sec-Fetch-Site``), or, from browsers that do not send that header, when its
``Origin`` is not this server's own; requests with neither header (curl, scripts) are not browser
form posts and pass.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

STRICT_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
               "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
               "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
TRUSTED_FETCH_SITES = {"same-origin", "none"}  # "none": typed in or bookmarked by the user


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def cross_site_reason(scope) -> str | None:
    """Why a write request is refused as cross-site, or None when it may pass."""
    if scope.get("method", "GET").upper() not in WRITE_METHODS:
        return None
    fetch_site = _header(scope, b"sec-fetch-site")
    if fetch_site is not None:
        return None if fetch_site.lower() in TRUSTED_FETCH_SITES else f"Sec-Fetch-Site is {fetch_site}"
    origin = _header(scope, b"origin")
    if origin is None:
        return None
    host = _header(scope, b"host")
    parts = urlsplit(origin)
    if origin == "null" or not host or parts.netloc.lower() != host.lower():
        return f"Origin {origin} is not this server"
    return None


class SecurityHeaders:
    """ASGI middleware: ``app.add_middleware(SecurityHeaders)``."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        policy = DOCS_POLICY if path in DOCS_PATHS or path.startswith("/docs/") else STRICT_POLICY
        headers = [(b"content-security-policy", policy.encode()), *COMMON_HEADERS]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                message = dict(message, headers=[*message.get("headers", []),
                                                 *(h for h in headers if h[0] not in present)])
            await send(message)

        reason = cross_site_reason(scope)
        if reason:
            await self._refuse(send_with_headers, path, reason)
            return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _refuse(send, path: str, reason: str) -> None:
        detail = f"cross-site request refused ({reason})"
        if path == "/api" or path.startswith("/api/"):
            body, kind = json.dumps({"detail": detail}).encode("utf-8"), b"application/json"
        else:
            body, kind = detail.encode("utf-8"), b"text/plain; charset=utf-8"
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
