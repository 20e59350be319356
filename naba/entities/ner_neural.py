"""The neural Arabic NER tagger: a character-aware BiLSTM-CRF run by onnxruntime, Viterbi in numpy.

Trained by ``training/train_ner_neural.py`` (PyTorch, a training-only dependency) and shipped as an
ONNX graph that maps a padded batch of sentences to tag scores (emissions); the CRF's transition
scores sit beside it and the best tag path is found here, so no torch is needed at run time.
Each word feeds the network: its word2vec vector and that of its clitic-stripped stem (learned
without labels from 29k news articles; a frozen float16 table shared by the model files), its
characters, and the CRF's cheap categorical cues (gazetteer tag, clitics, shape, frequency, word
clusters, trigger words, document hints; ``naba.entities.features``) and whether the word is
a known person-name word. See the model card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from naba.entities.features import (
    GAZETTEER_FILE, DocumentHints, NerLexicons, _cluster_of, _freq_bucket, _word_static, document_hints, gazetteer_tags,
)
from naba.entities.ner import RESOURCE_DIR, NerTagger, conjunction_proclitics, droppable_proclitics
from naba.lang import Language
from naba.lang import default as default_language

NEURAL_DIR = RESOURCE_DIR / "neural"
MODEL_FILE = "model-dev.onnx"  # the shipped model is the dev-run one itself (see the model card)
VOCAB_FILE = "vocab.json"
VECTORS_FILE = "vectors.npy"
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 20  # characters per word the char-CNN sees (fixed: training and tagging pad alike)
# New cues go last: an older model reads only the columns its vocabulary knows.
CATEGORICAL = ("gaz", "clitic", "shape", "freq", "c0", "c1", "c2", "doc_rep", "pname")
FLAGS = ("t_pers", "t_say", "t_org", "t_loc", "art", "doc_pers", "doc_org", "doc_loc", "openpunct")
PAD, UNKNOWN = 0, 1  # ids in every vocabulary


@dataclass(frozen=True)
class NeuralVocab:
    """Ids the network's inputs use: words (rows of the vector table), characters, and the values
    of each categorical cue; 0 pads, 1 is unknown."""

    words: dict[str, int]
    chars: dict[str, int]
    categories: dict[str, dict[str, int]]

    @classmethod
    def load(cls, path: Path) -> NeuralVocab:
        data = json.loads(path.read_text(encoding="utf-8"))
        index = lambda items: {item: i + 2 for i, item in enumerate(items)}  # noqa: E731
        return cls(index(data["words"]), index(data["chars"]), {k: index(v) for k, v in data["categories"].items()})

    def save(self, path: Path) -> None:
        ordered = lambda ids: sorted(ids, key=ids.get)  # noqa: E731
        data = {"words": ordered(self.words), "chars": ordered(self.chars),
                "categories": {k: ordered(v) for k, v in self.categories.items()}}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def word_cues(words: list[str], lex: NerLexicons, hints: DocumentHints | None) -> list[dict[str, str]]:
    """The CRF's cues of each word without its neighbours' (the BiLSTM reads the context itself)."""
    gaz = gazetteer_tags(words, lex)
    out = []
    for i, word in enumerate(words):
        stems, static = _word_static(word, lex.words)
        cues = {key: static[key] for key in ("clitic", "shape", "art", "t_pers", "t_say", "t_org", "t_loc") if key in static}
        cues["form"], cues["bare"], cues["stems"] = static["w"], static["bare"], stems
        if "openpunct" in static:
            cues["openpunct"] = "1"
        cues["freq"] = _freq_bucket(word, lex)
        clusters = _cluster_of(word, lex)
        for level, cid in enumerate(clusters or ("none",) * 3):
            cues[f"c{level}"] = cid
        if gaz[i]:
            cues["gaz"] = gaz[i]
        if static["w"] in lex.person_words or any(stem in lex.person_words for stem in stems):
            cues["pname"] = "1"
        if hints is not None:
            cues.update(hints.cues(static["bare"], cues["freq"]))
        out.append(cues)
    return out


@dataclass
class Batch:
    """Padded network inputs for a batch of sentences (numpy; the trainer wraps them as tensors)."""

    words: np.ndarray  # [B, T] int64 rows of the vector table
    stems: np.ndarray  # [B, T] int64
    chars: np.ndarray  # [B, T, MAX_CHARS] int64
    categories: np.ndarray  # [B, T, len(CATEGORICAL)] int64
    flags: np.ndarray  # [B, T, len(FLAGS)] float32
    lengths: np.ndarray  # [B] int64


STATIC_CATEGORIES = ("clitic", "shape", "freq", "c0", "c1", "c2", "pname")  # of the word alone; gaz and doc_rep need context
STATIC_FLAGS = ("t_pers", "t_say", "t_org", "t_loc", "art", "openpunct")
_CACHE_LIMIT = 200_000


def _word_codes(word: str, lex: NerLexicons, vocab: NeuralVocab) -> tuple:
    """(word id, stem id, char ids, static category ids, static flags, bare form, freq bucket) of
    one word: everything that does not depend on its sentence or document."""
    cues = word_cues([word], lex, None)[0]
    known = vocab.words
    return (
        known.get(cues["form"], UNKNOWN),
        next((known[s] for s in cues["stems"] if s in known), UNKNOWN),
        [vocab.chars.get(char, UNKNOWN) for char in cues["form"][:MAX_CHARS]],
        {name: vocab.categories[name].get(cues[name], UNKNOWN) for name in STATIC_CATEGORIES
         if name in cues and name in vocab.categories},
        [name for name in STATIC_FLAGS if name in cues],
        cues["bare"],
        cues["freq"],
    )


def encode(sentences: list[list[str]], lex: NerLexicons, vocab: NeuralVocab,
           hints: list[DocumentHints] | None = None, cache: dict | None = None) -> Batch:
    """Network inputs for consecutive sentences of one text (``hints``: document_hints of them;
    ``cache``: a dict the caller keeps, word -> its static codes, to skip repeated work)."""
    hints = hints if hints is not None else document_hints(sentences, words=lex.words)
    cache = cache if cache is not None else {}
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    n, width = len(sentences), max((len(s) for s in sentences), default=0) or 1
    columns = [name for name in CATEGORICAL if name in vocab.categories]  # an older model knows fewer cues
    batch = Batch(
        np.zeros((n, width), np.int64), np.zeros((n, width), np.int64), np.zeros((n, width, MAX_CHARS), np.int64),
        np.zeros((n, width, len(columns)), np.int64), np.zeros((n, width, len(FLAGS)), np.float32),
        np.array([max(len(s), 1) for s in sentences], np.int64),
    )
    category_column = {name: k for k, name in enumerate(columns)}
    flag_column = {name: k for k, name in enumerate(FLAGS)}
    gaz_ids, rep_ids = vocab.categories["gaz"], vocab.categories["doc_rep"]
    for b, (words, hint) in enumerate(zip(sentences, hints, strict=True)):
        gaz = gazetteer_tags(words, lex)
        for t, word in enumerate(words):
            codes = cache.get(word)
            if codes is None:
                codes = cache[word] = _word_codes(word, lex, vocab)
            form, stem, chars, categories, flags, bare, freq = codes
            batch.words[b, t], batch.stems[b, t] = form, stem
            batch.chars[b, t, :len(chars)] = chars
            for name, value in categories.items():
                batch.categories[b, t, category_column[name]] = value
            for name in flags:
                batch.flags[b, t, flag_column[name]] = 1.0
            if gaz[t]:
                batch.categories[b, t, category_column["gaz"]] = gaz_ids.get(gaz[t], UNKNOWN)
            for name, value in (hint.cues(bare, freq) if hint is not None else {}).items():
                if name in category_column:  # doc_rep: the frequency bucket of a word the report repeats
                    batch.categories[b, t, category_column[name]] = rep_ids.get(value, UNKNOWN)
                else:
                    batch.flags[b, t, flag_column[name]] = 1.0
    return batch


def allowed_transitions() -> tuple[np.ndarray, np.ndarray]:
    """BIO rules as additive masks: (start [K], transitions [K, K]); I-X only after B-X or I-X."""
    k = len(TAGS)
    start, trans = np.zeros(k, np.float32), np.zeros((k, k), np.float32)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            start[j] = -1e4
            for i, prev in enumerate(TAGS):
                if prev[2:] != tag[2:]:
                    trans[i, j] = -1e4
    return start, trans


def viterbi(emissions: np.ndarray, start: np.ndarray, trans: np.ndarray, end: np.ndarray) -> list[int]:
    """Best tag path of one sentence: emissions [T, K] plus the CRF's start/transition/end scores."""
    score = start + emissions[0]
    back = np.zeros(emissions.shape, np.int64)
    for t in range(1, len(emissions)):
        total = score[:, None] + trans
        back[t] = total.argmax(0)
        score = total.max(0) + emissions[t]
    best = [int((score + end).argmax())]
    for t in range(len(emissions) - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def viterbi_batch(emissions: np.ndarray, lengths: list[int], start: np.ndarray, trans: np.ndarray,
                  end: np.ndarray) -> list[list[int]]:
    """``viterbi`` for every sentence of a padded batch [B, T, K] at once (one step per position,
    not per word): a sentence's score stops moving at its last word."""
    n, width, k = emissions.shape
    lengths_arr = np.asarray(lengths)
    score = start + emissions[:, 0]
    back = np.zeros((n, width, k), np.int64)
    for t in range(1, width):
        total = score[:, :, None] + trans  # [B, K_prev, K]
        back[:, t] = total.argmax(1)
        moved = total.max(1) + emissions[:, t]
        score = np.where((t < lengths_arr)[:, None], moved, score)
    last = (score + end).argmax(1)
    paths = []
    for b, length in enumerate(lengths):
        best = [int(last[b])]
        for t in range(length - 1, 0, -1):
            best.append(int(back[b, t, best[-1]]))
        paths.append(best[::-1])
    return paths


def length_groups(lengths: list[int], slack: float = 1.5) -> list[list[int]]:
    """Indices of the non-empty sentences, by length, cut where the longest would exceed ``slack``
    times the shortest (plus a few words): padding stays small, calls stay few."""
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and lengths[i] <= slack * lengths[groups[-1][0]] + 8:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class NeuralNerTagger(NerTagger):
    """Same interface as the CRF ``NerTagger`` (``tag``, ``tag_document``, ``spans``)."""

    def __init__(self, session, crf: dict[str, np.ndarray], vocab: NeuralVocab, vectors: np.ndarray,
                 lexicons: NerLexicons, droppable: frozenset[str] | None = None, conjunctions: frozenset[str] | None = None):
        super().__init__(None, lexicons, droppable, conjunctions)
        self._session = session
        mask_start, mask_trans = allowed_transitions()
        self._start, self._trans, self._end = crf["start"] + mask_start, crf["transitions"] + mask_trans, crf["end"]
        self.vocab = vocab
        self._vectors = vectors
        self._cache: dict = {}  # word -> its static input codes (bounded in encode)

    @classmethod
    def load(cls, path: Path | None = None, lang: Language | None = None) -> NeuralNerTagger:
        """Load an ONNX model (default: the shipped one), its CRF scores (same name, ``.npz``), the
        vocabulary and vectors beside it, and the CRF's lexicons (gazetteer, clusters) in RESOURCE_DIR."""
        import onnxruntime

        model = Path(path) if path is not None else NEURAL_DIR / MODEL_FILE
        if not model.is_file():
            raise FileNotFoundError(f"neural NER model not found: {model}")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one report at a time; parallelism is the pipeline's, by process
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        with np.load(model.with_suffix(".npz")) as crf:
            scores = {name: crf[name].astype(np.float32) for name in ("start", "transitions", "end")}
        lang = lang if lang is not None else default_language()
        own = model.parent / GAZETTEER_FILE  # a model trained with another gazetteer keeps it beside it
        lexicons = NerLexicons.load(RESOURCE_DIR, lang, own if own.is_file() else None)
        return cls(session, scores, NeuralVocab.load(model.parent / VOCAB_FILE), np.load(model.parent / VECTORS_FILE),
                   lexicons, droppable_proclitics(lang), conjunction_proclitics(lang))

    def emissions(self, batch: Batch) -> np.ndarray:
        """Tag scores [B, T, K] for an encoded batch: one ONNX call for all its sentences."""
        feeds = {
            "words": self._vectors[batch.words].astype(np.float32),
            "stems": self._vectors[batch.stems].astype(np.float32),
            "chars": batch.chars, "categories": batch.categories, "flags": batch.flags, "lengths": batch.lengths,
        }
        return self._session.run(["emissions"], feeds)[0]

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for consecutive sentences of one text: document hints over all of them, then
        one network call per group of sentences of similar length (little padding)."""
        hints = document_hints(sentences, words=self.lexicons.words)
        tags: list[list[str]] = [[] for _ in sentences]
        for group in length_groups([len(words) for words in sentences]):
            batch = encode([sentences[i] for i in group], self.lexicons, self.vocab, [hints[i] for i in group], self._cache)
            paths = viterbi_batch(self.emissions(batch), [len(sentences[i]) for i in group],
                                  self._start, self._trans, self._end)
            for i, path in zip(group, paths, strict=True):
                tags[i] = [TAGS[k] for k in path]
        return self.consistent(tags, sentences)
