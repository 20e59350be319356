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


QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")


def quad_types(quad: str) -> list[str]:
    """The PLOVER types of one quad class (from the events ontology)."""
    from naba.events.ontology import Ontology

    if quad not in QUADS:
        raise ValueError(f"quad: choose from {', '.join(QUADS)}")
    return sorted(name for name, spec in Ontology.load().types.items() if spec.quad == quad)


def filtered_graph(store, entity_id: str | None = None, node_type: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, quad: str | None = None, event_type: str | None = None,
                   min_count: int = 1, max_edges: int = 300) -> GraphData:
    """The corpus network over canonical reports, filtered: edges touching ``entity_id``, between
    entities of ``node_type`` (either end), from reports published in [date_from, date_to], of one
    quad class or PLOVER type; the ``max_edges`` heaviest edges kept (a readable drawing)."""
    from sqlalchemy import or_, select

    from naba.corpus import schema as t

    ev, r, e = t.events.c, t.reports.c, t.entities.c
    query = (select(ev.actor, ev.target, ev.type, r.id).join_from(t.events, t.reports, ev.report_pk == r.pk)
             .where(ev.actor.is_not(None), ev.target.is_not(None), ev.actor != ev.target, r.canonical_id.is_(None)))
    if entity_id:
        query = query.where(or_(ev.actor == entity_id, ev.target == entity_id))
    if date_from:
        query = query.where(r.published_day >= date_from[:10])
    if date_to:
        query = query.where(r.published_day <= date_to[:10])
    if quad:
        query = query.where(ev.type.in_(quad_types(quad)))
    if event_type:
        query = query.where(ev.type == event_type)
    if node_type:
        typed = select(e.id).where(e.type == node_type)
        query = query.where(or_(ev.actor.in_(typed), ev.target.in_(typed)))
    with store.engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(query)]
        ids = {x for row in rows for x in row[:2]}
        entities = {row.id: dict(row._mapping) for row in conn.execute(select(t.entities).where(e.id.in_(ids)))} if ids else {}
    graph = build_graph(rows, entities)
    edges = [edge for edge in graph.edges if edge.count >= min_count][:max_edges]
    keep = {x for edge in edges for x in (edge.source, edge.target)}
    return GraphData(nodes=[n for n in graph.nodes if n.id in keep], edges=edges)
