"""Hypothesis fuzzing of every ingest reader and of the text layer.

Readers: whatever the bytes, ``read_bytes``/``read_path`` yield Documents or IngestErrors naming the
input, never raise. Text layer: for any Unicode text, every token and sentence lies inside the text
and every span's text is ``text[start:end]``. Small example counts keep the suite fast; `make soak`
runs the same properties with many more (``HYPOTHESIS_PROFILE=soak``).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naba.ingest import IngestError, read_bytes, read_path
from naba.ingest.feeds import parse_feed
from naba.ingest.jsonl import parse_jsonl
from naba.record import Document, invalid_spans

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("soak", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
HOSTILE = st.sampled_from(["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\u200f", "\ufeff",
                           "\u0640", "\u064b", "\u0651", "\r\n", "\r", "\u2028", "\u0085", "\x00", "\ud7ff", "\U0001F600",
                           "\u0301", "\u061f", "\u060c", "\u06d4", ".", "!", "«", "»", "\"", " ", "\n\n"])
TEXT = st.lists(st.one_of(st.text(ARABIC, min_size=1, max_size=8), HOSTILE, st.text(max_size=4)), max_size=60).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = st.sampled_from(["text", "title", "author", "url", "published", "id", "language", "outlet", "source", "section"])


def outcomes_are_named(items, source: str) -> list:
    items = list(items)
    for item in items:
        assert isinstance(item, (Document, IngestError)), item
        if isinstance(item, IngestError):
            assert item.source.startswith(source) and item.reason, item
        else:
            assert item.text.strip() and item.source.startswith(source)
    return items


@given(st.binary(max_size=3000), st.sampled_from([None, "plain", "html", "jsonl", "feed"]))
def test_any_bytes_in_any_reader_give_documents_or_named_errors(data, fmt):
    outcomes_are_named(read_bytes(data, "fuzz.in", fmt), "fuzz.in")


@given(TEXT, st.sampled_from(["plain", "html"]))
def test_any_unicode_text_is_read_or_named(text, fmt):
    outcomes_are_named(read_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.in", fmt), "fuzz.in")


@given(st.lists(st.one_of(st.dictionaries(FIELDS, JSON_VALUES, max_size=6), JSON_VALUES), min_size=1, max_size=5))
def test_json_lines_of_any_shape_and_types_are_read_or_named(records):
    lines = [json.dumps(record) for record in records]
    items = outcomes_are_named(parse_jsonl(lines, "fuzz.jsonl"), "fuzz.jsonl")
    for item in items:
        if isinstance(item, Document):
            assert isinstance(item.meta.language, str)


@given(st.lists(st.tuples(TEXT, TEXT, st.text(max_size=30)), min_size=1, max_size=3), st.booleans())
def test_feeds_with_any_entry_content_are_read_or_named(entries, atom):
    from xml.sax.saxutils import escape

    if atom:
        items = "".join(f"<entry><title>{escape(t)}</title><id>{escape(i)}</id><content type='html'>{escape(c)}</content></entry>"
                        for t, c, i in entries)
        data = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>{items}</feed>"
    else:
        items = "".join(f"<item><title>{escape(t)}</title><guid>{escape(i)}</guid><description>{escape(c)}</description></item>"
                        for t, c, i in entries)
        data = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>x</title>{items}</channel></rss>"
    outcomes_are_named(parse_feed(data.encode("utf-8", "surrogatepass"), "fuzz.rss"), "fuzz.rss")


def _warc_record(html: bytes, uri: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@settings(max_examples=25)
@given(st.binary(max_size=2000), TEXT, st.integers(min_value=0, max_value=400))
def test_web_archives_whole_cut_or_garbage_are_read_or_named(garbage, text, cut):
    record = _warc_record(f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8", "surrogatepass"),
                          "http://example.org/a")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in (("whole.warc", record), ("cut.warc", record[:cut]), ("garbage.warc", garbage),
                           ("tail.warc", record + garbage)):
            path = Path(folder) / name
            path.write_bytes(data)
            outcomes_are_named(read_path(path), str(path))


@pytest.fixture(scope="module")
def text_pipeline():
    from naba.pipeline import Pipeline

    return Pipeline(layers=["text"])


@given(text=TEXT)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_text_layer_offsets_hold_for_any_unicode(text_pipeline, text):
    if not text.strip():
        return
    report = text_pipeline.analyze(Document(text=text))
    assert report.text == text
    assert invalid_spans(report) == []
    for token in report.tokens:
        assert 0 <= token.start < token.end <= len(text)
    for sentence in report.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.lists(st.one_of(st.sampled_from(["قال وزير الخارجية السعودي ", "إن ", "الرياض ", "يوم الخميس ",
                                                  "\u200b", "\u202e", "«", "»", "، ", ". ", "أمس "]), TEXT), max_size=25).map("".join))
def test_every_layer_keeps_offsets_for_any_unicode(pipeline, text):
    if not text.strip():
        return
    assert invalid_spans(pipeline.analyze(Document(text=text))) == []


@pytest.mark.parametrize("record", [{"text": "نص", "language": 1}, {"text": "نص", "language": ["ar"]},
                                    {"text": "نص", "language": {"x": 1}}, {"text": "نص", "language": " "}])
def test_a_json_line_with_a_language_of_the_wrong_type_is_read(record):
    """Found by the fuzzer: a number as ``language`` once raised a ValidationError that ended the whole batch."""
    (document,) = parse_jsonl([json.dumps(record)], "x.jsonl")
    assert document.meta.language == "ar"


@pytest.mark.parametrize("content", ["نص\x00 فيه <b>صفر</b>", "<p>\x01\x02نص</p>", "<p>\x0b</p>"])
def test_a_feed_entry_with_control_characters_is_read_or_named(content):
    """Found by the fuzzer: NUL or a control character in entry HTML once raised lxml's ValueError."""
    from xml.sax.saxutils import escape

    data = (f"<rss version='2.0'><channel><item><title>t</title><description>{escape(content)}</description>"
            "</item></channel></rss>").encode("utf-8")
    items = outcomes_are_named(parse_feed(data, "x.rss"), "x.rss")
    assert len(items) == 1


def test_a_file_of_only_bidi_and_zero_width_characters_is_named():
    """Found by the soak: such a file was stored as a report with nothing to read in it."""
    data = ("\u202e\u200b\u2066\u200f\u200d\ufeff" * 500 + "\n ").encode("utf-8")
    for fmt in ("plain", "html", None):
        (item,) = list(read_bytes(data, "flood.txt", fmt))
        assert isinstance(item, IngestError) and "no visible text" in item.reason
    (item,) = list(read_bytes(("\u200b" * 50 + "قال الوزير").encode("utf-8"), "ok.txt", "plain"))
    assert isinstance(item, Document)
