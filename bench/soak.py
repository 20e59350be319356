"""`make soak`: reliability under load, faults and hostile input, measured (bounded counts, loopback only).

  a. batch: N files (default 10,000) made from the dev articles as txt, html, jsonl, rss and warc, 1% of
     them corrupt; every good report stored, every bad input named with its reason; reports/s, peak RSS.
  b. kill -9 at 5 random points, then a rerun: nothing lost, nothing duplicated, no half-written report,
     in SQLite and PostgreSQL (a throwaway cluster, as the tests start one).
  c. two ingests of one folder into one store; `naba serve` under load (2,000 requests, 20 at a time)
     while an ingest writes: 5xx count, "database is locked" count, p50/p95/p99.
  d. hostile input: XML bombs and external entities in feeds, gzip bombs in WARC; the fuzz tests with
     many examples; schemathesis over the OpenAPI.
  e. web security: the XSS, header, cross-site post and query-syntax checks, and the same against the
     live server.

Every figure is printed. ``--quick`` runs the same checks with small counts and the text layer only.
Files are written under a temporary folder that is removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import html
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the throwaway PostgreSQL cluster and hostile feeds the tests use
DEV = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-political-dev.jsonl"
NABA = [sys.executable, "-m", "naba"]
FAILURES: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def check(ok: bool, what: str) -> bool:
    say(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        FAILURES.append(what)
    return ok


# ---- running naba and watching its memory ----------------------------------------------------

class Watched:
    """A child process with its peak resident memory sampled every 50 ms (the process and its children)."""

    def __init__(self, args: list[str], **kwargs):
        self.started = time.monotonic()
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                                        errors="replace", **kwargs)
        self.peak = 0
        self._done = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        try:
            proc = psutil.Process(self.process.pid)
            while not self._done:
                rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                self.peak = max(self.peak, rss)
                time.sleep(0.05)
        except psutil.Error:
            pass

    def finish(self, timeout: float = 3600) -> tuple[int, str, str, float]:
        out, err = self.process.communicate(timeout=timeout)
        self._done = True
        return self.process.returncode, out, err, time.monotonic() - self.started

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate()
        self._done = True


def ingest_args(paths, db: str, layers: str | None, batch: int = 50) -> list[str]:
    args = [*NABA, "ingest", *map(str, paths), "--db", db, "--batch-size", str(batch)]
    return args + (["--layers", layers] if layers else [])


def summary(err: str) -> dict[str, int]:
    """The counts of the ingest's last line: stored N, skipped as duplicate N, failed N."""
    import re

    found = re.findall(r"stored (\d+), skipped as duplicate (\d+), failed (\d+)", err)
    stored, duplicates, failed = map(int, found[-1]) if found else (-1, -1, -1)
    return {"stored": stored, "duplicates": duplicates, "failed": failed}


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:.0f} MB"


# ---- making the inputs ------------------------------------------------------------------------

def load_articles() -> list[dict]:
    if not DEV.exists():
        sys.exit(f"soak: the dev articles are needed and were not found: {DEV}")
    with DEV.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def marked(article: dict, tag: str) -> tuple[str, str]:
    """Title and text of an article made unique by a tag in its first line (so each input is a new report)."""
    paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
    paragraphs[0] = f"نشرة المتابعة {tag}: {paragraphs[0]}"
    return f"{article.get('title') or 'تقرير'} {tag}", "\n".join(paragraphs)


