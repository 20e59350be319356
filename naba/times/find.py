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

from naba.times import lexicon as lx


def _alt(words) -> str:
    """Alternation of normalised words, longest first, spaces matching any run of whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in ordered) + ")"


B = r"(?<![\p{L}\p{N}])(?P<cl>[وف]?[بلك]?(?:ال(?=\d))?)"  # left boundary, proclitics kept out of the span
E = r"(?![\p{L}\p{N}])"  # right boundary
YEAR4 = r"(?:1[0-9]|20)\d\d(?:م(?!\p{L}))?"  # 1945م: م marks the Gregorian era

MONTH = _alt(lx.GREGORIAN_MONTHS)
# a pair of names for one month: يوليو تموز, يوليو/تموز, يوليو (تموز)
MONTHS = rf"{MONTH}(?:\s*/\s*{MONTH}|\s*\(\s*{MONTH}\s*\)|\s+{MONTH})?"
HMONTH = _alt(lx.HIJRI_MONTHS)
WEEKDAY = _alt(w for w in lx.WEEKDAYS if w.startswith("ال"))
PAST, NEXT, CURRENT = _alt(lx.PAST_WORDS), _alt(lx.NEXT_WORDS), _alt(lx.CURRENT_WORDS)
DIRECTION = f"(?:{PAST}|{NEXT}|{CURRENT})"
CARD = _alt(lx.CARDINALS)
UNITS9 = _alt(k for k, v in lx.CARDINALS.items() if v < 10)
TENS = _alt(k for k, v in lx.CARDINALS.items() if 20 <= v <= 90)
NUMWORD = rf"(?:{_alt(lx.TEEN_UNITS)}\s+عشر[ه]?|{UNITS9}\s+و{TENS}|{CARD})"
NUM = rf"(?:\d+|{NUMWORD})"
ORD_UNIT = _alt(k for k in lx.ORDINAL_UNITS if not k.endswith("ه"))
ORD_DAY = rf"(?:{ORD_UNIT}(?:\s+عشر|\s+و(?:العشرين|الثلاثين))?|العشرين|الثلاثين)"
HOUR_WORD = rf"(?:{_alt(k for k in lx.ORDINAL_UNITS if k.endswith('ه'))}(?:\s+عشره)?)"
SUFFIX_WORDS = _alt(k for k in lx.CLOCK_SUFFIXES if len(k) > 1)
ZONE = r"(?:\s+(?:بتوقيت|بالتوقيت)\s+\p{L}+)?"
YEAR_SEP = r"(?:\s+(?:من\s+)?(?:عام|العام|سنه)\s+|\s*[,،]?\s*)"
MODS = _alt(lx.MODIFIERS)
APX = _alt(lx.APPROX)
UNIT = _alt(lx.UNITS)
PRE = r"(?:قبل|بعد|منذ|لمده|خلال|طوال|طيله|مده)"
CENTURY_SPEC = rf"(?:{ORD_UNIT}\s+و(?:العشرين)|{ORD_UNIT}(?:\s+عشر)?|العشرين|{PAST}|{CURRENT})"
RELDAY = _alt(lx.RELATIVE_DAYS)
NOT_TODAY = r"(?!\s+(?:التالي|الاول|الثاني|الثالث|الوطني|العالمي|الدولي|السابق|نفسه|ذاته|الذي|المفتوح|الاخير))"
CUE_BEFORE_BARE = r"(?<=(?<![\p{L}])[وف]?(?:في|شهر|خلال|منذ|حتي|من|الي|مطلع|منتصف|اواخر|نهايه|بدايه|اوائل|اواسط)\s+)"
CUE_BEFORE_YEAR = r"(?<=(?<![\p{L}])[وف]?(?:في|منذ|حتي|خلال|قبل|بعد|مطلع|منتصف|اواخر|نهايه|بدايه|اوائل|اواسط|نحو|حوالي)\s+)"

PATTERNS: list[tuple[str, regex.Pattern]] = [(kind, regex.compile(B + body + E)) for kind, body in [
    ("gdate", rf"(?:(?P<wd>{WEEKDAY})\s*[,،]?\s*)?(?:(?P<d>\d{{1,2}})\s+(?:من\s+)?|(?P<od>{ORD_DAY})\s+من\s+(?:شهر\s+)?)"
              rf"(?P<mon>{MONTHS})(?:{YEAR_SEP}(?P<y>{YEAR4}))?(?:\s+(?P<dir>{DIRECTION}))?"),
    ("gdate", rf"(?:(?P<d>\d{{1,2}})|(?P<od>{ORD_DAY}))\s+من\s+الشهر\s+(?P<pdir>{DIRECTION})"),
    ("gdate", rf"(?P<mon>{MONTHS}){YEAR_SEP}(?P<y>{YEAR4})"),
    ("gdate", rf"(?P<mon>{MONTHS})\s+(?P<dir>{DIRECTION})"),
    ("gdate", rf"{CUE_BEFORE_BARE}(?P<mon>{MONTHS})"),
    ("numeric", r"(?:(?P<wd>" + WEEKDAY + r")\s*[,،]?\s*)?(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?P<h>\s*ه(?!\p{L}))?"),
    ("hijri", rf"(?:(?P<d>\d{{1,2}})\s+)?(?P<hm>{HMONTH})\s+(?P<y>1[34]\d\d)(?:\s*ه(?!\p{{L}}))?"),
    ("hijri", r"(?:عام|العام|سنه|السنه)\s+(?P<y>1[34]\d\d)\s*ه(?!\p{L})"),
    ("year", rf"(?:عام|العام|سنه|السنه|عامي|العامين)\s+(?P<y>{YEAR4})"),
    ("year", rf"{CUE_BEFORE_YEAR}(?P<y>(?:1[89]|20)\d\d(?:م(?!\p{{L}}))?)(?!\s*ه(?!\p{{L}}))"),  # في 1500 is a count
    ("years", rf"(?:من|بين)\s+(?:(?:عامي|العامين|عام|سنتي)\s+)?(?P<y1>{YEAR4})\s*(?:الي|حتي|و|-)\s*(?:عام\s+)?(?P<y2>{YEAR4})"),
    ("relday", rf"(?P<rd>{RELDAY}){NOT_TODAY}(?:\s*[,،]?\s*(?P<wd>{WEEKDAY}))?"),
    ("tonight", rf"الليله(?:\s+(?P<dir>{PAST}))?"),
    ("weekday", rf"(?:يوم\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<dir>{PAST}|{NEXT}))?"),
    ("period", rf"(?:(?P<this>هذا|هذه)\s+)?(?P<pu>الاسبوع|الشهر|العام|السنه|العقد)(?:\s+(?P<dir>{DIRECTION}))?"),
    ("century", rf"القرن\s+(?P<cent>{CENTURY_SPEC})"),
    ("decade", rf"(?:ال)?(?P<dec>{_alt(lx.DECADES)})(?:ي)?ات(?:\s+(?:من\s+)?القرن\s+(?P<cent>{CENTURY_SPEC}))?"),
    ("clock", rf"(?:الساعه\s+(?:(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?|(?P<hw>{HOUR_WORD}))(?:\s*(?P<suf>{SUFFIX_WORDS}|[صم](?!\p{{L}})))?"
              rf"|(?P<h2>\d{{1,2}}):(?P<mi2>\d\d)(?:\s*(?P<suf2>{SUFFIX_WORDS}|[صم](?!\p{{L}})))?"
              rf"|(?P<h3>\d{{1,2}})\s+(?P<suf3>{SUFFIX_WORDS})){ZONE}"),
    ("duration", rf"(?:(?P<pre>{PRE})\s+)?(?:(?P<apx>{APX})\s+)?(?:(?P<n>{NUM})\s*)?(?P<unit>{UNIT})"
                 rf"(?:\s+(?P<one>واحد|واحده|واحدا|كامل|كامله|كاملا|كاملين))?(?!\s*\d|\s+(?:{HMONTH}|{MONTH}){E})"),
    # dates in Latin script (English, French) quoted in Arabic text: parsed by dateparser
    ("latin", r"(?P<lt>\d{1,2}(?:er)?\s+[a-zéû]{3,9}\.?,?\s+\d{4}|[a-zéû]{3,9}\.?\s+\d{1,2},?\s+\d{4})"),
    ("part", rf"(?P<part>{_alt(lx.PARTS)})(?=\s+\S)"),
    ("mod", rf"(?P<mod>{MODS})(?=\s+\S)"),
    ("apx", rf"(?P<apx>{APX})(?=\s+\S)"),
]]
WEAK = {"part", "mod", "apx", "bare_period"}


@dataclass
class Atom:
    start: int
    end: int
    kind: str
    f: dict = field(default_factory=dict)


def _atoms(text: str, pos: int = 0, endpos: int | None = None) -> list[Atom]:
    found: list[Atom] = []
    for kind, pattern in PATTERNS:
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
            if kind == "duration" and not _plausible_duration(groups):
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


def _plausible_duration(g: dict) -> bool:
    """A unit noun alone (عام، شهر، عقد) is a duration only with a number, a dual or a cue word."""
    unit, implied = lx.UNITS[regex.sub(r"\s+", " ", g["unit"])]
    if "n" in g or implied == 2:
        return True
    if implied is None:  # plural without a number: منذ سنوات
        return "pre" in g or "apx" in g
    if unit in ("DE", "CE") and g.get("pre") in (None, "بعد"):
        return "apx" in g
    return "pre" in g or "apx" in g or "one" in g


_GAP_PART_DAY = regex.compile(r"\s+(?:من\s+)?(?:يوم\s+)?")
_GAP_DAY_CLOCK = regex.compile(r"\s*(?:[-|،,]\s*)?(?:(?:في|عند|علي)\s+)?(?:تمام\s+)?")
_GAP_CLOCK_DAY = regex.compile(r"\s+(?:من\s+)?")
_GAP_MOD = regex.compile(r"\s+(?:(?:من|عام|سنه)\s+)?")
_GAP_RANGE = regex.compile(r"\s*(?:الي|حتي|لغايه|و|-)\s*")
DAY_KINDS = {"relday", "weekday", "gdate", "numeric", "hijri", "tonight", "latin"}
MOD_TARGETS = {"gdate", "year", "period", "bare_period", "decade", "century", "hijri"}


def _full(pattern: regex.Pattern, text: str) -> bool:
    return pattern.fullmatch(text) is not None


def _merge(text: str, atoms: list[Atom]) -> list[Atom]:
    changed = True
    while changed:
        changed = False
        for i in range(len(atoms) - 1):
            a, b = atoms[i], atoms[i + 1]
            gap = text[a.end:b.start]
            merged = None
            if a.kind == "part" and b.kind in DAY_KINDS and _full(_GAP_PART_DAY, gap) and "part" not in b.f:
                merged = Atom(a.start, b.end, b.kind, {**b.f, "part": a.f["part"]})
            elif a.kind in DAY_KINDS and b.kind == "clock" and _full(_GAP_DAY_CLOCK, gap) and "clock" not in a.f:
                merged = Atom(a.start, b.end, a.kind, {**a.f, "clock": b.f})
            elif a.kind == "clock" and b.kind in DAY_KINDS and _full(_GAP_CLOCK_DAY, gap) and "clock" not in b.f:
                merged = Atom(a.start, b.end, b.kind, {**b.f, "clock": a.f})
            elif a.kind in ("mod", "apx") and b.kind in MOD_TARGETS | {"duration"} and _full(_GAP_MOD, gap) \
                    and "mod" not in b.f and (a.kind == "apx" or b.kind != "duration"):
                kind = "period" if b.kind == "bare_period" else b.kind
                merged = Atom(a.start, b.end, kind, {**b.f, "mod": a.f.get("mod") or a.f.get("apx")})
            if merged:
                atoms[i:i + 2] = [merged]
                changed = True
                break
    return [a for a in atoms if a.kind not in WEAK]


_RANGE_DAY_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?:من|بين)\s+(?P<d>\d{1,2})\s*(?:الي|حتي|لغايه|و|-)\s*[وف]?$")


def _ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    """Range starts: a bare day number before a full date, a month or day before a dated one."""
    out: list[Atom] = []
    for i, atom in enumerate(atoms):
        if atom.kind == "gdate" and "mon" in atom.f and ("d" in atom.f or "od" in atom.f):
            m = _RANGE_DAY_BEFORE.search(text[max(0, atom.start - 40):atom.start])
            if m:
                offset = max(0, atom.start - 40)
                inherited = {k: v for k, v in atom.f.items() if k in ("mon", "y", "dir")}
                out.append(Atom(offset + m.start("d"), offset + m.end("d"), "gdate", {**inherited, "d": m.group("d")}))
        if i > 0 and atom.kind == "gdate" and "y" in atom.f:
            prev = atoms[i - 1]
            if prev.kind == "gdate" and "y" not in prev.f and "dir" not in prev.f \
                    and _full(_GAP_RANGE, text[prev.end:atom.start].rstrip("وف")):
                prev.f = {**prev.f, "y": atom.f["y"]}
        out.append(atom)
    return sorted(out, key=lambda a: a.start)


def _trigger_words() -> frozenset[str]:
    words: set[str] = set()
    for table in (lx.GREGORIAN_MONTHS, lx.HIJRI_MONTHS, lx.WEEKDAYS, lx.RELATIVE_DAYS, lx.UNITS, lx.PARTS,
                  lx.MODIFIERS, lx.APPROX, lx.PERIOD_UNITS, lx.CLOCK_SUFFIXES):
        for key in table:
            words.update(key.split())
    words.update({"الليله", "الساعه", "عام", "سنه", "عامي"})
    words.difference_update({"من", "ما", "علي", "عن", "ص", "م", "بعد"})
    return frozenset(words)


TRIGGERS = _trigger_words()
_WORD = regex.compile(r"\p{L}+|\d+")
_DECADE_WORD = regex.compile("(?:" + "|".join(lx.DECADES) + ")(?:ي)?ات$")
WINDOW = 50


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around words that can start or end a time expression.

    The atom patterns then run on these stretches only: a report is mostly text without times,
    and scanning every position with every pattern costs more than finding the trigger words.
    """
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not (word[0].isdigit() or word.isascii() or any(word[i:] in TRIGGERS for i in range(min(4, len(word) - 1)))
                or _DECADE_WORD.search(word)):
            continue
        start = text.rfind(" ", 0, max(0, m.start() - WINDOW)) + 1
        end = text.find(" ", min(len(text), m.end() + WINDOW))
        end = len(text) if end < 0 else end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def find_atoms(text: str) -> list[Atom]:
    """Time expressions in normalised text, each with the fields its normaliser needs."""
    atoms: list[Atom] = []
    for start, end in _windows(text):
        atoms.extend(_atoms(text, start, end))
    return _ranges(text, _merge(text, atoms))
