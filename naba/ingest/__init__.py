"""Ingest: turn files, folders, standard input and strings into Documents.

``read_inputs`` never raises for bad input: each problem comes back as an ``IngestError`` naming
the file (and line or record), so one bad file in a folder of thousands is reported and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from naba.ingest.errors import MAX_INPUT_BYTES, BadInput, IngestError
from naba.ingest.formats import FORMATS, InputFormat, format_by_content, format_by_name, read_guarded, supported_suffixes
from naba.ingest.jsonl import JsonFields
from naba.record import Document

__all__ = ["BadInput", "FORMATS", "IngestError", "InputFormat", "MAX_INPUT_BYTES", "SUPPORTED_SUFFIXES",
           "document_from_string", "expand_paths", "read_inputs"]

# Kept for callers; the registry in naba/ingest/formats.py is the source.
SUPPORTED_SUFFIXES = supported_suffixes()


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files as given, folders walked (sorted, supported suffixes only); '-' passes through."""
    suffixes = supported_suffixes()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                # not only regular files: a looping link or a pipe with a report's name is named, not skipped unseen
                if child.name.lower().endswith(suffixes) and not child.is_dir():
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
    if path.is_symlink() and not path.exists():
        yield IngestError(source, "a symbolic link that leads nowhere (broken or looping)")
        return
    if not path.exists():
        yield IngestError(source, "no such file or folder")
        return
    if not path.is_file():
        yield IngestError(source, "not a regular file")
        return
    fmt = format_by_name(path)
    if fmt is not None and fmt.whole_file:
        yield from read_guarded(fmt, path, source, fields)
        return
    if (fmt is None or fmt.size_limited) and path.stat().st_size > MAX_INPUT_BYTES:
        yield IngestError(source, f"file larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield IngestError(source, f"cannot read ({error.strerror})")
        return
    yield from read_bytes(data, source, fmt, fields)


def read_bytes(
    data: bytes, source: str, fmt: InputFormat | str | None = None, fields: JsonFields = JsonFields()
) -> Iterator[Document | IngestError]:
    """Records of one input given as bytes; ``fmt`` (a format or its name) or else sniffed."""
    fmt = FORMATS[fmt] if isinstance(fmt, str) else fmt or format_by_content(data[:4096])
    if fmt.whole_file:
        yield IngestError(source, f"{fmt.name} input must be given as a file")
        return
    if fmt.size_limited and len(data) > MAX_INPUT_BYTES:
        yield IngestError(source, f"input larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        return
    yield from read_guarded(fmt, data, source, fields)


def document_from_string(text_or_html: str, source: str = "<text>") -> Document:
    """One Document from a string of text or HTML; raises BadInput when there is nothing to read."""
    for item in read_bytes(text_or_html.encode("utf-8"), source):
        if isinstance(item, IngestError):
            raise BadInput(item.reason)
        return item
    raise BadInput("no report found")
