"""Throughput of the analysis pipeline: reports/s and characters/s, median of several runs, and peak RSS.

Run with `make bench`. Input: JSON lines (default: ../shared/data/news/ when present, else the
team's examples). Each layer set is measured in a fresh process with its own pipeline, built once
before timing, so each row's peak RSS is that pipeline's alone (models, KB, analysing the reports).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from naba.ingest import read_inputs  # noqa: E402
from naba.pipeline import LAYERS, Pipeline  # noqa: E402
from naba.record import Document  # noqa: E402

DEV_NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-political-dev.jsonl"
LAYER_SETS = [("text",), *[LAYERS[: i + 1] for i in range(len(LAYERS))]]


def load_documents(path: Path | None) -> tuple[list[Document], str]:
    if path is None:
        path = DEV_NEWS if DEV_NEWS.exists() else REPO / "examples"
    text_field = "content" if path == DEV_NEWS else "text"
    documents = [d for d in read_inputs([str(path)], text_field=text_field) if isinstance(d, Document)]
    return documents, str(path)


def measure(documents: list[Document], layers: tuple[str, ...], runs: int) -> dict:
    started = time.perf_counter()
    pipeline = Pipeline(None if layers == LAYERS else [name for name in layers])
    load_seconds = time.perf_counter() - started
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for document in documents:
            pipeline.analyze(document)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    characters = sum(len(d.text) for d in documents)
    label = layers[0] if len(layers) == 1 else f"+ {layers[-1]}"  # each row adds one layer to the one above
    return {"layers": label, "load_s": load_seconds, "reports_per_s": len(documents) / median,
            "kchars_per_s": characters / median / 1000, "ms_per_report": 1000 * median / len(documents),
            "peak_rss_mb": peak_rss_mb()}


def measure_alone(documents: list[Document], layers: tuple[str, ...], runs: int) -> dict:
    """``measure`` in a fresh process: no other pipeline's memory counts in its peak RSS."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(measure, (documents, layers, runs))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", type=Path, default=None, help="JSON lines or a folder of reports")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per layer set (median reported)")
    parser.add_argument("--all-only", action="store_true", help="measure only the full pipeline")
    args = parser.parse_args()

    documents, source = load_documents(args.input)
    if not documents:
        sys.exit(f"bench: no reports in {source}")
    console = Console(width=120)
    console.print(f"[bold]naba throughput[/] on {len(documents)} reports from {source}, median of {args.runs} runs")
    table = Table()
    for column in ("layers", "model load s", "reports/s", "k chars/s", "ms/report", "peak RSS MB"):
        table.add_column(column, justify="right")
    for layers in ([LAYERS] if args.all_only else LAYER_SETS):
        row = measure_alone(documents, tuple(layers), args.runs)
        table.add_row(row["layers"], f"{row['load_s']:.2f}", f"{row['reports_per_s']:.1f}",
                      f"{row['kchars_per_s']:.0f}", f"{row['ms_per_report']:.1f}", f"{row['peak_rss_mb']:.0f}")
    console.print(table)


if __name__ == "__main__":
    main()
