"""The Arabic words of time, in normalised spelling (see ``naba.text.normalise``).

Written by hand: dateparser knows Egyptian month names and a few relative words, but not the
number words, duals, ordinals, parts of the day, modifiers and period words Arabic news uses.
Month and weekday names come from ``naba.text.calendar``, shared with the dateline parser.
"""

from __future__ import annotations

from naba.text.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
from naba.text.normalise import normalise_text


def _norm(table: dict[str, object]) -> dict[str, object]:
    return {normalise_text(key): value for key, value in table.items()}


CARDINALS: dict[str, int] = _norm({
    "واحد": 1, "واحدة": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40,
    "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
    "مئة": 100, "مائة": 100, "مئتين": 200, "مائتين": 200, "مئتي": 200, "مائتي": 200,
})
TEEN_UNITS: dict[str, int] = _norm({
    "أحد": 1, "إحدى": 1, "اثني": 2, "اثنا": 2, "اثنتي": 2, "اثنتا": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
})
# Masculine ordinals (days of the month, centuries) and feminine ones (clock hours).
ORDINAL_UNITS: dict[str, int] = _norm({
    "الأول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
    "الواحدة": 1, "الحادية": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
    "السادسة": 6, "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10,
})
ORDINAL_TENS: dict[str, int] = _norm({"العشرين": 20, "الثلاثين": 30})

# Duration units: every form (singular, accusative, dual, plural) -> (TIMEX unit, implied count)
UNITS: dict[str, tuple[str, int | None]] = {}
for _unit, _forms in {
    "Y": (["عام", "عاما", "سنة", "سنه"], ["عامين", "عامان", "سنتين", "سنتان"], ["أعوام", "سنوات", "سنين"]),
    "M": (["شهر", "شهرا"], ["شهرين", "شهران"], ["أشهر", "شهور"]),
    "W": (["أسبوع", "أسبوعا"], ["أسبوعين", "أسبوعان"], ["أسابيع"]),
    "D": (["يوم", "يوما"], ["يومين", "يومان"], ["أيام"]),
    "H": (["ساعة"], ["ساعتين", "ساعتان"], ["ساعات"]),
    "MIN": (["دقيقة"], ["دقيقتين", "دقيقتان"], ["دقائق"]),
    "DE": (["عقد", "عقدا"], ["عقدين", "عقدان"], ["عقود"]),
    "CE": (["قرن", "قرنا"], ["قرنين", "قرنان"], ["قرون"]),
}.items():
    singular, dual, plural = _forms
    UNITS.update({normalise_text(w): (_unit, 1) for w in singular})
    UNITS.update({normalise_text(w): (_unit, 2) for w in dual})
    UNITS.update({normalise_text(w): (_unit, None) for w in plural})

# Parts of the day -> TIMEX part-of-day code.
PARTS: dict[str, str] = _norm({
    "صباح": "MO", "فجر": "MO", "ضحى": "MO", "ظهر": "MI", "عصر": "AF", "مساء": "EV",
    "ليلة": "NI", "ليل": "NI",
})
# Words after a clock time: AM/PM hints.
CLOCK_SUFFIXES: dict[str, str] = _norm({
    "ص": "am", "م": "pm", "صباحا": "am", "صباحاً": "am", "فجرا": "night", "ظهرا": "noon",
    "عصرا": "pm", "مساء": "pm", "مساءا": "pm", "ليلا": "night", "بعد الظهر": "pm",
})

MODIFIERS: dict[str, str] = _norm({
    "مطلع": "START", "أوائل": "START", "بداية": "START", "بدايات": "START",
    "منتصف": "MID", "أواسط": "MID",
    "أواخر": "END", "نهاية": "END", "نهايات": "END", "ختام": "END",
})
APPROX: dict[str, str] = _norm({
    "نحو": "APPROX", "حوالي": "APPROX", "قرابة": "APPROX", "زهاء": "APPROX",
    "ما يقرب من": "APPROX", "أكثر من": "MORE_THAN", "ما يزيد على": "MORE_THAN",
    "ما يزيد عن": "MORE_THAN", "ما يربو على": "MORE_THAN", "أقل من": "LESS_THAN",
})

# Relative days -> offset in days from the reference day.
RELATIVE_DAYS: dict[str, int] = _norm({
    "اليوم": 0, "أمس": -1, "البارحة": -1, "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2,
    "غدا": 1, "غد": 1, "الغد": 1, "بعد غد": 2,
})
# Direction words after a weekday, month or period.
PAST_WORDS = {normalise_text(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "الماضيين")}
NEXT_WORDS = {normalise_text(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة", "المقبلين", "القادمين")}
CURRENT_WORDS = {normalise_text(w) for w in ("الجاري", "الجارية", "الحالي", "الحالية")}
PERIOD_UNITS: dict[str, str] = _norm({
    "الأسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y", "العقد": "DE", "القرن": "CE",
})
DECADES: dict[str, int] = _norm({
    "عشرين": 2, "ثلاثين": 3, "أربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7, "ثمانين": 8, "تسعين": 9,
})

__all__ = [
    "APPROX", "CARDINALS", "CLOCK_SUFFIXES", "CURRENT_WORDS", "DECADES", "GREGORIAN_MONTHS",
    "HIJRI_MONTHS", "MODIFIERS", "NEXT_WORDS", "ORDINAL_TENS", "ORDINAL_UNITS", "PARTS",
    "PAST_WORDS", "PERIOD_UNITS", "RELATIVE_DAYS", "TEEN_UNITS", "UNITS", "WEEKDAYS",
]
