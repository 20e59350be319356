"""Text layer: normalisation with an offset map, sentences, tokens and clitic splits."""

from __future__ import annotations

from naba.text.normalise import normalise, normalise_text
from naba.text.sentences import split_sentences
from naba.text.tokens import clitic_splits, tokenize


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


class TestNormalise:
    def test_letter_variants_fold_for_matching(self):
        assert normalise_text("أإآٱ") == "اااا"
        assert normalise_text("مستشفى") == "مستشفي"
        assert normalise_text("مدرسة") == "مدرسه"

    def test_diacritics_tatweel_and_bidi_marks_vanish(self):
        assert normalise_text("مُحَمَّـــد") == "محمد"
        assert normalise_text("\u200fغزة\u200e") == "غزه"

    def test_digits_and_presentation_forms(self):
        assert normalise_text("٢٠٢٥ و۱۴") == "2025 و14"
        assert normalise_text("\ufefb") == "لا"  # lam-alef ligature

    def test_offsets_map_back_into_the_untouched_text(self):
        text = "قالَ الرئيسُ: ٣٠ عاماً"
        result = normalise(text)
        start = result.text.index("الرئيس")
        begin, end = result.to_original(start, start + len("الرئيس"))
        assert text[begin:end] == "الرئيس"
        digits = result.text.index("30")
        assert text[slice(*result.to_original(digits, digits + 2))] == "٣٠"


class TestSentences:
    def test_arabic_marks_end_sentences_but_the_comma_does_not(self):
        text = "وصل الوفد إلى الرياض، ثم عقد اجتماعاً. هل انتهت المفاوضات؟ نعم! وبعدها؛ غادر الوفد"
        assert sentences_of(text) == [
            "وصل الوفد إلى الرياض، ثم عقد اجتماعاً.",
            "هل انتهت المفاوضات؟",
            "نعم!",
            "وبعدها؛",
            "غادر الوفد",
        ]

    def test_line_breaks_make_sub_heads_their_own_sentence(self):
        text = "خلفية الأزمة\nبدأت الأزمة قبل عامين"
        assert sentences_of(text) == ["خلفية الأزمة", "بدأت الأزمة قبل عامين"]

    def test_quotes_decimals_and_abbreviations_do_not_split(self):
        text = 'وقال إن "الوضع صعب. لكننا متفائلون" وأضاف أن النمو بلغ 3.5 في المئة. وتحدث د. أحمد عن الخطة.'
        assert sentences_of(text) == [
            'وقال إن "الوضع صعب. لكننا متفائلون" وأضاف أن النمو بلغ 3.5 في المئة.',
            "وتحدث د. أحمد عن الخطة.",
        ]

    def test_a_full_stop_glued_to_the_next_arabic_word_still_ends_the_sentence(self):
        assert sentences_of("جاء «تقديراً لجهوده».وعبّر الفنان عن سعادته. زار موقع example.com أمس.") == [
            "جاء «تقديراً لجهوده».",
            "وعبّر الفنان عن سعادته.",
            "زار موقع example.com أمس.",
        ]

    def test_headline_separator_is_not_a_sentence_end(self):
        assert len(sentences_of("مفاجأة في الرياض.. الوفد يصل اليوم")) == 1

    def test_an_unbalanced_quote_does_not_swallow_the_paragraph(self):
        assert len(sentences_of('قال "إن الوضع صعب. ثم غادر. وانتهى الاجتماع.')) == 3
        text = 'وقال "الحماد": هذا العيد نعمة تستوجب الشكر". وحث الموظفين على العمل. وعايدت الجامعة "منسوبيها" أمس.'
        assert len(sentences_of(text)) == 3


class TestTokens:
    def test_tokens_carry_offsets_into_the_text(self):
        text = "وقال ترامب: ٣٠ عاماً (تقريباً)."
        for token in tokenize(text):
            assert text[token.start:token.end] == token.text
        assert [t.text for t in tokenize(text)][:4] == ["وقال", "ترامب", ":", "٣٠"]

    def test_clitic_splits_offer_the_stem_of_glued_names(self):
        assert ("ل", "اسرائيل") in clitic_splits(normalise_text("لإسرائيل"))
        assert ("و", "واشنطن") in clitic_splits(normalise_text("وواشنطن"))
        assert ("لل", "رئيس") in clitic_splits(normalise_text("للرئيس"))
        assert ("وبال", "اتفاق") in clitic_splits(normalise_text("وبالاتفاق"))
        assert clitic_splits("وزير")[-1] == ("", "وزير")  # the unsplit reading is always offered

    def test_stem_offset_skips_the_clitic_in_the_original(self):
        text = "وَلإسرائيل"
        (token,) = tokenize(text)
        prefix, stem = token.splits[0]
        assert stem == "اسرائيل"
        assert text[token.offset_after(prefix):token.end] == "إسرائيل"
