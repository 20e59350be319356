"""Faults and concurrency: two writers into one store, stories regrouped while another process writes,
two `naba ingest` runs of one folder at once. Small counts here; `make soak` runs the big ones."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from naba.corpus import Store
from naba.record import Meta, Report

REPO = Path(__file__).resolve().parents[1]

# Each writer adds the same reports, a few per transaction, so the two interleave batch by batch.
WRITER = textwrap.dedent('''
    import sys
    from naba.corpus import Store
    from naba.record import Meta, Report
    url, count, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    stored = duplicates = 0
    with Store.open(url) as store:
        for first in range(0, count, batch):
            reports = [Report(id=f"w-{i:04d}", meta=Meta(title=f"تقرير {i}"),
                              text=f"قال المتحدث في البيان رقم {i} إن الاجتماع سيعقد غدا {i * 7} {i * 13}")
                       for i in range(first, min(count, first + batch))]
            result = store.add(reports)
            stored += result.stored
            duplicates += result.duplicates
    print(stored, duplicates)
''')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "naba.db")
    return request.getfixturevalue("postgres_database")()


def _writer(url: str, count: int, batch: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, str(count), str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def test_two_processes_adding_the_same_reports_store_each_once(db_url):
    Store.open(db_url).close()  # the schema exists before the race starts
    count = 120
    writers = [_writer(db_url, count, 4) for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0 and "Traceback" not in err, err
    totals = [tuple(map(int, out.split())) for out, _ in outputs]
    assert sum(stored for stored, _ in totals) == count  # every report stored by exactly one of them
    assert all(stored + duplicates == count for stored, duplicates in totals)
    with Store.open(db_url) as store:
        assert store.count_reports() == count
        assert {s.id for s in store.list_reports(limit=1000)} == {f"w-{i:04d}" for i in range(count)}
        assert len(store.search("البيان", limit=1000)) == count  # each report indexed once


def _report(i: int) -> Report:
    return Report(id=f"s-{i}", meta=Meta(title=f"عنوان {i}"), text=f"أعلنت الوزارة خطة جديدة للنقل رقم {i} {i * 31}")


def test_a_report_added_while_stories_are_regrouped_leaves_them_due(db_url, monkeypatch):
    import naba.corpus.write as write

    with Store.open(db_url) as store, Store.open(db_url) as other:
        store.add([_report(1), _report(2)])
        assert store.stories_dirty()
        group = write.group_stories

        def group_while_another_writes(items):
            other.add([_report(3)])  # lands between the regrouping's reads and its write
            return group(items)

        monkeypatch.setattr(write, "group_stories", group_while_another_writes)
        store.rebuild_stories()
        monkeypatch.setattr(write, "group_stories", group)
        assert store.stories_dirty(), "report s-3 was added after the reads: stories must be regrouped again"
        store.rebuild_stories()
        assert not store.stories_dirty()


def test_two_cli_ingests_of_one_folder_at_once_both_finish(tmp_path, dev_articles):
    folder = tmp_path / "in"
    folder.mkdir()
    articles = dev_articles[:30]
    for article in articles:
        (folder / f"{article['id']}.txt").write_text(article["content"], encoding="utf-8")
    db = str(tmp_path / "naba.db")
    command = [sys.executable, "-m", "naba", "ingest", str(folder), "--layers", "text", "--batch-size", "3", "--db", db]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err and "locked" not in err, err
        assert "skipped as duplicate" in err
    with Store.open(db) as store:
        assert store.count_reports() == len({a["content"].strip() for a in articles})


def test_links_that_loop_or_lead_nowhere_and_pipes_in_a_folder_are_named(tmp_path):
    """Found by the soak: a folder walk skipped them without a word, so a user never learnt they were left out."""
    import os

    from naba.ingest import IngestError, read_inputs

    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.html").symlink_to(tmp_path / "missing.html")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text("أعلنت الوزارة اليوم عن خطة جديدة للنقل العام في المدن الكبرى.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    errors = {Path(item.source).name: item.reason for item in items if isinstance(item, IngestError)}
    assert set(errors) == {"a.txt", "b.txt", "gone.html", "pipe.txt"}
    assert "looping" in errors["a.txt"] and "leads nowhere" in errors["gone.html"]
    assert errors["pipe.txt"] == "not a regular file"
    assert sum(not isinstance(item, IngestError) for item in items) == 1


def test_processes_opening_a_fresh_store_at_once_all_open_it(db_url):
    """Found by the soak: two ingests starting together on a new SQLite file raced to create the schema
    ("table naba_schema already exists")."""
    opener = "import sys\nfrom naba.corpus import Store\nStore.open(sys.argv[1]).close()\nprint('ok')"
    runs = [subprocess.Popen([sys.executable, "-c", opener, db_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=REPO) for _ in range(4)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0 and out.strip() == "ok", err
    with Store.open(db_url) as store:
        assert store.count_reports() == 0


def _open_new_store(path: str, barrier, failures) -> None:
    barrier.wait()  # all at once: the race is in switching the new file to WAL
    try:
        Store.open(path).close()
    except Exception as error:  # noqa: BLE001 - reported to the parent
        failures.put(repr(error))


def test_processes_opening_one_new_sqlite_file_at_the_same_instant_all_succeed(tmp_path):
    """The test above starts its processes one import apart; here forked processes meet at a
    barrier, so they switch the new file to WAL together (a deadlock SQLite answers "locked" at
    once; it failed one fresh-clone run of the two-ingest test)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")  # no re-import: the processes meet at the barrier at once
    failures = context.Queue()
    for trial in range(40):
        path = str(tmp_path / f"new-{trial}.db")
        barrier = context.Barrier(8)
        openers = [context.Process(target=_open_new_store, args=(path, barrier, failures)) for _ in range(8)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(60)
    errors = []
    while not failures.empty():
        errors.append(failures.get())
    assert errors == []
