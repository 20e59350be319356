"""Find time expressions in normalised Arabic text: atoms by regular expression, then merges.

Written by hand because no library finds Arabic time expressions: dateparser's ``search_dates``
misses weekdays with الماضي/المقبل, parts of the day, Levantine and Maghrebi months, ordinals,
durations and modifiers (see bench/eval_times.py). The grammar works in two passes:

1. atoms: explicit dates, years, Hijri dates, relative days, weekdays, periods, clock times,
   durations/offsets, decades and centuries, plus *weak* atoms (a part of the day, a modifier,
   an approximation word, a bare period noun) that only count once merged with a neighbour;
2. merges: part of day + day (مساء الخميس), day + clock (أمس الساعة 3 مساء, the dateline
   ``الجمعة 07 نوفمبر 2025 - 01:34 ص``), modifier + period (أواخر العام الماضي), and ranges
   (من 3 إلى 5 ديسمبر gives two expressions; the first borrows month and year from the second).

Positions are offsets into the normalised text; the stage maps them back to the report text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from naba.lang import Language
from naba.times.lexicon import TimeLexicon


def _alt(words) -> str:
    """Alternation of normalised words, longest first, spaces matching any run of whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in ordered) + ")"


def _in_order(words) -> str:
    """Alternation of single words in the order given (a grammar role of times_grammar.tsv)."""
    return "(?:" + "|".join(regex.escape(w) for w in words) + ")"


def _letters(words) -> str:
    """A character class of one-letter words (the proclitics و ف, ب ل ك)."""
    return "[" + "".join(words) + "]"


E = r"(?![\p{L}\p{N}])"  # right boundary
WEAK = {"part", "mod", "apx", "bare_period"}
DAY_KINDS = {"relday", "weekday", "gdate", "numeric", "hijri", "tonight", "latin"}
MOD_TARGETS = {"gdate", "year", "period", "bare_period", "decade", "century", "hijri"}
WINDOW = 50
_WORD = regex.compile(r"\p{L}+|\d+")


@dataclass
class Atom:
    start: int
    end: int
    kind: str
    f: dict = field(default_factory=dict)


