"""GB 19153-2019 表1 (oil-injected rotary air compressors, fixed speed), the 400–630 kW rows added in issue 17, through
`effaudit check` on small CSV files.

Limits written out by hand from the EquipEffi pack records GB19153-R000829..R001008 (see VERIFICATION-issue17.md), not
read back from the data file: at every one of 400, 450, 500, 560 and 630 kW the source repeats the 355 kW cells, e.g.
0.8 MPa air-cooled 5.8 / 6.3 / 7.0, 1.0 MPa liquid-cooled 6.2 / 6.8 / 7.6. Lower is better: a value at a limit meets
it, 0.01 above drops one grade.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items

HEADER = "设备编号,设备名称,结构型式,电机功率(kW),排气压力(MPa),冷却方式,比功率(kW/(m³/min)),出厂日期\n"

# (kW, MPa, 冷却方式): grade 1 / 2 / 3 of 表1
ROWS = {
    (400, 0.8, "风冷"): (5.8, 6.3, 7.0),
    (450, 1.0, "水冷"): (6.2, 6.8, 7.6),
    (500, 0.3, "风冷"): (3.5, 3.8, 4.3),
    (560, 1.25, "液冷"): (6.9, 7.6, 8.5),
    (630, 0.7, "风冷"): (5.4, 5.9, 6.5),
    (630, 0.5, "液冷"): (4.2, 4.6, 5.1),
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def _cases() -> list[tuple[tuple, float, str, float]]:
    """(row, specific power, verdict, limit the finding cites): at grade 1, just worse than grade 1, at grade 2 (just
    meeting it), just worse than grade 2, at grade 3, and just worse than grade 3."""
    cases = []
    for row, (g1, g2, g3) in ROWS.items():
        cases += [
            (row, g1, "advanced", g1),
            (row, round(g1 + 0.01, 2), "energy_saving", g1),
            (row, g2, "energy_saving", g1),
            (row, round(g2 + 0.01, 2), "below_energy_saving", g2),
            (row, g3, "below_energy_saving", g2),
            (row, round(g3 + 0.01, 2), "below_minimum", g3),
        ]
    return cases


CASES = _cases()


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    items = check(tmp_path, *(f"K{i},螺杆空压机,,{kw},{mpa},{cooling},{value},2023-01"
                              for i, ((kw, mpa, cooling), value, _, _) in enumerate(CASES)))
    got = [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, "表1", limit) for _, _, verdict, limit in CASES]
    assert {item["findings"][0]["code"] for item in items} == {"EF101", "EF102", "EF103", "EF104"}


def test_between_rows_and_beyond_the_table(tmp_path: Path) -> None:
    """420 kW lies between 400 and 450 kW, whose cells are equal (0.8 MPa air-cooled 5.8 / 6.3 / 7.0): both neighbours
    give the same verdict, so it stands (EF117 says it was judged on the two rows). 380 kW lies between 355 and 400 kW,
    equal too. 0.6 MPa is no column of the table: not assessable (never interpolated). 710 kW is above the standard's
    630 kW: out of scope."""
    items = check(tmp_path,
                  "A,螺杆空压机,,420,0.8,风冷,6.3,2023-01",
                  "B,螺杆空压机,,380,0.8,风冷,7.01,2023-01",
                  "C,螺杆空压机,,500,0.6,风冷,6.3,2023-01",
                  "D,螺杆空压机,,710,0.8,风冷,6.3,2023-01")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("energy_saving", ["EF103", "EF117"]), ("below_minimum", ["EF101", "EF117"]),
        ("not_assessable", ["EF111"]), ("out_of_scope", ["EF114"])]
    assert items[0]["findings"][0]["required"]["value"] == 5.8
    assert items[1]["findings"][0]["required"]["value"] == 7.0


@pytest.mark.parametrize(("cooling", "value", "verdict"), [("", 7.91, "below_minimum"), ("", 7.0, "not_assessable")])
def test_missing_cooling_tries_air_and_liquid(tmp_path: Path, cooling: str, value: float, verdict: str) -> None:
    """500 kW 1.0 MPa: air 6.5 / 7.1 / 7.9, liquid 6.2 / 6.8 / 7.6. 7.91 fails grade 3 of both; 7.0 is grade 2
    air-cooled but grade 3 liquid-cooled (7.61 would be grade 3 air-cooled: not assessable too)."""
    [item] = check(tmp_path, f"A,螺杆空压机,,500,1.0,{cooling},{value},2023-01")
    assert item["verdict"] == verdict
