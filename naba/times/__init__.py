"""Times: find time expressions and normalise them to TIMEX3 values against the publication time.

``find`` locates expressions in the normalised text, ``tense`` reads the clause around a lone
weekday, ``normalise`` turns each one into a value and mod (its docstring lists the conventions
and the choices made where Arabic is ambiguous). Relative expressions get value None when the
report has no publication time: never a guess from today's clock.
"""

from __future__ import annotations

import regex

from naba.analysis import Analysis
from naba.record import TimeValue
from naba.times.find import find_atoms
from naba.times.normalise import Resolver
from naba.times.tense import is_future

_MARKS = regex.compile(r"[\u064B-\u065F\u0670\u0640]")
_EVENT_ANCHOR = regex.compile(r"\s+من\s+(?!\d)")  # بعد ثلاثة أيام من الهجوم: counted from an event


class TimeStage:
    """Finds every time expression of a report; stateless, so one instance serves all reports."""

    @classmethod
    def load(cls) -> TimeStage:
        return cls()

    def __call__(self, analysis: Analysis) -> list[TimeValue]:
        return tag_times(analysis.text, analysis.normalised, analysis.published)


def tag_times(text, normalised, published) -> list[TimeValue]:
    norm = normalised.text
    resolver = Resolver(published)
    results: list[TimeValue] = []
    for atom in find_atoms(norm):
        if atom.kind == "duration" and atom.f.get("pre") in ("قبل", "بعد") and _EVENT_ANCHOR.match(norm, atom.end):
            atom.f["_event_anchor"] = True
        sentence_start = max(norm.rfind(".", 0, atom.start), norm.rfind("\n", 0, atom.start)) + 1
        future = is_future(norm[sentence_start:atom.start], norm[atom.end:atom.end + 30])
        value, mod = resolver.resolve(atom, future)
        start, end = normalised.to_original(atom.start, atom.end)
        while end < len(text) and _MARKS.match(text, end):  # keep the tanween of عاماً in the span
            end += 1
        results.append(TimeValue(start=start, end=end, text=text[start:end], value=value, mod=mod))
    return results
