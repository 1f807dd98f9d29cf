"""Centrifugal pumps, GB 19762-2025: the limit is the standard's formula of flow and specific speed.

Worked by hand (values rounded here, exact in the asserts):
- IS100-80-160, single-stage end-suction, Q = 100 m³/h, H = 32 m, n = 2900 r/min:
  ns = 3.65·2900·√(100/3600)/32^0.75 = 131.12; ln ns = 4.876, ln Q = 4.605;
  base = −8.44·4.876² − 0.48·4.605² + 0.09·4.876·4.605 + 84.63·4.876 + 8.5·4.605 = 242.98;
  grade 1/2/3 = base − 161.33 / 163.33 / 168.33 = 81.65 / 79.65 / 74.65 %.
- Double-suction, Q = 800 m³/h (400 per suction), H = 12 m, n = 1480: ns = 279.28 (the GB 19762-2007 annex example
  pump); band 600 < Q ≤ 20000: grade 1/2/3 = 85.35 / 84.35 / 79.35 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from tests.result_json import loads

HEADER = "设备编号,设备名称,设备类别,型号,泵型式,流量(m³/h),扬程(m),额定转速(r/min),级数,效率(%),出厂日期\n"


def audit(tmp_path: Path, lines: list[str]) -> list[dict]:
    path = tmp_path / "pumps.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--json", "-", "--as-of", "2026-11-22"])
    return loads(result.stdout)["items"]


END_SUCTION = "P,循环水泵,水泵,IS100-80-160,单级单吸,100,32,2900,,{eff},2023-01"
DOUBLE = "P,冷却水泵,水泵,300S12,单级双吸,800,12,1480,,{eff},2023-01"


@pytest.mark.parametrize(("line", "efficiency", "verdict", "required"), [
    (END_SUCTION, 81.65, "advanced", 81.647302),
    (END_SUCTION, 81.64, "energy_saving", 81.647302),
    (END_SUCTION, 79.65, "energy_saving", 81.647302),
    (END_SUCTION, 79.64, "below_energy_saving", 79.647302),
    (END_SUCTION, 74.65, "below_energy_saving", 79.647302),
    (END_SUCTION, 74.64, "below_minimum", 74.647302),
    (DOUBLE, 84.36, "energy_saving", 85.351096),
    (DOUBLE, 79.35, "below_minimum", 79.351096),
])
def test_formula_limits(tmp_path: Path, line: str, efficiency: float, verdict: str, required: float) -> None:
    item = audit(tmp_path, [line.format(eff=efficiency)])[0]
    assert item["verdict"] == verdict
    finding = item["findings"][0]
    assert finding["standard"] == "GB 19762-2025" and finding["confidence"] == "provisional"
    assert finding["required"] == {"value": required, "unit": "%"}


def test_missing_duty_point_names_what_to_supply(tmp_path: Path) -> None:
    items = audit(tmp_path, ["P1,泵,水泵,IS100-80-160,单级单吸,100,,2900,,78,2023-01",   # no head
                             "P2,泵,水泵,DG46-50,多级泵,46,150,2950,,70,2023-01",         # multistage, no stages
                             "P3,泵,水泵,D46-30x5,多级泵,46,150,2950,5,70,2023-01",       # stages given
                             "P4,泵,水泵,IS100-80-160,单级单吸,100,32,2900,,,2023-01"])    # no efficiency
    codes = [[f["code"] for f in item["findings"]] for item in items]
    assert codes[0] == ["EF110"] and "扬程" in items[0]["findings"][0]["message"]
    assert codes[1] == ["EF110"] and "级数" in items[1]["findings"][0]["message"]
    assert codes[2][0].startswith("EF10") and items[2]["verdict"] != "not_assessable"
    assert codes[3] == ["EF112"]


def test_flow_outside_the_bands_or_scope(tmp_path: Path) -> None:
    items = audit(tmp_path, ["P1,泵,水泵,IS,单级单吸,12000,200,1480,,85,2023-01",   # ns 185, flow above 10000
                             "P2,泵,水泵,IS,单级单吸,12000,80,1480,,85,2023-01"])    # ns 368 > 300: out of scope
    assert items[0]["verdict"] == "not_assessable" and items[0]["findings"][0]["code"] == "EF111"
    assert items[1]["verdict"] == "out_of_scope" and items[1]["findings"][0]["code"] == "EF114"
