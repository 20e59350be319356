"""Tokens with offsets and the possible clitic splits of each Arabic word.

Arabic glues conjunctions, prepositions and the article to the word (وواشنطن، لإسرائيل، بالاتفاق).
Which split is right depends on a lexicon (وزير is not و + زير), so a token carries every
plausible split, longest prefix first, and a matcher keeps the first one its lexicon knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from naba.text.normalise import normalise_text

_ARABIC_LETTERS = "\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC"
_ARABIC_MARKS = "\u064B-\u065F\u0670\u0640\u06D6-\u06ED"
TOKEN_RE = re.compile(
    rf"[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*"  # Arabic word
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*"  # number
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"  # Latin word
    r"|[^\s]",  # any other single visible character
)

# Proclitic sequences in normalised form: conjunction, then preposition/future s-, then article.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك", "س")
MIN_STEM = 2


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
        return bool(self.norm) and "\u0621" <= self.norm[0] <= "\u06FF"

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
            if prep == "ل" and after_prep.startswith("ل") and not after_prep.startswith("ال"):
                candidates = [("ل" + "ل", after_prep[1:], "ال")]
            else:
                candidates = []
            art_options = [""] + (["ال"] if after_prep.startswith("ال") and prep != "س" else [])
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
    return norm, clitic_splits(norm) if "\u0621" <= norm[0] <= "\u06FF" else (("", norm),)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in TOKEN_RE.finditer(text):
        surface = match.group()
        norm, splits = _analyse_word(surface)
        if not norm:  # a lone diacritic or joiner
            continue
        tokens.append(Token(match.start(), match.end(), surface, norm, splits))
    return tokens
