"""GB 30253-2024 表8–表10 (converter-fed PMSM ≤ 1140 V, graded by rated power and rated speed; 表8 grade 1, 表9
grade 2, 表10 grade 3) and the route by supply mode between them and the line-start 表1–表7, through `effaudit check`
(issue 17).

Limits written out by hand from EquipEffi gb30253_2024_pdf_verified_v1.json (表8 R000307..334, 表9 R000363..390,
表10 R000419..446, each equal to its page-segment copy; see VERIFICATION-issue17.md), not read back from the YAML.
Higher is better: a value at a limit meets it, 0.01 below drops one grade, 0.01 above keeps it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.cli_run import checked_items, effaudit
from tests.result_json import loads
from tests.table_cells import boundary_cases

HEADER = "设备编号,设备名称,额定电压(V),额定功率(kW),极数,额定转速(r/min),供电方式,效率(%),出厂日期\n"
TABLES = "表8、表9、表10"

# (V, kW, r/min): (表8 grade 1, 表9 grade 2, 表10 grade 3)
ROWS = {
    (380, 0.55, 3000): (84.1, 82.7, 79.3),  # the first row, >1800~6000
    (380, 11, 1500): (94.4, 93.8, 92.4),  # >1200~1800
    (660, 90, 500): (95.5, 94.5, 93.2),  # 500 r/min
    (380, 185, 45): (91.2, 89.2, 86.8),  # the last row below 200 kW, the last column
    (380, 200, 1000): (96.8, 96.3, 95.4),  # >900~1200
    (1140, 280, 750): (96.3, 95.4, 94.3),  # >600~900
    (380, 800, 100): (94.1, 92.7, 91.0),  # the 315 ≤ P ≤ 1250 kW band
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def codes(items: list[dict]) -> list[tuple[str, list[str]]]:
    return [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in items]


def above_cases(rows: dict) -> list[tuple]:
    """(row key, value, verdict, cited limit) 0.01 better than each grade: the grade holds."""
    return [case for row, (g1, g2, g3) in rows.items()
            for case in ((row, round(g1 + 0.01, 2), "advanced", g1), (row, round(g2 + 0.01, 2), "energy_saving", g1),
                         (row, round(g3 + 0.01, 2), "below_energy_saving", g2))]


def test_verdicts_at_below_and_above_every_grade(tmp_path: Path) -> None:
    cases = boundary_cases(ROWS) + above_cases(ROWS)
    items = check(tmp_path, *(f"M{i},永磁同步电动机,{volts},{kw},,{speed},变频,{value},2025-11"
                              for i, ((volts, kw, speed), value, _, _) in enumerate(cases)))
    got = [(item["verdict"], [f["code"] for f in item["findings"]], item["findings"][0]["clause"],
            item["findings"][0]["required"]["value"]) for item in items]
    expected_code = {"advanced": "EF104", "energy_saving": "EF103", "below_energy_saving": "EF102",
                     "below_minimum": "EF101"}
    assert got == [(verdict, [expected_code[verdict]], TABLES, limit) for _, _, verdict, limit in cases]


def test_speed_band_ends_and_the_speeds_between_columns(tmp_path: Path) -> None:
    """0.55 kW: >1800~6000 is 84.1 / 82.7 / 79.3, >1200~1800 86.3 / 85.0 / 81.9, >600~900 81.9 / 78.3 / 74.4, 500
    r/min 81.0 / 77.4 / 73.2, 45 r/min 54.6 / 49.0 / 43.5. 85.0 is grade 2 at 1800 r/min (the band's closed end),
    grade 1 at 1801 and 6000; 6001, 600 (>600~900 starts above it), 550 (between 500 and the band) and 44 r/min find
    no column: not in table, never interpolated."""
    speeds = (1800, 1801, 6000, 601, 500, 45, 6001, 600, 550, 44)
    items = check(tmp_path, *(f"S{speed},永磁同步电动机,380,0.55,,{speed},变频,85.0,2025-11" for speed in speeds))
    assert codes(items) == ([("energy_saving", ["EF103"])] + [("advanced", ["EF104"])] * 5
                            + [("not_assessable", ["EF111"])] * 4)
    assert [item["findings"][0]["required"]["value"] for item in items[:6]] == [86.3, 84.1, 84.1, 81.9, 81.0, 54.6]


def test_the_315_1250_kw_band_and_powers_outside_the_rows(tmp_path: Path) -> None:
    """315 and 1250 kW are the band's ends (at 3000 r/min: 96.9 / 96.5 / 95.7): 96.5 is grade 2. 300 kW lies between
    280 kW and the band (no row, no neighbour across tables), 1260 kW past the band; 12 kW between 11 kW (93.8 /
    93.2 / 91.6) and 15 kW (94.3 / 93.7 / 92.4) at 3000 r/min: 94.4 is grade 1 at both (EF117, the stricter 94.3
    cited), 93.5 grade 2 at 11 kW and grade 3 at 15 kW (EF111)."""
    cases = ((315, 96.5), (1250, 96.5), (300, 99.0), (1260, 99.0), (12, 94.4), (12, 93.5))
    items = check(tmp_path, *(f"P{i},永磁同步电动机,380,{kw},,3000,变频,{value},2025-11"
                              for i, (kw, value) in enumerate(cases)))
    assert codes(items) == ([("energy_saving", ["EF103"])] * 2 + [("not_assessable", ["EF111"])] * 2
                            + [("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF111"])])
    assert items[4]["findings"][0]["required"]["value"] == 94.3


def test_no_supply_mode_and_no_speed_is_line_start_as_before(tmp_path: Path) -> None:
    """Without a supply mode and a speed a PMSM is judged by 表1 alone, one finding, no question: 11 kW 4 poles 95.1 /
    94.6 / 93.3; 0.55 kW 2 poles 85.9 / 84.6 / 81.5 (84.0 would be grade 1 at >1800~6000 of 表8)."""
    items = check(tmp_path, "A,永磁同步电动机,380,11,4,,,94.0,2025-11",
                  "B,永磁同步电动机,,0.55,2,,,84.0,2025-11")
    assert [(item["verdict"], [f["code"] for f in item["findings"]], item["findings"][0]["clause"],
             item["findings"][0]["required"]["value"]) for item in items] == [
        ("below_energy_saving", ["EF102"], "表1", 94.6), ("below_energy_saving", ["EF102"], "表1", 84.6)]


def test_no_supply_mode_with_a_speed_needs_both_routes_to_agree(tmp_path: Path) -> None:
    """11 kW 4 poles 380 V at 1480 r/min, no supply mode: 表1 95.1 / 94.6 / 93.3, 表8–表10 (>1200~1800) 94.4 / 93.8 /
    92.4. 95.2 is grade 1 under both (EF117, 95.1 cited); 93.0 is below 表1's minimum but grade 3 converter-fed:
    supply 供电方式; 92.0 is below both (93.3 cited). A stated 工频 is judged by 表1 alone."""
    items = check(tmp_path, *(f"{name},永磁同步电动机,380,11,4,1480,,{value},2025-11"
                              for name, value in zip("ABC", (95.2, 93.0, 92.0))),
                  "D,永磁同步电动机,380,11,4,1480,工频,93.0,2025-11")
    assert codes(items) == [("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF110"]),
                            ("below_minimum", ["EF101", "EF117"]), ("below_minimum", ["EF101"])]
    assert [items[0]["findings"][0]["required"]["value"], items[2]["findings"][0]["required"]["value"]] == [95.1, 93.3]
    message = items[1]["findings"][0]
    assert message["message"].startswith("未填供电方式；") and message["clause"] == "表1、" + TABLES
    assert message["message"].endswith("请补充供电方式")


def test_missing_keys_speed_supply_mode_and_voltage(tmp_path: Path) -> None:
    """A converter-fed PMSM without a speed is asked for it. 3 kW 12 poles at 500 r/min without a supply mode: 表1
    has no 12-pole row at 3 kW, so the converter-fed row alone gives no verdict: supply 供电方式. Without a voltage a
    converter-fed PMSM of 11 kW is judged by 表8–表10 (no 3–10 kV converter-fed table below 200 kW); one of 250 kW
    at 1500 r/min is tried against 表8–表10 and 表11–表28 (every cooling group), and 99.0 is grade 1 under all; a
    stated 6 kV one without a cooling method under 表11–表19 (tests/audit/test_standard_gb30253_hv_converter_fed.py)."""
    items = check(tmp_path, "A,永磁同步电动机,380,11,,,变频,95.0,2025-11",
                  "B,永磁同步电动机,380,3,12,500,,90.0,2025-11",
                  "C,永磁同步电动机,,11,,1500,变频,94.4,2025-11",
                  "D,永磁同步电动机,,250,,1500,变频,99.0,2025-11",
                  "E,永磁同步电动机,6000,250,,1500,变频,99.0,2025-11")
    assert codes(items) == [("not_assessable", ["EF110"])] * 2 + [("advanced", ["EF104"])] + [
        ("advanced", ["EF104", "EF117"])] * 2
    assert [items[i]["findings"][0]["message"] for i in (0, 1)] == [
        "缺少查表所需参数：额定转速", "缺少查表所需参数：供电方式"]
    assert items[2]["findings"][0]["required"]["value"] == 94.4


def test_a_workbook_with_chinese_headers(tmp_path: Path) -> None:
    """A real .xlsx through the command line. 变频器供电 11 kW at 1500 r/min 94.4: grade 1 (表8 94.4). 工频 11 kW 4 poles
    94.6: grade 2 (表1 94.6, 95.1 missed). VFD 90 kW at 500 r/min 94.49: grade 3 (表9 94.5 missed). No supply mode,
    11 kW 4 poles at 1480 r/min, 93.0: EF110 (表1 below minimum, converter-fed grade 3). 变频永磁同步电动机 (the name
    says so) 0.55 kW at 3000 r/min 84.1: grade 1, the supply mode marked as read from the name."""
    workbook = tmp_path / "电机台账.xlsx"
    pd.DataFrame({
        "名称": ["永磁同步电动机", "永磁同步电动机", "永磁同步电动机", "永磁同步电动机", "变频永磁同步电动机"],
        "型号": ["PM-A", "PM-B", "PM-C", "PM-D", "PM-E"],
        "额定电压(V)": [380, 380, 380, 380, 380],
        "额定功率(kW)": [11, 11, 90, 11, 0.55],
        "极数": [None, 4, None, 4, None],
        "额定转速(r/min)": [1500, 1480, 500, 1480, 3000],
        "供电方式": ["变频器供电", "工频", "VFD", None, None],
        "效率(%)": [94.4, 94.6, 94.49, 93.0, 84.1],
    }).to_excel(workbook, index=False)
    completed = effaudit("check", workbook, "--json", "-", "--as-of", "2026-11-22")
    assert completed.returncode in (0, 1), completed.stderr
    items = loads(completed.stdout)["items"]
    assert [(item["verdict"], item["findings"][0]["code"], item["findings"][0]["clause"],
             item["findings"][0].get("required", {}).get("value")) for item in items] == [
        ("advanced", "EF104", TABLES, 94.4), ("energy_saving", "EF103", "表1", 95.1),
        ("below_energy_saving", "EF102", TABLES, 94.5), ("not_assessable", "EF110", "表1、" + TABLES, None),
        ("advanced", "EF104", TABLES, 84.1)]
    assert "供电方式为推定值" in items[4]["findings"][0]["message"]


def test_standards_show_lists_the_converter_fed_tables() -> None:
    result = effaudit("standards", "show", "GB 30253-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for table in ("table8_10: 表8、表9、表10", "table8_10_315_1250: 表8、表9、表10"):
        assert table in result.stdout
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["converter_fed", "None", "1140", "(]", "90.00", "500", "500", "[]", "95.5", "94.5", "93.2",
            "single-source"] in lines


def test_the_110_kw_row_below_90_kw_is_kept_as_printed(tmp_path: Path) -> None:
    """110 kW lies below 90 kW in all three tables (at 3000 r/min 90 kW 96.5 / 96.1 / 95.2, 110 kW 96.4 / 96.0 /
    95.0); kept as both copies print it (VERIFICATION-issue17.md): 96.45 is grade 2 at 90 kW, grade 1 at 110 kW."""
    items = check(tmp_path, "R90,永磁同步电动机,380,90,,3000,变频,96.45,2025-11",
                  "R110,永磁同步电动机,380,110,,3000,变频,96.45,2025-11")
    assert [(item["verdict"], item["findings"][0]["required"]["value"]) for item in items] == [
        ("energy_saving", 96.5), ("advanced", 96.4)]


def test_the_question_in_english(tmp_path: Path) -> None:
    """The EF110 of a PMSM without a supply mode, in English: both routes named, the question at the end."""
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(HEADER + "B,永磁同步电动机,380,11,4,1480,,93.0,2025-11\n", encoding="utf-8")
    completed = effaudit("check", inventory, "--json", "-", "--as-of", "2026-11-22", "--lang", "en")
    [finding] = loads(completed.stdout)["items"][0]["findings"]
    assert finding["code"] == "EF110" and finding["message"].startswith("drive mode not given;")
    assert ("Table 1 drive mode line-start poles 4 (grade 1 ≥ 95.1 %, grade 2 ≥ 94.6 %, grade 3 ≥ 93.3 %) → below "
            "grade 3") in finding["message"]
    assert ("Table 8, Table 9, Table 10 drive mode converter-fed poles any (grade 1 ≥ 94.4 %, grade 2 ≥ 93.8 %, "
            "grade 3 ≥ 92.4 %) → grade 3") in finding["message"]
    assert finding["message"].endswith("supply drive mode")


def test_a_speed_in_no_column_cites_the_converter_fed_tables_and_names_the_speed(tmp_path: Path) -> None:
    """A converter-fed 75 kW PMSM at 550 r/min (between the 600 and 500 r/min columns) is in no row of 表8–表10:
    its EF111 cites those tables and names the rated speed, their key; not 表1, which is for line-start motors and
    has no speed key. A line-start 375 kW one (表1 prints 355 and 400 kW) still cites 表1."""
    items = check(tmp_path, "P1,永磁同步电动机,380,75,,550,变频,95.0,2025-11",
                  "P2,永磁同步电动机,380,375,4,,工频,95.0,2025-11")
    assert codes(items) == [("not_assessable", ["EF111"])] * 2
    first, second = (item["findings"][0] for item in items)
    assert first["clause"] == "表8、表9、表10" and "额定转速 550 rpm" in first["message"]
    assert second["clause"] == "表1" and "额定转速" not in second["message"]
