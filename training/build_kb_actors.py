"""Import the actors of PETRARCH's Arabic dictionary into the KB, validated, with dated CAMEO codes.

Source: ``../shared/data/petrarch-ar/actor_dict_ar_v4.txt`` (openeventdata/UniversalPetrarch, MIT,
(c) 2016 Open Event Data Alliance). An entry is a lemmatised name (``نوري_المالكي_``) with one code
(``[IRQ]``) or dated roles (``[IRQGOV 20101221-20140908]``, ``[IRQGOV >20040401]``). The file is
known to hold wrong entries, so each is checked before it is written to
``naba/resources/kb/actors.jsonl``:

- codes must parse (upper-case letters only) and start with a country code the KB knows (its
  alpha-3) or a CAMEO non-state sector (IGO, NGO, IMG, MNC), then 3-letter CAMEO roles;
- a "name" that starts with a title or role word (``جنرال_يحيى_خان_ [USAGOV]``, ``رئيس_وزير_``)
  is a description, not a name: dropped (such entries carry most of the wrong codes), and so is a
  name with its post after it (``سعود_الفيصل_وزير_خارجية_``);
- generic agents (``جيش``، ``دبابة``، ``قوة_أمن_``) and single-word names other than places are dropped;
- an actor the KB already knows (same alias) is left to the KB's own record;
- a person whose KB country contradicts every code's country is dropped.
Type: ORG when the name opens with an organisation head (حركة، حزب، وزارة ...), GPE for a
place: a name with only bare country codes that does not open with a given name (``أم_درمان_
[SDN]``; ``خالد_مرغلني_ [SAU]`` stays a person), PERSON otherwise. English names come from naba's
transliterator for people (``naba.entities.translit``), null for organisations.

    python training/build_kb_actors.py
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from naba.entities.features import LOC_TRIGGERS, ORG_TRIGGERS, PERSON_TITLES  # noqa: E402
from naba.entities.kb import KB_DIR, KnowledgeBase, alias_key  # noqa: E402
from naba.text.normalise import normalise_text  # noqa: E402
from training.build_entities_common_words import given_names  # noqa: E402

SOURCE = ROOT / ".." / "shared" / "data" / "petrarch-ar" / "actor_dict_ar_v4.txt"
OUT = KB_DIR / "actors.jsonl"
SECTORS = {"IGO", "NGO", "IMG", "MNC"}
ROLES = set("""GOV MIL REB OPP COP JUD LEG MED BUS CVL EDU HLH ELI PTY SPY REF CRM LAB HRI AGR DEV ENV
UAF SET MOD RAD IGO NGO IMG MNC INS SEP UNO NGM REL AMN CHR JEW MOS SHI SUN BUD HIN CON""".split())
# Words that open a description, not a name (beyond naba's person titles).
DESCRIPTION_WORDS = {normalise_text(w) for w in """جنرال رئيس وزير أمين نائب سفير مبعوث قائد زعيم متحدث
ناطق مسؤول مدير عضو ملك أمير شيخ سيد مستشار حاكم محافظ سلطان قاضي مفتي إمام عقيد عميد لواء مشير
قوة قوات جيش شرطة مسلح متمرد مقاتل دبابة طائرة حكومة سلطات""".split()} | PERSON_TITLES
# Posts that never end a name: an entry of a name and its post is dropped (the post is no alias).
ROLE_WORDS = {normalise_text(w) for w in "وزير نائب رئيس مدير مستشار سفير قائد مبعوث متحدث ناطق".split()}
_ROLE = re.compile(r"^\[\s*([^\s\]]*)\s*([<>]?)\s*(\d{8})?(?:-(\d{8}))?\s*\]")
_NAME = re.compile(r"^\s*([^\s\[#]+)\s*(\[[^\]]*\])?")


def parse(path: Path) -> list[tuple[str, list[tuple[str, date | None, date | None]]]]:
    """(name, [(code, from, to)]) in file order; dates None when open."""
    entries: list[tuple[str, list]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith(("#", "+")):
            continue
        if raw.startswith("\t") or raw.startswith(" \t"):
            if entries:
                role = _parse_role(raw.strip())
                if role:
                    entries[-1][1].append(role)
            continue
        match = _NAME.match(raw)
        if not match:
            continue
        roles = []
        if match.group(2):
            role = _parse_role(match.group(2))
            if role:
                roles.append(role)
        entries.append((match.group(1).replace("_", " ").strip(), roles))
    return entries


def _parse_role(text: str):
    match = _ROLE.match(text)
    if not match:
        return None
    code, sign, first, second = match.groups()
    start = _day(first)
    end = _day(second)
    if sign == "<":
        start, end = None, start
    elif sign == ">" or (end and start and end < start):
        end = None  # 18000101 after a start marks an open end in this file
    return code, start, end


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        value = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return None if value.year <= 1800 or value.year >= 2200 else value


def valid_code(code: str, countries: dict[str, str]) -> bool:
    if not code or not code.isalpha() or not code.isupper() or len(code) % 3:
        return False
    head, roles = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    return (head in countries or head in SECTORS) and all(r in ROLES for r in roles)


def _common_words() -> frozenset[str]:
    path = ROOT / "naba" / "lang" / "ar" / "entities_common_words.tsv"
    if not path.exists():
        return frozenset()
    rows = (line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in rows if w and not w.startswith("#") and w != "word")


def garbled(words: list[str]) -> bool:
    """Lines of the file whose every alef became أ (ألإسلأميين): no usable alias."""
    return any(w == "ا" or w.startswith("ال") and "ا" in w[2:] and "أ" in w for w in words) or \
        sum(w.count("ا") for w in words) > 2 * len(words) and any("ألإ" in w or "أل" == w[:2] for w in words)


def build() -> tuple[list[dict], dict[str, int]]:
    kb = KnowledgeBase.load(KB_DIR) if not OUT.exists() else _kb_without_actors()
    countries = {e.cameo[0].code: e.id for e in kb.entities.values() if e.kind == "country" and e.cameo}
    common = _common_words()
    given = given_names()
    demonyms = {key[0] for key, entries in kb.index.items() if len(key) == 1 and any(
        e.kind == "demonym" or kb.entities[e.entity].kind == "country" for e in entries)}
    demonyms |= {w[2:] for w in demonyms if w.startswith("ال")}
    dropped: dict[str, int] = defaultdict(int)
    merged: dict[str, dict] = {}
    for name, roles in parse(SOURCE):
        words = normalise_text(name).split()
        if any(w in ROLE_WORDS for w in words[2:]):  # سعود_الفيصل_وزير_خارجية_: a name and its post
            dropped["a name with its post after it"] += 1
            continue
        good = [(c, s, e) for c, s, e in roles if valid_code(c, countries)]
        if len(good) < len(roles):
            dropped["malformed or unknown code"] += len(roles) - len(good)
        if not good or not words:
            dropped["no valid code"] += 1
            continue
        if words[0] in DESCRIPTION_WORDS or ("ال" + words[0]) in DESCRIPTION_WORDS:
            dropped["a description, not a name"] += 1
            continue
        kind = "ORG" if words[0] in ORG_TRIGGERS else None
        if kind is None and len(words) == 1:
            if len(good) == 1 and good[0][0] in countries and good[0][1:] == (None, None) \
                    and words[0] not in common and words[0] not in LOC_TRIGGERS and len(words[0]) > 2:
                kind = "GPE"  # a place: جدة [SAU]; مدينة [SAU] is a common noun
            else:
                dropped["one-word name"] += 1
                continue
        if kind == "ORG" and all(w in common or w in demonyms or w[2:] in common or w in ORG_TRIGGERS
                                 or len(w) < 3 for w in words[1:]):
            dropped["a generic organisation (شركة سعودية)"] += 1
            continue
        kind = kind or "PERSON"
        if kind == "PERSON" and (
            garbled(name.split()) or words[0] in common or words[0] in LOC_TRIGGERS
            or any(w in demonyms or ("ال" + w) in demonyms for w in words)
        ):
            dropped["no person name (a common word, place word or demonym)"] += 1
            continue
        if kind == "PERSON" and all(len(c) == 3 and c in countries for c, _, _ in good) and words[0] not in given:
            kind = "GPE"  # the country dictionary's entries: places (أم درمان [SDN]), not people
        key = alias_key(name)
        if key in kb.index:
            dropped["already in the KB"] += 1
            continue
        if kind == "GPE" and countries.get(good[0][0]) and name in (kb.entities[countries[good[0][0]]].name_ar or ""):
            dropped["already in the KB"] += 1
            continue
        record = merged.setdefault(" ".join(key), {"name": name, "type": kind, "roles": []})
        record["roles"].extend(good)
    rows = []
    for key, record in sorted(merged.items()):
        roles = sorted(set(record["roles"]), key=lambda r: (r[1] or date.min, r[0], r[2] or date.max))
        country_codes = {c[:3] for c, _, _ in roles if c[:3] in countries}
        country = countries[next(iter(country_codes))] if len(country_codes) == 1 else None
        prefix = {"PERSON": "per", "ORG": "org", "GPE": "gpe"}[record["type"]]
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        rows.append({
            "id": f"{prefix}:cameo-{digest}",
            "type": record["type"],
            "name_en": None,
            "name_ar": record["name"],
            "aliases": [record["name"]],
            "weak_aliases": [],
            **({"country": country} if country else {}),
            "cameo": [
                {"code": c, **({"from": s.isoformat()} if s else {}), **({"to": e.isoformat()} if e else {})}
                for c, s, e in roles
            ],
            "source": "PETRARCH Arabic actor dictionary v4 (openeventdata/UniversalPetrarch, MIT)",
        })
    return rows, dict(dropped)


def _kb_without_actors() -> KnowledgeBase:
    """The KB as the hand-written files make it, so a rebuild never sees its own output."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for path in KB_DIR.glob("*.jsonl"):
            if path.name != OUT.name:
                shutil.copy(path, tmp)
        return KnowledgeBase.load(Path(tmp))


def add_english_names(rows: list[dict]) -> None:
    try:
        from naba.entities.translit import Transliterator
    except ImportError:
        return
    translit = Transliterator.load()
    for row in rows:
        if row["type"] in ("PERSON", "GPE") and not row["name_en"]:
            row["name_en"] = translit.name(row["name_ar"])


def main() -> int:
    if not SOURCE.is_file():
        print(f"build_kb_actors: missing {SOURCE.resolve()}", file=sys.stderr)
        return 1
    rows, dropped = build()
    add_english_names(rows)
    with OUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds = defaultdict(int)
    for row in rows:
        kinds[row["type"]] += 1
    print(f"wrote {len(rows)} actors to {OUT.relative_to(ROOT)}: {dict(kinds)}; dropped: {dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
