"""Build the events layer's actor-role lexicon and country-code table from outside data.

1. ``naba/lang/ar/events_agents.tsv``: Arabic agent words (جيش، شرطة، متظاهر، مسلحين ...) with a
   CAMEO role code (GOV, MIL, COP, REB, OPP, CVL, UAF, IGO, MED, BUS, JUD, ...), converted from
   ``../shared/data/petrarch-ar/agents.all.ar.txt`` (openeventdata/UniversalPetrarch, branch
   ``arabic``; MIT, Open Event Data Alliance) plus naba's own rows for what it lacks (police: no
   COP entry at all; common plural and definite forms news writes).
2. ``naba/resources/events/country_codes.tsv``: ISO 3166 alpha-2 -> alpha-3 for every country of
   the knowledge base (``pycountry`` at build time only: ``pip install pycountry``).

Cleaning and validation, because the source is known to carry wrong codes:
- the Arabic is the run of Arabic words after the code (``# ?`` notes and ``{}`` plurals dropped);
- the role is the first three letters of the code (``~GOVMED`` -> GOV, sub-role MED), and must be a
  CAMEO role this script knows; codes with Arabic glued in (``~MILطائرة``) are repaired;
- ``CORRECTIONS`` fixes or drops rows read as wrong (a suicide bomber is UAF in CAMEO practice, not
  REB; ``رئيس`` listed as BUS "boss" is ambiguous; ``مصدر`` "exporter" is "source" in news;
  ``احتجاج شبابي`` is a protest, not a protester);
- a phrase listed under several roles keeps the role most of its rows give; a tie is dropped and
  reported.

Usage: python training/convert_petrarch_agents.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SOURCE = REPO.parent / "shared" / "data" / "petrarch-ar" / "agents.all.ar.txt"
OUT_AGENTS = REPO / "naba" / "lang" / "ar" / "events_agents.tsv"
OUT_COUNTRIES = REPO / "naba" / "resources" / "events" / "country_codes.tsv"
KB_COUNTRIES = REPO / "naba" / "resources" / "kb" / "countries.jsonl"

ROLES = {
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "UAF", "IGO", "MED", "BUS", "JUD", "LEG", "EDU", "HLH", "REF",
    "SPY", "AGR", "LAB", "REL", "MUS", "CHR", "JEW", "BUD", "HIN", "ENV", "DEV", "HRI", "PTY", "RAD", "IMG",
    "ELI", "CRM", "NGO", "SEP", "INS",
}
ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0670-\u06D3]+")
# normalised Arabic phrase -> corrected role, or None to drop the row
CORRECTIONS = {
    "انتحاري": "UAF", "رئيس": None, "مصدر": None, "جبان": None, "احتجاج شبابي": None,
    "وحده المعلومات": None, "سلاح للايجار": None, "سلاح ماجور": None, "حرب عصابات انفصاليه": None,
    "رئيس اعلي": None, "رئيس مهجر": None, "مالك الارض": "CVL", "الجهاديه": None,
}
# naba's own rows: what petrarch-ar lacks (police), and forms news writes that it lists otherwise;
# an english gloss starting "quantity:" marks a crowd word that yields to a more specific role after
# it (آلاف الطلاب -> EDU)
OWN_ROWS = [
    ("ملثم", "UAF", "masked gunman"), ("جماهير", "CVL", "crowds"), ("انقلابي", "REB", "putschist"),
    ("مليشيا", "UAF", "militia"), ("مليشيات", "UAF", "militias"), ("المقاومة الشعبية", "REB", "popular resistance"),
    ("شرطة", "COP", "police"), ("الشرطة", "COP", "police"), ("شرطي", "COP", "policeman"),
    ("رجال الشرطة", "COP", "policemen"), ("قوات الشرطة", "COP", "police forces"), ("عناصر الشرطة", "COP", "police"),
    ("قوات الأمن", "COP", "security forces"), ("قوى الأمن", "COP", "security forces"),
    ("رجال الأمن", "COP", "security men"), ("عناصر الأمن", "COP", "security men"),
    ("الأجهزة الأمنية", "COP", "security services"), ("القوات الأمنية", "COP", "security forces"),
    ("دورية", "COP", "patrol"), ("مصدر أمني", "COP", "security source"), ("مصادر أمنية", "COP", "security sources"),
    ("جيش", "MIL", "army"), ("جنود", "MIL", "soldiers"), ("جندي", "MIL", "soldier"), ("قوات", "MIL", "forces"),
    ("القوات المسلحة", "MIL", "armed forces"), ("الجيش", "MIL", "the army"), ("عسكريين", "MIL", "military men"),
    ("طائرة", "MIL", "aircraft"), ("طائرات", "MIL", "aircraft"), ("مروحية", "MIL", "helicopter"),
    ("دبابة", "MIL", "tank"), ("سلاح الجو", "MIL", "air force"), ("قوات التحالف", "MIL", "coalition forces"),
    ("حكومة", "GOV", "government"), ("الحكومة", "GOV", "the government"), ("وزارة", "GOV", "ministry"),
    ("وزير", "GOV", "minister"), ("رئيس", "GOV", "president"), ("الرئيس", "GOV", "the president"),
    ("رئيس الوزراء", "GOV", "prime minister"), ("رئيسة الوزراء", "GOV", "prime minister"), ("ملك", "GOV", "king"),
    ("السلطات", "GOV", "authorities"), ("سلطات", "GOV", "authorities"), ("مسؤول", "GOV", "official"),
    ("مسؤولين", "GOV", "officials"), ("مسؤولون", "GOV", "officials"), ("الخارجية", "GOV", "foreign ministry"),
    ("متحدث", "GOV", "spokesman"), ("سفير", "GOV", "ambassador"), ("سفارة", "GOV", "embassy"),
    ("نائب", "LEG", "member of parliament"), ("نواب", "LEG", "members of parliament"), ("برلمان", "LEG", "parliament"),
    ("مجلس النواب", "LEG", "house of representatives"), ("الكونغرس", "LEG", "congress"),
    ("مسلح", "UAF", "gunman"), ("مسلحون", "UAF", "gunmen"), ("مسلحين", "UAF", "gunmen"), ("مفجر", "UAF", "bomber"),
    ("مفجرون", "UAF", "bombers"), ("مفجرين", "UAF", "bombers"), ("انتحاريون", "UAF", "suicide bombers"),
    ("انتحاريين", "UAF", "suicide bombers"), ("مهاجمون", "UAF", "attackers"), ("مهاجمين", "UAF", "attackers"),
    ("مجهولون", "UAF", "unknown assailants"), ("مجهولين", "UAF", "unknown assailants"),
    ("مقاتلون", "UAF", "fighters"), ("مقاتلين", "UAF", "fighters"), ("ميليشيا", "UAF", "militia"),
    ("ميليشيات", "UAF", "militias"), ("عصابة", "UAF", "gang"), ("خاطفون", "UAF", "kidnappers"),
    ("خاطفين", "UAF", "kidnappers"), ("متشددون", "UAF", "militants"), ("متشددين", "UAF", "militants"),
    ("متمردون", "REB", "rebels"), ("متمردين", "REB", "rebels"), ("المتمردين", "REB", "the rebels"),
    ("ثوار", "REB", "revolutionaries"), ("الثوار", "REB", "revolutionaries"),
    ("متظاهرون", "OPP", "demonstrators"), ("متظاهرين", "OPP", "demonstrators"), ("محتجون", "OPP", "protesters"),
    ("محتجين", "OPP", "protesters"), ("معارضة", "OPP", "opposition"), ("المعارضة", "OPP", "the opposition"),
    ("معارضون", "OPP", "opponents"), ("معارضين", "OPP", "opponents"), ("ناشط", "OPP", "activist"),
    ("ناشطون", "OPP", "activists"), ("ناشطين", "OPP", "activists"), ("أنصار", "OPP", "supporters"),
    ("مدنيين", "CVL", "civilians"), ("مدنيون", "CVL", "civilians"), ("مدني", "CVL", "civilian"),
    ("مواطنين", "CVL", "citizens"), ("مواطنون", "CVL", "citizens"), ("مواطن", "CVL", "citizen"),
    ("الناس", "CVL", "people"), ("أشخاص", "CVL", "persons"), ("شخص", "CVL", "person"), ("شخصا", "CVL", "persons"),
    ("سكان", "CVL", "residents"), ("أهالي", "CVL", "residents"), ("أطفال", "CVL", "children"), ("نساء", "CVL", "women"),
    ("امرأة", "CVL", "woman"), ("طفل", "CVL", "child"), ("عائلة", "CVL", "family"), ("حشد", "CVL", "crowd"),
    ("الآلاف", "CVL", "quantity: thousands"), ("آلاف", "CVL", "quantity: thousands"),
    ("مئات", "CVL", "quantity: hundreds"), ("عشرات", "CVL", "quantity: dozens"),
    ("طلاب", "EDU", "students"), ("طلبة", "EDU", "students"), ("معلمين", "EDU", "teachers"), ("جامعة", "EDU", "university"),
    ("عمال", "LAB", "workers"), ("نقابة", "LAB", "union"), ("نقابات", "LAB", "unions"), ("موظفين", "LAB", "employees"),
    ("صحفي", "MED", "journalist"), ("صحفيين", "MED", "journalists"), ("صحافيين", "MED", "journalists"),
    ("مصور", "MED", "photographer"), ("قاض", "JUD", "judge"), ("قاضي", "JUD", "judge"), ("محكمة", "JUD", "court"),
    ("محامين", "JUD", "lawyers"), ("رجال دين", "REL", "clerics"), ("راهب", "REL", "monk"), ("رهبان", "REL", "monks"),
    ("لاجئين", "REF", "refugees"), ("لاجئون", "REF", "refugees"), ("حزب", "PTY", "party"),
    ("قوات حفظ السلام", "IGO", "peacekeepers"), ("الأمم المتحدة", "IGO", "united nations"),
    ("شركة", "BUS", "company"), ("شركات", "BUS", "companies"), ("رجال أعمال", "BUS", "businessmen"),
    ("وزراء", "GOV", "ministers"), ("زعماء", "GOV", "leaders"), ("رؤساء", "GOV", "presidents"),
    ("سفراء", "GOV", "ambassadors"), ("ضباط", "MIL", "officers"), ("ضابط", "MIL", "officer"),
]


def normalise(text: str) -> str:
    from naba.text.normalise import normalise_text

    return " ".join(normalise_text(text).split())


def parse(line: str) -> tuple[str, str, str] | None:
    """(english, code, arabic) of one dictionary line, or None for comments and blanks."""
    if not line.strip() or line.lstrip().startswith("#") or "[" not in line:
        return None
    english = line.split("[", 1)[0].split("{", 1)[0].strip()
    code = line.split("[", 1)[1].split("]", 1)[0]
    rest = line.split("]", 1)[1] if "]" in line else ""
    glued = ARABIC_WORD.findall(code)  # ~MILطائرة: the Arabic started inside the brackets
    code = re.sub(r"[^A-Z]", "", code)
    arabic = " ".join(glued + ARABIC_WORD.findall(rest))
    return english, code, arabic


def main() -> None:
    if not SOURCE.exists():
        sys.exit(f"petrarch-ar not found: {SOURCE}")
    roles: dict[str, Counter] = defaultdict(Counter)
    english: dict[str, str] = {}
    dropped: Counter = Counter()
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        parsed = parse(line)
        if parsed is None:
            continue
        name, code, arabic = parsed
        role = code[:3]
        if not arabic or len(arabic.replace(" ", "")) < 3:
            dropped["no Arabic"] += 1
            continue
        if role not in ROLES:
            dropped[f"unknown role {code!r}"] += 1
            continue
        phrase = normalise(arabic)
        if phrase in CORRECTIONS:
            role = CORRECTIONS[phrase]
            if role is None:
                dropped["corrected away"] += 1
                continue
        roles[phrase][role] += 1
        english.setdefault(phrase, name.replace("_", " ").strip().lower())
    rows = {}
    for phrase, counts in roles.items():
        (best, n), *rest = counts.most_common()
        if rest and rest[0][1] == n:
            print(f"  dropped (roles tie): {phrase} {dict(counts)}", file=sys.stderr)
            dropped["roles tie"] += 1
            continue
        rows[phrase] = (best, english[phrase], "petrarch-ar")
    for phrase, role, gloss in OWN_ROWS:
        rows[normalise(phrase)] = (role, gloss, "naba")
    with OUT_AGENTS.open("w", encoding="utf-8") as out:
        out.write("# Actor-role words for the events layer: the role part of a CAMEO actor code (IRQ + COP).\n")
        out.write("# Built by training/convert_petrarch_agents.py from petrarch-ar agents.all.ar.txt\n")
        out.write("# (openeventdata/UniversalPetrarch, MIT, Copyright (c) 2016 Open Event Data Alliance),\n")
        out.write("# cleaned and validated there, plus naba's own rows (source=naba). Phrases are normalised.\n")
        out.write("phrase\trole\tenglish\tsource\tvariety\n")
        for phrase in sorted(rows):
            role, gloss, source = rows[phrase]
            out.write(f"{phrase}\t{role}\t{gloss}\t{source}\tMSA\n")
    print(f"{OUT_AGENTS}: {len(rows)} phrases; dropped {dict(dropped)}")

    try:
        import pycountry
    except ImportError:
        print("pycountry not installed: country_codes.tsv left as it is (pip install pycountry)")
        return
    lines = ["# ISO 3166 alpha-2 -> alpha-3 (GDELT/CAMEO country codes) for the KB's countries.",
             "# Built by training/convert_petrarch_agents.py with pycountry (LGPL-2.1; only its data is used).",
             "alpha2\talpha3"]
    for line in KB_COUNTRIES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        iso = record.get("iso")
        country = pycountry.countries.get(alpha_2=iso) if iso else None
        if country is not None:
            lines.append(f"{iso}\t{country.alpha_3}")
    OUT_COUNTRIES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT_COUNTRIES}: {len(lines) - 3} countries")


if __name__ == "__main__":
    main()
