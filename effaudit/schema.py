"""What a valid canonical inventory frame *is*, and its failures as data-quality problems.

``CHECKS`` declares the plausibility checks whose failures are the data-quality codes DQ103 (out of range), DQ107
(duplicate equipment id) and DQ108 (invalid pole count); every column has the dtype of its kind. A family's profile
may narrow a range for its items (``plausible``: a motor's efficiency 40–99.5 %): outside it is DQ103 too.
``validate`` runs the checks as whole-column operations, turns every failure case into a row of the problems frame,
and blanks the offending value so that it is never judged. A dtype failure or a missing column is a bug in the
reader, not in the input: it is raised.

``inventory_schema()`` is the same declaration as a pandera schema, built from ``CHECKS``: a test validates real
frames with it and compares its failure cases with ``validate``'s. The hot path does not import pandera (0.4 s of a
check's start-up, issue 19) — the checks themselves are a handful of vectorised comparisons.

The problems frame (``PROBLEM_COLUMNS``) also carries the parse problems found while reading cells
(``effaudit.io.values``: DQ101, DQ102, DQ104, DQ105, DQ106).
"""

from __future__ import annotations

from collections.abc import Callable

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from effaudit.columns import BY_NAME, COLUMNS, PRODUCT_COLUMNS
from effaudit.finding_texts import texts
from effaudit.labels import family_label
from effaudit.interpret.profiles import profiles

if TYPE_CHECKING:
    import pandera.pandas as pa

PROBLEM_COLUMNS = ("item", "column", "source_column", "value", "code", "message_zh", "message_en", "relevant")
VALUE_TEXT_LIMIT = 200

VALID_POLES = (2, 4, 6, 8, 10, 12, 14, 16)

# Plausible magnitudes in the canonical unit: (exclusive lower bound, inclusive upper bound). The upper bounds
# catch unit slips (W typed in a kW column) rather than judge equipment.
RANGES: dict[str, tuple[float, float]] = {
    "quantity": (0, 100_000),
    "rated_power_kw": (0, 100_000),
    "rated_voltage_v": (0, 1_000_000),
    "rated_speed_rpm": (0, 100_000),
    "frequency_hz": (0, 1_000),
    "efficiency_pct": (0, 100),
    "capacity_kva": (0, 2_000_000),
    "no_load_loss_w": (0, 1_000_000),
    "load_loss_w": (0, 10_000_000),
    "pressure_mpa": (0, 100),
    "flow_m3_min": (0, 100_000),
    "steam_capacity_t_h": (0, 5_000),
    "output": (0, 1e12),
    "reported_consumption": (-1e6, 1e9),  # negative: a process that exports more energy than it uses (转炉工序)
    "coal_vdaf_pct": (0, 100),
    "coal_moisture_pct": (0, 100),
    "mixed_gas_share_pct": (-1e-9, 100),
    "clinker_share_pct": (0, 100),
    "ore_grade_pct": (0, 100),
    "oven_age_years": (-1e-9, 200),
    "altitude_m": (-500, 9_000),
    "operating_hours_h": (0, 8_784),  # a leap year's hours
    "load_factor_pct": (0, 150),  # an average above rated load is rare but possible
}

_DTYPES = {"text": "string", "code": "string", "number": "float64", "count": "float64", "date": "datetime64[ns]",
           "measure": "float64"}


Check = tuple[str, Callable[[pd.Series], pd.Series]]  # ("CODE:reason", values → passes), missing values pass


def _checks() -> dict[str, list[Check]]:
    """Each canonical column's checks, in the order they are reported."""
    checks: dict[str, list[Check]] = {name: [] for name in BY_NAME}
    for name, (low, high) in RANGES.items():
        checks[name].append(("DQ103:range", lambda s, low=low, high=high: (s > low) & (s <= high)))
    checks["quantity"].append(("DQ103:whole", lambda s: s == np.floor(s)))
    checks["poles"].append(("DQ108:poles", lambda s: s.isin(VALID_POLES)))
    checks["equipment_id"].append(("DQ107:duplicate", lambda s: ~s.duplicated(keep="first")))
    return checks


