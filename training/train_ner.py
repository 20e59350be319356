"""Train naba's Arabic NER CRF on ANERcorp (CAMeL Lab train split) — rerun with `make train-ner`.

Steps, all deterministic:
1. build the lexicons (gazetteer from CLDR country names + the KB if present; word clusters
   learned without labels by word2vec + k-means over 29k unlabelled SaudiNewsNet articles, the
   words of ANERcorp-train's first 90% and the 200 dev news articles: training/ner_embeddings.py);
2. train on the first 90% of sentences and score the last 10% (the dev split) — this
   dev-excluded model is kept as ``model-dev.crfsuite`` for ``bench/eval_ner.py``;
3. retrain with the same hyperparameters on all of ANERcorp-train -> ``model.crfsuite``.
``--grid`` instead tries several c1/c2 pairs on the dev split and prints their scores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import (  # noqa: E402
    CLUSTERS_FILE, GAZETTEER_FILE, NerLexicons, document_hints, sentence_features, word_form,
)
from naba.entities.ner import NerTagger  # noqa: E402
from naba.entities.ner_scoring import format_table, score  # noqa: E402
from training.ner_embeddings import UNLABELLED  # noqa: E402
from training.ner_embeddings import build as build_embedding_clusters  # noqa: E402
from training.ner_lexicons import (  # noqa: E402
    build_clusters, gazetteer_entries, news_sentences, write_clusters, write_gazetteer,
)

SHARED = ROOT / ".." / "shared"
ANERCORP = SHARED / "data" / "ner" / "anercorp-train.txt"
NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
OUT_DIR = ROOT / "naba" / "resources" / "ner"
KB_DIR = ROOT / "naba" / "resources" / "kb"
PARAMS = {"c1": 0.01, "c2": 0.01, "max_iterations": 500, "feature.minfreq": 1, "feature.possible_transitions": True}


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sentences, words, tags = [], [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sentences.append((words, tags))
                    words, tags = [], []
                continue
            word, _, tag = line.rpartition(" ")
            words.append(word)
            tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def split_dev(sentences):
    """Dev = the last 10% of sentences, train = the rest."""
    cut = len(sentences) - len(sentences) // 10
    return sentences[:cut], sentences[cut:]


def build_lexicons(sentences) -> NerLexicons:
    """Gazetteer from the KB; word clusters from word2vec over the 29k unlabelled news articles
    (training/ner_embeddings.py), or PPMI clusters over ANERcorp + 200 articles without them."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_gazetteer(gazetteer_entries(SHARED, KB_DIR), OUT_DIR / GAZETTEER_FILE)
    train_part, _ = split_dev(sentences)
    labelled_words = [[word_form(w) for w in words] for words, _ in train_part]
    if UNLABELLED.is_file():
        build_embedding_clusters(labelled_words + news_sentences(NEWS), OUT_DIR / CLUSTERS_FILE)
    else:
        corpus = [[word_form(w) for w in words] for words, _ in sentences] + news_sentences(NEWS)
        write_clusters(build_clusters(corpus), OUT_DIR / CLUSTERS_FILE, "ANERcorp-train (words only) and 200 SaudiNewsNet articles")
    return NerLexicons.load(OUT_DIR)


def train(data, lexicons: NerLexicons, params: dict, model_path: Path) -> None:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    hints = document_hints([words for words, _ in data])
    for (words, tags), hint in zip(data, hints, strict=True):
        trainer.append(sentence_features(words, lexicons, hint), tags)
    trainer.set_params(params)
    trainer.train(str(model_path))


def _open(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def evaluate(model_path: Path, dev, lexicons: NerLexicons):
    tagger = NerTagger(_open(model_path), lexicons)
    started = time.perf_counter()
    predicted = tagger.tag_document([words for words, _ in dev])
    elapsed = time.perf_counter() - started
    return score([tags for _, tags in dev], predicted), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", nargs="*", metavar="C1,C2", help="score these c1,c2 pairs on the dev split; write no model")
    parser.add_argument("--dev-only", action="store_true", help="train and score the dev-excluded model only")
    parser.add_argument("--skip-lexicons", action="store_true", help="reuse the committed lexicon files")
    parser.add_argument("--final-only", action="store_true", help="train only the shipped model (on all sentences)")
    args = parser.parse_args()
    if not ANERCORP.is_file():
        print(f"train_ner: missing {ANERCORP}", file=sys.stderr)
        return 1
    sentences = read_conll(ANERCORP)
    train_part, dev = split_dev(sentences)
    print(f"{len(sentences)} sentences: {len(train_part)} train, {len(dev)} dev")
    lexicons = NerLexicons.load(OUT_DIR) if args.skip_lexicons else build_lexicons(sentences)
    print(f"lexicons: {len(lexicons.clusters)} clustered words, {sum(map(len, lexicons.gazetteer.values()))} gazetteer aliases")
    if args.grid is not None:
        for pair in args.grid or ["0.003,0.01", "0.01,0.01", "0.15,0.01", "0.01,0.1", "0.05,0.05"]:
            c1, c2 = (float(x) for x in pair.split(","))
            path = Path(tempfile.gettempdir()) / f"ner-grid-{c1}-{c2}.crfsuite"
            train(train_part, lexicons, {**PARAMS, "c1": c1, "c2": c2}, path)
            scores, _ = evaluate(path, dev, lexicons)
            print(f"c1={c1} c2={c2} micro-F1={100 * scores['micro'].f1:.2f}", flush=True)
            path.unlink()
        return 0
    if args.final_only:
        started = time.perf_counter()
        train(sentences, lexicons, PARAMS, OUT_DIR / "model.crfsuite")
        print(f"final model (all of ANERcorp-train) trained in {time.perf_counter() - started:.0f}s")
        return 0
    started = time.perf_counter()
    dev_model = OUT_DIR / "model-dev.crfsuite"
    train(train_part, lexicons, PARAMS, dev_model)
    print(f"dev-excluded model trained in {time.perf_counter() - started:.0f}s")
    tokens = sum(len(w) for w, _ in dev)
    scores, elapsed = evaluate(dev_model, dev, lexicons)
    print(format_table(scores))
    print(f"speed: {len(dev) / elapsed:.0f} sentences/s, {tokens / elapsed:.0f} tokens/s")
    if args.dev_only:
        return 0
    started = time.perf_counter()
    final = OUT_DIR / "model.crfsuite"
    train(sentences, lexicons, PARAMS, final)
    print(f"final model (all of ANERcorp-train) trained in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
