"""Mine from unlabelled news which words follow person titles, organisation heads and place heads.

A name is often introduced once with its head word (نادي الهلال، شركة أرامكو، الرئيس أوباما،
مدينة جدة) and then written alone; the tagger's document hints see the head only within one report.
Over the 29k unlabelled SaudiNewsNet articles a word's share of uses right after each kind of head
word (``naba/lang/ar/entities_ner_triggers.tsv``) says what kind of name it usually is, in any
report. Written to ``naba/resources/ner/contexts.tsv`` (counts only, no text; CC BY-NC-SA 4.0
source credited in the model card); read as the neural tagger's ``ctx`` cue.

    python training/mine_ner_contexts.py   # ~3 min
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import CONTEXTS_FILE, _word_static, default_ner_words  # noqa: E402
from naba.text.tokens import TOKEN_RE  # noqa: E402
from training.ner_embeddings import unlabelled_articles  # noqa: E402
from training.train_ner import OUT_DIR  # noqa: E402

KINDS = ("t_pers", "t_org", "t_loc")
MIN_AFTER = 3  # uses after a head word of one kind


def main() -> int:
    words = default_ner_words()
    total: Counter[str] = Counter()
    after = {kind: Counter() for kind in KINDS}
    for article in tqdm(unlabelled_articles(), total=29253, desc="articles", unit="article"):
        for part in (article.get("title") or "", *(article.get("content") or "").split("\n")):
            statics = [_word_static(m.group(), words)[1] for m in TOKEN_RE.finditer(part)]
            for previous, static in zip([{}, *statics], statics):
                bare = static["bare"]
                total[bare] += 1
                if any(k in static for k in (*KINDS, "t_say")):
                    continue  # a head word after a head word (وزير الخارجية) names nothing
                for kind in KINDS:
                    if kind in previous:
                        after[kind][bare] += 1
    rows = []
    for bare, count in total.items():
        counts = [after[kind][bare] for kind in KINDS]
        if max(counts) >= MIN_AFTER:
            rows.append((bare, count, *counts))
    rows.sort(key=lambda r: (-r[1], r[0]))
    path = OUT_DIR / CONTEXTS_FILE
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# Uses of each word (bare form) in 29,253 unlabelled SaudiNewsNet articles (CC BY-NC-SA 4.0; counts\n"
                     "# only), and how many follow a person title, an organisation head, a place head. Built by\n"
                     "# training/mine_ner_contexts.py; read by naba/entities/features.py (the neural tagger's ctx cue).\n")
        handle.write("word\tcount\tafter_person_title\tafter_org_head\tafter_place_head\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in rows)
    print(f"wrote {len(rows)} words to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
