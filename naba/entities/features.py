"""Token features for the Arabic NER tagger, and the lexicons they read.

Written by hand because no CPU-only Arabic NER feature extractor exists on PyPI without torch or
run-time model downloads; the CRF itself is python-crfsuite. The same function serves training
(``training/train_ner.py``) and tagging (``naba.entities.ner``), so the model and its features
cannot drift apart; the lexicons are files the training script builds and commits next to the model.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from naba.lang import Language
from naba.lang import default as default_language
from naba.text.normalise import normalise_text
from naba.text.tokens import clitic_splits

GAZETTEER_FILE = "gazetteer.tsv"
CLUSTERS_FILE = "clusters.tsv"
# Words attested in people's names (Wikidata and google/transliteration pairs): the transliterator's
# name table, read here too so the tagger knows a rare word is a name word.
PERSON_WORDS_FILE = Path(__file__).resolve().parent.parent / "resources" / "translit" / "names.tsv"

_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")



@dataclass(frozen=True, eq=False)  # hashed by identity: word features are cached per instance
class NerWords:
    """The words the features read, from one Language: trigger words in normalised form
    (naba/lang/ar/entities_ner_triggers.tsv, matched against every clitic split of a word; part of
    what the trained model means) and the article (affixes.tsv)."""

    person_titles: frozenset[str]
    say_verbs: frozenset[str]
    org_triggers: frozenset[str]
    loc_triggers: frozenset[str]
    article: str
    common: frozenset[str] = frozenset()  # words frequent as ordinary words (entities_common_words.tsv)

    @classmethod
    def load(cls, lang: Language | None = None) -> NerWords:
        lang = lang if lang is not None else default_language()

        def triggers(kind: str) -> frozenset[str]:
            return frozenset(normalise_text(w) for w in lang.words("entities_ner_triggers", kind=kind))

        article = next(iter(lang.words("affixes", "form", kind="article")))
        return cls(triggers("person_title"), triggers("say_verb"), triggers("org_head"), triggers("loc_head"), article,
                   common_words(lang))


def common_words(lang: Language) -> frozenset[str]:
    """The normalised common words (entities_common_words.tsv), built once per Language: the
    tagger's label consistency and the entity stage's span checks read the same set."""
    def build(lang: Language) -> frozenset[str]:
        if not lang.has("entities_common_words"):
            return frozenset()
        return frozenset(normalise_text(w) for w in lang.words("entities_common_words"))

    return lang.derived("entities.common_words", build)


@lru_cache(maxsize=1)
def default_ner_words() -> NerWords:
    """The default Language's NerWords, read on first use (training scripts, callers without a Language)."""
    return NerWords.load()


def __getattr__(name: str):
    """PERSON_TITLES, SAY_VERBS, ORG_TRIGGERS, LOC_TRIGGERS of the default Language, for training scripts."""
    attrs = {"PERSON_TITLES": "person_titles", "SAY_VERBS": "say_verbs", "ORG_TRIGGERS": "org_triggers",
             "LOC_TRIGGERS": "loc_triggers"}
    if name in attrs:
        return getattr(default_ner_words(), attrs[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class NerLexicons:
    """Gazetteer (multi-word, normalised) and word clusters; loaded once and passed to features."""

    gazetteer: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    words: NerWords = field(default_factory=default_ner_words)
    person_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, directory: Path, lang: Language | None = None, gazetteer_path: Path | None = None) -> NerLexicons:
        """The lexicons in ``directory``; ``gazetteer_path``: another gazetteer (a model's own)."""
        gazetteer: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        gaz_path = gazetteer_path or directory / GAZETTEER_FILE
        if gaz_path.exists():
            with gaz_path.open(encoding="utf-8") as handle:
                for row in csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t"):
                    if len(row) < 2 or row[0] == "alias":
                        continue
                    words = tuple(row[0].split())
                    if words:
                        gazetteer.setdefault(words[0], []).append((words, row[1]))
        clusters: dict[str, tuple[str, ...]] = {}
        counts: dict[str, int] = {}
        cl_path = directory / CLUSTERS_FILE
        if cl_path.exists():
            with cl_path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("#") or line.startswith("word\t"):
                        continue
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) >= 3:
                        counts[parts[0]] = int(parts[1])
                        clusters[parts[0]] = tuple(parts[2:])
        return cls(
            gazetteer={first: tuple(sorted(entries, key=lambda e: -len(e[0]))) for first, entries in gazetteer.items()},
            clusters=clusters,
            counts=counts,
            words=NerWords.load(lang) if lang is not None else default_ner_words(),
            person_words=read_person_words(),
        )


