"""Exact match and character error rate of the name transliterator on google/transliteration's
ar->en test words (``make eval-translit``), against the ``arabic-name-romanizer`` package when it is
installed (``--compare``). Neither saw these words: naba's tables come from the train files only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.translit import Transliterator  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "translit"


def edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
            previous = current
    return row[len(b)]


def score(pairs, predict) -> tuple[float, float, float]:
    started = time.perf_counter()
    outputs = [(predict(arabic) or "").lower() for arabic, _ in pairs]
    elapsed = time.perf_counter() - started
    exact = sum(o == e for o, (_, e) in zip(outputs, pairs, strict=True)) / len(pairs)
    cer = sum(edit_distance(o, e) for o, (_, e) in zip(outputs, pairs, strict=True)) / sum(len(e) for _, e in pairs)
    return exact, cer, 1000 * elapsed / len(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("test", "eval"))
    parser.add_argument("--compare", action="store_true", help="also score arabic-name-romanizer")
    args = parser.parse_args()
    path = DATA / f"google-ar2en-{args.split}.txt"
    if not path.is_file():
        print(f"eval_translit: missing {path.resolve()}", file=sys.stderr)
        return 1
    pairs = [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines() if line.count("\t") == 1]
    pairs = [(a, e.strip().lower()) for a, e in pairs]
    translit = Transliterator.load()
    print(f"name transliteration, {path.name}: {len(pairs)} words")
    print("| system | exact match | CER | ms/word |\n|---|---|---|---|")
    exact, cer, ms = score(pairs, translit.name)
    print(f"| naba (names.tsv + letters.tsv) | {100 * exact:.1f}% | {cer:.3f} | {ms:.2f} |")
    exact, cer, ms = score(pairs, lambda arabic: translit.spell(arabic.strip()))
    print(f"| naba, letters.tsv only (no name table) | {100 * exact:.1f}% | {cer:.3f} | {ms:.2f} |")
    if args.compare:
        try:
            from arabic_name_romanizer import transliterate
        except ImportError:
            print("arabic-name-romanizer not installed: pip install arabic-name-romanizer", file=sys.stderr)
            return 0
        exact, cer, ms = score(pairs, transliterate)
        print(f"| arabic-name-romanizer 0.2.0 | {100 * exact:.1f}% | {cer:.3f} | {ms:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
