"""The typed records every stage produces and everything downstream consumes.

A Report is the contract between analysis and storage/serving: text kept exactly as ingested,
plus layers of spans that point into it by code-point offsets. Schema ``naba.report/1``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "naba.report/1"

SpeakerKind = Literal["named", "anonymous", "group", "outlet", "organization"]
# referenced: an event the clause mentions (as background, or as what another act is about: the
# bombing a statement condemns) without reporting it; counts and exports leave it out or flag it
EventStatus = Literal["happened", "announced", "planned", "expected", "denied", "hypothetical", "ongoing",
                      "referenced"]
TimeMod = Literal["BEFORE", "AFTER", "START", "MID", "END", "MORE_THAN", "LESS_THAN", "APPROX"]
EntityType = Literal["PERSON", "GPE", "LOC", "ORG", "AGREEMENT", "EVENT", "MISC"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Offsets(_Record):
    """A bare span (sentences, tokens): the text is ``Report.text[start:end]``."""

    start: int
    end: int


class Span(_Record):
    """A span that carries its own text, so a reader of the JSON needs no slicing."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])


class Meta(_Record):
    title: str | None = None
    section: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601, local time of the outlet as printed
    language: str = "ar"


class Entity(_Record):
    id: str
    type: EntityType
    name_ar: str | None = None
    name_en: str | None = None
    kb: str | None = None  # knowledge-base id; None for entities found only by the tagger
    mentions: list[Span] = Field(default_factory=list)


class TimeValue(_Record):
    start: int
    end: int
    text: str
    value: str | None = None  # TIMEX3 value; None when it cannot be resolved
    mod: TimeMod | None = None


class Attribution(_Record):
    cue: Span | None = None
    speaker: Span | None = None
    speaker_kind: SpeakerKind | None = None
    speaker_entity: str | None = None
    speaker_affiliation: str | None = None  # entity id of a stated affiliation (مسؤولون أمريكيون -> gpe:us)
    via: Span | None = None
    via_entity: str | None = None
    direct: bool = False
    content: Span | None = None


class Event(_Record):
    trigger: Span
    type: str  # PLOVER event type, e.g. AGREE
    mode: str | None = None  # PLOVER mode, e.g. join
    cameo: str | None = None  # CAMEO code, e.g. 057
    actor: str | None = None  # entity id
    target: str | None = None  # entity id
    place: str | None = None  # entity id
    time: int | None = None  # index into Report.times
    status: EventStatus = "happened"
    attribution: int | None = None  # index into Report.attributions
    evidence: list[Span] = Field(default_factory=list)  # every trigger that tells this same event
    # who did it to whom as written in the clause, entity or not, with a CAMEO-style actor code
    # (country alpha-3 + role: IRQCOP, USAGOV, UAF); optional so that older stores still open
    actor_span: Span | None = None
    actor_code: str | None = None
    target_span: Span | None = None
    target_code: str | None = None
    about: int | None = None  # index into Report.events of the event this act is about (a condemned bombing)


class Sourcing(_Record):
    named: int = 0
    anonymous: int = 0
    group: int = 0
    outlet: int = 0
    organization: int = 0
    outlets: list[str] = Field(default_factory=list)
    unnamed_share: float = 0.0  # share of attributed content (chars) resting on anonymous/group sources


class Report(_Record):
    schema_: str = Field(default=SCHEMA_VERSION, alias="schema")
    id: str
    meta: Meta = Field(default_factory=Meta)
    text: str
    sentences: list[Offsets] = Field(default_factory=list)
    tokens: list[Offsets] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeValue] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sourcing: Sourcing = Field(default_factory=Sourcing)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        return cls.model_validate_json(data)


def text_id(text: str) -> str:
    """A stable id for an input that has none of its own (``naba.ids.report_id``)."""
    from naba.ids import report_id

    return report_id(text)


def report_json_schema() -> dict:
    return Report.model_json_schema(by_alias=True)


class Document(_Record):
    """What ingest hands to analysis: the text to keep verbatim and what is known about it."""

    text: str
    meta: Meta = Field(default_factory=Meta)
    id: str | None = None  # the input's own id, when it has one
    source: str = "<text>"  # file (and line) it came from, for messages


def invalid_spans(report: Report) -> list[str]:
    """Every span of every layer that does not point at its own text (empty when all is well)."""
    text = report.text
    problems: list[str] = []

    def check(where: str, span, with_text: bool = True) -> None:
        if span is None:
            return
        if not (0 <= span.start <= span.end <= len(text)):
            problems.append(f"{where}: offsets {span.start}-{span.end} outside the text")
        elif with_text and text[span.start:span.end] != span.text:
            problems.append(f"{where}: text {span.text!r} != {text[span.start:span.end]!r}")

    for i, span in enumerate(report.sentences):
        check(f"sentences[{i}]", span, with_text=False)
    for i, span in enumerate(report.tokens):
        check(f"tokens[{i}]", span, with_text=False)
    for i, entity in enumerate(report.entities):
        for j, mention in enumerate(entity.mentions):
            check(f"entities[{i}].mentions[{j}]", mention)
    for i, time in enumerate(report.times):
        check(f"times[{i}]", time)
    for i, attribution in enumerate(report.attributions):
        for name in ("cue", "speaker", "via", "content"):
            check(f"attributions[{i}].{name}", getattr(attribution, name))
    for i, event in enumerate(report.events):
        check(f"events[{i}].trigger", event.trigger)
        for j, span in enumerate(event.evidence):
            check(f"events[{i}].evidence[{j}]", span)
        check(f"events[{i}].actor_span", event.actor_span)
        check(f"events[{i}].target_span", event.target_span)
    return problems
