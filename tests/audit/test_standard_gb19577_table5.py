"""GB 19577-2024 表5, direct-fired LiBr absorption chillers (直燃型, COP), added in issue 17, through `effaudit check` on
small CSV files.

Limits written out by hand from the transcription (GB19577-T5-04 in /work/shared/reference/standards/
chillers_gb19577_2024_tables1-8.csv and the EquipEffi build script, see VERIFICATION-issue17.md): COP 1.46 / 1.40 /
1.30, no capacity band, no gate. Higher is better: a value at a limit meets it, 0.01 below drops one grade. The
steam-fired rows are not encoded (their indicator's unit is not given by the source).
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import checked_items, effaudit

HEADER = "设备编号,设备名称,冷水机组类型,名义制冷量(kW),COP,IPLV,出厂日期\n"

# (冷水机组类型, COP) -> (verdict, limit the finding cites)
CASES = [
    (("直燃型溴化锂吸收式冷温水机组", 1.46), ("advanced", 1.46)),
    (("直燃型", 1.47), ("advanced", 1.46)),
    (("直燃机", 1.45), ("energy_saving", 1.46)),
    (("直燃型溴化锂", 1.40), ("energy_saving", 1.46)),          # just meets grade 2
    (("直燃型溴化锂", 1.39), ("below_energy_saving", 1.40)),
    (("直燃型溴化锂", 1.30), ("below_energy_saving", 1.40)),    # just meets grade 3
    (("直燃型溴化锂", 1.29), ("below_minimum", 1.30)),          # just below grade 3
]


def check(tmp_path: Path, *lines: str) -> list[dict]:
    return checked_items(tmp_path, HEADER, *lines)


def test_verdicts_at_the_limits(tmp_path: Path) -> None:
    items = check(tmp_path, *(f"L{i},溴化锂机组,{kind},1163,{cop},,2023-01"
                              for i, ((kind, cop), _) in enumerate(CASES)))
    got = [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
           for item in items]
    assert got == [(verdict, "表5", limit) for _, (verdict, limit) in CASES]
    below = items[-1]["findings"][0]
    # made 2023, before this edition took effect (2025-02-01): below its minimum is advisory, not a violation
    assert below["code"] == "EF101" and below["severity"] == "advisory"
    [later] = check(tmp_path, "M,溴化锂机组,直燃型,1163,1.29,,2025-06")
    assert later["verdict"] == "below_minimum" and later["findings"][0]["severity"] == "violation"


def test_capacity_is_not_needed_and_iplv_is_not_read(tmp_path: Path) -> None:
    """表5 has no capacity band: a unit without 名义制冷量 is judged; an IPLV is neither asked for nor judged."""
    [item] = check(tmp_path, "A,溴化锂机组,直燃型,,1.40,9.9,2023-01")
    assert item["verdict"] == "energy_saving"
    assert not any("IPLV" in finding["message"] for finding in item["findings"])


def test_steam_fired_and_unsaid_heat_source_are_not_in_the_table(tmp_path: Path) -> None:
    """A steam-fired unit has no encoded row (its indicator, 单位制冷量加热源耗量, is left out); a LiBr unit whose heat
    source is not said is not graded with the direct-fired row; a unit without COP is told to supply it."""
    items = check(tmp_path,
                  "A,溴化锂机组,蒸汽型溴化锂,1163,1.40,,2023-01",
                  "B,溴化锂机组,溴化锂吸收式,1163,1.40,,2023-01",
                  "C,溴化锂机组,直燃型,1163,,,2023-01")
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("not_assessable", ["EF111"]), ("not_assessable", ["EF111"]), ("not_assessable", ["EF112"])]


def test_standards_show_lists_the_table() -> None:
    result = effaudit("standards", "show", "GB 19577-2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    block = result.stdout[result.stdout.index("table5_direct_fired:"):]
    assert block.splitlines()[1].strip() == "metric: cop"
