"""GB 30253-2024 表2–表7 (line-start PMSM at 3 kV (3.3 kV) / 6 kV and 10 kV, by cooling group) and the route by
voltage between them and 表1 (≤ 1140 V), through `effaudit check` on small CSV files (issue 17).

Limits written out by hand from EquipEffi gb30253_2024_pdf_verified_v1.json (表2 R000055..075, 表3 R000097..117,
表4 R000139..159, 表5 R000181..201, 表6 R000223..243, 表7 R000265..285, each equal to its page-segment copy; see
VERIFICATION-issue17.md), not read back from the YAML. Higher is better: a value at a limit meets it, 0.01 below
drops one grade.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit
from tests.result_json import loads
from tests.table_cells import boundary_cases

HEADER = "设备编号,设备名称,额定电压(V),额定功率(kW),极数,冷却方式,效率(%),出厂日期\n"

# (V, cooling, kW, poles): (table, (grade 1, grade 2, grade 3))
ROWS = {
    (6000, "IC81W", 200, 4): ("表2", (94.6, 94.1, 93.3)),  # the first row
    (3000, "IC86W", 1000, 12): ("表2", (95.6, 95.2, 94.6)),
    (3300, "IC411", 450, 8): ("表3", (95.6, 95.2, 94.5)),
    (6000, "IC611", 2000, 6): ("表4", (96.3, 96.1, 95.6)),  # the last row
    (10000, "IC71W", 250, 10): ("表5", (94.0, 93.5, 92.6)),
    (10000, "IC416", 800, 6): ("表6", (96.3, 96.0, 95.4)),
    (10000, "IC666", 1400, 4): ("表7", (95.9, 95.6, 95.2)),
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def codes(items: list[dict]) -> list[tuple[str, list[str]]]:
    return [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in items]


def test_verdicts_at_every_grade_boundary_of_each_table(tmp_path: Path) -> None:
    cases = boundary_cases({key: limits for key, (_, limits) in ROWS.items()})
    items = check(tmp_path, *(f"M{i},永磁同步电动机,{volts},{kw},{poles},{cooling},{value},2025-11"
                              for i, ((volts, cooling, kw, poles), value, _, _) in enumerate(cases)))
    got = [(item["verdict"], [f["code"][:4] for f in item["findings"]], item["findings"][0]["clause"],
            item["findings"][0]["required"]["value"]) for item in items]
    assert got == [(verdict, ["EF10"], ROWS[key][0], limit) for key, _, verdict, limit in cases]


def test_between_rows_above_the_table_and_outside_the_voltages(tmp_path: Path) -> None:
    """6 kV IC81W 4 poles: 210 kW lies between 200 kW (94.6 / 94.1 / 93.3) and 220 kW (94.7 / 94.3 / 93.5): 94.7 is
    grade 1 at both (EF117, the stricter 94.7 cited), 94.65 grade 1 at 200 kW only (EF111). 2100 kW is past the last
    row (scope b) ends at 2000 kW, but d), converter-fed, has no upper end: in scope, not in table, EF111); 185 kW
    lies before the first row (表2 starts at 200 kW, as scope b) does); a 6 kV PMSM of 110 kW is in no table (表1 is
    ≤ 1140 V); 6.6 kV and 2 poles are values no table lists; an IC01 motor's cooling no table of GB 30253 names."""
    items = check(tmp_path,
                  "A,永磁同步电动机,6000,210,4,IC81W,94.7,2025-11",
                  "B,永磁同步电动机,6000,210,4,IC81W,94.65,2025-11",
                  "C,永磁同步电动机,6000,2100,4,IC81W,99.0,2025-11",
                  "D,永磁同步电动机,6000,185,4,IC81W,99.0,2025-11",
                  "E,永磁同步电动机,6000,110,4,IC81W,99.0,2025-11",
                  "F,永磁同步电动机,6600,250,4,IC81W,99.0,2025-11",
                  "G,永磁同步电动机,6000,250,2,IC81W,99.0,2025-11",
                  "H,永磁同步电动机,6000,250,4,IC01,99.0,2025-11")
    assert codes(items) == [("advanced", ["EF104", "EF117"])] + [("not_assessable", ["EF111"])] * 7
    assert items[0]["findings"][0]["required"]["value"] == 94.7


