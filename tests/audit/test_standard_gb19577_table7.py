"""GB 19577-2024 表7, indirect evaporative chillers (间接蒸发冷却冷水机组), added in issue 17, through `effaudit check`
on small CSV files and one xlsx workbook.

Limits written out by hand from the transcription (GB19577-T7-01..10 in /work/shared/reference/standards/
chillers_gb19577_2024_tables1-8.csv and the EquipEffi build script, see VERIFICATION-issue17.md), bands CC ≤ 100 and
> 100 kW: JB/T 14642 on AEER with an EER floor — 标准机型 17/14/10 (EER ≥ 9) | 22/19/15 (≥ 13), 大温差型 21/18/14
(≥ 12) | 25/22/18 (≥ 16); JB/T 14640 on EER — 外冷式 16/14/10 | 20/17/14, 内冷式 15/11/9 | 20/14/13, 内外冷串联式
21/15/12 | 22/15/14. Higher is better: a value at a limit meets it, 0.01 below drops one grade; an EER below the
floor is below the minimum at any AEER.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,间接蒸发冷却机型,名义制冷量(kW),AEER,EER,COP,出厂日期\n"

# (sub-type, capacity, AEER, EER) -> verdict
AEER_CASES = [
    (("标准机型", 100, 17.01, 9), "advanced"),
    (("标准机型", 100, 17, 9), "advanced"),
    (("标准机型", 100, 16.99, 9), "energy_saving"),
    (("标准机型", 100, 14, 9), "energy_saving"),
    (("标准机型", 100, 13.99, 9), "below_energy_saving"),
    (("标准机型", 100, 10, 9), "below_energy_saving"),
    (("标准机型", 100, 9.99, 9), "below_minimum"),
    (("标准机型", 100, 17, 8.99), "below_minimum"),          # the EER floor at every grade
    (("标准机型", 100.5, 17, 9), "below_minimum"),           # > 100 kW: AEER 22 / 19 / 15, EER ≥ 13
    (("标准机型", 100.5, 22, 13), "advanced"),
    (("标准机型", 500, 21.99, 13), "energy_saving"),
    (("标准机型", 500, 18.99, 13), "below_energy_saving"),
    (("标准机型", 500, 15, 13), "below_energy_saving"),
    (("标准机型", 500, 14.99, 13), "below_minimum"),
    (("标准机型", 500, 22, 12.99), "below_minimum"),
    (("大温差型", 50, 21, 12), "advanced"),
    (("大温差型", 50, 18, 12), "energy_saving"),
    (("大温差型", 50, 17.99, 12), "below_energy_saving"),
    (("大温差型", 50, 13.99, 12), "below_minimum"),
    (("大温差型", 50, 21, 11.99), "below_minimum"),
    (("大温差型", 200, 25, 16), "advanced"),
    (("大温差型", 200, 24.99, 16), "energy_saving"),
    (("大温差型", 200, 18, 16), "below_energy_saving"),
    (("大温差型", 200, 17.99, 16), "below_minimum"),
]

# (sub-type, capacity, EER) -> (verdict, limit the finding cites)
EER_CASES = [
    (("外冷式", 100, 16.01), ("advanced", 16)),
    (("外冷式", 100, 16), ("advanced", 16)),
    (("外冷式", 100, 15.99), ("energy_saving", 16)),
    (("外冷式", 100, 14), ("energy_saving", 16)),
    (("外冷式", 100, 13.99), ("below_energy_saving", 14)),
    (("外冷式", 100, 10), ("below_energy_saving", 14)),
    (("外冷式", 100, 9.99), ("below_minimum", 10)),
    (("外冷式", 101, 13.99), ("below_minimum", 14)),          # > 100 kW: 20 / 17 / 14
    (("外冷式", 101, 20), ("advanced", 20)),
    (("外冷式", 101, 16.99), ("below_energy_saving", 17)),
    (("内冷式", 80, 15), ("advanced", 15)),
    (("内冷式", 80, 10.99), ("below_energy_saving", 11)),
    (("内冷式", 80, 9), ("below_energy_saving", 11)),
    (("内冷式", 80, 8.99), ("below_minimum", 9)),
    (("内冷式", 300, 14), ("energy_saving", 20)),
    (("内冷式", 300, 12.99), ("below_minimum", 13)),
    (("内外冷串联式", 100, 21), ("advanced", 21)),
    (("内外冷串联式", 100, 11.99), ("below_minimum", 12)),
    (("内外冷串联式", 150, 22), ("advanced", 22)),
    (("内外冷串联式", 150, 15), ("energy_saving", 22)),
    (("内外冷串联式", 150, 14.99), ("below_energy_saving", 15)),
    (("内外冷串联式", 150, 13.99), ("below_minimum", 14)),
]


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def line(name: str, subtype: str, capacity: object, aeer: object, eer: object, cop: object = "") -> str:
    return f"{name},间接蒸发冷却冷水机组,{subtype},{capacity},{aeer},{eer},{cop},2023-01"


def test_aeer_rows_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(line(f"A{i}", *case) for i, (case, _) in enumerate(AEER_CASES)))
    assert [item["verdict"] for item in items] == [verdict for _, verdict in AEER_CASES]
    assert {finding["clause"] for item in items for finding in item["findings"]} == {"表7"}
    assert all(sorted(f["message"][:4] for f in item["findings"]) == ["全年能效", "能效比E"] for item in items)


def test_eer_rows_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(line(f"E{i}", subtype, capacity, "", eer)
                              for i, ((subtype, capacity, eer), _) in enumerate(EER_CASES)))
    got = [(item["verdict"], [f["clause"] for f in item["findings"]], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, ["表7"], limit) for _, (verdict, limit) in EER_CASES]
    assert all(item["findings"][0]["message"].startswith("能效比EER") for item in items)


@pytest.mark.parametrize(("fields", "code", "words"), [
    (("", 100, 20, 14), "EF110", "间接蒸发冷却机型"),   # the sub-type says the row and the indicator
    (("内冷式", "", "", 14), "EF110", "名义制冷量"),
    (("内外冷串联式", 100, 30, "", 20), "EF112", "EER"),  # never graded on AEER or on the cooling COP
])
def test_missing_keys_and_values_are_named(tmp_path: Path, fields: tuple, code: str, words: str) -> None:
    [item] = check(tmp_path, line("K", *fields))
    assert item["verdict"] == "not_assessable" and [f["code"] for f in item["findings"]] == [code]
    assert words in item["findings"][0]["message"]


def test_aeer_row_without_aeer_is_asked_for_it(tmp_path: Path) -> None:
    """A JB/T 14642 unit that gives only its EER has its floor judged and its AEER asked for."""
    [item] = check(tmp_path, line("G", "标准机型", 100, "", 9))
    assert item["verdict"] == "not_assessable"
    assert sorted(f["code"] for f in item["findings"]) == ["EF104", "EF112"]
    assert "AEER" in next(f["message"] for f in item["findings"] if f["code"] == "EF112")


def test_an_xlsx_with_chinese_headers_through_the_cli(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "设备清单"
    sheet.append(["设备编号", "设备名称", "结构型式", "名义制冷量(kW)", "全年能效比", "能效比", "出厂日期"])
    sheet.append(["IE-1", "间接蒸发冷却冷水机组", "数据中心等类似场所用-大温差型", 120, 22, 16, "2025-06"])
    sheet.append(["IE-2", "间接蒸发冷却冷水机组", "内冷式", 80, None, 8.5, "2025-06"])
    path = tmp_path / "间接蒸发.xlsx"
    book.save(path)
    result = effaudit("check", path, "--json", "-", "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [(item["equipment_id"], item["verdict"], item["findings"][0]["code"],
             item["findings"][0]["required"]["value"]) for item in items] == [
        ("IE-1", "energy_saving", "EF103", 25.0),       # 大温差型 > 100 kW: AEER 25 / 22 / 18, EER ≥ 16 met
        ("IE-2", "below_minimum", "EF101", 9.0)]        # 内冷式 ≤ 100 kW: EER 15 / 11 / 9
    assert items[1]["status"] == "violation"
    # 数据中心等类似场所用-大温差型 is a 表7 sub-type, not a data-centre chiller of 表1
    assert {"field": "chiller_type", "value": "indirect_evaporative", "from": "text:结构型式"} in items[0]["read_as"]



def test_saving_is_estimated_on_aeer_and_eer(tmp_path: Path) -> None:
    """AEER and EER are cooling efficiencies: Q_c·t·(1/measured − 1/grade 2), 200 kW for 3000 h."""
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("设备编号,设备名称,间接蒸发冷却机型,名义制冷量(kW),AEER,EER,年运行小时数,出厂日期\n"
                         "A,间接蒸发冷却冷水机组,标准机型,200,16,13,3000,2025-06\n"
                         "B,间接蒸发冷却冷水机组,外冷式,200,,15,3000,2025-06\n", encoding="utf-8")
    result = effaudit("check", inventory, "--json", "-", "--as-of", "2026-11-22")
    items = json.loads(result.stdout)["items"]
    assert [(item["saving"]["basis"]["metric"], item["saving"]["basis"]["grade2"],
             round(item["saving"]["kwh_per_year"], 3)) for item in items] == [
        ("aeer", 19.0, round(200 * 3000 * (1 / 16 - 1 / 19), 3)), ("eer", 17.0, round(200 * 3000 * (1 / 15 - 1 / 17), 3))]
