"""Tokens with offsets and the possible clitic splits of each Arabic word.

Arabic glues conjunctions, prepositions and the article to the word (وواشنطن، لإسرائيل، بالاتفاق).
Which split is right depends on a lexicon (وزير is not و + زير), so a token carries every
plausible split, longest prefix first, and a matcher keeps the first one its lexicon knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from naba.lang import default as default_language
from naba.text.normalise import normalise_text

_ARABIC_LETTERS = r"\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC"
_ARABIC_MARKS = r"\u064B-\u065F\u0670\u0640\u06D6-\u06ED"
TOKEN_RE = re.compile(
    rf"[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*"  # Arabic word
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*"  # number
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"  # Latin word
    r"|[^\s]",  # any other single visible character
)

# Proclitic sequences in normalised form: conjunction, then preposition/future s-, then article
# (naba/lang/ar/affixes.tsv, read once at import: every caller tokenizes Arabic the same way).
_AFFIXES = default_language("ar").table("affixes")
_CONJ = tuple(r["form"] for r in _AFFIXES if r["kind"] == "conjunction")
_PREP = tuple(r["form"] for r in _AFFIXES if r["kind"] in ("preposition", "future"))
_FUTURE = frozenset(r["form"] for r in _AFFIXES if r["kind"] == "future")
_FUSING = frozenset(r["form"] for r in _AFFIXES if r["fuses"] == "yes")  # ل + ال written لل
_ARTICLE = next(r["form"] for r in _AFFIXES if r["kind"] == "article")
CONJUNCTIONS = frozenset(_CONJ)
FUTURE_CLITICS = _FUTURE
MIN_STEM = 2
ARABIC_BLOCK = (0x0621, 0x06FF)


def starts_arabic(norm: str) -> bool:
    return bool(norm) and ARABIC_BLOCK[0] <= ord(norm[0]) <= ARABIC_BLOCK[1]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str  # normalised surface form
    # (proclitics, stem) pairs in normalised form, most stripped first, the unsplit form last
    splits: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_arabic(self) -> bool:
        return starts_arabic(self.norm)

    @property
    def is_number(self) -> bool:
        return self.norm[:1].isdigit()

    def stems(self) -> tuple[str, ...]:
        return tuple(stem for _, stem in self.splits)

    def offset_after(self, prefix: str) -> int:
        """Original offset where the stem begins once ``prefix`` (normalised) is stripped."""
        remaining = len(prefix)
        for index, ch in enumerate(self.text):
            width = len(normalise_text(ch))
            if remaining <= 0 and width:
                return self.start + index
            remaining -= width
        return self.end

    def bare(self) -> str:
        """The stem with conjunction, preposition and article removed (the most stripped split)."""
        return self.splits[0][1] if self.splits else self.norm


@lru_cache(maxsize=65536)
def clitic_splits(norm: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitics, stem) split of a normalised Arabic word, most stripped first."""
    results: list[tuple[str, str]] = []
    conj_options = [""] + [c for c in _CONJ if norm.startswith(c)]
    for conj in conj_options:
        rest = norm[len(conj):]
        prep_options = [""] + [p for p in _PREP if rest.startswith(p)]
        for prep in prep_options:
            after_prep = rest[len(prep):]
            # ل + ال is written لل (للرئيس)
            if prep in _FUSING and after_prep.startswith(prep) and not after_prep.startswith(_ARTICLE):
                candidates = [(prep + prep, after_prep[1:], _ARTICLE)]
            else:
                candidates = []
            art_options = [""] + ([_ARTICLE] if after_prep.startswith(_ARTICLE) and prep not in _FUTURE else [])
            for art in art_options:
                candidates.append((prep + art, after_prep[len(art):], art))
            for prefix_part, stem, _ in candidates:
                prefix = conj + prefix_part
                if prefix and len(stem) >= MIN_STEM:
                    results.append((prefix, stem))
    unique = sorted(set(results), key=lambda pair: -len(pair[0]))
    unique.append(("", norm))
    return tuple(unique)


@lru_cache(maxsize=65536)
def _analyse_word(surface: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    norm = normalise_text(surface)
    if not norm:
        return norm, ()
    return norm, clitic_splits(norm) if starts_arabic(norm) else (("", norm),)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in TOKEN_RE.finditer(text):
        surface = match.group()
        norm, splits = _analyse_word(surface)
        if not norm:  # a lone diacritic or joiner
            continue
        tokens.append(Token(match.start(), match.end(), surface, norm, splits))
    return tokens
