"""The reviewed cue lexicon (``naba/resources/quotes``), loaded once and passed to every step.

Arabic reporting verbs are matched by their inflected forms in normalised spelling; the
proclitics in front of them (و، ف، س) come from ``Token.splits``, so the lexicon lists only stems.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from naba.text.normalise import normalise_text

AGREEMENTS = ("ms", "fs", "mp")


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    form: str  # "perfect" | "imperfect" | "participle"
    agreement: str  # "ms" | "fs" | "mp" | "dual"
    complements: tuple[str, ...]  # prepositions that introduce the content (شدد على)
    needs_marker: bool  # only a cue when إن/أن, a colon, a quote or a complement follows


@dataclass(frozen=True)
class NounInfo:
    kind: str  # anonymous | group | outlet | organization | title
    agreement: str  # ms | fs | mp | np


@dataclass(frozen=True)
class NominalCue:
    words: tuple[str, ...]  # normalised tokens; the last may end in "+" (a glued proclitic)
    role: str  # "source" | "self"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[VerbForm, ...]]
    passives: dict[str, str]  # form -> complement ("-" for none)
    nominal: tuple[NominalCue, ...]
    nouns: dict[str, NounInfo]
    channels: dict[str, str]  # stem -> outlet | medium | recipient
    masdars: tuple[str, ...] = ()  # verbal nouns of reporting (تأكيد، تصريحات) that take a pronoun and أن

    @classmethod
    def load(cls) -> CueLexicon:
        verbs: dict[str, list[VerbForm]] = {}
        for row in _rows("cues.tsv"):
            lemma, complements, needs, *forms = row
            comps = () if complements == "-" else tuple(complements.split(","))
            for form_name, cell in zip(("perfect", "imperfect", "participle"), forms):
                for position, surface in enumerate(cell.split()):
                    if surface == "-":
                        continue
                    agreement = AGREEMENTS[position] if position < 3 else "dual"
                    needs_marker = needs == "marker" or form_name != "participle"
                    verbs.setdefault(surface, []).append(VerbForm(lemma, form_name, agreement, comps, needs_marker))
        passives = {row[0]: row[1] for row in _rows("passives.tsv")}
        nominal = tuple(NominalCue(tuple(row[0].split()), row[1]) for row in _rows("nominal.tsv"))
        nouns = {row[0]: NounInfo(row[1], row[2]) for row in _rows("nouns.tsv")}
        channels = {row[0]: row[1] for row in _rows("channels.tsv")}
        masdars = tuple(row[0] for row in _rows("masdars.tsv"))
        return cls({k: tuple(v) for k, v in verbs.items()}, passives, nominal, nouns, channels, masdars)


def _rows(name: str) -> list[list[str]]:
    """Rows of a lexicon file, every cell in normalised spelling whatever the reviewer typed."""
    text = resources.files("naba").joinpath("resources/quotes/" + name).read_text(encoding="utf-8")
    return [
        [" ".join(normalise_text(word) for word in cell.split(" ")) for cell in line.split("\t")]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]
