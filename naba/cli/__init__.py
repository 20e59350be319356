"""The `naba` command: one typer app; each command group lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="naba: structured records from Arabic news reports.")


@app.callback()
def _root() -> None:
    """naba: structured, source-attributed records from Arabic news reports."""


def _register() -> None:
    # Each module adds its commands to ``app``; imported here so `naba --help` lists them all.
    from naba.cli import analyze  # noqa: F401
    from naba.cli import ner  # noqa: F401
    from naba.cli import corpus  # noqa: F401
    from naba.cli import serve  # noqa: F401
    from naba.cli import spark  # noqa: F401


def main() -> None:
    _register()
    app()
