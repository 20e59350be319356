"""Learn which words are common words, not names, from 29k unlabelled SaudiNewsNet articles.

Arabic has no capital letters, so a tagger trained on 3.5k sentences takes ``حسن الاستقبال`` or
``سبيل المثال`` for a person. A word is *common* when it is frequent in the unlabelled news and
almost never stands where a name stands: after a given name or ``بن``. The entity stage drops a tagger PERSON span whose words (titles and name particles aside)
include a common word. Writes ``naba/lang/ar/entities_common_words.tsv`` (words and counts only).

    python training/build_entities_common_words.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import word_form  # noqa: E402
from training.ner_embeddings import UNLABELLED, article_sentences  # noqa: E402

OUT = ROOT / "naba" / "lang" / "ar" / "entities_common_words.tsv"
PHRASES = ROOT / "naba" / "lang" / "ar" / "entities_common_phrases.tsv"
FIRST_NAMES = ROOT / "training" / "data" / "person-first-names-ar.txt"
MIN_COUNT = 30  # rarer words keep the tagger's word
MIN_PHRASE = 3  # a given name + common word pair seen this often is a phrase (حسن الظن)
MAX_NAME_SHARE = 0.04  # share of a word's uses right after a given name or بن
NAME_PARTICLES = frozenset(word_form(w) for w in ("بن", "ابن", "بنت", "آل", "أبو", "أبي", "عبد", "أم"))


def name_openers() -> frozenset[str]:
    names = {word_form(line.strip()) for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    # على (on) and the name علي are one form once normalised: the preposition would hide every
    # common word after it, so it opens no name here
    names.discard(word_form("علي"))
    # titles are left out: رئيس الوفد، وزير الخارجية would make common nouns look like names
    return frozenset(names | NAME_PARTICLES)


def given_names() -> frozenset[str]:
    return frozenset(word_form(line.strip()) for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def common_words(sentences: list[list[str]], openers: frozenset[str], names: frozenset[str]):
    """(common words as (word, count, name share), phrases as (given name, common word, count))."""
    counts: Counter[str] = Counter()
    after_name: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        previous = ""
        for word in sentence:
            counts[word] += 1
            if previous in openers:
                after_name[word] += 1
            if previous in names:
                pairs[(previous, word)] += 1
            previous = word
    out = []
    for word, count in counts.items():
        if count < MIN_COUNT or word in openers or not ("\u0621" <= word[:1] <= "\u064A"):
            continue
        share = after_name[word] / count
        if share < MAX_NAME_SHARE:
            out.append((word, count, share))
    # a phrase: the word after the given name is common once the uses after that very name are
    # left out (الظن is mostly written after حسن; الجبير stays a name: after الوزير too)
    phrases = []
    for (first, second), count in pairs.items():
        rest = counts[second] - count
        if count < MIN_PHRASE or first == word_form("علي") or rest < 5 or second in openers:
            continue
        if (after_name[second] - count) / rest < MAX_NAME_SHARE:
            phrases.append((first, second, count))
    phrases.sort(key=lambda r: (-r[2], r))
    return sorted(out, key=lambda row: (-row[1], row[0])), phrases


def main() -> int:
    if not UNLABELLED.is_file():
        print(f"build_entities_common_words: missing {UNLABELLED.resolve()}", file=sys.stderr)
        return 1
    rows, phrases = common_words(article_sentences(UNLABELLED), name_openers(), given_names())
    with OUT.open("w", encoding="utf-8") as handle:
        handle.write("# Common words: frequent in 29k unlabelled SaudiNewsNet articles (CC BY-NC-SA 4.0; counts only,\n")
        handle.write(f"# no text) and after a given name or بن in under {MAX_NAME_SHARE:.0%} of their uses.\n")
        handle.write("# A tagger PERSON span holding one is a phrase (حسن الاستقبال), not a name.\n")
        handle.write("# Built by training/build_entities_common_words.py; normalised forms.\n")
        handle.write("word\tcount\tname_share\n")
        for word, count, share in rows:
            handle.write(f"{word}\t{count}\t{share:.3f}\n")
    with PHRASES.open("w", encoding="utf-8") as handle:
        handle.write("# Phrases that open with a given name: the name + a common word (entities_common_words.tsv)\n")
        handle.write(f"# seen at least {MIN_PHRASE} times in 29k unlabelled SaudiNewsNet articles (counts only): حسن الظن.\n")
        handle.write("# A tagger PERSON span made of the first word, or starting with both, is a phrase.\n")
        handle.write("# Built by training/build_entities_common_words.py; normalised forms.\n")
        handle.write("first\tsecond\tcount\n")
        for first, second, count in phrases:
            handle.write(f"{first}\t{second}\t{count}\n")
    print(f"wrote {len(rows)} common words to {OUT.relative_to(ROOT)}, {len(phrases)} phrases to {PHRASES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
