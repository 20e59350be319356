"""One label per name within a stretch of a report: the pass after the taggers, on sentences
written for this test, and through the shipped neural tagger."""

from __future__ import annotations

import pytest

from naba.entities.features import bare_form, default_ner_words
from naba.entities.label_consistency import consistent_tags
from naba.entities.ner_neural import NeuralNerTagger

WORDS = default_ner_words()


def run(sentences: list[str], tags: list[str], window: int = 10) -> list[list[str]]:
    words = [s.split() for s in sentences]
    return consistent_tags(words, [t.split() for t in tags], lambda w: bare_form(w, WORDS), WORDS.common, window)


def test_an_untagged_repeat_of_a_name_takes_its_label_also_behind_a_clitic():
    out = run(
        ["أعلن البنك التجاري أرباحه السنوية", "وقال رئيس البنك التجاري إن النتائج جيدة", "وارتفعت أسهم للبنك التجاري أمس"],
        ["O B-ORG I-ORG O O", "O O O O O O O", "O O O O O"],
    )
    assert out[1] == ["O", "O", "B-ORG", "I-ORG", "O", "O", "O"]
    assert out[2] == ["O", "O", "B-ORG", "I-ORG", "O"]


def test_a_name_takes_the_type_most_of_its_mentions_have():
    out = run(
        ["فاز ليون على ضيفه", "وتقدم ليون بهدف مبكر", "وحافظ ليون على الصدارة"],
        ["O B-ORG O O", "O B-LOC O O", "O B-ORG O O"],
    )
    assert [t[1] for t in out] == ["B-ORG", "B-ORG", "B-ORG"]


def test_a_tie_keeps_each_label_and_far_sentences_are_not_read():
    tied = run(["زار عمان وفد رسمي", "وأعلنت عمان موقفها"], ["O B-LOC O O", "O B-ORG O"])
    assert tied[0][1] == "B-LOC" and tied[1][1] == "B-ORG"
    far = run(["زار نيسان المعرض", "لا شيء هنا", "ثم جاء نيسان"], ["O B-ORG O", "O O O", "O O O"], window=1)
    assert far[2] == ["O", "O", "O"]


def test_a_common_word_tagged_once_is_not_spread():
    out = run(["قال له الوزير إن الأمر انتهى", "وأكد له المسؤول ذلك"], ["O B-MISC O O O O", "O O O O O"])
    assert out[1] == ["O", "O", "O", "O", "O"]


@pytest.fixture(scope="module")
def tagger() -> NeuralNerTagger:
    return NeuralNerTagger.load()


def test_the_shipped_tagger_makes_its_tags_consistent_with_its_own_words(tagger):
    sentences = [s.split() for s in (
        "أعلنت شركة هواوي عن هاتف جديد في معرض دبي .",
        "وتتوقع هواوي أن ترتفع مبيعاتها في المنطقة .",
    )]
    tagged = tagger.tag_document(sentences)
    assert all(tags[words.index("هواوي")] == "B-ORG" for words, tags in zip(sentences, tagged, strict=True))
    missed = [tagged[0], ["O"] * len(sentences[1])]
    assert tagger.consistent(missed, sentences)[1][1] == "B-ORG"