@lru_cache(maxsize=131072)
def word_form(word: str) -> str:
    """Normalised form with edge punctuation removed (ANERcorp glues brackets to words: ``(د``)."""
    norm = normalise_text(word)
    stripped = _EDGE_PUNCT.sub("", norm)
    return stripped or norm


@lru_cache(maxsize=4)
def read_person_words(path: Path = PERSON_WORDS_FILE) -> frozenset[str]:
    """The normalised name words of the transliterator's table (empty when it is absent); read
    once, for the KB and the tagger's lexicons alike."""
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split("\t", 1)[0] for line in handle if not line.startswith("#"))


@lru_cache(maxsize=131072)
def _word_static(word: str, words: NerWords) -> tuple[tuple[str, ...], dict[str, str]]:
    """Features of a word that do not depend on its neighbours or lexicons; cached per word form."""
    norm = word_form(word)
    splits = clitic_splits(norm) if _ARABIC.match(norm[:1] or " ") else (("", norm),)
    stems = tuple(stem for _, stem in splits)
    bare_prefix, bare = splits[0]
    feats = {
        "w": norm,
        "bare": bare,
        "clitic": bare_prefix,
        "p2": norm[:2],
        "p3": norm[:3],
        "s1": norm[-1:],
        "s2": norm[-2:],
        "s3": norm[-3:],
        "bs2": bare[-2:],
        "bp2": bare[:2],
        "len": str(min(len(bare), 8)),
    }
    if word != norm:
        feats["raw"] = word
    if _DIGIT.search(norm):
        feats["shape"] = "digit" if norm.isdigit() else "hasdigit"
    elif _LATIN.search(norm):
        feats["shape"] = "latin"
    elif not _ARABIC.search(norm):
        feats["shape"] = "punct"
    if word != word_form(word) and not _ARABIC.search(word[:1]):
        feats["openpunct"] = word[:1]
    if words.article in (p for p, _ in splits):
        feats["art"] = "1"
    for key, triggers in (("t_pers", words.person_titles), ("t_say", words.say_verbs), ("t_org", words.org_triggers),
                          ("t_loc", words.loc_triggers)):
        if norm in triggers or any(stem in triggers for stem in stems):
            feats[key] = "1"
    return stems, feats


def bare_form(word: str, words: NerWords) -> str:
    """The word normalised, without the proclitics and article its likeliest reading has (``للبنك``,
    ``البنك`` -> ``بنك``)."""
    return _word_static(word, words)[1]["bare"]


def _cluster_of(word: str, lex: NerLexicons) -> tuple[str, ...] | None:
    norm = word_form(word)
    found = lex.clusters.get(norm)
    if found is None:
        stems, _ = _word_static(word, lex.words)
        for stem in stems:
            found = lex.clusters.get(stem)
            if found is not None:
                break
    return found


def _freq_bucket(word: str, lex: NerLexicons) -> str:
    count = lex.counts.get(word_form(word), 0)
    return str(min(int(math.log2(count + 1)), 10))


def gazetteer_tags(words: list[str], lex: NerLexicons) -> list[str | None]:
    """Longest gazetteer match from each position: 'B-TYPE'/'I-TYPE' per word, None outside."""
    tags: list[str | None] = [None] * len(words)
    if not lex.gazetteer:
        return tags
    forms = [word_form(w) for w in words]
    i = 0
    while i < len(words):
        stems, _ = _word_static(words[i], lex.words)
        best: tuple[int, str] | None = None
        for stem in (forms[i], *stems):
            for entry, kind in lex.gazetteer.get(stem, ()):
                n = len(entry)
                if i + n <= len(words) and tuple(forms[i + 1:i + n]) == entry[1:]:
                    if best is None or n > best[0]:
                        best = (n, kind)
                    break
        if best is None:
            i += 1
            continue
        n, kind = best
        tags[i] = f"B-{kind}"
        for j in range(i + 1, i + n):
            tags[j] = f"I-{kind}"
        i += n
    return tags


