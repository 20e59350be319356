"""The ids naba gives reports and entities: one function each, used by analysis, store and serve.

A report without an id of its own is named by a hash of its text; an entity by its KB id, else
by its type and normalised name, so the same unknown person (``per:~3f2a...``) has one id in every
report, in the corpus store and in the web UI's links, however its ``عبد`` compound is spaced.
"""

from __future__ import annotations

import hashlib
from functools import cache

from naba.lang import default as default_language
from naba.text.normalise import normalise_text

ID_PREFIX = {"PERSON": "per", "GPE": "gpe", "LOC": "loc", "ORG": "org", "AGREEMENT": "agr", "EVENT": "evt", "MISC": "misc"}


def report_id(text: str) -> str:
    """A stable id for a report that has none of its own: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def entity_id(entity_type: str, name: str, kb: str | None = None) -> str:
    """The KB id when there is one; else ``<type prefix>:~<12 hex digits>`` of the type and the
    normalised name (alef forms, diacritics, spacing do not matter)."""
    if kb:
        return kb
    key = " ".join(_join_compounds(normalise_text(name).split()))
    digest = hashlib.sha1(f"{entity_type}|{key}".encode("utf-8")).hexdigest()[:12]
    return f"{ID_PREFIX.get(entity_type, 'misc')}:~{digest}"


@cache
def _compounds() -> frozenset[str]:
    """Name heads written joined to the next name or apart (naba/lang/ar/entities_name_particles.tsv)."""
    rows = default_language("ar").table("entities_name_particles")
    return frozenset(normalise_text(row["word"]) for row in rows if row["role"] == "compound")


def _join_compounds(words: list[str]) -> list[str]:
    """The words of a name with each compound head joined to the word after it, as it is often written."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in _compounds():
            joined[-1] += word
        else:
            joined.append(word)
    return joined
