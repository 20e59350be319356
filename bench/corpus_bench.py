"""Corpus benchmark: ingest reports/s into SQLite and search latency (p50/p95) over >= 10,000 reports.

Run with `make bench` (or `python bench/corpus_bench.py`). The 200 dev articles (../shared; the
team's examples when absent) are analysed once with the full pipeline, then replicated with
perturbations until the corpus is large enough: every copy gets a new id and publication day, some
spelling variants (alef/ya/teh marbuta forms, Arabic-Indic digits) and, in most copies, 15% of its
unannotated words swapped for other corpus words of the same length, so copies are distinct
documents rather than all near-duplicates (offsets stay valid: every substitution keeps its length).
Figures: analysis reports/s (pipeline), storage reports/s (Store.add, batches of 100, MinHash
dedup and full-text indexing included), the end-to-end ingest rate they imply, search latency over
a fixed query mix, stories/timeline/graph times, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from naba.corpus import Store  # noqa: E402
from naba.ingest import read_inputs  # noqa: E402
from naba.pipeline import Pipeline  # noqa: E402
from naba.record import Document, Report  # noqa: E402
from naba.text.tokens import tokenize  # noqa: E402

DEV_NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-political-dev.jsonl"
SPELLING = {"أ": "ا", "إ": "ا", "ي": "ى", "ة": "ه", **{str(d): chr(0x0660 + d) for d in range(10)}}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_documents() -> tuple[list[Document], str]:
    path = DEV_NEWS if DEV_NEWS.exists() else REPO / "examples"
    field = "content" if path == DEV_NEWS else "text"
    return [d for d in read_inputs([str(path)], text_field=field) if isinstance(d, Document)], str(path)


def protected_ranges(report: Report) -> list[tuple[int, int]]:
    """Offsets that annotations point at: substitutions stay out of them."""
    spans = [(m.start, m.end) for e in report.entities for m in e.mentions]
    spans += [(t.start, t.end) for t in report.times]
    spans += [(e.trigger.start, e.trigger.end) for e in report.events]
    for a in report.attributions:
        spans += [(s.start, s.end) for s in (a.cue, a.speaker, a.via) if s is not None]
    return spans


def refresh_span_texts(node, text: str):
    """Re-slice every span's ``text`` from the perturbed report text."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            node["text"] = text[node["start"]:node["end"]]
        for value in node.values():
            refresh_span_texts(value, text)
    elif isinstance(node, list):
        for value in node:
            refresh_span_texts(value, text)


def perturb(report: Report, copy: int, vocabulary: dict[int, list[str]], rng: random.Random) -> Report:
    chars = list(report.text)
    protected = protected_ranges(report)
    swap_share = 0.01 if copy % 10 == 0 else 0.15  # one copy in ten stays a near-duplicate of its original
    for token in tokenize(report.text):
        if not token.is_arabic or any(s < token.end and token.start < e for s, e in protected):
            continue
        if rng.random() < swap_share and vocabulary.get(len(token.text)):
            chars[token.start:token.end] = rng.choice(vocabulary[len(token.text)])
    for i, ch in enumerate(chars):
        if ch in SPELLING and rng.random() < 0.1:
            chars[i] = SPELLING[ch]
    text = "".join(chars)
    data = report.to_dict()
    data["text"] = text
    refresh_span_texts(data, text)
    data["id"] = f"{report.id}-p{copy}"
    day = 1 + (copy * 7 + hash(report.id) % 28) % 28
    data["meta"]["published"] = f"2015-{7 + copy % 2:02d}-{day:02d}T12:00:00"
    if data["meta"].get("title"):
        data["meta"]["title"] = f"{data['meta']['title']} ({copy})"
    return Report.model_validate(data)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def query_mix(words: list[str], names: list[str], texts: list[str], count: int, rng: random.Random) -> list[str]:
    """A fixed mix: single words, entity names, two-word phrases, two-word AND queries."""
    queries = []
    for i in range(count):
        kind = i % 4
        if kind == 0 or not names:
            queries.append(rng.choice(words))
        elif kind == 1:
            queries.append(rng.choice(names))
        elif kind == 2:
            tokens = [t for t in tokenize(rng.choice(texts)) if t.is_arabic]
            j = rng.randrange(max(1, len(tokens) - 1))
            queries.append('"' + " ".join(t.text for t in tokens[j:j + 2]) + '"')
        else:
            queries.append(" ".join(rng.sample(words, 2)))
    return queries


