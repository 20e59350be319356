"""Score the attribution layer against the team's own gold (``bench/data/attributions_gold.jsonl``,
labelled "own gold") and, separately, against independent gold written outside the team.

The gold holds ids, offsets and labels only; the texts are read from ``../shared`` (the sample
report from the line starting ``أعلن مسؤولون``, the dev articles' ``content`` field verbatim).

Conventions of the gold (the system is scored against them):
- cue: the cue word(s) without a leading و/ف (قال in وقال، وفقاً، بحسب، مؤكداً);
- speaker: the subject with its appositions and relative clauses; when the speaker is given by the
  verb alone, a pronoun (لكنه) or a definite back-reference to an unnamed source (المسؤول،
  المصادر), the span of the antecedent speaker; a participle (مؤكداً) shares its clause's speaker;
- via: the outlet phrase with its ل (لموقع "أكسيوس" الأمريكي; until session 8 without it);
- content: from the word after إن/أن (or after the colon; a quotation mark opening it is kept)
  to the end of the reported clause, without the final punctuation.

Attributions are paired by overlapping cues. Cue P/R/F1 count pairs; speaker, via and content
P/R/F1 count a pair as correct when the spans match exactly or overlap; speaker-kind accuracy is
over paired attributions. Citron (BBC, English, PARC 3.0) is printed alongside for reference.

The independent gold (``../shared/data/gold/attributions-independent-dev.jsonl``, 24 dev articles,
plus ``bench/data/attributions_independent_extra.jsonl``, ids and offsets only, converted by
``bench/convert_independent_gold.py``) was written by annotators who never saw naba, following
``bench/data/ATTRIBUTION-GUIDE.md``. Its conventions differ from ours in one place: a speaker given
only by the verb is null and a pronoun subject is the pronoun word (لكنه), while every attribution
carries ``speaker_resolved``, the English name of who is really speaking. So on that gold:
- speaker F1 exact/overlap compare the speaker written in the cue's own sentence: a system speaker
  that lies outside the cue's sentence (an antecedent) counts as no speaker there;
- speaker F1 RESOLVED asks whether the system's speaker is the right person/body. A paired
  attribution is resolved right when (a) the English name of the system's speaker entity
  (``speaker_entity`` -> ``Entity.name_en``) matches ``speaker_resolved``, or (b) the system's
  speaker span (the antecedent, when resolved) overlaps a speaker span the gold gives anywhere in the
  same article to the same resolved name (so ``وأضاف`` resolved to ``وزير الخارجية عادل الجبير`` is
  right when the gold names Adel al-Jubeir with that span elsewhere). Names match after
  ``name_key``: parenthesised glosses dropped (``John Kerry (US Secretary of State)``), lower case,
  accents and hyphens folded, honorifics and particles dropped (Sheikh, Dr., Prince, al-, bin), and
  then one name's words all found in the other's with the same last word. Precision is over system
  attributions with a speaker, recall over gold attributions.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
GOLD = ROOT / "bench" / "data" / "attributions_gold.jsonl"
SAMPLE = SHARED / "samples" / "kazakhstan-abraham-accords.txt"
NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
INDEPENDENT = SHARED / "data" / "gold" / "attributions-independent-dev.jsonl"
EXTRA = ROOT / "bench" / "data" / "attributions_independent_extra.jsonl"
SAMPLE_START = "أعلن مسؤولون"
CITRON = {"cue F1": 82.3, "speaker F1 exact": 82.0, "speaker F1 overlap": 85.3, "content F1 exact": 59.3, "content F1 overlap": 83.3}


def load_texts() -> dict[str, str]:
    texts = {}
    raw = SAMPLE.read_text(encoding="utf-8")
    texts["sample"] = raw[raw.index(SAMPLE_START):]
    with NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["id"]] = row["content"]
    return texts


def overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def exact(a, b) -> bool:
    return a is not None and b is not None and tuple(a) == tuple(b)


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def pair(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing by overlapping cue spans, in text order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for k, s in enumerate(system):
            if k not in used and overlaps(g["cue"], s["cue"]):
                used.add(k)
                pairs.append((g, s))
                break
    return pairs


def as_spans(attribution) -> dict:
    span = lambda s: (s.start, s.end) if s is not None else None  # noqa: E731
    return {
        "cue": span(attribution.cue), "speaker": span(attribution.speaker), "kind": attribution.speaker_kind,
        "via": span(attribution.via), "content": span(attribution.content), "direct": attribution.direct,
    }


def count_spans(counts: dict, gold: list[dict], system: list[dict], speaker: str) -> list[tuple[dict, dict]]:
    """Adds one document's span counts to ``counts`` and returns the (gold, system) pairs matched on
    their cue; ``speaker`` names the system field scored as the speaker span."""
    counts["gold"] += len(gold)
    counts["sys"] += len(system)
    counts["sp_gold"] += sum(g["speaker"] is not None for g in gold)
    counts["sp_sys"] += sum(s[speaker] is not None for s in system)
    for field, short in (("via", "via"), ("content", "ct")):
        counts[f"{short}_gold"] += sum(g[field] is not None for g in gold)
        counts[f"{short}_sys"] += sum(s[field] is not None for s in system)
    pairs = pair(gold, system)
    counts["pairs"] += len(pairs)
    for g, s in pairs:
        counts["kind_n"] += 1
        counts["kind_ok"] += g["kind"] == s["kind"]
        counts["direct_ok"] += g["direct"] == s["direct"]
        for gold_field, sys_field, short in (("speaker", speaker, "sp"), ("via", "via", "via"), ("content", "content", "ct")):
            counts[f"{short}_exact"] += exact(g[gold_field], s[sys_field])
            counts[f"{short}_overlap"] += overlaps(g[gold_field], s[sys_field])
    return pairs


def evaluate(verbose: bool = False, split: str | None = None) -> dict[str, float]:
    """Scores over the gold documents (of one ``split``: "dev" = written while developing the rules,
    "heldout" = annotated and then scored without changing the rules)."""
    from naba.pipeline import Pipeline
    from naba.record import Document

    pipeline = _pipeline(Pipeline)
    texts = load_texts()
    golds = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    golds = [doc for doc in golds if split is None or doc.get("split") == split]
    counts = {key: 0 for key in ("gold", "sys", "pairs", "sp_gold", "sp_sys", "sp_exact", "sp_overlap", "kind_ok", "kind_n",
                                 "via_gold", "via_sys", "via_exact", "via_overlap", "ct_gold", "ct_sys", "ct_exact", "ct_overlap",
                                 "direct_ok")}
    drift = []
    started = time.perf_counter()
    chars = 0
    for doc in golds:
        text = texts[doc["id"]]
        chars += len(text)
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != doc["sha1"]:
            drift.append(doc["id"])
            continue
        system = [as_spans(a) for a in pipeline.analyze(Document(text=text)).attributions]
        gold = doc["attributions"]
        pairs = count_spans(counts, gold, system, speaker="speaker")
        for g, s in pairs:
            if verbose and not (overlaps(g["speaker"], s["speaker"]) and g["kind"] == s["kind"]):
                print(f"  {doc['id']}: cue {text[slice(*g['cue'])]!r} speaker gold {_t(text, g['speaker'])!r} "
                      f"({g['kind']}) system {_t(text, s['speaker'])!r} ({s['kind']})")
        if verbose:
            paired_gold = {id(g) for g, _ in pairs}
            paired_sys = {id(s) for _, s in pairs}
            for g in gold:
                if id(g) not in paired_gold:
                    print(f"  {doc['id']}: missed cue {_t(text, g['cue'])!r} at {g['cue'][0]}")
            for s in system:
                if id(s) not in paired_sys:
                    print(f"  {doc['id']}: spurious cue {_t(text, s['cue'])!r} speaker {_t(text, s['speaker'])!r}")
    elapsed = time.perf_counter() - started
    c = counts
    results = {}
    results["cue P"], results["cue R"], results["cue F1"] = prf(c["pairs"], c["sys"], c["gold"])
    for name, key in (("speaker", "sp"), ("via", "via"), ("content", "ct")):
        for mode in ("exact", "overlap"):
            p, r, f = prf(c[f"{key}_{mode}"], c[f"{key}_sys"], c[f"{key}_gold"])
            results[f"{name} F1 {mode}"] = f
            results[f"{name} P {mode}"], results[f"{name} R {mode}"] = p, r
    results["speaker-kind accuracy"] = 100 * c["kind_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["direct accuracy"] = 100 * c["direct_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["documents"] = len(golds) - len(drift)
    results["gold attributions"] = c["gold"]
    results["chars/s"] = chars / elapsed if elapsed else 0.0
    if drift:
        print(f"warning: text changed since the gold was written, skipped: {', '.join(drift)}", file=sys.stderr)
    return results


_PIPELINES: dict = {}


def _pipeline(factory):
    """The pipeline up to attributions (the entity layer included, as ``naba analyze`` runs it), built once."""
    if "p" not in _PIPELINES:
        _PIPELINES["p"] = factory(layers=["attributions"])
    return _PIPELINES["p"]


def _t(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


# ---- the independent gold ------------------------------------------------------------------------

# Words of an English name that say what someone is, not who: dropped before names are compared.
NAME_NOISE = {
    "sheikh", "shaikh", "dr", "prince", "princess", "king", "emir", "general", "gen", "president", "minister",
    "mr", "mrs", "ms", "sir", "al", "el", "bin", "ben", "ibn", "bint", "the", "of", "abu", "sayyid", "imam",
}


def name_key(name: str | None) -> tuple[str, ...]:
    """The words that identify a name: ``Sheikh Dr. Mohammed bin Nasser Al-Khuzaim (Deputy ...)`` ->
    (mohammed, nasser, khuzaim)."""
    if not name:
        return ()
    name = re.sub(r"\([^)]*\)", " ", name)
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.split(r"[^a-z]+", name.replace("'", "").replace("\u2019", ""))
    return tuple(w for w in words if w and w not in NAME_NOISE)


def same_name(a: str | None, b: str | None) -> bool:
    """Two English names of one person or body: every word of the shorter in the longer, same last word."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return short[-1] in long_ and set(short) <= set(long_) and (short[-1] == long_[-1] or len(short) == len(long_))


