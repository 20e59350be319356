"""Builds the analysis stages once and runs them in order: the only place that knows the order.

text -> entities -> times -> attributions (+ sourcing) -> events

Each stage is registered once in ``STAGES`` (its name, the layers it needs, where its class lives
and any extra layer one of its methods fills); the pipeline loads the ``Language`` once and builds
every requested stage as ``StageClass.load(lang)``. Adding a stage is one ``register`` line.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from naba.analysis import Analysis
from naba.lang import Language
from naba.lang import load as load_language
from naba.record import Document, Offsets, Report, Sourcing, text_id


@dataclass(frozen=True)
class StageSpec:
    """A stage as the pipeline knows it: ``name`` is also the ``Analysis`` layer its call fills."""

    name: str
    factory: str  # "module:Class"; imported only when the stage is requested
    needs: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # further layers, each filled by the stage's method of that name

    def load(self, lang: Language):
        module, _, attribute = self.factory.partition(":")
        return getattr(importlib.import_module(module), attribute).load(lang)


STAGES: dict[str, StageSpec] = {}


def register(spec: StageSpec) -> StageSpec:
    """Add a stage after those already registered (registration order is pipeline order; a stage
    may only need stages registered before it)."""
    missing = [need for need in spec.needs if need not in STAGES]
    if missing:
        raise ValueError(f"stage {spec.name!r} needs unregistered stage(s): {', '.join(missing)}")
    STAGES[spec.name] = spec
    return spec


register(StageSpec("entities", "naba.entities:EntityStage"))
register(StageSpec("times", "naba.times:TimeStage"))
register(StageSpec("attributions", "naba.quotes:AttributionStage", needs=("entities",), also=("sourcing",)))
register(StageSpec("events", "naba.events:EventStage", needs=("entities", "times", "attributions")))

# Kept for callers: the layer names in pipeline order, and what each needs.
LAYERS: tuple[str, ...] = tuple(STAGES)
REQUIRES: dict[str, tuple[str, ...]] = {name: spec.needs for name, spec in STAGES.items()}


class UnknownLayer(ValueError):
    pass


def resolve_layers(requested: Iterable[str] | None) -> tuple[str, ...]:
    """The requested layers plus what they depend on, in pipeline order."""
    names = tuple(STAGES)
    wanted = set(names if requested is None else requested)
    unknown = wanted - set(names) - {"text"}
    if unknown:
        raise UnknownLayer(f"unknown layer(s): {', '.join(sorted(unknown))}; choose from text, {', '.join(names)}")
    closure = set()
    stack = [name for name in wanted if name != "text"]
    while stack:
        name = stack.pop()
        if name not in closure:
            closure.add(name)
            stack.extend(STAGES[name].needs)
    return tuple(name for name in names if name in closure)


class Pipeline:
    """Loads the language and every model and lexicon once; ``analyze`` is then pure per document."""

    def __init__(self, layers: Sequence[str] | None = None, lang: Language | None = None):
        self.layers = resolve_layers(layers)
        self.lang = lang or load_language("ar")
        self._stages = [(STAGES[name], STAGES[name].load(self.lang)) for name in self.layers]

    def analyze(self, document: Document) -> Report:
        analysis = Analysis.of(document.text, document.meta, self.lang)
        for spec, stage in self._stages:
            analysis = analysis.with_layer(**{spec.name: stage(analysis)})
            for extra in spec.also:
                analysis = analysis.with_layer(**{extra: getattr(stage, extra)(analysis)})
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
            events=list(analysis.events),
            sourcing=analysis.sourcing or Sourcing(),
        )
