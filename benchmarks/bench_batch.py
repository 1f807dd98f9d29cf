"""Time a batch of generated enterprises with --jobs 1 and --jobs 2 (target: a speed-up of at least 1.7× on
the 2-core machine).

    .venv/bin/python -m benchmarks.bench_batch [--enterprises 50] [--lines 1000]

Each enterprise is a CSV from ``generate_inventory.generate(lines, seed)`` with its own seed. Both runs do the
whole batch (every PDF, workbook and JSON, the region summary) into fresh folders, so nothing is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from benchmarks.generate_inventory import generate
from effaudit.batch.run import run_batch

AS_OF = dt.date(2026, 11, 22)


def timed_batch(inputs: Path, out: Path, jobs: int) -> float:
    started = time.perf_counter()
    report = run_batch([str(inputs)], out, jobs=jobs, as_of=AS_OF, lang="zh", timeout=0)
    elapsed = time.perf_counter() - started
    print(f"--jobs {jobs}: {elapsed:7.1f} s  ({report.audited} audited, {len(report.failures)} failed)")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=50)
    parser.add_argument("--lines", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inventories"
        inputs.mkdir()
        for seed in range(args.enterprises):
            generate(args.lines, seed).to_csv(inputs / f"enterprise-{seed:03d}.csv", index=False)
        print(f"{args.enterprises} enterprises × {args.lines} lines")
        one = timed_batch(inputs, Path(folder) / "out-1", 1)
        two = timed_batch(inputs, Path(folder) / "out-2", 2)
        print(f"speed-up: {one / two:.2f}× (target ≥ 1.7×)")


if __name__ == "__main__":
    main()
