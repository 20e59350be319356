"""Corpus commands: `naba ingest`, `search`, `stories`, `timeline`, `graph`, `export`.

Every command takes ``--db`` (SQLite path or ``postgresql://`` URL); without it, ``NABA_DB``, else
``naba.db`` in the working directory.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from naba.analysis import parse_published
from naba.cli import app
from naba.cli.analyze import (
    DateFieldOption, TextFieldOption, fail, pipeline_for_options, progress_bar, with_published,
)
from naba.record import text_id

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (default: $NABA_DB, else ./naba.db).")]


def open_store(db: str | None):
    from naba.corpus import Store

    return opened(Store.open, db)


def opened(open_function, db: str | None):
    """``open_function(db)``, or one line naming why the store cannot be opened and exit 2."""
    try:
        return open_function(db)
    except Exception as error:  # an unreachable server or a bad URL: one line, not a traceback
        first_line = str(error).splitlines()[0] if str(error) else ""
        fail(f"cannot open the corpus store ({type(error).__name__}: {first_line})")
        raise typer.Exit(2)


def require_choice(option: str, value: str, choices) -> None:
    if value not in choices:
        fail(f"{option}: choose from {', '.join(choices)}")
        raise typer.Exit(2)


def print_json_lines(records) -> None:
    for record in records:
        print(json.dumps(record.model_dump(), ensure_ascii=False))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (as for `naba analyze`); '-' reads stdin.")],
    db: DbOption = None,
    layers: Annotated[str | None, typer.Option(help="Comma-separated layers to compute (default all).")] = None,
    text_field: TextFieldOption = "text",
    date_field: DateFieldOption = "published",
    published: Annotated[str | None, typer.Option(help="Publication date-time (ISO 8601) for inputs that state none.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Reports per transaction.")] = 50,
) -> None:
    """Analyse reports and store them: idempotent by report id, resumable after a kill."""
    from naba.ingest import IngestError, read_inputs

    pipeline = pipeline_for_options(layers, published)
    store = open_store(db)
    err = Console(stderr=True)
    totals = {"stored": 0, "duplicates": 0, "near": 0, "failed": 0}
    batch = []

    def flush() -> None:
        ids = [doc.id or text_id(doc.text) for doc in batch]
        known = store.existing_ids(ids)
        reports, seen = [], set()
        for doc, report_id in zip(batch, ids):
            if report_id in known or report_id in seen:
                totals["duplicates"] += 1  # skipped before analysis: a rerun after a kill is quick
                continue
            seen.add(report_id)
            try:
                reports.append(pipeline.analyze(doc))
            except Exception as error:
                totals["failed"] += 1
                fail(f"{doc.source}: analysis failed ({type(error).__name__}: {error})")
        if reports:
            result = store.add(reports)
            totals["stored"] += result.stored
            totals["duplicates"] += result.duplicates
            totals["near"] += result.near_duplicates
        batch.clear()

    with progress_bar(err) as progress:
        task = progress.add_task("ingesting", total=None)
        for item in read_inputs(paths, text_field=text_field, date_field=date_field):
            progress.advance(task)
            if isinstance(item, IngestError):
                totals["failed"] += 1
                fail(str(item))
                continue
            batch.append(with_published(item, published))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    store.close()
    print(
        f"stored {totals['stored']}, skipped as duplicate {totals['duplicates']}, failed {totals['failed']}"
        f" ({totals['near']} of the stored are near-duplicates of earlier reports)",
        file=sys.stderr,
    )
    raise typer.Exit(1 if totals["failed"] else 0)


def _marked(window: str, marks: list[tuple[int, int]]) -> Text:
    text = Text(window.replace("\n", " "))
    for start, end in marks:
        text.stylize("bold reverse", start, end)
    return text


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must occur) and "quoted phrases", spelled any way.')],
    db: DbOption = None,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object per hit.")] = False,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only reports mentioning this entity (any of its names).")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search of the stored reports, ranked, with highlighted snippets."""
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and parse_published(value) is None:
            fail(f"{name}: '{value}' is not a date (YYYY-MM-DD)")
            raise typer.Exit(2)
    store = open_store(db)
    hits = store.search(query, limit=limit, date_from=date_from, date_to=date_to, entity=entity)
    store.close()
    if json_:
        print_json_lines(hits)
        return
    out = Console(soft_wrap=True)
    if not hits:
        out.print("no reports found")
    for hit in hits:
        out.print(Text(f"{hit.score:.3f}  {hit.id}  {hit.published or ''}  {hit.title or ''}", style="bold"))
        out.print(_marked(hit.snippet_text, hit.marks))
        out.print()


