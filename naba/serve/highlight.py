"""The report text as HTML with every layer highlighted in place, built only from escaped segments.

Spans of different layers overlap freely (a quotation holds names and dates, two entities may
share words), but HTML elements must nest. The text is cut at every span boundary; each piece is
wrapped in the spans covering it, outermost (earliest start, then longest) first, and a span is
closed and reopened around a piece when an earlier-opened span ends inside it. Every piece of
report text passes through ``markupsafe.escape``; attribute values too. Hand-written: no library
renders overlapping offset annotations as nested HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from naba.record import Report

# Tie-break for spans with equal offsets: the wider layer outside.
_LAYER_ORDER = {"attributions": 0, "entities": 1, "times": 2, "events": 3}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its layer, CSS classes, attributes and (optionally) a link."""

    start: int
    end: int
    layer: str
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    href: str | None = None
    badge: str | None = None  # shown after the span's last piece (speaker kind)
    order: int = field(default=0, compare=False)

    def sort_key(self) -> tuple:
        return (self.start, -self.end, _LAYER_ORDER.get(self.layer, 9), self.order)


def entity_tip(name_en: str | None, kb: str | None, kind: str) -> str:
    return " · ".join(x for x in (name_en, kb, kind) if x)


def quote_tip(direct: bool, speaker_kind: str | None) -> str:
    """A quotation's tooltip: every highlight the keyboard can reach says what it is."""
    return f"{'direct quote' if direct else 'quote'} · speaker: {speaker_kind or 'unknown'}"


def report_marks(report: Report, entity_href=None, badges: dict[str, str] | None = None) -> list[Mark]:
    """Every highlightable span of a Report. ``entity_href(entity) -> url | None`` links entities;
    ``badges`` are the speaker kinds' labels shown after a speaker (naba.serve.labels, group
    ``speaker_kind``; English stays in the tooltip), the default Language's when None."""
    if badges is None:
        from naba.serve.labels import UiLabels

        badges = UiLabels.load().group("speaker_kind")
    text_len = len(report.text)
    marks: list[Mark] = []

    def ok(start: int, end: int) -> bool:
        return 0 <= start < end <= text_len

    for entity in report.entities:
        href = entity_href(entity) if entity_href else None
        tip = entity_tip(entity.name_en, entity.kb, entity.type)
        for mention in entity.mentions:
            if ok(mention.start, mention.end):
                marks.append(Mark(mention.start, mention.end, "entities", f"hl ent ent-{entity.type}",
                                  (("data-tip", tip), ("data-entity", entity.id)), href=href))
    for index, time in enumerate(report.times):
        if ok(time.start, time.end):
            tip = " ".join(x for x in (time.value or "?", time.mod) if x)
            marks.append(Mark(time.start, time.end, "times", "hl time",
                              (("data-tip", tip), ("data-value", time.value or ""), ("data-time", str(index)))))
    for index, attribution in enumerate(report.attributions):
        kind = attribution.speaker_kind
        if attribution.content and ok(attribution.content.start, attribution.content.end):
            marks.append(Mark(attribution.content.start, attribution.content.end, "attributions",
                              "hl quote" + (" quote-direct" if attribution.direct else ""),
                              (("data-tip", quote_tip(attribution.direct, kind)), ("data-attribution", str(index)))))
        if attribution.speaker and ok(attribution.speaker.start, attribution.speaker.end):
            marks.append(Mark(attribution.speaker.start, attribution.speaker.end, "attributions",
                              f"hl speaker speaker-{kind or 'unknown'}",
                              (("data-tip", f"speaker: {kind or 'unknown'}"), ("data-attribution", str(index))),
                              badge=badges.get(kind or "", "?")))
        if attribution.cue and ok(attribution.cue.start, attribution.cue.end):
            marks.append(Mark(attribution.cue.start, attribution.cue.end, "attributions", "hl cue",
                              (("data-tip", "cue"), ("data-attribution", str(index)))))
        if attribution.via and ok(attribution.via.start, attribution.via.end):
            marks.append(Mark(attribution.via.start, attribution.via.end, "attributions", "hl via",
                              (("data-tip", "via"), ("data-attribution", str(index)))))
    for index, event in enumerate(report.events):
        tip = event.type + (f"/{event.mode}" if event.mode else "") + f" · {event.status}"
        seen = set()
        for span in [event.trigger, *event.evidence]:
            if (span.start, span.end) in seen or not ok(span.start, span.end):
                continue
            seen.add((span.start, span.end))
            marks.append(Mark(span.start, span.end, "events", "hl trigger",
                              (("data-tip", tip), ("data-event", str(index)))))
    # One speaker often says several things: one element (and one badge) per distinct span.
    unique: dict[tuple, Mark] = {}
    for mark in marks:
        unique.setdefault((mark.start, mark.end, mark.classes), mark)
    return [Mark(m.start, m.end, m.layer, m.classes, m.attrs, m.href, m.badge, order=i) for i, m in enumerate(unique.values())]


def _open_tag(mark: Mark, continued: bool, inside_link: bool) -> tuple[str, str]:
    classes = mark.classes + (" cont" if continued else "")
    attrs = [("class", classes), ("data-layer", mark.layer), *mark.attrs]
    tag = "span"
    if mark.href:
        if inside_link:
            attrs.append(("data-href", mark.href))
        else:
            tag = "a"
            attrs.append(("href", mark.href))
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{rendered}>", f"</{tag}>"


def _close(mark: Mark, closing: str, position: int) -> str:
    """The closing tag, then the speaker badge when the span really ends here (an empty element:
    its label comes from CSS, so the page's text stays the report's text)."""
    if mark.badge and position == mark.end:
        kind = mark.classes.rsplit("speaker-", 1)[-1]
        return f'{closing}<span class="badge badge-{escape(kind)}" data-layer="{escape(mark.layer)}" data-badge="{escape(mark.badge)}"></span>'
    return closing


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` as HTML: escaped pieces wrapped in properly nested elements for ``marks``."""
    marks = sorted(marks, key=Mark.sort_key)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks with their closing tag
    opened: set[int] = set()  # marks already opened once (later pieces are continuations)
    active: list[Mark] = []  # marks covering the current piece, in sort order (a sweep over the cuts)
    following = 0
    for lo, hi in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > lo]
        while following < len(marks) and marks[following].start <= lo:
            active.append(marks[following])  # later starts sort after every mark already open
            following += 1
        common = 0
        while common < len(stack) and common < len(active) and stack[common][0] is active[common]:
            common += 1
        while len(stack) > common:
            out.append(_close(*stack.pop(), lo))
        for mark in active[common:]:
            inside_link = any(closing == "</a>" for _, closing in stack)
            opening, closing = _open_tag(mark, id(mark) in opened, inside_link)
            opened.add(id(mark))
            stack.append((mark, closing))
            out.append(opening)
        out.append(str(escape(text[lo:hi])))
    while stack:
        out.append(_close(*stack.pop(), len(text)))
    return Markup("".join(out))
