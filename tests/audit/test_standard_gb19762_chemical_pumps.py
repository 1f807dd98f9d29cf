"""Petrochemical centrifugal pumps, GB 19762-2025 表2 + 公式(4)–(7): η0 = ηb − Δη, limit of grade i = η0 + offset_i.

The coefficients below are copied from the one transcription (EquipEffi pump.json @1a74ff4c, key "chemical"), so that
the expected limits are computed here by hand, not by effaudit's formula. Worked (rounded here, 6 decimals in the
asserts; ln Q, then the terms c6·x⁶ … c0 of ηb, then of Δη where the band has one):
- R000012 single, Q 100, H 50, n 2900 (ns = 3.65·2900·√(100/3600)/50^0.75 = 93.8236, EquipEffi's own worked case):
  ln Q 4.605170; ηb = 0.4489 − 13.7365 + 67.9849 − 136.9577 + 117.1398 − 3.8361 + 41.9517 = 72.994964;
  Δη(93.82) = 258.3491 − 1301.3293 + 2655.5773 − 2820.3447 + 1677.0019 − 566.6186 + 98.9707 = 1.606405;
  η0 = 71.388559; + 4 / + 1 / − 6 → 75.388559 / 72.388559 / 65.388559 (EquipEffi's golden case gives the same).
- R000011 single, Q 50, ns 40: ln Q 3.912023; ηb = 68.762413; Δη = 1.5513 − 18.3285 + 87.7305 − 218.5475 + 304.8101
  − 241.5676 + 98.9707 = 14.618904; η0 = 54.143508; + 10 / + 5 / − 4 → 64.143508 / 59.143508 / 50.143508.
- R000013 single, Q 200, ns 150 (no Δη): ln Q 5.298317; ηb = 1.0410 − 27.6910 + 119.1192 − 208.5756 + 155.0561
  − 4.4134 + 41.9517 = 76.488091; + 3 / + 1 / − 6 → 79.488091 / 77.488091 / 70.488091.
- R000014 single, Q 250, ns 250: ηb = 77.479255; Δη (公式(7)) = −27126.7358 + 163762.0215 − 410440.0391 + 546672.5
  − 408117.0 + 161934.7725 − 26684.155 = 1.364082; η0 = 76.115173 → 79.115173 / 77.115173 / 70.115173.
- R000015 single, Q 1000, ns 50: ln Q 6.907755; ηb = 82.504407; Δη = 10.595648; η0 = 71.908759; + 11 / + 5 / − 5
  → 82.908759 / 76.908759 / 66.908759.
- R000017 single, Q 5000 → 3000 for ηb (ln 3000 = 8.006368), ns 180: ηb = 12.3948 − 218.1854 + 621.1149 − 719.7076
  + 354.0659 − 6.6692 + 41.9517 = 84.964977; + 3 / + 2 / − 5 → 87.964977 / 86.964977 / 79.964977.
- R000020 multi (3 stages), Q 100, ns 80: ηb = 5.3259 − 25.8900 + 44.7858 − 45.7180 + 41.2697 + 6.6182 + 41.4671
  = 67.858565; Δη = 3.154620; η0 = 64.703945; + 6 / + 4 / − 4 → 70.703945 / 68.703945 / 60.703945.
- R000021 multi, Q 200, ns 150: ηb = 72.717053 → + 1 / − 1 / − 5 → 73.717053 / 71.717053 / 67.717053.
- R000023 multi, Q 500, ns 30: ηb = 78.025175; Δη = 20.736021; η0 = 57.289154; + 3 / + 1 / − 4
  → 60.289154 / 58.289154 / 53.289154.
- R000026 multi, Q 400, ns 280: ηb = 76.891169; Δη (公式(7)) = 2.249907; η0 = 74.641262; + 1 / − 1 / − 5
  → 75.641262 / 73.641262 / 69.641262.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit
from tests.result_json import loads

ETA_B = {"single": [4.7057338e-05, -0.0066320555, 0.15115754, -1.4023278, 5.5234828, -0.83298912, 41.951745],
         "multi": [0.00055836234, -0.012499816, 0.099576648, -0.46811292, 1.9459872, 1.4371144, 41.467097]}
DELTA_20_120 = [3.7873403e-10, -1.7898913e-07, 3.4269717e-05, -0.0034148047, 0.1905063, -6.0391904, 98.970658]
DELTA_210_300 = [-1.1111111e-10, 1.6769231e-07, -0.00010507265, 0.03498704, -6.529872, 647.73909, -26684.155]


def by_hand(kind: str, flow: float, ns: float, offsets: tuple[int, int, int]) -> list[float]:
    """Grade 1/2/3 limits from the transcribed coefficients (the module docstring's arithmetic)."""
    def polynomial(coefficients: list[float], x: float) -> float:
        return sum(c * x ** (6 - k) for k, c in enumerate(coefficients))
    delta = (polynomial(DELTA_20_120, ns) if ns < 120 else polynomial(DELTA_210_300, ns) if ns > 210 else 0.0)
    eta_0 = polynomial(ETA_B[kind], math.log(min(flow, 3000))) - delta
    return [round(eta_0 + offset, 6) for offset in offsets]


HEADER = "设备编号,设备名称,泵型式,流量(m³/h),扬程(m),额定转速(r/min),级数,比转速,效率(%),出厂日期\n"
VERDICTS = ("advanced", "energy_saving", "below_energy_saving", "below_minimum")
# the grade a finding states as required: the next one up (an advanced item: grade 1)
REQUIRED_GRADE = {"advanced": 0, "energy_saving": 0, "below_energy_saving": 1, "below_minimum": 2}

# (id, pump type text, flow, head, speed, stages, ns stated, record, kind, ns for the hand computation, offsets,
#  the limits by hand as asserted)
ROWS = [
    ("R12", "单级石油化工离心泵", 100, 50, 2900, 1, "", "R000012", "single", 93.82360344860451, (4, 1, -6),
     [75.388559, 72.388559, 65.388559]),
    ("R11", "化工离心泵", 50, "", "", 1, 40, "R000011", "single", 40, (10, 5, -4), [64.143508, 59.143508, 50.143508]),
    ("R13", "化工流程泵", 200, "", "", 1, 150, "R000013", "single", 150, (3, 1, -6), [79.488091, 77.488091, 70.488091]),
    ("R14", "石油化工离心泵", 250, "", "", 1, 250, "R000014", "single", 250, (3, 1, -6),
     [79.115173, 77.115173, 70.115173]),
    ("R15", "石化离心泵", 1000, "", "", 1, 50, "R000015", "single", 50, (11, 5, -5), [82.908759, 76.908759, 66.908759]),
    ("R17", "化工离心泵", 5000, "", "", 1, 180, "R000017", "single", 180, (3, 2, -5),
     [87.964977, 86.964977, 79.964977]),
    ("R20", "多级石油化工离心泵", 100, "", "", 3, 80, "R000020", "multi", 80, (6, 4, -4),
     [70.703945, 68.703945, 60.703945]),
    ("R21", "化工离心泵", 200, "", "", 2, 150, "R000021", "multi", 150, (1, -1, -5), [73.717053, 71.717053, 67.717053]),
    ("R23", "化工离心泵", 500, "", "", 4, 30, "R000023", "multi", 30, (3, 1, -4), [60.289154, 58.289154, 53.289154]),
    ("R26", "化工离心泵", 400, "", "", 2, 280, "R000026", "multi", 280, (1, -1, -5), [75.641262, 73.641262, 69.641262]),
]


def line(equipment_id: str, pump_type: str, flow: object, head: object, speed: object, stages: object, ns: object,
         efficiency: float) -> str:
    return f"{equipment_id},进料泵,{pump_type},{flow},{head},{speed},{stages},{ns},{efficiency},2024-05"


def ceil2(value: float) -> float:
    """The smallest two-decimal efficiency that meets ``value``."""
    return math.ceil(round(value * 100, 6)) / 100


POINTS = [(row, grade, step) for row in ROWS for grade in range(3) for step in (-1, 0, 1)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every row at 0.01 below, at and 0.01 above each grade's limit, in one run."""
    lines = [line(f"{row[0]}-{grade}{step:+d}", *row[1:7], round(ceil2(row[11][grade]) + step / 100, 2))
             for row, grade, step in POINTS]
    return {item["equipment_id"]: item for item in checked_items(tmp_path_factory.mktemp("chemical"), HEADER, *lines)}


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_limits_by_hand(row: tuple) -> None:
    assert by_hand(row[8], row[2], row[9], row[10]) == row[11]


@pytest.mark.parametrize(("row", "grade", "step"), POINTS, ids=[f"{p[0][0]}-g{p[1] + 1}{p[2]:+d}" for p in POINTS])
def test_verdict_at_each_grade(graded: dict[str, dict], row: tuple, grade: int, step: int) -> None:
    item = graded[f"{row[0]}-{grade}{step:+d}"]
    assert item["verdict"] == VERDICTS[grade + (step < 0)]
    finding = item["findings"][0]
    assert finding["standard"] == "GB 19762-2025" and finding["clause"] == "表2 + 公式(4)–(7)"
    assert finding["confidence"] == "provisional"
    assert finding["required"]["value"] == row[11][REQUIRED_GRADE[item["verdict"]]]


def required_limits(tmp_path: Path, *lines: str) -> list[dict]:
    """The items of a ``check`` run on the pump ``lines``."""
    return checked_items(tmp_path, HEADER, *lines)


@pytest.mark.parametrize(("flow", "ns", "stages", "limits"), [
    (100, 59.99, 1, by_hand("single", 100, 59.99, (10, 5, -4))),   # 20 ≤ ns < 60: R000011
    (100, 60, 1, [69.527066, 66.527066, 59.527066]),                 # ns 60 opens R000012: ηb 72.994964 − Δη 7.467899
    (100, 119.99, 1, by_hand("single", 100, 119.99, (4, 1, -6))),  # still R000012, Δη 公式(6)
    (100, 120, 1, [75.994964, 73.994964, 66.994964]),                # 120 opens R000013, Δη = 0 (公式(6) would give 0.016)
    (100, 210, 1, [75.994964, 73.994964, 66.994964]),                # 210 closes R000013
    (100, 210.5, 1, by_hand("single", 100, 210.5, (3, 1, -6))),    # 210 < ns: R000014, Δη 公式(7)
    (300, 150, 1, [81.247202, 79.247202, 72.247202]),                # Q 300 closes R000013 (+3/+1/−6): ηb 78.247202
    (300.01, 150, 1, by_hand("single", 300.01, 150, (3, 2, -5))),  # Q > 300: R000017
    (3000, 150, 1, [87.964977, 86.964977, 79.964977]),               # ηb at 3000 …
    (5999, 150, 1, [87.964977, 86.964977, 79.964977]),               # … and above it, capped
    (300, 150, 5, by_hand("multi", 300, 150, (1, -1, -5))),        # multistage R000021
])
def test_band_boundaries(tmp_path: Path, flow: float, ns: float, stages: int, limits: list[float]) -> None:
    low, high = required_limits(tmp_path, line("L", "化工离心泵", flow, "", "", stages, ns, 50),
                                line("H", "化工离心泵", flow, "", "", stages, ns, ceil2(limits[0])))
    assert low["verdict"] == "below_minimum" and low["findings"][0]["required"]["value"] == limits[2]
    assert high["verdict"] == "advanced" and high["findings"][0]["required"]["value"] == limits[0]


@pytest.mark.parametrize(("flow", "ns", "verdict", "code"), [
    (5, 150, "not_assessable", "EF111"),       # Q ≤ 5: no band of 表2
    (6000.5, 150, "not_assessable", "EF111"),  # above the 报批稿's 6000 m³/h
    (100, 19.9, "out_of_scope", "EF114"),      # ns < 20
    (100, 300.1, "out_of_scope", "EF114"),     # ns > 300
])
def test_outside_the_table(tmp_path: Path, flow: float, ns: float, verdict: str, code: str) -> None:
    [item] = required_limits(tmp_path, line("O", "化工离心泵", flow, "", "", 1, ns, 80))
    assert item["verdict"] == verdict and item["findings"][0]["code"] == code


def test_a_chemical_pump_without_stages_is_asked_for_them(tmp_path: Path) -> None:
    """No stage count is assumed for a chemical pump (the clear-water single-stage types get 1). The finding cites
    the table that asks for it, 表2 (the clear-water 表3 has no row for a chemical pump; it cited 表3 before)."""
    [item] = required_limits(tmp_path, line("S", "化工离心泵", 100, 50, 2900, "", "", 80))
    assert item["verdict"] == "not_assessable"
    assert item["findings"][0]["code"] == "EF110" and "级数" in item["findings"][0]["message"]
    assert item["findings"][0]["clause"] == "表2 + 公式(4)–(7)"


def test_words_that_do_not_make_a_chemical_pump(tmp_path: Path) -> None:
    """A bare 化工泵 is not read (化工泵房循环水泵 is a clear-water pump's name): asked for its type, as before; a type
    column naming a clear-water type wins over a chemical name (表3, as before)."""
    house = "H,化工泵房循环水泵,,100,32,2900,,,78,2024-05"
    stated = "T,化工离心泵,单级单吸,100,32,2900,,,78,2024-05"
    asked, water = required_limits(tmp_path, house, stated)
    assert asked["verdict"] == "not_assessable" and asked["findings"][0]["message"] == "缺少查表所需参数：泵型式"
    assert water["findings"][0]["clause"] == "表3 + 公式" and water["findings"][0]["required"]["value"] == 79.647302


def test_double_suction_halves_the_flow_in_ns(tmp_path: Path) -> None:
    """公式(1): S = 2. Q 800, H 12, n 1480: ns = 3.65·1480·√(400/3600)/12^0.75 = 279.28 (single suction: 394.96, out
    of scope); R000018: ηb(800) = 81.818… by hand, Δη(279.28) 公式(7)."""
    limits = by_hand("single", 800, 3.65 * 1480 * math.sqrt(400 / 3600) / 12 ** 0.75, (3, 2, -5))
    items = required_limits(tmp_path, line("D", "单级双吸化工离心泵", 800, 12, 1480, 1, "", 60),
                            line("E", "化工离心泵", 800, 12, 1480, 1, "", 60))
    assert items[0]["verdict"] == "below_minimum" and items[0]["findings"][0]["required"]["value"] == limits[2]
    assert items[1]["verdict"] == "out_of_scope"


@pytest.mark.parametrize(("pump_type", "flow", "head", "stages", "efficiency", "verdict", "required"), [
    # GC-PUMP-V5-CHEMICAL-DOUBLE-SUCTION: S = 2, ns 135.84 (R000013), ηb(300) 78.247202, no Δη: 81.247202 / 79.247202
    ("单级双吸石油化工离心泵", 300, 40, 1, 79.24, "below_energy_saving", 79.247202),
    # GC-PUMP-V5-CHEMICAL-Q-ABOVE-3000-CAP: Q 3500 (ηb at 3000: 84.964977), ns 116.69 (R000016), Δη 0.070236:
    # 89.894741 / 85.894741 / 79.894741
    ("单级石油化工离心泵", 3500, 400, 1, 89.9, "advanced", 89.894741),
    # GC-PUMP-V5-CHEMICAL-MULTISTAGE-L2: 3 stages, H 50 per stage, ns 93.82 (R000020), ηb 67.858565, Δη 1.606405:
    # 72.252160 / 70.252160 / 62.252160
    ("多级石油化工离心泵", 100, 150, 3, 71, "energy_saving", 72.25216),
])
def test_equipeffi_worked_cases(tmp_path: Path, pump_type: str, flow: float, head: float, stages: int,
                                efficiency: float, verdict: str, required: float) -> None:
    """The transcriber's own worked cases (n 2900 r/min; its golden-case files): a check of the encoding, not of the
    numbers."""
    [item] = required_limits(tmp_path, line("G", pump_type, flow, head, 2900, stages, "", efficiency))
    assert item["verdict"] == verdict and item["findings"][0]["required"]["value"] == required


def test_an_xlsx_with_chinese_headers_through_the_cli(tmp_path: Path) -> None:
    """A chemical pump (表2) and a clear-water pump (表3, unchanged) in one workbook, as a user runs it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "设备清单"
    sheet.append(["设备编号", "设备名称", "型号", "泵型式", "流量(m³/h)", "扬程(m)", "转速(r/min)", "级数", "效率(%)",
                  "出厂日期"])
    sheet.append(["P-101", "原料进料泵", "", "单级石油化工离心泵", 100, 50, 2900, 1, 72.38, "2024-05"])
    sheet.append(["P-201", "循环水泵", "IS100-80-160", "单级单吸", 100, 32, 2900, None, 81.65, "2023-01"])
    path = tmp_path / "化工泵.xlsx"
    book.save(path)
    result = effaudit("check", path, "--json", "-", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    items = loads(result.stdout)["items"]
    assert [(item["equipment_id"], item["category"], item["verdict"], item["findings"][0]["clause"],
             item["findings"][0]["required"]["value"]) for item in items] == [
        ("P-101", "pump", "below_energy_saving", "表2 + 公式(4)–(7)", 72.388559),  # R000012: 0.01 below grade 2
        ("P-201", "pump", "advanced", "表3 + 公式", 81.647302)]                     # as tests/audit/test_pumps.py
