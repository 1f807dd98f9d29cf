"""Test helper: a small region of real inventories for the findings-store tests — the example workbook and
generated CSVs with sidecar metadata (industries, districts), phase-out models in several enterprises, a motor of
fractional rating — and the summary workbook's cells as plain values."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.outputs.test_batch import EXAMPLE, EXAMPLE_TOML, HEADER

PLANTS = {
    "north": ('name = "北方钢铁有限公司"\nindustry = "黑色金属冶炼和压延加工业"\ndistrict = "包头市"\n',
              ["M-1,引风机电机,电动机,Y2-160M-4,11,4,88.0,3,2002-05", "M-2,水泵电机,电动机,YE2-80M1-2,0.75,2,77.0,2,2020-05",
               "M-3,输送机电机,电动机,YE3-160M-4,11,4,91.5,4,2022-05", "T-1,主变,变压器,S9-500/10,,,,1,1995-01"]),
    "south": ('name = "南方化工有限公司"\nindustry = "化学原料和化学制品制造业"\ndistrict = "鄂尔多斯市"\n',
              ["M-1,风机电机,电动机,y2-160m-4,11,4,88.0,1,2001-05", "M-4,空压机电机,电动机,YE4-160M-4,15,4,95.2,2,2023-05",
               "M-5,风机电机,电动机,YE3-160M-4,11,4,,1,2022-05", "D-1,办公桌,办公家具,,,,,5,"]),
    "west": ("", ["M-1,空压机电机,电动机,YE4-160M-4,15,4,95.2,2,2023-05", "M-2,水泵电机,电动机,YE3-90S-2,1.5,2,84.2,3,2022-05"]),
}


def region_inputs(folder: Path, *, round_two: bool = False) -> Path:
    """Write the region's inventories into ``folder``. ``round_two``: the same enterprises a year later, some
    items fixed (the Y2 motors replaced), one still open, one new violation, one line removed."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "inventory.xlsx").write_bytes(EXAMPLE.read_bytes())
    (folder / "inventory.toml").write_text(EXAMPLE_TOML, encoding="utf-8")
    for stem, (toml, lines) in PLANTS.items():
        if round_two:
            lines = ROUND_TWO[stem]
        (folder / f"{stem}.csv").write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
        if toml:
            (folder / f"{stem}.toml").write_text(toml, encoding="utf-8")
    return folder


ROUND_TWO = {
    "north": ["M-1,引风机电机,电动机,YE3-160M-4,11,4,91.5,3,2026-03", "M-2,水泵电机,电动机,YE2-80M1-2,0.75,2,77.0,2,2020-05",
              "M-3,输送机电机,电动机,YE3-160M-4,11,4,91.5,4,2022-05", "T-1,主变,变压器,S9-500/10,,,,1,1995-01"],
    "south": ["M-4,空压机电机,电动机,YE4-160M-4,15,4,95.2,2,2023-05", "M-5,风机电机,电动机,YE3-160M-4,11,4,91.6,1,2022-05",
              "M-6,水泵电机,电动机,Y2-160M-4,11,4,88.0,1,2003-05", "D-1,办公桌,办公家具,,,,,5,"],
    "west": ["M-1,空压机电机,电动机,YE4-160M-4,15,4,95.2,2,2023-05", "M-2,水泵电机,电动机,YE3-90S-2,1.5,2,84.2,3,2022-05"],
}


def workbook_cells(path: Path) -> dict[str, list[list]]:
    workbook = load_workbook(path, read_only=True)
    return {sheet.title: [list(row) for row in sheet.values] for sheet in workbook.worksheets}
