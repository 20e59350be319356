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
from pathlib import Path

from naba.text.normalise import normalise_text
from naba.text.tokens import Token

TRIGGERS = Path(__file__).resolve().parent.parent / "lang" / "ar" / "events_triggers.tsv"

_PAST_SUFFIXES = ("", "ت", "ا", "وا", "تا", "نا", "تم", "ن")
_PRESENT_PREFIXES = ("ي", "ت", "ن")
_PRESENT_SUFFIXES = ("", "ان", "ون", "وا", "ا", "ين", "ن")
_OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما", "كم", "نا")
_POSSESSIVES = ("ه", "ها", "هم", "هما", "ي", "نا", "كم")
# generated forms that are everyday words of another meaning
_GLOBAL_SKIP = frozenset({"نشيد", "هنا", "زاره"})  # زاره: وزارة split as و + زاره


@dataclass(frozen=True)
class TriggerEntry:
    kind: str  # verb | noun | phrase
    lemma: str  # the forms column as written, for documentation and debugging
    type: str
    mode: str | None
    near: frozenset[str] = frozenset()
    not_next: frozenset[str] = frozenset()
    cameo: str | None = None

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


# A verb takes only the conjunctions, the future s- and the lam of purpose or command; never the
# prepositions ب ك or the article (وبحث is و + ب + بحث, not و + ب + حث "urge").
VERB_PREFIXES = frozenset({"", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"})


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, tuple[TriggerEntry, ...]]
    present: frozenset[str]  # generated imperfect forms, to tell يوقع from وقع
    jussive: frozenset[str] = frozenset()  # short imperfects of weak verbs (يلتق، تعز)
    phrases: dict[str, tuple[tuple[TriggerEntry, tuple[frozenset[str], ...]], ...]] = field(default_factory=dict)
    # word (normalised) -> whether any of its splits opens a trigger; most words never do, and the
    # same words recur in every report, so the answer is kept (the lexicon is loaded once per process)
    _opens: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        words: dict[str, list[TriggerEntry]] = {}
        present: set[str] = set()
        jussive: set[str] = set()
        phrases: dict[str, list] = {}
        for line in (path or TRIGGERS).read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "kind":
                continue  # the header
            kind, forms, type_ = cols[0], cols[1], cols[2]
            mode = cols[3] if len(cols) > 3 and cols[3] else None
            options = dict(opt.split("=", 1) for opt in (cols[4].split() if len(cols) > 4 else ()))
            skip = _norm_set(options.get("skip", "")) | _GLOBAL_SKIP
            entry = TriggerEntry(kind, forms, type_, mode, _norm_set(options.get("near", "")),
                                 _norm_set(options.get("not_next", "")), options.get("cameo"))
            if kind == "phrase":
                parts = [normalise_text(w) for w in forms.split()]
                tails = tuple(frozenset(noun_forms(w)) for w in parts[1:])
                for form in noun_forms(parts[0]):
                    phrases.setdefault(form, []).append((entry, tails))
                continue
            if kind == "verb":
                generated, imperfect = verb_forms(*forms.split("/"))
                present |= imperfect - generated_past(*forms.split("/"))
                jussive |= jussive_forms(*forms.split("/")) - generated_past(*forms.split("/"))
            else:
                generated = {f for alt in forms.split("|") for f in noun_forms(normalise_text(alt))}
            for form in generated - skip:
                words.setdefault(form, []).append(entry)
        return cls({k: tuple(v) for k, v in words.items()}, frozenset(present),
                   frozenset(jussive), {k: tuple(v) for k, v in phrases.items()})

    def match(self, tokens: tuple[Token, ...], index: int) -> Match | None:
        """The longest trigger starting at ``tokens[index]``, or None."""
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
                    return Match(entry, index, last, token.offset_after(prefix), tokens[last].end, prefix)
        for prefix, stem in token.splits:
            entries = self.words.get(stem)
            if entries:
                # a verb takes no article: وال/ال + stem is the noun reading only
                usable = [e for e in entries if not (e.verbal and prefix not in VERB_PREFIXES)]
                if usable:
                    entry = usable[0]
                    tense = ("present" if stem in self.present else "past") if entry.verbal else None
                    short = entry.verbal and stem in self.jussive
                    return Match(entry, index, index, token.offset_after(prefix), token.end, prefix, tense, short)
        return None


def _norm_set(text: str) -> frozenset[str]:
    return frozenset(normalise_text(w) for w in text.split(",") if w)


def generated_past(past: str, present: str) -> set[str]:
    """Perfect forms with subject and object suffixes (normalised spelling)."""
    past = normalise_text(past)
    forms = {past + s for s in _PAST_SUFFIXES}
    if past[-1] in "يا":  # defective: التقى -> التقت، التقوا؛ دعا -> دعت، دعوا
        forms |= {past[:-1] + s for s in ("ت", "وا", "تا")}
    return forms | {base + obj for base in (past, past + "ت") for obj in _OBJECT_SUFFIXES}


def jussive_forms(past: str, present: str) -> set[str]:
    """Short imperfects of verbs with a weak last letter: لم يلتق، لم يدع."""
    present = normalise_text(present)
    if present[-1] not in "يو":
        return set()
    return {prefix + present[:-1] for prefix in _PRESENT_PREFIXES}


def verb_forms(past: str, present: str) -> tuple[set[str], set[str]]:
    """(all forms, imperfect forms) of a verb, with subject and object suffixes."""
    past_forms = generated_past(past, present)
    present = normalise_text(present)
    forms: set[str] = set()
    for prefix in _PRESENT_PREFIXES:
        forms |= {prefix + present + s for s in _PRESENT_SUFFIXES}
        if present[-1] in "يو":  # يلتقي -> يلتقون، يدعو -> يدعون
            forms |= {prefix + present[:-1] + s for s in ("", "ون", "وا", "ين")}  # jussive لم يلتق
    forms |= {p + present + obj for p in _PRESENT_PREFIXES for obj in _OBJECT_SUFFIXES}
    return past_forms | forms, forms


def noun_forms(noun: str) -> set[str]:
    """A noun or adjective with accusative -an, sound plurals, duals and possessives."""
    forms = {noun}
    if noun.endswith("ه"):  # ة: زيارة -> زيارات، زيارته، زيارتين
        stem = noun[:-1]
        forms |= {stem + "ات", stem + "تين", stem + "تان", stem + "اته", stem + "اتها", stem + "اتهم"}
        forms |= {stem + "ت" + p for p in _POSSESSIVES}
    else:
        forms |= {noun + "ا", noun + "ات", noun + "ين", noun + "ان"}
        # no -ي possessive here: اجتماعي، حربي are adjectives far more often than "my meeting"
        forms |= {noun + p for p in _POSSESSIVES if p != "ي"}
        if noun.endswith("ي"):  # nisba adjective: هاتفي -> هاتفية، هاتفيا
            forms |= {noun + "ه", noun + "ا"}
    return forms
