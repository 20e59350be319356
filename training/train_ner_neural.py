"""Train naba's neural Arabic NER tagger (char-aware BiLSTM-CRF, PyTorch on CPU) and export it to ONNX.

Data: ANERcorp-train (CAMeL split) only, split as for the CRF (``training/train_ner.py``): the last
10% of sentences is the dev split, never trained or tuned on; the last 10% of the rest is a held-out
slice for early stopping. Word vectors: word2vec learned without labels from the 29k unlabelled
SaudiNewsNet articles (``training/ner_embeddings.py --vectors``), frozen, the top ``--vocab`` words
stored as float16.

    python training/ner_embeddings.py --vectors build/ner-neural/w2v.kv --no-clusters   # ~6 min
    python training/train_ner_neural.py            # dev run -> neural/model-dev.onnx, prints dev F1
    python training/train_ner_neural.py --final    # + retrain on all of ANERcorp-train -> neural/model.onnx

The shipped recipe (self-training rounds, the curated gazetteer, gold-only tuning, an eight-seed ensemble distilled
into students with ``--teachers``, three students merged with ``--merge``) is spelled out in
naba/resources/ner/MODEL_CARD.md.

torch, gensim and onnx are training-only dependencies (``pip install .[train]``); the tagger runs on
onnxruntime (``naba.entities.ner_neural``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import GAZETTEER_FILE, NerLexicons, document_hints  # noqa: E402
from naba.entities.ner_neural import (  # noqa: E402
    CATEGORICAL, FLAGS, MAX_CHARS, NEURAL_DIR, TAGS, UNKNOWN, VECTORS_FILE, VOCAB_FILE, Batch, NeuralVocab,
    allowed_transitions, encode, viterbi, word_cues,
)
from naba.entities.ner_scoring import format_table, score  # noqa: E402
from training.ner_lexicons import gazetteer_entries, write_gazetteer  # noqa: E402
from training.train_ner import ANERCORP, KB_DIR, OUT_DIR, SHARED, read_conll, split_dev  # noqa: E402

VECTORS_KV = ROOT / "build" / "ner-neural" / "w2v.kv"
CATEGORY_DIMS = {"gaz": 16, "clitic": 8, "shape": 4, "freq": 8, "c0": 16, "c1": 16, "c2": 8, "doc_rep": 8, "pname": 4}


def build_vocab(train, lex: NerLexicons, kv, size: int) -> tuple[NeuralVocab, np.ndarray]:
    """The top ``size`` word2vec words by count (plus the training words it knows), the training
    characters and cue values; the vector table (rows 0/1: padding/unknown, zero) in float16."""
    by_count = sorted(kv.index_to_key, key=lambda w: (-kv.get_vecattr(w, "count"), w))
    chosen = by_count[:size]
    seen = set(chosen)
    chars: Counter[str] = Counter()
    categories: dict[str, Counter[str]] = {name: Counter() for name in CATEGORICAL}
    hints = document_hints([words for words, _ in train], words=lex.words)
    for (words, _), hint in zip(train, hints, strict=True):
        for cues in word_cues(words, lex, hint):
            for form in (cues["form"], *cues["stems"]):
                if form not in seen and form in kv.key_to_index:
                    seen.add(form)
                    chosen.append(form)
            chars.update(cues["form"][:MAX_CHARS])
            for name in CATEGORICAL:
                if name in cues:
                    categories[name][cues[name]] += 1
    index = lambda items: {item: i + 2 for i, item in enumerate(items)}  # noqa: E731
    vocab = NeuralVocab(
        index(chosen), index(sorted(c for c, n in chars.items() if n >= 2)),
        {name: index(sorted(v for v, n in counts.items() if n >= 2)) for name, counts in categories.items()},
    )
    table = np.zeros((len(chosen) + 2, kv.vector_size), np.float32)
    for word, row in vocab.words.items():
        table[row] = kv[word]
    table /= table[2:].std()  # unit scale, like the other inputs' embeddings; float16-safe
    return vocab, table.astype(np.float16)


def encode_sentences(data, lex: NerLexicons, vocab: NeuralVocab):
    """One encoded single-sentence Batch and tag ids per sentence; document hints over the whole list
    (consecutive sentences of the same articles), as at tagging time."""
    hints = document_hints([words for words, _ in data], words=lex.words)
    tag_ids = {tag: i for i, tag in enumerate(TAGS)}
    return [(encode([words], lex, vocab, [hint]), np.array([tag_ids[t] for t in tags], np.int64))
            for (words, tags), hint in zip(data, hints, strict=True)]


def collate(items) -> tuple[Batch, np.ndarray]:
    width = max(len(tags) for _, tags in items)

    def pad(name):
        arrays = [getattr(b, name)[0] for b, _ in items]
        out = np.zeros((len(arrays), width, *arrays[0].shape[1:]), arrays[0].dtype)
        for i, a in enumerate(arrays):
            out[i, :len(a)] = a
        return out

    batch = Batch(pad("words"), pad("stems"), pad("chars"), pad("categories"), pad("flags"),
                  np.array([len(tags) for _, tags in items], np.int64))
    tags = np.zeros((len(items), width), np.int64)
    for i, (_, t) in enumerate(items):
        tags[i, :len(t)] = t
    return batch, tags


def make_model(vocab: NeuralVocab, args):
    import torch
    from torch import nn

    class Emitter(nn.Module):
        """Word + stem vectors, char-CNN, cue embeddings -> forward and backward LSTMs -> tag scores.
        The backward LSTM reads each sentence reversed within its length, so padding never leaks in
        and the graph exports to plain ONNX."""

        def __init__(self):
            super().__init__()
            self.char_emb = nn.Embedding(len(vocab.chars) + 2, args.char_dim, padding_idx=0)
            self.char_cnn = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
            self.cat_embs = nn.ModuleList(
                nn.Embedding(len(vocab.categories[name]) + 2, CATEGORY_DIMS[name], padding_idx=0) for name in CATEGORICAL
            )
            size = 2 * args.word_dim + args.char_filters + sum(CATEGORY_DIMS.values()) + len(FLAGS)
            self.drop = nn.Dropout(args.dropout)
            self.forward_lstm = nn.LSTM(size, args.hidden, batch_first=True)
            self.backward_lstm = nn.LSTM(size, args.hidden, batch_first=True)
            self.out = nn.Linear(2 * args.hidden, len(TAGS))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))

        def forward(self, words, stems, chars, categories, flags, lengths):
            forward_h, backward_h = self.encode(words, stems, chars, categories, flags, lengths)
            return self.out(self.drop(torch.cat([forward_h, backward_h], dim=-1)))

        def encode(self, words, stems, chars, categories, flags, lengths):
            """The forward and backward LSTM states [B, T, hidden] (what the language-model
            pretraining of ``pretrain_ner_encoder.py`` trains too)."""
            b, t, c = chars.shape
            ch = self.char_emb(chars.reshape(b * t, c)).transpose(1, 2)
            ch = torch.relu(self.char_cnn(ch)).max(dim=2).values.reshape(b, t, -1)
            cats = [emb(categories[:, :, i]) for i, emb in enumerate(self.cat_embs)]
            x = self.drop(torch.cat([words, stems, ch, *cats, flags], dim=-1))
            steps = torch.arange(t, device=x.device).unsqueeze(0)
            last = lengths.unsqueeze(1) - 1
            reverse = torch.where(steps <= last, last - steps, steps)
            idx = reverse.unsqueeze(-1)
            forward_h, _ = self.forward_lstm(x)
            backward_h, _ = self.backward_lstm(torch.gather(x, 1, idx.expand(-1, -1, x.size(-1))))
            return forward_h, torch.gather(backward_h, 1, idx.expand(-1, -1, backward_h.size(-1)))

    return Emitter()


def average(members):
    """One emitter whose tag scores and CRF scores are the mean of ``members``' (a seed ensemble in
    one ONNX graph: one call per report)."""
    import torch
    from torch import nn

    class Averaged(nn.Module):
        def __init__(self):
            super().__init__()
            self.members = nn.ModuleList(members)
            for name in ("start", "transitions", "end"):
                setattr(self, name, nn.Parameter(torch.stack([getattr(m, name).detach() for m in members]).mean(0)))

        def forward(self, *inputs):
            return torch.stack([m(*inputs) for m in self.members]).mean(0)

    return Averaged()


def crf_loss(model, emissions, tags, lengths):
    """Negative log-likelihood of the gold paths under the linear-chain CRF (mean over sentences)."""
    import torch

    b, t, _ = emissions.shape
    mask = torch.arange(t).unsqueeze(0) < lengths.unsqueeze(1)
    rows = torch.arange(b)
    gold = model.start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
    alpha = model.start.unsqueeze(0) + emissions[:, 0]
    for i in range(1, t):
        step = model.transitions[tags[:, i - 1], tags[:, i]] + emissions[rows, i, tags[:, i]]
        gold = gold + step * mask[:, i]
        nxt = torch.logsumexp(alpha.unsqueeze(2) + model.transitions.unsqueeze(0) + emissions[:, i].unsqueeze(1), dim=1)
        alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
    gold = gold + model.end[tags[rows, lengths - 1]]
    log_z = torch.logsumexp(alpha + model.end.unsqueeze(0), dim=1)
    return (log_z - gold).mean()


def tensors(batch: Batch, table):
    import torch

    return (table[torch.from_numpy(batch.words)], table[torch.from_numpy(batch.stems)], torch.from_numpy(batch.chars),
            torch.from_numpy(batch.categories), torch.from_numpy(batch.flags), torch.from_numpy(batch.lengths))


def crf_scores(model) -> dict[str, np.ndarray]:
    return {name: getattr(model, name).detach().numpy().astype(np.float32) for name in ("start", "transitions", "end")}


def predict(model, encoded, table, batch_size: int = 64) -> list[list[str]]:
    import torch

    model.eval()
    mask_start, mask_trans = allowed_transitions()
    crf = crf_scores(model)
    start, trans, end = crf["start"] + mask_start, crf["transitions"] + mask_trans, crf["end"]
    out = []
    with torch.no_grad():
        for i in range(0, len(encoded), batch_size):
            batch, _ = collate(encoded[i:i + batch_size])
            emissions = model(*tensors(batch, table)).numpy()
            out += [[TAGS[k] for k in viterbi(emissions[j, :n], start, trans, end)] for j, n in enumerate(batch.lengths)]
    return out


def batches(encoded, size: int, rng: random.Random):
    """Shuffled batches of sentences of similar length (little padding)."""
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][1]) + rng.random() * 4))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    return groups


def train(args, fit, held, vocab, table_np, log, epochs: int | None = None, start=None, lr: float | None = None,
          targets=None, crf: dict[str, np.ndarray] | None = None):
    """Train on ``fit``; with ``held``, keep the state of the best held-out F1 (early stopping);
    without, train exactly ``epochs`` epochs. ``start``: go on training this model (its held-out F1
    is the one to beat). With ``targets`` (teacher emissions, one array per ``fit`` sentence) and
    ``crf`` (their CRF scores, kept fixed), a student learns the teachers' emissions by squared
    error instead of the tags: it decodes as their ensemble does (``--teachers``). Returns (model,
    best epoch, best held-out F1)."""
    import torch

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    table = torch.from_numpy(table_np.astype(np.float32))
    model = start if start is not None else make_model(vocab, args)
    for name, scores in (crf or {}).items():
        getattr(model, name).data = torch.from_numpy(scores)
        getattr(model, name).requires_grad_(False)
    if args.init and start is None:  # a cue table that grew since (a new gazetteer kind) starts afresh
        own = model.state_dict()
        state = {k: v for k, v in torch.load(args.init).items() if k in own and own[k].shape == v.shape}
        model.load_state_dict(state, strict=False)
        log(f"initialised from {args.init}: {len(state)} of {len(own)} tensors")
    optimiser = torch.optim.Adam(model.parameters(), lr=lr or args.lr)
    held_tags = [[TAGS[k] for k in tags] for _, tags in held] if held is not None else []
    best, best_epoch, best_state, stale = -1.0, 0, None, 0
    if start is not None and held is not None:
        best = score(held_tags, predict(model, held, table))["micro"].f1
        best_state = {k: v.clone() for k, v in model.state_dict().items()}
    for epoch in range(1, (epochs or args.epochs) + 1):
        model.train()
        started, total = time.perf_counter(), 0.0
        for group in batches(fit, args.batch, rng):
            batch, tags = collate([fit[i] for i in group])
            if args.word_dropout:
                drop = np.random.default_rng(rng.randrange(1 << 30)).random(batch.words.shape) < args.word_dropout
                batch.words = np.where(drop, UNKNOWN, batch.words)
            emissions = model(*tensors(batch, table))
            if targets is None:
                loss = crf_loss(model, emissions, torch.from_numpy(tags), torch.from_numpy(batch.lengths))
            else:
                loss = _distillation_loss(emissions, [targets[i] for i in group], batch.lengths)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item() * len(group)
        line = f"epoch {epoch}: loss {total / len(fit):.3f}, {time.perf_counter() - started:.0f}s"
        if held is not None:
            f1 = score(held_tags, predict(model, held, table))["micro"].f1
            line += f", held-out micro-F1 {100 * f1:.2f}"
            if f1 > best:
                best, best_epoch, stale = f1, epoch, 0
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
            else:
                stale += 1
        log(line)
        if held is not None and stale >= args.patience:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    return model, best_epoch if start is not None else best_epoch or (epochs or args.epochs), best


def _distillation_loss(emissions, wanted: list[np.ndarray], lengths: np.ndarray):
    """Mean squared error between a student's emissions and its teachers' over the real words."""
    import torch

    b, width, _ = emissions.shape
    want = np.zeros((b, width, len(TAGS)), np.float32)
    for row, scores in enumerate(wanted):
        want[row, :len(scores)] = scores
    mask = (torch.arange(width).unsqueeze(0) < torch.from_numpy(lengths).unsqueeze(1)).unsqueeze(-1)
    return (((emissions - torch.from_numpy(want)) ** 2) * mask).sum() / (mask.sum() * len(TAGS))


def export(model, sample: Batch, table_np, path: Path) -> None:
    """ONNX graph of the emitter (word vectors fed in, so model files share one vector table) and
    the CRF scores beside it (``.npz``)."""
    import torch

    model.eval()
    table = torch.from_numpy(table_np.astype(np.float32))
    inputs = tensors(sample, table)
    names = ["words", "stems", "chars", "categories", "flags", "lengths"]
    axes = {"words": {0: "batch", 1: "time"}, "stems": {0: "batch", 1: "time"}, "chars": {0: "batch", 1: "time"},
            "categories": {0: "batch", 1: "time"}, "flags": {0: "batch", 1: "time"}, "lengths": {0: "batch"},
            "emissions": {0: "batch", 1: "time"}}
    torch.onnx.export(model, inputs, str(path), input_names=names, output_names=["emissions"], dynamic_axes=axes,
                      opset_version=17, dynamo=False)
    np.savez(path.with_suffix(".npz"), **crf_scores(model))
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = dict(zip(names, (t.numpy() for t in inputs), strict=True))
    got = session.run(["emissions"], feeds)[0]
    with torch.no_grad():
        want = model(*inputs).numpy()
    gap = float(np.abs(got - want).max())
    if gap > 1e-3:
        raise RuntimeError(f"ONNX export of {path} differs from torch by {gap}")


def merge_exported(paths: list[Path], out: Path) -> None:
    """One ONNX graph averaging the emissions of separately trained and exported models (same
    vocabulary and vectors: the same ``--vectors`` and data), and their averaged CRF scores."""
    import onnx
    from onnx import compose, helper

    models = [onnx.load(str(path)) for path in paths]
    nodes, initializers, infos, outputs = [], [], [], []
    for number, model in enumerate(models):
        renamed = compose.add_prefix(model, f"m{number}/", rename_inputs=False)
        nodes += renamed.graph.node
        initializers += renamed.graph.initializer
        infos += renamed.graph.value_info
        outputs.append(renamed.graph.output[0].name)
    nodes.append(helper.make_node("Mean", outputs, ["emissions"]))
    first = models[0]
    graph = helper.make_graph(nodes, "naba_ner_ensemble", list(first.graph.input), list(first.graph.output),
                              initializers, value_info=infos)
    merged = helper.make_model(graph, opset_imports=first.opset_import)
    merged.ir_version = first.ir_version
    onnx.checker.check_model(merged)
    onnx.save(merged, str(out))
    scores = [np.load(path.with_suffix(".npz")) for path in paths]
    np.savez(out.with_suffix(".npz"), **{k: np.mean([s[k] for s in scores], axis=0) for k in ("start", "transitions", "end")})


def silver_sentences(teacher_path: Path, articles: int, skip: int) -> list[tuple[list[str], list[str]]]:
    """Self-training data: lines of unlabelled SaudiNewsNet articles (after the first ``skip``)
    tagged by a teacher model (e.g. a seed ensemble: the student learns it at one model's cost)."""
    from naba.entities.ner_neural import NeuralNerTagger
    from naba.text.tokens import TOKEN_RE
    from training.ner_embeddings import unlabelled_articles

    teacher = NeuralNerTagger.load(teacher_path)
    out = []
    for article in unlabelled_articles(skip, articles):
        lines = [[m.group() for m in TOKEN_RE.finditer(part)] for part in (article.get("content") or "").split("\n")]
        lines = [words for words in lines if 5 <= len(words) <= 80]
        if lines:
            out += list(zip(lines, teacher.tag_document(lines), strict=True))
    return out


def write_conll(sentences, path: Path) -> None:
    """Tagged lines as ``read_conll`` reads them: a word and its tag a line, a blank line after each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for words, tags in sentences:
            handle.writelines(f"{word} {tag}\n" for word, tag in zip(words, tags, strict=True))
            handle.write("\n")


def transfer_lines(articles: int, skip: int) -> list[tuple[list[str], list[str]]]:
    """Untagged sentences of unlabelled SaudiNewsNet articles (``skip`` .. ``skip + articles``; cut
    at line breaks and sentence-final marks, 5-80 words), for a student to learn its teachers' scores on."""
    from naba.text.tokens import TOKEN_RE
    from training.ner_embeddings import unlabelled_articles

    out = []
    for article in unlabelled_articles(skip, articles):
        for part in (article.get("content") or "").split("\n"):
            words: list[str] = []
            for m in TOKEN_RE.finditer(part):
                words.append(m.group())
                if m.group() in (".", "؟", "!"):
                    if 5 <= len(words) <= 80:
                        out.append((words, ["O"] * len(words)))
                    words = []
            if 5 <= len(words) <= 80:
                out.append((words, ["O"] * len(words)))
    return out


def teacher_scores(paths: list[Path], encoded, table_np, batch_size: int = 64):
    """The mean emissions of the teacher models (exported .onnx, same vocabulary and vectors) for
    each encoded sentence, and their mean CRF scores: what the ensemble of them decodes with."""
    import onnxruntime

    sessions = [onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"]) for path in paths]
    crf = {}
    for path in paths:
        with np.load(path.with_suffix(".npz")) as scores:
            for name in ("start", "transitions", "end"):
                crf[name] = crf.get(name, 0) + scores[name].astype(np.float32) / len(paths)
    table = table_np.astype(np.float32)
    out = []
    for i in range(0, len(encoded), batch_size):
        batch, _ = collate(encoded[i:i + batch_size])
        feeds = {"words": table[batch.words], "stems": table[batch.stems], "chars": batch.chars,
                 "categories": batch.categories, "flags": batch.flags, "lengths": batch.lengths}
        mean = sum(session.run(["emissions"], feeds)[0] for session in sessions) / len(sessions)
        out += [mean[j, :n].astype(np.float32) for j, n in enumerate(batch.lengths)]
    return out, crf


def load_or_score_teachers(args, encoded, table_np, log):
    """``teacher_scores``, kept in ``--targets-cache`` so that students of other seeds reuse them."""
    cache = args.targets_cache
    if cache is not None and cache.is_file():
        with np.load(cache) as saved:
            if len(saved["lengths"]) == len(encoded):
                cuts = np.cumsum(saved["lengths"])[:-1]
                log(f"teachers' scores read from {cache}")
                return np.split(saved["scores"], cuts), {k: saved[k] for k in ("start", "transitions", "end")}
    started = time.perf_counter()
    targets, crf = teacher_scores(args.teachers, encoded, table_np)
    log(f"{len(args.teachers)} teachers scored {len(encoded)} lines in {time.perf_counter() - started:.0f}s")
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, scores=np.concatenate(targets), lengths=np.array([len(t) for t in targets]), **crf)
    return targets, crf


def model_options(parser: argparse.ArgumentParser) -> None:
    """The network's sizes and optimiser options (the pretraining script shares them)."""
    parser.add_argument("--vectors", type=Path, default=VECTORS_KV, help="gensim KeyedVectors (ner_embeddings.py --vectors)")
    parser.add_argument("--vocab", type=int, default=40000, help="words kept in the shipped vector table")
    parser.add_argument("--word-dim", type=int, default=100)
    parser.add_argument("--char-dim", type=int, default=30)
    parser.add_argument("--char-filters", type=int, default=50)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--word-dropout", type=float, default=0.05)
    parser.add_argument("--lr", type=float, default=0.002)
    parser.add_argument("--threads", type=int, default=1, help="torch threads; 1 is much faster on a shared, loaded machine")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    model_options(parser)
    parser.add_argument("--gazetteer", type=Path,
                        help="train with this gazetteer instead of naba/resources/ner's (copied beside the model)")
    parser.add_argument("--build-gazetteer", action="store_true",
                        help="first write --gazetteer from the KB and the curated names (training/ner_lexicons.py)")
    parser.add_argument("--init", type=Path, help="start from these encoder weights (pretrain_ner_encoder.py)")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=5)
    parser.add_argument("--seeds", type=lambda v: [int(x) for x in v.split(",")], default=[13],
                        help="comma-separated seeds; several train an ensemble whose scores are averaged")
    parser.add_argument("--limit", type=int, help="use only the first N training sentences (a timing trial)")
    parser.add_argument("--out", type=Path, default=NEURAL_DIR)
    parser.add_argument("--name", default="model-dev", help="file name (no suffix) of the dev-run model")
    parser.add_argument("--refit", action="store_true",
                        help="after early stopping, retrain on the fit and held-out sentences for the best epoch count "
                             "(the dev sentences stay unseen)")
    parser.add_argument("--final", action="store_true", help="then retrain on all of ANERcorp-train -> model.onnx")
    parser.add_argument("--silver", type=Path, help="teacher .onnx: add unlabelled news lines it tags to the training data")
    parser.add_argument("--silver-articles", type=int, default=600)
    parser.add_argument("--silver-skip", type=int, default=1000, help="unlabelled articles skipped before the silver ones")
    parser.add_argument("--silver-file", type=Path,
                        help="silver lines in CoNLL form (word, space, tag): read them if the file exists, else tag them with "
                             "--silver and write them there (so students with other features learn the same silver)")
    parser.add_argument("--gold-tune", type=int, default=0,
                        help="after training, up to this many epochs on the gold sentences alone at a quarter of the rate")
    parser.add_argument("--gold-tune-fixed", action="store_true",
                        help="tune exactly --gold-tune epochs instead of letting the held-out slice choose (it may keep none)")
    parser.add_argument("--teachers", type=lambda v: [Path(x) for x in v.split(",")],
                        help="instead of learning the tags: learn the mean scores of these exported .onnx models "
                             "(an ensemble distilled into one network) on the fit, silver and transfer lines")
    parser.add_argument("--transfer-articles", type=int, default=0, help="unlabelled articles whose lines join the distillation")
    parser.add_argument("--transfer-skip", type=int, default=2000, help="unlabelled articles skipped before those")
    parser.add_argument("--targets-cache", type=Path, help="the teachers' scores: read if the file exists, else computed and saved")
    parser.add_argument("--merge", type=lambda v: [Path(x) for x in v.split(",")],
                        help="instead of training: average these exported .onnx models into OUT/NAME.onnx")
    args = parser.parse_args()
    if args.merge:
        args.out.mkdir(parents=True, exist_ok=True)
        merge_exported(args.merge, args.out / f"{args.name}.onnx")
        print(f"merged {len(args.merge)} models into {args.out / (args.name + '.onnx')}")
        return 0
    import torch
    from gensim.models import KeyedVectors

    torch.set_num_threads(args.threads)
    for path in (ANERCORP, args.vectors):
        if not path.exists():
            print(f"train_ner_neural: missing {path.resolve()}", file=sys.stderr)
            return 1
    log = lambda line: print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)  # noqa: E731
    sentences = read_conll(ANERCORP)
    train_part, dev = split_dev(sentences)
    fit, held = split_dev(train_part)  # early stopping on the train part's own last 10%
    if args.limit:
        fit = fit[:args.limit]
    if args.build_gazetteer and args.gazetteer:
        args.gazetteer.parent.mkdir(parents=True, exist_ok=True)
        write_gazetteer(gazetteer_entries(SHARED, KB_DIR), args.gazetteer)
    lex = NerLexicons.load(OUT_DIR, gazetteer_path=args.gazetteer)
    kv = KeyedVectors.load(str(args.vectors))
    args.word_dim = kv.vector_size
    vocab, table = build_vocab(train_part, lex, kv, args.vocab)
    log(f"{len(fit)} fit, {len(held)} held-out, {len(dev)} dev sentences; vocabulary {len(vocab.words)} words, "
        f"{len(vocab.chars)} characters; {sum(map(len, (w for w, _ in fit)))} fit tokens")
    enc_fit, enc_held, enc_dev = (encode_sentences(d, lex, vocab) for d in (fit, held, dev))
    silver = []
    if args.silver_file and args.silver_file.is_file():
        silver = read_conll(args.silver_file)
        log(f"silver: {len(silver)} lines read from {args.silver_file}, {sum(t != 'O' for _, tags in silver for t in tags)} name words")
    elif args.silver:
        silver = silver_sentences(args.silver, args.silver_articles, args.silver_skip)
        log(f"silver: {len(silver)} lines of {args.silver_articles} unlabelled articles tagged by {args.silver.name}, "
            f"{sum(t != 'O' for _, tags in silver for t in tags)} name words")
        if args.silver_file:
            write_conll(silver, args.silver_file)
    enc_gold = enc_fit
    enc_fit = enc_fit + encode_sentences(silver, lex, vocab)
    dense = torch.from_numpy(table.astype(np.float32))
    dev_tags = [tags for _, tags in dev]
    dev_scores = lambda model: score(dev_tags, predict(model, enc_dev, dense))  # noqa: E731
    if args.teachers:
        enc_transfer = enc_fit + encode_sentences(transfer_lines(args.transfer_articles, args.transfer_skip), lex, vocab)
        targets, crf = load_or_score_teachers(args, enc_transfer, table, log)
    members, epochs = [], []
    for seed in args.seeds:
        args.seed = seed
        started = time.perf_counter()
        if args.teachers:
            model, best_epoch, best = train(args, enc_transfer, enc_held, vocab, table, log, targets=targets, crf=crf)
        else:
            model, best_epoch, best = train(args, enc_fit, enc_held, vocab, table, log)
        minutes = (time.perf_counter() - started) / 60
        log(f"seed {seed}: best held-out micro-F1 {100 * best:.2f} at epoch {best_epoch}; trained in {minutes:.1f} min")
        tuned = 0
        if args.gold_tune:  # then the gold alone, slower: the silver taught the news, the gold the conventions
            scores = dev_scores(model)
            log(f"seed {seed}: dev micro-F1 {100 * scores['micro'].f1:.2f} before gold-only tuning")
            held_choice = None if args.gold_tune_fixed else enc_held  # fixed: exactly --gold-tune epochs
            model, tuned, best = train(args, enc_gold, held_choice, vocab, table, log, epochs=args.gold_tune, start=model, lr=args.lr / 4)
            tuned = args.gold_tune if args.gold_tune_fixed else tuned
            log(f"seed {seed}: gold-only tuning, {tuned} epoch(s)" if args.gold_tune_fixed
                else f"seed {seed}: gold-only tuning kept epoch {tuned} (held-out micro-F1 {100 * best:.2f})")
        if args.refit:  # both stages again, the held-out slice learned too, for the epochs it chose
            scores = dev_scores(model)
            log(f"seed {seed}: dev micro-F1 {100 * scores['micro'].f1:.2f} before the refit")
            model = train(args, enc_fit + enc_held, None, vocab, table, log, epochs=best_epoch)[0]
            if tuned:
                model = train(args, enc_gold + enc_held, None, vocab, table, log, epochs=tuned, start=model, lr=args.lr / 4)[0]
            log(f"seed {seed}: refit on the fit and held-out sentences ({best_epoch} epochs, then {tuned} gold-only)")
        scores = dev_scores(model)
        log(f"seed {seed}: dev micro-F1 {100 * scores['micro'].f1:.2f}")
        members.append(model)
        epochs.append(best_epoch)
    model = members[0] if len(members) == 1 else average(members)
    scores = dev_scores(model)
    print(format_table(scores))
    log(f"dev micro-F1 {100 * scores['micro'].f1:.2f} ({args.name}, {len(members)} seed(s))")
    args.out.mkdir(parents=True, exist_ok=True)
    vocab.save(args.out / VOCAB_FILE)
    if args.gazetteer:
        shutil.copyfile(args.gazetteer, args.out / GAZETTEER_FILE)
    np.save(args.out / VECTORS_FILE, table)
    sample, _ = collate(enc_dev[:4])
    export(model, sample, table, args.out / f"{args.name}.onnx")
    log(f"exported {args.out / (args.name + '.onnx')}")
    if args.final:
        enc_all = encode_sentences(sentences, lex, vocab)
        finals = []
        for seed, best_epoch in zip(args.seeds, epochs, strict=True):
            args.seed = seed
            finals.append(train(args, enc_all, None, vocab, table, log, epochs=best_epoch)[0])
        export(finals[0] if len(finals) == 1 else average(finals), sample, table, args.out / "model.onnx")
        log(f"exported {args.out / 'model.onnx'} (all of ANERcorp-train, {epochs} epochs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
