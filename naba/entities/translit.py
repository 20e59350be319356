"""English names for Arabic names no KB entry spells: an offline transliterator.

Two committed tables (``naba/resources/translit/``, built by ``training/train_translit.py`` from
Wikidata person-name words, CC0, and google/transliteration's ar->en pairs, Apache-2.0):

- ``names.tsv``: the commonest Latin spelling of each attested Arabic name word (محمد -> Mohammed);
- ``letters.tsv``: which Latin letters an Arabic letter becomes, given the letters either side
  (learned by aligning the pairs), for words nobody spelled.

A name is transliterated word by word; name particles (بن، أبو، عبد) and the article keep their
usual English forms (bin, Abu, Abdul, Al-). Pure Python, loaded once (~1 MB), ~20 us a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from naba.lang import default as default_language
from naba.text.normalise import normalise_text

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translit"
# Name particles and their English forms (naba/lang/ar/entities_name_particles.tsv).
PARTICLES = {
    normalise_text(k): v for k, v in default_language("ar").mapping("entities_name_particles", "word", "english").items()
    if k not in ("عبد", "ال")  # عبد joins the next word (Abdullah); ال is the article
}
_PUNCT = ".,:;()[]\"'«»،؛"


@dataclass(frozen=True, eq=False)  # hashed by identity: its words are cached per instance
class Transliterator:
    names: dict[str, str]
    letters: dict[tuple[str, str, str], str]  # (previous, letter, next) with "*" for any -> Latin

    @classmethod
    def load(cls, directory: Path = RESOURCE_DIR) -> Transliterator:
        names: dict[str, str] = {}
        letters: dict[tuple[str, str, str], str] = {}
        for line in _rows(directory / "names.tsv"):
            names[line[0]] = line[1]
        for line in _rows(directory / "letters.tsv"):
            letters[(line[0], line[1], line[2])] = line[3] if len(line) > 3 else ""
        return cls(names, letters)

    def name(self, arabic: str) -> str | None:
        """The English form of an Arabic name (``عبدالله بن فهد الزهراني`` -> ``Abdullah bin Fahd
        Al-Zahrani``); None when it holds no Arabic letter."""
        words = [w.strip(_PUNCT) for w in normalise_text(arabic).split()]
        words = [w for w in words if w]
        if not words or not any("\u0621" <= ch <= "\u064A" for w in words for ch in w):
            return None
        out = []
        i = 0
        while i < len(words):
            word = words[i]
            if word == "عبد" and i + 1 < len(words):  # عبد الله -> Abdullah
                out.append(self.word("عبد" + words[i + 1]))
                i += 2
                continue
            if word in PARTICLES and i + 1 < len(words):
                out.append(PARTICLES[word] if word not in ("ابو", "ابي", "ام") or not out else PARTICLES[word])
                i += 1
                continue
            out.append(self.word(word))
            i += 1
        return " ".join(w for w in out if w) or None

    def word(self, word: str) -> str:
        return _word(self, word)

    def spell(self, word: str) -> str:
        """Letter by letter, each letter's Latin form chosen by its neighbours."""
        out = []
        padded = f"^{word}$"
        for k in range(1, len(padded) - 1):
            prev, letter, nxt = padded[k - 1], padded[k], padded[k + 1]
            for key in ((prev, letter, nxt), ("*", letter, nxt), (prev, letter, "*"), ("*", letter, "*")):
                if key in self.letters:
                    out.append(self.letters[key])
                    break
            else:
                out.append(letter if letter.isascii() else "")
        return "".join(out)


@lru_cache(maxsize=65536)
def _word(translit: Transliterator, word: str) -> str:
    known = translit.names.get(word)
    if known:
        return known
    if word.startswith("ال") and len(word) > 3:
        rest = translit.names.get(word[2:]) or translit.spell(word[2:]).capitalize()
        return "Al-" + rest[:1].upper() + rest[1:] if rest else "Al"
    return translit.spell(word).capitalize()


def _rows(path: Path):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")
