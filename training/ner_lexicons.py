"""Build the NER lexicons the tagger's features read: a gazetteer and unsupervised word clusters.

Clusters: each frequent word gets a vector of its left and right neighbours (positive PMI over the
most frequent context words), reduced by truncated SVD, then grouped by k-means into fine clusters
whose centroids are grouped again into coarser ones, so a word has a Brown-like path of cluster
ids at three granularities. Learned without labels from ANERcorp-train's words and the dev news
articles. Written here because no small, torch-free Arabic word-cluster package exists on PyPI;
numpy/scipy do the maths. Deterministic: fixed seeds and sorted vocabularies.
"""

from __future__ import annotations

import csv
import json
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds

from naba.entities.features import word_form
from naba.lang import default as default_language
from naba.text.tokens import tokenize

CONTEXT_WORDS = 3000
MIN_COUNT = 3
DIMENSIONS = 80
LEVELS = (1000, 200, 40)  # fine to coarse
# clubs, companies, media, parties, tournaments, venues, products (naba/lang/ar), written by hand
CURATED_NAMES = "entities_gazetteer_names"


def news_sentences(path: Path) -> list[list[str]]:
    """Word forms of the dev news articles, one list per paragraph line."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            article = json.loads(line)
            for paragraph in (article.get("title") or "", article.get("content") or ""):
                for part in paragraph.split("\n"):
                    forms = [word_form(t.text) for t in tokenize(part)]
                    if forms:
                        out.append(forms)
    return out


def build_clusters(sentences: list[list[str]], seed: int = 13) -> list[tuple[str, int, tuple[str, ...]]]:
    """(word, count, cluster path fine→coarse) for every word seen MIN_COUNT times."""
    counts = Counter(w for s in sentences for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXT_WORDS])}
    rows, cols = [], []
    for sentence in sentences:
        padded = ["<s>", *sentence, "</s>"]
        for k in range(1, len(padded) - 1):
            row = index.get(padded[k])
            if row is None:
                continue
            for side, neighbour in ((0, padded[k - 1]), (1, padded[k + 1])):
                col = contexts.get(neighbour)
                col = CONTEXT_WORDS if neighbour in ("<s>", "</s>") else col
                if col is not None:
                    rows.append(row)
                    cols.append(side * (CONTEXT_WORDS + 1) + col)
    data = np.ones(len(rows), dtype=np.float64)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(vocab), 2 * (CONTEXT_WORDS + 1)))
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sum = np.asarray(matrix.sum(axis=1)).ravel()
    col_sum = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col] + 1e-12))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    rng = np.random.default_rng(seed)
    u, s, _ = svds(ppmi, k=DIMENSIONS, v0=rng.standard_normal(min(ppmi.shape)))
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    paths = []
    level_input = vectors
    assignment = np.arange(len(vocab))
    for level, k in enumerate(LEVELS):
        k = min(k, len(level_input))
        with warnings.catch_warnings():  # an empty cluster just goes unused
            warnings.simplefilter("ignore", UserWarning)
            centroids, labels = kmeans2(level_input, k, iter=20, minit="points", seed=seed + level, missing="warn")
        assignment = labels[assignment]
        paths.append(assignment.copy())
        level_input = centroids / (np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-9)
    return [
        (w, counts[w], tuple(f"{LEVELS[level]}-{paths[level][i]}" for level in range(len(LEVELS))))
        for i, w in enumerate(vocab)
    ]


def write_clusters(entries, path: Path, sources: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"# Word clusters (k-means over SVD of PPMI neighbour counts), learned without labels from {sources}.\n")
        handle.write("# Built by training/train_ner.py; columns: normalised word, count, cluster ids fine to coarse.\n")
        handle.write("word\tcount\t" + "\t".join(f"k{k}" for k in LEVELS) + "\n")
        for word, count, path_ids in entries:
            handle.write(f"{word}\t{count}\t" + "\t".join(path_ids) + "\n")


def gazetteer_entries(shared: Path, kb_dir: Path) -> list[tuple[str, str]]:
    """(normalised alias, kind) from the CLDR country names, the hand-written given names and,
    when present, the KB files."""
    entries: set[tuple[str, str]] = set()
    countries = shared / "data" / "gazetteers" / "country-names-ar.csv"
    with countries.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entries.add((" ".join(word_form(w) for w in row["value"].split()), "COUNTRY"))
    names = Path(__file__).resolve().parent / "data" / "person-first-names-ar.txt"
    for line in names.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entries.add((word_form(line.strip()), "FIRSTNAME"))
    aliases: list[tuple[str, str]] = []
    if kb_dir.is_dir():
        for path in sorted(kb_dir.glob("*.tsv")) + sorted(kb_dir.glob("*.jsonl")):
            for alias, kind in _kb_aliases(path):
                # PETRARCH's lemmatised group names (وزارة_دفاع_أميركي_) are no surface forms; its people are
                if path.name != "actors.jsonl" or kind == "PERSON":
                    aliases.append((alias, kind))
    lang = default_language()
    for row in lang.table(CURATED_NAMES) if lang.has(CURATED_NAMES) else ():
        # an alias that is also an ordinary word (الوحدة، الشباب) is a weaker cue: its own kind
        aliases.append((row["alias"], row["kind"] + ("?" if row["common"] == "yes" else "")))
    for alias, kind in aliases:
        norm = " ".join(word_form(w) for w in alias.split())
        if norm:
            entries.add((norm, kind))
    return sorted(entries)


def _kb_aliases(path: Path):
    """Aliases and types from a KB file; tolerant of the KB's layout (TSV with header, or JSON lines)."""
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                kind = str(record.get("type") or "ENTITY").upper()
                aliases = [record.get("name_ar") or "", *(record.get("aliases") or [])]
                for alias in aliases:
                    if alias and _has_arabic(alias):
                        yield alias, kind
                for demonym in record.get("demonyms") or []:
                    if demonym and _has_arabic(demonym):
                        yield demonym, "DEMONYM"
        return
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in reader:
            kind = str(row.get("type") or "ENTITY").upper()
            for key in ("alias", "aliases_ar", "aliases", "name_ar", "ar"):
                value = row.get(key)
                if value:
                    for alias in value.split("|"):
                        if _has_arabic(alias):
                            yield alias.strip(), kind


def _has_arabic(text: str) -> bool:
    return any("\u0621" <= ch <= "\u064A" for ch in text)


def write_gazetteer(entries: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# NER gazetteer built by training/train_ner.py: normalised alias, kind.\n")
        handle.write("# Country names from CLDR via umpirsky/country-list (MIT, (c) Saša Stamenković);\n")
        handle.write("# other aliases from naba's knowledge base (naba/resources/kb/, people of the PETRARCH actor dictionary\n"
                     "# included: MIT, Open Event Data Alliance) and the hand-written naba/lang/ar/entities_gazetteer_names.tsv.\n")
        handle.write("alias\tkind\n")
        for alias, kind in entries:
            handle.write(f"{alias}\t{kind}\n")

