"""`naba serve`: the web UI and HTTP API over a corpus store (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

from typing import Annotated

import typer

from naba.cli import app
from naba.cli.analyze import fail
from naba.cli.corpus import opened


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound (in use, not an address here, not permitted), or None when it can:
    checked before anything is said to be served, so a busy port is one clear line."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return f"'{host}' is not an address of this machine ({error.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a closed port in TIME_WAIT is free
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} is already in use by another program"
            return error.strerror or str(error)
    return None


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (default: $NABA_DB, else ./naba.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to bind; other machines can reach the UI only if you say so.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from naba.serve import create_app

    shown = f"[{host}]" if ":" in host else host
    taken = port_taken(host, port)
    if taken:
        hint = "; choose another with --port" if "in use" in taken else ""
        fail(f"cannot serve on http://{shown}:{port}/: {taken}{hint}")
        raise typer.Exit(2)
    web = opened(create_app, db)
    print(f"naba: serving on http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
