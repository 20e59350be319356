"""Entities: NER, knowledge-base linking and coreference.

``EntityStage`` runs the KB alias index and, when its model file is present, the CRF tagger over a
report, links what they find (``naba.entities.link``), groups mentions into entities
(``naba.entities.coref``) and returns one ``Entity`` per real-world entity with all its mentions.
"""

from __future__ import annotations

from naba.analysis import Analysis
from naba.entities.coref import build_entities, cluster_unknown, resolve_titles
from naba.entities.kb import KnowledgeBase
from naba.entities.link import drop_weak_inside_names, kb_mentions, ner_mentions, trim_spans
from naba.record import Entity


class EntityStage:
    def __init__(self, kb: KnowledgeBase, tagger=None):
        self.kb = kb
        self.tagger = tagger  # naba.entities.ner.NerTagger, or None when no model is installed

    @classmethod
    def load(cls, lang=None, with_tagger: bool = True) -> EntityStage:
        """Load the KB and, when ``naba/resources/ner/model.crfsuite`` exists, the tagger."""
        return cls(KnowledgeBase.load(), load_tagger() if with_tagger else None)

    def __call__(self, analysis: Analysis) -> list[Entity]:
        tokens = analysis.tokens
        ner = trim_spans(analysis, self.tagger.spans(analysis)) if self.tagger is not None else []
        matches = self.kb.match(tokens)
        linked = drop_weak_inside_names(kb_mentions(self.kb, matches, ner), ner)
        unknown = ner_mentions(ner, linked)
        surnames = cluster_unknown(analysis, unknown, linked)
        mentions = linked + unknown + surnames
        titles = resolve_titles(self.kb, analysis, self.kb.match_titles(tokens, matches), mentions)
        return build_entities(self.kb, analysis, mentions + titles)


def load_tagger():
    """The NER tagger, or None when its model file has not been trained/installed."""
    try:
        from naba.entities.ner import NerTagger
    except ImportError:
        return None
    try:
        return NerTagger.load()
    except FileNotFoundError:
        return None
