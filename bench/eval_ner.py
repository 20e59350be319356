"""Entity-level CoNLL P/R/F1 of the NER taggers on the dev split, plus tagging speed (`make eval-ner`).

Scores the dev-run models, trained WITHOUT the dev sentences (the last 10% of ANERcorp-train):
``neural/model-dev.onnx`` (BiLSTM-CRF) and ``model-dev.crfsuite`` (CRF), the shipped kind first
(``naba.entities.ner.SHIPPED``); the shipped ``model.*`` files saw the dev sentences and would score
too high. ``--model`` scores one file of either kind.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.ner import RESOURCE_DIR, SHIPPED, load_model  # noqa: E402
from naba.entities.ner_scoring import format_table, score  # noqa: E402
from training.train_ner import ANERCORP, read_conll, split_dev  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="one model file (.onnx or .crfsuite); default: both dev-run models")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest (gold, predicted) span errors")
    args = parser.parse_args()
    if not ANERCORP.is_file():
        print(f"eval_ner: missing {ANERCORP.resolve()}", file=sys.stderr)
        return 1
    _, dev = split_dev(read_conll(ANERCORP))
    neural, crf = RESOURCE_DIR / "neural" / "model-dev.onnx", RESOURCE_DIR / "model-dev.crfsuite"
    models = [args.model] if args.model else [m for m in ((neural, crf) if SHIPPED == "neural" else (crf, neural)) if m.is_file()]
    for number, model in enumerate(models):
        shipped = args.model is None and number == 0
        evaluate(model, dev, args.errors, f" (the shipped kind: {SHIPPED})" if shipped else "")
    print_variants()
    return 0


def evaluate(model: Path, dev, errors: int, note: str) -> None:
    tagger = load_model(model)
    started = time.perf_counter()
    predicted = tagger.tag_document([words for words, _ in dev])
    elapsed = time.perf_counter() - started
    scores = score([tags for _, tags in dev], predicted)
    tokens = sum(len(words) for words, _ in dev)
    print(f"NER dev split: {len(dev)} sentences, {tokens} tokens (last 10% of {ANERCORP.name}); model {model.name}{note}")
    print(format_table(scores))
    print(f"micro-F1 {100 * scores['micro'].f1:.2f}")
    print(f"speed: {len(dev) / elapsed:.0f} sentences/s, {tokens / elapsed:.0f} tokens/s (features + network/Viterbi, one process)\n")
    if errors:
        print_errors(dev, predicted, errors)


def print_variants() -> None:
    """The variants tried on this dev split, as training recorded them (naba/resources/ner/variants.tsv)."""
    path = RESOURCE_DIR / "variants.tsv"
    if not path.is_file():
        return
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    print("\nvariants tried (dev micro-F1, same split; see MODEL_CARD.md):")
    for row in rows[1:]:
        print(f"  {row[1]:>6}  {row[0]}" + (f"  ({row[2]})" if len(row) > 2 and row[2] else ""))


def print_errors(dev, predicted, limit: int) -> None:
    """Error kinds: type confusions, boundary errors, misses and false alarms, by gold/predicted type."""
    from collections import Counter

    from naba.entities.ner_scoring import bio_spans

    kinds: Counter[str] = Counter()
    for (words, gold_tags), pred_tags in zip(dev, predicted, strict=True):
        gold = set(bio_spans(gold_tags))
        pred = set(bio_spans(pred_tags))
        for g in gold - pred:
            overlap = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
            if not overlap:
                kinds[f"missed {g[2]}"] += 1
            elif any(p[:2] == g[:2] for p in overlap):
                kinds[f"{g[2]} tagged as {next(p[2] for p in overlap if p[:2] == g[:2])}"] += 1
            else:
                kinds[f"boundary {g[2]}"] += 1
        for p in pred - gold:
            if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
                kinds[f"false alarm {p[2]}"] += 1
    for kind, count in kinds.most_common(limit):
        print(f"{count:5d}  {kind}")


if __name__ == "__main__":
    sys.exit(main())
