"""Property: a better measured value never gets a worse grade (GB 18613-2020 Table 1, every row)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from effaudit.checks.grading import BELOW_MINIMUM, grade
from effaudit.standards.rulebook import Rulebook

STANDARD = Rulebook.load().get("GB 18613-2020")
ROWS = STANDARD.tables[0].rows


@settings(max_examples=200, deadline=None)
@given(row=st.integers(0, len(ROWS) - 1), worse=st.floats(30, 100), margin=st.floats(0, 20))
def test_better_efficiency_never_gets_a_worse_grade(row: int, worse: float, margin: float) -> None:
    better = min(worse + margin, 100.0)
    power, poles = ROWS.iloc[row][["rated_power_kw", "poles"]]
    items = pd.DataFrame({"rated_power_kw": [power, power], "poles": [poles, poles],
                          "efficiency_pct": [worse, better]})
    achieved = grade(STANDARD, items).achieved.to_numpy()
    assert not np.isnan(achieved).any()
    assert achieved[1] <= achieved[0]  # grade 1 is best; BELOW_MINIMUM is worst
    assert set(achieved) <= {1, 2, 3, BELOW_MINIMUM}