# (voltage, cooling; values at grade 1 of all, between, below all; the limits cited; the disagreement's first words;
# the tables its EF110 cites)
MISSING_KEY = {
    # 6 kV 250 kW 4 poles, no IC code: 表2 94.9 / 94.4 / 93.6, 表3 95.2 / 94.8 / 94.0, 表4 94.3 / 93.8 / 93.1. 94.5
    # is grade 2 under 表2 and 表4, grade 3 under 表3: supply 冷却方式 (not the voltage).
    "cooling": ("6000", "", (95.3, 94.5, 92.0), (95.2, 94.0), "未填冷却方式；", "表2、表3、表4"),
    # IC81W, no voltage: 表1 (≤ 1140 V) 97.7 / 97.4 / 96.7, 表2 (3-6 kV) 94.9 / 94.4 / 93.6, 表5 (10 kV) 94.6 /
    # 94.1 / 93.4. 96.0 is below 表1's minimum but grade 1 at 3-10 kV: supply 额定电压 (the cooling is given).
    "voltage": ("", "IC81W", (98.0, 96.0, 92.0), (97.7, 96.7), "未填额定电压；", "表1、表2、表5"),
}


@pytest.mark.parametrize("missing", list(MISSING_KEY))
def test_a_missing_key_at_250_kw_needs_every_candidate_table_to_agree(tmp_path: Path, missing: str) -> None:
    """250 kW 4 poles without a cooling code or without a voltage: a verdict when every candidate table agrees (grade
    1 everywhere, or below every minimum: the strictest limit cited, EF117), else EF110 naming the missing key."""
    volts, cooling, values, cited, opening, tables = MISSING_KEY[missing]
    items = check(tmp_path, *(f"{name},永磁同步电动机,{volts},250,4,{cooling},{value},2025-11"
                              for name, value in zip("ABC", values)))
    assert codes(items) == [("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF110"]),
                            ("below_minimum", ["EF101", "EF117"])]
    assert (items[0]["findings"][0]["required"]["value"], items[2]["findings"][0]["required"]["value"]) == cited
    assert items[1]["findings"][0]["message"].startswith(opening)
    assert items[1]["findings"][0]["clause"] == tables  # the tables of its candidate rows, not 表1 alone


def test_missing_voltage_names_表1_by_its_voltage_range(tmp_path: Path) -> None:
    message = check(tmp_path, "B,永磁同步电动机,,250,4,IC81W,96.0,2025-11")[0]["findings"][0]["message"]
    assert "表1 额定电压 ≤ 1140 V" in message and "表5 额定电压 10000 V" in message


def test_alike_candidate_rows_are_one_entry_and_english_cites_tables_in_english(tmp_path: Path) -> None:
    """Without voltage and cooling a 250 kW 4-pole PMSM has 41 candidate rows (表1, and 表2–表7 at each voltage and
    cooling); rows of a table with the same limits are one entry naming every voltage and cooling they cover."""
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(HEADER + "B,永磁同步电动机,,250,4,,96.9,2025-11\n", encoding="utf-8")
    completed = effaudit("check", inventory, "--json", "-", "--as-of", "2026-11-22", "--lang", "en")
    [finding] = loads(completed.stdout)["items"][0]["findings"]
    message = finding["message"]
    assert finding["code"] == "EF110" and finding["clause"] == "表1、表2、表3、表4、表5、表6、表7"
    assert ("Table 2 rated voltage 3000 V/3300 V/6000 V cooling IC81W/IC86W/IC71W (grade 1 ≥ 94.9 %, grade 2 ≥ "
            "94.4 %, grade 3 ≥ 93.6 %) → grade 1 (advanced)") in message
    assert "Table 7 rated voltage 10000 V cooling IC511/IC611/IC616/IC516/IC666 (" in message
    assert message.count("→") == 7 and "表" not in message  # 表1 and the six 3-10 kV tables, one entry each


