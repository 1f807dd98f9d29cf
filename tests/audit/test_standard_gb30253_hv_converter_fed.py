"""GB 30253-2024 表11–表28 (converter-fed PMSM at 3 kV (3.3 kV) / 6 kV and 10 kV, by cooling group; one table per
grade: 表11/表12/表13 3–6 kV IC81W/IC86W/IC71W, 表14–表16 IC411/IC416, 表17–表19 IC511/IC611/IC616/IC516/IC666,
表20–表28 the same at 10 kV), graded by rated power and rated speed, and the routes by voltage, cooling and supply
mode around them, through `effaudit check` (issue 17).

Limits written out by hand from EquipEffi gb30253_2024_pdf_verified_v1.json (R000475..R001374: per table 25 rows,
each equal to its page-segment copy; see VERIFICATION-issue17.md), not read back from the YAML. Higher is better: a
value at a limit meets it, 0.01 below drops one grade, 0.01 above keeps it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tests.cli_run import checked_items, effaudit
from tests.table_cells import boundary_cases

HEADER = "设备编号,设备名称,额定电压(V),额定功率(kW),极数,额定转速(r/min),供电方式,冷却方式,效率(%),出厂日期\n"

# (V, cooling, kW, r/min): (tables, (grade 1, grade 2, grade 3)); the last row of every table (the pack's "P > 3150",
# its page copy 3150) is left out as doubtful: test_the_last_row_is_checked_by_hand
ROWS = {
    (6000, "IC81W", 200, 3000): ("表11、表12、表13", (93.5, 93.0, 92.0)),  # the first cell (R000475/525/575)
    (3300, "IC71W", 1000, 45): ("表11、表12、表13", (92.3, 91.6, 90.4)),
    (6000, "IC411", 450, 750): ("表14、表15、表16", (94.8, 94.3, 93.5)),
    (6000, "IC416", 2800, 375): ("表14、表15、表16", (95.9, 95.5, 94.8)),  # the last rating row
    (6000, "IC611", 250, 1500): ("表17、表18、表19", (93.5, 92.9, 92.0)),
    (3000, "IC666", 1600, 100): ("表17、表18、表19", (93.3, 92.8, 91.8)),
    (10000, "IC81W", 315, 600): ("表20、表21、表22", (93.4, 92.8, 91.8)),
    (10000, "IC411", 710, 1000): ("表23、表24、表25", (95.6, 95.2, 94.5)),
    (10000, "IC416", 2240, 250): ("表23、表24、表25", (95.0, 94.6, 93.8)),
    (10000, "IC511", 200, 45): ("表26、表27、表28", (86.3, 85.2, 83.2)),  # the lowest cell of all
    (10000, "IC616", 1250, 300): ("表26、表27、表28", (93.9, 93.5, 92.7)),
}
EXPECTED_CODE = {"advanced": "EF104", "energy_saving": "EF103", "below_energy_saving": "EF102",
                 "below_minimum": "EF101"}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def codes(items: list[dict]) -> list[tuple[str, list[str]]]:
    return [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in items]


def test_verdicts_at_below_and_above_every_grade_of_each_table(tmp_path: Path) -> None:
    limits = {key: grades for key, (_, grades) in ROWS.items()}
    above = [(key, round(limit + 0.01, 2), verdict, cited) for key, (g1, g2, g3) in limits.items()
             for limit, verdict, cited in ((g1, "advanced", g1), (g2, "energy_saving", g1),
                                           (g3, "below_energy_saving", g2))]
    cases = boundary_cases(limits) + above
    items = check(tmp_path, *(f"M{i},永磁同步电动机,{volts},{kw},,{speed},变频,{cooling},{value},2025-11"
                              for i, ((volts, cooling, kw, speed), value, _, _) in enumerate(cases)))
    got = [(item["verdict"], [f["code"] for f in item["findings"]], item["findings"][0]["clause"],
            item["findings"][0]["required"]["value"]) for item in items]
    assert got == [(verdict, [EXPECTED_CODE[verdict]], ROWS[key][0], limit) for key, _, verdict, limit in cases]


def test_speeds_are_single_columns_and_powers_between_rows(tmp_path: Path) -> None:
    """6 kV IC611 250 kW (表17–表19): 1500 r/min is a column (93.5 / 92.9 / 92.0); 1480, 1200, 3001 and 40 r/min
    are none (never interpolated). 260 kW at 1500 r/min lies between 250 kW and 280 kW (93.6 / 93.1 / 92.2): 93.6
    is grade 1 at both (EF117, the stricter 93.6 cited), 93.55 grade 1 at 250 kW only (EF111). 3000 kW lies between
    2800 kW and the last row (EF111); 3150 and 3151 kW are on the last row, left out as doubtful (EF113)."""
    lines = [f"S{speed},永磁同步电动机,6000,250,,{speed},变频,IC611,93.5,2025-11" for speed in (1500, 1480, 1200,
                                                                                          3001, 40)]
    lines += [f"P{i},永磁同步电动机,6000,{kw},,1500,变频,IC611,{value},2025-11"
              for i, (kw, value) in enumerate(((260, 93.6), (260, 93.55), (3000, 99.0), (3150, 99.0), (3151, 96.2)))]
    items = check(tmp_path, *lines)
    assert codes(items) == ([("advanced", ["EF104"])] + [("not_assessable", ["EF111"])] * 4
                            + [("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF111"])]
                            + [("not_assessable", ["EF111"])] + [("not_assessable", ["EF113"])] * 2)
    assert [items[i]["findings"][0]["required"]["value"] for i in (0, 5)] == [93.5, 93.6]


def test_missing_cooling_speed_and_voltage(tmp_path: Path) -> None:
    """6 kV at 1500 r/min 250 kW without a cooling method: 表11 94.0 / 93.5 / 92.6, 表14 94.4 / 93.9 / 92.9, 表17
    93.5 / 92.9 / 92.0. 94.4 is grade 1 under all three (EF117, 94.4 cited); 93.6 is grade 2 at IC81W, grade 3 at
    IC411 and grade 1 at IC611: supply 冷却方式. A converter-fed PMSM without a speed is asked for it. Without a
    voltage, 250 kW at 1500 r/min also meets 表8–表10 (97.1 / 96.8 / 95.9) and 10 kV 表20 93.7 / 93.2 / 92.3, 表23
    94.1 / 93.6 / 92.7, 表26 93.2 / 92.6 / 91.7: 97.1 is grade 1 under all (IC611 given), 95.0 is not: supply
    额定电压; at 1200 r/min no 3–10 kV column exists, so 表8–表10 alone judge it (>900~1200: 96.8 / 96.3 / 95.7)."""
    items = check(tmp_path, "A,永磁同步电动机,6000,250,,1500,变频,,94.4,2025-11",
                  "B,永磁同步电动机,6000,250,,1500,变频,,93.6,2025-11",
                  "C,永磁同步电动机,6000,250,,,变频,IC611,93.6,2025-11",
                  "D,永磁同步电动机,,250,,1500,变频,IC611,97.1,2025-11",
                  "E,永磁同步电动机,,250,,1500,变频,IC611,95.0,2025-11",
                  "F,永磁同步电动机,,250,,1200,变频,,96.8,2025-11")
    assert codes(items) == [("advanced", ["EF104", "EF117"])] + [("not_assessable", ["EF110"])] * 2 + [
        ("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF110"]), ("advanced", ["EF104"])]
    assert [items[i]["findings"][0]["required"]["value"] for i in (0, 3, 5)] == [94.4, 97.1, 96.8]
    assert items[1]["findings"][0]["message"].startswith("未填冷却方式；")
    assert items[1]["findings"][0]["clause"] == "表11、表12、表13、表14、表15、表16、表17、表18、表19"
    assert items[2]["findings"][0]["message"] == "缺少查表所需参数：额定转速"
    assert items[4]["findings"][0]["message"].startswith("未填额定电压；")
    assert "表8、表9、表10" in items[4]["findings"][0]["clause"] and "表26、表27、表28" in items[4]["findings"][0]["clause"]
    assert items[5]["findings"][0]["clause"] == "表8、表9、表10"


def test_supply_mode_routes_with_the_line_start_tables(tmp_path: Path) -> None:
    """6 kV IC611 250 kW 4 poles: line-start 表4 94.3 / 93.8 / 93.1 (unchanged without a speed or when 工频 is
    stated), converter-fed 表17–表19 at 1500 r/min 93.5 / 92.9 / 92.0. Without a supply mode but with 1500 r/min,
    both: 94.3 grade 1 under both (EF117), 93.5 grade 3 line-start, grade 1 converter-fed: supply 供电方式."""
    items = check(tmp_path, "A,永磁同步电动机,6000,250,4,,,IC611,93.8,2025-11",
                  "B,永磁同步电动机,6000,250,4,1500,工频,IC611,93.5,2025-11",
                  "C,永磁同步电动机,6000,250,4,1500,,IC611,94.3,2025-11",
                  "D,永磁同步电动机,6000,250,4,1500,,IC611,93.5,2025-11")
    assert codes(items) == [("energy_saving", ["EF103"]), ("below_energy_saving", ["EF102"]),
                            ("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF110"])]
    assert [(item["findings"][0]["clause"], item["findings"][0]["required"]["value"]) for item in items[:3]] == [
        ("表4", 94.3), ("表4", 93.8), ("表4", 94.3)]
    assert items[3]["findings"][0]["message"].startswith("未填供电方式；")
    assert items[3]["findings"][0]["clause"] == "表4、表17、表18、表19"


def test_a_workbook_with_chinese_headers(tmp_path: Path) -> None:
    """A real .xlsx through the command line, worked by hand from the records: 6kV 变频 IC611 at 1500 r/min, 250 kW
    (表17 93.5, 表18 92.9, 表19 92.0): 93.5 grade 1, 92.95 grade 2, 92.0 grade 3, 91.99 below the minimum. 10 kV
    IC411 1000 r/min 710 kW (表23 95.6 / 表24 95.2 / 表25 94.5): 95.3 grade 2. 6kV 800 kW at 1480 r/min: no column."""
    workbook = tmp_path / "高压变频电机.xlsx"
    pd.DataFrame({
        "设备名称": ["永磁同步电动机"] * 6,
        "额定电压": ["6kV", "6kV", "6kV", "6kV", "10kV", "6kV"],
        "供电方式": ["变频"] * 6,
        "冷却方式": ["IC611", "IC611", "IC611", "IC611", "IC411", "IC611"],
        "额定转速": [1500, 1500, 1500, 1500, 1000, 1480],
        "额定功率": [250, 250, 250, 250, 710, 800],
        "效率": [93.5, 92.95, 92.0, 91.99, 95.3, 96.0],
    }).to_excel(workbook, index=False)
    completed = effaudit("check", workbook, "--json", "-", "--as-of", "2026-11-22")
    assert completed.returncode in (0, 1), completed.stderr
    items = json.loads(completed.stdout)["items"]
    assert [(item["verdict"], item["findings"][0]["code"], item["findings"][0]["clause"],
             item["findings"][0]["required"]["value"]) for item in items[:5]] == [
        ("advanced", "EF104", "表17、表18、表19", 93.5), ("energy_saving", "EF103", "表17、表18、表19", 93.5),
        ("below_energy_saving", "EF102", "表17、表18、表19", 92.9), ("below_minimum", "EF101", "表17、表18、表19", 92.0),
        ("energy_saving", "EF103", "表23、表24、表25", 95.6)]
    assert codes(items[5:]) == [("not_assessable", ["EF111"])]


def test_standards_show_lists_the_high_voltage_converter_fed_tables() -> None:
    result = effaudit("standards", "show", "GB 30253-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for first in (11, 14, 17, 20, 23, 26):
        tables = f"表{first}、表{first + 1}、表{first + 2}"
        assert f"table{first}_{first + 2}: {tables}" in result.stdout
        assert f"table{first}_{first + 2}_above_3150: {tables}" in result.stdout
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["converter_fed", "6000", "IC611", "250", "1500", "93.5", "92.9", "92.0", "single-source"] in lines
    assert ["converter_fed", "10000", "IC71W", "3150", "None", "[)", "60", "NaN", "NaN", "NaN", "conflict"] in lines


def test_the_last_row_is_checked_by_hand(tmp_path: Path) -> None:
    """The last row of 表11–表28 is printed as a power the pack writes "P>3150" (exclusive) and its page copy reads
    3150: read as > 3150, ≥ 3150 or = 3150 kW it would judge different motors, so a converter-fed PMSM of 3150 kW or
    more is told to be checked by hand (EF113, citing its tables), whatever its efficiency — 3000 V IC86W at
    1500 r/min (the source's 96.7 / 96.5 / 96.0) and 10 kV IC71W at 60 r/min (93.7 / 93.2 / 92.3)."""
    items = check(tmp_path, "A,永磁同步电动机,3000,3500,,1500,变频,IC86W,96.7,2025-11",
                  "B,永磁同步电动机,3000,3150,,1500,变频,IC86W,90.0,2025-11",
                  "C,永磁同步电动机,10000,5000,,60,变频,IC71W,93.7,2025-11")
    assert codes(items) == [("not_assessable", ["EF113"])] * 3
    assert [item["findings"][0]["clause"] for item in items] == ["表11、表12、表13"] * 2 + ["表20、表21、表22"]


def test_above_1000_kw_without_a_voltage(tmp_path: Path) -> None:
    """1100 kW, no voltage. Stated 工频 (or no supply mode and no speed), 4 poles: past 表1's 1000 kW only a 3–10 kV
    motor can be line-start, so 表2–表7 judge it; the converter-fed 315–1250 kW band of 表8–表10 does not hold it to
    ≤ 1140 V: 99.0 is grade 1 under all. Stated 变频 at 1500 r/min: the band (97.1 / 96.8 / 95.9) and 表11–表28 at
    1000 and 1120 kW are all tried: 99.0 is grade 1 under all (the band's 97.1 cited), 96.0 is not: supply 额定电压."""
    items = check(tmp_path, "A,永磁同步电动机,,1100,4,,工频,,99.0,2025-11",
                  "B,永磁同步电动机,,1100,4,,,,99.0,2025-11",
                  "C,永磁同步电动机,,1100,,1500,变频,,99.0,2025-11",
                  "D,永磁同步电动机,,1100,,1500,变频,,96.0,2025-11")
    assert codes(items) == [("advanced", ["EF104", "EF117"])] * 3 + [("not_assessable", ["EF110"])]
    assert items[2]["findings"][0]["required"]["value"] == 97.1
    assert items[3]["findings"][0]["message"].startswith("未填额定电压、冷却方式；")


def test_a_rating_below_every_row_is_not_asked_for_a_key(tmp_path: Path) -> None:
    """表11–表28 start at 200 kW. A 6 kV converter-fed PMSM of 110 kW at 1500 r/min without its cooling method lies in
    no row of them whatever its cooling, so supplying 冷却方式 would not grade it: it is told "not in table" (EF111,
    citing the 3/3.3/6 kV converter-fed tables 表11–表19 and its stated keys), not asked for its cooling (EF110). At
    250 kW (a row of each cooling group) it is still asked (test_missing_cooling_speed_and_voltage)."""
    items = check(tmp_path, "A,永磁同步电动机,6000,110,,1500,变频,,95.0,2025-11",
                  "B,永磁同步电动机,6000,250,,1500,变频,,93.6,2025-11")
    assert codes(items) == [("not_assessable", ["EF111"]), ("not_assessable", ["EF110"])]
    assert items[0]["findings"][0]["clause"] == "表11、表12、表13、表14、表15、表16、表17、表18、表19"
    assert "110" in items[0]["findings"][0]["message"] and "冷却方式" not in items[0]["findings"][0]["message"]