def html_page(title: str, text: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n"))
    return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


def warc_record(page: str, uri: str) -> bytes:
    payload = page.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2015-08-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def rss_feed(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(f"<item><title>{escape(t)}</title><guid>{escape(g)}</guid><pubDate>Sat, 01 Aug 2015 10:00:00 +0300</pubDate>"
                      f"<description>{escape(''.join(f'<p>{html.escape(p)}</p>' for p in x.split(chr(10))))}</description></item>"
                      for t, x, g in items)
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>soak</title>{entries}</channel></rss>"


def write_good(folder: Path, i: int, articles: list[dict]) -> int:
    """File number ``i`` in one of five formats; returns how many reports it holds."""
    kind = i % 5
    pick = lambda j: articles[(i * 3 + j) % len(articles)]  # noqa: E731
    if kind == 0:
        title, text = marked(pick(0), f"{i}")
        (folder / f"f{i:05d}.txt").write_text(text, encoding="utf-8")
        return 1
    if kind == 1:
        title, text = marked(pick(0), f"{i}")
        (folder / f"f{i:05d}.html").write_text(html_page(title, text), encoding="utf-8")
        return 1
    if kind == 2:
        lines = []
        for j in range(1):
            article = pick(j)
            title, text = marked(article, f"{i}-{j}")
            lines.append(json.dumps({"id": f"soak-{i}-{j}", "title": title, "text": text, "author": article.get("author"),
                                     "url": article.get("url"), "published": article.get("date_extracted")}, ensure_ascii=False))
        (folder / f"f{i:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 1
    if kind == 3:
        items = [(*marked(pick(j), f"{i}-{j}"), f"urn:soak:{i}:{j}") for j in range(1)]
        (folder / f"f{i:05d}.rss").write_text(rss_feed(items), encoding="utf-8")
        return 1
    records = b"".join(warc_record(html_page(*marked(pick(j), f"{i}-{j}")), f"http://soak.example/{i}/{j}") for j in range(1))
    (folder / f"f{i:05d}.warc").write_bytes(records)
    return 1


def write_bad(folder: Path, i: int, articles: list[dict], big_done: list[bool]) -> tuple[list[str], int]:
    """Corrupt input number ``i``: the paths that must be named as bad, and the reports it still holds."""
    title, text = marked(articles[i % len(articles)], f"bad{i}")
    kind = i % 11
    name = folder / f"bad{i:05d}"
    if kind == 0:
        path = name.with_suffix(".txt")
        path.write_bytes(b"")
    elif kind == 1:
        path = name.with_suffix(".txt")
        path.write_bytes(random.Random(i).randbytes(5000) + b"\x00\x00")
    elif kind == 2:
        path = name.with_suffix(".txt")
        path.write_bytes(text.encode("utf-8")[:300] + b"\xff\xfe\xc3\x28" + text.encode("utf-8")[300:])
    elif kind == 3:
        path = name.with_suffix(".html")
        path.write_text(html_page(title, text)[:120], encoding="utf-8")  # cut inside the head: no article left
    elif kind == 4:
        path = name.with_suffix(".warc")
        record = warc_record(html_page(title, text), f"http://soak.example/bad/{i}")
        path.write_bytes(record[:150])  # cut inside the WARC header
    elif kind == 5 and not big_done[0]:
        big_done[0] = True
        path = name.with_suffix(".txt")
        with path.open("wb") as handle:  # 50 MB of real Arabic text
            chunk = (text + "\n").encode("utf-8")
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(chunk)
    elif kind in (5, 6):  # deeply nested HTML: 20,000 open divs, no article text deep inside
        path = name.with_suffix(".html")
        path.write_text("<html><body>" + "<div>" * 20000 + "x" + "</div>" * 20000 + "</body></html>", encoding="utf-8")
    elif kind == 7:  # bidi and zero-width controls only: nothing to read
        path = name.with_suffix(".txt")
        path.write_text("\u202e\u200b\u2066\u200f\u200d\ufeff" * 20000, encoding="utf-8")
    elif kind == 8:  # JSON lines with wrong types: four bad lines named, one good line stored
        path = name.with_suffix(".jsonl")
        lines = [{"id": f"bad-{i}-a", "text": 42}, {"id": f"bad-{i}-b", "text": None}, [1, 2, 3], "just a string",
                 {"id": f"bad-{i}-ok", "text": text, "title": ["not", "a", "title"], "published": {"day": 1}, "language": 7}]
        path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
        return [f"{path}:{n}" for n in (1, 2, 3, 4)], 1
    elif kind == 9:  # unreadable: mode 000 (root reads it anyway), and a named pipe
        path = name.with_suffix(".txt")
        if os.geteuid() == 0:
            os.mkfifo(path)  # root reads any file, so the unreadable input is a pipe
        else:
            path.write_text(text, encoding="utf-8")
            path.chmod(0)
    else:  # a symbolic link loop
        a, b = name.with_name(name.name + "a.txt"), name.with_name(name.name + "b.txt")
        a.symlink_to(b)
        b.symlink_to(a)
        return [str(a), str(b)], 0
    return [str(path)], 0


def make_batch(folder: Path, files: int, articles: list[dict]) -> tuple[int, list[str], int]:
    """``files`` inputs, 1% corrupt; returns (good reports expected, bad inputs to be named, bad files)."""
    folder.mkdir(parents=True, exist_ok=True)
    bad_every = 100
    good_reports, bad, bad_files, big_done = 0, [], 0, [False]
    for i in range(files):
        if i % bad_every == bad_every - 1:
            named, still_good = write_bad(folder, i // bad_every, articles, big_done)
            bad += named
            good_reports += still_good
            bad_files += 1
        else:
            good_reports += write_good(folder, i, articles)
    return good_reports, bad, bad_files


# ---- a. batch with corruption -----------------------------------------------------------------

def soak_batch(work: Path, args, articles) -> None:
    say(f"\n== a. batch: {args.files} files (txt, html, jsonl, rss, warc), 1% corrupt; layers: {args.layers or 'all'}")
    folder = work / "batch"
    good, bad, bad_files = make_batch(folder, args.files, articles)
    say(f"  made {args.files} files ({bad_files} corrupt) holding {good} good reports and {len(bad)} bad inputs")
    db = str(work / "batch.db")
    run = Watched(ingest_args([folder], db, args.layers))
    rc, _, err, wall = run.finish()
    counts = summary(err)
    named = {line[len("naba: "):].split(": ", 1)[0] for line in err.splitlines() if line.startswith("naba: ")}
    missing = [b for b in bad if b not in named]
    say(f"  ingest: {wall:.1f} s, {counts['stored'] / wall:.1f} reports/s, peak RSS {mb(run.peak)}, exit {rc}")
    say(f"  stored {counts['stored']}, duplicates {counts['duplicates']}, failed {counts['failed']}")
    check(counts["stored"] == good, f"every good report stored ({counts['stored']} of {good})")
    check(not missing, f"every bad input named with its reason ({len(bad) - len(missing)} of {len(bad)})"
          + (f"; not named: {missing[:5]}" if missing else ""))
    check("Traceback" not in err, "no traceback")
    check(run.peak < 1.5 * 1024 ** 3, f"memory bounded: peak RSS {mb(run.peak)} < 1.5 GB (a 50 MB file among the inputs)")
    reasons: dict[str, int] = {}
    for line in err.splitlines():
        if line.startswith("naba: ") and ": " in line[6:]:
            reason = line[6:].split(": ", 1)[1].split(" (")[0]
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, n in sorted(reasons.items(), key=lambda x: -x[1]):
        say(f"    {n:5d} x {reason}")
    from naba.corpus import Store

    with Store.open(db) as store:
        check(store.count_reports() == good, f"the store holds {store.count_reports()} reports")


# ---- b. kill -9 and resume --------------------------------------------------------------------

def half_written(url: str) -> list[str]:
    """Reports whose child rows or search entry are missing or doubled, or whose JSON does not load."""
    from sqlalchemy import text as sql

    from naba.corpus import Store
    from naba.record import Report

    problems = []
    with Store.open(url) as store, store.engine.connect() as conn:
        search = "search_fts" if store.dialect == "sqlite" else "search_docs"
        key = "rowid" if store.dialect == "sqlite" else "report_pk"
        rows = conn.execute(sql(
            "SELECT r.id, r.report_json, r.n_times, r.n_attributions, r.n_events, "
            "(SELECT count(*) FROM times x WHERE x.report_pk = r.pk), (SELECT count(*) FROM attributions x WHERE x.report_pk = r.pk), "
            f"(SELECT count(*) FROM events x WHERE x.report_pk = r.pk), (SELECT count(*) FROM {search} s WHERE s.{key} = r.pk) "
            "FROM reports r")).all()
        for rid, data, nt, na, ne, ct, ca, ce, cs in rows:
            report = Report.from_json(data)
            if report.id != rid or (nt, na, ne, 1) != (ct, ca, ce, cs) or len(report.times) != nt:
                problems.append(rid)
    return problems


def soak_kills(work: Path, args, articles, url: str, label: str) -> None:
    from naba.corpus import Store

    say(f"\n== b. kill -9 at 5 random points, then resume ({label}, {args.kill_files} files, layers: {args.kill_layers})")
    folder = work / f"kill-{label}"
    folder.mkdir()
    good = sum(write_good(folder, i, articles) for i in range(args.kill_files))
    rng = random.Random(17)
    watcher = Store.open(url)
    for k in range(5):
        run = Watched(ingest_args([folder], url, args.kill_layers, batch=10))
        target = watcher.count_reports() + rng.randint(5, max(6, good // 8))
        deadline = time.monotonic() + rng.uniform(3, 30)
        while watcher.count_reports() < target and run.process.poll() is None and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.01, 0.2))
        run.kill()
        say(f"  kill {k + 1}: {watcher.count_reports()} reports stored when killed")
    watcher.close()
    run = Watched(ingest_args([folder], url, args.kill_layers, batch=10))
    rc, _, err, wall = run.finish()
    counts = summary(err)
    say(f"  rerun: exit {rc}, {counts}, {wall:.1f} s")
    from naba.ingest import IngestError, read_inputs
    from naba.record import text_id

    expected = {d.id or text_id(d.text) for d in read_inputs([str(folder)]) if not isinstance(d, IngestError)}
    with Store.open(url) as store:
        stored = [s.id for s in store.list_reports(limit=10 ** 6)]
    check(len(stored) == len(set(stored)), f"nothing duplicated ({len(stored)} rows, {len(set(stored))} ids)")
    check(set(stored) == expected, f"nothing lost ({len(set(stored) & expected)} of {len(expected)} reports; {good} made)")
    broken = half_written(url)
    check(not broken, f"no half-written report (child rows and search entry of all {len(stored)} checked)"
          + (f": {broken[:5]}" if broken else ""))
    check(rc == 0 and "Traceback" not in err, "the rerun finished cleanly")


# ---- c. concurrency: two ingests, serve under load while an ingest writes ----------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def soak_two_ingests(work: Path, args, articles) -> Path:
    say(f"\n== c. two ingests of one folder into one SQLite store at once ({args.kill_files} files)")
    folder = work / "twice"
    folder.mkdir()
    good = sum(write_good(folder, i, articles) for i in range(args.kill_files))
    db = work / "serve.db"
    runs = [Watched(ingest_args([folder], str(db), "text", batch=10)) for _ in range(2)]
    results = [run.finish() for run in runs]
    counts = [summary(err) for _, _, err, _ in results]
    for n, ((rc, _, err, wall), c) in enumerate(zip(results, counts), 1):
        say(f"  ingest {n}: exit {rc}, {c}, {wall:.1f} s")
    errs = "".join(err for _, _, err, _ in results)
    check(all(rc == 0 for rc, *_ in results), "both finished with exit 0")
    check(sum(c["stored"] for c in counts) == good, f"each report stored once ({sum(c['stored'] for c in counts)} of {good})")
    check("Traceback" not in errs and "IntegrityError" not in errs and "locked" not in errs,
          "no traceback, no IntegrityError, no 'database is locked'")
    return db


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


async def load(base: str, paths: list[str], concurrency: int) -> tuple[list[float], dict[int, int], list[str]]:
    import httpx

    latencies, statuses, errors, retried = [], {}, [], []
    queue = list(paths)

    async def worker(client):
        while queue:
            path = queue.pop()
            started = time.perf_counter()
            for attempt in (1, 2):  # a GET on a keep-alive connection the server just closed is retried, as browsers do
                try:
                    answer = await client.get(path)
                    statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
                    if answer.status_code >= 500:
                        errors.append(f"{answer.status_code} {path}")
                    break
                except httpx.HTTPError as error:
                    if attempt == 2:
                        statuses[0] = statuses.get(0, 0) + 1
                        errors.append(f"{type(error).__name__} {path}")
                    else:
                        retried.append(f"{type(error).__name__} {path}")
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency, keepalive_expiry=2.0)  # below uvicorn's 5 s keep-alive
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    if retried:
        say(f"  {len(retried)} requests retried once after a dropped keep-alive connection (first: {retried[:2]})")
    return latencies, statuses, errors


def request_mix(ids: list[str], entities: list[str], n: int) -> list[str]:
    from urllib.parse import quote

    rng = random.Random(5)
    words = ["السعودية", "الرياض", "اليمن", "مجلس التعاون", '"الأمم المتحدة"', "إيران OR العراق", "وزير -الخارجية", "ولي العهد"]
    makers = [
        lambda: "/", lambda: "/api/reports?limit=20&offset=%d" % rng.randint(0, 200),
        lambda: "/api/search?q=" + quote(rng.choice(words)), lambda: "/search?q=" + quote(rng.choice(words)),
        lambda: "/reports/" + quote(rng.choice(ids), safe=""), lambda: "/api/reports/" + quote(rng.choice(ids), safe=""),
        lambda: "/entities/" + quote(rng.choice(entities), safe=""), lambda: "/api/stories?limit=20",
        lambda: "/api/graph", lambda: "/api/search?q=" + quote(rng.choice(['"', "NEAR(", "*", "(", "a OR"])),
    ]
    return [rng.choice(makers)() for _ in range(n)]


def soak_serve(work: Path, args, articles, db: Path) -> None:
    from naba.corpus import Store

    say(f"\n== c. naba serve under load ({args.requests} requests, {args.concurrency} at a time) while an ingest writes")
    with Store.open(str(db)) as store:
        ids = [s.id for s in store.list_reports(limit=500)]
        entities = [e.id for e in store.find_entities("ال", limit=50)] or ["none"]
    folder = work / "during-serve"
    folder.mkdir()
    good = sum(write_good(folder, i, articles) for i in range(10_000, 10_000 + args.kill_files))
    port = free_port()
    server = Watched([*NABA, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            httpx.get(base + "/api/reports?limit=1", timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    writer = Watched(ingest_args([folder], str(db), "text", batch=10))
    started = time.monotonic()
    latencies, statuses, errors = asyncio.run(load(base, request_mix(ids, entities, args.requests), args.concurrency))
    wall = time.monotonic() - started
    writing = writer.process.poll() is None
    rc, _, werr, _ = writer.finish()
    sec = live_security(base)
    server.process.send_signal(signal.SIGINT)
    try:
        _, _, serr, _ = server.finish(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        serr = ""
    server_5xx = sum(n for code, n in statuses.items() if code >= 500 or code == 0)
    ms = [x * 1000 for x in latencies]
    say(f"  {len(latencies)} requests in {wall:.1f} s ({len(latencies) / wall:.0f}/s); statuses {dict(sorted(statuses.items()))}")
    say(f"  latency p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, p99 {percentile(ms, 99):.1f} ms, "
        f"max {max(ms):.0f} ms; server peak RSS {mb(server.peak)}")
    say(f"  the ingest {'was still writing when the load ended' if writing else 'finished during the load'}: "
        f"exit {rc}, {summary(werr)}")
    check(server_5xx == 0, f"zero 5xx or dropped requests ({server_5xx}; first: {errors[:3]})")
    locked = (serr + werr).count("database is locked")
    check(locked == 0, f"no 'database is locked' in the server's or the ingest's output ({locked})")
    check("Traceback" not in serr and "Traceback" not in werr, "no traceback in the server's or the ingest's output")
    check(summary(werr)["stored"] + summary(werr)["duplicates"] == good and rc == 0, "the concurrent ingest stored all its reports")
    for line in sec:
        say(line)


def live_security(base: str) -> list[str]:
    """The web-security checks against the running server: headers, cross-site posts, query syntax."""
    import httpx

    lines = []
    with httpx.Client(base_url=base, timeout=30) as client:
        headers = client.get("/").headers
        present = [h for h in ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy") if h in headers]
        lines.append(f"  live server headers: {', '.join(present)}")
        if len(present) < 4:
            FAILURES.append("security headers missing on the live server")
        refused = sum(client.post(path, data={"text": "نص"}, headers=h).status_code == 403
                      for path in ("/analyze", "/api/analyze", "/api/reports")
                      for h in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}))
        lines.append(f"  cross-site posts refused: {refused} of 6")
        if refused != 6:
            FAILURES.append("a cross-site post was not refused")
        queries = ['"', '"open', "NEAR(a b)", "NEAR(", "*", "ال*", "(", ")", "a OR", "NOT", "^", "title:x",
                   '"' + "والسلام " * 60 + '"', "ا" * 10_000, "ايران " * 2000]
        codes = [client.get(path, params={"q": q}).status_code for q in queries for path in ("/api/search", "/search")]
        lines.append(f"  query syntax: {len(codes)} requests, statuses {sorted(set(codes))}, 5xx {sum(c >= 500 for c in codes)}")
        if any(c >= 500 for c in codes):
            FAILURES.append("a query gave a 5xx")
    return lines


# ---- d. hostile input ---------------------------------------------------------------------------

def soak_hostile(work: Path) -> None:
    from hostile_feeds import hostile_feeds

    say("\n== d. hostile input: XML bombs, external entities, gzip bombs (each ingested alone)")
    folder = work / "hostile"
    folder.mkdir()
    secret = work / "secret.txt"
    secret.write_text("SOAK-SECRET-MARKER", encoding="utf-8")
    feeds = hostile_feeds(secret)
    for name, data in feeds.items():
        (folder / name).write_text(data, encoding="utf-8")
    zeros = b"\x00" * (1024 * 1024)
    # a WARC whose one record inflates to 1 GB of zeros, and one whose HTTP body is a gzip bomb
    with gzip.open(folder / "bomb-record.warc.gz", "wb", compresslevel=9) as handle:
        http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        size = len(http_head) + 1024 ** 3
        handle.write(("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
                      "WARC-Record-ID: <urn:uuid:00000000000000000000000000000001>\r\n"
                      f"Content-Type: application/http; msgtype=response\r\nContent-Length: {size}\r\n\r\n").encode() + http_head)
        for _ in range(1024):
            handle.write(zeros)
        handle.write(b"\r\n\r\n")
    bomb = gzip.compress(b"<html><body><p>" + b" " * (512 * 1024 ** 2) + b"</p></body></html>", compresslevel=9)
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            + f"Content-Length: {len(bomb)}\r\n\r\n".encode() + bomb)
    (folder / "bomb-body.warc").write_bytes(
        ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/body\r\n"
         "WARC-Record-ID: <urn:uuid:00000000000000000000000000000002>\r\n"
         f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n")
    from naba.corpus import Store

    for path in sorted(folder.iterdir()):
        db = str(work / f"hostile-{path.name}.db")
        run = Watched(ingest_args([path], db, "text"))
        rc, _, err, wall = run.finish(timeout=600)
        with Store.open(db) as store:
            texts = " ".join(r.text + (r.meta.title or "") for r in store.iter_reports())
        last = [line for line in err.splitlines() if line.startswith("naba: ")][:1]
        say(f"  {path.name} ({mb(path.stat().st_size)} on disk): {wall:.1f} s, peak RSS {mb(run.peak)}, exit {rc}; "
            f"{last[0] if last else summary(err)}")
        check("Traceback" not in err, f"{path.name}: no traceback")
        check("SOAK-SECRET-MARKER" not in texts + err, f"{path.name}: no local file read")
        check(texts.count("lol") < 100 and texts.count("x" * 1000) == 0, f"{path.name}: no entity expansion")
        check(run.peak < 1024 ** 3, f"{path.name}: memory bounded ({mb(run.peak)} < 1 GB)")


def soak_fuzz(args) -> None:
    say(f"\n== d/e. fuzzing, schemathesis and the web-security tests (HYPOTHESIS_PROFILE={args.fuzz_profile})")
    env = dict(os.environ, HYPOTHESIS_PROFILE=args.fuzz_profile, NABA_SOAK_SCHEMATHESIS_EXAMPLES=str(args.api_examples))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/test_fuzz.py",
                           "tests/test_security.py", str(Path(__file__).with_name("soak_openapi.py"))],
                          cwd=REPO, env=env, capture_output=True, text=True)
    tail = [line for line in done.stdout.splitlines() if line.strip()][-1:]
    say(f"  pytest: {tail[0] if tail else done.stderr[-300:]} ({time.monotonic() - started:.0f} s)")
    for line in done.stdout.splitlines():
        if "schemathesis:" in line:
            say(f"  {line[line.index('schemathesis:'):]} over every operation of the OpenAPI, none a 5xx or off-schema")
    check(done.returncode == 0, "fuzz tests, schemathesis and web-security tests pass: zero crashes, zero tracebacks, escaped everywhere")
    if done.returncode:
        say(done.stdout[-3000:])


# ---- main -------------------------------------------------------------------------------------

def postgres_url():
    from postgres_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        say("  PostgreSQL is not installed (initdb not found): `make system-deps` installs it; skipped")
        return None, None
    cluster = Cluster(bindir)
    url = cluster.start()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE naba_soak")
    return cluster, url.rsplit("/", 1)[0] + "/naba_soak"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts and the text layer: minutes, not a quarter hour")
    parser.add_argument("--files", type=int, help="files in the corrupt batch (default 10,000; quick 1,000)")
    parser.add_argument("--layers", help="layers for the batch (default all; quick: text)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--only", help="comma-separated parts to run: batch,kill,concurrency,hostile,fuzz")
    args = parser.parse_args()
    args.files = args.files or (1000 if args.quick else 10_000)
    args.layers = args.layers or ("text" if args.quick else None)
    args.kill_files = 100 if args.quick else 400
    args.kill_layers = "text"
    args.requests, args.concurrency = (400, 20) if args.quick else (2000, 20)
    args.fuzz_profile = "ci" if args.quick else "soak"
    args.api_examples = 10 if args.quick else 60
    parts = set((args.only or "batch,kill,concurrency,hostile,fuzz").split(","))
    articles = load_articles()
    work = Path(tempfile.mkdtemp(prefix="naba-soak-"))
    say(f"naba soak ({'quick' if args.quick else 'full'}): work folder {work}; {os.cpu_count()} CPUs")
    started = time.monotonic()
    try:
        if "batch" in parts:
            soak_batch(work, args, articles)
        if "kill" in parts:
            soak_kills(work, args, articles, str(work / "kill.db"), "sqlite")
            cluster, url = postgres_url()
            if url:
                try:
                    soak_kills(work, args, articles, url, "postgresql")
                finally:
                    cluster.stop()
        if "concurrency" in parts:
            db = soak_two_ingests(work, args, articles)
            soak_serve(work, args, articles, db)
        if "hostile" in parts:
            soak_hostile(work)
        if "fuzz" in parts:
            soak_fuzz(args)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            for path in work.rglob("*"):  # a mode-000 file cannot be removed by rmtree's walk otherwise
                if path.is_file() and not path.is_symlink():
                    path.chmod(0o600)
            shutil.rmtree(work, ignore_errors=True)
    say(f"\nsoak finished in {time.monotonic() - started:.0f} s: "
        + ("all checks passed" if not FAILURES else f"{len(FAILURES)} checks FAILED: {FAILURES}"))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
