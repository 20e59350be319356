"""One label per name within a stretch of a report (label consistency, "one sense per discourse").

A tagger reads each sentence alone, so a name it recognises in one sentence (``البنك التجاري``,
``فولكسفاغن``) can go unseen, or get another type, a few sentences on. After tagging, each name
takes the type most of its nearby mentions got, and its untagged repeats within the same window are
tagged too. Names are compared by their words' bare forms (clitics and article off: ``للبنك`` and
``البنك`` are one word), so a mention with a preposition or a conjunction is the same name. The
window is the document hints' (``features.HINT_WINDOW`` sentences either side): a report, or a
stretch of a long one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from naba.entities.features import HINT_WINDOW
from naba.entities.ner_scoring import bio_spans

Name = tuple[str, ...]


def consistent_tags(
    sentences: list[list[str]], tags: list[list[str]], bare: Callable[[str], str],
    common: frozenset[str] = frozenset(), window: int = HINT_WINDOW,
) -> list[list[str]]:
    """``tags`` (BIO, one list per sentence) made consistent: each tagged name gets the majority
    type of its mentions within ``window`` sentences, and its untagged repeats there get that type,
    unless the name is one ``common`` word (a pronoun or a noun the tagger took once for a name:
    its other uses stay untagged)."""
    bares = [[bare(word) for word in words] for words in sentences]
    found = [[(start, end, label, tuple(b[start:end])) for start, end, label in bio_spans(t)]
             for b, t in zip(bares, tags, strict=True)]
    out = [list(t) for t in tags]
    for i in range(len(sentences)):
        votes: dict[Name, Counter[str]] = {}
        for spans in found[max(0, i - window):i + window + 1]:
            for _, _, label, name in spans:
                votes.setdefault(name, Counter())[label] += 1
        for start, end, label, name in found[i]:
            best, count = votes[name].most_common(1)[0]
            if best != label and count > votes[name][label]:
                _label(out[i], start, end, best)
        starts: dict[str, list[int]] = {}
        for k, word in enumerate(bares[i]):
            starts.setdefault(word, []).append(k)
        for name, counts in votes.items():
            if len(name) == 1 and name[0] in common:
                continue
            for start in _untagged_repeats(bares[i], out[i], name, starts.get(name[0], [])):
                _label(out[i], start, start + len(name), counts.most_common(1)[0][0])
    return out


def _untagged_repeats(words: list[str], tags: list[str], name: Name, starts: list[int]) -> list[int]:
    """Where ``name`` recurs untagged, among ``starts`` (the positions of its first word)."""
    size = len(name)
    return [start for start in starts
            if tuple(words[start:start + size]) == name and all(t == "O" for t in tags[start:start + size])]


def _label(tags: list[str], start: int, end: int, label: str) -> None:
    tags[start] = f"B-{label}"
    for k in range(start + 1, end):
        tags[k] = f"I-{label}"
