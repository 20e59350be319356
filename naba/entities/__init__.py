"""Entities: NER, knowledge-base linking and coreference.

``EntityStage`` runs the KB alias index and, when its model file is present, the CRF tagger over a
report, links what they find (``naba.entities.link``), groups mentions into entities
(``naba.entities.coref``) and returns one ``Entity`` per real-world entity with all its mentions.
"""

from __future__ import annotations

from naba.analysis import Analysis
from naba.entities.coref import build_entities, cluster_unknown, resolve_titles, surnames_of_full_names
from naba.entities.kb import KnowledgeBase
from naba.entities.link import drop_weak_inside_names, kb_mentions, ner_mentions, trim_spans
from naba.entities.refine import (
    EntityWords, attach_titles, country_references, drop_phrases, given_names_before, names_after_particles, names_inside_names,
    organisation_references, places_ending_names, repair_spans, split_partial_names,
)
from naba.lang import Language
from naba.lang import default as default_language
from naba.record import Entity


class EntityStage:
    def __init__(self, kb: KnowledgeBase, tagger=None, words: EntityWords | None = None, translit=None):
        self.kb = kb
        self.tagger = tagger  # naba.entities.ner.NerTagger, or None when no model is installed
        self.words = words if words is not None else EntityWords.load(default_language())
        self.translit = translit if translit is not None else load_transliterator()

    @classmethod
    def load(cls, lang: Language | None = None, with_tagger: bool = True) -> EntityStage:
        """Load the KB, the word lists of ``lang`` and, when ``naba/resources/ner/model.crfsuite``
        exists, the tagger."""
        lang = lang if isinstance(lang, Language) else default_language()
        return cls(KnowledgeBase.load(lang=lang), load_tagger(lang) if with_tagger else None, EntityWords.load(lang), load_transliterator(lang))

    def __call__(self, analysis: Analysis) -> list[Entity]:
        tokens = analysis.tokens
        ner = trim_spans(analysis, self.tagger.spans(analysis)) if self.tagger is not None else []
        ner = repair_spans(analysis, drop_phrases(analysis, ner, self.words), self.words, self.kb.person_words)
        matches = self.kb.match(tokens)
        linked = drop_weak_inside_names(kb_mentions(self.kb, matches, ner, tokens, self.words.common), ner)
        linked = given_names_before(self.kb, analysis, names_after_particles(analysis, linked, self.words), ner, self.words)
        linked = places_ending_names(analysis, linked, ner, self.words)
        linked, ner = split_partial_names(self.kb, analysis, linked, ner, self.words)
        found = names_inside_names(analysis, linked + ner_mentions(ner, linked), self.words)
        linked = [m for m in found if m.entity is not None]
        unknown = [m for m in found if m.entity is None]
        surnames = cluster_unknown(analysis, unknown, linked, self.words)
        mentions = linked + unknown + surnames
        surnames_of_full_names(analysis, mentions, self.words)
        attach_titles(analysis, mentions, self.words)
        mentions += country_references(self.kb, analysis, mentions, self.words)
        mentions += organisation_references(analysis, mentions, self.words)
        home = self.kb.outlet_country(analysis.meta.outlet, analysis.meta.url)
        titles = resolve_titles(self.kb, analysis, self.kb.match_titles(tokens, matches, home), mentions, self.words)
        english = self.translit.name if self.translit is not None else None
        return build_entities(self.kb, analysis, mentions + titles, self.words.strip_titles, english, self.words)


def load_transliterator(lang: Language | None = None):
    """The name transliterator (English names for unknown people and places), or None when its
    tables are not installed."""
    from naba.entities.translit import Transliterator

    try:
        return Transliterator.load(lang=lang)
    except FileNotFoundError:
        return None


def load_tagger(lang: Language | None = None):
    """The NER tagger, or None when its model file has not been trained/installed."""
    try:
        from naba.entities.ner import load_shipped
    except ImportError:
        return None
    try:
        return load_shipped(lang)  # the neural or the CRF tagger, whichever is shipped (ner.SHIPPED)
    except FileNotFoundError:
        return None
