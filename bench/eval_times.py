"""Accuracy of the times layer on the team's gold set, by category, next to dateparser's.

Run with `make eval-times`. Gold: bench/data/times_gold.tsv (sentences written by the team; each row
gives the publication datetime, the sentence, an expression in it, the TIMEX3 value and mod).

Matching, the same for both systems: a system's expression counts for a gold row when its span
overlaps the gold expression's first occurrence in the sentence (the largest overlap wins); the row
is correct when the values are equal. naba is also scored on value + mod.

dateparser: ``search_dates(sentence, languages=['ar'], settings={'RELATIVE_BASE': reference})``;
its datetime is written at the grain of the gold value, which is as generous as it can be:
``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` truncate, ``YYYY-Www`` is the ISO week, ``199`` the decade,
``19`` the century, ``...THH:MM`` the clock time, ``...TEV`` the date plus the part of the day its
hour falls in (05-11 MO, 12-13 MI, 14-16 AF, 17-20 EV, else NI), and a duration ``PnU`` is the
distance between the reference and the datetime counted in unit U. dateparser has no mod.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from naba.analysis import Analysis  # noqa: E402
from naba.record import Meta  # noqa: E402
from naba.times import TimeStage  # noqa: E402

GOLD = REPO / "bench" / "data" / "times_gold.tsv"


def load_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def best_overlap(start: int, end: int, spans):
    best, best_size = None, 0
    for s, e, payload in spans:
        size = min(end, e) - max(start, s)
        if size > best_size:
            best, best_size = payload, size
    return best


def part_of_day(hour: int) -> str:
    if 5 <= hour <= 11:
        return "MO"
    if hour in (12, 13):
        return "MI"
    if 14 <= hour <= 16:
        return "AF"
    if 17 <= hour <= 20:
        return "EV"
    return "NI"


def at_gold_grain(moment: datetime, gold: str, reference: datetime) -> str:
    """dateparser's datetime written the way the gold value is written."""
    if gold.startswith("P"):
        unit = gold.rstrip("0123456789X")[-2:] if gold.endswith(("DE", "CE")) else gold[-1]
        days = abs((reference - moment).total_seconds()) / 86400
        if gold.startswith("PT"):
            n = days * 24 if unit == "H" else days * 1440
        else:
            n = {"Y": days / 365.25, "M": days / 30.44, "W": days / 7, "D": days, "DE": days / 3652.5, "CE": days / 36525}[unit]
        prefix = "PT" if gold.startswith("PT") else "P"
        return f"{prefix}{round(n)}{unit}"
    if "-W" in gold:
        iso = moment.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if "T" in gold:
        tail = gold.split("T", 1)[1]
        if ":" in tail:
            return moment.strftime("%Y-%m-%dT%H:%M")
        return f"{moment:%Y-%m-%d}T{part_of_day(moment.hour)}"
    if len(gold) == 10:
        return moment.strftime("%Y-%m-%d")
    if len(gold) == 7:
        return moment.strftime("%Y-%m")
    if len(gold) == 4:
        return str(moment.year)
    if len(gold) == 3:
        return str(moment.year)[:3]
    if len(gold) == 2:
        return f"{moment.year // 100:02d}"
    return moment.isoformat()


def naba_predictions(rows, stage):
    cache = {}
    out = []
    for row in rows:
        key = (row["sentence"], row["reference"])
        if key not in cache:
            analysis = Analysis.of(row["sentence"], Meta(published=row["reference"]))
            cache[key] = [(t.start, t.end, t) for t in stage(analysis)]
        start = row["sentence"].find(row["expression"])
        found = best_overlap(start, start + len(row["expression"]), cache[key])
        out.append((found.value, found.mod) if found else (None, None))
    return out


def dateparser_predictions(rows):
    from dateparser.search import search_dates

    cache = {}
    out = []
    for row in rows:
        reference = datetime.fromisoformat(row["reference"])
        key = (row["sentence"], row["reference"])
        if key not in cache:
            try:
                results = search_dates(row["sentence"], languages=["ar"], settings={"RELATIVE_BASE": reference}) or []
            except Exception:  # dateparser raises on some inputs; count as nothing found
                results = []
            spans, cursor = [], 0
            for substring, moment in results:
                s = row["sentence"].find(substring, cursor)
                if s < 0:
                    s = row["sentence"].find(substring)
                if s >= 0:
                    spans.append((s, s + len(substring), moment))
                    cursor = s + len(substring)
            cache[key] = spans
        start = row["sentence"].find(row["expression"])
        moment = best_overlap(start, start + len(row["expression"]), cache[key])
        out.append(at_gold_grain(moment, row["value"], reference) if moment else None)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="print naba's wrong rows")
    args = parser.parse_args()
    rows = load_gold(args.gold)
    stage = TimeStage.load()
    started = time.perf_counter()
    naba = naba_predictions(rows, stage)
    naba_seconds = time.perf_counter() - started
    dp = dateparser_predictions(rows)

    table = defaultdict(lambda: [0, 0, 0, 0])  # rows, naba value, naba value+mod, dateparser
    for row, (value, mod), dp_value in zip(rows, naba, dp):
        for key in (row["category"], "ALL"):
            cell = table[key]
            cell[0] += 1
            cell[1] += value == row["value"]
            cell[2] += value == row["value"] and (mod or "") == row["mod"]
            cell[3] += dp_value == row["value"]
        if args.errors and (value != row["value"] or (mod or "") != row["mod"]):
            print(f"{row['category']}\t{row['expression']}\tgold={row['value']} {row['mod']}\tnaba={value} {mod or ''}")
    print(f"{'category':<10} {'n':>4} {'naba value':>11} {'naba +mod':>10} {'dateparser':>11}")
    for key in sorted(k for k in table if k != "ALL") + ["ALL"]:
        n, v, vm, d = table[key]
        print(f"{key:<10} {n:>4} {100 * v / n:>10.1f}% {100 * vm / n:>9.1f}% {100 * d / n:>10.1f}%")
    print(f"naba tagged {len(rows)} rows in {naba_seconds:.2f}s")


if __name__ == "__main__":
    main()
