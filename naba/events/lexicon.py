"""The Arabic trigger lexicon: inflected verb forms, verbal nouns and short phrases -> PLOVER.

Written by hand because no torch-free Arabic morphological analyser on PyPI generates verb
paradigms with the alignment we need. Each entry of ``naba/lang/ar/events_triggers.tsv`` names the perfect and the
imperfect stem of a verb (or a noun's singular and irregular plurals); this module generates the
inflected forms a news text uses (person prefixes, subject and object suffixes, sound plurals,
possessives) in normalised spelling. Proclitics (و ف ب ل س ال) are not generated: the matcher
tries every clitic split a token carries (``Token.splits``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from naba.events.morphology import Affixes
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

@dataclass(frozen=True)
class TriggerEntry:
    kind: str  # verb | noun | phrase
    lemma: str  # the forms column as written, for documentation and debugging
    type: str
    mode: str | None
    near: frozenset[str] = frozenset()
    not_next: frozenset[str] = frozenset()
    cameo: str | None = None
    not_near: frozenset[str] = frozenset()
    detail: bool = False  # an act told as part of another event (هتف، رفع الشعارات): no event alone

    @property
    def verbal(self) -> bool:
        return self.kind == "verb"


@dataclass(frozen=True)
class Match:
    entry: TriggerEntry
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # original offset (after proclitics)
    end: int
    prefix: str  # proclitics stripped from the first token (normalised), e.g. "س" or "وال"
    tense: str | None = None  # "past" or "present" for verbs, None for nouns and phrases
    jussive: bool = False  # a short imperfect (يلتق) that only stands after لم / لا


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, tuple[TriggerEntry, ...]]
    present: frozenset[str]  # generated imperfect forms, to tell يوقع from وقع
    # proclitics a verb takes: conjunctions, future s-, the lam of purpose; never ب ك or the
    # article (وبحث is و + ب + بحث, not و + ب + حث "urge")
    verb_prefixes: frozenset[str] = frozenset()
    jussive: frozenset[str] = frozenset()  # short imperfects of weak verbs (يلتق، تعز)
    phrases: dict[str, tuple[tuple[TriggerEntry, tuple[frozenset[str], ...]], ...]] = field(default_factory=dict)
    nominal_marks: str = ""  # tanween: a word written with it is no verb (طالباً)
    # word (normalised) -> whether any of its splits opens a trigger; most words never do, and the
    # same words recur in every report, so the answer is kept (the lexicon is loaded once per process)
    _opens: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def load(cls, lang) -> Lexicon:
        """The triggers of ``events_triggers.tsv`` with every inflected form the affixes make."""
        m = Affixes.of(lang)
        words: dict[str, list[TriggerEntry]] = {}
        present: set[str] = set()
        jussive: set[str] = set()
        phrases: dict[str, list] = {}
        for row in lang.table("events_triggers"):
            kind, forms, type_ = row["kind"], row["forms"], row["type"]
            mode = row.get("mode") or None
            raw = (row.get("options") or "").split()
            if any("=" not in opt for opt in raw):
                raise ValueError(f"{lang.path('events_triggers.tsv')}: options of {forms!r} must be name=value, "
                                 f"space-separated: {row.get('options')!r}")
            options = dict(opt.split("=", 1) for opt in raw)
            skip = _norm_set(options.get("skip", "")) | m.generated_skip
            entry = TriggerEntry(kind, forms, type_, mode, _norm_set(options.get("near", "")),
                                 _norm_set(options.get("not_next", "")), options.get("cameo"),
                                 _norm_set(options.get("not_near", "")), options.get("detail") == "yes")
            if kind == "phrase":
                parts = [normalise_text(w) for w in forms.split()]
                tails = tuple(frozenset(noun_forms(w, m)) for w in parts[1:])
                for form in noun_forms(parts[0], m):
                    phrases.setdefault(form, []).append((entry, tails))
                continue
            if kind == "verb":
                generated, imperfect = verb_forms(*forms.split("/"), m)
                present |= imperfect - generated_past(*forms.split("/"), m)
                jussive |= jussive_forms(*forms.split("/"), m) - generated_past(*forms.split("/"), m)
            else:
                generated = {f for alt in forms.split("|") for f in noun_forms(normalise_text(alt), m)}
            for form in generated - skip:
                words.setdefault(form, []).append(entry)
        return cls({k: tuple(v) for k, v in words.items()}, frozenset(present), m.verb_prefixes,
                   frozenset(jussive), {k: tuple(v) for k, v in phrases.items()}, m.nominal_marks)

    def match(self, tokens: tuple[Token, ...], index: int, accept=None) -> Match | None:
        """The longest trigger starting at ``tokens[index]``, or None. ``accept`` (a Match -> True,
        False or None) judges a reading by its guards: False tries the next entry of the same words
        (احتج لدى: a formal complaint, ACCUSE; احتج elsewhere: PROTEST), None rejects the word
        (رفض الكشف: no rejection at all)."""
        token = tokens[index]
        opens = self._opens.get(token.norm)
        if opens is None:
            opens = token.is_arabic and any(stem in self.phrases or stem in self.words for _, stem in token.splits)
            if len(self._opens) < 200_000:
                self._opens[token.norm] = opens
        if not opens:
            return None
        for prefix, stem in token.splits:  # most stripped first
            for entry, tails in self.phrases.get(stem, ()):
                last = index + len(tails)
                if last < len(tokens) and all(
                    any(s in forms for s in tokens[index + 1 + k].stems()) for k, forms in enumerate(tails)
                ):
                    found = Match(entry, index, last, token.offset_after(prefix), tokens[last].end, prefix)
                    verdict = True if accept is None else accept(found)
                    if verdict:
                        return found
                    if verdict is None:
                        return None
        for prefix, stem in token.splits:
            entries = self.words.get(stem)
            if entries:
                # a verb takes no article (وال/ال + stem is the noun reading only) and no tanween
                nominal = any(mark in token.text for mark in self.nominal_marks)
                usable = [e for e in entries if not (e.verbal and (prefix not in self.verb_prefixes or nominal))]
                for entry in usable:
                    tense = ("present" if stem in self.present else "past") if entry.verbal else None
                    short = entry.verbal and stem in self.jussive
                    found = Match(entry, index, index, token.offset_after(prefix), token.end, prefix, tense, short)
                    verdict = True if accept is None else accept(found)
                    if verdict:
                        return found
                    if verdict is None:
                        return None
                if usable:
                    return None
        return None


def _norm_set(text: str) -> frozenset[str]:
    return frozenset(normalise_text(w) for w in text.split(",") if w)


def generated_past(past: str, present: str, m: Affixes) -> set[str]:
    """Perfect forms with subject and object suffixes (normalised spelling)."""
    past = normalise_text(past)
    forms = {past + s for s in m.past_suffixes}
    if past[-1] in m.defective_finals:  # defective: التقى -> التقت، التقوا؛ دعا -> دعت، دعوا
        forms |= {past[:-1] + s for s in m.defective_past_suffixes}
    return forms | {base + obj for base in (past, past + m.past_feminine) for obj in m.object_suffixes}


def jussive_forms(past: str, present: str, m: Affixes) -> set[str]:
    """Short imperfects of verbs with a weak last letter: لم يلتق، لم يدع."""
    present = normalise_text(present)
    if present[-1] not in m.weak_finals:
        return set()
    return {prefix + present[:-1] for prefix in m.present_prefixes}


def verb_forms(past: str, present: str, m: Affixes) -> tuple[set[str], set[str]]:
    """(all forms, imperfect forms) of a verb, with subject and object suffixes."""
    past_forms = generated_past(past, present, m)
    present = normalise_text(present)
    forms: set[str] = set()
    for prefix in m.present_prefixes:
        forms |= {prefix + present + s for s in m.present_suffixes}
        if present[-1] in m.weak_finals:  # يلتقي -> يلتقون، يدعو -> يدعون
            forms |= {prefix + present[:-1] + s for s in m.weak_present_suffixes}  # jussive لم يلتق
    forms |= {p + present + obj for p in m.present_prefixes for obj in m.object_suffixes}
    return past_forms | forms, forms


def noun_forms(noun: str, m: Affixes) -> set[str]:
    """A noun or adjective with accusative -an, sound plurals, duals and possessives."""
    forms = {noun}
    if noun.endswith(m.taa_marbuta):  # ة: زيارة -> زيارات، زيارته، زيارتين
        stem = noun[:-1]
        forms |= {stem + ending for ending in m.feminine_noun_forms}
        forms |= {stem + m.feminine_construct + p for p in m.possessives}
    else:
        forms |= {noun + ending for ending in m.noun_forms}
        # no -ي possessive here: اجتماعي، حربي are adjectives far more often than "my meeting"
        forms |= {noun + p for p in m.possessives if p != m.first_person_possessive}
        if noun.endswith(m.nisba):  # nisba adjective: هاتفي -> هاتفية، هاتفيا
            forms |= {noun + ending for ending in m.nisba_forms}
    return forms
