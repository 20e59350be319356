"""Times: find time expressions and normalise them to TIMEX3 values."""

from __future__ import annotations

from naba.analysis import Analysis
from naba.record import TimeValue


class TimeStage:
    """Placeholder until the time tagger lands: finds nothing."""

    @classmethod
    def load(cls) -> TimeStage:
        return cls()

    def __call__(self, analysis: Analysis) -> list[TimeValue]:
        return []
