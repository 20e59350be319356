"""The Arabic NER taggers over ANERcorp's PERS/LOC/ORG/MISC BIO tags: a CRF (python-crfsuite) and a
neural BiLSTM-CRF (``naba.entities.ner_neural``, onnxruntime); ``load_shipped`` gives the one the
pipeline uses (``SHIPPED``, chosen on the dev split; see the model card).

The models and the lexicons their features read live together in ``naba/resources/ner/``.
``load`` reads them once; tagging is pure and thread-safe per tagger.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from naba.analysis import Analysis
from naba.entities.features import NerLexicons, _word_static, bare_form, document_hints, sentence_features, word_form
from naba.entities.label_consistency import consistent_tags
from naba.entities.ner_scoring import bio_spans
from naba.lang import Language
from naba.lang import default as default_language
from naba.text.tokens import Token

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "ner"
MODEL_FILE = "model.crfsuite"
LABELS = ("PERS", "LOC", "ORG", "MISC")
SHIPPED = "neural"  # "neural" or "crf": the tagger with the better dev-split micro-F1 (MODEL_CARD.md)


def load_shipped(lang: Language | None = None, kind: str | None = None) -> NerTagger:
    """The shipped tagger (``kind``: "neural" or "crf" to choose), its committed model, loaded once."""
    kind = kind or SHIPPED
    if kind == "neural":
        from naba.entities.ner_neural import NeuralNerTagger

        return NeuralNerTagger.load(lang=lang)
    if kind == "crf":
        return NerTagger.load(lang=lang)
    raise ValueError(f"unknown NER tagger kind {kind!r} (neural or crf)")


def load_model(path: Path, lang: Language | None = None) -> NerTagger:
    """A tagger from a model file of either kind: ``.onnx`` (neural) or ``.crfsuite`` (CRF)."""
    if Path(path).suffix == ".onnx":
        from naba.entities.ner_neural import NeuralNerTagger

        return NeuralNerTagger.load(path, lang)
    return NerTagger.load(path, lang)


def droppable_proclitics(lang: Language) -> frozenset[str]:
    """Proclitics (normalised) a span may drop from its first word: a conjunction, a preposition or
    both (naba/lang/ar/affixes.tsv); the article stays part of the name."""
    conjunctions = lang.words("affixes", "form", kind="conjunction")
    prepositions = lang.words("affixes", "form", kind="preposition")
    return frozenset(conjunctions | prepositions | {c + p for c in conjunctions for p in prepositions})


def conjunction_proclitics(lang: Language) -> frozenset[str]:
    """The droppable proclitics that are conjunctions alone (و، ف)."""
    return frozenset(lang.words("affixes", "form", kind="conjunction"))


class NerTagger:
    def __init__(self, tagger: pycrfsuite.Tagger | None, lexicons: NerLexicons, droppable: frozenset[str] | None = None,
                 conjunctions: frozenset[str] | None = None):
        self._tagger = tagger
        self.lexicons = lexicons
        self.droppable = droppable if droppable is not None else droppable_proclitics(default_language())
        self.conjunctions = conjunctions if conjunctions is not None else conjunction_proclitics(default_language())

    @classmethod
    def load(cls, path: Path | None = None, lang: Language | None = None) -> NerTagger:
        """Load a model file (default: the committed model) and the lexicons beside it."""
        model = Path(path) if path is not None else RESOURCE_DIR / MODEL_FILE
        if not model.is_file():
            raise FileNotFoundError(f"NER model not found: {model}")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        lang = lang if lang is not None else default_language()
        return cls(tagger, NerLexicons.load(model.parent, lang), droppable_proclitics(lang), conjunction_proclitics(lang))

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags (ANERcorp names) for one sentence of surface words."""
        return self.tag_document([words])[0]

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for consecutive sentences of one text; each sentence's features also see how
        its words are used in the sentences around it."""
        hints = document_hints(sentences, words=self.lexicons.words)
        return self.consistent([
            list(self._tagger.tag(sentence_features(words, self.lexicons, hint))) if words else []
            for words, hint in zip(sentences, hints, strict=True)
        ], sentences)

    def consistent(self, tags: list[list[str]], sentences: list[list[str]]) -> list[list[str]]:
        """The tags with one label per name within a stretch of the text (``label_consistency``)."""
        words = self.lexicons.words
        return consistent_tags(sentences, tags, lambda word: bare_form(word, words), words.common)

    def spans(self, analysis: Analysis) -> list[tuple[int, int, str]]:
        """(start, end, label) character spans in ``analysis.text``, sentence by sentence."""
        found = []
        sentences = [tokens for tokens in analysis.sentence_tokens if tokens]
        all_tags = self.tag_document([[t.text for t in tokens] for tokens in sentences])
        for tokens, tags in zip(sentences, all_tags, strict=True):
            for first, last, label in bio_spans(tags):
                after_title = first > 0 and "t_pers" in _word_static(tokens[first - 1].text, self.lexicons.words)[1]
                start = self._name_start(tokens[first], after_title)
                found.append((start, tokens[last - 1].end, label))
        return found

    def _name_start(self, token: Token, after_title: bool = False) -> int:
        """Where the name begins in its first word: after a conjunction/preposition (وواشنطن،
        لإسرائيل) when the bare word is a known name or far better attested than the glued form;
        the word's start otherwise (فيصل is not ف + يصل, واس is not و + اس). Right after a person
        title no preposition comes between title and name: الشيخ بشيري is not ب + شيري."""
        counts, gazetteer = self.lexicons.counts, self.lexicons.gazetteer
        whole_form = word_form(token.text)
        if whole_form in gazetteer:
            return token.start
        whole = counts.get(whole_form, 0)
        best_prefix, best_score = "", 0
        for prefix, stem in token.splits:
            if prefix not in self.droppable or after_title and prefix not in self.conjunctions:
                continue
            count = counts.get(stem, 0)
            known = stem in gazetteer or (count >= 3 and count >= 5 * whole)
            if known and count + (1000 if stem in gazetteer else 0) > best_score:
                best_prefix, best_score = prefix, count + (1000 if stem in gazetteer else 0)
        return token.offset_after(best_prefix) if best_prefix else token.start
