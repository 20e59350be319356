"""The channel the words came through: ``لموقع "أكسيوس" الأمريكي``، ``لوكالة رويترز``.

The outlet noun carries the proclitic ل; the outlet's name follows it (often in quotes) with its
nisba adjective, up to a comma, the content marker or an adjunct. The span is the phrase as
written, its ل included (as the independent annotators and the brief write it).
"""

from __future__ import annotations

from naba.quotes.cues import is_marker
from naba.quotes.lexicon import CueLexicon
from naba.quotes.speaker import QUOTE_CHARS
from naba.text.tokens import Token, tokenize

MAX_VIA_TOKENS = 6


def via_span(chunk: list[Token], k: int, lexicon: CueLexicon) -> tuple[int, int]:
    """Offsets of the outlet phrase whose ل-prefixed head is ``chunk[k]``."""
    fw = lexicon.fw
    head = chunk[k]
    start = head.start  # the phrase as written, its ل included (لموقع أكسيوس، لـ «عكاظ»)
    if head.norm == fw.outlet_proclitic and k + 1 < len(chunk):  # لـ «عكاظ»: the name is the next word
        k += 1
        head = chunk[k]
    end = head.end
    open_quote = head.norm in QUOTE_CHARS or head.norm == "("
    for token in chunk[k + 1:k + MAX_VIA_TOKENS]:
        if token.norm in QUOTE_CHARS or (token.norm == ")" and open_quote):
            open_quote = not open_quote
            end = token.end
            continue
        if not open_quote and (token.norm in fw.comma or token.norm in (":", ".", "(", ")") or is_marker(token, lexicon)
                             or token.norm in fw.adjunct):
            break
        if not open_quote and token.splits[0][0][:1] in fw.via_stop_proclitic and not token.norm.startswith(fw.article):
            break
        end = token.end
    return start, end


def outlet_name(text: str, proclitic: str = "") -> str:
    """The outlet's own name from a via or speaker span: the quoted part, else the words after the
    outlet noun (``لموقع "أكسيوس" الأمريكي`` -> ``أكسيوس``), else the span without its ``proclitic``
    (``لوكالة رويترز`` -> ``وكالة رويترز``, ``للقناة`` -> ``القناة``)."""
    if proclitic and text:
        first = tokenize(text)[0]
        text = text[first.end:] if first.norm == proclitic else text[first.offset_after(proclitic):]
    for open_, close in (('"', '"'), ("«", "»"), ("“", "”")):
        if open_ in text:
            inner = text.split(open_, 1)[1]
            if close in inner:
                return inner.split(close, 1)[0].strip()
    return text.strip()
