"""GB 19577-2024 表4, water- / ground-source heat pumps (水（地）源热泵机组, GB/T 19409), added in issue 17, through
`effaudit check` on small CSV files and one xlsx workbook.

Limits written out by hand from the transcription (GB19577-T4-01..15 in /work/shared/reference/standards/
chillers_gb19577_2024_tables1-8.csv and the EquipEffi build script, see VERIFICATION-issue17.md):
冷热风型 热泵型 ACOP, no band — 水环式 4.6/4.1/3.7, 地下水式 5.1/4.6/4.0, 地埋管式/地表水式 4.4/4.0/3.8;
冷热水型 热泵型 ACOP by 名义制冷量 ≤ 260 / > 260 kW — 水环式 5.1/4.7/4.0 | 5.8/5.2/4.3, 地下水式 5.7/5.5/5.3 |
6.2/5.8/5.4, 地埋管式/地表水式 5.1/4.7/4.2 | 5.6/5.1/4.4;
冷热水型 单热型 heating COP by 名义制热量 ≤ 260 / > 260 kW — 水环式 5.6/5.0/4.6 | 5.8/5.4/4.4, 地下水式 4.9/4.5/4.0 |
5.1/4.7/4.4, 地埋管式/地表水式 4.7/4.3/4.2 | 4.9/4.5/4.2.
Higher is better: a value at a limit meets it, 0.01 below drops one grade.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,热泵机组型式,热泵机组功能,热源型式,名义制冷量(kW),名义制热量(kW),ACOP,制热性能系数,COP,出厂日期\n"

AIR, WATER, HP, HEAT = "冷热风型", "冷热水型", "热泵型", "单热型"

# (form, mode, source, cooling kW, heating kW, ACOP, heating COP) -> (verdict, limit the finding cites)
CASES = [
    # 冷热风型 热泵型, ACOP, no capacity needed
    ((AIR, HP, "水环式", "", "", 4.61, ""), ("advanced", 4.6)),
    ((AIR, HP, "水环式", "", "", 4.6, ""), ("advanced", 4.6)),
    ((AIR, HP, "水环式", "", "", 4.59, ""), ("energy_saving", 4.6)),
    ((AIR, HP, "水环式", "", "", 4.1, ""), ("energy_saving", 4.6)),
    ((AIR, HP, "水环式", "", "", 4.09, ""), ("below_energy_saving", 4.1)),
    ((AIR, HP, "水环式", "", "", 3.7, ""), ("below_energy_saving", 4.1)),
    ((AIR, HP, "水环式", "", "", 3.69, ""), ("below_minimum", 3.7)),
    ((AIR, HP, "地下水式", "", "", 5.1, ""), ("advanced", 5.1)),
    ((AIR, HP, "地下水式", "", "", 5.09, ""), ("energy_saving", 5.1)),
    ((AIR, HP, "地下水式", "", "", 4.0, ""), ("below_energy_saving", 4.6)),
    ((AIR, HP, "地下水式", "", "", 3.99, ""), ("below_minimum", 4.0)),
    ((AIR, HP, "地埋管式", "", "", 4.4, ""), ("advanced", 4.4)),
    ((AIR, HP, "地表水式", "", "", 4.39, ""), ("energy_saving", 4.4)),
    ((AIR, HP, "地表水式", "", "", 3.8, ""), ("below_energy_saving", 4.0)),
    ((AIR, HP, "地埋管式", "", "", 3.79, ""), ("below_minimum", 3.8)),
    # 冷热水型 热泵型, ACOP by 名义制冷量
    ((WATER, HP, "水环式", 260, "", 5.1, ""), ("advanced", 5.1)),
    ((WATER, HP, "水环式", 260, "", 5.09, ""), ("energy_saving", 5.1)),
    ((WATER, HP, "水环式", 260, "", 4.7, ""), ("energy_saving", 5.1)),
    ((WATER, HP, "水环式", 260, "", 4.69, ""), ("below_energy_saving", 4.7)),
    ((WATER, HP, "水环式", 260, "", 4.0, ""), ("below_energy_saving", 4.7)),
    ((WATER, HP, "水环式", 260, "", 3.99, ""), ("below_minimum", 4.0)),
    ((WATER, HP, "水环式", 260, "", 4.29, ""), ("below_energy_saving", 4.7)),  # the band end: ≤ 260 kW
    ((WATER, HP, "水环式", 260.5, "", 4.29, ""), ("below_minimum", 4.3)),      # > 260 kW: 5.8 / 5.2 / 4.3
    ((WATER, HP, "水环式", 260.5, "", 5.8, ""), ("advanced", 5.8)),
    ((WATER, HP, "水环式", 260.5, "", 5.79, ""), ("energy_saving", 5.8)),
    ((WATER, HP, "水环式", 500, "", 5.2, ""), ("energy_saving", 5.8)),
    ((WATER, HP, "水环式", 500, "", 5.19, ""), ("below_energy_saving", 5.2)),
    ((WATER, HP, "水环式", 500, "", 4.3, ""), ("below_energy_saving", 5.2)),
    ((WATER, HP, "地下水式", 100, "", 5.3, ""), ("below_energy_saving", 5.5)),
    ((WATER, HP, "地下水式", 100, "", 5.29, ""), ("below_minimum", 5.3)),
    ((WATER, HP, "地下水式", 1000, "", 6.2, ""), ("advanced", 6.2)),
    ((WATER, HP, "地下水式", 1000, "", 5.39, ""), ("below_minimum", 5.4)),
    ((WATER, HP, "地埋管式", 100, "", 4.2, ""), ("below_energy_saving", 4.7)),
    ((WATER, HP, "地埋管式", 100, "", 4.19, ""), ("below_minimum", 4.2)),
    ((WATER, HP, "地表水式", 1000, "", 5.6, ""), ("advanced", 5.6)),
    ((WATER, HP, "地表水式", 1000, "", 4.39, ""), ("below_minimum", 4.4)),
    # 冷热水型 单热型, heating COP by 名义制热量
    ((WATER, HEAT, "水环式", "", 260, "", 5.6), ("advanced", 5.6)),
    ((WATER, HEAT, "水环式", "", 260, "", 5.59), ("energy_saving", 5.6)),
    ((WATER, HEAT, "水环式", "", 260, "", 5.0), ("energy_saving", 5.6)),
    ((WATER, HEAT, "水环式", "", 260, "", 4.99), ("below_energy_saving", 5.0)),
    ((WATER, HEAT, "水环式", "", 260, "", 4.6), ("below_energy_saving", 5.0)),
    ((WATER, HEAT, "水环式", "", 260, "", 4.59), ("below_minimum", 4.6)),
    ((WATER, HEAT, "水环式", "", 261, "", 4.59), ("below_energy_saving", 5.4)),  # > 260 kW: grade 3 is 4.4
    ((WATER, HEAT, "水环式", "", 261, "", 4.39), ("below_minimum", 4.4)),
    ((WATER, HEAT, "水环式", "", 261, "", 5.39), ("below_energy_saving", 5.4)),
    ((WATER, HEAT, "水环式", "", 261, "", 5.8), ("advanced", 5.8)),
    ((WATER, HEAT, "地下水式", "", 100, "", 4.0), ("below_energy_saving", 4.5)),
    ((WATER, HEAT, "地下水式", "", 100, "", 3.99), ("below_minimum", 4.0)),
    ((WATER, HEAT, "地下水式", "", 300, "", 4.4), ("below_energy_saving", 4.7)),
    ((WATER, HEAT, "地下水式", "", 300, "", 4.39), ("below_minimum", 4.4)),
    ((WATER, HEAT, "地埋管式", "", 100, "", 4.7), ("advanced", 4.7)),
    ((WATER, HEAT, "地埋管式", "", 100, "", 4.19), ("below_minimum", 4.2)),
    ((WATER, HEAT, "地表水式", "", 300, "", 4.9), ("advanced", 4.9)),
    ((WATER, HEAT, "地表水式", "", 300, "", 4.89), ("energy_saving", 4.9)),
]


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def line(name: str, form: str, mode: str, source: str, cooling: object, heating: object, acop: object,
         heating_cop: object, cop: object = "") -> str:
    return f"{name},水源热泵机组,{form},{mode},{source},{cooling},{heating},{acop},{heating_cop},{cop},2023-01"


def test_verdicts_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(line(f"W{i}", *case) for i, (case, _) in enumerate(CASES)))
    got = [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, "表4", limit) for _, (verdict, limit) in CASES]
    assert all(len(item["findings"]) == 1 for item in items)
    # a heat pump is graded on ACOP, a heating-only unit on its heating COP
    assert [item["findings"][0]["message"].startswith("全年综合性能系数ACOP" if case[1] == HP else "制热性能系数COP")
            for item, (case, _) in zip(items, CASES)] == [True] * len(CASES)


def test_heat_source_missing_is_judged_when_every_source_agrees(tmp_path: Path) -> None:
    """Every heat source is a row of 表4: without it, a verdict that holds under all four rows stands (EF117);
    otherwise the item is not assessable and is asked for its heat source."""
    items = check(tmp_path,
                  line("A", AIR, HP, "", "", "", 5.2, ""),    # ≥ 4.6, 5.1, 4.4, 4.4: grade 1 under every row
                  line("B", AIR, HP, "", "", "", 3.6, ""),    # < 3.7, 4.0, 3.8, 3.8: below every minimum
                  line("C", AIR, HP, "", "", "", 4.5, ""))    # grade 2 for 水环式, grade 3 for 地下水式
    assert [(item["verdict"], sorted(f["code"] for f in item["findings"])) for item in items] == [
        ("advanced", ["EF104", "EF117"]), ("below_minimum", ["EF101", "EF117"]), ("not_assessable", ["EF110"])]
    below = next(f for f in items[1]["findings"] if f["code"] == "EF101")
    assert below["required"]["value"] == 4.0  # the decisive row: the strictest minimum (地下水式)
    assert "热源型式" in items[2]["findings"][0]["message"]


@pytest.mark.parametrize(("fields", "code", "words"), [
    (("", HP, "水环式", 100, "", 5.0, ""), "EF110", "热泵机组型式"),
    ((WATER, "", "水环式", 100, 100, 5.0, 5.0), "EF110", "热泵机组功能"),
    ((WATER, HP, "水环式", "", 100, 5.0, ""), "EF110", "名义制冷量"),       # a heat pump's band is its cooling capacity
    ((WATER, HEAT, "水环式", 100, "", "", 5.0), "EF110", "名义制热量"),     # a heating-only unit's, its heating capacity
    ((WATER, HP, "水环式", 100, "", "", 5.0), "EF112", "ACOP"),            # a heat pump is graded on ACOP only
    ((WATER, HEAT, "水环式", "", 100, 5.0, ""), "EF112", "制热性能系数"),   # a heating-only unit on its heating COP
    ((AIR, HEAT, "水环式", "", 100, 5.0, 5.0), "EF111", "表"),              # 表4 has no 冷热风型 单热型 row
])
def test_missing_keys_and_values_are_named(tmp_path: Path, fields: tuple, code: str, words: str) -> None:
    [item] = check(tmp_path, line("K", *fields))
    assert item["verdict"] == "not_assessable" and [f["code"] for f in item["findings"]] == [code]
    assert words in item["findings"][0]["message"]


def test_never_graded_on_the_cooling_cop(tmp_path: Path) -> None:
    """A heat pump that gives only its cooling COP is asked for ACOP; a cooling COP next to ACOP is not judged."""
    items = check(tmp_path, line("A", WATER, HP, "地下水式", 100, "", "", "", 9.0),
                  line("B", WATER, HP, "地下水式", 100, "", 5.7, "", 1.0))
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("not_assessable", ["EF112"]), ("advanced", ["EF104"])]


def test_an_xlsx_with_chinese_headers_through_the_cli(tmp_path: Path) -> None:
    """The user's path: a workbook whose headers and cells are in Chinese, the type read from the name and the
    form, mode and heat source from the 结构型式 text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "设备清单"
    sheet.append(["设备编号", "设备名称", "结构型式", "名义制冷量(kW)", "名义制热量(kW)", "全年综合性能系数", "制热性能系数",
                  "出厂日期"])
    sheet.append(["HP-1", "地埋管地源热泵机组", "冷热水型 热泵型", 350, 400, 5.1, None, "2025-06"])
    sheet.append(["HP-2", "水源热泵机组", "冷热水型 单热型 地下水式", None, 200, None, 4.9, "2025-06"])
    sheet.append(["HP-3", "水环热泵机组", "冷热风型 热泵型", None, None, 3.6, None, "2025-06"])
    path = tmp_path / "热泵.xlsx"
    book.save(path)
    result = effaudit("check", path, "--json", "-", "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr  # HP-3 is below the minimum of an edition in force when made
    import json

    items = json.loads(result.stdout)["items"]
    assert [(item["equipment_id"], item["verdict"], item["findings"][0]["code"], item["findings"][0]["clause"],
             item["findings"][0]["required"]["value"]) for item in items] == [
        ("HP-1", "energy_saving", "EF103", "表4", 5.6),       # ground loop CC > 260 kW: 5.6 / 5.1 / 4.4
        ("HP-2", "advanced", "EF104", "表4", 4.9),            # groundwater heating-only HC ≤ 260 kW: 4.9 / 4.5 / 4.0
        ("HP-3", "below_minimum", "EF101", "表4", 3.7)]       # water loop water-to-air: 4.6 / 4.1 / 3.7
    assert items[2]["status"] == "violation"


def test_standards_show_lists_the_new_tables() -> None:
    """表3, 表4 and 表7 (this issue's tables of GB 19577-2024) as `standards show` prints them: table, citation and
    the metrics each grades."""
    result = effaudit("standards", "show", "GB 19577-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    shown = {line.split(":")[0]: (line.split(": ")[1].split(" (")[0], following.strip())
             for line, following in zip(lines, lines[1:]) if line.startswith("table")}
    assert {table: shown[table] for table in shown if table[:6] in ("table3", "table4", "table7")} == {
        "table3_hspf": ("表3 / 4.2", "metric: hspf, cop_dh, heating_cop"),
        "table3_apf": ("表3 / 4.2", "metric: apf, cop_dh, heating_cop"),
        "table4_water_to_air": ("表4 / 4.2", "metric: acop"),
        "table4_water_to_water_heat_pump": ("表4 / 4.2", "metric: acop"),
        "table4_water_to_water_heating_only": ("表4 / 4.2", "metric: heating_cop"),
        "table7_aeer": ("表7 / 4.2", "metric: aeer, eer"),
        "table7_eer": ("表7 / 4.2", "metric: eer"),
    }
