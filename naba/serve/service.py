"""What the API and the pages both do: analyse a posted report, search, gather an entity's page.

Both call these, so a page and its JSON twin can never disagree.
"""

from __future__ import annotations

import threading

from fastapi import HTTPException

from naba.analysis import parse_published
from naba.corpus import Store
from naba.ingest import BadInput, document_from_string
from naba.record import Report, text_id
from naba.serve.models import AnalyzeRequest, EntityPage, SearchResults


class PipelineHolder:
    """Builds the analysis pipeline on first use (its models take a second to load), once per app,
    and runs one analysis at a time: requests are served from a thread pool, and a stage's model
    (the CRF tagger) is not known to be safe to call from two threads at once."""

    def __init__(self, pipeline=None):
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def analyze(self, document) -> Report:
        with self._lock:
            if self._pipeline is None:
                from naba.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline.analyze(document)


def analyse(holder: PipelineHolder, body: AnalyzeRequest, report_id: str | None = None) -> Report:
    if body.published and parse_published(body.published) is None:
        raise HTTPException(422, f"published: '{body.published}' is not an ISO 8601 date-time")
    try:
        document = document_from_string(body.text)
    except BadInput as error:
        raise HTTPException(422, f"text: {error}")
    updates = {k: v for k, v in (("published", body.published), ("title", body.title), ("url", body.url),
                                 ("outlet", body.outlet)) if v}
    if updates:
        document = document.model_copy(update={"meta": document.meta.model_copy(update=updates)})
    document = document.model_copy(update={"id": report_id or document.id or text_id(document.text)})
    return holder.analyze(document)


def run_search(store: Store, q: str, limit: int, offset: int, date_from=None, date_to=None, entity=None) -> SearchResults:
    q = q.strip()
    if not q:
        raise HTTPException(422, "q: the query is empty")
    try:
        hits = store.search(q, limit=limit, offset=offset, date_from=date_from, date_to=date_to, entity=entity)
        entities = store.find_entities(q, limit=10) if offset == 0 else []
    except ValueError as error:
        raise HTTPException(422, f"q: {error}")
    return SearchResults(query=q, limit=limit, offset=offset, entities=entities, hits=hits)


def entity_page(store: Store, entity_id: str) -> EntityPage:
    entity = store.entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity with id '{entity_id}'")
    return EntityPage(entity=entity, reports=store.reports_mentioning(entity_id, limit=100))


# ---- browsing: search with facets, entities, stories, outlets, graph ---------------------------

def faceted(store: Store, index, q: str, filters, sort: str, limit: int, offset: int):
    """Search with total and facets; a query the parser or the engine cannot read is a 400 naming why."""
    from naba.corpus.facets import faceted_search
    from naba.corpus.search import QuerySyntaxError

    q = q.strip()
    if not q:
        raise HTTPException(422, "q: the query is empty")
    try:
        return faceted_search(store, index, q, filters, sort, limit, offset)
    except QuerySyntaxError as error:
        raise HTTPException(400, f"q: {error}")


def entity_list(store: Store, q, type_, sort, limit, offset):
    from naba.corpus.browse import list_entities

    try:
        return list_entities(store, q, type_, sort, limit, offset)
    except ValueError as error:
        raise HTTPException(422, str(error))


def story_page(store: Store, story_id: str) -> dict:
    from naba.corpus.browse import story_detail

    found = story_detail(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id '{story_id}'")
    return {"story": found[0], "reports": found[1]}


def outlet_page(store: Store, name: str, bucket: str = "auto", limit: int = 50, offset: int = 0) -> dict:
    from naba.corpus.browse import list_outlets, reports_newest_first
    from naba.corpus.sourcing import sourcing_profile

    outlet = next((o for o in list_outlets(store) if o.name == name), None)
    if outlet is None:
        raise HTTPException(404, f"no outlet named '{name}'")
    try:
        profile = sourcing_profile(store, outlet=name, bucket=bucket)
    except ValueError as error:
        raise HTTPException(422, str(error))
    return {"outlet": outlet, "profile": profile,
            "reports": reports_newest_first(store, limit=limit, offset=offset, outlet=name)}


def entity_sourcing(store: Store, entity_id: str, bucket: str = "auto"):
    from naba.corpus.sourcing import sourcing_profile

    if store.entity(entity_id) is None:
        raise HTTPException(404, f"no entity with id '{entity_id}'")
    try:
        return sourcing_profile(store, entity_id=entity_id, bucket=bucket)
    except ValueError as error:
        raise HTTPException(422, str(error))


def graph_filtered(store: Store, entity, node_type, date_from, date_to, quad, event_type, max_edges=300):
    from naba.corpus.graph import filtered_graph

    entity_id = None
    if entity:
        found = store.entity(entity)
        if found is None:
            matches = store.find_entities(entity, partial=False) or store.find_entities(entity)
            if not matches:
                raise HTTPException(404, f"no entity named '{entity}'")
            found = matches[0]
        entity_id = found.id
    try:
        return entity_id, filtered_graph(store, entity_id, node_type or None, date_from or None, date_to or None,
                                         quad or None, event_type or None, max_edges=max_edges)
    except ValueError as error:
        raise HTTPException(422, str(error))
