"""The input formats naba reads: each declares its name, how it is recognised and its reader.

Adding a format is one ``register`` line at the bottom of this file (or in the format's own
module): its file suffixes, a test on the first bytes for unnamed input (standard input, a
string, a file with an unknown suffix), and the reader, given as a function or as
``"module:function"`` so an optional dependency is imported only when such a file is read.

A reader is called as ``reader(data, source, fields)`` with the input's bytes, or, for a
``whole_file`` format (archives, binary tables), as ``reader(path, source, fields)`` with its path.
It yields ``Document`` or ``IngestError`` records and may raise ``BadInput`` for a whole input.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from naba.ingest.errors import BadInput, IngestError
from naba.ingest.feeds import parse_feed
from naba.ingest.html import parse_html
from naba.ingest.jsonl import JsonFields, parse_jsonl
from naba.ingest.meta import decode_utf8
from naba.ingest.plain import parse_plain
from naba.record import Document

Records = Iterator[Document | IngestError]


@dataclass(frozen=True)
class InputFormat:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot; may be compound (.warc.gz)
    reader: Callable[..., Records] | str  # a function or "module:function"
    sniff: Callable[[bytes], bool] | None = None  # recognises the format from the first 4 KiB
    whole_file: bool = False  # read from the path (not from bytes): never from stdin or a string
    size_limited: bool = True  # refuse inputs over MAX_INPUT_BYTES (not for record streams)

    def read(self, data_or_path: bytes | Path, source: str, fields: JsonFields) -> Records:
        reader = self.reader
        if isinstance(reader, str):
            module, _, function = reader.partition(":")
            reader = getattr(importlib.import_module(module), function)
        return reader(data_or_path, source, fields)


FORMATS: dict[str, InputFormat] = {}
DEFAULT_FORMAT = "plain"  # what input that no format recognises is read as


def register(fmt: InputFormat) -> InputFormat:
    """Add a format; formats registered earlier are tried first when sniffing content."""
    FORMATS[fmt.name] = fmt
    return fmt


def supported_suffixes() -> tuple[str, ...]:
    return tuple(suffix for fmt in FORMATS.values() for suffix in fmt.suffixes)


def format_by_name(path: Path) -> InputFormat | None:
    """The format a file's suffix names (the longest matching suffix wins), or None."""
    name = path.name.lower()
    matches = [(len(s), fmt) for fmt in FORMATS.values() for s in fmt.suffixes if name.endswith(s)]
    return max(matches, key=lambda pair: pair[0])[1] if matches else None


def format_by_content(head: bytes) -> InputFormat:
    """The first registered format whose sniff accepts these first bytes, else the default."""
    for fmt in FORMATS.values():
        if fmt.name != DEFAULT_FORMAT and fmt.sniff is not None and fmt.sniff(head):
            return fmt
    return FORMATS[DEFAULT_FORMAT]


def starts_with(*prefixes: bytes) -> Callable[[bytes], bool]:
    """A sniff for binary formats with a magic number (b"WARC/", b"PAR1")."""
    return lambda head: head.startswith(prefixes)


def _text_head(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2000].lower()


def _is_jsonl(head: bytes) -> bool:
    return _text_head(head).startswith(b"{")


def _is_feed(head: bytes) -> bool:
    text = _text_head(head)
    return text.startswith((b"<rss", b"<feed")) or (text.startswith(b"<?xml") and (b"<rss" in text or b"<feed" in text))


def _is_html(head: bytes) -> bool:
    text = _text_head(head)
    return text.startswith((b"<!doctype html", b"<html")) or b"<body" in text or b"<article" in text


def _read_plain(data: bytes, source: str, fields: JsonFields) -> Records:
    yield parse_plain(decode_utf8(data), source)


def _read_html(data: bytes, source: str, fields: JsonFields) -> Records:
    yield parse_html(decode_utf8(data), source)


def _read_jsonl(data: bytes, source: str, fields: JsonFields) -> Records:
    yield from parse_jsonl(decode_utf8(data).splitlines(), source, fields)


def _read_feed(data: bytes, source: str, fields: JsonFields) -> Records:
    decode_utf8(data)  # refuse a feed that is not UTF-8 with the same message as any other input
    yield from parse_feed(data, source)


def _read_warc(path: Path, source: str, fields: JsonFields) -> Records:
    from naba.ingest.warc import parse_warc

    yield from parse_warc(path)


def read_guarded(fmt: InputFormat, data_or_path: bytes | Path, source: str, fields: JsonFields) -> Records:
    """The reader's records; a ``BadInput`` it raises becomes one ``IngestError`` naming the input."""
    try:
        yield from fmt.read(data_or_path, source, fields)
    except BadInput as error:
        yield IngestError(source, str(error))


register(InputFormat("warc", (".warc", ".warc.gz"), _read_warc, sniff=starts_with(b"WARC/"), whole_file=True, size_limited=False))
register(InputFormat("jsonl", (".jsonl", ".ndjson"), _read_jsonl, sniff=_is_jsonl, size_limited=False))
register(InputFormat("feed", (".rss", ".atom", ".xml"), _read_feed, sniff=_is_feed))
register(InputFormat("html", (".html", ".htm", ".xhtml"), _read_html, sniff=_is_html))
register(InputFormat("plain", (".txt", ".text"), _read_plain))
register(InputFormat("parquet", (".parquet",), "naba.ingest.parquet:read_parquet", sniff=starts_with(b"PAR1"), whole_file=True, size_limited=False))
