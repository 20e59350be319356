"""HTML article pages: trafilatura finds the article body and metadata, htmldate the time of day."""

from __future__ import annotations

import logging
import warnings

import htmldate
import trafilatura

from naba.ingest.errors import BadInput
from naba.ingest.meta import guess_language
from naba.record import Document, Meta

MIN_ARTICLE_WORDS = 5  # below this trafilatura has only picked up navigation or boilerplate

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(html: str, source: str = "<html>", url: str | None = None, doc_id: str | None = None) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
        published = _published(html, extracted.date if extracted else None)
    if extracted is None or len((extracted.text or "").split()) < MIN_ARTICLE_WORDS:
        raise BadInput("no article text found in the HTML")
    text = _drop_leading_title(extracted.text, extracted.title)
    meta = Meta(
        title=extracted.title or None,
        author=extracted.author or None,
        outlet=extracted.sitename or extracted.hostname or None,
        url=extracted.url or url,
        published=published,
        section=(extracted.categories[0] if extracted.categories else None),
        language=guess_language(text),
    )
    return Document(text=text, meta=meta, id=doc_id, source=source)


def _published(html: str, fallback_date: str | None) -> str | None:
    """Date and, where the page states it, time of publication (trafilatura keeps only the day)."""
    try:
        found = htmldate.find_date(html, outputformat="%Y-%m-%dT%H:%M:%S", extensive_search=False, original_date=True)
    except Exception:  # htmldate raises on some malformed trees; the date is optional
        found = None
    if found:
        return found[:10] if found.endswith("T00:00:00") else found
    return fallback_date or None


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura repeats the <h1> as the first body line; the title belongs in meta."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip() and rest.strip():
            return rest
    return text