@dataclass(frozen=True)
class DocumentHints:
    """What the surrounding sentences say about a word form: names recur within a report, and a
    name seen once after a title (الرئيس، فريق، مدينة) is likely the same kind of name elsewhere."""

    repeated: frozenset[str] = frozenset()
    after_person_title: frozenset[str] = frozenset()
    after_org_trigger: frozenset[str] = frozenset()
    after_loc_trigger: frozenset[str] = frozenset()

    def cues(self, bare: str, freq: str) -> dict[str, str]:
        """The document-level features of a word (its bare form): repeated in the report (with its
        corpus frequency bucket ``freq``), met after a person title, an organisation or a place trigger."""
        cues = {"doc_rep": freq} if bare in self.repeated else {}
        for name, words in (("doc_pers", self.after_person_title), ("doc_org", self.after_org_trigger),
                            ("doc_loc", self.after_loc_trigger)):
            if bare in words:
                cues[name] = "1"
        return cues


HINT_WINDOW = 10  # sentences either side


def _sentence_cues(words: list[str], ner_words: NerWords) -> tuple[list[str], set[str], set[str], set[str]]:
    statics = [_word_static(w, ner_words)[1] for w in words]
    bares = [f["bare"] for f in statics]
    cues: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    for i in range(1, len(words)):
        previous = statics[i - 1]
        for slot, key in enumerate(("t_pers", "t_org", "t_loc")):
            if key in previous and not any(k in statics[i] for k in ("t_pers", "t_org", "t_loc", "t_say")):
                cues[slot].add(bares[i])
    return bares, *cues


def document_hints(
    sentences: list[list[str]], window: int = HINT_WINDOW, words: NerWords | None = None
) -> list[DocumentHints]:
    """Hints for each sentence from the sentences within ``window`` of it (itself included);
    ``words``: the trigger words (the default Language's when None)."""
    ner_words = words if words is not None else default_ner_words()
    from collections import Counter

    cues = [_sentence_cues(words, ner_words) for words in sentences]
    hints = []
    for i in range(len(sentences)):
        lo, hi = max(0, i - window), min(len(sentences), i + window + 1)
        counts: Counter[str] = Counter()
        person, org, loc = set(), set(), set()
        for bares, p, o, l in cues[lo:hi]:
            counts.update(set(bares))
            person |= p
            org |= o
            loc |= l
        hints.append(DocumentHints(
            frozenset(w for w, c in counts.items() if c >= 2), frozenset(person), frozenset(org), frozenset(loc),
        ))
    return hints


def sentence_features(words: list[str], lex: NerLexicons, hints: DocumentHints | None = None) -> list[dict[str, str]]:
    """One feature dict per word: the word itself, its neighbours (±2), triggers, gazetteer, clusters,
    and (with ``hints``) what nearby sentences say about the same word."""
    statics = [_word_static(w, lex.words)[1] for w in words]
    clusters = [_cluster_of(w, lex) for w in words]
    gaz = gazetteer_tags(words, lex)
    n = len(words)
    out = []
    for i in range(n):
        feats = dict(statics[i])
        feats["freq"] = _freq_bucket(words[i], lex)
        if clusters[i]:
            for level, cid in enumerate(clusters[i]):
                feats[f"c{level}"] = cid
        else:
            feats["c"] = "none"
        if gaz[i]:
            feats["gaz"] = gaz[i]
        if hints is not None:
            feats.update(hints.cues(statics[i]["bare"], feats["freq"]))
        if i == 0:
            feats["BOS"] = "1"
        if i == n - 1:
            feats["EOS"] = "1"
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if not 0 <= j < n:
                continue
            other = statics[j]
            feats[f"{offset}:w"] = other["w"]
            feats[f"{offset}:bare"] = other["bare"]
            for key in ("t_pers", "t_say", "t_org", "t_loc", "shape"):
                if key in other:
                    feats[f"{offset}:{key}"] = other[key]
            if clusters[j]:
                feats[f"{offset}:c1"] = clusters[j][1] if len(clusters[j]) > 1 else clusters[j][0]
            if abs(offset) == 1:
                if gaz[j]:
                    feats[f"{offset}:gaz"] = gaz[j]
                feats[f"{offset}:s2"] = other["s2"]
                feats[f"{offset}:clitic"] = other["clitic"]
        if i > 0:
            feats["-1|0"] = statics[i - 1]["w"] + "|" + statics[i]["w"]
        if i < n - 1:
            feats["0|+1"] = statics[i]["w"] + "|" + statics[i + 1]["w"]
        out.append(feats)
    return out

