"""Attributions: reporting cues, speakers, channels and content, and the sourcing profile."""

from __future__ import annotations

from naba.analysis import Analysis
from naba.record import Attribution, Sourcing


class AttributionStage:
    """Placeholder until the attribution finder lands: finds nothing."""

    @classmethod
    def load(cls) -> AttributionStage:
        return cls()

    def __call__(self, analysis: Analysis) -> list[Attribution]:
        return []

    def sourcing(self, analysis: Analysis) -> Sourcing:
        return Sourcing()