class TimeGrammar:
    """The compiled patterns of the times grammar, built once per Language from its lexicon."""

    @classmethod
    def of(cls, lang: Language) -> TimeGrammar:
        return lang.derived("times.grammar", lambda lang: cls(TimeLexicon.of(lang)))

    def __init__(self, lx: TimeLexicon):
        self.lx = lx
        role = lambda name: _in_order(lx.role(name))  # noqa: E731
        conj = _letters(lx.role("conjunction"))
        self.conjunctions = "".join(lx.role("conjunction"))
        article = lx.role("article")[0]
        of, and_ = role("of"), role("and")
        era_g, era_h = role("era_gregorian"), role("era_hijri")
        ten_m, ten_f = role("ten_masculine"), role("ten_feminine")
        self.after_words = lx.role("after")
        self.before_words = lx.role("before")

        B = rf"(?<![\p{{L}}\p{{N}}])(?P<cl>{conj}?{_letters(lx.role('preposition'))}?(?:{regex.escape(article)}(?=\d))?)"  # left boundary, proclitics kept out of the span
        YEAR4 = rf"(?:1[0-9]|20)\d\d(?:{era_g}(?!\p{{L}}))?"  # 1945م: م marks the Gregorian era
        MONTH = _alt(lx.gregorian_months)
        # a pair of names for one month: يوليو تموز, يوليو/تموز, يوليو (تموز)
        MONTHS = rf"{MONTH}(?:\s*/\s*{MONTH}|\s*\(\s*{MONTH}\s*\)|\s+{MONTH})?"
        HMONTH = _alt(lx.hijri_months)
        WEEKDAY = _alt(w for w in lx.weekdays if w.startswith(article))
        PAST, NEXT, CURRENT = _alt(lx.past_words), _alt(lx.next_words), _alt(lx.current_words)
        DIRECTION = f"(?:{PAST}|{NEXT}|{CURRENT})"
        CARD = _alt(lx.cardinals)
        UNITS9 = _alt(k for k, v in lx.cardinals.items() if v < 10)
        TENS = _alt(k for k, v in lx.cardinals.items() if 20 <= v <= 90)
        NUMWORD = rf"(?:{_alt(lx.teen_units)}\s+{_alt(lx.role('ten_masculine') + lx.role('ten_feminine'))}|{UNITS9}\s+{and_}{TENS}|{CARD})"
        NUM = rf"(?:\d+|{NUMWORD})"
        ORD_UNIT = _alt(lx.ordinal_days)
        ORD_TENS = _alt(lx.ordinal_tens)
        TWENTIETH = _alt(k for k, v in lx.ordinal_tens.items() if v == 20)
        ORD_DAY = rf"(?:{ORD_UNIT}(?:\s+{ten_m}|\s+{and_}{ORD_TENS})?|{ORD_TENS})"
        HOUR_WORD = rf"(?:{_alt(lx.ordinal_hours)}(?:\s+{ten_f})?)"
        SUFFIX_WORDS = _alt(k for k in lx.clock_suffixes if len(k) > 1)
        SUFFIX_LETTER = _letters(sorted(k for k in lx.clock_suffixes if len(k) == 1))
        ZONE = rf"(?:\s+{role('time_zone')}\s+\p{{L}}+)?"
        YEAR_SEP = rf"(?:\s+(?:{of}\s+)?{role('year_noun')}\s+|\s*[,،]?\s*)"
        MODS = _alt(lx.modifiers)
        APX = _alt(lx.approx)
        UNIT = _alt(lx.units)
        PRE = role("duration_pre")
        CENTURY_SPEC = rf"(?:{ORD_UNIT}\s+{and_}(?:{TWENTIETH})|{ORD_UNIT}(?:\s+{ten_m})?|{TWENTIETH}|{PAST}|{CURRENT})"
        RELDAY = _alt(lx.relative_days)
        NOT_TODAY = rf"(?!\s+{role('not_today_after')})"
        CUE_BEFORE_BARE = rf"(?<=(?<![\p{{L}}]){conj}?{role('cue_before_month')}\s+)"
        CUE_BEFORE_YEAR = rf"(?<=(?<![\p{{L}}]){conj}?{role('cue_before_year')}\s+)"
        PERIOD = _in_order(k for k, v in lx.period_units.items() if v != "CE")
        CENTURY = _in_order(k for k, v in lx.period_units.items() if v == "CE")
        DECADE_SUFFIX = role("decade_suffix")

        self.patterns: list[tuple[str, regex.Pattern]] = [(kind, regex.compile(B + body + E)) for kind, body in [
            ("gdate", rf"(?:(?P<wd>{WEEKDAY})\s*[,،]?\s*)?(?:(?P<d>\d{{1,2}})\s+(?:{of}\s+)?|(?P<od>{ORD_DAY})\s+{of}\s+(?:{role('month_noun')}\s+)?)"
                      rf"(?P<mon>{MONTHS})(?:{YEAR_SEP}(?P<y>{YEAR4}))?(?:\s+(?P<dir>{DIRECTION}))?"),
            ("gdate", rf"(?:(?P<d>\d{{1,2}})|(?P<od>{ORD_DAY}))\s+{of}\s+{role('this_month')}\s+(?P<pdir>{DIRECTION})"),
            ("gdate", rf"(?P<mon>{MONTHS}){YEAR_SEP}(?P<y>{YEAR4})"),
            ("gdate", rf"(?P<mon>{MONTHS})\s+(?P<dir>{DIRECTION})"),
            ("gdate", rf"{CUE_BEFORE_BARE}(?P<mon>{MONTHS})"),
            ("numeric", rf"(?:(?P<wd>{WEEKDAY})\s*[,،]?\s*)?(?P<a>\d{{1,4}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{1,4}})(?P<h>\s*{era_h}(?!\p{{L}}))?"),
            ("hijri", rf"(?:(?P<d>\d{{1,2}})\s+)?(?P<hm>{HMONTH})\s+(?P<y>1[34]\d\d)(?:\s*{era_h}(?!\p{{L}}))?"),
            ("hijri", rf"{role('hijri_year_lead')}\s+(?P<y>1[34]\d\d)\s*{era_h}(?!\p{{L}})"),
            ("year", rf"{role('year_lead')}\s+(?P<y>{YEAR4})"),
            ("year", rf"{CUE_BEFORE_YEAR}(?P<y>(?:1[89]|20)\d\d(?:{era_g}(?!\p{{L}}))?)(?!\s*{era_h}(?!\p{{L}}))"),  # في 1500 is a count
            ("years", rf"{role('between')}\s+(?:{role('years_noun')}\s+)?(?P<y1>{YEAR4})\s*{role('years_to')}\s*(?:{role('year_single')}\s+)?(?P<y2>{YEAR4})"),
            ("relday", rf"(?P<rd>{RELDAY}){NOT_TODAY}(?:\s*[,،]?\s*(?P<wd>{WEEKDAY}))?"),
            ("tonight", rf"{role('tonight')}(?:\s+(?P<dir>{PAST}))?"),
            ("weekday", rf"(?:{role('day_noun')}\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<dir>{PAST}|{NEXT}))?"),
            ("period", rf"(?:(?P<this>{role('this')})\s+)?(?P<pu>{PERIOD})(?:\s+(?P<dir>{DIRECTION}))?"),
            ("century", rf"{CENTURY}\s+(?P<cent>{CENTURY_SPEC})"),
            ("decade", rf"(?:{regex.escape(article)})?(?P<dec>{_alt(lx.decades)}){DECADE_SUFFIX}(?:\s+(?:{of}\s+)?{CENTURY}\s+(?P<cent>{CENTURY_SPEC}))?"),
            ("clock", rf"(?:{role('clock_noun')}\s+(?:(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?|(?P<hw>{HOUR_WORD}))(?:\s*(?P<suf>{SUFFIX_WORDS}|{SUFFIX_LETTER}(?!\p{{L}})))?"
                      rf"|(?P<h2>\d{{1,2}}):(?P<mi2>\d\d)(?:\s*(?P<suf2>{SUFFIX_WORDS}|{SUFFIX_LETTER}(?!\p{{L}})))?"
                      rf"|(?P<h3>\d{{1,2}})\s+(?P<suf3>{SUFFIX_WORDS})){ZONE}"),
            ("duration", rf"(?:(?P<pre>{PRE})\s+)?(?:(?P<apx>{APX})\s+)?(?:(?P<n>{NUM})\s*)?(?P<unit>{UNIT})"
                         rf"(?:\s+(?P<one>{role('whole')}))?(?!\s*\d|\s+(?:{HMONTH}|{MONTH}){E})"),
            # dates in Latin script (English, French) quoted in Arabic text: parsed by dateparser
            ("latin", r"(?P<lt>\d{1,2}(?:er)?\s+[a-zéû]{3,9}\.?,?\s+\d{4}|[a-zéû]{3,9}\.?\s+\d{1,2},?\s+\d{4})"),
            ("part", rf"(?P<part>{_alt(lx.parts)})(?=\s+\S)"),
            ("mod", rf"(?P<mod>{MODS})(?=\s+\S)"),
            ("apx", rf"(?P<apx>{APX})(?=\s+\S)"),
        ]]
        self.gap_part_day = regex.compile(rf"\s+(?:{of}\s+)?(?:{role('day_noun')}\s+)?")
        self.gap_day_clock = regex.compile(rf"\s*(?:[-|،,]\s*)?(?:{role('clock_gap')}\s+)?(?:{role('clock_exact')}\s+)?")
        self.gap_clock_day = regex.compile(rf"\s+(?:{of}\s+)?")
        self.gap_mod = regex.compile(rf"\s+(?:{role('modifier_gap')}\s+)?")
        self.gap_range = regex.compile(rf"\s*{role('range_to')}\s*")
        self.range_day_before = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){role('between')}\s+(?P<d>\d{{1,2}})\s*{role('range_to')}\s*{conj}?$")
        self.triggers = self._trigger_words()
        self.decade_word = regex.compile("(?:" + "|".join(lx.decades) + ")" + DECADE_SUFFIX + "$")

    def find_atoms(self, text: str) -> list[Atom]:
        """Time expressions in normalised text, each with the fields its normaliser needs."""
        atoms: list[Atom] = []
        for start, end in self._windows(text):
            atoms.extend(self._atoms(text, start, end))
        return self._ranges(text, self._merge(text, atoms))

    def _atoms(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Atom]:
        found: list[Atom] = []
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
                start = m.end("cl")
                if m.end() <= start:
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v is not None and k != "cl"}
                if kind == "years":
                    found.append(Atom(m.start("y1"), m.end("y1"), "year", {"y": groups["y1"]}))
                    found.append(Atom(m.start("y2"), m.end("y2"), "year", {"y": groups["y2"]}))
                    continue
                if kind == "period" and "this" not in groups and "dir" not in groups:
                    kind_here = "bare_period"
                else:
                    kind_here = kind
                if kind == "duration" and not self._plausible_duration(groups):
                    continue
                if kind == "numeric" and 4 not in (len(groups["a"]), len(groups["c"])):
                    continue  # 1.2.3 or 12-10-15: no year to anchor it
                found.append(Atom(start, m.end(), kind_here, groups))
        # Longest first, then earliest; an accepted atom blocks every atom overlapping it.
        found.sort(key=lambda a: (-(a.end - a.start), a.kind in WEAK, a.start))
        chosen: list[Atom] = []
        for atom in found:
            if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
                chosen.append(atom)
        chosen.sort(key=lambda a: a.start)
        return chosen

    def _plausible_duration(self, g: dict) -> bool:
        """A unit noun alone (عام، شهر، عقد) is a duration only with a number, a dual or a cue word."""
        unit, implied = self.lx.units[regex.sub(r"\s+", " ", g["unit"])]
        if "n" in g or implied == 2:
            return True
        if implied is None:  # plural without a number: منذ سنوات
            return "pre" in g or "apx" in g
        if unit in ("DE", "CE") and (g.get("pre") is None or g.get("pre") in self.after_words):
            return "apx" in g
        return "pre" in g or "apx" in g or "one" in g

    def _merge(self, text: str, atoms: list[Atom]) -> list[Atom]:
        changed = True
        while changed:
            changed = False
            for i in range(len(atoms) - 1):
                a, b = atoms[i], atoms[i + 1]
                gap = text[a.end:b.start]
                merged = None
                if a.kind == "part" and b.kind in DAY_KINDS and _full(self.gap_part_day, gap) and "part" not in b.f:
                    merged = Atom(a.start, b.end, b.kind, {**b.f, "part": a.f["part"]})
                elif a.kind in DAY_KINDS and b.kind == "clock" and _full(self.gap_day_clock, gap) and "clock" not in a.f:
                    merged = Atom(a.start, b.end, a.kind, {**a.f, "clock": b.f})
                elif a.kind == "clock" and b.kind in DAY_KINDS and _full(self.gap_clock_day, gap) and "clock" not in b.f:
                    merged = Atom(a.start, b.end, b.kind, {**b.f, "clock": a.f})
                elif a.kind in ("mod", "apx") and b.kind in MOD_TARGETS | {"duration"} and _full(self.gap_mod, gap) \
                        and "mod" not in b.f and (a.kind == "apx" or b.kind != "duration"):
                    kind = "period" if b.kind == "bare_period" else b.kind
                    merged = Atom(a.start, b.end, kind, {**b.f, "mod": a.f.get("mod") or a.f.get("apx")})
                if merged:
                    atoms[i:i + 2] = [merged]
                    changed = True
                    break
        return [a for a in atoms if a.kind not in WEAK]

    def _ranges(self, text: str, atoms: list[Atom]) -> list[Atom]:
        """Range starts: a bare day number before a full date, a month or day before a dated one."""
        out: list[Atom] = []
        for i, atom in enumerate(atoms):
            if atom.kind == "gdate" and "mon" in atom.f and ("d" in atom.f or "od" in atom.f):
                m = self.range_day_before.search(text[max(0, atom.start - 40):atom.start])
                if m:
                    offset = max(0, atom.start - 40)
                    inherited = {k: v for k, v in atom.f.items() if k in ("mon", "y", "dir")}
                    out.append(Atom(offset + m.start("d"), offset + m.end("d"), "gdate", {**inherited, "d": m.group("d")}))
            if i > 0 and atom.kind == "gdate" and "y" in atom.f:
                prev = atoms[i - 1]
                if prev.kind == "gdate" and "y" not in prev.f and "dir" not in prev.f \
                        and _full(self.gap_range, text[prev.end:atom.start].rstrip(self.conjunctions)):
                    prev.f = {**prev.f, "y": atom.f["y"]}
            out.append(atom)
        return sorted(out, key=lambda a: a.start)

    def _trigger_words(self) -> frozenset[str]:
        lx = self.lx
        words: set[str] = set()
        for table in (lx.gregorian_months, lx.hijri_months, lx.weekdays, lx.relative_days, lx.units, lx.parts,
                      lx.modifiers, lx.approx, lx.period_units, lx.clock_suffixes):
            for key in table:
                words.update(key.split())
        words.update(lx.role("trigger_extra"))
        words.difference_update(lx.role("trigger_exclude"))
        return frozenset(words)

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text around words that can start or end a time expression.

        The atom patterns then run on these stretches only: a report is mostly text without times,
        and scanning every position with every pattern costs more than finding the trigger words.
        """
        spans: list[tuple[int, int]] = []
        triggers = self.triggers
        for m in _WORD.finditer(text):
            word = m.group()
            if not (word[0].isdigit() or word.isascii() or any(word[i:] in triggers for i in range(min(4, len(word) - 1)))
                    or self.decade_word.search(word)):
                continue
            start = text.rfind(" ", 0, max(0, m.start() - WINDOW)) + 1
            end = text.find(" ", min(len(text), m.end() + WINDOW))
            end = len(text) if end < 0 else end
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans


def _full(pattern: regex.Pattern, text: str) -> bool:
    return pattern.fullmatch(text) is not None
