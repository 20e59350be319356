"""The web UI and HTTP API: ``create_app(store_url)`` builds the FastAPI app over a corpus store."""

from naba.serve.api import create_app

__all__ = ["create_app"]
