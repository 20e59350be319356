"""Events: actor-action-target triples coded in PLOVER and CAMEO, with their status."""

from __future__ import annotations

from naba.analysis import Analysis
from naba.record import Event


class EventStage:
    """Placeholder until the event extractor lands: finds nothing."""

    @classmethod
    def load(cls) -> EventStage:
        return cls()

    def __call__(self, analysis: Analysis) -> list[Event]:
        return []
