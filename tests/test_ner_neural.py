"""The neural NER tagger (BiLSTM-CRF on onnxruntime): sentences written for this test, batching, and
its micro-F1 on the real dev split (the last 10% of ANERcorp-train, read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from naba.analysis import Analysis
from naba.entities.ner import load_model, load_shipped
from naba.entities.ner_neural import NEURAL_DIR, TAGS, NeuralNerTagger, allowed_transitions, viterbi
from naba.entities.ner_scoring import score

ANERCORP = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ner" / "anercorp-train.txt"

# Written for this test (not from any corpus).
SENTENCE = "وقال وزير الخارجية الألماني هايكو ماس في برلين إن الاتحاد الأوروبي سيرسل وفدا إلى القاهرة ."
OTHER = "وأعلنت شركة أرامكو السعودية عن نتائجها في الرياض أمس ."


@pytest.fixture(scope="module")
def tagger() -> NeuralNerTagger:
    return NeuralNerTagger.load()


def test_tags_names_in_a_sentence_written_here(tagger):
    analysis = Analysis.of(SENTENCE)
    found = {analysis.text[s:e]: label for s, e, label in tagger.spans(analysis)}
    assert found.get("هايكو ماس") == "PERS", found
    assert found.get("برلين") == "LOC", found
    assert found.get("القاهرة") == "LOC", found
    assert any(label == "ORG" and "الاتحاد الأوروبي" in text for text, label in found.items()), found


def test_one_batch_gives_the_same_tags_as_one_sentence_at_a_time(tagger):
    long, short = SENTENCE.split(), OTHER.split()
    together = tagger.tag_document([long, [], short])
    assert together[1] == []
    assert together[0] == tagger.tag(long)  # padding of the shorter sentence leaks nowhere
    assert together[2] == tagger.tag(short)
    assert all(tag in TAGS for tag in together[0] + together[2])


def test_decoding_never_opens_a_name_with_an_inside_tag():
    start, trans = allowed_transitions()
    emissions = np.zeros((3, len(TAGS)), np.float32)
    emissions[:, TAGS.index("I-ORG")] = 5.0  # the network alone would say I-ORG everywhere
    path = [TAGS[i] for i in viterbi(emissions, start, trans, np.zeros(len(TAGS), np.float32))]
    assert path[0] != "I-ORG" and path[0] in TAGS
    for prev, tag in zip(path, path[1:], strict=False):
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:], path


def test_the_shipped_loader_and_the_file_loader_agree_on_kind(tagger):
    assert isinstance(load_model(NEURAL_DIR / "model-dev.onnx"), NeuralNerTagger)
    assert load_shipped(kind="crf").tag(OTHER.split())  # the CRF stays loadable as a variant
    with pytest.raises(ValueError, match="unknown NER tagger kind"):
        load_shipped(kind="bert")


def test_dev_split_micro_f1_above_floor():
    if not ANERCORP.is_file():
        pytest.skip(f"ANERcorp train file not found at {ANERCORP.resolve()}")
    from training.train_ner import read_conll, split_dev

    _, dev = split_dev(read_conll(ANERCORP))
    dev_model = load_model(NEURAL_DIR / "model-dev.onnx")  # trained without the dev sentences
    predicted = dev_model.tag_document([words for words, _ in dev])
    micro = score([tags for _, tags in dev], predicted)["micro"].f1
    assert micro >= 0.75, f"neural dev micro-F1 {100 * micro:.2f}"
