"""The Report contract: every span of every layer points at its text; JSON round-trips unchanged."""

from __future__ import annotations

import json

import pytest

from naba.ingest import read_inputs
from naba.record import Document, Report, invalid_spans, report_json_schema

from conftest import EXAMPLES

TOP_LEVEL_KEYS = {"schema", "id", "meta", "text", "sentences", "tokens", "entities", "times", "attributions", "events", "sourcing"}


def test_the_sample_report_has_the_documented_shape(sample_report):
    data = json.loads(sample_report.to_json())
    assert set(data) == TOP_LEVEL_KEYS
    assert data["schema"] == "naba.report/1"
    assert set(data["meta"]) == {"title", "section", "author", "outlet", "url", "published", "language"}
    assert set(data["sourcing"]) >= {"named", "anonymous", "group", "outlet", "organization", "outlets", "unnamed_share"}


def test_every_span_of_the_sample_is_valid(sample_report):
    assert invalid_spans(sample_report) == []


def test_sub_heads_are_sentences_of_their_own(sample_report):
    sentences = [sample_report.text[s.start:s.end] for s in sample_report.sentences]
    for sub_head in ("خطوة دبلوماسية لتعزيز التعاون الإقليمي", "خلف الكواليس", "السياق الإقليمي والدولي"):
        assert sub_head in sentences
    assert not any("\n" in sentence for sentence in sentences)


def test_reports_round_trip_through_json_unchanged(sample_report):
    again = Report.from_json(sample_report.to_json())
    assert again == sample_report
    assert again.to_json() == sample_report.to_json()


def test_every_span_of_the_examples_is_valid(pipeline):
    documents = [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, Document)]
    assert len(documents) >= 7
    for document in documents:
        report = pipeline.analyze(document)
        assert invalid_spans(report) == [], document.source
        assert Report.from_json(report.to_json()) == report


def test_every_span_of_the_dev_news_is_valid(pipeline, dev_news_path):
    documents = list(read_inputs([str(dev_news_path)], text_field="content"))
    for document in documents:
        report = pipeline.analyze(document)
        problems = invalid_spans(report)
        assert problems == [], f"{document.source}: {problems[:3]}"
        assert report.id == document.id


def test_the_json_schema_is_versioned_and_names_every_layer():
    schema = report_json_schema()
    assert schema["properties"]["schema"]["default"] == "naba.report/1"
    assert TOP_LEVEL_KEYS <= set(schema["properties"])


@pytest.mark.parametrize("bad", [{"start": 5, "end": 2}, {"start": 0, "end": 10_000}])
def test_the_checker_catches_broken_offsets(bad):
    report = Report(id="x", text="نص قصير", sentences=[bad])
    assert invalid_spans(report)
