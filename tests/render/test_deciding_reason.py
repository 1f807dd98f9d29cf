"""The reason an output gives for an item is the finding that sets its status: a China III diesel truck of 18 years
has RG101 (accelerated phase-out: advisory) and RG216 (mandatory scrapping: violation); it is a violation because
of RG216, and the terminal, the workbook and the PDF say so first."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import effaudit

TRUCK = ("设备编号,设备名称,设备类别,车辆类型,使用性质,燃料,排放标准,注册日期,数量\n"
         "V-1,重型货车,车辆,重型货车,营运,柴油,国三,2008-03-01,1\n")


def test_the_reason_is_the_finding_that_makes_it_a_violation(tmp_path: Path) -> None:
    (tmp_path / "truck.csv").write_text(TRUCK, encoding="utf-8")
    completed = effaudit("check", tmp_path / "truck.csv", "--table", "--as-of", "2026-11-22", "--lang", "en", "--json",
                         tmp_path / "r.json", "--xlsx", tmp_path / "r.xlsx", "--pdf", tmp_path / "r.pdf")
    assert completed.returncode == 1, completed.stderr
    [item] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items"]
    assert item["status"] == "violation"
    assert [(f["code"], f["severity"]) for f in item["findings"]] == [("RG101", "advisory"), ("RG216", "violation")]
    assert "RG216 " in completed.stdout and "RG101" not in completed.stdout
    rows = list(load_workbook(tmp_path / "r.xlsx", read_only=True)["truck"].values)
    reason = dict(zip(rows[0], rows[1]))["reason"]
    assert reason.startswith("other trucks") and "must be scrapped after 15 years" in reason
    assert dict(zip(rows[0], rows[1]))["codes"] == "RG216 RG101"
    text = subprocess.run(["pdftotext", "-layout", tmp_path / "r.pdf", "-"], capture_output=True, text=True,
                          check=True).stdout
    entry = text[text.index("V-1"):]
    assert re.search(r"RG216.*\n(?:.*\n)*?.*RG101", entry)  # RG216 on the entry's first line, RG101 after