def load_independent() -> tuple[list[dict], list[dict]]:
    """(the 24 shared documents, the extra documents stored as ids and offsets in bench/data)."""
    shared = [json.loads(line) for line in INDEPENDENT.read_text(encoding="utf-8").splitlines() if line.strip()]
    extra = []
    if EXTRA.exists():
        extra = [json.loads(line) for line in EXTRA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return shared, extra


def _sentence_of(sentences, offset: int):
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    return None


def evaluate_independent(docs: list[dict], verbose: bool = False) -> dict[str, float]:
    """Scores against gold written outside the team (conventions in the module docstring)."""
    from naba.pipeline import Pipeline
    from naba.record import Document

    pipeline = _pipeline(Pipeline)
    texts = load_texts()
    keys = ("gold", "sys", "pairs", "sp_gold", "sp_sys", "sp_exact", "sp_overlap", "res_gold", "res_sys", "res_ok",
            "kind_ok", "kind_n", "via_gold", "via_sys", "via_exact", "via_overlap", "ct_gold", "ct_sys", "ct_exact",
            "ct_overlap", "direct_ok")
    c = dict.fromkeys(keys, 0)
    documents = 0
    for doc in docs:
        text = texts.get(doc["id"])
        if text is None or ("sha1" in doc and hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != doc["sha1"]):
            print(f"warning: {doc['id']}: text missing or changed since the gold was written, skipped", file=sys.stderr)
            continue
        documents += 1
        report = pipeline.analyze(Document(text=text))
        names = {e.id: e.name_en for e in report.entities}
        system = []
        for a in report.attributions:
            row = as_spans(a)
            sentence = _sentence_of(report.sentences, a.cue.start) if a.cue else None
            speaker = row["speaker"]
            row["resolved"] = speaker
            row["local"] = speaker if speaker and sentence and sentence[0] <= speaker[0] < sentence[1] else None
            row["name_en"] = names.get(a.speaker_entity) if a.speaker_entity else None
            system.append(row)
        gold = doc["attributions"]
        # the spans the gold gives, anywhere in the article, to each resolved name
        spans_of = [(g["speaker_resolved"], g["speaker"]) for g in gold if g["speaker"] is not None]
        c["res_gold"] += sum(bool(g.get("speaker_resolved")) for g in gold)
        c["res_sys"] += sum(s["resolved"] is not None for s in system)
        pairs = count_spans(c, gold, system, speaker="local")
        for g, s in pairs:
            resolved = bool(g.get("speaker_resolved")) and s["resolved"] is not None and (
                same_name(s["name_en"], g["speaker_resolved"])
                or any(overlaps(span, s["resolved"]) and (name == g["speaker_resolved"] or same_name(name, g["speaker_resolved"]))
                       for name, span in spans_of))
            c["res_ok"] += resolved
            if verbose and not (resolved and g["kind"] == s["kind"]):
                print(f"  {doc['id']}@{g['cue'][0]}: cue {_t(text, g['cue'])!r} gold {g['speaker_resolved']!r} "
                      f"[{_t(text, g['speaker'])!r}] ({g['kind']}) system {_t(text, s['resolved'])!r} "
                      f"{s['name_en'] or ''} ({s['kind']})")
        if verbose:
            paired_gold = {id(g) for g, _ in pairs}
            paired_sys = {id(s) for _, s in pairs}
            for g in gold:
                if id(g) not in paired_gold:
                    print(f"  {doc['id']}@{g['cue'][0]}: missed cue {_t(text, g['cue'])!r} ({g['speaker_resolved']})")
            for s in system:
                if id(s) not in paired_sys:
                    print(f"  {doc['id']}@{s['cue'][0]}: spurious cue {_t(text, s['cue'])!r} speaker {_t(text, s['resolved'])!r}")
    results = {}
    results["cue P"], results["cue R"], results["cue F1"] = prf(c["pairs"], c["sys"], c["gold"])
    for name, key in (("speaker", "sp"), ("via", "via"), ("content", "ct")):
        for mode in ("exact", "overlap"):
            p, r, f = prf(c[f"{key}_{mode}"], c[f"{key}_sys"], c[f"{key}_gold"])
            results[f"{name} F1 {mode}"] = f
    results["speaker P resolved"], results["speaker R resolved"], results["speaker F1 RESOLVED"] = prf(
        c["res_ok"], c["res_sys"], c["res_gold"])
    results["speaker-kind accuracy"] = 100 * c["kind_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["direct accuracy"] = 100 * c["direct_ok"] / c["kind_n"] if c["kind_n"] else 0.0
    results["documents"] = documents
    results["gold attributions"] = c["gold"]
    return results


def report_independent(verbose: bool = False) -> None:
    if not INDEPENDENT.exists():
        print(f"skipped the independent gold: {INDEPENDENT} is missing")
        return
    shared, extra = load_independent()
    columns = {"shared 24": evaluate_independent(shared, verbose=verbose)}
    if extra:
        columns["extra"] = evaluate_independent(extra, verbose=verbose)
        columns["all"] = evaluate_independent(shared + extra)
    print()
    print("Independent gold (annotators who never saw naba): " + ", ".join(
        f"{name} {r['documents']} documents / {r['gold attributions']} gold attributions" for name, r in columns.items()))
    print(f"{'metric':<24}" + "".join(f"{name:>11}" for name in columns))
    rows = ["cue P", "cue R", "cue F1", "speaker F1 exact", "speaker F1 overlap", "speaker P resolved",
            "speaker R resolved", "speaker F1 RESOLVED", "speaker-kind accuracy", "via F1 exact", "via F1 overlap",
            "content F1 exact", "content F1 overlap", "direct accuracy"]
    for key in rows:
        print(f"{key:<24}" + "".join(f"{r[key]:>11.1f}" for r in columns.values()))


def main() -> int:
    missing = [str(p) for p in (SAMPLE, NEWS) if not p.exists()]
    if missing:
        print(f"skipped: the evaluation texts are missing: {', '.join(missing)}")
        return 0
    verbose = "-v" in sys.argv
    if "--independent" in sys.argv:
        report_independent(verbose=verbose)
        return 0
    columns = {"all": evaluate(verbose=verbose), "dev": evaluate(split="dev"), "held-out": evaluate(split="heldout")}
    print("Attributions: " + ", ".join(f"{name} {r['documents']} documents / {r['gold attributions']} gold attributions"
                                      for name, r in columns.items()))
    print(f"{'metric':<24}" + "".join(f"{name:>10}" for name in columns) + f"{'Citron (EN)':>13}")
    rows = ["cue P", "cue R", "cue F1", "speaker F1 exact", "speaker F1 overlap", "speaker-kind accuracy",
            "via F1 exact", "via F1 overlap", "content F1 exact", "content F1 overlap", "direct accuracy"]
    for key in rows:
        ref = CITRON.get(key)
        print(f"{key:<24}" + "".join(f"{r[key]:>10.1f}" for r in columns.values()) + f"{(f'{ref:.1f}' if ref else '-'):>13}")
    print(f"speed: {columns['all']['chars/s']:,.0f} characters/s (text and entity layers included)")
    report_independent(verbose=verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
