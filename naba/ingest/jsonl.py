"""JSON lines: one report per line with ``text`` (or another field) and optional metadata.

The text is kept verbatim: analysis offsets then point into exactly what the caller sent.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from collections.abc import Iterable, Iterator

from naba.ingest.errors import MAX_INPUT_BYTES, IngestError
from naba.ingest.meta import guess_language
from naba.record import Document, Meta

_META_FIELDS = ("title", "section", "author", "url")


@dataclass(frozen=True)
class JsonFields:
    """Which fields of a JSON line hold the text and the publication date (datasets differ)."""

    text: str = "text"
    published: str = "published"


def parse_jsonl(lines: Iterable[str], source: str, fields: JsonFields = JsonFields()) -> Iterator[Document | IngestError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        if len(line.encode("utf-8")) > MAX_INPUT_BYTES:
            yield IngestError(where, f"line longer than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(where, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield IngestError(where, "a JSON line must be an object")
            continue
        yield document_from_record(record, where, fields)


def document_from_record(record: dict, where: str, fields: JsonFields = JsonFields()) -> Document | IngestError:
    text = record.get(fields.text)
    if not isinstance(text, str):
        return IngestError(where, f"missing string field '{fields.text}'")
    if not text.strip():
        return IngestError(where, f"empty '{fields.text}'")
    values = {name: _clean(record.get(name)) for name in _META_FIELDS}
    values["published"] = _published(record.get(fields.published))
    values["outlet"] = _clean(record.get("outlet") or record.get("source"))
    doc_id = record.get("id")
    language = record.get("language")  # any JSON type may come: only a string is a language code
    meta = Meta(**values, language=(_clean(language) if isinstance(language, str) else None) or guess_language(text))
    return Document(text=text, meta=meta, id=str(doc_id) if doc_id is not None else None, source=where)


def _published(value) -> str | None:
    """An ISO 8601 date-time; the common 'YYYY-MM-DD HH:MM:SS' form gets its T."""
    value = _clean(value)
    if value and len(value) >= 19 and value[10] == " ":
        value = value[:10] + "T" + value[11:]
    return value


def _clean(value) -> str | None:
    if value is None or value == "":
        return None
    return html.unescape(str(value)).strip() or None
