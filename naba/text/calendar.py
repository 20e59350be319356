"""Arabic names of months and weekdays, keyed by their normalised spelling (see normalise_text).

Shared by ingest (datelines) and the times layer. Covers the Egyptian/Gulf transliterated names,
the Levantine/Iraqi Syriac names and the Maghrebi French-derived ones, plus Hijri months.
"""

from __future__ import annotations

from naba.text.normalise import normalise_text

_GREGORIAN = {
    1: ["يناير", "كانون الثاني", "جانفي", "ينير"],
    2: ["فبراير", "شباط", "فيفري", "فبراير"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "حزيران", "جوان", "يونيه"],
    7: ["يوليو", "تموز", "جويلية", "يوليوز", "يوليه"],
    8: ["أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "أكتوبر"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون الاول", "دجنبر"],
}
_HIJRI = {
    1: ["محرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع الاول"],
    4: ["ربيع الثاني", "ربيع الآخر", "ربيع الاخر"],
    5: ["جمادى الأولى", "جمادى الاولى", "جمادى الأول"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
}
_WEEKDAYS = {  # Python weekday(): Monday is 0
    0: ["الاثنين", "الإثنين", "اثنين"],
    1: ["الثلاثاء", "ثلاثاء"],
    2: ["الأربعاء", "الاربعاء", "أربعاء"],
    3: ["الخميس", "خميس"],
    4: ["الجمعة", "جمعة"],
    5: ["السبت", "سبت"],
    6: ["الأحد", "الاحد", "أحد"],
}


def _index(table: dict[int, list[str]]) -> dict[str, int]:
    return {normalise_text(name): number for number, names in table.items() for name in names}


GREGORIAN_MONTHS: dict[str, int] = _index(_GREGORIAN)
HIJRI_MONTHS: dict[str, int] = _index(_HIJRI)
WEEKDAYS: dict[str, int] = _index(_WEEKDAYS)
