"""GB 19153-2019 表2 (variable-speed oil-injected rotary air compressors, weighted specific power), through
`effaudit check` on small CSV files (issue 17).

Expected limits are written out by hand from standards_data/standards/gb19153-2019.yaml 表2 (read from the EquipEffi
pack, see VERIFICATION-issue17.md), not read back from the file, so that a changed cell fails here. Lower is better:
a value exactly at a limit meets it, 0.01 above drops one grade.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,结构型式,电机功率(kW),排气压力(MPa),冷却方式,比功率(kW/(m³/min)),加权比功率(kW/(m³/min)),出厂日期\n"

# (kW, MPa, 冷却方式, cooling code): grade 1 / 2 / 3 of 表2
ROWS = {
    (37, 0.8, "风冷"): (7.0, 7.6, 8.5),
    (2.2, 0.3, "风冷"): (6.1, 6.8, 7.8),
    (5.5, 1.25, "风冷"): (11.1, 12.4, 14.3),
    (45, 1.0, "风冷"): (7.7, 8.3, 9.3),
    (55, 0.5, "水冷"): (5.0, 5.4, 6.0),
    (75, 1.25, "液冷"): (8.0, 8.7, 9.7),
    (4, 0.5, "风冷"): (6.7, 7.5, 8.7),
    (18.5, 1.25, "液冷"): (9.1, 10.1, 11.6),
    (160, 0.8, "风冷"): (6.3, 6.8, 7.6),
    (315, 0.3, "水冷"): (3.5, 3.9, 4.4),
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def _boundary_cases() -> list[tuple[tuple, float, str, float]]:
    """(row, weighted specific power, verdict, limit the finding cites) at, just better and just worse than each
    grade."""
    cases = []
    for row, (g1, g2, g3) in ROWS.items():
        cases += [
            (row, round(g1 - 0.01, 2), "advanced", g1),
            (row, g1, "advanced", g1),
            (row, round(g1 + 0.01, 2), "energy_saving", g1),   # cites grade 1, the next grade up
            (row, g2, "energy_saving", g1),
            (row, round(g2 + 0.01, 2), "below_energy_saving", g2),
            (row, g3, "below_energy_saving", g2),
            (row, round(g3 + 0.01, 2), "below_minimum", g3),
        ]
    return cases


CASES = _boundary_cases()


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    lines = [f"V{i},变频螺杆空压机,,{kw},{mpa},{cooling},,{value},2023-01"
             for i, ((kw, mpa, cooling), value, _, _) in enumerate(CASES)]
    items = check(tmp_path, *lines)
    got = [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, "表2", limit) for _, _, verdict, limit in CASES]
    codes = {item["findings"][0]["code"] for item in items}
    assert codes == {"EF101", "EF102", "EF103", "EF104"}
    below = next(item for item, case in zip(items, CASES, strict=True) if case[2] == "below_minimum")
    assert below["findings"][0]["severity"] == "violation"  # made 2023, under this edition: no earlier one to meet
    assert "机组加权比功率" in below["findings"][0]["message"]


def test_variable_speed_is_graded_on_the_weighted_value_only(tmp_path: Path) -> None:
    """A full-load 比功率 (stated or derived) never grades a variable-speed unit against 表2, and a 加权比功率 never
    grades a fixed-speed unit against 表1 (37 kW 0.8 MPa air-cooled: 表1 6.7 / 7.3 / 8.1)."""
    items = check(tmp_path,
                  "A,变频螺杆空压机,,37,0.8,风冷,6.0,,2023-01",        # only the full-load value
                  "B,永磁变频螺杆空压机,,37,0.8,风冷,6.0,8.51,2023-01",  # weighted just above grade 3
                  "C,螺杆空压机,,37,0.8,风冷,8.1,9.9,2023-01",          # fixed speed at 表1 grade 3
                  "D,螺杆空压机,,37,0.8,风冷,,7.0,2023-01")             # fixed speed, weighted value only
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("not_assessable", ["EF112"]), ("below_minimum", ["EF101"]), ("below_energy_saving", ["EF102"]),
        ("not_assessable", ["EF112"])]
    assert "机组加权比功率" in items[0]["findings"][0]["message"]
    assert items[2]["findings"][0]["clause"] == "表1" and items[2]["findings"][0]["required"]["value"] == 7.3
    assert "机组比功率" in items[3]["findings"][0]["message"] and "加权" not in items[3]["findings"][0]["message"]


def test_between_rows_outside_the_table_and_dashes(tmp_path: Path) -> None:
    """5 kW lies between 4 kW (0.8 MPa air-cooled: 9.1 / 10.1 / 11.7) and 5.5 kW (8.8 / 9.8 / 11.2): 20 fails grade 3
    of both (below_minimum, the stricter 11.2 cited), 10.0 is grade 2 at 4 kW and grade 3 at 5.5 kW (not assessable);
    355 kW is above the table (315 kW is its last rating); 0.6 MPa is no column; a liquid-cooled 3 kW unit is "—"."""
    items = check(tmp_path,
                  "A,变频螺杆空压机,,5,0.8,风冷,,20,2023-01",
                  "B,变频螺杆空压机,,5,0.8,风冷,,10.0,2023-01",
                  "C,变频螺杆空压机,,355,0.8,风冷,,5.0,2023-01",
                  "D,变频螺杆空压机,,37,0.6,风冷,,20,2023-01",
                  "E,变频螺杆空压机,,3,0.8,水冷,,20,2023-01")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("below_minimum", ["EF101", "EF117"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"]), ("out_of_scope", ["EF115"])]
    assert items[0]["findings"][0]["required"]["value"] == 11.2
    assert "不插值" in items[2]["findings"][0]["message"]


def test_missing_cooling_tries_air_and_liquid(tmp_path: Path) -> None:
    """37 kW 0.8 MPa: air 7.0 / 7.6 / 8.5, liquid 6.7 / 7.3 / 8.2. 8.51 fails grade 3 of both (below_minimum, the
    stricter liquid limit cited); 7.0 is grade 1 air-cooled but grade 2 liquid-cooled (not assessable)."""
    items = check(tmp_path, "A,变频螺杆空压机,,37,0.8,,,8.51,2023-01", "B,变频螺杆空压机,,37,0.8,,,7.0,2023-01")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("below_minimum", ["EF101", "EF117"]), ("not_assessable", ["EF110"])]
    assert items[0]["findings"][0]["required"]["value"] == 8.2
    assert "冷却方式" in items[1]["findings"][0]["message"]


def test_type_read_from_the_standards_own_wording(tmp_path: Path) -> None:
    [item] = check(tmp_path, "A,空压机,一般用变转速喷油回转空气压缩机,75,1.25,液冷,,9.71,2023-01")
    assert item["verdict"] == "below_minimum" and item["findings"][0]["required"]["value"] == 9.7


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standards_show_lists_table_2(lang: str) -> None:
    result = effaudit("standards", "show", "GB 19153-2019", *(["--lang", lang] if lang == "en" else []))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "表2 / 4.2" in text and "weighted_specific_power_kw_per_m3_min" in text
    table2 = text[text.index("table2:"):text.index("table3:")]
    assert "oil_injected_rotary_variable" in table2 and "oil_injected_rotary_fixed" not in table2
    assert "specific_power_kw_per_m3_min_g1" not in table2.replace("weighted_specific_power_kw_per_m3_min_g1", "")
