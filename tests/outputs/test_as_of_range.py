"""--as-of must be a date every output can carry (1980-01-01 to 2107-12-31): outside it, every command stops with
exit 2 and one clear message before anything is read or written; the two ends themselves work everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_run import EXAMPLE, effaudit

PLANT = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量\nM-1,水泵电机,电动机,YE3-160M-4,11,4,91.5,1\n"


@pytest.mark.parametrize("as_of", ["1600-01-01", "1979-12-31", "2108-01-01", "2300-06-01", "9999-12-31"])
@pytest.mark.parametrize("command", ["check", "batch", "template"])
def test_a_date_outside_the_range_is_refused(tmp_path: Path, as_of: str, command: str) -> None:
    arguments = {"check": ["check", EXAMPLE, "--json", tmp_path / "r.json", "--xlsx", tmp_path / "r.xlsx"],
                 "batch": ["batch", EXAMPLE, "--out", tmp_path / "out"],
                 "template": ["template", tmp_path / "t.xlsx"]}[command]
    completed = effaudit(*arguments, "--as-of", as_of)
    assert completed.returncode == 2, completed.stderr
    assert f"{as_of} is outside 1980-01-01..2107-12-31" in completed.stderr
    assert "Traceback" not in completed.stderr and "internal error" not in completed.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("as_of", ["1980-01-01", "2107-12-31"])
def test_the_ends_of_the_range_give_every_output(tmp_path: Path, as_of: str) -> None:
    (tmp_path / "plant.csv").write_text(PLANT, encoding="utf-8")
    completed = effaudit("check", tmp_path / "plant.csv", "--as-of", as_of, "--json", tmp_path / "r.json",
                         "--xlsx", tmp_path / "r.xlsx", "--pdf", tmp_path / "r.pdf")
    assert completed.returncode in (0, 1), completed.stderr
    assert load_workbook(tmp_path / "r.xlsx").properties.created.date().isoformat() == as_of
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    batch = effaudit("batch", tmp_path / "plant.csv", "--out", tmp_path / "out", "--jobs", "1", "--as-of", as_of)
    assert batch.returncode in (0, 1), batch.stderr
    assert (tmp_path / "out" / "summary.xlsx").is_file() and (tmp_path / "out" / "summary.pdf").is_file()
