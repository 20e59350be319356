"""English names for Arabic names no KB entry spells: an offline transliterator.

Two committed tables (``naba/resources/translit/``, built by ``training/train_translit.py`` from
Wikidata person-name words, CC0, and google/transliteration's ar->en pairs, Apache-2.0):

- ``names.tsv``: the commonest Latin spelling of each attested Arabic name word (محمد -> Mohammed);
- ``letters.tsv``: which Latin letters an Arabic letter becomes, given the letters either side
  (learned by aligning the pairs), for words nobody spelled;
- ``reviewed.tsv``: spellings read and corrected by hand where the commonest learned one is wrong
  for news (فهد -> Fahd, not Fahid); they win over ``names.tsv``.

A name is transliterated word by word; name particles (بن، أبو، عبد) and the article keep their
usual English forms (bin, Abu, Abdul, Al-), a name written solid with عبد is Abdul + the name
(عبداللطيف -> Abdullatif), and a title left in a name is translated (الملك -> King). Pure Python, loaded once (~1 MB), ~20 us a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from naba.lang import Language
from naba.lang import default as default_language
from naba.text.normalise import normalise_text

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translit"
_ARABIC = re.compile(r"[\u0621-\u064A]")


def _is_edge_punct(char: str) -> bool:
    """A punctuation mark (quotes, brackets, the Arabic comma); not a dash, which joins names."""
    category = unicodedata.category(char)
    return category.startswith("P") and category != "Pd"


def _strip_punct(word: str) -> str:
    """The word without the punctuation marks at its edges."""
    start, end = 0, len(word)
    while start < end and _is_edge_punct(word[start]):
        start += 1
    while end > start and _is_edge_punct(word[end - 1]):
        end -= 1
    return word[start:end]


@dataclass(frozen=True, eq=False)  # hashed by identity: its words are cached per instance
class Transliterator:
    names: dict[str, str]
    letters: dict[tuple[str, str, str], str]  # (previous, letter, next) with "*" for any -> Latin
    # name particles (naba/lang/ar/entities_name_particles.tsv, normalised) -> English form, the
    # particles that make one name with the next word (عبد) and the article (ال)
    particles: dict[str, str] = field(default_factory=dict)
    compounds: frozenset[str] = frozenset()
    articles: tuple[str, ...] = ()
    compound_english: dict[str, str] = field(default_factory=dict)  # عبد -> Abdul

    @classmethod
    def load(cls, directory: Path = RESOURCE_DIR, lang: Language | None = None) -> Transliterator:
        lang = lang if lang is not None else default_language()
        rows = lang.table("entities_name_particles")
        particles = {normalise_text(r["word"]): r["english"] for r in rows if r["role"] in ("particle", "title")}
        compounds = frozenset(normalise_text(r["word"]) for r in rows if r["role"] == "compound")
        compound_english = {normalise_text(r["word"]): r["english"] for r in rows if r["role"] == "compound"}
        articles = tuple(normalise_text(r["word"]) for r in rows if r["role"] == "article")
        names: dict[str, str] = {}
        letters: dict[tuple[str, str, str], str] = {}
        for line in _rows(directory / "names.tsv"):
            names[line[0]] = line[1]
        if (directory / "reviewed.tsv").is_file():
            for line in _rows(directory / "reviewed.tsv"):
                names[normalise_text(line[0])] = line[1]
        for line in _rows(directory / "letters.tsv"):
            letters[(line[0], line[1], line[2])] = line[3] if len(line) > 3 else ""
        return cls(names, letters, particles, compounds, articles, compound_english)

    def name(self, arabic: str) -> str | None:
        """The English form of an Arabic name (``عبدالله بن فهد الزهراني`` -> ``Abdullah bin Fahd
        Al-Zahrani``); None when it holds no Arabic letter."""
        words = [_strip_punct(w) for w in normalise_text(arabic).split()]
        words = [w for w in words if w]
        if not words or not any(_ARABIC.search(w) for w in words):
            return None
        out = []
        i = 0
        while i < len(words):
            word = words[i]
            if word in self.compounds and i + 1 < len(words):  # عبد الله -> Abdullah
                out.append(self.word(word + words[i + 1]))
                i += 2
                continue
            if word in self.particles and i + 1 < len(words):
                out.append(self.particles[word])
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
    compound = next((c for c in translit.compounds if word.startswith(c) and len(word) > len(c) + 2), None)
    if compound is not None:  # عبدالوهاب -> Abdul + wahab
        rest = word[len(compound):]
        article = next((a for a in translit.articles if rest.startswith(a) and len(rest) > len(a) + 1), "")
        stem = rest[len(article):]
        latin = translit.names.get(stem) or translit.names.get(rest) or translit.spell(stem)
        latin = re.sub(r"^(?:al|el)[- ]", "", latin.lower())
        if latin:
            return translit.compound_english.get(compound, "Abd") + latin
    article = next((a for a in translit.articles if word.startswith(a)), None)
    if article is not None and len(word) > len(article) + 1:
        rest = translit.names.get(word[len(article):]) or translit.spell(word[len(article):]).capitalize()
        return "Al-" + rest[:1].upper() + rest[1:] if rest else "Al"
    return translit.spell(word).capitalize()


def _rows(path: Path):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")
