"""Read the findings store with DuckDB (embedded: no server, and it scans the Parquet files instead of loading
them, so a region larger than memory still sums up).

``connect`` gives a connection with the views ``items`` and ``findings`` (the partition keys ``as_of`` and
``enterprise`` as columns); ``write_catalog`` saves the same views in ``STORE/effaudit.duckdb`` for people who
query the store themselves; ``enterprise_summaries`` rebuilds the region summary's per-enterprise figures.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from effaudit.batch.summary import EnterpriseSummary
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER
from effaudit.standards.rulebook import KNOWN_STANDARDS
from effaudit.target_share import ASSESSED, AT_TARGET
from effaudit.store.write import TABLES

CATALOG = "effaudit.duckdb"
# Sums as exact decimals: a sum of doubles in DuckDB depends on how its threads split the rows, and the summary
# must be the same bytes on every run.
EXACT = "DECIMAL(38, 10)"


def sql_text(text: str) -> str:
    """A string literal for a query that DuckDB cannot take as a parameter (a view's definition, an IN list)."""
    return "'" + text.replace("'", "''") + "'"


def sql_list(values: Sequence[str]) -> str:
    return ", ".join(map(sql_text, values))


def share_sums() -> str:
    """SQL over ``items``: the sums of the 2027 share as the audit measures it (effaudit.target_share) — graded units,
    units at the target, graded power, power at the target; key families only, a blank quantity is one unit."""
    key, graded, target = (f"family IN ({sql_list(sorted(KNOWN_STANDARDS))})", sql_list(ASSESSED),
                           sql_list(AT_TARGET))
    units, power = "coalesce(quantity, 1)", "coalesce(quantity, 1) * coalesce(rated_power_kw, 0)"
    return ", ".join(f"coalesce(sum(({value})::{EXACT}) FILTER ({key} AND verdict IN ({verdicts})), 0)"
                     for value in (units, power) for verdicts in (graded, target))


def _define_views(connection, store: Path) -> None:  # noqa: ANN001 - a duckdb connection
    """A view per table that has files (DuckDB refuses a view over a pattern that matches nothing)."""
    for table in TABLES:
        if next((store / table).glob("*/*/*.parquet"), None) is None:
            continue
        files = sql_text(str(store.resolve() / table / "*" / "*" / "*.parquet"))
        connection.execute(
            f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet({files}, hive_partitioning = true, "
            "hive_types = {'as_of': DATE, 'enterprise': VARCHAR}, union_by_name = true)")


def connect(store: Path):  # noqa: ANN201 - duckdb.DuckDBPyConnection, imported lazily
    import duckdb

    connection = duckdb.connect()
    _define_views(connection, store)
    return connection


def write_catalog(store: Path) -> None:
    """STORE/effaudit.duckdb: a DuckDB database holding only the two views (the data stays in the Parquet
    files), so that ``duckdb STORE/effaudit.duckdb`` can query ``items`` and ``findings`` at once. Built under a
    temporary name and renamed, like every output."""
    import duckdb

    handle, temporary = tempfile.mkstemp(prefix=f".{CATALOG}.", suffix=".tmp", dir=store)
    os.close(handle)
    os.unlink(temporary)  # DuckDB creates the database file itself
    try:
        with duckdb.connect(temporary) as connection:
            _define_views(connection, store)
        os.replace(temporary, store / CATALOG)
    finally:
        Path(temporary).unlink(missing_ok=True)
        Path(temporary + ".wal").unlink(missing_ok=True)


def enterprise_summaries(store: Path, as_of: dt.date, enterprises: Sequence[tuple[str, str]]
                         ) -> list[EnterpriseSummary]:
    """The region summary's figures of each ``(folder, input)`` enterprise of one round, computed from the
    store, in the order given (the input that made the folder is this run's spelling of it)."""
    if not enterprises:
        return []
    connection = connect(store)
    connection.execute("CREATE TEMP TABLE round_enterprises (enterprise VARCHAR)")
    connection.executemany("INSERT INTO round_enterprises VALUES (?)", [[folder] for folder, _ in enterprises])
    connection.execute(
        "CREATE TEMP VIEW round_items AS SELECT *, coalesce(quantity, 0) AS units, "
        "coalesce(quantity, 0) * coalesce(rated_power_kw, 0) AS power FROM items "
        f"WHERE as_of = DATE '{as_of.isoformat()}' AND enterprise IN (SELECT enterprise FROM round_enterprises)")
    totals = {row[0]: row[1:] for row in connection.execute(f"""
        SELECT enterprise, any_value(enterprise_name), any_value(industry), any_value(district), count(*),
               sum(units::{EXACT}), sum(power::{EXACT}),
               {share_sums()}
        FROM round_items GROUP BY enterprise""").fetchall()}
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: {"verdict": {}, "status": {}})
    for column in ("verdict", "status"):
        for enterprise, value, count in connection.execute(
                f"SELECT enterprise, {column}, count(*) FROM round_items GROUP BY ALL").fetchall():
            counts[enterprise][column][value] = count
    families: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for enterprise, family, items, units, power, violations in connection.execute(f"""
            SELECT enterprise, coalesce(family, 'unknown') AS family_key, count(*), sum(units::{EXACT}),
                   sum(power::{EXACT}), count(*) FILTER (status = 'violation')
            FROM round_items GROUP BY ALL ORDER BY enterprise, family_key""").fetchall():
        families[enterprise][family] = {"items": float(items), "quantity": float(units),
                                         "rated_power_kw": float(power), "violations": float(violations)}
    models: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for enterprise, model, items, units in connection.execute(f"""
            SELECT enterprise, model_key, count(*), sum(units::{EXACT}) FROM round_items
            WHERE verdict = 'phase_out' AND model_key <> '' GROUP BY ALL ORDER BY enterprise, model_key
            """).fetchall():
        models[enterprise][model] = [int(items), float(units)]
    connection.close()
    summaries = []
    for folder, input_name in enterprises:
        name, industry, district, items, *sums = totals[folder]
        quantity, power, graded_quantity, target_quantity, graded_power, target_power = map(float, sums)
        summaries.append(EnterpriseSummary(
            input=input_name, folder=folder, name=name, industry=industry, district=district, items=items,
            quantity=quantity, rated_power_kw=power, graded_quantity=graded_quantity,
            target_quantity=target_quantity, graded_power_kw=graded_power, target_power_kw=target_power,
            by_verdict={v: counts[folder]["verdict"].get(v, 0) for v in VERDICT_ORDER},
            by_status={s: counts[folder]["status"].get(s, 0) for s in STATUS_ORDER},
            by_family=families[folder], phase_out_models=models[folder]))
    return summaries
