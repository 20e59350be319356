"""Compare two snapshots of ``naba analyze --json`` output, layer by layer.

A refactor must leave the layers it touches unchanged: run the same command before and after,
then e.g. ``python bench/snapshot_compare.py before.jsonl after.jsonl sentences tokens times``.
Reports are matched by id (else by position). For each layer: how many reports differ, and the
first differences (records only before, only after), so each one can be explained. Exit status 1
when any compared layer differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def read_reports(path: Path) -> dict[str, dict]:
    """Reports keyed by id. Reads JSON lines, and also a stream of (pretty-printed) JSON values
    with ``== FILE`` header lines between them, as a loop of ``naba analyze --json`` prints."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    reports: dict[str, dict] = {}
    position, header, count = 0, "", 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        if text.startswith("== ", position):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            header = text[position + 3:line_end].strip()
            position = line_end
            continue
        try:
            report, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            sys.exit(f"{path}: not JSON at line {text.count(chr(10), 0, position) + 1} ({error.msg})")
        count += 1
        reports[str(report.get("id") or f"{header}#{count}")] = report
    return reports


def _key(record) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def compare_layer(before: dict, after: dict, layer: str) -> tuple[list, list]:
    """Records of ``layer`` only in ``before`` and only in ``after`` (as multisets)."""
    old = [_key(r) for r in before.get(layer) or []] if isinstance(before.get(layer), list) else [_key(before.get(layer))]
    new = [_key(r) for r in after.get(layer) or []] if isinstance(after.get(layer), list) else [_key(after.get(layer))]
    remaining = list(new)
    only_before = []
    for record in old:
        if record in remaining:
            remaining.remove(record)
        else:
            only_before.append(record)
    return only_before, remaining


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("layers", nargs="+", help="report fields to compare: sentences tokens times entities ...")
    parser.add_argument("--show", type=int, default=10, help="differences to print per layer")
    args = parser.parse_args()

    before, after = read_reports(args.before), read_reports(args.after)
    missing = sorted(set(before) ^ set(after))
    if missing:
        print(f"{len(missing)} report id(s) in only one file, e.g. {', '.join(missing[:5])}")
    common = [rid for rid in before if rid in after]
    print(f"{len(common)} reports in both files")
    changed_any = bool(missing)
    for layer in args.layers:
        differing = 0
        shown = 0
        lines = []
        for rid in common:
            only_before, only_after = compare_layer(before[rid], after[rid], layer)
            if only_before or only_after:
                differing += 1
                for label, records in (("-", only_before), ("+", only_after)):
                    for record in records:
                        if shown < args.show:
                            lines.append(f"  {rid} {label} {record}")
                            shown += 1
        total_before = sum(len(before[r].get(layer) or []) if isinstance(before[r].get(layer), list) else 1 for r in common)
        print(f"{layer}: {differing} of {len(common)} reports differ ({total_before} records before)")
        print("\n".join(lines)) if lines else None
        changed_any = changed_any or differing > 0
    return 1 if changed_any else 0


if __name__ == "__main__":
    sys.exit(main())
