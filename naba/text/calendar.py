"""Arabic names of months and weekdays, keyed by their normalised spelling (see normalise_text).

Shared by ingest (datelines) and the times layer. The names are data, in ``naba/lang/ar``:
``months.tsv`` (Gregorian names of every variety: Egyptian/Gulf transliterated, Levantine/Iraqi
Syriac, Maghrebi French-derived and Moroccan; Hijri months) and ``weekdays.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.lang import Language
from naba.text.normalise import normalise_text


@dataclass(frozen=True)
class Calendar:
    gregorian_months: dict[str, int]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]  # Python weekday(): Monday is 0

    @classmethod
    def of(cls, lang: Language) -> Calendar:
        """Built once per Language."""
        return lang.derived("text.calendar", cls._build)

    @classmethod
    def _build(cls, lang: Language) -> Calendar:
        months = lang.table("months")
        return cls(
            gregorian_months=_index((r["name"], r["month"]) for r in months if r["calendar"] == "gregorian"),
            hijri_months=_index((r["name"], r["month"]) for r in months if r["calendar"] == "hijri"),
            weekdays=_index((r["name"], r["weekday"]) for r in lang.table("weekdays")),
        )


def _index(pairs) -> dict[str, int]:
    return {normalise_text(name): int(number) for name, number in pairs}
