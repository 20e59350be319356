"""The affixes the events layer inflects and strips, from ``naba/lang/ar/events_morphology.tsv``.

One ``Affixes`` per Language, built by ``Affixes.of(lang)`` and handed to the lexicon, the actor
coder and the status and reporting rules: no word list lives in the code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

EMPTY = "_"  # the empty affix in the table (the bare form)


@dataclass(frozen=True)
class Affixes:
    past_suffixes: tuple[str, ...]
    past_feminine: str
    defective_finals: str
    defective_past_suffixes: tuple[str, ...]
    present_prefixes: tuple[str, ...]
    present_suffixes: tuple[str, ...]
    weak_finals: str
    weak_present_suffixes: tuple[str, ...]
    object_suffixes: tuple[str, ...]
    possessives: tuple[str, ...]
    nominal_marks: str
    first_person_possessive: str
    taa_marbuta: str
    feminine_noun_forms: tuple[str, ...]
    feminine_construct: str
    noun_forms: tuple[str, ...]
    nisba: str
    nisba_forms: tuple[str, ...]
    generated_skip: frozenset[str]
    verb_prefixes: frozenset[str]
    agent_plural_endings: tuple[str, ...]
    feminine_plural: str
    dual: str
    accusative: str
    feminine: str
    article: str
    verb_number_suffixes: tuple[str, ...]

    @classmethod
    def of(cls, lang) -> Affixes:
        """The affixes of a Language, built once per Language."""
        return lang.derived("events.affixes", cls._build)

    @classmethod
    def _build(cls, lang) -> Affixes:
        rows = {row["role"]: tuple("" if w == EMPTY else w for w in row["words"].split())
                for row in lang.table("events_morphology")}
        values = {}
        for f in fields(cls):
            if f.name not in rows:
                raise ValueError(f"{lang.path('events_morphology.tsv')}: no row for the role {f.name!r}")
            words = rows[f.name]
            kind = str(f.type)
            values[f.name] = frozenset(words) if kind.startswith("frozenset") else \
                "".join(words) if kind == "str" else words
        return cls(**values)
