"""naba: Arabic news reports in, structured source-attributed Reports out."""

from __future__ import annotations

from naba.pipeline import LAYERS, Pipeline
from naba.record import Document, Meta, Report

__version__ = "0.1.0"
__all__ = ["Document", "LAYERS", "Meta", "Pipeline", "Report", "analyze", "load_pipeline"]


def load_pipeline(layers=None, lang=None) -> Pipeline:
    """Build the stages once (and the language data they share: ``naba.lang.load("ar")`` unless
    given); reuse the pipeline for every report of a batch."""
    return Pipeline(layers, lang)


def analyze(text_or_html: str, published: str | None = None, pipeline: Pipeline | None = None) -> Report:
    """Analyse one report given as text or HTML (a convenience; batches should reuse a pipeline)."""
    from naba.ingest import document_from_string

    document = document_from_string(text_or_html)
    if published:
        document = document.model_copy(update={"meta": document.meta.model_copy(update={"published": published})})
    return (pipeline or Pipeline()).analyze(document)
