"""Clause spans: where a clause of a sentence begins and ends, defined once for every stage.

Negation, tense and modality in Arabic news reach no further than their clause, and a reporting
verb opens a new one, so times (the tense around a lone weekday), quotes (where a reported clause
ends) and events (what governs a trigger) all need the same cut. A clause ends:

- at the end of its sentence;
- at a clause mark: ``، , ؛ ; :``, brackets, quotation marks, ``؟ ! …``, the sentence's final
  stop, the headline separator ``..``, a dash written with a space before it (the mark belongs to no clause; not a colon or comma
  between digits: 10:15);
- before a word that opens a clause (``clause_openers.tsv`` rows with ``splits=yes``: حيث، الذي،
  لكن، بعد أن ...), also when it carries و/ف (وحيث، ولكن);
- before a reporting verb or a future verb carrying و/ف (وقال، وأضاف، وسيزور): a coordinated verb
  starts a clause of its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from naba.lang import Language
from naba.text.flags import CONJUNCTIONS, PhraseSet, TokenFlag
from naba.text.tokens import Token

CLAUSE_MARKS = frozenset({"،", ",", "؛", ";", ":", "(", ")", "[", "]", '"', "«", "»", "“", "”", "„", "–", "—",
                          "؟", "?", "!", "…"})
SPACED_DASH = "-"  # a dash is a clause mark only with a space before it (not 2015-2016)
DOT = "."  # inside a sentence, a run of dots (the headline separator "..") is a clause mark
VERB_FLAGS = int(TokenFlag.REPORTING_CUE | TokenFlag.FUTURE)
MARK_TOKENS = CLAUSE_MARKS | {SPACED_DASH, "."}


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: character span [start, end), its sentence, and its first and last token
    (inclusive indices into ``Analysis.tokens``)."""

    start: int
    end: int
    sentence: int
    first: int
    last: int


@dataclass(frozen=True)
class ClauseOpeners:
    phrases: PhraseSet
    _words: dict = field(default_factory=dict, repr=False, compare=False)  # norm -> (opens alone, forms to try)
    _first: list = field(default_factory=list, repr=False, compare=False)  # [first_words], built once

    @property
    def first_words(self) -> frozenset[str]:
        """Every form an opener's first word can take, with و/ف glued or not."""
        if not self._first:
            words = set(self.phrases.phrases)
            self._first.append(frozenset(words | {c + w for c in CONJUNCTIONS for w in words}))
        return self._first[0]

    @classmethod
    def of(cls, lang: Language) -> ClauseOpeners:
        return lang.derived("text.clause_openers", lambda lang: cls(PhraseSet.of(lang.words("clause_openers", "words", splits="yes"))))

    def opens_at(self, tokens: Sequence[Token], i: int) -> bool:
        token = tokens[i]
        cached = self._words.get(token.norm)
        if cached is None:
            forms = (token.norm, *(stem for prefix, stem in token.splits if prefix in CONJUNCTIONS))
            cached = self._words[token.norm] = (self.phrases.has_single(forms), forms if self.phrases.has_longer(forms) else ())
        alone, forms = cached
        return alone or (bool(forms) and self.phrases.match_at(tokens, i, forms) > 0)


def is_clause_mark(text: str, token: Token, sentence_end: int) -> bool:
    if token.norm in CLAUSE_MARKS:
        return not _between_digits(text, token)  # 10:15, 3,5
    if token.norm == DOT:  # the sentence's final stop, or "..": not the stop of an abbreviation (د.)
        return token.end >= sentence_end or text[token.end:token.end + 1] == DOT or text[token.start - 1:token.start] == DOT
    return token.norm == SPACED_DASH and (token.start == 0 or text[token.start - 1].isspace())


def _between_digits(text: str, token: Token) -> bool:
    return 0 < token.start and token.end < len(text) and text[token.start - 1].isdigit() and text[token.end].isdigit()


def find_clauses(text: str, sentences: Sequence[tuple[int, int]], tokens: Sequence[Token],
                 token_starts: Sequence[int], flags: Sequence[int], openers: ClauseOpeners) -> tuple[Clause, ...]:
    """The clauses of every sentence, in text order."""
    hot = openers.first_words | MARK_TOKENS
    # the only tokens that can end or start a clause: marks, possible openers, flagged verbs
    events = [i for i, token in enumerate(tokens) if token.norm in hot or flags[i] & VERB_FLAGS]
    clauses: list[Clause] = []
    for index, (sentence_start, sentence_end) in enumerate(sentences):
        lo = bisect.bisect_left(token_starts, sentence_start)
        hi = bisect.bisect_left(token_starts, sentence_end)
        first = lo  # the first token of the clause being read
        for i in events[bisect.bisect_left(events, lo):bisect.bisect_left(events, hi)]:
            token = tokens[i]
            if token.norm in MARK_TOKENS and is_clause_mark(text, token, sentence_end):
                if first < i:
                    clauses.append(Clause(tokens[first].start, tokens[i - 1].end, index, first, i - 1))
                first = i + 1
            elif first < i and _starts_clause(tokens, i, flags, openers):
                clauses.append(Clause(tokens[first].start, tokens[i - 1].end, index, first, i - 1))
                first = i
        if first < hi:
            clauses.append(Clause(tokens[first].start, tokens[hi - 1].end, index, first, hi - 1))
    return tuple(clauses)


def _starts_clause(tokens: Sequence[Token], i: int, flags: Sequence[int], openers: ClauseOpeners) -> bool:
    if flags[i] & VERB_FLAGS:
        token = tokens[i]
        if token.norm[:1] in CONJUNCTIONS and any(prefix[:1] in CONJUNCTIONS for prefix, _ in token.splits):
            return True
    return openers.opens_at(tokens, i)
