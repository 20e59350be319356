"""The in-process view of one report that stages read: text, tokens and the layers made so far.

Stages receive an ``Analysis`` and return new records; the pipeline alone adds them to the next
``Analysis`` (``with_layer``), so no stage ever mutates another stage's output.

Text facts computed once here, for every stage (read them instead of re-deriving them):

- ``sentences``: (start, end) spans; ``sentence_index_at(offset)``, ``sentence_tokens``.
- ``tokens``: ``Token`` records with clitic splits; ``tokens_in(start, end)``, ``token_index_at``.
- ``clauses``: ``Clause(start, end, sentence, first, last)`` records in text order (first/last are
  inclusive token indices). A clause ends at its sentence's end, at a clause mark (``، ؛ :``,
  brackets, quotes), before a clause opener (``naba/lang/ar/clause_openers.tsv``, splits=yes) and
  before a reporting or future verb carrying و/ف; see ``naba.text.clauses``. Helpers:
  ``clause_at(offset)`` (the clause covering it, or None on a mark), ``clause_start(offset)`` (where
  the clause holding ``offset`` began: the sentence start at worst), ``clause_of_token(i)``.
- ``token_flags``: one int of ``TokenFlag`` bits per token (NEGATION, FUTURE, REPORTING_CUE, TITLE, HONORIFIC),
  from the shared tables of ``naba/lang/ar``; ``has_flag(i, TokenFlag.X)``, ``flagged(flag, start, end)``.

Clauses and flags are computed on first use and shared by every copy ``with_layer`` makes.
``lang`` is the ``Language`` the pipeline loaded once (``Analysis.of(text, meta, lang)``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from naba.lang import Language
from naba.lang import default as default_language
from naba.record import Attribution, Entity, Event, Meta, Sourcing, TimeValue
from naba.text.clauses import Clause, ClauseOpeners, find_clauses
from naba.text.flags import FlagLexicon, TokenFlag, token_flags
from naba.text.normalise import Normalised, normalise
from naba.text.sentences import split_sentences
from naba.text.tokens import Token, tokenize


@dataclass(frozen=True)
class Analysis:
    text: str
    meta: Meta
    published: datetime | None
    normalised: Normalised
    sentences: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeValue, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    sourcing: Sourcing | None = None
    lang: Language | None = field(default=None, repr=False, compare=False)
    _token_starts: tuple[int, ...] = field(default=(), repr=False)
    _facts: _TextFacts | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, meta: Meta | None = None, lang: Language | None = None) -> Analysis:
        """The text layer of one report. ``lang``: the pipeline's Language (a default Arabic one,
        loaded once per process, when a caller such as a test gives none)."""
        meta = meta or Meta()
        lang = lang or default_language()
        tokens = tuple(tokenize(text))
        sentences = tuple(split_sentences(text))
        token_starts = tuple(t.start for t in tokens)
        return cls(
            text=text,
            meta=meta,
            published=parse_published(meta.published),
            normalised=normalise(text),
            sentences=sentences,
            tokens=tokens,
            lang=lang,
            _token_starts=token_starts,
            _facts=_TextFacts(text, sentences, tokens, token_starts, lang),
        )

    def with_layer(self, **layers) -> Analysis:
        """A copy with stage outputs added (record lists become tuples; a single record such as
        ``sourcing`` is kept as is)."""
        return replace(self, **{name: tuple(records) if isinstance(records, (list, tuple)) else records
                                for name, records in layers.items()})

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self._facts.clauses

    @property
    def token_flags(self) -> tuple[int, ...]:
        return self._facts.flags

    def has_flag(self, token_index: int, flag: TokenFlag) -> bool:
        return bool(self._facts.flags[token_index] & flag)

    def flagged(self, flag: TokenFlag, start: int, end: int) -> tuple[Token, ...]:
        """Tokens inside [start, end) carrying ``flag``."""
        lo = bisect.bisect_left(self._token_starts, start)
        hi = bisect.bisect_left(self._token_starts, end)
        flags = self._facts.flags
        return tuple(self.tokens[i] for i in range(lo, hi) if flags[i] & flag and self.tokens[i].end <= end)

    def clause_at(self, offset: int) -> Clause | None:
        """The clause whose span covers ``offset`` (None on a clause mark or between sentences)."""
        clauses = self._facts.clauses
        i = bisect.bisect_right(self._facts.clause_starts, offset) - 1
        if i >= 0 and clauses[i].start <= offset < clauses[i].end:
            return clauses[i]
        return None

    def clause_start(self, offset: int) -> int:
        """Where the clause holding ``offset`` begins: the last clause start at or before it in the
        same sentence, else the sentence start (else 0)."""
        clauses = self._facts.clauses
        i = bisect.bisect_right(self._facts.clause_starts, offset) - 1
        sentence = self.sentence_index_at(offset)
        if i >= 0 and (sentence is None or clauses[i].sentence == sentence):
            return clauses[i].start
        return self.sentences[sentence][0] if sentence is not None else 0

    def clause_of_token(self, token_index: int) -> Clause | None:
        return self.clause_at(self.tokens[token_index].start)

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """Tokens lying inside [start, end)."""
        lo = bisect.bisect_left(self._token_starts, start)
        hi = bisect.bisect_left(self._token_starts, end)
        return tuple(t for t in self.tokens[lo:hi] if t.end <= end)

    def token_index_at(self, offset: int) -> int | None:
        """Index of the token covering ``offset``, or None between tokens."""
        i = bisect.bisect_right(self._token_starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return None

    def sentence_index_at(self, offset: int) -> int | None:
        for index, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return index
        return None

    @cached_property
    def sentence_tokens(self) -> tuple[tuple[Token, ...], ...]:
        return tuple(self.tokens_in(start, end) for start, end in self.sentences)


class _TextFacts:
    """Clauses and token flags of one report, computed on first use and shared by the copies."""

    def __init__(self, text, sentences, tokens, token_starts, lang: Language):
        self._args = (text, sentences, tokens, token_starts)
        self._lang = lang
        self._flags: tuple[int, ...] | None = None
        self._clauses: tuple[Clause, ...] | None = None
        self._clause_starts: tuple[int, ...] = ()

    @property
    def flags(self) -> tuple[int, ...]:
        if self._flags is None:
            self._flags = token_flags(self._args[2], FlagLexicon.of(self._lang))
        return self._flags

    @property
    def clauses(self) -> tuple[Clause, ...]:
        if self._clauses is None:
            text, sentences, tokens, token_starts = self._args
            self._clauses = find_clauses(text, sentences, tokens, token_starts, self.flags, ClauseOpeners.of(self._lang))
            self._clause_starts = tuple(c.start for c in self._clauses)
        return self._clauses

    @property
    def clause_starts(self) -> tuple[int, ...]:
        self.clauses
        return self._clause_starts


def parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
