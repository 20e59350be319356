"""How much of the GDELT-style export an analyst can use: coded actors on the 200 dev articles.

Analyses ``../shared/data/news/saudinewsnet-political-dev.jsonl`` (field ``content``) with the full
pipeline, builds the export rows (``naba.corpus.gdelt.event_rows``: reported events only) and counts
the rows with an Actor1Code, an Actor2Code, a country code and an ActionGeo, with the most frequent
codes. No gold: this measures coverage, not correctness (the GSR eval measures that).

Usage: python bench/eval_gdelt_coverage.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEV_NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-political-dev.jsonl"


def main() -> None:
    if not DEV_NEWS.exists():
        sys.exit(f"dev articles not found: {DEV_NEWS} (the eval reads them from ../shared)")
    from naba.corpus.gdelt import event_rows
    from naba.pipeline import Pipeline
    from naba.record import Document, Meta

    pipeline = Pipeline()
    rows, started = [], time.perf_counter()
    with DEV_NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            article = json.loads(line)
            published = (article.get("date_extracted") or "").replace(" ", "T") or None
            report = pipeline.analyze(Document(text=article["content"], meta=Meta(published=published), id=article["id"]))
            rows.extend(event_rows(report))

    def share(column: str) -> float:
        return round(sum(1 for row in rows if row[column]) / len(rows), 3) if rows else 0.0

    result = {
        "rows": len(rows), "actor1_code": share("Actor1Code"), "actor2_code": share("Actor2Code"),
        "actor1_country": share("Actor1CountryCode"), "action_geo": share("ActionGeo_FullName"),
        "sqldate": share("SQLDATE"),
        "top_actor1_codes": Counter(r["Actor1Code"] for r in rows if r["Actor1Code"]).most_common(12),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
