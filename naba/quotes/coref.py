"""Speaker coreference: ``وأضاف``، ``لكنه أشار``، ``وأوضح المسؤول``، ``وأضافت المصادر``.

A speaker given only by the verb's agreement or a pronoun takes the nearest earlier speaker (or
titled person, ``الرئيس توكاييف``) whose gender and number the verb agrees with; a definite
back-reference (``المسؤول``، ``المصادر``) takes the nearest earlier speaker with the same head noun.
Hand-written: no Arabic coreference resolver exists on PyPI without torch.
"""

from __future__ import annotations

from dataclasses import dataclass

# The verb's agreement -> the antecedent agreements it accepts. A feminine singular verb takes a
# non-human plural (أضافت المصادر) or an organisation as well as a woman.
ACCEPTS = {
    "ms": {"ms"},
    "fs": {"fs", "np"},
    "mp": {"mp"},
    "dual": {"mp", "ms"},
}


@dataclass(frozen=True)
class Mention:
    """A speaker already found, or a titled person named in passing, that a later cue may mean."""

    start: int
    end: int
    at: int  # where it was last used as a speaker (recency decides between candidates)
    kind: str
    agreement: str
    head: str  # singular-plural-neutral head stem ("" when unknown)
    entity: str | None = None
    said: bool = True  # False for a titled person named in passing, not yet heard speaking
    continued: bool = True  # False for an indefinite written source (تقارير): وأضافت goes on with a person


def head_key(stem: str, plural_suffixes: tuple[str, ...]) -> str:
    """Fold the sound plural endings so that المسؤولين, المسؤولون and مسؤولون share a key."""
    for suffix in plural_suffixes:
        if stem.endswith(suffix) and len(stem) > 4:
            return stem[: -len(suffix)] + "+pl"
    return stem


def by_agreement(before: int, agreement: str, mentions: list[Mention], recent: int = 0) -> Mention | None:
    """The latest agreeing speaker; ``بحسب تقارير`` in between does not take over a ``وأضافت``. A
    person only named (a title as a clause subject, not heard speaking) is a candidate when named at
    or after ``recent`` (the sentence before the cue), or when nobody has spoken yet; a title inside
    a speaker's own span is that speaker (رئيس الهيئة in رئيس الهيئة ... عبد العزيز الجباري)."""
    accepted = ACCEPTS.get(agreement, {agreement})
    candidates = [m for m in mentions if m.at < before and m.agreement in accepted]
    if any(m.said for m in candidates):
        candidates = [m for m in candidates if m.said or m.at >= recent]
    said = [m for m in candidates if m.said]
    candidates = [m for m in candidates if m.said or not any(s.start <= m.start and m.end <= s.end for s in said)]
    continued = [m for m in candidates if m.continued]
    return max(continued or candidates, key=lambda m: m.at, default=None)


def by_head(before: int, head: str, mentions: list[Mention]) -> Mention | None:
    candidates = [m for m in mentions if m.at < before and m.head == head]
    return max(candidates, key=lambda m: m.at, default=None)


def last_speaker(before: int, mentions: list[Mention]) -> Mention | None:
    """The source heard last: ``وأضاف المصدر`` after ``وأوضحت الأناضول``."""
    return max((m for m in mentions if m.at < before and m.said), key=lambda m: m.at, default=None)


def same_name(before: int, surname: str, mentions: list[Mention], text: str) -> Mention | None:
    """An earlier named person whose span holds ``surname`` (``الصباغ`` after ``رأفت الصباغ``)."""
    for m in sorted(mentions, key=lambda m: -m.at):
        if m.at < before and m.kind == "named" and surname in text[m.start:m.end].split():
            return m
    return None
