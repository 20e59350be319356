"""The browsing commands: `naba entities`, `naba entity`, faceted `naba search`, `naba serve` on a busy port,
and one JSON line in giving one JSON line out."""

from __future__ import annotations

import json
import socket

import pytest
from typer.testing import CliRunner

from naba.cli import _register, app as cli
from naba.corpus import Store
from serve_reports import accords_report, xss_report


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "naba.db")
    with Store.open(path) as store:
        store.add([accords_report(), xss_report()])
    return path


def run(*args: str, input: str | None = None):
    _register()
    return CliRunner().invoke(cli, list(args), input=input)


def test_entities_lists_counts_and_finds_english_and_arabic_names(db):
    result = run("entities", "--db", db)
    assert result.exit_code == 0 and "Donald Trump / دونالد ترامب" in result.output and "(per:donald-trump)" in result.output
    for name in ("trump", "لترامب"):
        lines = run("entities", name, "--db", db, "--json").output.splitlines()
        assert [json.loads(line)["id"] for line in lines] == ["per:donald-trump"], name
    assert json.loads(lines[0])["mention_count"] == 2
    assert run("entities", "--db", db, "--sort", "size").exit_code == 2


def test_entity_shows_one_entity_with_its_sourcing_profile(db):
    data = json.loads(run("entity", "Donald Trump", "--db", db, "--json").output)
    assert data["entity"]["id"] == "per:donald-trump" and data["entity"]["report_count"] == 1
    assert data["sourcing"]["attributions"] == 2 and 0 < data["sourcing"]["unnamed_share"] < 1
    assert [r["id"] for r in data["reports"]] == ["web-accords"]
    missing = run("entity", "nobody at all", "--db", db)
    assert missing.exit_code == 1 and "no entity named" in missing.output


def test_search_prints_the_total_and_refuses_bad_syntax_in_one_line(db):
    data = json.loads(run("search", "ترامب OR تجريبي", "--db", db, "--json", "--sort", "newest").output)
    assert data["total"] == 2 and [h["id"] for h in data["hits"]] == ["web-xss", "web-accords"]
    assert "2 reports match" in run("search", "ترامب OR تجريبي", "--db", db).output
    bad = run("search", '"ترامب', "--db", db)
    assert bad.exit_code == 2 and "quotation mark" in bad.output and "Traceback" not in bad.output


def test_search_highlights_the_match_and_prints_markup_as_text(db):
    _register()
    result = CliRunner().invoke(cli, ["search", "شيء", "--db", db], env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    assert result.exit_code == 0
    assert "<b>كل \x1b[1;7mشيء\x1b[0m</b>" in result.output  # the match in reverse video, the tags around it as typed
    assert 'onerror="document.title' in result.output


def test_square_brackets_in_stored_names_print_as_they_are(tmp_path):
    from naba.record import Entity, Meta, Report
    from serve_reports import span

    text = "قال فريق الاختبار إن كل شيء على ما يرام."
    name = "Test [bold]team[/] [/x]"  # rich markup would eat the tags or fail on the closing one
    report = Report(id="brackets", meta=Meta(title="[red]عنوان[/red]", published="2025-11-09T10:00:00"), text=text,
                    entities=[Entity(id="e1", type="ORG", name_ar="فريق الاختبار", name_en=name,
                                     mentions=[span(text, "فريق الاختبار")])])
    path = str(tmp_path / "naba.db")
    with Store.open(path) as store:
        store.add([report])
    for args in (["entities"], ["entity", "فريق الاختبار"], ["search", "شيء"]):
        result = run(*args, "--db", path)
        assert result.exit_code == 0 and "Traceback" not in result.output, args
        assert (name if args[0] != "search" else "[red]عنوان[/red]") in result.output, args


def test_serve_on_a_busy_port_says_so_before_serving(db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port))
    assert result.exit_code == 2 and f"port {port} is already in use" in result.output
    assert "serving on" not in result.output


def test_one_json_line_in_gives_one_json_line_out():
    line = json.dumps({"id": "one", "text": "قال وزير الخارجية أمس إن المحادثات ستستمر."}, ensure_ascii=False)
    result = run("analyze", "--json", "--layers", "times", "-", input=line + "\n")
    assert result.exit_code == 0
    (out,) = result.output.strip().splitlines()
    assert json.loads(out)["id"] == "one"
