"""Plain-text reports in the layout Arabic news sites print and copy-paste:

    section line / headline / dateline (الجمعة 07 نوفمبر 2025 - 01:34 ص) / author /
    photo caption lines / body paragraphs with sub-heads

The header is recognised by its dateline; everything after the author and the caption lines is
the body, kept verbatim as the report text. Without a dateline the whole input is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from naba.ingest.meta import guess_language
from naba.lang import Language
from naba.lang import default as default_language
from naba.record import Document, Meta
from naba.text.calendar import Calendar
from naba.text.normalise import normalise_text

_HEADER_SCAN = 6  # the dateline must appear among the first non-blank lines
_SENTENCE_END = ("." , "؟", "!", ":", "؛")
_AUTHOR_MAX_WORDS = 6
_CAPTION_MAX_WORDS = 14


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Dateline:
    """The dateline pattern of one Language: its month and weekday names (months.tsv,
    weekdays.tsv), the hour noun and the am/pm words (times_grammar.tsv, times_clock_suffixes.tsv)."""

    pattern: re.Pattern
    months: dict[str, int]
    hints: dict[str, str]  # am/pm word (normalised, lower case) -> "am" | "pm"

    @classmethod
    def of(cls, lang: Language) -> Dateline:
        return lang.derived("ingest.dateline", cls._build)

    @classmethod
    def _build(cls, lang: Language) -> Dateline:
        calendar = Calendar.of(lang)
        hints = {normalise_text(k): v for k, v in lang.mapping("times_clock_suffixes", "word", "hint").items() if v in ("am", "pm")}
        hints.update({"am": "am", "pm": "pm"})
        clock_noun = _alternation(lang.mapping("times_grammar", "role", "words")["clock_noun"].split())
        # On normalised text: digits are ASCII, alef/ya/teh forms folded.
        pattern = re.compile(
            rf"^(?:{_alternation(calendar.weekdays)}\s*[،,]?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>{_alternation(calendar.gregorian_months)})"
            rf"\s*[،,]?\s+(?P<year>\d{{4}})(?:\s*[-–|،,]?\s*(?:{clock_noun}\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})"
            rf"\s*(?P<ampm>{_alternation(hints)})?)?\s*$",
            re.IGNORECASE,
        )
        return cls(pattern, calendar.gregorian_months, hints)


def _alternation(words) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in set(words)), key=len, reverse=True)) + ")"


def parse_dateline(line: str, lang: Language | None = None) -> str | None:
    """ISO date-time of a dateline such as ``الجمعة 07 نوفمبر 2025 - 01:34 ص``, else None."""
    dateline = Dateline.of(lang or default_language())
    match = dateline.pattern.match(normalise_text(line.strip()))
    if not match:
        return None
    day, month, year = int(match["day"]), dateline.months[match["month"]], int(match["year"])
    if not 1 <= day <= 31:
        return None
    if match["hour"] is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = int(match["hour"]), int(match["minute"])
    hint = dateline.hints.get((match["ampm"] or "").lower())
    if hint == "pm" and hour < 12:
        hour += 12
    elif hint == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00"


def parse_plain(raw: str, source: str = "<text>", doc_id: str | None = None) -> Document:
    lines = _nonblank_lines(raw)
    dateline_at = next(
        (i for i, line in enumerate(lines[:_HEADER_SCAN]) if parse_dateline(line.text)), None
    )
    if dateline_at is None:
        return Document(text=raw, meta=Meta(language=guess_language(raw)), id=doc_id, source=source)

    before = lines[:dateline_at]
    section = before[0].text if len(before) >= 2 else None
    title = " ".join(line.text for line in (before[1:] if len(before) >= 2 else before)) or None
    published = parse_dateline(lines[dateline_at].text)

    rest = lines[dateline_at + 1:]
    body_at = next((i for i, line in enumerate(rest) if _is_body_line(line)), None)
    if body_at is None:  # a header and nothing that reads as a paragraph: keep all that follows
        body_at = 0
    author = None
    if body_at > 0 and rest[0].words <= _AUTHOR_MAX_WORDS and not rest[0].text.endswith(_SENTENCE_END):
        author = rest[0].text
    body_start = rest[body_at].start if rest else len(raw)
    text = raw[body_start:].rstrip()
    meta = Meta(title=title, section=section, author=author, published=published, language=guess_language(text))
    return Document(text=text, meta=meta, id=doc_id, source=source)


def _is_body_line(line: _Line) -> bool:
    return line.words > _CAPTION_MAX_WORDS or line.text.endswith(_SENTENCE_END)


def _nonblank_lines(raw: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\n]+", raw):
        stripped = match.group().strip()
        if stripped:
            offset = match.start() + match.group().index(stripped[0])
            lines.append(_Line(offset, offset + len(stripped), stripped))
    return lines
