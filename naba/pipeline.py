"""Builds the analysis stages once and runs them in order: the only place that knows the order.

text -> entities -> times -> attributions (+ sourcing) -> events
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from naba.analysis import Analysis
from naba.record import Document, Offsets, Report, Sourcing, text_id

LAYERS = ("entities", "times", "attributions", "events")
# What each layer needs computed before it.
REQUIRES = {
    "entities": (),
    "times": (),
    "attributions": ("entities",),
    "events": ("entities", "times", "attributions"),
}


class UnknownLayer(ValueError):
    pass


def resolve_layers(requested: Iterable[str] | None) -> tuple[str, ...]:
    """The requested layers plus what they depend on, in pipeline order."""
    wanted = set(LAYERS if requested is None else requested)
    unknown = wanted - set(LAYERS) - {"text"}
    if unknown:
        raise UnknownLayer(f"unknown layer(s): {', '.join(sorted(unknown))}; choose from text, {', '.join(LAYERS)}")
    closure = set()
    stack = [name for name in wanted if name != "text"]
    while stack:
        name = stack.pop()
        if name not in closure:
            closure.add(name)
            stack.extend(REQUIRES[name])
    return tuple(name for name in LAYERS if name in closure)


class Pipeline:
    """Loads every model and lexicon once; ``analyze`` is then pure per document."""

    def __init__(self, layers: Sequence[str] | None = None):
        self.layers = resolve_layers(layers)
        self._entities = self._times = self._attributions = self._events = None
        if "entities" in self.layers:
            from naba.entities import EntityStage

            self._entities = EntityStage.load()
        if "times" in self.layers:
            from naba.times import TimeStage

            self._times = TimeStage.load()
        if "attributions" in self.layers:
            from naba.quotes import AttributionStage

            self._attributions = AttributionStage.load()
        if "events" in self.layers:
            from naba.events import EventStage

            self._events = EventStage.load()

    def analyze(self, document: Document) -> Report:
        analysis = Analysis.of(document.text, document.meta)
        if self._entities:
            analysis = analysis.with_layer(entities=self._entities(analysis))
        if self._times:
            analysis = analysis.with_layer(times=self._times(analysis))
        sourcing = Sourcing()
        if self._attributions:
            analysis = analysis.with_layer(attributions=self._attributions(analysis))
            sourcing = self._attributions.sourcing(analysis)
        events = self._events(analysis) if self._events else []
        return Report(
            id=document.id or text_id(document.text),
            meta=document.meta,
            text=document.text,
            # built without re-validation: the offsets come straight from the text layer
            sentences=[Offsets.model_construct(start=s, end=e) for s, e in analysis.sentences],
            tokens=[Offsets.model_construct(start=t.start, end=t.end) for t in analysis.tokens],
            entities=list(analysis.entities),
            times=list(analysis.times),
            attributions=list(analysis.attributions),
            events=list(events),
            sourcing=sourcing,
        )
