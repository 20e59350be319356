"""Score the events layer against coders from outside the team: the Arabic event GSR, dev part.

Data: ``../shared/data/events/gsr-dev/`` (openeventdata/arabic_event_gsr, MIT; the sentences keep
their publishers' copyright and are never committed). Each sentence of ``protest_gsr.csv`` /
``assault_gsr.csv`` carries a label from several coders: ``yes`` (all accept a PLOVER PROTEST /
ASSAULT event), ``easy no`` / ``difficult no`` (rejected), ``ambiguous`` (too few labels: skipped).
``*_spans.json`` gives, for coded sentences, the gold verb, source-actor and target-actor words.

Metrics, per type (PROTEST, ASSAULT), each sentence analysed alone by the full pipeline:
- detection P/R/F1: the sentence is "detected" when the system codes an event of the type that
  took place or is taking place (status ``happened``, ``announced`` or ``ongoing``; a mention, a
  plan, an expectation, a hypothesis or a denial is no event of the type);
- trigger recall: over span rows with a gold verb (label not a no), a reported event of the type
  whose trigger or evidence covers one of the gold verb words;
- actor / target recovery: over span rows with gold source (target) words, a reported event of the
  type whose ``actor_span`` (``target_span``) contains one of those words. For a store made before
  the spans existed, the mention text of the actor (target) entity in the sentence stands in.

Word matching is on normalised words (``naba.text.normalise``) with the clitics و ف ب ل ال stripped.
This is the dev split (30%): the other 70% is kept apart and must never be looked for.

Usage: python bench/eval_events_gsr.py [--verbose] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GSR = REPO.parent / "shared" / "data" / "events" / "gsr-dev"
TYPES = ("PROTEST", "ASSAULT")
# a coded event is one that took place or is taking place (PLOVER codes no intentions as the act itself)
REPORTED = {"happened", "announced", "ongoing"}
NO_LABELS = {"easy no", "difficult no"}
# gold words that name no participant by themselves
FUNCTION_WORDS = {"في", "من", "على", "الى", "عن", "مع", "ضد", "و", "ال", "قبل", "بعد"}


def bare(word: str) -> str:
    from naba.text.normalise import normalise_text

    word = normalise_text(word).strip(".,،:؛\"'«»()[]-")
    for prefix in ("وال", "فال", "بال", "لل", "كال", "ال", "و", "ف", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def words_of(text: str) -> set[str]:
    return {bare(w) for w in text.split()} - {""}


def load(kind: str):
    path_csv, path_spans = GSR / f"{kind}_gsr.csv", GSR / f"{kind}_spans.json"
    for path in (path_csv, path_spans):
        if not path.exists():
            sys.exit(f"GSR data not found: {path} (the eval reads ../shared/data/events/gsr-dev)")
    with path_csv.open(encoding="utf-8") as handle:
        sentences = [(row["text"], row["label"]) for row in csv.DictReader(handle)]
    labels = {text: label for text, label in sentences}
    spans = json.loads(path_spans.read_text(encoding="utf-8"))
    return sentences, spans, labels


def span_text(report, event, role: str) -> str:
    """The actor/target span of an event, or the mention texts of its role entity (older reports)."""
    span = getattr(event, f"{role}_span", None)
    if span is not None:
        return span.text
    eid = getattr(event, role)
    entity = next((e for e in report.entities if e.id == eid), None)
    return " ".join(m.text for m in entity.mentions) if entity else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every error")
    parser.add_argument("--limit", type=int, help="only the first N sentences of each file")
    args = parser.parse_args()
    from naba.pipeline import Pipeline
    from naba.record import Document

    pipeline = Pipeline()
    cache: dict[str, object] = {}

    def analyse(text: str):
        if text not in cache:
            cache[text] = pipeline.analyze(Document(text=text))
        return cache[text]

    def reported(report, type_):
        return [e for e in report.events if e.type == type_ and e.status in REPORTED]

    started = time.perf_counter()
    result = {}
    for type_ in TYPES:
        sentences, spans, labels = load(type_.lower())
        if args.limit:
            sentences = sentences[: args.limit]
        tp = fp = fn = 0
        for text, label in sentences:
            if label == "ambiguous":
                continue
            found = reported(analyse(text), type_)
            gold = label == "yes"
            tp += gold and bool(found)
            fp += (not gold) and bool(found)
            fn += gold and not found
            if args.verbose and gold != bool(found):
                what = "; ".join(f"{e.trigger.text}/{e.status}" for e in found)
                print(f"{type_} {'miss' if gold else 'false'}: {what} | {text[:160]}")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        counts = defaultdict(int)
        for row in spans[: args.limit] if args.limit else spans:
            if labels.get(row["text"]) in NO_LABELS:
                continue
            report = analyse(row["text"])
            found = reported(report, type_)
            verbs = words_of(row.get("verb_gold") or "") - FUNCTION_WORDS
            if verbs:
                counts["verb_total"] += 1
                hit = any(words_of(s.text) & verbs or any(v in bare(s.text) or bare(s.text) in v for v in verbs)
                          for e in found for s in [e.trigger, *e.evidence])
                counts["verb_ok"] += hit
                if args.verbose and not hit:
                    print(f"{type_} trigger miss: gold {row['verb_gold']!r} system {[e.trigger.text for e in found]}")
            for role, key in (("actor", "source_gold"), ("target", "target_gold")):
                gold_words = words_of(row.get(key) or "") - FUNCTION_WORDS
                if not gold_words:
                    continue
                counts[f"{role}_total"] += 1
                hit = any(words_of(span_text(report, e, role)) & gold_words for e in found)
                counts[f"{role}_ok"] += hit
                if args.verbose and not hit:
                    got = [span_text(report, e, role) for e in found]
                    print(f"{type_} {role} miss: gold {row[key]!r} system {got}")

        def ratio(a, b):
            return round(a / b, 3) if b else None

        result[type_] = {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "sentences": sum(1 for _, lab in sentences if lab != "ambiguous"),
            "yes": tp + fn,
            "trigger_recall": ratio(counts["verb_ok"], counts["verb_total"]), "trigger_rows": counts["verb_total"],
            "actor_recovery": ratio(counts["actor_ok"], counts["actor_total"]), "actor_rows": counts["actor_total"],
            "target_recovery": ratio(counts["target_ok"], counts["target_total"]),
            "target_rows": counts["target_total"],
        }
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
