"""GB 19577-2024 表1, the rows added in issue 17: comfort air-cooled chillers (CSPF) and data-centre chillers (ACCOP),
each with its COPc floor, through `effaudit check` on small CSV files.

Limits written out by hand from standards_data/standards/gb19577-2024.yaml (GB19577-T1-05/06/09..12, see
VERIFICATION-issue17.md). Higher is better: a value at a limit meets it, 0.01 below drops one grade; a COPc below the
row's floor is below the minimum at any CSPF / ACCOP.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,冷水机组类型,冷凝方式,名义制冷量(kW),CSPF,ACCOP,IPLV,COP,出厂日期\n"


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


# (类型, 冷凝方式, capacity, CSPF, ACCOP, COPc) -> verdict
CASES = [
    # comfort air-cooled CC ≤ 50 kW: CSPF 4.5 / 4.0 / 3.5, COPc ≥ 2.7
    (("舒适型", "风冷", 50, 4.5, "", 2.7), "advanced"),
    (("舒适型", "风冷", 50, 4.49, "", 2.7), "energy_saving"),
    (("舒适型", "风冷", 50, 4.0, "", 2.7), "energy_saving"),
    (("舒适型", "风冷", 50, 3.99, "", 2.7), "below_energy_saving"),
    (("舒适型", "风冷", 50, 3.5, "", 2.7), "below_energy_saving"),
    (("舒适型", "风冷", 50, 3.49, "", 2.7), "below_minimum"),
    (("舒适型", "风冷", 20, 4.6, "", 2.69), "below_minimum"),          # COPc floor at every grade
    # comfort air-cooled CC > 50 kW: CSPF 4.3 / 3.85 / 3.3, COPc ≥ 2.8
    (("舒适型", "风冷", 50.5, 4.3, "", 2.8), "advanced"),
    (("舒适型", "风冷", 50.5, 4.29, "", 2.8), "energy_saving"),
    (("舒适型", "风冷", 500, 3.85, "", 2.8), "energy_saving"),
    (("舒适型", "风冷", 500, 3.84, "", 2.8), "below_energy_saving"),
    (("舒适型", "风冷", 500, 3.3, "", 2.8), "below_energy_saving"),
    (("舒适型", "风冷", 500, 3.29, "", 2.8), "below_minimum"),
    (("舒适型", "风冷", 500, 4.3, "", 2.79), "below_minimum"),
    (("舒适型", "风冷", 50, 3.4, "", 2.8), "below_minimum"),           # the 50 kW band end: ≤ 50 kW grade 3 is 3.5
    # data-centre water-cooled: ≤528 8.2 / 7.5 / 6.8 (COPc ≥ 6.0); 528-1163 10.0 / 8.0 / 7.4 (6.5); >1163 12 / 10 / 8 (7.0)
    (("数据中心", "水冷", 528, "", 8.2, 6.0), "advanced"),
    (("数据中心", "水冷", 528, "", 7.5, 6.0), "energy_saving"),
    (("数据中心", "水冷", 528, "", 7.49, 6.0), "below_energy_saving"),
    (("数据中心", "水冷", 528, "", 6.79, 6.0), "below_minimum"),
    (("数据中心", "水冷", 529, "", 7.5, 6.5), "below_energy_saving"),
    (("数据中心", "水冷", 1163, "", 10.0, 6.5), "advanced"),
    (("数据中心", "水冷", 1163, "", 7.39, 6.5), "below_minimum"),
    (("数据中心", "水冷", 2000, "", 12.0, 7.0), "advanced"),
    (("数据中心", "水冷", 2000, "", 9.99, 7.0), "below_energy_saving"),
    (("数据中心", "水冷", 2000, "", 12.0, 6.99), "below_minimum"),
    # data-centre air-cooled, any capacity (none given): ACCOP 6.8 / 5.8 / 4.8, COPc ≥ 3.0
    (("数据中心", "风冷", "", "", 6.8, 3.0), "advanced"),
    (("数据中心", "风冷", "", "", 5.8, 3.0), "energy_saving"),
    (("数据中心", "风冷", "", "", 5.79, 3.0), "below_energy_saving"),
    (("数据中心", "风冷", "", "", 4.8, 3.0), "below_energy_saving"),
    (("数据中心", "风冷", "", "", 4.79, 3.0), "below_minimum"),
    (("数据中心", "风冷", "", "", 6.8, 2.99), "below_minimum"),
]


def test_verdicts_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(f"H{i},冷水机组,{kind},{condenser},{cc},{cspf},{accop},,{cop},2023-01"
                              for i, ((kind, condenser, cc, cspf, accop, cop), _) in enumerate(CASES)))
    assert [item["verdict"] for item in items] == [verdict for _, verdict in CASES]
    assert {finding["clause"] for item in items for finding in item["findings"]} == {"表1"}
    assert all(finding["code"].startswith("EF10") for item in items for finding in item["findings"])


def test_each_unit_is_judged_on_its_own_indicator(tmp_path: Path) -> None:
    """An air-cooled comfort unit is never graded on IPLV, a water-cooled one never on CSPF: the indicator a row
    does not use is neither asked for nor judged."""
    items = check(tmp_path,
                  "A,冷水机组,舒适型,风冷,100,,,5.0,3.0,2023-01",      # gives IPLV only: CSPF missing
                  "B,冷水机组,舒适型,水冷,300,4.6,,,4.2,2023-01",      # gives CSPF only: IPLV missing
                  "C,冷水机组,舒适型,水冷,300,1.0,1.0,6.0,4.2,2023-01",  # IPLV 6.0 = grade 1; CSPF/ACCOP not read
                  "D,冷水机组,数据中心,水冷,1000,9.0,,9.0,6.5,2023-01")  # ACCOP missing: never graded on IPLV
    # the COPc floor is judged (met: EF104), the row's own indicator is missing (EF112)
    assert [(item["verdict"], sorted(f["code"] for f in item["findings"])) for item in items] == [
        ("not_assessable", ["EF104", "EF112"]), ("not_assessable", ["EF104", "EF112"]),
        ("advanced", ["EF104", "EF104"]), ("not_assessable", ["EF104", "EF112"])]
    missing = [next(f["message"] for f in item["findings"] if f["code"] == "EF112") for item in (items[0], items[1],
                                                                                                 items[3])]
    assert "CSPF" in missing[0] and "IPLV" in missing[1] and "ACCOP" in missing[2]
    assert not any("IPLV" in f["message"] for f in items[0]["findings"])  # never judged on IPLV
    assert not any("CSPF" in f["message"] or "ACCOP" in f["message"] for f in items[2]["findings"])


@pytest.mark.parametrize(("line", "code", "words"), [
    ("E,冷水机组,数据中心,,1000,,9.0,,6.5,2023-01", "EF110", "冷凝"),       # condenser type missing
    ("F,冷水机组,数据中心,水冷,,,9.0,,6.5,2023-01", "EF110", "制冷量"),      # capacity missing (water-cooled bands)
    ("G,冷水机组,数据中心,蒸发冷却,1000,,9.0,,6.5,2023-01", "EF111", "表"),  # no data-centre evaporative row
])
def test_missing_keys_are_named(tmp_path: Path, line: str, code: str, words: str) -> None:
    [item] = check(tmp_path, line)
    assert item["verdict"] == "not_assessable" and [f["code"] for f in item["findings"]] == [code]
    assert words in item["findings"][0]["message"]


def test_standards_show_lists_the_new_tables() -> None:
    result = effaudit("standards", "show", "GB 19577-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for table, metric in (("table1_air_cooled", "cspf"), ("table1_data_center_water_cooled", "accop"),
                          ("table1_data_center_air_cooled", "accop")):
        block = result.stdout[result.stdout.index(f"{table}:"):]
        assert block.splitlines()[1].strip() == f"metric: {metric}, cop"
