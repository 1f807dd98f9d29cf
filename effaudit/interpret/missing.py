"""Cells that say "not given" (—, /, 无, 不详, 待补 …): blank, so that they mean a missing value everywhere."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from effaudit.io.rows import compact, layout


@cache
def _tokens() -> frozenset[str]:
    return frozenset(compact(str(token)) for token in layout()["missing_tokens"])


def blank_missing_tokens(body: pd.DataFrame) -> pd.DataFrame:
    """``body`` with every cell that holds only a missing-value token set to NaN (decided per distinct value)."""
    tokens = _tokens()
    cleaned = {}
    for position, column in body.items():
        codes, distinct = pd.factorize(column, use_na_sentinel=True)
        missing = np.array([isinstance(value, str) and compact(value) in tokens for value in distinct] + [False])
        cleaned[position] = column.mask(missing[codes]) if missing.any() else column
    return pd.DataFrame(cleaned, index=body.index, dtype=object)
