"""The sourcing profile of a report: who the attributed content rests on.

``unnamed_share`` counts characters, not attributions: one long paragraph from "informed sources"
weighs more than a one-line quote from a minister. Overlapping content (a nested report) counts once.
"""

from __future__ import annotations

from collections.abc import Sequence

from naba.quotes.via import outlet_name
from naba.record import Attribution, Sourcing
from naba.text.normalise import normalise_text

KINDS = ("named", "anonymous", "group", "outlet", "organization")
UNNAMED = ("anonymous", "group")


def sourcing_profile(attributions: Sequence[Attribution], proclitic: str = "") -> Sourcing:
    """``proclitic``: the ل a via span starts with (not part of the outlet's name)."""
    counts = dict.fromkeys(KINDS, 0)
    outlets: dict[str, str] = {}
    for attribution in attributions:
        if attribution.speaker_kind in counts:
            counts[attribution.speaker_kind] += 1
        names = []
        if attribution.via is not None:
            names.append(outlet_name(attribution.via.text, proclitic))
        if attribution.speaker_kind == "outlet" and attribution.speaker is not None:
            names.append(outlet_name(attribution.speaker.text))
        for name in names:
            outlets.setdefault(normalise_text(name), name)
    total = _covered(a.content for a in attributions if a.content is not None)
    unnamed = _covered(a.content for a in attributions if a.content is not None and a.speaker_kind in UNNAMED)
    share = round(unnamed / total, 3) if total else 0.0
    return Sourcing(**counts, outlets=list(outlets.values()), unnamed_share=share)


def _covered(spans) -> int:
    """Characters covered by the union of spans."""
    intervals = sorted((s.start, s.end) for s in spans)
    covered, current_start, current_end = 0, None, None
    for start, end in intervals:
        if current_end is None or start > current_end:
            if current_end is not None:
                covered += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        covered += current_end - current_start
    return covered
