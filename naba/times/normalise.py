"""Turn a found time expression into a TIMEX3 value and mod, against the publication time.

Conventions (TimeML TIMEX3): dates ``2025-11-06``, months ``2025-11``, years ``2025``, ISO weeks
``2025-W45``, parts of the day ``2025-11-06TEV`` (MO MI AF EV NI), clock times ``2025-11-10T15:00``,
decades ``199``, centuries ``19``, durations ``P30Y`` ``PT48H`` ``P2DE`` (X for an unknown count).

Choices where Arabic news leaves room:

* ``منذ`` + a length (منذ أكثر من 30 عاماً) is a *duration* (P30Y, mod MORE_THAN): the phrase
  measures how long a state has lasted up to publication. ``قبل``/``بعد`` + a length is a point,
  at the grain of the unit (قبل يومين -> a date, قبل عامين -> a year, بعد أسبوعين -> a week),
  unless it is counted from an event (بعد يومين من الهجوم، بعد ثلاثة أيام على هيروشيما): then a
  duration, since the event's date is not this layer's to know.
* A weekday standing alone follows the tense of its clause (see ``tense.is_future``): past ->
  the most recent such day on or before the publication day (قال الخميس, in a Thursday report,
  is today); future -> the first such day on or after the *news day*.
* ``الماضي`` with a weekday means the most recent such day strictly before the publication day,
  so ``الخميس الماضي`` in a report published on the Friday after a Thursday is **the day before**,
  not the week before: Arabic reporters use الماضي to mark the day as past, not to skip a week (the
  sample report's minerals deal was signed on Thursday 6 November, the day before publication).
  ``المقبل``/``القادم`` is strictly after the publication day.
* The news day: a report stamped before 06:00 was written the evening before (the sample, at
  01:34 on Friday, quotes a Thursday announcement "to happen Thursday evening"), so a future
  weekday may still be that previous day. Only future weekdays use it; اليوم stays the
  publication date.
* A date without a year takes its year from the clause's tense (see ``_infer_year``).
* A Hijri month or year becomes the Gregorian month or year holding its middle
  (رمضان 1446 -> 2025-03).
* Ranges (من 3 إلى 5 ديسمبر) are two expressions, one per end; the first borrows month and year.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import regex
from hijridate import Hijri

from naba.times.find import Atom
from naba.times.lexicon import TimeLexicon

NEWS_DAY_HOUR = 6
_SPACES = regex.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip())


def _tens(lx: TimeLexicon) -> tuple[str, ...]:
    return lx.role("ten_masculine") + lx.role("ten_feminine")


def number(text: str | None, lx: TimeLexicon) -> int | None:
    """Digits or Arabic number words (ثلاث، خمسة وعشرين، اثني عشر) to an int."""
    if text is None:
        return None
    text = _key(text)
    if text.isdigit():
        return int(text)
    parts = text.split(" ")
    if len(parts) == 2 and parts[1] in _tens(lx):
        return 10 + lx.teen_units.get(parts[0], 0)
    total = 0
    and_ = lx.role("and")
    for part in parts:
        part = part[1:] if part.startswith(and_) and part not in lx.cardinals else part
        if part not in lx.cardinals:
            return None
        total += lx.cardinals[part]
    return total


def ordinal(text: str, lx: TimeLexicon) -> int | None:
    """الأول، السابع عشر، الخامس والعشرين -> 1, 17, 25."""
    parts = _key(text).split(" ")
    if parts[0] in lx.ordinal_tens:
        return lx.ordinal_tens[parts[0]]
    unit = lx.ordinal_units.get(parts[0])
    if unit is None:
        return None
    if len(parts) == 1:
        return unit
    if parts[1] in _tens(lx):
        return 10 + unit
    return unit + lx.ordinal_tens.get(parts[1][1:], 0)


def _month_name(text: str, lx: TimeLexicon) -> int | None:
    text = _key(regex.sub(r"[/()]", " ", text))
    if text in lx.gregorian_months:
        return lx.gregorian_months[text]
    for n in range(1, len(text.split(" "))):  # a pair such as يوليو تموز: the first name decides
        head = " ".join(text.split(" ")[:n])
        if head in lx.gregorian_months:
            return lx.gregorian_months[head]
    return None


def _direction(word: str | None, lx: TimeLexicon) -> int | None:
    if not word:
        return None
    word = _key(word)
    return -1 if word in lx.past_words else 1 if word in lx.next_words else 0 if word in lx.current_words else None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


SOON_DAYS = 60


def _infer_year(month: int, day: int | None, ref: date, future: bool) -> int:
    """The year of a date written without one, from the tense of its clause.

    Future clause: the first such date from a week before publication on. Otherwise the most
    recent one, unless the next one is under two months away (تبدأ المحادثات في 15 يناير, written
    on 5 January, is this month's 15th; أجريت في يناير, written in August, is last January).
    """
    if day is None:  # a month: compare months, the current one counting as both past and next
        past_year = ref.year if month <= ref.month else ref.year - 1
        next_year = ref.year if month >= ref.month else ref.year + 1
        months_ahead = (next_year - ref.year) * 12 + month - ref.month
        if future:
            return next_year
        return next_year if months_ahead * 30 < SOON_DAYS else past_year
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return ref.year
    if future:
        upcoming = [c for c in candidates if (c - ref).days >= -7]
        return min(upcoming).year if upcoming else ref.year
    past = [c for c in candidates if c <= ref]
    upcoming = [c for c in candidates if c > ref]
    if upcoming and (min(upcoming) - ref).days < SOON_DAYS or not past:
        return min(upcoming).year
    return max(past).year


class Resolver:
    """Values for atoms of one report, given its publication datetime (or None)."""

    def __init__(self, lx: TimeLexicon, published: datetime | None, latin_parser=None):
        self.lx = lx
        self.published = published
        self.latin_parser = latin_parser  # a dateparser DateDataParser for Latin-script dates
        self.ref = published.date() if published else None
        # 00:00 exactly is how a date without a time arrives: no news-day shift for it
        minutes = published.hour * 60 + published.minute if published else 12 * 60
        overnight = 0 < minutes < NEWS_DAY_HOUR * 60
        self.news_day = self.ref - timedelta(days=1) if self.ref and overnight else self.ref

    def resolve(self, atom: Atom, future: bool) -> tuple[str | None, str | None]:
        f = atom.f
        mod = f.get("mod") or f.get("apx")
        lx = self.lx
        mod = lx.modifiers.get(_key(mod)) or lx.approx.get(_key(mod)) if mod else None
        try:
            value = getattr(self, "_" + atom.kind)(f, future)
        except (ValueError, OverflowError, KeyError, TypeError):
            value = None
        if value and "clock" in f and len(value) == 10:
            value = self._with_clock(value, f["clock"], f.get("part"))
        elif value and "part" in f and len(value) == 10:
            value = f"{value}T{lx.parts[f['part']]}"
        return value, mod

    # --- days -------------------------------------------------------------------------------
    def _day_value(self, day: date) -> str:
        return day.isoformat()

    def _relday(self, f, future):
        if self.ref is None:
            return None
        return self._day_value(self.ref + timedelta(days=self.lx.relative_days[_key(f["rd"])]))

    def _tonight(self, f, future):
        if self.ref is None:
            return None
        day = self.ref - timedelta(days=1) if f.get("dir") else self.ref
        return f"{day.isoformat()}TNI"

    def _weekday(self, f, future):
        if self.ref is None:
            return None
        wd = self.lx.weekdays[_key(f["wd"])]
        direction = _direction(f.get("dir"), self.lx)
        if direction == -1:
            back = (self.ref.weekday() - wd) % 7 or 7
            return self._day_value(self.ref - timedelta(days=back))
        if direction == 1:
            ahead = (wd - self.ref.weekday()) % 7 or 7
            return self._day_value(self.ref + timedelta(days=ahead))
        if future:
            return self._day_value(self.news_day + timedelta(days=(wd - self.news_day.weekday()) % 7))
        return self._day_value(self.ref - timedelta(days=(self.ref.weekday() - wd) % 7))

    # --- explicit dates ---------------------------------------------------------------------
    def _gdate(self, f, future):
        lx = self.lx
        day = int(f["d"]) if "d" in f else ordinal(f["od"], lx) if "od" in f else None
        if "pdir" in f:  # الرابع من الشهر الجاري
            if self.ref is None:
                return None
            year, month = _add_months(self.ref.year, self.ref.month, _direction(f["pdir"], lx) or 0)
            return date(year, month, day).isoformat()
        month = _month_name(f["mon"], lx)
        if "y" in f:
            year = int(f["y"].rstrip("".join(lx.role("era_gregorian"))))
        else:
            if self.ref is None:
                return None
            direction = _direction(f.get("dir"), lx)
            # the month itself may be the publication month: 27 أغسطس المقبل on 6 August is this August
            this_month_ahead = month == self.ref.month and day is not None and day > self.ref.day
            this_month_behind = month == self.ref.month and day is not None and day < self.ref.day
            if direction == -1:
                year = self.ref.year if month < self.ref.month or this_month_behind else self.ref.year - 1
            elif direction == 1:
                year = self.ref.year if month > self.ref.month or this_month_ahead else self.ref.year + 1
            elif direction == 0:
                year = self.ref.year
            else:
                year = _infer_year(month, day, self.ref, future)
        if day is None:
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()

    def _numeric(self, f, future):
        a, b, c = f["a"], int(f["b"]), f["c"]
        if len(a) == 4:
            year, month, day = int(a), b, int(c)
        elif len(c) == 4:
            year, month, day = int(c), b, int(a)
        else:
            return None
        if "h" in f or year < 1600:
            return Hijri(year, month, day).to_gregorian().isoformat()
        return date(year, month, day).isoformat()

    def _hijri(self, f, future):
        year = int(f["y"])
        if "hm" not in f:
            return str(Hijri(year, 7, 1).to_gregorian().year)
        month = self.lx.hijri_months[_key(f["hm"])]
        if "d" in f:
            return Hijri(year, month, int(f["d"])).to_gregorian().isoformat()
        middle = Hijri(year, month, 15).to_gregorian()
        return f"{middle.year:04d}-{middle.month:02d}"

    def _latin(self, f, future):
        if self.latin_parser is None:
            return None
        found = self.latin_parser.get_date_data(f["lt"])
        return found.date_obj.date().isoformat() if found.date_obj else None

    def _year(self, f, future):
        return f["y"].rstrip("".join(self.lx.role("era_gregorian")))

    # --- periods ----------------------------------------------------------------------------
    def _period(self, f, future):
        if self.ref is None:
            return None
        unit = self.lx.period_units[f["pu"]]
        shift = _direction(f.get("dir"), self.lx) or 0
        if unit == "W":
            return _week(self.ref + timedelta(weeks=shift))
        if unit == "M":
            year, month = _add_months(self.ref.year, self.ref.month, shift)
            return f"{year:04d}-{month:02d}"
        if unit == "Y":
            return str(self.ref.year + shift)
        return str(self.ref.year // 10 + shift)

    _bare_period = _period

    def _century_number(self, spec: str | None) -> int | None:
        if spec is None:
            return 19
        spec = _key(spec)
        direction = _direction(spec, self.lx)
        if direction is not None:
            if self.ref is None:
                return None
            return self.ref.year // 100 + direction
        n = ordinal(spec, self.lx)  # العشرين: 20, the twentieth century, 19xx
        return n - 1 if n else None

    def _century(self, f, future):
        n = self._century_number(f["cent"])
        return None if n is None else f"{n:02d}"

    def _decade(self, f, future):
        n = self._century_number(f.get("cent"))
        return None if n is None else f"{n:02d}{self.lx.decades[f['dec']]}"

    # --- lengths ----------------------------------------------------------------------------
    def _duration(self, f, future):
        lx = self.lx
        unit, implied = lx.units[_key(f["unit"])]
        n = number(f.get("n"), lx) if "n" in f else implied
        pre = f.get("pre")
        if pre in lx.role("before") + lx.role("after") and not f.get("_event_anchor"):
            return self._offset(n, unit, -1 if pre in lx.role("before") else 1)
        count = "X" if n is None else str(n)
        if unit in ("H", "MIN"):
            return f"PT{count}{'H' if unit == 'H' else 'M'}"
        return f"P{count}{unit}"

    def _offset(self, n: int | None, unit: str, sign: int) -> str | None:
        if self.published is None:
            return None
        if n is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        ref = self.ref
        if unit == "D":
            return (ref + timedelta(days=sign * n)).isoformat()
        if unit == "W":
            return _week(ref + timedelta(weeks=sign * n))
        if unit == "M":
            year, month = _add_months(ref.year, ref.month, sign * n)
            return f"{year:04d}-{month:02d}"
        if unit == "Y":
            return str(ref.year + sign * n)
        if unit in ("H", "MIN"):
            delta = timedelta(hours=n) if unit == "H" else timedelta(minutes=n)
            return (self.published + sign * delta).strftime("%Y-%m-%dT%H:%M")
        if unit == "DE":
            return str((ref.year + sign * 10 * n) // 10)
        return f"{(ref.year + sign * 100 * n) // 100:02d}"

    # --- clock ------------------------------------------------------------------------------
    def _clock(self, f, future):
        if self.ref is None:
            return None
        return self._with_clock(self.ref.isoformat(), f, None)

    def _with_clock(self, day: str, clock: dict, part: str | None) -> str | None:
        hour_text = clock.get("h") or clock.get("h2") or clock.get("h3")
        lx = self.lx
        hour = int(hour_text) if hour_text else ordinal(clock["hw"], lx)
        minute = int(clock.get("mi") or clock.get("mi2") or 0)
        suffix = clock.get("suf") or clock.get("suf2") or clock.get("suf3")
        hint = lx.clock_suffixes.get(_key(suffix)) if suffix else None
        if hint is None and part:
            hint = {"MO": "am", "MI": "noon", "AF": "pm", "EV": "pm", "NI": "night"}[lx.parts[part]]
        if hour is None or hour > 24 or minute > 59:
            return None
        if hint == "am" and hour == 12:
            hour = 0
        elif hint == "pm" and hour < 12:
            hour += 12
        elif hint == "noon" and hour < 6:
            hour += 12
        elif hint == "night" and 6 <= hour < 12:
            hour += 12
        return f"{day}T{hour % 24:02d}:{minute:02d}"
