"""Web archives (fastwarc): every HTML response record becomes a report read by the HTML reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from naba.ingest.errors import MAX_INPUT_BYTES, BadInput, IngestError
from naba.ingest.html import parse_html
from naba.ingest.meta import decode_utf8
from naba.record import Document


def parse_warc(path: Path) -> Iterator[Document | IngestError]:
    found = 0
    try:  # compression is detected from the stream itself
        records = ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True, auto_decode="all")
        for record in records:
            if "html" not in (record.http_content_type or "").lower():
                continue
            found += 1
            url = record.headers.get("WARC-Target-URI")
            where = f"{path}#{url or found}"
            body = record.reader.read(MAX_INPUT_BYTES + 1)
            if len(body) > MAX_INPUT_BYTES:
                yield IngestError(where, "record larger than the 2 MB limit")
                continue
            try:
                yield parse_html(decode_utf8(body, "record"), where, url=url)
            except BadInput as error:
                yield IngestError(where, str(error))
    except Exception as error:  # fastwarc raises plain exceptions on truncated archives
        yield IngestError(str(path), f"unreadable web archive ({error})")
        return
    if not found:
        yield IngestError(str(path), "no HTML response records in the web archive")
