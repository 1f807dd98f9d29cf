"""--xlsx and Excel's 1,048,576 rows: a workbook that would pass them is refused with exit 2 before any output is
made (no JSON either), and the workbook's rows are streamed, so it does not cost memory per row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

HEADER = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量,出厂日期\n"
Y2_MOTOR = "M-{},引风机电机,电动机,Y2-160M-4,11,4,88.0,1,2002-05\n"  # two findings: EF101 and PO101


def _inventory(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        stream.writelines(Y2_MOTOR.format(number) for number in range(lines))
    return path


def _check_peak_mb(*arguments: str | Path) -> tuple[int, int, str]:
    """Exit status, peak memory (MB, of this child alone) and stderr of ``effaudit check``."""
    with open(os.devnull, "wb") as devnull:
        process = subprocess.Popen([sys.executable, "-m", "effaudit.cli", "check", *map(str, arguments),
                                    "--as-of", "2026-11-22"], stdout=devnull, stderr=subprocess.PIPE)
        stderr = process.stderr.read().decode()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss // 1024, stderr


def test_a_workbook_past_the_row_limit_is_refused_before_any_output(tmp_path: Path) -> None:
    inventory = _inventory(tmp_path / "big.csv", 530_000)  # 1,060,000 findings: one row each on Findings
    status, _, stderr = _check_peak_mb(inventory, "--xlsx", tmp_path / "a.xlsx", "--json", tmp_path / "r.json")
    assert status == 2, stderr
    assert "would need 1,060,001 rows on its sheet 'Findings', more than Excel's 1,048,576" in stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv"]


def test_the_workbook_costs_no_memory_per_row(tmp_path: Path) -> None:
    """The workbook's own share of the peak, on top of the report context the PDF shares, stays small: openpyxl's
    cell objects cost ~5 kB a line."""
    inventory = _inventory(tmp_path / "inv.csv", 20_000)
    _, pdf_and_json, _ = _check_peak_mb(inventory, "--json", tmp_path / "r.json")
    status, with_workbook, stderr = _check_peak_mb(inventory, "--json", tmp_path / "r.json", "--xlsx",
                                                   tmp_path / "a.xlsx")
    assert status == 1, stderr
    assert with_workbook - pdf_and_json < 130, (pdf_and_json, with_workbook)
    sheets = load_workbook(tmp_path / "a.xlsx", read_only=True)
    assert [sum(1 for _ in sheets[name].iter_rows()) for name in ("inv", "Findings")] == [20_001, 40_001]
