"""The corpus: every Report stored, searchable as Arabic readers spell, joined into entities,
timelines, an actor-target graph and stories. Open one with ``Store.open(url)``."""

from naba.corpus.records import (
    AddResult, CorpusEntity, GraphData, GraphEdge, GraphNode, ReportSummary, SearchHit, Story, TimelineItem,
    TimelineReport,
)
from naba.corpus.store import Store, corpus_entity_id, resolve_url

__all__ = [
    "AddResult", "CorpusEntity", "GraphData", "GraphEdge", "GraphNode", "ReportSummary", "SearchHit", "Store", "Story",
    "TimelineItem", "TimelineReport", "corpus_entity_id", "resolve_url",
]
