"""Times: find time expressions and normalise them to TIMEX3 values against the publication time.

``find`` locates expressions in the normalised text, ``tense`` reads the clause around a lone
weekday (the text layer's clause spans and future flags), ``normalise`` turns each one into a value and mod (its docstring lists the conventions
and the choices made where Arabic is ambiguous). Relative expressions get value None when the
report has no publication time: never a guess from today's clock.
"""

from __future__ import annotations

import regex

from naba.analysis import Analysis
from naba.lang import Language
from naba.lang import default as default_language
from naba.record import TimeValue
from naba.times.find import TimeGrammar
from naba.times.normalise import Resolver
from naba.times.tense import is_future

_MARKS = regex.compile(r"[\u064B-\u065F\u0670\u0640]")


class TimeStage:
    """Finds every time expression of a report; one instance serves all reports.

    dateparser does what it does well here: dates quoted in English or French (``Nov 7, 2025``,
    ``1er décembre 2024``); the Arabic grammar is ours (``find``), since dateparser misses most
    Arabic forms (bench/eval_times.py measures both on the same gold set).
    """

    def __init__(self, grammar: TimeGrammar, latin_parser=None):
        self.grammar = grammar
        self.latin_parser = latin_parser
        lx = grammar.lx
        self._offset_words = lx.role("before") + lx.role("after")
        # بعد ثلاثة أيام من الهجوم، على هيروشيما: counted from an event, not from publication
        self._event_anchor = regex.compile(rf"\s+(?:{'|'.join(lx.role('anchor'))})\s+(?!\d|(?:{'|'.join(lx.role('now'))})\b)")

    @classmethod
    def load(cls, lang: Language | None = None) -> TimeStage:
        from dateparser.date import DateDataParser

        settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
        grammar = TimeGrammar.of(lang or default_language())
        return cls(grammar, DateDataParser(languages=["en", "fr"], settings=settings))

    def __call__(self, analysis: Analysis) -> list[TimeValue]:
        text, normalised = analysis.text, analysis.normalised
        norm = normalised.text
        resolver = Resolver(self.grammar.lx, analysis.published, self.latin_parser)
        results: list[TimeValue] = []
        for atom in self.grammar.find_atoms(norm):
            if atom.kind == "duration" and atom.f.get("pre") in self._offset_words and self._event_anchor.match(norm, atom.end):
                atom.f["_event_anchor"] = True
            start, end = normalised.to_original(atom.start, atom.end)
            value, mod = resolver.resolve(atom, is_future(analysis, start, end))
            if atom.kind == "latin" and value is None:  # Latin words and numbers that are no date
                continue
            while end < len(text) and _MARKS.match(text, end):  # keep the tanween of عاماً in the span
                end += 1
            results.append(TimeValue(start=start, end=end, text=text[start:end], value=value, mod=mod))
        return results
