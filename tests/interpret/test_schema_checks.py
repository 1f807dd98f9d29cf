"""The validation's checks run as whole-column operations (effaudit.schema.failure_cases, no pandera on the hot
path: issue 19); the same checks as a pandera schema (inventory_schema) must find exactly the same failure cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from effaudit.inventory import read_inventory
from effaudit.schema import failure_cases, inventory_schema

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.xlsx"


@pytest.fixture(scope="module")
def spoiled() -> pd.DataFrame:
    """The example's items (valid after reading) with bad values written into them, as a reader could hand over."""
    items = read_inventory(EXAMPLE).items.copy()
    items.loc[0, "efficiency_pct"] = 120.0          # DQ103 range
    items.loc[1, "quantity"] = 1.5                  # DQ103 whole
    items.loc[2, "poles"] = 5.0                     # DQ108
    items.loc[3, "rated_power_kw"] = -4.0           # DQ103 range
    items.loc[5, "equipment_id"] = items.loc[4, "equipment_id"]  # DQ107 on the second
    items.loc[6, "load_factor_pct"] = 151.0         # DQ103 range
    items.loc[7, "efficiency_pct"] = np.nan         # missing: passes
    return items


def test_the_checks_find_what_pandera_finds(spoiled: pd.DataFrame) -> None:
    import pandera.pandas as pa

    ours = failure_cases(spoiled)
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        inventory_schema().validate(spoiled, lazy=True)
    theirs = raised.value.failure_cases[["check", "column", "index"]].astype({"index": int})
    assert sorted(map(tuple, ours.astype({"index": int}).to_numpy().tolist())) == \
        sorted(map(tuple, theirs.to_numpy().tolist()))
    assert set(map(tuple, ours[["check", "column", "index"]].astype({"index": int}).to_numpy().tolist())) == {
        ("DQ103:range", "efficiency_pct", 0), ("DQ103:whole", "quantity", 1), ("DQ108:poles", "poles", 2),
        ("DQ103:range", "rated_power_kw", 3), ("DQ107:duplicate", "equipment_id", 5),
        ("DQ103:range", "load_factor_pct", 6)}


def test_a_reader_bug_is_raised(spoiled: pd.DataFrame) -> None:
    with pytest.raises(TypeError, match="wrong dtype \\['efficiency_pct'\\]"):
        failure_cases(spoiled.assign(efficiency_pct=spoiled["efficiency_pct"].astype(object)))
    with pytest.raises(TypeError, match="missing \\['model'\\]"):
        failure_cases(spoiled.drop(columns="model"))


def test_the_hot_path_does_not_import_pandera() -> None:
    import subprocess
    import sys

    code = ("import sys; from effaudit.inventory import read_inventory; read_inventory(sys.argv[1]); "
            "print('pandera' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
