"""Check the knowledge base files: unique ids, required fields, known types, sane title periods,
and no alias shared by two entities of the same type unless both list it as a weak alias (the
stated rule: a weak alias links only to the entity the report names unambiguously elsewhere).

    python training/validate_kb.py [KB_DIR]     # exit status 1 and one line per problem
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from naba.entities.kb import KB_DIR, TYPES, KnowledgeBase, alias_key, parse_day, read_records  # noqa: E402

REQUIRED = ("id", "type", "name_ar", "aliases")


def problems(directory: Path = KB_DIR) -> list[str]:
    found: list[str] = []
    records = read_records(directory)
    seen: dict[str, str] = {}
    for record in records:
        where = record.get("_source", "?")
        for name in REQUIRED:
            if not record.get(name) and not (name == "aliases" and record.get("weak_aliases")):
                found.append(f"{where}: missing {name}")
        if "name_en" not in record:
            found.append(f"{where}: missing name_en (null is allowed)")
        ident = record.get("id", "")
        if ident in seen:
            found.append(f"{where}: duplicate id {ident} (first at {seen[ident]})")
        seen[ident] = where
        if record.get("type") not in TYPES:
            found.append(f"{where}: unknown type {record.get('type')!r}")
        if ":" not in ident or ident != ident.strip() or " " in ident:
            found.append(f"{where}: id {ident!r} is not a prefix:slug")
        if record.get("type") == "PERSON" and not record.get("country") and not record.get("cameo"):
            found.append(f"{where}: person without country")
        for title in record.get("titles") or ():
            try:
                start, end = parse_day(title.get("from")), parse_day(title.get("to"))
            except (ValueError, TypeError):
                found.append(f"{where}: bad title dates {title}")
                continue
            if not title.get("title"):
                found.append(f"{where}: title without text")
            if start and end and end < start:
                found.append(f"{where}: title {title.get('title')} ends before it starts")
        for role in record.get("cameo") or ():
            code = str(role.get("code") or "")
            if not (3 <= len(code) <= 12 and code.isalpha() and code.isupper()):
                found.append(f"{where}: bad CAMEO code {code!r}")
            try:
                start, end = parse_day(role.get("from")), parse_day(role.get("to"))
            except (ValueError, TypeError):
                found.append(f"{where}: bad CAMEO dates {role}")
                continue
            if start and end and end < start:
                found.append(f"{where}: CAMEO role {code} ends before it starts")
    for record in records:
        country = record.get("country")
        if country and country not in seen:
            found.append(f"{record['_source']}: unknown country {country}")
    # alias -> type -> entities holding it strongly / weakly
    strong: dict[tuple[str, str], set[str]] = defaultdict(set)
    weak: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        for field_name in ("aliases", "demonyms"):
            for alias in record.get(field_name) or ():
                strong[(" ".join(alias_key(alias)), record["type"])].add(record["id"])
        for alias in record.get("weak_aliases") or ():
            weak[(" ".join(alias_key(alias)), record["type"])].add(record["id"])
    for (alias, kind), ids in sorted(strong.items()):
        if len(ids) > 1:
            found.append(f"alias {alias!r} names {len(ids)} {kind} entities: {', '.join(sorted(ids))}")
        elif (alias, kind) in weak and weak[(alias, kind)] - ids:
            others = ", ".join(sorted(weak[(alias, kind)] - ids))
            found.append(f"alias {alias!r} is strong for {next(iter(ids))} and weak for {others}")
    try:
        KnowledgeBase.load(directory)
    except Exception as error:  # a file that does not load is the worst problem of all
        found.append(f"cannot load: {error!r}")
    return found


def main() -> int:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else KB_DIR
    found = problems(directory)
    for line in found:
        print(line)
    records = read_records(directory)
    print(f"{len(records)} entities, {len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
