"""Score the events layer against hand-written gold (``bench/data/events_gold.jsonl``).

Gold rows hold only ids, offsets and labels; the texts are read from ../shared (the sample's body
from the line starting ``أعلن مسؤولون``; a dev article's ``content``). Gold is grouped by event:
each event has type, mode, status, actor and target names and the offsets of every trigger mention.

Metrics
- trigger P/R/F1: gold mentions vs every evidence span of every system event, one-to-one, by overlap;
- type accuracy: over matched gold mentions, the system event's PLOVER type equals gold's;
- status accuracy: over gold events with a matched mention, the status of the system event that
  covers most of its mentions (the gold predates the ``referenced`` status of a mere mention: it
  counts as agreeing with a gold ``happened``/``ongoing``; how many were is reported apart);
- actor / target accuracy: over those events where gold names one, the system's entity matches.

Matching rule for actor/target: gold gives ``|``-separated names (English or Arabic). A system
entity id matches when one gold name, normalised (``naba.text.normalise``, article ``ال`` dropped,
English lower-cased), equals or is contained word-wise in the entity's name_en, name_ar or one of
its mention texts, or contains one of them. A missing system actor never matches. For CONSULT
events (meetings, calls, visits) the two sides may come in either order.

Splits: ``dev`` (the sample and 10 articles read while the lexicon was written), ``held-out``
(10 articles read for gold only; the lexicon took no word from them), ``held-out-2`` (10 more,
annotated after the last lexicon change). The held-out figures are the honest ones.

Usage: python bench/eval_events.py [--split dev|held-out|held-out-2] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "kazakhstan-abraham-accords.txt"
DEV_NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
GOLD = REPO / "bench" / "data" / "events_gold.jsonl"
SAMPLE_BODY_START = "أعلن مسؤولون"


def load_texts() -> dict[str, tuple[str, str | None]]:
    """id -> (text, published) for the sample and the dev articles."""
    for path in (SAMPLE, DEV_NEWS):
        if not path.exists():
            sys.exit(f"shared data not found: {path} (the eval reads texts from ../shared)")
    raw = SAMPLE.read_text(encoding="utf-8")
    texts = {"sample": (raw[raw.index(SAMPLE_BODY_START):], "2025-11-07T01:34:00")}
    with DEV_NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = (row["content"], row.get("date_extracted", "").replace(" ", "T") or None)
    return texts


def _norm_name(name: str) -> str:
    from naba.text.normalise import normalise_text

    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalise_text(name).split()]
    return " ".join(words)


def entity_matches(entity, gold_names: str | None) -> bool:
    if entity is None or not gold_names:
        return False
    names = {_norm_name(n) for n in (entity.name_en, entity.name_ar) if n}
    names |= {_norm_name(m.text) for m in entity.mentions}
    for alias in (_norm_name(a) for a in gold_names.split("|") if a.strip()):
        for name in names:
            if alias == name or f" {alias} " in f" {name} " or (len(name) >= 3 and f" {name} " in f" {alias} "):
                return True
    return False


def overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(report, gold_events, counts, verbose=False, doc_id=""):
    entities = {e.id: e for e in report.entities}
    system = [(tuple((s.start, s.end)), i) for i, ev in enumerate(report.events) for s in ev.evidence]
    used = set()
    counts["system_mentions"] += len(system)
    for gold in gold_events:
        covering = defaultdict(int)
        for span in gold["mentions"]:
            counts["gold_mentions"] += 1
            hit = next((k for k, (s, _) in enumerate(system) if k not in used and overlap(s, span)), None)
            if hit is None:
                if verbose:
                    print(f"  miss {doc_id} {gold['type']} {report.text[span[0]:span[1]]} @{span[0]}")
                continue
            used.add(hit)
            counts["matched"] += 1
            event = report.events[system[hit][1]]
            covering[system[hit][1]] += 1
            counts["type_ok"] += event.type == gold["type"]
            if verbose and event.type != gold["type"]:
                print(f"  type {doc_id} {report.text[span[0]:span[1]]}: {event.type} != {gold['type']}")
        if not covering:
            continue
        event = report.events[max(covering, key=covering.get)]
        counts["events_matched"] += 1
        # the gold predates the `referenced` status: a mention names an event whose status its clause
        # does not report, so it agrees with a gold happened/ongoing (counted apart as well)
        counts["status_ok"] += event.status == gold["status"] or (
            event.status == "referenced" and gold["status"] in ("happened", "ongoing"))
        counts["referenced"] += event.status == "referenced"
        if verbose and event.status != gold["status"]:
            print(f"  status {doc_id} {event.trigger.text}: {event.status} != {gold['status']}")
        swapped = gold["type"] == "CONSULT" and entity_matches(entities.get(event.actor), gold.get("target")) \
            and entity_matches(entities.get(event.target), gold.get("actor"))
        for role in ("actor", "target"):
            if gold.get(role) and swapped:  # meetings are symmetric: either order of the two sides
                counts[f"{role}_total"] += 1
                counts[f"{role}_ok"] += 1
            elif gold.get(role):
                counts[f"{role}_total"] += 1
                ok = entity_matches(entities.get(getattr(event, role)), gold[role])
                counts[f"{role}_ok"] += ok
                if verbose and not ok:
                    found = entities.get(getattr(event, role))
                    print(f"  {role} {doc_id} {event.trigger.text}: {found.name_en or found.name_ar if found else None}"
                          f" != {gold[role]}")
    if verbose:
        for k, (s, i) in enumerate(system):
            if k not in used:
                print(f"  false {doc_id} {report.events[i].type} {report.text[s[0]:s[1]]} @{s[0]}")


def summarise(counts) -> dict:
    def ratio(a, b):
        return round(a / b, 3) if b else None

    p = ratio(counts["matched"], counts["system_mentions"])
    r = ratio(counts["matched"], counts["gold_mentions"])
    f1 = round(2 * p * r / (p + r), 3) if p and r else 0.0
    return {
        "trigger_precision": p, "trigger_recall": r, "trigger_f1": f1,
        "type_accuracy": ratio(counts["type_ok"], counts["matched"]),
        "status_accuracy": ratio(counts["status_ok"], counts["events_matched"]),
        "actor_accuracy": ratio(counts["actor_ok"], counts["actor_total"]),
        "target_accuracy": ratio(counts["target_ok"], counts["target_total"]),
        "gold_mentions": counts["gold_mentions"], "system_mentions": counts["system_mentions"],
        "gold_events_matched": counts["events_matched"], "matched_as_referenced": counts["referenced"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "held-out-2"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    from naba.pipeline import Pipeline
    from naba.record import Document, Meta

    texts = load_texts()
    gold_rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline()
    by_split = defaultdict(lambda: defaultdict(int))
    started = time.perf_counter()
    for row in gold_rows:
        if args.split and row["split"] != args.split:
            continue
        text, published = texts[row["id"]]
        report = pipeline.analyze(Document(text=text, meta=Meta(published=published), id=row["id"]))
        for split in ("all", row["split"]):
            score(report, row["events"], by_split[split], args.verbose and split == "all", row["id"])
    elapsed = time.perf_counter() - started
    result = {split: summarise(counts) for split, counts in by_split.items()}
    result["documents"] = sum(1 for r in gold_rows if not args.split or r["split"] == args.split)
    result["seconds"] = round(elapsed, 2)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
