"""Build ``naba/resources/kb/countries.jsonl`` from the CLDR country names, enriched by hand.

CLDR (via umpirsky/country-list, MIT) gives one Arabic and one English name per ISO code; news
also writes short forms (السعودية، أمريكا، الإمارات) and demonym adjectives (الأمريكي، الكازاخستانية،
أمريكيون) that name the country. Those are written here by hand, and the inflected demonym forms
(fem., dual, plural, with the article) are generated from the masculine singular.

    python training/build_kb_countries.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "naba" / "resources" / "kb" / "countries.jsonl"
DROP = {"XA", "XB"}  # CLDR pseudo-locales

# ISO code -> (short forms / other names, masculine singular demonyms). Facts, written by hand.
EXTRAS: dict[str, tuple[list[str], list[str]]] = {
    "US": (["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"], ["أمريكي", "أميركي"]),
    "SA": (["السعودية", "المملكة السعودية", "السعوديه"], ["سعودي"]),
    "AE": (["الإمارات", "دولة الإمارات", "الامارات"], ["إماراتي"]),
    "KZ": (["جمهورية كازاخستان", "قازاقستان"], ["كازاخستاني", "كازاخي"]),
    "IL": (["دولة إسرائيل"], ["إسرائيلي"]),
    "PS": (["فلسطين", "دولة فلسطين"], ["فلسطيني"]),
    "EG": (["جمهورية مصر العربية"], ["مصري"]),
    "JO": (["المملكة الأردنية الهاشمية"], ["أردني"]),
    "SY": (["سورية", "الجمهورية العربية السورية"], ["سوري"]),
    "IQ": (["جمهورية العراق"], ["عراقي"]),
    "IR": (["الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية"], ["إيراني"]),
    "YE": (["الجمهورية اليمنية"], ["يمني"]),
    "OM": (["سلطنة عمان", "سلطنة عُمان"], ["عماني"]),  # bare عمان is also Amman: weak
    "QA": (["دولة قطر"], ["قطري"]),
    "KW": (["دولة الكويت"], ["كويتي"]),
    "BH": (["مملكة البحرين"], ["بحريني"]),
    "LB": ([], ["لبناني"]),
    "LY": ([], ["ليبي"]),
    "TN": ([], ["تونسي"]),
    "DZ": ([], ["جزائري"]),
    "MA": (["المملكة المغربية"], ["مغربي"]),
    "SD": ([], ["سوداني"]),
    "SS": ([], []),
    "MR": ([], ["موريتاني"]),
    "SO": ([], ["صومالي"]),
    "DJ": ([], ["جيبوتي"]),
    "KM": ([], []),
    "TR": (["تركية"], ["تركي"]),
    "RU": (["روسيا الاتحادية", "الاتحاد الروسي"], ["روسي"]),
    "CN": (["جمهورية الصين الشعبية"], ["صيني"]),
    "GB": (["بريطانيا", "بريطانيا العظمى", "انجلترا"], ["بريطاني"]),
    "FR": ([], ["فرنسي"]),
    "DE": ([], ["ألماني"]),
    "IT": ([], ["إيطالي"]),
    "ES": (["اسبانيا"], ["إسباني"]),
    "PT": ([], ["برتغالي"]),
    "NL": ([], ["هولندي"]),
    "BE": ([], ["بلجيكي"]),
    "CH": ([], ["سويسري"]),
    "AT": ([], ["نمساوي"]),
    "SE": ([], ["سويدي"]),
    "NO": ([], ["نرويجي"]),
    "DK": (["الدنمارك"], ["دنماركي"]),
    "FI": ([], ["فنلندي"]),
    "PL": ([], ["بولندي"]),
    "GR": ([], ["يوناني"]),
    "UA": ([], ["أوكراني"]),
    "BY": (["روسيا البيضاء"], []),
    "CA": ([], ["كندي"]),
    "MX": ([], ["مكسيكي"]),
    "BR": ([], ["برازيلي"]),
    "AR": ([], ["أرجنتيني"]),
    "VE": ([], ["فنزويلي"]),
    "CU": ([], ["كوبي"]),
    "JP": ([], ["ياباني"]),
    "KR": (["كوريا الجنوبية"], []),
    "KP": (["كوريا الشمالية"], []),
    "IN": ([], ["هندي"]),
    "PK": ([], ["باكستاني"]),
    "AF": ([], ["أفغاني"]),
    "BD": (["بنجلاديش"], ["بنغالي"]),
    "ID": ([], ["إندونيسي"]),
    "MY": ([], ["ماليزي"]),
    "AU": ([], ["أسترالي"]),
    "NZ": ([], []),
    "ZA": ([], []),
    "NG": ([], ["نيجيري"]),
    "ET": ([], ["إثيوبي"]),
    "ER": ([], ["إريتري"]),
    "KE": ([], ["كيني"]),
    "BI": ([], ["بوروندي"]),
    "RW": ([], []),
    "SN": ([], ["سنغالي"]),
    "TD": ([], []),
    "ML": (["جمهورية مالي"], []),
    "NE": ([], []),
    "CD": (["الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"], []),
    "CG": (["جمهورية الكونغو"], []),
    "UZ": ([], ["أوزبكي", "أوزبكستاني"]),
    "TM": ([], ["تركمانستاني"]),
    "TJ": ([], ["طاجيكي", "طاجيكستاني"]),
    "KG": (["قرغيزستان"], ["قرغيزي", "قيرغيزستاني"]),
    "AZ": ([], ["أذربيجاني"]),
    "AM": ([], ["أرميني"]),
    "GE": ([], []),
    "CY": ([], ["قبرصي"]),
    "VA": ([], []),
    "HU": (["المجر"], []),  # مجري is also "stream", مجريات "course of events"
    "CZ": (["جمهورية التشيك"], ["تشيكي"]),
    "RS": ([], ["صربي"]),
    "BA": (["البوسنة"], ["بوسني"]),
    "AL": ([], ["ألباني"]),
    "IE": ([], ["إيرلندي", "أيرلندي"]),
    "TH": ([], ["تايلاندي"]),
    "VN": ([], ["فيتنامي"]),
    "PH": ([], ["فلبيني"]),
    "MM": (["ميانمار", "بورما"], []),
    "LK": ([], []),
    "SG": ([], ["سنغافوري"]),
    "CL": ([], ["تشيلي"]),
    "CO": ([], ["كولومبي"]),
    "PE": ([], []),
    "EH": ([], []),
    "MK": (["مقدونيا"], []),
    "CI": (["كوت ديفوار"], []),
    "HK": (["هونغ كونغ", "هونج كونج"], []),
    "MO": (["ماكاو"], []),
    "TW": ([], ["تايواني"]),
    "MV": (["المالديف"], []),
}

# Demonyms spelled like the country name: kept as the name only.
UNSAFE = {"تشيلي", "جيبوتي", "بوروندي"}
# Bare masculine forms that are also first names or words: تركي (the name Turki), كندي (Kennedy).
UNSAFE_FORMS = {"تركي", "كندي"}
# Names that are also ordinary Arabic words (مالي "financial", بنين "sons"): linked only when the
# tagger marks them as a name or the country is named unambiguously elsewhere in the report.
WEAK = {"ML": ["مالي"], "BJ": ["بنين"], "TD": ["تشاد"], "NE": ["النيجر"], "GA": ["الغابون"],
        "TG": ["توغو"], "TO": ["تونغا"], "GU": ["غوام"], "JE": ["جيرسي"], "NU": ["نيوي"], "OM": ["عُمان"],
        "CW": ["كوراساو"], "PW": ["بالاو"], "JO": [], "SC": ["سيشل"]}


def demonym_forms(masculine: str) -> list[str]:
    """Masc./fem. singular, dual and plural forms of a nisba adjective, bare and with the article."""
    base = [masculine, masculine + "ة", masculine + "ون", masculine + "ين", masculine + "ان",
            masculine + "تان", masculine + "تين", masculine + "ات"]
    return base + ["ال" + form for form in base]


def read_names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row["value"] for row in csv.DictReader(handle) if row["id"] not in DROP}


def alpha3(code: str) -> str | None:
    """ISO 3166 alpha-3, which CAMEO uses as the country actor code (pycountry, a training-time
    dependency); Kosovo has none in ISO and is KSV in CAMEO."""
    import pycountry

    if code == "XK":
        return "KSV"
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def build(shared: Path) -> list[dict]:
    gazetteers = shared / "data" / "gazetteers"
    arabic = read_names(gazetteers / "country-names-ar.csv")
    english = read_names(gazetteers / "country-names-en.csv")
    rows = []
    for code in sorted(arabic):
        aliases, masculine = EXTRAS.get(code, ([], []))
        name_ar = arabic[code]
        alias_list = list(dict.fromkeys([name_ar, *aliases]))
        demonyms = []
        for stem in masculine:
            if stem in UNSAFE:
                continue
            demonyms.extend(f for f in demonym_forms(stem) if f not in UNSAFE_FORMS)
        weak = WEAK.get(code, [])
        alias_list = [a for a in alias_list if a not in weak]
        rows.append({
            "id": f"gpe:{code.lower()}",
            "type": "GPE",
            "kind": "country",
            "iso": code,
            "cameo": [{"code": alpha3(code)}] if alpha3(code) else [],
            "name_en": english.get(code),
            "name_ar": name_ar,
            "aliases": alias_list,
            "demonyms": list(dict.fromkeys(demonyms)),
            "weak_aliases": weak,
            "source": "CLDR via umpirsky/country-list (MIT); short forms and demonyms by naba",
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = parser.parse_args()
    rows = build(args.shared)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} countries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
