"""Is the clause around a time expression about the future? Decides a lone weekday's direction.

Arabic marks the future with سوف, the prefix س on an imperfect verb (سيزور، ستعقد) and fixed
phrases (من المقرر، من المتوقع، المرتقب، المزمع). Anything else is read as past, the default
tense of news reports. Written by hand: no torch-free Arabic morphological analyser is available.
"""

from __future__ import annotations

import regex

_FUTURE_WORDS = {"سوف", "لن", "المرتقب", "المرتقبه", "مرتقب", "مرتقبه", "المزمع", "يعتزم", "تعتزم",
                 "يتوقع", "تتوقع", "يرتقب", "يرتقب", "غدا", "سيتم"}
_FUTURE_PHRASES = regex.compile(r"من\s+(?:المقرر|المتوقع|المنتظر|المزمع|المرتقب)")
# س + imperfect prefix (ي ت ن; not أ, which normalises to the past-verb shape سافر), optionally after و/ف; the exclusions are common nouns that start alike.
_FUTURE_VERB = regex.compile(r"^[وف]?س[يتن]\p{L}{2,}$")
_NOT_VERBS = regex.compile(
    r"^[وف]?(?:(?:سياس|سيار|سياد|سيطر|سينا|سينم|ستين|ستار|ستراتيج|سنوي|سنوات|سنين|سنغافور|سابق|ساع|ساح|سال|سام)\p{L}*"
    r"|سيد|سيده|سيدات|سير|سيره|سيل|سيول|سيف|سيوف|سته|سنه|سنتين|سنتان)$"
)
_CLAUSE_BREAK = regex.compile(r"[،,؛;:]|\s(?:بعد\s+ان|بعدما|الذي|التي|عندما|حين|حيث)\s")


def is_future(before: str, after: str = "") -> bool:
    """``before``: normalised sentence text up to the expression; ``after``: a little text after it."""
    clause = _CLAUSE_BREAK.split(before)[-1] if before else ""
    if _FUTURE_PHRASES.search(clause):
        return True
    words = clause.split() + after.split()[:2]
    return any(w in _FUTURE_WORDS or (_FUTURE_VERB.match(w) and not _NOT_VERBS.match(w)) for w in words)
