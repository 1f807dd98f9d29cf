"""Per item, the values that were not stated in their own column, with where each came from, as the JSON text of
``read_as``: ``[{"field": "rated_power_kw", "value": 11.0, "from": "model"}, …]``.

Sources: ``model`` (the model designation), ``speed`` (poles from the rated speed), ``column:<header>`` (another
column that names it, e.g. 电机型号 on a motor), ``text:<header>`` (a type, category, name or remark text),
``rating:<header>`` (a shared rating column routed by unit and family), ``unit:<header>`` (the unit came from a
neighbouring column), ``derived:<inputs>``, ``told_by:<fields>`` (a code its stated values tell: an air
conditioner rated by SEER or APF is air-cooled) and ``default``. Built once per distinct combination of sources and
values, not per item.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from effaudit.io.values import combinations

Entries = list[tuple[str, str, np.ndarray]]  # (field, source, flags over the items)
_MAX_ENTRIES = 60  # one bit each in an int64 pattern


def _plain(value: object) -> object:
    """A JSON value: numbers rounded to 6 decimals, missing as null, dates as ISO text."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (float, np.floating)):
        return round(float(value), 6)
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def read_as_records(items: pd.DataFrame, entries: Entries) -> np.ndarray:
    """Object array over the items: the ``read_as`` JSON text of each item, None where every value was stated."""
    texts = np.full(len(items), None, dtype=object)
    entries = [entry for entry in entries if entry[0] in items][:_MAX_ENTRIES]
    if not entries:
        return texts
    pattern = np.zeros(len(items), dtype=np.int64)
    for bit, (_, _, flags) in enumerate(entries):
        pattern |= np.asarray(flags, dtype=np.int64) << bit
    rows = np.flatnonzero(pattern)
    if not len(rows):
        return texts
    fields = list(dict.fromkeys(name for name, _, _ in entries))
    # Combined in their own dtypes; only each combination's first row as Python values (a column of 1,000,000
    # floats as objects is 32 MB)
    codes, first = combinations([pattern[rows], *(items[name].iloc[rows] for name in fields)], len(rows))
    values = {name: items[name].iloc[rows[first]].tolist() for name in fields}
    made = []
    for position, bits in enumerate(pattern[rows[first]].tolist()):
        made.append(json.dumps([{"field": name, "value": _plain(values[name][position]), "from": source}
                                for bit, (name, source, _) in enumerate(entries) if bits >> bit & 1],
                               ensure_ascii=False))
    texts[rows] = np.array(made, dtype=object)[codes]
    return texts
