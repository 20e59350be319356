"""Per-token facts every stage asks about: negation, future, reporting cue, title, honorific.

Computed once per report in the text layer (``Analysis.token_flags``) from the shared tables of
``naba/lang/ar`` (negation, future_markers, future_verb_exceptions, titles, honorifics and the
quotes developer's reporting-cue table), so times, quotes and events read one answer instead of
keeping word lists of their own. A word matches through any of its clitic splits (ولم, للرئيس).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from naba.lang import Language
from naba.text.normalise import normalise_text
from naba.text.tokens import CONJUNCTIONS, FUTURE_CLITICS, Token

# Proclitics a flagged word may carry: a conjunction (و، ف), or the future s- after one
# (naba/lang/ar/affixes.tsv, the tokenizer's own table).
FUTURE_PREFIXES = frozenset(conj + future for conj in ("", *CONJUNCTIONS) for future in FUTURE_CLITICS)
REPORTING_PREFIXES = frozenset({""}) | CONJUNCTIONS | FUTURE_PREFIXES  # وقال، سيقول
# Tables that may hold the reporting cues (the quotes developer owns the file; first one found wins).
REPORTING_CUE_TABLES = ("quotes_cues", "reporting_cues", "cues")
CUE_FORM_COLUMNS = ("perfect", "imperfect", "participle")


class TokenFlag(enum.IntFlag):
    NONE = 0
    NEGATION = enum.auto()
    FUTURE = enum.auto()
    REPORTING_CUE = enum.auto()
    TITLE = enum.auto()
    HONORIFIC = enum.auto()


@dataclass(frozen=True)
class PhraseSet:
    """Words and multi-word phrases (normalised), indexed by their first word."""

    phrases: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, entries: Iterable[str]) -> PhraseSet:
        index: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            words = tuple(normalise_text(w) for w in entry.split())
            if words and words[0] != "-":
                index.setdefault(words[0], []).append(words)
        # longest phrase first, so صاحب السمو الملكي wins over صاحب السمو
        return cls({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()})

    def match_at(self, tokens: Sequence[Token], i: int, first_forms: Iterable[str]) -> int:
        """Number of tokens of the longest phrase starting at ``tokens[i]`` (0 when none); the first
        word is compared with ``first_forms`` (the token's accepted readings), the others exactly."""
        for form in first_forms:
            for phrase in self.phrases.get(form, ()):
                n = len(phrase)
                if i + n <= len(tokens) and all(tokens[i + k].norm == phrase[k] for k in range(1, n)):
                    return n
        return 0

    def has_longer(self, forms: Iterable[str]) -> bool:
        """Whether a phrase of two words or more may start with one of ``forms``."""
        return any(len(phrase) > 1 for form in forms for phrase in self.phrases.get(form, ()))

    def has_single(self, forms: Iterable[str]) -> bool:
        return any(len(phrase) == 1 for form in forms for phrase in self.phrases.get(form, ()))


@dataclass(frozen=True)
class FlagLexicon:
    """The shared tables behind the token flags, built once per ``Language``."""

    negation: PhraseSet
    future: PhraseSet
    future_exceptions: frozenset[str]
    future_exception_prefixes: tuple[str, ...]
    imperfect_letters: frozenset[str]
    reporting_cues: frozenset[str]
    titles: frozenset[str]
    honorifics: PhraseSet
    # norm -> (flags of the word alone, the phrase sets a longer phrase may start from it in)
    _words: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, lang: Language) -> FlagLexicon:
        return lang.derived("text.flags", cls._build)

    @classmethod
    def _build(cls, lang: Language) -> FlagLexicon:
        exceptions = lang.table("future_verb_exceptions")
        honorific_rows = lang.table("honorifics")
        return cls(
            negation=PhraseSet.of(lang.words("negation", "word")),
            future=PhraseSet.of(lang.words("future_markers", "words")),
            future_exceptions=frozenset(normalise_text(r["form"]) for r in exceptions if r["match"] == "word"),
            future_exception_prefixes=tuple(normalise_text(r["form"]) for r in exceptions if r["match"] == "prefix"),
            imperfect_letters=lang.words("affixes", "form", kind="imperfect"),
            reporting_cues=_reporting_cue_forms(lang),
            titles=frozenset(normalise_text(w) for w in lang.words("titles", "word")),
            honorifics=PhraseSet.of([r["word"] for r in honorific_rows] + [r["pronoun"] for r in honorific_rows]),
        )

    def word_flags(self, token: Token) -> tuple[int, tuple[tuple[PhraseSet, int, tuple[str, ...]], ...]]:
        """The flags a token has on its own, and the phrase sets to try from it; cached by its
        normalised form (its clitic splits follow from it)."""
        cached = self._words.get(token.norm)
        if cached is None:
            cached = self._words[token.norm] = self._word_flags(token)
        return cached

    def _word_flags(self, token: Token):
        if not token.is_arabic:
            return 0, ()
        flags = 0
        forms = _plain_or_conjoined(token)
        longer = []
        for phrases, flag in ((self.negation, TokenFlag.NEGATION), (self.future, TokenFlag.FUTURE),
                              (self.honorifics, TokenFlag.HONORIFIC)):
            if phrases.has_single(forms):
                flags |= flag
            if phrases.has_longer(forms):
                longer.append((phrases, int(flag), forms))
        if self.is_future_verb(token):
            flags |= TokenFlag.FUTURE
        if any(s in self.reporting_cues for p, s in token.splits if p in REPORTING_PREFIXES):
            flags |= TokenFlag.REPORTING_CUE
        if any(s in self.titles for s in token.stems()):
            flags |= TokenFlag.TITLE
        return int(flags), tuple(longer)

    def is_future_verb(self, token: Token) -> bool:
        """س + an imperfect verb (سيزور، وستعقد), not a noun that starts alike (سياسة، سيارة)."""
        for prefix, stem in token.splits:
            if prefix in FUTURE_PREFIXES and stem[:1] in self.imperfect_letters and len(stem) >= 3:
                word = prefix.lstrip("".join(CONJUNCTIONS)) + stem  # the future prefix and the verb: سيزور
                if word not in self.future_exceptions and not word.startswith(self.future_exception_prefixes):
                    return True
        return False


def _reporting_cue_forms(lang: Language) -> frozenset[str]:
    """Every inflected form of the reporting verbs (قال، تقول، مؤكدا), normalised."""
    name = next((n for n in REPORTING_CUE_TABLES if lang.has(n)), None)
    if name is None:
        return frozenset()
    forms = set()
    for row in lang.table(name):
        for column in CUE_FORM_COLUMNS:
            forms.update(normalise_text(w) for w in row.get(column, "").split() if w != "-")
    return frozenset(forms)


def _plain_or_conjoined(token: Token) -> tuple[str, ...]:
    """The token's own form and, when it carries و/ف, the form without it (ولم -> لم)."""
    return (token.norm, *(stem for prefix, stem in token.splits if prefix in CONJUNCTIONS))


def token_flags(tokens: Sequence[Token], lexicon: FlagLexicon) -> tuple[int, ...]:
    """One int of ``TokenFlag`` bits per token (test with ``flags[i] & TokenFlag.NEGATION``).
    Phrases (من المقرر، صاحب السمو) flag every token they cover."""
    flags = [0] * len(tokens)
    for i, token in enumerate(tokens):
        own, longer = lexicon.word_flags(token)
        flags[i] |= own
        for phrases, flag, forms in longer:
            for k in range(phrases.match_at(tokens, i, forms)):
                flags[i + k] |= flag
    return tuple(flags)
