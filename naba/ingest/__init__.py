"""Ingest: turn files, folders, standard input and strings into Documents.

``read_inputs`` never raises for bad input: each problem comes back as an ``IngestError`` naming
the file (and line or record), so one bad file in a folder of thousands is reported and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from naba.ingest.detect import SUPPORTED_SUFFIXES, format_by_content, format_by_name
from naba.ingest.errors import MAX_INPUT_BYTES, BadInput, IngestError
from naba.ingest.feeds import parse_feed
from naba.ingest.html import parse_html
from naba.ingest.jsonl import JsonFields, parse_jsonl
from naba.ingest.meta import decode_utf8
from naba.ingest.plain import parse_plain
from naba.ingest.warc import parse_warc
from naba.record import Document

__all__ = ["BadInput", "IngestError", "MAX_INPUT_BYTES", "document_from_string", "expand_paths", "read_inputs"]


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files as given, folders walked (sorted, supported suffixes only); '-' passes through."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name.lower().endswith(SUPPORTED_SUFFIXES):
                    yield child
        else:
            yield path


def read_inputs(
    paths: Iterable[str], text_field: str = "text", date_field: str = "published"
) -> Iterator[Document | IngestError]:
    """Documents (or errors) for files, folders and '-'; the fields name JSON-lines keys."""
    fields = JsonFields(text=text_field, published=date_field)
    for item in expand_paths(paths):
        if item == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", fields=fields)
        else:
            yield from read_path(item, fields=fields)


def read_path(path: Path, fields: JsonFields = JsonFields()) -> Iterator[Document | IngestError]:
    source = str(path)
    if not path.exists():
        yield IngestError(source, "no such file or folder")
        return
    if not path.is_file():
        yield IngestError(source, "not a regular file")
        return
    fmt = format_by_name(path)
    if fmt == "warc":
        yield from parse_warc(path)
        return
    if fmt != "jsonl" and path.stat().st_size > MAX_INPUT_BYTES:
        yield IngestError(source, f"file larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield IngestError(source, f"cannot read ({error.strerror})")
        return
    yield from read_bytes(data, source, fmt, fields)


def read_bytes(
    data: bytes, source: str, fmt: str | None = None, fields: JsonFields = JsonFields()
) -> Iterator[Document | IngestError]:
    fmt = fmt or format_by_content(data[:4096])
    if fmt == "warc":
        yield IngestError(source, "web archives must be given as files")
        return
    if fmt != "jsonl" and len(data) > MAX_INPUT_BYTES:
        yield IngestError(source, f"input larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        return
    try:
        text = decode_utf8(data)
    except BadInput as error:
        yield IngestError(source, str(error))
        return
    if fmt == "jsonl":
        yield from parse_jsonl(text.splitlines(), source, fields)
    elif fmt == "feed":
        yield from parse_feed(data, source)
    else:
        try:
            yield parse_html(text, source) if fmt == "html" else parse_plain(text, source)
        except BadInput as error:
            yield IngestError(source, str(error))


def document_from_string(text_or_html: str, source: str = "<text>") -> Document:
    """One Document from a string of text or HTML; raises BadInput when there is nothing to read."""
    for item in read_bytes(text_or_html.encode("utf-8"), source):
        if isinstance(item, IngestError):
            raise BadInput(item.reason)
        return item
    raise BadInput("no report found")
