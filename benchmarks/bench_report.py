"""Time the reports of a generated 1,000-item inventory (target: PDF ≤ 5 s on the 2-core machine).

    .venv/bin/python benchmarks/bench_report.py [--items 1000] [--seed 1]

Motors are drawn from the rows of GB 18613-2020 Table 1 with an efficiency spread around the grade limits, a few
phase-out models (Y2, Y series made before 2004) and some missing efficiencies, so that every report section is
long. Prints the seconds for the audit, the context, the PDF and the workbook, and the PDF's page count; the PDF's
CPU seconds too, which a busy machine does not inflate as much as the wall-clock figure.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.report.context import build_context
from effaudit.report.metadata import Enterprise
from effaudit.report.pdf import render_pdf
from effaudit.report.xlsx import render_workbook
from effaudit.standards.rulebook import Rulebook

AS_OF = dt.date(2026, 11, 22)
HEADER = ["设备编号", "设备名称", "型号规格", "额定功率(kW)", "极数", "效率(%)", "数量(台)", "出厂日期"]


def write_inventory(path: Path, items: int, seed: int) -> None:
    rulebook = Rulebook.load()
    table = rulebook.get("GB 18613-2020").tables[0].rows
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for number in range(1, items + 1):
            row = table.iloc[rng.randrange(len(table))]
            series = rng.choice(["YE3", "YE3", "YE4", "YE2", "Y2", "Y"])
            year = rng.randint(1998, 2025)
            efficiency = round(float(row["efficiency_pct_g3"]) + rng.uniform(-3, 4), 1)
            writer.writerow([f"M-{number:05d}", rng.choice(["风机电机", "水泵电机", "输送机电机", "空压机电机"]),
                             f"{series}-160M-{int(row['poles'])}", f"{row['rated_power_kw']:g}", int(row["poles"]),
                             "" if rng.random() < 0.05 else efficiency, rng.randint(1, 3), f"{year}-06"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inventory = Path(folder) / "inventory.csv"
        write_inventory(inventory, args.items, args.seed)
        started = time.perf_counter()
        result = audit(read_inventory(inventory, keep_sheets=True), Rulebook.load(), AS_OF)
        audited = time.perf_counter()
        context = build_context(result, Enterprise(name="基准测试有限公司"), "zh")
        built = time.perf_counter()
        cpu = time.process_time()
        pdf = render_pdf(context)
        printed = time.perf_counter()
        cpu = time.process_time() - cpu
        render_workbook(result, context)
        finished = time.perf_counter()
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False).stdout.decode()
    pages = re.search(r"Pages:\s+(\d+)", info)[1] if "Pages:" in info else "?"
    print(f"items {args.items}  audit {audited - started:.2f} s  context {built - audited:.2f} s  "
          f"pdf {printed - built:.2f} s (CPU {cpu:.2f} s; {pages} pages, {len(pdf) / 1e6:.1f} MB)  "
          f"xlsx {finished - printed:.2f} s")
    print(f"report rendering (context + pdf + xlsx): {finished - audited:.2f} s")


if __name__ == "__main__":
    main()
