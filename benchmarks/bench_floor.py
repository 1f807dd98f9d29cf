"""effaudit against the floor, in one run: `check FILE --json out.json` and a bare pandas process that reads the same
CSV and writes every row as JSON, interleaved, best of N; the ratios of time and peak memory, and where effaudit's
own time goes (stages timed in this process).

    .venv/bin/python -m benchmarks.bench_floor [200000 1000000] [--rounds 3]

The floor is issue 19's yardstick: ``read_csv(path, dtype=str, keep_default_na=False)`` then
``to_json(orient="records", force_ascii=False)``. Each child's peak memory is its own (``os.wait4``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate_inventory import generate

AS_OF = "2026-11-22"
FLOOR = ("import sys, pandas as pd; frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False); "
         "frame.to_json(sys.argv[2], orient='records', force_ascii=False)")


def _child(arguments: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one child process run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: violations found, a normal end
        raise SystemExit(f"{arguments[:4]} ended with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def _stages(path: Path, out: Path) -> dict[str, float]:
    """Seconds per stage of the check, in this process (imports are timed in a fresh interpreter)."""
    imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import effaudit.cli, effaudit.engine, "
                              "effaudit.inventory, effaudit.report.json_report, effaudit.report.terminal"],
                             capture_output=True, text=True, check=True).stderr
    import_total = sum(int(line.split("|")[1]) for line in imports.splitlines()[1:]
                       if line.startswith("import time:") and not line.split("|")[2].startswith(" " * 3)) / 1e6
    from rich.console import Console

    from effaudit.atomic import write_chunks
    from effaudit.engine import audit
    from effaudit.inventory import read_inventory
    from effaudit.io.readers import read_sheets
    from effaudit.report import json_report, terminal
    from effaudit.standards.rulebook import Rulebook

    stages = {"imports": import_total}
    started = time.perf_counter()
    rulebook = Rulebook.load()
    stages["rulebook"] = time.perf_counter() - started
    started = time.perf_counter()
    read_sheets(path)
    stages["read (file → cells)"] = time.perf_counter() - started
    started = time.perf_counter()
    inventory = read_inventory(path, today=dt.date.fromisoformat(AS_OF))  # reads the file again: subtracted
    stages["interpret + validate"] = time.perf_counter() - started - stages["read (file → cells)"]
    started = time.perf_counter()
    result = audit(inventory, rulebook, dt.date.fromisoformat(AS_OF))
    stages["audit"] = time.perf_counter() - started
    started = time.perf_counter()
    write_chunks(out, json_report.chunks(result, "zh"))
    stages["JSON"] = time.perf_counter() - started
    started = time.perf_counter()
    terminal.render_counts(result, Console(file=io.StringIO(), width=80), "zh")  # what check prints into a pipe
    stages["terminal (counts)"] = time.perf_counter() - started
    return stages


def measure(lines: int, rounds: int) -> None:
    """Print one size's comparison with the floor."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        generate(lines).to_csv(path, index=False)
        floor_out, audit_out = Path(folder) / "floor.json", Path(folder) / "out.json"
        floors, checks = [], []
        for _ in range(rounds):  # interleaved: the machine's speed drifts
            floors.append(_child([sys.executable, "-c", FLOOR, str(path), str(floor_out)]))
            checks.append(_child([sys.executable, "-m", "effaudit.cli", "check", str(path), "--as-of", AS_OF,
                                  "--json", str(audit_out)]))
        floor_time, floor_mb = min(t for t, _ in floors), min(m for _, m in floors)
        check_time, check_mb = min(t for t, _ in checks), min(m for _, m in checks)
        size, floor_size = audit_out.stat().st_size, floor_out.stat().st_size
        stages = _stages(path, audit_out)
    print(f"{lines:,} lines, best of {rounds} interleaved:")
    print(f"  effaudit check --json  {check_time:6.2f} s  peak {check_mb:7,.0f} MB  JSON {size / lines:6.0f} B/item")
    print(f"  floor (pandas)         {floor_time:6.2f} s  peak {floor_mb:7,.0f} MB  JSON "
          f"{floor_size / lines:6.0f} B/row")
    print(f"  ratio                  {check_time / floor_time:6.2f} ×       {check_mb / floor_mb:6.2f} ×"
          f"           {size / floor_size:6.2f} ×")
    total = sum(stages.values())
    print("  where effaudit's time goes (stages timed in one process):")
    for name, seconds in stages.items():
        print(f"    {name:28s} {seconds:6.2f} s  {100 * seconds / total:4.0f} %", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=int, nargs="*", default=[200_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for lines in args.lines:
        measure(lines, args.rounds)


if __name__ == "__main__":
    main()
