"""Unit-product energy quotas through `effaudit check`: every encoded quota row at its grade boundaries, carriers
converted to standard coal and summed by hand, unit conversions, corrections with and without their inputs, the
edition picked by --as-of, uncovered products, bad cells, and the example plant workbook."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from effaudit.cli import main
from effaudit.columns import BY_NAME
from effaudit.quotas.compute import VERDICTS, verdict_ranks
from effaudit.standards.rulebook import Rulebook
from tests.result_json import loads

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plant.xlsx"
RULEBOOK = Rulebook.load()
ALL_IN_FORCE = "2027-01-02"  # every encoded quota edition is in force, except those superseded by an encoded one


def in_force_on(quota) -> str:
    """An audit date on which ``quota`` is the edition in force: ALL_IN_FORCE, or the day before the next encoded
    edition of its number takes effect (GB 29435-2012 → 2026-12-31)."""
    later = [q.effective for q in RULEBOOK.quotas if q.standard == quota.standard and q.effective > quota.effective]
    return (min(later) - dt.timedelta(days=1)).isoformat() if later else ALL_IN_FORCE


def run_check(tmp_path: Path, rows: list[dict], as_of: str = "2026-11-22") -> dict:
    header = sorted({key for row in rows for key in row})
    path = tmp_path / "plant.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(main, ["check", str(path), "--json", "-", "--as-of", as_of])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return loads(result.stdout)


def expected_verdict(value: float, grades: dict[int, float]) -> str:
    """The quota scale written out plainly (lower is better, a value at a limit meets it, "—" cannot be reached)."""
    if not math.isnan(grades[1]) and value <= grades[1]:
        return "advanced"
    if not math.isnan(grades[2]) and value <= grades[2]:
        return "energy_saving"
    if math.isnan(grades[3]) or value <= grades[3]:
        return "below_energy_saving"
    return "below_minimum"


def _neutral_inputs(entry) -> dict | None:
    """Correction inputs that add nothing (the base, a zero band or category), or None if there is none."""
    columns = {}
    for correction in entry.corrections:
        if correction.kind == "linear":
            columns[correction.input] = correction.base / correction.input_factor
        elif correction.kind == "category":
            zero = [code for code, add in correction.values.items() if add == 0]
            if not zero:
                return None
            columns[correction.input] = zero[0]
        elif correction.kind == "bands":
            zero = [band for band in correction.bands if band.add == 0]
            if not zero:
                return None
            band = zero[0]
            low = band.min if band.min is not None else (band.max or 0) - 1
            columns[correction.input] = (low if band.bounds[0] == "[" else low + 0.5) / correction.input_factor
        else:
            zero = [x for x, add in correction.points if add == 0]
            if not zero:
                return None
            columns[correction.input] = zero[0] / correction.input_factor
    return columns


def _label(column: str) -> str:
    unit = BY_NAME[column].unit
    return f"{BY_NAME[column].zh}({unit})" if unit and unit not in ("percent", "dimensionless") else BY_NAME[column].zh


def _boundary_rows() -> list[tuple[str, str, float, str, dict]]:
    cases = []
    for quota in RULEBOOK.quotas:
        for entry in quota.entries:
            inputs = _neutral_inputs(entry)
            if inputs is None:
                continue
            # the names a sheet would use: the entry's first product and route aliases
            row = {"产品名称": entry.match_product[0], "生产工艺": entry.match_route[0] if entry.match_route else "",
                   "能耗指标": entry.indicator_zh, "产量": "1 t"}
            row.update({_label(column): value for column, value in inputs.items()})
            step = 10 ** (math.floor(math.log10(max(abs(g) for g in entry.grades.values() if not math.isnan(g))))
                          - 4)
            for grade, limit in entry.grades.items():
                if math.isnan(limit):
                    continue
                for value in (limit - step, limit, limit + step):
                    cases.append((quota.id, entry.id, value, entry.unit,
                                  {**row, "单位产品能耗(填报)": f"{value:.10g} {entry.unit}"}, in_force_on(quota)))
    return cases


BOUNDARY_CASES = _boundary_rows()


def test_every_quota_row_at_its_grade_boundaries(tmp_path: Path) -> None:
    """At, just below and just above every limit of every encoded quota row: the row is matched to that entry and
    gets the verdict the table gives. Entries whose corrections have no neutral input are covered below."""
    assert len({(case[0], case[1]) for case in BOUNDARY_CASES}) >= 100
    entries = {(q.id, e.id): e for q in RULEBOOK.quotas for e in q.entries}
    wrong = []
    for as_of in sorted({case[5] for case in BOUNDARY_CASES}):  # each edition on a day it is in force
        cases = [case for case in BOUNDARY_CASES if case[5] == as_of]
        report = run_check(tmp_path, [case[4] for case in cases], as_of)
        for (standard, entry_id, value, unit, _, _), item in zip(cases, report["items"], strict=True):
            computation = item.get("computation") or {}
            got = (computation.get("standard"), computation.get("entry"), item["verdict"])
            want = (standard, entry_id, expected_verdict(value, entries[(standard, entry_id)].grades))
            if got != want:
                wrong.append((as_of, item["row"], value, unit, want, got, [f["code"] for f in item["findings"]]))
    assert wrong == []


def test_carrier_sum_worked_by_hand(tmp_path: Path) -> None:
    """电石: 65 000 万kWh × 0.1229 + 100 000 t 焦炭 × 0.9714 = 79 885 000 + 97 140 000 kgce = 177 025 000 kgce;
    ÷ 200 000 t = 885.125 kgce/t → between grade 2 (823) and grade 3 (940) of GB 21343-2023 表1."""
    report = run_check(tmp_path, [{"产品名称": "电石", "产量": "20万t", "电力(万kWh)": 65000, "焦炭(t)": 100000}])
    item = report["items"][0]
    computation = item["computation"]
    assert [(c["column"], c["amount"], c["kgce_per_unit"], c["kgce"]) for c in computation["carriers"]] == [
        ("electricity_kwh", 650_000_000.0, 0.1229, 79_885_000.0), ("coke_kg", 100_000_000.0, 0.9714, 97_140_000.0)]
    assert computation["total_kgce"] == 177_025_000.0
    assert computation["unit_consumption"] == 885.125
    assert (item["verdict"], item["findings"][0]["code"]) == ("below_energy_saving", "QT102")
    assert item["findings"][0]["required"] == {"value": 823.0, "unit": "kgce/t"}


@pytest.mark.parametrize(("output", "reported", "expected"), [
    ("1000 t", "0.94 tce/t", "below_energy_saving"),     # tce/t → 940 kgce/t: grade 3 exactly
    ("1000 t", "0.9401 tce/t", "below_minimum"),
    ("1000 t", "0.805 kgce/kg", "advanced"),              # kgce/kg → 805 kgce/t: grade 1 exactly
    ("1000 t", "823000 gce/t", "energy_saving"),
])
def test_unit_conversions_of_reported_values(tmp_path: Path, output: str, reported: str, expected: str) -> None:
    report = run_check(tmp_path, [{"产品名称": "电石", "产量": output, "单位产品能耗(填报)": reported}])
    assert report["items"][0]["verdict"] == expected


def test_wan_kwh_and_total_energy_in_tce(tmp_path: Path) -> None:
    """3 080 万kWh for 1万t 电石 = 3 080 kWh/t, grade 2 of the furnace-electricity row; a total of 9 400 tce for
    1万t is 940 kgce/t, grade 3 of the comprehensive row."""
    report = run_check(tmp_path, [
        {"产品名称": "电石", "能耗指标": "电炉电耗", "产量": "1万t", "电力(万kWh)": 3080},
        {"产品名称": "电石", "能耗指标": "综合能耗", "产量": "1万t", "综合能耗总量(tce)": 9400},
    ])
    first, second = report["items"]
    assert (first["computation"]["entry"], first["computation"]["unit_consumption"], first["verdict"]) == (
        "calcium-carbide-furnace-electricity", 3080.0, "energy_saving")
    assert (second["computation"]["basis"], second["computation"]["unit_consumption"], second["verdict"]) == (
        "total", 940.0, "below_energy_saving")


def test_measured_heating_value_replaces_the_reference_coefficient(tmp_path: Path) -> None:
    """原煤 at a measured 23 446.08 kJ/kg is 0.8 kgce/kg (1 kgce = 29 307.6 kJ), not the reference 0.7143."""
    report = run_check(tmp_path, [{"产品名称": "电石", "产量": "1000 t", "原煤(t)": 1000,
                                   "原煤低位发热量(kJ/kg)": 23446.08}])
    carrier = report["items"][0]["computation"]["carriers"][0]
    assert (carrier["kgce_per_unit"], carrier["kgce"]) == (0.8, 800_000.0)
    assert report["items"][0]["computation"]["unit_consumption"] == 800.0


STAMP = {"产品名称": "焦炭", "生产工艺": "捣固焦炉", "产量": "100万t"}
NEUTRAL = {"入炉煤水分(%)": 10.5, "炉龄(年)": 10, "熄焦方式": "干熄焦", "混合煤气加热时间比例": 0}


@pytest.mark.parametrize(("inputs", "reported", "expected", "code"), [
    (NEUTRAL, 140, "below_energy_saving", "QT102"),                              # grade 3 exactly
    (NEUTRAL, 140.01, "below_minimum", "QT101"),
    ({**NEUTRAL, "熄焦方式": "湿法熄焦"}, 186.46, "below_energy_saving", "QT102"),  # wet: +46.46 on grade 3
    ({**NEUTRAL, "熄焦方式": "湿法熄焦"}, 186.47, "below_minimum", "QT101"),
    ({**NEUTRAL, "炉龄(年)": 26}, 145.5, "below_energy_saving", "QT102"),          # age > 25: +5.50 on grade 3
    ({**NEUTRAL, "炉龄(年)": 25}, 145.5, "below_minimum", "QT101"),                # 25 is in (15, 25]: +2.50
    ({**NEUTRAL, "入炉煤水分(%)": 11.5}, 118.71, "advanced", "QT104"),   # +3.71 on grades 1 and 2 (both 115)
    ({**NEUTRAL, "入炉煤水分(%)": 11.5}, 118.72, "below_energy_saving", "QT102"),
    ({**NEUTRAL, "混合煤气加热时间比例": 0.5}, 121, "advanced", "QT104"),             # +12 × 0.5 on grades 1–3
    ({**NEUTRAL, "混合煤气加热时间比例": "50%"}, 121.01, "below_energy_saving", "QT102"),
    ({k: v for k, v in NEUTRAL.items() if k != "熄焦方式"}, 150, "not_assessable", "QT106"),  # wet would pass it
    ({k: v for k, v in NEUTRAL.items() if k != "熄焦方式"}, 200, "below_minimum", "QT101"),  # fails either way
    ({k: v for k, v in NEUTRAL.items() if k != "熄焦方式"}, 100, "advanced", "QT104"),       # meets either way
    ({}, 120, "not_assessable", "QT106"),
])
def test_coke_corrections_with_and_without_their_inputs(tmp_path: Path, inputs: dict, reported: float,
                                                        expected: str, code: str) -> None:
    report = run_check(tmp_path, [{**STAMP, **inputs, "单位产品能耗(填报)": f"{reported} kgce/t"}])
    item = report["items"][0]
    assert (item["verdict"], item["findings"][0]["code"]) == (expected, code)


def test_ore_grade_correction_of_ferrosilicon(tmp_path: Path) -> None:
    """GB 21341-2022: −40 kWh/t per point of ore grade above 98 % — 99 % lowers grade 3 from 8 400 to 8 360."""
    base = {"产品名称": "硅铁", "能耗指标": "冶炼电耗", "产量": "1000 t"}
    report = run_check(tmp_path, [{**base, "入炉矿品位(%)": 99, "单位产品能耗(填报)": "8360 kWh/t"},
                                  {**base, "入炉矿品位(%)": 99, "单位产品能耗(填报)": "8361 kWh/t"},
                                  {**base, "单位产品能耗(填报)": "8361 kWh/t"}])
    assert [item["verdict"] for item in report["items"]] == ["below_energy_saving", "below_minimum",
                                                            "not_assessable"]


@pytest.mark.parametrize(("as_of", "code"), [("2026-04-30", "QT109"), ("2026-05-01", "QT102")])
def test_edition_in_force_on_the_audit_date(tmp_path: Path, as_of: str, code: str) -> None:
    """GB 21342-2025 applies from 2026-05-01; before that GB 21342-2013 governs and is not encoded."""
    report = run_check(tmp_path, [{**STAMP, **NEUTRAL, "单位产品能耗(填报)": "130 kgce/t"}], as_of)
    finding = report["items"][0]["findings"][0]
    assert finding["code"] == code
    if code == "QT109":
        assert "GB 21342-2013" in finding["message"] and report["items"][0]["verdict"] == "not_assessable"


def test_uncovered_ambiguous_and_bad_rows(tmp_path: Path) -> None:
    report = run_check(tmp_path, [
        {"产品名称": "工业用甲醛", "产量": "1 t", "单位产品能耗(填报)": "100 kgce/t"},   # no quota → QT108
        {"产品名称": "焦炭", "产量": "1 t", "单位产品能耗(填报)": "100 kgce/t"},         # 顶装 or 捣固? → QT107
        {"产品名称": "电石", "电力(万kWh)": 100},                                        # no output → QT105
        {"产品名称": "电石", "产量": "5000", "电力(万kWh)": 100},                        # output without unit → DQ110
        {"产品名称": "电石", "产量": "1 t", "单位产品能耗(填报)": "约九百"},                # not a number → DQ101
        {"产品名称": "电石", "产量": "1 t", "单位产品能耗(填报)": "3100 kWh/t"},  # kWh: the furnace-electricity row
    ])
    codes = [[f["code"] for f in item["findings"]] for item in report["items"]]
    assert codes == [["QT108"], ["QT107"], ["QT105"], ["DQ110", "QT105"], ["DQ101", "QT105"],
                     ["QT102"]]
    verdicts = [item["verdict"] for item in report["items"]]
    assert verdicts == ["out_of_scope", "not_assessable", "not_assessable", "not_assessable", "not_assessable",
                        "below_energy_saving"]
    assert report["items"][5]["computation"]["entry"] == "calcium-carbide-furnace-electricity"


def test_reported_value_that_disagrees_with_the_carriers(tmp_path: Path) -> None:
    report = run_check(tmp_path, [{"产品名称": "电石", "产量": "20万t", "电力(万kWh)": 65000, "焦炭(t)": 100000,
                                   "单位产品能耗(填报)": "805 kgce/t"}])
    assert [f["code"] for f in report["items"][0]["findings"]] == ["QT102", "QT110"]
    assert report["items"][0]["status"] == "advisory"


def test_example_plant_workbook() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--json", "-", "--as-of", "2026-11-22"])
    assert result.exit_code == 1  # the BDO row is above its grade 3 limit
    report = loads(result.stdout)
    got = [(item["sheet"], item["row"], item["verdict"], (item.get("computation") or {}).get("unit_consumption"))
           for item in report["items"]]
    assert got == [
        ("产品能耗", 3, "below_energy_saving", 885.125), ("产品能耗", 4, "energy_saving", 3080.0),
        ("产品能耗", 5, "below_energy_saving", 1000.0), ("产品能耗", 6, "below_minimum", 980.0),
        ("产品能耗", 7, "below_energy_saving", 196.765),
        ("产品能耗", 8, "energy_saving", 312.0), ("产品能耗", 9, "below_energy_saving", 142.0),
        ("产品能耗", 10, "not_assessable", 150.0), ("产品能耗", 11, "energy_saving", 175.0),
        ("产品能耗", 12, "not_assessable", 8500.0), ("产品能耗", 13, "out_of_scope", None),
        ("产品能耗", 14, "not_assessable", None),
        ("设备清单", 2, "below_energy_saving", None), ("设备清单", 3, "energy_saving", None),
    ]
    assert "GB/T 2589-2020" in [document["id"] for document in report["standards"]]  # carriers were converted
    coke = report["items"][6]["computation"]
    assert coke["limits"] == {"1": {"table": 115.0, "corrected": 119.355}, "2": {"table": 115.0, "corrected": 116.855},
                              "3": {"table": 140.0, "corrected": 144.355}}


def test_standards_list_and_explain_know_the_quotas() -> None:
    listing = CliRunner().invoke(main, ["standards", "list"]).output
    assert "GB 21343-2023" in listing and "GB/T 2589-2020" in listing
    shown = CliRunner().invoke(main, ["standards", "show", "GB 21342-2025"]).output
    assert "coke-stamp-charging" in shown and "46.46" in shown
    assert "Correction input missing" in CliRunner().invoke(main, ["explain", "QT106"]).output


@settings(max_examples=200, deadline=None)
@given(st.floats(0.001, 1e6), st.lists(st.floats(1, 1e9), min_size=1, max_size=3), st.floats(1e-3, 1e4))
def test_scaling_carriers_and_output_leaves_the_unit_consumption(output: float, amounts: list[float],
                                                                 factor: float) -> None:
    import pandas as pd

    from effaudit.quotas.compute import carrier_uses, per_output
    quota = RULEBOOK.get("GB 21343-2023")
    conversion = RULEBOOK.conversion(quota.conversion)
    columns = ["electricity_kwh", "coke_kg", "raw_coal_kg"][:len(amounts)]

    def unit_consumption(scale: float) -> float:
        rows = pd.DataFrame({carrier.column: [np.nan] for carrier in conversion.carriers})
        rows = rows.assign(raw_coal_lhv_kj_per_kg=np.nan, washed_coal_lhv_kj_per_kg=np.nan,
                           natural_gas_lhv_kj_per_m3=np.nan, coke_oven_gas_lhv_kj_per_m3=np.nan)
        for column, amount in zip(columns, amounts):
            rows[column] = amount * scale
        total, _, _ = carrier_uses(rows, conversion, quota)
        return float(per_output(total, "kgce", pd.Series([output * scale]), pd.Series(["t"]), "kgce/t")[0])

    assert unit_consumption(factor) == pytest.approx(unit_consumption(1.0), rel=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 2000), st.floats(0, 2000), st.sampled_from([(q.id, e.id) for q in RULEBOOK.quotas
                                                                 for e in q.entries]))
def test_a_lower_unit_consumption_never_gets_a_worse_verdict(a: float, b: float, key: tuple[str, str]) -> None:
    entry = next(e for e in RULEBOOK.get(key[0]).entries if e.id == key[1])
    limits = {g: np.array([entry.grades[g]]) for g in (1, 2, 3)}
    low, high = sorted((a, b))
    assert verdict_ranks(np.array([low]), limits)[0] <= verdict_ranks(np.array([high]), limits)[0]
    assert VERDICTS[verdict_ranks(np.array([low]), limits)[0]] == expected_verdict(low, entry.grades)


@pytest.mark.parametrize(("as_of", "code"), [("2026-12-31", "QT109"), ("2027-01-01", "QT103")])
def test_polysilicon_edition_starts_2027(tmp_path: Path, as_of: str, code: str) -> None:
    """GB 29447-2026 (5.0 / 5.5 / 6.3 kgce/kg) applies only from 2027-01-01; GB 29447-2022 is not encoded."""
    report = run_check(tmp_path, [{"产品名称": "多晶硅", "生产工艺": "三氯氢硅法 棒状硅", "产量": "1000 t",
                                   "单位产品能耗(填报)": "5.5 kgce/kg"}], as_of)
    assert [f["code"] for f in report["items"][0]["findings"]] == [code]


# GB 29435-2012 (provisional draft transcription; 限定值 表1 / 准入值 表2 / 先进值 表3, tce/t), in force up to
# 2026-12-31: (product, reported tce/t, verdict, code), worked by hand from the file's rows —
# 氧化镧 2.19 / 2.31 / 2.54, 金属钕 1.15 / 1.21 / 1.33, 灯用稀土三基色荧光粉（蓝） 3.87 / 4.07 / 4.48.
RARE_EARTH_2012 = [
    ("氧化镧", "2.1899", "advanced", "QT104"), ("氧化镧", "2.19", "advanced", "QT104"),
    ("氧化镧", "2.1901", "energy_saving", "QT103"), ("氧化镧", "2.31", "energy_saving", "QT103"),
    ("氧化镧", "2.3101", "below_energy_saving", "QT102"), ("氧化镧", "2.54", "below_energy_saving", "QT102"),
    ("氧化镧", "2.5401", "below_minimum", "QT101"),
    ("金属钕", "1.1499", "advanced", "QT104"), ("金属钕", "1.15", "advanced", "QT104"),
    ("金属钕", "1.1501", "energy_saving", "QT103"), ("金属钕", "1.21", "energy_saving", "QT103"),
    ("金属钕", "1.2101", "below_energy_saving", "QT102"), ("金属钕", "1.33", "below_energy_saving", "QT102"),
    ("金属钕", "1.3301", "below_minimum", "QT101"),
    ("灯用稀土三基色荧光粉（蓝）", "3.8699", "advanced", "QT104"), ("灯用稀土三基色荧光粉（蓝）", "3.87", "advanced", "QT104"),
    ("灯用稀土三基色荧光粉（蓝）", "3.8701", "energy_saving", "QT103"),
    ("灯用稀土三基色荧光粉（蓝）", "4.07", "energy_saving", "QT103"),
    ("灯用稀土三基色荧光粉（蓝）", "4.0701", "below_energy_saving", "QT102"),
    ("灯用稀土三基色荧光粉（蓝）", "4.48", "below_energy_saving", "QT102"),
    ("灯用稀土三基色荧光粉（蓝）", "4.4801", "below_minimum", "QT101"),
]


def test_rare_earth_2012_boundaries(tmp_path: Path) -> None:
    """Before 2027-01-01 rare-earth products are judged by GB 29435-2012, every finding marked provisional."""
    report = run_check(tmp_path, [{"产品名称": product, "产量": "10 t", "单位产品能耗(填报)": f"{value} tce/t"}
                                  for product, value, _, _ in RARE_EARTH_2012], "2026-12-31")
    got = [(item["verdict"], item["findings"][0]["code"]) for item in report["items"]]
    assert got == [(verdict, code) for _, _, verdict, code in RARE_EARTH_2012]
    for item in report["items"]:
        finding = item["findings"][0]
        assert (finding["standard"], finding["confidence"]) == ("GB 29435-2012", "provisional")
    assert report["items"][6]["findings"][0]["required"] == {"value": 2.54, "unit": "tce/t"}
    assert report["items"][6]["findings"][0]["clause"] == "表1（限定值）、表2（准入值）、表3（先进值） / 第4章"


@pytest.mark.parametrize(("as_of", "product", "route", "standard", "verdict"), [
    # 氧化镧 1.62 tce/t: 2012 grade 1 is 2.19 → advanced; 2025 表1 离子型稀土矿 1.41 / 1.46 / 1.62 → exactly grade 3
    ("2026-12-31", "氧化镧", "离子型稀土矿", "GB 29435-2012", "advanced"),
    ("2027-01-01", "氧化镧", "离子型稀土矿", "GB 29435-2025", "below_energy_saving"),
    # a product the 2025 edition dropped: judged by 2012 (1.96 / 2.06 / 2.26 → 2.06 is exactly grade 2), then not
    # covered
    ("2026-12-31", "荧光级氧化钇铕", "", "GB 29435-2012", "energy_saving"),
    ("2027-01-01", "荧光级氧化钇铕", "", None, "out_of_scope"),
])
def test_rare_earth_edition_switch(tmp_path: Path, as_of: str, product: str, route: str, standard: str | None,
                                   verdict: str) -> None:
    value = "1.62" if product == "氧化镧" else "2.06"
    report = run_check(tmp_path, [{"产品名称": product, "生产工艺": route, "产量": "1 t",
                                   "单位产品能耗(填报)": f"{value} tce/t"}], as_of)
    item = report["items"][0]
    assert (item["findings"][0].get("standard"), item["verdict"]) == (standard, verdict)


def _quota_document(between: str = "interpolate") -> dict:
    """A small quota file (as parsed YAML) with one entry and one points correction."""
    return {
        "kind": "quota_standard", "id": "TEST-1", "standard": "TEST", "title": {"zh": "测试", "en": "test"},
        "edition": "1", "effective": "2020-01-01", "confidence": "single-source", "sources": [{"ref": "test"}],
        "conversion": "gbt2589-2020", "electricity": {"basis": "equivalent", "confidence": "provisional"},
        "entries": [{
            "id": "coke", "product": {"zh": "焦炭", "en": "coke"}, "match": {"product": ["焦炭"]},
            "indicator": {"code": "comprehensive", "zh": "能耗", "en": "energy"}, "unit": "kgce/t",
            "citation": {"table": "表1", "clause": "4"}, "grades": {1: 110, 2: 110, 3: 135},
            "confidence": "single-source",
            "corrections": [{"id": "vdaf", "name": {"zh": "挥发分", "en": "volatile matter"}, "input": "coal_vdaf_pct",
                             "input_unit": "percent", "grades": [1, 2, 3],
                             "citation": {"table": "表2", "clause": "5.3"},
                             "confidence": "single-source", "kind": "points", "between": between,
                             "points": [[21, -8.30], [22, -4.20], [23, 0], [24, 4.25]]}],
        }],
    }


def _points_correction(between: str):
    from effaudit.standards.quota import load_quota_standard

    return load_quota_standard(_quota_document(between), Path("test.yaml")).entries[0].corrections[0]


@pytest.mark.parametrize(("change", "message"), [
    (lambda entry: entry["grades"].update({2: 140}), "not monotonic"),
    (lambda entry: entry["citation"].pop("clause"), "citation.clause: missing"),
    (lambda entry: entry["corrections"][0].update(points=[[22, 1], [21, 2]]), "inputs must increase"),
    (lambda entry: entry["corrections"][0].update(input="coal_colour"), "unknown column"),
])
def test_a_quota_file_that_breaks_the_format_is_refused(change, message: str) -> None:
    from effaudit.errors import RulebookError
    from effaudit.standards.quota import load_quota_standard

    document = _quota_document()
    change(document["entries"][0])
    with pytest.raises(RulebookError, match=message):
        load_quota_standard(document, Path("test.yaml"))


def test_points_correction_interpolates_only_when_told_and_never_outside() -> None:
    import pandas as pd

    inputs = pd.Series([21.0, 22.5, 24.0, 24.5, 20.9, np.nan])
    interpolated = _points_correction("interpolate").addend(inputs, 3)
    assert interpolated[:3].tolist() == pytest.approx([-8.30, -2.10, 4.25])
    assert np.isnan(interpolated[3:]).all()  # outside the table, or missing: no addend
    exact = _points_correction("none").addend(inputs, 3)
    assert exact[0] == -8.30 and exact[2] == 4.25 and np.isnan(exact[1])  # 22.5 is no point of the table
    assert _points_correction("none").addend_range(3) == (-8.30, 4.25)


def test_reports_show_the_computation(tmp_path: Path) -> None:
    """The PDF's product section and the workbook's Products sheet carry the carrier arithmetic and the limits."""
    import subprocess

    from openpyxl import load_workbook

    pdf, workbook = tmp_path / "plant.pdf", tmp_path / "plant.xlsx"
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--as-of", "2026-11-22", "--pdf", str(pdf),
                                       "--xlsx", str(workbook)])
    assert result.exit_code == 1, result.output
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "五、产品单位能耗核算（能耗限额）" in text
    assert "电力（当量值） 650,000,000 kWh × 0.1229 kgce/kWh = 79,885,000 kgce" in text
    assert "修正后限额 1级 119.355; 2级 116.855; 3级 144.355 kgce/t" in text
    rows = [[cell for cell in row if cell is not None] for row in load_workbook(workbook)["Products"].values]
    assert rows[0][0].startswith("电石 — 工作表 产品能耗 行 3 — GB 21343-2023") and rows[0][1] == "未达节能水平"
    assert ["合计 177,025,000 kgce ÷ 产量 20 万t"] in rows


def test_steam_in_tonnes_or_in_gigajoules(tmp_path: Path) -> None:
    """蒸汽 in t is steam (0.1286 kgce/kg); 蒸汽 in GJ is heat (34.12 kgce/GJ): the unit picks the coefficient."""
    report = run_check(tmp_path, [{"产品名称": "电石", "产量": "1000 t", "蒸汽": "100 t"},
                                  {"产品名称": "电石", "产量": "1000 t", "蒸汽": "1000 GJ"}])
    carriers = [item["computation"]["carriers"][0] for item in report["items"]]
    assert [(c["column"], c["kgce"]) for c in carriers] == [("steam_kg", 12_860.0), ("heat_gj", 34_120.0)]
