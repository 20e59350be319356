"""The Arabic words of time, in normalised spelling (see ``naba.text.normalise``), read from
``naba/lang/ar`` once per Language.

Written by hand: dateparser knows Egyptian month names and a few relative words, but not the
number words, duals, ordinals, parts of the day, modifiers and period words Arabic news uses.
Month and weekday names come from ``naba.text.calendar`` (months.tsv, weekdays.tsv), shared with
the dateline parser; the rest from the ``times_*.tsv`` tables (see naba/lang/ar/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.lang import Language
from naba.text.calendar import Calendar
from naba.text.normalise import normalise_text


@dataclass(frozen=True)
class TimeLexicon:
    gregorian_months: dict[str, int]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    cardinals: dict[str, int]
    teen_units: dict[str, int]
    ordinal_units: dict[str, int]  # masculine (days, centuries) and feminine (clock hours)
    ordinal_days: frozenset[str]  # the masculine ones
    ordinal_hours: frozenset[str]  # the feminine ones
    ordinal_tens: dict[str, int]
    decades: dict[str, int]
    units: dict[str, tuple[str, int | None]]  # every form -> (TIMEX unit, implied count)
    period_units: dict[str, str]
    parts: dict[str, str]  # part of the day -> TIMEX code
    clock_suffixes: dict[str, str]  # -> am | pm | noon | night
    modifiers: dict[str, str]
    approx: dict[str, str]
    relative_days: dict[str, int]
    past_words: frozenset[str]
    next_words: frozenset[str]
    current_words: frozenset[str]
    grammar: dict[str, tuple[str, ...]]  # role -> its words, in file order (times_grammar.tsv)

    @classmethod
    def of(cls, lang: Language) -> TimeLexicon:
        """Built once per Language."""
        return lang.derived("times.lexicon", cls._build)

    @classmethod
    def _build(cls, lang: Language) -> TimeLexicon:
        calendar = Calendar.of(lang)
        numbers = lang.table("times_numbers")
        units = lang.table("times_units")
        modifiers = lang.table("times_modifiers")
        directions = lang.table("times_directions")

        def numbers_of(kind: str) -> dict[str, int]:
            return {normalise_text(r["word"]): int(r["value"]) for r in numbers if r["kind"] == kind}

        def direction(name: str) -> frozenset[str]:
            return frozenset(normalise_text(r["word"]) for r in directions if r["direction"] == name)

        return cls(
            gregorian_months=calendar.gregorian_months,
            hijri_months=calendar.hijri_months,
            weekdays=calendar.weekdays,
            cardinals=numbers_of("cardinal"),
            teen_units=numbers_of("teen_unit"),
            ordinal_units={**numbers_of("ordinal"), **numbers_of("ordinal_hour")},
            ordinal_days=frozenset(numbers_of("ordinal")),
            ordinal_hours=frozenset(numbers_of("ordinal_hour")),
            ordinal_tens=numbers_of("ordinal_tens"),
            decades=numbers_of("decade"),
            units={normalise_text(r["word"]): (r["unit"], int(r["count"]) if r["count"] else None)
                   for r in units if r["kind"] == "duration"},
            period_units={normalise_text(r["word"]): r["unit"] for r in units if r["kind"] == "period"},
            parts=_normalised(lang.mapping("times_day_parts", "word", "part")),
            clock_suffixes=_normalised(lang.mapping("times_clock_suffixes", "word", "hint")),
            modifiers={normalise_text(r["words"]): r["mod"] for r in modifiers if r["kind"] == "position"},
            approx={normalise_text(r["words"]): r["mod"] for r in modifiers if r["kind"] == "approx"},
            relative_days={normalise_text(k): int(v) for k, v in lang.mapping("times_relative_days", "words", "offset").items()},
            past_words=direction("past"),
            next_words=direction("next"),
            current_words=direction("current"),
            grammar={r["role"]: tuple(r["words"].split()) for r in lang.table("times_grammar")},
        )

    def role(self, name: str) -> tuple[str, ...]:
        return self.grammar[name]


def _normalised(table: dict[str, str]) -> dict[str, str]:
    return {normalise_text(key): value for key, value in table.items()}
