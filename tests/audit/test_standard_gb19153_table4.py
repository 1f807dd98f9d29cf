"""GB 19153-2019 表4 (全无油润滑往复活塞, oil-free reciprocating piston air compressors, specific power), through
`effaudit check` on small CSV files (issue 17).

Limits written out by hand from the EquipEffi pack records GB19153-R002197..R002469 (see VERIFICATION-issue17.md), not
read back from the data file. Lower is better: a value at a limit meets it, 0.01 above drops one grade. The 1.0 MPa
cells of 3-15 kW are left out as doubtful (check by hand), and 18.5 / 22 kW, null throughout in the source, are
not encoded (not in table).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from effaudit.interpret.codes import code_in_text
from effaudit.standards.rulebook import Rulebook
from tests.cli_run import checked_items, effaudit
from tests.table_cells import boundary_cases, cell, first_findings

HEADER = "设备编号,设备名称,压缩机类型,电机功率(kW),排气压力(MPa),比功率(kW/(m³/min)),出厂日期\n"
OIL_FREE = "全无油润滑往复活塞空气压缩机"

ROWS = {  # (kW, MPa): grade 1 / 2 / 3 of 表4
    (0.55, 0.4): (10.0, 10.7, 11.9), (1.1, 1.0): (12.7, 13.5, 15.0),
    (2.2, 1.0): (11.0, 11.7, 13.0), (2.2, 1.4): (12.2, 13.2, 15.6),
    (3, 0.8): (9.7, 10.3, 11.6), (5.5, 1.25): (10.6, 11.2, 13.2),
    (15, 0.7): (7.7, 8.2, 9.5), (15, 1.4): (10.0, 10.6, 12.5),
}
DOUBTFUL = (3, 4, 5.5, 7.5, 11, 15)  # kW whose 1.0 MPa cells are left out


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def verdicts(items: list[dict]) -> list[tuple[str, list[str]]]:
    return [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in items]


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    cases = boundary_cases(ROWS, worse=0.01)
    items = check(tmp_path, *(f"W{i},空压机,{OIL_FREE},{kw},{mpa},{value},2023-01"
                              for i, ((kw, mpa), value, _, _) in enumerate(cases)))
    assert first_findings(items) == [(verdict, "表4", limit) for _, _, verdict, limit in cases]


def test_doubtful_cells_are_left_out_and_checked_by_hand(tmp_path: Path) -> None:
    """At 1.0 MPa, 3-15 kW, the only transcription's grade 3 is doubtful: no limit is encoded (the rows are null and
    `conflict`), so neither a value the transcribed grade 1 would pass (5.0) nor one its grade 3 would fail (12.0 at
    4 kW, transcribed 11.6) is judged; the standard does cover the rating, so it is "check by hand", never "—"."""
    table = next(t for t in Rulebook.load().get("GB 19153-2019").tables if t.id == "table4")
    for kw in DOUBTFUL:
        limits = cell(table, {"rated_power_kw": kw, "pressure_mpa": 1.0}, "specific_power_kw_per_m3_min")
        assert all(math.isnan(value) for value in limits), kw
    items = check(tmp_path, *(f"D{i},空压机,{OIL_FREE},{kw},1.0,5.0,2023-01" for i, kw in enumerate(DOUBTFUL)),
                  f"E,空压机,{OIL_FREE},4,1.0,12.0,2023-01")
    assert verdicts(items) == [("not_assessable", ["EF113"])] * 7
    assert {(f["clause"], f["message"]) for item in items for f in item["findings"]} == {
        ("表4", "GB 19153-2019 表4 对该规格规定了限值，但唯一可得转录中的数值存疑，effaudit 未收录，请人工核对")}


def test_dash_between_rows_above_the_table_and_no_column(tmp_path: Path) -> None:
    """1.1 kW has "—" at 1.25 MPa; 2.5 kW lies between 2.2 kW (0.8 MPa: 10.0 / 10.6 / 12.0) and 3 kW (9.7 / 10.3 /
    11.6): 9.5 is grade 1 at both (9.7 cited), 10.2 grade 2 at both (grade 1's 9.7 cited), 11.8 is grade 3 at 2.2 kW
    but below the minimum at 3 kW (not assessable); 2.5 kW at 1.0 MPa has one neighbour left out (3 kW): not
    assessable; 16, 18.5 and 22 kW are above the encoded table (15 kW is its last row); 0.6 and 0.25 MPa are no
    column of 表4."""
    items = check(tmp_path,
                  f"A,空压机,{OIL_FREE},1.1,1.25,9.0,2023-01",
                  f"B,空压机,{OIL_FREE},2.5,0.8,9.5,2023-01",
                  f"C,空压机,{OIL_FREE},2.5,0.8,10.2,2023-01",
                  f"D,空压机,{OIL_FREE},2.5,0.8,11.8,2023-01",
                  f"E,空压机,{OIL_FREE},2.5,1.0,9.0,2023-01",
                  f"F,空压机,{OIL_FREE},16,0.8,7.0,2023-01",
                  f"G,空压机,{OIL_FREE},18.5,0.8,7.0,2023-01",
                  f"H,空压机,{OIL_FREE},22,0.8,7.0,2023-01",
                  f"I,空压机,{OIL_FREE},4,0.6,9.0,2023-01",
                  f"J,空压机,{OIL_FREE},4,0.25,9.0,2023-01")
    assert verdicts(items) == [
        ("out_of_scope", ["EF115"]), ("advanced", ["EF104", "EF117"]), ("energy_saving", ["EF103", "EF117"]),
        ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"])]
    assert [items[i]["findings"][0]["required"]["value"] for i in (1, 2)] == [9.7, 9.7]


def test_type_words_route_oil_free_piston_units_to_table_4_only(tmp_path: Path) -> None:
    """The same 4 kW 0.7 MPa unit at 10.0: 表4 (8.6 / 9.2 / 10.5) gives grade 3, 表3 (oil-lubricated piston, 8.3 /
    9.0 / 9.7) below its minimum; a direct-coupled portable unit (表5/表6, not encoded) is never judged by 表4, nor
    is a bare 无油空压机 (screw, scroll or piston?)."""
    items = check(tmp_path,
                  f"A,空压机,{OIL_FREE},4,0.7,10.0,2023-01",
                  "B,无油活塞式空压机,,4,0.7,10.0,2023-01",
                  "C,活塞式空压机,,4,0.7,10.0,2023-01",
                  "D,空压机,无油润滑的直联便携式往复活塞空气压缩机,4,0.7,10.0,2023-01",
                  "E,无油空压机,,4,0.7,10.0,2023-01")
    got = [(item["verdict"], item["findings"][0]["code"], item["findings"][0]["clause"]) for item in items]
    assert got[:3] == [("below_energy_saving", "EF102", "表4"), ("below_energy_saving", "EF102", "表4"),
                       ("below_minimum", "EF101", "表3")]
    assert all(item["verdict"] == "not_assessable" and "表4" not in {f["clause"] for f in item["findings"]}
               for item in items[3:])


def test_standards_show_lists_table_4() -> None:
    result = effaudit("standards", "show", "GB 19153-2019", "--lang", "en")
    assert result.returncode == 0, result.stderr
    before, table4 = result.stdout.split("table4: 表4 / 4 (confidence single-source)")
    rows = [line for line in table4.splitlines()[3:] if line.strip()]  # after the metric and the column names
    assert len(rows) == 77 and all(line.startswith("oil_free_reciprocating ") for line in rows)
    assert "oil_free_reciprocating" not in before


@pytest.mark.parametrize("text, code", [
    ("全无油润滑往复活塞", "oil_free_reciprocating"), ("全无油润滑往复活塞空气压缩机", "oil_free_reciprocating"),
    ("无油活塞式空压机", "oil_free_reciprocating"), ("无油往复活塞式空压机", "oil_free_reciprocating"),
    ("oil-free piston", "oil_free_reciprocating"),
    ("无油润滑的直联便携式往复活塞", "portable_reciprocating"),
    ("有油润滑的直联便携式往复活塞空气压缩机", "portable_reciprocating"),
    ("微型往复活塞空气压缩机", "reciprocating"), ("一般用固定的往复活塞空气压缩机", "reciprocating"),
    ("无油空压机", None),
])
def test_vocabulary(text: str, code: str | None) -> None:
    """What a 压缩机类型 / 结构型式 cell names (whole, else by the longest words inside it)."""
    assert code_in_text(text, "compressor_type") == code
