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
