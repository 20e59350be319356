"""`naba analyze`: Reports for files, folders, JSON lines or standard input."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from naba.analysis import parse_published
from naba.cli import app
from naba.cli.render import render_report
from naba.ingest import IngestError, read_inputs
from naba.pipeline import LAYERS, Pipeline, UnknownLayer
from naba.record import Document, Report


TextFieldOption = Annotated[str, typer.Option(help="JSON-lines field holding the text (e.g. 'content').")]
DateFieldOption = Annotated[str, typer.Option(help="JSON-lines field holding the publication date-time.")]


def fail(message: str) -> None:
    """One line on stderr, no traceback."""
    print(f"naba: {message}", file=sys.stderr)


def parse_layers(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


def with_published(document: Document, published: str | None) -> Document:
    if not published or document.meta.published:
        return document
    return document.model_copy(update={"meta": document.meta.model_copy(update={"published": published})})


def analysed(
    paths: list[str], pipeline: Pipeline, text_field: str = "text", published: str | None = None,
    date_field: str = "published",
) -> Iterator[Report | IngestError]:
    """Reports for every input, errors in their place; one bad input never stops the rest."""
    for item in read_inputs(paths, text_field=text_field, date_field=date_field):
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            # a Report (from the tables of `naba spark`) is analysed already
            yield item if isinstance(item, Report) else pipeline.analyze(with_published(item, published))
        except Exception as error:  # a bug in one stage must not cost the rest of the batch
            yield IngestError(item.source, f"analysis failed ({type(error).__name__}: {error})")


def pipeline_for_options(layers: str | None, published: str | None) -> Pipeline:
    """The pipeline for --layers, after checking --layers and --published; exits 2 on a bad value."""
    if published and parse_published(published) is None:
        fail(f"--published: '{published}' is not an ISO 8601 date-time")
        raise typer.Exit(2)
    try:
        return Pipeline(parse_layers(layers))
    except UnknownLayer as error:
        fail(f"--layers: {error}")
        raise typer.Exit(2)


def progress_bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    )


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl, .rss/.xml, .warc[.gz]); '-' reads stdin.")],
    json: Annotated[bool, typer.Option("--json", help="Print Report JSON (one per line when several).")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date-time (ISO 8601) for inputs that state none.")] = None,
    layers: Annotated[str | None, typer.Option(help=f"Comma-separated layers to compute: text,{','.join(LAYERS)} (default all).")] = None,
    text_field: TextFieldOption = "text",
    date_field: DateFieldOption = "published",
) -> None:
    """Analyse Arabic news reports and print one structured Report each."""
    pipeline = pipeline_for_options(layers, published)

    out = Console()
    if not out.is_terminal:  # piped to a file or pager: do not squeeze tables into 80 columns
        out = Console(width=140)
    err = Console(stderr=True)
    results = analysed(paths, pipeline, text_field, published, date_field)
    first = next(results, None)
    second = next(results, None)
    # A single report is pretty-printed, except from JSON lines: one JSON line in, one JSON line out.
    lines_in = any(p == "-" or p.lower().endswith((".jsonl", ".ndjson")) for p in paths)
    single = second is None and not lines_in
    failed = 0
    with progress_bar(err) as progress:
        task = progress.add_task("analysing", total=None)
        for item in chain((x for x in (first, second) if x is not None), results):
            progress.advance(task)
            if isinstance(item, IngestError):
                failed += 1
                fail(str(item))
            elif json:
                sys.stdout.write(item.to_json(indent=2 if single else None) + "\n")
                sys.stdout.flush()
            else:
                render_report(item, out)
    raise typer.Exit(1 if failed else 0)
