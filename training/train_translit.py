"""Train naba's offline Arabic -> English name transliterator (``naba.entities.translit``).

Data (``../shared/data/translit/``): Wikidata person-name words (``wikidata-names-wd_arabic_80.tsv``,
CC0) and google/transliteration's ar->en word pairs (``google-ar2en-train.txt``, Apache-2.0). The
eval and test files and Wikidata's 20% part are never read here (``bench/eval_translit.py`` scores
on them).

1. ``names.tsv``: for every Arabic word, its commonest Latin spelling (the KB's own English names
   of people, aligned word for word, count 50 times: Arab names as English-language news spell them).
2. ``letters.tsv``: each pair is aligned letter by letter (hard EM: every Arabic letter emits 0-4
   Latin letters; start from co-occurrence counts, then Viterbi-align and re-count, 4 rounds); the
   commonest output of each letter given its neighbours is kept where it differs from the
   less specific context.

    python training/train_translit.py
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.translit import RESOURCE_DIR  # noqa: E402
from naba.text.normalise import normalise_text  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "translit"
MAX_CHUNK = 4
ROUNDS = 4
MIN_FIT = -5.0  # mean log P(chunk | letter) of a word pair's alignment: below, two different names
_LATIN = re.compile(r"^[a-z]+$")


def read_pairs() -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    with (DATA / "wikidata-names-wd_arabic_80.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2].isdigit():
                _add(pairs, parts[1].replace(" ", ""), parts[0], int(parts[2]))
    with (DATA / "google-ar2en-train.txt").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2:
                _add(pairs, parts[0], parts[1], 1)
    return pairs


def _add(pairs, arabic: str, latin: str, count: int) -> None:
    arabic = normalise_text(arabic).strip()
    latin = latin.strip().lower()
    if arabic and _LATIN.match(latin) and all("\u0621" <= ch <= "\u064A" for ch in arabic):
        pairs[(arabic, latin)] += count


def kb_pairs() -> Counter[tuple[str, str]]:
    """Word pairs from the KB's hand-written names (عادل الجبير / Adel al-Jubeir), word for word
    where both names have as many words: the spellings news in English uses for Arab names. The
    imported PETRARCH actors are left out: their English names are coders' spellings."""
    import json

    pairs: Counter[tuple[str, str]] = Counter()
    for path in sorted((ROOT / "naba" / "resources" / "kb").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            arabic, english = record.get("name_ar") or "", record.get("name_en") or ""
            if record.get("type") != "PERSON" or not english or "PETRARCH" in record.get("source", ""):
                continue
            a_words = [w for w in normalise_text(arabic).split() if w not in ("الملك", "الامير", "الشيخ")]
            e_words = english.replace("-", " ").split()
            if len(a_words) == len(e_words):
                for a, e in zip(a_words, e_words, strict=True):
                    if a.startswith("ال") and e.lower() == "al":
                        continue
                    _add(pairs, a, e, 50)
    return pairs


def spells(arabic: str, latin: str, score: dict[tuple[str, str], float]) -> bool:
    """Whether ``latin`` can be a spelling of ``arabic``: its best letter alignment scores at least
    MIN_FIT a letter (جونز / jones -1.3, رجب / recep -3.2; جونز / madoc -7.4: another name)."""
    arabic = arabic.removeprefix("ال")
    latin = re.sub(r"^(?:al|el)-?", "", latin.lower())
    chunks = align(arabic, latin, score) if arabic and latin else None
    return chunks is not None and sum(score.get(pair, -20.0) for pair in zip(arabic, chunks)) / len(arabic) >= MIN_FIT


def name_table(pairs: Counter[tuple[str, str]], score=None) -> dict[str, str]:
    """The commonest spelling of each word; with ``score`` (the letter model's), spellings that
    do not spell the word are left out (Wikidata labels of another person: جونز / Madoc)."""
    by_word: dict[str, Counter[str]] = defaultdict(Counter)
    for (arabic, latin), count in pairs.items():
        if score is None or spells(arabic, latin, score):
            by_word[arabic][latin] += count
    out = {}
    for arabic, spellings in by_word.items():
        latin, count = max(spellings.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))
        if count >= 2 or len(spellings) == 1:
            out[arabic] = latin.capitalize()
    return out


