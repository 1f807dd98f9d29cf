"""Time `effaudit check --json` end to end, and the audit core alone, on a generated inventory; report peak memory.

    .venv/bin/python benchmarks/bench_check.py 200000
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate_inventory import generate
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.standards.rulebook import Rulebook

AS_OF = dt.date(2026, 11, 22)
CORE_RUNS = 3  # the machine's speed varies by a few per cent from run to run


def main(lines: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.csv"
        generate(lines).to_csv(path, index=False)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(path), "--as-of", AS_OF.isoformat(),
                        "--json", str(Path(folder) / "out.json")], check=False, capture_output=True)
        end_to_end = time.perf_counter() - started
        child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        started = time.perf_counter()
        inventory = read_inventory(path, today=AS_OF)
        reading = time.perf_counter() - started
        rulebook = Rulebook.load()
        cores = []
        for _ in range(CORE_RUNS):
            started = time.perf_counter()
            audit(inventory, rulebook, AS_OF)
            cores.append(time.perf_counter() - started)
    core = statistics.median(cores)
    print(f"{lines} lines: check --json end to end {end_to_end:.2f} s ({lines / end_to_end:,.0f} items/s), "
          f"peak memory {child_peak_mb:,.0f} MB; reading {reading:.2f} s; audit core, median of {CORE_RUNS} "
          f"{core:.2f} s ({lines / core:,.0f} items/s; first {cores[0]:.2f} s, fastest {min(cores):.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
