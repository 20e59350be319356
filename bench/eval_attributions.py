"""Score the attribution layer against hand-written gold (``bench/data/attributions_gold.jsonl``).

The gold holds ids, offsets and labels only; the texts are read from ``../shared`` (the sample
report from the line starting ``أعلن مسؤولون``, the dev articles' ``content`` field verbatim).

Conventions of the gold (the system is scored against them):
- cue: the cue word(s) without a leading و/ف (قال in وقال، وفقاً، بحسب، مؤكداً);
- speaker: the subject with its appositions and relative clauses; when the speaker is given by the
  verb alone, a pronoun (لكنه) or a definite back-reference to an unnamed source (المسؤول،
  المصادر), the span of the antecedent speaker; a participle (مؤكداً) shares its clause's speaker;
- via: the outlet phrase without the ل (موقع "أكسيوس" الأمريكي);
- content: from the word after إن/أن (or after the colon; a quotation mark opening it is kept)
  to the end of the reported clause, without the final punctuation.

Attributions are paired by overlapping cues. Cue P/R/F1 count pairs; speaker, via and content
P/R/F1 count a pair as correct when the spans match exactly or overlap; speaker-kind accuracy is
over paired attributions. Citron (BBC, English, PARC 3.0) is printed alongside for reference.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
GOLD = ROOT / "bench" / "data" / "attributions_gold.jsonl"
SAMPLE = SHARED / "samples" / "kazakhstan-abraham-accords.txt"
NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
SAMPLE_START = "أعلن مسؤولون"
CITRON = {"cue F1": 82.3, "speaker F1 exact": 82.0, "speaker F1 overlap": 85.3, "content F1 exact": 59.3, "content F1 overlap": 83.3}


def load_texts() -> dict[str, str]:
    texts = {}
    raw = SAMPLE.read_text(encoding="utf-8")
    texts["sample"] = raw[raw.index(SAMPLE_START):]
    with NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["id"]] = row["content"]
    return texts


def overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def exact(a, b) -> bool:
    return a is not None and b is not None and tuple(a) == tuple(b)


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def pair(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing by overlapping cue spans, in text order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for k, s in enumerate(system):
            if k not in used and overlaps(g["cue"], s["cue"]):
                used.add(k)
                pairs.append((g, s))
                break
    return pairs


def as_spans(attribution) -> dict:
    span = lambda s: (s.start, s.end) if s is not None else None  # noqa: E731
    return {
        "cue": span(attribution.cue), "speaker": span(attribution.speaker), "kind": attribution.speaker_kind,
        "via": span(attribution.via), "content": span(attribution.content), "direct": attribution.direct,
    }


def evaluate(verbose: bool = False, split: str | None = None) -> dict[str, float]:
    """Scores over the gold documents (of one ``split``: "dev" = written while developing the rules,
    "heldout" = annotated and then scored without changing the rules)."""
    from naba.pipeline import Pipeline
    from naba.record import Document

    pipeline = _pipeline(Pipeline)
    texts = load_texts()
    golds = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    golds = [doc for doc in golds if split is None or doc.get("split") == split]
    counts = {key: 0 for key in ("gold", "sys", "pairs", "sp_gold", "sp_sys", "sp_exact", "sp_overlap", "kind_ok", "kind_n",
                                 "via_gold", "via_sys", "via_exact", "via_overlap", "ct_gold", "ct_sys", "ct_exact", "ct_overlap",
                                 "direct_ok")}
    drift = []
    started = time.perf_counter()
    chars = 0
    for doc in golds:
        text = texts[doc["id"]]
        chars += len(text)
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != doc["sha1"]:
            drift.append(doc["id"])
            continue
        system = [as_spans(a) for a in pipeline.analyze(Document(text=text)).attributions]
        gold = doc["attributions"]
        counts["gold"] += len(gold)
        counts["sys"] += len(system)
        counts["sp_gold"] += sum(g["speaker"] is not None for g in gold)
        counts["sp_sys"] += sum(s["speaker"] is not None for s in system)
        counts["via_gold"] += sum(g["via"] is not None for g in gold)
        counts["via_sys"] += sum(s["via"] is not None for s in system)
        counts["ct_gold"] += sum(g["content"] is not None for g in gold)
        counts["ct_sys"] += sum(s["content"] is not None for s in system)
        pairs = pair(gold, system)
        counts["pairs"] += len(pairs)
        for g, s in pairs:
            counts["sp_exact"] += exact(g["speaker"], s["speaker"])
            counts["sp_overlap"] += overlaps(g["speaker"], s["speaker"])
            counts["kind_n"] += 1
            counts["kind_ok"] += g["kind"] == s["kind"]
            counts["via_exact"] += exact(g["via"], s["via"])
            counts["via_overlap"] += overlaps(g["via"], s["via"])
            counts["ct_exact"] += exact(g["content"], s["content"])
            counts["ct_overlap"] += overlaps(g["content"], s["content"])
            counts["direct_ok"] += g["direct"] == s["direct"]
            if verbose and not (overlaps(g["speaker"], s["speaker"]) and g["kind"] == s["kind"]):
                print(f"  {doc['id']}: cue {text[slice(*g['cue'])]!r} speaker gold {_t(text, g['speaker'])!r} "
                      f"({g['kind']}) system {_t(text, s['speaker'])!r} ({s['kind']})")
        if verbose:
            paired_gold = {id(g) for g, _ in pairs}
            paired_sys = {id(s) for _, s in pairs}
            for g in gold:
                if id(g) not in paired_gold:
                    print(f"  {doc['id']}: missed cue {_t(text, g['cue'])!r} at {g['cue'][0]}")
            for s in system:
                if id(s) not in paired_sys:
                    print(f"  {doc['id']}: spurious cue {_t(text, s['cue'])!r} speaker {_t(text, s['speaker'])!r}")
    elapsed = time.perf_counter() - started
    c = counts
    results = {}
    results["cue P"], results["cue R"], results["cue F1"] = prf(c["pairs"], c["sys"], c["gold"])
    for name, key in (("speaker", "sp"), ("via", "via"), ("content", "ct")):
        for mode in ("exact", "overlap"):
            p, r, f = prf(c[f"{key}_{mode}"], c[f"{key}_sys"], c[f"{key}_gold"])
            results[f"{name} F1 {mode}"] = f
            results[f"{name} P {mode}"], results[f"{name} R {mode}"] = p, r
    results["speaker-kind accuracy"] = 100 * c["kind_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["direct accuracy"] = 100 * c["direct_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["documents"] = len(golds) - len(drift)
    results["gold attributions"] = c["gold"]
    results["chars/s"] = chars / elapsed if elapsed else 0.0
    if drift:
        print(f"warning: text changed since the gold was written, skipped: {', '.join(drift)}", file=sys.stderr)
    return results


_PIPELINES: dict = {}


def _pipeline(factory):
    """The pipeline up to attributions (the entity layer included, as ``naba analyze`` runs it), built once."""
    if "p" not in _PIPELINES:
        _PIPELINES["p"] = factory(layers=["attributions"])
    return _PIPELINES["p"]


def _t(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


def main() -> int:
    missing = [str(p) for p in (SAMPLE, NEWS) if not p.exists()]
    if missing:
        print(f"skipped: the evaluation texts are missing: {', '.join(missing)}")
        return 0
    verbose = "-v" in sys.argv
    columns = {"all": evaluate(verbose=verbose), "dev": evaluate(split="dev"), "held-out": evaluate(split="heldout")}
    print("Attributions: " + ", ".join(f"{name} {r['documents']} documents / {r['gold attributions']} gold attributions"
                                      for name, r in columns.items()))
    print(f"{'metric':<24}" + "".join(f"{name:>10}" for name in columns) + f"{'Citron (EN)':>13}")
    rows = ["cue P", "cue R", "cue F1", "speaker F1 exact", "speaker F1 overlap", "speaker-kind accuracy",
            "via F1 exact", "via F1 overlap", "content F1 exact", "content F1 overlap", "direct accuracy"]
    for key in rows:
        ref = CITRON.get(key)
        print(f"{key:<24}" + "".join(f"{r[key]:>10.1f}" for r in columns.values()) + f"{(f'{ref:.1f}' if ref else '-'):>13}")
    print(f"speed: {columns['all']['chars/s']:,.0f} characters/s (text and entity layers included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
