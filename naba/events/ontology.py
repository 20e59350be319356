"""PLOVER event types, their modes, the CAMEO code of each, and PLOVER's quad categories.

The table lives in ``naba/resources/events/ontology.json`` (reviewable data, not code); this
module loads it once and answers the questions the extractor and the UI ask of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Mode:
    name: str
    cameo: str
    description: str = ""
    unsure: str | None = None  # why the CAMEO code is a judgement call, when it is one


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    quad: str
    description: str
    modes: dict[str, Mode]


@dataclass(frozen=True)
class Ontology:
    types: dict[str, EventType]

    @classmethod
    def load(cls) -> Ontology:
        data = json.loads((RESOURCES / "ontology.json").read_text("utf-8"))
        quad_of = {name: quad for quad, names in data["quads"].items() for name in names}
        types = {}
        for name, spec in data["types"].items():
            modes = {
                mode: Mode(mode, m["cameo"], m.get("description", ""), m.get("unsure"))
                for mode, m in spec.get("modes", {}).items()
            }
            types[name] = EventType(name, spec["cameo"], quad_of[name], spec.get("description", ""), modes)
        missing = set(PLOVER_TYPES) - set(types)
        if missing:
            raise ValueError(f"ontology.json lacks PLOVER types: {sorted(missing)}")
        return cls(types)

    def cameo(self, type_: str, mode: str | None) -> str | None:
        """The CAMEO code of a type/mode pair; the type's own code when the mode has none."""
        event_type = self.types.get(type_)
        if event_type is None:
            return None
        if mode and mode in event_type.modes:
            code = event_type.modes[mode].cameo
            return code if code and "?" not in code else event_type.cameo
        return event_type.cameo

    def quad(self, type_: str) -> str | None:
        event_type = self.types.get(type_)
        return event_type.quad if event_type else None

    def has_mode(self, type_: str, mode: str) -> bool:
        return type_ in self.types and mode in self.types[type_].modes
