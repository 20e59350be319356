"""The NER tagger on sentences written for this test, the ner-tag CoNLL round trip, and the dev news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from naba.analysis import Analysis
from naba.cli import _register, app
from naba.entities.ner import NerTagger
from naba.entities.ner_scoring import bio_spans, score

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEV_NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"

# Written for this test (not from any corpus).
SENTENCE = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن منظمة الأمم المتحدة ستعقد اجتماعا في جنيف الأسبوع المقبل ."


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def labelled(analysis: Analysis, spans) -> dict[str, str]:
    return {analysis.text[start:end]: label for start, end, label in spans}


def test_finds_person_places_and_organisation(tagger):
    analysis = Analysis.of(SENTENCE)
    found = labelled(analysis, tagger.spans(analysis))
    assert found.get("إيمانويل ماكرون") == "PERS", found
    assert found.get("باريس") == "LOC", found
    assert found.get("جنيف") == "LOC", found
    assert any(label == "ORG" and "الأمم المتحدة" in text for text, label in found.items()), found


def test_span_drops_a_glued_conjunction_but_keeps_the_name(tagger):
    text = "وصل الوزير إلى القاهرة ثم توجه إلى الرياض وواشنطن لإجراء محادثات ."
    analysis = Analysis.of(text)
    spans = tagger.spans(analysis)
    texts = {text[s:e] for s, e, _ in spans}
    assert "القاهرة" in texts, texts
    assert "واشنطن" in texts, texts
    for start, end, label in spans:
        assert label in {"PERS", "LOC", "ORG", "MISC"}
        assert 0 <= start < end <= len(text)


def test_tag_returns_one_bio_tag_per_word(tagger):
    words = SENTENCE.split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for tag in tags)
    assert tagger.tag([]) == []


def test_scorer_counts_entities_not_tokens():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    result = score(gold, pred)
    assert result["LOC"].f1 == 1.0
    assert result["PERS"].true_positive == 0
    assert result["micro"].true_positive == 1 and result["micro"].gold == 2
    assert bio_spans(["I-ORG", "I-ORG", "B-ORG"]) == [(0, 2, "ORG"), (2, 3, "ORG")]


def test_ner_tag_round_trips_conll(tmp_path):
    _register()
    conll = tmp_path / "in.conll"
    lines = ["وقال O", "الرئيس O", "ماكرون B-PERS", "", "في O", "باريس B-LOC", ""]
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ner-tag", str(conll)])
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    for original, tagged in zip(lines, out, strict=True):
        if not original:
            assert tagged == ""
            continue
        assert tagged.startswith(original + " ")
        tag = tagged.split()[-1]
        assert tag == "O" or tag[:2] in ("B-", "I-")
    assert out[5].endswith("B-LOC")


def test_ner_tag_bad_file_is_one_line_error(tmp_path):
    _register()
    missing = tmp_path / "nope.conll"
    result = CliRunner().invoke(app, ["ner-tag", str(missing)])
    assert result.exit_code == 1
    assert "nope.conll" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_tagger_runs_on_all_dev_news_articles(tagger):
    if not DEV_NEWS.is_file():
        pytest.skip(f"dev news articles not found: {DEV_NEWS}")
    articles = [json.loads(line) for line in DEV_NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(articles) == 200
    with_entities = 0
    for article in articles:
        analysis = Analysis.of(article["content"])
        spans = tagger.spans(analysis)
        for start, end, label in spans:
            assert 0 <= start < end <= len(analysis.text) and label in {"PERS", "LOC", "ORG", "MISC"}
            assert analysis.text[start:end].strip() == analysis.text[start:end]
        with_entities += bool(spans)
    assert with_entities >= 190
