"""GB 19577-2024 表3, low-ambient-temperature air-source heat pumps (低环境温度空气源热泵（冷水）机组), added in issue 17,
through `effaudit check` on small CSV files and one xlsx workbook.

Limits written out by hand from the transcription (GB19577-T3-01..06 in /work/shared/reference/standards/
chillers_gb19577_2024_tables1-8.csv and the EquipEffi build script, see VERIFICATION-issue17.md), bands by 名义制热量
HC ≤ 35 kW (GB/T 25127.2) and > 35 kW (GB/T 25127.1), each with COPdh and COPh floors at every grade:
地板采暖型 HSPF 3.6/3.2/2.8 (COPdh ≥ 2.0, COPh ≥ 2.3) | 3.4/3.2/3.0 (2.1, 2.5); 风机盘管型 APF 3.05/2.85/2.65 (1.8, 2.1) |
3.3/3.1/3.0 (1.8, 2.3); 散热器型 HSPF 2.6/2.4/2.3 (1.5, 1.7) | 2.6/2.4/2.3 (1.5, 1.8).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,末端型式,名义制热量(kW),HSPF,APF,COPdh,制热性能系数,出厂日期\n"

# (terminal, HC, HSPF, APF, COPdh, COPh) -> verdict
CASES = [
    (("地板采暖型", 35, 3.61, "", 2.0, 2.3), "advanced"),
    (("地板采暖型", 35, 3.6, "", 2.0, 2.3), "advanced"),
    (("地板采暖型", 35, 3.59, "", 2.0, 2.3), "energy_saving"),
    (("地板采暖型", 35, 3.2, "", 2.0, 2.3), "energy_saving"),
    (("地板采暖型", 35, 3.19, "", 2.0, 2.3), "below_energy_saving"),
    (("地板采暖型", 35, 2.8, "", 2.0, 2.3), "below_energy_saving"),
    (("地板采暖型", 35, 2.79, "", 2.0, 2.3), "below_minimum"),
    (("地板采暖型", 35, 3.6, "", 1.99, 2.3), "below_minimum"),      # COPdh floor
    (("地板采暖型", 35, 3.6, "", 2.0, 2.29), "below_minimum"),      # COPh floor
    (("地板采暖型", 35.5, 3.4, "", 2.1, 2.5), "advanced"),         # > 35 kW: 3.4 / 3.2 / 3.0, 2.1, 2.5
    (("地板采暖型", 35.5, 3.39, "", 2.1, 2.5), "energy_saving"),
    (("地板采暖型", 35.5, 3.19, "", 2.1, 2.5), "below_energy_saving"),
    (("地板采暖型", 35.5, 2.99, "", 2.1, 2.5), "below_minimum"),
    (("地板采暖型", 35.5, 3.4, "", 2.09, 2.5), "below_minimum"),
    (("地板采暖型", 35.5, 3.4, "", 2.1, 2.49), "below_minimum"),
    (("地板采暖型", 35, 2.99, "", 2.1, 2.5), "below_energy_saving"),  # the band end: ≤ 35 kW grade 3 is 2.8
    (("风机盘管型", 20, "", 3.05, 1.8, 2.1), "advanced"),
    (("风机盘管型", 20, "", 3.04, 1.8, 2.1), "energy_saving"),
    (("风机盘管型", 20, "", 2.85, 1.8, 2.1), "energy_saving"),
    (("风机盘管型", 20, "", 2.84, 1.8, 2.1), "below_energy_saving"),
    (("风机盘管型", 20, "", 2.65, 1.8, 2.1), "below_energy_saving"),
    (("风机盘管型", 20, "", 2.64, 1.8, 2.1), "below_minimum"),
    (("风机盘管型", 20, "", 3.05, 1.79, 2.1), "below_minimum"),
    (("风机盘管型", 100, "", 3.3, 1.8, 2.3), "advanced"),
    (("风机盘管型", 100, "", 3.09, 1.8, 2.3), "below_energy_saving"),
    (("风机盘管型", 100, "", 2.99, 1.8, 2.3), "below_minimum"),
    (("风机盘管型", 100, "", 3.3, 1.8, 2.29), "below_minimum"),
    (("散热器型", 10, 2.6, "", 1.5, 1.7), "advanced"),
    (("散热器型", 10, 2.59, "", 1.5, 1.7), "energy_saving"),
    (("散热器型", 10, 2.39, "", 1.5, 1.7), "below_energy_saving"),
    (("散热器型", 10, 2.29, "", 1.5, 1.7), "below_minimum"),
    (("散热器型", 10, 2.6, "", 1.49, 1.7), "below_minimum"),
    (("散热器型", 50, 2.6, "", 1.5, 1.8), "advanced"),
    (("散热器型", 50, 2.6, "", 1.5, 1.79), "below_minimum"),        # > 35 kW: COPh ≥ 1.8 (≤ 35 kW: 1.7)
    (("散热器型", 35, 2.6, "", 1.5, 1.79), "advanced"),
]


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def line(name: str, terminal: str, capacity: object, hspf: object, apf: object, cop_dh: object,
         cop_h: object) -> str:
    return f"{name},低环境温度空气源热泵机组,{terminal},{capacity},{hspf},{apf},{cop_dh},{cop_h},2023-01"


def test_verdicts_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(line(f"L{i}", *case) for i, (case, _) in enumerate(CASES)))
    assert [item["verdict"] for item in items] == [verdict for _, verdict in CASES]
    assert {finding["clause"] for item in items for finding in item["findings"]} == {"表3"}
    # each unit is judged on its seasonal indicator and both floors, three findings
    assert [sorted(f["message"][:8] for f in item["findings"]) for item in items] == [
        sorted(["制热季节性能系数" if case[0] != "风机盘管型" else "全年性能系数AP", "制热性能系数CO", "制热性能系数CO"])
        for case, _ in CASES]


def test_a_floor_finding_cites_its_limit(tmp_path: Path) -> None:
    [item] = check(tmp_path, line("B", "散热器型", 50, 2.6, "", 1.5, 1.79))
    [below] = [f for f in item["findings"] if f["code"] == "EF101"]
    assert below["required"]["value"] == 1.8 and below["message"].startswith("制热性能系数COPh")


@pytest.mark.parametrize(("fields", "code", "words"), [
    (("", 36, 3.0, 3.0, 2.0, 2.5), "EF110", "末端型式"),        # HSPF or APF: the terminal says
    (("散热器型", "", 2.6, "", 1.5, 1.8), "EF110", "名义制热量"),
])
def test_missing_keys_are_named(tmp_path: Path, fields: tuple, code: str, words: str) -> None:
    [item] = check(tmp_path, line("K", *fields))
    assert item["verdict"] == "not_assessable" and [f["code"] for f in item["findings"]] == [code]
    assert words in item["findings"][0]["message"]


@pytest.mark.parametrize(("fields", "missing"), [
    (("风机盘管型", 20, 3.2, "", 1.8, 2.1), "APF"),     # a fan-coil unit is never graded on HSPF
    (("地板采暖型", 20, "", 3.7, 2.0, 2.3), "HSPF"),    # a floor-heating unit never on APF
    (("散热器型", 20, 2.6, "", "", 1.8), "COPdh"),
    (("散热器型", 20, 2.6, "", 1.5, ""), "COPh"),
])
def test_missing_values_are_named(tmp_path: Path, fields: tuple, missing: str) -> None:
    [item] = check(tmp_path, line("M", *fields))
    assert item["verdict"] == "not_assessable"
    [absent] = [f for f in item["findings"] if f["code"] == "EF112"]
    assert missing in absent["message"]


def test_an_xlsx_with_chinese_headers_through_the_cli(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "设备清单"
    sheet.append(["设备编号", "设备名称", "结构型式", "名义制热量(kW)", "制热季节性能系数", "全年性能系数", "COPdh", "COPh",
                  "出厂日期"])
    sheet.append(["AS-1", "低温空气源热泵机组", "地板采暖型", 60, 3.2, None, 2.2, 2.6, "2025-06"])
    sheet.append(["AS-2", "低环境温度空气源热泵", "风机盘管型", 12, None, 2.6, 1.9, 2.2, "2025-06"])
    path = tmp_path / "低温热泵.xlsx"
    book.save(path)
    result = effaudit("check", path, "--json", "-", "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [(item["equipment_id"], item["category"], item["verdict"], item["findings"][0]["code"],
             item["findings"][0]["required"]["value"]) for item in items] == [
        ("AS-1", "chiller", "energy_saving", "EF103", 3.4),     # > 35 kW floor heating: HSPF 3.4 / 3.2 / 3.0
        ("AS-2", "chiller", "below_minimum", "EF101", 2.65)]    # ≤ 35 kW fan coil: APF 3.05 / 2.85 / 2.65
