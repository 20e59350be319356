"""Attributions: reporting cues, speakers, channels and content, and the sourcing profile.

Steps, one module each: ``cues`` (reporting verbs, passives, وفقاً لـ), ``speaker`` (subject and
its kind), ``coref`` (وأضاف، لكنه أشار، وقال المسؤول), ``via`` (لموقع "أكسيوس"), ``content``
(after إن/أن or a colon to the end of the reported clause), ``attribute`` (puts them together)
and ``sourcing`` (the profile of a whole report). The lexicon lives in ``naba/lang/ar/quotes_*.tsv``.
"""

from __future__ import annotations

from naba.analysis import Analysis
from naba.lang import Language
from naba.quotes.attribute import find_attributions
from naba.quotes.lexicon import CueLexicon
from naba.quotes.sourcing import sourcing_profile
from naba.record import Attribution, Sourcing


class AttributionStage:
    """Finds who said what in a report, through which outlet, and how much rests on whom."""

    def __init__(self, lexicon: CueLexicon):
        self.lexicon = lexicon

    @classmethod
    def load(cls, lang: Language | None = None) -> AttributionStage:
        """``lang``: the Language the pipeline passes to every stage (Arabic when none is given)."""
        return cls(CueLexicon.load(lang))

    def __call__(self, analysis: Analysis) -> list[Attribution]:
        return find_attributions(analysis, self.lexicon)

    def sourcing(self, analysis: Analysis) -> Sourcing:
        return sourcing_profile(analysis.attributions, self.lexicon.fw.outlet_proclitic)