CHECKS = _checks()


def inventory_schema() -> pa.DataFrameSchema:
    """``CHECKS`` and the dtypes as a pandera schema (for tests and for anyone validating a frame by hand)."""
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {column.name: pa.Column(_DTYPES[column.kind], [pa.Check(test, name=name) for name, test in
                                                       CHECKS[column.name]],
                                nullable=True, required=column.name not in PRODUCT_COLUMNS) for column in COLUMNS},
        strict=False,
    )


def _dtype_fits(values: pd.Series, kind: str) -> bool:
    wanted = _DTYPES[kind]
    if wanted == "string":
        return isinstance(values.dtype, pd.StringDtype) or values.isna().all()
    if wanted.startswith("datetime64"):
        return pd.api.types.is_datetime64_dtype(values.dtype)
    return values.dtype == wanted


def failure_cases(items: pd.DataFrame) -> pd.DataFrame:
    """Every failing (check, column, index) of ``items``, column by column in catalogue order, each column's checks
    in order, items in order; a missing required column or a wrong dtype raises (a reader bug)."""
    missing = [column.name for column in COLUMNS if column.name not in items and column.name not in PRODUCT_COLUMNS]
    wrong = [column.name for column in COLUMNS if column.name in items and not _dtype_fits(items[column.name],
                                                                                              column.kind)]
    if missing or wrong:
        raise TypeError(f"canonical frame breaks its schema (a reader bug): missing {missing}, wrong dtype {wrong}")
    frames = []
    for column in COLUMNS:
        if column.name not in items or not CHECKS[column.name]:
            continue
        values = items[column.name]
        present = values.notna().to_numpy()
        for name, test in CHECKS[column.name]:
            failed = present & ~test(values).fillna(True).to_numpy(dtype=bool)
            if failed.any():
                frames.append(pd.DataFrame({"check": name, "column": column.name,
                                            "index": items.index[failed].to_numpy()}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["check", "column", "index"])


# (item, canonical column) -> (header text, cell text as written): where a value came from.
CellSource = Callable[[int, str], tuple[str | None, str]]


def _messages(code_reason: str, column: str, value: str, first_seen: tuple[str, int] | None) -> tuple[str, str]:
    spec = BY_NAME[column]
    field = (spec.zh, spec.en)
    if code_reason == "DQ103:range":
        low, high = RANGES[column]
        unit = f" {spec.unit}" if spec.unit else ""
        return texts("problems", "DQ103 range", field=field, text=value,
                     range=(f"应大于 {low:g} 且不超过 {high:g}{unit}", f"must be > {low:g} and ≤ {high:g}{unit}"))
    if code_reason == "DQ103:whole":
        return texts("problems", "DQ103 whole", field=field, text=value)
    if code_reason == "DQ108:poles":
        return texts("problems", "DQ108", field=field, text=value, allowed=", ".join(map(str, VALID_POLES)))
    sheet, row = first_seen or ("?", "?")
    return texts("problems", "DQ107", field=field, text=value, sheet=sheet, row=row)


def validate(items: pd.DataFrame, source: CellSource) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(items with every failing value blanked, one problem row per failure case).

    Duplicate equipment ids are reported on every occurrence after the first but kept: an id is never judged,
    and the report needs it to show which item is meant.
    """
    items, rows = _schema_failures(items, source)
    return _implausible_for_family(items, source, rows)


def _schema_failures(items: pd.DataFrame, source: CellSource) -> tuple[pd.DataFrame, list[tuple]]:
    """The schema's failures (ranges whatever the family, duplicate ids, pole counts), their values blanked."""
    failures = failure_cases(items)
    if not len(failures):
        return items, []
    items = items.copy(deep=False)  # copy-on-write: only the columns blanked below are copied
    first_seen = _first_occurrences(items)
    rows = []
    for check, column, item in failures[["check", "column", "index"]].itertuples(index=False):
        item = int(item)
        source_column, value = source(item, column)
        value = value[:VALUE_TEXT_LIMIT]
        zh, en = _messages(check, column, value, first_seen.get(items.at[item, "equipment_id"]))
        rows.append((item, column, source_column, value, check.split(":")[0], zh, en))
    blank = failures[failures["check"] != "DQ107:duplicate"]
    for column, group in blank.groupby("column"):
        items.loc[group["index"].astype(int).to_numpy(), column] = np.nan
    return items, rows


def _range_text(low: float, high: float, unit: str | None) -> tuple[str, str]:
    """(zh, en) text of an inclusive range whose ends may be open: ``40–99.5 %``, ``≥ 10 W``."""
    unit = " %" if unit == "percent" else f" {unit.replace('**3', '³')}" if unit else ""  # kW/(m³/min), as printed
    if np.isinf(high):
        return f"不小于 {low:g}{unit}", f"≥ {low:g}{unit}"
    if np.isinf(low):
        return f"不大于 {high:g}{unit}", f"≤ {high:g}{unit}"
    return f"{low:g}–{high:g}{unit}", f"{low:g}–{high:g}{unit}"


def _implausible_for_family(items: pd.DataFrame, source: CellSource,
                            rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """DQ103 for a value outside the plausible range its family's profile gives (``plausible``: a motor's
    efficiency of 30 %, a transformer's no-load loss of 1.2 W written in kW), the value blanked so that it is never
    judged; the problem rows with those of the schema."""
    copied = False
    for family, profile in profiles().items():
        if not profile.plausible:
            continue
        members = (items["family"] == family).to_numpy(dtype=bool)
        if not members.any():
            continue
        for column, (low, high) in profile.plausible.items():
            values = items[column].to_numpy(dtype=float)
            with np.errstate(invalid="ignore"):
                outside = members & ~np.isnan(values) & ((values < low) | (values > high))
            if not outside.any():
                continue
            if not copied:
                items, copied = items.copy(deep=False), True
            zh_range, en_range = _range_text(low, high, BY_NAME[column].unit)
            spec = BY_NAME[column]
            for item in np.flatnonzero(outside).tolist():
                source_column, text = source(item, column)
                text = (text or f"{values[item]:g}")[:VALUE_TEXT_LIMIT]
                zh, en = texts("problems", "DQ103 family", field=(spec.zh, spec.en), text=text,
                               range=(zh_range, en_range),
                               family=(family_label(family, "zh"), family_label(family, "en")))
                rows.append((item, column, source_column, text, "DQ103", zh, en))
            items.loc[items.index[outside], column] = np.nan
    return items, problems_frame(rows)


def _first_occurrences(items: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """(sheet, row) where each repeated equipment id first appears."""
    ids = items["equipment_id"].dropna()
    repeated = ids.duplicated(keep=False)
    firsts = ids[repeated & ~ids.duplicated(keep="first")]
    return {equipment_id: (items.at[item, "sheet"], int(items.at[item, "row"]))
            for item, equipment_id in firsts.items()}


def problems_frame(rows: list[tuple] | None = None) -> pd.DataFrame:
    """The problems frame with its dtypes, from (item, column, source_column, value, code, zh, en[, relevant])
    tuples.

    ``relevant`` (set once the families are known) says whether the item's family reads the column: a problem in a
    column it does not read is a note, never a change of verdict."""
    rows = [row if len(row) == len(PROBLEM_COLUMNS) else (*row, True) for row in rows or []]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    return frame.astype({"item": "int64", **{name: "string" for name in PROBLEM_COLUMNS[1:-1]}, "relevant": bool})


def empty_problems() -> pd.DataFrame:
    return problems_frame()