@app.command()
def stories(
    db: DbOption = None,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object per story.")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """Groups of reports telling the same story (near-duplicates and close reports sharing events/entities)."""
    store = open_store(db)
    found = store.stories(limit=limit)
    store.close()
    if json_:
        print_json_lines(found)
        return
    out = Console(soft_wrap=True)
    if not found:
        out.print("no stories (a story needs at least two reports)")
    for story in found:
        out.print(Text(f"{story.id}  {story.size} reports  {story.first_published or ''} .. {story.last_published or ''}", style="bold"))
        out.print(f"  {story.title or ''}")
        if story.entities:
            out.print("  " + ", ".join(story.entities))


def resolve_entity(store, name: str):
    """The corpus entity named ``name`` (id or any alias); exits with a message when none is known."""
    found = store.entity(name)
    if found:
        return found
    matches = store.find_entities(name, partial=False) or store.find_entities(name)  # an exact alias wins
    if not matches:
        fail(f"no entity named '{name}' in the corpus")
        raise typer.Exit(1)
    if len(matches) > 1:
        others = ", ".join(f"{m.name_en or m.name_ar} ({m.id})" for m in matches[1:6])
        print(f"naba: '{name}' also names: {others}; showing {matches[0].id}", file=sys.stderr)
    return matches[0]


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="Entity name (any alias, any spelling) or corpus id.")],
    db: DbOption = None,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object per event.")] = False,
) -> None:
    """The events involving an entity across reports, ordered by event date, one line per event."""
    store = open_store(db)
    found = resolve_entity(store, entity)
    items = store.timeline(found.id)
    store.close()
    if json_:
        for item in items:
            print(json.dumps(item.model_dump(exclude={"sources"}), ensure_ascii=False))
        return
    out = Console(soft_wrap=True)
    out.print(Text(f"{found.name_en or found.name_ar} ({found.id}): {len(items)} events", style="bold"))
    for item in items:
        when = item.date or f"({item.sort_date or 'undated'})"
        who = f"{item.actor_name or '?'} -> {item.target_name or '?'}"
        out.print(f"{when:<14} {item.type:<10} {item.status:<12} {who}  [{', '.join(item.evidence)}]  {len(item.reports)} report(s)")


@app.command()
def graph(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option(help="Only the edges touching this entity.")] = None,
    format_: Annotated[str, typer.Option("--format", help="json, graphml or gexf.")] = "json",
    output: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
) -> None:
    """The actor -> target graph of events, edges typed and counted by PLOVER type."""
    from naba.corpus.graph import FORMATS, render

    require_choice("--format", format_, FORMATS)
    store = open_store(db)
    entity_id = resolve_entity(store, entity).id if entity else None
    data = render(store.graph(entity_id), format_)
    store.close()
    if output:
        output.write_text(data, encoding="utf-8")
    else:
        sys.stdout.write(data + ("" if data.endswith("\n") else "\n"))


@app.command()
def export(
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or gdelt.")] = "jsonl",
    output: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
) -> None:
    """Export the corpus: Reports as JSON lines, a report table (CSV, Parquet), or GDELT-style event rows."""
    from naba.corpus.export import FORMATS, export as write_export

    require_choice("--format", format_, FORMATS)
    store = open_store(db)
    if output:
        with output.open("wb") as handle:
            rows = write_export(store, format_, handle)
    else:
        rows = write_export(store, format_, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    store.close()
    print(f"exported {rows} rows", file=sys.stderr)
