"""Family profiles (effaudit/resources/families/): validated when loaded, and each profile's example rows give the
fields it says when read as a one-line sheet."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from effaudit.interpret.profiles import ProfileError, _profile, profiles
from effaudit.inventory import read_inventory
from effaudit.standards.rulebook import Rulebook

EXAMPLES = [(family, number, example) for family, profile in sorted(profiles().items())
            for number, example in enumerate(profile.examples)]


@pytest.mark.parametrize(("family", "number", "example"), EXAMPLES, ids=[f"{f}-{n}" for f, n, _ in EXAMPLES])
def test_profile_example(tmp_path: Path, family: str, number: int, example: dict) -> None:
    header, values = zip(*example["row"].items(), strict=True)
    path = tmp_path / "example.csv"
    path.write_text(",".join(header) + "\n" + ",".join(map(str, values)) + "\n", encoding="utf-8")
    item = read_inventory(path, today=dt.date(2026, 11, 22)).items.iloc[0]
    assert item["family"] == family
    for field, wanted in example["gives"].items():
        got = item[field]
        if wanted is None:
            assert got is None or got is pd_na() or (isinstance(got, float) and math.isnan(got)), (field, got)
        elif isinstance(wanted, (int, float)):
            assert got == pytest.approx(wanted), (field, got)
        else:
            assert got == wanted, (field, got)


def pd_na():  # noqa: ANN201 - pandas' missing marker
    import pandas as pd

    return pd.NA


def test_every_field_a_standard_reads_is_read_by_its_family() -> None:
    """A lookup key, metric or scope field of a family's standard is never demoted to a note for that family."""
    rulebook = Rulebook.load()
    derived = {"flow_m3_h": "flow_m3_min", "capacity_t_h_equiv": "steam_capacity_t_h"}
    for standard in rulebook.standards:
        reads = profiles()[standard.family].reads
        fields = {metric.name for metric in standard.metrics} | {condition.field for condition in
                                                                  standard.scope_conditions}
        fields |= {key.field for table in standard.tables for key in table.keys}
        for field in fields:
            assert derived.get(field, field) in reads, (standard.id, field)


@pytest.mark.parametrize(("raw", "message"), [
    ({"family": "pump", "reads": ["no_such_field"]}, "not a canonical column"),
    ({"family": "pumps"}, "not one of"),
    ({"family": "pump", "codes": {"pump_type": {"allow": ["screw"]}}}, "codes the vocabulary lacks"),
    ({"family": "pump", "from_texts": ["pump_type"]}, "not among its codes"),
    ({"family": "pump", "rating": {"speed": "rated_speed_rpm"}}, "rating keys"),
    ({"family": "pump", "plausible": {"efficiency_pct": {"min": 40}}}, "not a number field the family reads"),
    ({"family": "pump", "reads": ["efficiency_pct"], "plausible": {"efficiency_pct": {"min": 99, "max": 40,
                                                                                       "why": "a reason"}}},
     "min < max"),
    ({"family": "pump", "reads": ["efficiency_pct"], "plausible": {"efficiency_pct": {"low": 40}}},
     "give min and/or max"),
    ({"family": "pump", "reads": ["efficiency_pct"], "plausible": {"efficiency_pct": {"why": "a reason"}}},
     "give min and/or max"),
    ({"family": "pump", "reads": ["efficiency_pct"], "plausible": {"efficiency_pct": {"min": 40}}},
     "give why: the physical reason"),
    ({"family": "pump", "reads": ["pump_type"], "plausible": {"pump_type": {"min": 1}}}, "not a number field"),
    ({"family": "motor_hv", "model": {"grammar": "motor", "kind": "ultra"}}, "model kind 'ultra'"),
    ({"family": "pump", "model": {"grammar": "pump", "kind": "hv"}}, "model kind 'hv': a motor grammar's"),
    ({"family": "duct_air_conditioner", "reads": ["seer", "condenser_type"], "codes": {"condenser_type": {}},
      "told_by": {"condenser_type": {"code": "air_cooled", "stated": ["seer"]}}}, "give why"),
    ({"family": "duct_air_conditioner", "reads": ["seer", "condenser_type"], "codes": {"condenser_type": {}},
      "told_by": {"condenser_type": {"code": "air_cooled", "stated": ["apf"], "why": "r"}}}, "fields the family reads"),
    ({"family": "duct_air_conditioner", "reads": ["seer", "condenser_type"],
      "codes": {"condenser_type": {"allow": ["water_cooled"]}},
      "told_by": {"condenser_type": {"code": "air_cooled", "stated": ["seer"], "why": "r"}}}, "one of its codes"),
    ({"family": "multi_split_air_conditioner", "reads": ["ac_type", "condenser_type"],
      "codes": {"ac_type": {}, "condenser_type": {}},
      "defaults": {"ac_type": {"code": "general", "unless": {"condenser_type": ["water_cooled"]}}}}, "give why"),
    ({"family": "multi_split_air_conditioner", "reads": ["ac_type"], "codes": {"ac_type": {}},
      "defaults": {"ac_type": {"code": "general", "unless": {"condenser_type": ["water_cooled"]}, "why": "r"}}},
     "unless names coded fields"),
    ({"family": "multi_split_air_conditioner", "reads": ["ac_type"], "codes": {"ac_type": {}},
      "defaults": {"ac_type": {"code": "lukewarm"}}}, "not a code of one of its coded fields"),
    ({"family": "chiller", "size": ["cooling_capacity_kw", "chiller_type"]}, "size lists fields that are not numbers"),
    ({"family": "chiller", "size": ["cooling_capacity"]}, "not a canonical column"),
])
def test_a_broken_profile_is_refused(raw: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        _profile(raw, {"reads": [], "rating": {}}, "families/test.yaml")
