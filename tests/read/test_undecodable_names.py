"""File names that are not UTF-8 (GBK, as unzip makes them from a Windows archive) are inputs like any other: every
output names them readably (decoded as GBK, else with U+FFFD), a batch gives them readable folders and resumes
them, and nothing crashes — even where the terminal refuses what it cannot encode (PYTHONIOENCODING strict)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import EXAMPLE, effaudit

PLANT = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量\nM-1,水泵电机,电动机,YE3-160M-4,11,4,91.5,1\n"
STRICT = {"PYTHONIOENCODING": "utf-8:strict"}  # a zh_CN.UTF-8 desktop: stdout refuses lone surrogates
GBK_CSV = os.fsdecode("设备清单.csv".encode("gbk"))  # '\udcc9豸\udcc7嵥.csv': half of it decodes as UTF-8
GBK_XLSX = os.fsdecode("帧设备.xlsx".encode("gbk"))  # 帧 (D6 A1) is valid UTF-8 as it stands
LATIN1_CSV = os.fsdecode("café.csv".encode("latin-1"))  # not GBK either


def _inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / GBK_CSV).write_text(PLANT, encoding="utf-8")
    (folder / GBK_XLSX).write_bytes(EXAMPLE.read_bytes())
    (folder / LATIN1_CSV).write_text(PLANT, encoding="utf-8")
    (folder / os.fsdecode("坏的.csv".encode("gbk"))).write_bytes(b"")


def test_check_names_the_file_readably_everywhere(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    for name, readable, sheet in ((GBK_CSV, "设备清单.csv", "设备清单"), (GBK_XLSX, "帧设备.xlsx", None),
                                  (LATIN1_CSV, "caf\ufffd.csv", "caf\ufffd")):
        completed = effaudit("check", tmp_path / "in" / name, "--as-of", "2026-11-22", "--json", tmp_path / "r.json",
                             "--pdf", tmp_path / "r.pdf", "--xlsx", tmp_path / "r.xlsx", env=STRICT)
        assert completed.returncode in (0, 1), completed.stderr
        assert readable in completed.stdout
        result = json.loads((tmp_path / "r.json").read_bytes().decode("utf-8"))
        assert result["inventory"]["path"] == str(tmp_path / "in" / readable)
        pdf = subprocess.run(["pdftotext", tmp_path / "r.pdf", "-"], capture_output=True, text=True, check=True)
        assert readable in re.sub(r"\s+", "", pdf.stdout)
        if sheet is not None:  # a CSV's one sheet is named after the file
            assert {item["sheet"] for item in result["items"]} == {sheet}
            assert sheet in load_workbook(tmp_path / "r.xlsx", read_only=True).sheetnames
        piped = effaudit("check", tmp_path / "in" / name, "--as-of", "2026-11-22", "--json", "-", env=STRICT)
        assert json.loads(piped.stdout)["inventory"]["path"] == str(tmp_path / "in" / readable)


def test_an_unusable_input_is_named_readably(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    completed = effaudit("check", tmp_path / "in" / os.fsdecode("坏的.csv".encode("gbk")), env=STRICT)
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"effaudit: {tmp_path / 'in' / '坏的.csv'}: ")
    assert "internal error" not in completed.stderr


def test_batch_gives_readable_folders_and_resumes(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    out = tmp_path / "out"
    first = effaudit("batch", tmp_path / "in", "--out", out, "--jobs", "2", "--lang", "en", "--as-of", "2026-11-22",
                     env=STRICT)
    assert first.returncode == 2, first.stderr  # 坏的.csv is empty
    assert "internal error" not in first.stderr + (out / "failures.csv").read_text(encoding="utf-8")
    assert {path.name for path in out.iterdir() if path.is_dir()} == {"设备清单", "帧设备", "caf", "_store"}
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as stream:
        failures = list(csv.DictReader(stream))
    assert [row["input"] for row in failures] == [str(tmp_path / "in" / "坏的.csv")]
    rows = list(load_workbook(out / "summary.xlsx", read_only=True)["Enterprises"].values)
    inputs = {row[rows[0].index("inventory file")] for row in rows[1:]}
    assert inputs == {str(tmp_path / "in" / name) for name in ("设备清单.csv", "帧设备.xlsx", "caf\ufffd.csv")}
    (out / "findings.csv").read_bytes().decode("utf-8")
    again = effaudit("batch", tmp_path / "in", "--out", out, "--jobs", "2", "--lang", "en", "--as-of", "2026-11-22",
                     env=STRICT)
    assert re.search(r"unchanged, skipped\s*│\s*3\b", again.stdout), again.stdout
