"""`naba analyze` as people and programs use it: JSON, batches, stdin, bad inputs, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from naba.cli import _register, app

from conftest import EXAMPLES

_register()
runner = CliRunner()


def run(*args, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_the_sample_as_json(sample_path):
    result = run("analyze", str(sample_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["meta"]["published"] == "2025-11-07T01:34:00"
    assert report["meta"]["author"] == "هايدي سيد"
    assert len(report["sentences"]) > 25


def test_a_batch_prints_json_lines_and_names_the_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text("وصل الوفد إلى الرياض اليوم لبحث الأزمة.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "also-good.txt").write_text("غادر الوفد الرياض بعد انتهاء الاجتماع.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "naba.cli", "analyze", "--json", "--layers", "text", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "bad.txt" in errors[0] and "binary" in errors[0]
    assert "Traceback" not in result.stderr


def test_stdin_json_lines_with_published_dates():
    lines = [
        json.dumps({"id": "one", "text": "قال الوزير إن الاجتماع ناجح.", "published": "2025-11-07T10:00:00"}, ensure_ascii=False),
        json.dumps({"id": "two", "text": "وصل الوفد."}, ensure_ascii=False),
    ]
    result = run("analyze", "--json", "--published", "2024-01-01", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in reports] == ["one", "two"]
    # --published fills in only where the input states no date
    assert [r["meta"]["published"] for r in reports] == ["2025-11-07T10:00:00", "2024-01-01"]


def test_the_dev_news_with_a_text_field(dev_news_path):
    result = run("analyze", "--json", "--layers", "text", "--text-field", "content", str(dev_news_path))
    assert result.exit_code == 0, result.output[-500:]
    assert len(result.stdout.splitlines()) == 200


def test_people_get_a_readable_report():
    result = run("analyze", str(EXAMPLES / "kazakhstan-joins-accords.txt"))
    assert result.exit_code == 0, result.output
    assert "فريق التحرير" in result.stdout and "2025-11-08T22:15:00" in result.stdout


def test_bad_options_are_one_line_errors():
    result = run("analyze", "--layers", "gossip", str(EXAMPLES))
    assert result.exit_code == 2 and "unknown layer" in result.output
    result = run("analyze", "--published", "last week", str(EXAMPLES))
    assert result.exit_code == 2 and "ISO 8601" in result.output
