"""Is the clause around a time expression about the future? Decides a lone weekday's direction
and the year of a date written without one.

Arabic marks the future with سوف, the prefix س on an imperfect verb (سيزور، ستعقد) and fixed
phrases (من المقرر، من المتوقع، المرتقب، المزمع). Anything else is read as past, the default
tense of news reports. The words are the text layer's: ``TokenFlag.FUTURE`` (naba/lang/ar
future_markers.tsv, future_verb_exceptions.tsv) and its clause spans (``Analysis.clauses``).
Written by hand: no torch-free Arabic morphological analyser is available.
"""

from __future__ import annotations

from naba.analysis import Analysis
from naba.text.flags import TokenFlag

LOOK_AHEAD_CHARS = 30  # a future verb just after the expression still governs it (الخميس سيعقد)
LOOK_AHEAD_TOKENS = 2


def is_future(analysis: Analysis, start: int, end: int) -> bool:
    """Whether the expression at [start, end) of the report text sits in a future clause: a future
    word from its clause's start up to it, or among the two tokens just after it."""
    if analysis.flagged(TokenFlag.FUTURE, analysis.clause_start(start), start):
        return True
    sentence = analysis.sentence_index_at(start)
    after = [t for t in analysis.tokens_in(end, end + LOOK_AHEAD_CHARS)[:LOOK_AHEAD_TOKENS]
             if analysis.sentence_index_at(t.start) == sentence]  # ... تموز. وستكون: not past the sentence
    return any(analysis.has_flag(analysis.token_index_at(token.start), TokenFlag.FUTURE) for token in after)
