"""Pretrain the neural NER tagger's encoder as a language model on unlabelled news (CPU, PyTorch).

The tagger learns from 3.2k labelled sentences; its BiLSTM can first learn how Arabic news reads
from the 29k unlabelled SaudiNewsNet articles. The encoder (the tagger's own network: vectors,
char-CNN, cues, forward and backward LSTMs) is trained to predict the word cluster (k-means over
word2vec, ``naba/resources/ner/clusters.tsv``, fine and middle levels) of the next word from the
forward LSTM and of the previous word from the backward one: a cheap output layer (1024 + 256
classes, not a 40k-word softmax) that still says which kind of word comes next. The tagger then
starts from these weights (``train_ner_neural.py --init``) instead of random ones; the shipped
network is the same size, so tagging costs the same. No label is read here.

A variant tried for issue 13 and not shipped: starting from these weights cost 0.8-1.0 dev points
on two seeds (``naba/resources/ner/variants.tsv``); kept so the figure can be reproduced.

    python training/pretrain_ner_encoder.py --articles 6000 --epochs 2   # ~10 min on one core
    python training/train_ner_neural.py --init build/ner-neural/encoder.pt ...
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import NerLexicons, _cluster_of  # noqa: E402
from naba.text.tokens import TOKEN_RE  # noqa: E402
from training.ner_embeddings import unlabelled_articles  # noqa: E402
from training.train_ner import ANERCORP, OUT_DIR, read_conll, split_dev  # noqa: E402
from training.train_ner_neural import (  # noqa: E402
    VECTORS_KV, batches, build_vocab, collate, encode_sentences, make_model, model_options, tensors,
)

ENCODER_FILE = ROOT / "build" / "ner-neural" / "encoder.pt"
IGNORE = -100
MAX_LINE = 60  # words
SENTENCE_ENDS = frozenset(".!?\u061f")  # ؟ included


def article_lines(articles: int, skip: int) -> list[list[str]]:
    """Word lists of the paragraph lines of unlabelled articles ``skip`` .. ``skip + articles``,
    consecutive per article (document hints see their neighbours)."""
    out = []
    for article in unlabelled_articles(skip, articles):
        for part in (article.get("content") or "").split("\n"):
            out += [chunk for chunk in _chunks([m.group() for m in TOKEN_RE.finditer(part)]) if len(chunk) >= 3]
    return out


def _chunks(words: list[str], size: int = MAX_LINE) -> list[list[str]]:
    """A paragraph cut after sentence-final marks, and pieces of at most ``size`` words."""
    pieces, current = [], []
    for word in words:
        current.append(word)
        if word in SENTENCE_ENDS or len(current) >= size:
            pieces.append(current)
            current = []
    return [*pieces, current] if current else pieces


def cluster_targets(words: list[str], lex: NerLexicons) -> np.ndarray:
    """[T, 2] cluster ids (fine, middle) of each word; IGNORE where the word has none."""
    out = np.full((len(words), 2), IGNORE, np.int64)
    for i, word in enumerate(words):
        clusters = _cluster_of(word, lex)
        if clusters:
            out[i] = [int(clusters[0].split("-")[1]), int(clusters[1].split("-")[1])]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--skip", type=int, default=2000, help="unlabelled articles skipped first (the silver ones)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=ENCODER_FILE)
    parser.add_argument("--gazetteer", type=Path, help="the gazetteer the tagger will be trained with, if not naba's")
    model_options(parser)
    args = parser.parse_args()
    import torch
    from gensim.models import KeyedVectors
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    log = lambda line: print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)  # noqa: E731
    lex = NerLexicons.load(OUT_DIR, gazetteer_path=args.gazetteer)
    kv = KeyedVectors.load(str(args.vectors))
    args.word_dim = kv.vector_size
    train_part, _ = split_dev(read_conll(ANERCORP))
    vocab, table_np = build_vocab(train_part, lex, kv, args.vocab)  # the tagger's vocabulary, so weights fit
    lines = article_lines(args.articles, args.skip)
    log(f"{len(lines)} lines, {sum(map(len, lines))} words of {args.articles} unlabelled articles")
    encoded = encode_sentences([(words, ["O"] * len(words)) for words in lines], lex, vocab)
    targets = [cluster_targets(words, lex) for words in lines]
    log("encoded")
    table = torch.from_numpy(table_np.astype(np.float32))
    model = make_model(vocab, args)
    fine, middle = (max(int(c.split("-")[1]) for cs in lex.clusters.values() for c in cs[level:level + 1]) + 1
                    for level in (0, 1))
    heads = nn.ModuleDict({
        "next": nn.Linear(args.hidden, fine + middle), "previous": nn.Linear(args.hidden, fine + middle),
    })
    optimiser = torch.optim.Adam([*model.parameters(), *heads.parameters()], lr=args.lr)
    loss_of = nn.CrossEntropyLoss(ignore_index=IGNORE)
    for epoch in range(1, args.epochs + 1):
        model.train()
        started, total, steps = time.perf_counter(), 0.0, 0
        for number, group in enumerate(batches(encoded, args.batch, rng)):
            batch, _ = collate([encoded[i] for i in group])
            width = batch.words.shape[1]
            gold = np.full((len(group), width, 2), IGNORE, np.int64)
            for row, i in enumerate(group):
                gold[row, :len(targets[i])] = targets[i]
            forward_h, backward_h = model.encode(*tensors(batch, table))
            gold = torch.from_numpy(gold)
            nxt, prev = gold[:, 1:], gold[:, :-1]  # forward state t predicts word t+1; backward, word t-1
            f, b = heads["next"](forward_h[:, :-1]), heads["previous"](backward_h[:, 1:])
            loss = (loss_of(f[..., :fine].reshape(-1, fine), nxt[..., 0].reshape(-1))
                    + loss_of(f[..., fine:].reshape(-1, middle), nxt[..., 1].reshape(-1))
                    + loss_of(b[..., :fine].reshape(-1, fine), prev[..., 0].reshape(-1))
                    + loss_of(b[..., fine:].reshape(-1, middle), prev[..., 1].reshape(-1)))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
            if number % 500 == 0:
                log(f"epoch {epoch}, batch {number}: loss {total / steps:.3f}")
        log(f"epoch {epoch}: loss {total / steps:.3f}, {time.perf_counter() - started:.0f}s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v for k, v in model.state_dict().items() if not k.startswith(("out.", "start", "transitions", "end"))}
    torch.save(state, args.out)
    log(f"saved the encoder weights to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
