"""Arabic normalisation for matching, with a map back to the original offsets.

Written by hand because no offset-preserving Arabic normaliser exists on PyPI without torch
(camel-tools' ``normalize_*`` functions drop the alignment we need to point back into the text).
The report text itself is never changed: stages match on ``Normalised.text`` and translate
positions through ``Normalised.to_original``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from naba.lang import default as default_language

DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u06D6", "\u06D7", "\u06DA", "\u06DC"}
TATWEEL = "\u0640"
BIDI_AND_JOINERS = {
    "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u061C", "\uFEFF",
    "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
}
# Letter variants (أ إ آ -> ا, ى -> ي, ة -> ه ...): naba/lang/ar/letters.tsv, read once at import.
_LETTER_MAP = {row["letter"]: row["folds_to"] for row in default_language("ar").table("letters")}
_LETTER_MAP.update({"\u066B": ".", "\u066C": ","})  # Arabic decimal and thousands separators
for _i in range(10):
    _LETTER_MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _LETTER_MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits


@lru_cache(maxsize=4096)
def _normalise_char(ch: str) -> str:
    if ch in DIACRITICS or ch == TATWEEL or ch in BIDI_AND_JOINERS:
        return ""
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # presentation forms
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:  # U+FEFF, U+FBB2.. have no decomposition: recursing would never end
            return "".join(_normalise_char(c) for c in expanded)
    return ch.lower()


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus, for each of its characters, the index of the source character."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span back to the smallest original span covering it."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.source_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


_DELETED = frozenset(DIACRITICS | {TATWEEL} | BIDI_AND_JOINERS)
_TRANSLATION = {ord(ch): None for ch in _DELETED} | {ord(k): v for k, v in _LETTER_MAP.items()}
_PRESENTATION_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")


def normalise(text: str) -> Normalised:
    fast = _fast_path(text)
    if fast is not None:
        out = fast
        origin = range(len(text)) if len(out) == len(text) else [i for i, ch in enumerate(text) if ch not in _DELETED]
        return Normalised(out, tuple(origin), len(text))
    pieces: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(text):  # slow path: characters that expand (ligatures, special case-folds)
        for piece in _normalise_char(ch):
            pieces.append(piece)
            positions.append(index)
    return Normalised("".join(pieces), tuple(positions), len(text))


def normalise_text(text: str) -> str:
    """Normalised form only, for keys and lookups where no offsets are needed."""
    fast = _fast_path(text)
    return fast if fast is not None else "".join(_normalise_char(ch) for ch in text)


def _fast_path(text: str) -> str | None:
    """One-to-one or deleting normalisation by str.translate; None when a character would expand."""
    if _PRESENTATION_FORMS.search(text):
        return None
    out = text.translate(_TRANSLATION)
    lowered = out.lower()
    return lowered if len(lowered) == len(out) else None
