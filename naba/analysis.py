"""The in-process view of one report that stages read: text, tokens and the layers made so far.

Stages receive an ``Analysis`` and return new records; the pipeline alone adds them to the next
``Analysis`` (``with_layer``), so no stage ever mutates another stage's output.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from naba.record import Attribution, Entity, Meta, TimeValue
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
    _token_starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, text: str, meta: Meta | None = None) -> Analysis:
        meta = meta or Meta()
        tokens = tuple(tokenize(text))
        return cls(
            text=text,
            meta=meta,
            published=parse_published(meta.published),
            normalised=normalise(text),
            sentences=tuple(split_sentences(text)),
            tokens=tokens,
            _token_starts=tuple(t.start for t in tokens),
        )

    def with_layer(self, **layers) -> Analysis:
        return replace(self, **{name: tuple(records) for name, records in layers.items()})

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


def parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
