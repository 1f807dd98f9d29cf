"""Write one audit into the findings store: its items and its findings, each a Parquet file of typed columns
(text, numbers, dates, booleans — never text for a number), with the enterprise, the rulebook version and the
inventory's digest on every row, so that a row read alone still says what it was judged by."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from effaudit import __version__
from effaudit.atomic import write_bytes
from effaudit.batch.summary import EnterpriseSummary, model_key
from effaudit.engine import AuditResult
from effaudit.filenames import readable

TABLES = ("items", "findings")


def partition(store: Path, table: str, as_of: dt.date | str, enterprise: str) -> Path:
    """The folder of one enterprise's round of ``table`` (hive style: DuckDB reads the keys from the path)."""
    as_of = as_of.isoformat() if isinstance(as_of, dt.date) else as_of
    return store / table / f"as_of={as_of}" / f"enterprise={enterprise}"


def written(store: Path, as_of: dt.date | str, enterprise: str) -> bool:
    return all((partition(store, table, as_of, enterprise) / "part-0.parquet").is_file() for table in TABLES)


def remove(store: Path, as_of: dt.date | str, enterprise: str) -> None:
    """Forget an enterprise's round (its input is gone or unusable now)."""
    for table in TABLES:
        folder = partition(store, table, as_of, enterprise)
        (folder / "part-0.parquet").unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass  # not there, or someone else's files in it


def _arrow_table(frame: pd.DataFrame):  # noqa: ANN202 - pyarrow.Table, imported lazily
    """An Arrow table with a type per pandas dtype: pandas' text columns may hold only missing values, which
    Arrow would type as null and break the dataset's schema; timestamps are calendar dates here."""
    import pyarrow as pa

    fields, arrays = [], []
    for name, column in frame.items():
        if pd.api.types.is_bool_dtype(column):
            kind = pa.bool_()
        elif pd.api.types.is_integer_dtype(column):
            kind = pa.int64()
        elif pd.api.types.is_float_dtype(column):
            kind = pa.float64()
        elif pd.api.types.is_datetime64_any_dtype(column):
            kind, column = pa.date32(), column.dt.date
        else:
            kind, column = pa.string(), column.astype(object).where(column.notna(), None)
        fields.append(pa.field(str(name), kind))
        try:
            arrays.append(pa.array(column, type=kind, from_pandas=True))
        except UnicodeEncodeError:  # Arrow text is UTF-8: a file name's undecodable bytes as effaudit shows them
            arrays.append(pa.array(column.map(readable, na_action="ignore"), type=kind, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _write(path: Path, frame: pd.DataFrame) -> None:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(_arrow_table(frame), buffer, compression="zstd")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, buffer.getvalue())


PLAN_COLUMNS = {"rank": "plan_rank", "action": "plan_action", "deadline": "plan_deadline", "kwh": "saving_kwh",
                "tce": "saving_tce", "tco2": "saving_tco2", "money": "saving_money", "investment": "investment",
                "payback_years": "payback_years"}


def _plan_columns(result: AuditResult) -> pd.DataFrame:
    """Each item's row of the renewal list (action, rank, savings, investment), indexed by item position; every
    column typed even when the list is empty, so that the dataset's schema never changes with the data."""
    plan = result.plan.items if result.plan is not None else pd.DataFrame(columns=["item", *PLAN_COLUMNS])
    frame = plan.set_index("item")[list(PLAN_COLUMNS)].rename(columns=PLAN_COLUMNS)
    return frame.astype({"plan_rank": "Int64", "plan_action": "string", "plan_deadline": "string",
                         **{name: "float64" for name in list(PLAN_COLUMNS.values())[3:]}})


def write_audit(store: Path, result: AuditResult, summary: EnterpriseSummary) -> None:
    """Replace the enterprise's round in the store with ``result``; ``summary`` names the enterprise (name,
    industry, district, folder) as the region summary does, and ``model_key`` is the model as it groups them."""
    stamp = {"inventory_sha256": result.inventory.sha256, "rulebook_version": result.rulebook.version,
             "effaudit_version": __version__}
    enterprise = {"enterprise_name": summary.name, "industry": summary.industry, "district": summary.district,
                  "input": summary.input, "jurisdiction": result.jurisdiction}
    items = result.items.reset_index(drop=True)
    items.insert(0, "item", range(len(items)))
    items = items.assign(model_key=items["model"].map(model_key).astype(object), **enterprise, **stamp)
    items = items.join(_plan_columns(result), on="item")
    findings = result.findings.reset_index(drop=True).assign(
        equipment_id=result.items["equipment_id"].iloc[result.findings["item"].to_numpy()].to_numpy(), **stamp)
    for table, frame in (("items", items), ("findings", findings)):
        _write(partition(store, table, result.as_of, summary.folder) / "part-0.parquet", frame)
