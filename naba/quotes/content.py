"""What was said: from the content opener (إن/أن, colon, quote, complement) to the end of the
reported clause, which is the end of the sentence unless a new attribution starts in it
(``...، مؤكداً أن``، ``...، لكنه أشار``، ``وأضاف``); a quotation that runs on past the sentence end
is followed to its closing mark."""

from __future__ import annotations

from naba.text.tokens import Token

QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "„": "”"}
MAX_QUOTE_RUN = 3000
MIN_PARTIAL_QUOTE_WORDS = 2


def content_end(text: str, tokens: tuple[Token, ...], start_index: int, stop_index: int, sentence_end: int,
                punct_edges: frozenset[str]) -> int:
    """End offset of content that starts at token ``start_index``; ``stop_index`` is the first
    token of the next clause-opening attribution in the sentence (or len(tokens)); ``punct_edges``
    the punctuation dropped at its end."""
    end_index = stop_index
    while end_index > start_index and tokens[end_index - 1].norm in punct_edges:
        end_index -= 1
    if end_index <= start_index:
        return tokens[start_index].end if start_index < len(tokens) else sentence_end
    end = tokens[end_index - 1].end
    first = tokens[start_index].norm
    if first in QUOTE_PAIRS:
        close = QUOTE_PAIRS[first]
        inner = text[tokens[start_index].end:end]
        if inner.count(close) % 2 == 0 if close == first else close not in inner:
            found = text.find(close, end, end + MAX_QUOTE_RUN)
            if found != -1:
                end = found + 1
    return end


def is_direct(content: str) -> bool:
    """Quoted text, whole or partial: content opening with a quote, or holding a quoted run of words."""
    stripped = content.lstrip()
    if stripped[:1] in QUOTE_PAIRS:
        return True
    for open_, close in QUOTE_PAIRS.items():
        pos = content.find(open_)
        while pos != -1:
            after = content.find(close, pos + 1)
            if after == -1:
                break
            if len(content[pos + 1:after].split()) >= MIN_PARTIAL_QUOTE_WORDS:
                return True
            pos = content.find(open_, after + 1)
    return False
