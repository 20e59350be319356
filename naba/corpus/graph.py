"""The actor -> target graph of events, typed and counted by PLOVER type, and its file formats.

Counts come from canonical reports only: a wire story re-posted on five sites is one event, not five.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict

import networkx as nx

from naba.corpus.records import GraphData, GraphEdge, GraphNode

FORMATS = ("json", "graphml", "gexf")


def build_graph(event_rows: list[tuple[str, str, str, str]], entity_rows: dict[str, dict]) -> GraphData:
    """``event_rows``: (actor, target, PLOVER type, report id); ``entity_rows``: corpus entity id -> columns."""
    counts: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for actor, target, kind, report_id in event_rows:
        counts[(actor, target, kind)].append(report_id)
    edges = [
        GraphEdge(source=a, target=t, type=k, count=len(ids), reports=sorted(set(ids)))
        for (a, t, k), ids in sorted(counts.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    node_ids = sorted({e.source for e in edges} | {e.target for e in edges})
    nodes = []
    for node_id in node_ids:
        row = entity_rows.get(node_id, {})
        label = row.get("name_en") or row.get("name_ar") or node_id
        nodes.append(GraphNode(
            id=node_id, type=row.get("type", "MISC"), name_en=row.get("name_en"), name_ar=row.get("name_ar"),
            label=label, mention_count=row.get("mention_count", 0),
        ))
    return GraphData(nodes=nodes, edges=edges)


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.id, label=node.label, type=node.type, name_en=node.name_en or "", name_ar=node.name_ar or "",
                   mention_count=node.mention_count)
    for edge in graph.edges:
        g.add_edge(edge.source, edge.target, key=edge.type, type=edge.type, count=edge.count, weight=edge.count,
                   reports=" ".join(edge.reports))
    return g


def render(graph: GraphData, fmt: str) -> str:
    """The graph as JSON (nodes/edges), GraphML or GEXF text."""
    if fmt == "json":
        return json.dumps(graph.model_dump(), ensure_ascii=False, indent=2)
    g = to_networkx(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(g, buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format '{fmt}'; choose from {', '.join(FORMATS)}")
    return buffer.getvalue().decode("utf-8")
