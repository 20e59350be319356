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
from naba.record import Report, text_id

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
    ticks = []  # the progress bar's advance, once it exists: a report counts when analysed, not when read

    def tick() -> None:
        for advance in ticks:
            advance()

    def flush() -> None:
        ids = [doc.id or text_id(doc.text) for doc in batch]
        known = store.existing_ids(ids)
        reports, seen = [], set()
        for doc, report_id in zip(batch, ids):
            if report_id in known or report_id in seen:
                totals["duplicates"] += 1  # skipped before analysis: a rerun after a kill is quick
                tick()
                continue
            seen.add(report_id)
            try:
                # a Report (from the tables of `naba spark`) is stored as analysed there
                reports.append(doc if isinstance(doc, Report) else pipeline.analyze(doc))
            except Exception as error:
                totals["failed"] += 1
                fail(f"{doc.source}: analysis failed ({type(error).__name__}: {error})")
            tick()
        if reports:
            result = store.add(reports)
            totals["stored"] += result.stored
            totals["duplicates"] += result.duplicates
            totals["near"] += result.near_duplicates
        batch.clear()

    with progress_bar(err) as progress:
        task = progress.add_task("ingesting", total=count_inputs(paths) if err.is_terminal else None)
        ticks.append(lambda: progress.advance(task))
        for item in read_inputs(paths, text_field=text_field, date_field=date_field):
            if isinstance(item, IngestError):
                tick()
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


def count_inputs(paths: list[str]) -> int | None:
    """How many reports ``paths`` hold, for the progress bar's total: JSON lines counted by line, other
    files one each; None when it cannot be known cheaply (stdin, feeds and web archives hold several)."""
    from naba.ingest import SUPPORTED_SUFFIXES

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith((".rss", ".xml", ".atom", ".warc", ".warc.gz")):
                return None
            if name.endswith((".jsonl", ".ndjson")):
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            elif not path.is_dir() or name.endswith(SUPPORTED_SUFFIXES):
                total += 1
    return total


