"""Store the outside annotator's attribution gold as ids and offsets only.

Reads the annotator's JSON lines (the format of ``bench/data/ATTRIBUTION-GUIDE.md``, span texts
included), checks every span against the article's ``content`` in ``../shared``, drops every
``*_text`` field (article text may not be committed) and keeps ``speaker_resolved`` (an English
name the annotator wrote, not article text). Writes ``bench/data/attributions_independent_extra.jsonl``
with the sha1 of each text, so the evaluation notices an article that changed. Articles already in
the shared independent gold are left out.

    python bench/convert_independent_gold.py [/work/team/annot/gold.jsonl]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
SHARED_GOLD = SHARED / "data" / "gold" / "attributions-independent-dev.jsonl"
OUT = ROOT / "bench" / "data" / "attributions_independent_extra.jsonl"
DEFAULT_SOURCE = Path("/work/team/annot/gold.jsonl")
SPANS = ("cue", "speaker", "via", "content")
KEEP = ("cue", "speaker", "speaker_resolved", "kind", "via", "direct", "content")
KINDS = {"named", "anonymous", "group", "organization", "outlet"}


def convert_document(row: dict, text: str, where: str) -> tuple[dict, list[str]]:
    """The document without span texts, and the problems found (spans that do not match are dropped)."""
    problems = []
    kept = []
    for n, attribution in enumerate(row.get("attributions", [])):
        bad = []
        for name in SPANS:
            span = attribution.get(name)
            if span is None:
                continue
            start, end = span
            recorded = attribution.get(f"{name}_text")
            if not (0 <= start <= end <= len(text)) or (recorded is not None and text[start:end] != recorded):
                bad.append(name)
        if attribution.get("cue") is None or attribution.get("kind") not in KINDS:
            bad.append("cue/kind")
        if bad:
            problems.append(f"{where}: attribution {n}: {', '.join(bad)} do not match the text; left out")
            continue
        kept.append({key: attribution.get(key) for key in KEEP})
    sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return {"id": row["id"], "sha1": sha1, "attributions": kept}, problems


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    for path in (source, NEWS):
        if not path.exists():
            print(f"skipped: {path} is missing")
            return 0
    texts = {}
    with NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["id"]] = row["content"]
    already = set()
    if SHARED_GOLD.exists():
        already = {json.loads(line)["id"] for line in SHARED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    documents, problems = {}, []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error.msg}); left out")
            continue
        if row.get("id") not in texts:
            problems.append(f"{where}: unknown article id {row.get('id')!r}; left out")
            continue
        if row["id"] in already:
            continue
        document, found = convert_document(row, texts[row["id"]], where)
        problems.extend(found)
        documents[row["id"]] = document  # a later line for the same article replaces an earlier one
    OUT.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents.values()), encoding="utf-8")
    for problem in problems:
        print(problem, file=sys.stderr)
    total = sum(len(d["attributions"]) for d in documents.values())
    print(f"{OUT.relative_to(ROOT)}: {len(documents)} documents, {total} attributions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
