"""`make bench-spark`: naba spark on the unlabelled SaudiNewsNet corpus with 1 and 2 executor cores.

Each run is its own process (a fresh local[N] Spark: one executor with N cores and N Python
workers); the parent samples the process tree every 0.2 s for peak memory. Reports/s counts the
timed `run` only (reading, analysing, writing the five tables); the session start is reported apart.
A prefix of the corpus (--limit, default 3000 articles) keeps two runs short on a small machine;
--limit 0 takes all 29k.

    python bench/spark_bench.py [--limit N] [--cores 1,2] [--out bench/out/spark.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet-unlabelled.jsonl.gz"


def prefix(limit: int, folder: Path) -> tuple[Path, int]:
    """The first ``limit`` articles as a .jsonl.gz of their own (all of them for 0)."""
    if not limit:
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            return CORPUS, sum(1 for line in handle if line.strip())
    path = folder / f"unlabelled-{limit}.jsonl.gz"
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, gzip.open(path, "wt", encoding="utf-8") as out:
        for line in source:
            if line.strip():
                out.write(line)
                n += 1
                if n >= limit:
                    break
    return path, n


class PeakMemory(threading.Thread):
    """Peak RSS of a process tree (the whole tree, the JVM, the largest Python worker) and the CPU
    seconds its Python workers and JVM used: on a shared machine, CPU time per report is the figure
    that other load does not distort (wall-clock reports/s is)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = {"tree_mb": 0.0, "jvm_mb": 0.0, "python_workers_mb": 0.0, "largest_python_worker_mb": 0.0}
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (python|jvm, user+system seconds last seen)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                rss = {}
                for proc in procs:
                    try:
                        rss[proc.pid] = (proc.name(), proc.cmdline(), proc.memory_info().rss / 2**20)
                        times = proc.cpu_times()
                        kind = "jvm" if "java" in proc.name() else "python" if any("pyspark" in c for c in proc.cmdline()) else None
                        if kind and proc.pid != self.root.pid:
                            self.cpu[proc.pid] = (kind, times.user + times.system)
                    except psutil.Error:
                        continue
            except psutil.Error:
                break
            jvm = sum(mb for name, _, mb in rss.values() if "java" in name)
            workers = [mb for pid, (name, cmd, mb) in rss.items()
                       if pid != self.root.pid and "python" in name and any("pyspark" in c for c in cmd)]
            now = {"tree_mb": sum(mb for *_, mb in rss.values()), "jvm_mb": jvm,
                   "python_workers_mb": sum(workers), "largest_python_worker_mb": max(workers, default=0.0)}
            self.peak = {k: max(self.peak[k], now[k]) for k in now}
            time.sleep(0.2)


def measure(cores: int, source: Path, folder: Path) -> dict:
    """One child process: local[cores], the timed run; its JSON line plus the tree's peak memory."""
    output = folder / f"out-{cores}"
    child = subprocess.Popen([sys.executable, __file__, "--child", str(cores), "--source", str(source), "--output", str(output)],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
    sampler = PeakMemory(child.pid)
    sampler.start()
    out, _ = child.communicate()
    sampler.stop.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"spark_bench: the {cores}-core run failed (exit {child.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result.update({k: round(v) for k, v in sampler.peak.items()})
    result["python_worker_cpu_s"] = round(sum(t for kind, t in sampler.cpu.values() if kind == "python"), 1)
    result["jvm_cpu_s"] = round(sum(t for kind, t in sampler.cpu.values() if kind == "jvm"), 1)
    result["reports_per_python_cpu_s"] = round(result["reports"] / max(result["python_worker_cpu_s"], 0.1), 2)
    return result


def child(cores: int, source: str, output: str) -> None:
    from naba.scale.spark import SparkJob, expand_inputs, run, session

    started = time.monotonic()
    spark = session(f"local[{cores}]", config=[("spark.ui.enabled", "false"), ("spark.driver.memory", "2g")])
    spark.sparkContext.setLogLevel("ERROR")
    ready = time.monotonic()
    by_kind, _ = expand_inputs([source])
    job = SparkJob(inputs=(source,), output=output, text_field="content", date_field="date_extracted",
                   partitions=cores * 8)
    summary = run(spark, job, by_kind)
    done = time.monotonic()
    spark.stop()
    print(json.dumps({"cores": cores, "reports": summary.reports, "errors": summary.errors,
                      "session_start_s": round(ready - started, 1), "run_s": round(done - ready, 1),
                      "reports_per_s": round(summary.reports / (done - ready), 2), "rows": summary.rows}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=3000, help="first N articles (0: all)")
    parser.add_argument("--cores", default="1,2")
    parser.add_argument("--out", default=str(REPO / "bench" / "out" / "spark.json"))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.source, args.output)
        return
    if not CORPUS.exists():
        raise SystemExit(f"spark_bench: corpus not found: {CORPUS} (it lives in ../shared next to the repo)")
    with tempfile.TemporaryDirectory(prefix="naba-spark-bench-") as tmp:
        folder = Path(tmp)
        source, n = prefix(args.limit, folder)
        print(f"spark_bench: {n} articles from {CORPUS.name}{' (prefix)' if args.limit else ''}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
        results = []
        for cores in (int(c) for c in args.cores.split(",")):
            result = measure(cores, source, folder)
            results.append(result)
            print(f"  {cores} core(s): {result['reports']} reports in {result['run_s']} s = {result['reports_per_s']} reports/s; "
                  f"peak memory: executor tree {result['tree_mb']} MB (JVM {result['jvm_mb']} MB, "
                  f"Python workers {result['python_workers_mb']} MB, largest {result['largest_python_worker_mb']} MB); "
                  f"CPU: Python workers {result['python_worker_cpu_s']} s ({result['reports_per_python_cpu_s']} reports per CPU-second), "
                  f"JVM {result['jvm_cpu_s']} s",
                  file=sys.stderr)
    summary = {"articles": n, "prefix": bool(args.limit), "cpus": os.cpu_count(), "runs": results}
    if len(results) >= 2:
        summary["scaling"] = round(results[-1]["reports_per_s"] / results[0]["reports_per_s"], 2)
        print(f"  scaling {results[0]['cores']} -> {results[-1]['cores']} cores: {summary['scaling']}x", file=sys.stderr)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
