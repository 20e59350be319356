"""Human-readable rendering of a Report on the terminal (rich): metadata, then one block per layer."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from naba.lang import default as default_language
from naba.record import Report


def render_report(report: Report, console: Console) -> None:
    render_meta(report, console)
    render_entities(report, console)
    render_times(report, console)
    render_attributions(report, console)
    render_sourcing(report, console)
    render_events(report, console)


def render_meta(report: Report, console: Console) -> None:
    meta = report.meta
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold cyan")
    table.add_column()
    for label, value in (
        ("id", report.id), ("title", meta.title), ("section", meta.section), ("author", meta.author),
        ("outlet", meta.outlet), ("url", meta.url), ("published", meta.published), ("language", meta.language),
        ("text", f"{len(report.text)} characters, {len(report.sentences)} sentences, {len(report.tokens)} tokens"),
    ):
        if value:
            table.add_row(label, str(value))
    console.rule(f"[bold]{meta.title or report.id}")
    console.print(table)


def render_entities(report: Report, console: Console) -> None:
    if not report.entities:
        return
    table = Table(title=f"Entities ({len(report.entities)})", title_justify="left")
    table.add_column("entity")
    table.add_column("type")
    table.add_column("mentions", overflow="fold")
    separator = default_language().mapping("ui_labels", "key", "text")["list.separator"] + " "  # naba/lang/ar/ui_labels.tsv
    for entity in sorted(report.entities, key=lambda e: -len(e.mentions)):
        surfaces = sorted({m.text for m in entity.mentions}, key=len, reverse=True)
        name = " / ".join(n for n in (entity.name_en, entity.name_ar) if n) or entity.id
        link = f" [dim]{entity.kb}[/]" if entity.kb else ""
        table.add_row(name + link, entity.type, f"{len(entity.mentions)}× " + separator.join(surfaces[:5]))
    console.print(table)


def render_times(report: Report, console: Console) -> None:
    if not report.times:
        return
    table = Table(title=f"Times ({len(report.times)})", title_justify="left")
    for column in ("text", "value", "mod", "offsets"):
        table.add_column(column)
    for time in report.times:
        table.add_row(time.text, time.value or "?", time.mod or "", f"{time.start}-{time.end}")
    console.print(table)


def render_attributions(report: Report, console: Console) -> None:
    """Who said what: one row per attribution; a speaker found earlier in the text (وأضاف، لكنه
    أشار، وقال المسؤول) is marked with ↩ and its linked entity is named."""
    from rich.markup import escape

    if not report.attributions:
        return
    names = {entity.id: entity.name_en or entity.name_ar or entity.id for entity in report.entities}
    table = Table(title=f"Attributions ({len(report.attributions)})", title_justify="left")
    for column in ("cue", "speaker", "kind", "via", "quote", "content"):
        table.add_column(column, overflow="fold")
    for attribution in report.attributions:
        speaker = attribution.speaker.text if attribution.speaker else "?"
        if attribution.speaker and attribution.cue and attribution.speaker.end < attribution.cue.start - 1 \
                and attribution.cue.start - attribution.speaker.end > 40:
            speaker = "↩ " + speaker  # resolved to an earlier mention
        if attribution.speaker_entity:
            speaker += f" [{names.get(attribution.speaker_entity, attribution.speaker_entity)}]"
        elif getattr(attribution, "speaker_affiliation", None):
            speaker += f" ({names.get(attribution.speaker_affiliation, attribution.speaker_affiliation)})"
        via = attribution.via.text if attribution.via else ""
        if via and attribution.via_entity:
            via += f" [{names.get(attribution.via_entity, attribution.via_entity)}]"
        content = attribution.content.text if attribution.content else ""
        table.add_row(
            escape(attribution.cue.text if attribution.cue else ""),
            escape(speaker),
            attribution.speaker_kind or "",
            escape(via),
            "direct" if attribution.direct else "",
            escape(content if len(content) <= 90 else content[:87] + "..."),
        )
    console.print(table)


def render_sourcing(report: Report, console: Console) -> None:
    """The sourcing profile in one paragraph: counts by kind, outlets cited, and how much of the
    attributed text rests on unnamed sources (with a plain verdict when it is most of it)."""
    from rich.markup import escape

    sourcing = report.sourcing
    if not report.attributions:
        return
    counts = ", ".join(
        f"{kind} {getattr(sourcing, kind)}"
        for kind in ("named", "anonymous", "group", "outlet", "organization")
        if getattr(sourcing, kind)
    )
    outlets = f"; outlets cited: {escape(', '.join(sourcing.outlets))}" if sourcing.outlets else ""
    share = sourcing.unnamed_share
    verdict = " [bold yellow](most of it rests on unnamed sources)[/]" if share > 0.5 else ""
    console.print(f"[bold]Sourcing[/]: {len(report.attributions)} attributions ({counts}){outlets}; "
                  f"unnamed share of attributed text {share:.0%}{verdict}")


def render_events(report: Report, console: Console) -> None:
    if not report.events:
        return
    names = {entity.id: entity.name_en or entity.name_ar or entity.id for entity in report.entities}
    mentioned = sum(event.status == "referenced" for event in report.events)
    counted = f"{len(report.events) - mentioned}, and {mentioned} mentioned" if mentioned else f"{len(report.events)}"
    console.print(f"[bold]Events ({counted})")
    from rich.markup import escape

    for event in report.events:
        # the entity's name, else the phrase of the clause (مفجرون انتحاريون); the actor code after it
        actor = names.get(event.actor, "?") if event.actor else (event.actor_span.text if event.actor_span else "?")
        target = names.get(event.target, "") if event.target else (event.target_span.text if event.target_span else "")
        actor += f" [{event.actor_code}]" if event.actor_code else ""
        target += f" [{event.target_code}]" if event.target_code and target else ""
        kind = f"{event.type}/{event.mode}" if event.mode else event.type
        parts = [f"{actor} -{kind}-> {target}".rstrip(), event.status]
        if event.time is not None:  # the resolved date, else the words of the text
            time = report.times[event.time]
            value = time.value or ""
            if value[10:] in ("TMO", "TAF", "TEV", "TNI", "TDT"):
                value = value[:10]  # a day with a part of day (2025-11-06TEV) reads as the day
            parts.append(value or time.text)
        if event.place:
            parts.append(f"in {names.get(event.place, event.place)}")
        if event.attribution is not None:
            attribution = report.attributions[event.attribution]
            source = attribution.speaker or attribution.cue
            if source:
                parts.append(f"per {source.text}")
        line = escape(" · ".join(parts))
        seen = f" ×{len(event.evidence)}" if len(event.evidence) > 1 else ""
        cameo = f" CAMEO {event.cameo}" if event.cameo else ""
        if event.status == "referenced":  # a mention: shown apart, not counted as an event
            console.print(f"  [dim]{line}   «{escape(event.trigger.text)}»{seen}{cameo}[/]")
        else:
            console.print(f"  {line}   [dim]«{escape(event.trigger.text)}»{seen}{cameo}[/]")
