"""Sentence splitting for Arabic news text.

Hand-written because the splitters on PyPI (pysbd, nltk punkt) have no Arabic rules: Arabic ends
sentences with ``. ؟ ! ؛`` and line breaks, never with the Arabic comma, and news text quotes
whole sentences (``"... ." وأضاف``), so a mark inside an open quote does not end the sentence.
"""

from __future__ import annotations

import re

from naba.lang import default as default_language

_END_MARKS = set(".؟?!؛;…")
_OPEN_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "”"}
_CLOSERS = set('"»”’\')]')
# Abbreviations that take a full stop and never end a sentence: single letters (أ. د. م.),
# common Arabic ones, and Latin initials.
# (naba/lang/ar/abbreviations.tsv, read once at import)
_ABBREVIATIONS = "|".join(re.escape(row["form"]) for row in default_language("ar").table("abbreviations"))
_ABBREVIATION_RE = re.compile(rf"(?:^|[\s(])(?:[\u0621-\u064A]|[A-Za-z]|{_ABBREVIATIONS})\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), whitespace trimmed, covering every non-blank character."""
    spans: list[tuple[int, int]] = []
    start = 0
    quote_close: str | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            _emit(text, start, i, spans)
            start = i + 1
            quote_close = None
        elif quote_close is not None:
            if ch == quote_close:
                quote_close = None
        elif ch in _OPEN_QUOTES and _opens_quote(text, i) and _closes_on_line(text, i, _OPEN_QUOTES[ch]):
            quote_close = _OPEN_QUOTES[ch]
        elif ch in _END_MARKS and _ends_sentence(text, i):
            end = i + 1
            while end < n and (text[end] in _END_MARKS or text[end] in _CLOSERS):
                end += 1
            _emit(text, start, end, spans)
            start = end
            i = end
            continue
        i += 1
    _emit(text, start, n, spans)
    return spans


def _opens_quote(text: str, i: int) -> bool:
    """A straight double quote glued to the word before it closes a quote; it never opens one."""
    if text[i] != '"':
        return True
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "(:،,«"


def _closes_on_line(text: str, i: int, closer: str) -> bool:
    """An unbalanced quote mark must not swallow the rest of its paragraph."""
    line_end = text.find("\n", i + 1)
    return text.find(closer, i + 1, line_end if line_end != -1 else len(text)) != -1


def _ends_sentence(text: str, i: int) -> bool:
    if text[i] != ".":
        return True
    if text[i + 1: i + 2] == "." and text[i + 2: i + 3] != "." and (i == 0 or text[i - 1] != "."):
        return False  # the headline separator "..": "قمة في الرياض.. الوفود تصل اليوم"
    if i > 0 and text[i - 1] == "." and (i < 2 or text[i - 2] != "."):
        return False
    before = text[max(0, i - 6): i + 1]
    after = text[i + 1: i + 2]
    if i > 0 and text[i - 1].isdigit() and after.isdigit():  # decimal 3.5
        return False
    if after and 0x0621 <= ord(after) <= 0x064A:  # an Arabic letter
        return True  # scraped Arabic text often drops the space after a full stop: «...».وعبّر
    if after and not after.isspace() and after not in _CLOSERS and after not in _END_MARKS:
        return False  # a dot inside a token: URLs, 2.0, U.S
    return not _ABBREVIATION_RE.search(before)


def _emit(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