def align(arabic: str, latin: str, score: dict[tuple[str, str], float]) -> list[str] | None:
    n, m = len(arabic), len(latin)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        letter = arabic[i]
        row, nxt_row = best[i], best[i + 1]
        for j in range(m + 1):
            base = row[j]
            if base == -math.inf:
                continue
            for k in range(0, min(MAX_CHUNK, m - j) + 1):
                value = base + score.get((letter, latin[j:j + k]), -20.0)
                if value > nxt_row[j + k]:
                    nxt_row[j + k] = value
                    back[i + 1][j + k] = k
    if best[n][m] == -math.inf:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        chunks.append(latin[j - k:j])
        j -= k
    return chunks[::-1]


def emission_scores(counts: Counter[tuple[str, str]]) -> dict[tuple[str, str], float]:
    totals: Counter[str] = Counter()
    for (letter, _), count in counts.items():
        totals[letter] += count
    return {(letter, chunk): math.log(count / totals[letter]) for (letter, chunk), count in counts.items()}


def train_letters(pairs: Counter[tuple[str, str]]) -> tuple[list[tuple[str, str, str, str]], dict[tuple[str, str], float]]:
    """The letter rules and the final emission scores (log P(Latin chunk | Arabic letter))."""
    items = [(a, l, min(c, 20)) for (a, l), c in pairs.items() if len(a) <= 14 and len(l) <= 20]
    counts: Counter[tuple[str, str]] = Counter()
    for arabic, latin, weight in items:  # start: a letter emits what tends to stand at its relative place
        for i, letter in enumerate(arabic):
            centre = round((i + 0.5) * len(latin) / len(arabic))
            for k in range(1, 4):
                for j in range(max(0, centre - 2), min(len(latin), centre + 2)):
                    counts[(letter, latin[j:j + k])] += weight
    for round_number in range(ROUNDS):
        score = emission_scores(counts)
        counts = Counter()
        aligned = []
        for arabic, latin, weight in items:
            chunks = align(arabic, latin, score)
            if chunks is None:
                continue
            aligned.append((arabic, chunks, weight))
            for letter, chunk in zip(arabic, chunks, strict=True):
                counts[(letter, chunk)] += weight
        print(f"translit: alignment round {round_number + 1}: {len(aligned)} pairs aligned", flush=True)
    context: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for arabic, chunks, weight in aligned:
        padded = f"^{arabic}$"
        for i, chunk in enumerate(chunks):
            prev, letter, nxt = padded[i], padded[i + 1], padded[i + 2]
            for key in ((prev, letter, nxt), ("*", letter, nxt), (prev, letter, "*"), ("*", letter, "*")):
                context[key][chunk] += weight
    rows = []
    for key in sorted(context):
        chunk, count = context[key].most_common(1)[0]
        prev, letter, nxt = key
        if (prev, nxt) != ("*", "*"):
            general = context[("*", letter, "*")].most_common(1)[0][0]
            if count < 3 or chunk == general:
                continue
        rows.append((prev, letter, nxt, chunk))
    return rows, emission_scores(counts)


def main() -> int:
    if not (DATA / "google-ar2en-train.txt").is_file():
        print(f"train_translit: missing {DATA.resolve()}", file=sys.stderr)
        return 1
    pairs = read_pairs()
    letters, score = train_letters(pairs)
    names = name_table(pairs + kb_pairs(), score)
    RESOURCE_DIR.mkdir(parents=True, exist_ok=True)
    credit = ("# Learned from Wikidata person-name words (CC0) and google/transliteration ar->en pairs\n"
              "# (Apache-2.0) by training/train_translit.py.\n")
    with (RESOURCE_DIR / "names.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Arabic name word (normalised) -> its commonest Latin spelling.\n" + credit)
        for arabic in sorted(names):
            handle.write(f"{arabic}\t{names[arabic]}\n")
    with (RESOURCE_DIR / "letters.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# previous letter, letter, next letter (* any, ^ start, $ end) -> Latin letters.\n" + credit)
        for row in letters:
            handle.write("\t".join(row) + "\n")
    print(f"translit: {len(names)} name words, {len(letters)} letter rules written to {RESOURCE_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
