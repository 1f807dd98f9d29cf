"""GB 19153-2019 表3 (reciprocating piston air compressors, specific power), through `effaudit check` on small CSV
files (issue 17).

Expected limits are written out by hand from standards_data/standards/gb19153-2019.yaml 表3 (read from the EquipEffi
pack, see VERIFICATION-issue17.md). Lower is better: a value at a limit meets it, 0.01 above drops one grade.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import checked_items
from tests.table_cells import boundary_cases, first_findings

HEADER = "设备编号,设备名称,结构型式,电机功率(kW),排气压力(MPa),比功率(kW/(m³/min)),出厂日期\n"

# (kW, MPa): grade 1 / 2 / 3 of 表3
ROWS = {
    (0.75, 0.25): (7.2, 7.8, 8.5),
    (2.2, 0.7): (8.9, 9.7, 10.7),
    (4, 1.0): (9.6, 10.3, 11.5),
    (7.5, 1.4): (10.2, 11.0, 12.7),
    (15, 0.8): (7.7, 8.5, 8.9),
    (22, 0.7): (6.6, 7.0, 7.5),
    (63, 1.0): (7.2, 7.8, 8.5),
    (75, 1.25): (7.7, 8.4, 9.4),
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    cases = [(row, round(g1 - 0.01, 2), "advanced", g1) for row, (g1, _, _) in ROWS.items()]
    cases += boundary_cases(ROWS, worse=0.01)
    items = check(tmp_path, *(f"P{i},活塞式空压机,,{kw},{mpa},{value},2023-01"
                              for i, ((kw, mpa), value, _, _) in enumerate(cases)))
    assert first_findings(items) == [(verdict, "表3", limit) for _, _, verdict, limit in cases]


def test_dash_between_rows_and_ratings_not_encoded(tmp_path: Path) -> None:
    """3 kW at 0.25 MPa is "—"; 5 kW lies between 4 kW (0.8 MPa: 8.8 / 9.5 / 10.4) and 5.5 kW (8.6 / 9.4 / 10.2):
    9.0 is grade 2 at both (energy_saving, the stricter 9.4 cited), 10.3 meets grade 3 at 4 kW only (not assessable);
    16 kW lies between 15 kW (0.8 MPa grade 1: 7.7) and 18.5 kW (7.0): 5.0 is grade 1 at both; 18.5 kW has "—" at
    0.4 MPa; 80 kW is above the table (75 kW is its last rating): not in table; 0.6 MPa is no column."""
    items = check(tmp_path,
                  "A,活塞式空压机,,3,0.25,9.0,2023-01",
                  "B,活塞式空压机,,5,0.8,9.0,2023-01",
                  "C,活塞式空压机,,5,0.8,10.3,2023-01",
                  "D,活塞式空压机,,16,0.8,5.0,2023-01",
                  "E,活塞式空压机,,18.5,0.4,5.0,2023-01",
                  "G,活塞式空压机,,80,0.8,5.0,2023-01",
                  "F,活塞式空压机,,7.5,0.6,5.0,2023-01")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("out_of_scope", ["EF115"]), ("energy_saving", ["EF103", "EF117"]), ("not_assessable", ["EF111"]),
        ("advanced", ["EF104", "EF117"]), ("out_of_scope", ["EF115"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"])]
    assert items[1]["findings"][0]["required"]["value"] == 8.6  # grade 1 cited: the stricter of 8.8 and 8.6
    assert items[3]["findings"][0]["required"]["value"] == 7.0  # the stricter of 7.7 (15 kW) and 7.0 (18.5 kW)


def test_type_words_route_to_table_3_and_never_to_table_1(tmp_path: Path) -> None:
    """An oil-free piston unit is judged by its own table, 表4 (8.6 / 9.2 / 10.5 at 4 kW 0.7 MPa: 9.7 is grade 3); a
    screw unit at 4 kW 0.7 MPa is judged by 表1 (its own table: air-cooled 7.8 / 8.5 / 9.6), not 表3."""
    items = check(tmp_path,
                  "A,空压机,往复活塞式,4,0.7,9.7,2023-01",
                  "B,空压机,无油活塞,4,0.7,9.7,2023-01",
                  "C,风冷螺杆空压机,,4,0.7,9.6,2023-01")
    assert [(item["verdict"], item["findings"][0]["code"], item["findings"][0]["clause"]) for item in items] == [
        ("below_energy_saving", "EF102", "表3"), ("below_energy_saving", "EF102", "表4"),
        ("below_energy_saving", "EF102", "表1")]
