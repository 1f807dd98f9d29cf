"""Simulate a region on a Dask LocalCluster: enterprises per minute with `batch --scheduler`, against the local
executor on the same cores in the same run (the floor), and where one enterprise's time goes.

    .venv/bin/python -m benchmarks.bench_cluster [--enterprises 16] [--lines 1000] [--workers 2]
    .venv/bin/python -m benchmarks.bench_cluster --enterprises 200 --lines 1000     # a region: ~35 min on 2 cores

Each enterprise is a CSV from ``generate_inventory.generate(lines, seed)`` with its own seed. The cluster has
``--workers`` worker processes of one thread each (one audit at a time each), like ``--jobs`` local processes, so
the ratio cluster / local is what the Dask layer costs or saves. The breakdown times one enterprise's stages in
this process (reading, audit, JSON, PDF, workbook, findings store) and a bare audit process's start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate_inventory import generate
from effaudit.batch.run import run_batch

AS_OF = dt.date(2026, 11, 22)


def timed_batch(inputs: Path, out: Path, **executor: object) -> float:
    started = time.perf_counter()
    report = run_batch([str(inputs)], out, as_of=AS_OF, lang="zh", timeout=0, **executor)
    elapsed = time.perf_counter() - started
    assert report.audited and not report.failures, report.failures
    return elapsed


def stages(inventory: Path, folder: Path) -> dict[str, float]:
    """Seconds per stage of one enterprise, as a worker's audit process spends them."""
    from effaudit.batch.summary import summarize
    from effaudit.engine import audit
    from effaudit.inventory import read_inventory
    from effaudit.outputs import write_reports
    from effaudit.report.metadata import Enterprise
    from effaudit.standards.rulebook import Rulebook
    from effaudit.store.write import write_audit

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import effaudit.batch.run, effaudit.engine, effaudit.outputs, "
                    "effaudit.report.pdf"], check=True)
    times = {"process start and imports": time.perf_counter() - started}
    rulebook = Rulebook.load()
    started = time.perf_counter()
    read = read_inventory(inventory, today=AS_OF, keep_sheets=True)  # as a batch reads it: the workbook copies them
    times["reading"] = time.perf_counter() - started
    started = time.perf_counter()
    result = audit(read, rulebook, AS_OF)
    times["audit"] = time.perf_counter() - started
    for stage, arguments in (("JSON", (folder / "r.json", None, None)), ("PDF", (None, folder / "r.pdf", None)),
                             ("workbook", (None, None, folder / "r.xlsx"))):
        started = time.perf_counter()
        write_reports(result, *arguments, None, "zh")
        times[stage] = time.perf_counter() - started
    started = time.perf_counter()
    write_audit(folder / "store", result, summarize(result, Enterprise(), str(inventory), "e", "e"))
    times["findings store (Parquet)"] = time.perf_counter() - started
    return times


def main() -> None:
    from distributed import LocalCluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=16)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inputs = root / "inventories"
        inputs.mkdir()
        for seed in range(args.enterprises):
            generate(args.lines, seed).to_csv(inputs / f"enterprise-{seed:04d}.csv", index=False)
        print(f"{args.enterprises} enterprises × {args.lines} lines, {args.workers} workers")
        breakdown = stages(inputs / "enterprise-0000.csv", root)
        local = timed_batch(inputs, root / "out-local", jobs=args.workers)
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=40) as cluster:
            on_cluster = timed_batch(inputs, root / "out-dask", jobs=1, scheduler=cluster.scheduler_address)
    for name, seconds in (("local --jobs", local), ("dask --scheduler", on_cluster)):
        print(f"{name:<17} {seconds:7.1f} s  {60 * args.enterprises / seconds:6.1f} enterprises/min  "
              f"{seconds / args.enterprises * args.workers:5.2f} worker-s per enterprise")
    print(f"cluster / local (the floor): {on_cluster / local:.2f}× the time")
    total = sum(breakdown.values())
    print(f"one enterprise, stage by stage ({total:.2f} s):")
    for name, seconds in breakdown.items():
        print(f"  {name:<26} {seconds:6.2f} s  {100 * seconds / total:4.0f} %")


if __name__ == "__main__":
    main()
