"""`naba spark`: analyse JSON lines, Parquet and WARC inputs on Spark into five Parquet tables."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from naba.cli import app
from naba.cli.analyze import DateFieldOption, TextFieldOption, fail, parse_layers
from naba.pipeline import LAYERS, UnknownLayer, resolve_layers


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(help="JSON lines (.jsonl, .jsonl.gz), Parquet (.parquet) or WARC (.warc[.gz]) files or folders.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder for the tables: reports, entities, mentions, attributions, events, errors.")],
    master: Annotated[str | None, typer.Option(help="Spark master, e.g. local[4] (default: as spark-submit or the cluster set it, else local[*]).")] = None,
    partitions: Annotated[int | None, typer.Option(min=1, help="Partitions to analyse in (default: 4 per core).")] = None,
    layers: Annotated[str | None, typer.Option(help=f"Comma-separated layers to compute: text,{','.join(LAYERS)} (default all).")] = None,
    text_field: TextFieldOption = "text",
    date_field: DateFieldOption = "published",
    conf: Annotated[list[str] | None, typer.Option(help="Extra Spark setting KEY=VALUE (repeatable).")] = None,
) -> None:
    """Analyse reports on Spark: Parquet tables partitioned by publication date; bad records go to errors/."""
    try:
        from naba.scale.spark import SparkJob, expand_inputs, run, session
    except ImportError as error:
        fail(f"naba spark needs pyspark: pip install 'naba[spark]' ({error})")
        raise typer.Exit(2)
    try:
        chosen = resolve_layers(parse_layers(layers)) if layers else None
    except UnknownLayer as error:
        fail(f"--layers: {error}")
        raise typer.Exit(2)
    settings = []
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--conf: '{item}' is not KEY=VALUE")
            raise typer.Exit(2)
        settings.append((key.strip(), value.strip()))
    by_kind, unknown = expand_inputs(inputs)
    for problem in unknown:
        fail(problem)
    if not any(by_kind.values()):
        fail("no inputs to analyse")
        raise typer.Exit(2)
    job = SparkJob(inputs=tuple(inputs), output=output, text_field=text_field, date_field=date_field,
                   layers=chosen, partitions=partitions)
    started = time.monotonic()
    spark_session = session(master or ("local[*]" if not _submitted() else None), config=settings)
    spark_session.sparkContext.setLogLevel("ERROR")  # Spark's warnings are not the user's; errors are
    try:
        summary = run(spark_session, job, by_kind)
    finally:
        spark_session.stop()
    seconds = time.monotonic() - started
    tables = ", ".join(f"{name} {count}" for name, count in summary.rows.items())
    print(f"naba spark: {summary.reports} reports, {summary.errors} errors in {seconds:.0f} s -> {summary.output}/ ({tables})",
          file=sys.stderr)
    raise typer.Exit(1 if unknown else 0)


def _submitted() -> bool:
    """True under spark-submit, which sets the master itself."""
    import os

    return "SPARK_ENV_LOADED" in os.environ or "PYSPARK_GATEWAY_PORT" in os.environ
