"""Which reader an input needs, from its name and, failing that, its first bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Format = Literal["plain", "html", "jsonl", "feed", "warc"]

_BY_SUFFIX: dict[str, Format] = {
    ".txt": "plain", ".text": "plain",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc",
}
SUPPORTED_SUFFIXES = tuple(_BY_SUFFIX) + (".warc.gz",)


def format_by_name(path: Path) -> Format | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    return _BY_SUFFIX.get(path.suffix.lower())


def format_by_content(head: bytes) -> Format:
    if head.startswith(b"WARC/"):
        return "warc"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2000].lower()
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith((b"<rss", b"<feed")) or (text.startswith(b"<?xml") and (b"<rss" in text or b"<feed" in text)):
        return "feed"
    if text.startswith((b"<!doctype html", b"<html")) or b"<body" in text or b"<article" in text:
        return "html"
    return "plain"
