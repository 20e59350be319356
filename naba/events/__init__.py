"""Events: actor-action-target triples coded in PLOVER and CAMEO, with their status.

``EventStage.load()`` reads the ontology, the trigger lexicon and the seats table once; calling
the stage on an ``Analysis`` finds trigger mentions, fills roles from the entities, times and
attributions layers (when present), and merges the mentions of one event into one ``Event``.
"""

from __future__ import annotations

from naba.analysis import Analysis
from naba.events.extract import Extractor
from naba.record import Event


class EventStage:
    def __init__(self, extractor: Extractor):
        self.extractor = extractor

    @classmethod
    def load(cls, lang=None) -> EventStage:
        if lang is None:
            from naba.lang import load as load_language

            lang = load_language("ar")
        return cls(Extractor.load(lang))

    def __call__(self, analysis: Analysis) -> list[Event]:
        return self.extractor(analysis)
