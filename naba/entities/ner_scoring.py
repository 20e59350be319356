"""Entity-level CoNLL scoring of BIO tag sequences (the conlleval convention).

Written by hand because it is a few lines and saves a dependency: an entity is a maximal B/I run of
one type; an I- tag after O or after another type starts a new entity, as conlleval does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) word-index spans, end exclusive."""
    spans = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and kind == label
        if start is not None and not continues:
            spans.append((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    return spans


@dataclass(frozen=True)
class Score:
    true_positive: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold_sentences: list[list[str]], predicted_sentences: list[list[str]]) -> dict[str, Score]:
    """Per-type scores plus 'micro' over all types."""
    tp, pred, gold = Counter(), Counter(), Counter()
    for gold_tags, pred_tags in zip(gold_sentences, predicted_sentences, strict=True):
        gold_spans = set(bio_spans(gold_tags))
        pred_spans = set(bio_spans(pred_tags))
        for s in gold_spans:
            gold[s[2]] += 1
        for s in pred_spans:
            pred[s[2]] += 1
            if s in gold_spans:
                tp[s[2]] += 1
    kinds = sorted(set(gold) | set(pred))
    result = {k: Score(tp[k], pred[k], gold[k]) for k in kinds}
    result["micro"] = Score(sum(tp.values()), sum(pred.values()), sum(gold.values()))
    return result


def format_table(scores: dict[str, Score]) -> str:
    lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<6} {100 * s.precision:6.2f} {100 * s.recall:6.2f} {100 * s.f1:6.2f} {s.gold:6d} {s.predicted:6d}")
    return "\n".join(lines)
