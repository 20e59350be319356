"""Entities: NER, knowledge-base linking and coreference."""

from __future__ import annotations

from naba.analysis import Analysis
from naba.record import Entity


class EntityStage:
    """Placeholder until the tagger and linker land: finds nothing."""

    @classmethod
    def load(cls) -> EntityStage:
        return cls()

    def __call__(self, analysis: Analysis) -> list[Entity]:
        return []
