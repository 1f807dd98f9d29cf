"""GB 30254-2024 表3–表6 (high-voltage motors cooled IC611 / IC616 / IC511 / IC516 and IC411), through `effaudit check`
on small CSV files (issue 17).

Limits written out by hand from standards_data/standards/gb30254-2024.yaml (EquipEffi motor_hv.json, data_id
GB30254-R000086..R000204; see VERIFICATION-issue17.md), not read back from the file. Higher is better: a value at a
limit meets it, 0.01 below drops one grade.
"""

from __future__ import annotations

from pathlib import Path


from tests.cli_run import checked_items, effaudit
from tests.table_cells import boundary_cases

HEADER = "设备编号,设备名称,额定电压(kV),冷却方式,额定功率(kW),极数,效率(%),出厂日期\n"

# (kV, cooling, kW, poles, table): grade 1 / 2 / 3
ROWS = {
    (6, "IC611", 450, 4, "表3"): (94.5, 93.8, 93.2),
    (3, "IC616", 2000, 2, "表3"): (96.1, 95.7, 95.2),
    (10, "IC511", 200, 12, "表4"): (92.0, 91.0, 89.9),
    (10, "IC516", 10000, 8, "表4"): (96.4, 95.9, 95.3),
    (6, "IC411", 315, 8, "表5"): (94.4, 93.6, 92.6),
    (3.3, "IC411", 3150, 2, "表5"): (97.2, 96.8, 96.4),
    (10, "IC411", 1000, 4, "表6"): (96.1, 95.6, 95.0),
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    cases = boundary_cases(ROWS)
    items = check(tmp_path, *(f"M{i},高压电机,{kv},{cooling},{kw},{poles},{value},2025-10"
                              for i, ((kv, cooling, kw, poles, _), value, _, _) in enumerate(cases)))
    got = [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, row[4], limit) for row, _, verdict, limit in cases]


def test_between_rows_outside_the_tables_and_other_cooling(tmp_path: Path) -> None:
    """425 kW lies between 400 kW (表3 4 poles: 94.3 / 93.6 / 92.9) and 450 kW (94.5 / 93.8 / 93.2): 95.0 is grade 1
    at both (advanced, EF117), 93.0 is grade 3 at 400 kW and below the minimum at 450 kW (not assessable); 表6 has no
    10-pole column; 表3 ends at 10000 kW; IC86W has no table; a missing pole count tries every column."""
    items = check(tmp_path,
                  "A,高压电机,6,IC611,425,4,95.0,2025-10",
                  "B,高压电机,6,IC611,425,4,93.0,2025-10",
                  "C,高压电机,10,IC411,1000,10,97.0,2025-10",
                  "D,高压电机,6,IC611,12000,2,97.0,2025-10",
                  "E,高压电机,6,IC86W,450,4,97.0,2025-10",
                  "F,高压电机,10,IC411,1000,,90.0,2025-10")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("advanced", ["EF104", "EF117"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]), ("below_minimum", ["EF101", "EF117"])]
    assert items[0]["findings"][0]["required"]["value"] == 94.5  # the stricter grade 1 of the two rows
    assert items[5]["findings"][0]["required"]["value"] == 95.1  # 2 poles: the strictest grade 3 of 表6 1000 kW


def test_cooling_read_from_the_type_text(tmp_path: Path) -> None:
    [item] = check(tmp_path, "A,高压电机 鼠笼式 IC611 封闭式,6,,450,4,93.19,2025-10")
    assert item["verdict"] == "below_minimum" and item["findings"][0]["clause"] == "表3"


def test_standards_show_lists_tables_3_to_6() -> None:
    result = effaudit("standards", "show", "GB 30254-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for table in ("table3: 表3 / 4", "table4: 表4 / 4", "table5: 表5 / 4", "table6: 表6 / 4"):
        assert table in result.stdout