def test_missing_voltage_where_表1_prints_no_row_but_could_apply(tmp_path: Path) -> None:
    """Without a voltage, 375 kW (between 表1's 355 kW and its 400-1000 kW band) and 10 poles at 500 kW ("—" in 表1)
    have rows only in the 3-10 kV tables; as ≤ 1140 V motors they would be in no row, so no verdict comes from the
    3-10 kV rows alone: supply 额定电压, no candidates. 1100 kW is past 表1's 1000 kW: only a 3-10 kV motor can be
    line-start there, so 表2 (3-6 kV, 1000 / 1120 kW) and 表5 (10 kV) judge it: 99.0 is grade 1 under all (96.6)."""
    items = check(tmp_path,
                  "A,永磁同步电动机,,375,4,IC81W,96.0,2025-11",
                  "B,永磁同步电动机,,500,10,IC81W,96.0,2025-11",
                  "C,永磁同步电动机,,1100,4,IC81W,99.0,2025-11")
    assert codes(items) == [("not_assessable", ["EF110"])] * 2 + [("advanced", ["EF104", "EF117"])]
    assert [item["findings"][0]["message"] for item in items[:2]] == ["缺少查表所需参数：额定电压"] * 2
    assert items[2]["findings"][0]["required"]["value"] == 96.6
    assert "8 个候选行" in items[2]["findings"][1]["message"]


def test_missing_voltage_at_200_kw_tries_both_because_表2_starts_there(tmp_path: Path) -> None:
    """表2 starts at 200 kW (R000055), as scope b) does: a 200 kW PMSM without a voltage may be either. 4 poles: 表1
    97.7 / 97.4 / 96.7 against 94.6 / 94.1 / 93.3 (表2) and below: 97.5 is grade 2 under 表1, grade 1 at 3-10 kV."""
    items = check(tmp_path,
                  "A,永磁同步电动机,,200,4,,99.0,2025-11",
                  "B,永磁同步电动机,,200,4,,97.5,2025-11")
    assert codes(items) == [("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF110"])]


def test_low_voltage_pmsm_without_voltage_is_judged_by_表1_alone(tmp_path: Path) -> None:
    """Where no 3-10 kV table has a row, a PMSM without a voltage is graded by 表1 as before, with one finding and no
    question about voltage or cooling: 110 kW 4 poles (97.3 / 97.0 / 96.3) at every grade boundary; 185 kW lies
    between 160 and 200 kW of 表1 only (表2 starts at 200 kW): 97.6 is grade 1 at 160 kW, grade 2 at 200 kW
    (EF111, rating between rows, not EF110); 2 poles at 250 kW: only 表1 has 2 poles (97.5 / 97.2 / 96.5)."""
    cases = boundary_cases({(110, 4): (97.3, 97.0, 96.3), (250, 2): (97.5, 97.2, 96.5)})
    items = check(tmp_path, *(f"M{i},永磁同步电动机,,{kw},{poles},,{value},2025-11"
                              for i, ((kw, poles), value, _, _) in enumerate(cases)),
                  "N,永磁同步电动机,,185,4,,97.6,2025-11")
    got = [(item["verdict"], [f["code"][:4] for f in item["findings"]], item["findings"][0]["clause"],
            item["findings"][0]["required"]["value"]) for item in items[:-1]]
    assert got == [(verdict, ["EF10"], "表1", limit) for _, _, verdict, limit in cases]
    assert codes(items[-1:]) == [("not_assessable", ["EF111"])]
    assert "额定电压" not in items[-1]["findings"][0]["message"]


def test_standards_show_lists_the_high_voltage_tables() -> None:
    result = effaudit("standards", "show", "GB 30253-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for table in ("table2: 表2", "table3: 表3", "table4: 表4", "table5: 表5", "table6: 表6", "table7: 表7"):
        assert table in result.stdout
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["line_start", "10000", "IC666", "1400", "4", "95.9", "95.6", "95.2", "single-source"] in lines
