"""Word clusters for the NER features, learned without labels from 29k SaudiNewsNet articles.

word2vec (gensim, skip-gram with negative sampling) over the normalised words of
``../shared/data/news/saudinewsnet-unlabelled.jsonl.gz`` (plus the words of ANERcorp-train and the
200 dev articles), then k-means over the unit vectors at several granularities (fine to coarse),
so a word carries cluster ids that generalise from the 3.5k labelled sentences to unseen names.
Only words, counts and cluster ids are written (``naba/resources/ner/clusters.tsv``), never text.
Deterministic: one worker thread when ``--deterministic`` (slower), fixed seeds, sorted vocabulary.
gensim is a training-time dependency only (``pip install .[train]``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import word_form  # noqa: E402
from naba.text.tokens import TOKEN_RE  # noqa: E402

UNLABELLED = ROOT / ".." / "shared" / "data" / "news" / "saudinewsnet-unlabelled.jsonl.gz"
LEVELS = (1024, 256, 64)  # fine to coarse
MIN_COUNT = 3
DIMENSIONS = 100


def unlabelled_articles(skip: int = 0, count: int | None = None, path: Path = UNLABELLED) -> Iterator[dict]:
    """The unlabelled articles ``skip`` .. ``skip + count`` of the corpus file, as JSON objects."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if count is not None and number >= skip + count:
                break
            if number >= skip and line.strip():
                yield json.loads(line)


def article_sentences(path: Path, limit: int | None = None) -> list[list[str]]:
    """Normalised word forms of every title and paragraph line of the unlabelled articles."""
    out: list[list[str]] = []
    for article in unlabelled_articles(0, limit, path):
        for paragraph in (article.get("title") or "", article.get("content") or ""):
            for part in paragraph.split("\n"):
                forms = [word_form(m.group()) for m in TOKEN_RE.finditer(part)]
                if forms:
                    out.append(forms)
    return out


def train_vectors(sentences: list[list[str]], workers: int, seed: int = 13, epochs: int = 5):
    from gensim.models import Word2Vec

    return Word2Vec(
        sentences, vector_size=DIMENSIONS, window=5, min_count=MIN_COUNT, sg=1, negative=5,
        sample=1e-4, epochs=epochs, workers=workers, seed=seed,
    )


def cluster_words(model, seed: int = 13) -> list[tuple[str, int, tuple[str, ...]]]:
    """(word, count, cluster ids fine to coarse) for every word in the model's vocabulary."""
    vocab = sorted(model.wv.index_to_key, key=lambda w: (-model.wv.get_vecattr(w, "count"), w))
    vectors = np.stack([model.wv[w] for w in vocab]).astype(np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    paths = []
    for level, k in enumerate(LEVELS):
        with warnings.catch_warnings():  # an empty cluster just goes unused
            warnings.simplefilter("ignore", UserWarning)
            _, labels = kmeans2(vectors, k, iter=15, minit="points", seed=seed + level, missing="warn")
        paths.append(labels)
    return [
        (w, int(model.wv.get_vecattr(w, "count")), tuple(f"{LEVELS[lv]}-{paths[lv][i]}" for lv in range(len(LEVELS))))
        for i, w in enumerate(vocab)
    ]


def write_clusters(entries, path: Path, sources: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"# Word clusters (k-means over word2vec skip-gram vectors), learned without labels from {sources}.\n")
        handle.write("# Built by training/ner_embeddings.py; columns: normalised word, count, cluster ids fine to coarse.\n")
        handle.write("word\tcount\t" + "\t".join(f"k{k}" for k in LEVELS) + "\n")
        for word, count, ids in entries:
            handle.write(f"{word}\t{count}\t" + "\t".join(ids) + "\n")


def build(extra_sentences: list[list[str]], out: Path | None, workers: int = 2, limit: int | None = None,
          vectors_out: Path | None = None, epochs: int = 5) -> None:
    """Train word2vec; write the clusters to ``out`` and (``vectors_out``) the vectors themselves,
    which the neural tagger's training reads (training/train_ner_neural.py)."""
    started = time.perf_counter()
    sentences = article_sentences(UNLABELLED, limit) + extra_sentences
    tokens = sum(map(len, sentences))
    print(f"embeddings: {len(sentences)} lines, {tokens} words read in {time.perf_counter() - started:.0f}s", flush=True)
    model = train_vectors(sentences, workers, epochs=epochs)
    print(f"embeddings: word2vec over {len(model.wv)} words in {time.perf_counter() - started:.0f}s", flush=True)
    if vectors_out is not None:
        vectors_out.parent.mkdir(parents=True, exist_ok=True)
        model.wv.save(str(vectors_out))
        print(f"embeddings: vectors saved to {vectors_out}", flush=True)
    if out is None:
        return
    entries = cluster_words(model)
    write_clusters(entries, out, "29k SaudiNewsNet articles (CC BY-NC-SA 4.0), the words of ANERcorp-train's first 90% and the 200 dev articles")
    print(f"embeddings: {len(entries)} clustered words written to {out} in {time.perf_counter() - started:.0f}s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "naba" / "resources" / "ner" / "clusters.tsv")
    parser.add_argument("--limit", type=int, help="read only the first N articles (a quick trial)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--vectors", type=Path, help="also save the word2vec vectors here (gensim KeyedVectors)")
    parser.add_argument("--no-clusters", action="store_true", help="write only --vectors, keep clusters.tsv")
    parser.add_argument("--epochs", type=int, default=5, help="word2vec passes over the corpus")
    args = parser.parse_args()
    if not UNLABELLED.is_file():
        print(f"ner_embeddings: missing {UNLABELLED.resolve()}", file=sys.stderr)
        return 1
    from training.ner_lexicons import news_sentences
    from training.train_ner import ANERCORP, NEWS, read_conll, split_dev  # noqa: F811 (no cycle at run time)

    train_part, _ = split_dev(read_conll(ANERCORP))  # the dev words stay unseen, even unlabelled
    extra = [[word_form(w) for w in words] for words, _ in train_part] + news_sentences(NEWS)
    build(extra, None if args.no_clusters else args.out, args.workers, args.limit, args.vectors, args.epochs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