def timed(function, queries: list[str]) -> list[float]:
    for q in queries[:10]:  # warm the caches
        function(q, 0)
    latencies = []
    for i, q in enumerate(queries):
        started = time.perf_counter()
        function(q, i)
        latencies.append(1000 * (time.perf_counter() - started))
    return latencies


def search_only(args, rng: random.Random) -> None:
    """Search timings on a store an earlier run built (--db), queries drawn from its own texts."""
    from sqlalchemy import select

    from naba.corpus import schema as t
    from naba.corpus.facets import FacetIndex, faceted_search

    if not args.db or not Path(args.db).exists():
        sys.exit(f"--search-only needs --db naming a store an earlier run built ({args.db!r} not found)")
    store = Store.open(args.db)
    with store.engine.connect() as conn:
        texts = list(conn.scalars(select(t.reports.c.text).order_by(t.reports.c.pk).limit(200)))
        names = list(conn.scalars(select(t.mentions.c.text).where(t.mentions.c.report_pk <= 200).limit(2000)))
    words = [tok.text for text in texts for tok in tokenize(text) if tok.is_arabic and len(tok.text) >= 4]
    queries = query_mix(words, names, texts, args.queries, rng)
    plain = timed(lambda q, i: store.search(q, limit=20), queries)
    facets = FacetIndex(store)
    facets.refresh()
    boolean = [q if i % 5 else f"{q} OR {rng.choice(words)}" for i, q in enumerate(queries)]
    faceted = timed(lambda q, i: faceted_search(store, facets, q, sort="newest" if i % 3 == 0 else "relevance"), boolean)
    figures = {"reports": store.count_reports(), "search_queries": len(queries),
               "search_p50_ms": round(percentile(plain, 0.5), 2), "search_p95_ms": round(percentile(plain, 0.95), 2),
               "faceted_search_p50_ms": round(percentile(faceted, 0.5), 2),
               "faceted_search_p95_ms": round(percentile(faceted, 0.95), 2)}
    store.close()
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000, help="corpus size (default 10,000)")
    parser.add_argument("--queries", type=int, default=200, help="search queries timed")
    parser.add_argument("--db", default=None, help="SQLite file to build (default: a temporary file)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--search-only", action="store_true",
                        help="time only search and faceted search on the existing --db (built by an earlier run)")
    args = parser.parse_args()
    rng = random.Random(7)
    if args.search_only:
        search_only(args, rng)
        return

    documents, source = load_documents()
    started = time.perf_counter()
    pipeline = Pipeline()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    base = [pipeline.analyze(d) for d in documents]
    analysis_rate = len(base) / (time.perf_counter() - started)
    rss_after_analysis = peak_rss_mb()

    vocabulary: dict[int, list[str]] = defaultdict(list)
    for report in base:
        for token in tokenize(report.text):
            if token.is_arabic and len(token.text) >= 3:
                vocabulary[len(token.text)].append(token.text)
    def corpus():  # generated as stored: 10,000 Reports with their token layers would not fit in memory
        yield from base
        made = len(base)
        for copy in range(1, args.reports // max(1, len(base)) + 2):
            for report in base:
                if made >= args.reports:
                    return
                made += 1
                yield perturb(report, copy, vocabulary, rng)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        store = Store.open(db)
        near = stored = 0
        store_s = 0.0
        batch = []
        for report in corpus():  # only Store.add is timed, not the making of the copies
            batch.append(report)
            if len(batch) == 100:
                started = time.perf_counter()
                result = store.add(batch)
                store_s += time.perf_counter() - started
                near, stored, batch = near + result.near_duplicates, stored + result.stored, []
        if batch:
            started = time.perf_counter()
            result = store.add(batch)
            store_s += time.perf_counter() - started
            near, stored = near + result.near_duplicates, stored + result.stored
        storage_rate = stored / store_s

        words = [t.text for r in base for t in tokenize(r.text) if t.is_arabic and len(t.text) >= 4]
        names = [m.text for r in base for e in r.entities for m in e.mentions[:1]]
        queries = query_mix(words, names, [r.text for r in base], args.queries, rng)
        for q in queries[:10]:  # warm the caches
            store.search(q)
        latencies, hits = [], 0
        for q in queries:
            started = time.perf_counter()
            hits += len(store.search(q, limit=20))
            latencies.append(1000 * (time.perf_counter() - started))

        # the web UI's search: boolean query, total, six facets over every hit, one page of 20 with snippets
        from naba.corpus.facets import FacetIndex, faceted_search

        facets = FacetIndex(store)
        started = time.perf_counter()
        facets.refresh()
        facet_index_s = time.perf_counter() - started
        boolean = [q if i % 5 else f"{q} OR {rng.choice(words)}" for i, q in enumerate(queries)]
        for q in boolean[:10]:
            faceted_search(store, facets, q)
        faceted_latencies, totals = [], 0
        for i, q in enumerate(boolean):
            started = time.perf_counter()
            page = faceted_search(store, facets, q, sort="newest" if i % 3 == 0 else "relevance")
            faceted_latencies.append(1000 * (time.perf_counter() - started))
            totals += page.total

        started = time.perf_counter()
        stories = store.stories()
        stories_s = time.perf_counter() - started
        top = max(base, key=lambda r: len(r.entities), default=None)
        entity_ms = graph_ms = None
        if top and top.entities:
            found = store.find_entities(top.entities[0].name_ar or top.entities[0].mentions[0].text)
            if found:
                started = time.perf_counter()
                store.timeline(found[0].id)
                entity_ms = 1000 * (time.perf_counter() - started)
        started = time.perf_counter()
        graph = store.graph()
        graph_ms = 1000 * (time.perf_counter() - started)
        db_mb = Path(db).stat().st_size / 2**20 if Path(db).exists() else None
        store.close()

    figures = {
        "source": source, "reports": stored, "base_reports": len(base),
        "pipeline_load_s": round(load_s, 2), "analysis_reports_per_s": round(analysis_rate, 1),
        "storage_reports_per_s": round(storage_rate, 1),
        "ingest_reports_per_s": round(1 / (1 / analysis_rate + 1 / storage_rate), 1),
        "near_duplicates": near, "stories": len(stories), "graph_edges": len(graph.edges),
        "search_queries": len(queries), "search_hits_mean": round(hits / len(queries), 1),
        "search_p50_ms": round(percentile(latencies, 0.5), 2), "search_p95_ms": round(percentile(latencies, 0.95), 2),
        "faceted_search_p50_ms": round(percentile(faceted_latencies, 0.5), 2),
        "faceted_search_p95_ms": round(percentile(faceted_latencies, 0.95), 2),
        "faceted_search_total_mean": round(totals / len(boolean), 1), "facet_index_load_s": round(facet_index_s, 2),
        "stories_rebuild_s": round(stories_s, 2), "largest_story": max((s.size for s in stories), default=0), "timeline_ms": entity_ms and round(entity_ms, 1),
        "graph_ms": round(graph_ms, 1), "db_mb": db_mb and round(db_mb, 1),
        "peak_rss_mb_after_analysis": round(rss_after_analysis, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if args.json:
        print(json.dumps(figures))
        return
    width = max(map(len, figures))
    print("corpus benchmark (SQLite)")
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")


if __name__ == "__main__":
    main()