def _marked(window: str, marks: list[tuple[int, int]]) -> Text:
    text = Text(window.replace("\n", " "))
    for start, end in marks:
        text.stylize("bold reverse", start, end)
    return text


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must occur), "quoted phrases", OR, NOT or -word, (brackets); spelled any way.')],
    db: DbOption = None,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object: total, facets and hits.")] = False,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only reports mentioning this entity (any of its names).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only reports of this outlet.")] = None,
    sort: Annotated[str, typer.Option(help="relevance, newest or oldest (full publication timestamp).")] = "relevance",
    limit: Annotated[int, typer.Option(min=1)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Full-text search of the stored reports: total hits, facet counts, ranked or dated hits with snippets."""
    from naba.corpus.facets import SORTS, FacetIndex, SearchFilters, faceted_search
    from naba.corpus.search import QuerySyntaxError

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and parse_published(value) is None:
            fail(f"{name}: '{value}' is not a date (YYYY-MM-DD)")
            raise typer.Exit(2)
    require_choice("--sort", sort, SORTS)
    store = open_store(db)
    filters = SearchFilters(date_from=date_from, date_to=date_to, entity=entity, outlet=outlet)
    try:
        page = faceted_search(store, FacetIndex(store), query, filters, sort, limit, offset, with_entities=False)
    except QuerySyntaxError as error:
        fail(f"query: {error}")
        raise typer.Exit(2)
    finally:
        store.close()
    if json_:
        print(json.dumps(page.model_dump(exclude={"entities"}), ensure_ascii=False))
        return
    out = Console(soft_wrap=True, markup=False)  # stored names and titles are data, never rich markup
    out.print(Text(f"{page.total} reports match", style="bold"))
    for name in ("outlet", "event_type", "speaker_kind", "entity"):
        values = page.facets.get(name) or []
        if values:
            out.print(f"  {name}: " + ", ".join(f"{v.label} {v.count}" for v in values[:6]))
    out.print()
    for hit in page.hits:
        out.print(Text(f"{hit.score:.3f}  {hit.id}  {hit.published or ''}  {hit.title or ''}", style="bold"))
        out.print(_marked(hit.snippet, hit.marks))
        out.print()


@app.command()
def entities(
    query: Annotated[str | None, typer.Argument(help="Part of a name, Arabic (any spelling) or English.")] = None,
    db: DbOption = None,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, GPE, LOC, ORG, AGREEMENT, EVENT or MISC.")] = None,
    sort: Annotated[str, typer.Option(help="mentions, reports or name.")] = "mentions",
    limit: Annotated[int, typer.Option(min=1)] = 50,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object per entity.")] = False,
) -> None:
    """The corpus entities with their type, mention and report counts."""
    from naba.corpus.browse import ENTITY_SORTS, list_entities

    require_choice("--sort", sort, ENTITY_SORTS)
    store = open_store(db)
    found = list_entities(store, query, type_, sort, limit)
    store.close()
    if json_:
        print_json_lines(found.entities)
        return
    out = Console(soft_wrap=True, markup=False)  # stored names and titles are data, never rich markup
    out.print(Text(f"{found.total} entities" + (f" ({', '.join(f'{k} {v}' for k, v in found.types.items())})" if found.types else ""), style="bold"))
    for e in found.entities:
        out.print(f"{e.mention_count:>6} mentions {e.report_count:>5} reports  {e.type:<9} {e.name_en or ''} / {e.name_ar or ''}  ({e.id})")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name (any alias, any spelling, Arabic or English) or corpus id.")],
    db: DbOption = None,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object: the entity, its sourcing profile, its latest reports.")] = False,
) -> None:
    """One entity: names, counts, the reports mentioning it and their sourcing profile over time."""
    from naba.corpus.browse import list_entities, reports_newest_first
    from naba.corpus.sourcing import sourcing_profile

    store = open_store(db)
    found = store.entity(name)
    if found is None and not store.find_entities(name, limit=1):  # an English name known only as name_en
        english = list_entities(store, name, limit=1).entities
        found = store.entity(english[0].id) if english else None
    found = found or resolve_entity(store, name)
    profile = sourcing_profile(store, entity_id=found.id)
    reports = reports_newest_first(store, limit=10, entity_id=found.id)
    store.close()
    if json_:
        print(json.dumps({"entity": found.model_dump(exclude={"report_ids"}) | {"report_count": len(found.report_ids)},
                          "sourcing": profile.model_dump(), "reports": [r.model_dump() for r in reports]}, ensure_ascii=False))
        return
    out = Console(soft_wrap=True, markup=False)  # stored names and titles are data, never rich markup
    out.print(Text(f"{found.name_en or ''} / {found.name_ar or ''}  ({found.id}, {found.type})", style="bold"))
    out.print(f"{found.mention_count} mentions in {len(found.report_ids)} reports; also written: {', '.join(found.aliases[:12])}")
    share = f"{round(100 * profile.unnamed_share)}%" if profile.unnamed_share is not None else "n/a"
    out.print(f"attributed text resting on anonymous or group sources: {share} of {profile.attributions} attributions")
    for period in profile.periods:
        p_share = f"{round(100 * period.unnamed_share)}%" if period.unnamed_share is not None else "-"
        out.print(f"  {period.period:<10} {period.reports:>4} reports {period.attributions:>5} attributions  unnamed {p_share}")
    out.print("latest reports:")
    for r in reports:
        out.print(f"  {r.published or '':<19}  {r.id}  {r.title or ''}")


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
    out = Console(soft_wrap=True, markup=False)  # stored names and titles are data, never rich markup
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
    out = Console(soft_wrap=True, markup=False)  # stored names and titles are data, never rich markup
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
    output: Annotated[Path | None, typer.Option(help="File to write (default: standard output); a folder for csv and parquet.")] = None,
) -> None:
    """Export the corpus: Reports as JSON lines, five tables (reports, entities, mentions, attributions,
    events) as a folder of CSV or Parquet files, or GDELT-style event rows."""
    from naba.corpus.export import EXPORTS, FORMATS, export as write_export

    require_choice("--format", format_, FORMATS)
    if EXPORTS[format_].folder:
        if output is None or output.is_file():
            fail(f"--output: the {format_} export writes a folder of five tables; name a folder")
            raise typer.Exit(2)
        store = open_store(db)
        rows = write_export(store, format_, output)
        store.close()
        print(f"exported {rows} reports to {output}/", file=sys.stderr)
        return
    store = open_store(db)
    if output:
        with output.open("wb") as handle:
            rows = write_export(store, format_, handle)
    else:
        rows = write_export(store, format_, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    store.close()
    print(f"exported {rows} rows", file=sys.stderr)
