"""RSS and Atom feeds (feedparser): one report per entry, its HTML content turned into text."""

from __future__ import annotations

import re
import time
from datetime import datetime
from email.utils import parsedate_to_datetime
from collections.abc import Iterator

import feedparser
import lxml.etree
import lxml.html

from naba.ingest.errors import MAX_INPUT_BYTES, BadInput, IngestError
from naba.ingest.meta import guess_language
from naba.record import Document, Meta


def looks_like_feed(head: str) -> bool:
    head = head.lstrip()[:2000].lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf:rdf" in head) or head.startswith(("<rss", "<feed"))


def parse_feed(data: bytes, source: str) -> Iterator[Document | IngestError]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = "a feed with no entries"
        if parsed.get("bozo") and parsed.get("bozo_exception"):
            reason = f"not a readable feed ({parsed.bozo_exception})"
        yield IngestError(source, reason)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        try:
            yield _document(entry, outlet, where)
        except BadInput as error:
            yield IngestError(where, str(error))


def _document(entry, outlet: str | None, where: str) -> Document:
    fragment = entry.content[0].value if entry.get("content") else entry.get("summary", "")
    if len(fragment.encode("utf-8")) > MAX_INPUT_BYTES:
        raise BadInput("entry larger than the 2 MB limit")
    text = fragment_text(fragment)
    if not text:
        raise BadInput("entry has no text")
    published = _published(entry)
    meta = Meta(
        title=entry.get("title") or None,
        author=entry.get("author") or None,
        outlet=outlet,
        url=entry.get("link") or None,
        published=published,
        language=guess_language(text),
    )
    return Document(text=text, meta=meta, id=entry.get("id") or entry.get("link") or None, source=where)


def _published(entry) -> str | None:
    """The date as the outlet printed it, offset kept (feedparser's parsed tuple is UTC)."""
    raw = entry.get("published") or entry.get("updated")
    if raw:
        try:
            return parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError):
            try:
                return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
            except ValueError:
                pass
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", stamp) if stamp else None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with one line per block element."""
    fragment = _NOT_XML.sub("", fragment)  # NUL and control characters: lxml refuses them, a reader never sees them
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.LxmlError) as error:
        raise BadInput(f"entry HTML is unreadable ({error})") from None
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
