"""Ingest: every input format, the sample's header layout, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from naba.ingest import MAX_INPUT_BYTES, IngestError, read_inputs
from naba.ingest.plain import parse_dateline, parse_plain
from naba.record import Document

from conftest import EXAMPLES

BODY = "أعلنت وزارة الخارجية الأردنية أن وفداً رسمياً سيزور بغداد الأسبوع المقبل لبحث مشروع أنبوب النفط المشترك."


def read_all(*paths) -> list:
    return list(read_inputs([str(p) for p in paths]))


def html_page(body_paragraphs: str) -> str:
    return (
        '<html lang="ar"><head><meta charset="utf-8"><title>عنوان الخبر</title>'
        '<meta name="author" content="سارة أحمد">'
        '<meta property="article:published_time" content="2025-11-07T13:45:00+02:00">'
        '<meta property="og:site_name" content="موقع تجريبي"></head>'
        f"<body><nav>الرئيسية | أخبار</nav><article><h1>عنوان الخبر</h1>{body_paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


class TestPlainLayout:
    def test_the_sample_header_fills_meta_and_keeps_the_body(self, sample_document):
        meta = sample_document.meta
        assert meta.section == "دراسات وأبحاث"
        assert meta.title == "مفاجأة البيت الأبيض.. كازاخستان تطرق باب الاتفاقيات الإبراهيمية"
        assert meta.author == "هايدي سيد"
        assert meta.published == "2025-11-07T01:34:00"
        assert meta.language == "ar"
        assert sample_document.text.startswith("أعلن مسؤولون أمريكيون")
        assert "أرشيفية" not in sample_document.text  # the photo caption is not body text
        raw = Path(sample_document.source).read_text(encoding="utf-8")
        assert sample_document.text in raw  # the body is kept verbatim

    def test_the_team_example_in_the_same_layout(self):
        (document,) = read_all(EXAMPLES / "kazakhstan-joins-accords.txt")
        assert document.meta.section == "شؤون دولية"
        assert document.meta.author == "فريق التحرير"
        assert document.meta.published == "2025-11-08T22:15:00"  # 10:15 م is evening
        assert document.text.startswith("استقبل الرئيس الأمريكي")
        assert "ترحيب إسرائيلي" in document.text  # sub-heads stay in the body

    def test_text_without_a_header_is_all_body(self):
        raw = "خبر قصير بلا ترويسة.\n\nفقرة ثانية من الخبر."
        document = parse_plain(raw)
        assert document.text == raw
        assert document.meta.title is None and document.meta.published is None

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("الجمعة 07 نوفمبر 2025 - 01:34 ص", "2025-11-07T01:34:00"),
            ("الخميس ٦ تشرين الثاني ٢٠٢٥ - ٠٣:١٥ م", "2025-11-06T15:15:00"),
            ("12 يوليو 2015", "2015-07-12"),
            ("الإثنين، 1 ديسمبر 2025 12:05 ص", "2025-12-01T00:05:00"),
            ("قال الرئيس 7 نوفمبر 2025 إن", None),
        ],
    )
    def test_datelines(self, line, expected):
        assert parse_dateline(line) == expected


class TestHtml:
    def test_article_text_and_metadata_come_from_the_page(self, tmp_path):
        page = tmp_path / "story.html"
        page.write_text(html_page(f"<p>{BODY}</p><p>{BODY}</p>"), encoding="utf-8")
        (document,) = read_all(page)
        assert isinstance(document, Document)
        assert document.meta.title == "عنوان الخبر"
        assert document.meta.author == "سارة أحمد"
        assert document.meta.published == "2025-11-07T13:45:00"
        assert document.meta.outlet == "موقع تجريبي"
        assert document.text.startswith("أعلنت وزارة الخارجية")
        assert "الرئيسية" not in document.text and "الحقوق" not in document.text

    def test_the_team_example_page(self):
        (document,) = read_all(EXAMPLES / "gulf-power-grid.html")
        assert document.meta.title == "السعودية والإمارات توقعان اتفاقية للربط الكهربائي"
        assert document.meta.published.startswith("2025-10-14")
        assert "وزير الطاقة السعودي" in document.text


class TestJsonLines:
    def test_text_is_kept_verbatim_with_id_and_metadata(self, tmp_path):
        text = "  نصٌّ   بمسافات\u200f وتشكيل  \n"
        path = tmp_path / "batch.jsonl"
        path.write_text(
            json.dumps({"id": "a-1", "text": text, "title": "&#8220;عنوان&#8221;", "published": "2025-11-07"}, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        (document,) = read_all(path)
        assert document.text == text
        assert document.id == "a-1"
        assert document.meta.title == "“عنوان”"  # HTML entities in titles are decoded
        assert document.meta.published == "2025-11-07"

    def test_another_text_field(self, tmp_path):
        path = tmp_path / "dataset.jsonl"
        path.write_text(json.dumps({"id": 7, "content": BODY, "source": "alriyadh"}, ensure_ascii=False) + "\n", encoding="utf-8")
        (document,) = list(read_inputs([str(path)], text_field="content"))
        assert document.text == BODY and document.id == "7" and document.meta.outlet == "alriyadh"

    def test_the_date_may_come_from_another_field(self, tmp_path):
        path = tmp_path / "dated.jsonl"
        record = {"content": BODY, "date_extracted": "2015-08-11 14:19:37"}
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        (document,) = list(read_inputs([str(path)], text_field="content", date_field="date_extracted"))
        assert document.meta.published == "2015-08-11T14:19:37"

    def test_the_dev_news_articles_all_read(self, dev_news_path, dev_articles):
        documents = list(read_inputs([str(dev_news_path)], text_field="content"))
        assert len(documents) == len(dev_articles) == 200
        assert all(isinstance(d, Document) for d in documents)
        assert [d.text for d in documents] == [a["content"] for a in dev_articles]


class TestFeedsAndArchives:
    def test_each_feed_entry_is_a_report(self):
        documents = read_all(EXAMPLES / "feed.rss")
        assert len(documents) == 2
        assert documents[0].meta.url == "https://example.org/news/amman-meeting"
        assert documents[0].meta.published == "2025-10-12T16:00:00+03:00"
        assert documents[0].text.splitlines()[0].startswith("استضافت العاصمة الأردنية")
        assert "<p>" not in documents[0].text

    def test_html_records_of_a_web_archive(self, tmp_path):
        body = html_page(f"<p>{BODY}</p><p>{BODY}</p>").encode("utf-8")
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        record = (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
            b"WARC-Date: 2025-11-07T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
            + http + b"\r\n\r\n"
        )
        archive = tmp_path / "crawl.warc"
        archive.write_bytes(record)
        (document,) = read_all(archive)
        assert document.meta.url == "https://example.org/a"
        assert document.text.startswith("أعلنت وزارة الخارجية")


class TestBadInput:
    def errors_for(self, tmp_path, name: str, content: bytes) -> list[IngestError]:
        path = tmp_path / name
        path.write_bytes(content)
        return [item for item in read_all(path) if isinstance(item, IngestError)]

    @pytest.mark.parametrize(
        ("name", "content", "reason"),
        [
            ("empty.txt", b"", "empty"),
            ("blank.txt", b"  \n\n ", "empty"),
            ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
            ("latin1.txt", "خبر".encode("utf-8") + b" caf\xe9", "not UTF-8"),
            ("nav.html", b"<html><body><nav><a href='/'>home</a></nav></body></html>", "no article"),
            ("big.txt", ("خبر " * (MAX_INPUT_BYTES // 4)).encode("utf-8"), "larger than"),
        ],
    )
    def test_each_bad_file_gets_one_error_naming_it(self, tmp_path, name, content, reason):
        (error,) = self.errors_for(tmp_path, name, content)
        assert error.source.endswith(name)
        assert reason in error.reason

    def test_bad_json_lines_are_named_by_line_and_the_rest_survive(self, tmp_path):
        path = tmp_path / "mixed.jsonl"
        lines = [
            json.dumps({"id": "ok-1", "text": BODY}, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "no-text"}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "ok-2", "text": BODY}, ensure_ascii=False),
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        items = read_all(path)
        assert [d.id for d in items if isinstance(d, Document)] == ["ok-1", "ok-2"]
        errors = [e for e in items if isinstance(e, IngestError)]
        assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4"]
        assert "not valid JSON" in errors[0].reason and "'text'" in errors[1].reason

    def test_a_folder_with_bad_files_keeps_every_good_one(self, tmp_path):
        (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
        (tmp_path / "b.txt").write_bytes(b"")
        (tmp_path / "c.html").write_text(html_page(f"<p>{BODY}</p><p>{BODY}</p>"), encoding="utf-8")
        (tmp_path / "d.txt").write_bytes(b"\xff\xfe\x00\x00")
        (tmp_path / "notes.docx").write_bytes(b"ignored: not a supported suffix")
        items = read_all(tmp_path)
        assert sum(isinstance(i, Document) for i in items) == 2
        assert sorted(Path(i.source).name for i in items if isinstance(i, IngestError)) == ["b.txt", "d.txt"]

    def test_a_missing_path_is_an_error_not_an_exception(self, tmp_path):
        (error,) = read_all(tmp_path / "nope.txt")
        assert "no such file" in error.reason
