"""GB 30253-2024 表1 above 200 kW (line-start PMSM, ≤ 1140 V): the rating rows 250, 315 and 355 kW and the band
400 kW ≤ P ≤ 1000 kW, through `effaudit check` on small CSV files (issue 17).

Limits written out by hand from EquipEffi gb30253_2024_pdf_verified_v1.json (data_id GB30253-R000024..027, equal to
the page-8 segment copies R000051..054; see VERIFICATION-issue17.md), not read back from the YAML. Higher is better:
a value at a limit meets it, 0.01 below drops one grade.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import checked_items, effaudit
from tests.table_cells import boundary_cases

HEADER = "设备编号,设备名称,额定电压(V),额定功率(kW),极数,效率(%),出厂日期\n"

# (kW, poles): grade 1 / 2 / 3
ROWS = {
    (250, 6): (97.4, 97.0, 96.5),
    (315, 6): (97.4, 97.0, 96.6),  # 6 poles: grade 3 rises from 96.5 (250 kW) to 96.6
    (355, 2): (97.5, 97.2, 96.5),
    (400, 4): (97.7, 97.4, 96.7),  # the band's lower end
    (710, 8): (97.0, 96.3, 95.4),  # inside the band: not a printed rating
    (1000, 2): (97.5, 97.2, 96.5),  # the band's upper end
}


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def test_verdicts_at_every_grade_boundary(tmp_path: Path) -> None:
    cases = boundary_cases(ROWS)
    items = check(tmp_path, *(f"M{i},永磁同步电动机,380,{kw},{poles},{value},2025-11"
                              for i, ((kw, poles), value, _, _) in enumerate(cases)))
    got = [(item["verdict"], item["findings"][0]["code"][:4], item["findings"][0]["clause"],
            item["findings"][0]["required"]["value"]) for item in items]
    assert got == [(verdict, "EF10", "表1", limit) for _, _, verdict, limit in cases]


def test_between_rows_the_gap_before_the_band_and_outside_it(tmp_path: Path) -> None:
    """280 kW lies between 250 and 315 kW (6 poles: grade 3 96.5 / 96.6): 96.55 meets grade 3 at 250 kW only (not
    assessable, EF111), 97.0 is grade 2 at both (EF117); 375 kW lies after the last rating (355 kW) and before the
    band (400 kW): no row; 1100 kW is past the band (in scope up to 1250 kW for drive-fed motors, which 表1 does not
    grade); 10 poles are "—" above 160 kW; a missing pole count finds no row."""
    items = check(tmp_path,
                  "A,永磁同步电动机,380,280,6,96.55,2025-11",
                  "B,永磁同步电动机,380,280,6,97.0,2025-11",
                  "C,永磁同步电动机,380,375,4,99.0,2025-11",
                  "D,永磁同步电动机,380,1100,4,99.0,2025-11",
                  "E,永磁同步电动机,380,500,10,99.0,2025-11",
                  "F,永磁同步电动机,380,500,,99.0,2025-11")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("not_assessable", ["EF111"]), ("energy_saving", ["EF103", "EF117"]), ("not_assessable", ["EF111"]),
        ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF110"])]
    assert items[1]["findings"][0]["required"]["value"] == 97.4  # grade 1 of both neighbours


def test_standards_show_lists_the_band() -> None:
    result = effaudit("standards", "show", "GB 30253-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "table1_400_1000: 表1 / 4" in result.stdout
    assert ["line_start", "None", "1140", "(]", "400", "1000", "[]", "6", "97.4", "97.0", "96.6", "single-source"] in [
        line.split() for line in result.stdout.splitlines()]
