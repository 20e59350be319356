"""JSON routes for browsing the corpus: entity list, stories, outlets, sourcing profiles. Each is the twin of a page in ``pages_browse`` and returns what that page shows."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from naba.corpus import Store
from naba.corpus.browse import EntityList, OutletRow, list_outlets
from naba.corpus.sourcing import SourcingProfile
from naba.serve.models import OutletPage, Problem, StoryPage
from naba.serve.service import entity_list, entity_sourcing, outlet_page, story_page

ERRORS = {404: {"model": Problem}, 422: {"model": Problem}}


def browse_api_router(store: Store) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["browse"], responses={422: {"model": Problem}})

    @router.get("/entities", response_model=EntityList)
    def entities(q: Annotated[str | None, Query(max_length=200, description="Part of a name, Arabic (any spelling) or English.")] = None,
                 type: Annotated[str | None, Query(max_length=16, description="PERSON, GPE, LOC, ORG, ...")] = None,
                 sort: Literal["mentions", "reports", "name"] = "mentions",
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> EntityList:
        """Corpus entities with their type, mention and report counts (the /entities page)."""
        return entity_list(store, q, type, sort, limit, offset)

    @router.get("/entities/{entity_id}/sourcing", response_model=SourcingProfile, responses=ERRORS)
    def entity_profile(entity_id: str, bucket: Literal["auto", "month", "week", "day"] = "auto") -> SourcingProfile:
        """Share of attributed text resting on anonymous or group sources, by period, in the reports mentioning the entity."""
        return entity_sourcing(store, entity_id, bucket)

    @router.get("/stories/{story_id}", response_model=StoryPage, responses=ERRORS)
    def story(story_id: str) -> StoryPage:
        """One story and its reports, oldest first (the /stories/{id} page)."""
        return StoryPage(**story_page(store, story_id))

    @router.get("/outlets", response_model=list[OutletRow])
    def outlets() -> list[OutletRow]:
        """Every outlet with its report count (the /outlets page)."""
        return list_outlets(store)

    @router.get("/outlets/{name}", response_model=OutletPage, responses=ERRORS)
    def outlet(name: str, bucket: Literal["auto", "month", "week", "day"] = "auto",
               limit: Annotated[int, Query(ge=1, le=200)] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> OutletPage:
        """An outlet's volume and sourcing profile over time, and its reports newest first."""
        return OutletPage(**outlet_page(store, name, bucket, limit, offset))

    return router
