"""Air conditioners as inventories write them: which rows become the unitary (GB 19576), ducted (GB 37479) or
multi-split (GB 21454) family, and how their cooling capacity, type words and indicators are read (W or kW through pint; a bare number in
W, as the standards state it; a kW figure read as W is implausible, never judged)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from effaudit.inventory import Inventory, read_inventory


def read(tmp_path: Path, text: str) -> Inventory:
    path = tmp_path / "inventory.csv"
    path.write_text(text, encoding="utf-8")
    return read_inventory(path, today=dt.date(2026, 11, 22))


@pytest.mark.parametrize(("category", "name", "family"), [
    ("", "单元式空调机", "unitary_air_conditioner"),
    ("", "风冷热泵型屋顶式空调机组", "unitary_air_conditioner"),
    ("", "机房精密空调", "unitary_air_conditioner"),
    ("", "恒温恒湿空调机组", "unitary_air_conditioner"),     # 恒温恒湿空调 ends with 空调: the longer keyword wins
    ("", "风管送风式空调机组", "duct_air_conditioner"),
    ("", "风管机", "duct_air_conditioner"),
    ("", "多联机", "multi_split_air_conditioner"),
    ("", "多联机空调", "multi_split_air_conditioner"),
    ("", "VRV空调室外机", "multi_split_air_conditioner"),
    ("", "多联式空调(热泵)机组", "multi_split_air_conditioner"),  # not the 热泵 of `other`
    ("", "空调", "other"),                                     # a room unit, a fan-coil … : not guessed
    ("", "柜式空调", "other"),
    ("", "风机盘管", "other"),
    ("", "空气源热泵", "other"),
    ("空调", "多联机", "other"),                               # the category decides first
    ("", "离心式冷水机组", "chiller"),
    # fresh-air units: not a fan for the 风机 in 新风机组; a DX one (直接蒸发式 / 直膨式) is GB 37479 表2's ducted kind,
    # any other may be a chilled-water air-handling unit
    ("", "新风机组", "other"),
    ("", "直接蒸发式全新风机组", "duct_air_conditioner"),
    ("", "风冷直膨式新风机组", "duct_air_conditioner"),
    ("", "直接蒸发式全新风空气处理机组", "duct_air_conditioner"),
    ("", "排风机", "fan"),
])
def test_family_keywords(tmp_path: Path, category: str, name: str, family: str) -> None:
    inventory = read(tmp_path, f"设备类别,设备名称\n{category},{name}\n")
    assert inventory.items.at[0, "family"] == family


def test_cooling_capacity_units(tmp_path: Path) -> None:
    """W and kW in the header or the cell are converted by pint; a bare number is in W (the standards' unit) and
    marked so; 12.5 written bare is 0.0125 kW: implausible (DQ103), blanked, never judged."""
    inventory = read(tmp_path, "设备名称,制冷量\n"
                               "单元式空调机,14000\n"
                               "单元式空调机,14kW\n"
                               "单元式空调机,7100W\n"
                               "多联机,12.5\n"
                               "冷水机组,1000\n")
    capacity = inventory.items["cooling_capacity_kw"].tolist()
    assert capacity[:2] == [14.0, 14.0] and capacity[2] == pytest.approx(7.1, abs=1e-12)
    assert capacity[4] == 1000.0  # a chiller's bare number stays kW
    assert capacity[3] != capacity[3]  # NaN: 12.5 W is no air conditioner
    problems = inventory.problems
    assert problems.loc[problems["item"] == 3, "code"].tolist() == ["DQ103"]
    marked = {where: flags.tolist() for name, where, flags in inventory.read_as if name == "cooling_capacity_kw"}
    assert marked == {"unit:W (unitary_air_conditioner)": [True, False, False, False, False],
                      "unit:W (multi_split_air_conditioner)": [False, False, False, True, False]}
    in_kw = read(tmp_path, "设备名称,名义制冷量(kW)\n多联机,28\n多联机,28000W\n").items["cooling_capacity_kw"]
    assert in_kw.tolist() == [28.0, 28.0]


def test_type_words_and_indicators(tmp_path: Path) -> None:
    inventory = read(tmp_path, "设备名称,结构型式,冷却方式,SEER,APF,IPLV(C),EER(W/W),AEER,能效比\n"
                               "单元式空调机,风冷热泵型,,,3.1,,,,\n"
                               "多联机,单冷,风冷,5.2,,,3.3,,\n"
                               "水环式多联机,,,,,6.1,,,\n"
                               "机房专用空调,,水冷,,,,,4.1,\n")
    items = inventory.items
    assert items[["condenser_type", "ac_mode", "ac_type"]].astype(object).where(items.notna(), None).values.tolist() \
        == [["air_cooled", "heat_pump", "general"], ["air_cooled", "cooling_only", "general"],
            [None, None, "water_ring"], ["water_cooled", None, "computer_room"]]
    assert items.at[0, "apf"] == 3.1 and items.at[1, "seer"] == 5.2 and items.at[1, "eer"] == 3.3
    assert items.at[2, "iplv_c"] == 6.1 and items.at[2, "iplv"] != items.at[2, "iplv"]  # IPLV(C) is not IPLV
    assert items.at[3, "aeer"] == 4.1


def test_an_indicator_only_air_cooled_units_are_rated_by_tells_the_condenser(tmp_path: Path) -> None:
    """Ledger rows that leave 冷凝方式 out: SEER or APF is an air-cooled unit's indicator in GB 19576, GB 37479 and
    GB 21454, so such a unit is read as air-cooled (marked told_by); an IPLV stated beside it, or a stated 冷却方式,
    keeps it from being told."""
    inventory = read(tmp_path, "设备编号,设备名称,制冷量,冷暖类型,冷却方式,SEER,APF,IPLV,IPLV(C)\n"
                               "K-1,风管机,9.0KW,单冷,,3.9,,,\n"
                               "K-2,风管送风式空调机组,7.2kW,热泵,,,3.1,,\n"
                               "K-3,多联机室外机,28000W,热泵,,,4.5,,\n"
                               "K-4,单元式空调机,25kW,单冷,,3.0,,4.2,\n"     # SEER and IPLV: not told
                               "K-5,多联机,28000W,热泵,水冷,,4.5,,\n"          # stated: water-cooled stays
                               "K-6,多联机,28000W,热泵,,,4.5,,6.0\n")         # IPLV(C): a water-ring unit's
    items = inventory.items
    told = items["condenser_type"].astype(object).where(items["condenser_type"].notna(), None).tolist()
    assert told == ["air_cooled", "air_cooled", "air_cooled", None, "water_cooled", None]
    [(source, flags)] = [(where, flags) for name, where, flags in inventory.read_as if name == "condenser_type"
                         and where.startswith("told_by")]
    assert source == "told_by:seer/apf" and flags.tolist() == [True, True, True, False, False, False]
