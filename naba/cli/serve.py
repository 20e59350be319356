"""`naba serve`: the web UI and HTTP API over a corpus store (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

from typing import Annotated

import typer

from naba.cli import app
from naba.cli.corpus import opened


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (default: $NABA_DB, else ./naba.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to bind; other machines can reach the UI only if you say so.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from naba.serve import create_app

    web = opened(create_app, db)
    shown = f"[{host}]" if ":" in host else host
    print(f"naba: serving on http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
