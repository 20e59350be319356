"""The small words of the events rules, from ``naba/lang/ar/events_grammar.tsv``.

Each field is one slot of a rule (the article, the clitic prepositions that open a phrase, the
particles a negation spans ...) and holds its words in the table's order. ``Grammar.of(lang)``
builds it once per Language; the rules get it from the stage, never from a module constant.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Grammar:
    article: str
    conjunctions: tuple[str, ...]
    and_: str
    commas: tuple[str, ...]
    definite_preps: tuple[str, ...]
    bare_preps: tuple[str, ...]
    long_vowel: str
    clitic_preps: tuple[str, ...]
    lams: tuple[str, ...]
    cause_clitics: tuple[str, ...]
    subject_blocking_preps: tuple[str, ...]
    nominative_plural: str
    imperfect_person: str
    imperfect_ambiguous: tuple[str, ...]
    feminine_perfect: str
    not_feminine_perfect: tuple[str, ...]
    of_: str
    phrase_preps: tuple[str, ...]
    emphatic_particles: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    object_preps: tuple[str, ...]
    subject_object_preps: tuple[str, ...]
    against_preps: tuple[str, ...]
    lam: str
    relatives: tuple[str, ...]
    agent_marker_heads: tuple[str, ...]
    agent_preps: tuple[str, ...]
    result_preps: tuple[str, ...]
    future_prefix: str
    future_particle: str
    may: str
    negation_coordinators: tuple[str, ...]
    purpose_prefixes: tuple[str, ...]
    first_person_plural: str
    first_person_prefixes: tuple[str, ...]
    first_person_suffix: str
    demonym_endings: tuple[str, ...]
    jussive_particles: tuple[str, ...]
    between: str
    light_verb_clitics: tuple[str, ...]

    @property
    def conjunction_letters(self) -> str:
        """The conjunctions as one string, for ``str.lstrip``."""
        return "".join(self.conjunctions)

    def definite(self, token) -> bool:
        """Whether a word carries the article, after any conjunction (الهجوم، والقوات)."""
        return token.norm.lstrip(self.conjunction_letters).startswith(self.article)

    @classmethod
    def of(cls, lang) -> Grammar:
        """The grammar words of a Language, built once per Language."""
        return lang.derived("events.grammar", cls._build)

    @classmethod
    def _build(cls, lang) -> Grammar:
        rows = {row["role"]: tuple(row["words"].split()) for row in lang.table("events_grammar")}
        values = {}
        for f in fields(cls):
            role = f.name.rstrip("_")
            if role not in rows:
                raise ValueError(f"{lang.path('events_grammar.tsv')}: no row for the role {role!r}")
            words = rows[role]
            if str(f.type) == "str":
                if len(words) != 1:
                    raise ValueError(f"{lang.path('events_grammar.tsv')}: the role {role!r} takes one word")
                values[f.name] = words[0]
            else:
                values[f.name] = words
        return cls(**values)
