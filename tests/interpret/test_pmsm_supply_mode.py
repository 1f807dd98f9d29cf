"""A PMSM's supply mode as inventories write it (供电方式, 起动方式, 调速方式 columns, or 变频 / 工频 in its name or
type): line-start or converter-fed, the split GB 30253-2024 grades by (issue 17). Text that names no mode, or both,
is not guessed; a converter-fed motor's rated speed is no pole count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from effaudit.inventory import read_inventory


def read_column(tmp_path: Path, header: str, *cells: str) -> list:
    path = tmp_path / "inventory.csv"
    path.write_text(f"设备名称,{header},额定转速\n" + "".join(f"永磁同步电动机,{cell},1500\n" for cell in cells),
                    encoding="utf-8")
    items = read_inventory(path, today=dt.date(2026, 11, 22)).items
    return items["supply_mode"].astype(object).where(items["supply_mode"].notna(), None).tolist()


@pytest.mark.parametrize("header", ["供电方式", "起动方式", "调速方式", "Supply mode"])
def test_the_column_under_its_headers(tmp_path: Path, header: str) -> None:
    cells = ("变频", "变频调速", "变频器供电", "VFD", "工频", "直接起动", "异步起动", "软起动", "")
    assert read_column(tmp_path, header, *cells) == ["converter_fed"] * 4 + ["line_start"] * 3 + [None, None]


def test_unknown_words_are_a_data_quality_problem(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text("设备名称,供电方式\n永磁同步电动机,软起动\n永磁同步电动机,变频\n", encoding="utf-8")
    problems = read_inventory(path, today=dt.date(2026, 11, 22)).problems
    assert problems.loc[problems["column"] == "supply_mode", ["item", "code"]].values.tolist() == [[0, "DQ109"]]


def test_the_mode_from_name_and_type_texts(tmp_path: Path) -> None:
    """变频 in the name or the type is read (and marked as read from that text); 工频/变频 names both: nothing read;
    a stated column wins over the name. Poles come from 1500 r/min only for a motor not fed by a converter."""
    path = tmp_path / "inventory.csv"
    path.write_text("设备名称,结构型式,供电方式,额定转速\n"
                    "变频永磁同步电动机,,,1500\n"
                    "永磁同步电动机,变频调速型,,1500\n"
                    "永磁同步电动机（工频/变频）,,,1500\n"
                    "变频永磁同步电动机,,工频,1500\n"
                    "永磁同步电动机,,,1500\n", encoding="utf-8")
    inventory = read_inventory(path, today=dt.date(2026, 11, 22))
    items = inventory.items
    assert items["supply_mode"].astype(object).where(items["supply_mode"].notna(), None).tolist() == [
        "converter_fed", "converter_fed", None, "line_start", None]
    marked = {where: flags.tolist() for name, where, flags in inventory.read_as if name == "supply_mode"}
    assert marked == {"text:设备名称": [True, False, False, False, False],
                      "text:结构型式": [False, True, False, False, False]}
    assert items["poles"].tolist()[2:] == [4.0, 4.0, 4.0] and items["poles"].isna().tolist()[:2] == [True, True]
