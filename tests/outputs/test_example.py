"""The bundled example (examples/inventory.xlsx, made by examples/make_example.py) through the CLI: every family's
lines get the verdict the comments in make_example.py promise, on the standards' own table values."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from tests.result_json import loads

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.xlsx"


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--json", "-", "--as-of", "2026-11-22"])
    assert result.exit_code == 1  # the example has violations
    return {item["equipment_id"]: item for item in loads(result.stdout)["items"]}


EXPECTED = {
    # motors, GB 18613-2020 and the MIIT catalogues
    "M-001": ("advanced", "ok"), "M-004": ("below_energy_saving", "advisory"), "M-006": ("below_minimum", "advisory"),
    "M-007": ("below_minimum", "violation"), "M-009": ("phase_out", "violation"),
    "M-016": ("not_assessable", "not_assessable"), "M-026": ("not_assessable", "not_assessable"),
    # transformers, GB 20052-2024: both losses graded, the worse decides
    "T-101": ("advanced", "ok"), "T-102": ("below_minimum", "advisory"), "T-103": ("energy_saving", "ok"),
    "T-104": ("advanced", "ok"), "T-105": ("phase_out", "violation"), "T-106": ("not_assessable", "advisory"),
    "T-107": ("not_assessable", "not_assessable"),
    # air compressors, GB 19153-2019
    "C-101": ("advanced", "ok"), "C-102": ("energy_saving", "ok"), "C-103": ("below_minimum", "advisory"),
    "C-104": ("not_assessable", "not_assessable"),
    # boilers, GB 24500-2020
    "B-101": ("energy_saving", "ok"), "B-102": ("below_minimum", "advisory"), "B-103": ("below_energy_saving", "advisory"),
    "B-104": ("advanced", "ok"),  # 14 MW hot-water boiler: the table's ≤20 t/h (≤14 MW) band
    # fans, GB 19761-2020 (ψ, ns and No. from the designation)
    "F-101": ("advanced", "ok"), "F-102": ("energy_saving", "ok"), "F-103": ("below_energy_saving", "advisory"),
    "F-104": ("phase_out", "violation"),
    # chillers, GB 19577-2024 (IPLV and COPc both graded)
    "CH-101": ("energy_saving", "ok"), "CH-102": ("below_minimum", "advisory"),
    # pumps, GB 19762-2025 (formula)
    "P-101": ("below_energy_saving", "advisory"), "P-102": ("advanced", "ok"), "P-103": ("energy_saving", "ok"),
    "P-104": ("not_assessable", "not_assessable"),
}


@pytest.mark.parametrize("equipment_id", sorted(EXPECTED))
def test_example_verdicts(items: dict[str, dict], equipment_id: str) -> None:
    item = items[equipment_id]
    assert (item["verdict"], item["status"]) == EXPECTED[equipment_id]


def test_transformer_findings_carry_both_losses(items: dict[str, dict]) -> None:
    findings = items["T-102"]["findings"]
    assert [(f["code"], f["measured"], f["required"]) for f in findings] == [
        ("EF101", {"value": 980.0, "unit": "W"}, {"value": 700.0, "unit": "W"}),   # 表1 800 kVA no-load grade 3
        ("EF102", {"value": 7500.0, "unit": "W"}, {"value": 6000.0, "unit": "W"}),  # load loss: grade 3, grade 2 is 6000
    ]
    assert all(f["inferred"] for f in findings)  # oil / electrical steel / 10 kV were read from the model S11-M-800/10
    assert "空载损耗" in findings[0]["message"]


def test_derived_specific_power_and_inferred_type(items: dict[str, dict]) -> None:
    finding = items["C-102"]["findings"][0]
    assert finding["measured"] == {"value": 6.5, "unit": "kW/(m³/min)"}  # 130 kW / 20 m³/min
    assert finding["inferred"] is True  # compressor type read from the name 螺杆空压机


def test_missing_data_says_what_to_supply(items: dict[str, dict]) -> None:
    # T-106 (dry, no insulation class): the no-load loss gives grade 3 for every class (EF102, advisory, EF117); the
    # load loss differs by class, so EF110 names the classes' limits and asks for the class.
    missing = next(f for f in items["T-106"]["findings"] if f["code"] == "EF110")
    assert "绝缘耐热等级" in missing["message"] and "请补充绝缘耐热等级" in missing["message"]
    assert "级数" in items["P-104"]["findings"][0]["message"]
    assert items["P-103"]["findings"][0]["inferred"] is True  # 5 stages read from D46-30×5
