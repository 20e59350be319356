"""Request bodies larger than the limit get a clear 413 before the app reads them (ASGI middleware).

Checked twice: the declared Content-Length up front, and the bytes actually received (a chunked
upload declares none) while the body is read ahead of the app, so no endpoint ever holds more
than ``max_bytes`` of a body in memory.
"""

from __future__ import annotations

import json

MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024  # one report (ingest's 2 MB limit) plus its JSON envelope


class BodySizeLimit:
    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"request body larger than the {self.max_bytes} byte limit"

    async def _reply(self, send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._reply(send, 400, "Content-Length is not a number")
                return
            if size > self.max_bytes:
                await self._reply(send, 413, self._message())
                return
        # Read the whole body first (it is small by then), replying 413 as soon as it outgrows the limit.
        chunks, received = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._reply(send, 413, self._message())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
